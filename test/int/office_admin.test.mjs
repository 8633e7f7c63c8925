// The administrator's offices: a new office through the API (POST /api/v1/offices) and the page
// /pengaturan/kantor (its creator its administrator; office.create, audited, every wrong field
// named, nothing written), an office's own public address (PATCH /api/v1/office, /pengaturan,
// `loket office add|set --public-url`) that its mailed links start with, and a user given roles in
// another office by an administrator of both (the API and the user's page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, webSession, login, request, cli, initData } from './lib.mjs';
import { rmSync } from 'node:fs';

let s, admin, token, deskToken;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  addUser(s.dir, 'sari', 'piket', 'sari-password-2026');
  admin = await webSession(s.url);
  token = await login(s.url);
  deskToken = await login(s.url, 'meja', 'meja-password-2026');
});
after(async () => { if (s) await s.stop(); });

const audit = async (action) => (await request(s.url, 'GET', `/api/v1/audit?action=${action}`, { token })).json.rows;
const offices = async () => (await request(s.url, 'GET', '/api/v1/offices', { token })).json.offices.map((o) => o.code);

test('POST /api/v1/offices: a new office, its creator its administrator, audited; every wrong field named, nothing written', async () => {
  const bad = await request(s.url, 'POST', '/api/v1/offices?lang=en', { token, body: { code: 'A B', name: ' ', tz: 'CET', public_url: 'ftp://x' } });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'code');
  for (const f of ['letters, digits', 'Office name', 'Time zone', 'http:// or https://']) assert.ok(bad.text.includes(f), `${f}: ${bad.text}`);
  assert.deepEqual(await offices(), ['LPSE']);
  // a field of the wrong type, or one the route does not read
  assert.equal((await request(s.url, 'POST', '/api/v1/offices', { token, body: { code: 'X', name: 'X', color: 'red' } })).status, 400);
  assert.equal((await request(s.url, 'POST', '/api/v1/offices', { token, body: { code: 7, name: 'X' } })).status, 400);
  const r = await request(s.url, 'POST', '/api/v1/offices', { token, body: { code: 'KAB-A', name: 'LPSE Kabupaten A', tz: 'wita', public_url: 'https://lpse.kaba.go.id//' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { code: 'KAB-A', name: 'LPSE Kabupaten A', tz: 'WITA', public_url: 'https://lpse.kaba.go.id', office_public_url: 'https://lpse.kaba.go.id', phone: '', email: '', address: '' });
  assert.deepEqual(await offices(), ['KAB-A', 'LPSE']);
  const roles = (await audit('user.roles'))[0];
  assert.match(roles.detail, /office=KAB-A before= after=admin/);
  // the creator administers it: the session moves there, with the admin role, and its auditors see how it began
  const moved = await request(s.url, 'POST', '/api/v1/me/office', { token, body: { office: 'KAB-A' } });
  assert.equal(moved.status, 200, moved.text);
  const me = await request(s.url, 'GET', '/api/v1/me', { token });
  assert.deepEqual(me.json.roles, ['admin']);
  const created = (await audit('office.create'))[0];
  assert.match(created.detail, /^code=KAB-A name=LPSE Kabupaten A tz=WITA public_url=https:\/\/lpse\.kaba\.go\.id$/);
  assert.equal((await request(s.url, 'POST', '/api/v1/me/office', { token, body: { office: 'LPSE' } })).status, 200);
  // a code taken, in any case: 409 on code
  const taken = await request(s.url, 'POST', '/api/v1/offices', { token, body: { code: 'kab-a', name: 'Lain' } });
  assert.equal(taken.status, 409);
  assert.equal(taken.json.error.field, 'code');
  // not the administrator's: 403, on the list too
  assert.equal((await request(s.url, 'POST', '/api/v1/offices', { token: deskToken, body: { code: 'KAB-Z', name: 'Z' } })).status, 403);
  assert.equal((await request(s.url, 'GET', '/api/v1/offices', { token: deskToken })).status, 403);
});

test('PATCH /api/v1/office public_url: the office\'s own address, checked, audited, "" for loket.conf\'s', async () => {
  const bad = await request(s.url, 'PATCH', '/api/v1/office?lang=en', { token, body: { public_url: 'https://lpse example' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'public_url');
  for (const v of ['lpse.go.id', 'https://', 'https:///x', 'https://a.go.id/?x=1', 'javascript:alert(1)']) {
    const r = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { public_url: v } });
    assert.equal(r.status, 400, v);
  }
  let r = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { public_url: 'http://lpse.kota.go.id:8080/loket/' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.office_public_url, 'http://lpse.kota.go.id:8080/loket');
  assert.match((await audit('office.update'))[0].detail, /public_url  -> http:\/\/lpse\.kota\.go\.id:8080\/loket$/);
  // the portal's mail of this office: its links on its own address, whatever the Host header
  const t = await request(s.url, 'POST', '/api/v1/portal/tickets', {
    headers: { Host: 'evil.example' },
    body: { name: 'Budi Santoso', email: 'budi@cvmaju.co.id', subject: 'Lupa kata sandi', description: 'E-mail tidak masuk.' },
  });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.json.track_url, `http://lpse.kota.go.id:8080/loket/portal/t/${t.json.token}`);
  const n = (await audit('office.update')).length;
  r = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { public_url: 'http://lpse.kota.go.id:8080/loket' } });
  assert.equal(r.status, 200);
  assert.equal((await audit('office.update')).length, n, 'already so: nothing written');
  r = await request(s.url, 'PATCH', '/api/v1/office', { token, body: { public_url: '' } });
  assert.equal(r.json.office_public_url, '');
  assert.equal(r.json.public_url, '');
});

test('roles in another office: given by an administrator of both; refused (403, office) by one who is not', async () => {
  let r = await request(s.url, 'PUT', '/api/v1/users/sari/roles', { token, body: { roles: ['helpdesk', 'trainer'], office: 'KAB-A' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.roles, ['piket'], 'the roles here unchanged');
  assert.deepEqual(r.json.office_roles, { office: 'KAB-A', roles: ['helpdesk', 'trainer'] });
  assert.match((await audit('user.roles'))[0].detail, /office=KAB-A before= after=helpdesk, trainer/);
  // an admin of LPSE only (not of KAB-A)
  addUser(s.dir, 'kepala', 'admin', 'kepala-password-2026');
  const other = await login(s.url, 'kepala', 'kepala-password-2026');
  r = await request(s.url, 'PUT', '/api/v1/users/sari/roles?lang=en', { token: other, body: { roles: ['admin'], office: 'KAB-A' } });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'office');
  r = await request(s.url, 'PUT', '/api/v1/users/sari/roles?lang=en', { token, body: { roles: ['admin'], office: 'NOPE' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'office');
  // the office given as this one's code: as without it
  r = await request(s.url, 'PUT', '/api/v1/users/sari/roles', { token, body: { roles: ['piket'], office: 'lpse' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.office_roles, undefined);
});

test('the page /pengaturan/kantor lists the offices and makes a new one; a wrong field is marked, what was typed kept', async () => {
  const page = await admin.get('/pengaturan/kantor');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Kantor<\/h1>/);
  assert.match(page.text, /<td class="mono">KAB-A<\/td><td>LPSE Kabupaten A<\/td><td>WITA<\/td><td><span class="mono">https:\/\/lpse\.kaba\.go\.id<\/span>/);
  assert.match(page.text, /<td class="mono">LPSE<\/td>.*public_url di loket\.conf/);
  assert.match((await admin.get('/pengaturan')).text, /href="\/pengaturan\/kantor"/);
  const bad = await admin.post('/pengaturan/kantor', { csrf: admin.csrf, code: 'KAB-B', name: 'LPSE Kabupaten B', tz: 'WIT', public_url: 'lpse.kabb.go.id' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="public_url" name="public_url"[^>]*value="lpse\.kabb\.go\.id"[^>]*aria-invalid="true"/);
  assert.match(bad.text, /value="KAB-B"/);
  assert.match(bad.text, /<option value="WIT" selected>/);
  assert.match(bad.text, /Alamat harus diawali http:\/\/ atau https:\/\//);
  assert.deepEqual(await offices(), ['KAB-A', 'LPSE']);
  const r = await admin.post('/pengaturan/kantor', { csrf: admin.csrf, code: 'KAB-B', name: ' LPSE Kabupaten B ', tz: 'WIT', public_url: '' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /^\/pengaturan\/kantor\?ok=Office created/);
  assert.match((await admin.get(r.headers.get('location'))).text, /Kantor dibuat: Anda administratornya/);
  const list = (await request(s.url, 'GET', '/api/v1/offices', { token })).json.offices;
  assert.deepEqual(list.find((o) => o.code === 'KAB-B'), { code: 'KAB-B', name: 'LPSE Kabupaten B', tz: 'WIT', public_url: '', office_public_url: '', phone: '', email: '', address: '' });
  // without CSRF, or without office.create: refused
  assert.equal((await admin.post('/pengaturan/kantor', { code: 'KAB-C', name: 'C' })).status, 403);
  const desk = await webSession(s.url, 'meja', 'meja-password-2026');
  assert.equal((await desk.get('/pengaturan/kantor')).status, 403);
  assert.equal((await desk.post('/pengaturan/kantor', { csrf: desk.csrf, code: 'KAB-C', name: 'C' })).status, 403);
});

test('the settings page sets the office\'s own address; the user\'s page gives roles in another office', async () => {
  let r = await admin.post('/pengaturan', { csrf: admin.csrf, name: 'LPSE', tz: 'WIB', public_url: 'https://lpse.kota.go.id/' });
  assert.equal(r.status, 303);
  let page = await admin.get('/pengaturan');
  assert.match(page.text, /id="public_url" name="public_url"[^>]*value="https:\/\/lpse\.kota\.go\.id"/);
  assert.match(page.text, /id="public-url">[^<]*<a href="https:\/\/lpse\.kota\.go\.id">/);
  r = await admin.post('/pengaturan', { csrf: admin.csrf, name: 'LPSE', tz: 'WIB', public_url: 'https://a b' });
  assert.equal(r.status, 400);
  assert.match(r.text, /value="https:\/\/a b"[^>]*aria-invalid="true"/);
  // sari's page: the office select (the admin administers LPSE, KAB-A and KAB-B) and KAB-A's roles
  page = await admin.get('/pengguna/sari?kantor=KAB-A');
  assert.equal(page.status, 200);
  assert.match(page.text, /<select id="kantor" name="kantor"><option value="KAB-A" selected>/);
  assert.match(page.text, /Peran di kantor LPSE Kabupaten A/);
  assert.match(page.text, /<input type="hidden" name="office" value="KAB-A">/);
  r = await admin.post('/pengguna/sari/peran', { csrf: admin.csrf, office: 'KAB-A', roles: 'verifikator' });
  assert.equal(r.status, 303, r.text);
  const u = await request(s.url, 'PUT', '/api/v1/users/sari/roles', { token, body: { roles: ['verifikator'], office: 'KAB-A' } });
  assert.deepEqual(u.json.office_roles.roles, ['verifikator'], 'set by the page (the same again here)');
  // an office where the admin is no administrator: the page shows this office's roles; the post is refused
  r = await admin.post('/pengguna/sari/peran', { csrf: admin.csrf, office: 'NOPE', roles: 'verifikator' });
  assert.equal(r.status, 400);
  const kepala = await webSession(s.url, 'kepala', 'kepala-password-2026');
  r = await kepala.post('/pengguna/sari/peran', { csrf: kepala.csrf, office: 'KAB-A', roles: 'admin' });
  assert.equal(r.status, 403);
  assert.doesNotMatch((await kepala.get('/pengguna/sari')).text, /id="kantor"/, 'one office administered: no select');
});

test('loket office add|set --public-url; office list shows it; a bad address exits 2 naming the option\'s field', () => {
  const dir = initData();
  try {
    let r = cli(['office', 'add', 'KAB-D', '--name', 'LPSE D', '--public-url', 'https://lpse.kabd.go.id/', '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    r = cli(['office', 'list', '--json', '--data', dir]);
    assert.deepEqual(JSON.parse(r.stdout).find((o) => o.code === 'KAB-D'), { code: 'KAB-D', name: 'LPSE D', tz: 'WIB', public_url: 'https://lpse.kabd.go.id',
                                                                   office_public_url: 'https://lpse.kabd.go.id', phone: '', email: '', address: '' });
    assert.match(cli(['office', 'list', '--data', dir]).stdout, /^KAB-D\s+WIB\s+LPSE D  https:\/\/lpse\.kabd\.go\.id$/m);
    r = cli(['office', 'set', 'KAB-D', '--public-url', 'lpse', '--data', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^loket office set: --public-url: The address must be http:\/\/ or https:\/\//);
    r = cli(['office', 'add', 'KAB-E', '--public-url', 'x', '--tz', 'CET', '--data', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /loket office add: --tz: .*\nloket office add: --public-url: /);
    r = cli(['office', 'set', 'KAB-D', '--public-url', '', '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Office KAB-D: its links start with loket\.conf's public_url again \(was https:\/\/lpse\.kabd\.go\.id\)/);
    r = cli(['office', 'set', 'KAB-D', '--public-url', 'http://10.0.0.5:8080', '--data', dir]);
    assert.match(r.stdout, /its links start with http:\/\/10\.0\.0\.5:8080 \(was loket\.conf's public_url\)/);
    // an address of spaces only (a shell's "   ") is none: nothing stored but the empty address
    r = cli(['office', 'set', 'KAB-D', '--address', '  Jl. Pemuda 2  ', '--data', dir]);
    assert.match(r.stdout, /address Jl\. Pemuda 2\.$/m, r.stdout);
    r = cli(['office', 'set', 'KAB-D', '--address', '   ', '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(cli(['office', 'list', '--json', '--data', dir]).stdout).find((o) => o.code === 'KAB-D').address, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
