// Browser test: the form that opens a case, sent twice (two sendings at once as a double click on a
// slow answer makes them, then once more with the button), opens one case; every sending leads to
// it. Back after sending shows the form again with the case just opened, linked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser, request, login } from '../int/lib.mjs';

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

// The numbers of the office's cases.
async function caseNumbers() {
  const r = await request(s.url, 'GET', '/api/v1/cases', { token: await login(s.url) });
  assert.equal(r.status, 200, r.text);
  return r.json.cases.map((c) => c.number);
}

test('a form sent twice opens one case; Back shows the case just opened', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    assert.equal(await page.locator('#just-opened').count(), 0, 'nothing opened yet');
    await page.getByLabel('Perihal').fill('Dokumen penawaran gagal diunggah');
    await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
    // the form sent twice at once: both sendings lead to the one case
    const urls = await page.locator('form.case-new').evaluate(async (form) => {
      const send = () => fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) });
      const [a, b] = await Promise.all([send(), send()]);
      return [a.url, b.url];
    });
    const numbers = urls.map((u) => new URL(u).pathname.split('/')[2]);
    assert.match(numbers[0], /^[A-Z]+-\d{4}-\d+$/);
    assert.equal(numbers[0], numbers[1], urls.join(' '));
    assert.deepEqual(await caseNumbers(), [numbers[0]]);

    // once more with the button: the same case, said so
    await Promise.all([page.waitForURL(/\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    assert.equal(new URL(page.url()).pathname, `/kasus/${numbers[0]}`);
    assert.match(await page.getByRole('status').first().innerText(), /Formulir ini sudah dikirim/);
    assert.deepEqual(await caseNumbers(), [numbers[0]]);

    // Back: the form again, saying which case was opened from it a moment ago
    await page.goBack();
    assert.equal(new URL(page.url()).pathname, '/kasus/baru');
    const notice = page.locator('#just-opened');
    assert.match(await notice.innerText(), /baru saja membuka kasus/);
    assert.equal(await notice.getByRole('link').getAttribute('href'), `/kasus/${numbers[0]}`);
    // another procedure's form does not say it
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-005');
    assert.equal(await page.locator('#just-opened').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('a refused form shown again keeps its mark: corrected and sent, one case', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  try {
    await signIn(page, s.url, 'meja', PW);
    const before = (await caseNumbers()).length;
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    const mark = await page.locator('input[name=form_id]').inputValue();
    assert.match(mark, /^[0-9a-f]{32}$/);
    await page.getByLabel('Perihal').fill('Tanpa pemohon');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/kasus', 'refused: no requester');
    assert.equal(await page.locator('input[name=form_id]').inputValue(), mark);
    await page.getByLabel('Nama', { exact: true }).fill('Rudi');
    await Promise.all([page.waitForURL(/\?ok=Case/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    assert.equal((await caseNumbers()).length, before + 1);
  } finally {
    await ctx.close();
  }
});
