// The SKM respondents' suggestions (saran) for the head of the unit: on the staff's IKM report page
// (the period's, newest first, paged), in the API (/api/v1/reports/skm/suggestions, the report's
// permission) and as their own CSV (/laporan/skm/saran); each with its day, procedure, channel
// (portal for a closed case, walk-in, paper) and the case's number. Escaped; the empty left out;
// never on the public pages. Runs on both engines (no SQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

const NOW = '2026-01-05T09:00:00+07:00';     // Monday 09.00 WIB, frozen
const VERIFY = 'SOP 01/LPSE.OI/2012';
const PROFILE = { gender: 'P', age: 30, education: 'S2', occupation: 'PNS' };
const ANSWERS = { u1: 3, u2: 3, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 3, u9: 3 };
const EVIL = '<script>alert("saran")</script> Antrean & loket';
let s, admin, helpdesk, caseNumber;

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  helpdesk = await login(s.url, 'meja', 'meja-bantuan-2026');
});
after(async () => { if (s) await s.stop(); });

const suggestions = (q = '') => request(s.url, 'GET', `/api/v1/reports/skm/suggestions?from=2026-01-01&to=2026-01-31${q}`, { token: admin });

test('answers with and without a suggestion: from a closed case, walk-in, paper', async () => {
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi Santoso', email: 'budi@cvmaju.co.id', subject: 'Lupa kata sandi', description: 'Tidak bisa masuk SPSE.' } });
  assert.equal(r.status, 201, r.text);
  caseNumber = r.json.number;
  const token = r.json.token;
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${caseNumber}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${caseNumber}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  r = await request(s.url, 'POST', `/api/v1/portal/tickets/${token}/skm`, { body: { ...ANSWERS, ...PROFILE, suggestion: 'Ruang tunggu diperluas' } });
  assert.equal(r.status, 201, r.text);
  for (const suggestion of [EVIL, '', '   ', undefined]) {
    r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { sop: VERIFY, ...ANSWERS, ...PROFILE, ...(suggestion === undefined ? {} : { suggestion }) } });
    assert.equal(r.status, 201, r.text);
  }
  // 26 paper questionnaires on the 2nd, each with its words: more than a page of the report
  for (let i = 1; i <= 26; i++) {
    r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: {
      sop: VERIFY, day: '2026-01-02', ...ANSWERS, ...PROFILE, suggestion: `Kertas nomor ${i}` } });
    assert.equal(r.status, 201, r.text);
  }
});

test('the API: the period\'s suggestions newest first, the empty left out, with day, procedure, channel and case; paged', async () => {
  let r = await suggestions();
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, 28, 'the empty and blank ones left out');
  assert.equal(r.json.suggestions.length, 28);
  const [first, second] = r.json.suggestions;
  // today's two first, the later stored first; then the paper ones of the 2nd, the last typed first
  assert.deepEqual([first.day, first.sop, first.channel, first.case, first.suggestion], ['2026-01-05', VERIFY, 'walk_in', null, EVIL]);
  assert.deepEqual([second.day, second.channel, second.case, second.suggestion], ['2026-01-05', 'portal', caseNumber, 'Ruang tunggu diperluas']);
  assert.equal(second.sop, 'SOP 02/LPSE.OI/2012');
  assert.ok(second.title.length > 0);
  assert.deepEqual(r.json.suggestions.slice(2, 4).map((x) => [x.day, x.channel, x.case, x.suggestion]),
    [['2026-01-02', 'paper', null, 'Kertas nomor 26'], ['2026-01-02', 'paper', null, 'Kertas nomor 25']]);
  r = await suggestions('&limit=2&offset=3');
  assert.equal(r.json.total, 28);
  assert.deepEqual(r.json.suggestions.map((x) => x.suggestion), ['Kertas nomor 25', 'Kertas nomor 24']);
  // another period has none
  r = await request(s.url, 'GET', '/api/v1/reports/skm/suggestions?from=2025-12-01&to=2025-12-31', { token: admin });
  assert.deepEqual([r.json.total, r.json.suggestions], [0, []]);
  // the report's permission: the help desk does not read the report
  assert.equal((await request(s.url, 'GET', '/api/v1/reports/skm', { token: helpdesk })).status, 403);
  assert.equal((await request(s.url, 'GET', '/api/v1/reports/skm/suggestions', { token: helpdesk })).status, 403);
  assert.equal((await request(s.url, 'GET', '/api/v1/reports/skm/suggestions?page=2', { token: admin })).status, 400);
});

test('the report page lists them escaped, a page at a time; the CSV holds them all; the public pages never', async () => {
  const web = await webSession(s.url);
  let page = await web.get('/laporan/skm?from=2026-01-01&to=2026-01-31');
  assert.equal(page.status, 200);
  const section = page.text.slice(page.text.indexOf('id="skm-suggestions"'));
  assert.ok(section.length > 0 && page.text.includes('id="skm-suggestions"'), 'the section is there');
  assert.match(section, /Saran responden/);
  assert.match(section, /id="skm-suggestions-count">Saran yang ditulis: 28</);
  assert.ok(!page.text.includes('<script>alert'), 'the suggestion is escaped');
  assert.ok(section.includes('&lt;script&gt;alert(&quot;saran&quot;)&lt;/script&gt; Antrean &amp; loket'), section.slice(0, 3000));
  assert.ok(section.includes(caseNumber));
  assert.match(section, /Portal \(kasus selesai\)/);
  assert.match(section, /Datang langsung/);
  assert.match(section, /Kertas nomor 26/);
  assert.ok(!section.includes('Kertas nomor 3<'), 'past the first page');
  assert.equal((section.match(/<tr id="skm-suggestion-/g) || []).length, 25);
  assert.match(section, /href="\/laporan\/skm\?from=2026-01-01&amp;to=2026-01-31&amp;saran=2#skm-suggestions"/);
  page = await web.get('/laporan/skm?from=2026-01-01&to=2026-01-31&saran=2');
  const rest = page.text.slice(page.text.indexOf('id="skm-suggestions"'));
  assert.equal((rest.match(/<tr id="skm-suggestion-/g) || []).length, 3);
  assert.match(rest, /Kertas nomor 1</);
  assert.match(rest, /saran=1#skm-suggestions/);
  // a period without any says so
  page = await web.get('/laporan/skm?from=2025-12-01&to=2025-12-31');
  assert.match(page.text, /id="skm-suggestions-none"/);
  // the CSV: every one, with its columns
  const csv = await web.get('/laporan/skm/saran?from=2026-01-01&to=2026-01-31&format=csv');
  assert.equal(csv.status, 200, csv.text);
  const text = csv.text.replace(/^\uFEFF/, '');
  assert.match(text, /Tanggal,Prosedur,Saluran,Kasus,Saran/);
  assert.ok(text.includes(`2026-01-05,`) && text.includes(caseNumber) && text.includes('Ruang tunggu diperluas'), text);
  assert.ok(text.includes('Kertas nomor 1\r\n') || text.includes('Kertas nomor 1"') || /Kertas nomor 1\s*$/.test(text), text);
  assert.equal((text.match(/Kertas nomor/g) || []).length, 26);
  assert.ok(text.includes('<script>alert(""saran"")</script> Antrean & loket'), 'the words as written, quoted as CSV quotes');
  // without a format: the report's page where they are
  const bare = await web.get('/laporan/skm/saran?from=2026-01-01&to=2026-01-31');
  assert.equal(bare.status, 303);
  assert.equal(bare.headers.get('location'), '/laporan/skm?from=2026-01-01&to=2026-01-31&saran=1#skm-suggestions');
  // not for the help desk
  const desk = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  assert.equal((await desk.get('/laporan/skm/saran?format=csv')).status, 403);
  // the public pages and the published IKM: figures only
  for (const path of ['/portal/ikm', '/portal/skm', '/api/v1/portal/ikm']) {
    const r = await request(s.url, 'GET', path);
    assert.equal(r.status, 200, path);
    assert.ok(!r.text.includes('Ruang tunggu') && !r.text.includes('Kertas nomor') && !r.text.includes('Antrean'), path);
  }
});
