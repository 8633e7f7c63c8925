// What people do wrong with a training (SOP BTG-005), found walking it as trainer, head and
// participants: an address pasted with spaces around it, a cancelled plan approved or changed,
// and the questionnaire answered by one who only ever was on the waiting list.
// The server's clock is frozen (LOKET_TEST_NOW), the training in December 2026.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, request, login, addUser, initData, psql, confDb, PG, webSession } from './lib.mjs';

// The outbox rows sent to an address, oldest first.
function mails(dir, to) {
  const r = PG ? psql(confDb(dir), `SELECT coalesce(json_agg(json_build_object('subject', subject, 'body', body) ORDER BY id), '[]') FROM outbox WHERE lower(to_addr)='${to}'`)
    : spawnSync('sqlite3', ['-json', join(dir, 'loket.db'), `SELECT subject, body FROM outbox WHERE lower(to_addr)='${to}' ORDER BY id`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}
// The personal token of the first invitation to an address.
function tokenOf(dir, to) {
  return mails(dir, to)[0].body.match(/\/portal\/pelatihan\/konfirmasi\/([0-9a-f]{64})/)[1];
}

const PLAN = {
  title: 'Pelatihan SPSE Penyedia', audience: ['penyedia'], capacity: 1, venue: 'Ruang LPSE',
  trainers: ['Budi Santoso'],
  sessions: [{ title: 'Pendaftaran', starts_at: '2026-12-10 08:00', ends_at: '2026-12-10 12:00' }],
};

test('participant and question fields sent with spaces around them are taken as the form takes them', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-25T09:00:00+07:00' } });
  try {
    const admin = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: admin })).status, 200);
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`,
      { body: { name: '  Siti Aminah ', agency: ' CV Maju Jaya ', role: ' penyedia ', email: ' Siti@MajuJaya.co.id ', phone: ' 0812 3456 7890 ' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, 'Siti Aminah');
    assert.equal(r.json.agency, 'CV Maju Jaya');
    assert.equal(r.json.email, 'siti@majujaya.co.id');
    assert.equal(r.json.phone, '+6281234567890');
    assert.match(mails(s.dir, 'siti@majujaya.co.id')[0].body, /^Yth\. Siti Aminah,$/m);
    // the same address again, spaces and capitals otherwise: the same person, 409
    r = await request(s.url, 'POST', `/api/v1/portal/trainings/${id}/register`, { body: { name: 'SITI', agency: 'CV', email: 'siti@majujaya.co.id  ' } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'email');
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: admin, body: { name: ' Rudi ', agency: ' PT Karya', email: 'rudi@karya.co.id ' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, 'Rudi');
    assert.equal(r.json.email, 'rudi@karya.co.id');
    // blank is still blank: named
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/participants`, { token: admin, body: { name: '   ', agency: 'X', email: 'x@y.co.id' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'name');
  } finally { await s.stop({ keep: true }); }
  // the question of a session, logged once it has begun, its asker's address pasted with spaces
  const t = await startServer({ dir: s.dir, env: { LOKET_TEST_NOW: '2026-12-10T09:00:00+07:00' } });
  try {
    const admin = await login(t.url);
    const tr = (await request(t.url, 'GET', '/api/v1/trainings/1', { token: admin })).json;
    const r = await request(t.url, 'POST', '/api/v1/trainings/1/questions', {
      token: admin,
      body: { session: tr.sessions[0].id, asker_name: ' Siti Aminah ', asker_agency: ' CV Maju Jaya ', question: ' Bisa unggah ulang? ', email: ' siti@majujaya.co.id ', phone: ' 081234567890 ' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.asker_name, 'Siti Aminah');
    assert.equal(r.json.email, 'siti@majujaya.co.id');
  } finally { await t.stop(); }
});

test('a cancelled training is neither approved nor changed: 409 saying it is cancelled, not that it was approved', async () => {
  const dir = initData();
  const kt = addUser(dir, 'ketua1', 'ketua');
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-11-25T09:00:00+07:00' } });
  try {
    const admin = await login(s.url);
    const ketua = await login(s.url, 'ketua1', kt);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    const id = r.json.id;
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/cancel`, { token: admin, body: { reason: 'Narasumber berhalangan' } });
    assert.equal(r.status, 200, r.text);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id}/approve`, { token: ketua });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'status');
    assert.equal(r.json.error.message, 'Training ini sudah dibatalkan: susun rencana baru');
    r = await request(s.url, 'PUT', `/api/v1/trainings/${id}`, { token: admin, body: { ...PLAN, capacity: 5 } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.message, 'Training ini sudah dibatalkan: susun rencana baru');
    const got = (await request(s.url, 'GET', `/api/v1/trainings/${id}`, { token: admin })).json;
    assert.equal(got.status, 'cancelled');
    assert.equal(got.capacity, 1);
    assert.equal(got.approved_by, null);
    // an approved one is still said to be approved
    r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    const id2 = r.json.id;
    assert.equal((await request(s.url, 'POST', `/api/v1/trainings/${id2}/approve`, { token: ketua })).status, 200);
    r = await request(s.url, 'POST', `/api/v1/trainings/${id2}/approve`, { token: ketua });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.message, 'Rencana sudah disetujui');
  } finally { await s.stop(); }
});

test('one who stayed on the waiting list does not answer the questionnaire of a training they never had a seat at', async () => {
  let s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-25T09:00:00+07:00' } });
  const dir = s.dir;
  try {
    const admin = await login(s.url);
    let r = await request(s.url, 'POST', '/api/v1/trainings', { token: admin, body: PLAN });
    assert.equal(r.status, 201, r.text);
    assert.equal((await request(s.url, 'POST', '/api/v1/trainings/1/approve', { token: admin })).status, 200);
    r = await request(s.url, 'POST', '/api/v1/portal/trainings/1/register', { body: { name: 'Siti', agency: 'CV A', email: 'siti@a.co.id' } });
    assert.equal(r.json.seat, 'seat');
    r = await request(s.url, 'POST', '/api/v1/portal/trainings/1/register', { body: { name: 'Budi', agency: 'CV B', email: 'budi@b.co.id' } });
    assert.equal(r.json.seat, 'waiting');
  } finally { await s.stop({ keep: true }); }
  s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-12-10T10:00:00+07:00' } });
  try {
    const q = (await request(s.url, 'GET', '/api/v1/portal/trainings/1/questionnaire')).json;
    assert.equal(q.open, true);
    const answers = q.questionnaire.items.filter((i) => i.kind !== 'text').map((i) => ({ item: i.id, value: i.kind === 'likert' ? 4 : 0 }));
    let r = await request(s.url, 'POST', '/api/v1/portal/trainings/1/questionnaire', { body: { token: tokenOf(dir, 'budi@b.co.id'), answers } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'token');
    assert.equal(r.json.error.message, 'Anda berada dalam daftar tunggu training ini: kuesionernya untuk peserta yang mendapat tempat');
    r = await request(s.url, 'POST', '/api/v1/portal/trainings/1/questionnaire', { body: { token: tokenOf(dir, 'siti@a.co.id'), answers } });
    assert.equal(r.status, 201, r.text);
    const admin = await login(s.url);
    assert.equal((await request(s.url, 'GET', '/api/v1/trainings/1/results', { token: admin })).json.responses, 1);
    // the page of the personal link says the same, no form
    const page = await request(s.url, 'GET', `/portal/pelatihan/1/kuesioner?t=${tokenOf(dir, 'budi@b.co.id')}`);
    assert.match(page.text, /Anda berada dalam daftar tunggu training ini/);
    assert.doesNotMatch(page.text, /name="answers|name="q1"/);
  } finally { await s.stop(); }
});

test('a cancelled training, or a plan never approved, takes no attendance, Q&A minutes or questions on its session day', async () => {
  let s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-25T09:00:00+07:00' } });
  const dir = s.dir;
  try {
    const admin = await login(s.url);
    const api = (m, p, body) => request(s.url, m, p, { token: admin, body });
    for (const id of [1, 2]) {
      assert.equal((await api('POST', '/api/v1/trainings', PLAN)).status, 201);
      assert.equal((await api('POST', `/api/v1/trainings/${id}/participants`, { name: 'Siti', agency: 'CV A', email: 'siti@a.co.id' })).status, 201);
    }
    assert.equal((await api('POST', '/api/v1/trainings/2/approve')).status, 200);
    assert.equal((await api('POST', '/api/v1/trainings/2/cancel', { reason: 'Ruang tergenang banjir' })).status, 200);
  } finally { await s.stop({ keep: true }); }
  // the session's day, the session under way: training 1 still a plan, training 2 cancelled
  s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-12-10T09:00:00+07:00' } });
  try {
    const admin = await login(s.url);
    const api = (m, p, body) => request(s.url, m, p, { token: admin, body });
    const says = { 1: 'Rencana belum disetujui: sesinya dicatat setelah Ketua LPSE menyetujuinya',
                   2: 'Pelatihan ini dibatalkan: sesinya tidak dapat dicatat (kehadiran, waktu tanya jawab, pertanyaan)' };
    for (const id of [1, 2]) {
      const t = (await api('GET', `/api/v1/trainings/${id}`)).json;
      const sid = t.sessions[0].id, pid = (await api('GET', `/api/v1/trainings/${id}/participants`)).json.participants[0].id;
      for (const [path, body] of [[`sessions/${sid}/attendance`, { participant: pid }], [`sessions/${sid}/qa`, { minutes: 20 }],
        ['questions', { session: sid, asker_name: 'Siti', asker_agency: 'CV A', question: 'Bisa unggah ulang?', answer: 'Bisa' }]]) {
        const r = await api('POST', `/api/v1/trainings/${id}/${path}`, body);
        assert.equal(r.status, 409, `${id} ${path}: ${r.text}`);
        assert.equal(r.json.error.field, 'status');
        assert.equal(r.json.error.message, says[id]);
      }
      const after = (await api('GET', `/api/v1/trainings/${id}`)).json;
      assert.equal(after.sessions[0].present, 0);
      assert.equal(after.sessions[0].qa_minutes, 0);
      assert.equal(after.sessions[0].questions, 0);
      assert.deepEqual((await api('GET', `/api/v1/trainings/${id}/questions`)).json.questions, []);
    }
    const audit = (await api('GET', '/api/v1/audit?limit=50')).json.rows.map((x) => x.action);
    assert.ok(!audit.some((a) => /^training\.(attend|qa|question)$/.test(a)), audit.join(' '));
    // the page's Q&A form on the cancelled training: refused the same way, the typed question kept
    const web = await webSession(s.url);
    const page = await web.post('/pelatihan/2/pertanyaan', { csrf: web.csrf, session: '2', asker_name: 'Siti', asker_agency: 'CV A', question: 'Bisa unggah ulang dokumen?', answer: 'Bisa' });
    assert.equal(page.status, 409, page.text.slice(0, 300));
    assert.match(page.text, /Pelatihan ini dibatalkan: sesinya tidak dapat dicatat/);
    assert.match(page.text, /Bisa unggah ulang dokumen\?/);
  } finally { await s.stop(); }
});
