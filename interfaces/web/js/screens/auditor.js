// The auditor's screens: the audit trail with filters and pages, and the verification of its
// hash chain. Admins may open both (the API allows them).
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { dateTime, integer } from '../format.js';
import { localizer, t } from '../i18n.js';
import { badge, form, h, link, load, page, section, showError, table, uid } from '../ui.js';
import { pageStatus } from '../paged_list.js';
import { PAGE_SIZE, facts, offsetOf, tOr, withQuery } from './ao_common.js';
import './aud_strings.js';

const READERS = ['auditor', 'admin'];
const TEXT_FILTERS = ['actor', 'action', 'object_type', 'object_id'];
// Days in Amsterdam (both included) of the row's time, as the times are shown.
const DATE_FILTERS = ['from', 'to'];
const FILTERS = [...TEXT_FILTERS, ...DATE_FILTERS];
const { localized, fieldError } = localizer('aud');

// Suggestions for the filters (free text is allowed: the server filters on exact values).
const ACTIONS = [
  'auth.login', 'auth.logout', 'access.denied', 'client.create', 'client.read', 'decision.create',
  'allocation.create', 'allocation.change', 'allocation.end', 'message.receive', 'message.queue',
  'message.acknowledge', 'declaration.receive', 'contract.create', 'contract.status', 'contract.indexation',
  'procedure.create', 'application.submit', 'application.assess', 'provider.create', 'api_key.issue',
  'api_key.revoke', 'payment_run.prepare', 'payment_run.approve', 'bank_statement.import', 'bank_entry.resolve',
  'budget.create', 'budget_reallocation.request', 'settlement.create', 'user.create', 'export.csv',
];
const OBJECT_TYPES = [
  'user', 'endpoint', 'client', 'decision', 'allocation', 'message', 'request', 'declaration', 'contract',
  'procedure', 'application', 'provider', 'payable', 'payment_run', 'bank_statement', 'bank_entry', 'budget',
  'budget_reallocation', 'settlement', 'municipality', 'product', 'district', 'team', 'export',
];

// Attaches a <datalist> of suggestions to the named input of a form.
function suggest(formEl, name, values) {
  const input = formEl.querySelector(`[name="${name}"]`);
  const id = uid(`${name}-list`);
  input.setAttribute('list', id);
  input.after(h('datalist', { id }, values.map((v) => h('option', { value: v }))));
}

function filterFields(ctx) {
  return [
    ...TEXT_FILTERS.map((name) => ({ name, label: t(`aud.filter.${name}`), value: ctx.query.get(name) || '', autocomplete: 'off' })),
    ...DATE_FILTERS.map((name) => ({ name, label: t(`aud.filter.${name}`), type: 'date', value: ctx.query.get(name) || '' })),
  ];
}

// A day range that ends before it starts would silently find nothing: say so next to "to".
function submitFilters(ctx, v) {
  if (v.from && v.to && v.from > v.to) throw fieldError('INVALID_PERIOD', 'to');
  ctx.navigate(withQuery('/audit', v));
}

function filterForm(ctx) {
  const el = form(filterFields(ctx), t('ui.filter'), (v) => submitFilters(ctx, v),
    { extra: [h('p', { class: 'hint' }, t('aud.filter.hint'))] });
  el.classList.add('inline');
  el.setAttribute('aria-label', t('aud.filter.label'));
  suggest(el, 'action', ACTIONS);
  suggest(el, 'object_type', OBJECT_TYPES);
  const clear = link('/audit', t('aud.filter.clear'));
  el.querySelector('.actions').append(clear);
  return el;
}

function resultBadge(result) {
  const kind = result === 'ok' ? 'ok' : result === 'denied' || result === 'failed' ? 'bad' : 'warn';
  return badge(tOr(`aud.result.${result}`, result), kind);
}

// The object as a link to its own history (and to its page for clients and allocations).
function objectCell(row) {
  const text = `${tOr(`aud.type.${row.object_type}`, row.object_type)} ${row.object_id}`;
  const history = link(withQuery('/audit', { object_type: row.object_type, object_id: row.object_id }), text);
  const pages = { client: `/clients/${row.object_id}`, allocation: `/allocations/${row.object_id}` };
  const own = pages[row.object_type] && /^\d+$/.test(row.object_id) ? link(pages[row.object_type], t('aud.open')) : null;
  return own ? [history, ' (', own, ')'] : history;
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return String(json);
  }
}

// Long JSON and hashes wrap inside the table cell instead of widening the table.
function wrapping(el) {
  el.style.whiteSpace = 'pre-wrap';
  el.style.overflowWrap = 'anywhere';
  return el;
}

function detailsCell(row) {
  if (!row.before && !row.after) return '';
  return h('details', {}, h('summary', {}, t('aud.changes')),
    row.before ? [h('h3', {}, t('aud.before')), wrapping(h('pre', {}, pretty(row.before)))] : null,
    row.after ? [h('h3', {}, t('aud.after')), wrapping(h('pre', {}, pretty(row.after)))] : null,
    h('p', { class: 'hint' }, `${t('aud.hash')}: `, wrapping(h('code', {}, row.hash))));
}

// The name as it was then, with the role and id the row recorded (none on rows before 0035).
function actorCell(row) {
  if (!row.actor_role) return row.actor;
  const role = tOr(`role.${row.actor_role}`, row.actor_role);
  const who = row.actor_id ? `${role} #${row.actor_id}` : role;
  return [row.actor, h('br', {}), h('span', { class: 'hint' }, who)];
}

function trailTable(rows) {
  return table([
    { key: 'seq', label: t('aud.seq'), align: 'right', format: integer },
    { key: 'at', label: t('aud.at'), format: dateTime },
    { key: 'actor', label: t('aud.actor'), render: actorCell },
    { key: 'action', label: t('aud.action'), render: (r) => h('code', {}, r.action) },
    { key: 'object', label: t('aud.object'), render: objectCell },
    { key: 'result', label: t('aud.result'), render: (r) => resultBadge(r.result) },
    { key: 'origin', label: t('aud.origin') },
    { key: 'details', label: t('aud.details'), render: detailsCell },
  ], rows, { caption: t('aud.caption'), empty: t('aud.empty') });
}

async function renderTrail(main, ctx) {
  const offset = offsetOf(ctx);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, ctx.query.get(k) || '']));
  const body = h('div', {});
  // The form is painted before anything loads: what is typed into it is never painted over.
  const filterEl = filterForm(ctx);
  page(main, t('aud.trail.title'), h('p', {}, t('aud.trail.intro')),
    section(t('aud.filter.label'), filterEl),
    exportButton(`/exports/audit.csv${api.query(filters)}`, 'audittrail.csv'), section(t('aud.rows'), body));
  api.get('/users?sort=username&limit=1000').then((users) => suggest(filterEl, 'actor', users.map((u) => u.username)), () => {});
  // The page with the trail's total (X-Total-Count): "1–50 van 2.000".
  await load(body, () => loadRows(filterEl, { ...filters, limit: PAGE_SIZE, offset }), (rows) => (rows ? [
    pageStatus(offset, rows.items.length, rows.total, (o) => ctx.navigate(withQuery('/audit', { ...filters, offset: o }))),
    trailTable(rows.items),
  ] : h('p', { class: 'hint' }, t('aud.filter.fix'))));
}

// The page ({items, total}), or null when the server refused a filter: its error is then shown next to that
// field of the filter form (e.g. INVALID_DATE on "from" for a date typed into the address).
async function loadRows(filterEl, params) {
  try {
    return await api.getPage(withQuery('/audit', params));
  } catch (error) {
    if (!error || !DATE_FILTERS.includes(error.field)) throw error;
    showError(filterEl, localized(error));
    return null;
  }
}

// Where a row lies in the unfiltered trail (newest first), to link to its page.
async function offsetOfSeq(seq) {
  const [newest] = await api.get('/audit?limit=1');
  if (!newest) return 0;
  const index = Math.max(0, newest.seq - seq);
  return index - (index % PAGE_SIZE);
}

async function verification(v) {
  const ok = v.ok === true;
  const items = [
    [t('aud.verify.state'), badge(t(ok ? 'aud.verify.intact' : 'aud.verify.broken'), ok ? 'ok' : 'bad')],
    [t('aud.verify.rows'), integer(v.rows_checked)],
    [t('aud.verify.checked_at'), dateTime(new Date().toISOString())],
  ];
  if (!ok) {
    const offset = await offsetOfSeq(v.first_bad_seq).catch(() => 0);
    items.push([t('aud.verify.first_bad'), link(withQuery('/audit', { offset }), integer(v.first_bad_seq))]);
    items.push([t('aud.verify.problem'), tOr(`aud.problem.${v.problem}`, v.problem || '')]);
  }
  return [facts(items), h('p', { class: ok ? 'hint' : 'form-error', role: ok ? null : 'alert' },
    t(ok ? 'aud.verify.ok_text' : 'aud.verify.broken_text', { rows: integer(v.rows_checked), seq: integer(v.first_bad_seq) }))];
}

async function renderVerify(main) {
  const result = h('div', { 'aria-live': 'polite', id: 'verify-result' });
  result.style.marginTop = '1rem';
  const button = h('button', { type: 'button', class: 'primary' }, t('aud.verify.run'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await load(result, async () => verification(await api.get('/audit/verify')), (nodes) => nodes);
    } finally {
      button.disabled = false;
    }
  });
  page(main, t('aud.verify.title'), h('p', {}, t('aud.verify.intro')),
    section(t('aud.verify.section'), h('div', { class: 'actions' }, button), result));
}

export default [
  { path: '/audit', nav: 'aud.nav.trail', roles: READERS, render: renderTrail },
  { path: '/audit/verify', nav: 'aud.nav.verify', roles: READERS, render: renderVerify },
];
