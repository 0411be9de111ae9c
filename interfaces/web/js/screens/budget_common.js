// Shared by the budget screens: reference data (municipalities, districts, teams), how a budget
// is named and scoped, percentages from basis points and the signal badge.
import * as api from '../api.js';
import { amount, percent } from '../format.js';
import { t } from '../i18n.js';
import { badge, h } from '../ui.js';
import './budget_strings.js';

export const thisYear = () => new Date().getFullYear();

// Municipalities, districts and teams in one go (all small lists).
export async function loadRefs() {
  const [municipalities, districts, teams] = await Promise.all([
    api.get('/municipalities?limit=1000'), api.get('/districts?limit=1000'), api.get('/teams?limit=1000'),
  ]);
  return { municipalities, districts, teams };
}

export function municipalityName(refs, code) {
  const m = refs.municipalities.find((x) => x.code === code);
  return m ? `${m.name} (${code})` : code;
}

// "Zwolle (0193) · Noord · Sociaal wijkteam Holtenbroek"
export function scopeText(b, refs) {
  return [municipalityName(refs, b.municipality_code), b.district_name, b.team_name].filter(Boolean).join(' · ');
}

export function financingText(kind) {
  return t(`bud.financing.${kind}`);
}

// A budget's own name, else its category and financing kind.
export function budgetName(b) {
  return b.name || t('bud.unnamed', { category: b.product_category, financing: financingText(b.financing_kind) });
}

// For selects: "2026 · Individuele begeleiding Zwolle — Zwolle (0193) · Noord (€ 150.000,00)"
export function budgetOption(b, refs) {
  return `${b.year} · ${budgetName(b)} — ${scopeText(b, refs)} (€ ${amount(b.amount_cents)})`;
}

// 723 basis points -> "7,2 %"; null stays empty.
export function bpPercent(bp) {
  return bp === null || bp === undefined ? '' : percent(bp / 100);
}

// Deviation with its sign: "+3,1 %" / "-92,8 %".
export function signedBp(bp) {
  if (bp === null || bp === undefined) return '';
  return bp > 0 ? `+${bpPercent(bp)}` : bpPercent(bp);
}

// "5" or "2.5" (server text) -> "2,5"
export function thresholdText(text) {
  return String(text ?? '').replace('.', ',');
}

// Signal as a badge with a word (never colour alone).
export function signalBadge(signal) {
  return signal ? badge(t('bud.signal.yes'), 'bad') : badge(t('bud.signal.no'), 'ok');
}

// Options for a select, with a first "all"/"none" option.
export function options(list, value, label, first) {
  return [first ? { value: '', label: first } : null, ...list.map((x) => ({ value: value(x), label: label(x) }))].filter(Boolean);
}

// Replaces a select's options, keeping the choice when it is still there.
export function setOptions(select, opts) {
  const keep = select.value;
  select.replaceChildren(...opts.map((o) => h('option', { value: o.value, selected: String(o.value) === keep }, o.label)));
}

// The month names, short, January first.
export const monthName = (i) => t(`bud.month.${i + 1}`);
