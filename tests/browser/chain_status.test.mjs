// The chain status on the staff screens (issue 16). cm.jansen sets a demo provider's message
// path to the GGk on "Keten (GGk)"; ao.bakker allocates care to it, so a WMO301 is queued as a
// ggk_Di01; the list shows it "In wachtrij" with the delivery error (no GGk runs in this tier:
// the connection is refused). The GGk then delivers a StUF Fo01 about it (BRS02, posted with the
// GGk's client certificate, answered with a Bv03): the list shows "Mislukt" with the code and its
// meaning, and "Opnieuw versturen" puts it back "In wachtrij"; a second Fo01, and a send-again
// that came first elsewhere, shows CHAIN_NOT_FAILED's text. The allocation's message history
// shows the chain column, the contract shows the path, and the path goes back to the default,
// by the contract manager and by the administrator on its users screen.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import crypto from 'node:crypto';
import { assert, login, newPage, pageCall as call, run, screenshot, server } from './lib.mjs';

const USED_ELSEWHERE = ['73000101', '73000103', '73000119', '73000120'];
const PRODUCT = '02A01';
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const now = new Date();
const monthStart = iso(new Date(now.getFullYear(), now.getMonth(), 1));
const nextYear = iso(new Date(now.getFullYear() + 1, 0, 1));

function randomBsn() {
  for (;;) {
    const d = [8, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const check = d.reduce((s, x, i) => s + (9 - i) * x, 0) % 11;
    if (check < 10) return d.join('') + check;
  }
}

// A provider eligible for the product that no other browser test uses (they share the server).
async function chooseProvider(page) {
  const r = await call(page, 'GET', `/queries/eligible-providers?product=${PRODUCT}&date=${monthStart}&municipality=0193`);
  assert.equal(r.status, 200, r.text);
  const p = r.body.find((x) => !USED_ELSEWHERE.includes(x.agb));
  assert.ok(p, 'an eligible demo provider that other browser tests leave alone');
  return { id: p.provider_id, agb: p.agb, name: p.name, contract: p.contract_id };
}

// As ao.bakker: a client, a decision and an allocation to `provider` (queues a WMO301).
async function allocate(page, provider) {
  let client;
  for (let i = 0; i < 5 && !client; i++) {
    const r = await call(page, 'POST', '/clients', { bsn: randomBsn(), surname: `Ketentest ${Date.now().toString(36)}`, birth_date: '1949-05-05', gender: '2', house_number: '7', postcode: '8011AB', municipality_code: '0193' });
    if (r.status === 201) client = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_CLIENT', r.text);
  }
  let decision;
  for (let i = 0; i < 5 && !decision; i++) {
    const r = await call(page, 'POST', `/clients/${client.id}/decisions`, {
      number: 100000000 + Math.floor(Math.random() * 899999999), decision_date: monthStart, valid_from: monthStart, valid_to: nextYear,
      products: [{ product_code: PRODUCT, volume: 8, unit: 'hours', frequency: 'week', financing: 'ZIN' }],
    });
    if (r.status === 201) decision = r.body;
    else assert.equal(r.body.code, 'DUPLICATE_DECISION', r.text);
  }
  const a = await call(page, 'POST', '/allocations', { granted_product_id: decision.products[0].id, provider_id: provider.id, start_date: monthStart });
  assert.equal(a.status, 201, a.text);
  return a.body;
}

// 17 digits of Amsterdam time, as StUF's tijdstipBericht.
function stufTime(at = new Date()) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${String(at.getMilliseconds()).padStart(3, '0')}`;
}

// The chain's Fo01 about our envelope `crossRef`, in a SOAP 1.1 envelope (as stuf_answers.cpp).
function fo01(crossRef, code, text) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    + '<StUF:Fo01Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301"><StUF:stuurgegevens>'
    + '<StUF:berichtcode>Fo01</StUF:berichtcode>'
    + `<StUF:zender><StUF:organisatie>${server.ZC_GGK_OIN}</StUF:organisatie><StUF:applicatie>GGk</StUF:applicatie></StUF:zender>`
    + '<StUF:ontvanger><StUF:organisatie>0193</StUF:organisatie><StUF:applicatie>zorgcontract</StUF:applicatie></StUF:ontvanger>'
    + `<StUF:referentienummer>${crypto.randomUUID()}</StUF:referentienummer><StUF:tijdstipBericht>${stufTime()}</StUF:tijdstipBericht>`
    + `<StUF:crossRefnummer>${crossRef}</StUF:crossRefnummer></StUF:stuurgegevens>`
    + `<StUF:body><StUF:code>${code}</StUF:code><StUF:plek>client</StUF:plek><StUF:omschrijving>${text}</StUF:omschrijving>`
    + '<StUF:details>WMO301-00030002</StUF:details></StUF:body></StUF:Fo01Bericht></soap:Body></soap:Envelope>';
}

// Posts as the GGk does: mutual TLS with the GGk's certificate (its OIN in the subject).
function deliverAsGgk(body) {
  const tls = path.join(process.env.ZC_TESTENV, 'tls');
  const url = new URL('/ggk0310/OntvangAsynchroon', server.ZC_SERVER_URL);
  return new Promise((resolve, reject) => {
    const req = https.request({
      hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      ca: fs.readFileSync(path.join(tls, 'ca.crt')),
      cert: fs.readFileSync(path.join(tls, 'clients', `${server.ZC_GGK_OIN}.crt`)),
      key: fs.readFileSync(path.join(tls, 'clients', `${server.ZC_GGK_OIN}.key`)),
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"http://www.egem.nl/StUF/StUF0301/Fo01"' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function failEnvelope(ref) {
  const answer = await deliverAsGgk(fo01(ref, 'BRS02', 'Indienende partij beschikt niet over de juiste rol'));
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.text, /Bv03Bericht/, answer.text);
}

// The envelope of the WMO301 just queued for the provider (newest first).
async function envelopeOf(page, provider) {
  const r = await call(page, 'GET', `/chain/envelopes?agb=${provider.agb}&limit=1`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.length, 1, 'the WMO301 got an envelope');
  assert.equal(r.body[0].functie, 'WMO301');
  return r.body[0];
}

async function openChain(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Keten (GGk)', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Keten (GGk)' }).waitFor();
}

const row = (page, ref) => page.locator('main tbody tr', { hasText: ref });

async function showProvider(page, provider) {
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Aanbieder', { exact: true }).selectOption(provider.agb);
}

async function setPath(page, provider, choice, shown) {
  await page.getByLabel('Aanbieder (berichtenverkeer)').selectOption(String(provider.id));
  await page.getByLabel('Berichtenverkeer van deze aanbieder').selectOption(choice);
  await page.getByRole('button', { name: 'Berichtenverkeer opslaan' }).click();
  await page.locator('#status', { hasText: `Berichtenverkeer van ${provider.name} opgeslagen` }).waitFor();
  await page.locator('.path-now', { hasText: shown }).waitFor();
}

await run('chain_status', async (browser) => {
  const cm = await newPage(browser);
  await login(cm, 'cm.jansen');
  const provider = await chooseProvider(cm);
  const ao = await newPage(browser);
  try {
    await openChain(cm);
    await setPath(cm, provider, 'ggk', 'via GGk (ingesteld voor deze aanbieder; standaard: direct)');
    await screenshot(cm, 'chain-path-ggk');

    await login(ao, 'ao.bakker');
    const allocation = await allocate(ao, provider);
    const envelope = await envelopeOf(ao, provider);
    const ref = envelope.referentienummer;

    // Queued, with the delivery error once the first attempt was made.
    await openChain(ao);
    await showProvider(ao, provider);
    await row(ao, ref).getByText('In wachtrij').waitFor();
    for (let i = 0; i < 40 && !(await row(ao, ref).locator('.chain-error').count()); i++) {
      await ao.waitForTimeout(500);
      await ao.getByRole('button', { name: 'Zoek', exact: true }).click();
      await row(ao, ref).waitFor();
    }
    const queued = await row(ao, ref).innerText();
    assert.match(queued, /Heenbericht\s+Di01/);
    assert.match(queued, /WMO301/);
    assert.match(queued, new RegExp(provider.agb));
    assert.match(queued, /Volgende poging: \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    assert.match(await row(ao, ref).locator('.chain-error').innerText(), /refused|geweigerd|connect/i);
    assert.equal(await ao.getByRole('button', { name: 'Berichtenverkeer opslaan' }).count(), 0, 'an access officer does not set the path');
    await screenshot(ao, 'chain-queued');

    // The chain refuses it: Mislukt, with the code and its meaning; sent again.
    await failEnvelope(ref);
    await openChain(cm);
    await showProvider(cm, provider);
    await row(cm, ref).getByText('Mislukt', { exact: true }).waitFor();
    assert.match(await row(cm, ref).innerText(), /BRS02 — Indienende partij beschikt niet over de juiste rol om voor dit berichttype berichten te ontvangen/);
    await screenshot(cm, 'chain-failed');
    await row(cm, ref).getByRole('button', { name: 'Opnieuw versturen' }).click();
    await cm.locator('#status', { hasText: `Envelop ${ref} staat weer in de wachtrij.` }).waitFor();
    await row(cm, ref).getByText('In wachtrij').waitFor();
    assert.equal(await row(cm, ref).getByRole('button', { name: 'Opnieuw versturen' }).count(), 0);
    await screenshot(cm, 'chain-requeued');

    // Failed again: the allocation's message history shows it in the chain column.
    await failEnvelope(ref);
    await ao.goto(new URL(`/allocations/${allocation.number}`, cm.url()).href);
    const message = ao.locator('main tbody tr', { hasText: 'WMO301' }).first();
    await message.waitFor();
    assert.equal(await ao.getByRole('columnheader', { name: 'Keten' }).count(), 1);
    assert.match(await message.innerText(), /Mislukt\s+BRS02: Indienende partij beschikt niet over de juiste rol/);
    await screenshot(ao, 'chain-message-log');

    // Sent again elsewhere first: the button's answer is CHAIN_NOT_FAILED, and it goes.
    await cm.getByLabel('Status', { exact: true }).selectOption('failed');
    await row(cm, ref).getByText('Mislukt', { exact: true }).waitFor();
    const again = await call(ao, 'POST', `/chain/envelopes/${envelope.id}/retry`);
    assert.equal(again.status, 200, again.text);
    await row(cm, ref).getByRole('button', { name: 'Opnieuw versturen' }).click();
    await row(cm, ref).getByRole('alert').getByText('Alleen een mislukt bericht kan opnieuw worden verstuurd', { exact: false }).waitFor();
    assert.match(await row(cm, ref).getByRole('alert').innerText(), /CHAIN_NOT_FAILED/);
    assert.equal(await row(cm, ref).getByRole('button', { name: 'Opnieuw versturen' }).count(), 0);
    assert.equal((await cm.locator('#status').innerText()).trim(), '', 'the earlier success is no longer announced');
    await screenshot(cm, 'chain-not-failed');

    // In English, and on a phone's width (rows become cards).
    await openChain(ao);
    await showProvider(ao, provider);
    await row(ao, ref).getByText('In wachtrij').waitFor();
    await ao.selectOption('#language', 'en');
    await ao.getByRole('heading', { level: 1, name: 'Chain (GGk)' }).waitFor();
    await row(ao, ref).getByText('Queued', { exact: true }).waitFor();
    assert.match(await row(ao, ref).innerText(), /Message\s+Di01/);
    await ao.setViewportSize({ width: 390, height: 844 });
    await screenshot(ao, 'chain-en-390');
    await ao.selectOption('#language', 'nl');

    // The contract shows the path; back to the default, as other tests expect.
    await cm.goto(new URL(`/contracts/${provider.contract}`, cm.url()).href);
    await cm.locator('.path-now', { hasText: 'via GGk (ingesteld voor deze aanbieder; standaard: direct)' }).waitFor();
    await screenshot(cm, 'chain-contract-path');
    await openChain(cm);
    await setPath(cm, provider, 'default', 'direct (standaardinstelling)');

    // The administrator sets it on its users screen too.
    const admin = await newPage(browser);
    await login(admin, 'admin');
    await admin.getByRole('heading', { level: 2, name: 'Berichtenverkeer per aanbieder' }).waitFor();
    await setPath(admin, provider, 'direct', 'direct (ingesteld voor deze aanbieder; standaard: direct)');
    await screenshot(admin, 'chain-admin-path');
    await setPath(admin, provider, 'default', 'direct (standaardinstelling)');
    await admin.context().close();
  } finally {
    await call(cm, 'PUT', `/providers/${provider.id}/exchange-path`, { path: 'default' });
  }
});
