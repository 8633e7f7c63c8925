// The office calendar page: everyone on staff reads it; its keepers change hours and
// holidays through forms, and import a file of holidays (all or nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, webSession, addUser, ROOT } from './lib.mjs';

// The clock at a day of 2026 before October: the page names no year without holidays (the next
// one is named from October), whatever day the tests run.
let s, admin;
before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: '2026-09-14T09:00:00+07:00' } });
  addUser(s.dir, 'sari', 'helpdesk');
  admin = await webSession(s.url);
});
after(async () => { await s.stop(); });

test('the page shows the week in Indonesian and the 2026 holidays', async () => {
  const p = await admin.get('/kalender?year=2026');
  assert.equal(p.status, 200);
  assert.match(p.text, /<h1>Kalender kantor<\/h1>/);
  assert.match(p.text, /Senin<\/th><td>07\.30–12\.00, 13\.00–16\.00/);
  assert.match(p.text, /Sabtu<\/th><td>tutup/);
  assert.match(p.text, /16 Januari 2026/);      // Isra Mikraj, from the compiled-in list
  assert.match(p.text, /Cuti bersama/);
});

test('a helpdesk user reads the calendar but may not change it', async () => {
  const sari = await webSession(s.url, 'sari', 'user-test-password-1');
  assert.equal((await sari.get('/kalender')).status, 200);
  const r = await sari.post('/kalender/libur', { csrf: sari.csrf, day: '2026-08-18', name: 'x' });
  assert.equal(r.status, 403);
});

test('adding a holiday through the form shows it; a day that does not exist is refused under its field', async () => {
  const ok = await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-08-18', name: 'Hari jadi Kabupaten', kind: 'local' });
  assert.equal(ok.status, 303);
  const p = await admin.get('/kalender?year=2026&ok=Holiday%20saved');
  assert.match(p.text, /18 Agustus 2026<\/td><td>Hari jadi Kabupaten<\/td><td>Lokal/);
  assert.match(p.text, /Hari libur disimpan/);
  // its remove button says which row it removes to a screen reader
  assert.match(p.text, /<form method="post" action="\/kalender\/libur\/2026-08-18\/hapus">[^]*?<button type="submit" class="secondary" aria-label="Hapus: 18 Agustus 2026 \(Hari jadi Kabupaten\)">Hapus<\/button>/);
  // the years the calendar keeps: no link before 1970 nor after 2100
  const first = await admin.get('/kalender?year=1970');
  assert.ok(!first.text.includes('year=1969') && first.text.includes('year=1971'));
  const lastY = await admin.get('/kalender?year=2100');
  assert.ok(!lastY.text.includes('year=2101') && lastY.text.includes('year=2099'));
  const bad = await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-02-30', name: 'Tidak ada', kind: 'local' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="day-error"/);
  // what was typed comes back
  assert.match(bad.text, /name="name" required maxlength="120" value="Tidak ada"/);
  assert.match(bad.text, /<option value="local" selected>/);
  const none = await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-09-01', name: '' });
  assert.equal(none.status, 400);
  assert.match(none.text, /name="day" type="date" required value="2026-09-01"/);
  const rm = await admin.post('/kalender/libur/2026-08-18/hapus', { csrf: admin.csrf });
  assert.equal(rm.status, 303);
  assert.doesNotMatch((await admin.get('/kalender?year=2026')).text, /Hari jadi Kabupaten/);
});

test('the holiday form preselects no kind: the name decides (Cuti Bersama… is joint leave, else national), as the server does', async () => {
  const form = (await admin.get('/kalender')).text.match(/<select id="kind" name="kind"[^>]*>(.*?)<\/select>/s);
  assert.ok(form, 'the kind select');
  assert.match(form[0], /aria-describedby="kind-hint"/);
  assert.match(form[1], /^<option value="">Otomatis dari nama<\/option>/, 'the first option, chosen unless another is');
  assert.doesNotMatch(form[1], /selected/);
  // sent as the form comes (kind empty): the name decides
  for (const [day, name, words] of [['2026-12-28', 'Cuti Bersama Natal', 'Cuti bersama'], ['2026-12-29', 'Hari jadi Kota', 'Libur nasional']]) {
    assert.equal((await admin.post('/kalender/libur', { csrf: admin.csrf, day, name, kind: '' })).status, 303);
    const d = new Date(`${day}T00:00:00Z`).getUTCDate();
    assert.match((await admin.get('/kalender?year=2026')).text, new RegExp(`${d} Desember 2026</td><td>${name}</td><td>${words}`, 'i'));
  }
  // renamed without a kind, a local holiday stays local
  await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-12-30', name: 'Hari jadi', kind: 'local' });
  await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-12-30', name: 'Hari jadi Kabupaten ke-200', kind: '' });
  assert.match((await admin.get('/kalender?year=2026')).text, /30 Desember 2026<\/td><td>Hari jadi Kabupaten ke-200<\/td><td>Lokal/);
  // refused, a kind chosen comes back chosen, national too
  const bad = await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-02-30', name: 'x', kind: 'national' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<option value="national" selected>/);
  for (const day of ['2026-12-28', '2026-12-29', '2026-12-30']) await admin.post(`/kalender/libur/${day}/hapus`, { csrf: admin.csrf });
});

test("one day's hours: set through the form; spans that close before they open are refused", async () => {
  const ok = await admin.post('/kalender/jam', { csrf: admin.csrf, weekday: '6', hours: '08:00-12:00' });
  assert.equal(ok.status, 303);
  assert.match((await admin.get('/kalender')).text, /Sabtu<\/th><td>08\.00–12\.00/);
  const bad = await admin.post('/kalender/jam', { csrf: admin.csrf, weekday: '6', hours: '12:00-08:00' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="hours-error"/);
  assert.match((await admin.get('/kalender')).text, /Sabtu<\/th><td>08\.00–12\.00/, 'a refused change changes nothing');
});

test('a CSV of holidays uploaded as a file is imported; a bad line imports nothing and names the line', async () => {
  const upload = async (name, text) => {
    const fd = new FormData();
    fd.append('csrf', admin.csrf);
    fd.append('file', new Blob([text], { type: 'text/csv' }), name);
    const res = await fetch(s.url + '/kalender/impor', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: admin.cookie(), Origin: s.url } });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
  const good = await upload('libur.csv', 'date,name,kind\n2027-01-01,Tahun Baru 2027 Masehi,national\n2027-02-06,Tahun Baru Imlek,national\n');
  assert.equal(good.status, 303);
  const notices = (html) => [...html.matchAll(/<div class="notice (\w+)" role="\w+"><p>([^<]*)<\/p><\/div>/g)].map((m) => `${m[1]}: ${m[2]}`);
  // one notice says it: imported, how many days off, the year shown
  const landed = await admin.get(good.location);
  assert.deepEqual(notices(landed.text), ['ok: Hari libur diimpor. 2 hari libur dibaca dari berkas; di bawah ini hari libur tahun 2027.']);
  assert.match(landed.text, /6 Februari 2027<\/td><td>Tahun Baru Imlek/);
  // Google's feed: the same notice says how many observances it left out, and what it changed of
  // the days held (one renamed, one as it was, five new)
  const feed = await upload('basic.ics', readFileSync(join(ROOT, 'test/fixtures/google-id-2027.ics'), 'utf8'));
  assert.equal(feed.status, 303);
  const after = (await admin.get(feed.location ?? '/kalender?year=2027')).text;
  assert.equal(notices(after).length, 1, notices(after).join('\n'));
  assert.match(notices(after)[0], /^ok: Hari libur diimpor\. \d+ hari libur dibaca dari berkas; di bawah ini hari libur tahun 2027\. 1 di antaranya sudah ada di kalender seperti dalam berkas: tidak berubah\. Hari baru: 5, diubah \(nama atau jenis\): 1\. 5 perayaan dalam berkas \(hari peringatan, bukan hari libur\) tidak diimpor\.$/);
  assert.doesNotMatch((await admin.get('/kalender?year=2027')).text, /Hari Kartini/);
  const obs = await upload('perayaan.ics', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270421\nSUMMARY:Hari Kartini\nDESCRIPTION:Perayaan\nEND:VEVENT\nEND:VCALENDAR\n');
  assert.equal(obs.status, 400);
  assert.match(obs.text, /Berkas hanya berisi perayaan, yang bukan hari libur/);
  const bad = await upload('rusak.csv', '2027-03-01,Satu\n2027-13-01,Bulan tiga belas\n');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /baris 2: tanggal harus hari yang ada/, 'said in Indonesian, with the line');
  const two = await upload('dua.csv', '2027-03-01,Satu\n2027-13-01,Bulan tiga belas\n2027-04-31,Tiga puluh satu April\n');
  assert.equal(two.status, 400);
  assert.match(two.text, /baris 2: tanggal harus hari yang ada[^<]*; baris 3: tanggal harus hari yang ada/, 'every wrong line');
  const empty = await upload('kosong.csv', '');
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Berkas tidak memuat hari libur/, 'an empty file is not "choose a file"');
  const header = await upload('kepala.csv', 'date,name,kind\n');
  assert.equal(header.status, 400);
  assert.match(header.text, /Berkas tidak memuat hari libur/);
  assert.doesNotMatch((await admin.get('/kalender?year=2027')).text, /Satu</, 'nothing of a bad file is kept');
});

test('a year with no national holiday yet, this one or (from October) the next, is named on the page until one is added', async () => {
  const t = await startServer({ env: { LOKET_TEST_NOW: '2026-11-21T09:00:00+07:00' } });
  try {
    const w = await webSession(t.url);
    let p = await w.get('/kalender');
    assert.match(p.text, /Belum ada hari libur nasional untuk tahun 2027: tenggat yang jatuh di tahun itu menghitung setiap hari kantor buka sebagai hari kerja/);
    // a local or cuti bersama day is not the national list
    let r = await w.post('/kalender/libur', { csrf: w.csrf, day: '2027-01-02', name: 'Hari jadi Kabupaten', kind: 'local' });
    assert.equal(r.status, 303, r.text);
    assert.match((await w.get('/kalender')).text, /untuk tahun 2027/);
    r = await w.post('/kalender/libur', { csrf: w.csrf, day: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' });
    assert.equal(r.status, 303, r.text);
    p = await w.get('/kalender');
    assert.doesNotMatch(p.text, /Belum ada hari libur nasional/);
  } finally { await t.stop(); }
  // before October, only this year counts; the compiled-in list keeps 2026
  const u = await startServer({ env: { LOKET_TEST_NOW: '2026-06-01T09:00:00+07:00' } });
  try {
    assert.doesNotMatch((await (await webSession(u.url)).get('/kalender')).text, /Belum ada hari libur nasional/);
  } finally { await u.stop(); }
});

test('a refused form says its error once, under the field; above, a notice names the form', async () => {
  const count = (text, re) => (text.match(new RegExp(re.source, 'g')) || []).length;
  const bad = await admin.post('/kalender/libur', { csrf: admin.csrf, day: '2026-02-30', name: 'Tidak ada', kind: 'local' });
  assert.equal(bad.status, 400);
  const msg = (bad.text.match(/<p class="field-error" id="day-error">([^<]+)<\/p>/) || [])[1];
  assert.ok(msg, 'the error is under the date');
  assert.equal(count(bad.text, new RegExp(msg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))), 1, 'said once');
  assert.match(bad.text, /<div class="notice error" role="alert"><p>Tambah hari libur: Mohon perbaiki isian yang ditandai di bawah\.<\/p><\/div>/);
  assert.match(bad.text, /name="day" type="date" required value="2026-02-30" aria-invalid="true" aria-describedby="day-error"/);
  // the other forms alike: hours, and the file of the import
  const hours = await admin.post('/kalender/jam', { csrf: admin.csrf, weekday: '6', hours: '12:00-08:00' });
  assert.equal(hours.status, 400);
  assert.match(hours.text, /<p>Atur jam kerja satu hari: Mohon perbaiki isian yang ditandai di bawah\.<\/p>/);
  assert.equal(count(hours.text, /class="field-error"/), 1);
  const day = await admin.post('/kalender/jam', { csrf: admin.csrf, weekday: '9', hours: '' });
  assert.equal(day.status, 400);
  assert.match(day.text, /<p class="field-error" id="weekday-error">Pilih hari dalam seminggu<\/p>/);
  assert.equal(count(day.text, /Pilih hari dalam seminggu/), 1);
  const fd = new FormData();
  fd.append('csrf', admin.csrf);
  fd.append('file', new Blob([''], { type: 'text/csv' }), 'kosong.csv');
  const res = await fetch(s.url + '/kalender/impor', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: admin.cookie(), Origin: s.url } });
  const text = await res.text();
  assert.equal(res.status, 400);
  assert.match(text, /<p class="field-error" id="file-error">Berkas tidak memuat hari libur/);
  assert.equal(count(text, /Berkas tidak memuat hari libur/), 1);
  assert.match(text, /<p>Impor hari libur: Mohon perbaiki isian yang ditandai di bawah\.<\/p>/);
});

test('an Outlook export with a byte-order mark uploads as iCalendar whatever its name (KALENDER.ICS, a .txt); a Google export twice holds each day once', async () => {
  const upload = async (name, body) => {
    const fd = new FormData();
    fd.append('csrf', admin.csrf);
    fd.append('file', new Blob([body], { type: 'application/octet-stream' }), name);
    const res = await fetch(s.url + '/kalender/impor', { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: admin.cookie(), Origin: s.url } });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
  const outlook = readFileSync(join(ROOT, 'test/fixtures/libur-outlook.ics'));
  assert.equal(outlook[0], 0xef, 'the fixture starts with a byte-order mark');
  for (const name of ['KALENDER.ICS', 'libur (1).txt']) {
    const r = await upload(name, outlook);
    assert.equal(r.status, 303, `${name}: ${r.text.slice(0, 300)}`);
  }
  let p = (await admin.get('/kalender?year=2027')).text;
  assert.match(p, /9 Maret 2027<\/td><td>Cuti bersama; Nyepi dan Idul Fitri<\/td><td>Cuti bersama/);
  assert.match(p, /17 Agustus 2027<\/td><td>HUT Kemerdekaan RI<\/td><td>Libur nasional/);
  const google = readFileSync(join(ROOT, 'test/fixtures/libur-google-2026-2027.ics'));
  let twice;
  for (let i = 0; i < 2; i++) { twice = await upload('basic.ics', google); assert.equal(twice.status, 303); }
  // the second time the page says every day was already so
  assert.match(twice.location, /unchanged=49/);
  const again = (await admin.get(twice.location)).text;
  assert.match(again, /Hari libur diimpor\. 49 [^<]*2026\. 49 di antaranya sudah ada di kalender seperti dalam berkas: tidak berubah\./);
  const api = await fetch(s.url + '/api/v1/calendar?year=2027', { headers: { Cookie: admin.cookie() } });
  const days = (await api.json()).holidays.map((h) => h.day);
  assert.equal(days.length, new Set(days).size, 'no day twice');
  assert.equal(days.length, 24);
  // a CSV saved by Excel in Indonesian, uploaded: the day-first dates read right
  const excel = await upload('Libur 2026.csv', readFileSync(join(ROOT, 'test/fixtures/libur-excel-id.csv')));
  assert.equal(excel.status, 303, excel.text.slice(0, 300));
  p = (await admin.get('/kalender?year=2026')).text;
  assert.match(p, /17 Agustus 2026<\/td><td>Hari Proklamasi Kemerdekaan RI; ke-81<\/td><td>Libur nasional/);
  const bad = await upload('salah.csv', 'Tanggal;Keterangan\r\n13/05/2027;Kenaikan\r\n05/13/2027;Kenaikan (salah)\r\n');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /baris 3: tanggal harus hari yang ada dari 1970 sampai 2100, ditulis YYYY-MM-DD atau hari dahulu DD\/MM\/YYYY/);
});
