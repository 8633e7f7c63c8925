// A directory entry's change is audited saying what changed: party.update names the entry and the
// members whose stored value changed (a number written another way is no change), so the head of
// the unit reading the audit log sees an NIP removed or a phone replaced. A change that changes
// nothing (every member as stored, a number written another way) writes nothing and audits nothing:
// the API answers "changed":false, the entry's page says nothing changed. Runs on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

let s, token;
before(async () => { s = await startServer(); token = await login(s.url); });
after(async () => { if (s) await s.stop(); });

const lastUpdate = async () => (await request(s.url, 'GET', '/api/v1/audit?action=party.update&limit=1', { token })).json.rows[0];

test('party.update names the members changed; nothing written nor audited when nothing did', async () => {
  let r = await request(s.url, 'POST', '/api/v1/directory', { token, body: { kind: 'org', org_type: 'agency', name: 'Dinas Kesehatan' } });
  assert.equal(r.status, 201, r.text);
  r = await request(s.url, 'POST', '/api/v1/directory', { token, body: {
    kind: 'person', name: 'Dewi Lestari', nip: '19820314 200604 2 002', phone: '0813-1111-2222', email: 'dewi@batangkab.go.id' } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await request(s.url, 'PATCH', `/api/v1/directory/${id}`, { token, body: { nip: null, phone: '0813-9999-0000', agency: 'Dinas Kesehatan' } });
  assert.equal(r.status, 200, r.text);
  let a = await lastUpdate();
  assert.equal(a.object, `party/${id}`);
  assert.equal(a.detail, 'Dewi Lestari: nip, agency, phone');
  assert.equal(r.json.changed, true);
  const updates = async () => (await request(s.url, 'GET', '/api/v1/audit?action=party.update&limit=200', { token })).json.rows.length;
  assert.equal(await updates(), 1);
  r = await request(s.url, 'PATCH', `/api/v1/directory/${id}`, { token, body: { phone: '+62 813 9999 0000', email: 'DEWI@batangkab.go.id' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.changed, false, r.text);
  assert.equal(r.json.phone, '+6281399990000');
  assert.equal(await updates(), 1, 'no audit row when nothing changed');
  // the entry's page: the form posted as it stands says nothing changed, and audits nothing
  const web = await webSession(s.url);
  const page = await web.get(`/direktori/${id}`);
  assert.equal(page.status, 200);
  const fields = { csrf: web.csrfOf(page.text) };
  for (const m of page.text.matchAll(/<input [^>]*name="([a-z_]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== 'csrf' && m[1] !== 'from') fields[m[1]] = m[2].replace(/&amp;/g, '&');
  for (const m of page.text.matchAll(/<select [^>]*name="([a-z_]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)" selected/);
    if (sel) fields[m[1]] = sel[1];
  }
  const posted = await web.post(`/direktori/${id}`, fields);
  assert.equal(posted.status, 303, posted.text);
  const back = await web.get(posted.headers.get('location'));
  assert.match(back.text, /Tidak ada yang berubah: entri sudah demikian/);
  assert.equal(await updates(), 1, 'the page audits nothing either');
  r = await request(s.url, 'PATCH', `/api/v1/directory/${id}`, { token, body: { position: 'PPK' } });
  assert.equal(r.json.changed, true);
  a = await lastUpdate();
  assert.equal(a.detail, 'Dewi Lestari: position');
  assert.equal(await updates(), 2);
});
