// Browser test of two screens added together: a member of staff sets their absence on /akun
// (a wrong range refused with the field's message and nothing stored, then saved with a stand-in),
// and the stand-in's "Tugas saya" shows the absent colleague's step marked for whom; the
// administrator sets the help desk's mailbox on /pengaturan (a wrong address refused, then saved)
// and the card shows the failed poll in Indonesian.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn, staffServer } from './lib.mjs';
import { startServer, addUser, request, login, sleep, ADMIN_PASSWORD } from '../int/lib.mjs';

let browser;
const servers = [];
after(async () => {
  if (browser) await browser.close();
  for (const s of servers) await s.stop();
});

// The problems a page showed, less the answers of the forms this test means to be refused.
const unexpected = (problems) => problems.filter((p) => !/^4\d\d .*\/(akun\/ketidakhadiran|pengaturan\/kotak-masuk)$/.test(p));

test('an absence set on /akun: refused range, then saved; the stand-in sees the step in Tugas saya, marked for whom', async () => {
  const { s, api } = await staffServer();   // Monday 16 November 2026, 08.00 WIB
  servers.push(s);
  addUser(s.dir, 'budi', 'helpdesk', 'budi-password-1');
  const opened = await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Akun penyedia terkunci',
    requester: { name: 'Rina Wati', email: 'rina.wati@example.go.id' } });
  const number = opened.number;
  await api('POST', `/cases/${encodeURIComponent(number)}/steps/1`, { outcome: 'done' });
  await api('POST', `/cases/${encodeURIComponent(number)}/assign`, { username: 'rina' });
  browser = browser || await chromium.launch(LAUNCH);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'rina', 'rina-password-1');
    await page.goto(`${s.url}/akun`);
    const form = page.locator('form:has(#ab-kind)');
    await form.locator('#ab-from').fill('2026-11-18');
    await form.locator('#ab-to').fill('2026-11-16');
    await form.locator('#ab-kind').selectOption('cuti');
    await form.locator('#ab-replacement').selectOption('budi');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    assert.match(await page.locator('main').innerText(), /sebelum hari pertama/);
    assert.equal(await page.locator('#ab-to').getAttribute('aria-invalid'), 'true');
    assert.deepEqual((await api('GET', '/users/rina/absences')).absences, [], 'a refused absence stores nothing');
    const again = page.locator('form:has(#ab-kind)');
    assert.equal(await again.locator('#ab-replacement').inputValue(), 'budi', 'what was chosen is kept');
    await again.locator('#ab-from').fill('2026-11-16');
    await again.locator('#ab-to').fill('2026-11-18');
    await again.locator('#ab-note').fill('Cuti tahunan');
    await again.locator('button[type=submit]').click();
    await page.waitForLoadState();
    const row = page.locator('table.absences tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /budi/);
    assert.match(await row.innerText(), /Cuti tahunan/);
    assert.equal((await api('GET', '/users/rina/absences')).absences.length, 1);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await ctx.close();
  }
  const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page2 = await ctx2.newPage();
  const problems2 = watch(page2);
  try {
    await signIn(page2, s.url, 'budi', 'budi-password-1');
    await page2.goto(`${s.url}/tugas`);
    const mine = await page2.locator('main').innerText();
    assert.ok(mine.includes(number), `budi's Tugas saya lists ${number}:\n${mine}`);
    assert.match(mine, /menggantikan/i);
    assert.deepEqual(problems2, []);
  } finally {
    await ctx2.close();
  }
});

test('the help desk mailbox on /pengaturan: a wrong address refused, then saved; a failed poll shown in Indonesian', async () => {
  const s = await startServer();
  servers.push(s);
  const token = await login(s.url);
  browser = browser || await chromium.launch(LAUNCH);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  const inbox = async () => (await request(s.url, 'GET', '/api/v1/mail/inbox', { token })).json;
  try {
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${s.url}/pengaturan`);
    let form = page.locator('#inbox-form');
    await form.locator('#url').fill('http://mail.example.go.id');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    assert.match(await page.locator('#inbox').innerText(), /imaps:\/\//);
    assert.equal(await page.locator('#inbox-form #url').getAttribute('aria-invalid'), 'true');
    assert.equal((await inbox()).url, '', 'a refused address stores nothing');
    form = page.locator('#inbox-form');
    await form.locator('#url').fill('imap://127.0.0.1:1/INBOX');
    await form.locator('#user').fill('helpdesk');
    await form.locator('#password').fill('rahasia-kotak-masuk');
    await form.locator('#poll_seconds').fill('5');
    await form.locator('input[name=enabled]').check();
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    const saved = await inbox();
    assert.equal(saved.url, 'imap://127.0.0.1:1/INBOX');
    assert.equal(saved.password_set, true);
    assert.equal(saved.enabled, true);
    assert.equal(await page.locator('#inbox-form #password').inputValue(), '', 'the password is never shown back');
    let shown = '';
    for (let i = 0; i < 40 && !shown; i++) {
      await sleep(500);
      await page.goto(`${s.url}/pengaturan`);
      if (await page.locator('#inbox-error').count()) shown = await page.locator('#inbox-error').innerText();
    }
    assert.match(shown, /Pemeriksaan terakhir gagal/);
    assert.match(shown, /server tidak dapat dihubungi/);
    assert.doesNotMatch(shown, /cannot be reached/);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await ctx.close();
  }
});
