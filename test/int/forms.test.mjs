// Forms arrive url-encoded or as multipart/form-data; both are read by the same
// parser with their own size limits (body_limit, upload_limit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_PASSWORD, webSession, login, request } from './lib.mjs';

let s;
before(async () => { s = await startServer({ conf: 'body_limit = 8K\nupload_limit = 64K\n' }); });
after(async () => { await s.stop(); });

// The sign-in page's pre-session CSRF cookie and token.
async function preSession() {
  const res = await fetch(s.url + '/masuk');
  const cookie = (res.headers.getSetCookie() || []).map((c) => c.split(';')[0]).join('; ');
  const html = await res.text();
  const csrf = html.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  return { cookie, csrf };
}

test('sign-in through a multipart/form-data form works like the url-encoded one', async () => {
  const { cookie, csrf } = await preSession();
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('username', 'admin');
  fd.append('password', ADMIN_PASSWORD);
  fd.append('next', '/akun');
  const res = await fetch(s.url + '/masuk', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: cookie, Origin: s.url } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/akun');
  assert.match(res.headers.getSetCookie().join('\n'), /loket_session=[0-9a-f]{64}/);
});

test('a url-encoded field with escapes and non-ASCII text reaches the page intact', async () => {
  const { cookie, csrf } = await preSession();
  const body = new URLSearchParams({ csrf, username: 'nobody-ü "x"', password: 'wrong password &=' }).toString();
  const res = await fetch(s.url + '/masuk', {
    method: 'POST', body, redirect: 'manual',
    headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 401);
  const html = await res.text();
  // the username is shown back, HTML-escaped
  assert.match(html, /value="nobody-ü &quot;x&quot;"/);
});

test('a multipart body over upload_limit is refused with 413', async () => {
  const { cookie, csrf } = await preSession();
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('file', new Blob([Buffer.alloc(100 * 1024, 'a')]), 'big.txt');
  const res = await fetch(s.url + '/masuk', { method: 'POST', body: fd, headers: { Cookie: cookie, Origin: s.url } });
  assert.equal(res.status, 413);
});

test('a url-encoded body over body_limit is refused with 413, while a multipart one of that size passes the limit', async () => {
  const { cookie, csrf } = await preSession();
  const big = 'x'.repeat(20 * 1024);
  const enc = await fetch(s.url + '/masuk', {
    method: 'POST', body: new URLSearchParams({ csrf, username: big, password: 'p' }).toString(),
    headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(enc.status, 413);
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('username', big.slice(0, 60));
  fd.append('password', 'wrong-password');
  fd.append('note', big);
  const mp = await fetch(s.url + '/masuk', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: cookie, Origin: s.url } });
  assert.equal(mp.status, 401);
});

test('a new user with several wrong fields: each named under its own field at once, what was typed kept', async () => {
  const w = await webSession(s.url);
  const r = await w.post('/pengguna', { csrf: w.csrf, username: 'Ab', full_name: 'Nama Tetap', email: 'bukan-alamat', password: '123', roles: 'helpdesk' });
  assert.equal(r.status, 400);
  for (const f of ['username', 'email', 'password']) {
    assert.match(r.text, new RegExp(`<input id="${f}" name="${f}"[^>]* aria-invalid="true" aria-describedby="${f}-error">`), f);
    assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">[^<]+</p>`), f);
  }
  assert.match(r.text, /id="username-error">Nama pengguna harus 3 sampai 32 karakter</);
  assert.doesNotMatch(r.text, /id="full_name-error"/, 'a right field is not marked');
  assert.match(r.text, /name="full_name" type="text" value="Nama Tetap"/);
  assert.match(r.text, /name="username" type="text" value="Ab"/);
  assert.doesNotMatch(r.text, /value="123"/, 'never the password');
});

test('the roles of the new-user form each say what they are for, in the page\'s language', async () => {
  const w = await webSession(s.url);
  const r = await w.post('/pengguna', { csrf: w.csrf, username: 'Ab', roles: 'helpdesk' });
  // the box named by the role alone, its purpose its description
  assert.match(r.text, /value="verifikator" aria-labelledby="role-verifikator" aria-describedby="role-verifikator-d"> <span><span id="role-verifikator">Verifikator <span class="muted mono">verifikator<\/span><\/span><br><small id="role-verifikator-d" class="muted">memeriksa dokumen penyedia terhadap pendaftarannya, memutuskan<\/small>/);
  const en = await w.post('/pengguna?lang=en', { csrf: w.csrf, username: 'Ab', roles: 'helpdesk' });
  assert.match(en.text, /<span id="role-verifikator">Verifier <span class="muted mono">verifikator<\/span><\/span><br><small id="role-verifikator-d" class="muted">checks a provider&#39;s documents against its registration, decides<\/small>/);
});

test('an API body with several wrong fields: the first as field and message, all in fields; one wrong field: no list', async () => {
  const token = await login(s.url);
  let r = await request(s.url, 'POST', '/api/v1/users?lang=en', { token, body: { username: 'Ab', email: 'bukan', password: '123', roles: ['nope'] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'username');
  assert.equal(r.json.error.message, 'Username must be 3 to 32 characters');
  assert.deepEqual(r.json.error.fields, [
    { field: 'username', message: 'Username must be 3 to 32 characters' },
    { field: 'email', message: 'E-mail address is not valid' },
    { field: 'password', message: 'Password must be at least 8 characters' },
    { field: 'roles', message: 'Unknown role' },
  ]);
  r = await request(s.url, 'POST', '/api/v1/users', { token, body: { username: 'ani', password: '123', roles: ['helpdesk'] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'password');
  assert.equal(r.json.error.fields, undefined);
  // the portal's ticket: name, e-mail and subject wrong, each named (public, no token)
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: '', email: 'dewi@', subject: '', description: 'Tanya' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['name', 'email', 'subject']);
  assert.equal(r.json.error.fields[1].message, 'domain setelah @ tidak sah');
});
