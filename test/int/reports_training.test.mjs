// A training's preparation as the head reads it in the compliance report, worked by hand on the
// real calendar (WIB, default hours): a training on Monday 18 May 2026, after the long weekend of
// Kenaikan Yesus Kristus (Thursday 14 May) and its cuti bersama (Friday 15 May). Its checklist is
// due 7 working days before (Tuesday 5 May 16.00, Hari Buruh on Friday 1 May skipped) for the
// attendance and the two facilities, 5 for the trainers (Thursday 7 May 16.00), 2 for the
// materials (Tuesday 12 May 16.00, the long weekend skipped). Attendance ticked on 4 May (met),
// the room on 6 May (late), the trainers on 7 May 09.00 (met); the internet access and the
// materials never. The training is held (the watcher at the end of its session, 12.00).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frozenServer, request, sqlite } from './lib.mjs';

const TRAINING = 'SOP-LPSE.BTG-005';
const f = frozenServer();
const g = frozenServer();
after(async () => { await f.stop(); await g.stop(); });

test('a preparation item never ticked stays a breach once the training is held, late until it began', async () => {
  await f.serveAt('2026-04-20T09:00:00+07:00');
  const t = await f.api('POST', '/api/v1/trainings', { title: 'Pelatihan SPSE bagi penyedia', audience: ['penyedia'], capacity: 10,
    venue: 'Ruang pelatihan LPSE', facilities: ['Ruang pelatihan', 'Akses internet'], trainers: ['Budi Santoso'],
    sessions: [{ title: 'Hari pertama', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' }] });
  assert.equal(t.status, 201, t.text);
  const id = t.json.id;
  assert.deepEqual(t.json.checklist.map((i) => [i.kind, i.due_at]), [
    ['attendance', '2026-05-05T09:00:00Z'], ['facility', '2026-05-05T09:00:00Z'], ['facility', '2026-05-05T09:00:00Z'],
    ['trainers', '2026-05-07T09:00:00Z'], ['materials', '2026-05-12T09:00:00Z']]);
  assert.equal((await f.api('POST', `/api/v1/trainings/${id}/approve`)).status, 200);
  const tick = async (now, item, met) => {
    await f.serveAt(now);
    const r = await f.api('POST', `/api/v1/trainings/${id}/checklist/${item}`, { done: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.checklist[item - 1].met, met);
  };
  await tick('2026-05-04T10:00:00+07:00', 1, true);
  await tick('2026-05-06T10:00:00+07:00', 2, false);
  await tick('2026-05-07T09:00:00+07:00', 4, true);

  // Wednesday 13 May: the training not yet held, the two items undone are open breaches
  await f.serveAt('2026-05-13T09:00:00+07:00');
  const before = (await f.api('GET', `/api/v1/reports/compliance?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2`)).json;
  // step 2 not done yet (no step done), its three items ticked timed each by its deadline
  assert.deepEqual([before.rows[0].done, before.rows[0].items_done, before.rows[0].timed, before.rows[0].met, before.rows[0].breaches], [0, 3, 3, 2, 3]);
  // the head's dashboard counts them among the steps overdue, and says where they are: the case
  // list's overdue steps (its link) has no training checklist, so it would show nothing
  const office = (await f.api('GET', '/api/v1/reports/dashboard')).json.office;
  assert.deepEqual([office.overdue_steps, office.overdue_prep], [2, 2]);
  assert.deepEqual((await f.api('GET', '/api/v1/cases?overdue=1')).json.cases, []);
  const dashPage = (await request(f.url, 'GET', '/laporan', { token: f.token })).text;
  const before13 = (await request(f.url, 'GET', `/laporan/kepatuhan?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2`, { token: f.token })).text;
  assert.match(before13, /<td class="num">2 · Akses internet<\/td><td>—<\/td><td>5 Mei 2026, 16\.00 WIB<\/td><td>masih terbuka<\/td>/);
  assert.match(dashPage, /<p class="overdue-prep">Di antara langkah terlambat, butir persiapan pelatihan yang melewati batas: 2 · <a href="\/pelatihan">Pelatihan<\/a><\/p>/);

  // held at the end of its session: the two items undone are still breaches, each late from its
  // deadline to the training's start (18 May 08.00 WIB)
  await f.serveAt('2026-05-18T12:00:00+07:00');
  assert.equal((await f.api('GET', `/api/v1/trainings/${id}`)).json.status, 'held');
  await f.serveAt('2026-05-20T09:00:00+07:00');
  const rep = (await f.api('GET', `/api/v1/reports/compliance?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2`)).json;
  assert.equal(rep.rows.length, 1);
  // step 2 itself closed when the training was held (it has no standard): its row counts it as
  // one step done, and times the three items ticked, each by its own deadline
  const cs = (await f.api('GET', `/api/v1/cases/${encodeURIComponent(t.json.number)}`)).json.steps.find((s) => s.no === 2);
  assert.equal(cs.outcome, 'done');
  assert.deepEqual([rep.rows[0].done, rep.rows[0].items_done, rep.rows[0].timed, rep.rows[0].met, rep.rows[0].counts, rep.rows[0].standard],
    [1, 3, 3, 2, 'items', null]);
  assert.deepEqual([rep.total.done, rep.total.timed, rep.breaches_open], [1, 3, 2]);
  assert.equal(rep.rows[0].breaches, 3);
  assert.equal(rep.breaches_total, 3);
  // each named by its item (latest due first, then by the item's label)
  assert.deepEqual(rep.breaches.map((b) => [b.item, b.due_at, b.done_at, b.late_s]), [
    ['Materi training siap', '2026-05-12T09:00:00Z', null, 5 * 86400 + 16 * 3600],   // 12 May 16.00 – 18 May 08.00
    ['Akses internet', '2026-05-05T09:00:00Z', null, 12 * 86400 + 16 * 3600],        // 5 May 16.00 – 18 May 08.00
    ['Ruang pelatihan', '2026-05-05T09:00:00Z', '2026-05-06T03:00:00Z', 18 * 3600],   // ticked late
  ]);
  // in English: a fixed item's label in the caller's language, a facility as typed
  const repEn = (await f.api('GET', `/api/v1/reports/compliance?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2&lang=en`)).json;
  assert.deepEqual(repEn.breaches.map((b) => b.item), ['Training materials ready', 'Akses internet', 'Ruang pelatihan']);
  // the head's dashboard counts the month's breaches as the report does; nothing is overdue any more
  const dash = (await f.api('GET', '/api/v1/reports/dashboard')).json.office;
  assert.equal(dash.breaches_this_month, (await f.api('GET', '/api/v1/reports/compliance')).json.breaches_total);
  // the breaches' CSV lists the same three of step 2; the page names each item
  const csv = await request(f.url, 'GET', `/laporan/kepatuhan?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2&format=csv&tabel=pelanggaran`, { token: f.token });
  assert.equal(csv.status, 200);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  // each with its item, as the page names it
  assert.equal(lines[0], 'Kasus,Prosedur,Langkah,Butir persiapan,Petugas,Mulai,Tenggat,Selesai,Terlambat (detik)');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[3]), ['Materi training siap', 'Akses internet', 'Ruang pelatihan']);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(6).join(',')), [
    '2026-05-12 16:00,,489600', '2026-05-05 16:00,,1094400', '2026-05-05 16:00,2026-05-06 10:00,64800']);
  const page = await request(f.url, 'GET', `/laporan/kepatuhan?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2`, { token: f.token });
  // an item the training began without can no longer be ticked: not "still open"
  assert.match(page.text, /<td class="num">2 · Akses internet<\/td><td>—<\/td><td>5 Mei 2026, 16\.00 WIB<\/td><td>tidak dikerjakan sebelum pelatihan<\/td>/);
  assert.match(page.text, /<td class="num">2 · Ruang pelatihan<\/td><td>admin<\/td><td>5 Mei 2026, 16\.00 WIB<\/td><td>6 Mei 2026, 10\.00 WIB<\/td>/);
  // the row says it times the items, each by its own deadline (the step has no standard of its own):
  // the step done once, its three items beside it
  assert.match(page.text, /<td>Tiap butir persiapan menurut tenggatnya sendiri<\/td><td class="num">1<\/td><td class="num">1 <span class="muted">· 3 butir persiapan<\/span><\/td>/);
  assert.match(page.text, /<p class="breach-split">Pelanggaran 3: 1 selesai terlambat · 2 masih terbuka melewati tenggat<\/p>/);
});

// The recap of trainings (SOP-LPSE.BTG-005) for the head: a training on Monday 8 June 2026 with
// two seats and three invited (the third waits), the first declining (the seat goes to the one
// waiting), one present at the session; one moved to Tuesday 9 June and cancelled (not counted);
// one in July (another month).
test('the recap of trainings counts their participants with a seat and those present', async () => {
  await g.serveAt('2026-05-25T09:00:00+07:00');
  const plan = (title, day) => ({ title, audience: ['ppk'], capacity: 2, venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'],
    sessions: [{ title: 'Sesi 1', starts_at: `${day} 08:00`, ends_at: `${day} 12:00` }] });
  const make = async (title, day) => {
    const r = await g.api('POST', '/api/v1/trainings', plan(title, day));
    assert.equal(r.status, 201, r.text);
    assert.equal((await g.api('POST', `/api/v1/trainings/${r.json.id}/approve`)).status, 200);
    return r.json.id;
  };
  const june = await make('Pelatihan PPK', '2026-06-08');
  const cancelled = await make('Pelatihan batal', '2026-06-09');
  const july = await make('Pelatihan Juli', '2026-07-06');
  const ids = [];
  for (const [name, email] of [['Andi', 'andi@contoh.go.id'], ['Budi', 'budi@contoh.go.id'], ['Citra', 'citra@contoh.go.id']]) {
    for (const t of [june, cancelled]) {
      const r = await g.api('POST', `/api/v1/trainings/${t}/participants`, { name, agency: 'Dinas PU', email });
      assert.equal(r.status, 201, r.text);
      if (t === june) ids.push(r.json);
    }
  }
  assert.deepEqual(ids.map((p) => p.seat), ['seat', 'seat', 'waiting']);
  assert.equal((await g.api('POST', `/api/v1/trainings/${july}/participants`, { name: 'Dewi', agency: 'Dinas PU', email: 'dewi@contoh.go.id' })).status, 201);
  // Andi declines through his link: Citra gets the seat
  const mail = sqlite(join(g.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='andi@contoh.go.id' ORDER BY id LIMIT 1").stdout;
  const token = mail.match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
  let r = await request(g.url, 'POST', '/api/v1/portal/confirm', { body: { token, answer: 'declined' } });
  assert.equal(r.status, 200, r.text);
  r = await g.api('POST', `/api/v1/trainings/${cancelled}/cancel`, { reason: 'Ruang dipakai rapat' });
  assert.equal(r.status, 200, r.text);

  await g.serveAt('2026-06-08T08:30:00+07:00');
  const session = (await g.api('GET', `/api/v1/trainings/${june}`)).json.sessions[0].id;
  r = await g.api('POST', `/api/v1/trainings/${june}/sessions/${session}/attendance`, { participant: ids[1].id, present: true });
  assert.equal(r.status, 200, r.text);

  r = await g.api('GET', '/api/v1/reports/recaps/pelatihan?from=2026-06-01&to=2026-07-31');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.columns, ['Pelatihan', 'Selesai', 'Peserta', 'Hadir']);
  assert.deepEqual(r.json.rows.map((w) => [w.period, ...w.values]), [['2026-06', 1, 0, 2, 1], ['2026-07', 1, 0, 1, 0]]);
  assert.deepEqual(r.json.total, [2, 0, 3, 1]);
  const csv = await request(g.url, 'GET', '/laporan/rekap/pelatihan?from=2026-06-01&to=2026-07-31&format=csv', { token: g.token });
  assert.equal(csv.status, 200);
  assert.deepEqual(csv.text.trim().split(/\r?\n/), ['Bulan,Pelatihan,Selesai,Peserta,Hadir', '2026-06,1,0,2,1', '2026-07,1,0,1,0', 'Jumlah,2,0,3,1']);
  const en = await g.api('GET', '/api/v1/reports/recaps/pelatihan?from=2026-06-01&to=2026-06-30&lang=en');
  assert.deepEqual(en.json.columns, ['Trainings', 'Finished', 'Participants', 'Attended']);

  // reported in time (12.30, due 13.00): the training's case is the office's own plan, not a
  // request, so the priority table's targets (rendah: 5 working days to resolve, from 25 May)
  // do not judge it: the head's "cases resolved within target" counts no failure for it
  await g.serveAt('2026-06-08T12:30:00+07:00');
  r = await g.api('POST', `/api/v1/trainings/${june}/report`, { notes: 'Peserta aktif.' });
  assert.equal(r.status, 200, r.text);
  const number = (await g.api('GET', `/api/v1/trainings/${june}`)).json.number;
  const kase = (await g.api('GET', `/api/v1/cases/${number}`)).json;
  assert.equal(kase.status, 'closed');
  assert.deepEqual([kase.response_due_at, kase.resolution_due_at], [null, null]);
  const dash = (await g.api('GET', '/api/v1/reports/dashboard')).json.office;
  assert.deepEqual(dash.case_targets.resolution, { judged: 0, met: 0, share: null });
  const step4 = (await g.api('GET', `/api/v1/reports/compliance?sop=${TRAINING}&step=4`)).json.rows[0];
  assert.deepEqual([step4.timed, step4.met], [1, 1]);   // its report is timed by its own standard
});

// The preparation's last item ticked completes step 2 itself: the step's row (and the officer's
// "steps I did this month") counts it as one step done; its five items are timed, not steps.
test('a training prepared in full: step 2 is one step done, its five items timed each by its deadline', async () => {
  const h = frozenServer();
  try {
    await h.serveAt('2026-08-03T09:00:00+07:00');
    const t = await h.api('POST', '/api/v1/trainings', { title: 'Pelatihan SPSE bagi PPK', audience: ['ppk'], capacity: 10,
      venue: 'Ruang pelatihan LPSE', facilities: ['Ruang pelatihan', 'Akses internet'], trainers: ['Budi Santoso'],
      sessions: [{ title: 'Hari pertama', starts_at: '2026-08-24 08:00', ends_at: '2026-08-24 12:00' }] });
    assert.equal(t.status, 201, t.text);
    assert.equal((await h.api('POST', `/api/v1/trainings/${t.json.id}/approve`)).status, 200);   // step 1 done by admin
    await h.serveAt('2026-08-05T10:00:00+07:00');
    for (let i = 1; i <= 5; i++) assert.equal((await h.api('POST', `/api/v1/trainings/${t.json.id}/checklist/${i}`, { done: true })).status, 200);
    const kase = (await h.api('GET', `/api/v1/cases/${encodeURIComponent(t.json.number)}`)).json;
    assert.deepEqual([kase.steps[1].outcome, kase.steps[1].by, kase.current_step], ['done', 'admin', 3]);
    const rep = (await h.api('GET', `/api/v1/reports/compliance?sop=${TRAINING}`)).json;
    assert.deepEqual(rep.rows.map((w) => [w.step, w.done, w.items_done, w.timed, w.met, w.counts]), [[1, 1, undefined, 0, 0, 'steps'], [2, 1, 5, 5, 5, 'items']]);
    assert.deepEqual([rep.total.done, rep.total.timed], [2, 5]);
    const dash = (await h.api('GET', '/api/v1/reports/dashboard')).json;
    assert.deepEqual([dash.mine.done_this_month, dash.mine.timed_this_month, dash.mine.met_this_month], [2, 5, 5]);
    assert.deepEqual([dash.office.done_this_month, dash.office.this_month.timed], [2, 5]);
  } finally {
    await h.stop();
  }
});
