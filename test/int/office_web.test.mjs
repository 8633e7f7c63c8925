// The office's settings page (/pengaturan) and its API twin (/api/v1/office): the name and zone
// changed, audited office.update, refused with the field named and what was typed kept, closed
// to a role without office.admin; and the audit chain's check on /audit/rantai and
// /api/v1/audit/verify: intact with its head, a kept hash found or not, a broken chain named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, addUser, webSession, login, request, sqlite, cli } from './lib.mjs';

let s, admin, desk, token, deskToken;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  admin = await webSession(s.url);
  desk = await webSession(s.url, 'meja', 'meja-password-2026');
  token = await login(s.url);
  deskToken = await login(s.url, 'meja', 'meja-password-2026');
});
after(async () => { if (s) await s.stop(); });

const db = () => join(s.dir, 'loket.db');
const lastAudit = (action) => sqlite(db(), `SELECT actor||'|'||detail FROM audit WHERE action='${action}' ORDER BY id DESC LIMIT 1`).stdout.trim();

test('the settings page renames the office and moves its zone, audited; the header shows the new name', async () => {
  const page = await admin.get('/pengaturan');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Pengaturan kantor<\/h1>/);
  assert.match(page.text, /<input id="name" name="name" required maxlength="127" value="LPSE"/);
  assert.match(page.text, /<option value="WIB" selected>/);
  assert.match(page.text, /id="public-url">Belum diatur/);
  const r = await admin.post('/pengaturan', { csrf: admin.csrf, name: '  LPSE Kota Makassar ', tz: 'WITA' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/pengaturan?ok=Office settings saved');
  const after = await admin.get('/pengaturan?ok=Office settings saved');
  assert.match(after.text, /<span class="office">LPSE Kota Makassar<\/span>/);
  assert.match(after.text, /Pengaturan kantor disimpan/);
  assert.match(after.text, /<option value="WITA" selected>/);
  assert.equal(lastAudit('office.update'), 'admin|name LPSE -> LPSE Kota Makassar; tz WIB -> WITA');
  const again = await admin.post('/pengaturan', { csrf: admin.csrf, name: 'LPSE Kota Makassar', tz: 'WITA' });
  assert.equal(again.headers.get('location'), '/pengaturan?ok=Nothing changed: the office was already so');
  assert.equal(sqlite(db(), "SELECT count(*) FROM audit WHERE action='office.update'").stdout.trim(), '1');
});

test('a blank name is refused under its field, what was typed kept; nothing changes', async () => {
  const r = await admin.post('/pengaturan', { csrf: admin.csrf, name: '   ', tz: 'WIT' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
  assert.match(r.text, /aria-invalid="true"/);
  assert.match(r.text, /<option value="WIT" selected>/);
  const o = await request(s.url, 'GET', '/api/v1/office', { token });
  assert.equal(o.json.tz, 'WITA');
});

test('the API twin: any signed-in user reads the office, only office.admin changes it', async () => {
  const o = await request(s.url, 'GET', '/api/v1/office', { token: deskToken });
  assert.equal(o.status, 200);
  assert.deepEqual(o.json, { code: 'LPSE', name: 'LPSE Kota Makassar', tz: 'WITA', public_url: '', office_public_url: '', phone: '', email: '', address: '' });
  assert.equal((await request(s.url, 'PATCH', '/api/v1/office', { token: deskToken, body: { name: 'X' } })).status, 403);
  assert.equal((await desk.get('/pengaturan')).status, 403);
  assert.equal((await desk.post('/pengaturan', { csrf: desk.csrf, name: 'X' })).status, 403);
  const p = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { tz: 'wib' } });
  assert.equal(p.status, 200);
  assert.equal(p.json.tz, 'WIB');
  assert.equal(lastAudit('office.update'), 'admin|name LPSE Kota Makassar -> LPSE Kota Makassar; tz WITA -> WIB');
  const bad = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { tz: 'UTC+8' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'tz');
});

test('the audit chain: intact with its head, a kept hash found, a cut or a broken chain named', async () => {
  const page = await admin.get('/audit');
  assert.match(page.text, /<a href="\/audit\/rantai">Periksa rantai log audit<\/a>/);
  const v = await request(s.url, 'GET', '/api/v1/audit/verify', { token });
  assert.equal(v.status, 200);
  assert.equal(v.json.intact, true);
  assert.equal(v.json.rows, v.json.head.id);
  const kept = v.json.head.hash;
  assert.match(kept, /^[0-9a-f]{64}$/);
  await admin.post('/pengaturan', { csrf: admin.csrf, name: 'LPSE Kota Makassar', tz: 'WITA' });   // one row more
  const later = await admin.get(`/audit/rantai?head=${kept.slice(0, 16)}`);
  assert.equal(later.status, 200);
  assert.match(later.text, /Rantai log audit utuh\. Baris yang diperiksa: \d+\./);
  assert.match(later.text, new RegExp(`Hash yang dicatat ada di baris</dt><dd>#${v.json.head.id} · baris sesudahnya: [1-9]`));
  const upper = await request(s.url, 'GET', `/api/v1/audit/verify?head=${kept.toUpperCase()}`, { token });
  assert.equal(upper.json.kept_row, v.json.head.id, 'a hash kept in capitals is the same hash');
  const cut = await request(s.url, 'GET', '/api/v1/audit/verify?head=' + '0'.repeat(64), { token });
  assert.equal(cut.json.intact, true);
  assert.equal(cut.json.kept_row, null);
  assert.match(cut.json.problem, /in no row of the chain/);
  const bad = await admin.get('/audit/rantai?head=not-a-hash');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Ini bukan hash/);
  assert.equal((await desk.get('/audit/rantai')).status, 403);
  assert.equal((await request(s.url, 'GET', '/api/v1/audit/verify', { token: deskToken })).status, 403);
  const t = sqlite(db(), "DROP TRIGGER audit_no_update; UPDATE audit SET detail='x' WHERE id=2;");
  assert.equal(t.status, 0, t.stderr);
  const broken = await request(s.url, 'GET', '/api/v1/audit/verify', { token });
  assert.equal(broken.json.intact, false);
  assert.equal(broken.json.rows, 1);
  assert.match(broken.json.problem, /row 2 was edited/);
  const bp = await admin.get('/audit/rantai');
  assert.match(bp.text, /Rantai log audit RUSAK: ada baris yang diubah, dihapus atau disisipkan\. Baris utuh sebelum kerusakan: 1\./);
  // what was found said in the page's language; the API's problem and the command line stay English
  assert.match(bp.text, /<dt>Yang ditemukan<\/dt><dd class="mono">baris 2 telah diubah: isinya tidak cocok dengan hash-nya<\/dd>/);
  const en = await admin.get('/audit/rantai?lang=en');
  assert.match(en.text, /<dd class="mono">row 2 was edited: its content does not match its hash<\/dd>/);
  const v2 = cli(['audit', 'verify', '--data', s.dir]);
  assert.equal(v2.status, 1);
  assert.match(v2.stderr, /BROKEN after 1 good rows: row 2 was edited: its content does not match its hash/);
});
