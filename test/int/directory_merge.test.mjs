// The directory's entries written twice: a case's requester organisation made by name alone and
// the provider entered later with its NPWP, a person entered again in capitals. The entry page
// lists the likely twins; merging keeps the entry, fills its empty fields from the twin, moves
// the twin's cases, accounts and members to it and removes the twin (API and page, audited);
// two different parties (a person and an organisation, two NPWPs, an entry and its agency) are refused, naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

let s, token, web;
before(async () => {
  s = await startServer();
  token = await login(s.url);
  web = await webSession(s.url);
});
after(async () => { await s?.stop(); });

const api = (method, path, body) => request(s.url, method, path, { token, body });
const entry = async (ref) => (await api('GET', `/api/v1/directory/${encodeURIComponent(ref)}`)).json;

test('a case\'s organisation made by name and the provider entered with its NPWP become one entry, with the case and the people', async () => {
  const c = await api('POST', '/api/v1/cases', { sop: 'OI-02', channel: 'email', subject: 'Gagal unggah dokumen penawaran tender 10045678',
    requester: { name: 'Siti Rahmawati', email: 'siti@cvsejahtera.co.id', organization: 'CV Sejahtera Abadi' } });
  assert.equal(c.status, 201);
  const byName = (await api('GET', '/api/v1/directory?q=sejahtera%20abadi&kind=org')).json.entries;
  assert.equal(byName.length, 1);
  const twin = byName[0];
  const prov = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Sejahtera Abadi',
    npwp: '02.345.678.9-012.000', phone: '0285-391234', address: 'Jl. Jend. Sudirman No. 12, Batang' });
  assert.equal(prov.status, 201);
  const siti = (await api('GET', '/api/v1/directory?q=siti%40cvsejahtera.co.id')).json.entries[0];
  assert.equal(siti.agency_id, twin.id);
  const acc = await api('POST', '/api/v1/accounts', { user_id: 'cvsejahtera', kind: 'penyedia', holder: String(siti.id), agency: String(twin.id) });
  assert.equal(acc.status, 201);

  // the page of the provider names its twin, with a button that merges it here
  const page = await web.get(`/direktori/${prov.json.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Kemungkinan entri ganda/);
  assert.match(page.text, new RegExp(`<a href="/direktori/${twin.id}">CV Sejahtera Abadi</a>`));
  assert.match(page.text, new RegExp(`action="/direktori/${prov.json.id}/gabung"[^]*name="from" value="${twin.id}"`));

  const m = await api('POST', '/api/v1/directory/02.345.678.9-012.000/merge', { from: String(twin.id) });
  assert.equal(m.status, 200);
  assert.equal(m.json.id, prov.json.id);
  assert.equal(m.json.npwp, '0023456789012000');
  assert.deepEqual(m.json.cases.map((x) => x.number), [c.json.number]);
  assert.deepEqual(m.json.accounts.map((x) => x.user_id), ['cvsejahtera']);
  assert.equal((await api('GET', `/api/v1/directory/${twin.id}`)).status, 404);
  assert.equal((await entry(String(siti.id))).agency_id, prov.json.id);
  const audit = (await api('GET', '/api/v1/audit?limit=5')).json.rows.find((x) => x.action === 'party.merge');
  assert.equal(audit.object, `party/${prov.json.id}`);
  assert.match(audit.detail, new RegExp(`party/${twin.id} merged: CV Sejahtera Abadi`));
  const after_ = await web.get(`/direktori/${prov.json.id}`);
  assert.match(after_.text, /Tidak ada entri lain dengan nama, surel, atau telepon ini/);
  // the case search follows the organisation's entry: merged, then renamed (its trigram index in the same transaction)
  const found = async (q) => (await api('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`)).json.cases.map((x) => x.number);
  assert.deepEqual(await found('sejahtera abadi'), [c.json.number]);
  assert.equal((await api('PATCH', '/api/v1/directory/02.345.678.9-012.000', { name: 'PT Sejahtera Abadi Makmur' })).status, 200);
  assert.deepEqual(await found('abadi makmur'), [c.json.number]);
  assert.deepEqual(await found('abadi makmurr'), []);
});

test('the page merges a person entered again in capitals: the empty fields of the entry kept are filled from the twin', async () => {
  const a = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Agus Wibowo', email: 'agus.pokja@batangkab.go.id',
    nip: '19800512 200501 1 003' });
  const b = await api('POST', '/api/v1/directory', { kind: 'person', name: 'AGUS WIBOWO ', phone: '0812-2233-4455',
    position: 'Anggota Pokja Pemilihan 3', email: 'agus.pokja@batangkab.go.id' });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  let r = await web.post(`/direktori/${a.json.id}/gabung`, { csrf: web.csrf, from: 'tidak-ada' });
  assert.equal(r.status, 404);
  assert.match(r.text, /Entri itu tidak ada di direktori/);
  assert.match(r.text, /name="from" value="tidak-ada"/);
  r = await web.post(`/direktori/${a.json.id}/gabung`, { csrf: web.csrf, from: String(b.json.id) });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), new RegExp(`/direktori/${a.json.id}\\?ok=`));
  const kept = await entry('198005122005011003');
  assert.equal(kept.id, a.json.id);
  assert.equal(kept.name, 'Agus Wibowo');
  assert.equal(kept.phone, '+6281222334455');
  assert.equal(kept.position, 'Anggota Pokja Pemilihan 3');
  assert.equal((await api('GET', `/api/v1/directory/${b.json.id}`)).status, 404);
});

test('two different parties are not merged: the field that tells them apart is named, nothing changes', async () => {
  const p1 = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'PT Karya Bangun Nusantara', npwp: '01.234.567.8-901.000' });
  const p2 = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'PT Karya Bangun Nusantara', npwp: '03.111.222.3-444.000' });
  const ag = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name: 'Dinas Pekerjaan Umum dan Penataan Ruang' });
  const unit = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'unit', name: 'Bidang Bina Marga', agency: String(ag.json.id) });
  const person = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Rudi Hartono' });
  const cases = [
    [p1.json.id, { from: String(p2.json.id) }, 409, 'npwp'],
    [p1.json.id, { from: String(person.json.id) }, 409, 'kind'],
    [p1.json.id, { from: String(ag.json.id) }, 409, 'org_type'],
    [ag.json.id, { from: String(unit.json.id) }, 409, 'org_type'],
    [p1.json.id, { from: String(p1.json.id) }, 400, 'from'],
    [p1.json.id, { from: '999999' }, 404, 'from'],
    [p1.json.id, {}, 400, 'from'],
    [p1.json.id, { from: String(p2.json.id), into: 'x' }, 400, 'into'],
  ];
  for (const [id, body, status, field] of cases) {
    const r = await api('POST', `/api/v1/directory/${id}/merge`, body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  assert.equal((await api('POST', '/api/v1/directory/999999/merge', { from: String(p1.json.id) })).status, 404);
  // a unit and its agency: the agency named
  const u2 = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'unit', name: 'Bidang Cipta Karya', agency: String(unit.json.id) });
  const r = await api('POST', `/api/v1/directory/${unit.json.id}/merge`, { from: String(u2.json.id) });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'agency');
  for (const x of [p1, p2, ag, unit, person, u2]) assert.equal((await api('GET', `/api/v1/directory/${x.json.id}`)).status, 200);
  // the page says why, above its merge form
  const pg = await web.post(`/direktori/${p1.json.id}/gabung`, { csrf: web.csrf, from: String(p2.json.id) });
  assert.equal(pg.status, 409);
  assert.match(pg.text, /Tidak digabungkan: Nomor kedua entri di sini berbeda/);
});

test('a requester\'s organisation written "CV. Mitra Karya" is listed as a twin of the provider "CV MITRA KARYA" (dots, commas, spaces and capitals aside); merging moves its case', async () => {
  const prov = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV MITRA KARYA', npwp: '02.111.333.4-511.000' });
  assert.equal(prov.status, 201);
  const c = await api('POST', '/api/v1/cases', { sop: 'OI-02', channel: 'walk_in', subject: 'Tanya jadwal verifikasi',
    requester: { name: 'Bambang Sutrisno', phone: '0813-2765-4411', organization: 'CV. Mitra  Karya' } });
  assert.equal(c.status, 201);
  const other = (await api('GET', '/api/v1/directory?q=mitra&kind=org')).json.entries.find((x) => x.id !== prov.json.id);
  assert.equal(other.name, 'CV. Mitra  Karya');
  const person = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Dewi Lestari, S.T.', nik: '3325015403820002' });
  const again = await api('POST', '/api/v1/directory', { kind: 'person', name: 'DEWI LESTARI ST' });
  const page = await web.get(`/direktori/${prov.json.id}`);
  assert.match(page.text, new RegExp(`<a href="/direktori/${other.id}">CV\\. Mitra  Karya</a>`));
  assert.match((await web.get(`/direktori/${person.json.id}`)).text, new RegExp(`<a href="/direktori/${again.json.id}">DEWI LESTARI ST</a>`));
  assert.doesNotMatch(page.text, /Dewi Lestari/, 'a person is no twin of an organisation');
  const m = await api('POST', `/api/v1/directory/${prov.json.id}/merge`, { from: String(other.id) });
  assert.equal(m.status, 200, m.text);
  assert.deepEqual(m.json.cases.map((x) => x.number), [c.json.number]);
});

test('a NPWP or NIK refused on the page as already in the directory links to the entry that has it, in any writing, what was typed kept', async () => {
  const prov = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Pemilik NPWP', npwp: '03.222.444.5-511.000' });
  const person = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Pemilik NIK', nik: '3325016703900004' });
  const other = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Orang Lain' });
  let r = await web.post('/direktori', { csrf: web.csrf, kind: 'org', org_type: 'provider', name: 'CV Pemilik Baru', npwp: '0032224445511000', address: 'Jl. Baru 1' });
  assert.equal(r.status, 409);
  assert.match(r.text, /id="npwp-error">sudah ada di direktori<\/p><p class="field-error" id="npwp-holder">Entri yang memilikinya: <a href="\/direktori\/(\d+)">CV Pemilik NPWP<\/a>/);
  assert.equal(Number(r.text.match(/id="npwp-holder">[^<]*<a href="\/direktori\/(\d+)"/)[1]), prov.json.id);
  assert.match(r.text, /name="address" type="text" value="Jl. Baru 1"/);
  assert.match(r.text, /<main[^]*Mohon perbaiki isian yang ditandai di bawah\.[^]*<form class="filters card"/, 'the page says at its top that a field below is refused, as the other forms do');
  r = await web.post(`/direktori/${other.json.id}?lang=en`, { csrf: web.csrf, name: 'Orang Lain', nik: '3325 0167 0390 0004' });
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(`id="nik-holder">The entry that has it: <a href="/direktori/${person.json.id}">Pemilik NIK</a>`));
  // its own NIK again is no conflict; an invalid one has no link
  r = await web.post(`/direktori/${person.json.id}`, { csrf: web.csrf, name: 'Pemilik NIK', nik: '3325016703900004' });
  assert.equal(r.status, 303);
  r = await web.post(`/direktori/${other.json.id}`, { csrf: web.csrf, name: 'Orang Lain', nik: '12' });
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.text, /-holder"/);
});
