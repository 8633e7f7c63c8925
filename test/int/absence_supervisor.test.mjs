// A supervisor away: the breach notices meant for them reach whoever stands in for them. The head
// (eko, ketua and helpdesk: the only ketua) is away on an official trip, replaced by ani (helpdesk
// only); the secretary (sekar, sekretaris and staf) is off sick, replaced by sri (staf only), who
// reads Loket in English. A step of OI-02 assigned to budi breaches, and so does a training's
// preparation item: ani and sri are told besides eko and sekar, in the app and by e-mail in their
// own language saying for whom, the training's mail linking to its page; each once (a second pass
// sends nothing).
// Tuesday 20 January 2026 09:00 WIB: step 2 (10 min office) is due 09:10.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frozenServer, cli, sqlite, psql, confDb, PG, login } from './lib.mjs';

const PW = 'absen-sup-password-2026';
const clock = frozenServer({ conf: 'sla_poll_seconds = 3600\npublic_url = https://lpse.example.go.id\n' });
after(() => clock.stop());
const { serveAt, api } = clock;

// SQL on the data folder's database, whichever engine: the rows as the shells print them.
function sql(q) {
  const r = PG ? psql(confDb(clock.dir), q) : sqlite(join(clock.dir, 'loket.db'), q);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean);
}

function addUser(name, roles) {
  const r = cli(['user', 'add', name, '--data', clock.dir, '--role', roles, '--email', `${name}@lpse.example.go.id`, '--name', name.toUpperCase()],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(r.status, 0, r.stderr);
}

// One pass of the SLA watcher at now: its line.
function slaRun(now) {
  const r = cli(['sla', 'run', '--data', clock.dir], { env: { LOKET_TEST_NOW: now } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// Who got a notice of kind, by name.
const told = (kind, prep) => sql(`SELECT u.username FROM notice n JOIN users u ON u.id=n.to_user_id WHERE n.kind='${kind}'`
  + ` AND n.prep_id IS ${prep ? 'NOT ' : ''}NULL ORDER BY u.username`);

test('the breach notices meant for an absent head or secretary reach their stand-ins, once', async () => {
  await serveAt('2026-01-20T09:00:00+07:00');
  for (const [n, r] of [['ani', 'helpdesk'], ['budi', 'helpdesk'], ['eko', 'ketua,helpdesk'], ['sekar', 'sekretaris,staf'], ['sri', 'staf']]) addUser(n, r);
  let r = await api('POST', '/api/v1/me/lang', { lang: 'en' }, await login(clock.url, 'sri', PW));
  assert.equal(r.status, 200, r.text);
  r = await api('POST', '/api/v1/users/eko/absences', { from: '2026-01-20', to: '2026-01-21', kind: 'dinas_luar', replacement: 'ani' });
  assert.equal(r.status, 201, r.text);
  r = await api('POST', '/api/v1/users/sekar/absences', { from: '2026-01-19', to: '2026-01-20', kind: 'sakit', replacement: 'sri' });
  assert.equal(r.status, 201, r.text);
  r = await api('POST', '/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Akun terkunci',
    requester: { name: 'Rina Wati', email: 'rina.wati@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  r = await api('POST', `/api/v1/cases/${number}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', `/api/v1/cases/${number}/assign`, { username: 'budi' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps.at(-1).due_at, '2026-01-20T02:10:00Z');
  // a training on Wednesday 4 February: its materials are due 2 working days before, Monday 2 February 16.00
  r = await api('POST', '/api/v1/trainings', { title: 'Training SPSE', audience: ['penyedia'], capacity: 10, venue: 'Ruang LPSE',
    trainers: ['Tono'], sessions: [{ title: 'Sesi 1', starts_at: '2026-02-04 08:00', ends_at: '2026-02-04 12:00' }] });
  assert.equal(r.status, 201, r.text);
  const training = r.json.id;
  r = await api('POST', `/api/v1/trainings/${training}/approve`);
  assert.equal(r.status, 200, r.text);
  const stopped = await clock.stop({ keep: true });
  assert.equal(stopped.code, 0, stopped.stderr);

  // 09:11: the step breached; the training's items (attendance 7 working days before: Monday 26
  // January) not yet due
  assert.match(slaRun('2026-01-20T09:11:00+07:00'), /^0 warning\(s\), 1 breach\(es\): 5 notice\(s\), 5 mail\(s\) queued$/);
  assert.deepEqual(told('breach', false), ['ani', 'budi', 'eko', 'sekar', 'sri'], 'the stand-ins of the head and the secretary too');
  assert.deepEqual(sql("SELECT u.username || ' ' || coalesce(f.username, '-') FROM notice n JOIN users u ON u.id=n.to_user_id"
    + " LEFT JOIN users f ON f.id=n.for_user_id WHERE n.kind='breach' AND n.prep_id IS NULL ORDER BY u.username"),
  ['ani eko', 'budi -', 'eko -', 'sekar -', 'sri sekar'], 'each stand-in\'s notice names whom they stand in for');
  const mail = (to, like) => sql(`SELECT subject FROM outbox WHERE to_addr='${to}@lpse.example.go.id' AND subject LIKE '${like}'`);
  assert.deepEqual(mail('ani', 'Pelanggaran waktu layanan%'), [`Pelanggaran waktu layanan: ${number} langkah 2`]);
  assert.deepEqual(mail('sri', 'Service time breached%'), [`Service time breached: ${number} step 2`], 'in the stand-in\'s language');
  const body = (to) => sql(`SELECT body FROM outbox WHERE to_addr='${to}@lpse.example.go.id' AND subject LIKE '%${number}%'`).join('\n');
  assert.match(body('ani'), /belum selesai\. Anda menggantikan EKO \(Dinas luar\) sampai 21 Januari 2026\.\n/, 'the mail says for whom');
  assert.match(body('sri'), /not done yet\. You stand in for SEKAR \(Sick\) until 20 January 2026\.\n/);
  assert.doesNotMatch(body('budi'), /menggantikan/, 'the assigned officer is told as ever');
  assert.match(slaRun('2026-01-20T09:12:00+07:00'), /^0 warning\(s\), 0 breach\(es\): 0 notice\(s\), 0 mail\(s\) queued$/, 'once');

  // Wednesday 21 January 16.01: no preparation item of the training is past its due time yet
  const line = slaRun('2026-01-21T16:01:00+07:00');
  assert.match(line, /^0 warning\(s\), 0 breach\(es\)/, line);
  assert.deepEqual(told('breach', true), []);
}, { timeout: 60000 });

test('a training item breached while the head is away reaches the stand-in, the mail linking to the training', async () => {
  await serveAt('2026-01-26T09:00:00+07:00');
  let r = await api('POST', '/api/v1/users/eko/absences', { from: '2026-01-26', to: '2026-01-27', kind: 'cuti', replacement: 'ani' });
  assert.equal(r.status, 201, r.text);
  const stopped = await clock.stop({ keep: true });
  assert.equal(stopped.code, 0, stopped.stderr);
  slaRun('2026-01-27T07:31:00+07:00');
  const who = told('breach', true);
  assert.ok(who.includes('ani'), `the head's stand-in is told of the training's breach: ${who}`);
  assert.deepEqual(sql("SELECT DISTINCT coalesce(f.username, '-') FROM notice n JOIN users u ON u.id=n.to_user_id"
    + " LEFT JOIN users f ON f.id=n.for_user_id WHERE n.kind='breach' AND n.prep_id IS NOT NULL AND u.username='ani'"), ['eko']);
  assert.ok(who.includes('eko') && who.includes('sekar'), who.join());
  const body = sql("SELECT body FROM outbox WHERE to_addr='ani@lpse.example.go.id' AND subject LIKE 'Persiapan training%melewati batas%' ORDER BY id LIMIT 1").join('\n');
  assert.match(body, /^Halaman training:\nhttps:\/\/lpse\.example\.go\.id\/pelatihan\/1$/m, body);
  const again = slaRun('2026-01-27T07:40:00+07:00');
  assert.match(again, /0 notice\(s\), 0 mail\(s\) queued$/, 'once');
}, { timeout: 60000 });
