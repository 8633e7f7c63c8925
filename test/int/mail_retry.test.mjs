// A relay that stays down, or refuses, longer than mail_max_attempts' tries: the messages are
// `failed`, and `loket mail retry` queues them again once it is mended; each arrives once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { initData, startServer, cli, sqlite, sleep, freePort, waitFor, smtpSink } from './lib.mjs';

// The outbox: [[id, status, attempts]].
function outbox(dir) {
  const r = sqlite(join(dir, 'loket.db'), 'SELECT id, status, attempts FROM outbox ORDER BY id');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => l.split('|').map((v, i) => (i === 1 ? v : +v)));
}

test('messages failed while the relay was down are queued again by `loket mail retry` and arrive once; its slips are usage errors',
  { timeout: 60000 }, async () => {
    const port = await freePort();
    const dir = initData();
    const conf = `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket <loket@lpse.test>\n`
      + 'mail_retry_base_seconds = 1\nmail_retry_max_seconds = 1\nmail_poll_seconds = 1\nmail_max_attempts = 2\n';
    for (const a of ['satu@contoh.co.id', 'dua@contoh.co.id', 'tiga@contoh.co.id']) assert.equal(cli(['mail', 'test', a, '--data', dir]).status, 0);
    let s = await startServer({ dir, conf });
    let r;
    try {
      // the relay is down: two tries each, then failed (and audited so)
      await waitFor(() => outbox(dir).every((m) => m[1] === 'failed'), 20000);
      assert.deepEqual(outbox(dir), [[1, 'failed', 2], [2, 'failed', 2], [3, 'failed', 2]]);
      assert.equal(sqlite(join(dir, 'loket.db'), "SELECT count(*) FROM audit WHERE action='mail.failed'").stdout.trim(), '3');
      await s.stop({ keep: true });
      s = null;

      // slips: nothing queued again, exit 2 (usage) or 1 (a message that cannot be retried)
      const slip = (args, code, re) => {
        const x = cli(['mail', 'retry', ...args, '--data', dir]);
        assert.equal(x.status, code, `${args}: ${x.stderr}`);
        assert.match(x.stderr, re);
        assert.equal(x.stdout, '');
      };
      slip([], 2, /give the number of a failed message/);
      slip(['abc'], 2, /abc is not a message's number/);
      slip(['0'], 2, /0 is not a message's number/);
      slip(['-1'], 2, /not a message's number|unknown option/);
      slip(['2x'], 2, /2x is not a message's number/);
      slip(['99'], 1, /outbox\/99: No such message in the outbox/);
      assert.deepEqual(outbox(dir).map((m) => m[1]), ['failed', 'failed', 'failed']);

      // one by its number (as the log names it too), then the rest
      r = cli(['mail', 'retry', 'outbox/2', '--data', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Queued again 1 message/);
      assert.deepEqual(outbox(dir), [[1, 'failed', 2], [2, 'queued', 0], [3, 'failed', 2]]);
      slip(['2'], 1, /outbox\/2: This message is still queued/);
      r = cli(['mail', 'retry', 'failed', '--data', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Queued again 2 message/);
      assert.deepEqual(outbox(dir).map((m) => m.slice(1)), [['queued', 0], ['queued', 0], ['queued', 0]]);
      assert.equal(sqlite(join(dir, 'loket.db'), "SELECT group_concat(object, ' ') FROM audit WHERE action='mail.retry' AND actor='cli'").stdout.trim(),
        'outbox/2 outbox/1 outbox/3');
      assert.match(cli(['audit', 'verify', '--data', dir]).stdout, /intact/);
      r = cli(['mail', 'retry', 'failed', '--data', dir]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /No failed message/);

      // the relay mended: each sent once
      const smtp = await smtpSink({ port });
      try {
        s = await startServer({ dir, conf });
        await waitFor(() => outbox(dir).every((m) => m[1] === 'sent'), 15000);
        await sleep(2500);
        assert.equal(smtp.got.length, 3);
        assert.deepEqual(smtp.got.map((m) => m.match(/^To: (.*)$/m)[1]).sort(), ['dua@contoh.co.id', 'satu@contoh.co.id', 'tiga@contoh.co.id']);
        slip(['1'], 1, /outbox\/1: This message was sent already/);
      } finally { await smtp.stop(); }
    } finally {
      if (s) await s.stop({ keep: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('a relay that refuses a recipient or a message for good (5xx) fails it at once; a 4xx, or a 5xx to the sender (a setting), is tried again; its own words are the last error `loket mail list` shows', { timeout: 30000 }, async () => {
  const port = await freePort();
  const dir = initData();
  let n = 0;
  const smtp = await smtpSink({
    port,
    rcpt: (l) => (/satu/.test(l) ? '550 5.1.1 <satu@contoh.co.id>: no such user' : /dua/.test(l) ? '451 4.7.1 greylisted, try later' : '250 ok'),
    // the message to empat@ is refused after its data, for good
    onData: async (k, to) => (/empat/.test(to) ? '554 5.7.1 message refused as spam' : true),
    mailFrom: () => (n++ < 1 ? '553 5.7.1 sender not allowed here' : '250 ok'),
  });
  const conf = `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket <loket@lpse.test>\n`
    + 'mail_retry_base_seconds = 1\nmail_retry_max_seconds = 1\nmail_poll_seconds = 1\nmail_max_attempts = 3\n';
  for (const a of ['tiga@contoh.co.id', 'satu@contoh.co.id', 'dua@contoh.co.id', 'empat@contoh.co.id']) assert.equal(cli(['mail', 'test', a, '--data', dir]).status, 0);
  const s = await startServer({ dir, conf });
  try {
    await waitFor(() => outbox(dir).every((m) => m[1] !== 'queued'), 20000);
    // tiga: the sender refused once (a setting: tried again), then sent; satu and empat: refused for
    // good, one attempt; dua: greylisted every time, failed after mail_max_attempts
    assert.deepEqual(outbox(dir), [[1, 'sent', 2], [2, 'failed', 1], [3, 'failed', 3], [4, 'failed', 1]]);
    const list = JSON.parse(cli(['mail', 'list', '--json', '--data', dir]).stdout);
    const err = Object.fromEntries(list.map((m) => [m.to, m.last_error]));
    assert.match(err['satu@contoh.co.id'], /550 5\.1\.1 <satu@contoh\.co\.id>: no such user.*not tried again: the relay refuses it for good/);
    assert.match(err['dua@contoh.co.id'], /451 4\.7\.1 greylisted, try later/);
    assert.doesNotMatch(err['dua@contoh.co.id'], /not tried again/);
    assert.match(err['empat@contoh.co.id'], /554 5\.7\.1 message refused as spam.*not tried again/);
    assert.equal(err['tiga@contoh.co.id'], '');
    assert.equal(smtp.got.length, 1);
    assert.equal(sqlite(join(dir, 'loket.db'), "SELECT group_concat(object, ' ') FROM audit WHERE action='mail.failed'").stdout.trim(),
      'outbox/2 outbox/4 outbox/3');
  } finally {
    await s.stop();
    await smtp.stop();
  }
});

test('a password (smtp_user, or user:password@ in smtp_url) is not sent to a relay without STARTTLS: the message waits, saying why', { timeout: 30000 }, async () => {
  const port = await freePort();
  const smtp = await smtpSink({ port });
  const base = `smtp_from = Loket <loket@lpse.test>\nmail_retry_base_seconds = 1\nmail_retry_max_seconds = 1\nmail_poll_seconds = 1\nmail_max_attempts = 100\n`;
  try {
    for (const conf of [`smtp_url = smtp://127.0.0.1:${port}\nsmtp_user = loket\nsmtp_password = rahasia-relay\n`,
      `smtp_url = smtp://loket:rahasia-relay@127.0.0.1:${port}\n`]) {
      const dir = initData();
      assert.equal(cli(['mail', 'test', 'satu@contoh.co.id', '--data', dir]).status, 0);
      const s = await startServer({ dir, conf: conf + base });
      try {
        await waitFor(() => outbox(dir)[0][2] >= 1, 10000);
        const [m] = JSON.parse(cli(['mail', 'list', '--json', '--data', dir]).stdout);
        assert.equal(m.status, 'queued');
        assert.match(m.last_error, /the relay offers no STARTTLS, and the SMTP password is sent only over TLS/);
        assert.doesNotMatch(m.last_error, /rahasia/);
      } finally { await s.stop(); }
    }
    assert.equal(smtp.got.length, 0);
  } finally { await smtp.stop(); }
});

test('a message the relay took but whose answer was lost is sent again under the same Message-ID, so mail programs keep it once', { timeout: 30000 }, async () => {
  const port = await freePort();
  const dir = initData();
  const seen = [];
  // the first message's final dot: the relay keeps it, then the line drops before its 250
  const smtp = await smtpSink({ port, onData: async (k, to, m) => { seen.push(m); return k > 1; } });
  const conf = `smtp_url = smtp://127.0.0.1:${port}\nsmtp_from = Loket <loket@lpse.test>\n`
    + 'mail_retry_base_seconds = 1\nmail_retry_max_seconds = 1\nmail_poll_seconds = 1\n';
  assert.equal(cli(['mail', 'test', 'satu@contoh.co.id', '--data', dir]).status, 0);
  const s = await startServer({ dir, conf });
  try {
    await waitFor(() => outbox(dir)[0][1] === 'sent', 20000);
    assert.deepEqual(outbox(dir), [[1, 'sent', 2]]);
    assert.equal(seen.length, 2);
    const ids = seen.map((m) => m.match(/^Message-ID: (.*)$/m)[1]);
    assert.match(ids[0], /^<loket\.1\.[0-9a-f]{16}@lpse\.test>$/);
    assert.equal(ids[1], ids[0]);
    assert.equal(seen[1], seen[0]);   // the same message, byte for byte (its Date too)
  } finally {
    await s.stop();
    await smtp.stop();
  }
});
