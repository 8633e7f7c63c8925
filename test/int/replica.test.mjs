// Issue 3, the read replica: `loket serve` with db_replica (or --db-replica) sends report
// reads — the audit log list, API and page, and the reports (dashboard, compliance, recaps and
// their exports) — to a PostgreSQL streaming replica while it lags
// at most db_replica_max_lag_seconds, and to the primary once it lags more. The test starts a
// primary and a hot standby of its own (scripts/pg.sh start, scripts/pg.sh replica), pauses
// the standby's replay, and watches where the audit list and the dashboard come from.
// PostgreSQL only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, ROOT, BIN, cli, startServer, request, login, psql, sleep } from './lib.mjs';

const skip = !PG && 'PostgreSQL only: set LOKET_TEST_DB (scripts/test.sh does)';
const T0 = '2026-01-05T08:00:00+07:00';
const clusters = [];
const cleanup = [];
after(() => {
  for (const d of clusters.reverse()) spawnSync(join(ROOT, 'scripts/pg.sh'), ['stop', d]);
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

// Start a cluster (or a replica of one) with scripts/pg.sh; its address.
function cluster(...args) {
  const d = mkdtempSync('/tmp/loket-repl-');
  clusters.push(d);
  const r = spawnSync(join(ROOT, 'scripts/pg.sh'), [args[0], d, ...args.slice(1)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// Wait until SQL on url answers want.
async function until(url, sql, want, what) {
  let got;
  for (let i = 0; i < 100; i++) {
    got = psql(url, sql).stdout.trim();
    if (got === want) return;
    await sleep(100);
  }
  assert.fail(`${what}: ${got} !== ${want}`);
}

test('report reads go to the replica while it keeps up, to the primary when it lags', { skip }, async () => {
  const primary = cluster('start');
  const standby = cluster('replica', primary);
  const db = primary.replace(/\/postgres$/, '/loket');
  const rdb = standby.replace(/\/postgres$/, '/loket');
  assert.equal(psql(primary, 'CREATE DATABASE loket').status, 0);
  const dir = mkdtempSync(join(tmpdir(), 'loket-repl-data-'));
  cleanup.push(dir);
  let r = cli(['init', '--data', dir, '--db', db], { env: { LOKET_ADMIN_PASSWORD: 'Rahasia-uji-2026' } });
  assert.equal(r.status, 0, r.stderr);
  // a replica that is not PostgreSQL is refused at start
  r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0', '--db-replica', '/tmp/x.db']);
  assert.equal(r.status, 2);   // --db-replica given badly: usage
  assert.match(r.stderr, /replica/);
  // one that does not answer is no reason not to serve: the reports read from the primary
  {
    const down = await startServer({ dir, conf: `db = ${db}\ndb_replica = postgresql://loket@127.0.0.1:1/loket\n`, env: { LOKET_TEST_NOW: T0 } });
    try {
      for (let i = 0; i < 30 && !/reports read from the primary until it answers/.test(down.output().stderr); i++) await sleep(100);
      assert.match(down.output().stderr, /db_replica: .*reports read from the primary until it answers/);
      const tk = await login(down.url);
      const a = await request(down.url, 'GET', '/api/v1/audit?limit=1', { token: tk });
      assert.equal(a.status, 200, a.text);
    } finally { await down.stop({ keep: true }); }
  }

  // an address that is not a copy of db (another Loket database, or no Loket database at all) is
  // refused at start, naming db_replica: its reports were read from it as from a replica that kept up
  assert.equal(psql(primary, 'CREATE DATABASE loket_other').status, 0);
  const other = primary.replace(/\/postgres$/, '/loket_other');
  const odir = mkdtempSync(join(tmpdir(), 'loket-repl-other-'));
  cleanup.push(odir);
  assert.equal(cli(['init', '--data', odir, '--db', other], { env: { LOKET_ADMIN_PASSWORD: 'Rahasia-uji-2026' } }).status, 0);
  for (const wrong of [other, primary]) {
    writeFileSync(join(dir, 'loket.conf'), `db = ${db}\ndb_replica = ${wrong}\n`);
    const w = spawnSync(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(w.status, 1, `${wrong}: ${w.stdout}${w.stderr}`);
    assert.match(w.stderr, /^loket serve: db_replica: not a copy of db's database/m, wrong);
  }

  const LAG = 3;
  const s = await startServer({ dir, conf: `db = ${db}\ndb_replica = ${rdb}\ndb_replica_max_lag_seconds = ${LAG}\n`,
    env: { LOKET_TEST_NOW: T0 } });
  try {
    for (let i = 0; i < 20 && !/reports read from the replica/.test(s.output().stderr); i++) await sleep(100);
    assert.match(s.output().stderr, /reports read from the replica while it lags at most 3 s/);
    const token = await login(s.url);
    const open = async (subject) => {
      const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
        sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, urgency: 'mendesak', impact: 'sedang', requester: { name: 'Budi' } } });
      assert.equal(c.status, 201, c.text);
      return c.json.number;
    };
    const auditHas = async (number) => {
      const a = await request(s.url, 'GET', '/api/v1/audit?limit=100', { token });
      assert.equal(a.status, 200, a.text);
      return a.text.includes(number);
    };
    const openCases = async () => {
      const d = await request(s.url, 'GET', '/api/v1/reports/dashboard', { token });
      assert.equal(d.status, 200, d.text);
      return d.json.office.open_cases;
    };
    const first = await open('Pertama');
    await until(rdb, `SELECT count(*) FROM kasus WHERE number='${first}'`, '1', 'the standby has the first case');
    assert.ok(await auditHas(first));
    assert.equal(await openCases(), 1);

    // the standby stops replaying: what is written now is not there
    assert.equal(psql(rdb, 'SELECT pg_wal_replay_pause()').status, 0);
    const second = await open('Kedua');
    assert.equal(psql(rdb, `SELECT count(*) FROM kasus WHERE number='${second}'`).stdout.trim(), '0');
    assert.equal(await auditHas(second), false, 'within the bound, the audit list is read from the replica');
    assert.equal(await openCases(), 1, 'within the bound, the dashboard is read from the replica');
    // the case itself is no report: it is read from the primary at once
    const c = await request(s.url, 'GET', `/api/v1/cases/${second}`, { token });
    assert.equal(c.status, 200, c.text);

    // past the bound, reports go to the primary
    await sleep((LAG + 1.5) * 1000);
    assert.equal(await auditHas(second), true, 'past the bound, the audit list is read from the primary');
    assert.equal(await openCases(), 2, 'past the bound, the dashboard is read from the primary');
    const said = /replica: it lags past db_replica_max_lag_seconds; reports read from the primary/;
    for (let i = 0; i < 20 && !said.test(s.output().stderr); i++) await sleep(100);   // stderr arrives on its own
    assert.match(s.output().stderr, said);

    // replay resumes: the replica catches up and answers again
    assert.equal(psql(rdb, 'SELECT pg_wal_replay_resume()').status, 0);
    await until(rdb, `SELECT count(*) FROM kasus WHERE number='${second}'`, '1', 'the standby caught up');
    await sleep(1200);
    assert.equal(await auditHas(second), true);
    assert.equal(await openCases(), 2);
  } finally {
    await s.stop({ keep: true });
  }
  // the commands that only read run on the standby itself (they used to migrate first, and fail
  // there with "cannot create schema_migration"); one that writes is refused by it
  const sdir = mkdtempSync(join(tmpdir(), 'loket-repl-standby-'));
  cleanup.push(sdir);
  writeFileSync(join(sdir, 'loket.conf'), `db = ${rdb}\n`);
  r = cli(['audit', 'verify', '--data', sdir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /audit log intact: \d+ rows/);
  for (const args of [['user', 'list'], ['office', 'list'], ['calendar', 'list'], ['mail', 'list']]) {
    r = cli([...args, '--data', sdir]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  r = cli(['office', 'add', 'LPSE-Y', '--data', sdir]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /read-only/);
});
