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
