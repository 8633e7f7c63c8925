// Browser test: the procedures walked end to end as the staff walk them, through the web
// pages only. Each case is opened from /kasus/baru; each step is found in "Tugas saya" of a
// user holding the role the step names (the opener for the requester's steps), completed on
// the case page with its checklist ticked and the button of the branch taken; a loop back,
// an assignment and a note on the way. The timeline then shows every visit with its time
// beside the step's standard and the branch each decision took, in Indonesian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser } from '../int/lib.mjs';

const PW = 'jalan-prosedur-2026';
// one user per role the steps name (lkpp: the national helpdesk, who completes its own steps)
const USERS = {
  meja: 'helpdesk', latih: 'trainer', ketua: 'ketua', piket: 'piket', verif: 'verifikator',
  sekr: 'sekretaris', arah: 'pengarah', agensi: 'admin_agency', staf: 'staf', lkpp: 'lkpp',
};
// English words that would betray an untranslated label on an Indonesian page
const ENGLISH = /\b(the|of|and|step|steps|Done|Yes|due|standard|office time|after|Required|Assign|Note|Case|Cases|Open|Closed|Requester|minutes?|hours?|seconds?|by|visit|back)\b/;

let s, browser;
const pages = {}, problems = {};
before(async () => {
  s = await startServer();
  for (const [u, role] of Object.entries(USERS)) addUser(s.dir, u, role, PW);
  browser = await chromium.launch(LAUNCH);
  await Promise.all(Object.keys(USERS).map(async (u) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    pages[u] = await ctx.newPage();
    problems[u] = watch(pages[u]);
    await signIn(pages[u], s.url, u, PW);
  }));
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Open a case of procedure code as user, from /kasus/baru; its number.
async function open(user, code, subject, extra) {
  const page = pages[user];
  await page.goto(s.url + '/kasus/baru');
  await page.locator('tr', { hasText: code }).getByRole('link').first().click();
  await page.getByLabel('Perihal').fill(subject);
  await page.getByLabel('Nama', { exact: true }).fill('Andi Wijaya');
  await page.getByLabel('Organisasi').fill('Dinas Pekerjaan Umum');
  if (extra) await extra(page);
  await Promise.all([page.waitForURL(/\/kasus\/[A-Z]+-\d{4}-\d+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
  return new URL(page.url()).pathname.split('/')[2];
}

// The main text of user's page, checked for English words.
async function indonesian(user, where) {
  const text = await pages[user].locator('main').innerText();
  const m = text.match(ENGLISH);
  assert.equal(m, null, `${where}: English "${m && m[0]}" on an Indonesian page in «${m && text.slice(Math.max(0, m.index - 60), m.index + 60)}»`);
}

// Step no of case number as user: found in Tugas saya, completed with its checklist ticked,
// by the button (Selesai, Ya, Tidak); note written when given.
async function step(user, number, no, button = 'Selesai', note) {
  const page = pages[user];
  await page.goto(s.url + '/tugas');
  const row = page.locator('table.tasks tr', { hasText: number });
  assert.equal(await row.count(), 1, `${number} step ${no}: in Tugas saya of ${user} (${USERS[user]})`);
  assert.match(await row.locator('td').nth(2).innerText(), new RegExp(`^${no}\\.`), `${number}: Tugas saya of ${user} names step ${no}`);
  await indonesian(user, 'Tugas saya');
  await Promise.all([page.waitForURL(new RegExp(`/kasus/${number}$`)), row.getByRole('link', { name: number }).click()]);
  const li = page.locator(`#langkah-${no}`);
  assert.equal(await li.getAttribute('aria-current'), 'step', `${number}: step ${no} is the open step`);
  await indonesian(user, `${number} step ${no}`);
  const form = li.locator('form.step-form');
  for (const box of await form.getByRole('checkbox').all()) await box.check();
  if (note) await form.getByLabel('Catatan (tidak wajib)').fill(note);
  await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: button, exact: true }).click()]);
  const status = page.getByRole('status');
  await status.waitFor({ timeout: 3000 }).catch(() => {});
  assert.equal(await page.locator('.notice.error, [role=alert]').count(), 0,
    `${number} step ${no} (${button}) refused: ${await page.locator('main').innerText()}`);
  assert.equal(await status.count(), 1, `${number} step ${no}: a notice that it went through`);
}

// Walk case number along path: each [user, step, button, note] in turn (see step()).
async function walk(number, path) {
  for (const [user, no, button, note] of path) await step(user, number, no, button, note);
}

// The timeline of case number as user: each visited step shows its time beside its standard
// (or says it has none), by whom; each decision the branch it took.
async function timeline(user, number, branches) {
  const page = pages[user];
  await page.goto(s.url + `/kasus/${number}`);
  await indonesian(user, `${number} timeline`);
  for (const li of await page.locator('ol.timeline > li.visited').all()) {
    for (const v of await li.locator('.visit').all()) {
      const text = await v.innerText();
      assert.match(text, /selesai dalam .+; (standar .+|tanpa standar|Tanpa standar waktu|[^;]+)/, text);
      assert.match(text, /oleh \w+/, text);
    }
  }
  for (const [no, words] of Object.entries(branches)) {
    const got = (await page.locator(`#langkah-${no} .branch`).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(got, words, `${number} step ${no}: the branches taken`);
  }
  return page.locator('.case-head').innerText();
}

test('SOP-LPSE.BTG-006 bidding room: training advice, the trainer, a failed upload handled and back, encryption', async () => {
  const n = await open('meja', 'SOP-LPSE.BTG-006', 'Pendampingan unggah penawaran');
  await walk(n, [
    ['meja', 1], ['meja', 2], ['meja', 3, 'Tidak', 'Belum pernah ikut pelatihan'], ['meja', 4, 'Ya'],
    ['meja', 5], ['latih', 6, 'Tidak'], ['latih', 7], ['latih', 8, 'Tidak', 'Unggah gagal: ukuran berkas'],
    ['meja', 9, 'Ya', 'Berkas dikompres'], ['latih', 8, 'Ya'], ['latih', 11], ['meja', 12, 'Ya'],
    ['meja', 13],
  ]);
  const head = await timeline('meja', n, {
    3: ['Tidak → langkah 4'], 4: ['Ya → langkah 5'], 6: ['Tidak → langkah 7'],
    8: ['Tidak → langkah 9', 'Ya → langkah 11'], 9: ['Ya → kembali ke langkah 8'], 12: ['Ya → langkah 13'],
  });
  assert.match(head, /Ditutup/);
  assert.match(await pages.meja.locator('#langkah-3').innerText(), /standar 5 menit jam kerja/);
  assert.equal(await pages.meja.locator('#langkah-10').getAttribute('class'), 'step not-visited');
});

test('SOP 03/LPSE/2012 user ID for Pokja: the Pengarah returns the file, the requester completes it, then approves', async () => {
  const n = await open('staf', 'SOP 03/LPSE/2012', 'User ID anggota Pokja baru');
  await walk(n, [
    ['staf', 1], ['sekr', 2], ['arah', 3, 'Tidak', 'SK belum dilampirkan'],
    ['staf', 6, 'Selesai', 'SK dilampirkan'], ['sekr', 2], ['arah', 3, 'Ya'], ['agensi', 4], ['agensi', 5],
  ]);
  const head = await timeline('staf', n, { 3: ['Tidak → langkah 6', 'Ya → langkah 4'] });
  assert.match(head, /Ditutup/);
});

test('SOP 06/LPSE/2012 .rhs file: the Pokja\'s steps followed by the opener, LKPP repeats its test', async () => {
  const n = await open('meja', 'SOP 06/LPSE/2012', 'Dokumen penawaran .rhs tidak dapat dibuka');
  await walk(n, [
    ['meja', 1], ['meja', 2, 'Tidak'], ['sekr', 3], ['lkpp', 4], ['lkpp', 5, 'Ya', 'Diuji ulang'],
    ['lkpp', 5, 'Tidak'], ['lkpp', 6], ['meja', 7],
  ]);
  const head = await timeline('meja', n, { 2: ['Tidak → langkah 3'], 5: ['Ya → langkah 5', 'Tidak → langkah 6'] });
  assert.match(head, /Ditutup/);
});

test('SOP-LPSE.BTG-019 access: assigned to a user, a note added, the incomplete file goes back and comes again', async () => {
  const n = await open('meja', 'SOP-LPSE.BTG-019', 'Penonaktifan akun PPK');
  await walk(n, [
    ['meja', 1],
  ]);
  // assign step 2 to another helpdesk officer's role and the user meja
  const page = pages.meja;
  const li = page.locator('#langkah-2');
  await li.locator('details.assign summary').click();
  await li.getByLabel('Peran').selectOption('helpdesk');
  await li.getByLabel('Pengguna').selectOption('meja');
  await Promise.all([page.waitForNavigation(), li.getByRole('button', { name: 'Tetapkan', exact: true }).click()]);
  assert.match(await page.getByRole('status').innerText(), /Langkah ditugaskan/);
  // a note on the case, about step 2, from the notes form under the timeline
  await page.getByLabel('Catatan baru').fill('Pemohon akan mengirim surat tugas lewat e-mail');
  await page.getByLabel('Tentang').selectOption({ label: 'Langkah 2' });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tambah catatan', exact: true }).click()]);
  assert.match(await page.getByRole('status').innerText(), /Catatan ditambahkan/);
  assert.match(await page.locator('#catatan').innerText(), /Pemohon akan mengirim surat tugas lewat e-mail/);
  await walk(n, [
    ['meja', 2], ['meja', 3, 'Tidak', 'Surat tugas belum ada'], ['meja', 4], ['meja', 2], ['meja', 3, 'Ya'],
    ['agensi', 6], ['meja', 7], ['meja', 8], ['meja', 9],
  ]);
  const head = await timeline('meja', n, { 3: ['Tidak → langkah 4', 'Ya → langkah 6'] });
  assert.match(head, /Ditutup/);
});

test('the other procedures, one path each: BTG-005, BTG-017, OI-01, OI-02 (OI-04 and OI-05 have the shape of OI-03), BTG-006 to its end at step 4', async () => {
  const future = (d) => {
    const t = new Date(Date.now() + d * 86400e3);
    return `${t.toISOString().slice(0, 10)}T09:00`;
  };
  const t = await open('ketua', 'SOP-LPSE.BTG-005', 'Pelatihan SPSE penyedia', async (page) => {
    await page.getByLabel('Training dimulai').fill(future(14));
    await page.getByLabel('Training berakhir').fill(future(15));
    if (await page.getByLabel('Sesi terakhir berakhir').count()) await page.getByLabel('Sesi terakhir berakhir').fill(future(15));
  });
  await walk(t, [
    ['ketua', 1], ['meja', 2], ['latih', 3], ['latih', 4],
  ]);

  const p = await open('meja', 'SOP-LPSE.BTG-017', 'Lupa kata sandi SPSE');
  await walk(p, [
    ['meja', 1], ['meja', 2], ['meja', 3], ['meja', 4], ['meja', 5, 'Ya'], ['meja', 6], ['meja', 7],
  ]);

  const v = await open('piket', 'SOP 01/LPSE.OI/2012', 'Verifikasi penyedia CV Maju');
  await walk(v, [
    ['piket', 1], ['piket', 2], ['verif', 3], ['verif', 4], ['verif', 5], ['verif', 6], ['verif', 7],
  ]);

  const h = await open('meja', 'SOP 02/LPSE.OI/2012', 'Pertanyaan jadwal lelang');
  await walk(h, [
    ['meja', 1], ['meja', 2, 'Tidak'], ['meja', 4], ['meja', 5],
  ]);

  // BTG-006 again: the provider, advised to attend training first, leaves (the end)
  const b = await open('meja', 'SOP-LPSE.BTG-006', 'Penyedia belum pernah ikut pelatihan');
  await walk(b, [
    ['meja', 1], ['meja', 2], ['meja', 3, 'Tidak'],
    ['meja', 4, 'Tidak', 'Penyedia mendaftar pelatihan lebih dulu'],
  ]);
  assert.match(await timeline('meja', b, { 3: ['Tidak → langkah 4'], 4: ['Tidak → selesai'] }), /Ditutup/);
  for (const n of [t, p, v, h]) assert.match(await timeline('meja', n, {}), /Ditutup/, n);
});

test('no page showed an error', () => {
  for (const [u, list] of Object.entries(problems)) assert.deepEqual(list, [], u);
});
