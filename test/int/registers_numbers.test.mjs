// The numbers of the registers (Buku Agenda, Lembar Disposisi, Formulir Konsultasi, Serah
// Terima): each office counts its own, each year from 0001 again, the year of the office's
// own zone (a letter entered at 00.30 WITA on 1 January is the new year's, while it is still
// the old year in WIB and UTC).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, initData, request, login, cli } from './lib.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

const LETTER = { letter_no: '005/PU', letter_date: '2026-12-30', sender: 'Dinas PU', subject: 'Permohonan akun PPK' };

test('per office and per year, in the office\'s time zone: AG-2026-0001 in each office; after midnight of 1 January in WITA, AG-2027-0001', async () => {
  const dir = initData();
  let r = cli(['office', 'add', 'LPSE-BALI', '--name', 'LPSE Bali', '--tz', 'WITA', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'add', 'bali', '--office', 'LPSE-BALI', '--role', 'admin', '--data', dir], { env: { LOKET_PASSWORD: 'bali-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  // 31 December 2026, 23.20 WIB = 1 January 2027, 00.20 WITA
  const s = await startServer({ dir, env: { LOKET_TEST_NOW: '2026-12-31T23:20:00+07:00' } });
  servers.push(s);
  const lpse = await login(s.url), bali = await login(s.url, 'bali', 'bali-password-1');
  const add = async (token, reg, body) => {
    const x = await request(s.url, 'POST', `/api/v1/registers/${reg}`, { token, body });
    assert.equal(x.status, 201, x.text);
    return x.json.number;
  };
  assert.equal(await add(lpse, 'agenda', LETTER), 'AG-2026-0001');
  assert.equal(await add(lpse, 'agenda', LETTER), 'AG-2026-0002');
  assert.equal(await add(bali, 'agenda', LETTER), 'AG-2027-0001', 'Bali is in 2027 already, and counts its own');
  assert.equal(await add(bali, 'consultation', { name: 'Wayan', question: 'Jadwal pelatihan?' }), 'KF-2027-0001');
  assert.equal(await add(lpse, 'consultation', { name: 'Budi', question: 'Lupa sandi' }), 'KF-2026-0001');
  assert.equal(await add(lpse, 'handover', { items: 'Surat', from_name: 'Andi', to_name: 'Sari' }), 'ST-2026-0001');
  assert.equal(await add(lpse, 'disposition', { agenda: 'AG-2026-0002', to_role: 'helpdesk', instruction: 'Proses' }), 'DS-2026-0001');
  // an office cannot route another office's letter
  const other = await request(s.url, 'POST', '/api/v1/registers/disposition', { token: bali, body: { agenda: 'AG-2026-0001', to_role: 'helpdesk', instruction: 'Proses' } });
  assert.equal(other.status, 400, other.text);
  assert.equal(other.json.error.field, 'agenda');
  servers.pop();
  await s.stop({ keep: true });
  // after midnight in WIB: the first office's new year starts at 0001 again, the old numbers stay
  const s2 = await startServer({ dir, env: { LOKET_TEST_NOW: '2027-01-01T00:10:00+07:00' } });
  servers.push(s2);
  const lpse2 = await login(s2.url), bali2 = await login(s2.url, 'bali', 'bali-password-1');
  const add2 = async (token, body) => (await request(s2.url, 'POST', '/api/v1/registers/agenda', { token, body })).json.number;
  assert.equal(await add2(lpse2, LETTER), 'AG-2027-0001');
  assert.equal(await add2(bali2, LETTER), 'AG-2027-0002');
  const list = await request(s2.url, 'GET', '/api/v1/registers/agenda', { token: lpse2 });
  assert.deepEqual(list.json.entries.map((e) => e.number), ['AG-2027-0001', 'AG-2026-0002', 'AG-2026-0001']);
});

test('a case number is printed in capitals, an office code or a pattern in small letters too: found typed in capitals, small letters or with blanks', async () => {
  const s = await startServer({ env: { LOKET_TEST_NOW: '2026-11-20T03:30:00Z' } });
  servers.push(s);
  const token = await login(s.url);
  const api = (method, path, body) => request(s.url, method, path, { token, body });
  let r = await api('POST', '/api/v1/offices', { code: 'lpse-kota', name: 'LPSE Kota' });
  assert.equal(r.status, 201, r.text);
  r = await api('POST', '/api/v1/me/office', { office: 'lpse-kota' });
  assert.equal(r.status, 200, r.text);
  const open = async () => {
    const c = await api('POST', '/api/v1/cases', { sop: 'OI-02', channel: 'phone', subject: 'Uji', requester: { name: 'Budi' } });
    assert.equal(c.status, 201, c.text);
    return c.json.number;
  };
  const found = async (n) => {
    for (const typed of [n, n.toLowerCase(), ` ${n.toLowerCase()} `, ` ${n} `]) {
      const g = await api('GET', `/api/v1/cases/${encodeURIComponent(typed)}`);
      assert.equal(g.status, 200, `${JSON.stringify(typed)}: ${g.text}`);
      assert.equal(g.json.number, n);
    }
  };
  const first = await open();
  assert.equal(first, 'LPSE-KOTA-2026-000001');
  await found(first);
  r = await api('PUT', '/api/v1/number-formats', { case: 'tkt.{year}.{month}.{seq:3}' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.formats.case, 'tkt.{year}.{month}.{seq:3}', 'the pattern is kept as written');
  const second = await open();
  assert.equal(second, 'TKT.2026.11.002');
  await found(second);
  // the registers' numbers stay as their patterns write them
  r = await api('PUT', '/api/v1/number-formats', { agenda: 'ag-{year}-{seq:4}' });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', '/api/v1/registers/agenda', { ...LETTER, letter_date: '2026-11-19', case_number: ` ${second.toLowerCase()} ` });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, 'ag-2026-0001');
  assert.equal(r.json.case_number, second);
});
