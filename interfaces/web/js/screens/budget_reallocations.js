// Budget reallocations: a budget holder requests moving money between two budgets of the same
// year (POST /budget-reallocations), everyone allowed sees the list, finance approves or rejects
// (POST /budget-reallocations/{id}/decision; never the requester: four eyes).
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { dateTime, money, parseAmount } from '../format.js';
import { t } from '../i18n.js';
import { announce, badge, form, h, link, load, page, section, table } from '../ui.js';
import { budgetName, budgetOption, loadRefs, scopeText } from './budget_common.js';

const STATUS_KIND = { requested: 'warn', approved: 'ok', rejected: 'bad' };

export function statusBadge(status) {
  return badge(t(`bud.realloc.status.${status}`), STATUS_KIND[status] || 'neutral');
}

function budgetCell(id, byId, refs) {
  const b = byId.get(id);
  if (!b) return `#${id}`;
  return h('span', {}, link(`/budgets/${b.id}`, budgetName(b)), h('br'), h('span', { class: 'hint' }, `${b.year} · ${scopeText(b, refs)}`));
}

function decisionCell(r) {
  if (!r.decided_at) return '—';
  return h('span', {}, dateTime(r.decided_at), r.decision_reason ? [h('br'), r.decision_reason] : null);
}

// The reallocations as a table; finance gets a link to decide the open ones.
export function reallocationTable(list, budgets, refs, ctx, empty) {
  const byId = new Map(budgets.map((b) => [b.id, b]));
  const columns = [
    { key: 'id', label: t('bud.realloc.col.id'), render: (r) => `#${r.id}` },
    { key: 'requested_at', label: t('bud.realloc.col.requested_at'), format: dateTime },
    { key: 'from', label: t('bud.realloc.col.from'), render: (r) => budgetCell(r.from_budget_id, byId, refs) },
    { key: 'to', label: t('bud.realloc.col.to'), render: (r) => budgetCell(r.to_budget_id, byId, refs) },
    { key: 'amount_cents', label: t('bud.realloc.col.amount'), align: 'right', format: money },
    { key: 'reason', label: t('bud.realloc.col.reason') },
    { key: 'status', label: t('ui.status'), render: (r) => statusBadge(r.status) },
    { key: 'decided', label: t('bud.realloc.col.decided'), render: decisionCell },
  ];
  if (ctx.user.role === 'finance') {
    columns.push({ key: 'action', label: t('ui.actions'), render: (r) => (r.status === 'requested'
      ? link(`/budget-reallocations/${r.id}`, t('bud.realloc.decide_link', { id: r.id })) : '') });
  }
  return table(columns, list, { caption: t('bud.realloc.caption'), empty, rowClass: (r) => `bud-realloc-${r.status}` });
}

function requestForm(budgets, refs, ctx) {
  const sorted = [...budgets].sort((a, b) => b.year - a.year || a.id - b.id);
  const opts = [{ value: '', label: t('bud.realloc.choose') }, ...sorted.map((b) => ({ value: b.id, label: budgetOption(b, refs) }))];
  return form([
    { name: 'from_budget_id', label: t('bud.realloc.from'), type: 'select', required: true, options: opts, value: ctx.query.get('from') || '' },
    { name: 'to_budget_id', label: t('bud.realloc.to'), type: 'select', required: true, options: opts, hint: t('bud.realloc.to_hint') },
    { name: 'amount_cents', label: t('bud.realloc.amount'), required: true, inputmode: 'decimal', hint: t('bud.realloc.amount_hint') },
    { name: 'reason', label: t('bud.realloc.reason'), type: 'textarea', required: true },
  ], t('bud.realloc.submit'), async (v) => {
    const cents = parseAmount(v.amount_cents);
    if (cents === null || cents <= 0) throw new ApiError(400, 'INVALID_AMOUNT', t('bud.err.amount'), 'amount_cents');
    const body = { from_budget_id: Number(v.from_budget_id) || 0, to_budget_id: Number(v.to_budget_id) || 0, amount_cents: cents, reason: v.reason };
    const r = await api.post('/budget-reallocations', body);
    announce(t('bud.realloc.requested_ok', { id: r.id, amount: money(r.amount_cents) }));
    ctx.navigate('/budget-reallocations');
  });
}

function statusFilter(ctx) {
  const status = ctx.query.get('status') || '';
  const el = form([{ name: 'status', label: t('ui.status'), type: 'select', value: status, options: [
    { value: '', label: t('bud.realloc.status.all') },
    ...['requested', 'approved', 'rejected'].map((s) => ({ value: s, label: t(`bud.realloc.status.${s}`) })),
  ] }], t('ui.filter'), (v) => ctx.navigate(`/budget-reallocations${api.query({ status: v.status })}`));
  el.classList.add('inline');
  el.setAttribute('aria-label', t('bud.realloc.filter_label'));
  return el;
}

export async function renderReallocations(main, ctx) {
  const [budgets, refs] = await Promise.all([api.get('/budgets?limit=1000'), loadRefs()]);
  const list = h('div', {});
  // A budget holder moves money only between budgets they hold (NOT_BUDGET_HOLDER otherwise).
  const held = budgets.filter((b) => b.budget_holder_user_id === ctx.user.user_id);
  const request = ctx.user.role === 'budget_holder'
    ? section(t('bud.realloc.request_title'), h('p', { class: 'hint' }, t('bud.realloc.request_intro')),
      held.length < 2 ? h('p', { class: 'empty' }, t('bud.realloc.too_few')) : requestForm(held, refs, ctx))
    : null;
  page(main, t('bud.realloc.title'), h('p', { class: 'hint' }, t('bud.realloc.intro')), ...[request].filter(Boolean),
    section(t('bud.realloc.list_title'), statusFilter(ctx), list));
  const status = ctx.query.get('status') || '';
  await load(list, () => api.get(`/budget-reallocations${api.query({ status, limit: 1000 })}`),
    (rows) => reallocationTable(rows, budgets, refs, ctx, t('bud.realloc.none')));
}

function decisionForm(r, ctx) {
  const el = form([
    { name: 'decision', label: t('bud.realloc.decision'), type: 'select', required: true, options: [
      { value: 'approve', label: t('bud.realloc.approve') }, { value: 'reject', label: t('bud.realloc.reject') }] },
    { name: 'reason', label: t('bud.realloc.decision_reason'), type: 'textarea', hint: t('bud.realloc.decision_reason_hint') },
  ], t('bud.realloc.decide'), async (v, formEl) => {
    try {
      const out = await api.post(`/budget-reallocations/${r.id}/decision`, v);
      announce(t('bud.realloc.decided_ok', { id: r.id, status: t(`bud.realloc.status.${out.status}`) }));
      ctx.navigate('/budget-reallocations');
    } catch (error) {
      if (error.code !== 'FOUR_EYES') throw error;
      // The shell's text for FOUR_EYES speaks of payment runs; say it for reallocations.
      const p = h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }, `${t('bud.err.four_eyes')} (${error.code})`);
      formEl.prepend(p);
      p.focus();
    }
  });
  return el;
}

export async function renderDecision(main, ctx) {
  const id = Number(ctx.params.id);
  const [all, budgets, refs] = await Promise.all([
    api.get('/budget-reallocations?limit=1000'), api.get('/budgets?limit=1000'), loadRefs()]);
  const r = all.find((x) => x.id === id);
  if (!r) throw new ApiError(404, 'NOT_FOUND', t('bud.realloc.not_found'));
  const byId = new Map(budgets.map((b) => [b.id, b]));
  const facts = h('dl', { class: 'facts' }, [
    [t('bud.realloc.col.requested_at'), dateTime(r.requested_at)],
    [t('bud.realloc.col.from'), budgetCell(r.from_budget_id, byId, refs)],
    [t('bud.realloc.col.to'), budgetCell(r.to_budget_id, byId, refs)],
    [t('bud.realloc.col.amount'), money(r.amount_cents)],
    [t('bud.realloc.col.reason'), r.reason],
    [t('ui.status'), statusBadge(r.status)],
  ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const canDecide = ctx.user.role === 'finance' && r.status === 'requested';
  page(main, t('bud.realloc.detail_title', { id }),
    h('p', {}, link('/budget-reallocations', t('bud.realloc.back'))),
    section(t('bud.realloc.details'), facts),
    ...(canDecide ? [section(t('bud.realloc.decide_title'), h('p', { class: 'hint' }, t('bud.realloc.four_eyes_hint')), decisionForm(r, ctx))] : []));
}

