// The `loket` command line: help, init (twice, generated password), user
// administration, and an online backup taken while the server is busy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, mkdtempSync, mkdirSync, copyFileSync, rmSync, writeFileSync, statSync, chmodSync, readFileSync, utimesSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import {
  cli, cliAsync, initData, startServer, request, login, addUser, sqlite, ADMIN_PASSWORD, PG, PG_ADMIN, confDb, BIN, psql, ROOT, webSession,
} from './lib.mjs';

// The data folder may also come from LOKET_DATA; these tests name it with --data
// (and test its absence), so an outer LOKET_DATA must not leak in.
delete process.env.LOKET_DATA;

const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

const userList = (dir) => {
  const r = cli(['user', 'list', '--json', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};
const auditRows = (dir) => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/audit log intact: (\d+) rows/);
  assert.ok(m, `audit verify said: ${r.stdout}`);
  return Number(m[1]);
};

test('loket --help lists the commands and exits 0', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: loket COMMAND/);
  for (const c of ['init', 'serve', 'user', 'audit', 'backup', 'version']) assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'));
});

for (const c of ['init', 'serve', 'user', 'audit', 'backup', 'version']) {
  test(`loket ${c} --help shows its usage and exits 0`, () => {
    const r = cli([c, '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`usage: loket ${c}\\b`), `stdout was: ${JSON.stringify(r.stdout)}`);
  });
}

test('an unknown command exits 2 and says so on stderr', () => {
  const r = cli(['frobnicate']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
  assert.equal(r.stdout, '');
});

test('help on a command there is not exits 2 and says so, as the command itself does', () => {
  const r = cli(['help', 'frobnicate']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
  assert.equal(r.stdout, '');
  assert.equal(cli(['help', 'user']).status, 0);
});

test('init takes the admin password from standard input with --password-stdin, as its help says', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'loket-cli-')), 'd');
  cleanup.push(dir);
  assert.match(cli(['init', '--help']).stdout, /--password-stdin/);
  const r = cli(['init', '--data', dir, '--password-stdin'], { input: 'Dari-stdin-2026\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('Dari-stdin-2026'), 'a password given is not printed');
  const s = await startServer({ dir });
  try {
    assert.ok(await login(s.url, 'admin', 'Dari-stdin-2026'), 'the admin signs in with it');
  } finally { await s.stop(); }
});

test('init twice on the same folder: the second run changes nothing', () => {
  const dir = initData();
  cleanup.push(dir);
  const users0 = userList(dir), rows0 = auditRows(dir);
  assert.deepEqual(users0.map((u) => u.username), ['admin']);
  // a different password the second time: it must not be applied
  const r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: 'Another-password-99' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /already initialised.*nothing changed/);
  assert.deepEqual(userList(dir), users0);
  assert.equal(auditRows(dir), rows0);
  // options it cannot apply there are each named, with the command that does it; the same office's code is no change
  const o = cli(['init', '--data', dir, '--office', 'LAIN', '--office-name', 'LPSE Lain', '--tz', 'WITA', '--password-stdin'], { input: 'Another-password-99\n' });
  assert.equal(o.status, 0, o.stderr);
  assert.equal(o.stdout, `Loket data folder ${dir} is already initialised (office LPSE); nothing changed.\n`
    + `  --office LAIN: not applied; another office is added with: loket office add LAIN --data ${dir}\n`
    + `  --office-name: not applied; office LPSE is renamed with: loket office set LPSE --name "LPSE Lain" --data ${dir}\n`
    + `  --tz WITA: not applied; office LPSE's zone is set with: loket office set LPSE --tz WITA --data ${dir}\n`
    + `  --password-stdin: not applied (not read); admin's password is changed with: loket user passwd admin --data ${dir}\n`);
  assert.deepEqual(userList(dir), users0);
  assert.equal(auditRows(dir), rows0);
  assert.equal(cli(['init', '--data', dir, '--office', 'LPSE']).stdout, `Loket data folder ${dir} is already initialised (office LPSE); nothing changed.\n`);
  // the environment variables init reads in their stead are named the same way (the password never shown)
  const v = cli(['init', '--data', dir], { env: { LOKET_OFFICE_CODE: 'LAIN', LOKET_OFFICE_NAME: 'LPSE Lain', LOKET_ADMIN_PASSWORD: 'Another-password-99' } });
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout, `Loket data folder ${dir} is already initialised (office LPSE); nothing changed.\n`
    + `  LOKET_OFFICE_CODE=LAIN: not applied; another office is added with: loket office add LAIN --data ${dir}\n`
    + `  LOKET_OFFICE_NAME: not applied; office LPSE is renamed with: loket office set LPSE --name "LPSE Lain" --data ${dir}\n`
    + `  LOKET_ADMIN_PASSWORD: not applied; admin's password is changed with: loket user passwd admin --data ${dir} (the password from --password-stdin or LOKET_PASSWORD)\n`);
  // an option given wins over its variable: the option is named, the variable not used either way
  const w = cli(['init', '--data', dir, '--office', 'LPSE'], { env: { LOKET_OFFICE_CODE: 'LAIN', LOKET_OFFICE_NAME: '' } });
  assert.equal(w.stdout, `Loket data folder ${dir} is already initialised (office LPSE); nothing changed.\n`);
  assert.deepEqual(userList(dir), users0);
  assert.equal(auditRows(dir), rows0);
});

test('an init that fails (a bad --tz, a short password) leaves no half-made folder; the next init works', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-init-'));
  cleanup.push(dir);
  let r = cli(['init', '--data', dir, '--tz', 'XYZ'], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(r.status, 2);   // a bad value: usage
  assert.match(r.stderr, /tz: Time zone must be WIB, WITA or WIT/);
  assert.equal(existsSync(join(dir, 'loket.db')), false, 'no database without its office');
  r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: 'pendek' } });
  assert.equal(r.status, 2);
  assert.equal(existsSync(join(dir, 'loket.db')), false);
  r = cli(['init', '--data', dir, '--tz', 'WITA'], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'loket.conf')));
});

test('an init that fails in a folder it made removes that folder; one that was there stays', () => {
  const parent = mkdtempSync(join(tmpdir(), 'loket-init-'));
  cleanup.push(parent);
  const dir = join(parent, 'baru');
  const r = cli(['init', '--data', dir, '--tz', 'Mars'], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(r.status, 2);
  assert.equal(existsSync(dir), false, 'no empty folder left behind');
  assert.equal(existsSync(parent), true);
});

test('init without LOKET_ADMIN_PASSWORD prints a generated password once, and it signs in', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'loket-test-'));
  cleanup.push(parent);
  const dir = join(parent, 'data');   // init creates the folder itself
  const r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: '' } });
  assert.equal(r.status, 0, r.stderr);
  const found = [...r.stdout.matchAll(/Admin password[^:]*: (\S+)/g)];
  assert.equal(found.length, 1, `stdout: ${r.stdout}`);
  const pw = found[0][1];
  assert.ok(pw.length >= 12, `generated password too short: ${pw}`);
  // the second init does not print it again
  const again = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: '' } });
  assert.equal(again.status, 0);
  assert.doesNotMatch(again.stdout, new RegExp(pw));
  const s = await startServer({ dir });
  try {
    const token = await login(s.url, 'admin', pw);
    const me = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.json.username, 'admin');
    assert.equal(me.json.must_change_password, true, 'a generated password must be changed');
  } finally {
    await s.stop();
  }
});

// `make run`'s banner (scripts/run.sh on the folder, stopped once it is printed; until: what
// else to wait for on stdout, e.g. the server's own line). Resolves stdout, or {status, stderr} as well.
const runBanner = (dir, { listen = '127.0.0.1:0', until = /Stop:/, all = false } = {}) => new Promise((res, rej) => {
  const p = spawn('sh', [join(ROOT, 'scripts/run.sh')], { env: { ...process.env, LOKET_DATA: dir, LOKET_LISTEN: listen } });
  let out = '', err = '';
  p.stdout.on('data', (d) => { out += d; if (until.test(out)) p.kill('SIGTERM'); });
  p.stderr.on('data', (d) => { err += d; });
  p.on('error', rej);
  p.on('close', (status) => res(all ? { stdout: out, stderr: err, status } : out));
});

test('make run and serve on every address (0.0.0.0, [::]) print an address a person can open; IPv6 without brackets is refused naming how to write it', async () => {
  const dir = initData();
  cleanup.push(dir);
  const port = await new Promise((res) => { const srv = createServer(); srv.listen(0, '127.0.0.1', () => { const q = srv.address().port; srv.close(() => res(q)); }); });
  const run = await runBanner(dir, { listen: `0.0.0.0:${port}`, until: /Loket is listening/, all: true });
  assert.match(run.stdout, new RegExp(`^  Loket: +http://127\\.0\\.0\\.1:${port}/ +\\(listening on every address of this machine\\)$`, 'm'));
  assert.doesNotMatch(run.stdout, /0\.0\.0\.0:\d+\//, 'no address that opens nothing');
  assert.match(run.stdout, new RegExp(`^Loket is listening on every address of this machine \\(0\\.0\\.0\\.0:${port}\\): open http://127\\.0\\.0\\.1:${port}/ here`, 'm'));
  const v6 = await runBanner(dir, { listen: '::1:8080', all: true });
  assert.equal(v6.status, 2, v6.stdout + v6.stderr);
  assert.match(v6.stderr, /LOKET_LISTEN=::1:8080: write an IPv6 address in brackets, like \[::1\]:8080 or \[::\]:8080/);
  assert.equal(v6.stdout, '', 'nothing done first');
  const r = cli(['serve', '--data', dir, '--listen', '::1:8080']);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.equal(r.stderr, 'loket serve: --listen "::1:8080": write an IPv6 address in brackets, like [::1]:8080 or [::]:8080\n');
  if (Object.values(networkInterfaces()).flat().some((i) => i && i.address === '::1')) {
    // [::]: every address, IPv6 and IPv4 (dual stack)
    const any = await runBanner(dir, { listen: `[::]:${port}`, until: /Loket is listening/, all: true });
    assert.match(any.stdout, new RegExp(`^  Loket: +http://127\\.0\\.0\\.1:${port}/ +\\(listening on every address of this machine\\)$`, 'm'));
    assert.match(any.stdout, new RegExp(`^Loket is listening on every address of this machine \\(\\[::\\]:${port}, IPv6 and IPv4\\): open http://127\\.0\\.0\\.1:${port}/ here`, 'm'));
  }
});

test('admin-password, as `make run` keeps it, is deleted when admin\'s password is changed (own, API; reset by another admin); the banner then says so', async () => {
  const dir = initData();
  const pwFile = join(dir, 'admin-password');
  const keep = () => writeFileSync(pwFile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });   // as run.sh writes it
  keep();
  // on PostgreSQL too: run.sh reads the folder's loket.conf and does not initialise it again
  const first = await runBanner(dir);
  assert.match(first, new RegExp(`Sign in: +admin / ${ADMIN_PASSWORD} `));
  assert.match(first, /^  Procedures: 10 loaded \(build\/loket sop list --data /m, 'the ten built in');
  const s = await startServer({ dir });
  try {
    addUser(dir, 'budi', 'helpdesk');
    addUser(dir, 'kepala', 'admin', 'Kepala-2026-aman');
    let admin = await login(s.url);
    // another user's password changes: the file stays
    let r = await request(s.url, 'POST', '/api/v1/users/budi/password', { token: admin, body: { password: 'Budi-baru-2026' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(existsSync(pwFile), true, 'budi\'s password is not the one kept');
    // admin changes their own: the file is gone, the log says so
    r = await request(s.url, 'POST', '/api/v1/me/password', { token: admin, body: { old_password: ADMIN_PASSWORD, password: 'Admin-sendiri-2026' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(existsSync(pwFile), false, 'admin-password still there after the change');
    assert.match(s.output().stderr, /admin-password removed: the password of admin was changed/);
    // a reset by another administrator: likewise
    keep();
    const kepala = await login(s.url, 'kepala', 'Kepala-2026-aman');
    r = await request(s.url, 'POST', '/api/v1/users/admin/password', { token: kepala, body: { password: 'Admin-baru-2026', must_change_password: true } });
    assert.equal(r.status, 200, r.text);
    assert.equal(existsSync(pwFile), false, 'admin-password still there after the reset');
    admin = await login(s.url, 'admin', 'Admin-baru-2026');
  } finally {
    await s.stop({ keep: true });
  }
  cleanup.push(dir);
  const banner = await runBanner(dir);
  assert.match(banner, /Sign in: +admin \/ the password changed since .*admin-password was made/);
  assert.doesNotMatch(banner, new RegExp(ADMIN_PASSWORD));
  assert.equal(existsSync(join(dir, 'loket.db')), !PG, 'run.sh initialised a PostgreSQL folder again');
  // the banner counts the office's procedures in use: one retired is not among them
  const ret = cli(['sop', 'retire', 'SOP-LPSE.BTG-017', '--data', dir]);
  assert.equal(ret.status, 0, ret.stderr);
  assert.match(await runBanner(dir), /^  Procedures: 9 loaded /m);
});

test('user add, list, passwd, disable, enable against a running server', async () => {
  const s = await startServer();
  try {
    const add = cli(['user', 'add', 'siti', '--data', s.dir, '--role', 'helpdesk,piket', '--name', 'Siti Aminah'],
      { env: { LOKET_PASSWORD: 'siti-password-1' } });
    assert.equal(add.status, 0, add.stderr);
    assert.match(add.stdout, /User siti created/);
    assert.doesNotMatch(add.stdout, /siti-password-1/, 'a given password is never echoed');
    // a role that is not one: named, with the roles there are, and nobody added
    const raja = cli(['user', 'add', 'raja', '--data', s.dir, '--role', 'helpdesk,raja'], { env: { LOKET_PASSWORD: 'raja-password-1' } });
    assert.equal(raja.status, 2, raja.stderr);
    assert.match(raja.stderr, /unknown role "raja"; the roles are: admin, .*helpdesk/);
    assert.ok(!userList(s.dir).some((u) => u.username === 'raja'));
    const roles = cli(['user', 'roles', 'siti', '--data', s.dir, '--role', 'piket,kasir']);
    assert.equal(roles.status, 2);
    assert.match(roles.stderr, /unknown role "kasir"/);
    // an option without its value says so, also when the next word is another option
    const year = cli(['calendar', 'list', '--year', '--data', s.dir]);
    assert.equal(year.status, 2);
    assert.match(year.stderr, /--year needs a value/);
    const y1200 = cli(['calendar', 'list', '--year', '1200', '--data', s.dir]);
    assert.equal(y1200.status, 2);
    assert.match(y1200.stderr, /--year must be a year from 1970 to 2100/);
    const rule = cli(['accounts', 'year-end', '--data', s.dir, '--dry-run', '--rule']);
    assert.equal(rule.status, 2);
    assert.match(rule.stderr, /--rule needs a value \(expired or all\)/);

    const siti = userList(s.dir).find((u) => u.username === 'siti');
    assert.ok(siti, 'siti is listed');
    assert.equal(siti.full_name, 'Siti Aminah');
    assert.equal(siti.state, 'active');
    assert.deepEqual(siti.roles, [{ office: 'LPSE', role: 'helpdesk' }, { office: 'LPSE', role: 'piket' }]);

    const t1 = await login(s.url, 'siti', 'siti-password-1');
    const me = await request(s.url, 'GET', '/api/v1/me', { token: t1 });
    assert.equal(me.status, 200);
    assert.deepEqual([...me.json.roles].sort(), ['helpdesk', 'piket']);

    // passwd: the new password works, the old does not, and the old session ended
    const pw = cli(['user', 'passwd', 'siti', '--data', s.dir], { env: { LOKET_PASSWORD: 'siti-password-2' } });
    assert.equal(pw.status, 0, pw.stderr);
    const old = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'siti', password: 'siti-password-1' } });
    assert.equal(old.status, 401);
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t1 })).status, 401, 'sessions end with a new password');
    const t2 = await login(s.url, 'siti', 'siti-password-2');

    // disable: the right password is refused with "disabled", the live token too
    const dis = cli(['user', 'disable', 'siti', '--data', s.dir]);
    assert.equal(dis.status, 0, dis.stderr);
    assert.equal(userList(s.dir).find((u) => u.username === 'siti').state, 'disabled');
    const refused = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'siti', password: 'siti-password-2' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'disabled');
    assert.equal((await request(s.url, 'GET', '/api/v1/me', { token: t2 })).status, 401);

    // enable: signs in again
    const en = cli(['user', 'enable', 'siti', '--data', s.dir]);
    assert.equal(en.status, 0, en.stderr);
    assert.equal(userList(s.dir).find((u) => u.username === 'siti').state, 'active');
    await login(s.url, 'siti', 'siti-password-2');
  } finally {
    await s.stop();
  }
});

test('user command errors exit non-zero with a useful message', () => {
  const dir = initData();
  cleanup.push(dir);
  const env = { LOKET_PASSWORD: 'some-password-1' };

  const role = cli(['user', 'add', 'budi', '--data', dir, '--role', 'raja'], { env });
  assert.notEqual(role.status, 0);
  assert.match(role.stderr, /role/i);
  assert.ok(!userList(dir).some((u) => u.username === 'budi'), 'nothing created on error');

  const dup = cli(['user', 'add', 'admin', '--data', dir, '--role', 'staf'], { env });
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr, /already taken/);

  const nodata = cli(['user', 'list']);
  assert.notEqual(nodata.status, 0);
  assert.match(nodata.stderr, /--data/);

  const notfolder = cli(['user', 'list', '--data', join(dir, 'nope')]);
  assert.notEqual(notfolder.status, 0);
  assert.match(notfolder.stderr, /loket init/);

  const norole = cli(['user', 'add', 'budi', '--data', dir], { env });
  assert.notEqual(norole.status, 0);
  assert.match(norole.stderr, /--role/);

  const badname = cli(['user', 'add', 'Budi!', '--data', dir, '--role', 'staf'], { env });
  assert.notEqual(badname.status, 0);
  assert.match(badname.stderr, /username/i);

  const weak = cli(['user', 'add', 'budi', '--data', dir, '--role', 'staf'], { env: { LOKET_PASSWORD: 'short' } });
  assert.notEqual(weak.status, 0);
  assert.match(weak.stderr, /password/i);

  const nouser = cli(['user', 'disable', 'nobody', '--data', dir]);
  assert.notEqual(nouser.status, 0);
  assert.match(nouser.stderr, /no user named nobody/);

  const sub = cli(['user', 'explode', '--data', dir]);
  assert.notEqual(sub.status, 0);
  assert.match(sub.stderr, /unknown subcommand/);
});

test('the last active administrator of an office is neither disabled nor stripped of admin, until there is another', () => {
  const dir = initData();
  cleanup.push(dir);
  let r = cli(['user', 'disable', 'admin', '--data', dir]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /last active administrator/);
  r = cli(['user', 'roles', 'admin', '--role', 'helpdesk', '--data', dir]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /roles: This is the last active administrator of the office/);
  assert.ok(userList(dir).find((u) => u.username === 'admin').roles.some((x) => x.role === 'admin'), 'nothing changed');
  // another administrator: now either is allowed
  r = cli(['user', 'add', 'kepala', '--role', 'admin,ketua', '--data', dir], { env: { LOKET_PASSWORD: 'kepala-password-1' } });
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'roles', 'admin', '--role', 'helpdesk', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'disable', 'kepala', '--data', dir]);   // kepala is now the last one
  assert.equal(r.status, 1);
  r = cli(['user', 'disable', 'admin', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
});

test('a word more than a command takes is named, not ignored; a missing one is asked for (exit 2)', () => {
  const dir = initData();
  cleanup.push(dir);
  const cases = [
    [['sop', 'list', 'extra'], /sop list: unexpected argument "extra"/],
    [['sop', 'show', 'SOP-LPSE.BTG-017', 'lagi'], /unexpected argument "lagi"/],
    [['user', 'list', '--data', dir, 'extra'], /user list: unexpected argument "extra"/],
    [['user', 'disable', 'admin', 'budi', '--data', dir], /user disable: unexpected argument "budi"/],
    [['user', 'passwd', '--data', dir], /user passwd: give the username/],
    [['sla', 'run', '--data', dir, 'extra'], /sla run: unexpected argument/],
    [['audit', 'verify', '--data', dir, 'extra'], /audit verify: unexpected argument/],
    [['audit', 'bogus', '--data', dir], /unknown subcommand bogus/],
    [['backup', '--data', dir], /give the file/],
    [['backup', '', '--data', dir], /give the file/],
    [['backup', 'a.db', 'b.db', '--data', dir], /unexpected argument "b.db"/],
    [['calendar', 'add', '2026-12-31', 'Libur', 'akhir', '--data', dir], /calendar add: unexpected argument "akhir".*quote/],
    [['version', 'extra'], /unexpected argument "extra"/],
    [['serve', 'extra', '--data', dir], /serve: unexpected argument/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  assert.ok(!existsSync(join(dir, 'a.db')), 'nothing done');
  assert.equal(cli(['calendar', 'list', '--data', dir]).stdout.includes('akhir'), false);
});

test('on PostgreSQL, backup says it is for SQLite and names pg_dump', { skip: !PG && 'PostgreSQL only' }, () => {
  const dir = initData();
  cleanup.push(dir);
  const r = cli(['backup', join(dir, 'copy.db'), '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /SQLite/);
  assert.match(r.stderr, /pg_dump/);
  assert.ok(!existsSync(join(dir, 'copy.db')));
});

test('backup while serving and being written to gives a sound copy; an existing file is refused',
  { skip: PG && 'SQLite only: loket backup copies the SQLite file (PostgreSQL: pg_dump, tested above)' }, async () => {
  const s = await startServer();
  const out = mkdtempSync(join(tmpdir(), 'loket-backup-'));
  cleanup.push(out);
  const file = join(out, 'copy.db');
  let running = true, logins = 0, failures = 0;
  try {
    addUser(s.dir, 'yanti', 'trainer');
    // sign-ins write sessions and audit rows the whole time (three clients at once)
    const client = async () => {
      while (running) {
        const r = await request(s.url, 'POST', '/api/v1/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
        if (r.status === 200) logins++; else failures++;
      }
    };
    const loop = Promise.all([client(), client(), client()]);
    while (logins < 3) await new Promise((r) => setTimeout(r, 10));
    const b = await cliAsync(['backup', file, '--data', s.dir]);
    const afterBackup = logins;
    while (logins < afterBackup + 3) await new Promise((r) => setTimeout(r, 10));
    running = false;
    await loop;
    assert.equal(b.status, 0, b.stderr);
    assert.equal(failures, 0, 'every sign-in succeeded while the backup ran');

    // the copy holds password hashes and personal data: for the service's user only, like the database
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(s.dir, 'loket.db')).mode & 0o777, 0o600);
    const ic = sqlite(file, 'PRAGMA integrity_check');
    assert.equal(ic.status, 0, ic.stderr);
    assert.equal(ic.stdout.trim(), 'ok');
    const names = sqlite(file, 'SELECT username FROM users ORDER BY username').stdout.trim().split('\n');
    assert.deepEqual(names, ['admin', 'yanti']);
    // the copy is one self-contained file, and its audit chain is whole
    assert.ok(!existsSync(file + '-wal') || sqlite(file, 'PRAGMA journal_mode').stdout.trim() !== 'wal');
    const vdir = join(out, 'verify');
    mkdirSync(vdir);
    copyFileSync(file, join(vdir, 'loket.db'));
    const v = cli(['audit', 'verify', '--data', vdir]);
    assert.equal(v.status, 0, v.stderr);

    // a second backup to the same file is refused and leaves the file alone
    const again = cli(['backup', file, '--data', s.dir]);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already exists/);
    assert.equal(sqlite(file, 'PRAGMA integrity_check').stdout.trim(), 'ok');

    const usage = cli(['backup', '--data', s.dir]);
    assert.notEqual(usage.status, 0, 'backup without FILE');
  } finally {
    running = false;
    await s.stop();
  }
});

// A data folder whose database holds ~200 MB, so that a copy of it takes a while.
function bigData() {
  const dir = initData();
  cleanup.push(dir);
  const big = sqlite(join(dir, 'loket.db'), 'CREATE TABLE ballast(b BLOB); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<200)'
    + ' INSERT INTO ballast SELECT randomblob(1000000) FROM c;');
  assert.equal(big.status, 0, big.stderr);
  return dir;
}

test('a backup killed mid-copy leaves no file of the backup\'s name, only its .part; the next one is whole',
  { skip: PG && 'SQLite only', timeout: 60000 }, async () => {
  const dir = bigData();
  const out = mkdtempSync(join(tmpdir(), 'loket-backup-'));
  cleanup.push(out);
  const file = join(out, 'loket-2026-11-22.db');
  const p = spawn(BIN, ['backup', file, '--data', dir], { stdio: 'ignore' });
  const closed = new Promise((res) => p.on('close', (code, sig) => res({ code, sig })));
  const part = `${file}.part-${p.pid}`;
  for (const end = Date.now() + 20000; !(existsSync(part) && statSync(part).size > 0) && Date.now() < end;) await new Promise((r) => setTimeout(r, 2));
  p.kill('SIGKILL');
  const st = await closed;
  assert.equal(st.sig, 'SIGKILL', 'the backup had ended before the kill');
  assert.ok(!existsSync(file), 'a copy cut short is there under the backup\'s name');
  assert.ok(existsSync(part), readdirSync(out).join(' '));
  // another's copy in the making, still under way, is left alone
  const running = `${file}.part-${process.pid}`;
  writeFileSync(running, 'x');
  const r = cli(['backup', file, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sqlite(file, 'SELECT count(*) FROM ballast').stdout.trim(), '200');
  // the next backup removed what the killed one left, and said so
  assert.ok(!existsSync(part), readdirSync(out).join(' '));
  assert.match(r.stderr, new RegExp(`removed ${part.replace(/[.]/g, '\\.')} \\(\\d+ bytes\\) a process cut short: its process is gone`));
  assert.ok(existsSync(running), 'a copy whose process runs is not touched');
  rmSync(running);
});

test('a download of the backup killed mid-copy: its .backup-PID file outlives it only until the next start, which logs it',
  { skip: PG && 'SQLite only', timeout: 60000 }, async () => {
  const dir = bigData();
  let s = await startServer({ dir });
  const token = await login(s.url);
  const mine = (f) => f.startsWith(`.backup-${s.proc.pid}-`);
  const download = fetch(`${s.url}/api/v1/backup`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
  for (const end = Date.now() + 20000; !readdirSync(dir).some((f) => mine(f) && statSync(join(dir, f)).size > 0) && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 2));
  }
  s.proc.kill('SIGKILL');
  assert.equal((await s.stop({ keep: true })).sig, 'SIGKILL');
  await download;
  const left = readdirSync(dir).filter(mine);
  assert.ok(left.length > 0, `the download had ended before the kill: ${readdirSync(dir).join(' ')}`);
  // a copy of a process still running is kept, unless older than a day
  const fresh = `.backup-${process.pid}-fresh.db`, old = `.backup-${process.pid}-old.db`;
  writeFileSync(join(dir, fresh), 'x');
  writeFileSync(join(dir, old), 'x');
  const twoDays = Date.now() / 1000 - 2 * 86400;
  utimesSync(join(dir, old), twoDays, twoDays);
  s = await startServer({ dir });
  try {
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.backup-')), [fresh]);
    const { stderr } = s.output();
    for (const f of left) assert.match(stderr, new RegExp(`removed ${join(dir, f).replace(/[.]/g, '\\.')} \\(\\d+ bytes\\) a process cut short: its process is gone`));
    assert.match(stderr, new RegExp(`removed .*${old.replace(/[.]/g, '\\.')} .*: older than its time`));
    // the next download is whole and leaves nothing of its own
    const res = await fetch(`${s.url}/api/v1/backup`, { headers: { Authorization: `Bearer ${await login(s.url)}` } });
    assert.equal(res.status, 200);
    assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 15).toString('latin1'), 'SQLite format 3');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.backup-')), [fresh]);
  } finally { await s.stop({ keep: true }); }
});

test('on PostgreSQL, init of a second node on a database already set up writes its loket.conf naming it', { skip: !PG && 'PostgreSQL only' }, () => {
  const first = initData();
  cleanup.push(first);
  const url = confDb(first);
  assert.ok(url);
  const second = mkdtempSync(join(tmpdir(), 'loket-node2-'));
  cleanup.push(second);
  const r = cli(['init', '--data', second, '--db', url]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /already initialised.*secret\.key and verify\.key/s);
  assert.equal(confDb(second), url);
  assert.equal(cli(['user', 'list', '--json', '--data', second]).status, 0, 'the folder works');
});

test('on PostgreSQL, init --db on a folder whose loket.conf was written beforehand adds the db line to it (keeping the rest); one naming another database is refused', { skip: !PG && 'PostgreSQL only' }, () => {
  // docs/deploy.md has the nodes' loket.conf written first; a hand-written one without the db line
  // was left without it: the database was set up, and every later command said "not a Loket data folder"
  const first = initData();
  cleanup.push(first);
  const url = confDb(first);
  const name = new URL(url).pathname.slice(1);
  const fresh = url.replace(/\/[^/?]*(\?.*)?$/, `/${name}_b`);
  assert.equal(psql(PG_ADMIN, `CREATE DATABASE ${name}_b`).status, 0);
  after(() => psql(PG_ADMIN, `DROP DATABASE IF EXISTS ${name}_b WITH (FORCE)`));
  for (const [db, said] of [[fresh, /^Initialised /m], [url, /already initialised.*now names it/s]]) {
    const dir = mkdtempSync(join(tmpdir(), 'loket-conf-'));
    cleanup.push(dir);
    writeFileSync(join(dir, 'loket.conf'), 'listen = 127.0.0.1:18099\npublic_url = https://lpse.example.go.id\n');
    const r = cli(['init', '--data', dir, '--db', db], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, said);
    assert.equal(confDb(dir), db);
    assert.match(readFileSync(join(dir, 'loket.conf'), 'utf8'), /^listen = 127\.0\.0\.1:18099\npublic_url = https:\/\/lpse\.example\.go\.id\n/, 'the rest is kept');
    assert.equal(cli(['office', 'list', '--data', dir]).status, 0, 'the folder works');
    assert.ok(!existsSync(join(dir, 'loket.db')));
  }
  // a loket.conf naming another database: refused, nothing changed
  const dir = mkdtempSync(join(tmpdir(), 'loket-conf-'));
  cleanup.push(dir);
  writeFileSync(join(dir, 'loket.conf'), `db = ${fresh}\n`);
  const r = cli(['init', '--data', dir, '--db', url]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /loket\.conf names another database \(its db line\)/);
  assert.equal(confDb(dir), fresh);
});

test('on PostgreSQL the first init makes the keys to copy; a node with keys of its own is refused at its start, naming the key', { skip: !PG && 'PostgreSQL only' }, async () => {
  const first = initData();
  cleanup.push(first);
  // the first node's keys are there before it serves, for the other nodes to copy (they were made at its
  // first serve, and a second node started without them made keys of its own and said nothing)
  for (const k of ['secret.key', 'verify.key']) {
    assert.ok(existsSync(join(first, k)), k);
    assert.equal(statSync(join(first, k)).mode & 0o777, 0o600, k);
  }
  const second = mkdtempSync(join(tmpdir(), 'loket-node2-'));
  cleanup.push(second);
  assert.equal(cli(['init', '--data', second, '--db', confDb(first)]).status, 0);
  assert.ok(!existsSync(join(second, 'verify.key')), 'the second node\'s init makes none: they are copied');
  // the first node serves: its keys' prints are recorded in the database, audited
  let s = await startServer({ dir: first });
  await s.stop({ keep: true });   // the database stays for the second node
  assert.doesNotMatch(s.output().stderr, /was not there and was made now/);
  const rows = psql(confDb(first), "SELECT name || ' ' || length(print) || ' ' || (SELECT count(*) FROM audit WHERE action='node.key') FROM node_key ORDER BY name").stdout.trim();
  assert.equal(rows, 'secret.key 16 2\nverify.key 16 2');
  // the second node, its keys not copied: it makes its own, and is refused, saying what to do
  const serve = (dir) => spawnSync(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 20000 });
  let r = serve(second);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /verify\.key is not the key the other nodes of this database use \(its print [0-9a-f]{16}; the database's, first served from .*, [0-9a-f]{16}\): stop, copy verify\.key and secret\.key from that node's folder/);
  assert.match(r.stderr, /this folder's keys were made just now/);
  // verify.key copied, secret.key still its own: refused, naming secret.key
  copyFileSync(join(first, 'verify.key'), join(second, 'verify.key'));
  r = serve(second);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /secret\.key is not the key the other nodes of this database use/);
  // both copied: it serves
  copyFileSync(join(first, 'secret.key'), join(second, 'secret.key'));
  s = await startServer({ dir: second });
  await s.stop({ keep: true });
  assert.doesNotMatch(s.output().stderr, /is not the key|was made now/);
});

test('a database address that is not a postgresql:// URL is refused, naming --db or loket.conf\'s db, not taken for a SQLite file', () => {
  // a libpq key=value string, a mistyped scheme, a bare name: each was a SQLite file of that name
  // made in the current folder, with a new office and admin (and loket.conf naming it)
  const cwd = mkdtempSync(join(tmpdir(), 'loket-cwd-'));
  cleanup.push(cwd);
  for (const bad of ['host=127.0.0.1 dbname=loket user=loket', 'postgresq://loket@127.0.0.1/loket', 'loket']) {
    const dir = join(cwd, 'data');
    const r = spawnSync(BIN, ['init', '--data', dir, '--db', bad], { cwd, encoding: 'utf8', env: { ...process.env, LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    assert.equal(r.status, 2, `${bad}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^loket init: --db: .*postgresql:\/\/USER:PASSWORD@HOST:5432\/DATABASE/m, bad);
    assert.doesNotMatch(r.stderr, /dbname=loket/, 'the value (it may hold a password) is not repeated');
    assert.deepEqual(readdirSync(cwd), [], `${bad}: nothing made`);
  }
  // the same line in loket.conf: every command refuses it, naming the file and the setting
  const dir = initData();
  cleanup.push(dir);
  const conf = join(dir, 'loket.conf');
  writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^db = .*\n/m, '') + 'db = host=db1 dbname=loket password=rahasia\n');
  for (const args of [['user', 'list'], ['audit', 'verify'], ['serve', '--listen', '127.0.0.1:0']]) {
    const r = spawnSync(BIN, [...args, '--data', dir], { cwd, encoding: 'utf8', timeout: 15000 });
    assert.equal(r.status, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, new RegExp(`${conf.replace(/[.]/g, '\\.')}: db: .*key=value`), args[0]);
    assert.doesNotMatch(r.stderr, /rahasia/);
    assert.deepEqual(readdirSync(cwd), [], `${args[0]}: nothing made`);
  }
  // an absolute SQLite path still names a SQLite file
  const abs = join(cwd, 'kantor');
  const ok = spawnSync(BIN, ['init', '--data', abs, '--db', join(abs, 'loket.db')], { cwd, encoding: 'utf8', env: { ...process.env, LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(existsSync(join(abs, 'loket.db')));
});

test('on a PostgreSQL database that cannot be written (a standby, default_transaction_read_only) serve and a command that writes say so; reading goes on', { skip: !PG && 'PostgreSQL only' }, () => {
  const dir = initData();
  cleanup.push(dir);
  const url = confDb(dir);
  const name = new URL(url).pathname.slice(1);
  assert.equal(psql(PG_ADMIN, `ALTER DATABASE ${name} SET default_transaction_read_only = on`).status, 0);
  for (const args of [['serve', '--listen', '127.0.0.1:0'], ['user', 'add', 'budi', '--role', 'helpdesk']]) {
    const r = spawnSync(BIN, [...args, '--data', dir], { encoding: 'utf8', timeout: 15000 });
    assert.equal(r.status, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
    // it said "cannot create schema_migration: ERROR: cannot execute CREATE TABLE in a read-only transaction"
    assert.match(r.stderr, /^loket: the database cannot be written \(read-only: a hot standby, or default_transaction_read_only\): .*primary/m, args[0]);
    assert.doesNotMatch(r.stderr, /schema_migration/, args[0]);
  }
  assert.equal(cli(['audit', 'verify', '--data', dir]).status, 0, 'a command that only reads goes on');
});

test('serve without --listen listens where LOKET_LISTEN says (as make run reads it), --listen first; a malformed one is named, exit 2', async () => {
  const dir = initData();
  cleanup.push(dir);
  const port = await new Promise((res) => { const srv = createServer(); srv.listen(0, '127.0.0.1', () => { const q = srv.address().port; srv.close(() => res(q)); }); });
  // the server's first line on stdout names where it listens; then SIGTERM, exit 0
  const serve = (args, env) => new Promise((res, rej) => {
    const p = spawn(BIN, ['serve', '--data', dir, ...args], { env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (d) => { out += d; if (/Loket is listening/.test(out)) p.kill('SIGTERM'); });
    p.on('error', rej);
    p.on('close', (code) => res({ code, out }));
  });
  let r = await serve([], { LOKET_LISTEN: `127.0.0.1:${port}` });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, new RegExp(`^Loket is listening on http://127\\.0\\.0\\.1:${port}/$`, 'm'));
  r = await serve(['--listen', '127.0.0.1:0'], { LOKET_LISTEN: `127.0.0.1:${port}` });
  assert.doesNotMatch(r.out, new RegExp(`:${port}/`), '--listen comes first');
  const bad = spawnSync(BIN, ['serve', '--data', dir], { encoding: 'utf8', env: { ...process.env, LOKET_LISTEN: '8080' } });
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /^loket serve: LOKET_LISTEN "8080": expected an IPv4 address and port/);
  assert.match(cli(['serve', '--help']).stdout, /--listen \(else LOKET_LISTEN, else listen in loket\.conf\)/);
});

test('a second serve on a port already served is refused (no two servers sharing one port)', async () => {
  const s = await startServer();
  try {
    const dir = initData();
    cleanup.push(dir);
    const port = new URL(s.url).port;
    const r = cli(['serve', '--data', dir, '--listen', `127.0.0.1:${port}`]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+: is the port in use\?/);
    assert.equal((await request(s.url, 'GET', '/healthz')).status, 200, 'the first goes on');
  } finally {
    await s.stop();
  }
});

test('serve refuses a broken loket.conf, naming the line', () => {
  const dir = initData();
  cleanup.push(dir);
  writeFileSync(join(dir, 'loket.conf'), 'threads = 4\nlogin_lock_after = many\n');
  const r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 2: login_lock_after/);
  // db_busy_timeout_seconds: a whole number of seconds, 1 to 600
  for (const v of ['0', '601', '2.5', 'lama', '']) {
    writeFileSync(join(dir, 'loket.conf'), `threads = 4\n\ndb_busy_timeout_seconds = ${v}\n`);
    const b = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
    assert.equal(b.status, 1, `${v}: ${b.stdout}`);
    assert.match(b.stderr, /loket\.conf: line 3: db_busy_timeout_seconds: /, v);
  }
  // every command says it as its other errors start (not "loket:"): the file, the line, the setting,
  // what it expects and what was written
  for (const [line, why] of [['colour = biru', 'unknown setting "colour"'],
    ['threads = banyak', 'threads: expected a whole number from 1 to 256, got "banyak"'],
    ['threads = 999', 'threads: expected a whole number from 1 to 256, got "999"'],
    ['body_limit = 100M', 'body_limit: expected a size from 1K to 64M, got "100M"'],
    ['secure_cookies = mungkin', 'secure_cookies: expected on or off (yes or no), got "mungkin"']]) {
    writeFileSync(join(dir, 'loket.conf'), `# diubah\n${line}\n`);
    for (const [args, who] of [[['user', 'list'], 'loket user list'], [['serve', '--listen', '127.0.0.1:0'], 'loket serve'], [['sla', 'run'], 'loket sla run']]) {
      const b = cli([...args, '--data', dir]);
      assert.equal(b.status, 1, `${line}: ${b.stdout}`);
      assert.equal(b.stderr, `${who}: ${join(dir, 'loket.conf')}: line 2: ${why}\n`);
    }
  }
});

test('serve refuses an smtp_url that is not smtp:// or smtps://, an smtp_from that is no address, a national_office not here',
  { skip: PG && 'loket.conf alone (rewritten here without its db line): the same on both engines' }, () => {
  const dir = initData();
  cleanup.push(dir);
  writeFileSync(join(dir, 'loket.conf'), 'threads = 4\nsmtp_url = 127.0.0.1:2525\nsmtp_password = rahasia\n');
  let r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /loket\.conf: line 2: smtp_url: expected smtp:\/\/host\[:port\] or smtps:\/\/host\[:port\], got "127\.0\.0\.1:2525"/);
  writeFileSync(join(dir, 'loket.conf'), 'smtp_url = smtp://127.0.0.1:2525\nsmtp_from = Loket LPSE\n');
  r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /line 2: smtp_from: expected an address/);
  // the recipients' rule (ident_email) holds for the sender too, and the error says what is wrong
  writeFileSync(join(dir, 'loket.conf'), 'smtp_url = smtp://127.0.0.1:2525\nsmtp_from = Loket LPSE <helpdesk@lpse.batangkab.go.i>\n');
  r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /line 2: smtp_from: expected an address .*, got "Loket LPSE <helpdesk@lpse\.batangkab\.go\.i>": the domain after @ is not valid\n/);
  writeFileSync(join(dir, 'loket.conf'), 'national_office = LKPPP\n');
  r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /loket\.conf: national_office = LKPPP: no such office here/);
});

test('init says what to set next in the loket.conf it wrote; run again, it writes none and says nothing of it',
  { skip: PG && 'the folder\'s own loket.conf, without --db: SQLite' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-next-'));
  cleanup.push(dir);
  let r = cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.endsWith(`Next: set public_url, smtp_url and smtp_from in ${dir}/loket.conf, then loket serve --data ${dir}\n`), r.stdout);
  r = cli(['init', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Next:/);
  assert.match(cli(['init', '--help']).stdout, /set public_url, smtp_url and smtp_from \(your office's address\) there/);
});

test('the loket.conf init writes: its smtp_from default is taken by every check, and both mail test and the settings page tell to set the office\'s address', async () => {
  const dir = initData();
  cleanup.push(dir);
  const conf = join(dir, 'loket.conf');
  let text = readFileSync(conf, 'utf8');
  assert.match(text, /# The sender of Loket's mail: set your office's address[^\n]*\n(# [^\n]*\n)*# smtp_from = loket@localhost\n/);
  const note = /Note: it is sent from smtp_from = loket@localhost,\swhich only this machine knows[\s\S]*Set your office's address in\s/;
  let r = cli(['mail', 'test', 'admin@lpse.example.go.id', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, note);
  for (const l of r.stdout.slice(r.stdout.indexOf('Note:')).split('\n')) if (!l.includes(dir)) assert.ok(l.length <= 80, `the note within 80 columns: ${l}`);
  // the line uncommented as written: the same default, still taken by the loader, serve and the page
  writeFileSync(conf, text.replace('# smtp_from = loket@localhost', 'smtp_from = loket@localhost'));
  r = cli(['mail', 'test', 'admin@lpse.example.go.id', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, note);
  let s = await startServer({ dir });
  try {
    const token = await login(s.url);
    const set = await request(s.url, 'GET', '/api/v1/mail/settings', { token });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.smtp_from, 'loket@localhost');
    const queued = await request(s.url, 'POST', '/api/v1/mail/test', { token, body: { to: 'admin@lpse.example.go.id' } });
    assert.equal(queued.status, 201, queued.text);
    const web = await webSession(s.url);
    assert.match((await web.get('/pengaturan')).text, /id="mail-from-local"><p>Pengirim \(smtp_from\) masih alamat/);
  } finally { await s.stop({ keep: true }); }
  // the office's address set: no note
  writeFileSync(conf, text.replace('# smtp_from = loket@localhost', 'smtp_from = Loket LPSE <helpdesk@lpse.example.go.id>'));
  r = cli(['mail', 'test', 'admin@lpse.example.go.id', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Note:/);
  s = await startServer({ dir });
  try {
    const web = await webSession(s.url);
    assert.doesNotMatch((await web.get('/pengaturan')).text, /mail-from-local/);
  } finally { await s.stop(); }
});

// Run loket as a user who is not root (root writes any file whatever its mode): nobody, when
// the tests run as root; the data folder handed to that user first.
// The binary runs from a copy in a folder of its own under the temporary folder: the clone may
// sit where nobody cannot reach (/root is 700).
let otherBin = null;
const asOther = (dir, args) => {
  const root = process.getuid() === 0;
  let bin = BIN;
  if (root) {
    spawnSync('chown', ['-R', '65534:65534', dir]);
    if (!otherBin) {
      const d = mkdtempSync(join(tmpdir(), 'loket-bin-'));
      cleanup.push(d);
      chmodSync(d, 0o755);
      otherBin = join(d, 'loket');
      copyFileSync(BIN, otherBin);
      chmodSync(otherBin, 0o755);
    }
    bin = otherBin;
  }
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 10000, ...(root ? { uid: 65534, gid: 65534 } : {}) });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('serve and commands that write refuse a database this user cannot write, naming the file; audit verify still reads it',
  { skip: PG && 'SQLite only' }, () => {
  const dir = initData();
  cleanup.push(dir);
  const db = join(dir, 'loket.db');
  const serve = ['serve', '--data', dir, '--listen', '127.0.0.1:0'];
  chmodSync(db, 0o444);
  let r = asOther(dir, serve);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.ok(r.stderr.includes(`${db}: the database is read-only for this user`), r.stderr);
  r = asOther(dir, ['office', 'add', 'LPSE-X', '--data', dir]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.ok(r.stderr.includes(`${db}: the database is read-only`), r.stderr);
  r = asOther(dir, ['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  // -wal and -shm left read-only (as by `sudo loket …`): named, not "not an error"
  chmodSync(db, 0o600);
  for (const s of ['-wal', '-shm']) { writeFileSync(db + s, ''); chmodSync(db + s, 0o444); }
  r = asOther(dir, serve);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /loket\.db-(wal|shm): cannot be written by this user .*sudo loket/);
  assert.doesNotMatch(r.stderr, /not an error/);
  for (const s of ['-wal', '-shm']) rmSync(db + s);
  chmodSync(dir, 0o555);
  r = asOther(dir, serve);
  chmodSync(dir, 0o755);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.ok(r.stderr.includes(`${dir}: the folder is read-only for this user`), r.stderr);
});

test('a listen without a port is refused naming loket.conf and its line; an address not of this machine is named so',
  { skip: PG && 'loket.conf alone (rewritten here without its db line): the same on both engines' }, () => {
  const dir = initData();
  cleanup.push(dir);
  writeFileSync(join(dir, 'loket.conf'), 'threads = 4\nlisten = 127.0.0.1:\n');
  let r = cli(['serve', '--data', dir]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /loket\.conf: line 2: listen: "127\.0\.0\.1:": the port must be a number from 1 to 65535/);
  writeFileSync(join(dir, 'loket.conf'), '');
  r = cli(['serve', '--data', dir, '--listen', '127.0.0.1:']);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /--listen "127\.0\.0\.1:": the port must be a number/);
  r = cli(['serve', '--data', dir, '--listen', '192.0.2.1:8080']);   // TEST-NET-1: on no machine
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /cannot listen on 192\.0\.2\.1:8080: 192\.0\.2\.1 is not an address of this machine/);
  assert.doesNotMatch(r.stderr, /port in use/);
});

test('user add with an empty --role is refused: a user needs a role', () => {
  const dir = initData();
  cleanup.push(dir);
  const r = cli(['user', 'add', 'tanpa', '--role', '', '--data', dir], { env: { LOKET_PASSWORD: 'user-test-password-1' } });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /a user needs a role/);
  assert.ok(!userList(dir).some((u) => u.username === 'tanpa'));
});

test('user roles: --role "," names no role and is refused, the roles kept; --role "" removes them', () => {
  const dir = initData();
  cleanup.push(dir);
  assert.equal(cli(['user', 'add', 'budi', '--role', 'helpdesk', '--data', dir], { env: { LOKET_PASSWORD: 'user-test-password-1' } }).status, 0);
  const roles = () => JSON.stringify(userList(dir).find((u) => u.username === 'budi'));
  const before = roles();
  for (const v of [',', ' , ', ',,']) {
    const r = cli(['user', 'roles', 'budi', '--role', v, '--data', dir]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^loket user roles: --role ".*" names no role: give roles, e\.g\. --role helpdesk,piket \(\"\" for none\)\n$/);
    assert.equal(roles(), before);
  }
  const r = cli(['user', 'roles', 'budi', '--role', '', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /set to: \(none\)/);
  assert.notEqual(roles(), before);
});

test('access_log: a relative file is written in the data folder, whatever folder serve starts in', async () => {
  const s = await startServer({ conf: 'access_log = access.log\n' });
  try {
    const r = await request(s.url, 'GET', '/healthz');
    assert.equal(r.status, 200);
  } finally {
    await s.stop({ keep: true });
  }
  cleanup.push(s.dir);
  const log = join(s.dir, 'access.log');
  assert.ok(existsSync(log), 'access.log is in the data folder');
  assert.match(readFileSync(log, 'utf8'), /GET \/healthz/);
  assert.ok(!existsSync(join(process.cwd(), 'access.log')), 'not in the folder serve was started in');
  // the file init writes says so
  const fresh = initData();
  cleanup.push(fresh);
  assert.match(readFileSync(join(fresh, 'loket.conf'), 'utf8'), /# One line per request: .*relative name is in this folder/);
});

test('a folder whose loket.db is not Loket\'s (another program\'s SQLite, not SQLite at all) is refused and left untouched; a file is no folder',
  { skip: PG && 'SQLite files' }, () => {
    const base = mkdtempSync(join(tmpdir(), 'loket-foreign-'));
    cleanup.push(base);
    const other = join(base, 'other');
    mkdirSync(other);
    assert.equal(sqlite(join(other, 'loket.db'), 'CREATE TABLE invoice(no TEXT); INSERT INTO invoice VALUES(\'A-1\');').status, 0);
    const before = readFileSync(join(other, 'loket.db'));
    for (const args of [['audit', 'verify'], ['office', 'list'], ['user', 'list'], ['sla', 'run'], ['init']]) {
      const r = cli([...args, '--data', other], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /other\/loket\.db is not a Loket database \(it holds other tables/, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
    assert.deepEqual(readFileSync(join(other, 'loket.db')), before, 'not migrated, not switched to WAL');
    assert.equal(sqlite(join(other, 'loket.db'), 'SELECT name FROM sqlite_master ORDER BY name').stdout.trim(), 'invoice');
    const text = join(base, 'text');
    mkdirSync(text);
    writeFileSync(join(text, 'loket.db'), 'hello\n');
    let r = cli(['office', 'list', '--data', text]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /text\/loket\.db is not a Loket database \(not an SQLite file\)/);
    const file = join(base, 'notes.txt');
    writeFileSync(file, 'x');
    r = cli(['user', 'list', '--data', file]);
    assert.equal(r.status, 2);   // a bad --data: usage, as for init
    assert.match(r.stderr, /^loket user list: --data .*notes\.txt is a file, not a folder/);
    r = cli(['init', '--data', file], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /loket init: --data .*notes\.txt is a file, not a folder/);
    assert.equal(readFileSync(file, 'utf8'), 'x');
    r = cli(['init', '--data', join(file, 'sub')], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^loket init: cannot create the folder .*notes\.txt\/sub: Not a directory\n$/, 'the reason said');
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });

test('an option that needs a value and is followed by another option says so, and nothing is written', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows0 = auditRows(dir);
  const cases = [
    [['calendar', 'add', '2027-06-02', 'Libur', '--kind', '--data', dir], /^loket calendar add: --kind needs a value \(national, cuti_bersama or local\)\n$/],
    [['accounts', 'year-end', '--rule', '--data', dir], /^loket accounts year-end: --rule needs a value \(expired or all\)\n$/],
    [['accounts', 'year-end', '--rule', 'bogus', '--data', dir], /--rule is expired or all, not "bogus"/],
    [['sop', 'show', 'SOP-LPSE.BTG-017', '--lang'], /^loket sop show: --lang needs a value \(id or en\)\n$/],
    [['sop', 'show', 'SOP-LPSE.BTG-017', '--lang', '--json'], /^loket sop show: --lang needs a value/],
    // an option of the shared ones: the command named too
    [['office', 'add', 'KAB', '--name', '--data', dir], /^loket office add: --name needs a value\n$/],
    [['user', 'roles', 'admin', '--office', '--role', 'helpdesk', '--data', dir], /^loket user roles: --office needs a value\n$/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  assert.equal(auditRows(dir), rows0, 'nothing written');
  assert.equal(cli(['calendar', 'list', '--year', '2027', '--data', dir]).stdout.includes('Libur'), false);
});

test('blacklist import errors name the command; mail test --office names the office (as its help says)', () => {
  const dir = initData();
  cleanup.push(dir);
  const base = mkdtempSync(join(tmpdir(), 'loket-bl-cli-'));
  cleanup.push(base);
  writeFileSync(join(base, 'bad.csv'), 'npwp,nama\nbad,PT Y\n');
  let r = cli(['blacklist', 'import', join(base, 'bad.csv'), '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^loket blacklist import: .*bad\.csv: line 2: NPWP bad/);
  r = cli(['blacklist', 'import', join(base, 'nope.csv'), '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^loket blacklist import: cannot read .*nope\.csv: No such file or directory\n$/);
  // the reason is said: a folder given for a file, in each import
  for (const cmd of [['blacklist', 'import'], ['directory', 'import'], ['calendar', 'import']]) {
    r = cli([...cmd, base, '--data', dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^loket ${cmd.join(' ')}: cannot read .*: Is a directory\n$`));
  }
  // an empty file, in each import: said so, nothing imported (the directory's once moved a NULL
  // row pointer, which the sanitizer build stops at: found by fuzz/fuzz_directory.c)
  writeFileSync(join(base, 'kosong.csv'), '');
  for (const cmd of [['blacklist', 'import'], ['directory', 'import'], ['calendar', 'import']]) {
    r = cli([...cmd, join(base, 'kosong.csv'), '--data', dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the file is empty|holds no holidays|no entries/, `${cmd.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /runtime error|Sanitizer/);
  }
  r = cli(['mail', '--help']);
  assert.match(r.stdout, /usage: loket mail test ADDRESS \[--office CODE\]/);
  assert.equal(cli(['office', 'add', 'KAB', '--name', 'LPSE Kabupaten', '--data', dir]).status, 0);
  r = cli(['mail', 'test', 'uji@example.id', '--office', 'KAB', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const out = cli(['mail', 'list', '--json', '--data', dir]);
  assert.match(JSON.parse(out.stdout)[0].subject, /LPSE Kabupaten/);
});

// Each command and subcommand and the options it reads (src/main.c's arity table, as each
// command's help says): every other option is refused naming it and the command, exit 2.
const FORMS = [
  [['init'], ['--db', '--office', '--office-name', '--tz', '--password-stdin']],
  [['serve'], ['--db', '--db-replica', '--listen']],
  [['routes'], ['--json']],
  [['version'], []],
  [['migrate'], ['--from', '--to']],
  [['backup', 'copy.db'], ['--db']],
  [['audit', 'verify'], ['--db', '--head', '--expect']],
  [['user', 'list'], ['--db', '--json']],
  [['user', 'add', 'budi'], ['--db', '--role', '--roles', '--name', '--email', '--office', '--must-change', '--password-stdin']],
  [['user', 'passwd', 'budi'], ['--db', '--must-change', '--password-stdin']],
  [['user', 'disable', 'budi'], ['--db']],
  [['user', 'enable', 'budi'], ['--db']],
  [['user', 'unlock', 'budi'], ['--db']],
  [['user', 'roles', 'budi'], ['--db', '--role', '--roles', '--office']],
  [['office', 'list'], ['--db', '--json']],
  [['office', 'add', 'KAB'], ['--db', '--name', '--tz', '--public-url']],
  [['office', 'set', 'KAB'], ['--db', '--name', '--tz', '--public-url']],
  [['calendar', 'list'], ['--db', '--office', '--year', '--json']],
  [['calendar', 'import', 'libur.csv'], ['--db', '--office']],
  [['calendar', 'add', '2027-06-02', 'Libur'], ['--db', '--office', '--kind']],
  [['calendar', 'remove', '2027-06-02'], ['--db', '--office']],
  [['calendar', 'hours', '1 07:30-16:00'], ['--db', '--office']],
  [['mail', 'test', 'uji@example.id'], ['--db', '--office']],
  [['mail', 'list'], ['--db', '--json']],
  [['sla', 'run'], ['--db']],
  [['directory', 'import', 'orang.csv'], ['--db', '--office', '--dry-run']],
  [['accounts', 'year-end'], ['--db', '--office', '--dry-run', '--rule']],
  [['blacklist', 'import', 'hitam.csv'], ['--db', '--office']],
  [['verification', 'watch'], ['--db']],
  [['sop', 'check', 'a.sop'], []],
  [['sop', 'list'], ['--json', '--lang']],
  [['sop', 'show', 'SOP-LPSE.BTG-017'], ['--json', '--lang']],
];
const FLAGS = ['--json', '--password-stdin', '--must-change', '--dry-run'];   // the rest take a value
const ALL_OPTIONS = [...new Set([...FORMS.flatMap(([, o]) => o), '--file', '--bogus', '--verbose'])];

test('every command refuses an option it does not read, naming the option and the command (exit 2), and does nothing', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows0 = auditRows(dir);
  let refused = 0;
  const tried = new Set();
  for (const [k, [words, allowed]] of FORMS.entries()) {
    const cmd = words[0], sub = ['backup', 'init', 'serve', 'routes', 'version', 'migrate'].includes(cmd) ? '' : ` ${words[1]}`;
    // (2 CPUs shared: not all ~700 pairs) the likeliest slips, the options another subcommand of the
    // same command reads, and a rotating third of the others: each option refused by ten forms or so
    const siblings = FORMS.filter(([w]) => w[0] === cmd).flatMap(([, o]) => o);
    const pick = (o, i) => siblings.includes(o) || (i + k) % 3 === 0;
    for (const opt of ALL_OPTIONS.filter((o, i) => !allowed.includes(o) && pick(o, i))) {
      tried.add(opt);
      const args = [...words, opt, ...(FLAGS.includes(opt) || opt === '--bogus' || opt === '--verbose' ? [] : ['WIB']), '--data', dir];
      const r = cli(args, { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD, LOKET_PASSWORD: 'some-password-1' } });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, `loket ${cmd}${sub}: unknown option ${opt} (see: loket help ${cmd})\n`, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      refused++;
    }
  }
  assert.ok(refused > 200, `${refused} refusals tried`);
  assert.deepEqual([...tried].sort(), [...ALL_OPTIONS].sort(), 'every option refused somewhere');
  // the ones the issue names, word for word
  for (const [args, msg] of [
    [['sla', 'run', '--json'], 'loket sla run: unknown option --json (see: loket help sla)\n'],
    [['init', '--name', 'X'], 'loket init: unknown option --name (see: loket help init)\n'],
    [['sop', 'list', '--kind', 'x'], 'loket sop list: unknown option --kind (see: loket help sop)\n'],
  ]) {
    const r = cli([...args, '--data', dir]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr, msg);
  }
  assert.equal(auditRows(dir), rows0, 'nothing written');
  assert.deepEqual(userList(dir).map((u) => u.username), ['admin'], 'nobody added');
});

test('an option given twice is refused naming both values (exit 2), not the first dropped: --role staf --role helpdesk made a helpdesk only', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows0 = auditRows(dir);
  for (const [args, msg] of [
    [['user', 'add', 'eko', '--role', 'staf', '--role', 'helpdesk'],
      'loket user add: --role given twice ("staf", then "helpdesk"): give it once, the roles in one, comma-separated: --role staf,helpdesk\n'],
    [['user', 'add', 'eko', '--roles', 'staf', '--role', 'helpdesk'],
      'loket user add: --role given twice ("staf", then "helpdesk"): give it once, the roles in one, comma-separated: --role staf,helpdesk\n'],
    [['user', 'add', 'eko', '--role', 'staf', '--name', 'Eko', '--name', 'Eko Prasetyo'],
      'loket user add: --name given twice ("Eko", then "Eko Prasetyo"): give it once\n'],
    [['office', 'set', 'LPSE', '--phone', '021 1234567', '--phone', '021 7654321'],
      'loket office set: --phone given twice ("021 1234567", then "021 7654321"): give it once\n'],
    [['absence', 'add', 'admin', '--from', '2099-01-05', '--to', '2099-01-06', '--kind', 'cuti', '--kind', 'sakit', '--replacement', 'x'],
      'loket absence add: --kind given twice ("cuti", then "sakit"): give it once\n'],
    [['sop', 'show', 'OI-02', '--lang', 'en', '--lang', 'id'], 'loket sop show: --lang given twice ("en", then "id"): give it once\n'],
    [['audit', 'verify', '--head', 'a'.repeat(16), '--expect', 'b'.repeat(16)],
      `loket audit verify: --expect given twice ("${'a'.repeat(16)}", then "${'b'.repeat(16)}"): give it once\n`],
  ]) {
    const r = cli([...args, '--data', dir], { env: { LOKET_PASSWORD: 'some-password-1' } });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr, msg, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  const r = cli(['user', 'list', '--data', dir, '--data', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^loket user list: --data given twice/);
  assert.equal(auditRows(dir), rows0, 'nothing written');
  assert.deepEqual(userList(dir).map((u) => u.username), ['admin'], 'nobody added');
  // a flag said twice still means once; one --role with both roles gives both
  assert.equal(cli(['user', 'list', '--json', '--json', '--data', dir]).status, 0);
  assert.equal(cli(['user', 'add', 'eko', '--role', 'staf,helpdesk', '--data', dir], { env: { LOKET_PASSWORD: 'some-password-1' } }).status, 0);
  assert.deepEqual(userList(dir).find((u) => u.username === 'eko').roles.map((x) => x.role).sort(), ['helpdesk', 'staf']);
});

test('a number past 2^63 is no number (exit 2, as it was written), not the largest one looked for', () => {
  const dir = initData();
  cleanup.push(dir);
  const N = '99999999999999999999';
  for (const [args, msg] of [
    [['absence', 'remove', 'admin', N], `loket absence remove: ${N} is not an absence's number\n`],
    [['mail', 'retry', N], `loket mail retry: ${N} is not a message's number (loket mail list shows them), nor failed\n`],
    [['calendar', 'period', 'remove', N], "loket calendar period remove: give the period's number (loket calendar period list), e.g. remove 3\n"],
    [['calendar', 'period', 'set', N, '--from', '2099-01-05', '--to', '2099-01-06', '--name', 'X', '1 08:00-12:00'],
      "loket calendar period set: give the period's number (loket calendar period list) first, e.g. set 3 --from …\n"],
  ]) {
    const r = cli([...args, '--data', dir]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, msg, args.join(' '));
  }
});

test('--help wins over an option a command does not read; --data is taken by every command, even those that do not use it', () => {
  const dir = initData();
  cleanup.push(dir);
  let r = cli(['sla', 'run', '--json', '--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /usage: loket sla run/);
  for (const args of [['sop', 'list'], ['routes'], ['version']]) {
    r = cli([...args, '--data', dir]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.notEqual(r.stdout, '');
  }
  assert.match(cli(['version', '--data', dir]).stdout, /^loket \d/);
});

test('sop list: one line a procedure when read by a program; in a terminal wrapped at its width, no blank at a line\'s end', () => {
  const piped = cli(['sop', 'list'], { env: { COLUMNS: '80' } });
  assert.equal(piped.status, 0, piped.stderr);
  const lines = piped.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 10);
  assert.ok(lines.some((l) => [...l].length > 80), 'a long title stays on its line when piped');
  // a terminal, made by script(1) (util-linux, in every Debian)
  const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  const tty = spawnSync('script', ['-qec', `${quote(BIN)} sop list`, '/dev/null'],
    { encoding: 'utf8', env: { ...process.env, COLUMNS: '80' }, timeout: 20000 });
  assert.equal(tty.status, 0, tty.stderr);
  const shown = tty.stdout.replace(/\r/g, '').trimEnd().split('\n');
  assert.ok(shown.length > 10, `wrapped: ${tty.stdout}`);
  for (const l of shown) {
    assert.ok([...l].length <= 80, `wider than 80 columns: ${l}`);
    assert.ok(!/ $/.test(l), `a blank at the end: "${l}"`);
  }
  const codes = shown.filter((l) => /^SOP/.test(l));
  assert.equal(codes.length, 10);
  assert.match(shown.join('\n'), /Pelayanan Helpdesk melalui Email, Telepon atau\n {33}Datang Langsung di LPSE Kab Ogan Ilir/);
});

test('usage errors exit 2: a missing --data, a bad value; a name not found or a refusal by state exit 1', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows0 = auditRows(dir);
  const two = [
    [['user', 'list'], /^loket user list: say which data folder: --data DIR \(or set LOKET_DATA\)\n$/],
    [['sla', 'run'], /^loket sla run: say which data folder/],
    [['calendar', 'remove', '2027-13-01', '--data', dir], /2027-13-01 is not a day written YYYY-MM-DD/],
    [['calendar', 'add', '2027-02-30', 'Libur', '--data', dir], /day: The day must be a real date/],
    [['calendar', 'hours', '1 16:00-07:30', '--data', dir], /calendar hours: /],
    [['office', 'add', 'KAB', '--tz', 'PST', '--data', dir], /office add: --tz: /],
    [['office', 'add', 'KAB BARU', '--data', dir], /office add: code: /],
    // without --name the name is the code: its error alone is said, not one of a --name not given
    [['office', 'add', '', '--data', dir], /^loket office add: code: Office code must be 1 to 31 characters\n$/],
    [['office', 'add', ' ', '--data', dir], /^loket office add: code: Office code may hold only letters, digits, - and _\n$/],
    [['office', 'add', 'A B', '--name', ' ', '--data', dir], /^loket office add: code: .*\nloket office add: --name: Office name must be 1 to 127 characters\n$/],
    [['user', 'add', 'budi', '--role', 'staf', '--email', 'bukan-alamat', '--data', dir], /user add: --email: /],
    [['user', 'passwd', 'admin', '--data', dir, '--password-stdin'], /user passwd: --password-stdin: Password must be/, 'pendek\n'],
    // each refusal names the option that carried the value, not the field behind it
    [['user', 'add', 'budi', '--role', 'staf', '--data', dir], /^loket user add: LOKET_PASSWORD: Password must be/, '', { LOKET_PASSWORD: 'pendek' }],
    [['user', 'add', 'budi', '--role', 'staf', '--name', 'x'.repeat(200), '--data', dir], /^loket user add: --name: Full name must be at most 127/],
    [['init', '--data', join(dir, 'baru'), '--office', 'A B'], /^loket init: --office: Office code may hold only/, '', { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD }],
    [['init', '--data', join(dir, 'baru'), '--office-name', ' '], /^loket init: --office-name: Office name must be/, '', { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD }],
    [['calendar', 'add', '2027-06-02', 'Libur', '--kind', 'besar', '--data', dir], /^loket calendar add: --kind: The kind must be/],
    [['user', 'add', 'budi', '--role', 'staf', '--data', dir, '--password-stdin'], /no password on standard input/, ''],
    [['migrate', '--from', dir, '--to', join(dir, 'x.db')], /--to is a PostgreSQL database, postgresql:\/\/…, not ".*x\.db"/],
    // a code with spaces not quoted: the word too many is named, not "give the procedure's code"
    [['sop', 'retire', 'SOP', '02/LPSE.OI/2012', '--data', dir], /^loket sop retire: unexpected argument "02\/LPSE\.OI\/2012" \(see loket sop --help; quote a value with spaces\)\n$/],
    [['sop', 'restore', 'OI-02', 'lagi', '--data', dir], /^loket sop restore: unexpected argument "lagi"/],
    // --data "" ($DIR not set) names no folder: a usage error, not "  is not a Loket data folder"; LOKET_DATA empty is none
    [['user', 'list', '--data', ''], /^loket user list: --data needs a value: the data folder\n$/],
    [['sop', 'list', '--data', ''], /^loket sop list: --data needs a value: the data folder\n$/],
    [['backup', join(dir, 'b.db'), '--data', ''], /^loket backup: --data needs a value/],
    [['init', '--data', ''], /^loket init: --data needs a value/],
    [['init'], /^loket init: say where: --data DIR \(or set LOKET_DATA\)\n$/, '', { LOKET_DATA: '' }],
    [['user', 'list'], /^loket user list: say which data folder/, '', { LOKET_DATA: '' }],
    [['mail', 'test', 'rina@example.go.id', '--office', '', '--data', dir], /^loket mail test: --office needs a value: an office's code \(see loket office list\)\n$/],
    [['absence', 'list', '--office', '', '--data', dir], /^loket absence list: --office needs a value/],
  ];
  for (const [args, re, input, env] of two) {
    const r = cli(args, { env: { LOKET_PASSWORD: 'some-password-1', ...env }, input });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  const one = [
    [['user', 'disable', 'nobody', '--data', dir], /no user named nobody/],
    [['office', 'set', 'NOPE', '--tz', 'WIT', '--data', dir], /no office NOPE/],
    [['office', 'add', 'lpse', '--data', dir], /already exists/],
    [['user', 'add', 'admin', '--role', 'staf', '--data', dir], /already taken/],
    [['calendar', 'remove', '2027-06-02', '--data', dir], /no holiday on 2027-06-02/],
    [['sop', 'show', 'SOP-TIDAK-ADA'], /no procedure SOP-TIDAK-ADA/],
    // sop list shows the codes; the short names a code may be are said with the refusal
    [['sop', 'show', 'OI-2'], /^loket sop show: no procedure OI-2 \(see loket sop list; or a short name: OI-01, OI-02, OI-03, OI-04, OI-05, OI-06, BTG-005, BTG-006, BTG-017, BTG-019\)\n$/],
    [['sop', 'retire', 'BTG-17', '--data', dir], /^loket sop retire: no procedure BTG-17 \(see loket sop list --data DIR; or a short name: OI-01, .*, BTG-019\)\n$/],
  ];
  for (const [args, re] of one) {
    const r = cli(args, { env: { LOKET_PASSWORD: 'some-password-1' } });
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  assert.equal(auditRows(dir), rows0, 'nothing written');
});

test('user passwd without a password given: the one made is printed once, saying it is to be changed, and it must be', async () => {
  const s = await startServer();
  try {
    addUser(s.dir, 'siti', 'helpdesk', 'siti-password-1');
    const r = cli(['user', 'passwd', 'siti', '--data', s.dir], { env: { LOKET_PASSWORD: '' } });
    assert.equal(r.status, 0, r.stderr);
    const m = r.stdout.match(/^Password of siti set; their sessions were ended\.\nNew password \(shown once; to be changed at the next sign-in\): (\S+)\n$/);
    assert.ok(m, `stdout: ${r.stdout}`);
    const token = await login(s.url, 'siti', m[1]);
    const me = await request(s.url, 'GET', '/api/v1/me', { token });
    assert.equal(me.json.must_change_password, true);
  } finally {
    await s.stop();
  }
});

test('user disable twice: the second says so, writes no audit row, exits 0; enable likewise', () => {
  const dir = initData();
  cleanup.push(dir);
  addUser(dir, 'siti', 'helpdesk');
  const rows0 = auditRows(dir);
  let r = cli(['user', 'disable', 'siti', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'User siti disabled.\n');
  assert.equal(auditRows(dir), rows0 + 1);
  r = cli(['user', 'disable', 'siti', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'User siti is already disabled; nothing changed.\n');
  assert.equal(auditRows(dir), rows0 + 1, 'no second row');
  assert.equal(userList(dir).find((u) => u.username === 'siti').state, 'disabled');
  r = cli(['user', 'enable', 'siti', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'User siti enabled.\n');
  assert.equal(auditRows(dir), rows0 + 2);
  r = cli(['user', 'enable', 'siti', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'User siti is already enabled; nothing changed.\n');
  assert.equal(auditRows(dir), rows0 + 2, 'no second row');
  assert.equal(userList(dir).find((u) => u.username === 'siti').state, 'active');
});

// Every form README.md and docs/*.md show (and each command's help), run for real on a fresh
// folder: each option a command reads is still taken.
test('every documented command line form is still accepted and works', () => {
  const base = mkdtempSync(join(tmpdir(), 'loket-forms-'));
  cleanup.push(base);
  const dir = join(base, 'data');
  const env = { LOKET_PASSWORD: 'budi-password-1' };
  const ok = (args, { input, status = 0, out } = {}) => {
    const r = cli(args, { env, input });
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    if (out) assert.match(r.stdout, out, args.join(' '));
    return r;
  };
  const root = (p) => join(process.cwd(), p);
  ok(['init', '--data', dir, '--office', 'LPSE-KAB', '--office-name', 'LPSE Kabupaten Uji', '--tz', 'WITA', '--password-stdin'],
    { input: `${ADMIN_PASSWORD}\n`, out: /Initialised .*office LPSE-KAB/ });
  ok(['init', '--data', dir], { out: /already initialised/ });
  ok(['office', 'add', 'KAB', '--name', 'LPSE Kabupaten', '--tz', 'WIB', '--data', dir], { out: /Office KAB created/ });
  ok(['office', 'set', 'KAB', '--tz', 'WITA', '--data', dir], { out: /Office KAB moved to WITA \(was WIB\)/ });
  ok(['office', 'set', 'KAB', '--name', 'LPSE Kab. Uji', '--tz', 'WIT', '--data', dir], { out: /KAB renamed: LPSE Kab\. Uji[^]*moved to WIT/ });
  assert.deepEqual(JSON.parse(ok(['office', 'list', '--json', '--data', dir]).stdout).map((o) => o.code), ['KAB', 'LPSE-KAB']);
  ok(['user', 'add', 'budi', '--role', 'helpdesk,piket', '--name', 'Budi Santoso', '--email', 'budi@example.id',
    '--office', 'KAB', '--must-change', '--data', dir], { out: /User budi created in office KAB/ });
  ok(['user', 'add', 'ani', '--roles', 'staf', '--data', dir, '--password-stdin'], { input: 'ani-password-1\n', out: /User ani created/ });
  ok(['user', 'passwd', 'budi', '--must-change', '--password-stdin', '--data', dir], { input: 'budi-password-2\n', out: /Password of budi set/ });
  ok(['user', 'roles', 'budi', '--role', 'helpdesk', '--office', 'LPSE-KAB', '--data', dir], { out: /in office LPSE-KAB set to: helpdesk/ });
  // the roles said as stored: each once, with commas, however they were written
  ok(['user', 'roles', 'budi', '--role', 'helpdesk piket,helpdesk', '--office', 'LPSE-KAB', '--data', dir], { out: /in office LPSE-KAB set to: helpdesk,piket\n$/ });
  ok(['user', 'roles', 'budi', '--role', 'helpdesk', '--office', 'LPSE-KAB', '--data', dir], { out: /in office LPSE-KAB set to: helpdesk\n$/ });
  ok(['user', 'disable', 'budi', '--data', dir], { out: /disabled/ });
  ok(['user', 'enable', 'budi', '--data', dir], { out: /enabled/ });
  ok(['user', 'unlock', 'budi', '--data', dir], { out: /User budi is not locked; nothing changed\./ });
  const budi = userList(dir).find((u) => u.username === 'budi');
  assert.deepEqual([budi.full_name, budi.state, budi.roles.map((x) => `${x.office}:${x.role}`).join(',')], ['Budi Santoso', 'active', 'KAB:helpdesk,KAB:piket,LPSE-KAB:helpdesk']);
  ok(['calendar', 'list', '--year', '2026', '--json', '--office', 'KAB', '--data', dir]);
  ok(['calendar', 'import', root('test/fixtures/holidays-local.csv'), '--office', 'KAB', '--data', dir], { out: /into office KAB/ });
  ok(['calendar', 'add', '2026-06-09', 'Hari Jadi Kota Bogor', '--kind', 'local', '--data', dir], { out: /Holiday 2026-06-09/ });
  ok(['calendar', 'remove', '2026-06-09', '--data', dir], { out: /removed/ });
  ok(['calendar', 'hours', '--office', 'KAB', '1 07:30-12:00 13:00-16:00', '--data', dir], { out: /Office KAB: Senin \(Mon\) hours set/ });
  ok(['calendar', 'hours', '6', 'closed', '--data', dir], { out: /Sabtu \(Sat\) closed/ });
  ok(['mail', 'test', 'uji@example.id', '--office', 'KAB', '--data', dir], { out: /Queued outbox\/\d+ to uji@example\.id/ });
  assert.equal(JSON.parse(ok(['mail', 'list', '--json', '--data', dir]).stdout)[0].to, 'uji@example.id');
  ok(['mail', 'list', '--data', dir], { out: /uji@example\.id/ });
  ok(['sla', 'run', '--data', dir], { out: /\d+ warning\(s\), \d+ breach\(es\)/ });
  ok(['verification', 'watch', '--data', dir], { out: /\d+ reminder\(s\)/ });
  const people = join(base, 'orang.csv');
  writeFileSync(people, 'kind,name,nik\nperson,Orang Satu,3325091503750101\n');
  ok(['directory', 'import', people, '--dry-run', '--office', 'KAB', '--data', dir], { out: /1 row read, 1 would be imported, 0 rejected/ });
  ok(['directory', 'import', people, '--data', dir], { out: /1 imported/ });
  ok(['accounts', 'year-end', '--dry-run', '--rule', 'expired', '--office', 'KAB', '--data', dir], { out: /0 PPK accounts would be deactivated/ });
  ok(['accounts', 'year-end', '--rule', 'all', '--data', dir], { out: /0 PPK accounts deactivated/ });
  const black = join(base, 'hitam.csv');
  writeFileSync(black, 'npwp,nama\n08.456.789.0-123.000,PT Hitam\n');
  ok(['blacklist', 'import', black, '--office', 'KAB', '--data', dir], { out: /1 entry imported into the blacklist of KAB/ });
  ok(['sop', 'check', root('sop/btg-017-phone.sop')]);
  ok(['sop', 'list'], { out: /SOP-LPSE\.BTG-017/ });
  ok(['sop', 'list', '--json', '--data', dir], { out: /"code":"SOP-LPSE\.BTG-017"/ });
  ok(['sop', 'show', 'SOP-LPSE.BTG-017']);
  assert.equal(JSON.parse(ok(['sop', 'show', 'SOP-LPSE.BTG-017', '--json', '--lang', 'en']).stdout).code, 'SOP-LPSE.BTG-017');
  ok(['routes'], { out: /GET +\/healthz/ });
  assert.ok(JSON.parse(ok(['routes', '--json']).stdout).routes.length > 10);
  ok(['version'], { out: /^loket \d/ });
  ok(['--version'], { out: /^loket \d/ });
  // the SQLite it names is the one built in from extsrc/
  const sqliteVersion = readFileSync(join(ROOT, 'extsrc/sqlite3.h'), 'utf8').match(/#define SQLITE_VERSION +"([^"]+)"/)[1];
  ok(['version'], { out: new RegExp(`^SQLite ${sqliteVersion.replaceAll('.', '\\.')}$`, 'm') });
  const v = ok(['audit', 'verify', '--data', dir], { out: /audit log intact: \d+ rows/ });
  const head = v.stdout.match(/hash ([0-9a-f]+)/)[1];
  ok(['audit', 'verify', '--head', head, '--data', dir], { out: /kept hash found/ });
  ok(['audit', 'verify', '--expect', head.slice(0, 16), '--data', dir], { out: /kept hash found/ });
  if (!PG) ok(['backup', join(base, 'loket-copy.db'), '--data', dir], { out: /Backup written to/ });
  // migrate takes --from and --to (no PostgreSQL listens on port 1: it fails there, exit 1, not 2)
  ok(['migrate', '--from', base, '--to', 'postgresql://127.0.0.1:1/x'], { status: 1 });
  // serve takes --listen and --db-replica (a replica that is not PostgreSQL: refused as a bad value)
  const s = ok(['serve', '--data', dir, '--listen', '127.0.0.1:0', '--db-replica', join(base, 'x.db')], { status: 2 });
  assert.match(s.stderr, /--db-replica/);
  assert.doesNotMatch(s.stderr, /unknown option/);
});

// A read-only PostgreSQL standby (here: a database whose sessions are read-only, as on a hot
// standby) refused `loket audit verify` with "cannot create schema_migration": every command
// migrated first. The commands that only read open the database without writing; one at an older
// schema than this loket's is refused saying so (the schema is left as it was).
test('commands that only read write nothing: they work on a read-only database; an older schema is named, not migrated', () => {
  const dir = initData();
  cleanup.push(dir);
  const db = join(dir, 'loket.db');
  const url = PG && confDb(dir);
  const name = url && url.replace(/^.*\//, '').replace(/\?.*$/, '');
  const readOnly = (on) => {
    if (!PG) return;
    const r = psql(PG_ADMIN, `ALTER DATABASE ${name} ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`);
    assert.equal(r.status, 0, r.stderr);
  };
  const migrations = () => Number(sqlite(db, 'SELECT count(*) FROM schema_migration').stdout.trim());
  const all = migrations();
  const readers = [['audit', 'verify'], ['user', 'list'], ['office', 'list'], ['calendar', 'list'], ['mail', 'list']];
  readOnly(true);
  for (const args of readers) {
    const r = cli([...args, '--data', dir]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /schema_migration|read-only/);
  }
  assert.match(cli(['audit', 'verify', '--data', dir]).stdout, /audit log intact: \d+ rows/);
  if (PG) {   // a command that writes still says why it cannot
    const r = cli(['office', 'add', 'LPSE-Y', '--data', dir]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /read-only/);
  }
  // a standby of an older Loket: the last migration not applied there
  readOnly(false);
  assert.equal(sqlite(db, 'DELETE FROM schema_migration WHERE name=(SELECT max(name) FROM schema_migration)').status, 0);
  readOnly(true);
  for (const args of readers) {
    const r = cli([...args, '--data', dir]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.ok(r.stderr.includes(`the database is at schema ${all - 1} of ${all}, older than this loket`), r.stderr);
    assert.match(r.stderr, /only reads .*loket serve.*standby/);
    assert.doesNotMatch(r.stderr, /cannot create/);
  }
  assert.equal(migrations(), all - 1);   // nothing was migrated
  if (!PG) {   // a backup copies the database as it is, an older schema too: a copy taken before an upgrade
    const copy = join(dir, 'before-upgrade.db');
    const r = cli(['backup', copy, '--data', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(Number(sqlite(copy, 'SELECT count(*) FROM schema_migration').stdout.trim()), all - 1);
    assert.equal(migrations(), all - 1);
  }
  readOnly(false);
});

// A dry run changes nothing. `accounts year-end --dry-run` only reads: it opens the database
// read-only (SQLite's read-only open; read-only transactions on PostgreSQL), so it works on a
// read-only copy of a data folder (loket.db 0444, the folder 0555: no -shm can be made, the file is
// read as it is) and on a read-only database. `directory import --dry-run` checks later rows
// against earlier ones of the file inside a transaction it rolls back: it needs a database it can
// write, and leaves it as it was.
test('a dry run changes nothing: accounts year-end --dry-run works on a read-only data folder; directory import --dry-run leaves the database as it was', () => {
  const dir = initData();
  cleanup.push(dir);
  const db = join(dir, 'loket.db');
  const state = () => sqlite(db, "SELECT (SELECT count(*) FROM audit) || '/' || (SELECT count(*) FROM party) || '/'"
    + " || coalesce((SELECT group_concat(id || ':' || name || ':' || coalesce(parent_id, 0), ',') FROM party), '')").stdout
    + (PG ? '' : createHash('sha256').update(spawnSync('sqlite3', [db, '.dump']).stdout).digest('hex'));
  const before = state();
  const csv = join(dir, 'orang.csv');
  writeFileSync(csv, 'kind,org_type,name,agency\norg,agency,Dinas Uji Coba,\nperson,,Budi Uji,Dinas Uji Coba\n');
  const d = cli(['directory', 'import', csv, '--dry-run', '--data', dir]);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /2 rows read, 2 would be imported, 0 rejected/, 'the second row names the first: checked as the import would');
  assert.equal(state(), before, 'nothing changed');

  if (PG) {
    const name = confDb(dir).replace(/^.*\//, '').replace(/\?.*$/, '');
    assert.equal(psql(PG_ADMIN, `ALTER DATABASE ${name} SET default_transaction_read_only = on`).status, 0);
    try {
      const r = cli(['accounts', 'year-end', '--dry-run', '--data', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /0 PPK accounts would be deactivated/);
      const w = cli(['accounts', 'year-end', '--data', dir]);
      assert.equal(w.status, 1, w.stdout);
    } finally {
      psql(PG_ADMIN, `ALTER DATABASE ${name} RESET default_transaction_read_only`);
    }
  } else {
    rmSync(csv);
    const sum = () => createHash('sha256').update(readFileSync(db)).digest('hex');
    const was = sum();
    chmodSync(db, 0o444);
    chmodSync(join(dir, 'loket.conf'), 0o444);
    chmodSync(dir, 0o555);
    try {
      const r = asOther(dir, ['accounts', 'year-end', '--dry-run', '--data', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /0 PPK accounts would be deactivated/);
      const w = asOther(dir, ['accounts', 'year-end', '--data', dir]);
      assert.equal(w.status, 1, w.stdout);
      assert.match(w.stderr, /read-only/, 'without --dry-run it writes: refused');
      assert.equal(asOther(dir, ['audit', 'verify', '--data', dir]).status, 0, 'a command that only reads too');
    } finally {
      chmodSync(dir, 0o755);
    }
    assert.equal(sum(), was);
    assert.ok(!existsSync(db + '-wal') && !existsSync(db + '-shm'));
  }
});

test('office add with a wrong code, name and zone names each on its own line, exit 2, nothing made', () => {
  const dir = initData();
  const r = cli(['office', 'add', 'LPSE X', '--name', 'N'.repeat(128), '--tz', 'GMT', '--data', dir]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^loket office add: code: Office code may hold only letters, digits, - and _\n/m);
  assert.match(r.stderr, /^loket office add: --name: Office name must be 1 to 127 characters\n/m);
  assert.match(r.stderr, /^loket office add: --tz: Time zone must be WIB, WITA or WIT\n/m);
  assert.doesNotMatch(cli(['office', 'list', '--data', dir]).stdout, /LPSE X/);
});

test('calendar hours names the span at fault as typed, and a second weekday in one command, exit 2, nothing written', () => {
  const dir = initData();
  cleanup.push(dir);
  const rows0 = auditRows(dir);
  const bad = [
    [['1 07:30-12:00 13:00-1600'], /^loket calendar hours: "13:00-1600": Office hours must be spans like 07:30-12:00, each closing after it opens; nothing was written\n$/],
    [['1 07:30 - 12:00 16:00 - 13:00'], /^loket calendar hours: "16:00 - 13:00": /],
    // the form of `period add` (one argument per weekday) is not that of hours: said so, naming the weekday
    [['1 07:30-12:00', '5 07:30-11:30 13:00-16:30'], /^loket calendar hours: "5": one weekday at a time: .*loket calendar hours "5 HH:MM-HH:MM …"/],
    [['1 07:30-12:00 11:00-16:00'], /^loket calendar hours: Spans of office hours must not overlap; nothing was written\n$/],
  ];
  for (const [hours, re] of bad) {
    const r = cli(['calendar', 'hours', ...hours, '--data', dir]);
    assert.equal(r.status, 2, `${hours.join(' | ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, re, hours.join(' | '));
  }
  assert.equal(auditRows(dir), rows0, 'nothing written');
  // spaces around the dash are still one span
  const ok = cli(['calendar', 'hours', '1 07:30 - 12:00 13:00 - 16:00', '--data', dir]);
  assert.equal(ok.status, 0, ok.stderr);
});

test('the help says what the README says: directory import\'s kind and org_type values, and exit status 3', () => {
  const d = cli(['directory', '--help']);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout.replace(/\s+/g, ' '), /kind is person or org; an org's org_type is provider \(it needs its npwp\), agency or unit/);
  assert.match(d.stdout.replace(/\s+/g, ' '), /kind orang, perorangan, perseorangan \(person\), organisasi, badan usaha, lembaga \(org\); org_type penyedia, rekanan \(provider\), instansi, skpd, opd \(agency\), satker, satuan kerja, unit kerja \(unit\)/);
  const all = cli(['--help']);
  assert.match(all.stdout.replace(/\s+/g, ' '), /3 directory import only: some rows rejected, the others imported/);
});

test('an office or user not found names the command and says where the names are (loket office list, loket user list), exit 1', () => {
  const dir = initData();
  cleanup.push(dir);
  const env = { LOKET_PASSWORD: 'some-password-1' };
  const cases = [
    [['user', 'add', 'budi', '--role', 'staf', '--office', 'NOPE'], 'user add'],
    [['user', 'roles', 'admin', '--role', 'admin', '--office', 'NOPE'], 'user roles'],
    [['calendar', 'list', '--office', 'NOPE'], 'calendar list'],
    [['calendar', 'period', 'list', '--office', 'NOPE'], 'calendar period'],
    [['mail', 'test', 'uji@example.id', '--office', 'NOPE'], 'mail test'],
    [['accounts', 'year-end', '--dry-run', '--office', 'NOPE'], 'accounts year-end'],
  ];
  for (const [args, cmd] of cases) {
    const r = cli([...args, '--data', dir], { env });
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^loket ${cmd}: no office NOPE \\(see loket office list\\)\\n$`), args.join(' '));
  }
  for (const sub of ['passwd', 'disable', 'enable', 'unlock']) {
    const r = cli(['user', sub, 'nobody', '--data', dir], { env });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^loket user ${sub}: no user named nobody \\(see loket user list\\)\\n$`));
  }
  assert.ok(!userList(dir).some((u) => u.username === 'budi'), 'nothing created');
});

test('each command\'s help reads in a terminal (no line past 100 columns, its usage too); mail list says an empty outbox is empty', () => {
  const cmds = ['init', 'serve', 'user', 'office', 'audit', 'backup', 'routes', 'calendar', 'sop', 'absence', 'mail', 'sla',
    'directory', 'accounts', 'blacklist', 'verification', 'migrate', 'version'];
  for (const c of cmds) {
    const r = cli([c, '--help']);
    assert.equal(r.status, 0, c);
    for (const line of r.stdout.split('\n')) assert.ok([...line].length <= 100, `${c}: ${line}`);
  }
  const all = cli(['--help']);
  for (const line of all.stdout.split('\n')) assert.ok([...line].length <= 100, `loket --help: ${line}`);
  // a usage too long for one line goes on at the alternative that does not fit
  assert.match(all.stdout, /^ {2}sop check FILE… \| sop load FILE… --data DIR \| .*\n {6}\| sop show CODE /m);
  assert.match(cli(['office', '--help']).stdout, /^usage: loket office add CODE .*\n {6}\| office set CODE /);
  assert.match(cli(['office', 'add', 'KOTA', '--phone', '0211234567', '--data', '/nonexistent']).stderr, /unknown option --phone/,
    'office add takes no contact, as its usage says');
  assert.match(cli(['office', '--help']).stdout, /^ {2}add CODE .*\n {2}set CODE .*\n {2}list /m);
  // user: every role on its line with what it is for
  const roles = ['admin', 'pengarah', 'ketua', 'sekretaris', 'admin_agency', 'verifikator', 'helpdesk', 'trainer', 'piket',
    'staf', 'penyedia', 'ppk', 'pokja', 'pejabat_pengadaan', 'lkpp'];
  const userHelp = cli(['user', '--help']).stdout;
  for (const role of roles) assert.match(userHelp, new RegExp(`^ {2}${role} +[a-zA-Z].{10,}$`, 'm'), role);
  assert.match(userHelp, /^ {2}verifikator +checks a provider's documents against its registration/m);
  assert.match(cli(['init', '--help']).stdout, /--office-name \(LOKET_OFFICE_NAME, else LPSE\)/);
  assert.match(cli(['directory', '--help']).stdout, /--dry-run: checked and\s+reported the same, nothing written/);
  const dir = initData();
  cleanup.push(dir);
  let r = cli(['mail', 'list', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'The outbox is empty: no mail queued or sent yet.\n');
  assert.equal(cli(['mail', 'list', '--json', '--data', dir]).stdout, '[]\n');
  // migrate: a --from that is not there is said before the target is asked for anything
  r = cli(['migrate', '--from', join(dir, 'nothing-here'), '--to', 'postgresql://127.0.0.1:1/none']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^loket migrate: --from: cannot read .*nothing-here: No such file or directory \(give the data folder, or its loket\.db\)\n$/);
});

test('loket help help and loket help --help print the overview, exit 0', () => {
  for (const args of [['help', 'help'], ['help', '--help'], ['--help', '-h']]) {
    const r = cli(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /usage: loket COMMAND/);
    assert.equal(r.stderr, '');
  }
});

test('--password-stdin with nothing on standard input names the command and what to do, exit 2, nothing made', () => {
  const dir = initData();
  cleanup.push(dir);
  const base = mkdtempSync(join(tmpdir(), 'loket-pwin-'));
  cleanup.push(base);
  const runs = [
    [['init', '--data', join(base, 'new'), '--password-stdin'], 'init'],
    [['user', 'add', 'budi', '--role', 'staf', '--password-stdin', '--data', dir], 'user add'],
    [['user', 'passwd', 'admin', '--password-stdin', '--data', dir], 'user passwd'],
  ];
  for (const [args, cmd] of runs) {
    const r = spawnSync(BIN, args, { input: '', encoding: 'utf8' });
    assert.equal(r.status, 2, `${cmd}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^loket ${cmd}: --password-stdin: no password on standard input: give it on the first line, or leave --password-stdin out\\n$`));
  }
  assert.ok(!existsSync(join(base, 'new')), 'init made no folder');
  assert.ok(!userList(dir).some((u) => u.username === 'budi'), 'nothing created');
});

test('each command\'s --help names every option the command takes (--db of a command that opens the data folder, --roles beside --role)', () => {
  for (const [args, opts] of FORMS) {
    const help = cli([args[0], '--help']);
    assert.equal(help.status, 0, help.stderr);
    for (const o of opts) assert.match(help.stdout, new RegExp(`${o}\\b`), `loket ${args[0]} --help does not name ${o}`);
  }
});

test('a data folder given by LOKET_DATA that is a file is named as LOKET_DATA, not as a --data never typed; init says LOKET_DATA will do', () => {
  const dir = initData();
  cleanup.push(dir);
  const file = join(dir, 'loket.conf');
  let r = spawnSync(BIN, ['user', 'list'], { env: { ...process.env, LOKET_DATA: file }, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, `loket user list: LOKET_DATA=${file} is a file, not a folder: give the data folder (loket init --data DIR makes one)\n`);
  r = cli(['user', 'list', '--data', file]);
  assert.match(r.stderr, new RegExp(`^loket user list: --data ${file} is a file`));
  r = cli(['init']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^loket init: say where: --data DIR \(or set LOKET_DATA\)\n$/);
});

test('a wrong word is named: init --tz on an initialised folder too, calendar period\'s subcommand, calendar hours\' weekday; backup says why it cannot write', () => {
  const base = mkdtempSync(join(tmpdir(), 'loket-named-'));
  cleanup.push(base);
  const dir = join(base, 'data');
  assert.equal(cli(['init', '--data', dir], { env: { LOKET_ADMIN_PASSWORD: ADMIN_PASSWORD } }).status, 0);
  const before = auditRows(dir);
  for (const [args, re] of [
    [['init', '--data', dir, '--tz', 'XYZ'], /^loket init: --tz: Time zone must be WIB, WITA or WIT \(not "XYZ"\)$/],
    [['calendar', 'period', 'frob', '--data', dir], /^loket calendar period: unknown subcommand frob \(add, set, list, remove\)$/],
    [['calendar', 'period', '--data', dir], /^loket calendar period: say add, set, list or remove/],
    [['calendar', 'hours', '9 07:00-08:00', '--data', dir], /^loket calendar hours: "9" is no weekday/],
    [['calendar', 'hours', '07:30-12:00', '--data', dir], /^loket calendar hours: "07:30-12:00" is no weekday/],
    [['sop', 'list', '--lang', 'fr'], /^loket sop list: --lang is id or en, not fr$/],
  ]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.trim(), re, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  }
  assert.equal(cli(['init', '--data', dir, '--tz', 'wita']).status, 0, 'a zone in any case is one');
  assert.equal(auditRows(dir), before, 'nothing written');
  // sop list --lang en: the titles in English, as show --lang en
  const en = cli(['sop', 'list', '--lang', 'en']);
  assert.equal(en.status, 0, en.stderr);
  assert.match(en.stdout, /^SOP 02\/LPSE\.OI\/2012 +00 +5 +Helpdesk service by e-mail/m);
  assert.match(cli(['sop', 'list']).stdout, /^SOP 02\/LPSE\.OI\/2012 +00 +5 +Pelayanan Helpdesk/m);
  if (!PG) {
    const r = cli(['backup', join(base, 'no-such-folder', 'copy.db'), '--data', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot create .*no-such-folder\/copy\.db: No such file or directory/);
  }
});

test('an option before the command is named, and the command is asked for first (exit 2, one line)', () => {
  for (const [args, re] of [
    [['--data', '/nowhere', 'user', 'list'], /^loket: the command comes first, then its options: loket user … --data …$/],
    [['--data', '/nowhere'], /^loket: --data before a command: give the command first \(loket --help lists them\)$/],
    [['-x'], /^loket: -x before a command/],
  ]) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr.trim(), re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('office list marks the first office, where a command without --office works, though the list is by code and a second office (KOTA-MKS) comes before it (LPSE)', () => {
  const dir = initData();
  cleanup.push(dir);
  let r = cli(['office', 'add', 'KOTA-MKS', '--name', 'LPSE Kota Makassar', '--tz', 'WITA', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['office', 'list', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^KOTA-MKS\s+WITA\s+LPSE Kota Makassar$/, 'first by code, and not marked');
  assert.match(lines[1], /^LPSE\s+WIB\s+LPSE  \(first office: the one a command without --office works in\)$/);
  // and it is where a command without --office works
  assert.match(cli(['calendar', 'list', '--data', dir]).stdout, /^Office LPSE \(WIB\)/);
  assert.deepEqual(JSON.parse(cli(['office', 'list', '--json', '--data', dir]).stdout).map((o) => o.code), ['KOTA-MKS', 'LPSE']);
});
