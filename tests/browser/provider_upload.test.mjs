// The provider's screens: zorg.vechtstroom (AGB 73000101) sees its contracts, tariffs and
// allocations, uploads a WMO323 first as a dry run and then for real, reads the answer per
// prestatie (one accepted, one rejected with 9346 and over its cap), opens the declaration (the
// rejected line with the cap's numbers), the trace of the
// accepted prestatie and its statement (also as CSV), finds it in the list of declarations with
// its submitted and awarded amounts; a file that is no WMO323 is refused next
// to the file field, and a CSV dry run answers per row. Its own client, decision and allocation
// are created first by the access officer, so the test can run again on any database.
import { assert, login, newPage, run, screenshot, pageCall as call } from './lib.mjs';

const AGB = '73000101';
const run36 = Date.now().toString(36).toUpperCase().slice(-7); // unique per run, letters and digits

// A BSN passing the elfproef (9·d1 + … + 2·d8 − d9 ≡ 0 mod 11), starting with 9.
function randomBsn() {
  for (;;) {
    const d = [9, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const sum = d.reduce((s, x, i) => s + (9 - i) * x, 0);
    const check = sum % 11;
    if (check < 10) return d.join('') + check;
  }
}

const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

// The previous calendar month (the period we declare) and today's date.
function periods() {
  const now = new Date();
  const today = iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const y = first.getFullYear();
  const m = first.getMonth() + 1;
  const last = new Date(y, m, 0).getDate();
  const validTo = new Date(y, m + 2, 1);
  return {
    today, month: `${y}-${pad(m)}`, start: iso(y, m, 1), second: iso(y, m, 2), end: iso(y, m, last),
    endExclusive: iso(new Date(y, m, 1).getFullYear(), new Date(y, m, 1).getMonth() + 1, 1),
    validTo: iso(validTo.getFullYear(), validTo.getMonth() + 1, 1),
  };
}

// Client, decision (4 hours a week of IB) and allocation to 73000101, from the declared month on.
async function createAllocation(browser, p) {
  const page = await newPage(browser);
  await login(page, 'ao.bakker');
  let client;
  let bsn;
  for (let i = 0; i < 5 && !client; i++) {
    bsn = randomBsn();
    const r = await call(page, 'POST', '/clients', { bsn, surname: `Webproef ${run36}`, birth_date: '1961-04-04', gender: '2', house_number: '7', postcode: '8011AB', municipality_code: '0193' });
    if (r.status === 201 || r.status === 200) client = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_CLIENT', JSON.stringify(r.body));
  }
  let decision;
  for (let i = 0; i < 5 && !decision; i++) {
    const r = await call(page, 'POST', `/clients/${client.id}/decisions`, {
      number: 100000000 + Math.floor(Math.random() * 899999999), decision_date: p.start, valid_from: p.start, valid_to: p.validTo,
      products: [{ product_code: '02A01', volume: 4, unit: 'hours', frequency: 'week', financing: 'ZIN' }],
    });
    if (r.status === 201 || r.status === 200) decision = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_DECISION', JSON.stringify(r.body));
  }
  const providers = await call(page, 'GET', '/providers?limit=1000');
  const provider = providers.body.find((x) => x.agb === AGB);
  const alloc = await call(page, 'POST', '/allocations', { granted_product_id: decision.products[0].id, provider_id: provider.id, start_date: p.start });
  assert.ok(alloc.status === 201 || alloc.status === 200, JSON.stringify(alloc.body));
  const tariff = await call(page, 'GET', `/queries/tariff?agb=${AGB}&product=02A01&date=${p.start}&municipality=0193`);
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  await page.context().close();
  return { bsn, number: alloc.body.number, tariff: tariff.body.tariff_cents };
}

const leaf = (name, value) => `<wmo323:${name}>${value}</wmo323:${name}>`;

function prestatie(p, a, ref, hours, amount, start = p.start) {
  return `<wmo323:Prestatie>
  <wmo323:ProductReferentie><iwmo:ReferentieNummer>${ref}</iwmo:ReferentieNummer></wmo323:ProductReferentie>
  ${leaf('ToewijzingNummer', a.number)}${leaf('ProductCategorie', '02')}${leaf('ProductCode', '02A01')}
  <wmo323:ProductPeriode><iwmo:Begindatum>${start}</iwmo:Begindatum><iwmo:Einddatum>${p.end}</iwmo:Einddatum></wmo323:ProductPeriode>
  ${leaf('GeleverdVolume', hours)}${leaf('Eenheid', '04')}${leaf('ProductTarief', a.tariff)}
  <wmo323:IngediendBedrag><iwmo:Bedrag>${amount}</iwmo:Bedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:IngediendBedrag>
</wmo323:Prestatie>`;
}

// Two prestaties: 6 hours of the month at the contracted tariff (accepted) and 40 hours from the
// month's 2nd day whose amount is one cent off (rejected with every code that applies: 9387 not
// from the 1st, 9346 amount ≠ volume × tariff, 9321 far over the 4 hours a week, 9389 days
// claimed already). Two debits for the same period would break TR416 and reject the whole file.
const BAD_HOURS = 40;
function wmo323(p, a, number, refs) {
  const good = 6 * a.tariff;
  const bad = BAD_HOURS * a.tariff + 1;
  return `<?xml version="1.0" encoding="UTF-8"?>
<wmo323:Bericht xmlns:wmo323="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema" xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema">
<wmo323:Header>${leaf('BerichtCode', '484')}${leaf('BerichtVersie', '3')}${leaf('BerichtSubversie', '2')}${leaf('Afzender', AGB)}${leaf('Ontvanger', '0193')}
  <wmo323:BerichtIdentificatie><iwmo:Identificatie>W${number}</iwmo:Identificatie><iwmo:Dagtekening>${p.today}</iwmo:Dagtekening></wmo323:BerichtIdentificatie>
  <wmo323:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo323:XsdVersie>
</wmo323:Header>
<wmo323:Declaratie>${leaf('DeclaratieNummer', number)}
  <wmo323:DeclaratiePeriode><iwmo:Begindatum>${p.start}</iwmo:Begindatum><iwmo:Einddatum>${p.end}</iwmo:Einddatum></wmo323:DeclaratiePeriode>
  ${leaf('DeclaratieDagtekening', p.today)}
  <wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>${good + bad}</iwmo:TotaalBedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo323:TotaalIngediendBedrag>
  <wmo323:Clienten><wmo323:Client>${leaf('Bsn', a.bsn)}<wmo323:Prestaties>
${prestatie(p, a, refs[0], 6, good)}
${prestatie(p, a, refs[1], BAD_HOURS, bad, p.second)}
  </wmo323:Prestaties></wmo323:Client></wmo323:Clienten>
</wmo323:Declaratie>
</wmo323:Bericht>
`;
}

// "€ 451,80" for 45180 cents, as format.money writes it.
function euro(cents) {
  const s = String(cents).padStart(3, '0');
  return `€ ${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${s.slice(-2)}`;
}

function row(page, text) {
  return page.locator('#answer tbody tr', { hasText: text });
}

async function send(page, file, dryRun) {
  await page.getByLabel(/^Bestand/).setInputFiles(file);
  await page.getByLabel(/Alleen controleren/).setChecked(dryRun);
  await page.getByRole('button', { name: 'Bestand insturen' }).click();
}

await run('provider_upload', async (browser) => {
  const p = periods();
  const a = await createAllocation(browser, p);
  const number = `W${run36}`;
  const refs = [`R${run36}A`, `R${run36}B`];
  const file = { name: `wmo323-${number}.xml`, mimeType: 'application/xml', buffer: Buffer.from(wmo323(p, a, number, refs)) };

  const page = await newPage(browser);
  await login(page, 'zorg.vechtstroom');

  // Contracts and tariffs; allocations (ours among them).
  await page.getByRole('link', { name: 'Contracten' }).click();
  await page.getByRole('heading', { name: 'Contracten en tarieven' }).waitFor();
  await page.getByRole('heading', { name: /Geldende tarieven op/ }).waitFor();
  const ib = page.locator('main tbody tr', { hasText: '02A01 Individuele Begeleiding' }).filter({ hasText: /€ \d+,\d\d/ });
  assert.ok(await ib.count() >= 1, 'the IB tariff in force is listed');
  await screenshot(page, 'prov-contracts');
  await page.locator('main a', { hasText: /^Contract \d+$/ }).first().click();
  await page.getByRole('heading', { name: 'Tariefversies' }).waitFor();
  await screenshot(page, 'prov-contract');

  await page.getByRole('link', { name: 'Toewijzingen' }).click();
  await page.getByRole('link', { name: String(a.number), exact: true }).click();
  await page.getByRole('heading', { name: `Toewijzing ${a.number}` }).waitFor();
  await page.locator('main').getByText('4 uur per week').first().waitFor();
  await page.getByRole('link', { name: 'Terug naar de toewijzingen' }).click();
  await page.getByRole('link', { name: String(a.number), exact: true }).waitFor();
  await screenshot(page, 'prov-allocations');

  // A file that is no WMO323: refused next to the file field with the reason code.
  await page.getByRole('link', { name: 'Declareren' }).click();
  await page.getByRole('heading', { name: 'Declaratie insturen' }).waitFor();
  await screenshot(page, 'prov-upload');
  await send(page, { name: 'notes.xml', mimeType: 'application/xml', buffer: Buffer.from('<notes>geen declaratie</notes>') }, true);
  const fileError = page.locator('[data-field="file"] .field-error');
  await fileError.getByText('NOT_A_DECLARATION').waitFor();
  assert.match(await fileError.textContent(), /geen WMO323-declaratie/);
  await screenshot(page, 'prov-upload-error');

  // Dry run: the answer per prestatie, nothing stored.
  const dryRunPath = '**/api/v1/declarations/wmo323/dry-run';
  const [dryRun] = await Promise.all([page.waitForResponse(dryRunPath), send(page, file, true)]);
  const wmo325 = await dryRun.text();
  await page.locator('#answer').getByText(/Proefrun/).waitFor();
  await row(page, refs[0]).getByText('toegekend').waitFor();
  await row(page, refs[1]).getByText('afgewezen').waitFor();
  assert.match(await row(page, refs[1]).textContent(), /9346.*volume × tarief/);
  assert.match(await row(page, refs[0]).textContent(), new RegExp(euro(6 * a.tariff).replace(/[.€]/g, '\\$&')));
  assert.match(await page.locator('#answer').textContent(), /deels afgewezen/);
  await screenshot(page, 'prov-answer-dry-run');

  // A file over 5 MiB is not read in the browser, so only the rejected prestaties of the WMO325
  // are known: the outcome follows from the amount awarded (it said "niets toegekend" while
  // euros were awarded). The server's answer is the dry run's above, served for this upload.
  await page.route(dryRunPath, (route) => route.fulfill({ status: 200, contentType: 'application/xml', body: wmo325 }));
  await send(page, { name: 'groot.xml', mimeType: 'application/xml', buffer: Buffer.alloc(6 * 1024 * 1024, ' ') }, true);
  await page.locator('#answer').getByText(/alleen de afgewezen prestaties/).waitFor();
  const large = await page.locator('#answer dl').textContent();
  assert.match(large, /deels afgewezen/);
  assert.ok(!large.includes('niets toegekend'), large);
  assert.ok(large.includes(euro(6 * a.tariff)), `awarded ${euro(6 * a.tariff)} in: ${large}`);
  await page.unroute(dryRunPath);

  // For real: the same answer, the WMO325 to download and a link to the declaration.
  await send(page, file, false);
  await page.locator('#answer').getByText('Ontvangen en verwerkt.').waitFor();
  await row(page, refs[0]).getByText('toegekend').waitFor();
  assert.match(await row(page, refs[1]).textContent(), /afgewezen.*9346/);
  const answer = await page.locator('#answer dl').textContent();
  assert.ok(answer.includes(euro(6 * a.tariff)), `awarded ${euro(6 * a.tariff)} in: ${answer}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'WMO325 downloaden' }).click()]);
  assert.equal(download.suggestedFilename(), `wmo325-${number}.xml`);
  await screenshot(page, 'prov-answer');

  await page.getByRole('link', { name: `Declaratie ${number} bekijken` }).click();
  await page.getByRole('heading', { name: `Declaratie ${number}` }).waitFor();
  const lines = page.locator('main tbody tr');
  await lines.filter({ hasText: refs[0] }).getByText('toegekend').waitFor();
  const rejected = await lines.filter({ hasText: refs[1] }).textContent();
  assert.match(rejected, /9346/);
  // The cap it broke, in the allocation's unit (hours), with the use before it and its claim.
  assert.match(rejected, /Plafond \d+ uur van \d\d-\d\d-\d{4} t\/m \d\d-\d\d-\d{4}; al geaccepteerd (0|6) uur, deze regel 40 uur: \d+ uur te veel\./);
  await screenshot(page, 'prov-declaration');

  // The trace of the accepted prestatie: received, assessed, payable.
  await lines.filter({ hasText: refs[0] }).getByRole('link', { name: `Verloop van ${refs[0]}` }).click();
  await page.getByRole('heading', { name: `Verloop van prestatie ${refs[0]}` }).waitFor();
  await page.getByText(`Declaratie ${number} ontvangen op`).waitFor();
  await page.getByText(new RegExp(`Betaalverplichting \\d+ van ${euro(6 * a.tariff).replace(/[.€]/g, '\\$&')}`)).waitFor();
  await screenshot(page, 'prov-trace');
  await page.goBack();

  // The statement: the declaration's payable, and the same as CSV.
  await page.getByRole('link', { name: 'Rekeningoverzicht' }).click();
  const payable = page.locator('main tbody tr', { hasText: number });
  await payable.getByText(euro(6 * a.tariff)).waitFor();
  await payable.getByText('open').waitFor();
  // Issue 15: the provider reads its bank account (read-only), the one runs pay now marked.
  await page.locator('#provider-accounts').getByText('huidige rekening').waitFor();
  await screenshot(page, 'prov-statement');
  // As CSV for Dutch Excel: byte order mark, semicolons, euros with a decimal comma.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren (Excel)' }).click()]);
  const text = await (await csv.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  const csvEuros = (cents) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  assert.ok(text.startsWith('\uFEFFBetaalpost;Datum;Soort;Declaratie;Bedrag (€);Status;'), text.slice(0, 80));
  assert.match(text, new RegExp(`;${number};${csvEuros(6 * a.tariff)};open;`));

  // The list of declarations: ours, newest first, with what was submitted and awarded.
  await page.locator('#nav').getByRole('link', { name: 'Declaraties', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Declaraties' }).waitFor();
  const listed = page.locator('main tbody tr').filter({ has: page.getByRole('link', { name: number, exact: true }) });
  await listed.getByText('beantwoord').waitFor();
  const listedText = await listed.textContent();
  assert.ok(listedText.includes(euro(6 * a.tariff)), `awarded ${euro(6 * a.tariff)} in: ${listedText}`);
  const submitted = euro((6 + BAD_HOURS) * a.tariff + 1);
  assert.ok(listedText.includes(submitted), `submitted ${submitted} in: ${listedText}`);
  assert.ok(listedText.includes('WMO323-bericht'), 'sent as WMO323');
  await screenshot(page, 'prov-declarations');
  await page.getByLabel('Zoek een declaratie').fill(number);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.locator('.list-status', { hasText: '1–1 van 1' }).waitFor();
  // The filtered page is drawn first and its rows when the server answers (slow under ASan).
  await page.locator('main tbody').getByRole('link', { name: number, exact: true }).waitFor();
  assert.equal(await page.locator('main tbody tr').count(), 1);
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByRole('heading', { name: `Declaratie ${number}` }).waitFor();
  await page.getByRole('link', { name: '← Alle declaraties' }).click();
  await page.getByRole('heading', { level: 1, name: 'Declaraties' }).waitFor();

  // A CSV dry run for the month just claimed: that row is answered 9389 (claimed already).
  await page.getByRole('link', { name: 'Declareren' }).click();
  await page.getByLabel('Soort bestand').selectOption('csv');
  await page.getByLabel('Declaratienummer').fill(`C${run36}`);
  await page.getByLabel('Declaratiemaand').fill(p.month);
  // A template and an example to start from, as Dutch Excel opens them.
  const [example] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'voorbeeld downloaden' }).click()]);
  assert.equal(example.suggestedFilename(), 'declaratie-voorbeeld.csv');
  const exampleText = (await (await example.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString('utf8');
  assert.ok(exampleText.startsWith('\uFEFFReferentie;Toewijzingsnummer;BSN;Begindatum;Einddatum;Volume\r\n'), exampleText);
  assert.equal(exampleText.trim().split('\r\n').length, 3, exampleText);
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'sjabloon downloaden' }).click()]);
  assert.equal(template.suggestedFilename(), 'declaratie-sjabloon.csv');
  // The example is read as it is (its allocations are not ours: each line gets its answer).
  await send(page, { name: 'declaratie-voorbeeld.csv', mimeType: 'text/csv', buffer: Buffer.from(exampleText) }, true);
  await page.locator('#answer').getByText(/Proefrun/).waitFor();
  assert.equal(await page.locator('#answer tbody tr').count(), 2);

  // As Dutch Excel saves it: a byte-order mark, semicolons, d-m-yyyy, "3,0". First with two
  // mistakes: every problem is listed per line and column, in Dutch, and nothing is processed.
  const dutch = (iso) => iso.split('-').reverse().map((x) => String(Number(x))).join('-');
  const head = '\uFEFFReferentie;Toewijzingsnummer;BSN;Begindatum;Einddatum;Volume\r\n';
  const wrong = `${head}C${run36}A;${a.number};${a.bsn};${dutch(p.start)};${dutch(p.endExclusive)};2,5\r\n`
    + `C${run36}B;${a.number};${a.bsn};31-02-2026;${dutch(p.endExclusive)};3\r\n`;
  await send(page, { name: 'uren.csv', mimeType: 'text/csv', buffer: Buffer.from(wrong) }, true);
  const problems = page.locator('[data-field="file"] .field-error-list li');
  await problems.first().waitFor();
  assert.deepEqual(await problems.allInnerTexts(), [
    'Regel 2, volume: Het toewijzingsnummer en het volume zijn hele getallen (12 of 12,0; niet 2,5). (CSV_WHOLE_NUMBER)',
    'Regel 3, begindatum: Een datum in de CSV schrijft u als DD-MM-JJJJ of JJJJ-MM-DD, en hij moet bestaan. (CSV_DATE)',
  ]);
  assert.match(await page.locator('[data-field="file"] .field-error').innerText(), /De CSV klopt niet: 2 fout\(en\).*niets verwerkt.*\(INVALID_CSV\)/);
  await screenshot(page, 'prov-upload-csv-problems');
  const csvFile = `${head}C${run36}A;${a.number};${a.bsn};${dutch(p.start)};${dutch(p.endExclusive)};3,0\r\n`;
  await send(page, { name: 'uren.csv', mimeType: 'text/csv', buffer: Buffer.from(csvFile) }, true);
  await page.locator('#answer').getByText(/Proefrun/).waitFor();
  assert.match(await row(page, `C${run36}A`).textContent(), /afgewezen.*9389/);
  await screenshot(page, 'prov-answer-csv');
});
