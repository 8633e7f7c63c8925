// docs/api.md is a test: every ```http example is sent, in order, to a fresh server, and
// the ```json block after it gives the expected status and a subset of the answer (a
// ```text block after that, text the answer must contain). Every API route of the
// binary's route table must have at least one example, so the docs cannot fall behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, routeTable, apiExamples, routeFits as fits } from './lib.mjs';

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

const all = apiExamples();

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
