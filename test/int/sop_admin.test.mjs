// An LPSE's administrator changing its procedures, as README.md and docs/sop-format.md tell:
// an eleventh procedure written from scratch (test/sop/pengaduan.sop), checked, compiled in,
// served and walked along every branch; an existing procedure edited (a new revision, the open
// cases keeping theirs to their end); and files broken by hand, refused by `loket sop check`
// and, compiled in anyway, leaving the other procedures and the server up.
//
// "Compiled in" is `make build/loket` with the file in sop/: here each variant is linked from the
// objects of the binary under test (build/obj, or build/asan/obj for LOKET_BIN=build/asan/loket)
// with its own embedded files — sop/*.sop plus or minus the file under test — into one path,
// replaced between the servers as a new build replaces build/loket. lib.mjs runs that path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, renameSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UNDER = resolve(ROOT, process.env.LOKET_BIN || 'build/loket');
const ASAN = /asan/.test(UNDER);
const work = mkdtempSync(join(tmpdir(), 'loket-sopadm-'));
const VARIANT = join(work, 'loket');
process.env.LOKET_BIN = VARIANT;
const { startServer, initData, request, login, cli, webSession, sqlite, PG } = await import('./lib.mjs');

const PENGADUAN = readFileSync(join(ROOT, 'test/sop/pengaduan.sop'), 'utf8');
const CODE = 'SOP-LPSE.UJI-020';
const FILE = 'sop/uji-020-pengaduan.sop';   // its short name: UJI-020
const PKG = 'libmicrohttpd jansson libsodium libcurl libmagic libpq cairo pangocairo libqrencode xlsxwriter';
let built = 0;

// Link a binary at VARIANT holding sop/*.sop of the repository and the extra files ({name: text});
// a name given null leaves the repository's file of that name out.
function buildWith(extra = {}) {
  const dir = join(work, `b${++built}`);
  mkdirSync(join(dir, 'sop'), { recursive: true });
  for (const d of ['po', 'data', 'static']) symlinkSync(join(ROOT, d), join(dir, d));
  const sops = new Map(readdirSync(join(ROOT, 'sop')).filter((f) => f.endsWith('.sop'))
    .map((f) => [`sop/${f}`, readFileSync(join(ROOT, 'sop', f))]));
  for (const [name, text] of Object.entries(extra)) {
    if (text === null) sops.delete(name); else sops.set(name, text);
  }
  for (const [name, text] of sops) writeFileSync(join(dir, name), text);
  const ls = (d, re) => readdirSync(join(ROOT, d)).filter((f) => re.test(f)).map((f) => `${d}/${f}`).sort();
  const files = ['po/id.po', 'po/en.po', ...ls('data', /\.(txt|csv)$/), ...ls('static', /./), ...[...sops.keys()].sort()];
  const sh = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  sh('sh', [join(ROOT, 'scripts/embed.sh'), 'embedded.c', ...files]);
  const cc = ASAN ? 'clang' : 'cc';
  const san = ASAN ? ['-fsanitize=address,undefined'] : [];
  sh(cc, ['-std=c11', '-D_GNU_SOURCE', '-O0', ...san, `-I${join(ROOT, 'build')}`, '-c', '-o', 'embedded.o', 'embedded.c']);
  const objDir = join(dirname(UNDER), 'obj');
  const objs = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.o') && e.name !== 'embedded.o' && e.name !== 'sqlite3.o') objs.push(join(d, e.name));
    }
  };
  walk(objDir);
  const libs = sh('pkg-config', ['--libs', ...PKG.split(' ')]).trim().split(/\s+/);
  sh(cc, [...san, '-o', 'loket', ...objs, 'embedded.o', join(ROOT, 'build/obj/sqlite3.o'), ...libs, '-lpthread', '-lm']);
  renameSync(join(dir, 'loket'), VARIANT);   // as a new build replaces build/loket; a running server keeps its own
  rmSync(dir, { recursive: true, force: true });
}

after(() => rmSync(work, { recursive: true, force: true }));

// The frozen clock of walk.test.mjs: Monday 5 January 2026, 08:00 WIB, a working day.
const NOW = '2026-01-05T08:00:00+07:00';
const at = (hhmmss, day = '05') => `2026-01-${day}T${hhmmss}Z`;
const TRAINING = { training_start: '2026-01-19T08:00:00+07:00', training_end: '2026-01-21T15:30:00+07:00' };
const REQUESTER = { name: 'Rina Pengadu', email: 'rina@example.go.id', phone: '081234567891', org_name: 'CV Aduan Jaya' };
const same = (got, want, what) => assert.equal(got === null ? null : new Date(got).toISOString(), want === null ? null : new Date(want).toISOString(), what);

// ---- 1. an eleventh procedure ----

test('sop check: the eleventh procedure, written from the format alone, is valid', () => {
  const f = join(work, 'pengaduan.sop');
  writeFileSync(f, PENGADUAN);
  const r = cli(['sop', 'check', f]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /pengaduan\.sop: ok, SOP-LPSE\.UJI-020, 10 steps/);
});

let srv, token, dir, opened = {};
const api = (method, path, body) => request(srv.url, method, path, { token, body });

before(async () => {
  buildWith({ [FILE]: PENGADUAN });
  dir = initData();
  srv = await startServer({ dir, env: { LOKET_TEST_NOW: NOW } });
  token = await login(srv.url);
});

test('compiled in: sop list and show (by code and short name), the API and the pages have it', async () => {
  const list = cli(['sop', 'list']);
  assert.equal(list.status, 0, list.stderr);
  assert.equal(list.stdout.trim().split('\n').length, 11, list.stdout);
  assert.match(list.stdout, /SOP-LPSE\.UJI-020\s+00\s+10\s+Layanan Pengaduan Pengguna Layanan LPSE/);
  for (const c of [CODE, 'UJI-020', 'uji-020']) {
    const show = cli(['sop', 'show', c], { env: { COLUMNS: '120' } });
    assert.equal(show.status, 0, `${c}: ${show.stderr}`);
    assert.match(show.stdout, /Pengaduan lengkap\?/);
  }
  const all = await api('GET', '/api/v1/sops');
  assert.equal(all.status, 200);
  assert.equal(all.json.sops.length, 11);
  const p = all.json.sops.find((x) => x.code === CODE);
  assert.ok(p, 'the eleventh procedure in GET /api/v1/sops');
  assert.equal(p.revision_no, 1);
  assert.equal(p.channel, 'portal');
  assert.equal(p.steps.length, 10);
  const one = await api('GET', `/api/v1/sops/${encodeURIComponent(CODE)}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json.steps.map((s) => s.standard.kind),
    ['none', 'office', 'office', 'none', 'office', 'real', 'none', 'workdays_before', 'after_event', 'after_step']);
  const stored = sqlite(join(dir, 'loket.db'), `SELECT count(*) FROM audit WHERE action='sop.load' AND object='${CODE}'`);
  assert.equal(stored.stdout.trim(), '1', stored.stderr);
  const web = await webSession(srv.url);
  const pages = await web.get('/prosedur');
  assert.equal(pages.status, 200);
  assert.match(pages.text, /Layanan Pengaduan Pengguna Layanan LPSE/);
  const page = await web.get(`/prosedur/${CODE}`);
  assert.equal(page.status, 200);
  for (const w of ['Pengaduan lengkap?', 'Memperbaiki materi pelatihan sebelum pelatihan berikutnya', '15 menit jam kerja']) {
    assert.ok(page.text.includes(w), `the page says ${w}`);
  }
  const short = await web.get('/prosedur/UJI-020');
  assert.ok([200, 301, 302, 303, 308].includes(short.status), `short name: ${short.status}`);
  const svg = await web.get(`/prosedur/${CODE}/alur.svg`);
  assert.equal(svg.status, 200);
});

// "3 no" → {no: 3, outcome: 'no'}; "4" → done.
const parse = (path) => path.split(' → ').filter((t) => t !== 'end').map((t) => {
  const [no, outcome = 'done'] = t.split(' ');
  return { no: Number(no), outcome };
});

// The due time (UTC) of each step started at 08:00 WIB Monday 5 January, worked out by hand.
const DUE = {
  1: null,
  2: at('01:15:00'),                       // 15min office
  3: at('01:10:00'),                       // 10min office
  4: null,                                 // the requester's, the clock paused
  5: at('03:00:00'),                       // 2h office: 08:00 → 10:00 WIB
  6: at('02:00:00'),                       // 1h real
  7: null,
  8: '2026-01-14T09:00:00Z',               // 2 workdays before Mon 19 Jan: Thu 15 (Fri 16 a holiday), Wed 14 16:00 WIB
  9: '2026-01-21T09:30:00Z',               // 1h after training_end, Wed 21 Jan 15:30 WIB
  10: at('01:10:00'),                      // 10min office after step 5, which ended at 08:00
};

// Open a case through the API and walk it along path; the case as last answered.
async function walk(path, events) {
  const body = { sop: CODE, subject: `pengaduan: ${path}`, requester: REQUESTER };
  if (events) body.events = events;
  const r = await api('POST', '/api/v1/cases', body);
  assert.equal(r.status, 201, r.text);
  let c = r.json;
  assert.equal(c.sop, CODE);
  assert.equal(c.channel, 'portal', 'the channel the file names when the API gives none');
  assert.equal(c.revision_no, 1);
  const num = encodeURIComponent(c.number);
  const toks = parse(path);
  for (let i = 0; i < toks.length; i++) {
    const { no, outcome } = toks[i];
    assert.equal(c.current_step, no, `${path}: step ${no} open`);
    const open = c.steps.at(-1);
    same(open.due_at, DUE[no], `${path}: step ${no} due`);
    assert.equal(open.pause, no === 4, `${path}: step ${no} pause`);
    const q = await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome });
    assert.equal(q.status, 200, `${path}: step ${no} ${outcome}: ${q.text}`);
    c = q.json;
  }
  assert.equal(c.status, 'closed', `${path}: closed at the end`);
  assert.deepEqual(c.steps.map((s) => s.no), toks.map((t) => t.no), `${path}: the steps as walked`);
  return c;
}

test('walked through HTTP along every branch: the loop back to the requester, both answers of both decisions', async () => {
  opened.notTraining = (await walk('1 → 2 → 3 no → 4 → 3 yes → 5 → 6 → 7 no → 10 → end', TRAINING)).number;
  opened.training = (await walk('1 → 2 → 3 yes → 5 → 6 → 7 yes → 8 → 9 → 10 → end', TRAINING)).number;
});

test('a case of it without the events its standards count from is refused, naming the event', async () => {
  const r = await api('POST', '/api/v1/cases', { sop: CODE, subject: 'tanpa tanggal pelatihan', requester: REQUESTER });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.field, /^events\.training_(start|end)$/);
});

test('the staff\'s open-case form offers it, asks for the events its standards name, and opens one', async () => {
  const web = await webSession(srv.url);
  const choose = await web.get('/kasus/baru');
  assert.equal(choose.status, 200);
  assert.ok(choose.text.includes(`/kasus/baru?sop=${encodeURIComponent(CODE)}`) || choose.text.includes(`/kasus/baru?sop=${CODE}`), 'the procedure to choose');
  const form = await web.get(`/kasus/baru?sop=${encodeURIComponent(CODE)}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /name="events\.training_start" type="datetime-local"/);
  assert.match(form.text, /name="events\.training_end" type="datetime-local"/);
  const r = await web.post('/kasus', {
    csrf: web.csrf, sop: CODE, channel: 'walk_in', subject: 'Aduan pelayanan', urgency: 'tidak_mendesak', impact: 'kecil',
    'requester.name': 'Budi Pengadu', 'requester.phone': '081234567892',
    'events.training_start': '2026-01-19T08:00', 'events.training_end': '2026-01-21T15:30',
  });
  assert.equal(r.status, 303, r.text.slice(0, 800));
  const m = r.headers.get('location').match(/^\/kasus\/([A-Z0-9-]+)\?/);
  assert.ok(m, r.headers.get('location'));
  opened.web = m[1];
  const page = await web.get(`/kasus/${m[1]}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Layanan Pengaduan Pengguna Layanan LPSE/);
});

test('the head of unit\'s compliance report counts its steps', async () => {
  const r = await api('GET', `/api/v1/reports/compliance?sop=${encodeURIComponent(CODE)}&from=2026-01-01&to=2026-01-31`);
  assert.equal(r.status, 200, r.text);
  const rows = r.json.rows.filter((x) => x.sop === CODE);
  assert.ok(rows.length >= 8, JSON.stringify(r.json.rows));
  const s3 = rows.find((x) => x.step === 3);
  assert.equal(s3.cases, 2, 'step 3: two cases (one took it twice)');
  assert.equal(s3.done, 3, 'step 3 done three times');
  assert.equal(s3.met, 3);
  const s8 = rows.find((x) => x.step === 8);
  assert.equal(s8.cases, 1);
  const web = await webSession(srv.url);
  const page = await web.get(`/laporan/kepatuhan?sop=${encodeURIComponent(CODE)}&from=2026-01-01&to=2026-01-31`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Memeriksa kelengkapan pengaduan'), 'the report page names its steps');
});

// ---- 2. an existing procedure edited ----

// The edit: a standard changed (step 2: 15 → 20 min), a step reworded (5), an actor changed (6:
// helpdesk → piket), a step added (11, after 10; 10 now leads to it), and the document's revision.
const EDITED = PENGADUAN
  .replace('revision: 00', 'revision: 01')
  .replace('  time: 15min office\n', '  time: 20min office\n')
  .replace('Menelaah pengaduan dan memberi disposisi', 'Menelaah pengaduan dan menuliskan disposisi')
  .replace('  text: Menghubungi pengadu dengan tanggapan awal\n  text_en: Call the complainant back with a first answer\n  actor: helpdesk',
    '  text: Menghubungi pengadu dengan tanggapan awal\n  text_en: Call the complainant back with a first answer\n  actor: piket')
  .replace('  register: archive\n  next: end\n', '  register: archive\nstep 11\n  text: Melaporkan rekap pengaduan kepada ketua\n  actor: helpdesk\n  time: 1h office\n  next: end\n');

test('an edited procedure: a new revision stored and audited; the open case keeps its own to the end, a new one follows the new', async () => {
  // a case opened under revision 1, left at step 5
  const old = await api('POST', '/api/v1/cases', { sop: CODE, subject: 'dibuka sebelum perubahan', requester: REQUESTER, events: TRAINING });
  assert.equal(old.status, 201, old.text);
  const num = encodeURIComponent(old.json.number);
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'yes']]) {
    assert.equal((await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome })).status, 200);
  }
  const check = join(work, 'edited.sop');
  writeFileSync(check, EDITED);
  assert.equal(cli(['sop', 'check', check]).status, 0, 'the edit is checked first');
  await srv.stop({ keep: true });
  buildWith({ [FILE]: EDITED });
  srv = await startServer({ dir, env: { LOKET_TEST_NOW: NOW } });
  token = await login(srv.url);
  assert.match(srv.output().stderr, /procedure SOP-LPSE\.UJI-020 changed \(sop\/uji-020-pengaduan\.sop\): revision 2 stored; open cases keep the revision they started under/);
  const audits = sqlite(join(dir, 'loket.db'), `SELECT detail FROM audit WHERE action='sop.load' AND object='${CODE}' ORDER BY id`);
  assert.match(audits.stdout, /^revision 1, sop\/uji-020-pengaduan\.sop, sha256 [0-9a-f]{64}\nrevision 2, sop\/uji-020-pengaduan\.sop, sha256 [0-9a-f]{64}\n$/, audits.stdout);
  // only the changed one: no other procedure got a revision
  const others = sqlite(join(dir, 'loket.db'), 'SELECT count(*) FROM procedure WHERE revision_no>1');
  assert.equal(others.stdout.trim(), '1');
  const p = (await api('GET', `/api/v1/sops/${encodeURIComponent(CODE)}`)).json;
  assert.equal(p.revision_no, 2);
  assert.equal(p.revision, '01');
  assert.equal(p.steps.length, 11);

  // the open case: revision 1's steps, texts, actors and standards, to its end (10 → end, no step 11)
  let c = (await api('GET', `/api/v1/cases/${num}`)).json;
  assert.equal(c.revision_no, 1);
  assert.equal(c.revision, '00');
  assert.equal(c.current_step, 5);
  assert.equal(c.steps.at(-1).title, 'Menelaah pengaduan dan memberi disposisi');
  for (const [no, outcome] of [[5, 'done'], [6, 'done'], [7, 'no'], [10, 'done']]) {
    const q = await api('POST', `/api/v1/cases/${num}/steps/${no}`, { outcome });
    assert.equal(q.status, 200, `old case, step ${no}: ${q.text}`);
    c = q.json;
    if (no === 6) assert.deepEqual(c.steps.find((s) => s.no === 6).actor, ['helpdesk'], 'step 6 keeps revision 1\'s actor');
  }
  assert.equal(c.status, 'closed', 'revision 1 ends after step 10');
  assert.equal(c.revision_no, 1);
  const web = await webSession(srv.url);
  const page = await web.get(`/kasus/${c.number}`);
  assert.match(page.text, /Revisi 00 \(versi 1\)/, 'the case page says which revision it follows');

  // a new case: revision 2
  const n = await api('POST', '/api/v1/cases', { sop: CODE, subject: 'dibuka sesudah perubahan', requester: REQUESTER, events: TRAINING });
  assert.equal(n.status, 201, n.text);
  assert.equal(n.json.revision_no, 2);
  assert.equal(n.json.revision, '01');
  const nn = encodeURIComponent(n.json.number);
  let d = n.json;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'yes'], [5, 'done'], [6, 'done'], [7, 'no'], [10, 'done'], [11, 'done']]) {
    if (no === 2) same(d.steps.at(-1).due_at, at('01:20:00'), 'revision 2: step 2 is 20min office');
    if (no === 6) assert.deepEqual(d.steps.at(-1).actor, ['piket'], 'revision 2: step 6 is piket\'s');
    const q = await api('POST', `/api/v1/cases/${nn}/steps/${no}`, { outcome });
    assert.equal(q.status, 200, `new case, step ${no}: ${q.text}`);
    d = q.json;
  }
  assert.equal(d.status, 'closed');

  // the report: both revisions' cases in one row per step; step 11 only revision 2's
  const r = await api('GET', `/api/v1/reports/compliance?sop=${encodeURIComponent(CODE)}&from=2026-01-01&to=2026-01-31`);
  assert.equal(r.status, 200, r.text);
  const rows = r.json.rows.filter((x) => x.sop === CODE);
  const s10 = rows.find((x) => x.step === 10);
  assert.equal(s10.cases, 4, 'step 10: two walked, the old and the new case');
  assert.equal(rows.find((x) => x.step === 11).cases, 1);
  assert.equal(rows.find((x) => x.step === 6).cases, 4);
});

// ---- 3. files broken by hand ----

const BROKEN = {
  'typo in a key': [PENGADUAN.replace('  actor: requester\n  time: none\n  pause', '  acter: requester\n  time: none\n  pause'), /:42: unknown step key "acter": did you mean "actor"\?/],
  'a tab for the indent': [PENGADUAN.replace('  time: 15min office', '\ttime: 15min office'), /:28: indent with spaces, not tabs/],
  'a step number missing': [PENGADUAN.replace('step 6\n', 'step 7\n').replace('step 7\n  text: Apakah', 'step 8\n  text: Apakah'), /:53: step 7 out of order: expected step 6/],
  'a branch to a step that does not exist': [PENGADUAN.replace('  no: 10\n', '  no: 12\n'), /:64: step 7: "no: 12" names step 12, which does not exist \(the last is 10\)/],
  'an unreachable step': [PENGADUAN.replace('  yes: 8\n', '  yes: 9\n'), /:65: step 8 is not reachable from step 1/],
  'no end': [PENGADUAN.replace('  next: end\n', '  next: 2\n'), /:74: no way to end: no step leads to end/],
  'a loop without exit': [PENGADUAN.replace('  next: 3\n', '  next: 4\n'), /:39: step 4 cannot reach the end: a loop with no way out/],
  'an unknown role': [PENGADUAN.replace('actor: ketua, sekretaris', 'actor: ketua, kasubag'), /:49: actor: "kasubag" is not a role of Loket \(nor requester\)/],
  'roles apart by spaces': [PENGADUAN.replace('actor: ketua, sekretaris', 'actor: ketua sekretaris'), /:49: actor: "ketua sekretaris": roles are separated by commas: ketua,sekretaris\n/],
  'a malformed standard': [PENGADUAN.replace('2 workdays before training_start', '2 hari kerja sebelum'), /:69: time: "2 hari kerja sebelum": a deadline in working days is N workdays before EVENT, e\.g\. 2 workdays before training_start/],
  'an event left out': [PENGADUAN.replace('2 workdays before training_start', '2 workdays before'), /:69: time: "2 workdays before": a deadline in working days is N workdays before EVENT/],
  'a step number twice': [PENGADUAN.replace('step 6\n', 'step 5\n'), /:53: step 5 given twice: step 5 is already at line 46/],
  'an empty file': ['', /:1: the file is empty: a procedure has code:, title:, revision: and at least "step 1"/],
  'a binary file': [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x0a]), /:1: not a text file \(it holds NUL bytes\)/],
  'a file saved as UTF-16': [Buffer.from('\uFEFF' + PENGADUAN, 'utf16le'), /:1: the file is UTF-16 text \("Unicode" in Notepad's Save As\): save it as UTF-8\n$/],
  'lines ending in CR alone': [PENGADUAN.replace(/\n/g, '\r'), /:1: the lines end in CR alone \(an old Mac line end\): save the file with LF or CRLF line ends\n$/],
  'an escape in a text': [PENGADUAN.replace('  text: Menerima dan mencatat', '  text: \x1b[31mMenerima dan mencatat'), /:25: an invisible control character \(U\+001B\) in the line: a procedure is plain text; delete it/],
  'a duration of 0': [PENGADUAN.replace('  time: 15min office', '  time: 0min office'), /:28: time: "0min office": a duration of 0 is no standard: write none, or a duration of at least 1/],
  'a standard in Indonesian': [PENGADUAN.replace('  time: 15min office', '  time: 15 menit jam kerja'), /:28: time: "15 menit jam kerja": the words are English: s, min or h \(detik, menit, jam\)/],
};

test('sop check: every file broken by hand is refused with FILE:LINE and what to do, exit 1', () => {
  for (const [what, [text, want]] of Object.entries(BROKEN)) {
    const f = join(work, `${what.replace(/\W+/g, '-')}.sop`);
    writeFileSync(f, text);
    const r = cli(['sop', 'check', f]);
    assert.equal(r.status, 1, `${what}: exit 1`);
    assert.match(r.stderr, new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + want.source), `${what}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout, /: ok/, what);
  }
  // one error, not one per key or line, for a file that is not a procedure at all
  for (const what of ['an empty file', 'a binary file', 'a file saved as UTF-16', 'lines ending in CR alone']) {
    const r = cli(['sop', 'check', join(work, `${what.replace(/\W+/g, '-')}.sop`)]);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${what}: ${r.stderr}`);
  }
});

test('sop check: a byte-order mark and CRLF line endings (as Windows editors save) are read as the same file', () => {
  for (const [what, text] of [['bom', '\uFEFF' + PENGADUAN], ['crlf', PENGADUAN.replace(/\n/g, '\r\n')]]) {
    const f = join(work, `${what}.sop`);
    writeFileSync(f, text);
    const r = cli(['sop', 'check', f]);
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    assert.match(r.stdout, /ok, SOP-LPSE\.UJI-020, 10 steps/);
  }
});

test('a broken file compiled in anyway: the server starts, the others are served, the broken one stays at its stored revision', async () => {
  await srv.stop({ keep: true });
  const bad = EDITED.replace('actor: ketua, sekretaris', 'actor: ketua, kasubag');
  const neverStored = 'code: SOP-LPSE.UJI-021\ntitle: Baru dan rusak\nrevision: 00\nstep 1\n  text: a\n  actor: satpam\n  time: none\n';
  buildWith({ [FILE]: bad, 'sop/uji-021-rusak.sop': neverStored });
  srv = await startServer({ dir, env: { LOKET_TEST_NOW: NOW } });
  token = await login(srv.url);
  const err = srv.output().stderr;
  assert.match(err, /procedure file: sop\/uji-020-pengaduan\.sop:49: actor: "kasubag" is not a role of Loket/);
  assert.match(err, /procedure file: sop\/uji-020-pengaduan\.sop: not loaded; procedure SOP-LPSE\.UJI-020 stays at its stored revision 2/);
  assert.match(err, /procedure file: sop\/uji-021-rusak\.sop:6: actor: "satpam"/);
  assert.match(err, /procedure file: sop\/uji-021-rusak\.sop: not loaded: no case of it can be opened until the file is fixed/);
  const all = (await api('GET', '/api/v1/sops')).json.sops;
  assert.equal(all.length, 11, 'the ten and the eleventh at its stored revision');
  const p = all.find((x) => x.code === CODE);
  assert.equal(p.revision_no, 2);
  assert.equal(p.steps.length, 11);
  assert.ok(!all.some((x) => x.code === 'SOP-LPSE.UJI-021'));
  const n = await api('POST', '/api/v1/cases', { sop: CODE, subject: 'saat berkas rusak', requester: REQUESTER, events: TRAINING });
  assert.equal(n.status, 201, n.text);
  assert.equal(n.json.revision_no, 2);
  const stored = sqlite(join(dir, 'loket.db'), `SELECT count(*) FROM procedure WHERE code='${CODE}'`);
  assert.equal(stored.stdout.trim(), '2', 'a broken file stores no revision');
  // sop list says so too, and lists the others
  const list = cli(['sop', 'list']);
  assert.equal(list.status, 0);
  assert.equal(list.stdout.trim().split('\n').length, 10, 'without a database, the broken files are left out');
  assert.match(list.stderr, /uji-020-pengaduan\.sop:49: actor: "kasubag"/);
  assert.match(list.stderr, /loket sop list: a procedure file compiled in is not valid \(above\): it is left out/);
  await srv.stop();
});
