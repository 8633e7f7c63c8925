// The reports as the head of an office outside WIB reads them, every figure counted by hand:
// an office in Makassar (WITA, UTC+8) across the year end, with New Year's Day 2027 added as a
// holiday, and an office in Jayapura (WIT, UTC+9) in July 2026, where work done at 08.00 on the
// 1st (23.00 UTC the day before) belongs to July. Helpdesk cases (SOP 02/LPSE.OI/2012: steps 1
// and 2 of 10 office minutes, step 3 of 25, steps 4 and 5 of 5) walked with frozen clocks (the
// server restarted at each instant with LOKET_TEST_NOW). Default hours: Monday–Thursday
// 07.30–12.00 and 13.00–16.00, Friday 07.30–11.30 and 13.00–16.30.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, addUser, cli, initData, sqlite, sleep, webSession } from './lib.mjs';

const HD = 'SOP 02/LPSE.OI/2012';
const REQUESTER = { name: 'Budi Santoso', phone: '081298765432' };

// One office's server, restarted at each instant of its walk.
function office() {
  const o = { srv: null, dir: initData(), token: null, tokens: {} };
  o.at = async (now, users = []) => {
    if (o.srv) await o.srv.stop({ keep: true });
    o.srv = await startServer({ dir: o.dir, env: { LOKET_TEST_NOW: now } });
    o.token = await login(o.srv.url);
    for (const u of users) o.tokens[u] = await login(o.srv.url, u, 'user-test-password-1');
  };
  o.api = (method, path, body, as) => request(o.srv.url, method, path, { token: as ? o.tokens[as] : o.token, body });
  o.open = async (subject) => {
    const r = await o.api('POST', '/api/v1/cases', { sop: HD, channel: 'walk_in', subject, requester: REQUESTER });
    assert.equal(r.status, 201, r.text);
    return r.json.number;
  };
  o.step = async (number, no, outcome = 'done', as) => {
    const r = await o.api('POST', `/api/v1/cases/${number}/steps/${no}`, { outcome }, as);
    assert.equal(r.status, 200, `${number} step ${no}: ${r.text}`);
    return r.json;
  };
  o.get = async (path, as) => {
    const r = await o.api('GET', path, undefined, as);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };
  return o;
}
const offices = [];
// An office (its walk's helper) whose head, kepala, receives the monthly report by e-mail.
function headedOffice() {
  const o = office();
  offices.push(o);
  const r = cli(['user', 'add', 'kepala', '--data', o.dir, '--role', 'ketua', '--name', 'Ibu Kepala', '--email', 'kepala@lpse-makassar.go.id'],
    { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  return o;
}
// December 2026's monthly report to that head, "subject|body", once the background job queued it.
async function decemberMail(o) {
  const mail = () => sqlite(join(o.dir, 'loket.db'),
    "SELECT subject || '|' || body FROM outbox WHERE to_addr='kepala@lpse-makassar.go.id' AND subject LIKE '%Desember 2026%'").stdout;
  for (let i = 0; i < 50 && !mail(); i++) await sleep(100);
  return mail();
}
after(async () => { for (const o of offices) if (o.srv) await o.srv.stop(); });

// Makassar, WITA. Wednesday 30 December 2026: A opened 09.00, step 1 at 09.05 (5 min, met),
// step 2 "yes" at 09.30 (25 min against 10: late by 15), step 3 (due 09.55) left open.
// Thursday 31 December: B and C opened 15.50; B step 1 at 15.58 (8 min, met). B's step 2,
// started 15.58, has 2 minutes left before 16.00, then Friday 1 January is a holiday and the
// week end: due Monday 4 January 07.38. Done 07.35 "no" (2 + 5 = 7 office min, met); step 4
// (due 07.40) done 07.45 (10 min: late by 5); step 5 (due 07.50) left open. C's step 1 (due
// 31 December 16.00) stays open until C is cancelled, then archived, on 4 January at 08.00.
test('WITA across the year end: December and January cut at WITA midnight, the holiday skipped, the mail on the first working day', async () => {
  const o = headedOffice();
  await o.at('2026-12-30T09:00:00+08:00');
  assert.equal((await o.api('PUT', '/api/v1/calendar/tz', { tz: 'WITA' })).status, 200);
  assert.equal((await o.api('POST', '/api/v1/calendar/holidays', { day: '2027-01-01', name: 'Tahun Baru 2027 Masehi' })).status, 201);
  await o.at('2026-12-30T09:00:00+08:00');
  const A = await o.open('Kasus A');
  await o.at('2026-12-30T09:05:00+08:00');
  await o.step(A, 1);
  await o.at('2026-12-30T09:30:00+08:00');
  await o.step(A, 2, 'yes');
  await o.at('2026-12-31T15:50:00+08:00');
  const B = await o.open('Kasus B');
  const C = await o.open('Kasus C');
  await o.at('2026-12-31T15:58:00+08:00');
  const b1 = await o.step(B, 1);
  assert.equal(b1.steps[1].due_at, '2027-01-03T23:38:00Z');   // Monday 4 January 07.38 WITA

  // Monday 4 January 2027, the first working day: December's report goes to the head
  await o.at('2027-01-04T07:35:00+08:00');
  const m = await decemberMail(o);
  assert.match(m, /^Laporan kepatuhan bulanan Desember 2026/);
  assert.match(m, /1 Desember 2026 – 31 Desember 2026/);
  assert.match(m, /Kasus yang dikerjakan: +2\n/);                // A and B
  assert.match(m, /Langkah yang selesai: +3\n/);                  // A 1, A 2, B 1
  assert.match(m, /  selesai dalam standar waktu: +2 \(66,7 %\)\n/);
  assert.match(m, /  selesai melewati standar waktu: +1\n/);       // A 2 late
  assert.match(m, /Langkah belum selesai, lewat batas waktu: +2\n/);   // A 3 and C 1 still open past due
  assert.match(m, /Pelanggaran \(melewati standar \+ lewat batas waktu\): 3\n/);
  // who accounts for them: admin did A 2; A 3 and C 1 were given to no one by name
  assert.match(m, /\n- Administrator \(admin\): 1\n- \(belum ditugaskan\): 2\n/);
  assert.ok(m.includes('/laporan/kepatuhan?from=2026-12-01&to=2026-12-31'), m);

  await o.step(B, 2, 'no');
  await o.at('2027-01-04T07:45:00+08:00');
  await o.step(B, 4);
  await o.at('2027-01-04T08:00:00+08:00');
  assert.equal((await o.api('POST', `/api/v1/cases/${C}/cancel`, { reason: 'Permintaan ganda' })).status, 200);
  assert.equal((await o.api('POST', `/api/v1/cases/${C}/archive`, {})).status, 200);

  const dec = await o.get('/api/v1/reports/compliance?from=2026-12-01&to=2026-12-31');
  assert.equal(dec.from, '2026-11-30T16:00:00Z');
  assert.equal(dec.to, '2026-12-31T16:00:00Z');
  assert.deepEqual(dec.rows.map((w) => [w.step, w.cases, w.done, w.timed, w.met, w.median_s, w.p90_s, w.breaches]), [
    [1, 2, 2, 2, 2, 390, 480, 0],       // 300 and 480 office seconds: median 390, p90 the 2nd
    [2, 1, 1, 1, 0, 1500, 1500, 1],
    [3, 0, 0, 0, 0, null, null, 1],     // A's step 3, open past due (C is cancelled now)
  ]);
  assert.deepEqual(dec.total, { cases: 2, done: 3, timed: 3, met: 2, share: 66.7, breaches: 2 });
  // A's step 3 was due 30 December 09.55 WITA and is late to the end of December (00.00 WITA)
  assert.deepEqual(dec.breaches.map((x) => [x.case, x.step, x.late_s]), [[A, 3, 14 * 3600 + 5 * 60 + 86400], [A, 2, 900]]);

  const jan = await o.get('/api/v1/reports/compliance');
  assert.equal(jan.from, '2026-12-31T16:00:00Z');
  assert.deepEqual(jan.rows.map((w) => [w.step, w.done, w.met, w.median_s, w.breaches]), [
    [2, 1, 1, 420, 0],
    [4, 1, 0, 600, 1],
    [5, 0, 0, null, 1],                 // due 07.50, open at 08.00
  ]);
  assert.deepEqual(jan.total, { cases: 1, done: 2, timed: 2, met: 1, share: 50, breaches: 2 });
  assert.deepEqual(jan.breaches.map((x) => [x.case, x.step, x.late_s]), [[B, 5, 600], [B, 4, 300]]);

  const d = (await o.get('/api/v1/reports/dashboard')).office;
  assert.deepEqual([d.open_cases, d.opened_today, d.closed_today, d.overdue_steps], [2, 0, 0, 2]);
  assert.deepEqual(d.this_month, { timed: 2, met: 1, share: 50 });
  assert.deepEqual(d.last_month, { timed: 3, met: 2, share: 66.7 });
});

// Jayapura, WIT. Wednesday 1 July 2026 08.00 WIT (30 June 23.00 UTC): A opened, step 1 by admin;
// Sari (helpdesk) answers "no" at step 2 and hands the case over to a Pokja: step 5 starts
// held (due 08.05, its clock stopped). A training on Monday 20 July is approved: its checklist
// is due 7 working days before (Thursday 9 July 16.00) for attendance and the room, 5 for the
// trainers (Monday 13 July 16.00). Sari ticks attendance on 2 July (met). On 14 July at 09.00
// she ticks the trainers (late) and, the Pokja having answered by phone, completes step 5 while
// it is still held: the 68.5 office hours it stood held (1 July 08.00 – 14 July 09.00) are the
// Pokja's, so it is due 14 July 09.05 and met.
test('WIT: July cut at WIT midnight; a step held until the hand-over\'s answer is not late; the officer\'s dashboard counts as the report', async () => {
  const o = office();
  offices.push(o);
  addUser(o.dir, 'sari', 'helpdesk');
  await o.at('2026-07-01T08:00:00+09:00');
  assert.equal((await o.api('PUT', '/api/v1/calendar/tz', { tz: 'WIT' })).status, 200);
  await o.at('2026-07-01T08:00:00+09:00', ['sari']);
  const A = await o.open('Kasus A: akun Pokja');
  await o.step(A, 1);
  assert.equal((await o.api('POST', `/api/v1/cases/${A}/assign`, { username: 'sari' })).status, 200);
  await o.step(A, 2, 'no', 'sari');
  assert.equal((await o.api('POST', `/api/v1/cases/${A}/assign`, { username: 'sari' })).status, 200);
  const h = await o.api('POST', `/api/v1/cases/${A}/handovers`, { party_kind: 'ulp', party_name: 'Pokja Pemilihan 3', due_days: 2 }, 'sari');
  assert.equal(h.status, 201, h.text);
  assert.equal((await o.api('POST', `/api/v1/cases/${A}/assign`, { username: 'sari' })).status, 200);
  const t = await o.api('POST', '/api/v1/trainings', { title: 'Training SPSE bagi penyedia', audience: ['penyedia'], capacity: 10,
    venue: 'Ruang pelatihan', facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'],
    sessions: [{ title: 'Pendaftaran', starts_at: '2026-07-20 08:00', ends_at: '2026-07-20 12:00' }] });
  assert.equal(t.status, 201, t.text);
  assert.deepEqual(t.json.checklist.map((i) => i.due_at),
    ['2026-07-09T07:00:00Z', '2026-07-09T07:00:00Z', '2026-07-13T07:00:00Z', '2026-07-16T07:00:00Z']);
  assert.equal((await o.api('POST', `/api/v1/trainings/${t.json.id}/approve`)).status, 200);

  await o.at('2026-07-02T10:00:00+09:00', ['sari']);
  assert.equal((await o.api('POST', `/api/v1/trainings/${t.json.id}/checklist/1`, { done: true }, 'sari')).json.checklist[0].met, true);
  // Sari's dashboard: A's held step 5 and the training's preparation are hers; the held step is
  // not overdue nor a breach (as "Tugas saya" and the compliance report say); the item she ticked
  // is timed this month as the share counts it, but is not a step done (step 2 is not done yet)
  let mine = (await o.get('/api/v1/reports/dashboard', 'sari')).mine;
  assert.deepEqual((await o.get('/api/v1/cases?mine=1&overdue=1', 'sari')).cases, []);
  assert.deepEqual([mine.assigned_open, mine.assigned_overdue, mine.done_this_month, mine.timed_this_month, mine.met_this_month,
                    mine.breaches_this_month], [2, 0, 2, 3, 3, 0]);

  await o.at('2026-07-14T09:00:00+09:00', ['sari']);
  assert.equal((await o.api('POST', `/api/v1/trainings/${t.json.id}/checklist/3`, { done: true }, 'sari')).json.checklist[2].met, false);
  // the ULP's answer comes, and step 5 answers through the FAQ at once: held until then, not late
  const ans = await o.api('POST', `/api/v1/cases/${A}/handovers/${h.json.id}/answer`, { answer: 'User ID sudah direset' }, 'sari');
  assert.equal(ans.status, 200, ans.text);
  const a = await o.step(A, 5, 'done', 'sari');
  const s5 = a.steps.find((s) => s.no === 5);
  assert.equal(s5.due_at, '2026-07-14T00:05:00Z');
  assert.equal(s5.met, true);
  assert.equal(s5.paused_s, 13 * 86400 + 3600);

  // June holds nothing: what was done at 08.00 WIT on 1 July is July's
  assert.deepEqual((await o.get('/api/v1/reports/compliance?from=2026-06-01&to=2026-06-30')).rows, []);
  const rep = await o.get('/api/v1/reports/compliance?officer=sari');
  assert.equal(rep.from, '2026-06-30T15:00:00Z');
  assert.deepEqual(rep.rows.map((w) => [w.sop, w.step, w.done, w.items_done, w.timed, w.met, w.median_s, w.breaches]), [
    [HD, 2, 1, undefined, 1, 1, 0, 0],
    [HD, 4, 1, undefined, 1, 1, 0, 0],
    [HD, 5, 1, undefined, 1, 1, 0, 0],             // the time held is not counted
    ['SOP-LPSE.BTG-005', 2, 0, 2, 2, 1, 610200, 1],   // two items, 26 h and 13 d 1 h after step 2 started; the step not done yet
  ]);
  assert.deepEqual(rep.total, { cases: 2, done: 3, timed: 5, met: 4, share: 80, breaches: 1 });
  mine = (await o.get('/api/v1/reports/dashboard', 'sari')).mine;
  assert.deepEqual([mine.assigned_open, mine.assigned_overdue, mine.done_this_month, mine.timed_this_month, mine.met_this_month,
                    mine.share_this_month, mine.breaches_this_month], [1, 0, 3, 5, 4, 80, 1]);
  // the whole office: the room not made ready by 9 July 16.00 WIT is a breach of nobody's yet
  const all = await o.get('/api/v1/reports/compliance');
  assert.deepEqual(all.total, { cases: 2, done: 5, timed: 6, met: 5, share: 83.3, breaches: 2 });
  assert.deepEqual(all.breaches.map((x) => [x.step, x.officer, x.late_s]), [
    [2, 'sari', 17 * 3600],             // trainers: due 13 July 16.00, done 14 July 09.00
    [2, null, 4 * 86400 + 17 * 3600],   // the room: due 9 July 16.00, still undone
  ]);

  // the page by officer: Sari's breach count links to her breaches, not to everyone's of the step
  const web = await webSession(o.srv.url);
  const page = await web.get('/laporan/kepatuhan?by=officer');
  assert.equal(page.status, 200);
  const links = [...page.text.matchAll(/<a href="(\/laporan\/kepatuhan\?[^"]*#pelanggaran)">(\d+)<\/a>/g)].map((x) => [x[1].replace(/&amp;/g, '&'), x[2]]);
  const hers = links.find(([href]) => href.includes('officer=sari'));
  assert.ok(hers, JSON.stringify(links));
  assert.equal(hers[1], '1');
  const list = await web.get(hers[0].replace(/#.*/, ''));
  const rows = list.text.slice(list.text.indexOf('<table class="breaches">')).split('</table>')[0];
  assert.equal((rows.match(/<tr><td class="mono"><a href="\/kasus\//g) || []).length, 1, rows);
});

// A month whose only breach was given to no one by name: the mail's officer list is the one
// "(belum ditugaskan)" line, and the statement that looks officers' names up (prepared, never
// stepped) is reset: stopping the server fails on a statement left un-reset.
test('the monthly mail when every breach of the month is unassigned: one line, no statement left un-reset', async () => {
  const o = headedOffice();
  await o.at('2026-12-30T09:00:00+08:00');
  await o.open('Kasus tanpa petugas');   // step 1 (10 office minutes) left open: due 09.10, a breach
  await o.at('2027-01-04T07:35:00+08:00');
  const m = (await decemberMail(o)).replace(/^[^|]*\|/, '');
  assert.match(m, /Langkah belum selesai, lewat batas waktu: +1\n/, m);
  assert.match(m, /Pelanggaran \(melewati standar \+ lewat batas waktu\): 1\n/, m);
  assert.match(m, /- SOP 02\/LPSE.OI\/2012 langkah 1: belum ada yang selesai\n  pelanggaran 1: 1 belum selesai lewat batas waktu\n/, m);
  assert.match(m, /\n- \(belum ditugaskan\): 1\n/, m);
  assert.doesNotMatch(m, /\n- [a-z]+ \(|\n- Administrator/, m);
  await o.srv.stop({ keep: true });   // throws when the server logged a statement left un-reset
  o.srv = null;
});

// A head who chose English (POST /api/v1/me/lang) reads the monthly report in English: the
// template, the month and days, the lines per step and per officer, the durations and the
// decimal point (docs/api.md, Reports).
test('the monthly mail in the language the head chose: English throughout', async () => {
  const o = headedOffice();
  await o.at('2026-12-30T09:00:00+08:00', ['kepala']);
  const r = await o.api('POST', '/api/v1/me/lang', { lang: 'en' }, 'kepala');
  assert.equal(r.status, 200, r.text);
  const A = await o.open('Case A');
  await o.at('2026-12-30T09:05:00+08:00');
  await o.step(A, 1);
  await o.at('2026-12-30T09:30:00+08:00');
  await o.step(A, 2, 'yes');   // 25 minutes against 10: done late
  await o.at('2027-01-04T07:35:00+08:00');
  const mail = () => sqlite(join(o.dir, 'loket.db'),
    "SELECT subject || '|' || body FROM outbox WHERE to_addr='kepala@lpse-makassar.go.id' AND subject LIKE '%December 2026%'").stdout;
  let m = '';
  for (let i = 0; i < 50 && !(m = mail()); i++) await sleep(100);
  assert.match(m, /^Monthly compliance report December 2026 — /, m);
  assert.match(m, /\|Dear Ibu Kepala,\n/);
  assert.match(m, /\(1 December 2026 – 31 December 2026\)/);
  assert.match(m, /  done within the time standard: +1 \(50\.0 %\)\n/);
  assert.match(m, /- SOP 02\/LPSE.OI\/2012 step 2: 0\/1 \(0\.0 %\), median 25 minutes, p90 25 minutes\n  breaches 1: 1 done late\n/);
  assert.match(m, /- SOP 02\/LPSE.OI\/2012 step 3: none done yet\n  breaches 1: 1 still open past the due time\n/);
  assert.match(m, /\n- Administrator \(admin\): 1\n- \(not assigned yet\): 1\n/);
  assert.doesNotMatch(m, /langkah|menit|belum|Desember|Yth\.|66,7|\{\{/, m);
});

// A training on Monday 4 January 2027 planned on 1 December and never prepared: its checklist
// items fell due in December and stay undone. The monthly mail says so on a line of its own,
// as preparation items, not as steps; the step's row says its figures are the items.
test('the monthly mail names a training\'s preparation items past their deadline as such, not as steps (both languages)', async () => {
  for (const lang of ['id', 'en']) {
    const o = headedOffice();
    await o.at('2026-12-01T09:00:00+08:00', ['kepala']);
    if (lang === 'en') assert.equal((await o.api('POST', '/api/v1/me/lang', { lang: 'en' }, 'kepala')).status, 200);
    const t = await o.api('POST', '/api/v1/trainings', { title: 'Training SPSE bagi penyedia', audience: ['penyedia'], capacity: 10,
      venue: 'Ruang pelatihan', facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'],
      sessions: [{ title: 'Pendaftaran', starts_at: '2027-01-04 08:00', ends_at: '2027-01-04 12:00' }] });
    assert.equal(t.status, 201, t.text);
    const n = t.json.checklist.length;
    assert.ok(t.json.checklist.every((i) => i.due_at < '2026-12-31T17:00:00Z'), JSON.stringify(t.json.checklist));
    assert.equal((await o.api('POST', `/api/v1/trainings/${t.json.id}/approve`)).status, 200);
    await o.at('2027-01-04T07:35:00+08:00');
    const month = lang === 'en' ? 'December 2026' : 'Desember 2026';
    const mail = () => sqlite(join(o.dir, 'loket.db'),
      `SELECT body FROM outbox WHERE to_addr='kepala@lpse-makassar.go.id' AND subject LIKE '%${month}%'`).stdout;
    let m = '';
    for (let i = 0; i < 50 && !(m = mail()); i++) await sleep(100);
    if (lang === 'id') {
      assert.match(m, /\nLangkah belum selesai, lewat batas waktu: +0\n/, m);
      assert.match(m, new RegExp(`\\nButir persiapan pelatihan belum selesai, lewat batas waktu: ${n}\\n`), m);
      assert.match(m, new RegExp(`\\nPelanggaran \\(melewati standar \\+ lewat batas waktu\\): ${n}\\n`), m);
      assert.match(m, new RegExp(`\\n- SOP-LPSE\\.BTG-005 langkah 2 \\(butir persiapan\\): belum ada yang selesai\\n  pelanggaran ${n}: ${n} belum selesai lewat batas waktu\\n`), m);
    } else {
      assert.match(m, /\nSteps not done, past their due time: +0\n/, m);
      assert.match(m, new RegExp(`\\nTraining preparation items not done, past their due time: ${n}\\n`), m);
      assert.match(m, new RegExp(`\\n- SOP-LPSE\\.BTG-005 step 2 \\(preparation items\\): none done yet\\n`), m);
    }
  }
});
