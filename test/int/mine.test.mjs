// "Tugas saya": a step the requester takes (the caller giving information, the
// applicant completing a file) is followed by the officer who opened the case —
// nobody holds the requester's role — and by no other officer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, frozenServer, addUser, login, request, webSession } from './lib.mjs';

let s, meja, lain;
before(async () => {
  s = await startServer();
  addUser(s.dir, 'meja', 'helpdesk', 'meja-bantuan-2026');
  addUser(s.dir, 'lain', 'helpdesk', 'lain-bantuan-2026');
  meja = await login(s.url, 'meja', 'meja-bantuan-2026');
  lain = await login(s.url, 'lain', 'lain-bantuan-2026');
});
after(async () => { await s.stop(); });

const mine = async (token) =>
  (await request(s.url, 'GET', '/api/v1/cases?mine=1', { token })).json.cases.map((c) => c.number);

test('a phone case waiting on the caller is in the opener\'s tasks, not another officer\'s', async () => {
  const open = await request(s.url, 'POST', '/api/v1/cases', { token: meja, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi SPSE',
    requester: { name: 'Budi Santoso', phone: '0812-3456-7890' } } });
  assert.equal(open.status, 201, open.text);
  const number = open.json.number;
  assert.equal(open.json.current_step, 1);                 // step 1: the requester phones
  assert.ok((await mine(meja)).includes(number), 'the opener follows the requester\'s step');
  assert.ok(!(await mine(lain)).includes(number), 'another officer does not');
  // step 2 is the helpdesk's: both helpdesk officers see it now
  const done = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token: meja, body: { outcome: 'done' } });
  assert.equal(done.status, 200, done.text);
  assert.ok((await mine(lain)).includes(number));
  // and the page shows it under Tugas saya for the opener
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  assert.match((await web.get('/tugas')).text, new RegExp(number));
});

test('OI-06: the Pokja\'s steps (1 and 7), whose holders do not work in the office\'s pages, are followed by the opener', async () => {
  const open = await request(s.url, 'POST', '/api/v1/cases', { token: meja, body: {
    sop: 'SOP 06/LPSE/2012', channel: 'email', subject: 'Berkas .rhs tidak dapat dibuka',
    requester: { name: 'Pokja Konstruksi', org_name: 'ULP Kabupaten' } } });
  assert.equal(open.status, 201, open.text);
  const number = open.json.number;
  assert.equal(open.json.current_step, 1);                 // step 1: the Pokja cannot open the file
  assert.ok((await mine(meja)).includes(number), 'the opener follows the Pokja\'s step');
  assert.ok(!(await mine(lain)).includes(number), 'another officer does not');
  const web = await webSession(s.url, 'meja', 'meja-bantuan-2026');
  assert.match((await web.get('/tugas')).text, new RegExp(number));
  // given to the role Pokja (whose turn it is), it stays with the opener
  const given = await request(s.url, 'POST', `/api/v1/cases/${number}/assign`, { token: meja, body: { role: 'pokja' } });
  assert.equal(given.status, 200, given.text);
  assert.ok((await mine(meja)).includes(number), 'the opener still follows it');
  assert.ok(!(await mine(lain)).includes(number), 'another officer still does not');
});

// Overdue and mine at once: the caller's overdue steps, however many overdue steps of others come
// due before them (limit caps the caller's rows, not the rows looked at); and a step whose clock
// stands held (an escalation waiting for LKPP) is overdue in no list, the role's queue on the
// page included. The clock is frozen: opened Monday 23 November 2026 08:00 WIB, looked at 09:00.
test('overdue=1 with mine=1: the caller\'s overdue steps past others\' that came due first; a held step is in no overdue list', async () => {
  const clock = frozenServer();
  try {
    await clock.serveAt('2026-11-23T08:00:00+07:00');
    addUser(clock.dir, 'arsip', 'staf', 'arsip-kantor-2026');
    const open = async (sop, subject) => {
      const r = await clock.api('POST', '/api/v1/cases', { sop, channel: 'letter', subject, requester: { name: 'Andi Pratama' } });
      assert.equal(r.status, 201, r.text);
      return r.json.number;
    };
    // a phone case at step 2 (the help desk's, 10 seconds): due 08:00:10, the first overdue
    const phone = await open('SOP-LPSE.BTG-017', 'Telepon tidak terangkat');
    const d = await clock.api('POST', `/api/v1/cases/${phone}/steps/1`, { outcome: 'done' });
    assert.equal(d.status, 200, d.text);
    // OI-05 step 1 is the staf's, 10 minutes of office time: due 08:10
    const lupa = await open('SOP-05-LPSE-2012', 'Lupa user ID PPK');
    const rhs = await open('SOP-06-LPSE-2012', 'Berkas .rhs tidak dapat dibuka');
    const r1 = await clock.api('POST', `/api/v1/cases/${rhs}/steps/1`, { outcome: 'done' });   // step 2: staf, helpdesk; 08:10
    assert.equal(r1.status, 200, r1.text);
    await clock.serveAt('2026-11-23T09:00:00+07:00');
    const arsip = await login(clock.url, 'arsip', 'arsip-kantor-2026');
    const list = async (q, token = arsip) => {
      const r = await clock.api('GET', `/api/v1/cases?${q}`, undefined, token);
      assert.equal(r.status, 200, r.text);
      return r.json.cases.map((c) => c.number);
    };
    assert.deepEqual(await list('overdue=1'), [phone, lupa, rhs]);
    assert.deepEqual(await list('overdue=1&mine=1'), [lupa, rhs]);
    assert.deepEqual(await list('overdue=1&mine=1&limit=1'), [lupa], 'the phone step, not the staf\'s, comes due first');
    // the RHS case escalated to LKPP outside: its step stands held, overdue nowhere
    const esc = await clock.api('POST', `/api/v1/cases/${rhs}/escalations`, { title: 'Berkas .rhs rusak', application: 'SPSE 4.5',
      type: 'permasalahan', description: 'Tidak dapat dibuka di LPSE', external_ticket: 'TTS-2026-0101' });
    assert.equal(esc.status, 201, esc.text);
    assert.equal(esc.json.paused, true);
    assert.deepEqual(await list('overdue=1'), [phone, lupa]);
    assert.deepEqual(await list('overdue=1&mine=1'), [lupa]);
    const web = await webSession(clock.url, 'arsip', 'arsip-kantor-2026');
    for (const path of ['/kasus?overdue=1', '/kasus?role=staf&overdue=1']) {
      const page = await web.get(path);
      assert.equal(page.status, 200, path);
      assert.match(page.text, new RegExp(lupa), path);
      assert.doesNotMatch(page.text, new RegExp(rhs), `${path}: the held step is not overdue`);
    }
    // the role's whole queue still lists it
    assert.match((await web.get('/kasus?role=staf')).text, new RegExp(rhs));
  } finally {
    await clock.stop();
  }
});

// One's own figures on the dashboard (API and the page /laporan, "My work") count the steps of
// "Tugas saya" and no others: a step of a role held (given to the role with no user named, or to
// no one and the procedure's actor), of either of two roles, one given by name; not another's
// by name; a held step open but not overdue. The list (API, page) and the counts agree.
test('the dashboard\'s own open and overdue steps are those of Tugas saya, a role\'s steps included', async () => {
  const clock = frozenServer();
  try {
    await clock.serveAt('2026-11-23T08:00:00+07:00');
    addUser(clock.dir, 'dua', 'helpdesk,staf', 'dua-peran-kantor-2026');
    addUser(clock.dir, 'lain', 'staf', 'lain-staf-kantor-2026');
    const open = async (sop, subject) => {
      const r = await clock.api('POST', '/api/v1/cases', { sop, channel: 'letter', subject, requester: { name: 'Andi Pratama' } });
      assert.equal(r.status, 201, r.text);
      return r.json.number;
    };
    const assign = async (number, body) => {
      const r = await clock.api('POST', `/api/v1/cases/${number}/assign`, body);
      assert.equal(r.status, 200, r.text);
    };
    // step 2 of a phone case: the help desk's (the procedure's actor, nobody named), due 08:00:10
    const phone = await open('SOP-LPSE.BTG-017', 'Telepon tidak terangkat');
    assert.equal((await clock.api('POST', `/api/v1/cases/${phone}/steps/1`, { outcome: 'done' })).status, 200);
    // OI-05 step 1, the staf's, due 08:10: one left to the procedure, one given to the role staf
    // alone, one to dua by name, one to lain by name
    const actor = await open('SOP-05-LPSE-2012', 'Lupa user ID PPK');
    const role = await open('SOP-05-LPSE-2012', 'Lupa user ID Pokja');
    await assign(role, { role: 'staf' });
    const named = await open('SOP-05-LPSE-2012', 'Lupa user ID PP');
    await assign(named, { username: 'dua' });
    const other = await open('SOP-05-LPSE-2012', 'Lupa user ID PA');
    await assign(other, { username: 'lain' });
    // a .rhs case at step 2 (staf, helpdesk), given to the role helpdesk, then escalated: held
    const rhs = await open('SOP-06-LPSE-2012', 'Berkas .rhs tidak dapat dibuka');
    assert.equal((await clock.api('POST', `/api/v1/cases/${rhs}/steps/1`, { outcome: 'done' })).status, 200);
    await assign(rhs, { role: 'helpdesk' });
    const esc = await clock.api('POST', `/api/v1/cases/${rhs}/escalations`, { title: 'Berkas .rhs rusak', application: 'SPSE 4.5',
      type: 'permasalahan', description: 'Tidak dapat dibuka di LPSE', external_ticket: 'TTS-2026-0102' });
    assert.equal(esc.status, 201, esc.text);
    await clock.serveAt('2026-11-23T09:00:00+07:00');
    const dua = await login(clock.url, 'dua', 'dua-peran-kantor-2026');
    const tasks = await clock.api('GET', '/api/v1/cases?mine=1', undefined, dua);
    assert.equal(tasks.status, 200, tasks.text);
    assert.deepEqual(tasks.json.cases.map((c) => c.number).sort(), [phone, actor, role, named, rhs].sort());
    const overdue = await clock.api('GET', '/api/v1/cases?mine=1&overdue=1', undefined, dua);
    assert.deepEqual(overdue.json.cases.map((c) => c.number).sort(), [phone, actor, role, named].sort());
    const d = await clock.api('GET', '/api/v1/reports/dashboard', undefined, dua);
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.mine.assigned_open, 5, d.text);
    assert.equal(d.json.mine.assigned_overdue, 4, d.text);
    // the pages say the same: Tugas saya's count line and the dashboard's "My work"
    const web = await webSession(clock.url, 'dua', 'dua-peran-kantor-2026');
    const page = await web.get('/tugas');
    assert.match(page.text, /Langkah terbuka: 5 · <strong class="bad">terlambat: 4<\/strong>/);
    for (const n of [phone, actor, role, named, rhs]) assert.ok(page.text.includes(n), n);
    assert.ok(!page.text.includes(`>${other}<`), 'another\'s by name is not listed');
    const dash = await web.get('/laporan');
    assert.equal(dash.status, 200);
    assert.match(dash.text, /<span class="stat-label">Langkah terbuka saya<\/span><a class="stat-value" href="\/tugas"[^>]*>5<\/a>/);
    assert.match(dash.text, /<span class="stat-label">Yang terlambat<\/span><span class="stat-value">4<\/span>/);
    // lain's: the one given to them by name and the staf's steps nobody was named for
    const lain = await login(clock.url, 'lain', 'lain-staf-kantor-2026');
    const ld = await clock.api('GET', '/api/v1/reports/dashboard', undefined, lain);
    const lt = await clock.api('GET', '/api/v1/cases?mine=1', undefined, lain);
    assert.deepEqual(lt.json.cases.map((c) => c.number).sort(), [actor, role, other].sort());
    assert.equal(ld.json.mine.assigned_open, 3, ld.text);
    assert.equal(ld.json.mine.assigned_overdue, 3, ld.text);
  } finally {
    await clock.stop();
  }
});
