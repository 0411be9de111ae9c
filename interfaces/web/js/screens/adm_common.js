// Shared by the administrator's screens: the roles, a user's state and the paged list of users.
import * as api from '../api.js';
import { dateTime } from '../format.js';
import { t } from '../i18n.js';
import { pagedList } from '../paged_list.js';
import { badge, field, h, link } from '../ui.js';
import './adm_strings.js';

export const STAFF_ROLES = ['admin', 'contract_manager', 'access_officer', 'finance', 'budget_holder', 'auditor'];

export const roleNames = (roles) => (roles || []).map((r) => t(`role.${r}`)).join(', ');

export function stateBadge(u) {
  return u.active ? badge(t('adm.active'), 'ok') : badge(t('adm.inactive'), 'bad');
}

export function totpText(u) {
  return u.totp_enabled ? t('adm.totp_on') : t('adm.totp_off');
}

function scopeText(u) {
  if (u.provider_id) return `${u.provider_name}${u.provider_admin ? ` (${t('adm.provider_admin')})` : ''}`;
  return [...(u.municipalities || []), ...(u.regional_for || []).map((c) => `${c} (regio)`)].join(', ');
}

// The users, paged, searched, filtered and sorted by the server (GET /users); with `detail` the
// name links to the user's page. `roleFilter`: offer the filter by role (not for a provider
// administrator, whose users are all care provider users).
export function usersList(ctx, detail, { roleFilter = true } = {}) {
  const roles = [...STAFF_ROLES, 'provider'].map((r) => ({ value: r, label: t(`role.${r}`) }));
  return pagedList(ctx, {
    path: (params) => `/users${api.query(params)}`,
    searchLabel: t('adm.search'),
    searchHint: t('adm.search_hint'),
    filters: [
      roleFilter ? { name: 'role', label: t('adm.role'), options: roles } : null,
      { name: 'status', label: t('adm.state'), options: [{ value: 'active', label: t('adm.active') }, { value: 'deactivated', label: t('adm.inactive') }] },
    ].filter(Boolean),
    columns: [
      { key: 'display_name', label: t('adm.name'), sortBy: 'display_name', render: (u) => (detail ? link(detail(u), u.display_name) : u.display_name) },
      { key: 'username', label: t('adm.username'), sortBy: 'username' },
      { key: 'roles', label: t('adm.roles'), render: (u) => roleNames(u.roles) },
      { key: 'scope', label: t('adm.scope'), render: scopeText },
      { key: 'active', label: t('adm.state'), render: stateBadge },
      { key: 'totp_enabled', label: t('adm.totp'), render: totpText },
      { key: 'last_login_at', label: t('adm.last_login'), sortBy: 'last_login_at', render: (u) => (u.last_login_at ? dateTime(u.last_login_at) : t('adm.never')) },
    ],
    caption: t('adm.caption'),
    defaultSort: 'display_name',
  });
}

// The staff roles as a group of checkboxes (role_<name>), the given ones ticked.
export function roleBoxes(checked = []) {
  const group = h('fieldset', { class: 'field', dataset: { field: 'roles' } },
    h('legend', {}, t('adm.roles')),
    h('p', { class: 'hint' }, t('adm.roles_hint')),
    STAFF_ROLES.map((r) => field({ name: `role_${r}`, type: 'checkbox', label: t(`role.${r}`) })),
    h('p', { class: 'field-error', hidden: true }));
  for (const r of checked) {
    const box = group.querySelector(`[name="role_${r}"]`);
    if (box) box.checked = true;
  }
  return group;
}

// The ticked roles of a form's values, the first one kept first when it is still ticked.
export function tickedRoles(v, first) {
  const ticked = STAFF_ROLES.filter((r) => v[`role_${r}`]);
  return first && ticked.includes(first) ? [first, ...ticked.filter((r) => r !== first)] : ticked;
}
