// Browser test: a member of staff chooses their own language on /akun (Indonesian first); the
// pages then speak English, at this sign-in and the next one in a fresh browser; back to the
// office's default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser } from '../int/lib.mjs';

const PW = 'bahasa-sendiri-2026';
let s, browser;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'wulan', 'helpdesk', PW);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('one\'s own language, chosen on /akun, holds at the next sign-in', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  await signIn(page, s.url, 'wulan', PW);
  await page.goto(s.url + '/akun');
  const select = page.getByLabel('Bahasa halaman Loket untuk Anda');
  assert.equal(await select.inputValue(), '', 'none chosen: the office\'s default');
  await select.selectOption('en');
  await Promise.all([page.waitForURL(/\/akun\?ok=/), page.getByRole('button', { name: 'Simpan bahasa' }).click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByText('Language saved').waitFor();
  assert.equal(await page.getByLabel("Language of Loket's pages for you").inputValue(), 'en');
  assert.deepEqual(problems, []);
  await ctx.close();

  // another browser, no cookie: English from the start page on
  const ctx2 = await browser.newContext({ locale: 'id-ID' });
  const p2 = await ctx2.newPage();
  await p2.goto(s.url + '/masuk');
  await p2.getByLabel('Nama pengguna').fill('wulan');
  await p2.getByLabel('Kata sandi').fill(PW);
  await Promise.all([p2.waitForURL((u) => new URL(u).pathname === '/'), p2.getByRole('button', { name: 'Masuk' }).click()]);
  assert.equal(await p2.locator('html').getAttribute('lang'), 'en');
  await p2.goto(s.url + '/akun');
  await p2.getByLabel("Language of Loket's pages for you").selectOption('');
  await Promise.all([p2.waitForURL(/\/akun\?ok=/), p2.getByRole('button', { name: 'Save language' }).click()]);
  assert.equal(await p2.locator('html').getAttribute('lang'), 'id');
  await ctx2.close();
});

// A form refused by the server, then the language switched: the form comes back in English with
// what was typed in it, as the browser shows it (the portal's request for an SPSE user ID).
test('the language switched on a refused form keeps what was typed', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  await page.goto(s.url + '/portal/akun');
  await page.getByLabel('Nama', { exact: true }).fill('Eko Prasetyo');
  await page.getByLabel('NIP', { exact: true }).fill('1970');
  await page.getByLabel('Instansi', { exact: true }).fill('Dinas Pendidikan');
  await page.getByLabel('E-mail', { exact: true }).fill('eko@batangkab.go.id');
  await Promise.all([page.waitForNavigation(), page.locator('#portal-akun button[type=submit]').click()]);
  await page.locator('#nip-error').waitFor();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Eko Prasetyo');
  assert.equal(await page.getByLabel('NIP', { exact: true }).inputValue(), '1970');
  assert.equal(await page.getByLabel('Agency', { exact: true }).inputValue(), 'Dinas Pendidikan');
  assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), 'eko@batangkab.go.id');
  // and back, still filled; sent then, it is refused again for the same field
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bahasa Indonesia' }).click()]);
  assert.equal(await page.getByLabel('NIP', { exact: true }).inputValue(), '1970');
  await Promise.all([page.waitForNavigation(), page.locator('#portal-akun button[type=submit]').click()]);
  await page.locator('#nip-error').waitFor();
  assert.deepEqual(problems.filter((p) => !/^400 /.test(p)), []);
  await ctx.close();
});
