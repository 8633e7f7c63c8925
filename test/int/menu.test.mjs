// The staff menu: the daily links in a row (Tugas saya, Beranda, Kasus, Helpdesk, Register,
// Laporan), the rest under "Lainnya" (a <details>, no script), whose summary names the page
// when it is one of its group; every link still gated by its permission.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, addUser, webSession, sqlite } from './lib.mjs';

// The id of the newest audit row.
const auditHead = () => Number(sqlite(join(s.dir, 'loket.db'), 'SELECT coalesce(max(id), 0) FROM audit').stdout.trim());

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

test('the administrator: six daily links, the other twelve under Lainnya, every one reachable', async () => {
  const r = await admin.get('/');
  const m = menu(r.text);
  assert.deepEqual(m.primary, ['/tugas', '/', '/kasus', '/helpdesk', '/register', '/laporan']);
  assert.deepEqual(m.more, ['/direktori', '/akun-spse', '/pelatihan', '/verifikasi', '/kb', '/prosedur', '/kalender', '/prioritas',
    '/pengaturan', '/pengguna', '/audit', '/akun']);
  assert.equal(m.summary, 'Lainnya');
  assert.equal(m.open, false, 'closed on a page of the daily row');
  for (const href of [...m.primary, ...m.more]) assert.equal((await admin.get(href)).status, 200, href);
});

test('on a page of the group the closed summary names it, and its link is marked current', async () => {
  for (const [path, name] of [['/pelatihan', 'Pelatihan'], ['/akun', 'Akun saya'], ['/audit', 'Log audit'], ['/akun-spse', 'Akun SPSE'],
    ['/kalender', 'Kalender'], ['/pengaturan', 'Pengaturan kantor']]) {
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
  assert.ok(!m.more.includes('/pengguna') && !m.more.includes('/audit') && !m.more.includes('/pengaturan'), m.more.join(' '));
  assert.ok(m.more.includes('/akun') && m.more.includes('/kb'));
  for (const href of [...m.primary, ...m.more]) assert.equal((await desk.get(href)).status, 200, href);
  assert.equal((await desk.get('/pengguna')).status, 403);
  assert.equal((await desk.get('/pengaturan')).status, 403);
});

// Every page reachable from the menu, as the administrator and as a user of each role: each link
// a page shows (followed breadth-first, a few of each shape of address) answers without 4xx/5xx,
// and no page shows an English msgid where its Indonesian is expected (a T() forgotten, a code
// written to a page). Downloads (CSV, XLSX, PDF, SVG, attachments) are left out: their own tests read them.
test('every link reachable from the menu answers, for every role, and no page shows an untranslated msgid', async () => {
  const { readFileSync } = await import('node:fs');
  const { request, login, routeTable, ROOT } = await import('./lib.mjs');
  const token = await login(s.url);
  const api = (method, path, body) => request(s.url, method, path, { token, body });
  // something in each list: a walk-in's case with a note, a register entry, an article
  const g = await api('POST', '/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', purpose: 'Lupa kata sandi' });
  const w = await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 201, w.text);
  assert.equal((await api('POST', `/api/v1/cases/${w.json.number}/notes`, { body: 'Sudah ditelepon' })).status, 201);
  assert.equal((await api('POST', '/api/v1/kb', { title: 'Lupa kata sandi akun SPSE', body: 'Pilih Lupa Password.', status: 'published' })).status, 201);
  // the msgids whose Indonesian differs, of two words or more (one word may be a name or a code)
  const po = readFileSync(`${ROOT}/po/id.po`, 'utf8');
  const english = [];
  for (const m of po.matchAll(/^msgid "((?:[^"\\]|\\.)+)"\nmsgstr "((?:[^"\\]|\\.)*)"$/gm)) {
    const id = m[1].replace(/\\"/g, '"');
    if (id !== m[2] && / \S/.test(id) && !/%/.test(id)) english.push(id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  }
  const skip = (h) => /^\/(keluar|static|portal|kartu|kredensial)\b/.test(h) || /[?&]format=|\.(pdf|xlsx|csv|svg|png)(\?|$)|\/lampiran\/\d|\/ekspor\b/.test(h);
  const bad = [];
  const roles = routeTable().roles;
  for (const role of ['admin', ...roles.filter((x) => x !== 'admin')]) {
    let web = admin;
    if (role !== 'admin') {
      addUser(s.dir, `crawl_${role}`, role, 'crawl-password-2026');
      web = await webSession(s.url, `crawl_${role}`, 'crawl-password-2026');
    }
    const head = auditHead();
    const seen = new Set(['/']), shapes = new Map(), queue = [['/', 'the sign-in']];
    while (queue.length) {
      const [path, from] = queue.shift();
      const r = await web.get(path);
      if (r.status >= 400) { bad.push(`${role}: ${path} answers ${r.status} (linked from ${from})`); continue; }
      if (r.status !== 200 || !/text\/html/.test(r.headers.get('content-type') || '')) continue;
      const texts = new Set(r.text.split(/<[^>]+>/).map((z) => z.trim()).filter(Boolean));
      for (const id of english) if (texts.has(id)) bad.push(`${role}: ${path} shows the msgid "${id}"`);
      for (const m of r.text.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
        const href = m[1].replace(/&amp;/g, '&');
        if (href.startsWith('//') || skip(href) || seen.has(href)) continue;
        seen.add(href);
        const shape = href.replace(/\d+/g, 'N').replace(/\?.*$/, (q) => q.replace(/=[^&]*/g, ''));
        if ((shapes.get(shape) || 0) >= 2) continue;
        shapes.set(shape, (shapes.get(shape) || 0) + 1);
        queue.push([href, path]);
      }
    }
    assert.ok(role !== 'admin' || seen.size > 60, `the administrator reaches ${seen.size} links`);
    // pages are read: opening them writes nothing (the background jobs, as "system", may); but
    // who took a copy of the whole database (the office page's backup link) is recorded
    const wrote = sqlite(join(s.dir, 'loket.db'), `SELECT action || ' ' || object FROM audit WHERE id > ${head} AND actor <> 'system'`
      + " AND action <> 'office.backup' ORDER BY id").stdout.trim();
    if (wrote) bad.push(`${role}: opening ${seen.size} pages wrote the audit log: ${wrote.split('\n').join('; ')}`);
  }
  assert.deepEqual(bad, []);
});
