// Procedures as data: `loket sop check|list|show`, loading at init (stored once,
// audited), the API (200, 404, 403 for a requester) and the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, BIN, cli, initData, startServer, request, login, addUser, sqlite, webSession } from './lib.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'loket-sop-'));
const GOOD = [join(ROOT, 'test/sop/phone.sop'), join(ROOT, 'test/sop/training.sop')];
let s, token, codes;

// Write a procedure file into the temporary folder; returns its path.
const write = (name, text) => { const p = join(tmp, name); writeFileSync(p, text); return p; };
const HEAD = 'code: SOP-UJI-1\ntitle: Uji\nrevision: 00\n';
delete process.env.COLUMNS;   // sop show's table: 80 columns unless a test says otherwise

before(async () => {
  s = await startServer();
  token = await login(s.url);
  const r = cli(['sop', 'list', '--json']);
  assert.equal(r.status, 0, r.stderr);
  codes = JSON.parse(r.stdout).sops.map((p) => p.code);
});
after(async () => {
  if (s) await s.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('sop check: valid files exit 0 and say ok', () => {
  const r = cli(['sop', 'check', ...GOOD]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /phone\.sop: ok, SOP-TEST-017, 8 steps/);
  assert.match(r.stdout, /training\.sop: ok, SOP-TEST-005, 5 steps/);
});

test('sop check: a procedure of one step is "1 step"', () => {
  const one = write('one.sop', `${HEAD}step 1\n  text: a\n  actor: helpdesk\n  time: none\n`);
  const r = cli(['sop', 'check', one]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${one}: ok, SOP-UJI-1, 1 step\n`);
});

test('sop check without files is a usage error (exit 2)', () => {
  const r = cli(['sop', 'check']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /give the files/);
});

test('sop check: a broken file exits 1 and names FILE:LINE for every error', () => {
  const bad = write('bad.sop', `${HEAD}author: x\nstep 1\n  text: a\n  actor: satpam\n  time: 10 menit\n  next: 7\n`);
  const r = cli(['sop', 'check', GOOD[0], bad]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /phone\.sop: ok/);
  assert.ok(r.stderr.includes(`${bad}:4: unknown key "author"`), r.stderr);
  assert.ok(r.stderr.includes(`${bad}:7: actor: "satpam" is not a role`), r.stderr);
  assert.ok(r.stderr.includes(`${bad}:8: time: "10 menit"`), r.stderr);
  assert.ok(r.stderr.includes(`${bad}:9: step 1: "next: 7" names step 7`), r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 4, r.stderr);
});

test('sop check: a file that is not UTF-8 (a Latin-1 é) is refused naming its line', () => {
  const lines = readFileSync(GOOD[0], 'utf8').split('\n');
  const bad = join(tmp, 'latin1.sop');   // a comment line 2 with one Latin-1 byte
  writeFileSync(bad, Buffer.concat([Buffer.from(`${lines[0]}\n# caf`), Buffer.from([0xe9]), Buffer.from(`\n${lines.slice(1).join('\n')}`)]));
  const r = cli(['sop', 'check', bad]);
  assert.equal(r.status, 1, r.stdout);
  assert.ok(r.stderr.includes(`${bad}:2: not UTF-8 text`), r.stderr);
});

test('sop check: unreachable steps, no end, and a loop without exit are refused', () => {
  const step = (n, extra = '') => `step ${n}\n  text: t${n}\n  actor: helpdesk\n  time: none\n${extra}`;
  const unreachable = write('unreachable.sop', HEAD + step(1, '  next: end\n') + step(2));
  let r = cli(['sop', 'check', unreachable]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unreachable\.sop:9: step 2 is not reachable from step 1/);
  const loop = write('loop.sop', HEAD + step(1, '  question: q?\n  yes: end\n  no: 2\n') + step(2) + step(3, '  next: 2\n'));
  r = cli(['sop', 'check', loop]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /loop\.sop:11: step 2 cannot reach the end/);
  const noend = write('noend.sop', HEAD + step(1) + step(2, '  next: 1\n'));
  r = cli(['sop', 'check', noend]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /noend\.sop:8: no way to end/);
  // "back" on a step nothing leads to has nowhere to go; step 1 cannot be outside the flow
  const back = write('back.sop', HEAD + step(1, '  question: q?\n  yes: back\n  no: end\n'));
  r = cli(['sop', 'check', back]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /back\.sop:9: step 1: back has nowhere to go/);
  const outside = write('outside.sop', HEAD + step(1, '  outside: yes\n  next: end\n'));
  r = cli(['sop', 'check', outside]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /outside\.sop:4: step 1 starts every case/);
});

test('sop check: two files with one code, and a missing file', () => {
  const copy = write('copy.sop', '# a copy\ntitle: t\ncode: SOP-TEST-017\nrevision: 01\nstep 1\n  text: a\n  actor: piket\n  time: none\n');
  let r = cli(['sop', 'check', GOOD[0], copy]);
  assert.equal(r.status, 1);
  // the line of each file's code
  const first = readFileSync(GOOD[0], 'utf8').split('\n').findIndex((l) => l.startsWith('code:')) + 1;
  assert.match(r.stderr, new RegExp(`copy\\.sop:3: code SOP-TEST-017 is also the code of .*phone\\.sop \\(line ${first}\\)`));
  assert.doesNotMatch(r.stdout, /copy\.sop: ok/, 'a file that clashes is not said to be ok');
  r = cli(['sop', 'check', GOOD[0], GOOD[0]]);   // one file named twice: no clash with itself
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  r = cli(['sop', 'check', join(tmp, 'nothing-here.sop')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nothing-here\.sop: no such file\n/);
  // a folder given for a file is said so, with the files to name instead
  r = cli(['sop', 'check', tmp + '/']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${tmp}/: a folder, not a procedure file: name the files in it (${tmp}/*.sop)\n`);
});

test('sop check: two codes that make one address (its slug) clash, as loading them into the library would refuse', () => {
  const body = 'title: t\nrevision: 00\nstep 1\n  text: a\n  actor: piket\n  time: none\n';
  const spaced = write('spaced.sop', 'code: SOP 07/LPSE/2027\n' + body);
  const dashed = write('dashed.sop', 'code: SOP-07-LPSE-2027\n' + body);
  const r = cli(['sop', 'check', spaced, dashed]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /dashed\.sop:1: code SOP-07-LPSE-2027 makes the same address \(SOP-07-LPSE-2027\) as code SOP 07\/LPSE\/2027 of .*spaced\.sop \(line 1\)/);
  assert.match(r.stdout, /spaced\.sop: ok/);
  assert.doesNotMatch(r.stdout, /dashed\.sop: ok/);
});

test('sop list: the procedures compiled in, by code', () => {
  const r = cli(['sop', 'list']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').filter((l) => l);
  assert.equal(lines.length, codes.length);
  assert.deepEqual([...codes].sort(), codes);
  for (const c of codes) assert.ok(r.stdout.includes(c), `${c} missing from: ${r.stdout}`);
});

test('sop show: a table of the steps; --json as the API; an unknown code exits 1', () => {
  if (codes.length === 0) return;
  const code = codes.includes('SOP-LPSE.BTG-017') ? 'SOP-LPSE.BTG-017' : codes[0];
  const r = cli(['sop', 'show', code]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /no\s+pelaksana\s+mutu baku/);
  assert.ok(r.stdout.startsWith(code));
  const j = cli(['sop', 'show', code, '--json']);
  assert.equal(j.status, 0, j.stderr);
  const p = JSON.parse(j.stdout);
  assert.equal(p.code, code);
  assert.ok(p.steps.length > 0);
  // read from the file compiled in: the database's id and revision number are not known
  assert.equal(p.id, null);
  assert.equal(p.revision_no, null);
  if (code === 'SOP-LPSE.BTG-017') {
    assert.match(r.stdout, /10 detik/);
    assert.match(r.stdout, /Ya → 6;\n\s+.*Tidak → 8\n/, 'at 80 columns each answer on its line');
    assert.match(cli(['sop', 'show', code], { env: { COLUMNS: '120' } }).stdout, /Ya → 6; Tidak → 8/);
    assert.match(r.stdout, /^ 1\s+pemohon\s/m, 'the requester in the SOP\'s words');
    const en = cli(['sop', 'show', code, '--lang', 'en']).stdout;
    assert.match(en, /10 seconds/);
    // the whole table in English: headings, branches and the steps' English text
    assert.match(en, /\(revision 00\)/);
    assert.match(en, /no\s+actor\s+standard \(time\)\s+activity\s+branch/);
    assert.match(en, /Yes → 6;\n\s+.*No → 8\n/);
    assert.match(en, /→ end/);
    assert.match(en, /^ 2\s+helpdesk\s+10 seconds\s+Answer the phone/m);
    // the table's own words (the header's facts are the original's, in Indonesian)
    assert.doesNotMatch(en.slice(en.search(/^no +actor /m)), /pelaksana|selesai|Tidak/);
    // a decision's question in English where the file gives it (question_en), not the Indonesian
    const wide = cli(['sop', 'show', code, '--lang', 'en'], { env: { COLUMNS: '200' } }).stdout;
    assert.match(wide, /\(Can it be answered or a solution given\?\)/);
    assert.doesNotMatch(wide, /Dapat dijawab/);
    assert.match(cli(['sop', 'show', code], { env: { COLUMNS: '200' } }).stdout, /\(Dapat dijawab atau diberikan solusi\?\)/);
    const five = p.steps.find((s) => s.no === 5);
    assert.equal(five.question, 'Dapat dijawab atau diberikan solusi?');
    assert.equal(five.question_en, 'Can it be answered or a solution given?');
    assert.equal(p.steps.find((s) => s.no === 1).question_en, null);
    // the required items in English too (item_en), each in its item's place
    assert.match(wide, /Items: The user's question/);
    assert.doesNotMatch(wide, /Pertanyaan pengguna/);
    assert.match(cli(['sop', 'show', code], { env: { COLUMNS: '200' } }).stdout, /Kelengkapan: Pertanyaan pengguna/);
    for (const st of p.steps) assert.equal(st.items_en.length, st.items.length, `step ${st.no}: an English item for each item`);
    const withItems = p.steps.find((st) => st.items.includes('Pertanyaan pengguna'));
    assert.deepEqual(withItems.items_en, ["The user's question"]);
  }
  const fr = cli(['sop', 'show', code, '--lang', 'fr']);
  assert.equal(fr.status, 2);
  assert.match(fr.stderr, /--lang is id or en/);
  const u = cli(['sop', 'show', 'SOP-TIDAK-ADA']);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /no procedure SOP-TIDAK-ADA/);
  assert.equal(cli(['sop', 'frobnicate']).status, 2);
  assert.equal(cli(['sop', '--help']).status, 0);
});

test('sop show: every procedure fits a terminal of 80 columns, in both languages, with its mutu baku', () => {
  const cols = (line) => [...line].length;
  for (const code of codes) {
    for (const lang of ['id', 'en']) {
      const r = cli(['sop', 'show', code, '--lang', lang]);
      assert.equal(r.status, 0, r.stderr);
      for (const line of r.stdout.split('\n')) assert.ok(cols(line) <= 80, `${code} (${lang}): ${cols(line)} columns: ${line}`);
      const p = JSON.parse(cli(['sop', 'show', code, '--json', '--lang', lang]).stdout);
      // every step's number starts a row; the step's output is shown (wrapped, so compared without spaces)
      const flat = r.stdout.replace(/\s+/g, '');
      for (const st of p.steps) {
        assert.match(r.stdout, new RegExp(`^${String(st.no).padStart(2)} `, 'm'), `${code}: step ${st.no}`);
        if (st.output) assert.ok(flat.includes(st.output.replace(/\s+/g, '')), `${code} step ${st.no}: output ${st.output}`);
      }
    }
  }
  const r = cli(['sop', 'show', 'SOP-LPSE.BTG-019']).stdout;
  assert.match(r, /^LPSE Kabupaten Batang, berlaku efektif 2017-01-08$/m);
  assert.match(r.replace(/\s+/g, ' '), /Keterangan: Pemohon bisa langsung/);
  assert.match(r, /→ 2 \(jeda\)/);
  // a question the text already asks is not repeated in brackets (BTG-006 step 9)
  const b = cli(['sop', 'show', 'SOP-LPSE.BTG-006']).stdout;
  assert.doesNotMatch(b.replace(/\s+/g, ' '), /diselesaikan\? \(Permasalahan dapat diselesaikan\?\)/);
  assert.match(cli(['sop', 'show', 'SOP 01/LPSE.OI/2012', '--lang', 'en']).stdout, /^LPSE Kabupaten Ogan Ilir, effective unknown$/m);
});

test('sop show: the original\'s header, the registers each step writes and the notes of the encoding', () => {
  const flat = (z) => z.replace(/\s+/g, '');
  const REG = { id: { guest_book: 'Buku Tamu', archive: 'Arsip', consultation: 'Formulir Konsultasi' },
    en: { guest_book: 'guest book', archive: 'archive', consultation: 'consultation form' } };
  for (const code of codes) {
    for (const lang of ['id', 'en']) {
      const out = cli(['sop', 'show', code, '--lang', lang]).stdout;
      const p = JSON.parse(cli(['sop', 'show', code, '--json', '--lang', lang]).stdout);
      const f = flat(out);
      for (const key of ['basis', 'qualification', 'equipment', 'record', 'related', 'warning', 'note']) {
        for (const v of p[key]) assert.ok(f.includes(flat(v)), `${code} (${lang}): ${key} ${v}`);
      }
      if (p.purpose) assert.ok(f.includes(flat(p.purpose)), `${code} (${lang}): purpose`);
      // the header comes before the table, the notes after it
      const table = out.search(/^no +(pelaksana|actor) /m);
      if (p.basis.length) assert.ok(out.indexOf(lang === 'id' ? 'Dasar Hukum:' : 'Legal basis:') < table, `${code}: basis first`);
      if (p.note.length) assert.ok(out.lastIndexOf(lang === 'id' ? 'Catatan pengodean' : 'Notes on this encoding') > table, `${code}: notes last`);
      for (const st of p.steps) {
        for (const r of st.registers) if (REG[lang][r]) assert.ok(f.includes(flat(REG[lang][r])), `${code} step ${st.no}: register ${r}`);
      }
    }
  }
  const b = cli(['sop', 'show', 'SOP-LPSE.BTG-006']).stdout;
  assert.match(b, /^Keterkaitan:\n {2}1\. SOP Pengarsipan Dokumen$/m);
  assert.match(b, /Dicatat pada: Buku Tamu/);
  assert.match(cli(['sop', 'show', 'SOP-LPSE.BTG-017', '--lang', 'en']).stdout, /Written to: consultation form/);
});

test('sop show: the activity stays in its column (never under the branch), and takes what a wider terminal gives', () => {
  const cols = (line) => [...line].length;
  for (const code of codes) {
    for (const width of [80, 120, 300, 20]) {
      const r = cli(['sop', 'show', code], { env: { COLUMNS: String(width) } });
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const head = lines.findIndex((l) => l.startsWith('no '));
      const text = [...lines[head]].join('').indexOf('kegiatan'), branch = lines[head].indexOf('cabang');
      const max = Math.min(Math.max(width, 80), 200);   // COLUMNS below 80 gives 80, above 200 gives 200
      for (const line of lines) assert.ok(cols(line) <= max, `${code} at ${width}: ${cols(line)} columns: ${line}`);
      // the table: from its heading to the blank line before the notes of the encoding
      const tail = lines.indexOf('', head);
      for (const line of lines.slice(head + 1, tail < 0 ? undefined : tail)) {
        assert.ok(cols(line) <= max, `${code} at ${width}: ${cols(line)} columns: ${line}`);
        const chars = [...line];
        // what stands in the activity's column starts there, and never runs into the branch's
        if (chars.length > text && chars[text] !== ' ' && chars.length > branch) {
          assert.equal(chars[branch - 1], ' ', `${code} at ${width}: ${line}`);
        }
        if (/^\s+\S/.test(line)) {
          const first = chars.findIndex((c) => c !== ' ');
          assert.ok([text, branch].includes(first) || first < text, `${code} at ${width}: starts at ${first}: ${line}`);
        }
      }
      if (width === 120) assert.ok(lines.some((l) => cols(l) > 80), `${code}: the wider terminal used`);
    }
  }
});

test('init stores each procedure once, as revision 1, with an audit row; serve adds none', async () => {
  const db = join(s.dir, 'loket.db');
  const rows = sqlite(db, 'SELECT code, revision_no FROM procedure ORDER BY code');
  assert.equal(rows.status, 0, rows.stderr);
  const stored = rows.stdout.trim().split('\n').filter((l) => l);
  assert.equal(stored.length, codes.length);
  for (const line of stored) assert.match(line, /\|1$/);
  const audits = sqlite(db, "SELECT count(*) FROM audit WHERE action='sop.load'");
  assert.equal(Number(audits.stdout.trim()), codes.length);
  assert.equal(cli(['audit', 'verify', '--data', s.dir]).status, 0);
});

test('GET /api/v1/sops lists every procedure with its steps', async () => {
  const r = await request(s.url, 'GET', '/api/v1/sops', { token });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.sops.map((p) => p.code), codes);
  // how a case of each usually comes: the form that opens one starts with it
  assert.deepEqual(Object.fromEntries(r.json.sops.map((p) => [p.code.replace(/^SOP[- ]/, ''), p.channel])), {
    'LPSE.BTG-005': 'letter', 'LPSE.BTG-006': 'walk_in', 'LPSE.BTG-017': 'phone', 'LPSE.BTG-019': 'letter',
    '01/LPSE.OI/2012': 'walk_in', '02/LPSE.OI/2012': 'walk_in', '03/LPSE/2012': 'letter', '04/LPSE/2012': 'letter',
    '05/LPSE/2012': 'letter', '06/LPSE/2012': 'walk_in',
  });
  for (const p of r.json.sops) {
    assert.ok(p.revision_no >= 1 && p.id >= 1, `${p.code}: not stored`);
    for (const st of p.steps) {
      assert.ok(Number.isInteger(st.no) && typeof st.title === 'string' && Array.isArray(st.actor), JSON.stringify(st));
      assert.ok(st.standard && typeof st.standard.kind === 'string' && typeof st.standard.text === 'string');
      assert.ok(st.branches && typeof st.branches === 'object');
      // each required item of the ten in English too, for the English case page's checklist
      assert.equal(st.items_en.length, st.items.length, `${p.code} step ${st.no}: items_en ${JSON.stringify(st.items_en)}`);
    }
  }
});

test('sop list --json gives what GET /api/v1/sops gives, steps in full (only id, revision_no, source and loaded_at, the database\'s, are null; with --data all of it)', async () => {
  for (const lang of ['id', 'en']) {
    const api = (await request(s.url, 'GET', `/api/v1/sops?lang=${lang}`, { token })).json;
    const r = cli(['sop', 'list', '--json', '--lang', lang]);
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(list), ['sops']);
    assert.equal(list.sops.length, api.sops.length);
    for (const [k, p] of list.sops.entries()) {
      assert.ok(Array.isArray(p.steps) && p.steps.length > 0, `${p.code}: steps as a list`);
      assert.equal(p.id, null);
      assert.equal(p.revision_no, null);
      assert.equal(p.source, null);
      assert.equal(p.loaded_at, null);
      const none = { id: 0, revision_no: 0, source: 0, loaded_at: 0 };
      assert.deepEqual({ ...p, ...none }, { ...api.sops[k], ...none }, p.code);
    }
    // with the data folder: the office's current revisions, all of it as the API gives it
    const d = cli(['sop', 'list', '--json', '--lang', lang, '--data', s.dir]);
    assert.equal(d.status, 0, d.stderr);
    assert.deepEqual(JSON.parse(d.stdout), api);
  }
  // the standards in words follow --lang, as ?lang= does
  const en = JSON.parse(cli(['sop', 'list', '--json', '--lang', 'en']).stdout).sops.find((p) => p.code === 'SOP-LPSE.BTG-017');
  assert.equal(en.steps[1].standard.text, '10 seconds');
});

test('GET /api/v1/sops/:code: one procedure by code or slug; 404 when unknown', async () => {
  for (const p of (await request(s.url, 'GET', '/api/v1/sops', { token })).json.sops) {
    const r = await request(s.url, 'GET', `/api/v1/sops/${encodeURIComponent(p.slug)}`, { token });
    assert.equal(r.status, 200, `${p.slug}: ${r.text}`);
    assert.equal(r.json.code, p.code);
    // the code itself, encoded as a client library does for a path (%20, %2F), or its slashes left as they are
    for (const path of [encodeURIComponent(p.code), p.code.split('/').map(encodeURIComponent).join('/')]) {
      const c = await request(s.url, 'GET', `/api/v1/sops/${path}`, { token });
      assert.equal(c.status, 200, `${path}: ${c.text}`);
      assert.equal(c.json.code, p.code);
    }
  }
  for (const path of ['SOP%2099%2FLPSE', 'SOP%2099/LPSE/2012', 'a/b/c/d']) {
    const x = await request(s.url, 'GET', `/api/v1/sops/${path}`, { token });
    assert.equal(x.status, 404, path);
  }
  const r = await request(s.url, 'GET', '/api/v1/sops/SOP-TIDAK-ADA', { token });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  // a query parameter they do not take is named, not ignored; lang is taken
  for (const path of ['/api/v1/sops?code=SOP-LPSE.BTG-017', '/api/v1/sops/SOP-LPSE.BTG-017?revision=1']) {
    const x = await request(s.url, 'GET', path, { token });
    assert.equal(x.status, 400, path);
    assert.equal(x.json.error.field, path.includes('revision') ? 'revision' : 'code');
  }
  assert.equal((await request(s.url, 'GET', '/api/v1/sops?lang=en', { token })).status, 200);
});

test('a requester (penyedia) may not read the procedures: 403', async () => {
  addUser(s.dir, 'penyedia1', 'penyedia', 'Penyedia-uji-2026');
  const t = await login(s.url, 'penyedia1', 'Penyedia-uji-2026');
  const r = await request(s.url, 'GET', '/api/v1/sops', { token: t });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  const one = await request(s.url, 'GET', '/api/v1/sops/SOP-LPSE.BTG-017', { token: t });
  assert.equal(one.status, 403);
});

test('the pages: the list, one procedure as a table with standards in words and branches', async () => {
  const w = await webSession(s.url);
  const home = await w.get('/');
  assert.match(home.text, /href="\/prosedur"/);
  const list = await w.get('/prosedur');
  assert.equal(list.status, 200);
  for (const c of codes) assert.ok(list.text.includes(c), `${c} not listed`);
  if (!codes.includes('SOP-LPSE.BTG-017')) return;
  const page = await w.get('/prosedur/SOP-LPSE.BTG-017');
  assert.equal(page.status, 200);
  assert.match(page.text, /10 detik/);
  assert.match(page.text, /10 menit jam kerja/);
  assert.match(page.text, /Ya → langkah 6/);
  assert.match(page.text, /Tidak → langkah 8/);
  // how the SOP was read into its file: in English, folded away and said to be so
  assert.match(page.text, /<details class="encoding-notes"><summary>Catatan teknis penyandian SOP ini \(dalam bahasa Inggris\)<\/summary><ul lang="en">/);
  const en = await w.get('/prosedur/SOP-LPSE.BTG-017?lang=en');
  assert.match(en.text, /10 seconds/);
  assert.match(en.text, /Yes → step 6/);
  if (codes.includes('SOP-LPSE.BTG-005')) {
    const t = await w.get('/prosedur/SOP-LPSE.BTG-005');
    assert.match(t.text, /hari kerja sebelum mulai pelatihan/);
  }
  const missing = await w.get('/prosedur/SOP-TIDAK-ADA');
  assert.equal(missing.status, 404);
  // the code itself (as GET /api/v1/sops/:code takes it), encoded or with its slashes: sent to
  // the slug's address, the page's own; the chosen language goes along
  const { json } = await request(s.url, 'GET', '/api/v1/sops', { token });
  let slashed = 0;
  for (const p of json.sops) {
    const own = await w.get(`/prosedur/${encodeURIComponent(p.slug)}`);
    assert.equal(own.status, 200, p.slug);
    assert.ok(own.text.includes(p.title), p.slug);
    if (p.code === p.slug) continue;
    slashed += p.code.includes('/');
    for (const path of [encodeURIComponent(p.code), p.code.split('/').map(encodeURIComponent).join('/')]) {
      const to = await w.get(`/prosedur/${path}`);
      assert.equal(to.status, 303, `${path}: ${to.text}`);
      assert.equal(to.headers.get('location'), `/prosedur/${p.slug}`);
      const en = await w.get(`/prosedur/${path}?lang=en`);
      assert.equal(en.headers.get('location'), `/prosedur/${p.slug}?lang=en`);
      // its flow chart likewise: sent to the slug's drawing
      for (const flow of ['alur.svg', 'alur.pdf']) {
        const f = await w.get(`/prosedur/${path}/${flow}?lang=en`);
        assert.equal(f.status, 303, `${path}/${flow}: ${f.text}`);
        assert.equal(f.headers.get('location'), `/prosedur/${p.slug}/${flow}?lang=en`);
      }
    }
  }
  if (codes.some((c) => c.includes('/'))) assert.ok(slashed > 0);
  // the flow drawings keep their addresses; what no procedure is stays 404
  if (codes.includes('SOP-LPSE.BTG-017')) assert.equal((await w.get('/prosedur/SOP-LPSE.BTG-017/alur.svg')).status, 200);
  for (const path of ['SOP%2099%2FLPSE', 'SOP%2099/LPSE/2012', 'a/b/c/d']) {
    for (const tail of ['', '/alur.svg', '/alur.pdf']) assert.equal((await w.get(`/prosedur/${path}${tail}`)).status, 404, path + tail);
  }
});

test('a procedure by its short name (OI-02, BTG-017, as the SOPs and the README call them) or its code in any case: CLI, API, pages, a new case', async () => {
  const want = { 'OI-01': 'SOP 01/LPSE.OI/2012', 'oi-02': 'SOP 02/LPSE.OI/2012', 'OI-03': 'SOP 03/LPSE/2012',
                 'OI-06': 'SOP 06/LPSE/2012', 'BTG-005': 'SOP-LPSE.BTG-005', 'btg-017': 'SOP-LPSE.BTG-017',
                 'sop-lpse.btg-019': 'SOP-LPSE.BTG-019', 'sop 04/lpse/2012': 'SOP 04/LPSE/2012' };
  const w = await webSession(s.url);
  for (const [name, code] of Object.entries(want)) {
    const r = cli(['sop', 'show', name, '--json']);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).code, code, name);
    const a = await request(s.url, 'GET', `/api/v1/sops/${encodeURIComponent(name)}`, { token });
    assert.equal(a.status, 200, `${name}: ${a.text}`);
    assert.equal(a.json.code, code, name);
    const to = await w.get(`/prosedur/${encodeURIComponent(name)}`);
    assert.equal(to.status, 303, name);
    assert.equal(to.headers.get('location'), `/prosedur/${a.json.slug}`);
  }
  const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: {
    sop: 'OI-02', channel: 'email', subject: 'Jadwal lelang', requester: { name: 'Sari' } } });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.sop, 'SOP 02/LPSE.OI/2012');
  const l = await request(s.url, 'GET', '/api/v1/cases?sop=oi-02', { token });
  assert.equal(l.status, 200, l.text);
  assert.deepEqual(l.json.cases.map((x) => x.number), [c.json.number]);
  for (const none of ['OI-07', 'OI', 'BTG-17', '02']) {
    assert.equal(cli(['sop', 'show', none]).status, 1, none);
    assert.equal((await request(s.url, 'GET', `/api/v1/sops/${none}`, { token })).status, 404, none);
  }
});

// sop list lines up its columns by characters, not bytes (a code with – or É), and in a terminal
// wraps the titles at its width (COLUMNS) even when narrower than sop show's least 80 columns.
test('sop list --data: a non-ASCII code keeps the columns; a 60-column terminal gets lines of at most 60', () => {
  const dir = initData();
  try {
    const text = readFileSync(join(ROOT, 'test/sop/phone.sop'), 'utf8').replace(/^code: .*$/m, 'code: SOP 09/LPSE–DÉ/2027');
    const r = cli(['sop', 'load', write('uji-009-tanda.sop', text), '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    const lines = cli(['sop', 'list', '--data', dir]).stdout.trimEnd().split('\n');
    const at = (l) => [...l].join('').indexOf(' 00 ') < 0 ? -1 : [...l.slice(0, l.indexOf(' 00 '))].length;
    const ours = lines.find((l) => l.startsWith('SOP 09/LPSE–DÉ/2027 '));
    assert.ok(ours, lines.join('\n'));
    for (const l of lines) assert.equal(at(l), at(lines[0]), `column of the revision in:\n${lines.join('\n')}`);
    const tty = spawnSync('script', ['-qc', `${BIN} sop list --data ${dir}`, '/dev/null'], { env: { ...process.env, COLUMNS: '60' }, encoding: 'utf8' });
    if (tty.error) return;   // no script(1) here to give a terminal
    const out = tty.stdout.replace(/\r/g, '').trimEnd().split('\n');
    assert.ok(out.length > lines.length, tty.stdout);
    for (const l of out) assert.ok([...l].length <= 60, `${[...l].length} > 60: ${l}`);
    assert.ok(out.some((l) => l.startsWith('SOP 09/LPSE–DÉ/2027    00 ')), tty.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
