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
