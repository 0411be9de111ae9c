// The bank side: uploading a camt.053 statement (with a progress bar) and the reconciliation
// work list of entries that matched no transfer, or with another amount, with their resolution.
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { date, integer, money } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import {
  announce, errorBlock, form, h, link, load, page, section, table,
} from '../ui.js';
import { resolvedList, statementsList, worklistTabs } from './finance_bank_lists.js';
import { statementConfirmation } from './finance_camt_preview.js';
import { facts, quietProgress, statusBadge } from './finance_common.js';

// "UNKNOWN_END_TO_END_ID" in words, with the code kept for people who search for it.
function matchReason(code, detail) {
  if (!code) return detail || '';
  const key = `fin.match.${code}`;
  const text = t(key);
  const words = text === key ? code : `${text} (${code})`;
  return detail ? `${words} — ${detail}` : words;
}

const direction = (credit) => (credit ? t('fin.entry.credit') : t('fin.entry.debit'));

// A statement that does not chain to the account's previous one (gap or mismatch).
const isChain = (item) => item.kind === 'statement_chain';
const brokenChain = (chain) => chain && (chain.status === 'gap' || chain.status === 'mismatch');

// ---- statement upload ----------------------------------------------------------------------

function resultView(answer) {
  const statements = answer.statements || [];
  const entries = statements.flatMap((s) => s.entries || []);
  const count = (status) => entries.filter((e) => e.match_status === status).length;
  const open = count('unmatched') + count('difference');
  return section(t('fin.statements.result'),
    h('p', { id: 'statement-summary' }, t('fin.statements.summary', {
      entries: integer(entries.length), booked: integer(count('booked')), returned: integer(count('returned')), open: integer(open),
    }), ' ', open > 0 ? link('/finance/worklist', t('fin.statements.to_worklist')) : null),
    statements.map((s) => table([
      { key: 'id', label: t('fin.entry.id'), format: (v) => `#${v}` },
      { key: 'credit', label: t('fin.entry.direction'), format: direction },
      { key: 'end_to_end_id', label: t('fin.run.e2e') },
      { key: 'match_status', label: t('fin.entry.match'), sortBy: 'match_status', render: (e) => statusBadge('entry', e.match_status) },
      // The server's detail (English) only where it carries figures: an amount difference.
      { key: 'reason', label: t('fin.entry.reason'),
        render: (e) => matchReason(e.reason, e.match_status === 'difference' ? e.detail : '') },
      { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
    ], s.entries, { caption: t('fin.statements.caption', { id: s.statement_id, iban: s.account_iban }) })),
    statements.filter((s) => brokenChain(s.chain)).map((s) => h('p', { class: 'chain-warning', role: 'status' },
      t(`fin.chain.imported_${s.chain.status}`, { id: s.statement_id }), ' ', s.chain.detail || '', ' ',
      link('/finance/worklist', t('fin.statements.to_worklist')))));
}

function uploadForm(result, onImported) {
  const bar = quietProgress(t('fin.statements.progress'));
  const fields = [{ name: 'file', label: t('fin.statements.file'), type: 'file', required: true,
    accept: '.xml,application/xml,text/xml', hint: t('fin.statements.file_hint') }];
  const el = form(fields, t('fin.statements.upload'), async (v) => {
    result.replaceChildren();
    bar.update(0, v.file.size);
    const answer = await api.upload('/bank-statements', v.file, 'application/xml', bar.update);
    bar.done();
    const body = JSON.parse(answer.text);
    result.replaceChildren(resultView(body));
    announce(t('fin.statements.done'));
    onImported();
  }, {
    extra: [bar.el],
    confirm: (v) => {
      if (!v.file) throw new api.ApiError(0, 'FILE_REQUIRED', t('fin.statements.file_required'), 'file');
      return statementConfirmation(v.file);
    },
  });
  el.id = 'statement-upload';
  return el;
}

async function statementsScreen(main) {
  const result = h('div', { id: 'statement-result' });
  const list = statementsList();
  page(main, t('fin.statements.title'),
    section(t('fin.statements.upload_title'), h('p', { class: 'hint' }, t('fin.statements.intro')), uploadForm(result, list.show)),
    result, list.el);
  await list.show();
}

// ---- the work list -------------------------------------------------------------------------

// A return: money received with a return reason (e.g. AC04) whose EndToEndId we did not know.
function isReturn(entry) {
  return entry.credit && !!entry.return_reason;
}

// Transfers of exactly this amount from the newest approved runs: what an entry may be matched
// to by hand — a debit to a sent transfer, a return to a booked one (it reopens its payables).
async function candidates(entry) {
  if (entry.credit && !isReturn(entry)) return [];
  const wanted = isReturn(entry) ? 'booked' : 'sent';
  const runs = (await api.get('/payment-runs?limit=100')).filter((r) => r.status === 'approved').slice(0, 20);
  const details = await Promise.all(runs.map((r) => api.get(`/payment-runs/${r.id}`)));
  return details.flatMap((r) => r.transfers
    .filter((x) => x.status === wanted && Number(x.amount_cents) === Number(entry.amount_cents))
    .map((x) => ({ ...x, run_id: r.id })));
}

// A broken chain is resolved with a reason only (audited).
function chainPanel(panel, item, reload) {
  const fields = [
    { name: 'reason', label: t('fin.resolve.reason'), type: 'textarea', required: true, hint: t('fin.resolve.reason_hint') },
  ];
  const el = form(fields, t('fin.resolve.submit'), async (v) => {
    await api.post(`/bank-statements/${item.id}/chain/resolve`, { reason: v.reason });
    announce(t('fin.chain.resolved', { id: item.statement_id }));
    panel.replaceChildren();
    await reload();
  });
  const cancel = h('button', { type: 'button', onclick: () => panel.replaceChildren() }, t('ui.cancel'));
  el.querySelector('.actions').append(cancel);
  el.id = 'resolve-form';
  const about = facts([
    [t('fin.entry.statement'), `${item.statement_id} (${item.account_iban})`],
    [t('fin.chain.from'), date(item.booking_date)],
    [t('fin.entry.reason'), `${t(`fin.status.entry.${item.match_status}`)} — ${item.detail || ''}`],
  ]);
  about.style.marginBottom = '1rem';
  panel.replaceChildren(section(t('fin.chain.title', { id: item.statement_id }), about, el));
  el.querySelector('textarea').focus();
}

async function resolvePanel(panel, entry, reload) {
  if (isChain(entry)) {
    chainPanel(panel, entry, reload);
    return;
  }
  panel.replaceChildren(h('p', { class: 'loading' }, t('ui.loading')));
  let found;
  try {
    found = await candidates(entry);
  } catch (error) {
    if (!error || !error.code) throw error;
    panel.replaceChildren(errorBlock(error));
    return;
  }
  const fields = [
    { name: 'reason', label: t('fin.resolve.reason'), type: 'textarea', required: true, hint: t('fin.resolve.reason_hint') },
  ];
  if (!entry.credit || isReturn(entry)) {
    const returned = isReturn(entry);
    const hint = found.length
      ? t(returned ? 'fin.resolve.return_hint' : 'fin.resolve.transfer_hint')
      : t(returned ? 'fin.resolve.no_booked' : 'fin.resolve.no_candidates');
    fields.push({ name: 'instruction_id', label: t('fin.resolve.transfer'), type: 'select', hint,
      options: [{ value: '', label: t('fin.resolve.close_only') }, ...found.map((x) => ({
        value: x.id, label: `${x.end_to_end_id} — ${x.creditor_name} — ${money(x.amount_cents)} (${t('fin.runs.run_n', { id: x.run_id })})`,
      }))] });
  }
  const el = form(fields, t('fin.resolve.submit'), async (v) => {
    const body = { reason: v.reason };
    if (v.instruction_id) body.instruction_id = Number(v.instruction_id);
    const answer = await api.post(`/bank-entries/${entry.id}/resolve`, body);
    const said = { booked: 'fin.resolve.booked', returned: 'fin.resolve.returned' };
    announce(t(said[answer.match_status] || 'fin.resolve.closed', { id: entry.id }));
    panel.replaceChildren();
    await reload();
  });
  const cancel = h('button', { type: 'button', onclick: () => panel.replaceChildren() }, t('ui.cancel'));
  el.querySelector('.actions').append(cancel);
  el.id = 'resolve-form';
  const about = facts([
      [t('fin.entry.statement'), `${entry.statement_id} (${entry.account_iban})`],
      [t('fin.entry.date'), date(entry.booking_date)],
      [t('fin.entry.counterparty'), [entry.counterparty_name, entry.counterparty_iban].filter(Boolean).join(' — ')],
      [t('fin.run.e2e'), entry.end_to_end_id],
  ]);
  about.style.marginBottom = '1rem';
  panel.replaceChildren(section(t('fin.resolve.title', { id: entry.id, amount: money(entry.amount_cents) }), about, el));
  el.querySelector('textarea, input, select').focus();
}

function worklistColumns(ctx, panel, reload) {
  const columns = [
    { key: 'id', label: t('fin.entry.id'), sortBy: 'id', render: (e) => (isChain(e) ? t('fin.chain.item') : `#${e.id}`) },
    { key: 'statement_id', label: t('fin.entry.statement') },
    { key: 'booking_date', label: t('fin.entry.date'), sortBy: 'booking_date', format: date },
    { key: 'credit', label: t('fin.entry.direction'), render: (e) => (isChain(e) ? '' : direction(e.credit)) },
    { key: 'end_to_end_id', label: t('fin.entry.counterparty_e2e'), render: (e) => [e.counterparty_name, e.counterparty_iban,
      e.end_to_end_id].filter(Boolean).flatMap((x, i) => (i ? [h('br'), x] : [x])) },
    { key: 'match_status', label: t('fin.entry.match'), render: (e) => statusBadge('entry', e.match_status) },
    { key: 'reason', label: t('fin.entry.reason'),
      render: (e) => (isChain(e) ? e.detail || ''
        : [matchReason(e.reason), e.return_reason ? ` ${t('fin.run.return_reason', { code: e.return_reason })}` : '']) },
    { key: 'amount_cents', label: t('fin.run.amount'), sortBy: 'amount_cents', format: money, align: 'right' },
  ];
  if (ctx.user.role === 'finance') {
    columns.push({ key: 'actions', label: t('ui.actions'), render: (e) => h('button', {
      type: 'button', 'aria-label': isChain(e) ? t('fin.chain.open_label', { id: e.statement_id }) : t('fin.resolve.open_label', { id: e.id }),
      onclick: () => resolvePanel(panel, e, reload),
    }, t('fin.resolve.open')) });
  }
  return columns;
}

// The work list, paged by the server (newest first): a filter by kind, a search (account,
// statement, EndToEndId, counterparty), sortable columns.
async function worklistScreen(main, ctx) {
  if (ctx.query.get('view') === 'resolved') {
    page(main, t('fin.worklist.title'), worklistTabs('resolved'), section(t('fin.worklist.tab_resolved'), resolvedList()));
    return;
  }
  const panel = h('div', { id: 'resolve-panel' });
  let list = null;
  const reload = async () => list.reload();
  list = pagedList(ctx, {
    path: (params) => `/reconciliation/work-list${api.query(params)}`,
    defaultSort: '-id',
    searchLabel: t('fin.worklist.search'),
    searchHint: t('fin.worklist.search_hint'),
    filters: [{ name: 'kind', label: t('fin.worklist.kind'), options: [
      { value: 'entry', label: t('fin.worklist.kind_entry') }, { value: 'statement_chain', label: t('fin.chain.item') }] }],
    columns: worklistColumns(ctx, panel, reload),
    caption: t('fin.worklist.caption'),
    empty: t('fin.worklist.empty'),
  });
  page(main, t('fin.worklist.title'), worklistTabs('open'), h('p', {}, t('fin.worklist.intro')), section(t('fin.worklist.entries'), exportButton('/exports/work-list.csv', 'werklijst.csv'), list), panel);
}

export default [
  { path: '/finance/statements', nav: 'fin.nav.statements', roles: ['finance'], render: statementsScreen },
  { path: '/finance/worklist', nav: 'fin.nav.worklist', roles: ['finance', 'auditor'], render: worklistScreen },
];
