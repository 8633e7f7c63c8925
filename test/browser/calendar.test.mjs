// Browser test: Ramadan hours set on the calendar page. A .rhs case is opened on Wednesday
// 18 February 2026 at 15:50 (WIB, a frozen clock), its step 1 due in 15 office minutes: 10 that
// day, 5 on Thursday from 07:30, due 07.35. The office's keeper adds Ramadan 1447 H (from Thursday
// 19 February, Monday–Thursday 08.00–15.00, Friday 08.00–15.30) on /kalender: the page says a step
// moved and the case shows its step due at 08.05. Changed to start on Monday 23 February (the
// row's Ubah, the form filled with the period), the step is due at 07.35 again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login } from '../int/lib.mjs';

let s, browser, number;
before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-02-18T15:50:00+07:00' } });
  const token = await login(s.url);
  const r = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP 06/LPSE/2012', channel: 'email',
    subject: 'Dokumen penawaran .rhs tidak bisa dibuka', requester: { name: 'Pokja Pemilihan 3' } } });
  assert.equal(r.status, 201, r.text);
  number = r.json.number;
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// The due time the case page shows for its open step.
async function stepDue(page) {
  await page.goto(`${s.url}/kasus/${number}`);
  const text = await page.locator('ol.timeline li.current').innerText();
  const m = /Tenggat ([^\n]+)/.exec(text);
  assert.ok(m, text);
  return m[1];
}

test('Ramadan hours added on /kalender move a case\'s step; the period changed there moves it back', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    assert.match(await stepDue(page), /19 Februari 2026,? 07\.35/);

    await page.goto(`${s.url}/kalender`);
    const form = page.locator('form[action="/kalender/periode"]');
    await form.getByLabel('Nama').fill('Ramadan 1447 H');
    await form.getByLabel('Hari pertama').fill('2026-02-19');
    await form.getByLabel('Hari terakhir').fill('2026-03-20');
    await form.getByLabel('Jam').fill('1-4 08.00 – 15.00\n5 08.00 – 15.30');
    await Promise.all([page.waitForURL(/\/kalender\?ok=/), form.getByRole('button', { name: 'Tambah' }).click()]);
    const notices = (await page.locator('.notice').allInnerTexts()).join('\n');
    assert.match(notices, /Jam kerja khusus disimpan/);
    assert.match(notices, /1 langkah, 1 target kasus/);
    const row = page.locator('table.periods tbody tr', { hasText: 'Ramadan 1447 H' });
    assert.match(await row.innerText(), /19 Februari 2026 – 20 Maret 2026/);
    assert.match(await row.innerText(), /Jumat: 08\.00–15\.30/);
    assert.match(await stepDue(page), /19 Februari 2026,? 08\.05/);

    // Ramadan starts on Monday 23: changed on its own page, the form filled with the period
    await page.goto(`${s.url}/kalender`);
    // the row's Ubah, a link styled as a secondary button, looks like a secondary <button> (not filled)
    const looks = await row.getByRole('link', { name: 'Ubah' }).evaluate((a) => {
      const pick = (el) => { const c = getComputedStyle(el); return { bg: c.backgroundColor, color: c.color, border: c.borderColor, radius: c.borderRadius, padding: c.padding }; };
      const sec = document.createElement('button'), plain = document.createElement('button');
      sec.className = 'secondary';
      a.after(sec, plain);
      const r = { link: pick(a), button: pick(sec), plain: pick(plain) };
      sec.remove(); plain.remove();
      return r;
    });
    assert.deepEqual(looks.link, looks.button);
    assert.equal(looks.link.bg, 'rgb(255, 255, 255)');
    assert.equal(looks.plain.bg, looks.link.color, 'a <button> is still filled with the colour the secondary one writes in');
    await Promise.all([page.waitForURL(/\/kalender\/periode\/\d+\/ubah$/), row.getByRole('link', { name: 'Ubah' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Ubah jam kerja khusus' }).waitFor();
    assert.equal(await page.getByLabel('Nama').inputValue(), 'Ramadan 1447 H');
    assert.equal(await page.getByLabel('Jam').inputValue(), '1-4 08:00-15:00\n5 08:00-15:30');
    // a last day before the first: refused under its field, what was typed kept
    await page.getByLabel('Hari pertama').fill('2026-02-23');
    await page.getByLabel('Hari terakhir').fill('2026-02-22');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Simpan' }).click()]);
    assert.match(await page.locator('#to-error').innerText(), /Hari terakhir tidak boleh sebelum hari pertama/);
    assert.equal(await page.getByLabel('Hari pertama').inputValue(), '2026-02-23');
    problems.splice(0, problems.length, ...problems.filter((p) => !/^400 /.test(p)));   // the refused form is a 400
    await page.getByLabel('Hari terakhir').fill('2026-03-20');
    await Promise.all([page.waitForURL(/\/kalender\?ok=/), page.getByRole('button', { name: 'Simpan' }).click()]);
    assert.match((await page.locator('.notice').allInnerTexts()).join('\n'), /1 langkah, 1 target kasus/);
    assert.match(await row.innerText(), /23 Februari 2026 – 20 Maret 2026/);
    assert.match(await stepDue(page), /19 Februari 2026,? 07\.35/);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
