// Issue 4, continued: the clocks when time passes. The server is restarted on the same data
// folder with a later frozen clock (LOKET_TEST_NOW): a step completed after its due time is
// not met, `GET /api/v1/cases?overdue=1` lists exactly the cases whose open step is past due,
// and a step that starts near a closing, a break, a weekend or a holiday is due when the
// office calendar says (docs/calendar.md; default hours Mon–Thu 07:30–12:00, 13:00–16:00,
// Fri 07:30–11:30, 13:00–16:30, WIB = UTC+7; holidays from data/holidays-2026.csv).
// Every due time is worked out by hand in the comment beside it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { frozenServer, webSession } from './lib.mjs';

const REQUESTER = { name: 'Budi Santoso', email: 'budi.santoso@example.go.id', phone: '081298765432' };
const TRAINING = {
  training_start: '2026-01-19T08:00:00+07:00',
  last_session_end: '2026-01-21T15:00:00+07:00',
  training_end: '2026-01-21T15:30:00+07:00',     // step 4 (1h after) due 16:30 WIB = 09:30Z
};

function instant(v, what) {
  if (v === null) return null;
  assert.equal(typeof v, 'string', `${what}: expected an ISO 8601 text, got ${JSON.stringify(v)}`);
  assert.match(v, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${what}: not ISO 8601 UTC: ${v}`);
  return new Date(v).toISOString();
}
function sameInstant(actual, expected, what) {
  assert.equal(instant(actual, what), expected === null ? null : new Date(expected).toISOString(), what);
}

// One server at a time on one data folder; each (re)start freezes the clock at `now`.
const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;

async function open(sop, subject, extra = {}) {
  const r = await api('POST', '/api/v1/cases', { sop, channel: 'letter', subject, requester: REQUESTER, ...extra });
  assert.equal(r.status, 201, `open ${sop}: ${r.text}`);
  return r.json;
}
async function complete(c, no, outcome = 'done') {
  const r = await api('POST', `/api/v1/cases/${encodeURIComponent(c.number)}/steps/${no}`, { outcome });
  assert.equal(r.status, 200, `${c.sop} ${c.number} step ${no} ${outcome}: ${r.text}`);
  return r.json;
}
async function walkTo(c, moves) {
  for (const m of moves) {
    const [no, outcome] = String(m).split(' ');
    c = await complete(c, Number(no), outcome || 'done');
  }
  return c;
}
async function get(c) {
  const r = await api('GET', `/api/v1/cases/${encodeURIComponent(c.number)}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}
async function overdue(qs = '') {
  const r = await api('GET', `/api/v1/cases?overdue=1${qs}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json?.cases), `the answer is {"cases":[…]}: ${r.text.slice(0, 200)}`);
  return r.json.cases.map((x) => x.number);
}
// The open step: the last entry of steps[], which must be current_step.
function openStep(c, no, started, due, what) {
  assert.equal(c.status, 'open', `${what}: status`);
  assert.equal(c.current_step, no, `${what}: current_step`);
  const st = c.steps.at(-1);
  assert.equal(st.no, no, `${what}: the last started step`);
  sameInstant(st.started_at, started, `${what}: started_at`);
  sameInstant(st.due_at, due, `${what}: due_at`);
  assert.equal(st.done_at, null, `${what}: done_at`);
  assert.equal(st.met, null, `${what}: met of the open step`);
  return st;
}
// The entry of steps[] at k, completed at `when` with `met`.
function doneStep(c, k, no, when, met, what) {
  const st = c.steps[k];
  assert.equal(st.no, no, `${what}: steps[${k}].no`);
  sameInstant(st.done_at, when, `${what}: done_at`);
  assert.equal(st.met, met, `${what}: met`);
}

test('late completion and the overdue list, across restarts with later clocks', async () => {
  // ---- Monday 5 Jan 2026 08:00 WIB (01:00Z) ----
  const T0 = '2026-01-05T01:00:00Z', T1 = '2026-01-05T01:20:00Z', T2 = '2026-01-21T10:00:00Z';
  await serveAt('2026-01-05T08:00:00+07:00');
  // A: open at OI-02 step 1, 10min office: 08:00 → 08:10 WIB = 01:10Z.
  let A = await open('SOP 02/LPSE.OI/2012', 'lambat A');
  openStep(A, 1, T0, '2026-01-05T01:10:00Z', 'A at T0');
  // B: BTG-017 step 2, 10s real: 08:00:00 → 08:00:10 WIB = 01:00:10Z.
  let B = await walkTo(await open('SOP-LPSE.BTG-017', 'lambat B', { channel: 'phone' }), [1]);
  openStep(B, 2, T0, '2026-01-05T01:00:10Z', 'B at T0');
  // C: OI-03 step 3, 25min office: 08:00 → 08:25 WIB = 01:25Z.
  let C = await walkTo(await open('SOP 03/LPSE/2012', 'lambat C'), [1, 2]);
  openStep(C, 3, T0, '2026-01-05T01:25:00Z', 'C at T0');
  // D: BTG-005 step 4, 1h after training_end (Wed 21 Jan 15:30 WIB): 16:30 WIB = 09:30Z.
  let D = await walkTo(await open('SOP-LPSE.BTG-005', 'lambat D', { events: TRAINING }), [1, 2, 3]);
  openStep(D, 4, T0, '2026-01-21T09:30:00Z', 'D at T0');
  // E: BTG-019 step 1, no standard: never due.
  const E = await open('SOP-LPSE.BTG-019', 'lambat E');
  openStep(E, 1, T0, null, 'E at T0');
  // F: OI-01 walked to the end: closed, never overdue.
  const F = await walkTo(await open('SOP 01/LPSE.OI/2012', 'lambat F', { channel: 'walk_in' }), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(F.status, 'closed');
  sameInstant(F.closed_at, T0, 'F closed_at');
  // G: OI-06 step 5, 30min office: 08:00 → 08:30 WIB = 01:30Z.
  const G = await walkTo(await open('SOP 06/LPSE/2012', 'lambat G'), [1, '2 no', 3, 4]);
  openStep(G, 5, T0, '2026-01-05T01:30:00Z', 'G at T0');
  // H: OI-04 returned to the requester (step 6, no standard, the clock paused).
  let H = await walkTo(await open('SOP 04/LPSE/2012', 'lambat H'), [1, 2, '3 no']);
  openStep(H, 6, T0, null, 'H at T0');
  // H's resolution target (no urgency or impact given: priority rendah, 5 working days of 7.5
  // office hours = 37.5 h from Mon 08:00 WIB: Mon 7 h (08:00–12:00, 13:00–16:00), Tue, Wed,
  // Thu 7.5 h each (29.5), Fri 7.5 h (07:30–11:30, 13:00–16:30: 37), Mon 12 07:30 + 0.5 h →
  // Mon 12 Jan 08:00 WIB = 01:00Z), before the clock is paused.
  assert.equal(H.priority, 'rendah', 'H: the priority without urgency or impact');
  sameInstant(H.resolution_due_at, '2026-01-12T01:00:00Z', 'H: resolution target at T0');
  assert.deepEqual(await overdue(), [], 'at 08:00 no open step is past due');

  // ---- restart: Monday 5 Jan 2026 08:20 WIB (01:20Z) ----
  await serveAt('2026-01-05T08:20:00+07:00');
  let list = await overdue();
  assert.ok(list.includes(A.number), 'A: OI-02 step 1 was due 08:10: overdue at 08:20');
  assert.ok(list.includes(B.number), 'B: BTG-017 step 2 was due 08:00:10: overdue at 08:20');
  for (const [k, c] of Object.entries({ C, D, E, F, G, H })) {
    assert.ok(!list.includes(c.number), `${k} (${c.sop}) is not overdue at 08:20`);
  }
  assert.equal(list.length, 2, `only A and B are overdue: ${JSON.stringify(list)}`);
  assert.deepEqual(await overdue(`&sop=${encodeURIComponent('SOP-LPSE.BTG-017')}`), [B.number], 'overdue and sop combine');

  // A step 1 completed at 08:20, due 08:10: not met. Step 2 starts at 08:20, 10min office → 08:30 WIB.
  A = await complete(A, 1);
  doneStep(A, 0, 1, T1, false, 'A step 1 late');
  openStep(A, 2, T1, '2026-01-05T01:30:00Z', 'A step 2');
  // B step 2 completed at 08:20, due 08:00:10: not met. Step 3 starts at 08:20, 2min office → 08:22 WIB.
  B = await complete(B, 2);
  doneStep(B, 1, 2, T1, false, 'B step 2 late');
  openStep(B, 3, T1, '2026-01-05T01:22:00Z', 'B step 3');
  // C step 3 completed at 08:20, due 08:25: met. Step 4 starts at 08:20, 15min office → 08:35 WIB.
  C = await complete(C, 3, 'yes');
  doneStep(C, 2, 3, T1, true, 'C step 3 in time');
  openStep(C, 4, T1, '2026-01-05T01:35:00Z', 'C step 4');
  // H step 6 (no standard) completed 20 min after it started: met stays null. The request is
  // checked again: step 2 visited a second time, starting at 08:20, 10min office → 08:30 WIB.
  H = await complete(H, 6);
  doneStep(H, 3, 6, T1, null, 'H step 6 (no standard)');
  // step 6 pauses the office's clock (`pause: yes`): it stood paused its 20 minutes, and the
  // resolution target moves by those 20 office minutes: Mon 12 Jan 08:20 WIB = 01:20Z.
  assert.equal(H.steps[3].paused_s, 1200, 'H step 6: paused 08:00 → 08:20');
  sameInstant(H.resolution_due_at, '2026-01-12T01:20:00Z', 'H: resolution target moved by the pause');
  for (const k of [0, 1, 2]) assert.equal(H.steps[k].paused_s, 0, `H steps[${k}]: not paused`);
  openStep(H, 2, T1, '2026-01-05T01:30:00Z', 'H step 2, second visit');
  assert.equal(H.steps.length, 5, 'H: 1, 2, 3, 6, 2');
  assert.deepEqual(await overdue(), [], 'at 08:20, after A and B moved on, no open step is past due');
  // What was recorded survives the restart and reads the same.
  assert.deepEqual((await get(A)).steps, A.steps);

  // ---- restart: Wednesday 21 Jan 2026 17:00 WIB (10:00Z), after D's 16:30 ----
  await serveAt('2026-01-21T17:00:00+07:00');
  list = await overdue();
  for (const [k, c] of Object.entries({ A, B, C, D, G, H })) {
    assert.ok(list.includes(c.number), `${k} (${c.sop}, step ${c.current_step}) is overdue on 21 Jan 17:00`);
  }
  assert.ok(!list.includes(E.number), 'E: a step with no standard is never overdue');
  assert.ok(!list.includes(F.number), 'F: a closed case is never overdue');
  // D step 4 completed at 17:00, due 16:30: not met; the case closes.
  D = await complete(D, 4);
  doneStep(D, 3, 4, T2, false, 'D step 4 late');
  assert.equal(D.status, 'closed');
  sameInstant(D.closed_at, T2, 'D closed_at');
  assert.ok(!(await overdue()).includes(D.number), 'a case closed late is no longer overdue');
  assert.equal(D.current_step, 0, 'no step is open in a closed case');
});

// A step that starts near a closing, a break, a weekend, a holiday: each on the same data
// folder, the server restarted with the clock frozen at that instant (in time order).
test('office time across a closing, the lunch break, the Friday break, weekends and holidays', async () => {
  await clock.use(null);   // a new data folder

  // Monday 5 Jan 11:50 WIB (04:50Z).
  await serveAt('2026-01-05T11:50:00+07:00');
  let c = await open('SOP 03/LPSE/2012', 'jam 11:50');
  // step 1, 10min office: 11:50 → 12:00 exactly at the closing of the morning span; ending
  // exactly at a closing gives the closing (docs/calendar.md): 12:00 WIB = 05:00Z.
  openStep(c, 1, '2026-01-05T04:50:00Z', '2026-01-05T05:00:00Z', 'OI-03 step 1 at Mon 11:50');
  c = await walkTo(c, [1, 2]);
  // step 3, 25min office: 10 min to 12:00, break 12:00–13:00, 15 min → 13:15 WIB = 06:15Z.
  openStep(c, 3, '2026-01-05T04:50:00Z', '2026-01-05T06:15:00Z', 'OI-03 step 3 at Mon 11:50');

  // Friday 9 Jan 11:20 WIB (04:20Z).
  await serveAt('2026-01-09T11:20:00+07:00');
  c = await walkTo(await open('SOP 02/LPSE.OI/2012', 'Jumat 11:20'), [1, '2 yes']);
  // step 3, 25min office: 10 min to 11:30 (Friday), break to 13:00, 15 min → 13:15 WIB = 06:15Z.
  openStep(c, 3, '2026-01-09T04:20:00Z', '2026-01-09T06:15:00Z', 'OI-02 step 3 at Fri 11:20');

  // Friday 9 Jan 16:25 WIB (09:25Z).
  await serveAt('2026-01-09T16:25:00+07:00');
  c = await open('SOP 06/LPSE/2012', 'Jumat 16:25');
  // step 1, 15min office: 5 min to 16:30 (Friday), Sat 10 and Sun 11 closed, Mon 12 07:30 + 10
  // → 07:40 WIB = 2026-01-12T00:40:00Z.
  openStep(c, 1, '2026-01-09T09:25:00Z', '2026-01-12T00:40:00Z', 'OI-06 step 1 at Fri 16:25');
  c = await walkTo(c, [1, '2 no', 3, 4]);
  // step 5, 30min office: 5 min to 16:30, Mon 12 07:30 + 25 → 07:55 WIB = 00:55Z.
  openStep(c, 5, '2026-01-09T09:25:00Z', '2026-01-12T00:55:00Z', 'OI-06 step 5 at Fri 16:25');

  // Saturday 10 Jan 10:00 WIB (03:00Z): the office is closed.
  await serveAt('2026-01-10T10:00:00+07:00');
  c = await open('SOP 02/LPSE.OI/2012', 'Sabtu 10:00', { channel: 'email' });
  // step 1, 10min office: starts counting at the next opening, Mon 12 07:30 → 07:40 WIB = 00:40Z.
  openStep(c, 1, '2026-01-10T03:00:00Z', '2026-01-12T00:40:00Z', 'OI-02 step 1 on Saturday');
  c = await walkTo(await open('SOP-LPSE.BTG-017', 'Sabtu telepon', { channel: 'phone' }), [1]);
  // step 2, 10s real: real time, office hours do not matter: Sat 10:00:10 WIB = 03:00:10Z.
  openStep(c, 2, '2026-01-10T03:00:00Z', '2026-01-10T03:00:10Z', 'BTG-017 step 2 on Saturday');

  // Thursday 15 Jan 15:55 WIB (08:55Z), the day before Isra Mikraj (Fri 16 Jan).
  await serveAt('2026-01-15T15:55:00+07:00');
  c = await open('SOP 03/LPSE/2012', 'sebelum Isra Mikraj');
  // step 1, 10min office: 5 min to 16:00; Fri 16 (holiday), Sat 17, Sun 18 closed; Mon 19
  // 07:30 + 5 → 07:35 WIB = 2026-01-19T00:35:00Z.
  openStep(c, 1, '2026-01-15T08:55:00Z', '2026-01-19T00:35:00Z', 'OI-03 step 1 at Thu 15 Jan 15:55');
  c = await walkTo(c, [1, 2]);
  // step 3, 25min office: 5 min to 16:00, Mon 19 07:30 + 20 → 07:50 WIB = 00:50Z.
  openStep(c, 3, '2026-01-15T08:55:00Z', '2026-01-19T00:50:00Z', 'OI-03 step 3 at Thu 15 Jan 15:55');

  // Tuesday 17 Mar 15:50 WIB (08:50Z), before Nyepi and Lebaran: 18 Mar cuti bersama, 19 Nyepi,
  // 20 cuti bersama, 21–22 Idul Fitri (a weekend too), 23–24 cuti bersama; open again Wed 25.
  await serveAt('2026-03-17T15:50:00+07:00');
  c = await open('SOP 02/LPSE.OI/2012', 'sebelum Lebaran');
  // step 1, 10min office: 15:50 → 16:00 exactly at closing: the closing, 09:00Z.
  openStep(c, 1, '2026-03-17T08:50:00Z', '2026-03-17T09:00:00Z', 'OI-02 step 1 at Tue 17 Mar 15:50');
  c = await walkTo(c, [1, '2 yes']);
  // step 3, 25min office: 10 min to 16:00, closed 18–24 Mar, Wed 25 07:30 + 15 → 07:45 WIB
  // = 2026-03-25T00:45:00Z.
  openStep(c, 3, '2026-03-17T08:50:00Z', '2026-03-25T00:45:00Z', 'OI-02 step 3 at Tue 17 Mar 15:50');
});

test('BTG-019 step 8 counts its 10 office minutes from the end of step 6 (Admin Agency\'s result), not from its own start', async () => {
  // Monday 5 Jan 2026 11:55 WIB (04:55Z): step 6 ends; 10min office from then: 5 min to the lunch
  // break at 12:00, 13:00 + 5 → 13:05 WIB = 06:05Z.
  await serveAt('2026-01-05T11:55:00+07:00');
  const ON = '2026-01-05T04:55:00Z', DUE8 = '2026-01-05T06:05:00Z';
  // the result forwarded at once: step 8 starts at 11:55, due 13:05, done then: met
  let quick = await walkTo(await open('SOP-LPSE.BTG-019', 'akses cepat'), [1, 2, '3 yes', 6, 7]);
  openStep(quick, 8, ON, DUE8, 'quick at step 8');
  quick = await complete(quick, 8);
  doneStep(quick, quick.steps.length - 2, 8, ON, true, 'quick step 8');
  // the helpdesk sits on step 7 (no standard) past the lunch break
  let slow = await walkTo(await open('SOP-LPSE.BTG-019', 'akses lambat'), [1, 2, '3 yes', 6]);
  openStep(slow, 7, ON, null, 'slow at step 7');
  // 13:30 WIB (06:30Z): step 7 done; step 8 opens already past its due time (13:05)
  await serveAt('2026-01-05T13:30:00+07:00');
  const LATE = '2026-01-05T06:30:00Z';
  slow = await complete(slow, 7);
  openStep(slow, 8, LATE, DUE8, 'slow at step 8');
  assert.ok((await overdue()).includes(slow.number), 'step 8 is overdue as soon as it opens');
  slow = await complete(slow, 8);
  doneStep(slow, slow.steps.length - 2, 8, LATE, false, 'slow step 8: not met, though it took no time itself');
  // the case page measures step 8 as its standard does: from step 6's end, 11:55 → 13:30 WIB,
  // 35 office minutes (5 before the lunch break, 30 after), not the no time of its own visit
  const web = await webSession(clock.url);
  const page = (await web.get(`/kasus/${encodeURIComponent(slow.number)}`)).text;
  const block8 = page.slice(page.indexOf('id="langkah-8"'), page.indexOf('id="langkah-9"'));
  assert.match(block8, /35 menit[^<;]*setelah langkah 6 selesai/, block8);
  // step 9 (10min office) counts from its own start: 13:30 → 13:40 WIB = 06:40Z
  openStep(slow, 9, LATE, '2026-01-05T06:40:00Z', 'slow at step 9');
});
