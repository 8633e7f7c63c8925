// Browser test of taking a step from the case page, two staff in two browsers: both see step 2
// free and press "Ambil langkah ini"; the first holds it, the second is told "Langkah ini sudah
// diambil oleh rina" and, pressing "Ambil alih", takes it over. rina then has a notice saying so,
// and her page offers to take it back from budi.
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

// The problems a page showed, less the 409 of the take this test means to be refused.
const unexpected = (problems) => problems.filter((p) => !/^409 .*\/tugaskan$/.test(p));

test('two staff take the same step: the second is told who took it and takes it over', async () => {
  const { s, api } = await staffServer();   // Monday 16 November 2026, 08.00 WIB; rina on the help desk
  servers.push(s);
  addUser(s.dir, 'budi', 'helpdesk', 'budi-password-1');
  const opened = await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa unggah penawaran',
    requester: { name: 'Rina Wati', email: 'rina.wati@example.go.id' } });
  const number = opened.number;
  await api('POST', `/cases/${encodeURIComponent(number)}/steps/1`, { outcome: 'done' });
  browser = await chromium.launch(LAUNCH);
  const { ctxs, pages: [rina, budi], problems } = await staffPages(browser, s.url, [['rina', 'rina-password-1'], ['budi', 'budi-password-1']]);
  try {
    // both open the case while step 2 is free
    for (const p of [rina, budi]) await p.goto(`${s.url}/kasus/${number}`);
    const take = (p) => p.getByRole('button', { name: 'Ambil langkah ini' });
    assert.equal(await take(rina).count(), 1);
    assert.equal(await take(budi).count(), 1);
    await Promise.all([rina.waitForURL(/\?ok=/), take(rina).click()]);
    assert.equal((await api('GET', `/cases/${encodeURIComponent(number)}`)).steps[1].assigned_user, 'rina');
    // budi's page still shows it free: his take is refused, saying who has it
    await take(budi).click();
    await budi.waitForLoadState();
    const alert = budi.locator('.step-taken');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Langkah ini sudah diambil oleh rina/);
    assert.equal((await api('GET', `/cases/${encodeURIComponent(number)}`)).steps[1].assigned_user, 'rina', 'nothing written');
    // and takes it over, knowingly
    await Promise.all([budi.waitForURL(/\?ok=/), alert.getByRole('button', { name: 'Ambil alih' }).click()]);
    assert.equal((await api('GET', `/cases/${encodeURIComponent(number)}`)).steps[1].assigned_user, 'budi');
    assert.equal(await budi.locator('.step-taken').count(), 0);
    // rina is told, and her page offers to take it back from budi
    await rina.goto(`${s.url}/pemberitahuan`);
    assert.match(await rina.locator('main').innerText(), new RegExp(`Langkah Anda pada kasus ${number} diambil alih oleh petugas lain`));
    await rina.goto(`${s.url}/kasus/${number}`);
    assert.equal(await rina.getByRole('button', { name: 'Ambil alih dari budi' }).count(), 1);
    assert.deepEqual(unexpected(problems[0]), []);
    assert.deepEqual(unexpected(problems[1]), []);
  } finally {
    for (const c of ctxs) await c.close();
  }
});
