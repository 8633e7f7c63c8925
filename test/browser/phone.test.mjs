// Browser test of the phone desk (SOP-LPSE.BTG-017): a helpdesk officer opens the call form
// as the phone rings (its arrival stamped), picks up, writes the consultation form while
// talking and, not able to answer, gives the caller the form's and the ticket's numbers;
// on the next call the caller is found by name with that earlier case, the form is filled
// from the directory, the answer given on the phone closes the case; the recap counts both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser } from '../int/lib.mjs';

const PW = 'meja-telepon-2026';
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

// The phone rings: open the call form, wait, pick up; returns the seconds shown.
async function pickUp(page, waitMs) {
  await page.goto(s.url + '/telepon');
  await page.getByRole('heading', { level: 1, name: 'Meja telepon' }).waitFor();
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Telepon masuk' }).click()]);
  await page.getByRole('heading', { name: 'Telepon berdering' }).waitFor();
  await page.waitForTimeout(waitMs);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Angkat', exact: true }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Panggilan telepon' }).waitFor();
  return Number((await page.locator('#answer-seconds').innerText()).match(/\d+/)[0]);
}

test('the phone desk from the ringing to the ticket, then a known caller answered on the phone, then the recap', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.locator('nav.main a', { hasText: 'Helpdesk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Helpdesk' }).waitFor();

    // first call: the caller is new, the problem needs time — a form number and a ticket
    const secs = await pickUp(page, 2100);
    assert.ok(secs >= 2 && secs <= 4, `picked up after ${secs} s`);
    assert.match(await page.locator('#answer-seconds').getAttribute('class'), /\bok\b/);
    await page.getByLabel('Nama, NIP, NIK, NPWP, e-mail atau telepon').fill('Budi');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Cari', exact: true }).click()]);
    await page.getByText('Tidak ditemukan: tulis data penelepon di bawah').waitFor();
    await page.getByLabel('Nama penelepon').fill('Budi Santoso');
    await page.getByLabel('Organisasi').fill('CV Maju Jaya');
    await page.getByLabel('E-mail', { exact: true }).fill('budi@example.co.id');
    await page.getByLabel('Pertanyaan / permasalahan').fill('Server error 500 setiap mengunggah dokumen penawaran');
    await page.getByLabel('Urgensi').selectOption('mendesak');
    await page.getByLabel('Dampak').selectOption('besar');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Belum dapat dijawab: beri nomor formulir dan nomor tiket' }).click()]);
    const ticket = (await page.locator('#ticket-number').innerText()).trim();
    const form = (await page.locator('#form-number').innerText()).trim();
    assert.match(ticket, /^LPSE-\d{4}-000002$/);
    assert.match(form, /^KF-\d{4}-0001$/);

    // the ticket is an open case with the priority the table gives (mendesak × besar → tinggi)
    await Promise.all([page.waitForNavigation(), page.locator('#ticket-number a').click()]);
    assert.match(await page.locator('main').innerText(), /tinggi/i);

    // second call: the caller is found with the earlier cases; answered on the phone
    await pickUp(page, 300);
    await page.getByLabel('Nama, NIP, NIK, NPWP, e-mail atau telepon').fill('budi');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Cari', exact: true }).click()]);
    const found = page.locator('ul.callers > li', { hasText: 'Budi Santoso' });
    await found.waitFor();
    assert.match(await found.innerText(), new RegExp(ticket));
    await Promise.all([page.waitForNavigation(), found.getByRole('link', { name: 'Budi Santoso' }).click()]);
    assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), 'budi@example.co.id');
    await page.getByLabel('Nama penelepon').fill('Budi Santoso');
    await page.getByLabel('Pertanyaan / permasalahan').fill('Kapan batas unggah penawaran tender 10012345?');
    await page.getByLabel('Jawaban / solusi yang diberikan lewat telepon').fill('Sesuai jadwal tender: 12 Januari pukul 15.00 WIB.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Terjawab: arsipkan formulir dan tutup' }).click()]);
    await page.getByRole('heading', { name: 'Panggilan sudah dicatat' }).waitFor();
    assert.equal(await page.locator('#ticket-number').count(), 0);
    assert.match((await page.locator('#form-number').innerText()).trim(), /^KF-\d{4}-0002$/);

    // the recap of phone cases: today, two calls, one answered on the phone, one ticket
    await page.goto(s.url + '/telepon/rekap');
    await page.getByRole('heading', { level: 1, name: 'Rekap Penanganan Permasalahan Melalui Telepon' }).waitFor();
    const cells = await page.locator('table.recap tbody tr').first().locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(1, 6).map((x) => x.trim()), ['2', '0', '2 / 2', '1', '1']);
    // days and the month as people write them (22 November 2026, November 2026), not ISO
    assert.match(cells[0].trim(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.match((await page.locator('main h2').first().innerText()).trim(), /^[A-Z][a-z]+ \d{4}$/);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
