// The lists of the bank side (issue 15): the imported statements on the "Bankafschriften" screen
// (GET /bank-statements: per statement its account, period, entries booked / returned / still
// unmatched / resolved, and its chain status), and the work list's "Afgehandeld" tab
// (GET /reconciliation/resolved: who resolved what, when and why). Both page by 50.
import * as api from '../api.js';
import { date, dateTime, integer, money } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { badge, h, load, section, table } from '../ui.js';
import { statusBadge } from './finance_common.js';

addStrings({
  nl: {
    'fin.stlist.title': 'Geïmporteerde bankafschriften',
    'fin.stlist.caption': 'Bankafschriften, laatst geïmporteerd eerst',
    'fin.stlist.none': 'Er zijn nog geen bankafschriften geïmporteerd.',
    'fin.stlist.statement': 'Afschrift',
    'fin.stlist.account': 'Rekening',
    'fin.stlist.period': 'Periode',
    'fin.stlist.entries': 'Regels',
    'fin.stlist.booked': 'Gekoppeld',
    'fin.stlist.returned': 'Storno',
    'fin.stlist.unmatched': 'Open op werklijst',
    'fin.stlist.resolved': 'Afgehandeld',
    'fin.stlist.chain': 'Aansluiting',
    'fin.stlist.imported': 'Geïmporteerd',
    'fin.stlist.chain_resolved': '(afgehandeld)',
    'fin.chainstatus.first': 'eerste afschrift',
    'fin.chainstatus.ok': 'sluit aan',
    'fin.chainstatus.gap': 'afschrift ontbreekt',
    'fin.chainstatus.mismatch': 'saldo sluit niet aan',
    'fin.chainstatus.unchecked': 'niet gecontroleerd',
    'fin.page.prev': 'Vorige',
    'fin.page.next': 'Volgende',
    'fin.page.range': 'Regel {from}–{to}',
    'fin.resolved.caption': 'Afgehandelde punten, laatst afgehandeld eerst',
    'fin.resolved.none': 'Er is nog niets afgehandeld.',
    'fin.resolved.item': 'Punt',
    'fin.resolved.why_listed': 'Waarom op de werklijst',
    'fin.resolved.outcome': 'Uitkomst',
    'fin.resolved.resolution': 'Reden van afhandelen',
    'fin.resolved.by': 'Door',
    'fin.resolved.at': 'Wanneer',
    'fin.resolved.transfer': 'gekoppeld aan overboeking {id}',
    'fin.worklist.tab_open': 'Open',
    'fin.worklist.tab_resolved': 'Afgehandeld',
    'fin.worklist.tabs': 'Werklijst',
  },
  en: {
    'fin.stlist.title': 'Imported bank statements',
    'fin.stlist.caption': 'Bank statements, last imported first',
    'fin.stlist.none': 'No bank statement has been imported yet.',
    'fin.stlist.statement': 'Statement',
    'fin.stlist.account': 'Account',
    'fin.stlist.period': 'Period',
    'fin.stlist.entries': 'Entries',
    'fin.stlist.booked': 'Matched',
    'fin.stlist.returned': 'Returned',
    'fin.stlist.unmatched': 'Open on the work list',
    'fin.stlist.resolved': 'Resolved',
    'fin.stlist.chain': 'Chain',
    'fin.stlist.imported': 'Imported',
    'fin.stlist.chain_resolved': '(resolved)',
    'fin.chainstatus.first': 'first statement',
    'fin.chainstatus.ok': 'follows on',
    'fin.chainstatus.gap': 'statement missing',
    'fin.chainstatus.mismatch': 'balance does not follow on',
    'fin.chainstatus.unchecked': 'not checked',
    'fin.page.prev': 'Previous',
    'fin.page.next': 'Next',
    'fin.page.range': 'Rows {from}–{to}',
    'fin.resolved.caption': 'Resolved items, last resolved first',
    'fin.resolved.none': 'Nothing has been resolved yet.',
    'fin.resolved.item': 'Item',
    'fin.resolved.why_listed': 'Why on the work list',
    'fin.resolved.outcome': 'Outcome',
    'fin.resolved.resolution': 'Reason given',
    'fin.resolved.by': 'By',
    'fin.resolved.at': 'When',
    'fin.resolved.transfer': 'matched to transfer {id}',
    'fin.worklist.tab_open': 'Open',
    'fin.worklist.tab_resolved': 'Resolved',
    'fin.worklist.tabs': 'Work list',
  },
});

const PAGE = 50;

// A list loaded page by page with "Vorige"/"Volgende" and "Regel x–y".
function pagedList(id, path, render) {
  const box = h('div', { id });
  let offset = 0;
  const show = () => load(box, () => api.get(`${path}${api.query({ limit: PAGE, offset })}`), (rows) => {
    const prev = h('button', { type: 'button', disabled: offset === 0 }, t('fin.page.prev'));
    const next = h('button', { type: 'button', disabled: rows.length < PAGE }, t('fin.page.next'));
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); show(); });
    next.addEventListener('click', () => { offset += PAGE; show(); });
    const range = rows.length ? t('fin.page.range', { from: integer(offset + 1), to: integer(offset + rows.length) }) : '';
    return [render(rows), h('div', { class: 'actions pager' }, prev, next, h('span', {}, range))];
  });
  return { box, show };
}

function chainCell(s) {
  const kind = { ok: 'ok', first: 'ok', gap: 'bad', mismatch: 'bad' }[s.chain_status] || 'neutral';
  const key = `fin.chainstatus.${s.chain_status}`;
  const text = t(key) === key ? s.chain_status : t(key);
  return [badge(text, s.chain_resolved ? 'neutral' : kind), s.chain_resolved ? ` ${t('fin.stlist.chain_resolved')}` : ''];
}

function statementsTable(rows) {
  const count = (key, label) => ({ key, label, format: integer, align: 'right' });
  return table([
    { key: 'statement_id', label: t('fin.stlist.statement') },
    { key: 'account_iban', label: t('fin.stlist.account') },
    { key: 'from_date', label: t('fin.stlist.period'), render: (s) => (s.from_date === s.to_date ? date(s.from_date) : `${date(s.from_date)} – ${date(s.to_date)}`) },
    count('entries', t('fin.stlist.entries')),
    count('booked', t('fin.stlist.booked')),
    count('returned', t('fin.stlist.returned')),
    count('unmatched', t('fin.stlist.unmatched')),
    count('resolved', t('fin.stlist.resolved')),
    { key: 'chain_status', label: t('fin.stlist.chain'), render: chainCell },
    { key: 'imported_at', label: t('fin.stlist.imported'), render: (s) => `${dateTime(s.imported_at)}, ${s.imported_by}` },
  ], rows, { caption: t('fin.stlist.caption'), empty: t('fin.stlist.none') });
}

// The statements list section; `show()` reloads it (after an import).
export function statementsList() {
  const list = pagedList('statement-list', '/bank-statements', statementsTable);
  return { el: section(t('fin.stlist.title'), list.box), show: list.show };
}

function outcomeCell(r) {
  if (r.kind === 'statement_chain') return statusBadge('entry', r.outcome);
  return [statusBadge('entry', r.outcome), r.instruction_id ? ` ${t('fin.resolved.transfer', { id: r.instruction_id })}` : ''];
}

// The match reason in words with its code ("onbekend betalingskenmerk (UNKNOWN_END_TO_END_ID)"),
// or a broken chain's detail.
function whyListed(r) {
  if (!r.reason) return '';
  const key = `fin.match.${r.reason}`;
  return r.kind === 'entry' && t(key) !== key ? `${t(key)} (${r.reason})` : r.reason;
}

function resolvedTable(rows) {
  return table([
    { key: 'id', label: t('fin.resolved.item'), render: (r) => (r.kind === 'statement_chain' ? `${t('fin.chain.item')} ${r.statement_id}` : `#${r.id} (${r.statement_id})`) },
    { key: 'booking_date', label: t('fin.entry.date'), format: date },
    { key: 'reason', label: t('fin.resolved.why_listed'), render: whyListed },
    { key: 'outcome', label: t('fin.resolved.outcome'), render: outcomeCell },
    { key: 'resolution', label: t('fin.resolved.resolution') },
    { key: 'resolved_by', label: t('fin.resolved.by') },
    { key: 'resolved_at', label: t('fin.resolved.at'), format: dateTime },
    { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
  ], rows, { caption: t('fin.resolved.caption'), empty: t('fin.resolved.none') });
}

export function resolvedList() {
  const list = pagedList('resolved-list', '/reconciliation/resolved', resolvedTable);
  list.show();
  return list.box;
}

// The work list's two views as links (the current one marked): open items and resolved ones.
export function worklistTabs(current) {
  const tab = (view, key) => h('a', {
    href: view === 'open' ? '/finance/worklist' : '/finance/worklist?view=resolved',
    dataset: { route: '' }, 'aria-current': current === view ? 'page' : null, class: current === view ? 'tab current' : 'tab',
  }, t(key));
  return h('nav', { class: 'tabs', 'aria-label': t('fin.worklist.tabs') }, tab('open', 'fin.worklist.tab_open'), ' | ', tab('resolved', 'fin.worklist.tab_resolved'));
}
