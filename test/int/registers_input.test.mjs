// The registers' values as people write them: a username typed with capitals in a disposition,
// a handover from someone to themselves, a text far past its field's limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

let s, admin;

before(async () => {
  s = await startServer();
  addUser(s.dir, 'rina', 'helpdesk', 'rina-password-1');
  admin = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

const api = (method, path, body) => request(s.url, method, `/api/v1/registers${path}`, { token: admin, body });
const audits = async (object) => (await request(s.url, 'GET', '/api/v1/audit?limit=500', { token: admin })).json.rows.filter((r) => r.object.startsWith(object));

test('a disposition to a user typed with capitals and blanks (Rina, " ADMIN ") is to that username, as signing in takes it', async () => {
  const letter = await api('POST', '/agenda', { letter_no: '027/1/PU', letter_date: '2026-01-05', sender: 'Dinas PU', subject: 'Aktivasi akun' });
  assert.equal(letter.status, 201, letter.text);
  const r = await api('POST', '/disposition?lang=en', { agenda: letter.json.number, from_user: ' ADMIN ', to_user: 'Rina', instruction: 'Proses' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.from_user, 'admin');
  assert.equal(r.json.to_user, 'rina');
  // found by the recipient's username as stored
  const found = await api('GET', '/disposition?q=rina');
  assert.deepEqual(found.json.entries.map((e) => e.id), [r.json.id]);
  // the same user in capitals is no change: nothing written, nothing audited
  const before = (await audits(`disposition:${r.json.id}`)).length;
  const same = await api('PATCH', `/disposition/${r.json.id}`, { to_user: 'RINA' });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.json.to_user, 'rina');
  assert.equal((await audits(`disposition:${r.json.id}`)).length, before);
  // a name no account has is still refused, naming the field
  const none = await api('POST', '/disposition?lang=en', { agenda: letter.json.number, to_user: 'Rini', instruction: 'Proses' });
  assert.equal(none.status, 400, none.text);
  assert.equal(none.json.error.field, 'to_user');
  // the page's form, where the name is typed as a person writes it
  const web = await webSession(s.url);
  const page = await web.post('/register/disposition', { csrf: web.csrf, agenda: letter.json.number, to_user: 'Rina', instruction: 'Periksa berkas' });
  assert.equal(page.status, 303, page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600));
  const list = await api('GET', '/disposition?q=periksa');
  assert.equal(list.json.entries[0].to_user, 'rina');
});

test('a handover from someone to themselves is refused naming to_name, on a new form and a correction', async () => {
  for (const [from, to] of [['Andi', 'Andi'], ['Andi (Dinas PU)', ' andi (dinas pu) ']]) {
    const r = await api('POST', '/handover?lang=en', { items: 'Surat permohonan', from_name: from, to_name: to });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'to_name');
    assert.match(r.json.error.message, /receives is the one who hands over/);
  }
  const id = await api('POST', '/handover', { items: 'Surat permohonan', from_name: 'Sari Wulandari', to_name: 'Rina' });
  assert.equal(id.status, 201, id.text);
  // in Indonesian, the default
  const self = await api('PATCH', `/handover/${id.json.id}`, { to_name: 'SARI WULANDARI' });
  assert.equal(self.status, 400, self.text);
  assert.equal(self.json.error.field, 'to_name');
  assert.match(self.json.error.message, /menerima adalah yang menyerahkan/);
  const items = await api('PATCH', `/handover/${id.json.id}`, { items: 'Surat permohonan\nFotokopi KTP' });
  assert.equal(items.status, 200, items.text);
  // the page says it under the field
  const web = await webSession(s.url);
  const page = await web.post('/register/handover', { csrf: web.csrf, items: 'SK', from_name: 'Budi', to_name: 'budi' });
  assert.equal(page.status, 400);
  assert.match(page.text, /menerima adalah yang menyerahkan/);
});

test('a text far past its limit names the limit of its field in characters, not the bytes read', async () => {
  let r = await api('POST', '/guest-book?lang=en', { name: 'A'.repeat(600), purpose: 'Konsultasi' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([r.json.error.field, r.json.error.limit, r.json.error.message], ['name', 128, 'Name is too long: at most 128 characters']);
  r = await api('POST', '/guest-book?lang=en', { name: 'A'.repeat(200), purpose: 'Konsultasi' });
  assert.deepEqual([r.json.error.field, r.json.error.limit], ['name', 128]);
  const items = Array.from({ length: 3000 }, (_, i) => `Berkas nomor ${i}`).join('\n');
  r = await api('POST', '/handover?lang=en', { items, from_name: 'Andi', to_name: 'Sari' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([r.json.error.field, r.json.error.limit, r.json.error.message], ['items', 4000, 'items is too long: at most 4000 characters']);
  // a list of 300 files fits, kept line by line
  const fits = Array.from({ length: 300 }, (_, i) => `Berkas ${i}`).join('\n');
  r = await api('POST', '/handover', { items: fits, from_name: 'Andi', to_name: 'Sari' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.split('\n').length, 300);
});

test('a time that cannot be read says a day alone is taken too: a due day that is not a real day (30 February)', async () => {
  const letter = await api('POST', '/agenda', { letter_no: '027/9/PU', letter_date: '2026-01-05', sender: 'Dinas PU', subject: 'Aktivasi' });
  let r = await api('POST', '/disposition?lang=en', { agenda: letter.json.number, to_role: 'helpdesk', instruction: 'Proses', due_at: '2030-02-30' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual([r.json.error.field, r.json.error.message], ['due_at', 'Write a real day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM (or in ISO 8601)']);
  r = await api('POST', '/disposition', { agenda: letter.json.number, to_role: 'helpdesk', instruction: 'Proses', due_at: 'besok' });
  assert.match(r.json.error.message, /^Tulis hari yang ada sebagai YYYY-MM-DD atau waktu/);
  // the form it names is taken: a day alone, due by its end
  r = await api('POST', '/disposition', { agenda: letter.json.number, to_role: 'helpdesk', instruction: 'Proses', due_at: '2030-02-28' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.due_at, '2030-02-28T16:59:59Z');
  // the actions' moment too
  const g = await api('POST', '/guest-book', { name: 'Budi', purpose: 'Konsultasi', arrived_at: '2026-01-05T09:00' });
  r = await api('POST', `/guest-book/${g.json.id}/depart?lang=en`, { at: '2026-01-05T25:00' });
  assert.deepEqual([r.status, r.json.error.field], [400, 'at']);
  assert.match(r.json.error.message, /^Write a real day as YYYY-MM-DD/);
});

test('a disposition to or from a disabled account is refused naming the field; a sheet written before keeps its user', async () => {
  addUser(s.dir, 'wulan', 'verifikator', 'wulan-password-1');
  const letter = await api('POST', '/agenda', { letter_no: '027/12/PU', letter_date: '2026-01-05', sender: 'Dinas PU', subject: 'Aktivasi' });
  const before = await api('POST', '/disposition', { agenda: letter.json.number, to_user: 'wulan', instruction: 'Periksa berkas' });
  assert.equal(before.status, 201, before.text);
  const off = await request(s.url, 'POST', '/api/v1/users/wulan/disable', { token: admin });
  assert.equal(off.status, 200, off.text);
  for (const field of ['to_user', 'from_user']) {
    const r = await api('POST', '/disposition?lang=en', { agenda: letter.json.number, [field]: 'Wulan', ...(field === 'from_user' ? { to_role: 'helpdesk' } : {}), instruction: 'Proses' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual([r.json.error.field, r.json.error.message], [field, "This user's account is disabled"]);
  }
  // the sheet written before: its instruction corrected, its recipient kept
  const fix = await api('PATCH', `/disposition/${before.json.id}`, { instruction: 'Periksa berkas segera' });
  assert.equal(fix.status, 200, fix.text);
  assert.equal(fix.json.to_user, 'wulan');
  // enabled again, the disposition is taken
  await request(s.url, 'POST', '/api/v1/users/wulan/enable', { token: admin });
  const again = await api('POST', '/disposition', { agenda: letter.json.number, to_user: 'wulan', instruction: 'Proses' });
  assert.equal(again.status, 201, again.text);
});
