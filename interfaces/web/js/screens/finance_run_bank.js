// A run's status after the bank (issue 15, bank_status of GET /payment-runs): next to the run's
// own status on the run list and the run screen — "betaald" when every transfer is booked,
// "deels afgeschreven" with the count, "gestorneerd" with the number of returned transfers.
import { integer } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { badge } from '../ui.js';

addStrings({
  nl: {
    'fin.bank.sent': 'verzonden, nog niet op een afschrift',
    'fin.bank.partly_booked': 'deels afgeschreven: {booked} van {total}',
    'fin.bank.booked': 'betaald',
    'fin.bank.returned': 'gestorneerd: {returned} van {total}',
    'fin.bank.label': 'Bank',
  },
  en: {
    'fin.bank.sent': 'sent, not on a statement yet',
    'fin.bank.partly_booked': 'partly booked: {booked} of {total}',
    'fin.bank.booked': 'paid',
    'fin.bank.returned': 'returned: {returned} of {total}',
    'fin.bank.label': 'Bank',
  },
});

const KIND = { sent: 'warn', partly_booked: 'warn', booked: 'ok', returned: 'bad' };

// The badge, or nothing for a run that was not approved (never sent).
export function bankBadge(run) {
  if (!run.bank_status) return null;
  const params = {
    booked: integer(run.transfers_booked), returned: integer(run.transfers_returned), total: integer(run.transactions),
  };
  return badge(t(`fin.bank.${run.bank_status}`, params), KIND[run.bank_status] || 'neutral');
}

// The run's status with the bank's, for a table cell or a fact.
export function runStatusWithBank(run, statusBadge) {
  const bank = bankBadge(run);
  return bank ? [statusBadge('run', run.status), ' ', bank] : statusBadge('run', run.status);
}
