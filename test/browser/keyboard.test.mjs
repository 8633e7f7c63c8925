// Browser test: the staff pages by keyboard alone. The first Tab reaches a link that skips
// the header and the menu (a dozen stops on every page), shown while it has the focus; Enter
// takes the focus to the page itself, and the next Tab to the page's first control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser } from '../int/lib.mjs';

const PW = 'papan-ketik-2026';
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

// What has the focus: its tag, text and whether it is drawn inside the window.
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  return { tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 60), shown: r.width > 1 && r.height > 1 && r.right > 0 && r.left < innerWidth };
});

test('the first Tab offers to skip to the content; Enter goes there, past the menu', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    for (const path of ['/tugas', '/kasus']) {
      await page.goto(s.url + path);
      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.deepEqual([f.tag, f.text, f.shown], ['A', 'Langsung ke isi halaman', true], `${path}: the first stop is the skip link, visible`);
      await page.keyboard.press('Enter');
      f = await focused(page);
      assert.deepEqual([f.tag, f.id], ['MAIN', 'isi'], `${path}: Enter puts the focus on the page's main part`);
      await page.keyboard.press('Tab');
      f = await focused(page);
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('main')), true, `${path}: the next Tab is in the page, not the menu (${f.tag} ${f.text})`);
    }
    // away from it, the link is out of sight
    await page.mouse.click(5, 400);
    const box = await page.locator('a.skip').boundingBox();
    assert.ok(box === null || box.x + box.width <= 0, `the skip link is hidden without the focus (${JSON.stringify(box)})`);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
