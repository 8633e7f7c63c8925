// Identifiers and addresses as the LPSE's staff type them from letters and ID cards: a NIP, NIK or
// NPWP with spaces, dots or dashes between its digits, a phone number in any writing, an e-mail
// copied from a mail program as `Name <address>`. Taken at case opening (API and /kasus/baru), the
// phone desk, the directory's form and CSV import and account requests; stored in one form; a
// wrong one refused saying what is wrong; found by the directory's and the case list's search in
// any writing, through their indexes too (windows of 2 cases and 0 entries).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';
let s, token, web;
const api = (method, path, body, headers) => request(s.url, method, `/api/v1${path}`, { token, body, headers });
const CASE = { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE' };

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW, LOKET_TEST_CASE_WINDOW: '2', LOKET_TEST_PARTY_WINDOW: '0' } });
  token = await login(s.url);
  web = await webSession(s.url);
});
after(async () => { if (s) await s.stop(); });

let siti;   // the case opened with every identifier written as a letter writes it

test('a case opened with a NIP, NIK, NPWP and phone as documents write them and an e-mail as Name <address>: taken, kept as the directory keeps them', async () => {
  let r = await api('POST', '/cases', { ...CASE, requester: {
    nip: '19800101.200501.2.002', nik: '3325-0155-0190-0001', phone: '(021) 555 1234', email: 'Siti Aminah <SITI@Dinas.go.id>',
    org_name: 'CV Mitra Karya', npwp: '01-234-567-8-901-000' } });
  assert.equal(r.status, 201, r.text);
  siti = r.json.number;
  assert.equal(r.json.requester.name, 'Siti Aminah', 'the name the address was given with');
  r = await api('GET', '/directory?q=198001012005012002');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.entries.length, 1, r.text);
  const e = r.json.entries[0];
  assert.deepEqual([e.name, e.nip, e.nik, e.phone, e.email], ['Siti Aminah', '198001012005012002', '3325015501900001', '+62215551234', 'siti@dinas.go.id']);
  r = await api('GET', '/directory?q=0012345678901000&kind=org');
  assert.deepEqual(r.json.entries.map((x) => [x.name, x.npwp]), [['CV Mitra Karya', '0012345678901000']]);
  // a name given in its field is the name: the one with the address does not replace it
  r = await api('POST', '/cases', { ...CASE, requester: { name: 'Pak Budi', email: 'Budi Santoso <budi@dinas.go.id>' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'Pak Budi');
  r = await api('GET', '/directory?q=budi@dinas.go.id');
  assert.deepEqual(r.json.entries.map((x) => [x.name, x.email]), [['Pak Budi', 'budi@dinas.go.id']]);
});

test('a number written wrong is refused at its field saying what is wrong: too few or too many digits, a letter', async () => {
  const cases = [
    [{ nip: '19800101 200501 1 01' }, 'requester.nip', 'NIP pemohon kurang digit: NIP harus 18 digit', "Requester's NIP has too few digits: a NIP has 18"],
    [{ nip: '19800101-200501-1-0011' }, 'requester.nip', 'NIP pemohon kelebihan digit: NIP harus 18 digit', "Requester's NIP has too many digits: a NIP has 18"],
    [{ nik: '3325.0155.O190.0001' }, 'requester.nik', 'NIK pemohon hanya boleh berisi angka, spasi, titik, dan tanda hubung', "Requester's NIK may contain only digits, spaces, dots and dashes"],
    [{ npwp: '01.234.567.8-901.00000' }, 'requester.npwp', 'NPWP pemohon kelebihan digit: NPWP harus 15 digit (XX.XXX.XXX.X-XXX.XXX) atau 16 digit', "Requester's NPWP has too many digits: an NPWP has 15 (XX.XXX.XXX.X-XXX.XXX) or 16"],
    [{ phone: '0812-3456-789O' }, 'requester.phone', null, "Requester's phone may contain only digits, spaces, dashes, dots and brackets"],
    [{ email: 'Budi <budi@dinas>' }, 'requester.email', null, 'the domain after @ has no dot: an address mail can reach, as name@lpse.example.go.id'],
    // a toll-free 0800 number is a service's, said so (not "a mobile number must have 8 to 12 digits")
    [{ phone: '0800-1-234567' }, 'requester.phone', 'nomor 080x (0800 bebas pulsa, 0809 premium) adalah nomor layanan, bukan nomor seseorang: berikan nomor seluler (08...) atau nomor telepon rumah/kantor',
      "an 080x number (0800 toll-free, 0809 premium) is a service's number, not a person's: give a mobile (08...) or landline number"],
  ];
  for (const [rq, field, id, en] of cases) {
    let r = await api('POST', '/cases', { ...CASE, requester: { name: 'Uji', ...rq } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, field, r.text);
    if (id) assert.equal(r.json.error.message, id);
    assert.equal(r.json.error.limit, undefined, 'no number said as a limit');
    r = await api('POST', '/cases?lang=en', { ...CASE, requester: { name: 'Uji', ...rq } });
    assert.equal(r.json.error.message, en);
  }
});

test('a mobile number has at most 12 digits after the 0 (Indonesia\'s numbering plan; E.164\'s 15 with 62 is only the ceiling)', async () => {
  let r = await api('POST', '/cases', { ...CASE, requester: { name: 'Dua Belas', phone: '0812-3456-7890-1' } });
  assert.equal(r.status, 201, r.text);
  for (const phone of ['0812-3456-7890-12', '+62 812 3456 7890 12']) {
    r = await api('POST', '/cases?lang=en', { ...CASE, requester: { name: 'Tiga Belas', phone } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'requester.phone', r.text);
    assert.match(r.json.error.message, /8 to 12 digits after the 0/);
  }
});

test('the case list finds a case by its requester\'s NIP, NIK, phone or NPWP, or its organisation\'s NPWP, in any writing, past the newest cases too', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await api('POST', '/cases', { ...CASE, requester: { name: `Orang ${i}` } })).status, 201);
  for (const q of ['198001012005012002', '19800101 200501 2 002', '19800101.200501.2.002', 'NIP. 19800101-200501-2-002',
    '3325 0155 0190 0001', '3325.0155.0190.0001', '(021) 555-1234', '+62 21 555 1234', '021.5551234',
    '01.234.567.8-901.000', '012345678901000', '0012-3456-7890-1000']) {
    const r = await api('GET', `/cases?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.cases.map((c) => c.number), [siti], q);
  }
  let r = await api('GET', `/cases?q=${encodeURIComponent('19800101 200501 2 003')}`);
  assert.deepEqual(r.json.cases, [], 'another NIP finds none');
  r = await api('GET', `/cases?q=${encodeURIComponent('0812-3456-7890')}&status=open`);
  assert.deepEqual(r.json.cases, []);
  // the overdue list and "mine" search the same way
  r = await api('GET', `/cases?q=${encodeURIComponent('01.234.567.8-901.000')}&mine=1`);
  assert.equal(r.status, 200, r.text);
});

test('the directory: its form and its import take the numbers as written and Name <address>; its search finds them in any writing', async () => {
  let r = await api('POST', '/directory', { kind: 'person', nik: '3325 0155 0190 0002', phone: '+62 812 3456 7890', email: '"Dewi Lestari" <dewi@dinas.go.id>' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.name, r.json.nik, r.json.phone, r.json.email], ['Dewi Lestari', '3325015501900002', '+6281234567890', 'dewi@dinas.go.id']);
  r = await api('POST', '/directory', { kind: 'person', name: 'X', nik: '3325-0155-0190-0002' });
  assert.equal(r.status, 409, 'the same NIK written otherwise is the same NIK');
  r = await api('POST', '/directory', { kind: 'org', org_type: 'provider', name: 'PT Sinar', npwp: '0098 7654 3210 9000', email: 'PT Sinar <info@sinar.co.id>' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.name, r.json.npwp, r.json.email], ['PT Sinar', '0098765432109000', 'info@sinar.co.id']);
  const csv = 'kind,name,nip,phone,email\nperson,,19800101-200501-1-004,0812-1111-2222,Rudi Hartono <rudi@dinas.go.id>\nperson,Ani,19800101 200501 1 00,,\n';
  r = await api('POST', '/directory/import', csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.accepted, 1, r.text);
  assert.deepEqual(r.json.rejected.map((j) => [j.row, j.field, j.reason]), [[3, 'nip', 'kurang digit: NIP harus 18 digit — "19800101 200501 1 00"']]);
  for (const [q, name] of [['3325.0155.0190.0002', 'Dewi Lestari'], ['0812 3456 7890', 'Dewi Lestari'], ['0812-1111-2222', 'Rudi Hartono'],
    ['19800101.200501.1.004', 'Rudi Hartono'], ['198001012005011004', 'Rudi Hartono'], ['09.876.543.2-109.000', 'PT Sinar'],
    ['0098-7654-3210-9000', 'PT Sinar'], ['rudi@dinas.go.id', 'Rudi Hartono']]) {
    r = await api('GET', `/directory?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.entries.map((x) => x.name), [name], q);
  }
  r = await api('GET', `/directory/${encodeURIComponent('19800101-200501-1-004')}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Rudi Hartono');
  // an entry's id is its digits as written: "1.5" and "-1" name no entry (not 15 and 1), on reading
  // and on changing
  const id = r.json.id;
  assert.ok(id >= 2, r.text);
  for (const ref of [`${String(id).slice(0, 1)}.${String(id).slice(1) || '0'}`, `-${id}`, ` ${id}.`]) {
    r = await api('GET', `/directory/${encodeURIComponent(ref)}`);
    assert.equal(r.status, 404, `${ref}: ${r.text}`);
    r = await api('PATCH', `/directory/${encodeURIComponent(ref)}`, { name: 'Salah' });
    assert.equal(r.status, 404, `${ref}: ${r.text}`);
  }
  r = await api('GET', `/directory/${id}`);
  assert.equal(r.json.name, 'Rudi Hartono');
});

test('the phone desk and an account request take Name <address> and a NIP as written', async () => {
  const st = await api('GET', '/phone/stamp');
  const call = await api('POST', '/phone/calls', { stamp: st.json.stamp });
  assert.equal(call.status, 201, call.text);
  let r = await api('POST', `/phone/calls/${call.json.id}/finish`, {
    requester: { email: 'Lina Marlina <lina@example.co.id>', phone: '0812-9999-0000', nip: '19800101 200501 2 005' },
    question: 'Cara unggah dokumen?', answer: 'Melalui menu Data Kualifikasi.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.caller.name, 'Lina Marlina');
  r = await api('GET', '/directory?q=lina@example.co.id');
  assert.deepEqual(r.json.entries.map((x) => [x.name, x.nip, x.phone]), [['Lina Marlina', '198001012005012005', '+6281299990000']]);
  r = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', nip: '19800101-200501-1-006',
    email: 'Eko Prasetyo <eko@batangkab.go.id>', agency: 'Dinas Pendidikan', sk_number: 'SK-1/2026', valid_from: '2026-01-02',
    valid_until: '2026-12-31', docs: ['letter', 'personal_data'] });
  assert.equal(r.status, 201, r.text);
  r = await api('GET', '/directory?q=19800101.200501.1.006');
  assert.deepEqual(r.json.entries.map((x) => [x.name, x.email]), [['Eko Prasetyo', 'eko@batangkab.go.id']]);
});

test('/kasus/baru: the e-mail input takes Name <address> (text, an e-mail keyboard); the case is opened with it', async () => {
  let r = await web.get('/kasus/baru?sop=SOP-LPSE.BTG-017');
  assert.equal(r.status, 200);
  assert.match(r.text, /name="requester\.email" type="text"[^>]* inputmode="email"/);
  assert.match(r.text, /name="requester\.nip" type="text"[^>]* maxlength="32"/);
  r = await web.post('/kasus', { csrf: web.csrf, sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Dari formulir',
    'requester.email': 'Wati Susanti <wati@dinas.go.id>', 'requester.nik': '3325.0155.0190.0003' });
  assert.ok(r.status === 303 || r.status === 302, `${r.status} ${r.text.slice(0, 300)}`);
  r = await api('GET', '/directory?q=3325015501900003');
  assert.deepEqual(r.json.entries.map((x) => [x.name, x.email]), [['Wati Susanti', 'wati@dinas.go.id']]);
});
