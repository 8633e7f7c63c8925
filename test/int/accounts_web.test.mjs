// The directory and account pages through the browser's forms: an entry refused with
// the error under its field and added, the CSV upload's report, the portal form, a
// request walked through its step forms, the one-time link page (once), year end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, sqlite, switchLanguage } from './lib.mjs';
import { join } from 'node:path';

let s, admin, web;

before(async () => {
  s = await startServer();
  admin = await login(s.url);
  web = await webSession(s.url);
});
after(async () => {
  if (!s) return;
  const st = await s.stop();
  assert.doesNotMatch(st.stderr, /AddressSanitizer|LeakSanitizer|runtime error/, 'the sanitizers found nothing');
});

const q = (sql) => sqlite(join(s.dir, 'loket.db'), sql).stdout.trim();

// A multipart body with one file field (and more plain fields).
function multipart(fields, file) {
  const b = '----loket' + Math.random().toString(16).slice(2);
  let body = '';
  for (const [k, v] of Object.entries(fields)) body += `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  body += `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.text}\r\n--${b}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${b}` };
}

test('directory page: a wrong NIP is shown under its field, the form keeps what was typed; a good entry is added', async () => {
  let r = await web.post('/direktori', { csrf: web.csrf, kind: 'person', name: 'Budi Santoso', nip: '1970' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="nip-error">NIP harus 18 digit|id="nip-error">[^<]*18 digit/);
  assert.match(r.text, /name="name" type="text" value="Budi Santoso"/);
  // the language switched on the refused form: the directory's form again, in English, as it was typed
  const en = await switchLanguage(web, r.text, 'en');
  assert.equal(en.status, 200);
  assert.match(en.text, /<html lang="en">/);
  const filled = en.text.match(/<form method="post" action="\/direktori">.*?<\/form>/s)[0];
  assert.match(filled, /name="name"[^>]*value="Budi Santoso"/);
  assert.match(filled, /name="nip"[^>]*value="1970"/);
  assert.match(filled, /<option value="person" selected>/);
  // the form is in a <details>, drawn open as on the refused page (not folded away with its values)
  assert.match(en.text, /<details class="card" open><summary>New entry<\/summary><form method="post" action="\/direktori">/);
  assert.match(en.text, /<details class="card"><summary>Import from CSV<\/summary>/, 'the other forms stay folded');
  await web.post('/bahasa', { csrf: web.csrf, lang: 'id', next: '/' });
  // a refused import (no file): its <details> open on the page that says so, in both languages
  const imp = await web.post('/direktori/impor', { csrf: web.csrf, dry_run: '1' });
  assert.equal(imp.status, 400);
  assert.match(imp.text, /<details class="card" open><summary>Impor dari CSV<\/summary><form method="post" action="\/direktori\/impor"/);
  assert.match(imp.text, /<details class="card"><summary>Catatan baru<\/summary>/);
  const impEn = await switchLanguage(web, imp.text, 'en');
  assert.equal(impEn.status, 200);
  assert.match(impEn.text, /<details class="card" open><summary>Import from CSV<\/summary>[^]*?name="dry_run" value="1" checked>/);
  await web.post('/bahasa', { csrf: web.csrf, lang: 'id', next: '/' });
  // passwords never go into the page: a refused password change carries nothing typed
  const pw = await web.post('/akun', { csrf: web.csrf, old_password: 'lama-sekali-1', password: 'Baru-sekali-2026', password2: 'Lain-sekali-2026' });
  assert.equal(pw.status, 400);
  assert.doesNotMatch(pw.text, /sekali/);
  assert.doesNotMatch(pw.text.match(/<form class="lang".*?<\/form>/s)[0], /name="kept\./);
  r = await web.post('/direktori', { csrf: web.csrf, kind: 'org', org_type: 'agency', name: 'Dinas Perhubungan', email: 'dishub@batangkab.go.id' });
  assert.equal(r.status, 303);
  r = await web.post('/direktori', { csrf: web.csrf, kind: 'person', name: 'Budi Santoso', nip: '197001012000031001', agency: 'Dinas Perhubungan' });
  assert.equal(r.status, 303);
  const page = await web.get(r.headers.get('location'));
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2>Budi Santoso<\/h2>/);
  assert.match(page.text, /197001012000031001/);
  assert.match(page.text, /Dinas Perhubungan/);
  const agency = await web.get(`/direktori/${q("SELECT id FROM party WHERE name='Dinas Perhubungan'")}`);
  assert.match(agency.text, /<ul id="members"><li><a href="\/direktori\/\d+">Budi Santoso<\/a> · Orang<\/li><\/ul>/);
  const list = await web.get('/direktori?q=santoso');
  assert.match(list.text, /<table id="directory">[\s\S]*Budi Santoso/);
  // the kind filter takes the Indonesian word as the import does: persons only
  const persons = await web.get('/direktori?kind=perorangan');
  assert.match(persons.text, /<table id="directory">[\s\S]*Budi Santoso/);
  assert.match(persons.text, /<option value="person" selected>/);
  assert.doesNotMatch(persons.text, /">Dinas Perhubungan<\/a>/, 'the agency is not listed as an entry');
});

test('CSV upload: the report lists each rejected row with field and reason', async () => {
  const csv = 'kind,name,nip\nperson,Ani,198001012005012001\nperson,Ani Kembar,198001012005012001\nperson,Rusak,1\n';
  const m = multipart({ csrf: web.csrf }, { name: 'orang.csv', text: csv });
  const r = await fetch(s.url + '/direktori/impor', { method: 'POST', headers: { Cookie: web.cookie(), 'Content-Type': m.type, Origin: s.url }, body: m.body });
  const text = await r.text();
  assert.equal(r.status, 200, text);
  assert.match(text, /id="import-summary">Baris dibaca: 3 · Diimpor: 1 · Ditolak: 2/);
  assert.match(text, /<tr><td>3<\/td><td>nip<\/td><td>sama dengan baris 2<\/td><\/tr>/);
  assert.match(text, /<tr><td>4<\/td><td>nip<\/td><td>kurang digit: NIP harus 18 digit — &quot;1&quot;<\/td><\/tr>/, 'the reason carries the value given, escaped');
});

test('CSV upload: a row with several fields wrong shows each of them, the row counted once', async () => {
  const csv = 'kind,name,nip,email\nperson,Dua Salah,1,bukan-email\n';
  const m = multipart({ csrf: web.csrf, dry_run: '1' }, { name: 'dua.csv', text: csv });
  const r = await fetch(s.url + '/direktori/impor', { method: 'POST', headers: { Cookie: web.cookie(), 'Content-Type': m.type, Origin: s.url }, body: m.body });
  const text = await r.text();
  assert.equal(r.status, 200, text);
  assert.match(text, /id="import-summary">Baris dibaca: 1 · Akan diimpor: 0 · Ditolak: 1/);
  assert.match(text, /<tr><td>2<\/td><td>nip<\/td><td>kurang digit: NIP harus 18 digit — &quot;1&quot;<\/td><\/tr><tr><td>2<\/td><td>email<\/td><td>[^<]* — &quot;bukan-email&quot;<\/td><\/tr>/);
});

test('CSV upload: a row whose agency is not in the directory yet says to add or import it first, as the form\'s hint does; one named in a row below is taken', async () => {
  const page = await web.get('/direktori');
  assert.match(page.text, /Nama kolom boleh juga ditulis dalam bahasa Indonesia seperti di lembar kerja: <code>Jenis, Nama, [^<]*<\/code>\. Baris judul tabel di atas baris nama kolom diabaikan\./);
  assert.match(page.text, /<p class="hint muted">Kolom: kind,[^]* Instansi \(kolom agency\) sebuah baris harus sudah ada di direktori atau di baris lain dalam berkas yang sama \(di atas maupun di bawahnya\)\.<\/p>/);
  const csv = 'kind,org_type,name,agency\norg,unit,Bagian Umum,Dinas Belum Ada\norg,unit,Bagian Keuangan,Dinas Baru\norg,agency,Dinas Baru,\n';
  const m = multipart({ csrf: web.csrf, dry_run: '1' }, { name: 'unit.csv', text: csv });
  const r = await fetch(s.url + '/direktori/impor', { method: 'POST', headers: { Cookie: web.cookie(), 'Content-Type': m.type, Origin: s.url }, body: m.body });
  const text = await r.text();
  assert.equal(r.status, 200, text);
  assert.match(text, /id="import-summary">Baris dibaca: 3 · Akan diimpor: 2 · Ditolak: 1/);
  assert.match(text, /<tr><td>2<\/td><td>agency<\/td><td>belum ada di direktori: tambahkan atau impor organisasi itu lebih dulu — &quot;Dinas Belum Ada&quot;<\/td><\/tr>/);
  // the entry form says the same under its field
  const f = await web.post('/direktori', { csrf: web.csrf, kind: 'org', org_type: 'unit', name: 'Bagian Umum', agency: 'Dinas Belum Ada' });
  assert.equal(f.status, 400);
  assert.match(f.text, /id="agency-error">belum ada di direktori: tambahkan atau impor organisasi itu lebih dulu</);
});

test('portal form → request page steps → one-time link page works once', async () => {
  const anon = await fetch(s.url + '/portal/akun');
  const html = await anon.text();
  assert.equal(anon.status, 200);
  const csrf = html.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const pre = anon.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const post = (fields) => fetch(s.url + '/portal/akun', { method: 'POST', redirect: 'manual',
    headers: { Cookie: pre, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams({ csrf, ...fields }).toString() });
  let r = await post({ kind: 'pokja', name: 'Lina', nip: '198506062010012002' });
  let t = await r.text();
  assert.equal(r.status, 400, t);
  assert.match(t, /id="email-error"/);
  // the name, the e-mail and the agency missing: each named under its field at once
  r = await post({ kind: 'pokja', nip: '198506062010012002' });
  t = await r.text();
  assert.equal(r.status, 400, t);
  for (const f of ['name', 'email', 'agency']) assert.match(t, new RegExp(`aria-describedby="${f}-error"[\\s\\S]*id="${f}-error">[^<]+<`), f);
  assert.doesNotMatch(t, /id="nip-error"/);
  assert.match(t, /Mohon perbaiki semua isian yang ditandai di bawah\./);
  assert.match(t, /value="198506062010012002"/, 'what was typed is kept');
  r = await post({ kind: 'pokja', name: 'Lina', nip: '198506062010012002', agency: 'Dinas Perhubungan', email: 'lina@batangkab.go.id', doc_letter: '1', doc_decree: '1', doc_personal_data: '1' });
  t = await r.text();
  assert.equal(r.status, 202, t);
  assert.match(t, /id="request-received"><p>Permohonan Anda telah kami terima\. Bila user ID, NIP atau e-mail tersebut ada dalam register kami/);
  assert.ok(!/LPSE-/.test(t), 'no case number on the page: it goes to the address held');
  const id = q("SELECT r.id FROM account_request r JOIN party p ON p.id=r.person_id WHERE p.nip='198506062010012002'");
  // a user ID that is not ours gets the very same page, and nothing is opened
  const before = q('SELECT count(*) FROM account_request');
  r = await post({ kind: 'deactivate', user_id: 'bukan.milik.kami', doc_letter: '1' });
  const t2 = await r.text();
  assert.equal(r.status, 202, t2);
  const okNotice = (h) => h.match(/<div class="notice ok"[\s\S]*?<\/div>/)[0];
  assert.equal(okNotice(t2), okNotice(t));
  assert.equal(q('SELECT count(*) FROM account_request'), before);
  let p = await web.get(`/permohonan-akun/${id}`);
  assert.match(p.text, /name="doc_letter" value="1" checked/);
  // an id with more than digits names no request: "1x" is not request 1
  assert.equal((await web.get(`/permohonan-akun/${id}x`)).status, 404);
  r = await web.post(`/permohonan-akun/${id}x/check`, { csrf: web.csrf, doc_letter: '1', doc_decree: '1', doc_personal_data: '1' });
  assert.equal(r.status, 404);
  r = await web.post(`/permohonan-akun/${id}/check`, { csrf: web.csrf, doc_letter: '1', doc_decree: '1', doc_personal_data: '1' });
  assert.equal(r.status, 303);
  r = await web.post(`/permohonan-akun/${id}/approve`, { csrf: web.csrf, approve: '1' });
  assert.equal(r.status, 303);
  r = await web.post(`/permohonan-akun/${id}/execute`, { csrf: web.csrf, user_id: 'lina.pokja' });
  assert.equal(r.status, 200, r.text);
  const link = r.text.match(/<code id="link">(\/kredensial\/[0-9a-f]{64})<\/code>/)[1];
  p = await web.get(`/permohonan-akun/${id}`);
  assert.ok(!p.text.includes(link), 'the link is shown on the answer of the action only');
  // the notice mails it whole: no public_url here, so the address the request came to
  r = await web.post(`/permohonan-akun/${id}/notify`, { csrf: web.csrf });
  assert.equal(r.status, 303, r.text);
  const notice = q(`SELECT body FROM outbox WHERE body LIKE '%/kredensial/%' ORDER BY id DESC LIMIT 1`);
  assert.ok(notice.includes(`${s.url}${link}`), notice);
  // notified: the last action, a verb on its button
  p = await web.get(`/permohonan-akun/${id}`);
  assert.match(p.text, new RegExp(`action="/permohonan-akun/${id}/archive"><input type="hidden" name="csrf" value="[0-9a-f]{64}"><button type="submit">Arsipkan permohonan</button>`));
  // the link page: a button first (a preview does not use it up), then the secret once
  const g = await fetch(s.url + link);
  const gh = await g.text();
  assert.equal(g.status, 200);
  assert.match(gh, /Tampilkan kredensial sekarang/);
  // a page of the portal (the SPSE user asked there): its menu, and home is the portal, not the staff's sign-in
  const portalMenu = /<nav class="portal" aria-label="Menu portal"><a href="\/portal">Beranda portal<\/a>/;
  assert.match(gh, portalMenu);
  assert.match(gh, /<a class="brand" href="\/portal">Loket<\/a>/);
  assert.ok(!/<nav class="portal".*?<\/nav>/s.exec(gh)[0].includes('kredensial'), 'the token is in no menu link');
  const lc = gh.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const lcookie = g.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const open = () => fetch(s.url + link, { method: 'POST', headers: { Cookie: lcookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body: `csrf=${lc}` });
  let o = await open();
  let oh = await o.text();
  assert.equal(o.status, 200, oh);
  assert.match(oh, /id="user-id">lina\.pokja</);
  assert.match(oh, /<code id="secret">[^<]{16}<\/code>/);
  assert.match(oh, portalMenu);
  o = await open();
  oh = await o.text();
  assert.equal(o.status, 410);
  assert.ok(!/id="secret"/.test(oh));
  assert.match(oh, portalMenu);
});

test('year-end page: the review, then the confirmation deactivates', async () => {
  await request(s.url, 'POST', '/api/v1/accounts', { token: admin, body: { user_id: 'budi.ppk', kind: 'ppk', holder: '197001012000031001', valid_until: '2021-12-31' } });
  let p = await web.get('/akun-spse/akhir-tahun');
  assert.match(p.text, /id="year-end-count">Akun PPK yang akan dinonaktifkan: 1</);
  assert.match(p.text, /budi\.ppk/);
  // the list changed since the review (it showed 2, there is 1): said as an error over the list as it is now
  let r = await web.post('/akun-spse/akhir-tahun', { csrf: web.csrf, rule: 'expired', count: '2' });
  assert.equal(r.status, 409, r.text);
  assert.match(r.text, /class="notice error" role="alert"><p>daftar telah berubah sejak diperiksa/);
  assert.doesNotMatch(r.text, /class="notice ok"/);
  assert.match(r.text, /id="year-end-count">Akun PPK yang akan dinonaktifkan: 1</);
  assert.match((await web.get('/akun-spse/budi.ppk')).text, /id="status">aktif</);
  r = await web.post('/akun-spse/akhir-tahun', { csrf: web.csrf, rule: 'expired', count: '1' });
  assert.equal(r.status, 303);
  p = await web.get('/akun-spse/budi.ppk');
  assert.match(p.text, /id="status">nonaktif</);
  // the reason the review wrote, in the page's language (it is a code-written text, not an officer's)
  assert.match(p.text, /<td>akhir tahun \(BTG-019 langkah 5\)<\/td><\/tr>/);
  assert.doesNotMatch(p.text, /year end/);
  p = await web.get('/akun-spse/budi.ppk?lang=en');
  assert.match(p.text, /<td>year end \(BTG-019 step 5\)<\/td><\/tr>/);
});

test('account pages name kinds and changes in words, Indonesian or English, never their codes', async () => {
  let p = await web.get('/akun-spse');
  const kinds = [...p.text.match(/<select id="i-kind" name="kind">([\s\S]*?)<\/select>/)[1].matchAll(/<option value="(\w+)"[^>]*>([^<]*)</g)]
    .map((m) => `${m[1]}=${m[2]}`);
  assert.deepEqual(kinds, ['penyedia=Penyedia', 'ppk=PPK', 'pokja=Pokja', 'pejabat_pengadaan=Pejabat Pengadaan', 'other=Lainnya']);
  p = await web.get('/akun-spse/budi.ppk');
  const changes = (html) => [...html.match(/<table id="history">[\s\S]*?<\/table>/)[0].matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(changes(p.text), ['Dibuat → aktif', 'Dinonaktifkan']);
  const en = await webSession(s.url);
  assert.equal((await en.post('/bahasa', { csrf: en.csrf, lang: 'en', next: '/akun-spse' })).status, 303);
  p = await en.get('/akun-spse/budi.ppk');
  assert.deepEqual(changes(p.text), ['Created → active', 'Deactivated']);
  assert.match(p.text, /<dt>Kind<\/dt><dd>PPK<\/dd>/);
  p = await en.get('/akun-spse');
  assert.match(p.text, /<option value="pejabat_pengadaan">Procurement official<\/option>/);
  assert.match(p.text, /<option value="penyedia"[^>]*>Provider<\/option>/);
});

test('entry page: a change refused shows its field, a good one is saved; an inactive account offers its reactivation request', async () => {
  const id = q("SELECT id FROM party WHERE nip='197001012000031001'");
  let r = await web.post(`/direktori/${id}`, { csrf: web.csrf, name: 'Budi Santoso', nip: '197001012000031001', phone: '12' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="phone-error"/);
  r = await web.post(`/direktori/${id}`, { csrf: web.csrf, name: 'Budi Santoso, S.T.', nip: '197001012000031001', position: 'PPK', agency: 'Dinas Perhubungan', phone: '0285 391234' });
  assert.equal(r.status, 303);
  assert.equal(q(`SELECT name || '|' || position || '|' || phone FROM party WHERE id=${id}`), 'Budi Santoso, S.T.|PPK|+62285391234');
  const p = await web.get('/akun-spse/budi.ppk');
  assert.match(p.text, /Buka permohonan pengaktifan kembali \(BTG-019\)/);
  r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'reactivate', user_id: 'budi.ppk', channel: 'letter', letter_no: 'B/77/DISHUB/2026', letter_date: '2026-11-16' });
  assert.equal(r.status, 303);
  assert.equal(q("SELECT letter_date || '|' || sender FROM agenda WHERE letter_no='B/77/DISHUB/2026'"), '2026-11-16|Budi Santoso, S.T., Dinas Perhubungan');
  assert.equal(q("SELECT count(*) FROM agenda a JOIN kasus k ON k.number=a.case_number WHERE a.letter_no='B/77/DISHUB/2026' AND k.subject LIKE 'Pengaktifan kembali%'"), '1');
  const page = await web.get(r.headers.get('location'));
  assert.match(page.text, /Pengaktifan kembali hak akses \(BTG-019\)/);
  assert.match(page.text, /id="state">diterima</);
});

test('request page: a sealed letter instead of the link, printed once as a PDF', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  let r = await api('POST', '/account-requests', { kind: 'pokja', name: 'Surat Web', nip: '199202022015011002', agency: 'Dinas Perhubungan', email: 'suratweb@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const id = r.json.id;
  await api('POST', `/account-requests/${id}/check`, {});
  await api('POST', `/account-requests/${id}/approve`, { approve: true });
  await api('POST', `/account-requests/${id}/execute`, { user_id: 'surat.web' });
  let p = await web.get(`/permohonan-akun/${id}`);
  assert.match(p.text, /action="\/permohonan-akun\/\d+\/surat"/);
  const res = await fetch(`${s.url}/permohonan-akun/${id}/surat`, { method: 'POST', redirect: 'manual',
    headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body: `csrf=${web.csrf}` });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal((await res.arrayBuffer()).byteLength > 1000, true);
  p = await web.get(`/permohonan-akun/${id}`);
  assert.doesNotMatch(p.text, /\/surat"/, 'the letter is offered once');
  const again = await web.post(`/permohonan-akun/${id}/surat`, { csrf: web.csrf });
  assert.equal(again.status, 409);
});

test('the account register\'s form and a request from a letter: each wrong field marked under itself at once', async () => {
  let r = await web.post('/akun-spse', { csrf: web.csrf, user_id: 'bad id!', kind: 'ppk', holder: '199999999999999999', valid_from: '2026-02-30' });
  assert.equal(r.status, 400);
  for (const f of ['user_id', 'holder', 'valid_from']) {
    assert.match(r.text, new RegExp(`name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
    assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  }
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'semua', name: 'Eko', nip: '198203142006041003', email: 'eko@batangkab.go.id', agency: 'Dinas Pendidikan', letter_date: '2026-13-01' });
  assert.equal(r.status, 400);
  for (const f of ['kind', 'letter_date']) assert.match(r.text, new RegExp(`name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  assert.equal(q("SELECT count(*) FROM account WHERE holder_id IS NULL"), '0');
});

test('a request from a letter missing its applicant and with a wrong date: every field marked under itself in one answer, staff\'s form and the portal\'s', async () => {
  const before = q('SELECT count(*) FROM account_request');
  // the letter's date not a date (the first check) with the name, NIP and agency left out and the
  // decree's end before its start (found only after the first check passed)
  let r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'ppk', channel: 'letter', name: '', nip: '', email: 'eko@batangkab.go.id',
                                               agency: '', letter_date: '2026-13-01', valid_from: '2026-03-01', valid_until: '2026-02-01' });
  assert.equal(r.status, 400);
  for (const f of ['letter_date', 'name', 'nip', 'agency', 'valid_until']) {
    assert.match(r.text, new RegExp(`name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
    assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  }
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  // a deactivation by e-mail with a letter's number and no user ID; a forgotten ID with a lookup that is neither
  r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'deactivate', channel: 'email', user_id: '', letter_no: 'B/1/2026' });
  assert.equal(r.status, 400);
  for (const f of ['user_id', 'letter_no']) assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'forgotten', channel: 'walk_in', lookup: 'budi', letter_date: '2026-11-16' });
  assert.equal(r.status, 400);
  for (const f of ['lookup', 'letter_date']) assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  // the portal's form: its e-mail wrong (the first check) with the name and agency left out
  const page = await fetch(s.url + '/portal/akun');
  const csrf = (await page.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const p = await fetch(s.url + '/portal/akun', { method: 'POST', redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams({ csrf, kind: 'pokja', name: '', nip: '198203142006041003', email: 'eko@', agency: '' }).toString() });
  const text = await p.text();
  assert.equal(p.status, 400, text);
  for (const f of ['email', 'name', 'agency']) assert.match(text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  // a visitor switching the language there keeps what was typed (the portal's form is no exception)
  const visitor = { post: async (path, fields) => {
    const x = await fetch(s.url + path, { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
    return { status: x.status, text: await x.text() };
  } };
  const en = await switchLanguage(visitor, text, 'en');
  assert.equal(en.status, 200);
  assert.match(en.text, /<html lang="en">/);
  const filled = en.text.match(/<form method="post" action="\/portal\/akun"[^>]*>.*?<\/form>/s)[0];
  assert.match(filled, /name="nip"[^>]*value="198203142006041003"/);
  assert.match(filled, /name="email"[^>]*value="eko@"/);
  assert.match(filled, /<option value="pokja" selected>/);
  assert.equal(q('SELECT count(*) FROM account_request'), before);
});

test('request page: a note over 1000 characters is refused as the API refuses it (check, send back), marked under the note with the note and the documents ticked kept; nothing written', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const made = await api('POST', '/account-requests', { kind: 'pokja', channel: 'letter', name: 'Rina Marlina', nip: '199001012015032001', agency: 'Dinas Perhubungan', email: 'rina@batangkab.go.id', docs: ['letter'] });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const long = 'Catatan pemeriksaan berkas. '.repeat(40);   // 1120 characters
  // the check, the decree and personal data ticked, the letter not: all kept as ticked
  let r = await web.post(`/permohonan-akun/${id}/check`, { csrf: web.csrf, doc_decree: '1', doc_personal_data: '1', note: long });
  assert.equal(r.status, 400);
  assert.match(r.text, /<input id="i-note" name="note" maxlength="1000" value="Catatan pemeriksaan berkas\.[^"]*"[^>]* aria-invalid="true" aria-describedby="i-note-hint note-error">/);
  assert.match(r.text, /<p class="field-error" id="note-error">/);
  assert.match(r.text, /name="doc_decree" value="1" checked/);
  assert.match(r.text, /name="doc_personal_data" value="1" checked/);
  assert.doesNotMatch(r.text, /name="doc_letter" value="1" checked/);
  let got = (await api('GET', `/account-requests/${id}`)).json;
  assert.equal(got.state, 'received');
  assert.equal((await api('POST', `/account-requests/${id}/check`, { note: long })).status, 400);   // as the API
  r = await web.post(`/permohonan-akun/${id}/check`, { csrf: web.csrf, doc_letter: '1', doc_decree: '1', doc_personal_data: '1', note: 'lengkap' });
  assert.equal(r.status, 303);
  // the Pengarah sends it back with a note too long: kept, marked, the request still checked
  r = await web.post(`/permohonan-akun/${id}/approve`, { csrf: web.csrf, approve: '0', note: long });
  assert.equal(r.status, 400);
  assert.match(r.text, /<input id="i-note" name="note" maxlength="1000" value="Catatan pemeriksaan berkas\.[^"]*"[^>]* aria-invalid="true" aria-describedby="i-note-hint note-error">/);
  got = (await api('GET', `/account-requests/${id}`)).json;
  assert.equal(got.state, 'checked');
  assert.equal(q(`SELECT count(*) FROM audit WHERE action='account_request.approve' AND object='account_request/${id}'`), '0');
});

test('account page: a status change without a reason or too long is marked under the reason, said above as the other forms say it; a stale change names the account; a bad one is 400', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  assert.equal((await api('POST', '/directory', { kind: 'person', name: 'Sari Wulandari', nip: '198505052010012005' })).status, 201);
  assert.equal((await api('POST', '/accounts', { user_id: 'sari.ppk', kind: 'ppk', holder: '198505052010012005' })).status, 201);
  let r = await web.post('/akun-spse/sari.ppk/status', { csrf: web.csrf, status: 'inactive', reason: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
  assert.doesNotMatch(r.text, /role="alert"><p>wajib diisi<\/p>/);       // not a bare phrase above the page
  assert.match(r.text, /name="reason"[^>]*aria-invalid="true" aria-describedby="reason-error"/);
  r = await web.post('/akun-spse/sari.ppk/status', { csrf: web.csrf, status: 'inactive', reason: 'r'.repeat(501) });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="reason-error">/);
  assert.match(r.text, /name="reason" type="text" value="r{501}"/);
  r = await web.post('/akun-spse/sari.ppk/status', { csrf: web.csrf, status: 'aktif', reason: 'pindah tugas' });
  assert.equal(r.status, 400);
  assert.match(r.text, /sari\.ppk harus active atau inactive/);
  // the form of a page opened before someone else deactivated it
  r = await web.post('/akun-spse/sari.ppk/status', { csrf: web.csrf, status: 'active', reason: 'kembali bertugas' });
  assert.equal(r.status, 409);
  assert.match(r.text, /role="alert"><p>sari\.ppk sudah aktif<\/p>/);
  assert.equal((await api('GET', '/accounts/sari.ppk')).json.history.length, 1);   // nothing written
});

test('the portal\'s request form names a NIP and a phone written wrong with its other wrong fields at once, what was typed kept', async () => {
  const page = await fetch(s.url + '/portal/akun');
  const html = await page.text();
  const csrf = html.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cookie = page.headers.getSetCookie()[0].split(';')[0];
  const res = await fetch(s.url + '/portal/akun', { method: 'POST', redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams({ csrf, kind: 'pokja', name: '', nip: '123', phone: '12', email: 'rudi@', agency: 'Dinas Perhubungan' }).toString() });
  const text = await res.text();
  assert.equal(res.status, 400);
  for (const f of ['name', 'nip', 'phone', 'email']) assert.match(text, new RegExp(`id="${f}-error"`), f);
  assert.match(text, /id="nip-error">kurang digit: NIP harus 18 digit</);
  assert.match(text, /name="nip" type="text" value="123"/);
  const api = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { kind: 'pokja', name: '', nip: '123', phone: '12', email: 'rudi@', agency: 'Dinas Perhubungan' } });
  assert.equal(api.status, 400, api.text);
  assert.deepEqual(api.json.error.fields.map((f) => f.field).sort(), ['email', 'name', 'nip', 'phone']);
});

test('a directory entry lists its SPSE accounts with their kind in words (Pejabat Pengadaan, Lainnya), not their codes', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const p = await api('POST', '/directory', { kind: 'person', name: 'Galih Pratama', nip: '198902022014021003' });
  assert.equal(p.status, 201, p.text);
  assert.equal((await api('POST', '/accounts', { user_id: 'galih.pp', kind: 'pejabat_pengadaan', holder: '198902022014021003' })).status, 201);
  assert.equal((await api('POST', '/accounts', { user_id: 'galih.lain', kind: 'other', holder: '198902022014021003' })).status, 201);
  const page = await web.get(`/direktori/${p.json.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/akun-spse\/galih\.pp">galih\.pp<\/a> · Pejabat Pengadaan · /);
  assert.match(page.text, /<a href="\/akun-spse\/galih\.lain">galih\.lain<\/a> · Lainnya · /);
  assert.doesNotMatch(page.text, / · pejabat_pengadaan · | · other · /);
});

// The word "Note" is on three forms: on OI-03/04/05's check it stays in the office (the step, the
// disposition sheet); on a BTG-019 check and on a sending back it is the reason mailed to the
// applicant. Each says which, so nothing meant for colleagues reaches the official.
test('request page: each note says whether it goes to the applicant (a BTG-019 check, a sending back) or stays in the office (an OI check)', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const mailed = '<p class="hint muted" id="i-note-hint">Dikirim kepada pemohon melalui e-mail bila berkas dikembalikan.</p>';
  const office = '<p class="hint muted" id="i-note-hint">Hanya untuk kantor: tidak dikirim kepada pemohon.</p>';
  const oi = await api('POST', '/account-requests', { kind: 'pokja', channel: 'letter', name: 'Sri Rahayu', nip: '198702142010012003', agency: 'Dinas Perhubungan', email: 'sri.r@batangkab.go.id', docs: ['letter'] });
  assert.equal(oi.status, 201, oi.text);
  let page = await web.get(`/permohonan-akun/${oi.json.id}`);
  assert.ok(page.text.includes(`<input id="i-note" name="note" maxlength="1000" value="" aria-describedby="i-note-hint">${office}`), page.text);
  assert.equal((await api('POST', `/account-requests/${oi.json.id}/check`, {})).status, 200);
  page = await web.get(`/permohonan-akun/${oi.json.id}`);   // incomplete: only the sending back
  assert.ok(page.text.includes(`aria-describedby="i-note-hint">${mailed}`), page.text);
  assert.ok(!page.text.includes(office));
  // the reason typed there is what the applicant's mail says
  assert.equal((await web.post(`/permohonan-akun/${oi.json.id}/approve`, { csrf: web.csrf, approve: '0', note: 'SK dilegalisir' })).status, 303);
  assert.match(q(`SELECT body FROM outbox WHERE to_addr='sri.r@batangkab.go.id' ORDER BY id DESC LIMIT 1`), /Catatan: SK dilegalisir/);
  // a complete file: approve or send back, the note mailed when it goes back
  const full = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Agung Wibowo', nip: '198507072010011002', agency: 'Dinas Perhubungan', email: 'agung@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal((await api('POST', `/account-requests/${full.json.id}/check`, {})).status, 200);
  page = await web.get(`/permohonan-akun/${full.json.id}`);
  assert.ok(page.text.includes(`aria-describedby="i-note-hint">${mailed}`), page.text);
  // BTG-019: the helpdesk's check returns the file itself, its note in the mail
  const acct = await api('POST', '/accounts', { user_id: 'agung.lama', kind: 'ppk', holder: '198507072010011002' });
  assert.equal(acct.status, 201, acct.text);
  const btg = await api('POST', '/account-requests', { kind: 'deactivate', channel: 'email', user_id: 'agung.lama', docs: ['letter'] });
  assert.equal(btg.status, 201, btg.text);
  page = await web.get(`/permohonan-akun/${btg.json.id}`);
  assert.ok(page.text.includes(`aria-describedby="i-note-hint">${mailed}`), page.text);
  const en = await web.get(`/permohonan-akun/${btg.json.id}?lang=en`);
  assert.match(en.text, /id="i-note-hint">Sent to the applicant by e-mail when the file goes back\.<\/p>/);
});

// The staff's form offers the four channels the API takes for a request staff enter (a phone call among them).
test('new request form: the channel may be a phone call, as the API takes it; the case says so', async () => {
  let page = await web.get('/permohonan-akun');
  assert.match(page.text, /<option value="letter"[^>]*>Surat<\/option><option value="email"[^>]*>E-mail<\/option><option value="walk_in"[^>]*>Datang langsung<\/option><option value="phone">Telepon<\/option><\/select>/);
  const r = await web.post('/permohonan-akun', { csrf: web.csrf, kind: 'pokja', channel: 'phone', name: 'Wahyu Nugroho', nip: '198905052015031002', agency: 'Dinas Perhubungan', email: 'wahyu@batangkab.go.id', doc_letter: '1' });
  assert.equal(r.status, 303, r.text);
  assert.equal(q("SELECT k.channel FROM account_request a JOIN kasus k ON k.id=a.case_id JOIN party p ON p.id=a.person_id WHERE p.nip='198905052015031002'"), 'phone');
});

// The API's resubmit takes a note kept on the applicant's step ("berkas dilengkapi: …"); the page's form takes it too.
test('request page: a returned file completed with a note (how it came back), kept on the applicant\'s step; one too long is marked under it', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const made = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Tri Handayani', nip: '199103032015032002', agency: 'Dinas Perhubungan', email: 'tri@batangkab.go.id', docs: ['letter'] });
  const id = made.json.id;
  assert.equal((await api('POST', `/account-requests/${id}/check`, {})).status, 200);
  assert.equal((await api('POST', `/account-requests/${id}/approve`, { approve: false })).json.state, 'returned');
  let page = await web.get(`/permohonan-akun/${id}`);
  assert.ok(page.text.includes('<input id="i-note" name="note" maxlength="1000" value="" aria-describedby="i-note-hint"><p class="hint muted" id="i-note-hint">Hanya untuk kantor: tidak dikirim kepada pemohon.</p>'), page.text);
  let r = await web.post(`/permohonan-akun/${id}/resubmit`, { csrf: web.csrf, doc_decree: '1', doc_personal_data: '1', note: 'x'.repeat(1001) });
  assert.equal(r.status, 400);
  assert.match(r.text, /aria-invalid="true" aria-describedby="i-note-hint note-error"/);
  assert.equal((await api('GET', `/account-requests/${id}`)).json.state, 'returned', 'nothing written');
  r = await web.post(`/permohonan-akun/${id}/resubmit`, { csrf: web.csrf, doc_decree: '1', doc_personal_data: '1', note: 'SK diantar kurir' });
  assert.equal(r.status, 303, r.text);
  const c = (await api('GET', `/cases/${made.json.case}`)).json;
  assert.equal(c.steps.filter((x) => x.no === 6).at(-1).note, 'berkas dilengkapi: SK diantar kurir');
});

// BTG-019 step 2 again: the documents a returned file is completed with, handed in at the desk, go on a
// handover form of their own; the page ticks those handed in before too, and they are not handed over twice.
test('request page: a BTG-019 file completed at the desk is on a new handover form listing only what was brought now', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  assert.equal((await api('POST', '/directory', { kind: 'person', name: 'Yanti Susanti', nip: '198806062012012004', email: 'yanti@batangkab.go.id' })).status, 201);
  assert.equal((await api('POST', '/accounts', { user_id: 'yanti.pokja', kind: 'pokja', holder: '198806062012012004' })).status, 201);
  const made = await api('POST', '/account-requests', { kind: 'deactivate', channel: 'walk_in', user_id: 'yanti.pokja', docs: ['letter'] });
  assert.equal(made.status, 201, made.text);
  const { id, case: number } = made.json;
  assert.equal((await api('POST', `/account-requests/${id}/check`, {})).json.state, 'returned');
  const r = await web.post(`/permohonan-akun/${id}/resubmit`, { csrf: web.csrf, doc_letter: '1', doc_decree: '1', doc_personal_data: '1' });
  assert.equal(r.status, 303, r.text);
  const forms = q(`SELECT replace(items, char(10), ' + ') FROM handover WHERE case_number='${number}' ORDER BY id`).split('\n');
  assert.equal(forms.length, 2, forms.join('\n'));
  assert.match(forms[0], /^Surat permohonan kepada Kepala LPSE[^+]*$/);
  assert.match(forms[1], /^Surat Tugas\/SK\/Surat Penunjukan [^+]* \+ Data personal: [^+]*$/);
});

// When the file came back, if it is recorded later: the returned request's form asks it (empty: now);
// a moment still to come is marked under it, the documents ticked and the note kept, nothing written.
test('request page: a returned file\'s form asks when it came back; a time to come is marked under it, what was typed kept', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const made = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Ratna Sari', nip: '199205052016032003', agency: 'Dinas Perhubungan', email: 'ratna@batangkab.go.id', docs: ['letter'] });
  const id = made.json.id;
  assert.equal((await api('POST', `/account-requests/${id}/check`, {})).status, 200);
  assert.equal((await api('POST', `/account-requests/${id}/approve`, { approve: false })).json.state, 'returned');
  const page = await web.get(`/permohonan-akun/${id}`);
  assert.ok(page.text.includes('<label for="i-at">Kapan berkas kembali</label><input id="i-at" name="at" type="datetime-local" value="" aria-describedby="i-at-hint">'), page.text);
  let r = await web.post(`/permohonan-akun/${id}/resubmit`, { csrf: web.csrf, doc_decree: '1', doc_personal_data: '1', note: 'SK diantar kurir', at: '2099-01-05T10:00' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="i-at" name="at" type="datetime-local" value="2099-01-05T10:00" aria-invalid="true" aria-describedby="i-at-hint at-error"/);
  assert.match(r.text, /id="at-error"[^>]*>[^<]*belum tiba/);
  assert.match(r.text, /name="note"[^>]*value="SK diantar kurir"/);
  assert.equal((await api('GET', `/account-requests/${id}`)).json.state, 'returned', 'nothing written');
  // one before the file went back: named as such
  r = await web.post(`/permohonan-akun/${id}/resubmit`, { csrf: web.csrf, doc_decree: '1', doc_personal_data: '1', at: '2020-01-06T10:00' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="at-error"[^>]*>lebih awal dari saat berkas dikembalikan kepada pemohon</);
  assert.equal((await api('GET', `/account-requests/${id}`)).json.state, 'returned', 'nothing written');
});

// OI-05 step 4 at the desk: a forgotten user ID whose NIP has several accounts is carried out
// naming the one to reset; the form has the field its error is said under (it had none).
test('request page: a forgotten ID whose NIP has several accounts is carried out from the page, the account named in its field', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const nip = '198807072012121004';
  let r = await api('POST', '/directory', { kind: 'person', name: 'Dua Akun', nip, email: 'dua.akun@batangkab.go.id' });
  assert.equal(r.status, 201, r.text);
  for (const [user_id, kind] of [['dua.ppk', 'ppk'], ['dua.pokja', 'pokja']]) {
    assert.equal((await api('POST', '/accounts', { user_id, kind, holder: nip })).status, 201);
  }
  r = await api('POST', '/account-requests', { kind: 'forgotten', lookup: nip, docs: ['letter', 'personal_data'] });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  await api('POST', `/account-requests/${id}/check`, {});
  assert.equal((await api('POST', `/account-requests/${id}/approve`, { approve: true })).json.state, 'approved');
  const page = await web.get(`/permohonan-akun/${id}`);
  const form = page.text.match(new RegExp(`<form[^>]*action="/permohonan-akun/${id}/execute">[\\s\\S]*?</form>`))[0];
  assert.match(form, /<label for="i-user_id">User ID yang diatur ulang \(bila NIP atau e-mail memiliki beberapa akun\)<\/label><input id="i-user_id" name="user_id" type="text" value=""/);
  // none named: which one is asked under the field, nothing done
  r = await web.post(`/permohonan-akun/${id}/execute`, { csrf: web.csrf, user_id: '' });
  assert.equal(r.status, 409);
  assert.match(r.text, /id="user_id-error"[^>]*>beberapa akun memakai NIP atau e-mail ini/);
  assert.equal((await api('GET', `/account-requests/${id}`)).json.state, 'approved', 'nothing written');
  // one that is not the holder's: said under it, what was typed kept
  r = await web.post(`/permohonan-akun/${id}/execute`, { csrf: web.csrf, user_id: 'orang.lain' });
  assert.equal(r.status, 400);
  assert.match(r.text, /name="user_id" type="text" value="orang\.lain"[^>]*aria-invalid="true"/);
  assert.match(r.text, /id="user_id-error"/);
  r = await web.post(`/permohonan-akun/${id}/execute`, { csrf: web.csrf, user_id: 'dua.pokja' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<code id="link">\/kredensial\/[0-9a-f]{64}<\/code>/);
  const got = (await api('GET', `/account-requests/${id}`)).json;
  assert.equal(got.state, 'done');
  assert.equal(got.user_id, 'dua.pokja');
});

// OI-03/04/05 step 5 on the case: a credential handed over in a sealed letter is recorded as such,
// not as a password link given (the link was used up by the letter).
test('case page: the handover step of a credential printed in a sealed letter says the letter, not a link', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  let r = await api('POST', '/account-requests', { kind: 'ppk', name: 'Surat Langkah', nip: '199303032017011005', agency: 'Dinas Perhubungan', email: 'suratlangkah@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const { id, case: number } = r.json;
  await api('POST', `/account-requests/${id}/check`, {});
  await api('POST', `/account-requests/${id}/approve`, { approve: true });
  await api('POST', `/account-requests/${id}/execute`, { user_id: 'surat.langkah' });
  const res = await fetch(`${s.url}/permohonan-akun/${id}/surat`, { method: 'POST', redirect: 'manual',
    headers: { Cookie: web.cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url }, body: `csrf=${web.csrf}` });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  r = await web.post(`/permohonan-akun/${id}/notify`, { csrf: web.csrf });
  assert.equal(r.status, 303, r.text);
  const c = await web.get(`/kasus/${number}`);
  assert.equal(c.status, 200);
  assert.match(c.text, /user ID diberikan, kata sandi dalam surat tertutup/);
  assert.doesNotMatch(c.text, /tautan kata sandi diberikan/);
  // a link handed over is still said as a link
  r = await api('POST', '/account-requests', { kind: 'ppk', name: 'Tautan Langkah', nip: '199303032017011006', agency: 'Dinas Perhubungan', email: 'tautanlangkah@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const two = r.json;
  await api('POST', `/account-requests/${two.id}/check`, {});
  await api('POST', `/account-requests/${two.id}/approve`, { approve: true });
  await api('POST', `/account-requests/${two.id}/execute`, { user_id: 'tautan.langkah' });
  assert.equal((await web.post(`/permohonan-akun/${two.id}/notify`, { csrf: web.csrf })).status, 303);
  assert.match((await web.get(`/kasus/${two.case}`)).text, /user ID dan tautan kata sandi diberikan/);
});

// A refused approval or execution comes back with the file's checklist as it is (the form sent no
// ticks: it is not the completeness check's), not every document marked missing.
test('request page: an approval or execution refused shows the checklist as the file has it, not all missing', async () => {
  const api = (m, p, b) => request(s.url, m, `/api/v1${p}`, { token: admin, body: b });
  const r0 = await api('POST', '/account-requests', { kind: 'ppk', name: 'Cek Daftar', nip: '199303032017011007', agency: 'Dinas Perhubungan', email: 'cekdaftar@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const id = r0.json.id;
  await api('POST', `/account-requests/${id}/check`, {});
  const list = (t) => t.match(/<ul id="checklist"[\s\S]*?<\/ul>/)[0];
  const all = (t) => assert.equal((list(t).match(/&#10003;/g) || []).length, 3, list(t));
  all((await web.get(`/permohonan-akun/${id}`)).text);
  let r = await web.post(`/permohonan-akun/${id}/approve`, { csrf: web.csrf, approve: '0', note: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="note-error"/);
  all(r.text);
  await api('POST', `/account-requests/${id}/approve`, { approve: true });
  r = await web.post(`/permohonan-akun/${id}/execute`, { csrf: web.csrf, user_id: 'bad id' });
  assert.equal(r.status, 400);
  all(r.text);
});
