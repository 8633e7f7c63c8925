// Integration test of the public-satisfaction survey (SKM, Permenpan RB 14/2017) through HTTP:
// the questionnaire, a requester's answer for a closed case from the portal's token (refused
// while open, refused the second time), walk-in visitors' answers on the office's public survey,
// refusals naming the field with nothing written, the honeypot, the limit per address, and the
// IKM report (JSON, page, CSV) against figures worked by hand. Runs on both engines (no SQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

const NOW = '2026-01-05T09:00:00+07:00';     // Monday 09.00 WIB, frozen
let s, admin, helpdesk;

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  helpdesk = await login(s.url, 'meja', 'meja-bantuan-2026');
});
after(async () => { if (s) await s.stop(); });

// The four respondents worked by hand: U1..U9 sum 14 13 12 14 13 13 14 11 13 (117) over 4:
// NRR 3.50 3.25 3.00 3.50 3.25 3.25 3.50 2.75 3.25, IKM 117/36 × 25 = 81.25, grade B.
const ROWS = [
  [4, 4, 3, 4, 3, 3, 4, 3, 3],
  [3, 3, 3, 2, 3, 3, 3, 3, 3],
  [4, 3, 4, 4, 4, 4, 4, 3, 4],
  [3, 3, 2, 4, 3, 3, 3, 2, 3],
];
const answers = (row) => Object.fromEntries(row.map((v, i) => [`u${i + 1}`, v]));
const fieldsOf = (r) => (r.json.error.fields || [r.json.error]).map((f) => f.field).sort();
const report = async () => (await request(s.url, 'GET', '/api/v1/reports/skm?from=2026-01-01&to=2026-01-31', { token: admin })).json;

test('the questionnaire: nine elements with their questions and four answers, in Indonesian first', async () => {
  const r = await request(s.url, 'GET', '/api/v1/portal/skm');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.elements.length, 9);
  assert.deepEqual(r.json.elements.map((e) => e.code), ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
  assert.equal(r.json.elements[0].name, 'Persyaratan');
  assert.equal(r.json.elements[0].question, 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?');
  assert.deepEqual(r.json.elements[0].answers.map((a) => a.label), ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai']);
  assert.equal(r.json.elements[8].name, 'Sarana dan Prasarana');
  assert.deepEqual(r.json.education.map((c) => c.value), ['SD', 'SMP', 'SMA', 'D1-D3', 'D4/S1', 'S2', 'S3']);
  assert.deepEqual(r.json.occupation.map((c) => c.value), ['PNS', 'TNI', 'POLRI', 'Swasta', 'Wirausaha', 'Lainnya']);
  assert.ok(r.json.procedures.some((p) => p.code === 'SOP 01/LPSE.OI/2012'));
  const en = await request(s.url, 'GET', '/api/v1/portal/skm?lang=en');
  assert.equal(en.json.elements[0].name, 'Requirements');
});

test('a closed case answered once from its portal token; refusals name the field and write nothing', async () => {
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi Santoso', email: 'budi@cvmaju.co.id', subject: 'Lupa kata sandi', description: 'Tidak bisa masuk SPSE.' } });
  assert.equal(r.status, 201, r.text);
  const { number, token } = r.json;
  const path = `/api/v1/portal/tickets/${token}/skm`;
  const profile = { gender: 'L', age: 34, education: 'D4/S1', occupation: 'PNS' };
  // while the case is open
  r = await request(s.url, 'POST', path, { body: { ...answers(ROWS[0]), ...profile } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'case');
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  // every element required 1..4, the profile checked: each wrong field named, nothing written
  const bad = { ...answers(ROWS[0]), ...profile };
  delete bad.u3;
  bad.u9 = 5;
  bad.u5 = '4';
  bad.gender = 'X';
  bad.age = 9;
  bad.education = 'SMK';
  bad.occupation = 'Petani';
  r = await request(s.url, 'POST', path, { body: bad });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['age', 'education', 'gender', 'occupation', 'u3', 'u5', 'u9']);
  r = await request(s.url, 'POST', path, { body: { ...answers(ROWS[0]), ...profile, extra: 1 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'extra');
  assert.equal((await report()).respondents, 0);
  // answered
  r = await request(s.url, 'POST', path, { body: { ...answers(ROWS[0]), ...profile, suggestion: 'Ruang tunggu diperluas' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { number, sop: 'SOP 02/LPSE.OI/2012', answered: true });
  // once
  r = await request(s.url, 'POST', path, { body: { ...answers(ROWS[1]), ...profile } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'case');
  assert.equal((await report()).respondents, 1);
  // the 1–5 rating stays as it was
  r = await request(s.url, 'POST', `/api/v1/portal/tickets/${token}/rating`, { body: { score: 5 } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await request(s.url, 'POST', '/api/v1/portal/tickets/' + '0'.repeat(64) + '/skm', { body: { ...answers(ROWS[0]), ...profile } })).status, 404);
});

test('walk-in visitors answer on the public survey; the procedure named, the honeypot refused', async () => {
  const verify = 'SOP 01/LPSE.OI/2012';
  let r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { ...answers(ROWS[1]), gender: 'P', age: 19, education: 'SMA', occupation: 'Swasta' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['sop']);
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { sop: 'SOP 99', ...answers(ROWS[1]), gender: 'P', age: 19, education: 'SMA', occupation: 'Swasta' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'sop');
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { sop: verify, ...answers(ROWS[1]), gender: 'P', age: 19, education: 'SMA', occupation: 'Swasta', website: 'http://x.example' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'website');
  r = await request(s.url, 'POST', '/api/v1/portal/skm?office=NONE', { body: { sop: verify, ...answers(ROWS[1]), gender: 'P', age: 19, education: 'SMA', occupation: 'Swasta' } });
  assert.equal(r.status, 404);
  assert.equal((await report()).respondents, 1, 'nothing written by the refusals');
  const people = [
    [ROWS[1], { gender: 'P', age: 19, education: 'SMA', occupation: 'Swasta' }],
    [ROWS[2], { gender: 'L', age: 61, education: 'S2', occupation: 'Wirausaha' }],
    [ROWS[3], { gender: 'P', age: 25, education: 'D1-D3', occupation: 'Lainnya' }],
  ];
  for (const [row, prof] of people) {
    r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { sop: verify, ...answers(row), ...prof } });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json, { office: 'LPSE', sop: verify, answered: true });
  }
});

test('the IKM report: worked by hand, overall and per procedure, with the profile; the page and the CSV', async () => {
  const j = await report();
  assert.equal(j.respondents, 4);
  assert.equal(j.from_cases, 1);
  assert.equal(j.walk_in, 3);
  assert.deepEqual(j.elements.map((e) => e.sum), [14, 13, 12, 14, 13, 13, 14, 11, 13]);
  assert.deepEqual(j.elements.map((e) => e.nrr), [3.5, 3.25, 3, 3.5, 3.25, 3.25, 3.5, 2.75, 3.25]);
  assert.deepEqual(j.elements.map((e) => e.weighted_nrr), [0.39, 0.36, 0.33, 0.39, 0.36, 0.36, 0.39, 0.31, 0.36]);
  assert.equal(j.ikm, 81.25);
  assert.equal(j.grade, 'B');
  assert.equal(j.grade_words, 'Baik');
  // per procedure by code: OI-01 (sums 10 9 9 10 10 10 10 8 10 = 86; 86/27 × 25 = 79.63, B),
  // OI-02 (row 1: 31; 31/9 × 25 = 86.11, B)
  assert.deepEqual(j.procedures.map((p) => [p.sop, p.respondents, p.ikm, p.grade]),
    [['SOP 01/LPSE.OI/2012', 3, 79.63, 'B'], ['SOP 02/LPSE.OI/2012', 1, 86.11, 'B']]);
  assert.deepEqual(j.procedures[0].elements.map((e) => e.nrr), [3.33, 3, 3, 3.33, 3.33, 3.33, 3.33, 2.67, 3.33]);
  assert.deepEqual(j.profile.gender.map((c) => c.count), [2, 2]);
  assert.deepEqual(j.profile.age.map((c) => c.count), [1, 1, 1, 0, 0, 1]);
  assert.deepEqual(j.profile.education.map((c) => c.count), [0, 0, 1, 1, 1, 1, 0]);
  assert.deepEqual(j.profile.occupation.map((c) => c.count), [1, 0, 0, 1, 1, 1]);
  // a period before them: nobody, no index
  const empty = (await request(s.url, 'GET', '/api/v1/reports/skm?from=2025-12-01&to=2025-12-31', { token: admin })).json;
  assert.equal(empty.respondents, 0);
  assert.equal(empty.ikm, null);
  assert.equal(empty.grade, null);
  // the period checked as the other reports check it
  const bad = await request(s.url, 'GET', '/api/v1/reports/skm?from=2026-01-31&to=2026-01-01', { token: admin });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'to');
  // the helpdesk does not see the office's reports
  assert.equal((await request(s.url, 'GET', '/api/v1/reports/skm', { token: helpdesk })).status, 403);
  // the page, Indonesian first, and the CSV
  const web = await webSession(s.url);
  const page = await web.get('/laporan/skm?from=2026-01-01&to=2026-01-31');
  assert.equal(page.status, 200);
  assert.match(page.text, /Indeks Kepuasan Masyarakat \(IKM\)/);
  assert.match(page.text, /<dd id="skm-ikm">81,25<\/dd>/);
  assert.match(page.text, /<dd id="skm-grade">B \(Baik\)<\/dd>/);
  assert.match(page.text, /NRR tertimbang/);
  // the CSV writes its decimals with a point, as every export's CSV does (the compliance report's
  // share too): one field each, read by a machine as the number; the page and the PDF say 81,25
  const csv = await web.get('/laporan/skm?from=2026-01-01&to=2026-01-31&format=csv');
  assert.equal(csv.status, 200);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  const total = lines[lines.length - 1].split(',');
  assert.deepEqual(total.slice(1), ['4', '3.50', '3.25', '3.00', '3.50', '3.25', '3.25', '3.50', '2.75', '3.25', '81.25', 'B (Baik)'], lines.at(-1));
  assert.ok(lines.some((l) => l.endsWith(',3,3.33,3.00,3.00,3.33,3.33,3.33,3.33,2.67,3.33,79.63,B (Baik)')), csv.text);
  assert.ok(!/\d,\d\d"/.test(csv.text), 'no decimal comma (a quoted "81,25")');
  const english = await web.get('/laporan/skm?from=2026-01-01&to=2026-01-31&format=csv&lang=en');
  assert.ok(english.text.includes(',81.25,B (Good)'), english.text);
  // the PDF writes them as people write them here
  const pdf = await fetch(`${s.url}/laporan/skm?from=2026-01-01&to=2026-01-31&format=pdf`, { headers: { Cookie: web.cookie() } });
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'skm-pdf-'));
  try {
    writeFileSync(join(dir, 'ikm.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'ikm.pdf'), '-'], { encoding: 'utf8' }).stdout;
    assert.ok(text.includes('81,25') && text.includes('79,63') && !text.includes('81.25'), text);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the survey pages: the walk-in form refused naming the field keeps what was typed; a closed ticket links to its survey', async () => {
  const web = await webSession(s.url);
  let page = await web.get('/portal/skm');
  assert.equal(page.status, 200);
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const form = new URLSearchParams({ csrf, office: 'LPSE', sop: 'SOP 01/LPSE.OI/2012', ...answers(ROWS[0]), gender: 'L', age: '7', education: 'SMA', occupation: 'PNS' });
  form.delete('u4');
  const r = await web.post('/portal/skm', form);
  assert.equal(r.status, 400);
  assert.match(r.text, /id="u4-error"|u4/);
  assert.match(r.text, /Umur harus bilangan bulat/);
  assert.match(r.text, /<input type="radio" name="u1" value="4" required checked>/);
  assert.equal((await report()).respondents, 4);
});

test('staff type in a paper questionnaire: the permission, each wrong field named with nothing written, counted on its day, its source shown', async () => {
  addUser(s.dir, 'arahan', 'pengarah', 'pengarah-uji-2026');
  const pengarah = await login(s.url, 'arahan', 'pengarah-uji-2026');
  const verify = 'SOP 01/LPSE.OI/2012';
  const paper = { sop: verify, day: '2025-12-20', ...answers(ROWS[2]), gender: 'L', age: 45, education: 'S3', occupation: 'TNI' };
  const december = async () => (await request(s.url, 'GET', '/api/v1/reports/skm?from=2025-12-01&to=2025-12-31', { token: admin })).json;
  // the office's director keeps no register: not theirs to type in
  let r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: pengarah, body: paper });
  assert.equal(r.status, 403, r.text);
  // each wrong field named, nothing written
  const bad = { ...paper, day: '2026-01-06', sop: '', gender: 'X', age: 200, education: 'SMK', occupation: '', u9: 0 };
  delete bad.u2;
  r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: bad });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldsOf(r), ['age', 'day', 'education', 'gender', 'occupation', 'sop', 'u2', 'u9']);
  for (const day of ['2024-12-31', '2025-02-30', '05-01-2026', '']) {
    r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: { ...paper, day } });
    assert.equal(r.status, 400, `${day}: ${r.text}`);
    assert.deepEqual(fieldsOf(r), ['day'], day);
  }
  const { day: _, ...noDay } = paper;
  r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: noDay });
  assert.deepEqual(fieldsOf(r), ['day']);
  r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: { ...paper, website: '' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'website');
  assert.equal((await december()).respondents, 0, 'nothing written by the refusals');
  // typed in: a year back to the day, and today, are both days it may have been filled
  r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: paper });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.source, 'paper');
  assert.equal(r.json.entered_by, 'meja');
  assert.equal(r.json.day, '2025-12-20');
  assert.equal(r.json.sop, verify);
  const d = await december();
  assert.equal(d.respondents, 1);
  assert.deepEqual([d.from_cases, d.walk_in, d.paper], [0, 0, 1]);
  assert.equal(d.ikm, 94.44);   // ROWS[2]: 34 / 9 × 25
  const j = await report();
  assert.equal(j.respondents, 4, 'January is not touched by a December paper');
  assert.equal(j.paper, 0);
  // the page shows the sources; the form is linked from it
  const web = await webSession(s.url);
  const page = await web.get('/laporan/skm?from=2025-12-01&to=2025-12-31');
  assert.match(page.text, /<dd id="skm-sources">0 · pengunjung langsung 0 · diinput dari kertas 1<\/dd>/);
  assert.match(page.text, /href="\/skm\/kertas"/);
  // the staff's page: refused naming the field, keeping what was typed; then saved
  const staff = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  let form = await staff.get('/skm/kertas');
  assert.equal(form.status, 200);
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const fields = { csrf, day: '2026-01-07', sop: verify, ...answers(ROWS[3]), gender: 'P', age: '30', education: 'SMA', occupation: 'PNS' };
  r = await staff.post('/skm/kertas', fields);
  assert.equal(r.status, 400);
  assert.match(r.text, /Tanggal tidak boleh di masa depan/);
  assert.match(r.text, /<input type="radio" name="u1" value="3" required checked>/);
  r = await staff.post('/skm/kertas', { ...fields, day: '2026-01-05' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /^\/skm\/kertas\?ok=/);
  const after = await report();
  assert.equal(after.respondents, 5);
  assert.deepEqual([after.from_cases, after.walk_in, after.paper], [1, 3, 1]);
  // audited, with who typed it in
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=skm.paper', { token: admin });
  assert.equal(audit.status, 200, audit.text);
  assert.match(audit.text, /"actor":"meja"/);
  assert.match(audit.text, /day=2025-12-20/);
});

test('a kiosk at the counter: the walk-in survey has its own allowance per address, apart from the portal\'s questions', async () => {
  const verify = 'SOP 01/LPSE.OI/2012';
  const body = { sop: verify, ...answers(ROWS[1]), gender: 'P', age: 40, education: 'SMA', occupation: 'Swasta' };
  // the questions' allowance used up (one ticket was sent above): the 11th is refused
  for (let i = 2; i <= 10; i++) {
    const q = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Tamu', email: `tamu${i}@contoh.id`, subject: 'Pertanyaan', description: 'Tanya.' } });
    assert.equal(q.status, 201, `question ${i}: ${q.text}`);
  }
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Tamu', email: 'tamu11@contoh.id', subject: 'Pertanyaan', description: 'Tanya.' } });
  assert.equal(r.status, 429, 'the 11th question is still limited');
  // the survey's answers from the same address still pass: 3 were sent above, up to 60
  const before = (await report()).walk_in;
  const refused = async () => {   // /metrics counts each allowance's refusals under its own kind
    const m = (await request(s.url, 'GET', '/metrics')).text;
    const n = (kind) => Number((m.match(new RegExp(`^loket_portal_refused_total\\{kind="${kind}"\\} (\\d+)$`, 'm')) || [])[1]);
    return { submit: n('submit'), skm: n('skm') };
  };
  const counted = await refused();
  assert.ok(counted.submit >= 1, JSON.stringify(counted));
  for (let i = 4; i <= 60; i++) {
    r = await request(s.url, 'POST', '/api/v1/portal/skm', { body });
    assert.equal(r.status, 201, `answer ${i}: ${r.text}`);
  }
  assert.equal((await report()).walk_in, before + 57);
  r = await request(s.url, 'POST', '/api/v1/portal/skm', { body });
  assert.equal(r.status, 429, r.text);
  assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After given');
  assert.equal((await report()).walk_in, before + 57, 'the refused answer not written');
  assert.deepEqual(await refused(), { submit: counted.submit, skm: counted.skm + 1 }, 'the survey\'s refusal counted as kind skm');
  // staff typing in paper ones are not limited per address
  r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: { ...body, day: '2026-01-05' } });
  assert.equal(r.status, 201, r.text);
});

test('the paper questionnaires typed in are listed to spot a typo; one typed wrong is deleted with a reason, audited; the portal\'s never', async () => {
  addUser(s.dir, 'arahan2', 'pengarah', 'pengarah-uji-2026');
  const pengarah = await login(s.url, 'arahan2', 'pengarah-uji-2026');
  assert.equal((await request(s.url, 'GET', '/api/v1/skm/responses', { token: pengarah })).status, 403);
  let r = await request(s.url, 'GET', '/api/v1/skm/responses', { token: helpdesk });
  assert.equal(r.status, 200, r.text);
  // the latest typed first: the kiosk test's, the page's, the API's of December
  assert.deepEqual(r.json.responses.map((x) => [x.day, x.entered_by]), [['2026-01-05', 'meja'], ['2026-01-05', 'meja'], ['2025-12-20', 'meja']]);
  const dec = r.json.responses[2];
  assert.deepEqual([dec.u1, dec.u2, dec.u9, dec.gender, dec.age, dec.education, dec.occupation, dec.sop],
    [4, 3, 4, 'L', 45, 'S3', 'TNI', 'SOP 01/LPSE.OI/2012']);
  assert.match(dec.entered_at, /^2026-01-05T02:00:00Z$/);
  // a reason required; nothing deleted without it
  r = await request(s.url, 'POST', `/api/v1/skm/responses/${dec.id}/delete`, { token: helpdesk, body: { reason: '  ' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'reason');
  assert.equal((await request(s.url, 'POST', `/api/v1/skm/responses/${dec.id}/delete`, { token: pengarah, body: { reason: 'Salah ketik' } })).status, 403);
  const decReport = async () => (await request(s.url, 'GET', '/api/v1/reports/skm?from=2025-12-01&to=2025-12-31', { token: admin })).json;
  assert.equal((await decReport()).paper, 1);
  r = await request(s.url, 'POST', `/api/v1/skm/responses/${dec.id}/delete`, { token: helpdesk, body: { reason: 'Salah ketik umur: 54 bukan 45' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { id: dec.id, deleted: true });
  assert.equal((await decReport()).respondents, 0);
  r = await request(s.url, 'POST', `/api/v1/skm/responses/${dec.id}/delete`, { token: helpdesk, body: { reason: 'lagi' } });
  assert.equal(r.status, 404);
  const audit = await request(s.url, 'GET', '/api/v1/audit?action=skm.paper_delete', { token: admin });
  assert.match(audit.text, /Salah ketik umur: 54 bukan 45/);
  // an answer from the portal (the case's, the walk-ins') is not staff's to delete
  const jan = await report();
  for (let id = 1; id <= 3; id++) {
    r = await request(s.url, 'POST', `/api/v1/skm/responses/${id}/delete`, { token: helpdesk, body: { reason: 'coba' } });
    assert.equal(r.status, 404, r.text);
  }
  assert.equal((await report()).respondents, jan.respondents);
  // the page lists them with a form deleting each; a refusal names the reason under its row
  const staff = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  const page = await staff.get('/skm/kertas');
  assert.equal(page.status, 200);
  const ids = [...page.text.matchAll(/<tr id="skm-paper-(\d+)">/g)].map((m) => Number(m[1]));
  assert.equal(ids.length, 2);
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  r = await staff.post(`/skm/kertas/${ids[0]}/hapus`, { csrf, reason: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(`id="reason-${ids[0]}"[^>]*aria-invalid="true"`));
  r = await staff.post(`/skm/kertas/${ids[0]}/hapus`, { csrf, reason: 'Kertas yang sama diinput dua kali' });
  assert.equal(r.status, 303, r.text);
  assert.equal((await request(s.url, 'GET', '/api/v1/skm/responses', { token: helpdesk })).json.responses.length, 1);
});
