// The head's monthly mail, the dashboard and the compliance report count the steps done one way
// (CASE_SQL_STEP_DONE): a training's preparation (SOP-LPSE.BTG-005 step 2) is ONE step done once
// its four items are ticked, not four; the items are timed each against its own deadline (the
// SOP's measure: met or breached per item). Worked by hand, June 2026 (WIB):
//   a training on Monday 13 July, planned Monday 1 June: step 1 done at its approval; its four
//     items (attendance, the room, the trainers, the materials) ticked on Wednesday 3 June
//     10.00, every one before its deadline (7, 7, 5 and 2 working days before 13 July): met;
//     the last one ticked completes step 2. Steps done 2, timed 4 (the items), met 4.
//   a phone case (SOP-LPSE.BTG-017) opened 3 June 10.05: steps 1 (no standard), 2 (10 s real)
//     and 3 (2 office minutes) done at once. Steps done 3, timed 2, met 2.
// June: cases 2, steps done 5, timed 6, met 6. The mail for June goes out on Wednesday 1 July
// (its first working day) through a real SMTP exchange (smtpSink), and says the same numbers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frozenServer, smtpSink, cli, sqlite, waitFor } from './lib.mjs';

const TRAINING = 'SOP-LPSE.BTG-005';
const PHONE = 'SOP-LPSE.BTG-017';
const HEAD = 'kepala@lpse-uji.go.id';
let sink = null, f = null;
after(async () => { if (f) await f.stop(); if (sink) await sink.stop(); });

// A message as sent (quoted-printable, CRLF turned to LF by the sink), decoded to its text.
function decode(raw) {
  const [head, ...rest] = raw.split('\n\n');
  const qp = rest.join('\n\n').replace(/=\n/g, '');
  const bytes = [];
  for (let i = 0; i < qp.length; i++) {
    if (qp[i] === '=' && /^[0-9A-F]{2}$/.test(qp.slice(i + 1, i + 3))) { bytes.push(parseInt(qp.slice(i + 1, i + 3), 16)); i += 2; }
    else bytes.push(...Buffer.from(qp[i], 'utf8'));
  }
  return { head, body: Buffer.from(bytes).toString('utf8') };
}

test('a training with its four items and step 2 done counts one step-2 record: mail, dashboard and report agree', async () => {
  sink = await smtpSink();
  f = frozenServer({ conf: `smtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_from = loket@lpse.test\nmail_poll_seconds = 1\n` });
  await f.serveAt('2026-06-01T09:00:00+07:00');
  const u = cli(['user', 'add', 'kepala', '--data', f.dir, '--role', 'ketua', '--name', 'Ibu Kepala', '--email', HEAD],
    { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(u.status, 0, u.stderr);
  const t = await f.api('POST', '/api/v1/trainings', { title: 'Pelatihan SPSE bagi PPK', audience: ['ppk'], capacity: 10,
    venue: 'Ruang pelatihan LPSE', facilities: ['Ruang pelatihan'], trainers: ['Budi Santoso'],
    sessions: [{ title: 'Hari pertama', starts_at: '2026-07-13 08:00', ends_at: '2026-07-13 12:00' }] });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.json.checklist.length, 4);
  assert.equal((await f.api('POST', `/api/v1/trainings/${t.json.id}/approve`)).status, 200);   // step 1 done

  await f.serveAt('2026-06-03T10:00:00+07:00');
  for (let i = 1; i <= 4; i++) {
    const r = await f.api('POST', `/api/v1/trainings/${t.json.id}/checklist/${i}`, { done: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.checklist[i - 1].met, true);
  }
  const kase = (await f.api('GET', `/api/v1/cases/${encodeURIComponent(t.json.number)}`)).json;
  assert.deepEqual(kase.steps.filter((s) => s.done_at).map((s) => [s.no, s.outcome]), [[1, 'done'], [2, 'done']]);

  await f.serveAt('2026-06-03T10:05:00+07:00');
  const p = await f.api('POST', '/api/v1/cases', { sop: PHONE, channel: 'phone', subject: 'Lupa kata sandi',
    requester: { name: 'Rina Wulandari', phone: '081311112222' } });
  assert.equal(p.status, 201, p.text);
  for (const no of [1, 2, 3]) {
    const r = await f.api('POST', `/api/v1/cases/${encodeURIComponent(p.json.number)}/steps/${no}`, { outcome: 'done' });
    assert.equal(r.status, 200, r.text);
  }

  // the compliance report of June: step 2 of the training is one step done, its items timed beside it
  await f.serveAt('2026-06-30T15:00:00+07:00');
  const rep = (await f.api('GET', '/api/v1/reports/compliance?from=2026-06-01&to=2026-06-30')).json;
  const row = (sop, no) => rep.rows.find((w) => w.sop === sop && w.step === no);
  assert.deepEqual([row(TRAINING, 2).done, row(TRAINING, 2).items_done, row(TRAINING, 2).timed, row(TRAINING, 2).met, row(TRAINING, 2).counts],
    [1, 4, 4, 4, 'items']);
  assert.equal(row(TRAINING, 3), undefined);   // held in July
  assert.deepEqual([row(TRAINING, 1).done, row(PHONE, 1).done, row(PHONE, 2).done, row(PHONE, 3).done], [1, 1, 1, 1]);
  assert.deepEqual(rep.total, { cases: 2, done: 5, timed: 6, met: 6, share: 100, breaches: 0 });
  // the dashboard of June says the same: the office's and the admin's (who did every step)
  const dash = (await f.api('GET', '/api/v1/reports/dashboard')).json;
  assert.deepEqual([dash.office.done_this_month, dash.office.this_month.timed, dash.office.this_month.met, dash.office.breaches_this_month],
    [5, 6, 6, 0]);
  assert.deepEqual([dash.mine.done_this_month, dash.mine.timed_this_month, dash.mine.met_this_month], [5, 6, 6]);
  const dashPage = await f.api('GET', '/laporan');
  assert.match(dashPage.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '), / Langkah selesai bulan ini 5 /);
  // the page's row: the step once, its four items beside it
  const page = await f.api('GET', `/laporan/kepatuhan?from=2026-06-01&to=2026-06-30&sop=${TRAINING}&step=2`);
  assert.match(page.text, /<td class="num">1<\/td><td class="num">1 <span class="muted">· 4 butir persiapan<\/span><\/td>/);

  // the mail for June on Wednesday 1 July, delivered through SMTP
  await f.serveAt('2026-07-01T09:00:00+07:00');
  const subject = 'Laporan kepatuhan bulanan Juni 2026';
  await waitFor(() => sink.got.some((m) => decode(m).head.includes(HEAD)), 20000);
  const sent = sink.got.map(decode).filter((m) => m.head.includes(HEAD));
  assert.equal(sent.length, 1, sent.map((m) => m.head).join('\n----\n'));
  const mail = sent[0].body;
  const queued = sqlite(join(f.dir, 'loket.db'), `SELECT subject FROM outbox WHERE to_addr='${HEAD}'`).stdout.trim();
  assert.ok(queued.startsWith(subject), queued);
  assert.match(mail, /Kasus yang dikerjakan: +2\n/);
  assert.match(mail, /Langkah yang selesai: +5\n/);
  assert.match(mail, /\nLangkah dan butir persiapan berstandar waktu: +6\n/);
  assert.match(mail, / {2}selesai dalam standar waktu: +6 \(100,0 %\)\n/);
  assert.match(mail, /Persiapan\npelatihan \(langkah 2\) dihitung satu langkah yang selesai/);
  assert.ok(mail.includes('- SOP-LPSE.BTG-005 langkah 2 (butir persiapan): 4/4 (100,0 %)'), mail);
  assert.match(mail, /Pelanggaran \(melewati standar \+ lewat batas waktu\): 0\n/);
});
