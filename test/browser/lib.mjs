// What the browser tests share: how Debian's chromium is launched, and a watch on a
// page for anything that shows it broken.
import { chromium } from './node_modules/playwright-core/index.mjs';

export { chromium };

// Headless chromium as this machine runs it: no sandbox as root, and none of the
// background networking that the closed network refuses.
export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

// Collect what would show a broken page: console errors (CSP refusals among them),
// script errors, failed loads, answers of 400 and above. Returns the live list.
export function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  return problems;
}

// Sign in through the form at url as username, and wait for the start page.
export async function signIn(page, url, username, password) {
  await page.goto(url + '/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.getByRole('button', { name: 'Masuk' }).click()]);
}

// Two or more staff, each in a browser context of their own (1280×900, Indonesian), signed in at
// url: logins [[username, password], …]. {ctxs, pages, problems}: the pages in that order, and
// what each showed broken (watch).
export async function staffPages(browser, url, logins) {
  const ctxs = await Promise.all(logins.map(() => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })));
  const pages = await Promise.all(ctxs.map((c) => c.newPage()));
  const problems = pages.map((p) => watch(p));
  for (let i = 0; i < pages.length; i++) await signIn(pages[i], url, logins[i][0], logins[i][1]);
  return { ctxs, pages, problems };
}

// A server on a frozen Monday morning (16 November 2026, 08.00 WIB; the SLA job idle) with a
// helpdesk officer (rina), the head of the unit (pak-ketua) and an agency administrator (agus):
// {s, admin, api}, admin's token, and api(method, path under /api/v1, body[, token]) asserting
// the call succeeded and giving its JSON.
export async function staffServer() {
  const { startServer, request, login, addUser } = await import('../int/lib.mjs');
  const assert = (await import('node:assert/strict')).default;
  const s = await startServer({ conf: 'sla_poll_seconds = 3600\n', env: { LOKET_TEST_NOW: '2026-11-16T08:00:00+07:00' } });
  addUser(s.dir, 'rina', 'helpdesk', 'rina-password-1');
  addUser(s.dir, 'pak-ketua', 'pengarah', 'pengarah-password-1');
  addUser(s.dir, 'agus', 'admin_agency', 'agus-password-1');
  const admin = await login(s.url);
  const api = async (method, path, body, token = admin) => {
    const r = await request(s.url, method, `/api/v1${path}`, { token, body });
    assert.ok(r.status < 300, `${method} ${path}: ${r.text}`);
    return r.json;
  };
  return { s, admin, api };
}
