// Races: conflicting changes sent at the same moment (Promise.all over separate sessions of
// different staff) at the same object. Exactly one wins where only one can; the others get a
// clear 409 naming what changed (the step no longer the open one, the case no longer open);
// nothing is half-written; the case history (steps, clocks) and the audit log say exactly what
// was accepted, one audit row per accepted change; `loket audit verify` exits 0 at the end.
// Edits that are documented as replacing what they name (an assignment, a KB article's
// fields, a priority row, a holiday's name) keep every accepted edit: the last one written
// stands for what both named, and what only one named is not lost to the other.
// On SQLite one server; on PostgreSQL (LOKET_TEST_DB) two nodes serving the same database,
// the requests spread over both, since a missing lock shows across nodes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PG, initData, startServer, request, login, addUser, cli, sqlite, sameDbFolder, webSession } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';   // Monday, office hours (WIB)
const N = 8;                               // requests fired at once in each race
const PW = 'races-test-password-2026';
let dir, nodes = [], tokens = [], admins = [], extra = [], pengarah;
const staff = Array.from({ length: N }, (_, i) => `staf${i + 1}`);


before(async () => {
  dir = initData();
  for (const u of staff) addUser(dir, u, 'helpdesk', PW);
  for (const u of ['adm1', 'adm2', 'adm3', 'adm4']) addUser(dir, u, 'admin', PW);
  addUser(dir, 'pengarah1', 'pengarah', PW);
  addUser(dir, 'pelatih1', 'trainer', PW);   // the bidding room's trainer: one holding the trainer role
  nodes.push(await startServer({ dir, env: { LOKET_TEST_NOW: NOW } }));
  if (PG) {
    extra.push(sameDbFolder(dir));
    nodes.push(await startServer({ dir: extra[0], env: { LOKET_TEST_NOW: NOW } }));
  }
  // each member of staff signed in on a node of their own (alternating): sessions apart
  tokens = await Promise.all(staff.map((u, i) => login(nodes[i % nodes.length].url, u, PW)));
  admins = await Promise.all(['adm1', 'adm2', 'adm3', 'adm4'].map((u, i) => login(nodes[i % nodes.length].url, u, PW)));
  pengarah = await login(nodes.at(-1).url, 'pengarah1', PW);
});

after(async () => {
  for (const s of nodes.slice(1).reverse()) await s.stop({ keep: true });
  if (nodes[0]) await nodes[0].stop({ keep: true });
  // the audit chain is whole after every race
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, v.stderr + v.stdout);
  for (const d of [dir, ...extra]) rmSync(d, { recursive: true, force: true });
});

// Request i of a race: staff member i's session on their node.
const as = (i, method, path, body) => request(nodes[i % nodes.length].url, method, path, { token: tokens[i % N], body });
const asAdmin = (i, method, path, body) => request(nodes[i % nodes.length].url, method, path, { token: admins[i % admins.length], body });
const pub = (i, method, path, body) => request(nodes[i % nodes.length].url, method, path, { body });
const q = (sql) => {
  const r = sqlite(join(dir, 'loket.db'), sql);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
// The audit rows of an object, oldest first: "action|detail" each.
const auditOf = (object) => q(`SELECT action || '|' || detail FROM audit WHERE object='${object}' ORDER BY id`).split('\n').filter(Boolean);
const ok = (rs) => rs.filter((r) => r.status >= 200 && r.status < 300);

// Open a helpdesk case (SOP 02/LPSE.OI: 1 requester → 2 decision, yes 3 (the end) / no 4 → 5)
// with step 1 done: it waits at step 2.
async function atStep2(subject) {
  const r = await as(0, 'POST', '/api/v1/cases', {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject, requester: { name: 'Budi Santoso', email: 'budi@example.com' } });
  assert.equal(r.status, 201, r.text);
  const s = await as(0, 'POST', `/api/v1/cases/${r.json.number}/steps/1`, { outcome: 'done' });
  assert.equal(s.status, 200, s.text);
  return r.json.number;
}
const stepsOf = async (n) => (await as(0, 'GET', `/api/v1/cases/${n}`)).json;

// A 409 naming field, its message matching re.
function refused(r, field, re) {
  assert.equal(r.status, 409, `${r.status} ${r.text}`);
  assert.equal(r.json.error.code, 'conflict');
  assert.equal(r.json.error.field, field, r.text);
  if (re) assert.match(r.json.error.message, re);
}

test('the same step completed at once by eight staff, same outcome: one wins, seven told which step is open', async () => {
  const n = await atStep2('Balapan langkah sama');
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })));
  assert.equal(ok(rs).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 200)) refused(r, 'no', /langkah 3 yang terbuka/);
  const c = await stepsOf(n);
  assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'yes'], [3, null]]);
  assert.equal(c.current_step, 3);
  assert.equal(c.steps[1].by, ok(rs)[0].json.steps[1].by, 'the winner is who the step says did it');
  assert.equal(c.responded_at, '2026-01-05T01:00:00Z');
  assert.equal(c.response_met, true);
  assert.deepEqual(auditOf(n).filter((a) => a.startsWith('case.step|step 2')), ['case.step|step 2 yes; status open; then step 3']);
});

test('a decision taken at once both ways: one branch taken, the other answers refused naming the open step', async () => {
  const n = await atStep2('Balapan keputusan');
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: i % 2 ? 'no' : 'yes' })));
  const won = ok(rs);
  assert.equal(won.length, 1, rs.map((r) => r.status).join(','));
  const outcome = won[0].json.steps[1].outcome, next = outcome === 'yes' ? 3 : 4;
  for (const r of rs.filter((x) => x.status !== 200)) refused(r, 'no', new RegExp(`langkah ${next} yang terbuka`));
  const c = await stepsOf(n);
  assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, outcome], [next, null]]);
  assert.equal(c.steps.filter((s) => s.done_at === null).length, 1, 'one open step');
  assert.equal(auditOf(n).filter((a) => a.startsWith('case.step|step 2')).length, 1);
});

test('completing the step and cancelling the case at once: one cancel lands, a completion only before it', async () => {
  const n = await atStep2('Balapan selesai lawan batal');
  const rs = await Promise.all(staff.map((_, i) => (i % 2
    ? as(i, 'POST', `/api/v1/cases/${n}/cancel`, { reason: `Dibatalkan oleh ${staff[i]}` })
    : as(i, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'no' }))));
  const cancels = rs.filter((_, i) => i % 2), steps = rs.filter((_, i) => !(i % 2));
  assert.equal(ok(cancels).length, 1, 'one cancel, the others find the case cancelled');
  for (const r of cancels.filter((x) => x.status !== 200)) refused(r, 'status', /tidak sedang terbuka/);
  assert.ok(ok(steps).length <= 1);
  for (const r of steps.filter((x) => x.status !== 200)) assert.ok(r.status === 409 && ['no', 'status'].includes(r.json.error.field), r.text);
  const c = await stepsOf(n);
  assert.equal(c.status, 'cancelled');
  assert.equal(c.current_step, 0);
  assert.equal(c.cancel_reason, ok(cancels)[0].json.cancel_reason);
  const acts = auditOf(n).filter((a) => !a.startsWith('case.open') && !a.startsWith('case.step|step 1'));
  if (ok(steps).length) {
    // the step went first: step 4 started, then the cancel ended it
    assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'no'], [4, 'cancelled']]);
    assert.deepEqual(acts.map((a) => a.split('|')[0]), ['case.step', 'case.cancel']);
  } else {
    assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'cancelled']]);
    for (const r of steps) refused(r, 'status');
    assert.deepEqual(acts.map((a) => a.split('|')[0]), ['case.cancel']);
  }
  assert.ok(c.steps.every((s) => s.done_at !== null), 'no step left open in a cancelled case');
});

test('closing (the last step) and cancelling at once: exactly one of them', async () => {
  const n = await atStep2('Balapan tutup lawan batal');
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })).status, 200);
  const rs = await Promise.all(staff.map((_, i) => (i % 2
    ? as(i, 'POST', `/api/v1/cases/${n}/cancel`, { reason: 'Penanya membatalkan' })
    : as(i, 'POST', `/api/v1/cases/${n}/steps/3`, { outcome: 'done' }))));
  assert.equal(ok(rs).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 200)) refused(r, 'status');
  const c = await stepsOf(n);
  const closed = c.status === 'closed';
  assert.equal(c.status, ok(rs)[0].json.status);
  assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'yes'], [3, closed ? 'done' : 'cancelled']]);
  assert.equal(c.resolution_met, closed ? true : null);
  const tail = auditOf(n).slice(3).map((a) => a.split('|')[0]);   // after open, step 1, step 2
  assert.deepEqual(tail, closed ? ['case.step', 'case.close'] : ['case.cancel']);
});

test('assigning a step while it is completed: an assignment meant for it never lands on the next step', async () => {
  const n = await atStep2('Balapan selesai lawan tugaskan');
  const rs = await Promise.all(staff.map((u, i) => (i === 0
    ? as(i, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })
    : as(i, 'POST', `/api/v1/cases/${n}/assign`, { no: 2, username: u }))));
  assert.equal(rs[0].status, 200, rs[0].text);
  const assigns = rs.slice(1);
  for (const r of assigns.filter((x) => x.status !== 200)) refused(r, 'no', /langkah 3 yang terbuka/);
  const c = await stepsOf(n);
  assert.equal(c.current_step, 3);
  assert.equal(c.steps[2].assigned_user, null, 'step 3 is not given to anyone by an assignment meant for step 2');
  const rows = auditOf(n).filter((a) => a.startsWith('case.assign'));
  assert.equal(rows.length, ok(assigns).length, 'one audit row per assignment accepted');
  assert.ok(rows.every((a) => a.startsWith('case.assign|step 2 ')), rows.join('\n'));
  // every accepted assignment came before the completion; the last of them is what step 2 kept
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  assert.ok(acts.lastIndexOf('case.assign') < acts.lastIndexOf('case.step'), acts.join(','));
  if (rows.length) assert.equal(`user ${c.steps[1].assigned_user}`, rows.at(-1).replace(/^.*, /, ''));
  // without `no` an assignment is of whichever step is open (as documented): step 3 now
  const r = await as(1, 'POST', `/api/v1/cases/${n}/assign`, { username: staff[1] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[2].assigned_user, staff[1]);
});

test('the case page assigns the step it shows: once that step is done, its form is refused naming the step open now', async () => {
  const n = await atStep2('Formulir tugaskan basi');
  const web = await webSession(nodes.at(-1).url, staff[1], PW);
  const page = await web.get(`/kasus/${n}`);
  assert.match(page.text, /<input type="hidden" name="no" value="2">/);
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })).status, 200);
  const r = await web.post(`/kasus/${n}/tugaskan`, { csrf: web.csrfOf(page.text), no: '2', role: '', username: staff[1] });
  assert.equal(r.status, 409);
  assert.match(r.text, /Ini bukan langkah kasus yang sedang terbuka/);
  assert.equal((await stepsOf(n)).steps[2].assigned_user, null);
});

test('eight staff taking the same step at once: each assignment is written whole and audited, the last one stands', async () => {
  const n = await atStep2('Balapan ambil langkah');
  const rs = await Promise.all(staff.map((u, i) => as(i, 'POST', `/api/v1/cases/${n}/assign`, { no: 2, role: 'helpdesk', username: u })));
  assert.equal(ok(rs).length, N, rs.map((r) => r.text).join('\n'));
  const rows = auditOf(n).filter((a) => a.startsWith('case.assign'));
  assert.equal(rows.length, N);
  assert.deepEqual(rows.map((a) => a.replace(/^.*user /, '')).sort(), [...staff].sort(), 'one row for each');
  const c = await stepsOf(n);
  assert.equal(c.steps[1].assigned_role, 'helpdesk');
  assert.equal(c.steps[1].assigned_user, rows.at(-1).replace(/^.*user /, ''), 'the step says what the last row says');
});

test('a pengarah completing the next step while staff complete the one before: never a step that is not theirs', async () => {
  const n = await atStep2('Balapan pengarah');
  const rs = await Promise.all(staff.map((_, i) => (i === 0
    ? as(i, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })
    : request(nodes[i % nodes.length].url, 'POST', `/api/v1/cases/${n}/steps/3`, { token: pengarah, body: { outcome: 'done' } }))));
  assert.equal(rs[0].status, 200, rs[0].text);
  for (const r of rs.slice(1)) {
    // before staff moved the case on: not the open step (409); after: the helpdesk's step, not theirs (403)
    assert.ok([403, 409].includes(r.status), `${r.status} ${r.text}`);
    assert.equal(r.json.error.field, 'no');
  }
  const c = await stepsOf(n);
  assert.equal(c.status, 'open');
  assert.deepEqual(c.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'yes'], [3, null]]);
});

test('reopening a closed case twice at once: one new visit', async () => {
  const n = await atStep2('Balapan buka ulang');
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })).status, 200);
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/steps/3`, { outcome: 'done' })).json.status, 'closed');
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/cases/${n}/reopen`)));
  assert.equal(ok(rs).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 200)) refused(r, 'status');
  const c = await stepsOf(n);
  assert.equal(c.status, 'open');
  assert.deepEqual(c.steps.map((s) => [s.no, s.visit, s.outcome]), [[1, 1, 'done'], [2, 1, 'yes'], [3, 1, 'done'], [3, 2, null]]);
  assert.equal(c.resolution_met, null);
  assert.equal(auditOf(n).filter((a) => a.startsWith('case.reopen')).length, 1);
});

test('archiving and reopening a cancelled case at once: exactly one of them', async () => {
  const n = await atStep2('Balapan arsip lawan buka');
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/cancel`, { reason: 'Uji' })).status, 200);
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/cases/${n}/${i % 2 ? 'archive' : 'reopen'}`)));
  assert.equal(ok(rs).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 200)) refused(r, 'status');
  const c = await stepsOf(n);
  const archived = c.status === 'archived';
  assert.equal(c.status, ok(rs)[0].json.status);
  assert.equal(c.steps.length, archived ? 2 : 3);
  assert.equal(c.cancel_reason, archived ? 'Uji' : null);
  const tail = auditOf(n).slice(2).map((a) => a.split('|')[0]);   // after open, step 1
  assert.deepEqual(tail, ['case.cancel', archived ? 'case.archive' : 'case.reopen']);
});

test('notes added while the case is archived: none accepted after the archiving', async () => {
  const n = await atStep2('Balapan catatan lawan arsip');
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/cancel`, { reason: 'Uji' })).status, 200);
  const rs = await Promise.all(staff.map((_, i) => (i === N - 1
    ? as(i, 'POST', `/api/v1/cases/${n}/archive`)
    : as(i, 'POST', `/api/v1/cases/${n}/notes`, { body: `Catatan ${i}` }))));
  assert.equal(rs[N - 1].status, 200, rs[N - 1].text);
  const notes = rs.slice(0, N - 1);
  for (const r of notes.filter((x) => x.status !== 201)) refused(r, 'status', /diarsipkan/);
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  assert.equal(acts.slice(acts.indexOf('case.archive')).filter((a) => a === 'case.note').length, 0, acts.join(','));
  assert.equal(acts.filter((a) => a === 'case.note').length, ok(notes).length);
  assert.equal((await as(0, 'GET', `/api/v1/cases/${n}/notes`)).json.notes.length, ok(notes).length);
});

// A .rhs file of the given bytes uploaded by staff member i (multipart).
function rhsUpload(i, n, bytes, name) {
  const boundary = `----loketrace${i}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return request(nodes[i % nodes.length].url, 'POST', `/api/v1/rhs/${n}/files`,
    { token: tokens[i % N], body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
}

test('.rhs files uploaded at once: the same file kept once, different files each kept, step 1 completed once', async () => {
  const r = await as(0, 'POST', '/api/v1/rhs', { tender_code: '88001', provider: 'PT Besar', requester: { name: 'Pokja 1' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.case.number;
  const same = Buffer.alloc(4096, 7);
  let rs = await Promise.all([0, 1, 2, 3].map((i) => rhsUpload(i, n, same, 'sama.rhs')));
  assert.equal(rs.filter((x) => x.status === 201).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 201)) refused(x, 'file', /sudah tersimpan/);
  rs = await Promise.all([4, 5, 6, 7].map((i) => rhsUpload(i, n, Buffer.alloc(4096, 100 + i), `berkas-${i}.rhs`)));
  assert.ok(rs.every((x) => x.status === 201), rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  const c = await stepsOf(n);
  assert.equal(c.steps.filter((s) => s.no === 1).length, 1);
  assert.equal(c.current_step, 2);
  assert.equal(q(`SELECT count(*) || '|' || count(DISTINCT sha256) FROM rhs_file f JOIN kasus k ON k.id=f.case_id WHERE k.number='${n}'`), '5|5');
  assert.equal(auditOf(n).filter((a) => a.startsWith('rhs.file')).length, 5);
});

test('.rhs test, request and result each sent at once by eight staff: one of each, the others told in the service\'s words which step it is', async () => {
  const r = await as(0, 'POST', '/api/v1/rhs', { tender_code: '88002', provider: 'PT Sedang', requester: { name: 'Pokja 2' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.case.number;
  assert.equal((await rhsUpload(0, n, Buffer.alloc(2048, 3), 'uji.rhs')).status, 201);
  // the LPSE's own test: one recorded, the others 409 naming no (not the engine's words)
  let rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/rhs/${n}/test`, { opened: false, causes: [], note: `Uji ${i}` })));
  assert.equal(ok(rs).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 200)) refused(x, 'no', /Pengujian oleh LPSE sudah dicatat/);
  const tested = await as(0, 'GET', `/api/v1/rhs/${n}`);
  assert.equal(tested.json.rhs.lpse_test.note, ok(rs)[0].json.rhs.lpse_test.note, 'the test kept is the winner\'s');
  // the request to LKPP (each with a ticket of its own): one disposition, one escalation
  rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/rhs/${n}/request`, { external_ticket: `TTS-RHS-${i}` })));
  assert.equal(ok(rs).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 200)) refused(x, 'no', /Permohonan ke LKPP sudah lewat/);
  assert.equal((await as(0, 'GET', `/api/v1/cases/${n}/escalations`)).json.escalations.length, 1);
  assert.equal(q(`SELECT count(*) FROM disposition WHERE case_number='${n}'`), '1');
  // LKPP's result: one, steps 4 to 6 done once
  rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/rhs/${n}/result`, { opened: i % 2 === 0, note: `Hasil ${i}` })));
  assert.equal(ok(rs).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 200)) refused(x, 'no', /Hasil LKPP dicatat setelah permohonan/);
  const c = await stepsOf(n);
  assert.equal(c.steps.filter((s) => s.no === 4).length, 1);
  assert.equal(c.steps.filter((s) => s.done_at === null).length, 1, 'one open step');
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  for (const a of ['rhs.test', 'rhs.request', 'rhs.result']) assert.equal(acts.filter((x) => x === a).length, 1, `${a}: ${acts.join(',')}`);
});

test('a hand-over answered at once by eight staff: one answer kept, the others 409 naming id; its step resumed once', async () => {
  const n = await atStep2('Balapan jawaban serah terima');
  const h = await as(0, 'POST', `/api/v1/cases/${n}/handovers`, { party_kind: 'ulp', party_name: 'Pokja 9', due_days: 2 });
  assert.equal(h.status, 201, h.text);
  assert.equal((await stepsOf(n)).current_step, 5);
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/cases/${n}/handovers/${h.json.id}/answer`, { answer: `Jawaban ${i}` })));
  assert.equal(ok(rs).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 200)) refused(x, 'id', /sudah dijawab/);
  const hs = (await as(0, 'GET', `/api/v1/cases/${n}/handovers`)).json.handovers;
  assert.equal(hs[0].answer, `Jawaban ${rs.indexOf(ok(rs)[0])}`);
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  assert.equal(acts.filter((a) => a === 'helpdesk.handover_answer').length, 1, acts.join(','));
  assert.equal(acts.filter((a) => a === 'case.resume').length, 1, acts.join(','));
  assert.equal((await stepsOf(n)).steps.at(-1).held_since, null);
});

test('the bidding room: a step sent at once by eight staff is done once; trainers named while the visit ends are refused naming case after it', async () => {
  let r = await as(0, 'POST', '/api/v1/bidding-room', { name: 'Balapan Bidding', organisation: 'CV Balapan' });
  assert.equal(r.status, 201, r.text);
  const n = r.json.case.number;
  let rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/bidding-room/${n}/steps/3`, { outcome: 'no' })));
  assert.equal(ok(rs).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 200)) refused(x, 'no');
  assert.equal((await stepsOf(n)).current_step, 4);
  // step 4 "no" ends the visit (the provider leaves) while the others name the trainer
  rs = await Promise.all(staff.map((_, i) => (i === 0
    ? as(i, 'POST', `/api/v1/bidding-room/${n}/steps/4`, { outcome: 'no' })
    : as(i, 'POST', `/api/v1/bidding-room/${n}/trainer`, { trainer: 'pelatih1' }))));
  assert.equal(rs[0].status, 200, rs[0].text);
  assert.equal(rs[0].json.case.status, 'closed');
  for (const x of rs.slice(1).filter((y) => y.status !== 200)) refused(x, 'case', /sudah selesai/);
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  const out = acts.indexOf('bidding.out');
  assert.ok(out > 0, acts.join(','));
  assert.equal(acts.slice(out).filter((a) => a === 'bidding.trainer').length, 0, `a trainer named after the visit ended: ${acts.join(',')}`);
  assert.equal(acts.filter((a) => a === 'bidding.trainer').length, ok(rs.slice(1)).length);
  r = await as(0, 'POST', `/api/v1/bidding-room/${n}/steps/4`, { outcome: 'no' });
  refused(r, 'case', /sudah selesai/);
});

test('a hand-over and an escalation sent while the case is cancelled, and one LKPP ticket sent twice: nothing written past the cancel, the ticket once', async () => {
  let n = await atStep2('Balapan serah lawan batal');
  let rs = await Promise.all(staff.map((_, i) => (i === N - 1
    ? as(i, 'POST', `/api/v1/cases/${n}/cancel`, { reason: 'Penanya membatalkan' })
    : i % 2
      ? as(i, 'POST', `/api/v1/cases/${n}/handovers`, { party_kind: 'ulp', party_name: `Pokja ${i}`, due_days: 2 })
      : as(i, 'POST', `/api/v1/cases/${n}/escalations`, { title: 'Upload gagal', application: 'SPSE 4.5', type: 'permasalahan',
        description: 'Enkripsi gagal', external_ticket: `TTS-${i}` }))));
  assert.equal(rs[N - 1].status, 200, rs[N - 1].text);
  for (const r of rs.slice(0, N - 1).filter((x) => x.status !== 201)) refused(r, 'status');
  const acts = auditOf(n).map((a) => a.split('|')[0]);
  const cancel = acts.indexOf('case.cancel');
  assert.deepEqual(acts.slice(cancel + 1).filter((a) => !a.startsWith('mail.')), [], `written after the cancel: ${acts.join(',')}`);
  const c = await stepsOf(n);
  assert.equal(c.status, 'cancelled');
  assert.ok(c.steps.every((s) => s.done_at !== null && s.held_since === null), 'no step open or held in a cancelled case');
  // the same LKPP ticket sent by four at once: one escalation, the others 409 naming it
  n = await atStep2('Balapan tiket LKPP');
  rs = await Promise.all([0, 1, 2, 3].map((i) => as(i, 'POST', `/api/v1/cases/${n}/escalations`, { title: 'Upload gagal',
    application: 'SPSE 4.5', type: 'permasalahan', description: 'Enkripsi gagal', external_ticket: 'TTS-77' })));
  assert.equal(rs.filter((x) => x.status === 201).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const r of rs.filter((x) => x.status !== 201)) refused(r, 'external_ticket');
  assert.equal((await as(0, 'GET', `/api/v1/cases/${n}/escalations`)).json.escalations.length, 1);
});

test('the requester replying on the portal while staff close the ticket: no reply accepted after the close', async () => {
  const t = await pub(0, 'POST', '/api/v1/portal/tickets', { name: 'Siti Aminah', email: 'siti@majujaya.co.id',
    subject: 'Balapan balasan portal', description: 'Akun saya terkunci.' });
  assert.equal(t.status, 201, t.text);
  const { number: n, token } = t.json;
  assert.equal((await as(0, 'POST', `/api/v1/cases/${n}/steps/2`, { outcome: 'yes' })).status, 200);
  const rs = await Promise.all(staff.map((_, i) => (i === N - 1
    ? as(i, 'POST', `/api/v1/cases/${n}/steps/3`, { outcome: 'done' })
    : pub(i, 'POST', `/api/v1/portal/tickets/${token}/replies`, { body: `Balasan ${i}` }))));
  assert.equal(rs[N - 1].status, 200, rs[N - 1].text);
  assert.equal(rs[N - 1].json.status, 'closed');
  const replies = rs.slice(0, N - 1);
  for (const r of replies) {
    if (r.status === 201) continue;
    refused(r, 'status', /ditutup/);
  }
  // in the audit log every accepted reply comes before the close; the thread holds those only
  const acts = q(`SELECT action FROM audit WHERE object IN ('${n}', 'case:${n}') ORDER BY id`).split('\n');
  const close = acts.indexOf('case.close');
  assert.ok(close > 0, acts.join(','));
  assert.equal(acts.slice(close).filter((a) => a === 'portal.reply').length, 0, `a reply after the close: ${acts.join(',')}`);
  assert.equal(acts.filter((a) => a === 'portal.reply').length, replies.filter((r) => r.status === 201).length);
  const msgs = q(`SELECT count(*) FROM portal_message m JOIN portal_ticket t ON t.id=m.ticket_id JOIN kasus k ON k.id=t.case_id
                  WHERE k.number='${n}' AND m.author='requester'`);
  assert.equal(Number(msgs), 1 + replies.filter((r) => r.status === 201).length, 'the description and the replies accepted');
  // the ticket, reopened from the portal at once by several: one reopen, each answered with the ticket open
  // (a reopen of a ticket open already is done: idempotent)
  const re = await Promise.all([0, 1, 2, 3].map((i) => pub(i, 'POST', `/api/v1/portal/tickets/${token}/reopen`)));
  assert.equal(re.filter((r) => r.status === 200 && r.json.status === 'open').length, 4, re.map((r) => `${r.status} ${r.text}`).join('\n'));
  assert.equal(auditOf(n).filter((a) => a.startsWith('case.reopen')).length, 1);
});

test('operations documented as idempotent stay so at once: a call form sent eight times is one call; a user disabled by four admins is disabled once', async () => {
  const st = await as(0, 'GET', '/api/v1/phone/stamp');
  assert.equal(st.status, 200, st.text);
  const rs = await Promise.all(staff.map((_, i) => request(nodes[i % nodes.length].url, 'POST', '/api/v1/phone/calls',
    { token: tokens[0], body: { stamp: st.json.stamp } })));
  assert.ok(rs.every((x) => x.status === 201), rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  assert.equal(new Set(rs.map((x) => x.json.id)).size, 1, 'the same call each time');
  assert.equal(q(`SELECT count(*) FROM phone_call WHERE stamp='${st.json.stamp}'`), '1');
  assert.equal(auditOf(`phone_call:${rs[0].json.id}`).length, 1);
  addUser(dir, 'sari', 'staf', PW);
  const ds = await Promise.all([0, 1, 2, 3].map((i) => asAdmin(i, 'POST', '/api/v1/users/sari/disable')));
  assert.ok(ds.every((x) => x.status === 200), ds.map((x) => x.text).join('\n'));
  assert.equal(ds.filter((x) => x.json.changed === true).length, 1, ds.map((x) => x.text).join('\n'));
  assert.ok(ds.every((x) => x.json.state === 'disabled'));
  assert.equal(Number(q("SELECT count(*) FROM audit WHERE action='user.disable' AND object LIKE '%sari%'")), 1);
});

test('one official\'s account request entered at once by four staff (a letter typed twice): one request, the others 409 naming nip', async () => {
  const body = { kind: 'pokja', channel: 'letter', name: 'Yusuf Hidayat', nip: '198811202010011004', agency: 'Dinas Pendidikan dan Kebudayaan',
    email: 'yusuf@batangkab.go.id', sk_number: 'SK-11/POKJA/2026', docs: ['letter', 'personal_data'] };
  const rs = await Promise.all([0, 1, 2, 3].map((i) => as(i, 'POST', '/api/v1/account-requests', body)));
  assert.equal(rs.filter((x) => x.status === 201).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const r of rs.filter((x) => x.status !== 201)) refused(r, 'nip', /sedang diproses/);
  assert.equal(q("SELECT count(*) FROM kasus WHERE subject LIKE '%Yusuf Hidayat%'"), '1', 'no case opened for the refused');
});

test('eight invited at once to a training with one seat left, six registering on the portal for one seat: one seat each, the rest on the waiting list', async () => {
  let r = await as(0, 'POST', '/api/v1/trainings', {
    title: 'Training SPSE balapan', audience: ['penyedia'], capacity: 2, venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'],
    sessions: [{ title: 'Sesi', starts_at: '2026-02-16 08:00', ends_at: '2026-02-16 12:00' }] });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await as(0, 'POST', `/api/v1/trainings/${id}/participants`, { name: 'Pertama', agency: 'PT Contoh', email: 'pertama@contoh.co.id' });
  assert.equal(r.json.seat, 'seat');
  const rs = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/trainings/${id}/participants`,
    { name: `Peserta ${i}`, agency: 'PT Contoh', email: `peserta${i}@contoh.co.id` })));
  assert.ok(rs.every((x) => x.status === 201), rs.map((x) => x.text).join('\n'));
  assert.equal(rs.filter((x) => x.json.seat === 'seat').length, 1, 'the last seat given once');
  assert.equal(rs.filter((x) => x.json.seat === 'waiting').length, N - 1);
  r = await as(0, 'GET', `/api/v1/trainings/${id}/participants`);
  assert.equal(r.json.participants.filter((p) => p.seat === 'seat').length, 2, 'never more seats than the capacity');
  // the same person invited at once by everyone: one registration, the others 409 naming email
  const same = await Promise.all(staff.map((_, i) => as(i, 'POST', `/api/v1/trainings/${id}/participants`,
    { name: 'Sama', agency: 'PT Contoh', email: 'sama@contoh.co.id' })));
  assert.equal(ok(same).length, 1);
  for (const x of same.filter((y) => y.status !== 201)) refused(x, 'email');
  assert.equal(Number(q(`SELECT count(*) FROM audit WHERE object='training/${id}' AND action='training.invite'`)), 1 + N + 1);
  // on the portal: one seat, six registering at once (the portal's hourly limit per address is 10)
  r = await as(0, 'POST', '/api/v1/trainings', {
    title: 'Training SPSE portal balapan', audience: ['penyedia'], capacity: 1, venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'],
    sessions: [{ title: 'Sesi', starts_at: '2026-02-17 08:00', ends_at: '2026-02-17 12:00' }] });
  assert.equal(r.status, 201, r.text);
  const pid = r.json.id;
  assert.equal((await asAdmin(0, 'POST', `/api/v1/trainings/${pid}/approve`)).status, 200);
  const regs = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => pub(i, 'POST', `/api/v1/portal/trainings/${pid}/register`,
    { name: `Pendaftar ${i}`, agency: 'CV Maju Jaya', email: `pendaftar${i}@majujaya.co.id` })));
  assert.ok(regs.every((x) => x.status === 201), regs.map((x) => `${x.status} ${x.text}`).join('\n'));
  assert.deepEqual(regs.map((x) => x.json.seat).sort(), ['seat', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
  assert.equal((await pub(0, 'GET', '/api/v1/portal/trainings')).json.trainings.find((t) => t.id === pid).seats_left, 0);
});

test('eight providers booking the last place of a verification day at once: one booked, seven told the day is full', async () => {
  let r = await asAdmin(0, 'PUT', '/api/v1/verification/settings', { capacity: [0, 1, 1, 1, 1, 1, 0], book_limit: 1000 });
  assert.equal(r.status, 200, r.text);
  r = await pub(0, 'GET', '/api/v1/portal/verification/days');
  assert.equal(r.status, 200, r.text);
  const day = r.json.days.find((d) => d.free === 1).day;
  const rs = await Promise.all(staff.map((_, i) => pub(i, 'POST', '/api/v1/portal/verification/appointments', {
    company: `CV Balapan ${i}`, npwp: `01.234.567.8-901.00${i}`, email: `direktur${i}@balapan.co.id`, contact: 'Budi', day })));
  assert.equal(rs.filter((x) => x.status === 201).length, 1, rs.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of rs.filter((y) => y.status !== 201)) refused(x, 'day');
  assert.equal(q(`SELECT count(*) FROM verify_appointment WHERE day='${day}' AND status<>'cancelled'`), '1');
  // nothing half-written for the refused: one verification, one provider in the directory
  assert.equal(q(`SELECT count(*) FROM verification WHERE company LIKE 'CV Balapan %'`), '1');
});

test('admins editing one KB article at once: every edit a revision of its own, no field given by one lost to another', async () => {
  let r = await asAdmin(0, 'POST', '/api/v1/kb', { title: 'Balapan', body: 'Isi awal', category: 'Akun', status: 'draft' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  // each admin changes a different field: all four changes are kept
  const edits = [{ title: 'Judul baru' }, { body: 'Isi baru' }, { category: 'Kata sandi' }, { tags: ['sandi'] }];
  const rs = await Promise.all(edits.map((e, i) => asAdmin(i, 'PATCH', `/api/v1/kb/${id}`, e)));
  assert.ok(rs.every((x) => x.status === 200), rs.map((x) => x.text).join('\n'));
  r = await asAdmin(0, 'GET', `/api/v1/kb/${id}`);
  assert.equal(r.json.title, 'Judul baru');
  assert.equal(r.json.body, 'Isi baru');
  assert.equal(r.json.category, 'Kata sandi');
  assert.deepEqual(r.json.tags, ['sandi']);
  assert.equal(r.json.revision, 5);
  const revs = (await asAdmin(0, 'GET', `/api/v1/kb/${id}/revisions`)).json.revisions;
  assert.deepEqual(revs.map((v) => v.revision), [5, 4, 3, 2, 1], 'one revision each, none shared');
  assert.deepEqual(auditOf(`kb:${id}`).map((a) => a.replace(/ status.*$/, '')), ['kb.create|rev=1', 'kb.update|rev=2', 'kb.update|rev=3', 'kb.update|rev=4', 'kb.update|rev=5']);
  // the same field at once: the last revision written stands, each kept
  const same = await Promise.all([0, 1, 2, 3].map((i) => asAdmin(i, 'PATCH', `/api/v1/kb/${id}`, { title: `Judul ${i}` })));
  assert.ok(same.every((x) => x.status === 200));
  const last = (await asAdmin(0, 'GET', `/api/v1/kb/${id}/revisions`)).json.revisions[0];
  assert.equal(last.revision, 9);
  assert.equal((await asAdmin(0, 'GET', `/api/v1/kb/${id}`)).json.title, last.title);
  // edits saying the revision they were based on: one written, the others 409 naming revision
  const based = await Promise.all([0, 1, 2, 3].map((i) => asAdmin(i, 'PATCH', `/api/v1/kb/${id}`, { revision: 9, title: `Berdasar ${i}` })));
  assert.equal(ok(based).length, 1, based.map((x) => `${x.status} ${x.text}`).join('\n'));
  for (const x of based.filter((y) => y.status !== 200)) refused(x, 'revision', /^Diubah oleh adm\d .*\(revisi 10\) sejak revisi 9/);
  assert.equal((await asAdmin(0, 'GET', `/api/v1/kb/${id}`)).json.title, ok(based)[0].json.title);
  assert.equal(auditOf(`kb:${id}`).length, 10);
});

test('admins editing different rows of the priority table at once: every row keeps its change', async () => {
  const before = (await asAdmin(0, 'GET', '/api/v1/priorities')).json;
  const edits = [
    { rules: [{ urgency: 'tidak_mendesak', impact: 'kecil', priority: 'menengah' }] },
    { rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'tinggi' }] },
    { targets: [{ priority: 'menengah', response_office_seconds: 7200, resolution_workdays: 2 }] },
    { targets: [{ priority: 'rendah', response_office_seconds: 3 * 3600, resolution_workdays: 4 }] },
  ];
  const rs = await Promise.all(edits.map((e, i) => asAdmin(i, 'PUT', '/api/v1/priorities', e)));
  assert.ok(rs.every((x) => x.status === 200), rs.map((x) => x.text).join('\n'));
  const now = (await asAdmin(0, 'GET', '/api/v1/priorities')).json;
  const rule = (u, i) => now.rules.find((x) => x.urgency === u && x.impact === i).priority;
  const target = (p) => now.targets.find((x) => x.priority === p);
  assert.equal(rule('tidak_mendesak', 'kecil'), 'menengah');
  assert.equal(rule('mendesak', 'kecil'), 'tinggi');
  assert.deepEqual([target('menengah').response_office_seconds, target('menengah').resolution_workdays], [7200, 2]);
  assert.deepEqual([target('rendah').response_office_seconds, target('rendah').resolution_workdays], [3 * 3600, 4]);
  assert.deepEqual(target('tinggi'), before.targets.find((x) => x.priority === 'tinggi'), 'a row nobody named is as it was');
  assert.equal(Number(q("SELECT count(*) FROM audit WHERE action='priority.set'")), 4);
});

test('admins naming the same holiday at once: one holiday, each naming audited, the last one stands', async () => {
  const rs = await Promise.all([0, 1, 2, 3].map((i) => asAdmin(i, 'POST', '/api/v1/calendar/holidays',
    { day: '2026-03-20', name: `Libur balapan ${i}`, kind: 'local' })));
  assert.ok(rs.every((x) => x.status === 201), rs.map((x) => x.text).join('\n'));
  assert.equal(q("SELECT count(*) FROM holiday WHERE day='2026-03-20'"), '1');
  const name = q("SELECT name FROM holiday WHERE day='2026-03-20'");
  const rows = q("SELECT detail FROM audit WHERE object='holiday:2026-03-20' ORDER BY id").split('\n');
  assert.equal(rows.length, 4, rows.join('\n'));
  assert.ok(rows.at(-1).includes(name), `${rows.at(-1)} / ${name}`);
});
