// Browser test: Loket on a phone (360×740, touch) and on the counter's tablet (768×1024, touch),
// and printed. A requester walks the public portal: asks a question and follows it by its private
// link, books a verification day, registers for a training, reads the FAQ, opens the one-time
// credential link; staff sign in and walk Tugas saya, a case with its complete-step form (and
// complete the step), the case form, the queues, the calendars, the registers, the reports. No page
// scrolls sideways, controls are a finger high, inputs bring the right keyboard; a mouse keeps the
// desktop look. The report charts keep their own size on a phone, scrolled in their box, and the
// calendar's holidays and periods stack so that each row's buttons are on the screen. Printed, the
// registers and a case carry no menu nor button, the office and the title on every page of the
// register, rows not cut.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, LAUNCH, watch, signIn, staffServer } from './lib.mjs';
import { request, login } from '../int/lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'id-ID' };
const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'id-ID' };
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'id-ID' };
let s, browser, admin, walkIn, credential, training;

before(async () => {
  let api;
  ({ s, admin, api } = await staffServer());
  await api('POST', '/kb', { title: 'Lupa kata sandi (password) akun SPSE', body: 'Pilih Lupa Password pada halaman masuk SPSE.', category: 'Akun', status: 'published' });
  const t = await api('POST', '/trainings', { title: 'Training SPSE 4.5 bagi penyedia', audience: ['penyedia'], capacity: 20,
    venue: 'Ruang pelatihan LPSE', trainers: ['Budi Santoso'], portal: true, sessions: [
      { title: 'Pendaftaran dan penawaran', starts_at: '2026-12-01 08:00', ends_at: '2026-12-01 12:00' }] });
  training = t.id;
  await api('POST', `/trainings/${training}/approve`);
  // a guest at the counter whose case waits at step 2, with long words a phone must wrap
  const g = await api('POST', '/registers/guest-book', { name: 'Siti Aminah Nurhayati', organisation: 'PT Sinar Abadi Sentosa Sejahtera Mandiri',
    phone: '081234567890', purpose: 'Tanya cara daftar akun penyedia dan verifikasi berkas perusahaan' });
  walkIn = (await api('POST', '/helpdesk/walk-in', { guest_id: g.id })).number;
  // enough letters to fill more than one printed page of the agenda book
  for (let i = 0; i < 24; i++) {
    await api('POST', '/registers/agenda', { letter_no: `027/${100 + i}/PU/2026`, letter_date: '2026-11-12', sender: 'Dinas Pekerjaan Umum dan Penataan Ruang',
      subject: 'Permohonan penonaktifan akun PPK dan penggantian pejabat pembuat komitmen tahun anggaran 2026' });
  }
  await api('POST', '/registers/disposition', { case_number: walkIn, to_role: 'admin_agency', instruction: 'Proses penonaktifan akun', due_at: '2026-11-20T16:00' });
  await api('POST', '/registers/handover', { items: 'Surat permohonan\nSK penunjukan PPK', from_name: 'Andi (Dinas PU)', to_name: 'Sari (Helpdesk)', case_number: walkIn });
  await api('POST', '/registers/archive', { case_number: walkIn, title: 'Berkas permohonan akun', location: 'Lemari A', retain_until: '2031-12-31' });
  // an account made (SOP OI-04): its one-time credential link, which the PPK opens on a phone
  const desk = await login(s.url, 'rina', 'rina-password-1');
  const req = await api('POST', '/account-requests', { kind: 'ppk', channel: 'letter', name: 'Dewi Lestari', nip: '198203142006042002',
    rank: 'Penata Muda / III a', position: 'PPK Dinas Pendidikan', agency: 'Dinas Pendidikan', email: 'dewi@batangkab.go.id', phone: '081311112222',
    sk_number: 'SK-027/DISDIK/2026', valid_from: '2026-01-02', valid_until: '2026-12-31', docs: ['letter', 'decree', 'personal_data'],
    letter_no: '800/112/DISDIK/2026', letter_date: '2026-11-12' }, desk);
  await api('POST', `/account-requests/${req.id}/check`, {}, desk);
  await api('POST', `/account-requests/${req.id}/approve`, { approve: true }, await login(s.url, 'pak-ketua', 'pengarah-password-1'));
  credential = (await api('POST', `/account-requests/${req.id}/execute`, { user_id: 'dewi.ppk' }, await login(s.url, 'agus', 'agus-password-1'))).link;
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  if (browser) await browser.close();
  if (s) await s.stop();
});

// What a phone user would meet on the page shown: how wide it is against the screen, the visible
// controls lower than 40 px or reaching past the screen's right edge (a finger's reach).
async function fit(page, width) {
  return page.evaluate((W) => {
    const bad = [];
    for (const e of document.querySelectorAll('a, button, input, select, textarea, summary')) {
      if (!e.checkVisibility() || e.closest('.hp, .table-wrap, .flow-wrap') || e.type === 'hidden') continue;
      const cs = getComputedStyle(e);
      const b = e.getBoundingClientRect();
      const name = `${e.tagName.toLowerCase()} ${(e.name || e.innerText || '').trim().slice(0, 30)}`;
      if (b.right > W + 1) bad.push(`${name}: reaches ${Math.round(b.right)} px`);
      // a link in running text is exempt (WCAG 2.5.8); a checkbox's target is its whole label
      if (e.tagName === 'A' && cs.display === 'inline' && !e.closest('nav')) continue;
      if (e.type === 'checkbox' || e.type === 'radio') {
        const l = e.closest('label');
        if (l && l.getBoundingClientRect().height >= 40) continue;
      }
      if (b.height < 40) bad.push(`${name}: ${Math.round(b.height)} px high`);
    }
    return { scroll: document.scrollingElement.scrollWidth, bad };
  }, width);
}

// Go to path and check it fits a screen width wide; the problems found, prefixed by path.
async function visit(page, url, path, width) {
  await page.goto(url + path);
  const f = await fit(page, width);
  return [...(f.scroll > width ? [`${path}: the page is ${f.scroll} px wide`] : []), ...f.bad.map((b) => `${path}: ${b}`)];
}

// The keyboard attributes of the input labelled label.
async function keyboard(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((e) => ({ type: e.type, inputmode: e.getAttribute('inputmode'),
    autocomplete: e.getAttribute('autocomplete'), autocapitalize: e.getAttribute('autocapitalize') }));
}

test('a requester on a phone: the portal, a question followed by its link, a verification day, a training, the FAQ, a credential link', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const problems = watch(page);
  const W = PHONE.viewport.width;
  try {
    const misfits = [];
    for (const path of ['/portal', '/portal/faq', '/portal/faq?q=password', '/portal/lacak', '/portal/pelatihan', '/portal/akun']) {
      misfits.push(...await visit(page, s.url, path, W));
    }
    await page.goto(s.url + '/portal/faq?q=password');
    await Promise.all([page.waitForNavigation(), page.locator('ol.faq a').first().tap()]);
    misfits.push(...(await fit(page, W)).bad);
    // a question: the keyboards, the autofill of the visitor's own details, then sent
    misfits.push(...await visit(page, s.url, '/portal/kirim', W));
    assert.deepEqual(await keyboard(page, 'Nama Anda'), { type: 'text', inputmode: null, autocomplete: 'name', autocapitalize: null });
    assert.deepEqual(await keyboard(page, 'E-mail'), { type: 'email', inputmode: 'email', autocomplete: 'email', autocapitalize: 'none' });
    assert.deepEqual(await keyboard(page, 'Telepon'), { type: 'tel', inputmode: null, autocomplete: 'tel', autocapitalize: null });
    await page.getByLabel('Nama Anda').fill('Budi Santoso');
    await page.getByLabel('E-mail').fill('budi.santoso.direktur@cvmajujayaabadisentosa.co.id');
    await page.getByLabel('Telepon').fill('0812 3456 7890');
    await page.getByLabel('Perihal').fill('E-mail pemulihan kata sandi tidak masuk');
    await page.getByLabel('Pertanyaan atau masalah Anda').fill('Saya sudah memakai Lupa Password tetapi e-mail tidak pernah masuk.');
    await Promise.all([page.waitForURL(/\/portal\/t\/[0-9a-f]{64}\?baru=1$/), page.getByRole('button', { name: 'Kirim pertanyaan' }).tap()]);
    const number = (await page.locator('.ticket-number').innerText()).trim();
    misfits.push(...await visit(page, s.url, page.url().replace(s.url, ''), W));
    // followed again by its number: typed as printed, in capitals
    await page.goto(s.url + '/portal/lacak');
    assert.equal((await keyboard(page, 'Nomor tiket')).autocapitalize, 'characters');
    await page.getByLabel('Nomor tiket').fill(number);
    await page.getByLabel('E-mail atau telepon yang diberikan').fill('081234567890');
    await Promise.all([page.waitForURL(/\/portal\/t\//), page.getByRole('button', { name: 'Lihat tiket' }).tap()]);

    // a verification day: digits for the NPWP and the NIB
    misfits.push(...await visit(page, s.url, '/portal/verifikasi', W));
    assert.equal((await keyboard(page, 'NPWP perusahaan')).inputmode, 'numeric');
    assert.equal((await keyboard(page, 'NIB')).inputmode, 'numeric');
    assert.deepEqual(await keyboard(page, 'Nama perusahaan'), { type: 'text', inputmode: null, autocomplete: 'organization', autocapitalize: null });
    assert.equal((await keyboard(page, 'User ID di SPSE')).autocapitalize, 'none');
    await page.getByLabel('Nama perusahaan').fill('CV Maju Jaya');
    await page.getByLabel('NPWP perusahaan').fill('012345678901000');
    await page.getByLabel('NIB').fill('9120001234567');
    await page.getByLabel('Nama yang datang').fill('Budi Santoso');
    await page.getByLabel('E-mail').fill('direktur@majujaya.co.id');
    await page.getByLabel('Telepon').fill('081234567890');
    await page.getByLabel('User ID di SPSE').fill('majujaya');
    await page.getByLabel('Tanggal pendaftaran online').fill('2026-11-10');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Pesan jadwal', exact: true }).tap()]);
    misfits.push(...(await fit(page, W)).bad);
    assert.ok(await page.evaluate((w) => document.scrollingElement.scrollWidth <= w, W), 'the booked day fits');

    // a training
    misfits.push(...await visit(page, s.url, `/portal/pelatihan/${training}/daftar`, W));
    assert.equal((await keyboard(page, 'Nomor HP')).type, 'tel');
    await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
    await page.getByLabel('Instansi atau perusahaan').fill('CV Maju Jaya');
    await page.getByLabel('E-mail').fill('siti@majujaya.co.id');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Daftar', exact: true }).tap()]);
    misfits.push(...(await fit(page, W)).bad);
    assert.ok(await page.evaluate((w) => document.scrollingElement.scrollWidth <= w, W), 'the registration fits');

    // an SPSE account: the NIP in digits; the credential link opened on the phone
    await page.goto(s.url + '/portal/akun');
    assert.equal((await keyboard(page, 'NIP')).inputmode, 'numeric');
    misfits.push(...await visit(page, s.url, credential, W));
    assert.deepEqual(misfits, []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

for (const [device, options] of [['phone', PHONE], ['tablet', TABLET]]) {
  test(`staff on a ${device}: Tugas saya, a case and its step, the case form, the queues, the calendars, the registers, the reports`, async () => {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    const problems = watch(page);
    const W = options.viewport.width;
    try {
      await page.goto(s.url + '/masuk');
      assert.equal((await keyboard(page, 'Nama pengguna')).autocapitalize, 'none');
      const misfits = (await fit(page, W)).bad;
      await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
      for (const path of ['/tugas', `/kasus/${walkIn}`, '/kasus', '/kasus/baru', '/kasus/baru?sop=SOP-LPSE.BTG-017', '/helpdesk', '/telepon', '/verifikasi/antrean', '/kalender',
        '/pelatihan/kalender', '/pelatihan', `/pelatihan/${training}`, '/register', '/register/guest-book', '/register/agenda',
        '/register/archive', '/laporan', '/laporan/kepatuhan', '/kb', '/direktori']) {
        misfits.push(...await visit(page, s.url, path, W));
      }
      assert.deepEqual(misfits, []);
      // the menu: "Lainnya" opens in place and its entries are within reach
      await page.locator('nav.main summary').tap();
      const kalender = page.locator('nav.main details a', { hasText: 'Kalender' });
      const box = await kalender.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= W && box.height >= 40, `Kalender in the menu: ${JSON.stringify(box)}`);
      await Promise.all([page.waitForURL(/\/kalender$/), kalender.tap()]);
      // the case form: digits for NIP, NIK, NPWP; no autofill of the officer's own details; the e-mail a text
      // with the e-mail keyboard, so an address copied as Name <address> is taken
      await page.goto(s.url + '/kasus/baru?sop=SOP-LPSE.BTG-017');
      for (const label of ['NIP', 'NIK', 'NPWP']) assert.equal((await keyboard(page, label)).inputmode, 'numeric', label);
      assert.deepEqual(await keyboard(page, 'E-mail'), { type: 'text', inputmode: 'email', autocomplete: 'off', autocapitalize: 'none' });
      if (device === 'phone') {
        // the step waiting at the case is completed from the phone
        await page.goto(`${s.url}/kasus/${walkIn}`);
        const form = page.locator('form.step-form');
        const yes = form.getByRole('button', { name: 'Ya', exact: true });
        await yes.scrollIntoViewIfNeeded();
        const b = await yes.boundingBox();
        assert.ok(b.x >= 0 && b.x + b.width <= W, 'the step\'s button is on the screen');
        await form.getByLabel('Kertas pertanyaan').tap();
        await Promise.all([page.waitForNavigation(), yes.tap()]);
        assert.match(await page.locator('ol.timeline li.current .step-text').innerText(), /Mempersiapkan jawab/);
      }
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
}

// The report charts on the page shown: each chart's drawn size against its own (viewBox), the
// smallest label (the text of 10 units or more) as rendered, in px, and whether its box is on the screen.
async function charts(page, width) {
  return page.evaluate((W) => [...document.querySelectorAll('svg.chart')].map((svg) => {
    const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size'))).filter((n) => n >= 10);
    const wrap = svg.parentElement.getBoundingClientRect();
    return { scale: Math.round(scale * 100) / 100, label: Math.round(Math.min(...sizes) * scale * 10) / 10,
             onScreen: wrap.left >= 0 && wrap.right <= W + 1 };
  }), width);
}

test('the report charts on a phone: drawn at their own size, labels 10 px or more, scrolled inside their box', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const problems = watch(page);
  const W = PHONE.viewport.width;
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    const misfits = [];
    let seen = 0;
    for (const path of ['/laporan', '/laporan/rekap/tamu?from=2026-11-01&to=2026-11-30', `/pelatihan/${training}`]) {
      misfits.push(...await visit(page, s.url, path, W));
      const found = await charts(page, W);
      for (const c of found) {
        if (c.scale < 0.99 || c.label < 10 || !c.onScreen) misfits.push(`${path}: a chart drawn at ${c.scale}, its labels ${c.label} px, on the screen ${c.onScreen}`);
      }
      seen += found.length;
    }
    assert.ok(seen >= 2, `${seen} charts seen`);
    assert.deepEqual(misfits, []);
    // the chart is reached by scrolling its box, not the page
    await page.goto(s.url + '/laporan');
    const box = await page.locator('.chart-scroll').first().evaluate((e) => ({ scroll: e.scrollWidth, width: e.clientWidth }));
    assert.ok(box.scroll > box.width && box.width <= W, JSON.stringify(box));
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('the calendar on a phone: each holiday\'s and period\'s buttons on the screen without scrolling the table', async () => {
  const r = await request(s.url, 'POST', '/api/v1/calendar/periods', { token: admin, body: {
    name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09', hours: ['1-4 08:00-15:00', '5 08:00-15:30'] } });
  assert.equal(r.status, 201, r.text);
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const problems = watch(page);
  const W = PHONE.viewport.width;
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    for (const path of ['/kalender', '/kalender?year=2027', `/kalender/periode/${r.json.id}/ubah`]) assert.deepEqual(await visit(page, s.url, path, W), []);
    for (const year of [2026, 2027]) {
      await page.goto(`${s.url}/kalender?year=${year}`);
      const out = await page.evaluate((w) => [...document.querySelectorAll('table.holidays tbody tr, table.periods tbody tr')].flatMap((tr) =>
        [...tr.querySelectorAll('button, a')].map((b) => ({ row: tr.innerText.slice(0, 40), b: b.getBoundingClientRect() }))
          .filter(({ b }) => b.left < 0 || b.right > w || b.height < 40)
          .map(({ row, b }) => `${row}: ${Math.round(b.left)}–${Math.round(b.right)} px, ${Math.round(b.height)} px high`)), W);
      assert.deepEqual(out, [], `${year}`);
      const buttons = await page.locator('table.holidays button, table.periods button').count();
      assert.ok(year === 2027 ? buttons === 1 : buttons > 10, `${year}: ${buttons} buttons`);
    }
    // the removal is pressed where it shows, and done
    await page.goto(`${s.url}/kalender?year=2026`);
    const row = page.locator('table.holidays tbody tr', { hasText: '25 Desember 2026' });
    await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: 'Hapus' }).tap()]);
    assert.match(await page.locator('.notice').first().innerText(), /Hari libur dihapus/);
    assert.equal(await page.locator('table.holidays tbody tr', { hasText: '25 Desember 2026' }).count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('with a mouse the desktop look stays: controls keep their size', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    await page.goto(`${s.url}/register/guest-book`);
    assert.notEqual(await page.locator('header.top button[type=submit]').evaluate((e) => getComputedStyle(e).minHeight), '44px');
    assert.notEqual(await page.getByLabel('Cari').evaluate((e) => getComputedStyle(e).minHeight), '44px');
    // a report's chart keeps its size (640 px), a calendar table its columns
    await page.goto(`${s.url}/laporan`);
    assert.equal(await page.locator('svg.chart').first().evaluate((e) => e.getBoundingClientRect().width), 640);
    await page.goto(`${s.url}/kalender`);
    assert.equal(await page.locator('table.holidays tbody tr').first().evaluate((e) => getComputedStyle(e).display), 'table-row');
    assert.equal(await page.locator('table.holidays thead').evaluate((e) => e.getBoundingClientRect().height > 20), true);
  } finally {
    await ctx.close();
  }
});

test('printed: each register and a case, without menus and buttons, the office and the title on every page', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const problems = watch(page);
  const dir = mkdtempSync(join(tmpdir(), 'loket-print-'));
  try {
    await signIn(page, s.url, 'admin', 'Rahasia-uji-2026');
    const office = (await page.locator('header.top .office').innerText()).trim();
    await page.emulateMedia({ media: 'print' });
    const registers = [['guest-book', 'Buku tamu'], ['agenda', 'Buku agenda'], ['disposition', 'Lembar disposisi'],
      ['handover', 'Formulir serah terima berkas'], ['archive', 'Arsip']];
    let caseLinks = 0;
    for (const [slug, title] of registers) {
      await page.goto(`${s.url}/register/${slug}`);
      // nothing to press or to navigate: the screen's header, menus, forms and buttons are not printed
      const shown = await page.evaluate(() => [...document.querySelectorAll('header.top, nav, form, button, a.button, details, .filters, .exports')]
        .filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)));
      assert.deepEqual(shown, [], slug);
      // a link that is content (an entry's case number) is printed
      caseLinks += await page.evaluate(() => [...document.querySelectorAll('table.register a[href^="/kasus/"]')]
        .filter((e) => e.getClientRects().length > 0).length);
      assert.equal(await page.locator('table.register tr').nth(1).evaluate((e) => getComputedStyle(e).breakInside), 'avoid', `${slug}: a row is not cut`);
      const pdf = join(dir, `${slug}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const pages = Number(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout.match(/Pages:\s+(\d+)/)[1]);
      if (slug === 'agenda') assert.ok(pages >= 2, `the agenda fills ${pages} page(s)`);
      for (let p = 1; p <= pages; p++) {
        const text = spawnSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        assert.match(text, new RegExp(`${office} · ${title} · Dicetak`), `${slug}, page ${p} of ${pages}: the office and the title`);
        // the links of the screen beside each entry (correct it, route a letter) are not printed
        assert.doesNotMatch(text, /Koreksi|Buat disposisi/, `${slug}, page ${p}`);
      }
    }
    // a list of what is still to do prints as that list: the guests not yet left, the destruction list
    for (const [path, words] of [['/register/guest-book?open=1', 'Buku tamu · Dicetak .* · Belum pulang'], ['/register/archive?due=1', 'Arsip · Dicetak .* · Jatuh tempo pemusnahan']]) {
      await page.goto(`${s.url}${path}`);
      const pdf = join(dir, 'pending.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
      assert.match(text, new RegExp(words), path);
    }
    assert.ok(caseLinks > 0, 'the registers\' case numbers are printed');
    // links styled as buttons are not printed, as <button> is not: the help desk's, the knowledge base's
    for (const path of ['/helpdesk', '/kb']) {
      await page.goto(s.url + path);
      assert.ok(await page.locator('main a.button').count() > 0, path);
      const buttons = await page.evaluate(() => [...document.querySelectorAll('a.button')]
        .filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)));
      assert.deepEqual(buttons, [], path);
    }
    // a case: its record, the office, the timeline; no form to fill in
    await page.goto(`${s.url}/kasus/${walkIn}`);
    const shown = await page.evaluate(() => [...document.querySelectorAll('header.top, nav, form, button, a.button, textarea, select')]
      .filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)));
    assert.deepEqual(shown, []);
    assert.equal(await page.locator('ol.timeline li.step').first().evaluate((e) => getComputedStyle(e).breakInside), 'avoid');
    const pdf = join(dir, 'case.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    assert.match(text, new RegExp(`${office} · Catatan kasus · Dicetak`));   // the head every printed paper has
    assert.match(text, new RegExp(walkIn));
    assert.doesNotMatch(text, /Tugas saya|Keluar|Simpan|Tambah catatan/);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
