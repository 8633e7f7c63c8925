// Browser tests of the screens that keep what a person typed, and of the outbox's resend button:
// - a note typed on a case page after the session ended: the sign-in form says so, carries the
//   note through a wrong password, and once signed in gives the form back filled; sent, it is kept;
// - a note typed in one tab while the user signed out and in again in another (the form's token is
//   the old session's): the 403 page offers the form back filled, and from there it is sent;
// - a message the relay refused for good (550 to RCPT TO): the outbox on /pengaturan shows it failed
//   with the relay's answer; the relay mended, its "Kirim ulang" button queues it and it is delivered.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, initData, cli, request, login, sqlite, smtpSink, waitFor, freePort, ADMIN_PASSWORD } from '../int/lib.mjs';

let browser;
const servers = [];
const closers = [];
after(async () => {
  if (browser) await browser.close();
  for (const s of servers) await s.stop();
  for (const c of closers) await c();
});

// A case of the phone procedure opened through the API: its number.
async function openCase(url) {
  const r = await request(url, 'POST', '/api/v1/cases', { token: await login(url),
    body: { sop: 'SOP-LPSE.BTG-017', subject: 'Penyedia tidak bisa unggah penawaran', requester: { name: 'Budi Santoso' } } });
  assert.equal(r.status, 201, r.text);
  return r.json.number;
}

// The notes of case number, as the API lists them: their bodies.
async function notesOf(url, number) {
  const r = await request(url, 'GET', `/api/v1/cases/${number}/notes`, { token: await login(url) });
  assert.equal(r.status, 200, r.text);
  return r.json.notes.map((n) => n.body);
}

const NOTE = 'Penyedia menelepon lagi pukul 10.15;\nmasalah <b>belum</b> selesai & perlu dicek "besok".';

// A server with one case, its page open in a browser signed in as admin, NOTE typed in its note
// form and not sent: {s, number, ctx, page, problems}.
async function noteTyped() {
  const s = await startServer();
  servers.push(s);
  const number = await openCase(s.url);
  browser ??= await chromium.launch(LAUNCH);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
  await page.goto(`${s.url}/kasus/${number}`);
  await page.getByLabel('Catatan baru').fill(NOTE);
  return { s, number, ctx, page, problems };
}

test('a note typed after the session ended: signed in again, the form comes back filled and is sent', async () => {
  const { s, number, ctx, page, problems } = await noteTyped();
  try {
    // the session ends while the note is typed (idle past its limit: its row is gone)
    assert.equal(sqlite(join(s.dir, 'loket.db'), "DELETE FROM session WHERE kind='web'").status, 0);
    await page.getByRole('button', { name: 'Tambah catatan' }).click();
    await page.locator('#kept-through').waitFor();
    assert.match(await page.locator('main').innerText(), /Sesi Anda telah berakhir: masuk lagi untuk melanjutkan/);
    // a wrong password first: still carried
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('salah-sekali-2026');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('main').innerText(), /Nama pengguna atau kata sandi salah/);
    await page.locator('#kept-through').waitFor();
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    // signed in: the form back, filled, on the case page
    const again = page.getByRole('button', { name: 'Kembali ke formulir, dengan isian Anda' });
    await again.waitFor();
    await Promise.all([page.waitForURL(`${s.url}/bahasa`), again.click()]);
    assert.equal(await page.getByLabel('Catatan baru').inputValue(), NOTE);
    assert.deepEqual(await notesOf(s.url, number), [], 'nothing written before it is sent');
    await Promise.all([page.waitForURL(new RegExp(`/kasus/${number}`)), page.getByRole('button', { name: 'Tambah catatan' }).click()]);
    assert.deepEqual(await notesOf(s.url, number), [NOTE]);
    assert.match(await page.locator('#catatan, main').first().innerText(), /masalah <b>belum<\/b> selesai/);
    // the refusals this walk meant: the 401 of the form sent signed out, and of the wrong password
    assert.deepEqual(problems.filter((p) => !/^401 .*\/(kasus\/[^/]+\/catatan|masuk)$/.test(p)), []);
  } finally { await ctx.close(); }
});

test('a note typed in one tab while the user signed out and in again in another: the 403 page gives the form back filled', async () => {
  const { s, number, ctx, page, problems } = await noteTyped();
  try {
    // another tab: out, and in again (a new session, the first tab's token is the old one's)
    const other = await ctx.newPage();
    await other.goto(`${s.url}/`);
    await Promise.all([other.waitForURL(/\/masuk/), other.getByRole('button', { name: 'Keluar' }).click()]);
    await signIn(other, s.url, 'admin', ADMIN_PASSWORD);
    await other.close();
    await page.getByRole('button', { name: 'Tambah catatan' }).click();
    const again = page.getByRole('button', { name: 'Kembali ke formulir, dengan isian Anda' });
    await again.waitFor();
    assert.match(await page.locator('main').innerText(), /Formulir kedaluwarsa atau berasal dari situs lain/);
    assert.deepEqual(await notesOf(s.url, number), []);
    await again.click();
    await page.getByLabel('Catatan baru').waitFor();
    assert.equal(await page.getByLabel('Catatan baru').inputValue(), NOTE);
    await Promise.all([page.waitForURL(new RegExp(`/kasus/${number}`)), page.getByRole('button', { name: 'Tambah catatan' }).click()]);
    assert.deepEqual(await notesOf(s.url, number), [NOTE]);
    assert.deepEqual(problems.filter((p) => !/^403 .*\/kasus\/[^/]+\/catatan$/.test(p)), []);
  } finally { await ctx.close(); }
});

test('a message the relay refused for good shows failed in the outbox; the relay mended, "Kirim ulang" delivers it', { timeout: 90000 }, async () => {
  let refuse = true;
  const port = await freePort();
  const smtp = await smtpSink({ port, rcpt: () => (refuse ? '550 5.1.1 <siti@contoh.co.id>: no such user' : '250 ok') });
  closers.push(() => smtp.stop());
  const dir = initData();
  assert.equal(cli(['mail', 'test', 'siti@contoh.co.id', '--data', dir]).status, 0);
  const s = await startServer({ dir, conf: `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket <loket@lpse.test>\nmail_poll_seconds = 1\n` });
  servers.push(s);
  const status = () => sqlite(join(dir, 'loket.db'), "SELECT status FROM outbox WHERE to_addr='siti@contoh.co.id'").stdout.trim();
  await waitFor(() => status() === 'failed', 20000);
  browser ??= await chromium.launch(LAUNCH);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  try {
    const page = await ctx.newPage();
    const problems = watch(page);
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${s.url}/pengaturan#mail`);
    const row = page.locator('tr.failed', { hasText: 'siti@contoh.co.id' });
    await row.waitFor();
    assert.match(await row.innerText(), /Gagal/);
    assert.match(await row.innerText(), /550 5\.1\.1/);
    assert.match(await row.innerText(), /tidak dicoba lagi|not tried again/);
    // the relay mended (the mailbox made): one button
    refuse = false;
    await Promise.all([page.waitForURL(/\/pengaturan\?ok=/), row.getByRole('button', { name: 'Kirim ulang' }).click()]);
    assert.match(await page.locator('main').innerText(), /Diantrekan lagi: kotak keluar di bawah menunjukkan kapan terkirim/);
    await waitFor(() => status() === 'sent', 20000);
    assert.equal(smtp.got.length, 1);
    assert.match(smtp.got[0], /^To: .*siti@contoh\.co\.id/m);
    await page.reload();
    assert.equal(await page.locator('tr.failed').count(), 0);
    assert.match(await page.locator('tr', { hasText: 'siti@contoh.co.id' }).innerText(), /Terkirim/);
    assert.equal(await page.locator('#mail-retry-failed').count(), 0, 'nothing failed: no button for all');
    assert.deepEqual(problems, []);
  } finally { await ctx.close(); }
});
