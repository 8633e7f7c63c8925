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

// The required items of a step, a checklist on the case page: the original's words, and on the
// English page each item's English beside it (the procedure file's item_en), in the form that
// completes the step and in the timeline's ticked items afterwards.
test('a step\'s required items in English beside the Indonesian on the English case page', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  await signIn(page, s.url, 'wulan', PW);
  await page.goto(s.url + '/kasus/baru?sop=OI-02');
  await page.getByLabel('Perihal').fill('Lupa cara unggah dokumen');
  await page.getByLabel('Nama', { exact: true }).fill('Andi Wijaya');
  await Promise.all([page.waitForURL(/\/kasus\/[A-Z]+-\d{4}-\d+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
  const number = new URL(page.url()).pathname.split('/')[2];
  const checklist = page.locator('form.step-form fieldset.checklist');
  assert.deepEqual(await checklist.locator('label').allInnerTexts(), ['Alamat email rekanan', 'Mengisi buku tamu'], 'Indonesian: the items alone');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await checklist.locator('label').allInnerTexts(),
    ["Alamat email rekanan (The provider's e-mail address)", 'Mengisi buku tamu (The guest book filled in)']);
  await page.getByLabel("The provider's e-mail address").check();
  await page.getByLabel('The guest book filled in').check();
  await Promise.all([page.waitForURL(/\?ok=/), page.locator('form.step-form').getByRole('button', { name: 'Done', exact: true }).click()]);
  assert.equal(new URL(page.url()).pathname, `/kasus/${number}`);
  const ticked = await page.locator('ol.timeline li.step').first().locator('.items-checked').innerText();
  assert.match(ticked, /✓ Alamat email rekanan \(The provider's e-mail address\) ✓ Mengisi buku tamu \(The guest book filled in\)/);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bahasa Indonesia' }).click()]);
  assert.doesNotMatch(await page.locator('ol.timeline').innerText(), /The provider's e-mail address/, 'no English on the Indonesian page');
  assert.deepEqual(problems, []);
  await ctx.close();
});
