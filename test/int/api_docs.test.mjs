// docs/api.md is a test: every ```http example is sent, in order, to a fresh server, and
// the ```json block after it gives the expected status and a subset of the answer (a
// ```text block after that, text the answer must contain). Every API route of the
// binary's route table must have at least one example, so the docs cannot fall behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, request, routeTable } from './lib.mjs';

const DOC = join(ROOT, 'docs/api.md');

// The fenced blocks of a markdown text: [{lang, body, start, end}].
function fences(md) {
  const out = [];
  const re = /^```([a-z]*)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  let m;
  while ((m = re.exec(md))) out.push({ lang: m[1], body: m[2].replace(/\n$/, ''), start: m.index, end: re.lastIndex });
  return out;
}

// The year of a case number ("LPSE-$YEAR-000001"): now, in WIB (the test office's zone).
const YEAR = String(new Date(Date.now() + 7 * 3600 * 1000).getUTCFullYear());

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

// Where actual differs from expected: objects by the keys expected, lists item by item
// with the same length, other values exactly. Returns a list of "path: problem".
function mismatches(actual, expected, at = '$') {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} item(s), got ${actual.length}`];
    return expected.flatMap((e, i) => mismatches(actual[i], e, `${at}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.keys(expected).flatMap((key) =>
      key in actual ? mismatches(actual[key], expected[key], `${at}.${key}`) : [`${at}.${key}: missing`]);
  }
  return Object.is(actual, expected) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

// Does a request path (query left out) fit a route pattern with ":name" segments?
function fits(pattern, path) {
  const p = pattern.split('/'), q = path.split('?')[0].split('/');
  return p.length === q.length && p.every((s, i) => (s.startsWith(':') ? q[i] !== '' : s === q[i]));
}

const md = readFileSync(DOC, 'utf8');
const all = examples(md);

test('the examples in docs/api.md run in order against a fresh server', async (t) => {
  assert.ok(all.length > 0, 'docs/api.md has no examples');
  assert.equal(`${all[0].method} ${all[0].path}`, 'POST /api/v1/login', 'the first example must be the login');
  const server = await startServer();
  let token;
  try {
    for (const ex of all) {
      await t.test(`${ex.method} ${ex.path}`, async () => {
        const sub = (z) => (z === undefined ? z : z.replaceAll('$TOKEN', token ?? ''));
        const headers = Object.fromEntries(Object.entries(ex.headers).map(([k, v]) => [k, sub(v)]));
        const res = await request(server.url, ex.method, ex.path, { headers, body: sub(ex.body) });
        if (ex.method === 'POST' && ex.path === '/api/v1/login' && res.status === 200 && res.json?.token) token = res.json.token;
        const where = `docs/api.md:${ex.line}: ${ex.method} ${ex.path} answered ${res.status} ${res.text.trim()}`;
        assert.equal(res.status, ex.status, where);
        if (Object.keys(ex.expect).length > 0) {
          assert.ok(res.json !== undefined, `${where}\n(not JSON)`);
          const bad = mismatches(res.json, ex.expect);
          assert.deepEqual(bad, [], `${where}\n${bad.join('\n')}`);
        }
        if (ex.text !== undefined) assert.ok(res.text.includes(ex.text), `${where}\n(does not contain ${JSON.stringify(ex.text)})`);
      });
    }
  } finally {
    await server.stop();
  }
  assert.ok(token, 'the login example gave no token');
});

test('every API route has an example in docs/api.md', () => {
  const table = routeTable();
  const routes = (table.routes || table).filter((r) => r.path.startsWith('/api/'));
  assert.ok(routes.length > 0, 'the route table lists no API routes');
  const missing = routes.filter((r) => !all.some((ex) => ex.method === r.method && fits(r.path, ex.path)));
  assert.deepEqual(missing.map((r) => `${r.method} ${r.path}`), [], 'API routes without an example in docs/api.md');
});

test('every example in docs/api.md calls a route that exists', () => {
  const routes = (routeTable().routes || []);
  const stray = all.filter((ex) => !routes.some((r) => r.method === ex.method && fits(r.path, ex.path)));
  assert.deepEqual(stray.map((ex) => `docs/api.md:${ex.line}: ${ex.method} ${ex.path}`), []);
});
