// The public portal under a retired procedure (sop_retired.test.mjs has the staff desks): every
// portal path that opens a case or books one that will become a case — a question (OI-02,
// /api/v1/portal/tickets and /portal/kirim), a verification booking (OI-01,
// /api/v1/portal/verification/appointments and /portal/verifikasi), an account request (OI-03/04/05,
// BTG-019, /api/v1/portal/account-requests and /portal/akun). Each refuses before anything is written
// (no case, ticket, booking, request, guard count, mail or audit row), through its API (409 naming sop,
// in the public's words, Indonesian or English) and its form (the form again with what was typed and
// the reason); the page offering the service says it is not available instead of its form; once the
// procedure is restored, each works again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, sqlite, psql, confDb } from './lib.mjs';

const NOW = '2026-11-16T09:00:00+07:00';   // a Monday, in office hours
const REFUSED_ID = /Layanan ini untuk sementara tidak dapat diajukan melalui portal: prosedur yang diikutinya sedang tidak digunakan\. Silakan hubungi kantor\./;
const REFUSED_EN = /This service cannot be requested through the portal for now: the procedure it follows is not in use\. Please contact the office\./;
const UNAVAILABLE_ID = /Layanan ini untuk sementara tidak tersedia melalui portal\. Silakan hubungi kantor\./;
const UNAVAILABLE_EN = /This service is not available through the portal for now\. Please contact the office\./;
const STAFF_WORDS = /Prosedur ini dinonaktifkan|Prosedur [^<"]* dinonaktifkan: tidak ada kasus|The procedure is retired|is retired: no new case|\bsop: |"sop"|The database failed/;
let s, token;

const api = (method, path, body) => request(s.url, method, `/api/v1${path}`, { token, body });
const pub = (method, path, body) => request(s.url, method, `/api/v1${path}`, { body });
// A number the database answers (SQLite or PostgreSQL).
const count = (sql) => {
  const db = confDb(s.dir);
  const r = db ? psql(db, sql) : sqlite(join(s.dir, 'loket.db'), sql);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
};
// What a refusal must leave as it was.
const written = () => Object.fromEntries(['kasus', 'portal_ticket', 'portal_message', 'portal_guard', 'verify_appointment',
  'verification', 'account_request', 'party', 'outbox', 'audit'].map((t) => [t, count(`SELECT count(*) FROM ${t}`)]));

// A visitor of the portal (not signed in): cookies kept, the form's csrf read from the page.
function visitor() {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const answer = async (res) => { keep(res); return { status: res.status, headers: res.headers, text: await res.text() }; };
  return {
    get: async (path) => answer(await fetch(s.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' })),
    // fields as a form (urlencoded), or multipart when multipart is set
    post: async (path, fields, multipart) => {
      let body = new URLSearchParams(fields).toString();
      const headers = { Cookie: cookie(), Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' };
      if (multipart) { body = new FormData(); for (const [k, v] of Object.entries(fields)) body.append(k, v); delete headers['Content-Type']; }
      return answer(await fetch(s.url + path, { method: 'POST', body, headers, redirect: 'manual' }));
    },
  };
}
const csrfOf = (html) => html.match(/name="csrf" value="([0-9a-f]{64})"/)[1];

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: NOW } });
  token = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

// Retire code, run refuse(), check nothing was written but the retirement's own audit row, restore it, run works().
async function whileRetired(code, refuse, works) {
  const r = await api('POST', `/sops/${code}/retire`);
  assert.equal(r.status, 200, r.text);
  const was = written();
  await refuse();
  assert.deepEqual(written(), was, `${code}: nothing written by the refused attempts`);
  assert.equal((await api('POST', `/sops/${code}/restore`)).status, 200);
  await works();
}

// The API's refusal: 409 naming sop, in the public's words (Indonesian, and English when asked).
async function apiRefused(path, body) {
  let r = await pub('POST', path, body);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'sop', r.text);
  assert.match(r.json.error.message, REFUSED_ID);
  r = await pub('POST', `${path}?lang=en`, body);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'sop');
  assert.match(r.json.error.message, REFUSED_EN);
}
// The form's refusal: 409, the form again (action), the reason in Indonesian, what was typed kept.
function pageRefused(r, action, typed) {
  assert.equal(r.status, 409, r.text.slice(0, 500));
  assert.match(r.text, REFUSED_ID);
  assert.doesNotMatch(r.text, REFUSED_EN);
  assert.doesNotMatch(r.text, STAFF_WORDS);
  assert.match(r.text, new RegExp(`<form[^>]*action="${action}"`), 'the form shown again');
  for (const t of typed) assert.ok(r.text.includes(t), `what was typed kept: ${t}`);
}
// The page offering the service: not available, no form posting to action; in English with lang=en.
async function pageUnavailable(v, path, action) {
  const r = await v.get(path);
  assert.equal(r.status, 200);
  assert.match(r.text, UNAVAILABLE_ID);
  assert.doesNotMatch(r.text, new RegExp(`<form[^>]*action="${action}"`), 'no form that would be refused');
  const en = await v.get(`${path}?lang=en`);
  assert.match(en.text, UNAVAILABLE_EN);
}

test('OI-02: a question from the portal is refused while it is retired (API and form, nothing written); the page offers no form; restored, it opens a ticket', async () => {
  const q = { name: 'Dewi Lestari', email: 'dewi@example.co.id', subject: 'Berkas NIB tidak terunggah', description: 'Bagaimana mengunggah NIB?' };
  const v = visitor();
  const form = csrfOf((await v.get('/portal/kirim')).text);   // opened before the retirement: the form is in the visitor's hands
  await whileRetired('OI-02', async () => {
    await apiRefused('/portal/tickets', q);
    const r = await v.post('/portal/kirim', { csrf: form, office: 'LPSE', ...q, phone: '', website: '' }, true);
    pageRefused(r, '/portal/kirim', ['value="Dewi Lestari"', 'value="dewi@example.co.id"', 'value="Berkas NIB tidak terunggah"', '>Bagaimana mengunggah NIB?</textarea>']);
    await pageUnavailable(v, '/portal/kirim', '/portal/kirim');
    const home = await v.get('/portal');
    assert.match(home.text, /href="\/portal\/kirim">[^<]*<\/a> — untuk sementara tidak tersedia/);
    // tracking what is open goes on: the staff's own cases under it run to their end
    assert.equal((await v.get('/portal/lacak')).status, 200);
  }, async () => {
    const r = await pub('POST', '/portal/tickets', q);
    assert.equal(r.status, 201, r.text);
    const page = await v.post('/portal/kirim', { csrf: form, office: 'LPSE', ...q, phone: '', website: '' }, true);
    assert.equal(page.status, 303, page.text.slice(0, 300));
    assert.match((await v.get('/portal/kirim')).text, /<form[^>]*action="\/portal\/kirim"/);
    assert.doesNotMatch((await v.get('/portal')).text, /tidak tersedia/);
  });
});

test('OI-01: a verification booking on the portal is refused while it is retired (API and form, nothing written); the page offers no form; restored, booked', async () => {
  const provider = { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
    phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02', day: '2026-11-17' };
  const v = visitor();
  const form = csrfOf((await v.get('/portal/verifikasi')).text);
  await whileRetired('OI-01', async () => {
    await apiRefused('/portal/verification/appointments', provider);
    const r = await v.post('/portal/verifikasi', { csrf: form, office: 'LPSE', ...provider });
    pageRefused(r, '/portal/verifikasi', ['value="CV Maju Jaya"', 'value="01.234.567.8-901.000"', 'value="Budi Santoso"']);
    await pageUnavailable(v, '/portal/verifikasi', '/portal/verifikasi');
    assert.match((await v.get('/portal')).text, /href="\/portal\/verifikasi">[^<]*<\/a> — pemesanan untuk sementara tidak tersedia/);
  }, async () => {
    const r = await pub('POST', '/portal/verification/appointments', provider);
    assert.equal(r.status, 201, r.text);
    const page = await v.post('/portal/verifikasi', { csrf: form, office: 'LPSE', ...provider, company: 'PT Sinar', npwp: '08.456.789.0-123.000',
      email: 'admin@ptsinar.co.id' });
    assert.equal(page.status, 303, page.text.slice(0, 500));
  });
});

test('OI-03/04/05 and BTG-019: an account request from the portal is refused while its procedure is retired, for anyone (in the register or not); the other kinds still offered', async () => {
  // Rahmat is in the directory (a request of his opens a case); Sari is not (answered the same, nothing opened)
  const dir = await api('POST', '/directory', { kind: 'person', name: 'Rahmat Hidayat', nip: '197912122005011002', email: 'rahmat@batangkab.go.id' });
  assert.equal(dir.status, 201, dir.text);
  const acc = await api('POST', '/accounts', { user_id: 'rahmat.ppk', kind: 'ppk', holder: '197912122005011002' });   // one to take the access of
  assert.equal(acc.status, 201, acc.text);
  const kinds = [['SOP 03/LPSE/2012', 'OI-03', 'pokja'], ['SOP 04/LPSE/2012', 'OI-04', 'ppk'], ['SOP 05/LPSE/2012', 'OI-05', 'forgotten'],
    ['SOP-LPSE.BTG-019', 'BTG-019', 'deactivate']];
  const v = visitor();
  const form = csrfOf((await v.get('/portal/akun')).text);
  for (const [, code, kind] of kinds) {
    const person = (name, nip) => ({ kind, name, nip, agency: 'Dinas Pendidikan', email: `${name.split(' ')[0].toLowerCase()}@batangkab.go.id`,
      docs: ['letter'], ...(kind === 'forgotten' ? { lookup: nip } : {}), ...(kind === 'deactivate' ? { user_id: 'rahmat.ppk' } : {}) });
    await whileRetired(code, async () => {
      for (const who of [person('Rahmat Hidayat', '197912122005011002'), person('Sari Wulandari', '198001012006042001')]) {
        await apiRefused('/portal/account-requests', who);
        const { docs, ...fields } = who;
        const r = await v.post('/portal/akun', { csrf: form, ...fields, docs: docs[0], website: '' });
        pageRefused(r, '/portal/akun', [`value="${who.name}"`, `value="${who.nip}"`, `<option value="${kind}" selected>`]);
      }
      const page = await v.get('/portal/akun');
      assert.equal(page.status, 200);
      assert.match(page.text, /Sebagian permohonan untuk sementara tidak tersedia melalui portal/);
      assert.match(page.text, new RegExp(`<option value="${kind}" disabled>[^<]* — untuk sementara tidak tersedia</option>`));
      assert.match(page.text, /<form[^>]*action="\/portal\/akun"/, 'the other kinds are still offered');
    }, async () => {
      const before = count('SELECT count(*) FROM account_request');
      const r = await pub('POST', '/portal/account-requests', person('Rahmat Hidayat', '197912122005011002'));
      assert.equal(r.status, 202, `${code}: ${r.text}`);
      assert.equal(count('SELECT count(*) FROM account_request'), before + 1, `${code}: opened again`);
      assert.doesNotMatch((await v.get('/portal/akun')).text, /disabled>/);
    });
  }
});

test('every account request\'s procedure retired: /portal/akun says the service is not available and offers no form', async () => {
  const codes = ['OI-03', 'OI-04', 'OI-05', 'BTG-019'];
  for (const c of codes) assert.equal((await api('POST', `/sops/${c}/retire`)).status, 200);
  try {
    await pageUnavailable(visitor(), '/portal/akun', '/portal/akun');
  } finally {
    for (const c of codes) assert.equal((await api('POST', `/sops/${c}/restore`)).status, 200);
  }
  assert.match((await visitor().get('/portal/akun')).text, /<form[^>]*action="\/portal\/akun"/);
});
