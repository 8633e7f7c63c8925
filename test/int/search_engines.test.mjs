// Every list's search finds the same rows, in the same order, on SQLite and on PostgreSQL: the case
// list's q (by its trigram index too: the windows at their least, SQLite's index brought up to date
// first), the directory and the phone desk's callers, the six registers, the knowledge base (ranked),
// the users, the accounts and the audit log's action and object filters — with queries of 1, 2 and 3
// or more characters, capitals or not, letters outside ASCII ("é-Katalog", "Désa"), digits and signs
// inside numbers ("LPSE-2026-0001", "01.234.567.8-901.000"). Only capitals A–Z are folded: a letter
// with an accent is found as written, on both engines (PostgreSQL's lower() of the database's locale
// would fold it there alone). On SQLite the answers are checked against what the docs say; with
// LOKET_TEST_DB a second server on SQLite is seeded alike and every answer of the two compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, login, PG, sqlite, waitFor, BIN, ADMIN_PASSWORD } from './lib.mjs';

const ENV = { LOKET_TEST_PARTY_WINDOW: '0', LOKET_TEST_CASE_WINDOW: '1' };
const servers = [];   // {name, s, token}

// A data folder on SQLite whatever LOKET_TEST_DB says (the second engine compared).
function sqliteFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const r = spawnSync(BIN, ['init', '--data', dir], { env: { ...process.env, LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loket init: ${r.stderr}`);
  return dir;
}

// SQLite's trigram indexes holding every case and entry (PostgreSQL's triggers keep them as written).
async function upToDate(dir, pg) {
  if (pg) return;
  const db = join(dir, 'loket.db');
  const top = (t) => Number(sqlite(db, `SELECT coalesce(max(id),0) FROM ${t}`).stdout.trim());
  const [k, p] = [top('kasus'), top('party')];
  await waitFor(() => Number(sqlite(db, 'SELECT upto FROM case_fts_upto').stdout.trim()) >= k
    && Number(sqlite(db, 'SELECT upto FROM party_fts_upto').stdout.trim()) >= p, 15000);
}

// The names, subjects and texts searched: ASCII, capitals, letters with accents, numbers with signs.
const ORGS = ['CV. Mitra Karya', 'PT ABC', 'CV Kreasi Élan', 'PT ÉLAN Sejahtera', 'Koperasi Désa Makmur',
  'PT Sinar Pt', 'UD Ña', 'CV 12 Jaya'];
const SUBJECTS = ['Akun é-Katalog terkunci', 'Dokumen LPSE-2026-0001 hilang', 'NPWP 01.234.567.8-901.000 salah',
  'Pendaftaran DÉSA', 'pt kecil', 'Upload 50% gagal', 'Kata_sandi lupa', 'Nomor 012345678901000'];
const QUERIES = ['a', 'A', 'é', 'É', 'ñ', 'Ñ', '1', '0', '-', '.', '%', '_', 'pt', 'PT', 'Pt', 'cv', 'CV', '12', '26',
  'é-', 'ÉL', 'él', 'Él', 'kat', 'KAT', 'élan', 'ÉLAN', 'Élan', 'elan', 'désa', 'DÉSA', 'Désa', 'desa',
  'katalog', 'é-katalog', 'É-KATALOG', 'e-katalog', 'LPSE-2026-0001', 'lpse-2026-0001', 'lpse 2026 0001',
  '2026-0001', '0001', '01.234.567.8-901.000', '012345678901000', '234.567', '50%', 'kata_sandi', 'kata sandi',
  'budi santoso', 'BUDI', 'sari', 'mitra karya', 'cv. mitra-karya', 'sinar pt', 'ña'];

// Cases whose subject holds a phone, an NPWP or a NIP as the q is written or otherwise, their
// requesters without one, and the cases of the directory's entries with those numbers.
const NUMBERED = [
  ['Telepon 0812-3456-7890 tidak aktif', { name: 'Rahmat' }],
  ['Telepon 081234567890 mati', { name: 'Rahmat' }],
  ['Telepon +62 812 3456 7890 berdering', { name: 'Rahmat' }],
  ['Akun terkunci lagi', { name: 'Wati', phone: '+62 812-3456-7890' }],
  ['NPWP 02.345.678.9-012.000 tidak valid', { name: 'Rahmat' }],
  ['Pendaftaran penyedia baru', { name: 'Joko', org_name: 'CV Pajak Baru', npwp: '023456789012000' }],
  ['NIP 19800101 200501 1 001 salah', { name: 'Rahmat' }],
  ['Mutasi pegawai', { name: 'Ratna', nip: '198001012005011001' }],
  ['NIP 198001012005011001 ganda', { name: 'Rahmat' }],
];
// The queries written as such numbers, each listed by pages of one and two cases too.
const NUMBER_QUERIES = ['0812-3456-7890', '081234567890', '+62 812 3456 7890', '02.345.678.9-012.000',
  '023456789012000', '19800101 200501 1 001', '198001012005011001'];

// The same rows written through the API, in the same order, on a server.
async function seed({ s, token }) {
  const api = async (method, path, body) => {
    const r = await request(s.url, method, path, { token, body });
    assert.ok(r.status === 201 || r.status === 200, `${method} ${path}: ${r.status} ${r.text}`);
    return r.json;
  };
  const users = [['budi', 'Budi Santoso'], ['sari', 'Sari Dewi'], ['desi', 'Désirée Ñoman'], ['pt01', 'PT Operator'],
    ['abe', 'Élan Ab']];
  for (const [username, full_name] of users) {
    await api('POST', '/api/v1/users', { username, full_name, password: 'user-test-password-1', roles: ['helpdesk'] });
  }
  for (const name of ORGS) await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name });
  await api('POST', '/api/v1/directory', { kind: 'person', name: 'Dewi Élan', nip: '198203142006042002', email: 'dewi@elan.example' });
  await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Nomor Pajak', npwp: '01.234.567.8-901.000' });
  // older than the window of one: cases whose subject holds a number the directory keeps, their
  // requesters with none, and the cases of the entries with that number (NUMBERED, oldest first)
  const numbered = [];
  for (const [subject, requester] of NUMBERED) {
    numbered.push((await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, requester })).number);
  }
  await api('POST', `/api/v1/cases/${numbered[1]}/cancel`, { reason: 'Duplikat' });   // a status filter below the window
  const numbers = [];
  for (let i = 0; i < SUBJECTS.length; i++) {
    numbers[i] = (await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: SUBJECTS[i],
      requester: { name: i % 2 ? 'Budi Santoso' : 'Sútrisno Ñ', org_name: ORGS[i % ORGS.length] } })).number;
  }
  const reg = (r, body) => api('POST', `/api/v1/registers/${r}`, body);
  await reg('guest-book', { name: 'Budi Santoso', organisation: 'CV. Mitra Karya', purpose: 'Upload é-Katalog', phone: '0812-3456-7890' });
  await reg('guest-book', { name: 'Désirée', organisation: 'PT ÉLAN Sejahtera', purpose: 'Konsultasi LPSE-2026-0001' });
  await reg('guest-book', { name: 'pt', organisation: 'CV 12', purpose: '50% selesai' });
  await reg('agenda', { letter_no: '027/115/PU/2026', letter_date: '2026-11-18', sender: 'Dinas Désa', subject: 'Permohonan é-Katalog' });
  await reg('agenda', { letter_no: 'LPSE-2026-0001', letter_date: '2026-11-19', sender: 'PT ABC', subject: 'NPWP 01.234.567.8-901.000' });
  await reg('disposition', { case_number: numbers[0], to_role: 'helpdesk', instruction: 'Proses é-Katalog', due_at: '2099-11-25T16:00' });
  await reg('disposition', { case_number: numbers[1], to_user: 'sari', instruction: 'Periksa LPSE-2026-0001', due_at: '2099-11-26T16:00' });
  await reg('consultation', { name: 'Rina', organisation: 'PT Sinar Pt', contact: 'rina@sinar.example', question: 'Bagaimana é-Katalog?', answer: 'Dengan SPSE' });
  await reg('consultation', { name: 'ÉLAN', organisation: 'CV 12 Jaya', contact: '0812-1111-2222', question: 'Kata_sandi 50%?' });
  await reg('handover', { items: 'Surat LPSE-2026-0001\nFotokopi KTP', from_name: 'Andi (Dinas Désa)', to_name: 'Sari (Helpdesk)' });
  await reg('handover', { items: 'NPWP 01.234.567.8-901.000', from_name: 'PT ABC', to_name: 'Budi' });
  await reg('archive', { title: 'Berkas é-Katalog 2015', location: 'Lemari A, rak 2', retain_until: '2099-01-01' });
  await reg('archive', { title: 'LPSE-2026-0001 pendaftaran', location: 'Lemari ÉL', retain_until: '2099-01-01' });
  const kb = [
    ['Lupa kata sandi akun SPSE', 'Buka halaman login, pilih lupa kata sandi. Kata sandi baru dikirim.', ['akun', 'password']],
    ['Akun terkunci', 'Akun terkunci setelah salah kata sandi lima kali; hubungi helpdesk.', ['akun']],
    ['é-Katalog: mendaftar produk', 'Penyedia mendaftarkan produk di é-Katalog versi 6; LPSE-2026-0001 contoh.', ['katalog']],
    ['NPWP penyedia', 'NPWP 01.234.567.8-901.000 ditulis dengan titik dan tanda hubung. Akun penyedia.', ['npwp', 'akun']],
    ['Désa dan kata sandi', 'Pendaftaran akun desa. Kata sandi dan akun, akun lagi.', ['desa']],
  ];
  for (const [title, body, tags] of kb) await api('POST', '/api/v1/kb', { title, body, tags, category: 'Akun', status: 'published' });
}

// Every list's answer to every query, as one object to compare: name → rows (in order).
async function answers({ s, token }) {
  const get = async (path) => {
    const r = await request(s.url, 'GET', path, { token });
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };
  const out = {};
  for (const q of QUERIES) {
    const e = encodeURIComponent(q);
    out[`cases ${q}`] = (await get(`/api/v1/cases?q=${e}`)).cases.map((c) => c.subject);
    out[`cases overdue ${q}`] = (await get(`/api/v1/cases?overdue=1&q=${e}`)).cases.map((c) => c.subject);
    out[`directory ${q}`] = (await get(`/api/v1/directory?q=${e}`)).entries.map((x) => x.name);
    out[`parties ${q}`] = (await get(`/api/v1/parties?q=${e}`)).parties.map((x) => x.name);
    for (const reg of ['guest-book', 'agenda', 'disposition', 'consultation', 'handover', 'archive']) {
      out[`${reg} ${q}`] = (await get(`/api/v1/registers/${reg}?q=${e}`)).entries.map((x) => x.id);
    }
    out[`kb ${q}`] = (await get(`/api/v1/kb?q=${e}`)).articles.map((x) => x.title);
    out[`users ${q}`] = (await get(`/api/v1/users?q=${e}`)).users.map((x) => x.username);
  }
  for (const q of NUMBER_QUERIES) {
    const e = encodeURIComponent(q);
    out[`cases ${q}`] = (await get(`/api/v1/cases?q=${e}`)).cases.map((c) => c.subject);
    for (const limit of [1, 2]) {
      const pages = [];
      for (let before = '', i = 0; i < 10; i++) {
        const r = await get(`/api/v1/cases?q=${e}&limit=${limit}${before ? `&before=${before}` : ''}`);
        pages.push(r.cases.map((c) => c.subject));
        if (r.next_before == null) break;
        before = r.next_before;
      }
      out[`cases ${q} by ${limit}`] = pages;
    }
    out[`cases ${q} cancelled`] = (await get(`/api/v1/cases?q=${e}&status=cancelled`)).cases.map((c) => c.subject);
    out[`cases ${q} open`] = (await get(`/api/v1/cases?q=${e}&status=open`)).cases.map((c) => c.subject);
    out[`cases ${q} other sop`] = (await get(`/api/v1/cases?q=${e}&sop=SOP-LPSE.BTG-019`)).cases.map((c) => c.subject);
  }
  for (const action of ['user.create', 'USER.create', 'User.*', 'user.*', 'kb.', 'KB.', 'register.create']) {
    out[`audit action ${action}`] = (await get(`/api/v1/audit?action=${encodeURIComponent(action)}&limit=1000`))
      .rows.filter((x) => x.office_id).map((x) => `${x.action} ${x.object}`);
  }
  for (const object of ['user:2:budi', 'USER:2:budi', 'user:*', 'User:*', 'kb:*']) {
    out[`audit object ${object}`] = (await get(`/api/v1/audit?object=${encodeURIComponent(object)}&limit=1000`))
      .rows.filter((x) => x.office_id).map((x) => `${x.action} ${x.object}`);
  }
  return out;
}

let got = [];
before(async () => {
  const engines = PG ? [['postgresql', undefined], ['sqlite', sqliteFolder()]] : [['sqlite', undefined]];
  for (const [name, dir] of engines) {
    const s = await startServer({ dir, env: ENV });
    servers.push({ name, s, token: await login(s.url) });
  }
  for (const x of servers) {
    await seed(x);
    await upToDate(x.s.dir, x.name === 'postgresql');
  }
  got = [];
  for (const x of servers) got.push(await answers(x));
});
after(async () => { for (const x of servers) await x.s.stop(); });

test('the searches find what the docs say: A-Z folded, accented letters as written, numbers with their signs', () => {
  const a = got[0];
  const has = (key, want) => assert.deepEqual(a[key], want, key);
  // one letter or two (by the scan), capitals of A-Z folded, a letter with a mark as written
  assert.deepEqual(a['cases pt'], a['cases PT']);
  assert.ok(a['cases pt'].includes('pt kecil') && a['cases pt'].includes('Upload 50% gagal'), 'by the organisation PT …');
  has('cases é', ['pt kecil', 'Akun é-Katalog terkunci']);   // "Koperasi Désa Makmur"'s case, and the subject
  has('cases É', ['Pendaftaran DÉSA', 'NPWP 01.234.567.8-901.000 salah']);
  has('cases %', ['Upload 50% gagal']);
  has('cases _', ['Kata_sandi lupa']);
  // three or more (by the index beyond the window of one case): the same rule
  has('cases élan', []);
  has('cases ÉLAN', ['Pendaftaran DÉSA', 'NPWP 01.234.567.8-901.000 salah']);
  assert.deepEqual(a['cases Élan'], a['cases ÉLAN']);
  has('cases désa', ['pt kecil']);
  has('cases DÉSA', ['Pendaftaran DÉSA']);
  has('cases é-katalog', ['Akun é-Katalog terkunci']);
  has('cases É-KATALOG', []);
  has('cases e-katalog', []);
  has('cases LPSE-2026-0001', ['Dokumen LPSE-2026-0001 hilang']);
  has('cases lpse 2026 0001', ['Dokumen LPSE-2026-0001 hilang']);
  assert.ok(a['cases 01.234.567.8-901.000'].includes('Nomor 012345678901000'), 'an NPWP found however written');
  has('directory é', ['Koperasi Désa Makmur']);
  has('directory ÉLAN', ['Dewi Élan', 'PT ÉLAN Sejahtera', 'CV Kreasi Élan']);
  has('directory élan', []);
  has('directory ña', []);
  has('directory 01.234.567.8-901.000', ['CV Nomor Pajak']);
  has('users é', ['desi']);
  has('users É', ['abe']);
  has('users ñ', []);
  has('users Ñ', ['desi']);
  has('users pt', ['pt01']);
  has('guest-book pt', [3, 2]);
  has('guest-book É', [2]);
  has('guest-book é', [2, 1]);
  has('agenda lpse 2026 0001', [2]);
  has('archive ÉL', [2]);
  has('archive él', []);
  // the audit log's action and object: as written, capitals included (matched exactly)
  assert.ok(a['audit action user.create'].length >= 5);
  has('audit action USER.create', []);
  has('audit action User.*', []);
  has('audit action KB.', []);
  assert.equal(a['audit action kb.'].length, 5);
  has('audit object USER:2:budi', []);
  assert.ok(a['audit object user:*'].length >= 5);
  has('audit object User:*', []);
  // the knowledge base: ranked, the title above the body; the words as the stemmer leaves them
  has('kb kata sandi', ['Désa dan kata sandi', 'Lupa kata sandi akun SPSE', 'Akun terkunci']);
  has('kb é', ['é-Katalog: mendaftar produk']);
  has('kb katalog', ['é-Katalog: mendaftar produk']);
});

test('a q written as a number the directory keeps finds, below the window too, its entry\'s cases and those whose text holds it', () => {
  const a = got[0];
  const has = (key, want) => assert.deepEqual(a[key], want, key);
  const phone = ['Akun terkunci lagi', 'Telepon 081234567890 mati', 'Telepon 0812-3456-7890 tidak aktif'];
  const npwp = ['Pendaftaran penyedia baru', 'NPWP 02.345.678.9-012.000 tidak valid'];
  const nip = ['NIP 198001012005011001 ganda', 'Mutasi pegawai', 'NIP 19800101 200501 1 001 salah'];
  // the entry's cases however the number is written; the text's as q is typed (signs and spaces aside)
  const want = { '0812-3456-7890': phone, '081234567890': phone,
    '+62 812 3456 7890': ['Akun terkunci lagi', 'Telepon +62 812 3456 7890 berdering'],
    '02.345.678.9-012.000': npwp, '023456789012000': npwp, '19800101 200501 1 001': nip, '198001012005011001': nip };
  for (const [q, rows] of Object.entries(want)) {
    has(`cases ${q}`, rows);
    // pages of one and of two: the window (one case below the page's before) then the index, no row twice or missed
    has(`cases ${q} by 1`, rows.map((x) => [x]));
    has(`cases ${q} by 2`, rows.length > 2 ? [rows.slice(0, 2), rows.slice(2)] : [rows]);
    has(`cases ${q} other sop`, []);
    has(`cases ${q} cancelled`, rows.filter((x) => x === 'Telepon 081234567890 mati'));
    has(`cases ${q} open`, rows.filter((x) => x !== 'Telepon 081234567890 mati'));
  }
});

test('SQLite and PostgreSQL answer every search alike, rows and order', { skip: !PG && 'LOKET_TEST_DB not set' }, () => {
  const [pg, lite] = got;
  const differ = Object.keys(lite).filter((k) => JSON.stringify(pg[k]) !== JSON.stringify(lite[k]));
  assert.deepEqual(differ.map((k) => `${k}: pg ${JSON.stringify(pg[k])} sqlite ${JSON.stringify(lite[k])}`), []);
});
