// A form refused for its CSRF token (left open too long, the session changed in another tab, a
// cookie lost) loses nothing typed: the 403 page offers the form back, filled, with a fresh token
// (through the language switch's own path, form_kept.c); passwords and files are never carried;
// the API's refusal stays JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, webSession, login, request, sqlite, ADMIN_PASSWORD } from './lib.mjs';

let s, admin;
before(async () => { s = await startServer(); admin = await webSession(s.url); });
after(async () => { if (s) await s.stop(); });

// The hidden fields of the page's form-again: [[name, value]].
function formAgain(html) {
  const m = html.match(/<form method="post" action="\/bahasa" id="form-again">([\s\S]*?)<\/form>/);
  if (!m) return null;
  return [...m[1].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((x) => [x[1], x[2].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')]);
}

test('the portal\'s question form refused for its token comes back filled from the 403 page, and then opens its ticket', async () => {
  const fields = { office: 'LPSE', name: 'Siti Rahmawati', phone: '081234567890', subject: 'Tidak bisa login & "reset"',
    description: 'Sudah mencoba tiga kali.\nAkun terkunci sejak pagi.' };
  // no token at all (a cookie lost): refused, nothing opened
  const res = await fetch(`${s.url}/portal/kirim`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: s.url }, redirect: 'manual' });
  const html = await res.text();
  assert.equal(res.status, 403);
  assert.match(html, /Formulir kedaluwarsa atau berasal dari situs lain/);
  const kept = formAgain(html);
  assert.ok(kept, 'the page offers the form back');
  assert.match(html, /Isian Anda tetap tersimpan \(berkas harus dipilih lagi\)/);
  assert.match(html, /<button type="submit" name="lang" value="id">Kembali ke formulir, dengan isian Anda<\/button>/);
  const k = Object.fromEntries(kept);
  assert.equal(k['kept.description'], fields.description);
  assert.equal(k['kept.subject'], fields.subject);
  assert.equal(k.next, '/portal/kirim');
  assert.equal(k.again, '/portal/kirim');
  // the button, with the token and cookie the 403 page gave
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const back = await fetch(`${s.url}/bahasa`, { method: 'POST', body: new URLSearchParams([...kept, ['lang', 'id']]), headers: { Origin: s.url, Cookie: cookie }, redirect: 'manual' });
  const form = await back.text();
  assert.equal(back.status, 200, form.slice(0, 300));
  assert.match(form, /<input id="p-name" name="name"[^>]* value="Siti Rahmawati"/);
  assert.match(form, /<input id="p-subject" name="subject"[^>]* value="Tidak bisa login &amp; &quot;reset&quot;"/);
  assert.match(form, /<textarea id="p-desc" name="description"[^>]*>Sudah mencoba tiga kali\.\nAkun terkunci sejak pagi\.<\/textarea>/);
  // sent from there, it is taken
  const tok = form.match(/name="csrf" value="([0-9a-f]+)"/)[1];
  const fid = form.match(/name="form_id" value="([0-9a-f]+)"/)[1];
  const sent = await fetch(`${s.url}/portal/kirim`, { method: 'POST', body: new URLSearchParams({ ...fields, csrf: tok, form_id: fid }), headers: { Origin: s.url, Cookie: cookie }, redirect: 'manual' });
  assert.equal(sent.status, 303);
  assert.match(sent.headers.get('location'), /^\/portal\/t\/[0-9a-f]+\?baru=1$/);
});

test('a staff form refused for its token (the session changed in another tab) comes back filled; a password is never carried', async () => {
  // the form is on /kasus/baru?sop=…, posted to /kasus: the browser's Referer names its page
  const r = await admin.post('/kasus', { csrf: 'a'.repeat(64), sop: 'SOP-LPSE.BTG-017', subject: 'Penyedia tidak bisa unggah', channel: 'phone' },
    { Referer: `${s.url}/kasus/baru?sop=SOP-LPSE.BTG-017#isi` });
  assert.equal(r.status, 403);
  const kept = Object.fromEntries(formAgain(r.text));
  assert.equal(kept['kept.subject'], 'Penyedia tidak bisa unggah');
  assert.equal(kept['kept.sop'], 'SOP-LPSE.BTG-017');
  assert.equal(kept.again, '/kasus');
  assert.equal(kept.next, '/kasus/baru?sop=SOP-LPSE.BTG-017');
  assert.ok(!('kept.csrf' in kept));
  const back = await admin.post('/bahasa', { csrf: admin.csrf, ...Object.fromEntries(formAgain(r.text).filter(([n]) => n !== 'csrf')), lang: 'en' });
  assert.equal(back.status, 200);
  assert.match(back.text, /name="subject"[^>]* value="Penyedia tidak bisa unggah"/);
  assert.match(back.text, /<html lang="en">/);
  assert.match(back.text, /<form[^>]* action="\/kasus"/);
  // a Referer of another site is not followed: back to the page above the address posted to
  const far = await admin.post('/kasus', { csrf: 'a'.repeat(64), subject: 'x' }, { Referer: 'http://evil.example/kasus/baru' });
  assert.equal(Object.fromEntries(formAgain(far.text)).next, '/kasus');
  // a form of passwords only: nothing to carry, no button (and no password in the page)
  const pw = await admin.post('/akun', { csrf: 'b'.repeat(64), old_password: 'rahasia-lama-2026', password: 'rahasia-baru-2026', password2: 'rahasia-baru-2026' });
  assert.equal(pw.status, 403);
  assert.doesNotMatch(pw.text, /rahasia/);
  // a refusal of permission is not a lost token: no such button
  const other = await admin.post('/bahasa', { csrf: 'c'.repeat(64), lang: 'en', next: '/' });
  assert.equal(other.status, 403);
  assert.equal(formAgain(other.text), null, 'the switch itself refused offers no switch back');
});

test('the API\'s CSRF refusal stays JSON', async () => {
  const r = await fetch(`${s.url}/api/v1/cases`, { method: 'POST', headers: { Cookie: admin.cookie(), 'Content-Type': 'application/json', Origin: s.url }, body: '{"sop":"SOP-LPSE.BTG-017"}' });
  assert.equal(r.status, 403);
  const j = await r.json();
  assert.equal(j.error.code, 'csrf');
});

test('a form sent once the session has ended asks for the sign-in, carrying what was typed; signed in, the form comes back filled', async () => {
  const r0 = await request(s.url, 'POST', '/api/v1/cases', { token: await login(s.url), body: { sop: 'SOP-LPSE.BTG-017', subject: 'Catatan panjang', requester: { name: 'Budi' } } });
  assert.equal(r0.status, 201, r0.text);
  const number = r0.json.number;
  const web = await webSession(s.url);
  const csrf = web.csrf;
  // the session ends (idle too long): its row is gone
  sqlite(join(s.dir, 'loket.db'), "DELETE FROM session WHERE kind='web'");
  const note = 'Penyedia menelepon lagi pukul 10.15;\nmasalah <b>belum</b> selesai & perlu dicek "besok".';
  const r = await web.post(`/kasus/${number}/catatan`, { csrf, body: note, step: '' }, { Referer: `${s.url}/kasus/${number}` });
  assert.equal(r.status, 401);
  assert.match(r.text, /Sesi Anda telah berakhir: masuk lagi untuk melanjutkan/);
  assert.match(r.text, /id="kept-through"/);
  const form = r.text.match(/<form class="card login" method="post" action="\/masuk">([\s\S]*?)<\/form>/)[1];
  const hid = [...form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((x) => [x[1], x[2].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')]);
  const h = Object.fromEntries(hid);
  assert.equal(h['kept.body'], note);
  assert.equal(h.next, `/kasus/${number}`);
  assert.equal(h.again, `/kasus/${number}/catatan`);
  // a wrong password: the form keeps carrying it
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const post = (fields) => fetch(`${s.url}/masuk`, { method: 'POST', redirect: 'manual', headers: { Origin: s.url, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...hid.filter(([n]) => n !== 'csrf'), ['csrf', h.csrf], ...Object.entries(fields)]).toString() });
  let x = await post({ username: 'admin', password: 'salah-sekali-2026' });
  assert.equal(x.status, 401);
  assert.match(await x.text(), /name="kept\.body" value="Penyedia menelepon lagi/);
  // signed in: the page offers the form back, with the new session's token
  x = await post({ username: 'admin', password: ADMIN_PASSWORD });
  assert.equal(x.status, 200);
  const signed = await x.text();
  const sess = x.headers.getSetCookie().find((c) => c.startsWith('loket_session=')).split(';')[0];
  const again = formAgain(signed);
  assert.ok(again, signed.slice(0, 500));
  assert.equal(Object.fromEntries(again)['kept.body'], note);
  const back = await fetch(`${s.url}/bahasa`, { method: 'POST', redirect: 'manual', headers: { Origin: s.url, Cookie: sess, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...again, ['lang', 'id']]).toString() });
  const page = await back.text();
  assert.equal(back.status, 200, page.slice(0, 300));
  assert.match(page, /<textarea id="note-body" name="body"[^>]*>Penyedia menelepon lagi pukul 10\.15;\nmasalah &lt;b&gt;belum&lt;\/b&gt; selesai &amp; perlu dicek &quot;besok&quot;\.<\/textarea>/);
  // a form with nothing typed, sent signed out, goes to the sign-in as before
  const empty = await fetch(`${s.url}/kasus/${number}/catatan`, { method: 'POST', redirect: 'manual', headers: { Origin: s.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'csrf=x' });
  assert.equal(empty.status, 303);
  assert.match(empty.headers.get('location'), /^\/masuk\?next=/);
});
