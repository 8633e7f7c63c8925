// A requester's reply or reopening on the public portal tells the staff who handle the case:
// a notice (GET /api/v1/notices, the page /pemberitahuan, the unread count in the header) and
// an e-mail in the outbox, written with the reply. Who: the user the open step is assigned
// to; else the holders of the role(s) the step is for (its assigned role, else its actors);
// a closed case being reopened, the member of staff who last completed a step. Never the
// requester, even when they are on the staff themself. One notice per reply and recipient.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, cli, sqlite, webSession } from './lib.mjs';

const NOW = '2026-01-05T09:00:00+07:00';     // Monday 09.00 WIB, frozen: no SLA notice falls due
const PW = 'pemberitahuan-uji-2026';
let s, admin;
const tokens = {};

// Add a user with one role and an e-mail address through the CLI.
function addStaff(name, role, email) {
  const r = cli(['user', 'add', name, '--data', s.dir, '--role', role, '--email', email, '--name', name.toUpperCase()],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
  addStaff('hana', 'helpdesk', 'hana@lpse.example.go.id');
  addStaff('heru', 'helpdesk', 'heru@lpse.example.go.id');
  addStaff('kartini', 'ketua', 'kartini@lpse.example.go.id');
  // on the staff, and the requester of the ticket below: never told of their own reply
  addStaff('budi', 'helpdesk', 'budi@cvmaju.co.id');
  for (const u of ['hana', 'heru', 'kartini', 'budi']) tokens[u] = await login(s.url, u, PW);
  tokens.admin = admin;
});
after(async () => { if (s) await s.stop(); });

const q = (sql) => { const r = sqlite(join(s.dir, 'loket.db'), sql); assert.equal(r.status, 0, r.stderr); return r.stdout.trim(); };

// The notices of a user through the API: {notices, unread}.
async function notices(user, lang = 'id') {
  const r = await request(s.url, 'GET', `/api/v1/notices?lang=${lang}`, { token: tokens[user] });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

// How many notices each user has, as {user: n}.
async function counts() {
  const out = {};
  for (const u of ['hana', 'heru', 'kartini', 'budi', 'admin']) out[u] = (await notices(u)).notices.length;
  return out;
}

// The mails to staff about the requester, oldest first: "to|subject".
const staffMails = () => q("SELECT to_addr || '|' || subject FROM outbox WHERE subject LIKE 'Pemohon %' ORDER BY id");

// The requester's side in a browser: the tracking page's forms with the pre-session CSRF cookie.
function requesterBrowser(path) {
  const jar = new Map();
  const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = async () => {
    const res = await fetch(s.url + path, { headers: { Cookie: cookie() } });
    keep(res);
    return (await res.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  };
  return async (action, fields) => {
    const f = new FormData();
    f.append('csrf', await csrf());
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    const res = await fetch(s.url + path + action, { method: 'POST', body: f, redirect: 'manual', headers: { Cookie: cookie(), Origin: s.url } });
    keep(res);
    return { status: res.status, location: res.headers.get('location') };
  };
}

test('reply and reopen on the portal: the staff who handle the case are told, in the app and by e-mail', async () => {
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: {
    name: 'Budi Santoso', email: 'Budi@CVMaju.co.id', subject: 'Lupa kata sandi akun penyedia',
    description: 'Saya lupa kata sandi dan e-mail pemulihan tidak masuk.' } });
  assert.equal(r.status, 201, r.text);
  const { number, token } = r.json;
  const api = `/api/v1/portal/tickets/${token}`;
  const send = requesterBrowser(`/portal/t/${token}`);
  assert.deepEqual(await counts(), { hana: 0, heru: 0, kartini: 0, budi: 0, admin: 0 }, 'submitting tells no one yet');

  // ---- a reply through the API: step 2 is nobody's yet, so the helpdesk (its actor) is told ----
  r = await request(s.url, 'POST', `${api}/replies`, { body: { body: 'User ID saya budi.cvmaju' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await counts(), { hana: 1, heru: 1, kartini: 0, budi: 0, admin: 0 },
    'the helpdesk holders; not the ketua, not admin, not the requester though he holds helpdesk');
  let h = await notices('hana');
  assert.equal(h.unread, 1);
  const n = h.notices[0];
  assert.equal(n.kind, 'reply');
  assert.equal(n.text, `Pemohon membalas kasus ${number}`);
  assert.equal(n.case, number);
  assert.equal(n.subject, 'Lupa kata sandi akun penyedia');
  assert.equal(n.step, 2, 'the step open when the requester wrote');
  assert.match(n.step_title, /^Menerima pertanyaan/);
  assert.equal(n.read, false);
  assert.equal(n.read_at, null);
  assert.equal(n.created_at, '2026-01-05T02:00:00Z');
  assert.equal((await notices('hana', 'en')).notices[0].text, `The requester replied to case ${number}`);
  assert.deepEqual(staffMails().split('\n'), [
    `hana@lpse.example.go.id|Pemohon membalas kasus ${number}: Lupa kata sandi akun penyedia`,
    `heru@lpse.example.go.id|Pemohon membalas kasus ${number}: Lupa kata sandi akun penyedia`]);
  const body = q("SELECT body FROM outbox WHERE to_addr='hana@lpse.example.go.id'");
  assert.match(body, /^Yth\. HANA,/);
  assert.ok(body.includes('User ID saya budi.cvmaju'), 'the mail carries the reply');
  assert.ok(body.includes(`${s.url}/kasus/${number}`), 'and links to the case page');
  assert.ok(body.includes('5 Januari 2026, 09.00 WIB'), body);
  assert.equal(q("SELECT count(*) FROM outbox WHERE lower(to_addr)='budi@cvmaju.co.id' AND subject LIKE 'Pemohon %'"), '0');

  // ---- step 2 taken by hana (herself: no notice of it): a reply through the web form tells her alone ----
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/assign`, { token: tokens.hana, body: { username: 'hana' } });
  assert.equal(r.status, 200, r.text);
  let x = await send('/balas', { body: 'Ini tangkapan layarnya' });
  assert.equal(x.status, 303);
  assert.match(x.location, /\?ok=/);
  assert.deepEqual(await counts(), { hana: 2, heru: 1, kartini: 0, budi: 0, admin: 0 }, 'the assigned user alone; one notice per reply');
  h = await notices('hana');
  assert.equal(h.unread, 2);
  assert.deepEqual(h.notices.map((w) => [w.kind, w.step]), [['reply', 2], ['reply', 2]]);

  // the notices page and the count every page shows
  const web = await webSession(s.url, 'hana', PW);
  const page = await web.get('/pemberitahuan');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`<a href="/kasus/${number}#portal"><strong>Pemohon membalas kasus ${number}</strong></a>`), 'says what happened, links to the case');
  assert.match(page.text, /<tr class="reply unread">/);
  assert.match(page.text, /href="\/pemberitahuan">[^<]*<span class="count">2<\/span>/, 'the header counts 2 unread');

  // ---- step 2 assigned to the ketua's role instead: its holder is told ----
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/assign`, { token: admin, body: { role: 'ketua', username: '' } });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'POST', `${api}/replies`, { body: { body: 'Sudah saya coba lagi, tetap gagal' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await counts(), { hana: 2, heru: 1, kartini: 1, budi: 0, admin: 0 }, 'the holders of the role the step is assigned to');

  // marked read like the others
  r = await request(s.url, 'POST', '/api/v1/notices/read', { token: tokens.hana });
  assert.deepEqual(r.json, { marked: 2 });
  assert.equal((await notices('hana')).unread, 0);
  assert.ok(!(await web.get('/pemberitahuan')).text.includes('<span class="count">'), 'no count once read');

  // ---- heru answers (step 2), hana closes (step 3); the requester reopens through the web form ----
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: tokens.heru, body: { outcome: 'yes' } })).status, 200);
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: tokens.hana, body: { outcome: 'done' } });
  assert.equal(r.json.status, 'closed');
  x = await send('/buka', {});
  assert.equal(x.status, 303);
  assert.equal((await request(s.url, 'GET', api)).json.status, 'open');
  assert.deepEqual(await counts(), { hana: 3, heru: 1, kartini: 1, budi: 0, admin: 0 }, 'the one who last completed a step');
  h = await notices('hana');
  assert.equal(h.unread, 1);
  assert.equal(h.notices[0].kind, 'reopen');
  assert.equal(h.notices[0].text, `Pemohon membuka kembali kasus ${number}`);
  assert.equal(h.notices[0].step, 3, 'the step that starts again');
  let open = (await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: tokens.hana })).json.steps.at(-1);
  assert.deepEqual([open.no, open.done_at, open.assigned_user], [3, null, 'hana'], 'the step that starts again is hana\'s, who is told');
  assert.equal((await notices('hana', 'en')).notices[0].text, `The requester reopened case ${number}`);
  const reopenMail = q(`SELECT subject || '|' || body FROM outbox WHERE to_addr='hana@lpse.example.go.id' AND subject LIKE 'Pemohon membuka kembali%'`);
  assert.match(reopenMail, new RegExp(`^Pemohon membuka kembali kasus ${number}: Lupa kata sandi akun penyedia\\|`));
  assert.ok(reopenMail.includes(`${s.url}/kasus/${number}`), reopenMail);
  assert.match(reopenMail, /\nDimulai lagi: +langkah 3, Mempersiapkan jawab/);

  // ---- heru closes it again; the requester reopens through the API: heru is told ----
  r = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: tokens.heru, body: { outcome: 'done' } });
  assert.equal(r.json.status, 'closed');
  r = await request(s.url, 'POST', `${api}/reopen`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await counts(), { hana: 3, heru: 2, kartini: 1, budi: 0, admin: 0 });
  assert.equal((await notices('heru')).notices[0].kind, 'reopen');
  open = (await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: tokens.heru })).json.steps.at(-1);
  assert.equal(open.assigned_user, 'heru', 'and now heru\'s');

  // the rows, the mails, the audit chain
  assert.equal(q('SELECT u.username, n.kind FROM notice n JOIN users u ON u.id=n.to_user_id ORDER BY n.id').replace(/\|/g, ':').split('\n').join(' '),
    'hana:reply heru:reply hana:reply kartini:reply hana:reopen heru:reopen');
  assert.deepEqual(staffMails().split('\n').map((l) => l.split('|')[0] + ' ' + l.split(' ')[1]), [
    'hana@lpse.example.go.id membalas', 'heru@lpse.example.go.id membalas', 'hana@lpse.example.go.id membalas',
    'kartini@lpse.example.go.id membalas', 'hana@lpse.example.go.id membuka', 'heru@lpse.example.go.id membuka']);
  assert.equal(q("SELECT count(*) FROM outbox WHERE subject LIKE 'Pemohon %' AND status='queued'"), '6');
  const verify = cli(['audit', 'verify', '--data', s.dir]);
  assert.equal(verify.status, 0, verify.stderr);
});
