// Setting or correcting a budget's amount on the budget screen (POST /budgets/{id}/amount): an
// "Unbudgeted …" budget that a claim created with € 0 is marked and asks for its amount; any
// budget's amount can be corrected with a reason (finance). The server refuses an amount below
// what the year realised (paid + accepted); below the exhaustion it is accepted with a warning.
// The changes made so far are listed (GET /budgets/{id}/amount-changes).
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { dateTime, money, parseAmount } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, badge, form, h, load, section, table } from '../ui.js';

addStrings({
  nl: {
    'bud.amount.title': 'Bedrag van het budget',
    'bud.amount.unbudgeted': 'Niet begroot: een declaratie op een budgetregel zonder budget heeft dit budget met € 0,00 aangemaakt. Stel het bedrag vast.',
    'bud.amount.intro': 'Het bedrag kan niet lager worden dan wat dit jaar al is gerealiseerd (betaald en geaccepteerd). Elke wijziging wordt met de reden vastgelegd in de audittrail.',
    'bud.amount.new': 'Nieuw bedrag (€)',
    'bud.amount.reason': 'Reden',
    'bud.amount.reason_hint': 'Verplicht bij een correctie; niet nodig om een budget van € 0,00 vast te stellen.',
    'bud.amount.save': 'Bedrag vastleggen',
    'bud.amount.saved': 'Het bedrag is nu {amount} (was {before}).',
    'bud.amount.below_exhaustion': 'Let op: het bedrag ligt onder de uitputting ({exhaustion}: gerealiseerd plus verplichtingen); het budget zal overschreden worden.',
    'bud.amount.changes': 'Eerdere wijzigingen',
    'bud.amount.changes_caption': 'Wijzigingen van het bedrag, nieuwste eerst',
    'bud.amount.none': 'Het bedrag is nog niet gewijzigd.',
    'bud.amount.when': 'Wanneer',
    'bud.amount.who': 'Door',
    'bud.amount.before': 'Was',
    'bud.amount.after': 'Werd',
    'bud.amount.why': 'Reden',
    'bud.amount.err': 'Vul een bedrag in euro\'s in, 0 of meer, met hoogstens 2 decimalen.',
    'bud.amount.badge': 'niet begroot',
  },
  en: {
    'bud.amount.title': "The budget's amount",
    'bud.amount.unbudgeted': 'Unbudgeted: a claim on a budget line without a budget created this budget with € 0.00. Set its amount.',
    'bud.amount.intro': 'The amount cannot be lower than what the year realised (paid and accepted). Each change is recorded with its reason in the audit trail.',
    'bud.amount.new': 'New amount (€)',
    'bud.amount.reason': 'Reason',
    'bud.amount.reason_hint': 'Required for a correction; not needed to set a budget of € 0.00.',
    'bud.amount.save': 'Record amount',
    'bud.amount.saved': 'The amount is now {amount} (was {before}).',
    'bud.amount.below_exhaustion': 'Note: the amount is below the exhaustion ({exhaustion}: realised plus commitments); the budget will be overspent.',
    'bud.amount.changes': 'Earlier changes',
    'bud.amount.changes_caption': 'Changes of the amount, newest first',
    'bud.amount.none': 'The amount has not been changed yet.',
    'bud.amount.when': 'When',
    'bud.amount.who': 'By',
    'bud.amount.before': 'Was',
    'bud.amount.after': 'Became',
    'bud.amount.why': 'Reason',
    'bud.amount.err': 'Enter an amount in euros, 0 or more, with at most 2 decimals.',
    'bud.amount.badge': 'unbudgeted',
  },
});

// A budget that a claim created (ledger_store budgetFor) and nobody has set yet.
export const isUnbudgeted = (b) => b.name.startsWith('Unbudgeted ') && b.amount_cents === 0;

function changesTable(rows) {
  return table([
    { key: 'changed_at', label: t('bud.amount.when'), format: dateTime },
    { key: 'changed_by', label: t('bud.amount.who') },
    { key: 'before_cents', label: t('bud.amount.before'), format: money, align: 'right' },
    { key: 'after_cents', label: t('bud.amount.after'), format: money, align: 'right' },
    { key: 'reason', label: t('bud.amount.why') },
  ], rows, { caption: t('bud.amount.changes_caption'), empty: t('bud.amount.none') });
}

function amountForm(b, ctx) {
  const el = form([
    { name: 'amount_cents', label: t('bud.amount.new'), required: true, inputmode: 'decimal' },
    { name: 'reason', label: t('bud.amount.reason'), type: 'textarea', hint: t('bud.amount.reason_hint') },
  ], t('bud.amount.save'), async (v) => {
    const cents = parseAmount(v.amount_cents);
    if (cents === null || cents < 0) throw new ApiError(400, 'INVALID_AMOUNT', t('bud.amount.err'), 'amount_cents');
    const r = await api.post(`/budgets/${b.id}/amount`, { amount_cents: cents, reason: v.reason });
    const saved = t('bud.amount.saved', { amount: money(r.budget.amount_cents), before: money(r.change.before_cents) });
    await ctx.rerender();
    if (r.below_exhaustion) announce(`${saved} ${t('bud.amount.below_exhaustion', { exhaustion: money(r.exhaustion_cents) })}`, 'warn');
    else announce(saved);
  });
  el.id = 'budget-amount-form';
  return el;
}

// The section of the budget screen; the form for finance only.
export function amountSection(b, ctx) {
  const list = h('div', { id: 'budget-amount-changes' });
  load(list, () => api.get(`/budgets/${b.id}/amount-changes?limit=1000`), changesTable);
  return section(t('bud.amount.title'),
    isUnbudgeted(b) ? h('p', { id: 'budget-unbudgeted' }, badge(t('bud.amount.badge'), 'warn'), ' ', t('bud.amount.unbudgeted')) : null,
    ctx.user.role === 'finance' ? [h('p', { class: 'hint' }, t('bud.amount.intro')), amountForm(b, ctx)] : null,
    h('h3', {}, t('bud.amount.changes')), list);
}
