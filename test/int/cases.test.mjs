// Cases through the API, end to end on the phone procedure (SOP-LPSE.BTG-017) with the
// clock frozen at Monday 5 January 2026, 08:00 WIB (LOKET_TEST_NOW): the due times stored,
// met, the decision, closing; strict input naming the field; 404, 409; the overdue list;
// the permission matrix (a requester 403, pengarah may read only); the audit rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, addUser, cli, sqlite, webSession, PG } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';
let s, token;

// POST with the admin's token.
const post = (path, body, t = token) => request(s.url, 'POST', path, { token: t, body });
const get = (path, t = token) => request(s.url, 'GET', path, { token: t });
const PHONE = {
  sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE', urgency: 'mendesak', impact: 'sedang',
  requester: { name: 'Budi Santoso', nik: '3325011501900001', email: 'budi@example.com', phone: '081234567890' },
};

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW, LOKET_TEST_CASE_WINDOW: '2' } });   // the search reaches its index from the 3rd case
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

test('the server says its clock is frozen', () => {
  assert.match(s.output().stderr, /clock frozen at 2026-01-05T08:00:00\+07:00 \(LOKET_TEST_NOW\)/);
});

test('the phone procedure end to end: due times, met, the decision, closing', async () => {
  let r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const c = r.json;
  assert.equal(c.number, 'LPSE-2026-000001');
  assert.equal(c.priority, 'tinggi');
  assert.equal(c.opened_at, '2026-01-05T01:00:00Z');
  assert.equal(c.response_due_at, '2026-01-05T02:00:00Z');        // 1 office hour
  assert.equal(c.resolution_due_at, '2026-01-06T01:00:00Z');      // 1 working day
  assert.equal(c.current_step, 1);
  assert.deepEqual(c.steps.map((x) => [x.no, x.due_at, x.met]), [[1, null, null]]);
  const n = c.number;

  r = await post(`/api/v1/cases/${n}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].due_at, '2026-01-05T01:00:10Z');    // 10 s real
  r = await post(`/api/v1/cases/${n}/steps/2`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].met, true);
  assert.equal(r.json.steps[1].done_at, '2026-01-05T01:00:00Z');
  assert.equal(r.json.steps[2].due_at, '2026-01-05T01:02:00Z');    // 2 min office
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'done', note: 'Formulir konsultasi diisi' });
  r = await post(`/api/v1/cases/${n}/steps/4`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.current_step, 5);
  assert.equal(r.json.steps[4].decision, true);

  r = await post(`/api/v1/cases/${n}/steps/5`, { outcome: 'done' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'outcome');
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'done' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'no');
  assert.equal(r.json.error.message, 'Ini bukan langkah kasus yang sedang terbuka: langkah 5 yang terbuka');   // which one is
  r = await post(`/api/v1/cases/${n}/steps/3?lang=en`, { outcome: 'done' });
  assert.equal(r.json.error.message, 'This is not the open step of the case: step 5 is open');
  r = await post(`/api/v1/cases/${n}/steps/5`, { outcome: 'no' });
  assert.equal(r.json.current_step, 8);
  r = await post(`/api/v1/cases/${n}/steps/8`, { outcome: 'done' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'closed');
  assert.equal(r.json.closed_at, '2026-01-05T01:00:00Z');
  assert.equal(r.json.current_step, 0);
  assert.deepEqual(r.json.steps.map((x) => x.no), [1, 2, 3, 4, 5, 8]);
  assert.deepEqual(r.json.steps.map((x) => x.by), Array(6).fill('admin'));
  r = await post(`/api/v1/cases/${n}/steps/8`, { outcome: 'done' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'status', 'closed: no step is open, the case is not open');

  r = await get(`/api/v1/cases/${n}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.steps[2].note, 'Formulir konsultasi diisi');
  const whole = (await get(`/api/v1/cases/${n}`)).json;
  r = await get('/api/v1/cases?status=closed');
  assert.deepEqual(r.json.cases.map((x) => x.number), [n]);
  // every case in JSON carries its steps with their clocks (DESIGN.md's stable surface): a list's too,
  // the same as the case's own
  assert.deepEqual(r.json.cases[0].steps, whole.steps);
  assert.ok(r.json.cases[0].steps.every((x) => 'started_at' in x && 'done_at' in x && 'due_at' in x && 'met' in x));
  r = await get('/api/v1/audit?action=case.');
  const actions = r.json.rows ? r.json.rows.map((x) => x.action) : JSON.stringify(r.json);
  for (const a of ['case.open', 'case.step', 'case.close']) assert.ok(actions.includes(a), `${a} in ${actions}`);
});

test('a query parameter a list does not take is named, not ignored', async () => {
  for (const [path, field] of [
    ['/api/v1/cases?statuss=open', 'statuss'],
    ['/api/v1/cases?status=open&offset=5', 'offset'],
    ['/api/v1/reports/compliance?month=2026-13', 'month'],
    ['/api/v1/registers/guest-book?case=LPSE-2026-000001', 'case'],
    ['/api/v1/audit?user=admin', 'user'],
  ]) {
    const r = await get(path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
    assert.match(r.json.error.message, /bukan parameter yang dikenal/);
  }
  // the documented ones, and lang, which every request takes
  for (const path of ['/api/v1/cases?status=open&sop=SOP-LPSE.BTG-017&q=x&overdue=0&mine=0&limit=5&before=0&lang=en',
    '/api/v1/reports/compliance?from=2026-01-01&to=2026-01-31&by=officer&limit=10',
    '/api/v1/registers/guest-book?from=2026-01-01&to=2026-01-31&q=x&limit=5']) {
    const r = await get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
  }
  let r = await get('/api/v1/cases?nomor=1&lang=en');
  assert.equal(r.json.error.message, 'nomor is not a known parameter (status,sop,q,overdue,mine,limit,before)');
  // a parameter given twice is refused too: the second value would be ignored (no list takes a
  // list of values: status=open&status=closed is not both)
  for (const path of ['/api/v1/cases?status=open&status=closed', '/api/v1/cases?sop=SOP-LPSE.BTG-017&q=x&sop=SOP-LPSE.BTG-019',
    '/api/v1/audit?action=case.&action=user.']) {
    r = await get(path + '&lang=en');
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, path.includes('status') ? 'status' : path.includes('sop') ? 'sop' : 'action', r.text);
    assert.match(r.json.error.message, /is given more than once: give it once/);
  }
  // the overdue and mine lists are not paged: a page asked of them is refused, not ignored
  for (const path of ['/api/v1/cases?overdue=1&before=5', '/api/v1/cases?mine=1&before=5']) {
    r = await get(path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, 'before', r.text);
  }
  assert.equal((await get('/api/v1/cases?overdue=1&limit=1')).status, 200);
  // a status in capitals is the status (as a procedure's code and a step's outcome are taken); another word is named
  const open = (await get('/api/v1/cases?status=open')).json.cases.map((c) => c.number);
  for (const st of ['OPEN', 'Open']) assert.deepEqual((await get(`/api/v1/cases?status=${st}`)).json.cases.map((c) => c.number), open, st);
  r = await get('/api/v1/cases?status=terbuka');
  assert.deepEqual([r.status, r.json.error.field], [400, 'status'], r.text);
});

test('several wrong fields are named in one answer: the first as field and message, all in fields; nothing opened', async () => {
  const count = async () => (await get('/api/v1/cases')).json.cases.length;
  const before = await count();
  let r = await post('/api/v1/cases', { ...PHONE, channel: 'fax', subject: 'x'.repeat(201),
    requester: { name: 'Budi', nik: '12345', phone: '0812', email: 'budi@' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'channel');
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['channel', 'subject', 'requester.nik', 'requester.email', 'requester.phone']);
  assert.equal(r.json.error.fields[0].message, r.json.error.message);
  assert.match(r.json.error.fields[2].message, /^NIK pemohon kurang digit: NIK harus 16 digit$/);
  for (const f of r.json.error.fields) assert.ok(f.message.length > 0, f.field);
  // the events a procedure needs are looked for once the procedure is known: all of them named
  r = await post('/api/v1/cases', { ...PHONE, sop: 'SOP-LPSE.BTG-005', requester: { name: 'Budi', npwp: '12' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['requester.npwp', 'events.training_start', 'events.training_end']);
  assert.equal(await count(), before, 'nothing was opened');
});

test('strict input: each wrong field is named', async () => {
  const cases = [
    [{ ...PHONE, nickname: 'x' }, 'nickname'],
    [{ ...PHONE, sop: 'SOP-TIDAK-ADA' }, 'sop'],
    [{ ...PHONE, channel: 'fax' }, 'channel'],
    [{ ...PHONE, subject: 'x'.repeat(201) }, 'subject'],
    [{ ...PHONE, urgency: 'segera' }, 'urgency'],
    [{ ...PHONE, impact: 'raksasa' }, 'impact'],
    [{ ...PHONE, requester: undefined }, 'requester'],
    [{ ...PHONE, requester: { name: 'B', nik: '123' } }, 'requester.nik'],
    [{ ...PHONE, requester: { name: 'B', nip: '1990' } }, 'requester.nip'],
    [{ ...PHONE, requester: { org_name: 'PT X', npwp: '12' } }, 'requester.npwp'],
    [{ ...PHONE, requester: { name: 'B', email: 'bukan' } }, 'requester.email'],
    [{ ...PHONE, requester: { name: 'B', phone: '12' } }, 'requester.phone'],
    [{ ...PHONE, requester: { name: 'B', hobby: 'x' } }, 'requester.hobby'],
    [{ ...PHONE, requester: { nik: '3325011501900001' } }, 'requester.name'],
    [{ ...PHONE, events: { training_start: 'besok' } }, 'events.training_start'],
    [{ ...PHONE, events: { party: '2026-01-10T08:00:00+07:00' } }, 'events.party'],
    [{ ...PHONE, sop: 'SOP-LPSE.BTG-005' }, 'events.training_start'],
    // step 2's tasks count back from the training's start even though the step has no standard of its own
    [{ ...PHONE, sop: 'SOP-LPSE.BTG-005', events: { training_end: '2026-12-10T15:00:00+07:00', last_session_end: '2026-12-10T15:00:00+07:00' } }, 'events.training_start'],
    [{ ...PHONE, sop: 'SOP-LPSE.BTG-005', events: { training_start: '2026-12-10T09:00:00+07:00', last_session_end: '2026-12-10T15:00:00+07:00' } }, 'events.training_end'],
    [{ ...PHONE, sop: 'SOP-LPSE.BTG-005', events: { training_start: '2026-12-10T09:00:00+07:00', training_end: '2026-12-09T15:00:00+07:00' } }, 'events.training_end'],
    [{ ...PHONE, sop: 'SOP-LPSE.BTG-005', events: { training_start: '2026-12-10T09:00:00+07:00', training_end: '9999-12-31T23:59:59Z' } }, 'events.training_end'],
    [{ ...PHONE, subject: '   ' }, 'subject'],
    [{ ...PHONE, subject: 'Bunyi bel \u0007 di subjek' }, 'subject'],
    [{ ...PHONE, requester: { name: 'Budi\u001b[31m' } }, 'requester.name'],
    [{ ...PHONE, requester: { name: '  ' } }, 'requester.name'],
  ];
  for (const [body, field] of cases) {
    const r = await post('/api/v1/cases', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
  }
  let one = await post('/api/v1/cases', { ...PHONE, requester: { name: 'B', nik: '123' } });
  assert.equal(one.json.error.fields, undefined, `one field wrong: no list (${one.text})`);
  let r = await request(s.url, 'POST', '/api/v1/cases', { token, body: '{"sop":1' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_json');
  assert.match(r.json.error.message, /berakhir sebelum objeknya selesai \(baris 1, kolom 8\)/);
  // what is wrong, in the user's language (not the parser's English): a member given twice is named
  r = await request(s.url, 'POST', '/api/v1/cases', { token, body: '{"sop":"SOP-LPSE.BTG-017","sop":"x"}' });
  assert.equal(r.json.error.code, 'invalid_json');
  assert.match(r.json.error.message, /diberikan dua kali: "sop" \(baris 1, kolom/);
  assert.equal(r.json.error.field, 'sop', 'the member given twice is the field named');
  // a nested member given twice is named by its path, as other nested fields are (requester.name, rules[0].priority)
  for (const [body, path] of [
    ['{"sop":"x","requester":{"name":"a","name":"b"}}', 'requester.name'],
    ['{"items":[{"name":1},{"name":2},{"name":3,"name":4}]}', 'items[2].name'],
    ['{"x":"{\\"[,}","m":[[1,[2,3]],[{"k":1}],{"k":1,"k":2}]}', 'm[2].k'],
    ['{"requester":{"n\\u0061me":"a","org":{"a":[]},"name":"b"}}', 'requester.name'],
  ]) {
    r = await request(s.url, 'POST', '/api/v1/cases', { token, body });
    assert.equal(r.status, 400, body);
    assert.equal(r.json.error.code, 'invalid_json', body);
    assert.equal(r.json.error.field, path, `${body}: ${r.text}`);
    assert.ok(r.json.error.message.includes(`diberikan dua kali: "${path}"`), r.text);
  }
  r = await request(s.url, 'POST', '/api/v1/cases', { token, body: '{"sop":"x"} ekor' });
  assert.match(r.json.error.message, /ada teks lain setelah akhir objek/);
  assert.doesNotMatch(r.json.error.message, /expected|near/);
  // a file saved with a UTF-8 byte order mark (Notepad, PowerShell) is read as it was meant
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(PHONE))]);
  r = await request(s.url, 'POST', '/api/v1/cases', { token, body: new Uint8Array(bom), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.subject, PHONE.subject);
  r = await get('/api/v1/cases?status=lost');
  assert.equal(r.json.error.field, 'status');
  r = await get('/api/v1/cases/LPSE-2026-999999');
  assert.equal(r.status, 404);
  r = await post('/api/v1/cases/LPSE-2026-999999/steps/1', { outcome: 'done' });
  assert.equal(r.status, 404);
  r = await post('/api/v1/cases/LPSE-2026-000001/cancel', {});
  assert.equal(r.json.error.field, 'reason');
  // the step's number in the path: what names no step (not a number, or a number without a
  // step) is 404 naming it, as every id in a path is
  for (const no of ['abc', '-1', '2x', '0', '99', '100000']) {
    r = await post(`/api/v1/cases/LPSE-2026-000001/steps/${no}`, { outcome: 'done' });
    assert.equal(r.status, 404, `${no}: ${r.text}`);
    assert.equal(r.json.error.field, 'no', r.text);
  }
});

test('an event-timed step past its due time is on the overdue list', async () => {
  let r = await post('/api/v1/cases', {
    sop: 'SOP-LPSE.BTG-005', channel: 'letter', subject: 'Pelatihan SPSE 4.5', requester: { org_name: 'Dinas PU' },
    events: { training_start: '2026-01-02T08:00:00+07:00', training_end: '2026-01-02T16:00:00+07:00' },
  });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (let no = 1; no <= 3; no++) {
    r = await post(`/api/v1/cases/${n}/steps/${no}`, { outcome: 'done' });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(r.json.current_step, 4);
  assert.equal(r.json.steps[3].due_at, '2026-01-02T10:00:00Z');     // 1 h after training_end
  // no last_session_end given: the last session ends with the training, the questionnaire 15 min after
  assert.equal(r.json.steps[2].tasks[2].due_at, '2026-01-02T09:15:00Z');
  r = await get('/api/v1/cases?overdue=1');
  assert.deepEqual(r.json.cases.map((x) => [x.number, x.current_step, x.due_at]), [[n, 4, '2026-01-02T10:00:00Z']]);
  assert.deepEqual(r.json.cases[0].steps.map((x) => [x.no, x.due_at, x.met]), [[1, null, null], [2, null, null], [3, null, null], [4, '2026-01-02T10:00:00Z', null]]);
  assert.equal(r.json.more, false);
  // a second one overdue: the list cut at limit says so (more), as the plain list's next_before does
  r = await post('/api/v1/cases', {
    sop: 'SOP-LPSE.BTG-005', channel: 'letter', subject: 'Pelatihan SPSE 4.5 (kelas kedua)', requester: { org_name: 'Dinas PU' },
    events: { training_start: '2026-01-02T08:00:00+07:00', training_end: '2026-01-02T16:00:00+07:00' },
  });
  const m = r.json.number;
  for (let no = 1; no <= 3; no++) assert.equal((await post(`/api/v1/cases/${m}/steps/${no}`, { outcome: 'done' })).status, 200);
  r = await get('/api/v1/cases?overdue=1&limit=1');
  assert.deepEqual([r.json.cases.length, r.json.more, r.json.next_before], [1, true, null]);
  r = await get('/api/v1/cases?overdue=1&limit=2');
  assert.deepEqual([r.json.cases.map((x) => x.number).sort(), r.json.more], [[n, m].sort(), false]);
  r = await get('/api/v1/cases?mine=1&limit=1');
  assert.equal(typeof r.json.more, 'boolean');
  r = await get('/api/v1/cases?limit=1');
  assert.equal(r.json.more, true);
  assert.equal(typeof r.json.next_before, 'number');
  assert.equal((await post(`/api/v1/cases/${m}/steps/4`, { outcome: 'done' })).status, 200);
  r = await post(`/api/v1/cases/${n}/steps/4`, { outcome: 'done' });
  assert.equal(r.json.steps[3].met, false);
});

test('cancel, reopen, assign', async () => {
  let r = await post('/api/v1/cases', { ...PHONE, subject: 'Akun terkunci' });
  const n = r.json.number;
  r = await post(`/api/v1/cases/${n}/assign`, { role: 'satpam' });
  assert.equal(r.json.error.field, 'role');
  // the roles it may name are said, as written (a role written with capitals is not one)
  r = await post(`/api/v1/cases/${n}/assign?lang=en`, { role: 'Helpdesk' });
  assert.equal(r.json.error.field, 'role');
  assert.equal(r.json.error.message, 'Role names no role of Loket (the roles, in small letters: admin, pengarah, ketua, sekretaris,'
    + ' admin_agency, verifikator, helpdesk, trainer, piket, staf, penyedia, ppk, pokja, pejabat_pengadaan, lkpp)');
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'siapa' });
  assert.equal(r.json.error.field, 'username');
  r = await post(`/api/v1/cases/${n}/assign`, { role: 'helpdesk' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[0].assigned_role, 'helpdesk');
  // a member left out stays; "" clears; only an active staff member may be named
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'admin' });
  assert.deepEqual([r.json.steps[0].assigned_role, r.json.steps[0].assigned_user], ['helpdesk', 'admin']);
  r = await post(`/api/v1/cases/${n}/assign`, { role: 'piket' });
  assert.deepEqual([r.json.steps[0].assigned_role, r.json.steps[0].assigned_user], ['piket', 'admin']);
  r = await post(`/api/v1/cases/${n}/assign`, { role: '' });
  assert.deepEqual([r.json.steps[0].assigned_role, r.json.steps[0].assigned_user], [null, 'admin']);
  addUser(s.dir, 'penyedia2', 'penyedia');
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'penyedia2' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  addUser(s.dir, 'helpdesk2', 'helpdesk');
  assert.equal(cli(['user', 'disable', 'helpdesk2', '--data', s.dir]).status, 0);
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'helpdesk2' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  r = await post(`/api/v1/cases/${n}/reopen`);
  assert.equal(r.status, 409);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Duplikat' });
  assert.equal(r.json.status, 'cancelled');
  r = await post(`/api/v1/cases/${n}/steps/1`, { outcome: 'done' });
  assert.equal(r.status, 409);
  r = await post(`/api/v1/cases/${n}/reopen`);
  assert.equal(r.json.status, 'open');
  assert.deepEqual(r.json.steps.map((x) => [x.no, x.visit, x.outcome]), [[1, 1, 'cancelled'], [1, 2, null]]);
});

test('permissions: a requester may not read or open; pengarah reads only', async () => {
  addUser(s.dir, 'penyedia1', 'penyedia');
  addUser(s.dir, 'pengarah1', 'pengarah');
  addUser(s.dir, 'piket1', 'piket');
  const tp = await login(s.url, 'penyedia1', 'user-test-password-1');
  const tg = await login(s.url, 'pengarah1', 'user-test-password-1');
  const tk = await login(s.url, 'piket1', 'user-test-password-1');
  assert.equal((await get('/api/v1/cases', tp)).status, 403);
  assert.equal((await post('/api/v1/cases', PHONE, tp)).status, 403);
  assert.equal((await get('/api/v1/cases/LPSE-2026-000001', tg)).status, 200);
  assert.equal((await post('/api/v1/cases', PHONE, tg)).status, 403);
  assert.equal((await post('/api/v1/cases/LPSE-2026-000001/reopen', undefined, tg)).status, 403);
  const r = await post('/api/v1/cases', PHONE, tk);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.opened_by, 'piket1');
});

test('a decision is taken by the role its step names (or an administrator); other steps by any staff who work cases', async () => {
  addUser(s.dir, 'helpdesk9', 'helpdesk');
  addUser(s.dir, 'pengarah9', 'pengarah,helpdesk');
  const th = await login(s.url, 'helpdesk9', 'user-test-password-1');
  const tg = await login(s.url, 'pengarah9', 'user-test-password-1');
  // OI-03 opened at the desk (no account request behind it): step 3 is the pengarah's approval
  let r = await post('/api/v1/cases', { sop: 'SOP 03/LPSE/2012', channel: 'letter', subject: 'User ID Pokja', requester: { name: 'Pokja 7' } }, th);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, {}, th)).status, 200);
  assert.equal((await post(`/api/v1/cases/${n}/steps/2`, {}, th)).status, 200, 'the secretary\'s check: any staff may record it');
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'yes' }, th);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'no');
  assert.equal((await get(`/api/v1/cases/${n}`)).json.current_step, 3, 'nothing written');
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'yes' }, tg);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.current_step, 4);
});

test('the requester in the directory: an entry found is completed, not overwritten; an e-mail under a name that can be theirs is the same person, another name at it another person; a lone NPWP is the person\'s', async () => {
  const open = async (requester) => {
    const r = await post('/api/v1/cases', { ...PHONE, subject: 'Direktori', requester });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const entry = async (ref) => (await get(`/api/v1/directory/${encodeURIComponent(ref)}`)).json;
  // found by the NIK: the phone it lacked is added, its name and e-mail stay
  await open({ name: 'Rina Wati', nik: '3325015208900002' });
  await open({ name: 'Rina Wati', nik: '3325015208900002', phone: '081377778888' });
  let e = await entry('3325015208900002');
  assert.equal(e.name, 'Rina Wati');
  assert.match(e.phone, /81377778888$/);
  // an address is one requester's under any name that can be theirs; another name is another person
  // at a shared office address (one entry each, found again by name)
  await open({ name: 'Andi Saputra', email: 'layanan@dinas.go.id' });
  await open({ name: 'Ir. Andi', email: 'layanan@dinas.go.id' });
  const other = await open({ name: 'Siti Rahma', email: 'LAYANAN@dinas.go.id' });
  assert.equal(other.requester.name, 'Siti Rahma', 'the case keeps the name given');
  await open({ name: 'Siti Rahma', email: 'layanan@dinas.go.id' });
  const both = (await get('/api/v1/directory?q=layanan%40dinas.go.id')).json.entries.map((x) => x.name).sort();
  assert.deepEqual(both, ['Andi Saputra', 'Siti Rahma']);
  // an NPWP with no organisation named is the person's own: no nameless organisation
  const c = await open({ name: 'Hadi Susilo', npwp: '01.234.567.8-901.000' });
  assert.equal(c.requester.org, null);
  e = await entry('01.234.567.8-901.000');
  assert.equal(e.name, 'Hadi Susilo');
  assert.equal(e.kind, 'person');
  // a NIP copied from a letter's signature, its label "NIP." with it: the same person, kept as digits
  await open({ name: 'Dewi Lestari', nip: '19850312 201001 2 004' });
  await open({ name: 'Dewi Lestari', nip: 'NIP. 19850312 201001 2 004', phone: '081399990000' });
  assert.equal((await get('/api/v1/directory?q=dewi%20lestari')).json.entries.length, 1, 'one entry');
  e = await entry('NIP. 198503122010012004');
  assert.equal(e.nip, '198503122010012004');
  assert.match(e.phone, /81399990000$/);
  const r = await post('/api/v1/directory', { kind: 'person', name: 'Bayu Aji', nip: 'NIP: 198001012005011003' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await entry('198001012005011003')).nip, '198001012005011003');
});

test('paging the list: next_before names the next page while there is one, null on the last', async () => {
  const all = (await get('/api/v1/cases?limit=500')).json;
  const total = all.cases.length;
  assert.ok(total >= 3, `${total} cases`);
  assert.equal(all.next_before, null);
  assert.equal((await get(`/api/v1/cases?limit=${total}`)).json.next_before, null, 'exactly all: no next page');
  const first = (await get(`/api/v1/cases?limit=${total - 1}`)).json;
  assert.equal(first.cases.length, total - 1);
  assert.notEqual(first.next_before, null);
  const last = (await get(`/api/v1/cases?limit=${total - 1}&before=${first.next_before}`)).json;
  assert.deepEqual(last.cases.map((c) => c.number), [all.cases.at(-1).number]);
  assert.equal(last.next_before, null);
});

test('the required items ticked are recorded with the step; a missing or unknown item is refused', async () => {
  let r = await post('/api/v1/cases', PHONE);
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, {})).status, 200);
  r = await post(`/api/v1/cases/${n}/steps/2`, { items: [] });
  assert.equal(r.status, 200, 'step 2 has no required items: an empty list is the whole checklist');
  assert.deepEqual(r.json.steps[1].items_checked, []);
  assert.equal(r.json.steps[0].items_checked, null, 'not given: not recorded');
  // step 3 asks for one item (the consultation form)
  r = await post(`/api/v1/cases/${n}/steps/3`, { items: [] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'items');
  r = await post(`/api/v1/cases/${n}/steps/3`, { items: [1, 2] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'items[1]', 'the entry that names no item of the step, counted from 0');
  assert.match(r.json.error.message, /^items\[1\] /, r.text);
  r = await post(`/api/v1/cases/${n}/steps/3`, { items: ['1'] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'items');
  // the page's checklist: the box that is no item is said under the checklist, not above the case
  const w = await webSession(s.url);
  const page = await w.post(`/kasus/${n}/langkah/3`, [['csrf', w.csrf], ['item', '1'], ['item', '2'], ['outcome', 'done']]);
  assert.equal(page.status, 400);
  assert.match(page.text, /<p class="field-error" id="items-error">/);
  r = await get(`/api/v1/cases/${n}`);
  assert.equal(r.json.current_step, 3, 'nothing was written by the refused calls');
  r = await post(`/api/v1/cases/${n}/steps/3`, { items: [1], note: 'Formulir terisi' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.steps[2].items_checked, [1]);
  assert.equal(r.json.current_step, 4);
});

test('a step that is not the open one, or a case not open, is 409 before its items or registers are judged', async () => {
  let r = await post('/api/v1/cases', PHONE);
  const n = r.json.number;
  // step 3 asks for the consultation form and writes registers; step 1 is open
  for (const body of [{ items: [] }, { items: [9] }, { registers: { archive: { location: 'Lemari A' } } }]) {
    r = await post(`/api/v1/cases/${n}/steps/3`, body);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'no');
    assert.equal(r.json.error.message, 'Ini bukan langkah kasus yang sedang terbuka: langkah 1 yang terbuka');
  }
  // the open step with a register it does not write: still 400 naming it
  r = await post(`/api/v1/cases/${n}/steps/1`, { registers: { archive: { location: 'Lemari A' } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'registers.archive');
  // the case page's form (its checklist posted empty) says the step is not open, not "tick every item"
  const w = await webSession(s.url);
  const page = await w.post(`/kasus/${n}/langkah/3`, [['csrf', w.csrf], ['outcome', 'done']]);
  assert.equal(page.status, 409);
  assert.doesNotMatch(page.text, /id="items-error"/);
  assert.match(page.text, /Ini bukan langkah kasus yang sedang terbuka/);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Penelepon menutup telepon' });
  assert.equal(r.status, 200);
  r = await post(`/api/v1/cases/${n}/steps/1`, { items: [] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'status');
  r = await post(`/api/v1/cases/${n}/steps/1`, { registers: { archive: { location: 'Lemari A' } } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'status');
});

test('a decision on a checklist ("is the file complete?"): yes needs every item, no records what was there', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-019', channel: 'letter', subject: 'Penonaktifan akun PPK', requester: { name: 'Dinas PU' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, { items: [1, 2, 3, 4] })).status, 200);
  r = await post(`/api/v1/cases/${n}/steps/2`, { items: [1], registers: { handover: { items: 'Berkas permohonan', from_name: 'Dinas PU' } } });
  assert.equal(r.status, 200, r.text);
  // the page: a decision's boxes are not each required (the browser would not let "Tidak" through)
  const page = (await (await webSession(s.url)).get(`/kasus/${n}`)).text;
  assert.match(page, /<input type="checkbox" name="item" value="2">/);
  assert.match(page, /Centang yang ada: jawaban Ya memerlukan semua butir/);
  // step 3 checks the three documents: the assignment letter is missing
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'yes', items: [1, 3] });
  assert.equal(r.status, 400, 'complete: every document ticked');
  assert.equal(r.json.error.field, 'items');
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'no', items: [3, 9] });
  assert.equal(r.status, 400, 'a number that is no item is still refused');
  assert.equal(r.json.error.field, 'items[1]', r.text);
  r = await post(`/api/v1/cases/${n}/steps/3`, { outcome: 'no', items: [3, 1] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.steps[2].outcome, r.json.steps[2].items_checked, r.json.current_step], ['no', [1, 3], 4]);
});

test('a case opened without a channel comes through its procedure\'s usual one; the form starts with it', async () => {
  for (const [sop, channel] of [['OI-01', 'walk_in'], ['BTG-017', 'phone'], ['OI-04', 'letter']]) {
    const r = await post('/api/v1/cases', { sop, subject: 'Tanpa saluran', requester: { name: 'Budi' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.channel, channel, sop);
  }
  // a channel given wins; a wrong one is still named
  assert.equal((await post('/api/v1/cases', { sop: 'OI-01', channel: 'email', subject: 'x', requester: { name: 'Budi' } })).json.channel, 'email');
  assert.equal((await post('/api/v1/cases', { sop: 'OI-01', channel: 'fax', subject: 'x', requester: { name: 'Budi' } })).json.error.field, 'channel');
  const page = (await (await webSession(s.url)).get('/kasus/baru?sop=OI-01')).text;
  assert.match(page, /<option value="walk_in" selected>/);
});

test('a holiday or a priority rule changed by another process (the CLI, a second server) holds for the next case opened', async () => {
  // many cases first: every server thread has read (and may keep) the office's calendar and table
  const open = async (body = {}) => {
    const r = await post('/api/v1/cases', { ...PHONE, urgency: 'tidak_mendesak', impact: 'besar', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  for (let i = 0; i < 16; i++) {
    const c = await open();
    assert.equal(c.priority, 'menengah');
    assert.equal(c.resolution_due_at, '2026-01-08T01:00:00Z');   // 3 working days
  }
  let r = cli(['calendar', 'add', '2026-01-06', 'Libur uji', '--kind', 'local', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  for (let i = 0; i < 16; i++) assert.equal((await open()).resolution_due_at, '2026-01-09T01:00:00Z', `case ${i} after the holiday`);
  r = sqlite(join(s.dir, 'loket.db'), "UPDATE priority_rule SET priority='tinggi' WHERE urgency='tidak_mendesak' AND impact='besar'");
  assert.equal(r.status, 0, r.stderr);
  for (let i = 0; i < 16; i++) {
    const c = await open();
    assert.equal(c.priority, 'tinggi', `case ${i} after the rule changed`);
    assert.equal(c.resolution_due_at, '2026-01-07T01:00:00Z');   // 1 working day, past the holiday
  }
  r = cli(['calendar', 'remove', '2026-01-06', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  r = sqlite(join(s.dir, 'loket.db'), "UPDATE priority_rule SET priority='menengah' WHERE urgency='tidak_mendesak' AND impact='besar'");
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await open()).resolution_due_at, '2026-01-08T01:00:00Z');
});

test('a NIP or NIK of the directory under another person\'s name is refused, naming the number', async () => {
  const body = (requester) => ({ ...PHONE, requester });
  let r = await post('/api/v1/cases', body({ name: 'Dewi Lestari', nip: '198203142006042002' }));
  assert.equal(r.status, 201, r.text);
  const before = (await get('/api/v1/cases?limit=1')).json.cases[0].number;
  r = await post('/api/v1/cases', body({ name: 'Orang Lain', nip: '198203142006042002' }));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'requester.nip');
  r = await post('/api/v1/cases', body({ name: 'Andi Wijaya', nik: '3325011501900001' }));   // Budi Santoso's
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'requester.nik');
  // titles alone name nobody: within every name that bears them, they are no one's
  for (const name of ['Ir.', 'Dr. H.', 'Bapak', 'S.Kom.', 'Ibu Sari', 'Bu Lestari Wati', 'D. Lestari Putri']) {
    r = await post('/api/v1/cases', body({ name, nip: '198203142006042002' }));
    assert.equal(r.status, 409, `${name}: ${r.text}`);
    assert.equal(r.json.error.field, 'requester.nip');
  }
  assert.equal((await get('/api/v1/cases?limit=1')).json.cases[0].number, before);   // nothing opened, no number spent
  // the same person written otherwise is theirs: case, spacing, titles, a part of the name
  // (as the phone desk writes them: "Ibu Dewi", "Bu Lestari"; an initial: "D. Lestari")
  for (const name of ['dewi  lestari', 'Ir. Dewi Lestari, S.Kom.', 'Dewi', 'Ibu Dewi', 'Bu Lestari', 'D. Lestari', 'Ibu Dewi L.']) {
    r = await post('/api/v1/cases', body({ name, nip: '198203142006042002' }));
    assert.equal(r.status, 201, `${name}: ${r.text}`);
  }
});

test('a requester given by name alone at an organisation is the directory\'s person of that name there, not a twin per case', async () => {
  const open = async (requester) => {
    const r = await post('/api/v1/cases', { ...PHONE, subject: 'Kembar', requester });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  for (const name of ['Budi Hartanto', 'budi hartanto', '  BUDI HARTANTO ', 'Budi Hartanto']) await open({ name, org_name: 'PT Maju Kembar' });
  const people = async () => (await get('/api/v1/directory?kind=person&agency=PT%20Maju%20Kembar')).json.entries;
  let list = await people();
  assert.deepEqual(list.map((x) => x.name), ['Budi Hartanto'], 'one entry for four cases');
  const one = (await get(`/api/v1/directory/${list[0].id}`)).json;
  assert.equal(one.cases.length, 4);
  // another organisation, or a person given with an identifier: today's rules (a new entry, found by it)
  await open({ name: 'Budi Hartanto', org_name: 'CV Lain Kembar' });
  await open({ name: 'Budi Hartanto', org_name: 'PT Maju Kembar', email: 'budi.h@majukembar.co.id' });
  await open({ name: 'Budi Hartanto', org_name: 'PT Maju Kembar', email: 'budi.h@majukembar.co.id' });
  list = await people();
  assert.equal(list.length, 2, 'the one given by e-mail is found by it');
  assert.deepEqual(list.map((x) => x.email ?? null).sort(), ['budi.h@majukembar.co.id', null]);
  // a different name at the same organisation is another person
  await open({ name: 'Budi Hartono', org_name: 'PT Maju Kembar' });
  assert.equal((await people()).length, 3);
  // a name that can be his, as the phone desk writes it (a title, a form of address, a part):
  // the one of exactly that name first, else the oldest whose name agrees — not a fourth entry
  for (const name of ['Bapak Budi Hartanto', 'Pak Hartanto', 'Ir. Budi Hartanto, S.T.']) await open({ name, org_name: 'PT Maju Kembar' });
  assert.equal((await people()).length, 3);
  const plain = list.find((x) => !x.email);
  assert.equal((await get(`/api/v1/directory/${plain.id}`)).json.cases.length, 4 + 3);
  await open({ name: 'budi hartono', org_name: 'PT Maju Kembar' });
  assert.equal((await people()).length, 3, 'Budi Hartono found by his own name, not the older Budi Hartanto');
});

test('a requester given by an e-mail address alone is the directory\'s person at it, else one named by it until a name comes with it; a phone alone is refused', async () => {
  const open = async (requester) => post('/api/v1/cases', { ...PHONE, channel: 'email', subject: 'Surel saja', requester });
  // the directory's person at that address (written with capitals and spaces, as pasted)
  let r = await open({ name: 'Sri Mulyani', email: 'sri.m@dinas.go.id' });
  assert.equal(r.status, 201, r.text);
  r = await open({ email: '  Sri.M@Dinas.go.id ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'Sri Mulyani');
  // an address the directory does not have: an entry named by it (as a mail without a sender's name)
  r = await open({ email: 'tanpa.nama@contoh.co.id' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'tanpa.nama@contoh.co.id');
  // the name given later with that address is the entry's: no twin
  r = await open({ name: 'Tono Wijaya', email: 'tanpa.nama@contoh.co.id' });
  assert.equal(r.status, 201, r.text);
  r = await open({ email: 'tanpa.nama@contoh.co.id' });
  assert.equal(r.json.requester.name, 'Tono Wijaya');
  const found = (await get('/api/v1/directory?q=tanpa.nama%40contoh.co.id')).json.entries.map((x) => x.name);
  assert.deepEqual(found, ['Tono Wijaya']);
  // an address written wrong is named; nothing at all asks for the name
  r = await open({ email: 'tanpa.nama@' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'requester.email');
  r = await open({});
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'requester.name');
});

// A caller who gave only their number: the directory's person with it, else an entry named by it, which
// the name given later with that number renames (one entry, not a twin per call).
test('a requester given by a phone number alone is the directory\'s person with it (in any writing), else one named by it until a name comes with it; a wrong number is named', async () => {
  const open = async (requester) => post('/api/v1/cases', { ...PHONE, subject: 'Telepon saja', requester });
  let r = await open({ name: 'Agus Salim', phone: '0857 1234 5678' });
  assert.equal(r.status, 201, r.text);
  r = await open({ phone: '+62 857-1234-5678' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'Agus Salim');
  const agus = (await get('/api/v1/directory?q=Agus%20Salim')).json.entries;
  assert.equal(agus.length, 1, JSON.stringify(agus));
  // a number the directory does not have: an entry named by it
  r = await open({ phone: '(0285) 421 234' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, '+62285421234');
  r = await open({ phone: '0285-421234' });
  assert.equal(r.json.requester.name, '+62285421234', 'the same entry again');
  // the caller's name given later with that number renames the entry: no twin
  r = await open({ name: 'Wati Susanti', phone: '0285 421234' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'Wati Susanti');
  r = await open({ phone: '0285421234' });
  assert.equal(r.json.requester.name, 'Wati Susanti');
  const byNumber = (await get('/api/v1/directory?q=%2B62285421234')).json.entries;
  assert.deepEqual(byNumber.map((x) => x.name), ['Wati Susanti'], 'one entry, renamed');
  r = await open({ phone: '12345' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'requester.phone');
});

test('the text search finds by the trigram index (3 characters or more) the cases the plain scan finds, in its order and pages, after edits and a rename', async () => {
  const open = async (subject, requester) => {
    const r = await post('/api/v1/cases', { ...PHONE, subject, requester });
    assert.equal(r.status, 201, r.text);
  };
  await open('Akun terkunci 100% sejak_kemarin', { name: 'Ani_Wijaya', org_name: 'PT Sinar Abadi', npwp: '0987654321098765' });
  await open('Dokumen a\\b tidak terbaca', { name: 'Ésa Ökten', email: 'esa@example.com' });
  await open('KATA SANDI lupa lagi', { name: 'Dewi Lestari', org_name: 'CV Maju Jaya', npwp: '0123456789012345' });
  for (let i = 0; i < 5; i++) await open(`Reset kata sandi ke-${i}`, { name: i % 2 ? 'Dewi Lestari' : 'Ani Wijaya', org_name: 'PT Sinar Abadi' });
  const db = join(s.dir, 'loket.db');
  const pattern = (q) => '%' + q.replace(/[%_\\]/g, (c) => '\\' + c).replace(/[A-Z]/g, (c) => c.toLowerCase()) + '%';
  const scan = (q) => {
    const p = pattern(q).replace(/'/g, "''");
    // capitals of A-Z alone, on either engine (PostgreSQL's lower() of the database's locale would lower "É")
    const like = (col) => `lower(${col}${PG ? ' COLLATE "C"' : ''}) LIKE '${p}' ESCAPE '\\'`;
    const r = sqlite(db, `SELECT k.number FROM kasus k WHERE ${like('k.subject')} OR ${like('k.number')} OR ${like('k.requester_name')}`
      + ` OR ${like("coalesce(k.org_given,'')")} OR EXISTS(SELECT 1 FROM party o WHERE o.id=k.org_id AND ${like('o.name')}) ORDER BY k.id DESC`);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  };
  const listed = async (q) => {
    const out = [];
    let before = '';
    for (;;) {
      const r = await get(`/api/v1/cases?limit=2&q=${encodeURIComponent(q)}${before}`);
      assert.equal(r.status, 200, `q ${JSON.stringify(q)}: ${r.text}`);
      out.push(...r.json.cases.map((c) => c.number));
      if (r.json.next_before === null) return out;
      before = `&before=${r.json.next_before}`;
    }
  };
  const same = async (terms) => {
    for (const q of terms) assert.deepEqual(await listed(q), scan(q), `q ${JSON.stringify(q)}`);
  };
  await same(['a', 'ka', 'kat', 'kata sandi', 'KATA', 'sandi spse', 'lpse-2026-0000', '2026-000012', 'budi santoso', 'santoso lupa',
    '100%', '0%', '%', '_', 'i_w', 'k_k', 'a\\b', '\\', 'ésa', 'ÉSA', 'ökten', 'sinar abadi', 'maju', 'jaya cv', 'ke-3', '"', 'a"b',
    'kunci*', 'NEAR(a b)', "o'brien", 'zzzz']);
  assert.ok(scan('kata sandi').length >= 6, 'the common term finds several pages');
  // edits of the searched fields, as a writer would make them: the index follows in the same transaction
  assert.equal(sqlite(db, "UPDATE kasus SET subject='Akun diblokir Zebra', requester_name='Yohanes Q' WHERE subject LIKE 'Akun terkunci%'").status, 0);
  assert.equal(sqlite(db, "UPDATE party SET name='PT Sinar Abadi Sentosa' WHERE name='PT Sinar Abadi'").status, 0);
  await same(['zebra', 'yohanes', 'akun terkunci', 'ani_w', 'sentosa', 'sinar abadi s', 'sinar']);
  assert.doesNotMatch(s.output().stderr, /case_text_trgm is missing/);
});
