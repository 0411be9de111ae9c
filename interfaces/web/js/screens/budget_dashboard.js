// The budget dashboard: filters (year, municipality, district, team, month, threshold), the
// exhaustion of the selection as a chart with its tables, and one row per budget with its
// forecast and signal (GET /budgets/overview).
import * as api from '../api.js';
import { date, money } from '../format.js';
import { t } from '../i18n.js';
import { exportButton } from '../export_button.js';
import { h, form, link, load, page, section, table } from '../ui.js';
import { chartModel, exhaustionFigure, sumRows } from './budget_chart.js';
import {
  bpPercent, budgetName, financingText, loadRefs, monthName, municipalityName, options, scopeText,
  setOptions, signalBadge, signedBp, thisYear,
} from './budget_common.js';

function filterFrom(q) {
  const get = (k) => q.get(k) || '';
  return {
    year: get('year') || String(thisYear()), municipality: get('municipality'), district: get('district'),
    team: get('team'), month: get('month'), threshold: get('threshold'),
  };
}

const districtOptions = (refs, municipality) => options(
  refs.districts.filter((d) => !municipality || d.municipality_code === municipality),
  (d) => d.id, (d) => (municipality ? d.name : `${d.name} (${d.municipality_code})`), t('bud.filter.all_districts'));

const teamOptions = (refs, municipality, district) => options(
  refs.teams.filter((x) => (!district || String(x.district_id) === district) && (!municipality || x.municipality_code === municipality)),
  (x) => x.id, (x) => x.name, t('bud.filter.all_teams'));

function filterFields(f, refs) {
  const months = [{ value: '', label: t('bud.filter.today') }, ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t(`bud.month_long.${i + 1}`) }))];
  return [
    { name: 'year', label: t('bud.filter.year'), type: 'number', min: 2000, max: 2999, value: f.year, required: true },
    { name: 'municipality', label: t('bud.filter.municipality'), type: 'select', value: f.municipality,
      options: options(refs.municipalities, (m) => m.code, (m) => `${m.name} (${m.code})`, t('bud.filter.all_municipalities')) },
    { name: 'district', label: t('bud.filter.district'), type: 'select', value: f.district, options: districtOptions(refs, f.municipality) },
    { name: 'team', label: t('bud.filter.team'), type: 'select', value: f.team, options: teamOptions(refs, f.municipality, f.district) },
    { name: 'month', label: t('bud.filter.month'), type: 'select', value: f.month, options: months },
    { name: 'threshold', label: t('bud.filter.threshold'), value: f.threshold, inputmode: 'decimal', hint: t('bud.filter.threshold_hint') },
  ];
}

function filterForm(f, refs, ctx) {
  const el = form(filterFields(f, refs), t('bud.filter.show'), (v) => {
    ctx.navigate(`/budgets${api.query({ ...v, threshold: v.threshold.replace(',', '.') })}`);
  });
  el.classList.add('inline', 'bud-filter');
  el.setAttribute('aria-label', t('bud.filter.label'));
  const { municipality, district, team } = el.elements;
  municipality.addEventListener('change', () => {
    setOptions(district, districtOptions(refs, municipality.value));
    setOptions(team, teamOptions(refs, municipality.value, district.value));
  });
  district.addEventListener('change', () => setOptions(team, teamOptions(refs, municipality.value, district.value)));
  return el;
}

// The overview answers the selection's budgets a page at a time (X-Total-Count); the dashboard
// shows the first page of this many.
const kOverviewPage = 1000;

function selectionName(f, refs) {
  const district = refs.districts.find((d) => String(d.id) === f.district);
  const team = refs.teams.find((x) => String(x.id) === f.team);
  const parts = [f.municipality ? municipalityName(refs, f.municipality) : t('bud.filter.all_municipalities'),
    district && district.name, team && team.name].filter(Boolean);
  return parts.join(' · ');
}

function budgetColumns(data, refs, f) {
  const detail = (r) => `/budgets/${r.budget.id}${api.query({ date: data.report_date, threshold: f.threshold.replace(',', '.') })}`;
  return [
    { key: 'budget', label: t('bud.col.budget'), render: (r) => [link(detail(r), budgetName(r.budget)), h('br'),
      h('span', { class: 'hint' }, scopeText(r.budget, refs))] },
    { key: 'category', label: t('bud.col.category'), render: (r) => `${r.budget.product_category} · ${financingText(r.budget.financing_kind)}` },
    { key: 'amount_cents', label: t('bud.col.amount'), align: 'right', format: money },
    { key: 'exhaustion_cents', label: t('bud.col.exhaustion'), align: 'right',
      render: (r) => [money(r.exhaustion_cents), h('br'), h('span', { class: 'hint' }, bpPercent(r.exhaustion_bp))] },
    { key: 'remaining_cents', label: t('bud.col.remaining'), align: 'right', format: money },
    { key: 'forecast_cents', label: t('bud.col.forecast'), align: 'right', format: money },
    { key: 'deviation_bp', label: t('bud.col.deviation'), align: 'right', format: signedBp },
    { key: 'signal', label: t('bud.col.signal'), render: (r) => signalBadge(r.signal) },
  ];
}

// "Exporteren (Excel)": the selection's budgets as CSV for Dutch Excel (GET /exports/budgets.csv).
function exportSelection(f) {
  const q = api.query({
    year: f.year, municipality: f.municipality, district: f.district, team: f.team, month: f.month, threshold: f.threshold.replace(',', '.'),
  });
  return exportButton(`/exports/budgets.csv${q}`, `budgetoverzicht-${f.year}${f.municipality ? `-${f.municipality}` : ''}.csv`);
}

function overviewContent(data, f, refs) {
  const { rows } = data;
  const reportInfo = h('p', {}, t('bud.dash.report_info', {
    date: date(data.report_date), threshold: String(data.signal_threshold_percent).replace('.', ','),
  }), data.total > rows.length ? [' ', h('strong', {}, t('bud.dash.partial', { shown: rows.length, total: data.total }))] : null);
  if (rows.length === 0) return [reportInfo, h('p', { class: 'empty' }, t('bud.dash.none'))];
  const signals = rows.filter((r) => r.signal).length;
  const name = selectionName(f, refs);
  const model = chartModel(sumRows(rows), data.report_date, Number(data.year));
  return [
    reportInfo,
    section(t('bud.dash.selection', { name, year: data.year }),
      h('p', { class: 'bud-signal-count' }, signals > 0 ? t('bud.dash.signals', { n: signals, total: rows.length }) : t('bud.dash.no_signals', { total: rows.length })),
      exhaustionFigure(model, t('bud.chart.title_selection', { name, year: data.year }))),
    section(t('bud.dash.budgets'),
      table(budgetColumns(data, refs, f), rows, { caption: t('bud.dash.budgets_caption', { date: date(data.report_date) }) }),
      exportSelection(f)),
  ];
}

export async function renderDashboard(main, ctx) {
  const f = filterFrom(ctx.query);
  const refs = await loadRefs();
  const results = h('div', { class: 'bud-results' });
  const month = f.month ? ` · ${monthName(Number(f.month) - 1)}` : '';
  const intro = h('p', { class: 'hint' }, t('bud.dash.intro'),
    ctx.user.role === 'finance' ? [' ', link('/budgets/new', t('bud.new.link'))] : null);
  page(main, t('bud.dash.title'), intro, section(t('bud.filter.title'), filterForm(f, refs, ctx)), results);
  document.title = `${t('bud.dash.title')} ${f.year}${month} — zorgcontract`;
  await load(results, () => api.get(`/budgets/overview${api.query({
    year: f.year, municipality: f.municipality, district: f.district, team: f.team, month: f.month,
    threshold: f.threshold.replace(',', '.'), limit: kOverviewPage,
  })}`), (data) => overviewContent(data, f, refs));
}
