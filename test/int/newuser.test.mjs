// A new user's first day, by the README and docs/api.md's words: what they get wrong is named
// for what it is, and nothing the docs call optional is said to be required.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, cli } from './lib.mjs';

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

test('a register entry names its case as people type the number, as the case paths take it; kept as printed', async () => {
  const c = await post('/api/v1/cases', { sop: 'OI-02', channel: 'letter', subject: 'Surat permohonan', requester: { name: 'Dinas PUPR' } });
  assert.equal(c.status, 201, c.text);
  const typed = ` ${c.json.number.toLowerCase()} `;
  let r = await post('/api/v1/registers/agenda', { letter_no: '027/15/DPU/2026', letter_date: '2026-01-05', sender: 'Dinas PUPR',
                                                   subject: 'Permohonan akun', case_number: typed });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.case_number, c.json.number);
  r = await request(s.url, 'PATCH', `/api/v1/registers/agenda/${r.json.id}`, { token, body: { case_number: typed } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.case_number, c.json.number);
  // a number the office has not given is still refused, naming the field
  r = await post('/api/v1/registers/agenda', { letter_no: '1', letter_date: '2026-01-05', sender: 'x', subject: 'x', case_number: 'lpse-2026-999999' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'case_number');
});

test('loket help takes --data as every command does (README: every command takes --data DIR and --help)', () => {
  let r = cli(['help', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Loket .*\n\nusage: loket COMMAND/);
  r = cli(['help', 'sla', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^usage: loket sla run --data DIR/);
  r = cli(['help', 'frob']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "frob"/);
});
