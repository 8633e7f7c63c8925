// The priority table and the number formats of an office: defaults stored at init, read by
// every staff role, changed by its keepers only (API and page), checked whole, audited; a
// new case takes its priority, targets and number from them. Archiving a case: only when
// closed or cancelled, through the API and the case page; an archived case is not reopened.
// The clock is frozen at Monday 5 January 2026, 08:00 WIB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, addUser, webSession, cli, sqlite } from './lib.mjs';

const NOW = '2026-01-05T08:00:00+07:00';
let s, token, sariToken;

const get = (path, t = token) => request(s.url, 'GET', path, { token: t });
const put = (path, body, t = token) => request(s.url, 'PUT', path, { token: t, body });
const post = (path, body, t = token) => request(s.url, 'POST', path, { token: t, body });
const PHONE = { sop: 'SOP-LPSE.BTG-017', channel: 'phone', subject: 'Tidak bisa unggah', requester: { name: 'Siti Aminah' } };

before(async () => {
  s = await startServer({ env: { LOKET_TEST_NOW: NOW } });
  addUser(s.dir, 'sari', 'helpdesk');
  addUser(s.dir, 'rudi', 'penyedia');
  token = await login(s.url);
  sariToken = await login(s.url, 'sari', 'user-test-password-1');
});
after(async () => { if (s) await s.stop(); });

test('the defaults are stored at init and read by staff; a requester may not read them', async () => {
  const r = await get('/api/v1/priorities', sariToken);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rules.map((x) => `${x.urgency}×${x.impact}=${x.priority}`), [
    'mendesak×kecil=menengah', 'mendesak×sedang=tinggi', 'mendesak×besar=tinggi',
    'tidak_mendesak×kecil=rendah', 'tidak_mendesak×sedang=rendah', 'tidak_mendesak×besar=menengah']);
  assert.deepEqual(r.json.targets, [
    { priority: 'rendah', response_office_seconds: 27000, resolution_workdays: 5 },
    { priority: 'menengah', response_office_seconds: 14400, resolution_workdays: 3 },
    { priority: 'tinggi', response_office_seconds: 3600, resolution_workdays: 1 }]);
  const f = await get('/api/v1/number-formats', sariToken);
  assert.equal(f.json.formats.case, '{office}-{year}-{seq:6}');
  const db = join(s.dir, 'loket.db');
  const rows = () => sqlite(db, 'SELECT count(*) FROM priority_rule; SELECT count(*) FROM priority_target;').stdout.split('\n').filter(Boolean);
  assert.deepEqual(rows(), ['6', '3'], 'loket init stores the defaults');
  const add = cli(['office', 'add', 'LPSE-OI', '--name', 'LPSE Ogan Ilir', '--data', s.dir]);
  assert.equal(add.status, 0, add.stderr);
  assert.deepEqual(rows(), ['12', '6'], 'office add stores the defaults');
  const rudi = await login(s.url, 'rudi', 'user-test-password-1');
  assert.equal((await get('/api/v1/priorities', rudi)).status, 403);
  assert.equal((await put('/api/v1/priorities', { rules: [] }, sariToken)).status, 403);
  assert.equal((await put('/api/v1/number-formats', { case: '{year}-{seq}' }, sariToken)).status, 403);
});

test('a bad table is refused whole, naming the entry; nothing changes', async () => {
  const bad = [
    [{ rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'tinggi' }, { urgency: 'segera', impact: 'kecil', priority: 'tinggi' }] }, 'rules[1].urgency'],
    [{ rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'tinggi' }, { urgency: 'mendesak', impact: 'kecil', priority: 'rendah' }] }, 'rules[1]'],
    [{ rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'tinggi', extra: 1 }] }, 'rules[0].extra'],
    [{ targets: [{ priority: 'tinggi', response_office_seconds: '3600', resolution_workdays: 1 }] }, 'targets[0].response_office_seconds'],
    [{ rules: [{ urgency: 'mendesak', impact: 'kecil', priority: 'tinggi' }], targets: [{ priority: 'rendah', response_office_seconds: 27000, resolution_workdays: 0 }] }, 'targets[0].resolution_workdays'],
    [{ targets: [{ priority: 'rendah', response_office_seconds: 999999, resolution_workdays: 1 }] }, 'targets[0].response_office_seconds'],
    // the entry at fault is named by its place, whichever check refuses it
    [{ targets: [{ priority: 'rendah', response_office_seconds: 27000, resolution_workdays: 5 }, { priority: 'tinggi', response_office_seconds: 30, resolution_workdays: 1 }] }, 'targets[1].response_office_seconds'],
    [{ targets: [{ priority: 'rendah', response_office_seconds: 27000, resolution_workdays: 5 }, { priority: 'tinggi', response_office_seconds: 54000, resolution_workdays: 1 }] }, 'targets[1].response_office_seconds'],
    [{ tabel: [] }, 'tabel'],
  ];
  for (const [body, field] of bad) {
    const r = await put('/api/v1/priorities', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  // a rule's urgency, a target's two numbers and the body's unknown member: each named in one answer
  const w = await put('/api/v1/priorities', { rules: [{ urgency: 'segera', impact: 'kecil', priority: 'tinggi' }],
    targets: [{ priority: 'rendah', response_office_seconds: '3600', resolution_workdays: 'satu' }, { priority: 'tinggi', response_office_seconds: 30, resolution_workdays: 1 }], tabel: [] });
  assert.equal(w.status, 400, w.text);
  assert.deepEqual(w.json.error.fields.map((f) => f.field),
    ['rules[0].urgency', 'targets[0].response_office_seconds', 'targets[0].resolution_workdays', 'targets[1].response_office_seconds', 'tabel'], w.text);
  // a target given with one of its times: the other is required, not "a whole number"; so is a
  // negative or zero time refused, naming its range
  const half = await put('/api/v1/priorities', { targets: [{ priority: 'menengah', resolution_workdays: 2 }] });
  assert.equal(half.status, 400, half.text);
  assert.equal(half.json.error.field, 'targets[0].response_office_seconds');
  assert.equal(half.json.error.message, 'targets[0].response_office_seconds wajib diisi', half.text);
  for (const v of [0, -60]) {
    const z = await put('/api/v1/priorities', { targets: [{ priority: 'menengah', response_office_seconds: v, resolution_workdays: 2 }] });
    assert.equal(z.status, 400, z.text);
    assert.match(z.json.error.message, /^targets\[0\]\.response_office_seconds harus antara 60 detik dan 30 hari kerja$/, z.text);
  }
  // one target's response and resolution both out of range: both named, not only the first
  const both = await put('/api/v1/priorities', { targets: [{ priority: 'rendah', response_office_seconds: 30, resolution_workdays: 400 }] });
  assert.equal(both.status, 400, both.text);
  assert.equal(both.json.error.field, 'targets[0].response_office_seconds');
  assert.deepEqual(both.json.error.fields.map((f) => f.field), ['targets[0].response_office_seconds', 'targets[0].resolution_workdays'], both.text);
  assert.match(both.json.error.fields[1].message, /^targets\[0\]\.resolution_workdays /, both.text);
  const r = await get('/api/v1/priorities');
  assert.equal(r.json.rules[0].priority, 'menengah', 'a refused change changes nothing');
  const audit = await get('/api/v1/audit?action=priority.set');
  assert.equal(audit.status, 200);
});

test('an edited rule gives a new case its priority and targets; a case opened before keeps its own', async () => {
  let r = await post('/api/v1/cases', PHONE);
  assert.equal(r.status, 201, r.text);
  const before = r.json;
  assert.equal(before.priority, 'rendah');
  assert.equal(before.response_due_at, '2026-01-06T01:00:00Z');          // 7.5 office hours
  r = await put('/api/v1/priorities', {
    rules: [{ urgency: 'tidak_mendesak', impact: 'kecil', priority: 'tinggi' }],
    targets: [{ priority: 'tinggi', response_office_seconds: 1800, resolution_workdays: 2 }],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rules[3].priority, 'tinggi');
  r = await post('/api/v1/cases', PHONE);
  assert.equal(r.json.priority, 'tinggi');
  assert.equal(r.json.response_due_at, '2026-01-05T01:30:00Z');          // 30 office minutes
  assert.equal(r.json.resolution_due_at, '2026-01-07T01:00:00Z');        // 2 working days
  r = await get(`/api/v1/cases/${before.number}`);
  assert.equal(r.json.priority, 'rendah');
  assert.equal(r.json.response_due_at, before.response_due_at);
});

test('number formats: a new pattern takes over, the counter goes on; bad patterns are refused whole', async () => {
  let r = await post('/api/v1/cases', PHONE);
  const n = Number(r.json.number.split('-').pop());
  assert.match(r.json.number, /^LPSE-2026-\d{6}$/);
  r = await put('/api/v1/number-formats', { case: 'TKT.{year}.{seq:4}', agenda: 'SM-{year}-{seq:3}' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.formats, { case: 'TKT.{year}.{seq:4}', agenda: 'SM-{year}-{seq:3}', disposition: 'DS-{year}-{seq:4}', consultation: 'KF-{year}-{seq:4}', handover: 'ST-{year}-{seq:4}' });
  r = await post('/api/v1/cases', PHONE);
  assert.equal(r.json.number, `TKT.2026.${String(n + 1).padStart(4, '0')}`);
  assert.equal((await get(`/api/v1/cases/${r.json.number}`)).status, 200);
  r = await post('/api/v1/registers/agenda', { letter_no: '005/PU/2026', letter_date: '2026-01-02', sender: 'Dinas PU', subject: 'Permohonan akun' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, 'SM-2026-001');
  // the disposition sheets' format is one of them too
  const letter = r.json.number;
  r = await put('/api/v1/number-formats', { disposition: 'DISP.{seq:3}-{year}' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.formats.disposition, 'DISP.{seq:3}-{year}');
  r = await post('/api/v1/registers/disposition', { agenda: letter, to_role: 'admin_agency', instruction: 'Proses' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, 'DISP.001-2026');
  assert.equal((await put('/api/v1/number-formats', { disposition: 'DS-{year}-{seq:4}' })).status, 200);
  // an agenda number as letters are numbered here: 001/LPSE/I/2026 (the month in Roman numerals,
  // of the day in the office's zone: 5 January 2026)
  r = await put('/api/v1/number-formats', { agenda: '{seq:3}/LPSE/{month:roman}/{year}', consultation: 'KF.{year}.{month}.{seq:3}' });
  assert.equal(r.status, 200, r.text);
  r = await post('/api/v1/registers/agenda', { letter_no: '006/PU/2026', letter_date: '2026-01-05', sender: 'Dinas PU', subject: 'Undangan' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, '002/LPSE/I/2026');
  r = await get(`/api/v1/registers/agenda?q=${encodeURIComponent('002/LPSE/I/2026')}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(JSON.stringify(r.json).includes('002/LPSE/I/2026'), true, r.text);
  assert.equal((await put('/api/v1/number-formats', { agenda: 'SM-{year}-{seq:3}', consultation: 'KF-{year}-{seq:4}' })).status, 200);
  for (const [body, field] of [
    [{ case: '{office}-{seq}' }, 'case'],                           // no {year}
    [{ case: '{office}-{year}' }, 'case'],                          // no {seq}
    [{ case: 'TKT/{year}/{seq}' }, 'case'],                         // '/' would break the case's address
    [{ agenda: '{seq}/{month}/{month:roman}/{year}' }, 'agenda'],   // the month twice
    [{ agenda: '{seq}/{bulan}/{year}' }, 'agenda'],                 // unknown field
    [{ consultation: '{year}-{seq}-{nama}' }, 'consultation'],      // unknown field
    [{ case: 'A-{year}-{seq}', handover: 'x'.repeat(41) }, 'handover'],
    [{ ticket: '{year}-{seq}' }, 'ticket'],
    [{ case: null }, 'case'],                                        // a register always has a pattern
    [{ agenda: 'AG-{year}-{seq:4}', handover: '' }, 'handover'],
  ]) {
    const b = await put('/api/v1/number-formats', body);
    assert.equal(b.status, 400, JSON.stringify(body));
    assert.equal(b.json.error.field, field, JSON.stringify(body));
  }
  // every pattern wrong named in one answer, each message naming its register
  const several = await put('/api/v1/number-formats', { case: '{office}-{seq}', agenda: 'AG {year}/{seq}', handover: 'ST-{year}-{seq}-{seq}' });
  assert.equal(several.status, 400, several.text);
  assert.equal(several.json.error.field, 'case');
  assert.deepEqual(several.json.error.fields.map((f) => f.field), ['case', 'agenda', 'handover'], several.text);
  for (const f of several.json.error.fields) assert.ok(f.message.startsWith(`${f.field} `), several.text);
  r = await get('/api/v1/number-formats');
  assert.equal(r.json.formats.case, 'TKT.{year}.{seq:4}', 'a refused change changes nothing');
  r = await put('/api/v1/number-formats', { case: '{office}-{year}-{seq:6}' });
  r = await post('/api/v1/cases', PHONE);
  assert.equal(r.json.number, `LPSE-2026-${String(n + 2).padStart(6, '0')}`, 'back to the old pattern: no number reused');
  const audit = await get('/api/v1/audit?limit=100');
  const actions = (audit.json.entries || audit.json.rows || audit.json.audit || []).map((x) => x.action);
  assert.ok(actions.includes('number.format'), JSON.stringify(audit.json).slice(0, 300));
  assert.ok(actions.includes('priority.set'));
});

test('the page: staff read the table; its keepers change it through the form; a helpdesk user may not', async () => {
  const admin = await webSession(s.url);
  let p = await admin.get('/prioritas');
  assert.equal(p.status, 200);
  assert.match(p.text, /<h1>Tabel prioritas<\/h1>/);
  assert.match(p.text, /name="rule_mendesak_besar"/);
  assert.match(p.text, /name="fmt_case"[^>]*value="\{office\}-\{year\}-\{seq:6\}"/);
  const fields = { csrf: admin.csrf };
  for (const u of ['mendesak', 'tidak_mendesak']) for (const i of ['kecil', 'sedang', 'besar']) fields[`rule_${u}_${i}`] = 'menengah';
  Object.assign(fields, { response_min_rendah: '450', resolution_days_rendah: '5', response_min_menengah: '240',
    resolution_days_menengah: '3', response_min_tinggi: '60', resolution_days_tinggi: '1' });
  let r = await admin.post('/prioritas', fields);
  assert.equal(r.status, 303, r.text);
  const t = await get('/api/v1/priorities');
  assert.ok(t.json.rules.every((x) => x.priority === 'menengah'));
  assert.match(decodeURIComponent(r.headers.get('location')), /ok=Priority table saved/);
  // the same form again: nothing changed, said so, nothing audited
  const audits = (await get('/api/v1/audit?action=priority.set&limit=1000')).json.rows.length;
  r = await admin.post('/prioritas', fields);
  assert.equal(r.status, 303, r.text);
  assert.match((await admin.get(r.headers.get('location'))).text, /Tidak ada yang berubah: tabelnya sudah seperti itu/);
  assert.equal((await get('/api/v1/audit?action=priority.set&limit=1000')).json.rows.length, audits);
  r = await admin.post('/prioritas', { ...fields, rule_mendesak_besar: 'tinggi', resolution_days_tinggi: '0', response_min_rendah: '455' });
  assert.equal(r.status, 400);
  // the form comes back as it was typed, the stored table unchanged
  assert.match(r.text, /name="resolution_days_tinggi"[^>]*value="0"/);
  assert.match(r.text, /name="response_min_rendah"[^>]*value="455"/);
  assert.match(r.text, /name="rule_mendesak_besar"[^>]*>(?:(?!<\/select>).)*<option value="tinggi" selected>/s);
  assert.ok((await get('/api/v1/priorities')).json.rules.every((x) => x.priority === 'menengah'));
  // the error names the row and the field as the page shows them, in the form's units, at that one input
  assert.match(r.text, /class="notice error"[^>]*><p>Tinggi · Penyelesaian \(hari kerja\): harus bilangan bulat hari kerja dari 1 sampai 365/);
  assert.doesNotMatch(r.text, /targets\./);
  assert.deepEqual([...r.text.matchAll(/name="(\w+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]), ['resolution_days_tinggi']);
  assert.match(r.text, /aria-describedby="resolution_days_tinggi-error"/);
  assert.match(r.text, /<p class="field-error" id="resolution_days_tinggi-error">harus bilangan bulat hari kerja dari 1 sampai 365<\/p>/);
  // several rows wrong: each field marked under itself at once (a number out of range, the service's rule)
  r = await admin.post('/prioritas', { ...fields, response_min_menengah: '0', resolution_days_tinggi: '0', response_min_rendah: '1000', resolution_days_rendah: '1' });
  assert.equal(r.status, 400);
  assert.deepEqual([...r.text.matchAll(/name="(\w+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]), ['response_min_rendah', 'response_min_menengah', 'resolution_days_tinggi']);
  for (const f of ['response_min_rendah', 'response_min_menengah', 'resolution_days_tinggi']) assert.match(r.text, new RegExp(`<p class="field-error" id="${f}-error">`), f);
  r = await admin.post('/prioritas', { ...fields, response_min_menengah: '0' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Menengah · Tanggapan \(jam kantor\): harus bilangan bulat menit dari 1 sampai 13500 \(30 hari kerja\)/);
  assert.match(r.text, /id="response_min_menengah-error"/);
  // a response later than the resolution: the service's rule, named at the response of its row
  r = await admin.post('/prioritas', { ...fields, response_min_rendah: '1000', resolution_days_rendah: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Rendah · Tanggapan \(jam kantor\): tidak boleh lebih lambat dari target penyelesaian/);
  assert.deepEqual([...r.text.matchAll(/name="(\w+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]), ['response_min_rendah']);
  r = await admin.post('/prioritas/nomor', { csrf: admin.csrf, fmt_case: '{office}-{seq}', fmt_agenda: 'AG-{year}-{seq:4}',
    fmt_consultation: 'KF-{year}-{seq:4}', fmt_handover: 'ST-{year}-{seq:4}' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="case-error"/);
  assert.match(r.text, /class="notice error"[^>]*><p>Tiket kasus: /, 'the register as the form names it, not its key');
  assert.doesNotMatch(r.text, /class="notice error"[^>]*><p>case: /);
  assert.match(r.text, /name="fmt_case"[^>]*value="\{office\}-\{seq\}"/, 'the pattern typed is kept to be corrected');
  assert.match(r.text, /name="fmt_agenda"[^>]*value="AG-\{year\}-\{seq:4\}"/);
  const sari = await webSession(s.url, 'sari', 'user-test-password-1');
  p = await sari.get('/prioritas');
  assert.equal(p.status, 200);
  assert.doesNotMatch(p.text, /name="rule_mendesak_besar"/);
  // read only: the number formats as text, no label pointing at an input that is not there
  assert.match(p.text, /<th scope="row">Tiket kasus<\/th><td><span class="mono">\{office\}-\{year\}-\{seq:6\}<\/span>/);
  for (const m of p.text.matchAll(/<label for="([^"]+)"/g)) assert.match(p.text, new RegExp(`id="${m[1]}"`), `label for ${m[1]} has its input`);
  assert.equal((await sari.post('/prioritas', { ...fields, csrf: sari.csrf })).status, 403);
  assert.equal((await sari.post('/prioritas/nomor', { csrf: sari.csrf, fmt_case: '{year}-{seq}' })).status, 403);
});

test('archive: 409 while open; cancelled → archived (audited); not reopened; the button on the case page', async () => {
  let r = await post('/api/v1/cases', PHONE);
  const n = r.json.number;
  r = await post(`/api/v1/cases/${n}/archive`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'status');
  const admin = await webSession(s.url);
  assert.doesNotMatch((await admin.get(`/kasus/${n}`)).text, /\/arsipkan"/);
  r = await post(`/api/v1/cases/${n}/cancel`, { reason: 'Salah sambung' });
  assert.equal(r.status, 200);
  let p = await admin.get(`/kasus/${n}`);
  assert.match(p.text, new RegExp(`action="/kasus/${n}/arsipkan"`));
  const rudi = await login(s.url, 'rudi', 'user-test-password-1');
  assert.equal((await post(`/api/v1/cases/${n}/archive`, {}, rudi)).status, 403);
  r = await admin.post(`/kasus/${n}/arsipkan`, { csrf: admin.csrf });
  assert.equal(r.status, 303);
  r = await get(`/api/v1/cases/${n}`);
  assert.equal(r.json.status, 'archived');
  p = await admin.get(`/kasus/${n}`);
  assert.doesNotMatch(p.text, /\/arsipkan"/);
  assert.equal((await post(`/api/v1/cases/${n}/reopen`, {})).status, 409);
  assert.equal((await post(`/api/v1/cases/${n}/archive`, {})).status, 409);
  assert.equal((await admin.post(`/kasus/${n}/arsipkan`, { csrf: admin.csrf })).status, 409);
  // a closed case through the API
  r = await post('/api/v1/cases', PHONE);
  const m = r.json.number;
  for (const [no, outcome] of [[1, 'done'], [2, 'done'], [3, 'done'], [4, 'done'], [5, 'yes'], [6, 'done'], [7, 'done']]) {
    r = await post(`/api/v1/cases/${m}/steps/${no}`, { outcome });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(r.json.status, 'closed');
  r = await post(`/api/v1/cases/${m}/archive`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'archived');
  r = await get('/api/v1/cases?status=archived');
  assert.deepEqual(r.json.cases.map((c) => c.number).sort(), [n, m].sort());
});
