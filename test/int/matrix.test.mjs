// The permission matrix, walked over EVERY route × EVERY role (and anonymous),
// generated from what the binary itself reports (`loket routes --json`): a new
// route or role is covered without touching this file.
//
// For each role R there is one user r-R holding only R, signed in through the
// API (Bearer token, for /api/ routes) and through the form (cookie session,
// for pages). Where the matrix denies R the route's permission the answer must
// be 403; where it allows, anything but 403 and 401 (and, for pages, no
// bounce to the sign-in form).
//
// Keeping later calls meaningful:
// - ":username" is "admin", the user made by init. No caller below is that user
//   (callers are r-ROLE), so an allowed call that changes it — disable, then
//   enable (in that order in the table), roles, password reset — cannot turn a
//   later answer into 401/403.
// - State-changing calls send bodies that fail validation harmlessly: `{}` for
//   JSON, only the csrf field for forms. We only assert "not 403/401" for them.
// - POST /keluar and POST /api/v1/logout end the caller's own session, so they
//   run last for each role.
// - Web POSTs carry the session's csrf and a same-site Origin, so a CSRF refusal
//   cannot pass for a permission refusal (server.c checks the permission before
//   CSRF anyway, so a denied role gets the permission 403 either way).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, routeTable, webSession } from './lib.mjs';

const table = routeTable();
const PARAMS = { username: 'admin', file: 'loket.css', code: 'SOP-LPSE.BTG-017', part: 'LPSE', rest: '2012', register: 'guest-book', id: '1', number: 'LPSE-2026-000001', no: '1', day: '2026-08-18', weekday: '6' };
PARAMS.ref = '1';
PARAMS.userid = 'dewi.ppk';
PARAMS.token = '0000000000000000000000000000000000000000000000000000000000000000';
PARAMS.action = 'arrive';
PARAMS.recap = 'telepon';
PARAMS.token = '0000000000000000000000000000000000000000000000000000000000000000';
PARAMS.rev = '1';
PARAMS.item = '1';
PARAMS.session = '1';
PARAMS.question = '1';
PARAMS.n = '1';
const ENDS_SESSION = new Set(['POST /keluar', 'POST /api/v1/logout']);

const pathOf = (route) => route.path.replace(/:([a-z_]+)/g, (_, name) => {
  if (!(name in PARAMS)) throw new Error(`matrix.test: no sample value for :${name} in ${route.path}: add one to PARAMS`);
  return PARAMS[name];
});
const isApi = (route) => route.path.startsWith('/api/');
const changes = (route) => !['GET', 'HEAD'].includes(route.method);
const allows = (perm, role) => perm === 'public' || perm === 'login' || (table.permissions[perm] || []).includes(role);
const ordered = [...table.routes].sort((a, b) =>
  ENDS_SESSION.has(`${a.method} ${a.path}`) - ENDS_SESSION.has(`${b.method} ${b.path}`));

// Call one route as a caller: {token} for the API, a webSession for pages, or an
// anonymous {pre: {cookie, csrf}} holding only the pre-session CSRF cookie.
async function call(url, route, who) {
  const path = pathOf(route);
  if (isApi(route)) {
    return request(url, route.method, path, { token: who.token, body: changes(route) ? {} : undefined });
  }
  const headers = { Origin: url };
  let cookie, body;
  if (who.web) cookie = who.web.cookie();
  else if (who.pre) cookie = who.pre.cookie;
  if (changes(route)) {
    const csrf = who.web ? who.web.csrf : who.pre?.csrf;
    body = new URLSearchParams(csrf ? { csrf } : {}).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return request(url, route.method, path, { cookie, body, headers });
}

let s;
const callers = {};

before(async () => {
  s = await startServer();
  for (const role of table.roles) addUser(s.dir, `r-${role}`, role, `pw-of-${role}-1`);
  // sign everyone in, a few at a time (argon2id is memory-hungry)
  const roles = [...table.roles];
  const work = async () => {
    for (let role; (role = roles.shift());) {
      const name = `r-${role}`, pw = `pw-of-${role}-1`;
      const r = await request(s.url, 'POST', '/api/v1/login', { body: { username: name, password: pw } });
      if (r.status !== 200) throw new Error(`API login ${name}: ${r.status} ${r.text}`);
      callers[role] = { token: r.json.token, web: await webSession(s.url, name, pw) };
    }
  };
  await Promise.all([work(), work(), work()]);
});
after(async () => { if (s) await s.stop(); });

test('the route table is complete: every route names a known permission, every role has a user', () => {
  assert.ok(table.routes.length > 0 && table.roles.length > 0);
  for (const r of table.routes) {
    assert.ok(r.perm === 'public' || r.perm === 'login' || r.perm in table.permissions,
      `${r.method} ${r.path}: permission "${r.perm}" is not in the matrix`);
    pathOf(r);
  }
  for (const role of table.roles) assert.ok(callers[role], `no session for ${role}`);
});

for (const role of table.roles) {
  test(`role ${role}`, async (t) => {
    for (const route of ordered) {
      const ok = allows(route.perm, role);
      await t.test(`${route.method} ${route.path} [${route.perm}] → ${ok ? 'allowed' : '403'}`, async () => {
        const r = await call(s.url, route, callers[role]);
        if (!ok) {
          assert.equal(r.status, 403, `${role} must be refused: got ${r.status} ${r.text.slice(0, 200)}`);
          if (isApi(route)) assert.equal(r.json?.error?.code, 'forbidden');
          return;
        }
        assert.ok(r.status !== 403 && r.status !== 401, `${role} must be let through: got ${r.status} ${r.text.slice(0, 200)}`);
        assert.ok(r.status < 500 || r.status === 501, `${role}: server error ${r.status} ${r.text.slice(0, 200)}`);
        // (signing out rightly lands on the sign-in form)
        if (!isApi(route) && r.status === 303 && !ENDS_SESSION.has(`${route.method} ${route.path}`)) {
          assert.doesNotMatch(r.headers.get('location') || '', /^\/masuk/, `${role} was sent to sign in`);
        }
      });
    }
  });
}

test('anonymous', async (t) => {
  // a pre-session CSRF token, as a browser that opened the sign-in page holds
  const page = await request(s.url, 'GET', '/masuk');
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const anon = { pre: { cookie: `loket_pre=${csrf}`, csrf } };
  for (const route of ordered) {
    const expect = route.perm === 'public' ? 'allowed' : isApi(route) ? '401' : '303 → /masuk';
    await t.test(`${route.method} ${route.path} [${route.perm}] → ${expect}`, async () => {
      const r = await call(s.url, route, anon);
      if (route.perm === 'public') {
        assert.ok(r.status !== 401 && r.status !== 403, `got ${r.status} ${r.text.slice(0, 200)}`);
      } else if (isApi(route)) {
        assert.equal(r.status, 401, r.text.slice(0, 200));
        assert.equal(r.json?.error?.code, 'unauthenticated');
      } else {
        assert.equal(r.status, 303, r.text.slice(0, 200));
        assert.match(r.headers.get('location') || '', /^\/masuk(\?next=.*)?$/);
      }
    });
  }
});
