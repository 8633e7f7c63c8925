// Browser test: the guest book and the consultation register printed to PDF as the staff print them for
// signatures and filing, 40 entries each on a fresh data folder. pdftotext reads the sheets back: the
// office, the register's title and its column heads on every sheet, the newest entry on the first and the
// first entry on the last, the sheet's number and the count ("2 / 5") at its foot, A4 lying down, and
// as many sheets as 40 rows of long Indonesian names take: several rows to a sheet, not one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, LAUNCH, staffPages, staffServer } from './lib.mjs';

const NAMES = ['Raden Ajeng Siti Nurhaliza Kusumawardhani', 'Muhammad Fadhlurrahman Hidayatullah Prasetyo', 'Dewi Lestari',
  'Cut Nyak Meutia Rahmawati'];
const ORGS = ['Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Batang', 'CV Karya Mandiri Sejahtera Abadi',
  'PT Pembangunan Infrastruktur Nusantara Berkelanjutan Tbk'];
const SUBJECTS = ['Permohonan pendampingan unggah dokumen penawaran paket pekerjaan rehabilitasi jaringan irigasi Daerah Irigasi Kali Kupang',
  'Undangan rapat koordinasi percepatan pengadaan melalui katalog elektronik lokal', 'Perubahan jadwal tender'];
const pick = (a, i) => a[i % a.length];
const ROWS = 40;

let s, browser, dir;
before(async () => {
  let api;
  ({ s, api } = await staffServer());
  for (let i = 0; i < ROWS; i++) {
    await api('POST', '/registers/guest-book', { name: `${pick(NAMES, i)} ${i + 1}`, organisation: pick(ORGS, i),
      phone: `0812${3000000 + i}`, purpose: pick(SUBJECTS, i), met_whom: 'Bidang Layanan dan Dukungan' });
    await api('POST', '/registers/consultation', { name: `${pick(NAMES, i)} ${i + 1}`, organisation: pick(ORGS, i),
      contact: 'siti.nurhaliza@batangkab.go.id', question: `Bagaimana cara ${pick(SUBJECTS, i).toLowerCase()}?`,
      answer: 'Dijelaskan langkah demi langkah melalui aplikasi SPSE versi 4.5 sesuai petunjuk LKPP.' });
  }
  browser = await chromium.launch(LAUNCH);
  dir = mkdtempSync(join(tmpdir(), 'loket-print-registers-'));
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The register at path printed to PDF as chromium prints it (print media, the page's own @page size):
// its sheets' text, whitespace made single spaces, and the first sheet's size in points.
async function print(page, path) {
  await page.emulateMedia({ media: 'print' });
  const r = await page.goto(s.url + path);
  assert.equal(r.status(), 200, path);
  const f = join(dir, `${path.replace(/\W+/g, '_')}.pdf`);
  writeFileSync(f, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  const t = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stderr);
  const size = spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  const sheets = t.stdout.split('\f').filter((p) => p.trim()).map((p) => p.replace(/\s+/g, ' '));
  return { sheets, w: Math.round(Number(size[1])), h: Math.round(Number(size[2])) };
}

// want: {title, heads: column heads, first: an entry's one-line words (a telephone, a number) on the first sheet (the
// newest), last: on the last; pdftotext -layout interleaves the lines of cells a row wraps in}
const REGISTERS = {
  '/register/guest-book': { title: 'Buku tamu', heads: ['No.', 'Nama', 'Organisasi', 'Telepon', 'Tujuan'],
    first: ['08123000039'], last: ['08123000000'] },
  '/register/consultation': { title: 'Formulir konsultasi', heads: ['Nomor', 'Nama', 'Kontak', 'Pertanyaan', 'Jawaban'],
    first: ['KF-2026-0040'], last: ['KF-2026-0001'] },
};

test('the guest book and the consultation register print on A4 lying down, 40 entries on a few sheets, each headed and numbered', async () => {
  const { ctxs, pages: [page], problems: [problems] } = await staffPages(browser, s.url, [['admin', 'Rahasia-uji-2026']]);
  try {
    const office = (await page.locator('header.top .office').innerText()).trim();
    for (const [path, want] of Object.entries(REGISTERS)) {
      const { sheets, w, h } = await print(page, path);
      assert.deepEqual([w, h], [842, 595], `${path}: A4 lying down`);
      // 40 rows of two to six lines: more than one sheet, and several rows to each
      assert.ok(sheets.length >= 3 && sheets.length <= 8, `${path}: ${sheets.length} sheets for ${ROWS} entries`);
      for (const [i, sheet] of sheets.entries()) {
        assert.ok(sheet.includes(`${office} · ${want.title} · Dicetak`), `${path}: the office and the title not on sheet ${i + 1}:\n${sheet.slice(0, 300)}`);
        for (const hd of want.heads) assert.ok(sheet.includes(hd), `${path}: "${hd}" not on sheet ${i + 1}`);
        assert.match(sheet, new RegExp(` ${i + 1} ?/ ?${sheets.length} ?$`), `${path}: sheet ${i + 1} not numbered at its foot`);
      }
      for (const wd of want.first) assert.ok(sheets[0].includes(wd), `${path}: "${wd}" not on the first sheet`);
      for (const wd of want.last) assert.ok(sheets[sheets.length - 1].includes(wd), `${path}: "${wd}" not on the last sheet`);
      // nothing of the screen: the menu, the new entry's form, the filter and its buttons
      for (const wd of ['Keluar', 'Langsung ke isi halaman', 'Saring', 'Unduh', 'Catatan baru', 'Semua register']) {
        assert.ok(!sheets.join(' ').includes(wd), `${path}: "${wd}" printed`);
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await ctxs[0].close();
  }
});
