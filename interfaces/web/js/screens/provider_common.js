// Helpers shared by the provider screens: labels for server values, periods, retour codes and
// the reference data (products, municipalities) cached for the session.
import * as api from '../api.js';
import { date } from '../format.js';
import { t, tOr } from '../i18n.js';
import { badge, facts, h } from '../ui.js';
import './provider_strings.js';

export { facts, tOr };

export const ROLES = ['provider'];


// The day before an ISO date ("2026-11-01" -> "2026-10-31"): half-open ends shown inclusive.
export function dayBefore(iso) {
  const d = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// A half-open period [start, end) as "01-10-2026 t/m 31-10-2026"; without an end "vanaf …".
export function periodText(start, endExclusive) {
  if (!endExclusive) return t('prov.period_open', { from: date(start) });
  return t('prov.period', { from: date(start), to: date(dayBefore(endExclusive)) });
}

// The same for an inclusive period (as in iWmo messages).
export function inclusivePeriod(start, end) {
  return t('prov.period', { from: date(start), to: date(end) });
}

export function unitText(unit) {
  return tOr(`prov.unit.${unit}`, unit || '');
}

// "4 uur per week"
export function volumeText(volume, unit, frequency) {
  if (volume === null || volume === undefined) return '';
  return [volume, unitText(unit), frequency ? tOr(`prov.freq.${frequency}`, frequency) : ''].filter(Boolean).join(' ');
}

// A retour code with its meaning: "9346 — Het bedrag is niet gelijk aan volume × tarief."
export function codeMeaning(code) {
  return tOr(`prov.code.${code}`, t('prov.code.unknown'));
}

export function codeList(codes) {
  const list = (codes || []).filter(Boolean);
  if (list.length === 0) return '';
  return h('div', { class: 'codes' }, list.map((c) => h('div', {}, h('strong', {}, c), ` — ${codeMeaning(c)}`)));
}

const KINDS = {
  accepted: 'ok', answered: 'ok', active: 'ok', paid: 'ok', booked: 'ok', within: 'ok',
  review: 'warn', awaiting_review: 'warn', suspended: 'warn', in_run: 'warn', sent: 'warn', warning: 'warn', draft: 'warn',
  rejected: 'bad', returned: 'bad', terminated: 'bad', exceeded: 'bad', expired: 'neutral', open: 'neutral',
};

// A status as a badge with a text; `prefix` picks the translation (e.g. 'prov.line.').
export function statusBadge(prefix, status) {
  return badge(tOr(`${prefix}${status}`, status), KINDS[status] || 'neutral');
}

// Product code -> product (name, unit, category), fetched once per session.
export async function productMap() {
  return new Map((await api.getCached('/products?limit=1000')).map((p) => [p.code, p]));
}

export async function municipalityMap() {
  return new Map((await api.getCached('/municipalities?limit=1000')).map((m) => [m.code, m]));
}

export function productText(map, code) {
  const p = map.get(code);
  return p ? `${code} ${p.name}` : code;
}

export function municipalityText(map, code) {
  const m = map.get(code);
  return m ? `${code} ${m.name}` : code;
}

// Today's date as ISO (the browser's calendar date).
export function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

