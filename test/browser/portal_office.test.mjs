// Browser test of what the public sees of the office: its administrator types the office's contact
// on the settings page; a visitor finds it at the foot of the portal's pages (a telephone link, an
// e-mail link, the address on its lines), follows the home's link to the office's IKM and reads the
// last full quarter and the year so far, element by element. axe finds nothing serious on either page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, LAUNCH, watch, signIn, staffServer } from './lib.mjs';
import { ADMIN_PASSWORD } from '../int/lib.mjs';

const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
// The serious or critical WCAG 2.1 A/AA violations axe finds on the page (as a11y.test.mjs checks every page).
async function axeSerious(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`);
}
const answers = (row) => Object.fromEntries(row.map((v, i) => [`u${i + 1}`, v]));

let s, api, browser;
before(async () => {
  ({ s, api } = await staffServer());   // Monday 16 November 2026: the last full quarter is July–September
  await api('POST', '/skm/responses', { sop: 'SOP 01/LPSE.OI/2012', day: '2026-08-10', ...answers([4, 4, 3, 4, 3, 3, 4, 3, 3]), gender: 'L', age: 41, education: 'D4/S1', occupation: 'PNS' });
  await api('POST', '/skm/responses', { sop: 'SOP 01/LPSE.OI/2012', day: '2026-11-02', ...answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), gender: 'P', age: 33, education: 'SMA', occupation: 'Swasta' });
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('the administrator sets the office contact; a visitor finds it on the portal and reads the office IKM', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
  await page.goto(s.url + '/pengaturan');
  const contact = page.getByRole('group', { name: 'Kontak untuk masyarakat' });
  // a number that is not one: refused under its field, what was typed kept
  await contact.getByLabel('Nomor telepon').fill('0285');
  await Promise.all([page.waitForNavigation(), page.locator('#office-contact').locator('xpath=ancestor::form').getByRole('button', { name: 'Simpan' }).click()]);
  assert.equal(await page.locator('#phone').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#phone').inputValue(), '0285');
  await page.locator('#phone').fill('(0285) 391-234');
  await page.locator('#email').fill('helpdesk@lpse.batangkab.go.id');
  await page.locator('#address').fill('Jl. Jenderal Sudirman No. 1\nBatang 51215');
  await Promise.all([page.waitForNavigation(), page.locator('#office-contact').locator('xpath=ancestor::form').getByRole('button', { name: 'Simpan' }).click()]);
  assert.match(await page.locator('.notice').first().innerText(), /disimpan/i);
  problems.length = 0;   // the refused form's 400 above was expected

  // a visitor, without an account
  const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
  const seen = watch(visitor);
  await visitor.goto(s.url + '/portal');
  const foot = visitor.locator('footer address#office-contact');
  assert.equal(await visitor.locator('#office-phone').getAttribute('href'), 'tel:+62285391234');
  assert.equal(await visitor.locator('#office-phone').innerText(), '0285391234');
  assert.equal(await visitor.locator('#office-email').getAttribute('href'), 'mailto:helpdesk@lpse.batangkab.go.id');
  assert.equal(await visitor.locator('#office-address').innerText(), 'Jl. Jenderal Sudirman No. 1\nBatang 51215');
  assert.ok(await foot.isVisible());
  assert.deepEqual(await axeSerious(visitor), []);
  await Promise.all([visitor.waitForNavigation(), visitor.getByRole('link', { name: 'Indeks kepuasan masyarakat (IKM) kami' }).click()]);
  await visitor.getByRole('heading', { level: 1, name: 'Indeks Kepuasan Masyarakat (IKM)' }).waitFor();
  const quarter = visitor.locator('#ikm-quarter');
  assert.equal(await quarter.getByRole('heading', { level: 2 }).innerText(), 'Triwulan III 2026');
  assert.equal(await quarter.locator('.ikm-respondents').innerText(), '1');
  assert.equal(await quarter.locator('tbody tr').count(), 9);
  assert.equal(await quarter.locator('tbody tr').first().locator('td').last().innerText(), '4,00');
  assert.equal(await visitor.locator('#ikm-year .ikm-respondents').innerText(), '2');
  assert.equal(await visitor.locator('#ikm-year tbody tr').first().locator('td').last().innerText(), '3,50');
  assert.ok(await visitor.locator('footer #office-contact').isVisible(), 'the contact here too');
  assert.deepEqual(await axeSerious(visitor), []);
  assert.deepEqual(seen, []);
  assert.deepEqual(problems, []);
  await ctx.close();
});
