// The one list component of every screen with a list that can grow (issue 15): the server pages,
// searches, filters and sorts (GET …?q=&sort=&limit=&offset= and the list's own filters, with
// the total in X-Total-Count); this shows a search field, the list's filters, column headers that
// sort (a button in each sortable <th>, aria-sort), "1–50 van 2.000", previous / next and a
// "nothing found" text. The state (q, sort, offset, filters) is kept in the address bar, so that
// a reload or a shared link shows the same page.
import * as api from './api.js';
import { language, t, addStrings } from './i18n.js';
import { errorBlock, field, h, table, uid } from './ui.js';

addStrings({
  nl: {
    'list.search': 'Zoeken',
    'list.search_button': 'Zoek',
    'list.clear': 'Wis filters',
    'list.range': '{from}–{to} van {total}',
    'list.none': 'Niets gevonden',
    'list.none_filtered': 'Niets gevonden met deze zoekterm of filters.',
    'list.prev': 'Vorige',
    'list.next': 'Volgende',
    'list.pages': 'Pagina’s',
    'list.sort': 'Sorteren op',
    'list.sort_default': 'Standaardvolgorde',
    'list.ascending': 'oplopend',
    'list.descending': 'aflopend',
    'list.all': 'Alle',
    'list.per_page': 'Per pagina',
    'list.loading': 'Bezig met laden…',
  },
  en: {
    'list.search': 'Search',
    'list.search_button': 'Search',
    'list.clear': 'Clear filters',
    'list.range': '{from}–{to} of {total}',
    'list.none': 'Nothing found',
    'list.none_filtered': 'Nothing found with this search or these filters.',
    'list.prev': 'Previous',
    'list.next': 'Next',
    'list.pages': 'Pages',
    'list.sort': 'Sort by',
    'list.sort_default': 'Default order',
    'list.ascending': 'ascending',
    'list.descending': 'descending',
    'list.all': 'All',
    'list.per_page': 'Per page',
    'list.loading': 'Loading…',
  },
});

export const PAGE_SIZE = 50;
const PAGE_SIZES = [10, 25, 50, 100];

// A count in the user's language: 2.000 (Dutch), 2,000 (English).
export function count(n) {
  return new Intl.NumberFormat(language() === 'en' ? 'en-GB' : 'nl-NL').format(n);
}

// "1–50 van 2.000"; "Niets gevonden" for an empty list.
export function rangeText(offset, shown, total) {
  if (total === 0 || shown === 0) return t('list.none');
  return t('list.range', { from: count(offset + 1), to: count(offset + shown), total: count(total) });
}

// The state of the list from the address bar's query (keys with the list's prefix).
function stateFrom(query, spec) {
  const key = (k) => `${spec.prefix}${k}`;
  const sortText = query.get(key('sort')) || spec.defaultSort || '';
  const state = {
    q: spec.privateSearch ? '' : query.get(key('q')) || '',
    sort: sortText ? { key: sortText.replace(/^-/, ''), descending: sortText.startsWith('-') } : null,
    offset: Math.max(0, Number.parseInt(query.get(key('offset')) || '0', 10) || 0),
    limit: PAGE_SIZES.includes(Number(query.get(key('limit')))) ? Number(query.get(key('limit'))) : spec.pageSize,
    filters: {},
  };
  for (const f of spec.filters || []) state.filters[f.name] = query.get(key(f.name)) || f.value || '';
  return state;
}

function sortParam(sort) {
  return sort ? `${sort.descending ? '-' : ''}${sort.key}` : '';
}

// Writes the state into the address bar without a new screen (replaceState: no history entry
// per keystroke or page).
function keepInAddress(state, spec) {
  const params = new URLSearchParams(location.search);
  const set = (k, v) => (v ? params.set(`${spec.prefix}${k}`, v) : params.delete(`${spec.prefix}${k}`));
  set('q', spec.privateSearch ? '' : state.q);
  set('sort', sortParam(state.sort));
  set('offset', state.offset ? String(state.offset) : '');
  set('limit', state.limit !== spec.pageSize ? String(state.limit) : '');
  for (const [k, v] of Object.entries(state.filters)) set(k, v);
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

function toolbar(spec, state, apply) {
  const searchField = field({ name: 'q', label: spec.searchLabel || t('list.search'), value: state.q, hint: spec.searchHint, autocomplete: 'off', type: 'search' });
  const filterFields = (spec.filters || []).map((f) => field({
    name: f.name, label: f.label, type: 'select', value: state.filters[f.name],
    options: [{ value: '', label: t('list.all') }, ...f.options],
  }));
  const sortable = spec.columns.filter((c) => c && c.sortBy);
  const sortField = sortable.length ? field({
    name: 'sort', label: t('list.sort'), type: 'select', value: sortParam(state.sort),
    options: [{ value: '', label: t('list.sort_default') }, ...sortable.flatMap((c) => [
      { value: c.sortBy, label: `${c.label} (${t('list.ascending')})` },
      { value: `-${c.sortBy}`, label: `${c.label} (${t('list.descending')})` },
    ])],
  }) : null;
  if (sortField) sortField.classList.add('sort-select');
  const sizeField = field({
    name: 'limit', label: t('list.per_page'), type: 'select', value: String(state.limit),
    options: PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) })),
  });
  const el = h('form', { class: 'inline list-tools', role: 'search', novalidate: true },
    searchField, filterFields, sortField, sizeField,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('list.search_button'))));
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(el).entries());
    const sortText = v.sort || '';
    apply({
      q: String(v.q || '').trim(),
      filters: Object.fromEntries((spec.filters || []).map((f) => [f.name, v[f.name] || ''])),
      sort: sortText ? { key: sortText.replace(/^-/, ''), descending: sortText.startsWith('-') } : null,
      limit: Number(v.limit) || spec.pageSize,
      offset: 0,
    });
  });
  // A filter applies at once; the search field on Enter or the button.
  for (const s of el.querySelectorAll('select')) s.addEventListener('change', () => el.requestSubmit());
  return el;
}

// For a screen that keeps its own filters (the audit trail): "1–50 van 2.000" and previous /
// next for a page at `offset` of `shown` items out of `total`; go(offset) moves.
export function pageStatus(offset, shown, total, go, pageSize = PAGE_SIZE) {
  const status = h('p', { class: 'list-status', role: 'status' }, rangeText(offset, shown, total));
  return [status, total > shown ? pagerNav({ offset }, total, shown, go, pageSize) : null];
}

// The same for a list that says itself when it is empty (a table with its own empty text):
// nothing when `total` is 0.
export function pageStatusUnlessEmpty(offset, shown, total, go) {
  return total ? pageStatus(offset, shown, total, go) : null;
}

function pagerNav(state, total, shown, go, pageSize) {
  const prev = h('button', { type: 'button', disabled: state.offset === 0, onclick: () => go(Math.max(0, state.offset - pageSize)) }, t('list.prev'));
  const next = h('button', { type: 'button', disabled: state.offset + shown >= total, onclick: () => go(state.offset + pageSize) }, t('list.next'));
  return h('nav', { class: 'actions pager', 'aria-label': t('list.pages') }, prev, next);
}

// Mounts a paged list and returns its element. spec:
//   path(params) -> the API path with the query string of `params` (use api.query),
//   columns: ui.table columns, with sortBy: the server's sort name,
//   filters: [{name, label, options: [{value, label}], value?}],
//   searchLabel, searchHint, caption, empty, rowClass, pageSize (50), defaultSort ('-number':
//   the order shown when the address names none), prefix ('' — for two lists on a screen),
//   privateSearch (true: the search text stays out of the address bar, e.g. where a user might
//   type a BSN), onPage({items, total}) after each page.
export function pagedList(ctx, spec) {
  const s = { prefix: '', pageSize: PAGE_SIZE, filters: [], ...spec };
  s.columns = s.columns.filter(Boolean);
  let state = stateFrom(ctx.query, s);
  const statusId = uid('list-status');
  const status = h('p', { class: 'list-status', id: statusId, role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' });
  const root = h('div', { class: 'paged-list' });
  let focusAfter = null;
  let latest = 0;  // only the answer to the latest request is shown

  const render = async () => {
    const mine = ++latest;
    keepInAddress(state, s);
    status.textContent = t('list.loading');
    const params = { ...state.filters, q: state.q, sort: sortParam(state.sort), limit: state.limit, offset: state.offset || '' };
    let pageData;
    try {
      pageData = await api.getPage(s.path(params));
    } catch (error) {
      if (!error || !error.code) throw error;
      if (mine !== latest) return;
      status.textContent = '';
      body.replaceChildren(errorBlock(error));
      return;
    }
    if (mine !== latest) return;
    const { items, total } = pageData;
    const filtered = Boolean(state.q) || Object.values(state.filters).some(Boolean);
    status.textContent = rangeText(state.offset, items.length, total);
    // replaceChildren would show a missing pager (null) as the text "null".
    body.replaceChildren(...[
      table(s.columns, items, {
        caption: s.caption,
        rowClass: s.rowClass,
        empty: filtered ? t('list.none_filtered') : (s.empty || t('list.none')),
        sort: state.sort,
        onSort: (key) => {
          const descending = state.sort && state.sort.key === key ? !state.sort.descending : false;
          focusAfter = `button[data-sort="${key}"]`;
          update({ sort: { key, descending }, offset: 0 });
        },
      }),
      total > items.length ? pagerNav(state, total, items.length, (offset) => {
        focusAfter = offset > state.offset ? '.pager button:last-child' : '.pager button:first-child';
        update({ offset });
      }, state.limit) : null].filter(Boolean));
    if (focusAfter) {
      const el = body.querySelector(focusAfter);
      if (el && !el.disabled) el.focus();
      focusAfter = null;
    }
    if (s.onPage) s.onPage(pageData);
  };
  let tools = null;
  const update = (change) => {
    state = { ...state, ...change };
    // The toolbar stays (focus stays where the user is); only its sort select follows a header.
    const select = tools.querySelector('select[name="sort"]');
    if (select) select.value = sortParam(state.sort);
    render();
  };
  tools = toolbar(s, state, update);
  root.replaceChildren(tools, status, body);
  render();
  // The same page again, e.g. after an item was handled.
  root.reload = () => render();
  return root;
}
