// The contract manager's screens: the claim review queue (home), procedures with lots,
// requirements and tariffs, applications assessed requirement by requirement, contracts with
// their tariff versions, and the queue of allocation requests (WMO315/317). Auditors read the
// lists the API lets them read.
//
// The router takes the first route whose path matches and the menu lists every route with
// `nav` for the user's role. So the routes carry every role that may open them, without
// `nav`; the menu entries follow, per role, in the order of that role's menu.
import { applicationScreen, applicationsScreen } from './contract_manager_applications.js';
import { contractScreen, contractsScreen } from './contract_manager_contracts.js';
import { CM, READERS } from './contract_manager_common.js';
import { procedureScreen, proceduresScreen } from './contract_manager_procedures.js';
import { requestScreen, requestsScreen } from './contract_manager_requests.js';
import { reviewScreen, reviewsScreen } from './contract_manager_reviews.js';

// The request queue is shared with the access officer (GET/POST /requests).
const REQUEST_READERS = ['contract_manager', 'access_officer', 'auditor'];

const MENU = [
  { path: '/reviews', nav: 'cm.nav.reviews', render: reviewsScreen },
  { path: '/requests', nav: 'cm.nav.requests', render: requestsScreen },
  { path: '/contracts', nav: 'cm.nav.contracts', render: contractsScreen },
  { path: '/procedures', nav: 'cm.nav.procedures', render: proceduresScreen },
  { path: '/applications', nav: 'cm.nav.applications', render: applicationsScreen },
];

export default [
  { path: '/reviews', roles: READERS, render: reviewsScreen },
  { path: '/reviews/:id', roles: READERS, render: reviewScreen },
  { path: '/requests', roles: REQUEST_READERS, render: requestsScreen },
  { path: '/requests/:id', roles: REQUEST_READERS, render: requestScreen },
  { path: '/contracts', roles: READERS, render: contractsScreen },
  { path: '/contracts/:id', roles: READERS, render: contractScreen },
  { path: '/procedures', roles: READERS, render: proceduresScreen },
  { path: '/procedures/:id', roles: READERS, render: procedureScreen },
  { path: '/applications', roles: READERS, render: applicationsScreen },
  { path: '/applications/:id', roles: READERS, render: applicationScreen },
  // Menu entries only (the routes above match first): the review queue is the contract
  // manager's home. Auditors get the same entries after their own (see the report: auditor.js
  // should come first in screens/index.js so that the audit trail stays the auditor's home).
  ...MENU.map((m) => ({ ...m, roles: CM })),
  ...MENU.map((m) => ({ ...m, roles: ['auditor'] })),
];
