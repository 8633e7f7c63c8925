// A retired procedure on the desks that open its cases (sop_revisions.test.mjs has the phone desk,
// BTG-017, and the walk-in help desk, OI-02): the verification desk (OI-01, a provider's arrival),
// the training desk (BTG-005, a plan), the account requests (OI-03/04/05, BTG-019), the bidding
// room (BTG-006) and the .rhs desk (OI-06). Each refuses through its API (409 naming sop, in the
// reader's language, naming the procedure by its code and title) and through its page's form (the form
// again with the reason in Indonesian),
// writes nothing half (no case, no guest-book or agenda row, no audit row of the refused action),
// and works again once the procedure is restored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, request, login, webSession, sqlite, psql, confDb } from './lib.mjs';

const NOW = '2026-11-16T09:00:00+07:00';   // a Monday, in office hours
const RETIRED_EN = /is retired: no new case can be opened under it/;
let s, token, web;
let named;   // the refusal of the procedure retired now, as said: { id, en, html } (whileRetired)

const api = (method, path, body) => request(s.url, method, `/api/v1${path}`, { token, body });
// A number the database answers (SQLite or PostgreSQL).
const count = (sql) => {
  const db = confDb(s.dir);
  const r = db ? psql(db, sql) : sqlite(join(s.dir, 'loket.db'), sql);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
};
// What a refusal must leave as it was: the cases, the guest book, the agenda, the audit.
const written = () => ({
  cases: count('SELECT count(*) FROM kasus'), guests: count('SELECT count(*) FROM guest_book'),
  agenda: count('SELECT count(*) FROM agenda'), audit: count('SELECT count(*) FROM audit'),
  parties: count('SELECT count(*) FROM party'),
});

before(async () => {
  s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: NOW } });
  token = await login(s.url);
  web = await webSession(s.url);
});
after(async () => { if (s) await s.stop(); });

// Retire code, run refuse() (which tries the API and the page), check nothing was written but the
// retirement's own audit row, restore it and run works().
async function whileRetired(code, refuse, works) {
  const r = await api('POST', `/sops/${code}/retire`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.retired, true);
  const p = (await api('GET', `/sops/${code}`)).json;
  assert.ok(p.title && p.title_en && p.title !== p.title_en, JSON.stringify(p).slice(0, 300));
  const id = `Prosedur ${p.code} (${p.title}) dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya`;
  const html = id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  named = { id, html, en: `The procedure ${p.code} (${p.title_en}) is retired: no new case can be opened under it` };
  const was = written();
  await refuse();
  assert.deepEqual(written(), was, `${code}: nothing written by the refused attempts`);
  assert.equal((await api('POST', `/sops/${code}/restore`)).status, 200);
  await works();
}

// An API answer refusing because the procedure is retired, naming it, in Indonesian (or, en, in English).
function apiRefused(r, en) {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'sop', r.text);
  assert.equal(r.json.error.message, en ? named.en : named.id);
}
// A page answer: the form again, the reason in Indonesian, nothing English or raw.
function pageRefused(r, formAction) {
  assert.equal(r.status, 409, r.text.slice(0, 500));
  assert.ok(r.text.includes(named.html), `the procedure named: ${named.html}`);
  assert.doesNotMatch(r.text, RETIRED_EN);
  assert.doesNotMatch(r.text, /\bsop: |"sop"|The database failed/);
  if (formAction) assert.match(r.text, new RegExp(`<form[^>]*action="${formAction}"`), 'the form shown again');
}

// The start of a desk's work refused through its API (body) and its page's form (the form at pagePath,
// fields), what was typed (typed, when given) back in the form.
async function refusedBoth(apiPath, body, pagePath, fields, typed) {
  apiRefused(await api('POST', apiPath, body));
  apiRefused(await api('POST', `${apiPath}?lang=en`, body), 'en');
  const page = await web.post(pagePath, { csrf: web.csrf, ...fields });
  pageRefused(page, pagePath);
  if (typed) assert.match(page.text, new RegExp(`value="${typed}"`), 'what was typed kept');
}

test('OI-01: a provider\'s arrival opens no case while it is retired (API and page); no guest-book row; restored, it does', async () => {
  const PROVIDER = { company: 'CV Maju Jaya', npwp: '01.234.567.8-901.000', nib: '9120001234567', email: 'direktur@majujaya.co.id',
    phone: '0812 3456 7890', contact: 'Budi Santoso', spse_user: 'majujaya', registered_on: '2026-11-02' };
  let v;
  await whileRetired('OI-01', async () => {
    // a walk-in is refused at once: a verification that could open no case is not written
    await refusedBoth('/verifications', PROVIDER, '/verifikasi', PROVIDER, 'CV Maju Jaya');
    assert.equal(count('SELECT count(*) FROM verification'), 0);
  }, async () => {
    v = await api('POST', '/verifications', PROVIDER);
    assert.equal(v.status, 201, v.text);
  });
  // one waiting already when the procedure is retired: its arrival refused (API and page)
  await whileRetired('OI-01', async () => {
    apiRefused(await request(s.url, 'POST', `/api/v1/verifications/${v.json.id}/arrive?lang=en`, { token }), 'en');
    apiRefused(await api('POST', `/verifications/${v.json.id}/arrive`));
    const page = await web.post(`/verifikasi/${v.json.id}/arrive`, { csrf: web.csrf });
    pageRefused(page, `/verifikasi/${v.json.id}/arrive`);
    assert.equal((await api('GET', `/verifications/${v.json.id}`)).json.status, 'waiting');
  }, async () => {
    const r = await api('POST', `/verifications/${v.json.id}/arrive`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'checking');
  });
});

test('BTG-005: a training plan is refused while it is retired (API and page); restored, it is made', async () => {
  const plan = { title: 'Training SPSE untuk Pokja', audience: ['pokja'], capacity: 10, venue: 'Aula Setda', trainers: ['Budi Santoso'],
    sessions: [{ title: 'Tender cepat', starts_at: '2026-11-30 08:00', ends_at: '2026-11-30 12:00' }] };
  const form = { title: 'Training SPSE untuk Pokja', description: 'Tender cepat', audience: 'pokja', capacity: '10', venue: 'Aula Setda',
    trainers: 'Budi Santoso', s1_title: 'Tender cepat', s1_date: '2026-11-30', s1_start: '08:00', s1_end: '12:00', questionnaire: '' };
  await whileRetired('BTG-005', async () => {
    await refusedBoth('/trainings', plan, '/pelatihan/baru', form, 'Training SPSE untuk Pokja');
    assert.equal(count('SELECT count(*) FROM training'), 0);
  }, async () => {
    assert.equal((await api('POST', '/trainings', plan)).status, 201);
    assert.equal((await web.post('/pelatihan/baru', { csrf: web.csrf, ...form })).status, 303);
  });
});

test('OI-03/04/05 and BTG-019: each kind of account request is refused while its procedure is retired (API and page); restored, opened', async () => {
  const person = { name: 'Dewi Lestari', nip: '198203142006042002', email: 'dewi@batangkab.go.id', agency: 'Dinas Pendidikan',
    position: 'PPK Dinas Pendidikan', phone: '081311112222' };
  const kinds = [['OI-03', 'pokja'], ['OI-04', 'ppk'], ['OI-05', 'forgotten'], ['BTG-019', 'deactivate']];
  for (const [code, kind] of kinds) {
    const requests = count('SELECT count(*) FROM account_request');
    if (kind === 'deactivate') {   // an account of hers to take the access of (she is in the directory by now)
      const acc = await api('POST', '/accounts', { user_id: 'dewi.ppk', kind: 'ppk', holder: person.nip });
      assert.equal(acc.status, 201, acc.text);
    }
    const body = { kind, channel: 'letter', ...person, letter_no: `800/${code}/2026`, letter_date: '2026-11-12',
      ...(kind === 'deactivate' ? { user_id: 'dewi.ppk' } : {}), ...(kind === 'forgotten' ? { lookup: person.nip } : {}) };
    await whileRetired(code, async () => {
      await refusedBoth('/account-requests', body, '/permohonan-akun', body, 'Dewi Lestari');
      assert.equal(count('SELECT count(*) FROM account_request'), requests);
    }, async () => {
      const r = await api('POST', '/account-requests', body);
      assert.equal(r.status, 201, `${code}: ${r.text}`);
    });
  }
});

test('BTG-006: the bidding room refuses a provider reporting in while it is retired (API and page); restored, it is let in', async () => {
  const visitor = { name: 'Rudi Hartono', organisation: 'CV Jaya', npwp: '01.234.567.8-901.000' };
  await whileRetired('BTG-006', async () => {
    await refusedBoth('/bidding-room', visitor, '/ruang-bidding', visitor, 'Rudi Hartono');
    assert.equal(count('SELECT count(*) FROM bidding_visit'), 0);
  }, async () => {
    const r = await api('POST', '/bidding-room', visitor);
    assert.equal(r.status, 201, r.text);
  });
});

test('OI-06: the .rhs desk refuses a file while it is retired (API and page); restored, it opens', async () => {
  const body = { tender_code: '10012345', provider: 'PT Konstruksi Prima', requester: { name: 'Ketua Pokja 2', email: 'pokja2@example.go.id' } };
  await whileRetired('OI-06', async () => {
    await refusedBoth('/rhs', body, '/rhs', { tender_code: body.tender_code, provider: body.provider, 'requester.name': 'Ketua Pokja 2' },
      'PT Konstruksi Prima');
  }, async () => {
    const r = await api('POST', '/rhs', body);
    assert.equal(r.status, 201, r.text);
  });
});
