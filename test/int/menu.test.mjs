// The staff menu: the daily links in a row (Tugas saya, Beranda, Kasus, Helpdesk, Register,
// Laporan), the rest under "Lainnya" (a <details>, no script), whose summary names the page
// when it is one of its group; every link still gated by its permission.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, webSession } from './lib.mjs';

let s, admin, desk;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-password-2026');
  admin = await webSession(s.url);
  desk = await webSession(s.url, 'meja', 'meja-password-2026');
});
after(async () => { await s?.stop(); });

// The menu of a page: {primary: [hrefs], more: [hrefs], open}.
function menu(html) {
  const nav = html.match(/<nav class="main"[^>]*>([\s\S]*?)<\/nav>/)[1];
  const i = nav.indexOf('<li class="more">');
  const hrefs = (z) => [...z.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
  return { primary: hrefs(nav.slice(0, i)), more: hrefs(nav.slice(i)), open: /<details open>/.test(nav),
           summary: (nav.match(/<summary[^>]*>([^<]*)<\/summary>/) || [])[1] };
}

test('the administrator: six daily links, the other eleven under Lainnya, every one reachable', async () => {
  const r = await admin.get('/');
  const m = menu(r.text);
  assert.deepEqual(m.primary, ['/tugas', '/', '/kasus', '/helpdesk', '/register', '/laporan']);
  assert.deepEqual(m.more, ['/direktori', '/akun-spse', '/pelatihan', '/verifikasi', '/kb', '/prosedur', '/kalender', '/prioritas',
    '/pengguna', '/audit', '/akun']);
  assert.equal(m.summary, 'Lainnya');
  assert.equal(m.open, false, 'closed on a page of the daily row');
  for (const href of [...m.primary, ...m.more]) assert.equal((await admin.get(href)).status, 200, href);
});

test('on a page of the group the closed summary names it, and its link is marked current', async () => {
  for (const [path, name] of [['/pelatihan', 'Pelatihan'], ['/akun', 'Akun saya'], ['/audit', 'Log audit'], ['/akun-spse', 'Akun SPSE'],
    ['/kalender', 'Kalender']]) {
    const r = await admin.get(path);
    const m = menu(r.text);
    assert.equal(m.open, false, `${path}: closed (it would cover the page on a laptop)`);
    assert.equal(m.summary, `Lainnya · ${name}`, path);
    assert.match(r.text, new RegExp(`<a href="${path}" aria-current="page">`), path);
  }
  assert.equal(menu((await admin.get('/laporan')).text).summary, 'Lainnya');
});

test('a helpdesk officer sees only what the role may open', async () => {
  const m = menu((await desk.get('/')).text);
  assert.deepEqual(m.primary, ['/tugas', '/', '/kasus', '/helpdesk', '/register', '/laporan']);
  assert.ok(!m.more.includes('/pengguna') && !m.more.includes('/audit'), m.more.join(' '));
  assert.ok(m.more.includes('/akun') && m.more.includes('/kb'));
  for (const href of [...m.primary, ...m.more]) assert.equal((await desk.get(href)).status, 200, href);
  assert.equal((await desk.get('/pengguna')).status, 403);
});
