// The bidding room's trainer (SOP-LPSE.BTG-006): step 5 calls the provider to the trainer, so it
// waits for one (409 naming trainer, on every way in: the room's API and page, the case's general
// step API and page); and the trainer is one who holds the trainer role, the set the page's picker
// lists and the API takes alike; one saved who is not a trainer (named before the rule, or whose
// role was taken away) is the picker's current value, said not to be a trainer, not a choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession, cli } from './lib.mjs';

const PW = 'bidding-trainer-password-2026';
let s, token, web;
const api = (method, path, body) => request(s.url, method, `/api/v1${path}`, { token, body });

before(async () => {
  s = await startServer();
  addUser(s.dir, 'tina', 'trainer', PW);
  addUser(s.dir, 'hana', 'helpdesk', PW);
  token = await login(s.url);
  web = await webSession(s.url);
});
after(async () => { await s?.stop(); });

// A provider reports in and is asked about training (step 3 yes): the visit stands at step 5.
async function atStep5(name) {
  const r = await api('POST', '/bidding-room', { name, organisation: `CV ${name}` });
  assert.equal(r.status, 201, r.text);
  const n = r.json.case.number;
  const q = await api('POST', `/bidding-room/${n}/steps/3`, { outcome: 'yes' });
  assert.equal(q.status, 200, q.text);
  assert.equal(q.json.case.current_step, 5);
  return n;
}

const MSG = /^Tentukan dulu trainer yang mendampingi/;

test('step 5 before a trainer is named: 409 naming trainer through the room\'s API and the case\'s; named, it is done', async () => {
  const n = await atStep5('Bayu');
  for (const path of [`/bidding-room/${n}/steps/5`, `/cases/${n}/steps/5`]) {
    const r = await api('POST', path, { outcome: 'done' });
    assert.equal(r.status, 409, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, 'trainer', path);
    assert.match(r.json.error.message, MSG);
  }
  const en = await request(s.url, 'POST', `/api/v1/bidding-room/${n}/steps/5?lang=en`, { token, body: {} });
  assert.equal(en.json.error.message, 'Name the trainer who assists first (the visit\'s "Trainer" form in the bidding room): this step calls the provider to them');
  assert.equal((await api('GET', `/cases/${n}`)).json.current_step, 5, 'nothing done');
  assert.equal((await api('POST', `/bidding-room/${n}/trainer`, { trainer: 'tina' })).status, 200);
  const ok = await api('POST', `/cases/${n}/steps/5`, { outcome: 'done' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.current_step, 6);
});

test('step 5 before a trainer on the pages: the room\'s form is 409 with the error at the trainer\'s choice; the case page says where it is done', async () => {
  const n = await atStep5('Citra');
  const r = await web.post(`/ruang-bidding/${n}/langkah/5`, { csrf: web.csrf, outcome: 'done' });
  assert.equal(r.status, 409);
  assert.match(r.text, /<select id="trainer" name="trainer" required aria-invalid="true" aria-describedby="trainer-error">/);
  assert.match(r.text, /<p class="field-error" id="trainer-error">Tentukan dulu trainer yang mendampingi/);
  const page = await web.get(`/kasus/${n}`);
  assert.match(page.text, /<p class="step-owner no-print" id="step-owner">Tentukan dulu trainer yang mendampingi/);
  const g = await web.post(`/kasus/${n}/langkah/5`, { csrf: web.csrf, outcome: 'done' });
  assert.equal(g.status, 409);
  assert.equal((await api('GET', `/cases/${n}`)).json.current_step, 5);
  assert.equal((await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: 'tina' })).status, 303);
  assert.equal((await web.post(`/ruang-bidding/${n}/langkah/5`, { csrf: web.csrf, outcome: 'done' })).status, 303);
  assert.equal((await api('GET', `/cases/${n}`)).json.current_step, 6);
});

test('the trainer is one holding the trainer role: the picker lists only them; the API and the page refuse an administrator or a help desk naming trainer', async () => {
  const n = await atStep5('Dani');
  const visit = await web.get(`/ruang-bidding/${n}`);
  const picker = visit.text.match(/<select id="trainer"[^>]*>(.*?)<\/select>/s)[1];
  assert.deepEqual([...picker.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]), ['', 'tina']);
  for (const who of ['admin', 'hana']) {
    const r = await api('POST', `/bidding-room/${n}/trainer`, { trainer: who });
    assert.equal(r.status, 400, `${who}: ${r.text}`);
    assert.equal(r.json.error.field, 'trainer');
    assert.equal(r.json.error.message, 'Pengguna ini bukan trainer kantor ini: trainer yang mendampingi memegang peran trainer');
    const p = await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: who });
    assert.equal(p.status, 400);
    assert.match(p.text, /<p class="field-error" id="trainer-error">Pengguna ini bukan trainer kantor ini/);
  }
  const board = (await api('GET', '/bidding-room')).json.in_room.find((v) => v.case === n);
  assert.equal(board.trainer, null, 'nothing set');
  const ok = await api('POST', `/bidding-room/${n}/trainer`, { trainer: 'tina' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.visit.trainer, 'tina');
});

test('a trainer named while the help desk still asks (step 3): taken, the question left with the help desk, the trainer\'s steps theirs', async () => {
  const r = await api('POST', '/bidding-room', { name: 'Eka', organisation: 'CV Eka' });
  const n = r.json.case.number;
  const t = await api('POST', `/bidding-room/${n}/trainer`, { trainer: 'tina' });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.visit.trainer, 'tina');
  assert.equal(t.json.case.steps.find((x) => x.no === 3).assigned_user, null, 'the help desk\'s question is not given to the trainer');
  const hana = await login(s.url, 'hana', PW);
  for (const [no, outcome] of [[3, 'yes'], [5, 'done']]) {
    const q = await request(s.url, 'POST', `/api/v1/bidding-room/${n}/steps/${no}`, { token: hana, body: { outcome } });
    assert.equal(q.status, 200, q.text);
  }
  const c = (await api('GET', `/cases/${n}`)).json;
  assert.equal(c.current_step, 6);
  assert.equal(c.steps.find((x) => x.no === 6).assigned_user, 'tina');
});

test('a trainer saved who no longer holds the trainer role: the picker shows them as the current value, not as a choice, and says so', async () => {
  addUser(s.dir, 'rina', 'trainer', PW);
  const n = await atStep5('Fajar');
  assert.equal((await api('POST', `/bidding-room/${n}/trainer`, { trainer: 'rina' })).status, 200);
  let picker = (await web.get(`/ruang-bidding/${n}`)).text.match(/<select id="trainer"[^>]*>(.*?)<\/select>/s)[1];
  assert.match(picker, /<option value="rina" selected>/);
  // as one saved before the trainer role was asked for (an administrator's or help desk's account)
  const r = cli(['user', 'roles', 'rina', '--role', 'helpdesk', '--data', s.dir]);
  assert.equal(r.status, 0, r.stderr);
  const page = (await web.get(`/ruang-bidding/${n}`)).text;
  picker = page.match(/<select id="trainer"[^>]*>(.*?)<\/select>/s)[1];
  assert.deepEqual([...picker.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]), ['', 'tina', ''], 'no non-trainer offered');
  assert.match(picker, /<option value="" selected disabled>rina<\/option>$/, 'the current one shown, not sendable');
  assert.doesNotMatch(picker, /value="rina"/);
  assert.match(page, /<p class="hint muted" id="trainer-stale">Trainer saat ini tidak memegang peran trainer \(atau tidak lagi aktif\): pilih seorang trainer<\/p>/);
  // a trainer chosen: the note goes
  assert.equal((await web.post(`/ruang-bidding/${n}/trainer`, { csrf: web.csrf, trainer: 'tina' })).status, 303);
  assert.doesNotMatch((await web.get(`/ruang-bidding/${n}`)).text, /trainer-stale/);
});
