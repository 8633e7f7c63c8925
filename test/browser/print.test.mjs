// Browser test: printing. Every page the SOPs print, printed on A4 as the LPSE prints and signs it
// (the registers and the archive's list due for destruction, the case record, the recaps for the
// head, the training's sign-in sheet and report, a verification, an account request), with long
// Indonesian names and subjects and enough rows for several sheets. Each page is laid out for print
// (emulateMedia) at the sheet's printable width and printed with page.pdf, whose text pdftotext reads
// back: nothing wider than the sheet, nothing to press or fill in, a table's head again on every sheet
// and its rows whole, the office and the paper's title (and period) on the first sheet, the
// signatures where the paper is signed, a sensible number of sheets; in Indonesian, and in English
// for a user who reads English. And a case printed keeps its headings with their text and leaves the
// knowledge-base suggestions out (the articles that answered the case do print).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, LAUNCH, watch, signIn, staffServer } from './lib.mjs';
import { request } from '../int/lib.mjs';


const NAMES = ['Raden Ajeng Siti Nurhaliza Kusumawardhani', 'Muhammad Fadhlurrahman Hidayatullah Prasetyo',
  'Ni Luh Putu Ayu Sekarwangi Dewi Anggraeni', 'Bambang Sugiharto Wicaksono Adinegoro', 'Cut Nyak Meutia Rahmawati',
  'I Gusti Ngurah Agung Bagus Mahendradatta', 'Yohanes Bosco Kristianto Siahaan', 'Dewi Lestari'];
const ORGS = ['Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Batang', 'CV Karya Mandiri Sejahtera Abadi',
  'PT Pembangunan Infrastruktur Nusantara Berkelanjutan Tbk', 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah'];
const SUBJECTS = ['Permohonan pendampingan unggah dokumen penawaran paket pekerjaan rehabilitasi jaringan irigasi ' +
  'Daerah Irigasi Kali Kupang beserta bangunan pelengkapnya Tahun Anggaran 2026',
'Undangan rapat koordinasi percepatan pelaksanaan pengadaan barang/jasa pemerintah melalui katalog elektronik lokal',
'Pemberitahuan perubahan jadwal tahapan tender pembangunan gedung kantor kecamatan'];
const pick = (a, i) => a[i % a.length];

// What is printed: a server on a frozen day (Monday 16 November 2026, 08.00 WIB) whose registers, case,
// recaps, training, verification and account request hold realistic Indonesian data, long names and
// subjects among them, enough rows for several sheets. Gives {s, admin, api, pages}: a name to an address.
async function seed() {
  const { s, admin, api } = await staffServer();
  const reg = (name, body) => api('POST', `/registers/${name}`, body);
  for (let i = 0; i < 70; i++) {
    await reg('guest-book', { name: `${pick(NAMES, i)} ${i + 1}`, organisation: pick(ORGS, i), phone: `0812${String(3000000 + i).padStart(8, '0')}`,
      purpose: pick(SUBJECTS, i), met_whom: 'Bidang Layanan dan Dukungan' });
  }
  const agenda = [];
  for (let i = 0; i < 60; i++) {
    agenda[i] = await reg('agenda', { letter_no: `027/${100 + i}/DPUPR/XI/2026`, letter_date: '2026-11-1' + (i % 6), sender: pick(ORGS, i), subject: pick(SUBJECTS, i) });
  }
  for (let i = 0; i < 40; i++) {
    await reg('disposition', { agenda: agenda[i].number, to_role: 'helpdesk', instruction: `Mohon ditindaklanjuti dan dilaporkan hasilnya: ${pick(SUBJECTS, i)}` });
  }
  for (let i = 0; i < 40; i++) {
    await reg('consultation', { name: `${pick(NAMES, i)} ${i + 1}`, organisation: pick(ORGS, i), contact: 'siti.nurhaliza@batangkab.go.id',
      question: `Bagaimana cara ${pick(SUBJECTS, i).toLowerCase()}?`, answer: 'Dijelaskan langkah demi langkah melalui aplikasi SPSE versi 4.5 sesuai petunjuk LKPP.' });
  }
  for (let i = 0; i < 30; i++) {
    await reg('handover', { items: 'Surat permohonan bermeterai\nSalinan SK penunjukan PPK\nFotokopi KTP dan kartu pegawai\nFormulir data pribadi',
      from_name: pick(NAMES, i), to_name: pick(NAMES, i + 3) });
  }
  for (let i = 0; i < 40; i++) {
    await reg('archive', { title: pick(SUBJECTS, i), location: `Lemari arsip ${1 + (i % 4)}, rak ${1 + (i % 5)}, map nomor ${i + 1}`,
      retain_until: i % 2 ? '2026-01-31' : '2030-12-31' });
  }
  // a case of the phone procedure with a long subject
  const c = await api('POST', '/cases', { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: SUBJECTS[0], requester: { name: NAMES[0] } });
  // a training of two sessions with many participants
  const t = await api('POST', '/trainings', { title: 'Pelatihan Penggunaan SPSE Versi 4.5 bagi Penyedia Barang/Jasa dan Pokja Pemilihan',
    audience: ['penyedia'], capacity: 80, venue: 'Ruang Pelatihan LPSE Kabupaten Batang, Gedung Setda Lantai 3', trainers: ['Budi Santoso'],
    sessions: [{ title: 'Pendaftaran dan kualifikasi', starts_at: '2026-11-24 08:00', ends_at: '2026-11-24 12:00' },
      { title: 'Penawaran dan enkripsi', starts_at: '2026-11-25 08:00', ends_at: '2026-11-25 12:00' }] });
  await api('POST', `/trainings/${t.id}/approve`);
  for (let i = 0; i < 60; i++) {
    await api('POST', `/trainings/${t.id}/participants`, { name: `${pick(NAMES, i)} ${i + 1}`, agency: pick(ORGS, i), email: `peserta${i}@contoh.co.id` });
  }
  const session = (await api('GET', `/trainings/${t.id}`)).sessions[0].id;
  // a provider's verification and an official's account request
  const v = await api('POST', '/verifications', { company: 'PT Pembangunan Infrastruktur Nusantara Berkelanjutan Tbk', npwp: '01.234.567.8-901.000',
    nib: '9120001234567', email: 'direktur@pin.co.id', phone: '0812 3456 7890', contact: NAMES[1], spse_user: 'pinbatang', registered_on: '2026-11-10' });
  const a = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: NAMES[2], nip: '198203142006042002', rank: 'Penata Muda / III a',
    position: 'Pejabat Pembuat Komitmen Dinas Pekerjaan Umum dan Penataan Ruang', agency: ORGS[0], email: 'niluh@batangkab.go.id', phone: '081311112222',
    sk_number: 'SK-027/DPUPR/2026', valid_from: '2026-01-02', valid_until: '2026-12-31', docs: ['letter', 'personal_data'],
    letter_no: '800/112/DPUPR/2026', letter_date: '2026-11-12' });
  assert.ok(v.id && a.id);
  // a bid file opened at the LPSE: its written statement, a letter the head signs
  const rhs = (await api('POST', '/rhs', { tender_code: '10012346', provider: ORGS[2], requester: { name: 'Pokja Pemilihan 6' } })).case.number;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(1000).fill(66)]), 'penawaran.rhs');
  const up = await fetch(`${s.url}/api/v1/rhs/${rhs}/files`, { method: 'POST', headers: { Authorization: `Bearer ${admin}` }, body: fd });
  assert.equal(up.status, 201, await up.text());
  await api('POST', `/rhs/${rhs}/test`, { opened: true, causes: [] });
  const pages = {
    guest: '/register/guest-book', agenda: '/register/agenda', disposition: '/register/disposition', consultation: '/register/consultation',
    handover: '/register/handover', archive: '/register/archive', destruction: '/register/archive?due=1',
    guest_period: '/register/guest-book?from=2026-11-01&to=2026-11-30',
    case: `/kasus/${c.number}`, handover_case: `/kasus/${c.number}/serah`, phone_recap: '/telepon/rekap',
    reports: '/laporan', compliance: '/laporan/kepatuhan', recap_guests: '/laporan/rekap/tamu', recap_phone: '/laporan/rekap/telepon',
    training: `/pelatihan/${t.id}`, signin: `/pelatihan/${t.id}/daftar-hadir/${session}`, training_report: `/pelatihan/${t.id}/laporan`,
    verification: `/verifikasi/${v.id}`, verify_queue: '/verifikasi/antrean', account_request: `/permohonan-akun/${a.id}`,
    audit: '/audit', statement: `/rhs/${rhs}/pernyataan`,
  };
  return { s, admin, api, pages };
}

const MM = 96 / 25.4;   // CSS pixels in a millimetre
// the printable width of an A4 sheet upright (210 mm less margins of 20 and 15 mm) and lying down (297 less 2 × 12)
const UPRIGHT = Math.floor(175 * MM), LYING = Math.floor(273 * MM);

let s, pages, browser, dir, bare, answered;
before(async () => {
  let admin;
  ({ s, admin, pages } = await seed());
  const open = async (subject) => (await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
    sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject, requester: { name: 'Budi Santoso' } } })).json.number;
  bare = await open('Jadwal tender berubah');
  answered = await open('Lupa kata sandi SPSE');
  const a = await request(s.url, 'POST', '/api/v1/kb', { token: admin, body: { title: 'Lupa kata sandi SPSE', body: 'Pilih Lupa Password.', status: 'published' } });
  assert.equal(a.status, 201, a.text);
  const l = await request(s.url, 'POST', `/api/v1/cases/${answered}/kb`, { token: admin, body: { article: a.json.id } });
  assert.ok(l.status < 300, l.text);
  browser = await chromium.launch(LAUNCH);
  dir = mkdtempSync(join(tmpdir(), 'loket-print-'));
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
  if (dir && !process.env.LOKET_PRINT_KEEP) rmSync(dir, { recursive: true, force: true });
});

// The sheets of a PDF as text, one string per sheet, and their size in points.
function sheets(pdf, name) {
  const f = join(dir, `${name}.pdf`);
  writeFileSync(f, pdf);
  const t = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stderr);
  const info = spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout;
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  return { text: t.stdout.split('\f').filter((p, i, a) => i < a.length - 1 || p.trim()), w: Number(w), h: Number(h) };
}

// Lay the page at path out for print at the sheet's width, check what the layout shows, print it
// on A4 and give its sheets' text. want: {lying, title, heads (column heads on every sheet), min, max
// (sheets), signed (the signers' words), first (more words on the first sheet), end (on the last)}.
async function printed(page, path, want, words) {
  const width = want.lying ? LYING : UPRIGHT;
  await page.setViewportSize({ width, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const r = await page.goto(s.url + path);
  assert.equal(r.status(), 200, path);
  const layout = await page.evaluate((width) => {
    const shown = (e) => { const cs = getComputedStyle(e); const b = e.getBoundingClientRect(); return cs.display !== 'none' && cs.visibility !== 'hidden' && b.width > 0 && b.height > 0; };
    const all = [...document.querySelectorAll('body *')];
    const wide = all.filter(shown).filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.sr'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} right ${Math.round(e.getBoundingClientRect().right)}`);
    const controls = all.filter((e) => e.matches('button, input:not([type=hidden]):not([type=checkbox]), select, textarea, nav, header.top, footer, a.button, label:not(.check)') && shown(e))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.textContent.trim().slice(0, 40)}`);
    const heads = [...document.querySelectorAll('table')].filter(shown).filter((t) => t.tHead && getComputedStyle(t.tHead).display !== 'table-header-group').length;
    const split = [...document.querySelectorAll('tbody tr')].filter(shown).filter((tr) => getComputedStyle(tr).breakInside !== 'avoid').length;
    return { wide, controls, heads, split, scroll: document.documentElement.scrollWidth };
  }, width);
  assert.deepEqual(layout.wide.slice(0, 5), [], `${path}: wider than the sheet`);
  assert.ok(layout.scroll <= width + 1, `${path}: the page is ${layout.scroll} px wide, the sheet ${width}`);
  assert.deepEqual(layout.controls.slice(0, 5), [], `${path}: something to press or fill in is printed`);
  assert.equal(layout.heads, 0, `${path}: a table's head is not repeated on every sheet`);
  assert.equal(layout.split, 0, `${path}: a row may be split across sheets`);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
  const { text, w, h } = sheets(pdf, path.replace(/\W+/g, '_'));
  assert.deepEqual([Math.round(w), Math.round(h)], want.lying ? [842, 595] : [595, 842], `${path}: A4 ${want.lying ? 'lying' : 'upright'}`);
  assert.ok(text.length >= (want.min || 1) && text.length <= (want.max || 3), `${path}: ${text.length} sheets`);
  const first = text[0].replace(/\s+/g, ' ');
  for (const wd of [words.office, want.title, ...(want.first || [])]) assert.ok(first.includes(wd), `${path}: "${wd}" not on the first sheet:\n${first.slice(0, 400)}`);
  // a table's column heads again on every sheet, the last too: a signed table's signatures are its last row,
  // printed with the rows before it, never alone on a sheet of their own (print_signatures.test.mjs)
  for (const [i, sheet] of text.entries()) {
    for (const hd of want.heads || []) assert.ok(sheet.replace(/\s+/g, ' ').includes(hd), `${path}: "${hd}" not on sheet ${i + 1}`);
  }
  if (want.heads && want.signed) {
    assert.equal((text[text.length - 1].match(/\(\.{10,}\)/g) || []).length, 2, `${path}: both signatures whole on the last sheet`);
  }
  const last = text[text.length - 1].replace(/\s+/g, ' ');
  for (const wd of [...(want.signed || []), ...(want.end || [])]) assert.ok(last.includes(wd), `${path}: "${wd}" not under the paper`);
  if (!want.signed) assert.ok(!/\(\.{10,}\)/.test(text.join('')), `${path}: signatures on a paper nobody signs`);
  // nothing of the screen's chrome
  for (const wd of words.chrome) assert.ok(!text.join('').includes(wd), `${path}: "${wd}" printed`);
  return text;
}

// The pages in Indonesian: what each paper shows.
const ID = {
  guest: { lying: true, title: 'Buku tamu', heads: ['Nama', 'Tujuan'], min: 3, max: 25 },
  guest_period: { lying: true, title: 'Buku tamu', first: ['1 November 2026 – 30 November 2026'], heads: ['Nama'], min: 3, max: 25,
    end: ['Lembar ini hanya memuat satu halaman entri register'] },   // 70 guests, 50 on a page: the sheet says it is not all
  agenda: { lying: true, title: 'Buku agenda', heads: ['Nomor surat', 'Perihal'], min: 3, max: 25 },
  disposition: { lying: true, title: 'Lembar disposisi', heads: ['Instruksi'], min: 2, max: 20 },
  consultation: { lying: true, title: 'Formulir konsultasi', heads: ['Pertanyaan', 'Jawaban'], min: 3, max: 25 },
  handover: { lying: true, title: 'Formulir serah terima', heads: ['Yang menyerahkan', 'Yang menerima'], min: 2, max: 20 },
  archive: { lying: true, title: 'Arsip', heads: ['Lokasi'], min: 3, max: 25 },
  destruction: { lying: true, title: 'Arsip', first: ['Jatuh tempo pemusnahan'], heads: ['Lokasi'], min: 2, max: 15,
    signed: ['Mengetahui,', 'Ketua LPSE', 'Petugas'] },
  case: { title: 'Catatan kasus', first: ['Permohonan pendampingan unggah dokumen penawaran'], min: 1, max: 8 },
  phone_recap: { title: 'Rekap Penanganan Permasalahan Melalui Telepon', first: ['November 2026'], signed: ['Mengetahui,', 'Ketua LPSE', 'Petugas'] },
  recap_guests: { title: 'Tamu', first: ['1 November 2026 – 30 November 2026'], heads: ['Hari'], min: 1, max: 4,
    signed: ['Mengetahui,', 'Ketua LPSE', 'Petugas'] },
  compliance: { lying: true, title: 'Laporan kepatuhan', first: ['1 November 2026 – 30 November 2026'], min: 1, max: 6 },
  signin: { title: 'Daftar hadir', first: ['Pelatihan Penggunaan SPSE Versi 4.5', 'Sesi 1'], heads: ['Nama', 'Tanda tangan'], min: 3, max: 8,
    signed: ['Mengetahui,', 'Ketua LPSE', 'Trainer'] },
  training_report: { title: 'Form laporan training', first: ['Pelatihan Penggunaan SPSE Versi 4.5'], signed: ['Mengetahui,', 'Ketua LPSE', 'Trainer'] },
  verification: { title: 'Verifikasi penyedia', first: ['PT Pembangunan Infrastruktur Nusantara Berkelanjutan Tbk'] },
  account_request: { title: 'Permohonan akun', first: ['Ni Luh Putu Ayu Sekarwangi Dewi Anggraeni'] },
  audit: { title: 'Log audit', heads: ['Tindakan'], min: 2, max: 40 },
  statement: { title: 'SURAT KETERANGAN', first: ['DAPAT DIBUKA', 'PT Pembangunan Infrastruktur Nusantara'], max: 1, signed: ['(...'] },
};

// Sign in as the administrator (switched to English when english), and print with print(page, words):
// words holds the office's name and the screen's words that must not print. No page may show broken.
async function signedIn(english, print) {
  const ctx = await browser.newContext({ locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    const office = (await page.locator('header.top .office').innerText()).trim();
    if (english) {
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    }
    const chrome = english ? ['Sign out', 'Skip to the content', 'Download', 'Filter'] : ['Keluar', 'Langsung ke isi halaman', 'Unduh', 'Saring'];
    await print(page, { office, chrome });
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
}

test('each printable page prints well on A4, in Indonesian', (t) => signedIn(false, async (page, words) => {
  for (const [name, want] of Object.entries(ID)) await t.test(pages[name], () => printed(page, pages[name], want, words));
}));

// The paper form of one entry (the register's number links to it), made by the server as a PDF: on A4,
// with its heading, the office, the entry's words, and its two signers.
const FORMS = [
  ['handover', 'FORMULIR SERAH TERIMA BERKAS/DOKUMEN', ['Yang menyerahkan', 'Yang menerima', 'Salinan SK penunjukan PPK']],
  ['disposition', 'LEMBAR DISPOSISI', ['Pemberi disposisi', 'Mohon ditindaklanjuti']],
  ['consultation', 'FORMULIR KONSULTASI', ['Petugas', 'Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Batang']],
];

test('the paper form of an entry (PDF) is A4 and signed by its two parties', () => signedIn(false, async (page, words) => {
  for (const [slug, heading, want] of FORMS) {
    const r = await page.request.get(`${s.url}/register/${slug}/1/formulir`);
    assert.equal(r.status(), 200, slug);
    const { text, w, h } = sheets(await r.body(), `form-${slug}`);
    assert.deepEqual([Math.round(w), Math.round(h)], [595, 842], `${slug}: A4 upright`);
    const all = text.join('').replace(/\s+/g, ' ');
    for (const wd of [heading, words.office, ...want]) assert.ok(all.includes(wd), `${slug}: "${wd}" not on the form:\n${all.slice(0, 600)}`);
  }
}));

test('a user who reads English prints the same papers in English', () => signedIn(true, async (page, words) => {
  await printed(page, pages.guest, { lying: true, title: 'Guest book', heads: ['Name', 'Purpose'], min: 3, max: 25 }, words);
  await printed(page, pages.destruction, { lying: true, title: 'Archive', first: ['Due for destruction'], heads: ['Location'], min: 2, max: 15,
    signed: ['Acknowledged by', 'Head of LPSE (Ketua)', 'Officer'] }, words);
  await printed(page, pages.signin, { title: 'Sign-in sheet', heads: ['Name', 'Signature'], min: 3, max: 8,
    signed: ['Acknowledged by', 'Head of LPSE (Ketua)', 'Trainer'] }, words);
  await printed(page, pages.case, { title: 'Case record', min: 1, max: 8 }, words);
}));

test('a printed case keeps headings with their text and leaves the knowledge-base suggestions out', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${s.url}/kasus/${bare}`);
    const h2 = page.getByRole('heading', { level: 2 }).first();
    assert.equal(await h2.evaluate((e) => getComputedStyle(e).breakAfter), 'avoid');
    assert.equal(await page.locator('#kb').evaluate((e) => getComputedStyle(e).display), 'none', 'no article: the card does not print');
    await page.goto(`${s.url}/kasus/${answered}`);
    assert.notEqual(await page.locator('#kb').evaluate((e) => getComputedStyle(e).display), 'none');
    assert.ok(await page.locator('#kb .kb-answered').isVisible(), 'the article that answered the case prints');
    assert.equal(await page.locator('#kb .kb-hits, #kb p.muted').evaluateAll((es) => es.filter((e) => getComputedStyle(e).display !== 'none').length), 0);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
