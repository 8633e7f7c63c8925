// Issue 4: every one of the ten procedures walked end to end through HTTP along every
// branch, checking the recorded clocks.
//
// The server runs on a frozen clock (LOKET_TEST_NOW) at Monday 5 January 2026, 08:00 WIB
// (2026-01-05T01:00:00Z), a working day of the default calendar (docs/calendar.md:
// Mon–Thu 07:30–12:00, 13:00–16:00; Fri 07:30–11:30, 13:00–16:30; 1 January is past).
// Every step therefore starts and is completed at that instant, so each step's due time is
// a fixed instant worked out by hand below from its standard in sop/*.sop:
//   `none`            → due_at null, met null;
//   `Ns real`         → started_at + N s (real time);
//   `Nmin office`     → N minutes of office time after 08:00 WIB: 08:00 + N (no break is
//                       reached by 08:30, the longest standard here);
//   `N workdays before training_start` / `Nmin|h after EVENT` → see SOP-LPSE.BTG-005.
// A step completed at 08:00 is completed before any of those due times: met true.
//
// Each procedure's encoding is transcribed below (PROCS: actors, standard, branches), a test
// checks the transcription against the binary's own reading (`loket sop show CODE --json`),
// and another checks that the paths together take every branch of the encoding (every yes,
// every no, every `next`, so every loop and every end). The paths are written out one per
// subtest: "CODE: 1 → 2 → 3 no → 4 → … → end", a step followed by its outcome when it is a
// decision ("yes"/"no"), otherwise completed with "done".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, cli } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';      // Monday 5 Jan 2026 08:00 WIB
const T0 = '2026-01-05T01:00:00Z';            // the same instant in UTC
const at = (hhmmss) => `2026-01-05T${hhmmss}Z`; // an instant of 5 Jan 2026, UTC

// BTG-005's events: a training Monday 19 – Wednesday 21 January 2026.
const TRAINING = {
  training_start: '2026-01-19T08:00:00+07:00',   // Mon 19 Jan 08:00 WIB = 01:00Z
  last_session_end: '2026-01-21T15:00:00+07:00', // Wed 21 Jan 15:00 WIB = 08:00Z
  training_end: '2026-01-21T15:30:00+07:00',     // Wed 21 Jan 15:30 WIB = 08:30Z
};

// s(no, actors, standard, branches, due, tasks?): one step of an encoding.
//  standard: 'none' | 'real N' | 'office N' (seconds) | 'after N EVENT' | 'workdays N EVENT'
//  branches: {done: n|'end'} for a plain step, {yes, no} for a decision
//  due: the due time (UTC) of this step when it starts at T0, worked out by hand; null for none
const s = (no, actors, std, branches, due, extra = {}) => ({ no, actors, std, branches, due, ...extra });

// The OI 03/04/05 shape (one shape, three procedures; sop/oi-0[345]-*.sop).
const userIdShape = () => ({
  1: s(1, ['staf'], 'office 600', { done: 2 }, at('01:10:00')),         // 10min office: 08:00 → 08:10 WIB
  2: s(2, ['sekretaris'], 'office 600', { done: 3 }, at('01:10:00')),   // 10min office: 08:00 → 08:10 WIB
  3: s(3, ['pengarah'], 'office 1500', { yes: 4, no: 6 }, at('01:25:00')), // 25min office: 08:00 → 08:25 WIB
  4: s(4, ['admin_agency'], 'office 900', { done: 5 }, at('01:15:00')), // 15min office: 08:00 → 08:15 WIB
  5: s(5, ['admin_agency'], 'office 300', { done: 'end' }, at('01:05:00')), // 5min office: 08:00 → 08:05 WIB
  6: s(6, ['requester'], 'none', { done: 2 }, null, { pause: true }),   // none → null (pauses the clock)
});

const PROCS = {
  'SOP-LPSE.BTG-005': {
    channel: 'letter', events: TRAINING,
    steps: {
      1: s(1, ['ketua'], 'none', { done: 2 }, null),
      // Step 2 has no standard of its own; its four tasks are deadlines before training_start
      // (Mon 19 Jan). Working days before 19 Jan, counting back (the event's day never counts):
      // Thu 15 (1st; Fri 16 is Isra Mikraj, data/holidays-2026.csv), Wed 14 (2nd), Tue 13 (3rd),
      // Mon 12 (4th), Fri 9 (5th), Thu 8 (6th), Wed 7 (7th). The deadline is the close of that day.
      2: s(2, ['helpdesk'], 'none', { done: 3 }, null, {
        tasks: [
          { std: 'workdays 7 training_start', due: '2026-01-07T09:00:00Z' }, // Wed 7 Jan 16:00 WIB
          { std: 'workdays 7 training_start', due: '2026-01-07T09:00:00Z' }, // Wed 7 Jan 16:00 WIB
          { std: 'workdays 2 training_start', due: '2026-01-14T09:00:00Z' }, // Wed 14 Jan 16:00 WIB (not Fri 16: holiday)
          { std: 'workdays 5 training_start', due: '2026-01-09T09:30:00Z' }, // Fri 9 Jan 16:30 WIB (Friday closes 16:30)
        ],
      }),
      // Step 3: no standard; its questionnaire task is due 15 min (real) after the last
      // session ends: Wed 21 Jan 15:00 + 15 min = 15:15 WIB = 08:15Z.
      3: s(3, ['trainer'], 'none', { done: 4 }, null, {
        tasks: [{ std: 'none', due: null }, { std: 'none', due: null },
          { std: 'after 900 last_session_end', due: '2026-01-21T08:15:00Z' }],
      }),
      // Step 4: 1h (real) after training_end: Wed 21 Jan 15:30 + 1 h = 16:30 WIB = 09:30Z —
      // after the office closes (16:00): real time, office hours do not matter.
      4: s(4, ['trainer'], 'after 3600 training_end', { done: 'end' }, '2026-01-21T09:30:00Z'),
    },
    paths: ['1 → 2 → 3 → 4 → end'],
  },
  'SOP-LPSE.BTG-006': {
    channel: 'walk_in',
    steps: {
      1: s(1, ['requester'], 'none', { done: 2 }, null),
      2: s(2, ['requester'], 'none', { done: 3 }, null),
      3: s(3, ['helpdesk'], 'office 300', { yes: 5, no: 4 }, at('01:05:00')),           // 5min office → 08:05 WIB
      4: s(4, ['helpdesk'], 'none', { yes: 5, no: 'end' }, null),
      5: s(5, ['helpdesk'], 'office 300', { done: 6 }, at('01:05:00')),                 // 5min office → 08:05 WIB
      6: s(6, ['trainer'], 'office 300', { yes: 11, no: 7 }, at('01:05:00')),           // 5min office → 08:05 WIB
      7: s(7, ['trainer'], 'office 900', { done: 8 }, at('01:15:00')),                  // 15min office → 08:15 WIB
      8: s(8, ['requester', 'trainer'], 'office 900', { yes: 11, no: 9 }, at('01:15:00')), // 15min office → 08:15 WIB
      9: s(9, ['helpdesk'], 'office 900', { yes: 'back', no: 10 }, at('01:15:00')),     // 15min office → 08:15 WIB; solved: back to the step that failed
      10: s(10, ['helpdesk'], 'office 300', { done: 13 }, at('01:05:00')),              // 5min office → 08:05 WIB
      11: s(11, ['trainer'], 'office 900', { done: 12 }, at('01:15:00')),               // 15min office → 08:15 WIB
      12: s(12, ['requester', 'helpdesk'], 'office 900', { yes: 13, no: 9 }, at('01:15:00')), // 15min office → 08:15 WIB
      13: s(13, ['requester'], 'office 300', { done: 'end' }, at('01:05:00')),          // 5min office → 08:05 WIB
    },
    paths: [
      '1 → 2 → 3 no → 4 no → end',                                                  // not trained, leaves
      '1 → 2 → 3 yes → 5 → 6 yes → 11 → 12 yes → 13 → end',                         // the straight way
      '1 → 2 → 3 no → 4 yes → 5 → 6 no → 7 → 8 yes → 11 → 12 yes → 13 → end',      // stays; fills data first
      '1 → 2 → 3 yes → 5 → 6 no → 7 → 8 no → 9 yes → 8 yes → 11 → 12 yes → 13 → end', // solved: back to 8, which failed
      '1 → 2 → 3 yes → 5 → 6 yes → 11 → 12 no → 9 yes → 12 yes → 13 → end',            // solved: back to 12, which failed
      '1 → 2 → 3 yes → 5 → 6 no → 7 → 8 no → 9 no → 10 → 13 → end',                 // escalated after 8 fails
      '1 → 2 → 3 yes → 5 → 6 yes → 11 → 12 no → 9 no → 10 → 13 → end',             // escalated after 12 fails
      // the loop taken twice: back to 8 both times (back goes to the step the case came from)
      '1 → 2 → 3 yes → 5 → 6 no → 7 → 8 no → 9 yes → 8 no → 9 yes → 8 yes → 11 → 12 yes → 13 → end',
      // back to 8, then later back to 12 (not to 8, the first step that led to 9), then escalated
      '1 → 2 → 3 yes → 5 → 6 no → 7 → 8 no → 9 yes → 8 yes → 11 → 12 no → 9 yes → 12 no → 9 no → 10 → 13 → end',
    ],
  },
  'SOP-LPSE.BTG-017': {
    channel: 'phone',
    steps: {
      1: s(1, ['requester'], 'none', { done: 2 }, null),
      2: s(2, ['helpdesk'], 'real 10', { done: 3 }, at('01:00:10')),       // 10s real: 08:00:00 → 08:00:10 WIB
      3: s(3, ['helpdesk'], 'office 120', { done: 4 }, at('01:02:00')),    // 2min office: 08:00 → 08:02 WIB
      4: s(4, ['requester'], 'none', { done: 5 }, null),
      5: s(5, ['helpdesk'], 'none', { yes: 6, no: 8 }, null),
      6: s(6, ['helpdesk'], 'none', { done: 7 }, null),
      7: s(7, ['helpdesk'], 'office 600', { done: 'end' }, at('01:10:00')), // 10min office: 08:00 → 08:10 WIB
      8: s(8, ['helpdesk'], 'office 600', { done: 'end' }, at('01:10:00')), // 10min office: 08:00 → 08:10 WIB
    },
    paths: ['1 → 2 → 3 → 4 → 5 yes → 6 → 7 → end', '1 → 2 → 3 → 4 → 5 no → 8 → end'],
  },
  'SOP-LPSE.BTG-019': {
    channel: 'letter',
    steps: {
      1: s(1, ['requester'], 'none', { done: 2 }, null),
      2: s(2, ['helpdesk'], 'none', { done: 3 }, null),
      3: s(3, ['helpdesk'], 'office 600', { yes: 6, no: 4 }, at('01:10:00')), // 10min office → 08:10 WIB
      4: s(4, ['requester'], 'none', { done: 2 }, null, { pause: true }),
      // Step 5 is the year-end batch (outside: yes): no request reaches it; no path can.
      5: s(5, ['admin_agency'], 'none', { done: 'end' }, null, { outside: true }),
      6: s(6, ['admin_agency'], 'office 600', { done: 7 }, at('01:10:00')),   // 10min office → 08:10 WIB
      7: s(7, ['helpdesk'], 'none', { done: 8 }, null),
      // 10min office after step 6 ends: step 6 ends at T0 on every path here → 08:10 WIB
      8: s(8, ['requester'], 'after_step 600 6 office', { done: 9 }, at('01:10:00')),
      9: s(9, ['helpdesk'], 'office 600', { done: 'end' }, at('01:10:00')),   // 10min office → 08:10 WIB
    },
    paths: ['1 → 2 → 3 yes → 6 → 7 → 8 → 9 → end', '1 → 2 → 3 no → 4 → 2 → 3 yes → 6 → 7 → 8 → 9 → end',
      '1 → 2 → 3 no → 4 → 2 → 3 no → 4 → 2 → 3 yes → 6 → 7 → 8 → 9 → end'],   // returned twice
  },
  'SOP 01/LPSE.OI/2012': {
    channel: 'walk_in',
    steps: {
      1: s(1, ['requester'], 'office 120', { done: 2 }, at('01:02:00')),            // 2min office → 08:02 WIB
      2: s(2, ['piket', 'sekretaris'], 'office 120', { done: 3 }, at('01:02:00')),  // 2min office → 08:02 WIB
      3: s(3, ['verifikator'], 'office 300', { done: 4 }, at('01:05:00')),          // 5min office → 08:05 WIB
      4: s(4, ['verifikator'], 'office 300', { done: 5 }, at('01:05:00')),          // 5min office → 08:05 WIB
      5: s(5, ['verifikator'], 'office 600', { done: 6 }, at('01:10:00')),          // 10min office → 08:10 WIB
      6: s(6, ['verifikator'], 'office 120', { done: 7 }, at('01:02:00')),          // 2min office → 08:02 WIB
      7: s(7, ['verifikator'], 'office 180', { done: 'end' }, at('01:03:00')),      // 3min office → 08:03 WIB
    },
    paths: ['1 → 2 → 3 → 4 → 5 → 6 → 7 → end'],
  },
  'SOP 02/LPSE.OI/2012': {
    channel: 'email',
    steps: {
      1: s(1, ['requester'], 'office 600', { done: 2 }, at('01:10:00')),     // 10min office → 08:10 WIB
      2: s(2, ['helpdesk'], 'office 600', { yes: 3, no: 4 }, at('01:10:00')), // 10min office → 08:10 WIB
      3: s(3, ['helpdesk'], 'office 1500', { done: 'end' }, at('01:25:00')), // 25min office → 08:25 WIB
      4: s(4, ['helpdesk'], 'office 300', { done: 5 }, at('01:05:00')),      // 5min office → 08:05 WIB
      5: s(5, ['helpdesk'], 'office 300', { done: 'end' }, at('01:05:00')),  // 5min office → 08:05 WIB
    },
    paths: ['1 → 2 yes → 3 → end', '1 → 2 no → 4 → 5 → end'],
  },
  'SOP 03/LPSE/2012': {
    channel: 'letter', steps: userIdShape(),
    paths: ['1 → 2 → 3 yes → 4 → 5 → end', '1 → 2 → 3 no → 6 → 2 → 3 yes → 4 → 5 → end',
      '1 → 2 → 3 no → 6 → 2 → 3 no → 6 → 2 → 3 yes → 4 → 5 → end'],   // returned twice
  },
  'SOP 04/LPSE/2012': {
    channel: 'letter', steps: userIdShape(),
    paths: ['1 → 2 → 3 yes → 4 → 5 → end', '1 → 2 → 3 no → 6 → 2 → 3 yes → 4 → 5 → end',
      '1 → 2 → 3 no → 6 → 2 → 3 no → 6 → 2 → 3 yes → 4 → 5 → end'],   // returned twice
  },
  'SOP 05/LPSE/2012': {
    channel: 'letter', steps: userIdShape(),
    paths: ['1 → 2 → 3 yes → 4 → 5 → end', '1 → 2 → 3 no → 6 → 2 → 3 no → 6 → 2 → 3 yes → 4 → 5 → end'],
  },
  'SOP 06/LPSE/2012': {
    channel: 'letter',
    steps: {
      1: s(1, ['pokja'], 'office 900', { done: 2 }, at('01:15:00')),            // 15min office → 08:15 WIB
      2: s(2, ['staf', 'helpdesk'], 'office 600', { yes: 7, no: 3 }, at('01:10:00')), // 10min office → 08:10 WIB
      3: s(3, ['sekretaris'], 'office 600', { done: 4 }, at('01:10:00')),       // 10min office → 08:10 WIB
      4: s(4, ['lkpp'], 'office 1500', { done: 5 }, at('01:25:00')),            // 25min office → 08:25 WIB
      5: s(5, ['lkpp'], 'office 1800', { yes: 5, no: 6 }, at('01:30:00')),      // 30min office → 08:30 WIB
      6: s(6, ['lkpp'], 'office 900', { done: 7 }, at('01:15:00')),             // 15min office → 08:15 WIB
      7: s(7, ['pokja'], 'none', { done: 'end' }, null),
    },
    paths: ['1 → 2 no → 3 → 4 → 5 no → 6 → 7 → end', '1 → 2 no → 3 → 4 → 5 yes → 5 yes → 5 no → 6 → 7 → end', '1 → 2 yes → 7 → end'],
  },
};

const REQUESTER = {
  name: 'Siti Rahayu', nip: '198503122010012001', nik: '3325015203850001',
  email: 'siti.rahayu@example.go.id', phone: '081234567890',
  org_name: 'CV Maju Bersama', npwp: '01.234.567.8-901.000',
};

// "3 no" → {no: 3, outcome: 'no'}; "4" → {no: 4, outcome: 'done'}; "end" → 'end'.
function parsePath(path) {
  const toks = path.split(' → ');
  assert.equal(toks.at(-1), 'end', `${path}: a path ends with "end"`);
  return toks.slice(0, -1).map((t) => {
    const m = t.match(/^(\d+)(?: (yes|no))?$/);
    assert.ok(m, `${path}: bad token "${t}"`);
    return { no: Number(m[1]), outcome: m[2] || 'done' };
  });
}

// The instant of an ISO 8601 UTC text, checked to be UTC; null stays null.
function instant(v, what) {
  if (v === null) return null;
  assert.equal(typeof v, 'string', `${what}: expected an ISO 8601 text, got ${JSON.stringify(v)}`);
  assert.match(v, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${what}: not ISO 8601 UTC: ${v}`);
  return new Date(v).toISOString();
}
function sameInstant(actual, expected, what) {
  const e = expected === null ? null : new Date(expected).toISOString();
  assert.equal(instant(actual, what), e, what);
}
const rolesOf = (a) => (Array.isArray(a) ? a : String(a).split(/[\s,]+/).filter(Boolean)).slice().sort();

let srv, token, SHOW = {};
const api = (method, path, body) => request(srv.url, method, path, { token, body });
const step = (code, no) => PROCS[code].steps[no];

before(async () => {
  srv = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  token = await login(srv.url);
  for (const code of Object.keys(PROCS)) {
    for (const lang of ['id', 'en']) {
      const r = cli(['sop', 'show', code, '--json', ...(lang === 'en' ? ['--lang', 'en'] : [])]);
      assert.equal(r.status, 0, r.stderr);
      (SHOW[code] ||= {})[lang] = JSON.parse(r.stdout);
    }
  }
});
after(async () => { if (srv) await srv.stop(); });

// The transcription above is the encoding: actors, standards, branches, pause, outside.
test('the step tables of this test are the encodings of sop/*.sop', () => {
  const listed = JSON.parse(cli(['sop', 'list', '--json']).stdout).sops.map((p) => p.code).sort();
  assert.deepEqual(Object.keys(PROCS).sort(), listed, 'all ten procedures, and only they');
  for (const [code, proc] of Object.entries(PROCS)) {
    const enc = SHOW[code].id;
    assert.equal(enc.steps.length, Object.keys(proc.steps).length, `${code}: number of steps`);
    for (const es of enc.steps) {
      const ts = proc.steps[es.no], at_ = `${code} step ${es.no}`;
      assert.deepEqual(ts.actors.slice().sort(), es.actor.slice().sort(), `${at_}: actors`);
      const stdText = (st) => ({ none: 'none', real: `real ${st.seconds}`, office: `office ${st.seconds}`,
        after_event: `after ${st.seconds} ${st.event}`, workdays_before: `workdays ${st.days} ${st.event}`,
        after_step: `after_step ${st.seconds} ${st.after_step} ${st.office ? 'office' : 'real'}` })[st.kind];
      assert.equal(ts.std, stdText(es.standard), `${at_}: standard`);
      assert.deepEqual(ts.branches, es.branches, `${at_}: branches`);
      assert.equal(!!ts.pause, es.pause, `${at_}: pause`);
      assert.equal(!!ts.outside, es.outside, `${at_}: outside`);
      assert.deepEqual((ts.tasks || []).map((t) => t.std), es.tasks.map((t) => stdText(t.standard)), `${at_}: tasks`);
    }
  }
});

// The API gives what the binary reads (GET /api/v1/sops, the documented surface): each step's
// no, title, actor, standard and branches as `loket sop show CODE --json`, so the
// transcription above is also what an outside client sees.
test('GET /api/v1/sops gives each step\'s actor, standard and branches as the encoding', async () => {
  const r = await api('GET', '/api/v1/sops');
  assert.equal(r.status, 200, r.text);
  const byCode = Object.fromEntries(r.json.sops.map((p) => [p.code, p]));
  for (const code of Object.keys(PROCS)) {
    const got = byCode[code], want = SHOW[code].id;
    assert.ok(got, `${code}: listed`);
    assert.equal(got.revision, '00', `${code}: revision`);
    assert.equal(got.steps.length, want.steps.length, `${code}: steps`);
    got.steps.forEach((st, i) => {
      const w = want.steps[i], at_ = `${code} step ${w.no}`;
      assert.equal(st.no, w.no, `${at_}: no`);
      assert.equal(st.title, w.title, `${at_}: title`);
      assert.deepEqual(st.actor, w.actor, `${at_}: actor`);
      assert.deepEqual(st.standard, w.standard, `${at_}: standard`);
      assert.deepEqual(st.branches, w.branches, `${at_}: branches`);
      assert.equal(st.pause, w.pause, `${at_}: pause`);
      assert.deepEqual(st.tasks, w.tasks, `${at_}: tasks`);
    });
  }
});

// The paths take every branch: every (step, outcome) edge of every step a case can reach.
test('the paths of each procedure take every branch of its encoding', () => {
  for (const [code, proc] of Object.entries(PROCS)) {
    const all = new Set(), taken = new Set();
    for (const st of Object.values(proc.steps)) {
      if (st.outside) continue;
      for (const [out, to] of Object.entries(st.branches)) all.add(`${st.no} ${out} → ${to}`);
    }
    for (const p of proc.paths) {
      const walk = parsePath(p);
      assert.equal(walk[0].no, 1, `${code}: ${p} starts at step 1`);
      walk.forEach((w, i) => {
        const next = proc.steps[w.no].branches[w.outcome];
        assert.notEqual(next, undefined, `${code}: ${p}: step ${w.no} has no outcome ${w.outcome}`);
        const to = next === 'back' ? walk[i - 1].no : next;   // back: to the step the case came from
        assert.equal(to, i + 1 < walk.length ? walk[i + 1].no : 'end', `${code}: ${p}: step ${w.no} ${w.outcome} leads to ${to}`);
        taken.add(`${w.no} ${w.outcome} → ${next}`);
      });
    }
    assert.deepEqual([...all].filter((e) => !taken.has(e)), [], `${code}: branches no path takes`);
  }
});

// One started step of the case as this test expects it at T0.
function checkStarted(c, k, code, no, what) {
  const got = c.steps[k], want = step(code, no);
  assert.ok(got, `${what}: steps[${k}] (step ${no}) missing; steps: ${JSON.stringify(c.steps)}`);
  assert.equal(got.no, no, `${what}: steps[${k}].no`);
  assert.equal(typeof got.title, 'string', `${what}: title`);
  assert.ok(got.title.length > 0, `${what}: title`);
  assert.deepEqual(rolesOf(got.actor), want.actors.slice().sort(), `${what}: actor`);
  const texts = [SHOW[code].id.steps[no - 1].standard.text, SHOW[code].en.steps[no - 1].standard.text];
  assert.ok(texts.includes(got.standard), `${what}: standard ${JSON.stringify(got.standard)}, expected one of ${JSON.stringify(texts)}`);
  sameInstant(got.started_at, T0, `${what}: started_at`);
  sameInstant(got.due_at, want.due, `${what}: due_at`);
}
function checkOpen(c, k, code, no, what) {
  checkStarted(c, k, code, no, what);
  const got = c.steps[k];
  assert.equal(got.done_at, null, `${what}: done_at of the open step`);
  assert.equal(got.met, null, `${what}: met of the open step`);
  assert.equal(got.outcome, null, `${what}: outcome of the open step`);
}

// Walk one path; returns the closed case.
async function walk(code, path, tag, created = () => {}) {
  const proc = PROCS[code], toks = parsePath(path);
  const subject = `${code}: ${path} ${tag}`;
  const body = { sop: code, channel: proc.channel, subject, urgency: 'mendesak', impact: 'sedang', requester: REQUESTER };
  if (proc.events) body.events = proc.events;
  const r = await api('POST', '/api/v1/cases', body);
  assert.equal(r.status, 201, `open: ${r.text}`);
  let c = r.json;
  assert.equal(typeof c.number, 'string', 'number');
  assert.match(c.number, /2026/, 'the number carries the year of the (frozen) clock');
  assert.equal(c.sop, code);
  assert.equal(c.revision, '00');
  assert.equal(c.channel, proc.channel);
  assert.equal(c.subject, subject);
  assert.equal(c.status, 'open');
  assert.ok(['rendah', 'menengah', 'tinggi'].includes(c.priority), `priority ${c.priority}`);
  assert.ok(JSON.stringify(c.requester ?? null).includes(REQUESTER.name), `requester: ${JSON.stringify(c.requester)}`);
  sameInstant(c.opened_at, T0, 'opened_at');
  assert.equal(c.closed_at, null, 'closed_at of an open case');
  created(c.number);
  assert.equal(c.current_step, 1, 'a new case stands at step 1');
  assert.equal(c.steps.length, 1, 'only step 1 is started');
  checkOpen(c, 0, code, 1, `${code} open`);
  const num = encodeURIComponent(c.number);

  // Only the open step can be completed.
  const other = toks.find((t) => t.no !== 1)?.no ?? 2;
  const bad = await api('POST', `/api/v1/cases/${num}/steps/${other}`, { outcome: 'done' });
  assert.equal(bad.status, 409, `completing step ${other} while step 1 is open: ${bad.status} ${bad.text}`);

  for (let i = 0; i < toks.length; i++) {
    const { no, outcome } = toks[i];
    let next = step(code, no).branches[outcome];
    if (next === 'back') next = toks[i - 1].no;   // back to the step the case came from
    const what = `${code}: ${path}: step ${no} (${i + 1}. on the path)`;
    assert.equal(c.current_step, no, `${what}: open before completing`);
    const note = `langkah ${no}: ${outcome}`;
    if (code === 'SOP-LPSE.BTG-006' && no === 10) {
      // step 10 records the escalation to LKPP's helpdesk: refused until there is one
      const early = await api('POST', `/api/v1/cases/${num}/steps/10`, { outcome, note });
      assert.equal(early.status, 409, `${what}: step 10 before the escalation: ${early.text}`);
      assert.equal(early.json.error.field, 'no');
      const x = await api('POST', `/api/v1/cases/${num}/escalations`, { title: 'Unggah kualifikasi gagal', application: 'SPSE 4.5',
        type: 'permasalahan', description: 'Tombol unggah tidak merespons.', external_ticket: `LKPP-${tag}` });
      assert.equal(x.status, 201, `${what}: escalation: ${x.text}`);
      c = (await api('GET', `/api/v1/cases/${num}`)).json;
    }
    const q = await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome, note });
    assert.equal(q.status, 200, `${what}: ${q.status} ${q.text}`);
    c = q.json;
    const done = c.steps[i];
    checkStarted(c, i, code, no, `${what} (completed)`);
    sameInstant(done.done_at, T0, `${what}: done_at`);
    assert.equal(done.outcome, outcome, `${what}: outcome`);
    assert.equal(done.note, note, `${what}: note`);
    assert.equal(done.by, 'admin', `${what}: by`);
    // Completed at T0, before any due time: met; no standard: null.
    assert.equal(done.met, step(code, no).due === null ? null : true, `${what}: met`);
    if (next === 'end') {
      assert.equal(i, toks.length - 1, `${what}: the case ends only at the end of the path`);
      assert.equal(c.status, 'closed', `${what}: the case closes at the end`);
      sameInstant(c.closed_at, T0, `${what}: closed_at`);
      assert.equal(c.steps.length, i + 1, `${what}: no step started after the end`);
    } else {
      assert.equal(c.status, 'open', `${what}: open until the end`);
      assert.equal(c.closed_at, null, `${what}: closed_at while open`);
      assert.equal(c.current_step, next, `${what}: the step the encoding leads to`);
      assert.equal(c.steps.length, i + 2, `${what}: one step started (a step visited again appears again)`);
      checkOpen(c, i + 1, code, next, `${what} → ${next} (started)`);
    }
  }
  // The case as stored is the case as answered.
  const g = await api('GET', `/api/v1/cases/${num}`);
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(g.json.steps, c.steps, 'GET gives the steps as recorded');
  assert.equal(g.json.status, 'closed');
  // A closed case takes no more steps.
  const last = toks.at(-1).no;
  const again = await api('POST', `/api/v1/cases/${num}/steps/${last}`, { outcome: toks.at(-1).outcome });
  assert.equal(again.status, 409, `completing a step of a closed case: ${again.status} ${again.text}`);
  // Checked last, so that every check above runs first: the contract's "0 when none".
  assert.equal(c.current_step, 0, `${code}: ${path}: current_step of the closed case (0: no step is open)`);
  assert.equal(g.json.current_step, 0, `${code}: ${path}: current_step of the closed case as stored`);
  return c;
}

const walked = {}; // code → [{number, tag}]
let n = 0;
for (const [code, proc] of Object.entries(PROCS)) {
  for (const path of proc.paths) {
    const tag = `jalur${String(++n).padStart(2, '0')}q`;
    test(`${code}: ${path}`, async () => {
      await walk(code, path, tag, (number) => (walked[code] ||= []).push({ number, tag }));
    });
  }
}

test('the walked cases are listed: by procedure, by status, by text', async () => {
  const rows = async (qs) => {
    const r = await api('GET', `/api/v1/cases?${qs}`);
    assert.equal(r.status, 200, `${qs}: ${r.text}`);
    assert.ok(Array.isArray(r.json?.cases), `${qs}: the answer is {"cases":[…]}: ${r.text.slice(0, 200)}`);
    return r.json.cases.map((x) => x.number);
  };
  const total = Object.values(PROCS).reduce((k, p) => k + p.paths.length, 0);
  assert.equal(Object.values(walked).flat().length, total, 'a case was opened for every path');
  for (const [code, list] of Object.entries(walked)) {
    const got = await rows(`sop=${encodeURIComponent(code)}&status=closed`);
    assert.deepEqual(got.slice().sort(), list.map((x) => x.number).sort(), `${code}: closed cases`);
    assert.deepEqual(await rows(`sop=${encodeURIComponent(code)}&status=open`), [], `${code}: none open`);
    const one = list[0];
    assert.deepEqual(await rows(`q=${one.tag}`), [one.number], `q=${one.tag}`);
  }
  assert.deepEqual(await rows('overdue=1'), [], 'at 08:00 nothing is past due');
});

test('an outcome that does not fit the step is refused (400, field outcome)', async () => {
  const r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-006', channel: 'walk_in', subject: 'hasil salah', requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  const num = encodeURIComponent(r.json.number);
  for (const [no, outcome] of [[1, 'yes'], [1, 'no'], [1, 'maybe']]) {
    const q = await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome });
    assert.equal(q.status, 400, `step ${no} (plain) with ${outcome}: ${q.text}`);
    assert.equal(q.json?.error?.field, 'outcome');
  }
  for (const no of [1, 2]) assert.equal((await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome: 'done' })).status, 200);
  for (const outcome of ['done', 'maybe']) {
    const q = await api('POST', `/api/v1/cases/${num}/steps/3`, { outcome });
    assert.equal(q.status, 400, `step 3 (a decision) with ${outcome}: ${q.text}`);
    assert.equal(q.json?.error?.field, 'outcome');
  }
  const g = await api('GET', `/api/v1/cases/${num}`);
  assert.equal(g.json.current_step, 3, 'a refused outcome changes nothing');
  assert.equal(g.json.steps.length, 3);
});

// BTG-005's own deadlines sit on the tasks of steps 2 and 3 (the steps themselves have no
// standard: `time: none`), so they are checked on the started step's tasks[] (same order as
// the encoding), each with its due_at worked out by hand in PROCS above. The contract lists no
// tasks[] in the case JSON; without it the working-day deadlines are recorded nowhere.
test('SOP-LPSE.BTG-005: the deadlines of the tasks of steps 2 and 3 (tasks[].due_at)', async () => {
  const code = 'SOP-LPSE.BTG-005';
  const r = await api('POST', '/api/v1/cases', { sop: code, channel: 'letter', subject: 'tenggat tugas', events: TRAINING, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  let c = r.json;
  for (const no of [2, 3]) {
    const q = await api('POST', `/api/v1/cases/${encodeURIComponent(c.number)}/steps/${no - 1}`, { outcome: 'done' });
    assert.equal(q.status, 200, q.text);
    c = q.json;
    const got = c.steps[no - 1], want = step(code, no), what = `${code} step ${no}`;
    assert.equal(got.no, no);
    assert.ok(Array.isArray(got.tasks), `${what}: the case JSON has no tasks[] (with due_at) for the step: ${JSON.stringify(got)}`);
    assert.equal(got.tasks.length, want.tasks.length, `${what}: tasks`);
    want.tasks.forEach((t, i) => sameInstant(got.tasks[i].due_at, t.due, `${what}: tasks[${i}].due_at`));
  }
});
