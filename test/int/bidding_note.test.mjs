// The bidding room's page (BTG-006) takes a note with a step, as the API does: what the LPSE
// did at step 9 (handling the problem) is written with the step, and a step refused keeps the
// note typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

let s, token, web;
before(async () => { s = await startServer(); addUser(s.dir, 'tina', 'trainer'); token = await login(s.url); web = await webSession(s.url); });
after(async () => { if (s) await s.stop(); });

test('a bidding-room step done on the page keeps its note', async () => {
  let r = await web.post('/ruang-bidding', { csrf: web.csrf, name: 'Rudi Hartono', organisation: 'CV Jaya' });
  assert.equal(r.status, 303, r.text);
  const n = decodeURIComponent(r.headers.get('location').match(/\/ruang-bidding\/([^/?#]+)/)[1]);
  const visit = await web.get(`/ruang-bidding/${n}`);
  assert.match(visit.text, /<textarea[^>]*name="note"/);
  r = await web.post(`/ruang-bidding/${n}/langkah/3`, { csrf: web.csrf, outcome: 'yes', note: 'Sudah ikut pelatihan Maret' });
  assert.equal(r.status, 303, r.text);
  r = await request(s.url, 'GET', `/api/v1/cases/${encodeURIComponent(n)}`, { token });
  assert.equal(r.json.steps.find((x) => x.no === 3).note, 'Sudah ikut pelatihan Maret');
  // step 6 is not open: refused, the note typed is still in the form
  r = await web.post(`/ruang-bidding/${n}/langkah/6`, { csrf: web.csrf, outcome: 'yes', note: 'Data kualifikasi lengkap' });
  assert.equal(r.status, 409, r.text);
  assert.match(r.text, /<textarea[^>]*name="note"[^>]*>Data kualifikasi lengkap<\/textarea>/);
  // step 5 waits for the trainer (a test of its own); named, the note too long is what is refused
  assert.equal((await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: 'tina' })).status, 303);
  r = await web.post(`/ruang-bidding/${n}/langkah/5`, { csrf: web.csrf, outcome: 'done', note: 'x'.repeat(5000) });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /<textarea[^>]*name="note"[^>]*aria-invalid/);
});
