// One deployment, several offices: roles are held per office, a session works in one
// office at a time, and only a user's home office changes the whole account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, cli, login, request, addUser, webSession, sqlite } from './lib.mjs';

let s, admin;
before(async () => {
  s = await startServer();
  const add = cli(['office', 'add', 'LPSE-OI', '--name', 'LPSE Ogan Ilir', '--tz', 'WIB', '--data', s.dir]);
  assert.equal(add.status, 0, add.stderr);
  addUser(s.dir, 'sari', 'helpdesk');                     // home office: the first (LPSE)
  const oi = cli(['user', 'add', 'oiadmin', '--office', 'LPSE-OI', '--role', 'admin', '--data', s.dir],
                 { env: { LOKET_PASSWORD: 'oi-admin-password-1' } });
  assert.equal(oi.status, 0, oi.stderr);
  admin = await login(s.url);
});
after(async () => { await s.stop(); });

test('office list shows both offices; a bad code or time zone is refused naming the field', () => {
  const list = cli(['office', 'list', '--json', '--data', s.dir]);
  assert.deepEqual(JSON.parse(list.stdout).map((o) => o.code), ['LPSE', 'LPSE-OI']);
  const bad = cli(['office', 'add', 'bad code', '--data', s.dir]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /code/);
  const tz = cli(['office', 'add', 'X1', '--tz', 'PST', '--data', s.dir]);
  assert.notEqual(tz.status, 0);
  assert.match(tz.stderr, /tz/);
  // a code differing only in case would be a second office no one tells apart: refused
  const twin = cli(['office', 'add', 'lpse-oi', '--data', s.dir]);
  assert.notEqual(twin.status, 0);
  assert.match(twin.stderr, /code: .*capital or small letters/);
  // codes are found and time zones taken however they are written; the zone is stored as named
  const set = cli(['office', 'set', 'lpse-oi', '--tz', 'wib', '--data', s.dir]);
  assert.equal(set.status, 0, set.stderr);
  const after = JSON.parse(cli(['office', 'list', '--json', '--data', s.dir]).stdout);
  assert.deepEqual(after.map((o) => [o.code, o.tz]), [['LPSE', 'WIB'], ['LPSE-OI', 'WIB']]);
});

test('office list --json carries what the API gives of each office: its contact and both addresses', async () => {
  const set = cli(['office', 'set', 'LPSE-OI', '--phone', '+62711 580123', '--email', 'lpse@oganilirkab.go.id',
                   '--address', 'Jl. Lintas Timur, Indralaya', '--data', s.dir]);
  assert.equal(set.status, 0, set.stderr);
  const list = JSON.parse(cli(['office', 'list', '--json', '--data', s.dir]).stdout);
  const oi = list.find((o) => o.code === 'LPSE-OI');
  assert.equal(oi.phone, '+62711580123', 'without its spaces, as stored');
  assert.equal(oi.email, 'lpse@oganilirkab.go.id');
  assert.equal(oi.address, 'Jl. Lintas Timur, Indralaya');
  assert.equal(oi.office_public_url, '');
  const api = await request(s.url, 'GET', '/api/v1/offices', { token: admin });
  assert.equal(api.status, 200, api.text);
  assert.deepEqual(list, api.json.offices, 'the same fields and values, the same order');
  const clear = cli(['office', 'set', 'LPSE-OI', '--phone', '', '--email', '', '--address', '', '--data', s.dir]);
  assert.equal(clear.status, 0, clear.stderr);
});

test('an admin of one office sees no users of another until they hold a role there', async () => {
  const oi = await login(s.url, 'oiadmin', 'oi-admin-password-1');
  let r = await request(s.url, 'GET', '/api/v1/users', { token: oi });
  assert.equal(r.status, 200);
  assert.ok(!r.json.users.some((u) => u.username === 'sari'));
  assert.equal((await request(s.url, 'GET', '/api/v1/users/sari', { token: oi })).status, 404);
  const g = cli(['user', 'roles', 'sari', '--office', 'LPSE-OI', '--role', 'piket', '--data', s.dir]);
  assert.equal(g.status, 0, g.stderr);
  r = await request(s.url, 'GET', '/api/v1/users/sari', { token: oi });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.roles, ['piket']);
});

test('only the home office changes the whole account; roles held here may be set from here', async () => {
  const oi = await login(s.url, 'oiadmin', 'oi-admin-password-1');
  const patch = await request(s.url, 'PATCH', '/api/v1/users/sari', { token: oi, body: { full_name: 'Sari X' } });
  assert.equal(patch.status, 403);
  const dis = await request(s.url, 'POST', '/api/v1/users/sari/disable', { token: oi });
  assert.equal(dis.status, 403);
  const roles = await request(s.url, 'PUT', '/api/v1/users/sari/roles', { token: oi, body: { roles: ['piket', 'staf'] } });
  assert.equal(roles.status, 200);
  assert.deepEqual(roles.json.roles, ['piket', 'staf']);
  // the roles left out and a member not known: both in one answer
  const none = await request(s.url, 'PUT', '/api/v1/users/sari/roles?lang=en', { token: oi, body: { peran: ['piket'] } });
  assert.equal(none.status, 400, none.text);
  assert.deepEqual(none.json.error.fields.map((f) => [f.field, f.message]), [['roles', 'Roles is required'], ['peran', 'peran is not a known field']], none.text);
  // the home office still may
  const home = await request(s.url, 'PATCH', '/api/v1/users/sari', { token: admin, body: { full_name: 'Sari Helpdesk' } });
  assert.equal(home.status, 200);
  assert.equal(home.json.full_name, 'Sari Helpdesk');
  // null removes the e-mail address, as "" does; the name left out stays
  let r = await request(s.url, 'PATCH', '/api/v1/users/sari', { token: admin, body: { email: 'sari@example.go.id' } });
  assert.equal(r.json.email, 'sari@example.go.id');
  r = await request(s.url, 'PATCH', '/api/v1/users/sari', { token: admin, body: { email: null } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.email, '');
  assert.equal(r.json.full_name, 'Sari Helpdesk');
});

test('a session switches to an office where its user holds a role, and its roles follow', async () => {
  const t = await login(s.url, 'sari', 'user-test-password-1');
  let me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.deepEqual(me.json.roles, ['helpdesk']);
  const sw = await request(s.url, 'POST', '/api/v1/me/office', { token: t, body: { office: 'LPSE-OI' } });
  assert.equal(sw.status, 200);
  assert.equal(sw.json.office.code, 'LPSE-OI');
  me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.equal(me.json.office.name, 'LPSE Ogan Ilir');
  assert.deepEqual(me.json.roles.sort(), ['piket', 'staf']);
  // no role in a third office: refused; an unknown office: 404
  cli(['office', 'add', 'LPSE-X', '--data', s.dir]);
  assert.equal((await request(s.url, 'POST', '/api/v1/me/office', { token: t, body: { office: 'LPSE-X' } })).status, 403);
  assert.equal((await request(s.url, 'POST', '/api/v1/me/office', { token: t, body: { office: 'NOPE' } })).status, 404);
});

test('a user who holds no role in their home office signs in to an office where they hold one (API and page), not to one where they can do nothing', async () => {
  addUser(s.dir, 'bayu', 'helpdesk');                     // home: LPSE
  assert.equal(cli(['user', 'roles', 'bayu', '--office', 'LPSE-OI', '--role', 'verifikator', '--data', s.dir]).status, 0);
  assert.equal(cli(['user', 'roles', 'bayu', '--office', 'LPSE', '--role', '', '--data', s.dir]).status, 0);
  const t = await login(s.url, 'bayu', 'user-test-password-1');
  const me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.equal(me.json.office.name, 'LPSE Ogan Ilir', me.text);
  assert.deepEqual(me.json.roles, ['verifikator']);
  const w = await webSession(s.url, 'bayu', 'user-test-password-1');
  assert.match((await w.get('/verifikasi')).status.toString(), /^200$/);
  // one who holds a role at home starts there, as before
  const sari = await request(s.url, 'GET', '/api/v1/me', { token: await login(s.url, 'sari', 'user-test-password-1') });
  assert.equal(sari.json.office.name, 'LPSE');
});

test('audit rows of a change land in the office it concerns', async () => {
  const oi = await login(s.url, 'oiadmin', 'oi-admin-password-1');
  const rows = (await request(s.url, 'GET', '/api/v1/audit?action=user.create', { token: oi })).json.rows;
  const objects = rows.map((r) => r.object);
  assert.ok(objects.some((o) => o.endsWith(':oiadmin')), JSON.stringify(objects));
  assert.ok(!objects.some((o) => o.endsWith(':sari')), 'the other office\'s user creation must not show here');
  assert.equal(cli(['audit', 'verify', '--data', s.dir]).status, 0);
});

test('an office moves to another time zone: CLI, API and the calendar page', async () => {
  // the CLI, while the server runs: the office LPSE-OI is in Makassar after all
  let r = cli(['office', 'set', 'LPSE-OI', '--tz', 'WITA', '--name', 'LPSE Kota Makassar', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Office LPSE-OI renamed: LPSE Kota Makassar \(was .+\)\.$/m);
  assert.match(r.stdout, /^Office LPSE-OI moved to WITA \(was WIB\)\. Steps already started keep their due times/m);
  // only what changed is said: a new name alone says nothing of the zone; the same again, that nothing changed
  const audits = () => Number(sqlite(join(s.dir, 'loket.db'), "SELECT count(*) FROM audit WHERE action='office.update'").stdout.trim());
  const before = audits();
  r = cli(['office', 'set', 'LPSE-OI', '--name', 'LPSE Kota Makassar (Sulsel)', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Office LPSE-OI renamed: LPSE Kota Makassar (Sulsel) (was LPSE Kota Makassar).\n');
  r = cli(['office', 'set', 'LPSE-OI', '--name', 'LPSE Kota Makassar', '--tz', 'wita', '--data', s.dir]);
  assert.equal(r.stdout, 'Office LPSE-OI renamed: LPSE Kota Makassar (was LPSE Kota Makassar (Sulsel)).\n');
  r = cli(['office', 'set', 'LPSE-OI', '--name', 'LPSE Kota Makassar', '--tz', 'WITA', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Office LPSE-OI is already LPSE Kota Makassar, WITA; nothing changed.\n');
  assert.equal(audits(), before + 2, 'nothing changed: no audit row');
  const list = JSON.parse(cli(['office', 'list', '--json', '--data', s.dir]).stdout);
  assert.deepEqual(list.find((o) => o.code === 'LPSE-OI'), { code: 'LPSE-OI', name: 'LPSE Kota Makassar', tz: 'WITA', public_url: '',
                                                              office_public_url: '', phone: '', email: '', address: '' });
  for (const [args, re, code] of [[['office', 'set', 'LPSE-OI', '--tz', 'PST'], /tz: /, 2],
                                  [['office', 'set', 'NOPE', '--tz', 'WIT'], /no office NOPE/, 1],
                                  [['office', 'set', 'LPSE-OI'], /give --name NAME, --tz WIB\|WITA\|WIT, --public-url URL, --phone, --email or --address/, 2],
                                  [['office', 'set'], /give the office code/, 2]]) {
    r = cli([...args, '--data', s.dir]);
    assert.equal(r.status, code, `${args}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }

  // the API, in the caller's office (LPSE): to WIT, and a case opened after follows it
  const put = (body) => request(s.url, 'PUT', '/api/v1/calendar/tz', { token: admin, body });
  r = await put({ tz: 'WIT' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { tz: 'WIT' });
  r = await request(s.url, 'GET', '/api/v1/calendar', { token: admin });
  assert.equal(r.json.tz, 'WIT');
  // written in lower case, the zone is stored and answered as it is named
  r = await put({ tz: 'wita' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { tz: 'WITA' });
  assert.equal((await request(s.url, 'GET', '/api/v1/calendar', { token: admin })).json.tz, 'WITA');
  r = await put({ tz: 'WIT' });
  assert.deepEqual(r.json, { tz: 'WIT' });
  for (const [body, field] of [[{ tz: 'PST' }, 'tz'], [{}, 'tz'], [{ tz: 'WIB', zone: 1 }, 'zone']]) {
    r = await put(body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, field);
  }
  // a zone not known (the office's check) with a member not known (the JSON layer): both in one answer
  r = await request(s.url, 'PUT', '/api/v1/calendar/tz?lang=en', { token: admin, body: { tz: 'PST', zone: 'WIT' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => [f.field, f.message]).sort(),
    [['tz', 'Time zone must be WIB, WITA or WIT'], ['zone', 'zone is not a known field']], r.text);
  assert.equal((await request(s.url, 'GET', '/api/v1/calendar', { token: admin })).json.tz, 'WIT');
  r = await request(s.url, 'PUT', '/api/v1/calendar/tz', { token: await login(s.url, 'sari', 'user-test-password-1'), body: { tz: 'WIB' } });
  assert.equal(r.status, 403);
  r = await request(s.url, 'GET', '/api/v1/audit?action=office.update', { token: admin });
  assert.match(JSON.stringify(r.json), /tz WIB -> WIT/);

  // the page: its form, back to WIB
  const w = await webSession(s.url);
  let page = await w.get('/kalender');
  assert.match(page.text, /<option value="WIT" selected>/);
  page = await w.post('/kalender/zona', [['csrf', w.csrf], ['tz', 'WIB']]);
  assert.equal(page.status, 303, page.text);
  page = await w.post('/kalender/zona', [['csrf', w.csrf], ['tz', 'GMT']]);
  assert.equal(page.status, 400);
  assert.match(page.text, /Zona waktu harus WIB, WITA, atau WIT/);
  r = await request(s.url, 'GET', '/api/v1/calendar', { token: admin });
  assert.equal(r.json.tz, 'WIB');
});
