// The SLA watcher's share (sla_warn_percent in loket.conf) and what a pass does not send.
// Monday 5 January 2026, 08:00 WIB: an OI-02 case's step 2 (helpdesk, 10 minutes of office
// time) is due 08:10. With sla_warn_percent = 50 its warning is due at 08:05, and stays at half
// of the standard when a command of the CLI lays the clock again (`loket calendar add`, a flood
// closing today): it was laid again at the default 80%. A held step (an external escalation)
// and a cancelled case get nothing; a breach when nobody holds the supervising roles goes to
// nobody, is audited so, and is not sent later to a supervisor appointed after.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frozenServer, cli, sqlite } from './lib.mjs';

const PW = 'sla-share-password-2026';
const clock = frozenServer({ conf: 'sla_poll_seconds = 3600\nsla_warn_percent = 50\n' });
after(() => clock.stop());
const { serveAt, api } = clock;

// One pass of `loket sla run` at now: its line of counts.
function slaRun(now) {
  const r = cli(['sla', 'run', '--data', clock.dir], { env: { LOKET_TEST_NOW: now } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// An OI-02 case at its step 2 (helpdesk, 10 minutes of office time), started now.
async function atStep2(subject) {
  let r = await api('POST', '/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject,
    requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  r = await api('POST', `/api/v1/cases/${r.json.number}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps.at(-1).due_at, '2026-01-05T01:10:00Z');
  return r.json.number;
}

test('a warning at sla_warn_percent of the standard, kept when the CLI moves the clock; held and cancelled steps get none; a breach nobody supervises', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  const u = cli(['user', 'add', 'hana', '--data', clock.dir, '--role', 'helpdesk', '--email', 'hana@lpse.example.go.id', '--name', 'Hana'],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(u.status, 0, u.stderr);
  const A = await atStep2('Tidak bisa unggah');
  const H = await atStep2('Ditahan: menunggu LKPP');
  const C = await atStep2('Dibatalkan');
  let r = await api('POST', `/api/v1/cases/${H}/escalations`, { title: 'Galat unggah', application: 'SPSE 4.5',
    type: 'permasalahan', description: 'Galat', external_ticket: 'TTS-2026-0001' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.paused, true);
  await clock.stop({ keep: true });

  assert.match(slaRun('2026-01-05T08:04:00+07:00'), /^0 warning\(s\), 0 breach\(es\)/, 'before half of the 10 minutes');
  assert.match(slaRun('2026-01-05T08:05:00+07:00'), /^2 warning\(s\), 0 breach\(es\): 2 notice\(s\), 2 mail\(s\) queued/,
    'half of the 10 minutes: A and C, not the held H');
  await serveAt('2026-01-05T08:06:00+07:00');
  r = await api('POST', `/api/v1/cases/${C}/cancel`, { reason: 'Dobel' });
  assert.equal(r.status, 200, r.text);
  await clock.stop({ keep: true });

  // 08:20: A is past due; C is cancelled, H held: only A's breach, to nobody (no ketua, no sekretaris)
  assert.match(slaRun('2026-01-05T08:20:00+07:00'), /^0 warning\(s\), 1 breach\(es\): 0 notice\(s\), 0 mail\(s\) queued/);
  const db = join(clock.dir, 'loket.db');
  let audit = sqlite(db, "SELECT action, object, detail FROM audit WHERE action LIKE 'sla.%' ORDER BY id").stdout;
  assert.equal(audit,
    `sla.warning|${A}|step 2 visit due 2026-01-05T01:10:00Z; to: hana\n`
    + `sla.warning|${C}|step 2 visit due 2026-01-05T01:10:00Z; to: hana\n`
    + `sla.breach|${A}|step 2 visit due 2026-01-05T01:10:00Z; to: (nobody)\n`);
  // a ketua appointed after is not sent the breach already handled
  const k = cli(['user', 'add', 'kartini', '--data', clock.dir, '--role', 'ketua', '--email', 'kartini@lpse.example.go.id', '--name', 'Kartini'],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(k.status, 0, k.stderr);
  assert.match(slaRun('2026-01-05T08:21:00+07:00'), /^0 warning\(s\), 0 breach\(es\)/);

  // a new case at 08:30; a flood closes the office for today, set from the CLI: its step 2 is due
  // Tuesday 07:40 and warned at half of it, 07:35 (it was 07:38, the default 80%)
  await serveAt('2026-01-05T08:30:00+07:00');
  const B = await atStep2Later();
  await clock.stop({ keep: true });
  const add = cli(['calendar', 'add', '2026-01-05', 'Banjir', '--kind', 'local', '--data', clock.dir],
    { env: { LOKET_TEST_NOW: '2026-01-05T08:31:00+07:00' } });
  assert.equal(add.status, 0, add.stderr);
  assert.match(add.stdout, /3 open steps/, 'A (overdue, its day now off), H (held) and B');
  const due = sqlite(db, `SELECT s.due_at FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${B}' AND s.done_at IS NULL`).stdout.trim();
  assert.equal(new Date(Number(due) * 1000).toISOString(), '2026-01-06T00:40:00.000Z', 'Tuesday 07:40 WIB');
  assert.match(slaRun('2026-01-06T07:34:00+07:00'), /^0 warning\(s\)/);
  assert.match(slaRun('2026-01-06T07:35:00+07:00'), /^1 warning\(s\), 0 breach\(es\): 1 notice\(s\)/);
  audit = sqlite(db, "SELECT detail FROM audit WHERE action='sla.warning' ORDER BY id DESC LIMIT 1").stdout;
  assert.equal(audit, 'step 2 visit due 2026-01-06T00:40:00Z; to: hana\n');

  // An OI-02 case opened at 08:30, at its step 2 (due 08:40 before the flood).
  async function atStep2Later() {
    let r2 = await api('POST', '/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Banjir',
      requester: { name: 'Budi Santoso', email: 'budi.santoso@example.go.id' } });
    assert.equal(r2.status, 201, r2.text);
    r2 = await api('POST', `/api/v1/cases/${r2.json.number}/steps/1`, { outcome: 'done' });
    assert.equal(r2.status, 200, r2.text);
    return r2.json.number;
  }
});
