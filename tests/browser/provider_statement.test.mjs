// The provider's statement, paged (issue 17): the statement's lines and payments come a page at a
// time with "1–N van M" (M the server's count for the whole period) while the totals cover the
// whole period. fin.devries opens the provider with the most payables this year, sees the first
// page and its count, moves to the next page when there is one, and opens the dispute form of an
// open payable from the line itself (then cancels: nothing changes). zorg.vechtstroom sees its own
// statement with the same count the API gives. The demo alone has no payables; in the full suite
// the e2e tier's declarations make them, so the steps that need lines run when there are some
// (the paging itself is tested in the db tier: PayableRemainder.TheStatementIsPaged...).
import { assert, baseUrl, login, newPage, run, screenshot, pageCall as api } from './lib.mjs';

const year = new Date().getFullYear();
const period = `from=${year}-01-01&to=${year + 1}-01-01`;
const nl = (n) => n.toLocaleString('nl-NL');
// The first page's status line "1–50 van M" once the totals (`loaded`) are shown; none when
// the period has no lines.
async function expectFirstPage(page, loaded, total) {
  await page.getByText(loaded, { exact: true }).waitFor();
  if (total === 0) {
    assert.equal(await page.locator('.list-status').count(), 0);
    return;
  }
  await page.getByText(`1–${Math.min(50, total)} van ${nl(total)}`).first().waitFor();
}

async function statement(page, providerId, query = '') {
  const r = await api(page, 'GET', `/providers/${providerId}/statement?${period}${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// The provider with the most payables in this year's statement.
async function busiestProvider(page) {
  const balances = await api(page, 'GET', '/provider-balances?limit=1000');
  let best = null;
  for (const p of balances.body.slice(0, 40)) {
    const s = await statement(page, p.provider_id, '&limit=1');
    if (!best || s.lines_total > best.lines_total) best = { id: p.provider_id, lines_total: s.lines_total };
  }
  return best;
}

await run('provider_statement', async (browser) => {
  const fin = await newPage(browser);
  await login(fin, 'fin.devries');
  const provider = await busiestProvider(fin);
  assert.ok(provider, 'the balances list providers');
  const whole = await statement(fin, provider.id, '&limit=1000');
  const first = await statement(fin, provider.id, '&limit=50');
  assert.equal(first.open_balance_cents, whole.open_balance_cents, 'the totals do not depend on the page');

  await fin.goto(`${baseUrl}/finance/providers/${provider.id}`);
  const shown = Math.min(50, provider.lines_total);
  await expectFirstPage(fin, 'Openstaand saldo', provider.lines_total);
  const rows = fin.getByRole('table', { name: 'Posten in de periode' }).locator('tbody tr');
  assert.equal(await rows.count(), shown, 'one page of lines');
  await screenshot(fin, 'fin-provider-statement');
  if (provider.lines_total > 50) {
    await fin.getByRole('button', { name: 'Volgende' }).first().click();
    await fin.waitForURL(/offset=50/);
    await fin.getByText(`51–${Math.min(100, provider.lines_total)} van ${nl(provider.lines_total)}`).first().waitFor();
  }

  // The dispute form opens from an open line, with the payable's id and amount; cancel.
  const open = first.lines.find((l) => l.status === 'open' && !l.disputed_reason);
  if (open) {
    await fin.goto(`${baseUrl}/finance/providers/${provider.id}`);
    await fin.getByRole('button', { name: `Betwisten: post ${open.payable_id}` }).click();
    await fin.getByRole('heading', { name: new RegExp(`Post ${open.payable_id} \\(.*\\) betwisten`) }).waitFor();
    await fin.locator('#dispute-panel').getByRole('button', { name: 'Annuleren' }).click();
    assert.equal(await fin.locator('#dispute-panel').innerText(), '');
  }

  // The provider's own statement.
  const own = await newPage(browser);
  await login(own, 'zorg.vechtstroom');
  await own.getByRole('link', { name: 'Rekeningoverzicht' }).click();
  await own.getByRole('heading', { level: 1, name: 'Rekeningoverzicht' }).waitFor();
  const me = await api(own, 'GET', '/auth/me');
  const mine = await statement(own, me.body.provider_id, '&limit=50');
  await expectFirstPage(own, 'Nog te betalen', mine.lines_total);
  await screenshot(own, 'prov-statement');
});
