// An id once given names one thing for ever (migration 0056): a directory entry merged away, a paper
// SKM answer deleted, a period of special hours removed, each the newest of its table, leave their
// id unused: the next one made gets a new id, and the audit log never names two things by one id
// (SQLite gave the deleted newest row's id again: "party/4 merged", then "party/4 created" of
// another entry; PostgreSQL's sequences never did). Then a database as it was before 0056 (SQLite):
// upgraded, every row, index, trigger and foreign key kept, and an id the audit log named before the
// upgrade, its row deleted then, not given again either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, PG, sqlite, wibDay } from './lib.mjs';

let s, token;
const api = (method, path, body) => request(s.url, method, path, { token, body });
const TABLES = ['absence', 'calendar_period', 'party', 'skm_response', 'tq_item', 'training_prep', 'training_session'];
const paper = () => ({ sop: 'SOP 01/LPSE.OI/2012', day: wibDay(), u1: 3, u2: 3, u3: 4, u4: 3, u5: 4, u6: 3, u7: 3, u8: 4, u9: 3,
  gender: 'P', age: 33, education: 'S2', occupation: 'PNS' });
const PERIOD = { name: 'Ramadan 2099', from: '2099-03-01', to: '2099-03-30', hours: ['1-4 08:00-14:00'] };
const auditRows = async () => (await api('GET', '/api/v1/audit?limit=500')).json.rows;

before(async () => {
  s = await startServer();
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

// a directory entry: its id
async function entry(name) {
  const r = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// the newest entry merged into another: the next entry made gets a new id
async function mergeNewest(name) {
  const keep = await entry(`Dinas Tetap ${name}`);
  const dup = await entry(`Dinas Ganda ${name}`);
  const m = await api('POST', `/api/v1/directory/${keep}/merge`, { from: String(dup) });
  assert.equal(m.status, 200, m.text);
  return { keep, dup };
}

// the newest paper answer deleted: its id
async function paperDeleted() {
  const r = await api('POST', '/api/v1/skm/responses', paper());
  assert.equal(r.status, 201, r.text);
  const d = await api('POST', `/api/v1/skm/responses/${r.json.id}/delete`, { reason: 'Salah ketik' });
  assert.equal(d.status, 200, d.text);
  return r.json.id;
}

test('the newest entry merged, the newest paper answer and period deleted: the next ones get new ids, the audit names each once', async () => {
  const { dup } = await mergeNewest('A');
  const next = await entry('Dinas Sesudah A');
  assert.ok(next > dup, `the entry after the merge got id ${next}, the merged one had ${dup}`);
  const gone = await paperDeleted();
  const r = await api('POST', '/api/v1/skm/responses', paper());
  assert.equal(r.status, 201, r.text);
  assert.ok(r.json.id > gone, `the answer after the deletion got id ${r.json.id}, the deleted one had ${gone}`);
  const p = await api('POST', '/api/v1/calendar/periods', PERIOD);
  assert.equal(p.status, 201, p.text);
  assert.equal((await api('DELETE', `/api/v1/calendar/periods/${p.json.id}`)).status, 200);
  const p2 = await api('POST', '/api/v1/calendar/periods', PERIOD);
  assert.equal(p2.status, 201, p2.text);
  assert.ok(p2.json.id > p.json.id, `the period after the removal got id ${p2.json.id}, the removed one had ${p.json.id}`);
  // the audit: one entry created under each id, the merged one never made again
  const rows = await auditRows();
  const created = rows.filter((x) => x.action === 'party.create').map((x) => x.object);
  assert.equal(new Set(created).size, created.length, created.join(' '));
  assert.ok(rows.some((x) => x.action === 'party.merge' && x.detail.startsWith(`party/${dup} merged`)));
  const skm = rows.filter((x) => x.action === 'skm.paper').map((x) => x.object);
  assert.equal(new Set(skm).size, skm.length, skm.join(' '));
});

// The SQLite schema's parts that must not change: columns, foreign keys, indexes, triggers, views, STRICT.
function shape(file) {
  const q = (sql) => { const r = sqlite(file, sql); assert.equal(r.status, 0, r.stderr); return r.stdout; };
  return TABLES.map((t) => [t,
    q(`SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo('${t}')`),
    q(`SELECT * FROM pragma_foreign_key_list('${t}')`),
    q(`SELECT name, "unique", origin, partial FROM pragma_index_list('${t}') ORDER BY name`),
    q(`SELECT strict FROM pragma_table_list('${t}')`),
    q(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name='${t}' AND type<>'table' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name`),
  ].join('\n')).join('\n') + q("SELECT name, sql FROM sqlite_schema WHERE type='view' ORDER BY name");
}

test('a database as it was before 0056 (SQLite): upgraded with every row kept, and no id the audit named given again', { skip: PG && 'PostgreSQL never gave an id again' }, async () => {
  // the newest entry and paper answer gone before the upgrade: only the audit log remembers their ids
  const { dup } = await mergeNewest('B');
  const gone = await paperDeleted();
  const dir = s.dir;
  await s.stop({ keep: true });
  s = null;
  const db = join(dir, 'loket.db');
  const q = (sql) => { const r = sqlite(db, sql); assert.equal(r.status, 0, r.stderr); return r.stdout; };
  // back to the tables as 0055 left them: the same b-trees, the ids without AUTOINCREMENT, no sequence
  const list = TABLES.map((t) => `'${t}'`).join(',');
  q(`PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql=replace(sql, ' AUTOINCREMENT', '') WHERE type='table' AND name IN (${list});
     PRAGMA writable_schema=OFF; DELETE FROM sqlite_sequence WHERE name IN (${list});
     DELETE FROM schema_migration WHERE name='0056-ids-never-reused';`);
  assert.equal(q(`SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%AUTOINCREMENT%'`).trim(), '0');
  assert.equal(q('PRAGMA integrity_check').trim(), 'ok');
  const rows = Object.fromEntries(TABLES.map((t) => [t, q(`SELECT * FROM ${t} ORDER BY id`)]));
  assert.ok(rows.party.split('\n').length > 3 && rows.tq_item.length > 0, 'rows to keep');
  const was = shape(db);
  assert.ok(Number(q('SELECT max(id) FROM party')) < dup, 'the merged entry was the newest');

  s = await startServer({ dir });
  token = await login(s.url);
  assert.equal(q("SELECT count(*) FROM schema_migration WHERE name='0056-ids-never-reused'").trim(), '1');
  for (const t of TABLES) assert.equal(q(`SELECT * FROM ${t} ORDER BY id`), rows[t], `${t}: its rows as they were`);
  assert.equal(shape(db), was, 'columns, keys, indexes, triggers, views and STRICT as they were');
  assert.equal(q(`SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN (${list}) AND sql LIKE '%id INTEGER PRIMARY KEY AUTOINCREMENT%'`).trim(),
    String(TABLES.length));
  assert.equal(q('PRAGMA integrity_check').trim(), 'ok');
  assert.equal(q('PRAGMA foreign_key_check'), '');
  // the ids the audit named past the rows kept: not given again
  const next = await entry('Dinas Sesudah Pembaruan');
  assert.ok(next > dup, `the entry after the upgrade got id ${next}, the merged one had ${dup}`);
  const r = await api('POST', '/api/v1/skm/responses', paper());
  assert.equal(r.status, 201, r.text);
  assert.ok(r.json.id > gone, `the answer after the upgrade got id ${r.json.id}, the deleted one had ${gone}`);
  // the directory's search and the triggers rebuilt with it work on
  const found = (await api('GET', '/api/v1/directory?q=sesudah%20pembaruan')).json.entries.map((e) => e.id);
  assert.deepEqual(found, [next]);
});
