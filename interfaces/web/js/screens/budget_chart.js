// The exhaustion chart, drawn as SVG without a library: per month the cumulative realised claims
// (paid + accepted) as bars, a last column with the state on the report date stacked as paid,
// accepted-unpaid and committed, the budget as a solid line and the year-end forecast as a
// dashed one. Series differ by pattern and are named in a legend; the same figures follow as
// tables (the accessible alternative).
import { date, integer, money } from '../format.js';
import { t } from '../i18n.js';
import { h, svg, uid } from '../ui.js';
import { bpPercent, monthName } from './budget_common.js';

const W = 760;
const H = 380;
const M = { top: 28, right: 20, bottom: 56, left: 100 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const SLOTS = 13; // 12 months and the state on the report date

const COLOURS = { realised: '#154273', paid: '#1e6b2f', accepted: '#154273', committed: '#8a4b00', budget: '#1b1b1b', forecast: '#a4141b' };

// The figures the chart and its tables need, from an exhaustion report (or summed rows).
export function chartModel(fig, reportDate, budgetYear) {
  const monthly = (fig.monthly_realised || []).map((m) => Number(m.accepted_cents));
  while (monthly.length < 12) monthly.push(0);
  const [ry, rm] = reportDate.split('-').map(Number);
  const lastMonth = ry > budgetYear ? 11 : ry < budgetYear ? -1 : rm - 1;
  let running = 0;
  const cumulative = monthly.map((v) => (running += v));
  return {
    monthly, cumulative, lastMonth, reportDate, budgetYear,
    amount: Number(fig.amount_cents), paid: Number(fig.paid_cents), accepted: Number(fig.accepted_unpaid_cents),
    committed: Number(fig.committed_cents), exhaustion: Number(fig.exhaustion_cents),
    remaining: Number(fig.remaining_cents), forecast: Number(fig.forecast_cents),
    exhaustionBp: fig.exhaustion_bp, realised: Number(fig.realised_cents),
  };
}

// A round step for about five grid lines, in cents (at least one euro).
function niceStep(max) {
  const raw = Math.max(max, 500) / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = [1, 2, 2.5, 5, 10].find((x) => x * pow >= raw);
  return Math.max(100, Math.ceil((f * pow) / 100) * 100);
}

// Axis labels in Dutch notation: "€ 150.000" (whole euros) or "€ 2,50".
function tickLabel(cents) {
  return cents % 100 === 0 ? `€ ${integer(cents / 100)}` : money(cents);
}

function patterns(ids) {
  return svg('defs', {},
    svg('pattern', { id: ids.hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, fill: '#e8eef5' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: COLOURS.accepted, 'stroke-width': 3 })),
    svg('pattern', { id: ids.dots, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
      svg('rect', { width: 6, height: 6, fill: '#fdf1e0' }),
      svg('circle', { cx: 3, cy: 3, r: 1.6, fill: COLOURS.committed })));
}

// Fill and outline of each bar series.
function seriesStyle(ids) {
  return {
    realised: { fill: COLOURS.realised, stroke: COLOURS.realised },
    paid: { fill: COLOURS.paid, stroke: COLOURS.paid },
    accepted: { fill: `url(#${ids.hatch})`, stroke: COLOURS.accepted },
    committed: { fill: `url(#${ids.dots})`, stroke: COLOURS.committed },
  };
}

function yAxis(scale, max, step) {
  const out = [];
  for (let v = 0; v <= max; v += step) {
    const y = scale(v);
    out.push(svg('line', { x1: M.left, x2: W - M.right, y1: y, y2: y, stroke: '#d0d0d0', 'stroke-width': 1 }),
      svg('text', { x: M.left - 8, y: y + 4, 'text-anchor': 'end' }, tickLabel(v)));
  }
  return svg('g', { class: 'bud-axis-y' }, out);
}

function xAxis(model, slotX, slotW) {
  const labels = [];
  for (let i = 0; i < 12; i++) {
    labels.push(svg('text', { x: slotX(i) + slotW / 2, y: H - M.bottom + 18, 'text-anchor': 'middle' }, monthName(i)));
  }
  const x = slotX(12) + slotW / 2;
  labels.push(svg('text', { x, y: H - M.bottom + 18, 'text-anchor': 'middle', 'font-weight': 'bold' }, t('bud.chart.state')),
    svg('text', { x, y: H - M.bottom + 34, 'text-anchor': 'middle' }, date(model.reportDate).slice(0, 5)));
  return svg('g', { class: 'bud-axis-x' },
    svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, stroke: COLOURS.budget, 'stroke-width': 1 }),
    labels);
}

function bar(kind, style, x, y0, y1, width, tip) {
  return svg('rect', {
    class: `bud-bar bud-${kind}`, x, y: Math.min(y0, y1), width, height: Math.abs(y0 - y1),
    fill: style.fill, stroke: style.stroke, 'stroke-width': 1,
  }, svg('title', {}, tip));
}

function monthBars(model, styles, scale, slotX, slotW) {
  const bw = slotW * 0.62;
  const out = [];
  for (let i = 0; i <= model.lastMonth; i++) {
    const tip = `${monthName(i)}: ${t('bud.series.realised')} ${money(model.cumulative[i])}`;
    out.push(bar('realised', styles.realised, slotX(i) + (slotW - bw) / 2, scale(0), scale(model.cumulative[i]), bw, tip));
  }
  return svg('g', { class: 'bud-months' }, out);
}

// The last column: paid, accepted-unpaid and committed stacked to the exhaustion.
function stateBar(model, styles, scale, slotX, slotW) {
  const bw = slotW * 0.62;
  const x = slotX(12) + (slotW - bw) / 2;
  let base = 0;
  const parts = [['paid', model.paid], ['accepted', model.accepted], ['committed', model.committed]].map(([kind, v]) => {
    const from = base;
    base += Math.max(v, 0);
    return bar(kind, styles[kind], x, scale(from), scale(base), bw, `${t(`bud.series.${kind}`)}: ${money(v)}`);
  });
  return svg('g', { class: 'bud-state' }, parts);
}

// Budget (solid) and forecast (dashed) as horizontal lines, each with its label in text.
function referenceLines(model, scale) {
  const yb = scale(model.amount);
  const yf = scale(model.forecast);
  const close = Math.abs(yb - yf) < 16;
  return svg('g', { class: 'bud-lines' },
    svg('line', { class: 'bud-budget-line', x1: M.left, x2: W - M.right, y1: yb, y2: yb, stroke: COLOURS.budget, 'stroke-width': 2.5 }),
    svg('text', { x: M.left + 6, y: yb - 6 }, `${t('bud.series.budget')} ${money(model.amount)}`),
    svg('line', { class: 'bud-forecast-line', x1: M.left, x2: W - M.right, y1: yf, y2: yf, stroke: COLOURS.forecast, 'stroke-width': 2.5, 'stroke-dasharray': '9 5' }),
    svg('text', { x: W - M.right - 6, y: close && yf >= yb ? yf + 16 : yf - 6, 'text-anchor': 'end' }, `${t('bud.series.forecast')} ${money(model.forecast)}`));
}

function description(model) {
  return t('bud.chart.desc', {
    budget: money(model.amount), exhaustion: money(model.exhaustion), pct: bpPercent(model.exhaustionBp),
    paid: money(model.paid), accepted: money(model.accepted), committed: money(model.committed),
    forecast: money(model.forecast), date: date(model.reportDate),
  });
}

export function chartSvg(model, title) {
  const ids = { hatch: uid('bud-hatch'), dots: uid('bud-dots'), title: uid('bud-title'), desc: uid('bud-desc') };
  const top = Math.max(model.amount, model.forecast, model.exhaustion, model.paid + model.accepted + model.committed, ...model.cumulative, 0);
  const step = niceStep(top * 1.08);
  const max = Math.ceil((top * 1.08) / step) * step || step;
  const scale = (v) => M.top + PLOT_H - (Math.max(v, 0) / max) * PLOT_H;
  const slotW = PLOT_W / SLOTS;
  const slotX = (i) => M.left + i * slotW;
  const styles = seriesStyle(ids);
  const el = svg('svg', {
    class: 'chart bud-chart', role: 'img', 'aria-label': title, 'aria-describedby': ids.desc,
    viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'font-family': 'inherit',
  },
  svg('title', { id: ids.title }, title), svg('desc', { id: ids.desc }, description(model)),
  patterns(ids), yAxis(scale, max, step), xAxis(model, slotX, slotW),
  monthBars(model, styles, scale, slotX, slotW), stateBar(model, styles, scale, slotX, slotW),
  referenceLines(model, scale));
  el.style.width = '100%';
  el.style.maxWidth = `${W * 1.3}px`;
  return { el, ids, styles };
}

// A small sample of each series for the legend.
function swatch(kind, styles) {
  const line = kind === 'budget' || kind === 'forecast';
  return svg('svg', { width: 28, height: 16, viewBox: '0 0 28 16', 'aria-hidden': 'true', focusable: 'false', class: 'bud-swatch' },
    line
      ? svg('line', { x1: 1, x2: 27, y1: 8, y2: 8, stroke: COLOURS[kind], 'stroke-width': 3, 'stroke-dasharray': kind === 'forecast' ? '7 4' : null })
      : svg('rect', { x: 1, y: 1, width: 26, height: 14, fill: styles[kind].fill, stroke: styles[kind].stroke }));
}

export function legend(styles) {
  const kinds = ['realised', 'paid', 'accepted', 'committed', 'budget', 'forecast'];
  return h('ul', { class: 'legend bud-legend', 'aria-label': t('bud.chart.legend') },
    kinds.map((k) => h('li', { dataset: { series: k } }, swatch(k, styles), ' ', t(`bud.legend.${k}`))));
}

// Row-headed table: [[label, value], ...]
export function factsTable(caption, rows) {
  const wrap = h('div', { class: 'table-wrap' }, h('table', { class: 'bud-facts' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('bud.table.figure')), h('th', { scope: 'col', class: 'num' }, t('bud.table.amount')))),
    h('tbody', {}, rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value))))));
  return wrap;
}

function monthTable(model) {
  const future = (i) => i > model.lastMonth;
  const wrap = h('div', { class: 'table-wrap' }, h('table', { class: 'bud-months-table' },
    h('caption', {}, t('bud.table.months_caption', { year: model.budgetYear })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('bud.table.month')),
      h('th', { scope: 'col', class: 'num' }, t('bud.table.realised_month')),
      h('th', { scope: 'col', class: 'num' }, t('bud.table.realised_cumulative')))),
    h('tbody', {}, model.monthly.map((v, i) => h('tr', {},
      h('th', { scope: 'row' }, t(`bud.month_long.${i + 1}`)),
      h('td', { class: 'num' }, future(i) ? t('bud.table.future') : money(v)),
      h('td', { class: 'num' }, future(i) ? t('bud.table.future') : money(model.cumulative[i])))))));
  return wrap;
}

export function stateRows(model) {
  return [
    [t('bud.series.paid'), money(model.paid)],
    [t('bud.series.accepted'), money(model.accepted)],
    [t('bud.series.committed'), money(model.committed)],
    [t('bud.fig.exhaustion'), `${money(model.exhaustion)}${model.exhaustionBp === null || model.exhaustionBp === undefined ? '' : ` (${bpPercent(model.exhaustionBp)})`}`],
    [t('bud.series.budget'), money(model.amount)],
    [t('bud.fig.remaining'), money(model.remaining)],
    [t('bud.series.forecast'), money(model.forecast)],
  ];
}

// The chart with its legend and the same figures as tables.
export function exhaustionFigure(model, title) {
  const { el, styles } = chartSvg(model, title);
  return h('figure', { class: 'bud-figure' },
    h('div', { class: 'bud-chart-wrap' }, el),
    legend(styles),
    h('figcaption', { class: 'hint' }, t('bud.chart.caption')),
    h('div', { class: 'grid bud-tables' },
      factsTable(t('bud.table.state_caption', { date: date(model.reportDate) }), stateRows(model)),
      monthTable(model)));
}

// Sums the figures of several overview rows (a municipality, district or team selection).
export function sumRows(rows) {
  const keys = ['amount_cents', 'paid_cents', 'accepted_unpaid_cents', 'committed_cents', 'exhaustion_cents', 'remaining_cents', 'forecast_cents', 'realised_cents'];
  const out = Object.fromEntries(keys.map((k) => [k, 0]));
  const monthly = Array(12).fill(0);
  for (const r of rows) {
    for (const k of keys) out[k] += Number(r[k]);
    (r.monthly_realised || []).forEach((m, i) => { monthly[i] += Number(m.accepted_cents); });
  }
  out.monthly_realised = monthly.map((v) => ({ accepted_cents: v }));
  out.exhaustion_bp = out.amount_cents > 0 ? Math.round((out.exhaustion_cents * 10000) / out.amount_cents) : null;
  return out;
}

