// Tugas saya and the queue by due time on a page past their end (?halaman=2 of three open steps):
// said so with a link to the last page, filters kept; not an empty table, nor "no case matches"
// while cases do match. The plain queue with one page has no empty page navigation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { frozenServer, webSession, addUser } from './lib.mjs';

const f = frozenServer();
after(() => f.stop());

test('a page past the end of a list by due time says so and links the last page', async () => {
  await f.serveAt('2026-11-16T08:00:00+07:00');
  addUser(f.dir, 'rina', 'helpdesk', 'rina-password-1');
  for (let i = 0; i < 3; i++) {
    const r = await f.api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: `Unggah gagal ${i}`,
      requester: { name: `Pengguna ${i}` } });
    assert.equal(r.status, 201, r.text);
    const s = await f.api('POST', `/api/v1/cases/${r.json.number}/steps/1`, { outcome: 'done' });
    assert.equal(s.status, 200, s.text);
  }
  await f.serveAt('2026-11-18T10:00:00+07:00');
  const w = await webSession(f.url, 'rina', 'rina-password-1');

  let r = await w.get('/tugas');
  assert.equal(r.status, 200);
  assert.equal((r.text.match(/<tr class="overdue">/g) || []).length, 3);
  assert.doesNotMatch(r.text, /id="past-end"/);

  r = await w.get('/tugas?halaman=2');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="past-end"[^]*Halaman 2 melewati akhir daftar: 3 langkah terbuka, dalam 1 halaman\.[^]*href="\/tugas\?halaman=1">Ke halaman 1</);
  assert.doesNotMatch(r.text, /<table/, 'no empty table');

  r = await w.get('/kasus?overdue=1&q=Unggah&halaman=3');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /Tidak ada kasus yang cocok/);
  assert.match(r.text, /id="past-end"[^]*href="\/kasus\?status=&amp;sop=&amp;role=&amp;q=Unggah&amp;overdue=1&amp;halaman=1"/);

  // a filter matching nothing: said, on any page
  r = await w.get('/kasus?overdue=1&q=tidak-ada-yang-begini&halaman=2');
  assert.match(r.text, /Tidak ada kasus yang cocok/);
  assert.doesNotMatch(r.text, /id="past-end"/);

  // a page number that is not one: 400, said on the page (Tugas saya with the way to its first page;
  // the queue with its filters, the error under them as for ?before=), not a bare error page
  for (const h of ['abc', '0', '-1', '1x', '9999999']) {
    r = await w.get(`/tugas?halaman=${h}`);
    assert.equal(r.status, 400, h);
    assert.match(r.text, /<h1>Tugas saya<\/h1>/, h);
    assert.match(r.text, /<div class="notice error" role="alert"><p>Posisi halaman tidak valid <a href="\/tugas">Ke halaman 1<\/a><\/p><\/div>/, h);
    r = await w.get(`/kasus?overdue=1&halaman=${h}`);
    assert.equal(r.status, 400, h);
    assert.match(r.text, /<form class="filters card" method="get" action="\/kasus" role="search">/, h);
    assert.match(r.text, /<p class="field-error" id="before-error">Posisi halaman tidak valid<\/p>/, h);
  }

  // ?overdue=0, as the API reads it, is the whole queue, not the overdue list; another word is said
  await f.serveAt('2026-11-16T08:00:05+07:00');   // the three steps 2 (10 s) not yet due
  const w2 = await webSession(f.url, 'rina', 'rina-password-1');
  r = await w2.get('/kasus?overdue=0');
  assert.equal(r.status, 200);
  assert.equal((r.text.match(/<a class="mono" href="\/kasus\//g) || []).length, 3);
  assert.doesNotMatch(r.text, /name="overdue" value="1" checked/);
  assert.match((await w2.get('/kasus?overdue=1')).text, /Tidak ada kasus yang cocok/);
  r = await w2.get('/kasus?overdue=ya');
  assert.equal(r.status, 400);
  assert.match(r.text, /<p class="field-error" id="overdue-error">Hanya yang terlambat bernilai 1 \(dicentang\) atau 0 \(tidak dicentang\)<\/p>/);

  // the plain queue in one page: no navigation without links
  r = await w2.get('/kasus');
  assert.equal((r.text.match(/<tr/g) || []).length, 4);
  assert.doesNotMatch(r.text, /<nav class="pager"[^>]*><\/nav>/);
});
