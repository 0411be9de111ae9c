// Small screens (WCAG 1.4.10 reflow): every provider screen at 390 px (a phone) and 320 px wide
// shows without sideways scrolling of the page; tables become cards with each value's label.
import { assert, baseUrl, login, run, screenshot } from './lib.mjs';

// The provider screens, each with something to show in the demo region (the first link of a
// list leads to its detail screen).
const SCREENS = [
  { path: '/provider/contracts', detail: /^Contract \d+$/ },
  { path: '/provider/allocations', detail: /^\d+$/ },
  { path: '/provider/declarations', detail: /^[A-Z0-9-]+$/ },
  { path: '/provider/statement' },
  { path: '/provider/declare' },
  { path: '/provider/messages' },
];

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function check(page, width, name) {
  const extra = await overflow(page);
  assert.ok(extra <= 0, `${name} at ${width} px scrolls sideways by ${extra} px`);
  await screenshot(page, `small-${width}-${name}`);
}

await run('small_screens', async (browser) => {
  for (const width of [390, 320]) {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      console.error(`page error: ${e.message}`);
      process.exitCode = 1;
    });
    await login(page, 'zorg.vechtstroom');
    for (const screen of SCREENS) {
      await page.goto(`${baseUrl}${screen.path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const name = screen.path.split('/').pop();
      await check(page, width, name);
      if (!screen.detail) continue;
      const first = page.locator('main tbody a').filter({ hasText: screen.detail }).first();
      if (await first.count() === 0) continue;
      await first.click();
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, width, `${name}-detail`);
    }
    // A table is a list of cards: every value carries its column's label.
    await page.goto(`${baseUrl}/provider/allocations`);
    const cell = page.locator('main tbody td').first();
    await cell.waitFor();
    assert.ok((await cell.getAttribute('data-label')).length > 0, 'the cell names its column');
    assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'grid', 'cells are stacked as a card');
    await context.close();
  }
});
