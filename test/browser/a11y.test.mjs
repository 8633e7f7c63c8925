// Browser test: the accessibility of every screen, checked by axe-core (WCAG 2.1 A and AA rules).
// Admin signs in; a little realistic data is made first (a case that went a step, trainings, a
// portal ticket, verification days booked through the API and the portal's form, register entries,
// an account request, a call picked up at the phone desk); then every staff page reachable from the
// menus and from the pages themselves is visited (the form of each procedure, each register, the
// cases, the training, the verification, the account pages), and every public page of the portal,
// in Indonesian and in English, on a desktop and (Indonesian) on a phone. On each, with every
// <details> opened, axe finds no violation of impact "serious" or "critical"; the forms sent empty
// come back with errors that pass too. The keyboard's focus is drawn on every control it reaches.
// No rule is disabled. axe's best-practice rules are run and counted in the diagnostics, not failed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, LAUNCH, signIn, staffServer } from './lib.mjs';
import { login, ADMIN_PASSWORD, routeTable, routeFits, sqlite } from '../int/lib.mjs';

const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// addresses not pages: downloads, files, printouts as PDF, the sign-out, the API
const SKIP = /\.(pdf|svg|csv|xlsx|png|ics)(\?|$)|^\/(static|api|metrics|healthz)\/?|\/(ekspor|lampiran|berkas)(\/|$)|\/keluar$/;
// patterns whose every address is a page of its own (each procedure, register, recap); others are
// visited at most twice for each set of query keys
const EACH = ['/kasus/baru', '/prosedur/:code', '/register/:register', '/laporan/rekap/:recap', '/prosedur/:code/:part'];
const MAX_PAGES = 400;

let s, browser, admin, routes;
const made = {};

before(async () => {
  let api;
  ({ s, admin, api } = await staffServer());
  await api('POST', '/kb', { title: 'Lupa kata sandi (password) akun SPSE', body: 'Pilih Lupa Password pada halaman masuk SPSE.', category: 'Akun', status: 'published' });
  // a case of a procedure with a few steps, two of them done, a note on the way
  const k = await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tidak bisa membuka tender',
    requester: { name: 'Wati Susilo', email: 'wati@example.com' } });
  made.case = k.number;
  await api('POST', `/cases/${k.number}/steps/1`, { outcome: 'done' });
  await api('POST', `/cases/${k.number}/notes`, { body: 'Sudah ditanyakan ke LKPP.' });
  // a training on the portal, approved
  const t = await api('POST', '/trainings', { title: 'Training SPSE 4.5 bagi penyedia', audience: ['penyedia'], capacity: 20,
    venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'], portal: true, sessions: [
      { title: 'Pendaftaran dan penawaran', starts_at: '2026-12-01 08:00', ends_at: '2026-12-01 12:00' }] });
  made.training = t.id;
  await api('POST', `/trainings/${t.id}/approve`);
  // a provider registered for it on the portal, whose confirmation link came by e-mail
  await api('POST', `/portal/trainings/${t.id}/register`, { name: 'Siti Aminah', agency: 'CV Maju Jaya', role: 'penyedia', email: 'siti@majujaya.co.id' }, undefined);
  // another training still a draft, open to edits
  await api('POST', '/trainings', { title: 'Training PPK: e-purchasing', audience: ['ppk'], capacity: 15, venue: 'Aula', trainers: ['Rina'],
    sessions: [{ title: 'Katalog elektronik', starts_at: '2026-12-03 08:00', ends_at: '2026-12-03 12:00' }] });
  // a period of other office hours, a provider in the bidding room, a bid file that will not open
  await api('POST', '/calendar/periods', { name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09', hours: ['1-4 08:00-15:00', '5 08:00-15:30'] });
  await api('POST', '/bidding-room', { name: 'Rudi Hartono', organisation: 'CV Jaya Abadi' });
  made.rhs = (await api('POST', '/rhs', { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2' } })).case.number;
  // another bid file, opened at the LPSE: its written statement, a page to print
  const rhs = (await api('POST', '/rhs', { tender_code: '10012346', provider: 'CV Cerah', requester: { name: 'Pokja 6' } })).case.number;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(1000).fill(66)]), 'penawaran.rhs');
  const up = await fetch(`${s.url}/api/v1/rhs/${rhs}/files`, { method: 'POST', headers: { Authorization: `Bearer ${admin}` }, body: fd });
  assert.equal(up.status, 201, await up.text());
  await api('POST', `/rhs/${rhs}/test`, { opened: true, causes: [] });
  made.statement = `/rhs/${rhs}/pernyataan`;
  // a provider verified at the counter: the card's page its QR code leads to
  const v = await api('POST', '/verifications', { company: 'PT Sinar Terang', npwp: '02.345.678.9-012.000', nib: '9120009876543', email: 'sinar@terang.co.id',
    phone: '0813 1111 2222', contact: 'Joko Widodo', spse_user: 'sinarterang', registered_on: '2026-11-02' });
  await api('POST', `/verifications/${v.id}/arrive`);
  await api('POST', `/verifications/${v.id}/agenda`);
  const items = (await api('POST', `/verifications/${v.id}/registration`, { address: 'Jl. Merdeka 1, Batang', deed: 'Akta No. 12', director: 'Joko Widodo' })).items;
  await api('POST', `/verifications/${v.id}/documents`, { items: items.map((i) => ({ no: i.no, present: true, matches: true })) });
  await api('POST', `/verifications/${v.id}/approve`);
  made.card = new URL((await api('POST', `/verifications/${v.id}/card`)).card.url).pathname;
  // a question asked on the portal, followed by its private link
  const q = await api('POST', '/portal/tickets', { name: 'Nina Kartika', email: 'nina@cvmaju.co.id', subject: 'Jadwal tender', description: 'Kapan dibuka?' }, undefined);
  made.ticket = q.token;
  // a verification day booked on the portal
  await api('POST', '/portal/verification/appointments', { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567',
    email: 'direktur@majujaya.co.id', phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02', day: '2026-11-17' }, undefined);
  // a guest at the counter, whose walk-in case the registers follow
  const g = await api('POST', '/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar Abadi', phone: '081234567890',
    purpose: 'Tanya cara daftar akun penyedia' });
  made.walkIn = (await api('POST', '/helpdesk/walk-in', { guest_id: g.id })).number;
  await api('POST', '/registers/agenda', { letter_no: '027/101/PU/2026', letter_date: '2026-11-12', sender: 'Dinas Pekerjaan Umum',
    subject: 'Permohonan penonaktifan akun PPK' });
  await api('POST', '/registers/disposition', { case_number: made.walkIn, to_role: 'admin_agency', instruction: 'Proses penonaktifan akun', due_at: '2026-11-20T16:00' });
  await api('POST', '/registers/handover', { items: 'Surat permohonan', from_name: 'Andi (Dinas PU)', to_name: 'Sari (Helpdesk)', case_number: made.walkIn });
  await api('POST', '/registers/archive', { case_number: made.walkIn, title: 'Berkas permohonan akun', location: 'Lemari A', retain_until: '2031-12-31' });
  // an SPSE account made (SOP OI-04): its one-time credential link
  const desk = await login(s.url, 'rina', 'rina-password-1');
  const req = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Dewi Lestari', nip: '198203142006042002',
    rank: 'Penata Muda / III a', position: 'PPK Dinas Pendidikan', agency: 'Dinas Pendidikan', email: 'dewi@batangkab.go.id', phone: '081311112222',
    sk_number: 'SK-027/DISDIK/2026', valid_from: '2026-01-02', valid_until: '2026-12-31', docs: ['letter', 'decree', 'personal_data'],
    letter_no: '800/112/DISDIK/2026', letter_date: '2026-11-12' }, desk);
  made.request = req.id;
  await api('POST', `/account-requests/${req.id}/check`, {}, desk);
  await api('POST', `/account-requests/${req.id}/approve`, { approve: true }, await login(s.url, 'pak-ketua', 'pengarah-password-1'));
  // the links that went by e-mail: the training's confirmation, the verification day's page
  const mail = sqlite(join(s.dir, 'loket.db'), "SELECT body FROM outbox ORDER BY id").stdout;
  made.mailed = [...new Set(mail.match(/\/portal\/(pelatihan\/konfirmasi|verifikasi\/janji|verifikasi\/batal)\/[0-9a-zA-Z-]+/g) || [])];
  made.credential = (await api('POST', `/account-requests/${req.id}/execute`, { user_id: 'dewi.ppk' }, await login(s.url, 'agus', 'agus-password-1'))).link;
  routes = routeTable().routes.filter((r) => r.method === 'GET').map((r) => r.path);
  browser = await chromium.launch(LAUNCH);
  // a day booked through the portal's form: its page, whose address the provider keeps
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  await page.goto(s.url + '/portal/verifikasi');
  await page.getByLabel('Nama perusahaan').fill('PT Karya Mandiri');
  await page.getByLabel('NPWP perusahaan').fill('023456789012000');
  await page.getByLabel('Nama yang datang').fill('Rudi Hartono');
  await page.getByLabel('E-mail').fill('rudi@karyamandiri.co.id');
  await page.getByLabel('Tanggal pendaftaran online').fill('2026-11-10');
  await Promise.all([page.waitForURL(/\/portal\/verifikasi\/janji\//), page.getByRole('button', { name: 'Pesan jadwal', exact: true }).click()]);
  made.booked = new URL(page.url()).pathname;
  // a call picked up at the phone desk: its page, with the caller lookup and the consultation form
  await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
  await page.goto(s.url + '/telepon/baru');
  await Promise.all([page.waitForURL(/\/telepon\/panggilan\/\d+/), page.getByRole('button', { name: 'Angkat', exact: true }).click()]);
  made.call = new URL(page.url()).pathname;
  await ctx.close();
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// The route pattern an address belongs to, with its query's keys: two addresses of one key are
// the same page with other data.
function key(path) {
  const [p, q] = path.split('?');
  const fits = routes.filter((r) => routeFits(r, p));
  // the most literal pattern wins (/kasus/baru over /kasus/:number)
  fits.sort((a, b) => (b.match(/\/[^:]/g) || []).length - (a.match(/\/[^:]/g) || []).length);
  const pattern = fits[0] || p;
  const keys = q ? [...new URLSearchParams(q).keys()].filter((k) => k !== 'lang').sort().join('&') : '';
  return { pattern, key: keys ? `${pattern}?${keys}` : pattern };
}

// The WCAG 2.1 A/AA violations of impact serious or critical on the page shown, each as
// "rule: target (what is wrong)"; and every violation's rule id with its impact, to count (axe's
// best-practice rules among them, counted but not failed: they are no WCAG criterion).
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  // what a click would show is checked too: every <details> opened (the menu's "More", folded forms)
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const res = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: [...tags, 'best-practice'] }, resultTypes: ['violations'] }), TAGS);
  const bad = [], all = [];
  for (const v of res.violations) {
    const wcag = v.tags.some((t) => TAGS.includes(t));
    all.push({ id: wcag ? v.id : `${v.id}, best practice`, impact: v.impact, n: v.nodes.length });
    if (!wcag || (v.impact !== 'serious' && v.impact !== 'critical')) continue;
    for (const n of v.nodes) bad.push(`${v.id} [${v.impact}]: ${n.target.join(' ')} — ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)} ${n.html.slice(0, 160)}`);
  }
  return { bad, all };
}

// Visit every page reachable from starts whose path passes keep, in the page's context, and
// run axe on each. The pages seen, the problems found (prefixed by the page), the count by rule.
async function crawl(page, starts, keep) {
  const seen = new Set(), perKey = new Map(), queue = [...starts], problems = [], rules = new Map();
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const k = key(path);
    const n = perKey.get(k.key) || 0;
    if (n >= (EACH.includes(k.pattern) ? 50 : 2)) continue;
    perKey.set(k.key, n + 1);
    // a file offered for download (a register's filled form, .docx) is no page
    const res = await page.goto(s.url + path).catch((e) => { if (/Download is starting/.test(e.message)) return 'download'; throw e; });
    if (res === 'download') continue;
    visited++;
    if (!res || res.status() >= 400) { problems.push(`${path}: HTTP ${res && res.status()}`); continue; }
    if (!(res.headers()['content-type'] || '').startsWith('text/html')) continue;
    const { bad, all } = await axe(page);
    problems.push(...bad.map((b) => `${path}: ${b}`));
    for (const v of all) rules.set(`${v.id} (${v.impact})`, (rules.get(`${v.id} (${v.impact})`) || 0) + v.n);
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const href of links) {
      const u = new URL(href);
      if (u.origin !== new URL(s.url).origin) continue;
      const p = u.pathname + u.search;
      if (SKIP.test(u.pathname) || !keep(u.pathname) || seen.has(p)) continue;
      queue.push(p);
    }
  }
  const patterns = new Set([...perKey.keys()].map((k) => k.split('?')[0]));
  return { visited, problems, rules, patterns, keep };
}

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// A fresh browser in lang (id or en), signed in as admin when staff; a desktop's window unless told.
async function context(lang, staff, device = DESKTOP) {
  const ctx = await browser.newContext({ ...device, locale: lang === 'en' ? 'en-US' : 'id-ID' });
  const page = await ctx.newPage();
  if (staff) await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
  await ctx.addCookies([{ name: 'loket_lang', value: lang, url: s.url }]);
  return { ctx, page };
}

// the pages only a fixture of their own leads to: each crawl must have reached them
const MUST = {
  staff: ['/rhs/:number/pernyataan', '/prosedur/:code/:part', '/prosedur/:code/:part/:rest'],
  public: ['/kartu/:code', '/portal/verifikasi/batal/:token'],
};
const unreached = (r, which) => MUST[which].filter((p) => !r.patterns.has(p));

const summary = (what, r) => `${what}: ${r.visited} pages of ${r.patterns.size} routes; rules broken (nodes): ${JSON.stringify(Object.fromEntries(r.rules))}; `
  + `routes not reached: ${routes.filter((p) => !r.patterns.has(p) && !SKIP.test(p) && r.keep(p)).join(' ')}`;

const STAFF_START = () => ['/', '/tugas', '/kasus/baru', `/kasus/${made.case}`, `/kasus/${made.walkIn}`, `/rhs/${made.rhs}`, '/register', `/pelatihan/${made.training}`,
  '/verifikasi', `/permohonan-akun/${made.request}`, '/akun', '/akun-spse', '/pemberitahuan', '/pengguna/baru', '/kb/baru', '/pelatihan/baru', '/telepon/baru', made.call,
  made.statement, `/prosedur/${encodeURIComponent('SOP 02')}/LPSE.OI/2012`, `/prosedur/${encodeURIComponent('SOP 06/LPSE')}/2012`];
const STAFF = (p) => !p.startsWith('/portal') && !p.startsWith('/kredensial') && !p.startsWith('/kartu/') && p !== '/masuk';
const PUBLIC_START = () => ['/masuk', '/portal', '/portal/kirim', '/portal/lacak', '/portal/faq', '/portal/pelatihan', `/portal/pelatihan/${made.training}/daftar`,
  '/portal/verifikasi', '/portal/akun', `/portal/t/${made.ticket}`, new URL(made.credential, s.url).pathname, made.booked, ...made.mailed, made.card];
const PUBLIC = (p) => p.startsWith('/portal') || p.startsWith('/kredensial') || p.startsWith('/kartu/') || p === '/masuk';

// on a phone the tables stack, the menu folds, the colours are the same: the pages again, in Indonesian
test('every staff and public page on a phone: no serious or critical WCAG 2.1 A/AA violation', async (t) => {
  const staff = await context('id', true, PHONE), pub = await context('id', false, PHONE);
  try {
    const a = await crawl(staff.page, STAFF_START(), STAFF);
    const b = await crawl(pub.page, PUBLIC_START(), PUBLIC);
    t.diagnostic(summary('staff on a phone', a));
    t.diagnostic(summary('public on a phone', b));
    assert.deepEqual([...unreached(a, 'staff'), ...unreached(b, 'public')], []);
    assert.deepEqual([...a.problems, ...b.problems], []);
  } finally {
    await staff.ctx.close();
    await pub.ctx.close();
  }
});

for (const lang of ['id', 'en']) {
  test(`every staff page in ${lang === 'id' ? 'Indonesian' : 'English'}: no serious or critical WCAG 2.1 A/AA violation`, async (t) => {
    const { ctx, page } = await context(lang, true);
    try {
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
      await page.goto(s.url + '/');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const r = await crawl(page, STAFF_START(), STAFF);
      t.diagnostic(summary('staff', r));
      assert.ok(r.visited > 60, `only ${r.visited} pages reached`);
      assert.deepEqual(unreached(r, 'staff'), []);
      assert.deepEqual(r.problems, []);
    } finally {
      await ctx.close();
    }
  });

  test(`every public page in ${lang === 'id' ? 'Indonesian' : 'English'}: no serious or critical WCAG 2.1 A/AA violation`, async (t) => {
    const { ctx, page } = await context(lang, false);
    try {
      const r = await crawl(page, PUBLIC_START(), PUBLIC);
      t.diagnostic(summary('public', r));
      assert.ok(r.visited > 10, `only ${r.visited} pages reached`);
      assert.deepEqual(unreached(r, 'public'), []);
      assert.deepEqual(r.problems, []);
    } finally {
      await ctx.close();
    }
  });
}

// The forms sent empty (the browser's own checks left out) come back with their errors: the
// pages as they are then, errors beside their fields, pass axe too.
const FORMS = { staff: () => [`/kasus/baru?sop=${encodeURIComponent('SOP 02/LPSE.OI/2012')}`, '/pengguna/baru', '/kb/baru', '/pelatihan/baru', '/telepon/baru', '/akun',
  '/verifikasi', '/permohonan-akun', '/register/agenda', '/kalender'],
public: () => ['/masuk', '/portal/kirim', '/portal/lacak', '/portal/verifikasi', `/portal/pelatihan/${made.training}/daftar`, '/portal/akun'] };

// Send the biggest form of the page at path empty; the problems axe finds on the answer.
async function sentEmpty(page, path) {
  await page.goto(s.url + path);
  const sent = await page.evaluate(() => {
    const forms = [...document.querySelectorAll('main form')].filter((f) => f.method === 'post');
    if (!forms.length) return false;
    const f = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
    f.noValidate = true;
    for (const e of f.elements) {
      if (e.type === 'hidden' || e.type === 'submit' || e.type === 'button') continue;
      if (e.type === 'checkbox' || e.type === 'radio') e.checked = false;
      else if (e.tagName !== 'SELECT') e.value = '';
    }
    return true;
  });
  assert.ok(sent, `${path}: a form to send`);
  await Promise.all([page.waitForNavigation(), page.evaluate(() => {
    const f = [...document.querySelectorAll('main form')].filter((x) => x.method === 'post').sort((a, b) => b.elements.length - a.elements.length)[0];
    f.requestSubmit(f.querySelector('button[type=submit], button:not([type]), input[type=submit]') || undefined);
  })]);
  const errors = await page.locator('.field-error, .notice.error, [aria-invalid=true]').count();
  const { bad } = await axe(page);
  return { errors, bad: bad.map((b) => `${path} sent empty: ${b}`) };
}

for (const lang of ['id', 'en']) {
  test(`forms sent empty come back with their errors, accessible (${lang})`, async (t) => {
    const staff = await context(lang, true), pub = await context(lang, false);
    try {
      const bad = [];
      let errors = 0;
      for (const path of FORMS.staff()) { const r = await sentEmpty(staff.page, path); bad.push(...r.bad); errors += r.errors > 0; }
      for (const path of FORMS.public()) { const r = await sentEmpty(pub.page, path); bad.push(...r.bad); errors += r.errors > 0; }
      t.diagnostic(`${errors} of ${FORMS.staff().length + FORMS.public().length} forms came back with their errors shown`);
      assert.ok(errors >= 12, `only ${errors} forms came back with errors shown`);
      assert.deepEqual(bad, []);
    } finally {
      await staff.ctx.close();
      await pub.ctx.close();
    }
  });
}

// Tab through the page shown, up to n stops: each control reached that draws no ring of 2 px at
// least, of a colour 3:1 against what is behind it (WCAG 2.4.7, 1.4.11), as "tag text: why".
async function unseenFocus(page, n) {
  const bad = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((a, v, k) => a + v * [0.2126, 0.7152, 0.0722][k], 0);
      // the colour behind the ring: the first ancestor's own background that is not transparent
      let p = e.parentElement, bg = [255, 255, 255];
      for (; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length === 3 || c[3] > 0) { bg = c; break; }
      }
      const cs = getComputedStyle(e);
      const [l1, l2] = [lum(rgb(cs.outlineColor)), lum(bg)].sort((a, b) => b - a);
      return { id: `${e.tagName.toLowerCase()} ${(e.id || e.name || e.innerText || '').trim().slice(0, 30)}`, style: cs.outlineStyle,
        width: parseFloat(cs.outlineWidth), contrast: (l1 + 0.05) / (l2 + 0.05) };
    });
    if (!f || seen.has(f.id)) continue;
    seen.add(f.id);
    if (f.style === 'none' || f.width < 2) bad.push(`${f.id}: ring ${f.style} ${f.width}px`);
    else if (f.contrast < 3) bad.push(`${f.id}: ring ${f.contrast.toFixed(2)}:1 against its background`);
  }
  return { bad, stops: seen.size };
}

test('the keyboard\'s focus is drawn on every control, staff and public pages', async () => {
  const { ctx, page } = await context('id', true);
  const pub = await context('id', false);
  try {
    const bad = [];
    let stops = 0;
    for (const [p, path] of [[page, '/'], [page, `/kasus/baru?sop=${encodeURIComponent('SOP 02/LPSE.OI/2012')}`], [page, `/kasus/${made.case}`], [page, '/akun'], [page, '/helpdesk'],
      [page, '/kalender'], [page, `/pelatihan/${made.training}`], [pub.page, '/masuk'], [pub.page, '/portal'], [pub.page, '/portal/kirim'], [pub.page, '/portal/verifikasi']]) {
      await p.goto(s.url + path);
      const r = await unseenFocus(p, 60);
      stops += r.stops;
      bad.push(...r.bad.map((b) => `${path}: ${b}`));
    }
    assert.ok(stops > 150, `only ${stops} controls reached by Tab`);
    assert.deepEqual(bad, []);
  } finally {
    await ctx.close();
    await pub.ctx.close();
  }
});
