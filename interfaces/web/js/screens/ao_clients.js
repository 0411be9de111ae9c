// The clients list (BSN always masked; look-up by exact BSN) and the form for a new client.
import * as api from '../api.js';
import { date, maskedBsn } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { announce, form, h, link, load, section, table } from '../ui.js';
import {
  AO, clientName, districts, genderText, localizedCall, municipalities, ownMunicipalities, show, withQuery,
} from './ao_common.js';

// The masked BSN of a client whatever the role: the full `bsn` the server sends access officers
// is never put on a list.
export const maskedOf = (c) => maskedBsn(c.bsn || c.bsn_masked);

function clientColumns(municipalityNames) {
  return [
    { key: 'name', label: t('ao.client.name'), render: (c) => link(`/clients/${c.id}`, clientName(c) || `#${c.id}`) },
    { key: 'bsn', label: t('ao.client.bsn'), render: (c) => maskedOf(c) },
    { key: 'birth_date', label: t('ao.client.birth_date'), format: date },
    { key: 'gender', label: t('ao.client.gender'), format: genderText },
    { key: 'city', label: t('ao.client.city'), render: (c) => [c.postcode, c.city].filter(Boolean).join(' ') },
    { key: 'municipality_code', label: t('ao.client.municipality'), format: (v) => municipalityNames.get(v) || v },
  ];
}

// The BSN look-up: the BSN stays in this form (never in the address bar or the page's text).
function bsnSearch(results, names) {
  return form([{ name: 'bsn', label: t('ao.clients.bsn_search'), hint: t('ao.clients.bsn_search_hint'),
    inputmode: 'numeric', autocomplete: 'off' }], t('ao.clients.search'), async (v) => {
    if (!v.bsn) {
      results.replaceChildren();
      return;
    }
    const found = await localizedCall(() => api.get(withQuery('/clients', { bsn: v.bsn })));
    results.replaceChildren(found.length === 0
      ? h('p', { class: 'empty', role: 'status' }, t('ao.clients.not_found', { bsn: maskedBsn(v.bsn) }))
      : table(clientColumns(names), found, { caption: t('ao.clients.found') }));
  });
}

// Every client in the user's scope, paged by the server: a search by name, postcode, city or
// client number (never by BSN: that is the look-up above, and the text stays out of the
// address bar), a municipality filter, sortable columns. Every client shown is an audited read.
function clientsPagedList(ctx, names, own) {
  const columns = clientColumns(names);
  for (const c of columns) c.sortBy = { name: 'surname', birth_date: 'birth_date', municipality_code: 'municipality_code', city: 'postcode' }[c.key];
  return pagedList(ctx, {
    path: (params) => withQuery('/clients', params),
    privateSearch: true,
    searchLabel: t('ao.clients.name_search'),
    searchHint: t('ao.clients.name_search_hint'),
    filters: [{ name: 'municipality', label: t('ao.client.municipality'), options: own.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` })) }],
    columns,
    caption: t('ao.clients.caption'),
    empty: t('ao.clients.empty'),
  });
}

async function renderList(main, ctx) {
  const list = await municipalities();
  const names = new Map(list.map((m) => [m.code, m.name]));
  const results = h('div', { 'aria-live': 'polite' });
  const search = bsnSearch(results, names);
  search.classList.add('inline');
  const actions = AO.includes(ctx.user.role)
    ? h('p', {}, link('/clients/new', t('ao.clients.new'))) : null;
  show(main, t('ao.clients.title'), actions,
    section(t('ao.clients.lookup'), search, results),
    section(t('ao.clients.all'), clientsPagedList(ctx, names, ownMunicipalities(ctx.user, list))));
}

function clientFields(munis, dists) {
  const gender = ['0', '1', '2'].map((g) => ({ value: g, label: genderText(g) }));
  return [
    { name: 'bsn', label: t('ao.client.bsn'), required: true, inputmode: 'numeric', autocomplete: 'off', hint: t('ao.client.bsn_hint') },
    { name: 'surname', label: t('ao.client.surname'), required: true, autocomplete: 'off' },
    { name: 'prefix', label: t('ao.client.prefix'), autocomplete: 'off' },
    { name: 'given_names', label: t('ao.client.given_names'), autocomplete: 'off' },
    { name: 'initials', label: t('ao.client.initials'), autocomplete: 'off' },
    { name: 'birth_date', label: t('ao.client.birth_date'), type: 'date', required: true },
    { name: 'gender', label: t('ao.client.gender'), type: 'select', required: true, value: '0', options: gender },
    { name: 'street', label: t('ao.client.street'), autocomplete: 'off' },
    { name: 'house_number', label: t('ao.client.house_number'), required: true, hint: t('ao.client.house_number_hint'), autocomplete: 'off' },
    { name: 'postcode', label: t('ao.client.postcode'), required: true, hint: t('ao.client.postcode_hint'), autocomplete: 'off' },
    { name: 'city', label: t('ao.client.city'), autocomplete: 'off' },
    { name: 'municipality_code', label: t('ao.client.municipality'), type: 'select', required: true,
      value: (munis.find((m) => !m.central_code) || munis[0] || {}).code,
      options: munis.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` })) },
    { name: 'district_id', label: t('ao.client.district'), type: 'select',
      options: [{ value: '', label: t('ao.none') }, ...dists.map((d) => ({ value: d.id, label: `${d.name} (${d.municipality_code})` }))] },
  ];
}

async function renderNew(main, ctx) {
  const [munis, dists] = await Promise.all([municipalities(), districts()]);
  // A client is recorded only for a municipality the user works for (OUT_OF_SCOPE otherwise).
  const own = ownMunicipalities(ctx.user, munis);
  const ownDists = dists.filter((d) => own.some((m) => m.code === d.municipality_code));
  const el = form(clientFields(own, ownDists), t('ao.clients.create'), async (v) => {
    const body = { ...v, district_id: v.district_id ? Number(v.district_id) : undefined };
    for (const k of Object.keys(body)) if (body[k] === '') delete body[k];
    const created = await localizedCall(() => api.post('/clients', body));
    announce(t('ao.clients.created', { name: clientName(created) }));
    ctx.navigate(`/clients/${created.id}`);
  });
  show(main, t('ao.clients.new_title'), h('p', {}, link('/clients', t('ao.clients.back'))), section(t('ao.client.personal'), el));
}

export const clientsList = renderList;
export const newClient = renderNew;
