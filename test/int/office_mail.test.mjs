// The office's mail and backup for its administrator, on /pengaturan and in the API: loket.conf's
// delivery settings shown (the password never, nor a user:password@ in smtp_url), read-only with
// where to change them; the test message queued through the outbox as `loket mail test` does
// (audited mail.queue), a wrong or missing address named; the outbox listed with each message's
// state, tries and last error, the caller's office's only, as `loket mail list` lists them all;
// and the database's copy (SQLite's online backup, as `loket backup`), audited, refused on
// PostgreSQL and when the database holds other offices, the administrator's alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { startServer, addUser, webSession, login, request, sqlite, cli, PG } from './lib.mjs';

let s, admin, ketua, desk, token, ketuaToken, deskToken;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  addUser(s.dir, 'ketua', 'ketua', 'ketua-password-2026');
  admin = await webSession(s.url);
  ketua = await webSession(s.url, 'ketua', 'ketua-password-2026');
  desk = await webSession(s.url, 'meja', 'meja-password-2026');
  token = await login(s.url);
  ketuaToken = await login(s.url, 'ketua', 'ketua-password-2026');
  deskToken = await login(s.url, 'meja', 'meja-password-2026');
});
after(async () => { if (s) await s.stop(); });

const db = () => join(s.dir, 'loket.db');
const q = (sql) => sqlite(db(), sql).stdout.trim();

test('the delivery settings are shown as loket.conf holds them, never the password, with where to change them', async () => {
  const m = await startServer({ conf: 'smtp_url = smtp://relay-user:s3cret@relay.lpse.test:2525\nsmtp_from = Loket <loket@lpse.test>\n'
    + 'smtp_user = loket\nsmtp_password = rahasia-smtp\nmail_max_attempts = 7\nmail_poll_seconds = 3600\n' });
  try {
    const t = await login(m.url);
    const r = await request(m.url, 'GET', '/api/v1/mail/settings', { token: t });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      smtp_url: 'smtp://relay.lpse.test:2525', smtp_from: 'Loket <loket@lpse.test>', smtp_user: 'loket', smtp_password_set: true,
      mail_max_attempts: 7, mail_retry_base_seconds: 60, mail_retry_max_seconds: 3600, sending: true, set_in: 'loket.conf',
    });
    assert.doesNotMatch(r.text, /s3cret|rahasia-smtp/);
    const a = await webSession(m.url);
    const page = await a.get('/pengaturan');
    assert.match(page.text, /<dt>Relai SMTP <span class="mono muted">\(smtp_url\)<\/span><\/dt><dd class="mono">smtp:\/\/relay\.lpse\.test:2525<\/dd>/);
    assert.match(page.text, /<dd class="mono">Loket &lt;loket@lpse\.test&gt;<\/dd>/);
    assert.match(page.text, /\(smtp_password\)<\/span><\/dt><dd>sudah diatur \(tidak ditampilkan\)<\/dd>/);
    assert.match(page.text, /\(mail_max_attempts\)<\/span><\/dt><dd>7<\/dd>/);
    assert.match(page.text, /Diatur oleh pengelola server di loket\.conf, di folder data; berlaku setelah Loket dijalankan ulang\./);
    assert.doesNotMatch(page.text, /s3cret|rahasia-smtp|id="mail-not-sent"/);
    assert.doesNotMatch(page.text, /name="smtp_url"/, 'loket.conf\'s settings are shown, not a form to change them');
  } finally { await m.stop(); }
  // without a relay: said so, the mail waits
  const r = await request(s.url, 'GET', '/api/v1/mail/settings', { token });
  assert.equal(r.json.smtp_url, '');
  assert.equal(r.json.sending, false);
  assert.equal(r.json.smtp_password_set, false);
  const page = await admin.get('/pengaturan?lang=en');
  assert.match(page.text, /id="mail-not-sent"><p>No SMTP relay is set: mail waits in the outbox/);
  assert.match(page.text, /\(smtp_url\)<\/span><\/dt><dd>not set<\/dd>/);
});

test('POST /api/v1/mail/test queues the test message through the outbox, audited in its transaction', async () => {
  const r = await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { to: 'uji@example.id' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'queued');
  assert.equal(r.json.to, 'uji@example.id');
  assert.ok(r.json.id > 0);
  assert.equal(q(`SELECT to_addr||'|'||status||'|'||subject FROM outbox WHERE id=${r.json.id}`), 'uji@example.id|queued|Uji surel Loket — LPSE');
  assert.match(q(`SELECT body FROM outbox WHERE id=${r.json.id}`), /Surel ini dikirim ke uji@example\.id pada/);
  assert.equal(q(`SELECT actor||'|'||object FROM audit WHERE action='mail.queue' ORDER BY id DESC LIMIT 1`), `admin|outbox/${r.json.id}`);
  const list = await request(s.url, 'GET', '/api/v1/mail/outbox', { token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.messages[0], { id: r.json.id, status: 'queued', attempts: 0, at: list.json.messages[0].at,
    to: 'uji@example.id', subject: 'Uji surel Loket — LPSE', last_error: '' });
  assert.match(list.json.messages[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a wrong test message is refused naming the field, nothing queued', async () => {
  const before = q('SELECT count(*) FROM outbox');
  const cases = [
    [{}, 'to', /to wajib diisi/],
    [{ to: '' }, 'to', /to/],
    [{ to: 'bukan-alamat' }, 'to', /to harus berupa alamat surel/],
    [{ to: 'a@b' }, 'to', /domain setelah @ tidak sah/],
    [{ to: 'Uji Coba <uji@example.id> x' }, 'to', /^to harus berupa alamat, atau nama dan alamat di dalam < > seperti yang disalin program surel \(Budi <budi@example\.go\.id>\)$/],
    [{ to: 'Uji Coba <uji@example.id' }, 'to', /seperti yang disalin program surel/],
    [{ to: 'Uji Coba <uji@example>' }, 'to', /domain setelah @ tidak bertitik/],
    [{ to: 'uji@example.id\r\nBcc: x@example.id' }, 'to', /./],
    [{ to: 42 }, 'to', /./],
    [{ to: 'uji@example.id', cc: 'x@example.id' }, 'cc', /cc bukan kolom yang dikenal/],
  ];
  for (const [body, field, msg] of cases) {
    const r = await request(s.url, 'POST', '/api/v1/mail/test', { token, body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
    assert.match(r.json.error.message, msg, JSON.stringify(body));
  }
  const two = await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { cc: 1, bcc: 2 } });
  assert.deepEqual(two.json.error.fields.map((f) => f.field).sort(), ['bcc', 'cc', 'to']);
  const notObject = await request(s.url, 'POST', '/api/v1/mail/test', { token, body: '["uji@example.id"]' });
  assert.equal(notObject.status, 400);
  assert.equal(notObject.json.error.field, 'body');
  const bad = await request(s.url, 'GET', '/api/v1/mail/outbox?limit=500', { token });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'limit');
  const stray = await request(s.url, 'GET', '/api/v1/mail/outbox?status=sent', { token });
  assert.equal(stray.status, 400);
  assert.equal(stray.json.error.field, 'status');
  assert.equal((await request(s.url, 'GET', '/api/v1/mail/settings?x=1', { token })).json.error.field, 'x');
  assert.equal(q('SELECT count(*) FROM outbox'), before);
});

test('the outbox lists the caller\'s office only, as loket mail list lists every office\'s', async () => {
  assert.equal(cli(['office', 'add', 'KAB', '--name', 'LPSE Kabupaten', '--data', s.dir]).status, 0);
  const c = cli(['mail', 'test', 'kab@example.id', '--office', 'KAB', '--data', s.dir]);
  assert.equal(c.status, 0, c.stderr);
  const all = JSON.parse(cli(['mail', 'list', '--json', '--data', s.dir]).stdout);
  assert.equal(all[0].to, 'kab@example.id');
  assert.ok(all.some((m) => m.to === 'uji@example.id'));
  const mine = await request(s.url, 'GET', '/api/v1/mail/outbox', { token });
  assert.ok(!mine.json.messages.some((m) => m.to === 'kab@example.id'));
  assert.equal(mine.json.messages[0].to, 'uji@example.id');
  // the same rows, the same shape, from the one piece of code
  assert.deepEqual(mine.json.messages[0], all.find((m) => m.to === 'uji@example.id'));
  for (let i = 0; i < 3; i++) await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { to: `n${i}@example.id` } });
  const two = await request(s.url, 'GET', '/api/v1/mail/outbox?limit=2', { token });
  assert.deepEqual(two.json.messages.map((m) => m.to), ['n2@example.id', 'n1@example.id']);
});

test('the settings page sends the test message, names a wrong address, lists the outbox with each state', async () => {
  const bad = await admin.post('/pengaturan/surel-uji', { csrf: admin.csrf, to: ' bukan-alamat ' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Mohon perbaiki isian yang ditandai di bawah/);
  assert.match(bad.text, /<input id="to" name="to" type="text" required maxlength="254" value="bukan-alamat" inputmode="email" autocapitalize="none" autocomplete="off" aria-invalid="true" aria-describedby="to-error">/);
  assert.match(bad.text, /<p class="field-error" id="to-error">harus berupa alamat surel \(nama@domain\)<\/p>/);
  assert.match(bad.text, /<input id="name" name="name" required maxlength="127" value="LPSE"/, 'the office form keeps its own values');
  const empty = await admin.post('/pengaturan/surel-uji', { csrf: admin.csrf, to: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /aria-invalid="true" aria-describedby="to-error"/);

  const ok = await admin.post('/pengaturan/surel-uji', { csrf: admin.csrf, to: ' web@example.id ' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/pengaturan?ok=Test message queued: the outbox below shows when it is sent#mail');
  const id = q("SELECT id FROM outbox WHERE to_addr='web@example.id'");
  const named = await admin.post('/pengaturan/surel-uji', { csrf: admin.csrf, to: 'Uji Web <web.nama@example.id>' });
  assert.equal(named.status, 303, named.text);
  assert.equal(q("SELECT count(*) FROM outbox WHERE to_addr='web.nama@example.id'"), '1');
  assert.equal(q(`SELECT actor FROM audit WHERE action='mail.queue' AND object='outbox/${id}'`), 'admin');
  // one sent, one failed after its tries, as the sender thread leaves them
  q(`UPDATE outbox SET status='sent', attempts=1, sent_at=created_at WHERE to_addr='n0@example.id'`);
  q(`UPDATE outbox SET status='failed', attempts=10, last_error='550 mailbox unavailable' WHERE to_addr='n1@example.id'`);
  const page = await admin.get('/pengaturan?ok=Test message queued: the outbox below shows when it is sent');
  assert.match(page.text, /Surel uji dimasukkan ke kotak keluar/);
  assert.match(page.text, new RegExp(`<tr class="queued" id="outbox-${id}"><td>${id}</td><td>web@example\\.id</td><td>Uji surel Loket — LPSE</td><td>Menunggu dikirim</td><td>0</td>`));
  assert.match(page.text, /<tr class="sent" id="outbox-\d+"><td>\d+<\/td><td>n0@example\.id<\/td><td>[^<]*<\/td><td>Terkirim<\/td><td>1<\/td><td>\d+ \w+ \d{4}, [\d.]+ WIB<\/td><td><\/td><td><\/td><\/tr>/);
  assert.match(page.text, /<tr class="failed" id="outbox-\d+"><td>\d+<\/td><td>n1@example\.id<\/td><td>[^<]*<\/td><td>Gagal<\/td><td>10<\/td><td>—<\/td><td>550 mailbox unavailable<\/td><td><form method="post" action="\/pengaturan\/surel\/\d+\/ulang" class="inline"><input type="hidden" name="csrf" value="[^"]+"><button type="submit">Kirim ulang<\/button><\/form><\/td><\/tr>/);
  assert.doesNotMatch(page.text, /kab@example\.id/, 'another office\'s mail is not listed');
  const en = await admin.get('/pengaturan?lang=en');
  assert.match(en.text, /<td>Failed<\/td>/);
  assert.match(en.text, /<button type="submit">Send test message<\/button>/);
});

test('a failed message is queued again from the outbox (one, or every failed one), the office\'s own only, audited; a sent or queued one refused', async () => {
  const failed = (to) => q(`UPDATE outbox SET status='failed', attempts=10, last_error='550 5.1.1 no such user' WHERE to_addr='${to}'`);
  const idOf = (to) => q(`SELECT id FROM outbox WHERE to_addr='${to}' ORDER BY id LIMIT 1`);
  for (const a of ['r1@example.id', 'r2@example.id', 'r3@example.id', 'r4@example.id']) {
    assert.equal((await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { to: a } })).status, 201);
  }
  ['r1@example.id', 'r2@example.id', 'r3@example.id'].forEach(failed);
  assert.equal(cli(['office', 'add', 'KOT', '--name', 'LPSE Kota', '--data', s.dir]).status, 0);
  assert.equal(cli(['mail', 'test', 'kot@example.id', '--office', 'KOT', '--data', s.dir]).status, 0);
  failed('kot@example.id');
  const r1 = idOf('r1@example.id'), r4 = idOf('r4@example.id'), kot = idOf('kot@example.id');

  // the API: one by its number
  const one = await request(s.url, 'POST', `/api/v1/mail/outbox/${r1}/retry`, { token });
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.json, { id: +r1, status: 'queued', attempts: 0 });
  assert.equal(q(`SELECT status||'|'||attempts FROM outbox WHERE id=${r1}`), 'queued|0');
  assert.equal(q(`SELECT actor FROM audit WHERE action='mail.retry' AND object='outbox/${r1}'`), 'admin');
  // refused: queued (now), never failed, another office's, no such, not a number; nothing changed
  const again = await request(s.url, 'POST', `/api/v1/mail/outbox/${r1}/retry`, { token });
  assert.equal(again.status, 400);
  assert.equal(again.json.error.field, 'id');
  assert.match(again.json.error.message, /masih dalam antrean/);
  assert.equal((await request(s.url, 'POST', `/api/v1/mail/outbox/${r4}/retry`, { token })).status, 400);
  for (const p of [kot, '999999', 'abc', '0']) {
    const x = await request(s.url, 'POST', `/api/v1/mail/outbox/${p}/retry`, { token });
    assert.equal(x.status, 404, `${p}: ${x.text}`);
    assert.equal(x.json.error.field, 'id');
  }
  assert.equal(q(`SELECT status FROM outbox WHERE id=${kot}`), 'failed', 'another office\'s message is left alone');
  assert.equal((await request(s.url, 'POST', `/api/v1/mail/outbox/${r4}/retry`, { token: deskToken })).status, 403);

  // the page: one by its button, then every failed one of the office (not KOT's)
  const r2 = idOf('r2@example.id');
  const page = await admin.get('/pengaturan');
  assert.match(page.text, new RegExp(`action="/pengaturan/surel/${r2}/ulang"`));
  assert.match(page.text, /id="mail-retry-failed"[\s\S]*Kirim ulang semua pesan yang gagal/);
  const b = await admin.post(`/pengaturan/surel/${r2}/ulang`, { csrf: admin.csrf });
  assert.equal(b.status, 303);
  assert.equal(b.headers.get('location'), '/pengaturan?ok=Queued%20again%3A%20the%20outbox%20below%20shows%20when%20it%20is%20sent#mail');
  assert.match((await admin.get(b.headers.get('location'))).text, /Diantrekan lagi: kotak keluar di bawah menunjukkan kapan terkirim/);
  assert.equal(q(`SELECT status FROM outbox WHERE id=${r2}`), 'queued');
  const twice = await admin.post(`/pengaturan/surel/${r2}/ulang`, { csrf: admin.csrf });
  assert.equal(twice.status, 400);
  assert.match(twice.text, /masih dalam antrean|still queued/i);
  assert.equal((await admin.post(`/pengaturan/surel/${kot}/ulang`, { csrf: admin.csrf })).status, 404);
  assert.equal((await admin.post(`/pengaturan/surel/${r2}/ulang`, {})).status, 403, 'no CSRF token: refused');
  assert.equal((await desk.post('/pengaturan/surel-ulang', { csrf: desk.csrf })).status, 403);
  const all = await admin.post('/pengaturan/surel-ulang', { csrf: admin.csrf });
  assert.equal(all.status, 303);
  assert.equal(q(`SELECT count(*) FROM outbox WHERE status='failed' AND office_id=(SELECT office_id FROM outbox WHERE id=${r1})`), '0');
  assert.equal(q(`SELECT status FROM outbox WHERE id=${kot}`), 'failed');
  assert.equal(q(`SELECT actor FROM audit WHERE action='mail.retry' AND object='outbox/${idOf('r3@example.id')}'`), 'admin');
  // the API's every-failed: none left in this office
  const none = await request(s.url, 'POST', '/api/v1/mail/outbox/retry', { token });
  assert.equal(none.status, 200);
  assert.deepEqual(none.json, { queued: 0 });
  failed('r4@example.id');
  assert.deepEqual((await request(s.url, 'POST', '/api/v1/mail/outbox/retry', { token })).json, { queued: 1 });
  assert.equal(q(`SELECT status FROM outbox WHERE id=${kot}`), 'failed');
  assert.match(cli(['audit', 'verify', '--data', s.dir]).stdout, /intact/);
});

test('only office.admin sees the mail; only the administrator takes the database\'s copy', async () => {
  for (const [m, p] of [['GET', '/api/v1/mail/settings'], ['GET', '/api/v1/mail/outbox'], ['POST', '/api/v1/mail/test'], ['GET', '/api/v1/backup']]) {
    assert.equal((await request(s.url, m, p, { token: deskToken, body: m === 'POST' ? { to: 'x@example.id' } : undefined })).status, 403, `${m} ${p}`);
  }
  assert.equal((await desk.post('/pengaturan/surel-uji', { csrf: desk.csrf, to: 'x@example.id' })).status, 403);
  assert.equal(q("SELECT count(*) FROM outbox WHERE to_addr='x@example.id'"), '0');
  // the ketua keeps the office's settings and its mail, not a copy of every password hash
  assert.equal((await request(s.url, 'GET', '/api/v1/mail/outbox', { token: ketuaToken })).status, 200);
  assert.equal((await request(s.url, 'GET', '/api/v1/backup', { token: ketuaToken })).status, 403);
  const page = await ketua.get('/pengaturan');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="mail-test"/);
  assert.doesNotMatch(page.text, /id="backup"/);
});

test('the database\'s copy: one office on SQLite downloads, audited; PostgreSQL or other offices: where to take it', async () => {
  const b = await startServer();
  try {
    const t = await login(b.url);
    const a = await webSession(b.url);
    const dbFile = join(b.dir, 'loket.db');
    if (PG) {
      const r = await request(b.url, 'GET', '/api/v1/backup', { token: t });
      assert.equal(r.status, 409);
      assert.match(r.json.error.message, /PostgreSQL.*pg_dump/);
      const page = await a.get('/pengaturan');
      assert.match(page.text, /<p id="backup-elsewhere">Basis data ada di PostgreSQL: salinannya dibuat oleh pengelola server dengan pg_dump/);
      assert.doesNotMatch(page.text, /backup-link/);
      assert.equal(sqlite(dbFile, "SELECT count(*) FROM audit WHERE action='office.backup'").stdout.trim(), '0');
      return;
    }
    const page = await a.get('/pengaturan');
    assert.match(page.text, /<a class="button" id="backup-link" href="\/api\/v1\/backup" download>Unduh salinan basis data<\/a>/);
    const res = await fetch(b.url + '/api/v1/backup', { headers: { Authorization: `Bearer ${t}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.sqlite3');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="loket-LPSE-\d{4}-\d\d-\d\d\.db"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    const tmp = mkdtempSync(join(tmpdir(), 'loket-copy-'));
    try {
      const copy = join(tmp, 'copy.db');
      writeFileSync(copy, bytes);
      const check = spawnSync('sqlite3', [copy, 'PRAGMA integrity_check; SELECT code FROM office; SELECT username FROM users ORDER BY id LIMIT 1;'], { encoding: 'utf8' });
      assert.equal(check.stdout.trim(), 'ok\nLPSE\nadmin');
    } finally { rmSync(tmp, { recursive: true, force: true }); }
    assert.equal(sqlite(dbFile, "SELECT actor||'|'||object||'|'||detail FROM audit WHERE action='office.backup'").stdout.trim(), `admin|office:1|${bytes.length} bytes`);
    // through the page's link too (the session's cookie), and no file left in the data folder
    const viaPage = await fetch(b.url + '/api/v1/backup', { headers: { Cookie: a.cookie() } });
    assert.equal(viaPage.status, 200);
    assert.ok((await viaPage.arrayBuffer()).byteLength > 0);
    assert.deepEqual(readdirSync(b.dir).filter((f) => f.startsWith('.backup')), []);
    assert.equal(sqlite(dbFile, "SELECT count(*) FROM audit WHERE action='office.backup'").stdout.trim(), '2');
    // a second office: its data would go with the copy
    assert.equal(cli(['office', 'add', 'KAB', '--name', 'LPSE Kabupaten', '--data', b.dir]).status, 0);
    const two = await request(b.url, 'GET', '/api/v1/backup?lang=en', { token: t });
    assert.equal(two.status, 409);
    assert.match(two.json.error.message, /other offices too.*loket backup/);
    assert.match((await a.get('/pengaturan')).text, /<p id="backup-elsewhere">Basis data juga memuat kantor lain/);
    assert.equal((await request(b.url, 'GET', '/api/v1/backup?x=1', { token: t })).json.error.field, 'x');
    assert.equal(sqlite(dbFile, "SELECT count(*) FROM audit WHERE action='office.backup'").stdout.trim(), '2');
  } finally { await b.stop(); }
});

test('the test message\'s address may be written as a mail program copies it, Name <address>: the address is used', async () => {
  const r = await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { to: '"Uji, Coba" <uji.nama@example.id>' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.to, 'uji.nama@example.id');
  assert.equal(q(`SELECT to_addr FROM outbox WHERE id=${r.json.id}`), 'uji.nama@example.id');
  assert.match(q(`SELECT body FROM outbox WHERE id=${r.json.id}`), /Surel ini dikirim ke uji\.nama@example\.id pada/);
  const c = cli(['mail', 'test', 'Kantor <kantor.nama@example.id>', '--data', s.dir]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /to kantor\.nama@example\.id;/);
  const bad = cli(['mail', 'test', 'Kantor <kantor@example.id> x', '--data', s.dir]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /must be an address, or a name and the address in < >/);
});
