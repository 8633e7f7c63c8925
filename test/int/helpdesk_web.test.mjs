// Issue 5, the help desk's pages through their forms (a browser's requests, CSRF and all):
// a walk-in and an e-mail from the hub, the bidding-room board and a visit, an .rhs file
// uploaded through the streamed form route, tested with the checklist, requested, answered and
// stated, an escalation with LKPP's ticket and its answer, a hand-over and its answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, switchLanguage } from './lib.mjs';

let s, web, token;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'tina', 'trainer');   // the bidding room's trainer: one holding the trainer role
  token = await login(s.url);
  web = await webSession(s.url);
});
after(async () => { await s?.stop(); });

// Post a multipart form as the browser does (cookie, CSRF field, Origin).
async function postMultipart(path, fields, file) {
  const fd = new FormData();
  fd.append('csrf', web.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append(file.field, new Blob([file.bytes]), file.name);
  const res = await fetch(s.url + path, { method: 'POST', redirect: 'manual', headers: { Cookie: web.cookie(), Origin: s.url }, body: fd });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const numberOf = (location) => decodeURIComponent(location.match(/\/(?:kasus|rhs|ruang-bidding)\/([^/?#]+)/)[1]);

test('the hub: a walk-in waiting in the guest book gets a case; an e-mail (pasted or .eml) becomes a case', async () => {
  const g = await request(s.url, 'POST', '/api/v1/registers/guest-book', { token, body: { name: 'Siti Aminah', purpose: 'Tanya verifikasi' } });
  let hub = await web.get('/helpdesk');
  assert.equal(hub.status, 200);
  assert.match(hub.text, /Tamu di loket/);
  assert.match(hub.text, /Siti Aminah/);
  let r = await web.post('/helpdesk/walk-in', { csrf: web.csrf, guest_id: String(g.json.id) });
  assert.equal(r.status, 303);
  const walk = numberOf(r.headers.get('location'));
  const k = await request(s.url, 'GET', `/api/v1/cases/${walk}`, { token });
  assert.equal(k.json.channel, 'walk_in');
  hub = await web.get('/helpdesk');
  assert.doesNotMatch(hub.text, /Siti Aminah/);                      // no longer waiting
  r = await postMultipart('/helpdesk/email', { text: '' }, { field: 'message', name: 'tanya.eml', bytes: 'From: Dewi <dewi@example.org>\r\nSubject: Jadwal\r\n\r\nKapan?\r\n' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const mail = numberOf(r.headers.get('location'));
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${mail}`, { token })).json.subject, 'Jadwal');
  r = await postMultipart('/helpdesk/email', { text: 'tanpa pengirim' });
  assert.equal(r.status, 400);
  assert.match(r.text, /aria-invalid="true" aria-describedby="from_email-error"/);
  // the case page links to the help desk's tools and to the knowledge base (another part: /kb)
  const page = await web.get(`/kasus/${mail}`);
  assert.match(page.text, new RegExp(`href="/kasus/${mail}/eskalasi"`));
  assert.match(page.text, /href="\/kb\?q=Jadwal"/);
  assert.match(page.text, new RegExp(`href="/kb/baru\\?kasus=${mail}&amp;title=Jadwal"`));
  const kb = await web.get(`/kb/baru?kasus=${mail}&title=Jadwal`);
  assert.match(kb.text, /name="title" maxlength="200" required value="Jadwal"/);
  assert.ok(kb.text.includes(`name="case" value="${mail}"`));
});

test('the bidding room: report in, the board, the trainer, the steps by their buttons', async () => {
  let r = await web.post('/ruang-bidding', { csrf: web.csrf, name: 'Rudi Hartono', organisation: 'CV Jaya' });
  assert.equal(r.status, 303);
  const n = numberOf(r.headers.get('location'));
  let board = await web.get('/ruang-bidding');
  assert.match(board.text, /Rudi Hartono/);
  assert.match(board.text, new RegExp(`/ruang-bidding/${n}`));
  r = await web.post(`/ruang-bidding/${n}/langkah/3`, { csrf: web.csrf, outcome: 'yes' });
  assert.equal(r.status, 303);
  r = await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: 'tina' });
  assert.equal(r.status, 303);
  const visit = await web.get(`/ruang-bidding/${n}`);
  assert.match(visit.text, /5\. Memanggil Penyedia/);
  // a question of the visit: the SOP's words, and in English its English under them (as the case's page), not
  // the Indonesian alone on an English page
  r = await web.post(`/ruang-bidding/${n}/langkah/5`, { csrf: web.csrf, outcome: 'done' });
  assert.equal(r.status, 303);
  assert.match((await web.get(`/ruang-bidding/${n}`)).text,
    /<p class="question"><strong>Data Kualifikasi sudah diisi dan Dokumen Pendukung sudah di-upload\?<\/strong><\/p><button/);
  assert.match((await web.get(`/ruang-bidding/${n}?lang=en`)).text,
    /<p class="question"><strong>Data Kualifikasi sudah diisi dan Dokumen Pendukung sudah di-upload\?<\/strong><\/p><p class="muted" lang="en">Are the qualification data filled in and the supporting documents uploaded\?<\/p><button/);
  // the case page links to the visit; a BTG-006 case opened by the general form has no visit to link to
  assert.ok((await web.get(`/kasus/${n}`)).text.includes(`href="/ruang-bidding/${n}"`));
  const plain = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'Tanpa kunjungan', requester: { name: 'Sari' } } });
  assert.equal(plain.status, 201, plain.text);
  const page = await web.get(`/kasus/${plain.json.number}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('/ruang-bidding/'), 'no link to a visit that does not exist');
  r = await web.post(`/ruang-bidding/${n}/langkah/9`, { csrf: web.csrf, outcome: 'yes' });   // not the open step
  assert.equal(r.status, 409);
  board = await web.get('/ruang-bidding');
  assert.match(board.text, /<td>tina<\/td>/);
  r = await web.post('/ruang-bidding', { csrf: web.csrf, name: '' });
  assert.equal(r.status, 400);
});

test('an .rhs file through the pages: streamed upload, the checklist, the request, LKPP\'s result, the statement, the download', async () => {
  let r = await web.post('/rhs', { csrf: web.csrf, tender_code: '10099', provider: 'PT Prima', 'requester.name': 'Ketua Pokja' });
  assert.equal(r.status, 303);
  const n = numberOf(r.headers.get('location'));
  let page = await web.get(`/rhs/${n}`);
  assert.doesNotMatch(page.text, /name="cause_pdf_rusak"/);          // the checklist comes at the re-check (step 2)
  assert.match(page.text, /<p class="muted" id="no-files">Belum ada berkas/);   // no empty table before the upload
  r = await postMultipart(`/rhs/${n}/berkas`, {}, { field: 'file', name: 'bid.rhs', bytes: new Uint8Array(5000).fill(7) });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  page = await web.get(`/rhs/${n}`);
  assert.match(page.text, /name="cause_pdf_rusak"/);
  assert.doesNotMatch(page.text, /id="no-files"/);
  assert.match(page.text, /PDF di dalamnya rusak/);
  const dl = await web.get(page.text.match(/href="(\/rhs\/[^"]+\/berkas\/\d+)"/)[1]);
  assert.equal(dl.status, 200);
  assert.equal(dl.text.length, 5000);
  assert.doesNotMatch(page.text, /id="hasil"/, 'no results before the test');
  r = await web.post(`/rhs/${n}/uji`, { csrf: web.csrf, opened: '0', cause_pdf_rusak: '1', cause_nama_ganda: '1', note: 'gagal' });
  assert.equal(r.status, 303);
  // the page keeps what the test found: the verdict, the causes checked (in words), the note
  page = await web.get(`/rhs/${n}`);
  const results = page.text.match(/<section class="card" id="hasil">(.*?)<\/section>/s)[1];
  assert.match(results, /Uji pembukaan[^<]*<\/dt><dd><strong>Tidak dapat dibuka<\/strong>/i);
  assert.match(results, /<li>[^<]*PDF[^<]*<\/li>/);
  assert.equal((results.match(/<li>/g) || []).length, 2, 'the two causes checked, no others');
  assert.match(results, /<dd>gagal<\/dd>/);
  r = await web.post(`/rhs/${n}/minta`, { csrf: web.csrf });
  assert.equal(r.status, 400);                                        // no national office here: LKPP's ticket is needed
  assert.match(r.text, /nomor tiket LKPP/);
  r = await web.post(`/rhs/${n}/minta`, { csrf: web.csrf, external_ticket: 'TTS-9' });
  assert.equal(r.status, 303);
  // the request shows LKPP's ticket and leads to the escalation; what LKPP reads names the causes in words
  page = await web.get(`/rhs/${n}`);
  assert.match(page.text, /Permohonan bantuan ke LKPP<\/dt><dd>[^<]* · Tiket LKPP TTS-9 · <a href="\/kasus\/[^"]+\/eskalasi">Eskalasi ke LKPP<\/a><\/dd>/);
  assert.match(page.text, /<dt>Penyebab yang diperiksa<\/dt>/);
  const esc = (await request(s.url, 'GET', `/api/v1/cases/${n}/escalations`, { token })).json.escalations[0];
  assert.match(esc.description, /Penyebab yang diperiksa di LPSE:\n- PDF di dalamnya rusak[^\n]*\n- Nama berkas ganda di dalamnya/);
  assert.doesNotMatch(esc.description, /pdf_rusak|nama_ganda/);
  assert.equal((await web.get(`/rhs/${n}/pernyataan`)).status, 409);   // no result yet
  r = await web.post(`/rhs/${n}/hasil`, { csrf: web.csrf, opened: '0', note: 'rusak' });
  assert.equal(r.status, 303);
  page = await web.get(`/rhs/${n}`);
  assert.match(page.text, /<strong>LKPP tidak dapat membukanya<\/strong>/);
  assert.match(page.text, /<dd>rusak<\/dd>/, "LKPP's note is shown");
  const st = await web.get(`/rhs/${n}/pernyataan`);
  assert.equal(st.status, 200);
  assert.match(st.text, /TIDAK DAPAT DIBUKA/);
  const x = await request(s.url, 'GET', `/api/v1/rhs/${n}`, { token });
  assert.deepEqual(x.json.rhs.lpse_test.causes, ['pdf_rusak', 'nama_ganda']);
});

test('escalation and hand-over through their pages', async () => {
  const k = (await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Akun terkunci', requester: { name: 'Eko' } } })).json;
  const fd = new FormData();
  fd.append('file', new Blob(['tangkapan layar\n'], { type: 'text/plain' }), 'layar.txt');
  const att = await (await fetch(`${s.url}/api/v1/cases/${k.number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd })).json();
  let form = await web.get(`/kasus/${k.number}/eskalasi`);
  assert.match(form.text, new RegExp(`name="att_${att.id}"`));
  let r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Akun terkunci', application: 'SPSE', type: 'permintaan_layanan', description: 'Mohon dibuka' });
  assert.equal(r.status, 400);
  assert.match(r.text, /aria-describedby="external_ticket-error"/);
  // refused with a file ticked, the language switched: the form again in English, as it was filled
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Akun terkunci', application: 'SPSE', type: 'permintaan_layanan',
    description: 'Mohon dibuka\nsegera', [`att_${att.id}`]: '1' });
  assert.equal(r.status, 400);
  const en = await switchLanguage(web, r.text, 'en');
  assert.equal(en.status, 200);
  const filled = en.text.match(new RegExp(`<form[^>]*method="post" action="/kasus/${k.number}/eskalasi"[^>]*>.*?</form>`, 's'))[0];
  assert.match(filled, /name="title"[^>]*value="Akun terkunci"/);
  assert.match(filled, /name="description"[^>]*>Mohon dibuka\nsegera<\/textarea>/);
  assert.match(filled, new RegExp(`name="att_${att.id}"[^>]* checked>`));
  assert.match(en.text, /<html lang="en">/);
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${k.number}/escalations`, { token })).json.escalations.length, 0, 'nothing sent by the switch');
  await web.post('/bahasa', { csrf: web.csrf, lang: 'id', next: '/' });
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Akun terkunci', application: 'SPSE', type: 'permintaan_layanan', description: 'Mohon dibuka', external_ticket: 'TTS-12', [`att_${att.id}`]: '1' });
  assert.equal(r.status, 303);
  const sent = (await request(s.url, 'GET', `/api/v1/cases/${k.number}/escalations`, { token })).json.escalations[0];
  assert.deepEqual(sent.attachments, [att.id]);
  let page = await web.get(`/kasus/${k.number}/eskalasi`);
  assert.match(page.text, /TTS-12/);
  assert.match(page.text, /jam kasus dihentikan sementara/);
  // what was sent to LKPP stays readable: the application, the description, the file, who sent it
  assert.match(page.text, /<dt>Aplikasi<\/dt><dd>SPSE<\/dd>/);
  assert.match(page.text, /<dt>Uraian<\/dt><dd class="lines">Mohon dibuka<\/dd>/);
  assert.match(page.text, new RegExp(`<dt>Lampiran yang dikirim</dt><dd><a href="/kasus/${k.number}/lampiran/${att.id}">layar.txt</a>`));
  assert.match(page.text, /<dt>Dieskalasi<\/dt><dd>[^<]+ · admin<\/dd>/);
  // the form sent twice (the same LKPP ticket, still waiting): refused under the ticket, one escalation kept
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Akun terkunci', application: 'SPSE', type: 'permintaan_layanan', description: 'Mohon dibuka', external_ticket: ' tts-12 ' });
  assert.equal(r.status, 409);
  assert.match(r.text, /aria-describedby="external_ticket-error"/);
  assert.match(r.text, /Kasus ini sudah menunggu jawaban atas tiket LKPP ini/);
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${k.number}/escalations`, { token })).json.escalations.length, 1);
  const id = page.text.match(/action="\/eskalasi\/(\d+)\/jawab"/)[1];
  // the help desk's page lists it among those waiting for LKPP, leading to the escalation page
  let hub = await web.get('/helpdesk');
  const waiting = hub.text.match(/<section class="card" id="lkpp-waiting">(.*?)<\/section>/s)[1];
  assert.match(waiting, new RegExp(`<a href="/kasus/${k.number}/eskalasi">${k.number}</a><br>Akun terkunci</td><td>Permintaan layanan</td><td>TTS-12<br>jam kasus dihentikan sementara</td>`));
  const api = (await request(s.url, 'GET', '/api/v1/escalations', { token })).json.escalations;
  assert.ok(api.some((x) => x.case === k.number && x.external_ticket === 'TTS-12' && x.status === 'open'));
  assert.equal((await request(s.url, 'GET', '/api/v1/escalations?status=open', { token })).status, 400);
  assert.equal((await request(s.url, 'GET', '/api/v1/escalations?limit=0', { token })).json.error.field, 'limit');
  r = await web.post(`/eskalasi/${id}/jawab`, { csrf: web.csrf, answer: 'Sudah dibuka' });
  assert.equal(r.status, 303);
  page = await web.get(`/kasus/${k.number}/eskalasi`);
  assert.match(page.text, /Sudah dibuka/);
  hub = await web.get('/helpdesk');
  assert.doesNotMatch(hub.text, new RegExp(`/kasus/${k.number}/eskalasi`), 'answered: no longer waiting');
  assert.equal((await request(s.url, 'GET', '/api/v1/escalations', { token })).json.escalations.filter((x) => x.case === k.number).length, 0);
  assert.match(page.text, /<dt>Jawaban dicatat<\/dt><dd>[^<]+ · admin<\/dd>/);
  // answered, the same ticket may be escalated again (LKPP reopened it)
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Akun terkunci lagi', application: 'SPSE', type: 'permintaan_layanan', description: 'Terkunci lagi', external_ticket: 'TTS-12' });
  assert.equal(r.status, 303);
  r = await web.post(`/kasus/${k.number}/serah`, { csrf: web.csrf, party_kind: 'skpd', party_name: 'Dinas PU', due_days: '3' });
  assert.equal(r.status, 303);
  page = await web.get(`/kasus/${k.number}/serah`);
  const hid = page.text.match(/action="\/kasus\/[^/]+\/serah\/(\d+)\/jawab"/)[1];
  r = await web.post(`/kasus/${k.number}/serah/${hid}/jawab`, { csrf: web.csrf, answer: 'Dijawab Dinas PU' });
  assert.equal(r.status, 303);
  const c = (await request(s.url, 'GET', `/api/v1/cases/${k.number}`, { token })).json;
  assert.deepEqual(c.steps.map((x) => [x.no, x.outcome]), [[1, null]]);   // not at the decision: the hand-over does not move it
  const hs = (await request(s.url, 'GET', `/api/v1/cases/${k.number}/handovers`, { token })).json.handovers;
  assert.equal(hs[0].answer, 'Dijawab Dinas PU');
  assert.equal(hs[0].party_kind, 'skpd');
});

test('the phone form, the bidding room, an escalation and a hand-over: each wrong field marked under itself at once', async () => {
  const marked = (text, fields) => {
    for (const f of fields) {
      assert.match(text, new RegExp(`id="h-${f.replace('.', '\\.')}" name="${f.replace('.', '\\.')}"[^>]*aria-invalid="true" aria-describedby="${f.replace('.', '\\.')}-error"`), f);
      assert.match(text, new RegExp(`<p class="field-error" id="${f.replace('.', '\\.')}-error">`), f);
    }
    assert.match(text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  };
  // the phone desk: a call answered, its form sent with no name, a wrong e-mail and phone, no answer
  const st = await request(s.url, 'GET', '/api/v1/phone/stamp', { token });
  const call = await request(s.url, 'POST', '/api/v1/phone/calls', { token, body: { stamp: st.json.stamp } });
  let r = await web.post(`/telepon/panggilan/${call.json.id}`, { csrf: web.csrf, 'requester.email': 'bukan-surel', 'requester.phone': '12', question: 'Lupa sandi', answer: '', outcome: 'answer' });
  assert.equal(r.status, 400);
  marked(r.text, ['requester.name', 'requester.email', 'requester.phone']);
  assert.match(r.text, /id="answer-error"/);
  assert.match(r.text, /value="bukan-surel"/);
  // the bidding room: the company (organisation) too long, the NPWP and the phone wrong
  r = await web.post('/ruang-bidding', { csrf: web.csrf, name: '', organisation: 'O'.repeat(201), npwp: '1', phone: '12' });
  assert.equal(r.status, 400);
  marked(r.text, ['name', 'organisation', 'npwp', 'phone']);
  // an escalation with no title, no application and no LKPP ticket; a hand-over with no party and a wrong due
  const k = (await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Akun terkunci', requester: { name: 'Eko' } } })).json;
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: '', application: '', type: 'permintaan_layanan', description: 'Mohon dibuka' });
  assert.equal(r.status, 400);
  marked(r.text, ['title', 'application', 'external_ticket']);
  r = await web.post(`/kasus/${k.number}/serah`, { csrf: web.csrf, party_kind: 'skpd', party_name: '', instruction: 'i'.repeat(801), due_days: '99' });
  assert.equal(r.status, 400);
  marked(r.text, ['party_name', 'due_days']);
  assert.match(r.text, /id="instruction-error"/);
});

test('an .rhs report from the hub: each wrong field marked under itself at once, what was typed kept', async () => {
  const r = await web.post('/rhs', { csrf: web.csrf, tender_code: '', provider: 'P'.repeat(201), 'requester.name': '', 'requester.email': 'pokja@' });
  assert.equal(r.status, 400);
  for (const f of ['tender_code', 'provider', 'requester.name', 'requester.email']) {
    const q = f.replace('.', '\\.');
    assert.match(r.text, new RegExp(`id="h-${q}" name="${q}"[^>]*aria-invalid="true" aria-describedby="${q}-error"`), f);
  }
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  assert.match(r.text, /value="pokja@"/);
});

test('the phone form names what the consultation register finds wrong under its own field, with the form\'s other problems in one answer', async () => {
  const mark = (text, f) => {
    const x = f.replace('.', '\\.');
    assert.match(text, new RegExp(`id="h-${x}" name="${x}"[^>]*aria-invalid="true" aria-describedby="${x}-error"`), f);
    assert.match(text, new RegExp(`<p class="field-error" id="${x}-error">`), f);
  };
  const st = await request(s.url, 'GET', '/api/v1/phone/stamp', { token });
  const call = await request(s.url, 'POST', '/api/v1/phone/calls', { token, body: { stamp: st.json.stamp } });
  // the organisation longer than the register keeps (128, the case takes 200), the phone and the
  // e-mail together longer than its contact (each right alone), the question left out
  const email = `${'a'.repeat(60)}@${'b'.repeat(55)}.go.id`;
  const form = { csrf: web.csrf, 'requester.name': 'Andi', 'requester.org_name': 'O'.repeat(150), 'requester.phone': '081234567890',
                 'requester.email': email, question: '', answer: 'Sudah dijelaskan', outcome: 'answer' };
  let r = await web.post(`/telepon/panggilan/${call.json.id}`, form);
  assert.equal(r.status, 400);
  for (const f of ['requester.org_name', 'requester.email', 'question']) mark(r.text, f);
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  assert.doesNotMatch(r.text, /class="notice error"[^>]*>[^<]*(Organisasi|Kontak|Contact|Organisation)/);
  // the question given: the register's two still named, under their fields
  r = await web.post(`/telepon/panggilan/${call.json.id}`, { ...form, question: 'Lupa sandi' });
  assert.equal(r.status, 400);
  for (const f of ['requester.org_name', 'requester.email']) mark(r.text, f);
  assert.doesNotMatch(r.text, /id="question-error"/);
  // the API's phone form says them too, with the JSON layer's problems
  r = await request(s.url, 'POST', `/api/v1/phone/calls/${call.json.id}/finish?lang=en`, { token, body: {
    requester: { name: 'Andi', org_name: 'O'.repeat(150), phone: '081234567890', email }, question: '', answer: 'Sudah dijelaskan' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['question', 'requester.email', 'requester.org_name'], r.text);
  // right at last: written up
  r = await web.post(`/telepon/panggilan/${call.json.id}`, { ...form, question: 'Lupa sandi', 'requester.org_name': 'Dinas Pendidikan', 'requester.email': 'andi@batangkab.go.id' });
  assert.equal(r.status, 303, r.text);
});

test('escalation and hand-over pages after an error: the attachments chosen stay ticked, an answer too long stays typed and is marked under its own field; the party in words', async () => {
  const k = (await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Berkas tidak terunggah', requester: { name: 'Wati' } } })).json;
  const fd = new FormData();
  fd.append('file', new Blob(['log galat\n'], { type: 'text/plain' }), 'galat.txt');
  const att = await (await fetch(`${s.url}/api/v1/cases/${k.number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd })).json();
  // the LKPP ticket forgotten: the attachment ticked is still ticked on the page that says so
  let r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Unggah gagal', application: 'SPSE', type: 'permasalahan', description: 'Galat 500', [`att_${att.id}`]: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(`name="att_${att.id}" value="1" checked`));
  r = await web.post(`/kasus/${k.number}/eskalasi`, { csrf: web.csrf, title: 'Unggah gagal', application: 'SPSE', type: 'permasalahan', description: 'Galat 500', external_ticket: 'TTS-77' });
  assert.equal(r.status, 303);
  let page = await web.get(`/kasus/${k.number}/eskalasi`);
  assert.doesNotMatch(page.text, /checked/);                        // nothing ticked on a fresh form
  const id = page.text.match(/action="\/eskalasi\/(\d+)\/jawab"/)[1];
  // LKPP's answer pasted too long: the escalation page again, the answer kept and marked, not a bare error page
  const long = 'Jawaban panjang. '.repeat(240);
  r = await web.post(`/eskalasi/${id}/jawab`, { csrf: web.csrf, answer: long, case: k.number });
  assert.equal(r.status, 400);
  assert.match(r.text, /Eskalasi ke LKPP/);
  assert.match(r.text, new RegExp(`<label for="h-answer-${id}">[^<]*</label><textarea id="h-answer-${id}" name="answer" rows="4" required aria-invalid="true" aria-describedby="answer-error">Jawaban panjang\\.`));
  assert.match(r.text, /<p class="field-error" id="answer-error">/);
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${k.number}/escalations`, { token })).json.escalations[0].status, 'open');
  // a hand-over: the party said in words, not its code
  r = await web.post(`/kasus/${k.number}/serah`, { csrf: web.csrf, party_kind: 'other', party_name: 'Bagian Hukum', due_days: '2' });
  assert.equal(r.status, 303);
  r = await web.post(`/kasus/${k.number}/serah`, { csrf: web.csrf, party_kind: 'ulp', party_name: 'Pokja 4', due_days: '2' });
  assert.equal(r.status, 303);
  page = await web.get(`/kasus/${k.number}/serah`);
  assert.match(page.text, /<h2>Lainnya Bagian Hukum<\/h2>/);
  assert.match(page.text, /<h2>ULP\/UKPBJ Pokja 4<\/h2>/);
  const hids = [...page.text.matchAll(/action="\/kasus\/[^/]+\/serah\/(\d+)\/jawab"/g)].map((m) => m[1]);
  assert.equal(hids.length, 2);
  // each hand-over's answer its own element id, its label tied to it: no id twice on the page
  for (const h of hids) assert.match(page.text, new RegExp(`<label for="h-answer-${h}">[^<]*</label><textarea id="h-answer-${h}" name="answer"`));
  const ids = [...page.text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((x, i) => ids.indexOf(x) !== i), [], 'an element id given twice');
  // an answer too long: kept in the form of that hand-over, marked under it; the other's form left empty
  r = await web.post(`/kasus/${k.number}/serah/${hids[1]}/jawab`, { csrf: web.csrf, answer: long });
  assert.equal(r.status, 400);
  const forms = r.text.split(/<form method="post" action="\/kasus\/[^/]+\/serah\//).slice(1);
  const mine = forms.find((f) => f.startsWith(`${hids[1]}/jawab`)), other = forms.find((f) => f.startsWith(`${hids[0]}/jawab`));
  assert.match(mine, /aria-invalid="true" aria-describedby="answer-error">Jawaban panjang\./);
  assert.match(mine, /<p class="field-error" id="answer-error">/);
  assert.doesNotMatch(other, /aria-invalid|Jawaban panjang/);
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
});

test('the hub\'s e-mail form: a message file refused is marked under the file input it came from (message), as the API names it', async () => {
  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0]);
  const r = await postMultipart('/helpdesk/email', { from_email: 'rina@example.org', subject: 'Lampiran' }, { field: 'message', name: 'pesan.eml', bytes: exe });
  assert.ok(r.status === 400 || r.status === 415, String(r.status));
  assert.match(r.text, /<input id="h-message" name="message" type="file" accept="\.eml,message\/rfc822" aria-invalid="true" aria-describedby="message-error">/);
  assert.match(r.text, /<p class="field-error" id="message-error">/);
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
  assert.match(r.text, /name="from_email" type="email" value="rina@example\.org"/);
});

test('the .rhs test refused (a note too long): the causes ticked stay ticked and the note stays typed', async () => {
  const made = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10077001', provider: 'CV Sumber Rejeki', requester: { name: 'Ketua Pokja 5' } } });
  assert.equal(made.status, 201, made.text);
  const n = made.json.case.number;
  const up = await postMultipart(`/rhs/${n}/berkas`, {}, { field: 'file', name: 'penawaran.rhs', bytes: 'RHS' });
  assert.equal(up.status, 303);
  const long = 'Dekripsi gagal di komputer LPSE. '.repeat(70);   // 2310 characters
  const r = await web.post(`/rhs/${n}/uji`, { csrf: web.csrf, cause_pdf_rusak: '1', cause_flash_disk: '1', opened: '0', note: long });
  assert.equal(r.status, 400);
  assert.match(r.text, /name="cause_pdf_rusak" value="1" checked/);
  assert.match(r.text, /name="cause_flash_disk" value="1" checked/);
  assert.doesNotMatch(r.text, /name="cause_nama_ganda" value="1" checked/);
  assert.match(r.text, /aria-describedby="note-error">Dekripsi gagal/);
  assert.equal((await request(s.url, 'GET', `/api/v1/rhs/${n}`, { token })).json.rhs.lpse_test, null);
});

test('the phone desk\'s caller lookup says the status of the caller\'s earlier cases in words (Terbuka), not their code', async () => {
  const k = await request(s.url, 'POST', '/api/v1/helpdesk/email', { token, body: { text: 'From: Lina Marlina <lina.cari@example.com>\nSubject: Status paket\n\nMohon info.' } });
  assert.equal(k.status, 201, k.text);
  const st = await request(s.url, 'GET', '/api/v1/phone/stamp', { token });
  const call = await request(s.url, 'POST', '/api/v1/phone/calls', { token, body: { stamp: st.json.stamp } });
  assert.equal(call.status, 201, call.text);
  const page = await web.get(`/telepon/panggilan/${call.json.id}?q=${encodeURIComponent('lina.cari@example.com')}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`<a href="/kasus/${k.json.number}">${k.json.number}</a> Status paket <span class="tag">Terbuka</span>`), 'the status in words');
  assert.doesNotMatch(page.text, /<span class="tag">open<\/span>/);
});

test('the hub\'s e-mail form: a sender\'s address written wrong is marked under the e-mail form\'s own input, not the .rhs form\'s; with no message both are said at once', async () => {
  let r = await postMultipart('/helpdesk/email', { text: 'Mohon jadwal pelatihan.', from_email: 'bukan-surel', from_name: 'Wawan' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="h-from_email" name="from_email" type="email" value="bukan-surel"[^>]*aria-invalid="true" aria-describedby="from_email-error"/);
  assert.doesNotMatch(r.text, /id="requester\.email-error"/);
  r = await postMultipart('/helpdesk/email', { text: '', from_email: 'bukan-surel' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="text-error"/);
  assert.match(r.text, /id="from_email-error"/);
});

test('the portal\'s tracking page: a reply refused is marked under its field with one line above that says so, not the message twice', async () => {
  const t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Nina', email: 'nina@cvmaju.co.id', subject: 'Jadwal tender', description: 'Kapan dibuka?' } });
  assert.equal(t.status, 201, t.text);
  const page = await fetch(`${s.url}/portal/t/${t.json.token}`);
  const csrf = (await page.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('body', '');
  const res = await fetch(`${s.url}/portal/t/${t.json.token}/balas`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: cookie, Origin: s.url } });
  const text = await res.text();
  assert.equal(res.status, 400);
  assert.equal((text.match(/class="notice error"/g) || []).length, 1, 'one notice above the form');
  assert.match(text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p>/);
  assert.equal((text.match(/Tulis balasan atau pilih berkas/g) || []).length, 1, 'the message once, under its field');
  assert.match(text, /<p class="field-error" id="body-error">Tulis balasan atau pilih berkas<\/p>/);
});

test('the .rhs request refused (LKPP\'s ticket missing): the request form comes back with the error under the ticket and the note typed, not the form of LKPP\'s result', async () => {
  const made = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10077002', provider: 'CV Sumber Rejeki', requester: { name: 'Ketua Pokja 6' } } });
  assert.equal(made.status, 201, made.text);
  const n = made.json.case.number;
  assert.equal((await postMultipart(`/rhs/${n}/berkas`, {}, { field: 'file', name: 'penawaran.rhs', bytes: 'RHS' })).status, 303);
  assert.equal((await web.post(`/rhs/${n}/uji`, { csrf: web.csrf, cause_pdf_rusak: '1', opened: '0' })).status, 303);
  const r = await web.post(`/rhs/${n}/minta`, { csrf: web.csrf, external_ticket: '', note: 'Mohon bantuan segera' });
  assert.equal(r.status, 400);
  assert.match(r.text, /action="\/rhs\/[^"]+\/minta"/);
  assert.doesNotMatch(r.text, /action="\/rhs\/[^"]+\/hasil"/);
  assert.match(r.text, /id="external_ticket-error"/);
  assert.match(r.text, />Mohon bantuan segera</);
  const c = (await request(s.url, 'GET', `/api/v1/cases/${n}`, { token })).json;
  assert.equal(c.current_step, 3);
  assert.equal((await request(s.url, 'GET', `/api/v1/rhs/${n}`, { token })).json.rhs.requested_at, null);
});

test('the bidding room\'s report-in form takes the provider\'s e-mail, as the API does: an escalation at step 10 reaches them; one written wrong is marked under it, what was typed kept', async () => {
  const board = await web.get('/ruang-bidding');
  assert.match(board.text, /<label for="h-email">E-mail<\/label><input id="h-email" name="email" type="email"/);
  let r = await web.post('/ruang-bidding', { csrf: web.csrf, name: 'Dewi Lestari', organisation: 'CV Surel', email: 'dewi@example' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="email-error"/);
  assert.match(r.text, /name="name" type="text" value="Dewi Lestari"/);
  r = await web.post('/ruang-bidding', { csrf: web.csrf, name: 'Dewi Lestari', organisation: 'CV Surel', email: 'dewi@example.com' });
  assert.equal(r.status, 303);
  const n = numberOf(r.headers.get('location'));
  const visit = await web.get(`/ruang-bidding/${n}`);
  assert.match(visit.text, /<dd>Dewi Lestari · CV Surel<\/dd>/);
  // no trainer yet: the choice says so (an empty one, required), not the first name of the list
  assert.match(visit.text, /<select id="trainer" name="trainer" required><option value="" selected>—<\/option>/);
  assert.equal((await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: 'tina' })).status, 303);
  assert.match((await web.get(`/ruang-bidding/${n}`)).text, /<option value="">—<\/option><option value="tina" selected>tina<\/option><\/select>/);
  const x = await request(s.url, 'POST', `/api/v1/cases/${n}/escalations`, { token, body: { title: 'Upload gagal', application: 'SPSE',
    type: 'permasalahan', description: 'Unggah dokumen kualifikasi gagal', external_ticket: 'TTS-2026-0777' } });
  assert.equal(x.status, 201, x.text);
  assert.equal(x.json.notified, true);
});

test('the .rhs test\'s step note says the causes checked in words, in the reader\'s language, not their codes; the audit row in English', async () => {
  const made = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10077003', provider: 'CV Sumber Rejeki', requester: { name: 'Ketua Pokja 7' } } });
  assert.equal(made.status, 201, made.text);
  const n = made.json.case.number;
  assert.equal((await postMultipart(`/rhs/${n}/berkas`, {}, { field: 'file', name: 'penawaran.rhs', bytes: 'RHS' })).status, 303);
  assert.equal((await web.post(`/rhs/${n}/uji`, { csrf: web.csrf, cause_hash_ukuran: '1', cause_flash_disk: '1', opened: '0', note: 'Gagal dekripsi' })).status, 303);
  const id = (await request(s.url, 'GET', `/api/v1/cases/${n}`, { token })).json.steps[1].note;
  assert.equal(id, 'Berkas tidak dapat dibuka di LPSE; penyebab yang diperiksa: Hash atau ukuran berkas tidak sesuai; Dienkripsi langsung dari flash disk; catatan: Gagal dekripsi');
  const en = (await request(s.url, 'GET', `/api/v1/cases/${n}?lang=en`, { token })).json.steps[1].note;
  assert.equal(en, 'The file does not open at the LPSE; causes checked: The file\'s hash or size does not match; Encrypted straight from a flash disk; note: Gagal dekripsi');
  const page = await web.get(`/kasus/${n}?lang=en`);
  assert.ok(page.text.includes('The file does not open at the LPSE; causes checked: The file&#39;s hash or size does not match'), 'the case page in English');
  assert.doesNotMatch(page.text, /hash_ukuran|flash_disk/);
  const n2 = (await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10077004', provider: 'CV Sumber Rejeki', requester: { name: 'Ketua Pokja 7' } } })).json.case.number;
  assert.equal((await postMultipart(`/rhs/${n2}/berkas`, {}, { field: 'file', name: 'penawaran.rhs', bytes: 'RHS' })).status, 303);
  assert.equal((await web.post(`/rhs/${n2}/uji`, { csrf: web.csrf, opened: '1' })).status, 303);
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${n2}`, { token })).json.steps[1].note, 'Berkas dapat dibuka di LPSE; penyebab yang diperiksa: —; catatan: —');
  const audit = await request(s.url, 'GET', `/api/v1/audit?action=rhs.test&limit=5`, { token });
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.text.includes('The file does not open at the LPSE; causes checked: The file'), audit.text.slice(0, 400));
});

test('LKPP\'s result is noted on its steps in the reader\'s language; the requester\'s answer stays in the office\'s words', async () => {
  const made = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10077005', provider: 'CV Sumber Rejeki', requester: { name: 'Ketua Pokja 8' } } });
  assert.equal(made.status, 201, made.text);
  const n = made.json.case.number;
  assert.equal((await postMultipart(`/rhs/${n}/berkas`, {}, { field: 'file', name: 'penawaran.rhs', bytes: 'RHS' })).status, 303);
  assert.equal((await web.post(`/rhs/${n}/uji`, { csrf: web.csrf, opened: '0' })).status, 303);
  assert.equal((await web.post(`/rhs/${n}/minta`, { csrf: web.csrf, external_ticket: 'TTS-2026-0805' })).status, 303);
  assert.equal((await web.post(`/rhs/${n}/hasil`, { csrf: web.csrf, opened: '0', note: 'Struktur berkas rusak' })).status, 303);
  const id = (await request(s.url, 'GET', `/api/v1/cases/${n}`, { token })).json;
  assert.equal(id.current_step, 7);
  assert.deepEqual(id.steps.filter((x) => x.no === 5 || x.no === 6).map((x) => x.note),
    ['Hasil LKPP: LKPP tidak dapat membukanya; catatan: Struktur berkas rusak', 'Hasil LKPP: LKPP tidak dapat membukanya; catatan: Struktur berkas rusak']);
  const en = (await request(s.url, 'GET', `/api/v1/cases/${n}?lang=en`, { token })).json;
  assert.equal(en.steps.find((x) => x.no === 6).note, 'LKPP\'s result: LKPP could not open it; note: Struktur berkas rusak');
  const page = await web.get(`/kasus/${n}?lang=en`);
  assert.ok(page.text.includes('LKPP&#39;s result: LKPP could not open it; note: Struktur berkas rusak'), 'the steps\' notes in English on the case page');
  const x = (await request(s.url, 'GET', `/api/v1/cases/${n}/escalations`, { token })).json.escalations[0];
  assert.equal(x.answer, 'LKPP: dokumen penawaran tidak dapat dibuka; Struktur berkas rusak');
});

test('the phone desk\'s form has the caller\'s NIK: a caller known by NIK is found by it and the form filled with it; a wrong NIK is marked and kept; the NIK written is the caller\'s', async () => {
  const NIK = '3325014404850007';
  const k = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Akun penyedia', requester: { name: 'Sari Nikmah', nik: NIK } } });
  assert.equal(k.status, 201, k.text);
  const st = await request(s.url, 'GET', '/api/v1/phone/stamp', { token });
  const call = await request(s.url, 'POST', '/api/v1/phone/calls', { token, body: { stamp: st.json.stamp } });
  let page = await web.get(`/telepon/panggilan/${call.json.id}?q=${NIK}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<label for="q">Nama, NIP, NIK, NPWP, e-mail atau telepon<\/label>/);
  const party = page.text.match(new RegExp(`party=(\\d+)">Sari Nikmah</a>`))[1];
  page = await web.get(`/telepon/panggilan/${call.json.id}?q=${NIK}&party=${party}`);
  assert.match(page.text, new RegExp(`id="h-requester\\.nik" name="requester\\.nik"[^>]*value="${NIK}"`));
  // its length and digits said as the form to open a case says them
  assert.match(page.text, /name="requester\.nik" type="text" value="\d+" maxlength="24" inputmode="numeric" aria-describedby="h-requester\.nik-hint"><p class="hint muted" id="h-requester\.nik-hint">NIK: 16 digit<\/p>/);
  let r = await web.post(`/telepon/panggilan/${call.json.id}`, { csrf: web.csrf, 'requester.name': 'Sari Nikmah', 'requester.nik': '33250', question: 'Lupa sandi', answer: 'Reset lewat admin agency', outcome: 'answer' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="h-requester\.nik" name="requester\.nik"[^>]*value="33250"[^>]*aria-invalid="true"/);
  assert.equal((await request(s.url, 'GET', `/api/v1/phone/calls/${call.json.id}`, { token })).json.status, 'answered');
  r = await web.post(`/telepon/panggilan/${call.json.id}`, { csrf: web.csrf, 'requester.name': 'Sari Nikmah', 'requester.nik': NIK, question: 'Lupa sandi', answer: 'Reset lewat admin agency', outcome: 'answer' });
  assert.ok(r.status < 400, r.text.slice(0, 300));
  const done = (await request(s.url, 'GET', `/api/v1/phone/calls/${call.json.id}`, { token })).json;
  assert.equal(done.status, 'solved');
  const kase = (await request(s.url, 'GET', `/api/v1/cases/${done.case}`, { token })).json;
});

test('the desk\'s forms that open a case (e-mail, .rhs, bidding room) sent twice open one; a refused one\'s mark is not the other forms\'', async () => {
  const markOf = (html, action) => html.match(new RegExp(`action="${action}"[^>]*>(?:(?!</form>).)*?name="form_id" value="([0-9a-f]{32})"`, 's'))[1];
  const count = async () => (await request(s.url, 'GET', '/api/v1/cases?limit=200', { token })).json.cases.length;
  const hub = (await web.get('/helpdesk')).text;
  const board = (await web.get('/ruang-bidding')).text;
  const forms = [
    ['/helpdesk/email', hub, { from_email: 'dua@contoh.co.id', from_name: 'Dua Kali', subject: 'Dikirim dua kali', text: 'Halo' }, /^\/kasus\//],
    ['/rhs', hub, { tender_code: '99887766', provider: 'CV Dua Kali', 'requester.name': 'Pokja Dua' }, /^\/rhs\//],
    ['/ruang-bidding', board, { name: 'Dua Kali', organisation: 'CV Dua Kali' }, /^\/ruang-bidding\//],
  ];
  for (const [action, html, fields, where] of forms) {
    const form_id = markOf(html, action);
    const before = await count();
    const first = await web.post(action, { csrf: web.csrf, form_id, ...fields });
    assert.equal(first.status, 303, `${action}: ${first.text.slice(0, 200)}`);
    const second = await web.post(action, { csrf: web.csrf, form_id, ...fields });
    assert.equal(second.status, 303, action);
    const to = first.headers.get('location').replace(/\?.*/, ''), again = second.headers.get('location');
    assert.match(to, where);
    assert.ok(again.startsWith(`${to}?ok=`), `${action}: the second sending leads to the first's case (${again})`);
    assert.match((await web.get(again)).text, /Formulir ini sudah dikirim/);
    assert.equal(await count(), before + 1, `${action}: one case`);
  }
  // a refused .rhs form comes back with its own mark; the e-mail form beside it gets a fresh one
  const h = (await web.get('/helpdesk')).text;
  const rhsMark = markOf(h, '/rhs');
  const refused = await web.post('/rhs', { csrf: web.csrf, form_id: rhsMark, tender_code: '', provider: '', 'requester.name': '' });
  assert.equal(refused.status, 400);
  assert.equal(markOf(refused.text, '/rhs'), rhsMark, 'the refused form keeps its mark: corrected, it is sent once');
  assert.notEqual(markOf(refused.text, '/helpdesk/email'), rhsMark, 'the other form has a mark of its own');
});
