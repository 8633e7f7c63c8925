// The registers a step names (`register:` in its procedure file), written when the step is
// completed through the general step form — the API and the case page: values the officer
// gives, the rest from the case; nothing written twice; a refused value names its field and
// leaves the step open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

let s, admin;
before(async () => {
  s = await startServer();
  admin = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

const api = (method, path, body) => request(s.url, method, path, { token: admin, body });
const REQUESTER = { name: 'Sari Wulandari', phone: '0812-3456-7890', email: 'sari@dinas-pu.go.id', org_name: 'Dinas PU' };

async function open(sop, channel, subject) {
  const r = await api('POST', '/api/v1/cases', { sop, channel, subject, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  return r.json.number;
}
async function step(number, no, body = {}) {
  const r = await api('POST', `/api/v1/cases/${number}/steps/${no}`, body);
  assert.equal(r.status, 200, `step ${no}: ${r.text}`);
  return r.json;
}
// The entries of a register that name the case.
async function entries(slug, number) {
  const r = await api('GET', `/api/v1/registers/${slug}?limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.entries.filter((e) => e.case_number === number);
}

test('phone procedure by the general form: the consultation form at step 3 (once), the archive at step 7', async () => {
  const n = await open('SOP-LPSE.BTG-017', 'phone', 'Tidak bisa login ke SPSE');
  for (const no of [1, 2]) await step(n, no);
  await step(n, 3);
  let kf = await entries('consultation', n);
  assert.equal(kf.length, 1);
  assert.match(kf[0].number, /^KF-\d{4}-\d{4}$/);
  assert.equal(kf[0].name, 'Sari Wulandari');
  assert.equal(kf[0].organisation, 'Dinas PU');
  assert.equal(kf[0].contact, '+6281234567890, sari@dinas-pu.go.id');
  assert.equal(kf[0].question, 'Tidak bisa login ke SPSE');
  assert.equal(kf[0].created_by, 'admin');
  await step(n, 4);
  await step(n, 5, { outcome: 'yes' });
  await step(n, 6, { note: 'Kata sandi direset' });
  assert.equal((await entries('consultation', n)).length, 1, 'step 6 names the same form: not a second one');
  const done = await step(n, 7);
  assert.equal(done.status, 'closed');
  const ar = await entries('archive', n);
  assert.equal(ar.length, 1);
  assert.equal(ar[0].title, 'Tidak bisa login ke SPSE');
  assert.equal(ar[0].location, 'Arsip LPSE');
  const year = Number(ar[0].archived_at.slice(0, 4));
  assert.match(ar[0].retain_until, new RegExp(`^${year + 2}-`));
  // the writes are in the audit log
  const audit = await api('GET', `/api/v1/audit?action=register.add&object=consultation:${kf[0].id}:*`);
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.json.rows.length, 1, audit.text);
});

test('a form the phone desk wrote already is not written again by the general form', async () => {
  const n = await open('SOP-LPSE.BTG-017', 'phone', 'Upload dokumen gagal');
  const given = await api('POST', '/api/v1/registers/consultation', { name: 'Sari', question: 'Upload gagal', case_number: n });
  assert.equal(given.status, 201, given.text);
  for (const no of [1, 2, 3]) await step(n, no);
  assert.equal((await entries('consultation', n)).length, 1);
});

test('a letter from a company its NPWP files under an older name: the agenda book\'s sender is the name on the letter', async () => {
  const first = await api('POST', '/api/v1/cases', { sop: 'SOP 03/LPSE/2012', channel: 'letter', subject: 'Permohonan akun',
                                                     requester: { org_name: 'CV Cahaya Baru', npwp: '03.456.789.0-123.000' } });
  assert.equal(first.status, 201, first.text);
  const r = await api('POST', '/api/v1/cases', { sop: 'SOP 03/LPSE/2012', channel: 'letter', subject: 'Permohonan akun lagi',
                                                 requester: { org_name: 'PT Cahaya Baru Sejahtera', npwp: '03.456.789.0-123.000' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.org, 'CV Cahaya Baru');
  await step(r.json.number, 1, { registers: { agenda: { letter_no: '01/CBS/2026', letter_date: '2026-11-02' } } });
  const ag = await entries('agenda', r.json.number);
  assert.equal(ag.length, 1);
  assert.equal(ag[0].sender, 'PT Cahaya Baru Sejahtera');
});

test('letters: the agenda entry takes the letter number given, dispositions go to the next step\'s role', async () => {
  const n = await open('SOP 03/LPSE/2012', 'letter', 'Permohonan user ID Pokja');
  // what the step does not name is refused, and the step stays open
  let r = await api('POST', `/api/v1/cases/${n}/steps/1`, { registers: { archive: { location: 'Lemari' } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'registers.archive');
  r = await api('POST', `/api/v1/cases/${n}/steps/1`, { registers: { bogus: {} } });
  assert.equal(r.json.error.field, 'registers.bogus');
  r = await api('POST', `/api/v1/cases/${n}/steps/1`, { registers: { agenda: { nomor: '1' } } });
  assert.equal(r.json.error.field, 'registers.agenda.nomor');
  r = await api('POST', `/api/v1/cases/${n}/steps/1`, { registers: { agenda: { letter_date: 'kemarin' } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'registers.agenda.letter_date');
  r = await api('POST', `/api/v1/cases/${n}/steps/1`, { registers: { agenda: { letter_no: 7 } } });
  assert.equal(r.json.error.field, 'registers.agenda.letter_no');
  const still = await api('GET', `/api/v1/cases/${n}`);
  assert.equal(still.json.current_step, 1, 'a refused value loses nothing: the step is still open');
  assert.equal((await entries('agenda', n)).length, 0);

  await step(n, 1, { registers: { agenda: { letter_no: '800/12/BKD/2026', letter_date: '2026-11-02' } } });
  const ag = await entries('agenda', n);
  assert.equal(ag.length, 1);
  assert.equal(ag[0].letter_no, '800/12/BKD/2026');
  assert.equal(ag[0].letter_date, '2026-11-02');
  assert.equal(ag[0].sender, 'Dinas PU');
  assert.equal(ag[0].subject, 'Permohonan user ID Pokja');

  const after2 = await step(n, 2);
  let ds = await entries('disposition', n);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].to_role, 'pengarah');
  assert.equal(ds[0].from_user, 'admin');
  const step3 = after2.steps.find((x) => x.no === 3 && !x.done_at);
  assert.equal(ds[0].due_at, step3.due_at, 'due when the next step is');
  assert.match(ds[0].instruction, /^Langkah 3: /);
  await step(n, 3, { outcome: 'yes', note: 'Setuju, proses akun', registers: { disposition: { to_user: 'admin' } } });
  ds = await entries('disposition', n);
  assert.equal(ds.length, 2);
  const second = ds.find((d) => d.id !== ds.find((x) => x.to_role === 'pengarah').id);
  assert.equal(second.to_user, 'admin');
  assert.equal(second.instruction, 'Setuju, proses akun');
  // the disposition to the Pengarah is carried out when step 3 (its work) is done, the second is not yet
  const first = ds.find((x) => x.to_role === 'pengarah');
  const c3 = (await api('GET', `/api/v1/cases/${n}`)).json;
  assert.equal(first.done_at, c3.steps.find((x) => x.no === 3).done_at, 'done when the step it routed is');
  assert.equal(second.done_at, null);
  const open1 = (await api('GET', '/api/v1/registers/disposition?open=1&limit=100')).json.entries.map((e) => e.id);
  assert.ok(!open1.includes(first.id) && open1.includes(second.id), JSON.stringify(open1));
  // a disposition written by hand about the case is the writer's to mark done
  const hand = await api('POST', '/api/v1/registers/disposition', { case_number: n, to_role: 'sekretaris', instruction: 'Arsipkan suratnya' });
  assert.equal(hand.status, 201, hand.text);
  await step(n, 4);
  ds = await entries('disposition', n);
  assert.equal(ds.find((x) => x.id === second.id).done_at, (await api('GET', `/api/v1/cases/${n}`)).json.steps.find((x) => x.no === 4).done_at);
  assert.equal(ds.find((x) => x.id === hand.json.id).done_at, null);
  const audit = await api('GET', `/api/v1/audit?object=disposition:${second.id}`);
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.rows.some((a) => a.action === 'register.done' && /the step it routed done/.test(a.detail)), audit.text);
});

test('guest book: a visitor in person arrives at the first step naming it and leaves at the last', async () => {
  const n = await open('SOP-LPSE.BTG-006', 'walk_in', 'Pendampingan upload penawaran');
  await step(n, 1);
  await step(n, 2);
  let gb = await entries('guest-book', n);
  assert.equal(gb.length, 1);
  assert.equal(gb[0].name, 'Sari Wulandari');
  assert.equal(gb[0].phone, '+6281234567890');
  assert.equal(gb[0].purpose, 'Pendampingan upload penawaran');
  assert.equal(gb[0].left_at, null);
  for (const [no, outcome] of [[3, 'yes'], [5], [6, 'yes'], [11], [12, 'yes']]) await step(n, no, outcome ? { outcome } : {});
  // the departure step's form on the case page offers no guest-book fields (the service refuses
  // any given there), only says the departure is recorded; the form as shown completes the step
  const web = await webSession(s.url);
  const page = await web.get(`/kasus/${n}`);
  const form = page.text.match(new RegExp(`<form class="step-form[^"]*" method="post" action="/kasus/${n}/langkah/13">([\\s\\S]*?)</form>`));
  assert.ok(form, 'step 13 has its form');
  assert.doesNotMatch(form[1], /name="guest_book\./);
  assert.match(form[1], /<p class="hint muted">Buku tamu: kepulangan tamu dicatat<\/p>/);
  const posted = await web.post(`/kasus/${n}/langkah/13`, { csrf: web.csrfOf(page.text), note: '', outcome: 'done' });
  assert.equal(posted.status, 303, posted.text.slice(0, 300));
  const end = (await api('GET', `/api/v1/cases/${n}`)).json;
  assert.equal(end.status, 'closed');
  gb = await entries('guest-book', n);
  assert.equal(gb.length, 1);
  assert.notEqual(gb[0].left_at, null, 'the departure is recorded');

  // a question by phone writes no guest book
  const p = await open('SOP 02/LPSE.OI/2012', 'phone', 'Pertanyaan jadwal lelang');
  await step(p, 1);
  assert.equal((await entries('guest-book', p)).length, 0);
});

test('the case page: the step form shows the registers it writes, and what is posted is recorded', async () => {
  const n = await open('SOP 04/LPSE/2012', 'letter', 'Permohonan user ID PPK');
  const web = await webSession(s.url);
  const page = await web.get(`/kasus/${n}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /name="agenda\.letter_no"/);
  assert.match(page.text, /name="agenda\.letter_date"/);
  const csrf = web.csrfOf(page.text);
  const bad = await web.post(`/kasus/${n}/langkah/1`, [['csrf', csrf], ['item', '1'], ['item', '2'], ['outcome', 'done'], ['agenda.letter_date', '2026-13-45']]);
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.text, /<details class="step-register" open>/);
  assert.match(bad.text, /name="agenda\.letter_date" type="date" value="2026-13-45" aria-invalid="true"/);
  assert.equal(bad.text.match(/id="registers\.agenda\.letter_date-error"/g).length, 1, 'the error is under its field');
  assert.doesNotMatch(bad.text, /class="notice error"/, 'and said there only, not again above the page');
  assert.equal((await api('GET', `/api/v1/cases/${n}`)).json.current_step, 1);
  const ok = await web.post(`/kasus/${n}/langkah/1`, [['csrf', csrf], ['item', '1'], ['item', '2'], ['outcome', 'done'], ['agenda.letter_no', '027/55/2026']]);
  assert.equal(ok.status, 303, ok.text);
  const ag = await entries('agenda', n);
  assert.equal(ag.length, 1);
  assert.equal(ag[0].letter_no, '027/55/2026');
});

test('a long agency name or a wide one does not stop a step: the defaults are cut to the register\'s lengths, counted in characters', async () => {
  const org = 'Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman serta Pertanahan Kabupaten Ogan Komering Ulu Selatan Provinsi Sumsel';
  const name = 'Ñ'.repeat(100);
  const r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Akun', requester: { name, org_name: org } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const no of [1, 2, 3]) await step(n, no);
  const kf = await entries('consultation', n);
  assert.equal(kf.length, 1);
  assert.equal(kf[0].name, name, '100 characters fit a field of 128 characters');
  assert.equal([...kf[0].organisation].length, 128);
  assert.ok(org.startsWith(kf[0].organisation));
  // the register's own API counts characters too: 128 of two bytes each are taken, 129 are not
  let add = await api('POST', '/api/v1/registers/consultation', { name: 'é'.repeat(128), question: 'q' });
  assert.equal(add.status, 201, add.text);
  add = await api('POST', '/api/v1/registers/consultation', { name: 'é'.repeat(129), question: 'q' });
  assert.equal(add.status, 400);
  assert.equal(add.json.error.field, 'name');
});

test('the answer given at a later step is written on the call\'s form; a case number or a departure\'s values are refused', async () => {
  const n = await open('SOP-LPSE.BTG-017', 'phone', 'Lupa kata sandi');
  for (const no of [1, 2, 3, 4]) await step(n, no);
  await step(n, 5, { outcome: 'yes' });
  let r = await api('POST', `/api/v1/cases/${n}/steps/6`, { registers: { consultation: { answer: 'x', case_number: n } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'registers.consultation.case_number');
  await step(n, 6, { registers: { consultation: { answer: 'Kata sandi direset melalui menu lupa kata sandi' } } });
  const kf = await entries('consultation', n);
  assert.equal(kf.length, 1, 'one form a call');
  assert.equal(kf[0].answer, 'Kata sandi direset melalui menu lupa kata sandi');
  const audit = await api('GET', `/api/v1/audit?action=register.answer&object=consultation:${kf[0].id}:*`);
  assert.equal(audit.json.rows.length, 1, audit.text);

  const v = await open('SOP-LPSE.BTG-006', 'walk_in', 'Upload');
  for (const [no, outcome] of [[1], [2], [3, 'yes'], [5], [6, 'yes'], [11], [12, 'yes']]) await step(v, no, outcome ? { outcome } : {});
  r = await api('POST', `/api/v1/cases/${v}/steps/13`, { registers: { guest_book: { name: 'Orang lain' } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'registers.guest_book');
  // by e-mail: no guest-book entry at the start, and none made at the departure
  const e = await open('SOP-LPSE.BTG-006', 'email', 'Upload lewat e-mail');
  for (const [no, outcome] of [[1], [2], [3, 'yes'], [5], [6, 'yes'], [11], [12, 'yes'], [13]]) await step(e, no, outcome ? { outcome } : {});
  assert.equal((await entries('guest-book', e)).length, 0);
});

test('a disposition names the letter of the case (its agenda number)', async () => {
  const n = await open('SOP 05/LPSE/2012', 'letter', 'Lupa user ID');
  await step(n, 1, { registers: { agenda: { letter_no: '027/9/2026', letter_date: '2026-11-02' } } });
  await step(n, 2);
  const ag = await entries('agenda', n);
  const ds = await entries('disposition', n);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].agenda, ag[0].number);
});

test('a case cancelled: the disposition that routed it to the step its cancelling ended is closed with it, one by hand stays open', async () => {
  const n = await open('SOP 05/LPSE/2012', 'letter', 'Lupa user ID, dibatalkan');
  await step(n, 1, { registers: { agenda: { letter_no: '027/10/2026', letter_date: '2026-11-02' } } });
  await step(n, 2);
  const hand = await api('POST', '/api/v1/registers/disposition', { case_number: n, to_role: 'sekretaris', instruction: 'Arsipkan suratnya' });
  assert.equal(hand.status, 201, hand.text);
  let ds = await entries('disposition', n);
  assert.equal(ds.length, 2);
  assert.ok(ds.every((d) => d.done_at === null));
  const r = await api('POST', `/api/v1/cases/${n}/cancel`, { reason: 'Pemohon menarik suratnya' });
  assert.equal(r.status, 200, r.text);
  const ended = r.json.steps.find((x) => x.outcome === 'cancelled');
  ds = await entries('disposition', n);
  const routed = ds.find((d) => d.id !== hand.json.id);
  assert.equal(routed.done_at, ended.done_at, 'closed when its step was ended by the cancelling');
  assert.equal(ds.find((d) => d.id === hand.json.id).done_at, null, 'one written by hand stays its writer\'s');
  const audit = await api('GET', `/api/v1/audit?object=disposition:${routed.id}`);
  assert.ok(audit.json.rows.some((a) => a.action === 'register.done' && a.detail === `the case was cancelled: ${n}`), audit.text);
});

test('an archive entry a step writes keeps the file two years from the archiving day the officer gives, not from today', async () => {
  const n = await open('SOP-LPSE.BTG-017', 'phone', 'Berkas lama diarsipkan');
  for (const no of [1, 2, 3, 4]) await step(n, no);
  await step(n, 5, { outcome: 'yes' });
  await step(n, 6, { note: 'Dijawab' });
  await step(n, 7, { registers: { archive: { archived_at: '2024-03-15', location: 'Lemari Z' } } });
  const ar = await entries('archive', n);
  assert.equal(ar.length, 1);
  assert.equal(ar[0].archived_at, '2024-03-14T17:00:00Z');   // 15 March 2024, 00.00 WIB
  assert.equal(ar[0].retain_until, '2026-03-15');
  assert.equal(ar[0].due, new Date() >= new Date('2026-03-15T00:00:00+07:00'));
});
