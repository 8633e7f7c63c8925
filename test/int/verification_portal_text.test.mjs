// The portal's verification booking refuses a day in words that name that day, not today
// ("Hari itu", not "Hari ini": booking starts tomorrow, so "today" is never the day refused).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, wibDay } from './lib.mjs';

let s, token;
before(async () => { s = await startServer(); token = await login(s.url); });
after(async () => { if (s) await s.stop(); });

const book = (body) => request(s.url, 'POST', '/api/v1/portal/verification/appointments?lang=id', { body });
const base = { company: 'PT Teks Benar', email: 'a@teksbenar.co.id', contact: 'Ani' };

test('a full day and a day past the lapse are refused as "Hari itu"', async () => {
  let r = await request(s.url, 'PUT', '/api/v1/verification/settings', { token, body: { capacity: [1, 1, 1, 1, 1, 1, 1] } });
  assert.equal(r.status, 200, r.text);
  r = await request(s.url, 'GET', '/api/v1/portal/verification/days');
  assert.equal(r.status, 200, r.text);
  const days = r.json.days.map((d) => d.day);
  r = await book({ ...base, npwp: '01.234.567.8-901.000', day: days[0] });
  assert.equal(r.status, 201, r.text);
  r = await book({ ...base, npwp: '09.876.543.2-109.000', day: days[0] });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.message, 'Hari itu sudah penuh: pilih hari lain');
  const lapse = wibDay(Date.now() + 5 * 86400 * 1000);
  const late = days.find((d) => d > lapse);
  r = await book({ ...base, npwp: '08.456.789.0-123.000', registered_on: wibDay(Date.now() - 25 * 86400 * 1000), day: late });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.message, 'Hari itu jatuh setelah pendaftaran Anda gugur: pilih hari yang lebih awal');
});
