// Setting and correcting a budget's amount on the budget screen (finance): a budget named as the
// claims service names an unbudgeted one ("Unbudgeted 02 PGB <year>", € 0,00) is marked "niet
// begroot"; fin.devries sets its amount without a reason, then a correction without a reason is
// refused (REASON_REQUIRED, next to the field) and one with a reason is recorded; the changes
// table lists both, newest first. A budget holder sees the changes but no form. The budget is of
// a random far year (another one on the rare duplicate), so no other test meets it.
import { assert, baseUrl, login, newPage, run, screenshot, pageCall as api } from './lib.mjs';


run('budget_amount', async (browser) => {
  const fin = await newPage(browser);
  await login(fin, 'fin.devries');
  let created = null;
  for (let attempt = 0; attempt < 5 && !(created && created.status === 201); attempt++) {
    const year = 2900 + Math.floor(Math.random() * 99);
    created = await api(fin, 'POST', '/budgets', {
      year, municipality_code: '0193', product_category: '02', financing_kind: 'PGB',
      amount_cents: 0, name: `Unbudgeted 02 PGB ${year}`,
    });
  }
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;

  await fin.goto(`${baseUrl}/budgets/${id}`);
  await fin.locator('#budget-unbudgeted').getByText('niet begroot').waitFor();
  const form = fin.locator('#budget-amount-form');
  await form.getByLabel('Nieuw bedrag (€)').fill('25.000,00');
  await form.getByRole('button', { name: 'Bedrag vastleggen' }).click();
  await fin.getByText('Het bedrag is nu € 25.000,00 (was € 0,00).').waitFor();
  assert.equal(await fin.locator('#budget-unbudgeted').count(), 0, 'no longer unbudgeted');

  const form2 = fin.locator('#budget-amount-form');
  await form2.getByLabel('Nieuw bedrag (€)').fill('20.000,00');
  await form2.getByRole('button', { name: 'Bedrag vastleggen' }).click();
  await form2.getByText('REASON_REQUIRED').waitFor();
  await form2.getByLabel('Reden').fill('Raadsbesluit voorjaarsnota');
  await form2.getByRole('button', { name: 'Bedrag vastleggen' }).click();
  await fin.getByText('Het bedrag is nu € 20.000,00 (was € 25.000,00).').waitFor();
  const rows = fin.locator('#budget-amount-changes tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /Raadsbesluit voorjaarsnota/);
  assert.match(await rows.nth(1).textContent(), /25\.000,00/);
  await screenshot(fin, 'budget-amount');

  const auditor = await newPage(browser);
  await login(auditor, 'aud.smit');
  await auditor.goto(`${baseUrl}/budgets/${id}`);
  await auditor.locator('#budget-amount-changes tbody tr').first().waitFor();
  assert.equal(await auditor.locator('#budget-amount-form').count(), 0, 'no form for an auditor');
  await screenshot(auditor, 'budget-amount-auditor');
});
