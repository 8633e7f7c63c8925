// Browser test on a phone-sized screen: a participant invited to a training opens the
// link of the invitation e-mail, confirms attendance, then answers the questionnaire on
// the last day of the training; a second answer is refused. The clock is frozen on the
// last day (Tuesday 19 May 2026, 11.30 WIB), between its sessions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login, sqlite, ADMIN_PASSWORD } from '../int/lib.mjs';

let s, browser, link, id;
before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-19T11:30:00+07:00' } });
  const admin = await login(s.url);
  let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: {
    title: 'Training SPSE 4.5 bagi penyedia', audience: ['penyedia'], capacity: 20, venue: 'Ruang pelatihan LPSE',
    trainers: ['Budi Santoso'], sessions: [
      { title: 'Pendaftaran', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' },
      { title: 'Penawaran', starts_at: '2026-05-19 08:00', ends_at: '2026-05-19 12:00' }] } });
  assert.equal(r.status, 201, r.text);
  id = r.json.id;
  assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: admin })).status, 200);
  r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: admin, body: { name: 'Siti Aminah', agency: 'CV Maju Jaya', email: 'siti@majujaya.co.id' } });
  assert.equal(r.status, 201, r.text);
  const out = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='siti@majujaya.co.id'").stdout;
  link = out.match(/http:\/\/[^\s]+\/portal\/pelatihan\/konfirmasi\/[0-9a-f]{64}/)[0];
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('a participant confirms attendance and answers the questionnaire on a phone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Konfirmasi kehadiran Anda' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Siti Aminah, CV Maju Jaya/);
    // nothing wider than the phone
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page scrolls sideways');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Saya akan hadir' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Terima kasih: jawaban Anda tersimpan' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Anda sudah mengonfirmasi kehadiran/);

    await page.getByRole('link', { name: 'Kuesioner (pada hari terakhir)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kuesioner pelatihan' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the questionnaire scrolls sideways');
    const groups = page.locator('form.survey fieldset');
    const n = await groups.count();
    assert.equal(n, 5);                       // four ratings and one choice; the comment is a text box
    for (let i = 0; i < 4; i++) await groups.nth(i).getByLabel('Sangat setuju').tap();
    await groups.nth(4).getByLabel('Ya').tap();
    await page.getByLabel('6. Saran dan masukan untuk training berikutnya').fill('Waktu praktik ditambah');
    await page.screenshot({ path: (process.env.LOKET_TRAINING_SCREENSHOT || '/tmp/loket-training-phone.png').replace(/\.png$/, '-form.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim jawaban saya' }).tap()]);
    await page.getByRole('status').filter({ hasText: 'Terima kasih: jawaban Anda tersimpan' }).waitFor();

    // the results count her answer
    const admin = await login(s.url);
    const r = await request(s.url, 'GET', `/api/v1/trainings/${id}/results`, { token: admin });
    assert.equal(r.json.responses, 1);
    assert.deepEqual(r.json.items[0].counts, [0, 0, 0, 0, 1]);
    assert.deepEqual(r.json.items[5].comments, ['Waktu praktik ditambah']);
    r.json.items.slice(0, 4).forEach((it) => assert.equal(it.mean, 5));

    // a second answer is refused
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Kuesioner pelatihan' }).waitFor();
    for (let i = 0; i < 4; i++) await groups.nth(i).getByLabel('Tidak setuju', { exact: true }).tap();
    await groups.nth(4).getByLabel('Tidak').last().tap();
    const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim jawaban saya' }).tap()]);
    assert.equal(resp.status(), 409);
    await page.getByRole('alert').filter({ hasText: 'Anda sudah mengisi kuesioner ini' }).waitFor();
    problems.splice(0, problems.length, ...problems.filter((p) => !/^409 /.test(p)));
    assert.deepEqual(problems, []);
    await page.screenshot({ path: process.env.LOKET_TRAINING_SCREENSHOT || '/tmp/loket-training-phone.png', fullPage: true });
  } finally {
    await ctx.close();
  }
});

// The room's QR code leads to the questionnaire's page without a personal link: it asks for the
// registered e-mail and mails that participant the link; the page says the same for any address.
test('in the room, a participant asks for the questionnaire\'s link with her e-mail and answers through the mailed link', async () => {
  const admin = await login(s.url);
  const r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: admin, body: { name: 'Dewi Lestari', agency: 'CV Maju Jaya', email: 'dewi@majujaya.co.id' } });
  assert.equal(r.status, 201, r.text);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(`${s.url}/portal/pelatihan/${id}/kuesioner`);
    assert.equal(await page.locator('form.survey fieldset').count(), 0, 'no question before the link');
    await page.getByLabel('Alamat e-mail Anda (sesuai pendaftaran)').fill('dewi@majujaya.co.id');
    const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim tautan saya lewat e-mail' }).tap()]);
    assert.equal(resp.status(), 200);   // redirected after the POST: a reload sends nothing again
    assert.match(page.url(), /\/kuesioner\?dikirim=1$/);
    await page.getByRole('status').filter({ hasText: 'Bila alamat yang Anda ketik milik peserta, tautan kuesioner Anda telah kami kirim' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page scrolls sideways');
    const out = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox WHERE to_addr='dewi@majujaya.co.id' AND subject LIKE 'Kuesioner evaluasi training:%'").stdout;
    await page.goto(out.match(/http:\/\/\S+\/portal\/pelatihan\/\d+\/kuesioner\?t=\S+/)[0]);
    const groups = page.locator('form.survey fieldset');
    assert.equal(await groups.count(), 5);
    for (let i = 0; i < 4; i++) await groups.nth(i).getByLabel('Setuju', { exact: true }).tap();
    await groups.nth(4).getByLabel('Ya').tap();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Kirim jawaban saya' }).tap()]);
    await page.getByRole('status').filter({ hasText: 'Terima kasih: jawaban Anda tersimpan' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('staff move an approved training to other days from its page, and see the new deadlines', async () => {
  const admin = await login(s.url);
  let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: {
    title: 'Training SPSE bagi PPK', audience: ['ppk'], capacity: 10, venue: 'Aula Setda', trainers: ['Ani Wijaya'],
    sessions: [{ title: 'Kontrak', starts_at: '2026-06-15 08:00', ends_at: '2026-06-15 12:00' }] } });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id;
  assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${tid}/approve`, { token: admin })).status, 200);
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${s.url}/pelatihan/${tid}`);
    const form = page.locator('form#jadwal');
    await form.getByLabel('Tanggal').first().fill('2026-06-22');
    await form.getByLabel('Alasan (dikirim kepada peserta)').fill('Aula dipakai');
    await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Ubah jadwal training' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Jadwal training diubah; peserta telah diberi tahu' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /22 Juni 2026, 08\.00 WIB/);
    assert.match(text, /Materi training siap \(H-2 hari kerja\)\s+18 Juni 2026/);
    assert.deepEqual(problems, []);
  } finally { await ctx.close(); }
});

test('a plan sent without an audience or a session marks those two groups, each described by its error, and keeps what was typed (375 px, Indonesian and English)', async () => {
  for (const [lang, go, msg] of [['id', 'Simpan rencana', 'wajib diisi'], ['en', 'Save the plan', 'is required']]) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: lang === 'id' ? 'id-ID' : 'en-US' });
    const page = await ctx.newPage();
    const problems = watch(page);
    try {
      await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
      if (lang === 'en') await ctx.addCookies([{ name: 'loket_lang', value: 'en', url: s.url }]);
      await page.goto(`${s.url}/pelatihan/baru`);
      await page.evaluate(() => { for (const f of document.forms) f.noValidate = true; });
      await page.locator('#t-title').fill('Training SPSE bagi pokja');
      await page.locator('#t-venue').fill('Aula Setda');
      await page.locator('#t-tr').fill('Ani Wijaya');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: go }).click()]);
      for (const [legend, err] of [[lang === 'id' ? 'Sasaran peserta' : 'Audience', 'audience-error'], [lang === 'id' ? 'Sesi' : 'Sessions', 'sessions-error']]) {
        const group = page.locator('fieldset', { has: page.locator(`#${err}`) });
        assert.equal(await group.getAttribute('aria-invalid'), 'true', `${legend}: the group is marked`);
        assert.match(await group.getAttribute('aria-describedby'), new RegExp(`\\b${err}\\b`));
        assert.equal((await page.locator(`#${err}`).innerText()).trim(), msg);
      }
      assert.equal(await page.locator('fieldset[aria-invalid=true]').count(), 2, 'nothing else is marked');
      assert.equal(await page.locator('#t-title').inputValue(), 'Training SPSE bagi pokja');
      assert.equal(await page.locator('#t-tr').inputValue(), 'Ani Wijaya');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page scrolls sideways');
      assert.deepEqual(problems.filter((p) => !/ 400 /.test(p) && !/^400 /.test(p)), []);
    } finally { await ctx.close(); }
  }
});
