// Audit rows that belong to one office stay that office's on a server of several: a wrong guess on
// an office's public portal (the number tried, the visitor's address) is seen by that office's
// auditors, not by another's (one through the API without ?office=: the first office's, as the bare
// portal's page is); a ticket tracked is audited in its case's office, whichever office was asked; what belongs to no office (a sign-in with an unknown username) is
// still seen by every office; the chain verifies. Runs on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, login, request } from './lib.mjs';

let s, admin, oiAdmin;
before(async () => {
  s = await startServer();
  const add = cli(['office', 'add', 'LPSE-OI', '--name', 'LPSE Ogan Ilir', '--tz', 'WIB', '--data', s.dir]);
  assert.equal(add.status, 0, add.stderr);
  const oi = cli(['user', 'add', 'oiaudit', '--office', 'LPSE-OI', '--role', 'admin', '--data', s.dir],
                 { env: { LOKET_PASSWORD: 'oi-admin-password-1' } });
  assert.equal(oi.status, 0, oi.stderr);
  admin = await login(s.url);                                   // the first office's (LPSE)
  oiAdmin = await login(s.url, 'oiaudit', 'oi-admin-password-1');
});
after(async () => { if (s) await s.stop(); });

const rowsOf = async (token, action) => {
  const r = await request(s.url, 'GET', `/api/v1/audit?action=${action}&limit=200`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json.rows;
};

test("a ticket tracked without an office given is audited in its case's office (before any wrong guess: those are throttled)", async () => {
  // a question sent through the second office's portal
  const sub = await request(s.url, 'POST', '/api/v1/portal/tickets?office=LPSE-OI', { body: { name: 'Sari', email: 'sari@example.com',
    subject: 'Lupa kata sandi', description: 'Akun saya terkunci.' } });
  assert.equal(sub.status, 201, sub.text);
  // tracked through the API with no office (as a link without ?office= has it): found in every office's
  const r = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: sub.json.number, contact: 'sari@example.com' } });
  assert.equal(r.status, 200, r.text);
  const oiRows = (await rowsOf(oiAdmin, 'portal.track')).filter((x) => x.action === 'portal.track');
  assert.deepEqual(oiRows.map((x) => [x.object, x.actor]), [[`case:${sub.json.number}`, 'portal']], 'the case\'s office sees it');
  const lpseRows = (await rowsOf(admin, 'portal.track')).filter((x) => x.action === 'portal.track');
  assert.deepEqual(lpseRows, [], 'the first office does not');
});

test("a wrong guess on an office's portal is that office's row, not another office's", async () => {
  // the tracking form of the second office, as its portal links it
  const page = await fetch(s.url + '/portal/lacak?office=LPSE-OI');
  assert.equal(page.status, 200);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await page.text()).match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const form = await fetch(s.url + '/portal/lacak?office=LPSE-OI', { method: 'POST', redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams({ csrf, number: 'OI-TEBAK-1', contact: 'tebak@example.com' }).toString() });
  assert.equal(form.status, 404);
  // the API with the office's address, and without one (the first office's, as the bare portal)
  let r = await request(s.url, 'POST', '/api/v1/portal/track?office=LPSE-OI', { body: { number: 'OI-TEBAK-2', contact: 'tebak@example.com' } });
  assert.equal(r.status, 404, r.text);
  r = await request(s.url, 'POST', '/api/v1/portal/track', { body: { number: 'LPSE-TEBAK-3', contact: 'tebak@example.com' } });
  assert.equal(r.status, 404, r.text);

  const oiRows = await rowsOf(oiAdmin, 'portal.track_failed');
  assert.deepEqual(oiRows.map((x) => x.object).sort(), ['ticket:OI-TEBAK-1', 'ticket:OI-TEBAK-2']);
  const oiId = oiRows[0].office_id;
  assert.ok(oiId > 0 && oiRows.every((x) => x.office_id === oiId && x.actor === 'portal' && x.ip), JSON.stringify(oiRows));
  const lpseRows = await rowsOf(admin, 'portal.track_failed');
  assert.deepEqual(lpseRows.map((x) => x.object), ['ticket:LPSE-TEBAK-3'], "the other office's guesses are not shown here");
  assert.ok(lpseRows[0].office_id > 0 && lpseRows[0].office_id !== oiId);
  assert.ok(!oiRows.some((x) => x.object === 'ticket:LPSE-TEBAK-3'));
});

test('a row of no office is still seen by every office; the chain verifies', async () => {
  const r = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'tidak-ada', password: 'salah-sekali-2026' } });
  assert.equal(r.status, 401, r.text);
  for (const token of [admin, oiAdmin]) {
    const rows = await rowsOf(token, 'auth.login_failed');
    assert.ok(rows.some((x) => x.office_id === 0), JSON.stringify(rows));
  }
  const v = cli(['audit', 'verify', '--data', s.dir]);
  assert.equal(v.status, 0, v.stderr);
});
