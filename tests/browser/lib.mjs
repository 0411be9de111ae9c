// Shared by the browser tests: Debian's chromium (headless) driven by playwright-core against
// the real HTTPS server of the ctest fixtures (ZC_TESTENV/server.env), with the server's key
// pinned instead of certificate checks switched off. Screenshots go to ZC_ARTIFACTS.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export { assert };

// A JSON call to /api/v1 in the page's session (its cookie and the web application's header):
// {status, total: X-Total-Count or null, body: the parsed JSON or null, text: the raw answer}.
export async function pageCall(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const r = await fetch(`/api/v1${path}`, {
      method,
      headers: { 'X-ZC-Web': '1', 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, total: r.headers.get('X-Total-Count'), body: json, text };
  }, { method, path, body });
}

const testenv = process.env.ZC_TESTENV;
if (!testenv) throw new Error('ZC_TESTENV is not set (run through ctest)');

function readEnv(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

export const server = readEnv(path.join(testenv, 'server.env'));
export const baseUrl = server.ZC_SERVER_URL.replace('127.0.0.1', 'localhost');
export const artifacts = process.env.ZC_ARTIFACTS || path.join(testenv, '..', 'test-artifacts');
export const PASSWORD = 'demo-password-2026';
// The demo's fixed TOTP secrets (README, "Demo logins").
export const TOTP = {
  'fin.devries': 'ZORGCONTRACTFINANCEDEVRIESDEMO22',
  'fin.mulder': 'ZORGCONTRACTFINANCEMULDERDEMO234',
  admin: 'ZORGCONTRACTADMINDEMOSECRET23456',
};

// base64 SHA-256 of the server certificate's public key, for --ignore-certificate-errors-spki-list.
function serverKeyPin() {
  const cert = new crypto.X509Certificate(fs.readFileSync(path.join(testenv, 'tls', 'server.crt')));
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

function base32(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238: 30-second steps, 6 digits, HMAC-SHA1.
export function totp(secret, step = Math.floor(Date.now() / 30000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}

export async function launch() {
  fs.mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.ZC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', `--ignore-certificate-errors-spki-list=${serverKeyPin()}`],
  });
  return browser;
}

// A fresh browser context (own cookies) with Dutch as the browser language.
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    console.error(`page error: ${e.message}`);
    process.exitCode = 1;
  });
  return page;
}

// WCAG basics that every screen must meet, checked on each screenshot: the page has a language
// and one h1, every visible form control and button has an accessible name, every chart has a
// text alternative, and tables have column headers. Returns the problems found.
async function accessibilityProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => el.offsetParent !== null || el.getClientRects().length > 0;
    const named = (el) =>
      (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!document.documentElement.lang) problems.push('html has no lang');
    if (document.querySelectorAll('h1').length !== 1) problems.push(`${document.querySelectorAll('h1').length} h1 elements`);
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden' || !visible(el)) continue;
      if (!named(el)) problems.push(`unlabelled ${el.tagName.toLowerCase()} name=${el.name}`);
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (visible(el) && !el.textContent.trim() && !el.getAttribute('aria-label')) problems.push(`${el.tagName.toLowerCase()} without text`);
    }
    for (const el of document.querySelectorAll('svg[role="img"]')) {
      if (!el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) problems.push('chart without text alternative');
    }
    for (const el of document.querySelectorAll('table')) {
      if (!el.querySelector('th')) problems.push('table without headers');
    }
    return problems;
  });
}

// axe-core (tests/browser/package.json) with the WCAG 2.0 and 2.1 level A and AA rules, run on
// every screenshot point. The script is injected once per page load (a navigation drops it).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = fs.readFileSync(
  path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
);

// One line per violated rule: rule id, impact, how many elements and the first few of them.
function describeViolations(violations) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
    const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
    return `${v.id} [${v.impact}] ${v.help}: ${targets.join(' | ')}${more}`;
  });
}

export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  ).then((result) => result.violations);
}

// Fails with the screen's name and each violation when axe-core finds any; logs one line per check.
export async function checkAxe(page, name) {
  const started = Date.now();
  const violations = await axeViolations(page);
  const lines = describeViolations(violations);
  console.log(`axe: ${name}: ${violations.length} violations (${Date.now() - started} ms)`);
  assert.deepEqual(lines, [], `axe-core (${AXE_TAGS.join(', ')}) violations on screen ${name}:\n${lines.join('\n')}`);
}

export async function screenshot(page, name) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `accessibility problems on screen ${name}`);
  await checkAxe(page, name);
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

// Logs in through the log-in form; for roles with a second factor the form asks for the code
// after the password, which is then computed from the demo secret. A code's 30-second step can
// be used once only, so when another test used it just now, this waits for the next step.
export async function login(page, username) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (TOTP[username]) {
    const code = page.getByLabel(/Code uit uw authenticator-app/);
    await code.waitFor();
    for (let attempt = 0; attempt < 2; attempt++) {
      await code.fill(totp(TOTP[username]));
      await page.getByRole('button', { name: 'Inloggen' }).click();
      const outcome = await Promise.race([
        page.getByRole('button', { name: 'Uitloggen' }).waitFor().then(() => 'in'),
        page.getByText('INVALID_TOTP').waitFor().then(() => 'replay'),
      ]);
      if (outcome === 'in') break;
      await page.waitForTimeout(30000 - (Date.now() % 30000) + 500);
    }
  }
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

// Runs `body(browser)` and exits non-zero on failure, closing the browser either way.
export async function run(name, body) {
  const browser = await launch();
  try {
    await body(browser);
    console.log(`${name}: passed`);
  } catch (error) {
    console.error(`${name}: FAILED\n${error.stack || error}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
