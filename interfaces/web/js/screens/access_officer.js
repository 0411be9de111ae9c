// The access officer's screens: clients (BSN masked in lists), access decisions, allocations
// and their message history. Contract managers and auditors read where the API lets them.
//
// The router takes the first route whose path matches; the menu lists every route with `nav`
// for the user's role. So the routes themselves carry all reading roles without `nav`, and the
// menu entries below carry only the access officer's role (other roles' menus stay in their
// own modules and keep their own order).
import { allocationPage, allocationsList } from './ao_allocations.js';
import { clientPage } from './ao_client.js';
import { clientsList, newClient } from './ao_clients.js';
import { AO, CLIENT_LISTERS, CLIENT_READERS } from './ao_common.js';

const ALLOCATION_READERS = ['access_officer', 'contract_manager', 'auditor'];

export default [
  { path: '/clients', roles: CLIENT_LISTERS, render: clientsList },
  { path: '/clients/new', roles: AO, render: newClient },
  { path: '/clients/:id', roles: CLIENT_READERS, render: clientPage },
  { path: '/allocations', roles: ALLOCATION_READERS, render: allocationsList },
  { path: '/allocations/:number', roles: ALLOCATION_READERS, render: allocationPage },
  // Menu entries only (the routes above match first). The access officer's menu: clients first.
  { path: '/clients', nav: 'ao.nav.clients', roles: AO, render: clientsList },
  { path: '/allocations', nav: 'ao.nav.allocations', roles: AO, render: allocationsList },
  // The auditor reads these too; auditor.js puts the audit trail first in that menu when it is
  // listed before this module in screens/index.js.
  { path: '/clients', nav: 'ao.nav.clients', roles: ['auditor'], render: clientsList },
  { path: '/allocations', nav: 'ao.nav.allocations', roles: ['auditor'], render: allocationsList },
];
