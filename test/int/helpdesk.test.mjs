// Issue 5, the help desk: the phone desk (BTG-017), counter and e-mail (OI-02), the bidding
// room (BTG-006) and .rhs bid files (OI-06), each walked through HTTP along every branch of
// its procedure with its own endpoints, the recorded clocks checked; escalation to LKPP inside
// one deployment across two offices, and to an external LKPP ticket with the clock paused.
//
// Server A runs on a frozen clock (LOKET_TEST_NOW) at Monday 5 January 2026, 08:00 WIB
// (01:00Z), a working day of the default calendar (Mon–Thu 07:30–12:00, 13:00–16:00), with a
// second office LKPP named as the national helpdesk (national_office = LKPP). Due times
// are worked by hand from sop/*.sop as in walk.test.mjs: `Nmin office` from 08:00 is 08:00 + N.
// Server B runs on the real clock without a national office: the phone's 10-second answer
// standard is breached there by waiting, and escalation records LKPP's ticket number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, initData, request, login, addUser, cli, sqlite, sleep, webSession } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';
const T0 = '2026-01-05T01:00:00Z';
const at = (hhmmss) => `2026-01-05T${hhmmss}Z`;
const PW = 'user-test-password-1';

let A, B, tokA, tokB, tokLkpp, tokTrainer, rhsNumber;

before(async () => {
  const dir = initData();
  assert.equal(cli(['office', 'add', 'LKPP', '--name', 'Helpdesk LKPP', '--data', dir]).status, 0);
  assert.equal(cli(['user', 'add', 'nasional', '--office', 'LKPP', '--role', 'helpdesk', '--data', dir], { env: { LOKET_PASSWORD: PW } }).status, 0);
  assert.equal(cli(['user', 'add', 'tina', '--role', 'trainer', '--name', 'Tina Trainer', '--data', dir], { env: { LOKET_PASSWORD: PW } }).status, 0);
  assert.equal(cli(['user', 'add', 'hana', '--role', 'helpdesk', '--name', 'Hana Helpdesk', '--data', dir], { env: { LOKET_PASSWORD: PW } }).status, 0);
  assert.equal(cli(['user', 'add', 'direk', '--role', 'pengarah', '--name', 'Pak Direktur', '--data', dir], { env: { LOKET_PASSWORD: PW } }).status, 0);
  A = await startServer({ dir, conf: 'national_office = LKPP\n', env: { LOKET_TEST_NOW: NOW } });
  B = await startServer();
  tokA = await login(A.url);
  tokB = await login(B.url);
  tokLkpp = await login(A.url, 'nasional', PW);
  tokTrainer = await login(A.url, 'tina', PW);
});
after(async () => { await A?.stop(); await B?.stop(); });

const api = (srv, token) => ({
  get: (p) => request(srv.url, 'GET', p, { token }),
  post: (p, body) => request(srv.url, 'POST', p, { token, body: body ?? {} }),
});
const a = () => api(A, tokA);
const b = () => api(B, tokB);

// Assert a case's recorded steps: [no, outcome, started_at, done_at, due_at, met] each.
function assertSteps(kase, want) {
  const got = kase.steps.map((s) => [s.no, s.outcome, s.started_at, s.done_at, s.due_at, s.met]);
  assert.deepEqual(got, want);
}

// ---- BTG-017: the phone desk ----

test('BTG-017 5 yes → 6 → 7: answered on the phone, the form archived, the case closed, the call\'s own moments kept', async () => {
  const st = await a().get('/api/v1/phone/stamp');
  assert.equal(st.status, 200);
  assert.equal(st.json.arrived_at, T0);
  const call = await a().post('/api/v1/phone/calls', { stamp: st.json.stamp });
  assert.equal(call.status, 201, call.text);
  assert.equal(call.json.status, 'answered');
  assert.equal(call.json.answer_seconds, 0);
  const fin = await a().post(`/api/v1/phone/calls/${call.json.id}/finish`, {
    requester: { name: 'Budi Santoso', email: 'budi@example.co.id', organization: 'CV Maju Jaya', npwp: '01.234.567.8-901.000' },
    question: 'Bagaimana cara mengunggah dokumen kualifikasi?',
    answer: 'Melalui menu Data Kualifikasi, lalu unggah dokumen pendukung.',
  });
  assert.equal(fin.status, 200, fin.text);
  assert.equal(fin.json.status, 'solved');
  assert.equal(fin.json.consultation_form, 'KF-2026-0001');
  assert.equal(fin.json.ticket, null);
  const k = (await a().get(`/api/v1/cases/${fin.json.case}`)).json;
  assert.equal(k.sop, 'SOP-LPSE.BTG-017');
  assert.equal(k.channel, 'phone');
  assert.equal(k.status, 'closed');
  assertSteps(k, [
    [1, 'done', T0, T0, null, null],
    [2, 'done', T0, T0, at('01:00:10'), true],          // 10s real
    [3, 'done', T0, T0, at('01:02:00'), true],          // 2min office
    [4, 'done', T0, T0, null, null],
    [5, 'yes', T0, T0, null, null],
    [6, 'done', T0, T0, null, null],
    [7, 'done', T0, T0, at('01:10:00'), true],          // 10min office
  ]);
  assert.equal(k.steps[2].note, 'Formulir konsultasi KF-2026-0001');
  assert.match(k.steps[5].note, /Data Kualifikasi/);
  const kf = (await a().get('/api/v1/registers/consultation')).json.entries[0];
  assert.equal(kf.number, 'KF-2026-0001');
  assert.equal(kf.case_number, fin.json.case);
  assert.equal(kf.asked_at, T0);
  assert.match(kf.answer, /Data Kualifikasi/);
  const ar = (await a().get('/api/v1/registers/archive')).json.entries[0];
  assert.equal(ar.case_number, fin.json.case);
  assert.equal(ar.title, 'Formulir konsultasi KF-2026-0001');
  assert.equal(ar.retain_until, '2028-01-05');
  // a call is written up once
  const again = await a().post(`/api/v1/phone/calls/${call.json.id}/finish`, { requester: { name: 'X' }, question: 'Y', answer: 'Z' });
  assert.equal(again.status, 409);
});

test('BTG-017 5 no → 8: a consultation-form number and a ticket (an OI-02 case), the priority from the table, the caller told', async () => {
  const st = await a().get('/api/v1/phone/stamp');
  const call = await a().post('/api/v1/phone/calls', { stamp: st.json.stamp });
  const fin = await a().post(`/api/v1/phone/calls/${call.json.id}/finish`, {
    requester: { name: 'Budi Santoso', email: 'budi@example.co.id' },
    question: 'Server error 500 setiap mengunggah penawaran',
    urgency: 'mendesak', impact: 'besar',
  });
  assert.equal(fin.status, 200, fin.text);
  assert.equal(fin.json.status, 'ticket');
  assert.equal(fin.json.consultation_form, 'KF-2026-0002');
  const phone = (await a().get(`/api/v1/cases/${fin.json.case}`)).json;
  assert.equal(phone.status, 'closed');
  assert.deepEqual(phone.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'done'], [3, 'done'], [4, 'done'], [5, 'no'], [8, 'done']]);
  assert.equal(phone.steps[5].due_at, at('01:10:00'));
  assert.equal(phone.steps[5].note, `Formulir konsultasi KF-2026-0002; tiket ${fin.json.ticket}`);
  // a note Loket wrote itself is read in the answer's language (kept as its message and values)
  const phoneEn = (await a().get(`/api/v1/cases/${fin.json.case}?lang=en`)).json;
  assert.equal(phoneEn.steps[5].note, `Consultation form KF-2026-0002; ticket ${fin.json.ticket}`);
  assert.equal((await a().get(`/api/v1/cases/${fin.json.ticket}?lang=en`)).json.steps[0].note,
    `From call ${fin.json.case}, consultation form KF-2026-0002`);
  const ticket = (await a().get(`/api/v1/cases/${fin.json.ticket}`)).json;
  assert.equal(ticket.sop, 'SOP 02/LPSE.OI/2012');
  assert.equal(ticket.status, 'open');
  assert.equal(ticket.priority, 'tinggi');                  // mendesak × besar in the default table
  assert.equal(ticket.response_due_at, at('02:00:00'));     // tinggi: 1 office hour
  assert.equal(ticket.current_step, 2);
  assert.match(ticket.steps[0].note, /Dari telepon/);
  const mail = sqlite(join(A.dir, 'loket.db'), `SELECT to_addr, subject FROM outbox WHERE subject LIKE 'Nomor tiket%'`);
  assert.equal(mail.stdout.trim(), `budi@example.co.id|Nomor tiket Anda: ${fin.json.ticket}`);
});

test('BTG-017: caller lookup by name, NPWP (with or without dots), e-mail and phone, with the earlier cases', async () => {
  for (const q of ['budi', 'BUDI SANTOSO', 'budi@example.co.id', '012345678901000', '01.234.567.8-901.000']) {
    const r = await a().get(`/api/v1/parties?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.ok(r.json.parties.length >= 1, q);
    const p = r.json.parties.find((x) => x.cases.length);
    assert.ok(p, q);
  }
  const r = await a().get('/api/v1/parties?q=budi');
  const budi = r.json.parties.find((x) => x.kind === 'person');
  assert.equal(budi.cases.length, 3);                       // two phone cases and the ticket
  assert.deepEqual(budi.cases.map((c) => c.sop), ['SOP 02/LPSE.OI/2012', 'SOP-LPSE.BTG-017', 'SOP-LPSE.BTG-017']);
  const none = await a().get('/api/v1/parties?q=tidak-ada-orang');
  assert.deepEqual(none.json.parties, []);
});

test('BTG-017: a forged or foreign stamp is refused; a missed call is recorded; the recap counts per day and month', async () => {
  const st = await a().get('/api/v1/phone/stamp');
  const forged = st.json.stamp.replace(/\.[0-9a-f]{64}$/, '.' + '0'.repeat(64));
  let r = await a().post('/api/v1/phone/calls', { stamp: forged });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'stamp');
  r = await api(A, tokTrainer).post('/api/v1/phone/calls', { stamp: st.json.stamp });   // another user's form
  assert.equal(r.status, 400);
  r = await a().post('/api/v1/phone/calls', { stamp: st.json.stamp, missed: true });
  assert.equal(r.status, 201);
  assert.equal(r.json.status, 'missed');
  const recap = await a().get('/api/v1/phone/recap?month=2026-01');
  assert.equal(recap.status, 200);
  assert.deepEqual(recap.json.days, [{ day: '2026-01-05', calls: 3, missed: 1, answered: 2, answered_in_standard: 2, solved: 1, ticket: 1, answer_seconds_avg: 0 }]);
  assert.equal(recap.json.total.calls, 3);
  assert.equal((await a().get('/api/v1/phone/recap?month=2026-02')).json.total.calls, 0);
  assert.equal((await a().get('/api/v1/phone/recap?month=2026-13')).status, 400);
  const list = await a().get('/api/v1/phone/calls?from=2026-01-05');
  assert.deepEqual(list.json.calls.map((c) => c.status), ['solved', 'ticket', 'missed']);
  // the same day as from and to is that day; to before from is named, not an empty list
  assert.equal((await a().get('/api/v1/phone/calls?from=2026-01-05&to=2026-01-05')).json.calls.length, 3);
  const swapped = await a().get('/api/v1/phone/calls?from=2026-01-06&to=2026-01-05');
  assert.equal(swapped.status, 400, swapped.text);
  assert.equal(swapped.json.error.field, 'to');
});

test('BTG-017 on the real clock: picked up after 11 s, the answer standard (10 s) is breached and the recap says so', async () => {
  const st = await b().get('/api/v1/phone/stamp');
  await sleep(11200);
  const call = await b().post('/api/v1/phone/calls', { stamp: st.json.stamp });
  assert.equal(call.status, 201);
  assert.ok(call.json.answer_seconds >= 11 && call.json.answer_seconds <= 13, String(call.json.answer_seconds));
  const fin = await b().post(`/api/v1/phone/calls/${call.json.id}/finish`, {
    requester: { name: 'Sari' }, question: 'Jadwal pelatihan?', answer: 'Setiap Selasa.',
  });
  const k = (await b().get(`/api/v1/cases/${fin.json.case}`)).json;
  assert.equal(k.steps[1].no, 2);
  assert.equal(k.steps[1].met, false);
  assert.equal(Date.parse(k.steps[1].done_at) - Date.parse(k.steps[1].started_at), call.json.answer_seconds * 1000);
  assert.equal(Date.parse(k.steps[1].due_at) - Date.parse(k.steps[1].started_at), 10000);
  const month = st.json.arrived_at.slice(0, 7);
  const recap = (await b().get(`/api/v1/phone/recap?month=${month}`)).json;
  assert.equal(recap.total.answered, 1);
  assert.equal(recap.total.answered_in_standard, 0);
});

test('BTG-017: a call picked up by one and written up by a colleague names each for their step; the audit, the writer', async () => {
  const hana = api(A, await login(A.url, 'hana', PW));
  const st = await hana.get('/api/v1/phone/stamp');
  const call = await hana.post('/api/v1/phone/calls', { stamp: st.json.stamp });
  assert.equal(call.status, 201, call.text);
  const fin = await a().post(`/api/v1/phone/calls/${call.json.id}/finish`, {
    requester: { name: 'Rudi' }, question: 'Bagaimana mengganti e-mail akun?', answer: 'Ajukan lewat formulir perubahan data.',
  });
  assert.equal(fin.status, 200, fin.text);
  const k = (await a().get(`/api/v1/cases/${fin.json.case}`)).json;
  assert.deepEqual(k.steps.slice(1, 3).map((x) => [x.no, x.by]), [[2, 'hana'], [3, 'admin']]);
  // the audit as the API reads it (on SQLite and PostgreSQL alike)
  const audit = async (action, object) => (await a().get(`/api/v1/audit?action=${action}&object=${encodeURIComponent(object)}`)).json.rows;
  const finished = await audit('phone.finish', `phone_call:${call.json.id}`);
  assert.equal(finished.length, 1);
  assert.equal(finished[0].actor, 'admin');
  assert.match(finished[0].detail, /^case .*; picked up by hana$/);
  assert.deepEqual([...new Set((await audit('case.step', fin.json.case)).map((x) => x.actor))], ['admin']);
  // picked up and written up by one: no such words
  const st2 = await hana.get('/api/v1/phone/stamp');
  const call2 = await hana.post('/api/v1/phone/calls', { stamp: st2.json.stamp });
  const fin2 = await hana.post(`/api/v1/phone/calls/${call2.json.id}/finish`, { requester: { name: 'Rudi' }, question: 'Lagi?', answer: 'Ya.' });
  assert.equal(fin2.status, 200, fin2.text);
  assert.doesNotMatch((await audit('phone.finish', `phone_call:${call2.json.id}`))[0].detail, /picked up/);
  assert.deepEqual((await a().get(`/api/v1/cases/${fin2.json.case}`)).json.steps.slice(1, 3).map((x) => x.by), ['hana', 'hana']);
});

// ---- OI-02: counter and e-mail ----

test('OI-02 2 yes → 3: a walk-in from the guest book answered at the counter', async () => {
  const g = await a().post('/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', phone: '081234567890', purpose: 'Tanya cara daftar akun penyedia' });
  assert.equal(g.status, 201);
  const r = await a().post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'walk_in');
  assert.equal(r.json.subject, 'Tanya cara daftar akun penyedia');
  assert.equal(r.json.current_step, 2);
  assert.equal(r.json.steps[0].note, `Buku tamu #${g.json.id}`);
  const walkEn = await a().get(`/api/v1/cases/${r.json.number}?lang=en`);
  assert.equal(walkEn.json.steps[0].note, `Guest book #${g.json.id}`);
  assert.equal(r.json.steps[1].due_at, at('01:10:00'));      // 10min office
  const gb = (await a().get('/api/v1/registers/guest-book')).json.entries.find((e) => e.id === g.json.id);
  assert.equal(gb.case_number, r.json.number);
  assert.equal((await a().post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id })).status, 409);
  // a guest who arrived earlier: the question came then, and the help desk's 10 minutes run from then
  const g2 = await a().post('/api/v1/registers/guest-book', { name: 'Joko', purpose: 'Tanya jadwal', arrived_at: '2026-01-05T07:50' });
  assert.equal(g2.status, 201, g2.text);
  const r2 = await a().post('/api/v1/helpdesk/walk-in', { guest_id: g2.json.id });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.opened_at, '2026-01-05T00:50:00Z');
  assert.deepEqual([r2.json.steps[0].started_at, r2.json.steps[0].done_at, r2.json.steps[1].started_at],
    ['2026-01-05T00:50:00Z', '2026-01-05T00:50:00Z', '2026-01-05T00:50:00Z']);
  assert.equal(r2.json.steps[1].due_at, '2026-01-05T01:00:00Z');
  let s = await a().post(`/api/v1/cases/${r.json.number}/steps/2`, { outcome: 'yes' });
  assert.equal(s.json.current_step, 3);
  assert.equal(s.json.steps[2].due_at, at('01:25:00'));      // 25min office
  s = await a().post(`/api/v1/cases/${r.json.number}/steps/3`, { outcome: 'done', note: 'Dijelaskan langsung' });
  assert.equal(s.json.status, 'closed');
});

test('OI-02 2 no → 4 → 5: an e-mail entered with the message attached, handed over to ULP with a disposition and a due time, their answer recorded', async () => {
  const text = 'From: Andi Wijaya <andi@example.com>\nSubject: Lupa user ID Pokja\nDate: Mon, 5 Jan 2026 07:55:00 +0700\n\nMohon bantuan, saya lupa user ID.\n';
  const r = await a().post('/api/v1/helpdesk/email', { text });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'email');
  assert.equal(r.json.subject, 'Lupa user ID Pokja');
  assert.equal(r.json.requester.name, 'Andi Wijaya');
  const att = (await a().get(`/api/v1/cases/${r.json.number}/attachments`)).json.attachments;
  assert.equal(att.length, 1);
  assert.equal(att[0].name, 'pesan-email.eml');
  assert.equal(att[0].size, Buffer.byteLength(text));
  const h = await a().post(`/api/v1/cases/${r.json.number}/handovers`, { party_kind: 'ulp', party_name: 'Pokja Pemilihan 3', due_days: 2, instruction: 'Mohon reset user ID' });
  assert.equal(h.status, 201, h.text);
  // 2 working days of 7.5 office hours from Mon 08:00: Mon 7 h, Tue 7.5 h, Wed 07:30 + 0.5 h = 08:00
  assert.equal(h.json.due_at, '2026-01-07T01:00:00Z');
  // step 4 is the handing over (5 minutes, met); step 5 waits for the other party, its clock held
  let k = (await a().get(`/api/v1/cases/${r.json.number}`)).json;
  assert.deepEqual(k.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'no'], [4, 'done'], [5, null]]);
  assert.equal(k.steps[2].met, true);
  assert.match(k.steps[2].note, /Serahkan kepada ULP\/UKPBJ Pokja Pemilihan 3/);
  assert.notEqual(k.steps[3].held_since, null, JSON.stringify(k.steps[3]));
  const listed = (await a().get('/api/v1/cases?overdue=1')).json.cases.map((x) => x.number);
  assert.ok(!listed.includes(r.json.number), 'a held step is not overdue');
  // step 5 answers through the FAQ with the other party's answer: it waits for it, on the API and the case page
  const early = await a().post(`/api/v1/cases/${r.json.number}/steps/5`, { note: 'Dijawab sebelum ULP menjawab' });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.error.field, 'handovers');
  assert.equal(early.json.error.message, 'Pertanyaan masih menunggu jawaban pihak yang menerima penyerahannya: catat dulu jawaban mereka pada penyerahan itu');
  assert.equal((await a().get(`/api/v1/cases/${r.json.number}`)).json.current_step, 5, 'nothing moved');
  const web = await webSession(A.url);
  const page = (await web.get(`/kasus/${r.json.number}`)).text;
  const step5 = page.match(/<li[^>]*id="langkah-5"[^>]*>(.*?)<\/li>/s)[1];
  assert.match(step5, /<p class="step-owner no-print" id="step-owner">Pertanyaan masih menunggu jawaban pihak yang menerima penyerahannya/);
  assert.doesNotMatch(step5, /name="outcome"/, 'no step form to be refused');
  const posted = await web.post(`/kasus/${r.json.number}/langkah/5`, { csrf: web.csrf, outcome: 'done', note: 'Dijawab' });
  assert.equal(posted.status, 409, 'the page\'s form refused as the API');
  const disp = (await a().get('/api/v1/registers/disposition')).json.entries[0];
  assert.equal(disp.case_number, r.json.number);
  assert.equal(disp.due_at, '2026-01-07T01:00:00Z');
  assert.match(disp.instruction, /ULP\/UKPBJ Pokja Pemilihan 3/);
  assert.equal(disp.done_at, null);
  const ans = await a().post(`/api/v1/cases/${r.json.number}/handovers/${h.json.id}/answer`, { answer: 'User ID sudah direset oleh ULP' });
  assert.equal(ans.status, 200, ans.text);
  assert.equal(ans.json.current_step, 5);
  assert.equal(ans.json.steps[3].held_since, null, 'the answer came: step 5\'s clock runs again');
  const hs = (await a().get(`/api/v1/cases/${r.json.number}/handovers`)).json.handovers;
  assert.equal(hs[0].answer, 'User ID sudah direset oleh ULP');
  assert.equal((await a().get('/api/v1/registers/disposition')).json.entries[0].done_at, T0);
  const twice = await a().post(`/api/v1/cases/${r.json.number}/handovers/${h.json.id}/answer`, { answer: 'lagi' });
  assert.equal(twice.status, 409, twice.text);   // answered already: the hand-over is there, its answer too
  assert.equal(twice.json.error.field, 'id');
  assert.equal((await a().post(`/api/v1/cases/${r.json.number}/handovers/999999/answer`, { answer: 'lagi' })).status, 404);
  k = (await a().post(`/api/v1/cases/${r.json.number}/steps/5`, { note: 'Dijawab melalui FAQ' })).json;
  assert.equal(k.status, 'closed');
});

test('OI-02: a hand-over with both due_at and due_days is refused, nothing written; the callers and the board refuse an unknown query parameter', async () => {
  const r = await b().post('/api/v1/helpdesk/email', { text: 'From: Rina <rina@example.com>\nSubject: Jadwal\n\nKapan jadwalnya?\n' });
  assert.equal(r.status, 201, r.text);
  const h = await b().post(`/api/v1/cases/${r.json.number}/handovers`,
    { party_kind: 'skpd', party_name: 'Dinas PU', due_days: 2, due_at: '2030-01-01T00:00:00Z' });
  assert.equal(h.status, 400, h.text);
  assert.equal(h.json.error.field, 'due_days');
  assert.deepEqual((await b().get(`/api/v1/cases/${r.json.number}/handovers`)).json.handovers, []);
  assert.equal((await b().get(`/api/v1/cases/${r.json.number}`)).json.current_step, 2, 'the case did not move');
  let x = await b().get('/api/v1/parties?q=rina&limit=5');
  assert.equal(x.status, 400, x.text);
  assert.equal(x.json.error.field, 'limit');
  x = await b().get('/api/v1/parties?q=rina%40example.com');
  assert.equal(x.json.parties[0].name, 'Rina');
  x = await b().get('/api/v1/bidding-room?trainer=admin');
  assert.equal(x.status, 400, x.text);
  assert.equal(x.json.error.field, 'trainer');
  assert.equal((await b().get('/api/v1/bidding-room?lang=en')).status, 200);
});

test('a case\'s hand-overs and escalations take no query parameter but lang: another is 400 naming it', async () => {
  const r = await b().post('/api/v1/helpdesk/email', { text: 'From: Rudi <rudi@example.com>\nSubject: Akun\n\nTerkunci\n' });
  assert.equal(r.status, 201, r.text);
  for (const what of ['handovers', 'escalations']) {
    let x = await b().get(`/api/v1/cases/${r.json.number}/${what}?status=open`);
    assert.equal(x.status, 400, `${what}: ${x.text}`);
    assert.equal(x.json.error.field, 'status');
    x = await b().get(`/api/v1/cases/${r.json.number}/${what}?lang=en`);
    assert.equal(x.status, 200, `${what}: ${x.text}`);
  }
});

test('a walk-in and a bidding-room visit name their own request fields when the contact is wrong (email, npwp, phone), nothing opened', async () => {
  const g = await b().post('/api/v1/registers/guest-book', { name: 'Tono', organisation: 'CV Tono', purpose: 'Tanya akun' });
  assert.equal(g.status, 201, g.text);
  const before = (await b().get('/api/v1/cases')).json.cases.length;
  let r = await b().post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id, email: 'bukan-surel' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'email');
  for (const [k, v] of [['email', 'bukan-surel'], ['npwp', '123'], ['phone', '12']]) {
    r = await b().post('/api/v1/bidding-room', { name: 'Rina', [k]: v });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, k);
  }
  assert.equal((await b().get('/api/v1/cases')).json.cases.length, before, 'no case opened');
});

test('OI-02: two hand-overs — step 5 waits for both; the first answer keeps the hold, the last ends it', async () => {
  const r = await a().post('/api/v1/helpdesk/email', { text: 'From: Nita <nita@example.com>\nSubject: Paket tidak tampil\n\nPaket saya tidak tampil.' });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  const h1 = await a().post(`/api/v1/cases/${n}/handovers`, { party_kind: 'ulp', party_name: 'Pokja 1', due_days: 2 });
  assert.equal(h1.status, 201, h1.text);
  const h2 = await a().post(`/api/v1/cases/${n}/handovers`, { party_kind: 'skpd', party_name: 'Dinas PU', due_days: 2 });
  assert.equal(h2.status, 201, h2.text);
  let k = (await a().get(`/api/v1/cases/${n}`)).json;
  assert.deepEqual(k.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'no'], [4, 'done'], [5, null]]);
  let ans = await a().post(`/api/v1/cases/${n}/handovers/${h1.json.id}/answer`, { answer: 'Dari Pokja: sudah tayang' });
  assert.equal(ans.status, 200, ans.text);
  assert.notEqual(ans.json.steps[3].held_since, null, 'Dinas PU has not answered yet');
  const early = await a().post(`/api/v1/cases/${n}/steps/5`, { note: 'Dijawab' });
  assert.equal(early.status, 409, 'Dinas PU has not answered yet: step 5 waits');
  ans = await a().post(`/api/v1/cases/${n}/handovers/${h2.json.id}/answer`, { answer: 'Dari Dinas PU: benar' });
  assert.equal(ans.json.steps[3].held_since, null);
  k = (await a().post(`/api/v1/cases/${n}/steps/5`, { note: 'Dijawab' })).json;
  assert.equal(k.status, 'closed');
});

test('OI-02: the message as an .eml file (multipart); bad input named', async () => {
  const eml = 'From: "Dewi" <dewi@example.org>\r\nSubject: Jadwal verifikasi\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nKapan jadwal verifikasi?\r\n';
  const fd = new FormData();
  fd.append('message', new Blob([eml]), 'pertanyaan.eml');
  const res = await fetch(A.url + '/api/v1/helpdesk/email', { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: fd });
  const j = await res.json();
  assert.equal(res.status, 201, JSON.stringify(j));
  assert.equal(j.subject, 'Jadwal verifikasi');
  const att = (await a().get(`/api/v1/cases/${j.number}/attachments`)).json.attachments;
  assert.equal(att[0].name, 'pertanyaan.eml');
  assert.equal(att[0].mime, 'message/rfc822');
  // a name and a subject that are not ASCII come as RFC 2047 encoded-words: read as UTF-8
  const enc = 'From: =?UTF-8?Q?Sri_Rahay=C3=BA?= <sri@example.org>\r\nSubject: =?UTF-8?B?VGlkYWsgYmlzYSB1bmdnYWgg4oCU?=\r\n'
    + ' =?ISO-8859-1?Q?_dokumen_penawaran_=E9?=\r\n\r\nMohon bantuan.\r\n';
  const d = await a().post('/api/v1/helpdesk/email', { text: enc });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json.subject, 'Tidak bisa unggah — dokumen penawaran é');
  assert.equal(d.json.requester.name, 'Sri Rahayú');
  // a subject longer than a case's 200 characters is cut, marked with …
  const long = await a().post('/api/v1/helpdesk/email', { text: `From: x@example.org\nSubject: ${'é'.repeat(250)}\n\nisi` });
  assert.equal(long.status, 201, long.text);
  assert.equal([...long.json.subject].length, 200);
  assert.ok(long.json.subject.endsWith('é…'));
  // a message whose first header is not From:/Date: (libmagic calls it text) is still an e-mail
  for (const first of ['To: helpdesk@lpse.go.id', 'MIME-Version: 1.0', 'Message-ID: <x1@example.org>', 'X-Mailer: Thunderbird']) {
    const t = await a().post('/api/v1/helpdesk/email', { text: `${first}\nfrom: Eko <eko@example.org>\nSUBJECT: Akun terkunci\n\nTolong dibuka.\n` });
    assert.equal(t.status, 201, `${first}: ${t.text}`);
    assert.equal(t.json.subject, 'Akun terkunci');
    assert.equal(t.json.requester.name, 'Eko');
  }
  // a message holding a program: kept without it, a note on the case naming it; the same .eml
  // attached to a case as a file is refused whole (a mail program would offer the program)
  const exe = Buffer.concat([Buffer.from('4d5a9000030000000400', 'hex'), Buffer.alloc(0x76), Buffer.from('504500004c01', 'hex'), Buffer.alloc(200)]);
  exe.writeUInt32LE(0x80, 0x3c);
  const withExe = `From: Dewi <dewi@example.org>\r\nSubject: Berkas pembaruan\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n`
    + `--x\r\nContent-Type: text/plain\r\n\r\nLihat lampiran.\r\n--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="pembaruan.exe"\r\n`
    + `Content-Transfer-Encoding: base64\r\n\r\n${exe.toString('base64')}\r\n--x--\r\n`;
  const fe = new FormData();
  fe.append('message', new Blob([withExe]), 'berkas.eml');
  const fer = await fetch(A.url + '/api/v1/helpdesk/email', { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: fe });
  const fej = await fer.json();
  assert.equal(fer.status, 201, JSON.stringify(fej));
  const featt = (await a().get(`/api/v1/cases/${fej.number}/attachments`)).json.attachments;
  assert.deepEqual(featt.map((x) => x.name), ['berkas.eml']);
  const kept = await (await fetch(A.url + `/api/v1/cases/${fej.number}/attachments/${featt[0].id}`, { headers: { Authorization: `Bearer ${tokA}` } })).text();
  assert.ok(kept.includes('Lihat lampiran.') && !kept.includes(exe.toString('base64').slice(0, 24)), kept);
  assert.match(kept, /\[Loket: the attachment "pembaruan\.exe" was left out of this message/);
  const fen = (await a().get(`/api/v1/cases/${fej.number}/notes?lang=en`)).json.notes;
  assert.equal(fen.length, 1);
  assert.match(fen[0].body, /^The file "pembaruan\.exe" \(application\/[^)]+\) in the e-mail was left out: files of this type are not accepted as a case's attachment\./);
  assert.equal(fen[0].created_by, 'system');
  const direct = new FormData();
  direct.append('file', new Blob([withExe]), 'berkas.eml');
  const dr = await fetch(A.url + `/api/v1/cases/${fej.number}/attachments?lang=en`, { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: direct });
  const drj = await dr.json();
  assert.equal(dr.status, 415, JSON.stringify(drj));
  assert.deepEqual([drj.error.field, drj.error.message], ['file', 'The e-mail holds a file of a type not accepted, or a part that cannot be read: attach the message without it']);
  assert.equal((await a().get(`/api/v1/cases/${fej.number}/attachments`)).json.attachments.length, 1, 'nothing added');
  const up = new FormData();
  up.append('message', new Blob(['MIME-Version: 1.0\r\nFrom: eko@example.org\r\nSubject: Dari berkas\r\n\r\nIsi\r\n']), 'surat.eml');
  const upr = await fetch(A.url + '/api/v1/helpdesk/email', { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: up });
  assert.equal(upr.status, 201, await upr.text());
  // no Subject: the first line of the text; none at all: "(tanpa subjek)"
  let ns = await a().post('/api/v1/helpdesk/email', { text: 'From: eko@example.org\n\n\n  Bagaimana cara reset?\nTerima kasih' });
  assert.equal(ns.json.subject, 'Bagaimana cara reset?');
  ns = await a().post('/api/v1/helpdesk/email', { text: 'From: eko@example.org\n\n' });
  assert.equal(ns.json.subject, '(tanpa subjek)');
  // the fields are named as the request named them
  let bad = await a().post('/api/v1/helpdesk/email', { text: 'From: bukan-alamat\nSubject: x\n\ny' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'from_email');
  bad = await a().post('/api/v1/helpdesk/email', { text: 'Subject: x\n\ny', from_email: 'bukan' });
  assert.equal(bad.json.error.field, 'from_email');
  const wrong = new FormData();
  wrong.append('file', new Blob(['From: a@example.org\r\n\r\nx']), 'x.eml');
  let wr = await fetch(A.url + '/api/v1/helpdesk/email', { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: wrong });
  assert.equal(wr.status, 400);
  assert.equal((await wr.json()).error.field, 'file', 'a field the form does not have is named');
  const empty = new FormData();
  empty.append('message', new Blob(['']), 'kosong.eml');
  wr = await fetch(A.url + '/api/v1/helpdesk/email', { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: empty });
  assert.equal(wr.status, 400);
  assert.equal((await wr.json()).error.field, 'message');
  let r = await a().post('/api/v1/helpdesk/email', { text: 'tanpa header' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'from_email');
  r = await a().post(`/api/v1/cases/${j.number}/handovers`, { party_kind: 'dinas', party_name: 'X', due_days: 1 });
  assert.equal(r.json.error.field, 'party_kind');
  r = await a().post(`/api/v1/cases/${j.number}/handovers`, { party_kind: 'skpd', party_name: 'Dinas PU' });
  assert.equal(r.json.error.field, 'due_days');
  // out of range: the message names the range
  r = await a().post(`/api/v1/cases/${j.number}/handovers`, { party_kind: 'skpd', party_name: 'Dinas PU', due_days: 61 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'due_days');
  assert.match(r.json.error.message, /^due_days harus bilangan bulat 1–60$/);
  r = await a().post('/api/v1/helpdesk/walk-in', { guest_id: 0, subject: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'guest_id');
  assert.match(r.json.error.message, /^guest_id harus bilangan bulat ≥ 1$/);
});

// ---- BTG-006: the bidding room ----

// Walk a visit through the bidding-room API: "3 no", "5", … then check the end.
async function visit(name, path) {
  const r = await a().post('/api/v1/bidding-room', { name, organisation: `CV ${name}`, npwp: '01.234.567.8-901.000' });
  assert.equal(r.status, 201, r.text);
  const number = r.json.case.number;
  assert.equal(r.json.visit.current_step, 3);
  assert.deepEqual(r.json.case.steps.map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'done'], [3, null]]);
  assert.equal(r.json.case.steps[2].due_at, at('01:05:00'));
  let last = r.json;
  for (const step of path) {
    const [no, outcome] = step.split(' ');
    if (no === '5') {
      const t = await a().post(`/api/v1/bidding-room/${number}/trainer`, { trainer: 'tina' });
      assert.equal(t.status, 200, t.text);
      assert.equal(t.json.visit.trainer, 'tina');
    }
    last = (await a().post(`/api/v1/bidding-room/${number}/steps/${no}`, { outcome: outcome ?? 'done' })).json;
    assert.ok(last.case, JSON.stringify(last));
  }
  return { number, last };
}

test('BTG-006 3 no → 4 no: not trained, the provider leaves; reported out of the guest book', async () => {
  const { number, last } = await visit('Rudi', ['3 no', '4 no']);
  assert.equal(last.case.status, 'closed');
  assert.equal(last.visit.left_at, T0);
  const gb = (await a().get('/api/v1/registers/guest-book')).json.entries.find((e) => e.case_number === number);
  assert.equal(gb.purpose, 'Pendampingan upload di Bidding Room');
  assert.equal(gb.left_at, T0);
});

test('BTG-006 3 no → 4 yes → 5 → 6 no → 7 → 8 no → 9 yes → 8 yes → 11 → 12 no → 9 no → 10 → 13: a problem solved (back to the step that failed), then escalated', async () => {
  const board0 = (await a().get('/api/v1/bidding-room')).json.in_room.length;
  const r = await a().post('/api/v1/bidding-room', { name: 'Rina', organisation: 'CV Rina' });
  const number = r.json.case.number;
  const board = (await a().get('/api/v1/bidding-room')).json.in_room;
  assert.equal(board.length, board0 + 1);
  const mine = board.find((v) => v.case === number);
  assert.equal(mine.provider, 'Rina');
  assert.equal(mine.minutes_in, 0);
  assert.equal(mine.trainer, null);
  const path = ['3 no', '4 yes', '5', '6 no', '7', '8 no', '9 yes', '8 yes', '11', '12 no', '9 no'];
  let last;
  for (const step of path) {
    const [no, outcome] = step.split(' ');
    if (no === '5') await a().post(`/api/v1/bidding-room/${number}/trainer`, { trainer: 'tina' });
    last = (await a().post(`/api/v1/bidding-room/${number}/steps/${no}`, { outcome: outcome ?? 'done' })).json;
  }
  assert.equal(last.case.current_step, 10);
  // step 10: escalate to the LKPP helpdesk (a linked case at LKPP here), then the provider reports out
  const esc = await a().post(`/api/v1/cases/${number}/escalations`, { title: 'Upload penawaran gagal', application: 'SPSE 4.5', type: 'permasalahan', description: 'Enkripsi gagal dua kali' });
  assert.equal(esc.status, 201, esc.text);
  assert.equal(esc.json.mode, 'internal');
  last = (await a().post(`/api/v1/bidding-room/${number}/steps/10`, {})).json;
  assert.equal((await a().get('/api/v1/bidding-room')).json.in_room.find((v) => v.case === number).trainer, 'tina');
  last = (await a().post(`/api/v1/bidding-room/${number}/steps/13`, {})).json;
  assert.equal(last.case.status, 'closed');
  assert.deepEqual(last.case.steps.map((s) => s.no), [1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 11, 12, 9, 10, 13]);
  assert.deepEqual(last.case.steps.filter((s) => s.no === 9).map((s) => s.visit), [1, 2]);
  assert.equal(last.case.steps.find((s) => s.no === 7).due_at, at('01:15:00'));   // 15min office
  assert.equal(last.case.steps.find((s) => s.no === 7).assigned_user, 'tina');    // the trainer's step is hers
  assert.equal((await a().get('/api/v1/bidding-room')).json.in_room.some((v) => v.case === number), false);
});

test('BTG-006: a visit ended through the general step form or cancelled is reported out of the guest book too', async () => {
  const gbOf = async (number) => (await a().get(`/api/v1/registers/guest-book?q=${number}`)).json.entries.find((e) => e.case_number === number);
  // ended by the general case API (3 no, 4 no)
  let r = await a().post('/api/v1/bidding-room', { name: 'Eko', organisation: 'CV Tiga' });
  const one = r.json.case.number;
  assert.equal((await a().post(`/api/v1/cases/${one}/steps/3`, { outcome: 'no' })).status, 200);
  r = await a().post(`/api/v1/cases/${one}/steps/4`, { outcome: 'no' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assert.equal((await gbOf(one)).left_at, T0);
  // cancelled while in the room
  r = await a().post('/api/v1/bidding-room', { name: 'Fajar', organisation: 'CV Empat' });
  const two = r.json.case.number;
  assert.equal((await a().post(`/api/v1/cases/${two}/cancel`, { reason: 'penyedia pulang' })).status, 200);
  assert.equal((await gbOf(two)).left_at, T0);
  const room = (await a().get('/api/v1/bidding-room')).json.in_room;
  assert.ok(!room.some((v) => v.case === one || v.case === two));
});

test('BTG-006 3 yes → 5 → 6 no → 7 → 8 yes → 11 → 12 yes → 13: the straight way after filling the data', async () => {
  const { last } = await visit('Joko', ['3 yes', '5', '6 no', '7', '8 yes', '11', '12 yes', '13']);
  assert.equal(last.case.status, 'closed');
  assert.equal(last.visit.trainer, 'tina');
  assert.deepEqual(last.case.steps.map((s) => [s.no, s.outcome]),
    [[1, 'done'], [2, 'done'], [3, 'yes'], [5, 'done'], [6, 'no'], [7, 'done'], [8, 'yes'], [11, 'done'], [12, 'yes'], [13, 'done']]);
  const wrong = await a().post(`/api/v1/bidding-room/${last.case.number}/steps/13`, {});
  assert.equal(wrong.status, 409);
});

test('BTG-006 through the bidding-room API: a decision is taken by the role its step names, as on the general step form', async () => {
  const { number } = await visit('Dodi', ['3 yes', '5']);
  const hana = api(A, await login(A.url, 'hana', PW));
  const r = await hana.post(`/api/v1/bidding-room/${number}/steps/6`, { outcome: 'yes' });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'no');
  const same = await hana.post(`/api/v1/cases/${number}/steps/6`, { outcome: 'yes' });
  assert.equal(same.status, 403, 'the same answer on both ways in');
  const tina = api(A, tokTrainer);
  const ok = await tina.post(`/api/v1/bidding-room/${number}/steps/6`, { outcome: 'yes' });
  assert.equal(ok.status, 200, ok.text);
  // the trainer is someone who may work on cases, and an error names the trainer field
  const boss = await a().post(`/api/v1/bidding-room/${number}/trainer`, { trainer: 'direk' });
  assert.equal(boss.status, 400, boss.text);
  assert.equal(boss.json.error.field, 'trainer');
});

test('BTG-006: a trainer away today whose stand-in may not take the open decision is refused naming trainer; set before, the decision stays in the queue', async () => {
  // tari (trainer and help desk) is away today and tomorrow; hadi, who stands in, is of the help desk only
  for (const [name, role] of [['tari', 'trainer,helpdesk'], ['hadi', 'helpdesk']]) {
    assert.equal(cli(['user', 'add', name, '--role', role, '--name', name.toUpperCase(), '--data', A.dir], { env: { LOKET_PASSWORD: PW } }).status, 0);
  }
  const away = await a().post('/api/v1/users/tari/absences', { from: '2026-01-05', to: '2026-01-06', kind: 'cuti', replacement: 'hadi' });
  assert.equal(away.status, 201, away.text);
  // at step 6, the trainer's decision: refused, naming trainer, in the request's language; nothing written
  const { number } = await visit('Gita', ['3 yes', '5']);
  const en = await a().post(`/api/v1/bidding-room/${number}/trainer?lang=en`, { trainer: 'tari' });
  assert.equal(en.status, 400, en.text);
  assert.equal(en.json.error.field, 'trainer');
  assert.equal(en.json.error.message, 'tari is away (Leave) until 6 January 2026; hadi, who stands in for them, lacks the role this step\'s decision needs: trainer');
  const id = await a().post(`/api/v1/bidding-room/${number}/trainer`, { trainer: 'tari' });
  assert.equal(id.json.error.field, 'trainer');
  assert.match(id.json.error.message, /^tari sedang tidak hadir \(Cuti\) sampai 6 Januari 2026; hadi, yang menggantikannya, /);
  assert.equal((await a().get('/api/v1/bidding-room')).json.in_room.find((v) => v.case === number).trainer, 'tina', 'the trainer as it was');
  // set at step 5, which is no decision: hers; step 6 after it stays in the trainers' queue, not with hadi
  const r = await a().post('/api/v1/bidding-room', { name: 'Hari', organisation: 'CV Hari' });
  const two = r.json.case.number;
  assert.equal((await a().post(`/api/v1/bidding-room/${two}/steps/3`, { outcome: 'yes' })).status, 200);
  const set = await a().post(`/api/v1/bidding-room/${two}/trainer`, { trainer: 'tari' });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.case.steps.find((s) => s.no === 5).assigned_user, 'tari');
  const done5 = await a().post(`/api/v1/bidding-room/${two}/steps/5`, {});
  assert.equal(done5.status, 200, done5.text);
  const s6 = done5.json.case.steps.find((s) => s.no === 6);
  assert.deepEqual([s6.done_at, s6.assigned_user], [null, null]);
  assert.equal(done5.json.visit.trainer, 'tari');
});

test('BTG-006 step 10 escalates to LKPP: an external ticket does not keep the provider waiting (its SOP ends the assistance there)', async () => {
  const v = await b().post('/api/v1/bidding-room', { name: 'Eka', organisation: 'CV Eka' });
  assert.equal(v.status, 201, v.text);
  const number = v.json.case.number;
  addUser(B.dir, 'bima', 'trainer', PW);   // step 5 waits for the visit's trainer, one holding the trainer role
  for (const step of ['3 yes', '5', '6 no', '7', '8 no', '9 no']) {
    const [no, outcome] = step.split(' ');
    if (no === '5') assert.equal((await b().post(`/api/v1/bidding-room/${number}/trainer`, { trainer: 'bima' })).status, 200);
    const st = await b().post(`/api/v1/bidding-room/${number}/steps/${no}`, { outcome: outcome ?? 'done' });
    assert.equal(st.status, 200, st.text);
  }
  // office B has no national office: an external ticket, which holds no bidding-room visit
  const x = await b().post(`/api/v1/cases/${number}/escalations`, { title: 'Upload gagal', application: 'SPSE 4.5', type: 'permasalahan', description: 'Enkripsi gagal', external_ticket: 'TTS-90' });
  assert.equal(x.status, 201, x.text);
  assert.equal(x.json.mode, 'external');
  assert.equal(x.json.paused, false);
  let r = await b().post(`/api/v1/bidding-room/${number}/steps/10`, {});
  assert.equal(r.status, 200, r.text);
  r = await b().post(`/api/v1/bidding-room/${number}/steps/13`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.case.status, 'closed');
});

// ---- OI-06: .rhs bid files ----

// Upload a file to an .rhs case through the streamed route.
async function upload(srv, token, number, bytes, name = 'penawaran.rhs') {
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
  return { status: res.status, json: await res.json() };
}

test('OI-06 1 → 2 → 3 → 4 → 5 yes → 5 no → 6 → 7: not opened at the LPSE, LKPP (an office here) repeats its test, cannot open it; the statement says so', async () => {
  const r = await a().post('/api/v1/rhs', { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2', email: 'pokja2@example.go.id' } });
  assert.equal(r.status, 201, r.text);
  const number = rhsNumber = r.json.case.number;
  assert.equal(r.json.case.sop, 'SOP 06/LPSE/2012');
  assert.equal(r.json.case.steps[0].due_at, at('01:15:00'));   // 15min office
  assert.equal(r.json.rhs.statement, null);
  assert.deepEqual(r.json.rhs.checklist.map((c) => c.code),
    ['pdf_rusak', 'hash_ukuran', 'upload_terputus', 'identitas_lama', 'salinan_salah', 'exe_arsip', 'nama_ganda', 'flash_disk']);
  assert.equal((await upload(A, tokA, number, new Uint8Array([1, 2, 3]), 'penawaran.pdf')).status, 400);
  const bytes = new Uint8Array(300000).map((_, i) => (i * 7919) % 251);
  const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  const up = await upload(A, tokA, number, bytes);
  assert.equal(up.status, 201, JSON.stringify(up.json));
  assert.equal(up.json.size, 300000);
  assert.equal(up.json.sha256, sha);
  const again = await upload(A, tokA, number, bytes, 'salinan.rhs');
  assert.equal(again.status, 409, 'the same bytes twice: kept once');
  assert.equal(again.json.error.field, 'file');
  let x = (await a().get(`/api/v1/rhs/${number}`)).json;
  assert.equal(x.case.current_step, 2);
  assert.equal(x.case.steps[1].due_at, at('01:10:00'));        // 10min office
  assert.equal((await a().post(`/api/v1/rhs/${number}/result`, { opened: true })).status, 409);
  let t = await a().post(`/api/v1/rhs/${number}/test`, { opened: false, causes: ['nama_ganda', 'bukan'] });
  assert.equal(t.json.error.field, 'causes');
  t = await a().post(`/api/v1/rhs/${number}/test`, { opened: false, causes: ['pdf_rusak', 'flash_disk'], note: 'Gagal dekripsi dengan kunci Pokja' });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual(t.json.rhs.lpse_test.causes, ['pdf_rusak', 'flash_disk']);
  assert.equal(t.json.rhs.statement, null);                  // not opened here: LKPP decides
  assert.equal((await a().get(`/api/v1/rhs/${number}/statement.pdf`)).status, 409);
  const q = await a().post(`/api/v1/rhs/${number}/request`, { note: 'Mohon dibantu sebelum evaluasi' });
  assert.equal(q.status, 200, q.text);
  assert.equal(q.json.case.current_step, 4);
  const disp = (await a().get('/api/v1/registers/disposition')).json.entries.find((d) => d.case_number === number);
  assert.equal(disp.to_role, 'sekretaris');
  const esc = (await a().get(`/api/v1/cases/${number}/escalations`)).json.escalations[0];
  assert.equal(esc.mode, 'internal');
  assert.equal(esc.type, 'permintaan_layanan');
  assert.equal(esc.tender_code, '10012345');
  assert.match(esc.description, new RegExp(sha));
  // LKPP checks the request (4) and repeats its test once (5 yes), then records the result
  await a().post(`/api/v1/cases/${number}/steps/4`, {});
  x = (await a().post(`/api/v1/cases/${number}/steps/5`, { outcome: 'yes' })).json;
  assert.deepEqual(x.steps.filter((s) => s.no === 5).map((s) => s.visit), [1, 2]);
  const res = await a().post(`/api/v1/rhs/${number}/result`, { opened: false, note: 'Struktur berkas rusak' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.rhs.statement, 'tidak_dapat_dibuka');
  assert.equal(res.json.case.current_step, 7);
  // the statement covers what was tested: no file is added once the LPSE's test is written
  const late = await upload(A, tokA, number, new Uint8Array([9, 9, 9]), 'tambahan.rhs');
  assert.equal(late.status, 409, JSON.stringify(late.json));
  assert.equal(late.json.error.field, 'file');
  assert.equal((await a().get(`/api/v1/rhs/${number}`)).json.rhs.files.length, 1);
  assert.deepEqual(res.json.case.steps.map((s) => [s.no, s.outcome]),
    [[1, 'done'], [2, 'no'], [3, 'done'], [4, 'done'], [5, 'yes'], [5, 'no'], [6, 'done'], [7, null]]);
  assert.equal(res.json.case.steps[6].due_at, at('01:15:00'));  // 6: 15min office
  assert.equal((await a().get(`/api/v1/cases/${number}/escalations`)).json.escalations[0].status, 'answered');
  // the written statement as an A4 PDF: the facts, the conclusion
  const pdf = await fetch(`${A.url}/api/v1/rhs/${number}/statement.pdf`, { headers: { Authorization: `Bearer ${tokA}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const doc = Buffer.from(await pdf.arrayBuffer());
  assert.equal(doc.subarray(0, 5).toString(), '%PDF-');
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const file = join(A.dir, 'pernyataan.pdf');
  writeFileSync(file, doc);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /SURAT KETERANGAN/);
  assert.match(text, /10012345/);
  assert.match(text, /PT Konstruksi Prima/);
  assert.match(text, /TIDAK DAPAT DIBUKA/);
  assert.match(text.replace(/\s+/g, ''), new RegExp(sha));
  const done = (await a().post(`/api/v1/cases/${number}/steps/7`, {})).json;
  assert.equal(done.status, 'closed');
});

test('OI-06: small bid files arrive whole through the streamed upload, however the client cuts its body', async () => {
  // MHD may announce the file part empty before its first bytes, both at offset 0: one file, not two
  const bad = [];
  for (let i = 0; i < 20; i++) {
    const r = await a().post('/api/v1/rhs', { tender_code: '10012345', provider: `PT Kecil ${i}`, requester: { name: 'Ketua Pokja' } });
    const up = await upload(A, tokA, r.json.case.number, new Uint8Array([i, 1, 2]), `kecil-${i}.rhs`);
    if (up.status !== 201) bad.push(`${i}: ${up.status} ${JSON.stringify(up.json)}`);
    else assert.equal(up.json.size, 3);
  }
  assert.deepEqual(bad, []);
});

test('OI-06: a file the LPSE opens at step 2 goes to the Pokja (step 7), not to LKPP: no clock runs on the request, the case closes when the Pokja has it', async () => {
  const r = await b().post('/api/v1/rhs', { tender_code: '778', provider: 'CV Cerah', requester: { name: 'Pokja 6' } });
  const number = r.json.case.number;
  assert.equal((await upload(B, tokB, number, new Uint8Array(1000).fill(66))).status, 201);
  const t = await b().post(`/api/v1/rhs/${number}/test`, { opened: true, causes: [] });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.rhs.statement, 'dapat_dibuka');
  let c = (await b().get(`/api/v1/cases/${number}`)).json;
  assert.equal(c.current_step, 7);
  assert.equal(c.steps.find((s) => s.no === 2).outcome, 'yes');
  assert.equal(c.steps.find((s) => s.no === 3), undefined, 'no request to LKPP was started');
  assert.equal(c.steps.find((s) => s.no === 7).due_at, null, 'the Pokja\'s receipt has no standard');
  const q = await b().post(`/api/v1/rhs/${number}/request`, { external_ticket: 'TTS-2026-0043' });
  assert.equal(q.status, 409);
  const page = await (await import('./lib.mjs')).webSession(B.url).then((w) => w.get(`/rhs/${number}`));
  assert.doesNotMatch(page.text, /action="\/rhs\/[^"]+\/minta"/, 'no request form');
  c = (await b().post(`/api/v1/cases/${number}/steps/7`, {})).json;
  assert.equal(c.status, 'closed');
  // not opened: on to the request to LKPP (step 3)
  const r2 = await b().post('/api/v1/rhs', { tender_code: '779', provider: 'CV Redup', requester: { name: 'Pokja 6' } });
  const n2 = r2.json.case.number;
  assert.equal((await upload(B, tokB, n2, new Uint8Array(1000).fill(67))).status, 201);
  await b().post(`/api/v1/rhs/${n2}/test`, { opened: false, causes: ['pdf_rusak'] });
  c = (await b().get(`/api/v1/cases/${n2}`)).json;
  assert.equal(c.current_step, 3);
  assert.equal(c.steps.find((s) => s.no === 2).outcome, 'no');
});

test('OI-06 without a national office: not opened at the LPSE; the request needs LKPP\'s ticket, the clock pauses until the result', async () => {
  const r = await b().post('/api/v1/rhs', { tender_code: '777', provider: 'CV Terang', requester: { name: 'Pokja 5' } });
  const number = r.json.case.number;
  assert.equal((await upload(B, tokB, number, new Uint8Array(1000).fill(65))).status, 201);
  const t = await b().post(`/api/v1/rhs/${number}/test`, { opened: false, causes: [] });
  assert.equal(t.json.rhs.statement, null);
  let q = await b().post(`/api/v1/rhs/${number}/request`, {});
  assert.equal(q.status, 400);
  assert.equal(q.json.error.field, 'external_ticket');
  q = await b().post(`/api/v1/rhs/${number}/request`, { external_ticket: 'TTS-2026-0042' });
  assert.equal(q.status, 200, q.text);
  // the test and the request again: 409 saying they are done already (not "upload the file first")
  let again = await b().post(`/api/v1/rhs/${number}/test`, { opened: false });
  assert.equal(again.status, 409, again.text);
  assert.match(again.json.error.message, /sudah dicatat/);
  again = await b().post(`/api/v1/rhs/${number}/request`, { external_ticket: 'TTS-2026-0043' });
  assert.equal(again.status, 409, again.text);
  assert.match(again.json.error.message, /sudah lewat/);
  assert.equal((await b().get(`/api/v1/cases/${number}/escalations`)).json.escalations.length, 1);
  let esc = (await b().get(`/api/v1/cases/${number}/escalations`)).json.escalations[0];
  assert.equal(esc.mode, 'external');
  assert.equal(esc.external_ticket, 'TTS-2026-0042');
  assert.equal(esc.paused, true);
  await sleep(1100);
  const res = await b().post(`/api/v1/rhs/${number}/result`, { opened: true });
  assert.equal(res.status, 200, res.text);
  const s4 = res.json.case.steps.find((s) => s.no === 4);
  assert.ok(s4.paused_s >= 1, `paused ${s4.paused_s} s`);
  esc = (await b().get(`/api/v1/cases/${number}/escalations`)).json.escalations[0];
  assert.equal(esc.paused, false);
  assert.equal(esc.status, 'answered');
});

test('OI-06: the written statement is a printable page, in Indonesian, with the file\'s SHA-256', async () => {
  const number = rhsNumber;
  const { webSession } = await import('./lib.mjs');
  const s = await webSession(A.url);
  const page = await s.get(`/rhs/${number}/pernyataan`);
  assert.equal(page.status, 200);
  assert.match(page.text, /SURAT KETERANGAN/);
  assert.match(page.text, /id="conclusion">TIDAK DAPAT DIBUKA</);
  assert.match(page.text, /SHA-256 [0-9a-f]{64}/);
  const css = await s.get(page.text.match(/rel="stylesheet" href="([^"]+)"/)[1]);
  assert.match(css.text, /@media print \{\s*body:has\(article\.statement\)/);
});

// ---- escalation across two offices of one deployment ----

test('escalation inside one deployment: a linked case at LKPP, each side sees the other\'s steps and clocks; the answer reaches the requester', async () => {
  const k = (await a().post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa membuka tender', requester: { name: 'Wati', email: 'wati@example.com' }, urgency: 'mendesak', impact: 'sedang' })).json;
  const fd = new FormData();
  fd.append('file', new Blob(['log galat: 500\n'], { type: 'text/plain' }), 'galat.txt');
  const up = await fetch(`${A.url}/api/v1/cases/${k.number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: fd });
  const att = await up.json();
  assert.equal(up.status, 201);
  let r = await a().post(`/api/v1/cases/${k.number}/escalations`, { title: 'Halaman tender galat 500', application: 'SPSE 4.5', type: 'lain' , description: 'x' });
  assert.equal(r.json.error.field, 'type');
  r = await a().post(`/api/v1/cases/${k.number}/escalations`, {
    title: 'Halaman tender galat 500', application: 'SPSE 4.5', error_code: 'HTTP-500', tender_code: '5544332',
    type: 'permasalahan', description: 'Halaman detail tender selalu galat 500 sejak pagi', attachments: [att.id],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mode, 'internal');
  assert.equal(r.json.national_office, 'LKPP');
  assert.match(r.json.national_case, /^LKPP-2026-\d{6}$/);
  assert.equal(r.json.notified, true);
  assert.equal(r.json.linked_case.office, 'LKPP');
  assert.equal(r.json.linked_case.case.current_step, 2);
  assert.equal(r.json.linked_case.case.priority, 'tinggi');
  const nat = r.json.national_case;
  // the national desk sees the case in its own office, with the file and the origin's steps
  const lk = api(A, tokLkpp);
  const theirs = (await lk.get(`/api/v1/cases/${nat}`)).json;
  assert.equal(theirs.requester.org, 'LPSE');
  assert.match(theirs.steps[0].note, new RegExp(`kasus ${k.number}`));
  const files = (await lk.get(`/api/v1/cases/${nat}/attachments`)).json.attachments;
  assert.deepEqual(files.map((f) => [f.name, f.sha256]), [['galat.txt', att.sha256]]);
  let seen = (await lk.get(`/api/v1/cases/${nat}/escalations`)).json.escalations[0];
  assert.equal(seen.linked_case.office, 'LPSE');
  assert.equal(seen.linked_case.case.number, k.number);
  assert.equal(seen.linked_case.case.steps[0].due_at, at('01:10:00'));
  // the origin office cannot read LKPP's case directly, only through the link
  assert.equal((await a().get(`/api/v1/cases/${nat}`)).status, 404);
  // LKPP works its case: the origin sees the progress and the clock of the next step
  await lk.post(`/api/v1/cases/${nat}/steps/2`, { outcome: 'yes' });
  seen = (await a().get(`/api/v1/cases/${k.number}/escalations`)).json.escalations[0];
  assert.equal(seen.linked_case.case.current_step, 3);
  assert.equal(seen.linked_case.case.steps[2].due_at, at('01:25:00'));
  // and on the origin's case page: the linked case, its open step and that step's due time
  const { webSession } = await import('./lib.mjs');
  const page = await (await webSession(A.url)).get(`/kasus/${k.number}`);
  assert.match(page.text, new RegExp(`Kasus terkait ${nat} \\(Terbuka\\) · Langkah 3, Tenggat 5 Januari 2026, 08\\.25 WIB`));
  assert.match(page.text, /<\/a> — menunggu jawaban · /, 'the escalation\'s status in words');
  // LKPP answers; the requester is told, the origin case carries the answer as a note
  const ans = await lk.post(`/api/v1/escalations/${seen.id}/answer`, { answer: 'Sudah diperbaiki di server nasional' });
  assert.equal(ans.status, 200, ans.text);
  assert.equal(ans.json.status, 'answered');
  assert.equal(ans.json.answered_by, 'nasional');
  const notes = (await a().get(`/api/v1/cases/${k.number}/notes`)).json.notes;
  assert.equal(notes.at(-1).body, 'Jawaban LKPP: Sudah diperbaiki di server nasional');
  assert.equal((await a().get(`/api/v1/cases/${k.number}/notes?lang=en`)).json.notes.at(-1).body, "LKPP's answer: Sudah diperbaiki di server nasional");
  const mails = sqlite(join(A.dir, 'loket.db'), `SELECT subject FROM outbox WHERE to_addr='wati@example.com' ORDER BY id`).stdout.trim().split('\n');
  assert.deepEqual(mails, [`Kasus ${k.number} diteruskan ke Helpdesk LKPP`, `Jawaban LKPP untuk kasus ${k.number}`]);
  // the escalation's two lines with their values one under the other
  const told = sqlite(join(A.dir, 'loket.db'), `SELECT body FROM outbox WHERE to_addr='wati@example.com' AND subject LIKE 'Kasus %'`).stdout;
  assert.ok(told.includes(`\nJudul:         Halaman tender galat 500\nDiteruskan ke: Helpdesk LKPP, nomor kasus ${nat}\n`), told);
  assert.equal((await lk.post(`/api/v1/escalations/${seen.id}/answer`, { answer: 'lagi' })).status, 409);
});

test('escalation inside one deployment: the national office closes its linked case and the origin\'s escalation is answered by itself', async () => {
  const lk = api(A, tokLkpp);
  const db = join(A.dir, 'loket.db');
  const escalate = async (subject, email) => {
    const k = (await a().post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject, requester: { name: 'Sari', email } })).json;
    const r = await a().post(`/api/v1/cases/${k.number}/escalations`, { title: subject, application: 'SPSE 4.5', type: 'permasalahan', description: 'Mohon bantuan' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.mode, 'internal');
    return { number: k.number, id: r.json.id, nat: r.json.national_case };
  };
  // 1: the national desk answers directly (2 yes → 3) and writes its answer on the closing step
  const one = await escalate('Jadwal tender tidak tampil', 'sari@example.com');
  assert.equal((await lk.post(`/api/v1/cases/${one.nat}/steps/2`, { outcome: 'yes' })).status, 200);
  const closed = await lk.post(`/api/v1/cases/${one.nat}/steps/3`, { outcome: 'done', note: 'Cache jadwal di server nasional dibersihkan; silakan muat ulang.' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.status, 'closed');
  let esc = (await a().get(`/api/v1/cases/${one.number}/escalations`)).json.escalations[0];
  assert.equal(esc.status, 'answered');
  assert.equal(esc.answer, 'Cache jadwal di server nasional dibersihkan; silakan muat ulang.');
  assert.equal(esc.answered_by, 'nasional');
  assert.equal(esc.paused, false);
  let notes = (await a().get(`/api/v1/cases/${one.number}/notes`)).json.notes;
  assert.equal(notes.at(-1).body, 'Jawaban LKPP: Cache jadwal di server nasional dibersihkan; silakan muat ulang.');
  const mails = sqlite(db, `SELECT subject FROM outbox WHERE to_addr='sari@example.com' ORDER BY id`).stdout.trim().split('\n');
  assert.deepEqual(mails, [`Kasus ${one.number} diteruskan ke Helpdesk LKPP`, `Jawaban LKPP untuk kasus ${one.number}`]);
  assert.match(sqlite(db, `SELECT body FROM outbox WHERE to_addr='sari@example.com' ORDER BY id DESC LIMIT 1`).stdout, /Cache jadwal di server nasional dibersihkan/);
  // answered once: a manual answer afterwards is refused
  assert.equal((await lk.post(`/api/v1/escalations/${one.id}/answer`, { answer: 'lagi' })).status, 409);
  // 2: no word on the closing step: the linked case's last note is the answer
  const two = await escalate('Paket tidak bisa diumumkan', 'sari2@example.com');
  await lk.post(`/api/v1/cases/${two.nat}/notes`, { body: 'Paket diumumkan ulang oleh LKPP.' });
  await lk.post(`/api/v1/cases/${two.nat}/steps/2`, { outcome: 'yes' });
  assert.equal((await lk.post(`/api/v1/cases/${two.nat}/steps/3`, { outcome: 'done' })).json.status, 'closed');
  esc = (await a().get(`/api/v1/cases/${two.number}/escalations`)).json.escalations[0];
  assert.equal(esc.status, 'answered');
  assert.equal(esc.answer, 'Paket diumumkan ulang oleh LKPP.');
  assert.equal(sqlite(db, `SELECT count(*) FROM outbox WHERE to_addr='sari2@example.com'`).stdout.trim(), '2');
  assert.equal(sqlite(db, `SELECT count(*) FROM audit WHERE action='case.escalation_answer' AND object='${two.number}'`).stdout.trim(), '1');
  // 3: the national office cancels its linked case: the escalation is answered with the reason, not left open
  const three = await escalate('Permintaan ganda', 'sari3@example.com');
  assert.equal((await lk.post(`/api/v1/cases/${three.nat}/cancel`, { reason: 'sama dengan tiket sebelumnya' })).status, 200);
  esc = (await a().get(`/api/v1/cases/${three.number}/escalations`)).json.escalations[0];
  assert.equal(esc.status, 'answered');
  assert.equal(esc.answer, `Kasus ${three.nat} dibatalkan: sama dengan tiket sebelumnya`);
});

test('escalation to an external LKPP ticket: the case waits with its clock paused until the answer, then its step\'s due time moves on', async () => {
  const k = (await b().post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'phone', subject: 'Akun terkunci', requester: { name: 'Eko', email: 'eko@example.com' } })).json;
  const due0 = k.steps[0].due_at;
  // a type LKPP's ticket system does not have: 400 naming it, the message a phrase about it
  const bad = await b().post(`/api/v1/cases/${k.number}/escalations?lang=en`, { title: 'Akun terkunci', application: 'SPSE', type: 'keluhan', description: 'Mohon dibuka', external_ticket: 'TTS-77' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'type');
  assert.equal(bad.json.error.message, 'Type must be permasalahan, usulan or permintaan_layanan');
  const r = await b().post(`/api/v1/cases/${k.number}/escalations`, { title: 'Akun terkunci', application: 'SPSE', type: 'permintaan_layanan', description: 'Mohon dibuka', external_ticket: 'TTS-77' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mode, 'external');
  assert.equal(r.json.paused, true);
  assert.equal(r.json.linked_case, null);
  const again = await b().post(`/api/v1/cases/${k.number}/escalations`, { title: 'lagi', application: 'SPSE', type: 'usulan', description: 'x', external_ticket: 'TTS-78' });
  assert.equal(again.status, 201);                              // recorded; it shares the hold of the first
  assert.equal(again.json.paused, true);
  // while LKPP has it, the held step is not done (that would drop the hold): the answer comes first
  const early = await b().post(`/api/v1/cases/${k.number}/steps/1`, { outcome: 'done' });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.error.field, 'no');
  assert.match(early.json.error.message, /jawaban helpdesk nasional/);
  await sleep(1100);
  const ans = await b().post(`/api/v1/escalations/${r.json.id}/answer`, { answer: 'Akun sudah dibuka' });
  assert.equal(ans.status, 200);
  const after_ = (await b().get(`/api/v1/cases/${k.number}`)).json;
  const mails = sqlite(join(B.dir, 'loket.db'), `SELECT subject FROM outbox WHERE to_addr='eko@example.com' ORDER BY id`).stdout.trim().split('\n');
  assert.equal(mails.length, 3);
  // the second still waits for LKPP: the clock stays stopped until it is answered too
  assert.notEqual(after_.steps[0].held_since, null, 'still held for the second escalation');
  assert.equal((await b().post(`/api/v1/cases/${k.number}/steps/1`, { outcome: 'done' })).status, 409);
  assert.equal((await b().post(`/api/v1/escalations/${again.json.id}/answer`, { answer: 'Usulan dicatat' })).status, 200);
  const resumed = (await b().get(`/api/v1/cases/${k.number}`)).json;
  assert.equal(resumed.steps[0].held_since, null);
  assert.ok(resumed.steps[0].paused_s >= 1);
  assert.ok(Date.parse(resumed.steps[0].due_at) >= Date.parse(due0));
  assert.equal((await b().post(`/api/v1/cases/${k.number}/steps/1`, { outcome: 'done' })).status, 200);
  // a case that is no longer open is not escalated
  await b().post(`/api/v1/cases/${k.number}/cancel`, { reason: 'selesai di luar Loket' });
  const late = await b().post(`/api/v1/cases/${k.number}/escalations`, { title: 'x', application: 'SPSE', type: 'usulan', description: 'x', external_ticket: 'TTS-79' });
  assert.equal(late.status, 409, late.text);
  assert.equal(late.json.error.field, 'status');
});

test('a case cancelled while its step is on hold keeps the time held (a pause step of BTG-019; office B runs on the real clock)', async () => {
  let r = await b().post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-019', channel: 'letter', subject: 'Nonaktifkan akun', requester: { name: 'Dinas X' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'no']]) {
    r = await b().post(`/api/v1/cases/${n}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(r.json.current_step, 4, 'the file goes back to the applicant: a pause step');
  await new Promise((res) => setTimeout(res, 1100));
  r = await b().post(`/api/v1/cases/${n}/cancel`, { reason: 'Pemohon tidak melengkapi berkas' });
  assert.equal(r.status, 200, r.text);
  const s4 = r.json.steps.find((x) => x.no === 4);
  assert.equal(s4.outcome, 'cancelled');
  assert.ok(s4.paused_s >= 1, `paused ${s4.paused_s} s`);
});

test('BTG-017: a call form opened before a restart is still accepted after it (the stamp key is kept with verify.key)', async () => {
  const s1 = await startServer();
  let s2;
  try {
    const t1 = await login(s1.url);
    const st = await api(s1, t1).get('/api/v1/phone/stamp');
    assert.equal(st.status, 200, st.text);
    await s1.stop({ keep: true });
    s2 = await startServer({ dir: s1.dir });
    const t2 = await login(s2.url);
    const call = await api(s2, t2).post('/api/v1/phone/calls', { stamp: st.json.stamp });
    assert.equal(call.status, 201, call.text);
  } finally {
    await (s2 || s1).stop();
  }
});

// ---- several wrong fields named at once ----

test('the phone form, the bidding room, an escalation and a hand-over name every wrong field at once ("fields")', async () => {
  const names = (r) => (r.json.error.fields || [r.json.error]).map((f) => f.field).sort();
  const st = await b().get('/api/v1/phone/stamp');
  const call = await b().post('/api/v1/phone/calls', { stamp: st.json.stamp });
  assert.equal(call.status, 201, call.text);
  let r = await b().post(`/api/v1/phone/calls/${call.json.id}/finish?lang=en`, {
    requester: { email: 'bukan-surel', phone: '12' }, question: 'x'.repeat(2001), archive_location: 'L'.repeat(201),
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['archive_location', 'question', 'requester.email', 'requester.name', 'requester.phone'], r.text);
  // nothing was written: the call can still be written up
  assert.equal((await b().get(`/api/v1/phone/calls/${call.json.id}`)).json.status, 'answered');
  // the bidding room: the requester's details under the request's own names
  r = await b().post('/api/v1/bidding-room?lang=en', { name: 'Rudi', organisation: 'O'.repeat(201), phone: '12', email: 'rudi@', npwp: '1' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['email', 'npwp', 'organisation', 'phone'], r.text);
  assert.equal((await b().get('/api/v1/bidding-room')).json.in_room.some((v) => v.provider === 'Rudi'), false);
  const k = (await b().post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'phone', subject: 'Akun terkunci', requester: { name: 'Eko' } })).json;
  r = await b().post(`/api/v1/cases/${k.number}/escalations?lang=en`, { title: 'J'.repeat(201), application: 'SPSE', type: 'keluhan', description: 'Mohon dibuka', tender_code: 'T'.repeat(65) });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['external_ticket', 'tender_code', 'title', 'type'], r.text);
  r = await b().post(`/api/v1/cases/${k.number}/handovers?lang=en`, { party_kind: 'dinas', party_name: 'Dinas PU', instruction: 'i'.repeat(801), due_at: '2020-01-06T01:00:00Z' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['due_at', 'instruction', 'party_kind'], r.text);
  assert.deepEqual((await b().get(`/api/v1/cases/${k.number}/escalations`)).json.escalations, []);
  assert.deepEqual((await b().get(`/api/v1/cases/${k.number}/handovers`)).json.handovers, []);
});

test('an .rhs report names every wrong field at once: the tender code, the provider, the Pokja member\'s details', async () => {
  const r = await b().post('/api/v1/rhs?lang=en', { tender_code: 'T'.repeat(65), provider: 'P'.repeat(201), requester: { name: 'Pokja 1', email: 'pokja@', phone: '12' } });
  // the subject made of a long tender code and provider is cut to a case's 200 characters, not refused
  const ok = await b().post('/api/v1/rhs', { tender_code: '9'.repeat(20), provider: 'Pé'.repeat(100), requester: { name: 'Pokja 1' } });
  assert.equal(ok.status, 201, ok.text);
  const subject = ok.json.case.subject;
  assert.equal([...subject].length, 200);
  assert.match(subject, /^Dokumen penawaran \.rhs tidak dapat dibuka: tender 9{20}, (Pé)+P?…$/);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['provider', 'requester.email', 'requester.phone', 'tender_code'], r.text);
});

test('an SPSE tender code is digits only (as SPSE shows it), on an .rhs report and an escalation: anything else is 400 naming tender_code; nothing written', async () => {
  const newest = async () => (await b().get('/api/v1/cases?limit=1')).json.cases[0]?.number;
  const before = await newest();
  for (const code of ['TND-10012345', '1001 2345', '10012345x', '1'.repeat(21), '１２３４５６']) {
    const r = await b().post('/api/v1/rhs?lang=en', { tender_code: code, provider: 'PT Enam', requester: { name: 'Pokja 6' } });
    assert.equal(r.status, 400, code + ' ' + r.text);
    assert.equal(r.json.error.field, 'tender_code', r.text);
    assert.match(r.json.error.message, /digits only, at most 20/);
  }
  const id = await b().post('/api/v1/rhs', { tender_code: 'kode 1', provider: 'PT Enam', requester: { name: 'Pokja 6' } });
  assert.match(id.json.error.message, /hanya angka, paling banyak 20/, 'in Indonesian by default');
  assert.equal(await newest(), before, 'no case opened');
  const k = (await b().post('/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'phone', subject: 'Tender tidak tampil', requester: { name: 'Eko' } })).json;
  const esc = { title: 'Tender tidak tampil', application: 'SPSE', type: 'permasalahan', description: 'Tender tidak tampil di beranda', external_ticket: 'LKPP-77' };
  let r = await b().post(`/api/v1/cases/${k.number}/escalations?lang=en`, { ...esc, tender_code: 'Paket 10012345' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'tender_code');
  assert.deepEqual((await b().get(`/api/v1/cases/${k.number}/escalations`)).json.escalations, []);
  r = await b().post(`/api/v1/cases/${k.number}/escalations`, { ...esc, tender_code: '10012345' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.tender_code ?? r.json.escalation?.tender_code, '10012345');
});

test('OI-02: a hand-over names every wrong field at once: a party kind not known with a name missing and a due out of range, or a due time not written as one', async () => {
  const r = await b().post('/api/v1/helpdesk/email', { text: 'From: Yani <yani@example.com>\nSubject: Kontrak\n\nMohon bantuan.\n' });
  assert.equal(r.status, 201, r.text);
  let h = await b().post(`/api/v1/cases/${r.json.number}/handovers`, { party_kind: 'ULP', party_name: '', due_days: 0 });
  assert.equal(h.status, 400, h.text);
  assert.deepEqual(h.json.error.fields.map((f) => f.field), ['party_name', 'due_days', 'party_kind']);
  assert.equal(h.json.error.fields[2].message, 'party_kind harus ulp, skpd atau other');
  h = await b().post(`/api/v1/cases/${r.json.number}/handovers`, { party_kind: 'pokja', party_name: 'Pokja 7', due_at: 'besok' });
  assert.equal(h.status, 400, h.text);
  assert.deepEqual(h.json.error.fields.map((f) => f.field), ['due_at', 'party_kind']);
  assert.equal(h.json.error.message, 'Tenggat harus berupa waktu (ISO 8601)');
  h = await b().post(`/api/v1/cases/${r.json.number}/handovers`, { party_kind: 'ulp', party_name: 'Pokja 7', due_days: 2, due_at: '2030-01-01T00:00:00Z' });
  assert.equal(h.json.error.field, 'due_days');
  assert.equal(h.json.error.fields, undefined);
  assert.deepEqual((await b().get(`/api/v1/cases/${r.json.number}/handovers`)).json.handovers, []);
});

test('an escalation names every wrong field at once: a title and description missing with a type not known and LKPP\'s ticket missing', async () => {
  const r = await b().post('/api/v1/helpdesk/email', { text: 'From: Dodi <dodi@example.com>\nSubject: Galat unggah\n\nGalat 500.\n' });
  assert.equal(r.status, 201, r.text);
  const x = await b().post(`/api/v1/cases/${r.json.number}/escalations`, { title: '', application: 'SPSE 4.5', type: 'masalah', description: '' });
  assert.equal(x.status, 400, x.text);
  assert.deepEqual(x.json.error.fields.map((f) => f.field), ['title', 'description', 'type', 'external_ticket']);
  assert.equal(x.json.error.fields[2].message, 'Jenis harus permasalahan, usulan atau permintaan_layanan');
  assert.deepEqual((await b().get(`/api/v1/cases/${r.json.number}/escalations`)).json.escalations, []);
  const none = await b().post('/api/v1/cases/LPSE-2026-999999/escalations', { title: '', application: 'SPSE', type: 'usulan', description: 'D' });
  assert.equal(none.status, 400, 'the body\'s problems first, as before');
});

test('the bidding room\'s step endpoint refuses a case that is not a visit (409 naming case), its step left as it was, nothing audited', async () => {
  const r = await b().post('/api/v1/helpdesk/email', { text: 'From: Eka <eka@example.com>\nSubject: Bukan kunjungan\n\nTanya.\n' });
  assert.equal(r.status, 201, r.text);
  const steps = async () => (await b().get('/api/v1/audit?limit=50')).json.rows.filter((w) => w.action === 'case.step' && w.object === r.json.number).length;
  const before = await steps();
  const x = await b().post(`/api/v1/bidding-room/${r.json.number}/steps/2`, { outcome: 'yes' });
  assert.equal(x.status, 409, x.text);
  assert.equal(x.json.error.field, 'case');
  assert.equal((await b().get(`/api/v1/cases/${r.json.number}`)).json.current_step, 2, 'the case did not move');
  assert.equal(await steps(), before, 'no step audited');
});

test('OI-06: a report names every wrong field at once: the tender code missing with the Pokja member\'s name missing and e-mail wrong; nothing opened', async () => {
  const newest = async () => (await b().get('/api/v1/cases?limit=1')).json.cases[0]?.number;
  const before = await newest();
  const x = await b().post('/api/v1/rhs', { tender_code: '', provider: 'PT Lima', requester: { name: '', email: 'pokja@' } });
  assert.equal(x.status, 400, x.text);
  assert.deepEqual(x.json.error.fields.map((f) => f.field), ['tender_code', 'requester.name', 'requester.email']);
  assert.equal(await newest(), before, 'no case opened');
});

test('BTG-006: a provider reporting in names every wrong field at once: the name missing with an NPWP and a phone written wrong; nobody is in the room', async () => {
  const x = await b().post('/api/v1/bidding-room', { name: '', npwp: '1', phone: '12' });
  assert.equal(x.status, 400, x.text);
  assert.deepEqual(x.json.error.fields.map((f) => f.field), ['name', 'npwp', 'phone']);
  assert.ok(!(await b().get('/api/v1/bidding-room')).json.in_room.some((v) => v.provider === ''), 'nobody reported in');
});

test('OI-02: an e-mail entered without its message names the sender written wrong with it, at once; nothing opened', async () => {
  const x = await b().post('/api/v1/helpdesk/email', { text: '', from_email: 'bukan-surel', from_name: 'N'.repeat(130) });
  assert.equal(x.status, 400, x.text);
  assert.deepEqual(x.json.error.fields.map((f) => f.field), ['text', 'from_name', 'from_email']);
  assert.equal(x.json.error.field, 'text');
  const none = await b().post('/api/v1/helpdesk/email', { text: '' });
  assert.deepEqual((none.json.error.fields || [none.json.error]).map((f) => f.field), ['text', 'from_email'], none.text);
});

test('the help desk\'s API answers in English to a client whose Accept-Language asks for it (after ?lang=, the cookie and the user\'s own choice); "*" or another language leaves Indonesian', async () => {
  const post = (path, body, headers, token = tokTrainer) => request(A.url, 'POST', path, { token, body, headers });
  const cases = Number(sqlite(join(A.dir, 'loket.db'), 'SELECT count(*) FROM kasus').stdout.trim());
  let r = await post('/api/v1/bidding-room', {}, { 'Accept-Language': 'en-US,en;q=0.9' });
  assert.equal(r.status, 400);
  assert.deepEqual([r.json.error.field, r.json.error.message], ['name', 'Name is required']);
  r = await post('/api/v1/rhs', { tender_code: 'TND-1', provider: '', requester: {} }, { 'Accept-Language': 'fr;q=0.9, en;q=0.5' });
  assert.deepEqual(r.json.error.fields.map((f) => f.message), ['Provider is required', 'Tender code must be the code SPSE shows: digits only, at most 20', "Requester's name is required"]);
  for (const al of ['id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', '*', 'fr-FR', 'en;q=0']) {
    r = await post('/api/v1/bidding-room', {}, { 'Accept-Language': al });
    assert.equal(r.json.error.message, 'Nama wajib diisi', al);
  }
  r = await post('/api/v1/bidding-room?lang=id', {}, { 'Accept-Language': 'en' });
  assert.equal(r.json.error.message, 'Nama wajib diisi', '?lang= first');
  r = await post('/api/v1/bidding-room', {}, { 'Accept-Language': 'en', Cookie: 'loket_lang=id' });
  assert.equal(r.json.error.message, 'Nama wajib diisi', 'the cookie next');
  const hana = await login(A.url, 'hana', PW);
  assert.equal((await post('/api/v1/me/lang', { lang: 'id' }, {}, hana)).status, 200);
  r = await post('/api/v1/bidding-room', {}, { 'Accept-Language': 'en' }, hana);
  assert.equal(r.json.error.message, 'Nama wajib diisi', 'the user\'s own choice before the header');
  assert.equal((await post('/api/v1/me/lang', { lang: null }, {}, hana)).status, 200);
  r = await post('/api/v1/bidding-room', {}, { 'Accept-Language': 'en' }, hana);
  assert.equal(r.json.error.message, 'Name is required', 'the office\'s default: the header says');
  // the public portal too: its refusal in English
  r = await request(A.url, 'POST', '/api/v1/portal/tickets', { body: { name: '', email: 'x@example.com', subject: 's', description: 'd' }, headers: { 'Accept-Language': 'en' } });
  assert.equal(r.json.error.message, 'Your name is required');
  assert.equal(Number(sqlite(join(A.dir, 'loket.db'), 'SELECT count(*) FROM kasus').stdout.trim()), cases, 'nothing opened');
});

test('a 404 of a help desk path with two parameters names which: the case of another office (number), a step that is none (no), an id that is none (id); nothing written', async () => {
  const v = await a().post('/api/v1/bidding-room', { name: 'Yusuf Kurnia', organisation: 'CV Dua Jalan' });
  assert.equal(v.status, 201, v.text);
  const num = v.json.visit.case;
  const g = await a().post('/api/v1/registers/guest-book', { name: 'Wati', purpose: 'Tanya jadwal tender' });
  const w = await a().post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 201, w.text);
  assert.equal((await a().post(`/api/v1/cases/${w.json.number}/steps/2`, { outcome: 'no' })).status, 200);
  const h = await a().post(`/api/v1/cases/${w.json.number}/handovers`, { party_kind: 'skpd', party_name: 'Dinas PU', due_days: 1 });
  assert.equal(h.status, 201, h.text);
  const audits = sqlite(join(A.dir, 'loket.db'), 'SELECT count(*) FROM audit').stdout.trim();
  const other = api(A, tokLkpp);   // the national office's helpdesk: another office of the deployment
  for (const [path, body, field] of [
    [`/api/v1/bidding-room/${num}/steps/3`, { outcome: 'yes' }, 'number'],
    [`/api/v1/cases/${w.json.number}/handovers/${h.json.id}/answer`, { answer: 'Sudah dijawab' }, 'number'],
  ]) {
    const r = await other.post(path, body);
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, field, path);
  }
  for (const [path, body, field] of [
    [`/api/v1/bidding-room/${num}/steps/tiga`, { outcome: 'yes' }, 'no'],
    [`/api/v1/cases/${w.json.number}/handovers/satu/answer?lang=en`, { answer: 'Sudah dijawab' }, 'id'],
  ]) {
    const r = await a().post(path, body);
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, field, path);
  }
  assert.equal(sqlite(join(A.dir, 'loket.db'), 'SELECT count(*) FROM audit').stdout.trim(), audits, 'nothing written');
  const k = (await a().get(`/api/v1/cases/${num}`)).json;
  assert.equal(k.current_step, 3);
  assert.equal((await a().get(`/api/v1/cases/${w.json.number}/handovers`)).json.handovers[0].answered_at, null);
});

test('OI-06: an upload with a form field besides the file is 400 naming it (as a JSON member not known), nothing kept; a file the case has not is 404 naming id', async () => {
  const r = await a().post('/api/v1/rhs', { tender_code: '10077001', provider: 'CV Berkas Satu', requester: { name: 'Anggota Pokja 7' } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.case.number;
  const fd = new FormData();
  fd.append('file', new Blob(['RHS-BERKAS']), 'penawaran.rhs');
  fd.append('catatan', 'dari flash disk');
  const res = await fetch(`${A.url}/api/v1/rhs/${number}/files?lang=en`, { method: 'POST', headers: { Authorization: `Bearer ${tokA}` }, body: fd });
  const j = await res.json();
  assert.equal(res.status, 400, JSON.stringify(j));
  assert.deepEqual([j.error.field, j.error.message], ['catatan', 'catatan is not a known field']);
  const k = (await a().get(`/api/v1/rhs/${number}`)).json;
  assert.deepEqual(k.rhs.files, []);
  assert.equal(k.case.current_step, 1, 'step 1 is not done by a refused upload');
  const up = await upload(A, tokA, number, 'RHS-BERKAS');
  assert.equal(up.status, 201);
  const dl = await a().get(`/api/v1/rhs/${number}/files/${up.json.id + 100}`);
  assert.equal(dl.status, 404);
  assert.equal(dl.json.error.field, 'id');
});

test('what the desk types or pastes with spaces around it is kept without them: a provider reporting in (an e-mail and NPWP too, not refused), an .rhs report\'s provider and Pokja member, a caller', async () => {
  const v = await a().post('/api/v1/bidding-room', { name: '  Rahmat Hidayat ', organisation: ' CV Tiga Saudara ', email: ' rahmat@tigasaudara.co.id ', phone: ' 0812-3456-7003 ', npwp: ' 01.234.567.8-901.003 ' });
  assert.equal(v.status, 201, v.text);
  assert.equal(v.json.visit.provider, 'Rahmat Hidayat');
  assert.equal(v.json.visit.organisation, 'CV Tiga Saudara');
  assert.deepEqual([v.json.case.requester.name, v.json.case.requester.org], ['Rahmat Hidayat', 'CV Tiga Saudara']);
  const p = await a().get('/api/v1/parties?q=rahmat%40tigasaudara.co.id');
  assert.deepEqual(p.json.parties.map((x) => [x.name, x.email]), [['Rahmat Hidayat', 'rahmat@tigasaudara.co.id']]);
  const r = await a().post('/api/v1/rhs', { tender_code: '10077002', provider: '  PT Dua Jembatan ', subject: ' Berkas penawaran rusak ', requester: { name: ' Ketua Pokja 9 ', email: 'pokja9@example.go.id ', nip: ' 198005122005012003' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rhs.provider, 'PT Dua Jembatan');
  assert.equal(r.json.case.subject, 'Berkas penawaran rusak');
  assert.equal(r.json.case.requester.name, 'Ketua Pokja 9');
  const st = await a().get('/api/v1/phone/stamp');
  const call = await a().post('/api/v1/phone/calls', { stamp: st.json.stamp });
  const fin = await a().post(`/api/v1/phone/calls/${call.json.id}/finish`, { requester: { name: '  Lina Marlina  ', phone: ' 0812-3456-7004' }, question: 'Jadwal pelatihan?', answer: 'Lihat portal.' });
  assert.equal(fin.status, 200, fin.text);
  assert.equal(fin.json.caller.name, 'Lina Marlina');
  assert.equal((await a().get(`/api/v1/cases/${fin.json.case}`)).json.requester.name, 'Lina Marlina');
});

test('OI-02 by e-mail and at the counter: a sender, subject or e-mail given or written in the headers with spaces around is taken without them (not refused), and a guest-book entry\'s name and purpose become the case\'s without theirs', async () => {
  let r = await a().post('/api/v1/helpdesk/email', { text: 'Mohon bantuan unggah NIB.', from_email: ' sari@cvempat.co.id ', from_name: '  Sari Wulandari ', subject: '  Unggah NIB  ' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.requester.name, r.json.subject], ['Sari Wulandari', 'Unggah NIB']);
  r = await a().post('/api/v1/helpdesk/email', { text: 'From:   Joko Susilo   <joko@cvlima.co.id>\nSubject:    Jadwal tender   \n\nKapan jadwalnya?' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.requester.name, r.json.subject], ['Joko Susilo', 'Jadwal tender']);
  const g = await a().post('/api/v1/registers/guest-book', { name: '  Tuti Handayani ', organisation: ' CV Enam ', purpose: '  Tanya verifikasi  ' });
  assert.equal(g.status, 201, g.text);
  r = await a().post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id, email: ' tuti@cvenam.co.id ' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.requester.name, r.json.requester.org, r.json.subject], ['Tuti Handayani', 'CV Enam', 'Tanya verifikasi']);
  const p = await a().get('/api/v1/parties?q=tuti%40cvenam.co.id');
  assert.deepEqual(p.json.parties.map((x) => x.name), ['Tuti Handayani']);
});
