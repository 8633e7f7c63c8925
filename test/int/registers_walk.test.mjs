// The registers as a new member of staff uses them: a file marked destroyed on a day written
// before its retention ended, and a register's form sent twice (a double click).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login, webSession } from './lib.mjs';

let s, admin;

before(async () => {
  s = await startServer();
  admin = await login(s.url);
});
after(async () => { if (s) await s.stop(); });

const api = (method, path, body) => request(s.url, method, `/api/v1/registers${path}`, { token: admin, body });
const audits = async (object) => (await request(s.url, 'GET', '/api/v1/audit?limit=500', { token: admin })).json.rows.filter((r) => r.object === object);

test('a file is not destroyed on a day before its retention ended, however the day is written (API, list, page)', async () => {
  const a = await api('POST', '/archive', { title: 'Berkas 2019', location: 'Lemari A', archived_at: '2020-01-10', retain_until: '2020-02-01' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.due, true);
  const id = a.json.id;
  for (const at of ['2020-01-20', '2020-01-31T23:59']) {
    const one = await api('POST', `/archive/${id}/destroy?lang=en`, { at });
    assert.equal(one.status, 400, one.text);
    assert.equal(one.json.error.field, 'at');
    assert.match(one.json.error.message, /retention period had not ended/);
  }
  const all = await api('POST', '/archive/destroy?lang=en', { ids: [id], at: '2020-01-20' });
  assert.equal(all.status, 400, all.text);
  assert.match(all.json.error.message, new RegExp(`^#${id}: The retention period had not ended`));
  // the page's form, in Indonesian, keeps the moment typed
  const web = await webSession(s.url);
  const page = await web.post(`/register/archive/${id}/destroy`, { csrf: web.csrf, at: '2020-01-25T10:00' });
  assert.equal(page.status, 400);
  assert.match(page.text, /Masa retensi belum berakhir pada waktu itu/);
  assert.match(page.text, /value="2020-01-25T10:00"/);
  // nothing destroyed, nothing audited
  const still = await api('GET', '/archive?due=true');
  assert.ok(still.json.entries.some((e) => e.id === id && e.destroyed_at === null));
  assert.deepEqual((await audits(`archive:${id}`)).map((r) => r.action), ['register.add']);
  // on the day the retention ends it is destroyed, as a correction allows it
  const ok = await api('POST', `/archive/${id}/destroy`, { at: '2020-02-01T08:00' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.destroyed_at, '2020-02-01T01:00:00Z');
});

test('a register form sent twice (a double click) adds one entry: the agenda book gives the letter one number', async () => {
  const web = await webSession(s.url);
  const page = await web.get('/register/agenda');
  const mark = (page.text.match(/name="form_id" value="([0-9a-f]{32})"/) || [])[1];
  assert.ok(mark, 'the new-entry form carries a one-time mark');
  const fields = { csrf: web.csrf, form_id: mark, letter_no: '027/9/PU', letter_date: '2020-03-02', sender: 'Dinas PU', subject: 'Dikirim dua kali' };
  const [one, two] = await Promise.all([web.post('/register/agenda', fields), web.post('/register/agenda', fields)]);
  assert.equal(one.status, 303);
  assert.equal(two.status, 303);
  const again = await web.post('/register/agenda', fields);   // Back, then send again
  assert.equal(again.status, 303);
  const list = await api('GET', '/agenda?q=dikirim');
  assert.equal(list.json.entries.length, 1, list.text);
  const id = list.json.entries[0].id;
  for (const r of [one, two, again]) assert.match(r.headers.get('location'), new RegExp(`#e${id}$`));
  const told = await web.get(again.headers.get('location'));
  assert.match(told.text, /Formulir ini sudah dikirim: inilah catatan yang ditambahkannya/);
  // a refused form comes back with its mark and what was typed; corrected, it adds its entry
  const mark2 = 'b'.repeat(32);
  const bad = await web.post('/register/agenda', { ...fields, form_id: mark2, subject: 'Kedua', letter_date: '2020-02-30' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, new RegExp(`name="form_id" value="${mark2}"`));
  assert.match(bad.text, /value="2020-02-30"/);
  const fixed = await web.post('/register/agenda', { ...fields, form_id: mark2, subject: 'Kedua', letter_date: '2020-02-28' });
  assert.equal(fixed.status, 303);
  const numbers = (await api('GET', '/agenda')).json.entries.map((e) => e.number).sort();
  assert.equal(numbers.length, 2);
  assert.equal(new Set(numbers).size, 2);
  assert.match(numbers[1], /-0002$/);
});

test('a register\'s field is said by its label in Indonesian, not by its machine name (sender, location, case_number, …)', async () => {
  // the error about the field named last in the body (among all the body's errors)
  const said = async (path, body, lang = '') => {
    const r = await api('POST', `${path}${lang ? `?lang=${lang}` : ''}`, body);
    assert.equal(r.status, 400, r.text);
    const all = r.json.error.fields || [r.json.error];
    const field = Object.keys(body).filter((k) => all.some((e) => e.field === k)).pop() || r.json.error.field;
    return [field, all.find((e) => e.field === field).message];
  };
  assert.deepEqual(await said('/agenda', { letter_no: '1/A', letter_date: '2020-01-02', subject: 'Aktivasi' }), ['sender', 'Pengirim wajib diisi']);
  assert.deepEqual(await said('/archive', { title: 'Berkas' }), ['location', 'Lokasi wajib diisi']);
  assert.deepEqual(await said('/agenda', { letter_no: '1/A', letter_date: '2020-01-02', subject: 'Aktivasi' }, 'en'), ['sender', 'Sender is required']);
  assert.deepEqual(await said('/guest-book', { name: 'Budi', purpose: 'Konsultasi', case_number: 'X'.repeat(65) }),
    ['case_number', 'Nomor kasus terlalu panjang: paling banyak 64 karakter']);
  assert.deepEqual(await said('/disposition', { agenda: 'AG\u0007', to_role: 'staf', instruction: 'Proses' }),
    ['agenda', 'agenda tidak boleh berisi karakter kendali']);   // unlabelled: the number formats' agenda is the book's pattern
  assert.deepEqual(await said('/disposition', { case_number: 'LPSE-1', to_role: 'r'.repeat(33), instruction: 'Proses' }),
    ['to_role', 'Kepada (peran) terlalu panjang: paling banyak 32 karakter']);
  assert.deepEqual(await said('/consultation', { name: 'Rina', question: 'Enkripsi', asked_at: 'x'.repeat(10) + '\u0001' }),
    ['asked_at', 'Waktu bertanya tidak boleh berisi karakter kendali']);
});

test('a time written in ISO 8601 without its seconds ("…T10:00+07:00", "…T03:00Z", "+07") is taken, as the error offering ISO 8601 promises', async () => {
  for (const [at, want] of [['2026-01-05T10:00+07:00', '2026-01-05T03:00:00Z'], ['2026-01-05T03:30Z', '2026-01-05T03:30:00Z'],
    ['2026-01-05T11:45+07', '2026-01-05T04:45:00Z']]) {
    const g = await api('POST', '/guest-book', { name: 'Tamu ISO', purpose: 'Konsultasi', arrived_at: at });
    assert.equal(g.status, 201, `${at}: ${g.text}`);
    assert.equal(g.json.arrived_at, want, at);
  }
  // a basic offset beside an extended time, or an hour of one digit: refused, naming the field
  for (const at of ['2026-01-05T10:00+0700', '2026-01-05T10:00+7']) {
    const g = await api('POST', '/guest-book', { name: 'Tamu ISO', purpose: 'Konsultasi', arrived_at: at });
    assert.equal(g.status, 400, `${at}: ${g.text}`);
    assert.equal(g.json.error.field, 'arrived_at');
  }
});
