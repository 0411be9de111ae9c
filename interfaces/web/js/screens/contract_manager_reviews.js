// The claim review queue: declared lines that a rule sent to review instead of rejecting them
// (a cap exceeded by at most 10 %, a late declaration). Per line the rule that flagged it, the
// allocation's cap and how much of it is used, the due date (overdue highlighted) and, for the
// contract manager, accept or reject with a required reason.
import * as api from '../api.js';
import { date, integer, money, percent } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, badge, clearErrors, field, h, link, load, section, table } from '../ui.js';
import {
  actionLink, facts, fieldError, frequencyText, isManager, localizedCall, nowrap, page, overdueBadge, periodNode, periodText, productMap, productText,
  quantity, showFormError, statusBadge, statusFilter, tOr, unitText,
} from './contract_manager_common.js';

// --- the cap in words -----------------------------------------------------------------------

// The server gives max_* and used_* in the cap's counting unit (minutes for an hours cap);
// only volume is in the cap's own unit. Everything below is shown in the counting unit.
const maxInCounting = (cap, max) => (max === null || max === undefined ? null : max);

// The line's volume in the cap's counting unit (hours claimed on an hours cap → minutes).
function lineInCounting(item) {
  const cap = item.cap;
  return item.unit === 'hours' && cap.counting_unit === 'minutes' ? item.volume * 60 : item.volume;
}

// "1.260 minuten (21 uur)"; other units as they are.
function countText(n, unit) {
  const hours = unit === 'minutes' ? hoursText(n) : '';
  return hours ? `${quantity(n, unit)} (${hours})` : quantity(n, unit);
}

// Minutes as hours when that reads better: 1260 -> "21 uur", 870 -> "14 uur en 30 minuten".
function hoursText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return '';
  return rest === 0 ? quantity(hours, 'hours') : t('cm.rev.hours_minutes', { h: quantity(hours, 'hours'), m: quantity(rest, 'minutes') });
}

// "870 van 1.080 minuten (14 uur en 30 minuten van 18 uur)"
function usedOf(used, max, unit) {
  const base = t('cm.rev.used_of', { used: integer(used), max: quantity(max, unit) });
  if (unit !== 'minutes' || max < 60) return base;
  if (used === 0) return `${base} (${hoursText(max)})`;
  return `${base} (${t('cm.rev.used_of', { used: hoursText(used) || quantity(used, 'minutes'), max: hoursText(max) })})`;
}

// "4 uur per week"
const capWords = (cap) => `${integer(cap.volume)} ${unitText(cap.unit, cap.volume)} ${frequencyText(cap.frequency)}`;

// "4 uur per week; in deze periode 870 van 1.080 minuten gebruikt"
function capSummary(cap) {
  if (!cap) return t('cm.rev.no_cap');
  const max = maxInCounting(cap, cap.max_in_period);
  const used = max === null
    ? t('cm.rev.used_no_period_limit', { used: quantity(cap.used_in_period, cap.counting_unit) })
    : t('cm.rev.used_in_period', { used: integer(cap.used_in_period), max: quantity(max, cap.counting_unit) });
  return `${capWords(cap)}; ${used}`;
}

// The detailed sentences: period, this line, the whole allocation. The server's use counts
// accepted lines only: an open line is added to it, an accepted one is in it already.
function capDetails(item) {
  const cap = item.cap;
  if (!cap) return [h('p', {}, t('cm.rev.no_cap'))];
  const unit = cap.counting_unit;
  const line = lineInCounting(item);
  const open = item.status === 'open';
  const maxPeriod = maxInCounting(cap, cap.max_in_period);
  const maxTotal = maxInCounting(cap, cap.max_total);
  const rows = [
    [t('cm.rev.cap'), capWords(cap)],
    [t(open ? 'cm.rev.period_use' : 'cm.rev.period_use_now'), maxPeriod === null
      ? t('cm.rev.used_no_period_limit', { used: countText(cap.used_in_period, unit) })
      : usedOf(cap.used_in_period, maxPeriod, unit)],
    [t('cm.rev.this_line'), countText(line, unit)],
  ];
  if (open && maxPeriod !== null) rows.push([t('cm.rev.with_line'), withLineText(cap.used_in_period + line, maxPeriod, unit)]);
  rows.push([t('cm.rev.total_use'), maxTotal === null
    ? t('cm.rev.used_no_total_limit', { used: countText(cap.used_total, unit) })
    : usedOf(cap.used_total, maxTotal, unit)]);
  const out = [facts(rows)];
  const use = open ? cap.used_in_period + line : cap.used_in_period;
  if (maxPeriod) {
    out.push(h('p', {}, h('label', { for: 'cm-cap-meter' }, t(open ? 'cm.rev.meter' : 'cm.rev.meter_now')), ' ',
      h('meter', { id: 'cm-cap-meter', min: 0, max: maxPeriod, low: maxPeriod * 0.7, high: maxPeriod, optimum: 0, value: Math.min(use, maxPeriod) }),
      ' ', percent((use * 100) / maxPeriod)));
  }
  return out;
}

function withLineText(total, max, unit) {
  const base = usedOf(total, max, unit);
  if (total <= max) return `${base} — ${t('cm.rev.within')}`;
  return `${base} — ${t('cm.rev.over', { over: countText(total - max, unit), pct: percent(((total - max) * 100) / max) })}`;
}

// --- the rule ---------------------------------------------------------------------------------

const ruleName = (code) => tOr(`cm.rev.rule.${code}`, t('cm.rev.rule.other'));

function ruleCell(item) {
  return h('span', {}, h('strong', {}, item.code), ` ${ruleName(item.code)}`);
}

// --- the queue ------------------------------------------------------------------------------

const FILTERS = ['open', 'decided', 'all'];

async function loadQueue(filter) {
  const items = await api.get(`/reviews${filter === 'open' ? '?status=open' : ''}`);
  return filter === 'decided' ? items.filter((i) => i.status !== 'open') : items;
}

function dueCell(item) {
  return h('span', {}, nowrap(date(item.due_date)), item.overdue ? [' ', overdueBadge()] : null,
    item.escalated ? [' ', badge(t('cm.rev.escalated'), 'warn')] : null);
}

function queueTable(ctx, items, products) {
  const manager = isManager(ctx);
  const columns = [
    { key: 'due_date', label: t('cm.rev.due'), render: dueCell },
    { key: 'provider_agb', label: t('cm.rev.agb') },
    { key: 'reference', label: t('cm.rev.reference'), render: (r) => link(`/reviews/${r.id}`, r.reference) },
    { key: 'allocation_number', label: t('cm.rev.allocation_product'),
      render: (r) => h('span', {}, link(`/allocations/${r.allocation_number}`, String(r.allocation_number)), h('br'), productText(products, r.product_code)) },
    { key: 'period_start', label: t('cm.rev.period'), render: (r) => periodNode(r.period_start, r.period_end) },
    { key: 'volume', label: t('cm.rev.volume'), align: 'right', render: (r) => quantity(r.volume, r.unit) },
    { key: 'amount_cents', label: t('cm.rev.amount'), align: 'right', format: money },
    { key: 'code', label: t('cm.rev.rule'), render: ruleCell },
    { key: 'cap', label: t('cm.rev.cap_use'), render: (r) => capSummary(r.cap) },
    { key: 'status', label: t('ui.status'), render: (r) => statusBadge(r.status) },
    { key: 'id', label: t('ui.actions'), render: (r) => actionLink(`/reviews/${r.id}`,
      t(manager && r.status === 'open' ? 'cm.rev.assess' : 'cm.rev.view'), r.reference) },
  ];
  return table(columns, items, {
    caption: t('cm.rev.caption'), empty: t('cm.rev.empty'), rowClass: (r) => (r.overdue ? 'overdue' : null),
  });
}

function queueSummary(items) {
  const open = items.filter((i) => i.status === 'open').length;
  const overdue = items.filter((i) => i.overdue).length;
  return h('p', {}, t('cm.rev.summary', { n: integer(items.length), open: integer(open) }),
    overdue ? [' ', overdueBadge(), ' ', t('cm.rev.summary_overdue', { n: integer(overdue) })] : null);
}

// POST /reviews/answer-overdue after a second click (it answers declarations to providers).
function answerOverdueSection(ctx) {
  const result = h('p', { 'aria-live': 'polite' });
  const confirm = h('button', { type: 'button', class: 'danger', hidden: true }, t('cm.rev.answer_confirm'));
  const start = h('button', { type: 'button' }, t('cm.rev.answer_overdue'));
  start.addEventListener('click', () => {
    confirm.hidden = false;
    confirm.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const r = await localizedCall(() => api.post('/reviews/answer-overdue'));
      announce(t('cm.rev.answered', { n: integer(r.answered) }));
      await ctx.rerender();
    } catch (error) {
      result.textContent = `${error.message} (${error.code})`;
      confirm.disabled = false;
    }
  });
  return section(t('cm.rev.answer_title'), h('p', { class: 'hint' }, t('cm.rev.answer_hint')),
    h('div', { class: 'actions' }, start, confirm), result);
}

export async function reviewsScreen(main, ctx) {
  const filter = FILTERS.includes(ctx.query.get('status')) ? ctx.query.get('status') : 'open';
  const body = h('div', {});
  page(main, t('cm.rev.title'), h('p', {}, t('cm.rev.intro')),
    statusFilter(ctx, '/reviews', FILTERS.map((f) => ({ value: f, label: t(`cm.rev.filter.${f}`) })), filter), body,
    isManager(ctx) ? answerOverdueSection(ctx) : null);
  await load(body, async () => [await loadQueue(filter), await productMap()],
    ([items, products]) => [queueSummary(items), queueTable(ctx, items, products)]);
}

// --- one line -----------------------------------------------------------------------------

function lineFacts(item, products) {
  return facts([
    [t('cm.rev.agb'), item.provider_agb],
    [t('cm.rev.reference'), item.reference],
    [t('cm.rev.declaration'), String(item.declaration_id)],
    [t('cm.rev.allocation'), link(`/allocations/${item.allocation_number}`, String(item.allocation_number))],
    [t('cm.rev.product'), productText(products, item.product_code)],
    [t('cm.rev.period'), periodText(item.period_start, item.period_end)],
    [t('cm.rev.volume'), quantity(item.volume, item.unit)],
    [t('cm.rev.amount'), money(item.amount_cents)],
    [t('cm.rev.due'), dueCell(item)],
    [t('ui.status'), statusBadge(item.status)],
  ]);
}

function ruleSection(item) {
  return section(t('cm.rev.why'),
    h('p', { class: 'cm-rule' }, h('strong', {}, t('cm.rev.rule_code', { code: item.code })), ' — ', ruleName(item.code)),
    h('p', {}, h('span', { class: 'hint' }, t('cm.rev.check_message')), ' ', h('q', { lang: 'en' }, item.message)));
}

// Accept or reject; the reason is required either way.
function decisionForm(ctx, item) {
  const reason = field({ name: 'reason', label: t('cm.rev.reason'), type: 'textarea', required: true, hint: t('cm.rev.reason_hint') });
  const accept = h('button', { type: 'submit', class: 'primary', value: 'accept' }, t('cm.rev.accept'));
  const reject = h('button', { type: 'submit', class: 'danger', value: 'reject' }, t('cm.rev.reject'));
  const el = h('form', { novalidate: true, id: 'cm-review-decision' }, reason, h('div', { class: 'actions' }, accept, reject));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(el);
    const decision = e.submitter?.value === 'reject' ? 'reject' : 'accept';
    const text = el.elements.reason.value.trim();
    if (!text) {
      showFormError(el, fieldError('REASON_REQUIRED', 'reason'));
      return;
    }
    accept.disabled = true;
    reject.disabled = true;
    try {
      await localizedCall(() => api.post(`/reviews/${item.id}/decision`, { decision, reason: text }));
      announce(t(decision === 'accept' ? 'cm.rev.accepted' : 'cm.rev.rejected', { ref: item.reference }));
      await ctx.rerender();
    } catch (error) {
      if (!error || !error.code) throw error;
      showFormError(el, error);
    } finally {
      accept.disabled = false;
      reject.disabled = false;
    }
  });
  return section(t('cm.rev.decide'), el);
}

function decidedSection(item) {
  return section(t('cm.rev.decision'), facts([
    [t('ui.status'), statusBadge(item.status)],
    [t('cm.rev.decided_by'), item.decided_by],
    [t('cm.rev.reason'), item.reason],
  ]), item.escalated ? h('p', { class: 'hint' }, t('cm.rev.escalated_hint')) : null);
}

export async function reviewScreen(main, ctx) {
  const [items, products] = await Promise.all([api.get('/reviews'), productMap()]);
  const item = items.find((i) => String(i.id) === ctx.params.id);
  const back = h('p', {}, link('/reviews', t('cm.rev.back')));
  if (!item) {
    page(main, t('cm.rev.title'), back, h('p', { class: 'form-error', role: 'alert' }, t('cm.rev.not_found')));
    return;
  }
  const open = item.status === 'open';
  page(main, t('cm.rev.line_title', { ref: item.reference }), back,
    h('div', { class: 'grid' }, section(t('cm.rev.the_line'), lineFacts(item, products)), ruleSection(item)),
    section(t('cm.rev.cap_title'), capDetails(item)),
    open && isManager(ctx) ? decisionForm(ctx, item) : null,
    open ? (item.escalated ? h('p', { class: 'hint' }, t('cm.rev.escalated_hint')) : null) : decidedSection(item));
}

addStrings({
  nl: {
    'cm.nav.reviews': 'Beoordelingswachtrij',
    'cm.rev.title': 'Beoordelingswachtrij declaraties',
    'cm.rev.intro': 'Gedeclareerde regels die een controle niet afwees maar ter beoordeling voorlegt. Beoordeel elke regel vóór de termijn; een geaccepteerde regel wordt betaalbaar.',
    'cm.rev.filter.open': 'Open',
    'cm.rev.filter.decided': 'Beslist',
    'cm.rev.filter.all': 'Alle',
    'cm.rev.summary': '{n} regel(s), waarvan {open} open.',
    'cm.rev.summary_overdue': '{n} over de termijn.',
    'cm.rev.caption': 'Regels ter beoordeling',
    'cm.rev.empty': 'Geen regels in deze selectie.',
    'cm.rev.due': 'Termijn',
    'cm.rev.agb': 'AGB aanbieder',
    'cm.rev.reference': 'Referentie',
    'cm.rev.allocation_product': 'Toewijzing en product',
    'cm.rev.allocation': 'Toewijzing',
    'cm.rev.product': 'Product',
    'cm.rev.period': 'Periode',
    'cm.rev.volume': 'Volume',
    'cm.rev.amount': 'Bedrag',
    'cm.rev.rule': 'Controle',
    'cm.rev.cap_use': 'Plafond en gebruik',
    'cm.rev.declaration': 'Declaratie (intern nummer)',
    'cm.rev.assess': 'Beoordelen',
    'cm.rev.view': 'Bekijken',
    'cm.rev.escalated': 'Antwoord verstuurd',
    'cm.rev.escalated_hint': 'De termijn is verstreken: de aanbieder kreeg deze regel als niet geaccepteerd terug. U kunt nog beslissen; een geaccepteerde regel wordt alsnog betaalbaar.',
    'cm.rev.rule.9321': 'Volume boven het plafond in deze periode',
    'cm.rev.rule.9322': 'Volume boven het plafond over de hele toewijzing',
    'cm.rev.rule.9319': 'Late declaratie',
    'cm.rev.rule.other': 'Andere controle',
    'cm.rev.rule_code': 'Controle {code}',
    'cm.rev.check_message': 'Melding van de controle (Engels):',
    'cm.rev.no_cap': 'Geen plafond bekend (toewijzing niet gevonden).',
    'cm.rev.used_in_period': 'in deze periode {used} van {max} gebruikt',
    'cm.rev.used_no_period_limit': 'geen grens per periode; {used} gebruikt',
    'cm.rev.used_no_total_limit': 'geen totale grens (toewijzing zonder einddatum); {used} gebruikt',
    'cm.rev.used_of': '{used} van {max}',
    'cm.rev.hours_minutes': '{h} en {m}',
    'cm.rev.cap': 'Plafond',
    'cm.rev.period_use': 'Gebruikt in deze periode (eerder geaccepteerd)',
    'cm.rev.period_use_now': 'Gebruikt in deze periode (geaccepteerde regels)',
    'cm.rev.meter_now': 'Gebruik in deze periode:',
    'cm.rev.this_line': 'Deze regel',
    'cm.rev.with_line': 'Met deze regel',
    'cm.rev.within': 'binnen het plafond',
    'cm.rev.over': '{over} boven het plafond ({pct} meer)',
    'cm.rev.total_use': 'Gebruikt over de hele toewijzing',
    'cm.rev.meter': 'Gebruik in deze periode met deze regel:',
    'cm.rev.back': '← Terug naar de beoordelingswachtrij',
    'cm.rev.not_found': 'Deze regel staat niet (meer) in de wachtrij.',
    'cm.rev.line_title': 'Regel {ref} beoordelen',
    'cm.rev.the_line': 'De regel',
    'cm.rev.why': 'Waarom ter beoordeling',
    'cm.rev.cap_title': 'Plafond van de toewijzing',
    'cm.rev.decide': 'Besluit',
    'cm.rev.decision': 'Besluit',
    'cm.rev.reason': 'Reden',
    'cm.rev.reason_hint': 'Verplicht, ook bij accepteren. De reden komt in het audittrail.',
    'cm.rev.accept': 'Accepteren',
    'cm.rev.reject': 'Afwijzen',
    'cm.rev.accepted': 'Regel {ref} is geaccepteerd.',
    'cm.rev.rejected': 'Regel {ref} is afgewezen.',
    'cm.rev.decided_by': 'Besloten door',
    'cm.rev.answer_title': 'Declaraties met verstreken termijn beantwoorden',
    'cm.rev.answer_hint': 'Beantwoordt elke declaratie die op de termijn nog wacht: de aanbieder krijgt de onbesliste regels als niet geaccepteerd terug; die regels blijven hier open. Normaal doet een dagelijkse taak dit.',
    'cm.rev.answer_overdue': 'Verlopen declaraties beantwoorden…',
    'cm.rev.answer_confirm': 'Ja, nu beantwoorden',
    'cm.rev.answered': '{n} declaratie(s) beantwoord.',
  },
  en: {
    'cm.nav.reviews': 'Review queue',
    'cm.rev.title': 'Claim review queue',
    'cm.rev.intro': 'Declared lines that a check did not reject but sent for review. Decide every line before its due date; an accepted line becomes payable.',
    'cm.rev.filter.open': 'Open',
    'cm.rev.filter.decided': 'Decided',
    'cm.rev.filter.all': 'All',
    'cm.rev.summary': '{n} line(s), {open} of them open.',
    'cm.rev.summary_overdue': '{n} overdue.',
    'cm.rev.caption': 'Lines for review',
    'cm.rev.empty': 'No lines in this selection.',
    'cm.rev.due': 'Due date',
    'cm.rev.agb': 'Provider AGB',
    'cm.rev.reference': 'Reference',
    'cm.rev.allocation_product': 'Allocation and product',
    'cm.rev.allocation': 'Allocation',
    'cm.rev.product': 'Product',
    'cm.rev.period': 'Period',
    'cm.rev.volume': 'Volume',
    'cm.rev.amount': 'Amount',
    'cm.rev.rule': 'Check',
    'cm.rev.cap_use': 'Cap and use',
    'cm.rev.declaration': 'Declaration (internal number)',
    'cm.rev.assess': 'Assess',
    'cm.rev.view': 'View',
    'cm.rev.escalated': 'Answer sent',
    'cm.rev.escalated_hint': 'The due date has passed: the provider got this line back as not accepted. You can still decide; an accepted line then becomes payable.',
    'cm.rev.rule.9321': 'Volume above the cap in this period',
    'cm.rev.rule.9322': 'Volume above the cap over the whole allocation',
    'cm.rev.rule.9319': 'Late declaration',
    'cm.rev.rule.other': 'Other check',
    'cm.rev.rule_code': 'Check {code}',
    'cm.rev.check_message': 'Message of the check:',
    'cm.rev.no_cap': 'No cap known (allocation not found).',
    'cm.rev.used_in_period': '{used} of {max} used in this period',
    'cm.rev.used_no_period_limit': 'no limit per period; {used} used',
    'cm.rev.used_no_total_limit': 'no overall limit (allocation without an end); {used} used',
    'cm.rev.used_of': '{used} of {max}',
    'cm.rev.hours_minutes': '{h} and {m}',
    'cm.rev.cap': 'Cap',
    'cm.rev.period_use': 'Used in this period (accepted before)',
    'cm.rev.period_use_now': 'Used in this period (accepted lines)',
    'cm.rev.meter_now': 'Use in this period:',
    'cm.rev.this_line': 'This line',
    'cm.rev.with_line': 'With this line',
    'cm.rev.within': 'within the cap',
    'cm.rev.over': '{over} above the cap ({pct} more)',
    'cm.rev.total_use': 'Used over the whole allocation',
    'cm.rev.meter': 'Use in this period with this line:',
    'cm.rev.back': '← Back to the review queue',
    'cm.rev.not_found': 'This line is not (or no longer) in the queue.',
    'cm.rev.line_title': 'Assess line {ref}',
    'cm.rev.the_line': 'The line',
    'cm.rev.why': 'Why it is under review',
    'cm.rev.cap_title': "The allocation's cap",
    'cm.rev.decide': 'Decision',
    'cm.rev.decision': 'Decision',
    'cm.rev.reason': 'Reason',
    'cm.rev.reason_hint': 'Required, also to accept. The reason goes into the audit trail.',
    'cm.rev.accept': 'Accept',
    'cm.rev.reject': 'Reject',
    'cm.rev.accepted': 'Line {ref} has been accepted.',
    'cm.rev.rejected': 'Line {ref} has been rejected.',
    'cm.rev.decided_by': 'Decided by',
    'cm.rev.answer_title': 'Answer declarations past their due date',
    'cm.rev.answer_hint': 'Answers every declaration still waiting on its due date: the provider gets the undecided lines back as not accepted; those lines stay open here. A daily job normally does this.',
    'cm.rev.answer_overdue': 'Answer overdue declarations…',
    'cm.rev.answer_confirm': 'Yes, answer them now',
    'cm.rev.answered': '{n} declaration(s) answered.',
  },
});
