// Browser test of the public-satisfaction survey (SKM, Permenpan RB 14/2017): a requester whose
// ticket was closed follows the survey link on its tracking page and answers the nine elements
// and the profile (a first try without the age refused naming it, what was chosen kept); a
// walk-in visitor answers on the office's public survey page from the portal's home; the head
// opens the IKM among the reports and reads the index worked by hand and the walk-in's suggestion
// (escaped, its line break kept), and the page printed
// leaves the filter form out. axe finds nothing serious on the survey of a case (which a11y.test.mjs
// does not reach: its ticket is never closed), on it refused, and on the report. The head types in
// a paper questionnaire from the registers (a day in the future refused naming it), counted on its day.
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login, addUser } from '../int/lib.mjs';

const PW = 'kepala-lpse-2026';
const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

// The serious or critical WCAG 2.1 A/AA violations axe finds on the page (as a11y.test.mjs checks every page).
async function axeSerious(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`);
}
let s, browser, token;

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-03-02T09:00:00+07:00' } });
  const admin = await login(s.url);
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi Santoso', email: 'budi@cvmaju.co.id', subject: 'Lupa kata sandi', description: 'Tidak bisa masuk SPSE.' } });
  assert.equal(r.status, 201, r.text);
  token = r.json.token;
  const number = r.json.number;
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: admin, body: { outcome: 'yes' } })).status, 200);
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: admin, body: { outcome: 'done' } });
  assert.equal(r.json.status, 'closed', r.text);
  addUser(s.dir, 'kepala', 'ketua', PW);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Choose the answers of the nine elements (values 1..4) in the survey form of page.
async function answer(page, values) {
  for (let i = 0; i < 9; i++) {
    await page.locator(`fieldset#s-u${i + 1} input[type=radio][value="${values[i]}"]`).check();
  }
}

test('a requester answers the survey of a closed ticket, a walk-in visitor the public survey; the head reads the IKM', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    // the requester: the tracking page links to the survey once the case is closed
    await page.goto(`${s.url}/portal/t/${token}`);
    await page.getByRole('link', { name: 'Isi Survei Kepuasan Masyarakat (SKM)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    assert.equal(await page.locator('fieldset#s-u1 legend').innerText(), 'U1. Persyaratan');
    assert.match(await page.locator('fieldset#s-u1').innerText(), /kesesuaian persyaratan pelayanan dengan jenis pelayanannya\?/);
    assert.deepEqual(await axeSerious(page), [], 'the survey of a case (a11y.test.mjs reaches no closed ticket)');
    await answer(page, [4, 4, 3, 4, 3, 3, 4, 3, 3]);
    await page.getByLabel('Jenis kelamin').selectOption('L');
    await page.getByLabel('Pendidikan').selectOption('D4/S1');
    await page.getByLabel('Pekerjaan').selectOption('PNS');
    // the age left out: the browser's own check is what people meet first; the server's is tried past it
    await page.locator('#s-age').evaluate((el) => el.removeAttribute('required'));
    problems.length = 0;
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.locator('#age-error').waitFor();
    assert.match(await page.locator('#age-error').innerText(), /Umur harus bilangan bulat/);
    assert.deepEqual(await axeSerious(page), [], 'the refused form with its error');
    assert.ok(await page.locator('fieldset#s-u1 input[value="4"]').isChecked(), 'the answers chosen are kept');
    assert.equal(await page.getByLabel('Pendidikan').inputValue(), 'D4/S1');
    problems.length = 0;   /* the 400 of the refusal was meant */
    await page.getByLabel('Umur (tahun)').fill('34');
    await Promise.all([page.waitForURL((u) => new URL(u).pathname === `/portal/t/${token}`),
      page.getByRole('button', { name: 'Kirim survei' }).click()]);
    await page.locator('#skm-done').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Isi Survei Kepuasan Masyarakat (SKM)' }).count(), 0, 'answered once: no link any more');

    // a walk-in visitor, from the portal's home
    await page.goto(`${s.url}/portal`);
    await page.getByRole('link', { name: 'Survei Kepuasan Masyarakat (SKM)' }).click();
    await page.getByLabel('Layanan yang Saudara terima').selectOption('SOP 01/LPSE.OI/2012');
    await answer(page, [3, 3, 3, 2, 3, 3, 3, 3, 3]);
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel('Umur (tahun)').fill('19');
    await page.getByLabel('Pendidikan').selectOption('SMA');
    await page.getByLabel('Pekerjaan').selectOption('Swasta');
    await page.getByLabel('Saran (tidak wajib)').fill('Ruang tunggu <b>panas</b> & sempit;\nmohon tambah kipas.');
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.locator('#skm-thanks').waitFor();

    // the head: the IKM among the reports. Sums 7 7 6 6 6 6 7 6 6 = 57 over 2 × 9: 57/18 × 25 = 79.17 (B);
    // U4: (4 + 2) / 2 = 3.00, weighted 0.33
    await signIn(page, s.url, 'kepala', PW);
    await page.goto(`${s.url}/laporan`);
    await page.getByRole('link', { name: 'Indeks Kepuasan Masyarakat (IKM)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indeks Kepuasan Masyarakat (IKM)' }).waitFor();
    assert.equal(await page.locator('#skm-ikm').innerText(), '79,17');
    assert.equal(await page.locator('#skm-grade').innerText(), 'B (Baik)');
    assert.equal(await page.locator('#skm-respondents').innerText(), '2');
    const u4 = page.locator('#skm-elements tbody tr', { hasText: 'U4.' });
    assert.deepEqual(await u4.locator('td').allInnerTexts(), ['6', '2', '3,00', '0,33']);
    assert.equal(await page.locator('#skm-procedures tbody tr').count(), 2);
    // the walk-in's suggestion, as written (escaped, its line break kept), for the head to follow up
    const saran = page.locator('#skm-suggestions');
    assert.equal(await saran.getByRole('heading', { name: 'Saran responden' }).count(), 1);
    assert.match(await page.locator('#skm-suggestions-count').innerText(), /Saran yang ditulis: 1/);
    const row = saran.locator('tbody tr');
    assert.equal(await row.count(), 1, 'the requester wrote none: one row');
    const cells = await row.locator('td').allInnerTexts();
    assert.match(cells[1], /SOP 01\/LPSE\.OI\/2012/);
    assert.equal(cells[2], 'Datang langsung');
    assert.equal(cells[4], 'Ruang tunggu <b>panas</b> & sempit;\nmohon tambah kipas.');
    assert.deepEqual(await axeSerious(page), []);
    // printed: the figures, not the filter form
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form.filters').isVisible(), false);
    assert.equal(await page.locator('#skm-elements').isVisible(), true);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('a member of staff types in a paper questionnaire from the registers: the day in the future refused naming it, then saved and counted on its day', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'kepala', PW);
    await page.goto(`${s.url}/register`);
    await page.getByRole('link', { name: 'Input kuesioner SKM kertas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kuesioner SKM kertas' }).waitFor();
    assert.deepEqual(await axeSerious(page), [], 'the paper form');
    assert.equal(await page.getByLabel('Tanggal kuesioner diisi').getAttribute('max'), '2026-03-02');
    // a day after today: the browser's own max is what people meet first; the server's is tried past it
    await page.getByLabel('Tanggal kuesioner diisi').evaluate((el) => el.removeAttribute('max'));
    await page.getByLabel('Tanggal kuesioner diisi').fill('2026-03-03');
    await page.getByLabel('Layanan yang diterima').selectOption('SOP 01/LPSE.OI/2012');
    await answer(page, [4, 4, 4, 4, 4, 4, 4, 4, 4]);
    await page.getByLabel('Jenis kelamin').selectOption('L');
    await page.getByLabel('Umur (tahun)').fill('52');
    await page.getByLabel('Pendidikan').selectOption('S2');
    await page.getByLabel('Pekerjaan').selectOption('Wirausaha');
    await page.getByRole('button', { name: 'Simpan kuesioner' }).click();
    await page.locator('#day-error').waitFor();
    assert.match(await page.locator('#day-error').innerText(), /Tanggal tidak boleh di masa depan/);
    assert.deepEqual(await axeSerious(page), [], 'the refused paper form');
    assert.ok(await page.locator('fieldset#s-u9 input[value="4"]').isChecked(), 'the answers typed are kept');
    problems.length = 0;   /* the 400 of the refusal was meant */
    // filled in last week: saved, the form empty again for the next paper
    await page.getByLabel('Tanggal kuesioner diisi').fill('2026-02-24');
    await page.getByRole('button', { name: 'Simpan kuesioner' }).click();
    await page.getByText('Kuesioner kertas tersimpan').waitFor();
    assert.equal(await page.getByLabel('Umur (tahun)').inputValue(), '');
    // listed under the form to spot a typo, with its form deleting it with a reason
    const row = page.locator('#skm-papers tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /4 4 4 4 4 4 4 4 4/);
    assert.deepEqual(await axeSerious(page), [], 'the paper form with the list');
    // counted in February, on the paper's day, as typed in from paper; the report links the form
    await page.goto(`${s.url}/laporan/skm?from=2026-02-01&to=2026-02-28`);
    assert.equal(await page.locator('#skm-respondents').innerText(), '1');
    assert.equal(await page.locator('#skm-ikm').innerText(), '100,00');
    assert.match(await page.locator('#skm-sources').innerText(), /diinput dari kertas 1/);
    assert.equal(await page.locator('#skm-paper-link').getAttribute('href'), '/skm/kertas');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
