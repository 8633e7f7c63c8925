// A training of SPSE users (SOP BTG-005) walked through HTTP from plan to report, the
// clock moved by restarting the server on the same data folder with LOKET_TEST_NOW:
// the plan (two days, Monday 18 and Tuesday 19 May 2026 after the long weekend of
// Kenaikan), approval by the head, the checklist's due times worked by hand, reminders
// and a breach from `loket sla run`, registration past capacity to the waiting list,
// confirmation through the e-mailed link, a decline giving the seat on, attendance, the
// Q&A log with the 15-minute flag, the questionnaire answered once (twice refused), the
// report due 1 hour after the end, its PDF read back with pdftotext, and its XLSX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, request, login, addUser, cli, initData, sqlite, psql, confDb, PG, webSession } from './lib.mjs';

// The outbox rows sent to an address, newest last.
function mails(dir, to) {
  const r = PG ? psql(confDb(dir), `SELECT coalesce(json_agg(json_build_object('subject', subject, 'body', body) ORDER BY id), '[]') FROM outbox WHERE to_addr='${to}'`)
    : spawnSync('sqlite3', ['-json', join(dir, 'loket.db'), `SELECT subject, body FROM outbox WHERE to_addr='${to}' ORDER BY id`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}
// The confirmation token in the newest invitation to an address.
function tokenOf(dir, to) {
  const m = mails(dir, to).filter((x) => /\/portal\/pelatihan\/konfirmasi\//.test(x.body)).pop();
  assert.ok(m, `no invitation mailed to ${to}`);
  return m.body.match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
}

const PLAN = {
  title: 'Training SPSE 4.5 bagi penyedia',
  description: 'Pendaftaran, penawaran, dan enkripsi dokumen',
  audience: ['penyedia'],
  capacity: 2,
  venue: 'Ruang pelatihan LPSE Kabupaten Batang',
  facilities: ['Ruang pelatihan', 'Akses internet', 'Konsumsi'],
  trainers: ['Budi Santoso'],
  budget: [{ item: 'Konsumsi', amount: 1500000 }, { item: 'Modul cetak', amount: 250000 }],
  sessions: [
    { title: 'Penawaran dan enkripsi', starts_at: '2026-05-19 08:00', ends_at: '2026-05-19 12:00' },
    { title: 'Pendaftaran dan kualifikasi', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' },
  ],
};

test('a training from plan to report, through HTTP', async () => {
  const dir = initData();
  addUser(dir, 'ketua1', 'ketua');
  const hd = addUser(dir, 'helpdesk1', 'helpdesk');
  cli(['user', 'add', 'trainer1', '--data', dir, '--role', 'trainer', '--email', 'trainer1@lpse.example.go.id'], { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(sqlite(join(dir, 'loket.db'), "UPDATE users SET email='helpdesk1@lpse.example.go.id' WHERE username='helpdesk1'; UPDATE users SET email='ketua1@lpse.example.go.id' WHERE username='ketua1'").status, 0);
  let s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  let id, number;
  try {
    const admin = await login(s.url);
    const helpdesk = await login(s.url, 'helpdesk1', hd);
    // the plan: a case of BTG-005 at step 1, the checklist's due times in working days
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: PLAN });
    assert.equal(r.status, 201, r.text);
    id = r.json.id; number = r.json.number;
    assert.match(number, /^LPSE-2026-\d{6}$/);
    assert.equal(r.json.status, 'plan');
    assert.equal(r.json.current_step, 1);
    // the case's steps follow the training (approved, prepared, held, reported): the general step
    // form refuses them naming where, and the case page says where instead of offering the form
    let g = await request(s.url, 'POST', `/api/v1/cases/${number}/steps/1`, { token: admin, body: { outcome: 'done' } });
    assert.equal(g.status, 409, g.text);
    assert.equal(g.json.error.field, 'no');
    assert.equal(g.json.error.message, 'Langkah ini dikerjakan melalui training-nya (halamannya, atau /api/v1/trainings)');
    assert.equal((await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: admin })).json.current_step, 1);
    const cpage = (await (await webSession(s.url)).get(`/kasus/${number}`)).text;
    assert.match(cpage, /<p class="step-owner no-print" id="step-owner">Langkah ini dikerjakan melalui training-nya \(halamannya, atau \/api\/v1\/trainings\)<\/p>/);
    assert.doesNotMatch(cpage, /class="step-form/);
    // nor is the case cancelled by its own action while the training is planned: the training is, telling its participants
    g = await request(s.url, 'POST', `/api/v1/cases/${number}/cancel`, { token: admin, body: { reason: 'Salah input' } });
    assert.equal(g.status, 409, g.text);
    assert.equal(g.json.error.field, 'status');
    assert.equal(g.json.error.message, 'Kasus ini mengikuti training-nya: batalkan training-nya sendiri (halamannya, atau /api/v1/trainings), yang memberi tahu para pesertanya');
    assert.equal((await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: admin })).json.status, 'open');
    assert.equal(r.json.starts_at, '2026-05-18T01:00:00Z');
    assert.equal(r.json.ends_at, '2026-05-19T05:00:00Z');
    assert.deepEqual(r.json.sessions.map((x) => [x.no, x.title]), [[1, 'Pendaftaran dan kualifikasi'], [2, 'Penawaran dan enkripsi']]);
    assert.equal(r.json.budget_total, 1750000);
    const due = Object.fromEntries(r.json.checklist.map((c) => [c.label, c.due_at]));
    assert.equal(due['Konfirmasi kehadiran peserta'], '2026-05-05T09:00:00Z');   // H-7: Tue 5 May 16.00 WIB
    assert.equal(due['Konsumsi'], '2026-05-05T09:00:00Z');
    assert.equal(due['Konfirmasi ketersediaan trainer'], '2026-05-07T09:00:00Z'); // H-5: Thu 7 May
    assert.equal(due['Materi training siap'], '2026-05-12T09:00:00Z');            // H-2: Tue 12 May (14, 15 off)
    const materials = r.json.checklist.find((c) => c.kind === 'materials');
    assert.equal(materials.remind_at, '2026-05-11T00:30:00Z');                    // Mon 11 May 07.30 WIB
    // a bad plan names its field and writes nothing
    r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: { ...PLAN, capacity: 0 } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'capacity');
    r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: { ...PLAN, sessions: [{ title: 'x', starts_at: '2026-05-18 12:00', ends_at: '2026-05-18 08:00' }] } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'sessions.ends_at');
    // a session beyond the years the office calendar counts in is said of the session's field, not of
    // the case's internal event (events.training_start); nothing written
    r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token: helpdesk, body: { ...PLAN, sessions: [{ title: 'x', starts_at: '2999-05-18 08:00', ends_at: '2999-05-18 12:00' }] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.error, { code: 'invalid', message: 'Starts must be a time between 1970 and 2100', field: 'sessions.starts_at',
      fields: [{ field: 'sessions.starts_at', message: 'Starts must be a time between 1970 and 2100' },
               { field: 'sessions.ends_at', message: 'Ends must be a time between 1970 and 2100' }] });
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: helpdesk, body: { ...PLAN, sessions: [{ title: 'x', starts_at: '2026-05-18 08:00', ends_at: '2101-01-01 12:00' }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'sessions.ends_at');
    // a participant with a field left blank: every wrong field said at once, the e-mail and phone too
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants?lang=en`, { token: helpdesk, body: { name: '', agency: ' ', email: 'bukan-surel', phone: '12' } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.error.fields.map((f) => f.field), ['name', 'agency', 'email', 'phone'], r.text);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: helpdesk, body: { agency: 'CV Maju', email: 'bukan-surel' } });
    assert.deepEqual(r.json.error.fields.map((f) => f.field), ['name', 'email'], r.text);
    // the plan changes before approval: the checklist keeps its items, drops and adds facilities
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    const before = Object.fromEntries(r.json.checklist.map((c) => [c.label, c.id]));
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: helpdesk, body: { ...PLAN, facilities: ['Ruang pelatihan', 'Akses internet', 'Proyektor'] } });
    assert.equal(r.status, 200, r.text);
    const after = Object.fromEntries(r.json.checklist.map((c) => [c.label, c.id]));
    assert.equal(after['Materi training siap'], before['Materi training siap']);
    assert.equal(after['Ruang pelatihan'], before['Ruang pelatihan']);
    assert.ok(!('Konsumsi' in after) && after['Proyektor'] > 0);
    assert.deepEqual(r.json.sessions.map((x) => x.id), [1, 2]);
    assert.equal((await request(s.url, 'GET', '/api/v1/trainings', { token: admin })).json.trainings.length, 1);
    // materials are files attached to the training's case
    const fd = new FormData();
    fd.append('file', new Blob(['Modul SPSE 4.5: pendaftaran penyedia\n']), 'modul-spse.txt');
    const up = await fetch(`${s.url}/api/v1/cases/${number}/attachments`, { method: 'POST', body: fd, headers: { Authorization: `Bearer ${helpdesk}` } });
    assert.equal(up.status, 201, await up.text());
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    assert.deepEqual(r.json.materials.map((m) => [m.name, m.mime]), [['modul-spse.txt', 'text/plain']]);
    // the room's QR code comes with the approval: its link answers nobody before
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/qr`, { token: helpdesk });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'status');
    assert.match(r.json.error.message, /setelah rencana disetujui|once the plan is approved/);
    // approval is the head's
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: helpdesk });
    assert.equal(r.status, 403);
    const ketua = await login(s.url, 'ketua1', 'user-test-password-1');
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: ketua });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'approved');
    assert.equal(r.json.current_step, 2);
    assert.equal(r.json.approved_by, 'ketua1');
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: helpdesk, body: PLAN });
    assert.equal(r.status, 409);
    // the portal: two seats, then the waiting list
    r = await request(s.url, 'GET', '/api/v1/portal/trainings');
    assert.equal(r.json.trainings[0].seats_left, 2);
    const reg = (name, email) => request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`,
      { body: { name, agency: 'CV Maju Jaya', role: 'penyedia', email, phone: '0812 3456 7890' } });
    r = await reg('Siti Aminah', 'siti@majujaya.co.id');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.seat, 'seat');
    assert.equal(r.json.phone, '+6281234567890');
    r = await reg('Agus Salim', 'agus@majujaya.co.id');
    assert.equal(r.json.seat, 'seat');
    r = await reg('Dewi Lestari', 'dewi@majujaya.co.id');
    assert.equal(r.json.seat, 'waiting');
    r = await reg('Siti lagi', 'SITI@majujaya.co.id');
    assert.equal(r.status, 409);
    // the address as a mail program copies it (Name <address>): the address kept; one written wrong named
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: helpdesk, body: { name: 'Rudi Hartono', agency: 'PT Karya', email: 'Rudi Hartono <Rudi@Karya.co.id>' } });
    assert.equal(r.json.seat, 'waiting', r.text);
    assert.equal(r.json.source, 'invited');
    assert.equal(r.json.email, 'rudi@karya.co.id', 'the address alone, as every address is kept');
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: helpdesk, body: { name: 'Rudi', agency: 'PT Karya', email: 'Rudi <rudi@karya.co.id' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'email', r.text);
    r = await request(s.url, 'GET', '/api/v1/portal/trainings');
    assert.equal(r.json.trainings[0].seats_left, 0);
    // the link by e-mail: only the token's hash is stored
    const tSiti = tokenOf(dir, 'siti@majujaya.co.id');
    const stored = sqlite(join(dir, 'loket.db'), 'SELECT count(*) FROM training_participant WHERE token_hash LIKE \'%' + tSiti + '%\'').stdout.trim();
    assert.equal(stored, '0');
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tSiti, answer: 'confirmed' } });
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: 'f'.repeat(64), answer: 'confirmed' } });
    assert.equal(r.status, 404);
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tokenOf(dir, 'agus@majujaya.co.id'), answer: 'declined' } });
    assert.equal(r.status, 200);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants`, { token: helpdesk });
    const seat = Object.fromEntries(r.json.participants.map((p) => [p.email, [p.seat, p.rsvp]]));
    assert.deepEqual(seat['siti@majujaya.co.id'], ['seat', 'confirmed']);
    assert.deepEqual(seat['agus@majujaya.co.id'], ['seat', 'declined']);
    assert.deepEqual(seat['dewi@majujaya.co.id'], ['seat', 'none']);          // the first waiting takes the seat
    assert.deepEqual(seat['rudi@karya.co.id'], ['waiting', 'none']);
    // the staff page says Agus gave his seat up (not that he has one)
    const web = await webSession(s.url, 'helpdesk1', 'user-test-password-1');
    const pageRows = (await web.get(`/pelatihan/${id}`)).text.split('<tr>');
    assert.match(pageRows.find((x) => x.includes('agus@majujaya.co.id')), /melepas tempat/);
    assert.match(pageRows.find((x) => x.includes('dewi@majujaya.co.id')), /dapat tempat/);
    const seatMail = mails(dir, 'dewi@majujaya.co.id').filter((m) => /Tempat tersedia/.test(m.subject));
    assert.equal(seatMail.length, 1);
    assert.match(seatMail[0].body, /\n\nTerima kasih,\nLPSE\n$/, 'signed by the office');
    // it says when and where, as the invitation does (the waiting list may have been long)
    assert.match(seatMail[0].body, /\nWaktu: +18 Mei 2026, 08\.00 WIB – 19 Mei 2026, 12\.00 WIB\nTempat: +\S/);
    // it carries a personal link to confirm, of its own (the invitation's token is kept only hashed);
    // the invitation's link opens the same page still
    const seatTok = (seatMail[0].body.match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})\n/) || [])[1];
    assert.ok(seatTok, seatMail[0].body);
    const inviteTok = mails(dir, 'dewi@majujaya.co.id').find((m) => /^Undangan training: /.test(m.subject)).body
      .match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
    assert.notEqual(seatTok, inviteTok);
    for (const tok of [seatTok, inviteTok]) {
      const page = await web.get(`/portal/pelatihan/konfirmasi/${tok}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Dewi Lestari/);
    }
    assert.equal(tokenOf(dir, 'dewi@majujaya.co.id'), seatTok, 'Dewi confirms below through the seat mail\'s link');
    await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tokenOf(dir, 'dewi@majujaya.co.id'), answer: 'confirmed' } });
    // Agus changes his mind: his seat went to Dewi and none is free, so no seat past the capacity
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tokenOf(dir, 'agus@majujaya.co.id'), answer: 'confirmed' } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'answer');
    // the message says what works: registering again is refused (his e-mail is on the training), the link is not
    assert.doesNotMatch(r.json.error.message, /daftar lagi/);
    assert.match(r.json.error.message, /tautan ini/);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`, { body: { name: 'Agus', agency: 'CV Maju Jaya', email: 'agus@majujaya.co.id' } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'email');
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk })).json.participants.seats, 2);
    // reminders: attendance and facilities are due tomorrow, so the helpdesk hears of them today
    let c = cli(['sla', 'run', '--data', dir], { env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
    assert.equal(c.status, 0, c.stderr);
    // the command says what it did: four items reminded (a notice on step 2 for helpdesk1 and a mail, per item)
    assert.equal(c.stdout, '4 warning(s), 0 breach(es): 4 notice(s), 4 mail(s) queued\n');
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    const att = r.json.checklist.find((x) => x.kind === 'attendance');
    assert.equal(att.reminded_at, '2026-05-04T02:00:00Z');
    assert.equal(r.json.checklist.find((x) => x.kind === 'materials').reminded_at, null);
    assert.ok(mails(dir, 'helpdesk1@lpse.example.go.id').some((m) => m.subject === `Pengingat persiapan training ${number}: Konfirmasi kehadiran peserta`));
    // and in the app: a warning on the case's preparation step for each item, naming it, with its own due time
    const notes = await request(s.url, 'GET', '/api/v1/notices', { token: helpdesk });
    const dueOf = (kind) => r.json.checklist.filter((x) => x.kind === kind).map((x) => [x.label, x.due_at]);
    assert.deepEqual(notes.json.notices.map((n) => [n.kind, n.case, n.step]), Array(4).fill(['warning', number, 2]));
    assert.deepEqual(notes.json.notices.map((n) => [n.item, n.due_at]).reverse(), [...dueOf('attendance'), ...dueOf('facility')], JSON.stringify(notes.json.notices));
    const hw = await webSession(s.url, 'helpdesk1', 'user-test-password-1');
    const page = await hw.get('/pemberitahuan');
    assert.match(page.text, /Butir persiapan: Konfirmasi kehadiran peserta/);
    assert.match((await hw.get('/pemberitahuan?lang=en')).text, /<strong>2\.<\/strong> Prepare the training<br><span class="item">Preparation item: /);
    // the checklist: all but the materials done on time
    for (const item of r.json.checklist.filter((x) => x.kind !== 'materials')) {
      const t = await request(s.url, 'POST', `/api/v1/trainings/${id}/checklist/${item.id}`, { token: helpdesk, body: { done: true } });
      assert.equal(t.status, 200, t.text);
      assert.equal(t.json.checklist.find((x) => x.id === item.id).met, true);
    }
  } finally { await s.stop({ keep: true }); }

  // Wednesday 13 May: the materials were due yesterday at 16.00: a breach, to the head
  let c = cli(['sla', 'run', '--data', dir], { env: { LOKET_TEST_NOW: '2026-05-13T09:00:00+07:00' } });
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout, '0 warning(s), 1 breach(es): 1 notice(s), 1 mail(s) queued\n');   // said, not "0 breach(es)"
  assert.ok(mails(dir, 'ketua1@lpse.example.go.id').some((m) => m.subject === `Persiapan training ${number} melewati batas: Materi training siap`));
  // no "finish before the deadline" reminder once the deadline is past: the breach alone went
  assert.ok(!mails(dir, 'helpdesk1@lpse.example.go.id').some((m) => m.subject === `Pengingat persiapan training ${number}: Materi training siap`));
  s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-13T09:00:00+07:00' } });
  try {
    const helpdesk = await login(s.url, 'helpdesk1', 'user-test-password-1');
    let r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    const mat = r.json.checklist.find((x) => x.kind === 'materials');
    assert.equal(mat.breached_at, '2026-05-13T02:00:00Z');
    assert.equal(mat.met, false);
    // the head sees it: on the dashboard, and in the compliance report as step 2's breach
    const ketua = await login(s.url, 'ketua1', 'user-test-password-1');
    const compliance = async () => {
      const x = await request(s.url, 'GET', '/api/v1/reports/compliance?from=2026-05-01&to=2026-05-31&sop=SOP-LPSE.BTG-005', { token: ketua });
      assert.equal(x.status, 200, x.text);
      return x.json;
    };
    const dash0 = (await request(s.url, 'GET', '/api/v1/reports/dashboard', { token: ketua })).json.office.overdue_steps;
    assert.ok(dash0 >= 1, 'the materials past their deadline are overdue on the dashboard');
    let rep = await compliance();
    let row = rep.rows.find((w) => w.step === 2);
    assert.deepEqual([row.timed, row.met, row.breaches], [5, 5, 1], 'five items on time, the materials open past their deadline');
    assert.ok(rep.breaches.some((b) => b.step === 2 && b.case === number && b.done_at === null && b.due_at === '2026-05-12T09:00:00Z'), JSON.stringify(rep.breaches));
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/checklist/${mat.id}`, { token: helpdesk, body: { done: true } });
    assert.equal(r.json.checklist.find((x) => x.id === mat.id).met, false);   // done late stays a breach
    assert.equal((await request(s.url, 'GET', '/api/v1/reports/dashboard', { token: ketua })).json.office.overdue_steps, dash0 - 1);
    rep = await compliance();
    row = rep.rows.find((w) => w.step === 2);
    assert.deepEqual([row.timed, row.met, row.breaches], [6, 5, 1], 'done late: timed, a breach, no longer open');
    assert.equal(row.share, 83.3);
    assert.ok(rep.breaches.some((b) => b.step === 2 && b.case === number && b.done_at === '2026-05-13T02:00:00Z'), JSON.stringify(rep.breaches));
    assert.equal(r.json.current_step, 3);                                      // the last item closes step 2
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/checklist/${mat.id}`, { token: helpdesk, body: { done: false } });
    assert.equal(r.status, 409, 'the preparation is complete: an item is no longer undone');
    // the questionnaire is not open before the last day
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire/link`, { body: { email: 'siti@majujaya.co.id' } });
    assert.equal(r.status, 403);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'siti@majujaya.co.id'), answers: [] } });
    assert.equal(r.status, 403);
  } finally { await s.stop({ keep: true }); }

  // Tuesday 19 May, 11.30: the last session; attendance, the Q&A log, the questionnaire
  s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-19T11:30:00+07:00' } });
  try {
    const trainer = await login(s.url, 'trainer1', 'user-test-password-1');
    let r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: trainer });
    const [s1, s2] = r.json.sessions;
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants`, { token: trainer });
    const pid = Object.fromEntries(r.json.participants.map((p) => [p.email, p.id]));
    for (const sess of [s1, s2]) {
      for (const who of ['siti@majujaya.co.id', 'dewi@majujaya.co.id']) {
        if (sess === s2 && who === 'dewi@majujaya.co.id') continue;
        r = await request(s.url, 'POST', `/api/v1/trainings/${id}/sessions/${sess.id}/attendance`, { token: trainer, body: { participant: pid[who], present: true } });
        assert.equal(r.status, 200, r.text);
      }
    }
    assert.deepEqual(r.json.present, [pid['siti@majujaya.co.id']]);
    // Agus declined and gave up his seat: not marked present in it
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/sessions/${s1.id}/attendance`, { token: trainer, body: { participant: pid['agus@majujaya.co.id'], present: true } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'participant');
    assert.match(r.json.error.message, /menolak undangan/);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/sessions/${s1.id}/qa`, { token: trainer, body: { minutes: 20 } });
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/sessions/${s2.id}/qa`, { token: trainer, body: { minutes: 10 } });
    assert.deepEqual(r.json.sessions.map((x) => [x.present, x.qa_minutes, x.qa_short]), [[2, 20, false], [1, 10, true]]);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions`, { token: trainer, body: {
      session: s1.id, asker_name: 'Siti Aminah', asker_agency: 'CV Maju Jaya', question: 'Bagaimana mengganti email akun?', answer: 'Melalui menu profil.' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'answered');
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions`, { token: trainer, body: {
      session: s2.id, asker_name: 'Dewi Lestari', asker_agency: 'CV Maju Jaya', question: 'Apakah dokumen penawaran bisa diunggah ulang?' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'email');
    // the SOP keeps the asker's mobile number for the answer later: a desk line (021…) is refused, nothing logged
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions`, { token: trainer, body: {
      session: s2.id, asker_name: 'Dewi Lestari', asker_agency: 'CV Maju Jaya', question: 'Apakah dokumen penawaran bisa diunggah ulang?',
      email: 'dewi@majujaya.co.id', phone: '021 5551234' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'phone');
    assert.match(r.json.error.message, /nomor ponsel/);
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}/questions`, { token: trainer })).json.questions.length, 1);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions`, { token: trainer, body: {
      session: s2.id, asker_name: 'Dewi Lestari', asker_agency: 'CV Maju Jaya', question: 'Apakah dokumen penawaran bisa diunggah ulang?',
      email: '"Lestari, Dewi" <dewi@majujaya.co.id>', phone: '081298765432', routed_to: 'helpdesk1' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'open');
    assert.equal(r.json.email, 'dewi@majujaya.co.id', 'a named address: the address kept');
    // the question names its session as it was sent, by id (what the next question is sent with), and by its number
    assert.deepEqual([r.json.session, r.json.session_no], [s2.id, 2], r.text);
    assert.equal(r.json.routed_to, 'helpdesk1');
    const routed = mails(dir, 'helpdesk1@lpse.example.go.id').find((m) => m.subject === `Pertanyaan peserta training ${number} untuk dijawab: Training SPSE 4.5 bagi penyedia`);
    assert.match(routed.body, /diunggah ulang/);
    // it asks for the answer on the training's page: the mail links to it (its questions), and the link opens it
    const page = routed.body.match(/^(http:\/\/\S+)\/pelatihan\/(\d+)#tanya-jawab$/m);
    assert.ok(page, routed.body);
    assert.equal(Number(page[2]), id);
    const opened = await (await webSession(s.url)).get(`/pelatihan/${id}`);
    assert.equal(opened.status, 200);
    assert.match(opened.text, /<section id="tanya-jawab"/);
    const open = r.json.id;
    // the questionnaire: once per participant, by the mailed link or the room's link and e-mail
    r = await request(s.url, 'GET', `/api/v1/portal/trainings/${id}/questionnaire`);
    assert.equal(r.json.open, true);
    const items = r.json.questionnaire.items;
    const answers = (likert, choice, text) => items.map((it) => it.kind === 'likert' ? { item: it.id, value: likert }
      : it.kind === 'choice' ? { item: it.id, value: choice } : { item: it.id, text });
    // a wrong answer is named by its entry, a rating or choice left out by its item's number; nothing is kept
    {
      const likert = items.findIndex((it) => it.kind === 'likert'), choice = items.find((it) => it.kind === 'choice');
      const wrong = answers(5, 0, '').filter((a) => a.item !== choice.id);
      wrong[likert] = { item: items[likert].id, value: 9 };
      wrong.push({ item: 999999, value: 3 });
      r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'siti@majujaya.co.id'), answers: wrong } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, `answers[${likert}].value`, r.text);
      assert.deepEqual(r.json.error.fields.map((f) => f.field), [`answers[${likert}].value`, `answers[${wrong.length - 1}].item`, `answers.q${choice.no}`], r.text);
      assert.match(r.json.error.fields[1].message, new RegExp(`^answers\\[${wrong.length - 1}\\]\\.item `), r.text);
    }
    {
      // a text answer too long is named by its entry too, with its limit
      const long = answers(5, 0, 'x'.repeat(4001)), text = items.findIndex((it) => it.kind === 'text');
      r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'siti@majujaya.co.id'), answers: long } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, `answers[${text}].text`, r.text);
      assert.equal(r.json.error.limit, 4000, r.text);
    }
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'siti@majujaya.co.id'), answers: answers(5, 0, 'Waktu praktik ditambah') } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'siti@majujaya.co.id'), answers: answers(1, 2, 'lagi') } });
    assert.equal(r.status, 409);
    // the room's link (the QR code): an e-mail alone answers in no one's name; it asks for the personal link
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { email: 'dewi@majujaya.co.id', answers: answers(1, 1, '') } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'token');
    const link = (email) => request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire/link`, { body: { email } });
    const surveyMails = (to) => mails(dir, to).filter((m) => /^Kuesioner evaluasi training: /.test(m.subject));
    r = await link('Dewi@MajuJaya.co.id');
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(r.json, { requested: true });
    assert.equal(surveyMails('dewi@majujaya.co.id').length, 1);
    const dewi = surveyMails('dewi@majujaya.co.id')[0].body.match(new RegExp(`/portal/pelatihan/${id}/kuesioner\\?t=(\\d+-[0-9a-f]{32})\\n`))[1];
    // asked again at once: the same answer, no second mail
    assert.equal((await link('dewi@majujaya.co.id')).status, 202);
    assert.equal(surveyMails('dewi@majujaya.co.id').length, 1, 'one mail per 10 minutes');
    // one who took no part, and one who declined: the same answer, nothing mailed, counted as guesses
    for (const email of ['orang@lain.id', 'agus@majujaya.co.id']) {
      r = await link(email);
      assert.equal(r.status, 202, r.text);
      assert.deepEqual(r.json, { requested: true });
      assert.equal(surveyMails(email).length, 0, email);
    }
    const audited = (action) => Number(sqlite(join(dir, 'loket.db'), `SELECT count(*) FROM audit WHERE action='${action}'`).stdout.trim());
    assert.equal(audited('training.survey_link'), 1);
    assert.equal(audited('training.survey_failed'), 2);
    assert.equal(sqlite(join(dir, 'loket.db'), "SELECT count(*) FROM audit WHERE action='training.survey_failed' AND office_id=0").stdout.trim(), '0',
                 "a guess on an office's training is that office's row, not one every office sees");
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: dewi, answers: answers(4, 1, '') } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: `${dewi.split('-')[0]}-${'0'.repeat(32)}`, answers: answers(4, 1, '') } });
    assert.equal(r.status, 400, 'a link with a wrong MAC names no one');
    assert.equal(r.json.error.field, 'token');
    // nor does one who declined answer it by the mailed link
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire`, { body: { token: tokenOf(dir, 'agus@majujaya.co.id'), answers: answers(4, 1, '') } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'token');
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/results`, { token: trainer });
    assert.equal(r.json.responses, 2);
    assert.equal(r.json.items[0].mean, 4.5);
    assert.deepEqual(r.json.items[0].counts, [0, 0, 0, 1, 1]);
    assert.deepEqual(r.json.items[4].options.map((o) => o.count), [1, 1, 0]);
    assert.deepEqual(r.json.items[5].comments, ['Waktu praktik ditambah']);
    // a questionnaire with answers is not edited (the answers point at its items)
    const tplId = r.json.questionnaire;
    const ws = await webSession(s.url);
    const ed = await ws.post(`/pelatihan/kuesioner/${tplId}/ubah`, { csrf: ws.csrf, name: 'Diubah', items: 'likert: Lain' });
    assert.equal(ed.status, 409);
    assert.match(ed.text, /<p class="field-error" id="items-error">sudah ada jawabannya: buat kuesioner baru saja<\/p>/);
    r = await request(s.url, 'GET', r.json.items[0].chart, { token: trainer });
    assert.equal(r.headers.get('content-type'), 'image/svg+xml');
    assert.match(r.text, /<svg[^>]*>.*Sangat setuju.*<\/svg>/s);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/qr`, { token: trainer });
    assert.match(r.text, /^<svg/);
    // answers are sent after the training, not before
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions/send`, { token: trainer });
    assert.equal(r.status, 409);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/finish`, { token: trainer });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'held');
    assert.equal(r.json.current_step, 4);
    assert.equal(r.json.report_due_at, '2026-05-19T06:00:00Z');        // 13.00 WIB: 1 hour after 12.00
    // a second time (or after the watcher recorded it at the last session's end): said to be held already
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/finish`, { token: trainer });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'status');
    assert.equal(r.json.error.message, 'Pelatihan sudah tercatat terlaksana: langkah berikutnya laporannya');
  } finally { await s.stop({ keep: true }); }

  // 12.40: the open question answered and sent, the report written within its hour
  s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-19T12:40:00+07:00' } });
  try {
    const trainer = await login(s.url, 'trainer1', 'user-test-password-1');
    let r = await request(s.url, 'GET', `/api/v1/trainings/${id}/questions`, { token: trainer });
    const open = r.json.questions.find((q) => q.status === 'open');
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions/${open.id}`, { token: trainer, body: { answer: 'Bisa, selama jadwal pemasukan penawaran belum berakhir.' } });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.faq_url);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions/send`, { token: trainer });
    assert.deepEqual(r.json, { sent: 1 });
    const answered = mails(dir, 'dewi@majujaya.co.id').filter((m) => /Bisa, selama jadwal/.test(m.body));
    assert.equal(answered.length, 1);
    assert.equal(answered[0].subject, 'Jawaban atas pertanyaan Anda: Training SPSE 4.5 bagi penyedia', 'the title once, not "training Training"');
    assert.match(answered[0].body, /\n\nSalam,\nLPSE\n$/, 'signed by the office, as the other mails');
    // one who registered in English is answered in English (the asker known by the participant's e-mail)
    sqlite(join(dir, 'loket.db'), `UPDATE training_participant SET lang='en' WHERE training_id=${id} AND email='siti@majujaya.co.id'`);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions`, { token: trainer, body: { session: open.session,
      asker_name: 'Siti Aminah', asker_agency: 'CV Maju Jaya', question: 'Can the bid be withdrawn?', email: 'Siti@MajuJaya.co.id', phone: '081234567891' } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions/${r.json.id}`, { token: trainer, body: { answer: 'Yes, before the deadline.' } });
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/questions/send`, { token: trainer });
    assert.deepEqual(r.json, { sent: 1 });
    const en = mails(dir, 'Siti@MajuJaya.co.id');
    assert.deepEqual(en.map((m) => m.subject), ['The answer to your question: Training SPSE 4.5 bagi penyedia']);
    assert.match(en[0].body, /^Dear Siti Aminah,\n[\s\S]*\nYes, before the deadline\.\n\nRegards,\nLPSE\n$/);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/report`, { token: trainer, body: { notes: 'Peserta aktif; proyektor sempat mati 10 menit.' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.training.status, 'reported');
    assert.equal(r.json.training.report_met, true);
    assert.equal(r.json.training.current_step, 0, 'reported: no step open, as a closed case (docs/api.md)');
    const again = await request(s.url, 'POST', `/api/v1/trainings/${id}/report`, { token: trainer, body: { notes: 'lagi' } });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.message, 'Laporan training ini sudah ditulis');
    assert.equal(r.json.participants.length, 4);
    assert.equal(r.json.questions.length, 3);   // with the one answered in English
    assert.equal(r.json.results.responses, 2);
    // the case walked every step; step 4 timed against 1 hour after the end
    r = await request(s.url, 'GET', `/api/v1/cases/${number}`, { token: trainer });
    assert.equal(r.json.status, 'closed');
    const step4 = r.json.steps.find((x) => x.no === 4);
    assert.equal(step4.due_at, '2026-05-19T06:00:00Z');
    assert.equal(step4.met, true);
    // nor is it reopened by the case's own action: the training stays reported
    const reopen = await request(s.url, 'POST', `/api/v1/cases/${number}/reopen?lang=en`, { token: await login(s.url) });
    assert.equal(reopen.status, 409, reopen.text);
    assert.equal(reopen.json.error.message, 'This case follows its training: it is not reopened; plan a new training');
    // the training's page: the closed case has no step open (not "langkah 0")
    const tpage = (await (await webSession(s.url, 'trainer1', 'user-test-password-1')).get(`/pelatihan/${id}`)).text;
    assert.match(tpage, /SOP-LPSE\.BTG-005, tidak ada langkah terbuka/);
    // the PDF says it in words
    const pdfText = async (query) => {
      const got = await fetch(`${s.url}/api/v1/trainings/${id}/report.pdf${query}`, { headers: { Authorization: `Bearer ${trainer}` } });
      assert.equal(got.headers.get('content-type'), 'application/pdf');
      const tmp = mkdtempSync(join(tmpdir(), 'loket-pdf-'));
      writeFileSync(join(tmp, 'r.pdf'), Buffer.from(await got.arrayBuffer()));
      const text = spawnSync('pdftotext', ['-layout', join(tmp, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      rmSync(tmp, { recursive: true, force: true });
      return text;
    };
    const txt = await pdfText('');
    assert.match(txt, /LAPORAN PELAKSANAAN TRAINING PENGGUNAAN SPSE/);
    assert.match(txt, new RegExp(number));
    assert.match(txt, /Siti Aminah — CV Maju Jaya — konfirmasi hadir — hadir di 2 dari 2 sesi/);
    assert.match(txt, /Sesi 2: Penawaran dan enkripsi — 19 Mei 2026, 08\.00–12\.00 WIB — hadir .* tanya jawab 10 menit \(kurang dari 15 menit\)/);
    assert.match(txt, /Waktu: 18 Mei 2026, 08\.00 WIB – 19 Mei 2026, 12\.00 WIB /);
    assert.match(txt, /Materi training siap \(H-2, batas 12 Mei 2026, 16\.00 WIB\): selesai terlambat/);
    assert.match(txt, /rata-rata 4,5 dari 5/);
    assert.match(txt, /Waktu praktik ditambah/);
    assert.match(txt, /Jumlah anggaran: Rp 1\.750\.000/);
    // in English the thousands are grouped with commas, as the English page writes them
    assert.match(await pdfText('?lang=en'), /Total budget: Rp 1,750,000/);
    assert.match(txt, /disusun 19 Mei 2026, 12\.40 WIB oleh trainer1 — tepat waktu/);
    r = await fetch(`${s.url}/api/v1/trainings/${id}/report.xlsx`, { headers: { Authorization: `Bearer ${trainer}` } });
    const xlsx = Buffer.from(await r.arrayBuffer());
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const xdir = mkdtempSync(join(tmpdir(), 'loket-xlsx-'));
    writeFileSync(join(xdir, 'r.xlsx'), xlsx);
    const py = spawnSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
wb = openpyxl.load_workbook(sys.argv[1])
k = wb['Kuesioner']; h = wb['Kehadiran']; p = wb['Peserta']; l = wb['Laporan']; q = wb['Tanya jawab']
words = sorted({v for ws, cols in ((p, (4, 7, 8, 9)), (q, (6,)), (k, (3,))) for c in cols for r in range(6, ws.max_row + 1) for v in [ws.cell(r, c).value] if v})
print(json.dumps({'sheets': wb.sheetnames, 'mean': k.cell(6, 5).value, 'start2': str(h.cell(7, 3).value), 'words': words,
  'report': {l.cell(i, 1).value: l.cell(i, 2).value for i in range(6, l.max_row + 1) if l.cell(i, 1).value in ('Sasaran peserta', 'Batas laporan', 'Laporan')},
  'present': [h.cell(6, 5).value, h.cell(7, 5).value], 'people': p.max_row - 5,
  'heads': {ws.title: [ws.cell(i, 1).value for i in range(1, 6)] + [ws.freeze_panes] for ws in wb.worksheets},
  'first': [l.cell(i, 1).value for i in range(1, 6)] + [l.freeze_panes]}))`, join(xdir, 'r.xlsx')], { encoding: 'utf8' });
    rmSync(xdir, { recursive: true, force: true });
    assert.equal(py.status, 0, py.stderr);
    const { heads, first, ...book } = JSON.parse(py.stdout);
    assert.deepEqual(book, { sheets: ['Laporan', 'Ringkasan', 'Anggaran', 'Peserta', 'Kehadiran', 'Tanya jawab', 'Kuesioner'],
      mean: 4.5, start2: '2026-05-19 08:00:00', present: [2, 1], people: 4,
      // the participants' role, source, seat and answer, the questions' status and the items' kind in
      // the form's words, not the stored codes (invited, seat, none, answered, choice)
      words: ['Penyedia', 'belum menjawab', 'berhalangan', 'daftar tunggu', 'dapat tempat', 'dijawab di tempat',
        'dijawab setelah training', 'diundang', 'konfirmasi hadir', 'likert', 'pilihan', 'portal', 'teks'],
      // the first sheet says what the PDF says: the audience, and the report's deadline and when it came
      report: { 'Sasaran peserta': 'Penyedia', 'Batas laporan': '19 Mei 2026, 13.00 WIB', Laporan: 'disusun 19 Mei 2026, 12.40 WIB oleh trainer1 — tepat waktu' } });
    // every sheet opens on the head the other exports' workbooks have: its title, the office line
    // (as the PDF's), the training and when (the first sheet's rows say those), then the table
    const office = `LPSE · SOP-LPSE.BTG-005 · Kasus ${number}`;
    assert.deepEqual(first, ['Laporan pelaksanaan training', office, null, 'Butir', 'Kantor', 'A5']);
    for (const name of book.sheets.slice(1)) {
      const [title, line1, line2, empty, head, frozen] = heads[name];
      assert.deepEqual([title, line1, empty, frozen], [`Laporan pelaksanaan training: ${name}`, office, null, 'A6'], name);
      assert.match(line2, /^.+ · 18 Mei 2026, 08\.00 WIB – 19 Mei 2026, 12\.00 WIB$/, name);
      assert.ok(head, name);
    }
    assert.match(r.headers.get('content-disposition'), /laporan-training-LPSE-2026-\d+\.xlsx/);
    // the recap counts the training on the day it is held (its first session), not the day it was planned,
    // with its participants (Siti and Dewi: Agus declined, Rudi waits) and those present (both)
    const adm = await login(s.url);
    r = await request(s.url, 'GET', '/api/v1/reports/recaps/pelatihan?from=2026-05-04&to=2026-05-19&by=day', { token: adm });
    assert.equal(r.status, 200, r.text);
    const days = Object.fromEntries(r.json.rows.map((w) => [w.period, w.values]));
    assert.deepEqual(days['2026-05-18'], [1, 1, 2, 2]);
    assert.deepEqual(days['2026-05-04'], [0, 0, 0, 0]);
    // the audit chain holds every change
    assert.equal(cli(['audit', 'verify', '--data', dir]).status, 0);
  } finally { await s.stop(); }
});

test('more seats in the plan: the waiting list moves up in order, each told', async () => {
  const dir = initData();
  const hd = addUser(dir, 'helpdesk2', 'helpdesk');
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const helpdesk = await login(s.url, 'helpdesk2', hd);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: { ...PLAN, capacity: 1 } });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    for (const [name, email] of [['Pertama', 'p1@contoh.co.id'], ['Kedua', 'p2@contoh.co.id'], ['Ketiga', 'p3@contoh.co.id']]) {
      r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: helpdesk, body: { name, agency: 'PT Contoh', email } });
      assert.equal(r.status, 201, r.text);
    }
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: helpdesk, body: { ...PLAN, capacity: 2 } });
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants`, { token: helpdesk });
    assert.deepEqual(r.json.participants.map((p) => [p.email, p.seat]),
      [['p1@contoh.co.id', 'seat'], ['p2@contoh.co.id', 'seat'], ['p3@contoh.co.id', 'waiting']]);
    assert.equal(mails(dir, 'p2@contoh.co.id').filter((m) => /Tempat tersedia/.test(m.subject)).length, 1);
    // fewer seats than those given is refused, naming the field; the seats stay as they were
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: helpdesk, body: { ...PLAN, capacity: 1 } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'capacity');
    assert.match(r.json.error.message, /kurang dari jumlah tempat yang sudah diberikan/);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    assert.equal(r.json.capacity, 2);
    assert.equal(r.json.participants.seats, 2);
  } finally { await s.stop(); }
});

test('one who takes themselves off the waiting list is passed over when a seat frees; their page says so', async () => {
  const dir = initData();
  const hd = addUser(dir, 'helpdesk3', 'helpdesk');
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const helpdesk = await login(s.url, 'helpdesk3', hd);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: { ...PLAN, capacity: 1 } });
    const id = r.json.id;
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: await login(s.url), body: {} })).status, 200);
    for (const [name, email] of [['Pertama', 'w1@contoh.co.id'], ['Kedua', 'w2@contoh.co.id'], ['Ketiga', 'w3@contoh.co.id']]) {
      r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: helpdesk, body: { name, agency: 'PT Contoh', email } });
      assert.equal(r.status, 201, r.text);
    }
    // the second waits: their page asks whether they still want a seat, not whether they will attend
    const page = (await (await fetch(`${s.url}/portal/pelatihan/konfirmasi/${tokenOf(dir, 'w2@contoh.co.id')}`)).text());
    assert.match(page, />Saya tetap ingin mendapat tempat<\/button>/);
    assert.match(page, />Keluarkan saya dari daftar tunggu<\/button>/);
    assert.doesNotMatch(page, /Saya akan hadir/);
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tokenOf(dir, 'w2@contoh.co.id'), answer: 'declined' } });
    assert.equal(r.status, 200, r.text);
    assert.match(await (await fetch(`${s.url}/portal/pelatihan/konfirmasi/${tokenOf(dir, 'w2@contoh.co.id')}`)).text(), /Anda telah keluar dari daftar tunggu/);
    // the first gives up the seat: it goes to the third, the second is passed over
    r = await request(s.url, 'POST', '/api/v1/portal/confirm', { body: { token: tokenOf(dir, 'w1@contoh.co.id'), answer: 'declined' } });
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants`, { token: helpdesk });
    assert.deepEqual(r.json.participants.map((p) => [p.email, p.seat]).sort(),
      [['w1@contoh.co.id', 'seat'], ['w2@contoh.co.id', 'waiting'], ['w3@contoh.co.id', 'seat']].sort());
    assert.equal(mails(dir, 'w2@contoh.co.id').filter((m) => /Tempat tersedia/.test(m.subject)).length, 0);
    assert.equal(mails(dir, 'w3@contoh.co.id').filter((m) => /Tempat tersedia/.test(m.subject)).length, 1);
  } finally { await s.stop(); }
});

test('before anyone answers, a rating item\'s mean is null, not 0; the portal list and the participants refuse an unknown query parameter', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const admin = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    // a plan not yet approved is the staff's: the public addresses by its id do not show it
    r = await request(s.url, 'GET', `/api/v1/portal/trainings/${id}/questionnaire`);
    assert.equal(r.status, 404, r.text);
    for (const path of [`/portal/pelatihan/${id}/daftar`, `/portal/pelatihan/${id}/kuesioner`]) {
      const page = await fetch(s.url + path);
      const html = await page.text();
      assert.equal(page.status, 404, path);
      assert.ok(!html.includes(PLAN.title), path);
    }
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/results`, { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.responses, 0);
    const likert = r.json.items.filter((i) => i.kind === 'likert');
    assert.ok(likert.length > 0);
    for (const i of likert) { assert.equal(i.mean, null); assert.deepEqual(i.counts, [0, 0, 0, 0, 0]); }
    // one already begun (08.00 today, now 09.00) is not listed as open for registration, and is refused
    r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: { ...PLAN, title: 'Sudah mulai',
      sessions: [{ title: 'Hari ini', starts_at: '2026-05-04 08:00', ends_at: '2026-05-04 12:00' }] } });
    assert.equal(r.status, 201, r.text);
    const begun = r.json.id;
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${begun}/approve`, { token: admin })).status, 200);
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: admin })).status, 200);
    assert.equal((await request(s.url, 'GET', `/api/v1/portal/trainings/${id}/questionnaire`)).status, 200, 'approved: public');
    assert.equal((await fetch(`${s.url}/portal/pelatihan/${id}/daftar`)).status, 200);
    r = await request(s.url, 'GET', '/api/v1/portal/trainings');
    assert.deepEqual(r.json.trainings.map((t) => t.id), [id], r.text);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${begun}/register`, { body: { name: 'Ani', agency: 'Pokja', email: 'ani@contoh.go.id' } });
    assert.equal(r.status, 409, r.text);
    const page = await (await fetch(`${s.url}/portal/pelatihan`)).text();
    assert.ok(page.includes(`/portal/pelatihan/${id}/daftar`), 'the one to come is offered');
    assert.ok(!page.includes(`/portal/pelatihan/${begun}/daftar`), 'the one begun is not');
    r = await request(s.url, 'GET', '/api/v1/portal/trainings?ofice=LPSE');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'ofice');
    assert.equal((await request(s.url, 'GET', '/api/v1/portal/trainings?office=LPSE')).status, 200);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}/participants?seat=waiting`, { token: admin });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'seat');
    const sid = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: admin })).json.sessions[0].id;
    for (const path of [`/api/v1/trainings/${id}/questions`, '/api/v1/questionnaires', `/api/v1/trainings/${id}/sessions/${sid}/attendance`]) {
      r = await request(s.url, 'GET', `${path}?status=open`, { token: admin });
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.equal(r.json.error.field, 'status');
      assert.equal((await request(s.url, 'GET', `${path}?lang=en`, { token: admin })).status, 200, path);
    }
  } finally { await s.stop(); }
});

test('a session on one of the office\'s holidays, or on a day it is closed (a Saturday), is shown as such (API and page), not refused', async () => {
  const dir = initData();
  const hd = addUser(dir, 'helpdesk3', 'helpdesk');
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const helpdesk = await login(s.url, 'helpdesk3', hd);
    const sessions = [
      { title: 'Pendaftaran', starts_at: '2026-05-14 08:00', ends_at: '2026-05-14 12:00' },
      { title: 'Penawaran', starts_at: '2026-05-18 08:00', ends_at: '2026-05-18 12:00' },
      { title: 'Praktik', starts_at: '2026-05-23 08:00', ends_at: '2026-05-23 12:00' },   // a Saturday: closed by the weekly hours
    ];
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: helpdesk, body: { ...PLAN, sessions } });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    assert.deepEqual(r.json.sessions.map((x) => [x.no, x.holiday, x.office_closed]),
      [[1, 'Kenaikan Yesus Kristus', false], [2, null, false], [3, null, true]]);
    // a holiday added later shows too (the day of the start, in the office's zone)
    const admin = await login(s.url);
    r = await request(s.url, 'POST', '/api/v1/calendar/holidays', { token: admin, body: { day: '2026-05-18', name: 'Hari jadi Kabupaten', kind: 'local' } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: helpdesk });
    assert.deepEqual(r.json.sessions.map((x) => x.holiday), ['Kenaikan Yesus Kristus', 'Hari jadi Kabupaten', null]);
    const page = await (await webSession(s.url, 'helpdesk3', hd)).get(`/pelatihan/${id}`);
    assert.match(page.text, /<span class="late">hari libur: Kenaikan Yesus Kristus<\/span>/);
    assert.match(page.text, /3\. Praktik<\/td><td>[^<]*<span class="late">kantor tutup hari itu<\/span>/);
    assert.equal(page.text.match(/kantor tutup hari itu/g).length, 1, 'only the Saturday');
  } finally { await s.stop(); }
});

test('a questionnaire template names every wrong field at once: the name and each item\'s kind, text and options; the page marks the name and the items', async () => {
  const s = await startServer();
  try {
    const token = await login(s.url);
    const r = await request(s.url, 'POST', '/api/v1/questionnaires?lang=en', { token, body: { name: 'N'.repeat(201),
      items: [{ kind: 'rating', text: '' }, { kind: 'choice', text: 'Sesi favorit', options: ['Satu'] }] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.error.fields.map((f) => f.field).sort(), ['items.kind', 'items.options', 'items.text', 'name'], r.text);
    const w = await webSession(s.url);
    const p = await w.post('/pelatihan/kuesioner', { csrf: w.csrf, name: '', items: 'tanpa titik dua' });
    assert.equal(p.status, 400);
    for (const f of ['name', 'items']) {
      assert.match(p.text, new RegExp(`name="${f}"[^>]*aria-invalid="true" aria-describedby="${f}-error"`), f);
      assert.match(p.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
    }
    const list = await request(s.url, 'GET', '/api/v1/questionnaires', { token });
    assert.ok(list.json.questionnaires.every((t) => t.name !== '' && !t.name.startsWith('NNN')), list.text);
  } finally { await s.stop(); }
});

test('a plan wrong to the JSON layer and to the plan\'s own check names every field in one answer; so does a move; nothing is drawn up', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const token = await login(s.url);
    const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field);
    // the title empty and the description too long (the JSON layer); the capacity out of range, a
    // session's start not a time and a budget amount negative (the plan's check)
    let r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token, body: { ...PLAN, title: '', description: 'd'.repeat(16001),
      capacity: 0, sessions: [{ title: 'Sesi', starts_at: 'besok', ends_at: '2026-05-19 12:00' }],
      budget: [{ item: 'Konsumsi', amount: -5 }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.error.field, 'title');
    assert.deepEqual(fieldsOf(r).sort(), ['budget.amount', 'capacity', 'description', 'sessions.starts_at', 'title'], r.text);
    // the capacity absent is said with the others, as before in words
    r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token, body: { ...PLAN, capacity: undefined, venue: '', audience: [] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r).sort(), ['audience', 'capacity', 'venue'], r.text);
    assert.equal(r.json.error.fields.find((f) => f.field === 'capacity').message, 'Capacity must be a number from 1 to 10000');
    // a wrong type is said with the JSON layer's other problems, without the plan's check (its
    // sessions ending before they start are not named yet)
    r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token, body: { ...PLAN, title: '', capacity: 'dua',
      sessions: [{ title: 'Sesi', starts_at: '2026-05-19 12:00', ends_at: '2026-05-19 08:00' }] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['title', 'capacity'], r.text);
    r = await request(s.url, 'GET', '/api/v1/trainings', { token });
    assert.equal(r.json.trainings.length, 0, r.text);
    // a move: the reason too long (the JSON layer) and a session ending before it starts (the move's check)
    r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule?lang=en`, { token, body: { reason: 'r'.repeat(4001),
      sessions: [{ title: 'Sesi', starts_at: '2026-06-02 12:00', ends_at: '2026-06-02 08:00' }] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r).sort(), ['reason', 'sessions.ends_at'], r.text);
    // the reason left out and a session's title empty: the move's own check names both at once
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule?lang=en`, { token, body: {
      sessions: [{ title: '', starts_at: '2026-06-02 08:00', ends_at: '2026-06-02 12:00' }] } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r).sort(), ['reason', 'sessions.title'], r.text);
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token });
    assert.equal(r.json.sessions[0].starts_at.slice(0, 10), '2026-05-18', r.text);
  } finally { await s.stop(); }
});

test('a plan wholly in the past is refused naming sessions.ends_at (API, its change, the page\'s form); one under way today is not; a plan not yet approved is moved, its invited participants told', async () => {
  const dir = initData();
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const token = await login(s.url);
    const past = [{ title: 'Kemarin', starts_at: '2026-05-01 08:00', ends_at: '2026-05-01 12:00' },
      { title: 'Pagi ini', starts_at: '2026-05-04 07:00', ends_at: '2026-05-04 08:30' }];
    let r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token, body: { ...PLAN, sessions: past } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'sessions.ends_at');
    assert.equal(r.json.error.message, 'Ends must be later than now: a training that has already ended is not planned');
    r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: { ...PLAN, sessions: past } });
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, /training yang sudah berakhir tidak direncanakan/);
    // said with the plan's other wrong fields at once
    r = await request(s.url, 'POST', '/api/v1/trainings?lang=en', { token, body: { ...PLAN, venue: '', sessions: past } });
    assert.deepEqual((r.json.error.fields || []).map((f) => f.field).sort(), ['sessions.ends_at', 'venue'], r.text);
    assert.equal((await request(s.url, 'GET', '/api/v1/trainings', { token })).json.trainings.length, 0, 'nothing drawn up');
    // one whose last session is still to end (begun earlier, or today at 08.00) is planned
    r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: { ...PLAN, title: 'Berjalan',
      sessions: [past[0], { title: 'Hari ini', starts_at: '2026-05-04 08:00', ends_at: '2026-05-04 12:00' }] } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    // the plan changed into the past: refused as well, the plan kept
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}?lang=en`, { token, body: { ...PLAN, sessions: past } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'sessions.ends_at');
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json.starts_at, '2026-05-18T01:00:00Z');
    // the page's form: the error under the session's end, what was typed kept
    const w = await webSession(s.url);
    const page = await w.post('/pelatihan/baru', { csrf: w.csrf, title: 'Training lampau', description: '', audience: 'pokja',
      capacity: '5', venue: 'Aula', facilities: '', trainers: 'Budi', s1_title: 'Sesi', s1_date: '2026-05-01', s1_start: '08:00',
      s1_end: '12:00', budget: '', portal: '1', questionnaire: '' });
    assert.equal(page.status, 400);
    assert.match(page.text, /training yang sudah berakhir tidak direncanakan/);
    assert.match(page.text, /value="Training lampau"/);
    // a plan not yet approved with a participant invited already (the office may invite before
    // approval) is moved as an approved one is: still a plan, the participant told
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token, body: { name: 'Sari', agency: 'CV Maju', email: 'sari@maju.co.id' } });
    assert.equal(r.status, 201, r.text);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/reschedule`, { token, body: { reason: 'Ruang dipakai',
      sessions: [{ title: 'Pendaftaran', starts_at: '2026-06-08 08:00', ends_at: '2026-06-08 12:00' }] } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'plan');
    assert.equal(r.json.starts_at, '2026-06-08T01:00:00Z');
    assert.ok(mails(dir, 'sari@maju.co.id').some((m) => /Jadwal training diubah/.test(m.subject) && /Ruang dipakai/.test(m.body)));
    // and approved after the move, on its new days
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.starts_at, '2026-06-08T01:00:00Z');
  } finally { await s.stop(); }
});

test('the Q&A time, a question, attendance, the checklist, a questionnaire template and the portal\'s answers name every wrong field in one answer; nothing is written', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const token = await login(s.url);
    const fieldsOf = (r) => (r.json.error.fields || [{ field: r.json.error.field }]).map((f) => f.field).sort();
    const wrong = async (method, path, body, fields) => {
      const r = await request(s.url, method, `${path}?lang=en`, { token, body });
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid');
      assert.deepEqual(fieldsOf(r), fields, `${path}: ${r.text}`);
      return r;
    };
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    const t = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token })).json;
    const sid = t.sessions[0].id;
    // the Q&A time out of range (the handler's) with a member not known (the JSON layer)
    r = await wrong('POST', `/api/v1/trainings/${id}/sessions/${sid}/qa`, { minutes: 700, menit: 20 }, ['menit', 'minutes']);
    assert.equal(r.json.error.fields.find((f) => f.field === 'minutes').message, 'Q&A minutes must be a number of minutes from 0 to 600');
    // a question: its session left out and the asker's name too long (the JSON layer), the e-mail
    // not an address and no mobile number for a question answered later (the question's check)
    await wrong('POST', `/api/v1/trainings/${id}/questions`, { asker_name: 'n'.repeat(501), asker_agency: 'Pokja',
      question: 'Bagaimana mengunggah dokumen?', email: 'bukan-surel' }, ['asker_name', 'email', 'phone', 'session']);
    // attendance: the participant not an id and present not true or false
    await wrong('POST', `/api/v1/trainings/${id}/sessions/${sid}/attendance`, { participant: 'Siti', present: 'ya' }, ['participant', 'present']);
    // the checklist: done left out, a member not known
    await wrong('POST', `/api/v1/trainings/${id}/checklist/1`, { selesai: true }, ['done', 'selesai']);
    // a questionnaire template: the name too long (the JSON layer) and an item's kind (the template's check)
    await wrong('POST', '/api/v1/questionnaires', { name: 'N'.repeat(801), items: [{ kind: 'rating', text: 'Materi' }] }, ['items.kind', 'name']);
    await wrong('POST', '/api/v1/questionnaires', { items: [] }, ['items', 'name']);
    // the portal's questionnaire: the e-mail too long and the answers not a list
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/questionnaire?lang=en`, { body: { email: 'e'.repeat(201), answers: 'semua' } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['answers', 'email'], r.text);
    // nothing was written
    r = await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token });
    assert.equal(r.json.sessions[0].qa_minutes, 0, r.text);
    assert.equal((await request(s.url, 'GET', `/api/v1/trainings/${id}/questions`, { token })).json.questions.length, 0);
    assert.equal((await request(s.url, 'GET', '/api/v1/questionnaires', { token })).json.questionnaires.filter((q) => q.name.startsWith('NNN')).length, 0);
  } finally { await s.stop(); }
});

test('the list of trainings by period: a day not written YYYY-MM-DD names from, a to before from names to, as the reports do', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-05-04T09:00:00+07:00' } });
  try {
    const admin = await login(s.url);
    const r0 = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    assert.equal(r0.status, 201, r0.text);
    const list = (q) => request(s.url, 'GET', `/api/v1/trainings${q}`, { token: admin });
    let r = await list(`?from=${PLAN.sessions[0].starts_at.slice(0, 10)}&to=${PLAN.sessions[0].starts_at.slice(0, 10)}`);
    assert.deepEqual(r.json.trainings.map((t) => t.id), [r0.json.id], r.text);
    r = await list('?from=2026-13-01');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'from');
    r = await list('?from=2026-06-30&to=2026-06-01&lang=en');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'to');
    assert.match(r.json.error.message, /later than from/);
    r = await request(s.url, 'GET', '/api/v1/reports/compliance?from=2026-06-30&to=2026-06-01&lang=en', { token: admin });
    assert.equal(r.json.error.message, (await list('?from=2026-06-30&to=2026-06-01&lang=en')).json.error.message);
  } finally { await s.stop(); }
});

test('the standard questionnaire renamed stays the standard one: no second is made at the next start, nor by listing or making another', async () => {
  const dir = initData();
  const count = (sql) => Number(sqlite(join(dir, 'loket.db'), sql).stdout.trim());
  assert.equal(count('SELECT count(*) FROM tq_template WHERE standard=1 AND office_id=1'), 1, 'init made it, marked standard');
  let s = await startServer({ dir });
  let id;
  try {
    const token = await login(s.url);
    let r = await request(s.url, 'GET', '/api/v1/questionnaires', { token });
    assert.deepEqual(r.json.questionnaires.map((q) => [q.name, q.standard]), [['Kuesioner evaluasi training (standar)', true]]);
    id = r.json.questionnaires[0].id;
    const web = await webSession(s.url);
    const form = await web.get(`/pelatihan/kuesioner/${id}/ubah`);
    const items = form.text.match(/<textarea id="q-items"[^>]*>([\s\S]*?)<\/textarea>/)[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const p = await web.post(`/pelatihan/kuesioner/${id}/ubah`, { csrf: web.csrf, name: 'Kuesioner LPSE Batang', items });
    assert.equal(p.status, 303, p.text.slice(0, 400));
    r = await request(s.url, 'GET', '/api/v1/questionnaires', { token });
    assert.deepEqual(r.json.questionnaires.map((q) => [q.id, q.name, q.standard]), [[id, 'Kuesioner LPSE Batang', true]], 'listing made no second');
    r = await request(s.url, 'POST', '/api/v1/questionnaires', { token, body: { name: 'Kuesioner singkat', items: [{ kind: 'text', text: 'Saran' }] } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.standard, false);
    assert.equal((await web.get('/pelatihan/kuesioner')).status, 200);
  } finally { await s.stop({ keep: true }); }
  s = await startServer({ dir });
  try {
    assert.equal(count('SELECT count(*) FROM tq_template WHERE office_id=1'), 2, 'the renamed one and the new one: nothing made at the start');
    assert.equal(count(`SELECT count(*) FROM tq_template WHERE office_id=1 AND standard=1 AND id=${id}`), 1);
    assert.equal(count("SELECT count(*) FROM tq_template WHERE name='Kuesioner evaluasi training (standar)'"), 0);
  } finally { await s.stop(); }
});

test('every office has its standard questionnaire from its creation; an older one gets it at serve, and reading writes nothing', async () => {
  const dir = initData();
  const count = (sql) => Number(sqlite(join(dir, 'loket.db'), sql).stdout.trim());
  assert.equal(count("SELECT count(*) FROM tq_template WHERE name='Kuesioner evaluasi training (standar)'"), 1, 'init made it');
  assert.equal(cli(['office', 'add', 'LPSE-B', '--name', 'LPSE Kabupaten B', '--data', dir]).status, 0);
  assert.equal(count("SELECT count(*) FROM tq_template WHERE name='Kuesioner evaluasi training (standar)'"), 2, 'office add made it');
  // a folder from before: the first office without it
  const gone = sqlite(join(dir, 'loket.db'), 'DELETE FROM tq_item WHERE office_id=1; DELETE FROM tq_template WHERE office_id=1');
  assert.equal(gone.status, 0, gone.stderr);
  const s = await startServer({ dir });
  try {
    const made = sqlite(join(dir, 'loket.db'), "SELECT actor FROM audit WHERE action='training.questionnaire.create' AND office_id=1 ORDER BY id DESC LIMIT 1");
    assert.equal(made.stdout.trim(), 'system', 'made at the start, by the system');
    const token = await login(s.url);
    const head = () => count('SELECT max(id) FROM audit');
    const before = head();
    const r = await request(s.url, 'GET', '/api/v1/questionnaires', { token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.questionnaires[0].name, 'Kuesioner evaluasi training (standar)');
    assert.equal(r.json.questionnaires[0].items.length, 6);
    const web = await webSession(s.url);
    const signedIn = head();
    const p = await web.get('/pelatihan/kuesioner');
    assert.equal(p.status, 200);
    assert.match(p.text, /Kuesioner evaluasi training \(standar\)/);
    assert.equal((await web.get('/pelatihan/baru')).status, 200);
    assert.equal(head(), signedIn, 'reading the pages wrote nothing');
    assert.equal(signedIn, before + 1, 'only the web sign-in wrote the audit log, not the API read');
  } finally {
    await s.stop({ keep: true });
  }
  // started again: nothing more is made
  const again = await startServer({ dir });
  try {
    assert.equal(count("SELECT count(*) FROM tq_template WHERE name='Kuesioner evaluasi training (standar)'"), 2);
  } finally {
    await again.stop();
  }
});
