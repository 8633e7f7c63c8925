// Staff absence with a replacement. The server is restarted with frozen clocks (LOKET_TEST_NOW):
// Monday 5 January 2026 08:00 WIB the absences are set (ani away Tuesday 6 and Wednesday 7 on leave,
// replaced by budi; pak away Tuesday on a trip, replaced by bu). A step assigned to ani shows in
// budi's "Tugas saya" (API and page) only while ani is away; budi completes one (the audit says
// budi), the SLA warning and breach meant for ani reach him too (in the app and by e-mail, once);
// a Pengarah completes the step of the Pengarah she replaces (no case.work: only as the stand-in).
// Wednesday budi is away too: the notices and the list go along the chain to citra; a cycle finds
// nobody. Thursday, the absence over, nothing is left of it. The values are checked field by field,
// overlaps refused; a member of staff sets only their own (/api/v1/me/absences), the ketua and the
// admin anyone's (/api/v1/users/:username/absences).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frozenServer, request, login, cli, sqlite, psql, confDb, PG, sleep, webSession } from './lib.mjs';

const PW = 'absen-test-password-2026';
const CONF = 'sla_poll_seconds = 1\npublic_url = https://lpse.example.go.id\n';
const clock = frozenServer({ conf: CONF });
after(() => clock.stop());
const { serveAt, api } = clock;

// SQL on the data folder's database, whichever engine: the rows as the shells print them.
function sql(q) {
  const r = PG ? psql(confDb(clock.dir), q) : sqlite(join(clock.dir, 'loket.db'), q);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function addUser(name, roles, full) {
  const r = cli(['user', 'add', name, '--data', clock.dir, '--role', roles, '--email', `${name}@lpse.example.go.id`, '--name', full],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(r.status, 0, r.stderr);
}

const tokens = {};
async function as(user) {
  if (user === 'admin') return clock.token;
  tokens[user] = await login(clock.url, user, PW);   // a new server each day: sign in again
  return tokens[user];
}
const call = async (user, method, path, body) => api(method, path, body, await as(user));

// The numbers of a user's "Tugas saya" and the rows themselves.
async function mine(user) {
  const r = await call(user, 'GET', '/api/v1/cases?mine=1');
  assert.equal(r.status, 200, r.text);
  return r.json.cases;
}
const numbers = (rows) => rows.map((c) => c.number);

// Open an OI-02 case (or another procedure's) and complete step 1: step 2 (OI-02's: helpdesk, 10 min office)
// starts now; then assign it to user.
async function openAssigned(subject, user, sop = 'SOP 02/LPSE.OI/2012') {
  let r = await api('POST', '/api/v1/cases', {
    sop, channel: 'email', subject,
    requester: { name: 'Rina Wati', email: 'rina.wati@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/assign`, { username: user });
  assert.equal(r.status, 200, r.text);
  return { number, assign: r.json };
}

// Ask until the user has a notice of kind for the case (the watcher runs every second), at most 10 s.
async function waitNotice(user, kind, number) {
  let got;
  for (let i = 0; i < 50; i++) {
    got = (await call(user, 'GET', '/api/v1/notices')).json;
    if (got.notices.some((n) => n.kind === kind && n.case === number)) return got;
    await sleep(200);
  }
  assert.fail(`${user}: no ${kind} notice for ${number}: ${JSON.stringify(got)}`);
}

let A, B, D;

test('Monday: absences are checked field by field, overlaps refused, set by oneself or the ketua/admin only', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  addUser('ani', 'helpdesk,staf', 'Ani Lestari');
  addUser('budi', 'staf', 'Budi Santoso');
  addUser('citra', 'helpdesk,staf', 'Citra Dewi');
  addUser('dedi', 'trainer', 'Dedi Kurnia');
  addUser('kartini', 'ketua', 'Kartini');
  addUser('harun', 'pengarah', 'Pak Harun');
  addUser('sari', 'pengarah', 'Bu Sari');

  const good = { from: '2026-01-06', to: '2026-01-07', kind: 'cuti', replacement: 'budi', note: 'Cuti tahunan' };
  const refused = async (body, field, status = 400) => {
    const r = await call('ani', 'POST', '/api/v1/me/absences', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
    return r;
  };
  // nothing given: every field named at once
  const none = await refused({}, 'from');
  assert.deepEqual(none.json.error.fields.map((f) => f.field), ['from', 'to', 'kind', 'replacement']);
  await refused({ ...good, from: '2026-02-30' }, 'from');
  await refused({ ...good, to: '7 Januari' }, 'to');
  await refused({ ...good, to: '2026-01-05' }, 'to');                      // before the first day
  const long = await refused({ ...good, to: '2027-06-30' }, 'to');        // more than a year
  assert.equal(long.json.error.message, 'to harus dalam 366 hari sejak hari pertama, keduanya terhitung', 'the message names its field');
  // a period already over stands in for nobody, and could be neither changed nor cancelled: refused, nothing written
  const past = await refused({ ...good, from: '2025-12-29', to: '2026-01-02' }, 'to', 409);
  assert.equal(past.json.error.message, 'to tidak boleh sebelum hari ini: ketidakhadiran yang sudah lewat tidak mengubah apa pun');
  const r0 = await call('ani', 'POST', '/api/v1/me/absences?lang=en', { ...good, from: '2026-01-02', to: '2026-01-04' });
  assert.equal(r0.status, 409, r0.text);
  assert.equal(r0.json.error.message, 'to must not be before today: an absence already over changes nothing');
  assert.equal((await call('ani', 'GET', '/api/v1/me/absences')).json.absences.length, 0, 'nothing written');
  await refused({ ...good, kind: 'liburan' }, 'kind');
  await refused({ ...good, replacement: 'siapa' }, 'replacement');         // no such user
  await refused({ ...good, replacement: 'ani' }, 'replacement');           // themself
  await refused({ ...good, replacement: 'dedi' }, 'replacement');          // shares no staff role
  await refused({ ...good, replacement: 'kartini' }, 'replacement');
  await refused({ ...good, note: 'x'.repeat(501) }, 'note');
  await refused({ ...good, until: '2026-01-07' }, 'until');                // a member it does not know
  const msg = await refused({ ...good, replacement: 'dedi' }, 'replacement');
  assert.match(msg.json.error.message, /^Pengganti /);

  // set by oneself: 201 with the row; the same days again overlap
  let r = await call('ani', 'POST', '/api/v1/me/absences', good);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.username, 'ani');
  assert.equal(r.json.replacement, 'budi');
  assert.equal(r.json.current, false, 'not today (Monday)');
  await refused({ ...good, from: '2026-01-07', to: '2026-01-09', kind: 'sakit' }, 'from', 409);
  await refused({ ...good, from: '2026-01-01', to: '2026-01-06' }, 'from', 409);

  // another's: refused to a member of staff (their own only under /me), allowed to the ketua and the admin
  r = await call('ani', 'POST', '/api/v1/users/budi/absences', { ...good, replacement: 'ani' });
  assert.equal(r.status, 403, r.text);
  r = await call('ani', 'GET', '/api/v1/users/ani/absences');
  assert.equal(r.status, 403, r.text);
  r = await call('dedi', 'POST', '/api/v1/users/harun/absences', { ...good, replacement: 'sari' });
  assert.equal(r.status, 403, r.text);
  r = await call('ani', 'DELETE', `/api/v1/users/budi/absences/1`);
  assert.equal(r.status, 403, r.text);
  r = await call('kartini', 'POST', '/api/v1/users/harun/absences', { from: '2026-01-06', to: '2026-01-06', kind: 'dinas_luar', replacement: 'sari' });
  assert.equal(r.status, 201, r.text);
  r = await call('kartini', 'GET', '/api/v1/users/ani/absences');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.absences.map((x) => [x.from, x.to, x.kind, x.replacement, x.created_by]),
    [['2026-01-06', '2026-01-07', 'cuti', 'budi', 'ani']]);
  r = await call('kartini', 'GET', '/api/v1/users/nobody/absences');
  assert.equal(r.status, 404, r.text);

  // the account page shows one's own and sets one; a wrong one is said at its field, the values kept
  const web = await webSession(clock.url, 'citra', PW);
  let page = await web.get('/akun');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2>Ketidakhadiran<\/h2>/);
  const csrf = web.csrfOf(page.text);
  let post = await web.post('/akun/ketidakhadiran', { csrf, from: '2026-03-02', to: '2026-03-01', kind: 'pelatihan', replacement: '' });
  assert.equal(post.status, 400);
  assert.match(post.text, /id="ab-to"[^>]*aria-invalid="true"/);
  assert.match(post.text, /value="2026-03-02"/, 'what was typed is kept');
  post = await web.post('/akun/ketidakhadiran', { csrf, from: '2026-03-02', to: '2026-03-03', kind: 'pelatihan', replacement: 'ani' });
  assert.equal(post.status, 303, post.text);
  page = await web.get('/akun');
  assert.match(page.text, /2 Maret 2026 – 3 Maret 2026/);
  assert.match(page.text, /Pelatihan/);

  // the ketua sets another's on the user's page; a member of staff may not post there
  const kweb = await webSession(clock.url, 'kartini', PW);
  page = await kweb.get('/pengguna/citra');
  assert.match(page.text, /action="\/pengguna\/citra\/ketidakhadiran"/);
  post = await kweb.post('/pengguna/citra/ketidakhadiran', { csrf: kweb.csrfOf(page.text), from: '2026-04-06', to: '2026-04-07', kind: 'sakit', replacement: 'ani' });
  assert.equal(post.status, 303, post.text);
  assert.match((await kweb.get('/pengguna/citra')).text, /6 April 2026 – 7 April 2026/);
  post = await web.post('/pengguna/citra/ketidakhadiran', { csrf, from: '2026-05-04', to: '2026-05-04', kind: 'sakit', replacement: 'ani' });
  assert.equal(post.status, 403);

  // a step assigned to ani on Monday: hers, not budi's; ani is not away yet
  A = await openAssigned('Tidak bisa unggah dokumen penawaran', 'ani');
  assert.equal(A.assign.absent, null);
  assert.ok(numbers(await mine('ani')).includes(A.number));
  assert.ok(!numbers(await mine('budi')).includes(A.number), 'before the absence: not the replacement\'s');
  // a Pengarah's step: bu may not complete the step assigned to pak while he is here
  // (BTG-017 step 2, answering the phone: a step done, not a decision the helpdesk's role takes)
  D = await openAssigned('Telepon dari Pokja', 'harun', 'SOP-LPSE.BTG-017');
  r = await call('sari', 'POST', `/api/v1/cases/${D.number}/steps/2`, { outcome: 'done' });
  assert.equal(r.status, 403, r.text);
});

test('Tuesday: ani away, her steps are budi\'s too: the list, the page, completing one, the notices', async () => {
  await serveAt('2026-01-06T08:00:00+07:00');
  // the list of staff says who is away today
  let r = await call('kartini', 'GET', '/api/v1/users?q=ani');
  assert.deepEqual(r.json.users[0].away, { kind: 'cuti', from: '2026-01-06', until: '2026-01-07', replacement: 'budi' });
  r = await call('kartini', 'GET', '/api/v1/users/budi');
  assert.equal(r.json.away, null);
  const kweb = await webSession(clock.url, 'kartini', PW);
  const users = await kweb.get('/pengguna');
  assert.match(users.text, /Cuti s\.d\. 7 Jan · diganti budi/);

  const rows = await mine('budi');
  const a = rows.find((c) => c.number === A.number);
  assert.ok(a, 'the step assigned to ani is in budi\'s tasks');
  assert.deepEqual(a.replacing, { username: 'ani', full_name: 'Ani Lestari', kind: 'cuti', until: '2026-01-07' });
  assert.ok(numbers(await mine('ani')).includes(A.number), 'and still in hers');
  const web = await webSession(clock.url, 'budi', PW);
  let page = await web.get('/tugas');
  assert.ok(page.text.includes(A.number));
  assert.match(page.text, /menggantikan Ani Lestari \(Cuti s\.d\. 7 Jan\)/);

  // the breach of A (due Monday 08:10) meant for ani reaches budi, her replacement, saying for whom
  let got = await waitNotice('budi', 'breach', A.number);
  assert.deepEqual(got.notices.find((n) => n.kind === 'breach' && n.case === A.number).stand_in_for,
    { username: 'ani', name: 'Ani Lestari' });

  // assigning to one who is away: allowed, and the answer says so and who replaces her
  // (BTG-017 step 2, answering the phone in 10 seconds: done by budi's role staf too, not a decision)
  B = await openAssigned('Lupa kata sandi', 'ani', 'SOP-LPSE.BTG-017');
  assert.deepEqual(B.assign.absent, { kind: 'cuti', from: '2026-01-06', until: '2026-01-07', replacement: 'budi' });
  page = await web.get(`/kasus/${B.number}`);
  assert.match(page.text, /tidak hadir \(Cuti s\.d\. 7 Jan\), diganti <span class="mono">budi<\/span>/);
  // budi's notice of the step given to ani says whom he stands in for, in the app as in the mail
  got = await waitNotice('budi', 'assigned', B.number);
  assert.deepEqual(got.notices.find((n) => n.kind === 'assigned' && n.case === B.number).stand_in_for,
    { username: 'ani', name: 'Ani Lestari' });
  got = await waitNotice('ani', 'assigned', B.number);
  assert.equal(got.notices.find((n) => n.kind === 'assigned' && n.case === B.number).stand_in_for, null, 'hers is her own');
  page = await web.get('/pemberitahuan');
  assert.match(page.text, new RegExp(`Sebuah langkah kasus ${B.number} ditugaskan kepada Anda</strong><br><span class="muted stand-in">Sebagai pengganti Ani Lestari</span>`));
  // BTG-017's 10 seconds to answer: the notice's time and due time to the second
  assert.match(page.text, /<tr class="assigned unread"><td class="when" data-label="Waktu">6 Januari 2026, 08\.00\.00 WIB .*?<td class="when" data-label="Tenggat">6 Januari 2026, 08\.00\.10 WIB<\/td><\/tr>/);

  // bu, a Pengarah (no case.work), completes the step assigned to pak, whom she replaces today
  r = await call('sari', 'POST', `/api/v1/cases/${D.number}/steps/2`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps.find((s) => s.no === 2).by, 'sari');

  // 8 seconds on: the warning of B reaches budi; he completes the step, the audit says budi
  await serveAt('2026-01-06T08:00:09+07:00');
  await waitNotice('budi', 'warning', B.number);
  r = await call('budi', 'POST', `/api/v1/cases/${B.number}/steps/2`, { outcome: 'done', note: 'Dijawab menggantikan Ani' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps.find((s) => s.no === 2).by, 'budi');
  assert.equal(sql(`SELECT actor FROM audit WHERE action='case.step' AND object='${B.number}' ORDER BY id DESC LIMIT 1`), 'budi\n');
  assert.ok(!numbers(await mine('budi')).includes(B.number), 'done: off the list');
});

test('Wednesday: budi away too, the chain goes on to citra; a cycle finds nobody; cancelling', async () => {
  await serveAt('2026-01-07T08:00:00+07:00');
  let r = await call('kartini', 'POST', '/api/v1/users/budi/absences', { from: '2026-01-07', to: '2026-01-07', kind: 'sakit', replacement: 'citra' });
  assert.equal(r.status, 201, r.text);
  let rows = await mine('citra');
  const a = rows.find((c) => c.number === A.number);
  assert.ok(a, 'ani → budi (away) → citra');
  assert.equal(a.replacing.username, 'ani');
  assert.ok(!numbers(await mine('budi')).includes(A.number), 'budi is away: not his today');
  // a step opened now: its breach for ani goes along the chain to citra
  const C = await openAssigned('Akun terkunci', 'ani');
  assert.equal(C.assign.absent.replacement, 'citra');
  await serveAt('2026-01-07T08:20:00+07:00');
  await waitNotice('citra', 'breach', C.number);

  // citra away too, replaced by ani: a cycle, nobody present along it
  r = await call('admin', 'POST', '/api/v1/users/citra/absences', { from: '2026-01-07', to: '2026-01-07', kind: 'lainnya', replacement: 'ani' });
  assert.equal(r.status, 201, r.text);
  const cyc = r.json.id;
  assert.ok(!numbers(await mine('citra')).includes(A.number));
  assert.ok(!numbers(await mine('budi')).includes(A.number));
  r = await call('kartini', 'PATCH', `/api/v1/users/citra/absences/${cyc}`, { note: 'Rapat di kantor wali kota' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.note, 'Rapat di kantor wali kota');
  r = await call('citra', 'DELETE', `/api/v1/me/absences/${cyc}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(numbers(await mine('citra')).includes(A.number), 'cancelled: the chain ends at citra again');
});

test('Thursday: the absence over, nothing of it is left; an absence past cannot change', async () => {
  await serveAt('2026-01-08T08:00:00+07:00');
  assert.ok(!numbers(await mine('budi')).includes(A.number));
  assert.ok(!numbers(await mine('citra')).includes(A.number));
  const rows = await mine('ani');
  assert.equal(rows.find((c) => c.number === A.number).replacing, null);
  let r = await call('ani', 'GET', '/api/v1/me/absences');
  const id = r.json.absences[0].id;
  r = await call('ani', 'PATCH', `/api/v1/me/absences/${id}`, { to: '2026-01-09' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'to');
  r = await call('ani', 'DELETE', `/api/v1/me/absences/${id}`);
  assert.equal(r.status, 409, r.text);
  r = await call('ani', 'DELETE', '/api/v1/me/absences/9999');
  assert.equal(r.status, 404, r.text);

  // each notice once, in the app and by e-mail, to budi as to ani
  const stopped = await clock.stop({ keep: true });
  assert.equal(stopped.code, 0, stopped.stderr);
  const notes = sql("SELECT u.username || ' ' || n.kind || ' ' || k.number || coalesce(' for ' || f.username, '') FROM notice n"
    + " JOIN users u ON u.id=n.to_user_id LEFT JOIN users f ON f.id=n.for_user_id"
    + " JOIN kasus k ON k.id=n.case_id WHERE u.username IN ('ani','budi') ORDER BY u.username, n.id").trim().split('\n');
  assert.deepEqual(notes.filter((l) => l.startsWith('budi ')), [`budi breach ${A.number} for ani`, `budi assigned ${B.number} for ani`, `budi warning ${B.number} for ani`],
    'budi: what was meant for ani, A\'s breach, B given to her while away and B\'s warning, each once');
  const mails = sql("SELECT subject FROM outbox WHERE to_addr='budi@lpse.example.go.id' ORDER BY id").trim().split('\n');
  assert.equal(mails.length, 3, mails.join('\n'));
  assert.match(mails[0], new RegExp(`^Pelanggaran waktu layanan: ${A.number} langkah 2$`));
  assert.equal(mails[1], `Langkah 2 kasus ${B.number} ditugaskan kepada Anda oleh admin`);
  assert.equal(mails[2], `Peringatan waktu layanan: ${B.number} langkah 2`);
  assert.match(sql(`SELECT body FROM outbox WHERE to_addr='budi@lpse.example.go.id' AND subject LIKE 'Langkah 2 kasus%'`),
    /Anda menggantikan [^\n]+ \(Cuti\) sampai 7 Januari 2026\./);
  const audit = sql("SELECT action FROM audit WHERE action LIKE 'absence.%' ORDER BY id").trim().split('\n');
  assert.deepEqual(audit, ['absence.add', 'absence.add', 'absence.add', 'absence.add', 'absence.add', 'absence.add', 'absence.change', 'absence.cancel']);
  const verify = cli(['audit', 'verify', '--data', clock.dir]);
  assert.equal(verify.status, 0, verify.stderr);
});
