// The training pages through forms, as staff and the portal use them: the plan form (a
// bad session re-shows the form naming it), the training's page with its checklist and
// due dates, approval, the portal's registration past capacity to the waiting list, the
// sign-in sheet ticked on a tablet, the Q&A time flagged under 15 minutes, the calendar
// of trainings for staff and on the portal, the QR page and the report form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer, webSession, sqlite, login, request, cli, switchLanguage, initData, addUser } from './lib.mjs';

const form = (extra = {}) => ({
  title: 'Training SPSE untuk Pokja', description: 'Tender cepat', audience: 'pokja', capacity: '1',
  venue: 'Aula Setda', facilities: 'Ruang pelatihan\nKonsumsi', trainers: 'Budi Santoso',
  s1_title: 'Tender cepat', s1_date: '2026-05-18', s1_start: '08:00', s1_end: '12:00',
  budget: 'Konsumsi | 1.500.000', portal: '1', questionnaire: '2', ...extra,
});

test('the training pages: plan, checklist, portal, sign-in sheet, calendars, report form', async () => {
  let s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    let w = await webSession(s.url);
    // a questionnaire template from lines; the plan form offers it
    let r = await w.post('/pelatihan/kuesioner', { csrf: w.csrf, name: 'Kuesioner Pokja',
      items: 'likert: Materi mudah dipahami\npilihan: Sesi favorit | Pendaftaran | Penawaran\nteks: Saran' });
    assert.equal(r.status, 303);
    r = await w.get('/pelatihan/kuesioner');
    assert.match(r.text, /<h2>Kuesioner Pokja<\/h2><ol><li>Materi mudah dipahami <small>\(likert\)<\/small><\/li><li>Sesi favorit <small>\(pilihan\)<\/small><ul><li>Pendaftaran<\/li><li>Penawaran<\/li><\/ul><\/li><li>Saran <small>\(teks\)<\/small>/);
    r = await w.post('/pelatihan/kuesioner', { csrf: w.csrf, name: 'Rusak', items: 'likert: Jelas\npilihan: Hanya satu | A' });
    assert.equal(r.status, 400);
    // the form again with what was typed, the error under the items (not an error page naming "items.2")
    assert.match(r.text, /<form method="post" action="\/pelatihan\/kuesioner" class="card form" id="kuesioner-baru">/);
    assert.match(r.text, /name="name" required maxlength="200" value="Rusak">/);
    assert.match(r.text, /aria-invalid="true" aria-describedby="items-error">likert: Jelas\npilihan: Hanya satu \| A<\/textarea><p class="field-error" id="items-error">/);
    assert.doesNotMatch(r.text, /items\.\d|items:/);
    // above the form, as every form says it: correct the field marked below (or the fields)
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p><\/div>/);
    r = await w.post('/pelatihan/kuesioner', { csrf: w.csrf, name: '', items: 'tanpa titik dua' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p><\/div>/);
    assert.match(r.text, /id="name-error"/);
    assert.match(r.text, /id="items-error"/);
    r = await w.get('/pelatihan/baru');
    assert.equal(r.status, 200);
    assert.match(r.text, /<option value="2">Kuesioner Pokja<\/option>/);
    r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ s1_end: '07:00' }) });
    assert.equal(r.status, 400);
    assert.match(r.text, /harus setelah waktu mulai/);
    assert.match(r.text, /value="Training SPSE untuk Pokja"/);      // the form keeps what was typed
    r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form() });
    assert.equal(r.status, 303);
    const loc = r.headers.get('location');
    const id = loc.match(/^\/pelatihan\/(\d+)\?/)[1];
    r = await w.get(`/pelatihan/${id}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Rencana menunggu persetujuan/);
    assert.match(r.text, /Materi training siap <small>\(H-2 hari kerja\)<\/small><\/td><td>12 Mei 2026, 16\.00 WIB/);
    assert.match(r.text, /Konsumsi: Rp 1\.500\.000/);
    assert.match((await w.get(`/pelatihan/${id}?lang=en`)).text, /Konsumsi: Rp 1,500,000/, 'grouped the English way in English');
    assert.match(r.text, /Materi mudah dipahami/);                   // the plan's questionnaire is the one chosen
    // the plan form again, filled with the plan; a change saved before approval
    r = await w.get(`/pelatihan/${id}/ubah`);
    assert.match(r.text, /name="title" required maxlength="200" value="Training SPSE untuk Pokja"/);
    assert.match(r.text, /name="s1_date" aria-label="Tanggal" value="2026-05-18"/);
    assert.match(r.text, /name="s1_end" aria-label="Selesai" value="12:00"/);
    assert.match(r.text, /Konsumsi \| 1500000<\/textarea>/);
    assert.match(r.text, /value="pokja" checked/);
    r = await w.post(`/pelatihan/${id}/ubah`, { csrf: w.csrf, ...form({ s1_end: '13:00' }) });
    assert.equal(r.status, 303);
    assert.match((await w.get(`/pelatihan/${id}`)).text, /18 Mei 2026, 08\.00–13\.00 WIB/);
    r = await w.post(`/pelatihan/${id}/setujui`, { csrf: w.csrf });
    assert.equal(r.status, 303);
    r = await w.get(`/pelatihan/${id}`);
    assert.match(r.text, /Disetujui: dalam persiapan/);
    const item = r.text.match(new RegExp(`/pelatihan/${id}/persiapan/(\\d+)`))[1];
    r = await w.post(`/pelatihan/${id}/persiapan/${item}`, { csrf: w.csrf, done: '1' });
    assert.equal(r.status, 303);
    assert.match((await w.get(`/pelatihan/${id}`)).text, /tepat waktu/);

    // the portal: one seat, then the waiting list
    const anon = { get: (p) => fetch(s.url + p).then(async (x) => ({ status: x.status, text: await x.text() })) };
    r = await anon.get('/portal/pelatihan');
    assert.equal(r.status, 200);
    assert.match(r.text, /Training SPSE untuk Pokja/);
    assert.match(r.text, /sisa tempat 1/);
    assert.match(r.text, /class="event" href="\/portal\/pelatihan\/\d+\/daftar">Training SPSE untuk Pokja/);
    assert.match(r.text, /<p class="audience">Sasaran peserta: Pokja<\/p>/);   // whom it is for, in words
    const p = await webSession(s.url);         // a browser on the portal (signed in or not, the form is public)
    // the roles in words, not codes
    const regForm = await p.get(`/portal/pelatihan/${id}/daftar`);
    assert.match(regForm.text, /<p class="audience">Sasaran peserta: Pokja<\/p>/);
    assert.match(regForm.text, /<option value="pejabat_pengadaan">[^<]*Pejabat[^<]*<\/option>/i);
    assert.match(regForm.text, /<option value="instansi">Pegawai instansi<\/option>/);
    r = await p.post(`/portal/pelatihan/${id}/daftar`, { csrf: p.csrf, name: 'Ani', agency: 'Pokja 1', email: 'ani@setda.go.id', role: 'pokja' });
    assert.equal(r.status, 303);
    assert.match((await p.get(r.headers.get('location'))).text, /Anda terdaftar/);
    r = await p.post(`/portal/pelatihan/${id}/daftar`, { csrf: p.csrf, name: 'Bayu', agency: 'Pokja 2', email: 'bayu@setda.go.id', role: 'pokja' });
    assert.equal(r.status, 303);
    assert.match((await p.get(r.headers.get('location'))).text, /Anda masuk daftar tunggu/);
    r = await p.post(`/portal/pelatihan/${id}/daftar`, { csrf: p.csrf, name: 'Bayu', agency: 'Pokja 2', email: 'bukan-email', role: 'pokja' });
    assert.equal(r.status, 400);
    assert.match(r.text, /aria-invalid="true"/);
    // refused: the role chosen stays chosen (not back to the first, "Penyedia"); above the form, what to do
    assert.match(r.text, /<option value="pokja" selected>/);
    assert.doesNotMatch(r.text, /<option value="penyedia" selected>/);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p>/);
    assert.match(r.text, /id="email-error">/);
    // three fields wrong at once: each marked under its own field, one notice above
    r = await p.post(`/portal/pelatihan/${id}/daftar`, { csrf: p.csrf, name: '', agency: 'Pokja 2', email: 'bukan-email', phone: '0812', role: 'pokja' });
    assert.equal(r.status, 400);
    for (const f of ['name', 'email', 'phone']) {
      assert.match(r.text, new RegExp(`aria-invalid="true" aria-describedby="${f}-error"`), f);
      assert.match(r.text, new RegExp(`id="${f}-error">[^<]+<`), f);
    }
    assert.doesNotMatch(r.text, /id="agency-error"/);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p>/);
    assert.match(r.text, /value="Pokja 2"/, 'what was typed is kept');
    // and kept when the language is switched there: the registration form again, in English
    const en = await switchLanguage(p, r.text, 'en');
    assert.equal(en.status, 200);
    assert.match(en.text, /<html lang="en">/);
    const filled = en.text.match(new RegExp(`<form[^>]*method="post" action="/portal/pelatihan/${id}/daftar"[^>]*>.*?</form>`, 's'))[0];
    assert.match(filled, /name="agency"[^>]*value="Pokja 2"/);
    assert.match(filled, /name="phone"[^>]*value="0812"/);
    assert.match(filled, /<option value="pokja" selected>/);
    await p.post('/bahasa', { csrf: p.csrf, lang: 'id', next: '/' });
    // the portal's questionnaire: an e-mail left out, under its field, and above the form what to do
    // (the message once, not in the notice too)
    r = await p.post(`/portal/pelatihan/${id}/kuesioner`, { csrf: p.csrf, email: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p><\/div>/);
    assert.match(r.text, /id="email-error">[^<]+</);
    assert.equal(r.text.split(r.text.match(/id="email-error">([^<]+)</)[1]).length, 2, 'the message said once');

    // a failed invitation or question shows the training's page again with the form as typed
    r = await w.post(`/pelatihan/${id}/peserta`, { csrf: w.csrf, name: 'Citra', agency: 'Pokja 3', email: 'bukan-email' });
    assert.equal(r.status, 400);
    assert.match(r.text, /name="name" required placeholder="Nama" aria-label="Nama" value="Citra">/);
    assert.match(r.text, /value="bukan-email" aria-invalid="true" aria-describedby="email-error">/);
    r = await w.post(`/pelatihan/${id}/pertanyaan`, { csrf: w.csrf, session: '1', asker_name: 'Ani', asker_agency: 'Pokja 1', question: 'Kapan jadwal berikutnya?' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<textarea id="q-question" name="question" rows="2" required>Kapan jadwal berikutnya\?<\/textarea>/);
    assert.match(r.text, /id="email-error">wajib diisi untuk pertanyaan yang dijawab kemudian</);

    // the sign-in sheet: seated participants only, ticked one by one — on the day, once the session begins
    // (two weeks early it is refused)
    const early = (await w.get(`/pelatihan/${id}`)).text.match(new RegExp(`/pelatihan/${id}/daftar-hadir/(\\d+)`))[0];
    const epid = (await w.get(early)).text.match(/name="participant" value="(\d+)"/)[1];
    const refused = await w.post(early, { csrf: w.csrf, participant: epid, present: '1' });
    assert.equal(refused.status, 409);
    // the reason in words, not prefixed by the service's field name ("session: …")
    assert.match(refused.text, />Sesi belum dimulai: kehadiran dicatat saat sesi berlangsung</);
    assert.doesNotMatch(refused.text, /session:/);
    await s.stop({ keep: true });
    s = await startServer({ dir: s.dir, env: { LOKET_TEST_NOW: '2026-05-18T08:10:00+07:00' } });
    w = await webSession(s.url);
    r = await w.get(`/pelatihan/${id}`);
    const sheet = r.text.match(new RegExp(`/pelatihan/${id}/daftar-hadir/(\\d+)`))[0];
    r = await w.get(sheet);
    assert.equal(r.status, 200);
    assert.match(r.text, /Ani/);
    assert.doesNotMatch(r.text, /Bayu/);
    const pid = r.text.match(/name="participant" value="(\d+)"/)[1];
    r = await w.post(sheet, { csrf: w.csrf, participant: pid, present: '1' });
    assert.equal(r.status, 303);
    assert.match((await w.get(sheet)).text, /aria-pressed="true">Hadir</);
    const sid = sheet.split('/').pop();
    r = await w.post(`/pelatihan/${id}/sesi/${sid}/tanya-jawab`, { csrf: w.csrf, minutes: '12' });
    assert.equal(r.status, 303);
    assert.match((await w.get(`/pelatihan/${id}`)).text, /12 <span class="late">kurang dari 15 menit<\/span>/);
    // a refused Q&A time: the page again, the value as typed, the error under the field
    r = await w.post(`/pelatihan/${id}/sesi/${sid}/tanya-jawab`, { csrf: w.csrf, minutes: '700' });
    assert.equal(r.status, 400);
    assert.match(r.text, /name="minutes" min="0" max="600" value="700" aria-label="[^"]+" aria-invalid="true" aria-describedby="qa_minutes-error"><button/);
    assert.match(r.text, /<\/form><p class="field-error" id="qa_minutes-error">harus berupa jumlah menit 0 sampai 600<\/p>/);
    // an open question answered with a wrong routing: the same, under that field
    r = await w.post(`/pelatihan/${id}/pertanyaan`, { csrf: w.csrf, session: sid, asker_name: 'Ani', asker_agency: 'Pokja 1',
      question: 'Bagaimana mengganti anggota Pokja?', email: 'ani@setda.go.id', phone: '081234567890' });
    assert.equal(r.status, 303, r.text);
    const qid = (await w.get(`/pelatihan/${id}`)).text.match(new RegExp(`/pelatihan/${id}/pertanyaan/(\\d+)"`))[1];
    r = await w.post(`/pelatihan/${id}/pertanyaan/${qid}`, { csrf: w.csrf, answer: 'Lewat SK baru.', routed_to: 'tidak-ada' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<textarea name="answer" rows="2" aria-label="[^"]+">Lewat SK baru\.<\/textarea>/);
    assert.match(r.text, /value="tidak-ada" aria-invalid="true" aria-describedby="routed_to-error">/);
    assert.match(r.text, /<p class="field-error" id="routed_to-error">bukan pengguna kantor ini<\/p>/);
    r = await w.post(`/pelatihan/${id}/pertanyaan/${qid}`, { csrf: w.csrf, answer: '', routed_to: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="answer-error">wajib diisi</);
    // an answered question offers itself to the knowledge base, with the training's case
    r = await w.post(`/pelatihan/${id}/pertanyaan`, { csrf: w.csrf, session: sid, asker_name: 'Ani', asker_agency: 'Pokja 1',
      question: 'Apa itu tender cepat?', answer: 'Tender tanpa prakualifikasi.' });
    assert.equal(r.status, 303, r.text);
    r = await w.get(`/pelatihan/${id}`);
    const kbLink = r.text.match(/href="(\/kb\/baru\?title=Apa[^"]+)"/)[1].replaceAll('&amp;', '&');
    const caseNo = r.text.match(/<a href="\/kasus\/(LPSE-[^"]+)">/)[1];
    assert.equal(kbLink, `/kb/baru?title=${encodeURIComponent('Apa itu tender cepat?')}&body=${encodeURIComponent('Tender tanpa prakualifikasi.')}&kasus=${caseNo}`);
    r = await w.get(kbLink);
    assert.match(r.text, /value="Apa itu tender cepat\?"/);
    assert.match(r.text, />Tender tanpa prakualifikasi\.<\/textarea>/);

    // calendars, the QR page, the report form
    r = await w.get('/pelatihan/kalender?bulan=2026-05');
    assert.match(r.text, /Mei 2026/);
    assert.match(r.text, new RegExp(`<span class="day">18</span><a class="event" href="/pelatihan/${id}">`));
    r = await w.get(`/pelatihan/${id}/kuesioner-qr`);
    assert.match(r.text, /<div class="qr"><svg/);
    assert.match(r.text, new RegExp(`/portal/pelatihan/${id}/kuesioner</p>`));
    r = await w.get(`/pelatihan/${id}/laporan`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Form laporan training/);
    r = await w.get('/pelatihan');
    assert.match(r.text, /Training SPSE untuk Pokja/);
    // each training's span, as the span formatter writes it (one day: the date once, start–end)
    assert.match(r.text, /<th>Waktu<\/th><th>Pelatihan<\/th>/);
    assert.match(r.text, new RegExp(`<tr><td>18 Mei 2026, 08\\.00–13\\.00 WIB</td><td><a href="/pelatihan/${id}">`));
    assert.match((await w.get('/pelatihan?lang=en')).text, new RegExp(`<tr><td>18 May 2026, 08:00–13:00 WIB</td><td><a href="/pelatihan/${id}">`));
  } finally { await s.stop(); }
});

test('cancelling a training: a reason is required (under its field), the case is cancelled, the participants told, audited, once', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  const db = join(s.dir, 'loket.db');
  const q = (sql) => sqlite(db, sql).stdout.trim();
  try {
    const w = await webSession(s.url);
    let r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ questionnaire: '' }) });
    assert.equal(r.status, 303, r.text);
    const id = r.headers.get('location').match(/^\/pelatihan\/(\d+)\?/)[1];
    r = await w.post(`/pelatihan/${id}/setujui`, { csrf: w.csrf });
    assert.equal(r.status, 303);
    r = await w.post(`/pelatihan/${id}/peserta`, { csrf: w.csrf, name: 'Ani', agency: 'Pokja 1', email: 'ani@setda.go.id' });
    assert.equal(r.status, 303, r.text);
    r = await w.post(`/pelatihan/${id}/peserta`, { csrf: w.csrf, name: 'Bayu', agency: 'Pokja 2', email: 'bayu@setda.go.id' });
    assert.equal(r.status, 303, r.text);
    r = await w.get(`/pelatihan/${id}`);
    assert.match(r.text, new RegExp(`<form method="post" action="/pelatihan/${id}/batal"`));
    r = await w.post(`/pelatihan/${id}/batal`, { csrf: w.csrf, reason: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<textarea id="c-reason" name="reason" rows="2" required aria-invalid="true" aria-describedby="reason-error"><\/textarea><p class="field-error" id="reason-error">wajib diisi<\/p>/);
    assert.equal(q("SELECT count(*) FROM outbox WHERE subject LIKE 'Training dibatalkan%'"), '0');
    r = await w.post(`/pelatihan/${id}/batal`, { csrf: w.csrf, reason: 'Narasumber berhalangan hadir' });
    assert.equal(r.status, 303, r.text);
    r = await w.get(r.headers.get('location'));
    assert.match(r.text, /Training dibatalkan; peserta telah diberi tahu/);
    assert.match(r.text, /<p>Dibatalkan · <a href="\/kasus\/LPSE-/);
    assert.doesNotMatch(r.text, /action="\/pelatihan\/\d+\/batal"/);
    // its preparation not done: no longer wanted, not overdue
    const prep = r.text.match(/<section id="persiapan"[\s\S]*?<\/section>/)[0];
    assert.match(prep, /<td><span>dibatalkan<\/span><\/td>/);
    assert.doesNotMatch(prep, /terlambat|tepat waktu/);
    assert.equal(q(`SELECT t.status || '|' || k.status FROM training t JOIN kasus k ON k.id=t.case_id WHERE t.id=${id}`), 'cancelled|cancelled');
    assert.deepEqual(q("SELECT to_addr FROM outbox WHERE subject='Training dibatalkan: Training SPSE untuk Pokja' ORDER BY to_addr").split('\n'),
      ['ani@setda.go.id', 'bayu@setda.go.id']);
    const body = q("SELECT body FROM outbox WHERE to_addr='ani@setda.go.id' AND subject LIKE 'Training dibatalkan%'").replace(/\s+/g, ' ');
    assert.match(body, /^Yth\. Ani, .*18 Mei 2026.*Alasan: Narasumber berhalangan hadir/);
    assert.match(q(`SELECT detail FROM audit WHERE action='training.cancel' AND object='training/${id}'`), /^cancelled: Narasumber berhalangan hadir; 2 participant\(s\) told$/);
    r = await w.post(`/pelatihan/${id}/batal`, { csrf: w.csrf, reason: 'lagi' });
    assert.equal(r.status, 409);
    // the link in Ani's invitation says the training was cancelled, and why; nothing to answer
    const inv = q("SELECT body FROM outbox WHERE to_addr='ani@setda.go.id' AND body LIKE '%/portal/pelatihan/konfirmasi/%' ORDER BY id LIMIT 1");
    const conf = await (await fetch(`${s.url}${inv.match(/\/portal\/pelatihan\/konfirmasi\/[0-9a-f]{64}/)[0]}`)).text();
    assert.match(conf, /Pelatihan ini dibatalkan\. Alasan: Narasumber berhalangan hadir/);
    assert.doesNotMatch(conf, /name="answer"/);
    // the staff's calendar keeps it, struck through and marked cancelled; a month that is not one says so
    r = await w.get('/pelatihan/kalender?bulan=2026-05');
    assert.match(r.text, new RegExp(`<a class="event cancelled" href="/pelatihan/${id}"><s>Training SPSE untuk Pokja</s> \\(Dibatalkan\\)</a>`));
    // its case archived, it is still a cancelled training (not one reported)
    const kase = q(`SELECT k.number FROM training t JOIN kasus k ON k.id=t.case_id WHERE t.id=${id}`);
    assert.equal((await request(s.url, 'POST', `/api/v1/cases/${kase}/archive`, { token: await login(s.url) })).status, 200);
    r = await w.get('/pelatihan/kalender?bulan=2026-05');
    assert.match(r.text, new RegExp(`<a class="event cancelled" href="/pelatihan/${id}"><s>Training SPSE untuk Pokja</s> \\(Dibatalkan\\)</a>`));
    r = await w.get(`/pelatihan/${id}`);
    assert.match(r.text, /<p>Dibatalkan · <a href="\/kasus\/LPSE-/);
    r = await w.get('/pelatihan/kalender?bulan=2026-13');
    assert.match(r.text, /bulan: harus berupa bulan YYYY-MM \(2000-2100\); bulan ini yang ditampilkan/);
    assert.match(r.text, /Mei 2026/);
    // no longer offered on the portal, nor open for registration
    assert.doesNotMatch(await (await fetch(`${s.url}/portal/pelatihan`)).text(), /Training SPSE untuk Pokja/);
    const reg = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`, { body: { name: 'Citra', agency: 'Pokja 3', email: 'citra@setda.go.id', role: 'pokja' } });
    assert.equal(reg.status, 409, reg.text);
    // the same through the API
    const token = await login(s.url);
    r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ questionnaire: '', title: 'Training kedua' }) });
    const id2 = r.headers.get('location').match(/^\/pelatihan\/(\d+)\?/)[1];
    let a = await request(s.url, 'POST', `/api/v1/trainings/${id2}/cancel`, { token, body: {} });
    assert.equal(a.status, 400);
    assert.equal(a.json.error.field, 'reason');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id2}/cancel`, { token, body: { reason: 'Anggaran dialihkan' } });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.status, 'cancelled');
    assert.equal(q(`SELECT k.status FROM training t JOIN kasus k ON k.id=t.case_id WHERE t.id=${id2}`), 'cancelled');
    // cancelled already: the 409 says so, not that the training was held
    a = await request(s.url, 'POST', `/api/v1/trainings/${id2}/cancel`, { token, body: { reason: 'Anggaran dialihkan' } });
    assert.equal(a.status, 409, a.text);
    assert.equal(a.json.error.field, 'status');
    assert.match(a.json.error.message, /sudah dibatalkan/);
    a = await request(s.url, 'POST', `/api/v1/trainings/${id2}/reschedule?lang=en`, { token, body: { reason: 'Ruang siap',
      sessions: [{ title: 'Hari 1', starts_at: '2026-06-01 08:00', ends_at: '2026-06-01 12:00' }] } });
    assert.equal(a.status, 409, a.text);
    assert.equal(a.json.error.field, 'status');
    assert.match(a.json.error.message, /cancelled training is not moved/);
  } finally { await s.stop(); }
});

test('a questionnaire template edited through its form: the lines shown, a bad line or a taken name re-shown under the field, then saved and audited', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  const q = (sql) => sqlite(join(s.dir, 'loket.db'), sql).stdout.trim();
  try {
    const w = await webSession(s.url);
    let r = await w.post('/pelatihan/kuesioner', { csrf: w.csrf, name: 'Kuesioner Uji', items: 'likert: Materi jelas\npilihan: Hari | Senin | Selasa\nteks: Saran' });
    assert.equal(r.status, 303);
    r = await w.get('/pelatihan/kuesioner');
    const links = [...r.text.matchAll(/<a href="\/pelatihan\/kuesioner\/(\d+)\/ubah">Ubah<\/a>/g)].map((m) => m[1]);
    assert.equal(links.length, 2, 'the standard one and ours');
    const id = links[1];
    r = await w.get(`/pelatihan/kuesioner/${id}/ubah`);
    assert.equal(r.status, 200);
    assert.match(r.text, /name="name" required maxlength="200" value="Kuesioner Uji">/);
    assert.match(r.text, />likert: Materi jelas\npilihan: Hari \| Senin \| Selasa\nteks: Saran<\/textarea>/);
    r = await w.post(`/pelatihan/kuesioner/${id}/ubah`, { csrf: w.csrf, name: 'Kuesioner Uji', items: 'likert: Materi jelas\npilihan: Hari | Senin' });
    assert.equal(r.status, 400);
    assert.match(r.text, /aria-invalid="true" aria-describedby="items-error">likert: Materi jelas\npilihan: Hari \| Senin<\/textarea><p class="field-error" id="items-error">/);
    r = await w.post(`/pelatihan/kuesioner/${id}/ubah`, { csrf: w.csrf, name: 'Kuesioner evaluasi training (standar)', items: 'likert: A' });
    assert.equal(r.status, 409);
    assert.match(r.text, /value="Kuesioner evaluasi training \(standar\)" aria-invalid="true" aria-describedby="name-error"><p class="field-error" id="name-error">/);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p><\/div>/);
    r = await w.post(`/pelatihan/kuesioner/${id}/ubah`, { csrf: w.csrf, name: '', items: 'tanpa titik dua' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p><\/div>/);
    r = await w.post(`/pelatihan/kuesioner/${id}/ubah`, { csrf: w.csrf, name: 'Kuesioner Uji 2', items: 'teks: Kesan\nlikert: Materi jelas' });
    assert.equal(r.status, 303, r.text);
    r = await w.get('/pelatihan/kuesioner');
    assert.match(r.text, /<h2>Kuesioner Uji 2<\/h2><ol><li>Kesan <small>\(teks\)<\/small><\/li><li>Materi jelas <small>\(likert\)<\/small><\/li><\/ol>/);
    assert.equal(q(`SELECT detail FROM audit WHERE action='training.questionnaire.update' AND object='questionnaire/${id}'`), 'Kuesioner Uji 2; 2 item(s)');
    assert.equal(q(`SELECT count(*) FROM tq_item WHERE template_id=${id}`), '2');
  } finally { await s.stop(); }
});

test('the plan form keeps every session: a plan of six sessions edited through the form still has six, and a seventh can be added', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const token = await login(s.url);
    const sessions = [];
    for (let d = 0; d < 6; d++) {
      const day = `2026-06-${String(8 + d).padStart(2, '0')}`;
      sessions.push({ title: `Sesi ${d + 1}`, starts_at: `${day} 08:00`, ends_at: `${day} 12:00` });
    }
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: {
      title: 'Training enam sesi', audience: ['penyedia'], capacity: 10, venue: 'Aula', trainers: ['Budi Santoso'], sessions } });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    const w = await webSession(s.url);
    let page = await w.get(`/pelatihan/${id}/ubah`);
    assert.match(page.text, /name="s6_title"[^>]*value="Sesi 6"/);
    assert.match(page.text, /name="s6_end"[^>]*value="12:00"/);
    assert.match(page.text, /name="s7_title"[^>]*value=""/, 'an empty row to add one');
    // the form as the browser sends it: every field of the page, the title changed
    const fields = {};
    for (const m of page.text.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
    for (const m of page.text.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = m[2];
    fields.audience = 'penyedia';
    r = await w.post(`/pelatihan/${id}/ubah`, { ...fields, csrf: w.csrf, title: 'Training enam sesi (ubah)',
      s7_title: 'Sesi 7', s7_date: '2026-06-15', s7_start: '08:00', s7_end: '12:00' });
    assert.equal(r.status, 303, r.text);
    const t = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json;
    assert.equal(t.title, 'Training enam sesi (ubah)');
    assert.equal(t.sessions.length, 7);
    assert.equal(t.ends_at, '2026-06-15T05:00:00Z');
  } finally { await s.stop(); }
});

test('the training portal of an office other than the first keeps its office on every link (home, months)', async () => {
  const s = await startServer();
  try {
    const add = cli(['office', 'add', 'LPSE-KAB', '--name', 'LPSE Kabupaten', '--tz', 'WITA', '--data', s.dir]);
    assert.equal(add.status, 0, add.stderr);
    const get = (p) => fetch(s.url + p).then(async (x) => ({ status: x.status, text: await x.text() }));
    let r = await get('/portal/pelatihan?office=LPSE-KAB');
    assert.equal(r.status, 200);
    assert.match(r.text, /LPSE Kabupaten/, 'the office is named in the header');
    assert.match(r.text, /href="\/portal\?office=LPSE-KAB"/, 'portal home keeps the office');
    const months = [...r.text.matchAll(/<nav class="month"><a href="([^"]+)">.*?<a href="([^"]+)">/g)][0];
    assert.ok(months, 'the month links are there');
    for (const h of [months[1], months[2]]) assert.match(h, /^\/portal\/pelatihan\?bulan=\d{4}-\d\d&amp;office=LPSE-KAB$/, h);
    r = await get(months[2].replaceAll('&amp;', '&'));
    assert.equal(r.status, 200);
    assert.match(r.text, /LPSE Kabupaten/, 'the next month is still that office');
    // the first office's portal is unchanged
    r = await get('/portal/pelatihan');
    assert.match(r.text, /href="\/portal"/);
    assert.match(r.text, /href="\/portal\/pelatihan\?bulan=\d{4}-\d\d"/);
    // an office that does not exist: not found, the parameter named (on the portal's other pages too)
    for (const path of ['/portal/pelatihan', '/portal', '/portal/kirim', '/portal/verifikasi', '/portal/akun']) {
      r = await get(`${path}?office=TIDAK-ADA`);
      assert.equal(r.status, 404, path);
      assert.match(r.text, /<div class="notice error" role="alert"><p>Tidak ada kantor dengan kode yang diberikan \(office\)<\/p><\/div>/, path);
    }
  } finally {
    await s.stop();
  }
});

test('moving an approved training: the sessions on other days, the deadlines counted again, the participants told with the reason, audited', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  const db = join(s.dir, 'loket.db');
  const q = (sql) => sqlite(db, sql).stdout.trim();
  try {
    const w = await webSession(s.url);
    const token = await login(s.url);
    let r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ questionnaire: '', capacity: '5' }) });
    assert.equal(r.status, 303, r.text);
    const id = r.headers.get('location').match(/^\/pelatihan\/(\d+)\?/)[1];
    r = await w.post(`/pelatihan/${id}/setujui`, { csrf: w.csrf });
    assert.equal(r.status, 303);
    for (const [name, email] of [['Ani', 'ani@setda.go.id'], ['Bayu', 'bayu@setda.go.id']]) {
      r = await w.post(`/pelatihan/${id}/peserta`, { csrf: w.csrf, name, agency: 'Pokja', email });
      assert.equal(r.status, 303, r.text);
    }
    const before = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json;
    const number = before.number;
    const tasks = async () => (await request(s.url, 'GET', `/api/v1/cases/${number}`, { token })).json.steps.find((x) => x.no === 2).tasks.map((t) => t.due_at);
    const tasksBefore = await tasks();
    assert.equal(before.checklist.find((c) => c.kind === 'materials').due_at, '2026-05-12T09:00:00Z');   // H-2 before 18 May (14-15 May are days off)
    // the page offers the form, filled with the sessions; a reason is required, the sessions keep what was typed
    r = await w.get(`/pelatihan/${id}`);
    assert.match(r.text, new RegExp(`<form method="post" action="/pelatihan/${id}/jadwal" class="form" id="jadwal"><h4>Ubah jadwal training</h4>`));
    assert.match(r.text, /name="s1_date" aria-label="Tanggal" value="2026-05-18"/);
    r = await w.post(`/pelatihan/${id}/jadwal`, { csrf: w.csrf, s1_title: 'Tender cepat', s1_date: '2026-06-08', s1_start: '08:00', s1_end: '12:00', reason: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /<textarea id="j-reason" name="reason" rows="2" required aria-invalid="true" aria-describedby="reason-error"><\/textarea><p class="field-error" id="reason-error">Kolom ini wajib diisi<\/p>/);
    assert.match(r.text, /name="s1_date" aria-label="Tanggal" value="2026-06-08"/);
    r = await w.post(`/pelatihan/${id}/jadwal`, { csrf: w.csrf, s1_title: 'Tender cepat', s1_date: '2026-06-08', s1_start: '08:00', s1_end: '07:00', reason: 'Aula dipakai' });
    assert.equal(r.status, 400);
    assert.match(r.text, /harus setelah waktu mulai/);
    assert.equal(q("SELECT count(*) FROM outbox WHERE subject LIKE 'Jadwal training diubah%'"), '0');
    r = await w.post(`/pelatihan/${id}/jadwal`, { csrf: w.csrf, s1_title: 'Tender cepat', s1_date: '2026-06-08', s1_start: '08:00', s1_end: '12:00',
      s2_title: 'Praktik', s2_date: '2026-06-09', s2_start: '08:00', s2_end: '12:00', reason: 'Aula dipakai untuk acara bupati' });
    assert.equal(r.status, 303, r.text);
    r = await w.get(r.headers.get('location'));
    assert.match(r.text, /Jadwal training diubah; peserta telah diberi tahu/);
    const after = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json;
    assert.equal(after.status, 'approved');
    assert.deepEqual(after.sessions.map((x) => [x.no, x.title, x.starts_at, x.ends_at]),
      [[1, 'Tender cepat', '2026-06-08T01:00:00Z', '2026-06-08T05:00:00Z'], [2, 'Praktik', '2026-06-09T01:00:00Z', '2026-06-09T05:00:00Z']]);
    assert.equal(after.checklist.find((c) => c.kind === 'materials').due_at, '2026-06-04T09:00:00Z');   // H-2 before Monday 8 June
    assert.equal(after.checklist.find((c) => c.kind === 'trainers').due_at, '2026-05-29T09:30:00Z');   // H-5: 1 June (Pancasila) is off; Fridays close at 16.30
    // the case's step 2 tasks count from the new start as well
    const tasksAfter = await tasks();
    assert.notDeepEqual(tasksAfter, tasksBefore);
    assert.ok(tasksAfter.includes('2026-06-04T09:00:00Z'), tasksAfter.join(' '));
    // both are told, with the old and new days and the reason
    assert.deepEqual(q("SELECT to_addr FROM outbox WHERE subject='Jadwal training diubah: Training SPSE untuk Pokja' ORDER BY to_addr").split('\n'),
      ['ani@setda.go.id', 'bayu@setda.go.id']);
    const body = q("SELECT body FROM outbox WHERE to_addr='ani@setda.go.id' AND subject LIKE 'Jadwal training diubah%'").replace(/\s+/g, ' ');
    assert.match(body, /^Yth\. Ani, .*Jadwal semula: .*18 Mei 2026.*Jadwal baru: .*8 Juni 2026.*Alasan: Aula dipakai untuk acara bupati/);
    // each carries the participant's own link (not stored: a MAC over the participant), which opens her
    // confirmation page and takes her answer; the invitation's link keeps working; a link altered does not
    const own = (to) => q(`SELECT body FROM outbox WHERE to_addr='${to}' AND subject LIKE 'Jadwal training diubah%'`)
      .match(/\n(\S+\/portal\/pelatihan\/konfirmasi\/(\d+-[0-9a-f]{32}))\n/);
    const [, aniLink, aniToken] = own('ani@setda.go.id');
    assert.ok(aniLink.startsWith(`${s.url}/`), aniLink);
    assert.notEqual(own('bayu@setda.go.id')[2], aniToken);
    r = await w.get(`/portal/pelatihan/konfirmasi/${aniToken}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<p id="participant">Ani, Pokja · ani@setda\.go\.id<\/p>/);
    r = await w.post(`/portal/pelatihan/konfirmasi/${aniToken}`, { csrf: w.csrf, answer: 'confirmed' });
    assert.equal(r.status, 303, r.text);
    assert.equal(q("SELECT rsvp FROM training_participant WHERE email='ani@setda.go.id'"), 'confirmed');
    const invited = q("SELECT body FROM outbox WHERE to_addr='ani@setda.go.id' AND subject LIKE 'Undangan training%'").match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})\n/)[1];
    assert.equal((await w.get(`/portal/pelatihan/konfirmasi/${invited}`)).status, 200);
    const [pid, mac] = aniToken.split('-');
    for (const bad of [`${pid}-${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`, `${Number(pid) + 1}-${mac}`, `${pid}-${mac.slice(1)}`]) {
      const page = await w.get(`/portal/pelatihan/konfirmasi/${bad}`);
      assert.equal(page.status, 404, bad);
      assert.match(page.text, /Tautan ini tidak berlaku/, 'what the link is, as its answer says, not a bare "not found"');
    }
    assert.match(q(`SELECT detail FROM audit WHERE action='training.reschedule' AND object='training/${id}'`),
      /^starts 2026-06-08T01:00:00Z, was 2026-05-18T01:00:00Z: Aula dipakai untuk acara bupati; 2 participant\(s\) told$/);
    // through the API: the reason and the sessions named when wrong; a training held is not moved
    let a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'A', starts_at: '2026-06-15 08:00', ends_at: '2026-06-15 12:00' }] } });
    assert.equal(a.status, 400);
    assert.equal(a.json.error.field, 'reason');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'A', starts_at: 'besok', ends_at: '2026-06-15 12:00' }], reason: 'x' } });
    assert.equal(a.status, 400);
    assert.equal(a.json.error.field, 'sessions.starts_at');
    // not into the past: the start must be still ahead (nothing moved, nobody told)
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'A', starts_at: '2026-01-05 08:00', ends_at: '2026-01-05 12:00' }], reason: 'Mundur' } });
    assert.equal(a.status, 400, a.text);
    assert.equal(a.json.error.field, 'sessions.starts_at');
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json.starts_at, '2026-06-08T01:00:00Z');
    assert.equal(q("SELECT count(*) FROM outbox WHERE subject LIKE 'Jadwal training diubah%'"), '2');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [], reason: 'x' } });
    assert.equal(a.json.error.field, 'sessions');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'A', starts_at: '2026-06-15 08:00', ends_at: '2026-06-15 12:00' }], reason: 'Narasumber sakit', extra: 1 } });
    assert.equal(a.status, 400);
    assert.equal(a.json.error.field, 'extra');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'Tender cepat', starts_at: '2026-06-15 08:00', ends_at: '2026-06-15 12:00' }], reason: 'Narasumber sakit' } });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.sessions.length, 1);
    assert.equal(a.json.starts_at, '2026-06-15T01:00:00Z');
    assert.equal(q("SELECT count(*) FROM outbox WHERE subject LIKE 'Jadwal training diubah%'"), '4');
    const cancelled = await request(s.url, 'POST', `/api/v1/trainings/${id}/cancel`, { token, body: { reason: 'Anggaran dialihkan' } });
    assert.equal(cancelled.status, 200);
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { sessions: [{ title: 'A', starts_at: '2026-07-06 08:00', ends_at: '2026-07-06 12:00' }], reason: 'lagi' } });
    assert.equal(a.status, 409);
    assert.equal(a.json.error.field, 'status');
  } finally { await s.stop(); }
});

test('the portal\'s training pages: the portal menu, registering by POST-redirect-GET to the private link (a reload registers nothing), a same-day span written once, in both languages', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-02T09:00:00+07:00' } });
  try {
    const token = await login(s.url);
    const mk = async (title, sessions) => {
      const r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: {
        title, audience: ['penyedia'], capacity: 1, venue: 'Aula LPSE', trainers: ['Budi Santoso'], portal: true, sessions } });
      assert.equal(r.status, 201, r.text);
      assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${r.json.id}/approve`, { token, body: {} })).status, 200);
      return r.json.id;
    };
    const id = await mk('Training satu hari', [{ title: 'Tender cepat', starts_at: '2026-12-01 08:00', ends_at: '2026-12-01 12:00' }]);
    await mk('Training dua hari', [{ title: 'Hari 1', starts_at: '2026-12-02 08:00', ends_at: '2026-12-02 12:00' },
      { title: 'Hari 2', starts_at: '2026-12-03 08:00', ends_at: '2026-12-03 12:00' }]);
    const w = await webSession(s.url);
    // the staff page: the training and its session written as one day
    let r = await w.get(`/pelatihan/${id}`);
    assert.match(r.text, /<dd>1 Desember 2026, 08\.00–12\.00 WIB<\/dd>/);
    assert.match(r.text, /<td>1\. Tender cepat<\/td><td>1 Desember 2026, 08\.00–12\.00 WIB/);
    assert.doesNotMatch(r.text, /WIB – 1 Desember/);
    assert.match((await w.get(`/pelatihan/${id}?lang=en`)).text, /<dd>1 December 2026, 08:00–12:00 WIB<\/dd>/);
    // the portal's list: the portal menu (trainings marked), one day written once, two days in full
    const list = await fetch(`${s.url}/portal/pelatihan`).then((x) => x.text());
    assert.match(list, /<nav class="portal" aria-label="Menu portal">.*<a href="\/portal\/pelatihan" aria-current="page">Pelatihan<\/a>.*<a href="\/portal\/verifikasi">Jadwal verifikasi<\/a>/);
    assert.doesNotMatch(list, /Beranda portal<\/a><\/p>/, 'no lone home link');
    assert.match(list, /<p>1 Desember 2026, 08\.00–12\.00 WIB<\/p>/);
    assert.match(list, /<p>2 Desember 2026, 08\.00 WIB – 3 Desember 2026, 12\.00 WIB<\/p>/);
    const en = await fetch(`${s.url}/portal/pelatihan?lang=en`).then((x) => x.text());
    assert.match(en, /<p>1 December 2026, 08:00–12:00 WIB<\/p>/);
    assert.match(en, /<p>2 December 2026, 08:00 WIB – 3 December 2026, 12:00 WIB<\/p>/);
    assert.match(en, /aria-current="page">Trainings<\/a>/);
    // the registration form carries the portal menu too
    assert.match((await w.get(`/portal/pelatihan/${id}/daftar`)).text, /<nav class="portal"[^>]*>.*aria-current="page">Pelatihan<\/a>/);
    // registering answers 303 to the registration's private link (the mailed one), not a page to reload
    r = await w.post(`/portal/pelatihan/${id}/daftar`, { csrf: w.csrf, name: 'Sari', agency: 'CV Sari', email: 'sari@cvsari.co.id', role: 'penyedia' });
    assert.equal(r.status, 303, r.text);
    const loc = r.headers.get('location');
    const tok = loc.match(/^\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})\?baru=1$/)[1];
    const q = (sql) => sqlite(join(s.dir, 'loket.db'), sql).stdout.trim();
    const mail = q("SELECT body FROM outbox WHERE to_addr='sari@cvsari.co.id'");
    assert.ok(mail.includes(`/portal/pelatihan/konfirmasi/${tok}`), 'the same private link as mailed');
    assert.match(mail, /Waktu: +1 Desember 2026, 08\.00–12\.00 WIB\n/);
    for (let i = 0; i < 2; i++) {                 // shown, and shown again on a reload: still one registration
      r = await w.get(loc);
      assert.equal(r.status, 200);
      assert.match(r.text, /<h1>Terdaftar pada pelatihan<\/h1>/);
      assert.match(r.text, /Anda terdaftar\. Konfirmasi kehadiran Anda di bawah ini/);
      assert.ok(r.text.includes(`/portal/pelatihan/konfirmasi/${tok}</p>`), 'the private link, to keep');
      assert.match(r.text, /<p id="participant">Sari, CV Sari · sari@cvsari\.co\.id<\/p>/);
      assert.match(r.text, /<p>1 Desember 2026, 08\.00–12\.00 WIB · Aula LPSE<\/p>/);
      assert.match(r.text, /<nav class="portal"[^>]*>.*aria-current="page">Pelatihan<\/a>/);
      assert.match(r.text, /name="next" value="\/portal\/pelatihan\/konfirmasi\/[0-9a-f]{64}\?baru=1"/, 'the language switch keeps the box');
    }
    assert.equal(q(`SELECT count(*) FROM training_participant WHERE training_id=${id}`), '1');
    r = await w.get(`${loc}&lang=en`);
    assert.match(r.text, /You are registered\. Confirm your attendance below/);
    assert.match(r.text, /<p>1 December 2026, 08:00–12:00 WIB · Aula LPSE<\/p>/);
    // another address names nothing; the same person again is refused on the form, as typed (400)
    assert.equal((await fetch(`${s.url}/portal/pelatihan/konfirmasi/${'0'.repeat(64)}?baru=1`)).status, 404);
    r = await w.post(`/portal/pelatihan/${id}/daftar`, { csrf: w.csrf, name: 'Sari', agency: 'CV Sari', email: 'sari@cvsari.co.id', role: 'penyedia' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.text, /name="agency" type="text" required value="CV Sari"/);
    // past capacity: the waiting list, said on the private page
    r = await w.post(`/portal/pelatihan/${id}/daftar`, { csrf: w.csrf, name: 'Tono', agency: 'CV Tono', email: 'tono@cvtono.co.id', role: 'penyedia' });
    assert.equal(r.status, 303);
    r = await w.get(r.headers.get('location'));
    assert.match(r.text, /Kuota penuh: Anda masuk daftar tunggu\./);
    assert.doesNotMatch(r.text, /Anda ada dalam daftar tunggu|Anda masuk daftar tunggu\.<\/p><\/div><div class="notice info"/);
    assert.equal(q(`SELECT count(*) FROM training_participant WHERE training_id=${id}`), '2');
  } finally { await s.stop(); }
});

// A server at now with the admin signed in (API token and a browser session) and one plan of a
// single session on day (8.00–12.00) drawn up, approved when approve: {s, token, w, t} (t the plan's JSON).
async function onePlan(now, day, { approve = false, ...plan } = {}) {
  const s = await startServer({ env: { LOKET_TEST_NOW: now } });
  const token = await login(s.url);
  const r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: { title: 'Pelatihan PPK', audience: ['ppk'], capacity: 5,
    venue: 'Aula Setda', trainers: ['Budi Santoso'], sessions: [{ title: 'Sesi 1', starts_at: `${day} 08:00`, ends_at: `${day} 12:00` }], ...plan } });
  assert.equal(r.status, 201, r.text);
  if (approve) assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${r.json.id}/approve`, { token })).status, 200);
  return { s, token, w: await webSession(s.url), t: r.json };
}

test('a training\'s audience in words on its page (both languages) and in the report form PDF, not the stored codes', async () => {
  const { s, token, w, t } = await onePlan('2026-05-04T09:00:00+07:00', '2026-05-18', { audience: ['ppk', 'pejabat_pengadaan', 'umum'] });
  try {
    assert.match((await w.get(`/pelatihan/${t.id}`)).text, /<dt>Sasaran peserta<\/dt><dd>PPK, Pejabat Pengadaan, Umum<\/dd>/);
    assert.match((await w.get(`/pelatihan/${t.id}?lang=en`)).text, /<dt>Audience<\/dt><dd>PPK, Procurement official, General public<\/dd>/);
    const pdf = await fetch(`${s.url}/api/v1/trainings/${t.id}/report.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(pdf.status, 200);
    const file = join(s.dir, 'laporan.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const txt = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    assert.match(txt, /Sasaran peserta: PPK, Pejabat Pengadaan, Umum · Kapasitas: 5 orang/);
    // no questionnaire answered yet: a rating item has no average (not "rata-rata 0,0 dari 5"), as on the
    // page and in the API (mean null); the workbook's Average cell is empty, not 0
    assert.match(txt, /1\. Materi training sesuai dengan kebutuhan saya — belum ada jawaban/);
    assert.doesNotMatch(txt, /rata-rata 0,0/);
    const xlsx = await fetch(`${s.url}/api/v1/trainings/${t.id}/report.xlsx`, { headers: { Authorization: `Bearer ${token}` } });
    writeFileSync(join(s.dir, 'laporan.xlsx'), Buffer.from(await xlsx.arrayBuffer()));
    const py = spawnSync('/usr/bin/python3', ['-c', "import openpyxl, sys; k = openpyxl.load_workbook(sys.argv[1])['Kuesioner']; print(repr([k.cell(6, 4).value, k.cell(6, 5).value]))",
      join(s.dir, 'laporan.xlsx')], { encoding: 'utf8' });
    assert.equal(py.stdout.trim(), '[0, None]', py.stderr);
  } finally { await s.stop(); }
});

test('the month calendars of trainings (staff and portal) name the office\'s holidays on their days', async () => {
  const { s, w } = await onePlan('2026-05-04T09:00:00+07:00', '2026-05-13', { title: 'Pelatihan Kamis', approve: true });
  try {
    const staff = (await w.get('/pelatihan/kalender?bulan=2026-05')).text;
    const portal = await (await fetch(`${s.url}/portal/pelatihan?bulan=2026-05`)).text();
    for (const page of [staff, portal]) {
      // Friday 1 May, Thursday 14 May and its cuti bersama on Friday 15 May; the training on the 13th is on a working day
      assert.match(page, /<td class="holiday"><span class="day">1<\/span><span class="holiday">hari libur: Hari Buruh Internasional<\/span><\/td>/);
      assert.match(page, /<td class="holiday"><span class="day">14<\/span><span class="holiday">hari libur: Kenaikan Yesus Kristus<\/span><\/td>/);
      assert.match(page, /<td class="holiday"><span class="day">15<\/span><span class="holiday">hari libur: Cuti Bersama Kenaikan Yesus Kristus<\/span><\/td>/);
      assert.match(page, /<td><span class="day">13<\/span><a class="event" href="[^"]+">Pelatihan Kamis<\/a><\/td>/);
    }
    assert.match((await w.get('/pelatihan/kalender?bulan=2026-05&lang=en')).text, /<span class="holiday">a holiday: Kenaikan Yesus Kristus<\/span>/);
  } finally { await s.stop(); }
});

test('a training of sessions on days apart is on the month calendars on the days it meets, not on the days between', async () => {
  const { s, w } = await onePlan('2026-05-04T09:00:00+07:00', '2026-05-18', { title: 'Pelatihan Dua Hari', approve: true, portal: true,
    sessions: [{ title: 'Sesi 1', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' }, { title: 'Sesi 2', starts_at: '2026-05-20 08:00', ends_at: '2026-05-20 12:00' }] });
  try {
    const staff = (await w.get('/pelatihan/kalender?bulan=2026-05')).text;
    const portal = await (await fetch(`${s.url}/portal/pelatihan?bulan=2026-05`)).text();
    for (const page of [staff, portal]) {
      for (const d of [18, 20]) assert.match(page, new RegExp(`<td><span class="day">${d}</span><a class="event" href="[^"]+">Pelatihan Dua Hari</a></td>`), `${d}`);
      assert.match(page, /<td><span class="day">19<\/span><\/td>/, 'no session on Tuesday the 19th');
    }
  } finally { await s.stop(); }
});

test('a tick on the sign-in sheet before the session begins is refused on the sheet itself, saying why, not on an error page', async () => {
  const { s, token, w, t } = await onePlan('2026-05-04T09:00:00+07:00', '2026-05-18', { approve: true });
  try {
    const p = await request(s.url, 'POST', `/api/v1/trainings/${t.id}/participants`, { token, body: { name: 'Andi', agency: 'Dinas PU', email: 'andi@contoh.go.id' } });
    assert.equal(p.status, 201, p.text);
    const sid = t.sessions[0].id;
    const r = await w.post(`/pelatihan/${t.id}/daftar-hadir/${sid}`, { csrf: w.csrf, participant: String(p.json.id), present: '1' });
    assert.equal(r.status, 409);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Sesi belum dimulai: kehadiran dicatat saat sesi berlangsung<\/p><\/div><h2>Pelatihan PPK<\/h2>/);
    assert.match(r.text, new RegExp(`<tr id="p${p.json.id}"><td>1</td><td>Andi</td><td>Dinas PU</td>.*Centang hadir`));
    assert.deepEqual((await request(s.url, 'GET', `/api/v1/trainings/${t.id}/sessions/${sid}/attendance`, { token })).json.present, []);
  } finally { await s.stop(); }
});

test('the report form sent before the training is held is refused on the form itself, the trainer\'s notes kept', async () => {
  const { s, token, w, t } = await onePlan('2026-05-18T11:50:00+07:00', '2026-05-18', { approve: true });
  try {
    // 11.50, the session ends at 12.00: the trainer writes the notes a little early
    const r = await w.post(`/pelatihan/${t.id}/laporan`, { csrf: w.csrf, notes: 'Peserta aktif; proyektor sempat mati <10 menit>.' });
    assert.equal(r.status, 409);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Laporan disusun setelah pelatihan terlaksana<\/p><\/div><h2>Pelatihan PPK<\/h2>/);
    assert.match(r.text, /<textarea id="r-notes" name="notes" rows="6">Peserta aktif; proyektor sempat mati &lt;10 menit&gt;\.<\/textarea>/);
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${t.id}`, { token })).json.reported_at, null);
  } finally { await s.stop(); }
});

test('a button of the training\'s page refused by the training\'s state (held before it starts, a tick before approval) shows the page again with the reason', async () => {
  const { s, token, w, t } = await onePlan('2026-05-04T09:00:00+07:00', '2026-05-18');
  try {
    for (const [path, reason] of [[`/pelatihan/${t.id}/persiapan/${t.checklist[0].id}`, /Persiapan dicentang setelah rencana disetujui/],
      [`/pelatihan/${t.id}/selesai`, /Pelatihan belum dimulai/], [`/pelatihan/${t.id}/pertanyaan-kirim`, /Jawaban dikirim setelah training selesai/]]) {
      if (path.endsWith('/selesai')) assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${t.id}/approve`, { token })).status, 200);
      const r = await w.post(path, { csrf: w.csrf, done: '1' });
      assert.equal(r.status, 409, path);
      assert.match(r.text, new RegExp(`<div class="notice error" role="alert"><p>${reason.source}[^<]*</p></div><h2>Pelatihan PPK</h2>`), path);
      assert.match(r.text, /<section id="persiapan"/, path);
    }
  } finally { await s.stop(); }
});

test('the questionnaire on the portal with a rating left out marks that item, the answers given kept', async () => {
  const { s, token, t } = await onePlan('2026-05-18T10:00:00+07:00', '2026-05-18', { approve: true });
  try {
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${t.id}/participants`, { token, body: { name: 'Andi', agency: 'Dinas PU', email: 'andi@contoh.go.id' } })).status, 201);
    // the room's page (its QR code) asks for the e-mail, and mails the participant's own link
    const room = await fetch(`${s.url}/portal/pelatihan/${t.id}/kuesioner`);
    const roomHtml = await room.text();
    assert.doesNotMatch(roomHtml, /name="i\d+"/, 'no question before the link');
    const cookie = room.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = roomHtml.match(/name="csrf" value="([^"]+)"/)[1];
    const ask = async (email) => {
      const res = await fetch(`${s.url}/portal/pelatihan/${t.id}/kuesioner`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie },
        body: new URLSearchParams({ csrf, email }) });
      return { status: res.status, location: res.headers.get('location'), text: await res.text() };
    };
    // Post/Redirect/Get: to the page that says it, a reload of which mails nothing again; the same
    // answer for an address of no participant (the address not in it)
    const outbox = () => sqlite(join(s.dir, 'loket.db'), 'SELECT count(*) FROM outbox').stdout.trim();
    const asked = await ask('andi@contoh.go.id');
    assert.equal(asked.status, 303, asked.text);
    assert.equal(asked.location, `/portal/pelatihan/${t.id}/kuesioner?dikirim=1`);
    assert.deepEqual(await ask('bukan.peserta@contoh.go.id'), asked, 'the same answer for an address of no participant');
    const sent = outbox();
    for (let i = 0; i < 2; i++) {
      const shown = await fetch(`${s.url}${asked.location}`, { headers: { Cookie: cookie } });
      const html = await shown.text();
      assert.equal(shown.status, 200);
      assert.match(html, /<div class="notice ok" role="status"><p>Bila alamat yang Anda ketik milik peserta, tautan kuesioner Anda telah kami kirim ke alamat tersebut\.<\/p><\/div>/);
      assert.match(html, /Buka tautan dalam e-mail tersebut untuk menjawab\./);
      assert.doesNotMatch(html, /name="email"|name="i\d+"/, 'neither the form again nor a question');
    }
    assert.equal(outbox(), sent, 'the page shown again mails nothing');
    const mailed = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='andi@contoh.go.id' AND subject LIKE 'Kuesioner evaluasi training:%'").stdout;
    const link = mailed.match(/http:\/\/[^/\s]+(\/portal\/pelatihan\/\d+\/kuesioner\?t=\d+-[0-9a-f]{32})/)[1];
    const form = await fetch(`${s.url}${link}`, { headers: { Cookie: cookie } });
    const html = await form.text();
    const items = [...new Set([...html.matchAll(/name="(i\d+)"/g)].map((m) => m[1]))];
    const [first, second] = items, text = items[items.length - 1];
    // every item answered but the first rating; the comment written
    const body = new URLSearchParams({ csrf, t: new URL(link, s.url).searchParams.get('t') });
    for (const i of items.slice(1, -1)) body.set(i, i === items[items.length - 2] ? '0' : '4');
    body.set(text, 'Waktu praktik kurang');
    const r = await fetch(`${s.url}/portal/pelatihan/${t.id}/kuesioner`, { method: 'POST', body, headers: { Cookie: cookie }, redirect: 'manual' });
    const page = await r.text();
    assert.equal(r.status, 400);
    // the rating left out is marked and described by its error (a screen reader says why)
    assert.match(page, new RegExp(`<fieldset aria-invalid="true" aria-describedby="${first}-error"><legend>1\\. [^<]+</legend>(<label class="choice"><input type="radio" name="${first}" value="\\d" required> [^<]+</label>){5}<p class="field-error" id="${first}-error">wajib diisi</p></fieldset>`));
    assert.match(page, new RegExp(`<fieldset><legend>2\\. [^<]+</legend>.*?name="${second}" value="4" required checked>`));
    assert.match(page, /Waktu praktik kurang<\/textarea>/);
    assert.equal((page.match(/aria-invalid="true"/g) || []).length, 1);
  } finally { await s.stop(); }
});

test('the plan form refused: every wrong field marked under it at once (a budget line that cannot be read among them), a line above to correct them, what was typed kept', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const w = await webSession(s.url);
    const r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ questionnaire: '', capacity: '-5', s1_end: '07:00',
      s2_title: 'Penawaran', s2_date: '2999-05-19', s2_start: '08:00', s2_end: '12:00', budget: 'Konsumsi | 1.500.000\nSewa | abc' }) });
    assert.equal(r.status, 400);
    // not the first message alone, bare, above the form: the line every form says, then each error at its field
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p><\/div>/);
    assert.doesNotMatch(r.text, /role="alert"><p>harus/);
    assert.match(r.text, /name="capacity" type="number" min="1" max="10000" required value="-5" aria-invalid="true" aria-describedby="capacity-error"><p class="field-error" id="capacity-error">harus berupa angka 1 sampai 10000<\/p>/);
    assert.match(r.text, /<p class="field-error" id="sessions.starts_at-error">harus berupa waktu antara tahun 1970 dan 2100<\/p>/);
    assert.match(r.text, /<p class="field-error" id="sessions.ends_at-error">harus setelah waktu mulai<\/p>/);
    assert.match(r.text, /name="budget" rows="3" placeholder="Konsumsi \| 1500000" aria-invalid="true" aria-describedby="budget-error">Konsumsi \| 1.500.000\nSewa \| abc<\/textarea><p class="field-error" id="budget-error">harus berupa baris uraian \| jumlah<\/p>/);
    assert.match(r.text, /name="s2_date" aria-label="Tanggal" value="2999-05-19">/);      // what was typed, kept
    assert.doesNotMatch(r.text, /events\./);
    const token = await login(s.url);
    assert.equal((await request(s.url, 'GET', '/api/v1/trainings', { token })).json.trainings.length, 0);
  } finally { await s.stop(); }
});

test('a training held with preparation not done: those items are said not done, not overdue; one done late stays late', async () => {
  // planned on the day itself (the deadlines passed), approved, one item ticked, then held
  const { s, token, w, t } = await onePlan('2026-05-18T09:00:00+07:00', '2026-05-18', { approve: true });
  try {
    let r = await w.post(`/pelatihan/${t.id}/persiapan/${t.checklist[0].id}`, { csrf: w.csrf, done: '1' });
    assert.equal(r.status, 303, r.text);
    let prep = (await w.get(`/pelatihan/${t.id}`)).text.match(/<section id="persiapan"[\s\S]*?<\/section>/)[0];
    assert.match(prep, />terlambat</, 'before it is held: overdue');
    assert.doesNotMatch(prep, /tidak dikerjakan/);
    r = await request(s.url, 'POST', `/api/v1/trainings/${t.id}/finish`, { token });
    assert.equal(r.status, 200, r.text);
    prep = (await w.get(`/pelatihan/${t.id}`)).text.match(/<section id="persiapan"[\s\S]*?<\/section>/)[0];
    const rows = prep.match(/<tr><td>[\s\S]*?<\/tr>/g);
    assert.equal(rows.length, t.checklist.length);
    assert.match(rows[0], /<span class="late">terlambat<\/span>/, 'the one done late');
    for (const row of rows.slice(1)) assert.match(row, /<span class="late">tidak dikerjakan: pelatihan sudah berlangsung<\/span>/);
    prep = (await w.get(`/pelatihan/${t.id}?lang=en`)).text.match(/<section id="persiapan"[\s\S]*?<\/section>/)[0];
    assert.match(prep, /not done: the training was held/);
  } finally { await s.stop(); }
});

test('an approved training\'s days are the head\'s: one who may only change plans moves a plan, not an approved one (API 403 naming status, the page says so instead of the form); the head and an administrator move it', async () => {
  const dir = initData();
  const hp = addUser(dir, 'helpdesk1', 'helpdesk');   // training.write, not training.approve
  const kp = addUser(dir, 'ketua1', 'ketua');
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  const q = (sql) => sqlite(join(s.dir, 'loket.db'), sql).stdout.trim();
  const moved = () => q("SELECT count(*) FROM outbox WHERE to_addr='ani@setda.go.id' AND subject LIKE 'Jadwal training diubah%'");
  const day = (d) => [{ title: 'Tender cepat', starts_at: `${d} 08:00`, ends_at: `${d} 12:00` }];
  try {
    const staff = await login(s.url, 'helpdesk1', hp), head = await login(s.url, 'ketua1', kp), admin = await login(s.url);
    const w = await webSession(s.url, 'helpdesk1', hp);
    let r = await w.post('/pelatihan/baru', { csrf: w.csrf, ...form({ questionnaire: '', capacity: '5' }) });
    assert.equal(r.status, 303, r.text);
    const id = r.headers.get('location').match(/^\/pelatihan\/(\d+)\?/)[1];
    r = await w.post(`/pelatihan/${id}/peserta`, { csrf: w.csrf, name: 'Ani', agency: 'Pokja', email: 'ani@setda.go.id' });
    assert.equal(r.status, 303, r.text);
    // a plan still waiting for the head: its days are moved by whoever changes plans, as before
    assert.match((await w.get(`/pelatihan/${id}`)).text, new RegExp(`<form method="post" action="/pelatihan/${id}/jadwal"`));
    let a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token: staff, body: { sessions: day('2026-05-25'), reason: 'Aula dipakai' } });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.status, 'plan');
    assert.equal(moved(), '1');
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: head })).status, 200);
    // approved: refused to them, 403 naming status, in the caller's language; nothing moved, nobody told, nothing audited
    const audits = q(`SELECT count(*) FROM audit WHERE action='training.reschedule' AND object='training/${id}'`);
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token: staff, body: { sessions: day('2026-06-08'), reason: 'Narasumber sakit' } });
    assert.equal(a.status, 403, a.text);
    assert.equal(a.json.error.code, 'forbidden');
    assert.equal(a.json.error.field, 'status');
    assert.match(a.json.error.message, /Rencana sudah disetujui: jadwalnya hanya dapat diubah oleh yang berwenang menyetujui rencana \(Ketua LPSE\)/);
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule?lang=en`, { token: staff, body: { sessions: day('2026-06-08'), reason: 'Narasumber sakit' } });
    assert.equal(a.status, 403, a.text);
    assert.match(a.json.error.message, /The plan is already approved: only whoever may approve plans \(the head\) moves it to other days/);
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: staff })).json.starts_at, '2026-05-25T01:00:00Z');
    assert.equal(moved(), '1');
    assert.equal(q(`SELECT count(*) FROM audit WHERE action='training.reschedule' AND object='training/${id}'`), audits);
    // the page says why instead of offering the form; posted anyway, 403 with the page and the reason
    r = await w.get(`/pelatihan/${id}`);
    assert.doesNotMatch(r.text, /action="\/pelatihan\/\d+\/jadwal"/);
    assert.match(r.text, /<p id="jadwal">Rencana sudah disetujui: jadwalnya hanya dapat diubah oleh yang berwenang menyetujui rencana \(Ketua LPSE\)<\/p>/);
    assert.match(r.text, new RegExp(`action="/pelatihan/${id}/batal"`), 'cancelling stays theirs');
    r = await w.post(`/pelatihan/${id}/jadwal`, { csrf: w.csrf, s1_title: 'Tender cepat', s1_date: '2026-06-08', s1_start: '08:00', s1_end: '12:00', reason: 'Narasumber sakit' });
    assert.equal(r.status, 403, r.text);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Rencana sudah disetujui: jadwalnya hanya dapat diubah/);
    assert.equal(moved(), '1');
    // the head moves it (the page offers the head the form), and so does an administrator
    const hw = await webSession(s.url, 'ketua1', kp);
    assert.match((await hw.get(`/pelatihan/${id}`)).text, new RegExp(`<form method="post" action="/pelatihan/${id}/jadwal"`));
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token: head, body: { sessions: day('2026-06-08'), reason: 'Narasumber sakit' } });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.status, 'approved');
    assert.equal(a.json.starts_at, '2026-06-08T01:00:00Z');
    a = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token: admin, body: { sessions: day('2026-06-15'), reason: 'Aula dipakai' } });
    assert.equal(a.status, 200, a.text);
    assert.equal(moved(), '3');
    assert.match(q(`SELECT actor FROM audit WHERE action='training.reschedule' AND object='training/${id}' ORDER BY id`).replace(/\n/g, ' '), /helpdesk1 ketua1 admin$/);
  } finally { await s.stop(); }
});
