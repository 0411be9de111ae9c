// Providers seen from finance: balances (from each provider's statement), integrity blocks, and
// one provider's statement with its payables, payments and disputes.
import * as api from '../api.js';
import { date, money } from '../format.js';
import { t } from '../i18n.js';
import {
  announce, badge, form, h, link, load, page, section, table,
} from '../ui.js';
import {
  blockState, facts, isoDay, quietProgress, sourceText, statusBadge,
} from './finance_common.js';

const providerPath = (id) => `/finance/providers/${id}`;
const ALL_TIME = `from=2000-01-01&to=${isoDay(1)}`;

function blockBadge(p) {
  const state = blockState(p);
  if (state === undefined) return badge(t('fin.block.unknown'), 'neutral');
  return state ? badge(t('fin.block.blocked'), 'bad') : badge(t('fin.block.not_blocked'), 'ok');
}

// ---- the overview --------------------------------------------------------------------------

async function balances() {
  const providers = await api.get('/providers?limit=1000');
  const statements = await Promise.all(providers.map((p) =>
    api.get(`/providers/${p.id}/statement?${ALL_TIME}`).catch(() => null)));
  return providers.map((p, i) => ({ ...p, statement: statements[i] }));
}

function balancesTable(rows) {
  const total = (key) => (r) => (r.statement ? money(r.statement[key]) : '');
  const blocked = rows.filter((r) => blockState(r) === true);
  return [
    rows.some((r) => blockState(r) !== undefined)
      ? h('p', { id: 'blocked-summary' }, blocked.length
        ? t('fin.providers.blocked_list', { names: blocked.map((r) => r.name).join(', ') })
        : t('fin.providers.none_blocked'))
      : h('p', { class: 'hint' }, t('fin.block.unknown_hint')),
    table([
      { key: 'name', label: t('fin.run.provider'), render: (r) => link(providerPath(r.id), r.name) },
      { key: 'agb', label: t('fin.providers.agb') },
      { key: 'blocked', label: t('fin.block.state'), render: blockBadge },
      { key: 'open', label: t('fin.statement.open'), render: total('open_balance_cents'), align: 'right' },
      { key: 'transit', label: t('fin.statement.in_transit'), render: total('in_transit_cents'), align: 'right' },
      { key: 'paid', label: t('fin.statement.paid'), render: total('paid_cents'), align: 'right' },
      { key: 'returned', label: t('fin.statement.returned'), render: total('returned_cents'), align: 'right' },
    ], rows, { caption: t('fin.providers.caption') }),
  ];
}

async function providersScreen(main) {
  const list = h('div');
  page(main, t('fin.providers.title'), h('p', {}, t('fin.providers.intro')), section(t('fin.providers.balances'), list));
  await load(list, balances, balancesTable);
}

// ---- one provider --------------------------------------------------------------------------

function blockForm(provider, ctx) {
  const state = blockState(provider);
  const action = h('input', { type: 'hidden', name: 'action', value: state ? 'unblock' : 'block' });
  const el = form([{ name: 'reason', label: t('fin.block.reason'), type: 'textarea', required: true, hint: t('fin.block.reason_hint') }],
    state ? t('fin.block.unblock') : t('fin.block.block'), async (v) => {
      const answer = await api.post(`/providers/${provider.id}/${v.action}`, { reason: v.reason });
      announce(t(answer.blocked ? 'fin.block.done_block' : 'fin.block.done_unblock', { name: provider.name }));
      await ctx.rerender();
    }, { extra: [action] });
  const submit = el.querySelector('button[type="submit"]');
  submit.addEventListener('click', () => { action.value = state ? 'unblock' : 'block'; });
  if (state === undefined) {
    // The server does not say whether the provider is blocked: offer both.
    const lift = h('button', { type: 'submit' }, t('fin.block.unblock'));
    lift.addEventListener('click', () => { action.value = 'unblock'; });
    submit.after(lift);
  }
  el.id = 'block-form';
  return el;
}

function disputePanel(panel, line, disputed, reload) {
  const action = h('input', { type: 'hidden', name: 'action', value: disputed ? 'undispute' : 'dispute' });
  const el = form([{ name: 'reason', label: t('fin.dispute.reason'), type: 'textarea', required: true }],
    disputed ? t('fin.dispute.end') : t('fin.dispute.start'), async (v) => {
      await api.post(`/payables/${line.payable_id}/${v.action}`, { reason: v.reason });
      announce(t(v.action === 'dispute' ? 'fin.dispute.done_start' : 'fin.dispute.done_end', { id: line.payable_id }));
      panel.replaceChildren();
      await reload();
    }, { extra: [action] });
  const submit = el.querySelector('button[type="submit"]');
  submit.addEventListener('click', () => { action.value = disputed ? 'undispute' : 'dispute'; });
  if (disputed === undefined) {
    const end = h('button', { type: 'submit' }, t('fin.dispute.end'));
    end.addEventListener('click', () => { action.value = 'undispute'; });
    submit.after(end);
  }
  el.querySelector('.actions').append(h('button', { type: 'button', onclick: () => panel.replaceChildren() }, t('ui.cancel')));
  panel.replaceChildren(section(t('fin.dispute.title', { id: line.payable_id, amount: money(line.amount_cents) }),
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

function linesTable(s, payables, ctx, panel, reload) {
  const disputedOf = (line) => {
    const p = payables.get(line.payable_id);
    return p && 'disputed_reason' in p ? Boolean(p.disputed_reason) : undefined;
  };
  const columns = [
    { key: 'payable_id', label: t('fin.run.payable'), format: (v) => `#${v}` },
    { key: 'date', label: t('fin.statement.date'), format: date },
    { key: 'type', label: t('fin.statement.type'), format: sourceText },
    { key: 'declaration', label: t('fin.statement.declaration') },
    { key: 'due_date', label: t('fin.statement.due'), format: date },
    { key: 'status', label: t('ui.status'), render: (l) => [statusBadge('payable', l.status),
      disputedOf(l) ? [' ', badge(t('fin.dispute.disputed'), 'bad')] : null] },
    { key: 'end_to_end_id', label: t('fin.run.e2e') },
    { key: 'paid_on', label: t('fin.statement.paid_on'), format: date },
    { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
  ];
  if (ctx.user.role === 'finance') {
    columns.push({ key: 'actions', label: t('ui.actions'), render: (l) => (l.status === 'open' ? h('button', {
      type: 'button', 'aria-label': t('fin.dispute.open_label', { id: l.payable_id }),
      onclick: () => disputePanel(panel, l, disputedOf(l), reload),
    }, t('fin.dispute.open')) : '') });
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
  const bar = quietProgress(t('fin.statement.csv_progress'));
  const feedback = h('div');
  const button = h('button', { type: 'button' }, t('fin.statement.csv'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    feedback.replaceChildren();
    try {
      await api.download(`/providers/${id}/statement${api.query({ ...period, format: 'csv' })}`,
        `statement-${id}-${period.from}-${period.to}.csv`, bar.update);
      bar.done();
    } catch (error) {
      if (!error || !error.code) throw error;
      feedback.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `${error.message} (${error.code})`));
    } finally {
      button.disabled = false;
    }
  });
  return [h('div', { class: 'actions' }, button), bar.el, feedback];
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
      [t('fin.providers.agb'), provider.agb], [t('fin.providers.kvk'), provider.kvk], [t('fin.run.iban'), provider.iban],
      [t('fin.block.state'), blockBadge(provider)],
      [t('fin.block.reason'), provider.blocked_reason || ''],
    ])),
  ];
  if (ctx.user.role === 'finance') {
    parts.push(section(t('fin.block.title'), h('p', { class: 'hint' }, t('fin.block.intro')), blockForm(provider, ctx)));
  }
  parts.push(section(t('fin.statement.title'), periodForm(ctx, period), statementBox, csvButton(id, period)), panel);
  page(main, `${provider.name} (${provider.agb})`, ...parts);
  const loader = () => Promise.all([api.get(`/providers/${id}/statement${api.query(period)}`),
    api.get(`/payables?provider_id=${id}&limit=1000`)]);
  const reload = () => load(statementBox, loader, ([s, list]) => {
    const payables = new Map(list.map((p) => [p.id, p]));
    return [totals(s),
    h('h3', {}, t('fin.statement.lines')), linesTable(s, payables, ctx, panel, reload),
    h('h3', {}, t('fin.statement.payments')), paymentsTable(s)];
  });
  await reload();
}

export default [
  { path: '/finance/providers', nav: 'fin.nav.providers', roles: ['finance', 'auditor'], render: providersScreen },
  { path: '/finance/providers/:id', roles: ['finance', 'auditor'], render: providerScreen },
];
