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
