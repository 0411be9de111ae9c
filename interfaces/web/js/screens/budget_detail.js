// One budget: its exhaustion on a report date (GET /budgets/{id}/exhaustion) as figures, the
// forecast and signal, the chart with its tables, and the reallocations that touch it.
import * as api from '../api.js';
import { date, integer, money } from '../format.js';
import { t } from '../i18n.js';
import { badge, facts, form, h, link, page, section } from '../ui.js';
import { amountSection } from './budget_amount.js';
import { chartModel, exhaustionFigure } from './budget_chart.js';
import {
  budgetName, financingText, loadRefs, scopeText, signalBadge, signedBp, thresholdText,
} from './budget_common.js';
import { reallocationTable } from './budget_reallocations.js';

function dateForm(ctx, data) {
  const el = form([
    { name: 'date', label: t('bud.detail.date'), type: 'date', value: data.report_date, required: true },
    { name: 'threshold', label: t('bud.filter.threshold'), value: thresholdText(data.signal_threshold_percent), inputmode: 'decimal' },
  ], t('bud.filter.show'), (v) => {
    ctx.navigate(`/budgets/${ctx.params.id}${api.query({ date: v.date, threshold: v.threshold.replace(',', '.') })}`);
  });
  el.classList.add('inline');
  el.setAttribute('aria-label', t('bud.detail.date_form'));
  return el;
}

// The forecast and the signal, in words and with a badge.
function signalSection(d) {
  const params = {
    forecast: money(d.forecast_cents), budget: money(d.amount_cents), deviation: signedBp(d.deviation_bp),
    threshold: thresholdText(d.signal_threshold_percent),
  };
  const runRate = d.run_rate_cents === null || d.run_rate_cents === undefined
    ? t('bud.detail.no_complete_month')
    : t('bud.detail.run_rate', { amount: money(d.run_rate_cents), months: integer(d.complete_months) });
  return section(t('bud.detail.forecast_title'),
    h('p', { class: 'bud-signal' }, signalBadge(d.signal), ' ', t(d.signal ? 'bud.detail.signal_text' : 'bud.detail.no_signal_text', params)),
    facts([
      [t('bud.series.forecast'), money(d.forecast_cents)],
      [t('bud.col.deviation'), signedBp(d.deviation_bp) || '—'],
      [t('bud.detail.run_rate_label'), runRate],
    ]),
    d.allocations_without_tariff > 0
      ? h('p', { class: 'bud-warning' }, badge(t('bud.detail.attention'), 'warn'), ' ', t('bud.detail.without_tariff', { n: integer(d.allocations_without_tariff) }))
      : null);
}

async function reallocationsSection(ctx, b, refs) {
  const [list, budgets] = await Promise.all([api.get('/budget-reallocations?limit=1000'), api.get('/budgets?limit=1000')]);
  const mine = list.filter((r) => r.from_budget_id === b.id || r.to_budget_id === b.id);
  const action = ctx.user.role === 'budget_holder'
    ? h('p', {}, link(`/budget-reallocations?from=${b.id}`, t('bud.detail.request_link'))) : null;
  return section(t('bud.detail.reallocations'), action,
    reallocationTable(mine, budgets, refs, ctx, t('bud.detail.reallocations_none')));
}

export async function renderBudget(main, ctx) {
  const q = api.query({ date: ctx.query.get('date'), threshold: ctx.query.get('threshold') });
  let d;
  try {
    d = await api.get(`/budgets/${ctx.params.id}/exhaustion${q}`);
  } catch (error) {
    if (error.code !== 'NOT_FOUND') throw error;
    page(main, t('bud.detail.not_found'), h('p', {}, link('/budgets', t('bud.detail.back'))));
    return;
  }
  const refs = await loadRefs();
  const b = d.budget;
  const title = budgetName(b);
  const back = `/budgets${api.query({ year: b.year, municipality: b.municipality_code })}`;
  page(main, title,
    h('p', {}, link(back, t('bud.detail.back'))),
    section(t('bud.detail.about'), facts([
      [t('bud.col.scope'), scopeText(b, refs)],
      [t('bud.filter.year'), String(b.year)],
      [t('bud.col.category'), b.product_category],
      [t('bud.new.financing'), financingText(b.financing_kind)],
      [t('bud.col.amount'), money(b.amount_cents)],
      [t('bud.detail.report_date'), date(d.report_date)],
    ]), dateForm(ctx, d)),
    amountSection(b, ctx),
    signalSection(d),
    section(t('bud.detail.chart_title'), exhaustionFigure(chartModel(d, d.report_date, b.year),
      t('bud.chart.title_budget', { name: title, year: b.year, date: date(d.report_date) }))),
    await reallocationsSection(ctx, b, refs));
}
