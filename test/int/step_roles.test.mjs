// Who may do a step, and the case page's forms for what the API already did: a pengarah (who
// does not work on cases) takes the approval the procedure gives the pengarah, and a step
// assigned to them, but no other; a step is given only to one who can do it; staff cancel,
// reopen and assign from the case page, each refusal naming its field and losing nothing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession, addUser } from './lib.mjs';

let s, token, tg;
before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-23T08:00:00+07:00' } });
  token = await login(s.url);
  addUser(s.dir, 'pengarah1', 'pengarah');
  addUser(s.dir, 'lkpp1', 'lkpp');
  addUser(s.dir, 'penyedia1', 'penyedia');
  addUser(s.dir, 'pokja1', 'pokja');
  tg = await login(s.url, 'pengarah1', 'user-test-password-1');
});
after(async () => { await s.stop(); });
const post = (path, body, t = token) => request(s.url, 'POST', path, { token: t, body });
const get = (path, t = token) => request(s.url, 'GET', path, { token: t });
const OI03 = { sop: 'SOP 03/LPSE/2012', channel: 'letter', subject: 'User ID Pokja ULP', requester: { name: 'Pokja 3' } };

test('the pengarah takes the approval of OI-03 (step 3) alone, sees it in their tasks, and no other step', async () => {
  let r = await post('/api/v1/cases', OI03);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  // step 1 is the staff's: not the pengarah's
  r = await post(`/api/v1/cases/${n}/steps/1`, {}, tg);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'no');
  assert.equal((await get(`/api/v1/cases/${n}`)).json.current_step, 1, 'nothing written');
  for (const no of [1, 2]) assert.equal((await post(`/api/v1/cases/${n}/steps/${no}`, {})).status, 200);
  // now it waits for the pengarah: in their tasks
  r = await get('/api/v1/cases?mine=1', tg);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.cases.map((x) => [x.number, x.current_step]), [[n, 3]]);
  // the page shows them the form of step 3, and no cancel, assign or note forms
  const w = await webSession(s.url, 'pengarah1', 'user-test-password-1');
  let p = await w.get(`/kasus/${n}`);
  assert.equal(p.status, 200);
  assert.match(p.text, new RegExp(`action="/kasus/${n}/langkah/3"`));
  assert.doesNotMatch(p.text, /\/batalkan"|\/tugaskan"/);
  // the pengarah approves from the page
  const x = await w.post(`/kasus/${n}/langkah/3`, [['csrf', w.csrf], ['item', '1'], ['item', '2'], ['outcome', 'yes']]);
  assert.equal(x.status, 303, x.text);
  r = await get(`/api/v1/cases/${n}`);
  assert.equal(r.json.current_step, 4);
  assert.equal(r.json.steps.find((t) => t.no === 3).by, 'pengarah1');
  // step 4 is the admin agency's: refused, and the page shows no form
  r = await post(`/api/v1/cases/${n}/steps/4`, {}, tg);
  assert.equal(r.status, 403, r.text);
  p = await w.get(`/kasus/${n}`);
  assert.doesNotMatch(p.text, /\/langkah\/4"/);
  // nor may they cancel it
  assert.equal((await post(`/api/v1/cases/${n}/cancel`, { reason: 'x' }, tg)).status, 403);
});

test('a step assigned to a pengarah is theirs to do; a step is given only to one who can do it', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Lupa kata sandi',
                                        requester: { name: 'Budi' } });
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, {}, tg)).status, 403);
  // a requester's role does not work on a staff step; nor does LKPP's
  r = await post(`/api/v1/cases/${n}/assign`, { role: 'penyedia' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'role');
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'lkpp1' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'penyedia1' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  assert.equal((await get(`/api/v1/cases/${n}`)).json.steps[0].assigned_user, null, 'nothing written');
  r = await post(`/api/v1/cases/${n}/assign`, { username: 'pengarah1' });
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/cases/${n}/steps/1`, {}, tg);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[0].by, 'pengarah1');
  // the next step is not assigned to them
  assert.equal((await post(`/api/v1/cases/${n}/steps/2`, {}, tg)).status, 403);
  // OI-06 step 1 is the pokja's: that role may be given it, and an LKPP user may be given step 4
  r = await post('/api/v1/cases', { sop: 'SOP 06/LPSE/2012', channel: 'letter', subject: 'Berkas penawaran tidak dapat dibuka',
                                    requester: { name: 'Pokja 9' } });
  assert.equal(r.status, 201, r.text);
  const m = r.json.number;
  r = await post(`/api/v1/cases/${m}/assign`, { role: 'pokja' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps[0].assigned_role, 'pokja');
  r = await post(`/api/v1/cases/${m}/assign`, { username: 'lkpp1' });
  assert.equal(r.status, 400, 'LKPP does not do the pokja\'s step');
});

test('OI-06: a pokja user, who can neither read nor complete cases, is not given the pokja\'s step; an LKPP user is given LKPP\'s step and completes it', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP 06/LPSE/2012', channel: 'letter', subject: 'Berkas .rhs rusak',
                                        requester: { name: 'Pokja 7' } });
  assert.equal(r.status, 201, r.text);
  const m = r.json.number;
  const tp = await login(s.url, 'pokja1', 'user-test-password-1');
  assert.equal((await post(`/api/v1/cases/${m}/steps/1`, {}, tp)).status, 403, 'a pokja does not complete steps');
  r = await post(`/api/v1/cases/${m}/assign`, { username: 'pokja1' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'username');
  assert.equal((await get(`/api/v1/cases/${m}`)).json.steps[0].assigned_user, null, 'nothing written');
  const w = await webSession(s.url);
  let p = await w.get(`/kasus/${m}`);
  assert.match(p.text, /<option value="pokja"/, 'the role is offered (whose turn it is)');
  assert.doesNotMatch(p.text, /<option value="pokja1">/, 'the pokja user is not');
  for (const [no, outcome] of [[1, 'done'], [2, 'no'], [3, 'done']]) {
    assert.equal((await post(`/api/v1/cases/${m}/steps/${no}`, { outcome })).status, 200);
  }
  p = await w.get(`/kasus/${m}`);
  assert.match(p.text, /<option value="lkpp1">/, 'LKPP\'s step offers the LKPP user');
  r = await post(`/api/v1/cases/${m}/assign`, { username: 'lkpp1' });
  assert.equal(r.status, 200, r.text);
  const tl = await login(s.url, 'lkpp1', 'user-test-password-1');
  r = await post(`/api/v1/cases/${m}/steps/4`, {}, tl);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.steps.find((t) => t.no === 4).by, 'lkpp1');
  assert.equal(r.json.current_step, 5);
});

test('the case page: assign, cancel (a reason is required) and reopen, each written to the audit log', async () => {
  let r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Akun terkunci',
                                        requester: { name: 'Siti' } });
  const n = r.json.number;
  const w = await webSession(s.url);
  let p = await w.get(`/kasus/${n}`);
  assert.match(p.text, new RegExp(`action="/kasus/${n}/tugaskan"`));
  assert.match(p.text, new RegExp(`action="/kasus/${n}/batalkan"`));
  assert.match(p.text, /<option value="pengarah1">pengarah1/);
  assert.doesNotMatch(p.text, /<option value="penyedia1">/, 'a requester is not offered');
  assert.doesNotMatch(p.text, /<option value="lkpp1">/, 'nor LKPP, on a staff step');
  assert.doesNotMatch(p.text, new RegExp(`action="/kasus/${n}/buka-kembali"`), 'an open case is not reopened');
  // assign: a role that does not work on the step is refused under its field, the choice kept
  let x = await w.post(`/kasus/${n}/tugaskan`, { csrf: w.csrf, role: 'penyedia', username: '' });
  assert.equal(x.status, 400, x.text);
  assert.match(x.text, /id="assign-role"[^>]*aria-invalid="true"/);
  x = await w.post(`/kasus/${n}/tugaskan`, { csrf: w.csrf, role: 'helpdesk', username: 'pengarah1' });
  assert.equal(x.status, 303, x.text);
  r = await get(`/api/v1/cases/${n}`);
  assert.deepEqual([r.json.steps[0].assigned_role, r.json.steps[0].assigned_user], ['helpdesk', 'pengarah1']);
  p = await w.get(`/kasus/${n}`);
  assert.match(p.text, /<option value="pengarah1" selected>/, 'the form shows who has it');
  // empty clears
  x = await w.post(`/kasus/${n}/tugaskan`, { csrf: w.csrf, role: '', username: '' });
  assert.equal(x.status, 303);
  r = await get(`/api/v1/cases/${n}`);
  assert.deepEqual([r.json.steps[0].assigned_role, r.json.steps[0].assigned_user], [null, null]);
  // cancel: no reason is refused, under the field
  x = await w.post(`/kasus/${n}/batalkan`, { csrf: w.csrf, reason: '  ' });
  assert.equal(x.status, 400, x.text);
  assert.match(x.text, /id="cancel-reason"[^>]*aria-invalid="true"/);
  assert.equal((await get(`/api/v1/cases/${n}`)).json.status, 'open');
  x = await w.post(`/kasus/${n}/batalkan`, { csrf: w.csrf, reason: 'Penelepon salah sambung' });
  assert.equal(x.status, 303, x.text);
  assert.match(x.headers.get('location'), new RegExp(`^/kasus/${n}\\?ok=`));
  r = await get(`/api/v1/cases/${n}`);
  assert.deepEqual([r.json.status, r.json.cancel_reason], ['cancelled', 'Penelepon salah sambung']);
  p = await w.get(`/kasus/${n}`);
  assert.match(p.text, new RegExp(`action="/kasus/${n}/buka-kembali"`));
  assert.match(p.text, new RegExp(`action="/kasus/${n}/arsipkan"`));
  assert.doesNotMatch(p.text, new RegExp(`action="/kasus/${n}/batalkan"`));
  // cancelling again is refused (it is not open), and the page says so
  x = await w.post(`/kasus/${n}/batalkan`, { csrf: w.csrf, reason: 'lagi' });
  assert.equal(x.status, 409, x.text);
  // reopen: the step that was cancelled starts again
  x = await w.post(`/kasus/${n}/buka-kembali`, { csrf: w.csrf });
  assert.equal(x.status, 303, x.text);
  r = await get(`/api/v1/cases/${n}`);
  assert.equal(r.json.status, 'open');
  assert.deepEqual(r.json.steps.map((t) => [t.no, t.visit, t.outcome]), [[1, 1, 'cancelled'], [1, 2, null]]);
  // without the CSRF token nothing happens
  x = await w.post(`/kasus/${n}/batalkan`, { reason: 'tanpa token' });
  assert.equal(x.status, 403);
  assert.equal((await get(`/api/v1/cases/${n}`)).json.status, 'open');
  // the audit log has each
  r = await get(`/api/v1/audit?action=case.&limit=50`);
  const acts = r.json.rows.filter((e) => e.object === n).map((e) => e.action);
  for (const a of ['case.assign', 'case.cancel', 'case.reopen']) assert.ok(acts.includes(a), `${a} in ${acts}`);
  // a pengarah posting to the forms is refused by the route
  const g = await webSession(s.url, 'pengarah1', 'user-test-password-1');
  x = await g.post(`/kasus/${n}/batalkan`, { csrf: g.csrf, reason: 'bukan wewenang' });
  assert.equal(x.status, 403);
});
