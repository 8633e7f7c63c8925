// Browser test: a signed paper's signatures are never printed alone on a sheet of their own. The
// archive's list due for destruction (signed by the head and the officer) printed on A4 lying down
// after each new entry, from one sheet until its rows have passed onto a third: at every count the
// last sheet holds both signatures whole and at least the last row above them (chromium, left to a
// block after the table, sent the signatures alone to a new sheet whenever the rows filled one;
// they are now the table's last row, page_signatures_row, kept with the row before it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, LAUNCH, signIn, staffServer } from './lib.mjs';

const MM = 96 / 25.4;
const LYING = Math.floor(273 * MM);   // an A4 sheet lying down, less its margins
let s, api, browser, dir;
before(async () => {
  ({ s, api } = await staffServer());
  browser = await chromium.launch(LAUNCH);
  dir = mkdtempSync(join(tmpdir(), 'loket-print-signatures-'));
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The sheets of a PDF, as text.
function sheets(pdf) {
  const f = join(dir, 'list.pdf');
  writeFileSync(f, pdf);
  const t = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stderr);
  return t.stdout.split('\f').filter((p, i, a) => i < a.length - 1 || p.trim());
}

test('the destruction list keeps its last rows with the signatures on every count of rows', async () => {
  const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
  await page.setViewportSize({ width: LYING, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  let past = 0, n = 0, seen = [];
  while (past < 4) {
    n++;
    await api('POST', '/registers/archive', { title: `Berkas pengadaan paket ${n}`, location: `L-${n}`,
      retain_until: '2026-01-31' });
    if (n < 6) continue;
    assert.equal((await page.goto(`${s.url}/register/archive?due=1`)).status(), 200);
    const text = sheets(await page.pdf({ format: 'A4', landscape: true, printBackground: false }));
    const last = text[text.length - 1];
    assert.equal((last.match(/\(\.{10,}\)/g) || []).length, 2, `${n} rows: both signatures whole on the last sheet`);
    assert.match(last, /\bL-\d+\b/, `${n} rows on ${text.length} sheets: the signatures alone on the last\n${last}`);
    if (n === 6) {   // the signatures' cell carries none of the register's printed cell borders
      assert.deepEqual(await page.evaluate(() => { const cs = getComputedStyle(document.querySelector('tr.sig-row > td'));
        return [cs.borderTopStyle, cs.borderLeftStyle]; }), ['none', 'none']);
    }
    if (text.length > 2) past++;   /* the rows under a repeated head on a third sheet: where chromium had no row to bring along */
    seen.push(`${n}:${text.length}`);
    assert.ok(n < 80, `no third sheet by ${n} rows: ${seen.join(' ')}`);
  }
});
