// Browser test: a PPK asks for a user ID on the public portal (a missing e-mail is shown
// under its field first), is told it was received (the case number goes by e-mail to the
// address the directory holds, so the page reveals nothing of the register); a staff member finds the request, ticks the
// documents, and the checklist and state show on the request page (an incomplete file awaits the Pengarah's review); the directory page
// lists the applicant with the case. Also on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { join } from 'node:path';
import { startServer, addUser, sqlite } from '../int/lib.mjs';

const PW = 'meja-bantuan-2026';
let s, browser;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', PW);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`portal account request, then the staff check (${name})`, async () => {
    const ctx = await browser.newContext({ viewport, locale: 'id-ID' });
    const page = await ctx.newPage();
    const problems = watch(page);
    const nip = name === 'desktop' ? '198203142006042002' : '198811202010011004';
    try {
      await page.goto(s.url + '/portal/akun');
      await page.getByRole('heading', { level: 1, name: 'Permohonan akun SPSE' }).waitFor();
      await page.getByLabel('Permohonan', { exact: true }).selectOption('ppk');
      await page.getByLabel('Nama', { exact: true }).fill('Dewi Lestari');
      await page.getByLabel('NIP', { exact: true }).fill(nip);
      await page.getByLabel('Instansi', { exact: true }).fill('Dinas Pendidikan');
      await page.getByLabel(/Surat permohonan kepada Kepala LPSE/).check();
      await page.getByRole('button', { name: 'Kirim permohonan' }).click();
      // refused: the e-mail is missing; the form keeps what was typed
      await page.locator('#email-error').waitFor();
      assert.equal(await page.getByLabel('NIP', { exact: true }).inputValue(), nip);
      assert.equal(await page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
      await page.getByLabel('E-mail', { exact: true }).fill(`dewi.${name}@batangkab.go.id`);
      await page.getByRole('button', { name: 'Kirim permohonan' }).click();
      assert.match(await page.locator('#request-received').innerText(), /Bila user ID, NIP atau e-mail tersebut ada dalam register kami/);
      assert.doesNotMatch(await page.locator('main').innerText(), /LPSE-\d{4}/);
      const subject = sqlite(join(s.dir, 'loket.db'), `SELECT subject FROM outbox WHERE to_addr='dewi.${name}@batangkab.go.id' ORDER BY id DESC LIMIT 1`).stdout.trim();
      const number = subject.match(/LPSE-\d{4}-\d{6}/)[0];

      // staff: sign in, open the request from the list, tick the decree and check
      await signIn(page, s.url, 'meja', PW);
      await page.goto(s.url + '/permohonan-akun');
      await page.getByRole('link', { name: number }).click();
      assert.match(await page.locator('#state').innerText(), /diterima/);
      assert.ok(await page.getByLabel(/Surat permohonan kepada Kepala LPSE/).isChecked());
      assert.ok(!(await page.getByLabel(/SK atau surat penunjukan/).isChecked()));
      await page.getByLabel(/SK atau surat penunjukan/).check();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Periksa kelengkapan' }).click()]);
      assert.match(await page.getByRole('status').innerText(), /Permohonan diperbarui/);
      // personal data was not ticked: the check goes to the Pengarah's review, which alone sends it back
      assert.match(await page.locator('#state').innerText(), /belum lengkap, menunggu koreksi Pengarah/);
      assert.equal(await page.locator('#incomplete').count(), 0, 'the helpdesk has no review form');
      // the applicant's page in the directory lists the case
      await page.getByRole('link', { name: 'Dewi Lestari' }).click();
      await page.locator('#cases').getByRole('link', { name: number }).waitFor();
      // the one refusal on purpose (the missing e-mail) is the only answer above 399
      assert.deepEqual(problems, [`400 ${s.url}/portal/akun`]);
    } finally {
      await ctx.close();
    }
  });
}
