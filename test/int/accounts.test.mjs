// The directory, the SPSE account register and the requests for accounts, over HTTP:
// entries validated and de-duplicated, the CSV import's report, every request type
// along each branch (complete, returned and completed, sent back at approval), the
// account register's history, the one-time link that works once, the year-end batch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, sqlite, cli, webSession, PG, confDb, BIN, frozenServer, wibDay } from './lib.mjs';
import { join } from 'node:path';
import { writeFileSync, statSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

let s, admin, desk, agency, boss, reader;

before(async () => {
  s = await startServer({ conf: 'public_url = https://lpse.example.go.id\n' });
  addUser(s.dir, 'rina', 'helpdesk', 'rina-password-1');
  addUser(s.dir, 'agus', 'admin_agency', 'agus-password-1');
  addUser(s.dir, 'pak-ketua', 'pengarah', 'pengarah-password-1');
  addUser(s.dir, 'tamu', 'trainer', 'trainer-password-1');
  admin = await login(s.url);
  desk = await login(s.url, 'rina', 'rina-password-1');
  agency = await login(s.url, 'agus', 'agus-password-1');
  boss = await login(s.url, 'pak-ketua', 'pengarah-password-1');
  reader = await login(s.url, 'tamu', 'trainer-password-1');
});
after(async () => {
  if (!s) return;
  const st = await s.stop();
  assert.doesNotMatch(st.stderr, /AddressSanitizer|LeakSanitizer|runtime error/, 'the sanitizers found nothing');
});

// This year in the office's zone: the registers' numbers carry it; a decree valid to its end is in force.
const YEAR = wibDay().slice(0, 4);
const UNTIL = `${YEAR}-12-31`;
const api = (method, path, token, body, headers) => request(s.url, method, `/api/v1${path}`, { token, body, headers });
const db = () => join(s.dir, 'loket.db');
const q = (sql) => sqlite(db(), sql).stdout.trim();
// The note of a case's step (its last visit) as the API reads it in lang: Loket's own notes are kept as their
// message and values, read in the reader's language.
const stepNote = async (number, no, lang = 'id') =>
  ((await api('GET', `/cases/${number}?lang=${lang}`, admin)).json.steps.filter((x) => x.no === no).pop()?.note ?? '');
// The whole database as bytes: the SQLite file, or a dump of the PostgreSQL one.
const wholeDb = () => {
  const b = PG ? spawnSync('/usr/lib/postgresql/15/bin/pg_dump', ['-d', confDb(s.dir)], { maxBuffer: 1 << 28 }).stdout : readFileSync(db());
  assert.ok(b.length > 1000, 'the database was read');
  return b;
};

test('directory: an agency, a unit, a provider and a person; validated, de-duplicated, searchable', async () => {
  let r = await api('POST', '/directory', desk, { kind: 'org', org_type: 'agency', name: 'Dinas Pendidikan', email: 'disdik@batangkab.go.id' });
  assert.equal(r.status, 201, r.text);
  const dinas = r.json.id;
  r = await api('POST', '/directory', desk, { kind: 'org', org_type: 'unit', name: 'Bidang Sarpras', agency: 'dinas pendidikan' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.agency, 'Dinas Pendidikan');
  assert.equal(r.json.agency_id, dinas);
  r = await api('POST', '/directory', desk, { kind: 'org', org_type: 'provider', name: 'CV Sinar Terang', npwp: '01.234.567.8-901.000', nib: '9120001234567', deed_no: '12', deed_date: '2015-03-02', notary: 'Hj. Siti, S.H.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.npwp, '0012345678901000');
  assert.equal(r.json.npwp_old, '01.234.567.8-901.000');
  // the same taxpayer in the 2024 form is a duplicate
  r = await api('POST', '/directory', desk, { kind: 'org', org_type: 'provider', name: 'CV Sinar Terang (baru)', npwp: '0012345678901000' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'npwp');
  r = await api('POST', '/directory', desk, { kind: 'person', name: 'Siti Aminah', nip: '19800512 200501 2 003', nik: '3325095205800001', rank: 'Penata / III c', position: 'Kepala Seksi', agency: String(dinas), phone: '0812-3456-7890', email: 'Siti@Batangkab.go.id' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.nip, '198005122005012003');
  assert.equal(r.json.phone, '+6281234567890');
  assert.equal(r.json.email, 'siti@batangkab.go.id');
  const siti = r.json.id;
  for (const [body, field, msg] of [
    [{ kind: 'person', name: 'X', nip: '198005122005012003' }, 'nip', 'is already in the directory'],
    [{ kind: 'person', name: 'X', nik: '3325095205800001' }, 'nik', 'is already in the directory'],
    [{ kind: 'person', name: 'X', nip: '19800512200501200' }, 'nip', 'has too few digits: a NIP has 18'],
    [{ kind: 'person', name: 'X', nib: '1234567890123' }, 'nib', 'is only for organisations'],
    [{ kind: 'org', org_type: 'provider', name: 'X' }, 'npwp', 'is required for a provider'],
    [{ kind: 'org', org_type: 'provider', name: 'X', npwp: '01.234.567.8-901.001', nib: '12' }, 'nib', 'must be 13 digits'],
    [{ kind: 'org', org_type: 'unit', name: 'X', agency: 'Tidak Ada' }, 'agency', 'is not an organisation of the directory'],
    [{ kind: 'robot', name: 'X' }, 'kind', 'must be person or org'],
  ]) {
    const bad = await api('POST', '/directory', desk, body, { 'Accept-Language': 'en' });
    assert.ok(bad.status === 400 || bad.status === 409, `${JSON.stringify(body)}: ${bad.text}`);
    assert.equal(bad.json.error.field, field, JSON.stringify(body));
  }
  // search by name part, NIP, NPWP in the old form
  r = await api('GET', '/directory?q=aminah', reader);
  assert.deepEqual(r.json.entries.map((e) => e.id), [siti]);
  r = await api('GET', '/directory?q=198005122005012003', reader);
  assert.deepEqual(r.json.entries.map((e) => e.id), [siti]);
  r = await api('GET', `/directory?agency=${dinas}`, reader);
  assert.equal(r.json.entries.length, 2);
  // the filter takes the agency as POST does: by id, or by name (any case)
  for (const name of ['Dinas Pendidikan', 'dinas pendidikan']) {
    r = await api('GET', `/directory?agency=${encodeURIComponent(name)}`, reader);
    assert.equal(r.json.entries.length, 2, `${name}: ${r.text}`);
  }
  r = await api('GET', `/directory?agency=${encodeURIComponent('Dinas Tidak Ada')}`, reader);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'agency');
  // kind and org_type take their values, or the Indonesian words an import takes (any case):
  // the same entries; a word that names none is 400 naming it and the words, not an empty list
  r = await api('GET', '/directory?org_type=agency', reader);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.entries.length > 0 && r.json.entries.every((e) => e.org_type === 'agency'), r.text);
  for (const [param, en, id] of [['kind', 'person', 'Perorangan'], ['kind', 'org', 'organisasi'], ['org_type', 'agency', 'INSTANSI']]) {
    const want = (await api('GET', `/directory?${param}=${en}`, reader)).json.entries.map((e) => e.id);
    r = await api('GET', `/directory?${param}=${encodeURIComponent(id)}`, reader);
    assert.equal(r.status, 200, `${param}=${id}: ${r.text}`);
    assert.ok(want.length > 0, `${param}=${en}`);
    assert.deepEqual(r.json.entries.map((e) => e.id), want, `${param}=${id}`);
  }
  for (const [param, value, words] of [['kind', 'pegawai', /perorangan/], ['org_type', 'kantor', /satuan kerja/]]) {
    r = await api('GET', `/directory?${param}=${value}`, reader);
    assert.equal(r.status, 400, `${param}=${value}: ${r.text}`);
    assert.equal(r.json.error.field, param);
    assert.match(r.json.error.message, words);
  }
  r = await api('GET', '/directory/19800512 200501 2 003'.replaceAll(' ', '%20'), reader);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Siti Aminah');
  assert.deepEqual(r.json.cases, []);
  r = await api('PATCH', `/directory/${siti}`, desk, { position: 'Kepala Bidang' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.position, 'Kepala Bidang');
  assert.equal(r.json.nip, '198005122005012003');
  // a PATCH member given null removes it, as "" does; a member left out stays; a required one
  // given null is refused naming it (null was read as "not given": a 200 that kept the value)
  r = await api('PATCH', `/directory/${siti}`, desk, { email: 'siti@example.go.id', address: 'Jl. Veteran 1' });
  assert.equal(r.status, 200, r.text);
  r = await api('PATCH', `/directory/${siti}`, desk, { email: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.email, null);
  assert.equal(r.json.address, 'Jl. Veteran 1');
  assert.equal(r.json.position, 'Kepala Bidang');
  r = await api('PATCH', `/directory/${siti}`, desk, { name: null });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'name');
  r = await api('GET', `/directory/${siti}`, reader);
  assert.equal(r.json.name, 'Siti Aminah');
  assert.equal(r.json.address, 'Jl. Veteran 1');
  // an organisation is not put within itself, nor within one of its own units (a loop)
  const bidang = (await api('POST', '/directory', desk, { kind: 'org', org_type: 'unit', name: 'Bidang Anggaran', agency: String(dinas) })).json.id;
  const seksi = (await api('POST', '/directory', desk, { kind: 'org', org_type: 'unit', name: 'Seksi Belanja', agency: String(bidang) })).json.id;
  for (const agency of [dinas, seksi, bidang]) {
    r = await api('PATCH', `/directory/${dinas === agency ? dinas : bidang}`, desk, { agency: String(agency) });
    assert.equal(r.status, 400, `${agency}: ${r.text}`);
    assert.equal(r.json.error.field, 'agency');
    assert.match(r.json.error.message, /unitnya/);
  }
  r = await api('PATCH', `/directory/${seksi}`, desk, { agency: String(dinas) });   // moving a unit up is fine
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.agency_id, dinas);
  // the pengarah reads, but does not write
  assert.equal((await api('POST', '/directory', boss, { kind: 'person', name: 'Y' })).status, 403);
});

test('CSV import: accepted rows in one go, each bad row rejected with its row, field and reason', async () => {
  const csv = [
    'kind;org_type;name;nip;nik;npwp;agency;email',
    'org;agency;Dinas Kesehatan;;;;;dinkes@batangkab.go.id',
    'person;;Andi Wijaya;197503152000121001;;;Dinas Kesehatan;andi@batangkab.go.id',
    'person;;Tanpa NIP Benar;19750315200012100;;;;',
    'person;;Andi Kembar;197503152000121001;;;;',
    'person;;"Rudi; Hartono";;3325091503750002;;Dinas Kesehatan;',
    'org;provider;PT Tanpa NPWP;;;;;',
    'person;;Salah Instansi;;;;Dinas Entah;',
    '',
    'person;;Email Salah;;;;;bukan-email',
    'person;;Terlalu;Banyak;Kolom;;;;;',
    'person;;\u001eKendali\u0085;;;;;',
  ].join('\r\n') + '\r\n';
  const before = q('SELECT count(*) FROM party');
  let r = await api('POST', '/directory/import?dry_run=true', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.accepted, 3);
  assert.equal(q('SELECT count(*) FROM party'), before, 'a dry run writes nothing');
  r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows, 10);
  assert.equal(r.json.accepted, 3);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field]), [
    [4, 'nip'], [5, 'nip'], [7, 'npwp'], [8, 'agency'], [10, 'email'], [11, null], [12, 'name'],
  ]);
  assert.match(Object.fromEntries(r.json.rejected.map((j) => [j.row, j.reason]))[12], /karakter kendali/, 'a control character a CSV holds');
  const reasons = Object.fromEntries(r.json.rejected.map((j) => [j.row, j.reason]));
  assert.equal(reasons[5], 'sama dengan baris 3');
  assert.equal(reasons[11], 'berisi 10 kolom, sedangkan kepala berkas 8');
  // the value the file gave is in the reason, so the row is found and mended
  assert.equal(reasons[4], 'kurang digit: NIP harus 18 digit — "19750315200012100"');
  assert.match(reasons[10], / — "bukan-email"$/);
  assert.equal(Number(q('SELECT count(*) FROM party')), Number(before) + 3);
  assert.equal(q("SELECT name FROM party WHERE nik='3325091503750002'"), 'Rudi; Hartono');
  // a header with an unknown column refuses the whole file
  // (every unknown one named at once, with the columns there are)
  r = await api('POST', '/directory/import', desk, 'name,shoe_size,warna\nA,42,biru\n', { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'file');
  assert.equal(r.json.error.message, 'kolom tidak dikenal: shoe_size, warna (kolom yang dikenal: jenis, jenis organisasi, nama, nip, nik, npwp, nib, pangkat, jabatan, instansi, alamat, telepon, surel, no akta, tanggal akta, notaris)');
  r = await api('POST', '/directory/import?lang=en', desk, 'name,shoe_size\nA,42\n', { 'Content-Type': 'text/csv' });
  assert.equal(r.json.error.message, 'unknown column: shoe_size (the columns: kind, org_type, name, nip, nik, npwp, nib, rank, position, agency, address, phone, email, deed_no, deed_date, notary)');
  // the same file again: every row is now a duplicate or fails, nothing half-imported
  r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.json.accepted, 0, 'nothing is added twice, rows without identifiers included');
  const again = Object.fromEntries(r.json.rejected.map((j) => [j.row, [j.field, j.reason]]));
  assert.deepEqual(again[2], ['name', 'sudah ada di direktori'], 'the agency without NPWP: the same name and kind');
  assert.deepEqual(again[3], ['nip', 'sudah ada di direktori — "197503152000121001"']);
  assert.equal(Number(q('SELECT count(*) FROM party')), Number(before) + 3);
  // the agency written in capitals in another file is the same entry, as is a twin within one file
  r = await api('POST', '/directory/import', desk, 'kind,org_type,name\norg,agency,DINAS KESEHATAN\norg,agency,Dinas Pangan\norg,agency,DINAS PANGAN\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(r.json.accepted, 1, r.text);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field, j.reason]), [[2, 'name', 'sudah ada di direktori'], [4, 'name', 'sama dengan baris 3']]);
  // numbers a spreadsheet saved as numbers (E+, the decimal comma too): their digits are lost, and the reason says so
  r = await api('POST', '/directory/import?dry_run=true', desk, 'Jenis;Nama;NIK;NIP;NPWP\norang;Budi Excel;3.32501E+15;;\norang;Ani Excel;;1,97508E+17;\npenyedia;CV Excel;;;2.34568E+14\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field, j.reason.replace(/ — .*/, '')]), [2, 3, 4].map((row, i) => [row, ['nik', 'nip', 'npwp'][i],
    'disimpan oleh lembar kerja sebagai angka (E+), sehingga digit terakhirnya hilang: format kolomnya sebagai Teks lalu ketik ulang nomornya']));
  // a row with several fields wrong: all of them, the first as field and reason (one row rejected)
  r = await api('POST', '/directory/import?dry_run=true', desk, 'kind,name,nip,email\nperson,Dua Salah,1,bukan-email\nperson,Satu Salah,2,\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected.length, 2, r.text);
  const [two, one] = r.json.rejected;
  assert.deepEqual([two.row, two.field, two.reason], [2, 'nip', 'kurang digit: NIP harus 18 digit — "1"']);
  assert.deepEqual(two.fields.map((f) => f.field), ['nip', 'email']);
  assert.equal(two.fields[0].reason, two.reason);
  assert.match(two.fields[1].reason, / — "bukan-email"$/);
  assert.equal(one.fields, undefined, 'one field wrong: no list');
});

test('CSV import: a header in Indonesian, as an office\'s spreadsheet heads it (No, Jenis, Nama, NIK, Surel, No. HP, Instansi): the row number left alone', async () => {
  const csv = 'No;Jenis;Nama Lengkap;NIK;Surel;No. HP;Instansi\r\n1;orang;Siti Rahmawati;3325094506900002;siti.r@example.id;081234567891;Dinas Kesehatan\r\n';
  const r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.accepted, r.json.rejected], [1, []]);
  assert.equal(q("SELECT email FROM party WHERE nik='3325094506900002'"), 'siti.r@example.id');
  const bad = await api('POST', '/directory/import?lang=en', desk, 'Nama;Ukuran Sepatu\nA;42\n', { 'Content-Type': 'text/csv' });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.json.error.message, /^unknown column: ukuran sepatu \(the columns: kind, /);
});

test('CSV import: a sheet\'s title row above the header (with or without the empty cells of its row) and its empty columns are left alone; the lines still count from the file\'s first', async () => {
  const padded = 'DAFTAR PENYEDIA LPSE KABUPATEN BATANG 2026;;;;\n;;;;\nNo;Jenis;Nama;NPWP;\n1;Penyedia;CV Judul Baris;01.555.777.8-511.000;\n2;Penyedia;CV Judul Salah;12;\n';
  let r = await api('POST', '/directory/import', desk, padded, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows, 2, r.text);
  assert.equal(r.json.accepted, 1, r.text);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field]), [[5, 'npwp']], 'the line in the file, the title counted');
  assert.equal(q("SELECT name FROM party WHERE npwp='0015557778511000'"), 'CV Judul Baris');
  // a title without separators: the semicolons of the header still tell the separator
  const bare = 'Daftar Pejabat Pengadaan, Tahun 2026\nJenis;Nama;NIK\norang;Judul Tanpa Sel;3325094506900077\n';
  r = await api('POST', '/directory/import', desk, bare, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.rows, r.json.accepted, r.json.rejected], [1, 1, []], r.text);
});

test('CSV import: a row whose agency comes further down the file is imported (units within units, in any order); one whose agency is nowhere is rejected by its line, with the others in line order', async () => {
  const csv = [
    'kind,org_type,name,agency,nip',
    'org,unit,Subbagian Arsip Hilir,Bagian Umum Hilir,',          // 2: its agency two rows down, whose agency is further down still
    'person,,Guru Salah,Dinas Entah Hilir,1',                      // 3: its agency nowhere, and a NIP wrong: both named
    'org,unit,Bagian Umum Hilir,Dinas Hilir,',                     // 4
    'person,,Arsiparis Hilir,Subbagian Arsip Hilir,',              // 5: within row 2's unit
    'org,unit,Bagian Tanpa Induk,Dinas Entah Hilir,',              // 6: its agency nowhere
    'person,,Orang Salah,,1',                                      // 7: wrong at once
    'org,agency,Dinas Hilir,,',                                    // 8
  ].join('\n') + '\n';
  const before = q('SELECT count(*) FROM party');
  let r = await api('POST', '/directory/import?dry_run=true', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.rows, r.json.accepted], [7, 4], r.text);
  assert.equal(q('SELECT count(*) FROM party'), before, 'a dry run writes nothing');
  r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.rows, r.json.accepted], [7, 4], r.text);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field]), [[3, 'nip'], [6, 'agency'], [7, 'nip']], 'by line, the rows tried again too');
  assert.deepEqual(r.json.rejected[0].fields.map((f) => f.field), ['nip', 'agency'], 'every wrong field of a row whose agency is nowhere');
  assert.equal(r.json.rejected[1].reason, 'belum ada di direktori: tambahkan atau impor organisasi itu lebih dulu — "Dinas Entah Hilir"');
  assert.equal(Number(q('SELECT count(*) FROM party')), Number(before) + 4);
  const parent = (name) => q(`SELECT p.name FROM party c JOIN party p ON p.id=c.parent_id WHERE c.name='${name}'`);
  assert.equal(parent('Subbagian Arsip Hilir'), 'Bagian Umum Hilir');
  assert.equal(parent('Bagian Umum Hilir'), 'Dinas Hilir');
  assert.equal(parent('Arsiparis Hilir'), 'Subbagian Arsip Hilir');
  // the same file again: nothing twice, the rows waiting for their agency included
  r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.json.accepted, 0, r.text);
  assert.deepEqual(r.json.rejected.map((j) => j.row), [2, 3, 4, 5, 6, 7, 8]);
  assert.equal(Number(q('SELECT count(*) FROM party')), Number(before) + 4);
});

test('CLI import: progress bar on stderr, rejected rows as FILE:ROW, exit 3', () => {
  const f = join(s.dir, 'people.csv');
  const rows = ['kind,name,nik'];
  for (let i = 0; i < 120; i++) rows.push(`person,Orang ${i},3325091503${String(750100 + i).slice(-6)}`);
  rows.push('person,Rusak,12');
  writeFileSync(f, rows.join('\n') + '\n');
  const dry = cli(['directory', 'import', f, '--dry-run', '--data', s.dir]);
  assert.equal(dry.status, 3, dry.stderr);
  assert.match(dry.stdout, /121 rows read, 120 would be imported, 1 rejected/);
  assert.equal(q("SELECT count(*) FROM party WHERE name LIKE 'Orang %'"), '0');
  // stderr a pipe (cron, a log): no bar of carriage returns; on a terminal (script(1) gives one) the bar
  const tty = spawnSync('script', ['-qec', `${BIN} directory import ${f} --dry-run --data ${s.dir}`, '/dev/null'], { encoding: 'utf8' });
  assert.match(tty.stdout, /\[#{30}\] 100% 121\/121/);
  const r = cli(['directory', 'import', f, '--data', s.dir]);
  assert.equal(r.status, 3, r.stderr);
  assert.doesNotMatch(r.stderr, /\r|\[#/);
  assert.match(r.stderr, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:122: nik: has too few digits: a NIK has 16`));
  assert.match(r.stdout, /121 rows read, 120 imported, 1 rejected/);
  assert.equal(q("SELECT count(*) FROM party WHERE name LIKE 'Orang %'"), '120');
  // every row rejected: exit 1, as the help says ("1 none")
  const none = join(s.dir, 'none.csv');
  writeFileSync(none, 'kind,name,nik\nperson,Rusak,12\norganisation,Dinas X,\n');
  const n = cli(['directory', 'import', none, '--data', s.dir]);
  assert.equal(n.status, 1, n.stderr);
  assert.match(n.stdout, /2 rows read, 0 imported, 2 rejected/);
  assert.match(n.stderr, /:3: kind: must be person \(orang, [^\n]*\) or org \(organisasi, [^\n]*\) — "organisation"/, 'a wrong word is named wrong, not too long');
  // a row with several fields wrong: a line for each
  const two = join(s.dir, 'two.csv');
  writeFileSync(two, 'kind,name,nik,email\nperson,Rusak,12,bukan-email\n');
  const t = cli(['directory', 'import', two, '--dry-run', '--data', s.dir]);
  assert.equal(t.status, 1, t.stderr);
  assert.match(t.stdout, /1 row read, 0 would be imported, 1 rejected/);
  assert.match(t.stderr, /two\.csv:2: nik: has too few digits: a NIK has 16 — "12"\n.*two\.csv:2: email: [^\n]* — "bukan-email"\n/s);
});

test('CSV import: kind and org_type in the Indonesian words staff write (any case) are the English values, stored and shown in English; another word is refused listing both', async () => {
  const file = (tag, w) => [
    'kind,org_type,name,npwp,nip,agency',
    `${w.org},${w.agency},Dinas Kata ${tag},,,`,
    `${w.org2},${w.unit},Bagian Kata ${tag},,,Dinas Kata ${tag}`,
    `${w.none},${w.provider},CV Kata ${tag},${w.npwp},,`,
    `${w.person},,Pegawai Kata ${tag},,${w.nip},Dinas Kata ${tag}`,
  ].join('\n') + '\n';
  const en = file('EN', { org: 'org', org2: 'org', none: 'org', agency: 'agency', unit: 'unit', provider: 'provider',
    person: 'person', npwp: '01.234.567.8-901.201', nip: '197503152000121031' });
  const id = file('ID', { org: 'Organisasi', org2: 'badan  usaha', none: '', agency: 'Instansi', unit: 'Unit_Kerja', provider: 'PENYEDIA',
    person: 'Perorangan', npwp: '01.234.567.8-901.202', nip: '197503152000121032' });
  for (const csv of [en, id]) {
    const r = await api('POST', '/directory/import', desk, csv, { 'Content-Type': 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.accepted, r.json.rejected], [4, []], r.text);
  }
  const r = await api('GET', '/directory?q=kata&limit=100', reader);
  const names = Object.fromEntries(r.json.entries.map((e) => [e.id, e.name]));
  const rows = (tag) => r.json.entries.filter((e) => e.name.endsWith(` ${tag}`)).map((e) => ({
    kind: e.kind, org_type: e.org_type, name: e.name.replace(/ (EN|ID)$/, ''),
    agency: e.agency_id ? names[e.agency_id].replace(/ (EN|ID)$/, '') : null,
  })).sort((a, b) => a.name.localeCompare(b.name));
  assert.equal(rows('ID').length, 4);
  assert.deepEqual(rows('ID'), rows('EN'));
  assert.deepEqual(rows('EN').map((e) => [e.kind, e.org_type]),
    [['org', 'unit'], ['org', 'provider'], ['org', 'agency'], ['person', null]]);
  // an unknown word: refused, the reason listing the accepted words in both languages
  const bad = await api('POST', '/directory/import?dry_run=true&lang=en', desk,
    'kind,org_type,name\norang,,Satu\npegawai,,Dua\norganisasi,dinas,Tiga\n', { 'Content-Type': 'text/csv' });
  assert.equal(bad.status, 200, bad.text);
  assert.equal(bad.json.accepted, 1, bad.text);
  assert.deepEqual(bad.json.rejected.map((j) => [j.row, j.field, j.reason]), [
    [3, 'kind', 'must be person (orang, perorangan, perseorangan) or org (organisasi, badan usaha, lembaga) — "pegawai"'],
    [4, 'org_type', 'must be provider (penyedia, rekanan), agency (instansi, skpd, opd) or unit (satker, satuan kerja, unit kerja) — "dinas"'],
  ]);
  const idn = await api('POST', '/directory/import?dry_run=true', desk, 'kind,name\npegawai,Dua\n', { 'Content-Type': 'text/csv' });
  assert.equal(idn.json.rejected[0].reason, 'harus person (orang, perorangan, perseorangan) atau org (organisasi, badan usaha, lembaga) — "pegawai"');
  // "Jenis" holding the organisation's type, as offices' sheets often have it: an organisation of that type
  const sheet = 'No;Jenis;Jenis Organisasi;Nama;NPWP\n1;Instansi;;Dinas Kesehatan Kab. Batang;\n2;Penyedia;;CV Tirta Jaya;01.777.888.9-511.000\n'
    + '3;Satker;instansi;Bagian Umum Setda;\n';
  const typed = await api('POST', '/directory/import', desk, sheet, { 'Content-Type': 'text/csv' });
  assert.deepEqual([typed.json.accepted, typed.json.rejected], [3, []], typed.text);
  const got = (await api('GET', '/directory?kind=org&limit=20', reader)).json.entries;
  const typeOf = (n) => got.find((e) => e.name === n).org_type;
  assert.deepEqual(['Dinas Kesehatan Kab. Batang', 'CV Tirta Jaya', 'Bagian Umum Setda'].map(typeOf), ['agency', 'provider', 'agency']);
  const one = await api('POST', '/directory', desk, { kind: 'skpd', name: 'Dinas Perhubungan' });
  assert.equal(one.status, 201, one.text);
  assert.deepEqual([one.json.kind, one.json.org_type], ['org', 'agency']);
});

// Walk one request to the end; returns {id, link}.
async function openRequest(body, token = desk) {
  const r = await api('POST', '/account-requests', token, body);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('OI-04 (PPK): returned for a missing decree (clock paused), completed, approved, carried out, notified, archived; the link works once', async () => {
  const outbox0 = Number(q('SELECT count(*) FROM outbox'));
  let r = await openRequest({ kind: 'ppk', channel: 'letter', name: 'Dewi Lestari', nip: '198203142006042002', rank: 'Penata Muda / III a',
    position: 'PPK Dinas Pendidikan', agency: 'Dinas Pendidikan', email: 'dewi@batangkab.go.id', phone: '081311112222',
    sk_number: 'SK-027/DISDIK/2026', valid_from: '2026-01-02', valid_until: UNTIL, docs: ['letter', 'personal_data'],
    letter_no: '800/112/DISDIK/2026', letter_date: '2026-11-12' });
  const id = r.id;
  assert.equal(r.state, 'received');
  // a letter's number and date belong to a letter; a date is a day, said so
  const base = { kind: 'ppk', name: 'Eko Prasetyo', nip: '198203142006041003', email: 'eko@batangkab.go.id', agency: 'Dinas Pendidikan' };
  let bad = await api('POST', '/account-requests', desk, { ...base, channel: 'email', letter_date: '2026-13-01' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'letter_date');
  bad = await api('POST', '/account-requests', desk, { ...base, channel: 'walk_in', letter_no: '800/1/2026' });
  assert.equal(bad.json.error.field, 'letter_no');
  bad = await api('POST', '/account-requests', desk, { ...base, channel: 'letter', letter_date: '2026-11-18T08:00' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'letter_date');
  assert.match(bad.json.error.message, /YYYY-MM-DD/);
  // a letter from before 1970, or 31 April: the message says a real date from 1970 on, not only the form
  for (const d of ['1900-01-01', '2026-04-31']) {
    bad = await api('POST', '/account-requests', desk, { ...base, channel: 'letter', letter_no: '800/1/2026', letter_date: d });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.field, 'letter_date');
    assert.equal(bad.json.error.message, 'Tulis tanggal yang ada, dari tahun 1970, sebagai YYYY-MM-DD');
  }
  // a portal request is made on the portal (which confirms the address), not entered by staff as one
  bad = await api('POST', '/account-requests', desk, { ...base, channel: 'portal' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'channel');
  // a channel staff cannot give is answered with the four they can, not with portal among them
  bad = await api('POST', '/account-requests?lang=en', desk, { ...base, channel: 'fax' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'channel');
  assert.equal(bad.json.error.message, 'Channel must be letter, email, walk_in or phone: a portal request is made on the portal');
  // the letter is in the agenda book, linked to the case, its number on step 1
  assert.equal(q(`SELECT letter_no || '|' || letter_date || '|' || sender || '|' || subject FROM agenda WHERE case_number='${r.case}'`),
    '800/112/DISDIK/2026|2026-11-12|Dewi Lestari, Dinas Pendidikan|User ID PPK: Dewi Lestari');
  const agendaNo = q(`SELECT number FROM agenda WHERE case_number='${r.case}'`);
  assert.match(agendaNo, new RegExp(`^AG-${YEAR}-\\d{4}$`));
  assert.match(await stepNote(r.case, 1), new RegExp(`^permohonan diterima; agenda ${agendaNo}$`));
  assert.match(await stepNote(r.case, 1, 'en'), new RegExp(`^request received; agenda ${agendaNo}$`));
  assert.equal(r.current_step, 2);
  assert.match(r.case, /^LPSE-\d{4}-\d{6}$/);
  assert.deepEqual(r.checklist.map((c) => [c.doc, c.present]), [['letter', true], ['decree', false], ['personal_data', true]]);
  // the receipt went out
  assert.equal(Number(q('SELECT count(*) FROM outbox')), outbox0 + 1);
  assert.match(q(`SELECT subject FROM outbox ORDER BY id DESC LIMIT 1`), /diterima/);
  // the approval is not for the front desk
  assert.equal((await api('POST', `/account-requests/${id}/approve`, desk, { approve: true })).status, 403);
  r = await api('POST', `/account-requests/${id}/check`, desk, {});
  assert.equal(r.status, 200, r.text);
  // the check (step 2) routes what it found to the Pengarah, whose review (step 3) sends it back
  assert.equal(r.json.state, 'checked');
  assert.deepEqual(r.json.missing, ['decree']);
  assert.equal(r.json.current_step, 3);
  r = await api('POST', `/account-requests/${id}/approve`, boss, { approve: true });
  assert.equal(r.status, 409, 'an incomplete file is not approved');
  assert.equal(r.json.error.field, 'docs');
  // refused, not done: the message says what to do, not that the file went back (it is still with the Pengarah)
  assert.equal(r.json.error.message, 'berkas belum lengkap: tidak dapat disetujui; kembalikan kepada pemohon untuk dilengkapi');
  assert.equal((await api('GET', `/account-requests/${id}`, desk)).json.state, 'checked');
  r = await api('POST', `/account-requests/${id}/approve`, boss, { approve: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'returned');
  assert.deepEqual(r.json.missing, ['decree']);
  assert.equal(r.json.current_step, 6);
  const caseNo = r.json.case;
  assert.equal(q(`SELECT done_by || '|' || outcome FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${caseNo}' AND s.no=3`), 'pak-ketua|no');
  const c = await api('GET', `/cases/${caseNo}`, desk);
  assert.equal(c.json.steps.at(-1).no, 6);
  assert.equal(q(`SELECT CAST(pause_started_at IS NOT NULL AS INTEGER) FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${caseNo}' AND s.no=6`), '1');
  const mail = q(`SELECT body FROM outbox WHERE subject LIKE '%dikembalikan%' ORDER BY id DESC LIMIT 1`);
  assert.match(mail, /Decree|SK/);
  // the applicant completes it; checked again: complete now
  r = await api('POST', `/account-requests/${id}/resubmit`, desk, { docs: ['decree'] });
  assert.equal(r.json.state, 'received');
  assert.equal(r.json.current_step, 2);
  r = await api('POST', `/account-requests/${id}/check`, desk, {});
  assert.equal(r.json.state, 'checked');
  assert.equal(r.json.current_step, 3);
  r = await api('POST', `/account-requests/${id}/approve`, boss, { approve: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'approved');
  assert.equal(r.json.current_step, 4);
  // the Lembar Disposisi of steps 2 and 3 (SOP 04: their output is a disposition): each check
  // routes the letter to the Pengarah, the approval to Admin Agency; the return to the
  // applicant is no disposition. Each names the letter's agenda entry and who wrote it.
  assert.deepEqual(q(`SELECT d.from_user || '|' || d.to_role || '|' || a.number || '|' || d.instruction FROM disposition d`
    + ` JOIN agenda a ON a.id=d.agenda_id WHERE d.case_number='${caseNo}' ORDER BY d.id`).split('\n'), [
    `rina|pengarah|${agendaNo}|berkas belum lengkap, kurang: SK atau surat penunjukan calon pengguna`,
    `rina|pengarah|${agendaNo}|berkas lengkap`,
    `pak-ketua|admin_agency|${agendaNo}|disetujui`,
  ]);
  assert.equal(q(`SELECT count(*) FROM disposition WHERE case_number='${caseNo}' AND due_at IS NOT NULL`), '3', 'each with the due time of the step it hands on');
  // the register finds the sheets by the official whose letter they route (the sheet's head), and by the letter's number
  for (const term of ['dewi lestari', '800/112/DISDIK']) {
    const found = await api('GET', `/registers/disposition?q=${encodeURIComponent(term)}`, desk);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.json.entries.map((x) => x.case_number), [caseNo, caseNo, caseNo], term);
  }
  // carried out by Admin Agency: the user ID must be new
  r = await api('POST', `/account-requests/${id}/execute`, agency, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'user_id');
  r = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'dewi.ppk' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'done');
  assert.equal(r.json.current_step, 5);
  const link = r.json.link;
  assert.match(link, /^\/kredensial\/[0-9a-f]{64}$/);
  const token = link.split('/').pop();
  // the register row, its decree and history
  let a = await api('GET', '/accounts/dewi.ppk', reader);
  assert.equal(a.status, 403);
  a = await api('GET', '/accounts/dewi.ppk', desk);
  assert.equal(a.json.kind, 'ppk');
  assert.equal(a.json.status, 'active');
  assert.equal(a.json.sk_number, 'SK-027/DISDIK/2026');
  assert.equal(a.json.valid_until, UNTIL);
  assert.equal(a.json.agency.name, 'Dinas Pendidikan');
  assert.deepEqual(a.json.history.map((h) => [h.action, h.to, h.by, h.case]), [['create', 'active', 'agus', caseNo]]);
  // nothing of the secret is stored in clear, and no mail carries it
  assert.equal(q(`SELECT count(*) FROM credential_link WHERE token_hash='${token}'`), '0');
  // the notice mails the link, not a password
  r = await api('POST', `/account-requests/${id}/notify`, desk);
  assert.equal(r.json.state, 'notified');
  assert.equal(r.json.case_status, 'closed');
  // the request carried out, its closed case is not reopened: its last step would wait for a notice
  // the request no longer gives (a new request is entered instead); the case page offers none
  const reopen = await api('POST', `/cases/${r.json.case}/reopen`, admin);
  assert.equal(reopen.status, 409, reopen.text);
  assert.equal(reopen.json.error.field, 'status');
  assert.match(reopen.json.error.message, /sudah selesai: kasus ini tidak dibuka kembali/);
  assert.equal((await api('GET', `/cases/${r.json.case}`, admin)).json.status, 'closed');
  const notice = q(`SELECT body FROM outbox WHERE to_addr='dewi@batangkab.go.id' ORDER BY id DESC LIMIT 1`);
  assert.ok(notice.includes(`https://lpse.example.go.id/kredensial/${token}`), notice);
  assert.match(notice, /dewi\.ppk/);
  assert.equal(q(`SELECT CAST(link_sealed IS NULL AS INTEGER) FROM account_request WHERE id=${id}`), '1');
  // the link: looked at, opened once, then never again
  let l = await request(s.url, 'GET', `/api/v1/credentials/${token}`);
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.usable, true);
  l = await request(s.url, 'POST', `/api/v1/credentials/${token}`);
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.user_id, 'dewi.ppk');
  assert.match(l.json.password, /^.{16}$/);
  assert.ok(!notice.includes(l.json.password), 'the password is never mailed');
  assert.ok(!wholeDb().includes(Buffer.from(l.json.password)), 'the password is not in the database');
  l = await request(s.url, 'POST', `/api/v1/credentials/${token}`);
  assert.equal(l.status, 410);
  l = await request(s.url, 'GET', `/api/v1/credentials/${token}`);
  assert.equal(l.status, 410);
  assert.equal(q("SELECT count(*) FROM audit WHERE action='credential.open'"), '2');
  assert.equal(q("SELECT count(*) FROM audit WHERE action='credential.view'"), '2');
  assert.equal(q('SELECT count(*) FROM credential_link WHERE secret IS NOT NULL AND viewed_at IS NOT NULL'), '0');
  assert.equal((statSync(join(s.dir, 'secret.key')).mode & 0o777), 0o600);
  assert.equal(q(`SELECT count(*) FROM archive WHERE case_number='${r.case}'`), '0');
  r = await api('POST', `/account-requests/${id}/archive`, desk);
  assert.equal(r.json.state, 'archived');
  assert.equal(r.json.case_status, 'archived');
  // the archive register has the file, linked to the case, kept five years
  const year = Number(q(`SELECT retain_until FROM archive WHERE case_number='${r.json.case}'`).slice(0, 4));
  assert.equal(q(`SELECT title || '|' || location FROM archive WHERE case_number='${r.json.case}'`), 'User ID PPK: Dewi Lestari|Arsip LPSE: permohonan akun SPSE');
  assert.equal(year, new Date().getUTCFullYear() + 5);
  // the person's page lists the case and the account
  const p = await api('GET', '/directory/198203142006042002', desk);
  assert.deepEqual(p.json.cases.map((k) => k.number), [caseNo]);
  assert.deepEqual(p.json.accounts.map((k) => k.user_id), ['dewi.ppk']);
});

test('who cannot read account requests (a trainer; a piket, a verifier) neither opens one nor acts on it: each action would answer with the applicant\'s data', async () => {
  const body = { kind: 'ppk', name: 'Rudi Hartono', nip: '198501012010011002', agency: 'Dinas Pekerjaan Umum', email: 'rudi@batangkab.go.id', phone: '081234567890', docs: ['letter', 'decree', 'personal_data'] };
  let r = await api('POST', '/account-requests', reader, body);
  assert.equal(r.status, 403, 'a trainer does not enter a request');
  const id = (await openRequest(body)).id;
  assert.equal((await api('GET', `/account-requests/${id}`, reader)).status, 403);
  for (const act of ['check', 'resubmit', 'notify', 'archive']) {
    r = await api('POST', `/account-requests/${id}/${act}`, reader, {});
    assert.equal(r.status, 403, `${act}: ${r.text}`);
    assert.doesNotMatch(r.text, /rudi@batangkab/);
  }
  assert.equal((await api('GET', `/account-requests/${id}`, admin)).json.state, 'received', 'nothing done');
  // the page's form the same: the trainer is refused, the helpdesk takes the check
  const web = await webSession(s.url, 'tamu', 'trainer-password-1');
  r = await web.post(`/permohonan-akun/${id}/check`, {});
  assert.equal(r.status, 403);
  r = await api('POST', `/account-requests/${id}/check`, desk, {});
  assert.equal(r.status, 200);
  assert.equal(r.json.state, 'checked');
  await api('POST', `/cases/${r.json.case}/cancel`, admin, { reason: 'uji hak akses' });
  // a cancelled request's case may be reopened: the request reads its own state again
  assert.equal((await api('POST', `/cases/${r.json.case}/reopen`, admin)).status, 200);
  assert.equal((await api('GET', `/account-requests/${id}`, admin)).json.state, 'checked');
  await api('POST', `/cases/${r.json.case}/cancel`, admin, { reason: 'uji hak akses' });
});

test('a request pasted with spaces around its fields (an e-mail, a NIP, a name) is taken without them, as the page takes it', async () => {
  const r = await openRequest({ kind: 'pokja', name: ' Sinta Spasi ', nip: ' 199202022015022002 ', agency: 'Dinas Pekerjaan Umum',
    email: 'sinta@batangkab.go.id ', phone: ' 0812 3333 4444', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(r.applicant.name, 'Sinta Spasi');
  assert.equal(r.email, 'sinta@batangkab.go.id');
  await api('POST', `/cases/${r.case}/cancel`, admin, { reason: 'uji spasi' });
});

test('the check says what is there: with replace, a document declared but not handed in is missing; dates of a decree the wrong way round are refused at once', async () => {
  let r = await openRequest({ kind: 'pokja', name: 'Rudi Cek', nip: '198811202010011008', agency: 'Dinas Pendidikan',
    email: 'rudi.cek@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const x = await api('POST', `/account-requests/${r.id}/check`, desk, { docs: ['letter', 'personal_data'], replace: true, note: 'SK tidak dilampirkan' });
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.state, 'checked');
  assert.deepEqual(x.json.missing, ['decree']);
  assert.match(await stepNote(r.case, 2), /^berkas belum lengkap, kurang: SK[^;]*; SK tidak dilampirkan$/);
  // the files' names in the reader's language too; the person's note as written
  assert.equal(await stepNote(r.case, 2, 'en'), 'files not complete, missing: Decree (SK) or assignment letter appointing the candidate; SK tidak dilampirkan');
  // a note kept before (the names in the office's words, as plain text) reads as it was
  const kept = `(SELECT max(s.id) FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${r.case}' AND s.no=2)`;
  const note0 = q(`SELECT note FROM case_step WHERE id=${kept}`);
  q(`UPDATE case_step SET note = char(30) || 'files not complete, missing: %s' || char(31) || 'SK atau surat penunjukan calon pengguna' WHERE id=${kept}`);
  assert.equal(await stepNote(r.case, 2, 'en'), 'files not complete, missing: SK atau surat penunjukan calon pengguna');
  assert.equal(await stepNote(r.case, 2), 'berkas belum lengkap, kurang: SK atau surat penunjukan calon pengguna');
  assert.ok(note0.length > 0);
  const bad = await api('POST', '/account-requests', desk, { kind: 'pokja', name: 'Salah Tanggal', nip: '198811202010011009', agency: 'Dinas X',
    email: 'salah@batangkab.go.id', valid_from: '2026-05-01', valid_until: '2026-01-01' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'valid_until');
  assert.match(bad.json.error.message, /tidak boleh sebelum tanggal mulai berlakunya akun/);
  assert.doesNotMatch(bad.json.error.message, /valid_from/, 'words, not a field name');
});

test('a request for a new account whose decree (appointment letter) has expired is refused naming valid_until; one valid through today is taken', async () => {
  const day = (n) => new Date(Date.now() + 7 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);   // the office's day (WIB), n days on
  const ask = (nip, until) => api('POST', '/account-requests', desk, { kind: 'ppk', name: 'Sari Kedaluwarsa', nip, agency: 'Dinas Pendidikan',
    email: `sari.${nip.slice(-3)}@batangkab.go.id`, sk_number: 'SK-9/2025', valid_from: '2025-01-02', valid_until: until });
  let r = await ask('198203142006042101', day(-2));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'valid_until');
  assert.match(r.json.error.message, /^Tanggal akhir berlaku sudah lewat: /, r.text);
  assert.match(r.json.error.message, /kedaluwarsa/, r.text);
  r = await ask('198203142006042102', day(1));
  assert.equal(r.status, 201, r.text);
});

test('a request refuses a member its kind does not read, a decree not yet in force, and a reactivation on an expired or garbled decree, naming each; nothing is opened', async () => {
  const day = (n) => new Date(Date.now() + 7 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);   // the office's day (WIB), n days on
  const before = q('SELECT count(*) FROM account_request');
  const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field).sort();
  const ppk = { kind: 'ppk', name: 'Tono Baru', nip: '198405052010011007', agency: 'Dinas Pendidikan', email: 'tono@batangkab.go.id' };
  // a new account's user ID is given when it is carried out; a lookup is a forgotten ID's: not dropped in silence
  let r = await api('POST', '/account-requests', desk, { ...ppk, user_id: 'tono.ppk', lookup: 'tono@batangkab.go.id' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['lookup', 'user_id'], r.text);
  assert.match(r.json.error.fields.find((f) => f.field === 'user_id').message, /^User ID diberikan saat permohonan dilaksanakan/);
  // a decree that begins after today is not in force yet
  r = await api('POST', '/account-requests', desk, { ...ppk, valid_from: day(30), valid_until: day(400) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'valid_from');
  assert.match(r.json.error.message, /^Tanggal mulai berlaku belum tiba: surat penunjukan \(SK\) belum berlaku/);
  // a forgotten ID has no decree
  r = await api('POST', '/account-requests?lang=en', desk, { kind: 'forgotten', lookup: 'tono@batangkab.go.id', name: 'Tono', email: 'tono@batangkab.go.id',
    sk_number: 'SK-1', valid_from: 'kemarin' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['sk_number', 'valid_from'], r.text);
  // a deactivation or reactivation checks the decree's days it carries; a reactivation needs it in force
  assert.equal((await api('POST', '/directory', desk, { kind: 'person', name: 'Tono Lama', nip: '197905052005011004', email: 'tono.lama@batangkab.go.id' })).status, 201);
  assert.equal((await api('POST', '/accounts', admin, { user_id: 'tono.lama', kind: 'pokja', holder: '197905052005011004' })).status, 201);
  assert.equal((await api('POST', '/accounts/tono.lama/status', admin, { status: 'inactive', reason: 'SK berakhir' })).status, 200);
  r = await api('POST', '/account-requests', desk, { kind: 'reactivate', user_id: 'tono.lama', valid_from: day(-400), valid_until: day(-2) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'valid_until');
  r = await api('POST', '/account-requests', desk, { kind: 'reactivate', user_id: 'tono.lama', valid_from: 'kemarin', valid_until: 'zz', name: 'Tono' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['valid_from', 'valid_until'], r.text);
  r = await api('POST', '/account-requests', desk, { kind: 'reactivate', user_id: 'tono.lama', lookup: '197905052005011004' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'lookup');
  assert.equal(q('SELECT count(*) FROM account_request'), before);
  // a forgotten ID of an inactive account: refused when it is opened (it could not be reset once
  // approved); the holder asks for reactivation
  r = await api('POST', '/account-requests', desk, { kind: 'forgotten', lookup: '197905052005011004', docs: ['letter', 'personal_data'] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'lookup');
  assert.match(r.json.error.message, /BTG-019/);
  assert.equal(q('SELECT count(*) FROM account_request'), before);
  // in force: taken
  r = await api('POST', '/account-requests', desk, { kind: 'reactivate', user_id: 'tono.lama', sk_number: 'SK-2', valid_from: day(0), valid_until: day(365),
    docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(r.status, 201, r.text);
  // the request shows the decree it gives; carried out, the account holds that decree from now on
  assert.deepEqual([r.json.sk_number, r.json.valid_from, r.json.valid_until], ['SK-2', day(0), day(365)]);
  assert.equal((await api('GET', `/account-requests/${r.json.id}`, desk)).json.valid_until, day(365));
  assert.equal((await api('POST', `/account-requests/${r.json.id}/check`, desk, {})).status, 200);
  const x = await api('POST', `/account-requests/${r.json.id}/execute`, agency, {});
  assert.equal(x.status, 200, x.text);
  const acc = (await api('GET', '/accounts/tono.lama', desk)).json;
  assert.equal(acc.status, 'active');
  assert.equal(acc.valid_until, day(365), 'the year-end review judges it by the new decree');
  assert.deepEqual(acc.history.map((e) => e.action), ['create', 'deactivate', 'activate', 'decree']);
  assert.equal(q("SELECT detail FROM audit WHERE action='account.decree' AND object='tono.lama'"), `- ?..? -> SK-2 ${day(0)}..${day(365)}`);
  const page = await (await webSession(s.url)).get('/akun-spse/tono.lama');
  assert.match(page.text, /SK diperbarui/);
});

test('BTG-019: a deactivation giving another official\'s NIP than the account holder\'s is refused naming nip (the wrong user ID typed); the holder\'s NIP, as written on a letter, is taken', async () => {
  assert.equal((await api('POST', '/directory', desk, { kind: 'person', name: 'Wati Pokja', nip: '198106062006042003', email: 'wati@batangkab.go.id' })).status, 201);
  assert.equal((await api('POST', '/accounts', admin, { user_id: 'wati.pokja', kind: 'pokja', holder: '198106062006042003' })).status, 201);
  const before = q('SELECT count(*) FROM account_request');
  let r = await api('POST', '/account-requests', desk, { kind: 'deactivate', user_id: 'wati.pokja', name: 'Joko', nip: '197707072000031002' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'nip');
  assert.equal(r.json.error.message, 'NIP bukan NIP pemegang akun ini: periksa user ID-nya');
  assert.equal(q('SELECT count(*) FROM account_request'), before);
  r = await api('POST', '/account-requests', desk, { kind: 'deactivate', user_id: 'wati.pokja', nip: 'NIP. 19810606 200604 2 003' });
  assert.equal(r.status, 201, r.text);
});

test('OI-03/04/05: the completeness check of an incomplete file (a sekretaris) records step 2 only; the Pengarah\'s review (step 3) stays open, untimed by the check, until the Pengarah sends it back', async () => {
  addUser(s.dir, 'sari-sek', 'sekretaris', 'sekretaris-password-1');
  const sek = await login(s.url, 'sari-sek', 'sekretaris-password-1');
  addUser(s.dir, 'pak-kepala', 'ketua', 'ketua-password-1');
  const ketua = await login(s.url, 'pak-kepala', 'ketua-password-1');
  for (const [kind, extra] of [['pokja', {}], ['ppk', {}], ['forgotten', { lookup: '199001012015031001' }]]) {
    const nip = { pokja: '198811202010011011', ppk: '198811202010011012', forgotten: '199001012015031001' }[kind];
    const r = await openRequest({ kind, name: `Cek ${kind}`, nip, agency: 'Dinas Pendidikan', email: `cek.${kind}@batangkab.go.id`,
      docs: ['letter'], ...extra }, sek);
    const x = await api('POST', `/account-requests/${r.id}/check`, sek, {});
    assert.equal(x.status, 200, x.text);
    assert.equal(x.json.state, 'checked', kind);
    assert.equal(x.json.current_step, 3, kind);
    assert.ok(x.json.missing.includes('personal_data'), kind);
    const rows = q(`SELECT s.no || '|' || coalesce(s.done_by,'') || '|' || coalesce(s.outcome,'') FROM case_step s JOIN kasus k ON k.id=s.case_id`
      + ` WHERE k.number='${r.case}' ORDER BY s.id`).split('\n');
    assert.deepEqual(rows, ['1|sari-sek|done', '2|sari-sek|done', '3||'], `${kind}: the review is not recorded by the check`);
    // nor can the sekretaris take the review by the general step form (the request's own page owns it)
    const direct = await api('POST', `/cases/${r.case}/steps/3`, sek, { outcome: 'no' });
    assert.ok([403, 409].includes(direct.status), direct.text);
    // nor by the request's own action: the review is the Pengarah's (SOP 03/04/05, column Pengarah LPSE),
    // not the one who checked the file, nor the Ketua's
    for (const [who, tok] of [['sekretaris', sek], ['ketua', ketua]]) {
      const own = await api('POST', `/account-requests/${r.id}/approve`, tok, { approve: false, note: 'kembalikan' });
      assert.equal(own.status, 403, `${who}: ${own.text}`);
      const w = await webSession(s.url, who === 'ketua' ? 'pak-kepala' : 'sari-sek', `${who}-password-1`);
      const view = await w.get(`/permohonan-akun/${r.id}`);
      assert.doesNotMatch(view.text, /action="\/permohonan-akun\/\d+\/approve"/, `${who}: no review form on the page`);
      const page = await w.post(`/permohonan-akun/${r.id}/approve`, { csrf: w.csrf, approve: '0', note: 'kembalikan' });
      assert.equal(page.status, 403, `${who} by the page`);
    }
    assert.equal(q(`SELECT state FROM account_request WHERE id=${r.id}`), 'checked', 'the refusals changed nothing');
    const y = await api('POST', `/account-requests/${r.id}/approve`, boss, { approve: false });
    assert.equal(y.status, 200, y.text);
    assert.equal(y.json.state, 'returned');
    assert.equal(y.json.current_step, 6);
    assert.equal(q(`SELECT done_by FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE k.number='${r.case}' AND s.no=3`), 'pak-ketua');
  }
});

test('one request for a new account of a kind per person at a time: the second is refused at the desk; another kind, or after a cancel, is taken', async () => {
  const body = { kind: 'pokja', name: 'Nur Ganda', nip: '198702152010012001', agency: 'Dinas Pendidikan', email: 'nur.ganda@batangkab.go.id',
    docs: ['letter', 'decree', 'personal_data'] };
  const first = await openRequest(body);
  const requests0 = q('SELECT count(*) FROM account_request');
  let r = await api('POST', '/account-requests', desk, { ...body, channel: 'walk_in', nip: '19870215 201001 2 001' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'nip');
  assert.match(r.json.error.message, /sudah memiliki permohonan akun jenis ini yang sedang diproses/);
  assert.equal(q('SELECT count(*) FROM account_request'), requests0, 'nothing opened the second time');
  // a PPK account for the same official is another request
  const ppk = await openRequest({ ...body, kind: 'ppk' });
  assert.notEqual(ppk.case, first.case);
  // the first cancelled: a new one is taken
  r = await request(s.url, 'POST', `/api/v1/cases/${first.case}/cancel`, { token: admin, body: { reason: 'surat dikirim ulang' } });
  assert.equal(r.status, 200, r.text);
  const again = await openRequest(body);
  assert.notEqual(again.case, first.case);
});

test('OI-03 (Pokja) complete at once; sent back at approval with a reason, then approved', async () => {
  let r = await openRequest({ kind: 'pokja', name: 'Yusuf Hidayat', nip: '198811202010011004', agency: 'Dinas Pendidikan',
    email: 'yusuf@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const id = r.id;
  r = (await api('POST', `/account-requests/${id}/check`, desk, {})).json;
  assert.equal(r.state, 'checked');
  let x = await api('POST', `/account-requests/${id}/approve`, boss, { approve: false });
  assert.equal(x.status, 400);
  assert.equal(x.json.error.field, 'note');
  x = await api('POST', `/account-requests/${id}/approve`, boss, { approve: false, note: 'SK belum ditandatangani' });
  assert.equal(x.json.state, 'returned');
  assert.equal(x.json.current_step, 6);
  assert.match(q(`SELECT body FROM outbox WHERE to_addr='yusuf@batangkab.go.id' ORDER BY id DESC LIMIT 1`), /SK belum ditandatangani/);
  assert.doesNotMatch(q(`SELECT body FROM outbox WHERE to_addr='yusuf@batangkab.go.id' ORDER BY id DESC LIMIT 1`), /belum lengkap:\s*\n\s*-\s*\n/,
    'sent back at approval with nothing missing: no empty list of missing documents');
  await api('POST', `/account-requests/${id}/resubmit`, desk, { docs: [] });
  await api('POST', `/account-requests/${id}/check`, desk, {});
  await api('POST', `/account-requests/${id}/approve`, boss, { approve: true });
  x = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'dewi.ppk' });
  assert.equal(x.status, 409, 'a user ID is unique in the office');
  x = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'DEWI.PPK' });
  assert.equal(x.status, 409, 'whatever the case of its letters (SPSE reads them alike)');
  x = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'yusuf.pokja' });
  assert.equal(x.status, 200, x.text);
  assert.equal((await api('GET', '/accounts/yusuf.pokja', desk)).json.kind, 'pokja');
  // an action out of order is a conflict naming the state
  x = await api('POST', `/account-requests/${id}/check`, desk, {});
  assert.equal(x.status, 409);
  assert.equal(x.json.error.field, 'state');
});

test('OI-05: a forgotten user ID found by NIP or by e-mail; unknown ones say so', async () => {
  let f = await api('GET', '/accounts?who=198203142006042002', desk);
  assert.deepEqual(f.json.accounts.map((a) => a.user_id), ['dewi.ppk']);
  f = await api('GET', '/accounts?who=DEWI@batangkab.go.id', desk);
  assert.deepEqual(f.json.accounts.map((a) => a.user_id), ['dewi.ppk']);
  // the list's kind takes only an account kind: one mistyped is 400 naming it, not an empty list
  f = await api('GET', '/accounts?kind=ppk&who=DEWI@batangkab.go.id', desk);
  assert.deepEqual(f.json.accounts.map((a) => a.user_id), ['dewi.ppk']);
  f = await api('GET', '/accounts?kind=PPK', desk);
  assert.equal(f.status, 400, f.text);
  assert.equal(f.json.error.field, 'kind');
  // who is a NIP or an e-mail: one typed wrong (17 digits, a name) is 400 naming who, not "no account",
  // which would read as if the official had none; a NIP written with its spaces and label is taken
  for (const who of ['19820314200604200', 'Dewi Lestari', 'dewi@']) {
    f = await api('GET', `/accounts?who=${encodeURIComponent(who)}&lang=en`, desk);
    assert.equal(f.status, 400, `${who}: ${f.text}`);
    assert.equal(f.json.error.field, 'who');
    assert.equal(f.json.error.message, 'who must be a NIP or an e-mail address');
  }
  f = await api('GET', `/accounts?who=${encodeURIComponent('NIP. 19820314 200604 2 002')}`, desk);
  assert.deepEqual(f.json.accounts.map((a) => a.user_id), ['dewi.ppk']);
  {
    const web = await webSession(s.url);
    let page = await web.get('/akun-spse?who=19820314200604200');
    assert.equal(page.status, 400);
    assert.match(page.text, /<input id="f-who" name="who" value="19820314200604200" aria-invalid="true">/);
    assert.match(page.text, /Lupa user ID: tulis NIP \(18 digit\) atau alamat e-mail pemegang akun/);
    assert.doesNotMatch(page.text, /Tidak ada akun/);
    page = await web.get('/akun-spse?who=198203142006042002');
    assert.equal(page.status, 200);
    assert.match(page.text, /dewi\.ppk/);
  }
  let r = await openRequest({ kind: 'forgotten', channel: 'email', name: 'Dewi Lestari', lookup: 'dewi@batangkab.go.id', docs: ['letter', 'personal_data'] });
  const id = r.id;
  assert.equal(r.email, 'dewi@batangkab.go.id');
  await api('POST', `/account-requests/${id}/check`, desk, {});
  await api('POST', `/account-requests/${id}/approve`, boss, { approve: true });
  // an account named that is not hers is refused, not another one reset in its place
  r = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'yusuf.pokja' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'user_id');
  r = await api('POST', `/account-requests/${id}/execute`, agency, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user_id, 'dewi.ppk');
  assert.match(r.json.link, /^\/kredensial\//);
  const h = (await api('GET', '/accounts/dewi.ppk', desk)).json.history;
  assert.equal(h.at(-1).action, 'reset');
  // nobody with that NIP: the request cannot be carried out, and says why
  r = await openRequest({ kind: 'forgotten', name: 'Orang Lain', lookup: '199001012015011001', email: 'lain@batangkab.go.id', docs: ['letter', 'personal_data'] });
  await api('POST', `/account-requests/${r.id}/check`, desk, {});
  await api('POST', `/account-requests/${r.id}/approve`, boss, { approve: true });
  const x = await api('POST', `/account-requests/${r.id}/execute`, agency, {});
  assert.equal(x.status, 404);
  assert.equal(x.json.error.field, 'lookup');
  assert.match(x.json.error.message, /Akun SPSE/, 'it says what to do');
  // not stuck: the account, made before Loket kept its register, is entered, and the request is carried out
  const late = await openRequest({ kind: 'forgotten', name: 'Rahmat Lama', lookup: '199202022016021002', email: 'rahmat@batangkab.go.id', docs: ['letter', 'personal_data'] });
  await api('POST', `/account-requests/${late.id}/check`, desk, {});
  await api('POST', `/account-requests/${late.id}/approve`, boss, { approve: true });
  assert.equal((await api('POST', `/account-requests/${late.id}/execute`, agency, {})).status, 404);
  const entered = await api('POST', '/accounts', admin, { user_id: 'rahmat.pokja', kind: 'pokja', holder: '199202022016021002' });
  assert.equal(entered.status, 201, entered.text);
  const y = await api('POST', `/account-requests/${late.id}/execute`, agency, {});
  assert.equal(y.status, 200, y.text);
  assert.equal(y.json.user_id, 'rahmat.pokja');
  // the lookup alone (docs/api.md): the applicant is the holder the register finds, the same
  // directory entry (not a second one), written to at the address held
  const entries = q(`SELECT count(*) FROM party WHERE nip='198203142006042002'`);
  r = await openRequest({ kind: 'forgotten', channel: 'phone', lookup: '198203142006042002', docs: ['letter', 'personal_data'] });
  assert.equal(r.applicant.name, 'Dewi Lestari');
  assert.equal(r.email, 'dewi@batangkab.go.id');
  assert.equal(q(`SELECT count(*) FROM party WHERE nip='198203142006042002'`), entries, 'no second directory entry');
  const cancelled = await api('POST', `/cases/${r.case}/cancel`, desk, { reason: 'uji' });
  assert.equal(cancelled.status, 200, cancelled.text);
  // a lookup by NIP the register does not know: the applicant must be named, and is found by that NIP
  const noName = await api('POST', '/account-requests', desk, { kind: 'forgotten', lookup: '199001012015011001', email: 'lain@batangkab.go.id' });
  assert.equal(noName.status, 400, noName.text);
  assert.equal(noName.json.error.field, 'name');
  assert.equal(q(`SELECT count(*) FROM party WHERE nip='199001012015011001'`), '1', 'the earlier applicant of that NIP, once');
  // a lookup that is neither a NIP nor an e-mail is refused at once
  const bad = await api('POST', '/account-requests', desk, { kind: 'forgotten', name: 'X', lookup: 'dewi', email: 'x@y.id' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'lookup');
  // the lookup pasted from a mail program, Name <address>: the address finds the account and is
  // kept; the name is the applicant's when the register does not know the address and no name is
  // given; the form written wrong is refused naming lookup
  let named = await openRequest({ kind: 'forgotten', channel: 'email', lookup: '"Lestari, Dewi" <dewi@batangkab.go.id>', docs: ['letter', 'personal_data'] });
  assert.equal(named.lookup, 'dewi@batangkab.go.id');
  assert.equal(named.email, 'dewi@batangkab.go.id');
  assert.equal(named.applicant.name, 'Dewi Lestari', 'the holder the register finds');
  assert.equal((await api('POST', `/cases/${named.case}/cancel`, desk, { reason: 'uji' })).status, 200);
  named = await openRequest({ kind: 'forgotten', channel: 'email', lookup: 'Orang Baru <orang.baru@batangkab.go.id>', docs: ['letter', 'personal_data'] });
  assert.deepEqual([named.lookup, named.email, named.applicant.name], ['orang.baru@batangkab.go.id', 'orang.baru@batangkab.go.id', 'Orang Baru']);
  assert.equal((await api('POST', `/cases/${named.case}/cancel`, desk, { reason: 'uji' })).status, 200);
  for (const lookup of ['Dewi <dewi@batangkab.go.id', 'Dewi <dewi@batangkab.go.id> x', 'Dewi <dewi>']) {
    const r2 = await api('POST', '/account-requests', desk, { kind: 'forgotten', name: 'X', lookup, email: 'x@y.id' });
    assert.equal(r2.status, 400, `${lookup}: ${r2.text}`);
    assert.equal(r2.json.error.field, 'lookup');
  }
});

test('BTG-019: deactivation returned then complete; reactivation gives a new link; the history names each request', async () => {
  // the forms name the officer as people know them (the full name), not by the login name
  assert.equal((await api('PATCH', '/users/rina', admin, { full_name: 'Rina Helpdesk' })).status, 200);
  let r = await openRequest({ kind: 'deactivate', user_id: 'yusuf.pokja', docs: ['letter'] });
  const twice = await api('POST', '/account-requests', desk, { kind: 'deactivate', user_id: 'yusuf.pokja', docs: ['letter'] });
  assert.equal(twice.status, 409, 'one request at a time per account: the second would be stuck');
  assert.equal(twice.json.error.field, 'user_id');
  const id = r.id;
  assert.equal(r.current_step, 3, 'received (step 2) as it came in: the check (step 3) is timed from then');
  // BTG-019 step 2: the files handed in at the desk go on a handover form linked to the case
  assert.match(q(`SELECT items || '|' || from_name || '|' || to_name FROM handover WHERE case_number='${r.case}'`),
    /^Surat permohonan kepada Kepala LPSE[^|]*\|Yusuf[^|]*\|Rina Helpdesk$/);
  r = (await api('POST', `/account-requests/${id}/check`, desk, {})).json;
  assert.equal(r.state, 'returned');
  assert.deepEqual(r.missing, ['decree', 'personal_data']);
  assert.equal(r.current_step, 4);
  r = (await api('POST', `/account-requests/${id}/resubmit`, desk, { docs: ['decree', 'personal_data'] })).json;
  r = (await api('POST', `/account-requests/${id}/check`, desk, {})).json;
  assert.equal(r.state, 'approved', 'BTG-019 goes from a complete file straight to Admin Agency');
  assert.equal(r.current_step, 6);
  const named = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'dewi.ppk' });
  assert.equal(named.status, 400, 'the request names its account: another user_id is refused, not ignored');
  r = (await api('POST', `/account-requests/${id}/execute`, agency, {})).json;
  assert.equal(r.link, null, 'nothing secret on deactivation');
  assert.equal((await api('GET', '/accounts/yusuf.pokja', desk)).json.status, 'inactive');
  r = (await api('POST', `/account-requests/${id}/notify`, desk)).json;
  assert.equal(r.current_step, 9);
  const done = q(`SELECT body FROM outbox WHERE subject LIKE '%selesai%' ORDER BY id DESC LIMIT 1`);
  assert.match(done, /Status:\s+nonaktif/);
  assert.doesNotMatch(done, /tautan|kata sandi/i, 'a deactivation mail speaks of no link nor password');
  r = (await api('POST', `/account-requests/${id}/archive`, desk)).json;
  assert.equal(r.case_status, 'archived');
  // deactivating it again is refused: it is inactive
  let x = await api('POST', '/account-requests', desk, { kind: 'deactivate', user_id: 'yusuf.pokja' });
  assert.equal(x.status, 409);
  assert.equal(x.json.error.field, 'user_id');
  r = await openRequest({ kind: 'reactivate', user_id: 'yusuf.pokja', docs: ['letter', 'decree', 'personal_data'] });
  await api('POST', `/account-requests/${r.id}/check`, desk, {});
  x = await api('POST', `/account-requests/${r.id}/execute`, agency, {});
  assert.match(x.json.link, /^\/kredensial\/[0-9a-f]{64}$/);
  const h = (await api('GET', '/accounts/yusuf.pokja', desk)).json.history;
  assert.deepEqual(h.map((e) => [e.action, e.from ?? null, e.to, e.by]), [
    ['create', null, 'active', 'agus'], ['deactivate', 'active', 'inactive', 'agus'], ['activate', 'inactive', 'active', 'agus'],
  ]);
  assert.ok(h[1].case && h[2].case && h[1].case !== h[2].case);
  // the recap counts the deactivation and the reactivation apart, once both cases are closed
  assert.equal((await api('POST', `/account-requests/${r.id}/notify`, desk)).json.current_step, 9);
  assert.equal((await api('POST', `/account-requests/${r.id}/archive`, desk)).json.case_status, 'archived');
  const day = (d) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10);
  const rr = await api('GET', `/reports/recaps/akun?from=${day(-5)}&to=${day(5)}`, admin);
  assert.equal(rr.status, 200, JSON.stringify(rr.json));
  const recap = rr.json;
  assert.deepEqual(recap.columns.slice(3), ['Dinonaktifkan', 'Diaktifkan kembali']);
  assert.deepEqual(recap.total.slice(3), [1, 1]);
  assert.equal(recap.rows.filter((w) => w.values[3] && w.values[4]).length, 1, 'both on one day');
  // the page and its CSV export carry both columns
  const web = await webSession(s.url);
  const page = await web.get(`/laporan/rekap/akun?from=${day(-5)}&to=${day(5)}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<th[^>]*>Dinonaktifkan<\/th>/);
  assert.match(page.text, /<th[^>]*>Diaktifkan kembali<\/th>/);
  const csv = await web.get(`/laporan/rekap/akun?from=${day(-5)}&to=${day(5)}&format=csv`);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.match(lines[0], /Dinonaktifkan.*Diaktifkan kembali/);
  assert.ok(lines.some((l) => /,1,1$/.test(l) || /;1;1$/.test(l)), csv.text);
});

test('sealed letter instead of the link: the PDF carries the user ID and password, once; the link is used up; the notice says so', async () => {
  let r = await openRequest({ kind: 'pokja', name: 'Rina Surat', nip: '199001012015012001', agency: 'Dinas Pendidikan', email: 'rina.surat@batangkab.go.id', docs: ['letter', 'decree', 'personal_data'] });
  const id = r.id;
  await api('POST', `/account-requests/${id}/check`, desk, {});
  await api('POST', `/account-requests/${id}/approve`, boss, { approve: true });
  r = await api('POST', `/account-requests/${id}/execute`, agency, { user_id: 'rina.surat' });
  const token = r.json.link.split('/').pop();
  assert.equal((await api('POST', `/account-requests/${id}/letter`, desk)).status, 403, 'only Admin Agency prints it');
  assert.equal((await api('PATCH', '/users/agus', admin, { full_name: 'Agus Salim' })).status, 200);
  const res = await fetch(`${s.url}/api/v1/account-requests/${id}/letter`, { method: 'POST', headers: { Authorization: `Bearer ${agency}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('x-handover-form'), new RegExp(`^ST-${YEAR}-\\d{4}$`));
  const handoverNo = res.headers.get('x-handover-form');
  const file = join(s.dir, 'surat.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /RAHASIA/);
  assert.match(text, /Yth\. Rina Surat/);
  assert.match(text, /NIP 199001012015012001/);
  assert.match(text, /User ID\s+rina\.surat/);
  // the sealed letter handed over: a handover form, linked to the case, with no secret in it; by the
  // officer's full name (given above), not the login name
  const caseNo = q(`SELECT k.number FROM account_request r JOIN kasus k ON k.id=r.case_id WHERE r.id=${id}`);
  assert.equal(q(`SELECT items || '|' || from_name || '|' || to_name FROM handover WHERE case_number='${caseNo}'`),
    'Surat tertutup (amplop tersegel) berisi user ID rina.surat dan kata sandi SPSE|Agus Salim|Rina Surat');
  assert.equal(q(`SELECT number FROM handover WHERE case_number='${caseNo}'`), handoverNo);
  const pw = text.match(/Kata sandi\s+(\S{16})\s*$/m)[1];
  assert.ok(!wholeDb().includes(Buffer.from(pw)), 'the password is not in the database');
  // once: the letter again, and the link, are refused
  const again = await api('POST', `/account-requests/${id}/letter`, agency);
  assert.equal(again.status, 409);
  assert.equal(again.json.error.field, 'link');
  assert.equal((await request(s.url, 'POST', `/api/v1/credentials/${token}`)).status, 410);
  assert.equal(q(`SELECT count(*) FROM audit WHERE action='credential.letter' AND object='account_request/${id}'`), '1');
  await api('POST', `/account-requests/${id}/notify`, desk);
  const notice = q("SELECT body FROM outbox WHERE to_addr='rina.surat@batangkab.go.id' ORDER BY id DESC LIMIT 1");
  assert.match(notice, /surat tertutup/);
  assert.ok(!notice.includes('/kredensial/') && !notice.includes(pw));
});

test('the steps of a request\'s case go through the request: the general step form refuses them, naming where', async () => {
  const r = await api('POST', '/account-requests', desk, { kind: 'ppk', name: 'Rahmat Langkah', nip: '197912122005011004',
    agency: 'Dinas Pendidikan', email: 'rahmat.l@batangkab.go.id', docs: ['letter'] });
  assert.equal(r.status, 201, r.text);
  const number = r.json.case;
  const k = await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: admin });
  const step = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/${k.json.current_step}`, { token: admin, body: {} });
  assert.equal(step.status, 409, step.text);
  assert.equal(step.json.error.field, 'no');
  assert.match(step.json.error.message, /account-requests|permohonan akun/);
  assert.equal((await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: admin })).json.current_step, k.json.current_step);
});

test('portal: a public request opens a case; the form is rate-limited per address', async () => {
  const body = { kind: 'ppk', name: 'Rahmat Portal', nip: '197912122005011002', agency: 'Dinas Pendidikan', email: 'rahmat@batangkab.go.id', docs: ['letter'] };
  let r = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { received: true, kind: 'ppk' }, 'no case number: it goes by e-mail');
  const rahmat = q("SELECT k.number || '|' || k.channel || '|' || r.email FROM account_request r JOIN kasus k ON k.id=r.case_id JOIN party p ON p.id=r.person_id WHERE p.nip='197912122005011002'");
  assert.match(rahmat, /^LPSE-[^|]+\|portal\|rahmat@batangkab\.go\.id$/);
  assert.match(q("SELECT subject FROM outbox WHERE to_addr='rahmat@batangkab.go.id' ORDER BY id DESC LIMIT 1"), /diterima/);
  r = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { ...body, channel: 'letter' } });
  assert.equal(r.status, 400, 'the portal does not choose its channel');
  // the hidden field robots fill is refused
  r = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { ...body, nip: '197912122005011003', website: 'http://spam.example' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'website');
  // privacy: whether a user ID, NIP or e-mail is in the register is never told, and only the
  // address the directory holds is written to
  const requests0 = q('SELECT count(*) FROM account_request'), mails0 = q('SELECT count(*) FROM outbox');
  const ask = (b) => request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { docs: ['letter'], ...b } });
  const unknownId = await ask({ kind: 'deactivate', user_id: 'tidak.ada', email: 'penyelidik@contoh.id' });
  const unknownNip = await ask({ kind: 'forgotten', name: 'Penyelidik', lookup: '199901012020011009', email: 'penyelidik@contoh.id' });
  for (const x of [unknownId, unknownNip]) assert.deepEqual([x.status, x.json.received], [202, true], x.text);
  assert.equal(q('SELECT count(*) FROM account_request'), requests0, 'nothing opened for what is not ours');
  assert.equal(q('SELECT count(*) FROM outbox'), mails0, 'nobody written to');
  assert.equal(q("SELECT count(*) FROM party WHERE email='penyelidik@contoh.id'"), '0');
  assert.equal(q("SELECT count(*) FROM audit WHERE action='account_request.portal_unmatched'"), '2');
  // Dewi's e-mail is ours: the same answer, and the receipt goes to her address, not the one given
  const known = await ask({ kind: 'forgotten', name: 'Siapa Saja', lookup: 'dewi@batangkab.go.id', email: 'penyelidik@contoh.id' });
  assert.equal(known.status, unknownNip.status);
  assert.deepEqual(known.json, unknownNip.json);
  assert.equal(q("SELECT count(*) FROM outbox WHERE to_addr='penyelidik@contoh.id'"), '0');
  assert.equal(q("SELECT email FROM account_request ORDER BY id DESC LIMIT 1"), 'dewi@batangkab.go.id');
  assert.match(q("SELECT to_addr || ' ' || subject FROM outbox ORDER BY id DESC LIMIT 1"), /^dewi@batangkab\.go\.id Permohonan LPSE-/);
  // her NIP on a new-account request with another address: the receipt goes to the one held
  const nip = await ask({ kind: 'ppk', name: 'Dewi L.', nip: '198203142006042002', agency: 'Dinas Pendidikan', email: 'penyelidik@contoh.id' });
  assert.equal(nip.status, 202, nip.text);
  assert.equal(q("SELECT count(*) FROM outbox WHERE to_addr='penyelidik@contoh.id'"), '0');
  assert.equal(q("SELECT to_addr FROM outbox ORDER BY id DESC LIMIT 1"), 'dewi@batangkab.go.id');
  // Rahmat's form sent again while his first request is open: the same answer, nothing opened
  const requests1 = q('SELECT count(*) FROM account_request');
  r = await request(s.url, 'POST', '/api/v1/portal/account-requests', { body });
  assert.deepEqual([r.status, r.json.received], [202, true], r.text);
  assert.equal(q('SELECT count(*) FROM account_request'), requests1);
  // the portal's limit per address (shared with its other forms): 10 submissions an hour, as
  // the portal's tickets counts only those taken (6 so far: the two refused above are not), so
  // that a form sent back for a typo does not use up the applicant's hour
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { kind: 'ppk' } })).status);
  for (let i = 0; i < 6; i++) statuses.push((await ask({ kind: 'deactivate', user_id: `tidak.ada${i}` })).status);
  assert.deepEqual(statuses, [400, 400, 400, 202, 202, 202, 202, 429, 429]);
  const last = await ask({ kind: 'deactivate', user_id: 'tidak.ada' });
  assert.equal(last.status, 429);
  assert.ok(Number(last.headers.get('retry-after')) > 3500 && Number(last.headers.get('retry-after')) <= 3600, last.headers.get('retry-after'));
  assert.equal((await request(s.url, 'POST', '/api/v1/portal/account-requests', { body: { kind: 'ppk' } })).status, 400, 'its input is still said');
  assert.equal(q("SELECT count FROM portal_guard WHERE kind='submit'"), '10');
});

test('year end: the review lists the PPK accounts by the rule; confirmed, one transaction; undone per account by reactivation', async () => {
  await api('POST', '/directory', desk, { kind: 'person', name: 'Hadi', nip: '197001011995031001', agency: 'Dinas Pendidikan', email: 'hadi@batangkab.go.id' });
  let r = await api('POST', '/accounts', agency, { user_id: 'hadi.ppk', kind: 'ppk', holder: '197001011995031001', sk_number: 'SK-1/2020', valid_from: '2020-01-01', valid_until: '2020-12-31' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.agency.name, 'Dinas Pendidikan', 'the holder\'s agency by default');
  r = await api('POST', '/accounts', agency, { user_id: 'x', kind: 'ppk', holder: '197001011995031001', valid_from: '2021-01-01', valid_until: '2020-12-31' });
  assert.equal(r.json.error.field, 'valid_until');
  // expired rule: only the decree that ended
  r = await api('GET', '/year-end', desk);
  assert.deepEqual(r.json.accounts.map((a) => a.user_id), ['hadi.ppk']);
  r = await api('GET', '/year-end?rule=all', desk);
  assert.deepEqual(r.json.accounts.map((a) => a.user_id).sort(), ['dewi.ppk', 'hadi.ppk']);
  assert.equal((await api('POST', '/year-end', desk, { confirm: true })).status, 403);
  assert.equal((await api('POST', '/year-end', agency, {})).status, 400);
  const mails0 = Number(q('SELECT count(*) FROM outbox'));
  r = await api('POST', '/year-end', agency, { confirm: true, expect: 2 });
  assert.equal(r.status, 409, 'the reviewer saw another list');
  assert.equal(r.json.error.field, 'expect');
  assert.equal((await api('GET', '/accounts/hadi.ppk', desk)).json.status, 'active');
  r = await api('POST', '/year-end', agency, { confirm: true, expect: 1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.deactivated, 1);
  assert.equal((await api('GET', '/accounts/hadi.ppk', desk)).json.status, 'inactive');
  // the batch's reason in the history is said in the caller's language, as the account's page says it
  assert.equal((await api('GET', '/accounts/hadi.ppk', desk)).json.history.at(-1).reason, 'akhir tahun (BTG-019 langkah 5)');
  assert.equal((await api('GET', '/accounts/hadi.ppk?lang=en', desk)).json.history.at(-1).reason, 'year end (BTG-019 step 5)');
  assert.equal((await api('GET', '/accounts/dewi.ppk', desk)).json.status, 'active');
  // the holder and the agency were told
  assert.equal(Number(q('SELECT count(*) FROM outbox')), mails0 + 2);
  assert.match(q("SELECT body FROM outbox WHERE to_addr='disdik@batangkab.go.id' ORDER BY id DESC LIMIT 1"), /hadi\.ppk \(Hadi\)/);
  // the day as people write it, not 2026-12-31
  const month = '(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)';
  assert.match(q("SELECT body FROM outbox WHERE to_addr='disdik@batangkab.go.id' ORDER BY id DESC LIMIT 1"), new RegExp(`dinonaktifkan pada \\d{1,2} ${month} \\d{4}:`));
  assert.match(q("SELECT body FROM outbox WHERE to_addr='hadi@batangkab.go.id' ORDER BY id DESC LIMIT 1"), new RegExp(`dinonaktifkan pada \\d{1,2} ${month} \\d{4}\\.`));
  // policy: all at year end
  r = await api('PUT', '/account-policy', agency, { year_end_rule: 'all', link_hours: 24 });
  assert.deepEqual(r.json, { year_end_rule: 'all', link_hours: 24 });
  // a member left out keeps its setting; a bad one changes nothing and is named
  r = await api('PUT', '/account-policy', agency, { link_hours: 36 });
  assert.deepEqual(r.json, { year_end_rule: 'all', link_hours: 36 });
  r = await api('PUT', '/account-policy', agency, { year_end_rule: 'all' });
  assert.deepEqual(r.json, { year_end_rule: 'all', link_hours: 36 });
  r = await api('PUT', '/account-policy', agency, { year_end_rule: 'semua', link_hours: 12 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'year_end_rule');
  r = await api('PUT', '/account-policy', agency, { link_hours: 24 });
  assert.deepEqual(r.json, { year_end_rule: 'all', link_hours: 24 });
  const dry = cli(['accounts', 'year-end', '--dry-run', '--data', s.dir]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`^dewi\\.ppk\tDewi Lestari\tDinas Pendidikan\tSK-027/DISDIK/2026\t${UNTIL}$`, 'm'));
  assert.match(dry.stdout, /1 PPK accounts would be deactivated/);
  assert.equal((await api('GET', '/accounts/dewi.ppk', desk)).json.status, 'active', 'a dry run changes nothing');
  // the command without --dry-run: the office's rule (all) now takes dewi.ppk
  const run = cli(['accounts', 'year-end', '--data', s.dir]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^1 PPK accounts deactivated \(\d{4}-\d{2}-\d{2}\)$/m);
  assert.equal((await api('GET', '/accounts/dewi.ppk', desk)).json.status, 'inactive');
  assert.equal((await api('GET', '/accounts/dewi.ppk', desk)).json.history.at(-1).by, 'cli');
  // undo per account: the reactivation procedure
  r = await openRequest({ kind: 'reactivate', user_id: 'hadi.ppk', docs: ['letter', 'decree', 'personal_data'] });
  await api('POST', `/account-requests/${r.id}/check`, desk, {});
  await api('POST', `/account-requests/${r.id}/execute`, agency, {});
  assert.equal((await api('GET', '/accounts/hadi.ppk', desk)).json.status, 'active');
});

test('a reactivation asked with another address: the link goes to the holder\'s address in the directory', async () => {
  await api('POST', '/directory', desk, { kind: 'person', name: 'Wati', nip: '197502022000032001', email: 'wati@batangkab.go.id' });
  await api('POST', '/accounts', agency, { user_id: 'wati.pp', kind: 'pejabat_pengadaan', holder: '197502022000032001' });
  await api('POST', '/accounts/wati.pp/status', agency, { status: 'inactive', reason: 'mutasi' });
  const p = await api('POST', '/account-requests', desk, { kind: 'reactivate', user_id: 'wati.pp', email: 'orang@lain.example', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.email, 'orang@lain.example');
  const id = p.json.id;
  await api('POST', `/account-requests/${id}/check`, desk, {});
  const x = await api('POST', `/account-requests/${id}/execute`, agency, {});
  assert.match(x.json.link, /^\/kredensial\//);
  await api('POST', `/account-requests/${id}/notify`, desk);
  const token = x.json.link.split('/').pop();
  assert.equal(q(`SELECT to_addr FROM outbox WHERE body LIKE '%${token}%'`), 'wati@batangkab.go.id');
});

test('a request whose case is cancelled reads cancelled, takes no action, and frees its account for a new request', async () => {
  await api('POST', '/directory', desk, { kind: 'person', name: 'Joko Batal', nip: '198003032005011003', email: 'joko.batal@batangkab.go.id' });
  let r = await api('POST', '/accounts', agency, { user_id: 'joko.pp', kind: 'pejabat_pengadaan', holder: '198003032005011003' });
  assert.equal(r.status, 201, r.text);
  const first = await openRequest({ kind: 'deactivate', user_id: 'joko.pp', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(first.state, 'received');
  const cancel = await request(s.url, 'POST', `/api/v1/cases/${first.case}/cancel`, { token: admin, body: { reason: 'surat ditarik pemohon' } });
  assert.equal(cancel.status, 200, cancel.text);
  r = await api('GET', `/account-requests/${first.id}`, desk);
  assert.equal(r.json.state, 'cancelled');
  assert.equal(r.json.case_status, 'cancelled');
  const check = await api('POST', `/account-requests/${first.id}/check`, desk, {});
  assert.equal(check.status, 409, check.text);
  assert.equal(check.json.error.field, 'state');
  // the list filters on it; an unknown state is refused, naming the parameter
  r = await api('GET', '/account-requests?state=cancelled', desk);
  assert.ok(r.json.requests.length >= 1 && r.json.requests.every((x) => x.state === 'cancelled'), r.text);
  assert.equal(r.json.requests[0].id, first.id, 'newest first');
  r = await api('GET', '/account-requests?state=batal', desk);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'state');
  // it pages as the other lists do: next_before names where the next page starts, null on the last
  const all = (await api('GET', '/account-requests?limit=1000', desk)).json;
  assert.ok(all.requests.length >= 2, JSON.stringify(all));
  assert.equal(all.next_before, null);
  r = await api('GET', '/account-requests?limit=1', desk);
  assert.deepEqual(r.json.requests.map((x) => x.id), [all.requests[0].id]);
  assert.equal(r.json.next_before, all.requests[0].id);
  r = await api('GET', `/account-requests?limit=1000&before=${r.json.next_before}`, desk);
  assert.deepEqual(r.json.requests.map((x) => x.id), all.requests.slice(1).map((x) => x.id));
  assert.equal(r.json.next_before, null);
  // archived, the case still ended by a cancel: the request reads cancelled, and neither the
  // recap nor the dashboard counts it as finished
  const day = (d) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10);
  const recap = async () => (await api('GET', `/reports/recaps/akun?from=${day(-5)}&to=${day(5)}`, admin)).json.total;
  const closedToday = async () => (await api('GET', '/reports/dashboard', admin)).json.office.closed_today;
  const [recapBefore, closedBefore] = [await recap(), await closedToday()];
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${first.case}/archive`, { token: admin })).status, 200);
  r = await api('GET', `/account-requests/${first.id}`, desk);
  assert.equal(r.json.state, 'cancelled', r.text);
  assert.equal(r.json.case_status, 'archived');
  r = await api('GET', '/account-requests?state=cancelled', desk);
  assert.ok(r.json.requests.some((x) => x.id === first.id), r.text);
  assert.deepEqual(await recap(), recapBefore);
  assert.equal(await closedToday(), closedBefore);
  // the account is no longer held by the cancelled request
  const second = await openRequest({ kind: 'deactivate', user_id: 'joko.pp', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(second.state, 'received');
  const page = await (await webSession(s.url)).get(`/permohonan-akun/${first.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="state">dibatalkan bersama kasusnya</);
  assert.doesNotMatch(page.text, /action="\/permohonan-akun\/\d+\/check"/, 'no action offered on it');
});

test('a newer credential ends the unopened link before it; a notice after the link was opened says so instead of mailing a dead link', async () => {
  await api('POST', '/directory', desk, { kind: 'person', name: 'Sari Lupa', nip: '198505052010012005', email: 'sari.lupa@batangkab.go.id' });
  const acc = await api('POST', '/accounts', agency, { user_id: 'sari.pp', kind: 'pejabat_pengadaan', holder: '198505052010012005' });
  assert.equal(acc.status, 201, acc.text);
  // two forgotten-ID requests for one account, carried out one after the other
  const carry = async () => {
    const r = await openRequest({ kind: 'forgotten', channel: 'email', name: 'Sari Lupa', lookup: 'sari.lupa@batangkab.go.id', docs: ['letter', 'personal_data'] });
    await api('POST', `/account-requests/${r.id}/check`, desk, {});
    await api('POST', `/account-requests/${r.id}/approve`, boss, { approve: true });
    const x = await api('POST', `/account-requests/${r.id}/execute`, agency, {});
    assert.equal(x.status, 200, x.text);
    return { id: r.id, token: x.json.link.slice('/kredensial/'.length) };
  };
  const a = await carry();
  const b = await carry();
  let l = await request(s.url, 'GET', `/api/v1/credentials/${a.token}`);
  assert.equal(l.status, 410, 'the older link no longer shows a password that is not the account\'s');
  l = await request(s.url, 'POST', `/api/v1/credentials/${a.token}`);
  assert.equal(l.status, 410);
  assert.match(q("SELECT detail FROM audit WHERE action='credential.revoke' ORDER BY id DESC LIMIT 1"), /1 unopened link\(s\) replaced/);
  l = await request(s.url, 'POST', `/api/v1/credentials/${b.token}`);
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.user_id, 'sari.pp');
  // the notices: the replaced link is not mailed as usable, nor the one opened already
  const notice = async (id) => {
    assert.equal((await api('POST', `/account-requests/${id}/notify`, desk)).status, 200);
    return q("SELECT body FROM outbox WHERE to_addr='sari.lupa@batangkab.go.id' ORDER BY id DESC LIMIT 1");
  };
  let body = await notice(a.id);
  assert.ok(!body.includes(a.token), 'no dead link in the mail');
  assert.match(body, /sudah tidak berlaku/);
  body = await notice(b.id);
  assert.ok(!body.includes(b.token), 'no used link in the mail');
  assert.match(body, /sudah dibuka pada \d+ \w+ \d{4}/);
  assert.match(body, /ajukan reset kata sandi/);
});

test('a deactivation carried out after the account went inactive some other way (the year-end batch) is answered, not stuck; the step notes are in Indonesian', async () => {
  await api('POST', '/directory', desk, { kind: 'person', name: 'Budi Akhir', nip: '197707072003121007', email: 'budi.akhir@batangkab.go.id' });
  let r = await api('POST', '/accounts', agency, { user_id: 'budi.akhir', kind: 'pejabat_pengadaan', holder: '197707072003121007' });
  assert.equal(r.status, 201, r.text);
  const req = await openRequest({ kind: 'deactivate', user_id: 'budi.akhir', docs: ['letter'] });
  r = (await api('POST', `/account-requests/${req.id}/check`, desk, {})).json;
  assert.equal(r.state, 'returned');
  const step = (no) => stepNote(req.case, no);
  assert.match(await step(3), /^kurang: Surat Tugas\/SK\/Surat Penunjukan[^;]*; Data personal: nama, NIP/, 'what is missing, as people call it');
  await api('POST', `/account-requests/${req.id}/resubmit`, desk, { docs: ['decree', 'personal_data'] });
  r = (await api('POST', `/account-requests/${req.id}/check`, desk, {})).json;
  assert.equal(r.state, 'approved');
  // meanwhile the account goes inactive by another way
  r = await api('POST', '/accounts/budi.akhir/status', agency, { status: 'inactive', reason: 'SK berakhir' });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', '/accounts/budi.akhir/status', agency, { status: 'inactive', reason: 'SK berakhir' });
  assert.equal(r.status, 409, 'set to what it is: a conflict saying which status it has');
  assert.equal(r.json.error.field, 'status');
  assert.equal(r.json.error.message, 'Status sudah nonaktif');
  r = await api('POST', `/account-requests/${req.id}/execute`, agency, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'done');
  assert.equal(await step(6), 'akun sudah nonaktif sebelum permohonan ini dilaksanakan');
  assert.equal(await stepNote(req.case, 6, 'en'), 'account already inactive before this request was carried out');
  assert.equal((await api('GET', '/accounts/budi.akhir', desk)).json.status, 'inactive');
});

test('an action names its request by a number: "1x" or "abc" is 404 naming id and does nothing; a resubmission keeps its note on the step', async () => {
  const req = await openRequest({ kind: 'pokja', channel: 'email', name: 'Rudi Hartono', nip: '197905122005011007',
    agency: 'Dinas Pendidikan', email: 'rudi@batangkab.go.id', docs: ['letter', 'personal_data'] });
  const audit0 = q('SELECT count(*) FROM audit');
  for (const bad of [`${req.id}x`, 'abc', `0${req.id}.0`, '99999999999999999999']) {
    for (const [path, token, body] of [['check', desk, {}], ['resubmit', desk, { docs: ['decree'] }], ['approve', boss, { approve: true }],
                                       ['execute', agency, { user_id: 'rudi.pokja' }], ['letter', agency, undefined],
                                       ['notify', desk, undefined], ['archive', desk, undefined]]) {
      const r = await api('POST', `/account-requests/${bad}/${path}`, token, body);
      assert.equal(r.status, 404, `${bad}/${path}: ${r.text}`);
      assert.equal(r.json.error.field, 'id');
    }
    const g = await api('GET', `/account-requests/${bad}`, desk);
    assert.equal(g.status, 404, g.text);
    assert.equal(g.json.error.field, 'id');
  }
  assert.equal(q('SELECT count(*) FROM audit'), audit0, 'nothing written');
  // no such request, or one of another office: 404 naming id too
  let r = cli(['office', 'add', 'LPSE-B', '--name', 'LPSE Kabupaten B', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'add', 'admin-b', '--role', 'admin', '--office', 'LPSE-B', '--data', s.dir], { env: { LOKET_PASSWORD: 'admin-b-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  const other = await login(s.url, 'admin-b', 'admin-b-password-1');
  const audit1 = q('SELECT count(*) FROM audit');
  for (const [id, token] of [[999999, admin], [req.id, other]]) {
    for (const [path, body] of [['check', {}], ['resubmit', { docs: ['decree'] }], ['approve', { approve: true }],
                                ['execute', { user_id: 'rudi.pokja' }], ['letter', undefined], ['notify', undefined], ['archive', undefined]]) {
      const x = await api('POST', `/account-requests/${id}/${path}`, token, body);
      assert.equal(x.status, 404, `${id}/${path}: ${x.text}`);
      assert.equal(x.json.error.field, 'id');
    }
  }
  assert.equal(q('SELECT count(*) FROM audit'), audit1, 'nothing written');
  assert.equal((await api('GET', `/account-requests/${req.id}`, desk)).json.state, 'received', 'the request did not move');
  // returned for the decree, then completed: the note of the resubmission is on the applicant's step
  r = await api('POST', `/account-requests/${req.id}/check`, desk, {});
  assert.equal(r.json.state, 'checked', r.text);
  r = await api('POST', `/account-requests/${req.id}/approve`, boss, { approve: false });
  assert.equal(r.json.state, 'returned', r.text);
  r = await api('POST', `/account-requests/${req.id}/resubmit`, desk, { docs: ['decree'], note: 'SK diantar langsung 20 November' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'received');
  assert.equal(await stepNote(req.case, 6), 'berkas dilengkapi: SK diantar langsung 20 November');
  assert.equal(await stepNote(req.case, 6, 'en'), 'files completed: SK diantar langsung 20 November');
  // carried out: the one-time link takes no body; a member it does not know is 400 and the link stays
  await api('POST', `/account-requests/${req.id}/check`, desk, {});
  assert.equal((await api('POST', `/account-requests/${req.id}/approve`, boss, { approve: true })).json.state, 'approved');
  r = await api('POST', `/account-requests/${req.id}/execute`, agency, { user_id: 'rudi.pokja' });
  assert.equal(r.status, 200, r.text);
  const token = r.json.link.replace('/kredensial/', '');
  r = await request(s.url, 'POST', `/api/v1/credentials/${token}`, { body: { user_id: 'rudi.pokja' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'user_id');
  assert.equal((await request(s.url, 'GET', `/api/v1/credentials/${token}`)).json.usable, true, 'not opened');
  r = await request(s.url, 'POST', `/api/v1/credentials/${token}`, { body: {} });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user_id, 'rudi.pokja');
  assert.match(r.json.password, /^\S{12,}$/);
  assert.equal((await request(s.url, 'POST', `/api/v1/credentials/${token}`)).status, 410);
});

test('the year end and the approval name the member their message is about', async () => {
  const cases = [
    ['GET', '/year-end?rule=semua&lang=en', desk, undefined, 'rule', 'Rule must be expired or all'],
    ['GET', '/year-end?rule=semua', desk, undefined, 'rule', 'Aturan harus expired atau all'],
    ['POST', '/year-end?lang=en', agency, { confirm: true, rule: 'semua' }, 'rule', 'Rule must be expired or all'],
    ['POST', '/year-end?lang=en', agency, {}, 'confirm', 'confirm must be true to carry the batch out'],
    ['POST', '/year-end?lang=en', agency, { confirm: true, expect: '1' }, 'expect', 'expect must be a whole number'],
    ['POST', '/account-requests/1/approve?lang=en', boss, {}, 'approve', 'Approval is required'],
    // a message about its field names it in the text too, whichever way it is answered: a filter,
    // a service's check (the directory's), in Indonesian as in English
    ['GET', '/directory?kind=robot&lang=en', desk, undefined, 'kind', 'Kind must be person (orang, perorangan, perseorangan) or org (organisasi, badan usaha, lembaga)'],
    ['GET', '/directory?q=' + 'x'.repeat(129), desk, undefined, 'q', 'q terlalu panjang: paling banyak 128 karakter', 128],
    ['POST', '/directory?lang=en', desk, { kind: 'robot', name: 'R2' }, 'kind', 'Kind must be person (orang, perorangan, perseorangan) or org (organisasi, badan usaha, lembaga)'],
    ['POST', '/directory', desk, { kind: 'org', org_type: 'unit', name: 'Bagian' }, 'agency', 'Instansi wajib untuk unit'],
  ];
  for (const [method, path, token, body, field, message, limit] of cases) {
    const r = await api(method, path, token, body);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.deepEqual(r.json.error, limit ? { code: 'invalid', field, message, limit } : { code: 'invalid', field, message }, path);
  }
});

test('the applicant\'s mails (received, returned) link to the portal page where the request is followed with its number and e-mail; the returned one says how to complete it', async () => {
  const w = await startServer({ env: { LOKET_TEST_NOW: '2026-11-20T14:30:00+07:00' } });
  try {
    const token = await login(w.url);
    const mailTo = (to) => sqlite(join(w.dir, 'loket.db'), `SELECT body FROM outbox WHERE to_addr='${to}' ORDER BY id`).stdout;
    let r = await request(w.url, 'POST', '/api/v1/portal/account-requests', { body: {
      kind: 'ppk', name: 'Sri Wahyuni', nip: '198001012005012001', agency: 'Dinas PU', email: 'sri@pu.batangkab.go.id', docs: ['letter'] } });
    assert.equal(r.status, 202, r.text);
    const number = sqlite(join(w.dir, 'loket.db'), 'SELECT k.number FROM account_request a JOIN kasus k ON k.id=a.case_id').stdout.trim();
    const link = `${w.url}/portal/lacak?number=${number}`;
    assert.ok(mailTo('sri@pu.batangkab.go.id').includes(`Ikuti perkembangannya dengan nomor permohonan dan alamat e-mail ini di:\n${link}\n`), mailTo('sri@pu.batangkab.go.id'));
    // the link's page finds the request with the number and that address
    r = await request(w.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'sri@pu.batangkab.go.id' } });
    assert.equal(r.status, 200, r.text);
    // returned for the missing decree: what to do, and the same link
    const id = (await request(w.url, 'GET', '/api/v1/account-requests', { token })).json.requests[0].id;
    assert.equal((await request(w.url, 'POST', `/api/v1/account-requests/${id}/check`, { token, body: {} })).status, 200);
    r = await request(w.url, 'POST', `/api/v1/account-requests/${id}/approve`, { token, body: { approve: false } });
    assert.equal(r.json.state, 'returned', r.text);
    const back = mailTo('sri@pu.batangkab.go.id').split('Yth.').pop();
    assert.match(back, /SK atau surat penunjukan calon pengguna/);
    assert.match(back, new RegExp(`serahkan kembali ke LPSE[\\s\\S]*nomor ${number}; formulir\\npermohonan tidak perlu diisi lagi`));
    assert.ok(back.includes(`\n${link}\n`), back);
    // and the page the link leads to says so too, what is missing and how to hand it in (not only a step "still in progress")
    const tok = (await request(w.url, 'POST', '/api/v1/portal/track', { body: { number, contact: 'sri@pu.batangkab.go.id' } })).json.token;
    const page = await (await fetch(`${w.url}/portal/t/${tok}`)).text();
    assert.match(page, /<div class="notice info" id="returned"><p>Permohonan Anda dikembalikan kepada Anda: belum dapat diproses\.<\/p><p>Berkas berikut belum lengkap:<\/p><ul id="missing"><li>SK atau surat penunjukan calon pengguna<\/li>/);
    assert.ok(page.includes(`dengan menyebut nomor ${number}.</p></div>`));
    const en = await (await fetch(`${w.url}/portal/t/${tok}`, { headers: { Cookie: 'loket_lang=en' } })).text();
    assert.match(en, /id="returned"><p>Your request was returned to you: it cannot be processed yet\.<\/p><p>These files are not complete yet:<\/p><ul id="missing"><li>Decree \(SK\) or assignment letter/);
    // handed in again and checked: the page no longer says it is with the applicant
    assert.equal((await request(w.url, 'POST', `/api/v1/account-requests/${id}/resubmit`, { token, body: { docs: ['decree', 'personal_data'] } })).status, 200);
    assert.doesNotMatch(await (await fetch(`${w.url}/portal/t/${tok}`)).text(), /id="returned"/);
  } finally {
    await w.stop();
  }
});

// docs/deploy.md: the first node's first `loket serve` makes both keys, for the other nodes'
// folders to copy before they start (secret.key made later, on first use, would be made
// separately by each node, and a link sealed on one would not open on the other).
test('the first loket serve makes secret.key and verify.key (mode 600), before any credential is issued', async () => {
  const s = await startServer();
  try {
    for (const k of ['secret.key', 'verify.key']) {
      const st = statSync(join(s.dir, k));
      assert.equal(st.size, 32, k);
      assert.equal(st.mode & 0o777, 0o600, k);
    }
  } finally {
    await s.stop();
  }
});

test('the account register and a request name every wrong field at once ("fields"); nothing is kept', async () => {
  const names = (r) => (r.json.error.fields || [r.json.error]).map((f) => f.field).sort();
  let r = await api('POST', '/accounts?lang=en', admin, { user_id: 'bad id!', kind: 'raja', holder: '199999999999999999', valid_from: '2026-02-30', valid_until: '2026-13-01' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['holder', 'kind', 'user_id', 'valid_from', 'valid_until'], r.text);
  r = await api('POST', '/accounts?lang=en', admin, { user_id: 'ok.id', kind: 'ppk', holder: '199999999999999999', agency: 'Tidak Ada Dinas Ini' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['agency', 'holder'], r.text);
  // the agency's message says what to do, as the directory's own does (Indonesian first)
  assert.equal(r.json.error.fields.find((f) => f.field === 'agency').message,
    'Agency is not an organisation of the directory: add or import that organisation first');
  r = await api('POST', '/accounts', admin, { user_id: 'ok.id', kind: 'ppk', holder: '199999999999999999', agency: 'Tidak Ada Dinas Ini' });
  assert.equal(r.json.error.fields.find((f) => f.field === 'agency').message,
    'Instansi bukan organisasi yang ada di direktori: tambahkan atau impor organisasi itu lebih dulu');
  const base = { kind: 'ppk', name: 'Eko Prasetyo', nip: '198203142006041003', email: 'eko@batangkab.go.id', agency: 'Dinas Pendidikan' };
  r = await api('POST', '/account-requests?lang=en', desk, { ...base, kind: 'ppk', channel: 'walk_in', letter_no: '800/1/2026', letter_date: '2026-11-18', docs: ['surat_sakti'] });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['docs', 'letter_date', 'letter_no'], r.text);
  r = await api('POST', '/account-requests?lang=en', desk, { ...base, kind: 'semua', channel: 'portal' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(names(r), ['channel', 'kind'], r.text);
  assert.equal(q("SELECT count(*) FROM account WHERE user_id='ok.id'"), '0');
});

test('a new request wrong to the JSON layer and to the request\'s own check names every field in one answer; nothing is opened', async () => {
  const before = q('SELECT count(*) FROM account_request');
  const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field);
  // the name too long (the JSON layer); the letter's date not a date, the NIP and the agency left
  // out and the decree's end before its start (the request's check)
  let r = await api('POST', '/account-requests?lang=en', desk, { kind: 'ppk', channel: 'letter', name: 'N'.repeat(201),
    email: 'eko@batangkab.go.id', letter_date: '2026-13-01', valid_from: '2026-03-01', valid_until: '2026-02-01' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'name');
  assert.deepEqual(fieldsOf(r).sort(), ['agency', 'letter_date', 'name', 'nip', 'valid_until'], r.text);
  // a forgotten ID: the lookup too long with an e-mail that is no address
  r = await api('POST', '/account-requests?lang=en', desk, { kind: 'forgotten', channel: 'walk_in', lookup: '1'.repeat(129), email: 'eko@' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r).sort(), ['email', 'lookup'], r.text);
  // the request's own check alone: the applicant and the decree's days named with the letter's date
  r = await api('POST', '/account-requests?lang=en', desk, { kind: 'pokja', channel: 'letter', letter_date: '2026-13-01', valid_from: '2026-02-30' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r).sort(), ['agency', 'email', 'letter_date', 'name', 'nip', 'valid_from'], r.text);
  assert.equal(q('SELECT count(*) FROM account_request'), before);
});

test('a new request names a NIP, NIK or phone written wrong with its other wrong fields at once; nothing is opened', async () => {
  const before = q('SELECT count(*) FROM account_request');
  const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field).sort();
  const wrong = { kind: 'pokja', name: '', nip: '123', phone: '12', email: 'rudi@', agency: 'Dinas Pendidikan' };
  let r = await api('POST', '/account-requests', desk, { ...wrong, channel: 'letter' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['email', 'name', 'nip', 'phone'], r.text);
  assert.equal(r.json.error.fields.find((f) => f.field === 'nip').message, 'NIP kurang digit: NIP harus 18 digit');
  // (the portal's: accounts_web, this file's portal limit is used up)
  // a NIP whose birth date is not a date, alone: named before anything is looked up
  r = await api('POST', '/account-requests', desk, { kind: 'ppk', name: 'Rudi', nip: '198213422006041003', email: 'rudi@batangkab.go.id', agency: 'Dinas Pendidikan', nik: '12' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['nik', 'nip'], r.text);
  assert.equal(q('SELECT count(*) FROM account_request'), before);
});

test('an account entered with its user ID missing names every other wrong field with it: the kind, a holder not in the directory, a day not a date; nothing is kept', async () => {
  const r = await api('POST', '/accounts', admin, { user_id: '', kind: 'raja', holder: '199999999999999999', valid_from: '2026-02-30' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['holder', 'kind', 'user_id', 'valid_from'], r.text);
  assert.equal(r.json.error.field, 'user_id');
  assert.equal(q("SELECT count(*) FROM account WHERE kind='raja'"), '0');
});

test('a status change names a status neither active nor inactive with a reason left out, at once; nothing changes', async () => {
  assert.equal((await api('POST', '/directory', admin, { kind: 'person', name: 'Tri Wahyuni', nip: '198706152011012009' })).status, 201);
  assert.equal((await api('POST', '/accounts', admin, { user_id: 'tri.pokja', kind: 'pokja', holder: '198706152011012009' })).status, 201);
  const r = await api('POST', '/accounts/tri.pokja/status', admin, { status: 'nonaktif', reason: '' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['reason', 'status'], r.text);
  assert.equal(r.json.error.fields[1].message, 'Status harus active atau inactive');
  assert.equal((await api('GET', '/accounts/tri.pokja', admin)).json.status, 'active');
});

// BTG-019 step 2 (the request received: handover form, receipt) is done as the letter comes in,
// so the completeness check (step 3, 10 office minutes) is timed from the letter, not from itself.
test('BTG-019: a letter on the afternoon before cuti bersama and Christmas has its check due on the next working morning; a completed file, from its handing in', async () => {
  const clock = frozenServer();
  try {
    await clock.serveAt('2026-12-21T09:00:00+07:00');
    const { api } = clock;
    let r = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Dewi Lestari', nip: '198203142006042002', email: 'dewi@batangkab.go.id' });
    assert.equal(r.status, 201, r.text);
    r = await api('POST', '/api/v1/accounts', { user_id: 'dewi.ppk', kind: 'ppk', holder: '198203142006042002' });
    assert.equal(r.status, 201, r.text);
    // Wednesday 23 Dec 2026 15:55 WIB: 5 minutes to closing; 24 Dec cuti bersama, 25 Christmas, the weekend
    await clock.serveAt('2026-12-23T15:55:00+07:00');
    r = await clock.api('POST', '/api/v1/account-requests', { kind: 'deactivate', channel: 'letter', user_id: 'dewi.ppk', letter_no: '800/200/DISDIK', letter_date: '2026-12-22', docs: ['letter'] });
    assert.equal(r.status, 201, r.text);
    const { id, case: number } = r.json;
    assert.equal(r.json.current_step, 3);
    const steps = async () => (await clock.api('GET', `/api/v1/cases/${number}`)).json.steps;
    let st = await steps();
    const hand = sqlite(join(clock.dir, 'loket.db'), `SELECT number FROM handover WHERE case_number='${number}'`).stdout.trim();
    assert.deepEqual(st.slice(0, 2).map((x) => [x.no, x.done_at, x.note]), [
      [1, '2026-12-23T08:55:00Z', 'permohonan diterima; agenda AG-2026-0001'],
      [2, '2026-12-23T08:55:00Z', `permohonan diterima; formulir serah terima ${hand}`],
    ]);
    // 5 minutes on Wednesday, 5 on Monday 28 Dec from 07:30
    assert.equal(st.at(-1).no, 3);
    assert.equal(st.at(-1).due_at, '2026-12-28T00:35:00Z');
    // checked at 08:00 on Monday: late; returned to the applicant
    await clock.serveAt('2026-12-28T08:00:00+07:00');
    r = await clock.api('POST', `/api/v1/account-requests/${id}/check`, {});
    assert.equal(r.json.state, 'returned', r.text);
    st = await steps();
    assert.equal(st.find((x) => x.no === 3).met, false, 'the check came 25 office minutes late');
    // completed on Tuesday at 10:00: received then, its check due at 10:10
    await clock.serveAt('2026-12-29T10:00:00+07:00');
    r = await clock.api('POST', `/api/v1/account-requests/${id}/resubmit`, { docs: ['decree', 'personal_data'] });
    assert.equal(r.json.current_step, 3, r.text);
    st = await steps();
    assert.deepEqual(st.slice(-3).map((x) => [x.no, x.done_at, x.due_at]), [
      [4, '2026-12-29T03:00:00Z', null], [2, '2026-12-29T03:00:00Z', null], [3, null, '2026-12-29T03:10:00Z'],
    ]);
    // the documents brought now are on a handover form of their own, named on step 2 (the letter, handed in before, is not)
    const forms = sqlite(join(clock.dir, 'loket.db'), `SELECT number || '|' || replace(items, char(10), ' + ') FROM handover WHERE case_number='${number}' ORDER BY id`).stdout.trim().split('\n');
    assert.equal(forms.length, 2, forms.join('\n'));
    assert.match(forms[1], /^ST-2026-\d{4}\|Surat Tugas\/SK\/Surat Penunjukan [^|]* \+ Data personal: /);
    assert.equal(st.at(-2).note, `permohonan diterima; formulir serah terima ${forms[1].split('|')[0]}`);
    await clock.serveAt('2026-12-29T10:05:00+07:00');
    r = await clock.api('POST', `/api/v1/account-requests/${id}/check`, {});
    assert.equal(r.json.state, 'approved', r.text);
    assert.equal((await steps()).filter((x) => x.no === 3).at(-1).met, true, 'checked within its 10 minutes');
  } finally {
    await clock.stop();
  }
});

// A completed file recorded after it came back: `at` says when; the office's clock stayed paused
// until then only, the check after it timed from it. Before the file went back, still to come, or
// no moment at all: 400 naming `at`, nothing written.
test('resubmit with at: a file that came back on Tuesday 10:00, recorded on Wednesday, is paused until Tuesday 10:00; a bad at is refused by name', async () => {
  const clock = frozenServer();
  try {
    await clock.serveAt('2026-12-07T09:00:00+07:00');   // Monday
    let r = await clock.api('POST', '/api/v1/account-requests', { kind: 'ppk', channel: 'letter', name: 'Sri Wahyuni', nip: '199004042015032001', agency: 'Dinas Pendidikan', email: 'sri@batangkab.go.id', docs: ['letter'] });
    assert.equal(r.status, 201, r.text);
    const { id, case: number } = r.json;
    assert.equal((await clock.api('POST', `/api/v1/account-requests/${id}/check`, {})).status, 200);
    r = await clock.api('POST', `/api/v1/account-requests/${id}/approve`, { approve: false });
    assert.equal(r.json.state, 'returned', r.text);
    // Wednesday 9 December 11:00: the officer records the file that came back on Tuesday 10:00
    await clock.serveAt('2026-12-09T11:00:00+07:00');
    for (const [at, msg] of [['2026-12-07T08:00', 'lebih awal dari saat berkas dikembalikan kepada pemohon'],
                             ['2026-12-10T10:00', /belum tiba/], ['Selasa pagi', /YYYY-MM-DDTHH:MM/], ['2026-12-32T10:00', /YYYY-MM-DDTHH:MM/]]) {
      r = await clock.api('POST', `/api/v1/account-requests/${id}/resubmit`, { docs: ['decree', 'personal_data'], at });
      assert.equal(r.status, 400, `${at}: ${r.text}`);
      assert.equal(r.json.error.field, 'at', r.text);
      if (typeof msg === 'string') assert.equal(r.json.error.message, `Waktu ${msg}`, r.text); else assert.match(r.json.error.message, msg, r.text);
    }
    assert.equal((await clock.api('GET', `/api/v1/account-requests/${id}`)).json.state, 'returned', 'nothing written');
    r = await clock.api('POST', `/api/v1/account-requests/${id}/resubmit`, { docs: ['decree', 'personal_data'], at: '2026-12-08T10:00' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'received');
    const c = (await clock.api('GET', `/api/v1/cases/${number}`)).json;
    const six = c.steps.filter((x) => x.no === 6).at(-1);
    assert.equal(six.done_at, '2026-12-08T03:00:00Z', 'completed when the file came back');
    const again = c.steps.at(-1);
    assert.equal(again.started_at, '2026-12-08T03:00:00Z', 'the check again runs from the file\'s return, not from its recording');
    assert.equal(c.steps.at(-1).done_at, null);
    const audit = (await clock.api('GET', `/api/v1/audit?action=account_request.resubmit`)).json.rows;
    assert.match(audit.at(-1).detail, /at=2026-12-08T03:00:00Z/, JSON.stringify(audit.at(-1)));
  } finally {
    await clock.stop();
  }
});

// BTG-019: the completed file recorded later is received (step 2) when it came back, on a handover form of that moment.
test('resubmit with at, BTG-019: step 2 and the handover form of the documents brought are of the moment the file came back', async () => {
  const clock = frozenServer();
  try {
    await clock.serveAt('2026-12-07T09:00:00+07:00');
    let r = await clock.api('POST', '/api/v1/directory', { kind: 'person', name: 'Rudi Hartono', nip: '198505052010011005', email: 'rudi@batangkab.go.id' });
    assert.equal(r.status, 201, r.text);
    r = await clock.api('POST', '/api/v1/accounts', { user_id: 'rudi.pokja', kind: 'pokja', holder: '198505052010011005' });
    assert.equal(r.status, 201, r.text);
    r = await clock.api('POST', '/api/v1/account-requests', { kind: 'deactivate', channel: 'walk_in', user_id: 'rudi.pokja', docs: ['letter'] });
    assert.equal(r.status, 201, r.text);
    const { id, case: number } = r.json;
    assert.equal((await clock.api('POST', `/api/v1/account-requests/${id}/check`, {})).json.state, 'returned');
    await clock.serveAt('2026-12-09T11:00:00+07:00');
    r = await clock.api('POST', `/api/v1/account-requests/${id}/resubmit`, { docs: ['letter', 'decree', 'personal_data'], at: '2026-12-08T10:00' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.current_step, 3);
    const st = (await clock.api('GET', `/api/v1/cases/${number}`)).json.steps;
    assert.deepEqual(st.slice(-3).map((x) => [x.no, x.done_at, x.due_at]), [
      [4, '2026-12-08T03:00:00Z', null], [2, '2026-12-08T03:00:00Z', null], [3, null, '2026-12-08T03:10:00Z'],
    ]);
    const at = sqlite(join(clock.dir, 'loket.db'), `SELECT at FROM handover WHERE case_number='${number}' ORDER BY id DESC LIMIT 1`).stdout.trim();
    assert.equal(Number(at), Date.parse('2026-12-08T03:00:00Z') / 1000, 'the handover form is of the moment the file came back');
  } finally {
    await clock.stop();
  }
});
