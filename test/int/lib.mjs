// Integration-test harness: starts the real `loket` binary on a free loopback
// port with a temporary data folder and drives it over HTTP.
// LOKET_BIN chooses the binary (default build/loket; the sanitizer run uses build/asan/loket).
// LOKET_TEST_DB=postgresql://USER@HOST:PORT/postgres runs everything on PostgreSQL instead
// (scripts/pg.sh starts a throwaway cluster): every `loket init` the tests run gets a fresh
// database of its own (written to the folder's loket.conf as db = …), and sqlite() below
// answers from that database through psql.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync, appendFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(ROOT, process.env.LOKET_BIN || 'build/loket');
export const ADMIN_PASSWORD = 'Rahasia-uji-2026';

// ---- PostgreSQL mode ----
export const PG_ADMIN = process.env.LOKET_TEST_DB || '';
export const PG = /^postgres(ql)?:\/\//.test(PG_ADMIN);
let pgCount = 0;

// Run SQL through psql on a database address: {status, stdout, stderr} as the sqlite3 shell gives.
export function psql(url, sql) {
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The address of a database called name on the test cluster.
function pgUrl(name) { return PG_ADMIN.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`).replace(/undefined$/, ''); }

// A fresh, empty database on the test cluster (optionally a copy of another one).
// The databases a test file made are dropped when its process exits.
const pgMade = [];
export function pgFreshDb(template) {
  const name = `loket_t${process.pid}_${++pgCount}_${Math.random().toString(36).slice(2, 8)}`;
  const r = psql(PG_ADMIN, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  if (r.status !== 0) throw new Error(`CREATE DATABASE: ${r.stderr}`);
  if (pgMade.length === 0) {
    process.on('exit', () => {
      const drops = pgMade.flatMap((n) => ['-c', `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`]);
      spawnSync('psql', ['-X', '-q', PG_ADMIN, ...drops], { encoding: 'utf8' });
    });
  }
  pgMade.push(name);
  return pgUrl(name);
}

// The db = … line of a data folder's loket.conf ('' when it has none).
export function confDb(dir) {
  const f = join(dir, 'loket.conf');
  if (!existsSync(f)) return '';
  const m = readFileSync(f, 'utf8').match(/^db\s*=\s*(postgres\S+)\s*$/m);
  return m ? m[1] : '';
}

// Write loket.conf, keeping the folder's database line (PostgreSQL mode).
export function writeConf(dir, conf) {
  const db = confDb(dir);
  writeFileSync(join(dir, 'loket.conf'), db && !/^db\s*=/m.test(conf) ? `${conf}\ndb = ${db}\n` : conf);
}

// Drop a data folder's PostgreSQL database (nothing on SQLite).
function pgDrop(dir) {
  const db = PG && confDb(dir);
  if (!db) return;
  const name = db.replace(/^.*\//, '').replace(/\?.*$/, '');
  psql(PG_ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// A copy of a (stopped) data folder's database in a new folder: the file, or a copy of the database.
export function copyDatabase(fromDir, toDir) {
  const db = confDb(fromDir);
  if (db) {
    const name = db.replace(/^.*\//, '').replace(/\?.*$/, '');
    writeFileSync(join(toDir, 'loket.conf'), `db = ${pgFreshDb(name)}\n`);
    return;
  }
  for (const suffix of ['', '-wal']) {
    const f = join(fromDir, 'loket.db' + suffix);
    if (existsSync(f)) writeFileSync(join(toDir, 'loket.db' + suffix), readFileSync(f));
  }
}

// A second data folder on the same PostgreSQL database as dir (another node, as a second machine
// would have): its loket.conf names the same db, and the keys are copied from dir, as
// docs/deploy.md says (a node with keys of its own is refused). The caller removes it.
export function sameDbFolder(dir) {
  const d = mkdtempSync(join(tmpdir(), 'loket-node-'));
  writeFileSync(join(d, 'loket.conf'), readFileSync(join(dir, 'loket.conf'), 'utf8'));
  for (const k of ['verify.key', 'secret.key']) copyFileSync(join(dir, k), join(d, k));
  return d;
}

// `loket init` on PostgreSQL: a fresh database unless the folder has one already or --db is given.
function withDb(args) {
  if (!PG || args[0] !== 'init' || args.includes('--db')) return args;
  const i = args.indexOf('--data');
  if (i >= 0 && args[i + 1] && confDb(args[i + 1])) return args;
  return [...args, '--db', pgFreshDb()];
}

// Run a loket CLI command synchronously: {status, stdout, stderr}.
export function cli(args, { env = {}, input } = {}) {
  const r = spawnSync(BIN, withDb(args), { env: { ...process.env, ...env }, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Make a data folder with `loket init`; extra loket.conf lines may be given.
export function initData({ conf = '', env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env } });
  if (r.status !== 0) throw new Error(`loket init failed: ${r.stderr}`);
  if (conf) writeConf(dir, conf);
  return dir;
}

// Start `loket serve` on a free port; resolves when it prints its address.
// Returns {url, dir, proc, stop(), output()}. env: extra environment variables for the
// server (e.g. {LOKET_TEST_NOW: '2026-01-05T08:00:00+07:00'}, the frozen test clock). listen:
// where to serve (default a free loopback port), e.g. the port of a public_url set beforehand.
export async function startServer({ conf = '', dir, env = {}, listen = '127.0.0.1:0' } = {}) {
  dir = dir || initData({ conf });
  if (conf && dir) writeConf(dir, conf);
  const proc = spawn(BIN, ['serve', '--data', dir, '--listen', listen], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0', ...env },
  });
  let out = '', err = '';
  proc.stderr.on('data', (d) => { err += d; });
  // LOKET_TEST_ERRLOG=FILE: every server's error lines collected in one file (for debugging a run)
  if (process.env.LOKET_TEST_ERRLOG) {
    proc.stderr.on('data', (d) => {
      const lines = String(d).split('\n').filter((l) => / error /.test(l));
      if (lines.length) appendFileSync(process.env.LOKET_TEST_ERRLOG, lines.join('\n') + '\n');
    });
  }
  const url = await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`server did not start: ${err}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/(127\.0\.0\.1|\[::1\]):(\d+)\//);
      if (m) { clearTimeout(t); res(`http://${m[1]}:${m[2]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(t); rej(new Error(`server exited ${code}: ${err}`)); });
  });
  // 'close', not 'exit': by then the server's last lines on stderr have been read too
  const exited = new Promise((res) => proc.on('close', (code, sig) => res({ code, sig })));
  return {
    url, dir, proc,
    output: () => ({ stdout: out, stderr: err }),
    // SIGTERM and wait; resolves {code, sig, stderr}. Removes the data folder unless keep.
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      if (!keep) { pgDrop(dir); rmSync(dir, { recursive: true, force: true }); }
      // a statement a handler prepared and never reset is a bug the server repairs and logs
      // so is one prepared outside the write transaction it writes in (the server refuses it)
      const bugs = err.split('\n').filter((l) => /statement left un-reset|outside the write transaction/.test(l));
      if (bugs.length) throw new Error(`the server logged ${bugs.length} statement bug(s):\n${bugs.slice(0, 5).join('\n')}`);
      return { ...r, stderr: err };
    },
  };
}

// One server at a time on one data folder, restarted with the clock frozen at each `now`
// (LOKET_TEST_NOW, in time order), the admin signed in: {serveAt(now), api(method, path, body[,
// token]), use(dir), stop({keep}) (the server's {code, sig, stderr}), srv, url, dir, token}. conf is written to loket.conf at each
// start. use(dir) stops the server (the folder removed) and serves dir from the next serveAt:
// use(null), a new folder. stop({ keep: true }) leaves the folder (dir) to the CLI, and the next
// serveAt serves it again.
export function frozenServer({ conf = '' } = {}) {
  let srv = null, dir = null, token = null;
  const stop = async ({ keep = false } = {}) => {   // the server's {code, sig, stderr}, or null
    if (!srv) return null;
    const r = await srv.stop({ keep });
    if (!keep) dir = null;
    srv = null;
    return r;
  };
  return {
    async serveAt(now) {
      await stop({ keep: true });
      srv = await startServer({ conf, dir, env: { LOKET_TEST_NOW: now } });
      dir = srv.dir;
      token = await login(srv.url);
      return srv;
    },
    api: (method, path, body, tok = token) => request(srv.url, method, path, { token: tok, body }),
    async use(d) { await stop(); dir = d; },
    stop,
    get srv() { return srv; },
    get url() { return srv.url; },
    get dir() { return dir; },
    get token() { return token; },
  };
}

// One HTTP request: {status, headers, text, json}. body: object → JSON, string → as is.
// timeout: ms before the request is given up (an error thrown), as a hung server's would be.
export async function request(url, method, path, { token, body, headers = {}, cookie, redirect = 'manual', timeout } = {}) {
  const h = { ...headers };
  if (token) h['Authorization'] = `Bearer ${token}`;
  if (cookie) h['Cookie'] = cookie;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else { payload = JSON.stringify(body); h['Content-Type'] = h['Content-Type'] || 'application/json'; }
  }
  const signal = timeout ? AbortSignal.timeout(timeout) : undefined;
  const res = await fetch(url + path, { method, headers: h, body: payload, redirect, signal });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

// Sign in through the API; returns the bearer token (throws on failure).
export async function login(url, username = 'admin', password = ADMIN_PASSWORD) {
  const r = await request(url, 'POST', '/api/v1/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
  return r.json.token;
}

// Create a user through the CLI (the server may be running: SQLite allows it).
export function addUser(dir, username, roles, password = 'user-test-password-1') {
  const r = cli(['user', 'add', username, '--data', dir, '--role', roles], { env: { LOKET_PASSWORD: password } });
  if (r.status !== 0) throw new Error(`user add ${username}: ${r.stderr}`);
  return password;
}

// The route table and permission matrix as the binary reports them.
export function routeTable() {
  const r = cli(['routes', '--json']);
  if (r.status !== 0) throw new Error(`loket routes: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// A browser-like session: GET a page to get the pre-session CSRF cookie, sign in
// through the form, keep cookies. Returns {cookie, csrf, get(path), post(path, fields)}.
export async function webSession(url, username = 'admin', password = ADMIN_PASSWORD) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (v === '') jar.delete(k); else jar.set(k, v);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfOf = (html) => (html.match(/name="csrf" value="([0-9a-f]{64})"/) || [])[1];
  const get = async (path) => {
    const res = await fetch(url + path, { headers: { Cookie: cookie() }, redirect: 'manual' });
    keep(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const post = async (path, fields, extra = {}) => {
    const res = await fetch(url + path, {
      method: 'POST', redirect: 'manual',
      headers: { Cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: url, ...extra },
      body: new URLSearchParams(fields).toString(),
    });
    keep(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const page = await get('/masuk');
  const csrf0 = csrfOf(page.text);
  const r = await post('/masuk', { csrf: csrf0, username, password, next: '/' });
  if (r.status !== 303) throw new Error(`web login ${username} failed: ${r.status}`);
  const home = await get('/');
  const s = { cookie, get, post, csrf: csrfOf(home.text), csrfOf };
  return s;
}

// Press the language switch of the page html (its header's form, with all it carries) in the
// session web, to lang: the answer of POST /bahasa.
export async function switchLanguage(web, html, lang) {
  const form = html.match(/<form class="lang" method="post" action="\/bahasa">(.*?)<\/form>/s);
  if (!form) throw new Error('no language switch on the page');
  const un = (v) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const fields = [...form[1].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [un(m[1]), un(m[2])]);
  return web.post('/bahasa', [...fields, ['lang', lang]]);
}

// ---- helpers added for the integration suite (cli, auth, security, matrix, audit, shutdown) ----

// Run a loket CLI command without blocking the event loop (so a server and other
// requests keep going meanwhile): resolves {status, stdout, stderr}.
export function cliAsync(args, { env = {}, input } = {}) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, withDb(args), { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (status) => res({ status, stdout, stderr }));
    p.stdin.end(input ?? '');
  });
}

// Run the sqlite3 command-line shell on a database file: {status, stdout, stderr}.
// On PostgreSQL, DIR/loket.db means DIR's database, and the few SQLite-only words the tests
// use are said the PostgreSQL way (PRAGMA integrity_check becomes a read of the schema table:
// PostgreSQL has no file to check; DROP TRIGGER names its table; json_object, group_concat;
// a subquery in FROM gets a name).
export function sqlite(dbFile, sql) {
  const db = PG && confDb(dirname(dbFile));
  if (db) {
    const pgSql = sql
      .replace(/PRAGMA integrity_check/g, "SELECT 'ok' FROM schema_migration LIMIT 1")
      .replace(/DROP TRIGGER (audit_no_\w+)/g, 'DROP TRIGGER $1 ON audit')
      .replace(/json_object\(/g, 'json_build_object(')
      .replace(/group_concat\(/g, 'string_agg(')
      .replace(/\bchar\((\d+)\)/g, 'chr($1)')
      .replace(/(FROM \(SELECT [^()]*(\([^()]*\)[^()]*)*\))\s*$/, '$1 AS sub');   // PostgreSQL 15 names every subquery
    return psql(db, pgSql);
  }
  // a server's background threads (the case search's index, the SLA watch) write now and then:
  // wait for the lock as the server does, instead of failing at once with "database is locked"
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', dbFile, sql], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// The day of instant ms (now by default) in Western Indonesian Time (the test office's zone),
// YYYY-MM-DD. For a server on the real clock: a number's year is wibDay().slice(0, 4).
export function wibDay(ms = Date.now()) {
  return new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

// A loopback port where nothing listens (yet).
export async function freePort() {
  const srv = net.createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address();
  await new Promise((res) => srv.close(res));
  return port;
}

// Wait until just after the wall clock turns to a new second. The server keeps
// failure times in whole seconds, so a throttling test that must land in the
// same second as the failure before it starts here.
export async function atSecondStart() {
  await sleep(1000 - (Date.now() % 1000) + 10);
}

// The cookie pairs a response sets, as {name: {value, attrs(lowercase string)}}.
export function setCookies(headers) {
  const out = {};
  for (const c of headers.getSetCookie ? headers.getSetCookie() : []) {
    const [kv, ...rest] = c.split(';');
    const i = kv.indexOf('=');
    out[kv.slice(0, i).trim()] = { value: kv.slice(i + 1), attrs: rest.map((s) => s.trim().toLowerCase()) };
  }
  return out;
}

// A minimal SMTP server keeping what it is given; hooks: onData(n, to, msg) before answering the n-th
// message's final dot (to: its RCPT TO line, msg: the message's lines; return false to drop the connection instead, a string to answer with it and
// not keep the message), delay ms before each reply, rcpt(line) the reply to a RCPT TO line and
// mailFrom(line) to a MAIL FROM (default 250 ok); port: the port to listen on (0: any).
export async function smtpSink({ onData = async () => true, delay = 0, rcpt = () => '250 ok', mailFrom = () => '250 ok', port = 0 } = {}) {
  const got = [];
  let n = 0;
  const socks = new Set();
  const srv = net.createServer((c) => {
    socks.add(c);
    c.on('close', () => socks.delete(c));
    c.on('error', () => {});
    let buf = '', data = false, msg = '', to = '', busy = Promise.resolve();
    const say = (line) => { busy = busy.then(() => sleep(delay)).then(() => { if (!c.destroyed) c.write(line); }); };
    say('220 sink ESMTP\r\n');
    c.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line !== '.') { msg += line + '\n'; continue; }
          data = false;
          const m = msg;
          msg = '';
          const k = ++n;
          busy = busy.then(async () => {
            const ok = await onData(k, to, m);
            if (typeof ok === 'string') c.write(`${ok}\r\n`);
            else if (ok) { got.push(m); c.write('250 queued\r\n'); } else c.destroy();
          });
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') say('250 sink\r\n');
        else if (cmd === 'DATA') { data = true; say('354 go on\r\n'); }
        else if (cmd === 'QUIT') { say('221 bye\r\n'); busy = busy.then(() => c.end()); }
        else if (cmd === 'RCPT') { to = line; say(`${rcpt(line)}\r\n`); }
        else if (cmd === 'MAIL') say(`${mailFrom(line)}\r\n`);
        else say('250 ok\r\n');
      }
    });
  });
  await new Promise((res) => srv.listen(port, '127.0.0.1', res));
  return {
    port: srv.address().port, got,
    stop: () => new Promise((res) => { for (const c of socks) c.destroy(); srv.close(res); }),
  };
}

// ---- docs/api.md's examples (api_docs runs them; badinput sends them spoilt) ----

// The fenced blocks of a markdown text: [{lang, body, start, end}].
function fences(md) {
  const out = [];
  const re = /^```([a-z]*)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  let m;
  while ((m = re.exec(md))) out.push({ lang: m[1], body: m[2].replace(/\n$/, ''), start: m.index, end: re.lastIndex });
  return out;
}

// The moment docs/api.md's examples are written at, Friday 20 November 2026 08:00 WIB: the servers
// that run them have their clock frozen there (LOKET_TEST_NOW), so a due time, a training's day or a
// case number's year in them holds whatever day the tests run. $YEAR and $TODAY are of that day.
export const DOCS_NOW = '2026-11-20T08:00:00+07:00';
const DOCS_DAY = wibDay(Date.parse(DOCS_NOW));
const YEAR = DOCS_DAY.slice(0, 4);

// The examples: an http block, the json block right after it, and maybe a text block.
function examples(md) {
  const blocks = fences(md).map((b) => ({ ...b, body: b.body.replaceAll('$YEAR', YEAR) }));
  const adjacent = (a, b) => b && md.slice(a.end, b.start).trim() === '';
  const out = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.lang !== 'http') continue;
    const line = md.slice(0, b.start).split('\n').length;
    const want = blocks[i + 1];
    if (!adjacent(b, want) || want.lang !== 'json') throw new Error(`docs/api.md:${line}: an http example must be followed at once by a json block`);
    const text = adjacent(want, blocks[i + 2]) && blocks[i + 2].lang === 'text' ? blocks[i + 2].body : undefined;
    const lines = b.body.split('\n');
    const [method, path, extra] = lines[0].trim().split(/\s+/);
    if (!method || !path || (extra && !/^HTTP\//.test(extra))) throw new Error(`docs/api.md:${line}: bad request line "${lines[0]}"`);
    const headers = {};
    let k = 1;
    for (; k < lines.length && lines[k].trim() !== ''; k++) {
      const c = lines[k].indexOf(':');
      if (c < 1) throw new Error(`docs/api.md:${line + k}: bad header line "${lines[k]}"`);
      headers[lines[k].slice(0, c).trim()] = lines[k].slice(c + 1).trim();
    }
    const body = lines.slice(k + 1).join('\n');
    const wl = want.body.split('\n');
    const status = Number(wl[0].trim());
    if (!Number.isInteger(status)) throw new Error(`docs/api.md:${line}: the json block must start with the status`);
    const rest = wl.slice(1).join('\n').trim();
    const expect = rest === '' ? {} : JSON.parse(rest);
    if (expect === null || typeof expect !== 'object' || Array.isArray(expect)) {
      throw new Error(`docs/api.md:${line}: the expected answer must be a JSON object`);
    }
    out.push({ line, method, path, headers, body: body === '' ? undefined : body, status, expect, text });
  }
  return out;
}

// The examples of docs/api.md, in order: [{line, method, path, headers, body, status, expect, text}];
// $TODAY in a body stands for the examples' day in Western Indonesian Time (the default office's
// zone), YYYY-MM-DD: a day that must not be in the future, as a paper questionnaire's. They are
// sent to a server started with env {LOKET_TEST_NOW: DOCS_NOW}.
export function apiExamples() {
  return examples(readFileSync(join(ROOT, 'docs/api.md'), 'utf8'))
    .map((ex) => (ex.body === undefined ? ex : { ...ex, body: ex.body.replaceAll('$TODAY', DOCS_DAY) }));
}

// Does a request path (query left out) fit a route pattern with ":name" segments?
export function routeFits(pattern, path) {
  const p = pattern.split('/'), q = path.split('?')[0].split('/');
  return p.length === q.length && p.every((s, i) => (s.startsWith(':') ? q[i] !== '' : s === q[i]));
}


// Poll until fn() is truthy or ms passed; its last value (what another process or node stored,
// served within the documented delay).
export async function waitFor(fn, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(100);
  }
}

// Walk a phone case (BTG-017) to its end: 1 → 2 → 3 → 4 → 5 yes → 6 → 7 → end; the case closed.
export async function finishPhoneCase(url, token, number) {
  let c;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'done'], [4, 'done'], [5, 'yes'], [6, 'done'], [7, 'done']]) {
    const q = await request(url, 'POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/${no}`, { token, body: { outcome } });
    if (q.status !== 200) throw new Error(`step ${no}: ${q.status} ${q.text}`);
    c = q.json;
  }
  if (c.status !== 'closed') throw new Error(`case ${number} is ${c.status}, not closed`);
  return c;
}
