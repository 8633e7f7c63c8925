// Browser test: a helpdesk officer opens a phone case (SOP-LPSE.BTG-017) from the
// form, completes its steps with the buttons (the "Tidak" branch at the decision),
// and sees the timeline record every step with its time and the case closed; the
// same pages on a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser, request, login } from '../int/lib.mjs';

const SHOT = process.env.LOKET_CASE_SCREENSHOT || '/tmp/loket-case.png';
const PW = 'meja-bantuan-2026';

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

// Complete the open step: tick its checklist, write a note, press the button.
async function completeStep(page, no, button, note) {
  const li = page.locator(`#langkah-${no}`);
  assert.equal(await li.getAttribute('aria-current'), 'step', `step ${no} is the open step`);
  for (const box of await li.getByRole('checkbox').all()) await box.check();
  if (note) await li.getByLabel('Catatan (tidak wajib)').fill(note);
  await Promise.all([page.waitForNavigation(), li.getByRole('button', { name: button, exact: true }).click()]);
  await page.getByRole('status').waitFor();
}

test('open a phone case from the form, walk its steps through the "Tidak" branch, see the timeline', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    // the menu offers "Tugas saya" first
    assert.equal((await page.locator('nav.main a').first().innerText()).trim(), 'Tugas saya');
    await page.locator('nav.main a', { hasText: 'Tugas saya' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tugas saya' }).waitFor();

    await page.getByRole('link', { name: 'Buka kasus' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Buka kasus' }).waitFor();
    await page.locator('tr', { hasText: 'SOP-LPSE.BTG-017' }).getByRole('link').click();
    assert.match(await page.locator('main h2').innerText(), /SOP-LPSE\.BTG-017/);

    await page.getByLabel('Saluran').selectOption('phone');
    await page.getByLabel('Perihal').fill('Tidak bisa mengunggah dokumen penawaran');
    await page.getByLabel('Urgensi').selectOption('mendesak');
    await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
    await page.getByLabel('Telepon').fill('081234567890');
    await page.getByLabel('Organisasi').fill('CV Maju Jaya');
    await Promise.all([page.waitForURL(/\/kasus\/[A-Z]+-\d{4}-\d+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Kasus dibuka/);
    const number = new URL(page.url()).pathname.split('/')[2];
    assert.match(await page.locator('.case-head').innerText(), /Siti Aminah/);

    await completeStep(page, 1, 'Selesai', 'Pengguna menelepon pukul 09.00');
    await completeStep(page, 2, 'Selesai');
    // step 3 writes the consultation form: its fields are there to fill, the rest comes from the case
    const form3 = page.locator('#langkah-3 details.step-register');
    assert.match(await form3.locator('summary').innerText(), /Dicatat di: Formulir konsultasi/);
    await form3.locator('summary').click();
    await form3.getByLabel('Pertanyaan').fill('Unggah dokumen penawaran gagal di tahap akhir');
    await completeStep(page, 3, 'Selesai', 'Formulir konsultasi diisi');
    const panel = await page.locator('#register').innerText();
    assert.match(panel, /Formulir konsultasi: KF-\d{4}-\d{4}/, panel);
    await completeStep(page, 4, 'Selesai');
    // the decision asks its question and offers Ya / Tidak
    assert.match(await page.locator('#langkah-5 .question').innerText(), /Dapat dijawab atau diberikan solusi\?/);
    await completeStep(page, 5, 'Tidak', 'Perlu dicek oleh tim teknis');
    assert.equal(await page.locator('#langkah-8').getAttribute('aria-current'), 'step', 'Tidak leads to step 8');
    await completeStep(page, 8, 'Selesai', 'Nomor tiket diberikan');
    assert.match(await page.getByRole('status').innerText(), /kasus ditutup/);

    // the timeline: every step of the procedure, the visited ones with their clock
    const head = await page.locator('.case-head').innerText();
    assert.match(head, new RegExp(number));
    assert.match(head, /Ditutup/);
    assert.equal(await page.locator('ol.timeline > li').count(), 8);
    for (const no of [1, 2, 3, 4, 5, 8]) {
      const text = await page.locator(`#langkah-${no}`).innerText();
      assert.match(text, /selesai dalam \d+ (detik|menit)/, `step ${no} shows its time`);
      assert.match(text, /oleh meja/, `step ${no} shows who did it`);
    }
    assert.match(await page.locator('#langkah-3').innerText(), /standar 2 menit jam kerja/);
    assert.match(await page.locator('#langkah-5 .branch').innerText(), /Tidak → langkah 8/);
    for (const no of [6, 7]) {
      assert.equal(await page.locator(`#langkah-${no}`).getAttribute('class'), 'step not-visited');
      assert.match(await page.locator(`#langkah-${no}`).innerText(), /Tidak dilalui/);
    }
    assert.equal(await page.locator('form.step-form').count(), 0, 'a closed case has no step form');
    await page.screenshot({ path: SHOT, fullPage: true });

    // the form in its register holds the question typed at step 3
    await page.goto(s.url + '/register/consultation');
    assert.match(await page.locator('main').innerText(), /Unggah dokumen penawaran gagal di tahap akhir/);

    // the queue lists it, closed
    await page.goto(s.url + '/kasus?status=closed');
    assert.match(await page.locator('table.cases').innerText(), new RegExp(number));
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('from the case page: assign the open step, cancel with a reason (refused without one), reopen', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.goto(s.url + '/kasus/baru');
    await page.locator('tr', { hasText: 'SOP-LPSE.BTG-017' }).getByRole('link').click();
    await page.getByLabel('Saluran').selectOption('phone');
    await page.getByLabel('Perihal').fill('Akun penyedia terkunci');
    await page.getByLabel('Nama', { exact: true }).fill('Rudi Hartono');
    await Promise.all([page.waitForURL(/\/kasus\/[A-Z]+-\d{4}-\d+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    const number = new URL(page.url()).pathname.split('/')[2];

    // assign step 1 to the helpdesk role and to meja
    const step1 = page.locator('#langkah-1');
    await step1.locator('details.assign summary').click();
    await step1.getByLabel('Peran').selectOption('helpdesk');
    await step1.getByLabel('Pengguna').selectOption('meja');
    await Promise.all([page.waitForNavigation(), step1.getByRole('button', { name: 'Tetapkan', exact: true }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Langkah ditugaskan/);
    assert.equal(await page.locator('#langkah-1').getByLabel('Pengguna').inputValue(), 'meja');

    // cancel: the reason is required by the form, and by the server when only spaces are given
    const cancel = page.locator('details.case-cancel');
    await cancel.locator('summary').click();
    await cancel.getByLabel('Alasan pembatalan').fill('   ');
    await Promise.all([page.waitForNavigation(), cancel.getByRole('button', { name: 'Batalkan kasus' }).click()]);
    assert.match(await page.locator('#reason-error').innerText(), /wajib diisi/);
    assert.match(await page.locator('.case-head').innerText(), /Terbuka/);
    await page.locator('details.case-cancel').getByLabel('Alasan pembatalan').fill('Penelepon salah sambung');
    await Promise.all([page.waitForNavigation(), page.locator('details.case-cancel').getByRole('button', { name: 'Batalkan kasus' }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Kasus dibatalkan/);
    const head = await page.locator('.case-head').innerText();
    assert.match(head, /Dibatalkan/);
    assert.match(head, /Penelepon salah sambung/);
    assert.equal(await page.locator('form.step-form').count(), 0, 'a cancelled case has no step form');

    // reopen: step 1 starts again, the form is back
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Buka kembali kasus' }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Kasus dibuka kembali/);
    assert.equal(await page.locator('#langkah-1').getAttribute('aria-current'), 'step');
    assert.equal(await page.locator('#langkah-1 form.step-form').count(), 1);
    assert.match(page.url(), new RegExp(number));
    // the one refusal (400, the reason of spaces) and nothing else
    assert.deepEqual(problems, [`400 ${s.url}/kasus/${number}/batalkan`]);
  } finally {
    await ctx.close();
  }
});

test('a NIK of the wrong length shows its error under the field, keeping what was typed', async () => {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    await page.getByLabel('Perihal').fill('Cek NIK');
    await page.getByLabel('Nama', { exact: true }).fill('Budi');
    await page.getByLabel('NIK', { exact: true }).fill('12345');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/kasus');
    const nik = page.getByLabel('NIK', { exact: true });
    assert.equal(await nik.getAttribute('aria-invalid'), 'true');
    assert.equal(await nik.inputValue(), '12345', 'what was typed is kept');
    assert.ok((await page.locator('[id="requester.nik-error"]').innerText()).length > 0);
    assert.equal(await page.getByLabel('Perihal').inputValue(), 'Cek NIK');
  } finally {
    await ctx.close();
  }
});

test('phone (390×844): the case form, the case page and the lists fit the width', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'id-ID' });
  const page = await ctx.newPage();
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    await page.getByLabel('Perihal').fill('Dari ponsel');
    await page.getByLabel('Nama', { exact: true }).fill('Rina');
    await Promise.all([page.waitForURL(/\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    const casePath = new URL(page.url()).pathname;
    for (const path of [casePath, '/kasus', '/tugas', '/kasus/baru?sop=SOP-LPSE.BTG-005']) {
      await page.goto(s.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width}px wide`);
    }
    await page.goto(s.url + '/kasus');
    const btn = page.locator('table.cases a').first();
    const b = await btn.boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 390, 'the case link is inside the width');
    await page.goto(s.url + casePath);
    const done = page.locator('form.step-form button').first();
    const db = await done.boundingBox();
    assert.ok(db && db.x >= 0 && db.x + db.width <= 390, 'the step button is inside the width');
    await page.screenshot({ path: SHOT.replace(/\.png$/, '-phone.png'), fullPage: true });
  } finally {
    await ctx.close();
  }
});

test('a company known under an older name: the case page shows the name given beside the directory\'s, and the directory keeper follows the link to the entry', async () => {
  const token = await login(s.url);
  const first = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tanya akun',
                                                                              requester: { org_name: 'CV Sinar Terang', npwp: '02.345.678.9-012.000' } } });
  assert.equal(first.status, 201, first.text);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', PW);
    await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
    await page.getByLabel('Saluran').selectOption('phone');
    await page.getByLabel('Perihal').fill('Akun penyedia setelah ganti nama');
    await page.getByLabel('Nama', { exact: true }).fill('Dimas Prakoso');
    await page.getByLabel('Organisasi').fill('PT Sinar Terang Abadi');
    await page.getByLabel('NPWP').fill('02.345.678.9-012.000');
    await Promise.all([page.waitForURL(/\/kasus\/[A-Z]+-\d{4}-\d+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
    const number = new URL(page.url()).pathname.split('/')[2];
    const line = page.locator('.case-head .org-given');
    assert.equal((await line.innerText()).trim(),
      'Nama instansi/perusahaan menurut pemohon: «PT Sinar Terang Abadi»; di direktori: «CV Sinar Terang» · perbarui direktori');
    // the helpdesk keeps the directory: the link leads to the entry, whose name can be changed there
    await Promise.all([page.waitForURL(/\/direktori\/\d+$/), line.getByRole('link', { name: 'perbarui direktori' }).click()]);
    assert.match(await page.locator('main').innerText(), /CV Sinar Terang/);
    // a trainer reads the case but does not keep the directory: both names, no link
    addUser(s.dir, 'pelatih', 'trainer', PW);
    await ctx.clearCookies();
    await signIn(page, s.url, 'pelatih', PW);
    await page.goto(s.url + '/kasus/' + number);
    const seen = page.locator('.case-head .org-given');
    assert.match(await seen.innerText(), /«PT Sinar Terang Abadi»; di direktori: «CV Sinar Terang»/);
    assert.equal(await seen.getByRole('link').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
