// A new user's first day, by the README and docs/api.md's words: what they get wrong is named
// for what it is, and nothing the docs call optional is said to be required.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
const post = (path, body) => request(s.url, 'POST', path, { token, body });

before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

test('a case of an unknown or missing procedure names the procedure, not the channel it would have given', async () => {
  // docs/api.md: channel "defaults to the procedure's usual one"; with no procedure known there is none to say
  let r = await post('/api/v1/cases?lang=en', { sop: 'BTG-099', subject: 'x', requester: { name: 'Budi' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'sop');
  assert.deepEqual((r.json.error.fields || [r.json.error]).map((f) => f.field), ['sop']);
  r = await post('/api/v1/cases?lang=en', { subject: 'x' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['sop', 'requester']);
  // a channel given wrong is still named beside the procedure
  r = await post('/api/v1/cases?lang=en', { sop: 'BTG-099', channel: 'fax', subject: 'x', requester: { name: 'Budi' } });
  assert.deepEqual(r.json.error.fields.map((f) => f.field), ['sop', 'channel']);
  // and the procedure's own channel is taken when it is known
  r = await post('/api/v1/cases', { sop: 'BTG-017', subject: 'Lupa kata sandi', requester: { name: 'Budi' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'phone');
});
