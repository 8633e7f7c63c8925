// Limits on text count characters (Unicode code points), not bytes: an Indonesian name with "é",
// a subject pasted with curly quotes or an en dash has the whole of its limit, through the JSON
// API, a web form and the command line alike; one character past it is refused naming the field;
// text cut to fit (a case's subject made from a company name) is cut between characters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession, cli } from './lib.mjs';

let s, token;
before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  token = await login(s.url);
  const u = cli(['user', 'add', 'vera', '--data', s.dir, '--role', 'verifikator', '--name', 'Vera'], { env: { LOKET_PASSWORD: 'vera-password-1' } });
  assert.equal(u.status, 0, u.stderr);
});
after(async () => { await s.stop(); });
const api = (method, path, body, t = token) => request(s.url, method, `/api/v1${path}`, { token: t, body });
const chars = (z) => [...z].length;

test('JSON: a knowledge-base title of 200 accented characters is taken, 201 is refused, and past the body\'s cap the message says characters', async () => {
  const title = 'Lupa kata sandi — “akun” ' + 'é'.repeat(175);
  assert.equal(chars(title), 200);
  let r = await api('POST', '/kb', { title, body: 'Gunakan menu lupa kata sandi.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.title, title);
  r = await api('POST', '/kb', { title: title + 'é', body: 'x' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'title');
  r = await api('POST', '/kb', { title: 'é'.repeat(401), body: 'x' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.message, 'Judul lebih panjang dari 400 karakter');
});

test('JSON: a user\'s full name of 127 characters with accents is taken (the member\'s own limit), 128 refused naming it', async () => {
  let r = await api('POST', '/users', { username: 'rene', full_name: 'René ' + 'é'.repeat(122), password: 'rene-password-1' });
  assert.equal(r.status, 201, r.text);
  assert.equal(chars(r.json.full_name), 127);
  r = await api('POST', '/users', { username: 'rene2', full_name: 'é'.repeat(128), password: 'rene-password-1' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'full_name');
});

test('a search text of 128 accented characters is searched, not refused as too long', async () => {
  const r = await api('GET', `/cases?q=${encodeURIComponent('é'.repeat(128))}`);
  assert.equal(r.status, 200, r.text);
  assert.equal((await api('GET', `/cases?q=${encodeURIComponent('é'.repeat(129))}`)).status, 400);
});

test('web form: an article titled with 200 accented characters is saved', async () => {
  const web = await webSession(s.url);
  const title = 'Panduan “SPSE” – ' + 'ü'.repeat(183);
  assert.equal(chars(title), 200);
  const r = await web.post('/kb', { csrf: web.csrf, title, body: 'Isi panduan.', status: 'published' });
  assert.equal(r.status, 303, r.text);
  const page = await web.get(r.headers.get('location'));
  assert.ok(page.text.includes(title), 'the title as written');
});

test('command line: a user added with a name of 120 accented characters', () => {
  const r = cli(['user', 'add', 'andre', '--data', s.dir, '--role', 'piket', '--name', 'André ' + 'é'.repeat(114)],
    { env: { LOKET_PASSWORD: 'andre-password-1' } });
  assert.equal(r.status, 0, r.stderr);
});

test('a company name of 193 accented characters books a verification; its case\'s subject is cut to 200 characters with …, between characters', async () => {
  const company = 'PT ' + 'é'.repeat(190);
  let r = await api('POST', '/verifications', { company, npwp: '01.234.567.8-901.000', email: 'direktur@contoh.co.id',
    contact: 'Budi Santoso', registered_on: '2026-11-10' });
  assert.equal(r.status, 201, r.text);
  const vera = await login(s.url, 'vera', 'vera-password-1');
  r = await api('POST', `/verifications/${r.json.id}/arrive`, undefined, vera);
  assert.equal(r.status, 200, r.text);
  const c = await api('GET', `/cases/${r.json.case}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(chars(c.json.subject), 200);
  assert.ok(c.json.subject.startsWith('Verifikasi penyedia PT éé'), c.json.subject);
  assert.ok(c.json.subject.endsWith('é…'), c.json.subject);
});

test('a text too long names its field and its limit: a case\'s subject through the API says 200 (message and "limit"), in Indonesian and in English', async () => {
  const body = { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'é'.repeat(201), requester: { name: 'Andi Saputra' } };
  let r = await api('POST', '/cases', body);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'subject');
  assert.equal(r.json.error.limit, 200, r.text);
  assert.equal(r.json.error.message, 'Perihal lebih panjang dari 200 karakter');
  r = await api('POST', '/cases?lang=en', body);
  assert.equal(r.json.error.message, 'Subject is longer than 200 characters');
  // with another field wrong: each item of "fields" says its own limit, or none
  r = await api('POST', '/cases?lang=en', { ...body, channel: 'fax' });
  assert.equal(r.status, 400, r.text);
  const subject = r.json.error.fields.find((f) => f.field === 'subject');
  assert.deepEqual(subject, { field: 'subject', message: 'Subject is longer than 200 characters', limit: 200 }, r.text);
  assert.ok(r.json.error.fields.filter((f) => f.field !== 'subject').every((f) => !('limit' in f)), r.text);
  // the JSON layer's own length says its limit the same way
  r = await api('POST', '/cases', { ...body, subject: 'x'.repeat(801) });
  assert.equal(r.json.error.limit, 800, r.text);
  // a search text too long: "q" and its limit
  r = await api('GET', `/cases?q=${encodeURIComponent('é'.repeat(129))}`);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'q');
  assert.equal(r.json.error.limit, 128, r.text);
  assert.equal(r.json.error.message, 'q terlalu panjang: paling banyak 128 karakter');
});

test('a text too long on a form is said under its field with the limit, in Indonesian: the directory\'s name', async () => {
  const web = await webSession(s.url);
  const r = await web.post('/direktori', { csrf: web.csrf, kind: 'person', name: 'é'.repeat(201) });
  assert.equal(r.status, 400, r.text.slice(0, 400));
  assert.match(r.text, /id="name-error">terlalu panjang: paling banyak 200 karakter</);
  assert.ok(!r.text.includes('%d'), 'no number left unsaid');
});
