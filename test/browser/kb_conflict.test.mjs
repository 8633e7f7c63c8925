// Browser test of two staff editing the same knowledge base article: both open its edit form at
// revision 1; rina saves first (revision 2); budi's save, based on revision 1, is refused (409):
// the page says who changed it when, shows the text rina saved beside what budi typed (kept in
// the form, nothing lost), and his form now carries revision 2, so saving again is a choice he
// makes: revision 3, his text.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, staffPages, staffServer } from './lib.mjs';
import { addUser } from '../int/lib.mjs';

let browser;
const servers = [];
after(async () => {
  if (browser) await browser.close();
  for (const s of servers) await s.stop();
});

// The problems a page showed, less the 409 of the save this test means to be refused.
const unexpected = (problems) => problems.filter((p) => !/^409 .*\/kb\/\d+$/.test(p));

test('two staff edit the same article: the second is shown the text saved meanwhile beside theirs, and saves knowingly', async () => {
  const { s, api } = await staffServer();   // Monday 16 November 2026, 08.00 WIB; rina on the help desk
  servers.push(s);
  addUser(s.dir, 'budi', 'helpdesk', 'budi-password-1');
  const art = await api('POST', '/kb', { title: 'Lupa kata sandi SPSE', body: 'Buka halaman login SPSE, pilih Lupa Password.',
    category: 'Akun', status: 'published' });
  assert.equal(art.revision, 1);
  browser = await chromium.launch(LAUNCH);
  const { ctxs, pages: [rina, budi], problems } = await staffPages(browser, s.url, [['rina', 'rina-password-1'], ['budi', 'budi-password-1']]);
  try {
    for (const p of [rina, budi]) {
      await p.goto(`${s.url}/kb/${art.id}`);
      await p.getByText('Ubah artikel').click();
    }
    const text = (p) => p.getByLabel('Isi artikel');
    const save = (p) => p.getByRole('button', { name: 'Simpan sebagai revisi baru' });
    await text(rina).fill('Buka halaman login SPSE, pilih Lupa Password, lalu isi User ID dan e-mail terdaftar.');
    await text(budi).fill('Hubungi helpdesk LPSE dengan membawa KTP untuk mengatur ulang kata sandi.');
    await Promise.all([rina.waitForURL(/\?ok=/), save(rina).click()]);
    assert.equal((await api('GET', `/kb/${art.id}`)).revision, 2);
    // budi's form was based on revision 1: refused, told by whom, rina's text beside his own
    await save(budi).click();
    await budi.waitForLoadState();
    const conflict = budi.locator('.kb-conflict');
    await conflict.waitFor();
    assert.match(await budi.locator('main').innerText(), /rina/);
    const current = conflict.locator('.kb-current');
    assert.match(await current.innerText(), /Teks yang disimpan sementara itu/);
    assert.match(await current.innerText(), /lalu isi User ID dan e-mail terdaftar/);
    assert.match(await current.innerText(), /Revisi 2/);
    assert.equal(await text(budi).inputValue(), 'Hubungi helpdesk LPSE dengan membawa KTP untuk mengatur ulang kata sandi.', 'what he typed is kept');
    assert.equal(await budi.locator('input[name="revision"]').inputValue(), '2');
    const still = await api('GET', `/kb/${art.id}`);
    assert.equal(still.revision, 2, 'nothing written for budi');
    assert.match(still.body, /lalu isi User ID/);
    // having read it, he saves again: his text, revision 3
    await Promise.all([budi.waitForURL(/\?ok=/), save(budi).click()]);
    const after3 = await api('GET', `/kb/${art.id}`);
    assert.equal(after3.revision, 3);
    assert.match(after3.body, /membawa KTP/);
    assert.equal(await budi.locator('.kb-conflict').count(), 0);
    assert.deepEqual(unexpected(problems[0]), []);
    assert.deepEqual(unexpected(problems[1]), []);
  } finally {
    for (const c of ctxs) await c.close();
  }
});
