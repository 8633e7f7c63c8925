// The case pages for staff over HTTP: "Tugas saya", the queue, the form that opens
// a case, the case page and the step form. Who may see them, CSRF on the POSTs,
// errors under their fields, a step that is no longer open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, webSession, switchLanguage } from './lib.mjs';

const PHONE = 'SOP-LPSE.BTG-017';
let s, desk, provider;

before(async () => {
  // a Monday morning in office hours, so due times fall the same day
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-23T09:00:00+07:00' } });
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  addUser(s.dir, 'cv-maju', 'penyedia', 'penyedia-password-2026');
  desk = await webSession(s.url, 'meja', 'meja-password-2026');
  provider = await webSession(s.url, 'cv-maju', 'penyedia-password-2026');
});
after(async () => { if (s) await s.stop(); });

// The fields of a valid phone case; extra ones override.
const phoneCase = (extra = {}) => ({
  csrf: desk.csrf, sop: PHONE, channel: 'phone', subject: 'Tidak bisa login SPSE', urgency: 'tidak_mendesak',
  impact: 'kecil', 'requester.name': 'Siti Aminah', 'requester.phone': '081234567890', ...extra,
});

// Open a phone case through the form; its number.
async function openCase(extra) {
  const r = await desk.post('/kasus', phoneCase(extra));
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const m = r.headers.get('location').match(/^\/kasus\/([A-Z0-9-]+)\?ok=Case%20opened$/);
  assert.ok(m, r.headers.get('location'));
  return m[1];
}

test('a helpdesk officer sees every case page; the menu starts with "Tugas saya"', async () => {
  const number = await openCase();
  for (const path of ['/tugas', '/kasus', '/kasus?status=open&overdue=1', '/kasus?role=helpdesk', `/kasus?sop=${PHONE}&q=login`,
    '/kasus/baru', `/kasus/baru?sop=${PHONE}`, '/kasus/baru?sop=SOP-LPSE.BTG-005', `/kasus/${number}`]) {
    const r = await desk.get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.text, /<nav class="main"[^>]*><ul><li><a href="\/tugas"/, `${path}: Tugas saya first in the menu`);
  }
  const list = await desk.get(`/kasus?sop=${PHONE}&q=login`);
  assert.match(list.text, new RegExp(`href="/kasus/${number}"`));
  // the training procedure asks for its event times in the office's zone
  const training = await desk.get('/kasus/baru?sop=SOP-LPSE.BTG-005');
  assert.match(training.text, /name="events\.training_start" type="datetime-local"/);
  // the times the procedure cannot do without are required in the browser too; the last session's may stay empty, said so
  assert.match(training.text, /name="events\.training_start" type="datetime-local" value="" required/);
  assert.match(training.text, /name="events\.training_end" type="datetime-local" value="" required/);
  assert.match(training.text, /name="events\.last_session_end" type="datetime-local" value="" aria-describedby="events\.last_session_end-hint">/);
  assert.match(training.text, /id="events\.last_session_end-hint">Kosongkan bila sesi terakhir berakhir bersama training</);
  // the hints of what to write are read with their fields, not only seen under them
  for (const [f, hint] of [['nip', 'NIP: 18 digit, untuk aparatur sipil negara'], ['nik', 'NIK: 16 digit'], ['npwp', 'NPWP: 15 digit (format lama) atau 16 digit']]) {
    assert.match(training.text, new RegExp(`<input id="requester\\.${f}" [^>]*aria-describedby="requester\\.${f}-hint">`), f);
    assert.ok(training.text.includes(`<p class="hint muted" id="requester.${f}-hint">${hint}</p>`), f);
  }
  assert.match(training.text, /WIB/);
  // opened with its times, the case shows them; an end before the start is refused, the field named
  const ev = { 'events.training_start': '2026-12-10T09:00', 'events.training_end': '2026-12-10T15:00', 'events.last_session_end': '2026-12-10T15:00' };
  const back = await desk.post('/kasus', phoneCase({ sop: 'SOP-LPSE.BTG-005', ...ev, 'events.training_end': '2026-12-09T15:00' }));
  assert.equal(back.status, 400);
  assert.match(back.text, /id="events\.training_end-error"/);
  const t = await openCase({ sop: 'SOP-LPSE.BTG-005', ...ev });
  const tp = await desk.get(`/kasus/${t}`);
  assert.match(tp.text, /<dt>Training dimulai<\/dt><dd>[^<]*10 Desember 2026[^<]*09[.:]00/);
});

test('a provider may see none of them', async () => {
  const number = await openCase();
  for (const path of ['/tugas', '/kasus', '/kasus/baru', `/kasus/${number}`]) {
    assert.equal((await provider.get(path)).status, 403, path);
  }
  assert.equal((await provider.post('/kasus', { ...phoneCase(), csrf: provider.csrf })).status, 403);
  assert.equal((await provider.post(`/kasus/${number}/langkah/1`, { csrf: provider.csrf, outcome: 'done' })).status, 403);
  const home = await provider.get('/');
  assert.doesNotMatch(home.text, /href="\/tugas"/, 'no "Tugas saya" in the menu');
});

test('both POSTs need the CSRF token', async () => {
  const noToken = phoneCase();
  delete noToken.csrf;
  assert.equal((await desk.post('/kasus', noToken)).status, 403);
  assert.equal((await desk.post('/kasus', phoneCase({ csrf: 'a'.repeat(64) }))).status, 403);
  const number = await openCase();
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { outcome: 'done' })).status, 403);
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { csrf: desk.csrf, outcome: 'done' },
    { Origin: 'http://evil.example' })).status, 403);
  const page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /<li id="langkah-1" class="step current" aria-current="step">/, 'step 1 is still open');
});

test('a NIK of the wrong length is shown under its field, with what was typed kept', async () => {
  const r = await desk.post('/kasus', phoneCase({ 'requester.nik': '12345', subject: 'Cek NIK' }));
  assert.equal(r.status, 400);
  // the error and the hint of what to write are both read with the field
  assert.match(r.text, /<input id="requester\.nik" name="requester\.nik" type="text" value="12345"[^>]* aria-invalid="true" aria-describedby="requester\.nik-error requester\.nik-hint">/);
  assert.match(r.text, /<p class="field-error" id="requester\.nik-error">[^<]+<\/p><p class="hint muted" id="requester\.nik-hint">NIK: 16 digit<\/p>/);
  assert.match(r.text, /name="subject" type="text" value="Cek NIK"/);
  // a missing subject: under the subject
  const r2 = await desk.post('/kasus', phoneCase({ subject: '' }));
  assert.equal(r2.status, 400);
  assert.match(r2.text, /id="subject-error"/);
  // a bad event time of the training procedure: under its field
  const r3 = await desk.post('/kasus', { ...phoneCase(), sop: 'SOP-LPSE.BTG-005', 'events.training_start': 'besok' });
  assert.equal(r3.status, 400);
  assert.match(r3.text, /id="events\.training_start-error"/);
});

test('a requester with a wrong NIK, phone and e-mail: each under its own field in one answer, the rest kept', async () => {
  const r = await desk.post('/kasus', phoneCase({ 'requester.nik': '12345', 'requester.phone': '0812', 'requester.email': 'siti@', subject: 'Tiga salah' }));
  assert.equal(r.status, 400);
  for (const f of ['requester.nik', 'requester.phone', 'requester.email']) {
    const id = f.replace('.', '\\.');
    assert.match(r.text, new RegExp(`aria-invalid="true" aria-describedby="${id}-error( ${id}-hint)?">`), f);
    assert.match(r.text, new RegExp(`<p class="field-error" id="${id}-error">[^<]+</p>`), f);
  }
  assert.doesNotMatch(r.text, /id="requester\.name-error"/, 'a right field is not marked');
  // every error is at its field; above the form only the line every refused form has
  assert.equal((r.text.match(/class="notice error"/g) || []).length, 1);
  assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p><\/div>/);
  assert.match(r.text, /name="requester\.nik" type="text" value="12345"/);
  assert.match(r.text, /name="subject" type="text" value="Tiga salah"/);
  // an event time not read and a requester's NIK wrong: both named at once
  const r2 = await desk.post('/kasus', { ...phoneCase({ 'requester.nik': '12345' }), sop: 'SOP-LPSE.BTG-005', 'events.training_start': 'besok' });
  assert.equal(r2.status, 400);
  assert.match(r2.text, /id="events\.training_start-error">/);
  assert.match(r2.text, /id="requester\.nik-error">/);
  assert.match(r2.text, /id="events\.training_end-error">/, 'the end the procedure needs, not given, named too');
  assert.match(r2.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p><\/div>/, 'a line above says to correct the fields marked, as every form says it');
});

test('a requester given by an e-mail address or a phone number alone opens the case, as the form\'s hint says; nothing at all asks for the name', async () => {
  const form = await desk.get(`/kasus/baru?sop=${PHONE}`);
  assert.match(form.text, /nama, organisasi, alamat surel atau nomor telepon wajib diisi/);
  const number = await openCase({ 'requester.name': '', 'requester.phone': '', 'requester.email': 'penanya@contoh.go.id', channel: 'walk in' });
  const page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /penanya@contoh\.go\.id/);
  const byPhone = await openCase({ 'requester.name': '', 'requester.phone': '0811 2233 4455', 'requester.email': '' });
  assert.match((await desk.get(`/kasus/${byPhone}`)).text, /\+6281122334455/);
  const r = await desk.post('/kasus', phoneCase({ 'requester.name': '', 'requester.phone': '' }));
  assert.equal(r.status, 400);
  assert.match(r.text, /id="requester\.name-error"/);
});

test('steps are completed with the buttons: the checklist, the decision, the close; a stale step answers 409', async () => {
  const number = await openCase();
  const step = (no, fields) => desk.post(`/kasus/${number}/langkah/${no}`, { csrf: desk.csrf, ...fields });
  let r = await step(1, { outcome: 'done', note: 'Pengguna menelepon' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/kasus/${number}?ok=Step%20completed`);
  assert.equal((await step(2, { outcome: 'done' })).status, 303);
  // step 3 has a required item: without the tick the step stays open
  let page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /<input type="checkbox" name="item" value="1" required>/);
  r = await step(3, { outcome: 'done' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="items-error"/);
  assert.match(r.text, new RegExp(`name="next" value="/kasus/${number}"`), 'the language switch leads to the case, not to the POST address');
  // refused for another reason: the box ticked stays ticked on the page shown again
  r = await step(3, { outcome: 'mungkin', item: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text, /<input type="checkbox" name="item" value="1" required checked>/);
  assert.equal((await step(3, { outcome: 'done', item: '1' })).status, 303);
  assert.equal((await step(4, { outcome: 'done', item: '1' })).status, 303);
  // the decision offers its question and Ya / Tidak
  page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /Dapat dijawab atau diberikan solusi\?/);
  assert.match(page.text, /<button type="submit" name="outcome" value="yes">Ya<\/button>/);
  assert.match(page.text, /<button type="submit" name="outcome" value="no" class="secondary">Tidak<\/button>/);
  assert.doesNotMatch(page.text, /Can it be answered/, 'the English question only in English');
  // in English, the question's English (question_en) beside the original's words
  const en = await webSession(s.url, 'meja', 'meja-password-2026');
  await switchLanguage(en, (await en.get(`/kasus/${number}`)).text, 'en');
  const enPage = await en.get(`/kasus/${number}`);
  assert.match(enPage.text, /<p class="question"><strong>Dapat dijawab atau diberikan solusi\?<\/strong><\/p><p class="muted" lang="en">Can it be answered or a solution given\?<\/p>/);
  assert.match(enPage.text, /<button type="submit" name="outcome" value="yes">Yes<\/button>/);
  r = await step(5, { outcome: 'done' });
  assert.equal(r.status, 400, 'a decision needs yes or no');
  assert.equal((await step(5, { outcome: 'yes' })).status, 303);
  assert.equal((await step(6, { outcome: 'done', item: '1' })).status, 303);
  r = await step(7, { outcome: 'done', item: '1', note: 'Diarsipkan' });
  assert.equal(r.headers.get('location'), `/kasus/${number}?ok=Step%20completed%3A%20the%20case%20is%20closed`);
  // a step that is no longer open: the page as it is now, with a notice
  r = await step(7, { outcome: 'done', item: '1' });
  assert.equal(r.status, 409);
  assert.match(r.text, /class="notice error"/);
  page = await desk.get(`/kasus/${number}?ok=Step%20completed`);
  assert.match(page.text, /Langkah selesai/);
  assert.match(page.text, /<span class="tag ok">Ditutup<\/span>/);
  assert.match(page.text, /<li id="langkah-8" class="step not-visited">/, 'the No branch was not taken');
  assert.match(page.text, /selesai dalam 0 detik; standar 10 menit jam kerja/);
  assert.match(page.text, /<span class="tag branch-yes">Ya<\/span> → <a href="#langkah-6">langkah 6<\/a>/);
  assert.match(page.text, /Diarsipkan/);
  assert.match(page.text, /Kelengkapan dicentang: ✓ Semua informasi yang didapat dicatat pada Formulir Konsultasi/, 'the ticked items are kept with the step');
  assert.doesNotMatch(page.text, /class="step-form/, 'a closed case has no step form');
});

test('the open step is on "Tugas saya" with its due time; unknown things answer 404 or 400', async () => {
  const number = await openCase();
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { csrf: desk.csrf, outcome: 'done' })).status, 303);
  const tasks = await desk.get('/tugas');
  assert.match(tasks.text, new RegExp(`href="/kasus/${number}"`));
  assert.match(tasks.text, /23 November 2026, 09\.00\.10 WIB/, 'step 2 is due 10 seconds after 09.00: said to the second');
  assert.equal((await desk.get('/kasus/LPSE-2026-999999')).status, 404);
  // a procedure the address names that does not exist: the chooser again, the field named, 404
  const nope = await desk.get('/kasus/baru?sop=NOPE%3Cb%3E');
  assert.equal(nope.status, 404);
  assert.match(nope.text, /<div class="notice error" role="alert" id="sop-error"><p>Tidak ada prosedur dengan kode pada alamat \(sop\): <span class="mono">NOPE&lt;b&gt;<\/span><\/p><\/div>/);
  assert.match(nope.text, new RegExp(`<a href="/kasus/baru\\?sop=${PHONE}">`), 'the procedures to choose from');
  assert.doesNotMatch((await desk.get('/kasus/baru')).text, /sop-error/);
  assert.equal((await desk.get('/kasus?status=bogus')).status, 400);
  assert.equal((await desk.get('/kasus?before=x')).status, 400);
  assert.equal((await desk.post(`/kasus/${number}/langkah/x`, { csrf: desk.csrf, outcome: 'done' })).status, 404);
});

test('in English, "Tugas saya" and the queue name the open step in the procedure\'s English words', async () => {
  const number = await openCase();
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { csrf: desk.csrf, outcome: 'done' })).status, 303);
  addUser(s.dir, 'desk-en', 'helpdesk', 'desk-en-password-2026');
  const en = await webSession(s.url, 'desk-en', 'desk-en-password-2026');
  assert.equal((await en.post('/bahasa', { csrf: en.csrf, lang: 'en', next: '/tugas' })).status, 303);
  for (const path of ['/tugas', `/kasus?q=${number}`, '/kasus?role=helpdesk']) {
    const r = await en.get(path);
    assert.equal(r.status, 200, path);
    const row = r.text.match(new RegExp(`<tr[^>]*><td[^>]*><a class="mono" href="/kasus/${number}">[\\s\\S]*?</tr>`));
    assert.ok(row, `${path}: the case is listed`);
    assert.match(row[0], /<strong>2\.<\/strong> Answer the phone kindly and politely, and greet/, path);
    assert.doesNotMatch(row[0], /Menerima telepon/, `${path}: not the Indonesian wording`);
  }
});

test('a cancelled case says when it was cancelled, and its open step as stopped by the cancelling, not done', async () => {
  const number = await openCase();
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { csrf: desk.csrf, outcome: 'done' })).status, 303);
  const r = await desk.post(`/kasus/${number}/batalkan`, { csrf: desk.csrf, reason: 'Penelepon menutup telepon' });
  assert.equal(r.status, 303);
  const page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /<dt>Dibatalkan<\/dt><dd>23 November 2026, 09\.00 WIB · setelah 0 detik<\/dd>/);
  assert.doesNotMatch(page.text, /<dt>Ditutup<\/dt>/, 'not called closed');
  const step2 = page.text.match(/<li id="langkah-2"[\s\S]*?<\/li>/)[0];
  assert.match(step2, /<p>dihentikan karena kasus dibatalkan, setelah 0 detik; /);
  assert.match(step2, /<p class="muted">dibatalkan oleh <span title="meja">meja<\/span><\/p>/, 'meja has no full name: the username');
  assert.doesNotMatch(step2, /selesai dalam|>oleh <span/, 'the step was not done');
  const step1 = page.text.match(/<li id="langkah-1"[\s\S]*?<\/li>/)[0];
  assert.match(step1, /selesai dalam/, 'a step done before stays done');
  // a member of staff with a name reads by name, the username on hover
  const other = await openCase();
  const admin = await webSession(s.url);
  assert.equal((await admin.post(`/kasus/${other}/langkah/1`, { csrf: admin.csrf, outcome: 'done' })).status, 303);
  const step = (await admin.get(`/kasus/${other}`)).text.match(/<li id="langkah-1"[\s\S]*?<\/li>/)[0];
  assert.match(step, /<p class="muted">oleh <span title="admin">Administrator<\/span><\/p>/);
});

test('a step under an office-time standard shows the office time it took beside the real time', async () => {
  // opened just before the lunch break, step 3 finished just after it
  const s1 = await startServer({ env: { LOKET_TEST_NOW: '2026-11-23T11:58:00+07:00' } });
  const dir = s1.dir;
  let number;
  try {
    addUser(dir, 'meja', 'helpdesk', 'meja-password-2026');
    const w = await webSession(s1.url, 'meja', 'meja-password-2026');
    const r = await w.post('/kasus', { ...phoneCase(), csrf: w.csrf });
    number = r.headers.get('location').split('/')[2].split('?')[0];
    for (const no of [1, 2]) assert.equal((await w.post(`/kasus/${number}/langkah/${no}`, { csrf: w.csrf, outcome: 'done' })).status, 303);
  } finally {
    await s1.stop({ keep: true });
  }
  const s2 = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-11-23T13:01:00+07:00' } });
  try {
    const w = await webSession(s2.url, 'meja', 'meja-password-2026');
    assert.equal((await w.post(`/kasus/${number}/langkah/3`, { csrf: w.csrf, outcome: 'done', item: '1' })).status, 303);
    const page = await w.get(`/kasus/${number}`);
    assert.match(page.text, /selesai dalam 3 menit jam kerja \(1 jam 3 menit\); standar 2 menit jam kerja/);
    assert.match(page.text, /Melewati standar/);
    // and in English
    const en = await w.get(`/kasus/${number}?lang=en`);
    assert.match(en.text, /done in 3 minutes of office time \(1 hour 3 minutes\); standard 2 minutes of office time/);
  } finally {
    await s2.stop();
  }
});

test('the queue pages by keyset: the older page follows on from the first, with the filters kept', async () => {
  for (let i = 0; i < 52; i++) await openCase({ subject: `Antrian ${i}` });
  const first = await desk.get('/kasus?q=Antrian');
  const numbers = (t) => [...t.matchAll(/<a class="mono" href="\/kasus\/([A-Z0-9-]+)">/g)].map((m) => m[1]);
  const a = numbers(first.text);
  assert.equal(a.length, 50);
  const next = first.text.match(/<a href="\/kasus\?([^"]+)" rel="next">/);
  assert.ok(next, 'a link to the older page');
  const href = next[1].replace(/&amp;/g, '&');
  assert.match(href, /q=Antrian/);
  const older = await desk.get('/kasus?' + href);
  const b = numbers(older.text);
  assert.equal(b.length, 2);
  assert.ok(b.every((n) => !a.includes(n)), 'no case twice');
  assert.match(older.text, /href="\/kasus\?status=&amp;sop=&amp;role=&amp;q=Antrian"/, 'back to the newest');
});

test('a decision that goes back names on the timeline the step it went back to (BTG-006 step 9 → 8)', async () => {
  const number = await openCase({ sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'Pendampingan unggah' });
  addUser(s.dir, 'latih', 'trainer', 'trainer-password-2026');
  const trainer = await webSession(s.url, 'latih', 'trainer-password-2026');
  // steps 6–8 are the trainer's, the others the helpdesk's (the opener follows the requester's)
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'yes'], [5, 'done'], [6, 'no'], [7, 'done'], [8, 'no']]) {
    const who = no>=6 ? trainer : desk;
    const r = await who.post(`/kasus/${number}/langkah/${no}`, { csrf: who.csrf, outcome });
    assert.equal(r.status, 303, `step ${no}: ${r.text.slice(0, 300)}`);
  }
  // step 9 open: its "back" is not taken yet; once answered Ya it names step 8
  const r = await desk.post(`/kasus/${number}/langkah/9`, { csrf: desk.csrf, outcome: 'yes' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const page = (await desk.get(`/kasus/${number}`)).text;
  const step9 = page.slice(page.indexOf('id="langkah-9"'), page.indexOf('id="langkah-10"'));
  assert.match(step9, /<p class="branch"><span class="tag branch-yes">Ya<\/span> → kembali ke <a href="#langkah-8">langkah 8<\/a><\/p>/);
  assert.match(page, /id="langkah-8" class="step current" aria-current="step"/);
});

test('a wrong value in the queue\'s address gives the queue again with the error under its filter, 400, not a bare error page', async () => {
  for (const [path, field, msg] of [
    ['/kasus?before=0', 'before', /Posisi halaman tidak valid/],
    ['/kasus?before=x&status=open', 'before', null],
    ['/kasus?before=99999999999999999999999', 'before', null],
    ['/kasus?status=bogus', 'status', null],
    ['/kasus?sop=NOPE', 'sop', null],
    ['/kasus?role=raja&q=login', 'role', null],
    [`/kasus?q=${'x'.repeat(129)}`, 'q', /Teks pencarian terlalu panjang/],
  ]) {
    const r = await desk.get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.text, /<form class="filters card" method="get" action="\/kasus" role="search">/, `${path}: the queue's filters`);
    assert.match(r.text, new RegExp(`<p class="field-error" id="${field}-error">[^<]+</p>`), path);
    if (field === 'q') {
      assert.match(r.text, /<input id="q" name="q" type="search" value="x+" maxlength="128" aria-invalid="true" aria-describedby="q-error">/);
    } else if (field !== 'before') {
      assert.match(r.text, new RegExp(`<select id="${field}" name="${field}" aria-invalid="true" aria-describedby="${field}-error">`), path);
      assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/, path);
    } else {
      // no input of its own: said under the form, once
      assert.ok(r.text.indexOf('id="before-error"') > r.text.indexOf('</form>', r.text.indexOf('class="filters card"')), path);
      assert.doesNotMatch(r.text, /Mohon perbaiki/, path);
    }
    if (msg) assert.match(r.text, msg);
    assert.match(r.text, /<nav class="main"/, 'the whole page, its menu');
  }
  assert.equal((await desk.get(`/kasus?q=${'x'.repeat(128)}`)).status, 200, 'as long as the input takes');
  // what was typed in the filters stays
  assert.match((await desk.get('/kasus?role=raja&q=login')).text, /id="q" name="q" type="search" value="login"/);
  // two wrong at once: each under its own
  const two = await desk.get('/kasus?status=bogus&sop=NOPE');
  assert.match(two.text, /id="status-error"/);
  assert.match(two.text, /id="sop-error"/);
  assert.match(two.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
});

test('the language switch on a refused open-case form leads back to that form, not to the queue', async () => {
  const r = await desk.post('/kasus', phoneCase({ subject: '' }));
  assert.equal(r.status, 400);
  const next = r.text.match(/<form class="lang"[^]*?name="next" value="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, /^\/kasus\/baru\?sop=[^&]+$/);
  const sw = await desk.post('/bahasa', { csrf: desk.csrf, lang: 'en', next });
  assert.equal(sw.status, 303);
  assert.equal(sw.headers.get('location'), next);
  const form = await desk.get(next);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<input type="hidden" name="sop" value="${PHONE}">`));
  await desk.post('/bahasa', { csrf: desk.csrf, lang: 'id', next: '/kasus' });
  // what was typed goes with the switch: the form again, in English, filled as it was sent (nothing opened)
  const typed = await desk.post('/kasus', phoneCase({ subject: '', channel: 'email', impact: 'besar', 'requester.name': 'Siti <Aminah>' }));
  assert.equal(typed.status, 400);
  const again = await switchLanguage(desk, typed.text, 'en');
  assert.equal(again.status, 200);
  assert.match(again.text, /<html lang="en">/);
  const filled = again.text.match(/<form class="card case-new" method="post" action="\/kasus">.*?<\/form>/s)[0];
  assert.match(filled, /<option value="email" selected>E-mail<\/option>/);
  assert.match(filled, /<option value="besar" selected>/);
  assert.doesNotMatch(filled, /<option value="kecil" selected>/, 'the default no longer chosen');
  assert.match(filled, /name="requester\.name"[^>]*value="Siti &lt;Aminah&gt;"/);
  assert.match(filled, /name="requester\.phone"[^>]*value="081234567890"/);
  // and back to Indonesian, still filled
  const back = await switchLanguage(desk, again.text, 'id');
  assert.match(back.text, /<html lang="id">/);
  assert.match(back.text, /name="requester\.name"[^>]*value="Siti &lt;Aminah&gt;"/);
  // the form itself (GET) and the queue keep their own addresses
  assert.match((await desk.get(`/kasus/baru?sop=${PHONE}`)).text, /name="next" value="\/kasus\/baru\?sop=SOP-LPSE\.BTG-017"/);
  assert.match((await desk.get('/kasus?status=open')).text, /name="next" value="\/kasus\?status=open"/);
});

test('the queue picks out the steps that wait outside the office: on the requester, or on a requester\'s role', async () => {
  const number = await openCase({ subject: 'Menunggu penelepon' });   // step 1 is the requester's own call
  const listed = async (role) => {
    const r = await desk.get(`/kasus?role=${role}&q=${number}`);
    assert.equal(r.status, 200, `${role}: ${r.text.slice(0, 300)}`);
    return r.text.includes(`href="/kasus/${number}"`);
  };
  assert.equal(await listed('requester'), true, 'step 1 waits on the requester');
  assert.equal(await listed('helpdesk'), false);
  const page = await desk.get('/kasus');
  assert.match(page.text, /<optgroup label="Menunggu pihak di luar kantor"><option value="requester">Pemohon<\/option>[\s\S]*?<option value="pokja">Pokja<\/option>[\s\S]*?<\/optgroup><\/select>/);
  assert.equal((await desk.post(`/kasus/${number}/langkah/1`, { csrf: desk.csrf, outcome: 'done' })).status, 303);
  assert.equal(await listed('requester'), false, 'taken on to the help desk');
  assert.equal(await listed('helpdesk'), true);
  const sel = await desk.get('/kasus?role=requester');
  assert.match(sel.text, /<option value="requester" selected>/);
});
