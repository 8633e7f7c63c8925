// Issue 5, .rhs bid files: an upload of 100 MB is streamed to the data folder, never whole in
// memory. The test sends the multipart body as a stream (chunked) and samples the server's
// resident memory (VmRSS of /proc/PID/status) meanwhile: it must stay flat (well under the
// file's size above where it started), and the file kept must have the size and SHA-256 sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, mkdtempSync, symlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, request, login } from './lib.mjs';

const MB = 1024 * 1024;

// The server's resident memory in bytes.
function rss(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(m[1]) * 1024;
}

// A multipart body with one file of `size` bytes, made as it is read; sha: the file's digest when done.
function multipart(size, name) {
  const boundary = '----loket' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n`
    + 'Content-Type: application/octet-stream\r\n\r\n');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(MB);
  let sent = 0, seed = 12345, done = false;
  const out = { boundary, sha: null };
  out.body = new ReadableStream({
    start(c) { c.enqueue(head); },
    pull(c) {
      if (done) return;
      if (sent >= size) { out.sha = hash.digest('hex'); c.enqueue(tail); c.close(); done = true; return; }
      const n = Math.min(MB, size - sent);
      for (let i = 0; i < n; i += 4) { seed = (seed * 1103515245 + 12345) >>> 0; chunk.writeUInt32LE(seed, i); }
      const piece = Buffer.from(chunk.subarray(0, n));
      hash.update(piece);
      sent += n;
      c.enqueue(piece);
    },
  });
  return out;
}

async function rhsCase(srv, token) {
  const r = await request(srv.url, 'POST', '/api/v1/rhs', { token, body: { tender_code: '88001', provider: 'PT Besar', requester: { name: 'Pokja 1' } } });
  assert.equal(r.status, 201, r.text);
  return r.json.case.number;
}

test('a 100 MB .rhs upload is streamed to disk: the server\'s memory stays flat, the file is kept whole', async (t) => {
  const srv = await startServer();
  try {
    const token = await login(srv.url);
    const number = await rhsCase(srv, token);
    const pid = srv.proc.pid;
    const base = rss(pid);
    let peak = base;
    const timer = setInterval(() => { try { peak = Math.max(peak, rss(pid)); } catch { /* gone */ } }, 25);
    const size = 100 * MB;
    const mp = multipart(size, 'penawaran-besar.rhs');
    const res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, {
      method: 'POST', duplex: 'half', body: mp.body,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${mp.boundary}` },
    });
    const j = await res.json();
    clearInterval(timer);
    peak = Math.max(peak, rss(pid));
    assert.equal(res.status, 201, JSON.stringify(j));
    assert.equal(j.size, size);
    assert.equal(j.sha256, mp.sha);
    const grew = peak - base;
    t.diagnostic(`RSS ${(base / MB).toFixed(1)} MB before, ${(peak / MB).toFixed(1)} MB at most during the upload`);
    assert.ok(grew < 24 * MB, `the server grew by ${(grew / MB).toFixed(1)} MB during a 100 MB upload (from ${(base / MB).toFixed(1)} MB)`);
    const dir = join(srv.dir, 'rhs', '1');
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.equal(statSync(join(dir, files[0])).size, size);
    assert.ok(files[0].includes(mp.sha));
    assert.deepEqual(readdirSync(join(srv.dir, 'tmp')), []);    // nothing left behind
    const x = await request(srv.url, 'GET', `/api/v1/rhs/${number}`, { token });
    assert.equal(x.json.case.current_step, 2);                 // the upload completed step 1
    // the file comes back as it went, sent from the disk: the memory stays flat again
    const before = rss(pid);
    let peak2 = before;
    const timer2 = setInterval(() => { try { peak2 = Math.max(peak2, rss(pid)); } catch { /* gone */ } }, 25);
    const dl = await fetch(`${srv.url}/api/v1/rhs/${number}/files/${j.id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(dl.status, 200);
    assert.match(dl.headers.get('content-disposition'), /penawaran-besar\.rhs/);
    const back = createHash('sha256');
    let got = 0;
    for await (const piece of dl.body) { back.update(piece); got += piece.length; }
    clearInterval(timer2);
    assert.equal(got, size);
    assert.equal(back.digest('hex'), mp.sha);
    assert.ok(peak2 - before < 24 * MB, `the server grew by ${((peak2 - before) / MB).toFixed(1)} MB sending the file`);
  } finally {
    await srv.stop();
  }
});

test('an upload over bid_file_limit is refused (413) and leaves no file; without a session nothing is written', async () => {
  const srv = await startServer({ conf: 'bid_file_limit = 1M\n' });
  try {
    const token = await login(srv.url);
    const number = await rhsCase(srv, token);
    let mp = multipart(2 * MB, 'besar.rhs');
    let res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, {
      method: 'POST', duplex: 'half', body: mp.body,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${mp.boundary}` },
    });
    assert.equal(res.status, 413);
    mp = multipart(64 * 1024, 'kecil.rhs');
    res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, {
      method: 'POST', duplex: 'half', body: mp.body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${mp.boundary}` },
    });
    assert.equal(res.status, 401);
    // the refused upload's file goes when its request ends, which may be just after the answer
    // was sent: look again for a while on a loaded machine
    let tmp = [];
    for (let i = 0; i < 40; i++) {
      try { tmp = readdirSync(join(srv.dir, 'tmp')); } catch { tmp = []; /* never made */ }
      if (tmp.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(tmp, []);
    let kept = [];
    try { kept = readdirSync(join(srv.dir, 'rhs')); } catch { /* never made */ }
    assert.deepEqual(kept, []);
  } finally {
    await srv.stop();
  }
});

// docs/deploy.md: on several nodes rhs/ is one shared folder (NFS or the like) mounted in each
// data folder, another file system than tmp/ where an upload is received: the file is copied
// across (rename() cannot), kept whole, and nothing is left in tmp/. Here rhs/ is a symlink to
// a folder in /dev/shm (a tmpfs) when that is another file system than the data folder's.
test('rhs/ on another file system than the data folder (a shared mount): the upload is kept there whole', async (t) => {
  let shared;
  try { shared = mkdtempSync('/dev/shm/loket-rhs-'); } catch { t.skip('no /dev/shm'); return; }
  const srv = await startServer();
  try {
    if (statSync(shared).dev === statSync(srv.dir).dev) { t.skip('/dev/shm is on the data folder\'s file system'); return; }
    symlinkSync(shared, join(srv.dir, 'rhs'));
    const token = await login(srv.url);
    const number = await rhsCase(srv, token);
    const size = 3 * MB + 17;
    const mp = multipart(size, 'bersama.rhs');
    const res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, {
      method: 'POST', duplex: 'half', body: mp.body,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${mp.boundary}` },
    });
    const j = await res.json();
    assert.equal(res.status, 201, JSON.stringify(j));
    assert.equal(j.sha256, mp.sha);
    const files = readdirSync(join(shared, '1'));
    assert.deepEqual(files, [files.find((f) => f.endsWith(`-${mp.sha}.rhs`))], 'one file, no .part left');
    assert.equal(statSync(join(shared, '1', files[0])).size, size);
    assert.deepEqual(readdirSync(join(srv.dir, 'tmp')), []);
    const dl = await fetch(`${srv.url}/api/v1/rhs/${number}/files/${j.id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(dl.status, 200);
    assert.equal(createHash('sha256').update(Buffer.from(await dl.arrayBuffer())).digest('hex'), mp.sha);
  } finally {
    await srv.stop();
    rmSync(shared, { recursive: true, force: true });
  }
});

test('a bid file over bid_file_limit is 413 naming file and the file\'s own limit, sent with its length or without; the page tells it and leads back to the file\'s form', async () => {
  const srv = await startServer({ conf: 'bid_file_limit = 1M\n' });
  try {
    const token = await login(srv.url);
    const number = await rhsCase(srv, token);
    const big = new Uint8Array(3 * MB).fill(9);
    // with Content-Length (as a browser sends it): refused before the body is read
    const fd = new FormData();
    fd.append('file', new Blob([big]), 'besar.rhs');
    let res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: fd });
    assert.equal(res.status, 413);
    let j = await res.json();
    assert.equal(j.error.field, 'file');
    assert.match(j.error.message, /\b1 MiB\b/);
    // streamed without a length: refused as the file passes the limit, said the same way
    const mp = multipart(2 * MB, 'besar.rhs');
    res = await fetch(`${srv.url}/api/v1/rhs/${number}/files`, {
      method: 'POST', duplex: 'half', body: mp.body,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${mp.boundary}` },
    });
    assert.equal(res.status, 413);
    j = await res.json();
    assert.equal(j.error.field, 'file');
    assert.match(j.error.message, /\b1 MiB\b/);
    // the page: signed in through the form, the file sent from the .rhs page
    const { webSession } = await import('./lib.mjs');
    const web = await webSession(srv.url);
    const page = new FormData();
    page.append('csrf', web.csrf);
    page.append('file', new Blob([big]), 'besar.rhs');
    res = await fetch(`${srv.url}/rhs/${number}/berkas`, { method: 'POST', redirect: 'manual', headers: { Cookie: web.cookie(), Origin: srv.url }, body: page });
    assert.equal(res.status, 413);
    const html = await res.text();
    assert.match(html, /Berkas terlalu besar \(paling besar 1 MiB\)/);
    assert.ok(html.includes(`<a href="/rhs/${number}">Kembali ke formulir</a>`), html.slice(0, 3000));
  } finally {
    await srv.stop();
  }
});
