// The shell: log-in errors next to the field (with the request id), Dutch by default, English on request, role menu,
// log-out; a provider user cannot open a finance screen's data (the server refuses).
import { assert, baseUrl, login, newPage, run, screenshot, PASSWORD } from './lib.mjs';

await run('smoke', async (browser) => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByLabel('Gebruikersnaam').fill('cm.jansen');
  await page.getByLabel('Wachtwoord').fill('wrong-password');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('INVALID_CREDENTIALS').waitFor();
  // The error shows the request id (X-Request-Id), which the user can quote to the operator.
  const requestId = page.locator('.request-id');
  await requestId.waitFor();
  assert.match(await requestId.textContent(), /^Verzoek-id: [0-9a-f]{32}$/);
  await screenshot(page, 'login-error');

  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
  await page.getByText(/Ingelogd als Petra Jansen/).waitFor();

  await page.selectOption('#language', 'en');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.selectOption('#language', 'nl');

  // The API refuses what the role may not see, whatever the page shows.
  const status = await page.evaluate(async () => (await fetch('/api/v1/payment-runs', { headers: { 'X-ZC-Web': '1' } })).status);
  assert.equal(status, 403);
  // Without the CSRF header a cookie request that changes something is refused.
  const csrf = await page.evaluate(async () => (await fetch('/api/v1/auth/logout', { method: 'POST' })).status);
  assert.equal(csrf, 403);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  const after = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(after, 401);

  // Keyboard only: the user name field has focus, Tab goes to the password, Enter logs in; the
  // menu is reachable with Tab and a link is followed with Enter.
  await page.keyboard.type('ao.bakker');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  // The shell moves focus to the main region once a screen is rendered.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main');
  await page.locator('#nav a').first().focus();
  await page.keyboard.press('Tab');
  const second = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.ok(second && second !== '/clients', `Tab moves to the second menu entry, not ${second}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((href) => location.pathname === href, second);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(page, 'keyboard-navigation');
});
