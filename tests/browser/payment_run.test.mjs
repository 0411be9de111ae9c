// A payment run through the finance screens, with four eyes: a provider's accepted declaration
// makes an open payable (API); fin.devries prepares a run for that provider and sees its total in
// Dutch notation, and is refused when approving it himself; fin.mulder approves it, downloads
// the pain.001 (XML with the run's CtrlSum) and imports the bank statement that books it; the
// unknown entry on that statement lands on the work list and is resolved there.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { assert, baseUrl, login, newPage, run, screenshot } from './lib.mjs';

const testenv = process.env.ZC_TESTENV;
const ca = fs.readFileSync(path.join(testenv, 'tls', 'ca.crt'));
const AGB = '73000103'; // demo provider Stichting Begeleid Verder Zwolle
const ALLOCATION = 3; // its demo allocation: 02A01, 39 hours a month
const BSN = '999900031'; // the client of allocation 3 in the demo data
const BLOCK_AGB = '73000119'; // demo provider Stichting Dagwerk Zwolle, blocked and unblocked here only
const DEBTOR = { iban: 'NL02ABNA0123456789', bic: 'ABNANL2A', name: 'Gemeente Zwolle' }; // as payments_test

function apiKey() {
  const demo = fs.readFileSync(path.join(testenv, 'demo.txt'), 'utf8');
  const m = new RegExp(`${AGB} .*: (\\S+)`).exec(demo);
  assert.ok(m, `no API key for ${AGB} in demo.txt`);
  return m[1];
}

function api(method, route, { key, json } = {}) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = https.request(`${baseUrl}/api/v1${route}`, {
      method, ca,
      headers: { 'X-Api-Key': key, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (days) => iso(new Date(Date.now() + days * 86400000));
// 123456 -> "€ 1.234,56" (what the screens must show) and "1234.56" (the XML).
const dutch = (c) => `€ ${String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(c % 100).padStart(2, '0')}`;
const euros = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

// A JSON declaration of 30 minutes for one random past month of the allocation, as one line
// from the month's first to its last day inside the allocation (TR387/TR388); a month claimed
// before is refused (9389), so the other months are tried in turn. Returns the payable it made.
async function openPayable(key) {
  const alloc = (await api('GET', `/allocations/${ALLOCATION}`, { key })).json;
  const contract = (await api('GET', `/contracts/${alloc.contract_id}`, { key })).json;
  const first = new Date(Date.parse(alloc.start_date));
  const end = Math.min(Date.parse(alloc.end_date), Date.now());
  const months = [];
  for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); m.getTime() < end;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    if (next.getTime() <= end) months.push(m);
  }
  months.sort(() => Math.random() - 0.5);
  let last = null;
  for (const month of months) {
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const start = iso(new Date(Math.max(month.getTime(), first.getTime())));
    const stop = iso(new Date(Math.min(next.getTime(), Date.parse(alloc.end_date))));
    const tariff = contract.tariffs.filter((x) => x.product_code === alloc.product_code && x.valid_from <= start)
      .sort((a, b) => a.valid_from.localeCompare(b.valid_from)).pop().tariff_cents;
    const amount = Math.round((tariff * 30) / 60);
    const suffix = `${Date.now() % 1e6}`.padStart(6, '0') + `${Math.floor(Math.random() * 1000)}`.padStart(3, '0');
    const answer = await api('POST', '/declarations', { key, json: {
      number: `FT${suffix}`, period_start: iso(month), period_end: iso(next), total_submitted_cents: amount,
      lines: [{ reference: `FT${suffix}`, allocation_number: ALLOCATION, bsn: BSN, category: alloc.category,
        product_code: alloc.product_code, period_start: start, period_end: stop,
        volume: 30, unit: 'minutes', tariff_cents: tariff, amount_cents: amount }],
    } });
    assert.ok(answer.status === 200 || answer.status === 201, JSON.stringify(answer.json));
    last = answer.json;
    if (answer.json.accepted !== 1) continue;
    const payables = (await api('GET', `/payables?provider_id=${alloc.provider_id}&source_type=declaration&limit=1000`, { key })).json;
    const payable = payables.find((p) => p.source_id === answer.json.declaration_id);
    assert.ok(payable, 'the accepted declaration made a payable');
    return payable;
  }
  throw new Error(`no month of the allocation could be claimed; the last answer: ${JSON.stringify(last)}`);
}

// A one-day camt.053 of the debtor account: our transfer debited, and a debit nobody announced.
function camt053(id, transfer, unknown) {
  const today = addDays(0);
  const debits = transfer.amount_cents + 1234;
  const opening = debits + 10000000;
  const entry = (amount, e2e, creditor) => `<Ntry><Amt Ccy="EUR">${euros(amount)}</Amt><CdtDbtInd>DBIT</CdtDbtInd>`
    + `<Sts>BOOK</Sts><BookgDt><Dt>${today}</Dt></BookgDt><ValDt><Dt>${today}</Dt></ValDt><BkTxCd><Domn><Cd>PMNT</Cd>`
    + '<Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls>'
    + `<Refs><EndToEndId>${e2e}</EndToEndId></Refs><RltdPties><DbtrAcct><Id><IBAN>${DEBTOR.iban}</IBAN></Id></DbtrAcct>`
    + (creditor ? `<CdtrAcct><Id><IBAN>${creditor}</IBAN></Id></CdtrAcct>` : '')
    + '</RltdPties></TxDtls></NtryDtls></Ntry>';
  const balance = (code, amount) => `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(amount)}</Amt>`
    + `<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
    + `<BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>${today}T23:00:00</CreDtTm></GrpHdr><Stmt><Id>${id}</Id>`
    + `<CreDtTm>${today}T23:00:00</CreDtTm><FrToDt><FrDtTm>${today}T00:00:00</FrDtTm><ToDtTm>${today}T23:59:59</ToDtTm></FrToDt>`
    + `<Acct><Id><IBAN>${DEBTOR.iban}</IBAN></Id></Acct>${balance('OPBD', opening)}${balance('CLBD', opening - debits)}`
    + `${entry(transfer.amount_cents, transfer.end_to_end_id, transfer.creditor_iban)}${entry(1234, unknown, '')}`
    + '</Stmt></BkToCstmrStmt></Document>\n';
}

// JSON calls in the page's session (the web app's cookie and CSRF header).
function call(page, method, route, json) {
  return page.evaluate(async ({ method, route, json }) => {
    const r = await fetch(`/api/v1${route}`, {
      method, headers: { 'X-ZC-Web': '1', 'Content-Type': 'application/json' }, body: json ? JSON.stringify(json) : undefined,
    });
    return { status: r.status, json: await r.json() };
  }, { method, route, json });
}

// The overview's row of a provider, by its AGB cell.
function balanceRow(page, agb) {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: agb, exact: true }) });
}

// An integrity block with a reason on a provider no other test uses: the provider page offers
// only "block", the overview shows "geblokkeerd" with the reason; lifting it offers only "lift"
// and the overview shows "niet geblokkeerd" again.
async function blockAndLift(page) {
  const agb = BLOCK_AGB;
  const balances = await call(page, 'GET', '/provider-balances?limit=1000');
  const provider = balances.json.find((p) => p.agb === agb);
  assert.ok(provider, `provider ${agb} in the balances`);
  if (provider.blocked_reason) { // left over from an interrupted run
    await call(page, 'POST', `/providers/${provider.provider_id}/unblock`, { reason: 'opruimen na afgebroken test' });
  }
  const reason = `UBO onbekend, onderzoek ${Date.now().toString(36)}`;
  await page.goto(`${baseUrl}/finance/providers`);
  await balanceRow(page, agb).getByText('niet geblokkeerd').waitFor();
  await balanceRow(page, agb).getByRole('link', { name: provider.name }).click();
  const blockForm = page.locator('#block-form');
  await blockForm.getByRole('button', { name: 'Aanbieder blokkeren' }).waitFor();
  assert.equal(await blockForm.getByRole('button', { name: 'Blokkade opheffen' }).count(), 0);
  await blockForm.getByLabel('Reden').fill(reason);
  await blockForm.getByRole('button', { name: 'Aanbieder blokkeren' }).click();
  await page.getByText(`${provider.name} is geblokkeerd.`).waitFor();
  await blockForm.getByRole('button', { name: 'Blokkade opheffen' }).waitFor();
  assert.equal(await blockForm.getByRole('button', { name: 'Aanbieder blokkeren' }).count(), 0);

  await page.locator('#nav').getByRole('link', { name: 'Saldi aanbieders', exact: true }).click();
  const row = balanceRow(page, agb);
  await row.getByText('geblokkeerd', { exact: true }).waitFor();
  assert.ok((await row.textContent()).includes(reason), 'the reason of the block in the overview');
  assert.match(await row.textContent(), /€ 0,00/);
  assert.match(await page.locator('#blocked-summary').textContent(), new RegExp(provider.name));
  await screenshot(page, 'fin-providers-blocked');

  await row.getByRole('link', { name: provider.name }).click();
  await page.locator('#block-form').getByLabel('Reden').fill('Onderzoek afgerond, UBO bekend');
  await page.locator('#block-form').getByRole('button', { name: 'Blokkade opheffen' }).click();
  await page.getByText(`De blokkade van ${provider.name} is opgeheven.`).waitFor();
  await page.locator('#block-form').getByRole('button', { name: 'Aanbieder blokkeren' }).waitFor();
  await page.locator('#nav').getByRole('link', { name: 'Saldi aanbieders', exact: true }).click();
  await balanceRow(page, agb).getByText('niet geblokkeerd').waitFor();
  assert.ok(!(await balanceRow(page, agb).textContent()).includes(reason), 'the reason is gone with the block');
}

await run('payment_run', async (browser) => {
  const payable = await openPayable(apiKey());

  // fin.devries: the payment runs screen is the finance home; the debtor account, then a run.
  const preparer = await newPage(browser);
  await login(preparer, 'fin.devries');
  await preparer.getByRole('heading', { level: 1, name: 'Betaalruns' }).waitFor();
  const debtor = preparer.locator('#debtor-account');
  await debtor.getByLabel('Gemeente').selectOption('0193');
  await debtor.getByLabel('IBAN').fill(DEBTOR.iban);
  await debtor.getByLabel('BIC').fill(DEBTOR.bic);
  await debtor.getByLabel('Naam rekeninghouder').fill(DEBTOR.name);
  await debtor.getByRole('button', { name: 'Rekening opslaan' }).click();
  await preparer.getByText('Betaalrekening van gemeente 0193 opgeslagen').waitFor();
  await screenshot(preparer, 'fin-runs');

  const prepare = preparer.locator('#prepare-run');
  await prepare.getByLabel('Gemeente').selectOption('0193');
  // The account Zwolle pays from: its active accounts, the default (just saved) preselected.
  const account = prepare.getByLabel('Betaalrekening voor 0193');
  await account.locator('option:checked', { hasText: `${DEBTOR.iban} (standaard)` }).waitFor({ state: 'attached' });
  await prepare.getByLabel('Vervallen tot en met').fill(addDays(60));
  await prepare.getByLabel('Aanbieders').selectOption({ label: `${payable.provider_name} (${AGB})` });
  const [answer] = await Promise.all([
    preparer.waitForResponse((r) => r.url().endsWith('/api/v1/payment-runs') && r.request().method() === 'POST'),
    prepare.getByRole('button', { name: 'Run klaarzetten' }).click(),
  ]);
  assert.equal(answer.status(), 201);
  const prepared = await answer.json();
  const total = prepared.control_sum_cents;
  assert.ok(total >= payable.amount_cents, 'the run pays at least our payable');
  await preparer.getByRole('heading', { level: 1, name: `Betaalrun ${prepared.id}` }).waitFor();
  const shown = await preparer.locator('#run-total').textContent();
  assert.match(shown, /^€ \d{1,3}(\.\d{3})*,\d{2}$/);
  assert.equal(shown, dutch(total));
  await preparer.getByText(`Betaalrun ${prepared.id} is klaargezet: totaal ${dutch(total)}.`).waitFor();
  await preparer.getByRole('cell', { name: `#${payable.id}`, exact: true }).waitFor();
  await preparer.getByText('klaargezet', { exact: true }).first().waitFor();
  await preparer.getByText(`0193: ${DEBTOR.name} — ${DEBTOR.iban}`).waitFor(); // the run's account
  await screenshot(preparer, 'fin-run');

  // The preparer may not approve (four eyes; the server refuses it too, e2e PaymentsFlow): no
  // approve button, but why and who must.
  await preparer.locator('#approve-mine').getByText('Een andere medewerker van financiën moet hem goedkeuren').waitFor();
  assert.equal(await preparer.getByRole('button', { name: 'Run goedkeuren' }).count(), 0);
  await screenshot(preparer, 'fin-run-four-eyes');

  // fin.mulder approves, downloads the pain.001 and sees the run approved.
  const approver = await newPage(browser);
  await login(approver, 'fin.mulder');
  await approver.goto(`${baseUrl}/finance/runs/${prepared.id}`);
  await approver.getByText('Klaargezet door fin.devries').waitFor();
  // Approving is irreversible: first a summary to confirm, which can be cancelled.
  await approver.getByRole('button', { name: 'Run goedkeuren' }).click();
  const confirmBox = approver.getByRole('group', { name: `Betaalrun ${prepared.id} goedkeuren?` });
  await confirmBox.waitFor();
  const summaryText = await confirmBox.innerText();
  assert.ok(summaryText.includes(dutch(total)) && summaryText.includes(DEBTOR.iban), summaryText);
  assert.match(summaryText, /niet ongedaan/);
  await screenshot(approver, 'fin-run-confirm');
  await confirmBox.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await approver.getByText(`Betaalrun ${prepared.id} is goedgekeurd.`).count(), 0);
  await approver.getByRole('button', { name: 'Run goedkeuren' }).click();
  await confirmBox.getByRole('button', { name: 'Ja, run goedkeuren' }).click();
  await approver.getByText(`Betaalrun ${prepared.id} is goedgekeurd.`).waitFor();
  await approver.getByText('goedgekeurd', { exact: true }).first().waitFor();
  const [download] = await Promise.all([
    approver.waitForEvent('download'),
    approver.getByRole('button', { name: 'pain.001 downloaden' }).click(),
  ]);
  const xml = fs.readFileSync(await download.path(), 'utf8');
  assert.match(xml, /^<\?xml/);
  assert.ok(xml.includes('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'), 'a pain.001.001.03 document');
  assert.ok(xml.includes(`<CtrlSum>${euros(total)}</CtrlSum>`), `CtrlSum ${euros(total)} in the file`);
  const transfer = prepared.transfers[0];
  assert.ok(xml.includes(`<EndToEndId>${transfer.end_to_end_id}</EndToEndId>`));
  await approver.getByText('Het pain.001-bestand is gedownload.').waitFor();
  const fileSection = approver.locator('main section', { has: approver.getByRole('heading', { level: 2, name: 'Betaalbestand (pain.001)' }) });
  assert.equal(await fileSection.locator('.progress-text').textContent(), '100 %');
  // The run's payables for Excel: the file starts with the byte order mark, ';' columns, euros.
  const [items] = await Promise.all([
    approver.waitForEvent('download'),
    approver.getByRole('button', { name: 'Exporteren (Excel)' }).click(),
  ]);
  assert.equal(items.suggestedFilename(), `betaalrun-${prepared.id}-posten.csv`);
  const itemsCsv = fs.readFileSync(await items.path(), 'utf8');
  assert.ok(itemsCsv.startsWith('\uFEFFBetaalpost;Aanbieder-id;Bedrag (€);Uitkomst;'), itemsCsv.slice(0, 80));
  assert.ok(itemsCsv.includes(`;${transfer.end_to_end_id};`), `the transfer ${transfer.end_to_end_id} in the items CSV`);
  await screenshot(approver, 'fin-run-approved');

  await approver.locator('#nav').getByRole('link', { name: 'Betaalruns', exact: true }).click();
  const row = approver.getByRole('row').filter({ has: approver.getByRole('link', { name: `Run ${prepared.id}`, exact: true }) });
  await row.getByText('goedgekeurd').waitFor();
  assert.ok((await row.textContent()).includes(dutch(total)));

  // The bank statement: our transfer is debited, an unknown debit goes to the work list.
  const unknown = `ZCFT-${prepared.id}-${Date.now() % 1e6}`;
  const statementId = `ZC-FT-${prepared.id}-${Date.now() % 1e6}`;
  await approver.locator('#nav').getByRole('link', { name: 'Bankafschriften', exact: true }).click();
  await approver.getByLabel('Bestand (camt.053, XML)').setInputFiles({
    name: 'camt053.xml', mimeType: 'application/xml', buffer: Buffer.from(camt053(statementId, transfer, unknown)),
  });
  await approver.getByRole('button', { name: 'Afschrift inlezen' }).click();
  // Importing is confirmed after a summary of the file: its statement, account and entries.
  const camtConfirm = approver.getByRole('group', { name: 'camt053.xml inlezen?' });
  await camtConfirm.getByText(DEBTOR.iban).waitFor();
  assert.match(await camtConfirm.innerText(), new RegExp(`Af \\(aantal — bedrag\\)\\s+2 — ${dutch(transfer.amount_cents + 1234).replace(/[.€]/g, '\\$&')}`));
  await screenshot(approver, 'fin-statement-confirm');
  await camtConfirm.getByRole('button', { name: 'Ja, inlezen' }).click();
  await approver.getByText('2 regels: 1 gekoppeld, 0 storno, 1 naar de werklijst.').waitFor();
  // Issue 15: the imported statement is on the list, with its entries counted by outcome.
  const listed = approver.locator('#statement-list').getByRole('row').filter({ hasText: statementId });
  await listed.waitFor();
  const cells = await listed.getByRole('cell').allTextContents();
  assert.deepEqual(cells.slice(3, 8), ['2', '1', '0', '1', '0'], `entries, booked, returned, open, resolved: ${cells}`);
  assert.ok(cells[1] === DEBTOR.iban, cells.join(' | '));
  await screenshot(approver, 'fin-statements');

  // The statement's summary links to the work list (a broken chain adds a second link).
  await approver.locator('#statement-summary').getByRole('link', { name: 'Naar de werklijst' }).click();
  const entry = approver.getByRole('row').filter({ hasText: unknown });
  await entry.getByText('niet gekoppeld').waitFor();
  await entry.getByRole('button', { name: /afhandelen/ }).click();
  await approver.getByLabel('Reden').fill('Bankkosten, geen betaling aan een aanbieder');
  await screenshot(approver, 'fin-worklist');
  await approver.locator('#resolve-form').getByRole('button', { name: 'Afhandelen' }).click();
  await approver.getByText(/Regel \d+ is afgesloten\./).waitFor();
  // The screen says so before it reloads the list: wait for the row to go, then check.
  await approver.getByRole('row').filter({ hasText: unknown }).first().waitFor({ state: 'detached' });
  assert.equal(await approver.getByRole('row').filter({ hasText: unknown }).count(), 0);
  // Issue 15: the "Afgehandeld" tab says who resolved it, when and why.
  await approver.getByRole('navigation', { name: 'Werklijst' }).getByRole('link', { name: 'Afgehandeld' }).click();
  const done = approver.locator('#resolved-list').getByRole('row').filter({ hasText: statementId });
  await done.first().waitFor();
  const doneText = await done.first().textContent();
  assert.ok(doneText.includes('Bankkosten, geen betaling aan een aanbieder') && doneText.includes('fin.mulder'), doneText);
  await screenshot(approver, 'fin-worklist-resolved');

  // The run's transfer is debited; the provider's statement shows the payable paid.
  await approver.goto(`${baseUrl}/finance/runs/${prepared.id}`);
  await approver.getByRole('row').filter({ hasText: transfer.end_to_end_id }).first().getByText('afgeschreven').waitFor();
  // Issue 15: the run follows the bank: every transfer booked, so "betaald", here and on the list.
  const state = approver.locator('dl.facts dd').filter({ hasText: 'goedgekeurd' });
  assert.match(await state.textContent(), /betaald/);
  await approver.locator('#nav').getByRole('link', { name: 'Betaalruns', exact: true }).click();
  const paidRow = approver.getByRole('row').filter({ has: approver.getByRole('link', { name: `Run ${prepared.id}`, exact: true }) });
  await paidRow.getByText('betaald', { exact: true }).waitFor();
  await approver.locator('#nav').getByRole('link', { name: 'Saldi aanbieders', exact: true }).click();
  await approver.getByRole('cell', { name: AGB }).waitFor();
  await screenshot(approver, 'fin-providers');
  await approver.getByRole('link', { name: payable.provider_name }).click();
  const line = approver.getByRole('row').filter({ has: approver.getByRole('cell', { name: `#${payable.id}`, exact: true }) });
  await line.getByText('betaald').waitFor();
  await screenshot(approver, 'fin-provider');

  await blockAndLift(approver);
});
