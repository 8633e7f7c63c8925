// Browser test: a case printed (print media): a heading is kept with what follows it (not
// left alone at a page's foot), and the knowledge-base suggestions (a search, "no article
// matches") stay on screen; the articles that answered the case do print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login } from '../int/lib.mjs';

let s, browser, bare, answered;
before(async () => {
  s = await startServer();
  const token = await login(s.url);
  const open = async (subject) => (await request(s.url, 'POST', '/api/v1/cases', { token, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, requester: { name: 'Budi Santoso' } } })).json.number;
  bare = await open('Jadwal tender berubah');
  answered = await open('Lupa kata sandi SPSE');
  const a = await request(s.url, 'POST', '/api/v1/kb', { token, body: { title: 'Lupa kata sandi SPSE', body: 'Pilih Lupa Password.', status: 'published' } });
  assert.equal(a.status, 201, a.text);
  const l = await request(s.url, 'POST', `/api/v1/cases/${answered}/kb`, { token, body: { article: a.json.id } });
  assert.ok(l.status < 300, l.text);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('a printed case keeps headings with their text and leaves the knowledge-base suggestions out', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${s.url}/kasus/${bare}`);
    const h2 = page.getByRole('heading', { level: 2 }).first();
    assert.equal(await h2.evaluate((e) => getComputedStyle(e).breakAfter), 'avoid');
    assert.equal(await page.locator('#kb').evaluate((e) => getComputedStyle(e).display), 'none', 'no article: the card does not print');
    await page.goto(`${s.url}/kasus/${answered}`);
    assert.notEqual(await page.locator('#kb').evaluate((e) => getComputedStyle(e).display), 'none');
    assert.ok(await page.locator('#kb .kb-answered').isVisible(), 'the article that answered the case prints');
    assert.equal(await page.locator('#kb .kb-hits, #kb p.muted').evaluateAll((es) => es.filter((e) => getComputedStyle(e).display !== 'none').length), 0);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
