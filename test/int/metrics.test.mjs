// What an operator watches on /metrics moves when the thing happens (docs/deploy.md, "What to
// watch"): a failed sign-in and a lockout, a step overdue, the SLA watcher's breach and its
// passes, a mail queued while the relay is down and failed once its attempts run out, the
// sessions signed in, the build. The server is restarted on one data folder with later frozen
// clocks (LOKET_TEST_NOW), as in sla.test.mjs: an OI-02 case opened Monday 5 Jan 2026 08:00 WIB
// has its step 2 (10 minutes of office time) due 08:10 WIB.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, request, login, cli, sleep, initData, PG } from './lib.mjs';

const PW = 'metrics-test-password-2026';
// a relay that refuses every connection (nothing listens on port 1)
const CONF = 'sla_poll_seconds = 1\nmail_poll_seconds = 1\npublic_url = https://lpse.example.go.id\n'
  + 'smtp_url = smtp://127.0.0.1:1\nlogin_lock_after = 3\nmetrics_cache_seconds = 0\n';

let srv = null, dir = null, token = null;
after(async () => { if (srv) await srv.stop(); else if (dir) rmSync(dir, { recursive: true, force: true }); });

// (Re)start the server on the folder with the clock frozen at now (and more loket.conf lines).
async function serveAt(now, extra = '') {
  if (srv) { const st = await srv.stop({ keep: true }); assert.equal(st.code, 0, st.stderr); }
  srv = await startServer({ dir, conf: CONF + extra, env: { LOKET_TEST_NOW: now } });
  dir = srv.dir;
  token = await login(srv.url);
}
const api = (method, path, body) => request(srv.url, method, path, { token, body });

// The scrape as {name{labels}: value}; every sample line parsed, every family with HELP and TYPE.
async function scrape() {
  const r = await request(srv.url, 'GET', '/metrics');
  assert.equal(r.status, 200);
  const v = {};
  const typed = new Set();
  for (const line of r.text.split('\n')) {
    if (!line) continue;
    const t = line.match(/^# TYPE (\w+) (counter|gauge|histogram)$/);
    if (t) { typed.add(t[1]); assert.ok(/_total$/.test(t[1]) === (t[2] === 'counter'), `${t[1]}: a counter ends in _total`); continue; }
    if (line.startsWith('# HELP ')) continue;
    const m = line.match(/^(\w+)(\{[^}]*\})? (-?[\d.e+]+)$/);
    assert.ok(m, `a sample line: ${line}`);
    assert.ok(typed.has(m[1].replace(/_(bucket|sum|count)$/, '')) || typed.has(m[1]), `${m[1]} has its TYPE line first`);
    v[m[1] + (m[2] || '')] = Number(m[3]);
  }
  return v;
}

// Ask until pred(scrape) holds (the jobs run every second), at most 10 s.
async function until(pred, what) {
  let v;
  for (let i = 0; i < 50; i++) {
    v = await scrape();
    if (pred(v)) return v;
    await sleep(200);
  }
  assert.fail(`${what}: ${JSON.stringify(Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('loket_http'))))}`);
}

test('the operator\'s metrics move with what happens', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  for (const [name, role] of [['hana', 'helpdesk'], ['kartini', 'ketua']]) {
    const r = cli(['user', 'add', name, '--data', dir, '--role', role, '--email', `${name}@lpse.example.go.id`, '--name', name],
      { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  let v = await until((x) => x['loket_job_runs_total{job="sla"}'] >= 1 && x['loket_job_runs_total{job="mail"}'] >= 1, 'the jobs ran');
  const office = Object.keys(v).find((k) => k.startsWith('loket_steps_overdue{')).match(/office="([^"]+)"/)[1];
  assert.equal(v['loket_build_info{version="0.1.0"}'], 1);
  assert.equal(v[`loket_steps_overdue{office="${office}"}`], 0);
  assert.equal(v[`loket_cases_open{office="${office}"}`], 0);
  assert.equal(v['loket_mail_outbox_messages{status="queued"}'], 0);
  assert.equal(v['loket_mail_outbox_messages{status="failed"}'], 0);
  assert.equal(v['loket_mail_outbox_oldest_queued_age_seconds'], 0);
  assert.equal(v['loket_signin_failures_total{reason="password"}'], 0);
  assert.equal(v['loket_account_lockouts_total'], 0);
  assert.equal(v['loket_sessions{kind="api"}'], 1, 'the admin signed in through the API');
  assert.equal(v['loket_metrics_db_ok'], 1);
  assert.equal(v['loket_job_interval_seconds{job="sla"}'], 1);
  assert.ok(Math.abs(v['loket_job_last_run_timestamp_seconds{job="sla"}'] - Date.now() / 1000) < 30, 'the wall clock, not the frozen one');
  assert.ok(v['loket_job_last_run_duration_seconds{job="sla"}'] >= 0);
  for (const job of ['report', 'verification']) assert.ok(`loket_job_runs_total{job="${job}"}` in v, `the ${job} job is listed`);

  // a wrong password, then three for hana: her account locked (login_lock_after = 3)
  let r = await request(srv.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: 'salah-sekali' } });
  assert.equal(r.status, 401);
  for (let i = 0; i < 3; i++) await request(srv.url, 'POST', '/api/v1/login', { body: { username: 'hana', password: `salah-${i}` } });
  r = await request(srv.url, 'POST', '/api/v1/login', { body: { username: 'hana', password: PW } });
  assert.equal(r.status, 423, 'locked');
  v = await scrape();
  assert.ok(v['loket_signin_failures_total{reason="password"}'] >= 2, 'wrong passwords counted');
  assert.equal(v['loket_account_lockouts_total'], 1);
  assert.ok(v['loket_signin_failures_total{reason="locked"}'] + v['loket_signin_failures_total{reason="throttled"}'] >= 1,
    'the locked account\'s (or the throttled address\'s) attempt counted');

  // a case at step 2, due 08:10
  r = await api('POST', '/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa unggah',
    requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  r = await api('POST', `/api/v1/cases/${encodeURIComponent(r.json.number)}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  v = await scrape();
  assert.equal(v[`loket_cases_open{office="${office}"}`], 1);
  assert.equal(v[`loket_steps_overdue{office="${office}"}`], 0);

  // 08:20: the step is overdue; the watcher sends its breach; the mail stays queued (relay down)
  await serveAt('2026-01-05T08:20:00+07:00');
  v = await until((x) => x['loket_sla_notices_sent_total{kind="breach"}'] >= 1 && x['loket_mail_outbox_messages{status="queued"}'] >= 1,
    'a breach sent, its mail queued');
  assert.equal(v[`loket_steps_overdue{office="${office}"}`], 1);
  assert.equal(v['loket_mail_outbox_messages{status="failed"}'], 0);
  assert.equal(v['loket_signin_failures_total{reason="password"}'], 0, 'counters are the process\'s own: a restart starts them at 0');

  // 08:30: the queued mail is 10 minutes old (its second attempt fails too: still queued)
  await serveAt('2026-01-05T08:30:00+07:00');
  v = await until((x) => x['loket_job_runs_total{job="mail"}'] >= 1, 'the sender ran');
  assert.ok(v['loket_mail_outbox_messages{status="queued"}'] >= 1);
  assert.ok(v['loket_mail_outbox_oldest_queued_age_seconds'] >= 600, 'the oldest queued mail waits since 08:20');

  // 08:45, one attempt allowed: the next attempt fails the mail
  await serveAt('2026-01-05T08:45:00+07:00', 'mail_max_attempts = 1\n');
  v = await until((x) => x['loket_mail_outbox_messages{status="failed"}'] >= 1, 'the mail failed');
  assert.equal(v['loket_mail_outbox_messages{status="queued"}'], 0);
  assert.equal(v['loket_mail_outbox_oldest_queued_age_seconds'], 0);
  const st = await srv.stop({ keep: true });
  assert.equal(st.code, 0, st.stderr);
  srv = null;
});

// docs/deploy.md: /metrics answers this machine by default (metrics_allow = 127.0.0.1, ::1), a request a
// proxy forwarded only once trust_proxy names its client; metrics_allow's ranges and a bearer token
// (metrics_token) let a monitoring host in; everyone else gets 403, counted as any answer.
test('/metrics answers the addresses and the token loket.conf allows, 403 to others', async () => {
  const get = (url, headers = {}) => request(url, 'GET', '/metrics', { headers });
  let s = await startServer();
  try {
    assert.equal((await get(s.url)).status, 200, 'this machine, by default');
    const fwd = await get(s.url, { 'X-Forwarded-For': '127.0.0.1' });
    assert.equal(fwd.status, 403, 'forwarded by a proxy (trust_proxy off): whoever it is, it is not known to be this machine');
    assert.equal(fwd.text, 'forbidden\n');
    assert.equal((await get(s.url, { Authorization: 'Bearer 0123456789abcdef0123' })).status, 200, 'no token set: the address decides');
  } finally { await s.stop(); }
  const TOKEN = 'pemantau-9f8e7d6c5b4a39281706';
  s = await startServer({ conf: `metrics_allow = 10.0.0.5, 192.168.10.0/24\nmetrics_token = ${TOKEN}\n` });
  try {
    assert.equal((await get(s.url)).status, 403, '127.0.0.1 is no longer listed');
    assert.equal((await get(s.url, { Authorization: `Bearer ${TOKEN}x` })).status, 403);
    assert.equal((await get(s.url, { Authorization: `Basic ${TOKEN}` })).status, 403);
    const ok = await get(s.url, { Authorization: `Bearer ${TOKEN}` });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /^loket_metrics_db_ok 1$/m);
    assert.match(ok.text, /^loket_http_requests_total\{method="GET",route="\/metrics",status="403"\} 3$/m, 'the refusals counted');
  } finally { await s.stop(); }
  s = await startServer({ conf: 'trust_proxy = on\nmetrics_allow = 192.168.10.0/24\n' });
  try {
    assert.equal((await get(s.url, { 'X-Forwarded-For': '192.168.10.7' })).status, 200, 'the client the proxy names');
    assert.equal((await get(s.url, { 'X-Forwarded-For': '203.0.113.9' })).status, 403);
    assert.equal((await get(s.url, { 'X-Forwarded-For': '192.168.10.7, 203.0.113.9' })).status, 403, 'what the client wrote before the proxy\'s entry is not trusted');
    assert.equal((await get(s.url)).status, 403, 'not forwarded: the socket\'s 127.0.0.1, not listed');
  } finally { await s.stop(); }
  const badDir = initData({ conf: 'metrics_allow = 10.0.0.0/40\n' });
  const bad = cli(['serve', '--data', badDir, '--listen', '127.0.0.1:0']);
  rmSync(badDir, { recursive: true, force: true });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /metrics_allow: "10\.0\.0\.0\/40" is not an IPv4 or IPv6 address or range/);
});

// The database's figures are read at most once per metrics_cache_seconds (the monotonic clock: the
// frozen LOKET_TEST_NOW does not hold them); the process's counters are always live.
test('the database\'s figures are kept metrics_cache_seconds, then read again', async () => {
  const s = await startServer({ conf: 'metrics_cache_seconds = 2\n' });
  try {
    const tok = await login(s.url);
    const open = (text) => Number(text.match(/^loket_cases_open\{office="[^"]+"\} (\d+)$/m)[1]);
    let m = await request(s.url, 'GET', '/metrics');
    const before = open(m.text);
    const r = await request(s.url, 'POST', '/api/v1/cases', { token: tok, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email',
      subject: 'Tidak bisa unggah', requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } } });
    assert.equal(r.status, 201, r.text);
    // A request is counted when libmicrohttpd reports it completed, just after its answer is sent:
    // the next scrape may come first, so look again for a moment (still well inside the 2 s).
    const counted = /^loket_http_requests_total\{method="POST",route="\/api\/v1\/cases",status="201"\} 1$/m;
    for (let i = 0; i < 20; i++) {
      m = await request(s.url, 'GET', '/metrics');
      if (counted.test(m.text)) break;
      await sleep(25);
    }
    assert.equal(open(m.text), before, 'kept: read less than 2 s ago');
    assert.match(m.text, counted, 'the counters are live');
    await sleep(2100);
    m = await request(s.url, 'GET', '/metrics');
    assert.equal(open(m.text), before + 1, 'read again');
  } finally { await s.stop(); }
});

test('an unmatched request is counted with its method', async () => {
  const s = await startServer();
  try {
    const r = await request(s.url, 'PUT', '/healthz');
    assert.equal(r.status, 405);
    await request(s.url, 'BREW', '/tidak-ada').catch(() => {});
    const m = await request(s.url, 'GET', '/metrics');
    assert.match(m.text, /^loket_http_requests_total\{method="PUT",route="unmatched",status="405"\} 1$/m);
    assert.doesNotMatch(m.text, /method=""/);
  } finally { await s.stop(); }
});

test('serve says once at start what it serves; SIGHUP stops it cleanly, as SIGTERM does', async () => {
  const s = await startServer({ conf: 'public_url = https://lpse.example.go.id\nthreads = 3\n' });
  await sleep(300);
  s.proc.kill('SIGHUP');
  const st = await s.stop();
  assert.equal(st.code, 0, st.stderr);
  const lines = st.stderr.split('\n').filter((l) => / serving: /.test(l));
  assert.equal(lines.length, 1, st.stderr);
  const dbShown = PG ? /database postgresql:\/\/\S+ \(postgresql\)/ : new RegExp(`database ${s.dir}/loket\\.db \\(sqlite\\)`);
  assert.match(lines[0], new RegExp(`info loket \\d+\\.\\d+\\.\\d+ serving: data folder ${s.dir}, `));
  assert.match(lines[0], dbShown);
  assert.match(lines[0], /listen 127\.0\.0\.1:0, 3 threads, public_url https:\/\/lpse\.example\.go\.id$/);
  assert.match(st.stderr, /mail: smtp_url is not set/);
  assert.match(st.stderr, /stopped cleanly/);
});
