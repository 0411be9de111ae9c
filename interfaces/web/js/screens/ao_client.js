// One client: personal data (BSN masked until the access officer deliberately shows it), the
// access decisions with their granted products, the allocations, and the forms to add both.
import * as api from '../api.js';
import { date, maskedBsn, money, parseAmount } from '../format.js';
import { t } from '../i18n.js';
import { announce, field, form, h, link, section, table } from '../ui.js';
import {
  ALLOCATORS, AO, allocationBadge, capText, clientName, districts, facts, fieldError, genderText, isoDay,
  localizedCall, municipalities, productMap, productText, providerMap, providerText, show, withQuery,
} from './ao_common.js';

// The BSN: masked, with a button that fetches the record again (an audited read) and shows the
// full number to an access officer. The full number is not kept in the page until then.
function bsnBox(ctx, client) {
  const value = h('span', { id: 'client-bsn' }, maskedBsn(client.bsn_masked));
  if (!AO.includes(ctx.user.role)) return value;
  let shown = false;
  const button = h('button', { type: 'button', 'aria-controls': 'client-bsn' }, t('ao.client.show_bsn'));
  button.addEventListener('click', async () => {
    if (shown) {
      value.textContent = maskedBsn(client.bsn_masked);
    } else {
      const fresh = await api.get(`/clients/${client.id}`);
      if (!fresh.bsn) {
        announce(t('ao.client.bsn_not_given'), 'warn');
        return;
      }
      value.textContent = fresh.bsn;
    }
    shown = !shown;
    button.textContent = t(shown ? 'ao.client.hide_bsn' : 'ao.client.show_bsn');
  });
  return h('span', {}, value, ' ', button);
}

async function personalData(ctx, c) {
  const [munis, dists] = await Promise.all([municipalities(), districts().catch(() => [])]);
  const muni = munis.find((m) => m.code === c.municipality_code);
  const district = dists.find((d) => d.id === c.district_id);
  const address = [[c.street, c.house_number].filter(Boolean).join(' '), [c.postcode, c.city].filter(Boolean).join(' ')]
    .filter(Boolean).join(', ');
  return section(t('ao.client.personal'), facts([
    [t('ao.client.bsn'), bsnBox(ctx, c)],
    [t('ao.client.name'), clientName(c)],
    [t('ao.client.initials'), c.initials],
    [t('ao.client.birth_date'), date(c.birth_date)],
    [t('ao.client.gender'), genderText(c.gender)],
    [t('ao.client.address'), address],
    [t('ao.client.municipality'), muni ? `${muni.name} (${muni.code})` : c.municipality_code],
    [t('ao.client.district'), district ? district.name : ''],
    [t('ao.client.team'), c.team_name || t('ao.client.team_unknown')],
  ]), AO.includes(ctx.user.role) ? await teamForm(ctx, c) : null);
}

// The client's team (sociaal wijkteam): a team budget counts only its clients' care. Offered
// are the teams of the client's municipality, of its district when it has one.
async function teamForm(ctx, c) {
  const [teams, dists] = await Promise.all([api.get('/teams?limit=1000').catch(() => []), districts().catch(() => [])]);
  const districtName = new Map(dists.map((d) => [d.id, d.name]));
  const options = [{ value: '', label: t('ao.client.team_unknown') }, ...teams
    .filter((tm) => tm.municipality_code === c.municipality_code && (c.district_id == null || tm.district_id === c.district_id))
    .map((tm) => ({ value: tm.id, label: `${tm.name} (${districtName.get(tm.district_id) || tm.district_id})` }))];
  const el = form([
    { name: 'team_id', label: t('ao.client.team'), type: 'select', options, value: c.team_id ?? '' },
  ], t('ao.client.team_save'), async (v) => {
    await localizedCall(() => api.patch(`/clients/${c.id}`, { team_id: v.team_id === '' ? null : Number(v.team_id) }));
    announce(t('ao.client.team_saved'));
    await ctx.rerender();
  });
  return h('details', {}, h('summary', {}, t('ao.client.team_change')), el);
}

// iWmo OP003: whether messages about the client go out; an access officer withholds them with
// the professional's reason (e.g. a stay in a shelter) or releases them again.
function messageSafety(ctx, c) {
  const state = c.messages_withheld
    ? facts([
      [t('ao.safety.state'), t('ao.safety.withheld', { since: date((c.messages_withheld_since || '').slice(0, 10)) })],
      [t('ao.safety.reason'), c.messages_withheld_reason || ''],
    ])
    : h('p', {}, t('ao.safety.flowing'));
  if (!AO.includes(ctx.user.role)) return section(t('ao.safety.title'), state);
  const change = c.messages_withheld
    ? form([], t('ao.safety.release'), async () => {
      await localizedCall(() => api.post(`/clients/${c.id}/message-safety`, { withhold: false }));
      announce(t('ao.safety.released'));
      await ctx.rerender();
    })
    : form([
      { name: 'reason', label: t('ao.safety.reason'), type: 'textarea', required: true, hint: t('ao.safety.reason_hint') },
    ], t('ao.safety.withhold'), async (v) => {
      await localizedCall(() => api.post(`/clients/${c.id}/message-safety`, { withhold: true, reason: v.reason }));
      announce(t('ao.safety.withheld_now'));
      await ctx.rerender();
    });
  return section(t('ao.safety.title'), state, h('p', { class: 'hint' }, t('ao.safety.explain')), change);
}

// Decisions flattened to one row per granted product.
function decisionsTable(decisions, products) {
  const rows = decisions.flatMap((d) => d.products.map((g, i) => ({ d, g, first: i === 0 })));
  return table([
    { key: 'number', label: t('ao.decision.number'), render: (r) => (r.first ? String(r.d.number) : '') },
    { key: 'decision_date', label: t('ao.decision.date'), render: (r) => (r.first ? date(r.d.decision_date) : '') },
    { key: 'valid', label: t('ao.decision.validity'), render: (r) => (r.first ? validity(r.d.valid_from, r.d.valid_to) : '') },
    { key: 'product', label: t('ao.decision.product'), render: (r) => productText(products, r.g.product_code) },
    { key: 'cap', label: t('ao.decision.cap'), render: (r) => capText(r.g.volume, r.g.unit, r.g.frequency) },
    { key: 'financing', label: t('ao.decision.financing'), render: (r) => financingText(r.g) },
  ], rows, { caption: t('ao.decision.caption'), empty: t('ao.decision.empty') });
}

export function validity(from, to) {
  return to ? t('ao.period', { from: date(from), to: date(to) }) : t('ao.period_open', { from: date(from) });
}

function financingText(g) {
  const kind = t(`ao.financing.${g.financing}`);
  return g.financing === 'PGB' && g.pgb_budget_cents != null ? `${kind}, ${money(g.pgb_budget_cents)}` : kind;
}

// One product line of the decision form; lines after the first get a name suffix.
function productLine(index, products) {
  const sfx = index === 0 ? '' : `__${index}`;
  const options = [...products.values()].filter((p) => p.kind !== 'general_provision')
    .map((p) => ({ value: p.code, label: `${p.code} ${p.name} (${t(`ao.unit.${p.unit}`)})` }));
  const freq = ['week', 'month', 'day', 'total'].map((f) => ({ value: f, label: t(`ao.freq.${f}`) }));
  return h('fieldset', { class: 'card' }, h('legend', {}, t('ao.decision.line', { n: index + 1 })),
    field({ name: `product_code${sfx}`, label: t('ao.decision.product'), type: 'select', required: true, options }),
    field({ name: `volume${sfx}`, label: t('ao.decision.volume'), type: 'number', min: 1, step: 1, required: true,
      hint: t('ao.decision.volume_hint') }),
    field({ name: `frequency${sfx}`, label: t('ao.decision.frequency'), type: 'select', required: true, options: freq }),
    field({ name: `financing${sfx}`, label: t('ao.decision.financing'), type: 'select', required: true,
      options: ['ZIN', 'PGB'].map((f) => ({ value: f, label: t(`ao.financing.${f}`) })) }),
    field({ name: `pgb_budget${sfx}`, label: t('ao.decision.pgb_budget'), hint: t('ao.decision.pgb_hint'), inputmode: 'decimal' }));
}

function grantsFrom(v, count, products) {
  const grants = [];
  for (let i = 0; i < count; i++) {
    const sfx = i === 0 ? '' : `__${i}`;
    const code = v[`product_code${sfx}`];
    const g = { product_code: code, volume: Number(v[`volume${sfx}`]), unit: products.get(code)?.unit,
      frequency: v[`frequency${sfx}`], financing: v[`financing${sfx}`] };
    if (!Number.isInteger(g.volume) || g.volume <= 0) throw fieldError('INVALID_VOLUME', `volume${sfx}`);
    if (g.financing === 'PGB') {
      const cents = parseAmount(v[`pgb_budget${sfx}`]);
      if (cents === null || cents <= 0) throw fieldError('INVALID_AMOUNT', `pgb_budget${sfx}`);
      g.pgb_budget_cents = cents;
    }
    grants.push(g);
  }
  return grants;
}

function decisionForm(ctx, client, products) {
  const lines = h('div', {}, productLine(0, products));
  const add = h('button', { type: 'button' }, t('ao.decision.add_line'));
  add.addEventListener('click', () => {
    const line = productLine(lines.children.length, products);
    lines.append(line);
    line.querySelector('select').focus();
  });
  const el = form([
    { name: 'number', label: t('ao.decision.number'), type: 'number', min: 1, max: 999999999, step: 1, required: true, hint: t('ao.decision.number_hint') },
    { name: 'decision_date', label: t('ao.decision.date'), type: 'date', required: true, value: isoDay() },
    { name: 'valid_from', label: t('ao.decision.valid_from'), type: 'date', required: true, value: isoDay() },
    { name: 'valid_to', label: t('ao.decision.valid_to'), type: 'date', hint: t('ao.exclusive_hint') },
  ], t('ao.decision.create'), async (v) => {
    const body = { number: Number(v.number), decision_date: v.decision_date, valid_from: v.valid_from,
      products: grantsFrom(v, lines.children.length, products) };
    if (v.valid_to) body.valid_to = v.valid_to;
    const created = await localizedCall(() => api.post(`/clients/${client.id}/decisions`, body));
    announce(t('ao.decision.created', { number: created.number }));
    await ctx.rerender();
  }, { aliases: { pgb_budget_cents: 'pgb_budget', products: 'product_code' }, extra: [lines, h('p', {}, add)] });
  return h('details', {}, h('summary', {}, t('ao.decision.new')), el);
}

// The granted products an allocation can draw on, as select options.
function grantOptions(decisions, products) {
  return decisions.flatMap((d) => d.products.map((g) => ({
    value: g.id,
    label: `${t('ao.decision.short', { number: d.number })} · ${productText(products, g.product_code)} · ${capText(g.volume, g.unit, g.frequency)} · ${g.financing}`,
    grant: g,
  })));
}

async function fillProviders(select, client, grant, day) {
  select.replaceChildren(h('option', { value: '' }, t('ui.loading')));
  if (!grant || !day) return;
  try {
    const list = await api.get(withQuery('/queries/eligible-providers', { product: grant.product_code, date: day, municipality: client.municipality_code, limit: 1000 }));
    select.replaceChildren(...(list.length ? list.map((p) => h('option', { value: p.provider_id }, `${p.name} (AGB ${p.agb})`))
      : [h('option', { value: '' }, t('ao.alloc.no_providers'))]));
  } catch (error) {
    select.replaceChildren(h('option', { value: '' }, `${error.message} (${error.code})`));
  }
}

function allocationForm(ctx, client, decisions, products) {
  const options = grantOptions(decisions, products);
  if (options.length === 0) return h('p', { class: 'hint' }, t('ao.alloc.needs_decision'));
  const el = form([
    { name: 'granted_product_id', label: t('ao.alloc.grant'), type: 'select', required: true, options },
    { name: 'start_date', label: t('ao.alloc.start'), type: 'date', required: true, value: isoDay() },
    { name: 'provider_id', label: t('ao.alloc.provider'), type: 'select', required: true, hint: t('ao.alloc.provider_hint'), options: [] },
    { name: 'end_date', label: t('ao.alloc.end'), type: 'date', hint: t('ao.alloc.end_hint') },
    { name: 'volume', label: t('ao.alloc.volume'), type: 'number', min: 1, step: 1, hint: t('ao.alloc.volume_hint') },
  ], t('ao.alloc.create'), async (v) => {
    if (!v.provider_id) throw fieldError('NO_PROVIDER', 'provider_id');
    const body = { granted_product_id: Number(v.granted_product_id), provider_id: Number(v.provider_id), start_date: v.start_date };
    if (v.end_date) body.end_date = v.end_date;
    if (v.volume) body.volume = Number(v.volume);
    const created = await localizedCall(() => api.post('/allocations', body));
    announce(t('ao.alloc.created', { number: created.number }));
    ctx.navigate(`/allocations/${created.number}`);
  });
  const grantSelect = el.querySelector('[name="granted_product_id"]');
  const startInput = el.querySelector('[name="start_date"]');
  const providerSelect = el.querySelector('[name="provider_id"]');
  const refresh = () => fillProviders(providerSelect, client,
    options.find((o) => String(o.value) === grantSelect.value)?.grant, startInput.value);
  grantSelect.addEventListener('change', refresh);
  startInput.addEventListener('change', refresh);
  refresh();
  return h('details', {}, h('summary', {}, t('ao.alloc.new')), el);
}

// The columns of an allocation list; sortBy: the server's sort names (GET /allocations).
export function allocationColumns(products, providers, { showClient = false } = {}) {
  return [
    { key: 'number', label: t('ao.alloc.number'), sortBy: 'number', render: (a) => link(`/allocations/${a.number}`, String(a.number)) },
    showClient ? { key: 'client_id', label: t('ao.alloc.client'), render: (a) => link(`/clients/${a.client_id}`, t('ao.client_n', { id: a.client_id })) } : null,
    { key: 'product_code', label: t('ao.decision.product'), sortBy: 'product_code', render: (a) => productText(products, a.product_code) },
    { key: 'provider_id', label: t('ao.alloc.provider'), render: (a) => providers.get(a.provider_id)?.name || providerText(providers, a.provider_id) },
    { key: 'period', label: t('ao.alloc.period'), sortBy: 'start_date', render: (a) => validity(a.start_date, a.end_date) },
    { key: 'volume', label: t('ao.alloc.cap'), render: (a) => capText(a.volume, a.unit, a.frequency) },
    { key: 'version', label: t('ao.alloc.version'), align: 'right' },
    { key: 'state', label: t('ui.status'), render: (a) => allocationBadge(a) },
  ].filter(Boolean);
}

export function allocationsTable(rows, products, providers, options = {}) {
  return table(allocationColumns(products, providers, options), rows, { caption: t('ao.alloc.caption'), empty: t('ao.alloc.empty') });
}

async function renderClient(main, ctx) {
  const id = ctx.params.id;
  const client = await api.get(`/clients/${id}`);
  delete client.bsn; // shown only after the deliberate "show BSN" action
  const [products, providers, decisions, allocations] = await Promise.all([
    productMap(), providerMap(), api.get(`/clients/${id}/decisions?limit=1000`), api.get(withQuery('/allocations', { client_id: id, limit: 1000 })),
  ]);
  const back = ctx.user.role === 'contract_manager' ? null : h('p', {}, link('/clients', t('ao.clients.back')));
  show(main, clientName(client), back,
    await personalData(ctx, client),
    section(t('ao.decision.title'), decisionsTable(decisions, products),
      AO.includes(ctx.user.role) ? decisionForm(ctx, client, products) : null),
    section(t('ao.alloc.title'), allocationsTable(allocations, products, providers),
      ALLOCATORS.includes(ctx.user.role) ? allocationForm(ctx, client, decisions, products) : null),
    messageSafety(ctx, client));
}

export const clientPage = renderClient;
