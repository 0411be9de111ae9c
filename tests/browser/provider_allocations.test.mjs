// A provider's allocations name the client (issue 15, Providers): zorg.vechtstroom finds
// H.J. Jansen's allocation by surname and sees the name with the birth date, as the WMO301 gave
// them, in the list and on the allocation's screen.
import { assert, login, newPage, run, screenshot } from './lib.mjs';

await run('provider_allocations', async (browser) => {
  const page = await newPage(browser);
  await login(page, 'zorg.vechtstroom');
  await page.getByRole('link', { name: 'Toewijzingen' }).click();
  await page.locator('main tbody tr').first().waitFor();
  await page.getByRole('searchbox').first().fill('Jansen');
  await page.getByRole('searchbox').first().press('Enter');
  const cell = page.locator('main tbody td', { hasText: 'H.J. Jansen (geb. 12-03-1948)' }).first();
  await cell.waitFor();
  await screenshot(page, 'prov-allocations-client');
  await page.locator('main tbody tr', { hasText: 'H.J. Jansen' }).first().locator('a').first().click();
  await page.getByText('H.J. Jansen (geb. 12-03-1948)').first().waitFor();
  assert.ok(await page.getByText('H.J. Jansen (geb. 12-03-1948)').count() >= 1);
  await screenshot(page, 'prov-allocation-client');
});
