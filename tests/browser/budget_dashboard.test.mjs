// Budget holder and controllers: finance records a budget (or sees that it exists), the budget
// holder opens the dashboard, chooses the municipality and a budget, sees the SVG chart with its
// legend and tables in Dutch notation, the forecast and the signal, and requests a reallocation
// (a too large one is refused with the reason next to the field); finance rejects it (four
// eyes); a contract manager sees the spending ceilings. The dashboard's "Exporteren (Excel)"
// downloads the selection for Dutch Excel. Creates what it needs, with unique texts.
import { assert, baseUrl, login, newPage, run, screenshot, pageCall as api } from './lib.mjs';

const YEAR = new Date().getFullYear();
const TAG = `e2e-bud-${Date.now().toString(36)}`;
const SOURCE = { name: 'Individuele begeleiding Zwolle', category: '02' };
const TARGET = { year: YEAR, municipality_code: '0193', district_id: 1, team_id: 1, product_category: '02', financing_kind: 'ZIN', amount_cents: 4000000, name: 'Begeleiding wijkteam Holtenbroek' };

// "€ 1.234,56", as format.js writes it.
function eur(cents) {
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `€ ${cents < 0 ? '-' : ''}${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${digits.slice(-2)}`;
}

const isSource = (b) => b.municipality_code === '0193' && b.district_id === null && b.product_category === '02' && b.financing_kind === 'ZIN';
const isTarget = (b) => b.team_id === 1 && b.product_category === '02' && b.financing_kind === 'ZIN';

// Finance records the municipality's budget through the form; when it exists already the form
// shows DUPLICATE_BUDGET, which is fine too. The team budget comes through the API.
async function financeSetUp(page) {
  await page.goto(`${baseUrl}/budgets/new`);
  await page.getByRole('heading', { name: 'Budget vastleggen', level: 1 }).waitFor();
  await page.getByLabel('Jaar').fill(String(YEAR));
  await page.getByRole('combobox', { name: /^Gemeente/ }).selectOption('0193');
  await page.getByLabel('Productcategorie').selectOption('02');
  await page.getByLabel('Financieringsvorm').selectOption('ZIN');
  await page.getByLabel('Bedrag (€)').fill('150.000,00');
  await page.getByLabel('Naam').fill(SOURCE.name);
  await screenshot(page, 'bud-new');
  await page.getByRole('button', { name: 'Budget vastleggen' }).click();
  const outcome = await Promise.race([
    page.waitForURL(/\/budgets\/\d+/).then(() => 'created'),
    page.getByText('DUPLICATE_BUDGET').waitFor().then(() => 'exists'),
  ]);
  console.log(`municipality budget: ${outcome}`);
  const created = await api(page, 'POST', '/budgets', TARGET);
  assert.ok(created.status === 201 || created.body.code === 'DUPLICATE_BUDGET', JSON.stringify(created));
}

// A contract with a spending ceiling, created once per database (draft, so it changes no
// contract look-up).
async function ensureCeiling(page) {
  const contracts = (await api(page, 'GET', '/contracts?limit=1000')).body;
  const inYear = (c) => c.term_start < `${YEAR + 1}-01-01` && c.term_end > `${YEAR}-01-01`;
  if (contracts.some((c) => c.spending_ceiling_cents && inYear(c))) return;
  const made = await api(page, 'POST', '/contracts', {
    provider_id: 1, municipality_code: '0148', products: ['02A01'], term_start: `${YEAR}-01-01`, term_end: `${YEAR + 1}-01-01`,
    spending_ceiling_cents: 2500000, status: 'draft',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
}

async function dashboard(page, source) {
  await page.getByRole('link', { name: 'Budgetdashboard', exact: true }).click();
  await page.getByRole('heading', { name: 'Budgetdashboard' }).waitFor();
  await page.getByRole('combobox', { name: /^Gemeente/ }).selectOption('0193');
  await page.getByRole('button', { name: 'Tonen' }).click();
  // The chart of the chosen municipality (the first one shown covers all municipalities).
  const chart = page.locator('svg.bud-chart[role="img"][aria-label*="Zwolle (0193)"]');
  await chart.waitFor();
  assert.match(await chart.getAttribute('aria-label'), /Uitputting van Zwolle \(0193\)/);
  assert.equal(await chart.locator(':scope > title').count(), 1);
  assert.match(await chart.locator(':scope > desc').textContent(), /betaald € .* verplicht € /);
  assert.ok(await chart.locator('rect.bud-realised').count() >= 1, 'monthly bars');
  assert.equal(await chart.locator('rect.bud-committed').count(), 1);
  assert.equal(await chart.locator('line.bud-budget-line').count(), 1);
  assert.equal(await chart.locator('line.bud-forecast-line').count(), 1);
  // Labels carry a white halo, so one drawn over a bar keeps its contrast.
  const halo = await chart.locator('g.bud-lines text').first().evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.paintOrder, style.stroke];
  });
  assert.deepEqual(halo, ['stroke', 'rgb(255, 255, 255)'], 'chart label halo');
  const ticks = await chart.locator('g.bud-axis-y text').allTextContents();
  assert.ok(ticks.length >= 2 && ticks.every((x) => /^€ \d{1,3}(\.\d{3})*$/.test(x)), `axis in Dutch notation: ${ticks}`);
  const legend = page.locator('ul.bud-legend').first();
  for (const words of ['gearceerd', 'gestippeld', 'doorgetrokken lijn', 'gestreepte lijn']) await legend.getByText(words).waitFor();
  await page.getByRole('cell', { name: /^€ \d{1,3}(\.\d{3})*,\d{2}$/ }).first().waitFor();
  await page.getByRole('row').filter({ hasText: source.name }).getByText(/^(Signaal|Geen signaal)$/).waitFor();
  await screenshot(page, 'bud-dashboard');
}

// "Exporteren (Excel)" on the dashboard: the selection's budgets as a file for Dutch Excel (UTF-8
// with BOM, ';', Dutch headers, euros with a decimal comma), the source's amount as in the JSON.
async function exportOverview(page, source) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporteren (Excel)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `budgetoverzicht-${YEAR}-0193.csv`);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the file starts with the byte order mark');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  const header = lines[0].split(';');
  assert.deepEqual(header.slice(0, 3), ['Budget-id', 'Jaar', 'Gemeente'], lines[0]);
  const row = lines.map((l) => l.split(';')).find((cells) => cells[0] === String(source.budget.id));
  assert.ok(row, `the source budget's row: ${lines.join(' | ')}`);
  const euros = `${Math.trunc(source.amount_cents / 100)},${String(source.amount_cents % 100).padStart(2, '0')}`;
  assert.equal(row[header.indexOf('Budget (€)')], euros);
  for (const cells of lines.slice(1).map((l) => l.split(';'))) assert.equal(cells[2], '0193', 'only the chosen municipality');
  await page.getByText(new RegExp(`Het bestand budgetoverzicht-${YEAR}-0193\\.csv is gedownload \\(${lines.length - 1} regels\\)`)).waitFor();
  await screenshot(page, 'bud-dashboard-export');
}

async function budgetReport(page, source, report) {
  await page.getByRole('link', { name: source.name }).first().click();
  await page.getByRole('heading', { name: source.name, level: 1 }).waitFor();
  await page.locator('svg.bud-chart[role="img"]').waitFor();
  const state = page.locator('table.bud-facts');
  const row = (label) => state.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  assert.equal(await row('Budget').locator('td').textContent(), eur(report.amount_cents));
  assert.equal(await row('Verplicht (toewijzingen)').locator('td').textContent(), eur(report.committed_cents));
  assert.equal(await row('Prognose jaareinde').locator('td').textContent(), eur(report.forecast_cents));
  const signal = page.locator('p.bud-signal');
  assert.match(await signal.textContent(), report.signal ? /^Signaal De prognose voor het jaareinde/ : /^Geen signaal De prognose/);
  assert.ok((await signal.textContent()).includes(eur(report.forecast_cents)));
  const months = page.getByRole('table', { name: `Gerealiseerd per maand in ${YEAR}` });
  assert.equal(await months.getByRole('rowheader').count(), 12);
  await months.getByRole('rowheader', { name: 'januari' }).waitFor();
  await screenshot(page, 'bud-budget');
}

async function requestReallocation(page, from, to) {
  await page.getByRole('link', { name: 'Herverdelingen', exact: true }).click();
  await page.getByRole('heading', { name: 'Herverdelingen van budget' }).waitFor();
  await page.getByLabel('Van budget').selectOption(String(from.id));
  await page.getByLabel('Naar budget').selectOption(String(to.id));
  await page.getByLabel('Reden').fill(`Meer cliënten in Holtenbroek (${TAG})`);
  await page.getByLabel('Bedrag (€)').fill('999.999.999,00');
  await page.getByRole('button', { name: 'Herverdeling aanvragen' }).click();
  await page.locator('[data-field="amount_cents"] .field-error', { hasText: 'INSUFFICIENT_BUDGET' }).waitFor();
  await page.getByLabel('Bedrag (€)').fill('12,34');
  await page.getByRole('button', { name: 'Herverdeling aanvragen' }).click();
  await page.getByText(/Herverdeling #\d+ van € 12,34 aangevraagd\./).waitFor();
  const row = page.getByRole('row').filter({ hasText: TAG });
  await row.getByText('aangevraagd', { exact: true }).waitFor();
  assert.ok((await row.textContent()).includes('€ 12,34'));
  await screenshot(page, 'bud-reallocations');
  return Number(/#(\d+)/.exec(await page.locator('#status').textContent())[1]);
}

async function rejectReallocation(page, id) {
  await page.goto(`${baseUrl}/budget-reallocations?status=requested`);
  await page.getByRole('link', { name: `Beslissen over #${id}` }).click();
  await page.getByRole('heading', { name: `Herverdeling #${id}` }).waitFor();
  await page.getByRole('combobox', { name: /^Besluit/ }).selectOption('reject');
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.getByText('REASON_REQUIRED').waitFor();
  await screenshot(page, 'bud-decision');
  await page.getByLabel('Toelichting').fill(`Niet nodig (${TAG})`);
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.getByText(`Herverdeling #${id} is afgewezen.`).waitFor();
  await page.getByRole('row').filter({ hasText: `Niet nodig (${TAG})` }).getByText('afgewezen', { exact: true }).waitFor();
}

async function ceilings(page) {
  await ensureCeiling(page);
  await page.getByRole('link', { name: 'Omzetplafonds', exact: true }).click();
  await page.getByRole('heading', { name: 'Omzetplafonds van zorgaanbieders' }).waitFor();
  const table = page.getByRole('table', { name: /Contracten met een omzetplafond/ });
  await table.waitFor();
  await table.getByText(/^(binnen plafond|waarschuwing \(70 %\)|overschreden)$/).first().waitFor();
  await table.getByRole('cell', { name: /^€ \d{1,3}(\.\d{3})*,\d{2}$/ }).first().waitFor();
  await screenshot(page, 'bud-ceilings');
}

// Issue 13 (S12): a budget holder moves money only between budgets they hold. The admin
// records both budgets with bh.visser as their holder (finance's form then finds them).
async function adminSetUp(page) {
  const users = (await api(page, 'GET', '/users?limit=1000')).body;
  const visser = users.find((u) => u.username === 'bh.visser');
  assert.ok(visser, 'bh.visser exists');
  for (const b of [
    { year: YEAR, municipality_code: '0193', product_category: SOURCE.category, financing_kind: 'ZIN', amount_cents: 15000000, name: SOURCE.name },
    TARGET,
  ]) {
    const created = await api(page, 'POST', '/budgets', { ...b, budget_holder_user_id: visser.id });
    assert.ok(created.status === 201 || created.body.code === 'DUPLICATE_BUDGET', JSON.stringify(created));
  }
}

await run('budget_dashboard', async (browser) => {
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await adminSetUp(admin);
  const finance = await newPage(browser);
  await login(finance, 'fin.mulder');
  await financeSetUp(finance);

  const holder = await newPage(browser);
  await login(holder, 'bh.visser');
  const overview = (await api(holder, 'GET', `/budgets/overview?year=${YEAR}&municipality=0193`)).body.rows;
  const source = overview.find((r) => isSource(r.budget));
  const target = overview.find((r) => isTarget(r.budget));
  assert.ok(source && target, 'both budgets exist');
  const report = (await api(holder, 'GET', `/budgets/${source.budget.id}/exhaustion`)).body;
  await dashboard(holder, source.budget);
  await exportOverview(holder, source);
  await budgetReport(holder, source.budget, report);
  // Move money between two budgets bh.visser holds (the demo's Zwolle budgets and the two above;
  // a budget a claim created as "Unbudgeted" before this test has no holder), from the one with
  // the most left.
  const me = (await api(holder, 'GET', '/auth/me')).body;
  const held = overview.filter((r) => r.budget.budget_holder_user_id === me.user_id)
    .sort((a, b) => b.remaining_cents - a.remaining_cents);
  assert.ok(held.length >= 2, `bh.visser holds two budgets of ${YEAR}`);
  const id = await requestReallocation(holder, held[0].budget, held[1].budget);

  await rejectReallocation(finance, id);

  const cm = await newPage(browser);
  await login(cm, 'cm.jansen');
  await ceilings(cm);
});
