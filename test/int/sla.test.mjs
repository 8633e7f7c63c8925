// Issue 4, item 5: the SLA watcher. A server is restarted on the same data folder with later
// frozen clocks (LOKET_TEST_NOW). An OI-02 case opened Monday 5 Jan 2026 08:00 WIB has its
// step 2 (helpdesk, 10 minutes of office time) due 08:10 WIB = 01:10Z. At 08:09 (past 80%,
// 08:08) the helpdesk user has a warning notice, in GET /api/v1/notices and on /pemberitahuan;
// at 08:20 (past 08:10) the ketua has a breach notice; each is sent once; `loket sla run`
// runs a pass by hand; the mails are in the outbox (read with the sqlite3 shell).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { frozenServer, request, login, cli, sqlite, sleep, webSession } from './lib.mjs';

const PW = 'sla-test-password-2026';
const CONF = 'sla_poll_seconds = 1\npublic_url = https://lpse.example.go.id\n';

// (Re)start the server on the data folder with the clock frozen at now; signed in as admin.
const clock = frozenServer({ conf: CONF });
after(() => clock.stop());
const { serveAt, api } = clock;

// Add a user with one role and an e-mail address through the CLI.
function addUser(name, role, email) {
  const r = cli(['user', 'add', name, '--data', clock.dir, '--role', role, '--email', email, '--name', name],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(r.status, 0, r.stderr);
}

// The notices of a user through the API.
async function notices(user) {
  const token = user === 'admin' ? clock.token : await login(clock.url, user, PW);
  const r = await api('GET', '/api/v1/notices', undefined, token);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

// Ask until the user has n notices (the watcher runs every second), at most 10 s.
async function waitNotices(user, n) {
  let got;
  for (let i = 0; i < 50; i++) {
    got = await notices(user);
    if (got.notices.length >= n) return got;
    await sleep(200);
  }
  assert.fail(`${user}: expected ${n} notice(s), got ${JSON.stringify(got)}`);
}

// Open an OI-02 case and complete its step 1: step 2 (helpdesk, 10 min office) starts now.
async function openAtStep2(subject) {
  let r = await api('POST', '/api/v1/cases', {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject,
    requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.current_step, 2);
  return r.json;
}

test('warnings at 80% and breach notices past the due time, in the app and by e-mail', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  addUser('hana', 'helpdesk', 'hana@lpse.example.go.id');
  addUser('kartini', 'ketua', 'kartini@lpse.example.go.id');
  const A = await openAtStep2('Tidak bisa unggah dokumen penawaran');
  assert.equal(A.steps.at(-1).due_at, '2026-01-05T01:10:00Z');
  await sleep(1500);                                   // a pass or two at 08:00: nothing yet
  let h = await notices('hana');
  assert.deepEqual(h.notices, []);
  assert.equal(h.unread, 0);

  // ---- 08:09 WIB: past 80% of step 2 (08:08): a warning for the helpdesk user ----
  await serveAt('2026-01-05T08:09:00+07:00');
  h = await waitNotices('hana', 1);
  assert.equal(h.notices.length, 1);
  const w = h.notices[0];
  assert.equal(w.kind, 'warning');
  assert.equal(w.case, A.number);
  assert.equal(w.step, 2);
  assert.equal(w.due_at, '2026-01-05T01:10:00Z');
  assert.equal(w.created_at, '2026-01-05T01:09:00Z');
  assert.equal(w.read, false);
  assert.equal(w.read_at, null);
  assert.match(w.step_title, /Menerima pertanyaan/);
  assert.equal(h.unread, 1);
  assert.deepEqual((await notices('kartini')).notices, [], 'no breach yet: nothing for the ketua');
  assert.deepEqual((await notices('admin')).notices, [], 'admin holds no actor role');

  // the page, and the count in the header
  const web = await webSession(clock.url, 'hana', PW);
  let page = await web.get('/pemberitahuan');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(A.number), 'the page names the case');
  assert.ok(page.text.includes('class="warning unread"'), 'the unread notice is marked');
  assert.ok(page.text.includes('5 Januari 2026, 08.10 WIB'), 'the due time as people here write it');
  assert.match(page.text, /href="\/pemberitahuan">[^<]*<span class="count">1<\/span>/, 'the header counts 1 unread');
  const home = await web.get('/');
  assert.match(home.text, /<span class="count">1<\/span>/, 'every page shows the count');

  // ---- 08:20 WIB: past the due time (08:10): a breach for the ketua, nothing new for hana ----
  await serveAt('2026-01-05T08:20:00+07:00');
  const k = await waitNotices('kartini', 1);
  assert.equal(k.notices.length, 1);
  assert.equal(k.notices[0].kind, 'breach');
  assert.equal(k.notices[0].case, A.number);
  assert.equal(k.notices[0].step, 2);
  await sleep(1500);
  h = await notices('hana');
  assert.equal(h.notices.length, 1, 'the warning is not sent twice, even across restarts');
  assert.equal((await notices('kartini')).notices.length, 1);

  // mark read: through the page for hana, through the API for kartini
  const web2 = await webSession(clock.url, 'hana', PW);
  page = await web2.get('/pemberitahuan');
  const csrf = web2.csrfOf(page.text);
  const post = await web2.post('/pemberitahuan/baca', { csrf });
  assert.equal(post.status, 303);
  assert.match(post.headers.get('location'), /^\/pemberitahuan\?ok=/);
  h = await notices('hana');
  assert.equal(h.unread, 0);
  assert.equal(h.notices[0].read, true);
  page = await web2.get('/pemberitahuan');
  assert.ok(!page.text.includes('<span class="count">'), 'no count once all are read');
  const kt = await login(clock.url, 'kartini', PW);
  let r = await request(clock.url, 'POST', '/api/v1/notices/read', { token: kt });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { marked: 1 });
  r = await request(clock.url, 'POST', '/api/v1/notices/read', { token: kt, body: {} });
  assert.deepEqual(r.json, { marked: 0 });
  r = await request(clock.url, 'POST', '/api/v1/notices/read', { token: kt, body: { case: 'LPSE-2026-000001' } });
  assert.equal(r.status, 400, 'it takes no member: one given is refused, not ignored');
  assert.equal(r.json.error.field, 'case');
  r = await request(clock.url, 'GET', '/api/v1/notices');
  assert.equal(r.status, 401, 'signed-in users only');

  // a second case opened at 08:20 (step 2 due 08:30); the server stops
  const B = await openAtStep2('Lupa kata sandi');
  const stopped = await clock.stop({ keep: true });
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.doesNotMatch(stopped.stderr, /Sanitizer|runtime error/, 'the watcher thread stops cleanly');

  // ---- `loket sla run` at 08:29 WIB: the warning of B, nothing else again ----
  const run = cli(['sla', 'run', '--data', clock.dir], { env: { LOKET_TEST_NOW: '2026-01-05T08:29:00+07:00' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^1 warning\(s\), 0 breach\(es\): 1 notice\(s\), 1 mail\(s\) queued/);
  const again = cli(['sla', 'run', '--data', clock.dir], { env: { LOKET_TEST_NOW: '2026-01-05T08:29:30+07:00' } });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^0 warning\(s\), 0 breach\(es\): 0 notice\(s\), 0 mail\(s\) queued/);

  // the notices and the mails, read with the sqlite3 shell
  const db = join(clock.dir, 'loket.db');
  const rows = sqlite(db, "SELECT u.username, n.kind, k.number FROM notice n JOIN users u ON u.id=n.to_user_id"
    + ' JOIN kasus k ON k.id=n.case_id ORDER BY n.id');
  assert.equal(rows.status, 0, rows.stderr);
  assert.equal(rows.stdout, `hana|warning|${A.number}\nkartini|breach|${A.number}\nhana|warning|${B.number}\n`);
  // (the month's report to the head goes out once she has an address: not counted here)
  const mails = sqlite(db, "SELECT to_addr, status, subject FROM outbox WHERE subject NOT LIKE 'Laporan kepatuhan bulanan%' ORDER BY id");
  assert.equal(mails.stdout,
    `hana@lpse.example.go.id|queued|Peringatan waktu layanan: ${A.number} langkah 2\n`
    + `kartini@lpse.example.go.id|queued|Pelanggaran waktu layanan: ${A.number} langkah 2\n`
    + `hana@lpse.example.go.id|queued|Peringatan waktu layanan: ${B.number} langkah 2\n`);
  const body = sqlite(db, "SELECT body FROM outbox WHERE to_addr='kartini@lpse.example.go.id'");
  assert.ok(body.stdout.includes('5 Januari 2026, 08.10 WIB'), body.stdout);
  // and the case page to act on, on public_url: from the server's watcher and from `loket sla run`
  assert.ok(body.stdout.includes(`Halaman kasus:\nhttps://lpse.example.go.id/kasus/${A.number}\n`), body.stdout);
  const cliMail = sqlite(db, `SELECT body FROM outbox WHERE subject LIKE '%${B.number}%'`).stdout;
  assert.ok(cliMail.includes(`Halaman kasus:\nhttps://lpse.example.go.id/kasus/${B.number}\n`), cliMail);
  const audit = sqlite(db, "SELECT action, object FROM audit WHERE action LIKE 'sla.%' ORDER BY id");
  assert.equal(audit.stdout, `sla.warning|${A.number}\nsla.breach|${A.number}\nsla.warning|${B.number}\n`);
  const verify = cli(['audit', 'verify', '--data', clock.dir]);
  assert.equal(verify.status, 0, verify.stderr);
  rmSync(clock.dir, { recursive: true, force: true });
});

test('a standard of seconds (10 s to answer the phone): its breach mail gives the due time to the second', async () => {
  await clock.use(null);                              // a data folder of its own
  await serveAt('2026-01-05T09:00:00+07:00');
  addUser('kartini', 'ketua', 'kartini@lpse.example.go.id');
  let r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tidak bisa login',
    requester: { name: 'Budi Santoso', phone: '081234567890' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  if (r.json.current_step === 1) r = await api('POST', `/api/v1/cases/${number}/steps/1`, {});
  assert.equal(r.json.current_step, 2, r.text);
  assert.equal(r.json.steps.at(-1).due_at, '2026-01-05T02:00:10Z');
  await clock.stop({ keep: true });
  const run = cli(['sla', 'run', '--data', clock.dir], { env: { LOKET_TEST_NOW: '2026-01-05T09:00:11+07:00' } });
  assert.equal(run.status, 0, run.stderr);
  const db = join(clock.dir, 'loket.db');
  const body = sqlite(db, "SELECT body FROM outbox WHERE to_addr='kartini@lpse.example.go.id' AND subject LIKE 'Pelanggaran%'").stdout;
  assert.match(body, /Batas waktu: +5 Januari 2026, 09\.00\.10 WIB\n/, body);
  rmSync(clock.dir, { recursive: true, force: true });
});
