// The work queue of allocation requests from providers (WMO315 "aanvraag", WMO317 "verzoek
// om wijziging"): the queue with its deadlines (5 working days, 8 weeks when "in onderzoek"),
// what is overdue (also our messages without a retour), and one request to grant (allocations
// or changes), reject (RedenAfwijzingVerzoek) or answer "in onderzoek".
import * as api from '../api.js';
import { date, dateTime, integer } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, errorLine, form, h, link, load, section, table } from '../ui.js';
import { pagedList } from '../paged_list.js';
import {
  actionLink, exclusiveEnd, facts, fieldError, frequencyText, localizedCall, nowrap, overdueBadge, page, productMap,
  productText, statusBadge, tOr, unitText,
} from './contract_manager_common.js';

const FILTERS = ['open', 'in_onderzoek', 'granted', 'rejected', 'all'];
// Who may answer requests (the access officer shares this queue).
const DECIDERS = ['contract_manager', 'access_officer'];
const canDecide = (ctx, r) => DECIDERS.includes(ctx.user.role) && (r.status === 'open' || r.status === 'in_onderzoek');

// iWmo code lists in the request's content: Eenheid (WJ756) and Frequentie (WJ757).
const EENHEID = { '01': 'minutes', '04': 'hours', 14: 'days_24h', 16: 'day_parts', 82: 'pieces', 83: 'euros' };
const FREQUENTIE = { 1: 'day', 2: 'week', 4: 'month', 6: 'total' };

const kindText = (k) => tOr(`cm.rq.kind.${k}`, k);

// The items of a list in a WMO317 (TeWijzigenProducten, NieuweProducten): an array; a request
// stored before every item was kept holds one item under the item's name.
function items(q, list, item) {
  const v = q?.[list];
  if (Array.isArray(v)) return v;
  return v && v[item] ? [v[item]] : [];
}

// The products a WMO317 asks to change, and the new products it asks for.
const changesOf = (r) => items(r.request, 'TeWijzigenProducten', 'TeWijzigenProduct')
  .map((c) => ({ number: c.ToewijzingNummer, omvang: c.Omvang, start: c.GewensteIngangsdatum, end: c.Einddatum }));
const newProductsOf = (r) => items(r.request, 'NieuweProducten', 'NieuwProduct')
  .map((p) => ({ code: p.Product?.Code, category: p.Product?.Categorie, omvang: p.Omvang, start: p.GewensteIngangsdatum, end: p.Einddatum }));

// The requested product of a WMO315, or the first product to change of a WMO317 (with how many
// more it asks for).
function requested(r) {
  const q = r.request || {};
  if (q.Product) return { code: q.Product.Code, omvang: q.Omvang, start: q.ToewijzingIngangsdatum, end: q.ToewijzingEinddatum };
  const all = [...changesOf(r), ...newProductsOf(r)];
  return all.length ? { ...all[0], more: all.length - 1 } : {};
}

// Omvang {Volume, Eenheid, Frequentie} in words: "4 uur per week".
function omvangText(o) {
  if (!o || !o.Volume) return '';
  const unit = EENHEID[o.Eenheid];
  return [integer(o.Volume), unit ? unitText(unit, Number(o.Volume)) : o.Eenheid, FREQUENTIE[o.Frequentie] ? frequencyText(FREQUENTIE[o.Frequentie]) : o.Frequentie]
    .filter(Boolean).join(' ');
}

function dueCell(r) {
  const due = r.status === 'in_onderzoek' && r.decision_due ? r.decision_due : r.answer_due;
  return h('span', {}, nowrap(date(due)), r.overdue ? [' ', overdueBadge()] : null);
}

function clientCell(r) {
  const name = r.request?.client_name;
  const text = name ? `${name}${r.request.birth_date ? ` (${date(r.request.birth_date)})` : ''}` : t('cm.rq.client_n', { id: r.client_id ?? '?' });
  return r.client_id ? link(`/clients/${r.client_id}`, text) : text;
}

function productCell(r, products) {
  const p = requested(r);
  const what = p.code ? productText(products, p.code) : p.number ? t('cm.rq.allocation_n', { n: p.number }) : '';
  return h('span', {}, what, p.omvang ? [h('br'), omvangText(p.omvang)] : null,
    p.more ? [h('br'), t('cm.rq.more_n', { n: p.more })] : null);
}

// --- the queue ------------------------------------------------------------------------------

function queueColumns(products) {
  return [
    { key: 'kind', label: t('cm.rq.kind'), sortBy: 'kind', format: kindText },
    { key: 'provider_agb', label: t('cm.rq.agb'), sortBy: 'provider_agb' },
    { key: 'referentie_aanbieder', label: t('cm.rq.reference'), render: (r) => link(`/requests/${r.id}`, r.referentie_aanbieder) },
    { key: 'client', label: t('cm.rq.client'), render: clientCell },
    { key: 'product', label: t('cm.rq.product'), render: (r) => productCell(r, products) },
    { key: 'received_at', label: t('cm.rq.received'), sortBy: 'received_at', format: dateTime },
    { key: 'answer_due', label: t('cm.rq.due'), sortBy: 'answer_due', render: dueCell },
    { key: 'status', label: t('ui.status'), sortBy: 'status', render: (r) => statusBadge(r.status) },
    { key: 'id', label: t('ui.actions'), render: (r) => actionLink(`/requests/${r.id}`, t('cm.rq.handle'), r.referentie_aanbieder) },
  ];
}

const overdueRow = (r) => (r.overdue ? 'overdue' : null);

function queueTable(list, products) {
  return table(queueColumns(products), list, { caption: t('cm.rq.caption'), empty: t('cm.rq.empty'), rowClass: overdueRow });
}

// The work queue, paged by the server: open requests first by due date; filters by status and
// provider, a search (the provider's reference, AGB, name), sortable columns.
function queueList(ctx, products, providers) {
  return pagedList(ctx, {
    path: (params) => `/requests${api.query(params)}`,
    searchLabel: t('cm.rq.search'),
    searchHint: t('cm.rq.search_hint'),
    filters: [
      { name: 'status', label: t('ui.status'), value: 'open',
        options: FILTERS.filter((f) => f !== 'all').map((f) => ({ value: f, label: t(`cm.rq.filter.${f}`) })) },
      { name: 'provider_id', label: t('cm.rq.provider'),
        options: providers.map((p) => ({ value: String(p.id), label: `${p.name} (${p.agb})` })) },
    ],
    columns: queueColumns(products),
    caption: t('cm.rq.caption'),
    empty: t('cm.rq.empty'),
    rowClass: overdueRow,
  });
}

// What is late: requests not answered in time, our messages without a retour.
// How many of each overdue list the screen shows (the oldest first); the summary counts all.
const OVERDUE_PAGE = 200;

function overdueSection(overdue, products) {
  const late = overdue.requests || [];
  const retours = overdue.missing_retours || [];
  if (late.length === 0 && retours.length === 0) {
    return section(t('cm.rq.late_title'), h('p', {}, h('span', { class: 'badge ok' }, t('cm.rq.nothing_late')), ' ', t('cm.rq.nothing_late_text')));
  }
  return section(t('cm.rq.late_title'),
    h('p', {}, overdueBadge(), ' ', t('cm.rq.late_summary', {
      n: integer(overdue.requests_total ?? late.length), m: integer(overdue.missing_retours_total ?? retours.length) })),
    // The server pages both lists (GET /deadlines/overdue?limit=): the first page of each, oldest first.
    late.length < (overdue.requests_total ?? 0) || retours.length < (overdue.missing_retours_total ?? 0)
      ? h('p', { class: 'hint' }, t('cm.rq.late_first', { n: integer(OVERDUE_PAGE) })) : null,
    late.length ? queueTable(late, products) : null,
    retours.length ? table([
      { key: 'message_code', label: t('cm.rq.message'), render: (m) => tOr(`cm.rq.msg.${m.message_code}`, m.message_code) },
      { key: 'identificatie', label: t('cm.rq.identification') },
      { key: 'provider_agb', label: t('cm.rq.agb') },
      { key: 'sent_at', label: t('cm.rq.sent'), format: dateTime },
      { key: 'retour_due', label: t('cm.rq.retour_due'), render: (m) => h('span', {}, nowrap(date(m.retour_due)), ' ', overdueBadge()) },
    ], retours, { caption: t('cm.rq.missing_retours'), rowClass: () => 'overdue' }) : null);
}

export async function requestsScreen(main, ctx) {
  const late = h('div', {});
  const [products, providers] = await Promise.all([productMap(), api.getCached('/providers?limit=1000')]);
  page(main, t('cm.rq.title'), h('p', {}, t('cm.rq.intro')), late, queueList(ctx, products, providers));
  await load(late, async () => api.get(`/deadlines/overdue?limit=${OVERDUE_PAGE}`), (o) => overdueSection(o, products));
}

// --- one request ----------------------------------------------------------------------------

// The request's content as sent (iWmo element names) as a nested list; dates in Dutch
// notation, unit and frequency codes with their meaning.
function contentList(obj) {
  return h('ul', {}, Object.entries(obj).map(([k, v]) => h('li', {},
    h('strong', {}, Array.isArray(obj) ? `${Number(k) + 1}.` : tOr(`cm.rq.field.${k}`, k)),
    v && typeof v === 'object' ? contentList(v) : [': ', contentValue(k, String(v ?? ''))])));
}

function contentValue(key, value) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
  if (key === 'Eenheid' && EENHEID[value]) return `${value} (${unitText(EENHEID[value])})`;
  if (key === 'Frequentie' && FREQUENTIE[value]) return `${value} (${frequencyText(FREQUENTIE[value])})`;
  return value;
}

function headSection(r, products) {
  return section(t('cm.rq.details'), facts([
    [t('cm.rq.kind'), kindText(r.kind)],
    [t('cm.rq.agb'), r.provider_agb],
    [t('cm.rq.reference'), r.referentie_aanbieder],
    [t('cm.rq.municipality'), r.municipality_code],
    [t('cm.rq.client'), clientCell(r)],
    [t('cm.rq.product'), productCell(r, products)],
    [t('cm.rq.received'), dateTime(r.received_at)],
    [t('cm.rq.answer_due'), date(r.answer_due)],
    [t('cm.rq.decision_due'), date(r.decision_due)],
    [t('ui.status'), h('span', {}, statusBadge(r.status), r.overdue ? [' ', overdueBadge()] : null)],
    [t('cm.rq.decided_by'), r.decided_by],
    [t('cm.rq.reason_code'), r.reason_code],
    [t('cm.rq.reason'), r.reason],
  ]));
}

async function afterAnswer(ctx, key) {
  announce(t(key));
  await ctx.rerender();
}

// Granting a WMO315: one allocation of a granted product of the client's decisions.
async function grantNewForm(ctx, r, products) {
  if (!r.client_id) return h('p', { class: 'form-error' }, t('cm.error.CLIENT_UNKNOWN'));
  const decisions = await api.get(`/clients/${r.client_id}/decisions?limit=1000`);
  const want = requested(r);
  const options = decisions.flatMap((d) => (d.products || []).map((g) => ({
    value: g.id, code: g.product_code,
    label: `${productText(products, g.product_code)} — ${integer(g.volume)} ${unitText(g.unit, g.volume)} ${frequencyText(g.frequency)} (${t('cm.rq.decision_n', { n: d.number })})`,
  })));
  if (options.length === 0) return h('p', { class: 'form-error' }, t('cm.rq.no_decision'));
  const el = form([
    { name: 'granted_product_id', label: t('cm.rq.granted_product'), type: 'select', required: true, options,
      value: options.find((o) => o.code === want.code)?.value },
    { name: 'start_date', label: t('cm.rq.start'), type: 'date', required: true, value: want.start },
    { name: 'end_date', label: t('cm.rq.end'), type: 'date', value: want.end, hint: t('cm.rq.end_hint') },
    { name: 'volume', label: t('cm.rq.volume'), inputmode: 'numeric', value: want.omvang?.Volume, hint: t('cm.rq.volume_hint') },
  ], t('cm.rq.grant'), async (v) => {
    const allocation = { granted_product_id: Number(v.granted_product_id), start_date: v.start_date, end_date: exclusiveEnd(v.end_date) };
    if (v.volume) allocation.volume = Number(v.volume);
    await localizedCall(() => api.post(`/requests/${r.id}/grant`, { allocations: [allocation] }));
    await afterAnswer(ctx, 'cm.rq.granted');
  }, { aliases: { allocations: 'granted_product_id' } });
  el.id = 'cm-request-grant';
  return el;
}

// Granting a WMO317 as a whole (IV093): a new version of every allocation it asks to change and
// an allocation for every new product it asks for, in one answer.
async function grantChangeForm(ctx, r, products) {
  const changes = changesOf(r);
  const wanted = newProductsOf(r);
  let options = [];
  if (wanted.length) {
    if (!r.client_id) return h('p', { class: 'form-error' }, t('cm.error.CLIENT_UNKNOWN'));
    const decisions = await api.get(`/clients/${r.client_id}/decisions?limit=1000`);
    options = decisions.flatMap((d) => (d.products || []).map((g) => ({
      value: g.id, code: g.product_code,
      label: `${productText(products, g.product_code)} — ${integer(g.volume)} ${unitText(g.unit, g.volume)} ${frequencyText(g.frequency)} (${t('cm.rq.decision_n', { n: d.number })})`,
    })));
    if (options.length === 0) return h('p', { class: 'form-error' }, t('cm.rq.no_decision'));
  }
  const fields = [];
  changes.forEach((c, i) => fields.push(
    h('h4', {}, t('cm.rq.change_n', { n: c.number })),
    { name: `volume_${i}`, label: `${t('cm.rq.volume')} — ${t('cm.rq.allocation_n', { n: c.number })}`, inputmode: 'numeric', value: c.omvang?.Volume },
    { name: `end_date_${i}`, label: `${t('cm.rq.end')} — ${t('cm.rq.allocation_n', { n: c.number })}`, type: 'date', value: c.end, hint: t('cm.rq.change_end_hint') },
  ));
  wanted.forEach((p, i) => fields.push(
    h('h4', {}, t('cm.rq.new_n', { n: i + 1, product: p.code ? productText(products, p.code) : p.category })),
    { name: `granted_${i}`, label: `${t('cm.rq.granted_product')} ${i + 1}`, type: 'select', required: true, options,
      value: options.find((o) => o.code === p.code)?.value },
    { name: `start_${i}`, label: `${t('cm.rq.start')} ${i + 1}`, type: 'date', required: true, value: p.start },
    { name: `new_end_${i}`, label: `${t('cm.rq.end')} ${i + 1}`, type: 'date', value: p.end, hint: t('cm.rq.end_hint') },
    { name: `new_volume_${i}`, label: `${t('cm.rq.volume')} ${i + 1}`, inputmode: 'numeric', value: p.omvang?.Volume, hint: t('cm.rq.volume_hint') },
  ));
  if (changes.length) {
    fields.push({ name: 'reason_code', label: t('cm.rq.change_reason'), type: 'select', required: true, hint: t('cm.rq.change_reason_hint'), value: '12',
      options: Array.from({ length: 13 }, (_, i) => String(i + 2).padStart(2, '0')).map((c) => ({ value: c, label: tOr(`cm.rq.change.${c}`, c) })) });
  }
  const el = form(fields, t('cm.rq.grant'), async (v) => {
    const body = {};
    if (changes.length) {
      body.changes = changes.map((c, i) => {
        const change = { number: Number(c.number), reason_code: v.reason_code };
        if (v[`volume_${i}`]) change.volume = Number(v[`volume_${i}`]);
        if (v[`end_date_${i}`]) change.end_date = exclusiveEnd(v[`end_date_${i}`]);
        return change;
      });
    }
    if (wanted.length) {
      body.allocations = wanted.map((p, i) => {
        const allocation = { granted_product_id: Number(v[`granted_${i}`]), start_date: v[`start_${i}`], end_date: exclusiveEnd(v[`new_end_${i}`]) };
        if (v[`new_volume_${i}`]) allocation.volume = Number(v[`new_volume_${i}`]);
        return allocation;
      });
    }
    await localizedCall(() => api.post(`/requests/${r.id}/grant`, body));
    await afterAnswer(ctx, 'cm.rq.granted');
  }, { aliases: { changes: changes.length ? 'volume_0' : 'granted_0', allocations: wanted.length ? 'granted_0' : 'volume_0' } });
  el.id = 'cm-request-grant';
  return el;
}

function rejectForm(ctx, r) {
  const el = form([
    { name: 'reason_code', label: t('cm.rq.reject_code'), type: 'select', required: true, hint: t('cm.rq.reject_code_hint'),
      options: Array.from({ length: 9 }, (_, i) => String(i + 1)).map((c) => ({ value: c, label: tOr(`cm.rq.reject.${c}`, t('cm.rq.code_n', { c })) })) },
    { name: 'reason', label: t('cm.rq.reason'), type: 'textarea', required: true },
  ], t('cm.rq.reject'), async (v) => {
    if (!v.reason) throw fieldError('REASON_REQUIRED', 'reason');
    await localizedCall(() => api.post(`/requests/${r.id}/reject`, { reason_code: v.reason_code, reason: v.reason }));
    await afterAnswer(ctx, 'cm.rq.rejected');
  });
  el.id = 'cm-request-reject';
  el.querySelector('button[type="submit"]').className = 'danger';
  return el;
}

function investigateButton(ctx, r) {
  if (r.status !== 'open') return null;
  const button = h('button', { type: 'button' }, t('cm.rq.investigate'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await localizedCall(() => api.post(`/requests/${r.id}/investigate`));
      await afterAnswer(ctx, 'cm.rq.investigating');
    } catch (error) {
      announce(errorLine(error), 'bad');
      button.disabled = false;
    }
  });
  return h('div', {}, h('h3', {}, t('cm.rq.investigate_title')), h('p', { class: 'hint' }, t('cm.rq.investigate_hint')), button);
}

async function answerSection(ctx, r, products) {
  const grant = r.kind === 'WMO317' ? await grantChangeForm(ctx, r, products) : await grantNewForm(ctx, r, products);
  return section(t('cm.rq.answer'), h('div', { class: 'grid' },
    h('div', {}, h('h3', {}, t('cm.rq.grant_title')), grant),
    h('div', {}, h('h3', {}, t('cm.rq.reject_title')), rejectForm(ctx, r), investigateButton(ctx, r))));
}

export async function requestScreen(main, ctx) {
  const [r, products] = await Promise.all([api.get(`/requests/${encodeURIComponent(ctx.params.id)}`), productMap()]);
  page(main, t('cm.rq.page_title', { kind: r.kind, ref: r.referentie_aanbieder }),
    h('p', {}, link('/requests', t('cm.rq.back'))),
    h('div', { class: 'grid' }, headSection(r, products), section(t('cm.rq.content'), contentList(r.request || {}))),
    canDecide(ctx, r) ? await answerSection(ctx, r, products) : null);
}

addStrings({
  nl: {
    'cm.nav.requests': 'Verzoeken aanbieders',
    'cm.rq.title': 'Verzoeken om toewijzing',
    'cm.rq.intro': 'Aanvragen (WMO315) en verzoeken om wijziging (WMO317) van zorgaanbieders. Beantwoord binnen 5 werkdagen; na "in onderzoek" volgt het besluit binnen 8 weken.',
    'cm.rq.filter.open': 'Open',
    'cm.rq.filter.in_onderzoek': 'In onderzoek',
    'cm.rq.filter.granted': 'Toegekend',
    'cm.rq.filter.rejected': 'Afgewezen',
    'cm.rq.filter.all': 'Alle',
    'cm.rq.search': 'Zoek een verzoek',
    'cm.rq.search_hint': 'Referentie van de aanbieder, AGB of naam',
    'cm.rq.provider': 'Aanbieder',
    'cm.rq.kind': 'Soort',
    'cm.rq.kind.WMO315': 'Aanvraag (WMO315)',
    'cm.rq.kind.WMO317': 'Verzoek om wijziging (WMO317)',
    'cm.rq.agb': 'AGB aanbieder',
    'cm.rq.reference': 'Referentie aanbieder',
    'cm.rq.client': 'Cliënt',
    'cm.rq.client_n': 'cliënt {id}',
    'cm.rq.product': 'Gevraagd',
    'cm.rq.allocation_n': 'toewijzing {n}',
    'cm.rq.received': 'Ontvangen',
    'cm.rq.due': 'Termijn',
    'cm.rq.handle': 'Behandelen',
    'cm.rq.caption': 'Verzoeken',
    'cm.rq.empty': 'Geen verzoeken in deze selectie.',
    'cm.rq.late_title': 'Verstreken termijnen',
    'cm.rq.nothing_late': 'Op tijd',
    'cm.rq.nothing_late_text': 'Geen verzoeken of berichten over de termijn.',
    'cm.rq.late_summary': '{n} verzoek(en) niet op tijd beantwoord, {m} bericht(en) zonder retour.',
    'cm.rq.late_first': 'Hieronder de {n} oudste van elk.',
    'cm.rq.message': 'Bericht',
    'cm.rq.msg.414': 'WMO301 toewijzing',
    'cm.rq.msg.482': 'WMO319 antwoord op verzoek',
    'cm.rq.identification': 'Identificatie',
    'cm.rq.sent': 'Verstuurd',
    'cm.rq.retour_due': 'Retour verwacht vóór',
    'cm.rq.missing_retours': 'Berichten zonder retour',
    'cm.rq.details': 'Gegevens',
    'cm.rq.content': 'Inhoud van het verzoek',
    'cm.rq.municipality': 'Gemeente',
    'cm.rq.answer_due': 'Antwoord uiterlijk',
    'cm.rq.decision_due': 'Besluit uiterlijk',
    'cm.rq.decided_by': 'Beantwoord door',
    'cm.rq.reason_code': 'Reden afwijzing (code)',
    'cm.rq.reason': 'Toelichting',
    'cm.rq.page_title': '{kind} {ref}',
    'cm.rq.back': '← Alle verzoeken',
    'cm.rq.answer': 'Beantwoorden',
    'cm.rq.grant_title': 'Toekennen',
    'cm.rq.grant': 'Toekennen',
    'cm.rq.granted': 'Het verzoek is toegekend; de toewijzing (WMO301) gaat naar de aanbieder.',
    'cm.rq.granted_product': 'Toegekend product uit de beschikking',
    'cm.rq.decision_n': 'beschikking {n}',
    'cm.rq.no_decision': 'De cliënt heeft nog geen beschikking; laat de toegangsmedewerker die eerst vastleggen.',
    'cm.rq.start': 'Startdatum',
    'cm.rq.end': 'Einddatum t/m (optioneel)',
    'cm.rq.end_hint': 'Leeg: tot het einde van de beschikking.',
    'cm.rq.change_end_hint': 'Leeg: de einddatum blijft zoals hij is.',
    'cm.rq.volume': 'Volume (optioneel)',
    'cm.rq.volume_hint': 'Leeg: het toegekende volume.',
    'cm.rq.allocation': 'Toewijzingnummer',
    'cm.rq.more_n': 'en nog {n}',
    'cm.rq.change_n': 'Wijziging van toewijzing {n}',
    'cm.rq.new_n': 'Nieuw product {n}: {product}',
    'cm.rq.change_reason': 'Reden wijziging',
    'cm.rq.change_reason_hint': 'RedenWijziging volgens iWmo (02 t/m 14).',
    'cm.rq.change.13': '13 verwijderd',
    'cm.rq.field.client_name': 'Achternaam cliënt',
    'cm.rq.field.birth_date': 'Geboortedatum',
    'cm.rq.reject_title': 'Afwijzen',
    'cm.rq.reject_code': 'Reden afwijzing',
    'cm.rq.reject_code_hint': 'RedenAfwijzingVerzoek volgens de iWmo-codelijst (1 t/m 9).',
    'cm.rq.code_n': 'code {c}',
    'cm.rq.reject': 'Afwijzen',
    'cm.rq.rejected': 'Het verzoek is afgewezen (WMO319).',
    'cm.rq.investigate_title': 'In onderzoek',
    'cm.rq.investigate_hint': 'Eenmalig: de aanbieder hoort dat het verzoek wordt onderzocht; het besluit volgt binnen 8 weken.',
    'cm.rq.investigate': 'In onderzoek nemen',
    'cm.rq.investigating': 'De aanbieder hoort dat het verzoek in onderzoek is (WMO319).',
  },
  en: {
    'cm.nav.requests': 'Provider requests',
    'cm.rq.title': 'Allocation requests',
    'cm.rq.intro': 'Requests (WMO315) and change requests (WMO317) from care providers. Answer within 5 working days; after "under investigation" the decision is due within 8 weeks.',
    'cm.rq.filter.open': 'Open',
    'cm.rq.filter.in_onderzoek': 'Under investigation',
    'cm.rq.filter.granted': 'Granted',
    'cm.rq.filter.rejected': 'Rejected',
    'cm.rq.filter.all': 'All',
    'cm.rq.search': 'Search a request',
    'cm.rq.search_hint': 'The provider’s reference, AGB or name',
    'cm.rq.provider': 'Provider',
    'cm.rq.kind': 'Kind',
    'cm.rq.kind.WMO315': 'Request (WMO315)',
    'cm.rq.kind.WMO317': 'Change request (WMO317)',
    'cm.rq.agb': 'Provider AGB',
    'cm.rq.reference': 'Provider reference',
    'cm.rq.client': 'Client',
    'cm.rq.client_n': 'client {id}',
    'cm.rq.product': 'Requested',
    'cm.rq.allocation_n': 'allocation {n}',
    'cm.rq.received': 'Received',
    'cm.rq.due': 'Due',
    'cm.rq.handle': 'Handle',
    'cm.rq.caption': 'Requests',
    'cm.rq.empty': 'No requests in this selection.',
    'cm.rq.late_title': 'Deadlines passed',
    'cm.rq.nothing_late': 'On time',
    'cm.rq.nothing_late_text': 'No requests or messages past their deadline.',
    'cm.rq.late_summary': '{n} request(s) not answered in time, {m} message(s) without a retour.',
    'cm.rq.late_first': 'Below, the {n} oldest of each.',
    'cm.rq.message': 'Message',
    'cm.rq.msg.414': 'WMO301 allocation',
    'cm.rq.msg.482': 'WMO319 answer to a request',
    'cm.rq.identification': 'Identification',
    'cm.rq.sent': 'Sent',
    'cm.rq.retour_due': 'Retour due before',
    'cm.rq.missing_retours': 'Messages without a retour',
    'cm.rq.details': 'Details',
    'cm.rq.content': 'Content of the request',
    'cm.rq.municipality': 'Municipality',
    'cm.rq.answer_due': 'Answer due',
    'cm.rq.decision_due': 'Decision due',
    'cm.rq.decided_by': 'Answered by',
    'cm.rq.reason_code': 'Rejection reason (code)',
    'cm.rq.reason': 'Explanation',
    'cm.rq.page_title': '{kind} {ref}',
    'cm.rq.back': '← All requests',
    'cm.rq.answer': 'Answer',
    'cm.rq.grant_title': 'Grant',
    'cm.rq.grant': 'Grant',
    'cm.rq.granted': 'The request has been granted; the allocation (WMO301) goes to the provider.',
    'cm.rq.granted_product': "Granted product of the client's decision",
    'cm.rq.decision_n': 'decision {n}',
    'cm.rq.no_decision': 'The client has no access decision yet; the access officer records it first.',
    'cm.rq.start': 'Start date',
    'cm.rq.end': 'End date, inclusive (optional)',
    'cm.rq.end_hint': 'Empty: until the end of the decision.',
    'cm.rq.change_end_hint': 'Empty: the end date stays as it is.',
    'cm.rq.volume': 'Volume (optional)',
    'cm.rq.volume_hint': 'Empty: the granted volume.',
    'cm.rq.allocation': 'Allocation number',
    'cm.rq.more_n': 'and {n} more',
    'cm.rq.change_n': 'Change of allocation {n}',
    'cm.rq.new_n': 'New product {n}: {product}',
    'cm.rq.change_reason': 'Reason for the change',
    'cm.rq.change_reason_hint': 'iWmo RedenWijziging (02 to 14).',
    'cm.rq.change.13': '13 removed',
    'cm.rq.field.client_name': "Client's surname",
    'cm.rq.field.birth_date': 'Date of birth',
    'cm.rq.reject_title': 'Reject',
    'cm.rq.reject_code': 'Rejection reason',
    'cm.rq.reject_code_hint': 'RedenAfwijzingVerzoek of the iWmo code list (1 to 9).',
    'cm.rq.code_n': 'code {c}',
    'cm.rq.reject': 'Reject',
    'cm.rq.rejected': 'The request has been rejected (WMO319).',
    'cm.rq.investigate_title': 'Under investigation',
    'cm.rq.investigate_hint': 'Once only: the provider hears that the request is being investigated; the decision follows within 8 weeks.',
    'cm.rq.investigate': 'Take under investigation',
    'cm.rq.investigating': 'The provider hears that the request is under investigation (WMO319).',
  },
});
