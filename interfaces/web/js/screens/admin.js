// The administrator's screens (issue 15): users, one user, who has which rights; and the
// provider administrator's users of its own organisation (shown when its provider may).
import { renderAdminUser } from './adm_user.js';
import { renderAdminUsers, renderProviderUsers } from './adm_users.js';
import { renderRights } from './adm_rights.js';

// First in the screen list: the administrator's home.
export const adminHome = [
  { path: '/users', nav: 'adm.nav.users', roles: ['admin'], render: renderAdminUsers },
];

export default [
  { path: '/users/:id', roles: ['admin', 'provider'], render: renderAdminUser },
  { path: '/rights', nav: 'adm.nav.rights', roles: ['admin', 'auditor'], render: renderRights },
  {
    path: '/provider-users', nav: 'adm.nav.provider_users', roles: ['provider'],
    when: (user) => Boolean(user.manages_users), render: renderProviderUsers,
  },
];
