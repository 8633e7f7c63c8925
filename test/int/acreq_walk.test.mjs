// A walk of the account requests (OI-03/04/05, BTG-019) and the .rhs desk (OI-06) as staff use
// them: a wrong field of theirs is said by its label in Indonesian (User ID, Persetujuan, NIP atau
// e-mail akun, Berkas dapat dibuka…), not by the API's machine name; and the disposition sheet to
// the secretary that the request to LKPP writes (OI-06 step 3) is carried out with the step, not
// left "not done yet" once the case has ended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

const call = (method, path, body) => request(s.url, method, path, { token, body });

// The field named and the message's first words, in Indonesian (the default) or ?lang=en.
async function said(method, path, body, status = 400) {
  const r = await call(method, path, body);
  assert.equal(r.status, status, r.text);
  return [r.json.error.field, r.json.error.message];
}

test('an account request\'s fields are said by their labels in Indonesian, the field keeping its name', async () => {
  const [f1, m1] = await said('POST', '/api/v1/account-requests', { kind: 'deactivate', user_id: 'tidak.ada' });
  assert.equal(f1, 'user_id');
  assert.match(m1, /^User ID tidak ada di daftar akun/);
  const [f2, m2] = await said('POST', '/api/v1/account-requests', { kind: 'forgotten', lookup: 'Yusuf' });
  assert.equal(f2, 'lookup');
  assert.match(m2, /^NIP atau e-mail akun harus/);
  const [f3, m3] = await said('POST', '/api/v1/account-requests', { kind: 'forgotten', lookup: '198811202010011004', sk_number: 'SK-1' });
  assert.equal(f3, 'sk_number');
  assert.match(m3, /^Nomor SK tidak diperlukan/);
  // a request up to the Pengarah's review: "approve" said as Persetujuan
  const open = await call('POST', '/api/v1/account-requests', { kind: 'pokja', name: 'Yusuf Hidayat', nip: '198811202010011004',
    email: 'yusuf@batangkab.go.id', agency: 'Dinas Pendidikan', docs: ['letter', 'decree', 'personal_data'] });
  assert.equal(open.status, 201, open.text);
  const id = open.json.id;
  assert.equal((await call('POST', `/api/v1/account-requests/${id}/check`, {})).status, 200);
  const [f4, m4] = await said('POST', `/api/v1/account-requests/${id}/approve`, {});
  assert.equal(f4, 'approve');
  assert.equal(m4, 'Persetujuan wajib diisi');
  // English too
  const en = await request(s.url, 'POST', `/api/v1/account-requests/${id}/approve?lang=en`, { token, body: {} });
  assert.equal(en.json.error.message, 'Approval is required');
});

test('the .rhs desk: its fields said by their labels; the disposition to the secretary is done with step 3', async () => {
  const o = await call('POST', '/api/v1/rhs', { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2' } });
  assert.equal(o.status, 201, o.text);
  const number = o.json.case.number;
  const boundary = 'XyZwalk';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="penawaran.rhs"\r\n`
    + `Content-Type: application/octet-stream\r\n\r\nRHS-CONTENT\r\n--${boundary}--\r\n`;
  const up = await fetch(`${s.url}/api/v1/rhs/${number}/files`, { method: 'POST', body,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
  assert.equal(up.status, 201, await up.text());
  assert.deepEqual(await said('POST', `/api/v1/rhs/${number}/test`, { causes: ['pdf_rusak'] }), ['opened', 'Berkas dapat dibuka wajib diisi']);
  const [fc, mc] = await said('POST', `/api/v1/rhs/${number}/test`, { opened: false, causes: ['bukan'] });
  assert.equal(fc, 'causes');
  assert.match(mc, /^Penyebab yang diperiksa menyebut/);
  assert.equal((await call('POST', `/api/v1/rhs/${number}/test`, { opened: false, causes: ['pdf_rusak'] })).status, 200);
  const [ft, mt] = await said('POST', `/api/v1/rhs/${number}/request`, {});
  assert.equal(ft, 'external_ticket');
  assert.match(mt, /tiket LKPP/);
  const q = await call('POST', `/api/v1/rhs/${number}/request`, { external_ticket: 'TTS-2099-0001' });
  assert.equal(q.status, 200, q.text);
  // the sheet is carried out as the request is recorded (the letter sent: step 3 done), with its audit row
  const disp = (await call('GET', '/api/v1/registers/disposition')).json.entries.find((d) => d.case_number === number);
  assert.equal(disp.to_role, 'sekretaris');
  assert.ok(disp.done_at, JSON.stringify(disp));
  const step3 = q.json.case.steps.find((x) => x.no === 3);
  assert.equal(disp.done_at, step3.done_at);
  const audit = (await call('GET', '/api/v1/audit?limit=50')).json.rows;
  assert.ok(audit.some((a) => a.action === 'register.done' && a.object === `disposition:${disp.id}`), 'register.done audited');
  const open = (await call('GET', '/api/v1/registers/disposition?open=true')).json;
  assert.ok(!(open.entries || []).some((d) => d.case_number === number), 'not among the sheets not done yet');
  // LKPP's result ends the case's steps at 7: the sheet stays done
  const res = await call('POST', `/api/v1/rhs/${number}/result`, { opened: false, note: 'Struktur berkas rusak' });
  assert.equal(res.status, 200, res.text);
});
