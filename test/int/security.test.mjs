// What every answer carries and what the dispatcher refuses: security headers,
// 404/405, strict JSON input, body limits, CSRF, health, metrics, static caching.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, request, login, webSession, ADMIN_PASSWORD, PG, sqlite } from './lib.mjs';
import { join } from 'node:path';

const CONF = 'body_limit = 4096\n';

// The headers every response must carry. A page (HTML) has a CSP whose script
// nonce is returned; JSON carries a CSP that allows nothing at all ("default-src
// 'none'"), where a nonce would serve no purpose (server.c resp_headers); other
// answers (CSS, text, files, redirects) either. Returns the nonce, or null for a non-page.
function assertSecurityHeaders(r, what) {
  const h = r.headers;
  const csp = h.get('content-security-policy') || '';
  assert.ok(csp, `${what}: a Content-Security-Policy`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(h.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.ok(h.get('referrer-policy'), `${what}: Referrer-Policy`);
  const html = /^text\/html/.test(h.get('content-type') || '');
  const m = csp.match(/script-src 'nonce-([A-Za-z0-9+/_=-]{16,})'/);
  if (html) {
    assert.ok(m, `${what}: a page's CSP has a script nonce, got "${csp}"`);
    assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: no unsafe-*`);
    return m[1];
  }
  if (/^application\/json/.test(h.get('content-type') || '')) {
    assert.equal(csp, "default-src 'none'; frame-ancestors 'none'; base-uri 'none'", `${what}: JSON allows nothing`);
  }
  assert.ok(m || /default-src 'none'/.test(csp), `${what}: a non-page CSP is a nonce or 'none', got "${csp}"`);
  return m ? m[1] : null;
}

// A request's answer; a connection closed without one fails with that said plainly.
async function answerOf(p) {
  try { return await p; } catch (e) {
    assert.fail(`no answer: the server closed the connection (${e.cause?.message || e.message})`);
  }
}

// Pages whose error answer is drawn by the web layer run on a server of their
// own: if drawing one kills the process, only these tests fail.
async function onOwnServer(fn) {
  const s = await startServer({ conf: CONF });
  let failure;
  try {
    await fn(s);
    const alive = await answerOf(request(s.url, 'GET', '/healthz'));
    assert.equal(alive.status, 200, 'the server is still up afterwards');
  } catch (e) { failure = e; }
  const st = await s.stop();
  const log = st.stderr.split('\n').filter((l) => l && !l.includes(' access ')).join('\n');
  if (st.code !== 0) {
    const why = `server exit: code ${st.code}, signal ${st.sig}${log ? `\n${log}` : ''}`;
    throw new assert.AssertionError({ message: failure ? `${failure.message}\n${why}` : why });
  }
  if (failure) throw failure;
}

describe('on one server', () => {
  let s, token, web;
  before(async () => {
    s = await startServer({ conf: CONF });
    token = await login(s.url);
    web = await webSession(s.url);
  });
  after(async () => { await s.stop(); });

  test('every kind of response carries CSP (a fresh nonce on pages), nosniff, DENY and Referrer-Policy', async () => {
    const cases = [
      ['GET /masuk', () => request(s.url, 'GET', '/masuk')],
      ['GET / (redirect)', () => request(s.url, 'GET', '/')],
      ['GET / (signed in)', () => web.get('/')],
      ['GET /healthz', () => request(s.url, 'GET', '/healthz')],
      ['GET /metrics', () => request(s.url, 'GET', '/metrics')],
      ['GET /static/loket.css', () => request(s.url, 'GET', '/static/loket.css')],
      ['GET /static/loket.css (304)', async () => {
        const first = await request(s.url, 'GET', '/static/loket.css');
        return request(s.url, 'GET', '/static/loket.css', { headers: { 'If-None-Match': first.headers.get('etag') } });
      }],
      ['GET /api/v1/me', () => request(s.url, 'GET', '/api/v1/me', { token })],
      ['GET /api/v1/me (401)', () => request(s.url, 'GET', '/api/v1/me')],
      ['GET /api/v1/nope (404)', () => request(s.url, 'GET', '/api/v1/nope')],
      ['GET /api/v1/login (405)', () => request(s.url, 'GET', '/api/v1/login')],
      ['POST /api/v1/login (400)', () => request(s.url, 'POST', '/api/v1/login', { body: '{' })],
      ['POST /bahasa (403 csrf)', () => web.post('/bahasa', { lang: 'en' })],
    ];
    const nonces = [], statuses = new Set();
    for (const [what, call] of cases) {
      const r = await call();
      statuses.add(r.status);
      const n = assertSecurityHeaders(r, `${what} → ${r.status}`);
      if (n) nonces.push(n);
    }
    // pages: the sign-in form, the home page, the CSRF refusal page (twice the form below)
    nonces.push(assertSecurityHeaders(await request(s.url, 'GET', '/masuk'), 'GET /masuk again'));
    assert.ok(nonces.length >= 4, `pages with a nonce: ${nonces.length}`);
    assert.equal(new Set(nonces).size, nonces.length, 'a new nonce for every page');
    assert.ok(statuses.has(304) && statuses.has(303) && statuses.has(405), [...statuses].join(' '));
  });

  test('an unknown /api/ path is a JSON 404', async () => {
    const r = await request(s.url, 'GET', '/api/v1/tidak-ada');
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.equal(r.json.error.code, 'not_found');
    assert.equal(typeof r.json.error.message, 'string');
  });

  test('a 405 names the allowed methods in Allow (RFC 9110 §15.5.6)', async () => {
    const r = await request(s.url, 'GET', '/api/v1/login');
    assert.equal(r.status, 405);
    assert.match(r.headers.get('allow') || '', /\bPOST\b/, 'Allow header');
  });

  test('sign-in "next": other sites and control characters fall back to a safe local address', async () => {
    const page = await request(s.url, 'GET', '/masuk');
    const pre = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    for (const [next, want] of [['//evil.example/', '/'], ['https://evil.example/', '/'], ['/\\evil', '/'], ['/akun?x=1', '/akun?x=1']]) {
      const r = await request(s.url, 'POST', '/masuk', {
        body: new URLSearchParams({ csrf: pre, username: 'admin', password: '', next }).toString(),
        cookie: `loket_pre=${pre}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
      });
      assert.equal(r.status, 400);   // no password: the form again, keeping "next" for the next try
      const kept = r.text.match(/<form class="card login"[^]*?name="next" value="([^"]*)"/)?.[1];
      assert.equal(kept, want.replace(/&/g, '&amp;'), `next ${JSON.stringify(next)} kept as ${JSON.stringify(kept)}`);
    }
    const pre2 = pre;
    const r = await request(s.url, 'POST', '/masuk', {
      body: new URLSearchParams({ csrf: pre2, username: 'admin', password: ADMIN_PASSWORD, next: '/\r\nX-Evil: 1' }).toString(),
      cookie: `loket_pre=${pre2}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('x-evil'), null);
    assert.equal(r.headers.get('location'), '/', 'a 303 must say where to go');
  });

  test('a wrong method on a known /api/ path is 405', async () => {
    for (const [m, p] of [['GET', '/api/v1/login'], ['DELETE', '/api/v1/me'], ['PUT', '/api/v1/logout']]) {
      const r = await request(s.url, m, p, { token });
      assert.equal(r.status, 405, `${m} ${p}`);
      assert.equal(r.json.error.code, 'method_not_allowed');
    }
  });

  test('malformed JSON to /api/v1/login → 400 naming "body" (a member given twice: that member)', async () => {
    for (const body of ['{"username": "admin",', 'not json', '[1,2]', '"admin"']) {
      const r = await request(s.url, 'POST', '/api/v1/login', { body, headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, 400, body);
      assert.equal(r.json.error.field, 'body', body);
    }
    const twice = await request(s.url, 'POST', '/api/v1/login', { body: '{"username":"a","username":"b","password":"x"}', headers: { 'Content-Type': 'application/json' } });
    assert.equal(twice.status, 400);
    assert.equal(twice.json.error.field, 'username');
    const empty = await request(s.url, 'POST', '/api/v1/login', { headers: { 'Content-Type': 'application/json' } });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.field, 'body');
  });

  test('a member of the wrong type → 400 naming it', async () => {
    const r = await request(s.url, 'POST', '/api/v1/login', { body: { username: 5, password: 'x' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'username');
    const r2 = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: ['x'] } });
    assert.equal(r2.status, 400);
    assert.equal(r2.json.error.field, 'password');
    const r3 = await request(s.url, 'POST', '/api/v1/login', { body: { password: 'x' } });
    assert.equal(r3.status, 400);
    assert.equal(r3.json.error.field, 'username');
  });

  test('an unknown member → 400 naming it', async () => {
    const r = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: 'x', remember_me: true } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'remember_me');
    assert.match(r.json.error.message, /remember_me/);
  });

  test('a body over body_limit (4096) → 413', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(10 * 1024) });
    const r = await answerOf(request(s.url, 'POST', '/api/v1/login', { body, headers: { 'Content-Type': 'application/json' } }));
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'too_large');
    assert.match(r.json.error.message, /\(paling besar 4 KiB\)$/, 'the limit is named');
    assertSecurityHeaders(r, 'POST /api/v1/login (413)');
    // just under the limit is read and checked as usual
    const ok = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: 'x'.repeat(3000) } });
    assert.equal(ok.status, 400, 'password longer than 256 is a 400, not a 413');
    assert.equal(ok.json.error.field, 'password');
  });

  test('CSRF: a web POST without the token → 403', async () => {
    for (const path of ['/akun', '/bahasa']) {
      const r = await web.post(path, { lang: 'en' });
      assert.equal(r.status, 403, path);
      assert.match(r.headers.get('content-type'), /text\/html/, `${path}: a page for people`);
    }
  });

  test('CSRF: a wrong token → 403', async () => {
    for (const path of ['/akun', '/bahasa']) {
      const r = await web.post(path, { csrf: 'a'.repeat(64), lang: 'en' });
      assert.equal(r.status, 403, path);
    }
    const viaHeader = await web.post('/bahasa', { lang: 'en' }, { 'X-CSRF-Token': '0'.repeat(64) });
    assert.equal(viaHeader.status, 403);
  });

  test('CSRF: the right token sent from another site (Origin or Referer) → 403', async () => {
    for (const path of ['/akun', '/bahasa']) {
      const r = await web.post(path, { csrf: web.csrf, lang: 'en' }, { Origin: 'http://evil.example' });
      assert.equal(r.status, 403, path);
    }
    const lookalike = await web.post('/bahasa', { csrf: web.csrf, lang: 'en' }, { Origin: `${s.url}.evil.example` });
    assert.equal(lookalike.status, 403, 'an Origin that merely starts with our host');
    const nullOrigin = await web.post('/bahasa', { csrf: web.csrf, lang: 'en' }, { Origin: 'null' });
    assert.equal(nullOrigin.status, 403, 'Origin: null');
    // without Origin, the Referer is checked instead
    const viaReferer = await fetch(s.url + '/bahasa', {
      method: 'POST', redirect: 'manual',
      headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Referer: 'http://evil.example/page' },
      body: new URLSearchParams({ csrf: web.csrf, lang: 'en' }).toString(),
    });
    assert.equal(viaReferer.status, 403, 'Referer of another site');
  });

  test('CSRF: the right token from this site → not 403', async () => {
    const r = await web.post('/bahasa', { csrf: web.csrf, lang: 'id', next: '/' });
    assert.notEqual(r.status, 403);
    assert.equal(r.status, 303);
    const viaHeader = await web.post('/bahasa', { lang: 'id' }, { 'X-CSRF-Token': web.csrf });
    assert.equal(viaHeader.status, 303, 'the token may come in X-CSRF-Token');
  });

  test('a form field that is not UTF-8 text → 400 naming it, before the handler runs', async () => {
    const res = await fetch(s.url + '/bahasa', {
      method: 'POST', redirect: 'manual',
      headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
      body: `csrf=${web.csrf}&lang=id&next=%2F%FFx`,
    });
    const text = await res.text();
    assert.equal(res.status, 400, text);
    assert.match(text, /next/);
    assert.match(text, /bukan teks UTF-8|not UTF-8 text/);
  });

  test('a form field holding a control character → 400 naming it; line breaks and tabs pass', async () => {
    const send = (next) => fetch(s.url + '/bahasa', {
      method: 'POST', redirect: 'manual',
      headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
      body: `csrf=${web.csrf}&lang=id&next=${next}`,
    });
    let res = await send('%2F%07x');
    const text = await res.text();
    assert.equal(res.status, 400, text);
    assert.match(text, /next/);
    assert.match(text, /karakter kendali/);
    res = await send('%2F');
    assert.equal(res.status, 303);
  });

  test('CSRF: an API call riding on the session cookie needs the token too', async () => {
    const r = await request(s.url, 'POST', '/api/v1/me/password', {
      cookie: web.cookie(), body: { old_password: 'a', password: 'b' }, headers: { Origin: s.url },
    });
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, 'csrf');
  });

  test('/healthz is 200 "ok"', async () => {
    const r = await request(s.url, 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.text.trim(), 'ok');
  });

  test('/metrics: request counter, duration histogram, database size', async () => {
    await request(s.url, 'GET', '/healthz');
    const r = await request(s.url, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    const t = r.text;
    assert.match(t, /^# TYPE loket_http_requests_total counter$/m);
    assert.match(t, /^loket_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
    assert.match(t, /^# TYPE loket_http_request_duration_seconds histogram$/m);
    assert.match(t, /^loket_http_request_duration_seconds_bucket\{le="0\.1"\} \d+$/m);
    assert.match(t, /^loket_http_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    assert.match(t, /^loket_http_request_duration_seconds_sum [\d.]+$/m);
    assert.match(t, /^loket_http_request_duration_seconds_count [1-9]\d*$/m);
    const inf = Number(t.match(/le="\+Inf"\} (\d+)/)[1]);
    const count = Number(t.match(/_count (\d+)/)[1]);
    assert.equal(inf, count, 'the +Inf bucket equals the count');
    const buckets = [...t.matchAll(/_bucket\{le="[^"]+"\} (\d+)/g)].map((m) => Number(m[1]));
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1], 'buckets are cumulative');
    const size = t.match(/^loket_db_size_bytes (\d+)$/m);
    assert.ok(size && Number(size[1]) > 0, 'loket_db_size_bytes > 0');
    // the operator's figures (they move with what happens: metrics.test.mjs), each family typed
    for (const name of ['loket_build_info', 'loket_job_runs_total', 'loket_mail_outbox_messages', 'loket_steps_overdue',
      'loket_cases_open', 'loket_sessions', 'loket_signin_failures_total', 'loket_account_lockouts_total',
      'loket_portal_refused_total', 'loket_db_refusals_total', 'loket_sla_notices_sent_total']) {
      assert.match(t, new RegExp(`^# HELP ${name} .+\n# TYPE ${name} (counter|gauge)$`, 'm'), `${name}: HELP and TYPE`);
    }
    assert.match(t, /^loket_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
  });

  test('static CSS: long Cache-Control, an ETag, and 304 for If-None-Match', async () => {
    const r = await request(s.url, 'GET', '/static/loket.css');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/css/);
    assert.match(r.headers.get('cache-control') || '', /max-age=\d{5,}/);
    const etag = r.headers.get('etag');
    assert.match(etag || '', /^"[^"]+"$/);
    assert.ok(r.text.length > 100);
    const again = await request(s.url, 'GET', '/static/loket.css', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('etag'), etag);
    const other = await request(s.url, 'GET', '/static/loket.css', { headers: { 'If-None-Match': '"stale"' } });
    assert.equal(other.status, 200);
    const missing = await request(s.url, 'GET', '/static/nope.css');
    assert.equal(missing.status, 404);
    // pages themselves are not cached
    assert.equal((await request(s.url, 'GET', '/masuk')).headers.get('cache-control'), 'no-store');
  });

  test('an API error never leaks internals', async () => {
    const r = await request(s.url, 'POST', '/api/v1/login', { body: '{"username":' });
    assert.deepEqual(Object.keys(r.json), ['error']);
    assert.doesNotMatch(r.text, /\.c:\d+|sqlite|stack/i);
  });
});

// The web layer draws these error pages; each on its own server (see onOwnServer).
test('an unknown page → 404 HTML page', async () => {
  await onOwnServer(async (s) => {
    const r = await answerOf(request(s.url, 'GET', '/tidak-ada'));
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.text, /<html/);
    assertSecurityHeaders(r, 'GET /tidak-ada');
  });
});

test('a wrong method on a known page → 405', async () => {
  await onOwnServer(async (s) => {
    const r = await answerOf(request(s.url, 'DELETE', '/masuk'));
    assert.equal(r.status, 405);
    assertSecurityHeaders(r, 'DELETE /masuk');
    const r2 = await request(s.url, 'POST', '/healthz');
    assert.equal(r2.status, 405);
  });
});

test('an oversized form to a page → 413', async () => {
  await onOwnServer(async (s) => {
    const body = new URLSearchParams({ username: 'admin', password: 'x'.repeat(10 * 1024) }).toString();
    const r = await answerOf(request(s.url, 'POST', '/masuk', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
    assert.equal(r.status, 413);
  });
});

// Write a request with a big body on a raw socket (ignoring write errors: the
// server may answer and close before reading it all); resolves with what came back.
function rawPost(url, path, headers, body) {
  const { port } = new URL(url);
  return new Promise((res) => {
    const sock = net.connect(Number(port), '127.0.0.1');
    let got = '';
    sock.on('data', (d) => { got += d; });
    sock.on('error', () => {});
    sock.on('close', () => res(got));
    sock.setTimeout(10000, () => sock.destroy());
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`
      + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + 'Connection: close\r\n\r\n';
    sock.write(head);
    sock.end(body);
  });
}

// server.c reads and drops an oversized body to answer 413 at its end (up to 256 MiB).
test('a body far over any limit (80 MiB) is answered 413, not dropped', async () => {
  await onOwnServer(async (s) => {
    const body = Buffer.alloc(80 * 1024 * 1024, 'x');
    const got = await rawPost(s.url, '/api/v1/login', { 'Content-Type': 'application/json', 'Content-Length': body.length }, body);
    assert.match(got, /^HTTP\/1\.1 413 /m, `answer: ${JSON.stringify(got.slice(0, 200))}`);
    assert.match(got, /"too_large"/);
  });
});

// A declared length past what the server will read at all is answered before the body.
test('a declared body of 1 GiB is answered 413 at once, before any of it is sent', async () => {
  await onOwnServer(async (s) => {
    const { port } = new URL(s.url);
    const got = await new Promise((res) => {
      const sock = net.connect(Number(port), '127.0.0.1');
      let text = '';
      sock.on('data', (d) => { text += d; });
      sock.on('error', () => {});
      sock.on('close', () => res(text));
      sock.setTimeout(10000, () => sock.destroy());
      sock.write(`POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`
        + `Content-Length: ${1024 * 1024 * 1024}\r\n\r\n`);
    });
    assert.match(got, /^HTTP\/1\.1 413 /m, `answer: ${JSON.stringify(got.slice(0, 200))}`);
    assert.match(got, /"too_large"/);
  });
});

test('a database that cannot say who is asking answers 503, not "sign in first"', { skip: PG && 'SQLite only: the test breaks the file' }, async () => {
  const s = await startServer();
  try {
    const token = await login(s.url);
    assert.equal((await request(s.url, 'GET', '/api/v1/cases', { token })).status, 200);
    // the sessions can no longer be read (a broken database, as when PostgreSQL is down);
    // the cache epoch goes too: a session kept from the last request is good only while the
    // epoch can be read and is unchanged (src/db/epoch.c), and DROP TABLE fires no trigger
    const r = sqlite(join(s.dir, 'loket.db'), 'DROP TABLE session; DROP TABLE cache_epoch');
    assert.equal(r.status, 0, r.stderr);
    const got = await request(s.url, 'GET', '/api/v1/cases', { token });
    assert.equal(got.status, 503, got.text);
    assert.equal(got.json.error.code, 'unavailable');
  } finally { await s.stop(); }
});
