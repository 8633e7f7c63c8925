// Browser test of the directory's twins, as a help-desk officer: a case's requester organisation
// made by its name and the provider entered with its NPWP are one company; the provider's page
// lists the twin, one click merges it, and the case and the person show under the provider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, addUser, login, request } from '../int/lib.mjs';

let s, browser, token;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  token = await login(s.url);
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

test('the provider\'s page lists its twin made by a case; merging it moves the case and the person there', async () => {
  const c = await request(s.url, 'POST', '/api/v1/cases', { token, body: { sop: 'OI-02', channel: 'walk_in', subject: 'Tanya jadwal verifikasi',
    requester: { name: 'Bambang Sutrisno', phone: '0813-2765-4411', organization: 'CV Mitra Karya' } } });
  assert.equal(c.status, 201);
  const p = await request(s.url, 'POST', '/api/v1/directory', { token, body: { kind: 'org', org_type: 'provider', name: 'CV Mitra Karya',
    npwp: '02.111.333.4-511.000', address: 'Jl. Gajah Mada No. 7, Batang' } });
  assert.equal(p.status, 201);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'meja', 'meja-bantuan-2026');
    await page.goto(`${s.url}/direktori/${p.json.id}`);
    const twins = page.locator('#twins');
    await twins.getByRole('heading', { name: 'Kemungkinan entri ganda' }).waitFor();
    assert.equal(await twins.locator('#twin-list > li').count(), 1);
    await Promise.all([page.waitForURL(/ok=/), twins.getByRole('button', { name: 'Gabungkan ke entri ini' }).click()]);
    await page.getByText('Entri digabungkan').waitFor();
    assert.match(await page.locator('#cases').textContent(), new RegExp(c.json.number));
    assert.match(await page.locator('#members').textContent(), /Bambang Sutrisno/);
    await twins.getByText('Tidak ada entri lain dengan nama, surel, atau telepon ini.').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
