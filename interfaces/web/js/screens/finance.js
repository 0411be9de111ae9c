// The finance screens: payment runs (first in the menu, so the finance home), bank statements,
// the reconciliation work list and providers' balances with integrity blocks and disputes.
import './finance_strings.js';
import bank from './finance_bank.js';
import providers from './finance_providers.js';
import runs from './finance_runs.js';

export default [...runs, ...bank, ...providers];
