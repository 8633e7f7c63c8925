// Periods with their own hours ("jam kerja khusus": Ramadan hours): `loket calendar period`,
// /api/v1/calendar/periods, the calendar page's section, and the clocks still running laid
// again on the new calendar in the same transaction. Every expected time below is worked by
// hand on the default week (Mon–Thu 07:30–12:00, 13:00–16:00; Fri 07:30–11:30, 13:00–16:30;
// WIB, UTC+7) and Ramadan 1447 H from Thu 19 Feb to Fri 20 Mar 2026 at Mon–Thu 08:00–15:00,
// Fri 08:00–15:30 (no break). 16 and 17 Feb 2026 are Imlek's days off, 18–24 Mar Nyepi and
// Idul Fitri's.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cli, initData, startServer, frozenServer, webSession, addUser, request, login } from './lib.mjs';

delete process.env.LOKET_DATA;

const cleanup = [];
const clock = frozenServer();
after(async () => {
  await clock.stop();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const RAMADAN_1448 = ['--from', '2027-02-08', '--to', '2027-03-09', '--name', 'Ramadan 1448 H', '1-4 08:00-15:00', '5 08:00-15:30'];
const RAMADAN_1447 = { name: 'Ramadan 1447 H', from: '2026-02-19', to: '2026-03-20', hours: ['1-4 08:00-15:00', '5 08:00-15:30'] };
const periods = (dir) => {
  const r = cli(['calendar', 'period', 'list', '--json', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).periods;
};
const auditRows = (dir) => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.match(/intact: (\d+) rows/)[1]);
};

test('loket calendar period add, list, remove; a bad argument is named and nothing is written', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows = auditRows(dir);
  let r = cli(['calendar', 'period', 'add', ...RAMADAN_1448, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Period 1 "Ramadan 1448 H" \(2027-02-08 to 2027-03-09\) set in office LPSE\./);
  assert.deepEqual(periods(dir), [{ id: 1, name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09', days: [
    { weekday: 1, hours: [{ opens: '08:00', closes: '15:00' }] }, { weekday: 2, hours: [{ opens: '08:00', closes: '15:00' }] },
    { weekday: 3, hours: [{ opens: '08:00', closes: '15:00' }] }, { weekday: 4, hours: [{ opens: '08:00', closes: '15:00' }] },
    { weekday: 5, hours: [{ opens: '08:00', closes: '15:30' }] }] }]);
  r = cli(['calendar', 'period', 'list', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 {2}2027-02-08 to 2027-03-09 {2}Ramadan 1448 H\n/);
  assert.match(r.stdout, /5 Jumat \(Fri\)\s+08:00-15:30\n/);

  // each refused naming the argument at fault, and nothing written
  const refused = [
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal', '5 08:00-1530'], 2,
      /add: "5 08:00-1530": Office hours must be spans like 07:30-12:00/],
    [['--from', '2027-02-30', '--to', '2027-03-20', '--name', 'Syawal', '5 closed'], 2,
      /add: --from "2027-02-30": The first day must be a real date/],
    [['--from', '2027-03-10', '--to', '2027-03-01', '--name', 'Syawal', '5 closed'], 2,
      /add: --to "2027-03-01": The last day must not be before the first/],
    [['--from', '2027-03-10', '--to', '2027-03-20', '5 closed'], 2, /add: missing --name/],
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', '  ', '5 closed'], 2, /add: --name "  ": The name must be 1 to 120 characters/],
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal'], 2, /add: missing the hours/],
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal', '1-4 07.30 – 15.00', '4 closed'], 2,
      /add: "4 closed": A weekday is named twice/],
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal', '4-1 closed'], 2, /"4-1 closed": A range of weekdays runs forward/],
    // a weekday missing: the argument as typed, no "line" (the web form's word)
    [['--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal', '5 closed', 'Senin 08:00-12:00'], 2,
      /^loket calendar period add: "Senin 08:00-12:00": Start with the weekday \(0 Sunday, 1 Monday … 6 Saturday\) or a range of them \(1-4\), then its spans or closed; nothing was written\n$/],
    [['--from', '2027-03-09', '--to', '2027-03-20', '--name', 'Syawal', '5 closed'], 1,
      /add: --from 2027-03-09 --to 2027-03-20: the period overlaps period 1 "Ramadan 1448 H" \(2027-02-08 to 2027-03-09\); nothing was written/],
  ];
  for (const [args, status, err] of refused) {
    r = cli(['calendar', 'period', 'add', ...args, '--data', dir]);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, err);
  }
  assert.equal(periods(dir).length, 1);
  assert.equal(auditRows(dir), rows + 1);

  // the day after it ends is free; a weekday range, a break and a closed day as people write them
  r = cli(['calendar', 'period', 'add', '--from', '2027-03-10', '--to', '2027-03-20', '--name', 'Syawal',
           '1–4 07.30 – 12.00, 13.00 – 15.00', '5 tutup', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const syawal = periods(dir)[1];
  assert.deepEqual(syawal.days.map((d) => [d.weekday, d.hours.length]), [[1, 2], [2, 2], [3, 2], [4, 2], [5, 0]]);
  r = cli(['calendar', 'period', 'list', '--data', dir]);
  assert.match(r.stdout, /5 Jumat \(Fri\)\s+closed\n/);

  // changed: the same options and hours as add, replacing what it had; its own days are no overlap
  r = cli(['calendar', 'period', 'set', '2', '--from', '2027-03-10', '--to', '2027-03-25', '--name', 'Syawal 1448 H',
           '1-4 08.00-15.00', '6 closed', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Period 2 "Syawal 1448 H" \(2027-03-10 to 2027-03-25\) changed in office LPSE\./);
  assert.deepEqual(periods(dir)[1], { id: 2, name: 'Syawal 1448 H', from: '2027-03-10', to: '2027-03-25', days: [
    { weekday: 1, hours: [{ opens: '08:00', closes: '15:00' }] }, { weekday: 2, hours: [{ opens: '08:00', closes: '15:00' }] },
    { weekday: 3, hours: [{ opens: '08:00', closes: '15:00' }] }, { weekday: 4, hours: [{ opens: '08:00', closes: '15:00' }] },
    { weekday: 6, hours: [] }] });
  const setRefused = [
    [['2', '--from', '2027-03-09', '--to', '2027-03-25', '--name', 'Syawal', '5 closed'], 1,
      /set: --from 2027-03-09 --to 2027-03-25: the period overlaps period 1 "Ramadan 1448 H" \(2027-02-08 to 2027-03-09\); nothing was written/],
    [['2', '--from', '2027-03-10', '--to', '2027-03-25', '--name', 'Syawal', '5 8-15'], 2, /set: "5 8-15": Office hours must be spans/],
    [['2', '--from', '2027-03-10', '--to', '2027-03-09', '--name', 'Syawal', '5 closed'], 2, /set: --to "2027-03-09": The last day must not be before the first/],
    [['2', '--from', '2027-03-10', '--to', '2027-03-25', '--name', 'Syawal'], 2, /set: missing the hours/],
    [['9', '--from', '2027-04-10', '--to', '2027-04-25', '--name', 'Syawal', '5 closed'], 1, /set: office LPSE has no period 9/],
    [['dua', '--from', '2027-04-10', '--to', '2027-04-25', '--name', 'Syawal', '5 closed'], 2, /set: give the period's number/],
  ];
  for (const [args, status, err] of setRefused) {
    r = cli(['calendar', 'period', 'set', ...args, '--data', dir]);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, err);
  }
  assert.equal(periods(dir)[1].name, 'Syawal 1448 H');
  assert.equal(auditRows(dir), rows + 3);

  // `calendar list` shows them too, those of the year asked with --year
  r = cli(['calendar', 'list', '--json', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).periods, periods(dir));
  r = cli(['calendar', 'list', '--year', '2026', '--json', '--data', dir]);
  assert.deepEqual(JSON.parse(r.stdout).periods, []);
  assert.ok(JSON.parse(r.stdout).holidays.length > 10);
  r = cli(['calendar', 'list', '--year', '2027', '--data', dir]);
  assert.match(r.stdout, /\nPeriods with their own hours \(other weekdays keep the weekly hours\)\n {2}1 {2}2027-02-08 to 2027-03-09 {2}Ramadan 1448 H\n[^]* {2}2 {2}2027-03-10 to 2027-03-25 {2}Syawal 1448 H\n[^]*6 Sabtu \(Sat\)\s+closed\n$/);
  r = cli(['calendar', 'list', '--year', '2028', '--data', dir]);
  assert.match(r.stdout, /\nPeriods with their own hours \(other weekdays keep the weekly hours\)\n {2}\(none\)\n$/);

  r = cli(['calendar', 'period', 'remove', '1', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Period 1 "Ramadan 1448 H" \(2027-02-08 to 2027-03-09\) removed from office LPSE\./);
  r = cli(['calendar', 'period', 'remove', '1', '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /office LPSE has no period 1/);
  r = cli(['calendar', 'period', 'remove', 'satu', '--data', dir]);
  assert.equal(r.status, 2);
  r = cli(['calendar', 'period', 'ubah', '--data', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^loket calendar period: unknown subcommand ubah \(add, set, list, remove\)$/m);   // named as the other commands name theirs (5cb8d23)
  assert.deepEqual(periods(dir).map((p) => p.name), ['Syawal 1448 H']);
  assert.equal(auditRows(dir), rows + 4);
  r = cli(['calendar', '--help']);
  assert.match(r.stdout, /period add --from DAY --to DAY --name NAME/);
});

test('the API: periods listed, added (409 naming the one it overlaps, 400 naming the field), removed; helpdesk only reads', async () => {
  const s = await startServer();
  try {
    addUser(s.dir, 'sari', 'helpdesk');
    const token = await login(s.url);
    const api = (method, path, body, tok = token) => request(s.url, method, path, { token: tok, body });
    let r = await api('GET', '/api/v1/calendar/periods');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { tz: 'WIB', periods: [] });

    r = await api('POST', '/api/v1/calendar/periods', { name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09',
                                                        hours: ['1-4 08.00 – 15.00', '5 08.00–11.30 13.00–15.30', '6 closed'] });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.deepEqual(r.json.days.slice(3), [
      { weekday: 4, hours: [{ opens: '08:00', closes: '15:00' }] },
      { weekday: 5, hours: [{ opens: '08:00', closes: '11:30' }, { opens: '13:00', closes: '15:30' }] },
      { weekday: 6, hours: [] }]);
    assert.deepEqual(r.json.moved, { steps: 0, cases: 0, training_items: 0 });

    r = await api('POST', '/api/v1/calendar/periods?lang=en', { name: 'Awal Ramadan', from: '2027-01-31', to: '2027-02-08', hours: ['5 closed'] });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'from');
    assert.equal(r.json.error.message, `The period overlaps period ${id} "Ramadan 1448 H" (2027-02-08 to 2027-03-09)`);
    const bad = [
      [{ from: '2027-04-01', to: '2027-04-02', hours: ['5 closed'] }, 'name'],
      [{ name: 'x', from: '2027-04-01', to: '2027-04-02', hours: [] }, 'hours'],
      [{ name: 'x', from: '2027-04-01', to: '2027-04-02', hours: '5 closed' }, 'hours'],
      [{ name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 08:00-07:00'] }, 'hours'],
      [{ name: 'x', from: '2027-4-1', to: '2027-04-02', hours: ['5 closed'] }, 'from'],
      [{ name: 'x', from: '2027-04-01', to: '2027-03-31', hours: ['5 closed'] }, 'to'],
      [{ name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 closed'], weekdays: 5 }, 'weekdays'],
    ];
    for (const [body, field] of bad) {
      r = await api('POST', '/api/v1/calendar/periods', body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.error.field, field, r.text);
    }
    r = await api('POST', '/api/v1/calendar/periods?lang=en', { name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 08:00-1530'] });
    assert.match(r.json.error.message, /^"5 08:00-1530": Office hours must be spans/);

    // GET /api/v1/calendar carries the periods of its year
    r = await api('GET', '/api/v1/calendar?year=2027');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.periods.map((p) => [p.id, p.name, p.from, p.to, p.days.length]), [[id, 'Ramadan 1448 H', '2027-02-08', '2027-03-09', 6]]);
    assert.deepEqual((await api('GET', '/api/v1/calendar?year=2026')).json.periods, []);

    // changed with PUT: the body of POST, replacing what it had; its own days are no overlap
    const other = (await api('POST', '/api/v1/calendar/periods', { name: 'Syawal', from: '2027-03-20', to: '2027-03-31', hours: ['5 closed'] })).json.id;
    r = await api('PUT', `/api/v1/calendar/periods/${id}`, { name: 'Ramadan 1448 H', from: '2027-02-07', to: '2027-03-08',
                                                              hours: ['1-4 08:00-15:00', '5 08:00-15:30'] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.id, r.json.from, r.json.to, r.json.days.length], [id, '2027-02-07', '2027-03-08', 5]);
    assert.deepEqual(r.json.moved, { steps: 0, cases: 0, training_items: 0 });
    r = await api('PUT', `/api/v1/calendar/periods/${id}?lang=en`, { name: 'Ramadan 1448 H', from: '2027-02-07', to: '2027-03-20', hours: ['5 closed'] });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.message, `The period overlaps period ${other} "Syawal" (2027-03-20 to 2027-03-31)`);
    for (const [body, field] of bad) {
      r = await api('PUT', `/api/v1/calendar/periods/${id}`, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.error.field, field, r.text);
    }
    for (const path of ['/api/v1/calendar/periods/99', '/api/v1/calendar/periods/satu']) {
      r = await api('PUT', path, { name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 closed'] });
      assert.equal(r.status, 404, r.text);
      assert.equal(r.json.error.field, 'id');
    }
    assert.equal((await api('GET', '/api/v1/calendar/periods')).json.periods[0].to, '2027-03-08');
    r = await api('GET', '/api/v1/audit?limit=1');
    assert.equal(r.json.rows[0].action, 'calendar.period.set');
    assert.match(r.json.rows[0].detail, /^name=Ramadan 1448 H first=2027-02-07 last=2027-03-08 hours=1 08:00-15:00,2 08:00-15:00,3 08:00-15:00,4 08:00-15:00,5 08:00-15:30; was name=Ramadan 1448 H first=2027-02-08 last=2027-03-09 hours=1 08:00-15:00,2 08:00-15:00,3 08:00-15:00,4 08:00-15:00,5 08:00-11:30 13:00-15:30,6 closed; moved: steps=0 cases=0 other=0$/);
    assert.equal((await api('DELETE', `/api/v1/calendar/periods/${other}`)).status, 200);

    const sari = await login(s.url, 'sari', 'user-test-password-1');
    assert.equal((await api('GET', '/api/v1/calendar/periods', undefined, sari)).json.periods.length, 1);
    assert.equal((await api('PUT', `/api/v1/calendar/periods/${id}`, { name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 closed'] }, sari)).status, 403);
    assert.equal((await api('POST', '/api/v1/calendar/periods', { name: 'x', from: '2027-04-01', to: '2027-04-02', hours: ['5 closed'] }, sari)).status, 403);
    assert.equal((await api('DELETE', `/api/v1/calendar/periods/${id}`, undefined, sari)).status, 403);

    assert.equal((await api('DELETE', '/api/v1/calendar/periods/satu')).status, 404);
    r = await api('DELETE', `/api/v1/calendar/periods/${id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ok: true, moved: { steps: 0, cases: 0, training_items: 0 } });
    r = await api('DELETE', `/api/v1/calendar/periods/${id}`);
    assert.equal(r.status, 404);
    assert.equal(r.json.error.field, 'id');
    r = await api('GET', '/api/v1/audit?limit=10');
    assert.deepEqual(r.json.rows.map((x) => x.action).filter((a) => a.startsWith('calendar.')),
                     ['calendar.period.remove', 'calendar.period.remove', 'calendar.period.set', 'calendar.period.add', 'calendar.period.add']);
  } finally {
    await s.stop();
  }
});

// SOP 06: step 1 takes 15 office minutes; rendah (the default): 7.5 office hours to answer, 37.5 to resolve
const RHS = { sop: 'SOP 06/LPSE/2012', channel: 'email', subject: 'Dokumen penawaran .rhs tidak bisa dibuka',
              requester: { name: 'Pokja Pemilihan 3' } };
const { serveAt, api } = clock;
const serveFresh = async (now) => { await clock.use(null); return serveAt(now); };
const clocks = async (n) => {
  const r = await api('GET', `/api/v1/cases/${n}`);
  assert.equal(r.status, 200, r.text);
  return [r.json.steps.at(-1).due_at, r.json.response_due_at, r.json.resolution_due_at];
};

test('Ramadan hours added before the first day move the clocks running into it; removed, they are back', async () => {
  await serveFresh('2026-02-18T15:50:00+07:00');   // Wednesday, the last normal day
  let r = await api('POST', '/api/v1/cases', RHS);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  // step 1: 10 min to 16:00, Thu 07:30 + 5 → 07:35. Answer: 10 min, Thu 7 h 20 → 15:50.
  // Resolve: 10 min, Thu 19, Fri 20, Mon 23, Tue 24 (7.5 h each: 30 h 10), Wed 25 7 h 20 → 15:50
  const start = ['2026-02-19T00:35:00Z', '2026-02-19T08:50:00Z', '2026-02-25T08:50:00Z'];
  assert.deepEqual(await clocks(n), start);

  r = await api('POST', '/api/v1/calendar/periods', RAMADAN_1447);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json.moved, { steps: 1, cases: 1, training_items: 0 });
  // laid again from Thu 19 Feb 00:00 (after the clocks' start): step 1 owed 5 min → Thu 08:05;
  // answer owed 7 h 20 → Thu 08:00–15:00 (7 h), Fri 08:00 + 20 → 08:20;
  // resolve owed 37 h 30 − 10 min → Thu 7, Fri 7.5, Mon 7, Tue 7, Wed 7 (35 h 30), Thu 26 08:00 + 1 h 50 → 09:50
  assert.deepEqual(await clocks(n), ['2026-02-19T01:05:00Z', '2026-02-20T01:20:00Z', '2026-02-26T02:50:00Z']);
  r = await api('GET', '/api/v1/audit?limit=1');
  assert.equal(r.json.rows[0].action, 'calendar.period.add');
  assert.match(r.json.rows[0].detail, /name=Ramadan 1447 H first=2026-02-19 last=2026-03-20 hours=1 08:00-15:00,2 08:00-15:00,3 08:00-15:00,4 08:00-15:00,5 08:00-15:30; moved: steps=1 cases=1 other=0/);

  assert.equal((await api('POST', '/api/v1/calendar/periods', RAMADAN_1447)).status, 409);   // the same days again
  r = await api('DELETE', `/api/v1/calendar/periods/${id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.moved, { steps: 1, cases: 1, training_items: 0 });
  assert.deepEqual(await clocks(n), start);
});

test('a period changed moves the clocks from the earlier of its old and new first day', async () => {
  await serveFresh('2026-02-18T15:50:00+07:00');   // Wednesday, the last normal day
  const n = (await api('POST', '/api/v1/cases', RHS)).json.number;
  const start = ['2026-02-19T00:35:00Z', '2026-02-19T08:50:00Z', '2026-02-25T08:50:00Z'];
  assert.deepEqual(await clocks(n), start);
  // Ramadan hours from Monday 23 Feb only: the step and the answer are due before it; resolve
  // owes 37 h 30: 10 min Wed, Thu 7.5, Fri 7.5 (15 h 10), Mon 7, Tue 7, Wed 7 (36 h 10), Thu 26 08:00 + 1 h 20 → 09:20
  const late = ['2026-02-19T00:35:00Z', '2026-02-19T08:50:00Z', '2026-02-26T02:20:00Z'];
  let r = await api('POST', '/api/v1/calendar/periods', { ...RAMADAN_1447, from: '2026-02-23' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json.moved, { steps: 0, cases: 1, training_items: 0 });
  assert.deepEqual(await clocks(n), late);
  // moved earlier, to Thursday 19: laid again from the new first day (as if added so)
  r = await api('PUT', `/api/v1/calendar/periods/${id}`, RAMADAN_1447);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.moved, { steps: 1, cases: 1, training_items: 0 });
  assert.deepEqual(await clocks(n), ['2026-02-19T01:05:00Z', '2026-02-20T01:20:00Z', '2026-02-26T02:50:00Z']);
  // back to Monday 23: laid again from the old first day, Thursday 19, which has the weekly hours again
  r = await api('PUT', `/api/v1/calendar/periods/${id}`, { ...RAMADAN_1447, from: '2026-02-23' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.moved, { steps: 1, cases: 1, training_items: 0 });
  assert.deepEqual(await clocks(n), late);
  r = await api('GET', '/api/v1/audit?limit=1');
  assert.equal(r.json.rows[0].action, 'calendar.period.set');
  assert.match(r.json.rows[0].detail, /first=2026-02-23 last=2026-03-20 [^;]*; was name=Ramadan 1447 H first=2026-02-19 [^;]*; moved: steps=1 cases=1 other=0$/);
  await clock.stop({ keep: true });
  const v = cli(['audit', 'verify', '--data', clock.dir]);
  assert.equal(v.status, 0, v.stderr);
});

test('a period added on its first day counts from a clock started that day; new clocks follow it; the CLI says what moved', async () => {
  await serveFresh('2026-02-19T14:50:00+07:00');   // Thursday, 1 Ramadan, before the office set its hours
  const first = (await api('POST', '/api/v1/cases', RHS)).json.number;
  // the week's hours: step 1 due 15:05; answer Thu 1 h 10 + Fri 07:30–11:30, 13:00–15:20 → Fri 15:20;
  // resolve Thu 1 h 10, Fri, Mon, Tue, Wed (31 h 10), Thu 26 6 h 20 → 14:50
  assert.deepEqual(await clocks(first), ['2026-02-19T08:05:00Z', '2026-02-20T08:20:00Z', '2026-02-26T07:50:00Z']);
  await clock.stop({ keep: true });
  const r = cli(['calendar', 'period', 'add', '--from', RAMADAN_1447.from, '--to', RAMADAN_1447.to, '--name', RAMADAN_1447.name,
                 ...RAMADAN_1447.hours, '--data', clock.dir], { env: { LOKET_TEST_NOW: '2026-02-19T14:55:00+07:00' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Due times moved to the new calendar: 1 open step, 1 open case, 0 training preparation items\./);
  await serveAt('2026-02-19T14:55:00+07:00');
  // from the clock's start, 14:50 (later than the period's midnight): step 1 10 min to 15:00, Fri
  // 08:00 + 5 → 08:05; answer 10 min, Fri 08:00 + 7 h 20 → 15:20 (the same instant); resolve 10 min,
  // Fri 7.5, Mon 7, Tue 7, Wed 7, Thu 26 7 (35 h 40), Fri 27 08:00 + 1 h 50 → 09:50
  assert.deepEqual(await clocks(first), ['2026-02-20T01:05:00Z', '2026-02-20T08:20:00Z', '2026-02-27T02:50:00Z']);
  // a case opened now: 5 min to 15:00, Fri 08:00 + 10 → 08:10
  const second = (await api('POST', '/api/v1/cases', RHS)).json.number;
  assert.equal((await clocks(second))[0], '2026-02-20T01:10:00Z');
  await clock.stop({ keep: true });
  const v = cli(['audit', 'verify', '--data', clock.dir]);
  assert.equal(v.status, 0, v.stderr);
});

test('the calendar page lists the periods; its keepers add one (a refused form keeps what was typed) and remove it', async () => {
  await serveFresh('2026-02-18T15:50:00+07:00');
  addUser(clock.dir, 'sari', 'helpdesk');
  const n = (await api('POST', '/api/v1/cases', RHS)).json.number;
  const w = await webSession(clock.url);
  let r = await w.post('/kalender/periode', { csrf: w.csrf, name: 'Ramadan 1447 H', from: '2026-02-19', to: '2026-03-20',
                                               hours: '1-4 08.00 – 15.00\r\n5 08.00–11.30 13.00–15.30\r\n' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /ok=Period saved&moved_steps=1&moved_cases=1/);
  r = await w.get(r.headers.get('location'));
  assert.match(r.text, /Jam kerja khusus disimpan/);
  assert.match(r.text, /<h2>Jam kerja khusus<\/h2>/);
  assert.match(r.text, /<td>Ramadan 1447 H<\/td><td>19 Februari 2026 – 20 Maret 2026<\/td><td>Senin: 08\.00–15\.00<br>Selasa: 08\.00–15\.00<br>Rabu: 08\.00–15\.00<br>Kamis: 08\.00–15\.00<br>Jumat: 08\.00–11\.30, 13\.00–15\.30<\/td>/);
  assert.equal((await clocks(n))[0], '2026-02-19T01:05:00Z');

  // refused: the line at fault under the hours, what was typed kept
  r = await w.post('/kalender/periode', { csrf: w.csrf, name: 'Syawal', from: '2026-03-21', to: '2026-03-31', hours: '5 08.00-1130' });
  assert.equal(r.status, 400);
  assert.match(r.text, /<p class="field-error" id="hours-error">&quot;5 08\.00-1130&quot;: Jam kerja ditulis sebagai rentang seperti 07\.30-12\.00, jam tutup sesudah jam buka/, "the Indonesian times written as the page writes them (07.30, not 07:30)");
  assert.match(r.text, />5 08\.00-1130<\/textarea>/);
  assert.match(r.text, /value="Syawal"/);
  r = await w.post('/kalender/periode', { csrf: w.csrf, name: 'Syawal', from: '2026-03-21', to: '2026-03-31', hours: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /misalnya 1-4 08\.00-15\.00 \(atau 6 tutup\)/, 'the example as the page writes times');
  // every wrong field at once: both bad lines under the hours, the name and the last day under theirs
  r = await w.post('/kalender/periode', { csrf: w.csrf, name: '', from: '2026-03-21', to: '2026-03-19', hours: '1-4 08.00-1500\n5 08.00-15.00\n9 closed' });
  assert.equal(r.status, 400);
  for (const f of ['name', 'to', 'hours']) assert.match(r.text, new RegExp(`aria-invalid="true" aria-describedby="${f}-error"`), f);
  assert.match(r.text, /<p class="field-error" id="hours-error">&quot;1-4 08\.00-1500&quot;: [^<]*; &quot;9 closed&quot;: /);
  assert.match(r.text, /id="to-error">Hari terakhir tidak boleh sebelum hari pertama/);
  assert.match(r.text, /<p class="field-error" id="name-error">/);
  assert.match(r.text, />1-4 08\.00-1500\n5 08\.00-15\.00\n9 closed<\/textarea>/);
  // overlapping: the other period named under the first day
  r = await w.post('/kalender/periode', { csrf: w.csrf, name: 'Syawal', from: '2026-03-20', to: '2026-03-31', hours: '5 closed' });
  assert.equal(r.status, 409);
  assert.match(r.text, /id="from-error">Periode ini bertumpang tindih dengan periode 1 &quot;Ramadan 1447 H&quot; \(2026-02-19 sampai 2026-03-20\)/);

  const sari = await webSession(clock.url, 'sari', 'user-test-password-1');
  r = await sari.get('/kalender');
  assert.match(r.text, /Ramadan 1447 H/);
  assert.doesNotMatch(r.text, /\/kalender\/periode\/1\/hapus/);
  assert.equal((await sari.post('/kalender/periode/1/hapus', { csrf: sari.csrf })).status, 403);

  // changed on its own page, filled with it: from Monday 23 the step is due on the weekly hours again
  r = await w.get('/kalender');
  assert.match(r.text, /<a class="button secondary" href="\/kalender\/periode\/1\/ubah">Ubah<\/a>/);
  r = await w.get('/kalender/periode/1/ubah');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<h1>Ubah jam kerja khusus<\/h1>/);
  assert.match(r.text, /<form method="post" action="\/kalender\/periode\/1\/ubah">/);
  assert.match(r.text, /id="period-name" name="name"[^>]* value="Ramadan 1447 H"/);
  assert.match(r.text, /id="period-from" name="from"[^>]* value="2026-02-19"/);
  assert.match(r.text, />1-4 08:00-15:00\n5 08:00-11:30 13:00-15:30<\/textarea>/);
  r = await w.post('/kalender/periode/1/ubah', { csrf: w.csrf, name: 'Ramadan 1447 H', from: '2026-02-23', to: '2026-03-20',
                                                   hours: '1-4 08:00-15:00\n5 08:00-11:30 13:00-15:30' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /ok=Period saved&moved_steps=1&moved_cases=1/);
  assert.equal((await clocks(n))[0], '2026-02-19T00:35:00Z');
  r = await w.get('/kalender');
  assert.match(r.text, /<td>Ramadan 1447 H<\/td><td>23 Februari 2026 – 20 Maret 2026<\/td>/);
  // refused: named under its field on the same page, what was typed kept
  r = await w.post('/kalender/periode/1/ubah', { csrf: w.csrf, name: 'Ramadan 1447 H', from: '2026-02-23', to: '2026-02-22', hours: '5 closed' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Ubah jam kerja khusus: Mohon perbaiki isian yang ditandai di bawah\./);
  assert.match(r.text, /<form method="post" action="\/kalender\/periode\/1\/ubah">/);
  assert.match(r.text, /id="to-error">Hari terakhir tidak boleh sebelum hari pertama/);
  assert.match(r.text, />5 closed<\/textarea>/);
  assert.equal((await w.get('/kalender/periode/9/ubah')).status, 404);
  assert.equal((await w.post('/kalender/periode/9/ubah', { csrf: w.csrf, name: 'x', from: '2026-05-01', to: '2026-05-02', hours: '5 closed' })).status, 404);
  assert.equal((await sari.get('/kalender/periode/1/ubah')).status, 403);
  assert.equal((await sari.post('/kalender/periode/1/ubah', { csrf: sari.csrf, name: 'x', from: '2026-05-01', to: '2026-05-02', hours: '5 closed' })).status, 403);
  assert.doesNotMatch((await sari.get('/kalender')).text, /\/kalender\/periode\/1\/ubah/);

  assert.match((await w.get('/kalender')).text, /action="\/kalender\/periode\/1\/hapus">[^]*?<button type="submit" class="secondary" aria-label="Hapus: Ramadan 1447 H \([^)]*2026 – [^)]*2026\)">Hapus<\/button>/,
    'the remove button says which period to a screen reader');
  r = await w.post('/kalender/periode/1/hapus', { csrf: w.csrf });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /ok=Period removed&moved_steps=0&moved_cases=1/);
  r = await w.get('/kalender');
  assert.doesNotMatch(r.text, /Ramadan 1447 H/);
  assert.equal((await clocks(n))[0], '2026-02-19T00:35:00Z');
  assert.equal((await w.post('/kalender/periode/1/hapus', { csrf: w.csrf })).status, 404);
});

test('the API names every wrong field of a period, a weekday\'s hours and a holiday in one answer: the JSON layer\'s and the calendar\'s own checks together; nothing is written', async () => {
  const s = await startServer();
  try {
    const token = await login(s.url);
    const api = (method, path, body) => request(s.url, method, path, { token, body });
    const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field);
    const before = (await api('GET', '/api/v1/calendar?year=2027')).json;
    // a period: the name empty (the JSON layer), a line of hours closing before it opens, the
    // first day not a date and the last one not a date either (the period's check)
    let r = await api('POST', '/api/v1/calendar/periods?lang=en', { name: '', from: '2027-4-1', to: '2027-04-31', hours: ['5 08:00-07:00'] });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.error.field, 'name');
    assert.deepEqual(fieldsOf(r), ['name', 'hours', 'from', 'to'], r.text);
    assert.match(r.json.error.fields[1].message, /^"5 08:00-07:00": Office hours must be spans/);
    // several bad lines: each named, in the one message under hours
    r = await api('POST', '/api/v1/calendar/periods?lang=en', { name: 'Ramadan', from: '2027-02-08', to: '2027-03-09', hours: ['1-4 08:00-14:00', '5 08:00-07:00', '6 kadang'] });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'hours', r.text);
    assert.match(r.json.error.message, /"5 08:00-07:00": .*; "6 kadang": /, r.text);
    // the period's own check alone names its days together too
    r = await api('POST', '/api/v1/calendar/periods?lang=en', { name: 'x', from: '2027-4-1', to: '2027-04-31', hours: ['5 closed'] });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['from', 'to'], r.text);
    // a weekday's hours: the weekday out of range with the hours left out, or with spans that overlap
    r = await api('PUT', '/api/v1/calendar/hours/9?lang=en', {});
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['hours', 'weekday'], r.text);
    assert.equal(r.json.error.fields[1].message, 'Day must be 0 (Sunday) to 6 (Saturday)');
    r = await api('PUT', '/api/v1/calendar/hours/7?lang=en', { hours: '07:30-12:00 11:00-16:00' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['weekday', 'hours'], r.text);
    r = await api('PUT', '/api/v1/calendar/hours/1?lang=en', { hours: 'h'.repeat(201) });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['hours'], r.text);
    // a holiday: the name empty (the JSON layer) and the day not a real date (the holiday's check)
    r = await api('POST', '/api/v1/calendar/holidays?lang=en', { day: '2027-02-30', name: '', kind: 'keagamaan' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['name', 'day', 'kind'], r.text);
    r = await api('POST', '/api/v1/calendar/holidays?lang=en', { day: '2027-05-05', name: '   ' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['name'], 'a name of spaces only is no name');
    const after = (await api('GET', '/api/v1/calendar?year=2027')).json;
    assert.deepEqual(after, before);
  } finally { await s.stop(); }
});
