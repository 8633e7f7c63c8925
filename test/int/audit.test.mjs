// The audit log's hash chain: `loket audit verify` passes on an untouched
// database and names the row when one is edited behind the server's back, or
// when a row is deleted from the middle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startServer, request, login, addUser, cli, sqlite, copyDatabase, webSession, ADMIN_PASSWORD, ROOT } from './lib.mjs';

let dir, rows;
const copies = [];

// A copy of the (stopped) data folder's database in a folder of its own.
function copyData() {
  const d = mkdtempSync(join(tmpdir(), 'loket-audit-'));
  copies.push(d);
  copyDatabase(dir, d);   // the file, or on PostgreSQL a copy of the database
  return d;
}

before(async () => {
  const s = await startServer();
  dir = s.dir;
  try {
    addUser(dir, 'auditee', 'helpdesk');
    const t = await login(s.url);
    await login(s.url, 'auditee', 'user-test-password-1');
    const bad = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'auditee', password: 'wrong-one' } });
    assert.equal(bad.status, 401);
    await request(s.url, 'POST', '/api/v1/logout', { token: t });
    addUser(dir, 'auditee2', 'piket');
    await login(s.url, 'admin', ADMIN_PASSWORD);
  } finally {
    const st = await s.stop({ keep: true });
    assert.equal(st.code, 0);
  }
});
after(() => {
  for (const d of [dir, ...copies]) if (d) rmSync(d, { recursive: true, force: true });
});

test('after changes, `loket audit verify` exits 0 with the row count', () => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^audit log intact: (\d+) rows$/m);
  assert.ok(m, r.stdout);
  rows = Number(m[1]);
  const inDb = Number(sqlite(join(dir, 'loket.db'), 'SELECT count(*) FROM audit').stdout.trim());
  assert.equal(rows, inDb, 'every row was walked');
  // init (office, admin), 2 user adds, 3 logins, 1 failure, 1 logout
  assert.ok(rows >= 9, `expected at least 9 audit rows, got ${rows}`);
  const actions = sqlite(join(dir, 'loket.db'), 'SELECT action FROM audit ORDER BY id').stdout;
  for (const a of ['auth.login', 'auth.login_failed', 'auth.logout']) assert.match(actions, new RegExp(`^${a.replace('.', '\\.')}$`, 'm'));
});

test('the audit table refuses UPDATE and DELETE while its triggers stand', () => {
  const d = copyData();
  const db = join(d, 'loket.db');
  const up = sqlite(db, "UPDATE audit SET detail='x' WHERE id=2");
  assert.notEqual(up.status, 0);
  assert.match(up.stderr, /append-only/);
  const del = sqlite(db, 'DELETE FROM audit WHERE id=2');
  assert.notEqual(del.status, 0);
  assert.match(del.stderr, /append-only/);
});

test('an edited row (trigger dropped, detail changed) → exit 1 naming row 2', () => {
  const d = copyData();
  const db = join(d, 'loket.db');
  assert.notEqual(sqlite(db, 'SELECT detail FROM audit WHERE id=2').stdout.trim(), 'x');
  const t = sqlite(db, "DROP TRIGGER audit_no_update; UPDATE audit SET detail='x' WHERE id=2;");
  assert.equal(t.status, 0, t.stderr);
  const r = cli(['audit', 'verify', '--data', d]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /\brow 2\b/);
  assert.match(r.stderr, /after 1 good rows/);
  assert.doesNotMatch(r.stdout, /intact/);
});

test('an edited row given a correct new hash still breaks the chain at the next row', () => {
  const d = copyData();
  const db = join(d, 'loket.db');
  // a forger who knows the hash recipe (audit.c: audit_hash) rewrites row 2 consistently
  const row = JSON.parse(sqlite(db, "SELECT json_object('id',id,'office_id',office_id,'at',at,'actor_id',actor_id,"
    + "'actor',actor,'action',action,'object',object,'detail',detail,'ip',ip,'prev_hash',prev_hash,'hash',hash)"
    + ' FROM audit WHERE id=2').stdout);
  const hashOf = (r) => createHash('sha256')
    .update(`${r.prev_hash}|${r.id}|${r.office_id}|${r.at}|${r.actor_id}|`)
    .update([r.actor, r.action, r.object, r.detail, r.ip].map((f) => f + '\0').join(''))
    .digest('hex');
  assert.equal(hashOf(row), row.hash, 'the recipe reproduces the stored hash');
  const forged = hashOf({ ...row, detail: 'forged' });
  const t = sqlite(db, `DROP TRIGGER audit_no_update; UPDATE audit SET detail='forged', hash='${forged}' WHERE id=2;`);
  assert.equal(t.status, 0, t.stderr);
  const r = cli(['audit', 'verify', '--data', d]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\brow 3 does not chain to row 2\b/);
});

test('a copy with a middle row deleted → exit 1', () => {
  const d = copyData();
  const db = join(d, 'loket.db');
  const mid = Math.floor(rows / 2);
  const t = sqlite(db, `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id=${mid};`);
  assert.equal(t.status, 0, t.stderr);
  const r = cli(['audit', 'verify', '--data', d]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`\\brow ${mid}\\b`));
  assert.match(r.stderr, /missing|deleted/);
});

test('verify prints the head; a copy with the newest row deleted fails against the kept head (exit 1)', () => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^head: row (\d+) hash ([0-9a-f]{64})$/m);
  assert.ok(m, r.stdout);
  assert.equal(Number(m[1]), rows);
  const kept = m[2];
  let v = cli(['audit', 'verify', '--head', kept, '--data', dir]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`kept hash found: row ${rows}, 0 rows after it`));
  // kept in capitals (as some tools print a hash): the same hash
  v = cli(['audit', 'verify', '--head', kept.slice(0, 20).toUpperCase(), '--data', dir]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`kept hash found: row ${rows}, 0 rows after it`));
  const d = copyData();
  const t = sqlite(join(d, 'loket.db'), `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id=${rows};`);
  assert.equal(t.status, 0, t.stderr);
  v = cli(['audit', 'verify', '--data', d]);
  assert.equal(v.status, 0, 'the shorter chain alone is whole');
  assert.match(v.stdout, new RegExp(`^head: row ${rows - 1} hash`, 'm'));
  v = cli(['audit', 'verify', '--expect', kept.slice(0, 16), '--data', d]);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stderr, new RegExp(`CUT: the kept hash ${kept.slice(0, 16)}… is in no row of the chain, which ends at row ${rows - 1}`));
  v = cli(['audit', 'verify', '--head', 'not-a-hash', '--data', d]);
  assert.equal(v.status, 2);
  assert.match(v.stderr, /--head: the kept hash "not-a-hash" is not a hash/);
});

test('the untouched original still verifies', () => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`audit log intact: ${rows} rows`));
});

test('the audit filter by object: exact through the API, a prefix with *, anywhere on the page', async () => {
  const s = await startServer();
  try {
    for (const username of ['sa', 'sari']) {
      const r = await request(s.url, 'POST', '/api/v1/login', { body: { username, password: 'not-the-password' } });
      assert.equal(r.status, 401);
    }
    const token = await login(s.url);
    const objects = async (q) => (await request(s.url, 'GET', `/api/v1/audit?action=auth.login_failed&${q}`, { token }))
      .json.rows.map((r) => r.object).sort();
    assert.deepEqual(await objects('object=user:0:sa'), ['user:0:sa']);   // "user:0:sari" holds it, yet is another object
    assert.deepEqual(await objects('object=user:0:sa*'), ['user:0:sa', 'user:0:sari']);
    assert.deepEqual(await objects('object=user:0:sar'), []);
    assert.deepEqual(await objects('object=0:sa*'), []);                  // a prefix, not text within
    const web = await webSession(s.url);
    const page = await web.get('/audit?object=0:sa');                     // the page's field: "contains"
    assert.equal(page.status, 200);
    assert.match(page.text, /user:0:sari/);
    assert.match(page.text, /user:0:sa</);
    // each action in words a person reads, its code under them (the code is what the filter takes)
    assert.match(page.text, /<td class="action">Gagal masuk<br><span class="mono muted">auth\.login_failed<\/span><\/td>/);
    const en = await web.get('/audit?object=0:sa&lang=en');
    assert.match(en.text, /<td class="action">Failed sign-in<br><span class="mono muted">auth\.login_failed<\/span><\/td>/);
  } finally {
    await s.stop();
  }
});

test('the audit page: a username typed with capitals finds its rows; the printed head names the filters in the page\'s language', async () => {
  const s = await startServer();
  try {
    const web = await webSession(s.url);
    const page = await web.get('/audit?actor=Admin&action=auth.&from=2020-01-01');
    assert.equal(page.status, 200);
    assert.match(page.text, /<td>admin<\/td>/);
    assert.doesNotMatch(page.text, /Tidak ada entri yang cocok/);
    const head = page.text.match(/<p class="print-only">(.*?)<\/p>/)[1];
    assert.match(head, / · Pelaku \(nama pengguna\): Admin · Tindakan diawali: auth\. · Dari tanggal: 2020-01-01$/);
    assert.doesNotMatch(head, /actor=|action=|from=/);
    const en = await web.get('/audit?actor=Admin&lang=en');
    assert.match(en.text.match(/<p class="print-only">(.*?)<\/p>/)[1], / · Actor \(username\): Admin$/);
  } finally {
    await s.stop();
  }
});

// Every action the code writes to the log has its words on the audit page: the codes the sources
// pass to the audit (as literals, or built as register.ACTION from the registers' actions) are
// each in the page's table.
test('every audited action has words on the audit log page', () => {
  const src = join(ROOT, 'src');
  const files = readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.c')).map((f) => readFileSync(join(src, f), 'utf8'));
  const table = new Set([...readFileSync(join(src, 'web/audit.c'), 'utf8').matchAll(/\{ "([a-z_.]+)", N_\(/g)].map((m) => m[1]));
  const written = new Set();
  for (const text of files) {
    for (const m of text.matchAll(/(?:audit_write|_audit|cred_log|act_end)\([^;]*?"([a-z_]+\.[a-z_.]+)"/g)) written.add(m[1]);
    for (const m of text.matchAll(/"([a-z_]+\.[a-z_.]+)" : "([a-z_]+\.[a-z_.]+)"/g)) { written.add(m[1]); written.add(m[2]); }
  }
  for (const m of readFileSync(join(src, 'desk/register.c'), 'utf8').matchAll(/N_\("[^"]+"\), (?:0|"[A-Z]+"), "([a-z]+)", N_/g)) written.add(`register.${m[1]}`);
  assert.ok(written.size > 100, `${written.size} codes found`);
  // (a ternary between two other dotted names, a field such as requester.name, is not an action)
  const families = new Set([...table].map((c) => c.split('.')[0]));
  const missing = [...written].filter((c) => families.has(c.split('.')[0]) && !table.has(c) && !/\.(h|c|read|write|admin|work|decide|office)$/.test(c));
  assert.deepEqual(missing, []);
  for (const c of ['register.edit', 'register.depart', 'register.destroy', 'case.step', 'user.unlock']) assert.ok(table.has(c), c);
});
