// The registers the SOPs keep, over HTTP: every register through the API (add,
// list, search), the errors naming their field, the permissions, the archive's
// list of what is due for destruction, the actions, and the pages (the books,
// the form, the buttons, and markup fit for printing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, sqlite, wibDay } from './lib.mjs';
import { join } from 'node:path';

let s, admin, staff, reader, outsider;

before(async () => {
  s = await startServer();
  addUser(s.dir, 'rina', 'helpdesk', 'rina-password-1');
  addUser(s.dir, 'pak-ketua', 'pengarah', 'pengarah-password-1');
  addUser(s.dir, 'cv-maju', 'penyedia', 'penyedia-password-1');
  admin = await login(s.url);
  staff = await login(s.url, 'rina', 'rina-password-1');
  reader = await login(s.url, 'pak-ketua', 'pengarah-password-1');
  outsider = await login(s.url, 'cv-maju', 'penyedia-password-1');
  // the registers link to real cases: open the two the samples name
  for (const subject of ['Permohonan akun PPK', 'Arsip berkas verifikasi']) {
    const r = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, requester: { name: 'Budi Santoso' } } });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { if (s) await s.stop(); });

const api = (method, path, token, body) => request(s.url, method, `/api/v1/registers${path}`, { token, body });
const YEAR = Number(wibDay().slice(0, 4));   // numbers carry the office's year

// One good entry per register, and a word its search finds.
const SAMPLES = {
  'guest-book': [{ name: 'Budi Santoso', organisation: 'CV Maju Jaya', phone: '(0285) 391-234', purpose: 'Upload penawaran' }, 'maju'],
  agenda: [{ letter_no: '027/1/2026', letter_date: '2026-11-18', sender: 'Dinas PU', subject: 'Permohonan aktivasi akun PPK' }, 'AKTIVASI'],
  disposition: [{ case_number: `LPSE-${YEAR}-000001`, to_user: 'rina', instruction: 'Tindak lanjuti permohonan' }, 'tindak'],
  consultation: [{ name: 'Sari', contact: '0812 3456 7890', question: 'Lupa kata sandi SPSE' }, 'sandi'],
  handover: [{ items: 'Surat permohonan\nSK penunjukan', from_name: 'Andi', to_name: 'Rina', case_number: `LPSE-${YEAR}-000001` }, 'penunjukan'],
  archive: [{ title: 'Berkas 2015', location: 'Lemari A', retain_until: '2020-12-31' }, 'lemari'],
};

test('each register: add an entry, find it by search, list it; numbered ones get AG/DS/KF/ST numbers', async () => {
  for (const [reg, [body, word]] of Object.entries(SAMPLES)) {
    const r = await api('POST', `/${reg}`, staff, body);
    assert.equal(r.status, 201, `${reg}: ${r.text}`);
    assert.equal(r.json.register, reg);
    assert.equal(r.json.created_by, 'rina');
    for (const [k, v] of Object.entries(body)) assert.equal(r.json[k], v, `${reg}.${k}`);
    const prefix = { agenda: 'AG', disposition: 'DS', consultation: 'KF', handover: 'ST' }[reg];
    if (prefix) assert.equal(r.json.number, `${prefix}-${YEAR}-0001`);
    else assert.ok(!('number' in r.json));
    const found = await api('GET', `/${reg}?q=${encodeURIComponent(word)}`, reader);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.json.entries.map((e) => e.id), [r.json.id], `${reg} search`);
    const none = await api('GET', `/${reg}?q=tidak-ada-sama-sekali`, reader);
    assert.deepEqual(none.json.entries, []);
  }
  const second = await api('POST', '/agenda', admin, { ...SAMPLES.agenda[0], letter_no: '027/2/2026' });
  assert.equal(second.json.number, `AG-${YEAR}-0002`);
  const dated = await api('GET', '/agenda?from=2020-01-01&to=2020-12-31', reader);
  assert.deepEqual(dated.json.entries, []);
  const today = await api('GET', `/agenda?from=${YEAR - 1}-01-01&limit=1`, reader);
  assert.equal(today.json.entries.length, 1);
  assert.equal(today.json.entries[0].number, `AG-${YEAR}-0002`);
  const next = await api('GET', `/agenda?from=${YEAR - 1}-01-01&limit=1&before=${today.json.next_before}`, reader);
  assert.equal(next.json.entries[0].number, `AG-${YEAR}-0001`);
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.add&limit=100', { token: admin });
  assert.equal(audit.json.rows.length, 7);
});

test('errors name the field: required, malformed, unknown member, cross-field rules', async () => {
  const cases = [
    ['/guest-book', { purpose: 'x' }, 'name'],
    ['/guest-book', { name: 'Budi', purpose: 'x', arrived_at: 'besok pagi' }, 'arrived_at'],
    ['/guest-book', { name: 'Budi', purpose: 'x', phone: 'nomor saya' }, 'phone'],
    ['/guest-book', { name: 'Budi', purpose: 'x', nickname: 'Bud' }, 'nickname'],
    ['/guest-book', { name: 3, purpose: 'x' }, 'name'],
    ['/agenda', { letter_no: '1', letter_date: '18-11-2026', sender: 'x', subject: 'y' }, 'letter_date'],
    ['/disposition', { to_role: 'helpdesk', instruction: 'x' }, 'agenda'],
    ['/disposition', { agenda: 'AG-1999-0001', to_role: 'helpdesk', instruction: 'x' }, 'agenda'],
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_user: 'cv-tidak-ada', instruction: 'x' }, 'to_user'],
    ['/archive', { case_number: `LPSE-${YEAR}-999999`, location: 'Lemari A', retain_until: '2099-01-01' }, 'case_number'],
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_role: 'raja', instruction: 'x' }, 'to_role'],
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_role: 'penyedia', instruction: 'x' }, 'to_role'],
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_role: 'lkpp', instruction: 'x' }, 'to_role'],
    ['/handover', { items: 'SK', from_name: 'Andi\nBudi', to_name: 'Rina' }, 'from_name'],
    ['/archive', { location: 'Lemari A', retain_until: '2030-01-01' }, 'title'],
    // what a register records has happened: not in the future; a letter is received on or after its date
    ['/guest-book', { name: 'Budi', purpose: 'x', arrived_at: `${YEAR + 1}-01-02T10:00` }, 'arrived_at'],
    ['/agenda', { letter_no: '9', letter_date: `${YEAR + 1}-01-02`, sender: 'x', subject: 'y' }, 'letter_date'],
    ['/agenda', { letter_no: '9', letter_date: `${YEAR}-01-10`, received_at: `${YEAR}-01-05T09:00`, sender: 'x', subject: 'y' }, 'received_at'],
    ['/consultation', { name: 'Budi', question: 'x', asked_at: `${YEAR + 1}-01-02T10:00` }, 'asked_at'],
    ['/handover', { items: 'SK', from_name: 'Andi', to_name: 'Rina', at: `${YEAR + 1}-01-02T10:00` }, 'at'],
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_role: 'helpdesk', instruction: 'x', due_at: `${YEAR - 1}-01-02T10:00` }, 'due_at'],
    ['/archive', { title: 'Berkas', location: 'Lemari A', archived_at: `${YEAR + 1}-01-02T10:00`, retain_until: `${YEAR + 9}-01-01` }, 'archived_at'],
    // a retention that ends before the archiving date written with it; white space alone is nothing
    ['/archive', { title: 'Berkas', location: 'Lemari A', archived_at: '2020-01-01T09:00', retain_until: '2010-12-31' }, 'retain_until'],
    ['/handover', { items: '\n \n  ', from_name: 'Andi', to_name: 'Rina' }, 'items'],
    // a disposition goes between the office's staff, not to a provider's account
    ['/disposition', { case_number: `LPSE-${YEAR}-000001`, to_user: 'cv-maju', instruction: 'x' }, 'to_user'],
  ];
  for (const [path, body, field] of cases) {
    const r = await api('POST', `${path}?lang=en`, staff, body);
    assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field, `${path} ${JSON.stringify(body)}: ${r.text}`);
  }
  const bad = await api('POST', '/agenda', staff, '{"letter_no":');
  assert.equal(bad.status, 400);
  assert.equal((await api('GET', '/buku-tamu', staff)).status, 404);
  assert.equal((await api('POST', '/agenda/1/depart', staff)).status, 404);
  assert.equal((await api('POST', '/guest-book/999/depart', staff)).status, 404);
  assert.equal((await api('POST', '/guest-book/abc/depart', staff)).status, 404);
  assert.equal((await api('GET', '/guest-book?due=true', staff)).status, 400);
  assert.equal((await api('GET', '/guest-book?from=kemarin', staff)).json.error.field, 'from');
});

test('permissions: staff write, pengarah only reads, requesters and anonymous get nothing', async () => {
  assert.equal((await api('GET', '', reader)).status, 200);
  assert.equal((await api('GET', '/archive', reader)).status, 200);
  assert.equal((await api('POST', '/guest-book', reader, SAMPLES['guest-book'][0])).status, 403);
  assert.equal((await api('POST', '/guest-book/1/depart', reader)).status, 403);
  assert.equal((await api('GET', '/guest-book', outsider)).status, 403);
  assert.equal((await api('GET', '', outsider)).status, 403);
  assert.equal((await api('POST', '/guest-book', outsider, SAMPLES['guest-book'][0])).status, 403);
  assert.equal((await api('GET', '/guest-book')).status, 401);
});

test('actions: departure, done, and destruction only of what is due', async () => {
  const g = await api('POST', '/guest-book', staff, { name: 'Tamu', purpose: 'Konsultasi' });
  const dep = await api('POST', `/guest-book/${g.json.id}/depart`, staff, {});
  assert.equal(dep.status, 200, dep.text);
  assert.ok(Date.parse(dep.json.left_at) >= Date.parse(dep.json.arrived_at));
  assert.equal((await api('POST', `/guest-book/${g.json.id}/depart`, staff)).status, 409);
  assert.equal((await api('POST', `/guest-book/${g.json.id}/depart`, staff, { at: 'now' })).status, 400);

  const d = await api('POST', '/disposition', staff, { agenda: `AG-${YEAR}-0001`, to_role: 'admin_agency', instruction: 'Proses' });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json.agenda, `AG-${YEAR}-0001`);
  // a due date given as a day is due by the end of that day in the office (WIB), not at 00.00
  const byDay = await api('POST', '/disposition', staff, { agenda: `AG-${YEAR}-0001`, to_role: 'helpdesk', instruction: 'Balas', due_at: `${YEAR + 1}-01-05` });
  assert.equal(byDay.status, 201, byDay.text);
  assert.equal(byDay.json.due_at, `${YEAR + 1}-01-05T16:59:59Z`);
  const done = await api('POST', `/disposition/${d.json.id}/done`, staff);
  assert.equal(done.status, 200);
  assert.ok(done.json.done_at);

  const keep = await api('POST', '/archive', staff, { case_number: `LPSE-${YEAR}-000002`, location: 'Lemari B', retain_until: '2099-01-01' });
  assert.equal(keep.json.due, false);
  const due = await api('GET', '/archive?due=true', reader);
  assert.ok(due.json.entries.length >= 1);
  assert.ok(due.json.entries.every((e) => e.due && e.destroyed_at === null));
  assert.ok(!due.json.entries.some((e) => e.id === keep.json.id));
  const notDue = await api('GET', '/archive?due=false', reader);
  assert.ok(notDue.json.entries.some((e) => e.id === keep.json.id), 'due=false: what is not due');
  assert.ok(notDue.json.entries.every((e) => !e.due), notDue.text);
  const early = await api('POST', `/archive/${keep.json.id}/destroy`, staff);
  assert.equal(early.status, 409);
  assert.equal(early.json.error.field, 'retain_until');
  for (const e of due.json.entries) assert.equal((await api('POST', `/archive/${e.id}/destroy`, staff)).status, 200);
  assert.deepEqual((await api('GET', '/archive?due=true', reader)).json.entries, []);
  const all = await api('GET', '/archive', reader);
  assert.ok(all.json.entries.filter((e) => e.destroyed_at).length >= 1);
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.*&limit=100', { token: admin });
  for (const a of ['register.depart', 'register.done', 'register.destroy']) assert.ok(audit.json.rows.some((r) => r.action === a), a);
});

test('pages: the registers, each book with search, form and buttons, printable', async () => {
  const web = await webSession(s.url);
  const list = await web.get('/register');
  assert.equal(list.status, 200);
  for (const reg of Object.keys(SAMPLES)) assert.match(list.text, new RegExp(`href="/register/${reg}"`));
  assert.match(list.text, /href="\/register"[^>]*>Register</);   // the navigation link

  // the case page lists what the registers wrote for it; a register's list links the case; a letter's date in words
  const kase = await web.get(`/kasus/LPSE-${YEAR}-000001`);
  assert.equal(kase.status, 200);
  assert.match(kase.text, new RegExp(`<section class="card" id="register">`));
  assert.match(kase.text, new RegExp(`href="/register/handover/\\d+/formulir">ST-${YEAR}-0001</a>`));
  assert.match(kase.text, new RegExp(`href="/register/disposition/\\d+/formulir">DS-${YEAR}-0001</a>`));
  const hand = await web.get('/register/handover');
  assert.match(hand.text, new RegExp(`<td class="mono"><a href="/kasus/LPSE-${YEAR}-000001">LPSE-${YEAR}-000001</a></td>`));
  // the items' label is what the printed form and the list head say; how to type them is the entry form's hint
  assert.match(hand.text, /<th scope="col">Berkas yang diserahkan<\/th>/);
  assert.match(hand.text, /<label for="n-items">Berkas yang diserahkan<\/label><textarea [^>]*><\/textarea><p class="hint muted">Satu berkas per baris<\/p>/);
  assert.doesNotMatch(hand.text, /satu per baris/);
  assert.match((await web.get('/register/handover/ekspor?format=csv')).text, /^\uFEFF?Nomor,Waktu serah terima,Berkas yang diserahkan,/);
  assert.match((await web.get('/register/agenda')).text, /<td class="when">18 November 2026<\/td>/);
  // who wrote an entry by name (the username on hover); one without a full name by username
  assert.match((await web.get('/register/agenda')).text, /<td title="admin">Administrator<\/td>/);
  assert.match((await web.get('/register/agenda')).text, /<td title="rina">rina<\/td>/);

  const book = await web.get('/register/guest-book?q=budi');
  assert.equal(book.status, 200);
  assert.match(book.text, /<table class="register register-guest_book">/);
  assert.match(book.text, /Budi Santoso/);
  assert.match(book.text, /class="print-only register-head"/);
  assert.match(book.text, /<details class="card no-print register-new"/);
  assert.match(book.text, /name="q" type="search" value="budi"/);

  const add = await web.post('/register/handover', { csrf: web.csrf, items: 'Berkas A\nBerkas B', from_name: 'Andi', to_name: 'Rina' });
  assert.equal(add.status, 303);
  assert.match(add.headers.get('location'), /^\/register\/handover\?ok=/);
  const shown = await web.get(add.headers.get('location'));
  assert.match(shown.text, new RegExp(`ST-${YEAR}-000\\d`));
  assert.match(shown.text, /class="notice ok"/);
  const wrong = await web.post('/register/handover', { csrf: web.csrf, items: '', from_name: 'Andi', to_name: 'Rina' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /id="items-error"/);
  assert.match(wrong.text, /<details class="card no-print register-new" id="baru" open>/);

  const g = await api('POST', '/guest-book', staff, { name: 'Pengunjung Web', purpose: 'Tanya jadwal' });
  const page = await web.get('/register/guest-book');
  assert.match(page.text, new RegExp(`action="/register/guest-book/${g.json.id}/depart"`));
  const dep = await web.post(`/register/guest-book/${g.json.id}/depart`, { csrf: web.csrf });
  assert.equal(dep.status, 303);
  const after = await web.get('/register/guest-book');
  assert.doesNotMatch(after.text, new RegExp(`action="/register/guest-book/${g.json.id}/depart"`));

  await api('POST', '/archive', staff, { title: 'Berkas tua', location: 'Gudang', retain_until: '2001-01-01' });
  const dueList = await web.get('/register/archive?due=1');
  assert.equal(dueList.status, 200);
  assert.match(dueList.text, /<tr id="e\d+" class="due">/);
  assert.match(dueList.text, /\/destroy"/);
  assert.equal((await web.get('/register/archive?from=besok')).status, 400);
  assert.equal((await web.get('/register/tidak-ada')).status, 404);

  const css = await web.get(list.text.match(/href="(\/static\/loket\.css[^"]*)"/)[1]);
  assert.match(css.text, /@page lying \{ size:A4 landscape/);   // a register book lies on its sheet, a letter stands
  assert.match(css.text, /main:has\(table\.register\)[^{]*\{ page:lying; \}/);
  assert.match(css.text, /table\.register th, table\.register td \{ border:1px solid #000/);

  const ro = await webSession(s.url, 'pak-ketua', 'pengarah-password-1');
  const roPage = await ro.get('/register/guest-book');
  assert.equal(roPage.status, 200);
  assert.doesNotMatch(roPage.text, /register-new/);
  assert.doesNotMatch(roPage.text, /\/depart"/);
  assert.equal((await ro.post('/register/guest-book', { csrf: ro.csrf, name: 'x', purpose: 'y' })).status, 403);
  const out = await webSession(s.url, 'cv-maju', 'penyedia-password-1');
  assert.equal((await out.get('/register')).status, 403);
});

test('a contact is an e-mail address or an Indonesian phone number (or both), a phone an Indonesian number: else 400 naming it, page and API', async () => {
  const base = { name: 'Rina', question: 'Cara unggah dokumen?' };
  for (const contact of ['rina@', 'rina', '12', '0812', 'rina@x, rina@y.co.id', '0812 3456 7890, 0813 1111 2222', '+1 415 555 0100']) {
    const r = await api('POST', '/consultation', staff, { ...base, contact });
    assert.equal(r.status, 400, `${contact}: ${r.text}`);
    assert.equal(r.json.error.field, 'contact', contact);
    assert.equal(r.json.error.message, 'Kontak harus berupa alamat surel atau nomor telepon Indonesia (08…, +62…), atau keduanya dipisah koma');
  }
  for (const contact of ['rina@sinar.example.co.id', '0812-3456-7890', '+62 813 5555 6666', '(0285) 391234', '0812 3456 7890, rina@sinar.co.id']) {
    const r = await api('POST', '/consultation', staff, { ...base, contact });
    assert.equal(r.status, 201, `${contact}: ${r.text}`);
    assert.equal(r.json.contact, contact);
  }
  for (const phone of ['12345', '+1 415 555 0100', '0812', 'rina@sinar.co.id']) {
    const r = await api('POST', '/guest-book', staff, { name: 'Budi', purpose: 'x', phone });
    assert.equal(r.status, 400, `${phone}: ${r.text}`);
    assert.equal(r.json.error.field, 'phone', phone);
    assert.match(r.json.error.message, /^Telepon harus nomor Indonesia/);
  }
  // the page: the form comes back with the error under the contact, what was typed kept
  const web = await webSession(s.url);
  const p = await web.post('/register/consultation', { csrf: web.csrf, name: 'Rina', contact: 'rina@', question: 'Cara unggah?' });
  assert.equal(p.status, 400);
  assert.match(p.text, /<input id="n-contact" name="contact" type="text" value="rina@" maxlength="128" aria-invalid="true" aria-describedby="contact-error">/);
  assert.match(p.text, /<p class="field-error" id="contact-error">Kontak harus berupa alamat surel atau nomor telepon Indonesia/);
  const list = await api('GET', '/consultation?q=rina', staff);
  assert.ok(!list.json.entries.some((x) => x.contact === 'rina@'), 'nothing of a refused entry is kept');
});

test('an entry with several wrong fields names each at once, in the API ("fields") and under each field on the page', async () => {
  const cases = [
    ['/guest-book', { purpose: 'x', phone: 'nomor saya', arrived_at: 'besok pagi' }, ['name', 'phone', 'arrived_at']],
    ['/agenda', { letter_no: '1', letter_date: '18-11-2026', subject: 'y', received_at: `${YEAR + 1}-01-02T10:00` }, ['letter_date', 'received_at', 'sender']],
    ['/disposition', { agenda: 'AG-1999-0001', to_role: 'raja', instruction: 'x', due_at: `${YEAR - 1}-01-02T10:00` }, ['agenda', 'to_role', 'due_at']],
    ['/disposition', { instruction: 'x' }, ['agenda', 'to_user']],
    ['/handover', { items: '\n \n  ', from_name: 'Andi\nBudi' }, ['items', 'from_name', 'to_name']],
    ['/archive', { case_number: `LPSE-${YEAR}-999999`, archived_at: `${YEAR + 1}-01-02T10:00`, retain_until: '31-12-2030' }, ['case_number', 'location', 'retain_until', 'archived_at']],
  ];
  for (const [path, body, fields] of cases) {
    const r = await api('POST', `${path}?lang=en`, staff, body);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.ok(fields.includes(r.json.error.field), r.text);
    assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), [...fields].sort(), r.text);
    for (const f of r.json.error.fields) assert.ok(f.message, r.text);
  }
  // one wrong field: no list
  const one = await api('POST', '/guest-book', staff, { purpose: 'x' });
  assert.equal(one.json.error.field, 'name');
  assert.equal(one.json.error.fields, undefined);
  // every required field missing named at once, each message naming its field (docs/api.md, Errors)
  const none = await api('POST', '/guest-book', staff, { organisation: 'CV Maju' });
  assert.equal(none.status, 400, none.text);
  assert.equal(none.json.error.code, 'invalid');
  assert.equal(none.json.error.field, 'name');
  assert.equal(none.json.error.message, 'Nama wajib diisi');
  assert.deepEqual(none.json.error.fields, [{ field: 'name', message: 'Nama wajib diisi' }, { field: 'purpose', message: 'Tujuan wajib diisi' }]);
  const en = await api('POST', '/handover?lang=en', staff, { items: 'SK', from_name: 'x'.repeat(129) });
  assert.deepEqual(en.json.error.fields, [{ field: 'from_name', message: 'Handed over by is too long: at most 128 characters', limit: 128 }, { field: 'to_name', message: 'Received by is required' }], en.text);
  // the pages: each wrong field marked with its message under it, what was typed kept, nothing kept
  const web = await webSession(s.url);
  let p = await web.post('/register/guest-book', { csrf: web.csrf, name: '', purpose: 'Tanya', phone: 'nomor saya', arrived_at: 'besok' });
  assert.equal(p.status, 400);
  for (const f of ['name', 'phone', 'arrived_at']) {
    assert.match(p.text, new RegExp(`id="n-${f}" name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
    assert.match(p.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  }
  assert.match(p.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  assert.match(p.text, /value="nomor saya"/);
  p = await web.post('/register/handover', { csrf: web.csrf, items: ' ', from_name: 'Andi', to_name: '', at: `${YEAR + 1}-01-02T10:00` });
  assert.equal(p.status, 400);
  for (const f of ['items', 'to_name', 'at']) assert.match(p.text, new RegExp(`id="${f}-error"`), f);
  const list = await api('GET', '/guest-book?q=nomor', staff);
  assert.equal(list.json.entries.length, 0, 'nothing of a refused entry is kept');
});

test('an entry is corrected (API PATCH and the page\'s form): checked as a new one, only what changes held to the rules of time, its number kept, audited with old and new', async () => {
  // a disposition whose due time has passed: its instruction can still be corrected
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const d0 = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_role: 'helpdesk', instruction: 'Balas surat', due_at: iso(Date.now() + 3600e3) });
  assert.equal(d0.status, 201, d0.text);
  const dueAt = Math.floor(Date.now() / 1000) - 86400;   // a day later, the due time has passed
  assert.equal(sqlite(join(s.dir, 'loket.db'), `UPDATE disposition SET due_at=${dueAt} WHERE id=${d0.json.id}`).status, 0);
  const d = await api('GET', `/disposition?q=${encodeURIComponent('balas surat')}`, reader).then((x) => x.json.entries.find((e) => e.id === d0.json.id));
  let r = await api('PATCH', `/disposition/${d.id}?lang=en`, staff, { due_at: iso(Date.now() - 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'due_at');
  r = await api('PATCH', `/disposition/${d.id}`, staff, { instruction: 'Balas surat hari ini' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.instruction, 'Balas surat hari ini');
  assert.equal(r.json.number, d.number);
  assert.equal(r.json.due_at, d.due_at);
  assert.equal(r.json.created_by, 'rina');

  // a sheet to someone who has left the staff since is still corrected; a new recipient must be staff
  addUser(s.dir, 'sekar', 'helpdesk', 'sekar-password-1');
  const toSekar = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_user: 'sekar', instruction: 'Cek berkas' });
  assert.equal(toSekar.status, 201, toSekar.text);
  assert.equal((await request(s.url, 'PUT', '/api/v1/users/sekar/roles', { token: admin, body: { roles: [] } })).status, 200);
  r = await api('PATCH', `/disposition/${toSekar.json.id}`, staff, { instruction: 'Cek berkas lengkap' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.to_user, 'sekar');
  r = await api('PATCH', `/disposition/${toSekar.json.id}`, staff, { to_user: 'cv-maju' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'to_user');

  // the order itself (from, to, instruction, due) is changed by whoever gave or wrote it, the head, the
  // secretary or an administrator, not by another officer (the recipient marks it done)
  addUser(s.dir, 'dimas', 'helpdesk', 'dimas-password-1');
  addUser(s.dir, 'sari-sek', 'sekretaris', 'sekretaris-password-1');
  const dimas = await login(s.url, 'dimas', 'dimas-password-1');
  const order0 = (await api('GET', `/disposition?q=${encodeURIComponent('Balas surat hari ini')}`, reader)).json.entries.find((e) => e.id === d.id);
  for (const [body, field] of [[{ instruction: 'Abaikan' }, 'instruction'], [{ from_user: 'dimas' }, 'from_user'],
    [{ to_role: 'trainer' }, 'to_role'], [{ due_at: iso(Date.now() + 7 * 86400e3), instruction: 'Nanti saja' }, 'instruction']]) {
    r = await api('PATCH', `/disposition/${d.id}?lang=en`, dimas, body);
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.field, field);
    assert.equal(r.json.error.message, `${({ instruction: 'Instruction', from_user: 'From (user)', to_role: 'To (role)' })[field] ?? field} may be changed only by whoever gave the disposition or wrote it, the head, the secretary or an administrator`);
  }
  r = await api('PATCH', `/disposition/${d.id}`, dimas, { instruction: 'Abaikan' });
  assert.equal(r.json.error.message, 'Instruksi hanya dapat diubah oleh pemberi disposisi atau pencatatnya, ketua, sekretaris, atau administrator');
  const dimasWeb = await webSession(s.url, 'dimas', 'dimas-password-1');
  const page = await dimasWeb.post(`/register/disposition/${d.id}/ubah`, { csrf: dimasWeb.csrf, instruction: 'Abaikan' });
  assert.equal(page.status, 403);
  assert.match(page.text, /id="instruction-error">hanya dapat diubah oleh pemberi disposisi atau pencatatnya, ketua, sekretaris, atau administrator</);
  assert.match(page.text, />Abaikan</, 'what was typed is shown again');
  const order1 = (await api('GET', `/disposition?q=${encodeURIComponent('Balas surat hari ini')}`, reader)).json.entries.find((e) => e.id === d.id);
  assert.deepEqual(order1, order0, 'nothing of a refused correction is kept');
  // the same officer may correct what is not the order (the case it is about), and the secretary the order
  r = await api('PATCH', `/disposition/${d.id}`, dimas, { case_number: `LPSE-${YEAR}-000002` });
  assert.equal(r.status, 200, r.text);
  const sek = await login(s.url, 'sari-sek', 'sekretaris-password-1');
  r = await api('PATCH', `/disposition/${d.id}`, sek, { instruction: 'Balas surat hari ini juga' });
  assert.equal(r.status, 200, r.text);
  r = await api('PATCH', `/disposition/${d.id}`, admin, { instruction: 'Balas surat hari ini' });
  assert.equal(r.status, 200, r.text);

  // every wrong field at once, nothing written; a member the register does not have; no such entry
  const g = await api('POST', '/guest-book', staff, { name: 'Tamu Koreksi', phone: '0812 1111 2222', purpose: 'Upload' });
  r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, { name: '', phone: '12', arrived_at: '2099-01-01T08:00' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['arrived_at', 'name', 'phone']);
  assert.equal((await api('GET', `/guest-book?q=koreksi`, reader)).json.entries[0].phone, '0812 1111 2222');
  assert.equal((await api('PATCH', `/guest-book/${g.json.id}`, staff, { left_at: '2026-01-01' })).status, 400);
  assert.equal((await api('PATCH', '/guest-book/99999', staff, { name: 'x' })).status, 404);
  assert.equal((await api('PATCH', `/guest-book/${g.json.id}`, reader, { name: 'x' })).status, 403);
  // null or "" clears an optional field; an arrival is not later than the departure recorded
  r = await api('PATCH', `/guest-book/${g.json.id}`, staff, { phone: null, organisation: 'CV Koreksi' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.phone, null);
  assert.equal(r.json.organisation, 'CV Koreksi');

  // the consultation form without a case gets its answer afterwards
  const k = await api('POST', '/consultation', staff, { name: 'Dewi', question: 'Cara unggah SBU?' });
  r = await api('PATCH', `/consultation/${k.json.id}`, staff, { answer: 'Lewat menu data kualifikasi' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.answer, 'Lewat menu data kualifikasi');
  assert.equal(r.json.number, k.json.number);

  // an archive entry: the retention not before the archiving; a destroyed file's retention stays
  const a = await api('POST', '/archive', staff, { title: 'Berkas koreksi', location: 'Lemari C', archived_at: '2025-01-10', retain_until: '2030-01-01' });
  assert.equal(a.status, 201, a.text);
  r = await api('PATCH', `/archive/${a.json.id}?lang=en`, staff, { retain_until: '2024-12-31' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'retain_until');
  r = await api('PATCH', `/archive/${a.json.id}`, staff, { retain_until: '2025-06-30' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.due, true);
  assert.equal((await api('POST', `/archive/${a.json.id}/destroy`, staff)).status, 200);
  r = await api('PATCH', `/archive/${a.json.id}?lang=en`, staff, { retain_until: '2040-01-01' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'retain_until');
  assert.equal((await api('PATCH', `/archive/${a.json.id}`, staff, { location: 'Gudang arsip' })).status, 200);

  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.edit&limit=100', { token: admin });
  assert.ok(audit.json.rows.some((x) => x.object === `disposition:${d.id}:${d.number}` && x.detail === 'instruction=Balas surat -> Balas surat hari ini'), audit.text);
  assert.ok(audit.json.rows.some((x) => x.object === `archive:${a.json.id}` && /^location=Lemari C -> Gudang arsip$/.test(x.detail)), audit.text);
  const count = audit.json.rows.length;
  assert.equal((await api('PATCH', `/archive/${a.json.id}`, staff, { location: 'Gudang arsip' })).status, 200);
  assert.equal((await request(s.url, 'GET', '/api/v1/audit?action=register.edit&limit=100', { token: admin })).json.rows.length, count, 'nothing changed: nothing audited');

  // the page: a Correct link per entry, the form filled with the entry, errors under their fields with what was typed
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const book = await web.get('/register/guest-book');
  assert.match(book.text, new RegExp(`href="/register/guest-book/${g.json.id}/ubah" aria-label="Koreksi: Tamu Koreksi">Koreksi</a>`));
  // each row's button names its guest to a screen reader; a numbered register's rows their number
  assert.match(book.text, /<button type="submit" aria-label="Catat kepulangan: [^"]+">Catat kepulangan<\/button>/);
  assert.match((await web.get('/register/handover')).text, new RegExp(`aria-label="Koreksi: ST-${YEAR}-0001">Koreksi</a>`));
  const form = await web.get(`/register/guest-book/${g.json.id}/ubah`);
  assert.equal(form.status, 200);
  assert.match(form.text, /name="organisation" type="text" value="CV Koreksi"/);
  const arrived = form.text.match(/name="arrived_at" type="datetime-local" value="([^"]+)"/)[1];
  const fields = { csrf: web.csrf, arrived_at: arrived, name: 'Tamu Koreksi', organisation: 'CV Koreksi', phone: '', purpose: 'Upload', met_whom: '', case_number: '' };
  const bad = await web.post(`/register/guest-book/${g.json.id}/ubah`, { ...fields, name: '', phone: 'abc' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="name-error"/);
  assert.match(bad.text, /id="phone-error"/);
  assert.match(bad.text, /name="phone" type="tel" value="abc"/);
  const ok = await web.post(`/register/guest-book/${g.json.id}/ubah`, { ...fields, met_whom: 'Trainer' });
  assert.equal(ok.status, 303, ok.text);
  const after = (await api('GET', '/guest-book?q=koreksi', reader)).json.entries[0];
  assert.equal(after.met_whom, 'Trainer');
  assert.equal(after.arrived_at, g.json.arrived_at, 'the arrival shown to the minute and sent back unchanged keeps its seconds');
  assert.equal((await web.get('/register/guest-book/99999/ubah')).status, 404);
  // one form's page is titled by one form, not by the register's plural
  const kf = await web.get(`/register/consultation/${k.json.id}/ubah?lang=en`);
  assert.match(kf.text, new RegExp(`<title>Consultation form ${k.json.number} `));
  assert.match((await web.get(`/register/disposition/${d.id}/ubah?lang=en`)).text, new RegExp(`<title>Disposition sheet ${d.number} `));
  assert.match((await web.get(`/register/consultation/${k.json.id}/ubah`)).text, new RegExp(`<title>Formulir konsultasi ${k.json.number} `));
  const ro = await webSession(s.url, 'pak-ketua', 'pengarah-password-1');
  assert.doesNotMatch((await ro.get('/register/guest-book')).text, /\/ubah"/);
  assert.equal((await ro.get(`/register/guest-book/${g.json.id}/ubah`)).status, 403);
});

test('an action recorded afterwards: a guest\'s departure (or a disposition done, a file destroyed) at the moment it happened, not before the entry\'s own, not to come; API and the entry\'s page', async () => {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const arrived = Date.now() - 3 * 3600e3;
  const g = await api('POST', '/guest-book', staff, { name: 'Tamu Pulang', purpose: 'Upload', arrived_at: iso(arrived) });
  assert.equal(g.status, 201, g.text);
  let r = await api('POST', `/guest-book/${g.json.id}/depart?lang=en`, staff, { at: iso(arrived - 60e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'at');
  assert.match(r.json.error.message, /before the arrival/);
  r = await api('POST', `/guest-book/${g.json.id}/depart?lang=en`, staff, { at: iso(Date.now() + 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'at');
  assert.equal((await api('POST', `/guest-book/${g.json.id}/depart`, staff, { at: 'tadi' })).json.error.field, 'at');
  assert.equal((await api('POST', `/guest-book/${g.json.id}/depart`, staff, { when: iso(arrived) })).status, 400);
  r = await api('POST', `/guest-book/${g.json.id}/depart`, staff, { at: iso(arrived + 3600e3) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.left_at, iso(arrived + 3600e3));
  assert.equal((await api('POST', `/guest-book/${g.json.id}/depart`, staff, { at: iso(arrived + 7200e3) })).status, 409);
  // a correction cannot put the arrival after the departure recorded
  r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, { arrived_at: iso(arrived + 2 * 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'arrived_at');
  assert.match(r.json.error.message, /left before/);
  assert.equal((await api('PATCH', `/guest-book/${g.json.id}`, staff, { arrived_at: iso(arrived + 1800e3) })).status, 200);
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.depart&limit=100', { token: admin });
  assert.ok(audit.json.rows.some((x) => x.object === `guest_book:${g.json.id}` && x.detail === `at=${iso(arrived + 3600e3)}`), audit.text);
  // a disposition is not done before it is written
  const d = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_role: 'helpdesk', instruction: 'Catat' });
  r = await api('POST', `/disposition/${d.json.id}/done`, staff, { at: iso(Date.now() - 86400e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'at');

  // the page: the entry's page offers the departure with its moment; a wrong one comes back under the field, kept
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const g2 = await api('POST', '/guest-book', staff, { name: 'Tamu Web Pulang', purpose: 'Konsultasi', arrived_at: iso(arrived) });
  const form = await web.get(`/register/guest-book/${g2.json.id}/ubah`);
  assert.match(form.text, new RegExp(`action="/register/guest-book/${g2.json.id}/depart"`));
  assert.match(form.text, /name="at" type="datetime-local" value=""/);
  const early = new Date(arrived + 7 * 3600e3 - 3600e3).toISOString().slice(0, 16);   // an hour before the arrival, in WIB
  const bad = await web.post(`/register/guest-book/${g2.json.id}/depart`, { csrf: web.csrf, at: early });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="at-error"/);
  assert.match(bad.text, new RegExp(`name="at" type="datetime-local" value="${early}"`));
  const later = new Date(arrived + 7 * 3600e3 + 1800e3).toISOString().slice(0, 16);
  const ok = await web.post(`/register/guest-book/${g2.json.id}/depart`, { csrf: web.csrf, at: later });
  assert.equal(ok.status, 303, ok.text);
  const left = (await api('GET', '/guest-book?q=web%20pulang', reader)).json.entries[0].left_at;
  assert.equal(left, new Date(`${later}:00+07:00`).toISOString().replace(/\.\d+Z$/, 'Z'));
  assert.doesNotMatch((await web.get(`/register/guest-book/${g2.json.id}/ubah`)).text, /\/depart"/);
  // the table's button records now, as before
  const g3 = await api('POST', '/guest-book', staff, { name: 'Tamu Sekarang', purpose: 'Tanya' });
  assert.equal((await web.post(`/register/guest-book/${g3.json.id}/depart`, { csrf: web.csrf })).status, 303);
});

test('what is still to do: guests not yet left, dispositions not done (past due ones marked), the destruction list; the page\'s downloads are the list it shows', async () => {
  const inside = await api('POST', '/guest-book', staff, { name: 'Masih Di Sini', purpose: 'Menunggu trainer' });
  const gone = await api('POST', '/guest-book', staff, { name: 'Sudah Pulang', purpose: 'Tanya' });
  await api('POST', `/guest-book/${gone.json.id}/depart`, staff);
  let r = await api('GET', '/guest-book?open=true&limit=1000', reader);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.entries.some((e) => e.id === inside.json.id));
  assert.ok(r.json.entries.every((e) => e.left_at === null), r.text);
  r = await api('GET', '/guest-book?open=false&limit=1000', reader);
  assert.ok(r.json.entries.some((e) => e.id === gone.json.id));
  assert.ok(r.json.entries.every((e) => e.left_at !== null), r.text);
  const open = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_role: 'trainer', instruction: 'Dampingi tamu' });
  const dueAt = Math.floor(Date.now() / 1000) - 3600;
  assert.equal(sqlite(join(s.dir, 'loket.db'), `UPDATE disposition SET due_at=${dueAt} WHERE id=${open.json.id}`).status, 0);
  r = await api('GET', '/disposition?open=1&limit=1000', reader);
  assert.ok(r.json.entries.some((e) => e.id === open.json.id));
  assert.ok(r.json.entries.every((e) => e.done_at === null), r.text);
  assert.equal((await api('GET', '/agenda?open=true', reader)).json.error.field, 'open');
  assert.equal((await api('GET', '/guest-book?due=true', reader)).json.error.field, 'due');
  assert.equal((await api('GET', '/archive?open=true', reader)).json.error.field, 'open');
  assert.equal((await api('GET', '/guest-book?open=kadang', reader)).status, 400);

  const web = await webSession(s.url);
  const list = await web.get('/register');
  assert.match(list.text, /href="\/register\/guest-book\?open=1">Belum pulang<\/a>/);
  assert.match(list.text, /href="\/register\/disposition\?open=1">Belum selesai<\/a>/);
  assert.match(list.text, /href="\/register\/archive\?due=1">Jatuh tempo pemusnahan<\/a>/);
  const page = await web.get('/register/guest-book?open=1');
  assert.equal(page.status, 200);
  assert.match(page.text, /name="open" value="1" checked/);
  assert.match(page.text, /Masih Di Sini/);
  assert.doesNotMatch(page.text, /Sudah Pulang/);
  assert.match(page.text, /href="\/register\/guest-book\/ekspor\?open=1&amp;format=pdf"/);
  assert.match((await web.get('/register/archive?due=1')).text, /href="\/register\/archive\/ekspor\?due=1&amp;format=csv"/);
  assert.doesNotMatch((await web.get('/register/guest-book')).text, /ekspor\?open=1/);
  const csv = (await web.get('/register/guest-book/ekspor?open=1&format=csv')).text;
  assert.match(csv, /Masih Di Sini/);
  assert.doesNotMatch(csv, /Sudah Pulang/);
  const disp = await web.get('/register/disposition?open=1');
  // the users of a disposition by name (their username on hover), as on its printed sheet
  const fromAdmin = await api('POST', '/disposition', admin, { case_number: `LPSE-${YEAR}-000001`, to_user: 'rina', instruction: 'Periksa berkas' });
  assert.equal(fromAdmin.status, 201, fromAdmin.text);
  assert.equal(fromAdmin.json.from_user, 'admin', 'the API keeps the username');
  const byName = await web.get('/register/disposition');
  assert.match(byName.text, /<td title="admin">Administrator<\/td>/);
  assert.match(disp.text, new RegExp(`<tr id="e${open.json.id}">[\\s\\S]*?<span class="tag bad">Lewat tenggat</span>`));
  const done = await api('POST', `/disposition/${open.json.id}/done`, staff);
  assert.equal(done.status, 200);
  const after = await web.get('/register/disposition');
  assert.doesNotMatch(after.text.match(new RegExp(`<tr id="e${open.json.id}">[\\s\\S]*?</tr>`))[0], /Lewat tenggat/);
});

test('a letter in the agenda book is routed from its row: Make a disposition opens the new sheet with its agenda number; the sheet links back to the letter', async () => {
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const ag = await api('POST', '/agenda', staff, { letter_no: '027/77/2026', letter_date: '2026-11-02', sender: 'Bagian Pengadaan', subject: 'Permohonan user ID Pokja' });
  assert.equal(ag.status, 201, ag.text);
  const book = await web.get('/register/agenda');
  const link = `/register/disposition?agenda=${ag.json.number}#baru`;
  assert.ok(book.text.includes(`href="${link}">Buat disposisi</a>`), 'the row links to a new disposition sheet');
  const form = await web.get(link.replace(/#.*/, ''));
  assert.equal(form.status, 200);
  assert.match(form.text, /<details class="card no-print register-new" id="baru" open>/);
  assert.ok(form.text.includes(`name="agenda" type="text" value="${ag.json.number}"`));
  assert.doesNotMatch((await web.get('/register/disposition')).text, /register-new" id="baru" open/);
  const add = await web.post('/register/disposition', { csrf: web.csrf, agenda: ag.json.number, to_role: 'admin_agency', instruction: 'Buatkan user ID' });
  assert.equal(add.status, 303, add.text);
  const list = await web.get('/register/disposition');
  assert.ok(list.text.includes(`<td><a class="mono" href="/register/agenda?q=${ag.json.number}">${ag.json.number}</a><br><small>Bagian Pengadaan</small></td>`),
    'the sheet links to its letter and says whom it came from');
  assert.match((await web.get(`/register/agenda?q=${ag.json.number}`)).text, /Bagian Pengadaan/);
});

test('a phone number is found however it is written: the guest book and the consultation forms searched by 0812…, +62 812…, with or without dashes', async () => {
  const g = await api('POST', '/guest-book', staff, { name: 'Pak Telepon', purpose: 'Tanya', phone: '0813-5555-7788' });
  assert.equal(g.status, 201, g.text);
  const k = await api('POST', '/consultation', staff, { name: 'Bu Kontak', question: 'Jadwal?', contact: '+62 813 9999 1122, bu@kontak.example.id' });
  assert.equal(k.status, 201, k.text);
  for (const q of ['081355557788', '+62 813 5555 7788', '6281355557788', '5555-7788', '(0813) 5555']) {
    const r = await api('GET', `/guest-book?q=${encodeURIComponent(q)}`, reader);
    assert.deepEqual(r.json.entries.map((e) => e.id), [g.json.id], q);
  }
  for (const q of ['0813-9999-1122', '081399991122', '9999 1122']) {
    const r = await api('GET', `/consultation?q=${encodeURIComponent(q)}`, reader);
    assert.deepEqual(r.json.entries.map((e) => e.id), [k.json.id], q);
  }
  assert.deepEqual((await api('GET', '/guest-book?q=0813-0000-0000', reader)).json.entries, []);
  const web = await webSession(s.url);
  assert.match((await web.get('/register/guest-book?q=081355557788')).text, /Pak Telepon/);
});

test('from a case, a register entry is written for it: the case page links each register\'s new entry with the case number filled in (for who may write)', async () => {
  const c = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Kasus tanpa register', requester: { name: 'Dodi' } } });
  assert.equal(c.status, 201, c.text);
  const num = c.json.number;
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const page = await web.get(`/kasus/${num}`);
  assert.match(page.text, /<section class="card" id="register">/, 'shown before any entry names the case');
  for (const reg of ['guest-book', 'agenda', 'disposition', 'consultation', 'handover', 'archive']) {
    assert.ok(page.text.includes(`href="/register/${reg}?case_number=${num}#baru"`), reg);
  }
  const form = await web.get(`/register/handover?case_number=${num}`);
  assert.ok(form.text.includes(`name="case_number" type="text" value="${num}"`));
  assert.match(form.text, /register-new" id="baru" open/);
  const ro = await webSession(s.url, 'pak-ketua', 'pengarah-password-1');
  assert.doesNotMatch((await ro.get(`/kasus/${num}`)).text, /case_number=/, 'who only reads gets no links to write');
});

test('a wrong filter on a register\'s page is said under its field, what was typed kept', async () => {
  const web = await webSession(s.url);
  const swapped = await web.get('/register/agenda?from=2026-11-23&to=2026-11-01');
  assert.equal(swapped.status, 400);
  assert.match(swapped.text, /<input id="f-to" name="to" type="date" value="2026-11-01" aria-invalid="true" aria-describedby="to-error">/);
  assert.match(swapped.text, /<p class="field-error" id="to-error">Tanggal awal lebih lambat dari tanggal akhir<\/p>/);
  assert.match(swapped.text, /Mohon perbaiki isian yang ditandai di bawah/);
  const bad = await web.get('/register/archive?from=besok');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-from" name="from" type="date" value="besok" aria-invalid="true"/);
  assert.match(bad.text, /id="from-error"/);
  const long = await web.get(`/register/guest-book?q=${'x'.repeat(129)}`);
  assert.equal(long.status, 400);
  assert.match(long.text, /id="q-error"/);
});

test('the destruction list carried out at once: every file listed marked destroyed, each audited, all or none (API and the list\'s button)', async () => {
  const due = [];
  for (const t of ['Musnah A', 'Musnah B', 'Musnah C']) {
    const x = await api('POST', '/archive', staff, { title: t, location: 'Gudang lama', retain_until: '2019-12-31' });
    assert.equal(x.status, 201, x.text);
    due.push(x.json.id);
  }
  const kept = await api('POST', '/archive', staff, { title: 'Simpan', location: 'Lemari', retain_until: '2099-12-31' });
  // one not yet due in the list: nothing is destroyed, the answer names it
  let r = await api('POST', '/archive/destroy?lang=en', staff, { ids: [due[0], kept.json.id] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'ids');
  assert.match(r.json.error.message, new RegExp(`^#${kept.json.id}: The retention period has not ended yet`));
  assert.equal((await api('GET', '/archive?due=true&limit=1000', reader)).json.entries.filter((e) => due.includes(e.id)).length, 3, 'all or none');
  assert.equal((await api('POST', '/archive/destroy', staff, { ids: 'semua' })).status, 400);
  assert.equal((await api('POST', '/archive/destroy', staff, { ids: [] })).status, 400);
  assert.equal((await api('POST', '/archive/destroy', reader, { ids: [due[0]] })).status, 403);
  // an entry listed twice is destroyed once (not refused as "already recorded" by itself), answered and audited once
  r = await api('POST', '/archive/destroy', staff, { ids: [due[0], due[1], due[0]] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.entries.map((e) => e.id), [due[0], due[1]]);
  assert.ok(r.json.entries.every((e) => e.destroyed_at && !e.due));
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.destroy&limit=100', { token: admin });
  for (const id of [due[0], due[1]]) assert.equal(audit.json.rows.filter((x) => x.object === `archive:${id}`).length, 1, `audited ${id} once`);

  // the page: the destruction list has the button, with the files it lists; after it, nothing is due
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const list = await web.get('/register/archive?due=1');
  assert.match(list.text, /action="\/register\/archive\/musnahkan"/);
  const ids = [...list.text.matchAll(/<input type="hidden" name="id" value="(\d+)">/g)].map((m) => Number(m[1]));
  assert.ok(ids.includes(due[2]) && !ids.includes(kept.json.id), JSON.stringify(ids));
  assert.doesNotMatch((await web.get('/register/archive')).text, /action="\/register\/archive\/musnahkan"/, 'only on the destruction list');
  const body = new URLSearchParams([['csrf', web.csrf], ...ids.map((id) => ['id', String(id)])]).toString();
  const res = await fetch(`${s.url}/register/archive/musnahkan`, { method: 'POST', redirect: 'manual', body,
    headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
  assert.equal(res.status, 303, await res.text());
  assert.deepEqual((await api('GET', '/archive?due=true', reader)).json.entries, []);
  const again = await web.post('/register/archive/musnahkan', { csrf: web.csrf, id: String(due[2]) });
  assert.equal(again.status, 409);
  assert.match(again.text, new RegExp(`#${due[2]}: Hal ini sudah dicatat`));
  assert.doesNotMatch(again.text, /register-new" id="baru" open/);
});

// The day two years after t in WIB (YYYY-MM-DD), as the archive's default retention.
const plusTwo = (day) => `${Number(day.slice(0, 4)) + 2}${day.slice(4) === '-02-29' ? '-02-28' : day.slice(4)}`;

test('an archive entry without its retention is kept two years from its archiving day, as a step\'s: API, and the page\'s form saying so', async () => {
  let r = await api('POST', '/archive', staff, { title: 'Berkas default', location: 'Lemari D', archived_at: '2025-03-10T09:00' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.retain_until, '2027-03-10');
  r = await api('POST', '/archive', staff, { title: 'Berkas kabisat', location: 'Lemari D', archived_at: '2024-02-29T09:00' });
  assert.equal(r.json.retain_until, '2026-02-28');
  r = await api('POST', '/archive', staff, { title: 'Berkas hari ini', location: 'Lemari D' });
  assert.equal(r.json.retain_until, plusTwo(wibDay(Date.now())));
  // written, it is kept as written; a correction left empty keeps it
  r = await api('POST', '/archive', staff, { title: 'Berkas tertulis', location: 'Lemari D', retain_until: '2031-01-01' });
  assert.equal(r.json.retain_until, '2031-01-01');
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  let p = await web.post(`/register/archive/${r.json.id}/ubah`, { csrf: web.csrf, title: 'Berkas tertulis', location: 'Lemari E', retain_until: '' });
  assert.equal(p.status, 303, p.text);
  assert.equal((await api('GET', '/archive?q=tertulis', reader)).json.entries[0].retain_until, '2031-01-01');
  // the page: not required, the default said under the input; an entry added without it gets it
  p = await web.get('/register/archive');
  assert.match(p.text, /<input id="n-retain_until" name="retain_until" type="date" value="">/);
  assert.match(p.text, /Kosong: dua tahun setelah hari pengarsipan \(diarsipkan hari ini: \d+ \S+ \d{4}\)/);
  p = await web.post('/register/archive', { csrf: web.csrf, title: 'Berkas dari halaman', location: 'Lemari F', archived_at: '2025-06-01T08:00', retain_until: '' });
  assert.equal(p.status, 303, p.text);
  assert.equal((await api('GET', '/archive?q=dari%20halaman', reader)).json.entries[0].retain_until, '2027-06-01');
});

test('a disposition sheet is found by the full name of who gave it and whom it is for, as by their usernames', async () => {
  const u = await request(s.url, 'POST', '/api/v1/users', { token: admin,
    body: { username: 'wulan', full_name: 'Wulandari Kusumawati', email: 'wulan@example.go.id', password: 'Wulan-2026-aman', roles: ['helpdesk'] } });
  assert.equal(u.status, 201, u.text);
  const wulan = await login(s.url, 'wulan', 'Wulan-2026-aman');
  const d = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_user: 'wulan', instruction: 'Periksa berkas' });
  assert.equal(d.status, 201, d.text);
  const from = await api('POST', '/disposition', wulan, { case_number: `LPSE-${YEAR}-000001`, to_role: 'helpdesk', instruction: 'Arsipkan' });
  assert.equal(from.status, 201, from.text);
  const ids = async (q) => (await api('GET', `/disposition?q=${encodeURIComponent(q)}`, reader)).json.entries.map((e) => e.id).sort();
  assert.deepEqual(await ids('kusumawati'), [d.json.id, from.json.id].sort());
  assert.deepEqual(await ids('Wulandari K'), [d.json.id, from.json.id].sort());
  assert.deepEqual(await ids('wulan'), [d.json.id, from.json.id].sort());
  // the page finds it too, the name shown
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const p = await web.get('/register/disposition?q=Kusumawati');
  assert.match(p.text, new RegExp(`id="e${d.json.id}"`));
  assert.match(p.text, /<td title="wulan">Wulandari Kusumawati<\/td>/);
});

test('a disposition sheet is found by who recorded it (their full name or username), when it is from and for others', async () => {
  const u = await request(s.url, 'POST', '/api/v1/users', { token: admin,
    body: { username: 'ayusekar', full_name: 'Sekar Ayuningtyas', email: 'ayusekar@example.go.id', password: 'Sekar-2026-aman', roles: ['helpdesk'] } });
  assert.equal(u.status, 201, u.text);
  const sekar = await login(s.url, 'ayusekar', 'Sekar-2026-aman');
  const d = await api('POST', '/disposition', sekar, { case_number: `LPSE-${YEAR}-000001`, from_user: 'rina', to_role: 'admin_agency', instruction: 'Teruskan ke instansi' });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json.from_user, 'rina');
  const ids = async (q) => (await api('GET', `/disposition?q=${encodeURIComponent(q)}`, reader)).json.entries.map((e) => e.id);
  assert.deepEqual(await ids('ayuningtyas'), [d.json.id]);
  assert.deepEqual(await ids('Sekar A'), [d.json.id]);
  assert.deepEqual(await ids('ayusek'), [d.json.id]);
  assert.deepEqual(await ids('ayuningtyas-bukan'), []);
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const p = await web.get('/register/disposition?q=Ayuningtyas');
  assert.match(p.text, new RegExp(`id="e${d.json.id}"`));
});

test('every register\'s entry is found by who recorded it (their full name or username), as a disposition is', async () => {
  const u = await request(s.url, 'POST', '/api/v1/users', { token: admin,
    body: { username: 'dwiprat', full_name: 'Dwi Prasetyaningrum', email: 'dwiprat@example.go.id', password: 'Dwi-2026-aman-sekali', roles: ['helpdesk'] } });
  assert.equal(u.status, 201, u.text);
  const dwi = await login(s.url, 'dwiprat', 'Dwi-2026-aman-sekali');
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  for (const [reg, [body]] of Object.entries(SAMPLES)) {
    const r = await api('POST', `/${reg}`, dwi, { ...body, ...(reg === 'agenda' ? { letter_no: '027/99/2026' } : {}) });
    assert.equal(r.status, 201, `${reg}: ${r.text}`);
    const ids = async (q) => (await api('GET', `/${reg}?q=${encodeURIComponent(q)}`, reader)).json.entries.map((e) => e.id);
    assert.deepEqual(await ids('prasetyaningrum'), [r.json.id], `${reg} by full name`);
    assert.deepEqual(await ids('Dwi P'), [r.json.id], `${reg} by a part of it`);
    assert.deepEqual(await ids('dwipr'), [r.json.id], `${reg} by username`);
    assert.deepEqual(await ids('prasetyaningrum-bukan'), [], reg);
    const p = await web.get(`/register/${reg}?q=Prasetyaningrum`);
    assert.match(p.text, new RegExp(`id="e${r.json.id}"`), `${reg} page`);
  }
});

test('the moment an action recorded is corrected (PATCH and the entry\'s page): audited old -> new, not before the entry\'s own, not to come, not cleared, only once recorded', async () => {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const arrived = Date.now() - 5 * 3600e3;
  const g = await api('POST', '/guest-book', staff, { name: 'Tamu Koreksi', purpose: 'Upload', arrived_at: iso(arrived) });
  // not recorded yet: the action records it, a correction does not
  let r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, { left_at: iso(arrived + 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'left_at');
  assert.match(r.json.error.message, /Not recorded yet/);
  assert.equal((await api('POST', '/guest-book', staff, { name: 'X', purpose: 'Y', left_at: iso(arrived) })).status, 400, 'a new entry does not take it');
  r = await api('POST', `/guest-book/${g.json.id}/depart`, staff);
  assert.equal(r.status, 200, r.text);
  const recorded = r.json.left_at;
  for (const [body, re] of [[{ left_at: iso(arrived - 60e3) }, /before the arrival/], [{ left_at: iso(Date.now() + 3600e3) }, /still to come/],
    [{ left_at: null }, /not cleared/], [{ left_at: '' }, /not cleared/], [{ left_at: 'tadi' }, /YYYY-MM-DD/]]) {
    r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'left_at');
    assert.match(r.json.error.message, re);
  }
  // both moved together are checked together: the departure named
  r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, { arrived_at: iso(arrived + 2 * 3600e3), left_at: iso(arrived + 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'left_at');
  r = await api('PATCH', `/guest-book/${g.json.id}`, staff, { left_at: iso(arrived + 3600e3) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.left_at, iso(arrived + 3600e3));
  assert.equal(r.json.arrived_at, iso(arrived));
  // an arrival moved past the departure as corrected is refused, at the arrival
  r = await api('PATCH', `/guest-book/${g.json.id}?lang=en`, staff, { arrived_at: iso(arrived + 2 * 3600e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'arrived_at');
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=register.edit&limit=100', { token: admin });
  assert.ok(audit.json.rows.some((x) => x.object === `guest_book:${g.json.id}` && x.detail === `left_at=${recorded} -> ${iso(arrived + 3600e3)}`), audit.text);
  // a disposition's done, not before it was written
  const d = await api('POST', '/disposition', staff, { case_number: `LPSE-${YEAR}-000001`, to_role: 'helpdesk', instruction: 'Koreksi selesai' });
  await api('POST', `/disposition/${d.json.id}/done`, staff);
  r = await api('PATCH', `/disposition/${d.json.id}?lang=en`, staff, { done_at: iso(Date.now() - 86400e3) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'done_at');
  assert.match(r.json.error.message, /carried out after it is written/);
  const doneAt = iso(Math.floor(Date.now() / 1000) * 1000);
  r = await api('PATCH', `/disposition/${d.json.id}`, staff, { done_at: doneAt });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done_at, doneAt);
  // a file's destruction: not before its retention ended
  const a = await api('POST', '/archive', staff, { title: 'Musnah koreksi', location: 'Gudang', archived_at: '2018-01-05T09:00', retain_until: '2020-06-30' });
  assert.equal((await api('POST', `/archive/${a.json.id}/destroy`, staff)).status, 200);
  r = await api('PATCH', `/archive/${a.json.id}?lang=en`, staff, { destroyed_at: '2020-06-29T10:00' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'destroyed_at');
  assert.match(r.json.error.message, /retention period had not ended/);
  r = await api('PATCH', `/archive/${a.json.id}?lang=en`, staff, { destroyed_at: '2017-01-01T10:00' });
  assert.equal(r.json.error.field, 'destroyed_at');
  r = await api('PATCH', `/archive/${a.json.id}`, staff, { destroyed_at: '2020-06-30T10:00' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.destroyed_at, '2020-06-30T03:00:00Z');

  // the page: a departed guest's page has the departure among the fields; refused under it, kept; corrected
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  let p = await web.get(`/register/guest-book/${g.json.id}/ubah`);
  const shown = new Date(arrived + 3600e3 + 7 * 3600e3).toISOString().slice(0, 16);
  assert.match(p.text, new RegExp(`<input id="n-left_at" name="left_at" type="datetime-local" value="${shown}"`));
  assert.doesNotMatch(p.text, /\/depart"/);
  const early = new Date(arrived + 7 * 3600e3 - 3600e3).toISOString().slice(0, 16);
  p = await web.post(`/register/guest-book/${g.json.id}/ubah`, { csrf: web.csrf, name: 'Tamu Koreksi', purpose: 'Upload', left_at: early });
  assert.equal(p.status, 400);
  assert.match(p.text, /id="left_at-error"/);
  assert.match(p.text, new RegExp(`name="left_at" type="datetime-local" value="${early}"`));
  const later = new Date(arrived + 7 * 3600e3 + 2 * 3600e3).toISOString().slice(0, 16);
  p = await web.post(`/register/guest-book/${g.json.id}/ubah`, { csrf: web.csrf, name: 'Tamu Koreksi', purpose: 'Upload', left_at: later });
  assert.equal(p.status, 303, p.text);
  assert.equal((await api('GET', '/guest-book?q=tamu%20koreksi', reader)).json.entries[0].left_at, iso(arrived + 2 * 3600e3 - (arrived % 60e3)));
  // a guest not yet left: no such input, the departure's own form instead
  const g2 = await api('POST', '/guest-book', staff, { name: 'Belum Pulang', purpose: 'Tunggu' });
  p = await web.get(`/register/guest-book/${g2.json.id}/ubah`);
  assert.doesNotMatch(p.text, /name="left_at"/);
  assert.match(p.text, /\/depart"/);
});

test('the form\'s inputs carry the limits the server holds them to: each maxlength N takes N characters and refuses N+1', async () => {
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  let checked = 0;
  for (const reg of Object.keys(SAMPLES)) {
    const page = await web.get(`/register/${reg}`);
    const form = page.text.slice(page.text.indexOf('id="baru"'));
    const limits = [...form.matchAll(/<(?:input|textarea) id="n-[^"]+" name="([^"]+)"[^>]*?maxlength="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    assert.ok(limits.length > 0, reg);
    for (const [name, max] of limits) {
      if (['case_number', 'agenda', 'from_user', 'to_user', 'phone', 'contact'].includes(name)) {
        // looked up or of a shape: only the length's refusal is said of the one too long
        const r = await api('POST', `/${reg}?lang=en`, staff, { ...SAMPLES[reg][0], [name]: 'x'.repeat(max + 1) });
        assert.equal(r.status, 400, `${reg}.${name}`);
        assert.ok((r.json.error.fields || [r.json.error]).some((f) => f.field === name && /too long/.test(f.message)), `${reg}.${name}: ${r.text}`);
      } else {
        const ok = await api('POST', `/${reg}`, staff, { ...SAMPLES[reg][0], [name]: 'x'.repeat(max) });
        assert.equal(ok.status, 201, `${reg}.${name} at ${max}: ${ok.text}`);
        const r = await api('POST', `/${reg}?lang=en`, staff, { ...SAMPLES[reg][0], [name]: 'x'.repeat(max + 1) });
        assert.equal(r.status, 400, `${reg}.${name}`);
        assert.equal(r.json.error.field, name, r.text);
      }
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked}`);
  // the search too
  const p = await web.get('/register/agenda');
  assert.match(p.text, /<input id="f-q" name="q" type="search" value="" maxlength="128"/);
  assert.equal((await api('GET', `/agenda?q=${'x'.repeat(129)}`, reader)).status, 400);
  assert.equal((await api('GET', `/agenda?q=${'x'.repeat(128)}`, reader)).status, 200);
});

test('the API keeps a register\'s values as the page does, without the spaces around them: " =1" is "=1" (a formula the CSV then quotes), " budi " finds Budi, spaces only are no search', async () => {
  const add = await api('POST', '/guest-book', staff, { name: '  =1+2 ', organisation: ' CV Spasi  ', purpose: '\tUpload ', met_whom: '   ' });
  assert.equal(add.status, 201, add.text);
  assert.equal(add.json.name, '=1+2');
  assert.equal(add.json.organisation, 'CV Spasi');
  assert.equal(add.json.purpose, 'Upload');
  assert.equal(add.json.met_whom, null);
  const id = add.json.id;
  // found with spaces around the words, as the page's search finds it
  let r = await api('GET', `/guest-book?q=${encodeURIComponent('  cv spasi ')}`, reader);
  assert.deepEqual(r.json.entries.map((e) => e.id), [id]);
  const all = (await api('GET', '/guest-book?limit=1000', reader)).json.entries.length;
  r = await api('GET', `/guest-book?q=${encodeURIComponent('   ')}&limit=1000`, reader);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.entries.length, all);
  // the export quotes the formula now that it starts the cell
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const csv = await web.get(`/register/guest-book/ekspor?q=spasi`);
  assert.match(csv.text, /,'=1\+2,CV Spasi,/);
  // a correction too, and the action's moment
  r = await api('PATCH', `/guest-book/${id}`, staff, { organisation: ' CV Spasi Jaya ', met_whom: '  ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.organisation, 'CV Spasi Jaya');
  assert.equal(r.json.met_whom, null);
  r = await api('PATCH', `/guest-book/${id}?lang=en`, staff, { name: '   ' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'name');
  // the departure at the arrival's moment, written as JavaScript writes it (".000Z") with spaces around
  r = await api('POST', `/guest-book/${id}/depart`, staff, { at: ` ${new Date(add.json.arrived_at).toISOString()} ` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.left_at, add.json.arrived_at);
  r = await api('GET', `/guest-book?from=${new Date(add.json.arrived_at).toISOString()}&to=${new Date(add.json.arrived_at).toISOString()}`, reader);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.entries.some((e) => e.id === id), r.text);
});

test('the API answers in English to Accept-Language: en (and by its weights), after ?lang=, the cookie and the user\'s own choice; pages keep their switch', async () => {
  const body = { name: ' ', purpose: 'Tanya' };
  const said = async (headers, token = staff, path = '/api/v1/registers/guest-book') => {
    const r = await request(s.url, 'POST', path, { token, body, headers });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'name');
    return r.json.error.message;
  };
  assert.equal(await said({}), 'Nama wajib diisi');
  for (const h of ['en', 'en-US,en;q=0.9', 'fr, en-GB;q=0.5', 'ja,en;q=0.2,id;q=0.1', 'EN'])
    assert.equal(await said({ 'Accept-Language': h }), 'Name is required', h);
  for (const h of ['id', 'id-ID,en;q=0.8', 'en;q=0, id;q=0.5', 'en;q=0', '*', 'fr', 'english'])
    assert.equal(await said({ 'Accept-Language': h }), 'Nama wajib diisi', h);
  // ?lang= and the cookie win over it
  assert.equal(await said({ 'Accept-Language': 'en' }, staff, '/api/v1/registers/guest-book?lang=id'), 'Nama wajib diisi');
  assert.equal(await said({ 'Accept-Language': 'id', Cookie: 'loket_lang=en' }), 'Name is required');
  // so does the language the user chose
  const pick = async (lang) => assert.equal((await request(s.url, 'POST', '/api/v1/me/lang', { token: staff, body: { lang } })).status, 200);
  await pick('id');
  assert.equal(await said({ 'Accept-Language': 'en' }), 'Nama wajib diisi');
  await pick(null);
  assert.equal(await said({ 'Accept-Language': 'en' }), 'Name is required');
  // not signed in: the message of the API in English too
  const anon = await request(s.url, 'GET', '/api/v1/registers', { headers: { 'Accept-Language': 'en' } });
  assert.equal(anon.status, 401);
  assert.doesNotMatch(anon.json.error.message, /masuk|Silakan/i);
  // a page goes by its switch: a browser's English does not turn it
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  const page = await fetch(`${s.url}/register/guest-book`, { headers: { Cookie: web.cookie(), 'Accept-Language': 'en-US,en;q=0.9' } });
  assert.match(await page.text(), /<html lang="id">/);
});

test('an entry the register does not have is 404 naming id (actions, PATCH, the destruction list), in Indonesian and English', async () => {
  const g = await api('POST', '/guest-book', staff, { name: 'Tamu 404', purpose: 'Tanya' });
  assert.equal(g.status, 201, g.text);
  for (const [method, path, body] of [
    ['POST', '/guest-book/999999/depart'], ['POST', '/guest-book/abc/depart'], ['POST', '/guest-book/0/depart'],
    ['POST', '/disposition/999999/done'], ['POST', '/archive/999999/destroy'],
    ['PATCH', '/agenda/999999', { subject: 'x' }], ['PATCH', '/agenda/-1', { subject: 'x' }],
    // the guest's id in another register
    ['PATCH', `/consultation/${g.json.id + 100000}`, { answer: 'x' }],
  ]) {
    const en = await api(method, `${path}?lang=en`, staff, body);
    assert.equal(en.status, 404, `${path}: ${en.text}`);
    assert.deepEqual(en.json.error, { code: 'not_found', message: 'This register has no entry with this id', field: 'id' }, path);
    const id = await api(method, path, staff, body);
    assert.equal(id.json.error.message, 'Register ini tidak memiliki catatan dengan id tersebut', path);
  }
  const r = await api('POST', '/archive/destroy?lang=en', staff, { ids: [999999] });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.message, '#999999: This register has no entry with this id');
  assert.equal(r.json.error.field, 'ids');
  // the pages say it too, not a bare "Not found"
  const web = await webSession(s.url, 'rina', 'rina-password-1');
  for (const path of ['/register/agenda/999999/ubah', '/register/agenda/abc/ubah', '/register/agenda/999999/formulir']) {
    const p = await web.get(path);
    assert.equal(p.status, 404, path);
    assert.match(p.text, /Register ini tidak memiliki catatan dengan id tersebut/, path);
  }
  const p = await web.post('/register/guest-book/999999/depart', { csrf: web.csrf });
  assert.equal(p.status, 404);
  assert.match(p.text, /Register ini tidak memiliki catatan dengan id tersebut/);
});

test('an entry\'s audit row says the moments given (a visit written afterwards, a deadline) and the letter a disposition routes, as an edit\'s row says them', async () => {
  const gb = await api('POST', '/guest-book', staff, { name: 'Tamu Kemarin', purpose: 'Konsultasi', arrived_at: `${YEAR - 1}-03-02T09:15` });
  assert.equal(gb.status, 201, gb.text);
  const ag = await api('POST', '/agenda', staff, { letter_no: '027/AUD/1', letter_date: `${YEAR - 1}-03-01`, received_at: `${YEAR - 1}-03-02`, sender: 'Dinas PU', subject: 'Audit' });
  assert.equal(ag.status, 201, ag.text);
  const ds = await api('POST', '/disposition', staff, { agenda: ` ${ag.json.number} `, to_role: 'helpdesk', instruction: 'Periksa', due_at: '2099-01-02' });
  assert.equal(ds.status, 201, ds.text);
  const rows = (await request(s.url, 'GET', '/api/v1/audit?action=register.add&limit=100', { token: admin })).json.rows;
  const detail = (obj) => rows.find((r) => r.object.startsWith(obj)).detail;
  assert.match(detail(`guest_book:${gb.json.id}`), new RegExp(`^arrived_at=${gb.json.arrived_at}; name=Tamu Kemarin; purpose=Konsultasi$`));
  assert.match(detail(`agenda:${ag.json.id}:`), new RegExp(`^letter_no=027/AUD/1; letter_date=${YEAR - 1}-03-01; received_at=${ag.json.received_at}; sender=`));
  assert.equal(detail(`disposition:${ds.json.id}:`), `agenda=${ag.json.number}; from_user=rina; to_role=helpdesk; instruction=Periksa; due_at=${ds.json.due_at}`);
  // a moment left to its default (now) is the row's own time: not said again
  const now = await api('POST', '/guest-book', staff, { name: 'Tamu Sekarang', purpose: 'Upload' });
  const later = (await request(s.url, 'GET', '/api/v1/audit?action=register.add&limit=1', { token: admin })).json.rows[0];
  assert.equal(later.object, `guest_book:${now.json.id}`);
  assert.equal(later.detail, 'name=Tamu Sekarang; purpose=Upload');
});
