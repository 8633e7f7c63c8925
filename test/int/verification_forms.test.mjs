// The provider verification's forms (SOP 01/LPSE.OI/2012) as a browser sends them and the API
// beside them: a checklist mark refused is said at its item (the number named, the ticks kept),
// as the API refuses it; a step's button pressed twice lands where the first press did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, addUser, webSession } from './lib.mjs';

const NOW = '2026-11-16T08:00:00+07:00';   // a Monday, office hours (WIB)
const PW = 'vera-password-2026';
let s, vera, web;
const api = (method, path, body) => request(s.url, method, `/api/v1${path}`, { token: vera, body });

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  addUser(s.dir, 'vera', 'verifikator', PW);
  vera = await login(s.url, 'vera', PW);
  web = await webSession(s.url, 'vera', PW);
});
after(async () => { await s?.stop(); });

let seq = 0;
// A walk-in verification of a company of its own; returns its id.
async function walkIn() {
  seq++;
  const r = await api('POST', '/verifications', { company: `CV Formulir ${seq}`, npwp: `0${seq}.456.789.0-123.000`,
    email: `formulir${seq}@contoh.co.id`, contact: 'Rudi', spse_user: `formulir${seq}`, registered_on: '2026-11-02' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// Steps 1-3 through the API: the verification stands at the document check (step 4).
async function toDocuments(id) {
  for (const act of ['arrive', 'agenda']) assert.equal((await api('POST', `/verifications/${id}/${act}`)).status, 200);
  const r = await api('POST', `/verifications/${id}/registration`, { address: 'Jl. Merdeka 1', deed: 'Akta No. 12', director: 'Rudi' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 4);
  return r.json;
}

// The one-time mark of the form posting to action on the page html.
const markOf = (html, action) => {
  const form = html.match(new RegExp(`<form[^>]*action="${action}"[^>]*>(.*?)</form>`, 's'));
  assert.ok(form, `a form posting to ${action}`);
  return (form[1].match(/name="form_id" value="([0-9a-f]{32})"/) || [])[1];
};

test('the checklist page: "matches" ticked without "present" is 400, said at that item with its number, the ticks kept; nothing saved', async () => {
  const id = await walkIn();
  const v = await toDocuments(id);
  const [first, second] = v.items;
  const fields = { csrf: web.csrf };
  for (const it of v.items) if (it.no !== second.no) { fields[`present${it.no}`] = '1'; fields[`matches${it.no}`] = '1'; }
  fields[`matches${second.no}`] = '1';   // matches the original, "present" forgotten
  const r = await web.post(`/verifikasi/${id}/documents`, fields);
  assert.equal(r.status, 400, 'refused, not saved silently without the tick');
  assert.match(r.text, new RegExp(`<input type="checkbox" name="present${second.no}" value="1" aria-label="Ada ${second.no}" aria-invalid="true" aria-describedby="present${second.no}-error">`));
  assert.match(r.text, new RegExp(`<p class="field-error" id="present${second.no}-error">Item nomor ${second.no} tidak dapat sesuai asli bila tidak ada: centang juga Ada</p>`));
  assert.match(r.text, /Mohon perbaiki isian yang ditandai di bawah/);
  // what was ticked is kept: the item's "matches", the others' both
  assert.match(r.text, new RegExp(`name="matches${second.no}" value="1" aria-label="Sesuai asli ${second.no}" checked>`));
  assert.match(r.text, new RegExp(`name="present${first.no}" value="1" aria-label="Ada ${first.no}" checked>`));
  const now = (await api('GET', `/verifications/${id}`)).json;
  assert.equal(now.checked, false, 'nothing saved');
  assert.equal(now.step, 4);
  // the API says the same of the same marks, naming the mark by its path and the item by its number
  const marks = v.items.map((it) => ({ no: it.no, present: it.no !== second.no, matches: true }));
  const a = await api('POST', `/verifications/${id}/documents`, { items: marks });
  assert.equal(a.status, 400, a.text);
  assert.equal(a.json.error.field, 'items[1].matches');
  assert.equal(a.json.error.message, `Item nomor ${second.no} tidak dapat sesuai asli bila tidak ada: centang juga Ada`);
});

test('the checklist API: an item not in the list or given twice is named, by its path and its number', async () => {
  const id = await walkIn();
  const v = await toDocuments(id);
  const all = v.items.map((it) => ({ no: it.no, present: true, matches: true }));
  let r = await api('POST', `/verifications/${id}/documents`, { items: [...all.slice(0, 2), { no: 77, present: true, matches: false }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'items[2].no');
  assert.equal(r.json.error.message, 'Item nomor 77 tidak ada dalam daftar periksa');
  r = await api('POST', `/verifications/${id}/documents`, { items: [...all, { no: all[3].no, present: false }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, `items[${all.length}].no`);
  assert.equal(r.json.error.message, `Item nomor ${all[3].no} disebut dua kali`);
  r = await request(s.url, 'POST', `/api/v1/verifications/${id}/documents?lang=en`, { token: vera, body: { items: [{ no: 1000000, present: true }] } });
  assert.equal(r.json.error.field, 'items[0].no');
  assert.equal(r.json.error.message, 'Item 1000000 is not in the checklist');
  r = await api('POST', `/verifications/${id}/documents`, { items: all });
  assert.equal(r.status, 200, r.text);
});

test('a step button pressed twice (a double click): the second lands where the first did, no 409 page; a new press of a done step still refused', async () => {
  const id = await walkIn();
  const page = await web.get(`/verifikasi/${id}`);
  const mark = markOf(page.text, `/verifikasi/${id}/arrive`);
  assert.ok(mark, 'the button carries a one-time mark');
  const press = () => web.post(`/verifikasi/${id}/arrive`, { csrf: web.csrf, form_id: mark, go: 'arrive' });
  const [one, two] = await Promise.all([press(), press()]);
  for (const r of [one, two]) {
    assert.equal(r.status, 303, r.text.slice(0, 400));
    assert.equal(r.headers.get('location'), one.headers.get('location'));
  }
  assert.match(one.headers.get('location'), new RegExp(`^/verifikasi/${id}\\?ok=`));
  assert.equal((await api('GET', `/verifications/${id}`)).json.step, 2, 'one arrival');
  // and again after it (Back, then the same button): the same landing
  const again = await press();
  assert.equal(again.status, 303);
  assert.equal(again.headers.get('location'), one.headers.get('location'));
  // the next step's button twice, one after the other
  const next = await web.get(`/verifikasi/${id}`);
  const m2 = markOf(next.text, `/verifikasi/${id}/agenda`);
  const a1 = await web.post(`/verifikasi/${id}/agenda`, { csrf: web.csrf, form_id: m2, go: 'agenda' });
  const a2 = await web.post(`/verifikasi/${id}/agenda`, { csrf: web.csrf, form_id: m2, go: 'agenda' });
  assert.equal(a1.status, 303);
  assert.equal(a2.status, 303, a2.text.slice(0, 400));
  assert.equal(a2.headers.get('location'), a1.headers.get('location'));
  assert.equal((await api('GET', `/verifications/${id}`)).json.step, 3);
  // a press without its mark (another form, a stale page) is still told the state has moved on
  const stale = await web.post(`/verifikasi/${id}/arrive`, { csrf: web.csrf, go: 'arrive' });
  assert.equal(stale.status, 409);
});

test('a refused form keeps its mark open: sent again once corrected, it acts', async () => {
  const id = await walkIn();
  await toDocuments(id);
  const page = await web.get(`/verifikasi/${id}`);
  const mark = markOf(page.text, `/verifikasi/${id}/documents`);
  assert.ok(mark);
  const v = (await api('GET', `/verifications/${id}`)).json;
  const bad = { csrf: web.csrf, form_id: mark, [`matches${v.items[0].no}`]: '1' };
  const r = await web.post(`/verifikasi/${id}/documents`, bad);
  assert.equal(r.status, 400);
  assert.ok(r.text.includes(`name="form_id" value="${mark}"`), 'the form shown again carries its mark');
  const ok = await web.post(`/verifikasi/${id}/documents`, { ...bad, [`present${v.items[0].no}`]: '1' });
  assert.equal(ok.status, 303, ok.text.slice(0, 400));
  assert.equal((await api('GET', `/verifications/${id}`)).json.checked, true);
});
