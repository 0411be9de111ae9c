// Indexing tariffs (procedure or contract): the form's fields and body, and the preview shown to
// confirm it — per product the tariff in force on the effective date and the new one, computed
// as the server does (× (1 + p/100), rounded half away from zero to whole cents), with a warning
// above 10 %.
import { date, money } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { h, table } from '../ui.js';
import { fieldError, percentageText, productText, unitText } from './contract_manager_common.js';

const WARN_ABOVE_PERCENT = 10;

export function indexationFields() {
  return [
    { name: 'percentage', label: t('cm.index.percentage'), required: true, inputmode: 'decimal', hint: t('cm.index.percentage_hint') },
    { name: 'from', label: t('cm.index.from'), type: 'date', required: true, hint: t('cm.index.from_hint') },
  ];
}

export function indexationBody(v) {
  const percentage = percentageText(v.percentage);
  if (percentage === null) throw fieldError('INVALID_PERCENTAGE', 'percentage');
  if (!v.from) throw fieldError('INVALID_DATE', 'from');
  return { percentage, from: v.from };
}

// "2.5" -> 2500000n: the percentage in millionths of a percent.
function millionths(percentage) {
  const [whole, fraction = ''] = percentage.replace('-', '').split('.');
  const value = BigInt(whole) * 1000000n + BigInt(fraction.padEnd(6, '0'));
  return percentage.startsWith('-') ? -value : value;
}

// cents × (1 + p/100), rounded half away from zero (kernel/rounding.cpp applyIndexation).
export function indexedCents(cents, percentage) {
  const whole = 100000000n;
  const numerator = BigInt(cents) * (whole + millionths(percentage));
  const quotient = numerator / whole;
  const twiceRest = 2n * (numerator % whole < 0n ? -(numerator % whole) : numerator % whole);
  return Number(twiceRest >= whole ? quotient + (numerator < 0n ? -1n : 1n) : quotient);
}

// The version of each product in force on `day` (valid_to exclusive).
function inForceOn(tariffs, day) {
  const found = new Map();
  for (const v of [...tariffs].sort((a, b) => a.valid_from.localeCompare(b.valid_from))) {
    if (v.valid_from <= day && (!v.valid_to || v.valid_to > day)) found.set(v.product_code, v);
  }
  return [...found.values()].sort((a, b) => a.product_code.localeCompare(b.product_code));
}

const perUnit = (cents, unit) => `${money(cents)} ${t('cm.per', { unit: unitText(unit, 1) })}`;

// The confirmation of an indexation: {title, nodes, label} for ui.js form's `confirm`.
export function indexationConfirmation(tariffs, products, v, { procedure = false } = {}) {
  const body = indexationBody(v);
  const pct = body.percentage.replace('.', ',');
  const rows = inForceOn(tariffs, body.from).map((r) => ({ ...r, after: indexedCents(r.tariff_cents, body.percentage) }));
  const nodes = [table([
    { key: 'product_code', label: t('cm.tariff.product'), render: (r) => productText(products, r.product_code) },
    { key: 'tariff_cents', label: t('cm.index.old'), align: 'right', render: (r) => perUnit(r.tariff_cents, r.unit) },
    { key: 'after', label: t('cm.index.new'), align: 'right', render: (r) => perUnit(r.after, r.unit) },
    { key: 'diff', label: t('cm.index.diff'), align: 'right', render: (r) => money(r.after - r.tariff_cents) },
  ], rows, { caption: t('cm.index.preview_caption', { date: date(body.from) }), empty: t('cm.index.preview_none') })];
  if (procedure) nodes.push(h('p', {}, t('cm.index.preview_contracts')));
  if (Math.abs(Number(body.percentage)) > WARN_ABOVE_PERCENT) {
    nodes.unshift(h('p', { class: 'form-error', role: 'alert' }, t('cm.index.warn_large', { pct, max: WARN_ABOVE_PERCENT })));
  }
  return { title: t('cm.index.confirm_title', { pct, date: date(body.from) }), nodes, label: t('cm.index.confirm') };
}

addStrings({
  nl: {
    'cm.index.old': 'Tarief nu',
    'cm.index.new': 'Nieuw tarief',
    'cm.index.diff': 'Verschil',
    'cm.index.preview_caption': 'Tarieven die op {date} gelden, en wat ze worden',
    'cm.index.preview_none': 'Op die datum geldt geen tarief: er komt geen nieuwe versie.',
    'cm.index.preview_contracts': 'De tarieven van de lopende raamcontracten van de procedure worden op dezelfde manier geïndexeerd.',
    'cm.index.warn_large': 'Let op: {pct} % is meer dan {max} %. Klopt het percentage?',
    'cm.index.confirm_title': 'Indexeren met {pct} % vanaf {date}?',
    'cm.index.confirm': 'Ja, indexeren',
  },
  en: {
    'cm.index.old': 'Tariff now',
    'cm.index.new': 'New tariff',
    'cm.index.diff': 'Difference',
    'cm.index.preview_caption': 'Tariffs in force on {date}, and what they become',
    'cm.index.preview_none': 'No tariff is in force on that date: no new version is added.',
    'cm.index.preview_contracts': "The tariffs of the procedure's running framework contracts are indexed the same way.",
    'cm.index.warn_large': 'Note: {pct} % is more than {max} %. Is the percentage right?',
    'cm.index.confirm_title': 'Index by {pct} % from {date}?',
    'cm.index.confirm': 'Yes, index',
  },
});
