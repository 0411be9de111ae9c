// "Keten (GGk)" (issue 16): track & trace of every envelope sent through the Gemeentelijk
// Gegevensknooppunt (GET /chain/envelopes, paged by the server: search, state and provider
// filters, sortable): kind, message, provider, state, attempts, the times and the chain's error;
// a failed envelope sent again (POST /chain/envelopes/{id}/retry) by a contract manager or an
// access officer. Below it, a provider's message path (direct or through the GGk).
import * as api from '../api.js';
import { dateTime, integer } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { announce, clearAnnouncement, errorContent, h, page, section } from '../ui.js';
import { CHAIN_STATES, providerPathPicker, stateBadge } from './chain_common.js';

const READERS = ['contract_manager', 'access_officer', 'auditor'];
const RETRIERS = ['contract_manager', 'access_officer'];

const nowrap = (text) => h('span', { class: 'nowrap' }, text);

// "Heenbericht" with its StUF name below (Di01).
function kindCell(e) {
  return h('span', {}, t(`chain.kind.${e.kind}`), h('br'), h('small', { class: 'hint' }, e.kind));
}

function messageCell(e) {
  const what = [e.functie, e.identificatie].filter(Boolean).join(' · ');
  return h('span', {}, what || '—', h('br'), h('small', { class: 'hint' }, t('chain.reference', { ref: e.referentienummer })));
}

// The moments that say where the envelope is: its next attempt while queued, then delivered,
// acknowledged or failed.
function timesCell(e) {
  const lines = [];
  const line = (key, at) => h('span', {}, t(key, { at: '' }), nowrap(dateTime(at)));
  if (e.state === 'queued' && e.next_attempt_at) lines.push(line('chain.time.next', e.next_attempt_at));
  if (e.delivered_at) lines.push(line('chain.time.delivered', e.delivered_at));
  if (e.acknowledged_at) lines.push(line('chain.time.acknowledged', e.acknowledged_at));
  if (e.failed_at) lines.push(line('chain.time.failed', e.failed_at));
  return h('span', {}, lines.map((l, i) => [i ? h('br') : null, l]));
}

// A failed envelope: the chain's code with its meaning (its own text when the code is not
// known). Otherwise the last delivery error (e.g. the GGk could not be reached), and the code
// of an earlier failure when the envelope was sent again (the server keeps it).
function faultCell(e) {
  if (e.state === 'failed' && e.fault_code) {
    return h('span', { class: 'chain-fault' }, h('strong', {}, e.fault_code), ' — ', e.fault_meaning || e.fault_text || '');
  }
  const earlier = e.fault_code ? h('small', { class: 'hint' }, t('chain.earlier_fault', { code: e.fault_code })) : null;
  return h('span', {}, e.last_error ? h('span', { class: 'chain-error' }, e.last_error) : '',
    e.last_error && earlier ? h('br') : null, earlier);
}

function retryCell(ctx, e, list) {
  if (e.state !== 'failed' || !RETRIERS.includes(ctx.user.role)) return '';
  const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'button', 'aria-label': t('chain.retry_label', { ref: e.referentienummer }) }, t('chain.retry'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    problem.hidden = true;
    try {
      await api.post(`/chain/envelopes/${e.id}/retry`);
      announce(t('chain.retried', { ref: e.referentienummer }));
      list.reload();
    } catch (error) {
      if (!error || !error.code) throw error;
      clearAnnouncement();
      problem.replaceChildren(...errorContent(error));
      problem.hidden = false;
      // Not failed (any more): someone sent it again first; nothing to send.
      button.disabled = false;
      button.hidden = error.code === 'CHAIN_NOT_FAILED';
    }
  });
  return h('span', {}, button, problem);
}

function columns(ctx, list) {
  return [
    { key: 'created_at', label: t('chain.col.created'), sortBy: 'created_at', format: (v) => nowrap(dateTime(v)) },
    { key: 'kind', label: t('chain.col.kind'), render: kindCell },
    { key: 'functie', label: t('chain.col.message'), sortBy: 'functie', render: messageCell },
    { key: 'provider_agb', label: t('chain.col.provider'), format: (v) => nowrap(v || '') },
    { key: 'state', label: t('chain.col.state'), sortBy: 'state', render: (e) => stateBadge(e.state) },
    { key: 'attempts', label: t('chain.col.attempts'), sortBy: 'attempts', align: 'right', format: integer },
    { key: 'times', label: t('chain.col.times'), render: timesCell },
    { key: 'fault', label: t('chain.col.fault'), render: faultCell },
    RETRIERS.includes(ctx.user.role) ? { key: 'id', label: t('chain.col.actions'), render: (e) => retryCell(ctx, e, list.el) } : null,
  ];
}

function envelopeList(ctx, providers) {
  const list = {};
  list.el = pagedList(ctx, {
    path: (params) => `/chain/envelopes${api.query(params)}`,
    searchLabel: t('chain.search'),
    searchHint: t('chain.search_hint'),
    filters: [
      { name: 'state', label: t('chain.filter.state'), options: CHAIN_STATES.map((s) => ({ value: s, label: t(`chain.state.${s}`) })) },
      { name: 'agb', label: t('chain.filter.provider'), options: providers.map((p) => ({ value: p.agb, label: `${p.name} (${p.agb})` })) },
    ],
    columns: columns(ctx, list),
    caption: t('chain.caption'),
    empty: t('chain.empty'),
    rowClass: (e) => (e.state === 'failed' ? 'chain-failed' : null),
  });
  list.el.classList.add('chain-list');
  return list.el;
}

async function chainScreen(main, ctx) {
  const providers = await api.getCached('/providers?limit=1000');
  page(main, t('chain.title'), h('p', {}, t('chain.intro')),
    envelopeList(ctx, providers),
    section(t('path.section'), await providerPathPicker(ctx)));
}

// The route carries every reading role; the menu entries follow the request queue in the
// contract manager's menu and the allocations in the access officer's and the auditor's.
export default [
  { path: '/chain', roles: READERS, render: chainScreen },
  { path: '/chain', nav: 'chain.nav', roles: READERS, render: chainScreen },
];
