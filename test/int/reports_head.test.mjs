// The reports as a head of unit reads them, each rule worked by hand on Monday 5 January 2026,
// WIB (office open 07:30–12:00): the period a report covers when only `from` is given (up to
// today, in the API, the pages and every export), a `to` before `from` refused naming `to`; the
// slowest steps (only the steps that went past their standard, by their 90th percentile against
// it); the escalations recap's basis; durations in the reader's language; the PDFs' headers
// whole (no word cut over two lines); a knowledge-base search's score as a person reads it.
//   E (phone) 08:00:00, step 1 at once; step 2 at 08:00:09 (9 s of 10: met); step 3 at
//     08:03:09 (180 office s of 120: late, p90/standard 1.5).
//   F (phone) 08:00:00, step 1 at once; step 2 at 08:00:09 (met; the step's share is 100 %); its
//     step 3 left open, due 08:02:09: a breach still open.
//   H (helpdesk, SOP 02/LPSE.OI/2012) opened 08:00:00; step 1 at 08:30:00 (30 office min of 10:
//     late, p90/standard 3.0).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frozenServer, webSession, request } from './lib.mjs';

const PHONE = 'SOP-LPSE.BTG-017';
const HD = 'SOP 02/LPSE.OI/2012';
const REQUESTER = { name: 'Rina Wulandari', phone: '081311112222' };
const TMP = mkdtempSync(join(tmpdir(), 'loket-head-'));
const clock = frozenServer();
after(async () => { await clock.stop(); rmSync(TMP, { recursive: true, force: true }); });
const { serveAt, api } = clock;
const num = {};

async function open(sop, subject, channel) {
  const r = await api('POST', '/api/v1/cases', { sop, channel, subject, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  return r.json.number;
}
async function step(number, no) {
  const r = await api('POST', `/api/v1/cases/${encodeURIComponent(number)}/steps/${no}`, { outcome: 'done' });
  assert.equal(r.status, 200, `${number} step ${no}: ${r.text}`);
  return r.json;
}
async function download(web, path) {
  const res = await fetch(clock.url + path, { headers: { Cookie: web.cookie() }, redirect: 'manual' });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
function pdfText(bytes, name) {
  const p = join(TMP, name);
  writeFileSync(p, bytes);
  const r = spawnSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('fixture: three cases on Monday 5 January 2026', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');
  num.E = await open(PHONE, 'Kasus E', 'phone');
  await step(num.E, 1);
  num.F = await open(PHONE, 'Kasus F', 'phone');
  await step(num.F, 1);
  num.H = await open(HD, 'Kasus H', 'walk_in');
  await serveAt('2026-01-05T08:00:09+07:00');
  assert.equal((await step(num.E, 2)).steps[1].met, true);
  assert.equal((await step(num.F, 2)).steps[1].met, true);
  await serveAt('2026-01-05T08:03:09+07:00');
  assert.equal((await step(num.E, 3)).steps[2].met, false);
  await serveAt('2026-01-05T08:30:00+07:00');
  assert.equal((await step(num.H, 1)).steps[0].met, false);
});

test('slowest steps: only those past their standard, by p90 against it', async () => {
  const d = (await api('GET', '/api/v1/reports/dashboard')).json.office;
  // helpdesk step 1 (30 min of 10: 3.0) before phone step 3 (180 s of 120: 1.5); phone step 2
  // (every visit within its 10 s) and step 1 (no standard) are not slow; phone step 3's breaches
  // are E's (late) and F's (open past due)
  assert.deepEqual(d.slowest.map((w) => [w.sop, w.step, w.p90_s, w.share, w.breaches]),
    [[HD, 1, 1800, 0, 1], [PHONE, 3, 180, 0, 2]]);
  const c = (await api('GET', `/api/v1/reports/compliance?sop=${encodeURIComponent(PHONE)}`)).json;
  assert.deepEqual(c.rows.find((w) => w.step === 2).share, 100);
  const web = await webSession(clock.url);
  const page = (await web.get('/laporan')).text;
  const table = page.match(/<table class="slowest">.*?<\/table>/s)[0];
  assert.equal((table.match(/<tr>/g) || []).length, 3, table);   // the header and two steps
  assert.match(table, /<th scope="col">Pelanggaran<\/th><\/tr>/);
  assert.ok(table.indexOf(HD) < table.indexOf(PHONE), table);
  assert.doesNotMatch(table, /step=2"/);
  // in English the durations are words of the catalogue
  const en = (await web.get('/laporan?lang=en')).text.match(/<table class="slowest">.*?<\/table>/s)[0];
  assert.match(en, /<td class="num">30 minutes<\/td><td class="num">30 minutes<\/td>/);
  assert.match(en, /<td class="num">3 minutes<\/td>/);
  // a month where nothing went past its standard says so
  await serveAt('2026-02-02T08:00:00+07:00');
  const feb = (await api('GET', '/api/v1/reports/dashboard')).json.office;
  assert.deepEqual(feb.slowest, []);
  const web2 = await webSession(clock.url);
  assert.match((await web2.get('/laporan')).text, /Belum ada langkah yang melewati standar waktunya bulan ini/);
  await serveAt('2026-01-05T09:00:00+07:00');
});

test('a period given by `from` alone runs to today, in the API, the pages and the exports', async () => {
  // today is Monday 5 January 2026 (WIB): the period is 1 to 5 January, not to 31 January
  let r = await api('GET', '/api/v1/reports/compliance?from=2026-01-01');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.from, r.json.to], ['2025-12-31T17:00:00Z', '2026-01-05T17:00:00Z']);
  assert.equal(r.json.total.done, 6);
  r = await api('GET', '/api/v1/reports/recaps/telepon?from=2026-01-03');
  assert.deepEqual(r.json.rows.map((w) => [w.period, w.values[0]]), [['2026-01-03', 0], ['2026-01-04', 0], ['2026-01-05', 2]]);
  // a `from` after today: that day alone
  r = await api('GET', '/api/v1/reports/compliance?from=2026-01-09');
  assert.deepEqual([r.json.from, r.json.to], ['2026-01-08T17:00:00Z', '2026-01-09T17:00:00Z']);
  // `to` alone: from the first of its month (as before)
  r = await api('GET', '/api/v1/reports/compliance?to=2026-01-03');
  assert.deepEqual([r.json.from, r.json.to], ['2025-12-31T17:00:00Z', '2026-01-03T17:00:00Z']);
  // `from` alone too far back: 400 naming `from` (there is no `to` to name)
  r = await api('GET', '/api/v1/reports/compliance?from=2024-11-01');
  assert.deepEqual([r.status, r.json.error.field], [400, 'from']);
  // `to` before `from`: 400 naming `to`, in the API and on the pages and exports
  for (const path of ['/api/v1/reports/compliance?from=2026-01-05&to=2026-01-04', '/api/v1/reports/recaps/eskalasi?from=2026-01-05&to=2026-01-04']) {
    r = await api('GET', path);
    assert.deepEqual([r.status, r.json.error.field], [400, 'to'], path);
  }
  const web = await webSession(clock.url);
  for (const path of ['/laporan/kepatuhan?from=2026-01-05&to=2026-01-04', '/laporan/kepatuhan?from=2026-01-05&to=2026-01-04&format=pdf',
    '/laporan/rekap/telepon?from=2026-01-05&to=2026-01-04&format=csv']) {
    const p = await web.get(path);
    assert.equal(p.status, 400, path);
    assert.match(p.text, /id="to-error"/, path);
  }
  // the page says the period it shows, and fills the form with it
  const page = await web.get('/laporan/kepatuhan?from=2026-01-01');
  assert.match(page.text, /<p class="report-head">[^<]*1 Januari 2026 – 5 Januari 2026<\/p>/);
  assert.match(page.text, /name="to" type="date" value="2026-01-05"/);
  const recap = await web.get('/laporan/rekap/telepon?from=2026-01-03');
  assert.match(recap.text, /3 Januari 2026 – 5 Januari 2026/);
  // the exports cover the same period
  const csv = (await download(web, '/laporan/rekap/telepon?from=2026-01-03&format=csv')).bytes.toString('utf8');
  assert.deepEqual(csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0]), ['2026-01-03', '2026-01-04', '2026-01-05', 'Jumlah']);
  const pdf = pdfText((await download(web, '/laporan/kepatuhan?from=2026-01-01&format=pdf')).bytes, 'k.pdf');
  assert.match(pdf, /1 Januari 2026 – 5 Januari 2026/);
});

test('the escalations recap names what it counts: the three SOPs\' steps and LKPP escalations of any case', async () => {
  const list = (await api('GET', '/api/v1/reports/recaps')).json.recaps.find((k) => k.recap === 'eskalasi');
  assert.match(list.basis, /SOP 06\/LPSE\/2012 langkah 3, dan eskalasi ke LKPP dari kasus prosedur apa pun/);
  const en = (await api('GET', '/api/v1/reports/recaps/eskalasi?lang=en')).json;
  assert.match(en.basis, /SOP-LPSE\.BTG-017 step 8, .* and escalations to LKPP from a case of any procedure/);
  const web = await webSession(clock.url);
  assert.match((await web.get('/laporan/rekap/eskalasi')).text, /eskalasi ke LKPP dari kasus prosedur apa pun/);
});

test('every PDF report\'s header keeps its words whole', async () => {
  const web = await webSession(clock.url);
  const heads = {
    '/laporan/kepatuhan?tabel=pelanggaran&format=pdf': ['Kasus', 'Prosedur', 'Langkah', 'Petugas', 'Terlambat'],
    '/laporan/kepatuhan?tabel=pelanggaran&format=pdf&lang=en': ['Case', 'Procedure', 'Step', 'Officer', 'Late by'],
    '/laporan/kepatuhan?format=pdf': ['Prosedur', 'Langkah', 'Kegiatan', 'Standar', 'Kasus', 'Pelanggaran'],
    '/laporan/kepatuhan?format=pdf&by=officer': ['Prosedur', 'Langkah', 'Petugas', 'Pelanggaran'],
    '/laporan/rekap/eskalasi?format=pdf': ['Bulan'],
    '/laporan?format=pdf': ['Angka', 'Nilai'],
  };
  let i = 0;
  for (const [path, words] of Object.entries(heads)) {
    const r = await download(web, path);
    assert.equal(r.status, 200, path);
    const text = pdfText(r.bytes, `h${i++}.pdf`);
    for (const w of words) assert.match(text, new RegExp(`(^|\\s)${w}(\\s|$)`, 'm'), `${path}: ${w}\n${text}`);
  }
});

test('a knowledge-base search scores each article in percent of the best match, 100 for the first', async () => {
  const body = (title) => ({ title, body: `${title}: pilih Lupa Password di halaman login SPSE.`, status: 'published' });
  let r = await api('POST', '/api/v1/kb', body('Lupa kata sandi akun SPSE'));
  assert.equal(r.status, 201, r.text);
  // one article: bm25 gives it a tiny score, which read 0.000; it is the best match there is
  r = await api('GET', '/api/v1/kb?q=lupa%20kata%20sandi');
  assert.deepEqual(r.json.articles.map((a) => a.score), [100]);
  r = await request(clock.url, 'GET', '/api/v1/portal/faq?q=lupa%20kata%20sandi');
  assert.deepEqual(r.json.articles.map((a) => a.score), [100]);
  await api('POST', '/api/v1/kb', body('Jadwal pelatihan SPSE'));
  await api('POST', '/api/v1/kb', body('Kata sandi Apendo'));
  r = await api('GET', '/api/v1/kb?q=lupa%20kata%20sandi');
  const s = r.json.articles.map((a) => a.score);
  assert.equal(r.json.articles[0].title, 'Lupa kata sandi akun SPSE');
  assert.equal(s[0], 100);
  for (let k = 1; k < s.length; k++) assert.ok(Number.isInteger(s[k]) && s[k] >= 1 && s[k] <= s[k - 1], s.join(' '));
});
