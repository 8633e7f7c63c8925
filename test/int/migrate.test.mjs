// Issue 3, moving up: `loket migrate --from DIR --to postgresql://…` copies a small office's
// SQLite database (cases, steps, notes, an attachment's bytes, users, sessions, the audit
// chain, a calendar period with its hours) into an empty PostgreSQL database with a progress bar, checks every table (rows
// and hash), verifies the audit chain there; a server on the new database shows the same
// cases, numbers go on from where they were, and new rows get new ids. A second run into
// the now non-empty database is refused. PostgreSQL only (LOKET_TEST_DB).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, BIN, cli, startServer, request, login, pgFreshDb, psql, initData, confDb, sqlite } from './lib.mjs';

const skip = !PG && 'PostgreSQL only: set LOKET_TEST_DB (scripts/test.sh does)';
const NOW = '2026-03-02T09:00:00+07:00';
const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

test('a SQLite office moved to PostgreSQL: every table checked, the audit chain intact, the server goes on', { skip }, async () => {
  // an office on SQLite, even though the suite runs on PostgreSQL
  const dir = mkdtempSync(join(tmpdir(), 'loket-mig-'));
  cleanup.push(dir);
  let r = cli(['init', '--data', dir, '--db', join(dir, 'loket.db')], { env: { LOKET_ADMIN_PASSWORD: 'Rahasia-uji-2026' } });
  assert.equal(r.status, 0, r.stderr);
  let s = await startServer({ dir, env: { LOKET_TEST_NOW: NOW } });
  const before = [];
  let periodsBefore;
  // a "PDF" (libmagic reads the start) whose body is every byte value, \0 and \\ among them
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))]);
  try {
    const token = await login(s.url);
    // Ramadan hours (a period and its spans), from 19 February to 20 March
    const p = await request(s.url, 'POST', '/api/v1/calendar/periods', { token, body: {
      name: 'Ramadan 1447 H', from: '2026-02-19', to: '2026-03-20', hours: ['1-4 08:00-15:00', '5 08:00-11:30 13:00-15:30', '6 closed'] } });
    assert.equal(p.status, 201, p.text);
    // a second period, removed: its id (2) is never given again, on PostgreSQL either (0056)
    const gone = await request(s.url, 'POST', '/api/v1/calendar/periods', { token, body: {
      name: 'Dihapus', from: '2026-04-01', to: '2026-04-05', hours: ['5 closed'] } });
    assert.equal(gone.status, 201, gone.text);
    assert.equal(gone.json.id, 2);
    assert.equal((await request(s.url, 'DELETE', '/api/v1/calendar/periods/2', { token })).status, 200);
    periodsBefore = (await request(s.url, 'GET', '/api/v1/calendar?year=2026', { token })).json.periods;
    assert.equal(periodsBefore.length, 1);
    for (let i = 0; i < 5; i++) {
      const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
        sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: `Kasus ${i}: "kutip", back\\slash, é ñ`,
        urgency: 'mendesak', impact: 'sedang', requester: { name: `Budi ${i}`, email: `budi${i}@example.com` } } });
      assert.equal(c.status, 201, c.text);
      const st = await request(s.url, 'POST', `/api/v1/cases/${c.json.number}/steps/1`, { token, body: { outcome: 'done', note: `catatan ${i}: tab\there, "kutip", back\\slash, baris\nbaru, é ñ` } });
      assert.equal(st.status, 200, st.text);
    }
    const fd = new FormData();
    fd.append('file', new Blob([bytes]), 'data.pdf');
    const up = await fetch(`${s.url}/api/v1/cases/LPSE-2026-000001/attachments`, { method: 'POST', body: fd, headers: { Authorization: `Bearer ${token}` } });
    assert.equal(up.status, 201, await up.text());
    for (let i = 1; i <= 5; i++) {
      const g = await request(s.url, 'GET', `/api/v1/cases/LPSE-2026-00000${i}`, { token });
      assert.equal(g.status, 200, g.text);
      before.push(g.json);
    }
    // a knowledge-base article: its full-text index is FTS5 here, a tsvector table there
    const kb = await request(s.url, 'POST', '/api/v1/kb', { token, body: {
      title: 'Lupa kata sandi (password) akun SPSE', category: 'Akun', tags: ['password', 'akun'], status: 'published',
      body: 'Buka halaman login SPSE, pilih Lupa Password, lalu masukkan User ID dan e-mail yang terdaftar.' } });
    assert.equal(kb.status, 201, kb.text);
    const found = await request(s.url, 'GET', '/api/v1/kb?q=bagaimana%20mengembalikan%20kata%20sandi%20yang%20lupa', { token });
    assert.equal(found.json.articles.length, 1, found.text);
  } finally {
    await s.stop({ keep: true });
  }

  // the move
  const url = pgFreshDb();
  // the address as an office writes it, with a password (the test cluster trusts and ignores it)
  const withPw = url.replace('postgresql://loket@', 'postgresql://loket:sandi-rahasia-pg@');
  r = cli(['migrate', '--from', dir, '--to', withPw]);
  assert.equal(r.status, 0, r.stderr);
  // what to put in loket.conf is said, without writing the password into a terminal's log
  assert.ok(r.stdout.includes(`Next: put \`db = ${url.replace('postgresql://loket@', 'postgresql://loket:…@')}\``), r.stdout);
  assert.doesNotMatch(r.stdout + r.stderr, /sandi-rahasia-pg/);
  // stderr is a pipe here: a few plain lines (the start, each tenth, the end), no bar redrawn
  // with carriage returns hundreds of times into a log
  assert.doesNotMatch(r.stderr, /\r|\[#/);
  assert.match(r.stderr, /^migrate: copying \d+ rows in \d+ tables$/m);
  assert.match(r.stderr, /^migrate: 100% {2}(\d+)\/\1 rows {2}\(\w+\)$/m);
  assert.match(r.stderr, /^migrate: copied; reading every table back to check it$/m);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('migrate:'));
  assert.ok(lines.length >= 3 && lines.length <= 13, r.stderr);
  // the SQLite file is left in place, and what to do with it is said
  assert.ok(existsSync(join(dir, 'loket.db')));
  assert.ok(r.stdout.includes(`${join(dir, 'loket.db')} stays where it is and is no longer used`), r.stdout);
  assert.match(r.stdout, /keep it as a backup[^]*then remove it with its -wal and -shm/);
  assert.match(r.stdout, /^ {2}kasus +5 rows +[0-9a-f]{32} +ok$/m);
  assert.match(r.stdout, /^ {2}case_attachment +1 rows +[0-9a-f]{32} +ok$/m);
  assert.match(r.stdout, /^ {2}search_doc +1 rows +[0-9a-f]{32} +ok$/m, 'the full-text index moved too');
  assert.match(r.stdout, /^ {2}calendar_period +1 rows +[0-9a-f]{32} +ok$/m);
  assert.match(r.stdout, /^ {2}calendar_period_hours +6 rows +[0-9a-f]{32} +ok$/m, 'Monday to Thursday, Friday\'s two spans');
  assert.doesNotMatch(r.stdout, /DIFFERS/);
  assert.match(r.stdout, /tables, \d+ rows copied and checked/);
  assert.match(r.stdout, /audit log intact on PostgreSQL: \d+ rows/);
  const srcAudit = Number(/audit +(\d+) rows/.exec(r.stdout)[1]);
  assert.ok(srcAudit > 10);

  // the SQLite file left behind is marked moved: serve and the commands that write refuse it (a loket.conf
  // without its db line served the old data, and what it wrote was not in PostgreSQL); reading goes on
  assert.ok(existsSync(join(dir, 'loket.db.moved')), 'the mark beside the file');
  for (const args of [['serve', '--listen', '127.0.0.1:0'], ['user', 'add', 'budi', '--role', 'helpdesk']]) {
    const w = spawnSync(BIN, [...args, '--data', dir], { encoding: 'utf8', timeout: 10000 });
    assert.equal(w.status, 1, `${args[0]}: ${w.stdout}${w.stderr}`);
    assert.match(w.stderr, /loket\.db was moved to PostgreSQL by loket migrate .*db = postgresql:\/\/.*remove .*loket\.db\.moved/, args[0]);
  }
  assert.equal(cli(['audit', 'verify', '--data', dir]).status, 0, 'the old file still reads (a backup)');

  // the same data folder, now on PostgreSQL
  const pdir = mkdtempSync(join(tmpdir(), 'loket-mig-pg-'));
  cleanup.push(pdir);
  writeFileSync(join(pdir, 'loket.conf'), `db = ${url}\n`);
  const v = cli(['audit', 'verify', '--data', pdir]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`intact: ${srcAudit} rows`));
  s = await startServer({ dir: pdir, env: { LOKET_TEST_NOW: NOW, LOKET_TEST_CASE_WINDOW: '1' } });   // the case search reaches its index
  try {
    const token = await login(s.url);
    for (let i = 1; i <= 5; i++) {
      const g = await request(s.url, 'GET', `/api/v1/cases/LPSE-2026-00000${i}`, { token });
      assert.equal(g.status, 200, g.text);
      assert.deepEqual(g.json, before[i - 1], `case ${i} reads the same on PostgreSQL`);
    }
    const list = await request(s.url, 'GET', '/api/v1/cases/LPSE-2026-000001/attachments', { token });
    assert.equal(list.status, 200, list.text);
    const id = list.json.attachments[0].id;
    const d = await fetch(`${s.url}/api/v1/cases/LPSE-2026-000001/attachments/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(d.status, 200);
    assert.deepEqual(Buffer.from(await d.arrayBuffer()), bytes, 'the attachment\'s bytes are the same');
    // the article is found by the same question on PostgreSQL
    const found = await request(s.url, 'GET', '/api/v1/kb?q=bagaimana%20mengembalikan%20kata%20sandi%20yang%20lupa', { token });
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.json.articles.map((a) => a.title), ['Lupa kata sandi (password) akun SPSE']);
    // the case search's trigram index is made again there: PostgreSQL's triggers filled case_text as the cases came
    assert.equal(psql(url, 'SELECT count(*) FROM case_text').stdout.trim(), '5');
    assert.equal(psql(url, "SELECT count(*) FROM pg_indexes WHERE indexname='case_text_trgm'").stdout.trim(), '1');
    const all = await request(s.url, 'GET', '/api/v1/cases?q=000', { token });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.json.cases.length, 5, 'every case found by a fragment of its number');
    // numbering and ids go on after the copied rows
    const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Sesudah pindah', urgency: 'mendesak', impact: 'sedang',
      requester: { name: 'Sari' } } });
    assert.equal(c.status, 201, c.text);
    assert.equal(c.json.number, 'LPSE-2026-000006');
    const ids = psql(url, 'SELECT max(id) FROM kasus');
    assert.equal(ids.stdout.trim(), '6');
    // the period and its hours came along, and count: a case opened now (Monday 09:00) is answered within
    // 7.5 office hours on Ramadan's 08:00–15:00, Tuesday 09:30 (07:30–16:00 with its break would give 09:00)
    assert.deepEqual((await request(s.url, 'GET', '/api/v1/calendar?year=2026', { token })).json.periods, periodsBefore);
    const rhs = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP 06/LPSE/2012', channel: 'email', subject: 'Dokumen penawaran .rhs tidak bisa dibuka', requester: { name: 'Pokja 3' } } });
    assert.equal(rhs.status, 201, rhs.text);
    const got = await request(s.url, 'GET', `/api/v1/cases/${rhs.json.number}`, { token });
    assert.equal(got.json.response_due_at, '2026-03-03T02:30:00Z');
    const p = await request(s.url, 'POST', '/api/v1/calendar/periods', { token, body: {
      name: 'Syawal', from: '2026-03-25', to: '2026-03-31', hours: ['5 closed'] } });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.id, 3, 'period ids go on after the copied one and the one removed before the move');
  } finally {
    await s.stop({ keep: true });
  }
  const v2 = cli(['audit', 'verify', '--data', pdir]);
  assert.equal(v2.status, 0, v2.stderr);

  // on a terminal (script(1) gives it one): the bar, redrawn in place
  const tty = spawnSync('script', ['-qec', `${BIN} migrate --from ${dir} --to ${pgFreshDb()}`, '/dev/null'], { encoding: 'utf8' });
  assert.equal(tty.status, 0, tty.stdout);
  assert.match(tty.stdout, /\rmigrate \[#+\] 100%/);
  assert.doesNotMatch(tty.stdout, /^migrate: copying/m);

  // into a database that has rows: refused, nothing changed
  const again = cli(['migrate', '--from', dir, '--to', url]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /not empty/);
  assert.equal(psql(url, 'SELECT count(*) FROM kasus').stdout.trim(), '7');
});

test('after loket init the outbox has its index per office, and an office\'s outbox list is read through it (SQLite and PostgreSQL)', () => {
  const dir = initData();
  cleanup.push(dir);
  const list = "SELECT id, status FROM outbox WHERE office_id=1 ORDER BY id DESC LIMIT 50";
  if (PG) {
    const url = confDb(dir);
    assert.equal(psql(url, "SELECT indexdef FROM pg_indexes WHERE indexname='outbox_office'").stdout.trim(),
      'CREATE INDEX outbox_office ON public.outbox USING btree (office_id, id)');
    // an empty table: the planner is told to use what an outbox of thousands of rows would
    const plan = psql(url, `SET enable_seqscan=off; SET enable_bitmapscan=off; EXPLAIN ${list}`);
    assert.equal(plan.status, 0, plan.stderr);
    assert.match(plan.stdout, /Index Scan Backward using outbox_office on outbox/);
    assert.doesNotMatch(plan.stdout, /Sort/, 'the index gives the order');
  } else {
    const db = join(dir, 'loket.db');
    assert.equal(sqlite(db, "SELECT sql FROM sqlite_master WHERE name='outbox_office'").stdout.trim(),
      'CREATE INDEX outbox_office ON outbox(office_id, id)');
    const plan = sqlite(db, `EXPLAIN QUERY PLAN ${list}`).stdout;
    assert.match(plan, /SEARCH outbox USING (COVERING )?INDEX outbox_office \(office_id=\?\)/);
    assert.doesNotMatch(plan, /TEMP B-TREE/, 'the index gives the order');
  }
});

test('after loket init portal_ticket has no index of its rating\'s time (0049): the rating is written and cleared by the ticket or its case, each by its own key (SQLite and PostgreSQL)', () => {
  const dir = initData();
  cleanup.push(dir);
  const rate = 'UPDATE portal_ticket SET rating=5, rating_comment=\'\', rated_at=1 WHERE id=7 AND rating IS NULL';
  const clear = 'UPDATE portal_ticket SET rating=NULL, rating_comment=\'\', rated_at=NULL WHERE case_id=7 AND rating IS NOT NULL';
  if (PG) {
    const url = confDb(dir);
    assert.equal(psql(url, "SELECT count(*) FROM pg_indexes WHERE tablename='portal_ticket' AND indexname='portal_ticket_rated'").stdout.trim(), '0');
    assert.equal(psql(url, "SELECT count(*) FROM schema_migration WHERE name='0049-drop-portal-ticket-rated'").stdout.trim(), '1');
    for (const [sql, key] of [[rate, 'portal_ticket_pkey'], [clear, 'portal_ticket_case_id_key']]) {
      const plan = psql(url, `SET enable_seqscan=off; SET enable_bitmapscan=off; EXPLAIN ${sql}`);
      assert.equal(plan.status, 0, plan.stderr);
      assert.match(plan.stdout, new RegExp(`Index Scan using ${key} on portal_ticket`), plan.stdout);
    }
  } else {
    const db = join(dir, 'loket.db');
    assert.equal(sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name='portal_ticket_rated'").stdout.trim(), '0');
    assert.equal(sqlite(db, "SELECT count(*) FROM schema_migration WHERE name='0049-drop-portal-ticket-rated'").stdout.trim(), '1');
    assert.match(sqlite(db, `EXPLAIN QUERY PLAN ${rate}`).stdout, /SEARCH portal_ticket USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    assert.match(sqlite(db, `EXPLAIN QUERY PLAN ${clear}`).stdout, /SEARCH portal_ticket USING INDEX sqlite_autoindex_portal_ticket_1 \(case_id=\?\)/);
  }
});

test('migrate needs both ends, and a PostgreSQL target', () => {
  let r = cli(['migrate', '--from', '/nonexistent']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--to/);
  r = cli(['migrate', '--from', '/nonexistent/loket.db', '--to', 'postgresql://127.0.0.1:1/x']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot read/);
  r = cli(['migrate', '--from', '/nonexistent/loket.db', '--to', '/tmp/x.db']);
  assert.equal(r.status, 2);   // a bad value: usage
  assert.match(r.stderr, /postgresql:\/\//);
});

test('migrate refuses a data folder that a server is running on, and takes it once stopped', async () => {
  const s = await startServer();
  let r;
  try {
    r = cli(['migrate', '--from', s.dir, '--to', 'postgresql://127.0.0.1:1/x']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /is being served .*stop it first/);
    r = cli(['migrate', '--from', join(s.dir, 'loket.db'), '--to', 'postgresql://127.0.0.1:1/x']);
    assert.match(r.stderr, /is being served/, 'named by its file too');
  } finally {
    await s.stop();   /* a server left running would hold the test run open */
  }
  r = cli(['migrate', '--from', s.dir, '--to', 'postgresql://127.0.0.1:1/x']);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stderr, /being served/);
});
