// The provider's own declarations (GET /declarations, newest first), page by page, with a
// search by declaration number; each links to its lines at /provider/declarations/:id.
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { dateTime, integer, money } from '../format.js';
import { t } from '../i18n.js';
import { form, h, link, load, page, section, table } from '../ui.js';
import {
  codeMeaning, periodText, ROLES, statusBadge, tOr,
} from './provider_common.js';

const PAGE_SIZE = 50;
const LIST = '/provider/declarations';

// The number looked up, or one page of all declarations (one more asked to know if there is a next).
async function fetchPage(number, offset) {
  const rows = await api.get(`/declarations${api.query({ number, limit: PAGE_SIZE + 1, offset: number ? '' : offset })}`);
  return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE };
}

// The header code with its meaning, only when it says more than "0200 approved".
function codeCell(d) {
  if (!d.header_code || d.header_code === '0200') return '';
  return h('span', { title: codeMeaning(d.header_code) }, d.header_code, ` — ${codeMeaning(d.header_code)}`);
}

function awarded(d) {
  if (d.awarded_cents !== null && d.awarded_cents !== undefined) return money(d.awarded_cents);
  return d.status === 'awaiting_review' ? t('prov.declarations.pending', { date: d.answer_due ? d.answer_due.split('-').reverse().join('-') : '' }) : '';
}

function declarationsTable(rows, number) {
  return table([
    { label: t('prov.col.declaration_number'), render: (d) => link(`${LIST}/${d.declaration_id}`, d.number) },
    { label: t('prov.col.period'), render: (d) => periodText(d.period_start, d.period_end) },
    { label: t('prov.declaration.source'), render: (d) => tOr(`prov.source.${d.source}`, d.source) },
    { label: t('prov.col.received'), render: (d) => dateTime(d.received_at) },
    { label: t('prov.answer.submitted'), align: 'right', render: (d) => money(d.submitted_cents) },
    { label: t('prov.answer.awarded'), align: 'right', render: awarded },
    { label: t('prov.col.status'), render: (d) => statusBadge('prov.declaration.status.', d.status) },
    { label: t('prov.col.codes'), render: codeCell },
  ], rows, {
    caption: t('prov.declarations.caption'),
    empty: number ? t('prov.declarations.none_number', { number }) : t('prov.declarations.none'),
  });
}

// "Newer" / "older" links between pages, with the range shown.
function pager(offset, count, more) {
  if (offset === 0 && !more) return null;
  return h('nav', { class: 'actions', 'aria-label': t('prov.declarations.pages') },
    offset > 0 ? link(`${LIST}${api.query({ offset: Math.max(0, offset - PAGE_SIZE) || '' })}`, t('prov.declarations.newer')) : null,
    h('span', {}, t('prov.declarations.range', { from: integer(offset + 1), to: integer(offset + count) })),
    more ? link(`${LIST}${api.query({ offset: offset + PAGE_SIZE })}`, t('prov.declarations.older')) : null);
}

function searchForm(ctx, number) {
  const el = form([
    { name: 'number', label: t('prov.upload.number'), value: number, autocomplete: 'off', hint: t('prov.declarations.search_hint') },
  ], t('prov.declarations.search'), async (v) => {
    ctx.navigate(`${LIST}${api.query({ number: v.number })}`);
  });
  el.classList.add('inline');
  el.id = 'declaration-search';
  return el;
}

async function renderDeclarations(main, ctx) {
  const number = (ctx.query.get('number') || '').trim();
  const offset = Math.max(0, Number.parseInt(ctx.query.get('offset') || '0', 10) || 0);
  const body = h('div');
  page(main, t('prov.declarations.title'), h('p', {}, t('prov.declarations.intro')),
    h('div', { class: 'card' }, searchForm(ctx, number), number ? h('p', {}, link(LIST, t('prov.declarations.all'))) : null),
    section(t('prov.declarations.list'),
      exportButton(`/exports/declarations.csv${api.query({ number })}`, 'declaraties.csv'), body));
  await load(body, () => fetchPage(number, offset), ({ rows, more }) => [
    declarationsTable(rows, number),
    number ? null : pager(offset, rows.length, more),
  ]);
}

export default [
  { path: LIST, nav: 'prov.nav.declarations', roles: ROLES, render: renderDeclarations },
];
