// An export that holds at most so many rows says so when more matched, in the lines above the
// table of an XLSX or a PDF (a CSV is the table alone): the SKM suggestions (the newest 10,000, of
// how many; the report's page says so by its download links) and a register (the newest 100 pages
// of 1,001 rows), the compliance report's breaches (every one up to 10,000, where its page shows
// the latest 500); an export that holds every row says nothing of the kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { startServer, webSession, sqlite, psql, confDb, PG, login, request } from './lib.mjs';

const NOW = '2026-11-16T08:00:00+07:00';
const T0 = Date.parse(NOW) / 1000;
let s, web;

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: NOW } });
  web = await webSession(s.url);
});
after(async () => { await s?.stop(); });

// Run sql on the server's database (SQLite or PostgreSQL), asserting it worked.
function sql(q) {
  const r = PG ? psql(confDb(s.dir), q) : sqlite(join(s.dir, 'loket.db'), q);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// n rows made by one INSERT … SELECT over the numbers 1..n (i), the same SQL on both databases.
const numbered = (n, insert) => sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i<${n}) ${insert} FROM k`);

const CUT = /Hanya \S+ baris terbaru/;

// The texts of the XLSX file at path of the web session (its cells and its lines above the table);
// rows: how many rows its sheet has instead.
async function xlsxText(path, { rows = false } = {}) {
  const res = await fetch(s.url + path, { headers: { Cookie: web.cookie() } });
  assert.equal(res.status, 200, path);
  const dir = mkdtempSync(join(tmpdir(), 'loket-cut-'));
  try {
    writeFileSync(join(dir, 'f.xlsx'), Buffer.from(await res.arrayBuffer()));
    const xml = execFileSync('unzip', ['-p', join(dir, 'f.xlsx')], { maxBuffer: 1 << 28 }).toString('utf8');
    if (rows) return (xml.match(/<row[ >]/g) || []).length;
    return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]).join('\n');
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('the SKM suggestions export: 10,001 written in November, the file holds the newest 10,000 and says of how many', async () => {
  numbered(10001, `INSERT INTO skm_response(office_id, sop_code, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation,
    suggestion, answered_at) SELECT (SELECT min(id) FROM office), 'SOP 02/LPSE.OI/2012', 4, 4, 3, 4, 3, 4, 4, 3, 4, 'P', 30, 'D4/S1', 'Swasta',
    'Saran nomor ' || i, ${T0 - 20000} + i`);
  const x = await xlsxText('/laporan/skm/saran?from=2026-11-01&to=2026-11-30&format=xlsx');
  assert.match(x, /^Hanya 10000 baris terbaru dari 10001 baris yang cocok ada di sini: pilih periode yang lebih pendek untuk sisanya$/m);
  assert.match(x, /^Saran nomor 10001$/m, 'the newest in');
  assert.match(x, /^Saran nomor 2$/m);
  assert.doesNotMatch(x, /^Saran nomor 1$/m, 'the oldest out');
  // the CSV is the table alone (no line above it): 10,000 rows under its head
  const csv = await web.get('/laporan/skm/saran?from=2026-11-01&to=2026-11-30&format=csv');
  assert.equal(csv.text.trim().split('\r\n').length, 10001);
  // the report's page says so beside its download links
  const page = await web.get('/laporan/skm?from=2026-11-01&to=2026-11-30');
  assert.match(page.text, /<p class="hint muted no-print" id="skm-suggestions-cut">Unduhan memuat 10000 saran terbaru: pilih periode yang lebih pendek untuk sisanya<\/p>/);
  // a period that holds fewer: no such line, nor hint
  sql(`DELETE FROM skm_response WHERE suggestion='Saran nomor 1'`);
  assert.doesNotMatch(await xlsxText('/laporan/skm/saran?from=2026-11-01&to=2026-11-30&format=xlsx'), CUT);
  assert.doesNotMatch((await web.get('/laporan/skm?from=2026-11-01&to=2026-11-30')).text, /skm-suggestions-cut/);
});

test('a register\'s export: 100,101 guests, the file holds the newest 100,100 and says more matched; one fewer, nothing said', { timeout: 120000 }, async () => {
  numbered(100100, `INSERT INTO guest_book(office_id, arrived_at, name, purpose, created_by, created_at)
    SELECT (SELECT min(id) FROM office), ${T0 - 200000} + i, 'Tamu ' || i, 'Konsultasi', 'admin', ${T0 - 200000} + i`);
  let x = await xlsxText('/register/guest-book/ekspor?format=xlsx');
  assert.doesNotMatch(x, CUT, 'every row in: nothing said');
  assert.match(x, /^Tamu 1$/m);
  sql(`INSERT INTO guest_book(office_id, arrived_at, name, purpose, created_by, created_at)
    VALUES((SELECT min(id) FROM office), ${T0 - 100}, 'Tamu terakhir', 'Konsultasi', 'admin', ${T0 - 100})`);
  x = await xlsxText('/register/guest-book/ekspor?format=xlsx');
  assert.match(x, /^Hanya 100100 baris terbaru ada di sini \(masih ada yang cocok\): pilih periode yang lebih pendek untuk sisanya$/m);
  assert.match(x, /^Tamu terakhir$/m);
  assert.doesNotMatch(x, /^Tamu 1$/m, 'the oldest out');
});

test('the breaches of the compliance report: a file holds all 501 (the page the latest 500), of 10,001 the latest 10,000 and says so', async () => {
  // one helpdesk case opened now (Monday 16 November 2026, 08:00 WIB): its step 1 is due at 08:10,
  // not yet a breach. Visits 2 to 502 of that step are added undone, visit v+1 due at T0-20000+v
  // (v = 1..501: 02:33:21 to 02:41:41 today, before now): 501 breaches of November, every one
  // still open (nobody's: no user named), late by 20000-v seconds (19999 down to 19499).
  const tok = await login(s.url);
  const r = await request(s.url, 'POST', '/api/v1/cases', { token: tok, body: { sop: 'SOP 02/LPSE.OI/2012', channel: 'walk_in',
    subject: 'Banyak pelanggaran', requester: { name: 'Rina Wulandari', phone: '081311112222' } } });
  assert.equal(r.status, 201, r.text);
  const id = `(SELECT id FROM kasus WHERE number='${r.json.number}')`;
  const visits = (a, b) => sql(`WITH RECURSIVE k(i) AS (SELECT ${a} UNION ALL SELECT i+1 FROM k WHERE i<${b})
    INSERT INTO case_step(case_id, office_id, no, visit, started_at, due_at)
    SELECT ${id}, (SELECT min(id) FROM office), 1, i+1, ${T0 - 30000} + i, ${T0 - 20000} + i FROM k`);
  visits(1, 501);
  const NOV = 'from=2026-11-01&to=2026-11-30';
  const api = await request(s.url, 'GET', `/api/v1/reports/compliance?${NOV}`, { token: tok });
  assert.deepEqual([api.json.breaches_total, api.json.breaches_open, api.json.breaches.length], [501, 501, 200]);
  // the page: the latest 500 of 501
  assert.match((await web.get(`/laporan/kepatuhan?${NOV}`)).text, /Ditampilkan yang terbaru 500 \/ 501/);
  // the files: all 501 (the CSV's last column the seconds late: 19999, the oldest, down to 19499)
  let csv = (await web.get(`/laporan/kepatuhan?${NOV}&tabel=pelanggaran&format=csv`)).text.trim().split('\r\n');
  assert.equal(csv.length, 1 + 501);
  let late = csv.slice(1).map((l) => Number(l.split(',').pop()));
  assert.deepEqual([Math.min(...late), Math.max(...late)], [19499, 19999]);
  let x = await xlsxText(`/laporan/kepatuhan?${NOV}&tabel=pelanggaran&format=xlsx`);
  assert.doesNotMatch(x, CUT, 'every breach in: nothing said');
  // its rows: the title, the office and period, the breaches' split, the header (the empty row
  // above it is not written), 501 breaches
  const rows = await xlsxText(`/laporan/kepatuhan?${NOV}&tabel=pelanggaran&format=xlsx`, { rows: true });
  assert.equal(rows, 4 + 501);
  // 9,500 more (v = 502..10001, late 19498 down to 9999): 10,001, the files hold the latest 10,000
  // (v = 2..10001, late 19998 down to 9999: the oldest, v = 1, left out) and the XLSX says so
  visits(502, 10001);
  x = await xlsxText(`/laporan/kepatuhan?${NOV}&tabel=pelanggaran&format=xlsx`);
  assert.match(x, /^Hanya 10000 baris terbaru dari 10001 baris yang cocok ada di sini: pilih periode yang lebih pendek untuk sisanya$/m);
  csv = (await web.get(`/laporan/kepatuhan?${NOV}&tabel=pelanggaran&format=csv`)).text.trim().split('\r\n');
  assert.equal(csv.length, 1 + 10000);
  late = csv.slice(1).map((l) => Number(l.split(',').pop()));
  assert.deepEqual([Math.min(...late), Math.max(...late)], [9999, 19998]);
  // the compliance table's file says nothing of the kind (its rows are whole)
  assert.doesNotMatch(await xlsxText(`/laporan/kepatuhan?${NOV}&format=xlsx`), CUT);
});
