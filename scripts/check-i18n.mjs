#!/usr/bin/env node
// The translation checker run by `make test`: every English msgid the code shows
// people — T(r, "..."), N_("..."), page_begin/nav_link titles, reply_error and
// ERR_SET messages — must have an Indonesian msgstr in po/id.po, and the .po
// files must have no duplicate msgid, and a msgstr must carry the msgid's printf
// conversions in the same order (some are formats: a %s for a %d would crash). Unused
// catalog entries are listed, not failed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const unq = (s) => s.slice(1, -1).replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');

// Parse a .po file: Map msgid → msgstr, and the duplicates found.
function readPo(path) {
  const text = readFileSync(path, 'utf8');
  const map = new Map(), dups = [];
  const re = /msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/g;
  let m;
  const join_ = (s) => (s.match(/"(?:[^"\\]|\\.)*"/g) || []).map(unq).join('');
  while ((m = re.exec(text))) {
    const id = join_(m[1]), str = join_(m[2]);
    if (id === '') continue;
    if (map.has(id)) dups.push(id);
    map.set(id, str);
  }
  return { map, dups };
}

function cFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...cFiles(p));
    else if (/\.c$/.test(e)) out.push(p);
  }
  return out;
}

const LIT = '"(?:[^"\\\\]|\\\\.)*"';
const patterns = [
  new RegExp(`\\bT\\(\\s*[a-z0-9_>-]+\\s*,\\s*(${LIT})\\s*\\)`, 'g'),
  new RegExp(`\\bN_\\(\\s*(${LIT})\\s*\\)`, 'g'),
  new RegExp(`\\bpage_begin\\(\\s*r\\s*,\\s*(${LIT})`, 'g'),
  new RegExp(`\\bnav_link\\(\\s*r\\s*,\\s*${LIT}\\s*,\\s*(${LIT})`, 'g'),
  new RegExp(`\\bERR_SET\\(\\s*[a-z]+\\s*,\\s*(?:${LIT}|0)\\s*,\\s*(${LIT})\\s*\\)`, 'g'),
  new RegExp(`\\breply_error\\([^;]*?,\\s*(${LIT})\\s*\\)\\s*;`, 'g'),
  new RegExp(`\\breply_(?:invalid|throttled)\\([^;]*?,\\s*(${LIT})\\s*\\)`, 'g'),
];

// An error's message names a text only through err_set_s/err_add_s (Err's arg, put in its "%s" when
// the error is said): a "%s" given to err_set/err_add/ERR_SET would be shown as it is, and
// err_set_s/err_add_s's message must hold the "%s" its text goes in.
const errCall = new RegExp(`\\b(ERR_SET|err_set|err_set_n|err_add|err_add_n|err_set_s|err_set_s_en|err_add_s)\\(\\s*[^,()]+,\\s*(?:${LIT}|[A-Za-z0-9_.>-]+)\\s*,\\s*(?:N_\\(\\s*)?(${LIT})`, 'g');
const errProblems = [];

const used = new Map();
for (const f of cFiles(join(ROOT, 'src'))) {
  const name = relative(ROOT, f);
  const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  errCall.lastIndex = 0;
  for (let m; (m = errCall.exec(src));) {
    const named = /_s(_en)?$/.test(m[1]), holds = unq(m[2]).includes('%s');
    const line = src.slice(0, m.index).split('\n').length;
    if (holds && !named) errProblems.push(`${name}:${line}: ${m[1]} is given a message holding "%s": its text goes through err_set_s/err_add_s`);
    if (named && !holds) errProblems.push(`${name}:${line}: ${m[1]}'s message holds no "%s" for its text`);
  }
  for (const re of patterns) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(src))) {
      const id = unq(m[1]);
      if (!used.has(id)) used.set(id, `${name}:${src.slice(0, m.index).split('\n').length}`);
    }
  }
}

const id = readPo(join(ROOT, 'po/id.po'));
const en = readPo(join(ROOT, 'po/en.po'));
const problems = [...errProblems];
for (const d of id.dups) problems.push(`po/id.po: msgid "${d}" appears twice`);
for (const d of en.dups) problems.push(`po/en.po: msgid "${d}" appears twice`);
// The printf conversions of a string, in order (%% is not one).
const convs = (z) => (z.match(/%(?:%|[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|z|h)?[a-zA-Z])/g) || []).filter((c) => c !== '%%').join(' ');
for (const [name, po] of [['po/id.po', id], ['po/en.po', en]]) {
  for (const [msgid, msgstr] of po.map) {
    if (msgstr && convs(msgid) !== convs(msgstr)) problems.push(`${name}: "${msgid}": the translation's conversions (${convs(msgstr) || 'none'}) differ from the msgid's (${convs(msgid) || 'none'})`);
  }
}
for (const [msgid, where] of used) {
  if (!id.map.get(msgid)) problems.push(`${where}: "${msgid}" has no Indonesian translation in po/id.po`);
}
const unused = [...id.map.keys()].filter((k) => !used.has(k));
for (const p of problems) console.log(p);
if (unused.length) console.log(`check-i18n: ${unused.length} catalog entr${unused.length === 1 ? 'y' : 'ies'} not seen in the code (fine if built at run time): ${unused.slice(0, 8).map((s) => JSON.stringify(s)).join(', ')}${unused.length > 8 ? ', …' : ''}`);
console.log(problems.length ? `check-i18n: ${problems.length} problem(s)` : `check-i18n: ${used.size} messages, all translated`);
process.exit(problems.length ? 1 : 0);
