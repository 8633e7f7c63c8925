// "Tugas saya": a step the requester takes (the caller giving information, the
// applicant completing a file) is followed by the officer who opened the case —
// nobody holds the requester's role — and by no other officer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, login, request, webSession } from './lib.mjs';

let s, meja, lain;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  addUser(s.dir, 'lain', 'helpdesk', 'lain-bantuan-2026');
  meja = await login(s.url, 'meja', 'meja-bantuan-2026');
  lain = await login(s.url, 'lain', 'lain-bantuan-2026');
});
after(async () => { await s.stop(); });

const mine = async (token) =>
  (await request(s.url, 'GET', '/api/v1/cases?mine=1', { token })).json.cases.map((c) => c.number);

test('a phone case waiting on the caller is in the opener\'s tasks, not another officer\'s', async () => {
  const open = await request(s.url, 'POST', '/api/v1/cases', { token: meja, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE',
    requester: { name: 'Budi Santoso', phone: '0812-3456-7890' } } });
  assert.equal(open.status, 201, open.text);
  const number = open.json.number;
  assert.equal(open.json.current_step, 1);                 // step 1: the requester phones
  assert.ok((await mine(meja)).includes(number), 'the opener follows the requester\'s step');
  assert.ok(!(await mine(lain)).includes(number), 'another officer does not');
  // step 2 is the helpdesk's: both helpdesk officers see it now
  const done = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token: meja, body: { outcome: 'done' } });
  assert.equal(done.status, 200, done.text);
  assert.ok((await mine(lain)).includes(number));
  // and the page shows it under Tugas saya for the opener
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  assert.match((await web.get('/tugas')).text, new RegExp(number));
});

test('OI-06: the Pokja\'s steps (1 and 7), whose holders do not work in the office\'s pages, are followed by the opener', async () => {
  const open = await request(s.url, 'POST', '/api/v1/cases', { token: meja, body: {
    sop: 'SOP 06/LPSE/2012', channel: 'email', subject: 'Berkas .rhs tidak dapat dibuka',
    requester: { name: 'Pokja Konstruksi', org_name: 'ULP Kabupaten' } } });
  assert.equal(open.status, 201, open.text);
  const number = open.json.number;
  assert.equal(open.json.current_step, 1);                 // step 1: the Pokja cannot open the file
  assert.ok((await mine(meja)).includes(number), 'the opener follows the Pokja\'s step');
  assert.ok(!(await mine(lain)).includes(number), 'another officer does not');
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  assert.match((await web.get('/tugas')).text, new RegExp(number));
  // given to the role Pokja (whose turn it is), it stays with the opener
  const given = await request(s.url, 'POST', `/api/v1/cases/${number}/assign`, { token: meja, body: { role: 'pokja' } });
  assert.equal(given.status, 200, given.text);
  assert.ok((await mine(meja)).includes(number), 'the opener still follows it');
  assert.ok(!(await mine(lain)).includes(number), 'another officer still does not');
});
