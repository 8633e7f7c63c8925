// SOP 06 (.rhs bid files): the LPSE's test names each cause of the checklist it checked once,
// however often the form sent it, in the record, the step's note and the request to LKPP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let S, tok;
before(async () => { S = await startServer(); tok = await login(S.url); });
after(async () => { await S?.stop(); });

test('a cause ticked twice is kept once', async () => {
  const r = await request(S.url, 'POST', '/api/v1/rhs', { token: tok, body: { tender_code: '10012345', provider: 'PT Prima', requester: { name: 'Ketua Pokja 2' } } });
  assert.equal(r.status, 201, r.text);
  const n = r.json.case.number;
  const body = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="penawaran.rhs"\r\nContent-Type: application/octet-stream\r\n\r\nRHS\r\n--XyZ--\r\n';
  const f = await request(S.url, 'POST', `/api/v1/rhs/${n}/files`, { token: tok, body, headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
  assert.equal(f.status, 201, f.text);
  const t = await request(S.url, 'POST', `/api/v1/rhs/${n}/test`, { token: tok, body: { opened: false, causes: ['pdf_rusak', 'flash_disk', 'pdf_rusak'] } });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual(t.json.rhs.lpse_test.causes, ['pdf_rusak', 'flash_disk']);
  const q = await request(S.url, 'POST', `/api/v1/rhs/${n}/request`, { token: tok, body: { external_ticket: 'TTS-1' } });
  assert.equal(q.status, 200, q.text);
  const x = (await request(S.url, 'GET', `/api/v1/cases/${n}/escalations`, { token: tok })).json.escalations[0];
  assert.equal(x.description.match(/PDF di dalamnya rusak/g).length, 1, x.description);
});
