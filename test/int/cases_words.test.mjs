// The case API takes the words people and the issue use: channels spelled "e-mail",
// "walk-in" or "walk in" (or in Indonesian), flags as true/false as well as 1/0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, request } from './lib.mjs';

let s, admin;
before(async () => { s = await startServer(); admin = await login(s.url); });
after(async () => { await s.stop(); });

const open = (channel) => request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
  sop: 'SOP 02/LPSE.OI/2012', channel, subject: 'Pertanyaan jadwal lelang', requester: { name: 'Sari' } } });

test('channels: each spelling is stored as the API word', async () => {
  const want = { phone: 'phone', 'e-mail': 'email', email: 'email', 'walk-in': 'walk_in', Telepon: 'phone',
                 'datang langsung': 'walk_in', surat: 'letter', portal: 'portal', letter: 'letter',
                 // blanks, hyphens and underscores alike, blanks around it as typed or pasted
                 'walk in': 'walk_in', 'Walk In': 'walk_in', ' email ': 'email', 'Datang-Langsung': 'walk_in', E_MAIL: 'email' };
  for (const [word, stored] of Object.entries(want)) {
    const r = await open(word);
    assert.equal(r.status, 201, `${word}: ${r.text}`);
    assert.equal(r.json.channel, stored, word);
  }
  const bad = await open('pigeon');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'channel');
});

test('overdue and mine take true/false as well as 1/0; anything else names the field', async () => {
  for (const q of ['overdue=true', 'overdue=1', 'overdue=false', 'mine=true', 'mine=0']) {
    const r = await request(s.url, 'GET', `/api/v1/cases?${q}`, { token: admin });
    assert.equal(r.status, 200, `${q}: ${r.text}`);
  }
  const bad = await request(s.url, 'GET', '/api/v1/cases?overdue=kadang', { token: admin });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'overdue');
});

test('the requester\'s organisation may be named org_name, org (as the case answers it), organization or organisation', async () => {
  for (const key of ['org_name', 'org', 'organization', 'organisation']) {
    const r = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
      sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Verifikasi dokumen',
      requester: { name: 'Dewi', [key]: 'CV Maju Jaya' } } });
    assert.equal(r.status, 201, `${key}: ${r.text}`);
    assert.equal(r.json.requester.org, 'CV Maju Jaya', JSON.stringify(r.json.requester));
  }
});

test('a case number typed in small letters or with blanks around it finds the case, as the portal\'s tracking does', async () => {
  const r = await open('phone');
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const typed of [n.toLowerCase(), ` ${n} `]) {
    const g = await request(s.url, 'GET', `/api/v1/cases/${encodeURIComponent(typed)}`, { token: admin });
    assert.equal(g.status, 200, `${JSON.stringify(typed)}: ${g.text}`);
    assert.equal(g.json.number, n);
  }
  const step = await request(s.url, 'POST', `/api/v1/cases/${n.toLowerCase()}/steps/1`, { token: admin, body: {} });
  assert.equal(step.status, 200, step.text);
  assert.equal(step.json.current_step, 2);
  const none = await request(s.url, 'GET', '/api/v1/cases/lpse-1999-000001', { token: admin });
  assert.equal(none.status, 404);
});

test('a step\'s outcome in any case, or in the Indonesian of the flow charts: selesai, ya, tidak', async () => {
  const r = await open('phone');
  const n = r.json.number;
  const step = (no, outcome) => request(s.url, 'POST', `/api/v1/cases/${n}/steps/${no}`, { token: admin, body: { outcome } });
  let x = await step(1, 'Selesai');
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.steps[0].outcome, 'done');
  x = await step(2, 'TIDAK');   // OI-02 step 2: answered at once? no → step 4
  assert.equal(x.status, 200, x.text);
  assert.deepEqual([x.json.steps[1].outcome, x.json.current_step], ['no', 4]);
  x = await step(4, 'ya');      // a plain step: a decision's word is refused, naming outcome
  assert.equal(x.status, 400, x.text);
  assert.equal(x.json.error.field, 'outcome');
  x = await step(4, 'maybe');
  assert.equal(x.status, 400, x.text);
  assert.equal(x.json.error.field, 'outcome');
  x = await step(4, ' Selesai ');   // blanks around it, as typed
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.steps[2].outcome, 'done');
});

test('urgency and impact in any case, "tidak mendesak" with a blank: stored as the API words', async () => {
  const r = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'Telepon', subject: 'Server down', urgency: 'Mendesak', impact: 'Besar', requester: { name: 'Sari' } } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.urgency, r.json.impact, r.json.priority], ['mendesak', 'besar', 'tinggi']);
  const t = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tanya', urgency: 'Tidak Mendesak', impact: 'SEDANG', requester: { name: 'Sari' } } });
  assert.equal(t.status, 201, t.text);
  assert.deepEqual([t.json.urgency, t.json.impact], ['tidak_mendesak', 'sedang']);
  const bad = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
    sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Tanya', urgency: 'urgent', impact: 'huge', requester: { name: 'Sari' } } });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.json.error.fields.map((f) => f.field), ['urgency', 'impact']);
});
