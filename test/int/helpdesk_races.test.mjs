// The help desk's forms sent twice at once (a double tap, two tabs, a colleague at the same
// call): each is judged on what is stored when it is written, so one is recorded and the
// others are refused naming what changed, writing nothing of their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, sqlite } from './lib.mjs';

let S, tok;
before(async () => { S = await startServer(); tok = await login(S.url); });
after(async () => { await S?.stop(); });

const post = (p, body) => request(S.url, 'POST', p, { token: tok, body: body ?? {} });
const get = (p) => request(S.url, 'GET', p, { token: tok });
const count = (sql) => Number(sqlite(join(S.dir, 'loket.db'), sql).stdout.trim());

test('a phone call written up several times at once opens one case, one ticket, one consultation form, one mail', async () => {
  for (let round = 0; round < 6; round++) {
    const st = await get('/api/v1/phone/stamp');
    const call = await post('/api/v1/phone/calls', { stamp: st.json.stamp });
    assert.equal(call.status, 201, call.text);
    const form = { requester: { name: `Penelepon ${round}`, email: `p${round}@example.com` }, question: `Tidak bisa masuk ${round}` };
    const all = await Promise.all(Array.from({ length: 8 }, () => post(`/api/v1/phone/calls/${call.json.id}/finish`, form)));
    const codes = all.map((r) => r.status).sort();
    assert.deepEqual(codes, [200, 409, 409, 409, 409, 409, 409, 409], all.map((r) => r.text).join('\n'));
    for (const r of all.filter((x) => x.status === 409)) assert.equal(r.json.error.field, 'status');
    const won = all.find((r) => r.status === 200).json;
    assert.equal(count(`SELECT count(*) FROM consultation WHERE name='Penelepon ${round}'`), 1);
    assert.equal(count(`SELECT count(*) FROM kasus WHERE subject='Tidak bisa masuk ${round}'`), 2, 'the call\'s case and its ticket');
    assert.equal(count(`SELECT count(*) FROM outbox WHERE to_addr='p${round}@example.com'`), 1);
    const c = await get(`/api/v1/phone/calls/${call.json.id}`);
    assert.equal(c.json.case, won.case);
    assert.equal(c.json.ticket, won.ticket);
  }
});

test('a hand-over sent twice at once is one hand-over and one disposition sheet; another party is a second hand-over', async () => {
  const g = await post('/api/v1/registers/guest-book', { name: 'Siti Aminah', organisation: 'PT Sinar', purpose: 'Tanya jadwal tender' });
  const w = await post('/api/v1/helpdesk/walk-in', { guest_id: g.json.id });
  assert.equal(w.status, 201, w.text);
  const n = w.json.number;
  const form = { party_kind: 'ulp', party_name: 'Pokja Pemilihan 3', due_days: 2, instruction: 'Mohon jawab' };
  const all = await Promise.all(Array.from({ length: 6 }, () => post(`/api/v1/cases/${n}/handovers`, form)));
  assert.deepEqual(all.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409], all.map((r) => r.text).join('\n'));
  for (const r of all.filter((x) => x.status === 409)) assert.equal(r.json.error.field, 'party_name');
  // the same party written another way is the same party, while its answer is awaited
  const again = await post(`/api/v1/cases/${n}/handovers?lang=en`, { ...form, party_name: ' pokja pemilihan 3 ' });
  assert.equal(again.status, 409, again.text);
  assert.match(again.json.error.message, /already waits for this party/);
  assert.equal((await get(`/api/v1/cases/${n}/handovers`)).json.handovers.length, 1);
  assert.equal(count(`SELECT count(*) FROM disposition WHERE case_number='${n}'`), 1);
  const other = await post(`/api/v1/cases/${n}/handovers`, { party_kind: 'skpd', party_name: 'Dinas PU', due_days: 2 });
  assert.equal(other.status, 201, other.text);
  // once answered, the same party may be asked again
  const first = all.find((r) => r.status === 201).json;
  assert.equal((await post(`/api/v1/cases/${n}/handovers/${first.id}/answer`, { answer: 'Jadwal di SPSE' })).status, 200);
  assert.equal((await post(`/api/v1/cases/${n}/handovers`, form)).status, 201);
});
