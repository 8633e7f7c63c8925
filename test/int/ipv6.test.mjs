// IPv6 (docs/deploy.md): `loket serve --listen` and loket.conf's listen take [::1]:PORT (this
// machine) and [::]:PORT (every address, IPv6 and IPv4: dual stack); an IPv4 client of [::] is
// known, logged and checked by its IPv4 address, not ::ffff:a.b.c.d; metrics_allow takes IPv6
// addresses and ranges (this machine's ::1 by default); behind a proxy X-Forwarded-For's IPv6
// address is written one way; the login throttle counts an IPv6 client by its /64. Skipped
// where the machine has no IPv6 loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { startServer, request, cli, initData, ADMIN_PASSWORD, atSecondStart } from './lib.mjs';
import { rmSync } from 'node:fs';

const HAS_V6 = Object.values(networkInterfaces()).flat().some((i) => i && i.family === 'IPv6' && i.address === '::1');
const skip = HAS_V6 ? false : 'no IPv6 loopback (::1) on this machine';

test('listen refuses an IPv6 address without brackets, naming how to write it', () => {
  const dir = initData();
  try {
    const r = cli(['serve', '--data', dir, '--listen', '::1:8080']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--listen "::1:8080": write an IPv6 address in brackets, like \[::1\]:8080 or \[::\]:8080/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('[::1]: served on the IPv6 loopback; /healthz, the access log and /metrics by default', { skip }, async () => {
  const s = await startServer({ listen: '[::1]:0' });
  try {
    assert.match(s.url, /^http:\/\/\[::1\]:\d+$/);
    assert.match(s.output().stdout, /Loket is listening on http:\/\/\[::1\]:\d+\//);
    const h = await request(s.url, 'GET', '/healthz');
    assert.equal(h.status, 200);
    assert.equal((await request(s.url, 'GET', '/metrics')).status, 200, 'metrics_allow: ::1 by default');
    const { stderr } = await s.stop({ keep: true });
    assert.match(stderr, /access ::1 "GET \/healthz" 200/);
  } finally { await s.stop(); }
});

test('[::]: dual stack, an IPv4 client is known by its IPv4 address; metrics_allow with IPv6 ranges', { skip }, async () => {
  const s = await startServer({ listen: '[::]:0', conf: 'metrics_allow = 127.0.0.1, fd00::/8\n' });
  try {
    const out = s.output().stdout;
    assert.match(out, /every address of this machine \(\[::\]:(\d+), IPv6 and IPv4\): open http:\/\/127\.0\.0\.1:\d+\/ here/);
    const port = s.url.split(':').pop();
    const v6 = `http://[::1]:${port}`;
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200);
    assert.equal((await request(v6, 'GET', '/healthz')).status, 200);
    assert.equal((await request(s.url, 'GET', '/metrics')).status, 200, '127.0.0.1 is listed');
    assert.equal((await request(v6, 'GET', '/metrics')).status, 403, '::1 is not in fd00::/8');
    const { stderr } = await s.stop({ keep: true });
    assert.match(stderr, /access 127\.0\.0\.1 "GET \/metrics" 200/);
    assert.match(stderr, /access ::1 "GET \/metrics" 403/);
    assert.doesNotMatch(stderr, /::ffff:/);
  } finally { await s.stop(); }
});

test('behind a proxy: X-Forwarded-For\'s IPv6 client written one way; the throttle counts its /64', { skip }, async () => {
  const s = await startServer({ listen: '[::1]:0', conf: 'trust_proxy = on\nlogin_addr_delay_after = 4\nmetrics_allow = 2001:db8::/32\n' });
  try {
    const via = (client, path = '/api/v1/login', body) => request(s.url, body ? 'POST' : 'GET', path, {
      body, headers: { 'X-Forwarded-For': `203.0.113.9, ${client}` },
    });
    assert.equal((await via('2001:DB8:0:0::5', '/metrics')).status, 200, 'the proxy\'s client is in metrics_allow');
    assert.equal((await via('[2001:db8::6]', '/metrics')).status, 200);
    assert.equal((await via('2001:db9::5', '/metrics')).status, 403);
    // failed logins from addresses of one /64 add up; another /64 is another network
    for (let i = 1; i <= 3; i++) {
      assert.equal((await via(`2001:db8:1:2::${i}`, '/api/v1/login', { username: `ghost${i}`, password: 'wrong-password' })).status, 401);
    }
    await atSecondStart();
    assert.equal((await via('2001:db8:1:2::4', '/api/v1/login', { username: 'ghost4', password: 'wrong-password' })).status, 401);
    const r = await via('2001:db8:1:2:ffff::1', '/api/v1/login', { username: 'ghost5', password: 'wrong-password' });
    assert.equal(r.status, 429, r.text);
    const other = await via('2001:db8:1:3::1', '/api/v1/login', { username: 'admin', password: ADMIN_PASSWORD });
    assert.equal(other.status, 200, other.text);
    const { stderr } = await s.stop({ keep: true });
    assert.match(stderr, /access 2001:db8::5 "GET \/metrics" 200/);
    assert.match(stderr, /access 2001:db8::6 "GET \/metrics" 200/);
    assert.match(stderr, /access 2001:db8:1:2:ffff::1 "POST \/api\/v1\/login" 429/);
  } finally { await s.stop(); }
});

test('behind a proxy: every other limit per address counts an IPv6 client by its /64 too (portal submissions, ticket tracking, questionnaire links, verification bookings)', { skip }, async () => {
  const s = await startServer({ listen: '[::1]:0', conf: 'trust_proxy = on\n', env: { LOKET_TEST_NOW: '2026-01-05T08:00:00+07:00' } });
  try {
    const via = (client, method, path, body, token) => request(s.url, method, path, {
      body, token, headers: { 'X-Forwarded-For': `203.0.113.9, ${client}` },
    });
    // submissions: ten an hour from one /64, whichever of its addresses sends them; another /64 is another network
    let number;
    for (let i = 1; i <= 10; i++) {
      const r = await via(`2001:db8:9:1::${i}`, 'POST', '/api/v1/portal/tickets', { name: 'Siti Aminah', email: 'siti@example.co.id',
        subject: `Pertanyaan ${i}`, description: 'Akun saya terkunci.' });
      assert.equal(r.status, 201, r.text);
      number = r.json.number;
    }
    let r = await via('2001:db8:9:1:abcd::1', 'POST', '/api/v1/portal/tickets', { name: 'Siti', email: 'siti@example.co.id',
      subject: 'Kesebelas', description: 'Akun saya terkunci.' });
    assert.equal(r.status, 429, r.text);
    r = await via('2001:db8:9:2::1', 'POST', '/api/v1/portal/tickets', { name: 'Siti', email: 'siti@example.co.id',
      subject: 'Jaringan lain', description: 'Akun saya terkunci.' });
    assert.equal(r.status, 201, r.text);
    // tracking: wrong guesses from addresses of one /64 add up (three free, then a wait), the right one then waits too
    for (let i = 1; i <= 3; i++) {
      r = await via(`2001:db8:7:1::${i}`, 'POST', '/api/v1/portal/track', { number, contact: 'orang.lain@example.co.id' });
      assert.equal(r.status, 404, r.text);
    }
    r = await via('2001:db8:7:1:ffff::9', 'POST', '/api/v1/portal/track', { number, contact: 'siti@example.co.id' });
    assert.equal(r.status, 429, r.text);
    // a questionnaire link asked for from that /64 waits as well: the same count of wrong guesses
    const adm = (await via('2001:db8:1::1', 'POST', '/api/v1/login', { username: 'admin', password: ADMIN_PASSWORD })).json.token;
    const t = await via('2001:db8:1::1', 'POST', '/api/v1/trainings', { title: 'Training SPSE IPv6', audience: ['penyedia'], capacity: 5,
      venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'], sessions: [{ title: 'Sesi', starts_at: '2026-02-16 08:00', ends_at: '2026-02-16 12:00' }] }, adm);
    assert.equal(t.status, 201, t.text);
    // approved: a plan's questionnaire is not on the portal at all (404, as its page)
    assert.equal((await via('2001:db8:1::1', 'POST', `/api/v1/trainings/${t.json.id}/approve`, {}, adm)).status, 200);
    r = await via('2001:db8:7:1::77', 'POST', `/api/v1/portal/trainings/${t.json.id}/questionnaire/link`, { email: 'siapa@example.co.id' });
    assert.equal(r.status, 429, r.text);
    r = await via('2001:db8:7:2::1', 'POST', '/api/v1/portal/track', { number, contact: 'siti@example.co.id' });
    assert.equal(r.status, 200, r.text);
    // verification bookings: the limit an hour is one /64's
    r = await via('2001:db8:1::1', 'PUT', '/api/v1/verification/settings', { capacity: [0, 5, 5, 5, 5, 5, 0], book_limit: 1 }, adm);
    assert.equal(r.status, 200, r.text);
    const day = (await via('2001:db8:1::1', 'GET', '/api/v1/portal/verification/days')).json.days.find((d) => d.free > 2).day;
    const book = (client, k) => via(client, 'POST', '/api/v1/portal/verification/appointments', {
      company: `CV Enam ${k}`, npwp: `01.234.567.8-901.10${k}`, email: `direktur${k}@enam.co.id`, contact: 'Budi', day });
    assert.equal((await book('2001:db8:a:1::1', 1)).status, 201);
    r = await book('2001:db8:a:1::2', 2);
    assert.equal(r.status, 429, r.text);
    r = await book('2001:db8:a:2::1', 3);
    assert.equal(r.status, 201, r.text);
    const { stderr } = await s.stop({ keep: true });
    assert.match(stderr, /access 2001:db8:a:1::2 "POST \/api\/v1\/portal\/verification\/appointments" 429/, 'the access log names the address itself');
  } finally { await s.stop(); }
});
