// Every role sees on a case page only the links and forms it may use: each link and each form's
// action shown (on the case page, and on every page it links to that carries a form) is a route
// the role's permission reaches, per the route table (`loket routes --json`). A form shown to a
// role whose POST then answers 403 loses what was typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, routeTable } from './lib.mjs';

let s, token, number, table;
const numbers = [];
before(async () => {
  s = await startServer();
  token = await login(s.url);
  table = routeTable();
  // a walk-in's case: a guest-book entry (the Register card), an attachment, an escalation, a
  // hand-over, and a published article that matches its subject (the knowledge-base card)
  const api = (method, path, body) => request(s.url, method, path, { token, body });
  const g = await api('POST', '/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', purpose: 'Lupa kata sandi akun SPSE' });
  const w = await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 201, w.text);
  number = w.json.number;
  const fd = new FormData();
  fd.append('file', new Blob(['surat']), 'surat.txt');
  const up = await fetch(`${s.url}/api/v1/cases/${number}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
  assert.equal(up.status, 201);
  assert.equal((await api('POST', `/api/v1/cases/${number}/escalations`, { title: 'Lupa kata sandi', application: 'SPSE', type: 'permasalahan',
    description: 'Tidak bisa masuk', external_ticket: 'TTS-1' })).status, 201);
  assert.equal((await api('POST', `/api/v1/cases/${number}/handovers`, { party_kind: 'ulp', party_name: 'Pokja 3', due_days: 2 })).status, 201);
  assert.equal((await api('POST', '/api/v1/kb', { title: 'Lupa kata sandi akun SPSE', body: 'Pilih Lupa Password.', status: 'published' })).status, 201);
  // a bidding-room visit and an .rhs bid file: their own pages, linked from the case
  const b = await api('POST', '/api/v1/bidding-room', { name: 'Rudi Hartono', organisation: 'CV Jaya Abadi' });
  assert.equal(b.status, 201, b.text);
  const x = await api('POST', '/api/v1/rhs', { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2' } });
  assert.equal(x.status, 201, x.text);
  numbers.push(number, b.json.visit.case, x.json.case.number);
});
after(async () => { await s?.stop(); });

// Whether role may call method path (a query string and fragment ignored), as the server decides.
function reaches(role, method, href) {
  const path = href.replace(/[?#].*$/, '');
  const match = (pat) => new RegExp('^' + pat.replace(/:[^/]+/g, '[^/]+') + '$').test(path);
  const route = table.routes.find((r) => r.method === method && match(r.path));
  if (!route) return false;
  if (route.perm === 'public' || route.perm === 'login') return true;
  return (table.permissions[route.perm] || []).includes(role);
}

// The links and form actions of a page's main part: [{method, href}].
function targets(html, self) {
  const main = (html.match(/<main[^>]*>([\s\S]*)<\/main>/) || [])[1] || '';
  const out = [];
  for (const m of main.matchAll(/<a [^>]*href="([^"]+)"/g)) if (m[1].startsWith('/')) out.push({ method: 'GET', href: m[1].replace(/&amp;/g, '&') });
  for (const m of main.matchAll(/<form\b([^>]*)>/g)) {
    const method = (/method="(\w+)"/i.exec(m[1]) || [, 'get'])[1].toUpperCase();
    const action = (/action="([^"]*)"/.exec(m[1]) || [, self])[1].replace(/&amp;/g, '&');
    out.push({ method, href: action });
  }
  return out;
}

test('every role: each link and form on a case page, and on the form pages it links to, is one the role may use', async () => {
  const wrong = [];
  for (const role of table.roles) {
    addUser(s.dir, `u_${role}`, role, 'reach-password-2026');
    const web = await webSession(s.url, `u_${role}`, 'reach-password-2026');
    const check = (from, list) => {
      for (const t of list) if (!reaches(role, t.method, t.href)) wrong.push(`${role}: ${from} shows ${t.method} ${t.href}`);
    };
    const seen = new Set();
    for (const number of numbers) {
      const page = await web.get(`/kasus/${number}`);
      if (!reaches(role, 'GET', `/kasus/${number}`)) { assert.equal(page.status, 403, role); continue; }
      assert.equal(page.status, 200, `${role} ${number}`);
      const first = targets(page.text, `/kasus/${number}`);
      check(`/kasus/${number}`, first);
      for (const t of first) {
        const path = t.href.replace(/#.*$/, '');
        if (t.method !== 'GET' || seen.has(path) || !reaches(role, 'GET', path) || /\/lampiran\/|\.(pdf|svg|xlsx|csv)\b/.test(path)) continue;
        seen.add(path);
        const linked = await web.get(path);
        if (linked.status !== 200 || !/<form\b[^>]*method="post"/i.test(linked.text)) continue;
        check(path, targets(linked.text, path.replace(/\?.*$/, '')).filter((x) => x.method === 'POST'));
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('every role: the forms on each page it may open post to routes it may use', async () => {
  const pages = table.routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !/^\/(api|portal|static|healthz|metrics|masuk)\b/.test(r.path))
    .map((r) => r.path).concat(['/register/guest-book', '/register/disposition', '/kb/1']);
  const wrong = [];
  for (const role of table.roles) {
    const web = await webSession(s.url, `u_${role}`, 'reach-password-2026');
    for (const path of pages) {
      if (!reaches(role, 'GET', path)) continue;
      const page = await web.get(path);
      if (page.status !== 200) continue;
      for (const t of targets(page.text, path)) {
        if (t.method === 'POST' && !reaches(role, t.method, t.href)) wrong.push(`${role}: ${path} shows ${t.method} ${t.href}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});
