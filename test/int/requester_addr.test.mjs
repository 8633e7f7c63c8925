// A requester is known by their e-mail address, whatever name their mail program puts beside it:
// every path that finds or adds a case's requester by an address (the API's case, the help desk's
// e-mail, the staff's form, the portal's ticket, an account request) finds the directory's person
// holding it — in any capitals, under another display name or none — and neither adds a twin nor
// renames them; of two holding it (old data) the oldest. An address that is an organisation's own (a
// provider's) makes the case that organisation's, the person writing one of its people — found
// again by a name that can be theirs and their phone number, when one is given.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, webSession, PG, psql, confDb, sqlite } from './lib.mjs';

let s, token;
const api = (method, path, body) => request(s.url, method, path, { token, body });
const PHONE = { sop: 'SOP-LPSE.BTG-017', channel: 'email', subject: 'Tanya akun' };

before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

// The directory's entries holding the address (its search finds by the e-mail).
const holders = async (addr) => (await api('GET', `/api/v1/directory?q=${encodeURIComponent(addr)}`)).json.entries;
// The numbers of an entry's cases, oldest first.
const casesOf = async (id) => (await api('GET', `/api/v1/directory/${id}`)).json.cases.map((c) => c.number).reverse();
// A question pasted into the help desk's e-mail form: its case.
async function mailed(from, subject) {
  const r = await api('POST', '/api/v1/helpdesk/email', { text: `From: ${from}\nSubject: ${subject}\n\nMohon bantuan.` });
  assert.equal(r.status, 201, r.text);
  return (await api('GET', `/api/v1/cases/${r.json.number}`)).json;
}

test('a known address under another display name, in capitals or bare is the same person on every path, not renamed', async () => {
  const d = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Budi', email: 'budi@example.co.id' });
  assert.equal(d.status, 201, d.text);
  const numbers = [];
  // the API's case
  let r = await api('POST', '/api/v1/cases', { ...PHONE, requester: { name: 'Budi Santoso', email: 'budi@example.co.id' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.name, 'Budi Santoso', 'the case keeps the name given');
  numbers.push(r.json.number);
  r = await api('POST', '/api/v1/cases', { ...PHONE, requester: { email: 'Budi Santoso <BUDI@Example.co.id>' } });
  assert.equal(r.status, 201, r.text);
  numbers.push(r.json.number);
  // the help desk's e-mail: another name, capitals, none
  for (const from of ['Budi Santoso <budi@example.co.id>', 'BUDI@Example.co.id', '"Santoso, Budi" <Budi@EXAMPLE.co.id>']) {
    const c = await mailed(from, `Dari ${from}`);
    numbers.push(c.number);
  }
  // the staff's form
  const w = await webSession(s.url);
  const page = await w.post('/kasus', { csrf: w.csrf, sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lewat formulir',
    urgency: 'tidak_mendesak', impact: 'kecil', 'requester.name': 'Pak Budi S.', 'requester.email': 'Budi@example.co.id' });
  assert.equal(page.status, 303, page.text.slice(0, 300));
  numbers.push(page.headers.get('location').match(/^\/kasus\/([A-Z0-9-]+)/)[1]);
  // the portal's ticket
  r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Budi Santoso', email: 'BUDI@example.co.id',
    subject: 'Dari portal', description: 'Lupa kata sandi.' } });
  assert.equal(r.status, 201, r.text);
  numbers.push(r.json.number);
  const list = await holders('budi@example.co.id');
  assert.deepEqual(list.map((x) => [x.id, x.name]), [[d.json.id, 'Budi']], 'one entry, its name kept');
  assert.deepEqual(await casesOf(d.json.id), numbers);
});

test('an account request whose applicant\'s address the directory holds is that person\'s, the NIP they lacked added', async () => {
  const d = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Yusuf', email: 'yusuf.h@batangkab.go.id' });
  assert.equal(d.status, 201, d.text);
  const r = await api('POST', '/api/v1/account-requests', { kind: 'pokja', channel: 'letter', name: 'Yusuf Hidayat',
    nip: '198811202010011004', agency: 'Dinas Pendidikan', email: 'Yusuf.H@batangkab.go.id', docs: ['letter'] });
  assert.equal(r.status, 201, r.text);
  const list = await holders('yusuf.h@batangkab.go.id');
  assert.deepEqual(list.map((x) => [x.id, x.name, x.nip]), [[d.json.id, 'Yusuf', '198811202010011004']]);
  assert.equal((await casesOf(d.json.id)).length, 1);
  // one with another NIP at that address is someone else
  const o = await api('POST', '/api/v1/account-requests', { kind: 'ppk', channel: 'letter', name: 'Yusuf Hidayat',
    nip: '199001012015031002', agency: 'Dinas Pendidikan', email: 'yusuf.h@batangkab.go.id', docs: ['letter'] });
  assert.equal(o.status, 201, o.text);
  assert.equal((await holders('yusuf.h@batangkab.go.id')).length, 2);
});

test('a shared office address: each name its own entry, found again by its name; no name is the oldest\'s', async () => {
  const a = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Andi Saputra', email: 'layanan@dinas.go.id' });
  const b = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Siti Rahma', email: 'layanan@dinas.go.id' });
  assert.equal(b.status, 201, b.text);
  const c = await mailed('Siti Rahma <LAYANAN@dinas.go.id>', 'Alamat bersama');
  assert.equal(c.requester.name, 'Siti Rahma', 'the case keeps the name written');
  assert.deepEqual(await casesOf(b.json.id), [c.number]);
  const d = await mailed('"Ir. Andi" <layanan@dinas.go.id>', 'Alamat bersama 2');
  assert.deepEqual(await casesOf(a.json.id), [d.number], 'Andi under a shorter name with a title');
  const f = await mailed('layanan@dinas.go.id', 'Alamat bersama 3');
  assert.deepEqual(await casesOf(a.json.id), [d.number, f.number].sort(), 'no name: the oldest entry');
  assert.equal((await holders('layanan@dinas.go.id')).length, 2, 'no third');
  const g = await mailed('Dewi Kartika <layanan@dinas.go.id>', 'Alamat bersama 4');
  const list = await holders('layanan@dinas.go.id');
  assert.deepEqual(list.map((x) => x.name).sort(), ['Andi Saputra', 'Dewi Kartika', 'Siti Rahma'], 'another name: another person');
  assert.equal(g.requester.name, 'Dewi Kartika');
});

test('a provider writing from its own address: the case is the organisation\'s, the person named one of its people', async () => {
  const p = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'PT Sinar Abadi',
    npwp: '01.234.567.8-901.000', email: 'info@sinarabadi.co.id' });
  assert.equal(p.status, 201, p.text);
  // a person named beside the address: within the organisation, without its address
  let c = await mailed('Rudi Hartono <INFO@sinarabadi.co.id>', 'Dari penyedia');
  assert.equal(c.requester.org, 'PT Sinar Abadi');
  assert.equal(c.requester.name, 'Rudi Hartono');
  const people = async () => (await api('GET', `/api/v1/directory?kind=person&agency=${p.json.id}`)).json.entries;
  let list = await people();
  assert.deepEqual(list.map((x) => [x.name, x.email ?? null]), [['Rudi Hartono', null]]);
  c = await mailed('Rudi Hartono <info@sinarabadi.co.id>', 'Dari penyedia lagi');
  assert.equal(c.requester.org, 'PT Sinar Abadi');
  assert.equal((await people()).length, 1, 'the same person again');
  // no name, or the organisation's own: the organisation's case, no person
  for (const from of ['info@sinarabadi.co.id', '"PT Sinar Abadi" <info@sinarabadi.co.id>']) {
    c = await mailed(from, `Tanpa orang ${from}`);
    assert.equal(c.requester.org, 'PT Sinar Abadi');
    assert.equal(c.requester.name, 'PT Sinar Abadi');
  }
  // the API's case by the address alone, too
  const r = await api('POST', '/api/v1/cases', { ...PHONE, requester: { email: 'info@sinarabadi.co.id' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.requester.org, 'PT Sinar Abadi');
  list = await people();
  assert.equal(list.length, 1);
  assert.deepEqual((await holders('info@sinarabadi.co.id')).map((x) => x.id), [p.json.id], 'no person took the address');
  assert.equal((await casesOf(p.json.id)).length, 5);
});

test('an address stored in capitals (before 0054: a provider\'s verification) is lowered on upgrade and finds its entry', async () => {
  const p = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Lama Kapital',
    npwp: '03.456.789.0-123.000', email: 'admin@lamakapital.co.id' });
  assert.equal(p.status, 201, p.text);
  const dir = s.dir;
  await s.stop({ keep: true });
  s = null;
  const sql = (q) => (PG ? psql(confDb(dir), q) : sqlite(join(dir, 'loket.db'), q));
  const r = sql(`UPDATE party SET email='Admin@LamaKapital.co.id' WHERE id=${p.json.id};
DELETE FROM schema_migration WHERE name='0054-party-email-lower';`);
  assert.equal(r.status, 0, r.stderr);
  s = await startServer({ dir });
  token = await login(s.url);
  assert.equal(sql(`SELECT email FROM party WHERE id=${p.json.id}`).stdout.trim(), 'admin@lamakapital.co.id');
  const c = await mailed('Admin <ADMIN@lamakapital.co.id>', 'Setelah pemutakhiran');
  assert.equal(c.requester.org, 'CV Lama Kapital');
});

test('from an organisation\'s address with a phone: the person of that organisation whose name agrees and whose phone is the same (or none) is found again; another phone is another person', async () => {
  const o = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'provider', name: 'CV Maju Jaya',
    npwp: '04.567.890.1-234.000', email: 'info@cvmaju.co.id' });
  assert.equal(o.status, 201, o.text);
  const people = async () => (await api('GET', `/api/v1/directory?kind=person&agency=${o.json.id}`)).json.entries
    .sort((a, b) => a.id - b.id);
  const open = async (requester) => {
    const r = await api('POST', '/api/v1/cases', { ...PHONE, requester });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.requester.org, 'CV Maju Jaya');
    return r.json.number;
  };
  const budi = { name: 'Budi Santoso', email: 'info@cvmaju.co.id', phone: '0812-3456-7890' };
  const first = [];
  for (let i = 0; i < 3; i++) first.push(await open(budi));
  let list = await people();
  assert.deepEqual(list.map((x) => [x.name, x.phone, x.email ?? null]), [['Budi Santoso', '+6281234567890', null]],
    'one Budi, not one per case');
  const b1 = list[0].id;
  // the same number however written, a name that can be his, the address in capitals
  first.push(await open({ name: 'Pak Budi', email: 'INFO@cvmaju.co.id', phone: '+62 812 3456 7890' }));
  first.push(await open({ name: 'budi santoso', email: 'info@cvmaju.co.id', phone: '6281234567890' }));
  assert.equal((await people()).length, 1);
  assert.deepEqual(await casesOf(b1), first.sort());
  // the same name with another number: another Budi at the company, found again by that number
  const other = [await open({ ...budi, phone: '0813 9999 0000' })];
  list = await people();
  assert.deepEqual(list.map((x) => [x.name, x.phone]), [['Budi Santoso', '+6281234567890'], ['Budi Santoso', '+6281399990000']]);
  other.push(await open({ ...budi, phone: '+62-813-9999-0000' }));
  assert.equal((await people()).length, 2, 'no third Budi');
  assert.deepEqual(await casesOf(list[1].id), other.sort());
  assert.equal((await casesOf(b1)).length, 5);
  // a person of the organisation without a phone takes the one given (the name alone found him before)
  const rudi = [await open({ name: 'Rudi Hartono', email: 'info@cvmaju.co.id' })];
  rudi.push(await open({ name: 'Rudi Hartono', email: 'info@cvmaju.co.id', phone: '0812 1111 2222' }));
  list = await people();
  assert.deepEqual(list.map((x) => [x.name, x.phone ?? null]).slice(2), [['Rudi Hartono', '+6281211112222']]);
  assert.deepEqual(await casesOf(list[2].id), rudi.sort());
  // of the same name, the entry with that number before an older one with none
  const s0 = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Sari Dewi', agency: String(o.json.id) });
  assert.equal(s0.status, 201, s0.text);
  const s1 = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Sari Dewi', agency: String(o.json.id), phone: '0857-2222-3333' });
  assert.equal(s1.status, 201, s1.text);
  const sari = { name: 'Sari Dewi', email: 'info@cvmaju.co.id' };
  const n1 = await open({ ...sari, phone: '085722223333' });
  assert.deepEqual(await casesOf(s1.json.id), [n1]);
  const n0 = await open({ ...sari, phone: '0857 4444 5555' });
  assert.deepEqual(await casesOf(s0.json.id), [n0], 'the older one, who had no number, takes this one');
  list = await people();
  assert.deepEqual(list.filter((x) => x.name === 'Sari Dewi').map((x) => x.phone), ['+6285744445555', '+6285722223333']);
  assert.equal(list.length, 5);
  assert.deepEqual((await holders('info@cvmaju.co.id')).map((x) => x.id), [o.json.id], 'no person took the address');
});

test('a name with a phone number, no address: the person of a name that can be theirs at that number (or of the organisation named, one with none yet) is found again; another name at the number is another person', async () => {
  const open = async (requester) => {
    const r = await api('POST', '/api/v1/cases', { ...PHONE, channel: 'phone', requester });
    assert.equal(r.status, 201, r.text);
    return r.json.number;
  };
  const named = async (name) => (await api('GET', `/api/v1/directory?kind=person&q=${encodeURIComponent(name)}`)).json.entries
    .filter((x) => x.name === name);
  // the phone desk's caller, with no organisation: one entry for every call, however the number is written
  const rina = [await open({ name: 'Rina Kusumawati', phone: '0811-2222-3333' })];
  rina.push(await open({ name: 'Rina Kusumawati', phone: '+62 811 2222 3333' }));
  rina.push(await open({ name: 'Ibu Rina', phone: '62811 2222 3333' }));
  let list = await named('Rina Kusumawati');
  assert.deepEqual(list.map((x) => x.phone), ['+6281122223333'], 'one Rina, not one per call');
  assert.deepEqual(await casesOf(list[0].id), rina.sort());
  // another name at that number (an office's switchboard) is another person, found again by it
  const tono = [await open({ name: 'Tono Prasetyo', phone: '0811 2222 3333' }), await open({ name: 'Tono Prasetyo', phone: '081122223333' })];
  list = await named('Tono Prasetyo');
  assert.equal(list.length, 1);
  assert.deepEqual(await casesOf(list[0].id), tono.sort());
  assert.equal((await named('Rina Kusumawati')).length, 1);
  // an entry holding a NIK other than the one given is someone else, though the name and number agree
  await api('POST', '/api/v1/directory', { kind: 'person', name: 'Joko Susilo', nik: '3325011501900011', phone: '0856 7000 1000' });
  await open({ name: 'Joko Susilo', nik: '3325011501900029', phone: '0856 7000 1000' });
  assert.equal((await named('Joko Susilo')).length, 2);
  // at an organisation given by name: its person of that name with no number takes the one given,
  // and is found by it after; another number is another person of that company
  const maju = [await open({ name: 'Hadi Wibowo', org_name: 'PT Sinar Kembar' })];
  maju.push(await open({ name: 'Hadi Wibowo', org_name: 'PT Sinar Kembar', phone: '0812 5555 6666' }));
  maju.push(await open({ name: 'Pak Hadi', org_name: 'PT Sinar Kembar', phone: '+62 812-5555-6666' }));
  list = await named('Hadi Wibowo');
  assert.deepEqual(list.map((x) => x.phone), ['+6281255556666']);
  assert.deepEqual(await casesOf(list[0].id), maju.sort());
  await open({ name: 'Hadi Wibowo', org_name: 'PT Sinar Kembar', phone: '0812 7777 8888' });
  assert.deepEqual((await named('Hadi Wibowo')).map((x) => x.phone).sort(), ['+6281255556666', '+6281277778888']);
});
