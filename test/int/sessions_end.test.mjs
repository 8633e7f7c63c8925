// When a signed-in user may no longer act: their account disabled (the API token and the
// browser's session both end, and enabling the account again does not bring them back), their
// roles in the office their session is in taken away (403 at once, nothing written; the header's
// office switcher offers the way back to an office where they hold roles), and the
// session ended by time: idle past session_idle_minutes, or in use past session_max_hours (the server
// restarted later on a frozen clock).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, cli, addUser, webSession, sqlite } from './lib.mjs';

const PW = 'user-test-password-1';
let s;
after(async () => { await s?.stop(); });

const auditHead = () => Number(sqlite(join(s.dir, 'loket.db'), 'SELECT coalesce(max(id), 0) FROM audit').stdout.trim());
const auditSince = (from) => sqlite(join(s.dir, 'loket.db'), `SELECT action || ' ' || object FROM audit WHERE id > ${from} ORDER BY id`).stdout.trim();
const form = (csrf, fields = {}) => new URLSearchParams({ csrf, ...fields }).toString();
const post = (path, cookie, body) => request(s.url, 'POST', path, { cookie, body,
  headers: { Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' } });

test('a disabled user\'s token and session end, and stay ended once the account is enabled again', async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2099-03-02T08:00:00+07:00' } });
  addUser(s.dir, 'hdesk', 'helpdesk', PW);
  const admin = await login(s.url);
  const t = await login(s.url, 'hdesk', PW);
  const w = await webSession(s.url, 'hdesk', PW);
  assert.equal((await request(s.url, 'POST', '/api/v1/users/hdesk/disable', { token: admin })).status, 200);
  const head = auditHead();
  const me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.equal(me.status, 401, me.text);
  assert.equal(me.json.error.code, 'unauthenticated');
  const page = await w.get('/kasus');
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location'), /^\/masuk\?next=/);
  const open = await post('/kasus', w.cookie(), form(w.csrf, { subject: 'x' }));
  assert.equal(open.status, 401, 'a form sent on the ended session is not taken');
  const api = await request(s.url, 'POST', '/api/v1/cases', { token: t, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'x', requester: { name: 'x' } } });
  assert.equal(api.status, 401, api.text);
  assert.equal(auditSince(head), '', 'nothing written');
  assert.equal((await request(s.url, 'POST', '/api/v1/users/hdesk/enable', { token: admin })).status, 200);
  assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t })).status, 401, 'the old token stays ended');
  assert.equal((await w.get('/kasus')).status, 303, 'the old session stays ended');
});

test('roles taken away in the office a session is in: refused (403) at once, nothing written', async () => {
  assert.equal(cli(['office', 'add', 'LPSE-B', '--name', 'LPSE B', '--tz', 'WIB', '--data', s.dir]).status, 0);
  assert.equal(cli(['user', 'roles', 'hdesk', '--office', 'LPSE-B', '--role', 'helpdesk', '--data', s.dir]).status, 0);
  const t = await login(s.url, 'hdesk', PW);
  const w = await webSession(s.url, 'hdesk', PW);
  assert.equal((await request(s.url, 'POST', '/api/v1/me/office', { token: t, body: { office: 'LPSE-B' } })).status, 200);
  assert.equal((await w.post('/kantor', { csrf: w.csrf, office: 'LPSE-B' })).status, 303);
  assert.equal((await request(s.url, 'GET', '/api/v1/cases', { token: t })).status, 200);
  assert.equal(cli(['user', 'roles', 'hdesk', '--office', 'LPSE-B', '--role', '', '--data', s.dir]).status, 0);
  const head = auditHead();
  const me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.equal(me.status, 200);
  assert.deepEqual([me.json.office.code, me.json.roles], ['LPSE-B', []]);
  const list = await request(s.url, 'GET', '/api/v1/cases', { token: t });
  assert.equal(list.status, 403, list.text);
  assert.equal(list.json.error.code, 'forbidden');
  const open = await request(s.url, 'POST', '/api/v1/cases', { token: t, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'x', requester: { name: 'x' } } });
  assert.equal(open.status, 403, open.text);
  const refused = await w.get('/kasus');
  assert.equal(refused.status, 403);
  assert.equal((await w.post('/kasus', { csrf: w.csrf, subject: 'x' })).status, 403);
  assert.equal(auditSince(head), '', 'nothing written');
  // the way back: the header's office switcher offers the one office left where they hold roles
  const sw = refused.text.match(/<form class="office-switch" method="post" action="\/kantor">(.*?)<\/form>/s);
  assert.ok(sw, 'the switcher is there with a single office to go to');
  const codes = [...sw[1].matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(codes.length, 1);
  assert.notEqual(codes[0], 'LPSE-B');
  assert.equal((await w.post('/kantor', { csrf: w.csrf, office: codes[0] })).status, 303);
  const back = await w.get('/kasus');
  assert.equal(back.status, 200);
  assert.doesNotMatch(back.text, /class="office-switch"/, 'one office, and in it: no switcher');
});

test('a session ended by time (idle, a day later): the token 401, the page back to sign-in, a form not taken', async () => {
  const t = await login(s.url, 'hdesk', PW);
  const w = await webSession(s.url, 'hdesk', PW);
  await s.stop({ keep: true });
  s = await startServer({ dir: s.dir, env: { LOKET_TEST_NOW: '2099-03-03T08:00:00+07:00' } });   // 24 h later: idle past its hour
  const head = auditHead();
  const me = await request(s.url, 'GET', '/api/v1/me', { token: t });
  assert.equal(me.status, 401, me.text);
  assert.equal(me.json.error.code, 'unauthenticated');
  const page = await request(s.url, 'GET', '/kasus', { cookie: w.cookie() });
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location'), /^\/masuk\?next=/);
  assert.equal((await post('/kasus', w.cookie(), form(w.csrf, { subject: 'x' }))).status, 401);
  assert.equal(auditSince(head), '', 'nothing written');
});

test('a session in use ends at its absolute expiry (session_max_hours), not before', async () => {
  const conf = 'session_idle_minutes = 10080\nsession_max_hours = 12\n';
  const at = async (now) => { await s.stop({ keep: true }); s = await startServer({ conf, dir: s.dir, env: { LOKET_TEST_NOW: now } }); };
  await at('2099-03-04T08:00:00+07:00');
  const t = await login(s.url, 'hdesk', PW);
  await at('2099-03-04T19:00:00+07:00');                      // 11 h on: still in
  assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t })).status, 200);
  await at('2099-03-04T20:30:00+07:00');                      // 12 h 30 on: out
  assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t })).status, 401);
});
