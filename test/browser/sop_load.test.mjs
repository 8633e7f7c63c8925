// Browser test of loading a procedure file from /prosedur, as the administrator: a broken file is
// refused with its errors by line and nothing stored; the edited BTG-017 then loads, the page of the
// procedure says so and names the stored revision, and the API serves it for new cases.
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
  } finally {
    await ctx.close();
  }
});
