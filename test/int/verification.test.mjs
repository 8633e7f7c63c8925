// Provider verification (OI-01) over HTTP, along every branch: booking from the portal
// (days, capacity, holidays, the rate limit), approve (the card as a PDF with its QR and
// the public check of its signed code, the handover receipt, the case closed), return and
// come back (the clock held: the step's due time moves by the office time held), the
// national blacklist (the case cancelled), and the watcher (reminder, lapse warning, lapse).
// Clocks are frozen with LOKET_TEST_NOW; times are worked out by hand in WIB (UTC+7).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, request, login, addUser, cli, sqlite, webSession } from './lib.mjs';

const MON = '2026-11-16T08:00:00+07:00';   // Monday 16 November 2026, 08.00 WIB
const TUE = '2026-11-17T08:00:00+07:00';
const CONF = 'sla_poll_seconds = 3600\n';  // the serve's own watcher stays out of the way
let s, admin, verifier, piket, outsider;

const api = (method, path, token, body, headers) => request(s.url, method, `/api/v1${path}`, { token, body, headers });
const outbox = (like) => sqlite(join(s.dir, 'loket.db'),
  `SELECT to_addr || '|' || subject || '|' || replace(body, char(10), ' ') FROM outbox WHERE subject LIKE '${like}' ORDER BY id`)
  .stdout.trim().split('\n').filter(Boolean);

const PROVIDER = {
  company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
  phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02',
};

async function start(now) {
  s = await startServer({ dir: s?.dir, conf: CONF, env: { LOKET_TEST_NOW: now } });
  admin = await login(s.url);
  verifier = await login(s.url, 'vera', 'vera-password-1');
  piket = await login(s.url, 'pita', 'pita-password-1');
  outsider = await login(s.url, 'cv-lain', 'penyedia-password-1');
}

before(async () => {
  s = await startServer({ conf: CONF, env: { LOKET_TEST_NOW: MON } });
  const u = cli(['user', 'add', 'vera', '--data', s.dir, '--role', 'verifikator', '--name', 'Vera Verifikator'],
    { env: { LOKET_PASSWORD: 'vera-password-1' } });
  assert.equal(u.status, 0, u.stderr);
  addUser(s.dir, 'pita', 'piket', 'pita-password-1');
  addUser(s.dir, 'cv-lain', 'penyedia', 'penyedia-password-1');
  await s.stop({ keep: true });
  await start(MON);
});
after(async () => { if (s) await s.stop(); });

// All the steps up to the document check; returns the verification after step 3.
async function walkToDocuments(id, token = verifier) {
  let r = await api('POST', `/verifications/${id}/arrive`, token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'checking');
  assert.equal(r.json.step, 2);
  r = await api('POST', `/verifications/${id}/agenda`, token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 3);
  r = await api('POST', `/verifications/${id}/registration`, token, {
    address: 'Jl. Merdeka 1, Batang', deed: 'Akta No. 12, 3 Maret 2015, Notaris Sri', director: 'Budi Santoso' });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const allMarks = (items, except = []) => items.map((i) => ({ no: i.no, present: !except.includes(i.no), matches: !except.includes(i.no) }));

test('the portal shows the open days: weekdays with capacity, holidays closed, from tomorrow', async () => {
  let r = await request(s.url, 'POST', '/api/v1/calendar/holidays', { token: admin, body: { day: '2026-11-19', name: 'Hari jadi Kabupaten', kind: 'local' } });
  assert.equal(r.status, 201, r.text);
  r = await api('GET', '/portal/verification/days');
  assert.equal(r.status, 200, r.text);
  const days = r.json.days.map((d) => d.day);
  assert.deepEqual(days.slice(0, 6), ['2026-11-17', '2026-11-18', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25']);
  assert.ok(!days.includes('2026-11-16'), 'not today');
  assert.ok(!days.includes('2026-11-21') && !days.includes('2026-11-22'), 'no weekend');
  assert.equal(days.at(-1), '2026-12-16', '30 days ahead');
  assert.deepEqual(r.json.days[0], { day: '2026-11-17', capacity: 10, booked: 0, free: 10 });
});

test('the open days and the day\'s appointments refuse a query parameter they do not take, naming it', async () => {
  let r = await api('GET', '/portal/verification/days?offce=LPSE');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'offce');
  r = await api('GET', '/portal/verification/days?office=LPSE&lang=en');
  assert.equal(r.status, 200, r.text);
  r = await api('GET', '/verification/appointments?dya=2026-11-17', piket);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'dya');
  r = await api('GET', '/verification/appointments?day=2026-11-17', piket);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.day, '2026-11-17');
  r = await api('GET', '/verification/blacklist?npwp=084567890123000', piket);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'npwp');
});

test('settings: lapse_days sent alone at or below the warning kept is 400 naming lapse_days, nothing changed', async () => {
  let r = await api('PUT', '/verification/settings', admin, { lapse_days: 5 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'lapse_days');
  r = await api('PUT', '/verification/settings', admin, { lapse_days: 5, warn_days: 7 });
  assert.equal(r.json.error.field, 'warn_days');
  // several settings wrong: each named at once
  r = await api('PUT', '/verification/settings', admin, { card_copies: 9, ahead_days: 0, book_limit: 0 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['card_copies', 'ahead_days', 'book_limit']);
  // lapse_days at or below the warning kept (the request's own rule) with the other settings'
  // check, and a capacity not of 7 numbers with a setting of the wrong type: each in one answer
  r = await api('PUT', '/verification/settings', admin, { lapse_days: 5, card_copies: 9 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['lapse_days', 'card_copies'], r.text);
  r = await api('PUT', '/verification/settings', admin, { capacity: [1, 2], book_limit: 'lima' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['book_limit', 'capacity'], r.text);
  // the checklist: items not a list with a member not known, in one answer
  r = await api('PUT', '/verification/checklist', admin, { items: 'KTP', judul: 'Daftar' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['items', 'judul'], r.text);
  r = await api('GET', '/verification/settings', admin);
  assert.equal(r.json.lapse_days, 30);
  assert.equal(r.json.warn_days, 7);
});

test('booking and a walk-in name every wrong field at once: a value missing or too long with what the provider\'s check finds (NPWP, e-mail, day, registration)', async () => {
  const before = (await api('GET', '/verifications', piket)).json.verifications.length;
  // booking: company absent and contact too long (the JSON layer), NPWP, e-mail and day wrong (the check)
  const { company, ...noCompany } = PROVIDER;
  let r = await api('POST', '/portal/verification/appointments', undefined,
    { ...noCompany, contact: 'K'.repeat(129), npwp: '12345', email: 'bukan-surel', day: '17-11-2026' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'company', r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['company', 'contact', 'day', 'email', 'npwp'], r.text);
  // a walk-in: e-mail absent and NIB too long (the JSON layer), a user ID and a registration in the future (the check)
  const { email, ...noEmail } = PROVIDER;
  r = await api('POST', '/verifications', piket, { ...noEmail, nib: '1'.repeat(14), spse_user: 'maju jaya!', registered_on: '2027-01-04' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'nib', r.text);   // the JSON layer's first, as before
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['email', 'nib', 'registered_on', 'spse_user'], r.text);
  // a member not known is still answered at once, without the check
  r = await api('POST', '/verifications', piket, { ...PROVIDER, npwp: '12345', perusahaan: 'CV' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'perusahaan', r.text);
  assert.equal(r.json.error.fields, undefined, r.text);
  assert.equal((await api('GET', '/verifications', piket)).json.verifications.length, before, 'nothing written');
});

test('booking with a wrong field and a day the office does not verify names both at once, on the page too', async () => {
  // Saturday 21 November: not a verification day; the NPWP wrong as well
  let r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, npwp: '12345', day: '2026-11-21' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['day', 'npwp'], r.text);
  assert.equal(r.json.error.fields.find((f) => f.field === 'day').message, 'Kantor tidak melayani verifikasi pada hari itu: pilih hari lain');
  // the day alone wrong: still the conflict it was
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, day: '2026-11-21' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'day');
  // today, a day past and one beyond the days open for booking: each said as it is, not as a closed day
  for (const [day, said] of [['2026-11-16', 'Appointments are booked from tomorrow on: choose a later day'],
    ['2026-11-09', 'Appointments are booked from tomorrow on: choose a later day'],
    ['2027-11-16', 'This day is not open for booking yet: choose an earlier day']]) {
    r = await api('POST', '/portal/verification/appointments?lang=en', undefined, { ...PROVIDER, day });
    assert.equal(r.status, 409, r.text);
    assert.deepEqual([r.json.error.field, r.json.error.message], ['day', said]);
  }
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, day: '2026-11-09' });
  assert.equal(r.json.error.message, 'Janji temu hanya dapat dipesan mulai besok: pilih tanggal yang lebih lambat');
  // the page: each under its field, what was typed kept
  const w = await webSession(s.url);
  const page = await w.get('/portal/verifikasi');
  const office = page.text.match(/name="office" value="([^"]*)"/)[1];
  r = await w.post('/portal/verifikasi', { ...PROVIDER, npwp: '12345', day: '2026-11-21', csrf: w.csrfOf(page.text), office });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /<p class="field-error" id="npwp-error">[^<]+<\/p>/);
  assert.match(r.text, /<p class="field-error" id="day-error">Kantor tidak melayani verifikasi pada hari itu: pilih hari lain<\/p>/);
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah\./);
});

test('booking: a queue number per day, the mail now and the reminder the day before; full days, lapses and bad fields refused', async () => {
  const set = await api('PUT', '/verification/settings', admin, { capacity: [0, 10, 2, 10, 10, 10, 0] });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json.capacity, [0, 10, 2, 10, 10, 10, 0]);
  assert.equal((await api('PUT', '/verification/settings', verifier, { card_copies: 2 })).status, 403);
  assert.equal((await api('PUT', '/verification/settings', admin, { warn_days: 40 })).json.error.field, 'warn_days');

  let r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, day: '2026-11-17' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.queue_no, 1);
  assert.equal(r.json.day, '2026-11-17');
  assert.equal(r.json.npwp, '012345678901000');
  const first = r.json.verification;
  r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, company: 'PT Dua', npwp: '02.345.678.9-012.000', email: 'dua@pt-dua.co.id', day: '2026-11-17' });
  assert.equal(r.json.queue_no, 2);
  r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, company: 'PT Tiga', npwp: '03.456.789.0-123.000', email: 'tiga@pt-tiga.co.id', day: '2026-11-17' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'day');
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, day: '2026-11-18' });
  assert.equal(r.status, 409, 'the same NPWP is under way');
  assert.equal(r.json.error.field, 'npwp');
  // the same taxpayer in the new 16-digit form of the number is the same NPWP
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, npwp: '0012345678901000', day: '2026-11-18' });
  assert.equal(r.status, 409, 'the 16-digit form of an NPWP under way');
  assert.equal(r.json.error.field, 'npwp');
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, npwp: '12345', day: '2026-11-18' });
  assert.equal(r.json.error.field, 'npwp');
  r = await api('POST', '/portal/verification/appointments', undefined, { ...PROVIDER, npwp: '04.456.789.0-123.000', day: '2026-11-19' });
  assert.equal(r.status, 409, 'a holiday');
  r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, npwp: '04.456.789.0-123.000', registered_on: '2026-10-10', day: '2026-11-18' });
  assert.equal(r.json.error.field, 'registered_on', 'lapsed already (more than 30 days)');
  r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, npwp: '04.456.789.0-123.000', registered_on: '2026-10-20', day: '2026-11-20' });
  assert.equal(r.status, 409, 'after the registration lapses on 19 November');
  assert.equal(r.json.error.field, 'day');
  // a capacity lowered under the bookings made leaves the day full, not "-1 free"
  assert.equal((await api('PUT', '/verification/settings', admin, { capacity: [0, 10, 1, 10, 10, 10, 0] })).status, 200);
  r = await api('GET', '/portal/verification/days');
  assert.deepEqual(r.json.days.find((d) => d.day === '2026-11-17'), { day: '2026-11-17', capacity: 1, booked: 2, free: 0 });
  assert.equal((await api('PUT', '/verification/settings', admin, { capacity: [0, 10, 2, 10, 10, 10, 0] })).status, 200);

  const mails = outbox('Jadwal verifikasi%');
  assert.equal(mails.length, 2);
  assert.match(mails[0], /^direktur@majujaya\.co\.id\|Jadwal verifikasi penyedia: 17 November 2026, antrean 1\|/);

  r = await api('GET', '/verification/appointments?day=2026-11-17', piket);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.appointments.map((a) => [a.queue_no, a.company, a.verification_status]),
    [[1, 'CV Maju Jaya', 'waiting'], [2, 'PT Dua', 'waiting']]);
  assert.equal((await api('GET', '/verification/appointments', outsider)).status, 403);
  const page = await (await webSession(s.url, 'pita', 'pita-password-1')).get('/verifikasi/antrean?day=2026-11-17');
  assert.equal(page.status, 200);
  assert.match(page.text, /CV Maju Jaya/);
  assert.match(page.text, /17 November 2026/);
  // the NPWP as people write it, not its stored digits
  assert.match(page.text, /<td class="mono">01\.234\.567\.8-901\.000<\/td>/);
  // the staff menu leads to the verifications (verify.read); a provider's menu does not
  assert.match(page.text, /<li><a href="\/verifikasi" aria-current="page">Verifikasi penyedia<\/a><\/li>/);
  const prov = await (await webSession(s.url, 'cv-lain', 'penyedia-password-1')).get('/');
  assert.ok(!prov.text.includes('href="/verifikasi"'), 'no verification link without verify.read');

  // the reminder goes the day before at 08.00: due now (Monday 08.00) for Tuesday's queue
  const w = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: MON } });
  assert.equal(w.status, 0, w.stderr);
  assert.match(w.stdout, /^2 reminder\(s\), 0 lapse warning\(s\), 0 lapsed/);
  const reminders = outbox('Pengingat%');
  assert.equal(reminders.length, 2);
  // the reminder carries the booking's own cancel link again: one who cannot come frees the place
  const link = (m) => (m.match(/\/portal\/verifikasi\/batal\/\d+-[0-9a-f]{32}/) || [''])[0];
  const booked = outbox('Jadwal verifikasi%').find((m) => m.startsWith('direktur@majujaya.co.id|'));
  const reminded = reminders.find((m) => m.startsWith('direktur@majujaya.co.id|'));
  assert.ok(link(booked), booked);
  assert.equal(link(reminded), link(booked), reminded);
  const again = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: MON } });
  assert.match(again.stdout, /^0 reminder/);
  assert.ok(first > 0);
});

test('booking is rate-limited per address (book_limit an hour): 429 with Retry-After', async () => {
  // two were booked from this address in the test above: with a limit of 4, two more, then no
  await api('PUT', '/verification/settings', admin, { book_limit: 4 });
  let last;
  for (let i = 0; i < 2; i++) {
    last = await api('POST', '/portal/verification/appointments', undefined,
      { ...PROVIDER, npwp: `0${5 + i}.456.789.0-123.000`, email: `r${i}@contoh.co.id`, day: '2026-11-18' });
    assert.equal(last.status, 201, last.text);
  }
  last = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, npwp: '07.456.789.0-123.000', email: 'r9@contoh.co.id', day: '2026-11-18' });
  assert.equal(last.status, 429, last.text);
  assert.equal(last.headers.get('retry-after'), '3600');
  await api('PUT', '/verification/settings', admin, { book_limit: 50 });
});

test('a day the office does not verify (a Saturday) is refused naming the day, not "today" (hari ini)', async () => {
  const r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, npwp: '08.456.789.0-123.000', email: 'sabtu@contoh.co.id', day: '2026-11-21' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'day');
  assert.equal(r.json.error.message, 'Kantor tidak melayani verifikasi pada hari itu: pilih hari lain');
});

test('the provider cancels from the link in the confirmation mail: the place is freed, audited, once; the NPWP may book again', async () => {
  const dayOf = async (d) => (await api('GET', '/portal/verification/days')).json.days.find((x) => x.day === d);
  const P = { ...PROVIDER, company: 'CV Batal', npwp: '08.456.789.0-123.000', email: 'batal@cv-batal.co.id', day: '2026-11-23' };
  const booked0 = (await dayOf('2026-11-23')).booked;
  let r = await api('POST', '/portal/verification/appointments', undefined, P);
  assert.equal(r.status, 201, r.text);
  assert.equal((await dayOf('2026-11-23')).booked, booked0 + 1);
  const db = join(s.dir, 'loket.db');
  const cancelLinks = () => [...sqlite(db, "SELECT body FROM outbox WHERE to_addr='batal@cv-batal.co.id' ORDER BY id").stdout
    .matchAll(/\/portal\/verifikasi\/batal\/(\d+-[0-9a-f]{32})/g)].map((m) => m[1]);
  const mail = sqlite(db, "SELECT body FROM outbox WHERE to_addr='batal@cv-batal.co.id' ORDER BY id").stdout;
  const link = mail.match(/(\/portal\/verifikasi\/batal\/(\d+-[0-9a-f]{32}))/);
  assert.ok(link, mail);
  // an address the provider can open: without public_url, the booking request's own host
  assert.ok(mail.includes(`${s.url}/portal/verifikasi/batal/`), mail);
  const [path, token] = [link[1], link[2]];
  // a guessed token (the right id, a wrong MAC) names nothing
  const forged = `${token.split('-')[0]}-${'0'.repeat(32)}`;
  assert.equal((await fetch(`${s.url}/portal/verifikasi/batal/${forged}`)).status, 404);
  assert.equal((await api('POST', `/portal/verification/cancel/${forged}`)).status, 404);
  // the page shows the appointment and a button (opening the link cancels nothing)
  const g = await fetch(s.url + path);
  const gh = await g.text();
  assert.equal(g.status, 200, gh);
  assert.match(gh, /id="appt-company">CV Batal</);
  assert.match(gh, /id="appt-day">Senin, 23 November 2026</);   // the day with its weekday
  assert.match(gh, /id="appt-status">terjadwal</);
  assert.equal((await dayOf('2026-11-23')).booked, booked0 + 1);
  const csrf = gh.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cookie = g.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const press = () => fetch(s.url + path, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body: `csrf=${csrf}` });
  let p = await press();
  assert.equal(p.status, 303, await p.text());
  let ph = await (await fetch(s.url + p.headers.get('location'))).text();
  assert.match(ph, /Jadwal telah dibatalkan/);
  assert.match(ph, /id="appt-status">dibatalkan</);
  assert.equal((await dayOf('2026-11-23')).booked, booked0, 'the place is free again');
  assert.equal(sqlite(db, "SELECT count(*) FROM audit WHERE action='verify.appointment_cancel'").stdout.trim(), '1');
  p = await press();
  assert.equal(p.status, 409);
  assert.match(await p.text(), /Jadwal ini sudah dibatalkan/);
  // the same NPWP books again (the waiting verification taken up again), a new queue number
  r = await api('POST', '/portal/verification/appointments', undefined, { ...P, day: '2026-11-24' });
  assert.equal(r.status, 201, r.text);
  const token2 = cancelLinks().at(-1);
  assert.equal(cancelLinks().length, 2);
  assert.notEqual(token2, token);
  // and cancels through the API this time (a body member the call does not take is refused first, nothing cancelled)
  let c = await api('POST', `/portal/verification/cancel/${token2}`, undefined, { reason: 'sakit' });
  assert.equal(c.status, 400, c.text);
  assert.equal(c.json.error.field, 'reason');
  assert.equal(sqlite(db, "SELECT count(*) FROM audit WHERE action='verify.appointment_cancel'").stdout.trim(), '1');
  c = await api('POST', `/portal/verification/cancel/${token2}`);
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(c.json, { day: '2026-11-24', queue_no: r.json.queue_no, status: 'cancelled' });
  c = await api('POST', `/portal/verification/cancel/${token2}`);
  assert.equal(c.status, 409);
  assert.equal(c.json.error.field, 'status');
  assert.equal(sqlite(db, "SELECT count(*) FROM audit WHERE action='verify.appointment_cancel'").stdout.trim(), '2');
});

test('approve: checklist, scans, number, card PDF with 4 copies and a QR whose page confirms the card; receipt; case closed', async () => {
  const list = await api('GET', '/verification/appointments?day=2026-11-17', verifier);
  const id = list.json.appointments[0].verification;
  let v = await walkToDocuments(id);
  assert.equal(v.step, 4);
  assert.equal(v.nib, '9120001234567');
  assert.equal(v.items.length, 12);
  assert.equal(v.items[1].required, false, 'Surat Kuasa only when someone else comes');
  // step 2's disposition sheet: about the visit's agenda entry, to the verifiers, due when step 3 is
  // (5 minutes of office time), as the step form writes one
  const caseNo = v.case;
  const ag = (await api('GET', `/registers/agenda?q=${caseNo}`, admin)).json.entries.find((e) => e.case_number === caseNo);
  const ds = (await api('GET', `/registers/disposition?q=${caseNo}`, admin)).json.entries.filter((e) => e.case_number === caseNo);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].agenda, ag.number);
  assert.equal(ds[0].to_role, 'verifikator');
  assert.equal(ds[0].instruction, 'Verifikasi berkas penyedia sesuai SOP OI-01');
  const step3 = (await api('GET', `/cases/${caseNo}`, admin)).json.steps.find((x) => x.no === 3);
  assert.equal(ds[0].due_at, step3.due_at);
  assert.equal(Date.parse(step3.due_at) - Date.parse(step3.started_at), 5 * 60 * 1000);

  let r = await api('POST', `/verifications/${id}/approve`, verifier);
  assert.equal(r.status, 409, 'not before the documents are checked');

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1c6b60000000049454e44ae426082', 'hex');
  const form = new FormData();
  form.append('item', '4');
  form.append('file', new Blob([png], { type: 'image/png' }), 'ktp-direktur.png');
  r = await fetch(`${s.url}/api/v1/verifications/${id}/scans`, { method: 'POST', headers: { Authorization: `Bearer ${verifier}` }, body: form });
  const scanned = await r.json();
  assert.equal(r.status, 201, JSON.stringify(scanned));
  assert.equal(scanned.items[3].scans[0].name, 'ktp-direktur.png');
  assert.equal(scanned.items[3].scans[0].mime, 'image/png');

  r = await api('POST', `/verifications/${id}/documents`, verifier, { items: allMarks(v.items, [2]) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 5);
  assert.deepEqual(r.json.missing, []);
  r = await api('POST', `/verifications/${id}/return`, verifier);
  assert.equal(r.status, 409, 'nothing is missing');
  // step 5 is the verifier's decision (OI-01: steps 3-7 are the Verifikator's): the front desk
  // (piket) that took the provider in neither approves nor returns the file, by the API or the page
  for (const act of ['approve', 'return']) {
    r = await api('POST', `/verifications/${id}/${act}`, piket);
    assert.equal(r.status, 403, `piket ${act}: ${r.text}`);
  }
  const pita = await webSession(s.url, 'pita', 'pita-password-1');
  const seen = await pita.get(`/verifikasi/${id}`);
  assert.equal(seen.status, 200);
  assert.match(seen.text, /<dd class="mono">01\.234\.567\.8-901\.000<\/dd>/, 'the NPWP as people write it');
  assert.doesNotMatch(seen.text, /action="\/verifikasi\/\d+\/(approve|return)"/, 'no decision buttons for the piket');
  for (const act of ['approve', 'return']) {
    const x = await pita.post(`/verifikasi/${id}/${act}`, { csrf: pita.csrf });
    assert.equal(x.status, 403, `piket ${act} by the page`);
  }
  assert.equal((await api('GET', `/verifications/${id}`, verifier)).json.status, 'checking', 'the refusals changed nothing');
  r = await api('POST', `/verifications/${id}/approve`, verifier);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'approved');
  assert.equal(r.json.number, 'VP-2026-0001');
  assert.equal(r.json.step, 7);
  assert.equal(outbox('Verifikasi CV Maju Jaya disetujui%').length, 1);

  r = await api('POST', `/verifications/${id}/card`, piket);
  assert.equal(r.status, 403, `the card is the verifier's to give (step 7): ${r.text}`);
  r = await api('POST', `/verifications/${id}/card`, verifier);
  assert.equal(r.status, 200, r.text);
  v = r.json;
  assert.equal(v.card.copies, 4);
  assert.equal(v.card.officer, 'Vera Verifikator');
  assert.equal(v.card.handover, 'ST-2026-0001');
  assert.match(v.card.url, new RegExp(`^${s.url}/kartu/\\d+-[0-9a-f]{32}$`));
  r = await api('POST', `/verifications/${id}/card`, verifier);
  assert.equal(r.status, 409, 'one card');
  const kase = await api('GET', `/cases/${v.case}`, verifier);
  assert.equal(kase.json.status, 'closed');
  // its page: an approved verification no longer lapses, and its closed case has no step open
  const vpage = (await (await webSession(s.url)).get(`/verifikasi/${id}`)).text;
  assert.doesNotMatch(vpage, /Gugur pada/);
  assert.doesNotMatch(vpage, /langkah 0/);
  assert.match(vpage, /tidak ada langkah terbuka/);
  assert.deepEqual(kase.json.steps.map((st) => st.no), [1, 2, 3, 4, 5, 6, 7]);
  const handover = await api('GET', '/registers/handover?q=ST-2026-0001', verifier);
  assert.equal(handover.json.entries.length, 1);
  assert.equal(handover.json.entries[0].to_name, 'Budi Santoso');
  assert.match(handover.json.entries[0].items, /4\. KTP direktur/);
  const guests = await api('GET', '/registers/guest-book?q=maju', verifier);
  assert.equal(guests.json.entries[0].case_number, v.case);

  const pdf = await fetch(`${s.url}/api/v1/verifications/${id}/card.pdf`, { headers: { Authorization: `Bearer ${verifier}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'loket-card-'));
  writeFileSync(join(dir, 'card.pdf'), Buffer.from(await pdf.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-layout', join(dir, 'card.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.equal(text.match(/KARTU TANDA LULUS VERIFIKASI/g).length, 4);
  for (const want of ['VP-2026-0001', 'CV Maju Jaya', '01.234.567.8-901.000', '9120001234567', 'majujaya', '16 November 2026', 'Vera Verifikator', 'Lembar 1 dari 4', 'untuk Penyedia']) {
    assert.ok(text.includes(want), `the card says ${want}`);
  }
  const info = spawnSync('pdfinfo', [join(dir, 'card.pdf')], { encoding: 'utf8' }).stdout;
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'card.pdf'), join(dir, 'card')]);
  const qr = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'card.png')], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(qr.length, 4, 'a QR on every copy');
  assert.equal(new Set(qr).size, 1);
  assert.equal(qr[0], v.card.url);
  const code = qr[0].split('/').pop();
  const page = await request(s.url, 'GET', `/kartu/${code}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /VP-2026-0001/);
  assert.match(page.text, /CV Maju Jaya/);
  // a public page: the portal's one menu (nothing marked), as on every page of the portal, its error page too
  const menus = page.text.match(/<nav class="portal" aria-label="Menu portal">.*?<\/nav>/g) || [];
  assert.equal(menus.length, 1, 'one portal menu');
  assert.match(menus[0], /<a href="\/portal">Beranda portal<\/a>.*<a href="\/portal\/verifikasi">Jadwal verifikasi<\/a>/);
  assert.doesNotMatch(menus[0], /aria-current/);
  assert.doesNotMatch(page.text, /<nav class="main"/);
  assert.match((await request(s.url, 'GET', `/kartu/${code.split('-')[0]}`)).text, /<nav class="portal"/);
  const check = await api('GET', `/cards/${code}`);
  assert.equal(check.status, 200);
  assert.equal(check.json.genuine, true);
  assert.equal(check.json.number, 'VP-2026-0001');
  const forged = code.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  assert.equal((await api('GET', `/cards/${forged}`)).status, 404);
  assert.equal((await request(s.url, 'GET', `/kartu/${code.split('-')[0]}`)).status, 404, 'the id alone is not enough');
});

test('return and come back: the missing items listed and mailed, the clock held overnight, then approved within the standard', async () => {
  const list = await api('GET', '/verification/appointments?day=2026-11-17', verifier);
  // the first still booked (the one walked above came the day before its day: it is in that day's queue now)
  const id = list.json.appointments.find((a) => a.status === 'booked').verification;
  let v = await walkToDocuments(id);
  // an item marked twice in one call is refused, not read as the last of the two
  const marks = allMarks(v.items, [2, 5, 12]).map((m) => (m.no === 12 ? { ...m, present: true } : m));
  let r = await api('POST', `/verifications/${id}/documents`, verifier, { items: [...marks, { no: 5, present: true, matches: true }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, `items[${marks.length}].no`, 'the mark named by its path');
  assert.equal(r.json.error.message, 'Item nomor 5 disebut dua kali');
  r = await api('POST', `/verifications/${id}/documents`, verifier, { items: marks });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.missing, [5, 12]);
  r = await api('POST', `/verifications/${id}/approve`, verifier);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'items');
  r = await api('POST', `/verifications/${id}/return`, verifier);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.held, true);
  const mail = outbox('Berkas verifikasi PT Dua%');
  assert.equal(mail.length, 1);
  assert.match(mail[0], /5\. NPWP perusahaan \(tidak ada\)/);
  assert.match(mail[0], /12\. SPT tahunan terakhir \(tidak sesuai asli\)/);
  // lapsing on Wednesday 2 December: the last day to bring them is the Tuesday before
  assert.match(mail[0], /bawa kembali ke LPSE paling lambat 1 Desember 2026, hari kerja terakhir sebelum 2 Desember 2026: pada tanggal itu/);
  const c = await api('GET', `/cases/${r.json.case}`, verifier);
  assert.equal(c.json.steps.at(-1).no, 5);
  assert.equal(c.json.steps.at(-1).due_at, '2026-11-16T01:10:00Z', 'step 5: 10 minutes of office time from 08.00');

  assert.equal(c.json.steps.at(-1).held_since, '2026-11-16T01:00:00Z', 'the clock stands still from the return');

  // the provider comes back on Tuesday at 08.00: the step's due time moves by the office time held
  await s.stop({ keep: true });
  await start(TUE);
  // meanwhile the held step is not overdue: not in the list, not marked late on its page
  const over = await api('GET', '/cases?overdue=1', verifier);
  assert.ok(!over.json.cases.some((k) => k.number === r.json.case), 'a held step is not overdue');
  const listed = (await api('GET', `/cases?q=${r.json.case}`, verifier)).json.cases.find((k) => k.number === r.json.case);
  assert.equal(listed.held, true);
  const casePage = await (await webSession(s.url)).get(`/kasus/${r.json.case}`);
  assert.match(casePage.text, /jam dihentikan sejak/);
  assert.doesNotMatch(casePage.text, /class="tag bad late"/);
  r = await api('POST', `/verifications/${id}/documents`, verifier, { items: allMarks(v.items, [2]) });
  assert.equal(r.status, 409, 'resume first');
  r = await api('POST', `/verifications/${id}/resume`, verifier);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'checking');
  assert.equal(r.json.held, false);
  const held = await api('GET', `/cases/${r.json.case}`, verifier);
  // held Monday 08.00 → Tuesday 08.00: Monday's 7.5 office hours after 08.00 minus… = Monday 08.00-12.00 and
  // 13.00-16.00 (7 h) + Tuesday 07.30-08.00 (0.5 h); 08.10 Monday + 7.5 h of office time = 08.10 Tuesday
  assert.equal(held.json.steps.at(-1).due_at, '2026-11-17T01:10:00Z');
  r = await api('POST', `/verifications/${id}/documents`, verifier, { items: allMarks(v.items, [2]) });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', `/verifications/${id}/approve`, verifier);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.number, 'VP-2026-0002');
  const done = await api('GET', `/cases/${r.json.case}`, verifier);
  const step5 = done.json.steps.find((st) => st.no === 5);
  assert.equal(step5.met, true, 'the night the file was with the provider does not count');
  assert.ok(step5.paused_s >= 86400);
});

test('blacklisted: the import (CLI and API, bad rows named), the provider rejected at step 3, the case cancelled', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-bl-'));
  writeFileSync(join(dir, 'bad.csv'), 'npwp,nama,alasan,sampai\n08.456.789.0-123.000,PT Hitam,Pemalsuan dokumen,2027-12-31\n12345,PT Salah\n');
  let c = cli(['blacklist', 'import', '--data', s.dir, join(dir, 'bad.csv')]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /line 3: NPWP 12345/);
  writeFileSync(join(dir, 'list.csv'), 'npwp,nama,alasan,sampai\n08.456.789.0-123.000,PT Hitam,Pemalsuan dokumen,2027-12-31\n"09.456.789.0-123.000","PT Lama, Tbk",Sanksi lama,2020-01-01\n');
  c = cli(['blacklist', 'import', '--data', s.dir, join(dir, 'list.csv')]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^2 entries imported/);
  let r = await api('GET', '/verification/blacklist', verifier);
  assert.deepEqual(r.json.entries.map((e) => [e.npwp, e.name]), [['084567890123000', 'PT Hitam'], ['094567890123000', 'PT Lama, Tbk']]);
  // the same list as a spreadsheet set to Indonesian saves it: semicolons, a BOM, CRLF
  const before = r.json.entries;
  writeFileSync(join(dir, 'list-semi.csv'), '\uFEFFnpwp;nama;alasan;sampai\r\n08.456.789.0-123.000;PT Hitam;Pemalsuan dokumen;2027-12-31\r\n'
    + '"09.456.789.0-123.000";PT Lama, Tbk;Sanksi lama;2020-01-01\r\n');
  c = cli(['blacklist', 'import', '--data', s.dir, join(dir, 'list-semi.csv')]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^2 entries imported/);
  r = await api('GET', '/verification/blacklist', verifier);
  assert.deepEqual(r.json.entries, before);
  // a semicolon file that cannot be read names its line: a quote left open on line 4, after a quoted field over two
  writeFileSync(join(dir, 'open-semi.csv'), 'npwp;nama;alasan\n08.456.789.0-123.000;"PT Hitam\nBaru";x\n"09.456.789.0-123.000;PT Lama\n');
  c = cli(['blacklist', 'import', '--data', s.dir, join(dir, 'open-semi.csv')]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /line 4: a quoted field is not closed/);
  // an empty (or cut) file, and one NPWP twice, are refused: the list stays as it was
  writeFileSync(join(dir, 'empty.csv'), '');
  writeFileSync(join(dir, 'header.csv'), 'npwp,nama\n');
  writeFileSync(join(dir, 'twice.csv'), 'npwp,nama\n08.456.789.0-123.000,PT Hitam\n084567890123000,PT Hitam Lagi\n');
  writeFileSync(join(dir, 'forms.csv'), 'npwp,nama\n08.456.789.0-123.000,PT Hitam\n0084567890123000,PT Hitam Baru\n');
  for (const [f, why] of [['empty.csv', /no entries/], ['header.csv', /no entries/], ['twice.csv', /line 3: NPWP 084567890123000 is listed twice/],
    ['forms.csv', /line 3: NPWP 0084567890123000 is listed twice/]]) {
    c = cli(['blacklist', 'import', '--data', s.dir, join(dir, f)]);
    assert.equal(c.status, 1, f);
    assert.match(c.stderr, why, f);
  }
  // a name with a line break in its quotes is named for what it is, not "too long"; a name's length is in characters
  r = await api('PUT', '/verification/blacklist', admin, { csv: 'npwp,nama\n08.456.789.0-123.000,"PT Hitam\nBaru"\n' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.message, /baris 2: nama mengandung baris baru/);
  r = await api('PUT', '/verification/blacklist', admin, { csv: 'npwp,nama,alasan\n08.456.789.0-123.000,PT Hitam,"Sanksi\tlama"\n' });
  assert.match(r.json.error.message, /baris 2: alasan mengandung baris baru/);
  r = await api('PUT', '/verification/blacklist', admin, { csv: `npwp,nama\n08.456.789.0-123.000,PT ${'é'.repeat(201)}\n` });
  assert.match(r.json.error.message, /baris 2: nama kosong atau terlalu panjang/);
  r = await api('PUT', '/verification/blacklist', admin, { csv: '' });
  assert.equal(r.status, 400, r.text);
  r = await api('GET', '/verification/blacklist', verifier);
  assert.equal(r.json.entries.length, 2, 'the list is left as it was');
  r = await api('PUT', '/verification/blacklist', admin, { csv: 'npwp,name\nabc,PT X\n' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /baris 2: NPWP abc/);
  assert.equal((await api('GET', '/verification/blacklist', verifier)).json.count, 2, 'nothing half-imported');
  // every wrong line is named at once (the first five, then how many more), the good ones between them kept out too
  const wrong = ['npwp,nama', 'abc,PT A', '08.456.789.0-123.000,PT Baik', '12,PT B', '13,PT C', '09.456.789.0-123.000,', '14,PT D', '15,PT E', '16,PT F'];
  r = await api('PUT', '/verification/blacklist?lang=en', admin, { csv: wrong.join('\n') + '\n' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.message.match(/line \d+/g).join(' '), 'line 2 line 4 line 5 line 6 line 7', r.text);
  assert.match(r.json.error.message, /line 6: the name is missing or too long: at most 200 characters; line 7: NPWP 14: .*; and 2 more lines$/, r.text);
  // all of them listed in "lines", as the calendar's import lists its wrong lines
  assert.deepEqual(r.json.error.lines.map((l) => l.match(/^line (\d+)/)[1]), ['2', '4', '5', '6', '7', '8', '9'], r.text);
  assert.equal(r.json.error.more_lines, 0, r.text);
  r = await api('PUT', '/verification/blacklist', admin, { csv: wrong.join('\n') + '\n' });
  assert.match(r.json.error.message, /; dan 2 baris lain$/, r.text);
  assert.equal((await api('GET', '/verification/blacklist', verifier)).json.count, 2, 'nothing half-imported');

  // listed in the old 15-digit form, the provider comes with the new 16-digit form: one taxpayer
  r = await api('POST', '/verifications', piket, { ...PROVIDER, company: 'PT Hitam', npwp: '0084567890123000', email: 'hitam@contoh.co.id', registered_on: '2026-11-10' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  await api('POST', `/verifications/${id}/arrive`, verifier);
  await api('POST', `/verifications/${id}/agenda`, verifier);
  r = await api('POST', `/verifications/${id}/registration`, verifier, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'rejected');
  assert.match(r.json.blacklist, /PT Hitam — Pemalsuan dokumen/);
  const kase = await api('GET', `/cases/${r.json.case}`, verifier);
  assert.equal(kase.json.status, 'cancelled');
  assert.equal(outbox('Verifikasi PT Hitam tidak dapat%').length, 1);
  // an entry whose sanction ended does not reject
  r = await api('POST', '/verifications', piket, { ...PROVIDER, company: 'PT Lama', npwp: '094567890123000', email: 'lama@contoh.co.id', registered_on: '2026-11-10' });
  await api('POST', `/verifications/${r.json.id}/arrive`, verifier);
  await api('POST', `/verifications/${r.json.id}/agenda`, verifier);
  r = await api('POST', `/verifications/${r.json.id}/registration`, verifier, {});
  assert.equal(r.json.status, 'checking');
  assert.equal(r.json.step, 4);
});

test('a registration not verified in 30 days: warned 7 days before, then lapsed (appointment cancelled, provider told)', async () => {
  let r = await api('POST', '/portal/verification/appointments', undefined,
    { ...PROVIDER, company: 'PT Lambat', npwp: '10.456.789.0-123.000', email: 'lambat@contoh.co.id', registered_on: '2026-11-10', day: '2026-11-30' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.verification;
  assert.equal(r.json.day, '2026-11-30');
  // open now: the two booked on 2 November (lapse 2 December), PT Lama (checking) and PT Lambat (10 November: lapse 10 December)
  let w = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: '2026-12-02T23:59:00+07:00' } });
  assert.match(w.stdout, /0 lapse warning\(s\), 2 lapsed/, w.stdout);
  w = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: '2026-12-03T00:00:00+07:00' } });
  assert.match(w.stdout, /2 lapse warning\(s\), 0 lapsed/, w.stdout);
  w = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: '2026-12-09T23:59:59+07:00' } });
  assert.match(w.stdout, /0 lapse warning\(s\), 0 lapsed/, w.stdout);
  w = cli(['verification', 'watch', '--data', s.dir], { env: { LOKET_TEST_NOW: '2026-12-10T00:00:00+07:00' } });
  assert.match(w.stdout, /0 lapse warning\(s\), 2 lapsed/, w.stdout);
  r = await api('GET', `/verifications/${id}`, verifier);
  assert.equal(r.json.status, 'lapsed');
  assert.equal(r.json.lapse_at, '2026-12-09T17:00:00Z');
  assert.equal(outbox('Segera verifikasi: pendaftaran PT Lambat%').length, 1);
  // it lapses at the start of 10 December: verified before that day, not "until" it
  assert.match(outbox('Segera verifikasi: pendaftaran PT Lambat%')[0], /sebelum 10 Desember 2026, pendaftaran itu gugur/);
  // Thursday 10 December: the last day to come is the Wednesday before
  assert.match(outbox('Segera verifikasi: pendaftaran PT Lambat%')[0], /Datanglah ke LPSE paling lambat 9 Desember 2026, hari kerja terakhir sebelum tanggal itu,/);
  assert.equal(outbox('Pendaftaran PT Lambat gugur').length, 1);
  r = await api('GET', '/verification/appointments?day=2026-11-30', verifier);
  assert.equal(r.json.appointments.find((a) => a.verification === id).status, 'cancelled');
  const lama = await api('GET', '/verifications?status=lapsed', verifier);
  assert.equal(lama.json.verifications.length, 4);
});

test('the settings page: days, copies and the checklist saved together, a bad list refused whole; the blacklist uploaded as a file', async () => {
  const w = await webSession(s.url);
  let page = await w.get('/verifikasi/pengaturan');
  assert.equal(page.status, 200);
  assert.match(page.text, /\* Surat Kuasa \(bila yang datang bukan direktur\)/, 'the optional item is marked with *');
  let r = await w.post('/verifikasi/pengaturan', { csrf: w.csrf, cap1: '6', cap5: '0', card_copies: '2',
    items: 'Formulir Keikutsertaan\n* Surat Kuasa\n\nKTP direktur\nNPWP perusahaan\n' });
  assert.equal(r.status, 303, r.text);
  let set = await api('GET', '/verification/settings', verifier);
  assert.equal(set.json.card_copies, 2);
  assert.equal(set.json.capacity[1], 6);
  assert.equal(set.json.capacity[5], 0);
  const list = await api('GET', '/verification/checklist', verifier);
  assert.deepEqual(list.json.items.map((i) => [i.no, i.title, i.required]),
    [[1, 'Formulir Keikutsertaan', true], [2, 'Surat Kuasa', false], [3, 'KTP direktur', true], [4, 'NPWP perusahaan', true]]);
  r = await w.post('/verifikasi/pengaturan', { csrf: w.csrf, cap1: '7', card_copies: '9', items: 'Satu\n* Dua\n' });
  assert.equal(r.status, 400);
  // the form again with what was typed (not the stored values), the error under its field
  assert.match(r.text, /name="card_copies" type="number" min="1" max="8" value="9" aria-invalid="true" aria-describedby="card_copies-error"><p class="field-error" id="card_copies-error">harus 1 sampai 8<\/p>/);
  assert.match(r.text, /name="cap1" type="number" min="0" max="500" value="7">/);
  assert.match(r.text, /name="items" rows="14">Satu\r?\n\* Dua\s*<\/textarea>/);
  r = await w.post('/verifikasi/pengaturan', { csrf: w.csrf, lapse_days: '30', warn_days: '30' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="warn_days-error">harus 0 sampai 60 dan kurang dari hari sebelum pendaftaran gugur</, 'no field name in the message');
  assert.equal((await api('GET', '/verification/checklist', verifier)).json.items.length, 4, 'nothing written');

  const form = new FormData();
  form.append('csrf', w.csrf);
  form.append('file', new Blob(['npwp,nama\n11.456.789.0-123.000,PT Unggah\n'], { type: 'text/csv' }), 'daftar-hitam.csv');
  const up = await fetch(`${s.url}/verifikasi/daftar-hitam`, { method: 'POST', redirect: 'manual', headers: { Cookie: w.cookie(), Origin: s.url }, body: form });
  assert.equal(up.status, 303, await up.text());
  const bl = await api('GET', '/verification/blacklist', verifier);
  assert.deepEqual(bl.json.entries.map((e) => e.name), ['PT Unggah']);
  const bad = new FormData();
  bad.append('csrf', w.csrf);
  bad.append('file', new Blob(['npwp,nama\nxyz,PT Rusak\n'], { type: 'text/csv' }), 'rusak.csv');
  const no = await fetch(`${s.url}/verifikasi/daftar-hitam`, { method: 'POST', redirect: 'manual', headers: { Cookie: w.cookie(), Origin: s.url }, body: bad });
  assert.equal(no.status, 400);
  assert.match(await no.text(), /baris 2: NPWP xyz/);
  assert.equal((await api('GET', '/verification/blacklist', verifier)).json.count, 1);
  const vera = await webSession(s.url, 'vera', 'vera-password-1');
  const seen = await vera.get('/verifikasi/pengaturan');
  assert.equal(seen.status, 200, 'a verifier reads the settings');
  assert.match(seen.text, /<fieldset disabled>/, 'to read only: the fields are disabled');
  assert.doesNotMatch(seen.text, /<button type="submit">Simpan<\/button>/);
  const denied = await vera.post('/verifikasi/pengaturan', { csrf: vera.csrf, card_copies: '3' });
  assert.equal(denied.status, 403, 'but does not change them');
});

test('two officers press "arrived" at once: one case is opened, the other is told it is done already', async () => {
  const r = await api('POST', '/verifications', piket, { ...PROVIDER, company: 'PT Kembar', npwp: '12.456.789.0-123.000', email: 'kembar@contoh.co.id', registered_on: '2026-11-10' });
  assert.equal(r.status, 201, r.text);
  const both = await Promise.all([1, 2, 3].map(() => api('POST', `/verifications/${r.json.id}/arrive`, verifier)));
  assert.deepEqual(both.map((x) => x.status).sort(), [200, 409, 409]);
  const cases = await api('GET', `/cases?q=${encodeURIComponent('PT Kembar')}`, verifier);
  assert.equal(cases.json.cases.length, 1);
});

test('with public_url set, the card\'s QR and its address in the API use it, whatever the Host header', async () => {
  const id = sqlite(join(s.dir, 'loket.db'), "SELECT id FROM verification WHERE number='VP-2026-0001'").stdout.trim();
  assert.ok(id);
  await s.stop({ keep: true });
  s = await startServer({ dir: s.dir, conf: `${CONF}public_url = https://lpse.example.go.id\n`, env: { LOKET_TEST_NOW: TUE } });
  verifier = await login(s.url, 'vera', 'vera-password-1');
  const v = await api('GET', `/verifications/${id}`, verifier, undefined, { Host: 'evil.example' });
  assert.match(v.json.card.url, /^https:\/\/lpse\.example\.go\.id\/kartu\/\d+-[0-9a-f]{32}$/);
  const pdf = await fetch(`${s.url}/api/v1/verifications/${id}/card.pdf`, { headers: { Authorization: `Bearer ${verifier}` } });
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'loket-card-'));
  writeFileSync(join(dir, 'card.pdf'), Buffer.from(await pdf.arrayBuffer()));
  spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'card.pdf'), join(dir, 'card')]);
  const qr = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'card.png')], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(qr.length, 4);
  assert.deepEqual([...new Set(qr)], [v.json.card.url]);
});

test('the portal booking answers 303 to the appointment\'s private page (a reload books nothing), with the portal menu; cancelling it mails the provider how to book again', async () => {
  // the server now runs with public_url (the test above), the clock on Tuesday 17 November
  const db = join(s.dir, 'loket.db');
  const jar = new Map();
  const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const get = async (path) => { const res = await fetch(s.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
  const send = async (path, form) => { const res = await fetch(s.url + path, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual', headers: { Cookie: cookie(), Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
  let r = await get('/portal/verifikasi');
  assert.equal(r.status, 200);
  // the days offered say their weekday: a phone's reader need not count
  assert.match(r.text, /<option value="2026-11-25">Rabu, 25 November 2026 — \d+ tempat kosong<\/option>/);
  const csrf = r.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const office = r.text.match(/name="office" value="([^"]*)"/)[1];
  const P = { ...PROVIDER, company: 'CV Kembali Lagi', npwp: '22.456.789.0-123.000', email: 'lagi@cv-lagi.co.id', day: '2026-11-25', csrf, office };
  const count = () => sqlite(db, "SELECT count(*) FROM verify_appointment a JOIN verification v ON v.id=a.verification_id WHERE v.npwp='224567890123000'").stdout.trim();
  // refused: the form again with what was typed (400), nothing booked
  r = await send('/portal/verifikasi', { ...P, npwp: '123' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /id="v-company" name="company" type="text" value="CV Kembali Lagi"/);
  assert.match(r.text, /<option value="2026-11-25" selected>/);
  assert.equal(count(), '0');
  // three fields wrong at once: each under its own field, one notice above, what was typed kept
  r = await send('/portal/verifikasi', { ...P, npwp: '123', email: 'lagi@', contact: '' });
  assert.equal(r.status, 400, r.text);
  for (const f of ['npwp', 'email', 'contact']) {
    assert.match(r.text, new RegExp(`aria-invalid="true" aria-describedby="${f}-error"`), f);
    assert.match(r.text, new RegExp(`id="${f}-error">[^<]+<`), f);
  }
  assert.doesNotMatch(r.text, /id="company-error"/);
  assert.equal((r.text.match(/class="notice error"/g) || []).length, 1);
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah\./);
  assert.match(r.text, /id="v-company" name="company" type="text" value="CV Kembali Lagi"/);
  assert.equal(count(), '0');
  // booked: 303 to the private page named by the same token as the mailed cancel link
  r = await send('/portal/verifikasi', P);
  assert.equal(r.status, 303, r.text);
  const loc = r.headers.get('location');
  const token = loc.match(/^\/portal\/verifikasi\/janji\/(\d+-[0-9a-f]{32})\?baru=1$/)[1];
  assert.ok(outbox('Jadwal verifikasi%').find((m) => m.startsWith('lagi@cv-lagi.co.id|')).includes(`/portal/verifikasi/batal/${token}`));
  for (let i = 0; i < 2; i++) {            // shown, then reloaded: still one appointment
    r = await get(loc);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<h1>Jadwal verifikasi Anda<\/h1>/);
    assert.match(r.text, /Jadwal verifikasi Anda sudah tercatat\./);
    assert.match(r.text, /id="queue-no">1</);
    assert.match(r.text, /id="booked-day">Rabu, 25 November 2026</);
    assert.match(r.text, /id="appt-company">CV Kembali Lagi</);
    assert.ok(r.text.includes(`https://lpse.example.go.id/portal/verifikasi/janji/${token}</p>`), 'the private address, to keep');
    assert.ok(r.text.includes(`<form method="post" action="/portal/verifikasi/batal/${token}">`), 'it can be cancelled there');
    assert.match(r.text, /<nav class="portal"[^>]*>.*<a href="\/portal\/verifikasi" aria-current="page">Jadwal verifikasi<\/a>/);
    assert.match(r.text, /<a href="\/portal">Beranda portal<\/a>/, 'a way back');
    assert.ok(r.text.includes(`name="next" value="/portal/verifikasi/janji/${token}?baru=1"`), 'the language switch keeps the box');
  }
  assert.equal(count(), '1');
  r = await get(`${loc}&lang=en`);
  assert.match(r.text, /Your verification is booked\./);
  assert.match(r.text, /<h1>Your verification appointment<\/h1>/);
  // an address not made by the office names nothing
  const forged = `${token.split('-')[0]}-${'0'.repeat(32)}`;
  r = await get(`/portal/verifikasi/janji/${forged}?baru=1`);
  assert.equal(r.status, 404);
  assert.doesNotMatch(r.text, /CV Kembali Lagi/);
  // cancelled: one mail, in Indonesian, with the office, the day and the page to book again
  const name = sqlite(db, `SELECT name FROM office WHERE code='${office}'`).stdout.trim();
  assert.equal(outbox('Jadwal verifikasi dibatalkan%').filter((m) => m.startsWith('lagi@cv-lagi.co.id|')).length, 0);
  r = await send(`/portal/verifikasi/batal/${token}`, { csrf: r.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1] });
  // POST-redirect-GET, as the booking: the appointment's page says so; reloaded, it is the same page (no 409)
  assert.equal(r.status, 303, r.text);
  const done = r.headers.get('location');
  assert.ok(done.startsWith(`/portal/verifikasi/janji/${token}?ok=`), done);
  for (let i = 0; i < 2; i++) {
    r = await get(done);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /id="appt-status">dibatalkan</);
    assert.match(r.text, /<div class="notice ok" role="status"><p>Jadwal telah dibatalkan; tempatnya dapat dipakai penyedia lain\.<\/p>/);
    assert.doesNotMatch(r.text, /action="\/portal\/verifikasi\/batal\//, 'nothing left to cancel');
    assert.match(r.text, /<nav class="portal"/);
  }
  const mails = outbox('Jadwal verifikasi dibatalkan%').filter((m) => m.startsWith('lagi@cv-lagi.co.id|'));
  assert.equal(mails.length, 1, mails.join('\n'));
  assert.match(mails[0], /^lagi@cv-lagi\.co\.id\|Jadwal verifikasi dibatalkan: 25 November 2026, antrean 1\|Yth\. Budi Santoso, /);
  assert.ok(mails[0].includes(`Jadwal verifikasi CV Kembali Lagi di ${name} pada 25 November 2026`), mails[0]);
  assert.ok(mails[0].includes('pilih hari yang baru di: https://lpse.example.go.id/portal/verifikasi '), mails[0]);
  assert.ok(mails[0].includes(`Salam, ${name}`), mails[0]);   /* signed by the office, as every mail to a requester */
  assert.ok(!mails[0].includes('Loket — '), mails[0]);
  // cancelling again mails nothing more
  r = await send(`/portal/verifikasi/batal/${token}`, { csrf });
  assert.equal(r.status, 409);
  assert.equal(outbox('Jadwal verifikasi dibatalkan%').filter((m) => m.startsWith('lagi@cv-lagi.co.id|')).length, 1);
});

test('a reminder whose day has begun (the watcher did not run the day before) is not sent: no "tomorrow" on the day itself', async () => {
  // the server's clock before 08.00: its own watcher's first pass (at its start, maybe after the
  // bookings on a busy machine) must find no reminder due, or PT Pagi's would be sent by it
  const w = await startServer({ conf: CONF, env: { LOKET_TEST_NOW: '2026-11-16T07:30:00+07:00' } });
  try {
    for (const [company, npwp, day] of [['PT Pagi', '11.456.789.0-123.000', '2026-11-17'], ['PT Siang', '12.456.789.0-123.000', '2026-11-18']]) {
      const r = await request(w.url, 'POST', '/api/v1/portal/verification/appointments', { body: { ...PROVIDER, company, npwp, email: `${npwp.slice(0, 2)}@contoh.co.id`, day } });
      assert.equal(r.status, 201, r.text);
    }
    // Tuesday 00.00: PT Pagi's day has begun (its reminder was due Monday 08.00); PT Siang's is not due yet
    let c = cli(['verification', 'watch', '--data', w.dir], { env: { LOKET_TEST_NOW: '2026-11-17T00:00:00+07:00' } });
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /^0 reminder\(s\)/, c.stdout);
    // Tuesday 08.00: PT Siang's, and PT Pagi's is not looked at again
    c = cli(['verification', 'watch', '--data', w.dir], { env: { LOKET_TEST_NOW: '2026-11-17T08:00:00+07:00' } });
    assert.match(c.stdout, /^1 reminder\(s\)/, c.stdout);
    const sent = sqlite(join(w.dir, 'loket.db'), "SELECT to_addr || '|' || subject FROM outbox WHERE subject LIKE 'Pengingat%' ORDER BY id").stdout.trim();
    assert.equal(sent, '12@contoh.co.id|Pengingat: verifikasi penyedia besok, antrean 1');
  } finally { await w.stop(); }
});

test('the scan form refused (no file chosen, an item not on the checklist): the error is shown under its field, said above, the item chosen kept', async () => {
  const made = await api('POST', '/verifications', verifier, { company: 'CV Pindai Jaya', npwp: '13.456.789.0-123.000', email: 'pindai@contoh.co.id', contact: 'Rudi', spse_user: 'pindaijaya', registered_on: '2026-11-02' });
  assert.equal(made.status, 201, made.text);
  const v = await walkToDocuments(made.json.id);
  assert.equal(v.step, 4);
  const web = await webSession(s.url, 'vera', 'vera-password-1');
  const send = async (fields, file) => {
    const fd = new FormData();
    fd.append('csrf', web.csrf);
    for (const [k, val] of Object.entries(fields)) fd.append(k, val);
    if (file) fd.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.name);
    const res = await fetch(`${s.url}/verifikasi/${v.id}/scan`, { method: 'POST', redirect: 'manual', headers: { Cookie: web.cookie(), Origin: s.url }, body: fd });
    return { status: res.status, text: await res.text() };
  };
  const item = String(v.items[v.items.length - 1].no);   // the office's checklist as it stands (the settings test changed it)
  let r = await send({ item });
  assert.equal(r.status, 400);
  assert.match(r.text, /<input id="s-file" name="file" type="file" required aria-invalid="true" aria-describedby="file-error">/);
  assert.match(r.text, /<p class="field-error" id="file-error">Pilih berkas yang akan dilampirkan<\/p>/);
  assert.match(r.text, new RegExp(`<option value="${item}" selected>`));
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
  r = await send({ item: '99' }, { name: 'akta.pdf', bytes: '%PDF-1.4\n%%EOF\n' });
  assert.equal(r.status, 400);
  assert.match(r.text, /<select id="s-item" name="item" aria-invalid="true" aria-describedby="item-error">/);
  assert.match(r.text, /<p class="field-error" id="item-error">/);
  assert.equal((await api('GET', `/verifications/${v.id}`, verifier)).json.items.every((i) => i.scans.length === 0), true);
});

test('a provider come on another day than the one booked is served as a walk-in: in today\'s queue, the booked day\'s place given back', async () => {
  const P = { ...PROVIDER, company: 'CV Lebih Awal', npwp: '32.456.789.0-123.000', email: 'awal@cv-awal.co.id', day: '2026-11-24' };
  const free = async () => (await api('GET', '/portal/verification/days')).json.days.find((d) => d.day === '2026-11-24');
  const before = await free();
  let r = await api('POST', '/portal/verification/appointments', undefined, P);
  assert.equal(r.status, 201, r.text);
  const id = r.json.verification;
  assert.equal((await free()).booked, before.booked + 1);
  const { day, appointments: today } = (await api('GET', '/verification/appointments', verifier)).json;
  assert.ok(day < '2026-11-24', day);
  // the day before its day (and earlier): the desk serves the provider who is here, as one come without a booking
  r = await api('POST', `/verifications/${id}/arrive`, verifier);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'checking');
  const next = Math.max(0, ...today.map((a) => a.queue_no)) + 1;
  assert.deepEqual(r.json.appointment, { day, queue_no: next }, r.text);
  assert.equal((await free()).booked, before.booked, 'the booked day\'s place is free again');
  const list = (await api('GET', '/verification/appointments', verifier)).json.appointments;
  assert.deepEqual(list.filter((a) => a.verification === id).map((a) => [a.queue_no, a.status]), [[next, 'arrived']], JSON.stringify(list));
  const audit = sqlite(join(s.dir, 'loket.db'), `SELECT detail FROM audit WHERE action='verify.arrive' AND object='verification:${id}'`).stdout;
  assert.match(audit, new RegExp(`booked for 2026-11-24 \\(queue \\d+\\), come on ${day}: as a walk-in, queue ${next}`), audit);
});

test('after the visit the provider follows the verification on the appointment\'s page', async () => {
  const P = { ...PROVIDER, company: 'CV Ikuti', npwp: '31.456.789.0-123.000', email: 'ikuti@cv-ikuti.co.id', day: '2026-11-23' };
  let r = await api('POST', '/portal/verification/appointments', undefined, P);
  assert.equal(r.status, 201, r.text);
  const id = r.json.verification;
  const mail = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='ikuti@cv-ikuti.co.id' ORDER BY id").stdout;
  const token = mail.match(/\/portal\/verifikasi\/batal\/(\d+-[0-9a-f]{32})/)[1];
  const page = async () => (await (await fetch(`${s.url}/portal/verifikasi/janji/${token}`)).text());
  assert.doesNotMatch(await page(), /appt-verification/, 'before the visit: the appointment alone');
  r = await api('POST', `/verifications/${id}/arrive`, verifier);
  assert.equal(r.status, 200, r.text);
  const h = await page();
  assert.match(h, /id="appt-status">sudah datang</);
  assert.match(h, /<dt>Verifikasi<\/dt><dd id="appt-verification">Sedang diperiksa<\/dd>/);
});

test('a walk-in pasted with spaces around its fields (an e-mail, an NPWP, a name) is taken without them, as the page takes it, not refused as a wrong address', async () => {
  const r = await api('POST', '/verifications', piket, { company: '  CV Spasi Jaya ', npwp: ' 07.111.222.3-444.000 ',
    email: 'direktur@spasi.co.id ', contact: ' Ani Spasi', phone: ' 0812 1111 2222 ', spse_user: ' spasijaya ' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.company, r.json.npwp, r.json.email, r.json.contact, r.json.phone, r.json.spse_user],
    ['CV Spasi Jaya', '071112223444000', 'direktur@spasi.co.id', 'Ani Spasi', '+6281211112222', 'spasijaya']);
  // a required field of spaces alone is still missing
  const blank = await api('POST', '/verifications', piket, { company: '   ', npwp: '07.111.222.3-555.000', email: 'a@spasi.co.id', contact: 'Ani' });
  assert.equal(blank.status, 400, blank.text);
  assert.equal(blank.json.error.field, 'company');
});

test('a verification whose case is cancelled on the case page reads cancelled, takes no step, and its NPWP may come again', async () => {
  const body = { company: 'CV Batal Jaya', npwp: '07.222.333.4-555.000', email: 'direktur@bataljaya.co.id', contact: 'Rudi' };
  let r = await api('POST', '/verifications', piket, body);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await api('POST', `/verifications/${id}/arrive`, piket);
  assert.equal(r.status, 200, r.text);
  const caseNo = r.json.case;
  r = await api('POST', `/cases/${caseNo}/cancel`, admin, { reason: 'penyedia pulang sebelum diperiksa' });
  assert.equal(r.status, 200, r.text);
  r = await api('GET', `/verifications/${id}`, verifier);
  assert.equal(r.json.status, 'cancelled', 'not "checking" for ever');
  r = await api('POST', `/verifications/${id}/agenda`, piket);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'status');
  r = await api('GET', '/verifications?status=cancelled', verifier);
  assert.deepEqual(r.json.verifications.map((v) => v.id), [id]);
  // the page says so, and offers no step
  const w = await webSession(s.url);
  const page = await w.get(`/verifikasi/${id}`);
  assert.match(page.text, /<dd id="v-status">Dibatalkan<\/dd>/);
  assert.doesNotMatch(page.text, /action="\/verifikasi\/\d+\/(agenda|registration|resume|approve|return)"/);
  // its case is not reopened (the verification has ended: its steps would wait for actions it no longer
  // offers); the case page offers no reopening
  r = await api('POST', `/cases/${caseNo}/reopen`, admin);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'status');
  assert.match(r.json.error.message, /tidak dibuka kembali; catat verifikasi baru/);
  assert.equal((await api('GET', `/verifications/${id}`, verifier)).json.status, 'cancelled');
  const casePage = await w.get(`/kasus/${caseNo}`);
  assert.equal(casePage.status, 200);
  assert.doesNotMatch(casePage.text, /buka-kembali/);
  assert.match(casePage.text, /arsipkan/);
  // the provider comes again: a new verification, not "one is under way"
  r = await api('POST', '/verifications', piket, body);
  assert.equal(r.status, 201, r.text);
  assert.notEqual(r.json.id, id);
});
