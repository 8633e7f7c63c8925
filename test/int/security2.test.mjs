// What an auditor tries on a service desk, for real against a running server: one office's
// objects reached by id or number from another office (IDOR), mail headers from typed line
// breaks, formulas in exports, redirects elsewhere, file names in Content-Disposition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, login, cli, routeTable, apiExamples, DOCS_NOW, routeFits, webSession, smtpSink, sqlite, sleep } from './lib.mjs';

const OI_PW = 'oi-admin-password-1';

// Routes whose parameter is not an object of one office: a register's, a procedure's or a
// calendar day's name (each office has its own under the same name), a file of the site, a
// public link whose token is the secret, a recap's kind.
const NOT_AN_OBJECT = [
  /^\/api\/v1\/registers\/:register$/, /^\/api\/v1\/sops\//, /^\/api\/v1\/calendar\/(holidays|hours)\//,
  /^\/api\/v1\/credentials\//, /^\/api\/v1\/cards\//, /^\/api\/v1\/portal\//, /^\/api\/v1\/reports\/recaps\/:recap$/,
];

let s, oi, own, sink, portalCase;
const examples = apiExamples();
before(async () => {
  // every mail the server sends goes to a sink whose messages the mail test reads
  sink = await smtpSink();
  s = await startServer({ conf: `smtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_from = Loket LPSE <loket@lpse.test>\nmail_poll_seconds = 1\n`, env: { LOKET_TEST_NOW: DOCS_NOW } });
  // the first office's objects, as docs/api.md's examples make them (every kind there is)
  let token;
  for (const ex of examples) {
    const sub = (z) => (z === undefined ? z : z.replaceAll('$TOKEN', token ?? ''));
    const headers = Object.fromEntries(Object.entries(ex.headers).map(([k, v]) => [k, sub(v)]));
    const res = await request(s.url, ex.method, ex.path, { headers, body: sub(ex.body) });
    if (ex.method === 'POST' && ex.path === '/api/v1/login' && res.status === 200 && res.json?.token) token = res.json.token;
  }
  own = await login(s.url);
  // a case opened on the portal (its thread is reached by number through /cases/:number/portal)
  const t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Portal', email: 'portal.idor@cvmaju.co.id', subject: 'Tanya', description: 'Halo' } });
  assert.equal(t.status, 201, t.text);
  portalCase = t.json.number;
  // a second office with an administrator of its own (every permission there, none here)
  const add = cli(['office', 'add', 'LPSE-OI', '--name', 'LPSE Ogan Ilir', '--tz', 'WIB', '--data', s.dir]);
  assert.equal(add.status, 0, add.stderr);
  const u = cli(['user', 'add', 'oiadmin', '--office', 'LPSE-OI', '--role', 'admin', '--data', s.dir], { env: { LOKET_PASSWORD: OI_PW } });
  assert.equal(u.status, 0, u.stderr);
  oi = await login(s.url, 'oiadmin', OI_PW);
});
after(async () => { await s?.stop(); await sink?.stop(); });

// The audit rows written since row `from`, as "action object" lines (a refused request writes none).
const auditSince = (from) => sqlite(join(s.dir, 'loket.db'), `SELECT action || ' ' || object FROM audit WHERE id > ${from} ORDER BY id`).stdout.trim();
const auditHead = () => Number(sqlite(join(s.dir, 'loket.db'), 'SELECT coalesce(max(id), 0) FROM audit').stdout.trim());

// 404, as for an object that is nowhere: a 403 would tell the other office the object exists.
test('IDOR: every API route taking an id or number answers 404 to another office for the first office\'s objects, and writes nothing', async () => {
  const head = auditHead();
  const routes = routeTable().routes.filter((r) => r.path.startsWith('/api/') && r.path.includes('/:') && r.perm !== 'public'
    && !NOT_AN_OBJECT.some((re) => re.test(r.path)));
  const bad = [], tried = new Set(), seen = [];
  for (const r of routes) {
    // the examples the first office's own users were answered 2xx
    for (const ex of examples.filter((e) => e.method === r.method && routeFits(r.path, e.path) && e.status < 300)) {
      // a read: the object is there for its own office (else the refusal below proves nothing)
      if (ex.method === 'GET') {
        const mine = await request(s.url, 'GET', ex.path, { token: own });
        if (mine.status === 200) seen.push(ex.path);
      }
      const headers = Object.fromEntries(Object.entries(ex.headers).map(([k, v]) => [k, v.replaceAll('$TOKEN', oi)]));
      if (!headers.Authorization) headers.Authorization = `Bearer ${oi}`;
      const res = await request(s.url, ex.method, ex.path, { headers, body: ex.body?.replaceAll('$TOKEN', oi) });
      tried.add(`${r.method} ${r.path}`);
      if (res.status !== 404) bad.push(`${ex.method} ${ex.path} (docs/api.md:${ex.line}): ${res.status} ${res.text.slice(0, 160)}`);
    }
  }
  // routes no example of answered 2xx: their parameters filled as the pages' are below, the body
  // of their first example (a 400 allowed when an object that is nowhere gets it too)
  for (const r of routes.filter((x) => !tried.has(`${x.method} ${x.path}`))) {
    const ex = examples.find((e) => e.method === r.method && routeFits(r.path, e.path));
    const call = (path) => request(s.url, r.method, path, { token: oi, body: ex?.body, headers: ex?.headers['Content-Type'] ? { 'Content-Type': ex.headers['Content-Type'] } : {} });
    for (const path of pagePaths(r.path)) {
      const res = await call(path);
      if (res.status === 400 && (await call(ghostPath(r.path))).status === 400) continue;
      if (res.status !== 404) bad.push(`${r.method} ${path}: ${res.status} ${res.text.slice(0, 160)}`);
    }
    tried.add(`${r.method} ${r.path}`);
  }
  assert.deepEqual(bad, []);
  assert.equal(auditSince(head), '', 'a refused request writes no audit row');
  assert.equal(tried.size, routes.length);
  assert.ok(seen.length > 20, `only ${seen.length} reads found their object for its own office`);
});

// A page route's parameter filled with the first office's objects: its cases' numbers (as the
// examples name them), its users, registers' rows, and ids 1 to 3 of everything else.
function pageValues(name) {
  const numbers = [...new Set(examples.map((e) => (e.path.match(/\/(LPSE-\d{4}-\d{6})/) || [])[1]).filter(Boolean))];
  switch (name) {
    case 'number': return [...numbers, portalCase];
    case 'username': return ['sari', 'admin'];
    case 'userid': return ['dewi'];
    case 'register': return ['archive', 'guest-book', 'disposition', 'consultation', 'agenda'];
    case 'action': return ['arrive', 'approve', 'return', 'card'];
    case 'id': return ['1', '2', '3'];
    default: return ['1'];
  }
}

// Every combination of a route's parameters' values, as paths.
function pagePaths(pattern) {
  let paths = [''];
  for (const seg of pattern.split('/').slice(1)) {
    const vals = seg.startsWith(':') ? pageValues(seg.slice(1)) : [seg];
    paths = paths.flatMap((p) => vals.map((v) => `${p}/${v}`));
  }
  return paths;
}

// A route's path with objects that are nowhere.
function ghostPath(pattern) {
  return pattern.split('/').map((seg) => (seg === ':number' ? 'LPSE-2026-999999' : seg.startsWith(':') ? '999999' : seg)).join('/');
}

test('IDOR: every page taking an id or number answers 404 to another office for the first office\'s objects, and writes nothing', async () => {
  const pages = routeTable().routes.filter((r) => !r.path.startsWith('/api/') && r.path.includes('/:') && r.perm !== 'public'
    && !/^\/(prosedur|static|kalender\/libur|laporan\/rekap)\//.test(r.path) && !/^\/register\/:register(\/ekspor)?$/.test(r.path));
  const web = await webSession(s.url, 'oiadmin', OI_PW);
  const mine = await webSession(s.url);
  const head = auditHead();   // after the two sign-ins, which are audited
  const bad = [];
  let found = 0;
  for (const r of pages) {
    for (const path of pagePaths(r.path)) {
      if (r.method === 'GET' && (await mine.get(path)).status === 200) found++;
      const res = r.method === 'GET' ? await web.get(path) : await web.post(path, { csrf: web.csrf });
      // a form checked before its object is looked up tells nothing: so is an object there is not
      if (res.status === 400 && r.method === 'POST' && (await web.post(ghostPath(r.path), { csrf: web.csrf })).status === 400) continue;
      if (res.status !== 404) bad.push(`${r.method} ${path}: ${res.status} ${res.headers.get('location') || ''}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.equal(auditSince(head), '', 'a refused request writes no audit row');
  assert.ok(found > 15, `only ${found} pages found their object for its own office`);
});

// What only the first office's objects carry: its case numbers, names and titles in docs/api.md's examples.
const FIRST_OFFICE = [/\bLPSE-\d{4}-\d{6}\b/, /Budi Santoso/i, /Dewi Lestari/i, /Siti Aminah/, /CV Sinar Terang/, /Lupa kata sandi/, /sari@example/,
  /Sari Helpdesk/, /Training SPSE bagi/, /Dinas Pendidikan/, /Yusuf Hidayat/, /Rudi Hartono/, /Andi Wijaya/, /majujaya/];
// Filters a caller might hope reach another office (most are refused as unknown parameters: so much the better).
const FILTERS = ['', '?office=LPSE', '?office=1', '?office_id=1', '?assignee=admin', '?q=Budi', '?q=LPSE', '?all=1', '?format=csv',
  '?actor=admin', '?office=LPSE&q=Budi', '?from=2000-01-01&to=2099-12-31'];

test('lists, searches, recaps and exports of the other office show none of the first office\'s objects, whatever the filter', async () => {
  const routes = routeTable().routes.filter((r) => r.method === 'GET' && r.perm !== 'public' && !/prosedur|sops|static/.test(r.path)
    && (!r.path.includes('/:') || /^\/(api\/v1\/registers|register|laporan\/rekap|api\/v1\/reports\/recaps)\/:(register|recap)(\/ekspor)?$/.test(r.path)));
  const fill = (path) => path.includes(':register') ? ['archive', 'guest-book', 'disposition', 'consultation', 'agenda', 'handover'].map((g) => path.replace(':register', g))
    : path.includes(':recap') ? ['telepon', 'kasus', 'pelatihan', 'verifikasi', 'akun'].map((c) => path.replace(':recap', c)) : [path];
  const web = await webSession(s.url, 'oiadmin', OI_PW);
  const mine = await webSession(s.url);
  const get = (who, path) => (path.startsWith('/api/') ? request(s.url, 'GET', path, { token: who === web ? oi : own }) : who.get(path));
  const leaks = [];
  let shown = 0;
  for (const path of routes.flatMap((r) => fill(r.path))) {
    // the first office's own list shows its objects (else finding none below proves nothing)
    const own1 = (await get(mine, path)).text;
    if (FIRST_OFFICE.some((m) => m.test(own1))) shown++;
    for (const q of FILTERS) {
      // a page echoes its address in its forms (the language switch's next=): that is not a leak
      const text = (await get(web, path + q)).text.replace(/name="next" value="[^"]*"/g, '');
      const m = FIRST_OFFICE.find((re) => re.test(text));
      if (m) leaks.push(`${path}${q}: ${text.match(m)[0]}`);
    }
  }
  assert.deepEqual(leaks, []);
  assert.ok(shown > 25, `only ${shown} lists showed the first office its own objects`);
});

// The header block of a delivered message as [name, value] with folded lines joined.
function headersOf(msg) {
  const head = msg.split('\n\n')[0];
  const out = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && out.length) out[out.length - 1][1] += line;
    else { const i = line.indexOf(':'); out.push([line.slice(0, i), line.slice(i + 1).trim()]); }
  }
  return out;
}

test('mail headers: line breaks typed in a name, subject or address add no header and no recipient', async () => {
  const evil = 'Bcc: evil@attacker.example';
  // the portal's ticket: a name and a subject with CR/LF are refused, each named (one-line texts)
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: `Budi\r\n${evil}`, email: 'budi.crlf@cvmaju.co.id', subject: `Lupa sandi\r\n${evil}\r\n\r\nisi palsu — ñ`, description: `Halo\r\n${evil}` } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['name', 'subject']);
  // the header's text in the subject on one line, a subject not ASCII, lines in the description
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: `Budi ${evil}`, email: 'budi.crlf@cvmaju.co.id', subject: `Lupa sandi ${evil} isi palsu — ñ`, description: `Halo\r\n${evil}\r\n\r\nisi` } });
  assert.equal(r.status, 201, r.text);
  // an address with a line break is no address
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi', email: `budi@cvmaju.co.id\r\n${evil}`, subject: 'Tanya', description: 'x' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'email');
  // a staff case with such a requester (phone: the requester is mailed the ticket)
  r = await request(s.url, 'POST', '/api/v1/cases', { token: own, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: `Telepon\n${evil}`, requester: { name: `Sari\n${evil}`, email: 'sari.crlf@cvmaju.co.id' } } });
  assert.ok(r.status === 201 || r.status === 400, r.text);
  // the outbox keeps one-line subjects and plain addresses
  const rows = sqlite(join(s.dir, 'loket.db'), "SELECT to_addr || '|' || subject FROM outbox");
  assert.equal(rows.status, 0, rows.stderr);
  for (const line of rows.stdout.split('\n').filter(Boolean)) assert.doesNotMatch(line, /[\r\n]/);
  // what the relay is handed: every message of the run (the docs' examples' too)
  const want = sqlite(join(s.dir, 'loket.db'), "SELECT count(*) FROM outbox WHERE to_addr LIKE '%crlf%'").stdout.trim();
  for (let i = 0; i < 100 && sink.got.filter((m) => /crlf@/.test(m)).length < Number(want); i++) await sleep(100);
  const mine = sink.got.filter((m) => /crlf@/.test(m));
  assert.ok(mine.length >= 1 && mine.length === Number(want), `${mine.length} of ${want} delivered`);
  assert.ok(sink.got.length >= mine.length);
  const allowed = new Set(['Date', 'From', 'To', 'Subject', 'Message-ID', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'Auto-Submitted']);
  for (const m of sink.got) {
    const h = headersOf(m);
    assert.deepEqual(h.map(([k]) => k).filter((k) => !allowed.has(k)), [], `a header beyond the message's own:\n${m.slice(0, 600)}`);
    assert.equal(h.filter(([k]) => k === 'To').length, 1);
    const to = h.find(([k]) => k === 'To')[1];
    assert.match(to, /^[^\s,<>"]+@[^\s,<>"]+$/, `one plain recipient: ${to}`);
    for (const [, v] of h) assert.match(v, /^[\x20-\x7e]*$/, 'headers are ASCII (RFC 2047 words where not)');
  }
  const ticket = mine.find((m) => /budi\.crlf@/.test(m));
  const subject = headersOf(ticket).find(([k]) => k === 'Subject')[1];
  assert.match(subject, /=\?UTF-8\?B\?/, 'a subject not ASCII is an encoded-word');
  const plain = subject.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b) => Buffer.from(b, 'base64').toString('latin1'));
  assert.doesNotMatch(Buffer.from(plain, 'latin1').toString('utf8'), /[\r\n]/);
});

// A public form's page opened as a browser does (its pre-session cookie and CSRF token kept):
// {post(path, fields)} sends a form from it, answered as fetch answers (redirects not followed).
async function publicForm(path) {
  const pre = await fetch(s.url + path);
  const cookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await pre.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  return {
    post: (to, fields) => fetch(s.url + to, { method: 'POST', redirect: 'manual',
      headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, ...fields }).toString() }),
  };
}

// A training of the first office, approved, in 2030: its id.
async function approvedTraining({ title, capacity, venue, portal }) {
  const r = await request(s.url, 'POST', '/api/v1/trainings', { token: own, body: {
    title, audience: ['penyedia'], capacity, venue, trainers: ['Budi'], portal,
    sessions: [{ title: 'Sesi 1', starts_at: '2030-04-15 08:00', ends_at: '2030-04-15 12:00' }] } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${r.json.id}/approve`, { token: own })).status, 200);
  return r.json.id;
}

// A register export's file, in the format asked.
async function exportOf(web, format) {
  const res = await fetch(`${s.url}/register/guest-book/ekspor?format=${format}`, { headers: { Cookie: web.cookie() } });
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

test('exports: a cell typed as a formula stays text in CSV (a leading \') and XLSX (a string cell)', async () => {
  const formulas = ['=HYPERLINK("http://evil.example","klik")', '+62-812-cmd', '-2+3', '@SUM(A1)'];  // a tab or line break: refused in a one-line field
  for (const f of formulas) {
    const r = await request(s.url, 'POST', '/api/v1/registers/guest-book', { token: own, body: { name: f, organisation: 'CV X', purpose: f } });
    assert.equal(r.status, 201, r.text);
  }
  const web = await webSession(s.url);
  const csv = (await exportOf(web, 'csv')).toString('utf8');
  for (const f of formulas) {
    const q = f.includes('"') ? `"'${f.replaceAll('"', '""')}"` : `'${f}`;
    assert.ok(csv.includes(q), `CSV holds ${JSON.stringify(q)}`);
  }
  for (const line of csv.split('\r\n')) for (const cell of line.split(',')) assert.doesNotMatch(cell, /^"?[=+@\t]/, line);
  const dir = mkdtempSync(join(tmpdir(), 'loket-xlsx-'));
  try {
    writeFileSync(join(dir, 'x.xlsx'), await exportOf(web, 'xlsx'));
    const sheet = spawnSync('unzip', ['-p', join(dir, 'x.xlsx'), 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    const strings = spawnSync('unzip', ['-p', join(dir, 'x.xlsx'), 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
    assert.ok(sheet.length > 0);
    assert.doesNotMatch(sheet, /<f>|<f /, 'no formula cell');
    assert.ok(strings.includes('=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)') || strings.includes('=HYPERLINK("http://evil.example","klik")'), 'the text as a string');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('redirects go only to a path of this site: next= of sign-in and of the language switch', async () => {
  const bad = ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'http:/evil.example',
    '/\t/evil.example', '\\\\evil.example', ' //evil.example', '/%0d%0aSet-Cookie:x=1', '/\r\nSet-Cookie: x=1'];
  const { post } = await publicForm('/masuk');
  for (const next of bad) {
    let res = await post('/bahasa', { lang: 'en', next });
    assert.equal(res.status, 303, next);
    const loc = res.headers.get('location');
    assert.ok(loc === '/' || (loc.startsWith('/') && !/^\/[\/\\]/.test(loc) && !/[\r\n]/.test(loc)), `${JSON.stringify(next)} → ${loc}`);
    assert.equal(res.headers.getSetCookie().filter((c) => /^x=/.test(c)).length, 0);
    // the sign-in form carries it on: the hidden next is local too
    const form = await fetch(`${s.url}/masuk?next=${encodeURIComponent(next)}`);
    const hidden = (await form.text()).match(/name="next" value="([^"]*)"/)[1];
    assert.ok(hidden === '/' || /^\/[^\/\\]/.test(hidden), `${JSON.stringify(next)} → ${hidden}`);
  }
  const ok = await post('/bahasa', { lang: 'id', next: '/portal/faq?x=1' });
  assert.equal(ok.headers.get('location'), '/portal/faq?x=1');
});

test('attachments: names with quotes, line breaks, ../ and letters not ASCII give a safe Content-Disposition; HTML and SVG are refused', async () => {
  const c = await request(s.url, 'POST', '/api/v1/cases', { token: own, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lampiran', requester: { name: 'Budi' } } });
  assert.equal(c.status, 201, c.text);
  const number = c.json.number;
  const up = async (bytes, name, t = own) => {
    const fd = new FormData();
    fd.append('file', new Blob([bytes]), name);
    const res = await fetch(`${s.url}/api/v1/cases/${number}/attachments`, { method: 'POST', body: fd, headers: { Authorization: `Bearer ${t}` } });
    return { status: res.status, text: await res.text() };
  };
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077' +
    '53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');
  for (const [bytes, name] of [['<html><body><script>alert(1)</script></body></html>', 'a.html'],
    ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'a.svg'],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'gambar.png']]) {
    const r = await up(bytes, name);
    assert.equal(r.status, 415, `${name}: ${r.text}`);
  }
  const r = await up(PNG, '../../etc/"pass"\r\nX-Evil: 1; é.png');
  assert.equal(r.status, 201, r.text);
  const id = JSON.parse(r.text).id;
  for (const [path, auth] of [[`/api/v1/cases/${number}/attachments/${id}`, { Authorization: `Bearer ${own}` }]]) {
    const d = await fetch(s.url + path, { headers: auth });
    assert.equal(d.status, 200);
    assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(d.headers.get('x-evil'), null);
    const cd = d.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[^"\\/\r\n]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/, cd);
    assert.match(cd, /%C3%A9\.png$/);
  }
  // the other office's administrator cannot reach it, by the API or the page
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${number}/attachments/${id}`, { token: oi })).status, 404);
  const web = await webSession(s.url, 'oiadmin', OI_PW);
  assert.equal((await web.get(`/kasus/${number}/lampiran/${id}`)).status, 404);
});

test('IDOR in the body: ids and names of the first office\'s objects given to the other office\'s own objects are refused', async () => {
  const api = (method, path, body) => request(s.url, method, path, { token: oi, body });
  // the other office's own case, directory entry and training
  let r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Kasus OI', requester: { name: 'Rina' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  r = await api('POST', '/api/v1/directory', { kind: 'person', name: 'RINA OI', nik: '3325015403820099', phone: '0813-9999-0000' });
  assert.equal(r.status, 201, r.text);
  const ref = '3325015403820099';
  const bad = [];
  const expect = async (method, path, body, ok = [403, 404]) => {
    const res = await api(method, path, body);
    if (!ok.includes(res.status)) bad.push(`${method} ${path} ${JSON.stringify(body)}: ${res.status} ${res.text.slice(0, 200)}`);
    return res;
  };
  // the first office's guest-book entries, KB articles, users, directory entries (by phone, NPWP, NIP, NIK)
  for (const id of [1, 2, 3]) await expect('POST', '/api/v1/helpdesk/walk-in', { guest_id: id });
  for (const id of [1, 2, 3]) await expect('POST', `/api/v1/cases/${number}/kb`, { article: id }, [400, 404]);
  for (const from of ['+6281311112222', '01.234.567.8-901.000', '198203142006042002', '3325015403820002']) {
    await expect('POST', `/api/v1/directory/${ref}/merge`, { from });
  }
  await expect('POST', `/api/v1/cases/${number}/assign`, { role: 'helpdesk', username: 'sari' }, [400, 403, 404, 409]);
  // the first office's training participants ticked at the other's training
  r = await api('POST', '/api/v1/trainings', { title: 'Pelatihan OI', audience: ['penyedia'], capacity: 5, venue: 'Ruang OI', trainers: ['Rina'],
    sessions: [{ title: 'Sesi 1', starts_at: '2030-03-15 08:00', ends_at: '2030-03-15 12:00' }] });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id, sid = r.json.sessions[0].id;
  // approved: a plan's sessions take no attendance at all (409), whoever is named
  assert.equal((await api('POST', `/api/v1/trainings/${tid}/approve`)).status, 200);
  for (const participant of [1, 2, 3]) {
    await expect('POST', `/api/v1/trainings/${tid}/sessions/${sid}/attendance`, { participant, present: true }, [400, 404]);
  }
  // notices of the first office's users are not the other's to mark
  r = await api('POST', '/api/v1/notices/read', { ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  if (r.status === 200 && r.json.marked !== 0) bad.push(`notices/read marked ${r.json.marked} of another's`);
  assert.deepEqual(bad, []);
});

test('a forged Host header does not choose the links mailed from the portal (no link poisoning)', async () => {
  const { request: httpRequest } = await import('node:http');
  const u = new URL(s.url);
  const body = JSON.stringify({ name: 'Budi', email: 'host.poison@cvmaju.co.id', subject: 'Tanya', description: 'Halo' });
  const status = await new Promise((res, rej) => {
    const q = httpRequest({ host: u.hostname, port: u.port, path: '/api/v1/portal/tickets', method: 'POST',
      headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (r) => { r.resume(); r.on('end', () => res(r.statusCode)); });
    q.on('error', rej);
    q.end(body);
  });
  assert.equal(status, 201);
  const row = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='host.poison@cvmaju.co.id'");
  assert.equal(row.status, 0, row.stderr);
  assert.match(row.stdout, /\/portal\/t\//, 'the mail links the ticket');
  assert.doesNotMatch(row.stdout, /evil\.example/);
});

test('a training kept off the portal has no public registration form to read its plan by id', async () => {
  const id = await approvedTraining({ title: 'Pelatihan internal rahasia', capacity: 10, venue: 'Ruang rapat', portal: false });
  const page = await request(s.url, 'GET', `/portal/pelatihan/${id}/daftar`);
  assert.equal(page.status, 404);
  assert.doesNotMatch(page.text, /rahasia|Ruang rapat/);
  // its room's questionnaire (the QR on the wall) still opens: that page is not the register form
  assert.notEqual((await request(s.url, 'GET', `/portal/pelatihan/${id}/kuesioner`)).status, 500);
});

test('the access log does not keep the tokens of links that let their holder in (portal tickets, credentials, confirmations)', async () => {
  const body = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='portal.idor@cvmaju.co.id'").stdout;
  const token = (body.match(/\/portal\/t\/([0-9a-f]{64})/) || [])[1];
  assert.ok(token, body);
  assert.equal((await request(s.url, 'GET', `/portal/t/${token}`)).status, 200);
  const fake = 'ab'.repeat(32);
  for (const path of [`/portal/t/${fake}/lampiran/1`, `/kredensial/${fake}`, `/api/v1/credentials/${fake}`, `/api/v1/portal/tickets/${fake}`,
    `/portal/pelatihan/konfirmasi/${fake}`, `/portal/verifikasi/batal/${fake}`, `/portal/verifikasi/janji/${fake}`]) await request(s.url, 'GET', path);
  await sleep(300);   // the access log is written after the answer
  const log = s.output().stderr.split('\n').filter((l) => l.includes(' access '));
  assert.ok(log.some((l) => l.includes('"GET /portal/t/:token"')), 'the ticket\'s page is logged with its token hidden');
  assert.ok(log.some((l) => l.includes('"GET /portal/t/:token/lampiran/1"')));
  assert.deepEqual(log.filter((l) => l.includes(token) || l.includes(fake)), []);
});

test('a training questionnaire\'s link asked for by e-mail: wrong addresses slow the address down (no guessing who took part)', async () => {
  const id = await approvedTraining({ title: 'Pelatihan kuesioner', capacity: 10, venue: 'Ruang LPSE', portal: true });
  // the training is in 2030: every answer is "not open yet", a participant's address or not; the guesses count all the same
  const ask = (email) => request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire/link`, { body: { email } });
  const seen = [];
  for (let i = 0; i < 8; i++) {
    const r = await ask(`tebak${i}@example.com`);
    seen.push(r.status);
    if (r.status === 429) {
      assert.equal(r.json.error.code, 'throttled');
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      break;
    }
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.field, 'questionnaire');
  }
  assert.equal(seen.at(-1), 429, `answers: ${seen}`);
  // the page is slowed alike
  const form = await publicForm(`/portal/pelatihan/${id}/kuesioner`);
  const page = await form.post(`/portal/pelatihan/${id}/kuesioner`, { email: 'tebak-web@example.com' });
  assert.equal(page.status, 429);
  const rows = sqlite(join(s.dir, 'loket.db'), `SELECT count(*) FROM audit WHERE action='training.survey_failed' AND object='training:${id}'`);
  assert.equal(Number(rows.stdout.trim()), seen.length - 1);
  // and an e-mail given with the answers names no one
  const r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { email: 'tebak0@example.com', answers: [{ item: 1, value: 5 }] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'token');
});

// last: it spends the address's submissions for the hour
test('the portal\'s training registration is throttled per address as its other forms are (each mails the address typed)', async () => {
  const id = await approvedTraining({ title: 'Pelatihan terbuka', capacity: 500, venue: 'Ruang LPSE', portal: true });
  // from one address: at most PORTAL_SUBMIT_MAX (10) an hour with the tickets it sent before
  let last;
  for (let i = 0; i < 12; i++) {
    last = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`, { body: {
      name: `Korban ${i}`, agency: 'CV X', email: `korban${i}@example.com` } });
    if (last.status === 429) break;
    assert.equal(last.status, 201, last.text);
  }
  assert.equal(last.status, 429, last.text);
  assert.equal(last.json.error.code, 'throttled');
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  // the page says so too, and nothing was added or mailed for the refused one
  const form = await publicForm(`/portal/pelatihan/${id}/daftar`);
  const page = await form.post(`/portal/pelatihan/${id}/daftar`, { name: 'Korban web', agency: 'CV X', email: 'korban.web@example.com' });
  assert.equal(page.status, 429);
  assert.ok(Number(page.headers.get('retry-after')) > 0);
  const n = sqlite(join(s.dir, 'loket.db'), "SELECT count(*) FROM outbox WHERE to_addr IN ('korban11@example.com', 'korban.web@example.com')");
  assert.equal(n.stdout.trim(), '0');
});
