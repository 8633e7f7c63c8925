// The English side as a property: every word Loket itself puts on a page, in an API message, an
// export's header, a PDF or an e-mail is English in English mode, and Indonesian in Indonesian
// mode. Data stays as entered: the procedures' titles and steps (read from GET /api/v1/sops), the
// holidays' names, what the test typed (English-looking names, so only Loket's words are left).
// Every page reachable from the menu is opened as the administrator in both languages, with the
// downloads it links (CSV, XLSX, PDF), and so as a member of staff of each kind who sees other
// pages (the helpdesk, a verifier, the head of the LPSE); every API route that takes a body is sent an empty one in
// both languages; the e-mails to a requester who used the portal in English are read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, addUser, webSession, request, login, routeTable, sqlite, ROOT } from './lib.mjs';

// Words that are Loket's Indonesian, never English (nor a code or a name Loket shows as it is).
const INDONESIAN = new Set(`simpan batal kembali cari tambah ubah hapus kirim tanggal belum tidak langkah kasus pemohon
  keterangan tutup buka dibuka ditutup menit jam hari minggu bulan tahun detik dan atau yang untuk dari dengan oleh pada
  dalam ini itu sudah ada semua baru nama nomor selesai terbuka jumlah lihat unduh cetak pilih isi catatan lampiran berkas
  surat tamu buku petugas peserta jadwal daftar pesan balasan jawaban pertanyaan bantuan sebelum sesudah hingga sampai
  sejak kerja libur terlambat tepat waktu lain lainnya saya anda kami halaman pengguna kantor laporan pelatihan
  verifikasi akun masuk keluar tugas beranda pengaturan kalender prosedur prioritas direktori penyedia instansi
  perusahaan permohonan permintaan tiket kartu cetakan berlaku sesi rekap rata rerata bulanan harian mingguan
  diterima ditolak dikembalikan disetujui menunggu dijawab diteruskan perlu harus boleh belum
  pilihan teks januari februari maret mei juni juli agustus oktober desember senin selasa rabu kamis jumat sabtu`.split(/\s+/).filter(Boolean));
// Words that are Loket's English, never Indonesian.
const ENGLISH = new Set(`save cancel back search add edit delete remove send date none yet step steps case cases minutes
  minute hours hour days day weeks week months month year years seconds second the and of for with from not new name
  number open opened closed close report reports user users office training trainings verification account accounts
  print due late today yesterday tomorrow all list show settings reply answer question attachment attachments note notes
  requester staff time page next previous calendar procedure procedures priority priorities directory provider
  agency requests request ticket tickets card received rejected returned approved waiting answered forwarded must
  may should sign out in per each every average weekly monthly daily before after until since working holiday holidays
  january february march june july august october december monday tuesday wednesday thursday friday saturday sunday`
  .split(/\s+/).filter(Boolean));
// English words that Indonesian also uses as they are (or that are names in both)
for (const w of ['status', 'total', 'email', 'e-mail', 'admin', 'helpdesk', 'portal', 'online', 'tender', 'data', 'format',
  'agenda', 'login', 'log', 'password', 'user', 'per', 'training', 'pokja', 'ppk', 'spse', 'lpse', 'kb', 'faq', 'csv', 'xlsx', 'pdf', 'sla', 'id', 'en', 'no'])
  ENGLISH.delete(w), INDONESIAN.delete(w);

let s, admin, token, data;
// The staff besides the administrator, one per kind of pages: [username, role, session].
const STAFF = [['meja', 'helpdesk'], ['vera', 'verifikator'], ['kartini', 'ketua']];
const sessions = {};
const api = async (method, path, body, want) => {
  const r = await request(s.url, method, `/api/v1${path}`, { token, body });
  if (want) assert.ok([want].flat().includes(r.status), `${method} ${path}: ${r.status} ${r.text}`);
  return r;
};

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  token = await login(s.url);
  // English-looking data, so that what is left of a page is Loket's own words
  const g = await api('POST', '/registers/guest-book', { name: 'Jane Doe', organisation: 'Acme Ltd', purpose: 'Forgot password' }, 201);
  const w = await api('POST', '/helpdesk/walk-in', { guest_id: g.json.id }, 201);
  await api('POST', `/cases/${w.json.number}/notes`, { body: 'Phoned back' }, 201);
  const k = await api('POST', '/cases', { sop: 'SOP 02/LPSE.OI/2012', channel: 'email', subject: 'Cannot open the tender',
    requester: { name: 'John Smith', email: 'john@example.com' } }, 201);
  await api('POST', `/cases/${k.json.number}/steps/1`, { outcome: 'done' });
  await api('POST', '/kb', { title: 'Forgotten SPSE password', body: 'Choose Forgot Password.', category: 'Accounts', status: 'published' }, 201);
  const t = await api('POST', '/trainings', { title: 'SPSE course for providers', audience: ['penyedia'], capacity: 20,
    venue: 'Training room', trainers: ['Bob Stone'], portal: true, sessions: [
      { title: 'Registration and bids', starts_at: '2026-12-01 08:00', ends_at: '2026-12-01 12:00' }] }, 201);
  await api('POST', `/trainings/${t.json.id}/approve`);
  await api('POST', `/portal/trainings/${t.json.id}/register?lang=en`, { name: 'Mary Major', agency: 'Major Works', role: 'penyedia',
    email: 'mary@majorworks.example' });
  await api('POST', '/portal/tickets?lang=en', { name: 'Nina Kerr', email: 'nina@example.com', subject: 'Tender schedule', description: 'When does it open?' });
  await api('POST', '/portal/account-requests?lang=en', { kind: 'ppk', name: 'Sam Wise', nip: '198001012005012001',
    agency: 'Public Works', email: 'sam@pw.example', docs: ['letter'] });
  // the other desks: a verification day booked on the portal, a bid file, a letter and its disposition, a handover,
  // a provider in the bidding room, a call at the phone desk, an SPSE account request checked
  await api('POST', '/portal/verification/appointments?lang=en', { company: 'Bright Star Ltd', npwp: '01.234.567.8-901.000', nib: '9120001234567',
    email: 'ceo@brightstar.example', phone: '0812 3456 7890', contact: 'Tom Bright', spse_user: 'brightstar', registered_on: '2026-11-02', day: '2026-11-17' }, [200, 201, 202]);
  await api('POST', '/rhs', { tender_code: '10012345', provider: 'Prime Build Ltd', requester: { name: 'Panel Two' } }, [200, 201, 202]);
  await api('POST', '/registers/agenda', { letter_no: '027/101/PU/2026', letter_date: '2026-11-12', sender: 'Public Works Office',
    subject: 'Request to disable a PPK account' }, [200, 201, 202]);
  await api('POST', '/registers/disposition', { case_number: w.json.number, to_role: 'admin_agency', instruction: 'Disable the account', due_at: '2026-11-20T16:00' }, [200, 201, 202]);
  await api('POST', '/registers/handover', { items: 'Request letter', from_name: 'Andy Field', to_name: 'Sara Desk', case_number: w.json.number }, [200, 201, 202]);
  await api('POST', '/bidding-room', { name: 'Rudy Hart', organisation: 'Evergreen Ltd' }, [200, 201, 202]);
  await api('POST', '/phone/calls', { stamp: (await api('GET', '/phone/stamp', undefined, 200)).json.stamp }, [200, 201]);
  const req = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Dana Lee', nip: '198203142006042002',
    agency: 'Education Office', email: 'dana@edu.example', docs: ['letter', 'decree', 'personal_data'], letter_no: '800/112/2026', letter_date: '2026-11-12' }, [200, 201, 202]);
  if (req.json?.id) await api('POST', `/account-requests/${req.json.id}/check`, {}, [200, 201, 202]);
  // the data Loket shows as it is: every string of every procedure, the holidays, the office
  data = ['LPSE'];
  const walk = (v) => { if (typeof v === 'string') data.push(v); else if (v && typeof v === 'object') Object.values(v).forEach(walk); };
  for (const lang of ['id', 'en']) {
    for (const p of (await api('GET', `/sops?lang=${lang}`, undefined, 200)).json.sops) walk((await api('GET', `/sops/${p.slug}?lang=${lang}`)).json);
  }
  walk((await api('GET', '/questionnaires', undefined, 200)).json);
  for (const line of readFileSync(join(ROOT, 'data/holidays-2026.csv'), 'utf8').split('\n')) data.push(...line.split(',').slice(1));
  for (const f of readdirSync(join(ROOT, 'sop'))) {
    for (const m of readFileSync(join(ROOT, 'sop', f), 'utf8').matchAll(/^\s*[a-z_]+: (.+)$/gm)) data.push(m[1], ...m[1].split(/[;()]|`[^`]*`/));   // `code` is set apart
  }
  data = [...new Set(data.map((z) => z.trim()).filter((z) => z.length > 2))].sort((a, b) => b.length - a.length);
  // and what the test typed, and the subjects of the e-mails (the office's outbox lists them)
  data.push('Jane Doe', 'Acme Ltd', 'Forgot password', 'Phoned back', 'Cannot open the tender', 'John Smith', 'Forgotten SPSE password',
    'Choose Forgot Password.', 'Accounts', 'SPSE course for providers', 'Training room', 'Bob Stone', 'Registration and bids', 'Mary Major',
    'Major Works', 'Nina Kerr', 'Tender schedule', 'When does it open?', 'Sam Wise', 'Public Works',
    'Bright Star Ltd', 'Tom Bright', 'brightstar', 'Prime Build Ltd', 'Panel Two', 'Public Works Office', 'Request to disable a PPK account',
    'Disable the account', 'Request letter', 'Andy Field', 'Sara Desk', 'Rudy Hart', 'Evergreen Ltd', 'Dana Lee', 'Education Office',
    ...sqlite(join(s.dir, 'loket.db'), 'SELECT subject FROM outbox').stdout.split('\n'),
    // a case's subject as written when it was made (Loket composes some, in the office's language); a step's
    // note Loket wrote is read in the reader's language, a person's as typed (the test's, above)
    ...sqlite(join(s.dir, 'loket.db'), 'SELECT subject FROM kasus').stdout.split('\n'),
    // a register's entry as recorded, Loket's words in it too (a disposition's instruction from a step's note): the
    // office's register, kept in its language
    ...sqlite(join(s.dir, 'loket.db'), 'SELECT instruction FROM disposition').stdout.split('\n'));
  data = [...new Set(data.map((z) => z.trim()).filter((z) => z.length > 2))].sort((a, b) => b.length - a.length);
  admin = await webSession(s.url);
  sessions.admin = admin;
  for (const [u, role] of STAFF) sessions[u] = await webSession(s.url, u, addUser(s.dir, u, role, `${u}-password-2026`));
});
after(async () => { await s?.stop(); });

const decode = (z) => z.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n)).replace(/&amp;/g, '&');
// The visible text of a page, its data taken out: one string per text node.
function visible(html) {
  // a procedure's flow drawn (its steps broken over lines) and what a field holds are data; a field's attributes are read
  let body = html.replace(/<(script|style)\b[\s\S]*?<\/\1>|<svg class="swimlane"[\s\S]*?<\/svg>/gi, ' ').replace(/(<textarea\b[^>]*>)[\s\S]*?<\/textarea>/gi, '$1')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const out = [];
  // what a person reads besides text: a button's value, a placeholder, a title, an image's alt, aria-label
  // codes: <code>, and what is set in monospace (a role's code beside its name)
  body = body.replace(/<code>[^<]*<\/code>/g, ' ').replace(/(<[a-z]+[^>]*class="[^"]*\bmono\b[^"]*"[^>]*>)[^<]*/g, '$1');
  for (const m of body.matchAll(/\s(?:placeholder|title|alt|aria-label)="([^"]*)"/g)) out.push(decode(m[1]));
  for (const m of body.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)) out.push(decode(m[1]));
  out.push(...body.split(/<[^>]+>/).map(decode));
  return out.map(undata).map((z) => z.trim()).filter(Boolean);
}
// A text with the data in it taken out, and the words meant, and codes (a,b,c; column x), addresses, placeholders ({year}).
function undata(z) {
  dataRe ||= new RegExp(`(?<![\\p{L}\\d])(?:${data.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\d])`, 'gu');
  return z.replace(MEANT, ' ').replace(dataRe, ' ').replace(/[a-z_]+(,[a-z_]+)+|\b(?:kolom|column) [a-z_]+/g, ' ').replace(/https?:\/\/\S+|\{[^}]*\}/g, ' ');
}
let dataRe, dataWords;
// Words of the other language named on purpose: a provider's Indonesian name beside the English, the
// column names a holiday file's header row may have, a command of loket's, the SKM's occupations
// as the API takes them (Permenpan RB 14/2017's own words).
const MEANT = /\(Penyedia\)|\(Tanggal, Keterangan, Jenis\)|\(Tanggal (?:or|atau) Date\)|\bloket mail list\b|\bSwasta, Wirausaha (?:or|atau) Lainnya\b/g;
// The words of a text that belong to the other language (codes left out: a_b).
function foreign(text, words) {
  return [...new Set(text.toLowerCase().match(/[a-z][a-z_-]*/g) || [])].filter((w) => !w.includes('_') && words.has(w));
}
// The words of one language found in texts: ["where: the word(s) in «text»", ...].
function check(where, texts, words, bad) {
  for (const z of texts) {
    const f = foreign(z, words);
    const line = `${f.join(', ')} in «${z.slice(0, 160)}»`;
    if (f.length && !bad.some((b) => b.endsWith(line))) bad.push(`${where}: ${line}`);
  }
}

// Every page reachable from the menu (a few of each shape of address), with the downloads it links.
async function crawl(get) {
  const seen = new Set(['/']), shapes = new Map(), queue = ['/'], pages = [], downloads = [];
  const file = /[?&]format=|\.(pdf|xlsx|csv)(\?|$)|\/ekspor\b/;
  while (queue.length) {
    const path = queue.shift();
    const r = await get(path);
    const type = r.headers.get('content-type') || '';
    if (r.status !== 200) continue;
    if (file.test(path)) { downloads.push({ path, type, body: r.body }); continue; }
    if (!/text\/html/.test(type)) continue;
    pages.push({ path, html: r.body.toString('utf8') });
    for (const m of pages.at(-1).html.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
      const href = decode(m[1]);
      if (href.startsWith('//') || /^\/(keluar|static)\b|\.(svg|png|ics)(\?|$)|\/lampiran\/\d|[?&]lang=/.test(href) || seen.has(href)) continue;
      seen.add(href);
      const shape = href.replace(/\d+/g, 'N').replace(/\?.*$/, (q) => q.replace(/=[^&]*/g, ''));
      if ((shapes.get(shape) || 0) >= 2) continue;
      shapes.set(shape, (shapes.get(shape) || 0) + 1);
      queue.push(href);
    }
  }
  return { pages, downloads };
}

// The text of a download: a CSV's first line (its header), an XLSX's strings, a PDF's text.
function downloadText(d) {
  if (/csv/.test(d.type) || /format=csv|\.csv/.test(d.path)) return [d.body.toString('utf8').split('\n')[0]];
  const dir = mkdtempSync(join(tmpdir(), 'loket-en-'));
  try { return fileText(d, dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

// The text of an XLSX or a PDF download, written to a file in dir to be read.
function fileText(d, dir) {
  if (/spreadsheet|xlsx/.test(d.type + d.path)) {
    writeFileSync(join(dir, 'f.xlsx'), d.body);
    const xml = execFileSync('unzip', ['-p', join(dir, 'f.xlsx')], { maxBuffer: 1 << 26 }).toString('utf8');
    return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => undata(decode(m[1]))).filter(Boolean);
  }
  if (/pdf/.test(d.type + d.path)) {
    writeFileSync(join(dir, 'f.pdf'), d.body);
    // a drawing's text is broken over lines and columns: a word of the data is data there
    dataWords ||= new Set(data.flatMap((d) => d.toLowerCase().match(/[a-z][a-z-]*/g) || []));
    return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-']).toString('utf8').split('\n').map(undata)
      .map((z) => z.replace(/[A-Za-z][A-Za-z-]*/g, (w) => (dataWords.has(w.toLowerCase()) ? ' ' : w)));
  }
  return [];
}

for (const [lang, words] of [['en', INDONESIAN], ['id', ENGLISH]]) for (const who of ['admin', ...STAFF.map(([u]) => u)]) {
  test(`every page and download ${who} sees in ${lang === 'en' ? 'English has no Indonesian' : 'Indonesian has no English'} words of Loket's own`, async () => {
    const get = async (path) => {
      const res = await fetch(s.url + path, { headers: { Cookie: `${sessions[who].cookie()}; loket_lang=${lang}` }, redirect: 'manual' });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    };
    const { pages, downloads } = await crawl(get);
    assert.ok(pages.length > (who === 'admin' ? 60 : 10), `${pages.length} pages`);
    const bad = [];
    // the audit log's details are the record as it was written (in English), not a page's words
    for (const p of pages) if (lang === 'en' || !p.path.startsWith('/audit')) check(p.path, visible(p.html), words, bad);
    for (const d of downloads) check(d.path, downloadText(d), words, bad);
    if (who !== 'admin') { assert.deepEqual(bad, []); return; }   // the public pages once
    // the public pages, signed out
    const portal = async (path) => {
      const res = await fetch(s.url + path, { headers: { Cookie: `loket_lang=${lang}` }, redirect: 'manual' });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    };
    for (const path of ['/masuk', '/portal', '/portal/tiket', '/portal/pelatihan', '/portal/verifikasi', '/portal/akun']) {
      const r = await portal(path);
      if (r.status === 200) check(path, visible(r.body.toString('utf8')), words, bad);
    }
    assert.deepEqual(bad, []);
  });
}

for (const [lang, words] of [['en', INDONESIAN], ['id', ENGLISH]]) {
  test(`every API message in ${lang === 'en' ? 'English' : 'Indonesian'}`, async () => {
    const bad = [];
    for (const r of routeTable().routes) {
      if (!r.path.startsWith('/api/v1/') || r.method === 'GET' || /logout|me\/|login|backup/.test(r.path)) continue;
      const path = r.path.replace(/:[a-z_]+/g, '999999');
      // an empty body (what is required), and one with a key no route knows
      for (const body of [{}, { zz_unknown: 1 }]) {
        const res = await request(s.url, r.method, `${path}?lang=${lang}`, { token, body });
        const err = res.json?.error;
        // the field it names comes first, as it is
        const msgs = [err?.message, ...(err?.fields || []).map((f) => f.message)].filter(Boolean);
        check(`${r.method} ${r.path}`, msgs.map((m) => undata(m.replace(/^[a-z_.]+ /, ''))), words, bad);
      }
    }
    assert.deepEqual(bad, []);
  });
}

test('the e-mails to a requester who used the portal in English are English', async () => {
  const mails = sqlite(join(s.dir, 'loket.db'), "SELECT to_addr || char(1) || subject || char(1) || body || char(2) FROM outbox ORDER BY id").stdout
    .split('\x02').map((z) => z.trim()).filter(Boolean).map((z) => z.split('\x01'));
  const en = mails.filter(([to]) => /mary@|nina@|sam@/.test(to));
  assert.ok(en.length >= 3, mails.map((m) => m[0]).join(' '));
  const bad = [];
  for (const [to, subject, body] of en) check(`mail to ${to}`, [subject, ...body.split('\n')].map(undata), INDONESIAN, bad);
  assert.deepEqual(bad, []);
});

test("the API's lists give a procedure's step in the answer's language, as the pages do", async () => {
  const [id, en] = [(await api('GET', '/cases?status=open', undefined, 200)).json.cases, (await api('GET', '/cases?status=open&lang=en', undefined, 200)).json.cases];
  const sop = (await api('GET', '/sops/SOP-02-LPSE.OI-2012?lang=en', undefined, 200)).json;
  const k = id.findIndex((c) => c.sop === 'SOP 02/LPSE.OI/2012');
  assert.ok(k >= 0 && en[k].number === id[k].number, JSON.stringify(id));
  const step = sop.steps.find((x) => x.no === id[k].current_step);
  assert.ok(step.text_en && step.title, JSON.stringify(step));
  assert.deepEqual([id[k].step_title, en[k].step_title], [step.title, step.text_en]);  // the bidding room's visits the same
  const room = (await api('GET', '/sops/SOP-LPSE.BTG-006?lang=en', undefined, 200)).json;
  const [vi, ve] = [(await api('GET', '/bidding-room', undefined, 200)).json, (await api('GET', '/bidding-room?lang=en', undefined, 200)).json];
  const visit = (j) => j.in_room[0];
  const rs = room.steps.find((x) => x.no === visit(vi).current_step);
  assert.deepEqual([visit(vi).step, visit(ve).step], [rs.title, rs.text_en]);
  const page = await (await fetch(`${s.url}/ruang-bidding/${visit(vi).case}`, { headers: { Cookie: `${admin.cookie()}; loket_lang=en` } })).text();
  const esc = (z) => z.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  assert.ok(page.includes(`<h2>${rs.no}. ${esc(rs.text_en)}</h2>`), page);
});
