// An administrator loads an edited or a new procedure file into a running Loket, no rebuild and
// no restart (docs/sop-format.md): through `loket sop load`, POST /api/v1/sops and the form of
// /prosedur. Each text unlike the procedure's current revision is a new revision; new cases follow
// it, a case opened before keeps its own to its end, a restart keeps the loaded revision, a broken
// file is refused with its lines and nothing stored, an unchanged one says so, a non-administrator
// is refused. The server that stored it serves it at once; another process's load is served within
// SOP_REFRESH_S (2 s). On PostgreSQL, two nodes on one database: loaded through A, B serves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { ROOT, PG, initData, startServer, request, login, cli, addUser, webSession, sameDbFolder, waitFor, finishPhoneCase, sqlite, confDb } from './lib.mjs';

const PHONE = readFileSync(join(ROOT, 'sop/btg-017-phone.sop'), 'utf8');
const PENGADUAN = readFileSync(join(ROOT, 'test/sop/pengaduan.sop'), 'utf8');
const CODE = 'SOP-LPSE.BTG-017';
const NEW = 'SOP-LPSE.UJI-020';
const TRAINING = { training_start: '2026-01-19T08:00:00+07:00', training_end: '2026-01-21T15:30:00+07:00' };
const REQUESTER = { name: 'Rina Penelepon', email: 'rina@example.go.id', phone: '081234567891' };
const DELAY_MS = 5000;   // the documented delay (2 s) with room for a loaded machine
const work = mkdtempSync(join(tmpdir(), 'loket-sopload-'));
// the edits: step 2's standard (10 s → 20 s, then 30 s) and the document's revision
const V2 = PHONE.replace('revision: 00', 'revision: 01').replace('  time: 10s real\n', '  time: 20s real\n');
const V3 = PHONE.replace('revision: 00', 'revision: 02').replace('  time: 10s real\n', '  time: 30s real\n');
assert.notEqual(V2, PHONE);
assert.notEqual(V3, PHONE);

let srv, dir, token;
const api = (method, path, body, t = token, url = srv.url) => request(url, method, path, { token: t, body });
const file = (name, text) => { const f = join(work, name); writeFileSync(f, text); return f; };
const current = async (code = CODE, url = srv.url, t = token) => (await api('GET', `/api/v1/sops/${encodeURIComponent(code)}`, undefined, t, url)).json;

// Open a phone case; its number and revision_no.
async function open(url = srv.url, t = token, subject = 'telepon') {
  const r = await api('POST', '/api/v1/cases', { sop: CODE, subject, requester: REQUESTER }, t, url);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const finish = (number) => finishPhoneCase(srv.url, token, number);

before(async () => {
  dir = initData();
  srv = await startServer({ dir });
  token = await login(srv.url);
});
after(async () => {
  if (srv) await srv.stop();
  rmSync(work, { recursive: true, force: true });
});

test('loket sop load: an edited BTG-017 stored as revision 2 while the server runs; the open case keeps revision 1 to its end, a new one follows 2', async () => {
  const before = await open(srv.url, token, 'dibuka sebelum perubahan');
  assert.equal(before.revision_no, 1);
  assert.equal((await current()).source, 'built-in');
  const r = cli(['sop', 'load', file('btg-017-phone.sop', V2), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /btg-017-phone\.sop: SOP-LPSE\.BTG-017 stored as revision 2\n/);
  const p = await waitFor(async () => { const x = await current(); return x.revision_no === 2 && x; });
  assert.ok(p, 'the server serves revision 2 within the documented delay');
  assert.equal(p.revision, '01');
  assert.equal(p.source, 'loaded');
  assert.match(p.loaded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(p.steps[1].standard.seconds, 20);
  const list = (await api('GET', '/api/v1/sops')).json.sops.find((x) => x.code === CODE);
  assert.equal(list.revision_no, 2);
  const after = await open(srv.url, token, 'dibuka sesudah perubahan');
  assert.equal(after.revision_no, 2);
  const done = await finish(before.number);
  assert.equal(done.revision_no, 1, 'the case opened before ends under its own revision');
  assert.equal((await finish(after.number)).revision_no, 2);
  // the CLI lists the current revision, from the database
  const ls = cli(['sop', 'list', '--data', dir]);
  assert.equal(ls.status, 0, ls.stderr);
  assert.match(ls.stdout, /SOP-LPSE\.BTG-017 +01 +8 .*\[revision 2, loaded, /);
});

test('loket sop load: an unchanged file says so; a broken one is refused with its lines and nothing stored, the good one beside it neither', () => {
  const same = cli(['sop', 'load', file('btg-017-phone.sop', V2), '--data', dir]);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /SOP-LPSE\.BTG-017 unchanged \(revision 2\)/);
  const broken = file('rusak.sop', V3.replace('  actor: helpdesk\n  time: 30s real\n', '  actor: satpam\n  time: 30s real\n'));
  const r = cli(['sop', 'load', file('btg-017-v3.sop', V3), broken, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rusak\.sop:\d+: actor: "satpam"/);
  assert.match(r.stderr, /loket sop load: nothing stored/);
  assert.equal(r.stdout, '');
  assert.match(cli(['sop', 'list', '--data', dir]).stdout, /SOP-LPSE\.BTG-017 .*\[revision 2, loaded, /);
  // a folder given beside a good file: said so, all or none
  const f = cli(['sop', 'load', file('btg-017-v3.sop', V3), dirname(broken), '--data', dir]);
  assert.equal(f.status, 1);
  assert.match(f.stderr, /: a folder, not a procedure file: name the files in it \(.*\/\*\.sop\)\nloket sop load: nothing stored\n$/);
  assert.equal(f.stdout, '');
  assert.match(cli(['sop', 'list', '--data', dir]).stdout, /SOP-LPSE\.BTG-017 .*\[revision 2, loaded, /);
});

test('POST /api/v1/sops: 201 with the revision stored, served at once; 200 unchanged; 422 with lines; 403 for a non-administrator', async () => {
  const r = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: V3 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, CODE);
  assert.equal(r.json.revision_no, 3);
  assert.equal(r.json.source, 'loaded');
  assert.equal((await current()).revision_no, 3, 'the server that stored it serves it at once');
  assert.equal((await open()).revision_no, 3);
  const same = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: V3 });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.json.revision_no, 3);
  const bad = await api('POST', '/api/v1/sops', { file: 'x.sop', text: 'code: X\ntitle: t\nrevision: 00\nstep 1\n  text: a\n  actor: satpam\n  time: none\n' });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json.error.code, 'invalid');
  assert.deepEqual(bad.json.error.errors.map((e) => e.line), [6]);
  assert.match(bad.json.error.errors[0].message, /^actor: "satpam" bukan peran di Loket \(bukan pula requester\): /);
  assert.equal((await api('GET', '/api/v1/sops')).json.sops.length, 10, 'nothing stored');
  const missing = await api('POST', '/api/v1/sops', { file: 'x.sop' });
  assert.equal(missing.status, 400);
  // a control character, a CR alone or an empty text: each at its line, as sop load says it (not a 400 naming no line),
  // in the reader's language: Indonesian, English for an English reader
  for (const [text, line, msg, en] of [
    [V3.replace('  time: 30s real\n', '  time: 30s real\x07\n'), 42, /^ada karakter kendali tak terlihat \(U\+0007\) di baris ini/,
      /^an invisible control character \(U\+0007\) in the line/],
    [V3.replace('revision: 02\n', 'revision: 02\r'), 6, /^ada pemisah baris CR saja/, /^a line break of CR alone/],
    ['', 1, /^berkas kosong: prosedur memuat code:/, /^the file is empty/],
  ]) {
    for (const [path, want] of [['/api/v1/sops', msg], ['/api/v1/sops?lang=en', en]]) {
      const r = await api('POST', path, { file: 'btg-017-phone.sop', text });
      assert.equal(r.status, 422, r.text);
      assert.ok(r.json.error.errors.every((e) => e.line === line), r.text);
      assert.match(r.json.error.errors[0].message, want);
    }
  }
  // the messages of the flow, the standards and the keys, in both languages, each at its line as the command line says it
  const flow = V3.replace('  time: 30s real\n', '  time: 30 detik\n').replace('  actor: helpdesk\n', '  actr: helpdesk\n');
  const cliSays = cli(['sop', 'check', file('btg-017-phone.sop', flow)]).stderr;
  const id = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: flow });
  const en = await api('POST', '/api/v1/sops?lang=en', { file: 'btg-017-phone.sop', text: flow });
  assert.equal(id.status, 422, id.text);
  assert.deepEqual(id.json.error.errors.map((e) => e.line), en.json.error.errors.map((e) => e.line));
  for (const e of en.json.error.errors) assert.ok(cliSays.includes(`btg-017-phone.sop:${e.line}: ${e.message}\n`), `${e.message} as the CLI says it: ${cliSays}`);
  assert.ok(id.json.error.errors.some((e) => /^kunci langkah "actr" tidak dikenal: maksud Anda "actor"\?$/.test(e.message)), id.text);
  assert.ok(id.json.error.errors.some((e) => /^time: "30 detik": kata-katanya berbahasa Inggris: s, min atau h/.test(e.message)), id.text);
  assert.ok(id.json.error.errors.some((e) => /^langkah \d+: kunci wajib "actor" belum ada$/.test(e.message)), id.text);
  assert.ok(en.json.error.errors.some((e) => /^unknown step key "actr": did you mean "actor"\?$/.test(e.message)), en.text);
  assert.ok(en.json.error.errors.some((e) => /^time: "30 detik": the words are English/.test(e.message)), en.text);
  // a code that makes another procedure's address: said at its line, in the reader's language too
  const twin = 'code: SOP 02 LPSE.OI 2012\ntitle: Kembar\nrevision: 00\nstep 1\n  text: a\n  actor: helpdesk\n  time: none\n';
  for (const [path, want] of [['/api/v1/sops', /^kode SOP 02 LPSE\.OI 2012 menghasilkan alamat yang sama \(SOP-02-LPSE\.OI-2012\) dengan kode SOP 02\/LPSE\.OI\/2012 di \S+ \(baris \d+\)$/],
    ['/api/v1/sops?lang=en', /^code SOP 02 LPSE\.OI 2012 makes the same address \(SOP-02-LPSE\.OI-2012\) as code SOP 02\/LPSE\.OI\/2012 of \S+ \(line \d+\)$/]]) {
    const t = await api('POST', path, { file: 'kembar.sop', text: twin });
    assert.equal(t.status, 422, t.text);
    assert.deepEqual(t.json.error.errors.map((e) => e.line), [1], t.text);
    assert.match(t.json.error.errors[0].message, want);
  }
  // a code that differs from another only in small and capital letters: an address finds either
  const lower = PHONE.replace('code: SOP-LPSE.BTG-017', 'code: sop-lpse.btg-017');
  for (const [path, want] of [['/api/v1/sops', /^kode sop-lpse\.btg-017 berbeda dari kode SOP-LPSE\.BTG-017 di \S+ \(baris \d+\) hanya pada huruf kecil dan besar/],
    ['/api/v1/sops?lang=en', /^code sop-lpse\.btg-017 differs from code SOP-LPSE\.BTG-017 of \S+ \(line \d+\) only in small and capital letters/]]) {
    const t = await api('POST', path, { file: 'telepon-kecil.sop', text: lower });
    assert.equal(t.status, 422, t.text);
    assert.deepEqual(t.json.error.errors.map((e) => e.line), [2], t.text);
    assert.match(t.json.error.errors[0].message, want);
  }
  assert.equal((await api('GET', '/api/v1/sops/sop-lpse.btg-017')).json.code, CODE);
  assert.equal((await current()).revision_no, 3, 'nothing stored');
  addUser(dir, 'hana', 'helpdesk', 'hana-password-2026');
  const hana = await login(srv.url, 'hana', 'hana-password-2026');
  const no = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: V2 }, hana);
  assert.equal(no.status, 403);
  assert.equal((await current()).revision_no, 3);
});

test('a brand-new eleventh procedure loaded through the API; a case of it opened', async () => {
  const r = await api('POST', '/api/v1/sops', { file: 'uji-020-pengaduan.sop', text: PENGADUAN });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.revision_no, 1);
  assert.equal((await api('GET', '/api/v1/sops')).json.sops.length, 11);
  assert.equal((await current('UJI-020')).code, NEW, 'found by its short name, from the file name given');
  const c = await api('POST', '/api/v1/cases', { sop: NEW, subject: 'pengaduan', requester: REQUESTER, events: TRAINING });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.revision_no, 1);
});

test('a restart keeps the loaded revisions: the files compiled in, unchanged since the binary brought them, store nothing', async () => {
  await srv.stop({ keep: true });
  srv = await startServer({ dir });
  token = await login(srv.url);
  const p = await current();
  assert.equal(p.revision_no, 3);
  assert.equal(p.source, 'loaded');
  assert.equal(p.steps[1].standard.seconds, 30);
  assert.equal((await api('GET', '/api/v1/sops')).json.sops.length, 11);
  assert.equal((await open()).revision_no, 3);
});

test('the form of /prosedur: an administrator uploads a file; errors shown with their lines; others see no form', async () => {
  const web = await webSession(srv.url);
  const page = await web.get('/prosedur');
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post" action="\/prosedur" enctype="multipart\/form-data">/);
  assert.match(page.text, /Muat berkas prosedur/);
  const upload = async (name, text, lang = '') => {
    const fd = new FormData();
    fd.append('csrf', web.csrfOf(page.text));
    fd.append('file', new Blob([text], { type: 'text/plain' }), name);
    const res = await fetch(srv.url + '/prosedur', { method: 'POST', body: fd, redirect: 'manual',
      headers: { Cookie: web.cookie() + (lang ? `; loket_lang=${lang}` : ''), Origin: srv.url } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const bad = await upload('rusak.sop', PHONE.replace('  time: 10s real\n', '  time: kapan\n'));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Berkas prosedur berisi kesalahan: tidak ada yang disimpan/);
  assert.match(bad.text, /<li>Baris 42: time: &quot;kapan&quot;: durasi ditulis bilangan bulat dan satuan s, min atau h, tanpa spasi/);
  // the messages in the page's language: Indonesian above, English for one who reads it in English
  // (and next: End is the end, as next: end: no error at its line)
  const kapan = PHONE.replace('  time: 10s real\n', '  time: kapan\n').replace('  next: end\n', '  next: End\n');
  const idPage = await upload('rusak.sop', kapan);
  const enPage = await upload('rusak.sop', kapan, 'en');
  assert.equal(enPage.status, 422);
  assert.match(enPage.text, /<li>Line 42: time: &quot;kapan&quot;: a duration is a whole number and a unit s, min or h, with no space/);
  assert.match(idPage.text, /<li>Baris 42: time: &quot;kapan&quot;: durasi ditulis/);
  assert.doesNotMatch(idPage.text, /a duration is/);
  for (const t of [idPage.text, enPage.text]) assert.equal((t.match(/<li>(Baris|Line) \d+/g) || []).length, 1, t);
  // a chosen file that is empty is said so at line 1 (not "choose a file"), one with an escape at its line
  const empty = await upload('kosong.sop', '');
  assert.equal(empty.status, 422);
  assert.match(empty.text, /<li>Baris 1: berkas kosong: prosedur memuat code:, title:, revision: dan paling sedikit &quot;step 1&quot;/);
  const esc = await upload('btg-017-phone.sop', PHONE.replace('  time: 10s real\n', '  time: 10s real\x1b[0m\n'));
  assert.equal(esc.status, 422);
  assert.match(esc.text, /<li>Baris 42: ada karakter kendali tak terlihat \(U\+001B\) di baris ini/);
  assert.equal((await current()).revision_no, 3);
  const good = await upload('btg-017-phone.sop', PHONE);
  assert.equal(good.status, 303, good.text);
  assert.match(good.headers.get('location'), /^\/prosedur\/SOP-LPSE\.BTG-017\?ok=/);
  const shown = await web.get(good.headers.get('location'));
  assert.match(shown.text, /Prosedur dimuat: kasus baru mengikuti revisi ini/);
  assert.match(shown.text, /Revisi tersimpan<\/dt><dd>4 \(dimuat oleh administrator/);
  const p = await current();
  assert.equal(p.revision_no, 4, 'the text compiled in, loaded again, is a new revision: it differs from revision 3');
  assert.equal(p.steps[1].standard.seconds, 10);
  const again = await upload('btg-017-phone.sop', PHONE);
  assert.equal(again.status, 303);
  assert.match((await web.get(again.headers.get('location'))).text, /Berkas sama dengan revisi yang berlaku: tidak ada yang disimpan/);
  const staff = await webSession(srv.url, 'hana', 'hana-password-2026');
  const theirs = await staff.get('/prosedur');
  assert.equal(theirs.status, 200);
  assert.doesNotMatch(theirs.text, /action="\/prosedur"/);
});

test('an edited copy saved under another name (telepon-baru.sop, through the CLI and the API) is a new revision that keeps the short name BTG-017 and its file name; the name given is in the audit row', async () => {
  const V5 = PHONE.replace('revision: 00', 'revision: 04').replace('  time: 10s real\n', '  time: 40s real\n');
  const V6 = PHONE.replace('revision: 00', 'revision: 05').replace('  time: 10s real\n', '  time: 50s real\n');
  const r = cli(['sop', 'load', file('telepon-baru.sop', V5), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const p5 = await waitFor(async () => { const x = await current('BTG-017'); return x && x.revision_no === 5 && x; });
  assert.ok(p5, 'BTG-017 finds revision 5 within the documented delay');
  assert.equal(p5.code, CODE);
  assert.equal(p5.steps[1].standard.seconds, 40);
  const viaApi = await api('POST', '/api/v1/sops', { file: 'telepon.sop', text: V6 });
  assert.equal(viaApi.status, 201, viaApi.text);
  assert.equal(viaApi.json.revision_no, 6);
  assert.equal((await current('BTG-017')).revision_no, 6, 'still found by its short name');
  const c = await api('POST', '/api/v1/cases', { sop: 'BTG-017', subject: 'telepon', requester: REQUESTER });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.revision_no, 6);
  const revs = cli(['sop', 'revisions', 'BTG-017', '--json', '--data', dir]);
  assert.equal(revs.status, 0, revs.stderr);
  assert.doesNotMatch(revs.stdout, /telepon/, 'stored under the file name that gives the short name');
  const audit = (await api('GET', '/api/v1/audit?action=sop.load')).json;
  const details = JSON.stringify(audit);
  assert.match(details, /revision 5, [^"]*telepon-baru\.sop, kept as btg-017-phone\.sop/);
  assert.match(details, /revision 6, telepon\.sop, kept as btg-017-phone\.sop/);
});

test('two nodes on one PostgreSQL database: loaded through node A, node B serves it for new cases within the delay',
  { skip: !PG && 'PostgreSQL only: set LOKET_TEST_DB' }, async () => {
    const dirA = initData();
    const dirB = sameDbFolder(dirA);
    const A = await startServer({ dir: dirA });
    const B = await startServer({ dir: dirB });
    try {
      const ta = await login(A.url), tb = await login(B.url);
      assert.equal((await current(CODE, B.url, tb)).revision_no, 1);
      const r = await api('POST', '/api/v1/sops', { file: 'btg-017-phone.sop', text: V2 }, ta, A.url);
      assert.equal(r.status, 201, r.text);
      const t0 = Date.now();
      const seen = await waitFor(async () => (await current(CODE, B.url, tb)).revision_no === 2);
      assert.ok(seen, 'node B serves revision 2');
      assert.ok(Date.now() - t0 < DELAY_MS);
      assert.equal((await open(B.url, tb, 'di node B')).revision_no, 2);
      // and a load through the CLI (a third process), seen by both
      const c = cli(['sop', 'load', file('btg-017-phone.sop', V3), '--data', dirB]);
      assert.equal(c.status, 0, c.stderr);
      assert.ok(await waitFor(async () => (await current(CODE, A.url, ta)).revision_no === 3), 'node A serves revision 3');
      assert.equal((await open(A.url, ta, 'di node A')).revision_no, 3);
    } finally {
      await B.stop({ keep: true });
      await A.stop();
      rmSync(dirB, { recursive: true, force: true });
    }
  });

test('loket sop show --data: a step of a long text and many tasks is printed whole (the table cut it at 96 lines, and lettered the 27th task "{")', () => {
  const long = Array.from({ length: 900 }, (_, i) => `kata${i}`).join(' ');
  const tasks = Array.from({ length: 40 }, (_, i) => `  task: Tugas nomor ${i + 1} | none\n`).join('');
  const text = 'code: SOP-LPSE.UJI-031\ntitle: Prosedur panjang\nrevision: 00\n'
    + `step 1\n  text: Awal ${long} AKHIR\n  actor: helpdesk\n${tasks}  time: none\n  output: Keluaran terakhir\n`;
  const l = cli(['sop', 'load', file('uji-031-panjang.sop', text), '--data', dir]);
  assert.equal(l.status, 0, l.stderr);
  const r = cli(['sop', 'show', 'UJI-031', '--data', dir], { env: { COLUMNS: '80' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /kata899 AKHIR/);
  assert.match(r.stdout, /\n +z\. Tugas nomor 26 \[tanpa standar\]\n +aa\. Tugas nomor 27 \[tanpa standar\]\n/);
  assert.match(r.stdout, /\n +an\. Tugas nomor 40 \[tanpa standar\]\n +Output: Keluaran terakhir\n/);
  for (const line of r.stdout.split('\n')) assert.ok([...line].length <= 80, `at most 80 columns: ${line}`);
});

test('loket sop list and show: a text stored by an older version with control characters (an escape, a bell, a CSI of C1) is printed as text, not as the terminal\'s commands', () => {
  const text = 'code: SOP-LPSE.UJI-032\ntitle: Judul lama\nrevision: 00\nstep 1\n  text: a\n  actor: helpdesk\n  time: none\n';
  const l = cli(['sop', 'load', file('uji-032-lama.sop', text), '--data', dir]);
  assert.equal(l.status, 0, l.stderr);
  // as an older Loket stored it, before such characters were refused at load
  const ch = confDb(dir) ? 'chr' : 'char';
  const u = sqlite(join(dir, 'loket.db'), `UPDATE procedure SET body = replace(body, 'title: Judul lama', 'title: Judul ' || ${ch}(27) || '[2J' || ${ch}(7) || 'lama' || ${ch}(155) || '31m') WHERE code = 'SOP-LPSE.UJI-032'`);
  assert.equal(u.status, 0, u.stderr);
  const v = sqlite(join(dir, 'loket.db'), `UPDATE procedure SET body = replace(body, '  text: a', '  text: a ' || ${ch}(27) || ']0;judul' || ${ch}(7) || 'b') WHERE code = 'SOP-LPSE.UJI-032'`);
  assert.equal(v.status, 0, v.stderr);
  for (const env of [{}, { COLUMNS: '80' }]) {
    const r = cli(['sop', 'list', '--data', dir], { env });
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.split('\n').find((x) => x.startsWith('SOP-LPSE.UJI-032'));
    assert.ok(line, r.stdout);
    assert.match(line, /^SOP-LPSE\.UJI-032 +00 +1 {2}Judul \u241B\[2J\u2407lama\uFFFD31m {2}\[revision 1, loaded, /);
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]/, 'no control character reaches the terminal');
  }
  const show = cli(['sop', 'show', 'UJI-032', '--data', dir], { env: { COLUMNS: '80' } });
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /Judul \u241B\[2J\u2407lama\uFFFD31m/);
  assert.match(show.stdout, /a \u241B\]0;judul\u2407b/);
  assert.doesNotMatch(show.stdout, /[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]/, 'sop show: no control character reaches the terminal');
});

test('the flow chart of a procedure whose steps name every actor has a lane for each (a 13th was drawn in the 12th\'s lane, PPK\'s) and keeps to the page', async () => {
  const roles = ['admin', 'pengarah', 'ketua', 'sekretaris', 'admin_agency', 'verifikator', 'helpdesk', 'trainer', 'piket',
    'staf', 'penyedia', 'ppk', 'pokja', 'pejabat_pengadaan', 'lkpp', 'requester'];
  const text = 'code: SOP-LPSE.UJI-040\ntitle: Banyak pelaku\nrevision: 00\n'
    + roles.map((r, i) => `step ${i + 1}\n  text: Langkah ${i + 1} oleh ${r}\n  actor: ${r}\n  time: none\n`).join('');
  const l = await api('POST', '/api/v1/sops', { file: 'uji-040-pelaku.sop', text });
  assert.equal(l.status, 201, l.text);
  const web = await webSession(srv.url);
  const svg = await web.get('/prosedur/SOP-LPSE.UJI-040/alur.svg');
  assert.equal(svg.status, 200);
  // the lanes' labels, as narrow lanes wrap them (a word broken across lines)
  const words = [...svg.text.matchAll(/>([^<>]+)</g)].map((m) => m[1]).join('');
  for (const lane of ['PPKPokja', 'LKPPPemohon']) assert.ok(words.includes(lane), `a lane for ${lane}: ${words.slice(0, 400)}`);
  // step 16 (the requester's) sits in the last lane, right of step 12 (PPK's)
  const at = (no) => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${no}</text>`).exec(svg.text.slice(svg.text.indexOf('Langkah 1 oleh')))?.[1]);
  assert.ok(at(16) > at(12), `step 16 at ${at(16)}, step 12 at ${at(12)}`);
  // and the drawing keeps to the width it is laid out for (the PDF's page): lanes and text columns narrow
  const width = Number(/viewBox="-1 -1 (\d+) /.exec(svg.text)[1]);
  assert.ok(width <= 762, `the drawing is ${width} wide`);
  const pdf = await web.get('/prosedur/SOP-LPSE.UJI-040/alur.pdf');
  assert.equal(pdf.status, 200);
});

test('loket sop load: a file whose effective date is still to come says that new cases follow it from now, not from that date', () => {
  const text = 'code: SOP-LPSE.UJI-041\ntitle: Berlaku nanti\nrevision: 01\neffective: 2099-01-01\nstep 1\n  text: a\n  actor: helpdesk\n  time: none\n';
  const r = cli(['sop', 'load', file('uji-041-nanti.sop', text), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${join(work, 'uji-041-nanti.sop')}: SOP-LPSE.UJI-041 stored as revision 1 (effective 2099-01-01 in the file: new cases follow it from now, not from that date)\n`);
  const past = cli(['sop', 'load', file('uji-041-nanti.sop', text.replace('2099-01-01', '2020-01-01')), '--data', dir]);
  assert.equal(past.stdout, `${join(work, 'uji-041-nanti.sop')}: SOP-LPSE.UJI-041 stored as revision 2\n`);
});

// A revision of a help desk procedure timed from a training's end: the help desk's forms give no events,
// so they would refuse every new case of it. load says so; the API, given the event, opens one.
test('loket sop load: a procedure (not the trainings\') whose standards count from an event says new cases must give it', async () => {
  const text = 'code: SOP-LPSE.UJI-042\ntitle: Laporan sesudah pelatihan\nrevision: 01\neffective: 2020-01-01\nstep 1\n  text: a\n  actor: helpdesk\n  time: 1h after training_end\n';
  const r = cli(['sop', 'load', file('uji-042-acara.sop', text), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${join(work, 'uji-042-acara.sop')}: SOP-LPSE.UJI-042 stored as revision 1 (new cases must give the events training_end: the help desk's forms give none and refuse them; POST /api/v1/cases with "events" opens one)\n`);
  const plain = cli(['sop', 'load', file('uji-042-acara.sop', text.replace('1h after training_end', '25min office')), '--data', dir]);
  assert.equal(plain.stdout, `${join(work, 'uji-042-acara.sop')}: SOP-LPSE.UJI-042 stored as revision 2\n`);
});
