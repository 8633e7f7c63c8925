// docs/api.md is a test: every ```http example is sent, in order, to a fresh server, and
// the ```json block after it gives the expected status and a subset of the answer (a
// ```text block after that, text the answer must contain). Every API route of the
// binary's route table must have at least one example, so the docs cannot fall behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, routeTable, apiExamples, DOCS_NOW, routeFits as fits, sqlite } from './lib.mjs';

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

// Every change is written to the audit log in its own transaction: a write example that
// succeeds must add a row, and one refused must add none, but for the records of security
// events that refusals are (a wrong password, a wrong guess of a ticket, a one-time link
// looked at). A write that changes nothing says so ("changed":false, nothing marked).
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SECURITY = new Set(['auth.login_failed', 'auth.locked', 'portal.track_failed', 'credential.view', 'credential.open']);
const unchanged = (ex, res) => res.json?.changed === false
  || (ex.path.startsWith('/api/v1/notices/read') && res.json?.marked === 0)
  || (ex.path.startsWith('/api/v1/mail/outbox/retry') && res.json?.queued === 0);

// The audit rows after id: the newest row's id (after itself when none) and the actions, oldest
// first, but the background jobs' (the actor "system": mail queued by a timer, SLA notices), which
// may land at any moment. One query (one psql or sqlite3 process) per example, on either engine.
function auditSince(dir, after) {
  const r = sqlite(join(dir, 'loket.db'),
    `SELECT id, CASE WHEN actor <> 'system' THEN action ELSE '' END FROM audit WHERE id > ${after} ORDER BY id`);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
  return { head: rows.length ? Number(rows[rows.length - 1][0]) : after, actions: rows.map((x) => x[1]).filter(Boolean) };
}

// The members of an answer holding an instant not written as docs/api.md says times are
// (ISO 8601 in UTC to the second: 2026-11-20T07:30:00Z): "path: value".
function instantsNotUtc(v, at = '$') {
  if (Array.isArray(v)) return v.flatMap((x, i) => instantsNotUtc(x, `${at}[${i}]`));
  if (v !== null && typeof v === 'object') {
    return Object.entries(v).flatMap(([k, x]) => (/_at$/.test(k) && x !== null && typeof x !== 'string'
      ? [`${at}.${k}: ${JSON.stringify(x)} (an instant is a string)`] : instantsNotUtc(x, `${at}.${k}`)));
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v)) return [`${at}: ${v}`];
  return [];
}

test('the examples in docs/api.md run in order against a fresh server', async (t) => {
  assert.ok(all.length > 0, 'docs/api.md has no examples');
  assert.equal(`${all[0].method} ${all[0].path}`, 'POST /api/v1/login', 'the first example must be the login');
  const server = await startServer({ env: { LOKET_TEST_NOW: DOCS_NOW } });
  let token;
  let lastHead = auditSince(server.dir, 0).head;
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
        if (res.json !== undefined) {
          const odd = instantsNotUtc(res.json);
          assert.deepEqual(odd, [], `${where}\n(times are ISO 8601 in UTC, 2026-11-20T07:30:00Z)`);
        }
        const { head, actions } = auditSince(server.dir, lastHead);
        lastHead = head;
        const security = actions.filter((a) => SECURITY.has(a));
        if (res.status >= 400) {
          assert.deepEqual(actions, security, `${where}\n(a refused request wrote the audit log beyond its security record)`);
        } else if (WRITES.has(ex.method) && !unchanged(ex, res)) {
          assert.ok(actions.length > security.length, `${where}\n(a write that succeeded left no row in the audit log)`);
        } else if (!WRITES.has(ex.method)) {
          assert.deepEqual(actions, security, `${where}\n(a read wrote the audit log)`);
        }
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
