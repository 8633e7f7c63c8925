// SIGTERM while requests are in flight: each gets its whole answer, the process
// exits 0 saying "stopped cleanly", and the database is sound afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import { startServer, request, sleep, sqlite, cli, ADMIN_PASSWORD } from './lib.mjs';

// Send one whole HTTP/1.1 request on its own connection; resolves once every byte
// is written, with `answer`: a promise of everything the server sent back.
async function sendRaw(port, method, path, body) {
  const sock = await new Promise((res, rej) => {
    const c = net.connect(port, '127.0.0.1', () => res(c));
    c.once('error', rej);
  });
  let data = Buffer.alloc(0);
  const answer = new Promise((res) => {
    sock.on('data', (d) => { data = Buffer.concat([data, d]); });
    sock.on('error', () => {});
    sock.on('close', () => res(data.toString('utf8')));
  });
  const req = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  await new Promise((res) => sock.write(req, res));
  return { answer };
}

// Split a raw answer into status and body, checking the body is whole (Content-Length).
function parseAnswer(raw) {
  const i = raw.indexOf('\r\n\r\n');
  if (i < 0) return { complete: false, raw };
  const head = raw.slice(0, i), body = raw.slice(i + 4);
  const status = Number((head.match(/^HTTP\/1\.1 (\d{3})/) || [])[1]);
  const len = Number((head.match(/^content-length: *(\d+)/im) || [])[1]);
  return { status, body, complete: Buffer.byteLength(body) === len, raw };
}

test('SIGTERM during concurrent sign-ins: every in-flight request is answered, exit 0, sound database', async () => {
  const s = await startServer();
  let st;
  try {
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200);
    const port = Number(new URL(s.url).port);
    // argon2id makes each sign-in take a while; more of them than threads (8),
    // every one written in full before the signal
    const N = 16;
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    const sent = await Promise.all(Array.from({ length: N }, () => sendRaw(port, 'POST', '/api/v1/login', body)));
    await sleep(20);   // some are being hashed, others wait for a thread
    s.proc.kill('SIGTERM');
    const answers = (await Promise.all(sent.map((x) => x.answer))).map(parseAnswer);
    st = await s.stop({ keep: true });
    answers.forEach((a, i) => {
      assert.ok(a.complete, `request ${i}: no whole answer: ${JSON.stringify(a.raw.slice(0, 200))}`);
      assert.equal(a.status, 200, `request ${i}: ${a.raw.slice(0, 200)}`);
      assert.match(JSON.parse(a.body).token, /^[0-9a-f]{64}$/, `request ${i}`);
    });
    assert.equal(st.sig, null, `killed by ${st.sig}`);
    assert.equal(st.code, 0, st.stderr.split('\n').filter((l) => !l.includes(' access ')).join('\n'));
    assert.match(st.stderr, /stopped cleanly/);
    assert.doesNotMatch(st.stderr, /\(aborted\)/, 'no request was cut off');

    const ic = sqlite(join(s.dir, 'loket.db'), 'PRAGMA integrity_check');
    assert.equal(ic.status, 0, ic.stderr);
    assert.equal(ic.stdout.trim(), 'ok');
    // every answered sign-in left its session and audit row
    const sessions = Number(sqlite(join(s.dir, 'loket.db'), "SELECT count(*) FROM session WHERE kind='api'").stdout.trim());
    assert.equal(sessions, N);
    const v = cli(['audit', 'verify', '--data', s.dir]);
    assert.equal(v.status, 0, v.stderr);
  } finally {
    if (!st) await s.stop({ keep: true });
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test('after SIGTERM no new connection is taken', async () => {
  const s = await startServer();
  try {
    s.proc.kill('SIGTERM');
    const st = await s.stop({ keep: true });
    assert.equal(st.code, 0);
    await assert.rejects(request(s.url, 'GET', '/healthz'));
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test('SIGHUP (the terminal closed) stops it cleanly as SIGTERM does: exit 0, no -wal or -shm left', async () => {
  const s = await startServer();
  try {
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200);
    s.proc.kill('SIGHUP');
    const st = await s.stop({ keep: true });
    assert.equal(st.code, 0, `exit ${st.code} signal ${st.sig}`);
    assert.match(st.stderr, /stopped cleanly/);
    if (existsSync(join(s.dir, 'loket.db'))) {   // SQLite: the last connection closed checkpoints and removes them
      assert.ok(!existsSync(join(s.dir, 'loket.db-wal')), 'loket.db-wal left');
      assert.ok(!existsSync(join(s.dir, 'loket.db-shm')), 'loket.db-shm left');
    }
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});

// SIGKILL while eight clients open cases at once (on SQLite their write transactions share
// commits: db/sqlite.c's group commit): every case whose 201 reached its client is there after
// a restart, no number twice, the numbers without a gap, and the audit chain verifies.
test('SIGKILL under concurrent writes: nothing acknowledged is lost, numbers run on', async () => {
  let s = await startServer();
  const dir = s.dir;
  const acked = [];
  let killed = false;
  try {
    const token = (await request(s.url, 'POST', '/api/v1/login',
      { body: { username: 'admin', password: ADMIN_PASSWORD } })).json.token;
    const url = s.url;
    const loop = async (k) => {
      for (let i = 0; !killed; i++) {
        try {
          const r = await request(url, 'POST', '/api/v1/cases', { token, body: {
            sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: `K${k}-${i}`, urgency: 'mendesak', impact: 'sedang',
            requester: { name: 'Budi Santoso', email: 'budi@example.com' } } });
          if (r.status === 201) acked.push(r.json.number);
        } catch { /* the server is gone */ }
      }
    };
    const loops = Array.from({ length: 8 }, (_, k) => loop(k));
    const deadline = Date.now() + 60000;
    while (acked.length < 60) {
      assert.ok(Date.now() < deadline, `only ${acked.length} cases acknowledged in 60 s`);
      await sleep(10);
    }
    s.proc.kill('SIGKILL');
    killed = true;
    await Promise.all(loops);
    const st = await s.stop({ keep: true });
    assert.equal(st.sig, 'SIGKILL');
    s = await startServer({ dir });
    const again = (await request(s.url, 'POST', '/api/v1/login',
      { body: { username: 'admin', password: ADMIN_PASSWORD } })).json.token;
    assert.equal(new Set(acked).size, acked.length, 'no number given twice');
    const seq = (n) => Number(n.split('-').pop());
    const stored = [];
    for (let before = 0; ;) {
      const r = await request(s.url, 'GET', `/api/v1/cases?limit=200${before ? `&before=${before}` : ''}`, { token: again });
      assert.equal(r.status, 200, r.text);
      stored.push(...r.json.cases.map((c) => c.number));
      if (!r.json.next_before) break;
      before = r.json.next_before;
    }
    for (const n of acked) assert.ok(stored.includes(n), `acknowledged case ${n} is stored`);
    assert.deepEqual(stored.map(seq).sort((a, b) => a - b), Array.from({ length: stored.length }, (_, i) => i + 1),
      'the numbers stored run without a gap (a cut batch took none)');
    const v = cli(['audit', 'verify', '--data', dir]);
    assert.equal(v.status, 0, v.stderr);
  } finally {
    killed = true;
    await s.stop();
  }
});
