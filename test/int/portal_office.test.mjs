// What the public sees of the office on the portal: its contact (phone, e-mail, address), set by
// its administrator through PATCH /api/v1/office, the settings page or `loket office set`, checked
// (an Indonesian number, an e-mail address) with nothing written on a refusal, audited
// office.contact, and shown at the foot of every portal page (the home, a page saying "contact the
// office"); and the office's IKM published at /portal/ikm and GET /api/v1/portal/ikm: the last full
// quarter and the year so far, the same figures as the staff's report, no respondent's data.
// A ticket reopened under a retired OI-02 goes on under its own revision, rated again at its next closing. Runs on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, cli } from './lib.mjs';

const NOW = '2026-11-16T09:00:00+07:00';   // a Monday in the fourth quarter: the last full one is July–September
let s, admin, helpdesk;

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: NOW } });
  admin = await login(s.url);
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  helpdesk = await login(s.url, 'meja', 'meja-bantuan-2026');
});
after(async () => { if (s) await s.stop(); });

const auditOf = async (action) => {
  const r = await request(s.url, 'GET', `/api/v1/audit?action=${action}&limit=200`, { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.json.rows;
};
const home = async (path = '/portal') => (await fetch(s.url + path)).text();

test('the office contact: set through the API, refused naming each wrong field with nothing written, audited, shown on the portal', async () => {
  // none yet: the portal shows no contact block
  assert.ok(!(await home()).includes('id="office-contact"'));
  let r = await request(s.url, 'PATCH', '/api/v1/office?lang=en', { token: admin, body: { name: 'LPSE Batang', phone: '12345', email: 'helpdesk@', address: 'x'.repeat(301) } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual((r.json.error.fields || [r.json.error]).map((f) => f.field).sort(), ['address', 'email', 'phone']);
  r = await request(s.url, 'GET', '/api/v1/office', { token: admin });
  assert.equal(r.json.name, 'LPSE', 'the name sent with them was not written either');
  assert.deepEqual([r.json.phone, r.json.email, r.json.address], ['', '', '']);
  // an Indonesian landline as people write it, stored +62…
  r = await request(s.url, 'PATCH', '/api/v1/office', { token: admin, body: { phone: '(0285) 391-234', email: 'helpdesk@lpse.batangkab.go.id', address: 'Jl. Jenderal Sudirman No. 1\nBatang 51215' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.phone, '+62285391234');
  assert.equal(r.json.email, 'helpdesk@lpse.batangkab.go.id');
  let rows = await auditOf('office.contact');
  assert.equal(rows.length, 1);
  assert.match(rows[0].detail, /^phone  -> \+62285391234; email  -> helpdesk@lpse\.batangkab\.go\.id; address  -> Jl\. Jenderal/);
  assert.equal((await auditOf('office.update')).length, 0, 'the refused name was not written');
  // the same again, written otherwise: nothing written
  r = await request(s.url, 'PATCH', '/api/v1/office', { token: admin, body: { phone: '0285 391234' } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await auditOf('office.contact')).length, 1, 'no audit row when already so');
  // written with spaces around (as pasted): the same again, nothing written; an e-mail of spaces only is no e-mail
  r = await request(s.url, 'PATCH', '/api/v1/office', { token: admin, body: { email: '  helpdesk@lpse.batangkab.go.id ', address: ' Jl. Jenderal Sudirman No. 1\nBatang 51215\n' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.email, r.json.address], ['helpdesk@lpse.batangkab.go.id', 'Jl. Jenderal Sudirman No. 1\nBatang 51215'], r.text);
  assert.equal((await auditOf('office.contact')).length, 1, 'no audit row when already so');
  // written as a mail program copies it, Name <address>: the address alone is stored (here the same:
  // nothing written); the form wrong (text after >, no >) is refused naming email, nothing written
  r = await request(s.url, 'PATCH', '/api/v1/office', { token: admin, body: { email: '"LPSE Batang, Helpdesk" <helpdesk@lpse.batangkab.go.id>' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.email, 'helpdesk@lpse.batangkab.go.id');
  assert.equal((await auditOf('office.contact')).length, 1, 'no audit row when already so');
  for (const email of ['LPSE <helpdesk@lpse.batangkab.go.id> x', 'LPSE <helpdesk@lpse.batangkab.go.id', 'LPSE <helpdesk@lpse>']) {
    r = await request(s.url, 'PATCH', '/api/v1/office?lang=en', { token: admin, body: { email } });
    assert.equal(r.status, 400, `${email}: ${r.text}`);
    assert.equal(r.json.error.field, 'email');
  }
  assert.match(r.json.error.message, /the domain after @ has no dot/);
  r = await request(s.url, 'PATCH', '/api/v1/office?lang=en', { token: admin, body: { email: 'LPSE <helpdesk@lpse.batangkab.go.id> x' } });
  assert.equal(r.json.error.message, 'E-mail must be an address, or a name and the address in < > as a mail program copies it (Budi <budi@example.go.id>)');
  assert.equal((await request(s.url, 'GET', '/api/v1/office', { token: admin })).json.email, 'helpdesk@lpse.batangkab.go.id');
  // the portal's home and its other pages end with it; the phone dialled as written here
  const page = await home();
  assert.match(page, /<address id="office-contact"><strong>Kontak LPSE<\/strong>/);
  assert.match(page, /<a href="tel:\+62285391234" id="office-phone">0285391234<\/a>/);
  assert.match(page, /<a href="mailto:helpdesk@lpse\.batangkab\.go\.id" id="office-email">/);
  assert.match(page, /<span id="office-address">Jl\. Jenderal Sudirman No\. 1<br>Batang 51215<\/span>/);
  assert.match(await home('/portal/lacak'), /id="office-contact"/);
  // a service retired: the page says to contact the office, and the contact is there
  assert.equal((await request(s.url, 'POST', '/api/v1/sops/OI-02/retire', { token: admin })).status, 200);
  const kirim = await home('/portal/kirim');
  assert.match(kirim, /id="service-unavailable"/);
  assert.match(kirim, /id="office-phone"/);
  assert.equal((await request(s.url, 'POST', '/api/v1/sops/OI-02/restore', { token: admin })).status, 200);
});

test('the office contact through the settings page and loket office set', async () => {
  const web = await webSession(s.url);
  const page = await web.get('/pengaturan');
  assert.match(page.text, /id="office-contact"/);
  let r = await web.post('/pengaturan', { csrf: web.csrfOf(page.text), name: 'LPSE', tz: 'WIB', public_url: '', phone: '0812', email: 'helpdesk@lpse.batangkab.go.id', address: '' });
  assert.equal(r.status, 400, r.text.slice(0, 300));
  assert.match(r.text, /id="phone"[^>]*aria-invalid="true"/);
  assert.match(r.text, /value="0812"/, 'what was typed comes back');
  r = await web.post('/pengaturan', { csrf: web.csrfOf(page.text), name: 'LPSE', tz: 'WIB', public_url: '', phone: '0812-3456-7890', email: 'helpdesk@lpse.batangkab.go.id', address: 'Jl. Jenderal Sudirman No. 1' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const o = (await request(s.url, 'GET', '/api/v1/office', { token: admin })).json;
  assert.deepEqual([o.phone, o.address], ['+6281234567890', 'Jl. Jenderal Sudirman No. 1']);
  // the e-mail pasted from a mail program: the address stored; the input is text (a browser's
  // type="email" would refuse the name before it is sent)
  r = await web.post('/pengaturan', { csrf: web.csrfOf(page.text), name: 'LPSE', tz: 'WIB', public_url: '', phone: '0812-3456-7890', email: 'Helpdesk LPSE <layanan@lpse.batangkab.go.id>', address: 'Jl. Jenderal Sudirman No. 1' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal((await request(s.url, 'GET', '/api/v1/office', { token: admin })).json.email, 'layanan@lpse.batangkab.go.id');
  assert.match((await web.get('/pengaturan')).text, /<input id="email" name="email" type="text" maxlength="254" value="layanan@lpse\.batangkab\.go\.id" inputmode="email"/);
  // the audit page says the change in words (the table of words was looked up in halves and this
  // row, out of its place, was never found: the code alone was shown)
  for (const name of ['LPSE Kabupaten Batang', 'LPSE']) {
    const p = await request(s.url, 'PATCH', '/api/v1/office', { token: admin, body: { name } });
    assert.equal(p.status, 200, p.text);
  }
  const log = await web.get('/audit?action=office.');
  assert.match(log.text, /<td class="action">Kontak kantor diubah<br><span class="mono muted">office\.contact<\/span>/);
  assert.match(log.text, /<td class="action">Kantor diubah<br><span class="mono muted">office\.update<\/span>/);
  // the command line: a bad number refused naming --phone, nothing written; "" clears the address
  let c = cli(['office', 'set', 'LPSE', '--phone', '999', '--address', '', '--data', s.dir]);
  assert.equal(c.status, 2, c.stderr);
  assert.match(c.stderr, /--phone/);
  assert.equal((await request(s.url, 'GET', '/api/v1/office', { token: admin })).json.address, 'Jl. Jenderal Sudirman No. 1');
  // every option wrong is named, as the API names every field
  c = cli(['office', 'set', 'LPSE', '--phone', 'abc', '--email', 'bukan-surel', '--address', 'x'.repeat(301), '--data', s.dir]);
  assert.equal(c.status, 2, c.stderr);
  assert.deepEqual(c.stderr.split('\n').filter((l) => l.startsWith('loket office set: ')).map((l) => l.split(':')[1].trim()),
    ['--phone', '--email', '--address'], c.stderr);
  // the name's mistake and the contact's together, on the command line and in the API
  c = cli(['office', 'set', 'LPSE', '--name', '', '--phone', 'abc', '--data', s.dir]);
  assert.equal(c.status, 2, c.stderr);
  assert.deepEqual(c.stderr.split('\n').filter((l) => l.startsWith('loket office set: ')).map((l) => l.split(':')[1].trim()),
    ['--name', '--phone'], c.stderr);
  const both = await request(s.url, 'PATCH', '/api/v1/office?lang=en', { token: admin, body: { name: ' ', phone: 'abc' } });
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.json.error.fields.map((f) => f.field), ['name', 'phone']);
  c = cli(['office', 'set', 'LPSE', '--address', '', '--data', s.dir]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal((await request(s.url, 'GET', '/api/v1/office', { token: admin })).json.address, '');
  const rows = await auditOf('office.contact');
  assert.equal(rows.length, 4, 'the page\'s two changes and the command\'s, not the refused ones');
  assert.ok(rows.some((a) => a.detail.endsWith('email helpdesk@lpse.batangkab.go.id -> layanan@lpse.batangkab.go.id')), JSON.stringify(rows));
  assert.ok(rows.some((a) => a.detail.startsWith('phone +62285391234 -> +6281234567890')), JSON.stringify(rows));
});

const ROWS = [
  [4, 4, 3, 4, 3, 3, 4, 3, 3],
  [3, 3, 3, 2, 3, 3, 3, 3, 3],
  [4, 3, 4, 4, 4, 4, 4, 3, 4],
];
const answers = (row) => Object.fromEntries(row.map((v, i) => [`u${i + 1}`, v]));
const profile = { gender: 'P', age: 29, education: 'S2', occupation: 'Swasta', suggestion: 'Ruang tunggu kurang kursi' };

test('the IKM published on the portal: the last full quarter and the year so far, as the staff report computes them, nobody\'s answers', async () => {
  // two paper questionnaires in August (the third quarter), one walk-in today (November)
  for (const row of ROWS.slice(0, 2)) {
    const r = await request(s.url, 'POST', '/api/v1/skm/responses', { token: helpdesk, body: { sop: 'SOP 01/LPSE.OI/2012', day: '2026-08-10', ...answers(row), ...profile } });
    assert.equal(r.status, 201, r.text);
  }
  let r = await request(s.url, 'POST', '/api/v1/portal/skm', { body: { sop: 'SOP 01/LPSE.OI/2012', ...answers(ROWS[2]), ...profile } });
  assert.equal(r.status, 201, r.text);
  const pub = await request(s.url, 'GET', '/api/v1/portal/ikm');
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.last_quarter.year, 2026);
  assert.equal(pub.json.last_quarter.quarter, 3);
  assert.equal(pub.json.last_quarter.from, '2026-06-30T17:00:00Z');
  assert.equal(pub.json.last_quarter.to, '2026-09-30T17:00:00Z');
  assert.equal(pub.json.year.year, 2026);
  const staff = async (from, to) => (await request(s.url, 'GET', `/api/v1/reports/skm?from=${from}&to=${to}`, { token: admin })).json;
  const q3 = await staff('2026-07-01', '2026-09-30'), y = await staff('2026-01-01', '2026-12-31');
  for (const [mine, theirs] of [[pub.json.last_quarter, q3], [pub.json.year, y]]) {
    assert.equal(mine.respondents, theirs.respondents);
    assert.equal(mine.ikm, theirs.ikm);
    assert.equal(mine.grade, theirs.grade);
    assert.deepEqual(mine.elements, theirs.elements);
  }
  assert.equal(pub.json.last_quarter.respondents, 2);
  assert.equal(pub.json.year.respondents, 3);
  // U1 in the quarter: (4+3)/2
  assert.equal(pub.json.last_quarter.elements[0].nrr, 3.5);
  // nothing of a respondent: no profile, no suggestion, no procedure breakdown
  assert.ok(!pub.text.includes('Ruang tunggu'));
  for (const k of ['profile', 'procedures']) {
    assert.ok(!(k in pub.json.last_quarter) && !(k in pub.json.year) && !(k in pub.json), k);
  }
  // the page, linked from the home
  assert.match(await home(), /<a href="\/portal\/ikm" id="ikm-link">/);
  const page = await home('/portal/ikm');
  assert.match(page, /<section class="card" id="ikm-quarter"><h2>Triwulan III 2026<\/h2>/);
  assert.match(page, /id="ikm-quarter">[\s\S]*?<dd class="ikm-respondents">2<\/dd>/);
  assert.match(page, /id="ikm-year">[\s\S]*?<dd class="ikm-respondents">3<\/dd>/);
  assert.ok(page.includes(`<dd class="ikm-value">${String(q3.ikm.toFixed(2)).replace('.', ',')}</dd>`), page);
  assert.ok(!page.includes('Ruang tunggu'));
  const en = await home('/portal/ikm?lang=en');
  assert.match(en, /Quarter III 2026/);
  // another office's page: its own figures (none)
  r = await request(s.url, 'GET', '/api/v1/portal/ikm?office=NOPE');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.field, 'office');
});

test('a ticket reopened after its procedure (OI-02) was retired goes on under its own revision', async () => {
  let r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Sari', email: 'sari@example.co.id', subject: 'Dokumen tidak terunggah', description: 'Gagal unggah.' } });
  assert.equal(r.status, 201, r.text);
  const { number, token } = r.json;
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/2`, { token: helpdesk, body: { outcome: 'yes' } })).status, 200);
  assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
  assert.equal((await request(s.url, 'POST', `/api/v1/portal/tickets/${token}/rating`, { body: { score: 4, comment: 'Cukup cepat' } })).status, 200);
  assert.equal((await request(s.url, 'POST', '/api/v1/sops/OI-02/retire', { token: admin })).status, 200);
  try {
    r = await request(s.url, 'POST', `/api/v1/portal/tickets/${token}/reopen`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'open');
    const c = (await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: helpdesk })).json;
    assert.equal(c.sop, 'SOP 02/LPSE.OI/2012');
    // a new question under it is still refused
    r = await request(s.url, 'POST', '/api/v1/portal/tickets', { body: { name: 'Sari', email: 'sari@example.co.id', subject: 'Lagi', description: 'Lagi.' } });
    assert.equal(r.status, 409, r.text);
    // closed again and rated again: the staff's case page shows this closing's rating and the earlier one
    assert.equal((await request(s.url, 'POST', `/api/v1/cases/${number}/steps/3`, { token: helpdesk, body: { outcome: 'done' } })).json.status, 'closed');
    assert.equal((await request(s.url, 'POST', `/api/v1/portal/tickets/${token}/rating`, { body: { score: 2 } })).status, 200);
    const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
    const page = (await web.get(`/kasus/${number}`)).text;
    assert.match(page, /id="portal-rating">[^<]*<strong>2\/5<\/strong>/);
    assert.match(page, /<ul id="portal-earlier-ratings"><li>[^<]*<strong>4\/5<\/strong> Cukup cepat<\/li><\/ul>/);
  } finally {
    assert.equal((await request(s.url, 'POST', '/api/v1/sops/OI-02/restore', { token: admin })).status, 200);
  }
});
