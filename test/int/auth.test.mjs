// Signing in and out: API tokens, wrong passwords, throttling (per account and
// per address), locking and unlocking, and the browser's cookie session.
// Each throttling scenario gets its own server: failures are remembered per
// data folder and per address (all tests come from 127.0.0.1).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, request, login, addUser, webSession, cli, atSecondStart, setCookies, ADMIN_PASSWORD, sqlite, switchLanguage, sleep,
} from './lib.mjs';
import { join } from 'node:path';

const tryLogin = (url, username, password) =>
  request(url, 'POST', '/api/v1/login', { body: { username, password } });

describe('API sign-in', () => {
  let s;
  before(async () => { s = await startServer(); });
  after(async () => { await s.stop(); });

  test('right password: 200 with a 64-hex token', async () => {
    const r = await tryLogin(s.url, 'admin', ADMIN_PASSWORD);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.match(r.json.token, /^[0-9a-f]{64}$/);
    assert.ok(r.json.expires_in > 0);
  });

  test('the username as a phone types it (a capital first, a space after) signs in: usernames are lowercase, spaces are no part of one', async () => {
    for (const name of ['Admin', 'ADMIN', ' admin', 'admin ']) {
      const r = await tryLogin(s.url, name, ADMIN_PASSWORD);
      assert.equal(r.status, 200, `${JSON.stringify(name)}: ${r.text}`);
    }
  });

  test('wrong password: 401 bad_credentials', async () => {
    const r = await tryLogin(s.url, 'admin', 'wrong-password');
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'bad_credentials');
    assert.equal(r.json.token, undefined);
  });

  test('unknown user: 401 bad_credentials, the same answer as a wrong password', async () => {
    const r = await tryLogin(s.url, 'nobody-here', 'wrong-password');
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'bad_credentials');
  });

  test('session: /api/v1/me answers with the token; after logout the token is refused', async () => {
    const token = await login(s.url);
    const me = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.json.username, 'admin');
    assert.deepEqual(me.json.roles, ['admin']);

    // the scheme in any case, and blanks after it (RFC 9110: one or more), as clients write them
    for (const h of [`bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`, `Bearer \t${token}`]) {
      const r = await request(s.url, 'GET', '/api/v1/me', { headers: { Authorization: h } });
      assert.equal(r.status, 200, JSON.stringify(h));
    }

    const none = await request(s.url, 'GET', '/api/v1/me');
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'unauthenticated');
    const bogus = await request(s.url, 'GET', '/api/v1/me', { token: 'f'.repeat(64) });
    assert.equal(bogus.status, 401);

    const out = await request(s.url, 'POST', '/api/v1/logout', { token });
    assert.equal(out.status, 200);
    const after = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'unauthenticated');
  });

  test('logout takes no body, or {}: a member it does not know is 400 and the session stays', async () => {
    const token = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/logout?lang=en', { token, body: { everywhere: true } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'everywhere');
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token })).status, 200, 'still signed in');
    r = await request(s.url, 'POST', '/api/v1/logout', { token, body: {} });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ok: true });
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token })).status, 401);
  });

  test('a change by another process (the CLI) holds from the next request, however warm the session', async () => {
    addUser(s.dir, 'warm', 'helpdesk');
    const token = await login(s.url, 'warm', 'user-test-password-1');
    const me = () => request(s.url, 'GET', '/api/v1/me', { token });
    // many requests: every server thread has found (and may keep) this session
    for (let i = 0; i < 24; i++) assert.deepEqual((await me()).json.roles, ['helpdesk']);
    let r = cli(['user', 'roles', 'warm', '--role', 'staf', '--data', s.dir]);
    assert.equal(r.status, 0, r.stderr);
    for (let i = 0; i < 24; i++) assert.deepEqual((await me()).json.roles, ['staf'], `request ${i} after the roles changed`);
    r = cli(['user', 'disable', 'warm', '--data', s.dir]);
    assert.equal(r.status, 0, r.stderr);
    for (let i = 0; i < 24; i++) assert.equal((await me()).status, 401, `request ${i} after the user was disabled`);
  });

  test('after logout a warm session is refused on every thread', async () => {
    const token = await login(s.url);
    for (let i = 0; i < 24; i++) assert.equal((await request(s.url, 'GET', '/api/v1/me', { token })).status, 200);
    assert.equal((await request(s.url, 'POST', '/api/v1/logout', { token })).status, 200);
    for (let i = 0; i < 24; i++) assert.equal((await request(s.url, 'GET', '/api/v1/me', { token })).status, 401, `request ${i}`);
  });

  test('a web session cookie is not an API bearer token and vice versa', async () => {
    const token = await login(s.url);
    const page = await request(s.url, 'GET', '/', { cookie: `loket_session=${token}` });
    assert.equal(page.status, 303, 'an API token in the cookie does not open the web UI');
    const web = await webSession(s.url);
    const cookieToken = web.cookie().match(/loket_session=([0-9a-f]{64})/)[1];
    const api = await request(s.url, 'GET', '/api/v1/me', { token: cookieToken });
    assert.equal(api.status, 401, 'a web session token is not a Bearer token');
  });
});

test('throttled: with default settings the 4th immediate try is 429 with Retry-After', async () => {
  const s = await startServer();
  try {
    for (let i = 1; i <= 2; i++) assert.equal((await tryLogin(s.url, 'admin', `wrong-${i}`)).status, 401);
    // failure times are whole seconds: the 3rd failure and the 4th try share one
    await atSecondStart();
    assert.equal((await tryLogin(s.url, 'admin', 'wrong-3')).status, 401);
    const r = await tryLogin(s.url, 'admin', ADMIN_PASSWORD);
    assert.equal(r.status, 429, r.text);
    assert.equal(r.json.error.code, 'throttled');
    const ra = r.headers.get('retry-after');
    assert.match(ra || '', /^[1-9][0-9]*$/, `Retry-After: ${ra}`);
    // throttled attempts are not checked: even the right password waits
    assert.equal(r.json.token, undefined);
  } finally {
    await s.stop();
  }
});

describe('locked after login_lock_after failures', () => {
  let s;
  // no delays, so only the lock is in play
  before(async () => { s = await startServer({ conf: 'login_delay_max_seconds = 0\nlogin_lock_after = 5\n' }); });
  after(async () => { await s.stop(); });

  const lockOut = async (name, pw) => {
    for (let i = 1; i <= 4; i++) {
      const r = await tryLogin(s.url, name, `wrong-${i}`);
      assert.equal(r.status, 401, `failure ${i}: ${r.text}`);
    }
    const fifth = await tryLogin(s.url, name, 'wrong-5');
    assert.equal(fifth.status, 423, fifth.text);
    assert.equal(fifth.json.error.code, 'locked');
    const right = await tryLogin(s.url, name, pw);
    assert.equal(right.status, 423, 'the right password does not open a locked account');
    assert.equal(right.json.error.code, 'locked');
  };

  test('5 failures lock; `loket user unlock` opens it again', async () => {
    const pw = addUser(s.dir, 'kunci', 'helpdesk');
    await lockOut('kunci', pw);
    const list = JSON.parse(cli(['user', 'list', '--json', '--data', s.dir]).stdout);
    assert.equal(list.find((u) => u.username === 'kunci').state, 'locked');
    const u = cli(['user', 'unlock', 'kunci', '--data', s.dir]);
    assert.equal(u.status, 0, u.stderr);
    assert.match(u.stdout, /unlocked/);
    const r = await tryLogin(s.url, 'kunci', pw);
    assert.equal(r.status, 200, r.text);
    // the count starts again from zero: one more failure is a plain 401
    assert.equal((await tryLogin(s.url, 'kunci', 'wrong-again')).status, 401);
  });

  test('POST /api/v1/users/NAME/unlock as admin opens it again', async (t) => {
    const pw = addUser(s.dir, 'kunci2', 'helpdesk');
    await lockOut('kunci2', pw);
    // a locked account's page offers "Unlock" (not the clearing of failures), without the hint
    const p = await (await webSession(s.url)).get('/pengguna/kunci2');
    assert.match(p.text, /action="\/pengguna\/kunci2\/buka-kunci">.*?<button type="submit" class="">Buka kunci<\/button>/s);
    assert.doesNotMatch(p.text, /Hapus hitungan gagal masuk|Gagal masuk yang tercatat memperlambat/);
    const admin = await login(s.url);
    const r = await request(s.url, 'POST', '/api/v1/users/kunci2/unlock', { token: admin });
    if (r.status === 501) { t.skip('the user-admin API is not written yet (501)'); return; }
    assert.equal(r.status, 200, r.text);
    assert.equal((await tryLogin(s.url, 'kunci2', pw)).status, 200);
  });
});

test('an unknown username is delayed and locked as an account is: neither 429 nor 423 tells which names exist', async () => {
  let s = await startServer();
  try {
    for (const name of ['admin', 'tidak-ada']) {
      for (let i = 1; i <= 2; i++) assert.equal((await tryLogin(s.url, name, `wrong-${i}`)).status, 401, name);
      await atSecondStart();
      assert.equal((await tryLogin(s.url, name, 'wrong-3')).status, 401, name);
      const r = await tryLogin(s.url, name, 'wrong-4');
      assert.equal(r.status, 429, `${name}: ${r.text}`);
      assert.match(r.headers.get('retry-after') || '', /^[1-9][0-9]*$/);
    }
  } finally { await s.stop(); }
  s = await startServer({ conf: 'login_delay_max_seconds = 0\nlogin_lock_after = 5\n' });
  try {
    addUser(s.dir, 'ada', 'helpdesk', 'ada-password-2026');
    const seen = {};
    for (const name of ['ada', 'tidak-ada']) {
      seen[name] = [];
      for (let i = 1; i <= 6; i++) seen[name].push((await tryLogin(s.url, name, `wrong-${i}`)).status);
      seen[name].push((await tryLogin(s.url, name, name === 'ada' ? 'ada-password-2026' : 'x')).status);
    }
    assert.deepEqual(seen['tidak-ada'], seen.ada);
    assert.deepEqual(seen.ada, [401, 401, 401, 401, 423, 423, 423]);
    // the web form says the same of both
    const web = async (username) => {
      const pre = await fetch(`${s.url}/masuk`);
      const cookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const csrf = (await pre.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
      const res = await fetch(`${s.url}/masuk`, { method: 'POST', redirect: 'manual',
        headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, username, password: 'salah', next: '/' }).toString() });
      return res.status;
    };
    assert.equal(await web('ada'), 423);
    assert.equal(await web('tidak-ada'), 423);
    // the audit log tells the truth: the account locked, the unknown name failing
    const rows = sqlite(join(s.dir, 'loket.db'), "SELECT action || ' ' || detail FROM audit WHERE object LIKE 'user:0:tidak-ada' ORDER BY id");
    assert.ok(rows.stdout.trim().split('\n').every((l) => /^auth\.login_failed failures=\d+ unknown user$/.test(l)), rows.stdout);
  } finally { await s.stop(); }
});

// login_unknown grows with every name tried: the SLA watcher's passes forget a name quiet for 30 days
// (AUTH_UNKNOWN_KEEP_S), audited by the system; a name failing since is kept, counted on.
test('the unknown usernames tried are forgotten once quiet for 30 days, by the background pass, audited', async () => {
  let s = await startServer({ conf: 'sla_poll_seconds = 1\n', env: { LOKET_TEST_NOW: '2026-01-05T08:00:00+07:00' } });
  const dir = s.dir;
  const db = join(dir, 'loket.db');
  const names = () => sqlite(db, 'SELECT name || \' \' || failed_count FROM login_unknown ORDER BY name').stdout.trim();
  try {
    for (const name of ['hantu-lama', 'hantu-lama', 'tamu-asing']) assert.equal((await tryLogin(s.url, name, 'salah')).status, 401);
    assert.equal(names(), 'hantu-lama 2\ntamu-asing 1');
  } finally { await s.stop({ keep: true }); }
  // 29 days on: nothing forgotten yet; tamu-asing fails again (its quiet starts over)
  s = await startServer({ dir, conf: 'sla_poll_seconds = 1\n', env: { LOKET_TEST_NOW: '2026-02-03T08:00:00+07:00' } });
  try {
    await sleep(2500);
    assert.equal(names(), 'hantu-lama 2\ntamu-asing 1');
    assert.equal((await tryLogin(s.url, 'tamu-asing', 'salah')).status, 401);
  } finally { await s.stop({ keep: true }); }
  // 31 days after the first failures: hantu-lama forgotten, tamu-asing (2 days quiet) kept
  s = await startServer({ dir, conf: 'sla_poll_seconds = 1\n', env: { LOKET_TEST_NOW: '2026-02-05T08:00:00+07:00' } });
  try {
    for (let i = 0; i < 50 && names() !== 'tamu-asing 2'; i++) await sleep(200);
    assert.equal(names(), 'tamu-asing 2');
    const rows = sqlite(db, "SELECT actor || ' ' || object || ' ' || detail FROM audit WHERE action='auth.unknown_pruned'").stdout.trim();
    assert.equal(rows, 'system login_unknown 1 name(s) no account has, quiet for 30 days, forgotten');
    // a forgotten name is counted from 0 again
    assert.equal((await tryLogin(s.url, 'hantu-lama', 'salah')).status, 401);
    assert.equal(names(), 'hantu-lama 1\ntamu-asing 2');
  } finally { await s.stop(); }
});

test('per-address delay: distinct unknown usernames from one address are throttled (429)', async () => {
  const s = await startServer({ conf: 'login_addr_delay_after = 4\n' });
  try {
    for (let i = 1; i <= 3; i++) assert.equal((await tryLogin(s.url, `ghost${i}`, 'wrong-password')).status, 401);
    await atSecondStart();
    assert.equal((await tryLogin(s.url, 'ghost4', 'wrong-password')).status, 401);
    const r = await tryLogin(s.url, 'ghost5', 'wrong-password');
    assert.equal(r.status, 429, r.text);
    assert.equal(r.json.error.code, 'throttled');
    assert.match(r.headers.get('retry-after') || '', /^[1-9][0-9]*$/);
    // an account that never failed is throttled too: the address is what is slowed
    const admin = await tryLogin(s.url, 'admin', ADMIN_PASSWORD);
    assert.equal(admin.status, 429);
    // a forged X-Forwarded-For does not give a fresh address (trust_proxy is off)
    const forged = await request(s.url, 'POST', '/api/v1/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD }, headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    assert.equal(forged.status, 429);
  } finally {
    await s.stop();
  }
});

// docs/deploy.md: behind nginx (trust_proxy = on, X-Forwarded-For $proxy_add_x_forwarded_for) the
// client's address is the last one in the header, the one nginx added: what the client wrote
// before it is not a fresh address for each try.
test('per-address delay behind a proxy: the address is X-Forwarded-For\'s last, the one the proxy added', async () => {
  const s = await startServer({ conf: 'login_addr_delay_after = 4\ntrust_proxy = on\n' });
  try {
    const via = (forged, i) => request(s.url, 'POST', '/api/v1/login', {
      body: { username: `ghost${i}`, password: 'wrong-password' }, headers: { 'X-Forwarded-For': `${forged}, 198.51.100.7` },
    });
    for (let i = 1; i <= 3; i++) assert.equal((await via(`203.0.113.${i}`, i)).status, 401);
    await atSecondStart();
    assert.equal((await via('203.0.113.4', 4)).status, 401);
    const r = await via('203.0.113.5', 5);
    assert.equal(r.status, 429, r.text);
    // another client behind the same proxy is another address
    const other = await request(s.url, 'POST', '/api/v1/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD }, headers: { 'X-Forwarded-For': '198.51.100.8' },
    });
    assert.equal(other.status, 200, other.text);
    const { stderr } = await s.stop({ keep: true });
    assert.match(stderr, /access 198\.51\.100\.7 "POST \/api\/v1\/login" 429/);
    assert.doesNotMatch(stderr, /access 203\.0\.113/);
  } finally {
    await s.stop();
  }
});

describe('web session', () => {
  let s;
  before(async () => { s = await startServer(); });
  after(async () => { await s.stop(); });

  test('the form signs in with an HttpOnly, SameSite=Lax cookie', async () => {
    const page = await request(s.url, 'GET', '/masuk');
    assert.equal(page.status, 200);
    const pre = setCookies(page.headers).loket_pre;
    assert.ok(pre, 'a pre-session CSRF cookie is set');
    assert.ok(pre.attrs.includes('httponly') && pre.attrs.includes('samesite=lax'), pre.attrs.join('; '));
    const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    assert.equal(csrf, pre.value);

    const body = new URLSearchParams({ csrf, username: 'admin', password: ADMIN_PASSWORD, next: '/' }).toString();
    const r = await request(s.url, 'POST', '/masuk', {
      body, cookie: `loket_pre=${pre.value}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
    const sess = setCookies(r.headers).loket_session;
    assert.ok(sess, 'a session cookie is set');
    assert.match(sess.value, /^[0-9a-f]{64}$/);
    assert.ok(sess.attrs.includes('httponly'), sess.attrs.join('; '));
    assert.ok(sess.attrs.includes('samesite=lax'), sess.attrs.join('; '));
    assert.ok(sess.attrs.includes('path=/'), sess.attrs.join('; '));

    const home = await request(s.url, 'GET', '/', { cookie: `loket_session=${sess.value}` });
    assert.equal(home.status, 200);
    assert.match(home.text, /Administrator/);
  });

  test('a wrong password through the form answers 401 with the form again', async () => {
    const page = await request(s.url, 'GET', '/masuk');
    const pre = setCookies(page.headers).loket_pre.value;
    const r = await request(s.url, 'POST', '/masuk', {
      body: new URLSearchParams({ csrf: pre, username: 'admin', password: 'wrong-password' }).toString(),
      cookie: `loket_pre=${pre}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    });
    assert.equal(r.status, 401);
    assert.match(r.text, /<form[^>]*action="\/masuk"/);
    assert.equal(setCookies(r.headers).loket_session, undefined);
  });

  test('a disabled account signing in is told what to do (ask an administrator), by the API and the form, the username kept', async () => {
    addUser(s.dir, 'dimas', 'helpdesk', 'dimas-password-1');
    assert.equal(cli(['user', 'disable', 'dimas', '--data', s.dir]).status, 0);
    let r = await tryLogin(s.url, 'dimas', 'dimas-password-1');
    assert.equal(r.status, 403);
    assert.deepEqual([r.json.error.code, r.json.error.message],
      ['disabled', 'Akun ini dinonaktifkan: minta administrator mengaktifkannya kembali']);
    r = await request(s.url, 'POST', '/api/v1/login?lang=en', { body: { username: 'dimas', password: 'dimas-password-1' } });
    assert.equal(r.json.error.message, 'This account is disabled: ask an administrator to enable it again');
    const page = await request(s.url, 'GET', '/masuk');
    const pre = setCookies(page.headers).loket_pre.value;
    r = await request(s.url, 'POST', '/masuk', {
      body: new URLSearchParams({ csrf: pre, username: 'dimas', password: 'dimas-password-1' }).toString(),
      cookie: `loket_pre=${pre}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    });
    assert.equal(r.status, 403);
    assert.match(r.text, /Akun ini dinonaktifkan: minta administrator mengaktifkannya kembali/);
    assert.match(r.text, /id="username"[^>]*value="dimas"/);
  });

  test('a session that has ended: the page asked for is kept with its query, and the sign-in form says the session ended', async () => {
    const stale = `loket_session=${'ab'.repeat(32)}`;
    let r = await request(s.url, 'GET', '/pengguna?q=adm&state=active', { cookie: stale });
    assert.equal(r.status, 303);
    const to = r.headers.get('location');
    assert.equal(to, '/masuk?next=%2Fpengguna%3Fq%3Dadm%26state%3Dactive');
    const page = await request(s.url, 'GET', to, { cookie: stale });
    assert.equal(page.status, 200);
    assert.match(page.text, /class="notice info"[^>]*><p>Sesi Anda telah berakhir: masuk lagi untuk melanjutkan</);
    assert.match(page.text, /name="next" value="\/pengguna\?q=adm&amp;state=active"/);
    const pre = setCookies(page.headers).loket_pre.value;
    r = await request(s.url, 'POST', '/masuk', {
      body: new URLSearchParams({ csrf: pre, username: 'admin', password: ADMIN_PASSWORD, next: '/pengguna?q=adm&state=active' }).toString(),
      cookie: `loket_pre=${pre}; ${stale}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/pengguna?q=adm&state=active');
    // a first visit (no session cookie) is not told of a session it never had
    assert.doesNotMatch((await request(s.url, 'GET', to)).text, /Sesi Anda telah berakhir/);
    // a form posted as the session ended (a note on a case) leads, signed in again, to the page it
    // was on, not to the address it posted to (which has no page: 405)
    for (const [path, back] of [['/kasus/LPSE-2026-000001/catatan', '/kasus/LPSE-2026-000001'], ['/pengguna/dimas/peran', '/pengguna/dimas'],
      ['/kasus', '/kasus']]) {
      r = await request(s.url, 'POST', path, { body: 'csrf=x', cookie: stale, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), `/masuk?next=${encodeURIComponent(back)}`, path);
      // with something typed: the sign-in form itself, carrying it (form_again.test), headed to the same page
      r = await request(s.url, 'POST', path, { body: 'body=x', cookie: stale, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
      assert.equal(r.status, 401, path);
      assert.match(r.text, /Sesi Anda telah berakhir/);
      assert.match(r.text, new RegExp(`<input type="hidden" name="next" value="${back}"><input type="hidden" name="kept\\.body" value="x">`), path);
    }
  });

  test('the language switch on the sign-in form keeps where the user was headed (next), on the form and on a refused one', async () => {
    const jar = {};
    const cookie = () => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    const web = {
      get: async (path) => { const r = await request(s.url, 'GET', path, { cookie: cookie() }); Object.assign(jar, Object.fromEntries(Object.entries(setCookies(r.headers)).map(([k, c]) => [k, c.value]))); return r; },
      post: async (path, fields) => {
        const r = await request(s.url, 'POST', path, { body: new URLSearchParams(fields).toString(), cookie: cookie(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
        Object.assign(jar, Object.fromEntries(Object.entries(setCookies(r.headers)).map(([k, c]) => [k, c.value])));
        return r;
      },
    };
    const to = '/masuk?next=%2Fpengguna%3Fq%3Dadm';
    let page = await web.get(to);
    // the form as opened: the switch leads back to it, next and all
    let r = await switchLanguage(web, page.text, 'en');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), to);
    page = await web.get(r.headers.get('location'));
    assert.match(page.text, /<html lang="en"/);
    assert.match(page.text, /class="card login"[^]*?name="next" value="\/pengguna\?q=adm"/);
    // a refused sign-in (no password): the switch draws the form again in the other language,
    // with the username typed and next kept
    const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    r = await web.post('/masuk', { csrf, next: '/pengguna?q=adm', username: 'admin', password: '' });
    assert.equal(r.status, 400);
    r = await switchLanguage(web, r.text, 'id');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /<html lang="id"/);
    assert.match(r.text, /class="card login"[^]*?name="next" value="\/pengguna\?q=adm"/);
    assert.match(r.text, /id="username"[^>]*value="admin"/);
    // signing in from there goes on to the page asked for
    const csrf2 = r.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    r = await web.post('/masuk', { csrf: csrf2, next: r.text.match(/class="card login"[^]*?name="next" value="([^"]*)"/)[1].replace(/&amp;/g, '&'),
      username: 'admin', password: ADMIN_PASSWORD });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/pengguna?q=adm');
  });

  test('webSession(): GET / shows the user; POST /keluar signs out', async () => {
    const w = await webSession(s.url);
    assert.match(w.csrf || '', /^[0-9a-f]{64}$/);
    const home = await w.get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /Administrator/);
    assert.match(home.text, /action="\/keluar"/);
    const cookieBefore = w.cookie();

    const out = await w.post('/keluar', { csrf: w.csrf });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/masuk');
    assert.equal(setCookies(out.headers).loket_session?.value, '', 'the cookie is cleared');

    const again = await w.get('/');
    assert.equal(again.status, 303);
    assert.match(again.headers.get('location'), /^\/masuk/);
    // the old cookie, replayed, is dead on the server too
    const replay = await request(s.url, 'GET', '/', { cookie: cookieBefore });
    assert.equal(replay.status, 303);
    assert.match(replay.headers.get('location'), /^\/masuk\?next=/);
  });
});

test('a password set by someone else must be changed first (web), the API says so', async () => {
  const s = await startServer();
  try {
    const add = cli(['user', 'add', 'budi', '--data', s.dir, '--role', 'helpdesk', '--must-change'],
      { env: { LOKET_PASSWORD: 'temporary-pass-1' } });
    assert.equal(add.status, 0, add.stderr);
    const w = await webSession(s.url, 'budi', 'temporary-pass-1');
    for (const path of ['/', '/?ok=x']) {
      const r = await w.get(path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), '/akun', path);
    }
    const akun = await w.get('/akun');
    assert.equal(akun.status, 200);
    const csrf = w.csrfOf(akun.text);
    assert.match(csrf || '', /^[0-9a-f]{64}$/);
    // changing the language and signing out stay possible
    assert.equal((await w.post('/bahasa', { csrf, lang: 'en', next: '/akun' })).status, 303);
    // the API is not redirected, and tells the client
    const token = await login(s.url, 'budi', 'temporary-pass-1');
    const me = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.json.must_change_password, true);
    // nor is a script fetching a page's file with its token (docs/api.md, Reports): the file, not /akun
    for (const path of ['/laporan?format=csv', '/register/guest-book/ekspor?format=csv']) {
      const f = await request(s.url, 'GET', path, { token });
      assert.equal(f.status, 200, `${path}: ${f.status} ${f.headers.get('location')}`);
      assert.match(f.headers.get('content-type'), /text\/csv/, path);
    }
    // after a change through the API the pages open
    const ch = await request(s.url, 'POST', '/api/v1/me/password', { token, body: { old_password: 'temporary-pass-1', password: 'my-own-pass-22' } });
    assert.equal(ch.status, 200, ch.text);
    const w2 = await webSession(s.url, 'budi', 'my-own-pass-22');
    assert.equal((await w2.get('/')).status, 200);
  } finally {
    await s.stop();
  }
});

test('a weak password is refused wherever one is set, naming the field and why: a common one, a run of keys, the username with digits', async () => {
  const s = await startServer();
  try {
    const token = await login(s.url);
    // created through the API: 400 naming password, in Indonesian; nothing created
    for (const pw of ['password', 'Password1', 'P@ssw0rd!', '12345678', 'qwerty123', 'admin123', 'Lpse2026']) {
      const r = await request(s.url, 'POST', '/api/v1/users', { token, body: { username: 'sari', password: pw, roles: ['helpdesk'] } });
      assert.equal(r.status, 400, `${pw}: ${r.text}`);
      assert.equal(r.json.error.field, 'password', pw);
      assert.match(r.json.error.message, /terlalu mudah ditebak/, pw);
    }
    let r = await request(s.url, 'POST', '/api/v1/users', { token, body: { username: 'sari', password: 'Sari2026!', roles: ['helpdesk'] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.message, 'Kata sandi tidak boleh nama pengguna yang ditambah angka atau tanda');
    assert.equal((await request(s.url, 'GET', '/api/v1/users/sari', { token })).status, 404);
    r = await request(s.url, 'POST', '/api/v1/users', { token, body: { username: 'sari', password: 'Sari-2026-aman', roles: ['helpdesk'] } });
    assert.equal(r.status, 201, r.text);
    // reset by an administrator, changed by its user, set by the CLI
    r = await request(s.url, 'POST', '/api/v1/users/sari/password', { token, body: { password: 'iloveyou2' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'password');
    const own = await login(s.url, 'sari', 'Sari-2026-aman');
    r = await request(s.url, 'POST', '/api/v1/me/password', { token: own, body: { old_password: 'Sari-2026-aman', password: 'abcdefgh' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'password');
    const c = cli(['user', 'passwd', 'sari', '--data', s.dir], { env: { LOKET_PASSWORD: 'Bismillah1' } });
    assert.equal(c.status, 2, c.stderr);
    assert.match(c.stderr, /LOKET_PASSWORD: Password is too easy to guess/);
    // the form says so beside the field, and keeps what was typed but the password
    const w = await webSession(s.url);
    const page = await w.post('/pengguna', { csrf: w.csrf, username: 'budi', full_name: 'Budi Santoso', password: 'Password123', roles: 'helpdesk' });
    assert.equal(page.status, 400);
    assert.match(page.text, /terlalu mudah ditebak/);
    assert.match(page.text, /value="Budi Santoso"/);
    assert.doesNotMatch(page.text, /Password123/);
    // the old password still signs sari in
    await login(s.url, 'sari', 'Sari-2026-aman');
  } finally {
    await s.stop();
  }
});

test('a user\'s name and e-mail are kept without the spaces around them (created and changed)', async () => {
  const s = await startServer();
  try {
    const admin = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/users', { token: admin,
      body: { username: 'rapi', full_name: '  Rapi Sekali ', email: ' rapi@example.go.id\t', password: 'Rapi-2026-aman', roles: ['staf'] } });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual([r.json.full_name, r.json.email], ['Rapi Sekali', 'rapi@example.go.id']);
    r = await request(s.url, 'PATCH', '/api/v1/users/rapi', { token: admin, body: { full_name: ' Rapi Lagi  ' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.full_name, r.json.email], ['Rapi Lagi', 'rapi@example.go.id']);
  } finally {
    await s.stop();
  }
});

test('a user\'s name and e-mail saved as they were: nothing is written, no audit row, and the page says so', async () => {
  const s = await startServer();
  try {
    addUser(s.dir, 'nana', 'staf');
    const admin = await login(s.url);
    const details = async () => (await request(s.url, 'GET', '/api/v1/audit?action=user.update', { token: admin }))
      .json.rows.filter((x) => /^user:\d+:nana$/.test(x.object)).map((x) => x.detail);
    let r = await request(s.url, 'PATCH', '/api/v1/users/nana', { token: admin, body: { full_name: 'Nana Sari' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await details(), ['full_name:  -> Nana Sari; email:  -> ']);
    r = await request(s.url, 'PATCH', '/api/v1/users/nana', { token: admin, body: { full_name: ' Nana Sari ', email: null } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await details()).length, 1, 'the same name and e-mail again: no row');
    const w = await webSession(s.url);
    let p = await w.get('/pengguna/nana');
    const csrf = w.csrfOf(p.text);
    p = await w.post('/pengguna/nana', { csrf, full_name: 'Nana Sari', email: '' });
    assert.equal(p.status, 303);
    assert.match(p.headers.get('location'), /^\/pengguna\/nana\?info=/);
    p = await w.get(p.headers.get('location'));
    assert.match(p.text, /class="notice info"[^>]*><p>Nama dan e-mail sudah demikian; tidak ada yang diubah\.</);
    assert.equal((await details()).length, 1, 'the form saved as it was: no row');
    p = await w.post('/pengguna/nana', { csrf, full_name: 'Nana Sari', email: 'sari@example.go.id' });
    assert.match(p.headers.get('location'), /\?ok=/);
    assert.deepEqual(await details(), ['full_name: Nana Sari -> Nana Sari; email:  -> sari@example.go.id', 'full_name:  -> Nana Sari; email:  -> ']);
  } finally {
    await s.stop();
  }
});

test('unlocking a user who is not locked writes nothing and says so (API changed:false, page info notice, CLI); failed sign-ins counted are cleared', async () => {
  const s = await startServer();
  try {
    const admin = await login(s.url);
    const pw = addUser(s.dir, 'tini', 'helpdesk');
    const unlocks = async () => (await request(s.url, 'GET', '/api/v1/audit?action=user.unlock', { token: admin }))
      .json.rows.filter((x) => /^user:\d+:tini$/.test(x.object));
    let r = await request(s.url, 'POST', '/api/v1/users/tini/unlock', { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.username, r.json.state, r.json.failed_count, r.json.changed], ['tini', 'active', 0, false]);
    let c = cli(['user', 'unlock', 'tini', '--data', s.dir]);
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /^User tini is not locked; nothing changed\.$/m);
    const w = await webSession(s.url);
    let p = await w.get('/pengguna/tini');
    assert.doesNotMatch(p.text, /buka-kunci/, 'no unlock button for an account not locked');
    p = await w.post('/pengguna/tini/buka-kunci', { csrf: w.csrfOf(p.text) });   /* a page left open */
    assert.equal(p.status, 303);
    assert.match(p.headers.get('location'), /^\/pengguna\/tini\?info=/);
    p = await w.get(p.headers.get('location'));
    assert.match(p.text, /<div class="notice info" role="status"><p>Pengguna ini tidak terkunci; tidak ada yang diubah\.<\/p><\/div>/);
    assert.equal((await unlocks()).length, 0, 'nothing written by the API, the CLI or the page');
    // not locked, but failed sign-ins counted (they slow the next ones and bring the lock nearer):
    // an unlock clears them, audited, changed:true
    assert.equal((await tryLogin(s.url, 'tini', 'salah-sekali')).status, 401);
    r = await request(s.url, 'POST', '/api/v1/users/tini/unlock', { token: admin, body: {} });
    assert.deepEqual([r.status, r.json.state, r.json.failed_count, r.json.changed], [200, 'active', 0, true]);
    let rows = await unlocks();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].detail, 'not locked; failures=1 cleared');
    assert.equal((await tryLogin(s.url, 'tini', 'salah-lagi')).status, 401);
    c = cli(['user', 'unlock', 'tini', '--data', s.dir]);
    assert.match(c.stdout, /^User tini was not locked; its failed sign-ins were cleared\.$/m);
    assert.equal((await tryLogin(s.url, 'tini', 'salah-ketiga')).status, 401);
    // the page offers it: a button naming what it does (the account is not locked), and why
    p = await w.get('/pengguna/tini');
    assert.match(p.text, /<form method="post" action="\/pengguna\/tini\/buka-kunci">.*?<button type="submit" class="">Hapus hitungan gagal masuk<\/button><\/form>/s);
    assert.doesNotMatch(p.text, />Buka kunci</);
    assert.match(p.text, /<p class="hint muted">Gagal masuk yang tercatat memperlambat upaya masuk berikutnya dan mengunci akun bila mencapai batas; menghapusnya memulai hitungan dari awal\.?<\/p>/);
    p = await w.post('/pengguna/tini/buka-kunci', { csrf: w.csrfOf(p.text) });
    p = await w.get(p.headers.get('location'));
    assert.match(p.text, /<div class="notice ok" role="status"><p>Pengguna ini tidak terkunci; hitungan gagal masuk yang tercatat untuknya dihapus\.<\/p>/);
    assert.doesNotMatch(p.text, /buka-kunci/, 'nothing to clear: no button');
    assert.equal((await unlocks()).length, 3);
    assert.equal((await tryLogin(s.url, 'tini', pw)).status, 200);
  } finally {
    await s.stop();
  }
});

test('disabling (or enabling) a user who is so already writes nothing and says so: API changed:false, page info notice', async () => {
  const s = await startServer();
  try {
    const admin = await login(s.url);
    addUser(s.dir, 'tono', 'helpdesk');
    const rows = async (action) => (await request(s.url, 'GET', `/api/v1/audit?action=${action}`, { token: admin }))
      .json.rows.filter((x) => /^user:\d+:tono$/.test(x.object)).length;
    let r = await request(s.url, 'POST', '/api/v1/users/tono/disable', { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.state, r.json.changed], ['disabled', true]);
    r = await request(s.url, 'POST', '/api/v1/users/tono/disable', { token: admin, body: {} });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.username, r.json.state, r.json.changed], ['tono', 'disabled', false]);
    assert.equal(await rows('user.disable'), 1, 'one audit row for two disables');
    // the page: the second disable redirects to an info notice, no new row
    const w = await webSession(s.url);
    let p = await w.get('/pengguna/tono');
    const csrf = w.csrfOf(p.text);
    p = await w.post('/pengguna/tono/nonaktifkan', { csrf });
    assert.equal(p.status, 303);
    assert.match(p.headers.get('location'), /^\/pengguna\/tono\?info=/);
    p = await w.get(p.headers.get('location'));
    assert.match(p.text, /<div class="notice info" role="status"><p>Pengguna ini sudah nonaktif; tidak ada yang diubah\.<\/p><\/div>/);
    assert.equal(await rows('user.disable'), 1, 'the page wrote no row either');
    // enable: once changes, the second does not
    p = await w.post('/pengguna/tono/aktifkan', { csrf });
    assert.equal(p.status, 303);
    assert.match(p.headers.get('location'), /\?ok=/);
    p = await w.post('/pengguna/tono/aktifkan', { csrf });
    p = await w.get(p.headers.get('location'));
    assert.match(p.text, /class="notice info"[^>]*><p>Pengguna ini sudah aktif; tidak ada yang diubah\.</);
    r = await request(s.url, 'POST', '/api/v1/users/tono/enable', { token: admin });
    assert.deepEqual([r.status, r.json.state, r.json.changed], [200, 'active', false]);
    assert.equal(await rows('user.enable'), 1, 'one audit row for three enables');
    // an address cannot put its own words in the notice
    p = await w.get('/pengguna/tono?info=Hacked');
    // (the language switch carries the page's address back, escaped, in its hidden "next")
    const shown = p.text.replace(/<form class="lang"[\s\S]*?<\/form>/, '');
    assert.match(p.text, /name="next" value="\/pengguna\/tono\?info=Hacked"/);
    assert.doesNotMatch(shown, /Hacked|notice info/);
  } finally {
    await s.stop();
  }
});

test('default_lang = en holds for a signed-in user who chose no language (API and page)', async () => {
  const s = await startServer({ conf: 'default_lang = en\n' });
  try {
    addUser(s.dir, 'eko', 'helpdesk');
    for (const [name, pw] of [['admin', ADMIN_PASSWORD], ['eko', 'user-test-password-1']]) {
      const t = await login(s.url, name, pw);
      const r = await request(s.url, 'GET', '/api/v1/users?bogus=1', { token: t });
      assert.equal(r.json.error.message, name === 'admin' ? 'bogus is not a known parameter (q,state,limit)' : 'You do not have permission for this', name);
    }
    const w = await webSession(s.url);
    assert.match((await w.get('/')).text, /<html lang="en"/);
  } finally {
    await s.stop();
  }
});

test('a user chooses their own language on /akun or POST /api/v1/me/lang; it holds at every sign-in, audited once', async () => {
  const s = await startServer();
  try {
    addUser(s.dir, 'wayan', 'helpdesk');
    const pw = 'user-test-password-1';
    let t = await login(s.url, 'wayan', pw);
    let me = await request(s.url, 'GET', '/api/v1/me', { token: t });
    assert.equal(me.json.lang, null, 'none chosen: the office default holds');
    // bad values: the field named, nothing changed
    for (const [body, msg] of [[{ lang: 'jv' }, /Bahasa harus id, en, atau kosong/], [{}, /wajib/], [{ lang: 5 }, /Bahasa harus berupa teks/], [{ lang: 'en', x: 1 }, /"field":"x"/]]) {
      const r = await request(s.url, 'POST', '/api/v1/me/lang', { token: t, body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(r.json.error), msg, JSON.stringify(body));
    }
    let r = await request(s.url, 'POST', '/api/v1/me/lang', { token: t, body: { lang: 'en' } });
    assert.deepEqual([r.status, r.json], [200, { lang: 'en' }]);
    // the API now answers in English, the next token too, without ?lang= or a cookie
    t = await login(s.url, 'wayan', pw);
    r = await request(s.url, 'GET', '/api/v1/cases/NOPE-1', { token: t });
    assert.equal(r.json.error.message, 'No such case');
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t })).json.lang, 'en');
    // choosing it again writes nothing; null goes back to the default
    await request(s.url, 'POST', '/api/v1/me/lang', { token: t, body: { lang: 'en' } });
    r = await request(s.url, 'POST', '/api/v1/me/lang', { token: t, body: { lang: null } });
    assert.deepEqual([r.status, r.json], [200, { lang: null }]);
    assert.equal((await request(s.url, 'GET', '/api/v1/cases/NOPE-1', { token: t })).json.error.message, 'Kasus tidak ditemukan');

    // the page: a select on /akun; the choice saved, the language cookie follows it
    const w = await webSession(s.url, 'wayan', pw);
    let p = await w.get('/akun');
    assert.match(p.text, /<select id="a-lang" name="lang"><option value="" selected>Bawaan kantor \(Bahasa Indonesia\)<\/option>/);
    let csrf = w.csrfOf(p.text);
    let q = await w.post('/akun/bahasa', { csrf, lang: 'xx' });
    assert.equal(q.status, 400);
    assert.match(q.text, /Bahasa harus id, en, atau kosong/);
    assert.match(q.text, /id="a-lang" name="lang" aria-invalid="true"/);
    assert.equal((await w.post('/akun/bahasa', { csrf })).status, 400, 'no lang sent');
    q = await w.post('/akun/bahasa', { csrf, lang: 'en' });
    assert.equal(q.status, 303);
    assert.equal(q.headers.get('location'), '/akun?ok=Language%20saved');
    p = await w.get('/akun?ok=Language%20saved');
    assert.match(p.text, /<html lang="en"/);
    assert.match(p.text, /Language saved/);
    assert.match(p.text, /<option value="en" lang="en" selected>English<\/option>/);
    // a new sign-in elsewhere (no cookie): English
    const w2 = await webSession(s.url, 'wayan', pw);
    assert.match((await w2.get('/')).text, /<html lang="en"/);
    // back to the office's default: the cookie goes too
    csrf = w.csrfOf(p.text);
    q = await w.post('/akun/bahasa', { csrf, lang: '' });
    assert.equal(q.status, 303);
    assert.match((await w.get('/')).text, /<html lang="id"/);
    const audit = sqlite(join(s.dir, 'loket.db'), "SELECT detail FROM audit WHERE action='user.lang' ORDER BY id");
    assert.deepEqual(audit.stdout.trim().split('\n'), ['before=default after=en', 'before=en after=default', 'before=default after=en', 'before=en after=default']);
  } finally {
    await s.stop();
  }
});
