// Backup and restore as docs/deploy.md says them, while cases are being opened: SQLite's
// `loket backup` (then the file moved into place, `loket audit verify`, `loket serve`), and on
// PostgreSQL (LOKET_TEST_DB) pg_dump -Fc, createdb, pg_restore, db = pointed at it. The
// restored office is whole (every case with its steps and files, the audit chain), serves, and
// numbers on from the backup's last case. A database without Loket's schema (an empty file, a
// restore cut short, db = naming an empty database) is refused by serve, not made a new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, renameSync, copyFileSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, cli, cliAsync, confDb, pgFreshDb, psql, startServer, request, login, sleep } from './lib.mjs';

const PGBIN = '/usr/lib/postgresql/15/bin';
const seq = (n) => Number(String(n).replace(/^.*-/, ''));

// Open cases (each with a file) from four clients until stop() is called: the numbers acknowledged.
function load(url, token) {
  let on = true;
  const acked = [];
  const client = async (k) => {
    while (on) {
      try {
        const c = await request(url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone',
          subject: `Pulih ${k}`, requester: { name: 'Budi Santoso', email: 'budi@example.com' } } });
        if (c.status !== 201) continue;
        acked.push(c.json.number);
        const fd = new FormData();
        fd.append('file', new Blob([`surat ${c.json.number}\n`.repeat(200)], { type: 'text/plain' }), 'surat.txt');
        await fetch(`${url}/api/v1/cases/${c.json.number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
      } catch { /* stopping */ }
    }
  };
  const all = [0, 1, 2, 3].map(client);
  return { acked, async stop() { on = false; await Promise.all(all); } };
}

// The restored office serves: its cases whole, audit verify passes, the next number follows its last.
async function checkRestored(dir) {
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, `audit verify: ${v.stdout}${v.stderr}`);
  const s = await startServer({ dir });
  try {
    const token = await login(s.url);
    const numbers = [];
    for (let before = 0; ;) {
      const r = await request(s.url, 'GET', `/api/v1/cases?limit=500${before ? `&before=${before}` : ''}`, { token });
      assert.equal(r.status, 200, r.text);
      numbers.push(...r.json.cases.map((c) => c.number));
      if (!r.json.next_before) break;
      before = r.json.next_before;
    }
    assert.ok(numbers.length > 0, 'the backup holds cases');
    const sorted = numbers.map(seq).sort((a, b) => a - b);
    sorted.forEach((n, i) => assert.equal(n, i + 1, 'numbers without a gap'));
    for (const n of numbers.slice(0, 20)) {
      const c = await request(s.url, 'GET', `/api/v1/cases/${n}`, { token });
      assert.equal(c.status, 200);
      assert.ok(c.json.steps.length >= 1, `${n} has its first step`);
    }
    const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Setelah pemulihan', requester: { name: 'Siti' } } });
    assert.equal(c.status, 201, c.text);
    assert.equal(seq(c.json.number), sorted.length + 1);
    return numbers.length;
  } finally {
    await s.stop({ keep: true });
  }
}

// Serve a new office, open cases under load, take the copy with backup(dir, out) meanwhile,
// stop the load and the server, put the copy in place with restore(dir, out), and check the
// restored office against the cases acknowledged.
async function backupAndRestore(backup, restore) {
  const s = await startServer();
  const dir = s.dir;
  const out = mkdtempSync(join(tmpdir(), 'loket-restore-'));
  try {
    const l = load(s.url, await login(s.url));
    while (l.acked.length < 30) await sleep(20);
    await backup(dir, out);
    await sleep(300);
    await l.stop();
    await s.stop({ keep: true });
    await restore(dir, out);
    const n = await checkRestored(dir);
    assert.ok(n < l.acked.length, `the copy (${n} cases) was taken while the ${l.acked.length} were opened`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

test('SQLite: loket backup while cases are opened, restored as deploy.md says: whole, verified, numbering on', { skip: PG && 'SQLite only (PostgreSQL: the next test)', timeout: 60000 }, async () => {
  await backupAndRestore(async (dir, out) => {
    const b = await cliAsync(['backup', join(out, 'loket-2026-11-22.db'), '--data', dir]);
    assert.equal(b.status, 0, b.stderr);
  }, async (dir, out) => {
    // move loket.db (-wal and -shm when left) aside; the backup in its place; then verify and serve
    const aside = join(out, 'aside');
    mkdirSync(aside);
    for (const f of ['loket.db', 'loket.db-wal', 'loket.db-shm']) if (existsSync(join(dir, f))) renameSync(join(dir, f), join(aside, f));
    copyFileSync(join(out, 'loket-2026-11-22.db'), join(dir, 'loket.db'));
  });
});

test('PostgreSQL: pg_dump -Fc while cases are opened, createdb + pg_restore, db = pointed at it: whole, verified, numbering on',
  { skip: (!PG && 'PostgreSQL only (LOKET_TEST_DB)') || (!existsSync(join(PGBIN, 'pg_dump')) && 'pg_dump is not installed'), timeout: 60000 }, async () => {
  await backupAndRestore(async (dir, out) => {
    const d = spawnSync(join(PGBIN, 'pg_dump'), ['-Fc', '-d', confDb(dir), '-f', join(out, 'loket.dump')], { encoding: 'utf8' });
    assert.equal(d.status, 0, d.stderr);
  }, async (dir, out) => {
    const to = pgFreshDb();   // createdb -O loket -E UTF8 loket_restored
    const r = spawnSync(join(PGBIN, 'pg_restore'), ['-d', to, join(out, 'loket.dump')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const conf = join(dir, 'loket.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^db\s*=.*$/m, `db = ${to}`));
  });
});

test('a database without Loket\'s schema (an empty file, an empty database named by db =) is refused by serve and the commands that write, not made a new office', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-empty-'));
  try {
    if (PG) writeFileSync(join(dir, 'loket.conf'), `db = ${pgFreshDb()}\n`);
    else writeFileSync(join(dir, 'loket.db'), '');
    await assert.rejects(startServer({ dir }), /no Loket schema .*`loket init` sets one up/);
    const r = cli(['sla', 'run', '--data', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no Loket schema/);
    if (PG) assert.equal(psql(confDb(dir), "SELECT count(*) FROM pg_tables WHERE schemaname='public'").stdout.trim(), '0', 'nothing created');
    else assert.equal(readFileSync(join(dir, 'loket.db')).length, 0, 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
