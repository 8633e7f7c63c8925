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
import { frozenServer, request } from './lib.mjs';

const TRAINING = 'SOP-LPSE.BTG-005';
const f = frozenServer();
after(() => f.stop());

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
  assert.deepEqual([before.rows[0].done, before.rows[0].timed, before.rows[0].met, before.rows[0].breaches], [3, 3, 2, 3]);

  // held at the end of its session: the two items undone are still breaches, each late from its
  // deadline to the training's start (18 May 08.00 WIB)
  await f.serveAt('2026-05-18T12:00:00+07:00');
  assert.equal((await f.api('GET', `/api/v1/trainings/${id}`)).json.status, 'held');
  await f.serveAt('2026-05-20T09:00:00+07:00');
  const rep = (await f.api('GET', `/api/v1/reports/compliance?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2`)).json;
  assert.equal(rep.rows.length, 1);
  assert.equal(rep.rows[0].breaches, 3);
  assert.equal(rep.breaches_total, 3);
  assert.deepEqual(rep.breaches.map((b) => [b.due_at, b.done_at, b.late_s]), [
    ['2026-05-12T09:00:00Z', null, 5 * 86400 + 16 * 3600],      // materials: 12 May 16.00 – 18 May 08.00
    ['2026-05-05T09:00:00Z', '2026-05-06T03:00:00Z', 18 * 3600], // the room, ticked late
    ['2026-05-05T09:00:00Z', null, 12 * 86400 + 16 * 3600],     // internet: 5 May 16.00 – 18 May 08.00
  ]);
  // the head's dashboard counts the month's breaches as the report does; nothing is overdue any more
  const dash = (await f.api('GET', '/api/v1/reports/dashboard')).json.office;
  assert.equal(dash.breaches_this_month, (await f.api('GET', '/api/v1/reports/compliance')).json.breaches_total);
  // the breaches' CSV lists the same three of step 2
  const csv = await request(f.url, 'GET', `/laporan/kepatuhan?from=2026-05-01&to=2026-05-31&sop=${TRAINING}&step=2&format=csv&tabel=pelanggaran`, { token: f.token });
  assert.equal(csv.status, 200);
  assert.deepEqual(csv.text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',').slice(5).join(',')), [
    '2026-05-12 16:00,,489600', '2026-05-05 16:00,2026-05-06 10:00,64800', '2026-05-05 16:00,,1094400']);
});
