// Payment runs: the list, preparing a run, the municipality's debtor account, one run's page
// with its transfers, offsets and left-out payables, the four-eyes approval and the pain.001.
import * as api from '../api.js';
import { exportButton } from '../export_button.js';
import { date, dateTime, integer, money } from '../format.js';
import { t, tOr } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import {
  announce, confirmStep, errorBlock, field, form, h, link, load, page, section, table,
} from '../ui.js';
import {
  alertBox, facts, isoDay, leftOutReason, providerMap, providerName, quietProgress, statusBadge,
} from './finance_common.js';
import { runStatusWithBank } from './finance_run_bank.js';

const runPath = (id) => `/finance/runs/${id}`;

// ---- the list ------------------------------------------------------------------------------

function nowrap(el) {
  el.style.whiteSpace = 'nowrap';
  return el;
}

const RUN_STATUSES = ['prepared', 'approved', 'cancelled'];

// The runs, paged by the server (newest first), with a status filter, a search (run number,
// message id, preparer, approver) and sortable columns.
function runsList(ctx) {
  return pagedList(ctx, {
    path: (params) => `/payment-runs${api.query(params)}`,
    searchLabel: t('fin.runs.search'),
    searchHint: t('fin.runs.search_hint'),
    filters: [{ name: 'status', label: t('ui.status'), options: RUN_STATUSES.map((s) => ({ value: s, label: tOr(`fin.status.run.${s}`, s) })) }],
    columns: [
      { key: 'id', label: t('fin.runs.run'), sortBy: 'prepared_at', render: (r) => nowrap(link(runPath(r.id), t('fin.runs.run_n', { id: r.id }))) },
      { key: 'municipality_codes', label: t('fin.runs.municipality'), render: (r) => runMunicipalities(r) },
      { key: 'due_until', label: t('fin.runs.due_until'), sortBy: 'due_until', format: date },
      { key: 'execution_date', label: t('fin.runs.execution_date'), sortBy: 'execution_date', format: date },
      { key: 'status', label: t('ui.status'), sortBy: 'status', render: (r) => runStatusWithBank(r, statusBadge) },
      { key: 'prepared_by', label: t('fin.runs.prepared_by') },
      { key: 'approved_by', label: t('fin.runs.approved_by') },
      { key: 'transactions', label: t('fin.runs.transactions'), sortBy: 'transactions', format: integer, align: 'right' },
      { key: 'control_sum_cents', label: t('fin.runs.total'), sortBy: 'control_sum_cents', format: money, align: 'right' },
    ],
    caption: t('fin.runs.list_caption'),
    empty: t('fin.runs.none'),
  });
}

// "0166, 0193": the municipalities a run pays for (a run may span several).
function runMunicipalities(run) {
  return (run.municipality_codes && run.municipality_codes.length ? run.municipality_codes : [run.municipality_code]).join(', ');
}

function municipalityOptions(municipalities) {
  return municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }));
}

// The municipalities the user works for (GET /auth/me: a finance user pays only from those);
// all of them for a user without a scope.
function ownOf(user, municipalities) {
  return user && Array.isArray(user.municipalities)
    ? municipalities.filter((m) => user.municipalities.includes(m.code)) : municipalities;
}

// The first municipality of the list, preselected in the forms.
const firstCode = (municipalities) => (municipalities[0] ? municipalities[0].code : '');

// Per chosen municipality a select of its active debtor accounts (the default first and
// preselected), named "accounts.<code>" so that a refusal lands next to it.
function accountChoices(select) {
  const box = h('div', { id: 'run-accounts' });
  let asked = 0; // only the latest selection's answer is shown
  const refresh = async () => {
    const mine = ++asked;
    const codes = [...select.selectedOptions].map((o) => o.value);
    const rows = await Promise.all(codes.map(async (code) => {
      const all = await api.get(`/municipalities/${encodeURIComponent(code)}/debtor-accounts?limit=1000`).catch(() => []);
      const active = all.filter((a) => a.active).sort((x, y) => Number(y.is_default) - Number(x.is_default));
      if (active.length === 0) return h('p', { class: 'hint' }, t('fin.runs.no_account', { code }));
      return field({ name: `accounts.${code}`, label: t('fin.runs.account_of', { code }), type: 'select',
        value: active[0].id, options: active.map((x) => ({ value: x.id,
          label: `${x.label || x.name} — ${x.iban}${x.is_default ? ` (${t('fin.runs.default_account')})` : ''}` })) });
    }));
    if (mine === asked) box.replaceChildren(...rows);
  };
  select.addEventListener('change', refresh);
  refresh();
  return box;
}

// One or several municipalities (default: those the user works for, from /auth/me), each paid
// from the account chosen for it (default: its default account).
function prepareForm(ctx, municipalities, providers) {
  const q = ctx.query;
  const chosen = q.get('municipality') ? q.get('municipality').split(',') : municipalities.map((m) => m.code);
  const which = field({ name: 'municipality_code', label: t('fin.runs.municipality'), type: 'select', required: true,
    options: municipalityOptions(municipalities), hint: t('fin.runs.municipalities_hint') });
  const select = which.querySelector('select');
  select.multiple = true;
  select.size = Math.min(Math.max(municipalities.length, 2), 6);
  for (const o of select.options) o.selected = chosen.includes(o.value);
  const fields = [
    which,
    { name: 'due_until', label: t('fin.runs.due_until'), type: 'date', required: true,
      value: q.get('due_until') || isoDay(30), hint: t('fin.runs.due_until_hint') },
    { name: 'execution_date', label: t('fin.runs.execution_date'), type: 'date', hint: t('fin.runs.execution_hint') },
    { name: 'provider_ids', label: t('fin.runs.providers'), type: 'select', value: q.get('provider') || '',
      options: [{ value: '', label: t('fin.runs.all_providers') },
        ...[...providers.values()].map((p) => ({ value: p.id, label: `${p.name} (${p.agb})` }))] },
  ];
  const el = form(fields, t('fin.runs.prepare'), async (v) => {
    const codes = [...select.selectedOptions].map((o) => o.value);
    const body = { municipality_codes: codes, due_until: v.due_until };
    const accounts = {};
    for (const code of codes) {
      if (v[`accounts.${code}`]) accounts[code] = Number(v[`accounts.${code}`]);
    }
    if (Object.keys(accounts).length) body.accounts = accounts;
    if (v.execution_date) body.execution_date = v.execution_date;
    if (v.provider_ids) body.provider_ids = [Number(v.provider_ids)];
    const run = await api.post('/payment-runs', body);
    announce(t('fin.runs.prepared', { id: run.id, total: money(run.control_sum_cents) }));
    ctx.navigate(runPath(run.id));
  }, { aliases: { municipality_codes: 'municipality_code' }, extra: [accountChoices(select)] });
  el.id = 'prepare-run';
  return el;
}

// Saving an account redraws the screen, so the run form offers the new default at once.
function debtorForm(ctx, municipalities) {
  const fields = [
    { name: 'code', label: t('fin.runs.municipality'), type: 'select', required: true,
      options: municipalityOptions(municipalities), value: firstCode(municipalities) },
    { name: 'iban', label: t('fin.debtor.iban'), required: true, autocomplete: 'off' },
    { name: 'bic', label: t('fin.debtor.bic'), hint: t('fin.debtor.bic_hint') },
    { name: 'name', label: t('fin.debtor.name'), required: true },
  ];
  const el = form(fields, t('fin.debtor.save'), async (v, f) => {
    const body = { iban: v.iban.replace(/\s+/g, '').toUpperCase(), name: v.name };
    if (v.bic) body.bic = v.bic;
    const answer = await api.post(`/municipalities/${encodeURIComponent(v.code)}/debtor-account`, body);
    announce(t('fin.debtor.saved', { code: answer.municipality_code, iban: answer.iban }));
    f.reset();
    await ctx.rerender();
  }, { aliases: { municipality_code: 'code' } });
  el.id = 'debtor-account';
  return el;
}

async function runsScreen(main, ctx) {
  const parts = [section(t('fin.runs.list'), exportButton('/exports/payment-runs.csv', 'betaalruns.csv'), runsList(ctx))];
  if (ctx.user.role === 'finance') {
    const [all, providers] = await Promise.all([api.get('/municipalities?limit=1000'), providerMap()]);
    const municipalities = ownOf(ctx.user, all);
    parts.unshift(h('div', { class: 'grid' },
      section(t('fin.runs.new'), h('p', { class: 'hint' }, t('fin.runs.new_intro')), prepareForm(ctx, municipalities, providers)),
      section(t('fin.debtor.title'), h('p', { class: 'hint' }, t('fin.debtor.intro')), debtorForm(ctx, municipalities))));
  }
  page(main, t('fin.runs.title'), ...parts);
}

// ---- one run -------------------------------------------------------------------------------

function sum(items) {
  return items.reduce((s, i) => s + Number(i.amount_cents), 0);
}

function summary(run, items) {
  const paid = items.filter((i) => i.outcome === 'paid');
  const offsets = items.filter((i) => i.outcome === 'offset');
  const left = items.filter((i) => i.outcome === 'left_out');
  return section(t('fin.run.summary'), facts([
    [t('ui.status'), runStatusWithBank(run, statusBadge)],
    [t('fin.runs.municipality'), runMunicipalities(run)],
    [t('fin.run.accounts'), (run.accounts || []).map((a) => h('div', {},
      `${a.municipality_code}: ${a.name ? `${a.name} — ` : ''}${a.iban || t('fin.run.account_unknown')}`))],
    [t('fin.runs.due_until'), date(run.due_until)],
    [t('fin.runs.execution_date'), date(run.execution_date)],
    [t('fin.runs.prepared_by'), `${run.prepared_by} — ${dateTime(run.prepared_at)}`],
    [t('fin.runs.approved_by'), run.approved_by ? `${run.approved_by} — ${dateTime(run.approved_at)}` : ''],
    [t('fin.run.message_id'), run.message_id],
    [t('fin.runs.transactions'), integer(run.transactions)],
    [t('fin.run.paid_payables'), `${integer(paid.length)} — ${money(sum(paid))}`],
    [t('fin.run.offsets'), `${integer(offsets.length)} — ${money(sum(offsets))}`],
    [t('fin.run.left_out'), `${integer(left.length)} — ${money(sum(left))}`],
    [t('fin.runs.total'), h('strong', { id: 'run-total' }, money(run.control_sum_cents))],
    [t('fin.run.sha256'), run.pain001_sha256 ? h('code', {}, run.pain001_sha256) : ''],
  ]));
}

function transfersTable(run) {
  return table([
    { key: 'end_to_end_id', label: t('fin.run.e2e'), render: (x) => h('code', {}, x.end_to_end_id) },
    { key: 'creditor_name', label: t('fin.run.creditor') },
    { key: 'creditor_iban', label: t('fin.run.iban') },
    { key: 'municipality_code', label: t('fin.runs.municipality') },
    { key: 'debtor_iban', label: t('fin.run.debtor_iban') },
    { key: 'remittance', label: t('fin.run.remittance') },
    { key: 'status', label: t('ui.status'), render: (x) => [statusBadge('transfer', x.status),
      x.return_reason ? ` ${t('fin.run.return_reason', { code: x.return_reason })}` : ''] },
    { key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' },
  ], run.transfers, { caption: t('fin.run.transfers_caption'), empty: t('fin.run.no_transfers') });
}

function itemsTable(items, providers, transfers, caption, empty, withReason) {
  const e2e = new Map(transfers.map((x) => [x.id, x.end_to_end_id]));
  const columns = [
    { key: 'provider_id', label: t('fin.run.provider'),
      render: (i) => link(`/finance/providers/${i.provider_id}`, providerName(providers, i.provider_id)) },
    { key: 'payable_id', label: t('fin.run.payable'), format: (v) => `#${v}` },
  ];
  if (withReason) columns.push({ key: 'reason', label: t('fin.run.reason'), format: leftOutReason });
  else columns.push({ key: 'instruction_id', label: t('fin.run.e2e'), format: (v) => e2e.get(v) || t('fin.run.by_offset') });
  columns.push({ key: 'amount_cents', label: t('fin.run.amount'), format: money, align: 'right' });
  return table(columns, items, { caption, empty });
}

// The refusal of an approval, in words a user acts on.
function approveError(error, run) {
  if (error.code === 'FOUR_EYES') {
    return alertBox(h('strong', {}, t('fin.run.four_eyes_title')), ' ',
      t('fin.run.four_eyes', { user: run.prepared_by }), ` (${error.code})`);
  }
  if (error.code === 'RUN_STALE') {
    const again = `/finance/runs?municipality=${encodeURIComponent(run.municipality_code)}&due_until=${encodeURIComponent(run.due_until)}`;
    return alertBox(h('strong', {}, t('fin.run.stale_title')), ' ', t('fin.run.stale'),
      ` (${error.code}) `, link(again, t('fin.run.prepare_again')));
  }
  return errorBlock(error);
}

// What approving commits to, shown before it is done.
function approvalSummary(run) {
  return [facts([
    [t('fin.runs.transactions'), integer(run.transactions)],
    [t('fin.runs.total'), money(run.control_sum_cents)],
    [t('fin.runs.execution_date'), date(run.execution_date)],
    [t('fin.run.accounts'), (run.accounts || []).map((a) => h('div', {}, `${a.municipality_code}: ${a.iban || t('fin.run.account_unknown')}`))],
  ])];
}

// The preparer sees why there is nothing to approve; another finance user approves after a
// summary of the run and a confirmation.
function approvePanel(run, ctx) {
  if (run.prepared_by === ctx.user.name) {
    return section(t('fin.run.approval'), h('p', { id: 'approve-mine' }, t('fin.run.approve_mine')));
  }
  const feedback = h('div', { id: 'approve-feedback' });
  const step = confirmStep({
    label: t('fin.run.approve'),
    title: t('fin.run.approve_confirm_title', { id: run.id }),
    summary: () => approvalSummary(run),
    confirmLabel: t('fin.run.approve_confirm'),
    act: async () => {
      feedback.replaceChildren();
      await api.post(`/payment-runs/${run.id}/approve`);
      announce(t('fin.run.approved', { id: run.id }));
      await ctx.rerender();
    },
    onError: (error) => {
      if (!error || !error.code) throw error;
      const box = approveError(error, run);
      feedback.replaceChildren(box);
      box.focus();
    },
  });
  return section(t('fin.run.approval'), h('p', {}, t('fin.run.approve_intro', { user: run.prepared_by })), step, feedback);
}

// A prepared run that can no longer be approved as it is says so, with the way out.
function staleBanner(run) {
  const again = `/finance/runs?municipality=${encodeURIComponent(run.municipality_code)}&due_until=${encodeURIComponent(run.due_until)}`;
  const box = alertBox(h('strong', {}, t('fin.run.stale_banner')), ' ', run.stale_reason || '', ' ',
    link(again, t('fin.run.prepare_again')));
  box.id = 'stale-banner';
  return box;
}

// Cancelling a prepared run: a reason is required (audited); its payables go to the next run.
function cancelPanel(run, ctx) {
  const fields = [{ name: 'reason', label: t('fin.run.cancel_reason'), type: 'textarea', required: true,
    hint: t('fin.run.cancel_hint') }];
  const el = form(fields, t('fin.run.cancel'), async (v) => {
    await api.post(`/payment-runs/${run.id}/cancel`, { reason: v.reason });
    announce(t('fin.run.cancelled', { id: run.id }));
    await ctx.rerender();
  });
  el.id = 'cancel-run';
  return section(t('fin.run.cancel_title'), el);
}

function downloadPanel(run) {
  const bar = quietProgress(t('fin.run.download_progress'));
  const feedback = h('div');
  const button = h('button', { type: 'button', class: 'primary', id: 'download-pain001' }, t('fin.run.download'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    feedback.replaceChildren();
    bar.update(0, 0);
    try {
      await api.download(`/payment-runs/${run.id}/pain001`, `pain001-${run.message_id || run.id}.xml`, bar.update);
      bar.done();
      announce(t('fin.run.downloaded'));
    } catch (error) {
      if (!error || !error.code) throw error;
      feedback.replaceChildren(errorBlock(error));
    } finally {
      button.disabled = false;
    }
  });
  return section(t('fin.run.file'), h('p', {}, t('fin.run.file_intro')),
    h('div', { class: 'actions' }, button), bar.el, feedback);
}

async function runScreen(main, ctx) {
  const [run, providers] = await Promise.all([api.get(`/payment-runs/${encodeURIComponent(ctx.params.id)}`), providerMap()]);
  const items = run.items || [];
  const parts = [h('p', {}, link('/finance/runs', t('fin.run.back')))];
  if (run.stale) parts.push(staleBanner(run));
  parts.push(summary(run, items));
  if (run.status === 'prepared' && ctx.user.role === 'finance') parts.push(approvePanel(run, ctx), cancelPanel(run, ctx));
  if (run.status === 'approved' && Number(run.transactions) > 0) parts.push(downloadPanel(run));
  if (run.status === 'approved' && Number(run.transactions) === 0) {
    parts.push(section(t('fin.run.file'), h('p', { id: 'no-file' }, t('fin.run.no_file'))));
  }
  parts.push(
    exportButton(`/exports/payment-runs/${run.id}/items.csv`, `betaalrun-${run.id}-posten.csv`),
    section(t('fin.run.transfers'), transfersTable(run)),
    section(t('fin.run.paid_payables'), itemsTable(items.filter((i) => i.outcome === 'paid'), providers, run.transfers,
      t('fin.run.paid_caption'), t('fin.run.none'), false)),
    section(t('fin.run.offsets'), h('p', { class: 'hint' }, t('fin.run.offsets_intro')),
      itemsTable(items.filter((i) => i.outcome === 'offset'), providers, run.transfers,
        t('fin.run.offsets_caption'), t('fin.run.no_offsets'), false)),
    section(t('fin.run.left_out'), h('p', { class: 'hint' }, t('fin.run.left_out_intro')),
      itemsTable(items.filter((i) => i.outcome === 'left_out'), providers, run.transfers,
        t('fin.run.left_out_caption'), t('fin.run.none_left_out'), true)),
  );
  page(main, t('fin.run.title', { id: run.id }), ...parts);
}

export default [
  { path: '/finance/runs', nav: 'fin.nav.runs', roles: ['finance', 'auditor'], render: runsScreen },
  { path: '/finance/runs/:id', roles: ['finance', 'auditor'], render: runScreen },
];
