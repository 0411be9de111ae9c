// Providers' spending ceilings: for every contract with a ceiling, what the provider used in the
// year (accepted + paid) against it, with a warning from 70 % (GET /providers/{id}/spending-ceiling).
import * as api from '../api.js';
import { money, percent } from '../format.js';
import { t } from '../i18n.js';
import { badge, form, h, load, page, section, table } from '../ui.js';
import { options, thisYear } from './budget_common.js';

const STATUS_KIND = { within: 'ok', warning: 'warn', exceeded: 'bad' };
const STATUS_ORDER = { exceeded: 0, warning: 1, within: 2 };

// The providers that hold a contract with a spending ceiling, by id.
function ceilingProviders(contracts) {
  const out = new Map();
  for (const c of contracts) {
    if (c.spending_ceiling_cents !== null && c.spending_ceiling_cents !== undefined) {
      out.set(c.provider_id, { id: c.provider_id, name: c.provider_name, agb: c.provider_agb });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

async function loadRows(providers, year) {
  const answers = await Promise.all(providers.map((p) => api.get(`/providers/${p.id}/spending-ceiling?year=${year}`)
    .then((a) => a.contracts.map((c) => ({ ...c, provider: p })))));
  return answers.flat().sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (b.used_bp ?? 0) - (a.used_bp ?? 0));
}

// The share used as a bar with its percentage in text.
function usedCell(c) {
  const pct = c.used_bp === null || c.used_bp === undefined ? null : c.used_bp / 100;
  const label = pct === null ? '' : percent(pct);
  return h('span', { class: 'bud-used' },
    h('progress', { max: 100, value: Math.min(100, pct ?? 0), 'aria-label': t('bud.ceil.used_of', { contract: c.contract_id }) }),
    ' ', label);
}

function columns() {
  return [
    { key: 'provider', label: t('bud.ceil.col.provider'), render: (c) => `${c.provider.name} (${c.provider.agb})` },
    { key: 'contract_id', label: t('bud.ceil.col.contract'), render: (c) => `#${c.contract_id} · ${c.municipality_code} · ${t(`bud.ceil.contract.${c.contract_status}`)}` },
    { key: 'spending_ceiling_cents', label: t('bud.ceil.col.ceiling'), align: 'right', format: money },
    { key: 'accepted_cents', label: t('bud.ceil.col.accepted'), align: 'right', format: money },
    { key: 'paid_cents', label: t('bud.ceil.col.paid'), align: 'right', format: money },
    { key: 'used_cents', label: t('bud.ceil.col.used'), align: 'right', format: money },
    { key: 'remaining_cents', label: t('bud.ceil.col.remaining'), align: 'right', format: money },
    { key: 'used_bp', label: t('bud.ceil.col.percent'), render: usedCell },
    { key: 'status', label: t('ui.status'), render: (c) => badge(t(`bud.ceil.status.${c.status}`), STATUS_KIND[c.status]) },
  ];
}

function summary(rows) {
  const count = (s) => rows.filter((r) => r.status === s).length;
  return h('p', { class: 'bud-ceil-summary' }, t('bud.ceil.summary', { n: rows.length, warning: count('warning'), exceeded: count('exceeded') }));
}

function filterForm(ctx, year, provider, providers) {
  const el = form([
    { name: 'year', label: t('bud.filter.year'), type: 'number', min: 2000, max: 2999, value: year, required: true },
    { name: 'provider', label: t('bud.ceil.provider'), type: 'select', value: provider,
      options: options(providers, (p) => p.id, (p) => `${p.name} (${p.agb})`, t('bud.ceil.all_providers')) },
  ], t('bud.filter.show'), (v) => ctx.navigate(`/spending-ceilings${api.query(v)}`));
  el.classList.add('inline');
  el.setAttribute('aria-label', t('bud.ceil.filter_label'));
  return el;
}

export async function renderCeilings(main, ctx) {
  const year = ctx.query.get('year') || String(thisYear());
  const provider = ctx.query.get('provider') || '';
  const providers = ceilingProviders(await api.get('/contracts?limit=1000'));
  const chosen = provider ? providers.filter((p) => String(p.id) === provider) : providers;
  const results = h('div', {});
  page(main, t('bud.ceil.title'), h('p', { class: 'hint' }, t('bud.ceil.intro')),
    section(t('bud.filter.title'), filterForm(ctx, year, provider, providers)), section(t('bud.ceil.list_title', { year }), results));
  await load(results, () => loadRows(chosen, year), (rows) => (rows.length === 0
    ? h('p', { class: 'empty' }, t('bud.ceil.none'))
    : [summary(rows), table(columns(), rows, { caption: t('bud.ceil.caption', { year }), rowClass: (c) => `bud-ceil-${c.status}` })]));
}
