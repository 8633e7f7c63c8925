// E-mail out against a real SMTP server (Debian's exim4-daemon-light, started here in the
// foreground with its own configuration, spool and maildir): messages queued while the
// relay is down are retried with backoff and delivered once it comes up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, readlinkSync, chmodSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo, hostname } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { initData, startServer, cli, sqlite, sleep, freePort, ADMIN_PASSWORD } from './lib.mjs';

const EXIM = ['/usr/sbin/exim4', '/usr/sbin/exim'].find((p) => existsSync(p));

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
    dir, port,
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

test('the log names the relay without the user and password written in smtp_url', async () => {
  const dir = initData();
  const s = await startServer({ dir, conf: 'smtp_url = smtp://kurir:rahasia-relay@127.0.0.1:1\nmail_poll_seconds = 1\n' });
  await sleep(300);
  const st = await s.stop({ keep: true });
  assert.equal(st.code, 0, st.stderr);
  assert.match(st.stderr, /mail: sending through smtp:\/\/127\.0\.0\.1:1\b/);
  assert.doesNotMatch(st.stderr, /rahasia-relay|kurir/);
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

// A claim's holder as Loket signs it (src/core/worker.c: worker_holder), for process pid of this
// machine's boot and pid namespace (this test's own), or of another boot.
function holder(pid, boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()) {
  return `${hostname()} pid=${pid} boot=${boot} pidns=${readlinkSync('/proc/self/ns/pid')}`;
}

test('a server killed with SIGKILL while it holds a claim: started again, it sends the message at once, once; a live process\'s claim is left', { timeout: 90000 }, async () => {
  assert.ok(EXIM, 'exim4 is not installed (scripts/deps installs exim4-daemon-light)');
  // a "relay" that accepts the connection and never says a word: the claim is held while it waits
  const socks = [];
  const silent = net.createServer((c) => { socks.push(c); c.on('error', () => {}); });
  await new Promise((res) => silent.listen(0, '127.0.0.1', res));
  const dir = initData();
  const db = join(dir, 'loket.db');
  assert.equal(cli(['mail', 'test', 'budi@example.com', '--data', dir]).status, 0);
  const base = 'smtp_from = Loket LPSE <loket@lpse.test>\nmail_poll_seconds = 1\nmail_retry_base_seconds = 1\n';
  const s1 = await startServer({ dir, conf: `smtp_url = smtp://127.0.0.1:${silent.address().port}\n${base}` });
  let smtp;
  try {
    await until(() => socks.length > 0 || socks.length, 10000, 'the sender to connect');
    const claim = sqlite(db, 'SELECT next_attempt_at, claimed_by FROM outbox WHERE id=1').stdout.trim().split('|');
    assert.ok(+claim[0] > Date.now() / 1000 + 200, `claimed for its 5 minutes: ${claim}`);
    assert.equal(claim[1], holder(s1.proc.pid), 'the claim names its holder');
    s1.proc.kill('SIGKILL');
    assert.equal((await s1.stop({ keep: true })).sig, 'SIGKILL');
    for (const c of socks) c.destroy();
    // two more queued, claimed for 5 minutes by processes that may still be sending: a live one of
    // this machine (this test), and one of another boot (another machine, or before a reboot)
    const later = Math.floor(Date.now() / 1000) + 300;
    for (const a of ['siti@example.com', 'rahma@example.com']) assert.equal(cli(['mail', 'test', a, '--data', dir]).status, 0);
    let r = sqlite(db, `UPDATE outbox SET next_attempt_at=${later}, claimed_by='${holder(process.pid)}' WHERE id=2`);
    assert.equal(r.status, 0, r.stderr);
    r = sqlite(db, `UPDATE outbox SET next_attempt_at=${later}, claimed_by='${holder(s1.proc.pid, '00000000-0000-0000-0000-000000000000')}' WHERE id=3`);
    assert.equal(r.status, 0, r.stderr);
    // started again, the relay up: the killed server's message goes at once, not in 5 minutes
    smtp = await startExim(await freePort());
    const t0 = Date.now();
    const s2 = await startServer({ dir, conf: `smtp_url = smtp://127.0.0.1:${smtp.port}\n${base}` });
    try {
      await until(() => smtp.messages().length >= 1 || smtp.messages().length, 20000, 'the message delivered');
      assert.ok(Date.now() - t0 < 30000, `sent after ${Date.now() - t0} ms`);
      await sleep(3000);   /* a few passes more: nothing sent twice, nothing claimed by another taken */
      const got = smtp.messages().map(parseMessage);
      assert.deepEqual(got.map((m) => m.headers['envelope-to']), ['budi@example.com'], 'exactly once');
      assert.deepEqual(outbox(dir).map((x) => [x.id, x.status, x.attempts]), [[1, 'sent', 1], [2, 'queued', 0], [3, 'queued', 0]]);
      assert.deepEqual(outbox(dir).slice(1).map((x) => x.next), [later, later], 'a claim that may be alive runs out');
      assert.equal(sqlite(db, 'SELECT claimed_by FROM outbox WHERE id=1').stdout.trim(), '');
      assert.match(s2.output().stderr, new RegExp(`mail: 1 message\\(s\\) claimed by a process no longer running \\([^)]* pid=${s1.proc.pid} [^)]*\\) taken back`));
    } finally {
      const st = await s2.stop({ keep: true });
      assert.equal(st.code, 0, st.stderr);
    }
  } finally {
    if (smtp) await smtp.stop();
    silent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- every template, sent by its real flow and read as the person who receives it ----

// The messages exim stored, each {raw, to, headers, subject, body}: headers unfolded, the subject
// decoded, the body decoded from quoted-printable.
function inbox(smtp) {
  return smtp.messages().map((raw) => {
    const m = parseMessage(raw);
    return { raw, to: m.headers['envelope-to'], headers: m.headers, subject: decode2047(m.headers.subject || ''), body: decodeQP(m.body) };
  });
}

// An API caller of the server at url(): api(method, path, body, token, want), with admin()'s token
// unless another is given; want: the status it must answer.
const apiCaller = (request, url, admin) => async (method, path, body, token = admin(), want) => {
  const r = await request(url(), method, `/api/v1${path}`, { token, body });
  if (want) assert.equal(r.status, want, `${method} ${path}: ${r.text}`);
  return r;
};

// Which template a delivered message came from, by its subject (null: none).
const TEMPLATES = [
  ['account-received', /^Permohonan LPSE-\d{4}-\d{6} diterima: /],
  ['account-returned', /^Permohonan LPSE-\d{4}-\d{6} dikembalikan kepada pemohon$/],
  ['account-done', /^Permohonan LPSE-\d{4}-\d{6} selesai: /],
  ['account-year-end-agency', /^Penonaktifan \d+ akun PPK .+ \(akhir tahun\)$/],
  ['account-year-end', /^Akun SPSE \S+ dinonaktifkan \(akhir tahun\)$/],
  ['escalation-answer', /^Jawaban LKPP untuk kasus LPSE-\d{4}-\d{6}$/],
  ['escalation', /^Kasus LPSE-\d{4}-\d{6} diteruskan ke Helpdesk LKPP$/],
  ['monthly-report', /^Laporan kepatuhan bulanan \S+ \d{4} — /],
  ['phone-ticket', /^Nomor tiket Anda: LPSE-\d{4}-\d{6}$/],
  ['portal-cancelled', /^Tiket LPSE-\d{4}-\d{6} dibatalkan: /],
  ['portal-closed', /^Tiket LPSE-\d{4}-\d{6} selesai: /],
  ['portal-reply', /^Balasan untuk tiket LPSE-\d{4}-\d{6}: /],
  ['portal-requester-reopen', /^Pemohon membuka kembali kasus LPSE-\d{4}-\d{6}: /],
  ['portal-requester-reply', /^Pemohon membalas kasus LPSE-\d{4}-\d{6}: /],
  ['portal-ticket', /^Tiket LPSE-\d{4}-\d{6}: /],
  // a mail to the help desk's mailbox acknowledged as the portal's ticket is (the same subject, found
  // first as portal-ticket), and its sender told of a reopening: their flow needs an IMAP mailbox,
  // delivered and read in mail_in.test (IMAP_FLOW below)
  ['email-ticket', /^Tiket LPSE-\d{4}-\d{6}: /],
  ['email-reopened', /^Tiket LPSE-\d{4}-\d{6} dibuka kembali: /],
  ['sla-breach', /^Pelanggaran waktu layanan: LPSE-\d{4}-\d{6} langkah \d+$/],
  ['sla-warning', /^Peringatan waktu layanan: LPSE-\d{4}-\d{6} langkah \d+$/],
  ['step-takeover', /^Langkah \d+ kasus LPSE-\d{4}-\d{6} diambil alih oleh \S+$/],
  ['step-assigned', /^Langkah \d+ kasus LPSE-\d{4}-\d{6} ditugaskan kepada Anda oleh \S+$/],
  ['test', /^Uji surel Loket — /],
  ['training-answer', /^Jawaban atas pertanyaan Anda: /],
  ['training-breach', /^Persiapan training LPSE-\d{4}-\d{6} melewati batas: /],
  ['training-cancelled', /^Training dibatalkan: /],
  ['training-invite', /^Undangan training: /],
  ['training-moved', /^Jadwal training diubah: /],
  ['training-reminder', /^Pengingat persiapan training LPSE-\d{4}-\d{6}: /],
  ['training-routed', /^Pertanyaan peserta training LPSE-\d{4}-\d{6} untuk dijawab: /],
  ['training-seat', /^Tempat tersedia: /],
  ['training-survey', /^Kuesioner evaluasi training: /],
  ['verify-approved', /^Verifikasi .+ disetujui: /],
  ['verify-booked', /^Jadwal verifikasi penyedia: /],
  ['verify-cancelled', /^Jadwal verifikasi dibatalkan: /],
  ['verify-lapse-warning', /^Segera verifikasi: pendaftaran .+ gugur pada /],
  ['verify-lapsed', /^Pendaftaran .+ gugur$/],
  ['verify-rejected', /^Verifikasi .+ tidak dapat dilanjutkan$/],
  ['verify-reminder', /^Pengingat: verifikasi penyedia besok, /],
  ['verify-returned', /^Berkas verifikasi .+ belum lengkap$/],
];
// The templates whose flow starts with a mail in the help desk's IMAP mailbox: sent and checked in mail_in.test.
const IMAP_FLOW = ['email-ticket', 'email-reopened'];
// The body lines of template data/mail-NAME.txt (after its Subject line and the blank line).
const templateLines = (name) => readFileSync(join(process.cwd(), 'data', `mail-${name}.txt`), 'utf8').split('\n').slice(2);
const templateOf = (subject) => (TEMPLATES.find(([, re]) => re.test(subject)) || [null])[0];

test('every template is sent by its real flow in a WITA office, delivered by exim, and reads right: Indonesian, filled, local times, working links, good headers, no secret',
  { timeout: 240000 }, async () => {
    assert.ok(EXIM, 'exim4 is not installed (scripts/deps installs exim4-daemon-light)');
    const { webSession, request, login } = await import('./lib.mjs');
    // every template file is in the list above
    const all = readdirSync(join(process.cwd(), 'data'));
    const files = all.filter((f) => /^mail-[a-z0-9-]+\.txt$/.test(f)).map((f) => f.slice(5, -4)).sort();
    assert.deepEqual(TEMPLATES.map(([t]) => t).sort(), files, 'the list names every data/mail-*.txt');
    // an English template (mail-NAME.en.txt, for a requester who used the portal in English) has its Indonesian one
    for (const f of all.filter((f) => /^mail-.*\.en\.txt$/.test(f))) assert.ok(files.includes(f.slice(5, -7)), f);
    // and fills the same {{names}}: what its flow gives the Indonesian one is all it can have (a template sent in
    // English only where no test's flow reaches it, the year end's and the phone desk's, is checked so at least)
    const names = (f) => [...new Set([...readFileSync(join(process.cwd(), 'data', f), 'utf8').matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]))].sort();
    for (const f of all.filter((f) => /^mail-.*\.en\.txt$/.test(f))) assert.deepEqual(names(f), names(f.replace(/\.en\.txt$/, '.txt')), f);

    const port = await freePort();
    const PUBLIC = `http://localhost:${port}`;   // public_url: another name of this server, so the links can be followed
    const dir = initData();
    const PW = 'mailqa-password-2026';
    for (const [u, role, name] of [['hana', 'helpdesk', 'Hana Pertiwi'], ['heru', 'helpdesk', 'Heru Santoso'], ['kartini', 'ketua', 'Kartini Wulandari'],
      ['tina', 'trainer', 'Tina Rahayu'], ['vera', 'verifikator', 'Vera Anggraini']]) {
      const r = cli(['user', 'add', u, '--data', dir, '--role', role, '--name', name, '--email', `${u}@lpse.example.go.id`], { env: { LOKET_PASSWORD: PW } });
      assert.equal(r.status, 0, r.stderr);
    }
    const conf = `public_url = ${PUBLIC}\nsla_poll_seconds = 3600\n`;
    const db = join(dir, 'loket.db');
    const q = (sql) => sqlite(db, sql).stdout.trim();
    const serveAt = async (now, extra = '') => startServer({ dir, conf: conf + extra, env: { LOKET_TEST_NOW: now }, listen: `127.0.0.1:${port}` });
    const at = (now, ...args) => { const r = cli([...args, '--data', dir], { env: { LOKET_TEST_NOW: now } }); assert.equal(r.status, 0, r.stderr); return r; };
    const mailBody = (to, like) => q(`SELECT body FROM outbox WHERE to_addr='${to}' AND subject LIKE '${like}' ORDER BY id DESC LIMIT 1`);
    const secrets = [ADMIN_PASSWORD, PW];

    // ---- Monday 16 November 2026, 08.00 WITA ----
    const MON = '2026-11-16T08:00:00+08:00';
    let s = await serveAt(MON);
    let admin = await login(s.url);
    const api = apiCaller(request, () => s.url, () => admin);
    try {
      await api('PUT', '/calendar/tz', { tz: 'WITA' }, admin, 200);
      at(MON, 'mail', 'test', 'uji.surel@example.com');

      // accounts (OI-04): received, returned, completed, done with the one-time link; the year end
      let r = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: {
        kind: 'ppk', name: 'Sri Wahyuni', nip: '198001012005012001', agency: 'Dinas Pekerjaan Umum', email: 'sri@pu.batangkab.go.id', docs: ['letter'] } });
      assert.equal(r.status, 202, r.text);
      const reqId = (await api('GET', '/account-requests')).json.requests[0].id;
      await api('POST', `/account-requests/${reqId}/check`, {}, admin, 200);
      await api('POST', `/account-requests/${reqId}/approve`, { approve: false }, admin, 200);
      await api('POST', `/account-requests/${reqId}/resubmit`, { docs: ['decree', 'personal_data'] }, admin, 200);
      await api('POST', `/account-requests/${reqId}/check`, {}, admin, 200);
      await api('POST', `/account-requests/${reqId}/approve`, { approve: true }, admin, 200);
      await api('POST', `/account-requests/${reqId}/execute`, { user_id: 'sri.ppk' }, admin, 200);
      await api('POST', `/account-requests/${reqId}/notify`, {}, admin, 200);
      // the one-time link, followed as mailed (on public_url), opens its page; opened, it gives the password once
      const cred = mailBody('sri@pu.batangkab.go.id', '%selesai%').match(/http:\/\/\S+\/kredensial\/([0-9a-f]{64})/);
      assert.ok(cred && cred[0].startsWith(PUBLIC), 'the link is on public_url');
      const page = await fetch(cred[0]);
      assert.equal(page.status, 200);
      // the page says the time the link ends as the mail does: in the office's WITA (not WIB)
      const until = mailBody('sri@pu.batangkab.go.id', '%selesai%').match(/berlaku sampai (\d+ \S+ \d{4}, \d{2}\.\d{2} WITA)/)[1];
      assert.match(await page.text(), new RegExp(`berlaku sampai ${until}\\.`));
      r = await request(s.url, 'POST', `/api/v1/credentials/${cred[1]}`);
      assert.equal(r.status, 200, r.text);
      secrets.push(r.json.password);
      await api('POST', '/directory', { kind: 'org', org_type: 'agency', name: 'Dinas Pendidikan', email: 'disdik@batangkab.go.id' }, admin, 201);
      await api('POST', '/directory', { kind: 'person', name: 'Hadi Susanto', nip: '197001011995031001', agency: 'Dinas Pendidikan', email: 'hadi@batangkab.go.id' }, admin, 201);
      await api('POST', '/accounts', { user_id: 'hadi.ppk', kind: 'ppk', holder: '197001011995031001', sk_number: 'SK-1/2020', valid_from: '2020-01-01', valid_until: '2020-12-31' }, admin, 201);
      const ye = (await api('GET', '/year-end', undefined, admin, 200)).json.accounts.length;
      await api('POST', '/year-end', { confirm: true, expect: ye }, admin, 200);

      // the phone (BTG-017): a ticket for the caller
      const st = await api('GET', '/phone/stamp');
      const call = await api('POST', '/phone/calls', { stamp: st.json.stamp }, admin, 201);
      await api('POST', `/phone/calls/${call.json.id}/finish`, { requester: { name: 'Budi Santoso', email: 'budi@example.co.id' },
        question: 'Server galat 500 setiap mengunggah penawaran', urgency: 'mendesak', impact: 'besar' }, admin, 200);

      // an escalation to LKPP and its answer
      const k = (await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa membuka tender',
        requester: { name: 'Wati Susilo', email: 'wati@example.com' } }, admin, 201)).json;
      const esc = (await api('POST', `/cases/${k.number}/escalations`, { title: 'Halaman tender galat 500', application: 'SPSE 4.5',
        type: 'permasalahan', description: 'Galat 500 sejak pagi', external_ticket: 'TTS-2026-77' }, admin, 201)).json;
      await api('POST', `/escalations/${esc.id}/answer`, { answer: 'Sudah diperbaiki di server nasional.' }, admin, 200);

      // the portal: a ticket, the staff's reply, the requester's reply, closed, reopened; another cancelled
      r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Ratna Dewi', email: 'ratna@cvmaju.co.id',
        subject: 'Lupa kata sandi akun penyedia', description: 'E-mail pemulihan tidak masuk.' } });
      assert.equal(r.status, 201, r.text);
      const ticket = r.json;
      await api('POST', `/cases/${ticket.number}/portal`, { body: 'Kata sandi sudah kami atur ulang; cek e-mail Anda.' }, admin, 201);
      r = await request(s.url, 'POST', `/api/v1/portal/tickets/${ticket.token}/replies`, { body: { body: 'Sudah saya coba, tetap gagal.' } });
      assert.equal(r.status, 201, r.text);
      // hana answers and closes it: the reopening is told to her
      const hana = await login(s.url, 'hana', PW);
      await api('POST', `/cases/${ticket.number}/steps/2`, { outcome: 'yes' }, hana, 200);
      await api('POST', `/cases/${ticket.number}/steps/3`, { outcome: 'done' }, hana, 200);
      r = await request(s.url, 'POST', `/api/v1/portal/tickets/${ticket.token}/reopen`);
      assert.equal(r.status, 200, r.text);
      r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Ratna Dewi', email: 'ratna@cvmaju.co.id',
        subject: 'Lupa kata sandi (lagi)', description: 'Sama dengan tiket sebelumnya.' } });
      await api('POST', `/cases/${r.json.number}/cancel`, { reason: `Sama dengan tiket ${ticket.number}` }, admin, 200);

      // an OI-02 case left at its step 2 for the SLA watcher
      const late = (await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Jadwal tender tidak tampil',
        requester: { name: 'Eko Prasetyo', email: 'eko@example.com' } }, admin, 201)).json;
      await api('POST', `/cases/${late.number}/steps/1`, { outcome: 'done' }, admin, 200);
      // given to heru, then taken over for hana (was: heru): heru is told (the step is the helpdesk's
      // decision: the ketua, who does not take it, could not be given it)
      await api('POST', `/cases/${late.number}/assign`, { username: 'kartini' }, admin, 400);
      await api('POST', `/cases/${late.number}/assign`, { username: 'heru' }, admin, 200);
      await api('POST', `/cases/${late.number}/assign`, { username: 'hana', was: 'heru' }, admin, 200);

      // trainings (BTG-005): invited, a seat freed, moved; another cancelled
      const PLAN = { title: 'Training SPSE 4.5 bagi penyedia', description: 'Penawaran dan enkripsi', audience: ['penyedia'], capacity: 1,
        venue: 'Ruang pelatihan LPSE', facilities: ['Ruang pelatihan'], trainers: ['Tina Rahayu'], budget: [],
        sessions: [{ title: 'Penawaran dan enkripsi', starts_at: '2026-12-07 08:00', ends_at: '2026-12-07 12:00' }] };
      const t1 = (await api('POST', '/trainings', PLAN, admin, 201)).json.id;
      await api('POST', `/trainings/${t1}/approve`, {}, admin, 200);
      for (const [name, email] of [['Siti Aminah', 'siti@majujaya.co.id'], ['Dewi Lestari', 'dewi@majujaya.co.id']]) {
        r = await request(s.url, 'POST', `/api/v1/portal/trainings/${t1}/register`, { body: { name, agency: 'CV Maju Jaya', role: 'penyedia', email, phone: '081234567890' } });
        assert.equal(r.status, 201, r.text);
      }
      const confirmToken = (to) => mailBody(to, 'Undangan training%').match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
      r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: confirmToken('siti@majujaya.co.id'), answer: 'declined' } });
      assert.equal(r.status, 200, r.text);
      await api('POST', `/trainings/${t1}/reschedule`, { reason: 'Ruang dipakai rapat',
        sessions: [{ title: 'Penawaran dan enkripsi', starts_at: '2026-12-08 08:00', ends_at: '2026-12-08 12:00' }] }, admin, 200);
      const t2 = (await api('POST', '/trainings', { ...PLAN, title: 'Training e-katalog bagi PPK', audience: ['ppk'] }, admin, 201)).json.id;
      await api('POST', `/trainings/${t2}/approve`, {}, admin, 200);
      await api('POST', `/trainings/${t2}/participants`, { name: 'Rudi Hartono', agency: 'Dinas PU', email: 'rudi@pu.batangkab.go.id' }, admin, 201);
      await api('POST', `/trainings/${t2}/cancel`, { reason: 'Narasumber berhalangan' }, admin, 200);

      // verification (OI-01): booked; booked and cancelled from the mail's link; approved, returned, rejected at the desk
      const PROVIDER = { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
        phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02' };
      await api('POST', '/portal/verification/appointments', { ...PROVIDER, day: '2026-11-17' }, undefined, 201);
      await api('POST', '/portal/verification/appointments', { ...PROVIDER, company: 'PT Batal', npwp: '08.456.789.0-123.000', email: 'batal@ptbatal.co.id', day: '2026-11-18' }, undefined, 201);
      const cancelTok = mailBody('batal@ptbatal.co.id', 'Jadwal verifikasi%').match(/\/portal\/verifikasi\/batal\/(\d+-[0-9a-f]{32})/)[1];
      await api('POST', `/portal/verification/cancel/${cancelTok}`, undefined, undefined, 200);
      await api('POST', '/portal/verification/appointments', { ...PROVIDER, company: 'PT Lambat', npwp: '10.456.789.0-123.000', email: 'lambat@ptlambat.co.id',
        registered_on: '2026-10-20', day: '2026-11-18' }, undefined, 201);
      const desk = async (company, npwp, email) => {
        const v = (await api('POST', '/verifications', { ...PROVIDER, company, npwp, email, registered_on: '2026-11-10' }, admin, 201)).json.id;
        await api('POST', `/verifications/${v}/arrive`, {}, admin, 200);
        await api('POST', `/verifications/${v}/agenda`, {}, admin, 200);
        return [v, (await api('POST', `/verifications/${v}/registration`, { address: 'Jl. Merdeka 1', deed: 'Akta No. 12', director: 'Ani' }, admin, 200)).json];
      };
      const marks = (items, except = []) => items.map((i) => ({ no: i.no, present: !except.includes(i.no), matches: !except.includes(i.no) }));
      let [v, vj] = await desk('PT Setuju', '02.345.678.9-012.000', 'setuju@ptsetuju.co.id');
      await api('POST', `/verifications/${v}/documents`, { items: marks(vj.items, [2]) }, admin, 200);
      await api('POST', `/verifications/${v}/approve`, {}, admin, 200);
      [v, vj] = await desk('PT Kurang', '03.456.789.0-123.000', 'kurang@ptkurang.co.id');
      await api('POST', `/verifications/${v}/documents`, { items: marks(vj.items, [2, 5]) }, admin, 200);
      await api('POST', `/verifications/${v}/return`, {}, admin, 200);
      await api('PUT', '/verification/blacklist', { csv: 'npwp,nama,alasan,sampai\n04.456.789.0-123.000,PT Hitam,Pemalsuan dokumen,2027-12-31\n' }, admin, 200);
      [v, vj] = await desk('PT Hitam', '04.456.789.0-123.000', 'hitam@pthitam.co.id');
      assert.equal(vj.status, 'rejected');
    } finally { await s.stop({ keep: true }); }

    // the watchers: the SLA of step 2 (warning, then breach), the verification reminder and lapses
    at('2026-11-16T08:08:30+08:00', 'sla', 'run');
    at('2026-11-16T08:20:00+08:00', 'sla', 'run');
    at(MON, 'verification', 'watch');
    at('2026-11-19T00:00:00+08:00', 'verification', 'watch');
    // the preparation of the training, then November's report on 1 December
    for (const now of ['2026-11-30T09:00:00+08:00', '2026-12-01T09:00:00+08:00', '2026-12-04T09:00:00+08:00', '2026-12-07T17:00:00+08:00']) at(now, 'sla', 'run');

    // the training is held on 8 December: a question routed, answered after, the answer sent
    s = await serveAt('2026-12-08T10:00:00+08:00');
    admin = await login(s.url);
    let sess;
    try {
      const t1 = Number(q("SELECT id FROM training WHERE title='Training SPSE 4.5 bagi penyedia'"));
      sess = (await api('GET', `/trainings/${t1}`)).json.sessions[0].id;
      await api('POST', `/trainings/${t1}/questions`, { session: sess, asker_name: 'Dewi Lestari', asker_agency: 'CV Maju Jaya',
        question: 'Apakah dokumen penawaran bisa diunggah ulang?', email: 'dewi@majujaya.co.id', phone: '081298765432', routed_to: 'hana' }, admin, 201);
    } finally { await s.stop({ keep: true }); }
    s = await serveAt('2026-12-08T13:00:00+08:00');
    admin = await login(s.url);
    try {
      const t1 = Number(q("SELECT id FROM training WHERE title='Training SPSE 4.5 bagi penyedia'"));
      const open = (await api('GET', `/trainings/${t1}/questions`)).json.questions.find((x) => x.status === 'open');
      await api('POST', `/trainings/${t1}/questions/${open.id}`, { answer: 'Bisa, selama jadwal pemasukan penawaran belum berakhir.' }, admin, 200);
      assert.deepEqual((await api('POST', `/trainings/${t1}/questions/send`, {}, admin, 200)).json, { sent: 1 });
      // the questionnaire is open: Dewi, in the room, asks for her link with her e-mail
      const asked = await request(s.url, 'POST', `/api/v1/portal/trainings/${t1}/questionnaire/link`, { body: { email: 'dewi@majujaya.co.id' } });
      assert.equal(asked.status, 202, asked.text);
    } finally { await s.stop({ keep: true }); }

    // ---- everything delivered through exim ----
    const smtpPort = await freePort();
    const smtp = await startExim(smtpPort);
    s = await serveAt('2026-12-08T13:05:00+08:00', `smtp_url = smtp://127.0.0.1:${smtpPort}\nsmtp_from = Loket LPSE <loket@lpse.test>\nmail_poll_seconds = 1\n`);
    try {
      // (the server's own first watcher pass may queue more: the outbox is counted as it stands)
      await until(() => q("SELECT count(*) FROM outbox WHERE status<>'sent'") === '0' || q("SELECT status || ' ' || last_error FROM outbox WHERE status<>'sent'"), 60000, 'all sent');
      await until(() => String(smtp.messages().length) === q('SELECT count(*) FROM outbox') || smtp.messages().length, 20000, 'every message in the maildir');
      const got = inbox(smtp);
      if (process.env.MAILQA_DUMP) writeFileSync(process.env.MAILQA_DUMP, got.map((m) => `==== ${templateOf(m.subject)} → ${m.to}\n${m.raw.split('\n\n')[0]}\n-- decoded --\nSubject: ${m.subject}\n\n${m.body}`).join('\n'));
      // every template at least once
      const seen = new Set(got.map((m) => templateOf(m.subject)));
      assert.deepEqual(files.filter((t) => !seen.has(t) && !IMAP_FLOW.includes(t)), [], 'every template delivered');
      assert.deepEqual(got.filter((m) => !templateOf(m.subject)).map((m) => m.subject), [], 'every subject is a known template\'s');

      // the monthly report: none for October, a month that ended before the office's first case;
      // November's figures add up (the breaches: the steps done past their standard, and those still open past due)
      const reports = got.filter((m) => templateOf(m.subject) === 'monthly-report');
      assert.deepEqual(reports.map((m) => m.subject), ['Laporan kepatuhan bulanan November 2026 — LPSE']);
      const fig = (label) => Number(reports[0].body.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'))[1]);
      const [timedN, metN, lateN, openN, prepN] = ['Langkah dan butir persiapan berstandar waktu', 'selesai dalam standar waktu',
        'selesai melewati standar waktu', 'Langkah belum selesai, lewat batas waktu',
        'Butir persiapan pelatihan belum selesai, lewat batas waktu'].map(fig);
      assert.equal(metN + lateN, timedN, reports[0].body);
      // a training's preparation items past their deadline on their own line, not among the steps
      assert.equal(lateN + openN + prepN, fig('Pelanggaran \\(melewati standar \\+ lewat batas waktu\\)'), reports[0].body);
      assert.ok(openN > 0, 'steps are left open past due here');
      // the seat carries its own personal link (opened with the others below); the answer is signed by the office
      const first = (t) => got.find((m) => templateOf(m.subject) === t);
      assert.match(first('training-seat').body, /\nhttp:\/\/\S+\/portal\/pelatihan\/konfirmasi\/[0-9a-f]{64}\n/);
      assert.match(first('training-answer').body, /\n\nSalam,\nLPSE\n$/);
      // a case's subject, a step's title, a training's title: each on a labelled line of its own, not in a sentence
      const values = ['Tidak bisa membuka tender', 'Lupa kata sandi akun penyedia', 'Jadwal tender tidak tampil',
        'Menerima pertanyaan penyedia', 'Training SPSE 4.5 bagi penyedia'];
      for (const m of got) {
        for (const line of m.body.split('\n')) {
          if (values.some((v) => line.includes(v))) assert.match(line, /^\s*[A-Z][a-z]+( [a-z]+)?:\s+\S/, `${templateOf(m.subject)}: ${line}`);
        }
      }

      const web = await webSession(s.url);
      const checked = new Map();
      for (const m of got) {
        const t = templateOf(m.subject);
        const where = `${t} to ${m.to}: ${m.subject}\n${m.body}`;
        // headers
        assert.equal(m.headers.from, 'Loket LPSE <loket@lpse.test>', where);
        assert.equal(m.headers.to, m.to, where);
        assert.match(m.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/, where);
        assert.match(m.headers['message-id'], /^<loket\.\d+\.[0-9a-f]+@lpse\.test>$/, where);
        assert.equal(m.headers['mime-version'], '1.0');
        assert.equal(m.headers['content-type'], 'text/plain; charset=UTF-8');
        assert.equal(m.headers['content-transfer-encoding'], 'quoted-printable');
        if (/[^\x20-\x7e]/.test(m.subject)) assert.match(m.headers.subject, /^=\?UTF-8\?B\?/, where);
        for (const line of m.raw.split('\n')) assert.ok(line.length <= 998, `a line of ${line.length}: ${where}`);
        for (const line of m.raw.split('\n\n')[0].split('\n')) assert.ok(line.length <= 78 || /^(Received|Envelope-to|Return-path|Delivery-date):/i.test(line), `a header line over 78: ${line}`);
        // the fixed lines of its template (those without a {{value}}) are sent as written, none
        // over 78 characters (RFC 5322's line length); a value filled in may make its line longer
        const lines = new Set(m.body.split('\n'));
        for (const line of templateLines(t).filter((l) => !l.includes('{{'))) {
          assert.ok(lines.has(line), `a fixed line not as written: ${line}\n${where}`);
          assert.ok([...line].length <= 78, `a fixed line of ${[...line].length} characters: ${line}`);
        }
        // Indonesian, filled, dated in WITA
        assert.match(m.body, /^Yth\. /, where);
        assert.doesNotMatch(m.subject + m.body, /\{\{|\}\}|\(null\)|undefined|NaN|\[object/, where);
        assert.doesNotMatch(m.subject + m.body, /: \.|\(\)|, ,|:\s*\n\s*\n\s*Salam/, where);
        const text = (m.subject + '\n' + m.body).replace(/https?:\/\/\S+/g, '');
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}|\bUTC\b|\bWIB\b|\bWIT\b/, `a day or time not as people write it in the office's WITA: ${where}`);
        for (const x of secrets) assert.ok(!m.body.includes(x), `a password mailed: ${where}`);
        // the links: absolute, on public_url, and each opens its page
        for (const link of m.body.match(/https?:\/\/[^\s)>"]+/g) || []) {
          assert.ok(link.startsWith(PUBLIC + '/'), `${link} is not on public_url: ${where}`);
          if (!checked.has(link)) checked.set(link, (await web.get(link.slice(PUBLIC.length))).status);
          // the one-time link was used (above): gone now, as it must be
          assert.equal(checked.get(link), /\/kredensial\//.test(link) ? 410 : 200, `${link} answers ${checked.get(link)}: ${where}`);
        }
      }
    } finally {
      await s.stop({ keep: true });
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

// ---- the requester's language: the portal's as they used it, the office's default for what staff entered ----

// Which English template (data/mail-NAME.en.txt) a delivered message came from, by its subject.
const TEMPLATES_EN = [
  ['account-received', /^Request LPSE-\d{4}-\d{6} received: /],
  ['account-returned', /^Request LPSE-\d{4}-\d{6} returned to the applicant$/],
  ['account-done', /^Request LPSE-\d{4}-\d{6} done: /],
  ['monthly-report', /^Monthly compliance report \S+ \d{4} — /],
  ['portal-closed', /^Ticket LPSE-\d{4}-\d{6} done: /],
  ['portal-reply', /^Reply to ticket LPSE-\d{4}-\d{6}: /],
  ['training-cancelled', /^Training cancelled: /],
  ['training-invite', /^Training invitation: /],
  ['training-moved', /^Training moved: /],
  ['training-seat', /^A seat for you: /],
  ['training-survey', /^Training evaluation questionnaire: /],
  ['training-answer', /^The answer to your question: /],
  ['verify-booked', /^Provider verification booked: /],
  ['verify-cancelled', /^Verification appointment cancelled: /],
  ['verify-reminder', /^Reminder: provider verification tomorrow, /],
  ['verify-returned', /^The verification files of .+ are not complete$/],
  ['sla-warning', /^Service time warning: LPSE-\d{4}-\d{6} step \d+$/],
  ['sla-breach', /^Service time breached: LPSE-\d{4}-\d{6} step \d+$/],
  ['step-takeover', /^Step \d+ of case LPSE-\d{4}-\d{6} taken over by \S+$/],
  ['step-assigned', /^Step \d+ of case LPSE-\d{4}-\d{6} assigned to you by \S+$/],
  ['portal-requester-reply', /^The requester replied to case LPSE-\d{4}-\d{6}: /],
  ['portal-requester-reopen', /^The requester reopened case LPSE-\d{4}-\d{6}: /],
  ['training-reminder', /^Reminder, preparation of training LPSE-\d{4}-\d{6}: /],
  ['training-breach', /^Preparation of training LPSE-\d{4}-\d{6} past its due time: /],
  ['training-routed', /^A participant's question of training LPSE-\d{4}-\d{6} to answer: /],
  ['escalation', /^Case LPSE-\d{4}-\d{6} passed on to the LKPP Helpdesk$/],
  ['escalation-answer', /^LKPP's answer for case LPSE-\d{4}-\d{6}$/],
  ['account-year-end', /^SPSE account \S+ deactivated \(year end\)$/],
  ['account-year-end-agency', /^\d+ PPK accounts of .+ deactivated \(year end\)$/],
  ['phone-ticket', /^Your ticket number: LPSE-\d{4}-\d{6}$/],
];
const templateOfEn = (subject) => (TEMPLATES_EN.find(([, re]) => re.test(subject)) || [null])[0];

test('what a requester asked for on the portal in English is written to them in English (account request, verification, training) through exim; what staff entered, in the office\'s default language; each keeps its language',
  { timeout: 180000 }, async () => {
    assert.ok(EXIM, 'exim4 is not installed (scripts/deps installs exim4-daemon-light)');
    const { request, login } = await import('./lib.mjs');
    const en = readdirSync(join(process.cwd(), 'data')).filter((f) => /^mail-.*\.en\.txt$/.test(f)).map((f) => f.slice(5, -7));
    for (const [t] of TEMPLATES_EN) assert.ok(en.includes(t), t);
    const smtpPort = await freePort();
    const smtp = await startExim(smtpPort);
    const dir = initData();
    const db = join(dir, 'loket.db');
    const q = (sql) => sqlite(db, sql).stdout.trim();
    const conf = (lang) => `default_lang = ${lang}\nsla_poll_seconds = 3600\nsmtp_url = smtp://127.0.0.1:${smtpPort}\n`
      + 'smtp_from = Loket LPSE <loket@lpse.test>\nmail_poll_seconds = 1\n';
    const MON = '2026-11-16T08:00:00+07:00';
    const at = (now, ...args) => { const r = cli([...args, '--data', dir], { env: { LOKET_TEST_NOW: now } }); assert.equal(r.status, 0, r.stderr); return r; };
    const outboxBody = (to, like) => q(`SELECT body FROM outbox WHERE to_addr='${to}' AND subject LIKE '${like}' ORDER BY id DESC LIMIT 1`);
    let s = await startServer({ dir, conf: conf('id'), env: { LOKET_TEST_NOW: MON } });
    let admin = await login(s.url);
    const api = apiCaller(request, () => s.url, () => admin);
    const PROVIDER = { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
      phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02' };
    const desk = async (company, npwp, email) => {   // a provider come to the desk, returned for two documents
      const v = (await api('POST', '/verifications', { ...PROVIDER, company, npwp, email, registered_on: '2026-11-10' }, admin, 201)).json.id;
      await api('POST', `/verifications/${v}/arrive`, {}, admin, 200);
      await api('POST', `/verifications/${v}/agenda`, {}, admin, 200);
      const vj = (await api('POST', `/verifications/${v}/registration`, { address: 'Jl. Merdeka 1', deed: 'Akta No. 12', director: 'Ani' }, admin, 200)).json;
      const [gone, unlike] = vj.items.filter((i) => i.required).map((i) => i.no);
      const marks = vj.items.map((i) => ({ no: i.no, present: i.no !== gone, matches: i.no !== gone && i.no !== unlike }));
      await api('POST', `/verifications/${v}/documents`, { items: marks }, admin, 200);
      await api('POST', `/verifications/${v}/return`, {}, admin, 200);
    };
    const PLAN = { title: 'SPSE 4.5 for providers', description: 'Bids and encryption', audience: ['penyedia'], capacity: 1,
      venue: 'LPSE training room', facilities: ['Ruang pelatihan'], trainers: ['Tina Rahayu'], budget: [],
      sessions: [{ title: 'Bids and encryption', starts_at: '2026-12-07 08:00', ends_at: '2026-12-07 12:00' }] };
    try {
      // the portal's account form names the kinds in words, in either language: no procedure codes
      for (const [lang, words] of [['en', ['User ID for a Pokja ULP member', 'User ID for a PPK', 'Forgotten user ID or password',
        'Deactivation of SPSE access', 'Reactivation of SPSE access']], ['id', ['User ID Anggota Pokja ULP', 'User ID PPK',
        'Lupa User ID / Password', 'Penonaktifan hak akses SPSE', 'Pengaktifan kembali hak akses SPSE']]]) {
        const html = await (await fetch(`${s.url}/portal/akun?lang=${lang}`)).text();
        const sel = html.match(/<select id="i-kind" name="kind"[^>]*>([\s\S]*?)<\/select>/);
        assert.ok(sel, html);
        assert.deepEqual([...sel[1].matchAll(/<option[^>]*>([^<]*)</g)].map((m) => m[1]), words, lang);
      }
      // an account request from the portal in English: received, returned, done with its one-time link
      let r = await request(s.url, 'POST', '/api/v1/portal/account-requests?lang=en', { body: {
        kind: 'ppk', name: 'Sri Wahyuni', nip: '198001012005012001', agency: 'Dinas Pekerjaan Umum', email: 'sri@pu.batangkab.go.id', docs: ['letter'] } });
      assert.equal(r.status, 202, r.text);
      const sri = (await api('GET', '/account-requests')).json.requests[0];
      const number = q(`SELECT k.number FROM kasus k JOIN account_request a ON a.case_id=k.id WHERE a.id=${sri.id}`);
      await api('POST', `/account-requests/${sri.id}/check`, {}, admin, 200);
      await api('POST', `/account-requests/${sri.id}/approve`, { approve: false, note: 'Please send the decree.' }, admin, 200);
      // returned, Sri follows her request on the portal: the file she adds there is linked on its page
      r = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'sri@pu.batangkab.go.id' } });
      assert.equal(r.status, 200, r.text);
      const trackToken = r.json.token;
      const fd = new FormData();
      fd.append('body', 'The decree, scanned');
      fd.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'sk-ppk.pdf');
      const up = await fetch(`${s.url}/api/v1/portal/tickets/${trackToken}/replies`, { method: 'POST', body: fd });
      assert.equal(up.status, 201, await up.text());
      const page = await (await fetch(`${s.url}/portal/t/${trackToken}?lang=en`)).text();
      const link = page.match(/href="(\/portal\/t\/[0-9a-f]{64}\/lampiran\/\d+)" download>sk-ppk\.pdf</);
      assert.ok(link, page);
      const file = await fetch(s.url + link[1]);
      assert.equal(file.status, 200);
      assert.equal(await file.text(), '%PDF-1.4\n%%EOF\n');
      // the helpdesk answers her there: by e-mail in English, the language her request was made in
      await api('POST', `/cases/${number}/portal`, { body: 'We have the decree, thank you.' }, admin, 201);

      await api('POST', `/account-requests/${sri.id}/resubmit`, { docs: ['decree', 'personal_data'] }, admin, 200);
      await api('POST', `/account-requests/${sri.id}/check`, {}, admin, 200);
      await api('POST', `/account-requests/${sri.id}/approve`, { approve: true }, admin, 200);
      await api('POST', `/account-requests/${sri.id}/execute`, { user_id: 'sri.ppk' }, admin, 200);
      await api('POST', `/account-requests/${sri.id}/notify`, {}, admin, 200);
      // the case's subject (the staff's) stays Indonesian
      assert.equal(q(`SELECT k.subject FROM kasus k JOIN account_request a ON a.case_id=k.id WHERE a.id=${sri.id}`), 'User ID PPK: Sri Wahyuni');
      // one entered by staff from a letter: the office's default, Indonesian
      await api('POST', '/account-requests', { kind: 'pokja', channel: 'letter', name: 'Hadi Susanto', nip: '197001011995031001',
        agency: 'Dinas Pendidikan', email: 'hadi@batangkab.go.id', sk_number: 'SK-1/2026', valid_from: '2026-01-02', valid_until: '2026-12-31',
        docs: ['letter'] }, admin, 201);
      // verification: booked from the portal in English; another booked and cancelled from the mail's link; one come to the desk
      await api('POST', '/portal/verification/appointments?lang=en', { ...PROVIDER, day: '2026-11-17' }, undefined, 201);
      await api('POST', '/portal/verification/appointments?lang=en', { ...PROVIDER, company: 'PT Batal', npwp: '08.456.789.0-123.000',
        email: 'batal@ptbatal.co.id', day: '2026-11-18' }, undefined, 201);
      const cancelTok = outboxBody('batal@ptbatal.co.id', 'Provider verification booked%').match(/\/portal\/verifikasi\/batal\/(\d+-[0-9a-f]{32})/)[1];
      await api('POST', `/portal/verification/cancel/${cancelTok}`, undefined, undefined, 200);
      await desk('PT Kurang', '03.456.789.0-123.000', 'kurang@ptkurang.co.id');

      // trainings: two register from the portal in English (a seat, the waiting list), one invited by staff; the seat
      // given on, the training moved, then cancelled
      const t1 = (await api('POST', '/trainings', PLAN, admin, 201)).json.id;
      await api('POST', `/trainings/${t1}/approve`, {}, admin, 200);
      for (const [name, email] of [['Siti Aminah', 'siti@majujaya.co.id'], ['Dewi Lestari', 'dewi@majujaya.co.id']]) {
        r = await request(s.url, 'POST', `/api/v1/portal/trainings/${t1}/register?lang=en`, { body: { name, agency: 'CV Maju Jaya', role: 'penyedia', email } });
        assert.equal(r.status, 201, r.text);
      }
      await api('POST', `/trainings/${t1}/participants`, { name: 'Rudi Hartono', agency: 'Dinas PU', email: 'rudi@pu.batangkab.go.id' }, admin, 201);
      const confirmToken = outboxBody('siti@majujaya.co.id', 'Training invitation%').match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
      r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: confirmToken, answer: 'declined' } });
      assert.equal(r.status, 200, r.text);
      await api('POST', `/trainings/${t1}/reschedule`, { reason: 'The room is needed for a meeting',
        sessions: [{ title: 'Bids and encryption', starts_at: '2026-12-08 08:00', ends_at: '2026-12-08 12:00' }] }, admin, 200);
      await api('POST', `/trainings/${t1}/cancel`, { reason: 'The trainer cannot come' }, admin, 200);
    } finally { await s.stop({ keep: true }); }
    // the reminder of the English booking, the day before
    at(MON, 'verification', 'watch');

    // the office's default becomes English: what staff enter now is written in English; what was stored keeps its language
    s = await startServer({ dir, conf: conf('en'), env: { LOKET_TEST_NOW: '2026-11-16T10:00:00+07:00' } });
    admin = await login(s.url);
    try {
      await desk('PT Kedua', '05.456.789.0-123.000', 'kedua@ptkedua.co.id');
      const t2 = (await api('POST', '/trainings', { ...PLAN, title: 'e-Catalogue for PPK', audience: ['ppk'] }, admin, 201)).json.id;
      await api('POST', `/trainings/${t2}/approve`, {}, admin, 200);
      await api('POST', `/trainings/${t2}/participants`, { name: 'Wati Susilo', agency: 'Dinas PU', email: 'wati@pu.batangkab.go.id' }, admin, 201);
      // Hadi's request, entered while the default was Indonesian, is returned in Indonesian
      const hadi = (await api('GET', '/account-requests')).json.requests.find((x) => x.email === 'hadi@batangkab.go.id');
      await api('POST', `/account-requests/${hadi.id}/check`, {}, admin, 200);
      await api('POST', `/account-requests/${hadi.id}/approve`, { approve: false }, admin, 200);

      await until(() => q("SELECT count(*) FROM outbox WHERE status<>'sent'") === '0' || q("SELECT status || ' ' || last_error FROM outbox WHERE status<>'sent'"), 60000, 'all sent');
      await until(() => String(smtp.messages().length) === q('SELECT count(*) FROM outbox') || smtp.messages().length, 20000, 'every message in the maildir');
      const got = inbox(smtp);
      const to = (addr) => got.filter((m) => m.to === addr).map((m) => (templateOfEn(m.subject) ? `en:${templateOfEn(m.subject)}` : `id:${templateOf(m.subject)}`)).sort();
      // (her request tracked on the portal is a ticket too: its closing is told as a ticket's, in her language)
      assert.deepEqual(to('sri@pu.batangkab.go.id'), ['en:account-done', 'en:account-received', 'en:account-returned', 'en:portal-closed', 'en:portal-reply']);
      assert.deepEqual(to('hadi@batangkab.go.id'), ['id:account-received', 'id:account-returned']);
      assert.deepEqual(to('direktur@majujaya.co.id'), ['en:verify-booked', 'en:verify-reminder']);
      assert.deepEqual(to('batal@ptbatal.co.id'), ['en:verify-booked', 'en:verify-cancelled']);
      assert.deepEqual(to('kurang@ptkurang.co.id'), ['id:verify-returned']);
      assert.deepEqual(to('kedua@ptkedua.co.id'), ['en:verify-returned']);
      assert.deepEqual(to('siti@majujaya.co.id'), ['en:training-invite']);   // declined: not told of the move
      assert.deepEqual(to('dewi@majujaya.co.id'), ['en:training-cancelled', 'en:training-invite', 'en:training-moved', 'en:training-seat']);
      assert.deepEqual(to('rudi@pu.batangkab.go.id'), ['id:training-cancelled', 'id:training-invite', 'id:training-moved']);
      assert.deepEqual(to('wati@pu.batangkab.go.id'), ['en:training-invite']);
      // each English one reads right: its template's fixed lines as written, filled, none of the code's Indonesian words
      const enLines = (name) => readFileSync(join(process.cwd(), 'data', `mail-${name}.en.txt`), 'utf8').split('\n').slice(2);
      for (const m of got) {
        const t = templateOfEn(m.subject);
        if (!t) continue;
        const where = `${t} to ${m.to}: ${m.subject}\n${m.body}`;
        assert.match(m.body, /^Dear /, where);
        const lines = new Set(m.body.split('\n'));
        for (const line of enLines(t).filter((l) => !l.includes('{{'))) {
          assert.ok(lines.has(line), `a fixed line not as written: ${line}\n${where}`);
          assert.ok([...line].length <= 78, `a fixed line of ${[...line].length} characters: ${line}`);
        }
        assert.doesNotMatch(m.subject + m.body, /\{\{|\}\}|\(null\)|undefined/, where);
        assert.doesNotMatch(m.subject + m.body, /\b(Yth|Salam|Berkas|Kata sandi|Tautan|Anda|Kuota|Senin|Selasa|Rabu|Kamis|Jumat|Desember|Pendaftaran|tidak ada|aktif)\b/, where);
      }
      const body = (addr, t) => got.find((m) => m.to === addr && templateOfEn(m.subject) === t).body;
      assert.match(body('sri@pu.batangkab.go.id', 'account-received'), /^Request:\s+User ID for a PPK$/m);
      assert.match(body('sri@pu.batangkab.go.id', 'account-received'), /^Received:\s+16 November 2026, 08:00 WIB$/m);
      assert.match(body('sri@pu.batangkab.go.id', 'account-returned'), /\nThese files are not complete yet:\n\n- Decree \(SK\) or assignment letter appointing the candidate\n/);
      assert.match(body('sri@pu.batangkab.go.id', 'account-returned'), /\nNote: Please send the decree\.\n/);
      assert.match(body('sri@pu.batangkab.go.id', 'account-done'), /^Status:\s+active$/m);
      assert.match(body('sri@pu.batangkab.go.id', 'account-done'), /One-time link for the password: http:\/\/\S+\/kredensial\/[0-9a-f]{64}\n\nThe password is never sent by e-mail\./);
      assert.match(body('kedua@ptkedua.co.id', 'verify-returned'), /\(not there\)\n[\s\S]*\(does not match the original\)\n/);
      assert.match(body('dewi@majujaya.co.id', 'training-invite'), /\nThe training is full: you are on the waiting list and will be told when there is a seat\.\n/);
      assert.match(body('siti@majujaya.co.id', 'training-invite'), /\nYou have a seat\.\n/);
      assert.match(body('dewi@majujaya.co.id', 'training-moved'), /^Was:\s+.*\b7 December 2026\b/m);
      assert.match(body('direktur@majujaya.co.id', 'verify-booked'), /^Day:\s+.*\b17 November 2026$/m);
      // what was stored: the requesters' languages, the staff's default at the time; the tracked request's ticket takes its request's
      assert.equal(q("SELECT group_concat(lang, ',') FROM (SELECT lang FROM account_request ORDER BY id)"), 'en,id');
      assert.equal(q("SELECT group_concat(company || '=' || lang, ',') FROM (SELECT company, lang FROM verification ORDER BY id)"),
        'CV Maju Jaya=en,PT Batal=en,PT Kurang=id,PT Kedua=en');
      assert.equal(q("SELECT t.lang FROM portal_ticket t JOIN account_request a ON a.case_id=t.case_id WHERE a.lang='en'"), 'en');
    } finally {
      await s.stop({ keep: true });
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('what Loket writes to staff goes in each one\'s own language (users.lang, else the office\'s default), through exim: SLA warnings and breaches, a requester\'s portal reply, training reminders, breaches and routed questions; an escalation in its requester\'s',
  { timeout: 180000 }, async () => {
    assert.ok(EXIM, 'exim4 is not installed (scripts/deps installs exim4-daemon-light)');
    const { request, login } = await import('./lib.mjs');
    const smtpPort = await freePort();
    const smtp = await startExim(smtpPort);
    const dir = initData();
    const db = join(dir, 'loket.db');
    const q = (sql) => sqlite(db, sql).stdout.trim();
    const PW = 'staff-lang-password-2026';
    // hana and kartini chose English; heru and sekar chose nothing (the office's default, Indonesian)
    const staff = [['hana', 'helpdesk', 'en'], ['heru', 'helpdesk', ''], ['kartini', 'ketua', 'en'], ['sekar', 'sekretaris', '']];
    for (const [u, role] of staff) {
      const r = cli(['user', 'add', u, '--data', dir, '--role', role, '--name', u.toUpperCase(), '--email', `${u}@lpse.example.go.id`], { env: { LOKET_PASSWORD: PW } });
      assert.equal(r.status, 0, r.stderr);
    }
    const conf = `sla_poll_seconds = 3600\nsmtp_url = smtp://127.0.0.1:${smtpPort}\nsmtp_from = Loket LPSE <loket@lpse.test>\nmail_poll_seconds = 1\n`;
    const at = (now, ...args) => { const r = cli([...args, '--data', dir], { env: { LOKET_TEST_NOW: now } }); assert.equal(r.status, 0, r.stderr); return r; };
    let s = await startServer({ dir, conf, env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
    let admin = await login(s.url);
    const api = apiCaller(request, () => s.url, () => admin);
    try {
      for (const [u, , lang] of staff) if (lang) await api('POST', '/me/lang', { lang }, await login(s.url, u, PW), 200);
      // a case staff opened (its requester's mail: the office's default) and a ticket from the portal in English
      const c1 = (await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa unggah dokumen',
        requester: { name: 'Budi Santoso', email: 'budi@cvmaju.co.id' } }, admin, 201)).json.number;
      await api('POST', `/cases/${c1}/steps/1`, { outcome: 'done' }, admin, 200);
      const t = (await api('POST', '/portal/tickets?lang=en', { name: 'Sri Wahyuni', email: 'sri@example.co.id',
        subject: 'Cannot upload the bid', description: 'The upload stops at 90%.' }, undefined, 201)).json;
      // the requester replies on the portal: the helpdesk (the step's actor) is told, each in their language
      await api('POST', `/portal/tickets/${t.token}/replies`, { body: 'Here is the screenshot' }, undefined, 201);
      // both escalated to LKPP, and answered
      for (const n of [c1, t.number]) {
        const x = (await api('POST', `/cases/${n}/escalations`, { title: 'Upload gagal', application: 'SPSE 4.5', type: 'permasalahan',
          description: 'Enkripsi gagal', external_ticket: 'TTS-91' }, admin, 201)).json;
        await api('POST', `/escalations/${x.id}/answer`, { answer: 'Fixed on the LKPP server' }, admin, 200);
      }
      // a training whose preparation falls due, and participants' questions routed to hana and to heru
      const tr = (await api('POST', '/trainings', { title: 'SPSE 4.5 bagi penyedia', description: 'Penawaran', audience: ['penyedia'], capacity: 5,
        venue: 'Ruang pelatihan', facilities: [], trainers: ['Tina'], budget: [],
        sessions: [{ title: 'Penawaran', starts_at: '2026-11-26 08:00', ends_at: '2026-11-26 12:00' }] }, admin, 201)).json.id;
      await api('POST', `/trainings/${tr}/approve`, {}, admin, 200);
      const sess = (await api('GET', `/trainings/${tr}`)).json.sessions[0].id;
      for (const u of ['hana', 'heru']) {
        await api('POST', `/trainings/${tr}/questions`, { session: sess, asker_name: 'Dewi Lestari', asker_agency: 'CV Maju Jaya',
          question: 'Apakah dokumen penawaran bisa diunggah ulang?', email: 'dewi@majujaya.co.id', phone: '081298765432', routed_to: u }, admin, 201);
      }
    } finally { await s.stop({ keep: true }); }
    // the SLA watcher: step 2's warning (08:08), its breach (past 08:10); the training's reminders, then breaches
    for (const now of ['2026-11-16T08:09:00+07:00', '2026-11-16T08:30:00+07:00', '2026-11-18T09:00:00+07:00', '2026-11-25T17:00:00+07:00']) at(now, 'sla', 'run');

    s = await startServer({ dir, conf, env: { LOKET_TEST_NOW: '2026-11-25T17:01:00+07:00' } });
    try {
      await until(() => q("SELECT count(*) FROM outbox WHERE status<>'sent'") === '0' || q("SELECT status || ' ' || last_error FROM outbox WHERE status<>'sent'"), 60000, 'all sent');
      await until(() => String(smtp.messages().length) === q('SELECT count(*) FROM outbox') || smtp.messages().length, 20000, 'every message in the maildir');
      const got = inbox(smtp);
      const kinds = (addr) => [...new Set(got.filter((m) => m.to === addr)
        .map((m) => (templateOfEn(m.subject) ? `en:${templateOfEn(m.subject)}` : `id:${templateOf(m.subject)}`)))].sort();
      const mine = ['portal-requester-reply', 'sla-warning', 'training-reminder', 'training-routed'];
      assert.deepEqual(kinds('hana@lpse.example.go.id'), mine.map((k) => `en:${k}`));
      assert.deepEqual(kinds('heru@lpse.example.go.id'), mine.map((k) => `id:${k}`));
      assert.deepEqual(kinds('kartini@lpse.example.go.id'), ['en:sla-breach', 'en:training-breach']);
      assert.deepEqual(kinds('sekar@lpse.example.go.id'), ['id:sla-breach', 'id:training-breach']);
      assert.deepEqual(kinds('sri@example.co.id').filter((k) => /escalation/.test(k)), ['en:escalation', 'en:escalation-answer']);
      assert.deepEqual(kinds('budi@cvmaju.co.id').filter((k) => /escalation/.test(k)), ['id:escalation', 'id:escalation-answer']);
      const enLines = (name) => readFileSync(join(process.cwd(), 'data', `mail-${name}.en.txt`), 'utf8').split('\n').slice(2);
      const idLines = (name) => readFileSync(join(process.cwd(), 'data', `mail-${name}.txt`), 'utf8').split('\n').slice(2);
      const checked = new Set([...mine, 'sla-breach', 'training-breach', 'escalation', 'escalation-answer']);
      const staffAddr = /^(hana|heru|kartini|sekar)@/;
      for (const m of got.filter((x) => staffAddr.test(x.to) || checked.has(templateOfEn(x.subject) || templateOf(x.subject)))) {
        const en = templateOfEn(m.subject), id = templateOf(m.subject);
        const where = `${en || id} to ${m.to}: ${m.subject}\n${m.body}`;
        assert.ok(checked.has(en || id), where);
        const lines = new Set(m.body.split('\n'));
        for (const line of (en ? enLines(en) : idLines(id)).filter((l) => !l.includes('{{'))) assert.ok(lines.has(line), `a fixed line not as written: ${line}\n${where}`);
        assert.doesNotMatch(m.subject + m.body, /\{\{|\}\}|\(null\)|undefined/, where);
        if (en) {
          assert.match(m.body, /^Dear /, where);
          assert.doesNotMatch(m.subject + m.body, /\b(Yth|Salam|Langkah|langkah|Batas waktu|Perihal|Pemohon|Persiapan|Penanya|nomor tiket|dan|Senin|Selasa|Rabu|Kamis|Januari|Desember)\b/, where);
        } else {
          assert.match(m.body, /^Yth\. /, where);
          assert.doesNotMatch(m.subject + m.body, /\b(Dear|Regards|Step|Due|Subject|requester|Preparation|Head of|Secretary|and|Monday|Wednesday)\b/, where);
        }
      }
      const body = (addr, t) => got.find((m) => m.to === addr && (templateOfEn(m.subject) || templateOf(m.subject)) === t).body;
      assert.match(body('hana@lpse.example.go.id', 'sla-warning'), /^Due:\s+16 November 2026, 08:10 WIB$/m);
      assert.match(body('hana@lpse.example.go.id', 'sla-warning'), /^Step:\s+Receive/m);
      assert.match(body('heru@lpse.example.go.id', 'sla-warning'), /^Batas waktu:\s+16 November 2026, 08\.10 WIB$/m);
      assert.match(body('kartini@lpse.example.go.id', 'sla-breach'), /\(Head of LPSE \(Ketua\) and Secretary \(Sekretaris\)\)/);
      assert.match(body('sekar@lpse.example.go.id', 'sla-breach'), /\(Ketua LPSE dan Sekretaris\)/);
      assert.match(body('hana@lpse.example.go.id', 'training-reminder'), /^Preparation:\s+Participants' attendance confirmed$/m);
      assert.match(body('heru@lpse.example.go.id', 'training-reminder'), /^Persiapan:\s+Konfirmasi kehadiran peserta$/m);
      assert.match(body('hana@lpse.example.go.id', 'portal-requester-reply'), /^Here is the screenshot$/m);
      assert.match(body('sri@example.co.id', 'escalation'), /^Passed on to:\s+LKPP Helpdesk, ticket number TTS-91$/m);
      assert.match(body('budi@cvmaju.co.id', 'escalation'), /^Diteruskan ke:\s+Helpdesk LKPP, nomor tiket TTS-91$/m);
    } finally {
      await s.stop({ keep: true });
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
