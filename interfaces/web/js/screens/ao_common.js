// Helpers shared by the access officer's screens (clients, decisions, allocations) and reused
// by the auditor's: code lists in words, names, lookups cached per page load. Lists page with
// js/paged_list.js.
import * as api from '../api.js';
import { integer, isoDay } from '../format.js';
import { localizer, t, tOr } from '../i18n.js';
import { badge, facts, h, page } from '../ui.js';
import './ao_strings.js';

export { facts, isoDay, tOr };

export const { localized, localizedCall, fieldError } = localizer('ao');

export const AO = ['access_officer'];
// Who may read a client's page and its decisions (GET /clients/{id}, /clients/{id}/decisions).
export const CLIENT_READERS = ['access_officer', 'contract_manager', 'auditor'];
// Who may list clients (GET /clients).
export const CLIENT_LISTERS = ['access_officer', 'auditor'];
// Who may change allocations (POST /allocations, …/changes, …/end).
export const ALLOCATORS = ['access_officer', 'contract_manager'];
export const PAGE_SIZE = 50;

// page() with the parts a role does not get (null) left out.
export function show(main, title, ...content) {
  page(main, title, ...content.filter(Boolean));
}




export function clientName(c) {
  const first = c.given_names || c.initials || '';
  return [first, c.prefix, c.surname].filter(Boolean).join(' ');
}

export const genderText = (g) => tOr(`ao.gender.${g}`, String(g ?? ''));
export const unitText = (u) => tOr(`ao.unit.${u}`, u);
export const frequencyText = (f) => tOr(`ao.freq.${f}`, f);

// "4 uren per week"
export function capText(volume, unit, frequency) {
  return `${integer(volume)} ${unitText(unit)} ${frequencyText(frequency)}`;
}

// iWmo message codes (berichtcode) to their names: 414 -> WMO301.
const MESSAGE_NAMES = {
  414: 'WMO301', 415: 'WMO302', 418: 'WMO305', 419: 'WMO306', 420: 'WMO307', 421: 'WMO308',
  444: 'WMO315', 445: 'WMO316', 480: 'WMO317', 481: 'WMO318', 482: 'WMO319', 483: 'WMO320',
  484: 'WMO323', 485: 'WMO325',
};

export function messageName(code) {
  const name = MESSAGE_NAMES[code];
  const what = tOr(`ao.msg.${code}`, '');
  return [name ? `${name} (${code})` : code, what].filter(Boolean).join(' — ');
}

const OUTCOME_KINDS = {
  accepted: 'ok', acknowledged: 'ok', retour_accepts: 'ok', answered: 'ok',
  waiting: 'warn', received: 'neutral', rejected: 'bad', rejected_header: 'bad', retour_rejects: 'bad',
};

export function outcomeBadge(outcome) {
  return badge(tOr(`ao.outcome.${outcome}`, outcome), OUTCOME_KINDS[outcome] || 'neutral');
}

// The state of an allocation's current version on `today`, as a badge with text.
export function allocationBadge(a, today = isoDay()) {
  if (a.reason_change === '13') return badge(t('ao.alloc.removed'), 'bad');
  if (a.end_date && a.end_date <= today) return badge(t('ao.alloc.ended'), 'neutral');
  if (a.start_date > today) return badge(t('ao.alloc.future'), 'warn');
  return badge(t('ao.alloc.active'), 'ok');
}




// Lookups that rarely change, fetched once per page load.
const cached = api.getCached;

export async function productMap() {
  return new Map((await cached('/products?limit=1000')).map((p) => [p.code, p]));
}

export async function providerMap() {
  return new Map((await cached('/providers?limit=1000')).map((p) => [p.id, p]));
}

export const municipalities = () => cached('/municipalities?limit=1000');
// The municipalities the user works for (GET /auth/me), of `list`; all of them for a user
// without a scope (a provider, an older server).
export const ownMunicipalities = (user, list) =>
  (Array.isArray(user.municipalities) ? list.filter((m) => user.municipalities.includes(m.code)) : list);
export const districts = () => cached('/districts?limit=1000');

export function productText(products, code) {
  const p = products.get(code);
  return p ? `${code} ${p.name}` : code;
}

export function providerText(providers, id) {
  const p = providers.get(id);
  return p ? `${p.name} (AGB ${p.agb})` : t('ao.provider_n', { id });
}

// A path with a query string, leaving out empty values.
export function withQuery(path, params) {
  return path + api.query(params);
}

// The offset in ctx.query (a whole number ≥ 0).
export function offsetOf(ctx) {
  const n = Number(ctx.query.get('offset'));
  return Number.isInteger(n) && n > 0 ? n : 0;
}
