// An office upgrading Loket: a database an older loket wrote through its own API
// (test/fixtures/upgrade-COMMIT.db.gz, made by scripts/upgrade-fixture.mjs, with what that loket
// answered about it in upgrade-COMMIT.json) served by this binary. The migrations apply, the
// audit chain verifies, every case, note, attachment, register entry, user, holiday, KB article,
// training and verification reads as it did, an old API session and old passwords sign in, and
// numbering runs on without a gap or a repeat, old cases keeping their procedure's revision.
// On PostgreSQL (LOKET_TEST_DB): the old SQLite file is moved up with `loket migrate` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, BIN, PG, cli, pgFreshDb, startServer, request, login } from './lib.mjs';

const FIX = join(ROOT, 'test/fixtures');
const fixtures = readdirSync(FIX).filter((f) => /^upgrade-\w+\.db\.gz$/.test(f)).map((f) => f.replace(/\.db\.gz$/, ''));
// UPGRADE_FOLDER=DIR:JSON: instead, a data folder an older loket left (on PostgreSQL, say: the
// script's FIXTURE_DB), served in place, and what it answered
const folder = process.env.UPGRADE_FOLDER && process.env.UPGRADE_FOLDER.split(':');
if (folder) fixtures.splice(0, fixtures.length, folder[0]);

// old ⊆ now: every member the old answer had, with the same value (new members may be added)
function within(old, now, path = '') {
  if (old === null || typeof old !== 'object') { assert.deepEqual(now, old, `${path}: was ${JSON.stringify(old)}, now ${JSON.stringify(now)}`); return; }
  assert.ok(now !== null && typeof now === 'object', `${path}: was ${JSON.stringify(old).slice(0, 80)}, now ${JSON.stringify(now)}`);
  if (Array.isArray(old)) {
    assert.ok(Array.isArray(now), `${path}: not a list now`);
    assert.equal(now.length, old.length, `${path}: ${old.length} items before, ${now.length} now`);
    old.forEach((x, i) => within(x, now[i], `${path}[${i}]`));
    return;
  }
  for (const k of Object.keys(old)) within(old[k], now[k], `${path}.${k}`);
}

const seq = (n) => Number(String(n).split('-').pop());
const LATER = (now) => new Date(Date.parse(now) + 10 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');   // within the session's idle time

for (const name of fixtures) {
  test(`upgrade from ${name}: migrations, audit chain, old data as it was, sessions, numbering`, { timeout: 120000 }, async () => {
    const snap = JSON.parse(readFileSync(folder ? folder[1] : join(FIX, `${name}.json`), 'utf8'));
    const dir = folder ? folder[0] : mkdtempSync(join(tmpdir(), 'loket-upgrade-'));
    if (!folder) writeFileSync(join(dir, 'loket.db'), gunzipSync(readFileSync(join(FIX, `${name}.db.gz`))));
    const env = { LOKET_TEST_NOW: LATER(snap.now) };
    let s;
    try {
      // the old chain verifies as the old loket left it (read-only: no migration yet)
      // a command that only reads refuses the old schema, naming it (docs/deploy.md, Restore)
      let v = cli(['audit', 'verify', '--data', dir]);
      if (!folder) {
        assert.equal(v.status, 1, v.stdout);
        assert.match(v.stderr, /the database is at schema \d+ of \d+, older than this loket/);
      }
      if (PG && !folder) {
        // migrate takes a database at this loket's schema: it says to run `loket init` first
        let r = cli(['migrate', '--from', dir, '--to', pgFreshDb()]);
        assert.equal(r.status, 1);
        assert.match(r.stderr, /the source is at schema \d+ of \d+: run this loket once on it first \(`loket init --data DIR`/);
        r = spawnSync(BIN, ['init', '--data', dir], { encoding: 'utf8', env: { ...process.env, ...env } });   // not lib's cli(): it gives init a fresh PostgreSQL database
        assert.equal(r.status, 0, `init on the old folder: ${r.stderr}`);
        const to = pgFreshDb();
        r = cli(['migrate', '--from', dir, '--to', to]);
        assert.equal(r.status, 0, `migrate: ${r.stderr}`);
        assert.match(r.stdout + r.stderr, /db = postgres/, 'migrate says which line to put into loket.conf');
        const conf = join(dir, 'loket.conf');
        writeFileSync(conf, `${existsSync(conf) ? readFileSync(conf, 'utf8') : ''}\ndb = ${to}\n`);
      }
      // the searches by their trigram indexes, which the migrations made of the old rows (0040, 0050, 0053)
      s = await startServer({ dir, env: { ...env, LOKET_TEST_CASE_WINDOW: '1', LOKET_TEST_PARTY_WINDOW: '0' } });
      const admin = await login(s.url, 'admin', snap.admin_password);
      const get = async (path, token = admin) => {
        const r = await request(s.url, 'GET', path, { token });
        assert.equal(r.status, 200, `GET ${path}: ${r.status} ${r.text.slice(0, 200)}`);
        return r.json;
      };

      // the old session goes on; the old passwords sign in
      const me = await get('/api/v1/me', snap.sari_token);
      assert.equal(me.username, 'sari');
      await login(s.url, 'sari', snap.sari_password);

      // every case, its notes and files as they were
      for (const [number, old] of Object.entries(snap.cases)) {
        within(old.case, await get(`/api/v1/cases/${number}`), number);
        within(old.notes, await get(`/api/v1/cases/${number}/notes`), `${number} notes`);
        within(old.attachments, await get(`/api/v1/cases/${number}/attachments`), `${number} attachments`);
        for (const a of old.attachments.attachments) {
          const r = await fetch(`${s.url}/api/v1/cases/${number}/attachments/${a.id}`, { headers: { Authorization: `Bearer ${admin}` } });
          assert.equal(r.status, 200);
          assert.equal(createHash('sha256').update(Buffer.from(await r.arrayBuffer())).digest('hex'), a.sha256, `${number} file ${a.id}`);
        }
      }
      within(snap.case_list, await get('/api/v1/cases?limit=500'), 'case list');
      // an old name found as written otherwise than stored (0053: one fold, the index's text and q alike)
      const sinar = snap.case_list.cases.find((x) => /PT Sinar Abadi/.test(x.subject || ''));
      if (sinar) {
        const q = encodeURIComponent('P.T. Sinar-Abadi');
        assert.ok((await get(`/api/v1/directory?q=${q}`)).entries.some((e) => e.name === 'PT Sinar Abadi'), 'directory');
        assert.ok((await get(`/api/v1/cases?q=${q}`)).cases.some((x) => x.number === sinar.number), 'case list');
      }
      for (const [reg, old] of Object.entries(snap.registers)) within(old, await get(`/api/v1/registers/${reg}`), `register ${reg}`);
      within(snap.users, await get('/api/v1/users'), 'users');
      within(snap.calendar, await get('/api/v1/calendar'), 'calendar');
      within(snap.kb, await get(`/api/v1/kb/${snap.kb.id}`), 'kb');
      within(snap.kb_revisions, await get(`/api/v1/kb/${snap.kb.id}/revisions`), 'kb revisions');
      if (snap.trainings) within(snap.trainings, await get('/api/v1/trainings'), 'trainings');
      if (snap.verifications) within(snap.verifications, await get('/api/v1/verifications'), 'verifications');
      // the audit rows the old loket wrote read as they did (newest first: the old ones last)
      const audit = await get('/api/v1/audit?limit=500');
      const oldRows = snap.audit.entries || snap.audit.rows || snap.audit.audit;
      const nowRows = audit.entries || audit.rows || audit.audit;
      assert.ok(Array.isArray(oldRows) && Array.isArray(nowRows), 'audit lists');
      within(oldRows, nowRows.slice(nowRows.length - oldRows.length), 'audit');

      // numbering runs on: the next number after the highest the old loket gave (cases,
      // trainings and verifications share it), none reused
      const used = new Set([...snap.case_list.cases.map((c) => c.number)]);
      const top = Math.max(...[...used].map(seq));
      const old0 = Object.values(snap.cases)[0].case;
      const c = await request(s.url, 'POST', '/api/v1/cases', { token: admin, body: {
        sop: old0.sop, channel: 'phone', subject: 'Setelah pembaruan', requester: { name: 'Pemohon Baru', email: 'baru@example.com' } } });
      assert.equal(c.status, 201, c.text);
      assert.ok(!used.has(c.json.number), `${c.json.number} was the old loket's`);
      assert.equal(seq(c.json.number), top + 1, `${c.json.number} after ${top}`);
      // an old case walks on under the revision it started with
      const open = Object.values(snap.cases).map((x) => x.case).find((x) => x.status === 'open' && !x.steps[x.steps.length - 1].decision);
      if (open) {
        const r = await request(s.url, 'POST', `/api/v1/cases/${open.number}/notes`, { token: admin, body: { body: 'Catatan setelah pembaruan' } });
        assert.equal(r.status, 201, r.text);
        const now = await get(`/api/v1/cases/${open.number}`);
        assert.equal(now.revision_no, open.revision_no);
        assert.equal(now.sop, open.sop);
      }
      await s.stop({ keep: true });
      s = null;
      v = cli(['audit', 'verify', '--data', dir]);
      assert.equal(v.status, 0, `audit verify after the upgrade: ${v.stdout}${v.stderr}`);
      // the chain runs on from the old head
      const head = (snap.audit_verify.match(/hash ([0-9a-f]{16,})/) || [])[1];
      assert.ok(head, snap.audit_verify);
      v = cli(['audit', 'verify', '--head', head, '--data', dir]);
      assert.equal(v.status, 0, `the old head is still in the chain: ${v.stdout}${v.stderr}`);
    } finally {
      if (s) await s.stop({ keep: true }).catch(() => {});
      if (!folder) rmSync(dir, { recursive: true, force: true });   // lib drops the test's PostgreSQL databases at its exit
    }
  });
}

test('there is an upgrade fixture', () => { assert.ok(fixtures.length >= 1, fixtures.join(' ')); });
