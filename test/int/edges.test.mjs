// Cases and the calendar at their edges, each once found by walking Loket as a new user
// would: a "back" after a cancel and reopen, a step number the procedure lacks, the event a
// training is missing, a week left with no hours, holidays past the years the calendar shows,
// and the calendar page given a day that is not one.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession, addUser } from './lib.mjs';

let s, token;
before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-23T08:00:00+07:00' } });
  token = await login(s.url);
});
after(async () => { await s.stop(); });
const post = (path, body) => request(s.url, 'POST', path, { token, body });
const put = (path, body) => request(s.url, 'PUT', path, { token, body });

test('BTG-006: solved at step 9 after a cancel and reopen goes back to step 8, which failed', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'Gagal unggah penawaran',
                                        requester: { name: 'Andi Saputra', org_name: 'CV Karya Mandiri' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'yes'], [5, 'done'], [6, 'no'], [7, 'done'], [8, 'no']]) {
    r = await post(`/api/v1/cases/${n}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, `${no}: ${r.text}`);
  }
  assert.equal(r.json.current_step, 9);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Penyedia pulang dulu' });
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.current_step, 9);
  r = await post(`/api/v1/cases/${n}/steps/9`, { outcome: 'yes' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.current_step, 8);
});

test('a reopened case goes back to who completed its last step, not to who cancelled it, nor to a disabled account', async () => {
  addUser(s.dir, 'wati', 'helpdesk');
  addUser(s.dir, 'yoga', 'helpdesk');
  const wati = await login(s.url, 'wati', 'user-test-password-1');
  const open = async () => {
    const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa sandi', requester: { name: 'Rudi' } });
    assert.equal(r.status, 201, r.text);
    return r.json.number;
  };
  const last = (r) => r.json.steps.at(-1);
  // closed by wati: back to wati, in her list
  let n = await open();
  let r;
  r = await request(s.url, 'GET', `/api/v1/cases/${n}`, { token: wati });
  while (r.json.status === 'open') {
    const no = r.json.current_step;
    r = await request(s.url, 'POST', `/api/v1/cases/${n}/steps/${no}`, { token: wati, body: { outcome: no === 5 ? 'yes' : 'done' } });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(r.json.status, 'closed', r.text);
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.deepEqual([last(r).done_at, last(r).assigned_user], [null, 'wati']);
  const audit = await request(s.url, 'GET', `/api/v1/audit?action=case.reopen&object=${n}`, { token });
  assert.match(audit.json.rows[0].detail, /step \d+ starts again, assigned to wati$/, 'the assignment is in the audit log');
  const mine = await request(s.url, 'GET', '/api/v1/cases?mine=1', { token: wati });
  assert.ok(mine.json.cases.some((c) => c.number === n), 'in wati\'s own list');
  // cancelled at a step assigned to yoga: back to yoga, not to the admin who cancelled
  n = await open();
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'yoga' });
  assert.equal(r.status, 200, r.text);
  const at = r.json.current_step;
  await post(`/api/v1/cases/${n}/cancel`, { reason: 'Tidak jadi' });
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.deepEqual([last(r).no, last(r).assigned_user], [at, 'yoga']);
  // yoga disabled meanwhile: the step goes to its role's queue
  await post(`/api/v1/cases/${n}/cancel`, { reason: 'Tidak jadi lagi' });
  assert.equal((await post('/api/v1/users/yoga/disable', {})).status, 200);
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.equal(last(r).assigned_user, null);
});

test('a step the procedure does not have is 404, whatever its number', async () => {
  const r = await post('/api/v1/cases', { sop: 'SOP 05/LPSE/2012', channel: 'letter', subject: 'Lupa kata sandi',
                                          requester: { name: 'Rina Marlina' } });
  assert.equal(r.status, 201, r.text);
  for (const no of ['999', '7', '0', 'abc']) {
    const x = await post(`/api/v1/cases/${r.json.number}/steps/${no}`, {});
    assert.equal(x.status, 404, `${no}: ${x.text}`);
  }
  const x = await post(`/api/v1/cases/${r.json.number}/steps/2`, {});   // a step it has, not open
  assert.equal(x.status, 409, x.text);
});

test('a training given its start only: the error names its end, which the last session defaults to', async () => {
  const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-005', channel: 'letter', subject: 'Pelatihan SPSE',
                                          requester: { name: 'Bagian Pengadaan' },
                                          events: { training_start: '2026-12-28T08:00:00+07:00' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'events.training_end');
});

test('the last open day of the week cannot be closed: no standard would ever fall due', async () => {
  for (const d of [0, 1, 2, 3, 4, 6]) {
    const r = await put(`/api/v1/calendar/hours/${d}`, { hours: '' });
    assert.equal(r.status, 200, r.text);
  }
  let r = await put('/api/v1/calendar/hours/5', { hours: '' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'hours');
  assert.match(r.json.error.message, /sedikitnya satu hari/);
  r = await request(s.url, 'GET', '/api/v1/calendar', { token });
  assert.deepEqual(r.json.hours.map((h) => h.weekday), [5, 5]);   // Friday kept as it was
  for (const d of [1, 2, 3, 4]) await put(`/api/v1/calendar/hours/${d}`, { hours: '07:30-12:00 13:00-16:00' });
});

test('a weekday closed in words, "closed" or "tutup", as `loket calendar hours "6 closed"` and a period\'s lines write it', async () => {
  let r = await put('/api/v1/calendar/hours/6', { hours: '08:00-12:00' });
  assert.equal(r.status, 200, r.text);
  for (const hours of ['closed', 'Tutup']) {
    r = await put('/api/v1/calendar/hours/6', { hours });
    assert.equal(r.status, 200, `${hours}: ${r.text}`);
    assert.deepEqual(r.json.hours, []);
  }
  r = await request(s.url, 'GET', '/api/v1/calendar', { token });
  assert.ok(!r.json.hours.some((h) => h.weekday === 6), 'Saturday closed');
  r = await put('/api/v1/calendar/hours/6', { hours: 'closed 08:00-12:00' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'hours');
});

test('holidays only in the years the calendar shows (1970 to 2100)', async () => {
  let r = await post('/api/v1/calendar/holidays', { day: '2200-12-08', name: 'Terlalu jauh' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'day');
  r = await post('/api/v1/calendar/holidays', { day: '2100-12-08', name: 'Masih bisa', kind: 'local' });
  assert.equal(r.status, 201, r.text);
  // removing it takes no body, or {}: a member it does not know is 400 and the holiday stays
  r = await request(s.url, 'DELETE', '/api/v1/calendar/holidays/2100-12-08', { token, body: { kind: 'local' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'kind');
  r = await request(s.url, 'GET', '/api/v1/calendar?year=2100', { token });
  assert.deepEqual(r.json.holidays, [{ day: '2100-12-08', name: 'Masih bisa', kind: 'local' }]);
  r = await request(s.url, 'DELETE', '/api/v1/calendar/holidays/2100-12-08', { token, body: {} });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'GET', '/api/v1/calendar?year=2100', { token });
  assert.deepEqual(r.json.holidays, []);
});

test('a holiday name is up to 120 characters, not bytes', async () => {
  let r = await post('/api/v1/calendar/holidays', { day: '2099-12-08', name: 'é'.repeat(120), kind: 'local' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, 'é'.repeat(120));
  r = await post('/api/v1/calendar/holidays', { day: '2099-12-09', name: 'é'.repeat(121), kind: 'local' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'name');
  // renamed without a kind: the day keeps its own (a cuti bersama stays one); a new day is national
  r = await post('/api/v1/calendar/holidays', { day: '2099-12-10', name: 'Cuti bersama', kind: 'cuti_bersama' });
  assert.equal(r.json.kind, 'cuti_bersama');
  r = await post('/api/v1/calendar/holidays', { day: '2099-12-10', name: 'Cuti bersama Natal' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.name, r.json.kind], ['Cuti bersama Natal', 'cuti_bersama']);
  r = await request(s.url, 'GET', '/api/v1/calendar?year=2099', { token });
  assert.equal(r.json.holidays.find((h) => h.day === '2099-12-10').kind, 'cuti_bersama');
  r = await post('/api/v1/calendar/holidays', { day: '2099-12-11', name: 'Baru' });
  assert.equal(r.json.kind, 'national');
});

test('the calendar page given a day that is not one: 400, not a database failure', async () => {
  const w = await webSession(s.url);
  for (const day of ['notadate', '2026-02-30']) {
    const r = await w.post(`/kalender/libur/${day}/hapus`, { csrf: w.csrf });
    assert.equal(r.status, 400, `${day}: ${r.status}`);
  }
});

test('a case cancelled and reopened while its escalation still waits for LKPP is held again; the answer starts its clock', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tender tidak tampil',
                                        requester: { name: 'Dewi Lestari' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  const x = await post(`/api/v1/cases/${n}/escalations`, { title: 'Tender tidak tampil', application: 'SPSE 4.5', type: 'permasalahan',
                                                          description: 'Paket tidak muncul', external_ticket: 'TTS-77' });
  assert.equal(x.status, 201, x.text);
  assert.equal(x.json.paused, true);
  r = await request(s.url, 'GET', `/api/v1/cases/${n}`, { token });
  const held = r.json.steps.at(-1).held_since;
  assert.ok(held, 'held by the escalation');
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Pemohon membatalkan' });
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.equal(r.status, 200, r.text);
  const open = r.json.steps.at(-1);
  assert.equal(open.done_at, null);
  assert.ok(open.held_since, 'the step started again is held: LKPP has not answered');
  r = await request(s.url, 'GET', '/api/v1/cases?overdue=1', { token });
  assert.ok(!r.json.cases.some((c) => c.number === n), 'a held step is not overdue');
  // the answer starts the clock again
  r = await post(`/api/v1/escalations/${x.json.id}/answer`, { answer: 'Sudah diperbaiki di server LKPP' });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'GET', `/api/v1/cases/${n}`, { token });
  assert.equal(r.json.steps.at(-1).held_since, null);
  // reopened again after closing: nothing waits any more, nothing is held
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Selesai lewat LKPP' });
  r = await post(`/api/v1/cases/${n}/reopen`, {});
  assert.equal(r.json.steps.at(-1).held_since, null);
});

test('a directory entry lists its cases with their status in words, not the stored code', async () => {
  const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi',
                                          requester: { name: 'Yohanes Sitompul', nik: '1271011203850002' } });
  assert.equal(r.status, 201, r.text);
  const d = await request(s.url, 'GET', '/api/v1/directory?q=1271011203850002', { token });
  assert.equal(d.json.entries.length, 1, d.text);
  const w = await webSession(s.url);
  const p = await w.get(`/direktori/${d.json.entries[0].id}`);
  assert.equal(p.status, 200);
  assert.match(p.text, new RegExp(`${r.json.number}</a> · Lupa kata sandi · Terbuka</li>`));
});

test('an organisation named otherwise than its NPWP\'s directory entry: the case keeps the name given, the page offers the entry to update', async () => {
  const open = (requester, channel = 'phone') => post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel, subject: 'Tanya akun penyedia', requester });
  let r = await open({ org_name: 'CV Sinar Terang', npwp: '02.345.678.9-012.000' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.org_given, null, 'a new entry takes the name given');
  // renamed from CV to PT, the same NPWP: filed under the entry, the name given kept beside it
  r = await open({ name: 'Dimas Prakoso', org_name: 'PT Sinar Terang Abadi', npwp: '023456789012000' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.org, 'CV Sinar Terang');
  assert.equal(r.json.requester.org_given, 'PT Sinar Terang Abadi');
  const got = await request(s.url, 'GET', `/api/v1/cases/${r.json.number}`, { token });
  assert.equal(got.json.requester.org_given, 'PT Sinar Terang Abadi');
  const orgs = (await request(s.url, 'GET', '/api/v1/directory?q=023456789012000', { token })).json.entries;
  assert.equal(orgs.length, 1, 'no second entry for one NPWP');
  assert.equal(orgs[0].name, 'CV Sinar Terang', 'the directory is not renamed by a case');
  const w = await webSession(s.url);
  const page = await w.get(`/kasus/${r.json.number}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Nama instansi\/perusahaan menurut pemohon: «PT Sinar Terang Abadi»; di direktori: «CV Sinar Terang» · <a href="\/direktori\/\d+">perbarui direktori<\/a>/);
  // the queue's search finds a case by its organisation, under either name
  const renamed = r.json.number;
  for (const [q, where] of [['sinar terang abadi', 'the name given'], ['cv sinar', 'the directory\'s name'],
    ['sinar  terang   abadi', 'its words two and three spaces apart'], ['  cv sinar ', 'spaces around']]) {
    const l = await request(s.url, 'GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token });
    assert.ok(l.json.cases.some((k) => k.number === renamed), `${where}: ${l.text}`);
  }
  for (const path of [`/api/v1/cases?q=abadi&overdue=1`, `/api/v1/cases?q=abadi&mine=1`]) {
    assert.equal((await request(s.url, 'GET', path, { token })).status, 200, path);
  }
  // the same name written otherwise (case, spaces, punctuation) is the same name
  r = await open({ org_name: 'cv.  sinar terang', npwp: '02.345.678.9-012.000' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.org_given, null);
});

test('a requester given with an organisation is linked to it in the directory (when linked to none); a later one does not move them', async () => {
  const open = (requester) => post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tanya jadwal', requester });
  const entry = async (nik) => (await request(s.url, 'GET', `/api/v1/directory?q=${nik}`, { token })).json.entries[0];
  let r = await open({ name: 'Sinta Rahayu', nik: '3325014506900002', org_name: 'CV Baru Jaya' });
  assert.equal(r.status, 201, r.text);
  let e = await entry('3325014506900002');
  assert.equal(e.agency, 'CV Baru Jaya', JSON.stringify(e));
  r = await open({ name: 'Sinta Rahayu', nik: '3325014506900002', org_name: 'PT Lain Lagi' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await entry('3325014506900002')).agency, 'CV Baru Jaya', 'the first link stays');
  // known without one: linked by the next case that names where they work
  r = await open({ name: 'Rudi Hartono', nik: '3325011002880003' });
  assert.equal(r.status, 201, r.text);
  assert.ok(!(await entry('3325011002880003')).agency);
  r = await open({ name: 'Rudi Hartono', nik: '3325011002880003', org_name: 'CV Baru Jaya' });
  assert.equal(r.status, 201, r.text);
  e = await entry('3325011002880003');
  assert.equal(e.agency, 'CV Baru Jaya');
  const org = (await request(s.url, 'GET', `/api/v1/directory?q=${encodeURIComponent('CV Baru Jaya')}&kind=org`, { token })).json.entries;
  assert.equal(org.length, 1, 'one entry for the organisation');
  const members = (await request(s.url, 'GET', `/api/v1/directory?agency=${org[0].id}`, { token })).json.entries.map((x) => x.name).sort();
  assert.deepEqual(members, ['Rudi Hartono', 'Sinta Rahayu']);
});

test('a 404 for a path that names one thing names it as the field; one naming two things, the one not found', async () => {
  for (const [path, field] of [['/api/v1/users/tidak-ada', 'username'], ['/api/v1/kb/99999', 'id'],
    ['/api/v1/trainings/99999', 'id'], ['/api/v1/cases/LPSE-2026-999999', 'number']]) {
    const r = await request(s.url, 'GET', path, { token });
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.json.error.code, 'not_found');
    assert.equal(r.json.error.field, field, `${path}: ${r.text}`);
  }
  // two parameters: the handler says which (the case here), never a guess
  const r = await request(s.url, 'POST', '/api/v1/cases/LPSE-2026-999999/steps/1', { token, body: { outcome: 'done' } });
  assert.equal(r.status, 404, r.text);
  assert.notEqual(r.json.error.field, 'no', r.text);
  // no route at all: nothing to name
  const none = await request(s.url, 'GET', '/api/v1/tidak-ada', { token });
  assert.equal(none.status, 404);
  assert.equal(none.json.error.field, undefined);
});
