// Browser test of the portal's question form under a retired help desk procedure (OI-02): a
// requester fills in the form, the procedure is retired meanwhile, the form comes back with the
// reason in words for the public and all that was typed; the form's page, opened again, says the
// service is not available (in English too) and offers no form; once restored, the same question
// is sent and its tracking page opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch } from './lib.mjs';
import { startServer, login, request } from '../int/lib.mjs';

let s, browser, admin;
before(async () => {
  s = await startServer();
  admin = await login(s.url);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Retire (1) or restore (0) OI-02 as the administrator.
async function retire(on) {
  const r = await request(s.url, 'POST', `/api/v1/sops/OI-02/${on ? 'retire' : 'restore'}`, { token: admin });
  assert.equal(r.status, 200, r.text);
}

test('a question sent while OI-02 is retired: the reason shown, nothing typed lost; the page then says it is not available; restored, it is sent', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(s.url + '/portal/kirim');
    await page.getByLabel('Nama Anda').fill('Budi Santoso');
    await page.getByLabel('E-mail').fill('budi@cvmaju.co.id');
    await page.getByLabel('Perihal').fill('E-mail pemulihan kata sandi tidak masuk');
    await page.getByLabel('Pertanyaan atau masalah Anda').fill('Sudah saya tunggu satu jam, e-mail belum juga masuk.');
    await retire(1);   // meanwhile, at the office
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    const notice = page.locator('.notice.error');
    assert.equal(await notice.count(), 1);
    assert.ok(await notice.isVisible());
    assert.equal((await notice.innerText()).trim(), 'Layanan ini untuk sementara tidak dapat diajukan melalui portal: '
      + 'prosedur yang diikutinya sedang tidak digunakan. Silakan hubungi kantor.');
    assert.equal(await page.getByLabel('Nama Anda').inputValue(), 'Budi Santoso');
    assert.equal(await page.getByLabel('E-mail').inputValue(), 'budi@cvmaju.co.id');
    assert.equal(await page.getByLabel('Perihal').inputValue(), 'E-mail pemulihan kata sandi tidak masuk');
    assert.equal(await page.getByLabel('Pertanyaan atau masalah Anda').inputValue(), 'Sudah saya tunggu satu jam, e-mail belum juga masuk.');
    assert.equal(await page.getByLabel('Nama Anda').getAttribute('aria-invalid'), null, 'no field is blamed');

    // the page opened again: no form, the service said to be unavailable; in English too
    await page.goto(s.url + '/portal/kirim');
    assert.equal(await page.locator('form[action="/portal/kirim"]').count(), 0);
    assert.equal((await page.locator('#service-unavailable').innerText()).trim(),
      'Layanan ini untuk sementara tidak tersedia melalui portal. Silakan hubungi kantor.');
    await page.goto(s.url + '/portal/kirim?lang=en');
    assert.equal((await page.locator('#service-unavailable').innerText()).trim(),
      'This service is not available through the portal for now. Please contact the office.');
    await page.goto(s.url + '/portal?lang=id');
    assert.match(await page.locator('main').innerText(), /Ajukan pertanyaan atau laporkan masalah — untuk sementara tidak tersedia/);

    await retire(0);
    await page.goto(s.url + '/portal/kirim');
    await page.getByLabel('Nama Anda').fill('Budi Santoso');
    await page.getByLabel('E-mail').fill('budi@cvmaju.co.id');
    await page.getByLabel('Perihal').fill('E-mail pemulihan kata sandi tidak masuk');
    await page.getByLabel('Pertanyaan atau masalah Anda').fill('Sudah saya tunggu satu jam, e-mail belum juga masuk.');
    await Promise.all([page.waitForURL(/\/portal\/t\/[0-9a-f]{64}\?baru=1$/), page.getByRole('button', { name: 'Kirim pertanyaan' }).click()]);
    assert.deepEqual(problems.map((x) => x.replace(s.url, '')), ['409 /portal/kirim'], 'only the refused form');
  } finally {
    await ctx.close();
  }
});
