// The provider's message inbox (issue 15, Providers): zorg.vechtstroom opens Berichten, sees
// the demo's WMO301s with "1–N van M" (M the server's total), filters on WMO301, finds a message
// by its identification and downloads it as XML; the download does not count as a fetch by its
// software (the badge stays the same after a reload).
import fs from 'node:fs';
import { assert, login, newPage, run, screenshot } from './lib.mjs';

// The inbox's total as the server counts it (X-Total-Count), in the page's session.
async function total(page, query) {
  return page.evaluate(async (q) => {
    const r = await fetch(`/api/v1/inbox${q}`, { headers: { 'X-ZC-Web': '1' } });
    return Number(r.headers.get('X-Total-Count'));
  }, query);
}

function rowCells(page) {
  return page.locator('main tbody tr');
}

await run('provider_inbox', async (browser) => {
  const page = await newPage(browser);
  await login(page, 'zorg.vechtstroom');
  await page.getByRole('link', { name: 'Berichten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Berichten van gemeenten' }).waitFor();
  await rowCells(page).first().waitFor();
  const all = await total(page, '');
  assert.ok(all > 0, 'the demo sent De Vechtstroom WMO301s');
  const shown = Math.min(all, 50);
  await page.getByText(`1–${shown} van ${all.toLocaleString('nl-NL')}`).first().waitFor();
  assert.equal(await rowCells(page).count(), shown);
  await screenshot(page, 'prov-inbox');

  // Only the allocations.
  await page.getByLabel('Bericht', { exact: true }).selectOption('wmo301');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL(/message=wmo301/);
  await rowCells(page).first().waitFor();
  const kinds = await page.locator('main tbody tr td:first-child').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.includes('WMO301 toewijzing')), `only WMO301s: ${kinds}`);
  assert.equal(await rowCells(page).count(), Math.min(await total(page, '?message=wmo301'), 50));

  // Found by its identification.
  const identificatie = (await page.locator('main tbody tr td:nth-child(2)').first().textContent()).trim();
  await page.getByLabel('Identificatie bevat').fill(identificatie);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL(new RegExp(`q=${identificatie}`));
  await page.locator('main tbody tr td:nth-child(2)', { hasText: identificatie }).first().waitFor();
  const software = (await page.locator('main tbody tr td:nth-child(5)').first().textContent()).trim();

  // Downloaded as XML.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `WMO301-${identificatie}.xml downloaden` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `WMO301-${identificatie}.xml`);
  const xml = fs.readFileSync(await download.path(), 'utf8');
  assert.match(xml, /^<\?xml/);
  assert.ok(xml.includes('wmo301') && xml.includes(identificatie), 'the WMO301 itself');

  // Still waiting for the provider's software as before.
  await page.reload();
  await page.locator('main tbody tr td:nth-child(2)', { hasText: identificatie }).first().waitFor();
  assert.equal((await page.locator('main tbody tr td:nth-child(5)').first().textContent()).trim(), software);
  await screenshot(page, 'prov-inbox-found');
});
