// The claim review queue: declared lines that a rule sent to review instead of rejecting them
// (a cap exceeded by at most 10 %, a late declaration). Per line the rule that flagged it, the
// allocation's cap and how much of it is used, the due date (overdue highlighted) and, for the
// contract manager, accept or reject with a required reason. The detail page also shows the
// line's way to payment (its claim-line trace).
import * as api from '../api.js';
import { pagedList } from '../paged_list.js';
import { exportButton } from '../export_button.js';
import './review_strings.js';
import { date, dateTime, integer, money, percent } from '../format.js';
import { t } from '../i18n.js';
import { announce, badge, clearErrors, confirmBox, errorBlock, field, h, link, load, section } from '../ui.js';
import {
  actionLink, facts, fieldError, frequencyText, isManager, localizedCall, nowrap, page, overdueBadge, periodNode, periodText, productMap, productText,
  quantity, showFormError, statusBadge, tOr, unitText,
} from './contract_manager_common.js';

// --- the cap in words -----------------------------------------------------------------------

// The server gives max_* and used_* in the cap's counting unit (minutes for an hours cap);
// only volume is in the cap's own unit. Everything below is shown in the cap's own unit: an
// hours cap in hours (and minutes where a count is not whole hours), as the allocation says it.
const maxInCounting = (cap, max) => (max === null || max === undefined ? null : max);

// The line's volume in the cap's counting unit (hours claimed on an hours cap → minutes).
function lineInCounting(item) {
  const cap = item.cap;
  return item.unit === 'hours' && cap.counting_unit === 'minutes' ? item.volume * 60 : item.volume;
}

// Minutes in hours: 1080 -> "18 uur", 870 -> "14 uur en 30 minuten", 45 -> "45 minuten".
function hoursText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return quantity(hours, 'hours');
  if (hours === 0) return quantity(rest, 'minutes');
  return t('cm.rev.hours_minutes', { h: quantity(hours, 'hours'), m: quantity(rest, 'minutes') });
}

// A count in the cap's own unit: "21 uur"; other units as they are.
const countText = (n, unit) => (unit === 'minutes' ? hoursText(n) : quantity(n, unit));

// {used, max} for "{used} van {max}": "0" and "18 uur", or "14 uur en 30 minuten" and "18 uur".
function usedAndMax(used, max, unit) {
  if (unit !== 'minutes') return { used: integer(used), max: quantity(max, unit) };
  if (used % 60 === 0 && max % 60 === 0) return { used: integer(used / 60), max: quantity(max / 60, 'hours') };
  return { used: hoursText(used), max: hoursText(max) };
}

// "0 van 18 uur", "14 uur en 30 minuten van 18 uur"
const usedOf = (used, max, unit) => t('cm.rev.used_of', usedAndMax(used, max, unit));

// "4 uur per week"
const capWords = (cap) => `${integer(cap.volume)} ${unitText(cap.unit, cap.volume)} ${frequencyText(cap.frequency)}`;

// "4 uur per week; in deze periode 0 van 18 uur gebruikt"
function capSummary(cap) {
  if (!cap) return t('cm.rev.no_cap');
  const max = maxInCounting(cap, cap.max_in_period);
  const used = max === null
    ? t('cm.rev.used_no_period_limit', { used: countText(cap.used_in_period, cap.counting_unit) })
    : t('cm.rev.used_in_period', usedAndMax(cap.used_in_period, max, cap.counting_unit));
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

function dueCell(item) {
  return h('span', {}, nowrap(date(item.due_date)), item.overdue ? [' ', overdueBadge()] : null,
    item.escalated ? [' ', badge(t('cm.rev.escalated'), 'warn')] : null);
}

// "Zorggroep De Vechtstroom (AGB 73000101)"; the AGB alone when the name is unknown.
function providerText(item) {
  const agb = t('cm.rev.agb_value', { agb: item.provider_agb });
  return item.provider_name ? `${item.provider_name} (${agb})` : agb;
}

function providerNode(item) {
  if (!item.provider_name) return nowrap(t('cm.rev.agb_value', { agb: item.provider_agb }));
  return h('span', {}, item.provider_name, ' ', nowrap(`(${t('cm.rev.agb_value', { agb: item.provider_agb })})`));
}

// The provider's declaration number (their own), under the line's reference.
const declarationNode = (item) => h('span', { class: 'hint' }, t('cm.rev.declaration_short', { number: item.declaration_number ?? item.declaration_id }));

function queueColumns(ctx, products) {
  const manager = isManager(ctx);
  return [
    { key: 'due_date', label: t('cm.rev.due'), sortBy: 'due_date', render: dueCell },
    { key: 'provider_agb', label: t('cm.rev.provider'), sortBy: 'provider_name', render: providerNode },
    { key: 'reference', label: t('cm.rev.reference_declaration'), sortBy: 'reference',
      render: (r) => h('span', {}, link(`/reviews/${r.id}`, r.reference), h('br'), declarationNode(r)) },
    { key: 'allocation_number', label: t('cm.rev.allocation_product'),
      render: (r) => h('span', {}, link(`/allocations/${r.allocation_number}`, String(r.allocation_number)), h('br'), productText(products, r.product_code)) },
    { key: 'period_start', label: t('cm.rev.period'), render: (r) => periodNode(r.period_start, r.period_end) },
    { key: 'volume', label: t('cm.rev.volume'), align: 'right', render: (r) => quantity(r.volume, r.unit) },
    { key: 'amount_cents', label: t('cm.rev.amount'), align: 'right', sortBy: 'amount_cents', format: money },
    { key: 'code', label: t('cm.rev.rule'), render: ruleCell },
    { key: 'cap', label: t('cm.rev.cap_use'), render: (r) => capSummary(r.cap) },
    { key: 'status', label: t('ui.status'), sortBy: 'status', render: (r) => statusBadge(r.status) },
    { key: 'id', label: t('ui.actions'), render: (r) => actionLink(`/reviews/${r.id}`,
      t(manager && r.status === 'open' ? 'cm.rev.assess' : 'cm.rev.view'), r.reference) },
  ];
}

// The queue, paged by the server: open lines first by due date; filters by status and provider,
// a search (reference, allocation, rule, provider, declaration number), sortable columns.
function queueList(ctx, products, providers) {
  return pagedList(ctx, {
    path: (params) => `/reviews${api.query(params)}`,
    searchLabel: t('cm.rev.search'),
    searchHint: t('cm.rev.search_hint'),
    filters: [
      { name: 'status', label: t('ui.status'), value: 'open',
        options: ['open', 'decided'].map((f) => ({ value: f, label: t(`cm.rev.filter.${f}`) })) },
      { name: 'provider_id', label: t('cm.rev.provider'),
        options: providers.map((p) => ({ value: String(p.id), label: `${p.name} (${p.agb})` })) },
    ],
    columns: queueColumns(ctx, products),
    caption: t('cm.rev.caption'),
    empty: t('cm.rev.empty'),
    rowClass: (r) => (r.overdue ? 'overdue' : null),
  });
}

// POST /reviews/answer-overdue after a second click (it answers declarations to providers).
function answerOverdueSection(ctx) {
  const result = h('div', { 'aria-live': 'polite' });
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
      result.replaceChildren(errorBlock(error));
      confirm.disabled = false;
    }
  });
  return section(t('cm.rev.answer_title'), h('p', { class: 'hint' }, t('cm.rev.answer_hint')),
    h('div', { class: 'actions' }, start, confirm), result);
}

export async function reviewsScreen(main, ctx) {
  const [products, providers] = await Promise.all([productMap(), api.getCached('/providers?limit=1000')]);
  page(main, t('cm.rev.title'), h('p', {}, t('cm.rev.intro')), queueList(ctx, products, providers),
    // The export follows the status the list shows (its select: '' is every status).
    exportButton(() => `/exports/reviews.csv${api.query({ status: main.querySelector('select[name="status"]')?.value ?? 'open' })}`,
      'beoordelingen.csv'),
    isManager(ctx) ? answerOverdueSection(ctx) : null);
}

// --- one line -----------------------------------------------------------------------------

function lineFacts(item, products) {
  return facts([
    [t('cm.rev.provider'), providerText(item)],
    [t('cm.rev.reference'), item.reference],
    // The declaration's own screen (Declaraties), with every line of it.
    [t('cm.rev.declaration_number'), link(`/declarations/${item.declaration_id}`, item.declaration_number)],
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

// After a decision the queue moves on: to the next open line, or back to the queue when none
// is left; the announcement says what was decided and where the user is now.
async function moveOn(ctx, item, decision) {
  const done = t(decision === 'accept' ? 'cm.rev.accepted' : 'cm.rev.rejected', { ref: item.reference });
  const next = (await api.get('/reviews?status=open&limit=2')).find((i) => i.id !== item.id && i.status === 'open');
  announce(next ? `${done} ${t('cm.rev.next_line', { ref: next.reference })}` : `${done} ${t('cm.rev.queue_empty')}`);
  ctx.navigate(next ? `/reviews/${next.id}` : '/reviews');
}

// What a decision does, shown to confirm it.
function decisionSummary(item, decision, reason) {
  return [facts([
    [t('cm.rev.provider'), providerText(item)],
    [t('cm.rev.amount'), money(item.amount_cents)],
    [t('cm.rev.reason'), reason],
  ]), h('p', {}, t(decision === 'accept' ? 'cm.rev.accept_effect' : 'cm.rev.reject_effect'))];
}

// Accept or reject; the reason is required either way, and the decision is confirmed first.
function decisionForm(ctx, item) {
  const reason = field({ name: 'reason', label: t('cm.rev.reason'), type: 'textarea', required: true, hint: t('cm.rev.reason_hint') });
  const accept = h('button', { type: 'submit', class: 'primary', value: 'accept' }, t('cm.rev.accept'));
  const reject = h('button', { type: 'submit', class: 'danger', value: 'reject' }, t('cm.rev.reject'));
  const buttons = h('div', { class: 'actions' }, accept, reject);
  const el = h('form', { novalidate: true, id: 'cm-review-decision' }, reason, buttons);
  let chosen = null;
  const confirm = confirmBox({
    confirmLabel: t('cm.rev.accept'),
    act: async () => {
      await localizedCall(() => api.post(`/reviews/${item.id}/decision`, { decision: chosen.decision, reason: chosen.reason }));
      await moveOn(ctx, item, chosen.decision);
    },
    onError: (error) => {
      if (!error || !error.code) throw error;
      showFormError(el, error);
    },
    onCancel: () => { buttons.hidden = false; },
  });
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    clearErrors(el);
    const decision = e.submitter?.value === 'reject' ? 'reject' : 'accept';
    const text = el.elements.reason.value.trim();
    if (!text) {
      showFormError(el, fieldError('REASON_REQUIRED', 'reason'));
      return;
    }
    chosen = { decision, reason: text };
    buttons.hidden = true;
    confirm.open(t(`cm.rev.${decision}_confirm_title`, { ref: item.reference }), decisionSummary(item, decision, text),
      t(`cm.rev.${decision}_confirm`));
  });
  el.append(confirm.el);
  return section(t('cm.rev.decide'), el);
}

function decidedSection(item) {
  return section(t('cm.rev.decision'), facts([
    [t('ui.status'), statusBadge(item.status)],
    [t('cm.rev.decided_by'), item.decided_by],
    [t('cm.rev.reason'), item.reason],
  ]), item.escalated ? h('p', { class: 'hint' }, t('cm.rev.escalated_hint')) : null);
}

// GET /reviews/{id}; null when there is no such item (404).
async function loadItem(id) {
  try {
    return await api.get(`/reviews/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error && error.status === 404) return null;
    throw error;
  }
}

export async function reviewScreen(main, ctx) {
  const [item, products] = await Promise.all([loadItem(ctx.params.id), productMap()]);
  const back = h('p', {}, link('/reviews', t('cm.rev.back')));
  if (!item) {
    page(main, t('cm.rev.title'), back, h('p', { class: 'form-error', role: 'alert' }, t('cm.rev.not_found')));
    return;
  }
  const open = item.status === 'open';
  const trace = item.claim_line_id ? traceSection(ctx, item.claim_line_id) : null;
  page(main, t('cm.rev.line_title', { ref: item.reference }), back,
    h('div', { class: 'grid' }, section(t('cm.rev.the_line'), lineFacts(item, products)), ruleSection(item)),
    section(t('cm.rev.cap_title'), capDetails(item)),
    open && isManager(ctx) ? decisionForm(ctx, item) : null,
    open ? (item.escalated ? h('p', { class: 'hint' }, t('cm.rev.escalated_hint')) : null) : decidedSection(item),
    trace ? trace.el : null);
  if (trace) await trace.load();
}

// --- the line's way to payment (GET /claim-lines/{id}/trace) ----------------------------------

const TRACE_KINDS = { done: 'ok', pending: 'warn', skipped: 'neutral' };

// One step: its name with done / not yet / not applicable (a word, not colour alone), and a text.
function traceStep(title, state, text) {
  return h('li', { class: `trace-step ${state}` },
    h('h3', {}, title, ' ', badge(t(`cm.rev.trace.${state}`), TRACE_KINDS[state])), h('p', {}, text));
}

function answeredStep(tr) {
  const d = tr.declaration;
  return d.answered_at
    ? traceStep(t('cm.rev.trace.answered'), 'done', t('cm.rev.trace.answered_text', { at: dateTime(d.answered_at) }))
    : traceStep(t('cm.rev.trace.answered'), 'pending', t('cm.rev.trace.not_answered'));
}

function payableStep(tr) {
  const p = tr.payable;
  if (tr.status !== 'accepted') {
    const state = tr.status === 'review' ? 'pending' : 'skipped';
    return traceStep(t('cm.rev.trace.payable'), state, t(state === 'pending' ? 'cm.rev.trace.payable_pending' : 'cm.rev.trace.no_payable'));
  }
  return p
    ? traceStep(t('cm.rev.trace.payable'), 'done', t('cm.rev.trace.payable_text', {
      id: p.id, amount: money(p.amount_cents), due: date(p.due_date), status: tOr(`cm.rev.trace.payable.${p.status}`, p.status) }))
    : traceStep(t('cm.rev.trace.payable'), 'pending', t('cm.rev.trace.payable_pending'));
}

// The run links to its page for the roles that may open it (finance screens: finance, auditor).
function paymentStep(ctx, pay) {
  if (!pay) return traceStep(t('cm.rev.trace.payment'), 'pending', t('cm.rev.trace.no_payment'));
  const run = ['auditor', 'finance'].includes(ctx.user.role) ? link(`/finance/runs/${pay.run_id}`, String(pay.run_id)) : String(pay.run_id);
  const [before, after] = t('cm.rev.trace.payment_text', { run: '\u0000', e2e: pay.end_to_end_id,
    status: tOr(`cm.rev.trace.payment.${pay.status}`, pay.status) }).split('\u0000');
  const text = h('span', {}, before, run, after, pay.return_reason ? ` ${t('cm.rev.trace.returned', { reason: pay.return_reason })}` : null);
  return traceStep(t('cm.rev.trace.payment'), pay.status === 'returned' ? 'pending' : 'done', text);
}

function bankStep(bank) {
  return bank
    ? traceStep(t('cm.rev.trace.bank'), 'done', t('cm.rev.trace.bank_text', {
      date: date(bank.booking_date), statement: bank.statement_id, amount: money(bank.amount_cents) }))
    : traceStep(t('cm.rev.trace.bank'), 'pending', t('cm.rev.trace.no_bank'));
}

function traceSteps(ctx, tr) {
  const d = tr.declaration;
  const steps = [
    traceStep(t('cm.rev.trace.received'), 'done', t('cm.rev.trace.received_text', { number: d.number, at: dateTime(d.received_at) })),
    answeredStep(tr),
    payableStep(tr),
  ];
  if (tr.status === 'accepted') steps.push(paymentStep(ctx, tr.payment), bankStep(tr.bank_entry));
  return h('ol', { class: 'trace' }, steps);
}

// A section whose steps load after the page is shown (errors, e.g. 403, shown inside it).
function traceSection(ctx, claimLineId) {
  const body = h('div', { id: 'cm-review-trace' });
  return {
    el: section(t('cm.rev.trace.title'), h('p', { class: 'hint' }, t('cm.rev.trace.intro')), body),
    load: () => load(body, () => api.get(`/claim-lines/${encodeURIComponent(claimLineId)}/trace`), (tr) => traceSteps(ctx, tr)),
  };
}
