// Browser test: the head opens the reports from the menu: the dashboard (figures, a chart
// with its table), the compliance report filtered to the phone procedure (the chart, the
// table, a breach that links to its case, which opens), an export downloaded as PDF, and a
// procedure's page with its swimlane flow. A phone case is opened at 08:00 on a frozen
// clock and the server restarted at 08:01, so its step 2 (10 s) is an open breach.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login, addUser } from '../int/lib.mjs';

const SHOT = process.env.LOKET_REPORT_SCREENSHOT || '/tmp/loket-report.png';
const PW = 'kepala-lpse-2026';

let s, browser, number;
before(async () => {
  const first = await startServer({ env: { LOKET_TEST_NOW: '2026-03-02T08:00:00+07:00' } });
  const token = await login(first.url);
  const r = await request(first.url, 'POST', '/api/v1/cases', { token, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE', requester: { name: 'Budi Santoso' } } });
  assert.equal(r.status, 201, r.text);
  number = r.json.number;
  const st = await request(first.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token, body: { outcome: 'done' } });
  assert.equal(st.status, 200, st.text);
  await first.stop({ keep: true });
  s = await startServer({ dir: first.dir, env: { LOKET_TEST_NOW: '2026-03-02T08:01:00+07:00' } });
  addUser(s.dir, 'kepala', 'ketua', PW);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('the head reads the dashboard and the compliance report, follows a breach to its case, downloads a PDF', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'kepala', PW);

    await page.locator('nav.main a', { hasText: 'Laporan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Laporan' }).waitFor();
    const office = page.getByRole('region', { name: 'Kantor hari ini' });
    await office.waitFor();
    // one open case, its step 2 overdue since 08:00:10
    assert.equal(await office.locator('.stat', { hasText: 'Kasus terbuka' }).locator('.stat-value').innerText(), '1');
    assert.equal(await office.locator('.stat', { hasText: 'Langkah terlambat' }).locator('.stat-value').innerText(), '1');
    // a figure that links to its list is named by what it counts, not by its number alone
    assert.equal(await office.getByRole('link', { name: 'Langkah terlambat: 1', exact: true }).getAttribute('href'), '/kasus?overdue=1');
    assert.equal(await office.getByRole('link', { name: 'Kasus terbuka: 1', exact: true }).count(), 1);
    assert.equal(await page.getByRole('img', { name: 'Langkah selesai dalam standar waktu' }).count(), 1);
    assert.deepEqual(await page.locator('table.figures caption').allInnerTexts(),
                     ['Langkah selesai dalam standar waktu', 'Target kasus bulan ini (tabel prioritas)']);
    // the month's breach is the step still open past due, which the share of finished steps
    // cannot count: the page says which kind each breach is
    assert.equal(await office.locator('.stat', { hasText: 'Pelanggaran bulan ini' }).locator('.stat-value').innerText(), '1');
    assert.equal(await office.locator('p.breach-split').innerText(), 'Di antaranya: 0 selesai terlambat · 1 masih terbuka melewati tenggat');
    // the case-level targets: a row for the response, one for the resolution
    const targets = page.getByRole('table', { name: 'Target kasus bulan ini (tabel prioritas)' });
    assert.equal(await targets.locator('tbody tr').count(), 2);

    await page.getByRole('link', { name: 'Laporan kepatuhan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Laporan kepatuhan' }).waitFor();
    await page.getByLabel('Prosedur').selectOption('SOP-LPSE.BTG-017');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tampilkan' }).click()]);
    assert.match(page.url(), /sop=SOP-LPSE\.BTG-017/);
    const rows = page.locator('table.compliance tbody tr');
    assert.equal(await rows.count(), 2);                       // step 1 done; step 2 open, past due: its breach
    assert.match(await rows.nth(1).innerText(), /10 detik/);
    const breaches = page.locator('table.breaches tbody tr');
    assert.equal(await breaches.count(), 1);
    assert.match(await breaches.first().innerText(), /masih terbuka/);
    assert.equal(await page.locator('p.breach-split').innerText(), 'Pelanggaran 1: 0 selesai terlambat · 1 masih terbuka melewati tenggat');
    await page.screenshot({ path: SHOT, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator('p.exports').first().getByRole('link', { name: 'PDF' }).click()]);
    assert.equal(download.suggestedFilename(), 'kepatuhan.pdf');

    await breaches.first().getByRole('link', { name: number }).click();
    await page.waitForURL((u) => new URL(u).pathname === `/kasus/${number}`);
    assert.match(await page.locator('main').innerText(), new RegExp(number));

    await page.goto(s.url + '/prosedur/SOP-LPSE.BTG-017');
    const flow = page.getByRole('region', { name: 'Bagan alir' });
    await flow.waitFor();
    assert.equal(await flow.locator('svg.swimlane g.step').count(), 8);
    assert.ok(await flow.locator('svg.swimlane g.edge[data-kind="yes"]').count() >= 1);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('an officer sees only their own work, on a phone-sized screen', async () => {
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', 'meja-bantuan-2026');
    await page.goto(s.url + '/laporan');
    await page.getByRole('region', { name: 'Pekerjaan saya' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Kantor hari ini' }).count(), 0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 400, `the page fits the screen (${width}px)`);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('the menu: one row on a laptop; on a phone "Lainnya" opens without script and its links work', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width, height }, locale: 'id-ID', javaScriptEnabled: false });
    const page = await ctx.newPage();
    try {
      await page.goto(s.url + '/masuk');
      await page.getByLabel('Nama pengguna').fill('kepala');
      await page.getByLabel('Kata sandi').fill(PW);
      await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.getByRole('button', { name: 'Masuk' }).click()]);
      const nav = page.locator('nav.main');
      const row = await nav.locator(':scope > ul > li').evaluateAll((lis) => new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size);
      if (width > 1000) assert.equal(row, 1, 'the daily links and "Lainnya" fit one row on a laptop');
      const box = await nav.boundingBox();
      assert.ok(box.height <= (width > 1000 ? 60 : 140), `the menu stays short (${box.height}px at ${width}px)`);
      const training = nav.getByRole('link', { name: 'Pelatihan' });
      assert.equal(await training.isVisible(), false, 'tucked under Lainnya');
      await nav.locator('summary', { hasText: 'Lainnya' }).click();
      assert.equal(await training.isVisible(), true);
      await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/pelatihan'), training.click()]);
      assert.equal((await nav.locator('summary').innerText()).trim(), 'Lainnya · Pelatihan', 'the summary names the page');
      assert.equal(await nav.getByRole('link', { name: 'Pelatihan' }).isVisible(), false, 'closed again: nothing covers the page');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `the page fits (${scroll}px)`);
    } finally {
      await ctx.close();
    }
  }
});
