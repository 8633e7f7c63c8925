// Taking a step: POST /api/v1/cases/:number/assign with "was", the user the caller saw holding
// the open step ("" nobody). Two staff taking the same step at once: one holds it, the other
// is told (409 naming username) who does, nothing written for them. With "was" naming the one
// who holds it, the step changes hands: a takeover, audited as case.takeover, and the one who
// held it gets a notice and an e-mail. Without "was" an assignment replaces the one before, as
// always; with or without it, the one who held the step (unless they gave it) is told as in a
// takeover, and the one given it (unless they took it) is told it is theirs ("assigned").
// "was_role": the role whose queue the caller saw the step in; another now is a 409 naming role.
// A stand-in who could not take the absent user's open decision is refused, naming the role. The case page's forms send what the page showed, and say who took the step meanwhile
// with a button to take it over.
// On SQLite one server; on PostgreSQL (LOKET_TEST_DB) two nodes serving the same database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PG, initData, startServer, request, login, cli, sqlite, sameDbFolder, webSession } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';   // Monday, office hours (WIB)
const PW = 'ambil-alih-uji-2026';
const staff = ['sari', 'tono', 'umar', 'wati', 'yudi', 'zaki'];
let dir, nodes = [], extra = [];
const tokens = {};

// Add a member of the help desk with an e-mail address (and a language for their mail).
function addStaff(name, lang) {
  const args = ['user', 'add', name, '--data', dir, '--role', 'helpdesk', '--email', `${name}@lpse.example.go.id`, '--name', name.toUpperCase()];
  const r = cli(args, { env: { LOKET_PASSWORD: PW } });
  assert.equal(r.status, 0, r.stderr);
  if (lang) q(`UPDATE users SET lang='${lang}' WHERE username='${name}'`);
}

before(async () => {
  dir = initData();
  for (const u of staff) addStaff(u, u === 'tono' ? 'en' : '');
  nodes.push(await startServer({ dir, env: { LOKET_TEST_NOW: NOW } }));
  if (PG) {
    extra.push(sameDbFolder(dir));
    nodes.push(await startServer({ dir: extra[0], env: { LOKET_TEST_NOW: NOW } }));
  }
  const names = [...staff, 'admin'];
  const got = await Promise.all(names.map((u, i) => login(nodes[i % nodes.length].url, u, u === 'admin' ? undefined : PW)));
  names.forEach((u, i) => { tokens[u] = got[i]; });
});

after(async () => {
  for (const s of nodes.slice(1).reverse()) await s.stop({ keep: true });
  if (nodes[0]) await nodes[0].stop({ keep: true });
  const v = cli(['audit', 'verify', '--data', dir]);
  assert.equal(v.status, 0, v.stderr + v.stdout);
  for (const d of [dir, ...extra]) rmSync(d, { recursive: true, force: true });
});

const nodeOf = (user) => nodes[Math.max(0, staff.indexOf(user)) % nodes.length];
const as = (user, method, path, body) => request(nodeOf(user).url, method, path, { token: tokens[user], body });
function q(sql) {
  const r = sqlite(join(dir, 'loket.db'), sql);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}
const auditOf = (n) => q(`SELECT action || '|' || actor || '|' || detail FROM audit WHERE object='${n}' ORDER BY id`).split('\n').filter(Boolean);
const mailsTo = (user) => q(`SELECT subject FROM outbox WHERE to_addr='${user}@lpse.example.go.id' ORDER BY id`).split('\n').filter(Boolean);
const stepOf = async (n, no = 2) => (await as('admin', 'GET', `/api/v1/cases/${n}`)).json.steps.find((s) => s.no === no);
async function noticesOf(user, lang = 'id') {
  const r = await as(user, 'GET', `/api/v1/notices?lang=${lang}`);
  assert.equal(r.status, 200, r.text);
  return r.json.notices;
}

// A help desk case (SOP 02/LPSE.OI) with step 1 done: step 2 open, assigned to nobody.
async function atStep2(subject) {
  const r = await as('admin', 'POST', '/api/v1/cases', {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject, requester: { name: 'Budi Santoso', email: 'budi@example.com' } });
  assert.equal(r.status, 201, r.text);
  const s = await as('admin', 'POST', `/api/v1/cases/${r.json.number}/steps/1`, { outcome: 'done' });
  assert.equal(s.status, 200, s.text);
  return r.json.number;
}

// A 409 naming field whose message says who holds the step (username) or which queue it is in (role).
function conflictOn(r, field, re) {
  assert.equal(r.status, 409, `${r.status} ${r.text}`);
  assert.equal(r.json.error.code, 'conflict');
  assert.equal(r.json.error.field, field);
  assert.match(r.json.error.message, re);
}
const taken = (r, re) => conflictOn(r, 'username', re);
const moved = (r, re) => conflictOn(r, 'role', re);

test('six staff take the same free step at once: one holds it, five are told who, nothing written for them', async () => {
  const n = await atStep2('Rebutan langkah');
  const rs = await Promise.all(staff.map((u) => as(u, 'POST', `/api/v1/cases/${n}/assign`, { no: 2, username: u, was: '' })));
  const won = rs.filter((r) => r.status === 200);
  assert.equal(won.length, 1, rs.map((r) => `${r.status} ${r.text}`).join('\n'));
  const holder = won[0].json.steps[1].assigned_user;
  assert.equal(holder, staff[rs.indexOf(won[0])]);
  // each told in their own language (tono reads English)
  rs.forEach((r, i) => r !== won[0] && taken(r, staff[i] === 'tono' ? new RegExp(`^This step has already been taken by ${holder}$`)
    : new RegExp(`^Langkah ini sudah diambil oleh ${holder}$`)));
  assert.equal((await stepOf(n)).assigned_user, holder);
  assert.deepEqual(auditOf(n).filter((a) => /^case\.(assign|takeover)/.test(a)),
    [`case.assign|${holder}|step 2 assigned to role (unchanged), user ${holder}`]);
  // the loser's answer in English when asked so
  const loser = staff.find((u) => u !== holder && u !== 'tono');
  const en = await request(nodeOf(loser).url, 'POST', `/api/v1/cases/${n}/assign?lang=en`, { token: tokens[loser], body: { username: loser, was: '' } });
  taken(en, new RegExp(`^This step has already been taken by ${holder}$`));
  assert.equal((await stepOf(n)).assigned_user, holder);
});

test('was matching the holder: the step changes hands, audited as a takeover, the one who held it told', async () => {
  const n = await atStep2('Ambil alih langkah');
  assert.equal((await as('sari', 'POST', `/api/v1/cases/${n}/assign`, { username: 'sari', was: '' })).status, 200);
  const before = (await noticesOf('sari')).length, mails = mailsTo('sari').length;
  // a stale was (the page showed nobody) is refused, naming sari
  taken(await as('tono', 'POST', `/api/v1/cases/${n}/assign`, { username: 'tono', was: '' }), /^This step has already been taken by sari$/);
  assert.equal((await noticesOf('sari')).length, before, 'a refused takeover tells nobody');
  const r = await as('tono', 'POST', `/api/v1/cases/${n}/assign`, { no: 2, username: 'tono', was: 'sari' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].assigned_user, 'tono');
  assert.equal(r.json.absent, null);
  const rows = auditOf(n).filter((a) => /^case\.(assign|takeover)/.test(a));
  assert.deepEqual(rows.slice(-1), ['case.takeover|tono|step 2 taken over from sari by user tono, role (unchanged)']);
  // sari's notice, in her language and in English; her mail in Indonesian (tono's would be English)
  const ns = await noticesOf('sari');
  assert.equal(ns.length, before + 1);
  assert.equal(ns[0].kind, 'takeover');
  assert.equal(ns[0].case, n);
  assert.equal(ns[0].step, 2);
  assert.equal(ns[0].text, `Langkah Anda pada kasus ${n} diambil alih oleh petugas lain`);
  assert.equal((await noticesOf('sari', 'en'))[0].text, `Your step of case ${n} was taken over by another member of staff`);
  assert.deepEqual(mailsTo('sari').slice(mails), [`Langkah 2 kasus ${n} diambil alih oleh tono`]);
  const body = q(`SELECT body FROM outbox WHERE to_addr='sari@lpse.example.go.id' ORDER BY id DESC LIMIT 1`);
  assert.match(body, /Yth\. SARI/);
  assert.match(body, new RegExp(`/kasus/${n}`));
  // taken back from tono, who reads English: his mail in English
  const t = await as('sari', 'POST', `/api/v1/cases/${n}/assign`, { username: 'sari', was: 'tono' });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual(mailsTo('tono'), [`Step 2 of case ${n} taken over by sari`]);
  assert.equal((await noticesOf('tono'))[0].kind, 'takeover');
  // the user taking back their own (was is the caller) or one given the same is no takeover
  assert.equal((await as('sari', 'POST', `/api/v1/cases/${n}/assign`, { username: 'sari', was: 'sari' })).status, 200);
  assert.equal(auditOf(n).at(-1), 'case.assign|sari|step 2 assigned to role (unchanged), user sari');
});

test('two takeovers of the same step at once: one lands, the other is told the new holder', async () => {
  const n = await atStep2('Dua pengambil alih');
  assert.equal((await as('umar', 'POST', `/api/v1/cases/${n}/assign`, { username: 'umar', was: '' })).status, 200);
  const rs = await Promise.all(['wati', 'yudi'].map((u) => as(u, 'POST', `/api/v1/cases/${n}/assign`, { username: u, was: 'umar' })));
  const won = rs.filter((r) => r.status === 200);
  assert.equal(won.length, 1, rs.map((r) => r.text).join('\n'));
  const holder = won[0].json.steps[1].assigned_user;
  taken(rs.find((r) => r !== won[0]), new RegExp(`oleh ${holder}$`));
  assert.equal(auditOf(n).filter((a) => a.startsWith('case.takeover')).length, 1);
  assert.equal((await noticesOf('umar')).filter((x) => x.case === n).length, 1, 'umar told once');
});

test('was: a step cleared meanwhile is said to be no one\'s; a bad was is refused naming it', async () => {
  const n = await atStep2('Dilepas');
  assert.equal((await as('zaki', 'POST', `/api/v1/cases/${n}/assign`, { username: 'zaki', was: '' })).status, 200);
  assert.equal((await as('zaki', 'POST', `/api/v1/cases/${n}/assign`, { username: '', was: 'zaki' })).status, 200);
  taken(await as('wati', 'POST', `/api/v1/cases/${n}/assign`, { username: 'wati', was: 'zaki' }),
    /^Langkah ini tidak lagi ditugaskan kepada siapa pun$/);
  const bad = await as('wati', 'POST', `/api/v1/cases/${n}/assign`, { username: 'wati', was: 7 });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'was');
  assert.equal((await stepOf(n)).assigned_user, null);
});

test('without was an assignment replaces the one before, as it always has; the one who held it and the one given it are told', async () => {
  const n = await atStep2('Tanpa was');
  const sariSeen = (await noticesOf('sari')).length;
  assert.equal((await as('sari', 'POST', `/api/v1/cases/${n}/assign`, { username: 'sari' })).status, 200);
  assert.equal((await noticesOf('sari')).length, sariSeen, 'one taking a step themselves is not told');
  const before = (await noticesOf('sari')).length, sariMails = mailsTo('sari').length, tonoMails = mailsTo('tono').length;
  const r = await as('tono', 'POST', `/api/v1/cases/${n}/assign`, { role: 'helpdesk', username: 'tono' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].assigned_user, 'tono');
  assert.equal(r.json.steps[1].assigned_role, 'helpdesk');
  assert.equal(auditOf(n).at(-1), 'case.assign|tono|step 2 assigned to role helpdesk, user tono');
  // sari, who held it, is told as in a takeover (in her language); tono took it himself: nothing for him
  const ns = await noticesOf('sari');
  assert.equal(ns.length, before + 1);
  assert.deepEqual([ns[0].kind, ns[0].case, ns[0].step], ['takeover', n, 2]);
  assert.deepEqual(mailsTo('sari').slice(sariMails), [`Langkah 2 kasus ${n} diambil alih oleh tono`]);
  assert.equal(mailsTo('tono').length, tonoMails);
  // the admin gives it to umar: tono (English) told it was given away, umar that it is his
  const umarSeen = (await noticesOf('umar')).length, umarMails = mailsTo('umar').length;
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { username: 'umar' })).status, 200);
  assert.deepEqual(mailsTo('tono').slice(tonoMails), [`Step 2 of case ${n} taken over by admin`]);
  const un = await noticesOf('umar');
  assert.equal(un.length, umarSeen + 1);
  assert.deepEqual([un[0].kind, un[0].case, un[0].step], ['assigned', n, 2]);
  assert.equal(un[0].text, `Sebuah langkah kasus ${n} ditugaskan kepada Anda`);
  assert.equal((await noticesOf('umar', 'en'))[0].text, `A step of case ${n} was assigned to you`);
  assert.deepEqual(mailsTo('umar').slice(umarMails), [`Langkah 2 kasus ${n} ditugaskan kepada Anda oleh admin`]);
  const body = q(`SELECT body FROM outbox WHERE to_addr='umar@lpse.example.go.id' ORDER BY id DESC LIMIT 1`);
  assert.match(body, /Yth\. UMAR/);
  assert.match(body, new RegExp(`/kasus/${n}`));
  // the same user given again, or the role alone: nobody is told
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { username: 'umar' })).status, 200);
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'staf' })).status, 200);
  assert.equal((await noticesOf('umar')).length, umarSeen + 1);
  assert.equal(mailsTo('tono').length, tonoMails + 1);
  assert.equal(auditOf(n).filter((a) => a.startsWith('case.takeover')).length, 0, 'audited as assignments');
  // of several sent at once, all are written: the last one stands
  const rs = await Promise.all(staff.map((u) => as(u, 'POST', `/api/v1/cases/${n}/assign`, { username: u })));
  assert.ok(rs.every((x) => x.status === 200), rs.map((x) => x.text).join('\n'));
  const rows = auditOf(n).filter((a) => a.startsWith('case.assign'));
  assert.equal((await stepOf(n)).assigned_user, rows.at(-1).replace(/^.*user /, ''));
});

test('the case page: take the step; taken meanwhile, the page says by whom and takes it over on request', async () => {
  const n = await atStep2('Ambil dari halaman');
  const web1 = await webSession(nodes[0].url, 'umar', PW);
  const web2 = await webSession(nodes.at(-1).url, 'wati', PW);
  const p1 = await web1.get(`/kasus/${n}`), p2 = await web2.get(`/kasus/${n}`);
  assert.match(p1.text, /<button type="submit" class="secondary">Ambil langkah ini<\/button>/);
  assert.match(p1.text, /name="was" value=""/);
  // umar takes it from his page
  const r1 = await web1.post(`/kasus/${n}/tugaskan`, { csrf: web1.csrfOf(p1.text), no: '2', username: 'umar', was: '' });
  assert.equal(r1.status, 303, r1.text);
  // wati, whose page still shows it free, takes it too: told umar has it, nothing written
  const r2 = await web2.post(`/kasus/${n}/tugaskan`, { csrf: web2.csrfOf(p2.text), no: '2', username: 'wati', was: '' });
  assert.equal(r2.status, 409);
  assert.match(r2.text, /Langkah ini sudah diambil oleh umar/);
  assert.match(r2.text, /<input type="hidden" name="was" value="umar"><input type="hidden" name="username" value="wati"><button type="submit">Ambil alih<\/button>/);
  assert.equal((await stepOf(n)).assigned_user, 'umar');
  // the assign form of a page showing umar sends was=umar; the role chosen goes along
  const r3 = await web2.post(`/kasus/${n}/tugaskan`, { csrf: web2.csrfOf(r2.text), no: '2', role: 'helpdesk', username: 'wati', was: 'umar' });
  assert.equal(r3.status, 303, r3.text);
  const s = await stepOf(n);
  assert.deepEqual([s.assigned_user, s.assigned_role], ['wati', 'helpdesk']);
  assert.equal(auditOf(n).at(-1), 'case.takeover|wati|step 2 taken over from umar by user wati, role helpdesk');
  assert.equal((await noticesOf('umar')).filter((x) => x.case === n && x.kind === 'takeover').length, 1);
  // umar's page now offers to take it over from wati, and the take button keeps the role
  const p3 = await web1.get(`/kasus/${n}`);
  assert.match(p3.text, /Ambil alih dari wati/);
  assert.match(p3.text, /name="was" value="wati"/);
  const r4 = await web1.post(`/kasus/${n}/tugaskan`, { csrf: web1.csrfOf(p3.text), no: '2', username: 'umar', was: 'wati' });
  assert.equal(r4.status, 303, r4.text);
  const s2 = await stepOf(n);
  assert.deepEqual([s2.assigned_user, s2.assigned_role], ['umar', 'helpdesk']);
  // the notice reads on umar's and wati's notices page
  const np = await web2.get('/pemberitahuan');
  assert.match(np.text, new RegExp(`Langkah Anda pada kasus ${n} diambil alih oleh petugas lain`));
});

test('was_role: a step in a role\'s queue taken only while it is still in the queue the caller saw', async () => {
  const n = await atStep2('Antrean peran');
  const q1 = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'helpdesk', was_role: '' });
  assert.equal(q1.status, 200, q1.text);
  assert.deepEqual([q1.json.steps[1].assigned_role, q1.json.steps[1].assigned_user], ['helpdesk', null]);
  // wati's page showed the step in no queue: refused, told it is in helpdesk's; nothing written
  moved(await as('wati', 'POST', `/api/v1/cases/${n}/assign`, { role: 'staf', was_role: '' }),
    /^Langkah ini sudah dipindahkan ke antrean peran helpdesk$/);
  moved(await request(nodeOf('wati').url, 'POST', `/api/v1/cases/${n}/assign?lang=en`,
    { token: tokens.wati, body: { username: 'wati', was: '', was_role: 'staf' } }),
  /^This step has already been moved to the queue of role helpdesk$/);
  assert.deepEqual([(await stepOf(n)).assigned_role, (await stepOf(n)).assigned_user], ['helpdesk', null]);
  // seen in helpdesk's queue and nobody's: she takes it, the role kept
  const t = await as('wati', 'POST', `/api/v1/cases/${n}/assign`, { username: 'wati', was: '', was_role: 'helpdesk' });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual([t.json.steps[1].assigned_role, t.json.steps[1].assigned_user], ['helpdesk', 'wati']);
  // cleared meanwhile: said to be in no queue
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: '' })).status, 200);
  moved(await as('yudi', 'POST', `/api/v1/cases/${n}/assign`, { username: 'yudi', was_role: 'helpdesk' }),
    /^Langkah ini tidak lagi berada di antrean peran mana pun$/);
  const bad = await as('yudi', 'POST', `/api/v1/cases/${n}/assign`, { username: 'yudi', was_role: 3 });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'was_role');
  assert.equal((await stepOf(n)).assigned_user, 'wati');
});

test('the case page sends the queue it showed: moved meanwhile, the page says to which and takes it on request', async () => {
  const n = await atStep2('Antrean dari halaman');
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'helpdesk' })).status, 200);
  const web = await webSession(nodes.at(-1).url, 'yudi', PW);
  const p = await web.get(`/kasus/${n}`);
  assert.match(p.text, /name="was_role" value="helpdesk"/);
  // the admin moves it to the staf's queue; yudi's page still shows helpdesk's
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'staf' })).status, 200);
  const r = await web.post(`/kasus/${n}/tugaskan`, { csrf: web.csrfOf(p.text), no: '2', username: 'yudi', was: '', was_role: 'helpdesk' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Langkah ini sudah dipindahkan ke antrean peran staf/);
  assert.match(r.text, /<input type="hidden" name="was_role" value="staf"><input type="hidden" name="no" value="2"><input type="hidden" name="was" value="">/);
  assert.equal((await stepOf(n)).assigned_user, null, 'nothing written');
  const t = await web.post(`/kasus/${n}/tugaskan`, { csrf: web.csrfOf(r.text), no: '2', username: 'yudi', was: '', was_role: 'staf' });
  assert.equal(t.status, 303, t.text);
  const s = await stepOf(n);
  assert.deepEqual([s.assigned_user, s.assigned_role], ['yudi', 'staf']);
});

test('"none" for both the role and the user on the case page takes the assignment off, and the page says so (not "assigned")', async () => {
  const n = await atStep2('Penugasan dilepas');
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'helpdesk', username: 'yudi' })).status, 200);
  const web = await webSession(nodes.at(-1).url);
  const p = await web.get(`/kasus/${n}`);
  const r = await web.post(`/kasus/${n}/tugaskan`, { csrf: web.csrfOf(p.text), no: '2', role: '', username: '', was: 'yudi', was_role: 'helpdesk' });
  assert.equal(r.status, 303, r.text);
  const s = await stepOf(n);
  assert.deepEqual([s.assigned_user, s.assigned_role], [null, null]);
  const back = await web.get(r.headers.get('location'));
  assert.match(back.text, /<div class="notice ok" role="status"><p>Langkah ini tidak lagi ditugaskan kepada siapa pun<\/p>/);
  assert.doesNotMatch(back.text, /Langkah ditugaskan/);
  // a user named: assigned, as before
  const t = await web.post(`/kasus/${n}/tugaskan`, { csrf: web.csrfOf(back.text), no: '2', role: '', username: 'yudi', was: '', was_role: '' });
  assert.equal(t.status, 303, t.text);
  assert.match((await web.get(t.headers.get('location'))).text, /<div class="notice ok" role="status"><p>Langkah ditugaskan<\/p>/);
});

test('a stand-in who lacks the role the absent user\'s open decision needs is refused, naming the role and the step', async () => {
  for (const [name, roles] of [['dewi', 'helpdesk,staf'], ['vina', 'staf']]) {
    const r = cli(['user', 'add', name, '--data', dir, '--role', roles, '--email', `${name}@lpse.example.go.id`, '--name', name.toUpperCase()],
      { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  // step 2 of OI-02 is a decision the helpdesk takes ("can the helpdesk answer it?"): dewi holds it
  const n = await atStep2('Pengganti tanpa peran');
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { username: 'dewi' })).status, 200);
  const away = { from: '2026-01-06', to: '2026-01-07', kind: 'cuti', replacement: 'vina' };
  const r = await as('admin', 'POST', '/api/v1/users/dewi/absences', away);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'replacement');
  assert.match(r.json.error.message, new RegExp(`memerlukan peran helpdesk \\(${n}/2\\)`));
  assert.equal((await as('admin', 'GET', '/api/v1/users/dewi/absences')).json.absences.length, 0, 'nothing written');
  // a stand-in holding the role is taken; once the step is another's, vina may stand in
  const ok = await as('admin', 'POST', '/api/v1/users/dewi/absences', { ...away, replacement: 'sari' });
  assert.ok(ok.status < 300, ok.text);
  // the message is in the request's language (?lang=), not the caller's stored one, for a new absence and a change
  assert.equal((await as('admin', 'POST', '/api/v1/me/lang', { lang: 'en' })).status, 200);
  try {
    const id = await as('admin', 'POST', '/api/v1/users/dewi/absences?lang=id', { ...away, from: '2026-03-02', to: '2026-03-03' });
    assert.equal(id.status, 400, id.text);
    assert.match(id.json.error.message, new RegExp(`^tidak dapat mengambil keputusan .*memerlukan peran helpdesk \\(${n}/2\\)$`));
    const en = await as('admin', 'POST', '/api/v1/users/dewi/absences?lang=en', { ...away, from: '2026-03-02', to: '2026-03-03' });
    assert.equal(en.status, 400, en.text);
    assert.equal(en.json.error.message, `Replacement cannot take the decisions of the absent user's open steps: they need the role helpdesk (${n}/2)`);
    const change = await as('admin', 'PATCH', `/api/v1/users/dewi/absences/${ok.json.id}?lang=id`, { replacement: 'vina' });
    assert.equal(change.status, 400, change.text);
    assert.match(change.json.error.message, /memerlukan peran helpdesk/);
    const changeEn = await as('admin', 'PATCH', `/api/v1/users/dewi/absences/${ok.json.id}?lang=en`, { replacement: 'vina' });
    assert.match(changeEn.json.error.message, /they need the role helpdesk/);
  } finally {
    assert.equal((await as('admin', 'POST', '/api/v1/me/lang', { lang: '' })).status, 200);
  }
  assert.equal((await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { username: 'zaki' })).status, 200);
  const later = await as('admin', 'POST', '/api/v1/users/dewi/absences', { ...away, from: '2026-02-02', to: '2026-02-03' });
  assert.ok(later.status < 300, later.text);
});

test('a step given to one away today whose stand-in lacks the role its decision needs is refused, naming username', async () => {
  for (const [name, roles] of [['rina', 'helpdesk,staf'], ['wira', 'staf'], ['yoga', 'helpdesk,staf'], ['wulan', 'helpdesk,staf']]) {
    const r = cli(['user', 'add', name, '--data', dir, '--role', roles, '--email', `${name}@lpse.example.go.id`, '--name', name.toUpperCase()],
      { env: { LOKET_PASSWORD: PW } });
    assert.equal(r.status, 0, r.stderr);
  }
  // rina is away today and tomorrow; wira, who stands in, holds staf but not helpdesk
  const away = await as('admin', 'POST', '/api/v1/users/rina/absences', { from: '2026-01-05', to: '2026-01-06', kind: 'cuti', replacement: 'wira' });
  assert.equal(away.status, 201, away.text);
  // step 2 of OI-02 is the helpdesk's decision: it would land with wira, who may not take it
  const n = await atStep2('Ditugaskan kepada yang cuti');
  const id = await as('admin', 'POST', `/api/v1/cases/${n}/assign?lang=id`, { no: 2, username: 'rina' });
  assert.equal(id.status, 400, id.text);
  assert.equal(id.json.error.code, 'invalid');
  assert.equal(id.json.error.field, 'username');
  assert.equal(id.json.error.message, 'rina sedang tidak hadir (Cuti) sampai 6 Januari 2026; wira, yang menggantikannya, '
    + 'tidak memegang peran yang diperlukan keputusan langkah ini: helpdesk');
  const en = await as('admin', 'POST', `/api/v1/cases/${n}/assign?lang=en`, { no: 2, username: 'rina' });
  assert.equal(en.status, 400, en.text);
  assert.equal(en.json.error.field, 'username');
  assert.equal(en.json.error.message, 'rina is away (Leave) until 6 January 2026; wira, who stands in for them, lacks the role this step\'s decision needs: helpdesk');
  assert.equal((await stepOf(n)).assigned_user, null, 'nothing written');
  // to a role, not a person: as before
  const role = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'helpdesk' });
  assert.equal(role.status, 200, role.text);

  // the case page's form says it under the user's field, rina still chosen, the role as posted
  const web = await webSession(nodes.at(-1).url, 'yudi', PW);
  const p = await web.get(`/kasus/${n}`);
  for (const [q_, said] of [['', /rina sedang tidak hadir \(Cuti\) sampai 6 Januari 2026; wira, yang menggantikannya, tidak memegang peran yang diperlukan keputusan langkah ini: helpdesk/],
    ['?lang=en', /rina is away \(Leave\) until 6 January 2026; wira, who stands in for them, lacks the role this step&#39;s decision needs: helpdesk/]]) {
    const w = await web.post(`/kasus/${n}/tugaskan${q_}`, { csrf: web.csrfOf(p.text), no: '2', role: 'staf', username: 'rina', was: '', was_role: 'helpdesk' });
    assert.equal(w.status, 400, w.text.slice(0, 400));
    const form = w.text.slice(w.text.indexOf('<details class="assign'));
    assert.match(form, /^<details class="assign no-print" open>/);
    assert.match(form, new RegExp(`<p class="field-error" id="username-error">${said.source}</p>`));
    assert.match(form, /<option value="rina" selected>/);
    assert.match(form, /<option value="staf" selected>/);
  }
  assert.deepEqual([(await stepOf(n)).assigned_user, (await stepOf(n)).assigned_role], [null, 'helpdesk'], 'nothing written');

  // a stand-in who holds the role: the step goes to rina, and shows in yoga's tasks
  let r = await as('admin', 'PATCH', `/api/v1/users/rina/absences/${away.json.id}`, { replacement: 'yoga' });
  assert.equal(r.status, 200, r.text);
  const noticesTo = (u) => q(`SELECT n.kind || '|' || k.number || '|' || s.no FROM notice n JOIN users u ON u.id=n.to_user_id`
    + ` JOIN kasus k ON k.id=n.case_id JOIN case_step s ON s.id=n.case_step_id WHERE u.username='${u}' ORDER BY n.id`).split('\n').filter(Boolean);
  const yogaSeen = noticesTo('yoga').length;
  r = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { no: 2, username: 'rina' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.absent, { kind: 'cuti', from: '2026-01-05', until: '2026-01-06', replacement: 'yoga' });
  // yoga, who stands in, is told as rina is, the mail saying for whom; rina's own mail does not
  assert.deepEqual(noticesTo('yoga').slice(yogaSeen), [`assigned|${n}|2`]);
  const lastMail = (u) => q(`SELECT body FROM outbox WHERE to_addr='${u}@lpse.example.go.id' ORDER BY id DESC LIMIT 1`);
  assert.match(lastMail('yoga'), /Yth\. YOGA,[\s\S]*Tugas saya Anda\. Anda menggantikan RINA \(Cuti\) sampai 6 Januari 2026\.\n/);
  assert.match(lastMail('rina'), /Yth\. RINA,[\s\S]*Tugas saya Anda\.\n/);
  // a change of the absence back to wira is refused as a new one is (the rule of the absence's own check)
  r = await as('admin', 'PATCH', `/api/v1/users/rina/absences/${away.json.id}`, { replacement: 'wira' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'replacement');

  // yoga, who stands in for rina, away too with wira: rina's open decision would pass on to wira, who may not take it
  const yogaAway = { from: '2026-01-05', to: '2026-01-05', kind: 'sakit', replacement: 'wira' };
  r = await as('admin', 'POST', '/api/v1/users/yoga/absences?lang=en', yogaAway);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'replacement');
  assert.ok(r.json.error.message.includes(`helpdesk (${n}/2)`), r.json.error.message);
  // rina's step given back to its role: nothing of rina's would go to wira
  r = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { no: 2, role: 'helpdesk', username: '' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].assigned_user, null);
  // the chain's end stands in: yoga away too, replaced by wira, so a new step of rina's would land with wira
  const yoga = await as('admin', 'POST', '/api/v1/users/yoga/absences', yogaAway);
  assert.equal(yoga.status, 201, yoga.text);
  const n2 = await atStep2('Rantai pengganti');
  r = await as('admin', 'POST', `/api/v1/cases/${n2}/assign?lang=en`, { username: 'rina' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.message, 'rina is away (Leave) until 6 January 2026; wira, who stands in for them, lacks the role this step\'s decision needs: helpdesk');
  // a chain that finds nobody (rina → yoga → rina): no stand-in can act, the assignment goes through as before
  r = await as('admin', 'PATCH', `/api/v1/users/yoga/absences/${yoga.json.id}`, { replacement: 'rina' });
  assert.equal(r.status, 200, r.text);
  r = await as('admin', 'POST', `/api/v1/cases/${n2}/assign`, { username: 'rina' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[1].assigned_user, 'rina');

  // an absence to come, set before a step was given: a change of its period is checked as a new one
  const later = await as('admin', 'POST', '/api/v1/users/wulan/absences', { from: '2026-02-02', to: '2026-02-03', kind: 'dinas_luar', replacement: 'wira' });
  assert.equal(later.status, 201, later.text);
  const n3 = await atStep2('Cuti yang akan datang');
  r = await as('admin', 'POST', `/api/v1/cases/${n3}/assign`, { username: 'wulan' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.absent, null);
  for (const change of [{ from: '2026-01-05' }, { to: '2026-02-04' }]) {
    r = await as('admin', 'PATCH', `/api/v1/users/wulan/absences/${later.json.id}`, change);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'replacement');
  }

  // reopened, a step goes back to whom it was assigned, unless they are away with such a stand-in: then to its role alone
  r = await as('admin', 'POST', `/api/v1/cases/${n3}/cancel`, { reason: 'Diuji' });
  assert.equal(r.status, 200, r.text);
  r = await as('admin', 'PATCH', `/api/v1/users/wulan/absences/${later.json.id}`, { from: '2026-01-05' });
  assert.equal(r.status, 200, r.text);
  r = await as('admin', 'POST', `/api/v1/cases/${n3}/reopen`);
  assert.equal(r.status, 200, r.text);
  const s = r.json.steps.at(-1);
  assert.deepEqual([s.no, s.done_at, s.assigned_user], [2, null, null]);
});

test('a decision step is given only to one who may take its decision: a user without the role is refused, naming username and the role; the page offers them neither the step nor its button', async () => {
  const r0 = cli(['user', 'add', 'bima', '--data', dir, '--role', 'staf', '--email', 'bima@lpse.example.go.id', '--name', 'BIMA'],
    { env: { LOKET_PASSWORD: PW } });
  assert.equal(r0.status, 0, r0.stderr);
  // step 2 of OI-02 is the helpdesk's decision: bima holds staf alone
  const n = await atStep2('Keputusan bukan untuk staf');
  const audits = auditOf(n).length;
  let r = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { no: 2, username: 'bima' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  assert.equal(r.json.error.message, 'Nama pengguna tidak dapat mengambil keputusan langkah ini: prosedur memberikannya kepada helpdesk');
  r = await as('admin', 'POST', `/api/v1/cases/${n}/assign?lang=en`, { no: 2, username: 'bima' });
  assert.equal(r.json.error.message, 'Username cannot take this step\'s decision: the procedure gives it to helpdesk');
  assert.equal((await stepOf(n)).assigned_user, null, 'nothing written');
  assert.equal(auditOf(n).length, audits, 'nothing audited');
  // the staf's queue may still hold it (a role's members who hold helpdesk too take it)
  r = await as('admin', 'POST', `/api/v1/cases/${n}/assign`, { role: 'staf' });
  assert.equal(r.status, 200, r.text);
  // the case page: bima is not offered in the user list; on bima's own page, no button to take the step
  const admin = await webSession(nodes[0].url);
  const page = (await admin.get(`/kasus/${n}`)).text;
  const users = page.slice(page.indexOf('id="assign-user"'), page.indexOf('</select>', page.indexOf('id="assign-user"')));
  assert.match(users, /<option value="sari">/);
  assert.doesNotMatch(users, /value="bima"/);
  assert.match((await (await webSession(nodes[0].url, 'sari', PW)).get(`/kasus/${n}`)).text, /Ambil langkah ini/, 'sari (helpdesk) may take it');
  const bima = await webSession(nodes[0].url, 'bima', PW);
  const own = (await bima.get(`/kasus/${n}`)).text;
  assert.doesNotMatch(own, /Ambil langkah ini/);
  // a form sent anyway is refused under the user's field, nothing written
  const w = await admin.post(`/kasus/${n}/tugaskan`, { csrf: admin.csrfOf(page), no: '2', role: 'staf', username: 'bima', was: '', was_role: 'staf' });
  assert.equal(w.status, 400, w.text.slice(0, 300));
  assert.match(w.text, /<p class="field-error" id="username-error">tidak dapat mengambil keputusan langkah ini: prosedur memberikannya kepada helpdesk<\/p>/);
  assert.equal((await stepOf(n)).assigned_user, null);
});
