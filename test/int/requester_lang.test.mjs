// The requester's language (migration 0028) in what the API answers: an account request, a
// verification and a training participant carry `lang`, the language of their e-mails: the
// portal's as the requester used it, the office's default (loket.conf default_lang) for what
// staff entered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, login } from './lib.mjs';

let s, admin;
const api = async (method, path, body, token = admin, want) => {
  const r = await request(s.url, method, `/api/v1${path}`, { token, body });
  if (want) assert.equal(r.status, want, `${method} ${path}: ${r.text}`);
  return r;
};

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  admin = await login(s.url);
});
after(async () => { await s?.stop(); });

test('an account request carries lang: English from the portal used in English, the office\'s default (Indonesian) when staff enter it', async () => {
  await api('POST', '/portal/account-requests?lang=en', { kind: 'ppk', name: 'Sri Wahyuni', nip: '198001012005012001',
    agency: 'Dinas Pekerjaan Umum', email: 'sri@pu.batangkab.go.id', docs: ['letter'] }, undefined, 202);
  const made = await api('POST', '/account-requests', { kind: 'pokja', channel: 'letter', name: 'Hadi Susanto', nip: '197001011995031001',
    agency: 'Dinas Pendidikan', email: 'hadi@batangkab.go.id', docs: ['letter'] }, admin, 201);
  assert.equal(made.json.lang, 'id', made.text);
  const list = (await api('GET', '/account-requests', undefined, admin, 200)).json.requests;
  assert.deepEqual(list.map((x) => [x.email, x.lang]), [['hadi@batangkab.go.id', 'id'], ['sri@pu.batangkab.go.id', 'en']]);
  const sri = list.find((x) => x.lang === 'en');
  assert.equal((await api('GET', `/account-requests/${sri.id}`, undefined, admin, 200)).json.lang, 'en');
});

test('a verification carries lang, in the list and on its own: booked on the portal in English, come to the desk in the default', async () => {
  const P = { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
    phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02' };
  const booked = await api('POST', '/portal/verification/appointments?lang=en', { ...P, day: '2026-11-17' }, undefined, 201);
  assert.equal(booked.json.lang, 'en', booked.text);
  const desk = await api('POST', '/verifications', { ...P, company: 'PT Kurang', npwp: '03.456.789.0-123.000', email: 'kurang@ptkurang.co.id' }, admin, 201);
  assert.equal(desk.json.lang, 'id', desk.text);
  const list = (await api('GET', '/verifications', undefined, admin, 200)).json.verifications;
  assert.deepEqual(list.map((v) => [v.company, v.lang]), [['PT Kurang', 'id'], ['CV Maju Jaya', 'en']]);
  assert.equal((await api('GET', `/verifications/${list[1].id}`, undefined, admin, 200)).json.lang, 'en');
  // the day's appointments carry it too, as the booking answered it
  const day = (await api('GET', '/verification/appointments?day=2026-11-17', undefined, admin, 200)).json.appointments;
  assert.deepEqual(day.map((a) => [a.company, a.lang]), [['CV Maju Jaya', 'en']]);
});

test('a training participant carries lang: registered on the portal in English, invited by staff in the default', async () => {
  const t = (await api('POST', '/trainings', { title: 'SPSE 4.5 untuk penyedia', description: 'Penawaran', audience: ['penyedia'], capacity: 5,
    venue: 'Ruang pelatihan', facilities: [], trainers: ['Tina'], budget: [],
    sessions: [{ title: 'Penawaran', starts_at: '2026-12-07 08:00', ends_at: '2026-12-07 12:00' }] }, admin, 201)).json.id;
  await api('POST', `/trainings/${t}/approve`, {}, admin, 200);
  const reg = await request(s.url, 'POST', `/api/v1/portal/trainings/${t}/register?lang=en`, { body: { name: 'Siti Aminah', agency: 'CV Maju Jaya', role: 'penyedia', email: 'siti@majujaya.co.id' } });
  assert.equal(reg.status, 201, reg.text);
  const inv = await api('POST', `/trainings/${t}/participants`, { name: 'Rudi Hartono', agency: 'Dinas PU', email: 'rudi@pu.batangkab.go.id' }, admin, 201);
  assert.equal(inv.json.lang, 'id', inv.text);
  const list = (await api('GET', `/trainings/${t}/participants`, undefined, admin, 200)).json.participants;
  assert.deepEqual(list.map((p) => [p.name, p.lang]), [['Siti Aminah', 'en'], ['Rudi Hartono', 'id']]);
  const report = (await api('GET', `/trainings/${t}/report`, undefined, admin, 200)).json;
  assert.deepEqual(report.participants.map((p) => p.lang), ['en', 'id']);
});
