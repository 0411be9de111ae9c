// Every screen of the application, by role. A screen: {path, nav?: string key for the menu,
// roles: [role names], when?(user): shown only then, render(main, ctx)}. The menu shows the screens with `nav` in this order.
import accessOfficer from './access_officer.js';
import admin, { adminHome } from './admin.js';
import auditor from './auditor.js';
import budget from './budget.js';
import chain from './chain.js';
import contractManager from './contract_manager.js';
import declarations from './declarations.js';
import finance from './finance.js';
import provider from './provider.js';

// Auditor and access officer first: a role's home is its first menu entry, and these modules'
// first entries are those roles' homes (the contract manager module also lists screens for them).
// The administrator's users come first (its home); its other screens last. The staff's
// declarations come after the contract manager's and finance's own menus (not their homes);
// the chain's envelopes (Keten, GGk) after the contract manager's and access officer's menus.
export default [
  ...adminHome, ...auditor, ...accessOfficer, ...contractManager, ...chain, ...provider, ...finance, ...declarations, ...budget, ...admin,
];
