// Issue 8: the reports over HTTP. A fixture of phone cases (SOP-LPSE.BTG-017) walked with
// frozen clocks (the server restarted at each instant with LOKET_TEST_NOW) on Monday
// 5 January 2026, WIB; every figure below is worked by hand in the comment beside it.
// Step 2's standard is 10 s of real time, step 3's 2 min of office time (open 07:30–12:00).
// Then: the compliance report (API and page, breaches linked to their cases), the dashboard,
// a recap, the exports (CSV read as text, XLSX read back with openpyxl, PDF with pdftotext,
// one page rendered with pdftoppm), the registers' exports and printable forms, the
// swimlane flow of all ten procedures (every step and every branch), and the permissions.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frozenServer, login, addUser, webSession } from './lib.mjs';

const PHONE = 'SOP-LPSE.BTG-017';
const REQUESTER = { name: 'Budi Santoso', phone: '081298765432' };
const TMP = mkdtempSync(join(tmpdir(), 'loket-reports-'));

const clock = frozenServer();
after(async () => { await clock.stop(); rmSync(TMP, { recursive: true, force: true }); });
const { serveAt, api } = clock;

async function open(subject) {
  const r = await api('POST', '/api/v1/cases', { sop: PHONE, channel: 'phone', subject, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  return r.json.number;
}
async function step(number, no, outcome = 'done') {
  const r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/${no}`, { outcome });
  assert.equal(r.status, 200, `${number} step ${no}: ${r.text}`);
  return r.json;
}

// A binary download through the web session: {status, type, disposition, bytes}.
async function download(web, path) {
  const res = await fetch(clock.url + path, { headers: { Cookie: web.cookie() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
           bytes: Buffer.from(await res.arrayBuffer()) };
}
function saved(bytes, name) {
  const p = join(TMP, name);
  writeFileSync(p, bytes);
  return p;
}
function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const pdfText = (bytes, name) => run('pdftotext', ['-layout', saved(bytes, name), '-']);
const PY = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
function xlsxRows(bytes, name) {
  const p = saved(bytes, name);
  const out = run(PY, ['-c', 'import sys, json, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n'
    + 'print(json.dumps([[c for c in row] for row in wb.worksheets[0].iter_rows(values_only=True)], default=str))', p]);
  return JSON.parse(out);
}
// The range of a workbook's first sheet's autofilter ("A4:C7").
const xlsxFilter = (bytes, name) => run(PY, ['-c', 'import sys, openpyxl\n'
  + 'print(openpyxl.load_workbook(sys.argv[1]).worksheets[0].auto_filter.ref)', saved(bytes, name)]).trim();

const num = {};

// A 08:00:00, B and C too; step 1 of each at once.
// A step 2 at 08:00:04 (4 s, met); B at 08:00:08 (8 s, met); C at 08:00:15 (15 s, late by 5).
// A step 3 at 08:02:00 (from 08:00:04: 116 s, met); B too (from 08:00:08: 112 s, met);
// D opened 08:02:00, step 1 at once; its step 2 (due 08:02:10) stays open.
// C step 3 at 08:05:15 (from 08:00:15: 300 s, late by 180; due 08:02:15).
test('fixture: four phone cases walked with frozen clocks', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  for (const k of ['A', 'B', 'C']) { num[k] = await open(`Kasus ${k}`); await step(num[k], 1); }
  await serveAt('2026-01-05T08:00:04+07:00');
  assert.equal((await step(num.A, 2)).steps[1].met, true);
  await serveAt('2026-01-05T08:00:08+07:00');
  await step(num.B, 2);
  await serveAt('2026-01-05T08:00:15+07:00');
  assert.equal((await step(num.C, 2)).steps[1].met, false);
  await serveAt('2026-01-05T08:02:00+07:00');
  await step(num.A, 3);
  await step(num.B, 3);
  num.D = await open('Kasus D');
  await step(num.D, 1);
  await serveAt('2026-01-05T08:05:15+07:00');
  const c = await step(num.C, 3);
  assert.equal(c.steps[2].met, false);
});

test('compliance report: counts, median, p90, share and breaches as worked by hand', async () => {
  const r = await api('GET', `/api/v1/reports/compliance?from=2026-01-05&to=2026-01-05&sop=${encodeURIComponent(PHONE)}`);
  assert.equal(r.status, 200, r.text);
  const j = r.json;
  assert.equal(j.from, '2026-01-04T17:00:00Z');
  assert.equal(j.to, '2026-01-05T17:00:00Z');
  assert.deepEqual(j.rows.map((w) => w.step), [1, 2, 3]);
  const [s1, s2, s3] = j.rows;
  // step 1: A B C D, no standard
  assert.deepEqual([s1.cases, s1.done, s1.timed, s1.share, s1.standard], [4, 4, 0, null, null]);
  // step 2: 4 8 15 → median 8, p90 (rank ceil(2.7) = 3) 15; met 2 of 3; breaches C (late) + D (open)
  assert.deepEqual([s2.done, s2.timed, s2.met, s2.median_s, s2.p90_s, s2.share, s2.breaches], [3, 3, 2, 8, 15, 66.7, 2]);
  assert.deepEqual(s2.standard, { kind: 'real', seconds: 10, days: 0, text: '10 detik' });
  assert.equal(s2.measure, 'real');
  // step 3: 112 116 300 (office seconds) → median 116, p90 300; met 2 of 3; breach C
  assert.deepEqual([s3.done, s3.met, s3.median_s, s3.p90_s, s3.share, s3.breaches], [3, 2, 116, 300, 66.7, 1]);
  assert.equal(s3.measure, 'office');
  assert.deepEqual(j.total, { cases: 4, done: 10, timed: 6, met: 4, share: 66.7, breaches: 3 });
  // latest due first: C step 3 (due 08:02:15), D step 2 (due 08:02:10, still open), C step 2
  assert.equal(j.breaches_total, 3);
  assert.deepEqual(j.breaches.map((b) => [b.case, b.step, b.late_s]), [
    [num.C, 3, 180],
    [num.D, 2, 185],          // open: from 08:02:10 to now, 08:05:15
    [num.C, 2, 5],
  ]);
  assert.equal(j.breaches[0].due_at, '2026-01-05T01:02:15Z');
  assert.equal(j.breaches[1].done_at, null);
  assert.equal(j.breaches[0].href, `/api/v1/cases/${num.C}`);
  // one step, by officer: everything was done by admin
  const o = await api('GET', `/api/v1/reports/compliance?from=2026-01-05&to=2026-01-05&step=3&by=officer`);
  assert.deepEqual(o.json.rows.map((w) => [w.step, w.officer, w.median_s]), [[3, 'admin', 116]]);
  // bad input names its field
  for (const [q, field] of [['step=0', 'step'], ['sop=NOPE', 'sop'], ['from=kemarin', 'from'], ['from=2026-01-05&to=2027-06-01', 'to']]) {
    const bad = await api('GET', `/api/v1/reports/compliance?${q}`);
    assert.equal(bad.status, 400, q);
    assert.equal(bad.json.error.field, field, q);
  }
});

test('dashboard: open cases, overdue steps, this month against last', async () => {
  const r = await api('GET', '/api/v1/reports/dashboard');
  assert.equal(r.status, 200, r.text);
  const o = r.json.office;
  // A, B, C wait at step 4 (the caller's), D at step 2 (overdue since 08:02:10)
  assert.equal(o.open_cases, 4);
  assert.equal(o.opened_today, 4);
  assert.equal(o.overdue_steps, 1);
  assert.deepEqual(o.this_month, { timed: 6, met: 4, share: 66.7 });
  assert.deepEqual(o.last_month, { timed: 0, met: 0, share: null });
  // the month's breaches are the steps finished late (C 2, C 3: the 2 of 6 the share counts
  // outside its standard) and those still open past due (D 2, which the share cannot count)
  assert.deepEqual([o.breaches_this_month, o.breaches_open, o.overdue_before_month], [3, 1, 0]);
  assert.equal(o.breaches_this_month - o.breaches_open, o.this_month.timed - o.this_month.met);
  assert.deepEqual([r.json.mine.breaches_this_month, r.json.mine.breaches_open], [2, 0]);   // D 2 is nobody's yet
  const c = await api('GET', '/api/v1/reports/compliance');
  assert.deepEqual([c.json.breaches_total, c.json.breaches_open], [3, 1]);
  // slowest: step 3 (p90 300 s against 120) before step 2 (15 against 10)
  assert.deepEqual(o.slowest.map((w) => w.step), [3, 2]);
  assert.equal(r.json.mine.username, 'admin');
  assert.equal(r.json.mine.done_this_month, 10);
});

test('recap of phone cases per day', async () => {
  const r = await api('GET', '/api/v1/reports/recaps/telepon?from=2026-01-04&to=2026-01-06');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rows.map((w) => [w.period, w.values[0]]), [['2026-01-04', 0], ['2026-01-05', 4], ['2026-01-06', 0]]);
  assert.deepEqual(r.json.total, [4, 0]);
  const m = await api('GET', '/api/v1/reports/recaps/telepon?from=2026-01-01&to=2026-02-28&by=month');
  assert.deepEqual(m.json.rows.map((w) => [w.period, w.values[0]]), [['2026-01', 4], ['2026-02', 0]]);
});

test('the compliance page: chart with its table, breaches linked to their cases; exports in three formats', async () => {
  const web = await webSession(clock.url);
  const q = `from=2026-01-05&to=2026-01-05&sop=${encodeURIComponent(PHONE)}`;
  const page = await web.get(`/laporan/kepatuhan?${q}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg class="chart"[^>]*role="img"/);
  assert.match(page.text, /<title>Persentase langkah dalam standar waktu<\/title>/);
  assert.match(page.text, /<table class="compliance">/);
  assert.ok(page.text.includes(`<a href="/kasus/${num.C}">${num.C}</a>`), 'a breach links to its case');
  assert.ok(page.text.includes(`<a href="/kasus/${num.D}">`));
  assert.ok(page.text.includes('66,7 %'));
  assert.ok(!page.text.includes('jam kerja <span class="muted">(jam kerja)'), 'office time said once');
  assert.ok(!/<script/i.test(page.text), 'no script needed');

  const csv = await download(web, `/laporan/kepatuhan?${q}&format=csv`);
  assert.equal(csv.status, 200);
  assert.equal(csv.type, 'text/csv');
  assert.match(csv.disposition, /filename="kepatuhan\.csv"/);
  const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'Prosedur,Langkah,Kegiatan,Standar,Kasus,Langkah selesai,Median (detik),Persentil ke-90 (detik),Dalam standar (%),Pelanggaran');
  assert.match(lines[2], /^SOP-LPSE\.BTG-017,2,"Menerima telepon[^"]*",10 detik,3,3,8,15,66\.7,2$/);
  assert.match(lines[3], /^SOP-LPSE\.BTG-017,3,.*,2 menit jam kerja,3,3,116,300,66\.7,1$/);
  assert.equal(lines[4], 'Jumlah,,,,4,10,,,66.7,3');

  const x = await download(web, `/laporan/kepatuhan?${q}&format=xlsx`);
  assert.equal(x.status, 200);
  const all = xlsxRows(x.bytes, 'kepatuhan.xlsx');
  // the head a reader expects above the table: the title, the office and period, the filter
  assert.equal(all[0][0], 'Laporan kepatuhan');
  assert.match(all[1][0], /· 5 Januari 2026 – 5 Januari 2026$/);
  assert.match(all[2][0], /^SOP-LPSE\.BTG-017/);
  // and the breaches as the page splits them
  assert.equal(all[3][0], 'Pelanggaran 3: 2 selesai terlambat · 1 masih terbuka melewati tenggat');
  assert.deepEqual(all[4].filter((v) => v !== null), []);
  const rows = all.slice(5);
  assert.deepEqual(rows[0].slice(0, 2), ['Prosedur', 'Langkah']);
  assert.deepEqual([rows[2][0], rows[2][1], rows[2][4], rows[2][6], rows[2][7], rows[2][8], rows[2][9]], [PHONE, 2, 3, 8, 15, 66.7, 2]);
  assert.deepEqual([rows[3][1], rows[3][6], rows[3][7]], [3, 116, 300]);
  // the autofilter ends above the Total row: sorting keeps it under the rows it sums
  assert.equal(all.at(-1)[0], 'Jumlah');
  assert.equal(xlsxFilter(x.bytes, 'kepatuhan-filter.xlsx'), `A6:J${all.length - 1}`);

  const pdf = await download(web, `/laporan/kepatuhan?${q}&format=pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  const text = pdfText(pdf.bytes, 'kepatuhan.pdf');
  assert.ok(text.includes('Laporan kepatuhan'));
  assert.ok(text.includes('5 Januari 2026'));
  assert.match(text, /SOP-LPSE\.BTG-017\s+3\s/);
  // the PDF is for people: durations in words (116 s, 300 s), a decimal comma
  assert.match(text, /1 menit 56 detik\s+5 menit\s+66,7\s+1/);
  // one page rendered to PNG
  const png = join(TMP, 'kepatuhan-page');
  run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', join(TMP, 'kepatuhan.pdf'), png]);
  assert.ok(statSync(`${png}.png`).size > 5000);

  const br = await download(web, `/laporan/kepatuhan?${q}&tabel=pelanggaran&format=csv`);
  const blines = br.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(blines[1].split(',')[0], num.C);
  // a standard of seconds or minutes (2 min office): its times to the second
  assert.match(blines[1], /,2026-01-05 08:02:15,2026-01-05 08:05:15,180$/);
  assert.match(blines[2], new RegExp(`^${num.D},.*,2026-01-05 08:02:10,,185$`));

  const bp = await download(web, `/laporan/kepatuhan?${q}&tabel=pelanggaran&format=pdf`);
  const btext = pdfText(bp.bytes, 'pelanggaran.pdf');
  assert.ok(btext.includes('Pelanggaran standar waktu'));
  for (const n of [num.C, num.D]) assert.ok(btext.includes(n), `${n} in the breaches PDF`);
  assert.match(btext, /5 Januari 2026, 08\.02\.15\s/);   // "WIB" wraps under it
  // D's step 2, not done: the PDF says so as the page does (the CSV above leaves it empty)
  assert.match(btext, new RegExp(`${num.D}.*masih terbuka`));

  const bad = await web.get(`/laporan/kepatuhan?format=doc`);
  assert.equal(bad.status, 400);
  // a table misspelt is said, not answered with the other table
  const odd = await web.get(`/laporan/kepatuhan?${q}&tabel=pelanggar&format=csv`);
  assert.equal(odd.status, 400);
  assert.ok(odd.text.includes('Tabel harus pelanggaran (daftar pelanggaran) atau dikosongkan (tabel kepatuhan)'), odd.text.slice(0, 400));
});

test('a step breached by seconds (C: 10 s to answer, done in 15) says its due and done times to the second in the breaches\' page, CSV, XLSX and PDF, and in the lists of open steps', async () => {
  const web = await webSession(clock.url);
  const q = `from=2026-01-05&to=2026-01-05&sop=${encodeURIComponent(PHONE)}&step=2`;
  const page = await web.get(`/laporan/kepatuhan?${q}`);
  assert.equal(page.status, 200);
  // C step 2: due 08:00:10, done 08:00:15: "due 08.00, done 08.00, late by 5 seconds" said nothing
  assert.ok(page.text.includes('<td>5 Januari 2026, 08.00.10 WIB</td><td>5 Januari 2026, 08.00.15 WIB</td><td class="num">5 detik</td>'),
    page.text.slice(page.text.indexOf('class="breaches"'), page.text.indexOf('class="breaches"') + 1500));
  const en = await web.get(`/laporan/kepatuhan?${q}&lang=en`);
  assert.ok(en.text.includes('<td>5 January 2026, 08:00:10 WIB</td><td>5 January 2026, 08:00:15 WIB</td>'));
  const csv = await download(web, `/laporan/kepatuhan?${q}&tabel=pelanggaran&format=csv`);
  const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  const c = lines.find((l) => l.startsWith(`${num.C},`));
  assert.match(c, /,2026-01-05 08:00:00,2026-01-05 08:00:10,2026-01-05 08:00:15,5$/, c);
  const x = await download(web, `/laporan/kepatuhan?${q}&tabel=pelanggaran&format=xlsx`);
  const p = saved(x.bytes, 'pelanggaran-detik.xlsx');
  const cells = JSON.parse(run(PY, ['-c', 'import sys, json, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n'
    + 'print(json.dumps([[str(c.value), c.number_format] for row in ws.iter_rows() for c in row if c.is_date]))', p]));
  assert.ok(cells.some(([v, f]) => v === '2026-01-05 08:00:15' && f === 'dd/mm/yyyy hh:mm:ss'), JSON.stringify(cells));
  const pdf = pdfText((await download(web, `/laporan/kepatuhan?${q}&tabel=pelanggaran&format=pdf`)).bytes, 'pelanggaran-detik.pdf');
  assert.match(pdf, new RegExp(`${num.C} .*5 Januari 2026, 08\\.00\\.10\\s+5 Januari 2026, 08\\.00\\.15\\s+5 detik`));
  // D's step 2, open past due 08:02:10: the queue's overdue list and the case page say it to the second
  const over = await web.get('/kasus?overdue=1');
  assert.ok(over.text.includes('5 Januari 2026, 08.02.10 WIB'), over.text.slice(0, 3000));
  addUser(clock.dir, 'sari', 'helpdesk', 'sari-password-1');   // step 2 is the help desk's: in her Tugas saya
  const tasks = await (await webSession(clock.url, 'sari', 'sari-password-1')).get('/tugas');
  assert.ok(tasks.text.includes(`<td class="when" data-label="Tenggat">5 Januari 2026, 08.02.10 WIB <span class="tag bad late">`),
    tasks.text.slice(tasks.text.indexOf('<tbody>'), tasks.text.indexOf('<tbody>') + 2000));
  const cs = await web.get(`/kasus/${num.C}`);
  assert.match(cs.text, /08\.00\.10 WIB/);   // breached, due 08.00.10
  assert.match(cs.text, /08\.00\.15 WIB/);   // done at 08.00.15
  // a standard of days keeps its times to the minute: the recap's and other lists are untouched
  assert.ok(!page.text.includes('08.00.00 WIB'), 'started is not shown on the page');
});

test('dashboard and recap pages draw SVG charts beside tables', async () => {
  const web = await webSession(clock.url);
  const d = await web.get('/laporan');
  assert.equal(d.status, 200);
  assert.match(d.text, /Kantor hari ini/);
  assert.match(d.text, /<svg class="chart"/);
  assert.match(d.text, /<table class="figures">/);
  assert.match(d.text, /<table class="slowest">/);
  // the share within standard and the month's breaches read together: the breaches split into
  // those finished late (in the share) and those still open (not in it), the share said to be
  // of the finished steps
  assert.match(d.text, /<p class="breach-split">Di antaranya: 2 selesai terlambat · 1 masih terbuka melewati tenggat<\/p>/);
  assert.match(d.text, /<caption>Langkah selesai dalam standar waktu<\/caption>.*<th scope="col">Selesai terlambat<\/th>/s);
  assert.match(d.text, /<th scope="row">Bulan ini<\/th><td class="num">6<\/td><td class="num">4<\/td><td class="num">2<\/td><td class="num">66,7 %<\/td>/);
  assert.match(d.text, /langkah yang masih terbuka melewati tenggat tidak termasuk di dalamnya, tetapi terhitung sebagai pelanggaran/);
  const dc = await download(web, '/laporan?format=csv');
  const dl = dc.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(dl[0], 'Angka,Nilai');
  assert.ok(dl.includes('Kasus terbuka,4') && dl.includes('Langkah terlambat,1'), dl.join('|'));
  // the file says what the page says
  assert.ok(dl.includes('Di antaranya: selesai terlambat,2') && dl.includes('Di antaranya: masih terbuka melewati tenggat,1')
    && dl.includes('Langkah selesai dalam standar waktu — Bulan ini,"4 / 6 (66,7 %)"'), dl.join('|'));
  // the slowest steps as the page lists them; one's own figures named so beside the office's
  assert.ok(dl.includes('Langkah paling lambat bulan ini — SOP-LPSE.BTG-017 Langkah 3,"Persentil ke-90 5 menit · Standar 2 menit jam kerja · Dalam standar 66,7 % · Pelanggaran 1"'), dl.join('|'));
  assert.ok(dl.includes('Pekerjaan saya — Langkah terbuka saya,3') && dl.includes('Pekerjaan saya — Pelanggaran bulan ini,2'), dl.join('|'));
  const r = await web.get('/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06');
  assert.equal(r.status, 200);
  assert.match(r.text, /<svg class="chart"/);
  // days as people write them on the page and in the PDF (in the reader's language), as dates
  // in the XLSX, as ISO days in the CSV (for machines)
  assert.match(r.text, /<th scope="row">5 Januari 2026<\/th><td class="num">4<\/td>/);
  // the chart's columns are named in short ("5 Jan", not "01-05"), the bar's tooltip too
  assert.match(r.text, /text-anchor="middle">5 Jan<\/text>/);
  assert.match(r.text, /<title>5 Jan: 4<\/title>/);
  assert.doesNotMatch(r.text, />01-05</);
  const en = await web.get('/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06&lang=en');
  assert.match(en.text, /<th scope="row">5 January 2026<\/th><td class="num">4<\/td>/);
  assert.match(en.text, /text-anchor="middle">5 Jan<\/text>/);
  const x = await download(web, '/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06&format=xlsx');
  const rows = xlsxRows(x.bytes, 'telepon.xlsx');
  assert.deepEqual([rows[0][0], rows[1][0], rows[3]], ['Rekap penanganan permasalahan melalui telepon',
    'LPSE · 4 Januari 2026 – 6 Januari 2026 · SOP-LPSE.BTG-017', ['Hari', 'Kasus', 'Selesai']]);
  assert.deepEqual(rows.slice(-4), [['2026-01-04 00:00:00', 0, 0], ['2026-01-05 00:00:00', 4, 0], ['2026-01-06 00:00:00', 0, 0], ['Jumlah', 4, 0]]);
  assert.equal(xlsxFilter(x.bytes, 'telepon-filter.xlsx'), 'A4:C7');
  const p = await download(web, '/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06&format=pdf');
  const ptext = pdfText(p.bytes, 'telepon.pdf');
  assert.match(ptext, /5 Januari 2026\s+4\s+0/);
  assert.doesNotMatch(ptext, /2026-01-05/);
  const pen = await download(web, '/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06&format=pdf&lang=en');
  assert.match(pdfText(pen.bytes, 'telepon-en.pdf'), /5 January 2026\s+4\s+0/);
  const c = await download(web, '/laporan/rekap/telepon?from=2026-01-04&to=2026-01-06&format=csv');
  assert.deepEqual(c.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1, 3), ['2026-01-04,0,0', '2026-01-05,4,0']);
});

test('registers: every register exports as CSV, XLSX and PDF; forms print filled in', async () => {
  const add = async (reg, body) => {
    const r = await api('POST', `/api/v1/registers/${reg}`, body);
    assert.equal(r.status, 201, `${reg}: ${r.text}`);
    return r.json;
  };
  await add('guest-book', { name: 'Siti Aminah', purpose: 'Verifikasi penyedia' });
  const ag = await add('agenda', { letter_no: '027/15/2026', letter_date: '2026-01-02', sender: 'Dinas PUPR', subject: 'Permohonan user ID PPK' });
  const di = await add('disposition', { agenda: ag.number, to_role: 'admin_agency', instruction: 'Proses permohonan user ID' });
  const kf = await add('consultation', { name: 'Rudi Hartono', contact: '0812 1111 2222', question: 'Cara unggah dokumen penawaran?', answer: 'Gunakan Apendo' });
  const st = await add('handover', { items: 'Surat permohonan\nSK penunjukan PPK', from_name: 'Rudi Hartono', to_name: 'Rina', case_number: num.A });
  await add('archive', { title: 'Berkas 2025', location: 'Lemari B', retain_until: '2030-12-31' });
  const web = await webSession(clock.url);
  for (const reg of ['guest-book', 'agenda', 'disposition', 'consultation', 'handover', 'archive']) {
    const c = await download(web, `/register/${reg}/ekspor?format=csv`);
    assert.equal(c.status, 200, reg);
    // the entry added here, and those the cases walked above wrote at their steps
    const listed = (await api('GET', `/api/v1/registers/${reg}?limit=1000`)).json.entries.length;
    assert.ok(listed >= 1, reg);
    assert.equal(c.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).length, 1 + listed, `${reg}: header and its rows`);
    const x = await download(web, `/register/${reg}/ekspor?format=xlsx`);
    const xr = xlsxRows(x.bytes, `${reg}.xlsx`);
    assert.equal(xr[2].filter((v) => v !== null).length, 0, `${reg}: an empty row under the title and the office`);
    assert.equal(xr.length, 3 + 1 + listed, reg);
    const p = await download(web, `/register/${reg}/ekspor?format=pdf`);
    assert.equal(p.status, 200, reg);
    assert.ok(pdfText(p.bytes, `${reg}.pdf`).length > 50, reg);
  }
  // no format asked for: the CSV
  const plain = await download(web, '/register/guest-book/ekspor');
  assert.equal(plain.status, 200);
  assert.deepEqual(plain.bytes, (await download(web, '/register/guest-book/ekspor?format=csv')).bytes);
  assert.equal((await download(web, '/register/guest-book/ekspor?format=doc')).status, 400);
  const gb = xlsxRows((await download(web, '/register/guest-book/ekspor?format=xlsx')).bytes, 'gb.xlsx').slice(3);
  assert.equal(gb[1][2], 'Siti Aminah');
  assert.equal(gb[1][1], '2026-01-05 08:05:15');   // arrived: now, as a date and time in WIB
  assert.equal(gb[1][0], 1);
  // the forms
  const forms = [
    ['consultation', kf.id, ['FORMULIR KONSULTASI', kf.number, 'Rudi Hartono', 'Cara unggah dokumen penawaran?', 'Gunakan Apendo']],
    ['handover', st.id, ['FORMULIR SERAH TERIMA BERKAS/DOKUMEN', st.number, '1. Surat permohonan', '2. SK penunjukan PPK', 'Yang menyerahkan', 'Rina']],
    // the letter it routes first (sender, number, subject), the giver by name under the signature, not a username
    ['disposition', di.id, ['LEMBAR DISPOSISI', 'Proses permohonan user ID', 'Admin Agency', 'Dinas PUPR', '027/15/2026', 'Permohonan user ID PPK', '2 Januari 2026', 'Pengirim', 'Administrator']],
    ['agenda', ag.id, ['LEMBAR AGENDA SURAT MASUK', ag.number, '027/15/2026', 'Dinas PUPR', 'Dicatat oleh: Administrator']],
  ];
  for (const [reg, id, words] of forms) {
    const f = await download(web, `/register/${reg}/${id}/formulir`);
    assert.equal(f.status, 200, reg);
    assert.equal(f.type, 'application/pdf');
    const text = pdfText(f.bytes, `form-${reg}.pdf`);
    for (const w of words) assert.ok(text.includes(w), `${reg} form: "${w}" not in\n${text}`);
    // the names under the signature lines, where the form knows them: the one who asked and the
    // officer who wrote the consultation, the officer who entered the letter (besides "Recorded by")
    // (after "Dicatat oleh: Administrator": so the officer is there twice)
    const under = { consultation: { 'Rudi Hartono': 1, Administrator: 2 }, agenda: { Administrator: 2 }, handover: { 'Rudi Hartono': 1, Rina: 1 } }[reg] || {};
    const sign = text.slice(text.lastIndexOf('Dicatat oleh'));
    for (const [w, n] of Object.entries(under)) assert.equal(sign.split(w).length - 1, n, `${reg} form: "${w}" under the signatures in\n${sign}`);
  }
  const png = join(TMP, 'form-page');
  run('pdftoppm', ['-r', '50', '-png', '-singlefile', join(TMP, 'form-handover.pdf'), png]);
  assert.ok(statSync(`${png}.png`).size > 3000);
  // the register's page links each entry to its form, and offers the exports
  const book = await web.get('/register/consultation');
  assert.ok(book.text.includes(`<a href="/register/consultation/${kf.id}/formulir"`), 'the number links to the form');
  assert.ok(book.text.includes('/register/consultation/ekspor?format=xlsx'));
  assert.equal((await web.get('/register/guest-book/1/formulir')).status, 404);
  assert.equal((await web.get('/register/consultation/999/formulir')).status, 404);
  assert.equal((await web.get('/register/agenda/ekspor?format=odt')).status, 400);
});

test('the archive\'s list of what is due for destruction exports as such: its line says so, each row says it is due, what is kept is not in it', async () => {
  const old = await api('POST', '/api/v1/registers/archive', { title: 'Berkas pendaftaran 2015', location: 'Gudang', retain_until: '2020-01-01' });
  assert.equal(old.status, 201, old.text);
  const web = await webSession(clock.url);
  const x = xlsxRows((await download(web, '/register/archive/ekspor?format=xlsx&due=1')).bytes, 'due.xlsx');
  assert.match(String(x[1][0]), /Jatuh tempo pemusnahan/);
  const head = x[3];
  const col = head.indexOf('Jatuh tempo pemusnahan');
  assert.ok(col > 0, JSON.stringify(head));
  const rows = x.slice(4);
  assert.ok(rows.some((r) => r[head.indexOf('Judul')] === 'Berkas pendaftaran 2015'), JSON.stringify(rows));
  assert.ok(rows.every((r) => r[col] === 'Ya'), JSON.stringify(rows));
  assert.ok(!rows.some((r) => r[head.indexOf('Judul')] === 'Berkas 2025'), 'kept until 2030: not due');
  const all = xlsxRows((await download(web, '/register/archive/ekspor?format=xlsx')).bytes, 'all.xlsx');
  assert.doesNotMatch(String(all[1][0] ?? ''), /pemusnahan/);
  const kept = all.slice(4).find((r) => r[all[3].indexOf('Judul')] === 'Berkas 2025');
  assert.equal(kept[col] ?? '', '', 'what is kept is not marked due');
  const pdf = pdfText((await download(web, '/register/archive/ekspor?format=pdf&due=1&lang=en')).bytes, 'due-en.pdf');
  assert.match(pdf, /Due for destruction/);
});

test('an export asked for wrongly: the page again with the error under its field; the API answers JSON naming it', async () => {
  const web = await webSession(clock.url);
  // (path, the field whose error shows under it, the message, what was typed is kept)
  const cases = [
    ['/laporan/kepatuhan?from=2026-13-01&format=csv', 'from', 'Tanggal awal harus ditulis YYYY-MM-DD', 'value="2026-13-01"'],
    ['/laporan/kepatuhan?from=2026-01-05&to=2026-01-05&sop=SOP-TIDAK-ADA&format=xlsx', 'sop', 'Prosedur tidak ditemukan', 'value="2026-01-05"'],
    [`/laporan/kepatuhan?sop=${encodeURIComponent(PHONE)}&step=dua&format=pdf`, 'step', 'Langkah harus berupa angka mulai dari 1', 'value="dua"'],
    ['/laporan/rekap/telepon?from=2026-01-10&to=2026-01-01&format=csv', 'to', 'Tanggal awal lebih lambat dari tanggal akhir', 'value="2026-01-01"'],
    ['/laporan/rekap/telepon?by=minggu&format=xlsx', 'by', 'Kelompokkan per hari atau per bulan', '<option value="day"'],
  ];
  for (const [path, field, msg, kept] of cases) {
    const r = await web.get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.headers.get('content-type'), /^text\/html/, path);
    assert.equal(r.headers.get('content-disposition'), null, path);
    assert.match(r.text, new RegExp(`id="f-${field}"[^>]*aria-invalid="true" aria-describedby="${field}-error"`), path);
    assert.ok(r.text.includes(`<p class="field-error" id="${field}-error">${msg}`), `${path}: ${msg}`);
    assert.ok(r.text.includes(kept), `${path}: ${kept} kept`);
    assert.ok(r.text.includes('<form class="filters'), path);
  }
  // a format no form field names: said above the report's form (or the dashboard)
  for (const path of ['/laporan/kepatuhan?format=doc', '/laporan/rekap/telepon?format=odt', '/laporan?format=docx']) {
    const r = await web.get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Format harus csv, xlsx atau pdf<\/p>/, path);
    assert.match(r.text, /<h1[^>]*>/, path);
  }
  // a register's export: its page again, the error on it
  const reg = await web.get('/register/agenda/ekspor?format=odt');
  assert.equal(reg.status, 400);
  assert.match(reg.text, /Format harus csv, xlsx atau pdf/);
  assert.match(reg.text, /\/register\/agenda\/ekspor\?/);
  const regp = await web.get('/register/agenda/ekspor?format=csv&from=kemarin');
  assert.equal(regp.status, 400);
  assert.match(regp.text, /Tanggal awal harus ditulis YYYY-MM-DD/);
  // the API: JSON 400 naming the field, as before
  for (const [path, field] of [['/api/v1/reports/compliance?from=2026-13-01', 'from'], ['/api/v1/reports/compliance?sop=SOP-TIDAK-ADA', 'sop'],
    [`/api/v1/reports/compliance?sop=${encodeURIComponent(PHONE)}&step=99`, 'step'], ['/api/v1/reports/recaps/telepon?by=minggu', 'by'],
    ['/api/v1/reports/recaps/telepon?from=2026-01-10&to=2026-01-01', 'to']]) {
    const r = await api('GET', path);
    assert.equal(r.status, 400, path);
    assert.equal(r.json.error.field, field, path);
  }
});

test('swimlane: the flow of each of the ten procedures has every step and every branch', async () => {
  const sops = await api('GET', '/api/v1/sops');
  assert.equal(sops.status, 200);
  assert.equal(sops.json.sops.length, 10);
  const web = await webSession(clock.url);
  for (const p of sops.json.sops) {
    const code = p.slug;
    const r = await web.get(`/prosedur/${code}/alur.svg`);
    assert.equal(r.status, 200, p.code);
    assert.match(r.headers.get('content-type'), /image\/svg\+xml/);
    const svg = r.text;
    for (const s of p.steps) {
      assert.ok(svg.includes(`<g class="step" data-step="${s.no}"`), `${p.code}: step ${s.no}`);
      for (const [outcome, to] of Object.entries(s.branches)) {
        const kind = outcome === 'done' ? 'next' : outcome;
        if (kind === 'next' && to === 'end') continue;      // the step itself is drawn as an end oval
        // back: an arrow to each step that leads straight here (the one that failed returns)
        const tos = to === 'back' ? p.steps.filter((x) => Object.values(x.branches).includes(s.no)).map((x) => x.no) : [to];
        assert.ok(tos.length > 0, `${p.code}: step ${s.no} ${outcome} → ${to}`);
        for (const t of tos) {
          const want = `data-from="${s.no}" data-to="${t}" data-kind="${kind}"`;
          assert.ok(svg.includes(want), `${p.code}: step ${s.no} ${outcome} → ${t} (${want})`);
        }
        if (kind === 'next' && to !== 'end') assert.ok(svg.includes(`<g class="step" data-step="${to}"`));
      }
      if (s.question) assert.ok(svg.includes(`<g class="step" data-step="${s.no}" data-shape="decision">`), `${p.code}: ${s.no} diamond`);
      if (s.next === 'end') assert.ok(svg.includes(`<g class="step" data-step="${s.no}" data-shape="end">`), `${p.code}: ${s.no} end oval`);
    }
    // decisions are diamonds; the first step is a start oval
    assert.match(svg, /<g class="step" data-step="1" data-shape="(start|decision)">/);
    const page = await web.get(`/prosedur/${code}`);
    assert.ok(page.text.includes('<svg class="swimlane"'), `${p.code}: the flow on the procedure's page`);
    const pdf = await download(web, `/prosedur/${code}/alur.pdf`);
    assert.equal(pdf.status, 200);
    const text = pdfText(pdf.bytes, `alur-${p.steps.length}-${sops.json.sops.indexOf(p)}.pdf`);
    assert.ok(text.includes(p.code), p.code);
    assert.ok(text.includes('Mutu baku') && text.includes('Kelengkapan'), p.code);
  }
});

test('permissions: an officer sees only their own figures; recaps are for the head', async () => {
  addUser(clock.dir, 'rina', 'helpdesk', 'rina-password-1');
  const rina = await login(clock.url, 'rina', 'rina-password-1');
  const d = await api('GET', '/api/v1/reports/dashboard', undefined, rina);
  assert.equal(d.status, 200);
  assert.equal(d.json.office, null);
  assert.equal(d.json.mine.username, 'rina');
  // rina's open steps are those of "Tugas saya": steps of her role (helpdesk) with no one named
  const tasks = await api('GET', '/api/v1/cases?mine=1', undefined, rina);
  assert.equal(tasks.status, 200);
  assert.ok(tasks.json.cases.length > 0);
  assert.equal(d.json.mine.assigned_open, tasks.json.cases.length);
  assert.equal(d.json.mine.assigned_open, 1, 'D at step 2 (the helpdesk\'s; A, B, C wait at another actor\'s step 4)');
  assert.equal(d.json.mine.assigned_overdue, 1, 'D\'s step 2, overdue since 08:02:10');
  const c = await api('GET', '/api/v1/reports/compliance?from=2026-01-05&to=2026-01-05', undefined, rina);
  assert.equal(c.status, 200);
  assert.equal(c.json.officer, 'rina');
  assert.deepEqual(c.json.rows, []);
  const other = await api('GET', '/api/v1/reports/compliance?officer=admin', undefined, rina);
  assert.equal(other.status, 400);
  // the page and its CSV say the same: another officer's report refused, not her own under his name
  const rweb = await webSession(clock.url, 'rina', 'rina-password-1');
  const op = await rweb.get('/laporan/kepatuhan?from=2026-01-05&to=2026-01-05&officer=admin');
  assert.equal(op.status, 400, op.text.slice(0, 300));
  assert.ok(op.text.includes('Anda hanya dapat melihat laporan pekerjaan Anda sendiri'));
  assert.equal((await rweb.get('/laporan/kepatuhan?from=2026-01-05&to=2026-01-05&officer=admin&format=csv')).status, 400);
  assert.equal((await rweb.get('/laporan/kepatuhan?from=2026-01-05&to=2026-01-05&officer=rina')).status, 200);
  assert.equal((await api('GET', '/api/v1/reports/recaps', undefined, rina)).status, 403);
  addUser(clock.dir, 'cv-maju', 'penyedia', 'penyedia-password-1');
  const outsider = await login(clock.url, 'cv-maju', 'penyedia-password-1');
  assert.equal((await api('GET', '/api/v1/reports/dashboard', undefined, outsider)).status, 403);
  // no query parameters but lang: an unknown one is named, not ignored
  const odd = await api('GET', '/api/v1/reports/dashboard?month=2026-10&lang=en');
  assert.equal(odd.status, 400);
  assert.equal(odd.json.error.field, 'month');
  assert.equal(odd.json.error.message, 'month is not a known parameter');
  assert.equal((await api('GET', '/api/v1/reports/recaps?by=day')).json.error.field, 'by');
});

test('the compliance page links each step to its procedure\'s page by the address that works (a code with "/" goes by its slug)', async () => {
  const r = await api('POST', '/api/v1/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tautan prosedur', requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  await step(r.json.number, 1);
  const web = await webSession(clock.url);
  const page = await web.get('/laporan/kepatuhan?from=2026-01-01&to=2026-12-31');
  assert.equal(page.status, 200);
  const links = [...new Set([...page.text.matchAll(/href="(\/prosedur\/[^"#]+)#langkah-\d+"/g)].map((m) => m[1]))];
  assert.ok(links.includes('/prosedur/SOP-02-LPSE.OI-2012'), links.join(' '));
  for (const l of links) assert.equal((await web.get(l)).status, 200, l);
});

test('a case cancelled and then archived is not counted as finished by the recaps or the dashboard', async () => {
  await serveAt('2026-03-02T09:00:00+07:00');
  const n = await open('Kasus dibatalkan');
  assert.equal((await api('POST', `/api/v1/cases/${encodeURIComponent(n)}/cancel`, { reason: 'penelepon salah sambung' })).status, 200);
  assert.equal((await api('POST', `/api/v1/cases/${encodeURIComponent(n)}/archive`)).status, 200);
  const r = await api('GET', '/api/v1/reports/recaps/telepon?from=2026-03-02&to=2026-03-02');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.total, [1, 0], 'opened 1, finished 0');
  const d = await api('GET', '/api/v1/reports/dashboard');
  assert.equal(d.json.office.closed_today, 0);
});

// A case escalated to LKPP (its ticket in LKPP's system) has gone beyond the desk as one handed
// on at its procedure's step has: the recap of escalated cases counts it, once, whatever its
// procedure; closed after LKPP's answer, with its turnaround.
test('the recap of escalated cases counts a case escalated to LKPP, whichever its procedure', async () => {
  await serveAt('2026-04-06T09:00:00+07:00');
  const n = await open('Kasus ke LKPP');
  await step(n, 1);
  const e = await api('POST', `/api/v1/cases/${encodeURIComponent(n)}/escalations`, { title: 'Galat unggah', application: 'SPSE 4.5',
    type: 'permasalahan', description: 'Galat 500 saat unggah', external_ticket: 'TTS-2026-0101' });
  assert.equal(e.status, 201, e.text);
  // a second escalation of the same case: the case counts once
  assert.equal((await api('POST', `/api/v1/cases/${encodeURIComponent(n)}/escalations`, { title: 'Galat lain', application: 'SPSE 4.5',
    type: 'permasalahan', description: 'Galat 502', external_ticket: 'TTS-2026-0102' })).status, 201);
  const r = await api('GET', '/api/v1/reports/recaps/eskalasi?from=2026-04-01&to=2026-04-30');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rows.map((w) => [w.period, w.values]), [['2026-04', [1, 0, null]]]);
  // nothing escalated in March (the cancelled call above is not)
  assert.deepEqual((await api('GET', '/api/v1/reports/recaps/eskalasi?from=2026-03-01&to=2026-03-31')).json.total, [0, 0, null]);
});
