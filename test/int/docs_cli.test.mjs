// The `loket` command lines written in README.md and docs/*.md are a test, as docs/api.md's
// requests are (api_docs.test.mjs): every `loket …` a reader may copy names a command, a
// subcommand and options that the command's --help knows, and every command line in a fenced
// block that can be run as it is (DIR, /var/lib/loket and var/data being a fresh data folder,
// [optional parts] left out and put in) is run, in the order of its file, and must succeed; the
// output a doc shows in the block after a command must be what it prints. cli.test.mjs tests
// each command's behaviour; this one only that the docs and the binary say the same.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, mkdirSync, writeFileSync, copyFileSync, chmodSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, BIN, ROOT, PG, pgFreshDb } from './lib.mjs';

delete process.env.LOKET_DATA;   // the docs name the folder; an outer one must not leak in

const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const text = (f) => readFileSync(join(ROOT, f), 'utf8');

// A line of a doc that calls loket, from `loket` on ("sudo -u loket loket …", "build/loket …",
// "ExecStart=/usr/local/bin/loket …" count), or null.
function loketCall(line) {
  const m = line.match(/(?:^|[\s=(])(?:sudo -u loket )?(?:build\/|[\w./-]*\/bin\/)?(loket (?:--?[a-z]|[a-z]).*)$/);
  return m ? m[1] : null;
}

// The fenced blocks of a doc: [{line, lang, lines: [{line, text}]}], "\" continuations joined.
function blocks(file) {
  const out = [];
  let cur = null;
  text(file).split('\n').forEach((l, i) => {
    const fence = l.match(/^\s*```(\w*)\s*$/);
    if (fence) {
      if (cur) { cur.end = i + 1; out.push(cur); cur = null; } else cur = { line: i + 1, lang: fence[1], lines: [] };
      return;
    }
    if (!cur) return;
    const last = cur.lines[cur.lines.length - 1];
    if (last && last.text.endsWith('\\')) last.text = `${last.text.slice(0, -1).trimEnd()} ${l.trim()}`;
    else cur.lines.push({ line: i + 1, text: l.trim() });
  });
  return out;
}

// The words of a shell command line ("quoted" and 'quoted' kept whole, quotes removed).
function words(line) {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const overview = cli(['--help']).stdout;
const COMMANDS = [...overview.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]);
const helpOf = new Map();
const help = (cmd) => {
  if (!helpOf.has(cmd)) helpOf.set(cmd, cli([cmd, '--help']).stdout);
  return helpOf.get(cmd);
};
const GLOBAL = new Set(['--help', '--data', '--db', '--version']);

// A command's usage in loket --help: its line and the lines it wraps on (indented further).
function overviewLines(c) {
  const lines = overview.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`  ${c} `) || l === `  ${c}`);
  if (i < 0) return '';
  let j = i + 1;
  while (j < lines.length && lines[j].startsWith('      ')) j++;
  return lines.slice(i, j).join(' ');
}

// What is wrong with one `loket …` written in a doc: its command, its subcommand (the next word,
// when the command's usage lists subcommands with |) and its options, against --help.
function problems(call) {
  const w = words(call.replace(/[[\]]/g, ' ').replace(/\|/g, ' | '));
  const cmd = w[1];
  if (cmd === undefined || cmd.startsWith('-')) return w.filter((x) => x.startsWith('--') && !GLOBAL.has(x) && !overview.includes(x)).map((x) => `${x} is not in loket --help`);
  if (!/^[a-z][a-z-]*$/.test(cmd)) return [];   // loket 0.1.0 (a log line), loket COMMAND
  if (cmd === 'help') return [];
  if (!COMMANDS.includes(cmd)) return [`loket ${cmd}: no such command in loket --help`];
  const h = help(cmd);
  const out = [];
  const usage = h.split('\n\n')[0];   // its usage, wrapped to 100 columns on several lines
  const subs = usage.match(new RegExp(`loket ${cmd} ([a-z|-]+)`));
  if (subs && subs[1].includes('|') && /^[a-z][a-z-]*$/.test(w[2] ?? '') && !h.match(new RegExp(`\\b${w[2]}\\b`))) {
    out.push(`loket ${cmd} ${w[2]}: no such subcommand in loket ${cmd} --help`);
  }
  for (const x of w.slice(2)) {
    const opt = x.match(/^(--[a-z][a-z-]*)/);
    if (opt && !GLOBAL.has(opt[1]) && !h.includes(opt[1])) out.push(`${opt[1]} is not in loket ${cmd} --help`);
  }
  return out;
}

test('every `loket …` the docs write names a command, subcommand and options its --help knows', () => {
  assert.ok(COMMANDS.length > 10, overview);
  const bad = [];
  let seen = 0;
  for (const file of DOCS) {
    const lines = text(file).split('\n');
    let fenced = false;
    lines.forEach((l, i) => {
      if (/^\s*```/.test(l)) { fenced = !fenced; return; }
      const calls = [];
      if (fenced) { const c = loketCall(l.trim()); if (c) calls.push(c); } else {
        for (const m of l.matchAll(/`((?:build\/)?loket [^`]*)`/g)) {
          if (/^(?:build\/)?loket [a-z -]+: /.test(m[1])) continue;   // an error message it prints, quoted
          calls.push(m[1].replace(/^build\//, ''));
        }
      }
      for (const c of calls) {
        seen++;
        for (const p of problems(c)) bad.push(`${file}:${i + 1}: ${c}\n    ${p}`);
      }
    });
  }
  assert.ok(seen > 50, `only ${seen} loket command lines found in the docs`);
  assert.deepEqual(bad, [], bad.join('\n'));
});

test('README\'s list of commands has every command of loket --help, and each with the options its --help gives', () => {
  const block = blocks('README.md').find((b) => b.lines.some((l) => l.text.startsWith('loket init --data DIR')));
  assert.ok(block, 'README.md has no block listing the commands');
  const listed = new Set(block.lines.map((l) => words(l.text)).filter((w) => w[0] === 'loket').map((w) => w[1]));
  const missing = COMMANDS.filter((c) => c !== 'help' && !listed.has(c));
  assert.deepEqual(missing, [], `commands of loket --help missing from README.md's list: ${missing.join(', ')}`);
  // each option a command's usage line in loket --help names is on the command's line in README's list
  const bad = [];
  for (const c of COMMANDS) {
    if (c === 'help') continue;
    const usage = overviewLines(c);
    const lines = block.lines.filter((l) => words(l.text)[1] === c).map((l) => l.text).join(' ');
    for (const m of usage.matchAll(/--[a-z][a-z-]*/g)) {
      if (GLOBAL.has(m[0])) continue;
      if (!lines.includes(m[0])) bad.push(`${c} ${m[0]}: in loket --help, not on README's line for ${c}`);
    }
  }
  assert.deepEqual(bad, [], bad.join('\n'));
});

// The files the examples name, in the folder they run in.
function exampleFolder() {
  const cwd = mkdtempSync(join(tmpdir(), 'loket-docs-'));
  cleanup.push(cwd);
  const fx = (f) => join(ROOT, 'test/fixtures', f);
  copyFileSync(fx('holidays-2027.ics'), join(cwd, 'libur-2027.ics'));
  copyFileSync(fx('libur-google-id-2026.ics'), join(cwd, 'libur-google.ics'));
  writeFileSync(join(cwd, 'libur-2027.csv'), 'Tanggal;Keterangan;Jenis\n01/01/2027;Tahun Baru 2027 Masehi;Libur Nasional\n');
  // `loket` on PATH is the binary under test; ssh to the backup host is this machine, and alert fails
  const bin = join(cwd, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'loket'), `#!/bin/sh\nexec "${BIN}" "$@"\n`);
  writeFileSync(join(bin, 'ssh'), '#!/bin/sh\nshift\nexec sh -c "$*"\n');
  writeFileSync(join(bin, 'alert'), '#!/bin/sh\necho "ALERT: $*" >&2\nexit 1\n');
  for (const f of ['loket', 'ssh', 'alert']) chmodSync(join(bin, f), 0o755);
  mkdirSync(join(cwd, 'srv/backup'), { recursive: true });
  mkdirSync(join(cwd, 'backup'));
  return { cwd, bin };
}

// The line with its [optional] parts put in (CODE as the office the doc's folder has).
const withOptions = (line, office) => line.replace(/ \[([^\]]*)\]/g, (_, x) => ` ${x.replace(/\bCODE\b/g, office)}`);

// A command line of a doc made runnable here, or null when it is a synopsis (placeholders
// left, alternatives, a column of prose beside it) or one not to run here (serve listens on a
// fixed port; migrate and --db need a PostgreSQL address: cli.test.mjs and migrate.test.mjs).
function runnable(line, data, cwd, office = 'LPSE') {
  const l = placed(line, data, cwd);
  if (/\bloket (serve|migrate)\b/.test(l) || /postgresql:\/\//.test(l)) return null;
  const bare = withOptions(l, office).replace(/"[^"]*"|'[^']*'/g, '""');   // what is quoted is as written
  if (/…|\.\.\.|\b(?:CODE|FILE|DIR|HASH|ADDRESS|USERNAME|DAY|NAME)\b/.test(bare)) return null;
  if (/[a-z-]\|[a-z-]/.test(bare) || /\S {3,}\S/.test(bare)) return null;   // add|set, or a column of prose: a synopsis
  return withOptions(l, office);
}

// The folders a doc names, made this test's: the data folder, the backup host's.
function placed(line, data, cwd) {
  return line
    .replace(/^sudo -u loket /, '')
    .replace(/^build\/loket /, 'loket ')
    .replace(/\/var\/lib\/loket\b/g, data)
    .replace(/(--data) (?:DIR|var\/data)\b/g, `$1 ${data}`)
    .replace(/\/srv\/(loket-head|backup)\b/g, `${cwd}/srv/$1`)
    .replace(/(^|\s)\/backup\//g, `$1${cwd}/backup/`);
}

// The output a doc shows for a command: the unlabelled block just after the command's own
// (a line or two of prose between), when it holds no command and the command is the block's first.
function shownOutput(bs, bi, l) {
  const next = bs[bi + 1];
  if (!next || next.lang !== '' || next.line - bs[bi].end > 4 || bs[bi].lines.find((x) => loketCall(x.text)) !== l) return [];
  const lines = next.lines.map((x) => x.text).filter(Boolean);
  return lines.length && lines.every((t) => loketCall(t) === null && !/^(\w+ = |curl |\$ )/.test(t)) ? lines : [];
}

test('the command lines of the docs\' fenced blocks run as written, and print what the docs show', () => {
  let ran = 0;
  for (const file of DOCS) {
    const { cwd, bin } = exampleFolder();
    const data = join(cwd, 'data');
    let office = 'LPSE';
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, LOKET_ADMIN_PASSWORD: 'Rahasia-docs-2026' };
    const sh = (cmd) => spawnSync('sh', ['-c', cmd], { cwd, env, encoding: 'utf8' });
    let made = false;
    const folder = (init) => {   // the doc's data folder (on PostgreSQL its loket.conf names a fresh database)
      if (!made && PG) { mkdirSync(data, { recursive: true }); writeFileSync(join(data, 'loket.conf'), `db = ${pgFreshDb()}\n`); }
      made = true;
      if (init) assert.equal(sh(`loket init --data ${data}`).status, 0, `${file}: init`);
    };
    const bs = blocks(file);
    bs.forEach((b, bi) => {
      if (!['', 'sh'].includes(b.lang)) return;
      const script = b.lines.map((l) => l.text).filter((t) => t && !t.startsWith('#'));
      if (b.lang === 'sh' && script.some((t) => /^\w+=\$\(/.test(t))) {   // a script of its own: run whole
        const s = placed(script.join('\n'), data, cwd);
        if (!/^loket /m.test(s)) return;
        folder(true);
        const head = sh(`loket audit verify --data ${data}`).stdout.match(/^head: row \d+ hash ([0-9a-f]+)$/m)[1];
        writeFileSync(join(cwd, 'srv/loket-head'), `${head}\n`);
        const r = sh(s);
        if (process.env.DOCS_CLI_SHOW) console.log(`${file}:${b.line}: the script\n${s}`);
        ran++;
        assert.equal(r.status, 0, `${file}:${b.line}: the script\n${s}\nfailed: ${r.stdout}${r.stderr}`);
        assert.equal(readFileSync(join(cwd, 'srv/loket-head'), 'utf8').trim(), head, `${file}:${b.line}: the head is kept again`);
        return;
      }
      for (const l of b.lines) {
        if (!/^(?:sudo -u loket )?(?:build\/)?loket /.test(l.text)) continue;   // a command, not output naming one
        const raw = runnable(l.text, data, cwd, /--office KOTA-MKS\b/.test(l.text) ? 'KOTA-MKS' : office);
        if (raw === null) continue;
        const init = /^loket init\b/.test(raw);
        if (init) folder(false); else if (/--data/.test(raw)) folder(true);
        if (/--office KOTA-MKS\b/.test(raw) && office !== 'KOTA-MKS') {   // the office of the doc's example
          const r = sh(`loket office add KOTA-MKS --name "LPSE Kota Makassar" --tz WITA --data ${data}`);
          assert.equal(r.status, 0, r.stderr);
          office = 'KOTA-MKS';
        }
        if (init && raw.match(/--office (\S+)/)) office = raw.match(/--office (\S+)/)[1];
        const line = raw;
        if (/^loket backup\b/.test(line) && PG) continue;   // on PostgreSQL: pg_dump (cli.test.mjs)
        const r = sh(line);
        if (process.env.DOCS_CLI_SHOW) console.log(`${file}:${l.line}: ${line}`);
        ran++;
        assert.equal(r.status, 0, `${file}:${l.line}: ${line}\nexit ${r.status}: ${r.stdout}${r.stderr}`);
        for (const want of shownOutput(bs, bi, l)) {
          assert.ok(r.stdout.includes(want), `${file}:${bs[bi + 1].line}: "${want}" is not in what ${line} printed:\n${r.stdout}`);
        }
      }
    });
  }
  assert.ok(ran >= 12, `only ${ran} command lines of the docs were run`);
});
