// loket.conf's public_url: the base of every absolute link Loket mails or prints, whatever
// Host header the request that caused it carried; written (commented) by `loket init`; a
// value that is not an http(s) address stops `loket serve`. (Without it the Host header is
// used: verification.test.mjs checks the card's QR address against the server's own.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, initData, writeConf, cli, sqlite } from './lib.mjs';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

test('loket init writes public_url commented, with an example', () => {
  const dir = initData();
  const conf = readFileSync(join(dir, 'loket.conf'), 'utf8');
  assert.match(conf, /^# public_url = https:\/\/lpse\.example\.go\.id$/m);
  rmSync(dir, { recursive: true, force: true });
});

test('a public_url that is not an http(s) address stops the server with the line named', () => {
  const dir = initData();
  writeConf(dir, 'public_url = lpse.example.go.id\n');
  const r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /line 1: public_url: expected http\(s\)/);
  rmSync(dir, { recursive: true, force: true });
});

test('portal ticket: the tracking link in the reply and in the mail use public_url, not the Host header', async () => {
  const s = await startServer({ conf: 'public_url = https://lpse.example.go.id/\n' });
  servers.push(s);
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', {
    headers: { Host: 'evil.example' },
    body: { name: 'Budi Santoso', email: 'budi@cvmaju.co.id', subject: 'Lupa kata sandi', description: 'E-mail tidak masuk.' },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.track_url, `https://lpse.example.go.id/portal/t/${r.json.token}`);
  const mail = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='budi@cvmaju.co.id'").stdout;
  assert.ok(mail.includes(`https://lpse.example.go.id/portal/t/${r.json.token}`), mail);
  assert.ok(mail.includes('https://lpse.example.go.id/portal/lacak'), mail);
  assert.ok(!mail.includes('evil.example') && !mail.includes('127.0.0.1'), mail);
});

// The monthly report the background job mails the head on 1 December 2026 (a case opened in
// November before), in a data folder whose office has its own address officeUrl ('' for none).
async function monthlyMail(officeUrl) {
  const dir = initData();
  const r = cli(['user', 'add', 'kepala', '--data', dir, '--role', 'ketua', '--name', 'Ibu Kepala', '--email', 'kepala@lpse.example.go.id'],
    { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  if (officeUrl) assert.equal(cli(['office', 'set', 'LPSE', '--public-url', officeUrl, '--data', dir]).status, 0);
  // a case in November: an office gets no report for a month before its first case
  const nov = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-11-20T09:00:00+07:00' } });
  const opened = await request(nov.url, 'POST', '/api/v1/cases', { token: await login(nov.url),
    body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi', requester: { name: 'Budi Santoso' } } });
  assert.equal(opened.status, 201, opened.text);
  await nov.stop({ keep: true });
  // 1 December 2026, a Tuesday: the month's first working day, when November's report goes to the head
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-12-01T09:00:00+07:00' } });
  servers.push(s);
  const body = () => sqlite(join(dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='kepala@lpse.example.go.id'").stdout;
  for (let i = 0; i < 50 && !body().includes('kepatuhan'); i++) await new Promise((res) => setTimeout(res, 100));
  return { s, mail: body() };
}

test('without public_url the monthly report mailed by the background job links to the address the server listens at, never a bare path', async () => {
  const { s, mail } = await monthlyMail('');
  assert.ok(mail.includes(`${s.url}/laporan/kepatuhan?from=2026-11-01&to=2026-11-30`), mail);
  for (let i = 0; i < 20 && !/public_url is not set/.test(s.output().stderr); i++) await new Promise((res) => setTimeout(res, 100));
  assert.match(s.output().stderr, /public_url is not set in loket\.conf/);
});

test('an office with its own address (loket office set --public-url): the monthly report links to it', async () => {
  const { s, mail } = await monthlyMail('https://lpse.kota.go.id/');
  assert.ok(mail.includes('https://lpse.kota.go.id/laporan/kepatuhan?from=2026-11-01&to=2026-11-30'), mail);
  assert.ok(!mail.includes(s.url), mail);
});

test('without public_url, the mail of `loket sla run` (no server running, no staff page seen) links to the listen address of loket.conf, or to this machine\'s name when it listens on every address; the command says public_url is not set', async () => {
  const dir = initData();
  const r = cli(['user', 'add', 'kepala', '--data', dir, '--role', 'ketua', '--name', 'Ibu Kepala', '--email', 'kepala@lpse.example.go.id'],
    { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  // an OI-02 case at step 2 (the helpdesk's, 10 minutes of office time from when it starts)
  const openAt = async (now, subject) => {
    const s = await startServer({ dir, conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: now } });
    try {
      const token = await login(s.url);
      let c = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject,
        requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } } });
      assert.equal(c.status, 201, c.text);
      const number = c.json.number;
      c = await request(s.url, 'POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/1`, { token, body: { outcome: 'done' } });
      assert.equal(c.status, 200, c.text);
      return number;
    } finally { await s.stop({ keep: true }); }
  };
  const breach = (number) => sqlite(join(dir, 'loket.db'), `SELECT body FROM outbox WHERE subject LIKE 'Pelanggaran%${number}%'`).stdout;
  const slaRun = (listen, now) => {
    writeConf(dir, `listen = ${listen}\n`);
    const run = cli(['sla', 'run', '--data', dir], { env: { LOKET_TEST_NOW: now } });
    assert.equal(run.status, 0, run.stderr);
    return run;
  };
  // loket.conf listening on one address: that address
  const a = await openAt('2026-01-05T08:00:00+07:00', 'Lupa kata sandi');
  const run = slaRun('127.0.0.1:8123', '2026-01-05T08:15:00+07:00');
  assert.match(run.stderr, /public_url is not set in loket\.conf.* now http:\/\/127\.0\.0\.1:8123/);
  assert.ok(breach(a).includes(`\nhttp://127.0.0.1:8123/kasus/${a}\n`), breach(a));
  // listening on every address: the machine's own name
  const b = await openAt('2026-01-05T08:30:00+07:00', 'Akun terkunci');
  slaRun('0.0.0.0:8124', '2026-01-05T08:45:00+07:00');
  assert.ok(breach(b).includes(`\nhttp://${hostname()}:8124/kasus/${b}\n`), breach(b));
  assert.doesNotMatch(sqlite(join(dir, 'loket.db'), 'SELECT body FROM outbox').stdout, /^\/kasus\//m);
  rmSync(dir, { recursive: true, force: true });
});
