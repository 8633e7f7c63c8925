// The API's messages about a field read as sentences: a phrase about the field ("wajib diisi",
// "tidak dikenal") is said of the field's label (Judul, Nama, Prosedur) in the
// request's language, while error.field keeps the machine name; a field with no label yet is
// still said by its name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

test('title, sop and name are said by their labels in Indonesian and English; the field keeps its name', async () => {
  const said = async (path, body, lang, auth = token) => {
    const r = await request(s.url, 'POST', `${path}${lang ? `?lang=${lang}` : ''}`, { token: auth, body });
    assert.equal(r.status, 400, r.text);
    return [r.json.error.field, r.json.error.message];
  };
  assert.deepEqual(await said('/api/v1/cases/LPSE-1/escalations', {}), ['title', 'Judul wajib diisi']);
  assert.deepEqual(await said('/api/v1/cases/LPSE-1/escalations', {}, 'en'), ['title', 'Title is required']);
  const skm = { sop: 'SOP 99', u1: 3, u2: 3, u3: 3, u4: 3, u5: 3, u6: 3, u7: 3, u8: 3, u9: 3, gender: 'L', age: 30, education: 'SMA', occupation: 'PNS' };
  assert.deepEqual(await said('/api/v1/portal/skm', skm, '', null), ['sop', 'Prosedur tidak dikenal: tidak ada prosedur dengan kode ini']);
  assert.deepEqual(await said('/api/v1/portal/skm', skm, 'en', null), ['sop', 'Procedure is not known: no procedure has this code']);
  assert.deepEqual(await said('/api/v1/registers/guest-book', {}), ['name', 'Nama wajib diisi']);
  // a field with no label yet: said by its name, as before
  assert.deepEqual(await said('/api/v1/registers/guest-book', { name: 'Budi', nickname: 'B' }), ['nickname', 'nickname bukan kolom yang dikenal']);
});

test('every field the API names is said by its label: top-level, a requester\'s (NIP pemohon) and an indexed member (its last member)', async () => {
  const said = async (method, path, body, lang) => {
    const r = await request(s.url, method, `${path}${lang ? `?lang=${lang}` : ''}`, { token, body });
    assert.equal(r.status, 400, r.text);
    return [r.json.error.field, r.json.error.message.split(' ').slice(0, 2).join(' ')];
  };
  // a register's field: the guest book's purpose is its form's "Tujuan"
  assert.deepEqual(await said('POST', '/api/v1/registers/guest-book', { name: 'Budi' }), ['purpose', 'Tujuan wajib']);
  assert.deepEqual(await said('POST', '/api/v1/registers/guest-book', { name: 'Budi' }, 'en'), ['purpose', 'Purpose is']);
  // the directory's kind
  assert.deepEqual(await said('POST', '/api/v1/directory', { kind: 'robot', name: 'Budi' }), ['kind', 'Jenis harus']);
  assert.deepEqual(await said('POST', '/api/v1/directory', { kind: 'robot', name: 'Budi' }, 'en'), ['kind', 'Kind must']);
  // a requester's field: by the whole path
  const kase = { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE', urgency: 'mendesak', impact: 'sedang',
    requester: { name: 'Budi', nip: 1990 } };
  assert.deepEqual(await said('POST', '/api/v1/cases', kase), ['requester.nip', 'NIP pemohon']);
  assert.deepEqual(await said('POST', '/api/v1/cases', kase, 'en'), ['requester.nip', "Requester's NIP"]);
  // an indexed member: by its last member, the field naming the entry
  const rules = { rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'sangat' }] };
  assert.deepEqual(await said('PUT', '/api/v1/priorities', rules), ['rules[0].priority', 'Prioritas harus']);
  assert.deepEqual(await said('PUT', '/api/v1/priorities', rules, 'en'), ['rules[0].priority', 'Priority must']);
});

test('a training\'s budget lines are said by their labels (a session\'s Q&A minutes: training.test)', async () => {
  const r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: { budget: [{ item: '', amount: -5 }] } });
  assert.equal(r.status, 400, r.text);
  const said = (f) => r.json.error.fields.find((x) => x.field === f)?.message;
  assert.match(said('budget.amount'), /^Jumlah anggaran \(Rp\) harus/);
  assert.match(said('budget.item'), /^Butir anggaran wajib diisi/);
});
