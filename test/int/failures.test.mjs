// When things fail under a running server (docs/deploy.md, "When things fail"): PostgreSQL
// restarted while Loket serves, another process holding the write lock, the data folder's disk
// full, the SMTP relay that drops a message or cannot be told apart from one that accepted it
// while the database failed. Each time people get a clear answer at once (503 naming what
// failed, with Retry-After), nothing is half written, and Loket goes on by itself when the
// cause is gone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, ROOT, ADMIN_PASSWORD, cli, initData, startServer, request, login, psql, sqlite, sleep, smtpSink, confDb, webSession, wibDay } from './lib.mjs';

// The first case of a new data folder, numbered in this year (the office's zone).
const FIRST = `LPSE-${wibDay().slice(0, 4)}-000001`;

const PGBIN = '/usr/lib/postgresql/15/bin';
const cleanup = [];
after(() => { for (const f of cleanup.reverse()) f(); });

const openCase = (url, token, subject) => request(url, 'POST', '/api/v1/cases', { token, body: {
  sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, urgency: 'mendesak', impact: 'sedang',
  requester: { name: 'Budi Santoso', email: 'budi@example.com' } } });
const seq = (n) => Number(n.replace(/^.*-/, ''));

// The outbox rows of a SQLite data folder: [{id, status, attempts}].
function outbox(dir) {
  const r = sqlite(join(dir, 'loket.db'), 'SELECT id, status, attempts FROM outbox ORDER BY id');
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => { const [id, status, attempts] = l.split('|'); return { id: Number(id), status, attempts: Number(attempts) }; });
}

async function until(f, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v === true) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

// ---- 1. PostgreSQL restarted while Loket serves ----
// A private cluster (the test stops and starts it; the other test files keep theirs).
const pgSkip = !existsSync(join(PGBIN, 'initdb')) && `PostgreSQL 15 is not installed (${PGBIN}): scripts/deps installs it`;

test('PostgreSQL stops and starts again: 503 at once meanwhile, Loket recovers by itself, no write half done', { skip: pgSkip, timeout: 120000 }, async () => {
  const pgdir = mkdtempSync(join(tmpdir(), 'loket-pgr-'));
  const st = spawnSync(join(ROOT, 'scripts/pg.sh'), ['start', pgdir], { encoding: 'utf8' });
  assert.equal(st.status, 0, st.stderr);
  cleanup.push(() => spawnSync(join(ROOT, 'scripts/pg.sh'), ['stop', pgdir]));
  const admin = st.stdout.trim();
  const port = admin.match(/:(\d+)\//)[1];
  const pgctl = (...a) => {
    const args = [join(PGBIN, 'pg_ctl'), '-D', join(pgdir, 'data'), ...a];
    return process.getuid() === 0 ? spawnSync('runuser', ['-u', 'nobody', '--', ...args], { encoding: 'utf8' }) : spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
  };
  const pgStart = () => pgctl('-w', '-l', join(pgdir, 'server.log'), '-o', `-p ${port} -k ${pgdir} -c listen_addresses=127.0.0.1`, 'start');
  assert.equal(psql(admin, 'CREATE DATABASE loket_restart').status, 0);
  const db = admin.replace(/\/postgres$/, '/loket_restart');
  const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const ini = cli(['init', '--data', dir, '--db', db], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(ini.status, 0, ini.stderr);
  const sink = await smtpSink();
  cleanup.push(() => sink.stop());
  const s = await startServer({ dir, conf: `db = ${db}\nsmtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_from = loket@lpse.test\nmail_poll_seconds = 1\nsla_poll_seconds = 1\n` });
  try {
    const token = await login(s.url);
    assert.equal((await openCase(s.url, token, 'Sebelum')).status, 201);

    // a stream of openings goes on through the whole outage
    const acked = [], other = [];
    let going = true;
    const stream = async (k) => {
      for (let i = 0; going; i++) {
        const t0 = Date.now();
        const r = await openCase(s.url, token, `Arus ${k}-${i}`);
        if (r.status === 201) acked.push(r.json.number);
        else other.push({ status: r.status, code: r.json?.error?.code, ms: Date.now() - t0, retry: r.headers.get('retry-after') });
        if (r.status !== 201) await sleep(50);
      }
    };
    const streams = [stream(1), stream(2), stream(3)];
    await sleep(300);
    assert.equal(pgctl('-m', 'fast', '-w', 'stop').status, 0, 'PostgreSQL stopped');

    // while it is down: every request is answered at once, 503 saying so — also many at once
    const t0 = Date.now();
    const answers = await Promise.all([
      request(s.url, 'GET', '/healthz'),
      ...Array.from({ length: 12 }, () => request(s.url, 'GET', `/api/v1/cases/${FIRST}`, { token })),
    ]);
    const took = Date.now() - t0;
    assert.equal(answers[0].status, 503);
    for (const a of answers.slice(1)) {
      assert.equal(a.status, 503, a.text);
      assert.equal(a.json.error.code, 'unavailable');
      assert.match(a.json.error.message, /Basis data tidak tersedia/);
      assert.equal(a.headers.get('retry-after'), '5');
    }
    assert.ok(took < 8000, `13 requests during the outage took ${took} ms: they must not wait for the database`);
    const cookiePage = await request(s.url, 'GET', '/kasus', { cookie: `loket_session=${'ab'.repeat(32)}` });
    assert.equal(cookiePage.status, 503, 'a page too');
    assert.match(cookiePage.text, /Basis data tidak tersedia/);
    await sleep(1500);

    // back: the same Loket serves again, on every thread, without a restart
    assert.equal(pgStart().status, 0, 'PostgreSQL started again');
    let ok = 0;
    for (let i = 0; i < 40 && ok < 16; i++) {
      const rs = await Promise.all(Array.from({ length: 8 }, () => request(s.url, 'GET', `/api/v1/cases/${FIRST}`, { token })));
      ok = rs.filter((r) => r.status === 200).length === 8 ? ok + 8 : 0;
      if (ok < 16) await sleep(250);
    }
    assert.ok(ok >= 16, 'every thread reads again');
    const before = acked.length;
    await until(() => acked.length >= before + 6 || acked.length, 15000, 'openings to go on');
    going = false;
    await Promise.all(streams);

    // what was answered during the outage: 503 unavailable, at once; never a 500 or a hang
    for (const o of other) {
      assert.equal(o.status, 503, JSON.stringify(o));
      assert.equal(o.code, 'unavailable', JSON.stringify(o));
      assert.ok(o.ms < 8000, `an opening waited ${o.ms} ms`);
    }
    assert.ok(other.length >= 1, 'some openings met the outage');

    // nothing half done: every acknowledged case is there, the numbers have no gap, each case
    // has its first step and its audit row, the chain verifies
    const rows = psql(db, 'SELECT number FROM kasus ORDER BY id').stdout.trim().split('\n');
    for (const n of acked) assert.ok(rows.includes(n), `acknowledged case ${n} is stored`);
    assert.deepEqual(rows.map(seq), Array.from({ length: rows.length }, (_, i) => i + 1), 'numbers without a gap');
    const half = psql(db, "SELECT count(*) FROM kasus k WHERE NOT EXISTS (SELECT 1 FROM case_step s WHERE s.case_id=k.id)"
      + " OR NOT EXISTS (SELECT 1 FROM audit a WHERE a.object=k.number)").stdout.trim();
    assert.equal(half, '0', 'no case without its steps or its audit row');

    // the background jobs reconnect too: a mail queued now is sent by the sender thread
    const m = cli(['mail', 'test', 'siti@example.go.id', '--data', dir]);
    assert.equal(m.status, 0, m.stderr);
    await until(() => sink.got.some((x) => /siti@example\.go\.id/.test(x)) || sink.got.length, 15000, 'the mail sender to deliver');
    const err = s.output().stderr;
    assert.match(err, /PostgreSQL does not answer: .*answered 503/);
    assert.match(err, /PostgreSQL answers again/);
    assert.ok((err.match(/PostgreSQL does not answer/g) || []).length <= 2, 'the outage is said once, not per request');
  } finally {
    await s.stop({ keep: true });
  }
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, v.stderr);
});

// ---- 2. another process holds the write lock (a long import, a shell) ----
// A GET on a connection of its own (not one kept alive): {status, text}.
// (libmicrohttpd serves a kept-alive connection on the thread that took it: behind a request
// waiting there). body: a POST of it as JSON. {status, text, json, headers}.
function fresh(url, path, token, body) {
  return new Promise((res, rej) => {
    const data = body && JSON.stringify(body);
    const r = http.request(url + path, { method: body ? 'POST' : 'GET', agent: false, headers: { Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}) } }, (a) => {
      let text = '';
      a.on('data', (d) => { text += d; });
      a.on('end', () => { let json; try { json = JSON.parse(text); } catch { /* not JSON */ } res({ status: a.statusCode, text, json, headers: new Headers(a.headers) }); });
    });
    r.on('error', rej);
    r.end(data);
  });
}
const freshGet = (url, path, token) => fresh(url, path, token);
const freshOpen = (url, token, subject) => fresh(url, '/api/v1/cases', token, {
  sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, urgency: 'mendesak', impact: 'sedang', requester: { name: 'Budi Santoso' } });

// Another process takes the write lock of the data folder's database and holds it for seconds:
// resolves, once it holds it, to { released } (a promise of its release).
async function holdLock(dir, seconds) {
  let holder, held;
  if (PG) {
    const db = confDb(dir);
    holder = spawn('psql', ['-X', '-q', db, '-c', `BEGIN; SELECT pg_advisory_xact_lock(4242001); SELECT pg_sleep(${seconds}); COMMIT;`], { stdio: 'ignore' });
    held = () => psql(db, "SELECT count(*) FROM pg_locks WHERE locktype='advisory' AND objid=4242001 AND granted").stdout.trim() === '1';
  } else {
    let said = '';
    holder = spawn('sqlite3', [join(dir, 'loket.db')], { stdio: ['pipe', 'pipe', 'ignore'] });
    holder.stdout.on('data', (d) => { said += d; });
    holder.stdin.end(`BEGIN IMMEDIATE;\nUPDATE office SET name=name;\nSELECT 'held';\n.shell sleep ${seconds}\nCOMMIT;\n`);
    held = () => said.includes('held');
  }
  cleanup.push(() => { if (holder.exitCode === null) holder.kill(); });
  const released = new Promise((res) => holder.on('close', res));
  await until(() => held() || 'not yet', 10000, 'the other process to take the lock');
  return { released };
}

test('a long write transaction of another process: writes wait at most 10 s and answer 503 busy, reads go on', { timeout: 60000 }, async () => {
  const s = await startServer();
  try {
    const token = await login(s.url);
    assert.equal((await openCase(s.url, token, 'Sebelum')).status, 201);
    const { released } = await holdLock(s.dir, 14);
    const t0 = Date.now();
    // each on a connection of its own, a moment apart: libmicrohttpd serves a connection on the
    // thread that accepted it, so two accepted together by one thread would wait one after the other
    const [r1, r2, g] = await Promise.all([
      freshOpen(s.url, token, 'Tunggu 1'),
      (async () => { await sleep(200); return freshOpen(s.url, token, 'Tunggu 2'); })(),
      // on a new connection: a kept-alive one may belong to an HTTP thread a waiting write holds
      (async () => { await sleep(400); const t = Date.now(); const x = await freshGet(s.url, `/api/v1/cases/${FIRST}`, token); x.ms = Date.now() - t; return x; })(),
    ]);
    const took = Date.now() - t0;
    assert.equal(g.status, 200, 'a read does not wait for the writer');
    assert.ok(g.ms < 5000, `a read took ${g.ms} ms (a writer waits up to 10 s)`);
    for (const r of [r1, r2]) {
      assert.equal(r.status, 503, `${Date.now() - t0} ms: ${r.text.slice(0, 120)}`);
      assert.equal(r.json.error.code, 'busy');
      assert.match(r.json.error.message, /sibuk/);
      assert.equal(r.headers.get('retry-after'), '5');
    }
    assert.ok(took < 16000, `two writes queued behind the lock answered after ${took} ms (each at most 10 s, not one after another)`);
    await released;
    const r = await openCase(s.url, token, 'Sesudah');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.number.replace(/^.*-/, ''), '000002', 'the refused writes took no number');
  } finally {
    await s.stop();
  }
});

// db_busy_timeout_seconds in loket.conf: the longest wait, here 2 s instead of 10
test('db_busy_timeout_seconds = 2: a write behind another process\'s lock answers 503 busy after 2 s, not 10', { timeout: 60000 }, async () => {
  const s = await startServer({ conf: 'db_busy_timeout_seconds = 2\n' });
  try {
    const token = await login(s.url);
    const { released } = await holdLock(s.dir, 8);
    const t0 = Date.now();
    const r = await freshOpen(s.url, token, 'Tunggu');
    const took = Date.now() - t0;
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.error.code, 'busy');
    assert.ok(took >= 1500 && took < 5000, `answered busy after ${took} ms: the wait is 2 s`);
    // counted for the operator (docs/deploy.md, "What to watch")
    const m = await request(s.url, 'GET', '/metrics');
    assert.match(m.text, /^loket_db_refusals_total\{code="busy"\} 1$/m);
    assert.match(m.text, /^loket_db_refusals_total\{code="unavailable"\} 0$/m);
    await released;
    assert.equal((await freshOpen(s.url, token, 'Sesudah')).status, 201);
  } finally {
    await s.stop();
  }
});

// ---- 3. the data folder's disk is full ----
const mountSkip = PG ? 'the database is on PostgreSQL: its disk is the database server\'s'
  : process.getuid() !== 0 ? 'mounting a small file system needs root' : false;

test('the data folder\'s disk fills up: writes answer 503 disk full, reads go on, nothing half written, all works once freed', { skip: mountSkip, timeout: 60000 }, async (t) => {
  const mnt = mkdtempSync(join(tmpdir(), 'loket-full-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt], { encoding: 'utf8' });
  if (m.status !== 0) { t.skip(`cannot mount a tmpfs here: ${m.stderr.trim()}`); rmSync(mnt, { recursive: true, force: true }); return; }
  cleanup.push(() => { spawnSync('umount', [mnt]); rmSync(mnt, { recursive: true, force: true }); });
  const dir = join(mnt, 'data');
  mkdirSync(dir);
  const ini = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(ini.status, 0, ini.stderr);
  const s = await startServer({ dir });
  try {
    const token = await login(s.url);
    assert.equal((await openCase(s.url, token, 'Sebelum')).status, 201);
    const rhs = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '88001', provider: 'PT Penuh', requester: { name: 'Pokja 1' } } });
    assert.equal(rhs.status, 201, rhs.text);
    const rhsNo = rhs.json.case.number;
    const upload = async (path, name, size) => {
      const fd = new FormData();
      fd.append('file', new Blob([Buffer.alloc(size, 65)], { type: 'text/plain' }), name);
      const res = await fetch(s.url + path, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
      const text = await res.text();
      return { status: res.status, text, json: JSON.parse(text), retry: res.headers.get('retry-after') };
    };
    const web = await webSession(s.url);

    spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=64k'], { encoding: 'utf8' });   // until the disk is full
    const full = (r, what) => {
      assert.equal(r.status, 503, `${what}: ${r.text}`);
      assert.equal(r.json.error.code, 'disk_full', what);
      assert.match(r.json.error.message, /Disk server penuh/, what);
      assert.equal(r.retry, '60', what);
    };
    const o = await openCase(s.url, token, 'Saat penuh');
    full({ ...o, retry: o.headers.get('retry-after') }, 'opening a case');
    full(await upload(`/api/v1/cases/${FIRST}/attachments`, 'catatan.txt', 300000), 'an attachment');
    full(await upload(`/api/v1/rhs/${rhsNo}/files`, 'penawaran.rhs', 600000), 'an .rhs file');
    // a person filling in the form gets it back as filled, and why nothing was saved
    const page = await web.post('/kasus', { csrf: web.csrf, sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Formulir saat disk penuh',
      urgency: 'mendesak', impact: 'sedang', 'requester.name': 'Budi Santoso' });
    assert.equal(page.status, 503);
    assert.match(page.text, /Disk server penuh/);
    assert.match(page.text, /Formulir saat disk penuh/, 'what was typed is kept');
    // reads go on
    assert.equal((await request(s.url, 'GET', `/api/v1/cases/${FIRST}`, { token })).status, 200);
    assert.equal((await request(s.url, 'GET', '/api/v1/cases', { token })).status, 200);
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200);
    assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'no half upload left in tmp/');

    rmSync(join(mnt, 'filler'));
    const again = await openCase(s.url, token, 'Sesudah');
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.number, `LPSE-${wibDay().slice(0, 4)}-000003`, 'the refused opening took no number');
    const a = await upload(`/api/v1/cases/${FIRST}/attachments`, 'catatan.txt', 300000);
    assert.equal(a.status, 201, a.text);
    const f = await upload(`/api/v1/rhs/${rhsNo}/files`, 'penawaran.rhs', 600000);
    assert.equal(f.status, 201, f.text);
    const ic = sqlite(join(dir, 'loket.db'), 'PRAGMA integrity_check');
    assert.equal(ic.stdout.trim(), 'ok');
    assert.equal(sqlite(join(dir, 'loket.db'), "SELECT count(*) FROM kasus WHERE subject IN ('Saat penuh', 'Formulir saat disk penuh')").stdout.trim(), '0', 'nothing of the refused writes');
  } finally {
    await s.stop({ keep: true });
  }
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, v.stderr);
});

// ---- 4. the access log's disk is full ----
// The access log on a small file system of its own (the database stays writable): lines are
// written whole or not at all, the dropped ones counted, said once when it starts and once when
// it writes again.
test('the access log\'s disk fills up: no half line, the lines dropped said once, and again once written', { skip: process.getuid() !== 0 && 'mounting a small file system needs root', timeout: 60000 }, async (t) => {
  const mnt = mkdtempSync(join(tmpdir(), 'loket-alog-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { encoding: 'utf8' });
  if (m.status !== 0) { t.skip(`cannot mount a tmpfs here: ${m.stderr.trim()}`); rmSync(mnt, { recursive: true, force: true }); return; }
  cleanup.push(() => { spawnSync('umount', [mnt]); rmSync(mnt, { recursive: true, force: true }); });
  const log = join(mnt, 'access.log');
  const s = await startServer({ conf: `access_log = ${log}\n` });
  // long lines (a 404 with a long path), so that a batch is more than what is left of a page
  const hit = (word, i) => request(s.url, 'GET', `/tidak-ada/${word}-${i}-${'x'.repeat(900)}`);
  const lines = (word) => readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(`/tidak-ada/${word}-`)).length;
  try {
    for (let i = 0; i < 3; i++) assert.equal((await hit('sebelum', i)).status, 404);
    await until(() => lines('sebelum') === 3 || lines('sebelum'), 5000, 'the first lines written');
    spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=4k'], { encoding: 'utf8' });   // until the disk is full
    const sent = 60;
    for (let k = 0; k < 3; k++) {
      await Promise.all(Array.from({ length: sent / 3 }, (_, i) => hit('penuh', k * 100 + i)));
      await sleep(250);   // the server writes its batches every 100 ms
    }
    const text = readFileSync(log, 'utf8');
    assert.ok(text.endsWith('\n'), 'the file ends with a whole line');
    for (const l of text.split('\n').slice(0, -1)) assert.match(l, /^\S+ access "?\S+"? "GET \/tidak-ada\/\w+-\d+-x{900}" 404 \d+ [\d.]+ms user=-$/, 'a whole line');
    const written = lines('penuh');
    assert.ok(written < sent, `the disk was full, yet all ${sent} lines were written`);
    let err = s.output().stderr;
    const said = err.match(/access log: \d+ lines dropped: No space left on device \(and more until it can be written again\)/g) || [];
    assert.equal(said.length, 1, `said once when dropping starts: ${err}`);

    rmSync(join(mnt, 'filler'));
    for (let i = 0; i < 3; i++) assert.equal((await hit('sesudah', i)).status, 404);
    await until(() => lines('sesudah') === 3 || lines('sesudah'), 5000, 'lines written again once there is room');
    err = s.output().stderr;
    const again = [...err.matchAll(/access log: (\d+) lines dropped: No space left on device; written again since/g)];
    assert.equal(again.length, 1, `said once when written again: ${err}`);
    assert.equal(Number(again[0][1]), sent - written, 'every line not written is counted');
    assert.ok(readFileSync(log, 'utf8').endsWith('\n'));
  } finally {
    const r = await s.stop();
    assert.doesNotMatch(r.stderr, /at stop, not written since/);
  }
});

// ---- 5. the SMTP relay ----
const mailConf = (port) => `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket <loket@lpse.test>\n`
  + 'mail_retry_base_seconds = 1\nmail_retry_max_seconds = 2\nmail_poll_seconds = 1\n';

test('the relay drops the connection mid-message, then answers slowly: retried with backoff, each mail delivered once', { skip: PG && 'the outbox is read with sqlite3', timeout: 60000 }, async () => {
  // the first message's connection is cut just before the relay would accept it; then every
  // reply of the relay takes 300 ms
  let cut = 0;
  const sink = await smtpSink({ onData: async (k) => { if (k === 1) { cut++; return false; } return true; }, delay: 0 });
  const dir = initData();
  for (const a of ['budi@example.com', 'siti@example.go.id']) assert.equal(cli(['mail', 'test', a, '--data', dir]).status, 0);
  const s = await startServer({ dir, conf: mailConf(sink.port) });
  try {
    await until(() => outbox(dir).every((r) => r.status === 'sent') || outbox(dir), 20000, 'both sent');
    assert.equal(cut, 1);
    assert.equal(sink.got.length, 2, 'each message reached the relay once');
    const rows = outbox(dir);
    assert.deepEqual(rows.map((r) => r.attempts).sort(), [1, 2], 'the cut one was tried again');
    assert.match(s.output().stderr, /mail: outbox\/1 attempt 1 failed/);
  } finally {
    await s.stop();
    await sink.stop();
  }
  const slow = await smtpSink({ delay: 300 });
  const dir2 = initData();
  assert.equal(cli(['mail', 'test', 'budi@example.com', '--data', dir2]).status, 0);
  const s2 = await startServer({ dir: dir2, conf: mailConf(slow.port) });
  try {
    await until(() => outbox(dir2).every((r) => r.status === 'sent') || outbox(dir2), 20000, 'sent through the slow relay');
    assert.deepEqual(outbox(dir2).map((r) => r.attempts), [1], 'a slow relay is waited for, not given up on');
    assert.equal(slow.got.length, 1);
  } finally {
    await s2.stop();
    await slow.stop();
  }
});

test('the relay accepts a mail while the database cannot record it: marked sent once it can, never sent twice', { skip: PG && 'the lock is taken with sqlite3', timeout: 60000 }, async () => {
  const dir = initData();
  let holder;
  // the relay accepts the message only once another process holds the database's write lock,
  // so the sender cannot mark it sent at that moment (busy for 10 s)
  const sink = await smtpSink({ onData: async () => {
    holder = spawn('sqlite3', [join(dir, 'loket.db')], { stdio: ['pipe', 'pipe', 'ignore'] });
    let said = '';
    holder.stdout.on('data', (d) => { said += d; });
    holder.stdin.write("BEGIN IMMEDIATE;\nUPDATE office SET name=name;\nSELECT 'held';\n");
    for (let i = 0; i < 50 && !said.includes('held'); i++) await sleep(50);
    return true;
  } });
  assert.equal(cli(['mail', 'test', 'budi@example.com', '--data', dir]).status, 0);
  const s = await startServer({ dir, conf: mailConf(sink.port) });
  try {
    await until(() => sink.got.length === 1 || sink.got.length, 15000, 'the relay to accept it');
    await until(() => /cannot be marked sent now/.test(s.output().stderr) || 'not yet', 15000, 'the failed mark');
    holder.stdin.end('COMMIT;\n');
    await until(() => outbox(dir)[0].status === 'sent' || outbox(dir), 10000, 'the row marked sent');
    await sleep(2500);   // a few more passes of the sender
    assert.equal(sink.got.length, 1, 'sent once');
    assert.equal(outbox(dir)[0].attempts, 1);
    assert.match(s.output().stderr, /outbox\/1 marked sent \(the relay had accepted it\)/);
  } finally {
    if (holder && holder.exitCode === null) holder.kill();
    await s.stop();
    await sink.stop();
  }
});
