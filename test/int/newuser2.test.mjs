// A new user's second walk, by docs/api.md's words: a training from the portal, a ticket's
// escalation, the users' administration. What the answer says is what happened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
const post = (path, body, tok = token) => request(s.url, 'POST', path, { token: tok, body });
const get = (path, tok = token) => request(s.url, 'GET', path, { token: tok });

before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

test('an escalation says notified where the call mailed the requester, and not in a list, which cannot tell', async () => {
  const t = await post('/api/v1/portal/tickets', { name: 'Rina', email: 'rina@cvmaju.co.id', subject: 'Daftar akun galat', description: 'Formulir galat.' }, null);
  assert.equal(t.status, 201, t.text);
  const n = t.json.number;
  let r = await post(`/api/v1/cases/${n}/escalations`, { title: 'Tidak bisa daftar', application: 'SPSE 4.5', type: 'permasalahan',
                                                           description: 'Formulir galat', external_ticket: 'TTS-1' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.notified, true);   // the requester's address is known: told
  const id = r.json.id;
  // read back, nobody knows any more whether a mail went: the lists do not say false
  for (const path of ['/api/v1/escalations', `/api/v1/cases/${n}/escalations`]) {
    r = await get(path);
    assert.equal(r.status, 200, r.text);
    const x = r.json.escalations.find((e) => e.id === id);
    assert.ok(x, path);
    assert.equal('notified' in x, false, `${path}: ${JSON.stringify(x)}`);
  }
  r = await post(`/api/v1/escalations/${id}/answer`, { answer: 'Formulir sudah diperbaiki' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.notified, true);
  r = await get(`/api/v1/cases/${n}/escalations`);
  assert.equal(r.json.escalations[0].status, 'answered');
  assert.equal('notified' in r.json.escalations[0], false);
});

test('a plan not yet approved, or one kept off the portal, is not on the portal: 404 on the API as on its page', async () => {
  const plan = { title: 'Training PPK', audience: ['ppk'], capacity: 5, venue: 'Aula', trainers: ['Ani'],
                 sessions: [{ title: 'S1', starts_at: '2099-01-12 08:00', ends_at: '2099-01-12 12:00' }] };
  let r = await post('/api/v1/trainings', plan);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  const who = { name: 'Gita', agency: 'Dinas', email: 'gita@dinas.go.id' };
  r = await post(`/api/v1/portal/trainings/${id}/register`, who, null);
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.field, 'id');
  assert.equal((await request(s.url, 'GET', `/portal/pelatihan/${id}/daftar`)).status, 404);
  r = await post(`/api/v1/portal/trainings/${id}/questionnaire/link`, { email: 'gita@dinas.go.id' }, null);
  assert.equal(r.status, 404, r.text);
  // approved, it takes registrations
  r = await post(`/api/v1/trainings/${id}/approve`);
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/portal/trainings/${id}/register`, who, null);
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/portal/trainings/${id}/questionnaire/link`, { email: 'gita@dinas.go.id' }, null);
  assert.equal(r.status, 403, r.text);   // not open yet: the questionnaire's, not the training's absence
  // kept off the portal: not there either
  r = await post('/api/v1/trainings', { ...plan, portal: false });
  assert.equal(r.status, 201, r.text);
  const off = r.json.id;
  assert.equal((await post(`/api/v1/trainings/${off}/approve`)).status, 200);
  r = await post(`/api/v1/portal/trainings/${off}/register`, { ...who, email: 'lain@dinas.go.id' }, null);
  assert.equal(r.status, 404, r.text);
  // staff still invite to it
  r = await post(`/api/v1/trainings/${off}/participants`, who);
  assert.equal(r.status, 201, r.text);
});

test('disabling one\'s own account is refused naming the user of the path, and nothing changes', async () => {
  const r = await post('/api/v1/users/admin/disable?lang=en');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'username');
  assert.match(r.json.error.message, /your own account/);
  assert.equal((await get('/api/v1/users/admin')).json.state, 'active');
});

test('a case that did not come through the portal: GET and POST …/portal both 404 naming number', async () => {
  const c = await post('/api/v1/cases', { sop: 'OI-02', channel: 'letter', subject: 'Surat', requester: { name: 'Dinas PUPR' } });
  assert.equal(c.status, 201, c.text);
  for (const r of [await get(`/api/v1/cases/${c.json.number}/portal`),
                   await post(`/api/v1/cases/${c.json.number}/portal`, { body: 'Jawaban' })]) {
    assert.equal(r.status, 404, r.text);
    assert.equal(r.json.error.field, 'number');
  }
});

test('a register\'s action done twice is 409 naming the field it is recorded in', async () => {
  const c = await post('/api/v1/cases', { sop: 'OI-02', channel: 'letter', subject: 'Surat', requester: { name: 'Dinas PUPR' } });
  assert.equal(c.status, 201, c.text);
  let r = await post('/api/v1/registers/disposition', { to_user: 'admin', instruction: 'Tolong cek', due_at: '2099-01-05T16:00',
                                                        case_number: c.json.number });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await post(`/api/v1/registers/disposition/${id}/done`);
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/registers/disposition/${id}/done?lang=en`);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'done_at');
  assert.equal(r.json.error.message, 'This is already recorded');
  r = await post('/api/v1/registers/guest-book', { name: 'Budi', purpose: 'Konsultasi' });
  assert.equal(r.status, 201, r.text);
  const g = r.json.id;
  assert.equal((await post(`/api/v1/registers/guest-book/${g}/depart`)).status, 200);
  r = await post(`/api/v1/registers/guest-book/${g}/depart`);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'left_at');
});
