// Browser test: on a wide screen (1920 px) the lists of many columns (the queue, the tasks, a
// register) use the width beyond main's 72rem, centred, without the page scrolling sideways;
// other tables and the forms stay in main's column, and below 80rem nothing changes. Also the
// screens of the registers and the case form: the inputs take no more than the server keeps, and
// the language switch on a refused open-case form goes back to that form. Screenshots are left
// in $SHOTS (default /tmp) to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login } from '../int/lib.mjs';

const SHOTS = process.env.SHOTS || '/tmp';
let s, browser;
before(async () => {
  s = await startServer();
  const token = await login(s.url);
  for (let i = 0; i < 4; i++) {
    const r = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone',
      subject: `Tidak bisa login SPSE nomor ${i}`, requester: { name: 'Siti Aminah Nurhayati', org_name: 'PT Sinar Abadi Sentosa Sejahtera' } } });
    assert.equal(r.status, 201, r.text);
  }
  const g = await request(s.url, 'POST', '/api/v1/registers/guest-book', { token, body: { name: 'Budi Santoso', organisation: 'CV Maju Jaya',
    phone: '081234567890', purpose: 'Upload penawaran' } });
  assert.equal(g.status, 201, g.text);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// The boxes of main's content and of the first table (its wrapper) on the page now.
const boxes = (page) => page.evaluate(() => {
  const main = document.querySelector('main').getBoundingClientRect();
  const wrap = document.querySelector('.table-wrap').getBoundingClientRect();
  return { main: [main.left, main.right], wrap: [wrap.left, wrap.right], scroll: document.documentElement.scrollWidth };
});

test('at 1920 px the queue, the tasks and a register are wider than main, centred, and the page does not scroll sideways', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    for (const path of ['/kasus', '/tugas', '/register/guest-book', '/audit']) {
      await page.goto(s.url + path);
      await page.screenshot({ path: `${SHOTS}/wide-${path.replace(/\W+/g, '-').replace(/^-|-$/g, '')}-1920.png`, fullPage: true });
      const b = await boxes(page);
      assert.ok(b.scroll <= 1920, `${path}: the page scrolls sideways (${b.scroll})`);
      assert.ok(b.wrap[1] - b.wrap[0] > 1600, `${path}: the table is ${b.wrap[1] - b.wrap[0]} px wide`);
      assert.ok(b.wrap[0] >= 16 && b.wrap[1] <= 1920 - 16, `${path}: ${JSON.stringify(b)}`);
      const centre = (b.main[0] + b.main[1]) / 2, wcentre = (b.wrap[0] + b.wrap[1]) / 2;
      assert.ok(Math.abs(centre - wcentre) < 12, `${path}: centred on main ${JSON.stringify(b)}`);
    }
    // the queue's filters stay in main's column
    await page.goto(s.url + '/kasus');
    const filters = await page.evaluate(() => document.querySelector('form.filters').getBoundingClientRect().width);
    assert.ok(filters <= 72 * 16, `filters ${filters}`);
    // a table not marked wide (the list of procedures) stays in main
    await page.goto(s.url + '/kasus/baru');
    const b = await boxes(page);
    assert.ok(b.wrap[0] >= b.main[0] && b.wrap[1] <= b.main[1], JSON.stringify(b));
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('at 1200 px (below 80rem) the queue stays in main\'s column', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.goto(s.url + '/kasus');
    await page.screenshot({ path: `${SHOTS}/wide-kasus-1200.png`, fullPage: true });
    const b = await boxes(page);
    assert.ok(b.wrap[0] >= b.main[0] && b.wrap[1] <= b.main[1], JSON.stringify(b));
    assert.ok(b.scroll <= 1200, `${b.scroll}`);
  } finally {
    await ctx.close();
  }
});

test('a register\'s inputs take no more than the server keeps; the language switch on a refused open-case form draws the form again with what was typed', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.goto(s.url + '/register/guest-book');
    await page.locator('details#baru > summary').click();
    await page.locator('#n-name').fill('x'.repeat(300));
    assert.equal((await page.locator('#n-name').inputValue()).length, 128);
    await page.locator('#n-phone').fill('0'.repeat(100));
    assert.equal((await page.locator('#n-phone').inputValue()).length, 32);
    // the archive's retention: not required, its default said
    await page.goto(s.url + '/register/archive');
    await page.locator('details#baru > summary').click();
    assert.equal(await page.locator('#n-retain_until').getAttribute('required'), null);
    assert.match(await page.locator('#n-retain_until + p.hint').textContent(), /^Kosong: dua tahun setelah hari pengarsipan/);
    await page.locator('#n-title').fill('Berkas uji layar');
    await page.locator('#n-location').fill('Lemari A');
    await Promise.all([page.waitForURL(/\/register\/archive\?ok=/), page.getByRole('button', { name: 'Tambah catatan' }).click()]);
    const year = Number((await page.locator('table.register tbody tr').first().locator('td').nth(5).textContent()).match(/\d{4}/)[0]);
    assert.equal(year, new Date(Date.now() + 7 * 3600e3).getUTCFullYear() + 2);

    // a case form refused by the server (a NIK of the wrong length), then the language switch
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    await page.getByLabel('Perihal').fill('Tidak bisa login');
    await page.locator('[name="requester.name"]').fill('Siti');
    await page.locator('[name="requester.nik"]').fill('12345');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Buka kasus' }).click()]);
    assert.match(await page.locator('#requester\\.nik-error').textContent(), /\S/);
    // the form drawn again in English inside the switch's answer (web/form_kept.c), what was typed kept
    await Promise.all([page.waitForURL(/\/bahasa$/), page.getByRole('button', { name: 'English' }).click()]);
    assert.equal(await page.locator('h1').textContent(), 'Open a case');
    assert.equal(await page.locator('input[name="sop"]').inputValue(), 'SOP-LPSE.BTG-017');
    assert.equal(await page.locator('[name="subject"]').inputValue(), 'Tidak bisa login');
    assert.equal(await page.locator('[name="requester.nik"]').inputValue(), '12345');
    assert.deepEqual(problems.filter((p) => !/^400 /.test(p)), []);
  } finally {
    await ctx.close();
  }
});
