// Contracts: the list (filter by status, kind, AGB), and one contract with its products, tariff
// versions (new version, indexation), status changes with their history and, for a budget
// contract, the coalition, budgets and performance agreements.
import * as api from '../api.js';
import { dateTime, integer, money } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { announce, errorLine, form, h, link, load, section, table } from '../ui.js';
import {
  actionLink, facts, fieldError, isManager, localizedCall, municipalityMap, municipalityText, nowrap, page, periodNode, periodText,
  productMap, productText, statusBadge, tOr,
} from './contract_manager_common.js';
import {
  TARIFF_ALIASES, tariffBody, tariffFields, tariffTable,
} from './contract_manager_procedures.js';
import { indexationBody, indexationConfirmation, indexationFields } from './contract_manager_indexation.js';
import { exchangePathPanel } from './chain_common.js';

const STATUSES = ['draft', 'active', 'suspended', 'terminated', 'expired'];

// The allowed next statuses (contract_status.hpp): draft → active; active ⇄ suspended;
// draft/active/suspended → terminated; active/suspended → expired.
const NEXT = {
  draft: ['active', 'terminated'],
  active: ['suspended', 'terminated', 'expired'],
  suspended: ['active', 'terminated', 'expired'],
};

const kindText = (k) => tOr(`cm.con.kind.${k}`, k);
const providerText = (c) => `${c.provider_name} (AGB ${c.provider_agb})`;

// --- the list ---------------------------------------------------------------------------------

// The contracts, paged by the server: filters by status and kind, a search (provider name or
// AGB, contract number), sortable columns.
function contractsList(ctx, products) {
  return pagedList(ctx, {
    path: (params) => `/contracts${api.query(params)}`,
    searchLabel: t('cm.con.search'),
    searchHint: t('cm.con.search_hint'),
    filters: [
      { name: 'status', label: t('ui.status'), options: STATUSES.map((s) => ({ value: s, label: t(`cm.status.${s}`) })) },
      { name: 'kind', label: t('cm.con.kind'), options: [{ value: 'framework', label: kindText('framework') }, { value: 'budget', label: kindText('budget') }] },
    ],
    columns: [
      { key: 'id', label: t('cm.con.number'), sortBy: 'id', render: (r) => link(`/contracts/${r.id}`, t('cm.con.n', { id: r.id })) },
      { key: 'provider_name', label: t('cm.con.provider'), sortBy: 'provider_name', render: providerText },
      { key: 'kind', label: t('cm.con.kind'), format: kindText },
      { key: 'products', label: t('cm.con.products'), render: (r) => h('span', {}, r.products.map((c, i) => [i ? ', ' : '', h('abbr', { title: productText(products, c) }, c)])) },
      { key: 'term_start', label: t('cm.con.term'), sortBy: 'term_start', render: (r) => periodNode(r.term_start, r.term_end) },
      { key: 'spending_ceiling_cents', label: t('cm.con.ceiling'), align: 'right', format: money },
      { key: 'status', label: t('ui.status'), sortBy: 'status', render: (r) => statusBadge(r.status) },
      { key: 'open', label: t('ui.actions'), render: (r) => actionLink(`/contracts/${r.id}`, t('cm.con.open'), t('cm.con.n', { id: r.id })) },
    ],
    caption: t('cm.con.caption'),
    empty: t('cm.con.empty'),
  });
}

export async function contractsScreen(main, ctx) {
  const products = await productMap();
  page(main, t('cm.con.title'), h('p', {}, t('cm.con.intro')), contractsList(ctx, products));
}

// --- one contract -------------------------------------------------------------------------

function headSection(ctx, c, products, municipalities) {
  return section(t('cm.con.details'), facts([
    [t('cm.con.provider'), providerText(c)],
    [t('cm.con.kind'), kindText(c.kind)],
    [t('cm.con.municipality'), municipalityText(municipalities, c.municipality_code)],
    [t('cm.con.procedure'), c.procedure_id ? link(`/procedures/${c.procedure_id}`, t('cm.con.procedure_n', { id: c.procedure_id })) : ''],
    [t('cm.con.application'), c.application_id ? link(`/applications/${c.application_id}`, t('cm.app.n', { id: c.application_id })) : ''],
    [t('cm.con.products'), h('ul', {}, c.products.map((p) => h('li', {}, productText(products, p))))],
    [t('cm.con.term'), periodText(c.term_start, c.term_end)],
    [t('cm.con.extensions'), c.extension_options
      ? t('cm.con.extensions_n', { used: integer(c.extensions_used), of: integer(c.extension_options), months: integer(c.extension_months) }) : ''],
    [t('cm.con.ceiling'), c.spending_ceiling_cents !== undefined && c.spending_ceiling_cents !== null ? money(c.spending_ceiling_cents) : ''],
    [t('ui.status'), statusBadge(c.status)],
  ]), exchangePathPanel(ctx, { id: c.provider_id, name: c.provider_name, agb: c.provider_agb }));
}

// The change to confirm: from, to, the reason and what it means; terminated and expired are final.
function statusConfirmation(c, v) {
  if (['suspended', 'terminated'].includes(v.status) && !v.reason) throw fieldError('REASON_REQUIRED', 'reason');
  const final = ['terminated', 'expired'].includes(v.status);
  return {
    title: t('cm.con.status_confirm_title', { id: c.id, status: t(`cm.status.${v.status}`) }),
    nodes: [facts([
      [t('cm.con.provider'), providerText(c)],
      [t('cm.con.from'), statusBadge(c.status)],
      [t('cm.con.to'), statusBadge(v.status)],
      [t('cm.con.reason'), v.reason || '—'],
    ]), h('p', {}, t(`cm.con.effect_${v.status}`))],
    label: t('cm.con.status_confirm'),
    note: final ? t('ui.irreversible') : null,
  };
}

function statusSection(ctx, c) {
  const history = table([
    { key: 'at', label: t('cm.con.at'), render: (r) => nowrap(dateTime(r.at)) },
    { key: 'from', label: t('cm.con.from'), render: (r) => (r.from ? statusBadge(r.from) : '') },
    { key: 'to', label: t('cm.con.to'), render: (r) => statusBadge(r.to) },
    { key: 'reason', label: t('cm.con.reason'), render: (r) => tOr(`cm.con.reason.${r.reason}`, r.reason) },
    { key: 'by', label: t('cm.con.by') },
  ], c.status_history, { caption: t('cm.con.history') });
  const next = NEXT[c.status] || [];
  if (!isManager(ctx) || next.length === 0) return section(t('cm.con.status_title'), history);
  const el = form([
    { name: 'status', label: t('cm.con.new_status'), type: 'select', required: true, options: next.map((s) => ({ value: s, label: t(`cm.con.to_${s}`) })) },
    { name: 'reason', label: t('cm.con.reason'), type: 'textarea', hint: t('cm.con.reason_hint') },
  ], t('cm.con.change_status'), async (v) => {
    await localizedCall(() => api.post(`/contracts/${c.id}/status`, { status: v.status, reason: v.reason }));
    announce(t('cm.con.status_changed', { status: t(`cm.status.${v.status}`) }));
    await ctx.rerender();
  }, { confirm: (v) => statusConfirmation(c, v) });
  el.id = 'cm-contract-status';
  return section(t('cm.con.status_title'), h('div', { class: 'grid' }, el, h('div', {}, history)));
}

function extendButton(ctx, c) {
  if (!isManager(ctx) || !c.extension_options || c.extensions_used >= c.extension_options || !['active', 'suspended'].includes(c.status)) return null;
  const button = h('button', { type: 'button' }, t('cm.con.extend', { months: integer(c.extension_months) }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await localizedCall(() => api.post(`/contracts/${c.id}/extensions`));
      announce(t('cm.con.extended'));
      await ctx.rerender();
    } catch (error) {
      announce(errorLine(error), 'bad');
      button.disabled = false;
    }
  });
  return h('div', { class: 'actions' }, button);
}

function tariffsSection(ctx, c, products) {
  const parts = [tariffTable(c.tariffs, products, t('cm.tariff.caption'))];
  if (isManager(ctx) && !['terminated', 'expired'].includes(c.status)) {
    const index = form(indexationFields(), t('cm.index.apply'), async (v) => {
      const r = await localizedCall(() => api.post(`/contracts/${c.id}/indexations`, indexationBody(v)));
      announce(t('cm.con.indexed', { pct: r.percentage.replace('.', ','), n: integer(r.new_versions) }));
      await ctx.rerender();
    }, { confirm: (v) => indexationConfirmation(c.tariffs, products, v) });
    index.id = 'cm-index-contract';
    const add = form([...tariffFields(products, c.products), { name: 'reason', label: t('cm.con.tariff_reason') }], t('cm.tariff.add'), async (v) => {
      const body = { ...tariffBody(v), reason: v.reason || undefined };
      await localizedCall(() => api.post(`/contracts/${c.id}/tariffs`, body));
      announce(t('cm.tariff.added', { tariff: money(body.tariff_cents) }));
      await ctx.rerender();
    }, { aliases: TARIFF_ALIASES });
    add.id = 'cm-add-contract-tariff';
    parts.push(h('div', { class: 'grid' },
      h('div', {}, h('h3', {}, t('cm.index.title')), h('p', { class: 'hint' }, t('cm.con.index_hint')), index),
      h('div', {}, h('h3', {}, t('cm.tariff.add_title')), add)));
  }
  return section(t('cm.tariff.title'), parts);
}

// A performance agreement's target in its kind: a percentage is kept in hundredths.
function indicatorTarget(a) {
  if (a.kind === 'percentage') return `${(Number(a.target) / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })} %`;
  if (a.kind === 'amount') return money(a.target);
  return integer(a.target);
}

// Budget-financed (dagbesteding) contracts: read-only details.
function budgetSection(c) {
  if (c.kind !== 'budget') return null;
  return section(t('cm.con.budget_title'),
    table([{ key: 'name', label: t('cm.con.provider'), render: (m) => `${m.name} (AGB ${m.agb})` },
      { key: 'role', label: t('cm.con.role'), render: (m) => tOr(`cm.con.role.${m.role}`, m.role) }], c.coalition || [], { caption: t('cm.con.coalition') }),
    table([{ key: 'year', label: t('cm.con.year') }, { key: 'budget_cents', label: t('cm.con.budget'), align: 'right', format: money }],
      c.budgets || [], { caption: t('cm.con.budgets') }),
    table([{ key: 'indicator', label: t('cm.con.indicator') }, { key: 'target', label: t('cm.con.target'), align: 'right', render: indicatorTarget },
      { key: 'unit', label: t('cm.con.unit') },
      { key: 'kind', label: t('cm.con.kind'), render: (a) => tOr(`cm.con.kind.${a.kind}`, a.kind) },
      { key: 'aggregation', label: t('cm.con.aggregation'), render: (a) => tOr(`cm.con.aggregation.${a.aggregation}`, a.aggregation) }],
    c.performance_agreements || [], { caption: t('cm.con.agreements') }),
    facts([[t('cm.con.settlement_rule'), tOr(`cm.con.rule.${c.settlement_rule}`, c.settlement_rule)]]));
}

export async function contractScreen(main, ctx) {
  const [c, products, municipalities] = await Promise.all([
    api.get(`/contracts/${encodeURIComponent(ctx.params.id)}`), productMap(), municipalityMap()]);
  page(main, t('cm.con.page_title', { id: c.id, provider: c.provider_name }),
    h('p', {}, link('/contracts', t('cm.con.back'))),
    headSection(ctx, c, products, municipalities), extendButton(ctx, c), statusSection(ctx, c), tariffsSection(ctx, c, products), budgetSection(c));
}

addStrings({
  nl: {
    'cm.nav.contracts': 'Contracten',
    'cm.con.title': 'Contracten',
    'cm.con.intro': 'Raamcontracten en budgetcontracten met hun tariefversies en status.',
    'cm.con.all': 'Alle',
    'cm.con.search': 'Zoek een contract',
    'cm.con.search_hint': 'Naam of AGB-code van de aanbieder, of contractnummer',
    'cm.con.kind': 'Soort',
    'cm.con.kind.framework': 'Raamcontract',
    'cm.con.kind.budget': 'Budgetcontract (dagbesteding)',
    'cm.con.agb': 'AGB-code aanbieder',
    'cm.con.caption': 'Contracten',
    'cm.con.empty': 'Geen contracten in deze selectie.',
    'cm.con.number': 'Contract',
    'cm.con.n': 'Contract {id}',
    'cm.con.provider': 'Zorgaanbieder',
    'cm.con.products': 'Producten',
    'cm.con.term': 'Looptijd',
    'cm.con.ceiling': 'Omzetplafond',
    'cm.con.open': 'Openen',
    'cm.con.pages': 'Pagina’s',
    'cm.con.prev': 'Vorige',
    'cm.con.next': 'Volgende',
    'cm.con.range': '{from} tot en met {to}',
    'cm.con.page_title': 'Contract {id} — {provider}',
    'cm.con.back': '← Alle contracten',
    'cm.con.details': 'Gegevens',
    'cm.con.municipality': 'Gemeente',
    'cm.con.procedure': 'Procedure',
    'cm.con.procedure_n': 'procedure {id}',
    'cm.con.application': 'Aanmelding',
    'cm.con.extensions': 'Verlengingen',
    'cm.con.extensions_n': '{used} van {of} gebruikt (telkens {months} maanden)',
    'cm.con.extend': 'Verlengen met {months} maanden',
    'cm.con.extended': 'Het contract is verlengd.',
    'cm.con.status_title': 'Status',
    'cm.con.history': 'Statusgeschiedenis',
    'cm.con.at': 'Moment',
    'cm.con.from': 'Van',
    'cm.con.to': 'Naar',
    'cm.con.reason': 'Reden',
    'cm.con.reason.created': 'aangemaakt',
    'cm.con.by': 'Door',
    'cm.con.new_status': 'Nieuwe status',
    'cm.con.to_active': 'Actief maken',
    'cm.con.to_suspended': 'Opschorten',
    'cm.con.to_terminated': 'Beëindigen',
    'cm.con.to_expired': 'Laten verlopen (na de looptijd)',
    'cm.con.reason_hint': 'Verplicht bij opschorten en beëindigen.',
    'cm.con.change_status': 'Status wijzigen',
    'cm.con.status_confirm_title': 'Contract {id}: status wijzigen naar {status}?',
    'cm.con.status_confirm': 'Ja, status wijzigen',
    'cm.con.effect_active': 'Het contract loopt: de aanbieder kan zorg binnen de looptijd declareren.',
    'cm.con.effect_suspended': 'Zorg tot en met gisteren blijft declarabel; zorg daarna wordt niet toegekend zolang het contract is opgeschort. Het contract kan weer actief worden.',
    'cm.con.effect_terminated': 'Zorg tot en met gisteren blijft declarabel; zorg daarna wordt niet meer toegekend.',
    'cm.con.effect_expired': 'Het contract is na zijn looptijd afgelopen.',
    'cm.con.status_changed': 'De status is nu: {status}.',
    'cm.con.index_hint': 'Elk tarief dat op de ingangsdatum geldt × (1 + percentage/100), afgerond op hele centen, als nieuwe versie.',
    'cm.con.indexed': 'Geïndexeerd met {pct} %: {n} nieuwe tariefversie(s).',
    'cm.con.tariff_reason': 'Aanleiding (optioneel)',
    'cm.con.budget_title': 'Budgetfinanciering',
    'cm.con.coalition': 'Samenwerkingsverband',
    'cm.con.role': 'Rol',
    'cm.con.role.lead': 'penvoerder',
    'cm.con.role.member': 'lid',
    'cm.con.year': 'Jaar',
    'cm.con.budget': 'Budget',
    'cm.con.budgets': 'Budgetten per jaar',
    'cm.con.indicator': 'Indicator',
    'cm.con.target': 'Doel',
    'cm.con.unit': 'Eenheid',
    'cm.con.kind': 'Soort',
    'cm.con.kind.count': 'Aantal',
    'cm.con.kind.percentage': 'Percentage',
    'cm.con.kind.amount': 'Bedrag',
    'cm.con.aggregation': 'Jaar uit kwartalen',
    'cm.con.aggregation.sum': 'Som',
    'cm.con.aggregation.mean': 'Gemiddelde',
    'cm.con.aggregation.last': 'Laatste kwartaal',
    'cm.con.agreements': 'Prestatieafspraken',
    'cm.con.settlement_rule': 'Vaststellingsregel',
    'cm.con.rule.fixed_budget': 'vast budget',
    'cm.con.rule.proportional_to_realisation': 'naar rato van de realisatie',
    'cm.con.rule.cap_at_advances': 'naar rato, ten hoogste de voorschotten',
  },
  en: {
    'cm.nav.contracts': 'Contracts',
    'cm.con.title': 'Contracts',
    'cm.con.intro': 'Framework and budget contracts with their tariff versions and status.',
    'cm.con.all': 'All',
    'cm.con.search': 'Search a contract',
    'cm.con.search_hint': 'The provider’s name or AGB code, or the contract number',
    'cm.con.kind': 'Kind',
    'cm.con.kind.framework': 'Framework contract',
    'cm.con.kind.budget': 'Budget contract (day activities)',
    'cm.con.agb': 'Provider AGB code',
    'cm.con.caption': 'Contracts',
    'cm.con.empty': 'No contracts in this selection.',
    'cm.con.number': 'Contract',
    'cm.con.n': 'Contract {id}',
    'cm.con.provider': 'Care provider',
    'cm.con.products': 'Products',
    'cm.con.term': 'Term',
    'cm.con.ceiling': 'Spending ceiling',
    'cm.con.open': 'Open',
    'cm.con.pages': 'Pages',
    'cm.con.prev': 'Previous',
    'cm.con.next': 'Next',
    'cm.con.range': '{from} to {to}',
    'cm.con.page_title': 'Contract {id} — {provider}',
    'cm.con.back': '← All contracts',
    'cm.con.details': 'Details',
    'cm.con.municipality': 'Municipality',
    'cm.con.procedure': 'Procedure',
    'cm.con.procedure_n': 'procedure {id}',
    'cm.con.application': 'Application',
    'cm.con.extensions': 'Extensions',
    'cm.con.extensions_n': '{used} of {of} used ({months} months each)',
    'cm.con.extend': 'Extend by {months} months',
    'cm.con.extended': 'The contract has been extended.',
    'cm.con.status_title': 'Status',
    'cm.con.history': 'Status history',
    'cm.con.at': 'When',
    'cm.con.from': 'From',
    'cm.con.to': 'To',
    'cm.con.reason': 'Reason',
    'cm.con.reason.created': 'created',
    'cm.con.by': 'By',
    'cm.con.new_status': 'New status',
    'cm.con.to_active': 'Make active',
    'cm.con.to_suspended': 'Suspend',
    'cm.con.to_terminated': 'Terminate',
    'cm.con.to_expired': 'Let expire (after the term)',
    'cm.con.reason_hint': 'Required to suspend or terminate.',
    'cm.con.change_status': 'Change status',
    'cm.con.status_confirm_title': 'Contract {id}: change the status to {status}?',
    'cm.con.status_confirm': 'Yes, change the status',
    'cm.con.effect_active': 'The contract runs: the provider can declare care within its term.',
    'cm.con.effect_suspended': 'Care up to and including yesterday can still be declared; later care is not awarded while the contract is suspended. The contract can become active again.',
    'cm.con.effect_terminated': 'Care up to and including yesterday can still be declared; later care is no longer awarded.',
    'cm.con.effect_expired': 'The contract has ended after its term.',
    'cm.con.status_changed': 'The status is now: {status}.',
    'cm.con.index_hint': 'Every tariff in force on the effective date × (1 + percentage/100), rounded to whole cents, as a new version.',
    'cm.con.indexed': 'Indexed by {pct} %: {n} new tariff version(s).',
    'cm.con.tariff_reason': 'Reason (optional)',
    'cm.con.budget_title': 'Budget financing',
    'cm.con.coalition': 'Coalition',
    'cm.con.role': 'Role',
    'cm.con.role.lead': 'lead',
    'cm.con.role.member': 'member',
    'cm.con.year': 'Year',
    'cm.con.budget': 'Budget',
    'cm.con.budgets': 'Budgets per year',
    'cm.con.indicator': 'Indicator',
    'cm.con.target': 'Target',
    'cm.con.unit': 'Unit',
    'cm.con.kind': 'Kind',
    'cm.con.kind.count': 'Count',
    'cm.con.kind.percentage': 'Percentage',
    'cm.con.kind.amount': 'Amount',
    'cm.con.aggregation': 'Year from quarters',
    'cm.con.aggregation.sum': 'Sum',
    'cm.con.aggregation.mean': 'Mean',
    'cm.con.aggregation.last': 'Last quarter',
    'cm.con.agreements': 'Performance agreements',
    'cm.con.settlement_rule': 'Settlement rule',
    'cm.con.rule.fixed_budget': 'fixed budget',
    'cm.con.rule.proportional_to_realisation': 'proportional to realisation',
    'cm.con.rule.cap_at_advances': 'proportional, at most the advances',
  },
});
