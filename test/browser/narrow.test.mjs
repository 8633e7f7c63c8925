// Browser test: on a phone (375 px wide) no page scrolls sideways; a wide table scrolls inside
// its own wrapper. The guest book (its last column's screen-reader label once escaped the
// wrapper's clip), the verifications and the day's queue, a case with an attachment, the reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, request, login } from '../int/lib.mjs';

let s, browser, number;
before(async () => {
  s = await startServer();
  const token = await login(s.url);
  const api = (method, path, body) => request(s.url, method, path, { token, body });
  const g = await api('POST', '/api/v1/registers/guest-book', { name: 'Siti Aminah Nurhayati', organisation: 'PT Sinar Abadi Sentosa Sejahtera',
    phone: '081234567890', purpose: 'Tanya cara daftar akun penyedia dan verifikasi berkas' });
  assert.equal(g.status, 201, g.text);
  const w = await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 201, w.text);
  number = w.json.number;
  const fd = new FormData();
  fd.append('file', new Blob(['surat permohonan']), 'surat-permohonan-verifikasi-penyedia-2026.txt');
  const up = await fetch(`${s.url}/api/v1/cases/${number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
  assert.equal(up.status, 201);
  const v = await api('POST', '/api/v1/verifications', { company: 'PT Sinar Abadi Sentosa Sejahtera', npwp: '0023456789012000',
    email: 'admin@sinarabadi.co.id', contact: 'Sari Dewi', spse_user: 'sinarabadi' });
  assert.equal(v.status, 201, v.text);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Signed in as admin on a 375 px phone, none of paths is wider than the screen, and no page logs a problem.
async function noSidewaysAt375(paths) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    const wide = [];
    for (const path of paths) {
      await page.goto(s.url + path);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w > 375) wide.push(`${path}: ${w}px`);
    }
    assert.deepEqual(wide, []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
}

test('at 375 px the guest book, the verifications, the queue, a case and the reports do not scroll sideways', async () => {
  await noSidewaysAt375(['/register/guest-book', '/verifikasi', '/verifikasi/antrean', `/kasus/${number}`, '/laporan']);
});

test('at 375 px a user\'s page and their own account page do not scroll sideways for a long e-mail address', async () => {
  const token = await login(s.url);
  const u = await request(s.url, 'POST', '/api/v1/users', { token, body: { username: 'sari.wulandari', full_name: 'Sari Wulandari Kusumaningrum',
    email: 'sari.wulandari.kusumaningrum@lpse.batangkab.go.id', password: 'Sari-2026-aman', roles: ['helpdesk', 'verifikator'] } });
  assert.equal(u.status, 201, u.text);
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    const wide = [];
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.goto(`${s.url}/pengguna/sari.wulandari`);
    await page.getByText('sari.wulandari.kusumaningrum@lpse.batangkab.go.id').waitFor();
    let w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 375) wide.push(`/pengguna/sari.wulandari: ${w}px`);
    await ctx.clearCookies();
    await signIn(page, s.url, 'sari.wulandari', 'Sari-2026-aman');
    await page.goto(`${s.url}/akun`);
    w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 375) wide.push(`/akun: ${w}px`);
    assert.deepEqual(wide, []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('the help desk\'s row of buttons and a case\'s help-desk links show no list bullets between them, at 375 px and at 1280 px', async () => {
  for (const width of [375, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    const problems = watch(page);
    try {
      await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
      for (const path of ['/helpdesk', `/kasus/${number}`]) {
        await page.goto(s.url + path);
        const lists = await page.locator('ul.actions').evaluateAll((uls) => uls.map((ul) =>
          [getComputedStyle(ul).listStyleType, ...[...ul.children].map((li) => getComputedStyle(li).listStyleType)]));
        assert.ok(lists.length > 0, `${path}: a row of actions`);
        for (const l of lists) assert.deepEqual([...new Set(l)], ['none'], `${path} at ${width} px`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `${path} at ${width} px scrolls sideways`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  }
});

test('at 375 px an .rhs file\'s page (its upload form) and its case (the step note with the file\'s SHA-256) do not scroll sideways', async () => {
  const token = await login(s.url);
  const made = await request(s.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2' } } });
  assert.equal(made.status, 201, made.text);
  const n = made.json.case.number;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(2048).fill(7)]), 'penawaran.rhs');
  const up = await fetch(`${s.url}/api/v1/rhs/${n}/files`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
  assert.equal(up.status, 201);
  await noSidewaysAt375([`/rhs/${n}`, `/kasus/${n}`]);
});
