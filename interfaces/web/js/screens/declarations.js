// The staff's declarations (contract manager, finance, auditor: GET /declarations and
// /declarations/{id}/lines): the list of every declaration in the user's municipalities, paged
// by the server, and one declaration's screen with its head and its lines page by page. A
// line's outcome and retourcodes are rendered as on the provider's screen (provider_money.js);
// a line still in review links to its review item (contract manager, auditor).
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { date, dateTime, money } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { h, link, load, page, section } from '../ui.js';
import './declarations_strings.js';
import {
  codeList, facts, municipalityMap, municipalityText, periodText, statusBadge, tOr,
} from './provider_common.js';
import { declarationLinesList, lineStatus } from './provider_money.js';

const STAFF = ['contract_manager', 'finance', 'auditor'];
// Who may open an allocation and a review item (the API's roles).
const ALLOCATION_READERS = ['contract_manager', 'auditor'];
const REVIEW_READERS = ['contract_manager', 'auditor'];
const LIST = '/declarations';
const STATUSES = ['answered', 'awaiting_review', 'rejected'];

const providerText = (d) => t('decl.provider', { name: d.provider_name, agb: d.provider_agb });

// What was awarded (while lines await review: so far); without an amount, when it is due.
function awarded(d) {
  if (d.awarded_cents !== null && d.awarded_cents !== undefined) return money(d.awarded_cents);
  return d.status === 'awaiting_review' ? t('decl.pending', { date: date(d.answer_due) }) : '';
}

// The header code with its meaning, only when it says more than "0200 approved".
const headerCode = (d) => (d.header_code && d.header_code !== '0200' ? codeList([d.header_code]) : '');

function declarationsList(ctx, municipalities) {
  return pagedList(ctx, {
    path: (params) => `${LIST}${api.query(params)}`,
    searchLabel: t('decl.list.search'),
    searchHint: t('decl.list.search_hint'),
    filters: [{ name: 'status', label: t('prov.col.status'), options: STATUSES.map((s) => ({ value: s, label: t(`prov.declaration.status.${s}`) })) }],
    columns: [
      { label: t('prov.col.declaration_number'), sortBy: 'number', render: (d) => link(`${LIST}/${d.declaration_id}`, d.number) },
      { label: t('decl.col.provider'), sortBy: 'provider_name', render: providerText },
      { label: t('decl.col.municipality'), render: (d) => municipalityText(municipalities, d.municipality_code) },
      { label: t('prov.col.period'), sortBy: 'period_start', render: (d) => periodText(d.period_start, d.period_end) },
      { label: t('prov.col.received'), sortBy: 'received_at', render: (d) => dateTime(d.received_at) },
      { label: t('prov.answer.submitted'), align: 'right', sortBy: 'submitted_cents', render: (d) => money(d.submitted_cents) },
      { label: t('prov.answer.awarded'), align: 'right', sortBy: 'awarded_cents', render: awarded },
      { label: t('prov.col.status'), sortBy: 'status', render: (d) => statusBadge('prov.declaration.status.', d.status) },
      { label: t('prov.col.codes'), render: headerCode },
    ],
    caption: t('decl.list.caption'),
    empty: t('decl.list.none'),
  });
}

async function renderDeclarations(main, ctx) {
  const body = h('div');
  page(main, t('decl.list.title'), h('p', {}, t('decl.list.intro')), body);
  await load(body, () => municipalityMap(), (municipalities) => section(t('decl.list.section'),
    exportButton('/exports/declarations.csv', 'declaraties.csv'), declarationsList(ctx, municipalities)));
}

// The line's outcome; a line still in review links to its review: first to the queue searched
// for its reference, then (linkReviews) to the review item itself.
function outcome(ctx, l) {
  const inReview = l.review === 'open' || l.status === 'review';
  if (!inReview || !REVIEW_READERS.includes(ctx.user.role)) return lineStatus(l);
  return h('div', {}, lineStatus(l), ' ',
    h('a', {
      href: `/reviews${api.query({ q: l.reference })}`,
      dataset: { route: '', reviewLine: String(l.id) },
      'aria-label': t('decl.to_review_label', { reference: l.reference }),
    }, t('decl.to_review')));
}

// Points the page's review links at their review items: the open reviews of the declaration
// (GET /reviews searched by its number, at most MAX_REVIEWS; a line beyond them keeps the
// queue's search). A failure leaves the links as they are.
const MAX_REVIEWS = 100;
async function linkReviews(list, d) {
  const links = list.querySelectorAll('a[data-review-line]');
  if (links.length === 0) return;
  let reviews;
  try {
    reviews = await api.get(`/reviews${api.query({ status: 'open', q: d.number, limit: MAX_REVIEWS })}`);
  } catch {
    return;
  }
  const byLine = new Map(reviews.filter((r) => r.declaration_id === d.declaration_id)
    .map((r) => [String(r.claim_line_id), r.id]));
  for (const a of links) {
    const review = byLine.get(a.dataset.reviewLine);
    if (review) a.setAttribute('href', `/reviews/${review}`);
  }
}

function allocationCell(ctx, l) {
  const number = String(l.allocation_number);
  return ALLOCATION_READERS.includes(ctx.user.role) ? link(`/allocations/${number}`, number) : number;
}

// The declaration's lines, paged by the server, as on the provider's screen.
function linesList(ctx, d) {
  const list = declarationLinesList(ctx, {
    path: (params) => `${LIST}/${d.declaration_id}/lines${api.query(params)}`,
    allocation: (l) => allocationCell(ctx, l),
    outcome: (l) => outcome(ctx, l),
    onPage: () => linkReviews(list, d),
  });
  return list;
}

// The list's row of the declaration (provider, period, received): the head of
// GET /declarations/{id} does not carry them. Numbers are the providers' own, so several
// providers may share one: the row is picked by its id.
async function listedRow(d) {
  const rows = await api.get(`${LIST}${api.query({ number: d.number, limit: 100 })}`);
  return rows.find((r) => r.declaration_id === d.declaration_id) || null;
}

function headFacts(d, listed, municipalities) {
  return facts([
    [t('decl.number'), d.number],
    listed ? [t('decl.col.provider'), providerText(listed)] : null,
    [t('decl.col.municipality'), municipalityText(municipalities, d.municipality_code)],
    listed ? [t('prov.col.period'), periodText(listed.period_start, listed.period_end)] : null,
    listed ? [t('decl.received'), dateTime(listed.received_at)] : null,
    [t('prov.declaration.source'), tOr(`prov.source.${d.source}`, d.source)],
    [t('prov.col.status'), statusBadge('prov.declaration.status.', d.status)],
    [t('prov.answer.submitted'), money(d.submitted_cents)],
    [t('prov.answer.awarded'), awarded(d)],
    d.status === 'awaiting_review' ? [t('prov.declaration.answer_due'), date(d.answer_due)] : null,
    d.header_code ? [t('prov.answer.declaration_code'), codeList([d.header_code])] : null,
  ]);
}

async function renderDeclaration(main, ctx) {
  const id = ctx.params.id;
  page(main, t('decl.title', { number: id }));
  const body = h('div');
  main.append(body);
  // The head only: the lines come page by page (a declaration may have 24,000 of them).
  await load(body, async () => {
    const d = await api.get(`${LIST}/${encodeURIComponent(id)}?lines=false`);
    const [listed, municipalities] = await Promise.all([listedRow(d), municipalityMap()]);
    return { d, listed, municipalities };
  }, ({ d, listed, municipalities }) => {
    page(main, t('decl.title', { number: d.number }));
    main.append(body);
    return [
      h('p', {}, link(LIST, t('decl.back'))),
      section(t('decl.facts'), headFacts(d, listed, municipalities)),
      section(t('prov.declaration.lines'), exportButton(`/exports/declarations/${d.declaration_id}/lines.csv`,
        `declaratie-${d.declaration_id}-regels.csv`), linesList(ctx, d)),
    ];
  });
}

export default [
  { path: LIST, nav: 'decl.nav.declarations', roles: STAFF, render: renderDeclarations },
  { path: `${LIST}/:id`, roles: STAFF, render: renderDeclaration },
];
