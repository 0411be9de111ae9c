// A provider's bank account change with four eyes, on the finance provider screen: fin.devries
// proposes a new IBAN and sees no approve button for his own proposal; fin.mulder rejects it with
// a reason; fin.mulder proposes another one valid ten years from now and fin.devries approves it
// after a confirmation that names the old and new account; the history shows both decisions and
// keeps the old account current (the new one starts later). Uses demo provider 73000120 only,
// and only future dates, so no run of another test is affected.
import { assert, baseUrl, login, newPage, run, screenshot, pageCall as api } from './lib.mjs';

const AGB = '73000120'; // Zorgboerderij De Hessenhoeve

// A valid Dutch IBAN of bank INGB with a random 10-digit account (ISO 13616 check digits).
function freshIban() {
  const account = String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  const letters = (s) => [...s].map((c) => String(c.charCodeAt(0) - 55)).join('');
  const check = 98n - (BigInt(`${letters('INGB')}${account}${letters('NL')}00`) % 97n);
  return `NL${String(check).padStart(2, '0')}INGB${account}`;
}

const inTenYears = () => `${new Date().getFullYear() + 10}-01-01`;

run('provider_account', async (browser) => {
  const devries = await newPage(browser);
  await login(devries, 'fin.devries');
  const mulder = await newPage(browser);
  await login(mulder, 'fin.mulder');
  const balances = await api(devries, 'GET', '/provider-balances?limit=1000');
  const provider = balances.body.find((p) => p.agb === AGB);
  assert.ok(provider, `provider ${AGB} in the balances`);
  const path = `/finance/providers/${provider.provider_id}`;
  // A proposal left over from an interrupted run is rejected first.
  const before = await api(devries, 'GET', `/providers/${provider.provider_id}/bank-accounts`);
  for (const a of before.body.filter((x) => x.status === 'proposed')) {
    const by = a.proposed_by === 'fin.devries' ? mulder : devries;
    await api(by, 'POST', `/provider-bank-accounts/${a.id}/reject`, { reason: 'opruimen na afgebroken test' });
  }
  const current = before.body.find((a) => a.current);

  // fin.devries proposes; he cannot decide his own proposal.
  const first = freshIban();
  await devries.goto(`${baseUrl}${path}`);
  await devries.getByRole('heading', { name: 'Bankrekening', level: 2, exact: true }).waitFor();
  const history = devries.locator('#account-history');
  await history.getByText('huidige rekening').waitFor();
  const propose = devries.locator('#account-propose-form');
  await propose.getByLabel('IBAN').fill('NL00INGB0000000000');
  await propose.getByLabel('Geldig vanaf').fill(inTenYears());
  await propose.getByRole('button', { name: 'Wijziging voorstellen' }).click();
  await propose.getByText(/IBAN is niet geldig|INVALID_IBAN/).first().waitFor();
  await propose.getByLabel('IBAN').fill(first);
  await propose.getByRole('button', { name: 'Wijziging voorstellen' }).click();
  await devries.getByText(`De wijziging naar ${first} is voorgesteld`).waitFor();
  await devries.locator('#account-mine').waitFor();
  assert.equal(await devries.getByRole('button', { name: 'Goedkeuren' }).count(), 0, 'no approve button for the proposer');
  await screenshot(devries, 'fin-provider-account-proposed');

  // fin.mulder rejects it with a reason.
  await mulder.goto(`${baseUrl}${path}`);
  const reject = mulder.locator('#account-reject-form');
  await reject.getByLabel('Reden van afkeuren').fill('IBAN niet bevestigd door aanbieder');
  await reject.getByRole('button', { name: 'Afkeuren' }).click();
  await mulder.getByText(`De wijziging naar ${first} is afgekeurd.`).waitFor();
  const rejectedRow = mulder.getByRole('row').filter({ hasText: first });
  await rejectedRow.getByText('afgekeurd', { exact: true }).waitFor();
  assert.match(await rejectedRow.textContent(), /IBAN niet bevestigd door aanbieder/);

  // fin.mulder proposes another; fin.devries approves it after the confirmation.
  const second = freshIban();
  const propose2 = mulder.locator('#account-propose-form');
  await propose2.getByLabel('IBAN').fill(second);
  await propose2.getByLabel('Tenaamstelling').fill('De Hessenhoeve B.V.');
  await propose2.getByLabel('Geldig vanaf').fill(inTenYears());
  await propose2.getByRole('button', { name: 'Wijziging voorstellen' }).click();
  await mulder.getByText(`De wijziging naar ${second} is voorgesteld`).waitFor();

  await devries.reload();
  await devries.getByRole('button', { name: 'Goedkeuren' }).click();
  const box = devries.getByRole('group', { name: `Bankrekening wijzigen naar ${second}?` });
  await box.waitFor();
  const summary = await box.innerText();
  assert.ok(summary.includes(second) && summary.includes(current.iban) && summary.includes('De Hessenhoeve B.V.'), summary);
  await screenshot(devries, 'fin-provider-account-confirm');
  await box.getByRole('button', { name: 'Ja, goedkeuren' }).click();
  await devries.getByText(`De wijziging naar ${second} is goedgekeurd.`).waitFor();
  const approvedRow = devries.getByRole('row').filter({ hasText: second });
  await approvedRow.getByText('goedgekeurd', { exact: true }).waitFor();
  assert.match(await approvedRow.textContent(), /fin\.devries/);
  const currentRow = devries.getByRole('row').filter({ hasText: 'huidige rekening' });
  assert.match(await currentRow.textContent(), new RegExp(current.iban));
  await screenshot(devries, 'fin-provider-account-history');
});
