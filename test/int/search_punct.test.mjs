// A name searched as it is written on a document finds it however it was stored: every text
// search folds the text it reads and q alike (src/db/db.h DB_SQL_FOLD, db_fold: capitals, spaces,
// dots, commas and hyphens aside) — the directory (API and /direktori), the case list's q (API
// and /kasus, overdue=1 and mine=1 too), the registers (guest book, agenda, consultation, handover) — both ways
// round: "CV MITRA KARYA" finds "CV. Mitra Karya" and "CV. Mitra Karya" finds "CV MITRA KARYA",
// "P.T. A.B.C." finds "PT ABC" and back, "Sumber Rejeki" finds "Sumber-Rejeki"; a case number as
// typed; a page shows the name as stored. The trigram indexes serve it (the server run with their
// windows at their least, SQLite's brought up to date first). Then a database as migration 0052
// left it (the indexes holding the texts unfolded) is upgraded by 0053 and its old rows found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, addUser, PG, psql, confDb, sqlite, waitFor, webSession } from './lib.mjs';

const ENV = { LOKET_TEST_PARTY_WINDOW: '0', LOKET_TEST_CASE_WINDOW: '1' };
let s, token, dir;
const api = (method, path, body) => request(s.url, method, path, { token, body });
const ids = {};      // directory entries by name
const cases = {};    // case numbers by subject

// The names stored, and each written otherwise: [stored, [ways written]].
const NAMES = [
  ['CV. Mitra Karya', ['CV MITRA KARYA', 'cv mitra-karya', 'C.V. Mitra Karya', 'mitrakarya']],
  ['CV SINAR JAYA', ['CV. Sinar Jaya', 'c.v. sinar-jaya', 'Sinar, Jaya']],
  ['PT ABC', ['P.T. A.B.C.', 'pt. a-b-c', 'P T A B C']],
  ['P.T. Duta Perkasa', ['PT DUTA PERKASA', 'pt duta-perkasa']],
  ['CV Sumber-Rejeki', ['CV Sumber Rejeki', 'cv. sumber rejeki', 'SUMBERREJEKI']],
];
// One distractor each should not reach: a name sharing a word only.
const OTHERS = ['CV Mitra Abadi', 'PT Sinar Mas', 'PT ABD', 'CV Rejeki Baru'];

async function upToDate() {
  if (PG) return;   // PostgreSQL's triggers index each row as it is written
  const db = join(dir, 'loket.db');
  const top = (t) => Number(sqlite(db, `SELECT coalesce(max(id),0) FROM ${t}`).stdout.trim());
  const [k, p] = [top('kasus'), top('party')];
  await waitFor(() => Number(sqlite(db, 'SELECT upto FROM case_fts_upto').stdout.trim()) >= k
    && Number(sqlite(db, 'SELECT upto FROM party_fts_upto').stdout.trim()) >= p, 15000);
}

const dirFind = async (q) => {
  const r = await api('GET', `/api/v1/directory?q=${encodeURIComponent(q)}&kind=org`);
  assert.equal(r.status, 200, r.text);
  return r.json.entries.map((e) => e.name).sort();
};
const caseFind = async (q, extra = '', as = token) => {
  const r = await request(s.url, 'GET', `/api/v1/cases?q=${encodeURIComponent(q)}${extra}`, { token: as });
  assert.equal(r.status, 200, r.text);
  return r.json.cases.map((c) => c.subject).sort();
};
const regFind = async (reg, q) => {
  const r = await api('GET', `/api/v1/registers/${reg}?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, r.text);
  return r.json.entries;
};

before(async () => {
  s = await startServer({ env: ENV });
  token = await login(s.url);
  dir = s.dir;
  addUser(dir, 'rina', 'helpdesk', 'rina-password-1');   // the phone procedure's actor: its steps are hers (mine=1)
  for (const name of [...NAMES.map((n) => n[0]), ...OTHERS]) {
    const r = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name });
    assert.equal(r.status, 201, `${name}: ${r.text}`);
    ids[name] = r.json.id;
  }
  // a case per name: the organisation by the directory's name, the requester's name as written
  for (const [name] of [...NAMES, ...OTHERS.map((n) => [n])]) {
    const subject = `Kendala akun ${ids[name]}`;
    const r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject,
      requester: { name: `Staf ${name}`, org_name: name } });
    assert.equal(r.status, 201, r.text);
    cases[name] = { subject, number: r.json.number };
  }
  // one case's first step done: its second falls due within seconds (the overdue list, below)
  const d = await api('POST', `/api/v1/cases/${cases['PT ABC'].number}/steps/1`, { outcome: 'done' });
  assert.equal(d.status, 200, d.text);
  // a few cases opened after, so the window of one is not the case searched for
  for (let i = 0; i < 3; i++) {
    const r = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: `Lain ${i}`, requester: { name: 'Budi' } });
    assert.equal(r.status, 201, r.text);
  }
  await upToDate();
});
after(async () => { await s?.stop(); });

// Every search finds each stored name by each writing of it, and not the others.
async function everySearchFinds() {
  for (const [stored, ways] of NAMES) {
    for (const q of [stored, ...ways]) {
      assert.deepEqual(await dirFind(q), [stored], `directory: ${q}`);
      assert.deepEqual(await caseFind(q), [cases[stored].subject], `cases: ${q}`);
    }
  }
}

test('the directory and the case list find a name however it was written, both ways round, by their indexes', async () => {
  await everySearchFinds();
  assert.doesNotMatch(s.output().stderr, /_text_trgm is missing/);   // PostgreSQL: by pg_trgm
  // stored without dots, written with them, and back: the two forms of one name are twins too
  const r = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name: 'C.V. MITRA-KARYA' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await dirFind('CV Mitra Karya'), ['C.V. MITRA-KARYA', 'CV. Mitra Karya']);
  const page = await (await webSession(s.url)).get(`/direktori/${r.json.id}`);
  assert.match(page.text, /id="twin-list"[^]*CV\. Mitra Karya/, 'the likely twin, by the same fold');
  const m = await api('POST', `/api/v1/directory/${ids['CV. Mitra Karya']}/merge`, { from: String(r.json.id) });
  assert.equal(m.status, 200, m.text);
  assert.deepEqual(await dirFind('C.V. MITRA-KARYA'), ['CV. Mitra Karya']);
  // a case number as typed, or its tail; the caller's steps (mine=1) by the same rule
  const n = cases['PT ABC'].number;
  assert.deepEqual(await caseFind(n), [cases['PT ABC'].subject]);
  assert.deepEqual(await caseFind(n.toLowerCase()), [cases['PT ABC'].subject]);
  assert.deepEqual(await caseFind(n.slice(5)), [cases['PT ABC'].subject]);
  assert.deepEqual(await caseFind('P.T. A.B.C.', '&mine=1'), await caseFind('PT ABC', '&mine=1'));
  // short queries as before: by the scan, a q of signs only finds nothing
  assert.ok((await dirFind('pt')).length >= 4);
  assert.deepEqual(await dirFind('.'), []);
  assert.deepEqual(await caseFind('-'), []);
});

test('the pages find it and show the name as stored', async () => {
  const web = await webSession(s.url);
  let page = await web.get(`/direktori?q=${encodeURIComponent('P.T. A.B.C.')}`);
  assert.equal(page.status, 200);
  assert.match(page.text, />PT ABC</);
  assert.doesNotMatch(page.text, /ptabc/);
  page = await web.get(`/kasus?q=${encodeURIComponent('cv mitra karya')}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(cases['CV. Mitra Karya'].number), 'the case listed');
  assert.doesNotMatch(page.text, /cvmitrakarya/);
});

test('the registers that search by name find it however it was written', async () => {
  const add = async (reg, body) => {
    const r = await api('POST', `/api/v1/registers/${reg}`, body);
    assert.equal(r.status, 201, `${reg}: ${r.text}`);
    return r.json.id;
  };
  const g1 = await add('guest-book', { name: 'Budi Santoso', organisation: 'CV. Mitra Karya', purpose: 'Upload penawaran' });
  const g2 = await add('guest-book', { name: 'Ani', organisation: 'PT ABC', purpose: 'Konsultasi' });
  await add('guest-book', { name: 'Andi', organisation: 'CV Mitra Abadi', purpose: 'Konsultasi' });
  const a1 = await add('agenda', { letter_no: '027/1/2026', letter_date: '2026-11-18', sender: 'CV Sumber-Rejeki', subject: 'Permohonan akun' });
  const c1 = await add('consultation', { name: 'Sari', organisation: 'P.T. A.B.C.', contact: 'sari@abc.co.id', question: 'Lupa sandi' });
  const h1 = await add('handover', { items: 'Dokumen penawaran', from_name: 'CV SINAR JAYA', to_name: 'Rina' });
  const got = async (reg, q) => (await regFind(reg, q)).map((e) => e.id);
  for (const q of ['CV MITRA KARYA', 'cv mitra-karya', 'CV. Mitra Karya']) assert.deepEqual(await got('guest-book', q), [g1], q);
  for (const q of ['P.T. A.B.C.', 'PT ABC']) assert.deepEqual(await got('guest-book', q), [g2], q);
  for (const q of ['CV Sumber Rejeki', 'cv. sumber-rejeki']) assert.deepEqual(await got('agenda', q), [a1], q);
  for (const q of ['PT ABC', 'pt. a.b.c', 'P.T. A.B.C.']) assert.deepEqual(await got('consultation', q), [c1], q);
  for (const q of ['CV. Sinar Jaya', 'c.v. sinar-jaya']) assert.deepEqual(await got('handover', q), [h1], q);
  // the entry as stored
  assert.equal((await regFind('consultation', 'PT ABC'))[0].organisation, 'P.T. A.B.C.');
});

// The old forms of the indexes' texts, as 0040 and 0050 wrote them (lowered only).
const OLD_SQLITE = `
DROP VIEW case_fts_text;
CREATE VIEW case_fts_text AS SELECT k.id AS id, lower(k.subject)||char(10)||lower(k.number)||char(10)||lower(k.requester_name)
  ||char(10)||lower(coalesce(k.org_given,''))||char(10)||coalesce((SELECT lower(o.name) FROM party o WHERE o.id=k.org_id),'') AS body FROM kasus k;
DELETE FROM case_fts;
INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text WHERE id<=(SELECT upto FROM case_fts_upto);
DROP VIEW party_fts_text;
CREATE VIEW party_fts_text AS SELECT p.id AS id, lower(p.name)||char(10)||lower(coalesce(p.email,'')) AS body FROM party p;
DELETE FROM party_fts;
INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text WHERE id<=(SELECT upto FROM party_fts_upto);
DELETE FROM schema_migration WHERE name='0053-search-fold';`;
const OLD_PG = `
CREATE OR REPLACE FUNCTION case_text_body(subject TEXT, number TEXT, requester TEXT, org_given TEXT, org_id BIGINT)
  RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT lower($1)||chr(10)||lower($2)||chr(10)||lower($3)
  ||chr(10)||lower(coalesce($4,''))||chr(10)||coalesce((SELECT lower(o.name) FROM party o WHERE o.id=$5),'') $$;
UPDATE case_text t SET body=case_text_body(k.subject, k.number, k.requester_name, k.org_given, k.org_id) FROM kasus k WHERE k.id=t.case_id;
CREATE OR REPLACE FUNCTION party_text_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  INSERT INTO party_text(party_id, body) VALUES(NEW.id, lower(NEW.name)||chr(10)||lower(coalesce(NEW.email,'')))
    ON CONFLICT (party_id) DO UPDATE SET body=EXCLUDED.body;
  RETURN NULL; END $$;
UPDATE party_text t SET body=lower(p.name)||chr(10)||lower(coalesce(p.email,'')) FROM party p WHERE p.id=t.party_id;
DELETE FROM schema_migration WHERE name='0053-search-fold';`;

test('a database the indexes hold unfolded (as before 0053) is upgraded: its old rows are found however written', async () => {
  await s.stop({ keep: true });
  s = null;
  const count = (sql) => Number((PG ? psql(confDb(dir), sql) : sqlite(join(dir, 'loket.db'), sql)).stdout.trim());
  const r = PG ? psql(confDb(dir), OLD_PG) : sqlite(join(dir, 'loket.db'), OLD_SQLITE);
  assert.equal(r.status, 0, r.stderr);
  const id = ids['CV. Mitra Karya'];
  const folded = PG ? `SELECT count(*) FROM party_text WHERE party_id=${id} AND body LIKE 'cvmitrakarya%'`
    : `SELECT count(*) FROM party_fts WHERE rowid=${id} AND party_fts MATCH '"cvmitrakarya"'`;
  const foldedCase = PG ? "SELECT count(*) FROM case_text WHERE body LIKE '%ptabc%'"
    : `SELECT count(*) FROM case_fts WHERE case_fts MATCH '"ptabc"'`;
  assert.equal(count(folded), 0, 'the old index holds the name as written');
  // three weeks on: the open steps are past due, for the overdue list
  const later = new Date(Date.now() + 21 * 86400 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  s = await startServer({ dir, env: { ...ENV, LOKET_TEST_NOW: later } });
  token = await login(s.url);
  assert.equal(count("SELECT count(*) FROM schema_migration WHERE name='0053-search-fold'"), 1);
  assert.equal(count(folded), 1, 'the entry folded in the index');
  assert.ok(count(foldedCase) >= 1, 'the case folded in the index');
  await everySearchFinds();
  // the overdue list and the caller's steps search by the same rule
  const rina = await login(s.url, 'rina', 'rina-password-1');
  for (const extra of ['&overdue=1', '&mine=1', '&overdue=1&mine=1']) {
    for (const q of ['P.T. A.B.C.', 'pt abc', 'PT ABC']) {
      assert.deepEqual(await caseFind(q, extra, rina), [cases['PT ABC'].subject], `${q}${extra}`);
    }
  }
  // written after the upgrade: folded by the new views and functions too
  const p = await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name: 'P.T. Baru-Jaya, Tbk.' });
  assert.equal(p.status, 201, p.text);
  await upToDate();
  assert.deepEqual(await dirFind('PT BARU JAYA TBK'), ['P.T. Baru-Jaya, Tbk.']);
  const renamed = await api('PATCH', `/api/v1/directory/${ids['CV SINAR JAYA']}`, { name: 'C.V. Sinar-Jaya Abadi' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual(await dirFind('cv sinar jaya abadi'), ['C.V. Sinar-Jaya Abadi']);
  assert.deepEqual(await caseFind('CV SINAR JAYA ABADI'), [cases['CV SINAR JAYA'].subject]);
});
