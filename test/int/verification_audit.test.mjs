// Provider verification (OI-01), step 3: what the online registration says (its day, which moves
// the lapse, the NIB, address, deed, director) is written to the audit log with the step, the
// value it had before beside the new one, so a moved lapse date can be traced to who moved it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, wibDay } from './lib.mjs';

let s, token;
const api = (method, path, body) => request(s.url, method, `/api/v1${path}`, { token, body });

before(async () => { s = await startServer(); token = await login(s.url); });
after(async () => { if (s) await s.stop(); });

test('step 3 audits the registration data it stores, old and new', async () => {
  const today = wibDay(), earlier = wibDay(Date.now() - 3 * 86400 * 1000);
  let r = await api('POST', '/verifications', { company: 'PT Audit Jaya', npwp: '01.234.567.8-901.000',
    email: 'a@auditjaya.co.id', contact: 'Sari', registered_on: today, nib: '9120001234567' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  for (const step of ['arrive', 'agenda']) {
    r = await api('POST', `/verifications/${id}/${step}`);
    assert.equal(r.status, 200, r.text);
  }
  r = await api('POST', `/verifications/${id}/registration`, { spse_user: 'auditjaya', registered_on: earlier,
    nib: '9120007654321', address: 'Jl. Merdeka 1', deed: 'Akta No. 5', director: 'Sari Dewi' });
  assert.equal(r.status, 200, r.text);
  r = await api('GET', `/audit?action=verify.registration&object=verification:${id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows.length, 1, r.text);
  const d = r.json.rows[0].detail;
  assert.match(d, /User ID auditjaya/);
  assert.ok(d.includes(`registered_on ${today} -> ${earlier}`), d);
  assert.ok(d.includes('nib 9120001234567 -> 9120007654321'), d);
  assert.ok(d.includes('; address Jl. Merdeka 1; deed Akta No. 5; director Sari Dewi'), d);
  assert.match(d, /blacklist: not listed$/);
});
