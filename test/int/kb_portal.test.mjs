// Integration test of the knowledge base and the public portal through HTTP:
// articles written, searched (Indonesian questions find the right article first),
// revised (every revision kept) and linked to the cases they answered; the portal
// flow submit → track → the helpdesk answers and closes the case → the requester
// rates, and the guards: wrong e-mail refused and throttled (429 + Retry-After),
// submissions limited per address, the honeypot refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ROOT, startServer, request, login, addUser, webSession, sqlite, cli } from './lib.mjs';

const FAQ = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/kb-faq.json'), 'utf8'));
const NOW = '2026-01-05T09:00:00+07:00';     // Monday 09.00 WIB, frozen
let s, admin, helpdesk, piket;
const ids = {};

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  addUser(s.dir, 'piket1', 'piket', 'piket-depan-2026');
  helpdesk = await login(s.url, 'meja', 'meja-bantuan-2026');
  piket = await login(s.url, 'piket1', 'piket-depan-2026');
  for (const a of FAQ) {
    const r = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: {
      title: a.title, body: a.body, title_en: a.title_en, category: a.category, tags: a.tags, status: 'published' } });
    assert.equal(r.status, 201, r.text);
    ids[a.key] = r.json.id;
  }
});
after(async () => { if (s) await s.stop(); });

const db = () => join(s.dir, 'loket.db');
const q1 = (sql) => sqlite(db(), sql).stdout.trim();

test('articles: created as revision 1, tags cleaned, errors name the field, permissions', async () => {
  const r = await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: piket });
  assert.equal(r.status, 200);
  assert.equal(r.json.title, 'Lupa kata sandi (password) akun SPSE');
  assert.deepEqual(r.json.tags, ['password', 'akun', 'login']);
  assert.equal(r.json.revision, 1);
  assert.equal(r.json.status, 'published');
  assert.equal(r.json.created_by, 'meja');
  assert.deepEqual(r.json.cases, []);
  const bad = [
    [{ body: 'x' }, 'title'],
    [{ title: 'x' }, 'body'],
    [{ title: 'x', body: 'y', status: 'hidden' }, 'status'],
    [{ title: 'x', body: 'y', colour: 'red' }, 'colour'],
    [{ title: 'x'.repeat(201), body: 'y' }, 'title'],
    [{ title: 'x', body: 'y', tags: [1] }, 'tags'],
  ];
  for (const [body, field] of bad) {
    const x = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body });
    assert.equal(x.status, 400, JSON.stringify(body));
    assert.equal(x.json.error.field, field, JSON.stringify(body));
  }
  assert.equal((await request(s.url, 'POST', '/api/v1/kb', { token: piket, body: { title: 'x', body: 'y' } })).status, 403);
  assert.equal((await request(s.url, 'GET', '/api/v1/kb')).status, 401);
  // an id no article has is named like one that is no number
  for (const path of ['/api/v1/kb/99999', '/api/v1/kb/abc', '/api/v1/kb/99999/revisions', '/api/v1/portal/faq/99999']) {
    const x = await request(s.url, 'GET', path, { token: piket });
    assert.deepEqual([x.status, x.json.error.field], [404, 'id'], path);
  }
  assert.equal(q1("SELECT count(*) FROM kb_article"), String(FAQ.length));
  assert.equal(q1("SELECT count(*) FROM audit WHERE action='kb.create'"), String(FAQ.length));
});

test('a mistyped filter of the article list or the public FAQ is 400 naming it, not ignored', async () => {
  let r = await request(s.url, 'GET', '/api/v1/kb?statuss=draft', { token: piket });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'statuss');
  r = await request(s.url, 'GET', '/api/v1/portal/faq?status=draft');   // the public list has no status filter
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'status');
  r = await request(s.url, 'GET', '/api/v1/kb?q=password&status=published&category=Akun&tag=akun&limit=5&lang=en', { token: piket });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'GET', '/api/v1/portal/faq?q=password&category=Akun&tag=akun&limit=5&office=LPSE');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.articles.length >= 1);
});

test('every article a search finds carries its score, even with one article in the office (a tiny bm25); a plain list has none', async () => {
  const t = await startServer();
  try {
    const tok = await login(t.url);
    let r = await request(t.url, 'POST', '/api/v1/kb', { token: tok, body: { title: 'Lupa kata sandi akun SPSE', body: 'Pilih Lupa Password.', status: 'published' } });
    assert.equal(r.status, 201, r.text);
    r = await request(t.url, 'GET', '/api/v1/kb?q=lupa%20kata%20sandi', { token: tok });
    assert.equal(r.json.articles.length, 1, r.text);
    assert.equal(typeof r.json.articles[0].score, 'number', r.text);
    r = await request(t.url, 'GET', '/api/v1/portal/faq?q=lupa%20kata%20sandi');
    assert.equal(typeof r.json.articles[0].score, 'number', r.text);
    r = await request(t.url, 'GET', '/api/v1/kb', { token: tok });
    assert.equal(r.json.articles[0].score, undefined);
  } finally { await t.stop(); }
});

test('search: Indonesian questions find the article that answers them first', async () => {
  const expect = [
    ['bagaimana mengembalikan kata sandi yang lupa', 'password'],
    ['file .rhs tidak bisa dibuka', 'rhs'],
    ['npwp saya ditolak waktu mendaftar', 'npwp'],
    ['akun saya terblokir', 'terkunci'],
    ['cara memasang apendo', 'apendo'],
    ['kapan jadwal lelang', 'jadwal'],
    ['syarat verifikasi penyedia', 'verifikasi'],
  ];
  const title = Object.fromEntries(FAQ.map((a) => [a.key, a.title]));
  for (const [q, key] of expect) {
    const staff = await request(s.url, 'GET', `/api/v1/kb?q=${encodeURIComponent(q)}`, { token: piket });
    assert.equal(staff.status, 200);
    assert.equal(staff.json.articles[0].title, title[key], q);
    assert.ok(staff.json.articles[0].score > 0, q);
    const pub = await request(s.url, 'GET', `/api/v1/portal/faq?q=${encodeURIComponent(q)}`);
    assert.equal(pub.status, 200);
    assert.equal(pub.json.articles[0].title, title[key], q);
    assert.equal(pub.json.articles[0].created_by, undefined, 'the public FAQ names no staff');
  }
  const none = await request(s.url, 'GET', '/api/v1/portal/faq?q=xyzzy');
  assert.deepEqual(none.json.articles, []);
  // the portal's FAQ page in English lists the English titles where an article has one
  const withEn = FAQ.find((a) => a.title_en);
  const page = await fetch(`${s.url}/portal/faq?lang=en`).then((x) => x.text());
  assert.ok(page.includes(`>${withEn.title_en}</a>`), `English title ${withEn.title_en} listed`);
  const pageId = await fetch(`${s.url}/portal/faq`).then((x) => x.text());
  assert.ok(pageId.includes(`>${withEn.title}</a>`), 'the Indonesian page lists the Indonesian title');
});

test('the portal\'s FAQ page by category: the categories of published articles are links, one lists its articles, a search stays within it', async () => {
  const draft = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: { title: 'Catatan internal verifikator', body: 'Belum untuk publik.', category: 'Internal' } });
  assert.equal(draft.status, 201);
  let page = await fetch(`${s.url}/portal/faq`).then((x) => x.text());
  const nav = page.match(/<nav class="faq-categories"[^>]*>(.*?)<\/nav>/s)[1];
  assert.match(nav, /<a href="\/portal\/faq" aria-current="page">Semua<\/a>/);
  for (const c of ['Akun', 'Aplikasi', 'Dokumen Penawaran', 'Registrasi', 'Tender']) assert.ok(nav.includes(`>${c}</a>`), c);
  assert.doesNotMatch(nav, /Internal/, 'a draft\'s category is not public');
  assert.match(nav, /href="\/portal\/faq\?category=Dokumen%20Penawaran"/);
  page = await fetch(`${s.url}/portal/faq?category=Dokumen%20Penawaran`).then((x) => x.text());
  const listed = [...page.matchAll(/<li><a href="\/portal\/faq\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
  assert.deepEqual(listed, ['File penawaran .rhs tidak bisa dibuka', 'Gagal mengunggah dokumen penawaran']);
  assert.match(page, /<a href="\/portal\/faq\?category=Dokumen%20Penawaran" aria-current="page">Dokumen Penawaran<\/a>/);
  assert.match(page, /<input type="hidden" name="category" value="Dokumen Penawaran">/, 'the search form keeps the category');
  // a search within the category: only its articles; the same search in another category finds none there
  page = await fetch(`${s.url}/portal/faq?q=${encodeURIComponent('kata sandi')}&category=Akun`).then((x) => x.text());
  assert.match(page, />Lupa kata sandi \(password\) akun SPSE<\/a>/);
  assert.doesNotMatch(page, />File penawaran/);
  page = await fetch(`${s.url}/portal/faq?q=${encodeURIComponent('kata sandi')}&category=Tender`).then((x) => x.text());
  assert.match(page, /Tidak ada artikel FAQ yang cocok dengan pencarian/);
  // the API narrows the same way
  const api = await request(s.url, 'GET', '/api/v1/portal/faq?category=Dokumen%20Penawaran');
  assert.deepEqual(api.json.articles.map((a) => a.title).sort(), listed);
});

test('the staff\'s list by tag: each tag is a link that lists the articles with it, as GET /api/v1/kb?tag= does', async () => {
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  let page = await web.get('/kb');
  assert.match(page.text, /<a href="\/kb\?tag=enkripsi">enkripsi<\/a>/);
  assert.match(page.text, /<a href="\/kb\?tag=user%20id">user id<\/a>/);
  page = await web.get('/kb?tag=enkripsi');
  assert.equal(page.status, 200);
  const listed = [...page.text.matchAll(/<a href="\/kb\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
  const api = await request(s.url, 'GET', '/api/v1/kb?tag=enkripsi', { token: helpdesk });
  assert.deepEqual(listed, api.json.articles.map((a) => a.title).sort());
  assert.deepEqual(listed, ['Cara mengunduh dan memasang Apendo', 'SPAMKODOK pengganti Apendo']);
  assert.match(page.text, /<input id="kb-tag" name="tag" value="enkripsi"/, 'the tag chosen is shown in the search form, kept by it');
  page = await web.get(`/kb/${ids.password}`);
  assert.match(page.text, /<dd class="tags"><a href="\/kb\?tag=password">password<\/a>, <a href="\/kb\?tag=akun">akun<\/a>, <a href="\/kb\?tag=login">login<\/a><\/dd>/);
});

test('revisions: every edit kept; a draft leaves the public FAQ; archive leaves search', async () => {
  const id = ids.browser;
  let r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body: {
    body: 'SPSE berjalan baik di Firefox, Chrome dan Edge versi terbaru.', status: 'draft' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.revision, 2);
  assert.equal(r.json.status, 'draft');
  r = await request(s.url, 'GET', `/api/v1/kb/${id}/revisions`, { token: piket });
  assert.equal(r.json.revisions.length, 2);
  assert.equal(r.json.revisions[0].revision, 2);
  assert.match(r.json.revisions[0].body, /Edge/);
  assert.equal(r.json.revisions[1].revision, 1);
  assert.match(r.json.revisions[1].body, /Mozilla Firefox/);
  assert.equal(r.json.revisions[1].by, 'meja');
  assert.ok(Array.isArray(r.json.revisions[0].tags), 'tags are a list, as in the article');
  assert.deepEqual(r.json.revisions[0].tags, (await request(s.url, 'GET', `/api/v1/kb/${id}`, { token: piket })).json.tags);
  // an edit that changes nothing makes no revision
  for (const body of [{}, { status: 'draft' }]) {
    r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.revision, 2, JSON.stringify(body));
  }
  // null removes a member (tags, English title), a required one given null is refused
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body: { title_en: 'Browsers' } });
  assert.equal(r.json.title_en, 'Browsers');
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body: { title_en: null, tags: null } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title_en, '');
  assert.deepEqual(r.json.tags, []);
  assert.equal(r.json.status, 'draft');
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body: { title: null } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'title');
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: helpdesk, body: { body: 'SPSE berjalan baik di Firefox, Chrome dan Edge versi terbaru.', status: 'draft' } });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: { title: 'x', body: 'y', status: 'live' } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /draft \(draf\), published \(terbit\), atau archived/);
  // the draft: found by staff, not by the public
  const staff = await request(s.url, 'GET', '/api/v1/kb?q=edge&status=draft', { token: piket });
  assert.equal(staff.json.articles[0].id, id);
  assert.deepEqual((await request(s.url, 'GET', '/api/v1/portal/faq?q=edge')).json.articles, []);
  assert.equal((await request(s.url, 'GET', `/api/v1/portal/faq/${id}`)).status, 404);
  // archived: out of every search, its revisions kept
  r = await request(s.url, 'DELETE', `/api/v1/kb/${id}`, { token: helpdesk });
  assert.equal(r.json.status, 'archived');
  assert.equal(r.json.revision, 5);
  assert.equal((await request(s.url, 'DELETE', `/api/v1/kb/${id}`, { token: helpdesk })).json.revision, 5, 'archived twice: one revision');
  assert.deepEqual((await request(s.url, 'GET', '/api/v1/kb?q=edge', { token: piket })).json.articles, []);
  assert.equal(q1(`SELECT count(*) FROM kb_revision WHERE article_id=${id}`), '5');
  assert.equal(q1("SELECT count(*) FROM audit WHERE action='kb.update'"), '4');
});

test('an article answers cases: linked once per case, counted, listed both ways, through the API and the case page', async () => {
  const open = async (subject) => (await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject, requester: { name: 'Rina Wati', email: 'rina@example.co.id' } } })).json.number;
  const n1 = await open('Lupa password akun penyedia');
  const n2 = await open('Tidak bisa login, lupa kata sandi');
  let r = await request(s.url, 'POST', `/api/v1/cases/${n1}/kb`, { token: admin, body: { article: ids.password } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.articles[0].id, ids.password);
  assert.equal(r.json.replied, false, 'a case not from the portal: nothing sent');
  r = await request(s.url, 'POST', `/api/v1/cases/${n1}/kb`, { token: helpdesk, body: { article: ids.password } });
  assert.equal(r.status, 409);
  r = await request(s.url, 'POST', `/api/v1/cases/${n1}/kb`, { token: helpdesk, body: { article: 99999 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'article');
  // the case page offers the article (its subject searched) with "Jawab dengan artikel"
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  const page = await web.get(`/kasus/${n2}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Lupa kata sandi \(password\) akun SPSE/);
  assert.match(page.text, /Jawab dengan artikel/);
  const csrf = web.csrfOf(page.text);
  const post = await web.post(`/kasus/${n2}/kb`, { csrf, article: String(ids.password) });
  assert.equal(post.status, 303);
  r = await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: piket });
  assert.equal(r.json.answered, 2);
  assert.deepEqual([...r.json.cases].sort(), [n1, n2].sort());
  const own = r.json;
  r = await request(s.url, 'GET', `/api/v1/cases/${n2}/kb`, { token: piket });
  assert.equal(r.json.articles.length, 1);
  // the article as it stands (its last revision's time and author, meja's), and beside it who
  // linked it to the case and when (admin): the link's were given as updated_at and updated_by
  const linked = (await request(s.url, 'GET', `/api/v1/cases/${n1}/kb`, { token: piket })).json.articles[0];
  assert.equal(own.updated_by, 'meja');
  assert.equal(linked.updated_by, 'meja');
  assert.equal(linked.updated_at, own.updated_at);
  assert.equal(linked.linked_by, 'admin');
  assert.match(linked.linked_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.json.articles[0].linked_by, 'meja');
  // the article page shows the count and the cases
  const art = await web.get(`/kb/${ids.password}`);
  assert.match(art.text, /id="kb-answered">2</);
  assert.ok(art.text.includes(`/kasus/${n1}`));
  assert.equal(q1("SELECT count(*) FROM audit WHERE action='kb.answer'"), '2');
  // a new FAQ entry written from a case answers it, in one go
  const n3 = await open('Cara mengganti nomor HP penanggung jawab');
  const form = await web.get(`/kb/baru?kasus=${n3}`);
  assert.match(form.text, /value="Cara mengganti nomor HP penanggung jawab"/);
  // a case the address names that is not of this office: said (the field named), the form still there, 404
  const unknown = await web.get('/kb/baru?kasus=LPSE-2026-999999&title=Judul');
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /id="kasus-error"><p>Tidak ada kasus kantor ini dengan nomor pada alamat \(kasus\): <span class="mono">LPSE-2026-999999<\/span>/);
  assert.match(unknown.text, /name="title"[^>]*value="Judul"/);
  assert.doesNotMatch(unknown.text, /name="case"/);
  // ?title= and ?body= pre-fill the form (the training's Q&A links here so), the case kept
  const pre = await web.get(`/kb/baru?kasus=${n3}&title=${encodeURIComponent('Apa itu <SPSE>?')}&body=${encodeURIComponent('Sistem pengadaan & lelang.')}`);
  assert.match(pre.text, /name="title"[^>]*value="Apa itu &lt;SPSE&gt;\?"/);
  assert.match(pre.text, /<textarea id="kb-body"[^>]*>Sistem pengadaan &amp; lelang\.<\/textarea>/);
  assert.ok(pre.text.includes(`name="case" value="${n3}"`));
  const made = await web.post('/kb', { csrf: web.csrfOf(form.text), case: n3, title: 'Mengganti nomor HP penanggung jawab',
    body: 'Ajukan surat permohonan ke LPSE.', status: 'published' });
  assert.equal(made.status, 303);
  const newId = Number(made.headers.get('location').match(/\/kb\/(\d+)/)[1]);
  r = await request(s.url, 'GET', `/api/v1/kb/${newId}`, { token: piket });
  assert.equal(r.json.answered, 1);
  assert.deepEqual(r.json.cases, [n3]);
  const miss = await web.post('/kb', { csrf: web.csrfOf(form.text), case: n3, title: '', body: 'x' });
  assert.equal(miss.status, 400);
  assert.equal(q1(`SELECT count(*) FROM kb_case WHERE case_id=(SELECT id FROM kasus WHERE number='${n3}')`), '1', 'nothing partial');
});

test('staff pages: list and search, new article form, edit as a revision', async () => {
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  const list = await web.get('/kb?q=' + encodeURIComponent('lupa kata sandi'));
  assert.equal(list.status, 200);
  const first = list.text.indexOf('Lupa kata sandi (password)'), other = list.text.indexOf('Akun terkunci');
  assert.ok(first > 0 && other > first, 'the password article is listed first');
  const form = await web.get('/kb/baru');
  const csrf = web.csrfOf(form.text);
  let r = await web.post('/kb', { csrf, title: '', body: 'isi' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Judul wajib diisi/);
  r = await web.post('/kb', { csrf, title: 'Kode billing kedaluwarsa', body: 'Minta kode billing baru.', category: 'Pembayaran', tags: 'billing', status: 'published' });
  assert.equal(r.status, 303);
  const id = Number(r.headers.get('location').match(/\/kb\/(\d+)/)[1]);
  r = await web.post(`/kb/${id}`, { csrf, title: 'Kode billing kedaluwarsa', body: 'Minta kode billing baru kepada petugas.', category: 'Pembayaran', tags: 'billing', status: 'published' });
  assert.equal(r.status, 303);
  const page = await web.get(`/kb/${id}`);
  assert.match(page.text, /kepada petugas/);
  assert.ok(page.text.includes(`/kb/${id}/revisi/1`) && page.text.includes(`/kb/${id}/revisi/2`));
  const rev1 = await web.get(`/kb/${id}/revisi/1`);
  assert.match(rev1.text, /Minta kode billing baru\.</);
  assert.equal((await web.get(`/kb/${id}/revisi/9`)).status, 404);
});

test('an edit based on a revision no longer the last: refused naming revision, who changed it when; the form keeps what was typed', async () => {
  let r = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: { title: 'Ganti e-mail akun', body: 'Isi awal.', status: 'published' } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  const page = await web.get(`/kb/${id}`);
  assert.match(page.text, /<input type="hidden" name="revision" value="1">/);
  // the administrator saves revision 2 meanwhile
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: admin, body: { revision: 1, body: 'Isi dari admin.' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.revision, 2);
  const typed = { csrf: web.csrfOf(page.text), revision: '1', title: 'Ganti e-mail akun penyedia', body: 'Isi yang saya ketik sendiri.',
    category: '', tags: '', status: 'published' };
  r = await web.post(`/kb/${id}`, typed);
  assert.equal(r.status, 409);
  assert.match(r.text, /Diubah oleh admin pada 5 Januari 2026, 09\.00 WIB \(revisi 2\) sejak revisi 1 yang menjadi dasar suntingan ini/);
  assert.match(r.text, /<textarea id="kb-body"[^>]*>Isi yang saya ketik sendiri\.<\/textarea>/, 'what was typed is kept');
  assert.match(r.text, /name="title"[^>]*value="Ganti e-mail akun penyedia"/);
  assert.match(r.text, /<input type="hidden" name="revision" value="2">/, 'saving again is based on the revision read now');
  r = await request(s.url, 'GET', `/api/v1/kb/${id}`, { token: piket });
  assert.deepEqual([r.json.revision, r.json.body], [2, 'Isi dari admin.'], 'nothing written');
  // saved again, having read it: revision 3
  r = await web.post(`/kb/${id}`, { ...typed, revision: '2' });
  assert.equal(r.status, 303);
  r = await request(s.url, 'GET', `/api/v1/kb/${id}`, { token: piket });
  assert.deepEqual([r.json.revision, r.json.body], [3, 'Isi yang saya ketik sendiri.']);
  // the API: 409 naming revision, in English too; a revision not there yet is 400; without one, the last written stands
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: admin, body: { revision: 2, title: 'Lagi' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'revision');
  assert.match(r.json.error.message, /^Diubah oleh meja pada 5 Januari 2026, 09\.00 WIB \(revisi 3\) sejak revisi 2/);
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}?lang=en`, { token: admin, body: { revision: 2, title: 'Lagi' } });
  assert.match(r.json.error.message, /^Changed by meja on 5 January 2026, 09:00 WIB \(revision 3\) since revision 2, which the edit was based on/);
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: admin, body: { revision: 9, title: 'Lagi' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'revision');
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: admin, body: { revision: 'tiga' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'revision');
  r = await request(s.url, 'POST', '/api/v1/kb', { token: admin, body: { title: 'Baru', body: 'Isi.', revision: 1 } });
  assert.equal(r.status, 400, 'a new article has no revision to be based on');
  r = await request(s.url, 'PATCH', `/api/v1/kb/${id}`, { token: admin, body: { title: 'Lagi' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.revision, 4);
  assert.equal(q1(`SELECT count(*) FROM audit WHERE object='kb:${id}' AND action='kb.update'`), '3', 'refused edits are not audited');
});

test('portal: submit → track → the helpdesk answers and closes → the requester rates once, or reopens', async () => {
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi Santoso', email: 'budi@cvmaju.co.id', phone: '0812-3456-7890',
    subject: 'Lupa kata sandi akun penyedia', description: 'Saya lupa kata sandi dan e-mail pemulihan tidak masuk.' } });
  assert.equal(r.status, 201, r.text);
  const { number, token } = r.json;
  assert.match(number, /^LPSE-2026-\d{6}$/);
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.ok(r.json.track_url.endsWith(`/portal/t/${token}`));
  // only the token's hash is stored
  const hash = createHash('sha256').update(token).digest('hex');
  assert.equal(q1(`SELECT count(*) FROM portal_token WHERE token_hash='${hash}'`), '1');
  assert.equal(q1(`SELECT count(*) FROM portal_token WHERE token_hash='${token}'`), '0');
  // the requester is e-mailed the number and the link
  const mail = sqlite(db(), "SELECT to_addr, subject, body FROM outbox WHERE to_addr='budi@cvmaju.co.id'").stdout;
  assert.match(mail, new RegExp(`Tiket ${number}`));
  assert.ok(mail.includes(`/portal/t/${token}`));
  // the case: helpdesk procedure, channel portal, step 1 done by the submission
  const c = (await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: helpdesk })).json;
  assert.equal(c.sop, 'SOP 02/LPSE.OI/2012');
  assert.equal(c.channel, 'portal');
  assert.equal(c.current_step, 2);
  assert.equal(c.steps[0].done_at, '2026-01-05T02:00:00Z');
  // the tracking page's data
  const path = `/api/v1/portal/tickets/${token}`;
  r = await request(s.url, 'GET', path);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.steps.length, 2);
  assert.match(r.json.steps[0].title, /^Mengirimkan pertanyaan/);
  assert.equal(r.json.steps[1].done_at, null);
  assert.equal(r.json.messages[0].body, 'Saya lupa kata sandi dan e-mail pemulihan tidak masuk.');
  assert.equal(r.json.can_rate, false);
  // the requester adds a reply
  r = await request(s.url, 'POST', `${path}/replies`, { body: { body: 'User ID saya budi.cvmaju' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.messages.length, 2);
  // rating before closing is refused
  r = await request(s.url, 'POST', `${path}/rating`, { body: { score: 5 } });
  assert.equal(r.status, 409);
  // the helpdesk answers in the thread and walks the case to its end
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/portal`, { token: helpdesk, body: { body: 'Kata sandi sudah kami atur ulang; cek e-mail Anda.' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.messages[2].author, 'staff');
  assert.equal(q1("SELECT count(*) FROM outbox WHERE to_addr='budi@cvmaju.co.id'"), '2');
  const replyMail = sqlite(db(), "SELECT body FROM outbox WHERE to_addr='budi@cvmaju.co.id' ORDER BY id DESC LIMIT 1").stdout;
  assert.ok(replyMail.includes(`${s.url}/portal/lacak?number=${number}`), replyMail);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  // the requester is told it is closed, with the page where the rating is given
  const closedMail = sqlite(db(), "SELECT subject || '|' || body FROM outbox WHERE to_addr='budi@cvmaju.co.id' ORDER BY id DESC LIMIT 1").stdout;
  assert.match(closedMail, new RegExp(`^Tiket ${number} selesai: Lupa kata sandi akun penyedia\\|`));
  assert.ok(closedMail.includes(`/portal/lacak?number=${number}`), 'the tracking page with the number filled in');
  assert.match(closedMail, /penilaian/);
  r = await request(s.url, 'GET', path);
  assert.equal(r.json.status, 'closed');
  assert.equal(r.json.can_rate, true);
  assert.equal(r.json.steps.length, 3);
  assert.equal(r.json.messages[2].body, 'Kata sandi sudah kami atur ulang; cek e-mail Anda.');
  // a reply to a closed ticket would go unread: refused, the ticket is reopened first
  const late = await request(s.url, 'POST', `${path}/replies`, { body: { body: 'Terima kasih' } });
  assert.equal(late.status, 409, late.text);
  assert.match(late.json.error.message, /buka kembali|reopen/i);
  const tpage = await (await fetch(`${s.url}/portal/t/${token}`)).text();
  assert.ok(!tpage.includes('/balas"'), 'no reply form on a closed ticket');
  assert.ok(tpage.includes('/buka"'), 'the reopen button instead');
  // rate once
  assert.equal((await request(s.url, 'POST', `${path}/rating`, { body: { score: 6 } })).json.error.field, 'score');
  r = await request(s.url, 'POST', `${path}/rating`, { body: { score: 5, comment: 'Cepat dan jelas' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rating, { score: 5, comment: 'Cepat dan jelas' });
  assert.equal((await request(s.url, 'POST', `${path}/rating`, { body: { score: 1 } })).status, 409);
  const staffView = await request(s.url, 'GET', `/api/v1/cases/${number}/portal`, { token: piket });
  assert.equal(staffView.json.rating.score, 5);
  assert.equal(staffView.json.phone, '+6281234567890');
  // reopen: the last step starts again; the rating was the first closing's (history now)
  r = await request(s.url, 'POST', `${path}/reopen`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.rating, null, 'the rating belonged to the closing before');
  assert.equal(r.json.can_rate, false);
  // the same reopen posted again (a double click, a retry): answered with the ticket as it is, nothing written
  const audits = q1('SELECT count(*) FROM audit'), steps = q1(`SELECT count(*) FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${number}'`);
  const again = await request(s.url, 'POST', `${path}/reopen`);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json, r.json);
  assert.equal(q1('SELECT count(*) FROM audit'), audits, 'no second audit row');
  assert.equal(q1(`SELECT count(*) FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${number}'`), steps, 'no second reopen');
  // closed again: the new closing is rated; the staff see both ratings, the recap counts the case once (its last)
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  r = await request(s.url, 'GET', path);
  assert.equal(r.json.can_rate, true);
  assert.equal(r.json.rating, null);
  const recapOf = async () => {
    const x = await request(s.url, 'GET', '/api/v1/reports/recaps/penilaian?from=2026-01-01&to=2026-01-31', { token: admin });
    assert.equal(x.status, 200, x.text);
    return x.json.total;
  };
  const before = await recapOf();
  r = await request(s.url, 'POST', `${path}/rating`, { body: { score: 3, comment: 'Baru selesai setelah dibuka lagi' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rating, { score: 3, comment: 'Baru selesai setelah dibuka lagi' });
  assert.equal((await request(s.url, 'POST', `${path}/rating`, { body: { score: 4 } })).status, 409, 'once per closing');
  const staffAfter = (await request(s.url, 'GET', `/api/v1/cases/${number}/portal`, { token: piket })).json;
  assert.equal(staffAfter.rating.score, 3);
  assert.deepEqual(staffAfter.ratings.map((g) => g.score), [5, 3]);
  // columns: all, then 5 down to 1: the case counted once, with its last rating (the 5 became a 3)
  const after = await recapOf();
  assert.deepEqual(after, [before[0], before[1] - 1, before[2], before[3] + 1, before[4], before[5]], `${before} -> ${after}`);
  const actions = q1(`SELECT group_concat(action, ' ') FROM (SELECT action FROM audit WHERE object='case:${number}' AND action LIKE 'portal.%' ORDER BY id)`);
  assert.equal(actions, 'portal.submit portal.reply portal.answer portal.rate portal.rate');
  assert.equal((await request(s.url, 'GET', '/api/v1/portal/tickets/' + '0'.repeat(64))).status, 404);
});

test('a case the desk opened (a phone call) is followed from the portal with its number and the caller\'s phone or e-mail', async () => {
  const r = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tidak bisa unggah dokumen', requester: { name: 'Rudi', phone: '081355556666', email: 'rudi@example.co.id' } } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  let t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: '+62 813-5555-6666' } });
  assert.equal(t.status, 200, t.text);
  const seen = await request(s.url, 'GET', `/api/v1/portal/tickets/${t.json.token}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json.number, number);
  t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: ` ${number.toLowerCase()} `, contact: 'RUDI@example.co.id' } });
  assert.equal(t.status, 200, 'the e-mail too, the number as typed in small letters, and the ticket made once');
  assert.equal(t.json.number, number, 'the answer gives the number as the ticket is numbered, not as typed');
  assert.equal(q1(`SELECT count(*) FROM portal_ticket WHERE number='${number}'`), '1');
  assert.equal(seen.json.created_at, r.json.opened_at, 'submitted when the desk opened it');
  // the phone answered within 10 seconds: the page gives that step's times to the second, the others to the minute
  const st = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token: helpdesk, body: { outcome: 'done' } });
  assert.equal(st.status, 200, st.text);
  const page = await (await fetch(`${s.url}/portal/t/${t.json.token}`)).text();
  assert.match(page, /Mulai 5 Januari 2026, 09\.00 WIB · Selesai 5 Januari 2026, 09\.00 WIB<\/span><\/li>/, 'step 1 (no standard) to the minute');
  assert.match(page, /Mulai 5 Januari 2026, 09\.00\.00 WIB · masih berjalan<\/span><br><span class="muted step-standard">[^<]*10 detik[^<]* · diharapkan selesai 5 Januari 2026, 09\.00\.10 WIB<\/span>/);
});

test('a case the desk opened, followed from the portal in English, is answered by e-mail in English: the language is the one the requester chose there', async () => {
  const r = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Upload fails', requester: { name: 'Tom', phone: '081366667777', email: 'tom@example.co.id' } } });
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  const t = await request(s.url, 'POST', '/api/v1/portal/track?lang=en', { body: { number, contact: 'tom@example.co.id' } });
  assert.equal(t.status, 200, t.text);
  assert.equal(q1(`SELECT lang FROM portal_ticket WHERE number='${number}'`), 'en');
  // tracked again in Indonesian: the ticket made once keeps the language chosen then
  assert.equal((await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: '081366667777' } })).status, 200);
  assert.equal(q1(`SELECT lang FROM portal_ticket WHERE number='${number}'`), 'en');
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/portal`, { token: helpdesk, body: { body: 'Please try again now.' } })).status, 201);
  const m = sqlite(db(), `SELECT subject FROM outbox WHERE to_addr='tom@example.co.id' ORDER BY id`).stdout.trim().split('\n');
  assert.deepEqual(m, [`Reply to ticket ${number}: Upload fails`]);
  // one the desk opened, tracked without a language chosen: the office's (Indonesian), as before
  const r2 = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Unggah gagal', requester: { name: 'Tono', phone: '081366668888' } } });
  assert.equal((await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: r2.json.number, contact: '081366668888' } })).status, 200);
  assert.equal(q1(`SELECT lang FROM portal_ticket WHERE number='${r2.json.number}'`), 'id');
});

test('a finished bidding-room visit is followed from the portal but not reopened from it (only help desk questions are)', async () => {
  const v = await request(s.url, 'POST', '/api/v1/bidding-room', { token: helpdesk, body: { name: 'Yanto', organisation: 'CV Yanto', phone: '081277778888' } });
  assert.equal(v.status, 201, v.text);
  const number = v.json.case.number;
  for (const [no, outcome] of [[3, 'no'], [4, 'no']]) {
    const st = await request(s.url, 'POST', `/api/v1/bidding-room/${number}/steps/${no}`, { token: helpdesk, body: { outcome } });
    assert.equal(st.status, 200, st.text);
  }
  const t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: '0812-7777-8888' } });
  assert.equal(t.status, 200, t.text);
  const seen = await request(s.url, 'GET', `/api/v1/portal/tickets/${t.json.token}`);
  assert.equal(seen.json.status, 'closed');
  assert.equal(seen.json.can_reopen, false);
  const re = await request(s.url, 'POST', `/api/v1/portal/tickets/${t.json.token}/reopen`);
  assert.equal(re.status, 409, re.text);
  assert.equal(re.json.error.field, 'status');
});

test('tracking: number + e-mail or phone; a wrong e-mail is refused, then throttled with Retry-After', async () => {
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Siti Aminah', email: 'siti@example.co.id', phone: '+62 811 2233 4455', subject: 'Jadwal lelang', description: 'Kapan jadwal pembukaan penawaran?' } });
  assert.equal(r.status, 201);
  const number = r.json.number;
  let t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'SITI@example.co.id' } });
  assert.equal(t.status, 200, t.text);
  assert.match(t.json.token, /^[0-9a-f]{64}$/);
  assert.notEqual(t.json.token, r.json.token);
  assert.equal((await request(s.url, 'GET', `/api/v1/portal/tickets/${t.json.token}`)).json.number, number);
  t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: '0811-2233-4455' } });
  assert.equal(t.status, 200, 'the phone in another writing');
  for (let i = 0; i < 3; i++) {
    t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'orang.lain@example.co.id' } });
    assert.equal(t.status, 404, `wrong guess ${i + 1}`);
    assert.equal(t.json.error.code, 'not_found');
  }
  // the clock is frozen: the fourth try comes within the wait, even with the right e-mail
  t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'siti@example.co.id' } });
  assert.equal(t.status, 429);
  assert.equal(t.headers.get('retry-after'), '1');
  // the form says the same
  const web = await fetch(s.url + '/portal/lacak');
  const cookie = web.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await web.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const form = await fetch(s.url + '/portal/lacak', { method: 'POST', redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams({ csrf, number, contact: 'siti@example.co.id' }).toString() });
  assert.equal(form.status, 429);
  assert.match(await form.text(), /Terlalu banyak percobaan salah/);
  assert.equal(q1("SELECT count(*) FROM audit WHERE action='portal.track_failed'"), '3');
});

test('abuse guards: the honeypot is refused, fields are checked, submissions are limited per address', async () => {
  const base = { name: 'Andi', email: 'andi@example.co.id', subject: 'Tanya', description: 'Pertanyaan' };
  const before = q1('SELECT count(*) FROM kasus');
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { ...base, website: 'http://spam.example' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'rejected');
  const bad = [
    [{ ...base, email: undefined }, 'email'],
    [{ ...base, email: 'bukan-email' }, 'email'],
    [{ ...base, email: undefined, phone: '12345' }, 'phone'],
    [{ ...base, name: '' }, 'name'],
    [{ ...base, subject: '' }, 'subject'],
    [{ ...base, description: '' }, 'description'],
    [{ ...base, extra: 1 }, 'extra'],
    [{ ...base, subject: 'Ñ'.repeat(201) }, 'subject'],   // 201 characters
  ];
  for (const [body, field] of bad) {
    r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  assert.equal(q1('SELECT count(*) FROM kasus'), before, 'nothing was opened');
  // 10 submissions a window per address, counting those let in (2 tickets so far): a refused
  // one (a mistyped address, the honeypot) does not use up the requester's hour
  assert.equal(q1("SELECT count FROM portal_guard WHERE kind='submit'"), '2');
  for (let i = 3; i <= 10; i++) {
    // limits count characters, as the messages say: 150 of two bytes each is a subject, 100 of
    // three bytes a name (they were counted in bytes)
    const body = i === 3 ? { ...base, name: 'Ḍ'.repeat(100), subject: 'Ñ'.repeat(150) } : base;
    r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body });
    assert.equal(r.status, 201, `submission ${i} is taken: ${r.text}`);
  }
  const opened = q1('SELECT count(*) FROM kasus');
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: base });
  assert.equal(r.status, 429);
  assert.equal(r.headers.get('retry-after'), '3600');
  assert.equal(q1('SELECT count(*) FROM kasus'), opened, 'the eleventh opened nothing');
  assert.equal(q1("SELECT count FROM portal_guard WHERE kind='submit'"), '10');
});

test('portal pages: the form re-shows errors, refuses the honeypot, takes a file; the staff answer from the case page', async () => {
  const w = await startServer();
  try {
    const jar = new Map();
    const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path) => { const res = await fetch(w.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const send = async (path, form) => { const res = await fetch(w.url + path, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: cookie(), Origin: w.url } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const home = await get('/portal');
    assert.equal(home.status, 200);
    for (const href of ['/portal/faq', '/portal/kirim', '/portal/lacak', '/portal/pelatihan', '/portal/verifikasi', '/portal/akun']) {
      assert.ok(home.text.includes(`href="${href}"`), href);
    }
    const page = await get('/portal/kirim');
    const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    const form = (fields, file) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ csrf, office: 'LPSE', ...fields })) f.append(k, v);
      if (file) f.append('file', new Blob([file.data], { type: file.type }), file.name);
      return f;
    };
    const good = { name: 'Dewi Lestari', email: 'dewi@example.co.id', phone: '', subject: 'Berkas NIB', description: 'Bagaimana mengunggah NIB?', website: '' };
    let r = await send('/portal/kirim', form({ ...good, email: 'dewi@', subject: 'Tetap ada' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /id="email-error">domain setelah @ tidak sah</, 'what is wrong, not a bare "not valid"');
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki isian yang ditandai di bawah\.<\/p>/, 'above the form, not the message without its field');
    assert.match(r.text, /value="Tetap ada"/, 'what was typed is kept');
    assert.doesNotMatch(r.text, /id="file-again"/, 'no file chosen: nothing to choose again');
    // a file chosen with a form refused for another field: a browser fills no file field again, so the page says
    // which file to choose again, not a silent "no file chosen"
    r = await send('/portal/kirim', form({ ...good, email: 'dewi@' }, { name: 'layar.png', type: 'image/png', data: '\x89PNG\r\n\x1a\n' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /<p class="field-error" id="file-again">Pilih lagi berkasnya \(formulir yang ditolak tidak menyimpannya\): layar\.png<\/p>/);
    // three fields wrong: each named under its own field at once, the notice above once, what was typed kept
    r = await send('/portal/kirim', form({ ...good, name: '', email: 'dewi@', description: '', subject: 'Tiga salah' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /<input id="p-name" name="name"[^>]* aria-invalid="true" aria-describedby="name-error">/);
    assert.match(r.text, /id="name-error">Nama wajib diisi</);
    assert.match(r.text, /<input id="p-email" name="email"[^>]* aria-invalid="true" aria-describedby="email-error">/);
    assert.match(r.text, /id="email-error">domain setelah @ tidak sah</);
    assert.match(r.text, /aria-invalid="true" aria-describedby="description-error">/);
    assert.match(r.text, /id="description-error">[^<]+</);
    assert.doesNotMatch(r.text, /id="subject-error"/, 'a right field is not marked');
    assert.equal((r.text.match(/class="notice error"/g) || []).length, 1, 'one notice above the form');
    assert.match(r.text, /<div class="notice error" role="alert"><p>Mohon perbaiki semua isian yang ditandai di bawah\.<\/p>/);
    assert.match(r.text, /value="Tiga salah"/, 'what was typed is kept');
    r = await send('/portal/kirim', form({ ...good, email: '', phone: '0812 34' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /08\.\.\.\)[^<]*8[^<]*12/, 'the phone number: how many digits a mobile number has');
    r = await send('/portal/kirim', form({ ...good, website: 'http://iklan.example' }));
    assert.equal(r.status, 400);
    assert.equal(sqlite(join(w.dir, 'loket.db'), 'SELECT count(*) FROM kasus').stdout.trim(), '0');
    // the file field says what it takes; a file of another type is refused naming what is accepted
    assert.match(page.text, /accept="\.pdf,\.png,[^"]*"/);
    assert.match(page.text, /id="p-file-hint"[^>]*>Yang diterima: PDF, PNG, JPEG[^<]*; paling besar 5 MiB\.</);
    r = await send('/portal/kirim', form(good, { name: 'alat.exe', type: 'application/octet-stream', data: 'MZ\x90\x00\x03\x00\x00\x00\x04\x00' }));
    assert.equal(r.status, 415);
    assert.match(r.text, /Berkas berjenis ini tidak diterima\. Yang diterima: PDF, PNG, JPEG/);
    assert.match(r.text, /value="Berkas NIB"/, 'what was typed is kept');
    assert.doesNotMatch(r.text, /id="file-again"/, 'the file refused is said once, under its own error');
    // the file input names its hint and its error in one aria-describedby (a second one is ignored)
    assert.match(r.text, /<input id="p-file" name="file" type="file" accept="[^"]*" aria-invalid="true" aria-describedby="p-file-hint file-error">/);
    r = await send('/portal/kirim', form(good, { name: 'nib.pdf', type: 'application/pdf', data: '%PDF-1.4\n%%EOF\n' }));
    assert.equal(r.status, 303, r.text);
    const loc = r.headers.get('location');
    assert.match(loc, /^\/portal\/t\/[0-9a-f]{64}\?baru=1$/);
    const t = await get(loc);
    const number = t.text.match(/class="ticket-number">([^<]+)</)[1];
    assert.match(t.text, /nib\.pdf/);
    // a reply with a file from the tracking page
    const csrf2 = t.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    const rf = new FormData();
    rf.append('csrf', csrf2);
    rf.append('body', 'Ini NIB terbaru');
    rf.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'nib-baru.pdf');
    // the reply refused for its text (too long): the text kept, the file named to choose again
    const long = new FormData();
    long.append('csrf', csrf2);
    long.append('body', 'x'.repeat(5001));
    long.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'nib-baru.pdf');
    r = await send(loc.split('?')[0] + '/balas', long);
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /id="body-error"/);
    assert.match(r.text, /id="file-again">Pilih lagi berkasnya \(formulir yang ditolak tidak menyimpannya\): nib-baru\.pdf</);
    r = await send(loc.split('?')[0] + '/balas', rf);
    assert.equal(r.status, 303);
    const rows = sqlite(join(w.dir, 'loket.db'), "SELECT name FROM case_attachment ORDER BY id").stdout.trim().split('\n');
    assert.deepEqual(rows, ['nib.pdf', 'nib-baru.pdf']);
    // the staff see the thread on the case page and answer from it
    const web = await webSession(w.url);
    const cp = await web.get(`/kasus/${number}`);
    assert.match(cp.text, /Masuk melalui portal publik/);
    assert.match(cp.text, /Ini NIB terbaru/);
    assert.match(cp.text, /oleh pemohon \(portal publik\)/, 'who opened it and did step 1, in words');
    assert.doesNotMatch(cp.text, /oleh anonymous/);
    r = await web.post(`/kasus/${number}/portal`, { csrf: web.csrfOf(cp.text), body: 'NIB sudah kami terima.' });
    assert.equal(r.status, 303);
    const t2 = await get(loc.split('?')[0]);
    assert.match(t2.text, /NIB sudah kami terima\./);
    // the requester opens the files of the thread again; a file the staff attached to the case is theirs alone
    const links = [...t2.text.matchAll(/href="(\/portal\/t\/[0-9a-f]{64}\/lampiran\/(\d+))" download>([^<]+)</g)];
    assert.deepEqual(links.map((m) => m[3]), ['nib.pdf', 'nib-baru.pdf']);
    const file = await fetch(w.url + links[1][1]);
    assert.equal(file.status, 200);
    assert.equal(await file.text(), '%PDF-1.4\n%%EOF\n');
    assert.match(file.headers.get('content-disposition'), /nib-baru\.pdf/);
    const staffFile = new FormData();
    staffFile.append('file', new Blob(['%PDF-1.4\n%internal\n%%EOF\n'], { type: 'application/pdf' }), 'catatan-internal.pdf');
    const token = await login(w.url);
    const up = await fetch(`${w.url}/api/v1/cases/${number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: staffFile });
    assert.equal(up.status, 201);
    const staffId = (await up.json()).id;
    const base = links[0][1].replace(/\d+$/, '');
    for (const path of [`${base}${staffId}`, `${base}999`, `${base}abc`, `/portal/t/${'0'.repeat(64)}/lampiran/${links[0][2]}`]) {
      assert.equal((await fetch(w.url + path)).status, 404, path);
    }
    assert.equal(sqlite(join(w.dir, 'loket.db'), "SELECT count(*) FROM outbox WHERE to_addr='dewi@example.co.id'").stdout.trim(), '2');
  } finally {
    await w.stop();
  }
});

test('a portal request cannot choose the address its mail links to (Host header): they use the address Loket is reached at', async () => {
  const { request: raw } = await import('node:http');
  const w = await startServer();
  const body = JSON.stringify({ name: 'Korban', email: 'korban@example.com', subject: 'Tanya', description: 'Tentang jadwal' });
  const u = new URL(w.url);
  const res = await new Promise((resolve, reject) => {
    const q = raw({ host: u.hostname, port: u.port, method: 'POST', path: '/api/v1/portal/tickets',
      headers: { Host: 'lpse-palsu.example', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (r) => {
      let text = '';
      r.on('data', (c) => { text += c; });
      r.on('end', () => resolve({ status: r.statusCode, json: JSON.parse(text) }));
    });
    q.on('error', reject);
    q.end(body);
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  assert.doesNotMatch(res.json.track_url, /palsu/);
  assert.ok(res.json.track_url.startsWith(w.url), res.json.track_url);
  const mail = sqlite(join(w.dir, 'loket.db'), `SELECT body FROM outbox WHERE to_addr='korban@example.com' ORDER BY id DESC LIMIT 1`).stdout;
  await w.stop();
  assert.doesNotMatch(mail, /palsu/);
  assert.match(mail, new RegExp(w.url.replace(/[.]/g, '\\.')));
});

test('portal: a ticket the office cancels — the requester is e-mailed the reason; a case not from the portal mails no one', async () => {
  q1('DELETE FROM portal_guard');   // the earlier tests used up this address's submissions (the clock is frozen)
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Wati', email: 'wati@example.co.id', subject: 'Pertanyaan ganda', description: 'Sama dengan tiket sebelumnya.' } });
  assert.equal(r.status, 201, r.text);
  const before = Number(q1('SELECT count(*) FROM outbox'));
  const c = await request(s.url, 'POST', `/api/v1/cases/${r.json.number}/cancel`, { token: helpdesk, body: { reason: 'Sama dengan tiket LPSE-2026-000001' } });
  assert.equal(c.status, 200, c.text);
  const m = sqlite(db(), "SELECT subject || '|' || body FROM outbox WHERE to_addr='wati@example.co.id' ORDER BY id DESC LIMIT 1").stdout;
  assert.match(m, new RegExp(`^Tiket ${r.json.number} dibatalkan: Pertanyaan ganda\\|`));
  assert.match(m, /Alasan:\s+Sama dengan tiket LPSE-2026-000001/);
  assert.equal(Number(q1('SELECT count(*) FROM outbox')), before + 1);
  // the desk's own case (no portal ticket) closes without a mail to anyone
  const k = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'phone', subject: 'Tanya', requester: { name: 'Rudi', email: 'rudi2@example.co.id' } } });
  assert.equal(k.status, 201, k.text);
  await request(s.url, 'POST', `/api/v1/cases/${k.json.number}/cancel`, { token: helpdesk, body: { reason: 'Salah input' } });
  assert.equal(q1("SELECT count(*) FROM outbox WHERE to_addr='rudi2@example.co.id'"), '0');
});

test('a case with a long subject followed from the portal is still answered and closed: the mail subject is shortened, not refused', async () => {
  // 200 characters (the most a case subject may have), with the quotes and dashes a pasted text brings: over 250 bytes in a subject line
  const subject = 'Gagal unggah “dokumen” – '.repeat(8);
  assert.equal([...subject].length, 200);
  const k = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject, requester: { name: 'Rina', email: 'rina.panjang@example.co.id' } } });
  assert.equal(k.status, 201, k.text);
  const number = k.json.number;
  const t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'rina.panjang@example.co.id' } });
  assert.equal(t.status, 200, t.text);
  const a = await request(s.url, 'POST', `/api/v1/cases/${number}/portal`, { token: helpdesk, body: { body: 'Sudah kami periksa.' } });
  assert.equal(a.status, 201, a.text);   // was 400 "subject must be one line of 1 to 250 characters"
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token: helpdesk, body: { outcome: 'done' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  const done = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'closed');
  const subjects = sqlite(db(), "SELECT subject FROM outbox WHERE to_addr='rina.panjang@example.co.id' ORDER BY id").stdout.trim().split('\n');
  assert.equal(subjects.length, 2, 'the answer and the close');
  assert.ok(subjects[0].startsWith(`Balasan untuk tiket ${number}: Gagal unggah “dokumen”`), subjects[0]);
  assert.ok(subjects[1].startsWith(`Tiket ${number} selesai: Gagal unggah`), subjects[1]);
  for (const x of subjects) {
    assert.ok(Buffer.byteLength(x) <= 250, x);
    assert.ok(x.endsWith('…'), x);
  }
});

test('the portal of an office other than the first keeps that office on every link and form: its requesters are not sent to the first office', async () => {
  const w = await startServer();
  try {
    assert.equal(cli(['office', 'add', 'KAB-JPR', '--name', 'LPSE Kabupaten Jayapura', '--tz', 'WIT', '--data', w.dir]).status, 0);
    const jar = new Map();
    const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path) => { const res = await fetch(w.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const send = async (path, form) => { const res = await fetch(w.url + path, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: cookie(), Origin: w.url } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const href = (html, text) => { const m = html.match(new RegExp(`<a href="([^"]*)"[^>]*>${text}</a>`)); assert.ok(m, text); return m[1].replace(/&amp;/g, '&'); };
    // the requester of Jayapura comes in by the office's own address, then only follows links
    const home = await get('/portal?office=KAB-JPR');
    assert.equal(home.status, 200);
    assert.match(home.text, /<span class="office">LPSE Kabupaten Jayapura</);
    for (const h of ['/portal/faq', '/portal/kirim', '/portal/lacak', '/portal/akun', '/portal/verifikasi', '/portal/pelatihan']) {
      assert.ok(home.text.includes(`href="${h}?office=KAB-JPR"`), h);
    }
    assert.match(home.text, /<a class="brand" href="\/portal\?office=KAB-JPR">/);
    assert.match(home.text, /name="next" value="\/portal\?office=KAB-JPR"/, 'the language switch comes back to this office');
    assert.match(home.text, /<form class="card" method="get" action="\/portal\/faq" role="search"><input type="hidden" name="office" value="KAB-JPR">/,
      'the FAQ search (a GET form) keeps the office');
    const page = await get(href(home.text, 'Ajukan pertanyaan atau laporkan masalah'));
    assert.match(page.text, /<span class="office">LPSE Kabupaten Jayapura</);
    const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    const office = page.text.match(/name="office" value="([^"]*)"/)[1];
    const f = new FormData();
    for (const [k, v] of Object.entries({ csrf, office, name: 'Yosua', email: 'yosua@example.co.id', subject: 'Akun penyedia', description: 'Belum aktif', website: '' })) f.append(k, v);
    const r = await send('/portal/kirim', f);
    assert.equal(r.status, 303, r.text);
    const row = sqlite(join(w.dir, 'loket.db'), "SELECT o.code, k.number FROM kasus k JOIN office o ON o.id=k.office_id").stdout.trim();
    assert.match(row, /^KAB-JPR\|KAB-JPR-\d{4}-\d{6}$/, 'the case is Jayapura\'s');
    const t = await get(r.headers.get('location'));
    assert.match(t.text, /<span class="office">LPSE Kabupaten Jayapura</);
    assert.ok(t.text.includes('href="/portal/kirim?office=KAB-JPR"'), 'the tracking page\'s menu stays with the ticket\'s office');
    // the mail's tracking link opens the tracking form as Jayapura's, the number filled in
    const number = row.split('|')[1];
    const body = sqlite(join(w.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='yosua@example.co.id'").stdout;
    const track = body.match(/http:\/\/\S+\/portal\/lacak\?\S+/)[0];
    assert.equal(new URL(track).search, `?number=${number}&office=KAB-JPR`);
    const tf = await get(new URL(track).pathname + new URL(track).search);
    assert.match(tf.text, /<span class="office">LPSE Kabupaten Jayapura</);
    assert.match(tf.text, new RegExp(`id="t-number" name="number"[^>]*value="${number}"`));
    assert.match(tf.text, /<input type="hidden" name="office" value="KAB-JPR">/);
    // the account request form keeps the office when it comes back with an error
    const ak = await get(href(home.text, 'Permohonan akun SPSE'));
    assert.match(ak.text, /<span class="office">LPSE Kabupaten Jayapura</);
    const af = new URLSearchParams({ csrf: ak.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1], office: 'KAB-JPR', website: '' });
    const back = await fetch(w.url + '/portal/akun', { method: 'POST', body: af, redirect: 'manual', headers: { Cookie: cookie(), Origin: w.url, 'Content-Type': 'application/x-www-form-urlencoded' } });
    const bt = await back.text();
    assert.equal(back.status, 400, bt);
    assert.match(bt, /name="office" value="KAB-JPR"/, 'the corrected request still goes to Jayapura');
    // a bare /portal is the first office's, and its links stay bare
    const first = await get('/portal');
    assert.ok(first.text.includes('href="/portal/kirim"'));
    assert.doesNotMatch(first.text, /office=/);
  } finally {
    await w.stop();
  }
});

test('a phone ticket (BTG-017 step 8): the caller\'s mail links to the portal, where the ticket is followed with its number and the e-mail', async () => {
  const st = await request(s.url, 'GET', '/api/v1/phone/stamp', { token: helpdesk });
  const call = await request(s.url, 'POST', '/api/v1/phone/calls', { token: helpdesk, body: { stamp: st.json.stamp } });
  assert.equal(call.status, 201, call.text);
  const fin = await request(s.url, 'POST', `/api/v1/phone/calls/${call.json.id}/finish`, { token: helpdesk, body: {
    requester: { name: 'Agus Salim', email: 'agus.telepon@example.co.id' }, question: 'Tidak bisa masuk ke SPSE sejak kemarin' } });
  assert.equal(fin.status, 200, fin.text);
  const ticket = fin.json.ticket;
  const body = sqlite(db(), "SELECT body FROM outbox WHERE to_addr='agus.telepon@example.co.id'").stdout;
  const link = (body.match(/(http:\/\/\S+\/portal\/lacak\?number=\S+)/) || [])[1];
  assert.ok(link, body);
  assert.equal(link, `${s.url}/portal/lacak?number=${ticket}`);
  const page = await (await fetch(link)).text();
  assert.match(page, new RegExp(`id="t-number" name="number"[^>]*value="${ticket}"`), 'the number is filled in');
  const t = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: ticket, contact: 'agus.telepon@example.co.id' } });
  assert.equal(t.status, 200, t.text);
});

test('a ticket sent through the API with ?office=CODE goes to that office (not the first); a body naming another office is 400; an unknown one 404', async () => {
  const w = await startServer();
  try {
    assert.equal(cli(['office', 'add', 'KAB-JPR', '--name', 'LPSE Kabupaten Jayapura', '--tz', 'WIT', '--data', w.dir]).status, 0);
    const body = { name: 'Yosua', email: 'yosua@example.co.id', subject: 'Akun penyedia', description: 'Belum aktif' };
    let r = await request(w.url, 'POST', '/api/v1/portal/tickets?office=KAB-JPR', { body });
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.number, /^KAB-JPR-\d{4}-\d{6}$/);
    r = await request(w.url, 'POST', '/api/v1/portal/tickets?office=KAB-JPR', { body: { ...body, office: 'LPSE' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'office');
    r = await request(w.url, 'POST', '/api/v1/portal/tickets?office=TIDAK-ADA', { body });
    assert.equal(r.status, 404, r.text);
    assert.equal(r.json.error.field, 'office');
    r = await request(w.url, 'POST', '/api/v1/portal/tickets', { body: { ...body, office: 'KAB-JPR' } });
    assert.match(r.json.number, /^KAB-JPR-/);
    const rows = sqlite(join(w.dir, 'loket.db'), "SELECT o.code FROM kasus k JOIN office o ON o.id=k.office_id ORDER BY k.id").stdout.trim().split('\n');
    assert.deepEqual(rows, ['KAB-JPR', 'KAB-JPR']);
  } finally {
    await w.stop();
  }
});

test('an article\'s revisions and a case\'s articles take no query parameter but lang: another is 400 naming it', async () => {
  const c = await request(s.url, 'POST', '/api/v1/cases', { token: helpdesk, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'phone', subject: 'Tanya', requester: { name: 'Ani' } } });
  assert.equal(c.status, 201, c.text);
  for (const path of [`/api/v1/kb/${ids.password}/revisions`, `/api/v1/cases/${c.json.number}/kb`]) {
    let r = await request(s.url, 'GET', `${path}?limit=5`, { token: piket });
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, 'limit');
    r = await request(s.url, 'GET', `${path}?lang=en`, { token: piket });
    assert.equal(r.status, 200, `${path}: ${r.text}`);
  }
});

test('PATCH of an article: a status given as null or "" is 400 naming status (an article always has one), nothing changed', async () => {
  const before = (await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: helpdesk })).json;
  for (const status of [null, '']) {
    const r = await request(s.url, 'PATCH', `/api/v1/kb/${ids.password}`, { token: helpdesk, body: { status, category: 'Lain' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'status');
  }
  // with a title too long and tags not texts (the JSON layer): all three in one answer
  const r = await request(s.url, 'PATCH', `/api/v1/kb/${ids.password}`, { token: helpdesk, body: { status: '', title: 't'.repeat(401), tags: [1] } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['status', 'tags', 'title'], r.text);
  const after = (await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: helpdesk })).json;
  assert.equal(after.revision, before.revision);
  assert.equal(after.category, before.category);
});

test('an article created or changed through the API names every wrong field at once: a value missing or too long with what the article\'s check finds', async () => {
  const count = q1('SELECT count(*) FROM kb_article');
  // create: body absent and category too long (the JSON layer), a title too long, a status not known, 13 tags (the check)
  let r = await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: {
    title: 'T'.repeat(201), category: 'C'.repeat(129), status: 'hapus', tags: 'a,b,c,d,e,f,g,h,i,j,k,l,m' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'body', r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['body', 'category', 'status', 'tags', 'title'], r.text);
  assert.equal(q1('SELECT count(*) FROM kb_article'), count, 'nothing written');
  // change: status null and body_en too long (the JSON layer), the title and category the check refuses
  const before = (await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: helpdesk })).json;
  r = await request(s.url, 'PATCH', `/api/v1/kb/${ids.password}`, { token: helpdesk, body: {
    status: null, body_en: 'x'.repeat(40001), title: 'T'.repeat(201), category: 'C'.repeat(65) } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'body_en', r.text);   // the JSON layer's first, as before
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['body_en', 'category', 'status', 'title'], r.text);
  const after = (await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: helpdesk })).json;
  assert.equal(after.revision, before.revision);
  assert.equal(after.title, before.title);
  // an article not there: the body's problems said as before
  r = await request(s.url, 'PATCH', '/api/v1/kb/999999', { token: helpdesk, body: { status: null, title: 'T'.repeat(201) } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual((r.json.error.fields || [r.json.error]).map((f) => f.field), ['status'], r.text);
});

test('portal pages keep what the person typed when refused (the tracking contact, a reply whose file is refused, a rating\'s comment); an empty thread says so', async () => {
  const w = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  try {
    const jar = new Map();
    const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path) => { const res = await fetch(w.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const send = async (path, body) => { const res = await fetch(w.url + path, { method: 'POST', body, redirect: 'manual', headers: { Cookie: cookie(), Origin: w.url } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const fields = (o, file) => { const f = new FormData(); for (const [k, v] of Object.entries(o)) f.append(k, v); if (file) f.append('file', new Blob([file.data], { type: file.type }), file.name); return f; };
    const csrf = (await get('/portal/kirim')).text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    let r = await send('/portal/kirim', fields({ csrf, office: 'LPSE', name: 'Rina Wati', email: 'rina@cvsejahtera.co.id', subject: 'NIB belum terbaca', description: 'NIB kami tidak terbaca di SPSE.' }));
    assert.equal(r.status, 303, r.text);
    const path = r.headers.get('location').split('?')[0];
    const made = await get(r.headers.get('location'));
    const number = made.text.match(/id="ticket-number">([^<]+)</)[1];
    // the confirmation says what happens next, and where the private link went
    assert.match(made.text, /<p id="next">Helpdesk akan menjawab di halaman ini; Anda akan diberi tahu lewat e-mail\.<\/p><p>Simpan tautan pribadi ini untuk mengikuti tiket \(juga dikirim ke e-mail Anda\):/);
    // a requester who gave only a phone is not told the link went to an e-mail
    r = await send('/portal/kirim', fields({ csrf, office: 'LPSE', name: 'Joko', phone: '081377778888', subject: 'Jadwal', description: 'Kapan jadwal pelatihan?' }));
    assert.equal(r.status, 303, r.text);
    const byPhone = await get(r.headers.get('location'));
    assert.doesNotMatch(byPhone.text, /dikirim ke e-mail Anda/);
    assert.match(byPhone.text, /<p id="next">Helpdesk akan menjawab di halaman ini: buka kembali nanti untuk membaca jawabannya\.<\/p><p>Simpan tautan pribadi ini untuk mengikuti tiket \(tautan ini tidak dikirim ke mana pun karena Anda tidak memberikan e-mail\); tiket juga dapat dilacak dengan nomornya dan nomor telepon Anda:<\/p>/);
    // a wrong contact: both what was typed are shown again, to be corrected
    r = await send('/portal/lacak', new URLSearchParams({ csrf, number, contact: 'rina@cvsejahtra.co.id' }));
    assert.equal(r.status, 404);
    assert.match(r.text, new RegExp(`id="t-number" name="number"[^>]*value="${number}"`));
    assert.match(r.text, /id="t-contact" name="contact"[^>]*value="rina@cvsejahtra\.co\.id"/, 'the contact typed is kept');
    // a reply whose file is refused keeps the reply
    r = await send(`${path}/balas`, fields({ csrf, body: 'Berikut NIB kami: 9120001234567.' }, { name: 'alat.exe', type: 'application/octet-stream', data: 'MZ\x90\x00\x03\x00\x00\x00' }));
    assert.equal(r.status, 415);
    assert.match(r.text, /<textarea id="r-body" name="body"[^>]*>Berikut NIB kami: 9120001234567\.<\/textarea>/);
    assert.match(r.text, /<input id="r-file" name="file" type="file" accept="[^"]*" aria-invalid="true" aria-describedby="r-file-hint file-error">/);
    assert.doesNotMatch(r.text, /id="no-messages"/, 'the thread has the question');
    // closed: a rating without a score keeps the comment
    const token = await login(w.url);
    assert.equal((await request(w.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token, body: { outcome: 'yes' } })).status, 200);
    assert.equal((await request(w.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token, body: { outcome: 'done' } })).json.status, 'closed');
    r = await send(`${path}/nilai`, new URLSearchParams({ csrf, comment: 'Cepat, terima kasih' }));
    assert.equal(r.status, 400);
    assert.match(r.text, /id="score-error">/);
    assert.match(r.text, /<textarea id="rate-comment" name="comment"[^>]*>Cepat, terima kasih<\/textarea>/);
    // a case the desk opened, followed from the portal, has no message yet: the thread says so
    const c = await request(w.url, 'POST', '/api/v1/cases', { token, body: {
      sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Unggah dokumen', requester: { name: 'Rudi', phone: '081355556666' } } });
    assert.equal(c.status, 201, c.text);
    r = await send('/portal/lacak', new URLSearchParams({ csrf, number: c.json.number, contact: '081355556666' }));
    assert.equal(r.status, 303, r.text);
    const empty = await get(r.headers.get('location'));
    assert.match(empty.text, /<div class="thread"><p class="muted" id="no-messages">Belum ada pesan tentang tiket ini<\/p><\/div>/);
  } finally {
    await w.stop();
  }
});

test('every public portal page carries the one portal menu (trainings and verification booking included), its office kept, in both languages', async () => {
  const w = await startServer();
  try {
    assert.equal(cli(['office', 'add', 'KAB-JPR', '--name', 'LPSE Kabupaten Jayapura', '--tz', 'WIT', '--data', w.dir]).status, 0);
    const pages = ['/portal', '/portal/faq', '/portal/kirim', '/portal/lacak', '/portal/pelatihan', '/portal/verifikasi', '/portal/akun'];
    const words = {
      id: ['Beranda portal', 'FAQ', 'Ajukan pertanyaan', 'Lacak tiket', 'Pelatihan', 'Jadwal verifikasi', 'Permohonan akun SPSE'],
      en: ['Portal home', 'FAQ', 'Ask a question', 'Track a ticket', 'Trainings', 'Verification booking', 'Request an SPSE account'],
    };
    for (const lang of ['id', 'en']) {
      for (const [suffix, sep] of [['?office=KAB-JPR', '?'], ['', '']]) {
        const navs = [];
        for (const p of pages) {
          const res = await fetch(`${w.url}${p}${suffix}`, { headers: { Cookie: `loket_lang=${lang}` } });
          const html = await res.text();
          assert.equal(res.status, 200, `${p} ${html}`);
          const found = html.match(/<nav class="portal"[^>]*>.*?<\/nav>/g) || [];
          assert.equal(found.length, 1, `${p}: one portal menu`);
          const links = [...found[0].matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g)];
          assert.deepEqual(links.map((m) => m[1]), pages.map((h) => `${h}${suffix}`), `${p}: every link, the office kept`);
          assert.deepEqual(links.map((m) => m[3]), words[lang], `${p} ${lang}`);
          assert.deepEqual(links.filter((m) => m[2]).map((m) => m[1]), [`${p}${suffix}`], `${p}: itself marked`);
          navs.push(found[0].replace(/ aria-current="page"/, ''));
        }
        assert.equal(new Set(navs).size, 1, 'the same menu on every page');
        if (!sep) assert.doesNotMatch(navs[0], /office=/, 'the first office\'s links stay bare');
      }
    }
    // a page under a portal section marks it (a ticket's error page too carries the menu)
    const gone = await fetch(`${w.url}/portal/t/${'0'.repeat(64)}`);
    assert.equal(gone.status, 404);
    assert.match(await gone.text(), /<nav class="portal" aria-label="Menu portal">/);
  } finally {
    await w.stop();
  }
});

test('the language switch keeps the page\'s query (a search, a new ticket\'s box, the office) but lang, encoded: a crafted query injects nothing', async () => {
  const w = await startServer();
  try {
    assert.equal(cli(['office', 'add', 'KAB-JPR', '--name', 'LPSE Kabupaten Jayapura', '--tz', 'WIT', '--data', w.dir]).status, 0);
    const jar = new Map();
    const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path) => { const res = await fetch(w.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const send = async (path, form) => { const res = await fetch(w.url + path, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: cookie(), Origin: w.url } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const next = (html) => { const m = html.match(/<form class="lang" method="post" action="\/bahasa"><input type="hidden" name="csrf" value="[0-9a-f]{64}"><input type="hidden" name="next" value="([^"]*)">/); assert.ok(m, html); return m[1]; };
    const unhtml = (z) => z.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const csrfOf = (html) => html.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    // the question form's search: kept; lang itself dropped
    let r = await get('/portal/kirim?q=akun%20saya%20terkunci&lang=id');
    assert.equal(r.status, 200);
    assert.equal(next(r.text), '/portal/kirim?q=akun%20saya%20terkunci');
    let sw = await send('/bahasa', new URLSearchParams({ csrf: csrfOf(r.text), lang: 'en', next: unhtml(next(r.text)) }));
    assert.equal(sw.status, 303);
    assert.equal(sw.headers.get('location'), '/portal/kirim?q=akun%20saya%20terkunci');
    r = await get(sw.headers.get('location'));
    assert.match(r.text, /<input id="faq-q" name="q" type="search" value="akun saya terkunci"/, 'the search is still there, in English');
    assert.match(r.text, /<html lang="en">/);
    // a crafted query: re-encoded, then escaped; nothing of it reaches the page raw
    r = await get('/portal/faq?office=KAB-JPR&q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&x=a%26lang%3Did%23y');
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.equal(next(r.text), '/portal/faq?office=KAB-JPR&amp;q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;x=a%26lang%3Did%23y');
    // the office posted with a refused form (not in the query) is kept too
    const f = new FormData();
    for (const [k, v] of Object.entries({ csrf: csrfOf(r.text), office: 'KAB-JPR', name: '', email: 'a@contoh.co.id', subject: 'x', description: 'y', website: '' })) f.append(k, v);
    r = await send('/portal/kirim', f);
    assert.equal(r.status, 400, r.text);
    assert.equal(next(r.text), '/portal/kirim?office=KAB-JPR');
    // a new ticket's confirmation (?baru=1): switching the language keeps the box with the number
    const g = new FormData();
    for (const [k, v] of Object.entries({ csrf: csrfOf(r.text), office: 'KAB-JPR', name: 'Yosua', email: 'yosua@example.co.id', subject: 'Akun penyedia', description: 'Belum aktif', website: '' })) g.append(k, v);
    r = await send('/portal/kirim', g);
    assert.equal(r.status, 303, r.text);
    const loc = r.headers.get('location');
    assert.match(loc, /^\/portal\/t\/[0-9a-f]{64}\?baru=1$/);
    r = await get(loc);
    assert.match(r.text, /class="ticket-number"/);
    assert.equal(next(r.text), `${loc}&amp;office=KAB-JPR`);
    sw = await send('/bahasa', new URLSearchParams({ csrf: csrfOf(r.text), lang: 'id', next: unhtml(next(r.text)) }));
    assert.equal(sw.headers.get('location'), `${loc}&office=KAB-JPR`);
    r = await get(sw.headers.get('location'));
    assert.match(r.text, /<html lang="id">/);
    assert.match(r.text, /Pertanyaan Anda telah diterima\. Nomor tiket <strong class="ticket-number">KAB-JPR-/);
  } finally {
    await w.stop();
  }
});

test('an article with several wrong fields names each at once: "fields" in the API, each marked under its field on the page', async () => {
  const r = await request(s.url, 'POST', '/api/v1/kb?lang=en', { token: helpdesk, body: { title: 'T'.repeat(201), body: 'x', category: 'C'.repeat(65), status: 'hapus' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['category', 'status', 'title'], r.text);
  const web = await webSession(s.url);
  const p = await web.post('/kb', { csrf: web.csrf, title: '', body: '', category: 'C'.repeat(65), status: 'draft' });
  assert.equal(p.status, 400);
  for (const f of ['title', 'body', 'category']) {
    assert.match(p.text, new RegExp(`name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
    assert.match(p.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  }
  assert.match(p.text, /Mohon perbaiki semua isian yang ditandai di bawah/);
  assert.equal(q1("SELECT count(*) FROM kb_article WHERE category LIKE 'CCCC%'"), '0');
});

test('portal: each step of a ticket shows its time standard in words, and the open one when it is due', async () => {
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Rina', email: 'rina@cvmaju.co.id', subject: 'Jadwal lelang', description: 'Kapan jadwal lelang dibuka?' } });
  assert.equal(r.status, 201, r.text);
  const { token } = r.json;
  // the JSON: the standard in words in the asked language, the due time of each step
  let t = (await request(s.url, 'GET', `/api/v1/portal/tickets/${token}`)).json;
  assert.equal(t.steps[1].standard, '10 menit jam kerja');
  assert.equal(t.steps[1].due_at, '2026-01-05T02:10:00Z');    // 09.10 WIB, ten office minutes after 09.00
  t = (await request(s.url, 'GET', `/api/v1/portal/tickets/${token}?lang=en`)).json;
  assert.equal(t.steps[1].standard, '10 minutes of office time');
  // the page: under each step its standard; the open step says by when it is expected
  let page = await (await fetch(`${s.url}/portal/t/${token}`)).text();
  assert.match(page, /<span class="muted step-standard">Waktu standar: 10 menit jam kerja · diharapkan selesai 5 Januari 2026, 09\.10 WIB<\/span>/);
  page = await (await fetch(`${s.url}/portal/t/${token}`, { headers: { Cookie: 'loket_lang=en' } })).text();
  assert.match(page, /Standard time: 10 minutes of office time · expected by 5 January 2026, 09:10 WIB/);
});

test('the tracking form sent with a field left empty names each empty field, keeps what was typed, and counts no wrong guess', async () => {
  const w = await webSession(s.url);
  const page = await w.get('/portal/lacak');
  const csrf = w.csrfOf(page.text);
  const failed = () => q1("SELECT count(*) FROM audit WHERE action='portal.track_failed'");
  const before = failed();
  let r = await w.post('/portal/lacak', { csrf, number: '', contact: '' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /Mohon perbaiki semua isian yang ditandai di bawah\./);
  assert.match(r.text, /name="number"[^>]*aria-invalid="true" aria-describedby="number-error"><p class="field-error" id="number-error">[^<]+<\/p>/);
  assert.match(r.text, /name="contact"[^>]*aria-invalid="true" aria-describedby="contact-error"><p class="hint muted">[^<]+<\/p><p class="field-error" id="contact-error">[^<]+<\/p>/);
  assert.doesNotMatch(r.text, /Tidak ada tiket dengan nomor/);
  r = await w.post('/portal/lacak', { csrf, number: 'LPSE-2026-000001', contact: ' ' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /id="t-number"[^>]*value="LPSE-2026-000001"/);
  assert.match(r.text, /id="contact-error"/);
  assert.doesNotMatch(r.text, /id="number-error"/);
  assert.equal(failed(), before, 'an empty field is not a wrong guess');
});

test('a cancelled ticket\'s page says why, as its mail does, and where to ask again; the step it ended is not called done', async () => {
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Dodi', email: 'dodi@cvmaju.co.id', subject: 'Tanya lagi', description: 'Pertanyaan yang sama.' } });
  assert.equal(r.status, 201, r.text);
  const { number, token } = r.json;
  const c = await request(s.url, 'POST', `/api/v1/cases/${number}/cancel`, { token: helpdesk, body: { reason: 'Sama dengan tiket sebelumnya' } });
  assert.equal(c.status, 200, c.text);
  let page = await (await fetch(`${s.url}/portal/t/${token}`)).text();
  assert.match(page, /<dd id="ticket-status">Dibatalkan<\/dd>/);
  assert.match(page, /<div class="notice info" id="cancelled"><p>Alasan pembatalan: Sama dengan tiket sebelumnya<\/p><p><a href="\/portal\/kirim">Ajukan pertanyaan<\/a><\/p><\/div>/);
  // step 2 was open: the cancelling ended it, it was not done
  const steps = page.match(/<ol class="public-steps">.*?<\/ol>/s)[0].split('<li>');
  assert.match(steps[1], /Selesai /);
  assert.match(steps[2], /· Dibatalkan \d+ Januari 2026/);
  assert.doesNotMatch(steps[2], /Selesai /);
  page = await (await fetch(`${s.url}/portal/t/${token}`, { headers: { Cookie: 'loket_lang=en' } })).text();
  assert.match(page, /Reason for cancelling: Sama dengan tiket sebelumnya/);
  assert.match(page, /· Cancelled \d+ January 2026/);
});

test('a ticket asked in English is answered by e-mail in English: received, the helpdesk\'s reply, closed; one asked in Indonesian stays Indonesian', async () => {
  const mails = (to) => sqlite(db(), `SELECT subject || '|' || body FROM outbox WHERE to_addr='${to}' ORDER BY id`).stdout.trim().split(/\n(?=[^\n|]*\|)/);
  // through the page, with the portal switched to English
  const page = await fetch(`${s.url}/portal/kirim`, { headers: { Cookie: 'loket_lang=en' } });
  const cookie = [...page.headers.getSetCookie().map((c) => c.split(';')[0]), 'loket_lang=en'].join('; ');
  const csrf = (await page.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const fd = new FormData();
  for (const [k, v] of Object.entries({ csrf, office: 'LPSE', name: 'John Smith', email: 'john@example.com', subject: 'Cannot sign in', description: 'My account is locked.', website: '' })) fd.append(k, v);
  const r = await fetch(`${s.url}/portal/kirim`, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: cookie, Origin: s.url } });
  assert.equal(r.status, 303, await r.text());
  const number = q1("SELECT number FROM portal_ticket WHERE email='john@example.com'");
  assert.equal(q1("SELECT lang FROM portal_ticket WHERE email='john@example.com'"), 'en');
  let m = mails('john@example.com');
  assert.equal(m.length, 1);
  assert.match(m[0], new RegExp(`^Ticket ${number}: Cannot sign in\\|Dear John Smith,`));
  assert.match(m[0], /Received: 5 January 2026, 09:00 WIB/);
  assert.match(m[0], /\/portal\/t\/[0-9a-f]{64}/);
  // the helpdesk answers (in its own words), then closes the case
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/portal`, { token: helpdesk, body: { body: 'Your account is unlocked.' } })).status, 201);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  m = mails('john@example.com');
  assert.equal(m.length, 3);
  assert.match(m[1], new RegExp(`^Reply to ticket ${number}: Cannot sign in\\|Dear John Smith,[\\s\\S]*Your account is unlocked\\.`));
  assert.match(m[2], new RegExp(`^Ticket ${number} done: Cannot sign in\\|[\\s\\S]*5 January 2026, 09:00 WIB[\\s\\S]*rate our service`));
  // through the API with ?lang=en too; without it, Indonesian as before
  let t = await request(s.url, 'POST', '/api/v1/portal/tickets?lang=en', { body: { name: 'Jane', email: 'jane@example.com', subject: 'Schedule', description: 'When?' } });
  assert.equal(t.status, 201, t.text);
  assert.match(mails('jane@example.com')[0], /^Ticket LPSE-2026-\d{6}: Schedule\|Dear Jane,/);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${t.json.number}/cancel`, { token: helpdesk, body: { reason: 'Asked twice' } })).status, 200);
  assert.match(mails('jane@example.com')[1], new RegExp(`^Ticket ${t.json.number} cancelled: Schedule\\|[\\s\\S]*Reason:  Asked twice`));
  t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Wati', email: 'wati@example.com', subject: 'Jadwal', description: 'Kapan?' } });
  assert.equal(t.status, 201, t.text);
  assert.match(mails('wati@example.com')[0], /^Tiket LPSE-2026-\d{6}: Jadwal\|Yth\. Wati,/);
});

test('the tracking page says until when a link made by tracking works (the mailed link, none); a refused rating keeps the score chosen and names the comment under it', async () => {
  const w = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  try {
    const token = await login(w.url);
    const t = await request(w.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Rina', email: 'rina@example.co.id', subject: 'Kode billing', description: 'Kedaluwarsa' } });
    assert.equal(t.status, 201, t.text);
    const jar = new Map();
    const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (p) => { const res = await fetch(w.url + p, { headers: { Cookie: cookie() }, redirect: 'manual' }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const post = async (p, f) => { const res = await fetch(w.url + p, { method: 'POST', redirect: 'manual', body: new URLSearchParams(f).toString(),
      headers: { Cookie: cookie(), Origin: w.url, 'Content-Type': 'application/x-www-form-urlencoded' } }); keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
    const csrf = (h) => h.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    // the mailed link does not expire: nothing said
    let page = await get(`/portal/t/${t.json.token}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /id="link-expires"/);
    // tracked by number and e-mail: the page's link lasts two hours, and says so (11.00 WIB, the clock frozen at 09.00)
    const lacak = await get('/portal/lacak');
    const tracked = await post('/portal/lacak', { csrf: csrf(lacak.text), number: t.json.number, contact: 'rina@example.co.id' });
    assert.equal(tracked.status, 303);
    page = await get(tracked.headers.get('location'));
    assert.match(page.text, /id="link-expires"><p>Alamat halaman ini berlaku sampai 5 Januari 2026, 11\.00 WIB\. <a href="\/portal\/lacak">Untuk membuka tiket ini lagi nanti, lacak kembali dengan nomornya dan e-mail atau telepon Anda\.<\/a>/);
    jar.set('loket_lang', 'en');
    assert.match((await get(tracked.headers.get('location'))).text, /This page&#39;s address works until 5 January 2026, 11:00 WIB\. <a href="\/portal\/lacak">To open the ticket later, track it again/);
    jar.delete('loket_lang');
    // closed by the help desk; a rating with a comment over 2000 characters: refused, the score and the comment kept, the comment marked
    assert.equal((await request(w.url, 'POST', `/api/v1/cases/${t.json.number}/steps/2`, { token, body: { outcome: 'yes' } })).status, 200);
    assert.equal((await request(w.url, 'POST', `/api/v1/cases/${t.json.number}/steps/3`, { token, body: { outcome: 'done' } })).json.status, 'closed');
    page = await get(`/portal/t/${t.json.token}`);
    const long = 'panjang '.repeat(260).trim();
    const r = await post(`/portal/t/${t.json.token}/nilai`, { csrf: csrf(page.text), score: '4', comment: long });
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.text, /<input type="radio" name="score" value="4" required checked> 4/);
    assert.doesNotMatch(r.text, /value="[1235]" required checked/);
    assert.match(r.text, /<textarea id="rate-comment" name="comment"[^>]*aria-invalid="true"[^>]*>panjang panjang/);
    assert.match(r.text, /<\/textarea><p class="field-error" id="comment-error">Komentar paling banyak 2000 karakter<\/p>/);
    assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah\./);
    assert.equal((await get(`/portal/t/${t.json.token}`)).text.includes('id="penilaian" method="post"'), true, 'not rated');
  } finally {
    await w.stop();
  }
});

test('a portal question whose name, subject or description is spaces only names each under its own field, as an empty one (not requester.name); an e-mail of spaces only is none given', async () => {
  q1('DELETE FROM portal_guard');   // the earlier tests used up this address's submissions (the clock is frozen)
  const before = q1('SELECT count(*) FROM kasus');
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets?lang=en', { body: { name: '   ', email: 'rina@example.co.id', subject: ' \t ', description: ' \n ' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields, [
    { field: 'name', message: 'Your name is required' },
    { field: 'subject', message: 'The subject is required' },
    { field: 'description', message: 'Describe your question or problem' },
  ]);
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Rina', email: '  ', phone: '  ', subject: 'Tanya', description: 'Pertanyaan' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'email');
  assert.equal(r.json.error.message, 'Isi alamat e-mail atau nomor telepon');
  assert.equal(q1('SELECT count(*) FROM kasus'), before, 'nothing was opened');
  assert.equal(q1("SELECT count(*) FROM portal_guard WHERE kind='submit'"), '0', 'a refused one is not counted');
  // an e-mail of spaces only beside a phone: the phone alone, the ticket without an e-mail
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Rina', email: '   ', phone: '0812-3456-7891', subject: 'Tanya', description: 'Pertanyaan' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(q1(`SELECT email || '|' || phone FROM portal_ticket WHERE number='${r.json.number}'`), '|+6281234567891');
});

test('a reply sent as a form on the API: text of spaces only and no file is refused as an empty one (JSON\'s is too); a field besides body and file is 400 naming it; nothing added', async () => {
  q1('DELETE FROM portal_guard');
  const t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Yanti', email: 'yanti@example.co.id', subject: 'Unggah NIB', description: 'NIB tidak terbaca' } });
  assert.equal(t.status, 201, t.text);
  const messages = () => q1(`SELECT count(*) FROM portal_message m JOIN portal_ticket t ON t.id=m.ticket_id WHERE t.number='${t.json.number}'`);
  const before = messages();
  const send = async (parts) => {
    const fd = new FormData();
    for (const [k, v] of parts) fd.append(k, v);
    const res = await fetch(`${s.url}/api/v1/portal/tickets/${t.json.token}/replies?lang=en`, { method: 'POST', body: fd });
    return { status: res.status, json: await res.json() };
  };
  let r = await send([['body', '   ']]);
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.deepEqual([r.json.error.field, r.json.error.message], ['body', 'Write a reply or choose a file']);
  r = await send([['body', 'NIB saya 1234567890123'], ['nib', '1234567890123']]);
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.deepEqual([r.json.error.field, r.json.error.message], ['nib', 'nib is not a known field']);
  assert.equal(messages(), before, 'nothing added');
  r = await send([['body', 'NIB saya 1234567890123']]);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.messages.at(-1).body, 'NIB saya 1234567890123');
});

test('a question sent through the API with spaces around what was typed is kept without them (as the portal\'s form keeps it): the ticket, its case, its e-mail; tracking with a pasted number and address finds it', async () => {
  q1('DELETE FROM portal_guard');
  const r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: '  Wahyu Pratama ', email: ' wahyu@cvmaju.co.id ', phone: ' 0812-3456-7002 ', subject: '  Akun terkunci  ', description: '\n Akun penyedia terkunci setelah salah kata sandi. \n' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(q1(`SELECT name || '|' || email || '|' || phone FROM portal_ticket WHERE number='${r.json.number}'`), 'Wahyu Pratama|wahyu@cvmaju.co.id|+6281234567002');
  const k = (await request(s.url, 'GET', `/api/v1/cases/${r.json.number}`, { token: admin })).json;
  assert.equal(k.requester.name, 'Wahyu Pratama');
  assert.equal(k.subject, 'Akun terkunci');
  const t = (await request(s.url, 'GET', `/api/v1/portal/tickets/${r.json.token}`)).json;
  assert.equal(t.messages[0].body, 'Akun penyedia terkunci setelah salah kata sandi.');
  assert.match(q1("SELECT body FROM outbox WHERE to_addr='wahyu@cvmaju.co.id'"), /^Yth\. Wahyu Pratama,/);
  const failed = q1("SELECT count(*) FROM audit WHERE action='portal.track_failed'");
  const tr = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: ` ${r.json.number} `, contact: ' wahyu@cvmaju.co.id\t' } });
  assert.equal(tr.status, 200, tr.text);
  assert.equal(tr.json.number, r.json.number);
  assert.equal(q1("SELECT count(*) FROM audit WHERE action='portal.track_failed'"), failed, 'not a wrong guess');
});

test('a ticket escalated to LKPP: the tracking page says so (when, LKPP\'s ticket, waiting, then LKPP\'s answer), not what the office wrote LKPP; both mails link to the tracking page', async () => {
  const mails = (to) => sqlite(db(), `SELECT subject || '|' || body FROM outbox WHERE to_addr='${to}' ORDER BY id`).stdout.trim().split(/\n(?=[^\n|]*\|)/);
  const t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Rudi', email: 'rudi@cvmaju.co.id', subject: 'Unggah penawaran gagal', description: 'Galat 500 saat unggah.' } });
  assert.equal(t.status, 201, t.text);
  const number = t.json.number, page = () => fetch(`${s.url}/portal/t/${t.json.token}`).then((r) => r.text());
  assert.doesNotMatch(await page(), /id="escalations"/, 'not escalated: nothing said');
  const x = await request(s.url, 'POST', `/api/v1/cases/${number}/escalations`, { token: helpdesk, body: {
    title: 'Unggah gagal', application: 'SPSE 4.5', type: 'permasalahan', description: 'CATATAN-DALAM: konfigurasi server kami', external_ticket: 'TTS-2026-0777' } });
  assert.equal(x.status, 201, x.text);
  let p = await page();
  assert.match(p, /<h2>Diteruskan ke Helpdesk LKPP<\/h2><ul class="escalations" id="escalations"><li>Diteruskan pada 5 Januari 2026, 09\.00 WIB · Nomor tiket LKPP: TTS-2026-0777<br><span class="muted">Menunggu jawaban LKPP<\/span><\/li><\/ul>/);
  assert.doesNotMatch(p, /CATATAN-DALAM/, 'what the office wrote LKPP is the staff\'s');
  const track = `${s.url}/portal/lacak?number=${number}`;
  let m = mails('rudi@cvmaju.co.id');
  assert.match(m[1], new RegExp(`^Kasus ${number} diteruskan ke Helpdesk LKPP\\|[\\s\\S]*halaman pelacakan:\\n${track.replace(/[.?]/g, '\\$&')}\\n`));
  assert.doesNotMatch(m[1], /CATATAN-DALAM/);
  const answered = await request(s.url, 'POST', `/api/v1/escalations/${x.json.id}/answer`, { token: admin, body: { answer: 'Sudah diperbaiki di server nasional.' } });
  assert.equal(answered.status, 200, answered.text);
  p = await page();
  assert.match(p, /<br><span class="muted">LKPP menjawab pada 5 Januari 2026, 09\.00 WIB<\/span><p>Sudah diperbaiki di server nasional\.<\/p><\/li>/);
  m = mails('rudi@cvmaju.co.id');
  assert.match(m[2], new RegExp(`^Jawaban LKPP untuk kasus ${number}\\|[\\s\\S]*Sudah diperbaiki[\\s\\S]*halaman\\npelacakan:\\n${track.replace(/[.?]/g, '\\$&')}\\n`));
  // the API's ticket: the same, nothing of what the office wrote LKPP
  const j = await request(s.url, 'GET', `/api/v1/portal/tickets/${t.json.token}`);
  assert.deepEqual(j.json.escalations, [{ at: '2026-01-05T02:00:00Z', lkpp_ticket: 'TTS-2026-0777', lkpp_case: null, status: 'answered',
    answered_at: '2026-01-05T02:00:00Z', answer: 'Sudah diperbaiki di server nasional.' }]);
  assert.doesNotMatch(j.text, /CATATAN-DALAM|Unggah gagal/);
  // in English, as the requester reads it there
  const en = await fetch(`${s.url}/portal/t/${t.json.token}`, { headers: { Cookie: 'loket_lang=en' } }).then((r) => r.text());
  assert.match(en, /<h2>Forwarded to the LKPP Helpdesk<\/h2>[\s\S]*Forwarded on 5 January 2026, 09:00 WIB · LKPP ticket number: TTS-2026-0777<br><span class="muted">LKPP answered on 5 January 2026, 09:00 WIB/);
});

test('"Jawab dengan artikel" on a portal ticket sends the article to its requester (the thread and an e-mail, in the ticket\'s language); a draft is not sent, and the page says so', async () => {
  q1('DELETE FROM portal_guard');   // the earlier tests used up this address's submissions (the clock is frozen)
  const ask = async (email, lang = '') => {
    const r = await request(s.url, 'POST', `/api/v1/portal/tickets${lang}`, { body: {
      name: 'Wulan Sari', email, subject: 'Lupa kata sandi', description: 'Tidak bisa masuk ke SPSE.' } });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const thread = async (token) => (await request(s.url, 'GET', `/api/v1/portal/tickets/${token}`)).json.messages;
  const mails = (to) => sqlite(db(), `SELECT count(*) FROM outbox WHERE to_addr='${to}'`).stdout.trim();
  const pw = (await request(s.url, 'GET', `/api/v1/kb/${ids.password}`, { token: helpdesk })).json;
  assert.equal(pw.status, 'published');
  // through the API: the answer says so (replied); the requester reads the article's title and its
  // address on the public FAQ in the thread, and is e-mailed as for any answer of the help desk
  const id1 = await ask('wulan@example.co.id');
  assert.equal(mails('wulan@example.co.id'), '1');
  let r = await request(s.url, 'POST', `/api/v1/cases/${id1.number}/kb`, { token: helpdesk, body: { article: ids.password } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.replied, true);
  let m = await thread(id1.token);
  assert.equal(m.at(-1).author, 'staff');
  assert.match(m.at(-1).body, /^Jawaban atas pertanyaan Anda ada pada artikel FAQ kami berikut:\n\nLupa kata sandi \(password\) akun SPSE\nhttp:\/\/127\.0\.0\.1:\d+\/portal\/faq\/\d+$/);
  assert.ok(m.at(-1).body.endsWith(`/portal/faq/${ids.password}`));
  assert.equal(mails('wulan@example.co.id'), '2');
  // on the tracking page the address is a link the requester opens; one the requester writes is not
  const link = new RegExp(`<a href="http://127\\.0\\.0\\.1:\\d+/portal/faq/${ids.password}">http://127\\.0\\.0\\.1:\\d+/portal/faq/${ids.password}</a>`);
  assert.equal((await request(s.url, 'POST', `/api/v1/portal/tickets/${id1.token}/replies`, { body: { body: `Lihat juga\nhttp://evil.example/portal/faq/${ids.password}` } })).status, 201);
  const tracking = await fetch(`${s.url}/portal/t/${id1.token}`).then((x) => x.text());
  assert.match(tracking, link);
  assert.match(tracking, /<p>Lihat juga<br>http:\/\/evil\.example\/portal\/faq\/\d+<\/p>/);
  assert.match(sqlite(db(), "SELECT body FROM outbox WHERE to_addr='wulan@example.co.id' ORDER BY id DESC LIMIT 1").stdout, /\/portal\/faq\/\d+/);
  // a draft: linked, but not sent (the portal would not show it to them); replied false
  const draft = (await request(s.url, 'POST', '/api/v1/kb', { token: helpdesk, body: { title: 'Reset kata sandi (draf)', body: 'Belum selesai.' } })).json;
  assert.equal(draft.status, 'draft');
  const id2 = await ask('dimas@example.co.id', '?lang=en');
  const before = (await thread(id2.token)).length;
  r = await request(s.url, 'POST', `/api/v1/cases/${id2.number}/kb`, { token: helpdesk, body: { article: draft.id } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.replied, false);
  assert.equal((await thread(id2.token)).length, before);
  assert.equal(mails('dimas@example.co.id'), '1');
  // from the case page: the officer is told the draft was not sent, then the published one was,
  // in the ticket's language (English: the article's English title)
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  const pg = await web.get(`/kasus/${id2.number}`);
  const again = await web.post(`/kasus/${id2.number}/kb`, { csrf: web.csrfOf(pg.text), article: String(draft.id) });
  assert.equal(again.status, 409);   // once per case
  const posted = await web.post(`/kasus/${id2.number}/kb`, { csrf: web.csrfOf(pg.text), article: String(ids.password) });
  assert.equal(posted.status, 303);
  const shown = await web.get(posted.headers.get('location'));
  assert.match(shown.text, /Kasus ditautkan ke artikel, dan artikel dikirim kepada pemohon melalui portal/);
  m = await thread(id2.token);
  assert.match(m.at(-1).body, /^The answer to your question is in this article of our FAQ:\n\nForgotten password of an SPSE account\nhttp/);
  assert.equal(mails('dimas@example.co.id'), '2');
  // the draft linked to a portal ticket on the page: said that it was not sent
  const id3 = await ask('rudi@example.co.id');
  const pg3 = await web.get(`/kasus/${id3.number}`);
  const d = await web.post(`/kasus/${id3.number}/kb`, { csrf: web.csrfOf(pg3.text), article: String(draft.id) });
  assert.equal(d.status, 303);
  assert.match((await web.get(d.headers.get('location'))).text, /artikel tidak dikirim kepada pemohon: portal hanya menampilkan artikel yang sudah terbit/);
  assert.equal(mails('rudi@example.co.id'), '1');
});
