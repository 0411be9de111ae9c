// Budget holder and controllers: the budget dashboard (exhaustion per municipality, district and
// team with forecast and signal), one budget's report, recording a budget, providers' spending
// ceilings and budget reallocations (request by a budget holder, decision by finance).
import { renderCeilings } from './budget_ceilings.js';
import { renderDashboard } from './budget_dashboard.js';
import { renderBudget } from './budget_detail.js';
import { renderNewBudget } from './budget_new.js';
import { renderDecision, renderReallocations } from './budget_reallocations.js';

const CONTROLLERS = ['budget_holder', 'finance', 'auditor'];

export default [
  { path: '/budgets', nav: 'bud.nav.dashboard', roles: CONTROLLERS, render: renderDashboard },
  // Before /budgets/:id, which would otherwise take "new" for an id.
  { path: '/budgets/new', nav: 'bud.nav.new', roles: ['finance', 'admin'], render: renderNewBudget },
  { path: '/budgets/:id', roles: CONTROLLERS, render: renderBudget },
  { path: '/budget-reallocations', nav: 'bud.nav.reallocations', roles: CONTROLLERS, render: renderReallocations },
  { path: '/budget-reallocations/:id', roles: CONTROLLERS, render: renderDecision },
  { path: '/spending-ceilings', nav: 'bud.nav.ceilings', roles: ['finance', 'contract_manager', 'auditor'], render: renderCeilings },
];
