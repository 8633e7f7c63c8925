// The public-satisfaction survey (SKM) walked as a new member of staff and a visitor would: a paper
// questionnaire sent empty names each of its sixteen fields (API) and the page marks each one, the
// profile's last fields too; a walk-in naming a retired procedure (one the questionnaire leaves out)
// is refused naming sop, nothing written. Runs on both engines (no SQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

const NOW = '2026-01-05T09:00:00+07:00';     // Monday 09.00 WIB, frozen
let s, admin;

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

const ALL = ['day', 'sop', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'gender', 'age', 'education', 'occupation', 'suggestion'];
const fieldsOf = (r) => (r.json.error.fields || [r.json.error]).map((f) => f.field).sort();
const respondents = async () => (await request(s.url, 'GET', '/api/v1/reports/skm?from=2026-01-01&to=2026-01-31', { token: admin })).json.respondents;

test('a paper questionnaire with every field wrong: each of the sixteen named (API), each marked on the page', async () => {
  const body = { day: '', sop: '', gender: '', age: 0, education: '', occupation: '', suggestion: 'x'.repeat(2001) };
  const r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: admin, body });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), [...ALL].sort());
  const web = await webSession(s.url);
  const page = await web.get('/skm/kertas');
  const sent = await web.post('/skm/kertas', { csrf: web.csrfOf(page.text), day: '', sop: '', suggestion: 'saran yang diketik' });
  assert.equal(sent.status, 400);
  for (const f of ALL.filter((f) => f !== 'suggestion')) assert.match(sent.text, new RegExp(`id="${f}-error"`), `${f} marked`);
  assert.match(sent.text, /saran yang diketik/, 'what was typed is kept');
  assert.equal(await respondents(), 0);
});

test('a walk-in naming a retired procedure: refused naming sop, in the public\'s words, nothing written', async () => {
  const code = 'SOP-LPSE.BTG-019';
  const q = await request(s.url, 'GET', '/api/v1/portal/skm');
  const answer = { sop: code, u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 3, u9: 3, gender: 'P', age: 30, education: 'SMA', occupation: 'PNS' };
  assert.ok(q.json.procedures.some((p) => p.code === code));
  let r = await request(s.url, 'POST', `/api/v1/sops/${encodeURIComponent(code)}/retire`, { token: admin });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'GET', '/api/v1/portal/skm');
  assert.ok(!r.json.procedures.some((p) => p.code === code), 'left out of the questionnaire');
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: answer });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'sop');
  assert.match(r.json.error.message, /^Layanan ini tidak lagi diberikan/);
  assert.equal(await respondents(), 0, 'nothing written');
  r = await request(s.url, 'POST', `/api/v1/sops/${encodeURIComponent(code)}/restore`, { token: admin });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: answer });
  assert.equal(r.status, 201, r.text);
  assert.equal(await respondents(), 1);
});

test('a survey form sent twice at once (a double tap on a slow line): one answer, both led to the thanks; the paper form the same', async () => {
  const before = await respondents();
  const fill = (html) => ({
    csrf: html.match(/name="csrf" value="([0-9a-f]{64})"/)[1], form_id: html.match(/name="form_id" value="([0-9a-f]{32})"/)[1],
    sop: 'SOP 01/LPSE.OI/2012', u1: '4', u2: '4', u3: '3', u4: '4', u5: '3', u6: '3', u7: '4', u8: '3', u9: '3',
    gender: 'L', age: '41', education: 'S2', occupation: 'Wirausaha', suggestion: '',
  });
  // the public page: a visitor without a session
  const page = await fetch(`${s.url}/portal/skm`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const form = { ...fill(await page.text()), office: 'LPSE', website: '' };
  const send = () => fetch(`${s.url}/portal/skm`, { method: 'POST', redirect: 'manual', body: new URLSearchParams(form).toString(),
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url } });
  const sent = await Promise.all([send(), send()]);
  assert.deepEqual(sent.map((r) => r.status), [303, 303]);
  for (const r of sent) assert.match(r.headers.get('location'), /terkirim=1/);
  assert.equal(await respondents(), before + 1, 'one walk-in answer');
  // staff typing in a paper one
  const web = await webSession(s.url);
  const paper = { ...fill((await web.get('/skm/kertas')).text), day: '2026-01-02' };
  const saved = await Promise.all([web.post('/skm/kertas', paper), web.post('/skm/kertas', paper)]);
  assert.deepEqual(saved.map((r) => r.status), [303, 303]);
  assert.equal(await respondents(), before + 2, 'one paper answer');
  // a new form (a new mark) is a new answer
  const again = { ...fill((await web.get('/skm/kertas')).text), day: '2026-01-02' };
  assert.notEqual(again.form_id, paper.form_id);
  assert.equal((await web.post('/skm/kertas', again)).status, 303);
  assert.equal(await respondents(), before + 3);
});

test('a walk-in\'s fields sent with spaces around them are taken as the page\'s form takes them: a sop of spaces is none (required), not unknown', async () => {
  const answer = { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 3, u9: 3, age: 30 };
  let r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { ...answer, sop: '   ', gender: 'P', education: 'SMA', occupation: 'PNS' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['sop']);
  assert.equal(r.json.error.message, 'Pilih layanan yang Saudara terima');
  const before = await respondents();
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { ...answer, sop: ' SOP-LPSE.BTG-019 ', gender: ' P', education: 'SMA ', occupation: ' PNS ', office: 'LPSE ' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.sop, 'SOP-LPSE.BTG-019');
  assert.equal(await respondents(), before + 1);
});
