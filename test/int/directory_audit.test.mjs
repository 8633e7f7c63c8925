// A directory entry's change is audited saying what changed: party.update names the entry and the
// members whose stored value changed (a number written another way is no change), so the head of
// the unit reading the audit log sees an NIP removed or a phone replaced. Runs on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, token;
before(async () => { s = await startServer(); token = await login(s.url); });
after(async () => { if (s) await s.stop(); });

const lastUpdate = async () => (await request(s.url, 'GET', '/api/v1/audit?action=party.update&limit=1', { token })).json.rows[0];

test('party.update names the members changed, and says when nothing did', async () => {
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
  r = await request(s.url, 'PATCH', `/api/v1/directory/${id}`, { token, body: { phone: '+62 813 9999 0000', email: 'DEWI@batangkab.go.id' } });
  assert.equal(r.status, 200, r.text);
  a = await lastUpdate();
  assert.equal(a.detail, 'Dewi Lestari: no change');
});
