// The provider's screens (a provider's web user; the server scopes every answer to its own
// provider): contracts and tariffs, allocations, and — in provider_upload.js,
// provider_declarations.js and provider_money.js — declaring, the list of declarations, the
// answer per line, the trace to payment and the statement.
import * as api from '../api.js';
import { date, dateTime, money, percent } from '../format.js';
import { t } from '../i18n.js';
import { badge, h, link, load, page, section, table } from '../ui.js';
import { pagedList } from '../paged_list.js';
import {
  dayBefore, facts, municipalityMap, municipalityText, periodText, productMap, productText, ROLES, statusBadge,
  todayIso, tOr, unitText, volumeText,
} from './provider_common.js';
import inboxScreens from './provider_inbox.js';
import declarationScreens from './provider_declarations.js';
import moneyScreens from './provider_money.js';
import uploadScreens from './provider_upload.js';

// The tariff version of each product in force on `day`: the latest valid_from on or before it
// whose valid_to (exclusive) has not passed; a later version ends an earlier one.
function tariffsInForce(tariffs, day) {
  const byProduct = new Map();
  for (const v of tariffs) {
    if (v.valid_from > day || (v.valid_to && v.valid_to <= day)) continue;
    const best = byProduct.get(v.product_code);
    if (!best || v.valid_from > best.valid_from) byProduct.set(v.product_code, v);
  }
  return byProduct;
}

// Each version's last day: its valid_to, else the day before the product's next version.
function withEnds(tariffs) {
  const sorted = [...tariffs].sort((a, b) => (a.product_code === b.product_code
    ? a.valid_from.localeCompare(b.valid_from) : a.product_code.localeCompare(b.product_code)));
  return sorted.map((v, i) => {
    const next = sorted[i + 1];
    const nextStart = next && next.product_code === v.product_code ? next.valid_from : null;
    const ends = [v.valid_to, nextStart].filter(Boolean).sort();
    return { ...v, end: ends[0] || null };
  });
}

function termText(c) {
  return periodText(c.term_start, c.term_end);
}

async function renderContracts(main, ctx) {
  page(main, t('prov.contracts.title'));
  const body = h('div');
  main.append(body);
  await load(body, async () => {
    const [contracts, products, munis] = await Promise.all([api.get('/contracts'), productMap(), municipalityMap()]);
    const details = await Promise.all(contracts.slice(0, 25).map((c) => api.get(`/contracts/${c.id}`)));
    const ceiling = await api.get(`/providers/${ctx.user.provider_id}/spending-ceiling`).catch(() => null);
    return { contracts, details, products, munis, ceiling };
  }, (d) => [
    section(t('prov.contracts.list'), contractTable(d)),
    section(t('prov.contracts.current', { date: date(todayIso()) }), currentTariffs(d)),
    d.ceiling && d.ceiling.contracts.length ? section(t('prov.contracts.ceilings', { year: d.ceiling.year }), ceilingTable(d.ceiling)) : null,
  ].filter(Boolean));
}

function contractTable({ contracts, products, munis }) {
  return table([
    { label: t('prov.col.contract'), render: (c) => link(`/provider/contracts/${c.id}`, t('prov.contract.title', { id: c.id })) },
    { label: t('prov.col.kind'), render: (c) => tOr(`prov.kind.${c.kind}`, c.kind) },
    { label: t('prov.col.municipality'), render: (c) => municipalityText(munis, c.municipality_code) },
    { label: t('prov.col.products'), render: (c) => c.products.map((p) => h('div', {}, productText(products, p))) },
    { label: t('prov.col.term'), render: termText },
    { label: t('prov.col.status'), render: (c) => statusBadge('prov.contract_status.', c.status) },
  ], contracts);
}

function currentTariffs({ details, products }) {
  const today = todayIso();
  const rows = [];
  for (const c of details) {
    if (c.status !== 'active') continue;
    for (const v of tariffsInForce(c.tariffs || [], today).values()) rows.push({ ...v, contract_id: c.id });
  }
  return table([
    { label: t('prov.col.product'), render: (r) => productText(products, r.product_code) },
    { label: t('prov.col.tariff'), align: 'right', render: (r) => money(r.tariff_cents) },
    { label: t('prov.col.unit'), render: (r) => unitText(r.unit) },
    { label: t('prov.col.valid_from'), render: (r) => date(r.valid_from) },
    { label: t('prov.col.contract'), render: (r) => link(`/provider/contracts/${r.contract_id}`, t('prov.contract.title', { id: r.contract_id })) },
  ], rows, { empty: t('prov.contracts.none_current') });
}

function ceilingTable(ceiling) {
  return table([
    { label: t('prov.col.contract'), render: (r) => link(`/provider/contracts/${r.contract_id}`, t('prov.contract.title', { id: r.contract_id })) },
    { label: t('prov.col.ceiling'), align: 'right', render: (r) => money(r.spending_ceiling_cents) },
    { label: t('prov.col.used'), align: 'right', render: (r) => money(r.used_cents) },
    { label: t('prov.col.percentage'), align: 'right', render: (r) => (r.used_bp === null || r.used_bp === undefined ? '' : percent(r.used_bp / 100)) },
    { label: t('prov.col.status'), render: (r) => statusBadge('prov.ceiling.', r.status) },
  ], ceiling.contracts);
}

async function renderContract(main, ctx) {
  const id = ctx.params.id;
  page(main, t('prov.contract.title', { id }));
  const body = h('div');
  main.append(body);
  await load(body, async () => {
    const [c, products, munis] = await Promise.all([api.get(`/contracts/${encodeURIComponent(id)}`), productMap(), municipalityMap()]);
    return { c, products, munis };
  }, ({ c, products, munis }) => [
    h('p', {}, link('/provider/contracts', t('prov.contract.back'))),
    section(t('prov.contract.facts'), facts([
      [t('prov.col.kind'), tOr(`prov.kind.${c.kind}`, c.kind)],
      [t('prov.col.status'), statusBadge('prov.contract_status.', c.status)],
      [t('prov.col.municipality'), municipalityText(munis, c.municipality_code)],
      [t('prov.col.term'), termText(c)],
      [t('prov.col.products'), c.products.map((p) => productText(products, p)).join(', ')],
      c.extension_options ? [t('prov.extensions'), t('prov.extensions_value', { used: c.extensions_used, options: c.extension_options, months: c.extension_months })] : null,
      c.spending_ceiling_cents !== null && c.spending_ceiling_cents !== undefined ? [t('prov.col.ceiling'), money(c.spending_ceiling_cents)] : null,
    ])),
    section(t('prov.contract.tariffs'), tariffTable(c, products)),
    section(t('prov.contract.history'), historyTable(c)),
  ]);
}

function tariffTable(c, products) {
  const now = tariffsInForce(c.tariffs || [], todayIso());
  const current = new Set([...now.values()]);
  const rows = withEnds(c.tariffs || []).map((v) => ({ ...v, now: [...current].some((x) => x.product_code === v.product_code && x.valid_from === v.valid_from) }));
  return table([
    { label: t('prov.col.product'), render: (r) => productText(products, r.product_code) },
    { label: t('prov.col.tariff'), align: 'right', render: (r) => money(r.tariff_cents) },
    { label: t('prov.col.unit'), render: (r) => unitText(r.unit) },
    { label: t('prov.col.valid_from'), render: (r) => date(r.valid_from) },
    { label: t('prov.col.valid_until'), render: (r) => (r.end ? date(dayBefore(r.end)) : t('prov.open_ended')) },
    { label: t('prov.col.reason'), key: 'reason' },
    { label: t('prov.col.in_force'), render: (r) => (r.now ? badge(t('prov.in_force'), 'ok') : '') },
  ], rows);
}

function historyTable(c) {
  return table([
    { label: t('prov.col.at'), render: (r) => dateTime(r.at) },
    { label: t('prov.col.from_to'), render: (r) => [r.from, r.to].filter(Boolean).map((s) => tOr(`prov.contract_status.${s}`, s)).join(' → ') },
    { label: t('prov.col.reason'), key: 'reason' },
  ], c.status_history || []);
}

// Every allocation to the provider, paged by the server, with a search (number, product, its
// own reference, the client's surname), a product filter and sortable columns.
async function renderAllocations(main, ctx) {
  const products = await productMap();
  const list = pagedList(ctx, {
    path: (params) => `/allocations${api.query(params)}`,
    defaultSort: '-number',  // the newest allocations first
    searchLabel: t('prov.allocations.search'),
    searchHint: t('prov.allocations.search_hint'),
    filters: [{ name: 'product', label: t('prov.col.product'), options: [...products.values()].map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })) }],
    columns: allocationColumns(products, true),
    caption: t('prov.allocations.title'),
  });
  page(main, t('prov.allocations.title'), h('p', {}, t('prov.allocations.intro')), list);
}

// The client as the WMO301 named them: "H.J. Jansen (geb. 12-03-1948)".
function clientText(a) {
  if (!a.client_name) return t('prov.client_ref', { id: a.client_id });
  return t('prov.client_named', { name: a.client_name, born: date(a.client_birth_date) });
}

function allocationColumns(products, withLink) {
  return [
    withLink
      ? { label: t('prov.col.number'), sortBy: 'number', render: (a) => link(`/provider/allocations/${a.number}`, String(a.number)) }
      : { label: t('prov.col.version'), key: 'version' },
    { label: t('prov.col.client'), render: clientText },
    { label: t('prov.col.product'), sortBy: withLink ? 'product_code' : null, render: (a) => productText(products, a.product_code) },
    { label: t('prov.col.period'), sortBy: withLink ? 'start_date' : null, render: (a) => periodText(a.start_date, a.end_date) },
    { label: t('prov.col.volume'), render: (a) => volumeText(a.volume, a.unit, a.frequency) },
    withLink ? { label: t('prov.col.version'), key: 'version' } : { label: t('prov.col.allocated_at'), render: (a) => dateTime(a.allocated_at) },
    { label: t('prov.col.change_reason'), render: (a) => (a.reason_change ? `${a.reason_change} ${tOr(`prov.reason_change.${a.reason_change}`, '')}`.trim() : '') },
  ];
}

async function renderAllocation(main, ctx) {
  const number = ctx.params.number;
  page(main, t('prov.allocation.title', { number }));
  const body = h('div');
  main.append(body);
  await load(body, async () => {
    const [a, products] = await Promise.all([api.get(`/allocations/${encodeURIComponent(number)}`), productMap()]);
    return { a, products };
  }, ({ a, products }) => [
    h('p', {}, link('/provider/allocations', t('prov.allocation.back'))),
    section(t('prov.contract.facts'), facts([
      [t('prov.col.client'), clientText(a)],
      [t('prov.col.product'), productText(products, a.product_code)],
      [t('prov.col.period'), periodText(a.start_date, a.end_date)],
      [t('prov.col.volume'), volumeText(a.volume, a.unit, a.frequency)],
      [t('prov.col.contract'), link(`/provider/contracts/${a.contract_id}`, t('prov.contract.title', { id: a.contract_id }))],
      [t('prov.col.version'), String(a.version)],
    ])),
    section(t('prov.allocation.versions'), table(allocationColumns(products, false), [...(a.versions || [])].reverse(),
      { rowClass: (v) => (v.is_current ? 'current' : null) })),
  ]);
}

export default [
  { path: '/provider/contracts', nav: 'prov.nav.contracts', roles: ROLES, render: renderContracts },
  { path: '/provider/contracts/:id', roles: ROLES, render: renderContract },
  { path: '/provider/allocations', nav: 'prov.nav.allocations', roles: ROLES, render: renderAllocations },
  { path: '/provider/allocations/:number', roles: ROLES, render: renderAllocation },
  ...uploadScreens,
  ...declarationScreens,
  ...moneyScreens,
  ...inboxScreens,
];
