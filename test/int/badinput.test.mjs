// Bad input over every route: docs/api.md's examples are sent in order (as api_docs does), and
// before each one that succeeds, spoilt copies of it: a body that is no JSON object, invalid
// UTF-8, nested too deeply, an unknown member, each member of the wrong type, with a NUL or a
// control character, 100k characters long, a number past 2^63 or not whole, a date or a time
// that is none; each path id that is no number, negative, too large or not there. Each must
// be answered 4xx (never 5xx, never a hang) with a JSON error naming the field, and write
// nothing (the audit log's newest row unchanged); the example itself then still answers as
// documented, so nothing was lost. Spoilings that may be valid (a member left out, empty or
// null) are sent at the end, when only a 5xx or a hang is wrong. Then every web form the
// pages show, crawled from /, is posted spoilt in form encoding: never a 5xx, nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startServer, request, login, apiExamples, DOCS_NOW, routeTable, routeFits, webSession, PG, ADMIN_PASSWORD } from './lib.mjs';

const TIMEOUT = 10000;
const LONG = 'x'.repeat(100000);
const all = apiExamples();
const table = routeTable().routes;
let s, adminToken;
// the background jobs (SLA watch, reminders, the outbox) wait an hour: what is written is the requests'
before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\nmail_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: DOCS_NOW } });
  adminToken = await login(s.url);
});
after(async () => {
  const st = await s.stop();
  assert.doesNotMatch(st.stderr, /AddressSanitizer|LeakSanitizer|runtime error/, 'the sanitizers found nothing');
});

// The route pattern an example's path takes.
const routeOf = (method, path) => table.find((r) => r.method === method && routeFits(r.path, path));

// The fields an error names: its field, and those of its list.
const named = (json) => [json?.error?.field, ...(json?.error?.fields || []).map((f) => f.field)].filter(Boolean);

// The audit log's newest row id, as the admin reads it (rows of the office and the system's).
const auditTop = async () => {
  const r = await request(s.url, 'GET', '/api/v1/audit?limit=1', { token: adminToken, timeout: TIMEOUT });
  assert.equal(r.status, 200, r.text);
  return r.json.rows[0]?.id ?? 0;
};
const auditSince = async (id) => {
  const r = await request(s.url, 'GET', '/api/v1/audit?limit=20', { token: adminToken, timeout: TIMEOUT });
  return r.json.rows.filter((x) => x.id > id).map((x) => `${x.action} ${x.object} ${x.detail}`);
};

// Members that take more than the example shows (docs/api.md says so): more than one type,
// or text of 100k characters and more. Keyed by route pattern and member.
const TYPES = { 'POST /api/v1/kb tags': ['string', 'array'], 'PATCH /api/v1/kb/:id tags': ['string', 'array'] };
const LONG_TAKEN = new Set(['POST /api/v1/helpdesk/email text', 'POST /helpdesk/email text']);   // a whole message, up to 1 MiB
const kindOf = (v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

// The database as text (SQLite; on PostgreSQL the audit log alone is checked). Left out: the
// sessions' last use and the sign-in throttle's rows, which change on any request, the
// audit log, read through the API, and the case and directory searches' indexes (case_fts,
// party_fts and their own tables), which a thread of the server brings up to the cases and entries
// written every 2 seconds (src/db/search.c).
function dbPrint() {
  if (PG) return [];
  const r = spawnSync('sqlite3', [join(s.dir, 'loket.db'), '.dump'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.stdout.split('\n').filter((l) => !/^INSERT INTO "?(session|login_addr|login_unknown|audit|(case|party)_fts(_[a-z]+)?)"? /.test(l));
}
// The WAL index's header (loket.db-shm), whose change counter moves with every commit: the
// same before and after, nothing was written and the second print is not needed; '' unread.
const walMark = () => { try { return readFileSync(join(s.dir, 'loket.db-shm')).subarray(0, 48).toString('hex'); } catch { return ''; } };
const dbAfter = (print, mark) => (mark && walMark() === mark ? '' : dbDiff(print, dbPrint()));

// What differs between two prints, a few lines of each side.
function dbDiff(a, b) {
  const sa = new Set(a), sb = new Set(b);
  const gone = a.filter((l) => !sb.has(l)), came = b.filter((l) => !sa.has(l));
  return gone.length + came.length === 0 ? '' : [...gone.slice(0, 3).map((l) => `- ${l.slice(0, 200)}`), ...came.slice(0, 3).map((l) => `+ ${l.slice(0, 200)}`)].join('\n');
}

// Routes that audit every try, an unknown one's too (docs/api.md: every look at a one-time link).
const AUDITS_EVERY_TRY = new Set(['GET /api/v1/credentials/:token', 'POST /api/v1/credentials/:token']);

// Wrong-typed stand-ins for a value.
function wrongTypes(v) {
  if (typeof v === 'string') return [12345, [], {}];
  if (typeof v === 'number') return ['12', 1.5, true, []];
  if (typeof v === 'boolean') return ['true', 1];
  if (Array.isArray(v)) return [{}, 'x'];
  if (v && typeof v === 'object') return [[], 'x'];
  return [];
}

// Spoilt values of a string that must be refused whatever the member: NUL, a control
// character, 100k characters; a date or a time that is none, when it is one.
function badStrings(v) {
  const out = ['a\u0000b', 'a\u001bb', LONG];
  if (/^\d{4}-\d\d-\d\d$/.test(v)) out.push('2026-02-30', '2026-13-01', 'kemarin', '20260105');
  else if (/^\d{4}-\d\d-\d\dT/.test(v)) out.push('2026-02-30T08:00:00+07:00', '2026-01-05T25:61:00+07:00', 'besok pagi');
  else if (/^\d\d:\d\d$/.test(v)) out.push('25:00', '07:60', '7', 'pagi');
  return out;
}

// A raw JSON text with the number given as written (past what a double or an int64 holds).
const withRaw = (body, key, text) => JSON.stringify({ ...body, [key]: '\u0001RAW\u0001' }).replace('"\\u0001RAW\\u0001"', text);

// The spoilt bodies of an example's JSON object body: [{what, body (text or bytes), field}],
// each of which must be refused naming field ('body' when the whole is wrong).
function spoiltBodies(obj, route = '', types = true) {
  const out = [
    { what: 'null', body: 'null', field: 'body' },
    { what: 'a list', body: '[]', field: 'body' },
    { what: 'a string', body: '"x"', field: 'body' },
    { what: 'a number', body: '5', field: 'body' },
    { what: 'cut short', body: JSON.stringify(obj).slice(0, -1), field: 'body' },
    { what: 'more after it', body: JSON.stringify(obj) + '}', field: 'body' },
    { what: 'invalid UTF-8', body: Buffer.concat([Buffer.from('{"zz":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), field: 'body' },
    { what: 'nested 100k deep', body: '['.repeat(100000), field: 'body' },
    { what: 'a member twice', body: JSON.stringify(obj).replace(/^\{/, '{"zz":1,"zz":2,'), field: 'zz' },
    { what: 'an unknown member', body: JSON.stringify({ ...obj, zz_unknown: 'x' }), field: 'zz_unknown' },
  ];
  for (const [k, v] of Object.entries(obj)) {
    // (an example refused for a member's type may be set right by another type: not tried)
    const takes = types ? TYPES[`${route} ${k}`] || [] : ['string', 'number', 'boolean', 'array', 'object'];
    for (const w of wrongTypes(v).filter((x) => !takes.includes(kindOf(x)))) out.push({ what: `${k} = ${JSON.stringify(w)}`, body: JSON.stringify({ ...obj, [k]: w }), field: k });
    if (typeof v === 'string') {
      for (const w of badStrings(v).filter((x) => x !== LONG || !LONG_TAKEN.has(`${route} ${k}`))) out.push({ what: `${k} = ${JSON.stringify(w.slice(0, 30))}`, body: JSON.stringify({ ...obj, [k]: w }), field: k });
    }
    if (typeof v === 'number') {
      for (const t of ['9223372036854775808', '1e400', '-9223372036854775809']) out.push({ what: `${k} = ${t}`, body: withRaw(obj, k, t), field: k === undefined ? 'body' : [k, 'body'] });
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v)) {
        const bads = [...wrongTypes(v2).slice(0, 2), ...(typeof v2 === 'string' ? ['a\u0000b', 'a\u001bb', LONG] : [])];
        for (const w of bads) out.push({ what: `${k}.${k2} = ${JSON.stringify(w).slice(0, 30)}`, body: JSON.stringify({ ...obj, [k]: { ...v, [k2]: w } }), field: [k, `${k}.${k2}`] });
      }
      out.push({ what: `${k}.zz_unknown`, body: JSON.stringify({ ...obj, [k]: { ...v, zz_unknown: 'x' } }), field: [k, `${k}.zz_unknown`] });
    }
    if (Array.isArray(v) && v.length && typeof v[0] === 'string') {
      // a list of texts (roles, docs, hours): an item spoilt
      for (const w of [12345, null, 'a\u0000b', `${v[0]}\u001b`, LONG]) out.push({ what: `${k}[0] = ${JSON.stringify(w).slice(0, 30)}`, body: JSON.stringify({ ...obj, [k]: [w, ...v.slice(1)] }), field: k });
    }
    if (Array.isArray(v) && v.length && v[0] && typeof v[0] === 'object') {
      out.push({ what: `${k}[0] = "x"`, body: JSON.stringify({ ...obj, [k]: ['x', ...v.slice(1)] }), field: k });
    }
  }
  return out;
}

// Spoilings that may be valid (optional members): each member left out, empty, null.
function maybeBodies(obj) {
  const out = [];
  for (const k of Object.keys(obj)) {
    const { [k]: _, ...rest } = obj;
    out.push({ what: `${k} left out`, body: JSON.stringify(rest) });
    out.push({ what: `${k} = ""`, body: JSON.stringify({ ...obj, [k]: '' }) });
    out.push({ what: `${k} = null`, body: JSON.stringify({ ...obj, [k]: null }) });
    if (typeof obj[k] === 'number') {
      for (const n of [-1, 0, 2 ** 31, 2 ** 53]) out.push({ what: `${k} = ${n}`, body: JSON.stringify({ ...obj, [k]: n }) });
      for (const t of ['9223372036854775807', '-9223372036854775808']) out.push({ what: `${k} = ${t}`, body: withRaw(obj, k, t) });
    }
    const v = obj[k];
    if (typeof v === 'string') {
      out.push({ what: `${k} = "   "`, body: JSON.stringify({ ...obj, [k]: '   ' }) });
      // dates and times at the ends of what a calendar can count to: answered, not a hang
      if (/^\d{4}-\d\d-\d\d$/.test(v)) for (const d of ['9999-12-31', '0001-01-01', '1970-01-01', '2026-02-29', '2028-02-29']) out.push({ what: `${k} = ${d}`, body: JSON.stringify({ ...obj, [k]: d }) });
      if (/^\d{4}-\d\d-\d\dT/.test(v)) {
        for (const d of ['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', v.replace(/(Z|[+-]\d\d:\d\d)$/, ''), v.replace('T', ' '), v.replace(/(Z|[+-]\d\d:\d\d)$/, '+14:00')])
          out.push({ what: `${k} = ${d}`, body: JSON.stringify({ ...obj, [k]: d }) });
      }
    }
    if (Array.isArray(v) && v.length && v[0] && typeof v[0] === 'object' && !Array.isArray(v[0])) {
      // a list of objects (sessions, budget): its first item's members spoilt
      for (const [k2, v2] of Object.entries(v[0])) {
        const items = (w) => [{ ...v[0], [k2]: w }, ...v.slice(1)];
        for (const w of [...wrongTypes(v2).slice(0, 2), null, typeof v2 === 'string' ? LONG : -1, typeof v2 === 'number' ? 9223372036854775807 : '9999-12-31T23:59:59Z'])
          out.push({ what: `${k}[0].${k2} = ${JSON.stringify(w).slice(0, 30)}`, body: JSON.stringify({ ...obj, [k]: items(w) }) });
      }
      out.push({ what: `${k} with 10000 items`, body: JSON.stringify({ ...obj, [k]: Array(10000).fill(v[0]) }) });
    }
  }
  return out;
}

// The example's path with its i-th route parameter replaced.
const BAD_IDS = ['abc', '-1', '0', '9223372036854775808', '1.5', '%00', '%FF', 'x'.repeat(3000)];
function spoiltPaths(pattern, path) {
  const [p, q] = path.split('?');
  const segs = p.split('/'), pat = pattern.split('/');
  const out = [];
  pat.forEach((name, i) => {
    if (!name.startsWith(':')) return;
    for (const bad of BAD_IDS) {
      if (bad === segs[i] || (bad === '0' && name === ':weekday')) continue;   // Sunday is 0
      const z = segs.slice();
      z[i] = bad;
      out.push({ what: `${name} = ${bad.slice(0, 30)}`, path: z.join('/') + (q ? `?${q}` : '') });
    }
  });
  return out;
}

// The example's path with each query parameter spoilt.
function spoiltQueries(path) {
  const [p, q] = path.split('?');
  if (!q) return [`${p}?limit=-1&before=abc&from=2026-02-30&zz=%FF`].map((x) => ({ what: 'spoilt query', path: x }));
  const pairs = q.split('&').map((kv) => kv.split('='));
  const out = [];
  pairs.forEach(([k], i) => {
    for (const bad of ['abc', '-1', '9223372036854775808', '1.5', '%FF', '%00', '2026-02-30', 'x'.repeat(20000)]) {
      const z = pairs.map(([k2, v2], j) => (j === i ? `${k2}=${bad}` : `${k2}=${v2 ?? ''}`));
      out.push({ what: `${k} = ${bad.slice(0, 30)}`, path: `${p}?${z.join('&')}`, param: k });
    }
  });
  return out;
}

// Post a spoilt form body as a browser would; anything but a 4xx answer is added to failures.
async function postSpoilt(web, action, body, where, failures) {
  let res;
  try {
    res = await fetch(s.url + action, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT),
      headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body });
  } catch (e) { throw new Error(`${where}: no answer (${e.message})\n${s.output().stderr.slice(-2000)}`); }
  const text = await res.text();
  if (res.status < 400 || res.status >= 500) failures.push(`${where}: answered ${res.status} ${text.slice(0, 120)}`);
}

// Send one request, failing the test on a 5xx, a hang or a dead server; returns the answer.
let sent = 0;
async function send(where, method, path, headers, body) {
  let r;
  sent++;
  try {
    r = await request(s.url, method, path, { headers, body, timeout: TIMEOUT });
  } catch (e) {
    const alive = await request(s.url, 'GET', '/healthz', { timeout: TIMEOUT }).then((x) => x.status, () => 'dead');
    throw new Error(`${where}: no answer (${e.message}); /healthz then: ${alive}\n${s.output().stderr.slice(-2000)}`);
  }
  assert.ok(r.status < 500, `${where}: answered ${r.status} ${r.text.slice(0, 300)}`);
  if (path.startsWith('/api/') && r.status >= 400) {
    assert.equal(typeof r.json?.error?.code, 'string', `${where}: ${r.status} without a JSON error: ${r.text.slice(0, 300)}`);
    assert.ok(r.json.error.message, `${where}: an error without a message: ${r.text.slice(0, 300)}`);
  }
  return r;
}

const later = [];   // [{where, method, path, headers, body}] sent at the end

test('every API example, spoilt, is refused naming the field and writes nothing; the example then still works', async (t) => {
  let token;
  const failures = [];
  for (const ex of all) {
    const sub = (z) => (z === undefined ? z : z.replaceAll('$TOKEN', token ?? ''));
    const headers = Object.fromEntries(Object.entries(ex.headers).map(([k, v]) => [k, sub(v)]));
    const body = sub(ex.body);
    const route = routeOf(ex.method, ex.path.split('?')[0]);
    // an example refused (4xx) is spoilt too: still refused, nothing written, whatever it names
    const refused = ex.status >= 400 && ex.status < 500, ok = route && (ex.status < 300 || refused);
    const audits = route && AUDITS_EVERY_TRY.has(`${ex.method} ${route.path}`);
    const where0 = `docs/api.md:${ex.line} ${ex.method} ${ex.path.slice(0, 80)}`;
    if (ok && adminToken) {
      const top = await auditTop(), print = ex.method === 'GET' ? [] : dbPrint(), mark = walMark();
      const json = (headers['Content-Type'] || '').startsWith('application/json');
      let obj;
      try { obj = json && body ? JSON.parse(body) : undefined; } catch { obj = undefined; }
      const tries = [];
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
        for (const b of spoiltBodies(obj, `${ex.method} ${route.path}`, !refused)) tries.push({ ...b, path: ex.path });
        for (const b of maybeBodies(obj)) later.push({ where: `${where0}: ${b.what}`, method: ex.method, path: ex.path, headers, body: b.body });
      } else if (!body && ex.method !== 'GET' && ex.method !== 'DELETE') {
        for (const b of spoiltBodies({}).slice(0, 9)) tries.push({ ...b, path: ex.path, headers: { ...headers, 'Content-Type': 'application/json' } });
      }
      for (const p of spoiltPaths(route.path, ex.path)) tries.push({ ...p, body, notFound: true });
      if (ex.method === 'GET') for (const p of spoiltQueries(ex.path)) later.push({ where: `${where0}: ${p.what}`, method: 'GET', path: p.path, headers, param: p.param });
      for (const tr of tries) {
        const where = `${where0}: ${tr.what}`;
        const r = await send(where, ex.method, tr.path, tr.headers || headers, tr.body);
        if (ex.method === 'GET' && tr.notFound) continue;   // a read: 2xx is no harm (a code "abc" may be one)
        if (r.status < 400 || r.status >= 500) { failures.push(`${where}: answered ${r.status} ${r.text.slice(0, 200)}`); continue; }
        if (tr.field && r.status === 400 && !refused) {
          const want = [tr.field].flat();
          const got = named(r.json);
          if (!got.some((f) => want.includes(f) || want.some((w) => f.startsWith(`${w}.`) || f.startsWith(`${w}[`))))
            failures.push(`${where}: the error names ${JSON.stringify(got)}, not ${want.join(' or ')}: ${r.text.slice(0, 200)}`);
        }
      }
      const now = audits ? top : await auditTop();
      if (now !== top) failures.push(`${where0}: spoilt requests wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
      const diff = ex.method === 'GET' || audits ? '' : dbAfter(print, mark);
      if (diff) failures.push(`${where0}: spoilt requests changed the database:\n${diff}`);
    }
    const r = await send(`${where0} (the example itself)`, ex.method, ex.path, headers, body);
    if (r.status !== ex.status) failures.push(`${where0}: the example itself answered ${r.status}, not ${ex.status}: ${r.text.slice(0, 200)}`);
    if (ex.method === 'POST' && ex.path === '/api/v1/login' && r.status === 200 && r.json?.token) {
      token = r.json.token;
    }
  }
  assert.deepEqual(failures, []);
});

test('spoilings that may be valid (a member left out, empty, null; a query parameter spoilt) get no 5xx', async (t) => {
  const failures = [];
  for (const l of later) {
    const r = await send(l.where, l.method, l.path, l.headers, l.body);
    // a query parameter refused is named (lang aside: an unknown language falls back)
    if (l.param && r.status === 400 && !named(r.json).includes(l.param)) failures.push(`${l.where}: the error names ${JSON.stringify(named(r.json))}: ${r.text.slice(0, 200)}`);
  }
  assert.deepEqual(failures, []);
  assert.equal((await request(s.url, 'GET', '/healthz', { timeout: TIMEOUT })).status, 200);
  t.diagnostic(`${sent} requests to the API`);
});

// HTML's entities as the pages write them, read back.
const unHtml = (z) => z.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const attr = (tag, name) => { const m = tag.match(new RegExp(`\\b${name}="([^"]*)"`)); return m ? unHtml(m[1]) : undefined; };

// The forms (method post) of a page: [{action, multipart, fields: [[name, value, kind]]}], each
// field as a browser sends the form untouched (kind: the input's type, select or textarea).
function formsOf(html) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1];
    if (!/method="post"/i.test(attrs)) continue;
    const action = attr(attrs, 'action');
    if (!action) continue;
    const fields = [];
    for (const f of m[2].matchAll(/<input\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const tag = f[1] ?? f[2] ?? f[4];
      const name = attr(tag, 'name');
      if (!name) continue;
      if (f[1] !== undefined) {
        const type = attr(tag, 'type') || 'text';
        if (/^(submit|button|reset|file|image)$/.test(type) || (/^(checkbox|radio)$/.test(type) && !/\bchecked\b/.test(tag))) continue;
        fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''), type]);
      } else if (f[2] !== undefined) {
        const opts = [...f[3].matchAll(/<option\b([^>]*)>([^<]*)/g)];
        const pick = opts.find((o) => /\bselected\b/.test(o[1])) || opts[0];
        fields.push([name, pick ? attr(pick[1], 'value') ?? unHtml(pick[2]) : '', 'select']);
      } else fields.push([name, unHtml(f[5].replace(/^\n/, '')), 'textarea']);
    }
    out.push({ action: unHtml(action), multipart: /multipart/.test(attrs), fields });
  }
  return out;
}

// Every same-site page reachable from / (downloads and sign-out left out), with its forms.
async function crawl(web, limit = 600) {
  const seen = new Set(['/']), queue = ['/'], forms = new Map();
  while (queue.length && seen.size < limit) {
    const path = queue.shift();
    const r = await web.get(path);
    assert.ok(r.status < 500, `GET ${path}: ${r.status}`);
    if (!(r.headers.get('content-type') || '').startsWith('text/html')) continue;
    for (const f of formsOf(r.text)) {
      const route = routeOf('POST', f.action.split('?')[0]);
      if (!route) continue;
      const key = route.path;
      if (!forms.has(key) || forms.get(key).fields.length < f.fields.length) forms.set(key, { ...f, route: route.path, page: path });
    }
    for (const m of r.text.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = m[1].replaceAll('&amp;', '&');
      if (/^\/(static|keluar)|\.(pdf|xlsx|csv|svg|png|zip)(\?|$)|\/(lampiran|berkas|ekspor|formulir)\/?|\?(.*&)?(page|before|sort)=/.test(href)) continue;
      const p = href.split('?')[0];
      // one page per route and query shape is enough
      const shape = `${(table.find((x) => x.method === 'GET' && routeFits(x.path, p)) || { path: p }).path}?${(href.split('?')[1] || '').replace(/=[^&]*/g, '')}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      queue.push(href);
    }
  }
  return forms;
}

let crawled;   // the forms test 3 found: route → form

// A form body from [name, value] pairs; raw (bytes, url-encoded as they are) per value when given.
const formBody = (fields) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${v.raw ?? encodeURIComponent(v)}`).join('&');

test('every web form the pages show, posted spoilt in form encoding, gets no 5xx and writes nothing', async () => {
  const web = await webSession(s.url);
  const forms = crawled = await crawl(web);
  assert.ok(forms.size > 30, `only ${forms.size} forms found`);
  const failures = [];
  const post = async (where, path, body) => {
    let r;
    try {
      const res = await fetch(s.url + path, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT),
        headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body });
      r = { status: res.status, text: await res.text() };
    } catch (e) {
      throw new Error(`${where}: no answer (${e.message})\n${s.output().stderr.slice(-2000)}`);
    }
    assert.ok(r.status < 500, `${where}: answered ${r.status} ${r.text.slice(0, 300)}`);
    return r;
  };
  for (const [route, f] of forms) {
    if (route === '/keluar' || route === '/bahasa' || route === '/kantor') continue;
    const csrf = ['csrf', web.csrf];
    const others = f.fields.filter(([k]) => k !== 'csrf');
    const spoilt = [
      { what: 'every field with a NUL', fields: others.map(([k]) => [k, 'a\u0000b']) },
      { what: 'every field 100k long', fields: others.map(([k]) => [k, LONG]) },
      { what: 'every field invalid UTF-8', fields: others.map(([k]) => [k, { raw: '%FF%FE%C3' }]) },
      { what: 'every field a control character', fields: others.map(([k]) => [k, 'a\u001bb']) },
    ];
    const pat = route.split('/'), segs = f.action.split('?')[0].split('/');
    pat.forEach((name, i) => {
      if (!name.startsWith(':')) return;
      for (const bad of ['-1', '9223372036854775808', '1.5', 'abc', '%FF', '%00']) {
        const z = segs.slice();
        z[i] = bad;
        spoilt.push({ what: `${name} = ${bad}`, path: z.join('/'), fields: others });
      }
    });
    if (others.length === 0 && !pat.some((x) => x.startsWith(':'))) continue;
    const top = await auditTop(), print = dbPrint(), mark = walMark();
    for (const sp of spoilt) {
      if (sp.fields.length === 0 && !sp.path) continue;
      const where = `POST ${sp.path || f.action} (form of ${f.page}): ${sp.what}`;
      const r = await post(where, sp.path || f.action, formBody([csrf, ...sp.fields]));
      if (r.status < 400) failures.push(`${where}: answered ${r.status}`);
    }
    if (await auditTop() !== top) failures.push(`POST ${f.action} (form of ${f.page}): spoilt forms wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
    const diff = dbAfter(print, mark);
    if (diff) failures.push(`POST ${f.action} (form of ${f.page}): spoilt forms changed the database:\n${diff}`);
  }
  // the routes whose forms the pages did not show (in another state, or on another record):
  // each path id spoilt, posted with its CSRF token and a field 100k long; and the sign-in form
  const top = await auditTop(), print = dbPrint();
  const unseen = table.filter((x) => x.method === 'POST' && !x.path.startsWith('/api/') && !forms.has(x.path) && x.path.includes('/:'));
  // the ids the pages showed, by their name in the route table (:number, :id, …)
  const real = new Map();
  for (const f of forms.values()) {
    for (const [method, path] of [['POST', f.action.split('?')[0]], ['GET', f.page.split('?')[0]]]) {
      const route = table.find((y) => y.method === method && routeFits(y.path, path));
      if (!route) continue;
      const ps = route.path.split('/'), vs = path.split('/');
      ps.forEach((seg, i) => { if (seg.startsWith(':') && !real.has(seg)) real.set(seg, vs[i]); });
    }
  }
  assert.ok(unseen.length < 60, `${unseen.length} form routes not reached`);
  // every look at a one-time link is audited, an unknown token's too (docs/api.md): its writes are not counted
  const audited = (x) => x.path === '/kredensial/:token';
  for (const x of [...unseen.filter((y) => !audited(y)), ...unseen.filter(audited)]) {
    if (audited(x) && !print.checked) {
      if (await auditTop() !== top) failures.push(`spoilt forms of routes not reached wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
      const diff = dbDiff(print, dbPrint());
      if (diff) failures.push(`spoilt forms of routes not reached changed the database:\n${diff}`);
      print.checked = true;
    }
    // one id spoilt at a time, the others real where a page showed one ("1.5" or "1x" for a
    // record 1 of a real case is no record, not record 1)
    const segs = x.path.split('/');
    for (const [pi] of segs.entries()) {
      if (!segs[pi].startsWith(':')) continue;
      for (const bad of ['-1', '9223372036854775808', '1.5', '1x', 'abc', '%FF', '%00']) {
        const path = segs.map((seg, i) => (!seg.startsWith(':') ? seg : i === pi ? bad : real.get(seg) ?? bad)).join('/');
        const r = await post(`POST ${path}`, path, formBody([['csrf', web.csrf], ['note', LONG], ['answer', 'Uji'], ['outcome', 'done']]));
        if (r.status < 400) failures.push(`POST ${path}: answered ${r.status}`);
      }
    }
  }
  // a username or password longer than any account's is refused as the API refuses it, not
  // tried (a failure counted against admin, an unknown user audited)
  const top2 = await auditTop(), print2 = dbPrint();
  for (const fields of [[['username', LONG], ['password', 'x']], [['username', 'admin'], ['password', LONG]], [['username', { raw: '%FF' }], ['password', 'x']]]) {
    const r = await post('POST /masuk', '/masuk', formBody([['csrf', web.csrf], ...fields]));
    if (r.status !== 400) failures.push(`POST /masuk ${fields[0][1].raw || fields[0][1].slice(0, 10)}: answered ${r.status}`);
  }
  if (await auditTop() !== top2) failures.push(`spoilt sign-ins wrote to the audit log: ${(await auditSince(top2)).join('; ')}`);
  const diff2 = dbDiff(print2, dbPrint());
  if (diff2) failures.push(`spoilt sign-ins changed the database:\n${diff2}`);
  // every page with a path id, given one spoilt, and the list pages' queries spoilt
  for (const x of table.filter((y) => y.method === 'GET' && !y.path.startsWith('/api/'))) {
    const paths = x.path.includes('/:')
      ? ['-1', '9223372036854775808', '1.5', '%FF', '%00', 'x'.repeat(3000)].map((bad) => x.path.split('/').map((seg) => (seg.startsWith(':') ? bad : seg)).join('/'))
      : [`${x.path}?before=-1&from=2026-02-30&to=kemarin&page=abc&q=%FF&status=%00&limit=9223372036854775808`];
    for (const path of paths) {
      let r;
      try { r = await web.get(path); } catch (e) { throw new Error(`GET ${path}: no answer (${e.message})`); }
      if (r.status >= 500) failures.push(`GET ${path.slice(0, 100)}: answered ${r.status} ${r.text.slice(0, 200)}`);
    }
  }
  assert.equal((await request(s.url, 'GET', '/healthz', { timeout: TIMEOUT })).status, 200);
  assert.deepEqual(failures, []);
});

// One raw HTTP/1.1 request on its own connection: the status of the answer, or 0 when the
// server closed the connection without one; throws after TIMEOUT.
function raw(text) {
  const { port } = new URL(s.url);
  return new Promise((res, rej) => {
    const c = net.connect(Number(port), '127.0.0.1');
    let got = '';
    const t = setTimeout(() => { c.destroy(); rej(new Error('no answer')); }, TIMEOUT);
    c.on('data', (d) => { got += d; });
    c.on('error', () => {});
    c.on('close', () => { clearTimeout(t); res(Number((got.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1] || 0)); });
    c.end(typeof text === 'string' ? text : Buffer.from(text));
  });
}

test('requests malformed at the HTTP level are refused, not served by a 5xx, and the server goes on', async () => {
  const tok = `Authorization: Bearer ${adminToken}\r\n`;
  const json = (path, body, method = 'POST') =>
    `${method} ${path} HTTP/1.1\r\nHost: x\r\n${tok}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  const get = (path, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${tok}${extra}Connection: close\r\n\r\n`;
  const cases = [
    ['a bad escape in the path', get('/api/v1/cases/%zz'), [400, 404]],
    ['a lone % in the path', get('/api/v1/cases/%'), [400, 404]],
    ['a bad escape in the query', get('/api/v1/cases?q=%zz%'), [200, 400]],
    ['a NUL escaped in the query', get('/api/v1/cases?q=a%00b'), [400]],
    ['an escape character in the query', get('/api/v1/cases?q=a%1Bb'), [400]],
    ['a tab in a search (pasted from a spreadsheet\'s cell)', get('/api/v1/cases?q=a%09b'), [200]],
    ['a tab in a query parameter that is not a search', get('/api/v1/cases?status=open%09'), [400]],
    ['a query value not UTF-8', get('/api/v1/audit?actor=%FF%FE'), [400]],
    ['a query name not UTF-8', get('/api/v1/cases?%FF=1'), [400]],
    ['a page\'s query with a NUL', get('/kasus?q=a%00b'), [400]],
    ['a query parameter with no name', get('/api/v1/cases?=1'), [200, 400]],
    ['a path of 100k characters', get('/api/v1/cases/' + 'x'.repeat(100000)), [400, 404, 414, 431, 0]],
    ['a header of 100k characters', get('/api/v1/me', `X-Long: ${'x'.repeat(100000)}\r\n`), [400, 413, 431, 0]],
    ['a bearer token of 100k characters', `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'x'.repeat(100000)}\r\nConnection: close\r\n\r\n`, [400, 401, 413, 431, 0]],
    ['a cookie of garbage', get('/', 'Cookie: loket_session=%FF%00; ;;=; loket_lang=xx\r\n'), [200, 303, 400, 401]],
    ['an unknown method', `BREW /api/v1/cases HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, [400, 401, 404, 405, 501]],
    ['a body past body_limit', json('/api/v1/cases', `{"subject":"${'x'.repeat(2 << 20)}"}`), [413, 0]],
    ['a Content-Length that is no number', `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n${tok}Content-Length: abc\r\nConnection: close\r\n\r\n{}`, [400, 0]],
    ['JSON sent as text/plain', json('/api/v1/cases', '{"sop":1}').replace('application/json', 'text/plain'), [400, 415]],
    ['a JSON body to a form route', json('/kasus', '{"subject":"x"}'), [400, 401, 403, 415]],
    ['a body to a GET', json('/api/v1/cases', '{"x":1}', 'GET'), [200, 400]],
    // bytes that are not UTF-8 where a header's text is kept or looked up (PostgreSQL refuses them)
    ['a sign-in from a User-Agent not UTF-8', [...Buffer.from(json('/api/v1/login', JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })).replace('Host: x', 'Host: x\r\nUser-Agent: UA-\u0001'))].map((b) => (b === 1 ? 0xff : b)), [200, 400]],
    ['a bearer token not UTF-8', [...Buffer.from(get('/api/v1/me').replace(`Bearer ${adminToken}`, 'Bearer \u0001\u0001'))].map((b) => (b === 1 ? 0xfe : b)), [400, 401]],
    ['a session cookie not UTF-8', [...Buffer.from(get('/', 'Cookie: loket_session=\u0001\u0001\r\n').replace(tok, ''))].map((b) => (b === 1 ? 0xff : b)), [303, 400, 401]],
    ['a Host not UTF-8', [...Buffer.from(get('/masuk').replace('Host: x', 'Host: \u0001'))].map((b) => (b === 1 ? 0xff : b)), [200, 303, 400]],
    ['a body of 100k members', json('/api/v1/cases', `{${Array.from({ length: 100000 }, (_, i) => `"m${i}":1`).join(',')}}`), [400, 413]],
  ];
  const failures = [];
  for (const [what, text, want] of cases) {
    let status;
    try { status = await raw(text); } catch (e) { failures.push(`${what}: ${e.message}`); continue; }
    if (!want.includes(status)) failures.push(`${what}: answered ${status}, not ${want.join(' or ')}`);
  }
  assert.deepEqual(failures, []);
  assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: adminToken, timeout: TIMEOUT })).status, 200, 'the server goes on');
});

// A multipart/form-data body: parts [{name, filename?, type?, data (text or bytes)}].
function multipart(parts, boundary = 'BadInputXyZ') {
  const chunks = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n`
      + `${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`, 'latin1'));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

test('uploads spoilt (a file name with a control character or not UTF-8, two files in one field, a part cut short, no boundary) are refused, nothing written', async () => {
  // a case to attach to, a .rhs case, a verification to scan for: the latest the examples made
  const cases = (await request(s.url, 'GET', '/api/v1/cases?limit=50', { token: adminToken })).json.cases;
  const open = cases.find((c) => c.status === 'open');
  assert.ok(open, 'an open case');
  const web = await webSession(s.url);
  const targets = [
    { path: `/api/v1/cases/${open.number}/attachments`, field: 'file', api: true },
    { path: '/api/v1/directory/import', field: 'file', api: true },
    { path: `/kasus/${open.number}/lampiran`, field: 'file' },
    { path: '/direktori/impor', field: 'file' },
    { path: '/kalender/impor', field: 'file' },
  ];
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const spoilt = (field) => [
    { what: 'a file name with an escape', ...multipart([{ name: field, filename: 'surat\u001b[2J.pdf', type: 'application/pdf', data: pdf }]) },
    { what: 'a file name not UTF-8', ...multipart([{ name: field, filename: '\u00ff\u00fe.pdf', type: 'application/pdf', data: pdf }]) },
    { what: 'two files in one field', ...multipart([{ name: field, filename: 'a.pdf', type: 'application/pdf', data: pdf }, { name: field, filename: 'b.pdf', type: 'application/pdf', data: pdf }]) },
    { what: 'a part cut short', body: multipart([{ name: field, filename: 'a.pdf', type: 'application/pdf', data: pdf }]).body.subarray(0, 60), type: 'multipart/form-data; boundary=BadInputXyZ' },
    { what: 'no boundary', body: multipart([{ name: field, filename: 'a.pdf', data: pdf }]).body, type: 'multipart/form-data' },
    { what: 'a text field with a NUL', ...multipart([{ name: 'note', data: 'a\u0000b' }, { name: field, filename: 'a.pdf', type: 'application/pdf', data: pdf }]) },
  ];
  const failures = [];
  for (const t of targets) {
    const top = await auditTop(), print = dbPrint(), mark = walMark();
    for (const sp of spoilt(t.field)) {
      const where = `POST ${t.path}: ${sp.what}`;
      const headers = t.api ? { Authorization: `Bearer ${adminToken}`, 'Content-Type': sp.type }
        : { Cookie: web.cookie(), Origin: s.url, 'X-CSRF-Token': web.csrf, 'Content-Type': sp.type };
      let res;
      try {
        res = await fetch(s.url + t.path, { method: 'POST', headers, body: sp.body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT) });
      } catch (e) { throw new Error(`${where}: no answer (${e.message})\n${s.output().stderr.slice(-2000)}`); }
      const text = await res.text();
      if (res.status < 400 || res.status >= 500 || res.status === 403) failures.push(`${where}: answered ${res.status} ${text.slice(0, 200)}`);
    }
    if (await auditTop() !== top) failures.push(`POST ${t.path}: spoilt uploads wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
    const diff = dbAfter(print, mark);
    if (diff) failures.push(`POST ${t.path}: spoilt uploads changed the database:\n${diff}`);
  }
  assert.deepEqual(failures, []);
});

// A value a person might type in an empty field (a new record's form), so that the form is
// more often valid but for the field spoilt.
function filled(name, kind) {
  if (/^(website|case_number|step|lookup|external_ticket|error_code|tender_code)$/.test(name)) return '';   // a robots' trap; optional links
  if (/^(username|user_id)$/.test(name)) return 'budi.uji';
  if (/password/.test(name)) return 'Sandi-Uji-2026x';
  if (name === 'npwp') return '01.234.567.8-901.000';
  if (name === 'nib') return '1234567890123';
  if (name === 'hours') return '08:00-12:00';
  if (kind === 'date') return '2026-12-01';
  if (kind === 'time') return '09:00';
  if (kind === 'datetime-local') return '2026-12-01T09:00';
  if (kind === 'number') return '1';
  if (kind === 'email' || /email/.test(name)) return 'budi.uji@contoh.id';
  if (/phone|telepon/.test(name)) return '081234567890';
  if (/^(nip)$/.test(name)) return '199001012015011001';
  if (/^(nik)$/.test(name)) return '3325011501900009';
  if (/name|nama|contact|company|agency|organisation/.test(name)) return 'Budi Uji';
  return 'Uji masukan';
}

test('each field of every form the pages show, the rest as shown (an edit form filled in), spoilt alone: refused, nothing written', async () => {
  assert.ok(crawled, 'the forms were crawled');
  const web = await webSession(s.url);
  const failures = [];
  let n = 0;
  for (const [route, f] of crawled) {
    if (route === '/keluar' || route === '/bahasa' || route === '/kantor') continue;
    const fields = f.fields.filter(([k]) => k !== 'csrf').map(([k, v, kind]) => [k, v === '' ? filled(k, kind) : v, kind]);
    const top = await auditTop(), print = dbPrint(), mark = walMark();
    for (let i = 0; i < fields.length; i++) {
      const [k, , kind] = fields[i];
      if (k === 'next' || kind === 'checkbox') continue;   // where to go after; a box is sent or not
      const bads = LONG_TAKEN.has(`POST ${route} ${k}`) ? [] : [LONG];
      if (kind === 'number') bads.push('abc', '-1', '9223372036854775808', '1.5');
      if (kind === 'date') bads.push('2026-02-30', 'kemarin');
      if (kind === 'datetime-local') bads.push('2026-02-30T08:00', '2026-01-05T25:00');
      if (kind === 'time') bads.push('25:00', '7');
      if (kind === 'email') bads.push('bukan-surel');
      if (kind === 'select' || kind === 'radio') bads.push('zz-bukan-pilihan');
      for (const bad of bads) {
        const body = formBody([['csrf', web.csrf], ...fields.map(([k2, v2], j) => [k2, j === i ? bad : v2])]);
        const where = `POST ${f.action} (form of ${f.page}): ${k} = ${bad.slice(0, 30)}`;
        n++;
        await postSpoilt(web, f.action, body, where, failures);
      }
    }
    if (await auditTop() !== top) failures.push(`POST ${f.action} (form of ${f.page}): spoilt fields wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
    const diff = dbAfter(print, mark);
    if (diff) failures.push(`POST ${f.action} (form of ${f.page}): spoilt fields changed the database:\n${diff}`);
  }
  assert.ok(n > 100, `only ${n} fields spoilt`);
  assert.deepEqual(failures, []);
});

// One-line texts of each desk, as docs/api.md's examples send them: [method, path, member] (a
// member of an object as object.member). A line break or a tab in any of them is refused naming
// it, as a bell or an escape is in any text, one line or many (err_check_text, the one check).
const ONE_LINE = [
  ['POST', '/api/v1/cases', 'subject'], ['POST', '/api/v1/cases', 'requester.name'],
  ['PATCH', '/api/v1/users/sari', 'full_name'], ['PATCH', '/api/v1/office', 'name'],
  ['POST', '/api/v1/kb', 'title'], ['POST', '/api/v1/kb', 'category'],
  ['POST', '/api/v1/portal/tickets', 'name'], ['POST', '/api/v1/portal/tickets', 'subject'],
  ['POST', '/api/v1/directory', 'name'], ['POST', '/api/v1/accounts', 'sk_number'],
  ['POST', '/api/v1/registers/guest-book', 'name'], ['POST', '/api/v1/portal/track', 'number'],
  ['POST', '/api/v1/calendar/holidays', 'name'], ['POST', '/api/v1/calendar/periods', 'name'],
];
// Texts of many lines: a line break and a tab are taken there, a bell is not.
const LINES = [
  ['POST', '/api/v1/cases/LPSE-2026-000001/notes', 'body'], ['POST', '/api/v1/portal/tickets', 'description'],
  ['POST', '/api/v1/kb', 'body'], ['POST', '/api/v1/cases/LPSE-2026-000001/cancel', 'reason'],
];

test('a line break or a tab in a one-line text, a control character or text not UTF-8 in any, over the API and the forms of each desk: refused naming the field, nothing written', async () => {
  const failures = [];
  let n = 0;
  const setMember = (obj, member, v) => {
    const [a, b] = member.split('.');
    return b ? { ...obj, [a]: { ...obj[a], [b]: v } } : { ...obj, [a]: v };
  };
  const spoilings = [...ONE_LINE.map((x) => [...x, ['Baris satu\nbaris dua', 'satu\tdua', 'a\rb', 'a\u0007b', 'a\u007fb', 'a\u0085b']]),
    ...LINES.map((x) => [...x, ['a\u0007b', 'a\u001b[2Jb', 'a\u007fb', 'a\u0000b']])];
  for (const [method, path, member, bads] of spoilings) {
    const fits = (e) => e.method === method && e.path === path && e.body && e.body.includes(`"${member.split('.').pop()}"`);
    const ex = all.find((e) => fits(e) && e.status < 300) || all.find(fits);
    assert.ok(ex, `docs/api.md has an example of ${method} ${path} with ${member}`);
    const headers = { ...(ex.headers || {}), 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` };
    const obj = JSON.parse(ex.body);
    const top = await auditTop(), print = dbPrint(), mark = walMark();
    // text that is not UTF-8, and a lone surrogate escaped: no text either
    const raws = [Buffer.concat([Buffer.from(JSON.stringify(setMember(obj, member, '\u0001X\u0001')).split('\\u0001X\\u0001')[0]), Buffer.from([0x61, 0xc3, 0x28]),
                                 Buffer.from(JSON.stringify(setMember(obj, member, '\u0001X\u0001')).split('\\u0001X\\u0001')[1])]),
                  JSON.stringify(setMember(obj, member, '\u0001X\u0001')).replace('\\u0001X\\u0001', 'a\\ud800b')];
    for (const body of [...bads.map((w) => JSON.stringify(setMember(obj, member, w))), ...raws]) {
      const where = `${method} ${path} ${member} = ${JSON.stringify(body.toString().slice(0, 200)).slice(0, 60)}`;
      n++;
      const r = await send(where, method, path, headers, body);
      if (r.status < 400) failures.push(`${where}: answered ${r.status}`);
      else if (!named(r.json).some((f) => f === member || f === 'body')) failures.push(`${where}: the error names ${JSON.stringify(named(r.json))}, not ${member}`);
    }
    if (await auditTop() !== top) failures.push(`${method} ${path} ${member}: wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
    const diff = dbAfter(print, mark);
    if (diff) failures.push(`${method} ${path} ${member}: changed the database:\n${diff}`);
  }
  // the forms: each one-line input of every form, a line break in it alone; each text area a bell
  assert.ok(crawled, 'the forms were crawled');
  const web = await webSession(s.url);
  let forms = 0;
  for (const [route, f] of crawled) {
    if (route === '/keluar' || route === '/bahasa' || route === '/kantor') continue;
    const fields = f.fields.filter(([k]) => k !== 'csrf').map(([k, v, kind]) => [k, v === '' ? filled(k, kind) : v, kind]);
    const top = await auditTop(), print = dbPrint(), mark = walMark();
    let spoilt = 0;
    for (let i = 0; i < fields.length; i++) {
      const [k, , kind] = fields[i];
      if (k === 'next' || k === 'q' || k === 'website') continue;   // where to go after, a search, the bots' trap
      // a reason and a note are kept as lines wherever typed (docs/api.md), tags split at a tab
      const lines = k === 'reason' || k === 'note' || k === 'tags';
      const bads = kind === 'text' && !lines ? ['Baris satu\nbaris dua', 'satu\tdua'] : kind === 'textarea' || kind === 'text' ? ['a\u0007b', { raw: 'a%C3%28b' }] : [];
      for (const bad of bads) {
        const body = formBody([['csrf', web.csrf], ...fields.map(([k2, v2], j) => [k2, j === i ? bad : v2])]);
        const where = `POST ${f.action} (form of ${f.page}): ${k} = ${JSON.stringify(bad.raw ?? bad)}`;
        n++;
        spoilt++;
        await postSpoilt(web, f.action, body, where, failures);
      }
    }
    if (spoilt) forms++;
    if (await auditTop() !== top) failures.push(`POST ${f.action} (form of ${f.page}): wrote to the audit log: ${(await auditSince(top)).join('; ')}`);
    const diff = dbAfter(print, mark);
    if (diff) failures.push(`POST ${f.action} (form of ${f.page}): changed the database:\n${diff}`);
  }
  assert.ok(forms > 20, `only ${forms} forms had a text field`);
  assert.ok(n > 150, `only ${n} spoilt texts sent`);
  assert.deepEqual(failures, []);
});
