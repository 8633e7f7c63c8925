// A procedure's stored revisions seen, compared and brought back, and a procedure taken out of
// service (docs/sop-format.md, "Changing a procedure"): `loket sop revisions`, `loket sop show
// --revision N --text`, GET /api/v1/sops/:code/revisions[/N][?format=text], the revisions on
// /prosedur/…, an administrator's line-by-line difference; `loket sop retire|restore`, POST
// /api/v1/sops/:code/retire|restore and the page's button: a retired procedure opens no new case
// (409 naming sop; /kasus/baru does not offer it; a flow that opens one of its cases refuses), its
// open cases run to their end, it stays listed with "retired": true; restored, cases open again.
// On PostgreSQL, two nodes on one database: retired through A, B refuses within the delay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, PG, initData, startServer, request, login, cli, addUser, webSession, sameDbFolder, waitFor, finishPhoneCase } from './lib.mjs';

const PHONE = readFileSync(join(ROOT, 'sop/btg-017-phone.sop'), 'utf8');
const CODE = 'SOP-LPSE.BTG-017';
const REQUESTER = { name: 'Rina Penelepon', email: 'rina@example.go.id', phone: '081234567891' };
const DELAY_MS = 5000;   // the documented delay (2 s) with room for a loaded machine
const work = mkdtempSync(join(tmpdir(), 'loket-soprev-'));
// revision 2: step 2's standard 10 s → 20 s and the document's revision; revision 3: a line added
const V2 = PHONE.replace('revision: 00', 'revision: 01').replace('  time: 10s real\n', '  time: 20s real\n');
const V3 = V2.replace('revision: 01', 'revision: 02');
assert.notEqual(V2, PHONE);
const sha = (t) => createHash('sha256').update(Buffer.from(t, 'utf8')).digest('hex');

let srv, dir, token;
const api = (method, path, body, t = token, url = srv.url) => request(url, method, path, { token: t, body });
const file = (name, text) => { const f = join(work, name); writeFileSync(f, text); return f; };
const current = async (url = srv.url, t = token) => (await api('GET', `/api/v1/sops/${CODE}`, undefined, t, url)).json;
const open = (url = srv.url, t = token, subject = 'telepon') => api('POST', '/api/v1/cases', { sop: CODE, subject, requester: REQUESTER }, t, url);

const finish = (number) => finishPhoneCase(srv.url, token, number);

before(async () => {
  dir = initData();
  srv = await startServer({ dir });
  token = await login(srv.url);
  addUser(dir, 'hana', 'helpdesk', 'hana-password-2026');
});
after(async () => {
  if (srv) await srv.stop();
  rmSync(work, { recursive: true, force: true });
});

test('loket sop revisions and sop show --revision N --text: each stored text back byte for byte; an old one loaded again is a new revision', async () => {
  const c1 = await open();
  assert.equal(c1.status, 201, c1.text);
  const r = cli(['sop', 'load', file('btg-017-phone.sop', V2), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const ls = cli(['sop', 'revisions', 'BTG-017', '--data', dir]);
  assert.equal(ls.status, 0, ls.stderr);
  assert.match(ls.stdout, /^SOP-LPSE\.BTG-017\n/);
  assert.match(ls.stdout, new RegExp(`\\n +1 +built-in +\\S+ +- +1 +btg-017-phone\\.sop +${sha(PHONE)}\\n`), 'revision 1: one case open under it');
  assert.match(ls.stdout, new RegExp(`\\n\\* +2 +loaded +\\S+ +cli +0 +btg-017-phone\\.sop +${sha(V2)}\\n`), 'revision 2, current, loaded by cli');
  const js = cli(['sop', 'revisions', CODE, '--json', '--data', dir]);
  assert.equal(js.status, 0, js.stderr);
  const j = JSON.parse(js.stdout);
  assert.equal(j.code, CODE);
  assert.equal(j.retired, false);
  assert.deepEqual(j.revisions.map((x) => [x.revision_no, x.source, x.loaded_by, x.open_cases, x.current, x.sha256]),
    [[1, 'built-in', null, 1, false, sha(PHONE)], [2, 'loaded', 'cli', 0, true, sha(V2)]]);
  for (const [no, text] of [[1, PHONE], [2, V2]]) {
    const t = cli(['sop', 'show', 'BTG-017', '--revision', String(no), '--text', '--data', dir]);
    assert.equal(t.status, 0, t.stderr);
    assert.equal(t.stdout, text, `revision ${no} byte for byte`);
  }
  // the table says which stored revision it shows and whether new cases follow it
  assert.match(cli(['sop', 'show', 'BTG-017', '--revision', '1', '--data', dir]).stdout,
    /^SOP-LPSE\.BTG-017 {2}\(revisi 00, versi 1; bukan yang berlaku: kasus baru mengikuti\s+versi 2\)\n/);
  assert.match(cli(['sop', 'show', 'BTG-017', '--data', dir, '--lang', 'en']).stdout, /^SOP-LPSE\.BTG-017 {2}\(revision \S+, stored revision 2\)\n/);
  assert.match(cli(['sop', 'show', 'BTG-017']).stdout, /^SOP-LPSE\.BTG-017 {2}\(revisi 00\)\n/, 'the file compiled in: no stored revision to name');
  const one = cli(['sop', 'show', 'BTG-017', '--revision', '1', '--json', '--data', dir]);
  assert.equal(JSON.parse(one.stdout).revision_no, 1);
  assert.equal(JSON.parse(one.stdout).steps[1].standard.seconds, 10);
  const none = cli(['sop', 'show', 'BTG-017', '--revision', '9', '--text', '--data', dir]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /has no revision 9 \(see loket sop revisions "SOP-LPSE\.BTG-017" --data DIR\)/, 'the code quoted, as a shell takes one with spaces');
  assert.equal(cli(['sop', 'show', 'BTG-017', '--revision', '1']).status, 2, '--revision reads the database: --data is needed');
  // back to revision 1: its text, saved and loaded, becomes revision 3 (new cases follow it)
  const back = cli(['sop', 'show', 'BTG-017', '--revision', '1', '--text', '--data', dir]).stdout;
  const l = cli(['sop', 'load', file('btg-017-phone.sop', back), '--data', dir]);
  assert.equal(l.status, 0, l.stderr);
  assert.match(l.stdout, /stored as revision 3/);
  const p = await waitFor(async () => { const x = await current(); return x.revision_no === 3 && x; });
  assert.ok(p, 'served within the delay');
  assert.equal(p.steps[1].standard.seconds, 10);
  assert.equal(sha(cli(['sop', 'show', 'BTG-017', '--revision', '3', '--text', '--data', dir]).stdout), sha(PHONE));
});

test('GET /api/v1/sops/:code/revisions and /revisions/N (?format=text): the list, each revision as JSON and its file byte for byte', async () => {
  const r = await api('GET', '/api/v1/sops/BTG-017/revisions');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, CODE);
  assert.deepEqual(r.json.revisions.map((x) => [x.revision_no, x.source, x.current]), [[1, 'built-in', false], [2, 'loaded', false], [3, 'loaded', true]]);
  assert.match(r.json.revisions[0].loaded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  for (const [no, text] of [[1, PHONE], [2, V2], [3, PHONE]]) {
    const t = await api('GET', `/api/v1/sops/${CODE}/revisions/${no}?format=text`);
    assert.equal(t.status, 200);
    assert.match(t.headers.get('content-type'), /^text\/plain/);
    assert.equal(t.text, text);
    const o = await api('GET', `/api/v1/sops/BTG-017/revisions/${no}`);
    assert.equal(o.status, 200, o.text);
    assert.equal(o.json.revision_no, no);
    assert.equal(o.json.code, CODE);
    assert.equal(o.json.steps[1].standard.seconds, no === 2 ? 20 : 10);
  }
  assert.equal((await api('GET', `/api/v1/sops/${CODE}/revisions/4`)).status, 404);
  assert.equal((await api('GET', `/api/v1/sops/${CODE}/revisions/x`)).status, 404);
  assert.equal((await api('GET', '/api/v1/sops/NOPE-1/revisions')).status, 404);
  assert.equal((await api('GET', `/api/v1/sops/${CODE}/revisions/1?format=pdf`)).status, 400);
  // restoring through the API: revision 2's text loaded again is revision 4
  const v2 = (await api('GET', `/api/v1/sops/${CODE}/revisions/2?format=text`)).text;
  const load = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: v2 });
  assert.equal(load.status, 201, load.text);
  assert.equal(load.json.revision_no, 4);
  assert.equal(load.json.steps[1].standard.seconds, 20);
  const hana = await login(srv.url, 'hana', 'hana-password-2026');
  assert.equal((await api('GET', `/api/v1/sops/${CODE}/revisions`, undefined, hana)).status, 200, 'sop.read: staff see the revisions');
});

test('the procedure page lists its revisions with their files; an administrator sees what each changed from the one before', async () => {
  const web = await webSession(srv.url);
  const page = await web.get(`/prosedur/${CODE}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<section class="card sop-revisions" id="revisi"><h2>Revisi<\/h2>/);
  assert.match(page.text, /<tr id="revisi-4"><td class="num">4 <span class="tag">berlaku<\/span><\/td><td>dimuat oleh administrator<\/td>/);
  assert.match(page.text, new RegExp(`<a href="/prosedur/${CODE}/revisi/1">Lihat</a> · <a href="/prosedur/${CODE}/revisi/1\\?unduh=1" download="btg-017-phone.sop">Unduh</a>`));
  assert.match(page.text, new RegExp(`href="/prosedur/${CODE}/revisi/2/beda">Perubahan dari revisi sebelumnya</a>`));
  const view = await web.get(`/prosedur/${CODE}/revisi/2`);
  assert.equal(view.status, 200);
  assert.equal(view.text, V2);
  const dl = await web.get(`/prosedur/${CODE}/revisi/2?unduh=1`);
  assert.equal(dl.text, V2);
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="btg-017-phone\.sop"/);
  const diff = await web.get(`/prosedur/${CODE}/revisi/2/beda`);
  assert.equal(diff.status, 200);
  assert.match(diff.text, /perubahan dari revisi 1 → 2/);
  assert.match(diff.text, /Baris ditambahkan: 2 · Baris dihapus: 2/);
  assert.match(diff.text, /<tr class="diff-del"><td class="num">\d+<\/td><td class="num"><\/td><td>−<\/td><td class="line">  time: 10s real<\/td><\/tr>/);
  assert.match(diff.text, /<tr class="diff-add"><td class="num"><\/td><td class="num">\d+<\/td><td>\+<\/td><td class="line">  time: 20s real<\/td><\/tr>/);
  assert.match(diff.text, /<tr class="diff-add"><td class="num"><\/td><td class="num">\d+<\/td><td>\+<\/td><td class="line">revision: 01<\/td><\/tr>/);
  assert.equal((await web.get(`/prosedur/${CODE}/revisi/1/beda`)).status, 404, 'revision 1 has none before it');
  const staff = await webSession(srv.url, 'hana', 'hana-password-2026');
  const theirs = await staff.get(`/prosedur/${CODE}`);
  assert.match(theirs.text, /id="revisi"/);
  assert.doesNotMatch(theirs.text, /\/beda"/);
  assert.doesNotMatch(theirs.text, /nonaktifkan/);
  assert.equal((await staff.get(`/prosedur/${CODE}/revisi/2/beda`)).status, 403);
  assert.equal((await staff.get(`/prosedur/${CODE}/revisi/2`)).text, V2);
});

test('retiring BTG-017: no new case (409 naming sop, not offered on /kasus/baru, the phone desk refuses); an open case completes; restored, cases open again', async () => {
  const c = await open(srv.url, token, 'dibuka sebelum dinonaktifkan');
  assert.equal(c.status, 201, c.text);
  const hana = await login(srv.url, 'hana', 'hana-password-2026');
  assert.equal((await api('POST', `/api/v1/sops/${CODE}/retire`, undefined, hana)).status, 403, 'sop.admin only');
  const r = await api('POST', '/api/v1/sops/BTG-017/retire');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.retired, true);
  assert.equal(r.json.changed, true);
  assert.equal((await api('POST', '/api/v1/sops/BTG-017/retire', {})).json.changed, false, 'already retired');
  const refused = await open();
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.error.field, 'sop');
  // the refusal names the procedure: its code and title, the title in the reader's language
  const proc = await current();
  const NAMED_ID = `Prosedur ${CODE} (${proc.title}) dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya`;
  const NAMED_EN = `The procedure ${CODE} (${proc.title_en}) is retired: no new case can be opened under it`;
  assert.notEqual(proc.title, proc.title_en);
  assert.equal(refused.json.error.message, NAMED_ID);
  const refusedEn = await api('POST', '/api/v1/cases?lang=en', { sop: CODE, subject: 'telepon', requester: REQUESTER });
  assert.equal(refusedEn.status, 409, refusedEn.text);
  assert.equal(refusedEn.json.error.message, NAMED_EN);
  const listed = (await api('GET', '/api/v1/sops')).json.sops.find((x) => x.code === CODE);
  assert.equal(listed.retired, true, 'still listed, said retired');
  assert.equal((await api('GET', '/api/v1/sops')).json.sops.filter((x) => x.retired).length, 1);
  // the phone desk, which opens BTG-017 cases, refuses the call with the reason
  const stamp = (await api('GET', '/api/v1/phone/stamp')).json;
  const call = await api('POST', '/api/v1/phone/calls', { stamp: stamp.stamp });
  assert.equal(call.status, 409, call.text);
  assert.equal(call.json.error.field, 'sop');
  assert.equal(call.json.error.message, NAMED_ID);
  const callEn = await api('POST', '/api/v1/phone/calls?lang=en', { stamp: stamp.stamp });
  assert.equal(callEn.status, 409, callEn.text);
  assert.equal(callEn.json.error.message, NAMED_EN);
  // the web: not offered, the address of its form says why, the page says so, the audit has it
  const web = await webSession(srv.url);
  const list = await web.get('/kasus/baru');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /kasus\/baru\?sop=SOP-LPSE\.BTG-017"/);
  assert.match(list.text, /kasus\/baru\?sop=SOP-LPSE\.BTG-019"/);
  const form = await web.get('/kasus/baru?sop=BTG-017');
  assert.equal(form.status, 409);
  const html = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  assert.ok(form.text.includes(`<p>${html(NAMED_ID)}</p>`), form.text.slice(0, 2000));
  const page = await web.get(`/prosedur/${CODE}`);
  assert.match(page.text, /<dt>Status<\/dt><dd><span class="tag">Nonaktif<\/span><\/dd>/);
  assert.match(page.text, new RegExp(`<form method="post" action="/prosedur/${CODE}/aktifkan">`));
  const audit = cli(['audit', 'verify', '--data', dir]);
  assert.equal(audit.status, 0, audit.stderr);
  const rows = (await api('GET', '/api/v1/audit?action=sop.retire')).json;
  assert.ok(JSON.stringify(rows).includes('sop.retire'), JSON.stringify(rows).slice(0, 300));
  // the case opened before runs to its end and stays readable and listed
  const done = await finish(c.json.number);
  assert.equal(done.status, 'closed');
  assert.equal((await api('GET', `/api/v1/cases/${encodeURIComponent(c.json.number)}`)).status, 200);
  const found = (await api('GET', `/api/v1/cases?sop=${CODE}&q=${encodeURIComponent('dinonaktifkan')}`)).json;
  assert.ok(JSON.stringify(found).includes(c.json.number), 'still searchable');
  // a new revision loaded does not restore it
  const load = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: V3 });
  assert.equal(load.status, 201, load.text);
  assert.equal(load.json.retired, true);
  assert.equal((await open()).status, 409);
  // restored through the page's button: cases open again, under the latest revision
  const restore = await web.post(`/prosedur/${CODE}/aktifkan`, { csrf: web.csrfOf(page.text) });
  assert.equal(restore.status, 303, restore.text);
  assert.match((await web.get(restore.headers.get('location'))).text, /Prosedur diaktifkan kembali: kasus baru dapat dibuka dengannya/);
  const again = await open();
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.revision_no, load.json.revision_no, "under the revision loaded while it was retired");
  assert.equal((await current()).retired, false);
  // and through the CLI, then restored through the API
  const cr = cli(['sop', 'retire', 'BTG-017', '--data', dir]);
  assert.equal(cr.status, 0, cr.stderr);
  assert.match(cr.stdout, /SOP-LPSE\.BTG-017: retired/);
  assert.ok(await waitFor(async () => (await open()).status === 409), 'the server follows the CLI within the delay');
  assert.match(cli(['sop', 'list', '--data', dir]).stdout, /SOP-LPSE\.BTG-017 .*, retired\]/);
  assert.match(cli(['sop', 'show', 'BTG-017', '--data', dir, '--lang', 'en']).stdout, /^SOP-LPSE\.BTG-017 {2}\(revision \S+, stored revision \d+; retired: no new case\)\n/);
  const back = await api('POST', `/api/v1/sops/${CODE}/restore`);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.retired, false);
  assert.equal((await open()).status, 201);
});

test('the help desk refuses a walk-in\'s case under a retired OI-02 with the reason; the guest-book entry keeps no case', async () => {
  assert.equal((await api('POST', '/api/v1/sops/OI-02/retire')).status, 200);
  const g = await api('POST', '/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', purpose: 'Tanya akun' });
  assert.equal(g.status, 201, g.text);
  const w = await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 409, w.text);
  assert.equal(w.json.error.field, 'sop');
  // the refusal names the procedure, its code and title (in the reader's language), on the walk-in and
  // the e-mail desks, through the API and the pages
  const ID = 'Prosedur SOP 02/LPSE.OI/2012 (Pelayanan Helpdesk melalui Email, Telepon atau Datang Langsung di LPSE Kab Ogan Ilir) dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya';
  const EN = 'The procedure SOP 02/LPSE.OI/2012 (Helpdesk service by e-mail, phone or in person at the LPSE of Ogan Ilir) is retired: no new case can be opened under it';
  assert.equal(w.json.error.message, ID);
  const wEn = await api('POST', '/api/v1/helpdesk/walk-in?lang=en', { guest_id: g.json.id });
  assert.equal(wEn.status, 409, wEn.text);
  assert.equal(wEn.json.error.message, EN);
  const mail = { text: 'From: Rina <rina@example.com>\nSubject: Jadwal\n\nKapan jadwalnya?\n' };
  for (const [path, want] of [['/api/v1/helpdesk/email', ID], ['/api/v1/helpdesk/email?lang=en', EN]]) {
    const m = await api('POST', path, mail);
    assert.equal(m.status, 409, m.text);
    assert.equal(m.json.error.field, 'sop');
    assert.equal(m.json.error.message, want);
  }
  const web = await webSession(srv.url);
  const hub = await web.get('/helpdesk');
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [path, fields] of [['/helpdesk/walk-in', { guest_id: String(g.json.id) }], ['/helpdesk/email', mail]]) {
    const page = await web.post(path, { csrf: web.csrfOf(hub.text), ...fields });
    assert.equal(page.status, 409, page.text.slice(0, 300));
    assert.match(page.text, new RegExp(esc(ID)), path);
  }
  assert.equal((await api('POST', '/api/v1/sops/OI-02/restore')).status, 200);
  const again = await api('POST', '/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(again.status, 201, again.text);
});

test('two nodes on one PostgreSQL database: retired through node A, node B refuses new cases within the delay, and restored',
  { skip: !PG && 'PostgreSQL only: set LOKET_TEST_DB' }, async () => {
    const dirA = initData();
    const dirB = sameDbFolder(dirA);
    const A = await startServer({ dir: dirA });
    const B = await startServer({ dir: dirB });
    try {
      const ta = await login(A.url), tb = await login(B.url);
      assert.equal((await open(B.url, tb)).status, 201);
      const r = await api('POST', `/api/v1/sops/${CODE}/retire`, undefined, ta, A.url);
      assert.equal(r.status, 200, r.text);
      const t0 = Date.now();
      assert.ok(await waitFor(async () => (await current(B.url, tb)).retired === true), 'node B sees it retired');
      assert.ok(Date.now() - t0 < DELAY_MS);
      assert.equal((await open(B.url, tb)).status, 409);
      const c = cli(['sop', 'restore', CODE, '--data', dirB]);
      assert.equal(c.status, 0, c.stderr);
      assert.ok(await waitFor(async () => (await open(A.url, ta)).status === 201), 'node A opens cases again');
    } finally {
      await B.stop({ keep: true });
      await A.stop();
      rmSync(dirB, { recursive: true, force: true });
    }
  });
