// Shared by the browser tests that need a declared line in review: the demo provider
// zorg.vechtstroom (AGB 73000101, a provider with a web user) declares last month's care one
// hour over a new client's weekly cap (a few percent: rule 9321 sends it to the contract
// manager's review queue instead of rejecting it). The access officer's client, decision and
// allocation are created first, so the test can run again on any database. Every call goes
// through the web application's session (cookie and CSRF header), as the screens do.
import { assert, login, newPage, pageCall as call } from './lib.mjs';

export { call };

export const AGB = '73000101';
export const PROVIDER_USER = 'zorg.vechtstroom';
const HOURS_PER_WEEK = 4;

export async function expectOk(page, method, path, body, status = 200) {
  const r = await call(page, method, path, body);
  assert.equal(r.status, status, `${method} ${path}: HTTP ${r.status} ${r.text}`);
  return r.body;
}

const errorCode = (r) => r.body?.error?.code ?? r.body?.code;

// UTC calendar days, like the server.
export const iso = (d) => d.toISOString().slice(0, 10);
export const addDays = (d, n) => new Date(d.getTime() + n * 86400000);

// Distinct ISO weeks (by their Monday) touched by [begin, end).
export function isoWeeksTouched(begin, end) {
  const mondays = new Set();
  for (let d = begin; d < end; d = addDays(d, 1)) mondays.add(iso(addDays(d, -((d.getUTCDay() + 6) % 7))));
  return mondays.size;
}

function randomBsn() {
  for (;;) {
    const d = [7, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const sum = d.reduce((s, x, i) => s + (9 - i) * x, 0);
    if (sum % 11 < 10) return d.join('') + (sum % 11);
  }
}

// As the access officer: a client with 4 hours a week of IB from `start`, allocated to the
// provider. Answers the allocation's number, the client's BSN and the tariff on `start`.
async function allocate(page, start) {
  const providers = await expectOk(page, 'GET', '/providers?limit=1000');
  const provider = providers.find((p) => p.agb === AGB);
  assert.ok(provider, `demo provider ${AGB}`);
  let client;
  let bsn;
  for (let i = 0; i < 5 && !client; i++) {
    bsn = randomBsn();
    const r = await call(page, 'POST', '/clients', { bsn, surname: 'Beoordelingstest', initials: 'B.T.', birth_date: '1961-06-06', gender: '2', house_number: '7', postcode: '8011AB', municipality_code: '0193' });
    if (r.status === 201) client = r.body;
    else assert.equal(errorCode(r), 'DUPLICATE_CLIENT', r.text);
  }
  let decision;
  for (let i = 0; i < 5 && !decision; i++) {
    const r = await call(page, 'POST', `/clients/${client.id}/decisions`, {
      number: 100000000 + Math.floor(Math.random() * 899999999), decision_date: iso(start), valid_from: iso(start),
      valid_to: iso(addDays(new Date(), 120)),
      products: [{ product_code: '02A01', volume: HOURS_PER_WEEK, unit: 'hours', frequency: 'week', financing: 'ZIN' }],
    });
    if (r.status === 201) decision = r.body;
    else assert.equal(errorCode(r), 'DUPLICATE_DECISION', r.text);
  }
  const allocation = await expectOk(page, 'POST', '/allocations', { granted_product_id: decision.products[0].id, provider_id: provider.id, start_date: iso(start) }, 201);
  const tariff = await expectOk(page, 'GET', `/queries/tariff?agb=${AGB}&product=02A01&date=${iso(start)}&municipality=0193`);
  return { allocation: allocation.number, bsn, tariff: tariff.tariff_cents, providerName: provider.name };
}

// Declares last month for a new allocation, one hour over its weekly cap: a declaration that
// awaits review. With `accepted`, a second line of 2 hours for a second new allocation (within
// its cap: accepted); with `rejected: n`, n more lines for allocations that do not exist
// (rejected), references NUMBER-1 … NUMBER-n. Answers {declarationId, number, reference (the
// line in review), acceptedReference, volume, amount (the line in review), submitted (every
// line), providerName}.
export async function declareForReview(browser, { accepted = false, rejected = 0 } = {}) {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const ao = await newPage(browser);
  await login(ao, 'ao.bakker');
  const a = await allocate(ao, start);
  const b = accepted ? await allocate(ao, start) : null;
  await ao.context().close();

  const suffix = `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296).toString(36).toUpperCase()}`;
  const reference = `RR${suffix}`.slice(0, 20);
  const number = `RN${suffix}`.slice(0, 12);
  const period = { period_start: iso(start), period_end: iso(end) };
  const line = (ref, alloc, bsn, volume) => ({
    reference: ref, allocation_number: alloc, bsn, category: '02', product_code: '02A01', ...period,
    volume, unit: 'hours', tariff_cents: a.tariff, amount_cents: volume * a.tariff,
  });
  const volume = HOURS_PER_WEEK * isoWeeksTouched(start, end) + 1;
  const lines = [line(reference, a.allocation, a.bsn, volume)];
  if (b) lines.push(line(`RA${suffix}`.slice(0, 20), b.allocation, b.bsn, 2));
  for (let k = 1; k <= rejected; k++) lines.push(line(`${number}-${k}`, 990000000 + k, a.bsn, k));
  const submitted = lines.reduce((sum, l) => sum + l.amount_cents, 0);
  const provider = await newPage(browser);
  await login(provider, PROVIDER_USER);
  const answer = await expectOk(provider, 'POST', '/declarations', { number, ...period, total_submitted_cents: submitted, lines }, 201);
  await provider.context().close();
  assert.equal(answer.status, 'awaiting_review', JSON.stringify(answer));
  const review = answer.not_accepted.find((n) => n.reference === reference);
  assert.equal(review?.code, '9321', JSON.stringify(answer));
  return {
    declarationId: answer.declaration_id, number, reference, acceptedReference: b ? lines[1].reference : null,
    volume, amount: volume * a.tariff, submitted, tariff: a.tariff, providerName: a.providerName,
  };
}

// The open review item of a line, as the contract manager (page logged in as cm.jansen).
export async function openReview(page, reference) {
  const queue = await expectOk(page, 'GET', `/reviews?status=open&q=${encodeURIComponent(reference)}`);
  assert.equal(queue.length, 1, JSON.stringify(queue));
  return queue[0];
}
