// The head's and the staff's counts of late work agree with each other and with the API, worked
// by hand across a month's end (WIB):
//   A (phone) opened Friday 30 January 2026 08:00:00, step 1 at once; step 2 (10 s) due
//     08:00:10, left open into February: overdue now, a breach of January (its due time), not
//     of February — and still January's once finished on Monday 2 February
//     (step 3 at once).
//   B (phone) opened Monday 2 February 09:00:00, step 1 at once; step 2 due 09:00:10, overdue at
//     09:05, then the case cancelled: neither overdue nor a breach (cancelled steps count for neither).
//   C (phone) opened 2 February 09:10:00; step 2 due 09:10:10 and left open: overdue and a breach of February.
// The dashboard's overdue_steps is the overdue list's length (GET /api/v1/cases?overdue=1), and
// the page says what each number counts, in Indonesian.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { frozenServer, webSession, addUser, login } from './lib.mjs';

const PHONE = 'SOP-LPSE.BTG-017';
const REQUESTER = { name: 'Rina Wulandari', phone: '081311112222' };
const clock = frozenServer();
after(() => clock.stop());
const { serveAt, api } = clock;
const num = {};

async function open(subject) {
  const r = await api('POST', '/api/v1/cases', { sop: PHONE, channel: 'phone', subject, requester: REQUESTER });
  assert.equal(r.status, 201, r.text);
  const s = await api('POST', `/api/v1/cases/${encodeURIComponent(r.json.number)}/steps/1`, { outcome: 'done' });
  assert.equal(s.status, 200, s.text);
  return r.json.number;
}
async function office() {
  const r = await api('GET', '/api/v1/reports/dashboard');
  assert.equal(r.status, 200, r.text);
  return r.json.office;
}
async function overdueList() {
  const r = await api('GET', '/api/v1/cases?overdue=1&limit=500');
  assert.equal(r.status, 200, r.text);
  return r.json.cases.map((c) => c.number);
}
async function january() {
  const r = await api('GET', '/api/v1/reports/compliance?from=2026-01-01&to=2026-01-31');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('a step breached in January and finished in February stays January\'s breach', async () => {
  await serveAt('2026-01-30T08:00:00+07:00');
  num.A = await open('Kasus A');
  await serveAt('2026-02-02T09:00:00+07:00');
  let d = await office();
  assert.equal(d.overdue_steps, 1);
  assert.equal(d.overdue_before_month, 1);
  assert.equal(d.breaches_this_month, 0);
  assert.deepEqual(await overdueList(), [num.A]);
  let j = await january();
  assert.deepEqual([j.breaches_total, j.breaches_open], [1, 1]);
  const done = await api('POST', `/api/v1/cases/${encodeURIComponent(num.A)}/steps/2`, { outcome: 'done' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.steps[1].met, false);
  const last = await api('POST', `/api/v1/cases/${encodeURIComponent(num.A)}/steps/3`, { outcome: 'done' });   // at once: met
  assert.equal(last.status, 200, last.text);
  d = await office();
  assert.deepEqual([d.overdue_steps, d.overdue_before_month, d.breaches_this_month, d.breaches_open], [0, 0, 0, 0]);
  j = await january();
  // finished late: still January's, no longer open; its row counts it too
  assert.deepEqual([j.breaches_total, j.breaches_open], [1, 0]);
  assert.equal(j.breaches[0].case, num.A);
  assert.equal(j.rows.find((w) => w.step === 2).breaches, 1);
  const feb = (await api('GET', '/api/v1/reports/compliance?from=2026-02-01&to=2026-02-28')).json;
  // February's share counts the step (finished in February), not its breach
  assert.deepEqual([feb.total.timed, feb.total.met, feb.breaches_total], [2, 1, 0]);
});

test('a cancelled case\'s step is neither overdue nor a breach; an open one past due is both', async () => {
  num.B = await open('Kasus B');
  await serveAt('2026-02-02T09:05:00+07:00');
  let d = await office();
  assert.deepEqual([d.overdue_steps, d.breaches_this_month, d.breaches_open], [1, 1, 1]);
  const c = await api('POST', `/api/v1/cases/${encodeURIComponent(num.B)}/cancel`, { reason: 'Salah input' });
  assert.equal(c.status, 200, c.text);
  d = await office();
  assert.deepEqual([d.overdue_steps, d.breaches_this_month, d.breaches_open], [0, 0, 0]);
  assert.deepEqual(await overdueList(), []);
  await serveAt('2026-02-02T09:10:00+07:00');
  num.C = await open('Kasus C');
  await serveAt('2026-02-02T09:20:00+07:00');
  d = await office();
  assert.deepEqual([d.overdue_steps, d.overdue_before_month, d.breaches_this_month, d.breaches_open], [1, 0, 1, 1]);
  assert.deepEqual(await overdueList(), [num.C]);
  const mine = (await api('GET', '/api/v1/reports/dashboard')).json.mine;
  // the admin did A's step 2 late, but its breach is January's
  assert.equal(mine.breaches_this_month, 0);
});

test('the dashboard says what each number counts, Indonesian first', async () => {
  const web = await webSession(clock.url);
  const page = (await web.get('/laporan')).text;
  assert.match(page, /Langkah terlambat: langkah terbuka yang kini melewati tenggatnya/);
  assert.match(page, /Pelanggaran bulan ini: langkah yang tenggatnya jatuh bulan ini/);
});

test('Tugas saya counts the whole list and pages it, saying how much it shows', async () => {
  // 201 phone cases at step 2 (the helpdesk's): a helpdesk officer's list is longer than a page
  for (let i = 0; i < 200; i++) await open(`Kasus banyak ${i}`);
  const pw = addUser(clock.dir, 'hana', 'helpdesk');
  const web = await webSession(clock.url, 'hana', pw);
  const token = await login(clock.url, 'hana', pw);
  const mine = (await api('GET', '/api/v1/reports/dashboard', undefined, token)).json.mine;
  assert.equal(mine.assigned_open, 201);
  const first = (await web.get('/tugas')).text;
  assert.equal((first.match(/<tr[ >]/g) || []).length - 1, 200);
  assert.match(first, /Langkah terbuka: 201/);
  assert.match(first, /Menampilkan 200 dari 201, tenggat terdekat lebih dulu/);
  const second = (await web.get('/tugas?halaman=2')).text;
  assert.equal((second.match(/<tr[ >]/g) || []).length - 1, 1);
  assert.match(second, /Menampilkan 201–201 dari 201/);
  assert.equal((await web.get('/tugas?halaman=x')).status, 400);
});

// The next page's link names the step after the last one shown, not a position: steps done (or
// opened) between two pages neither repeat a row nor skip one. Three steps of the first page done
// meanwhile go to step 3, due later: at the end of the list. With a position (?halaman=2: row 201
// on) the row that was 201st, now 198th, would never be seen, nor two of the three moved.
test('Tugas saya pages by the step last shown: rows done meanwhile skip none', async () => {
  const web = await webSession(clock.url, 'hana', 'user-test-password-1');
  const nums = (t) => [...t.matchAll(/<a class="mono" href="\/kasus\/([^"]+)"/g)].map((m) => m[1]);
  const first = (await web.get('/tugas')).text;
  const seen = nums(first);
  assert.equal(seen.length, 200);
  const next = first.match(/href="(\/tugas\?halaman=2&amp;dari=0\.\d+\.\d+)" rel="next"/);
  assert.ok(next, 'the next page link names a step');
  for (const n of seen.slice(0, 3)) {
    const s = await api('POST', `/api/v1/cases/${encodeURIComponent(n)}/steps/2`, { outcome: 'done' });
    assert.equal(s.status, 200, s.text);
  }
  const second = (await web.get(next[1].replace(/&amp;/g, '&'))).text;
  const more = nums(second);
  assert.equal(more.length, 4, 'the row after the first page and the three moved to the end');
  assert.deepEqual(more.filter((n) => seen.slice(3).includes(n)), []);
  assert.deepEqual(new Set([...seen, ...more]).size, 201);
  assert.match(second, /Menampilkan 198–201 dari 201/);
  // back: the page before its first row (here the first page, as fewer than 200 come before)
  const prev = second.match(/href="(\/tugas\?halaman=1&amp;sampai=0\.\d+\.\d+)" rel="prev"/);
  assert.ok(prev, 'the previous page link names a step');
  const back = (await web.get(prev[1].replace(/&amp;/g, '&'))).text;
  assert.deepEqual(nums(back).slice(0, 197), seen.slice(3));
  for (const bad of ['x', '2.1.1', '0.1', '0.1.0', '0.-1.5', '0.1.5x']) {
    const r = await web.get(`/tugas?dari=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.text, /Posisi halaman tidak valid/);
  }
  assert.equal((await web.get('/tugas?dari=0.1.5&sampai=0.1.5')).status, 400);
});
