// Due times that move when the office's calendar changes (src/sop/dueshift.c): the office
// time still owed on each open clock is laid again on the new calendar, from the first
// instant the change touches; deadlines counted back from an event are counted again. Every
// expected time below is worked by hand on the default week (Mon–Thu 07:30–12:00, 13:00–16:00;
// Fri 07:30–11:30, 13:00–16:30; WIB, UTC+7). Monday 23 November 2026 is an ordinary Monday.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frozenServer, webSession, cli } from './lib.mjs';

// Serve the data folder with the clock frozen at `now`; serveFresh: a new data folder.
const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;
const serveFresh = async (now) => { await clock.use(null); return serveAt(now); };
const post = (path, body) => api('POST', path, body);
const del = (path) => api('DELETE', path);
const get = async (number) => {
  const r = await api('GET', `/api/v1/cases/${number}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const holiday = async (day, name = 'Libur daerah') => {
  const r = await post('/api/v1/calendar/holidays', { day, name, kind: 'local' });
  assert.equal(r.status, 201, r.text);
  return r.json.moved;
};
const unholiday = async (day) => {
  const r = await del(`/api/v1/calendar/holidays/${day}`);
  assert.equal(r.status, 200, r.text);
  return r.json.moved;
};
const clocks = (c) => [c.steps.at(-1).due_at, c.response_due_at, c.resolution_due_at];
// SOP 06: step 1 takes 15 office minutes; rendah (the default): 1 working day to answer, 5 to resolve
const RHS = { sop: 'SOP 06/LPSE/2012', channel: 'email', subject: 'Dokumen penawaran .rhs tidak bisa dibuka',
              requester: { name: 'Pokja Pemilihan 3' } };

test('a holiday added or removed moves the open clocks it falls within, and only those', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  let r = await post('/api/v1/cases', RHS);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  // step 1 Mon 08:15; answer Tue 08:00 (7 h Monday + 30 min); resolve Mon 30 Nov 08:00 (37.5 h)
  const start = ['2026-11-23T01:15:00Z', '2026-11-24T01:00:00Z', '2026-11-30T01:00:00Z'];
  assert.deepEqual(clocks(r.json), start);

  // a local day off on Wednesday: only the resolution spans it, and moves a working day
  assert.deepEqual(await holiday('2026-11-25'), { steps: 0, cases: 1, training_items: 0 });
  assert.deepEqual(clocks(await get(n)), [start[0], start[1], '2026-12-01T01:00:00Z']);

  // the office closes today, at 08:00 (a same-day decision): every clock counts from Tuesday
  assert.deepEqual(await holiday('2026-11-23', 'Kantor tutup (banjir)'), { steps: 1, cases: 1, training_items: 0 });
  // step 1: 15 min from Tue 07:30; answer: 7.5 h, all of Tuesday; resolve: Tue, Thu, Fri, Mon 30, Tue 1 Dec
  assert.deepEqual(clocks(await get(n)), ['2026-11-24T00:45:00Z', '2026-11-24T09:00:00Z', '2026-12-01T09:00:00Z']);

  // renaming a day off that is already one moves nothing
  assert.deepEqual(await holiday('2026-11-23', 'Kantor tutup'), { steps: 0, cases: 0, training_items: 0 });

  // removing both gives back the times the case opened with
  assert.deepEqual(await unholiday('2026-11-23'), { steps: 1, cases: 1, training_items: 0 });
  assert.deepEqual(await unholiday('2026-11-25'), { steps: 0, cases: 1, training_items: 0 });
  assert.deepEqual(clocks(await get(n)), start);

  // the change is audited with what it moved, and the chain holds
  r = await api('GET', '/api/v1/audit?limit=4');
  const rows = r.json.rows.filter((x) => x.action.startsWith('calendar.holiday'));
  assert.match(rows[0].detail, /moved: steps=0 cases=1/);
  await clock.stop({ keep: true });
  const v = cli(['audit', 'verify', '--data', clock.dir]);
  assert.equal(v.status, 0, v.stderr);
});

test('an overdue step is no longer overdue when its day turns out to be a day off', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  const r = await post('/api/v1/cases', RHS);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  await serveAt('2026-11-23T09:00:00+07:00');   // step 1 was due at 08:15
  let list = await api('GET', '/api/v1/cases?overdue=1');
  assert.deepEqual(list.json.cases.map((x) => x.number), [n]);
  assert.deepEqual((await holiday('2026-11-23', 'Cuti bersama tambahan')).steps, 1);
  assert.equal((await get(n)).steps[0].due_at, '2026-11-24T00:45:00Z');
  list = await api('GET', '/api/v1/cases?overdue=1');
  assert.deepEqual(list.json.cases, []);
  // done on Tuesday at 07:40: within the moved standard
  await serveAt('2026-11-24T07:40:00+07:00');
  const done = await post(`/api/v1/cases/${n}/steps/1`, {});
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.steps[0].met, true);
});

test('new weekly hours count from now on; a clock already past its due time stays', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  const first = (await post('/api/v1/cases', RHS)).json.number;
  await serveAt('2026-11-23T10:00:00+07:00');
  const second = (await post('/api/v1/cases', RHS)).json.number;
  assert.equal((await get(second)).steps[0].due_at, '2026-11-23T03:15:00Z');
  // Monday becomes 10:30–12:00 only, from now (10:00): the second case's 15 minutes start at 10:30
  const r = await api('PUT', '/api/v1/calendar/hours/1', { hours: '10:30-12:00' });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.moved.steps >= 1, r.text);
  assert.equal((await get(second)).steps[0].due_at, '2026-11-23T03:45:00Z');
  assert.equal((await get(first)).steps[0].due_at, '2026-11-23T01:15:00Z');   // was due at 08:15: stays
});

test('a held case: its resolution target moves with the owed time counted from the hold', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  // SOP 05: steps 1, 2 done, the check (3) says incomplete: back to the requester (step 6, held)
  let r = await post('/api/v1/cases', { sop: 'SOP 05/LPSE/2012', channel: 'letter', subject: 'Lupa kata sandi PPK',
                                        requester: { name: 'Rina Marlina' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'no']]) {
    r = await post(`/api/v1/cases/${n}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, r.text);
  }
  const held = r.json.steps.at(-1);
  assert.ok(held.held_since, JSON.stringify(held));
  assert.equal(r.json.resolution_due_at, '2026-11-30T01:00:00Z');
  assert.deepEqual((await holiday('2026-11-26')).cases, 1);
  assert.equal((await get(n)).resolution_due_at, '2026-12-01T01:00:00Z');
});

test('a training\'s deadlines counted back from its start are counted again', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  // starts Thursday 10 December 08:00: the attendance and facilities 7 working days before
  // (close of Tue 1 Dec), the materials 2 (close of Tue 8 Dec)
  let r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-005', channel: 'letter', subject: 'Pelatihan SPSE bagi PPK',
                                        requester: { name: 'Bagian Pengadaan' },
                                        events: { training_start: '2026-12-10T08:00:00+07:00', training_end: '2026-12-10T16:00:00+07:00' } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  r = await post(`/api/v1/cases/${n}/steps/1`, {});
  assert.equal(r.status, 200, r.text);
  const before = r.json.steps.at(-1).tasks.map((t) => t.due_at);
  assert.deepEqual(before.slice(0, 3), ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '2026-12-08T09:00:00Z']);
  // a day off on Monday 7 December: every deadline before the training is a working day earlier
  // (the materials' two days, Wednesday and Tuesday, do not span it)
  assert.equal((await holiday('2026-12-07')).steps, 1);   // the step has no due time of its own: its tasks moved
  const after = (await get(n)).steps.at(-1).tasks.map((t) => t.due_at);
  assert.deepEqual(after.slice(0, 3), ['2026-11-30T09:00:00Z', '2026-11-30T09:00:00Z', '2026-12-08T09:00:00Z']);
});

test('an import and the CLI say what moved; the page shows it', async () => {
  await serveFresh('2026-11-23T08:00:00+07:00');
  const n = (await post('/api/v1/cases', RHS)).json.number;
  // the browser: adding the day off says what moved
  const w = await webSession(clock.url);
  let r = await w.post('/kalender/libur', { csrf: w.csrf, day: '2026-11-26', name: 'Hari jadi kabupaten', kind: 'local' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /moved_cases=1/);
  r = await w.get(r.headers.get('location'));
  assert.match(r.text, /Tenggat yang masih berjalan kini mengikuti kalender baru: 0 langkah, 1 target kasus, 0 butir persiapan pelatihan/);
  assert.equal((await get(n)).resolution_due_at, '2026-12-01T01:00:00Z');
  await clock.stop({ keep: true });
  // the CLI: a file calling off Thursday's day off (and naming a Saturday, closed anyway)
  const ics = join(clock.dir, 'ganti.ics');
  writeFileSync(ics, ['BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261126', 'SUMMARY:Hari jadi kabupaten', 'STATUS:CANCELLED', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261128', 'SUMMARY:Kerja bakti', 'END:VEVENT',
    'END:VCALENDAR', ''].join('\r\n'));
  const c = cli(['calendar', 'import', ics, '--data', clock.dir], { env: { LOKET_TEST_NOW: '2026-11-23T08:30:00+07:00' } });
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /Due times moved to the new calendar: 0 open steps, 1 open case, 0 training preparation items/);
  await serveAt('2026-11-23T08:30:00+07:00');
  assert.equal((await get(n)).resolution_due_at, '2026-11-30T01:00:00Z');   // back to five working days from Monday
});
