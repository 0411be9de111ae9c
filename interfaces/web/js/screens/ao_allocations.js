// Allocations (toewijzingen): the list with filters, and one allocation with its versions, the
// forms to change or end it, and the iWmo messages exchanged with its provider since.
import * as api from '../api.js';
import { date, dateTime } from '../format.js';
import { t } from '../i18n.js';
import { announce, badge, form, h, link, load, section, table } from '../ui.js';
import {
  ALLOCATORS, allocationBadge, capText, facts, localizedCall, messageName, outcomeBadge,
  productMap, productText, providerMap, providerText, show, tOr, withQuery,
} from './ao_common.js';
import { pagedList } from '../paged_list.js';
import { allocationColumns, validity } from './ao_client.js';
import { chainCell } from './chain_common.js';

// RedenWijziging 02..14 (01 is obsolete and refused by the server).
const REASONS = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14'];

function reasonText(code) {
  if (!code) return '';
  const words = tOr(`ao.reason.${code}`, '');
  return words ? `${code} — ${words}` : code;
}

function reasonField() {
  return { name: 'reason_code', label: t('ao.alloc.reason'), type: 'select', required: true, hint: t('ao.alloc.reason_hint'),
    options: [{ value: '', label: t('ao.choose') }, ...REASONS.map((r) => ({ value: r, label: reasonText(r) }))] };
}

// Ending an allocation before today or lowering a volume that applied already needs the
// provider's consent first (OP186, OP298, OP299): who agreed, and on which day.
function consentFields() {
  return [
    { name: 'consent_by', label: t('ao.alloc.consent_by'), hint: t('ao.alloc.consent_hint') },
    { name: 'consent_on', label: t('ao.alloc.consent_on'), type: 'date' },
  ];
}

function withConsent(body, v) {
  if (v.consent_by || v.consent_on) body.provider_consent = { given_by: v.consent_by, given_on: v.consent_on };
  return body;
}

// The list, paged by the server: a search (number, product, the provider's reference, the
// client's surname), filters by provider and product, sortable columns. ?client_id= (a link
// from elsewhere) narrows it to one client.
async function renderList(main, ctx) {
  const clientId = ctx.query.get('client_id') || '';
  const [products, providers] = await Promise.all([productMap(), providerMap()]);
  // The providers' requests for (changes of) allocations are in the shared queue (/requests).
  const requests = ctx.user.role === 'auditor' ? null : h('p', {}, link('/requests', t('ao.alloc.requests')));
  const list = pagedList(ctx, {
    path: (params) => withQuery('/allocations', { ...params, client_id: clientId }),
    defaultSort: '-number',  // the newest allocations first
    searchLabel: t('ao.alloc.search'),
    searchHint: t('ao.alloc.search_hint'),
    filters: [
      { name: 'provider_id', label: t('ao.alloc.provider'), options: [...providers.values()].sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({ value: String(p.id), label: `${p.name} (${p.agb})` })) },
      { name: 'product', label: t('ao.decision.product'), options: [...products.values()].map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })) },
    ],
    columns: allocationColumns(products, providers, { showClient: true }),
    caption: t('ao.alloc.caption'),
    empty: t('ao.alloc.empty'),
  });
  show(main, t('ao.alloc.list_title'), requests,
    clientId ? h('p', {}, t('ao.alloc.for_client', { id: clientId }), ' ', link('/allocations', t('ao.alloc.all_clients'))) : null,
    section(t('ao.alloc.current'), list));
}

function versionsTable(versions) {
  return table([
    { key: 'version', label: t('ao.alloc.version'), align: 'right' },
    { key: 'allocated_at', label: t('ao.alloc.allocated_at'), format: dateTime },
    { key: 'period', label: t('ao.alloc.period'), render: (v) => validity(v.start_date, v.end_date) },
    { key: 'cap', label: t('ao.alloc.cap'), render: (v) => capText(v.volume, v.unit, v.frequency) },
    { key: 'reason_change', label: t('ao.alloc.reason'), format: (r) => reasonText(r) || t('ao.alloc.first') },
    { key: 'created_by', label: t('ao.alloc.by') },
    { key: 'provider_consent', label: t('ao.alloc.consent'), format: (c) => (c ? `${c.given_by} (${date(c.given_on)})` : '') },
    { key: 'is_current', label: t('ui.status'), render: (v) => (v.is_current ? badge(t('ao.alloc.current_version'), 'ok') : badge(t('ao.alloc.replaced'), 'neutral')) },
  ], [...versions].reverse(), { caption: t('ao.alloc.versions_caption') });
}

function changeForms(ctx, a) {
  if (!ALLOCATORS.includes(ctx.user.role) || a.reason_change === '13') return null;
  const after = async (call) => {
    const out = await localizedCall(call);
    announce(t('ao.alloc.new_version', { version: out.version }));
    await ctx.rerender();
  };
  // A volume per day, week or month changes from a date through a new allocation (OP033x1).
  const dated = a.frequency !== 'total';
  const change = form([
    { name: 'volume', label: t('ao.alloc.new_volume'), type: 'number', min: 1, step: 1, hint: t('ao.alloc.unit_hint', { cap: capText(a.volume, a.unit, a.frequency) }) },
    dated ? { name: 'effective_date', label: t('ao.alloc.effective'), type: 'date', hint: t('ao.alloc.effective_hint') } : null,
    { name: 'end_date', label: t('ao.alloc.new_end'), type: 'date', hint: t('ao.exclusive_hint') },
    reasonField(),
    ...consentFields(),
  ].filter(Boolean), t('ao.alloc.change_submit'), async (v) => {
    const out = await localizedCall(() => api.post(`/allocations/${a.number}/changes`, withConsent({
      reason_code: v.reason_code, volume: v.volume ? Number(v.volume) : undefined, end_date: v.end_date || undefined,
      effective_date: v.effective_date || undefined,
    }, v)));
    if (out.replaces) {
      announce(t('ao.alloc.replaced_by', { number: out.number }));
      ctx.navigate(`/allocations/${out.number}`);
      return;
    }
    announce(t('ao.alloc.new_version', { version: out.version }));
    await ctx.rerender();
  }, { aliases: { provider_consent: 'consent_by' } });
  const end = form([
    { name: 'end_date', label: t('ao.alloc.end'), type: 'date', required: true, hint: t('ao.alloc.end_removed_hint') },
    reasonField(),
    ...consentFields(),
  ], t('ao.alloc.end_submit'), (v) => after(() => api.post(`/allocations/${a.number}/end`,
    withConsent({ end_date: v.end_date, reason_code: v.reason_code }, v))), { aliases: { provider_consent: 'consent_by' } });
  end.querySelector('button[type="submit"]').classList.replace('primary', 'danger');
  return section(t('ao.alloc.change_title'),
    h('details', {}, h('summary', {}, t('ao.alloc.change')), change),
    h('details', {}, h('summary', {}, t('ao.alloc.end_action')), end));
}

// The messages about this client exchanged with this allocation's provider: the allocations sent
// (WMO301), the provider's requests (WMO315/317) and its starts and stops of care (WMO305/307),
// each with where it is in the GGk chain (Keten) or "Direct".
function messagesSection(a, provider) {
  const body = h('div', {});
  const intro = h('p', { class: 'hint' }, provider
    ? t('ao.msg.intro', { provider: provider.name, agb: provider.agb })
    : t('ao.msg.no_provider'));
  const el = section(t('ao.msg.title'), intro, body);
  if (!provider) return el;
  load(body, () => api.get(withQuery('/message-log', { agb: provider.agb, client_id: a.client_id, limit: 500 })), (rows) => table([
    { key: 'at', label: t('ao.msg.at'), format: dateTime },
    { key: 'direction', label: t('ao.msg.direction'), format: (d) => t(`ao.msg.dir.${d}`) },
    { key: 'message_code', label: t('ao.msg.message'), format: messageName },
    { key: 'identificatie', label: t('ao.msg.id') },
    { key: 'outcome', label: t('ui.status'), render: (m) => outcomeBadge(m.outcome) },
    { key: 'retour', label: t('ao.msg.retour') },
    { key: 'chain_state', label: t('chain.column'), render: chainCell },
  ], rows, { caption: t('ao.msg.caption'), empty: t('ao.msg.empty') }));
  return el;
}

async function renderAllocation(main, ctx) {
  const number = ctx.params.number;
  const [a, products, providers] = await Promise.all([api.get(`/allocations/${number}`), productMap(), providerMap()]);
  const provider = providers.get(a.provider_id);
  show(main, t('ao.alloc.title_n', { number: a.number }),
    h('p', {}, link(`/clients/${a.client_id}`, t('ao.alloc.to_client'))),
    section(t('ao.alloc.current_version'), facts([
      [t('ui.status'), allocationBadge(a)],
      [t('ao.alloc.client'), link(`/clients/${a.client_id}`, t('ao.client_n', { id: a.client_id }))],
      [t('ao.decision.product'), productText(products, a.product_code)],
      [t('ao.alloc.provider'), providerText(providers, a.provider_id)],
      [t('ao.alloc.period'), validity(a.start_date, a.end_date)],
      [t('ao.alloc.cap'), capText(a.volume, a.unit, a.frequency)],
      [t('ao.alloc.version'), String(a.version)],
      [t('ao.alloc.reason'), reasonText(a.reason_change)],
      [t('ao.alloc.reference'), a.referentie_aanbieder],
    ])),
    section(t('ao.alloc.versions'), versionsTable(a.versions || [a])),
    changeForms(ctx, a),
    messagesSection(a, provider));
}

export const allocationsList = renderList;
export const allocationPage = renderAllocation;
