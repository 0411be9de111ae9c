// The provider's own declarations (GET /declarations, newest first), paged by the server, with
// a search, a status filter and sortable columns; each links to its lines at
// /provider/declarations/:id.
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { dateTime, money } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { h, link, page, section } from '../ui.js';
import {
  codeMeaning, periodText, ROLES, statusBadge, tOr,
} from './provider_common.js';

const LIST = '/provider/declarations';

// The header code with its meaning, only when it says more than "0200 approved".
function codeCell(d) {
  if (!d.header_code || d.header_code === '0200') return '';
  return h('span', { title: codeMeaning(d.header_code) }, d.header_code, ` — ${codeMeaning(d.header_code)}`);
}

function awarded(d) {
  if (d.awarded_cents !== null && d.awarded_cents !== undefined) return money(d.awarded_cents);
  return d.status === 'awaiting_review' ? t('prov.declarations.pending', { date: d.answer_due ? d.answer_due.split('-').reverse().join('-') : '' }) : '';
}

const STATUSES = ['answered', 'awaiting_review', 'rejected'];

// The provider's declarations, paged by the server (newest first), with a search (number), a
// status filter and sortable columns.
function declarationsList(ctx) {
  return pagedList(ctx, {
    path: (params) => `/declarations${api.query(params)}`,
    searchLabel: t('prov.declarations.search_label'),
    searchHint: t('prov.declarations.search_hint'),
    filters: [{ name: 'status', label: t('prov.col.status'), options: STATUSES.map((st) => ({ value: st, label: t(`prov.declaration.status.${st}`) })) }],
    columns: [
      { label: t('prov.col.declaration_number'), sortBy: 'number', render: (d) => link(`${LIST}/${d.declaration_id}`, d.number) },
      { label: t('prov.col.period'), sortBy: 'period_start', render: (d) => periodText(d.period_start, d.period_end) },
      { label: t('prov.declaration.source'), render: (d) => tOr(`prov.source.${d.source}`, d.source) },
      { label: t('prov.col.received'), sortBy: 'received_at', render: (d) => dateTime(d.received_at) },
      { label: t('prov.answer.submitted'), align: 'right', sortBy: 'submitted_cents', render: (d) => money(d.submitted_cents) },
      { label: t('prov.answer.awarded'), align: 'right', sortBy: 'awarded_cents', render: awarded },
      { label: t('prov.col.status'), sortBy: 'status', render: (d) => statusBadge('prov.declaration.status.', d.status) },
      { label: t('prov.col.codes'), render: codeCell },
    ],
    caption: t('prov.declarations.caption'),
    empty: t('prov.declarations.none'),
  });
}

async function renderDeclarations(main, ctx) {
  page(main, t('prov.declarations.title'), h('p', {}, t('prov.declarations.intro')),
    section(t('prov.declarations.list'), exportButton('/exports/declarations.csv', 'declaraties.csv'), declarationsList(ctx)));
}

export default [
  { path: LIST, nav: 'prov.nav.declarations', roles: ROLES, render: renderDeclarations },
];
