// Text people type holds no control character (util_has_control, the one check of the API's
// members, the forms' fields and err_check_text): C0 but "\n", "\r\n" and tab, DEL, and C1
// (U+0080–U+009F), bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused naming
// the field, nothing written, so that a person's note can
// never read as one Loket wrote itself ("\x1E" msgid "\x1F" value, case_note_key).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

let s, token, web, number;
const post = (path, body) => request(s.url, 'POST', path, { token, body });
const get = (path) => request(s.url, 'GET', path, { token });
const PHONE = {
  sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE', urgency: 'mendesak', impact: 'sedang',
  requester: { name: 'Budi Santoso', email: 'budi@example.com' },
};
// a note that would read as Loket's own "request received" were it kept
const FAKE = '\u001erequest received';
// and the bidi overrides and isolates, which show text in another order than it is kept
const BAD = [FAKE, 'a\u001fb', 'a\rb', 'a\u0085b', 'a\u009fb', 'a\u007fb', 'a\u001bb', 'Berkas \u202efdp.exe', 'a\u2066b\u2069'];

before(async () => {
  s = await startServer();
  token = await login(s.url);
  const r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  number = r.json.number;
  web = await webSession(s.url);
});
after(async () => { if (s) await s.stop(); });

test('the API refuses a note or a step note holding a control character, naming the field', async () => {
  for (const body of BAD) {
    let r = await post(`/api/v1/cases/${number}/notes`, { body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, 'body');
    assert.match(r.json.error.message, /karakter kendali/);
    r = await post(`/api/v1/cases/${number}/steps/1`, { outcome: 'done', note: body });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'note');
  }
  // a list's strings too (a user's roles)
  const u = await post('/api/v1/users', { username: 'siti', password: 'kata-sandi-panjang-1', roles: ['operator\u001e'] });
  assert.equal(u.status, 400, u.text);
  assert.equal(u.json.error.field, 'roles');
  assert.equal((await get(`/api/v1/cases/${number}/notes`)).json.notes.length, 0);
  const c = (await get(`/api/v1/cases/${number}`)).json;
  assert.equal(c.current_step, 1);
});

test('line breaks ("\\n", "\\r\\n") and tabs are text; U+00A0 and other letters too', async () => {
  const body = 'Baris satu\r\nbaris dua\n\tdengan tab · Rp 5\u00a0000 · café';
  const r = await post(`/api/v1/cases/${number}/notes`, { body });
  assert.equal(r.status, 201, r.text);
  const notes = (await get(`/api/v1/cases/${number}/notes`)).json.notes;
  assert.equal(notes.length, 1);
  assert.equal(notes[0].body, body);
});

test('a form refuses a note holding a control character, naming the field; the page shows none', async () => {
  for (const body of BAD) {
    const r = await web.post(`/kasus/${number}/catatan`, { csrf: web.csrf, body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text.slice(0, 200)}`);
    assert.match(r.text, /body tidak boleh berisi karakter kendali|karakter kendali/);
  }
  const r = await web.post(`/kasus/${number}/langkah/1`, { csrf: web.csrf, outcome: 'done', note: FAKE });
  assert.equal(r.status, 400);
  assert.equal((await get(`/api/v1/cases/${number}/notes`)).json.notes.length, 1);
  assert.equal((await get(`/api/v1/cases/${number}`)).json.current_step, 1);
  const page = await web.get(`/kasus/${number}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /request received|permintaan diterima/i);
});

test('a form\'s line breaks (CR LF, as a browser sends a textarea) are kept as LF, and a limit counts each once', async () => {
  const before = (await get(`/api/v1/cases/${number}/notes`)).json.notes.length;
  let r = await web.post(`/kasus/${number}/catatan`, { csrf: web.csrf, body: 'Baris satu\r\nbaris dua\r\n\r\nbaris empat' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  let notes = (await get(`/api/v1/cases/${number}/notes`)).json.notes;
  assert.equal(notes.at(-1).body, 'Baris satu\nbaris dua\n\nbaris empat');
  // 4000 characters as the textarea's maxlength counts them (a line break one): 4,399 as sent
  const full = Array.from({ length: 400 }, () => 'x'.repeat(9)).join('\r\n') + 'y';
  assert.equal(full.replace(/\r\n/g, '\n').length, 4000);
  r = await web.post(`/kasus/${number}/catatan`, { csrf: web.csrf, body: full });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  notes = (await get(`/api/v1/cases/${number}/notes`)).json.notes;
  assert.equal(notes.length, before + 2);
  assert.equal(notes.at(-1).body, full.replace(/\r\n/g, '\n'));
  // a CR alone is still no line break
  r = await web.post(`/kasus/${number}/catatan`, { csrf: web.csrf, body: 'a\rb\r\n' });
  assert.equal(r.status, 400);
});
