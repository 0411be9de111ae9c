// The access officer and the auditor in the browser. ao.bakker sees the clients list with masked
// BSNs only, registers a client (shown in full only after "Toon BSN"), records an access decision,
// allocates it to a provider, changes the allocation and sees its versions and WMO301 messages.
// aud.smit filters the audit trail on that client's creation (the stored record holds only the
// masked BSN), also by today's date (and finds nothing in 2000, date errors next to their field),
// and verifies the hash chain. Every screen is saved as a screenshot.
import { assert, baseUrl, login, newPage, run, screenshot } from './lib.mjs';

// A random BSN that passes the elfproef (weights 9..2, check digit -1), unique per run.
function randomBsn() {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    if (digits[0] === 0) continue;
    const check = digits.reduce((sum, d, i) => sum + (9 - i) * d, 0) % 11;
    if (check <= 9) return digits.join('') + String(check);
  }
}

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const now = new Date();
const monthStart = iso(new Date(now.getFullYear(), now.getMonth(), 1));
const nextYear = iso(new Date(now.getFullYear() + 1, 0, 1));
const inAWeek = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7));
const dutch = (isoDate) => isoDate.split('-').reverse().join('-');

const bsn = randomBsn();
const masked = `******${bsn.slice(-3)}`;
const suffix = Date.now().toString(36);
const surname = `Testcliënt-${suffix}`;
const decisionNumber = String(100000000 + Math.floor(Math.random() * 899999999));
const NINE_DIGITS = /(^|\D)\d{9}(\D|$)/;

async function mainText(page) {
  return page.locator('main').innerText();
}

async function clientsList(page, shot = 'ao-clients') {
  await page.getByRole('navigation').getByRole('link', { name: 'Cliënten', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Cliënten' }).waitFor();
  await page.getByRole('table').first().waitFor();
  const text = await mainText(page);
  assert.ok(!NINE_DIGITS.test(text), 'a full BSN is visible in the clients list');
  assert.match(text, /\*{6}\d{3}/, 'masked BSNs are shown');
  if (shot) await screenshot(page, shot);
}

async function registerClient(page) {
  await page.getByRole('link', { name: 'Nieuwe cliënt registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nieuwe cliënt' }).waitFor();
  await page.getByRole('textbox', { name: 'BSN', exact: true }).fill(bsn);
  await page.getByLabel('Achternaam').fill(surname);
  await page.getByLabel('Voornamen').fill('Anna');
  await page.getByLabel('Voorletters').fill('A.');
  await page.getByLabel('Geboortedatum').fill('1950-04-17');
  await page.getByLabel('Geslacht').selectOption('2');
  await page.getByLabel('Huisnummer').fill('12a');
  await page.getByLabel('Postcode').fill('8011 ab');
  await page.getByLabel('Woonplaats').fill('Zwolle');
  await page.getByLabel('Gemeente').selectOption('0193');
  // A BSN failing the elfproef is refused next to the field, with the server's reason code.
  const bsnField = page.getByRole('textbox', { name: 'BSN', exact: true });
  await bsnField.fill('123456789');
  await page.getByRole('button', { name: 'Cliënt registreren' }).click();
  await page.locator('[data-field="bsn"] .field-error', { hasText: 'voldoet aan de elfproef. (INVALID_BSN)' }).waitFor();
  assert.equal(await bsnField.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'ao-client-new');
  await bsnField.fill(bsn);
  await page.getByRole('button', { name: 'Cliënt registreren' }).click();
  await page.getByRole('heading', { level: 1, name: `Anna ${surname}` }).waitFor();
  const clientId = new URL(page.url()).pathname.split('/').pop();
  assert.match(clientId, /^\d+$/);
  return clientId;
}

async function showBsn(page) {
  const text = await mainText(page);
  assert.ok(!text.includes(bsn), 'the full BSN is shown before "Toon BSN"');
  assert.ok(text.includes(masked), 'the masked BSN is shown');
  await page.getByRole('button', { name: 'Toon BSN' }).click();
  await page.locator('#client-bsn', { hasText: bsn }).waitFor();
  await page.getByRole('button', { name: 'Verberg BSN' }).click();
  await page.locator('#client-bsn', { hasText: masked }).waitFor();
}

async function recordDecision(page) {
  await page.getByText('Nieuw toegangsbesluit').click();
  await page.getByLabel('Besluitnummer').fill(decisionNumber);
  await page.getByLabel('Geldig vanaf').fill(monthStart);
  await page.getByLabel('Geldig tot').fill(nextYear);
  await page.getByRole('combobox', { name: 'Product', exact: true }).selectOption('02A01');
  await page.getByLabel('Omvang (aantal eenheden)').fill('4');
  await page.getByLabel('Frequentie').selectOption('week');
  await screenshot(page, 'ao-decision-new');
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.getByText(`Toegangsbesluit ${decisionNumber} is vastgelegd.`).waitFor();
  const row = page.getByRole('row').filter({ hasText: decisionNumber });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /02A01 Individuele Begeleiding/);
  assert.match(text, /4 uur per week/);
  assert.ok(text.includes(`${dutch(monthStart)} tot ${dutch(nextYear)}`), text);
}

async function allocate(page) {
  await page.getByText('Nieuwe toewijzing').click();
  const provider = page.getByLabel('Zorgaanbieder');
  await page.waitForFunction(() => {
    const s = document.querySelector('select[name="provider_id"]');
    return s && s.options.length > 0 && s.options[0].value !== '';
  });
  const providerName = (await provider.locator('option').first().innerText()).replace(/ \(AGB.*$/, '');
  await screenshot(page, 'ao-allocation-new');
  await page.getByRole('button', { name: 'Toewijzen' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Toewijzing \d+$/ });
  await heading.waitFor();
  const number = (await heading.innerText()).replace('Toewijzing ', '');
  return { number, providerName };
}

async function allocationPage(page, providerName, number) {
  const text = await mainText(page);
  assert.ok(text.includes(providerName), 'the provider is named');
  assert.match(text, /eerste toewijzing/);
  // The WMO301 sent to the provider appears in the message history.
  const messages = page.locator('section', { has: page.getByRole('heading', { name: 'Berichtenverkeer' }) });
  await messages.getByRole('cell', { name: /WMO301 \(414\)/ }).first().waitFor();
  // A weekly volume changes from a date (iWmo OP033x1): this allocation ends a week from now
  // and a new allocation carries 3 hours a week from then on.
  await page.getByText('Toewijzing wijzigen').click();
  await page.getByLabel('Nieuwe omvang', { exact: true }).fill('3');
  await page.getByLabel('Nieuwe omvang geldt vanaf').fill(inAWeek);
  await page.getByLabel('Reden wijziging').first().selectOption('02');
  await page.getByRole('button', { name: 'Wijziging vastleggen' }).click();
  await page.getByRole('status').getByText('draagt de nieuwe omvang', { exact: false }).waitFor();
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^Toewijzing (?!${number}$)\\d+$`) });
  await heading.waitFor();
  const successor = (await heading.innerText()).replace('Toewijzing ', '');
  const versions = page.locator('section', { has: page.getByRole('heading', { name: 'Versies' }) });
  await versions.getByRole('row').filter({ hasText: '3 uur per week' }).filter({ hasText: 'geldende versie' }).waitFor();
  await messages.getByRole('row').filter({ hasText: 'WMO301 (414)' }).nth(1).waitFor();
  await screenshot(page, 'ao-allocation');
  return successor;
}

async function backToClient(page, number, successor) {
  await page.getByRole('link', { name: 'Naar de cliënt' }).click();
  const rowOf = (n) => page.getByRole('row').filter({ has: page.getByRole('link', { name: n, exact: true }) });
  await rowOf(successor).waitFor();
  assert.match(await rowOf(successor).innerText(), /3 uur per week/);
  assert.match(await rowOf(number).innerText(), /4 uur per week/);
  assert.match(await rowOf(number).innerText(), /actief/);
  await screenshot(page, 'ao-client');
}

async function searchByBsn(page) {
  await clientsList(page, null);
  await page.getByLabel('BSN (9 cijfers)').fill(bsn);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const lookup = page.locator('section', { has: page.getByRole('heading', { name: 'Zoeken op BSN' }) });
  const row = lookup.getByRole('row').filter({ hasText: surname });
  await row.waitFor();
  assert.ok((await row.innerText()).includes(masked));
  assert.ok(!NINE_DIGITS.test(await mainText(page)), 'a full BSN is visible after the search');
  assert.ok(!page.url().includes(bsn), 'the BSN is in the address bar');
  await screenshot(page, 'ao-clients-search');
}

async function allocationsList(page, clientId, number) {
  await page.getByRole('navigation').getByRole('link', { name: 'Toewijzingen', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Toewijzingen' }).waitFor();
  // The list is paged by the server; the search finds the allocation by its number.
  await page.locator('.list-status', { hasText: / van / }).waitFor();
  await page.getByLabel('Zoek een toewijzing').fill(number);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.locator('.list-status', { hasText: /^1–\d+ van \d+$/ }).waitFor();
  await page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) }).waitFor();
  await screenshot(page, 'ao-allocations');
}

async function auditTrail(page, clientId) {
  await page.getByRole('navigation').getByRole('link', { name: 'Audittrail', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Audittrail' }).waitFor();
  await page.getByLabel('Actie').fill('client.create');
  await page.getByLabel('Objectnummer').fill(clientId);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('client.create')),
    page.getByRole('button', { name: 'Filteren' }).click(),
  ]);
  await page.waitForURL(/action=client\.create/);
  const rows = page.locator('main tbody tr');
  await rows.first().filter({ hasText: 'client.create' }).waitFor();
  assert.equal(await rows.count(), 1);
  const text = await rows.first().innerText();
  assert.match(text, /ao\.bakker/);
  assert.match(text, /gelukt/);
  // The moment the server gives in UTC is shown on Amsterdam time.
  const at = new Date((await answer.json()).find((r) => r.object_id === clientId).at);
  const nl = Object.fromEntries(new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]));
  assert.ok(text.includes(`${nl.day}-${nl.month}-${nl.year} ${nl.hour}:${nl.minute}`), `Amsterdam time of ${at.toISOString()} in: ${text}`);
  await rows.first().getByText('Voor en na').click();
  const after = await rows.first().locator('pre').innerText();
  assert.ok(after.includes(surname) && !after.includes(bsn), 'the audit record holds the full BSN');
  await screenshot(page, 'aud-trail');

  // Every read of the client is in the trail too.
  await page.getByLabel('Actie').fill('client.read');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/action=client\.read/);
  await rows.first().filter({ hasText: 'client.read' }).waitFor();
  for (const r of await rows.all()) assert.match(await r.innerText(), /client\.read/);

  await dateFilters(page, clientId);
}

// The day filters (days in Amsterdam, as the times are shown; both included) are kept in the
// address like the other filters.
async function dateFilters(page, clientId) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const rows = page.locator('main tbody tr');
  await page.getByLabel('Actie').fill('client.create');
  await page.getByLabel('Vanaf datum').fill(today);
  await page.getByLabel('Tot en met datum').fill(today);
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(new RegExp(`from=${today}&to=${today}`));
  await rows.first().filter({ hasText: 'client.create' }).waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), new RegExp(`${dutch(today)}[\\s\\S]*ao\\.bakker`));
  assert.equal(await page.getByLabel('Vanaf datum').inputValue(), today);
  await screenshot(page, 'aud-trail-dates');
  // A range in 2000 holds none of today's rows.
  await page.getByLabel('Vanaf datum').fill('2000-01-01');
  await page.getByLabel('Tot en met datum').fill('2000-12-31');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/from=2000-01-01&to=2000-12-31/);
  await page.locator('main p.empty', { hasText: 'Geen regels met deze filters.' }).waitFor();
  // An end before the start is refused next to "Tot en met".
  await page.getByLabel('Tot en met datum').fill('1999-12-31');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.locator('[data-field="to"] .field-error', { hasText: '(INVALID_PERIOD)' }).waitFor();
  // A malformed day in the address: the server's INVALID_DATE next to "Vanaf datum".
  await page.goto(`${baseUrl}/audit?object_id=${clientId}&from=2000-13-01`);
  await page.locator('[data-field="from"] .field-error', { hasText: 'Vul een bestaande datum in. (INVALID_DATE)' }).waitFor();
  assert.equal(await page.getByLabel('Vanaf datum').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'aud-trail-date-error');
}

async function verifyChain(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Ketencontrole', exact: true }).click();
  await page.getByRole('button', { name: 'Keten nu controleren' }).click();
  await page.locator('#verify-result .badge', { hasText: 'Keten intact' }).waitFor();
  assert.match(await page.locator('#verify-result').innerText(), /Gecontroleerde regels\s+[\d.]+/);
  await screenshot(page, 'aud-verify');
}

await run('access_audit', async (browser) => {
  const page = await newPage(browser);
  await login(page, 'ao.bakker');
  await clientsList(page);
  const clientId = await registerClient(page);
  await showBsn(page);
  await recordDecision(page);
  const { number, providerName } = await allocate(page);
  const successor = await allocationPage(page, providerName, number);
  await backToClient(page, number, successor);
  await searchByBsn(page);
  await allocationsList(page, clientId, number);

  const audit = await newPage(browser);
  await login(audit, 'aud.smit');
  await auditTrail(audit, clientId);
  await verifyChain(audit);
  // The auditor reads the client with the BSN masked and no way to show it.
  await audit.goto(`${baseUrl}/clients/${clientId}`);
  await audit.getByRole('heading', { level: 1, name: `Anna ${surname}` }).waitFor();
  assert.ok(!(await mainText(audit)).includes(bsn));
  assert.equal(await audit.getByRole('button', { name: 'Toon BSN' }).count(), 0);
  await screenshot(audit, 'aud-client');
});
