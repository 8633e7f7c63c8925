// The help desk's mailbox read over IMAP against a real server (Debian's dovecot-imapd, started
// here in the foreground with its own configuration, users and maildir in a temp folder): a new
// question becomes an OI-02 case (subject, requester, the message attached, audited) and is
// marked read; the same message again (its Message-ID) makes no second case; a reply naming
// the case from its requester lands on that case as the portal's reply does, from a stranger it
// is a new case; the server down or a wrong password is shown in the settings, and the mail is
// read once it is back; a message without a sender is flagged, not retried; the settings are
// checked field by field and audited, the password never shown. Messages are chosen by UID above
// the office's mark, not by \Seen: one a person read before the poll is taken; the server killed
// (SIGKILL) in the middle of a batch and started again takes each message exactly once; a new
// UIDVALIDITY takes the unread messages then and every one after, none twice. Each refusal is
// audited; a server that keeps no keyword (dovecot's ACL) is read by the mark alone; a \Seen the
// server refuses (a proxy in front of dovecot answers NO) is a warning, not a poll error; a folder
// named "Masuk-Tiket ü" is selected by its modified UTF-7 name. A new question is acknowledged to
// its sender (its number, a private link that opens it, their language) and its text read from
// quoted-printable, base64, HTML or multipart; an automatic message (out of office, bounce) is
// flagged: no case, no reply on a case, nothing mailed back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, chmodSync, chownSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { PG, startServer, login, request, webSession, cli, sleep, freePort, sameDbFolder, sqlite } from './lib.mjs';

const DOVECOT = ['/usr/sbin/dovecot'].find((p) => existsSync(p));
// a picture of one pixel (libmagic reads it as image/png) and a Windows program (a PE header)
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFQ5EAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const EXE = (() => {
  const b = Buffer.alloc(0x80 + 206);
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000000000000000000000000000000000000000000000000000' +
    '80000000', 'hex').copy(b);
  Buffer.from('504500004c01', 'hex').copy(b, 0x80);
  return b.toString('base64');
})();
const PASSWORD = 'kotak-masuk-2026';

// 1 when something accepts connections on port.
const listening = (port) => new Promise((res) => {
  const c = net.connect(port, '127.0.0.1', () => { c.end(); res(true); });
  c.on('error', () => res(false));
});

// The users dovecot runs as: itself (not root: dovecot refuses root for its login and mail
// processes), else the test's own user.
function dovecotUsers() {
  if (process.getuid() !== 0) { const u = userInfo().username; return { internal: u, login: u, mail: u, uid: process.getuid(), gid: process.getgid() }; }
  const id = (flag, u) => Number(spawnSync('id', [flag, u], { encoding: 'utf8' }).stdout.trim());
  return { internal: 'dovecot', login: 'dovenull', mail: 'dovecot', uid: id('-u', 'dovecot'), gid: id('-g', 'dovecot') };
}

// Dovecot on a free port with its own folder: {port, start(), stop(), curl(args)}; with acl the
// rights the user has on INBOX (dovecot's ACL plugin: "lrs" reads and sets \Seen, keeps no keyword).
async function makeDovecot({ acl } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-imap-'));
  chmodSync(dir, 0o755);
  const u = dovecotUsers();
  for (const d of ['base', 'mail']) mkdirSync(join(dir, d));
  chmodSync(join(dir, 'mail'), 0o755);
  chownSync(join(dir, 'mail'), u.uid, u.gid);
  writeFileSync(join(dir, 'passwd'), `loket:{PLAIN}${PASSWORD}::::${dir}/mail/loket::\n`);
  const port = await freePort();
  const conf = join(dir, 'dovecot.conf');
  if (acl) writeFileSync(join(dir, 'acl'), `INBOX user=loket ${acl}\n`);
  writeFileSync(conf, `${acl ? `mail_plugins = acl\nplugin {\n  acl = vfile:${dir}/acl\n}\n` : ''}base_dir = ${dir}/base
state_dir = ${dir}/base
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${u.internal}
default_login_user = ${u.login}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${u.uid}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
  default_fields = uid=${u.mail} gid=${u.gid} home=${dir}/mail/%u
}
`);
  let proc = null, delivered = 0;
  const d = {
    dir, port,
    async start() {
      proc = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      proc.stderr.on('data', (x) => { err += x; });
      for (let i = 0; !(await listening(port)); i++) {
        if (proc.exitCode !== null || i > 100) throw new Error(`dovecot did not start: ${err}`);
        await sleep(100);
      }
    },
    async stop() {
      if (!proc) return;
      const p = proc;
      proc = null;
      const exited = new Promise((res) => p.on('exit', res));
      p.kill('SIGTERM');
      await exited;
      for (let i = 0; (await listening(port)) && i < 50; i++) await sleep(100);
    },
    // curl speaking IMAP to it as the mailbox's user: {status, stdout}
    curl(args) {
      const r = spawnSync('curl', ['-s', '-u', `loket:${PASSWORD}`, ...args], { encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout };
    },
    // deliver a new message as a mail server does, into the maildir: unread in new/, or in cur/
    // already read when seen (as a person reading the mailbox leaves it); its UID
    append(raw, { seen = false } = {}) {
      const box = join(dir, 'mail', 'loket');
      if (!existsSync(join(box, 'new'))) this.flags();   // the first login makes the mailbox
      const name = `${Date.now()}.${process.pid}_${++delivered}.loket-test`;
      const f = seen ? join(box, 'cur', `${name}:2,S`) : join(box, 'new', name);
      writeFileSync(f, raw.replace(/\r?\n/g, '\r\n'));
      chownSync(f, u.uid, u.gid);
      return Math.max(...Object.keys(this.flags()).map(Number));
    },
    // the mailbox's UIDVALIDITY
    uidvalidity() {
      const r = this.curl([`imap://127.0.0.1:${port}/`, '-X', 'STATUS INBOX (UIDVALIDITY)']);
      return Number(r.stdout.match(/UIDVALIDITY (\d+)/)[1]);
    },
    // the flags of every message: {uid: 'Seen Flagged …'}
    flags() {
      const r = this.curl([`imap://127.0.0.1:${port}/INBOX`, '-X', 'UID FETCH 1:* (FLAGS)']);
      const out = {};
      for (const m of r.stdout.matchAll(/FETCH \((?:UID (\d+) FLAGS \(([^)]*)\)|FLAGS \(([^)]*)\) UID (\d+))/g)) {
        out[m[1] || m[4]] = (m[2] ?? m[3]).replace(/\\/g, '');
      }
      return out;
    },
    store(uid, how) {
      const r = this.curl([`imap://127.0.0.1:${port}/INBOX`, '-X', `UID STORE ${uid} ${how}`]);
      assert.equal(r.status, 0, `STORE ${how}`);
    },
    remove() { rmSync(dir, { recursive: true, force: true }); },
  };
  await d.start();
  return d;
}

let s, token, imap;
before(async () => {
  assert.ok(DOVECOT, 'dovecot is not installed (scripts/deps installs dovecot-imapd)');
  imap = await makeDovecot();
  s = await startServer({ conf: 'attachment_limit = 200000\n' });   // a message bigger is refused, not read whole
  token = await login(s.url);
});
after(async () => {
  if (s) await s.stop();
  if (imap) { await imap.stop(); imap.remove(); }
});

const api = (method, path, body) => request(s.url, method, path, { token, body });
// The mailbox's state; its messages (Loket's own) in lang, English unless asked.
const inbox = (lang = 'en') => api('GET', `/api/v1/mail/inbox?lang=${lang}`);

// Wait until the mailbox was polled after `since` (ms) and check() holds (or throw with what is seen).
async function polled(check = () => true, { since = Date.now(), ms = 20000 } = {}) {
  let r;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(250)) {
    r = await inbox();
    if (r.json.last_poll_at && Date.parse(r.json.last_poll_at) >= Math.floor(since / 1000) * 1000 && await check(r.json)) return r.json;
  }
  throw new Error(`not polled as expected: ${JSON.stringify(r && r.json)}`);
}

// The office's cases whose subject holds q.
async function cases(q) {
  const r = await api('GET', `/api/v1/cases?q=${encodeURIComponent(q)}&limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.cases;
}

const question = (mid, from, subject, body = 'Halo, akun saya terkunci sejak pagi.') => `From: ${from}
To: helpdesk@lpse.test
Subject: ${subject}
Message-ID: <${mid}>
Date: Mon, 23 Nov 2026 08:00:00 +0700
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

${body}
`;

test('the settings: each field checked and named, audited, the password never shown', async () => {
  let r = await inbox();
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { url: '', user: '', password_set: false, poll_seconds: 60, enabled: false, last_poll_at: null,
    last_error: '', last_warning: '', last_refused: '', updated_at: null, updated_by: null });
  r = await api('PATCH', '/api/v1/mail/inbox', { url: 'http://mail.lpse.test/INBOX', user: 'a\tb', password: 'x'.repeat(128), poll_seconds: 2 });
  assert.equal(r.status, 400);
  const fields = (r.json.error.fields || [r.json.error]).map((e) => e.field).sort();
  assert.deepEqual(fields, ['password', 'poll_seconds', 'url', 'user'], r.text);
  for (const [url, why] of [['imap://user@mail.lpse.test/INBOX', /Nama pengguna diisi di kolomnya sendiri/],
    ['imaps://mail.lpse.test:99999/INBOX', /Port harus/], ['imap:///INBOX', /tidak menyebut server/], ['imap://mail.lpse.test/INBOX;UID=1', /kotak suratnya saja/]]) {
    r = await api('PATCH', '/api/v1/mail/inbox', { url });
    assert.equal(r.status, 400, url);
    assert.equal(r.json.error.field, 'url');
    assert.match(r.json.error.message, why);
  }
  // reading needs the address, the user and the password
  r = await api('PATCH', '/api/v1/mail/inbox', { enabled: true });
  assert.equal(r.status, 400);
  assert.deepEqual((r.json.error.fields || [r.json.error]).map((e) => e.field).sort(), ['password', 'url', 'user']);
  r = await api('PATCH', '/api/v1/mail/inbox', { enabled: 'ya' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enabled');
  // nothing was stored by the refusals
  assert.equal((await inbox()).json.updated_at, null);
  // the Indonesian page names the field too
  const web = await webSession(s.url);
  const page = await web.post('/pengaturan/kotak-masuk', { csrf: web.csrf, url: 'ftp://x', user: 'loket', password: '', poll_seconds: '60' });
  assert.equal(page.status, 400);
  assert.match(page.text, /Berikan alamat imap:\/\/ atau imaps:\/\//);
});

test('a new question becomes a case with the message attached, audited, and is marked read', async () => {
  const since = Date.now();
  let r = await api('PATCH', '/api/v1/mail/inbox', { url: `imap://127.0.0.1:${imap.port}/INBOX`, user: 'loket', password: PASSWORD,
    poll_seconds: 5, enabled: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.password_set, true);
  assert.equal(r.json.enabled, true);
  assert.doesNotMatch(r.text, new RegExp(PASSWORD));
  const audit = await api('GET', '/api/v1/audit?action=mail.inbox');
  assert.equal(audit.json.rows.length, 1, audit.text);
  assert.match(audit.json.rows[0].detail, /url=imap:\/\/127\.0\.0\.1:\d+\/INBOX; user=loket; password changed; poll_seconds=5; enabled=true/);
  assert.doesNotMatch(audit.text, new RegExp(PASSWORD));
  // a question with a file, as mail programs write it
  imap.append(`From: =?UTF-8?Q?Budi_Santoso?= <budi@penyedia.test>
To: helpdesk@lpse.test
Subject: Akun SPSE terkunci setelah salah kata sandi
Message-ID: <q1.budi@penyedia.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8

Akun saya terkunci, mohon dibuka.
--b1
Content-Type: image/png; name="layar.png"
Content-Disposition: attachment; filename="layar.png"
Content-Transfer-Encoding: base64

${PNG}
--b1--
`);
  await polled(async () => (await cases('Akun SPSE terkunci')).length === 1, { since });
  const [c] = await cases('Akun SPSE terkunci');
  r = await api('GET', `/api/v1/cases/${c.number}`);
  assert.equal(r.json.channel, 'email');
  assert.equal(r.json.subject, 'Akun SPSE terkunci setelah salah kata sandi');
  assert.equal(r.json.requester.name, 'Budi Santoso');
  assert.equal(r.json.steps[0].done_at !== null, true, 'step 1 done');
  const att = await api('GET', `/api/v1/cases/${c.number}/attachments`);
  assert.deepEqual(att.json.attachments.map((a) => a.name), ['pesan.eml']);
  const a2 = await api('GET', `/api/v1/audit?action=helpdesk.email&object=${encodeURIComponent(c.number)}`);
  assert.equal(a2.json.rows.length, 1);
  assert.equal(a2.json.rows[0].actor, 'system');
  assert.equal(a2.json.rows[0].detail, 'budi@penyedia.test');
  assert.match(imap.flags()['1'], /Seen/);
  const st = (await inbox()).json;
  assert.equal(st.last_error, '');

  // the same message again (its Message-ID: sent twice, copied back): no second case, marked read
  const copy = imap.append(`From: Budi <budi@penyedia.test>
To: helpdesk@lpse.test
Subject: Akun SPSE terkunci setelah salah kata sandi
Message-ID: <q1.budi@penyedia.test>
Content-Type: text/plain; charset=UTF-8

Akun saya terkunci, mohon dibuka.
`);
  const again = Date.now();
  await polled(() => /Seen/.test(imap.flags()[copy]), { since: again });
  assert.equal((await cases('Akun SPSE terkunci')).length, 1);
  // unread again by a person: below the mark, not read again
  imap.store(1, '-FLAGS (\\Seen)');
  const later = Date.now();
  await polled(() => true, { since: later + 1000 });
  assert.doesNotMatch(imap.flags()['1'], /Seen/);
  assert.equal((await cases('Akun SPSE terkunci')).length, 1);
  imap.store(1, '+FLAGS (\\Seen)');
});

test('a reply naming the case from its requester lands on the case; from a stranger it is a new case', async () => {
  const [c] = await cases('Akun SPSE terkunci');
  const since = Date.now();
  imap.append(question('r1.budi@penyedia.test', 'Budi <BUDI@penyedia.test>', `Re: Tiket ${c.number}: Akun SPSE terkunci`,
    'Terima kasih, sudah bisa masuk lagi.'));
  imap.append(question('r1.orang@lain.test', 'Orang Lain <orang@lain.test>', `Re: Tiket ${c.number}: Akun SPSE terkunci`,
    'Saya juga mengalami hal yang sama.'));
  await polled(async () => (await cases('Akun SPSE terkunci')).length === 2, { since });
  const list = await cases('Akun SPSE terkunci');
  const other = list.find((x) => x.number !== c.number);
  assert.equal((await api('GET', `/api/v1/cases/${other.number}`)).json.requester.name, 'Orang Lain');
  // the requester's reply: on the case as the portal's, its file attached, its text in the thread
  const a = await api('GET', `/api/v1/audit?action=portal.reply&object=${encodeURIComponent('case:' + c.number)}`);
  assert.equal(a.json.rows.length, 1, a.text);
  // it came by mail, not through the portal's pages: the audit says so, no address of a visitor
  assert.deepEqual([a.json.rows[0].actor, a.json.rows[0].ip], ['mail', ''], a.text);
  const att = await api('GET', `/api/v1/cases/${c.number}/attachments`);
  assert.deepEqual(att.json.attachments.map((x) => x.name).sort(), ['balasan.eml', 'pesan.eml']);
  const web = await webSession(s.url);
  const page = await web.get(`/kasus/${c.number}`);
  assert.match(page.text, /Terima kasih, sudah bisa masuk lagi\./);
  assert.doesNotMatch(page.text, /Saya juga mengalami/);
  let f = imap.flags();
  assert.ok(Object.values(f).every((x) => /Seen/.test(x)), JSON.stringify(f));

  // staff answer in the thread (mailed to the requester); the requester's answer to that mail,
  // its subject without the number, is known by In-Reply-To naming the mail Loket sent
  let r = await api('POST', `/api/v1/cases/${c.number}/portal`, { body: 'Akun sudah kami buka kembali.' });
  assert.equal(r.status, 201, r.text);
  const out = (await api('GET', '/api/v1/mail/outbox?limit=5')).json.messages.find((m) => m.to.toLowerCase() === 'budi@penyedia.test');
  assert.ok(out, 'the answer is mailed to the requester');
  const since2 = Date.now();
  imap.append(`From: Budi <budi@penyedia.test>
To: helpdesk@lpse.test
Subject: Re: jawaban
Message-ID: <r2.budi@penyedia.test>
In-Reply-To: <loket.${out.id}.0123456789abcdef@localhost>
Content-Type: text/plain; charset=UTF-8

Baik, terima kasih banyak.
`);
  await polled(async () => {
    const t = await api('GET', `/api/v1/cases/${c.number}/portal`);
    return t.json.messages.some((m) => m.body === 'Baik, terima kasih banyak.');
  }, { since: since2 });
  r = await api('GET', `/api/v1/cases/${c.number}/portal`);
  // the question itself first (its text part, the picture beside it left to pesan.eml), then the replies
  assert.deepEqual(r.json.messages.map((m) => [m.author, m.attachment_id !== null]), [['requester', false], ['requester', true], ['staff', false], ['requester', true]]);
  assert.equal(r.json.messages[0].body, 'Akun saya terkunci, mohon dibuka.');
  assert.equal((await cases('jawaban')).length, 0, 'no new case');
  f = imap.flags();
  assert.ok(Object.values(f).every((x) => /Seen/.test(x)), JSON.stringify(f));
});

test('a message that cannot become a case is flagged and reported, not taken again', async () => {
  const since = Date.now();
  imap.append(`To: helpdesk@lpse.test
Subject: Tanpa pengirim
Message-ID: <nofrom@lpse.test>

Isi.
`);
  const st = await polled((j) => j.last_refused !== '', { since });
  assert.match(st.last_refused, /nofrom@lpse\.test.*from_email/);
  // the refusal's own message in the reader's language too, the message's name as it came
  const refusedId = (await inbox('id')).json.last_refused;
  assert.match(refusedId, /^UID \d+ \(<nofrom@lpse\.test>\): from_email: /);
  assert.notEqual(refusedId, st.last_refused);
  const uid = Object.keys(imap.flags()).pop();
  assert.match(imap.flags()[uid], /Flagged/);
  assert.doesNotMatch(imap.flags()[uid], /Seen/);
  assert.equal((await cases('Tanpa pengirim')).length, 0);
  // one bigger than the attachment limit: not read whole, flagged too
  const since2 = Date.now();
  const big = imap.append(question('big@penyedia.test', 'Besar <besar@penyedia.test>', 'Lampiran terlalu besar',
    ('x'.repeat(75) + '\n').repeat(4000)));
  const st2 = await polled((j) => /bigger than the attachment limit/.test(j.last_refused), { since: since2 });
  assert.match(st2.last_refused, new RegExp(`^UID ${big}: `));
  // in the reader's language, the UID and the limit as they are
  assert.equal((await inbox('id')).json.last_refused, `UID ${big}: pesan lebih besar dari batas lampiran (200000 byte)`);
  assert.match(imap.flags()[big], /Flagged/);
  assert.doesNotMatch(imap.flags()[big], /Seen/);
  assert.equal((await cases('Lampiran terlalu besar')).length, 0);
  // neither is taken again: the polls after leave them as they are
  const again = Date.now();
  await polled(() => true, { since: again + 1000 });
  assert.equal((await inbox()).json.last_error, '');
  assert.equal((await cases('Lampiran terlalu besar')).length, 0);
  // each refusal audited once, by the system, why in its detail
  const a = await api('GET', '/api/v1/audit?action=mail.refused');
  assert.equal(a.status, 200, a.text);
  assert.deepEqual(a.json.rows.map((x) => [x.actor, x.object]).reverse(), [['system', 'office:1'], ['system', 'office:1']], a.text);
  const details = a.json.rows.map((x) => x.detail).sort();
  assert.match(details.find((d) => /nofrom/.test(d)), /^UID \d+ \(<nofrom@lpse\.test>\): from_email: /);
  assert.equal(details.find((d) => /bigger/.test(d)), `UID ${big}: the message is bigger than the attachment limit (200000 bytes)`);
  assert.equal(a.json.rows.length, 2);
});

test('a refusal that says a limit is said in the reader\'s language with its number', async () => {
  const since = Date.now();
  const uid = imap.append(question('longname@penyedia.test', `${'Nama Sangat Panjang '.repeat(8)}<panjang@penyedia.test>`,
    'Nama pengirim terlalu panjang'));
  const st = await polled((j) => /longname/.test(j.last_refused), { since });
  assert.equal(st.last_refused, `UID ${uid} (<longname@penyedia.test>): from_name: is longer than 120 characters`);
  assert.equal((await inbox('id')).json.last_refused,
    `UID ${uid} (<longname@penyedia.test>): from_name: lebih panjang dari 120 karakter`);
  const a = await api('GET', '/api/v1/audit?action=mail.refused');
  assert.ok(a.json.rows.some((x) => x.detail === st.last_refused), 'audited in English, its number in it');
  assert.match(imap.flags()[uid], /Flagged/);
});

test('a question while the help desk\'s procedure is retired is refused naming it, in the reader\'s language', async () => {
  const p = (await api('GET', '/api/v1/sops/OI-02')).json;
  assert.equal((await api('POST', '/api/v1/sops/OI-02/retire')).status, 200);
  try {
    const since = Date.now();
    const uid = imap.append(question('retired@penyedia.test', 'Rina <rina.retired@penyedia.test>', 'Jadwal tender'));
    const st = await polled((j) => /retired@penyedia/.test(j.last_refused), { since });
    assert.equal(st.last_refused, `UID ${uid} (<retired@penyedia.test>): sop: The procedure ${p.code} (${p.title_en}) is retired: no new case can be opened under it`);
    assert.equal((await inbox('id')).json.last_refused,
      `UID ${uid} (<retired@penyedia.test>): sop: Prosedur ${p.code} (${p.title}) dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya`);
    const a = await api('GET', '/api/v1/audit?action=mail.refused');
    assert.ok(a.json.rows.some((x) => x.detail === st.last_refused), 'audited in English, the procedure named');
  } finally {
    assert.equal((await api('POST', '/api/v1/sops/OI-02/restore')).status, 200);
  }
});

// The outbox's rows to an address, oldest first: {subject, body}.
function mailedTo(addr) {
  const r = sqlite(join(s.dir, 'loket.db'), `SELECT id FROM outbox WHERE to_addr='${addr}' ORDER BY id`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((id) => ({
    subject: sqlite(join(s.dir, 'loket.db'), `SELECT subject FROM outbox WHERE id=${id}`).stdout.replace(/\n$/, ''),
    body: sqlite(join(s.dir, 'loket.db'), `SELECT body FROM outbox WHERE id=${id}`).stdout,
  }));
}

test('a new question is acknowledged to its sender: its number, a private link that opens it, their language; its text read from any encoding', async () => {
  const since = Date.now();
  imap.append(question('ack.en@vendor.test', '"Smith, John" <john@vendor.test>', 'Question about registration',
    'Hello, how do I register as a provider? Thank you.'));
  imap.append(`From: Budi <budi.qp@penyedia.test>
To: helpdesk@lpse.test
Subject: =?UTF-8?B?UGVydGFueWFhbiB0ZW50YW5nIMOpLXRlbmRlcmluZw==?=
Message-ID: <ack.qp@penyedia.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Mohon bantuan, saya tidak bisa login. Pesan galat: =E2=80=9Cakun=
 terkunci=E2=80=9D.
`);
  imap.append(`From: Siti <siti.b64@dinas.test>
To: helpdesk@lpse.test
Subject: =?iso-8859-1?Q?Kata_sandi_caf=E9?=
Message-ID: <ack.b64@dinas.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

${Buffer.from('Bagaimana cara mengganti kata sandi? Terima kasih.').toString('base64')}
`);
  imap.append(`From: Rudi <rudi.html@vendor.test>
To: helpdesk@lpse.test
Subject: Paket tidak muncul
Message-ID: <ack.html@vendor.test>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8

<html><head><style>p { color: red }</style></head><body><p>Halo, <b>paket</b> saya&nbsp;tidak muncul.</p></body></html>
`);
  imap.append(`From: Dewi <dewi.alt@vendor.test>
To: helpdesk@lpse.test
Subject: Jadwal lelang
Message-ID: <ack.alt@vendor.test>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-1"

--alt-1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Halo, apakah jadwal lelang berubah=3F
--alt-1
Content-Type: text/html; charset=UTF-8

<p>Halo, apakah jadwal lelang <i>berubah</i>?</p>
--alt-1--
`);
  const subjects = ['Question about registration', 'Pertanyaan tentang é-tendering', 'Kata sandi café', 'Paket tidak muncul', 'Jadwal lelang'];
  await polled(async () => {
    for (const q of subjects) if ((await cases(q)).length !== 1) return false;
    return true;
  }, { since });
  const texts = ['Hello, how do I register as a provider? Thank you.', 'Mohon bantuan, saya tidak bisa login. Pesan galat: “akun terkunci”.',
    'Bagaimana cara mengganti kata sandi? Terima kasih.', 'Halo, paket saya tidak muncul.', 'Halo, apakah jadwal lelang berubah?'];
  const senders = ['john@vendor.test', 'budi.qp@penyedia.test', 'siti.b64@dinas.test', 'rudi.html@vendor.test', 'dewi.alt@vendor.test'];
  for (let i = 0; i < subjects.length; i++) {
    const [c] = await cases(subjects[i]);
    const t = await api('GET', `/api/v1/cases/${c.number}/portal`);
    assert.equal(t.status, 200, t.text);
    assert.deepEqual(t.json.messages.map((m) => [m.author, m.body]), [['requester', texts[i]]], subjects[i]);
    // one acknowledgement, the number in its subject (a reply lands on the case), in the sender's language
    const mails = mailedTo(senders[i]);
    assert.equal(mails.length, 1, senders[i]);
    assert.equal(mails[0].subject, `${i === 0 ? 'Ticket' : 'Tiket'} ${c.number}: ${subjects[i]}`);
    assert.match(mails[0].body, i === 0 ? /^Dear Smith, John,\n\nWe have received your e-mail and recorded it as ticket/ : /^Yth\. .*,\n\nE-mail Anda telah kami terima/);
    assert.match(mails[0].body, /\/portal\/lacak\?number=/);
    assert.doesNotMatch(mails[0].body, /\{\{|\}\}/, 'every name of the template filled');
    // the private link, absolute, opens the ticket on the portal: the question, no staff note
    const link = mails[0].body.match(/(http:\/\/\S+)(\/portal\/t\/[0-9a-f]{64})/);
    assert.ok(link, mails[0].body);
    const page = await request(s.url, 'GET', link[2] + (i === 0 ? '?lang=en' : ''));
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(c.number));
    // opened in the language it was written in
    if (i === 0) {
      assert.ok(mails[0].body.includes(`${link[0]}?lang=en`), mails[0].body);
      assert.match(mails[0].body, /\/portal\/lacak\?number=[^\s]+&lang=en /);
      assert.match(page.text, /Your ticket/);
    } else assert.match(page.text, /Tiket Anda/);
    assert.doesNotMatch(page.text, /E-mail diterima/);
  }
  // the staff's case page says how it came, and the first step's note, in the reader's language
  const [c0] = await cases(subjects[0]);
  const web = await webSession(s.url);
  const id = await web.get(`/kasus/${c0.number}`);
  assert.match(id.text, /Masuk melalui e-mail/);
  assert.match(id.text, /E-mail diterima/);
  const en = await web.get(`/kasus/${c0.number}?lang=en`);
  assert.match(en.text, /Came by e-mail/);
  assert.match(en.text, /E-mail received/);
  assert.doesNotMatch(en.text, /E-mail diterima|Masuk melalui/);
});

test('a mail without a name from an address the directory knows is that person\'s case, named as the directory names them', async () => {
  const d = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Hendra Wijaya', email: 'hendra@majujaya.test' });
  assert.equal(d.status, 201, d.text);
  const since = Date.now();
  imap.append(question('known.bare@majujaya.test', 'hendra@majujaya.test', 'Jadwal pembuktian kualifikasi', 'Kapan jadwal pembuktian kualifikasi?'));
  imap.append(question('unknown.bare@baru.test', 'orang.baru@baru.test', 'Pertanyaan orang baru', 'Bagaimana cara mendaftar?'));
  await polled(async () => (await cases('Jadwal pembuktian kualifikasi')).length === 1 && (await cases('Pertanyaan orang baru')).length === 1, { since });
  const [c] = await cases('Jadwal pembuktian kualifikasi');
  assert.equal((await api('GET', `/api/v1/cases/${c.number}`)).json.requester.name, 'Hendra Wijaya');
  const entry = await api('GET', `/api/v1/directory/${d.json.id}`);
  assert.deepEqual(entry.json.cases.map((x) => x.number), [c.number], entry.text);
  assert.match(mailedTo('hendra@majujaya.test')[0].body, /^Yth\. Hendra Wijaya,/);
  // one the directory does not know is named by the address, as before
  const [o] = await cases('Pertanyaan orang baru');
  assert.equal((await api('GET', `/api/v1/cases/${o.number}`)).json.requester.name, 'orang.baru@baru.test');
});

test('a known address under another display name or in capitals is the same person; a provider\'s own address is its case', async () => {
  const d = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Budi', email: 'budi@example.co.id' });
  assert.equal(d.status, 201, d.text);
  const org = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Karya Surel',
    npwp: '02.345.678.9-012.000', email: 'kantor@karyasurel.test' });
  assert.equal(org.status, 201, org.text);
  const since = Date.now();
  imap.append(question('budi.other.name@example.co.id', 'Budi Santoso <budi@example.co.id>', 'Budi nama lain', 'Halo.'));
  imap.append(question('budi.capitals@example.co.id', 'BUDI@Example.co.id', 'Budi huruf besar', 'Halo.'));
  imap.append(question('rina.provider@karyasurel.test', 'Rina Kusuma <Kantor@KaryaSurel.test>', 'Dari kantor penyedia', 'Halo.'));
  const all = ['Budi nama lain', 'Budi huruf besar', 'Dari kantor penyedia'];
  await polled(async () => (await Promise.all(all.map(cases))).every((x) => x.length === 1), { since });
  const entries = (await api('GET', '/api/v1/directory?q=budi%40example.co.id')).json.entries;
  assert.deepEqual(entries.map((x) => [x.id, x.name]), [[d.json.id, 'Budi']], 'one entry, not renamed');
  assert.equal((await api('GET', `/api/v1/directory/${d.json.id}`)).json.cases.length, 2);
  const [p] = await cases('Dari kantor penyedia');
  const c = (await api('GET', `/api/v1/cases/${p.number}`)).json;
  assert.equal(c.requester.org, 'CV Karya Surel');
  assert.equal(c.requester.name, 'Rina Kusuma');
  const people = (await api('GET', `/api/v1/directory?kind=person&agency=${org.json.id}`)).json.entries;
  assert.deepEqual(people.map((x) => [x.name, x.email ?? null]), [['Rina Kusuma', null]], 'one of its people, without its address');
});

test('an automatic message (an out-of-office reply, a bounce, a bulk mail) opens no case, lands on none, is answered by nothing', async () => {
  const [c] = await cases('Question about registration');
  const before = (await api('GET', '/api/v1/mail/outbox?limit=100')).json.messages.length;
  const refusedBefore = (await api('GET', '/api/v1/audit?action=mail.refused')).json.rows.length;
  const since = Date.now();
  const ooo = imap.append(`From: "Smith, John" <john@vendor.test>
To: helpdesk@lpse.test
Subject: Automatic reply: Ticket ${c.number}: Question about registration
Message-ID: <auto.ooo@vendor.test>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=UTF-8

I am out of the office until Monday.
`);
  const bounce = imap.append(`From: Mail Delivery System <MAILER-DAEMON@mx.vendor.test>
To: helpdesk@lpse.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <auto.bounce@mx.vendor.test>
Content-Type: text/plain; charset=UTF-8

This is the mail system. Your message could not be delivered.
`);
  const bulk = imap.append(`From: Berita <berita@vendor.test>
To: helpdesk@lpse.test
Subject: Kabar mingguan
Message-ID: <auto.bulk@vendor.test>
Precedence: bulk
Content-Type: text/plain; charset=UTF-8

Kabar minggu ini.
`);
  const st = await polled((j) => /auto\.bulk/.test(j.last_refused), { since });
  assert.equal(st.last_refused, `UID ${bulk} (<auto.bulk@vendor.test>): an automatic message (an out-of-office reply, a delivery failure): it opens no case and is added to none`);
  assert.match((await inbox('id')).json.last_refused, /pesan otomatis/);
  for (const uid of [ooo, bounce, bulk]) assert.match(imap.flags()[uid], /Flagged/);
  assert.equal((await cases('Undelivered Mail')).length, 0);
  assert.equal((await cases('Kabar mingguan')).length, 0);
  const t = await api('GET', `/api/v1/cases/${c.number}/portal`);
  assert.equal(t.json.messages.length, 1, 'the out-of-office is not in the thread');
  assert.equal((await api('GET', '/api/v1/mail/outbox?limit=100')).json.messages.length, before, 'nothing mailed back');
  const a = await api('GET', '/api/v1/audit?action=mail.refused');
  assert.equal(a.json.rows.length, refusedBefore + 3, a.text);
});

test('a reply to the acknowledgement lands on its case by In-Reply-To, its own words in the thread without the mail it quotes', async () => {
  const [c] = await cases('Question about registration');
  const r = sqlite(join(s.dir, 'loket.db'), "SELECT id FROM outbox WHERE to_addr='john@vendor.test' ORDER BY id LIMIT 1");
  const ackId = r.stdout.trim();
  assert.ok(ackId, r.stderr);
  const since = Date.now();
  imap.append(`From: "Smith, John" <john@vendor.test>
To: helpdesk@lpse.test
Subject: Re: my question
Message-ID: <ack.reply@vendor.test>
In-Reply-To: <loket.${ackId}.0123456789abcdef@localhost>
References: <loket.${ackId}.0123456789abcdef@localhost>
Content-Type: text/plain; charset=UTF-8

Thanks. Where is the manual?

On Tue, 24 Nov 2026 at 19:30, Loket
<loket@localhost> wrote:
> Dear Smith, John,
>
> http://127.0.0.1/portal/t/${'a'.repeat(64)}
`);
  imap.append(`From: "Smith, John" <john@vendor.test>
To: helpdesk@lpse.test
Subject: RE: Ticket ${c.number}: Question about registration
Message-ID: <ack.reply2@vendor.test>
Content-Type: text/plain; charset=UTF-8

Found it, thank you.

-----Original Message-----
From: loket@localhost
Subject: Ticket ${c.number}: Question about registration
`);
  await polled(async () => (await api('GET', `/api/v1/cases/${c.number}/portal`)).json.messages.length === 3, { since });
  const t = await api('GET', `/api/v1/cases/${c.number}/portal`);
  assert.deepEqual(t.json.messages.slice(1).map((m) => [m.author, m.body]),
    [['requester', 'Thanks. Where is the manual?'], ['requester', 'Found it, thank you.']]);
  assert.equal((await cases('my question')).length, 0, 'no new case');
});

test('a reply to a closed case: an out-of-office leaves it closed; its requester\'s reopens it and they are told so by mail', async () => {
  const [c] = await cases('Question about registration');
  for (const [no, outcome] of [[2, 'yes'], [3, 'done']]) {
    const r = await api('POST', `/api/v1/cases/${c.number}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal((await api('GET', `/api/v1/cases/${c.number}`)).json.status, 'closed');
  let since = Date.now();
  imap.append(`From: "Smith, John" <john@vendor.test>
To: helpdesk@lpse.test
Subject: Automatic reply: Ticket ${c.number} closed: Question about registration
Message-ID: <closed.ooo@vendor.test>
Auto-Submitted: auto-replied

I am out of the office.
`);
  await polled((j) => /closed\.ooo/.test(j.last_refused), { since });
  assert.equal((await api('GET', `/api/v1/cases/${c.number}`)).json.status, 'closed', 'an out-of-office reopens nothing');
  since = Date.now();
  imap.append(question('closed.reply@vendor.test', '"Smith, John" <john@vendor.test>', `Re: Ticket ${c.number}: Question about registration`,
    'Sorry, the manual link does not work.'));
  await polled(async () => (await api('GET', `/api/v1/cases/${c.number}`)).json.status === 'open', { since });
  const t = await api('GET', `/api/v1/cases/${c.number}/portal`);
  assert.equal(t.json.messages.at(-1).body, 'Sorry, the manual link does not work.');
  const told = mailedTo('john@vendor.test').filter((m) => /reopened/.test(m.subject));
  assert.deepEqual(told.map((m) => m.subject), [`Ticket ${c.number} reopened: Question about registration`]);
  assert.match(told[0].body, /^Dear Smith, John,\n\nWe have received your reply\./);
  assert.match(told[0].body, /\/portal\/lacak\?number=\S+&lang=en\n/);
  assert.doesNotMatch(told[0].body, /\{\{|\}\}/, 'every name of the template filled');
  const a = await api('GET', `/api/v1/audit?action=case.reopen&object=${encodeURIComponent(c.number)}`);
  assert.equal(a.json.rows.length, 1, a.text);
  assert.equal(a.json.rows[0].actor, 'mail', 'reopened by the requester\'s mail, not on the portal');
  // the audit page and the case's history say who in words, in each language; the filter takes the code
  const web = await webSession(s.url);
  const log = await web.get('/audit?actor=mail&action=case.reopen');
  assert.match(log.text, /<td class="actor">pemohon \(lewat surel\)<br><span class="mono muted">mail<\/span><\/td>/);
  const en = await web.get('/audit?actor=mail&action=case.reopen&lang=en');
  assert.match(en.text, /<td class="actor">the requester \(by e-mail\)<br><span class="mono muted">mail<\/span><\/td>/);
  const att = (await api('GET', `/api/v1/cases/${c.number}/attachments`)).json.attachments;
  assert.equal(att.at(-1).created_by, 'mail', 'the reply\'s .eml added by the mail');
  // the case page names who added the mailed file as the audit page does, not by its code
  const page = await web.get(`/kasus/${c.number}`);
  const row = page.text.split('<table class="attachments">')[1].split('</table>')[0];
  assert.match(row, /· pemohon \(lewat surel\)<\/td>/, 'the .eml added by the requester\'s mail, in words');
  assert.doesNotMatch(row, /· mail<\/td>/);
  const pageEn = await web.get(`/kasus/${c.number}?lang=en`);
  assert.match(pageEn.text.split('<table class="attachments">')[1], /· the requester \(by e-mail\)<\/td>/);
  const v = cli(['audit', 'verify', '--data', s.dir]);
  assert.equal(v.status, 0, v.stderr);
});

test('a file an upload would refuse (a program, a script, one that cannot be read) is left out of the kept .eml, a note on the case naming it', async () => {
  const since = Date.now();
  imap.append(`From: Rina <rina@penyedia.test>
To: helpdesk@lpse.test
Subject: Aplikasi pembaruan SPSE
Message-ID: <exe.rina@penyedia.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="luar"

--luar
Content-Type: text/plain; charset=UTF-8

Mohon dicek berkas terlampir.
--luar
Content-Type: image/png; name="layar.png"
Content-Disposition: attachment; filename="layar.png"
Content-Transfer-Encoding: base64

${PNG}
--luar
Content-Type: application/octet-stream; name="pembaruan.pdf"
Content-Disposition: attachment; filename*=UTF-8''pembaruan%20SPSE.exe
Content-Transfer-Encoding: base64

${EXE}
--luar
Content-Type: message/rfc822

From: Admin <admin@lain.test>
Subject: diteruskan
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="dalam"

--dalam
Content-Type: text/plain

Jalankan ini.
--dalam
Content-Type: text/plain; name="hapus.bat"
Content-Disposition: attachment; filename="hapus.bat"

@echo off
del /q C:\\data
--dalam--

--luar
Content-Type: application/pdf; name="lama.pdf"
Content-Transfer-Encoding: x-uuencode

begin 644 lama.pdf
end
--luar--
`);
  await polled(async () => (await cases('Aplikasi pembaruan SPSE')).length === 1, { since });
  const [c] = await cases('Aplikasi pembaruan SPSE');
  const att = (await api('GET', `/api/v1/cases/${c.number}/attachments`)).json.attachments;
  assert.deepEqual(att.map((a) => a.name), ['pesan.eml']);
  const eml = (await api('GET', `/api/v1/cases/${c.number}/attachments/${att[0].id}`)).text;
  // the text, the picture and the forwarded mail's own text kept as they came; the program, the
  // script and the part in an encoding not read here left out, a text in their place
  assert.ok(eml.includes('Mohon dicek berkas terlampir.') && eml.includes(PNG) && eml.includes('Jalankan ini.'), eml);
  assert.ok(!eml.includes(EXE.slice(0, 40)) && !eml.includes('@echo off') && !eml.includes('begin 644'), eml);
  assert.match(eml, /\[Loket: the attachment "pembaruan SPSE\.exe" was left out of this message: its type of file is not accepted as a case's attachment\.\]/);
  assert.match(eml, /\[Loket: lampiran "hapus\.bat" dikeluarkan dari pesan ini/);
  assert.match(eml, /Subject: diteruskan/, 'the forwarded mail\'s headers kept');
  let notes = (await api('GET', `/api/v1/cases/${c.number}/notes?lang=en`)).json.notes;
  assert.deepEqual(notes.map((n) => [n.created_by, n.body]), [
    ['system', 'The file "pembaruan SPSE.exe" (application/vnd.microsoft.portable-executable) in the e-mail was left out: files of this type are not accepted as a case\'s attachment. The e-mail is kept without it.'],
    ['system', 'The file "hapus.bat" (text/x-msdos-batch) in the e-mail was left out: files of this type are not accepted as a case\'s attachment. The e-mail is kept without it.'],
    ['system', 'A part of the e-mail ("lama.pdf") was left out: it could not be read to check it. The e-mail is kept without it.']]);
  notes = (await api('GET', `/api/v1/cases/${c.number}/notes`)).json.notes;
  assert.match(notes[0].body, /^Berkas "pembaruan SPSE\.exe" \(application\/vnd\.microsoft\.portable-executable\) dalam e-mail dikeluarkan: berkas jenis ini tidak diterima sebagai lampiran kasus\./);

  // the requester's reply with a program attached as a mail (base64, not forwarded inline): the mail left out whole
  const since2 = Date.now();
  const inner = Buffer.from(`From: x@lain.test\r\nSubject: isi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: application/octet-stream; name="a.exe"\r\nContent-Transfer-Encoding: base64\r\n\r\n${EXE}\r\n--z--\r\n`).toString('base64');
  imap.append(`From: Rina <rina@penyedia.test>
To: helpdesk@lpse.test
Subject: Re: Tiket ${c.number}: Aplikasi pembaruan SPSE
Message-ID: <exe.reply@penyedia.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="r"

--r
Content-Type: text/plain

Ini surat aslinya.
--r
Content-Type: message/rfc822; name="asli.eml"
Content-Disposition: attachment; filename="asli.eml"
Content-Transfer-Encoding: base64

${inner}
--r--
`);
  await polled(async () => (await api('GET', `/api/v1/cases/${c.number}/attachments`)).json.attachments.length === 2, { since: since2 });
  const att2 = (await api('GET', `/api/v1/cases/${c.number}/attachments`)).json.attachments;
  const reply = (await api('GET', `/api/v1/cases/${c.number}/attachments/${att2[1].id}`)).text;
  assert.equal(att2[1].name, 'balasan.eml');
  assert.ok(reply.includes('Ini surat aslinya.') && !reply.includes(inner.slice(0, 40)), reply);
  assert.match(reply, /\[Loket: the attachment "asli\.eml" was left out/);
  notes = (await api('GET', `/api/v1/cases/${c.number}/notes?lang=en`)).json.notes.slice(3);
  assert.deepEqual(notes.map((n) => n.body.replace(/ in the e-mail .*/, '')), ['The file "a.exe" (application/vnd.microsoft.portable-executable)', 'The file "asli.eml" (message/rfc822)']);
});

test('the server down, then back: the error shown, the mail read once it is up; a wrong password named', async () => {
  await imap.stop();
  let since = Date.now();
  let st = await polled((j) => j.last_error !== '', { since });
  assert.match(st.last_error, /^url: /);
  const web = await webSession(s.url);
  let page = await web.get('/pengaturan');
  assert.match(page.text, /id="inbox-error"/);
  await imap.start();
  imap.append(question('q2.sari@penyedia.test', 'Sari <sari@penyedia.test>', 'Jadwal pelatihan SPSE bulan depan'));
  since = Date.now();
  await polled(async (j) => j.last_error === '' && (await cases('Jadwal pelatihan SPSE')).length === 1, { since });
  // a wrong password: said naming it, nothing lost
  let r = await api('PATCH', '/api/v1/mail/inbox', { password: 'salah-sekali' });
  assert.equal(r.status, 200);
  imap.append(question('q3.sari@penyedia.test', 'Sari <sari@penyedia.test>', 'Pertanyaan ketiga soal kualifikasi'));
  since = Date.now();
  st = await polled((j) => j.last_error !== '', { since });
  assert.match(st.last_error, /^password: the server refused the user name or password \(.+\)$/);
  const server = st.last_error.match(/\((.+)\)$/)[1];   // the server's own words: kept as they came in either language
  const id = (await inbox('id')).json.last_error;
  assert.equal(id, `password: server menolak nama pengguna atau kata sandi (${server})`);
  assert.doesNotMatch(id + st.last_error, /[\x1D-\x1F]/);
  page = await web.get('/pengaturan?lang=id');
  assert.match(page.text, /id="inbox-error"[^]*Pemeriksaan terakhir[^]*password: server menolak nama pengguna atau kata sandi \(/);
  assert.doesNotMatch(page.text, /the server refused/);
  page = await web.get('/pengaturan?lang=en');
  assert.match(page.text, /id="inbox-error"[^]*password: the server refused the user name or password \(/);
  assert.equal((await cases('Pertanyaan ketiga')).length, 0);
  // set right again on the page (its form: the password typed, the others as they are)
  const form = await web.post('/pengaturan/kotak-masuk', { csrf: web.csrf, url: `imap://127.0.0.1:${imap.port}/INBOX`, user: 'loket',
    password: PASSWORD, poll_seconds: '5', enabled: '1' });
  assert.equal(form.status, 303);
  assert.match(form.headers.get('location'), /^\/pengaturan\?ok=/);
  since = Date.now();
  await polled(async (j) => j.last_error === '' && (await cases('Pertanyaan ketiga')).length === 1, { since });
});

test('a message a person read before the poll is still taken', async () => {
  const since = Date.now();
  const uid = imap.append(question('dibaca.rina@penyedia.test', 'Rina <rina@penyedia.test>', 'Sudah dibaca staf di Thunderbird'),
    { seen: true });
  assert.match(imap.flags()[uid], /Seen/);
  await polled(async () => (await cases('Sudah dibaca staf')).length === 1, { since });
  // and one read between two polls, after the mark was set
  const uid2 = imap.append(question('dibaca2.rina@penyedia.test', 'Rina <rina@penyedia.test>', 'Dibaca lagi sebelum Loket'));
  imap.store(uid2, '+FLAGS (\\Seen)');
  await polled(async () => (await cases('Dibaca lagi sebelum Loket')).length === 1, { since: Date.now() });
  assert.equal((await cases('Sudah dibaca staf')).length, 1);
});

// The office's cases whose subject holds q, counted per subject: {subject: n}.
async function perSubject(q) {
  const n = {};
  for (const c of await cases(q)) n[c.subject] = (n[c.subject] || 0) + 1;
  return n;
}

test('the server killed in the middle of a batch, then started again: every message taken exactly once', async () => {
  const N = 60;   // more than a poll takes (50): the rest at the next poll
  let r = await api('PATCH', '/api/v1/mail/inbox', { enabled: false });
  assert.equal(r.status, 200, r.text);
  const body = ('Baris lampiran yang panjang untuk pesan massal. '.repeat(20) + '\n').repeat(60);
  for (let i = 1; i <= N; i++) {
    // every other one already read by a person: \Seen decides nothing
    imap.append(question(`massal${i}@penyedia.test`, 'Massal <massal@penyedia.test>', `Kiriman massal nomor ${i} selesai`, body),
      { seen: i % 2 === 0 });
  }
  r = await api('PATCH', '/api/v1/mail/inbox', { enabled: true });
  assert.equal(r.status, 200, r.text);
  let atKill = 0;
  for (const end = Date.now() + 20000; atKill === 0 && Date.now() < end; await sleep(20)) {
    atKill = (await cases('Kiriman massal')).length;
  }
  assert.ok(atKill > 0, 'a first case');
  s.proc.kill('SIGKILL');
  assert.equal((await s.stop({ keep: true })).sig, 'SIGKILL');
  const taken = Object.keys(await (async () => {
    s = await startServer({ dir: s.dir });
    token = await login(s.url);
    return perSubject('Kiriman massal');
  })()).length;
  assert.ok(taken < N, `the kill came after the batch (${taken} of ${N} taken): it proves nothing`);
  // the killed process's claim (5 minutes) is taken back by the server started again on this machine:
  // read at once, nothing switched off and on
  const since = Date.now();
  await polled(async () => Object.keys(await perSubject('Kiriman massal')).length === N, { since, ms: 60000 });
  assert.match(s.output().stderr, /inbox: 1 mailbox\(es\) claimed by a process no longer running \([^)]*\) taken back/);
  const again = Date.now();
  await polled(() => true, { since: again + 1000 });
  const n = await perSubject('Kiriman massal');
  assert.equal(Object.keys(n).length, N);
  assert.deepEqual(Object.entries(n).filter(([, k]) => k !== 1), [], 'each message once');
  const f = imap.flags();
  assert.ok(Object.values(f).filter((x) => !/Flagged/.test(x)).every((x) => /Seen/.test(x) && !/LoketBacklog/.test(x)), JSON.stringify(f));
  assert.equal((await inbox()).json.last_error, '');
});

test('a new UIDVALIDITY: the unread messages then are taken and every one after, none twice', async () => {
  const before = imap.uidvalidity();
  const all = async () => (await api('GET', '/api/v1/cases?limit=500')).json.cases.length;
  const count0 = await all();
  // the mailbox rebuilt (as a move to another server does): its UIDs start again, under a new UIDVALIDITY
  await imap.stop();
  const box = join(imap.dir, 'mail', 'loket');
  for (const f of ['dovecot-uidlist', 'dovecot.index', 'dovecot.index.log', 'dovecot.index.cache']) rmSync(join(box, f), { force: true });
  await imap.start();
  assert.notEqual(imap.uidvalidity(), before);
  // one taken before made unread again, one new and unread, one new and read by a person
  const old = Object.keys(imap.flags()).find((u) => !/Flagged/.test(imap.flags()[u]));
  imap.store(old, '-FLAGS (\\Seen)');
  imap.append(question('baru.uv@penyedia.test', 'Uvi <uvi@penyedia.test>', 'Pertanyaan setelah pindah server'));
  let since = Date.now();
  await polled(async (j) => j.last_error === '' && (await cases('setelah pindah server')).length === 1, { since, ms: 30000 });
  assert.equal(await all(), count0 + 1, 'only the new one is a new case');
  assert.match(imap.flags()[old], /Seen/);
  const read = imap.append(question('baru2.uv@penyedia.test', 'Uvi <uvi@penyedia.test>', 'Kedua setelah pindah, sudah dibaca'),
    { seen: true });
  since = Date.now();
  await polled(async () => (await cases('Kedua setelah pindah')).length === 1, { since });
  assert.equal(await all(), count0 + 2);
  assert.match(imap.flags()[read], /Seen/);
  assert.match(s.output().stderr, /UIDVALIDITY changed from \d+ to \d+/);
});

// Point the office's mailbox at url (the mark starts again there); the settings' answer.
async function readFrom(url) {
  const r = await api('PATCH', '/api/v1/mail/inbox', { url });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('a server that keeps no new keyword: the first poll takes its unread messages by the mark alone', async () => {
  // dovecot's ACL without the right to write flags: PERMANENTFLAGS (\Seen), a keyword dropped unsaid
  const ro = await makeDovecot({ acl: 'lrs' });
  try {
    const uids = [
      ro.append(question('kw1.tua@penyedia.test', 'Tua <tua@penyedia.test>', 'Tanpa kata kunci sudah dibaca dulu'), { seen: true }),
      ro.append(question('kw2.tua@penyedia.test', 'Tua <tua@penyedia.test>', 'Tanpa kata kunci belum dibaca satu')),
      ro.append(question('kw3.tua@penyedia.test', 'Tua <tua@penyedia.test>', 'Tanpa kata kunci dibaca di antara'), { seen: true }),
      ro.append(question('kw4.tua@penyedia.test', 'Tua <tua@penyedia.test>', 'Tanpa kata kunci belum dibaca dua')),
    ];
    const sel = ro.curl([`imap://127.0.0.1:${ro.port}/`, '-X', 'SELECT INBOX']).stdout;
    assert.match(sel, /PERMANENTFLAGS \(\\Seen\)/, 'the server keeps no keyword');
    const since = Date.now();
    await readFrom(`imap://127.0.0.1:${ro.port}/INBOX`);
    // from the first unread on: the read one after it too (nothing on the server tells them apart),
    // not the one read before
    await polled(async (j) => j.last_error === '' && (await cases('Tanpa kata kunci')).length === 3, { since });
    assert.deepEqual((await cases('Tanpa kata kunci')).map((c) => c.subject).sort(),
      ['Tanpa kata kunci belum dibaca dua', 'Tanpa kata kunci belum dibaca satu', 'Tanpa kata kunci dibaca di antara']);
    const f = ro.flags();
    assert.ok(uids.every((u) => /Seen/.test(f[u])), JSON.stringify(f));
    assert.match(s.output().stderr, new RegExp(`keeps no new keyword: every message from UID ${uids[1]} \\(the first unread\\) on is taken`));
    // and every one after, once
    const later = ro.append(question('kw5.tua@penyedia.test', 'Tua <tua@penyedia.test>', 'Tanpa kata kunci sesudah tanda'));
    await polled(async () => (await cases('Tanpa kata kunci')).length === 4, { since: Date.now() });
    await polled(() => true, { since: Date.now() + 1000 });
    assert.equal((await cases('Tanpa kata kunci')).length, 4);
    assert.match(ro.flags()[later], /Seen/);
    assert.equal((await inbox()).json.last_error, '');
  } finally {
    await readFrom(`imap://127.0.0.1:${imap.port}/INBOX`);
    await ro.stop();
    ro.remove();
  }
});

// A proxy to dovecot that answers NO to the \Seen set on a message once taken (the server refusing
// it, as a read-only shared mailbox may), everything else passed through: {port, refused, sessions, close()}.
async function seenRefusingProxy(port) {
  const p = { refused: 0, sessions: 0 };
  const srv = net.createServer((c) => {
    p.sessions++;
    const up = net.connect(port, '127.0.0.1');
    up.pipe(c);
    let buf = '';
    c.on('data', (x) => {
      buf += x.toString('latin1');
      for (let i; (i = buf.indexOf('\r\n')) >= 0;) {
        const line = buf.slice(0, i + 2);
        buf = buf.slice(i + 2);
        const m = line.match(/^(\S+) UID STORE \d+ \+FLAGS\.SILENT \(\\Seen\)\r\n$/);
        if (m) { p.refused++; c.write(`${m[1]} NO [CANNOT] the test refuses \\Seen\r\n`); } else up.write(line, 'latin1');
      }
    });
    for (const [a, b] of [[c, up], [up, c]]) { a.on('error', () => b.destroy()); a.on('close', () => b.destroy()); }
  });
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  p.port = srv.address().port;
  p.close = () => new Promise((res) => srv.close(res));
  return p;
}

test('the \\Seen set after a message is taken refused by the server: a warning in the log and the mailbox\'s state, not a poll error', async () => {
  const proxy = await seenRefusingProxy(imap.port);
  try {
    let since = Date.now();
    await readFrom(`imap://127.0.0.1:${proxy.port}/INBOX`);
    // a poll through the proxy has begun: none of the address before is still running
    await polled((j) => j.last_error === '' && proxy.sessions > 0, { since });
    const uid = imap.append(question('seen.ditolak@penyedia.test', 'Sinta <sinta@penyedia.test>', 'Tanda dibaca ditolak server'));
    since = Date.now();
    await polled(async (j) => j.last_error === '' && (await cases('Tanda dibaca ditolak')).length === 1, { since });
    assert.ok(proxy.refused >= 1, 'the proxy refused the \\Seen');
    assert.match(s.output().stderr, new RegExp(`warn inbox: office \\d+: message UID ${uid} is recorded, but \\+FLAGS\\.SILENT \\(\\\\Seen\\) failed`));
    // the state says it as a warning, apart from the poll's error, in each reader's language
    let j = (await inbox()).json;
    assert.equal(j.last_error, '');
    assert.match(j.last_warning, new RegExp(`^message UID ${uid} is recorded, but the mail server refused \\+FLAGS\\.SILENT \\(\\\\Seen\\) on it \\(.*\\)$`));
    j = (await inbox('id')).json;
    assert.match(j.last_warning, new RegExp(`^pesan UID ${uid} sudah dicatat, tetapi server surel menolak \\+FLAGS\\.SILENT \\(\\\\Seen\\) padanya`));
    const web = await webSession(s.url);
    const page = await web.get('/pengaturan');
    assert.match(page.text, new RegExp(`<div class="notice warn" id="inbox-warning"><p>[^<]+ <span class="mono">pesan UID ${uid} sudah dicatat`));
    assert.doesNotMatch(page.text, /id="inbox-error"/);
    // and `loket mail inbox`, in English, the warning apart from the error
    const c = cli(['mail', 'inbox', '--data', s.dir]);
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, new RegExp(`^warning: message UID ${uid} is recorded, but the mail server refused`, 'm'));
    assert.doesNotMatch(c.stdout, /^error:/m);
    assert.equal(JSON.parse(cli(['mail', 'inbox', '--json', '--data', s.dir]).stdout).last_warning, (await inbox()).json.last_warning);
    // the poll after: no error, the message not taken again (the mark, not \Seen)
    await polled(() => true, { since: Date.now() + 1000 });
    const st = (await inbox()).json;
    assert.equal(st.last_error, '');
    assert.notEqual(st.last_warning, '', 'kept until a flag is set again');
    assert.equal((await cases('Tanda dibaca ditolak')).length, 1);
    const metrics = await request(s.url, 'GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^loket_mail_inbox_failing 0$/m);
  } finally {
    await readFrom(`imap://127.0.0.1:${imap.port}/INBOX`);
    await proxy.close();
  }
});

test('a mailbox whose name is not ASCII: selected in modified UTF-7, its name checked when set', async () => {
  // the folder made as a mail program makes it, its IMAP name by RFC 3501's rules
  const name = 'Masuk-Tiket &APw-';
  assert.equal(imap.curl([`imap://127.0.0.1:${imap.port}/`, '-X', `CREATE "${name}"`]).status, 0);
  const at = `imap://127.0.0.1:${imap.port}/${encodeURIComponent(name)}`;
  // the settings: the name as people read it, a space written %20
  for (const url of [`imap://127.0.0.1:${imap.port}/Masuk%ZZ`, `imap://127.0.0.1:${imap.port}/Masuk%FF`, `imap://127.0.0.1:${imap.port}/Masuk%09Tiket`]) {
    const r = await api('PATCH', '/api/v1/mail/inbox', { url });
    assert.equal(r.status, 400, url);
    assert.equal(r.json.error.field, 'url');
    assert.match(r.json.error.message, /UTF-8/);
  }
  // a message delivered there, unread (curl's APPEND stores it read)
  const f = join(imap.dir, 'folder-msg.eml');
  writeFileSync(f, question('folder.ulya@penyedia.test', 'Ulya <ulya@penyedia.test>', 'Dari folder beraksen').replace(/\r?\n/g, '\r\n'));
  assert.equal(imap.curl(['-T', f, at]).status, 0, 'APPEND');
  assert.equal(imap.curl([at, '-X', 'UID STORE 1 -FLAGS (\\Seen)']).status, 0);
  assert.doesNotMatch(imap.curl([at, '-X', 'UID FETCH 1 (FLAGS)']).stdout, /Seen/);
  try {
    const since = Date.now();
    const st = await readFrom(`imap://127.0.0.1:${imap.port}/Masuk-Tiket%20\u00fc`);
    assert.equal(st.url, `imap://127.0.0.1:${imap.port}/Masuk-Tiket%20\u00fc`);
    await polled(async (j) => j.last_error === '' && (await cases('Dari folder beraksen')).length === 1, { since });
    assert.match(imap.curl([at, '-X', 'UID FETCH 1 (FLAGS)']).stdout, /Seen/);
    // the name typed as IMAP writes it, or wrong: the error lists the mailboxes the server has, as people read them
    for (const typed of ['Masuk-Tiket%20&APw-', 'Masuk-Tikett%20\u00fc']) {
      const t = Date.now();
      await readFrom(`imap://127.0.0.1:${imap.port}/${typed}`);
      const j = await polled((x) => x.last_error !== '', { since: t });
      const said = decodeURIComponent(typed);
      assert.ok(j.last_error.startsWith(`url: the mail server has no mailbox named "${said}"; the mailboxes it has: `), j.last_error);
      const listed = j.last_error.split('; the mailboxes it has: ')[1].split(', ').map((x) => JSON.parse(x)).sort();
      assert.deepEqual(listed, ['INBOX', 'Masuk-Tiket \u00fc']);
      const id = (await inbox('id')).json.last_error;
      assert.ok(id.startsWith(`url: server surel tidak punya kotak surat bernama "${said}"; kotak surat yang ada: `), id);
    }
  } finally {
    await readFrom(`imap://127.0.0.1:${imap.port}/INBOX`);
  }
});

test('a mailbox named wrong on a server of many mailboxes: the first ones are named, then "…"', async () => {
  for (let i = 1; i <= 40; i++) assert.equal(imap.curl([`imap://127.0.0.1:${imap.port}/`, '-X', `CREATE "Arsip-Lama-${String(i).padStart(2, '0')}"`]).status, 0);
  try {
    const t = Date.now();
    await readFrom(`imap://127.0.0.1:${imap.port}/Tidak-Ada`);
    const j = await polled((x) => x.last_error !== '', { since: t });
    assert.ok(j.last_error.startsWith('url: the mail server has no mailbox named "Tidak-Ada"; the mailboxes it has: '), j.last_error);
    const said = j.last_error.split('; the mailboxes it has: ')[1];
    assert.ok(said.endsWith(', …'), said);
    const names = said.slice(0, -3).split(', ').map((x) => JSON.parse(x));
    assert.ok(names.length >= 10 && names.length < 42, said);
    assert.ok(said.length <= 380, said);
  } finally {
    for (let i = 1; i <= 40; i++) imap.curl([`imap://127.0.0.1:${imap.port}/`, '-X', `DELETE "Arsip-Lama-${String(i).padStart(2, '0')}"`]);
    await readFrom(`imap://127.0.0.1:${imap.port}/INBOX`);
  }
});

test('two nodes on one database: one reads the mailbox at a time, each message one case', { skip: !PG && 'PostgreSQL only' }, async () => {
  const dirB = sameDbFolder(s.dir);
  const b = await startServer({ dir: dirB });
  try {
    const logins = () => (readFileSync(join(imap.dir, 'dovecot.log'), 'utf8').match(/imap-login: Info: Login: user=<loket>/g) || []).length;
    const since = Date.now();
    for (let i = 1; i <= 3; i++) imap.append(question(`n${i}.dua@penyedia.test`, 'Dua Node <dua@penyedia.test>', `Pertanyaan dua node ${i}`));
    await polled(async () => (await cases('Pertanyaan dua node')).length === 3, { since });
    // each polls every 5 s when its turn comes: one node at a time makes a login per 5 s or so
    const n0 = logins();
    await sleep(16000);
    const n = logins() - n0;
    assert.ok(n >= 2 && n <= 4, `${n} polls in 16 s by two nodes`);
    assert.equal((await cases('Pertanyaan dua node')).length, 3);
  } finally {
    await b.stop({ keep: true });   // the database is the first node's: dropped with it
    rmSync(dirB, { recursive: true, force: true });
  }
});
