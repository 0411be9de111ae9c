// The contract manager's reason on the provider's line screen (issue 15, Providers): the demo
// provider zorg.vechtstroom declares a line one hour over its weekly cap, so it goes to review;
// cm.jansen rejects it with a reason (through the API: the review screen itself is the
// review_queue test's); the provider then opens the declaration and sees, next to that line,
// "afgewezen", retourcode 9321 with its meaning and "Reden van de gemeente: …" — also with
// "Alleen niet geaccepteerd", at 390 px as a card, and in English.
import { assert, baseUrl, login, newPage, run, screenshot } from './lib.mjs';
import { declareForReview, expectOk, openReview, PROVIDER_USER } from './review_line.mjs';

const REASON = 'Meer uren dan toegewezen; vraag een herindicatie aan bij het wijkteam.';

async function rejectWithReason(browser, line) {
  const page = await newPage(browser);
  await login(page, 'cm.jansen');
  const review = await openReview(page, line.reference);
  await expectOk(page, 'POST', `/reviews/${review.id}/decision`, { decision: 'reject', reason: REASON });
  await page.context().close();
}

const lineRow = (page, line) => page.locator('.paged-list tbody tr', { hasText: line.reference });

// The line's outcome cell: rejected, the rule's code and meaning, and the manager's reason.
async function expectReasonOnLine(page, line) {
  const row = lineRow(page, line);
  await row.waitFor();
  const outcome = row.locator('td[data-label="Uitkomst"]');
  await outcome.getByText('afgewezen', { exact: true }).waitFor();
  assert.equal((await outcome.locator('.hint:not(.cap-figures)').innerText()).trim(), `Reden van de gemeente: ${REASON}`);
  const codes = await row.locator('td[data-label="Retourcode"]').innerText();
  assert.match(codes, /9321 — Het volume is groter dan de toewijzing in deze periode toestaat\./);
  // A list of one page has no pager (and no stray "null" where it would be).
  assert.doesNotMatch(await page.locator('.paged-list .list-body').innerText(), /\bnull\b/);
  return row;
}

await run('provider_review_reason', async (browser) => {
  const line = await declareForReview(browser);
  await rejectWithReason(browser, line);

  const page = await newPage(browser);
  await login(page, PROVIDER_USER);
  await page.goto(`${baseUrl}/provider/declarations/${line.declarationId}`);
  await page.getByRole('heading', { level: 1, name: `Declaratie ${line.number}` }).waitFor();
  await expectReasonOnLine(page, line);
  await screenshot(page, 'provider-review-reason');

  // The same among the lines not accepted.
  await page.getByLabel('Uitkomst').selectOption('not_accepted');
  await page.waitForFunction(() => location.search.includes('status=not_accepted'));
  await expectReasonOnLine(page, line);

  // On a phone: the line is a card, the reason inside its outcome, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 800 });
  const row = await expectReasonOnLine(page, line);
  const cell = row.locator('td[data-label="Uitkomst"]');
  assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'grid');
  const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(extra <= 0, `the declaration scrolls sideways by ${extra} px at 390 px`);
  await screenshot(page, 'provider-review-reason-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  // In English the label is English; the manager's own words stay as written.
  await page.selectOption('#language', 'en');
  await lineRow(page, line).locator('.hint', { hasText: `The municipality's reason: ${REASON}` }).waitFor();
  await screenshot(page, 'provider-review-reason-en');
  await page.selectOption('#language', 'nl');
});
