// Real calendars, as a new LPSE brings them, through the documented surface only: one deployment
// hosting three offices (the first, WIB; one added with `loket office add --tz WITA`; one made
// through POST /api/v1/offices in WIT), each given the 2026 decree the way its admin has it —
// Google Calendar's "Hari libur di Indonesia" download (test/fixtures/libur-google-id-2026.ics:
// CRLF, folded lines, observances marked "Perayaan", multi-day events with an exclusive DTEND)
// imported with the CLI and, with a byte-order mark, through the API; a spreadsheet saved by
// Excel in an Indonesian locale (test/fixtures/libur-skb-2026-excel.csv: a BOM, a title above the
// table, semicolons, Indonesian headers, dates as 2026-03-18, 19/03/2026, 17 Agustus 2026 and, in
// cells formatted as a date and a time, 20/03/2026 0:00, empty rows at the end). Then cases
// of real procedures opened at the instants that matter (late Friday, just before Lebaran's cuti
// bersama, 31 December after hours, a file returned to the requester over Lebaran) and their
// stored due times checked against times worked out by hand in the comment beside each, from the
// default week (Mon–Thu 07:30–12:00, 13:00–16:00; Fri 07:30–11:30, 13:00–16:30) and the SOPs'
// standards (sop/*.sop); Jayapura keeps Ramadan's hours until 20 March (a period). March 2026: Wed 18 cuti bersama Nyepi, Thu 19 Nyepi, Fri 20 cuti
// bersama, Sat 21–Sun 22 Idul Fitri, Mon 23–Tue 24 cuti bersama; Wed 25 the first day open.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { frozenServer, initData, cli, request, ROOT } from './lib.mjs';

const fixture = (name) => join(ROOT, 'test/fixtures', name);
const GOOGLE = readFileSync(fixture('libur-google-id-2026.ics'));
const EXCEL = fixture('libur-skb-2026-excel.csv');
const REQUESTER = { name: 'Dewi Lestari', email: 'dewi.lestari@example.go.id', phone: '081298765432' };
const TINGGI = { urgency: 'mendesak', impact: 'besar' };   // response 1 office hour, resolution 7.5

const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;

// The session moved to office CODE (the admin holds a role in each), as a user of several does.
async function inOffice(code) {
  const r = await api('POST', '/api/v1/me/office', { office: code });
  assert.equal(r.status, 200, `${code}: ${r.text}`);
}
async function open(sop, subject, extra = {}) {
  const r = await api('POST', '/api/v1/cases', { sop, channel: 'letter', subject, requester: REQUESTER, ...extra });
  assert.equal(r.status, 201, `open ${sop}: ${r.text}`);
  return r.json;
}
async function step(c, no, outcome = 'done') {
  const r = await api('POST', `/api/v1/cases/${encodeURIComponent(c.number)}/steps/${no}`, { outcome });
  assert.equal(r.status, 200, `${c.sop} step ${no}: ${r.text}`);
  return r.json;
}
async function get(c) {
  const r = await api('GET', `/api/v1/cases/${encodeURIComponent(c.number)}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}
function due(c, no, expected, what) {
  const st = c.steps.at(-1);
  assert.equal(st.no, no, `${what}: the open step`);
  assert.equal(st.due_at, expected, `${what}: due_at`);
}
function targets(c, response, resolution, what) {
  assert.equal(c.priority, 'tinggi', what);
  assert.equal(c.response_due_at, response, `${what}: response_due_at`);
  assert.equal(c.resolution_due_at, resolution, `${what}: resolution_due_at`);
}
const holidays = async (year) => {
  const r = await api('GET', `/api/v1/calendar?year=${year}`);
  assert.equal(r.status, 200, r.text);
  return r.json.holidays.map((h) => [h.day, h.kind, h.name]);
};
const list = (dir, office, year) => {
  const r = cli(['calendar', 'list', '--year', String(year), '--json', '--office', office, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).holidays.map((h) => [h.day, h.kind, h.name]);
};

// What the Google file gives for the days that matter (its names, not the decree's wording)
const GOOGLE_LEBARAN = [
  ['2026-03-18', 'cuti_bersama', 'Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka)'],
  ['2026-03-19', 'national', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
  ['2026-03-20', 'cuti_bersama', 'Cuti Bersama Idul Fitri'],
  ['2026-03-21', 'national', 'Hari Raya Idul Fitri 1447 Hijriah'],
  ['2026-03-22', 'national', 'Hari Raya Idul Fitri 1447 Hijriah'],
  ['2026-03-23', 'cuti_bersama', 'Cuti Bersama Idul Fitri'],
  ['2026-03-24', 'cuti_bersama', 'Cuti Bersama Idul Fitri'],
];
// A data folder (the first office LPSE in WIB) with an office in Makassar (WITA, added with the CLI)
// whose admin holds a role there, and Google's file ics written into it as basic.ics: {dir, gics}.
function withMakassar(ics) {
  const dir = initData();
  let r = cli(['office', 'add', 'KOTA-MKS', '--name', 'LPSE Kota Makassar', '--tz', 'WITA', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'roles', 'admin', '--office', 'KOTA-MKS', '--role', 'admin', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const gics = join(dir, 'basic.ics');
  writeFileSync(gics, ics);
  return { dir, gics };
}
const lebaran = (rows) => rows.filter(([d]) => d >= '2026-03-18' && d <= '2026-03-24');

test('three offices in WIB, WITA and WIT take the decree as their admins have it, and cases are due by hand-worked times', async () => {
  // ---- the offices and their files, as the README and docs/calendar.md say ----
  const { dir, gics } = withMakassar(GOOGLE);
  let r;
  for (const [file, office] of [[gics, 'LPSE'], [EXCEL, 'KOTA-MKS']]) {
    r = cli(['calendar', 'import', file, '--office', office, '--data', dir]);
    assert.equal(r.status, 0, `${file}: ${r.stderr}`);
  }
  // the Google download: 26 days off (the two-day events a row each), Kartini, Hari Ibu and
  // Malam Tahun Baru skipped as observances
  r = cli(['calendar', 'import', gics, '--data', dir]);
  assert.match(r.stdout, /Imported 26 holidays/);
  assert.match(r.stdout, /Skipped 3 observances/);
  assert.deepEqual(lebaran(list(dir, 'LPSE', 2026)), GOOGLE_LEBARAN);
  const gyear = list(dir, 'LPSE', 2026);
  assert.ok(!gyear.some(([d]) => ['2026-04-21', '2026-12-22', '2026-12-31'].includes(d)), 'observances are no days off');
  assert.deepEqual(list(dir, 'LPSE', 2027), [['2027-01-01', 'national', 'Tahun Baru Masehi']]);
  const mks = list(dir, 'KOTA-MKS', 2026);
  assert.deepEqual(lebaran(mks), [
    ['2026-03-18', 'cuti_bersama', 'Cuti Bersama Hari Suci Nyepi'],
    ['2026-03-19', 'national', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
    ['2026-03-20', 'cuti_bersama', 'Cuti Bersama Idul Fitri 1447 H'],
    ['2026-03-21', 'national', 'Hari Raya Idul Fitri 1447 Hijriah'],
    ['2026-03-22', 'national', 'Hari Raya Idul Fitri 1447 Hijriah (hari kedua)'],
    ['2026-03-23', 'cuti_bersama', 'Cuti Bersama Idul Fitri 1447 H'],
    ['2026-03-24', 'cuti_bersama', 'Cuti Bersama Idul Fitri 1447 H'],
  ]);
  assert.deepEqual(list(dir, 'KOTA-MKS', 2027), [['2027-01-01', 'national', 'Tahun Baru 2027 Masehi']]);
  assert.ok(mks.some(([d, k, n]) => d === '2026-08-17' && k === 'national' && n === 'Hari Proklamasi Kemerdekaan RI'));
  // the spreadsheet's 16 rows: its title, its header and its empty rows left alone
  r = cli(['calendar', 'import', EXCEL, '--office', 'KOTA-MKS', '--data', dir]);
  assert.match(r.stdout, /Imported 16 holidays/);
  // the same files again change nothing
  for (const [file, office] of [[gics, 'LPSE'], [EXCEL, 'KOTA-MKS']]) {
    const before = [list(dir, office, 2026), list(dir, office, 2027)];
    r = cli(['calendar', 'import', file, '--office', office, '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual([list(dir, office, 2026), list(dir, office, 2027)], before, `${office}: imported twice`);
  }
  // a spreadsheet with one date that does not exist (31 February, typed by hand): refused, naming
  // the file's line and what is wrong, and nothing of it is imported (its other rows are new names)
  const bad = join(dir, 'libur-salah.csv');
  writeFileSync(bad, '\ufeffNo;Tanggal;Keterangan;Jenis\r\n1;20/03/2026;Libur Lebaran;Cuti Bersama\r\n2;31/02/2026;Hari Jadi Kota;Libur Daerah\r\n3;01/06/2026;Libur Pancasila;Libur Nasional\r\n');
  r = cli(['calendar', 'import', bad, '--office', 'KOTA-MKS', '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /libur-salah\.csv: line 3: .*date/);
  assert.match(r.stderr, /nothing was imported/);
  assert.deepEqual(list(dir, 'KOTA-MKS', 2026), mks);

  // ---- Monday 2 March 2026 09:00 WITA: the WIT office made through the API, the Google file
  // (with a byte-order mark, as some editors save it) uploaded; a training planned in Makassar ----
  await clock.use(dir);
  await serveAt('2026-03-02T09:00:00+08:00');
  r = await api('POST', '/api/v1/offices', { code: 'KAB-JYP', name: 'LPSE Kabupaten Jayapura', tz: 'WIT' });
  assert.equal(r.status, 201, r.text);
  await inOffice('KAB-JYP');
  // a broken copy first: an event cut short in the middle of the file. Refused, naming its line;
  // the office keeps the decree compiled in (its names), nothing of the file's earlier events
  const text = GOOGLE.toString('utf8');
  const broken = text.replace('DTSTART;VALUE=DATE:20260527', 'DTSTART;VALUE=DATE:20260527T');
  const line = text.slice(0, text.indexOf('DTSTART;VALUE=DATE:20260527')).split('\r\n').length;
  r = await request(clock.url, 'POST', '/api/v1/calendar/import?name=basic.ics&lang=en',
    { token: clock.token, body: broken, headers: { 'Content-Type': 'text/calendar' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'file');
  assert.match(r.json.error.message, new RegExp(`line ${line}\\b.*DTSTART`));
  // a download cut short between two events (the network dropped): refused, not half a year
  const cut = text.slice(0, text.indexOf('BEGIN:VEVENT', text.indexOf('20260501')));
  r = await request(clock.url, 'POST', '/api/v1/calendar/import?name=basic.ics&lang=en',
    { token: clock.token, body: cut, headers: { 'Content-Type': 'text/calendar' } });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.message, /line \d+: the file ends without END:VCALENDAR/);
  const compiled = await holidays(2026);
  assert.ok(compiled.some(([d, , n]) => d === '2026-03-21' && n === 'Idul Fitri 1447 H'), JSON.stringify(compiled));
  assert.deepEqual(await holidays(2027), []);
  for (const round of [1, 2]) {
    r = await request(clock.url, 'POST', '/api/v1/calendar/import?name=basic.ics',
      { token: clock.token, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), GOOGLE]), headers: { 'Content-Type': 'text/calendar' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.imported, 26, `round ${round}`);
    assert.equal(r.json.observances, 3, `round ${round}`);
    assert.deepEqual(lebaran(await holidays(2026)), GOOGLE_LEBARAN, `round ${round}`);
    assert.deepEqual(await holidays(2027), [['2027-01-01', 'national', 'Tahun Baru Masehi']], `round ${round}`);
  }
  r = await api('GET', '/api/v1/calendar?year=2026');
  assert.equal(r.json.tz, 'WIT');
  // Jayapura keeps Ramadan's hours (the circular of the Minister for Administrative Reform):
  // Mon–Thu 08:00–15:00, Fri 08:00–15:30, without a break, until the eve of Lebaran
  r = await api('POST', '/api/v1/calendar/periods', { name: 'Ramadan 1447 H', from: '2026-02-19', to: '2026-03-20',
                                                      hours: ['1-4 08.00–15.00', '5 08.00–15.30'] });
  assert.equal(r.status, 201, r.text);

  // BTG-005 in Makassar, the training on Thursday 26 March 09:00 WITA. Its preparation is due the
  // close (16:00 WITA = 08:00Z) of the Nth working day before Thursday: Wed 25 (1st); 18–24 closed;
  // Tue 17 (2nd), Mon 16 (3rd), Fri 13 (4th; closes 16:30), Thu 12 (5th), Wed 11 (6th), Tue 10 (7th).
  await inOffice('KOTA-MKS');
  let t = await open('SOP-LPSE.BTG-005', 'Pelatihan SPSE 4.5 bagi Pokja', {
    events: { training_start: '2026-03-26T09:00:00+08:00', training_end: '2026-03-26T16:00:00+08:00' } });
  t = await step(t, 1);
  assert.deepEqual(t.steps.at(-1).tasks.map((x) => x.due_at), [
    '2026-03-10T08:00:00Z',   // attendance, 7 working days before: Tue 10 Mar 16:00 WITA
    '2026-03-10T08:00:00Z',   // facilities, 7: the same
    '2026-03-17T08:00:00Z',   // material, 2: Tue 17 Mar 16:00 WITA
    '2026-03-12T08:00:00Z',   // trainer, 5: Thu 12 Mar 16:00 WITA
  ]);

  // ---- Friday 13 March 16:20 WITA (08:20Z), late Friday in Makassar ----
  await serveAt('2026-03-13T16:20:00+08:00');
  await inOffice('KOTA-MKS');
  let c = await open('OI-02', 'Jumat sore', TINGGI);
  // step 1, 10min office: 16:20 → 16:30, Friday's closing itself: 08:30Z.
  due(c, 1, '2026-03-13T08:30:00Z', 'OI-02 step 1, Fri 16:20 WITA');
  // response 60 min: 10 on Fri; Mon 16 07:30 + 50 → 08:20 WITA = 00:20Z. Resolution 450: 10 on
  // Fri; Mon 07:30–12:00 (270: 280); 13:00 + 170 → 15:50 WITA = 07:50Z.
  targets(c, '2026-03-16T00:20:00Z', '2026-03-16T07:50:00Z', 'OI-02, Fri 16:20 WITA');

  // ---- Friday 13 March 16:29 WIB (09:29Z), a phone call at the LPSE one minute before closing ----
  await serveAt('2026-03-13T16:29:00+07:00');
  let p = await open('BTG-017', 'telepon Jumat sore', { channel: 'phone' });
  p = await step(p, 1);
  // step 2, 10s real: 16:29:10 WIB = 09:29:10Z, the calendar aside.
  due(p, 2, '2026-03-13T09:29:10Z', 'BTG-017 step 2, Fri 16:29 WIB');
  p = await step(p, 2);
  // step 3, 2min office: 1 min to 16:30; Mon 16 07:30 + 1 → 07:31 WIB = 00:31Z.
  due(p, 3, '2026-03-16T00:31:00Z', 'BTG-017 step 3, Fri 16:29 WIB');

  // ---- Tuesday 17 March 10:00 WIB (03:00Z): a letter asking for a forgotten user ID (SOP 05),
  // its file returned to the requester on the spot, until after Lebaran ----
  await serveAt('2026-03-17T10:00:00+07:00');
  let f = await open('OI-05', 'Lupa user ID PPK Dinas PU', TINGGI);
  // response 60 min: 11:00 WIB = 04:00Z; resolution 450: Tue 10:00–12:00 (120), 13:00–16:00
  // (300); Wed 25 07:30 + 150 → 10:00 WIB = 03:00Z.
  targets(f, '2026-03-17T04:00:00Z', '2026-03-25T03:00:00Z', 'OI-05, Tue 17 Mar 10:00 WIB');
  f = await step(f, 1);
  f = await step(f, 2);
  f = await step(f, 3, 'no');
  assert.equal(f.steps.at(-1).no, 6);
  assert.equal(f.steps.at(-1).held_since, '2026-03-17T03:00:00Z');
  // the same instant in Makassar (11:00 WITA) and Jayapura (12:00 WIT, in Ramadan's hours)
  await inOffice('KOTA-MKS');
  c = await open('OI-02', 'sebelum Nyepi', TINGGI);
  // WITA response: 12:00 WITA = 04:00Z; resolution 450: 11:00–12:00 (60), 13:00–16:00 (180: 240);
  // Wed 25 07:30 + 210 → 11:00 WITA = 03:00Z.
  targets(c, '2026-03-17T04:00:00Z', '2026-03-25T03:00:00Z', 'OI-02, Tue 17 Mar 11:00 WITA');
  await inOffice('KAB-JYP');
  c = await open('OI-02', 'siang Ramadan', TINGGI);
  // Ramadan's hours, no break at noon: step 1, 10min office → 12:10 WIT = 03:10Z.
  due(c, 1, '2026-03-17T03:10:00Z', 'OI-02 step 1, Tue 12:00 WIT');
  // response: 13:00 WIT = 04:00Z; resolution 450: 12:00–15:00 (180); 18–24 closed; Wed 25, the
  // weekly hours again: 07:30–12:00 (270) → 12:00, the closing of the span itself: 03:00Z.
  targets(c, '2026-03-17T04:00:00Z', '2026-03-25T03:00:00Z', 'OI-02, Tue 17 Mar 12:00 WIT');

  // ---- Tuesday 17 March 15:59 WIB (08:59Z): a call one minute before the long closing ----
  await serveAt('2026-03-17T15:59:00+07:00');
  p = await open('BTG-017', 'telepon sebelum Lebaran', { channel: 'phone', ...TINGGI });
  // response 60: 1 min on Tue; Wed 25 07:30 + 59 → 08:29 WIB = 01:29Z. Resolution 450: 1 on Tue;
  // Wed 07:30–12:00 (270: 271); 13:00 + 179 → 15:59 WIB = 08:59Z.
  targets(p, '2026-03-25T01:29:00Z', '2026-03-25T08:59:00Z', 'BTG-017, Tue 17 Mar 15:59 WIB');
  p = await step(await step(p, 1), 2);
  // step 3, 2min office: 1 min to 16:00; Wed 25 07:30 + 1 → 07:31 WIB = 00:31Z.
  due(p, 3, '2026-03-25T00:31:00Z', 'BTG-017 step 3, Tue 17 Mar 15:59 WIB');

  // ---- Friday 20 March 09:00 WIB (02:00Z), Lebaran's cuti bersama: the admin imports the same
  // Google file again through the API, with the returned file held and the call's clocks running.
  // Nothing changes: no clock moves, the held file's targets neither ----
  await serveAt('2026-03-20T09:00:00+07:00');
  const open_before = await Promise.all([f, p].map(get));
  r = await request(clock.url, 'POST', '/api/v1/calendar/import?name=basic.ics',
    { token: clock.token, body: GOOGLE, headers: { 'Content-Type': 'text/calendar' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.moved, { steps: 0, cases: 0, training_items: 0 }, r.text);
  assert.deepEqual(await Promise.all([f, p].map(get)), open_before);

  // ---- Wednesday 25 March 10:00 WIB (03:00Z): the completed file is back ----
  await serveAt('2026-03-25T10:00:00+07:00');
  f = await step(f, 6);
  // held 450 office minutes (Tue 10:00–16:00 less the break: 300; Wed 07:30–10:00: 150): the
  // resolution target moves on by them, from Wed 10:00 (10:00–12:00, 13:00–16:00: 300) to Thu 26
  // 07:30 + 150 → 10:00 WIB = 03:00Z. The response target was met before the hold and stays.
  targets(f, '2026-03-17T04:00:00Z', '2026-03-26T03:00:00Z', 'OI-05 after the hold');
  const held = f.steps.find((s) => s.no === 6);
  assert.equal(held.paused_s, 8 * 86400, 'held eight days of real time');
  // step 2 again, 10min office from now: 10:10 WIB = 03:10Z.
  due(f, 2, '2026-03-25T03:10:00Z', 'OI-05 step 2 after the hold');

  // ---- Thursday 31 December 16:30 WIT (07:30Z): after hours in Jayapura, 14:30 in Bogor ----
  await serveAt('2026-12-31T16:30:00+09:00');
  await inOffice('KAB-JYP');
  c = await open('OI-02', 'malam tahun baru', TINGGI);
  // closed at 16:00 WIT; Fri 1 Jan 2027 Tahun Baru (from the file); the weekend; Mon 4 Jan.
  // step 1: 07:40 WIT = 3 Jan 22:40Z; response 08:30 WIT = 23:30Z; resolution 450: 07:30–12:00
  // (270), 13:00–16:00 (180) → 16:00 WIT = 07:00Z.
  due(c, 1, '2027-01-03T22:40:00Z', 'OI-02 step 1, Thu 31 Dec 16:30 WIT');
  targets(c, '2027-01-03T23:30:00Z', '2027-01-04T07:00:00Z', 'OI-02, Thu 31 Dec 16:30 WIT');
  await inOffice('LPSE');
  c = await open('OI-02', 'siang 31 Desember', TINGGI);
  // Malam Tahun Baru is an observance: Bogor works. Step 1: 14:40 WIB = 07:40Z; response 15:30
  // WIB = 08:30Z; resolution 450: 14:30–16:00 (90); Mon 4 Jan 07:30–12:00 (270: 360); 13:00 + 90
  // → 14:30 WIB = 07:30Z.
  due(c, 1, '2026-12-31T07:40:00Z', 'OI-02 step 1, Thu 31 Dec 14:30 WIB');
  targets(c, '2026-12-31T08:30:00Z', '2027-01-04T07:30:00Z', 'OI-02, Thu 31 Dec 14:30 WIB');
  // a day of its own, its kind as the spreadsheet writes it: stored local (a Saturday: nothing moves)
  r = await api('POST', '/api/v1/calendar/holidays', { day: '2027-01-02', name: 'Libur Tahun Baru Daerah', kind: 'Libur Daerah' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'local');
  assert.deepEqual(r.json.moved, { steps: 0, cases: 0, training_items: 0 });
  r = await api('POST', '/api/v1/calendar/holidays?lang=en', { day: '2027-01-02', name: 'x', kind: 'Libur Keagamaan' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'kind');
  // what was stored stays stored
  assert.equal((await get(f)).resolution_due_at, '2026-03-26T03:00:00Z');
});

// ---- the year's end, from files written by hand in the shapes Google, Outlook and Excel give ----
// RFC 5545 folding as Google does it: 75 octets, then a space; a fold may cut a UTF-8 character.
function fold(line) {
  const b = Buffer.from(line, 'utf8'), parts = [];
  for (let i = 0, first = true; i < b.length; first = false) {
    const n = first ? 75 : 74;
    parts.push(Buffer.concat([Buffer.from(first ? '' : ' '), b.subarray(i, i + n)]));
    i += n;
  }
  return Buffer.concat(parts.flatMap((p, k) => (k ? [Buffer.from('\r\n'), p] : [p])));
}
const icsFile = (lines) => Buffer.concat(lines.flatMap((l) => [fold(l), Buffer.from('\r\n')]));
const HIDE = '\\n\\nUntuk menyembunyikan perayaan\\, buka setelan Google Kalender > Hari libur di Indonesia';
function gev(start, end, summary, desc, uid, seq = 0) {
  return ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${start}`, `DTEND;VALUE=DATE:${end}`, 'DTSTAMP:20261124T101500Z',
    `UID:${uid}@google.com`, 'CLASS:PUBLIC', 'CREATED:20250905T120000Z', `DESCRIPTION:${desc}${HIDE}`,
    'LAST-MODIFIED:20251103T090000Z', `SEQUENCE:${seq}`, 'STATUS:CONFIRMED', `SUMMARY:${summary}`, 'TRANSP:TRANSPARENT', 'END:VEVENT'];
}
const NAS = 'Hari libur nasional', OBS = 'Perayaan';
const CB_NATAL = 'Cuti Bersama Hari Raya Natal (Malam Natal) — libur bagi pegawai negeri sipil dan swasta';
function googleYearEnd({ natal = 'Hari Raya Natal', imlek = '20270206' } = {}) {
  const next = (d) => String(Number(d) + 1);
  return icsFile(['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH', 'X-WR-CALNAME:Hari libur di Indonesia', 'X-WR-TIMEZONE:Asia/Jakarta',
    'X-WR-CALDESC:Hari libur dan perayaan umum di Indonesia',
    ...gev('20261222', '20261223', 'Hari Ibu', OBS, '20261222_ibu'),
    ...gev('20261224', '20261225', CB_NATAL, NAS, '20261224_cb'),
    ...gev('20261225', '20261226', natal, NAS, '20261225_natal'),
    ...gev('20261226', '20261227', 'Cuti Bersama Natal (Hari Tinju)', NAS, '20261226_cb'),
    ...gev('20261231', '20270101', 'Malam Tahun Baru', OBS, '20261231_mtb'),
    ...gev('20270101', '20270102', 'Tahun Baru Masehi 2027 🎉', NAS, '20270101_tb'),
    ...gev(imlek, next(imlek), 'Tahun Baru Imlek 2578 Kongzili (春节)', NAS, '20270206_imlek', imlek === '20270206' ? 0 : 1),
    ...gev('20270308', '20270310', 'Cuti Bersama Idul Fitri', NAS, '20270308_cb', 1),
    ...gev('20270310', '20270312', 'Hari Raya Idul Fitri 1448 Hijriah (عيد الفطر المبارك)', NAS, '20270310_idf'),
    ...gev('20270312', '20270317', 'Cuti Bersama Idul Fitri', NAS, '20270312_cb', 2),
    'END:VCALENDAR']);
}
// Outlook: a VTIMEZONE block, events as midnight to midnight in "SE Asia Standard Time" (Jakarta),
// a LANGUAGE parameter on SUMMARY, one all-day event as VALUE=DATE
const OUTLOOK = Buffer.from(['BEGIN:VCALENDAR', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'VERSION:2.0',
  'METHOD:PUBLISH', 'X-MS-OLK-FORCEINSPECTOROPEN:TRUE', 'BEGIN:VTIMEZONE', 'TZID:SE Asia Standard Time', 'BEGIN:STANDARD',
  'DTSTART:16010101T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'END:STANDARD', 'END:VTIMEZONE',
  ...[['20261224', '20261225', 'Cuti Bersama Natal'], ['20261225', '20261226', 'Hari Raya Natal']].flatMap(([s, e, name], i) => [
    'BEGIN:VEVENT', 'CLASS:PUBLIC', 'CREATED:20261101T020304Z', 'DESCRIPTION:\\n', `DTEND;TZID=SE Asia Standard Time:${e}T000000`,
    'DTSTAMP:20261124T020304Z', `DTSTART;TZID=SE Asia Standard Time:${s}T000000`, 'PRIORITY:5', 'SEQUENCE:0',
    `SUMMARY;LANGUAGE=id:${name}`, 'TRANSP:OPAQUE', `UID:040000008200E00074C5B7101A82E0080000000000000000000000000000000${i}`,
    'X-MICROSOFT-CDO-BUSYSTATUS:OOF', 'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE', 'END:VEVENT']),
  'BEGIN:VEVENT', 'CLASS:PUBLIC', 'DTEND;VALUE=DATE:20270102', 'DTSTAMP:20261124T020304Z', 'DTSTART;VALUE=DATE:20270101',
  'SUMMARY;LANGUAGE=id:Tahun Baru 2027 Masehi', 'TRANSP:TRANSPARENT', 'UID:040000008200E00074C5B7101A82E00800000000000000000000000000000009',
  'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
// Excel in an Indonesian locale: a BOM, semicolons, both date shapes, a column marking cuti bersama, empty rows
const EXCEL_YEAREND = '\ufefftanggal;keterangan;jenis;cuti bersama\r\n24/12/2026;Malam Natal;;Ya\r\n'
  + '25/12/2026;Hari Raya Natal;Libur Nasional;\r\n2026-12-26;Sehari setelah Natal;;Ya\r\n'
  + '01/01/2027;Tahun Baru 2027 Masehi;Libur Nasional;Tidak\r\n;;;\r\n;;;\r\n;;;\r\n';

test('the year end: Google, Outlook and Excel files imported, imported again and edited; cases across 1 January 2027 in WIB, WITA and WIT', async () => {
  // ---- Bogor (WIB): Google's file with the CLI, twice, then edited ----
  const { dir, gics } = withMakassar(googleYearEnd());
  let r = cli(['calendar', 'import', gics, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  // 24, 25, 26 Dec, 1 Jan, Imlek, 8–16 Mar (9 days): 14; Hari Ibu and Malam Tahun Baru skipped
  assert.match(r.stdout, /Imported 14 holidays/);
  assert.match(r.stdout, /Skipped 2 observances/);
  // the decree compiled in held 24 Dec under another name: told as changed, with what it was
  assert.match(r.stdout, /Changed \(1\):\n  2026-12-24  cuti_bersama  Cuti Bersama Hari Raya Natal \(Malam Natal\) — libur bagi pegawai negeri sipil dan swasta \(was: Cuti Bersama Hari Raya Natal\)\n/);
  const dec = list(dir, 'LPSE', 2026).filter(([d]) => d >= '2026-12-01');
  assert.deepEqual(dec, [['2026-12-24', 'cuti_bersama', CB_NATAL], ['2026-12-25', 'national', 'Hari Raya Natal'],
                         ['2026-12-26', 'cuti_bersama', 'Cuti Bersama Natal (Hari Tinju)']]);
  const y2027 = list(dir, 'LPSE', 2027);
  assert.equal(y2027.length, 11);
  assert.deepEqual(y2027[0], ['2027-01-01', 'national', 'Tahun Baru Masehi 2027 🎉']);
  assert.deepEqual(y2027.find(([d]) => d === '2027-03-10'), ['2027-03-10', 'national', 'Hari Raya Idul Fitri 1448 Hijriah (عيد الفطر المبارك)']);
  r = cli(['calendar', 'import', gics, '--data', dir]);
  assert.match(r.stdout, /All 14 of them already in the calendar as the file has them: unchanged\./);
  assert.doesNotMatch(r.stdout, /New|Changed|Not in the file/);
  assert.deepEqual(list(dir, 'LPSE', 2027), y2027, 'imported twice: no day doubled');
  // Google moves Imlek a day and renames Natal: what changed is said, and the day Imlek left is kept and named
  writeFileSync(gics, googleYearEnd({ natal: 'Hari Raya Natal 2026', imlek: '20270207' }));
  r = cli(['calendar', 'import', gics, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /12 of them already in the calendar as the file has them: unchanged\./);
  assert.match(r.stdout, /New \(1\):\n  2027-02-07  national      Tahun Baru Imlek 2578 Kongzili \(春节\)\n/);
  assert.match(r.stdout, /Changed \(1\):\n  2026-12-25  national      Hari Raya Natal 2026 \(was: Hari Raya Natal\)\n/);
  assert.match(r.stdout, /Not in the file, kept \(1; .*\):\n  2027-02-06  national      Tahun Baru Imlek 2578 Kongzili \(春节\)\n/);
  r = cli(['calendar', 'remove', '2027-02-06', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);

  // ---- Makassar (WITA): the spreadsheet through the API; a wrong one first ----
  await clock.use(dir);
  await serveAt('2026-12-01T09:00:00+08:00');
  await inOffice('KOTA-MKS');
  const post = (body, name, type) => request(clock.url, 'POST', `/api/v1/calendar/import?name=${name}&lang=en`,
    { token: clock.token, body, headers: { 'Content-Type': type } });
  r = await post(EXCEL_YEAREND.replace('Malam Natal;;Ya', 'Malam Natal;;Mungkin').replace('Libur Nasional;\r\n', 'Libur Nasional;Ya\r\n'),
    'libur.csv', 'text/csv');
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.lines, ['line 2: the Cuti Bersama column must be Ya or Tidak (or empty)',
    'line 3: the Cuti Bersama column says Ya but the kind says otherwise: correct one of them']);
  for (const round of [1, 2]) {
    r = await post(EXCEL_YEAREND, 'libur.csv', 'text/csv');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.imported, 4);
    // round 1: 25 Dec as the decree compiled in has it; 24 Dec renamed
    assert.equal(r.json.unchanged, round === 1 ? 1 : 4, r.text);
  }
  assert.deepEqual(await holidays(2026).then((h) => h.filter(([d]) => d >= '2026-12-01')), [
    ['2026-12-24', 'cuti_bersama', 'Malam Natal'], ['2026-12-25', 'national', 'Hari Raya Natal'],
    ['2026-12-26', 'cuti_bersama', 'Sehari setelah Natal']]);
  assert.deepEqual(await holidays(2027), [['2027-01-01', 'national', 'Tahun Baru 2027 Masehi']]);
  // edited: 1 January renamed, 2 January added (a Saturday)
  r = await post(EXCEL_YEAREND.replace('Tahun Baru 2027 Masehi;Libur Nasional;Tidak', 'Tahun Baru Masehi;Libur Nasional;Tidak')
    .replace(';;;\r\n', '02/01/2027;Libur Tahun Baru Daerah;Libur Daerah;\r\n;;;\r\n'), 'libur.csv', 'text/csv');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.imported, r.json.unchanged, r.json.added, r.json.not_in_file], [5, 3, ['2027-01-02'], []]);
  assert.deepEqual(r.json.changed, [{ day: '2027-01-01', name: 'Tahun Baru Masehi', kind: 'national',
                                      was_name: 'Tahun Baru 2027 Masehi', was_kind: 'national' }]);

  // ---- Jayapura (WIT), made through the API: Outlook's export ----
  r = await api('POST', '/api/v1/offices', { code: 'KAB-JYP', name: 'LPSE Kabupaten Jayapura', tz: 'WIT' });
  assert.equal(r.status, 201, r.text);
  await inOffice('KAB-JYP');
  r = await post(OUTLOOK, 'Kalender.ics', 'text/calendar');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 3);
  assert.deepEqual(await holidays(2027), [['2027-01-01', 'national', 'Tahun Baru 2027 Masehi']]);
  assert.deepEqual((await holidays(2026)).filter(([d]) => d >= '2026-12-01'),
                   [['2026-12-24', 'cuti_bersama', 'Cuti Bersama Natal'], ['2026-12-25', 'national', 'Hari Raya Natal']]);

  // ---- Wednesday 23 December 15:50, the last working day before Christmas in each office ----
  for (const [office, zone, z] of [['LPSE', '+07:00', 7], ['KOTA-MKS', '+08:00', 8], ['KAB-JYP', '+09:00', 9]]) {
    await serveAt(`2026-12-23T15:50:00${zone}`);
    await inOffice(office);
    const utc = (day, hhmm) => new Date(Date.parse(`${day}T${hhmm}:00${zone}`)).toISOString().replace('.000Z', 'Z');
    let c = await open('OI-02', `sebelum Natal ${office}`, TINGGI);
    // step 1, 10min office: 15:50 → 16:00 the same day
    due(c, 1, utc('2026-12-23', '16:00'), `${office} step 1`);
    // response 60: 10 on Wed; Thu 24 cuti bersama, Fri 25 Natal, the weekend; Mon 28 07:30 + 50 → 08:20.
    // Resolution 450: 10; Mon 07:30–12:00 (270: 280); 13:00 + 170 → 15:50
    targets(c, utc('2026-12-28', '08:20'), utc('2026-12-28', '15:50'), `${office} 23 Dec 15:50 (UTC${zone}, ${z})`);
    // step 1 done at 15:55: step 2, 10min office, 5 min on Wed, 5 from Mon 07:30 → 07:35
    await serveAt(`2026-12-23T15:55:00${zone}`);
    await inOffice(office);
    c = await step(c, 1);
    due(c, 2, utc('2026-12-28', '07:35'), `${office} step 2`);
  }

  // ---- Thursday 31 December 11:00 WIT in Jayapura (the New Year from Outlook's file) and Friday 8
  // January 2027 11:20 WITA in Makassar (Friday prayer's long break) ----
  for (const [now, office, step1, response, resolution, why] of [
    // step 1: 11:10 WIT; response 12:00 WIT, the span's own closing; resolution 450: 11:00–12:00 (60),
    // 13:00–16:00 (180: 240); Fri 1 Jan Tahun Baru, the weekend; Mon 4 Jan 07:30 + 210 → 11:00 WIT
    ['2026-12-31T11:00:00+09:00', 'KAB-JYP', '2026-12-31T02:10:00Z', '2026-12-31T03:00:00Z', '2027-01-04T02:00:00Z', 'across the New Year'],
    // step 1: 11:20 → 11:30; response 60: 10 to 11:30, 13:00 + 50 → 13:50 WITA; resolution 450: 10;
    // 13:00–16:30 (210: 220); Mon 11 Jan 07:30 + 230 → 11:20 WITA
    ['2027-01-08T11:20:00+08:00', 'KOTA-MKS', '2027-01-08T03:30:00Z', '2027-01-08T05:50:00Z', '2027-01-11T03:20:00Z', 'Friday noon'],
  ]) {
    await serveAt(now);
    await inOffice(office);
    const c = await open('OI-02', why, TINGGI);
    due(c, 1, step1, `${office} step 1, ${now}`);
    targets(c, response, resolution, `${office}, ${now}`);
  }
});
