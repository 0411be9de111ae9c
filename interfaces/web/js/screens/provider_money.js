// Where a provider's money is: one declaration with its lines, the trace of a prestatie from
// its declaration to the bank, and the statement (also as CSV).
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { date, dateTime, money } from '../format.js';
import { t } from '../i18n.js';
import { PAGE_SIZE, pageStatusUnlessEmpty, pagedList } from '../paged_list.js';
import { badge, form, h, link, load, page, section, table } from '../ui.js';
import {
  codeList, dayBefore, facts, periodText, ROLES, statusBadge, todayIso, tOr, unitText,
} from './provider_common.js';
import { offsetOf } from './ao_common.js';
import { providerAccountsSection } from './finance_accounts.js';
import { capFiguresNote } from './provider_cap_figures.js';

// The claim line's id for its trace link (the declaration's lines may carry it as id or
// claim_line_id); null when the server does not give it.
function lineId(l) {
  return l.claim_line_id ?? l.id ?? null;
}

function lineStatus(l) {
  const parts = [statusBadge('prov.line.', l.status)];
  if (l.credited) parts.push(' ', badge(t('prov.line.credited'), 'neutral'));
  // A review decided after the WMO325 had answered the line: it stays not accepted.
  if (l.review === 'answered_not_accepted') parts.push(' ', badge(t('prov.line.answered_not_accepted'), 'warn'));
  // The contract manager's reason, once the review is decided.
  if (l.review_reason) parts.push(h('p', { class: 'hint' }, t('prov.line.review_reason', { reason: l.review_reason })));
  // The rule's numbers when a cap rule rejected the line or held it for review.
  const figures = capFiguresNote(l);
  if (figures) parts.push(figures);
  return parts.length === 1 ? parts[0] : h('span', {}, ...parts);
}

// Every retourcode of the line (codes: space-separated), or the one deciding code.
function lineCodes(l) {
  const codes = (l.codes || l.code || '').split(' ').filter((c) => c && c !== '0200');
  return codes.length ? codeList(codes) : '';
}

// The filter on a line's outcome ("Alleen niet geaccepteerd", accepted, rejected, in review).
function lineStatusFilter() {
  return {
    name: 'status',
    label: t('prov.lines.filter'),
    options: [
      { value: 'not_accepted', label: t('prov.lines.not_accepted') },
      ...['accepted', 'rejected', 'review'].map((s) => ({ value: s, label: t(`prov.line.${s}`) })),
    ],
  };
}

// A declaration's lines, paged by the server (GET /declarations/{id}/lines), with a search,
// the filter on the outcome and sortable columns; shared by the provider's screen and the
// staff's (declarations.js). `allocation` and `outcome` render those cells, `extra` columns come
// after the retourcodes, `onPage` as in pagedList.
export function declarationLinesList(ctx, { path, allocation, outcome = lineStatus, extra = [], onPage }) {
  return pagedList(ctx, {
    path,
    searchLabel: t('prov.lines.search'),
    searchHint: t('prov.lines.search_hint'),
    filters: [lineStatusFilter()],
    caption: t('prov.declaration.lines'),
    empty: t('prov.lines.none'),
    columns: [
      { label: t('prov.col.reference'), key: 'reference', sortBy: 'reference' },
      { label: t('prov.col.dc'), render: (l) => (l.credit ? t('prov.credit') : t('prov.debit')) },
      { label: t('prov.col.allocation'), sortBy: 'allocation_number', render: allocation },
      { label: t('prov.col.product'), key: 'product_code', sortBy: 'product_code' },
      { label: t('prov.col.period'), sortBy: 'period_start', render: (l) => periodText(l.period_start, l.period_end) },
      { label: t('prov.col.volume'), align: 'right', sortBy: 'volume', render: (l) => `${l.volume} ${unitText(l.unit)}` },
      { label: t('prov.col.amount'), align: 'right', sortBy: 'amount_cents', render: (l) => money(l.amount_cents) },
      { label: t('prov.col.outcome'), sortBy: 'status', render: outcome },
      { label: t('prov.col.codes'), render: lineCodes },
      ...extra,
    ],
    onPage,
  });
}

// The provider's lines, each with a link to its allocation and to its trace.
function linesList(ctx, id) {
  return declarationLinesList(ctx, {
    path: (params) => `/declarations/${encodeURIComponent(id)}/lines${api.query(params)}`,
    allocation: (l) => link(`/provider/allocations/${l.allocation_number}`, String(l.allocation_number)),
    extra: [
      { label: t('prov.col.trace'), render: (l) => (lineId(l) ? h('a', { href: `/provider/claim-lines/${lineId(l)}`, dataset: { route: '' }, 'aria-label': t('prov.declaration.trace', { reference: l.reference }) }, t('prov.col.trace')) : '') },
    ],
  });
}

async function renderDeclaration(main, ctx) {
  const id = ctx.params.id;
  page(main, t('prov.declaration.title', { number: id }));
  const body = h('div');
  main.append(body);
  // The head only: the lines come page by page (a declaration may have 24,000 of them).
  await load(body, () => api.get(`/declarations/${encodeURIComponent(id)}?lines=false`), (d) => {
    page(main, t('prov.declaration.title', { number: d.number }));
    main.append(body);
    return [
      h('p', {}, link('/provider/declarations', t('prov.declaration.back'))),
      section(t('prov.contract.facts'), facts([
        [t('prov.col.status'), statusBadge('prov.declaration.status.', d.status)],
        [t('prov.declaration.source'), tOr(`prov.source.${d.source}`, d.source)],
        [t('prov.answer.submitted'), money(d.submitted_cents)],
        [t('prov.answer.awarded'), money(d.awarded_cents)],
        d.header_code ? [t('prov.answer.declaration_code'), codeList([d.header_code])] : null,
        d.status === 'awaiting_review' ? [t('prov.declaration.answer_due'), date(d.answer_due)] : null,
      ])),
      section(t('prov.declaration.lines'), exportButton(`/exports/declarations/${d.declaration_id}/lines.csv`,
        `declaratie-${d.declaration_id}-regels.csv`), linesList(ctx, id)),
    ];
  });
}

// One step of the trace: a heading with done / not yet / not applicable, and its text.
function step(title, state, text) {
  const kinds = { done: 'ok', pending: 'warn', skipped: 'neutral' };
  return h('li', { class: `trace-step ${state}` },
    h('h3', {}, title, ' ', badge(t(`prov.trace.${state}`), kinds[state])),
    h('p', {}, text));
}

function traceSteps(tr) {
  const accepted = tr.status === 'accepted';
  const d = tr.declaration;
  const steps = [step(t('prov.trace.received'), 'done', t('prov.trace.received_text', { number: d.number, at: dateTime(d.received_at) }))];
  steps.push(d.answered_at
    ? step(t('prov.trace.answered'), 'done', t('prov.trace.answered_text', { at: dateTime(d.answered_at), status: tOr(`prov.line.${tr.status}`, tr.status) }))
    : step(t('prov.trace.answered'), 'pending', t('prov.trace.not_answered')));
  const p = tr.payable;
  if (!accepted) {
    steps.push(step(t('prov.trace.payable'), tr.status === 'review' ? 'pending' : 'skipped',
      t(tr.status === 'review' ? 'prov.trace.payable_pending' : 'prov.trace.no_payable')));
    return steps;
  }
  steps.push(p
    ? step(t('prov.trace.payable'), 'done', t('prov.trace.payable_text', { id: p.id, amount: money(p.amount_cents), due: date(p.due_date), status: tOr(`prov.payable.${p.status}`, p.status) }))
    : step(t('prov.trace.payable'), 'pending', t('prov.trace.payable_pending')));
  const pay = tr.payment;
  if (pay) {
    const text = [t('prov.trace.payment_text', { run: pay.run_id, e2e: pay.end_to_end_id, status: tOr(`prov.payment.${pay.status}`, pay.status) })];
    if (pay.return_reason) text.push(` ${t('prov.trace.payment_returned', { reason: pay.return_reason })}`);
    steps.push(step(t('prov.trace.payment'), pay.status === 'returned' ? 'pending' : 'done', text.join('')));
  } else {
    steps.push(step(t('prov.trace.payment'), 'pending', t('prov.trace.no_payment')));
  }
  const bank = tr.bank_entry;
  steps.push(bank
    ? step(t('prov.trace.bank'), 'done', t('prov.trace.bank_text', { date: date(bank.booking_date), statement: bank.statement_id, amount: money(bank.amount_cents) }))
    : step(t('prov.trace.bank'), 'pending', t('prov.trace.no_bank')));
  return steps;
}

async function renderTrace(main, ctx) {
  const id = ctx.params.id;
  page(main, t('prov.trace.title', { reference: id }));
  const body = h('div');
  main.append(body);
  await load(body, () => api.get(`/claim-lines/${encodeURIComponent(id)}/trace`), (tr) => {
    page(main, t('prov.trace.title', { reference: tr.reference }));
    main.append(body);
    return [
      h('p', {}, link(`/provider/declarations/${tr.declaration.id}`, t('prov.trace.back', { number: tr.declaration.number }))),
      section(t('prov.trace.line'), facts([
        [t('prov.col.reference'), tr.reference],
        [t('prov.col.dc'), tr.credit ? t('prov.credit') : t('prov.debit')],
        [t('prov.col.amount'), money(tr.amount_cents)],
        [t('prov.col.outcome'), statusBadge('prov.line.', tr.status)],
        tr.code && tr.code !== '0200' ? [t('prov.col.codes'), codeList([tr.code])] : null,
      ])),
      section(t('prov.trace.steps'), h('ol', { class: 'trace' }, traceSteps(tr))),
    ];
  });
}

// ---- statement ----

function startOfYear() {
  return `${todayIso().slice(0, 4)}-01-01`;
}

function nextYear(from) {
  return `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
}

function payableLink(line) {
  if (line.type === 'declaration') return link(`/provider/declarations/${line.source_id}`, line.declaration);
  if (line.type === 'review') return link(`/provider/claim-lines/${line.source_id}`, line.declaration);
  return line.declaration || '';
}

function statementTotals(s) {
  return section(t('prov.statement.totals', { from: date(s.from), to: date(dayBefore(s.to)) }), facts([
    [t('prov.statement.claimed'), money(s.claimed_cents)],
    [t('prov.statement.offsets'), money(s.offsets_cents)],
    [t('prov.statement.paid'), money(s.paid_cents)],
    [t('prov.statement.returned'), money(s.returned_cents)],
    [t('prov.statement.in_transit'), money(s.in_transit_cents)],
    [t('prov.statement.open_balance'), h('strong', {}, money(s.open_balance_cents))],
  ]));
}

// The statement's page at `offset` (its lines and payments alike); go(offset) moves.
function statementView(s, offset, go) {
  return [
    statementTotals(s),
    section(t('prov.statement.lines'), pageStatusUnlessEmpty(offset, s.lines.length, s.lines_total, go), table([
      { label: t('prov.col.date'), render: (l) => date(l.date) },
      { label: t('prov.col.type'), render: (l) => tOr(`prov.type.${l.type}`, l.type) },
      { label: t('prov.col.declaration'), render: payableLink },
      { label: t('prov.col.amount'), align: 'right', render: (l) => money(l.amount_cents) },
      { label: t('prov.col.status'), render: (l) => statusBadge('prov.payable.', l.status) },
      { label: t('prov.col.due'), render: (l) => date(l.due_date) },
      { label: t('prov.col.e2e'), render: (l) => (l.end_to_end_id ? h('code', {}, l.end_to_end_id) : '') },
      { label: t('prov.col.paid_on'), render: (l) => date(l.paid_on) },
    ], s.lines)),
    section(t('prov.statement.payments'), pageStatusUnlessEmpty(offset, s.payments.length, s.payments_total, go), table([
      { label: t('prov.col.run'), key: 'run_id' },
      { label: t('prov.col.e2e'), render: (p) => h('code', {}, p.end_to_end_id) },
      { label: t('prov.col.amount'), align: 'right', render: (p) => money(p.amount_cents) },
      { label: t('prov.col.status'), render: (p) => statusBadge('prov.payment.', p.status) },
      { label: t('prov.col.booked_on'), render: (p) => date(p.booked_on) },
      { label: t('prov.col.return_reason'), key: 'return_reason' },
    ], s.payments)),
  ];
}

async function renderStatement(main, ctx) {
  const from = ctx.query.get('from') || startOfYear();
  const to = ctx.query.get('to') || nextYear(from);
  const base = `/providers/${ctx.user.provider_id}/statement`;
  // The statement's lines as CSV for Excel (euros with a decimal comma, Dutch headers).
  const csv = exportButton(`${base}${api.query({ from, to, format: 'csv' })}`, `rekeningoverzicht-${from}-${to}.csv`);
  const filter = form([
    { name: 'from', label: t('prov.statement.from'), type: 'date', value: from, required: true },
    { name: 'to', label: t('prov.statement.to'), type: 'date', value: to, required: true },
  ], t('prov.statement.show'), async (v) => {
    if (!v.from || !v.to || v.from >= v.to) throw new api.ApiError(400, 'INVALID_PERIOD', t('prov.fileerr.INVALID_PERIOD'), 'to');
    ctx.navigate(`/provider/statement${api.query({ from: v.from, to: v.to })}`);
  });
  filter.classList.add('inline');
  const body = h('div');
  page(main, t('prov.statement.title'), h('div', { class: 'card' }, filter, csv), body,
    providerAccountsSection(ctx.user.provider_id));
  const offset = offsetOf(ctx);
  const go = (o) => ctx.navigate(`/provider/statement${api.query({ from, to, offset: o || '' })}`);
  await load(body, () => api.get(`${base}${api.query({ from, to, limit: PAGE_SIZE, offset: offset || '' })}`),
    (s) => statementView(s, offset, go));
}

export default [
  { path: '/provider/declarations/:id', roles: ROLES, render: renderDeclaration },
  { path: '/provider/claim-lines/:id', roles: ROLES, render: renderTrace },
  { path: '/provider/statement', nav: 'prov.nav.statement', roles: ROLES, render: renderStatement },
];

// A line's outcome and retourcodes, as the staff's declaration screen shows them too.
export { lineStatus };
