// The contract manager's screens. The review queue first: a provider declares last month's
// care a few percent over the allocation's weekly cap (JSON API with its API key), so the line
// goes to review instead of being rejected; cm.jansen finds it in the queue (her home) by its
// reference, sees the rule and the cap use, accepts it with a reason and sees it decided.
// Then a new procedure with a lot, a requirement and a tariff (through the forms), a
// provider's application to it (API), assessed and admitted; the resulting contract indexed
// and suspended; the request queue. Every screen is saved as a screenshot (cm-*.png).
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { assert, baseUrl, login, newPage, PASSWORD, run, screenshot } from './lib.mjs';
import { addDays, iso, isoWeeksTouched } from './review_line.mjs';

const testenv = process.env.ZC_TESTENV;
const ca = fs.readFileSync(path.join(testenv, 'tls', 'ca.crt'));
const PRODUCT = '02A01';  // Individuele Begeleiding, hours
const HOURS_PER_WEEK = 4;

// --- the JSON API over HTTPS with the test environment's CA -------------------------------

function call(method, apiPath, { body, token, apiKey } = {}) {
  const url = new URL(`/api/v1${apiPath}`, baseUrl);
  const payload = body === undefined ? null : JSON.stringify(body);
  const headers = { Accept: 'application/json' };
  if (payload !== null) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (apiKey) headers['X-Api-Key'] = apiKey;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, text });
      });
    });
    req.on('error', reject);
    if (payload !== null) req.write(payload);
    req.end();
  });
}

async function expectStatus(promise, status, what) {
  const r = await promise;
  assert.equal(r.status, status, `${what}: HTTP ${r.status} ${r.text}`);
  return r.json;
}

async function staffToken(username) {
  const r = await expectStatus(call('POST', '/auth/login', { body: { username, password: PASSWORD } }), 200, `log-in ${username}`);
  return r.token;
}

// The demo providers' API keys from demo.txt, by AGB.
function apiKeys() {
  const text = fs.readFileSync(path.join(testenv, 'demo.txt'), 'utf8');
  const keys = {};
  for (const m of text.matchAll(/^\s+(\d{8}) .*: (zck_\S+)\s*$/gm)) keys[m[1]] = m[2];
  return keys;
}

// --- test data -----------------------------------------------------------------------------

// 9 digits passing the elfproef (9·d1 + … + 2·d8 − d9 ≡ 0 mod 11).
function elfproefBsn() {
  for (;;) {
    const digits = `7${String(crypto.randomInt(0, 1e7)).padStart(7, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
    if (sum % 11 <= 9) return digits + String(sum % 11);
  }
}

async function newClient(ao) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const bsn = elfproefBsn();
    const r = await call('POST', '/clients', {
      token: ao,
      body: { bsn, surname: 'Reviewtest', initials: 'R.Q.', birth_date: '1958-03-12', gender: '2', house_number: '9', postcode: '8011AB', municipality_code: '0193' },
    });
    if (r.status === 201) return { id: r.json.id, bsn };
    if (r.json?.error?.code !== 'DUPLICATE_CLIENT') assert.fail(`client: HTTP ${r.status} ${r.text}`);
  }
  throw new Error('no free BSN found');
}

// Providers with an API key and an active contract for the product on `date`.
async function eligibleProviders(cm, date) {
  const keys = apiKeys();
  const list = await expectStatus(call('GET', `/queries/eligible-providers?product=${PRODUCT}&date=${date}&municipality=0193&limit=1000`, { token: cm }), 200, 'eligible providers');
  const found = list.filter((p) => keys[p.agb]).map((p) => ({ id: p.provider_id, agb: p.agb, name: p.name, apiKey: keys[p.agb] }));
  assert.ok(found.length > 0, 'no demo provider with an API key holds an IB contract');
  return found;
}

// Last month's declaration of `HOURS_PER_WEEK × weeks + 1` hours for a new client of
// `provider`: a few percent over the weekly cap, so it goes to review (9321) instead of being
// rejected. Answers null when the provider's contract does not allow it (another test may
// have changed its tariffs), so that the next provider can be tried.
async function declareOverCap(ao, cm, provider, monthStart, monthEnd) {
  const now = new Date();
  const client = await newClient(ao);
  const decision = await expectStatus(call('POST', `/clients/${client.id}/decisions`, {
    token: ao,
    body: {
      number: crypto.randomInt(100000000, 999999999), decision_date: iso(monthStart), valid_from: iso(monthStart),
      valid_to: iso(addDays(now, 120)),
      products: [{ product_code: PRODUCT, volume: HOURS_PER_WEEK, unit: 'hours', frequency: 'week', financing: 'ZIN' }],
    },
  }), 201, 'decision');
  const allocation = await call('POST', '/allocations', {
    token: ao, body: { granted_product_id: decision.products[0].id, provider_id: provider.id, start_date: iso(monthStart) },
  });
  if (allocation.status !== 201) return null;
  const tariff = await call('GET', `/queries/tariff?agb=${provider.agb}&product=${PRODUCT}&date=${iso(monthStart)}&municipality=0193`, { token: cm });
  if (tariff.status !== 200) return null;
  const weeks = isoWeeksTouched(monthStart, monthEnd);
  const volume = HOURS_PER_WEEK * weeks + 1;
  const amount = volume * tariff.json.tariff_cents;
  const suffix = `${Date.now().toString(36).toUpperCase()}${crypto.randomInt(0, 1296).toString(36).toUpperCase()}`;
  const reference = `RQ${suffix}`.slice(0, 20);
  // The provider's own declaration number, unlike the line's reference.
  const number = `RD${suffix}`.slice(0, 12);
  const answer = await call('POST', '/declarations', {
    apiKey: provider.apiKey,
    body: {
      number, period_start: iso(monthStart), period_end: iso(monthEnd), total_submitted_cents: amount,
      lines: [{
        reference, allocation_number: allocation.json.number, bsn: client.bsn, category: '02', product_code: PRODUCT,
        period_start: iso(monthStart), period_end: iso(monthEnd), volume, unit: 'hours', tariff_cents: tariff.json.tariff_cents, amount_cents: amount,
      }],
    },
  });
  if (answer.status !== 201 || answer.json.status !== 'awaiting_review' || answer.json.not_accepted[0]?.code !== '9321') {
    console.log(`provider ${provider.agb}: no review line (${answer.text}); trying the next provider`);
    return null;
  }
  return { reference, number, agb: provider.agb, provider: provider.name, allocation: allocation.json.number, volume, weeks, amount };
}

async function createFlaggedLine() {
  const ao = await staffToken('ao.bakker');
  const cm = await staffToken('cm.jansen');
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (const provider of await eligibleProviders(cm, iso(monthStart))) {
    const line = await declareOverCap(ao, cm, provider, monthStart, monthEnd);
    if (line) return line;
  }
  throw new Error('no provider could declare a line for review');
}

// --- Dutch notation, written independently of the application's format.js ------------------

const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const euro = (cents) => `€ ${grouped(Math.floor(cents / 100))},${String(cents % 100).padStart(2, '0')}`;
const dutchDate = (isoDate) => isoDate.split('-').reverse().join('-');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- the screens ---------------------------------------------------------------------------

const sectionNamed = (page, name) => page.locator('main section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });

async function reviewQueue(page, line) {
  // The review queue is the contract manager's home and the first menu entry.
  await page.getByRole('heading', { level: 1, name: 'Beoordelingswachtrij declaraties' }).waitFor();
  assert.equal((await page.locator('#nav a').first().innerText()).trim(), 'Beoordelingswachtrij');
  // The queue is paged by the server ("1–50 van N"); the search finds our line on any page.
  await page.locator('.list-status', { hasText: / van / }).waitFor();
  await page.getByLabel('Zoek een regel').fill(line.reference);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.locator('.list-status', { hasText: /^1–\d+ van \d+$/ }).waitFor();
  const row = page.locator('tbody tr', { hasText: line.reference });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /9321/);
  assert.match(text, /Volume boven het plafond in deze periode/);
  // The cap in the allocation's own unit (hours), not in the minutes it is counted in.
  assert.ok(text.includes(`4 uur per week; in deze periode 0 van ${grouped(line.weeks * 4)} uur gebruikt`), text);
  assert.ok(text.includes(euro(line.amount)), `amount ${euro(line.amount)} in ${text}`);
  assert.ok(text.includes(`${line.volume} uur`), text);
  assert.ok(text.includes(`${line.provider} (AGB ${line.agb})`), text);
  assert.ok(text.includes(`declaratie ${line.number}`), text);
  assert.ok(text.includes('Open'), text);
  await screenshot(page, 'cm-reviews');
  await row.getByRole('link', { name: /Beoordelen/ }).click();
}

async function decideLine(page, line) {
  await page.getByRole('heading', { level: 1, name: `Regel ${line.reference} beoordelen` }).waitFor();
  const main = page.locator('main');
  await main.getByText('Controle 9321').waitFor();
  const over = line.volume * 60 - line.weeks * 240;
  // The line names its provider and the provider's declaration number (GET /reviews/{id}).
  const lineText = await sectionNamed(page, 'De regel').innerText();
  assert.match(lineText, new RegExp(`Aanbieder\\s+${escapeRe(line.provider)} \\(AGB ${line.agb}\\)`), lineText);
  assert.match(lineText, new RegExp(`Declaratienummer\\s+${line.number}`), lineText);
  // Its way to payment: received, not answered while it awaits review, no payable yet.
  const trace = sectionNamed(page, 'Verloop van de regel');
  await trace.getByText(`Declaratie ${line.number} ontvangen op`).waitFor();
  await trace.getByText('Nog geen betaalverplichting: de regel wacht op beoordeling.').waitFor();
  const capText = await main.locator('section', { hasText: 'Plafond van de toewijzing' }).innerText();
  assert.ok(capText.includes(`${grouped(line.volume)} van ${grouped(line.weeks * 4)} uur`), capText);
  assert.ok(capText.includes(`${grouped(over / 60)} uur boven het plafond`), capText);
  assert.ok(!capText.includes('minuten'), capText);
  await screenshot(page, 'cm-review');
  // The reason is required, also to accept.
  await page.getByRole('button', { name: 'Accepteren' }).click();
  await page.getByText(/\(REASON_REQUIRED\)/).waitFor();
  await page.getByLabel('Reden').fill('Extra week met de aanbieder afgesproken (browsertest).');
  // A decision is irreversible: a summary first, to confirm or cancel.
  await page.getByRole('button', { name: 'Accepteren' }).click();
  const confirmBox = page.getByRole('group', { name: `Regel ${line.reference} accepteren?` });
  await confirmBox.waitFor();
  const summaryText = await confirmBox.innerText();
  assert.ok(summaryText.includes(euro(line.amount)) && summaryText.includes('Extra week met de aanbieder'), summaryText);
  await confirmBox.getByRole('button', { name: 'Annuleren' }).click();
  assert.ok(await confirmBox.isHidden());
  await page.getByRole('button', { name: 'Accepteren' }).click();
  await screenshot(page, 'cm-review-confirm');
  const linePage = page.url();
  await confirmBox.getByRole('button', { name: 'Ja, accepteren' }).click();
  // The queue moves on: to the next open line, or to the queue when none is left.
  await page.locator('#status', { hasText: `Regel ${line.reference} is geaccepteerd.` }).waitFor();
  await page.waitForURL((u) => u.href !== linePage);
  assert.match(await page.locator('#status').innerText(), /volgende open regel|geen open regels meer/);
  await page.goBack();
  const decided = main.locator('section', { hasText: 'Besloten door' });
  await decided.getByText('Geaccepteerd').waitFor();
  await decided.getByText('Extra week met de aanbieder afgesproken (browsertest).').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Accepteren' }).count(), 0);
  // Accepted, the line became payable: the trace shows the payable with the line's amount.
  await trace.locator('li', { hasText: 'Betaalverplichting' }).getByText('gedaan').waitFor();
  assert.match(await trace.innerText(), new RegExp(`Betaalverplichting \\d+ van ${escapeRe(euro(line.amount))}`));
  await screenshot(page, 'cm-review-decided');
  // In the queue under "Beslist".
  await page.getByRole('link', { name: /Terug naar de beoordelingswachtrij/ }).click();
  // A filter applies at once; the search finds the line among every decided one.
  await page.getByLabel('Status').selectOption('decided');
  await page.getByLabel('Zoek een regel').fill(line.reference);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.locator('.list-status', { hasText: /^1–\d+ van \d+$/ }).waitFor();
  const row = page.locator('tbody tr', { hasText: line.reference });
  await row.getByText('Geaccepteerd').waitFor();
}

async function newProcedure(page, suffix) {
  await page.locator('#nav').getByRole('link', { name: 'Procedures' }).click();
  const name = `Browsertest ${suffix}`;
  const today = iso(new Date());
  const form = page.locator('#cm-new-procedure');
  await form.getByLabel('Naam').fill(name);
  await form.getByLabel('Soort').selectOption('open');
  await form.getByLabel('Gemeente').selectOption('0193');
  await form.getByLabel('Begindatum').fill(today);
  await form.getByLabel('Einddatum (t/m)').fill(iso(addDays(new Date(), 364)));
  await form.getByLabel('Direct open voor aanmeldingen').check();
  await screenshot(page, 'cm-procedures');
  await form.getByRole('button', { name: 'Procedure aanmaken' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Open voor aanmelding').waitFor();
  const lot = page.locator('#cm-add-lot');
  await lot.getByLabel('Naam van het perceel').fill('Individuele Begeleiding');
  await lot.getByLabel('02A01 Individuele Begeleiding').check();
  await lot.getByRole('button', { name: 'Perceel toevoegen' }).click();
  await page.locator('#status', { hasText: 'Perceel "Individuele Begeleiding" is toegevoegd.' }).waitFor();
  const requirement = page.locator('#cm-add-requirement');
  await requirement.getByLabel('Tekst van de eis').fill('De aanbieder heeft een geldig HKZ-certificaat.');
  await requirement.getByRole('button', { name: 'Eis toevoegen' }).click();
  await page.locator('ol li', { hasText: 'geldig HKZ-certificaat' }).waitFor();
  const tariff = page.locator('#cm-add-procedure-tariff');
  await tariff.getByLabel('Product').selectOption('02A01');
  await tariff.getByLabel('Tarief in euro per eenheid').fill('61,25');
  await tariff.getByLabel('Geldig vanaf').fill(today);
  await tariff.getByRole('button', { name: 'Tariefversie toevoegen' }).click();
  await page.locator('tr', { hasText: '€ 61,25 per uur' }).getByText('Geldt nu').waitFor();
  await screenshot(page, 'cm-procedure');
  return { id: Number(new URL(page.url()).pathname.split('/').pop()), name };
}

async function apply(procedureId) {
  const cm = await staffToken('cm.jansen');
  const p = await expectStatus(call('GET', `/procedures/${procedureId}`, { token: cm }), 200, 'procedure');
  const keys = apiKeys();
  const agb = Object.keys(keys).sort()[1] || Object.keys(keys)[0];
  await expectStatus(call('POST', `/procedures/${procedureId}/applications`, {
    apiKey: keys[agb],
    body: { lots: [p.lots[0].id], answers: p.requirements.map((r) => ({ requirement_id: r.id, answer: 'Certificaat tot en met volgend jaar.' })) },
  }), 201, 'application');
  return { agb, requirement: p.requirements[0].id };
}

async function assessApplication(page, procedure, applicant) {
  await page.locator('#nav').getByRole('link', { name: 'Aanmeldingen' }).click();
  const row = page.locator('tbody tr', { hasText: procedure.name });
  await row.waitFor();
  assert.ok((await row.innerText()).includes(`AGB ${applicant.agb}`));
  await screenshot(page, 'cm-applications');
  await row.getByRole('link', { name: /Beoordelen/ }).click();
  const verdict = page.locator(`form[data-requirement="${applicant.requirement}"]`);
  await verdict.getByLabel('Oordeel').selectOption('true');
  await verdict.getByRole('button', { name: 'Oordeel opslaan' }).click();
  await page.locator('#status', { hasText: 'Het oordeel is opgeslagen.' }).waitFor();
  await page.getByText('Aan 1 van 1 eisen voldaan.').waitFor();
  const decision = page.locator('#cm-application-decision');
  await decision.getByLabel('Besluit').selectOption('admit');
  await decision.getByLabel('Reden').fill('Voldoet aan alle eisen.');
  await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.locator('#status', { hasText: '1 raamcontract(en) aangemaakt' }).waitFor();
  await page.locator('main').getByText('Toegelaten', { exact: true }).waitFor();
  await screenshot(page, 'cm-application');
  await page.locator('main').getByRole('link', { name: /^contract \d+$/ }).click();
}

async function changeContract(page) {
  await page.getByRole('heading', { level: 1, name: /^Contract \d+ — / }).waitFor();
  await page.locator('tr', { hasText: '€ 61,25 per uur' }).getByText('Geldt nu').waitFor();
  // 61,25 × 1,025 = 62,78125 → € 62,78 from the first of next month.
  const now = new Date();
  const from = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
  const index = page.locator('#cm-index-contract');
  // A preview of old and new tariffs to confirm; above 10 % it warns (and may be cancelled).
  await index.getByLabel('Percentage').fill('12');
  await index.getByLabel('Ingangsdatum').fill(from);
  await index.getByRole('button', { name: 'Indexatie toepassen' }).click();
  const large = index.getByRole('group', { name: `Indexeren met 12 % vanaf ${dutchDate(from)}?` });
  await large.getByText('Let op: 12 % is meer dan 10 %').waitFor();
  assert.ok((await large.innerText()).includes('€ 68,60 per uur'), await large.innerText()); // 61,25 × 1,12
  await large.getByRole('button', { name: 'Annuleren' }).click();
  await index.getByLabel('Percentage').fill('2,5');
  await index.getByRole('button', { name: 'Indexatie toepassen' }).click();
  const preview = index.getByRole('group', { name: `Indexeren met 2,5 % vanaf ${dutchDate(from)}?` });
  const row = preview.locator('tr', { hasText: '€ 61,25 per uur' });
  await row.getByText('€ 62,78 per uur').waitFor();
  await row.getByText('€ 1,53').waitFor();
  assert.equal(await preview.getByText(/meer dan 10 %/).count(), 0);
  await screenshot(page, 'cm-index-preview');
  await preview.getByRole('button', { name: 'Ja, indexeren' }).click();
  await page.locator('#status', { hasText: 'Geïndexeerd met 2,5 %: 1 nieuwe tariefversie(s).' }).waitFor();
  const future = page.locator('tr', { hasText: '€ 62,78 per uur' });
  await future.getByText('Toekomstig').waitFor();
  assert.ok((await future.innerText()).includes(`vanaf ${dutchDate(from)}`));
  const status = page.locator('#cm-contract-status');
  await status.getByLabel('Nieuwe status').selectOption('suspended');
  await status.getByRole('button', { name: 'Status wijzigen' }).click();
  await status.getByText(/\(REASON_REQUIRED\)/).waitFor();
  await status.getByLabel('Reden').fill('Kwaliteitsonderzoek loopt (browsertest).');
  await status.getByRole('button', { name: 'Status wijzigen' }).click();
  // Confirmed after a summary of the change and what it means (suspending can be undone).
  const statusConfirm = status.getByRole('group', { name: /status wijzigen naar Opgeschort\?/ });
  await statusConfirm.waitFor();
  const statusText = await statusConfirm.innerText();
  assert.ok(statusText.includes('Kwaliteitsonderzoek loopt') && statusText.includes('kan weer actief worden'), statusText);
  assert.ok(!statusText.includes('niet ongedaan'), statusText);
  await statusConfirm.getByRole('button', { name: 'Ja, status wijzigen' }).click();
  await page.locator('#status', { hasText: 'De status is nu: Opgeschort.' }).waitFor();
  await page.locator('tr', { hasText: 'Kwaliteitsonderzoek loopt (browsertest).' }).getByText('Opgeschort').waitFor();
  await screenshot(page, 'cm-contract');
  // The procedure stops taking applications (and does not linger open in the shared demo).
  await page.locator('main').getByRole('link', { name: /^procedure \d+$/ }).click();
  await page.getByRole('button', { name: 'Aanmeldingen sluiten' }).click();
  await page.locator('#status', { hasText: 'De procedure neemt geen aanmeldingen meer aan.' }).waitFor();
  await page.locator('main dd').getByText('Gesloten', { exact: true }).waitFor();
  await page.locator('#nav').getByRole('link', { name: 'Contracten' }).click();
  // A filter applies at once (the list is paged by the server).
  await page.getByLabel('Status').selectOption('suspended');
  await page.waitForFunction(() => location.search.includes('status=suspended'));
  await page.locator('tbody tr').first().getByText('Opgeschort').waitFor();
  await screenshot(page, 'cm-contracts');
}

async function requestQueue(page) {
  await page.locator('#nav').getByRole('link', { name: 'Verzoeken aanbieders' }).click();
  await page.getByRole('heading', { level: 1, name: 'Verzoeken om toewijzing' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Verstreken termijnen' }).waitFor();
  await page.locator('main table, main p.empty').first().waitFor();
  await screenshot(page, 'cm-requests');
}

await run('review_queue', async (browser) => {
  const line = await createFlaggedLine();
  const page = await newPage(browser);
  await login(page, 'cm.jansen');
  await reviewQueue(page, line);
  await decideLine(page, line);
  const procedure = await newProcedure(page, line.reference);
  const applicant = await apply(procedure.id);
  await assessApplication(page, procedure, applicant);
  await changeContract(page);
  await requestQueue(page);
  // English on request; amounts and dates stay in Dutch notation.
  // The queue keeps its filters and search in the address.
  await page.goto(`${baseUrl}/reviews?status=decided&q=${line.reference}`);
  await page.selectOption('#language', 'en');
  await page.getByRole('heading', { level: 1, name: 'Claim review queue' }).waitFor();
  await page.locator('tbody tr', { hasText: line.reference }).getByText(euro(line.amount)).waitFor();
  await screenshot(page, 'cm-reviews-en');
  await page.selectOption('#language', 'nl');
});
