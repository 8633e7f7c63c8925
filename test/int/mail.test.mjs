// E-mail out against a real SMTP server (Debian's exim4-daemon-light, started here in the
// foreground with its own configuration, spool and maildir): messages queued while the
// relay is down are retried with backoff and delivered once it comes up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, chmodSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { initData, startServer, cli, sqlite, sleep } from './lib.mjs';

const EXIM = ['/usr/sbin/exim4', '/usr/sbin/exim'].find((p) => existsSync(p));

// A loopback port where nothing listens (yet).
async function freePort() {
  const srv = net.createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address();
  await new Promise((res) => srv.close(res));
  return port;
}

// Start exim as an SMTP server on port that stores every message in DIR/maildir/new.
// Exim drops root for a -C configuration and runs as its own user, so the folders are open.
async function startExim(port) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-smtp-'));
  for (const d of ['spool', 'log', 'maildir']) mkdirSync(join(dir, d));
  for (const d of ['', 'spool', 'log', 'maildir']) chmodSync(join(dir, d), 0o777);
  const user = process.getuid() === 0 ? 'Debian-exim' : userInfo().username;
  const conf = join(dir, 'exim.conf');
  writeFileSync(conf, `primary_hostname = smtp.loket.test
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
pid_file_path = ${dir}/exim.pid
daemon_smtp_ports = ${port}
local_interfaces = 127.0.0.1
acl_smtp_rcpt = acl_rcpt
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
keep_environment =
begin acl
acl_rcpt:
  accept
begin routers
all:
  driver = accept
  transport = maildir
begin transports
maildir:
  driver = appendfile
  directory = ${dir}/maildir
  maildir_format
  create_directory
  user = ${user}
  return_path_add
  envelope_to_add
`);
  chmodSync(conf, 0o644);
  const proc = spawn(EXIM, ['-C', conf, '-bdf'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  proc.stdout.on('data', (d) => { err += d; });
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
  // ready when it accepts a connection
  for (let i = 0; ; i++) {
    const ok = await new Promise((res) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); res(true); });
      c.on('error', () => res(false));
    });
    if (ok) break;
    if (proc.exitCode !== null || i > 100) throw new Error(`exim did not start: ${err}`);
    await sleep(100);
  }
  return {
    dir,
    messages() {
      const nd = join(dir, 'maildir', 'new');
      return existsSync(nd) ? readdirSync(nd).map((f) => readFileSync(join(nd, f), 'utf8')) : [];
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Split a message into unfolded headers (lower-case names) and body.
function parseMessage(text) {
  const i = text.indexOf('\n\n');
  const head = text.slice(0, i).replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const k = line.indexOf(':');
    if (k > 0) headers[line.slice(0, k).toLowerCase()] = line.slice(k + 1).trim();
  }
  return { headers, body: text.slice(i + 2) };
}

// Decode RFC 2047 B/UTF-8 encoded-words (white space between words is dropped).
function decode2047(v) {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
}

// Decode a quoted-printable body to text.
function decodeQP(s) {
  const bytes = Buffer.from(s.replace(/=\r?\n/g, ''), 'latin1');
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x3d && /^[0-9A-F]{2}$/.test(bytes.slice(i + 1, i + 3).toString())) {
      out.push(parseInt(bytes.slice(i + 1, i + 3).toString(), 16)); i += 2;
    } else out.push(bytes[i]);
  }
  return Buffer.from(out).toString('utf8').replace(/\r\n/g, '\n');
}

// The outbox as rows {id, status, attempts, last_error, next}.
function outbox(dir) {
  const r = sqlite(join(dir, 'loket.db'), "SELECT id, status, attempts, next_attempt_at, CASE WHEN last_error <> '' THEN 1 ELSE 0 END FROM outbox ORDER BY id");
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [id, status, attempts, next, err] = l.split('|');
    return { id: +id, status, attempts: +attempts, next: +next, hasError: err === '1' };
  });
}

// Wait until cond() holds, polling; fails after ms with what was seen.
async function until(cond, ms, what) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < ms) {
    last = cond();
    if (last === true) return;
    await sleep(200);
  }
  assert.fail(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

test('mail queued while the SMTP server is down is retried with backoff, then delivered', { timeout: 90000 }, async () => {
  assert.ok(EXIM, 'exim4 is not installed (scripts/deps installs exim4-daemon-light)');
  const port = await freePort();
  const dir = initData();
  const to = ['budi@example.com', 'siti.rahma@dinas.bogorkota.go.id', 'penyedia+uji@contoh.co.id'];
  for (const a of to) {
    const r = cli(['mail', 'test', a, '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Queued outbox\/\d+ to /);
  }
  assert.notEqual(cli(['mail', 'test', 'bukan alamat', '--data', dir]).status, 0);
  assert.deepEqual(outbox(dir).map((r) => [r.status, r.attempts]), [['queued', 0], ['queued', 0], ['queued', 0]]);

  const conf = `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket LPSE <loket@lpse.test>\n`
    + 'mail_retry_base_seconds = 1\nmail_retry_max_seconds = 2\nmail_poll_seconds = 1\nmail_max_attempts = 100\n';
  const s = await startServer({ dir, conf });
  let smtp;
  try {
    // the relay is down: every row gets attempts and an error, and is still queued
    await until(() => { const o = outbox(dir); return o.every((r) => r.attempts >= 1 && r.hasError && r.status === 'queued') || o; },
      15000, 'first failed attempts');
    const first = outbox(dir);
    await until(() => { const o = outbox(dir); return o.every((r, i) => r.attempts > first[i].attempts) || o; },
      15000, 'the attempts to rise');
    assert.ok(outbox(dir).every((r) => r.status === 'queued'));
    const lastError = sqlite(join(dir, 'loket.db'), 'SELECT last_error FROM outbox WHERE id=1').stdout;
    assert.match(lastError, /connect/i);
    assert.match(s.output().stderr, /mail: outbox\/1 attempt \d+ failed/);

    // the relay comes up: all three are delivered and marked sent
    smtp = await startExim(port);
    await until(() => { const o = outbox(dir); return o.every((r) => r.status === 'sent') || o; }, 20000, 'all sent');
    await until(() => smtp.messages().length === 3 || smtp.messages().length, 10000, 'three messages in the maildir');
    const got = smtp.messages().map(parseMessage);
    assert.deepEqual(got.map((m) => m.headers['envelope-to']).sort(), [...to].sort());
    for (const m of got) {
      assert.equal(m.headers['return-path'], '<loket@lpse.test>');
      assert.equal(m.headers.from, 'Loket LPSE <loket@lpse.test>');
      assert.match(m.headers.subject, /^=\?UTF-8\?B\?/, 'a non-ASCII subject is RFC 2047 encoded');
      assert.equal(decode2047(m.headers.subject), 'Uji surel Loket — LPSE');
      assert.equal(m.headers['mime-version'], '1.0');
      assert.equal(m.headers['content-type'], 'text/plain; charset=UTF-8');
      assert.equal(m.headers['content-transfer-encoding'], 'quoted-printable');
      assert.match(m.headers['message-id'], /^<loket\.\d+\.[0-9a-f]+@lpse\.test>$/);
      assert.match(m.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      const body = decodeQP(m.body);
      assert.match(body, /^Yth\. Bapak\/Ibu,\n/);
      assert.ok(body.includes(`Surel ini dikirim ke ${m.headers['envelope-to']} pada `), body);
      assert.ok(body.includes('Loket — LPSE'), 'the UTF-8 body arrives whole');
    }
    const sentAt = sqlite(join(dir, 'loket.db'), "SELECT count(*) FROM outbox WHERE status='sent' AND sent_at>0 AND last_error=''");
    assert.equal(sentAt.stdout.trim(), '3');
    assert.match(cli(['mail', 'list', '--data', dir]).stdout, /sent/);
  } finally {
    const st = await s.stop({ keep: true });
    if (smtp) await smtp.stop();
    assert.equal(st.sig, null);
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stderr, /stopped cleanly/);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without smtp_url nothing is sent and the mail stays queued', async () => {
  const dir = initData();
  assert.equal(cli(['mail', 'test', 'budi@example.com', '--data', dir]).status, 0);
  const s = await startServer({ dir, conf: 'mail_poll_seconds = 1\n' });
  await sleep(1500);
  const st = await s.stop({ keep: true });
  assert.equal(st.code, 0, st.stderr);
  assert.match(st.stderr, /smtp_url is not set/);
  assert.deepEqual(outbox(dir).map((r) => [r.status, r.attempts]), [['queued', 0]]);
  rmSync(dir, { recursive: true, force: true });
});

test('SIGTERM while the relay hangs mid-conversation: prompt clean stop, the mail stays due', async () => {
  // a "relay" that accepts the connection and never says a word
  const socks = [];
  const silent = net.createServer((c) => { socks.push(c); c.on('error', () => {}); });
  await new Promise((res) => silent.listen(0, '127.0.0.1', res));
  const dir = initData();
  assert.equal(cli(['mail', 'test', 'budi@example.com', '--data', dir]).status, 0);
  const s = await startServer({ dir, conf: `smtp_url = smtp://127.0.0.1:${silent.address().port}\nmail_poll_seconds = 1\n` });
  try {
    await until(() => socks.length > 0 || socks.length, 10000, 'the sender to connect');
    await sleep(300);
  } finally {
    const t0 = Date.now();
    const st = await s.stop({ keep: true });
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stderr, /stopped cleanly/);
    assert.ok(Date.now() - t0 < 5000, `stop took ${Date.now() - t0} ms`);
    for (const c of socks) c.destroy();
    silent.close();
  }
  // abandoned, not counted as an attempt: still queued, due now
  assert.deepEqual(outbox(dir).map((r) => [r.status, r.attempts]), [['queued', 0]]);
  rmSync(dir, { recursive: true, force: true });
});
