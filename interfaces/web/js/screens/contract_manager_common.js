// Helpers shared by the contract manager's screens (review queue, procedures, applications,
// contracts, requests): roles, labels for server values, half-open periods, cached reference
// data, localized errors and small form builders.
import * as api from '../api.js';
import { date, integer, isoDay } from '../format.js';
import { addStrings, localizer, t, tOr } from '../i18n.js';
import { badge, facts, h, page as uiPage, showError } from '../ui.js';

export { facts, isoDay, tOr };

export const { localized, localizedCall, fieldError } = localizer('cm');

export const CM = ['contract_manager'];
// Who may read the lists (the API lets auditors read reviews, procedures, applications,
// contracts and the request queue).
export const READERS = ['contract_manager', 'auditor'];

export const isManager = (ctx) => ctx.user.role === 'contract_manager';


// --- dates ---------------------------------------------------------------------------------


// ISO date moved by `days` (UTC arithmetic, no time zone surprises).
export function shiftDay(iso, days) {
  const d = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A half-open period [start, end) as "01-10-2026 t/m 31-10-2026"; without an end "vanaf …".
export function periodText(start, endExclusive) {
  if (!endExclusive) return t('cm.period_open', { from: date(start) });
  return t('cm.period', { from: date(start), to: date(shiftDay(endExclusive, -1)) });
}

// The same as a node whose dates never break inside (narrow table columns).
export function periodNode(start, endExclusive) {
  if (!endExclusive) return nowrap(periodText(start, endExclusive));
  const parts = t('cm.period', { from: '\u0000', to: '\u0001' }).split(/([\u0000\u0001])/);
  return h('span', {}, parts.map((p) => (p === '\u0000' ? nowrap(date(start)) : p === '\u0001' ? nowrap(date(shiftDay(endExclusive, -1))) : p)));
}

// An inclusive end entered by the user ("t/m") as the server's half-open end, or undefined.
export const exclusiveEnd = (inclusive) => (inclusive ? shiftDay(inclusive, 1) : undefined);

// --- labels ----------------------------------------------------------------------------------

export const unitText = (unit, n) => tOr(`cm.unit.${unit}${n === 1 ? '.one' : ''}`, tOr(`cm.unit.${unit}`, unit || ''));
export const frequencyText = (f) => tOr(`cm.freq.${f}`, f || '');

// "21 uur", "1.260 minuten"
export function quantity(n, unit) {
  return `${integer(n)} ${unitText(unit, Number(n))}`;
}

const STATUS_KINDS = {
  open: 'warn', accepted: 'ok', rejected: 'bad', submitted: 'warn', admitted: 'ok', draft: 'neutral',
  active: 'ok', suspended: 'warn', terminated: 'bad', expired: 'neutral', in_onderzoek: 'warn', granted: 'ok',
  met: 'ok', not_met: 'bad', pending: 'neutral',
};

// A status as a badge with its word (never colour alone).
export function statusBadge(status) {
  return badge(tOr(`cm.status.${status}`, status), STATUS_KINDS[status] || 'neutral');
}

export const overdueBadge = () => badge(t('cm.overdue'), 'bad');

// ui.page() without the parts that are left out (null, false) and with arrays flattened.
export function page(main, title, ...parts) {
  uiPage(main, title, ...parts.flat(Infinity).filter((p) => p !== null && p !== undefined && p !== false));
}

// A text or node that does not wrap (dates in narrow table columns).
export function nowrap(content) {
  const el = h('span', {}, content);
  el.style.whiteSpace = 'nowrap';
  return el;
}

// A row's action link ("Beoordelen") with what it acts on for screen readers, as every row
// has one.
export function actionLink(href, text, what) {
  return h('a', { href, dataset: { route: '' } }, text, h('span', { class: 'visually-hidden' }, ` ${what}`));
}


// --- reference data, fetched once per page load --------------------------------------------

const cached = api.getCached;

export async function productMap() {
  return new Map((await cached('/products?limit=1000')).map((p) => [p.code, p]));
}

export async function municipalityMap() {
  return new Map((await cached('/municipalities?limit=1000')).map((m) => [m.code, m]));
}

export function productText(products, code) {
  const p = products.get(code);
  return p ? `${code} ${p.name}` : code;
}

export function municipalityText(municipalities, code) {
  const m = municipalities.get(code);
  return m ? `${m.name} (${code})` : code;
}

// --- errors ------------------------------------------------------------------------------------




// Shows `error` in `formEl` (localized), as form() does for a thrown error.
export function showFormError(formEl, error) {
  showError(formEl, localized(error));
}

// "3,1" or "3.1" -> "3.1" (the API's percentage text), or null when unreadable.
export function percentageText(text) {
  const s = String(text).trim().replace(/\s*%$/, '').replace(',', '.');
  return /^-?\d{1,3}(\.\d{1,6})?$/.test(s) ? s : null;
}

// A status filter as a small form that navigates to `path?status=…`.
export function statusFilter(ctx, path, options, current) {
  const select = h('select', { id: 'cm-status-filter', name: 'status' },
    options.map((o) => h('option', { value: o.value, selected: o.value === current }, o.label)));
  const el = h('form', { class: 'inline', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'cm-status-filter' }, t('ui.status')), select),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('ui.filter'))));
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(path + api.query({ status: select.value }));
  });
  return el;
}

addStrings({
  nl: {
    'cm.period': '{from} t/m {to}',
    'cm.period_open': 'vanaf {from}',
    'cm.overdue': 'Termijn verstreken',
    'cm.unit.hours': 'uur',
    'cm.unit.minutes': 'minuten',
    'cm.unit.minutes.one': 'minuut',
    'cm.unit.day_parts': 'dagdelen',
    'cm.unit.day_parts.one': 'dagdeel',
    'cm.unit.days_24h': 'etmalen',
    'cm.unit.days_24h.one': 'etmaal',
    'cm.unit.pieces': 'stuks',
    'cm.unit.euros': 'euro',
    'cm.freq.day': 'per dag',
    'cm.freq.week': 'per week',
    'cm.freq.month': 'per maand',
    'cm.freq.total': 'in totaal',
    'cm.status.open': 'Open',
    'cm.status.accepted': 'Geaccepteerd',
    'cm.status.rejected': 'Afgewezen',
    'cm.status.answered_not_accepted': 'Beantwoord, niet geaccepteerd',
    'cm.status.submitted': 'Ingediend',
    'cm.status.admitted': 'Toegelaten',
    'cm.status.draft': 'Concept',
    'cm.status.active': 'Actief',
    'cm.status.suspended': 'Opgeschort',
    'cm.status.terminated': 'Beëindigd',
    'cm.status.expired': 'Verlopen',
    'cm.status.in_onderzoek': 'In onderzoek',
    'cm.status.granted': 'Toegekend',
    'cm.status.met': 'Voldaan',
    'cm.status.not_met': 'Niet voldaan',
    'cm.status.pending': 'Nog niet beoordeeld',
    'cm.error.REASON_REQUIRED': 'Vul een reden in.',
    'cm.error.MISSING_FIELD': 'Dit veld is verplicht.',
    'cm.error.INVALID_AMOUNT': 'Vul een bedrag in, bijvoorbeeld 54,60.',
    'cm.error.INVALID_PERCENTAGE': 'Vul een percentage in, bijvoorbeeld 3,1.',
    'cm.error.INVALID_PERIOD': 'De einddatum moet na de begindatum liggen.',
    'cm.error.REVIEW_DECIDED': 'Over deze regel is al besloten.',
    'cm.error.TARIFF_OVERLAP': 'Een nieuwe tariefversie moet later ingaan dan alle bestaande versies.',
    'cm.error.ILLEGAL_STATUS_CHANGE': 'Deze statuswijziging is niet toegestaan.',
    'cm.error.TERM_NOT_ENDED': 'Een contract verloopt pas na het einde van de looptijd.',
    'cm.error.CONTRACT_CLOSED': 'Dit contract is beëindigd of verlopen.',
    'cm.error.NO_TARIFF_TO_INDEX': 'Op die datum geldt geen tarief om te indexeren.',
    'cm.error.NO_EXTENSION_LEFT': 'Dit contract heeft geen verlengingsoptie meer.',
    'cm.error.NOT_OPEN_PROCEDURE': 'Alleen een open procedure (bestuurlijke aanbesteding) neemt aanmeldingen aan.',
    'cm.error.APPLICATION_DECIDED': 'Over deze aanmelding is al besloten.',
    'cm.error.REQUIREMENTS_NOT_MET': 'Toelaten kan pas als aan alle eisen is voldaan.',
    'cm.error.REQUEST_DECIDED': 'Dit verzoek is al beantwoord.',
    'cm.error.ALREADY_INVESTIGATING': '"In onderzoek" is al eens geantwoord; neem nu een besluit.',
    'cm.error.CLIENT_UNKNOWN': 'Registreer eerst de cliënt en een beschikking (toegangsmedewerker).',
    'cm.error.UNKNOWN_PRODUCT': 'Dit product staat niet in de catalogus.',
    'cm.error.INVALID_DECISION': 'Kies een besluit.',
  },
  en: {
    'cm.period': '{from} to {to} inclusive',
    'cm.period_open': 'from {from}',
    'cm.overdue': 'Overdue',
    'cm.unit.hours': 'hours',
    'cm.unit.hours.one': 'hour',
    'cm.unit.minutes': 'minutes',
    'cm.unit.minutes.one': 'minute',
    'cm.unit.day_parts': 'day parts',
    'cm.unit.day_parts.one': 'day part',
    'cm.unit.days_24h': 'days (24 h)',
    'cm.unit.days_24h.one': 'day (24 h)',
    'cm.unit.pieces': 'pieces',
    'cm.unit.euros': 'euros',
    'cm.freq.day': 'per day',
    'cm.freq.week': 'per week',
    'cm.freq.month': 'per month',
    'cm.freq.total': 'in total',
    'cm.status.open': 'Open',
    'cm.status.accepted': 'Accepted',
    'cm.status.rejected': 'Rejected',
    'cm.status.answered_not_accepted': 'Answered, not accepted',
    'cm.status.submitted': 'Submitted',
    'cm.status.admitted': 'Admitted',
    'cm.status.draft': 'Draft',
    'cm.status.active': 'Active',
    'cm.status.suspended': 'Suspended',
    'cm.status.terminated': 'Terminated',
    'cm.status.expired': 'Expired',
    'cm.status.in_onderzoek': 'Under investigation',
    'cm.status.granted': 'Granted',
    'cm.status.met': 'Met',
    'cm.status.not_met': 'Not met',
    'cm.status.pending': 'Not assessed yet',
    'cm.error.REASON_REQUIRED': 'Enter a reason.',
    'cm.error.MISSING_FIELD': 'This field is required.',
    'cm.error.INVALID_AMOUNT': 'Enter an amount, for example 54,60.',
    'cm.error.INVALID_PERCENTAGE': 'Enter a percentage, for example 3,1.',
    'cm.error.INVALID_PERIOD': 'The end date must lie after the start date.',
    'cm.error.REVIEW_DECIDED': 'This line has been decided already.',
    'cm.error.TARIFF_OVERLAP': 'A new tariff version must start later than every existing version.',
    'cm.error.ILLEGAL_STATUS_CHANGE': 'This status change is not allowed.',
    'cm.error.TERM_NOT_ENDED': 'A contract expires only after its term has ended.',
    'cm.error.CONTRACT_CLOSED': 'This contract is terminated or expired.',
    'cm.error.NO_TARIFF_TO_INDEX': 'No tariff is in force on that date to index.',
    'cm.error.NO_EXTENSION_LEFT': 'This contract has no extension option left.',
    'cm.error.NOT_OPEN_PROCEDURE': 'Only an open procedure (bestuurlijke aanbesteding) takes applications.',
    'cm.error.APPLICATION_DECIDED': 'This application has been decided already.',
    'cm.error.REQUIREMENTS_NOT_MET': 'Admission needs every requirement met.',
    'cm.error.REQUEST_DECIDED': 'This request has been answered already.',
    'cm.error.ALREADY_INVESTIGATING': '"Under investigation" was answered once; decide the request now.',
    'cm.error.CLIENT_UNKNOWN': 'Record the client and an access decision first (access officer).',
    'cm.error.UNKNOWN_PRODUCT': 'This product is not in the catalogue.',
    'cm.error.INVALID_DECISION': 'Choose a decision.',
  },
});
