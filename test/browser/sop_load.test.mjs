// Browser test of loading a procedure file from /prosedur, as the administrator: a broken file is
// refused with its errors by line and nothing stored; the edited BTG-017 then loads, the page of the
// procedure says so and names the stored revision, and the API serves it for new cases; the page's
// revisions show what it changed line by line; the procedure retired and restored with its buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { startServer, login, request, ADMIN_PASSWORD } from '../int/lib.mjs';

let s, browser, token, tmp;
before(async () => {
  s = await startServer();
  token = await login(s.url);
  browser = await chromium.launch(LAUNCH);
  tmp = mkdtempSync(join(tmpdir(), 'loket-sop-'));
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the administrator loads a procedure file from /prosedur: a broken one refused by line, an edited one stored as a new revision', async () => {
  const sops = async () => (await request(s.url, 'GET', '/api/v1/sops', { token })).json.sops;
  const btg = (list) => list.find((p) => /BTG-017/.test(p.code));
  const before = btg(await sops());
  const broken = join(tmp, 'rusak.sop');
  writeFileSync(broken, 'code: SOP-LPSE.UJI-099\n');
  const edited = join(tmp, 'btg-017-phone.sop');
  writeFileSync(edited, readFileSync(new URL('../../sop/btg-017-phone.sop', import.meta.url), 'utf8')
    .replace(/^revision: .*$/m, 'revision: 01'));
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${s.url}/prosedur`);
    await page.getByRole('heading', { name: 'Muat berkas prosedur' }).waitFor();
    await page.getByLabel('Berkas prosedur (.sop)').setInputFiles(broken);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Muat', exact: true }).click()]);
    const errs = page.locator('.sop-errors li');
    await errs.first().waitFor();
    assert.match(await errs.first().textContent(), /^Baris 1: /);
    assert.equal(btg(await sops()).revision_no, before.revision_no, 'nothing stored from a broken file');
    // the refused file's answer is a 4xx of /prosedur itself, and only that
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^4\d\d .*\/prosedur$/);
    problems.length = 0;

    await page.getByLabel('Berkas prosedur (.sop)').setInputFiles(edited);
    await Promise.all([page.waitForURL(/\/prosedur\/.+ok=/), page.getByRole('button', { name: 'Muat', exact: true }).click()]);
    await page.getByText('Prosedur dimuat: kasus baru mengikuti revisi ini').waitFor();
    const after = btg(await sops());
    assert.equal(after.revision_no, before.revision_no + 1);
    assert.equal(after.revision, '01');
    assert.equal(after.source, 'loaded');
    assert.deepEqual(problems, []);

    // the page lists the revisions; what the loaded one changed, line by line
    await page.locator('#revisi').getByRole('heading', { name: 'Revisi' }).waitFor();
    await Promise.all([page.waitForURL(/\/revisi\/\d+\/beda$/),
      page.locator(`#revisi-${after.revision_no}`).getByRole('link', { name: 'Perubahan dari revisi sebelumnya' }).click()]);
    await page.getByText(`Baris ditambahkan: 1 · Baris dihapus: 1`).waitFor();
    assert.equal(await page.locator('tr.diff-add td.line').textContent(), 'revision: 01');
    assert.equal(await page.locator('tr.diff-del td.line').textContent(), 'revision: 00');
    await Promise.all([page.waitForURL(/\/prosedur\/[^/]+#revisi$/), page.getByRole('link', { name: 'Kembali ke prosedur' }).click()]);

    // retired with the button: not offered for a new case; restored with the other
    await Promise.all([page.waitForURL(/ok=/), page.getByRole('button', { name: 'Nonaktifkan', exact: true }).click()]);
    await page.getByText('Prosedur dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya').waitFor();
    assert.equal(btg(await sops()).retired, true);
    await page.goto(`${s.url}/kasus/baru`);
    await page.getByRole('cell', { name: 'SOP-LPSE.BTG-019' }).waitFor();
    assert.equal(await page.getByRole('cell', { name: after.code, exact: true }).count(), 0);
    await page.goto(`${s.url}/prosedur/${after.slug}`);
    await Promise.all([page.waitForURL(/ok=/), page.getByRole('button', { name: 'Aktifkan kembali', exact: true }).click()]);
    await page.getByText('Prosedur diaktifkan kembali: kasus baru dapat dibuka dengannya').waitFor();
    assert.equal(btg(await sops()).retired, false);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
