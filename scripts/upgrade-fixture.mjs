#!/usr/bin/env node
// Makes an upgrade fixture: an office's database written by an OLDER loket through its own
// API, and what that loket answered about it, for test/int/upgrade.test.mjs to serve with
// the current binary and compare.
//
//   git worktree add --detach /tmp/old COMMIT && (cd /tmp/old && make -s -j2 build/loket)
//   node scripts/upgrade-fixture.mjs /tmp/old/build/loket test/fixtures/upgrade-COMMIT
//
// writes OUT.db (the database, checkpointed: one file) and OUT.json (the answers: cases with
// their steps, notes and attachments, registers, users, calendar, KB, trainings, verifications,
// the audit head, an API session's token and a password). With FIXTURE_DB=postgresql://… the old
// loket works on that (empty) PostgreSQL database instead, and the data folder is kept and named. The clock is frozen (LOKET_TEST_NOW)
// at NOW below, so the test can serve the copy at a time the session is still valid.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const NOW = '2026-11-20T09:00:00+07:00';
export const ADMIN_PASSWORD = 'Rahasia-uji-2026';
export const SARI_PASSWORD = 'Sari-2026-aman-sekali';

const [bin, out] = process.argv.slice(2).map((a) => a && resolve(a));
if (!bin || !out) { console.error('usage: node scripts/upgrade-fixture.mjs OLD_LOKET OUT (OUT.db, OUT.json)'); process.exit(2); }
const env = { ...process.env, LOKET_TEST_NOW: NOW, LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD };
delete env.LOKET_TEST_DB;

const dir = mkdtempSync(join(tmpdir(), 'loket-upgrade-'));
const run = (args) => {
  const r = spawnSync(bin, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loket ${args.join(' ')}: ${r.status}\n${r.stderr}`);
  return r.stdout;
};
run(['init', '--data', dir, ...(process.env.FIXTURE_DB ? ['--db', process.env.FIXTURE_DB] : [])]);

const proc = spawn(bin, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let err = '';
proc.stderr.on('data', (d) => { err += d; });
const url = await new Promise((res, rej) => {
  let o = '';
  proc.stdout.on('data', (d) => { o += d; const m = o.match(/http:\/\/127\.0\.0\.1:(\d+)\//); if (m) res(`http://127.0.0.1:${m[1]}`); });
  proc.on('exit', (c) => rej(new Error(`serve exited ${c}: ${err}`)));
});

async function api(method, path, body, token) {
  const h = {};
  if (token) h.Authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const r = await fetch(url + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text };
}
const must = async (want, method, path, body, token = T) => {
  const r = await api(method, path, body, token);
  if (r.status !== want) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
};
let T = (await must(200, 'POST', '/api/v1/login', { username: 'admin', password: ADMIN_PASSWORD }, null)).token;

// users, holidays, KB
await must(201, 'POST', '/api/v1/users', { username: 'sari', full_name: 'Sari Helpdesk', email: 'sari@example.go.id', password: SARI_PASSWORD, roles: ['helpdesk'] });
await must(201, 'POST', '/api/v1/users', { username: 'budi', full_name: 'Budi Verifikator', email: 'budi@example.go.id', password: 'Budi-2026-aman-sekali', roles: ['verifikator', 'staf'] });
await must(201, 'POST', '/api/v1/calendar/holidays', { day: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama' });
await must(201, 'POST', '/api/v1/calendar/holidays', { day: '2027-01-20', name: 'Hari jadi Kabupaten', kind: 'local' });
const kb = await must(201, 'POST', '/api/v1/kb', { title: 'Lupa kata sandi akun SPSE', body: 'Buka halaman login SPSE, pilih Lupa Password.', category: 'Akun', tags: ['password', 'akun'], status: 'published' });
await must(200, 'PATCH', `/api/v1/kb/${kb.id}`, { body: 'Buka halaman login SPSE, pilih Lupa Password, lalu isi User ID dan e-mail.' });

// cases of several procedures, walked to various steps, with notes and attachments
const sops = (await must(200, 'GET', '/api/v1/sops')).sops;
const pick = (re) => (sops.find((s) => re.test(s.code)) || {}).code;
const plans = [
  [pick(/BTG-017/), 'phone', 'Lupa kata sandi SPSE', 0],
  [pick(/BTG-017/), 'phone', 'Tidak bisa unggah penawaran', 2],
  [pick(/BTG-017/), 'phone', 'Tanya jadwal lelang', 9],
  [pick(/^SOP 02\//), 'email', 'Aplikasi SPSE lambat', 1],
  [pick(/^SOP 02\//), 'walk_in', 'Konsultasi e-katalog', 3],
  [pick(/^SOP 05\//), 'letter', 'Lupa User ID PPK', 1],
  [pick(/^SOP 06\//), 'walk_in', 'Berkas RHS tidak bisa dibuka', 1],
  [pick(/BTG-006/), 'walk_in', 'Bidding room', 2],
];
const numbers = [];
let k = 0;
for (const [sop, channel, subject, walk] of plans) {
  if (!sop) continue;
  k++;
  const c = await api('POST', '/api/v1/cases', { sop, channel, subject, urgency: k % 2 ? 'mendesak' : 'tidak_mendesak', impact: 'sedang',
    requester: { name: `Pemohon ${k}`, email: `pemohon${k}@example.com`, phone: '0812-3456-78' + String(10 + k), org_name: `CV Maju ${k}` } }, T);
  if (c.status !== 201) { console.error(`case ${sop}: ${c.status} ${c.text.slice(0, 200)}`); continue; }
  const number = c.json.number;
  numbers.push(number);
  for (let i = 0; i < walk; i++) {
    const cur = (await must(200, 'GET', `/api/v1/cases/${number}`));
    if (cur.status !== 'open' || !cur.current_step) break;
    const step = cur.steps[cur.steps.length - 1];
    const r = await api('POST', `/api/v1/cases/${number}/steps/${cur.current_step}`, { outcome: step.decision ? 'yes' : 'done', note: `Langkah ${cur.current_step} selesai` }, T);
    if (r.status !== 200) break;   // a step that needs more than a plain completion: the case stays there
  }
  await must(201, 'POST', `/api/v1/cases/${number}/notes`, { body: `Catatan kasus ${number}: pemohon dihubungi` });
  const fd = new FormData();
  fd.append('file', new Blob([`Surat permohonan ${number}\nbaris kedua\n`], { type: 'text/plain' }), `surat-${k}.txt`);
  await must(201, 'POST', `/api/v1/cases/${number}/attachments`, fd);
}
// one cancelled
if (numbers[0]) await must(200, 'POST', `/api/v1/cases/${numbers[0]}/cancel`, { reason: 'Pemohon membatalkan' });

// registers
await must(201, 'POST', '/api/v1/registers/guest-book', { name: 'Tamu Satu', organisation: 'CV Maju Jaya', phone: '0812-3456-7890', purpose: 'Upload dokumen', met_whom: 'Trainer' });
await must(201, 'POST', '/api/v1/registers/agenda', { letter_no: '027/115/PU/2026', letter_date: '2026-11-18', sender: 'Dinas Pekerjaan Umum', subject: 'Permohonan penonaktifan akun PPK' });
await must(201, 'POST', '/api/v1/registers/agenda', { letter_no: '027/116/PU/2026', letter_date: '2026-11-19', sender: 'Dinas Kesehatan', subject: 'Aktivasi akun' });

// a training with participants; a verification walked in
const tr = await api('POST', '/api/v1/trainings', { title: 'Training SPSE bagi penyedia', audience: ['penyedia'], capacity: 2, venue: 'Ruang pelatihan LPSE',
  facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'], budget: [{ item: 'Konsumsi', amount: 1500000 }],
  sessions: [{ title: 'Hari 1', starts_at: '2027-02-15 08:00', ends_at: '2027-02-15 12:00' }] }, T);
if (tr.status === 201) {
  for (const n of ['Rudi', 'Wati', 'Joko']) await must(201, 'POST', `/api/v1/trainings/${tr.json.id}/participants`, { name: `${n} Hartono`, agency: 'PT Karya', email: `${n.toLowerCase()}@karya.co.id` });
} else console.error(`training: ${tr.status} ${tr.text.slice(0, 200)}`);
const vf = await api('POST', '/api/v1/verifications', { company: 'PT Sinar Abadi', npwp: '0023456789012000', email: 'admin@sinarabadi.co.id', contact: 'Sari Dewi', spse_user: 'sinarabadi' }, T);
if (vf.status === 201) await api('POST', `/api/v1/verifications/${vf.json.id}/arrive`, {}, T);
else console.error(`verification: ${vf.status} ${vf.text.slice(0, 200)}`);

// a session that stays signed in across the upgrade
const sariToken = (await must(200, 'POST', '/api/v1/login', { username: 'sari', password: SARI_PASSWORD }, null)).token;

// what the old loket answers about it all
const snap = { commit: process.env.FIXTURE_COMMIT || '', now: NOW, admin_password: ADMIN_PASSWORD, sari_password: SARI_PASSWORD, sari_token: sariToken, cases: {} };
for (const n of numbers) {
  snap.cases[n] = {
    case: await must(200, 'GET', `/api/v1/cases/${n}`),
    notes: await must(200, 'GET', `/api/v1/cases/${n}/notes`),
    attachments: await must(200, 'GET', `/api/v1/cases/${n}/attachments`),
  };
}
snap.case_list = await must(200, 'GET', '/api/v1/cases?limit=500');
snap.registers = {};
for (const r of ['guest-book', 'agenda', 'disposition', 'consultation', 'handover', 'archive']) {
  const x = await api('GET', `/api/v1/registers/${r}`, undefined, T);
  if (x.status === 200) snap.registers[r] = x.json;
}
snap.users = await must(200, 'GET', '/api/v1/users');
snap.calendar = await must(200, 'GET', '/api/v1/calendar');
snap.kb = await must(200, 'GET', `/api/v1/kb/${kb.id}`);
snap.kb_revisions = await must(200, 'GET', `/api/v1/kb/${kb.id}/revisions`);
snap.trainings = (await api('GET', '/api/v1/trainings', undefined, T)).json;
snap.verifications = (await api('GET', '/api/v1/verifications', undefined, T)).json;
snap.audit = await must(200, 'GET', '/api/v1/audit?limit=500');

proc.kill('SIGTERM');
await new Promise((res) => proc.on('close', res));
if (process.env.FIXTURE_DB) {   // on PostgreSQL: the folder is kept for the new binary to serve
  snap.audit_verify = run(['audit', 'verify', '--data', dir]).trim();
  writeFileSync(out + '.json', JSON.stringify(snap, null, 1) + '\n');
  console.log(`${dir} (PostgreSQL ${process.env.FIXTURE_DB}), ${out}.json: ${numbers.join(' ')}`);
  process.exit(0);
}
if (existsSync(join(dir, 'loket.db-wal'))) throw new Error(`loket.db-wal left after a clean stop: ${err.split('\n').slice(-8).join('\n')}`);
copyFileSync(join(dir, 'loket.db'), out + '.db');
snap.audit_verify = run(['audit', 'verify', '--data', dir]).trim();
writeFileSync(out + '.json', JSON.stringify(snap, null, 1) + '\n');
rmSync(dir, { recursive: true, force: true });
console.log(`${out}.db, ${out}.json: ${numbers.length} cases (${numbers.join(' ')}); ${snap.audit_verify.split('\n').pop()}`);
