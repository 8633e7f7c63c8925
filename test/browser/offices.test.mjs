// Browser test: the administrator of a province's server, without a terminal, gives the office its
// own public address (Pengaturan kantor), opens the offices' page from there, makes a second
// office (a wrong address refused under its field first), and gives a user of the first office a
// role in the second from the user's page, choosing the office there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login, addUser, ADMIN_PASSWORD } from '../int/lib.mjs';

let s, browser;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'sari', 'piket', 'sari-password-2026');
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Submit a form by its button and wait for the page it leads to.
async function submit(page, scope, button) {
  await Promise.all([page.waitForNavigation(), scope.getByRole('button', { name: button, exact: true }).click()]);
}

test('an administrator sets the office\'s address, adds an office and gives a user a role there, in the browser', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(s.url + '/pengaturan');
    await page.getByLabel('Alamat publik kantor').fill('https://lpse.balikpapan.go.id/');
    await submit(page, page.locator('form[action="/pengaturan"]'), 'Simpan');
    assert.match(await page.getByRole('status').innerText(), /Pengaturan kantor disimpan/);
    assert.equal(await page.getByLabel('Alamat publik kantor').inputValue(), 'https://lpse.balikpapan.go.id');
    assert.match(await page.locator('#public-url').innerText(), /https:\/\/lpse\.balikpapan\.go\.id/);

    // the offices' page, from the settings' links
    await Promise.all([page.waitForNavigation(), page.locator('#other-settings').getByRole('link', { name: 'Kantor', exact: true }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Kantor');
    assert.deepEqual(await page.locator('#offices tbody tr td:first-child').allInnerTexts(), ['LPSE']);
    await page.getByLabel('Kode kantor').fill('KAB-PPU');
    await page.getByLabel('Nama kantor').fill('LPSE Kabupaten Penajam Paser Utara');
    await page.getByLabel('Zona waktu kantor').selectOption('WITA');
    // type="url" lets the browser refuse it first: an address with a space gets past it, and the server says
    await page.getByLabel('Alamat publik kantor').fill('https://lpse ppu.go.id');
    await submit(page, page.locator('form[action="/pengaturan/kantor"]'), 'Buat kantor');
    assert.equal(await page.getByLabel('Alamat publik kantor').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Kode kantor').inputValue(), 'KAB-PPU', 'what was typed is kept');
    assert.deepEqual(problems.splice(0), [`400 ${s.url}/pengaturan/kantor`], 'only the refused form');
    await page.getByLabel('Alamat publik kantor').fill('https://lpse.ppu.go.id');
    await submit(page, page.locator('form[action="/pengaturan/kantor"]'), 'Buat kantor');
    assert.match(await page.getByRole('status').innerText(), /Kantor dibuat/);
    assert.deepEqual(await page.locator('#offices tbody tr td:first-child').allInnerTexts(), ['KAB-PPU', 'LPSE']);

    // sari's page: the roles in the new office, chosen there
    await page.goto(s.url + '/pengguna/sari');
    await page.locator('#roles').getByLabel('Kantor').selectOption('KAB-PPU');
    await submit(page, page.locator('#roles'), 'Tampilkan');
    assert.match(await page.locator('#roles h2').innerText(), /Peran di kantor LPSE Kabupaten Penajam Paser Utara/);
    await page.locator('#roles').getByLabel('Verifikator').check();
    await submit(page, page.locator('#roles'), 'Simpan peran');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
  const token = await login(s.url);
  const u = await request(s.url, 'PUT', '/api/v1/users/sari/roles', { token, body: { roles: ['verifikator'], office: 'KAB-PPU' } });
  assert.deepEqual(u.json.office_roles, { office: 'KAB-PPU', roles: ['verifikator'] }, 'set by the page');
  assert.deepEqual(u.json.roles, ['piket'], 'the roles in LPSE as they were');
});
