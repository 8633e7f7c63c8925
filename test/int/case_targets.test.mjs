// The case-level targets judged (issue 4, clocks): the priority table gives a case its
// response and resolution due times; the first step of the office's staff records when the
// office answered and whether in time, closing whether the resolution was. The clock is frozen
// per server (LOKET_TEST_NOW), and the same data folder served again at a later time.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { frozenServer, webSession } from './lib.mjs';

// Serve the data folder with the clock frozen at `now` (the server before it stopped).
const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;
const post = (path, body) => api('POST', path, body);
const get = (path) => api('GET', path);
// tinggi: 1 office hour to answer, 1 working day to resolve
const PHONE = { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tidak bisa unggah dokumen penawaran',
                urgency: 'mendesak', impact: 'sedang', requester: { name: 'Sri Wahyuni' } };

test('a late answer misses the response target; closing the same day meets the resolution', async () => {
  await serveAt('2026-01-05T08:00:00+07:00');   // Monday
  let r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal(r.json.response_due_at, '2026-01-05T02:00:00Z');
  assert.equal(r.json.resolution_due_at, '2026-01-06T01:00:00Z');
  assert.deepEqual([r.json.responded_at, r.json.response_met, r.json.resolution_met], [null, null, null]);
  r = await post(`/api/v1/cases/${n}/steps/1`, {});   // the requester's own step: the call comes in
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.responded_at, r.json.response_met], [null, null]);

  await serveAt('2026-01-05T09:30:00+07:00');   // the call is taken 90 minutes later
  r = await post(`/api/v1/cases/${n}/steps/2`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.responded_at, '2026-01-05T02:30:00Z');
  assert.equal(r.json.response_met, false);
  assert.equal(r.json.resolution_met, null);
  for (const [no, outcome] of [[3, 'done'], [4, 'done'], [5, 'no'], [8, 'done']]) {
    r = await post(`/api/v1/cases/${n}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, `${no}: ${r.text}`);
  }
  assert.equal(r.json.status, 'closed');
  assert.equal(r.json.resolution_met, true);
  assert.equal(r.json.responded_at, '2026-01-05T02:30:00Z');   // the first answer stays
  r = await get(`/api/v1/cases/${n}`);
  assert.deepEqual([r.json.response_met, r.json.resolution_met], [false, true]);

  // the case page says both, in Indonesian
  const w = await webSession(clock.url);
  const page = await w.get(`/kasus/${n}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Target terlewat/);
  assert.match(page.text, /Target tercapai/);
  assert.match(page.text, /ditanggapi/);

  // reopened: judged again when it closes again, a day and two hours later — too late
  r = await post(`/api/v1/cases/${n}/reopen`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.resolution_met, null);
  assert.equal(r.json.response_met, false);
  await serveAt('2026-01-06T10:00:00+07:00');   // Tuesday
  r = await post(`/api/v1/cases/${n}/steps/8`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assert.equal(r.json.resolution_met, false);
});

test('an answer at once meets the response target; a cancelled case is not judged on resolution', async () => {
  await serveAt('2026-01-06T10:00:00+07:00');
  let r = await post('/api/v1/cases', PHONE);
  const n = r.json.number;
  await post(`/api/v1/cases/${n}/steps/1`, {});
  r = await post(`/api/v1/cases/${n}/steps/2`, {});
  assert.equal(r.json.responded_at, '2026-01-06T03:00:00Z');
  assert.equal(r.json.response_met, true);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Penelepon menutup telepon' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.resolution_met, null);
  assert.equal(r.json.response_met, true);
});

test('the dashboard counts this month\'s cases by their targets', async () => {
  const r = await get('/api/v1/reports/dashboard');
  assert.equal(r.status, 200, r.text);
  // answered: the late one of Monday and the quick one of Tuesday; resolved: the reopened one, late
  assert.deepEqual(r.json.office.case_targets, {
    response: { judged: 2, met: 1, share: 50 },
    resolution: { judged: 1, met: 0, share: 0 },
  });
  const w = await webSession(clock.url);
  const page = await w.get('/laporan');
  assert.match(page.text, /Target kasus bulan ini \(tabel prioritas\)/);
  const csv = await w.get('/laporan?format=csv');
  assert.match(csv.text, /"Kasus ditanggapi dalam target tanggapan, bulan ini","1 \/ 2 \(50,0 %\)"/);
});

test('a training\'s case (BTG-005) opened through the case API has no case-level targets either', async () => {
  await serveAt('2026-01-07T09:00:00+07:00');
  const r = await post('/api/v1/cases', { sop: 'SOP-LPSE.BTG-005', channel: 'letter', subject: 'Pelatihan SPSE untuk PPK',
    requester: { name: 'LPSE' }, events: { training_start: '2026-01-26T01:00:00Z', training_end: '2026-01-26T08:00:00Z' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.response_due_at, r.json.resolution_due_at], [null, null]);
  const n = r.json.number;
  const step = await post(`/api/v1/cases/${n}/steps/1`, {});
  assert.equal(step.status, 200, step.text);
  assert.equal(step.json.response_met, null, 'nothing to judge the answer by');
});

test('the case page marks a target still to reach once its due time has passed, while the case is open', async () => {
  await serveAt('2026-01-07T08:00:00+07:00');   // Wednesday: answer by 09.00, resolve by Thursday 08.00
  let r = await post('/api/v1/cases', PHONE);
  const n = r.json.number;
  await post(`/api/v1/cases/${n}/steps/1`, {});
  const fact = async (label) => {
    const page = await (await webSession(clock.url)).get(`/kasus/${n}`);
    assert.equal(page.status, 200);
    const m = page.text.match(new RegExp(`<dt>${label}</dt><dd>([\\s\\S]*?)</dd>`));
    assert.ok(m, `${label} is on the page`);
    return m[1];
  };
  assert.doesNotMatch(await fact('Tenggat tanggapan'), /terlambat/, 'not late before its time');

  await serveAt('2026-01-07T10:30:00+07:00');   // nobody has answered
  assert.match(await fact('Tenggat tanggapan'), /7 Januari 2026, 09[.:]00 WIB <span class="tag bad late">terlambat 1 jam 30 menit<\/span>/);
  assert.doesNotMatch(await fact('Tenggat penyelesaian'), /terlambat/);
  r = await post(`/api/v1/cases/${n}/steps/2`, {});   // answered now: judged, no longer "late by"
  assert.equal(r.json.response_met, false);
  let dd = await fact('Tenggat tanggapan');
  assert.match(dd, /Target terlewat/);
  assert.doesNotMatch(dd, /terlambat/);

  await serveAt('2026-01-08T09:00:00+07:00');   // Thursday, still open an hour past the resolution due
  assert.match(await fact('Tenggat penyelesaian'), /<span class="tag bad late">terlambat 1 jam<\/span>/);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Ditarik pemohon' });
  assert.equal(r.status, 200, r.text);
  assert.doesNotMatch(await fact('Tenggat penyelesaian'), /terlambat/, 'a cancelled case is not late');
});

test('how late a step is counts its standard\'s time: office time for an office standard, the real time beside it', async () => {
  await serveAt('2026-01-12T08:00:00+07:00');   // Monday
  const open = async () => {
    const r = await post('/api/v1/cases', PHONE);
    assert.equal(r.status, 201, r.text);
    assert.equal((await post(`/api/v1/cases/${r.json.number}/steps/1`, {})).status, 200);
    return r.json.number;
  };
  const office = await open(), real = await open();
  assert.equal((await post(`/api/v1/cases/${office}/steps/2`, {})).status, 200);   // step 3 (2 min office) due 08.02

  await serveAt('2026-01-13T08:00:00+07:00');   // Tuesday: nobody took either further
  const w = await webSession(clock.url);
  // office time past 08.02 Monday: 08.02–12.00, 13.00–16.00, Tuesday 07.30–08.00 = 7 h 28 min; 23 h 58 min in all
  const late = (text, n) => {
    const m = text.match(new RegExp(`href="/kasus/${n}"[\\s\\S]*?(?:<span class="tag bad late">([^<]*)</span>|</tr>)`));
    assert.ok(m, `${n} is listed`);
    return m[1];
  };
  const queue = await w.get('/kasus?role=helpdesk');
  assert.equal(queue.status, 200);
  assert.equal(late(queue.text, office), 'terlambat 7 jam 28 menit dalam jam kerja (23 jam 58 menit seluruhnya)');
  // step 2 (answer in 10 s, real time): late in real time (23 h 59 min 50 s, said to the minute), once
  assert.equal(late(queue.text, real), 'terlambat 24 jam');
  const page = await w.get(`/kasus/${office}`);
  assert.match(page.text, /<span class="tag bad late">terlambat 7 jam 28 menit dalam jam kerja \(23 jam 58 menit seluruhnya\)<\/span>/);
  const en = await w.get(`/kasus?role=helpdesk&lang=en`);
  assert.equal(late(en.text, office), 'late by 7 hours 28 minutes of office time (23 hours 58 minutes in all)');
});

test('office time past a standard is said in hours however long (a working day is not 24 of them): on the queue, the case page and the compliance report', async () => {
  await serveAt('2026-01-12T08:00:00+07:00');   // Monday
  const r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, {})).status, 200);
  assert.equal((await post(`/api/v1/cases/${n}/steps/2`, {})).status, 200);   // step 3 (2 min office) due 08.02

  // Friday 23 January 09.00, nobody took it further: office time past 08.02 Monday 12th:
  // 08.02–12.00 and 13.00–16.00 (6 h 58 min), Tuesday to Thursday and Monday 19th to Thursday
  // 22nd (7 × 7 h 30 min; Friday 16th is Isra Mikraj), Friday 23rd 07.30–09.00: 60 h 58 min,
  // eleven working days and more; 11 days in all (to the hour). It was said "2 hari 12 jam".
  await serveAt('2026-01-23T09:00:00+07:00');
  const w = await webSession(clock.url);
  const page = await w.get(`/kasus/${n}`);
  assert.match(page.text, /<span class="tag bad late">terlambat 60 jam 58 menit dalam jam kerja \(11 hari seluruhnya\)<\/span>/);
  const en = await w.get(`/kasus/${n}?lang=en`);
  assert.match(en.text, /<span class="tag bad late">late by 60 hours 58 minutes of office time \(11 days in all\)<\/span>/);
  // done now: it took 61 hours of office time (from 08.00 Monday), in hours on the report too
  assert.equal((await post(`/api/v1/cases/${n}/steps/3`, {})).status, 200);
  const rep = await w.get(`/laporan/kepatuhan?from=2026-01-23&to=2026-01-23&sop=${encodeURIComponent(PHONE.sop)}&step=3`);
  assert.equal(rep.status, 200);
  assert.match(rep.text, /<td class="num">61 jam<\/td><td class="num">61 jam<\/td>/);
  assert.doesNotMatch(rep.text, /2 hari 13 jam/);
  // the API answers seconds, as before
  const api3 = await get(`/api/v1/reports/compliance?from=2026-01-23&to=2026-01-23&sop=${encodeURIComponent(PHONE.sop)}&step=3`);
  assert.equal(api3.json.rows[0].median_s, 61 * 3600);
});

test('a step due at the close of office and read before the next opening is late by no office time yet: said so, not "0 seconds"', async () => {
  await serveAt('2026-01-26T15:58:00+07:00');   // Monday, two minutes before closing
  const r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal((await post(`/api/v1/cases/${n}/steps/1`, {})).status, 200);
  const s = await post(`/api/v1/cases/${n}/steps/2`, {});
  assert.equal(s.status, 200);
  assert.equal(s.json.steps.at(-1).due_at, '2026-01-26T09:00:00Z');   // step 3 (2 min office): 16.00, the closing

  await serveAt('2026-01-26T17:00:00+07:00');   // an hour after closing: no office time has passed
  const w = await webSession(clock.url);
  let page = await w.get(`/kasus/${n}`);
  assert.match(page.text, /<span class="tag bad late">terlambat \(1 jam seluruhnya, di luar jam kerja\)<\/span>/);
  assert.doesNotMatch(page.text, /terlambat 0 detik/);
  const en = await w.get(`/kasus/${n}?lang=en`);
  assert.match(en.text, /<span class="tag bad late">late \(1 hour in all, outside office hours\)<\/span>/);
  const tasks = await w.get('/kasus?role=helpdesk');
  assert.match(tasks.text, /terlambat \(1 jam seluruhnya, di luar jam kerja\)/);

  await serveAt('2026-01-27T08:00:00+07:00');   // Tuesday: 07.30–08.00 of office time past it
  page = await (await webSession(clock.url)).get(`/kasus/${n}`);
  assert.match(page.text, /<span class="tag bad late">terlambat 30 menit dalam jam kerja \(16 jam seluruhnya\)<\/span>/);
});

test('a step in office time begun and done while the office was closed took no office time: said so, not "0 seconds" of it', async () => {
  await serveAt('2026-01-26T17:00:00+07:00');   // Monday, an hour after closing
  const r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  for (const no of [1, 2]) assert.equal((await post(`/api/v1/cases/${n}/steps/${no}`, {})).status, 200);
  await serveAt('2026-01-26T17:05:00+07:00');
  const s = await post(`/api/v1/cases/${n}/steps/3`, {});
  assert.equal(s.status, 200, s.text);
  const w = await webSession(clock.url);
  const step3 = (await w.get(`/kasus/${n}`)).text.match(/id="langkah-3"(.*?)<\/li>/s)[1];
  assert.match(step3, /selesai dalam 5 menit, di luar jam kerja;/);
  assert.doesNotMatch(step3, /0 detik/);
  const en = (await w.get(`/kasus/${n}?lang=en`)).text.match(/id="langkah-3"(.*?)<\/li>/s)[1];
  assert.match(en, /done in 5 minutes, outside office hours;/);
});

test('a case reopened two days after it closed: its resolution target moves on by the office time it stood closed', async () => {
  await serveAt('2026-02-02T08:00:00+07:00');   // Monday: due Tuesday 08.00 (one working day)
  let r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const n = r.json.number;
  assert.equal(r.json.resolution_due_at, '2026-02-03T01:00:00Z');
  await serveAt('2026-02-02T09:30:00+07:00');
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'done'], [4, 'done'], [5, 'no'], [8, 'done']]) {
    r = await post(`/api/v1/cases/${n}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, `${no}: ${r.text}`);
  }
  assert.deepEqual([r.json.status, r.json.resolution_met], ['closed', true]);
  // closed with 6 office hours left (Monday 09.30–16.00 less the break, Tuesday 07.30–08.00);
  // the requester calls again on Wednesday 08.00: due 6 office hours later, Wednesday 15.00
  await serveAt('2026-02-04T08:00:00+07:00');
  r = await post(`/api/v1/cases/${n}/reopen`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.resolution_due_at, '2026-02-04T08:00:00Z');
  assert.equal(r.json.resolution_met, null);
  const audit = (await get(`/api/v1/audit?action=case.reopen&object=${n}`)).json.rows;
  assert.match(audit[0].detail, /; resolution due 2026-02-04T08:00:00Z$/);
  // closed again at 14.00, within what was left: met
  await serveAt('2026-02-04T14:00:00+07:00');
  r = await post(`/api/v1/cases/${n}/steps/8`, {});
  assert.deepEqual([r.json.status, r.json.resolution_met], ['closed', true]);
});
