// No page of the web interface links to nowhere or fails: an office with a little of everything
// (a case of each of the ten procedures, each opened as its desk opens it, a training, an entry
// of each register, a directory entry, an article, an absence, a portal ticket), then, signed in
// as each role and in both languages (Indonesian by default, English by ?lang=en), every
// same-origin link of the HTML followed from / breadth first (GET only; signing out left out;
// 16 of each shape of address — every case, not every month of a calendar —, at most 600 pages
// per role and language; a download fetched once, not read); and the public portal, signed in
// as no one, from /portal, a ticket's page and /. For each page: no 5xx, and no 4xx for a link a
// page offered (a 404 is a link to nowhere; a 403, a link shown to a role that may not follow it);
// an HTML page has <html lang="…"> in its language, a <title>, no template marker left ("{{",
// "%s", "(null)"), no empty href and no link to a place (#id) the page has not; a form it shows
// goes to a route of its method that the role may use (not sent, but a GET form — a search, a
// report's period — is followed as it stands, as a link). The sanitizers (LOKET_BIN=build/asan/loket)
// must find nothing. LOKET_CRAWL_COUNTS=1 prints the pages read per role and language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, routeTable, routeFits, finishPhoneCase } from './lib.mjs';

const PASSWORD = 'crawl-password-2026';
const MAX_PAGES = 600;   // per role and language (the administrator reaches about 400)
const PER_SHAPE = 16;    // addresses of one shape (digits and query values aside) followed: every case, not every month

let s, token, roles, routes, permissions, ticketPage, cases;
const api = (method, path, body) => request(s.url, method, path, { token, body });
const created = (r, what) => assert.equal(r.status, 201, `${what}: ${r.status} ${r.text}`);

before(async () => {
  s = await startServer();
  token = await login(s.url);
  ({ roles, routes, permissions } = routeTable());
  for (const role of roles) if (role !== 'admin') addUser(s.dir, `crawl_${role}`, role, PASSWORD);
  const requester = { name: 'Siti Rahayu', nik: '3325015203850001', email: 'siti.rahayu@example.go.id', phone: '081234567890', org_name: 'CV Maju Bersama' };
  // the ten procedures, each as its desk opens it
  const training = await api('POST', '/api/v1/trainings', {
    title: 'Pelatihan SPSE bagi penyedia', audience: ['penyedia'], capacity: 10, venue: 'Ruang pelatihan LPSE',
    facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'], budget: [{ item: 'Konsumsi', amount: 1500000 }],
    sessions: [{ title: 'Pendaftaran', starts_at: '2099-02-16 08:00', ends_at: '2099-02-16 12:00' }] });
  created(training, 'BTG-005 (a training)');
  // and one approved, on the portal (a plan is not)
  const approved = await api('POST', '/api/v1/trainings', {
    title: 'Pelatihan SPSE bagi pokja', audience: ['pokja'], capacity: 10, venue: 'Ruang pelatihan LPSE',
    facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'], budget: [{ item: 'Konsumsi', amount: 1000000 }],
    sessions: [{ title: 'Pengenalan', starts_at: '2099-03-16 08:00', ends_at: '2099-03-16 12:00' }] });
  created(approved, 'a second training');
  const ok = await api('POST', `/api/v1/trainings/${approved.json.id}/approve`, {});
  assert.equal(ok.status, 200, ok.text);
  created(await api('POST', '/api/v1/bidding-room', { name: 'Rudi Hartono', organisation: 'CV Jaya Abadi' }), 'BTG-006 (the bidding room)');
  const call = await api('POST', '/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE', requester });
  created(call, 'BTG-017 (a call)');
  await finishPhoneCase(s.url, token, call.json.number);   // and a case closed
  created(await api('POST', '/api/v1/directory', { kind: 'person', name: 'Dewi Lestari', nip: '198203142006042002', email: 'dewi@batangkab.go.id' }), 'a person');
  created(await api('POST', '/api/v1/accounts', { user_id: 'dewi.ppk', kind: 'ppk', holder: '198203142006042002', sk_number: 'SK-027/DISDIK/2025',
    valid_from: '2025-01-02', valid_until: '2099-12-31' }), 'an SPSE account');
  created(await api('POST', '/api/v1/account-requests', { kind: 'deactivate', channel: 'letter', user_id: 'dewi.ppk', name: 'Dewi Lestari',
    email: 'dewi@batangkab.go.id', agency: 'Dinas Pekerjaan Umum', docs: ['letter'] }), 'BTG-019 (an account deactivated)');
  created(await api('POST', '/api/v1/cases', { sop: 'OI-01', channel: 'walk_in', subject: 'Verifikasi penyedia', requester }), 'OI-01 (a provider verified)');
  const guest = await api('POST', '/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', purpose: 'Lupa kata sandi' });
  created(guest, 'the guest book');
  created(await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: guest.json.id }), 'OI-02 (a walk-in)');
  created(await api('POST', '/api/v1/account-requests', { kind: 'pokja', channel: 'letter', name: 'Yusuf Hidayat', nip: '198811202010011004',
    agency: 'Dinas Pendidikan dan Kebudayaan', email: 'yusuf@batangkab.go.id', sk_number: 'SK-11/POKJA/2026', docs: ['letter', 'personal_data'] }), 'OI-03 (a pokja account)');
  created(await api('POST', '/api/v1/account-requests', { kind: 'ppk', channel: 'letter', name: 'Ahmad Fauzi', nip: '198001012005011001',
    agency: 'Dinas Kesehatan', email: 'ahmad@batangkab.go.id', sk_number: 'SK-12/PPK/2026', docs: ['letter'] }), 'OI-04 (a PPK account)');
  created(await api('POST', '/api/v1/account-requests', { kind: 'forgotten', channel: 'letter', lookup: '197905052006041002', name: 'Rina Wati',
    email: 'rina@batangkab.go.id', docs: ['letter'] }), 'OI-05 (a forgotten user ID)');
  const rhs = await api('POST', '/api/v1/rhs', { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2' } });
  created(rhs, 'OI-06 (an .rhs file)');
  const number = rhs.json.case.number;
  created(await api('POST', `/api/v1/cases/${number}/notes`, { body: 'Sudah ditelepon' }), 'a note');
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
    + 'trailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')]), 'Surat permohonan.pdf');
  const file = await fetch(`${s.url}/api/v1/cases/${number}/attachments`, { method: 'POST', body: fd, headers: { Authorization: `Bearer ${token}` } });
  assert.equal(file.status, 201, 'an attachment');
  const cancelled = await api('POST', '/api/v1/cases', { sop: 'OI-02', channel: 'email', subject: 'Salah kirim', requester });
  created(cancelled, 'a case to cancel');
  assert.equal((await api('POST', `/api/v1/cases/${cancelled.json.number}/cancel`, { reason: 'Salah kirim' })).status, 200, 'a case cancelled');
  // a portal ticket (OI-02 from the portal), an entry of each register, the directory, an article, an absence
  const ticket = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Budi Santoso', email: 'budi@example.co.id', subject: 'Tidak bisa login', description: 'Akun terkunci sejak kemarin.' } });
  created(ticket, 'a portal ticket');
  ticketPage = new URL(ticket.json.track_url, s.url).pathname;
  const agenda = await api('POST', '/api/v1/registers/agenda', { letter_no: '027/115/PU/2026', letter_date: '2026-01-02', sender: 'Dinas Pekerjaan Umum', subject: 'Permohonan akun', case_number: number });
  created(agenda, 'the agenda book');
  created(await api('POST', '/api/v1/registers/disposition', { case_number: number, to_role: 'helpdesk', instruction: 'Proses', due_at: '2099-01-05' }), 'a disposition');
  created(await api('POST', '/api/v1/registers/consultation', { name: 'Rina', organisation: 'PT Sinar', contact: 'rina@sinar.example.co.id', question: 'Cara enkripsi?', answer: 'Dengan aplikasi SPSE' }), 'a consultation');
  created(await api('POST', '/api/v1/registers/handover', { items: 'Surat permohonan\nFotokopi KTP', from_name: 'Andi', to_name: 'Sari', case_number: number }), 'a handover');
  created(await api('POST', '/api/v1/registers/archive', { title: 'Berkas 2015', location: 'Lemari A', retain_until: '2020-01-01' }), 'the archive');
  created(await api('POST', '/api/v1/directory', { kind: 'org', org_type: 'agency', name: 'Dinas Pendidikan', email: 'disdik@batangkab.go.id' }), 'the directory');
  created(await api('POST', '/api/v1/kb', { title: 'Lupa kata sandi akun SPSE', body: 'Pilih Lupa Password.', category: 'Akun', status: 'published' }), 'an article');
  addUser(s.dir, 'crawl_helpdesk2', 'helpdesk', PASSWORD);
  created(await api('POST', '/api/v1/users/crawl_helpdesk/absences', { from: '2099-03-02', to: '2099-03-06', kind: 'cuti', replacement: 'crawl_helpdesk2' }), 'an absence');
  const list = await api('GET', '/api/v1/cases?limit=100');
  cases = list.json.cases.map((c) => c.number);
  assert.equal(new Set(list.json.cases.map((c) => c.sop)).size, 10, 'a case of each of the ten procedures');
});
after(async () => {
  if (!s) return;
  const st = await s.stop();
  assert.doesNotMatch(st.stderr, /AddressSanitizer|LeakSanitizer|runtime error/, 'the sanitizers found nothing');
});

// Addresses not followed: signing out, the static files, and addresses of another site.
const skip = (href) => /^\/(keluar|logout|static)\b/.test(href) || /^\/\//.test(href);
// A download (no page of links): fetched once, not read for links.
const download = (href) => /[?&]format=|\.(pdf|xlsx|csv|svg|png|eml|zip)(\?|$)|\/lampiran\/\d|\/ekspor\b|\/backup\b/.test(href);
// Addresses alike but for their numbers and query values.
const shapeOf = (href) => href.replace(/\d+/g, 'N').replace(/\?.*$/, (q) => q.replace(/=[^&]*/g, ''));
// An address without its lang= parameter (the language is the crawl's), and with it.
const bare = (href) => href.replace(/([?&])lang=[a-z]*(&|$)/, (m, a, b) => (b ? a : '')).replace(/[?&]$/, '');
const withLang = (href, lang) => (lang === 'en' ? href + (href.includes('?') ? '&' : '?') + 'lang=en' : href);
const unescape = (v) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

// The route a request goes to (the literal one before one of parameters), or undefined.
const routeOf = (method, path) => routes.filter((r) => r.method === method && routeFits(r.path, path))
  .sort((a, b) => a.path.split(':').length - b.path.split(':').length)[0];
// May a caller of role (null: no one signed in) use a route of perm?
const allowed = (role, perm) => perm === 'public' || (role !== null && (perm === 'login' || (permissions[perm] || []).includes(role)));

// The query a GET form's fields make as they stand (each named input's value, a select's chosen
// option, a textarea's text; a box not ticked left out), '?…' or ''.
function formQuery(body) {
  const q = new URLSearchParams();
  const attr = (attrs, n) => { const a = attrs.match(new RegExp(`(?:^|\\s)${n}(?:="([^"]*)")?(?=[\\s/]|$)`)); return a ? unescape(a[1] ?? '') : undefined; };
  for (const [, attrs] of body.matchAll(/<input\b([^>]*)>/g)) {
    const name = attr(attrs, 'name'), type = attr(attrs, 'type') || 'text';
    if (!name || type === 'submit' || type === 'button' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && attr(attrs, 'checked') === undefined) continue;
    q.append(name, attr(attrs, 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
  }
  for (const [, attrs, inner] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const opts = [...inner.matchAll(/<option\b([^>]*)>([^<]*)/g)];
    const o = opts.find((x) => /\bselected\b/.test(x[1])) || opts[0];
    if (attr(attrs, 'name') && o) q.append(attr(attrs, 'name'), attr(o[1], 'value') ?? unescape(o[2]));
  }
  for (const [, attrs, text] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    if (attr(attrs, 'name')) q.append(attr(attrs, 'name'), unescape(text));
  }
  const t = q.toString();
  return t ? `?${t}` : '';
}

// Crawl from the addresses starts as get (a session's or anonymous, role null) in lang:
// {pages, left, seen, problems}. A form on a page is not sent: its action must be a route of its
// method that the role may use.
async function crawl(get, role, starts, lang) {
  const who = role || 'anonymous', forms = new Set();
  const seen = new Set(starts), shapes = new Map(), queue = starts.map((p) => [p, '(start)']), problems = [];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES) {
    const [path, from] = queue.shift();
    const r = await get(withLang(path, lang));
    pages++;
    const where = `${who} ${lang}: ${path} (linked from ${from})`;
    if (r.status >= 400) { problems.push(`${where} answers ${r.status}`); continue; }
    const links = [];
    if (r.status >= 300 && r.status < 400) {
      const loc = r.headers.get('location') || '';
      if (loc.startsWith('/')) links.push(loc);
      else if (loc.startsWith(s.url + '/')) links.push(loc.slice(s.url.length));
    }
    const type = r.headers.get('content-type') || '';
    if (r.status === 200 && /text\/html/.test(type)) {
      const html = r.text;
      const htmlLang = (html.match(/<html[^>]* lang="([^"]*)"/) || [])[1];
      if (htmlLang !== lang) problems.push(`${where}: <html lang="${htmlLang}">, not "${lang}"`);
      if (!/<title>[^<]*\S[^<]*<\/title>/.test(html)) problems.push(`${where}: no <title>`);
      for (const marker of ['{{', '%s', '(null)']) if (html.includes(marker)) {
        const i = html.indexOf(marker);
        problems.push(`${where}: "${marker}" in the page: …${html.slice(Math.max(0, i - 60), i + 40).replace(/\s+/g, ' ')}…`);
      }
      for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
        const raw = unescape(m[1]);
        if (raw === '') { problems.push(`${where}: a link with an empty href`); continue; }
        if (raw.startsWith('#')) {   // a place on the page: an element of that id
          if (raw.length > 1 && !html.includes(`id="${raw.slice(1)}"`)) problems.push(`${where}: a link to ${raw}, which the page has not`);
          continue;
        }
        const u = new URL(raw, s.url + path);
        if (u.origin === s.url) links.push(u.pathname + u.search);
      }
      for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
        const method = ((m[1].match(/\bmethod="([^"]*)"/) || [])[1] || 'get').toUpperCase();
        const u = new URL(unescape((m[1].match(/\baction="([^"]*)"/) || [])[1] || ''), s.url + path);
        const key = `${method} ${shapeOf(u.pathname)}`;
        if (u.origin !== s.url || forms.has(key)) continue;
        forms.add(key);
        const route = routeOf(method, u.pathname);
        if (!route) problems.push(`${where}: a form sent to ${method} ${u.pathname}, which no route answers`);
        else if (!allowed(role, route.perm)) problems.push(`${where}: a form sent to ${method} ${u.pathname}, which needs ${route.perm}`);
        else if (method === 'GET') links.push(u.pathname + formQuery(m[2]));   // a search sent as it stands: read as a link
      }
    }
    for (let href of links) {
      href = bare(href);
      if (skip(href) || seen.has(href)) continue;
      seen.add(href);
      const shape = shapeOf(href);
      if ((shapes.get(shape) || 0) >= PER_SHAPE) continue;
      shapes.set(shape, (shapes.get(shape) || 0) + 1);
      if (download(href)) {
        const d = await get(withLang(href, lang));
        if (d.status >= 400) problems.push(`${who} ${lang}: ${href} (linked from ${path}) answers ${d.status}`);
        continue;
      }
      queue.push([href, path]);
    }
  }
  return { pages, left: queue.length, seen, problems };
}

const counts = [];

test('every page each role reaches from /, in Indonesian and in English, answers and is whole', async () => {
  const problems = [];
  for (const role of roles) {
    let web;
    try {
      web = await webSession(s.url, role === 'admin' ? 'admin' : `crawl_${role}`, role === 'admin' ? undefined : PASSWORD);
    } catch (err) {
      problems.push(`${role}: cannot sign in on the pages (${err.message})`);
      continue;
    }
    for (const lang of ['id', 'en']) {
      const c = await crawl(web.get, role, ['/'], lang);
      counts.push(`${role}/${lang}: ${c.pages}`);
      problems.push(...c.problems);
      if (c.left) problems.push(`${role} ${lang}: ${c.left} links left unread after ${MAX_PAGES} pages`);
      if (role === 'admin') {
        assert.ok(c.pages > 300, `the administrator reaches only ${c.pages} pages`);
        const unseen = cases.filter((n) => !c.seen.has(`/kasus/${n}`));
        assert.deepEqual(unseen, [], 'the administrator reaches every case\'s page');
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the public portal and a ticket\'s page, signed in as no one, in Indonesian and in English', async () => {
  const problems = [];
  // a visitor: no cookie kept
  const get = async (path) => {
    const res = await fetch(s.url + path, { redirect: 'manual' });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  for (const lang of ['id', 'en']) {
    const c = await crawl(get, null, ['/portal', ticketPage, '/'], lang);
    counts.push(`anonymous/${lang}: ${c.pages}`);
    problems.push(...c.problems);
    assert.ok(c.pages >= 3, `the portal shows only ${c.pages} pages`);
  }
  assert.deepEqual(problems, []);
});

after(() => { if (process.env.LOKET_CRAWL_COUNTS) console.log(`# crawled ${counts.join(', ')}`); });
