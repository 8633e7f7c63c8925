// Browser test of the absence card as the administrator sees it on a colleague's page and as the
// member of staff sees it on their own, on a 375 px phone: the hint speaks of "this user" on the
// colleague's page and of "you" on one's own; when nobody else holds one of the user's staff roles
// the card says so beside the empty list of replacements (which names that hint), and once a
// colleague holds the role they are offered and the hint is gone. Cancelling an absence asks once
// more (a disclosure saying what follows) before it goes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn, staffServer } from './lib.mjs';
import { addUser, ADMIN_PASSWORD } from '../int/lib.mjs';

let browser, server;
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the absence card on /pengguna/:username and /akun: whose absence it speaks of, and nobody to replace them said', async () => {
  const { s, api } = await staffServer();   // rina is the only helpdesk
  server = s;
  browser = await chromium.launch(LAUNCH);
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${s.url}/pengguna/rina`);
    const card = page.locator('#ketidakhadiran');
    let text = await card.innerText();
    assert.match(text, /langkah yang ditugaskan kepada pengguna ini tampil di tugas penggantinya/);
    assert.doesNotMatch(text, /kepada Anda/, 'not "you" on a colleague\'s page');
    assert.match(text, /Tidak ada orang lain di kantor ini yang memegang salah satu peran staf pengguna ini/);
    assert.equal(await page.locator('#ab-replacement option').count(), 1, 'only "Pilih"');
    assert.equal(await page.locator('#ab-replacement').getAttribute('aria-describedby'), 'ab-replacement-none');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 375 px');

    addUser(s.dir, 'budi', 'helpdesk', 'budi-password-1');
    await page.goto(`${s.url}/pengguna/rina`);
    text = await card.innerText();
    assert.doesNotMatch(text, /Tidak ada orang lain di kantor ini/);
    assert.deepEqual(await page.locator('#ab-replacement option').evaluateAll((o) => o.map((x) => x.value)), ['', 'budi']);
    assert.equal(await page.locator('#ab-replacement').getAttribute('aria-describedby'), null);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
  const ctx2 = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'id-ID' });
  const page2 = await ctx2.newPage();
  const problems2 = watch(page2);
  try {
    await signIn(page2, s.url, 'rina', 'rina-password-1');
    await api('POST', '/users/rina/absences', { from: '2026-11-18', to: '2026-11-20', kind: 'cuti', replacement: 'budi' });
    await page2.goto(`${s.url}/akun`);
    const card = page2.locator('#ketidakhadiran');
    const text = await card.innerText();
    assert.match(text, /langkah yang ditugaskan kepada Anda tampil di tugas pengganti Anda/);
    // "Batal" opens the question; nothing is cancelled until it is answered
    const yes = card.getByRole('button', { name: 'Ya, batalkan ketidakhadiran' });
    assert.equal(await yes.isVisible(), false, 'the confirmation is folded away');
    await card.locator('summary', { hasText: 'Batal' }).click();
    assert.match(await card.innerText(), /Batalkan ketidakhadiran ini\? Langkah yang ditugaskan kepada Anda dan pemberitahuan untuk Anda langsung berhenti diteruskan kepada pengganti\./);
    assert.ok(await page2.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 375 px');
    await Promise.all([page2.waitForNavigation(), yes.click()]);
    assert.match(await page2.locator('#ketidakhadiran').innerText(), /Belum ada ketidakhadiran/);
    assert.deepEqual(problems2, []);
  } finally {
    await ctx2.close();
  }
});
