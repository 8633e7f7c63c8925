// Browser test: sign in through the real form in Debian's chromium (driven by
// playwright-core), see the home page, switch to English, sign out; and the
// sign-in form on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch } from './lib.mjs';
import { startServer, ADMIN_PASSWORD } from '../int/lib.mjs';

const SHOT = process.env.LOKET_SCREENSHOT || '/tmp/loket-home.png';

let s, browser;
before(async () => {
  s = await startServer();
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('sign in, see the home page, switch to English, sign out', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(s.url + '/');
    assert.equal(new URL(page.url()).pathname, '/masuk', 'a visitor is sent to the sign-in form');
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.getByRole('button', { name: 'Masuk' }).click()]);

    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Beranda');
    assert.match(await page.locator('header').innerText(), /Administrator/, 'the header names the user');
    assert.match(await page.locator('main').innerText(), /Administrator/, 'the page greets the user');
    // the stylesheet arrived and applies (the header is coloured, not default white)
    const headerBg = await page.locator('header.top').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(headerBg, 'rgba(0, 0, 0, 0)', 'the stylesheet is applied');
    await page.screenshot({ path: SHOT, fullPage: true });

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'English' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/', 'the language switch comes back to the same page');

    await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/masuk'), page.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/masuk');
    // signed out for real: the home page sends us back
    await page.goto(s.url + '/');
    assert.equal(new URL(page.url()).pathname, '/masuk');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('a wrong password shows an error on the form', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  try {
    await page.goto(s.url + '/masuk');
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Masuk' }).click()]);
    await page.getByRole('alert').waitFor();
    assert.equal(new URL(page.url()).pathname, '/masuk');
    assert.equal(await page.getByLabel('Nama pengguna').inputValue(), 'admin', 'the username is kept');
  } finally {
    await ctx.close();
  }
});

test('phone (390×844): the sign-in form is fully visible without horizontal scrolling', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await ctx.newPage();
  try {
    await page.goto(s.url + '/masuk');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 390, `page is ${scrollWidth}px wide`);
    for (const loc of [page.getByLabel('Nama pengguna'), page.getByLabel('Kata sandi'), page.getByRole('button', { name: 'Masuk' })]) {
      const b = await loc.boundingBox();
      assert.ok(b, 'the element is rendered');
      assert.ok(b.x >= 0 && b.x + b.width <= 390, `inside the width: x=${b.x} w=${b.width}`);
      assert.ok(b.y >= 0 && b.y + b.height <= 844, `inside the height: y=${b.y} h=${b.height}`);
    }
    await page.screenshot({ path: SHOT.replace(/\.png$/, '-phone.png') });
  } finally {
    await ctx.close();
  }
});
