// `loket absence add|list|remove`: the same absences as the API's (one service), checked the
// same (each wrong option named, nothing written), audited with the actor cli; on both engines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cli, initData, addUser, startServer, login, request } from './lib.mjs';

delete process.env.LOKET_DATA;
const NOW = '2026-03-10T09:00:00+07:00';   // a Tuesday in WIB: the clock of every call
const env = { LOKET_TEST_NOW: NOW };
const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

const run = (dir, args) => cli(['absence', ...args, '--data', dir], { env });
const auditRows = (dir) => Number(cli(['audit', 'verify', '--data', dir]).stdout.match(/intact: (\d+) rows/)[1]);

test('absence add, list and remove as the API sets them: checked, audited as cli, the same JSON', async () => {
  const dir = initData();
  cleanup.push(dir);
  addUser(dir, 'sari', 'staf');
  addUser(dir, 'wulan', 'staf');
  let r = run(dir, ['add', 'sari', '--from', '2026-03-09', '--to', '2026-03-13', '--kind', 'cuti', '--replacement', 'wulan', '--note', 'cuti tahunan']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Absence (\d+) set: sari away 2026-03-09\.\.2026-03-13, wulan stands in \(office LPSE\)\.\n$/);
  const id = Number(r.stdout.match(/Absence (\d+)/)[1]);
  r = run(dir, ['list', 'sari', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const mine = JSON.parse(r.stdout);
  assert.deepEqual(mine.map((x) => [x.id, x.username, x.from, x.to, x.kind, x.replacement, x.note, x.current, x.created_by]),
    [[id, 'sari', '2026-03-09', '2026-03-13', 'cuti', 'wulan', 'cuti tahunan', true, 'cli']]);
  // without a name: who is away today
  r = run(dir, ['list']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^ +${id}  2026-03-09\\.\\.2026-03-13  cuti +sari +stand-in wulan  \\(now\\)  -- cuti tahunan\\n$`));
  assert.match(run(dir, ['list', 'wulan']).stdout, /^wulan has no absences in office LPSE\.\n$/);

  // every wrong option named, exit 2, nothing written; an overlap is 1
  const rows0 = auditRows(dir);
  r = run(dir, ['add', 'sari', '--from', '2026-03-20', '--to', '2026-02-30', '--kind', 'libur', '--replacement', 'nobody']);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stderr, /loket absence add: --to: /);
  assert.match(r.stderr, /loket absence add: --kind: must be cuti, sakit, dinas_luar, pelatihan or lainnya/);
  assert.match(r.stderr, /loket absence add: --replacement: /);
  r = run(dir, ['add', 'sari', '--from', '2026-03-12', '--to', '2026-03-16', '--kind', 'sakit', '--replacement', 'wulan']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /loket absence add: --from: must not overlap another absence/);
  // a period already over (the clock is 10 March) is refused, exit 1; a year and more names --to
  r = run(dir, ['add', 'sari', '--from', '2026-03-02', '--to', '2026-03-06', '--kind', 'sakit', '--replacement', 'wulan']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^loket absence add: --to: must not be before today: an absence already over changes nothing$/m);
  r = run(dir, ['add', 'sari', '--from', '2026-04-01', '--to', '2027-04-02', '--kind', 'sakit', '--replacement', 'wulan']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^loket absence add: --to: must be within 366 days of the first day, both included$/m);
  r = run(dir, ['add', 'tidakada', '--from', '2026-03-20', '--to', '2026-03-20', '--kind', 'sakit', '--replacement', 'wulan']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no user tidakada in office LPSE/);
  // a note too long says how long it may be
  r = run(dir, ['add', 'sari', '--from', '2026-03-20', '--to', '2026-03-20', '--kind', 'sakit', '--replacement', 'wulan', '--note', 'é'.repeat(501)]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^loket absence add: --note: This field is too long: at most 500 characters$/m);
  r = run(dir, ['add', 'sari', '--from', '2026-03-20', '--note']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--note needs a value/);
  assert.equal(run(dir, ['remove', 'sari', 'x']).status, 2);
  r = run(dir, ['remove', 'sari', String(id + 100)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /sari has no absence \d+ in office LPSE/);
  assert.equal(run(dir, ['add', 'sari', 'wulan']).status, 2, 'a word more than add takes');
  assert.equal(run(dir, ['list', '--kind', 'cuti']).status, 2, 'an option list does not read');
  assert.equal(auditRows(dir), rows0);

  // the API reads what the command set, in the same JSON; the audit rows name cli
  const s = await startServer({ dir, env });
  try {
    const token = await login(s.url);
    const api = await request(s.url, 'GET', '/api/v1/users/sari/absences', { token });
    assert.equal(api.status, 200, api.text);
    assert.deepEqual(api.json.absences, mine);
    const added = await request(s.url, 'GET', '/api/v1/audit?actor=cli&action=absence.*', { token });
    assert.deepEqual(added.json.rows.map((x) => x.action), ['absence.add']);
  } finally { await s.stop({ keep: true }); }

  const rows1 = auditRows(dir);
  r = run(dir, ['remove', 'sari', String(id)]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `Absence ${id} of sari cancelled.\n`);
  assert.deepEqual(JSON.parse(run(dir, ['list', 'sari', '--json']).stdout), []);
  assert.equal(auditRows(dir), rows1 + 1, 'absence.cancel');
  // one set in February is over by 10 March: remove says so of the absence (remove has no --to)
  r = cli(['absence', 'add', 'sari', '--from', '2026-02-02', '--to', '2026-02-03', '--kind', 'sakit', '--replacement', 'wulan', '--data', dir],
    { env: { LOKET_TEST_NOW: '2026-02-02T09:00:00+07:00' } });
  assert.equal(r.status, 0, r.stderr);
  const over = Number(r.stdout.match(/Absence (\d+)/)[1]);
  r = run(dir, ['remove', 'sari', String(over)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`^loket absence remove: absence ${over} of sari ended on 2026-02-03: one over stays as it was$`, 'm'));
  // help names every subcommand
  r = cli(['absence', '--help']);
  assert.equal(r.status, 0);
  for (const w of ['add USERNAME --from DAY --to DAY --kind KIND --replacement USERNAME', 'list [USERNAME] [--json]', 'remove USERNAME ID']) assert.ok(r.stdout.includes(w), w);
  // and who may replace: the rule the refusal "has none of the absent user's staff roles" applies
  assert.match(r.stdout.replace(/\s+/g, ' '), /an active user of the office holding at least one of USERNAME's staff roles/);
  assert.match(cli(['--help']).stdout, /\n  absence add\|list\|remove/);
});
