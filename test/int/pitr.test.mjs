// Point-in-time recovery on PostgreSQL, as docs/deploy.md says it: a cluster of its own
// (scripts/pg.sh) archiving its WAL to a folder (archive_mode, archive_command), a base backup
// (pg_basebackup), cases opened, the time noted, more cases opened; then the cluster stopped,
// the base backup put in place of its data folder with restore_command, recovery_target_time,
// recovery_target_action = 'promote' and recovery.signal, and started. Loket serves on the
// recovered database with exactly the cases up to the target, its audit chain intact and ending
// at the head `loket audit verify` printed at that time, and numbers on from there.
// PostgreSQL only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, appendFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, ROOT, ADMIN_PASSWORD, cli, startServer, request, login, psql, sleep } from './lib.mjs';

const PGBIN = '/usr/lib/postgresql/15/bin';
const skip = !PG && 'PostgreSQL only: set LOKET_TEST_DB (scripts/test.sh does)';
const cleanup = [];
let cluster = '';
after(() => {
  if (cluster) spawnSync(join(ROOT, 'scripts/pg.sh'), ['stop', cluster]);
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

// Run a command as the cluster's owner (scripts/pg.sh: `nobody` when the tests run as root);
// a failure is shown with the server's log when one is named.
function asOwner(cmd, args, log) {
  const r = process.getuid() === 0
    ? spawnSync('runuser', ['-u', 'nobody', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}${log && existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
  return r.stdout;
}

// Run SQL on url, failing the test when psql does: its output, trimmed.
function sql(url, text) {
  const r = psql(url, text);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// Open n cases through the API: their numbers.
async function openCases(url, token, n, subject) {
  const numbers = [];
  for (let i = 1; i <= n; i++) {
    const c = await request(url, 'POST', '/api/v1/cases', { token, body: { sop: 'OI-02',
      subject: `${subject} ${i}`, requester: { name: 'Budi Santoso', org_name: 'CV Maju Jaya' } } });
    assert.equal(c.status, 201, c.text);
    numbers.push(c.json.number);
  }
  return numbers;
}

// The case numbers of the office, oldest first.
async function caseNumbers(url, token) {
  const r = await request(url, 'GET', '/api/v1/cases?limit=100', { token });
  assert.equal(r.status, 200, r.text);
  return r.json.cases.map((c) => c.number).reverse();
}

test('PostgreSQL: a base backup and the WAL archive recover the office to a point in time', { skip, timeout: 90000 }, async () => {
  cluster = mkdtempSync('/tmp/loket-pitr-');
  const r0 = spawnSync(join(ROOT, 'scripts/pg.sh'), ['start', cluster], { encoding: 'utf8' });
  assert.equal(r0.status, 0, r0.stderr);
  const admin = r0.stdout.trim();
  const port = new URL(admin).port;
  const pgdata = join(cluster, 'data');
  const wal = join(cluster, 'wal-archive');
  const base = join(cluster, 'base');
  asOwner('mkdir', [wal]);
  // the archive as docs/deploy.md sets it (there in conf.d; ALTER SYSTEM here), then a restart
  sql(admin, 'ALTER SYSTEM SET archive_mode = on');
  sql(admin, `ALTER SYSTEM SET archive_command = 'test ! -f ${wal}/%f && cp %p ${wal}/%f'`);
  asOwner(join(PGBIN, 'pg_ctl'), ['-D', pgdata, '-l', join(cluster, 'server.log'), '-w', '-t', '60', 'restart', '-m', 'fast']);
  assert.equal(sql(admin, 'SHOW archive_mode'), 'on');
  sql(admin, 'CREATE DATABASE loket');
  const db = admin.replace(/\/postgres$/, '/loket');

  const dir = mkdtempSync(join(tmpdir(), 'loket-pitr-data-'));
  cleanup.push(dir);
  let r = cli(['init', '--data', dir, '--db', db], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(r.status, 0, r.stderr);
  asOwner(join(PGBIN, 'pg_basebackup'), ['-d', admin, '-D', base, '-X', 'stream', '-c', 'fast']);

  // cases up to the target, the head of the chain then, the target; more cases after it
  let server = await startServer({ dir });
  let token = await login(server.url);
  const before = await openCases(server.url, token, 3, 'Sebelum');
  r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const [, rows, head] = r.stdout.match(/head: row (\d+) hash ([0-9a-f]{64})/);
  await sleep(200);
  const target = sql(admin, 'SELECT clock_timestamp()');
  await sleep(200);
  const afterTarget = await openCases(server.url, token, 3, 'Sesudah');
  await server.stop({ keep: true });
  assert.equal(new Set(before.concat(afterTarget)).size, 6);

  // the segment holding the later writes archived (archive_timeout does it in production), then stopped
  const last = sql(admin, 'SELECT pg_walfile_name(pg_switch_wal())');
  for (let i = 0; i < 100 && sql(admin, 'SELECT last_archived_wal FROM pg_stat_archiver') < last; i++) await sleep(100);
  assert.ok(sql(admin, 'SELECT last_archived_wal FROM pg_stat_archiver') >= last, 'the WAL after the target is archived');
  asOwner(join(PGBIN, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop']);

  // the restore: the base backup in place of the data folder, the recovery settings, recovery.signal
  asOwner('mv', [pgdata, `${pgdata}.before-pitr`]);
  asOwner('cp', ['-a', base, pgdata]);
  appendFileSync(join(pgdata, 'postgresql.auto.conf'), `restore_command = 'cp ${wal}/%f %p'\n`
    + `recovery_target_time = '${target}'\nrecovery_target_action = 'promote'\n`);
  asOwner('touch', [join(pgdata, 'recovery.signal')]);
  // the settings a recovery checks (max_connections …) at least those of the cluster backed up
  const log = join(cluster, 'recovery.log');
  asOwner(join(PGBIN, 'pg_ctl'), ['-D', pgdata, '-l', log, '-w', '-t', '60', 'start',
    '-o', `-p ${port} -k ${cluster} -c listen_addresses=127.0.0.1 -c max_connections=300`], log);
  for (let i = 0; i < 100 && sql(admin, 'SELECT pg_is_in_recovery()') !== 'f'; i++) await sleep(100);
  assert.equal(sql(admin, 'SELECT pg_is_in_recovery()'), 'f', 'promoted at the target');

  // the chain is whole and ends at the head noted at the target; exactly the cases up to it
  r = cli(['audit', 'verify', '--head', head, '--data', dir]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`head: row ${rows} hash ${head}`));
  server = await startServer({ dir });
  try {
    token = await login(server.url);
    assert.deepEqual(await caseNumbers(server.url, token), before);
    const again = await openCases(server.url, token, 1, 'Setelah pemulihan');
    assert.deepEqual(again, [afterTarget[0]], 'numbering goes on from the last case kept');
  } finally { await server.stop({ keep: true }); }
});
