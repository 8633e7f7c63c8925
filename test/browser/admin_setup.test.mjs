// Browser test: an LPSE's administrator who never opens a terminal sets up the office's first
// week from nothing, only through pages the menu reaches: signs in with the login `make run`
// printed and changes the password; names the office and moves it to WITA (Pengaturan kantor);
// the number format of cases and one cell of the priority table; four staff users with their
// roles, one's password reset, one disabled, one locked by failed sign-ins and unlocked; the
// calendar (a Saturday's hours, a local holiday, 2027's holidays from an .ics and a CSV file
// uploaded, Ramadan's hours); every procedure and its flow chart; the directory (an agency, a
// provider, an official, and a CSV upload); a case of each channel; the registers, the dashboard,
// the audit log with each change's row, and its chain checked; the mail's settings seen, a test
// message sent and the database's copy downloaded on the settings page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, LAUNCH, watch, signIn } from './lib.mjs';
import { readFileSync } from 'node:fs';
import { startServer, request, ADMIN_PASSWORD, PG } from '../int/lib.mjs';

const NEW_PW = 'Balikpapan-admin-2026';
let s, browser;
before(async () => {
  // three failed sign-ins lock an account, and none is slowed (the test would wait otherwise)
  s = await startServer({ conf: 'login_lock_after = 3\nlogin_delay_max_seconds = 0\n' });
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// Open a page through the menu: a daily link, or one under "Lainnya".
async function menu(page, name) {
  const nav = page.locator('nav.main');
  const direct = nav.locator(':scope > ul > li > a', { hasText: name });
  if (await direct.count()) {
    await Promise.all([page.waitForNavigation(), direct.first().click()]);
  } else {
    await nav.locator('li.more summary').click();
    await Promise.all([page.waitForNavigation(), nav.locator('li.more').getByRole('link', { name, exact: true }).click()]);
  }
  await page.getByRole('heading', { level: 1 }).waitFor();
}

// Submit a form by its button and wait for the page it leads to.
async function submit(page, scope, button) {
  await Promise.all([page.waitForNavigation(), scope.getByRole('button', { name: button, exact: true }).click()]);
}

// The audit rows the log page lists for a filter on the action (newest first), as text lines.
async function auditRows(page, action, actor = '') {
  await menu(page, 'Log audit');
  await page.getByLabel('Pelaku (nama pengguna)').fill(actor);
  await page.getByLabel('Tindakan diawali').fill(action);
  await submit(page, page.locator('form.filters'), 'Saring');
  return page.locator('table.audit tbody tr').allInnerTexts();
}

// An uploaded file from text.
const file = (name, mimeType, text) => ({ name, mimeType, buffer: Buffer.from(text) });

test('an administrator sets up the office\'s first week in the browser alone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    // ---- signed in with the printed login, the password changed on "Akun saya"
    await signIn(page, s.url, 'admin', ADMIN_PASSWORD);
    await menu(page, 'Akun saya');
    await page.getByLabel('Kata sandi saat ini').fill(ADMIN_PASSWORD);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(NEW_PW);
    await page.getByLabel('Ulangi kata sandi baru').fill(NEW_PW);
    await submit(page, page.locator('form[action="/akun"]'), 'Ubah kata sandi');
    assert.match(await page.getByRole('status').innerText(), /Kata sandi telah diubah/);
    assert.equal((await request(s.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).status, 401);

    // ---- the office: its name and zone; the public address shown
    await menu(page, 'Pengaturan kantor');
    assert.equal(await page.getByLabel('Nama kantor').inputValue(), 'LPSE');
    await page.getByLabel('Nama kantor').fill('LPSE Kota Balikpapan');
    await page.getByLabel('Zona waktu kantor').selectOption('WITA');
    await submit(page, page.locator('form[action="/pengaturan"]'), 'Simpan');
    assert.match(await page.getByRole('status').innerText(), /Pengaturan kantor disimpan/);
    assert.equal(await page.locator('header .office').innerText(), 'LPSE Kota Balikpapan');
    assert.match(await page.locator('#public-url').innerText(), /Belum diatur: tautan di e-mail diawali dengan alamat/);
    assert.match(await page.locator('#public-url').innerText(), new RegExp(s.url.replace(/[.:/]/g, '\\$&')));

    // ---- the mail: loket.conf's settings shown, a test message (a wrong address named first), the
    // outbox; the database's copy downloaded
    const mail = page.locator('#mail');
    assert.match(await mail.locator('#mail-settings').innerText(), /Relai SMTP \(smtp_url\)\s+belum diatur/);
    assert.match(await mail.locator('#mail-not-sent').innerText(), /surel menunggu di kotak keluar/);
    assert.equal(await mail.locator('input[name="smtp_url"]').count(), 0, 'loket.conf is not written from the page');
    assert.match(await mail.locator('#outbox-empty').innerText(), /Belum ada surel/);
    await mail.getByLabel('Kirim ke alamat').fill('admin@balikpapan');   // the browser takes it, the server does not
    await submit(page, mail, 'Kirim surel uji');
    assert.match(await page.getByRole('alert').first().innerText(), /Mohon perbaiki isian yang ditandai/);
    assert.equal(await page.locator('#to').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#to-error').innerText(), /domain setelah @ tidak bertitik: alamat yang dapat dicapai surel/);
    assert.equal(await page.getByLabel('Kirim ke alamat').inputValue(), 'admin@balikpapan');
    assert.deepEqual(problems.splice(0), [`400 ${s.url}/pengaturan/surel-uji`], 'only the refused form');
    await page.getByLabel('Kirim ke alamat').fill('admin@lpse.balikpapan.go.id');
    await submit(page, page.locator('#mail'), 'Kirim surel uji');
    assert.match(await page.getByRole('status').first().innerText(), /Surel uji dimasukkan ke kotak keluar/);
    const sent = await page.locator('#outbox tbody tr').allInnerTexts();
    assert.equal(sent.length, 1);
    assert.match(sent[0], /admin@lpse\.balikpapan\.go\.id\s+Uji surel Loket — LPSE Kota Balikpapan\s+Menunggu dikirim\s+0/);
    if (!PG) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#backup').getByRole('link', { name: 'Unduh salinan basis data' }).click()]);
      assert.match(dl.suggestedFilename(), /^loket-LPSE-\d{4}-\d\d-\d\d\.db$/);
      assert.equal(readFileSync(await dl.path()).subarray(0, 15).toString(), 'SQLite format 3');
    }
    await menu(page, 'Kalender');
    assert.match(await page.locator('main').innerText(), /Zona waktu: WITA/);

    // ---- numbering: cases numbered with four digits; a cell of the priority table
    await menu(page, 'Prioritas');
    await page.getByLabel('Tiket kasus').fill('{office}-{year}-{seq:4}');
    await submit(page, page.locator('form[action="/prioritas/nomor"]'), 'Simpan');
    assert.equal(await page.getByLabel('Tiket kasus').inputValue(), '{office}-{year}-{seq:4}');
    await page.getByLabel('Tidak mendesak, dampak Besar').selectOption('tinggi');
    await submit(page, page.locator('form[action="/prioritas"]'), 'Simpan');
    assert.equal(await page.getByLabel('Tidak mendesak, dampak Besar').inputValue(), 'tinggi');

    // ---- staff users with their roles
    const staff = [
      ['sari', 'Sari Wulandari', 'Helpdesk', 'helpdesk'], ['budi', 'Budi Santoso', 'Verifikator', 'verifikator'],
      ['andi', 'Andi Pratama', 'Administrator', 'admin'], ['kepala', 'Hj. Rahmawati', 'Ketua LPSE', 'ketua'],
    ];
    for (const [username, name, role, code] of staff) {
      await menu(page, 'Pengguna');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Pengguna baru' }).click()]);
      await page.getByLabel('Nama pengguna').fill(username);
      await page.getByLabel('Nama lengkap').fill(name);
      await page.getByLabel('Kata sandi awal').fill(`${username}-awal-2026`);
      await page.getByRole('checkbox', { name: `${role} ${code}`, exact: true }).check();
      await submit(page, page.locator('main form[action="/pengguna"]'), 'Buat pengguna');
      await page.getByRole('heading', { level: 1, name: 'Akun pengguna' }).waitFor();
      assert.match(await page.locator('main').innerText(), new RegExp(`Peran di kantor ini\\s+${role}`));
    }
    // sari's password reset; budi disabled
    await page.goto(`${s.url}/pengguna/sari`);
    await page.getByLabel('Kata sandi baru').fill('sari-baru-2026');
    await submit(page, page.locator('form[action="/pengguna/sari/sandi"]'), 'Reset kata sandi');
    assert.match(await page.getByRole('status').innerText(), /wajib menggantinya/);
    await page.goto(`${s.url}/pengguna/budi`);
    await submit(page, page.locator('form[action="/pengguna/budi/nonaktifkan"]'), 'Nonaktifkan');
    // andi mistypes his password three times: locked; unlocked from his page
    for (let i = 0; i < 3; i++) {
      await request(s.url, 'POST', '/api/v1/login', { body: { username: 'andi', password: 'salah-ketik-2026' } });
      }
    await menu(page, 'Pengguna');
    const row = (u) => page.locator('main table tbody tr').filter({ has: page.getByRole('link', { name: u, exact: true }) });
    assert.match(await row('budi').innerText(), /Nonaktif/);
    assert.match(await row('andi').innerText(), /Terkunci/);
    assert.match(await row('sari').innerText(), /Aktif/);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'andi', exact: true }).click()]);
    await submit(page, page.locator('form[action="/pengguna/andi/buka-kunci"]'), 'Buka kunci');
    assert.match(await page.getByRole('status').innerText(), /Kunci pengguna dibuka|dibuka/);
    assert.equal((await request(s.url, 'POST', '/api/v1/login', { body: { username: 'andi', password: 'andi-awal-2026' } })).status, 200);

    // ---- the calendar: a Saturday's hours, a local holiday, 2027's holidays from two files, Ramadan
    await menu(page, 'Kalender');
    const hours = page.locator('form[action="/kalender/jam"]');
    await hours.getByLabel('Hari').selectOption({ label: 'Sabtu' });
    await hours.getByLabel('Jam').fill('08:00-12:00');
    await submit(page, hours, 'Simpan');
    assert.match(await page.locator('main').innerText(), /Sabtu\s+08\.00–12\.00/);
    const holiday = page.locator('form[action="/kalender/libur"]');
    await holiday.getByLabel('Tanggal').fill('2027-02-10');
    await holiday.getByLabel('Nama').fill('Hari Jadi Kota Balikpapan');
    await holiday.getByLabel('Jenis').selectOption('local');
    await submit(page, holiday, 'Tambah');
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'SUMMARY:Tahun Baru 2027 Masehi', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'SUMMARY:Tahun Baru Imlek 2578 Kongzili', 'END:VEVENT',
      'END:VCALENDAR', ''].join('\r\n');
    const upload = page.locator('form[action="/kalender/impor"]');
    await upload.getByLabel('Berkas iCalendar (.ics) atau CSV').setInputFiles(file('libur-2027.ics', 'text/calendar', ics));
    await submit(page, upload, 'Impor');
    // the page tells how many days it read, and shows the file's year
    // in one notice
    assert.equal(await page.locator('.notice.ok').innerText(), 'Hari libur diimpor. 2 hari libur dibaca dari berkas; di bawah ini hari libur tahun 2027.');
    assert.equal((await page.locator('.notice').allInnerTexts()).filter((t) => /diimpor|dibaca dari berkas/.test(t)).length, 1);
    await page.getByRole('heading', { level: 2, name: 'Hari libur 2027' }).waitFor();
    await upload.getByLabel('Berkas iCalendar (.ics) atau CSV').setInputFiles(file('cuti-bersama-2027.csv', 'text/csv',
      'Tanggal;Keterangan;Jenis\n10/03/2027;Hari Suci Nyepi;Libur Nasional\n11/03/2027;Cuti Bersama Nyepi;Cuti Bersama\n'));
    await submit(page, upload, 'Impor');
    assert.match((await page.locator('.notice').allInnerTexts()).join('\n'), /2 hari libur dibaca dari berkas/);
    const period = page.locator('form[action="/kalender/periode"]');
    await period.getByLabel('Nama').fill('Ramadan 1448 H');
    await period.getByLabel('Hari pertama').fill('2027-02-08');
    await period.getByLabel('Hari terakhir').fill('2027-03-09');
    await period.getByLabel('Jam').fill('1-4 08.00-15.00\n5 08.00-15.30');
    await submit(page, period, 'Tambah');
    assert.match(await page.locator('table.periods').innerText(), /Ramadan 1448 H\s+8 Februari 2027 – 9 Maret 2027/);
    await page.goto(`${s.url}/kalender?year=2027`);   // the year of the file (its link "2027 →" only while it is the next)
    const y2027 = await page.locator('main').innerText();
    for (const h of ['1 Januari 2027\tTahun Baru 2027 Masehi', '6 Februari 2027\tTahun Baru Imlek 2578 Kongzili',
      '10 Februari 2027\tHari Jadi Kota Balikpapan\tLokal', '10 Maret 2027\tHari Suci Nyepi', '11 Maret 2027\tCuti Bersama Nyepi\tCuti bersama']) {
      assert.ok(y2027.includes(h), `${h} in:\n${y2027}`);
    }

    // ---- the procedures, each with its flow chart
    await menu(page, 'Prosedur');
    const codes = await page.locator('main table tbody tr td:first-child').allInnerTexts();
    assert.equal(codes.length, 10);
    for (const code of codes) {
      await menu(page, 'Prosedur');
      await Promise.all([page.waitForNavigation(), page.locator('main table tbody tr', { hasText: code }).getByRole('link').first().click()]);
      assert.match(await page.locator('main').innerText(), new RegExp(code.replace(/[.\/]/g, '\\$&')));
      const flow = page.locator('section.flow');
      await flow.getByRole('heading', { name: 'Bagan alir' }).waitFor();
      assert.ok(await flow.locator('svg').count() >= 1, `${code}: its flow chart is drawn`);
    }

    // ---- the directory: an agency, a provider, an official; a CSV upload
    const entries = [
      { kind: 'org', org_type: 'agency', name: 'Dinas Pekerjaan Umum Kota Balikpapan' },
      { kind: 'org', org_type: 'provider', name: 'CV Borneo Konstruksi', npwp: '01.234.567.8-721.000' },
      { kind: 'person', name: 'Ir. Yusuf Hamdani', nip: '197506122003121004', position: 'PPK', agency: 'Dinas Pekerjaan Umum Kota Balikpapan' },
    ];
    for (const en of entries) {
      await menu(page, 'Direktori');
      const form = page.locator('form[action="/direktori"][method="post"]');
      await page.locator('details', { has: form }).locator('summary').click();
      await form.getByLabel('Jenis', { exact: true }).selectOption(en.kind);
      if (en.org_type) await form.getByLabel('Jenis organisasi').selectOption(en.org_type);
      await form.getByLabel('Nama', { exact: true }).fill(en.name);
      if (en.npwp) await form.getByLabel('NPWP', { exact: true }).fill(en.npwp);
      if (en.nip) await form.getByLabel('NIP', { exact: true }).fill(en.nip);
      if (en.position) await form.getByLabel('Jabatan').fill(en.position);
      if (en.agency) await form.getByLabel('Instansi').fill(en.agency);
      await submit(page, form, 'Simpan');
      assert.match(await page.getByRole('status').innerText(), /Entri disimpan/);
    }
    await menu(page, 'Direktori');
    const imp = page.locator('form[action="/direktori/impor"]');
    await page.locator('details', { has: imp }).locator('summary').click();
    await imp.getByLabel('Berkas CSV').setInputFiles(file('direktori.csv', 'text/csv',
      'kind,org_type,name,nip,nik,npwp,nib,rank,position,agency,address,phone,email,deed_no,deed_date,notary\n'
      + 'org,provider,PT Mahakam Digital,,,02.345.678.9-721.000,,,,,,,,,,\n'
      + 'person,,Rina Kartika,198807152015032001,,,,,Pokja,Dinas Pekerjaan Umum Kota Balikpapan,,,,,,\n'
      + 'person,,Joko Susilo,,,,,,Pokja,Bagian Pengadaan Barang dan Jasa,,,,,,\n'));
    await submit(page, imp, 'Impor');
    // the report: two rows in, the third refused naming its row, field and reason
    assert.match(await page.locator('#import-summary').innerText(), /Baris dibaca: 3 · Diimpor: 2 · Ditolak: 1/);
    assert.match(await page.locator('#rejected tbody').innerText(), /^4\tagency\t.*Bagian Pengadaan Barang dan Jasa/);
    await menu(page, 'Direktori');
    const dir = await page.locator('#directory').innerText();
    for (const n of ['Dinas Pekerjaan Umum Kota Balikpapan', 'CV Borneo Konstruksi', 'Ir. Yusuf Hamdani', 'PT Mahakam Digital', 'Rina Kartika']) {
      assert.ok(dir.includes(n), `${n} in the directory:\n${dir}`);
    }

    // ---- a case of each channel, numbered in the new format
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    const numbers = [];
    for (const [channel, label] of [['phone', 'Telepon'], ['email', 'E-mail'], ['walk_in', 'Datang langsung'], ['portal', 'Portal'], ['letter', 'Surat']]) {
      await menu(page, 'Kasus');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Buka kasus' }).first().click()]);
      await Promise.all([page.waitForNavigation(), page.locator('tr', { hasText: 'SOP 02/LPSE.OI/2012' }).getByRole('link').click()]);
      await page.getByLabel('Saluran').selectOption(channel);
      await page.getByLabel('Perihal').fill(`Tidak bisa masuk SPSE (${label})`);
      await page.getByLabel('Nama', { exact: true }).fill('Rina Kartika');
      await page.getByLabel('Organisasi').fill('Bagian Pengadaan Barang dan Jasa');
      await Promise.all([page.waitForURL(/\/kasus\/[^/?]+\?ok=/), page.getByRole('button', { name: 'Buka kasus ini' }).click()]);
      const number = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
      assert.match(number, new RegExp(`^LPSE-${year}-\\d{4}$`));
      assert.match(await page.locator('main').innerText(), new RegExp(`Saluran\\s+${label}`));
      numbers.push(number);
    }
    await menu(page, 'Kasus');
    const queue = await page.locator('main').innerText();
    for (const n of numbers) assert.ok(queue.includes(n), `${n} in the queue`);

    // ---- the registers, the dashboard
    await menu(page, 'Register');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Buku tamu' }).click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await menu(page, 'Laporan');
    assert.match(await page.locator('main').innerText(), /Kasus terbuka\s+5/);
    assert.match(await page.locator('main').innerText(), /Dibuka hari ini\s+5/);

    // ---- the audit log holds every change, by the administrator, and its chain is intact
    const expect = [
      ['user.password_change', 1], ['office.update', 1], ['number.format', 1], ['priority.set', 1], ['user.create', 4],
      ['user.password_reset', 1], ['user.disable', 1], ['user.unlock', 1], ['calendar.hours.set', 1],
      ['calendar.holiday.set', 1], ['calendar.import', 2], ['calendar.period.add', 1], ['party.create', 3], ['party.import', 1],
      ['case.open', 5],
    ];
    for (const [action, n] of expect) {
      const found = await auditRows(page, action, 'admin');
      assert.equal(found.length, n, `${action} by admin:\n${found.join('\n')}`);
    }
    assert.ok((await auditRows(page, 'mail.queue', 'admin')).some((r) => /Uji surel Loket/.test(r)), 'the test message queued');
    if (!PG) assert.equal((await auditRows(page, 'office.backup', 'admin')).length, 1, 'the copy downloaded');
    assert.equal((await auditRows(page, 'auth.locked')).length, 1, 'andi locked');
    const office = await auditRows(page, 'office.update');
    assert.match(office[0], /name LPSE -> LPSE Kota Balikpapan; tz WIB -> WITA/);
    // the action in words a person reads, its code (what the filter takes) under them
    assert.match(office[0], /Kantor diubah\s+office\.update/);
    await menu(page, 'Log audit');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Periksa rantai log audit' }).click()]);
    assert.match(await page.getByRole('status').innerText(), /Rantai log audit utuh\. Baris yang diperiksa: \d+\./);
    assert.match(await page.locator('#chain').innerText(), /Hash-nya\s+[0-9a-f]{64}/);

    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
