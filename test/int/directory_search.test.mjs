// The directory's search (GET /api/v1/directory?q=) by its trigram index (migration 0050: SQLite's
// party_fts, PostgreSQL's party_text with pg_trgm): the same entries, in the same order, limit
// and pages as the scan, on 1,200 entries with tricky names (Indonesian titles, punctuation, %, _,
// accents, queries of 1 to 3 characters), the server run with the index alone
// (LOKET_TEST_PARTY_WINDOW=0) and then with the scan alone on the same data; an entry renamed is
// found by its new name at once and not by its old, a merged one not at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, PG, sqlite, waitFor, webSession } from './lib.mjs';
import { join } from 'node:path';

const FIRST = ['Budi', 'Siti', 'José', 'ÉLISE', 'élise', 'Ümit', "O'Brien", 'Dewi_Sartika', '100% Jaya', 'Nyoman',
  'Ni Luh', 'I Gede', 'Abd.', 'Muh.', 'a\\b', '"Kutip"', 'Ñoño', 'Andi', 'Sri', 'Ba'];
const LAST = ['Santoso', 'Aminah', 'Wijaya', 'Prasetyo', 'Hakim', 'Siregar', 'Nasution', 'Pratama', 'Lubis',
  'Harahap', 'Sihombing', 'Putri', 'Maju-Jaya', '(Persero)', 'Tbk.', 'X'];
const TITLE = ['', 'Dr. ', 'Ir. ', 'H. ', 'Hj. ', 'Drs. ', 'Prof. Dr. ', 'dr. '];
const AFTER = ['', ', S.Kom.', ', S.E., M.Si.', ', M.T.', ', S.H.', ', Sp.PD', ', S.Pd.I'];
const QS = ['budi', 'BUDI', 'bu', 'b', '%', '_', '100%', '% j', 'dewi_s', 'ewi_', 's.e.', 's.e., m', 'dr.', 'Dr. S',
  'prof. dr. élise', 'élise', 'ÉLISE', 'lise', 'josé', 'JOSÉ', 'ümit', "o'brien", "'b", 'a\\b', '\\', '"kutip"', '"',
  'ñoño', '(persero)', 'tbk.', 'maju-jaya', 'gmail', '@lkpp', '.go.id', 'budi.1', 'u29', 'ba ', ' x', 'x, s',
  'ni luh', 'aminah', 'siti aminah', '3325090101700006', '3325 0901 0170 0011', '081230000070', '+62 812-3000-0140',
  'abd. hak', 'sp.pd', 'zzz', 'ba'];
const N = 1200;

let s, token, dir;
const api = (method, path, body) => request(s.url, method, path, { token, body });

// Every page of a search (q, kind, limit) as the ids of each page, following before.
async function pages(q, kind, limit) {
  const out = [];
  let before = '';
  for (let i = 0; i < 4; i++) {
    const r = await api('GET', `/api/v1/directory?q=${encodeURIComponent(q)}&kind=${kind}&limit=${limit}${before}`);
    assert.equal(r.status, 200, r.text);
    const ids = r.json.entries.map((x) => x.id);
    out.push(ids.join(' '));
    if (ids.length < limit) break;
    before = `&before=${ids[limit - 1]}`;
  }
  return out;
}

// Every search of QS by every kind and limit.
async function searches() {
  const all = {};
  for (const q of QS) for (const kind of ['', 'person', 'org']) for (const limit of [1, 7, 100]) {
    all[`${q}|${kind}|${limit}`] = await pages(q, kind, limit);
  }
  return all;
}

before(async () => {
  s = await startServer({ env: { LOKET_TEST_PARTY_WINDOW: '0' } });
  token = await login(s.url);
  dir = s.dir;
});
after(async () => { await s?.stop(); });

test('the indexed search finds what the scan finds, page by page', async () => {
  assert.match(s.output().stderr, /directory search reads 0 entries before its index/);
  const ids = [];
  for (let i = 0; i < N; i++) {
    const name = `${TITLE[(i * 7) % 8]}${FIRST[(i * 3) % 20]} ${LAST[(i * 5) % 16]}${AFTER[(i * 11) % 7]}`;
    const email = `${i % 3 === 0 ? 'budi.' : 'u'}${i}@${i % 4 === 0 ? 'gmail.com' : 'lkpp.go.id'}`;
    const body = i % 10 === 9 ? { kind: 'org', org_type: 'agency', name, email }
      : { kind: 'person', name, ...(i % 2 ? { email } : {}), ...(i % 5 === 0 ? { nik: `332509010170${String(i + 1).padStart(4, '0')}` } : {}),
        ...(i % 7 === 0 ? { phone: `08123${String(i).padStart(7, '0')}` } : {}) };
    const r = await api('POST', '/api/v1/directory', body);
    assert.equal(r.status, 201, `${name}: ${r.text}`);
    ids.push(r.json.id);
  }
  if (!PG) {   // the catching-up thread puts them in the index within seconds; those it has not yet, the scan reads
    const db = join(dir, 'loket.db');
    await waitFor(() => Number(sqlite(db, 'SELECT upto FROM party_fts_upto').stdout.trim()) >= ids[N - 1], 15000);
  }
  const byIndex = await searches();
  assert.doesNotMatch(s.output().stderr, /party_text_trgm is missing/);   // PostgreSQL: the index was read
  await s.stop({ keep: true });
  s = await startServer({ dir, env: { LOKET_TEST_PARTY_WINDOW: '1000000000' } });
  token = await login(s.url);
  const byScan = await searches();
  let nonempty = 0;
  for (const k of Object.keys(byScan)) {
    assert.deepEqual(byIndex[k], byScan[k], k);
    if (byScan[k][0]) nonempty++;
  }
  assert.ok(nonempty > Object.keys(byScan).length / 2);
  assert.doesNotMatch(s.output().stderr, /party_text_trgm is missing/);
  await s.stop({ keep: true });
  s = await startServer({ dir, env: { LOKET_TEST_PARTY_WINDOW: '0' } });
  token = await login(s.url);
});

test('a renamed entry is found by its new name at once, not by its old; a merged one not at all', async () => {
  const found = async (q) => (await api('GET', `/api/v1/directory?q=${encodeURIComponent(q)}`)).json.entries.map((x) => x.id);
  const all = (await api('GET', '/api/v1/directory?limit=1000')).json.entries.map((x) => x.id);
  const [a, b, keep] = [all[500], all[600], all[700]];
  let r = await api('PATCH', `/api/v1/directory/${a}`, { name: 'Gatotkaca Perkasa' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await found('gatotkaca'), [a]);
  r = await api('PATCH', `/api/v1/directory/${a}`, { name: 'Wisanggeni Sakti', email: 'antareja@desa.id' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await found('gatotkaca'), []);
  assert.deepEqual(await found('wisanggeni'), [a]);
  assert.deepEqual(await found('antareja@'), [a]);
  r = await api('PATCH', `/api/v1/directory/${b}`, { name: 'Antasena Muda' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await found('antasena'), [b]);
  r = await api('POST', `/api/v1/directory/${keep}/merge`, { from: String(b) });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await found('antasena'), []);
  // a new entry, not yet in SQLite's index, is found by the scan of what it does not hold
  r = await api('POST', '/api/v1/directory', { kind: 'person', name: 'Srikandi Baru' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await found('srikandi'), [r.json.id]);
});

test('a search typed with two or more spaces between its words, spaces around them, or a tab pasted from a spreadsheet, finds what one space finds', async () => {
  const found = async (q) => (await api('GET', `/api/v1/directory?q=${encodeURIComponent(q)}`)).json.entries.map((x) => x.id);
  const one = await found('wisanggeni sakti');
  assert.equal(one.length, 1);
  for (const q of ['wisanggeni  sakti', '  Wisanggeni   Sakti ', 'wisanggeni\tsakti', 'wisanggeni\t\tsakti\n']) assert.deepEqual(await found(q), one, JSON.stringify(q));
  // the staff page's search too
  const page = await (await webSession(s.url)).get(`/direktori?q=${encodeURIComponent('wisanggeni \t sakti')}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Wisanggeni Sakti/);
});
