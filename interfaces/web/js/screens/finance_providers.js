// Providers seen from finance: balances and integrity blocks of all providers
// (GET /provider-balances), and one provider's statement with its payables, payments and disputes.
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { date, dateTime, money } from '../format.js';
import { t } from '../i18n.js';
import {
  announce, badge, facts, form, h, link, load, page, section, table,
} from '../ui.js';
import { PAGE_SIZE, pageStatusUnlessEmpty } from '../paged_list.js';
import { offsetOf } from './ao_common.js';
import { accountsSection } from './finance_accounts.js';
import { sourceText, statusBadge } from './finance_common.js';

const providerPath = (id) => `/finance/providers/${id}`;

// "geblokkeerd" with the reason (and since when), or "niet geblokkeerd": never colour alone.
function blockStatus(p) {
  if (!p.blocked_reason) return badge(t('fin.block.not_blocked'), 'ok');
  return h('span', { class: 'block-status' }, badge(t('fin.block.blocked'), 'bad'), ' ', p.blocked_reason,
    p.blocked_at ? ` (${t('fin.block.since', { at: dateTime(p.blocked_at) })})` : '');
}

// ---- the overview --------------------------------------------------------------------------

function balancesTable(rows) {
  const blocked = rows.filter((r) => r.blocked_reason);
  const amount = (key, label) => ({ key, label, format: money, align: 'right' });
  return [
    h('p', { id: 'blocked-summary' }, blocked.length
      ? t('fin.providers.blocked_list', { names: blocked.map((r) => r.name).join(', ') })
      : t('fin.providers.none_blocked')),
    table([
      { key: 'name', label: t('fin.run.provider'), render: (r) => link(providerPath(r.provider_id), r.name) },
      { key: 'agb', label: t('fin.providers.agb') },
      { key: 'blocked_reason', label: t('fin.block.state'), render: blockStatus },
      amount('open_cents', t('fin.balances.open')),
      amount('disputed_cents', t('fin.balances.disputed')),
      amount('in_run_cents', t('fin.balances.in_run')),
      amount('paid_cents', t('fin.balances.paid')),
    ], rows, { caption: t('fin.providers.caption') }),
  ];
}

async function providersScreen(main) {
  const list = h('div');
  page(main, t('fin.providers.title'), h('p', {}, t('fin.providers.intro')), section(t('fin.providers.balances'), list));
  await load(list, () => api.get('/provider-balances?limit=1000'), balancesTable);
}

// ---- one provider --------------------------------------------------------------------------

// Blocks an unblocked provider, or lifts the block of a blocked one.
function blockForm(provider, ctx) {
  const action = provider.blocked_reason ? 'unblock' : 'block';
  const el = form([{ name: 'reason', label: t('fin.block.reason'), type: 'textarea', required: true, hint: t('fin.block.reason_hint') }],
    t(`fin.block.${action}`), async (v) => {
      await api.post(`/providers/${provider.id}/${action}`, { reason: v.reason });
      announce(t(`fin.block.done_${action}`, { name: provider.name }));
      await ctx.rerender();
    });
  el.id = 'block-form';
  return el;
}

// Disputes an open payable, or ends the dispute of a disputed one.
function disputePanel(panel, payable, reload) {
  const action = payable.disputed_reason ? 'undispute' : 'dispute';
  const el = form([{ name: 'reason', label: t('fin.dispute.reason'), type: 'textarea', required: true }],
    t(`fin.dispute.${action}`), async (v) => {
      await api.post(`/payables/${payable.id}/${action}`, { reason: v.reason });
      announce(t(`fin.dispute.done_${action}`, { id: payable.id }));
      panel.replaceChildren();
      await reload();
    });
  el.querySelector('.actions').append(h('button', { type: 'button', onclick: () => panel.replaceChildren() }, t('ui.cancel')));
  const params = { id: payable.id, amount: money(payable.amount_cents) };
  panel.replaceChildren(section(t(`fin.dispute.title_${action}`, params),
    payable.disputed_reason ? h('p', {}, t('fin.dispute.current', { reason: payable.disputed_reason })) : null,
    h('p', { class: 'hint' }, t('fin.dispute.intro')), el));
  el.querySelector('textarea').focus();
}

function totals(s) {
  return facts([
    [t('fin.statement.claimed'), money(s.claimed_cents)],
    [t('fin.statement.offsets'), money(s.offsets_cents)],
    [t('fin.statement.paid'), money(s.paid_cents)],
    [t('fin.statement.returned'), money(s.returned_cents)],
    [t('fin.statement.in_transit'), money(s.in_transit_cents)],
    [t('fin.statement.open'), h('strong', {}, money(s.open_balance_cents))],
  ]);
}

// A statement line's payable: its status and, when disputed, the reason.
function lineStatus(l) {
  return [statusBadge('payable', l.status),
    l.disputed_reason ? [' ', badge(t('fin.dispute.disputed'), 'bad'), ' ', l.disputed_reason] : null];
}

// The payable of a statement line, as the dispute panel needs it.
function payableOf(l) {
  return { id: l.payable_id, status: l.status, amount_cents: l.amount_cents, disputed_reason: l.disputed_reason };
}

function disputeButton(p, panel, reload) {
  if (p.status !== 'open') return '';
  const action = p.disputed_reason ? 'undispute' : 'dispute';
  return h('button', {
    type: 'button', 'aria-label': t(`fin.dispute.open_label_${action}`, { id: p.id }),
    onclick: () => disputePanel(panel, p, reload),
  }, t(`fin.dispute.open_${action}`));
}

function linesTable(s, ctx, panel, reload) {
  const columns = [
    { key: 'payable_id', label: t('fin.run.payable'), format: (v) => `#${v}` },
    { key: 'date', label: t('fin.statement.date'), format: date },
    { key: 'type', label: t('fin.statement.type'), format: sourceText },
    { key: 'declaration', label: t('fin.statement.declaration') },
    { key: 'due_date', label: t('fin.statement.due'), format: date },
    { key: 'status', label: t('ui.status'), render: lineStatus },
    { key: 'end_to_end_id', label: t('fin.run.e2e') },
    { key: 'paid_on', label: t('fin.statement.paid_on'), format: date },
    { key: 'note', label: t('fin.statement.note') },
    { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
  ];
  if (ctx.user.role === 'finance') {
    columns.push({ key: 'actions', label: t('ui.actions'), render: (l) => disputeButton(payableOf(l), panel, reload) });
  }
  return table(columns, s.lines, { caption: t('fin.statement.lines_caption'), empty: t('fin.statement.no_lines') });
}

function paymentsTable(s) {
  return table([
    { key: 'run_id', label: t('fin.runs.run'), render: (p) => link(`/finance/runs/${p.run_id}`, t('fin.runs.run_n', { id: p.run_id })) },
    { key: 'end_to_end_id', label: t('fin.run.e2e') },
    { key: 'status', label: t('ui.status'), render: (p) => [statusBadge('transfer', p.status),
      p.return_reason ? ` ${t('fin.run.return_reason', { code: p.return_reason })}` : ''] },
    { key: 'booked_on', label: t('fin.statement.booked_on'), format: date },
    { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
  ], s.payments, { caption: t('fin.statement.payments_caption'), empty: t('fin.statement.no_payments') });
}

function csvButton(id, period) {
  return exportButton(`/providers/${id}/statement${api.query({ ...period, format: 'csv' })}`,
    `rekeningoverzicht-${id}-${period.from}-${period.to}.csv`);
}

function periodForm(ctx, period) {
  const el = form([
    { name: 'from', label: t('fin.statement.from'), type: 'date', value: period.from, required: true },
    { name: 'to', label: t('fin.statement.to'), type: 'date', value: period.to, required: true },
  ], t('ui.filter'), async (v) => {
    ctx.navigate(`${location.pathname}${api.query({ from: v.from, to: v.to })}`);
  });
  el.classList.add('inline');
  return el;
}

async function providerScreen(main, ctx) {
  const id = encodeURIComponent(ctx.params.id);
  const year = new Date().getFullYear();
  const period = { from: ctx.query.get('from') || `${year}-01-01`, to: ctx.query.get('to') || `${year + 1}-01-01` };
  const provider = await api.get(`/providers/${id}`);
  const statementBox = h('div');
  statementBox.style.marginTop = '1rem';
  const panel = h('div', { id: 'dispute-panel' });
  const parts = [
    h('p', {}, link('/finance/providers', t('fin.providers.back'))),
    section(t('fin.providers.details'), facts([
      [t('fin.providers.agb'), provider.agb], [t('fin.providers.kvk'), provider.kvk],
      [t('fin.block.state'), blockStatus(provider)],
    ])),
    accountsSection(provider, ctx),
  ];
  if (ctx.user.role === 'finance') {
    parts.push(section(t('fin.block.title'), h('p', { class: 'hint' }, t('fin.block.intro')), blockForm(provider, ctx)));
  }
  parts.push(section(t('fin.statement.title'), periodForm(ctx, period), statementBox, csvButton(id, period)), panel);
  page(main, `${provider.name} (${provider.agb})`, ...parts);
  // The statement's page at `offset`: its lines and payments alike.
  const offset = offsetOf(ctx);
  const go = (o) => ctx.navigate(`${location.pathname}${api.query({ ...period, offset: o || '' })}`);
  const loader = () => api.get(`/providers/${id}/statement${api.query({ ...period, limit: PAGE_SIZE, offset: offset || '' })}`);
  const reload = () => load(statementBox, loader, (s) => [totals(s),
    h('h3', {}, t('fin.statement.lines')), pageStatusUnlessEmpty(offset, s.lines.length, s.lines_total, go),
    linesTable(s, ctx, panel, reload),
    h('h3', {}, t('fin.statement.payments')), pageStatusUnlessEmpty(offset, s.payments.length, s.payments_total, go),
    paymentsTable(s)]);
  await reload();
}

export default [
  { path: '/finance/providers', nav: 'fin.nav.providers', roles: ['finance', 'auditor'], render: providersScreen },
  { path: '/finance/providers/:id', roles: ['finance', 'auditor'], render: providerScreen },
];
