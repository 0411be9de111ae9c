// The staff's declaration screen (issue 15): zorg.vechtstroom declares 60 lines (one a few
// percent over its cap: in review; one accepted; 58 for allocations that do not exist).
// cm.jansen opens Declaraties from the menu, finds it, opens it: the head (provider,
// municipality, period, number, status, totals), "1–50 van 60", the next page, "Alleen niet
// geaccepteerd" (59), sorted by amount both ways; the line in review with rule 9321 and a link
// to its review, where she accepts it with a reason; back on the declaration the line is
// accepted with her reason and the declaration answered. The lines' export downloads; at
// 390 px nothing scrolls sideways; English; the auditor and finance read it too (finance
// without links to allocations and reviews, which are not theirs). Screenshots (*-decl*).
import { assert, baseUrl, login, newPage, run, screenshot } from './lib.mjs';
import { declareForReview } from './review_line.mjs';

const REJECTED = 58;
const REASON = 'Extra uren in overleg met het wijkteam toegestaan (browsertest).';

const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const euro = (cents) => `€ ${grouped(Math.floor(cents / 100))},${String(cents % 100).padStart(2, '0')}`;

const status = (page) => page.locator('.list-status');
const rows = (page) => page.locator('.paged-list tbody tr');

async function expectStatus(page, text) {
  await page.waitForFunction((t) => document.querySelector('.list-status')?.textContent === t, text, { timeout: 10000 })
    .catch(async () => assert.fail(`status line "${await status(page).textContent()}", expected "${text}"`));
}

async function amounts(page) {
  const texts = await page.locator('.paged-list tbody td[data-label="Bedrag"]').allTextContents();
  return texts.map((s) => Number(s.replace(/[^\d]/g, '')));
}

async function search(page, text) {
  await page.getByLabel('Zoek een prestatie').fill(text);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
}

// From the menu to the declaration, through the list's search.
async function openFromList(page, line, state, shot) {
  await page.locator('#nav').getByRole('link', { name: 'Declaraties' }).click();
  await page.getByRole('heading', { level: 1, name: 'Declaraties' }).waitFor();
  await page.getByLabel('Zoek een declaratie').fill(line.number);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await expectStatus(page, '1–1 van 1');
  const row = rows(page).first();
  const text = await row.innerText();
  assert.ok(text.includes(`${line.providerName} (AGB 73000101)`), text);
  assert.ok(text.includes(euro(line.submitted)) && text.includes(state), text);
  await screenshot(page, shot);
  await row.getByRole('link', { name: line.number }).click();
  await page.getByRole('heading', { level: 1, name: `Declaratie ${line.number}` }).waitFor();
}

async function checkHead(page, line, { awarded }) {
  const head = page.locator('main section', { hasText: 'Gegevens' });
  await head.getByText(awarded).waitFor();
  const text = await head.innerText();
  for (const part of [`Declaratienummer\n${line.number}`, `${line.providerName} (AGB 73000101)`, '0193 Zwolle', ' t/m ', euro(line.submitted)]) {
    assert.ok(text.includes(part), `"${part}" in the head: ${text}`);
  }
}

async function pageFilterSort(page) {
  await expectStatus(page, '1–50 van 60');
  assert.equal(await rows(page).count(), 50);
  await screenshot(page, 'cm-decl');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expectStatus(page, '51–60 van 60');
  await page.getByLabel('Uitkomst').selectOption('not_accepted');
  await expectStatus(page, '1–50 van 59');
  assert.equal(await page.locator('.paged-list tbody tr', { hasText: 'toegekend' }).count(), 0);
  assert.match(page.url(), /status=not_accepted/);
  await page.locator('button[data-sort="amount_cents"]').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] button[data-sort="amount_cents"]'));
  await expectStatus(page, '1–50 van 59');
  const up = await amounts(page);
  assert.deepEqual(up, [...up].sort((x, y) => x - y));
  await page.locator('button[data-sort="amount_cents"]').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] button[data-sort="amount_cents"]'));
  await page.waitForFunction((first) => {
    const cell = document.querySelector('.paged-list tbody td[data-label="Bedrag"]');
    return cell && Number(cell.textContent.replace(/[^\d]/g, '')) !== first;
  }, up[0]);
  const down = await amounts(page);
  assert.deepEqual(down, [...down].sort((x, y) => y - x));
  await screenshot(page, 'cm-decl-not-accepted');
  await page.getByLabel('Uitkomst').selectOption('');
}

// The line in review: rule 9321 with its meaning, and the way to its review.
async function reviewFromLine(page, line) {
  await search(page, line.reference);
  await expectStatus(page, '1–1 van 1');
  const row = rows(page).first();
  await row.getByText('in beoordeling', { exact: true }).waitFor();
  assert.match(await row.innerText(), /9321 — Het volume is groter dan de toewijzing in deze periode toestaat\./);
  // The link leads to the review item itself.
  const toReview = row.getByRole('link', { name: `Naar de beoordeling van prestatie ${line.reference}` });
  await page.waitForFunction(() => /^\/reviews\/\d+$/.test(document.querySelector('a[data-review-line]')?.getAttribute('href') || ''));
  await toReview.click();
  await page.getByRole('heading', { level: 1, name: `Regel ${line.reference} beoordelen` }).waitFor();
  // The review item leads back to its declaration.
  assert.equal(await page.locator('main').getByRole('link', { name: line.number, exact: true }).getAttribute('href'), `/declarations/${line.declarationId}`);
  await page.getByLabel('Reden').fill(REASON);
  await page.getByRole('button', { name: 'Accepteren' }).click();
  await page.getByRole('group', { name: `Regel ${line.reference} accepteren?` }).getByRole('button', { name: 'Ja, accepteren' }).click();
  await page.locator('#status', { hasText: `Regel ${line.reference} is geaccepteerd.` }).waitFor();
}

// Decided: the line accepted with the manager's reason, the declaration answered.
async function decidedLine(page, line) {
  await page.goto(`${baseUrl}/declarations/${line.declarationId}?q=${line.reference}`);
  await expectStatus(page, '1–1 van 1');
  const outcome = rows(page).first().locator('td[data-label="Uitkomst"]');
  await outcome.getByText('toegekend', { exact: true }).waitFor();
  assert.equal((await outcome.locator('.hint:not(.cap-figures)').innerText()).trim(), `Reden van de gemeente: ${REASON}`);
  assert.equal(await outcome.getByRole('link').count(), 0, 'no review link once decided');
  await checkHead(page, line, { awarded: euro(line.amount + 2 * line.tariff) });
  await page.locator('main section', { hasText: 'Gegevens' }).getByText('beantwoord', { exact: true }).waitFor();
  await screenshot(page, 'cm-decl-decided');
}

async function exportLines(page, line) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporteren (Excel)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `declaratie-${line.declarationId}-regels.csv`);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  assert.ok(text.startsWith('\ufeff'), 'the file starts with the byte order mark');
  assert.equal(text.split('\r\n').filter(Boolean).length, 61, 'a header and every line');
  assert.ok(text.includes(line.reference));
}

async function smallScreen(page) {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.locator('.paged-list tbody td').first().waitFor();
  const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(extra <= 0, `the declaration scrolls sideways by ${extra} px at 390 px`);
  assert.equal(await page.locator('.paged-list tbody td').first().evaluate((td) => getComputedStyle(td).display), 'grid');
  await screenshot(page, 'cm-decl-390');
  await page.setViewportSize({ width: 1280, height: 900 });
}

await run('staff_declaration', async (browser) => {
  const line = await declareForReview(browser, { accepted: true, rejected: REJECTED });
  const page = await newPage(browser);
  await login(page, 'cm.jansen');
  await openFromList(page, line, 'wacht op beoordeling', 'cm-decl-list');
  // Awarded so far: the accepted line; the answer is due after the review.
  await checkHead(page, line, { awarded: euro(2 * line.tariff) });
  await page.locator('main section', { hasText: 'Gegevens' }).getByText('Antwoord uiterlijk').waitFor();
  await pageFilterSort(page);
  await reviewFromLine(page, line);
  await decidedLine(page, line);
  await page.goto(`${baseUrl}/declarations/${line.declarationId}`);
  await expectStatus(page, '1–50 van 60');
  await exportLines(page, line);
  await smallScreen(page);
  await page.selectOption('#language', 'en');
  await page.getByRole('heading', { level: 1, name: `Declaration ${line.number}` }).waitFor();
  await expectStatus(page, '1–50 of 60');
  await screenshot(page, 'cm-decl-en');
  await page.selectOption('#language', 'nl');
  await page.context().close();

  // The auditor reads the same screen (the review link too, read-only there).
  const auditor = await newPage(browser);
  await login(auditor, 'aud.smit');
  await openFromList(auditor, line, 'beantwoord', 'aud-decl-list');
  await expectStatus(auditor, '1–50 van 60');
  await screenshot(auditor, 'aud-decl');
  await auditor.context().close();

  // Finance reads it as well; allocations and reviews are not finance's to open (no links).
  const finance = await newPage(browser);
  await login(finance, 'fin.mulder');
  await openFromList(finance, line, 'beantwoord', 'fin-decl-list');
  await expectStatus(finance, '1–50 van 60');
  assert.equal(await finance.locator('.paged-list tbody a').count(), 0, 'no links to allocations or reviews');
  await screenshot(finance, 'fin-decl');
});
