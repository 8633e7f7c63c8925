// Issue 3: many nodes. Two `loket serve` processes on loopback share one PostgreSQL database
// (two data folders whose loket.conf name the same db, as two machines would). Cases opened on
// both at once get numbers with no duplicate and no gap; a session made on one node works on
// the other; with the clock moved past the due times, both nodes' SLA watchers and mail
// senders run at once and every notice and every mail happens exactly once. Then one node is
// killed with SIGKILL under load: the other keeps serving, and every case either node
// acknowledged is in the database, still without a gap, and the audit chain verifies.
// PostgreSQL only (LOKET_TEST_DB); on SQLite one process owns the file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { PG, initData, startServer, request, login, cli, confDb, psql, sleep, smtpSink, sameDbFolder } from './lib.mjs';

const skip = !PG && 'PostgreSQL only: set LOKET_TEST_DB (scripts/test.sh does)';
const PW = 'nodes-test-password-2026';
const T0 = '2026-01-05T08:00:00+07:00';      // cases opened Monday 08:00 WIB
const T1 = '2026-01-05T08:20:00+07:00';      // past every step 2's due time (08:10)
const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

// A second data folder on the same database (lib.mjs), removed at the end.
function sameDb(dir) {
  const d = sameDbFolder(dir);
  cleanup.push(d);
  return d;
}

// The Subject of a message the sink kept, its RFC 2047 encoded-words (a non-ASCII subject) decoded.
function subjectOf(m) {
  const h = (m.match(/^Subject:(.*(?:\n[ \t].*)*)/mi) || ['', ''])[1].replace(/\n[ \t]/g, ' ');
  return h.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8')).trim();
}

// Open an OI-02 case and complete its step 1 (step 2: helpdesk, 10 office minutes).
async function openAtStep2(url, token, subject) {
  const r = await request(url, 'POST', '/api/v1/cases', { token, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject,
    requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } } });
  assert.equal(r.status, 201, r.text);
  const s = await request(url, 'POST', `/api/v1/cases/${encodeURIComponent(r.json.number)}/steps/1`, { token, body: { outcome: 'done' } });
  assert.equal(s.status, 200, s.text);
  return r.json.number;
}

const seq = (n) => Number(n.replace(/^.*-/, ''));

// The office's first case, opened at now on one node and cancelled (no clock of it runs later):
// a monthly report is mailed for no month that ended before an office's first case.
async function firstCaseAt(dir, now) {
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: now } });
  try {
    const token = await login(s.url);
    const r = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP 02/LPSE.OI/2012', channel: 'letter', subject: 'Kasus pertama', requester: { name: 'Budi Santoso' } } });
    assert.equal(r.status, 201, r.text);
    const c = await request(s.url, 'POST', `/api/v1/cases/${encodeURIComponent(r.json.number)}/cancel`, { token, body: { reason: 'Uji' } });
    assert.equal(c.status, 200, c.text);
  } finally {
    await s.stop({ keep: true });
  }
}

test('two nodes on one database: numbers once and gapless, one session for both, every notice and mail once', { skip }, async () => {
  const dirA = initData();
  const dirB = sameDb(dirA);
  for (const [name, role] of [['hana', 'helpdesk'], ['kartini', 'ketua']]) {
    const r = cli(['user', 'add', name, '--data', dirA, '--role', role, '--email', `${name}@lpse.example.go.id`, '--name', name],
      { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  await firstCaseAt(dirA, '2025-12-15T09:00:00+07:00');   // so December has its report in January
  const sink = await smtpSink();
  const conf = `sla_poll_seconds = 1\nmail_poll_seconds = 1\nsmtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_from = loket@lpse.test\n`;
  let A = await startServer({ dir: dirA, conf, env: { LOKET_TEST_NOW: T0 } });
  let B = await startServer({ dir: dirB, conf, env: { LOKET_TEST_NOW: T0 } });
  try {
    const tokA = await login(A.url);
    // a session made on A is good on B
    const who = await request(B.url, 'GET', '/api/v1/notices', { token: tokA });
    assert.equal(who.status, 200, who.text);
    const tokB = await login(B.url);

    // 24 cases opened at once, half on each node
    const N = 24;
    const numbers = await Promise.all(Array.from({ length: N }, (_, i) =>
      (i % 2 ? openAtStep2(B.url, tokB, `Kasus B${i}`) : openAtStep2(A.url, tokA, `Kasus A${i}`))));
    assert.equal(new Set(numbers).size, N, `no duplicate number: ${numbers}`);
    assert.deepEqual(numbers.map(seq).sort((a, b) => a - b), Array.from({ length: N }, (_, i) => i + 1), 'no gap');
    // each node reads the cases the other opened
    for (const n of numbers.slice(0, 4)) {
      const r = await request(B.url, 'GET', `/api/v1/cases/${encodeURIComponent(n)}`, { token: tokB });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.number, n);
    }

    // both nodes past the due times: their watchers and senders race
    await A.stop({ keep: true });
    await B.stop({ keep: true });
    A = await startServer({ dir: dirA, conf, env: { LOKET_TEST_NOW: T1 } });
    B = await startServer({ dir: dirB, conf, env: { LOKET_TEST_NOW: T1 } });
    const db = confDb(dirA);
    const expect = N;   // per case: kartini's breach (first seen past its due time: no warning that it is nearly due)
    const mails = expect + 1;   // and December's report to kartini, the head (5 January: the month's first working day), once
    for (let i = 0; i < 150 && sink.got.length < mails; i++) await sleep(200);
    await sleep(2500);      // a few more passes of both watchers and senders: nothing new may come
    const notices = psql(db, 'SELECT count(*), count(DISTINCT (case_step_id, kind, to_user_id)) FROM notice');
    assert.equal(notices.stdout.trim(), `${expect}|${expect}`, 'each notice once');
    const out = psql(db, "SELECT count(*), count(*) FILTER (WHERE status='sent') FROM outbox");
    assert.equal(out.stdout.trim(), `${mails}|${mails}`, 'one mail per notice and one monthly report, all sent');
    const ids = sink.got.map((m) => (m.match(/^Message-ID: <loket\.(\d+)\./mi) || [])[1]);
    assert.equal(sink.got.length, mails, `every mail delivered exactly once (got ${sink.got.length})`);
    assert.equal(new Set(ids).size, mails, 'no outbox row sent twice');
    assert.equal(sink.got.filter((m) => subjectOf(m).startsWith('Laporan kepatuhan bulanan Desember 2025')).length, 1, 'the monthly report once');
    const audit = psql(db, "SELECT count(*) FROM audit WHERE action LIKE 'sla.%'");
    assert.equal(audit.stdout.trim(), String(expect));
    const byNode = [A, B].map((s) => /sla: \d+ warning/.test(s.output().stderr));
    assert.ok(byNode.some(Boolean), 'a watcher sent the notices');
  } finally {
    await A.stop({ keep: true });
    await B.stop({ keep: true });
    await sink.stop();
  }
  const v = cli(['audit', 'verify', '--data', dirA]);
  assert.equal(v.status, 0, v.stderr);
  cleanup.push(dirA);
});

test('a node killed with SIGKILL under load: the other keeps serving, nothing acknowledged is lost', { skip }, async () => {
  const dirA = initData();
  const dirB = sameDb(dirA);
  const A = await startServer({ dir: dirA });
  const B = await startServer({ dir: dirB });
  const acked = [];
  const errorsB = [];
  let killed = false, ackedAfterKill = 0;
  try {
    const tokA = await login(A.url);
    const tokB = await login(B.url);
    const open = (url, token, subject) => request(url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, urgency: 'mendesak', impact: 'sedang',
      requester: { name: 'Budi Santoso', email: 'budi@example.com' } } });
    const loopA = async (k) => {
      for (let i = 0; !killed; i++) {
        try {
          const r = await open(A.url, tokA, `A${k}-${i}`);
          if (r.status === 201) acked.push(r.json.number);
        } catch { /* the node is gone: its clients see the connection drop */ }
      }
    };
    const loopB = async (k) => {
      for (let i = 0; !killed || ackedAfterKill < 20; i++) {
        try {
          const r = await open(B.url, tokB, `B${k}-${i}`);
          if (r.status === 201) { acked.push(r.json.number); if (killed) ackedAfterKill++; } else errorsB.push(`${r.status} ${r.text}`);
        } catch (e) { errorsB.push(String(e)); }
      }
    };
    const loops = [loopA(1), loopA(2), loopB(1), loopB(2)];
    while (acked.length < 20) await sleep(20);
    A.proc.kill('SIGKILL');           // mid-load: some of its transactions are cut
    killed = true;
    await Promise.all(loops);
    const st = await A.stop({ keep: true });
    assert.equal(st.sig, 'SIGKILL');
    assert.deepEqual(errorsB, [], 'the surviving node answered every request');
    assert.ok(ackedAfterKill >= 20);

    assert.equal(new Set(acked).size, acked.length, 'no number given twice');
    const db = confDb(dirA);
    const rows = psql(db, 'SELECT number FROM kasus ORDER BY id').stdout.trim().split('\n');
    for (const n of acked) assert.ok(rows.includes(n), `acknowledged case ${n} is stored`);
    assert.deepEqual(rows.map(seq).sort((a, b) => a - b), Array.from({ length: rows.length }, (_, i) => i + 1),
      'the numbers stored run without a gap (a cut transaction took none)');
    const r = await request(B.url, 'GET', `/api/v1/cases/${encodeURIComponent(acked[0])}`, { token: tokB });
    assert.equal(r.status, 200, r.text);
  } finally {
    killed = true;
    ackedAfterKill = 1e9;
    await B.stop({ keep: true });
  }
  const v = cli(['audit', 'verify', '--data', dirA]);
  assert.equal(v.status, 0, v.stderr);
  cleanup.push(dirA);
});

test('a dropped database connection is reopened: reads and writes go on', { skip }, async () => {
  const dir = initData();
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: T0 } });
  try {
    const token = await login(s.url);
    const open = (subject) => request(s.url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, urgency: 'mendesak', impact: 'sedang', requester: { name: 'Budi' } } });
    let r = await open('Sebelum');
    assert.equal(r.status, 201, r.text);
    const db = confDb(dir);
    for (let round = 0; round < 2; round++) {
      // every connection the server holds is cut, as a restarted or failed-over database would
      const k = psql(db, 'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity'
        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'loket'");
      assert.equal(k.status, 0, k.stderr);
      assert.ok(Number(k.stdout.trim()) >= 1, 'the server had connections to cut');
      await sleep(100);
      // an HTTP thread's next statement finds its connection gone, reopens it and runs again
      for (let i = 0; i < 6; i++) {
        const g = await request(s.url, 'GET', '/api/v1/cases/LPSE-2026-000001', { token });
        assert.equal(g.status, 200, g.text);
      }
      for (let i = 0; i < 6; i++) {
        r = await open(`Sesudah ${round}-${i}`);
        assert.equal(r.status, 201, r.text);
      }
    }
    assert.equal(r.json.number.replace(/^.*-/, ''), '000013', 'the numbering went on without a gap');
    assert.match(s.output().stderr, /PostgreSQL: connection reopened/);
  } finally {
    await s.stop({ keep: true });
  }
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, v.stderr);
  cleanup.push(dir);
});

// The other background jobs raced by two nodes: the monthly report to the head (run by each
// node at its start), the verification watcher (an appointment's reminder, the lapse warning,
// the lapse) and the training watcher (preparation reminders and breaches, the training marked
// held). Three clocks, both nodes restarted together at each: every effect happens once —
// counted in the audit log, in the outbox and on the SMTP side.
test('two nodes race the monthly report, the verification and the training watchers: each effect once', { skip }, async () => {
  const dirA = initData();
  const dirB = sameDb(dirA);
  for (const [name, role] of [['hana', 'helpdesk'], ['kartini', 'ketua']]) {
    const r = cli(['user', 'add', name, '--data', dirA, '--role', role, '--email', `${name}@lpse.example.go.id`, '--name', name],
      { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  await firstCaseAt(dirA, '2026-04-20T09:00:00+07:00');   // so April has its report in May
  const sink = await smtpSink();
  const conf = `sla_poll_seconds = 1\nmail_poll_seconds = 1\nsmtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_from = loket@lpse.test\n`;
  const db = confDb(dirA);
  const one = (sql) => psql(db, sql).stdout.trim();
  const audits = (action) => Number(one(`SELECT count(*) FROM audit WHERE action='${action}'`));
  const subjects = (like) => sink.got.filter((m) => new RegExp(`^${like}`).test(subjectOf(m))).length;
  let A, B;
  // both nodes started at once at a clock; resolves when want() holds, then a few more passes
  const phase = async (now, want) => {
    [A, B] = await Promise.all([startServer({ dir: dirA, conf, env: { LOKET_TEST_NOW: now } }),
      startServer({ dir: dirB, conf, env: { LOKET_TEST_NOW: now } })]);
    for (let i = 0; i < 150 && !want(); i++) await sleep(200);
    await sleep(3000);   // both watchers and senders pass again: nothing new may come
    assert.ok(want(), `the jobs at ${now}`);
  };
  const stopBoth = async () => { await A?.stop({ keep: true }); await B?.stop({ keep: true }); };
  const sent = () => Number(one("SELECT count(*) FROM outbox WHERE status='sent'"));
  try {
    // 1. Monday 4 May 2026, the month's first working day: April's report, once; a training
    // planned and approved (its preparation reminders come at once); a provider books for tomorrow.
    await phase('2026-05-04T09:00:00+07:00', () => audits('report.mail') >= 1);
    const hana = await login(A.url, 'hana', PW);
    const kartini = await login(B.url, 'kartini', PW);
    let r = await request(A.url, 'POST', '/api/v1/trainings', { token: hana, body: {
      title: 'Training SPSE bagi penyedia', description: 'Penawaran', audience: ['penyedia'], capacity: 10,
      venue: 'Ruang pelatihan', facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'],
      budget: [{ item: 'Konsumsi', amount: 100000 }],
      sessions: [{ title: 'Penawaran', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' }] } });
    assert.equal(r.status, 201, r.text);
    const training = r.json.id;
    const items = r.json.checklist.length;
    assert.ok(items >= 3, `a checklist: ${items}`);
    r = await request(B.url, 'POST', `/api/v1/trainings/${training}/approve`, { token: kartini });
    assert.equal(r.status, 200, r.text);
    r = await request(B.url, 'POST', '/api/v1/portal/verification/appointments', { body: {
      company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
      phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-04-22', day: '2026-05-05' } });
    assert.equal(r.status, 201, r.text);
    for (let i = 0; i < 100 && (audits('training.prep.reminder') === 0 || subjects('Pengingat: verifikasi penyedia besok') === 0); i++) await sleep(200);
    await sleep(3000);
    await stopBoth();
    assert.ok(audits('training.prep.reminder') >= 1, 'the first preparation reminders came');
    const reminded = audits('training.prep.reminder');

    // 2. Friday 15 May: the lapse warning (lapse on 22 May); every open preparation item breached
    await phase('2026-05-15T09:00:00+07:00', () => audits('verify.lapse_warning') === 1 && audits('training.prep.breach') === items);
    await stopBoth();
    // 3. Friday 22 May: the registration lapses; the training (18 May) is marked held
    await phase('2026-05-22T09:00:00+07:00', () => audits('training.held') === 1
      && Number(one("SELECT count(*) FROM verification WHERE status='lapsed'")) === 1);

    // each effect once
    assert.equal(one('SELECT count(*) FROM report_mail'), '1');
    assert.equal(audits('report.mail'), 1);
    assert.equal(subjects('Laporan kepatuhan bulanan April 2026'), 1, 'one monthly report to the head');
    assert.equal(subjects('Pengingat: verifikasi penyedia besok'), 1, 'one appointment reminder');
    assert.equal(audits('verify.lapse_warning'), 1);
    assert.equal(subjects('Segera verifikasi: pendaftaran CV Maju Jaya'), 1, 'one lapse warning');
    assert.equal(subjects('Pendaftaran CV Maju Jaya gugur$'), 1, 'one lapse notice');
    // each item reminded at most once, before its deadline: those whose deadline had passed by the
    // next pass (15 May) get the breach alone, no "finish before the deadline"
    assert.equal(audits('training.prep.reminder'), reminded, 'no reminder after the first pass, none twice');
    assert.equal(subjects('Pengingat persiapan training'), reminded, 'one reminder mail per reminded item to the help desk');
    assert.equal(audits('training.prep.breach'), items);
    assert.equal(subjects('Persiapan training \\S+ melewati batas'), items, 'one breach mail per item to the head');
    assert.equal(audits('training.held'), 1);
    // nothing queued twice, and every row sent once
    assert.equal(one('SELECT count(*) - count(DISTINCT (to_addr, subject, body)) FROM outbox'), '0', 'no mail queued twice');
    assert.equal(one("SELECT count(*) FROM outbox WHERE status<>'sent'"), '0');
    assert.equal(sink.got.length, sent(), `every mail delivered once (${sink.got.length} for ${sent()} rows)`);
    const ids = sink.got.map((m) => (m.match(/^Message-ID: <loket\.(\d+)\./mi) || [])[1]);
    assert.equal(new Set(ids).size, ids.length, 'no outbox row sent twice');
  } finally {
    await stopBoth();
    await sink.stop();
  }
  const v = cli(['audit', 'verify', '--data', dirA]);
  assert.equal(v.status, 0, v.stderr);
  cleanup.push(dirA);
});
