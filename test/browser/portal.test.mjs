// Browser test of the public portal, as a requester without an account: from the portal's
// home, search the FAQ (the lost-password article comes first), submit a question with a
// file, land on the private tracking page with the ticket number; the helpdesk answers and
// closes the case; the requester finds the ticket again by number + e-mail, reads the
// answer and the steps, and rates it. Then the same pages on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, LAUNCH, watch } from './lib.mjs';
import { ROOT, startServer, addUser, login, request } from '../int/lib.mjs';

const SHOT = process.env.LOKET_PORTAL_SCREENSHOT || '/tmp/loket-portal.png';
const FAQ = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/kb-faq.json'), 'utf8'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
  + 'trailer<</Root 1 0 R>>\n%%EOF\n');

let s, browser, staff;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  staff = await login(s.url, 'meja', 'meja-bantuan-2026');
  for (const a of FAQ) {
    const r = await request(s.url, 'POST', '/api/v1/kb', { token: staff, body: { title: a.title, body: a.body, category: a.category, tags: a.tags, status: 'published' } });
    assert.equal(r.status, 201);
  }
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('a requester asks through the portal, follows the ticket and rates the answer', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(s.url + '/portal');
    await page.getByRole('heading', { level: 1, name: 'Portal helpdesk' }).waitFor();
    for (const href of ['/portal/faq', '/portal/kirim', '/portal/lacak', '/portal/pelatihan', '/portal/verifikasi', '/portal/akun']) {
      assert.ok(await page.locator(`main a[href="${href}"]`).count() > 0, `the home links ${href}`);
    }
    assert.equal(await page.locator('nav.main').count(), 0, 'no staff menu for a visitor');
    assert.equal(await page.locator('a.brand').getAttribute('href'), '/portal');

    await page.getByRole('link', { name: 'Ajukan pertanyaan atau laporkan masalah' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajukan pertanyaan' }).waitFor();
    // search the FAQ before submitting
    await page.getByLabel('Cari di FAQ').fill('bagaimana mengembalikan kata sandi yang lupa');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Cari' }).click()]);
    assert.equal(await page.locator('ol.faq a').first().innerText(), 'Lupa kata sandi (password) akun SPSE');
    // the honeypot is out of sight
    const hp = await page.locator('#p-website').boundingBox();
    assert.ok(hp === null || hp.x < 0, 'the hidden field is not on screen');

    await page.getByLabel('Nama Anda').fill('Budi Santoso');
    await page.getByLabel('E-mail').fill('budi@cvmaju.co.id');
    await page.getByLabel('Telepon').fill('0812 3456 7890');
    await page.getByLabel('Perihal').fill('E-mail pemulihan kata sandi tidak masuk');
    await page.getByLabel('Pertanyaan atau masalah Anda').fill('Saya sudah memakai Lupa Password tetapi e-mail tidak pernah masuk.');
    // the file field says what it takes; a program is refused under the field, what was typed kept
    const file = page.getByLabel('Berkas (tidak wajib)');
    assert.match(await file.getAttribute('accept'), /^\.pdf,\.png,/);
    assert.ok(await page.locator('#p-file-hint').isVisible(), 'the hint is on screen');
    assert.match(await page.locator('#p-file-hint').innerText(), /Yang diterima: PDF[\s\S]*paling besar \d+ MiB/);
    await file.setInputFiles({ name: 'alat.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00') });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    assert.match(await page.locator('main').innerText(), /Berkas berjenis ini tidak diterima\. Yang diterima: PDF/);
    assert.equal(await page.getByLabel('Perihal').inputValue(), 'E-mail pemulihan kata sandi tidak masuk');
    await page.getByLabel('Berkas (tidak wajib)').setInputFiles({ name: 'tangkapan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([page.waitForURL(/\/portal\/t\/[0-9a-f]{64}\?baru=1$/), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    const number = (await page.locator('.ticket-number').innerText()).trim();
    assert.match(number, /^LPSE-\d{4}-\d{6}$/);
    assert.equal((await page.locator('#ticket-status').innerText()).trim(), 'Sedang ditangani');
    assert.equal(await page.locator('ol.public-steps > li').count(), 2);
    assert.match(await page.locator('ol.public-steps > li').first().innerText(), /Mengirimkan pertanyaan[\s\S]*Selesai/);
    assert.match(await page.locator('.thread').innerText(), /tangkapan\.pdf/);

    // the helpdesk answers in the thread and closes the case
    let r = await request(s.url, 'POST', `/api/v1/cases/${number}/portal`, { token: staff, body: { body: 'Kata sandi sudah kami atur ulang, silakan cek e-mail Anda.' } });
    assert.equal(r.status, 201);
    assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: staff, body: { outcome: 'yes' } })).status, 200);
    r = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: staff, body: { outcome: 'done' } });
    assert.equal(r.json.status, 'closed');

    // the requester finds the ticket again by number + e-mail
    await page.goto(s.url + '/portal');
    await page.locator('nav.portal').getByRole('link', { name: 'Lacak tiket' }).click();
    await page.getByLabel('Nomor tiket').fill(number);
    await page.getByLabel('E-mail atau telepon yang diberikan').fill('budi@cvmaju.co.id');
    await Promise.all([page.waitForURL(/\/portal\/t\/[0-9a-f]{64}$/), page.getByRole('button', { name: 'Lihat tiket' }).click()]);
    assert.equal((await page.locator('#ticket-number').innerText()).trim(), number);
    assert.equal((await page.locator('#ticket-status').innerText()).trim(), 'Ditutup');
    assert.equal(await page.locator('ol.public-steps > li').count(), 3);
    assert.match(await page.locator('.message.staff').innerText(), /Kata sandi sudah kami atur ulang/);

    // rate: 1–5 and a comment, once
    await page.locator('#penilaian').getByLabel('4').check();
    await page.getByLabel('Komentar (tidak wajib)').fill('Cepat, terima kasih');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim penilaian' }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Terima kasih atas penilaian Anda/);
    assert.match(await page.locator('#penilaian').innerText(), /4\/5[\s\S]*Cepat, terima kasih/);
    assert.equal(await page.getByRole('button', { name: 'Kirim penilaian' }).count(), 0, 'rated once');
    await page.screenshot({ path: SHOT, fullPage: true });

    r = await request(s.url, 'GET', `/api/v1/cases/${number}/portal`, { token: staff });
    assert.deepEqual(r.json.rating, { score: 4, comment: 'Cepat, terima kasih' });
    // the one refusal asked for above (the program as a file), nothing else
    assert.deepEqual(problems.map((x) => x.replace(s.url, '')), ['415 /portal/kirim']);
  } finally {
    await ctx.close();
  }
});

test('a ticket with two wrong fields: both messages at once, each under its field, what was typed kept', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(s.url + '/portal/kirim');
    await page.getByLabel('Nama Anda').fill('Sari Dewi');
    // both pass the browser's own checks (an address with @, any phone text): the server names them
    await page.getByLabel('E-mail').fill('sari@contoh');
    await page.getByLabel('Telepon').fill('0812 34');
    await page.getByLabel('Perihal').fill('Akun penyedia terkunci');
    await page.getByLabel('Pertanyaan atau masalah Anda').fill('Akun saya terkunci setelah salah kata sandi.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    const email = page.getByLabel('E-mail'), phone = page.getByLabel('Telepon');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    const emailMsg = page.locator(`#${await email.getAttribute('aria-describedby')}`);
    const phoneMsg = page.locator(`#${await phone.getAttribute('aria-describedby')}`);
    assert.ok(await emailMsg.isVisible(), 'the e-mail message is on screen');
    assert.ok(await phoneMsg.isVisible(), 'the phone message is on screen');
    assert.equal((await emailMsg.innerText()).trim(), 'domain setelah @ tidak bertitik: alamat yang dapat dicapai surel, seperti nama@lpse.example.go.id');
    assert.match(await phoneMsg.innerText(), /08\.\.\.\)[^\n]*8 sampai 12 digit/);
    assert.equal(await page.getByLabel('Nama Anda').getAttribute('aria-invalid'), null, 'a right field is not marked');
    assert.equal(await page.locator('.notice.error').count(), 1);
    assert.match(await page.locator('.notice.error').innerText(), /Mohon perbaiki semua isian yang ditandai di bawah\./);
    assert.equal(await page.getByLabel('Perihal').inputValue(), 'Akun penyedia terkunci');
    assert.equal(await email.inputValue(), 'sari@contoh');
    // both mended: sent
    await email.fill('sari@contoh.co.id');
    await phone.fill('0812 3456 7890');
    await Promise.all([page.waitForURL(/\/portal\/t\/[0-9a-f]{64}\?baru=1$/), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    assert.deepEqual(problems.map((x) => x.replace(s.url, '')), ['400 /portal/kirim'], 'only the refused form');
  } finally {
    await ctx.close();
  }
});

test('phone (390×844): the portal pages fit the width', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    // a ticket's page too: its steps with their standards, a cancelled one with its reason
    const t = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Rudi', email: 'rudi@cvmaju.co.id',
      subject: 'Jadwal verifikasi penyedia untuk perusahaan baru', description: 'Kapan saya bisa datang?' } });
    assert.equal(t.status, 201, t.text);
    assert.equal((await request(s.url, 'POST', `/api/v1/cases/${t.json.number}/cancel`, { token: staff,
      body: { reason: 'Sudah dijawab lewat telepon pada hari yang sama oleh petugas helpdesk' } })).status, 200);
    for (const path of ['/portal', '/portal/faq?q=apendo', '/portal/kirim?q=npwp', '/portal/lacak', `/portal/t/${t.json.token}`]) {
      await page.goto(s.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width}px wide`);
    }
    assert.ok(await page.locator('#cancelled').isVisible());
    assert.ok(await page.locator('.step-standard').first().isVisible());
    await page.goto(s.url + '/portal/faq?q=npwp');
    await page.locator('ol.faq a').first().click();
    await page.getByRole('heading', { level: 1, name: 'NPWP ditolak saat pendaftaran penyedia' }).waitFor();
    await page.screenshot({ path: SHOT.replace(/\.png$/, '-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('the FAQ by category: a provider picks "Dokumen Penawaran" and reads only its articles, then searches within it', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(s.url + '/portal/faq');
    const cats = page.getByRole('navigation', { name: 'Kategori' });
    await Promise.all([page.waitForURL(/category=Dokumen%20Penawaran/), cats.getByRole('link', { name: 'Dokumen Penawaran' }).click()]);
    assert.equal(await cats.getByRole('link', { name: 'Dokumen Penawaran' }).getAttribute('aria-current'), 'page');
    const titles = (await page.locator('ol.faq > li > a').allTextContents()).sort();
    assert.deepEqual(titles, ['File penawaran .rhs tidak bisa dibuka', 'Gagal mengunggah dokumen penawaran']);
    await page.getByLabel('Cari di FAQ').fill('unggah');
    await Promise.all([page.waitForURL(/q=unggah/), page.getByRole('button', { name: 'Cari' }).click()]);
    assert.match(page.url(), /category=Dokumen\+Penawaran|category=Dokumen%20Penawaran/);
    const found = await page.locator('ol.faq > li > a').allTextContents();
    assert.equal(found[0], 'Gagal mengunggah dokumen penawaran');
    assert.ok(found.every((t) => titles.includes(t)), 'only the category\'s articles');
    await Promise.all([page.waitForURL((u) => !/category=/.test(u)), cats.getByRole('link', { name: 'Semua' }).click()]);
    assert.ok((await page.locator('ol.faq > li').count()) >= 1);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
