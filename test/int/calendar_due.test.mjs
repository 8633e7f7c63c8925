// Due times on calendars as LPSEs have them: their own weekly hours (set through the API, in
// Indonesian 07.30 notation), offices in WITA, WIB and WIT, and the holiday files their admins
// bring (test/fixtures/libur-*: Thunderbird, Google Calendar, Excel and Sheets exports, imported
// with `loket calendar import`). Each server is restarted on its data folder with the clock
// frozen at the instant a case is opened (LOKET_TEST_NOW, in time order). Every due time is
// worked out by hand in the comment beside it (docs/calendar.md: office time skips closed hours,
// breaks, weekends and holidays, and ends at a closing rather than the next morning; working
// days before an event end at the close of that day; real time and "after an event" ignore the
// calendar; priority tinggi: response 1 office hour, resolution 1 working day = 7.5 office hours).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { frozenServer, initData, cli, webSession, ROOT } from './lib.mjs';

const REQUESTER = { name: 'Andi Pratama', email: 'andi.pratama@example.go.id', phone: '081234567890' };
const fixture = (name) => join(ROOT, 'test/fixtures', name);
const iso = (v) => new Date(v).toISOString();

const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;

// A new office's data folder with the holiday files imported by its admin.
async function office(...files) {
  const dir = initData();
  await clock.use(dir);
  for (const f of files) {
    const r = cli(['calendar', 'import', fixture(f), '--data', dir]);
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
}
// The office's zone and week, through the API.
async function week(tz, days) {
  let r = await api('PUT', '/api/v1/calendar/tz', { tz });
  assert.equal(r.status, 200, r.text);
  for (const [wd, hours] of Object.entries(days)) {
    r = await api('PUT', `/api/v1/calendar/hours/${wd}`, { hours });
    assert.equal(r.status, 200, `weekday ${wd}: ${r.text}`);
  }
}
async function open(sop, subject, extra = {}) {
  const r = await api('POST', '/api/v1/cases', { sop, channel: 'letter', subject, requester: REQUESTER, ...extra });
  assert.equal(r.status, 201, `open ${sop}: ${r.text}`);
  return r.json;
}
async function walkTo(c, moves) {
  for (const m of moves) {
    const [no, outcome] = String(m).split(' ');
    const r = await api('POST', `/api/v1/cases/${encodeURIComponent(c.number)}/steps/${no}`, { outcome: outcome || 'done' });
    assert.equal(r.status, 200, `${c.sop} step ${no}: ${r.text}`);
    c = r.json;
  }
  return c;
}
// The open step's due time.
function due(c, no, expected, what) {
  const st = c.steps.at(-1);
  assert.equal(st.no, no, `${what}: the open step`);
  assert.equal(st.due_at && iso(st.due_at), iso(expected), `${what}: due_at`);
}
const TINGGI = { urgency: 'mendesak', impact: 'besar' };
function targets(c, response, resolution, what) {
  assert.equal(c.priority, 'tinggi', what);
  assert.equal(iso(c.response_due_at), iso(response), `${what}: response_due_at`);
  assert.equal(iso(c.resolution_due_at), iso(resolution), `${what}: resolution_due_at`);
}

test('LPSE Kota Makassar, WITA (UTC+8): Mon–Thu 07.30–16.00, Fri 07.30–11.30 and 13.00–16.30; the 2026 decree and a Thunderbird calendar', async () => {
  await office('libur-thunderbird.ics');
  // ---- Wednesday 31 Dec 2025 15:50 WITA (07:50Z); 1 Jan 2026 is a holiday, Fri 2 Jan open ----
  await serveAt('2025-12-31T15:50:00+08:00');
  // typed as people type them: a one-digit hour, blanks around the dash, an en dash, a semicolon
  await week('WITA', { 1: '7.30 - 16.00', 2: '07.30-16.00', 3: '07.30–16.00', 4: '07:30-16:00', 5: '07.30-11.30; 13.00-16.30' });
  let c = await open('SOP 02/LPSE.OI/2012', 'akhir tahun', TINGGI);
  // step 1, 10min office: 15:50 → 16:00, the closing itself: 08:00Z.
  due(c, 1, '2025-12-31T08:00:00Z', 'OI-02 step 1 at Wed 31 Dec 15:50');
  // response 1 office hour: 10 min on Wed; Thu 1 Jan closed; Fri 2 Jan 07:30 + 50 → 08:20 WITA = 00:20Z.
  // resolution 7.5 h = 450 min: 10 on Wed; Fri 07:30–11:30 is 240 (250); 13:00 + 200 → 16:20 WITA = 08:20Z.
  targets(c, '2026-01-02T00:20:00Z', '2026-01-02T08:20:00Z', 'priority tinggi at Wed 31 Dec 15:50');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 10 min to 16:00; Fri 2 Jan 07:30 + 15 → 07:45 WITA = 1 Jan 23:45Z.
  due(c, 3, '2026-01-01T23:45:00Z', 'OI-02 step 3 at Wed 31 Dec 15:50');

  // ---- Friday 9 Jan 2026 11:20 WITA (03:20Z): the Friday prayer break ----
  await serveAt('2026-01-09T11:20:00+08:00');
  c = await walkTo(await open('SOP 02/LPSE.OI/2012', 'Jumat siang'), [1, '2 yes']);
  // step 3, 25min office: 10 min to 11:30, break to 13:00, + 15 → 13:15 WITA = 05:15Z.
  due(c, 3, '2026-01-09T05:15:00Z', 'OI-02 step 3 at Fri 11:20');

  // ---- Friday 9 Jan 2026 16:20 WITA (08:20Z): ten minutes before the weekend ----
  await serveAt('2026-01-09T16:20:00+08:00');
  c = await open('SOP 02/LPSE.OI/2012', 'Jumat sore');
  // step 1, 10min office: 16:20 → 16:30, Friday's closing: 08:30Z.
  due(c, 1, '2026-01-09T08:30:00Z', 'OI-02 step 1 at Fri 16:20');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 10 min; Sat, Sun closed; Mon 12 Jan 07:30 + 15 → 07:45 WITA = 11 Jan 23:45Z.
  due(c, 3, '2026-01-11T23:45:00Z', 'OI-02 step 3 at Fri 16:20');

  // ---- Tuesday 17 Mar 2026 15:45 WITA (07:45Z): before Nyepi and Lebaran, closed 18–24 Mar ----
  await serveAt('2026-03-17T15:45:00+08:00');
  c = await open('SOP 02/LPSE.OI/2012', 'sebelum Lebaran', TINGGI);
  // response 1 h: 15 min on Tue; Wed 25 Mar 07:30 + 45 → 08:15 WITA = 00:15Z.
  // resolution 450 min: 15 on Tue; Wed 25 07:30–16:00 is 510 ≥ 435: 07:30 + 435 → 14:45 WITA = 06:45Z.
  targets(c, '2026-03-25T00:15:00Z', '2026-03-25T06:45:00Z', 'priority tinggi at Tue 17 Mar 15:45');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 15 min to 16:00; Wed 25 Mar 07:30 + 10 → 07:40 WITA = 24 Mar 23:40Z.
  due(c, 3, '2026-03-24T23:40:00Z', 'OI-02 step 3 at Tue 17 Mar 15:45');

  // ---- Thursday 31 Dec 2026 15:55 WITA (07:55Z): 1 Jan 2027 (Friday) comes from the file's
  // yearly rule (RRULE:FREQ=YEARLY, its 2027 day renamed by RECURRENCE-ID) ----
  await serveAt('2026-12-31T15:55:00+08:00');
  c = await walkTo(await open('SOP 02/LPSE.OI/2012', 'malam tahun baru'), [1, '2 yes']);
  // step 3, 25min office: 5 min to 16:00; Fri 1 Jan holiday, Sat 2, Sun 3 closed; Mon 4 Jan
  // 07:30 + 20 → 07:50 WITA = 3 Jan 23:50Z.
  due(c, 3, '2027-01-03T23:50:00Z', 'OI-02 step 3 at Thu 31 Dec 2026 15:55');
});

test('LPSE Kabupaten Bogor, WIB (UTC+7): Mon–Fri 08.00–16.00 with 12.00–13.00 rest; a Google Calendar of 2026 and 2027 (Lebaran 2027: closed 8–16 Mar)', async () => {
  await office('libur-google-2026-2027.ics');
  // ---- Friday 5 Mar 2027 15:45 WIB (08:45Z) ----
  await serveAt('2027-03-05T15:45:00+07:00');
  const span = '08:00-12:00 13:00-16:00';
  await week('WIB', { 1: span, 2: span, 3: span, 4: span, 5: span });
  let c = await open('SOP 02/LPSE.OI/2012', 'sebelum Lebaran 2027');
  // step 1, 10min office: 15:45 → 15:55 WIB = 08:55Z.
  due(c, 1, '2027-03-05T08:55:00Z', 'OI-02 step 1 at Fri 5 Mar 15:45');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 15 min to 16:00; Mon 8 Nyepi, Tue 9 cuti bersama, Wed 10–Thu 11 Idul
  // Fitri, Fri 12 cuti bersama, the weekend, Mon 15–Tue 16 cuti bersama; Wed 17 08:00 + 10 →
  // 08:10 WIB = 01:10Z.
  due(c, 3, '2027-03-17T01:10:00Z', 'OI-02 step 3 at Fri 5 Mar 15:45');
  // A training on Thursday 18 Mar 2027, 09:00 WIB; its last session ends 15:00, the training 15:30.
  const events = { training_start: '2027-03-18T09:00:00+07:00', last_session_end: '2027-03-18T15:00:00+07:00',
    training_end: '2027-03-18T15:30:00+07:00' };
  let t = await walkTo(await open('SOP-LPSE.BTG-005', 'pelatihan SPSE', { events }), [1]);
  // step 2's tasks, working days before 18 Mar: Wed 17 is the 1st; 8–16 Mar closed; Fri 5 the
  // 2nd, Thu 4, Wed 3, Tue 2 (5th), Mon 1, Fri 26 Feb (7th); each at its close, 16:00 WIB = 09:00Z.
  const tasks = t.steps.at(-1).tasks.map((k) => [k.standard, iso(k.due_at)]);
  assert.deepEqual(tasks.map((k) => k[1]), [
    '2027-02-26T09:00:00.000Z', '2027-02-26T09:00:00.000Z', '2027-03-05T09:00:00.000Z', '2027-03-02T09:00:00.000Z',
  ], JSON.stringify(tasks));
  t = await walkTo(t, [2]);
  // step 3's questionnaire: 15 min after the last session, 15:15 WIB = 08:15Z.
  assert.equal(iso(t.steps.at(-1).tasks.at(-1).due_at), '2027-03-18T08:15:00.000Z');
  t = await walkTo(t, [3]);
  // step 4, 1h after training_end: 16:30 WIB, past the 16:00 closing (real time) = 09:30Z.
  due(t, 4, '2027-03-18T09:30:00Z', 'BTG-005 step 4');
});

test('LPSE Kota Jayapura, WIT (UTC+9): the default week; holidays from an Excel CSV (2026) and a Sheets CSV (2027)', async () => {
  await office('libur-excel-id.csv', 'libur-sheets-en.csv');
  // ---- Sunday 16 Aug 2026 20:00 WIT (11:00Z): outside office hours, Monday 17 Aug a holiday ----
  await serveAt('2026-08-16T20:00:00+09:00');
  await week('WIT', {});
  let c = await open('SOP 02/LPSE.OI/2012', 'Minggu malam', TINGGI);
  // step 1, 10min office: counting begins at the next opening, Tue 18 Aug 07:30 → 07:40 WIT = 17 Aug 22:40Z.
  due(c, 1, '2026-08-17T22:40:00Z', 'OI-02 step 1 on Sun 16 Aug 20:00');
  // response 1 h: Tue 07:30 → 08:30 WIT = 23:30Z; resolution 450 min: 07:30–12:00 is 270,
  // 13:00–16:00 is 180: exactly at the 16:00 closing WIT = 07:00Z on the 18th.
  targets(c, '2026-08-17T23:30:00Z', '2026-08-18T07:00:00Z', 'priority tinggi on Sun 16 Aug 20:00');
  // BTG-017 step 2, 10s real: on a Sunday evening too, 20:00:10 WIT = 11:00:10Z.
  const p = await walkTo(await open('SOP-LPSE.BTG-017', 'telepon Minggu', { channel: 'phone' }), [1]);
  due(p, 2, '2026-08-16T11:00:10Z', 'BTG-017 step 2 on Sun 16 Aug 20:00');

  // ---- Friday 5 Mar 2027 16:20 WIT (07:20Z): Nyepi and Lebaran from the Sheets file ----
  await serveAt('2027-03-05T16:20:00+09:00');
  c = await walkTo(await open('SOP 02/LPSE.OI/2012', 'Jumat sebelum Lebaran', TINGGI), [1, '2 yes']);
  // step 3, 25min office: 10 min to Friday's 16:30; Mon 8 Nyepi, Tue 9 cuti bersama, Wed 10–Thu 11
  // Idul Fitri, Fri 12 cuti, the weekend, Mon 15–Tue 16 cuti; Wed 17 07:30 + 15 → 07:45 WIT = 16 Mar 22:45Z.
  due(c, 3, '2027-03-16T22:45:00Z', 'OI-02 step 3 at Fri 5 Mar 16:20');
  // response 1 h: 10 min on Fri; Wed 17 07:30 + 50 → 08:20 WIT = 23:20Z on the 16th.
  // resolution 450 min: 10 on Fri; Wed 17 07:30–12:00 (270: 280), 13:00 + 170 → 15:50 WIT = 06:50Z.
  targets(c, '2027-03-16T23:20:00Z', '2027-03-17T06:50:00Z', 'priority tinggi at Fri 5 Mar 16:20');
});

test("31 Dec 2026 in the afternoon, the admin uploads next year's calendar on the page: running clocks move past 1 Jan 2027, new cases count it", async () => {
  await office();
  // ---- Thursday 31 Dec 2026 15:55 WIB (08:55Z): the default week, only the 2026 decree kept ----
  const srv = await serveAt('2026-12-31T15:55:00+07:00');
  let c = await walkTo(await open('SOP 02/LPSE.OI/2012', 'sore 31 Desember'), [1, '2 yes']);
  let q = await open('SOP 02/LPSE.OI/2012', 'belum dijawab', TINGGI);   // not answered yet: its targets run
  // step 3, 25min office: 5 min to 16:00; Fri 1 Jan 2027 not yet a holiday: 07:30 + 20 → 07:50 WIB = 00:50Z.
  due(c, 3, '2027-01-01T00:50:00Z', 'OI-02 step 3 before the import');
  // response 1 h: 5 min on Thu, Fri 07:30 + 55 → 08:25 WIB = 01:25Z; resolution 450 min: 5 on Thu,
  // Fri 07:30–11:30 (240: 245), 13:00 + 205 → 16:25 WIB = 09:25Z.
  targets(q, '2027-01-01T01:25:00Z', '2027-01-01T09:25:00Z', 'priority tinggi before the import');
  const web = await webSession(srv.url);
  const fd = new FormData();
  fd.append('csrf', web.csrf);
  fd.append('file', new Blob([readFileSync(fixture('libur-google-2026-2027.ics'))], { type: 'text/calendar' }), 'Libur LPSE Kota Bogor_c_abc123@group.calendar.google.com.ics');
  const res = await fetch(srv.url + '/kalender/impor', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: web.cookie(), Origin: srv.url } });
  assert.equal(res.status, 303, await res.text());
  c = (await api('GET', `/api/v1/cases/${encodeURIComponent(c.number)}`)).json;
  // the same 25 office minutes laid on the new calendar: 1 Jan a holiday, the weekend; Mon 4 Jan
  // 07:30 + 20 → 07:50 WIB = 00:50Z; the targets alike: Mon 08:25 and 16:25 WIB (Monday closes 16:00:
  // 5 on Thu, Mon 07:30–12:00 (270: 275), 13:00 + 175 → 15:55 WIB = 08:55Z).
  due(c, 3, '2027-01-04T00:50:00Z', 'OI-02 step 3 after the import');
  q = (await api('GET', `/api/v1/cases/${encodeURIComponent(q.number)}`)).json;
  targets(q, '2027-01-04T01:25:00Z', '2027-01-04T08:55:00Z', 'priority tinggi after the import');
  const n = await walkTo(await open('SOP 02/LPSE.OI/2012', 'sesudah impor'), [1, '2 yes']);
  due(n, 3, '2027-01-04T00:50:00Z', 'OI-02 step 3 of a case opened after the import');
});

// An iCalendar line folded at 75 octets as RFC 5545 3.1 says, by a simple writer: the fold may fall
// inside a character (an em dash, a curly quote), which the reader joins again.
function fold(line) {
  const b = Buffer.from(line, 'utf8'), parts = [];
  for (let i = 0, n = 75; i < b.length; i += n, n = 74) parts.push(b.subarray(i, i + n));
  return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('\r\n '), p] : [p])));
}

test('LPSE Kabupaten Merauke, WIT (UTC+9): a decree file folded inside its characters, cuti bersama over several days, and a semicolon CSV of local days whose names hold commas', async () => {
  await office();
  const dir = clock.dir;
  // the days are the test's own; the file is as a simple exporter writes one: CRLF, a VTIMEZONE,
  // all-day events with an exclusive DTEND, escaped commas, long UTF-8 lines folded at 75 octets
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Pemkab//Kalender Libur//ID', 'X-WR-TIMEZONE:Asia/Jayapura',
    'BEGIN:VTIMEZONE', 'TZID:Asia/Jayapura', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:WIT',
    'DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE',
    'BEGIN:VEVENT', 'UID:natal-2026@libur.example.go.id', 'DTSTART;VALUE=DATE:20261228', 'DTEND;VALUE=DATE:20261231',
    'SUMMARY:Cuti Bersama Hari Raya Natal 2026 dan menjelang Tahun Baru (2027) — “libur panjang”\\, kantor tutup',
    'DESCRIPTION:Keputusan Bersama Menteri Agama\\, Menteri Ketenagakerjaan\\, dan Menteri PANRB — cuti bersama ASN',
    'END:VEVENT',
    'BEGIN:VEVENT', 'UID:tahun-baru-2027@libur.example.go.id', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270102',
    'SUMMARY:Tahun Baru 2027 Masehi', 'END:VEVENT', 'END:VCALENDAR'];
  const ics = join(dir, 'libur-skb.ics');
  writeFileSync(ics, Buffer.concat(lines.flatMap((l) => [fold(l), Buffer.from('\r\n')])));
  const bytes = readFileSync(ics);
  assert.ok(bytes.some((b, i) => b === 0x0d && bytes[i + 2] === 0x20 && (bytes[i + 3] & 0xc0) === 0x80), 'a fold falls inside a character');
  // local days, from a spreadsheet set to Indonesian: semicolons, no header, commas in the names
  const csv = join(dir, 'libur-daerah.csv');
  writeFileSync(csv, '19/01/2027;Hari Jadi Kabupaten Merauke, ke-125;Libur Daerah\r\n20/02/2027;Pekan Budaya, hari pertama;Libur Daerah\r\n');
  for (const f of [ics, csv]) {
    const r = cli(['calendar', 'import', f, '--data', dir]);
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
  const list = JSON.parse(cli(['calendar', 'list', '--year', '2026', '--json', '--data', dir]).stdout).holidays;
  assert.deepEqual(list.filter((h) => h.day >= '2026-12-28').map((h) => [h.day, h.kind]),
    [['2026-12-28', 'cuti_bersama'], ['2026-12-29', 'cuti_bersama'], ['2026-12-30', 'cuti_bersama']]);
  assert.equal(list.at(-1).name, 'Cuti Bersama Hari Raya Natal 2026 dan menjelang Tahun Baru (2027) — “libur panjang”, kantor tutup');
  const local = JSON.parse(cli(['calendar', 'list', '--year', '2027', '--json', '--data', dir]).stdout).holidays;
  assert.deepEqual(local.map((h) => [h.day, h.name, h.kind]), [['2027-01-01', 'Tahun Baru 2027 Masehi', 'national'],
    ['2027-01-19', 'Hari Jadi Kabupaten Merauke, ke-125', 'local'], ['2027-02-20', 'Pekan Budaya, hari pertama', 'local']]);

  // ---- Wednesday 23 Dec 2026 15:50 WIT (06:50Z): 24 Dec cuti bersama and 25 Dec Natal (the
  // decree compiled in), the weekend, 28–30 Dec from the file: Thursday 31 Dec is the next open day ----
  await serveAt('2026-12-23T15:50:00+09:00');
  await week('WIT', {});
  let c = await open('SOP 02/LPSE.OI/2012', 'menjelang Natal', TINGGI);
  // step 1, 10min office: 15:50 → 16:00 WIT = 07:00Z.
  due(c, 1, '2026-12-23T07:00:00Z', 'OI-02 step 1 at Wed 23 Dec 15:50');
  // response 1 h: 10 min on Wed; Thu 31 Dec 07:30 + 50 → 08:20 WIT = 30 Dec 23:20Z.
  // resolution 450 min: 10 on Wed; Thu 31 07:30–12:00 (270: 280), 13:00 + 170 → 15:50 WIT = 06:50Z.
  targets(c, '2026-12-30T23:20:00Z', '2026-12-31T06:50:00Z', 'priority tinggi at Wed 23 Dec 15:50');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 10 min to 16:00; Thu 31 Dec 07:30 + 15 → 07:45 WIT = 30 Dec 22:45Z.
  due(c, 3, '2026-12-30T22:45:00Z', 'OI-02 step 3 at Wed 23 Dec 15:50');

  // ---- Thursday 31 Dec 2026 15:55 WIT (06:55Z): 1 Jan 2027 from the file, then the weekend ----
  await serveAt('2026-12-31T15:55:00+09:00');
  c = await open('SOP 02/LPSE.OI/2012', 'malam tahun baru');
  // step 1, 10min office: 5 min to 16:00; Mon 4 Jan 07:30 + 5 → 07:35 WIT = 3 Jan 22:35Z.
  due(c, 1, '2027-01-03T22:35:00Z', 'OI-02 step 1 at Thu 31 Dec 15:55');

  // ---- Monday 18 Jan 2027 15:55 WIT (06:55Z): Tuesday 19 Jan the regency's day, from the CSV ----
  await serveAt('2027-01-18T15:55:00+09:00');
  c = await open('SOP 02/LPSE.OI/2012', 'sebelum hari jadi');
  // step 1, 10min office: 5 min to 16:00; Wed 20 Jan 07:30 + 5 → 07:35 WIT = 19 Jan 22:35Z.
  due(c, 1, '2027-01-19T22:35:00Z', 'OI-02 step 1 at Mon 18 Jan 15:55');
});
