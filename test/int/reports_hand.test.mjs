// The reports as the head of an LPSE in Makassar (WITA, UTC+8) reads them for May 2026, every
// figure worked by hand on the real calendar: national holidays from data/holidays-2026.csv
// (Friday 1 May Hari Buruh; Thursday 14 May Kenaikan Yesus Kristus and Friday 15 May its cuti
// bersama; Sunday 31 May Waisak; Monday 1 June Hari Lahir Pancasila), the default hours
// (Monday–Thursday 07.30–12.00 and 13.00–16.00, Friday 07.30–11.30 and 13.00–16.30).
// Officers: sari and joko (helpdesk; joko is disabled before the reports are read), admin, and
// the head (kepala, ketua). Cases walked with frozen clocks (the server restarted at each instant
// with LOKET_TEST_NOW):
//   SOP 02/LPSE.OI/2012 (helpdesk; steps 1 and 2 of 10 office minutes, 3 of 25, 4 and 5 of 5):
//     H1 closed late at step 3, then reopened and done again within the standard;
//     H2 across the Ascension holiday, its cuti bersama and the weekend;
//     H3 handed over to the ULP at step 4: step 5 held (clock paused) until the answer;
//     H4 left open at step 2, past due, assigned to joko.
//   SOP-LPSE.BTG-017 (phone; step 2 of 10 real seconds, step 3 of 2 office minutes):
//     P1 opened at 23.29 on Thursday 30 April (its step 2 belongs to April, its step 3 to May);
//     P4 answered late, then cancelled (its cancelled step counts for nothing);
//     P2 answered late at 23.30 WITA on Sunday 31 May (May), its step 3 left open (due in June);
//     P3 answered at 00.30 WITA on Monday 1 June (23.30 WIB on 31 May: June here).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, login, cli, initData, sqlite, sleep, webSession } from './lib.mjs';

const HD = 'SOP 02/LPSE.OI/2012';
const PHONE = 'SOP-LPSE.BTG-017';
const REQUESTER = { name: 'Dewi Lestari', phone: '081234567890', org_name: 'CV Karya Makassar' };
const PW = 'user-test-password-1';
const TMP = mkdtempSync(join(tmpdir(), 'loket-hand-'));

const o = { srv: null, dir: initData(), tok: {} };
async function at(now) {
  if (o.srv) await o.srv.stop({ keep: true });
  o.srv = await startServer({ dir: o.dir, env: { LOKET_TEST_NOW: now } });
  o.tok = { admin: await login(o.srv.url) };
  for (const u of ['sari', 'joko', 'kepala']) {
    const r = await request(o.srv.url, 'POST', '/api/v1/login', { body: { username: u, password: PW } });
    if (r.status === 200) o.tok[u] = r.json.token;
  }
}
after(async () => { if (o.srv) await o.srv.stop(); rmSync(TMP, { recursive: true, force: true }); });
const api = (method, path, body, as = 'admin') => request(o.srv.url, method, path, { token: o.tok[as], body });
async function get(path, as = 'admin') {
  const r = await api('GET', path, undefined, as);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.json;
}
async function open(sop, subject, channel = 'walk_in') {
  const r = await api('POST', '/api/v1/cases', { sop, channel, subject, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  return r.json.number;
}
async function step(number, no, outcome, as) {
  const r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/${no}`, { outcome }, as);
  assert.equal(r.status, 200, `${number} step ${no} by ${as}: ${r.text}`);
  return r.json.steps.at(-1);
}
const last = (c) => c.steps.filter((s) => s.done_at).at(-1);
const K = {};

test('fixture: May 2026 in Makassar walked by three officers', async () => {
  for (const [u, role, extra] of [['sari', 'helpdesk', []], ['joko', 'helpdesk', ['--name', 'Joko Susilo']],
    ['kepala', 'ketua', ['--name', 'Ir. Andi Mappaseng', '--email', 'kepala@lpse-makassar.go.id']]]) {
    const r = cli(['user', 'add', u, '--data', o.dir, '--role', role, ...extra], { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  await at('2026-04-30T23:00:00+08:00');
  assert.equal((await api('PUT', '/api/v1/calendar/tz', { tz: 'WITA' })).status, 200);

  // P1, Thursday 30 April: opened and step 1 at 23.29.55; step 2 at 23.30.03 (8 s: met, April).
  // Step 3 (2 office min) starts 23.30.03: Friday 1 May is Hari Buruh, then the weekend, so
  // it is due Monday 4 May 07.32; done 07.31 (1 office minute, met, May).
  await at('2026-04-30T23:29:55+08:00');
  K.P1 = await open(PHONE, 'Lupa kata sandi SPSE', 'phone');
  await step(K.P1, 1, 'done', 'admin');
  await at('2026-04-30T23:30:03+08:00');
  await step(K.P1, 2, 'done', 'sari');
  const p1 = await get(`/api/v1/cases/${K.P1}`);
  assert.equal(p1.steps[1].met, true);
  assert.equal(p1.steps[2].due_at, '2026-05-03T23:32:00Z');     // Monday 4 May 07.32 WITA
  await at('2026-05-04T07:31:00+08:00');
  await step(K.P1, 3, 'done', 'sari');

  // H1, Monday 4 May: opened 09.00; step 1 by sari 09.04 (4 min, met); step 2 "yes" by sari
  // 09.12 (8 min, met); step 3 (due 09.37) by joko 09.50 (38 min: late by 13 min = 780 s).
  await at('2026-05-04T09:00:00+08:00');
  K.H1 = await open(HD, 'Cara unggah dokumen penawaran');
  await at('2026-05-04T09:04:00+08:00');
  await step(K.H1, 1, 'done', 'sari');
  await at('2026-05-04T09:12:00+08:00');
  await step(K.H1, 2, 'yes', 'sari');
  await at('2026-05-04T09:50:00+08:00');
  await step(K.H1, 3, 'done', 'joko');
  let h1 = await get(`/api/v1/cases/${K.H1}`);
  assert.equal(h1.status, 'closed');
  assert.equal(h1.steps[2].due_at, '2026-05-04T01:37:00Z');
  assert.equal(h1.steps[2].met, false);

  // P4, Tuesday 5 May: opened and step 1 by admin 10.00.00; step 2 by joko 10.00.20 (20 s: late
  // by 10); cancelled at 10.01 (the caller hung up): step 3's cancelled visit counts for nothing.
  await at('2026-05-05T10:00:00+08:00');
  K.P4 = await open(PHONE, 'Penawaran tidak terkirim', 'phone');
  await step(K.P4, 1, 'done', 'admin');
  await at('2026-05-05T10:00:20+08:00');
  await step(K.P4, 2, 'done', 'joko');
  await at('2026-05-05T10:01:00+08:00');
  assert.equal((await api('POST', `/api/v1/cases/${K.P4}/cancel`, { reason: 'Penelepon menutup telepon' })).status, 200);

  // H1 reopened Thursday 7 May 08.00: step 3 again (visit 2, due 08.25), joko 08.10 (10 min, met).
  await at('2026-05-07T08:00:00+08:00');
  assert.equal((await api('POST', `/api/v1/cases/${K.H1}/reopen`)).status, 200);
  await at('2026-05-07T08:10:00+08:00');
  await step(K.H1, 3, 'done', 'joko');

  // H2, Wednesday 13 May: opened 15.50; step 1 by sari 15.52 (2 min, met). Step 2 starts 15.52:
  // 8 office minutes to 16.00, then Thursday 14 (holiday), Friday 15 (cuti bersama), the
  // weekend; the last 2 minutes on Monday 18 May: due 07.32. Done "yes" by joko 07.40
  // (8 + 10 = 18 office min = 1080 s: late by 8 min = 480 s). Step 3 (due 08.05) by joko 08.00
  // (20 min, met).
  await at('2026-05-13T15:50:00+08:00');
  K.H2 = await open(HD, 'Jadwal tender berubah');
  await at('2026-05-13T15:52:00+08:00');
  await step(K.H2, 1, 'done', 'sari');
  const h2 = await get(`/api/v1/cases/${K.H2}`);
  assert.equal(h2.steps[1].due_at, '2026-05-17T23:32:00Z');     // Monday 18 May 07.32 WITA
  await at('2026-05-18T07:40:00+08:00');
  await step(K.H2, 2, 'yes', 'joko');
  await at('2026-05-18T08:00:00+08:00');
  await step(K.H2, 3, 'done', 'joko');

  // H3, Tuesday 19 May: opened 10.00; step 1 by sari 10.01 (1 min); step 2 "no" by sari 10.05
  // (4 min); step 4 (5 min) done by sari's hand-over to the ULP at 10.08 (3 min, met); step 5
  // starts 10.08 held. The ULP answers Wednesday 20 May 09.00: the clock runs again with the 5
  // minutes whole, due 09.05; sari answers through the FAQ 09.03 (3 office min, met; the 382
  // office minutes held are not counted).
  await at('2026-05-19T10:00:00+08:00');
  K.H3 = await open(HD, 'Paket belum tampil di SPSE');
  await at('2026-05-19T10:01:00+08:00');
  await step(K.H3, 1, 'done', 'sari');
  await at('2026-05-19T10:05:00+08:00');
  await step(K.H3, 2, 'no', 'sari');
  await at('2026-05-19T10:08:00+08:00');
  const ho = await api('POST', `/api/v1/cases/${K.H3}/handovers`,
    { party_kind: 'ulp', party_name: 'Pokja Pemilihan 3', due_days: 2, instruction: 'Mohon dijawab' }, 'sari');
  assert.equal(ho.status, 201, ho.text);
  let h3 = await get(`/api/v1/cases/${K.H3}`);
  assert.equal(h3.current_step, 5);
  assert.ok(h3.steps.at(-1).held_since);
  await at('2026-05-20T09:00:00+08:00');
  assert.equal((await api('POST', `/api/v1/cases/${K.H3}/handovers/${ho.json.id}/answer`, { answer: 'Paket sudah diumumkan ulang' }, 'sari')).status, 200);
  h3 = await get(`/api/v1/cases/${K.H3}`);
  assert.equal(h3.steps.at(-1).due_at, '2026-05-20T01:05:00Z');   // 09.05 WITA
  await at('2026-05-20T09:03:00+08:00');
  await step(K.H3, 5, 'done', 'sari');

  // H4, Tuesday 26 May: opened 09.00; step 1 by sari 09.02 (2 min); step 2 (due 09.12) assigned
  // to joko and left open.
  await at('2026-05-26T09:00:00+08:00');
  K.H4 = await open(HD, 'Sertifikat elektronik kedaluwarsa');
  await at('2026-05-26T09:02:00+08:00');
  await step(K.H4, 1, 'done', 'sari');
  assert.equal((await api('POST', `/api/v1/cases/${K.H4}/assign`, { username: 'joko' })).status, 200);

  // P2, Sunday 31 May: opened and step 1 by admin 23.29.50; step 2 by joko 23.30.05 WITA
  // (15 s: late by 5; 15.30.05 UTC, still May here). Step 3 starts then: 1 June is a holiday,
  // due Tuesday 2 June 07.32; left open.
  await at('2026-05-31T23:29:50+08:00');
  K.P2 = await open(PHONE, 'Tidak bisa login', 'phone');
  await step(K.P2, 1, 'done', 'admin');
  await at('2026-05-31T23:30:05+08:00');
  await step(K.P2, 2, 'done', 'joko');

  // P3, Monday 1 June 00.29.58 WITA (23.29.58 WIB on 31 May): step 2 by sari 00.30.04 (6 s, met):
  // June's. Step 3 due Tuesday 2 June 07.32 too; left open.
  await at('2026-06-01T00:29:58+08:00');
  K.P3 = await open(PHONE, 'Lupa user ID', 'phone');
  await step(K.P3, 1, 'done', 'admin');
  await at('2026-06-01T00:30:04+08:00');
  await step(K.P3, 2, 'done', 'sari');
  const r = cli(['user', 'disable', 'joko', '--data', o.dir]);
  assert.equal(r.status, 0, r.stderr);
});

// ---- reading the reports on Tuesday 2 June 2026, 08.00 WITA (1 June was a holiday) ----
const MAY = 'from=2026-05-01&to=2026-05-31';
const row = (w) => [w.sop, w.step, w.officer, w.cases, w.done, w.timed, w.met, w.share, w.median_s, w.p90_s, w.breaches];
let web = null;
async function download(path) {
  const res = await fetch(o.srv.url + path, { headers: { Cookie: web.cookie() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}
function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function saved(bytes, name) { const p = join(TMP, name); writeFileSync(p, bytes); return p; }
const pdfText = (bytes, name) => run('pdftotext', ['-layout', saved(bytes, name), '-']);
// An XLSX's first sheet read from its XML (unzip): rows of cells, shared strings resolved, numbers as numbers.
function xlsxRows(bytes, name) {
  const p = saved(bytes, name);
  const unxml = (z) => z.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const strings = [...run('unzip', ['-p', p, 'xl/sharedStrings.xml']).matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unxml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const sheet = run('unzip', ['-p', p, 'xl/worksheets/sheet1.xml']);
  return [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((r) => {
    const cells = [];
    for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const v = (/<v>(.*?)<\/v>/s.exec(c[3] || '') || [])[1];
      cells[col] = v === undefined ? null : /t="s"/.test(c[2]) ? strings[Number(v)] : Number(v);
    }
    return cells;
  });
}

test('compliance report for May by officer: counts, median, p90, share, breaches as worked by hand', async () => {
  await at('2026-06-02T08:00:00+08:00');
  const c = await get(`/api/v1/reports/compliance?${MAY}&by=officer`);
  assert.equal(c.from, '2026-04-30T16:00:00Z');     // 1 May 00.00 WITA
  assert.equal(c.to, '2026-05-31T16:00:00Z');       // 1 June 00.00 WITA
  assert.deepEqual(c.rows.map(row), [
    // OI-02 step 1, sari: H1 4 min, H2 2, H3 1, H4 2 → 60 120 120 240 s; median (120+120)/2 = 120;
    // p90 at rank ceil(0.9·4) = 4 → 240; 4 of 4 within 10 min
    [HD, 1, 'sari', 4, 4, 4, 4, 100, 120, 240, 0],
    // OI-02 step 2, joko: H2 8 min on Wednesday + 10 on Monday = 1080 s, late; H4 open past due → 2 breaches
    [HD, 2, 'joko', 1, 1, 1, 0, 0, 1080, 1080, 2],
    // OI-02 step 2, sari: H3 4 min, H1 8 min → 240 480; median (240+480)/2 = 360; p90 rank 2 → 480
    [HD, 2, 'sari', 2, 2, 2, 2, 100, 360, 480, 0],
    // OI-02 step 3, joko: H1 visit 2 10 min, H2 20 min, H1 visit 1 38 min → 600 1200 2280;
    // 2 of 3 = 66.7 %; cases H1 and H2 (H1 once though reopened)
    [HD, 3, 'joko', 2, 3, 3, 2, 66.7, 1200, 2280, 1],
    // OI-02 step 4, sari: the hand-over at 10.08, 3 min after step 2
    [HD, 4, 'sari', 1, 1, 1, 1, 100, 180, 180, 0],
    // OI-02 step 5, sari: 10.08–12.00 (112) + 13.00–16.00 (180) + 07.30–09.03 (93) = 385 office
    // min, less the 382 held (10.08 → 09.05 due, 387, less the 5 of the standard) = 3 min
    [HD, 5, 'sari', 1, 1, 1, 1, 100, 180, 180, 0],
    // BTG-017 step 1 (no standard), admin: P4 and P2, each done as it opened (P1's was in April)
    [PHONE, 1, 'admin', 2, 2, 0, 0, null, 0, 0, 0],
    // BTG-017 step 2, joko: P2 15 s, P4 20 s, both late (10 s); median floor(35/2) = 17; p90 rank 2 → 20
    [PHONE, 2, 'joko', 2, 2, 2, 0, 0, 17, 20, 2],
    // BTG-017 step 3, sari: P1, 1 office minute on Monday 4 May (started 30 April 23.30, outside hours);
    // P4's step 3 was cancelled: not counted
    [PHONE, 3, 'sari', 1, 1, 1, 1, 100, 60, 60, 0],
  ]);
  // 17 steps done: 4+3+3+1+1 (OI-02) + 2+2+1 (BTG-017); timed 17 − 2 (BTG-017 step 1) = 15;
  // met 4+2+2+1+1+0+1 = 11 → 73.3 %; cases H1 H2 H3 H4 P1 P2 P4 = 7; breaches 4 late + 1 open = 5
  assert.deepEqual(c.total, { cases: 7, done: 17, timed: 15, met: 11, share: 73.3, breaches: 5 });
  // latest due first
  assert.equal(c.breaches_total, 5);
  assert.deepEqual(c.breaches.map((b) => [b.case, b.step, b.officer, b.due_at, b.done_at, b.late_s]), [
    [K.P2, 2, 'joko', '2026-05-31T15:30:00Z', '2026-05-31T15:30:05Z', 5],
    // open: due 26 May 09.12 WITA, late to the end of May (1 June 00.00): 5 d 14 h 48 min = 485280 s
    [K.H4, 2, 'joko', '2026-05-26T01:12:00Z', null, 485280],
    [K.H2, 2, 'joko', '2026-05-17T23:32:00Z', '2026-05-17T23:40:00Z', 480],
    [K.P4, 2, 'joko', '2026-05-05T02:00:10Z', '2026-05-05T02:00:20Z', 10],
    [K.H1, 3, 'joko', '2026-05-04T01:37:00Z', '2026-05-04T01:50:00Z', 780],
  ]);
  assert.equal(c.breaches[1].href, `/api/v1/cases/${K.H4}`);

  // by step: OI-02 step 2 is 240 480 1080 → median 480, p90 1080, 2 of 3, 2 breaches
  const s = await get(`/api/v1/reports/compliance?${MAY}&sop=${encodeURIComponent(HD)}&step=2`);
  assert.deepEqual(s.rows.map(row), [[HD, 2, '', 3, 3, 3, 2, 66.7, 480, 1080, 2]]);
  // an officer who only reads their own: sari's 9 steps, all within the standard, in 5 cases
  const mine = await get(`/api/v1/reports/compliance?${MAY}`, 'sari');
  assert.deepEqual(mine.total, { cases: 5, done: 9, timed: 9, met: 9, share: 100, breaches: 0 });
  // joko is disabled now: his month is still his — 6 steps done in H1 H2 P2 P4 (H4's step 2 is
  // open: a breach, no step done), 2 within the standard, 5 breaches
  const j = await get(`/api/v1/reports/compliance?${MAY}&officer=joko`);
  assert.deepEqual(j.total, { cases: 4, done: 6, timed: 6, met: 2, share: 33.3, breaches: 5 });
});

test('the month edges in the office zone: April, the first of June, an empty month', async () => {
  // April: P1's steps 1 and 2 (23.29.55 and 23.30.03 WITA on the 30th); step 2 8 s, met
  const apr = await get('/api/v1/reports/compliance?from=2026-04-01&to=2026-04-30');
  assert.deepEqual(apr.total, { cases: 1, done: 2, timed: 1, met: 1, share: 100, breaches: 0 });
  // 1 June (00.29.58 and 00.30.04 WITA, still 31 May in WIB): P3's steps 1 and 2 are June's
  const jun = await get('/api/v1/reports/compliance?from=2026-06-01&to=2026-06-01');
  assert.deepEqual(jun.rows.map(row), [[PHONE, 1, '', 1, 1, 0, 0, null, 0, 0, 0], [PHONE, 2, '', 1, 1, 1, 1, 100, 6, 6, 0]]);
  // March: nothing at all — no row, no NaN, a share of null
  const mar = await get('/api/v1/reports/compliance?from=2026-03-01&to=2026-03-31');
  assert.deepEqual(mar.rows, []);
  assert.deepEqual(mar.total, { cases: 0, done: 0, timed: 0, met: 0, share: null, breaches: 0 });
  web = await webSession(o.srv.url, 'kepala', PW);
  const page = await web.get('/laporan/kepatuhan?from=2026-03-01&to=2026-03-31');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Tidak ada langkah yang selesai dalam periode ini'));
  assert.ok(page.text.includes('Tidak ada pelanggaran dalam periode ini'));
  assert.ok(page.text.includes('1 Maret 2026 – 31 Maret 2026'));
  assert.doesNotMatch(page.text, /NaN|inf/);
  const csv = (await download('/laporan/kepatuhan?from=2026-03-01&to=2026-03-31&format=csv')).bytes.toString('utf8');
  assert.equal(csv.replace(/^\uFEFF/, '').split('\r\n')[1], 'Jumlah,,,,0,0,,,,0');
});

// A step filter without a procedure names a step of any procedure: the longest, SOP-LPSE.BTG-006
// (the bidding room), has 13 steps, so step 13 is one (a report of its steps, none done in May),
// step 14 is no procedure's (it would report nothing, as if nothing were done: 400).
test('filters: an unknown officer or step is 400 naming it; a disabled officer is known', async () => {
  for (const [q, field] of [['officer=nobody', 'officer'], ['officer=Joko%20', 'officer'], ['sop=SOP-LPSE.BTG-999', 'sop'],
    [`sop=${encodeURIComponent(PHONE)}&step=12`, 'step'], ['step=0', 'step'], ['step=14', 'step']]) {
    const r = await api('GET', `/api/v1/reports/compliance?${MAY}&${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.error.field, field, q);
    const x = await download(`/laporan/kepatuhan?${MAY}&${q}&format=csv`);
    assert.equal(x.status, 400, q);
    assert.doesNotMatch(x.type, /csv/, q);

  }
  const p = await web.get(`/laporan/kepatuhan?${MAY}&officer=nobody`);
  assert.equal(p.status, 400);
  assert.ok(p.text.includes('Tidak ada petugas kantor ini dengan nama pengguna tersebut'));
  const s = await web.get(`/laporan/kepatuhan?${MAY}&sop=${encodeURIComponent(PHONE)}&step=12`);
  assert.equal(s.status, 400);
  assert.ok(s.text.includes('Prosedur itu tidak memiliki langkah tersebut'));
  const any = await web.get(`/laporan/kepatuhan?${MAY}&step=14`);
  assert.equal(any.status, 400);
  assert.ok(any.text.includes('Tidak ada prosedur yang memiliki langkah tersebut'));
  const s13 = await api('GET', `/api/v1/reports/compliance?${MAY}&step=13`);
  assert.deepEqual([s13.status, s13.json.step, s13.json.total.done], [200, 13, 0]);
  assert.equal((await web.get(`/laporan/kepatuhan?${MAY}&step=13`)).status, 200);
  assert.equal((await api('GET', `/api/v1/reports/compliance?${MAY}&officer=joko&sop=${encodeURIComponent(PHONE)}&step=8`)).status, 200);
  assert.equal((await web.get(`/laporan/kepatuhan?${MAY}&officer=joko`)).status, 200);
});

test('page, CSV, XLSX and PDF say the same as the API', async () => {
  const q = `${MAY}&by=officer`;
  const page = await web.get(`/laporan/kepatuhan?${q}`);
  assert.equal(page.status, 200);
  const text = page.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  assert.ok(text.includes('1 Mei 2026 – 31 Mei 2026'));
  // joko's step 3: 2 cases, 3 done, median 20 min, p90 38 min, 66,7 %, 1 breach
  assert.match(text, /Mempersiapkan jawab pertanyaan langsung dan jawaban e-Proc joko 25 menit jam kerja 2 3 20 menit 38 menit 66,7 % 1 /);
  assert.match(text, /Jumlah 7 17 73,3 % 5 /);
  assert.match(text, new RegExp(`${K.H4} SOP 02/LPSE.OI/2012 2 joko 26 Mei 2026, 09.12 WITA masih terbuka 5 hari 14 jam`));
  // 10 s to answer: due and done to the second, else "due 23.30, done 23.30, late 5 seconds"
  assert.match(text, new RegExp(`${K.P2} SOP-LPSE.BTG-017 2 joko 31 Mei 2026, 23\\.30\\.00 WITA 31 Mei 2026, 23\\.30\\.05 WITA 5 detik`));

  const csv = (await download(`/laporan/kepatuhan?${q}&format=csv`)).bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csv[4], 'SOP 02/LPSE.OI/2012,3,Mempersiapkan jawab pertanyaan langsung dan jawaban e-Proc,joko,25 menit jam kerja,2,3,1200,2280,66.7,1');
  assert.equal(csv[10], 'Jumlah,,,,,7,17,,,73.3,5');
  const bcsv = (await download(`/laporan/kepatuhan?${MAY}&tabel=pelanggaran&format=csv`)).bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(bcsv[2], `${K.H4},SOP 02/LPSE.OI/2012,2,joko,2026-05-26 09:02,2026-05-26 09:12,,485280`);

  const x = await download(`/laporan/kepatuhan?${q}&format=xlsx`);
  assert.equal(x.status, 200);
  const all = xlsxRows(x.bytes, 'kepatuhan.xlsx');
  assert.equal(all[0][0], 'Laporan kepatuhan');
  assert.ok(all[1][0].endsWith(' · 1 Mei 2026 – 31 Mei 2026'), all[1][0]);
  const rows = all.slice(all.findIndex((w) => w[0] === 'Prosedur'));   /* the empty row under the head is not in the XML */
  assert.deepEqual(rows[4], [HD, 3, 'Mempersiapkan jawab pertanyaan langsung dan jawaban e-Proc', 'joko', '25 menit jam kerja', 2, 3, 1200, 2280, 66.7, 1]);
  assert.deepEqual(rows[10].filter((v) => v !== null && v !== ''), ['Jumlah', 7, 17, 73.3, 5]);

  // the PDF is read by people: durations in words, decimals with a comma
  const pdf = pdfText((await download(`/laporan/kepatuhan?${q}&format=pdf`)).bytes, 'kepatuhan.pdf');
  assert.ok(pdf.includes('1 Mei 2026 – 31 Mei 2026'));
  assert.match(pdf, /joko\s+25 menit jam kerja\s+2\s+3\s+20 menit\s+38 menit\s+66,7\s+1/);
  assert.match(pdf, /Jumlah\s+7\s+17\s+73,3\s+5/);
  assert.doesNotMatch(pdf, /73\.3|66\.7/);
  const bpdf = pdfText((await download(`/laporan/kepatuhan?${MAY}&tabel=pelanggaran&format=pdf`)).bytes, 'pelanggaran.pdf');
  assert.match(bpdf, new RegExp(`${K.H4}.*26 Mei 2026, 09.12 WITA.*5 hari 14 jam`));
  assert.match(bpdf, new RegExp(`${K.H1}.*4 Mei 2026, 09.50 WITA\\s+13 menit`));
});

test('dashboard on Tuesday 2 June 08.00 WITA', async () => {
  const d = await get('/api/v1/reports/dashboard');
  const off = d.office;
  // open: H4 (step 2), P1 (step 4, the requester's), P2 and P3 (step 3); H1 H2 H3 closed, P4 cancelled
  assert.equal(off.open_cases, 4);
  assert.equal(off.opened_today, 0);
  // overdue: H4 step 2 (due 26 May 09.12), P2 and P3 step 3 (due today 07.32)
  assert.equal(off.overdue_steps, 3);
  // of them H4's since May: its breach is May's, so June's breaches still open are the other two
  assert.equal(off.overdue_before_month, 1);
  assert.equal(off.breaches_open, off.overdue_steps - off.overdue_before_month);
  assert.match((await web.get('/laporan')).text,
    /<p class="overdue-before">Di antara langkah terlambat, yang melewati tenggat sebelum bulan ini \(pelanggaran bulan itu\): 1<\/p>/);
  // June so far: P3 step 2 (6 s, met); May as the report: 11 of 15
  assert.deepEqual(off.this_month, { timed: 1, met: 1, share: 100 });
  assert.deepEqual(off.last_month, { timed: 15, met: 11, share: 73.3 });
  // the slowest steps are those that went past their standard: not P3 step 2 (6 s, within its 10),
  // but the phone's step 3, P2 and P3 open past due since 07.32 (nothing done in June: no median)
  assert.deepEqual(off.slowest.map((w) => [w.sop, w.step, w.median_s, w.breaches]), [[PHONE, 3, null, 2]]);
  // sari: P2 and P3 step 3 are helpdesk's with no one named (Tugas saya), both overdue; in June
  // she did P3 step 2 within the standard
  const s = (await get('/api/v1/reports/dashboard', 'sari')).mine;
  assert.deepEqual([s.assigned_open, s.assigned_overdue, s.done_this_month, s.timed_this_month, s.met_this_month, s.breaches_this_month],
    [2, 2, 1, 1, 1, 0]);
});

test('recaps: phone cases by day, escalations by month', async () => {
  const t = await get('/api/v1/reports/recaps/telepon?from=2026-04-30&to=2026-06-01');
  const by = Object.fromEntries(t.rows.map((w) => [w.period, w.values]));
  // P1 on 30 April (23.29.55 WITA), P4 on 5 May (cancelled: opened, not finished), P2 on 31 May
  // (23.29.50), P3 on 1 June (00.29.58 WITA); none finished (P1 P2 P3 still open)
  assert.deepEqual([by['2026-04-30'], by['2026-05-05'], by['2026-05-31'], by['2026-06-01']], [[1, 0], [1, 0], [1, 0], [1, 0]]);
  assert.deepEqual(t.total, [4, 0]);
  assert.equal(t.rows.length, 33);
  // H3 handed over at step 4: opened 19 May 10.00, closed 20 May 09.03 → 23 h 3 min = 82980 s
  const e = await get('/api/v1/reports/recaps/eskalasi?from=2026-05-01&to=2026-05-31');
  assert.deepEqual(e.rows.map((w) => [w.period, w.values]), [['2026-05', [1, 1, 82980]]]);
  // the same in the page, the CSV (seconds, to compute with) and the PDF (in words, for people)
  const page = (await web.get('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31')).text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  // months as people name them on the page, its chart and the PDF ("Mei 2026"; "May 2026" in
  // English), ISO in the CSV, a date (the month's first day) in the XLSX
  assert.match(page, / Mei 2026 1 1 23 jam 3 menit /);
  assert.doesNotMatch(page, /2026-05/);
  const pen = (await web.get('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31&lang=en')).text;
  assert.match(pen, /<th scope="row">May 2026<\/th>/);
  assert.match(pen, /text-anchor="middle">May 2026<\/text>/);
  const csv = (await download('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31&format=csv')).bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csv[1], '2026-05,1,1,82980');
  const pdf = pdfText((await download('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31&format=pdf')).bytes, 'eskalasi.pdf');
  assert.match(pdf, /Mei 2026\s+1\s+1\s+23 jam 3 menit/);
  assert.doesNotMatch(pdf, /82980|2026-05/);
  const pdfen = pdfText((await download('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31&format=pdf&lang=en')).bytes, 'eskalasi-en.pdf');
  assert.match(pdfen, /May 2026\s+1\s+1\s+23 hours 3 minutes/);
  const xrows = xlsxRows((await download('/laporan/rekap/eskalasi?from=2026-05-01&to=2026-05-31&format=xlsx')).bytes, 'eskalasi.xlsx');
  assert.deepEqual(xrows.at(-2), [46143, 1, 1, 82980]);   /* 1 May 2026 as Excel's serial day */
  const tcsv = (await download('/laporan/rekap/telepon?from=2026-05-01&to=2026-05-31&format=csv')).bytes.toString('utf8');
  assert.match(tcsv, /\r\n2026-05-05,1,0\r\n/);
  assert.match(tcsv, /\r\n2026-05-31,1,0\r\n/);
});

test('the monthly report mail for May, on the first working day of June (the 2nd)', async () => {
  const mail = sqlite(join(o.dir, 'loket.db'),
    "SELECT body FROM outbox WHERE to_addr='kepala@lpse-makassar.go.id' AND subject LIKE 'Laporan kepatuhan bulanan Mei 2026%'").stdout;
  assert.ok(mail, 'May report mailed');
  assert.match(mail, /Yth\. Ir\. Andi Mappaseng,/);
  assert.match(mail, /\(1 Mei 2026 – 31 Mei 2026\)/);
  assert.match(mail, /Kasus yang dikerjakan: +7\n/);
  assert.match(mail, /Langkah yang selesai: +17\n/);
  assert.match(mail, /\nLangkah dan butir persiapan berstandar waktu: +15\n/);
  assert.match(mail, /  selesai dalam standar waktu: +11 \(73,3 %\)\n/);
  // the five breaches said apart: four steps done past their standard, one still open past due
  assert.match(mail, /  selesai melewati standar waktu: +4\n/);
  assert.match(mail, /Langkah belum selesai, lewat batas waktu: +1\n/);
  assert.match(mail, /Pelanggaran \(melewati standar \+ lewat batas waktu\): 5\n/);
  assert.match(mail, /Bulan sebelumnya, selesai dalam standar: +100,0 %\n/);      // April: P1 step 2, 1 of 1
  for (const line of [
    '- SOP 02/LPSE.OI/2012 langkah 1: 4/4 (100,0 %), median 2 menit, p90 4 menit\n- ',
    '- SOP 02/LPSE.OI/2012 langkah 2: 2/3 (66,7 %), median 8 menit, p90 18 menit\n  pelanggaran 2: 1 selesai terlambat, 1 belum selesai lewat batas waktu',
    '- SOP 02/LPSE.OI/2012 langkah 3: 2/3 (66,7 %), median 20 menit, p90 38 menit\n  pelanggaran 1: 1 selesai terlambat',
    '- SOP-LPSE.BTG-017 langkah 2: 0/2 (0,0 %), median 17 detik, p90 20 detik\n  pelanggaran 2: 2 selesai terlambat',
    '- SOP-LPSE.BTG-017 langkah 3: 1/1 (100,0 %), median 1 menit, p90 1 menit\n',
  ]) assert.ok(mail.includes(line.endsWith('- ') || line.endsWith('\n') ? line : line + '\n'), line);
  assert.ok(mail.includes('- SOP-LPSE.BTG-017 langkah 1: tanpa standar waktu, 2 langkah selesai\n'));
  assert.doesNotMatch(mail, /0\/0/);
  // who accounts for the breaches: all five are joko's (his account disabled since; named still)
  assert.match(mail, /Pelanggaran per petugas[^\n]*\n[^\n]*\n- Joko Susilo \(joko\): 5\n\n/);
  assert.match(mail, /\/laporan\/kepatuhan\?from=2026-05-01&to=2026-05-31/);
  // sent once: not on 1 June (a holiday)
  const when = sqlite(join(o.dir, 'loket.db'), "SELECT sent_at FROM report_mail WHERE month='2026-05'").stdout.trim();
  assert.equal(Number(when), Date.parse('2026-06-02T00:00:00Z') / 1000);
});

test('dashboard at 09.00: what is due later today, and the month\'s breaches, for the head', async () => {
  await at('2026-06-02T09:00:00+08:00');
  // H5 opened 09.00: its step 1 (10 office minutes) is due 09.10 today
  const H5 = await open(HD, 'Tidak menerima email aktivasi');
  const off = (await get('/api/v1/reports/dashboard')).office;
  assert.equal(off.open_cases, 5);
  assert.equal(off.opened_today, 1);
  // overdue: H4 step 2, P2 and P3 step 3 (due 07.32 today: past, so overdue, not "due later today")
  assert.equal(off.overdue_steps, 3);
  // due from 09.00 to midnight WITA: H5 step 1 only
  assert.equal(off.due_today, 1);
  // June's breaches so far: P2 and P3 step 3, open past their due time of 07.32 (H4's was May's)
  assert.equal(off.breaches_this_month, 2);
  const c = await get('/api/v1/reports/compliance?from=2026-06-01&to=2026-06-30');
  assert.equal(c.breaches_total, 2);
  web = await webSession(o.srv.url, 'kepala', PW);
  const page = (await web.get('/laporan')).text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  assert.match(page, /Jatuh tempo hari ini 1 /);
  assert.match(page, /Langkah terlambat 3 Jatuh tempo hari ini 1 Langkah selesai bulan ini 2 Pelanggaran bulan ini 2 /);
  const csv = (await download('/laporan?format=csv')).bytes.toString('utf8');
  assert.match(csv, /\r\nJatuh tempo hari ini,1\r\n/);
  assert.match(csv, /\r\nPelanggaran — Bulan ini,2\r\n/);
  assert.ok(H5);
  // in English the slowest steps are named in English too
  const en = (await web.get('/laporan?lang=en')).text;
  assert.ok(en.includes('identity and the problem, probing'));
  assert.ok(!en.includes('Menanyakan identitas pengguna'));
});
