// Browser test: a provider books a verification day on the portal and gets a queue number;
// the verifier finds it in the day's queue, walks OI-01 with the page's buttons and forms
// (guest book, agenda, online registration and blacklist, the checklist, a scan), approves,
// issues the card; the printed card (PDF) is read back with pdftotext, its QR decoded with
// zbarimg, and the QR's page opened by a stranger confirms the card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, cli } from '../int/lib.mjs';

const PW = 'verifikator-2026';
let s, browser;

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  const u = cli(['user', 'add', 'vera', '--data', s.dir, '--role', 'verifikator', '--name', 'Vera Verifikator'], { env: { LOKET_PASSWORD: PW } });
  assert.equal(u.status, 0, u.stderr);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Press a button that posts a form, and wait for the page it leads to.
async function press(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

test('from the portal booking to the printed card and the page its QR code opens', async () => {
  // the provider, on the public portal
  const pub = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const portal = await pub.newPage();
  const problems = watch(portal);
  await portal.goto(s.url + '/portal/verifikasi');
  assert.equal(await portal.locator('h1').innerText(), 'Pesan jadwal verifikasi penyedia');
  await portal.getByLabel('Nama perusahaan').fill('CV Maju Jaya');
  await portal.getByLabel('NPWP perusahaan').fill('01.234.567.8-901.000');
  await portal.getByLabel('NIB').fill('9120001234567');
  await portal.getByLabel('Nama yang datang').fill('Budi Santoso');
  await portal.getByLabel('E-mail').fill('direktur@majujaya.co.id');
  await portal.getByLabel('Telepon').fill('0812 3456 7890');
  await portal.getByLabel('User ID di SPSE').fill('majujaya');
  await portal.getByLabel('Tanggal pendaftaran online').fill('2026-11-10');
  const firstDay = await portal.getByLabel('Hari').locator('option').first().getAttribute('value');
  assert.equal(firstDay, '2026-11-17', 'tomorrow is the first day offered');
  await portal.getByLabel('Hari').selectOption('2026-11-17');
  await press(portal, 'Pesan jadwal');
  assert.equal(await portal.locator('#queue-no').innerText(), '1');
  assert.equal(await portal.locator('#booked-day').innerText(), 'Selasa, 17 November 2026');
  assert.match(await portal.locator('#cancel-hint').innerText(), /batalkan melalui tautan dalam e-mail/);
  await pub.close();

  // the verifier, at the desk
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await ctx.newPage();
  const staffProblems = watch(page);
  await signIn(page, s.url, 'vera', PW);
  await page.goto(s.url + '/verifikasi/antrean?day=2026-11-17');
  const row = page.locator('table.queue tbody tr').first();
  assert.equal(await row.locator('td').first().innerText(), '1');
  await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: 'CV Maju Jaya' }).click()]);
  assert.equal(await page.locator('#v-status').innerText(), 'Menunggu penyedia');

  await press(page, 'Penyedia sudah datang: isi buku tamu');
  assert.equal(await page.getByRole('status').innerText(), 'Buku tamu diisi, kasus dibuka');
  await press(page, 'Catat di buku agenda dan disposisikan ke verifikator');
  await page.getByLabel('Alamat').fill('Jl. Merdeka 1, Batang');
  await page.getByLabel('Direktur').fill('Budi Santoso');
  await press(page, 'Simpan dan periksa daftar hitam');
  assert.equal(await page.locator('#v-status').innerText(), 'Sedang diperiksa');

  // the 12 items: all present and matching but the power of attorney (not needed: the director came)
  for (let no = 1; no <= 12; no++) {
    if (no === 2) continue;
    await page.getByLabel(`Ada ${no}`, { exact: true }).check();
    await page.getByLabel(`Sesuai asli ${no}`, { exact: true }).check();
  }
  await press(page, 'Simpan pemeriksaan');
  assert.equal(await page.getByRole('status').innerText(), 'Dokumen diperiksa');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1c6b60000000049454e44ae426082', 'hex');
  await page.locator('#s-item').selectOption('4');
  await page.locator('#s-file').setInputFiles({ name: 'ktp-direktur.png', mimeType: 'image/png', buffer: png });
  await press(page, 'Lampirkan');
  assert.equal(await page.getByRole('link', { name: 'ktp-direktur.png' }).count(), 1);
  await press(page, 'Setujui dan berikan nomor registrasi');
  assert.equal(await page.locator('#v-number').innerText(), 'VP-2026-0001');
  await press(page, 'Terbitkan kartu dan kembalikan dokumen asli');
  assert.equal(await page.getByRole('status').innerText(), 'Kartu diterbitkan');

  // the printed card
  const href = await page.locator('#card-pdf').getAttribute('href');
  const res = await page.request.get(s.url + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'loket-card-browser-'));
  writeFileSync(join(dir, 'kartu.pdf'), await res.body());
  const text = spawnSync('pdftotext', ['-layout', join(dir, 'kartu.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.equal(text.match(/KARTU TANDA LULUS VERIFIKASI/g).length, 4, 'four copies on the page');
  for (const want of ['VP-2026-0001', 'CV Maju Jaya', '01.234.567.8-901.000', '9120001234567', 'Jl. Merdeka 1, Batang', 'majujaya',
    '16 November 2026', 'Vera Verifikator', 'Lembar 4 dari 4']) {
    assert.ok(text.includes(want), `the card says ${want}`);
  }
  spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'kartu.pdf'), join(dir, 'kartu')]);
  const codes = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'kartu.png')], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(codes.length, 4);
  const url = codes[0];
  assert.match(url, new RegExp(`^${s.url}/kartu/1-[0-9a-f]{32}$`));
  await ctx.close();

  // anyone who scans it
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const check = await stranger.newPage();
  await check.goto(url);
  assert.equal(await check.getByRole('status').innerText(), 'Asli: kartu ini diterbitkan oleh kantor ini.');
  assert.equal(await check.locator('#card-number').innerText(), 'VP-2026-0001');
  assert.equal(await check.locator('#card-company').innerText(), 'CV Maju Jaya');
  assert.ok(await check.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'the card\'s page fits the phone');
  const fake = await check.goto(url.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
  assert.equal(fake.status(), 404);
  await stranger.close();
  assert.deepEqual(problems, []);
  assert.deepEqual(staffProblems, []);
});
