// Procurement procedures: the list, a new procedure, and one procedure with its lots,
// requirements and published tariffs (new versions, indexation) and the switch that opens or
// closes applications.
import * as api from '../api.js';
import { date, integer, money, parseAmount } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, badge, errorLine, field, form, h, link, load, section, table } from '../ui.js';
import {
  exclusiveEnd, facts, fieldError, isManager, isoDay, localizedCall, municipalityMap, municipalityText, page, periodNode,
  periodText, productMap, productText, tOr, unitText,
} from './contract_manager_common.js';
import { indexationBody, indexationConfirmation, indexationFields } from './contract_manager_indexation.js';

const KINDS = ['open', 'negotiated', 'continuation'];

export const kindText = (kind) => tOr(`cm.proc.kind.${kind}`, kind);

function openBadge(open) {
  return badge(t(open ? 'cm.proc.apps_open' : 'cm.proc.apps_closed'), open ? 'ok' : 'neutral');
}

// "€ 54,60 per uur"
export function tariffText(cents, unit) {
  return `${money(cents)} ${t('cm.per', { unit: unitText(unit, 1) })}`;
}

// "indexation 3.1%" -> "indexatie 3,1 %"; known words translated, other reasons as typed.
function tariffReason(reason) {
  const m = /^indexation (-?[\d.]+)%$/.exec(reason || '');
  if (m) return t('cm.tariff.reason_index', { pct: m[1].replace('.', ',') });
  return tOr(`cm.tariff.reason.${reason}`, reason || '');
}

// Tariff versions: those in force today or later in a table (per product, newest first), the
// earlier ones folded away below it.
export function tariffTable(tariffs, products, caption) {
  const today = isoDay();
  const inForce = new Map();
  for (const v of [...tariffs].sort((a, b) => a.valid_from.localeCompare(b.valid_from))) {
    if (v.valid_from <= today && (!v.valid_to || v.valid_to > today)) inForce.set(v.product_code, v);
  }
  const rows = [...tariffs].sort((a, b) => a.product_code.localeCompare(b.product_code) || b.valid_from.localeCompare(a.valid_from));
  const current = new Set([...inForce.values()]);
  const isCurrent = (r) => current.has(r) || r.valid_from > today;
  const columns = [
    { key: 'product_code', label: t('cm.tariff.product'), render: (r) => productText(products, r.product_code) },
    { key: 'tariff_cents', label: t('cm.tariff.tariff'), align: 'right', render: (r) => tariffText(r.tariff_cents, r.unit) },
    { key: 'valid_from', label: t('cm.tariff.valid'), render: (r) => periodNode(r.valid_from, r.valid_to) },
    { key: 'reason', label: t('cm.tariff.reason'), render: (r) => tariffReason(r.reason) },
    { key: 'now', label: t('cm.tariff.now'), render: (r) => (current.has(r) ? badge(t('cm.tariff.in_force'), 'ok')
      : r.valid_from > today ? badge(t('cm.tariff.future'), 'warn') : badge(t('cm.tariff.past'), 'neutral')) },
  ];
  const history = rows.filter((r) => !isCurrent(r));
  return [
    table(columns, rows.filter(isCurrent), { caption, empty: t('cm.tariff.none') }),
    history.length ? h('details', {}, h('summary', {}, t('cm.tariff.history', { n: integer(history.length) })),
      table(columns, history, { caption: t('cm.tariff.history_caption') })) : null,
  ];
}

// Fields of a new tariff version (procedure or contract); `codes` limits the products.
export function tariffFields(products, codes) {
  const options = (codes || [...products.keys()]).map((c) => ({ value: c, label: productText(products, c) }));
  return [
    { name: 'product_code', label: t('cm.tariff.product'), type: 'select', required: true, options },
    { name: 'tariff', label: t('cm.tariff.amount'), required: true, inputmode: 'decimal', hint: t('cm.tariff.amount_hint') },
    { name: 'valid_from', label: t('cm.tariff.valid_from'), type: 'date', required: true },
    { name: 'valid_to', label: t('cm.tariff.valid_to'), type: 'date', hint: t('cm.tariff.valid_to_hint') },
  ];
}

// The body of POST …/tariffs from tariffFields' values.
export function tariffBody(v) {
  const cents = parseAmount(v.tariff);
  if (cents === null || cents <= 0) throw fieldError('INVALID_AMOUNT', 'tariff_cents');
  return { product_code: v.product_code, tariff_cents: cents, valid_from: v.valid_from, valid_to: exclusiveEnd(v.valid_to) };
}

export const TARIFF_ALIASES = { tariff_cents: 'tariff' };

// --- the list ---------------------------------------------------------------------------------

function proceduresTable(list, municipalities) {
  return table([
    { key: 'name', label: t('cm.proc.name'), render: (r) => link(`/procedures/${r.id}`, r.name) },
    { key: 'kind', label: t('cm.proc.kind'), format: kindText },
    { key: 'municipality_code', label: t('cm.proc.municipality'), render: (r) => municipalityText(municipalities, r.municipality_code) },
    { key: 'term_start', label: t('cm.proc.term'), render: (r) => periodNode(r.term_start, r.term_end) },
    { key: 'applications_open', label: t('cm.proc.applications'), render: (r) => openBadge(r.applications_open) },
  ], list, { caption: t('cm.proc.caption') });
}

function newProcedureForm(ctx, municipalities) {
  const fields = [
    { name: 'name', label: t('cm.proc.name'), required: true },
    { name: 'kind', label: t('cm.proc.kind'), type: 'select', required: true, options: KINDS.map((k) => ({ value: k, label: kindText(k) })) },
    { name: 'municipality_code', label: t('cm.proc.municipality'), type: 'select', required: true,
      value: [...municipalities.values()].find((m) => !m.central_code)?.code,
      options: [...municipalities.values()].map((m) => ({ value: m.code, label: municipalityText(municipalities, m.code) })) },
    { name: 'term_start', label: t('cm.proc.term_start'), type: 'date', required: true },
    { name: 'term_end', label: t('cm.proc.term_end'), type: 'date', required: true, hint: t('cm.proc.term_end_hint') },
    { name: 'applications_open', label: t('cm.proc.open_now'), type: 'checkbox', hint: t('cm.proc.open_now_hint') },
  ];
  const el = form(fields, t('cm.proc.create'), async (v) => {
    const created = await localizedCall(() => api.post('/procedures', {
      name: v.name, kind: v.kind, municipality_code: v.municipality_code, term_start: v.term_start,
      term_end: exclusiveEnd(v.term_end), applications_open: v.kind === 'open' && v.applications_open,
    }));
    announce(t('cm.proc.created', { name: created.name }));
    ctx.navigate(`/procedures/${created.id}`);
  });
  el.id = 'cm-new-procedure';
  return section(t('cm.proc.new'), el);
}

export async function proceduresScreen(main, ctx) {
  const body = h('div', {});
  const extra = h('div', {});
  page(main, t('cm.proc.title'), h('p', {}, t('cm.proc.intro')), body, extra);
  await load(body, async () => Promise.all([api.get('/procedures?limit=1000'), municipalityMap()]), ([list, municipalities]) => {
    if (isManager(ctx)) extra.replaceChildren(newProcedureForm(ctx, municipalities));
    return proceduresTable(list, municipalities);
  });
}

// --- one procedure ------------------------------------------------------------------------

function openSwitch(ctx, p) {
  if (!isManager(ctx) || (!p.applications_open && p.kind !== 'open')) return null;
  const button = h('button', { type: 'button', class: p.applications_open ? 'danger' : 'primary' },
    t(p.applications_open ? 'cm.proc.close_apps' : 'cm.proc.open_apps'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await localizedCall(() => api.post(`/procedures/${p.id}/applications-open`, { open: !p.applications_open }));
      announce(t(p.applications_open ? 'cm.proc.closed_done' : 'cm.proc.opened_done'));
      await ctx.rerender();
    } catch (error) {
      announce(errorLine(error), 'bad');
      button.disabled = false;
    }
  });
  return h('div', { class: 'actions' }, button);
}

function headSection(ctx, p, municipalities) {
  return section(t('cm.proc.details'), facts([
    [t('cm.proc.kind'), kindText(p.kind)],
    [t('cm.proc.municipality'), municipalityText(municipalities, p.municipality_code)],
    [t('cm.proc.term'), periodText(p.term_start, p.term_end)],
    [t('cm.proc.applications'), openBadge(p.applications_open)],
    [t('cm.proc.applications_list'), link(`/applications?procedure=${p.id}`, t('cm.proc.see_applications'))],
  ]), openSwitch(ctx, p));
}

// Product checkboxes in one group that server errors on `products` attach to.
function productChoice(products) {
  return h('fieldset', { class: 'field', dataset: { field: 'products' } },
    h('legend', {}, t('cm.lot.products')),
    [...products.values()].map((p) => field({ name: `product_${p.code}`, label: productText(products, p.code), type: 'checkbox' })),
    h('p', { class: 'field-error', hidden: true }));
}

function lotsSection(ctx, p, products) {
  const list = table([
    { key: 'name', label: t('cm.lot.name') },
    { key: 'products', label: t('cm.lot.products'), render: (r) => h('ul', {}, r.products.map((c) => h('li', {}, productText(products, c)))) },
  ], p.lots, { caption: t('cm.lot.caption'), empty: t('cm.lot.none') });
  if (!isManager(ctx)) return section(t('cm.lot.title'), list);
  const el = form([{ name: 'name', label: t('cm.lot.name'), required: true }, productChoice(products)], t('cm.lot.add'), async (v) => {
    const codes = [...products.keys()].filter((c) => v[`product_${c}`]);
    if (codes.length === 0) throw fieldError('MISSING_FIELD', 'products');
    await localizedCall(() => api.post(`/procedures/${p.id}/lots`, { name: v.name, products: codes }));
    announce(t('cm.lot.added', { name: v.name }));
    await ctx.rerender();
  });
  el.id = 'cm-add-lot';
  return section(t('cm.lot.title'), list, h('h3', {}, t('cm.lot.add_title')), el);
}

function requirementsSection(ctx, p) {
  const list = p.requirements.length
    ? h('ol', {}, p.requirements.map((r) => h('li', {}, r.text)))
    : h('p', { class: 'empty' }, t('cm.req.none'));
  if (!isManager(ctx)) return section(t('cm.req.title'), list);
  const el = form([{ name: 'text', label: t('cm.req.text'), type: 'textarea', required: true }], t('cm.req.add'), async (v) => {
    await localizedCall(() => api.post(`/procedures/${p.id}/requirements`, { text: v.text }));
    announce(t('cm.req.added'));
    await ctx.rerender();
  });
  el.id = 'cm-add-requirement';
  return section(t('cm.req.title'), list, h('h3', {}, t('cm.req.add_title')), el);
}

function tariffsSection(ctx, p, products) {
  const parts = [tariffTable(p.tariffs, products, t('cm.tariff.caption'))];
  if (isManager(ctx)) {
    const add = form(tariffFields(products), t('cm.tariff.add'), async (v) => {
      const body = tariffBody(v);
      await localizedCall(() => api.post(`/procedures/${p.id}/tariffs`, body));
      announce(t('cm.tariff.added', { tariff: money(body.tariff_cents) }));
      await ctx.rerender();
    }, { aliases: TARIFF_ALIASES });
    add.id = 'cm-add-procedure-tariff';
    const index = form(indexationFields(), t('cm.index.apply'), async (v) => {
      const r = await localizedCall(() => api.post(`/procedures/${p.id}/indexations`, indexationBody(v)));
      announce(t('cm.index.done_procedure', {
        pct: r.percentage.replace('.', ','), date: date(r.from),
        n: integer(r.procedure_tariff_versions), m: integer(r.contract_tariff_versions),
      }));
      await ctx.rerender();
    }, { confirm: (v) => indexationConfirmation(p.tariffs, products, v, { procedure: true }) });
    index.id = 'cm-index-procedure';
    parts.push(h('div', { class: 'grid' },
      h('div', {}, h('h3', {}, t('cm.tariff.add_title')), add),
      h('div', {}, h('h3', {}, t('cm.index.title')), h('p', { class: 'hint' }, t('cm.index.procedure_hint')), index)));
  }
  return section(t('cm.tariff.title'), parts);
}

export async function procedureScreen(main, ctx) {
  const [p, products, municipalities] = await Promise.all([api.get(`/procedures/${encodeURIComponent(ctx.params.id)}`), productMap(), municipalityMap()]);
  page(main, p.name, h('p', {}, link('/procedures', t('cm.proc.back'))),
    headSection(ctx, p, municipalities), lotsSection(ctx, p, products), requirementsSection(ctx, p), tariffsSection(ctx, p, products));
}

addStrings({
  nl: {
    'cm.nav.procedures': 'Procedures',
    'cm.per': 'per {unit}',
    'cm.proc.title': 'Aanbestedingsprocedures',
    'cm.proc.intro': 'Procedures met hun percelen, eisen en gepubliceerde tarieven. Zorgaanbieders melden zich aan zolang een open procedure aanmeldingen aanneemt.',
    'cm.proc.caption': 'Procedures',
    'cm.proc.name': 'Naam',
    'cm.proc.kind': 'Soort',
    'cm.proc.kind.open': 'Open (bestuurlijke aanbesteding)',
    'cm.proc.kind.negotiated': 'Onderhandeling',
    'cm.proc.kind.continuation': 'Continuering',
    'cm.proc.municipality': 'Gemeente',
    'cm.proc.term': 'Looptijd',
    'cm.proc.term_start': 'Begindatum',
    'cm.proc.term_end': 'Einddatum (t/m)',
    'cm.proc.term_end_hint': 'De laatste dag van de looptijd.',
    'cm.proc.applications': 'Aanmeldingen',
    'cm.proc.apps_open': 'Open voor aanmelding',
    'cm.proc.apps_closed': 'Gesloten',
    'cm.proc.open_now': 'Direct open voor aanmeldingen',
    'cm.proc.open_now_hint': 'Alleen bij een open procedure.',
    'cm.proc.new': 'Nieuwe procedure',
    'cm.proc.create': 'Procedure aanmaken',
    'cm.proc.created': 'Procedure "{name}" is aangemaakt.',
    'cm.proc.back': '← Alle procedures',
    'cm.proc.details': 'Gegevens',
    'cm.proc.applications_list': 'Aanmeldingen bij deze procedure',
    'cm.proc.see_applications': 'Bekijk de aanmeldingen',
    'cm.proc.open_apps': 'Aanmeldingen openen',
    'cm.proc.close_apps': 'Aanmeldingen sluiten',
    'cm.proc.opened_done': 'De procedure neemt nu aanmeldingen aan.',
    'cm.proc.closed_done': 'De procedure neemt geen aanmeldingen meer aan.',
    'cm.lot.title': 'Percelen',
    'cm.lot.caption': 'Percelen met hun producten',
    'cm.lot.none': 'Nog geen percelen.',
    'cm.lot.name': 'Naam van het perceel',
    'cm.lot.products': 'Producten',
    'cm.lot.add_title': 'Perceel toevoegen',
    'cm.lot.add': 'Perceel toevoegen',
    'cm.lot.added': 'Perceel "{name}" is toegevoegd.',
    'cm.req.title': 'Eisen',
    'cm.req.none': 'Nog geen eisen.',
    'cm.req.text': 'Tekst van de eis',
    'cm.req.add_title': 'Eis toevoegen',
    'cm.req.add': 'Eis toevoegen',
    'cm.req.added': 'De eis is toegevoegd.',
    'cm.tariff.title': 'Tarieven',
    'cm.tariff.caption': 'Geldende en toekomstige tarieven',
    'cm.tariff.none': 'Nog geen tarieven.',
    'cm.tariff.product': 'Product',
    'cm.tariff.tariff': 'Tarief',
    'cm.tariff.valid': 'Geldig',
    'cm.tariff.reason': 'Aanleiding',
    'cm.tariff.reason.published': 'gepubliceerd',
    'cm.tariff.reason.from procedure': 'uit de procedure',
    'cm.tariff.now': 'Nu',
    'cm.tariff.reason_index': 'indexatie {pct} %',
    'cm.tariff.in_force': 'Geldt nu',
    'cm.tariff.future': 'Toekomstig',
    'cm.tariff.past': 'Vervallen',
    'cm.tariff.history': 'Eerdere tariefversies ({n})',
    'cm.tariff.history_caption': 'Eerdere tariefversies',
    'cm.tariff.amount': 'Tarief in euro per eenheid',
    'cm.tariff.amount_hint': 'Bijvoorbeeld 54,60.',
    'cm.tariff.valid_from': 'Geldig vanaf',
    'cm.tariff.valid_to': 'Geldig t/m (optioneel)',
    'cm.tariff.valid_to_hint': 'Leeg: tot de volgende versie.',
    'cm.tariff.add_title': 'Nieuwe tariefversie',
    'cm.tariff.add': 'Tariefversie toevoegen',
    'cm.tariff.added': 'Tariefversie van {tariff} is toegevoegd.',
    'cm.index.title': 'Indexeren',
    'cm.index.percentage': 'Percentage',
    'cm.index.percentage_hint': 'Bijvoorbeeld 3,1 (tot 6 decimalen). Bedragen worden afgerond op hele centen.',
    'cm.index.from': 'Ingangsdatum',
    'cm.index.from_hint': 'Moet later liggen dan elke bestaande tariefversie.',
    'cm.index.apply': 'Indexatie toepassen',
    'cm.index.procedure_hint': 'Indexeert de tarieven van de procedure én van haar lopende raamcontracten.',
    'cm.index.done_procedure': 'Geïndexeerd met {pct} % vanaf {date}: {n} tariefversie(s) van de procedure en {m} van contracten.',
  },
  en: {
    'cm.nav.procedures': 'Procedures',
    'cm.per': 'per {unit}',
    'cm.proc.title': 'Procurement procedures',
    'cm.proc.intro': 'Procedures with their lots, requirements and published tariffs. Care providers apply while an open procedure takes applications.',
    'cm.proc.caption': 'Procedures',
    'cm.proc.name': 'Name',
    'cm.proc.kind': 'Kind',
    'cm.proc.kind.open': 'Open (bestuurlijke aanbesteding)',
    'cm.proc.kind.negotiated': 'Negotiated',
    'cm.proc.kind.continuation': 'Continuation',
    'cm.proc.municipality': 'Municipality',
    'cm.proc.term': 'Term',
    'cm.proc.term_start': 'Start date',
    'cm.proc.term_end': 'End date (inclusive)',
    'cm.proc.term_end_hint': 'The last day of the term.',
    'cm.proc.applications': 'Applications',
    'cm.proc.apps_open': 'Open for applications',
    'cm.proc.apps_closed': 'Closed',
    'cm.proc.open_now': 'Open for applications right away',
    'cm.proc.open_now_hint': 'Open procedures only.',
    'cm.proc.new': 'New procedure',
    'cm.proc.create': 'Create procedure',
    'cm.proc.created': 'Procedure "{name}" has been created.',
    'cm.proc.back': '← All procedures',
    'cm.proc.details': 'Details',
    'cm.proc.applications_list': 'Applications to this procedure',
    'cm.proc.see_applications': 'See the applications',
    'cm.proc.open_apps': 'Open applications',
    'cm.proc.close_apps': 'Close applications',
    'cm.proc.opened_done': 'The procedure now takes applications.',
    'cm.proc.closed_done': 'The procedure no longer takes applications.',
    'cm.lot.title': 'Lots',
    'cm.lot.caption': 'Lots with their products',
    'cm.lot.none': 'No lots yet.',
    'cm.lot.name': 'Name of the lot',
    'cm.lot.products': 'Products',
    'cm.lot.add_title': 'Add a lot',
    'cm.lot.add': 'Add lot',
    'cm.lot.added': 'Lot "{name}" has been added.',
    'cm.req.title': 'Requirements',
    'cm.req.none': 'No requirements yet.',
    'cm.req.text': 'Text of the requirement',
    'cm.req.add_title': 'Add a requirement',
    'cm.req.add': 'Add requirement',
    'cm.req.added': 'The requirement has been added.',
    'cm.tariff.title': 'Tariffs',
    'cm.tariff.caption': 'Tariffs in force and to come',
    'cm.tariff.none': 'No tariffs yet.',
    'cm.tariff.product': 'Product',
    'cm.tariff.tariff': 'Tariff',
    'cm.tariff.valid': 'Valid',
    'cm.tariff.reason': 'Reason',
    'cm.tariff.reason.published': 'published',
    'cm.tariff.reason.from procedure': 'from the procedure',
    'cm.tariff.now': 'Now',
    'cm.tariff.reason_index': 'indexation {pct} %',
    'cm.tariff.in_force': 'In force',
    'cm.tariff.future': 'Future',
    'cm.tariff.past': 'Superseded',
    'cm.tariff.history': 'Earlier tariff versions ({n})',
    'cm.tariff.history_caption': 'Earlier tariff versions',
    'cm.tariff.amount': 'Tariff in euros per unit',
    'cm.tariff.amount_hint': 'For example 54,60.',
    'cm.tariff.valid_from': 'Valid from',
    'cm.tariff.valid_to': 'Valid to, inclusive (optional)',
    'cm.tariff.valid_to_hint': 'Empty: until the next version.',
    'cm.tariff.add_title': 'New tariff version',
    'cm.tariff.add': 'Add tariff version',
    'cm.tariff.added': 'Tariff version of {tariff} has been added.',
    'cm.index.title': 'Indexation',
    'cm.index.percentage': 'Percentage',
    'cm.index.percentage_hint': 'For example 3,1 (up to 6 decimals). Amounts are rounded to whole cents.',
    'cm.index.from': 'Effective date',
    'cm.index.from_hint': 'Must lie after every existing tariff version.',
    'cm.index.apply': 'Apply indexation',
    'cm.index.procedure_hint': "Indexes the procedure's tariffs and those of its running framework contracts.",
    'cm.index.done_procedure': 'Indexed by {pct} % from {date}: {n} tariff version(s) of the procedure and {m} of contracts.',
  },
});
