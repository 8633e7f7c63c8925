// A requester's walk through the public portal, with what real people do wrong: the question
// form sent twice (a double tap on a slow line, Back then send again) opens one ticket, the
// second sending led to the first's private page; a form refused and corrected opens its one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, sqlite } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { if (s) await s.stop(); });

const q = (sql) => { const r = sqlite(join(s.dir, 'loket.db'), sql); assert.equal(r.status, 0, r.stderr); return r.stdout.trim(); };

// A requester's browser: its cookies, a page's form fields read, a multipart form posted.
function browser() {
  const jar = new Map();
  const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(path) {
      const res = await fetch(s.url + path, { headers: { Cookie: cookie() } });
      keep(res);
      return { status: res.status, text: await res.text() };
    },
    async post(path, fields) {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) if (Array.isArray(v)) f.append(k, ...v); else f.append(k, v);   // [Blob, name]: a file
      const res = await fetch(s.url + path, { method: 'POST', body: f, redirect: 'manual', headers: { Cookie: cookie(), Origin: s.url } });
      keep(res);
      return { status: res.status, location: res.headers.get('location'), text: await res.text() };
    },
  };
}

// The value of a hidden field of a page, or null.
const hidden = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1] ?? null;

test('the question form sent twice opens one ticket; the second sending leads to the first one\'s page', async () => {
  const b = browser();
  const form = await b.get('/portal/kirim');
  assert.equal(form.status, 200);
  const mark = hidden(form.text, 'form_id');
  assert.match(mark || '', /^[0-9a-f]{32}$/, 'the form carries a one-time mark');
  const before = Number(q('SELECT count(*) FROM portal_ticket'));
  const fields = { csrf: hidden(form.text, 'csrf'), office: 'LPSE', form_id: mark, name: 'Siti Nurhaliza',
    email: 'siti@cvmaju.co.id', subject: 'Tidak bisa unggah dokumen', description: 'Tombol unggah tidak merespons.' };
  const [one, two] = await Promise.all([b.post('/portal/kirim', fields), b.post('/portal/kirim', fields)]);
  assert.equal(one.status, 303, one.text);
  assert.equal(two.status, 303, two.text);
  assert.match(one.location, /^\/portal\/t\/[0-9a-f]{64}\?baru=1$/);
  assert.equal(two.location, one.location, 'the second sending leads to the ticket the first opened');
  const three = await b.post('/portal/kirim', fields);   // Back, then send again
  assert.equal(three.location, one.location);
  assert.equal(Number(q('SELECT count(*) FROM portal_ticket')), before + 1, 'one ticket');
  // a new form (another question) has a new mark and opens its own ticket
  const again = await b.get('/portal/kirim');
  assert.notEqual(hidden(again.text, 'form_id'), mark);
  const other = await b.post('/portal/kirim', { ...fields, csrf: hidden(again.text, 'csrf'), form_id: hidden(again.text, 'form_id') });
  assert.equal(other.status, 303);
  assert.notEqual(other.location, one.location);
  assert.equal(Number(q('SELECT count(*) FROM portal_ticket')), before + 2);
});

test('a refused question form keeps its mark; corrected, it opens its ticket once', async () => {
  const b = browser();
  const form = await b.get('/portal/kirim');
  const mark = hidden(form.text, 'form_id');
  const fields = { csrf: hidden(form.text, 'csrf'), office: 'LPSE', form_id: mark, name: 'Ahmad', email: 'ahmad@',
    subject: 'Jadwal pelatihan', description: 'Kapan pelatihan berikutnya?' };
  const bad = await b.post('/portal/kirim', fields);
  assert.equal(bad.status, 400);
  assert.equal(hidden(bad.text, 'form_id'), mark, 'the form shown again keeps its mark');
  assert.match(bad.text, /value="ahmad@"/, 'what was typed is shown again');
  const before = Number(q('SELECT count(*) FROM portal_ticket'));
  const ok = await b.post('/portal/kirim', { ...fields, email: 'ahmad@pokja.go.id' });
  assert.equal(ok.status, 303, ok.text);
  const twice = await b.post('/portal/kirim', { ...fields, email: 'ahmad@pokja.go.id' });
  assert.equal(twice.location, ok.location);
  assert.equal(Number(q('SELECT count(*) FROM portal_ticket')), before + 1);
});

test('a rating sent from a page left open after the ticket was reopened says why it is refused, with no form to correct', async () => {
  const b = browser();
  const form = await b.get('/portal/kirim');
  const made = await b.post('/portal/kirim', { csrf: hidden(form.text, 'csrf'), office: 'LPSE', form_id: hidden(form.text, 'form_id'),
    name: 'Dewi', phone: '081234567890', subject: 'Akun terkunci', description: 'Akun saya terkunci.' });
  assert.equal(made.status, 303, made.text);
  const page = made.location.replace(/\?.*/, '');
  const ticket = await b.get(page);
  // the ticket is open: no rating form; a rating posted (an old tab of the closed ticket) is refused
  assert.doesNotMatch(ticket.text, /name="score"/);
  const r = await b.post(page + '/nilai', { csrf: hidden(ticket.text, 'csrf'), score: '5' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Tiket dapat dinilai setelah ditutup/, 'the reason is said');
  assert.doesNotMatch(r.text, /Mohon perbaiki isian yang ditandai di bawah/, 'no field marked that the page does not show');
});

test('a file of an accepted type under a name a system runs it by (surat.hta, surat.bat.) is refused; under its own name or none it is taken', async () => {
  // a PDF to libmagic, whose HTML or lines mshta and cmd would run when the staff open it by its name
  const poly = '%PDF-1.4\n<html><script>new ActiveXObject("WScript.Shell").Run("calc")</script></html>\ncalc.exe\n';
  const b = browser();
  const form = await b.get('/portal/kirim');
  const send = (name) => b.post('/portal/kirim', { csrf: hidden(form.text, 'csrf'), office: 'LPSE', name: 'Rudi', email: 'rudi@cvmaju.co.id',
    subject: 'Dokumen kualifikasi', description: 'Terlampir surat kami.', file: [new Blob([poly]), name] });
  const before = Number(q('SELECT count(*) FROM portal_ticket'));
  const hta = await send('surat.hta');
  assert.equal(hta.status, 415, hta.text);
  assert.match(hta.text, /id="p-file"[^>]*aria-invalid="true"/, 'the file field is marked');
  assert.equal(Number(q('SELECT count(*) FROM portal_ticket')), before, 'nothing opened');
  // the reply of a ticket: the same rule, a trailing dot (dropped by Windows when saved) or not
  const made = await send('surat');
  assert.equal(made.status, 303, made.text);
  const token = made.location.match(/\/portal\/t\/([0-9a-f]{64})/)[1];
  const reply = async (name) => {
    const f = new FormData();
    f.append('body', 'Lampiran');
    f.append('file', new Blob([poly]), name);
    const res = await fetch(`${s.url}/api/v1/portal/tickets/${token}/replies`, { method: 'POST', body: f });
    return { status: res.status, json: await res.json() };
  };
  for (const name of ['surat.bat', 'surat.bat.', 'surat.html', 'surat.pdf.exe']) {
    const r = await reply(name);
    assert.equal(r.status, 415, `${name}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error.field, 'file');
  }
  for (const name of ['surat.pdf', 'Surat No. 12', 'SURAT.PDF']) {
    const r = await reply(name);
    assert.equal(r.status, 201, `${name}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.messages.at(-1).file, name);
  }
});
