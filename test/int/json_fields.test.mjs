// The API's JSON layer names every bad member of a body at once: a required one missing or
// empty, one too long, a number out of range, one of the wrong type, an unknown one; where the
// handler then checks the values itself (a new case), the two lists are answered together.
// A body that is not an object is still refused at once, and nothing is written.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { await s.stop(); });
const post = (path, body) => request(s.url, 'POST', path, { token, body });
const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field);
const caseCount = async () => (await request(s.url, 'GET', '/api/v1/cases?limit=500', { token })).json.cases.length;

test('a new case with an empty subject and a wrong channel names both, the JSON layer\'s first; nothing opened', async () => {
  const before = await caseCount();
  const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-006', channel: 'fax', subject: '',
                                          requester: { name: 'Andi Saputra' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.error.field, 'subject');
  assert.deepEqual(fieldsOf(r).sort(), ['channel', 'subject']);
  assert.equal(r.json.error.fields[0].message, r.json.error.message);
  // each said of its field's label (error.field keeps the machine name)
  assert.deepEqual(r.json.error.fields.map((f) => f.message.split(' ')[0]).sort(), ['Perihal', 'Saluran']);
  assert.equal(await caseCount(), before);
});

test('three bad members of a new case, a nested one among them, are each named once', async () => {
  const r = await post('/api/v1/cases?lang=en', { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'x'.repeat(801),
                                                  urgency: 'u'.repeat(40), requester: { name: 'A', nik: '12' } });
  assert.equal(r.status, 400, r.text);
  const fields = fieldsOf(r);
  for (const f of ['subject', 'urgency', 'requester.nik']) assert.ok(fields.includes(f), `${f} in ${r.text}`);
  assert.equal(new Set(fields).size, fields.length, r.text);
  assert.match(r.json.error.message, /^Subject is longer than 800 characters/);
});

test('an optional member too long while every other is right is refused: nothing is opened without it', async () => {
  const before = await caseCount();
  const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'Gagal unggah',
                                          impact: 'i'.repeat(33), requester: { name: 'Andi Saputra' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'impact');
  assert.equal(r.json.error.fields, undefined);
  assert.equal(await caseCount(), before);
});

test('a user with a missing name, a password of the wrong type and roles not a list: all three named', async () => {
  const r = await post('/api/v1/users?lang=en', { username: '', password: 12345678, roles: 'helpdesk' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['username', 'password', 'roles']);
  const m = Object.fromEntries(r.json.error.fields.map((f) => [f.field, f.message]));
  assert.equal(m.username, 'Username is required');
  assert.equal(m.password, 'Password must be a string');
  assert.equal(m.roles, 'Roles must be a list of strings');
});

test('a wrong type is still refused clearly, and the case\'s own checks wait until the body is the JSON expected', async () => {
  const r = await post('/api/v1/cases?lang=en', { sop: 'SOP-LPSE.BTG-006', channel: 'fax', subject: 5,
                                                  requester: { name: 'A' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'subject');
  assert.equal(r.json.error.message, 'Subject must be a string');
  assert.equal(r.json.error.fields, undefined, 'channel is checked once the body is right');
});

test('an unknown member is named with the others; a number out of range names its range; a body not an object stops at once', async () => {
  let r = await post('/api/v1/login?lang=en', { username: '', nickname: 'x' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['username', 'password', 'nickname']);
  assert.equal(r.json.error.fields[2].message, 'nickname is not a known field');
  r = await post('/api/v1/cases/NOPE/handovers?lang=en', { party_kind: '', party_name: 'LKPP', due_days: 99 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['party_kind', 'due_days']);
  assert.match(r.json.error.fields[1].message, /^due_days must be a whole number 1–60/);
  r = await post('/api/v1/cases', [1, 2]);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid_json');
  assert.equal(r.json.error.field, 'body');
});

test('a body that is JSON but not an object (null, a number, a string, true) is said to be no object, not malformed', async () => {
  for (const body of ['null', '5', '"abc"', 'true', ' null\n']) {
    const r = await request(s.url, 'POST', '/api/v1/login?lang=en', { body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(r.json.error, { code: 'invalid_json', message: 'The request body must be a JSON object', field: 'body' }, JSON.stringify(body));
  }
  const r = await request(s.url, 'POST', '/api/v1/login?lang=en', { body: 'null x', headers: { 'Content-Type': 'application/json' } });
  assert.match(r.json.error.message, /^Malformed JSON: there is more after the end of the object/);
});

test('a NUL character in a string names the member that holds it (a nested one by its path), not a line and column; nothing opened', async () => {
  const before = await caseCount();
  const r = await post('/api/v1/cases?lang=en', { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'Gagal\u0000unggah',
                                                  requester: { name: 'Andi\u0000Saputra' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['subject', 'requester.name']);
  assert.equal(r.json.error.message, 'Subject must not contain NUL characters');
  assert.equal(await caseCount(), before);
  // a NUL outside any member (the body a bare string) is still the body's
  const bare = await post('/api/v1/cases?lang=en', '"a\\u0000b"');
  assert.equal(bare.status, 400, bare.text);
  assert.equal(bare.json.error.field, 'body');
});
