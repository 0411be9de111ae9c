// Every screen of the application, by role. A screen: {path, nav?: string key for the menu,
// roles: [role names], render(main, ctx)}. The menu shows the screens with `nav` in this order.
import accessOfficer from './access_officer.js';
import auditor from './auditor.js';
import budget from './budget.js';
import contractManager from './contract_manager.js';
import finance from './finance.js';
import provider from './provider.js';

export default [...contractManager, ...accessOfficer, ...provider, ...finance, ...budget, ...auditor];
