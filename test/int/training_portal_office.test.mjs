// A training's public pages by id (/portal/pelatihan/ID/daftar and /kuesioner) and the public API's
// routes by id keep to the office the address names (?office=CODE), as the FAQ's article by id does:
// another office's training is 404 there; without ?office= the training's own office (the links of
// the portal's lists, the room's QR code and the e-mails carry none). Runs on both engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, cli, webSession } from './lib.mjs';

const PLAN = {
  title: 'Pelatihan SPSE Penyedia', audience: ['penyedia'], capacity: 5, venue: 'Ruang LPSE',
  trainers: ['Budi Santoso'],
  sessions: [{ title: 'Pendaftaran', starts_at: '2099-12-10 08:00', ends_at: '2099-12-10 12:00' }],
};

test('another office named by ?office= does not show a training by its id (404), as the FAQ by id', async () => {
  const s = await startServer();
  try {
    assert.equal(cli(['office', 'add', 'KAB-JPR', '--name', 'LPSE Kabupaten Jayapura', '--tz', 'WIT', '--data', s.dir]).status, 0);
    const admin = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: admin })).status, 200);
    const page = async (path) => { const x = await fetch(s.url + path); return { status: x.status, text: await x.text() }; };
    // the FAQ's rule, for comparison: an article by id under another office's code is not there
    for (const p of [`/portal/pelatihan/${id}/daftar`, `/portal/pelatihan/${id}/kuesioner`]) {
      assert.equal((await page(`${p}?office=KAB-JPR`)).status, 404, p);
      assert.equal((await page(`${p}?office=NOPE`)).status, 404, p);
      const own = await page(`${p}?office=LPSE`);
      assert.equal(own.status, 200, p);
      assert.match(own.text, /Pelatihan SPSE Penyedia/);
      assert.equal((await page(p)).status, 200, `${p}: no ?office=, the training's own office as before`);
    }
    // a posted form under another office's address: 404, nothing registered
    const web = await webSession(s.url);
    const fields = { csrf: web.csrf, name: 'Siti', agency: 'CV Maju', role: 'penyedia', email: 'siti@maju.co.id' };
    assert.equal((await web.post(`/portal/pelatihan/${id}/daftar?office=KAB-JPR`, fields)).status, 404);
    assert.equal((await web.post(`/portal/pelatihan/${id}/daftar`, { ...fields, office: 'KAB-JPR' })).status, 404, 'the form\'s office field as the query');
    // the public API the same
    r = await request(s.url, 'GET', `/api/v1/portal/trainings/${id}/questionnaire?office=KAB-JPR`);
    assert.equal(r.status, 404, r.text);
    r = await request(s.url, 'GET', `/api/v1/portal/trainings/${id}/questionnaire?office=LPSE`);
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire/link?office=KAB-JPR`, { body: { email: 'siti@maju.co.id' } });
    assert.equal(r.status, 404, r.text);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire?office=KAB-JPR`, { body: { token: 'x'.repeat(64), answers: [] } });
    assert.equal(r.status, 404, r.text);
    const who = { name: 'Siti', agency: 'CV Maju', role: 'penyedia', email: 'siti@maju.co.id' };
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register?office=KAB-JPR`, { body: who });
    assert.equal(r.status, 404, r.text);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants`, { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.stringify(r.json).includes('siti@maju.co.id'), false, 'nobody registered under the other office');
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register?office=LPSE`, { body: who });
    assert.equal(r.status, 201, r.text);
  } finally { await s.stop(); }
});
