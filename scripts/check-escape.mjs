#!/usr/bin/env node
// The escaping checker run by `make test`. It fails when
//  - a format that builds HTML or JSON (out, reply_json, buf_printf in the web,
//    api and http layers) uses a raw %s instead of %h %t %j %J or %R;
//  - any arena_printf/buf_printf format that holds markup or JSON ('<' or '{"') uses %s;
//  - db_prepare() or db_run_id() is given anything but literal SQL (text built at run time);
//    db_run_id() itself (src/db/db.c) hands its checked argument on to db_prepare();
//  - SQL is formatted with printf-style functions anywhere;
//  - SQLite's own API is called outside src/db/sqlite.c (and walbuf.c, the VFS under it).
// `--self-test` checks that the checker catches what it must.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Remove comments, keeping string literals and line numbers.
function stripComments(src) {
  let out = '', i = 0;
  while (i < src.length) {
    const c = src[i], n = src[i + 1];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') j++; j++; }
      out += src.slice(i, j + 1); i = j + 1;
    } else if (c === '/' && n === '*') {
      const j = src.indexOf('*/', i + 2);
      const chunk = src.slice(i, j < 0 ? src.length : j + 2);
      out += chunk.replace(/[^\n]/g, ' '); i = j < 0 ? src.length : j + 2;
    } else if (c === '/' && n === '/') {
      const j = src.indexOf('\n', i);
      i = j < 0 ? src.length : j;
    } else { out += c; i++; }
  }
  return out;
}

// The arguments of a call starting at the '(' at index open: [{text, start}].
function callArgs(src, open) {
  const args = [];
  let depth = 0, start = open + 1, i = open;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') j++; j++; }
      i = j; continue;
    }
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) { args.push({ text: src.slice(start, i).trim(), start }); break; } }
    else if (c === ',' && depth === 1) { args.push({ text: src.slice(start, i).trim(), start }); start = i + 1; }
  }
  return args;
}

// The text of adjacent string literals in an argument (macros between them allowed); null if none.
function literalText(arg) {
  const parts = arg.match(/"(?:[^"\\]|\\.)*"/g);
  if (!parts) return null;
  const rest = arg.replace(/"(?:[^"\\]|\\.)*"/g, ' ').replace(/\b[A-Z_][A-Z0-9_]*\b/g, ' ').trim();
  return { text: parts.map((p) => p.slice(1, -1)).join(''), pure: rest === '' };
}

const lineOf = (src, idx) => src.slice(0, idx).split('\n').length;
const hasRawS = (fmt) => /(^|[^%])(%%)*%[-0-9.*]*s/.test(fmt);

// Check one file's text; returns a list of "file:line: problem".
export function checkSource(name, raw) {
  const src = stripComments(raw);
  const problems = [];
  const layer = (name.match(/^src\/([a-z]+)\//) || [])[1] || '';
  const outputLayer = ['web', 'api', 'http'].includes(layer);
  const re = /\b(out|reply_json|buf_printf|arena_printf|db_prepare|db_run_id|sqlite3_mprintf|snprintf|sqlite3_[a-z_0-9]+)\s*\(/g;
  let m;
  while ((m = re.exec(src))) {
    const fn = m[1], open = m.index + m[0].length - 1, line = lineOf(src, m.index);
    if (fn.startsWith('sqlite3_') && name !== 'src/db/sqlite.c' && name !== 'src/db/walbuf.c') {
      problems.push(`${name}:${line}: ${fn}() outside src/db/sqlite.c: use the db/ interface`);
      continue;
    }
    const args = callArgs(src, open);
    if (args.some((a) => /\bconst\s+char\s*\*/.test(a.text))) continue;   /* a declaration, not a call */
    const fmtIdx = { out: 1, reply_json: 2, buf_printf: 1, arena_printf: 1, db_prepare: 1, db_run_id: 1, sqlite3_mprintf: 0, snprintf: 2 }[fn];
    if (fmtIdx === undefined || args.length <= fmtIdx) continue;
    const lit = literalText(args[fmtIdx].text);
    if (fn === 'db_prepare' || fn === 'db_run_id') {
      // literal SQL, literals joined with upper-case macros, or one upper-case macro (compile-time text)
      const macro = /^[A-Z][A-Z0-9_]*$/.test(args[fmtIdx].text);
      const forwarded = name === 'src/db/db.c' && fn === 'db_prepare' && args[fmtIdx].text === 'sql' && /db_run_id\(Db \*db, const char \*sql, int64_t id\)\{\n\s*Stmt \*q = $/.test(src.slice(0, m.index));
      if (!macro && !forwarded && (!lit || !lit.pure)) problems.push(`${name}:${line}: ${fn}() needs literal SQL with ?N parameters, not text built at run time`);
      continue;
    }
    if (!lit) continue;
    if (/\b(SELECT|INSERT|UPDATE|DELETE)\b.*%[-0-9.*]*[sdqQz]/i.test(lit.text) && /\b(FROM|INTO|SET|WHERE)\b/i.test(lit.text)) {
      problems.push(`${name}:${line}: SQL formatted with ${fn}(): bind parameters instead`);
      continue;
    }
    if (!hasRawS(lit.text)) continue;
    const markup = /<|\{\\?"|\\"[a-z_]+\\":/.test(lit.text);
    if ((outputLayer && ['out', 'reply_json', 'buf_printf'].includes(fn)) || (markup && fn !== 'snprintf')) {
      problems.push(`${name}:${line}: raw %s in a ${fn}() format that builds HTML/JSON: use %h, %t, %j, %J or %R`);
    }
  }
  return problems;
}

// Every C file under src/.
function cFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...cFiles(p));
    else if (/\.[ch]$/.test(e)) out.push(p);
  }
  return out;
}

function selfTest() {
  const cases = [
    ['src/web/x.c', 'void f(Req*r){ out(r, "<td>%s</td>", x); }', 1],
    ['src/web/x.c', 'void f(Req*r){ out(r, "<td>%h</td>", x); }', 0],
    ['src/web/x.c', 'void f(Req*r){ out(r, "<td>%%s %h</td>", x); }', 0],
    ['src/api/x.c', 'void f(Req*r){ reply_json(r, 200, "{\\"a\\":\\"%s\\"}", x); }', 1],
    ['src/api/x.c', 'void f(Req*r){ reply_json(r, 200,\n "{\\"a\\":" "%J}", x); }', 0],
    ['src/desk/x.c', 'void f(void){ Stmt *q = db_prepare(db, sql); }', 1],
    ['src/desk/x.c', 'void f(void){ Stmt *q = db_prepare(db, "SELECT " COLS " FROM t WHERE a=?1"); }', 0],
    ['src/desk/x.c', 'void f(void){ Stmt *q = db_prepare(db, WATCH_SQL); }', 0],
    ['src/desk/x.c', 'void f(void){ Stmt *q = db_prepare(db, sql_for(kind)); }', 1],
    ['src/desk/x.c', 'void f(void){ rc = db_run_id(db, sql, id); }', 1],
    ['src/desk/x.c', 'void f(void){ rc = db_run_id(db, "DELETE FROM t WHERE id=?1", id); }', 0],
    ['src/desk/x.c', 'int db_run_id(Db *db, const char *sql, int64_t id){\n  Stmt *q = db_prepare(db, sql); }', 1],
    ['src/db/db.c', 'int db_run_id(Db *db, const char *sql, int64_t id){\n  Stmt *q = db_prepare(db, sql); }', 0],
    ['src/desk/x.c', 'void f(void){ snprintf(b, n, "SELECT * FROM t WHERE a=\'%s\'", x); }', 1],
    ['src/desk/x.c', 'void f(void){ buf_printf(&b, "name=%s", x); }', 0],
    ['src/desk/x.c', 'void f(void){ buf_printf(&b, "<b>%s</b>", x); }', 1],
    ['src/desk/x.c', 'void f(void){ sqlite3_exec(h, "x", 0, 0, 0); }', 1],
    ['src/web/x.c', '/* out(r, "<td>%s</td>", x); */ void f(void){}', 0],
  ];
  let bad = 0;
  for (const [name, src, want] of cases) {
    const got = checkSource(name, src).length;
    if (got !== want) { bad++; console.log(`self-test: expected ${want} problem(s), got ${got}: ${src}`); }
  }
  console.log(bad ? `check-escape self-test: ${bad} failed` : `check-escape self-test: ${cases.length} cases ok`);
  return bad === 0;
}

if (process.argv.includes('--self-test')) process.exit(selfTest() ? 0 : 1);
const problems = [];
for (const f of cFiles(join(ROOT, 'src'))) {
  const name = relative(ROOT, f);
  if (name === 'src/api/pending_weak.c') continue;
  problems.push(...checkSource(name, readFileSync(f, 'utf8')));
}
for (const p of problems) console.log(p);
console.log(problems.length ? `check-escape: ${problems.length} problem(s)` : 'check-escape: no raw %s in HTML, JSON or SQL');
process.exit(problems.length ? 1 : 0);
