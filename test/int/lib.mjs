// Integration-test harness: starts the real `loket` binary on a free loopback
// port with a temporary data folder and drives it over HTTP.
// LOKET_BIN chooses the binary (default build/loket; the sanitizer run uses build/asan/loket).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(ROOT, process.env.LOKET_BIN || 'build/loket');
export const ADMIN_PASSWORD = 'Rahasia-uji-2026';

// Run a loket CLI command synchronously: {status, stdout, stderr}.
export function cli(args, { env = {}, input } = {}) {
  const r = spawnSync(BIN, args, { env: { ...process.env, ...env }, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Make a data folder with `loket init`; extra loket.conf lines may be given.
export function initData({ conf = '', env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env } });
  if (r.status !== 0) throw new Error(`loket init failed: ${r.stderr}`);
  if (conf) writeFileSync(join(dir, 'loket.conf'), conf);
  return dir;
}

// Start `loket serve` on a free port; resolves when it prints its address.
// Returns {url, dir, proc, stop(), output()}. env: extra environment variables for the
// server (e.g. {LOKET_TEST_NOW: '2026-01-05T08:00:00+07:00'}, the frozen test clock).
export async function startServer({ conf = '', dir, env = {} } = {}) {
  dir = dir || initData({ conf });
  if (conf && dir) writeFileSync(join(dir, 'loket.conf'), conf);
  const proc = spawn(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0', ...env },
  });
  let out = '', err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`server did not start: ${err}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(t); res(`http://127.0.0.1:${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(t); rej(new Error(`server exited ${code}: ${err}`)); });
  });
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
  return {
    url, dir, proc,
    output: () => ({ stdout: out, stderr: err }),
    // SIGTERM and wait; resolves {code, sig, stderr}. Removes the data folder unless keep.
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      return { ...r, stderr: err };
    },
  };
}

// One HTTP request: {status, headers, text, json}. body: object → JSON, string → as is.
export async function request(url, method, path, { token, body, headers = {}, cookie, redirect = 'manual' } = {}) {
  const h = { ...headers };
  if (token) h['Authorization'] = `Bearer ${token}`;
  if (cookie) h['Cookie'] = cookie;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else { payload = JSON.stringify(body); h['Content-Type'] = h['Content-Type'] || 'application/json'; }
  }
  const res = await fetch(url + path, { method, headers: h, body: payload, redirect });
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

// ---- helpers added for the integration suite (cli, auth, security, matrix, audit, shutdown) ----

// Run a loket CLI command without blocking the event loop (so a server and other
// requests keep going meanwhile): resolves {status, stdout, stderr}.
export function cliAsync(args, { env = {}, input } = {}) {
  return new Promise((res, rej) => {
    const p = spawn(BIN, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (status) => res({ status, stdout, stderr }));
    p.stdin.end(input ?? '');
  });
}

// Run the sqlite3 command-line shell on a database file: {status, stdout, stderr}.
export function sqlite(dbFile, sql) {
  const r = spawnSync('sqlite3', [dbFile, sql], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

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
