// Browser test of three screens that refuse or decline and say why, in a real browser: the bidding
// room's step 5 waiting for a trainer (the refusal at the picker), the picker showing a trainer who
// lost the role as the current value, not a choice; the verification checklist refusing "Sesuai
// asli" without "Ada" at its item, the ticks kept; a directory entry saved unchanged said so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login, addUser, cli } from '../int/lib.mjs';

const PW = 'penolakan-uji-2026';
let s, browser, token;
const api = async (method, path, body) => {
  const r = await request(s.url, method, `/api/v1${path}`, { token, body });
  assert.ok(r.status < 300, `${method} ${path}: ${r.text}`);
  return r.json;
};

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  addUser(s.dir, 'hana', 'helpdesk', PW);
  addUser(s.dir, 'tina', 'trainer', PW);
  addUser(s.dir, 'toni', 'trainer', PW);
  addUser(s.dir, 'vera', 'verifikator', PW);
  token = await login(s.url);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// A signed-in page of username (1280×900, Indonesian) and what it shows broken, the answers of
// status `expect` (the refusals the test makes on purpose) left out.
async function staff(username, expect) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const seen = watch(page);
  await signIn(page, s.url, username, PW);
  return { ctx, page, problems: () => seen.filter((p) => !p.startsWith(`${expect} `)) };
}

// Press the button named name (exactly) inside scope, and wait for the page it leads to.
async function press(page, scope, name) {
  await Promise.all([page.waitForNavigation(), scope.getByRole('button', { name, exact: true }).click()]);
}

test('the bidding room: step 5 refused at the trainer picker until one is named; a trainer who lost the role is shown, not offered', async () => {
  const v = await api('POST', '/bidding-room', { name: 'Fajar Nugroho', organisation: 'CV Fajar Teknik' });
  const n = v.case.number;
  await api('POST', `/bidding-room/${n}/steps/3`, { outcome: 'yes' });
  const { ctx, page, problems } = await staff('hana', 409);
  try {
    await page.goto(`${s.url}/ruang-bidding/${n}`);
    const steps = page.locator('form[action$="/langkah/5"]');
    await steps.getByLabel('Catatan').fill('Penyedia dipanggil ke meja pelatihan');
    await press(page, steps, 'Selesai');
    const picker = page.getByLabel('Trainer', { exact: true });
    assert.equal(await picker.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#trainer-error').innerText(), /^Tentukan dulu trainer yang mendampingi/);
    assert.equal(await page.locator('form[action$="/langkah/5"]').getByLabel('Catatan').inputValue(), 'Penyedia dipanggil ke meja pelatihan',
      'the note typed is kept');
    assert.deepEqual(await picker.locator('option').allInnerTexts(), ['—', 'tina', 'toni']);
    await picker.selectOption('tina');
    await press(page, page.locator('form[action$="/trainer"]'), 'Tetapkan');
    assert.equal(await page.getByLabel('Trainer', { exact: true }).inputValue(), 'tina');
    await page.locator('#trainer-stale').waitFor({ state: 'detached' });

    // tina's trainer role is taken away (she moves to the help desk): the page says so
    const r = cli(['user', 'roles', 'tina', '--role', 'helpdesk', '--data', s.dir]);
    assert.equal(r.status, 0, r.stderr);
    await page.reload();
    const again = page.getByLabel('Trainer', { exact: true });
    assert.deepEqual(await again.locator('option').allInnerTexts(), ['—', 'toni', 'tina']);
    assert.equal(await again.locator('option:checked').innerText(), 'tina', 'the current one is shown');
    assert.equal(await again.locator('option:checked').isDisabled(), true, 'not a choice to send again');
    assert.match(await page.locator('#trainer-stale').innerText(), /tidak memegang peran trainer/);
    await again.selectOption('toni');
    await press(page, page.locator('form[action$="/trainer"]'), 'Tetapkan');
    assert.equal(await page.getByLabel('Trainer', { exact: true }).inputValue(), 'toni');
    assert.equal(await page.locator('#trainer-stale').count(), 0);
    await press(page, page.locator('form[action$="/langkah/5"]'), 'Selesai');
    assert.equal((await api('GET', `/cases/${n}`)).current_step, 6);
    assert.deepEqual(problems(), []);
  } finally {
    await ctx.close();
  }
});

test('the verification checklist: "Sesuai asli" without "Ada" refused at its item, every tick kept; corrected, saved', async () => {
  const v = await api('POST', '/verifications', { company: 'CV Centang Ganda', npwp: '01.456.789.0-123.000',
    email: 'centang@contoh.co.id', contact: 'Rudi', spse_user: 'centangganda', registered_on: '2026-11-02' });
  for (const act of ['arrive', 'agenda']) await api('POST', `/verifications/${v.id}/${act}`);
  const at4 = await api('POST', `/verifications/${v.id}/registration`, { address: 'Jl. Merdeka 1', deed: 'Akta No. 12', director: 'Rudi' });
  const nos = at4.items.map((it) => it.no);
  const odd = nos[2];
  const { ctx, page, problems } = await staff('vera', 400);
  try {
    await page.goto(`${s.url}/verifikasi/${v.id}`);
    for (const no of nos) {
      if (no !== odd) await page.getByLabel(`Ada ${no}`, { exact: true }).check();
      await page.getByLabel(`Sesuai asli ${no}`, { exact: true }).check();
    }
    await press(page, page, 'Simpan pemeriksaan');
    const present = page.getByLabel(`Ada ${odd}`, { exact: true });
    assert.equal(await present.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(`#present${odd}-error`).innerText(), `Item nomor ${odd} tidak dapat sesuai asli bila tidak ada: centang juga Ada`);
    assert.match(await page.getByRole('alert').first().innerText(), /Mohon perbaiki isian yang ditandai/);
    for (const no of nos) {
      assert.equal(await page.getByLabel(`Sesuai asli ${no}`, { exact: true }).isChecked(), true, `Sesuai asli ${no} kept`);
      assert.equal(await page.getByLabel(`Ada ${no}`, { exact: true }).isChecked(), no !== odd, `Ada ${no} kept`);
    }
    assert.equal((await api('GET', `/verifications/${v.id}`)).checked, false, 'nothing saved');
    await present.check();
    await press(page, page, 'Simpan pemeriksaan');
    assert.equal(await page.getByRole('status').innerText(), 'Dokumen diperiksa');
    assert.equal((await api('GET', `/verifications/${v.id}`)).checked, true);
    assert.deepEqual(problems(), []);
  } finally {
    await ctx.close();
  }
});

test('a directory entry saved as it stands: "nothing changed", no audit row; changed, saved and audited', async () => {
  const p = await api('POST', '/directory', { kind: 'person', name: 'Dewi Lestari', nip: '19820314 200604 2 002',
    phone: '0813-1111-2222', email: 'dewi@batangkab.go.id' });
  const updates = async () => (await api('GET', '/audit?action=party.update&limit=200')).rows.length;
  const { ctx, page, problems } = await staff('hana', 0);
  try {
    await page.goto(`${s.url}/direktori/${p.id}`);
    await page.getByText('Perubahan', { exact: true }).click();
    const form = page.locator(`form[action="/direktori/${p.id}"]`);
    await press(page, form, 'Simpan');
    assert.equal(await page.getByRole('status').innerText(), 'Tidak ada yang berubah: entri sudah demikian');
    assert.equal(await updates(), 0);
    await page.getByText('Perubahan', { exact: true }).click();
    await form.getByLabel('Telepon').fill('0813 9999 0000');
    await press(page, form, 'Simpan');
    assert.equal(await page.getByRole('status').innerText(), 'Entri disimpan');
    assert.equal(await updates(), 1);
    assert.equal((await api('GET', `/directory/${p.id}`)).phone, '+6281399990000');
    assert.deepEqual(problems(), []);
  } finally {
    await ctx.close();
  }
});
