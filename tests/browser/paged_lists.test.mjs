// Paged lists (issue 15): the provider zorg.vechtstroom (AGB 73000101) opens a declaration of
// 60 lines (seeded through the API: one accepted, 59 for allocations that do not exist) and sees
// "1–50 van 60", pages forward to "51–60 van 60", filters "Alleen niet geaccepteerd" (59), sorts
// by amount both ways and searches one line; its allocations list shows the total, pages with
// 10 per page and a search narrows it. Its own clients, decisions and allocations are created
// first by the access officer, so the test can run again on any database.
import { assert, baseUrl, login, newPage, run, screenshot, pageCall as call } from './lib.mjs';

const AGB = '73000101';
const LINES = 60;
const run36 = Date.now().toString(36).toUpperCase().slice(-7);

function randomBsn() {
  for (;;) {
    const d = [8, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const sum = d.reduce((s, x, i) => s + (9 - i) * x, 0);
    const check = sum % 11;
    if (check < 10) return d.join('') + check;
  }
}

const pad = (n) => String(n).padStart(2, '0');

// Last calendar month, half-open: [start, next).
function lastMonth() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { start: iso(first), next: iso(next), validTo: iso(until) };
}

// A client with 40 hours a month of IB from last month on, allocated to 73000101.
async function createAllocation(page, p, providerId, surname) {
  let client;
  let bsn;
  for (let i = 0; i < 5 && !client; i++) {
    bsn = randomBsn();
    const r = await call(page, 'POST', '/clients', { bsn, surname, birth_date: '1957-03-03', gender: '1', house_number: '5', postcode: '8011AB', municipality_code: '0193' });
    if (r.status === 201) client = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_CLIENT', JSON.stringify(r.body));
  }
  let decision;
  for (let i = 0; i < 5 && !decision; i++) {
    const r = await call(page, 'POST', `/clients/${client.id}/decisions`, {
      number: 100000000 + Math.floor(Math.random() * 899999999), decision_date: p.start, valid_from: p.start, valid_to: p.validTo,
      products: [{ product_code: '02A01', volume: 40, unit: 'hours', frequency: 'month', financing: 'ZIN' }],
    });
    if (r.status === 201) decision = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_DECISION', JSON.stringify(r.body));
  }
  const alloc = await call(page, 'POST', '/allocations', { granted_product_id: decision.products[0].id, provider_id: providerId, start_date: p.start });
  assert.equal(alloc.status, 201, JSON.stringify(alloc.body));
  return { bsn, number: alloc.body.number };
}

// As ao.bakker: one allocation for the declaration, and more until the provider has at least
// 11 (so that its list has two pages of 10).
async function seedAllocations(browser, p) {
  const page = await newPage(browser);
  await login(page, 'ao.bakker');
  const providers = await call(page, 'GET', '/providers?limit=1000');
  const provider = providers.body.find((x) => x.agb === AGB);
  const main = await createAllocation(page, p, provider.id, `Lijsttest ${run36}`);
  let count = Number((await call(page, 'GET', `/allocations?provider_id=${provider.id}&limit=1`)).total);
  for (; count < 11; count++) await createAllocation(page, p, provider.id, `Lijstvulling ${run36}`);
  const tariff = await call(page, 'GET', `/queries/tariff?agb=${AGB}&product=02A01&date=${p.start}&municipality=0193`);
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  await page.context().close();
  return { ...main, tariff: tariff.body.tariff_cents };
}

// Line 1: 6 hours of the allocation (accepted); line k: k hours of allocation 99000000k (none).
function declaration(p, a, number) {
  const lines = [];
  let total = 0;
  for (let k = 1; k <= LINES; k++) {
    const hours = k === 1 ? 6 : k;
    total += hours * a.tariff;
    lines.push({
      reference: `${number}${String(k).padStart(3, '0')}`, allocation_number: k === 1 ? a.number : 990000000 + k, bsn: a.bsn,
      category: '02', product_code: '02A01', period_start: p.start, period_end: p.next, volume: hours, unit: 'hours',
      tariff_cents: a.tariff, amount_cents: hours * a.tariff,
    });
  }
  return { number, period_start: p.start, period_end: p.next, total_submitted_cents: total, lines };
}

const status = (page) => page.locator('.list-status');
const rows = (page) => page.locator('.paged-list tbody tr');

async function expectStatus(page, text) {
  await page.waitForFunction((t) => document.querySelector('.list-status')?.textContent === t, text, { timeout: 10000 })
    .catch(async () => assert.fail(`status line "${await status(page).textContent()}", expected "${text}"`));
}

// The amounts of the rows shown, in cents.
async function amounts(page) {
  const texts = await page.locator('.paged-list tbody tr td:nth-child(7)').allTextContents();
  return texts.map((s) => Number(s.replace(/[^\d]/g, '')));
}

await run('paged_lists', async (browser) => {
  const p = lastMonth();
  const a = await seedAllocations(browser, p);
  const page = await newPage(browser);
  await login(page, 'zorg.vechtstroom');
  const number = `LT${run36}`;
  const sent = await call(page, 'POST', '/declarations', declaration(p, a, number));
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.equal(sent.body.accepted, 1, JSON.stringify(sent.body));
  const id = sent.body.declaration_id;

  // The declaration: its first 50 lines of 60.
  await page.goto(`${baseUrl}/provider/declarations/${id}`);
  await expectStatus(page, '1–50 van 60');
  assert.equal(await rows(page).count(), 50);
  await screenshot(page, 'paged_lists_declaration');

  // Forward to the last 10.
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expectStatus(page, '51–60 van 60');
  assert.equal(await rows(page).count(), 10);
  assert.ok(await page.getByRole('button', { name: 'Volgende' }).isDisabled());

  // Only the lines not accepted: 59, back on the first page.
  await page.getByLabel('Uitkomst').selectOption('not_accepted');
  await expectStatus(page, '1–50 van 59');
  assert.equal(await page.locator('.paged-list tbody tr', { hasText: 'toegekend' }).count(), 0);
  assert.match(page.url(), /status=not_accepted/);

  // Sorted by amount: ascending, then descending.
  const amountHeader = page.locator('th', { has: page.locator('button[data-sort="amount_cents"]') });
  await page.locator('button[data-sort="amount_cents"]').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] button[data-sort="amount_cents"]'));
  await expectStatus(page, '1–50 van 59');
  const up = await amounts(page);
  assert.deepEqual(up, [...up].sort((x, y) => x - y));
  await page.locator('button[data-sort="amount_cents"]').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] button[data-sort="amount_cents"]'));
  await page.waitForFunction((first) => {
    const cell = document.querySelector('.paged-list tbody tr td:nth-child(7)');
    return cell && Number(cell.textContent.replace(/[^\d]/g, '')) !== first;
  }, up[0]);
  const down = await amounts(page);
  assert.deepEqual(down, [...down].sort((x, y) => y - x));
  assert.ok(down[0] > up[up.length - 1], 'descending starts above the ascending page');
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'descending');
  await screenshot(page, 'paged_lists_declaration_sorted');

  // A search narrows to one line; a search that matches nothing says so.
  await page.getByLabel('Uitkomst').selectOption('');
  await expectStatus(page, '1–50 van 60');
  await page.getByLabel('Zoek een prestatie').fill(`${number}001`);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await expectStatus(page, '1–1 van 1');
  await page.getByLabel('Zoek een prestatie').fill('geen-zo-een-regel');
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await expectStatus(page, 'Niets gevonden');
  await page.getByText('Niets gevonden met deze zoekterm of filters.').waitFor();

  // English: "of" and English grouping.
  // (The language choice is remembered; set it back to Dutch at the end.)
  await page.selectOption('#language', 'en');
  await page.goto(`${baseUrl}/provider/declarations/${id}`);
  await expectStatus(page, '1–50 of 60');
  await screenshot(page, 'paged_lists_declaration_en');
  await page.selectOption('#language', 'nl');

  // The allocations: the total, 10 per page, the next page, a search.
  await page.goto(`${baseUrl}/provider/allocations`);
  await page.waitForFunction(() => /^1–\d+ van [\d.]+$/.test(document.querySelector('.list-status')?.textContent || ''));
  await page.getByLabel('Per pagina').selectOption('10');
  await page.waitForFunction(() => /^1–10 van [\d.]+$/.test(document.querySelector('.list-status')?.textContent || ''));
  const total = Number((await status(page).textContent()).split(' van ')[1].replace(/\./g, ''));
  assert.ok(total >= 11, `the provider has ${total} allocations`);
  await screenshot(page, 'paged_lists_allocations');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.waitForFunction(() => /^11–\d+ van [\d.]+$/.test(document.querySelector('.list-status')?.textContent || ''));
  await page.getByLabel('Zoek een toewijzing').fill(String(a.number));
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.waitForFunction(() => /^1–\d+ van \d+$/.test(document.querySelector('.list-status')?.textContent || ''));
  const found = Number((await status(page).textContent()).split(' van ')[1]);
  assert.ok(found >= 1 && found < total, `a search narrows: ${found} of ${total}`);
  await page.locator('.paged-list tbody tr', { hasText: String(a.number) }).first().waitFor();
  await screenshot(page, 'paged_lists_allocations_search');
});
