// The administrator's list of users: create a user, the open requests to clear a second factor
// (approved by another administrator: four eyes), which providers manage their own users and
// whether a provider's messages go directly or through the GGk chain.
// The provider administrator's screen is the same list, for its own organisation.
import * as api from '../api.js';
import { dateTime } from '../format.js';
import { localizer, t } from '../i18n.js';
import { announce, confirmStep, errorLine, form, h, load, page, section, table } from '../ui.js';
import { roleBoxes, tickedRoles, usersList } from './adm_common.js';
import { providerPathPicker } from './chain_common.js';

const { fieldError } = localizer('adm');

function resetActions(ctx, r) {
  const me = ctx.user.user_id;
  const name = r.username;
  const onError = (error) => announce(errorLine(error), 'error');
  const step = (what, path, done) => confirmStep({
    label: t(`adm.${what}`),
    title: t(`adm.${what}.title`, { name }),
    summary: () => [h('p', {}, t(`adm.${what}.summary`, { name }))],
    confirmLabel: t(`adm.${what}.confirm`),
    act: async () => {
      await api.post(`/totp-resets/${r.id}/${path}`);
      announce(t(done, { name }));
      ctx.rerender();
    },
    onError,
  });
  const withdraw = step('withdraw', 'withdraw', 'adm.withdrawn');
  if (r.requested_by === me) return [h('p', { class: 'hint' }, t('adm.resets.own')), withdraw];
  if (r.user_id === me) return [h('p', { class: 'hint' }, t('adm.resets.self')), withdraw];
  return [step('approve', 'approve', 'adm.approved'), withdraw];
}

function resetsSection(ctx) {
  const box = h('div');
  load(box, () => api.get('/totp-resets?limit=1000'), (resets) => table([
    { key: 'username', label: t('adm.resets.user') },
    { key: 'requested_by_name', label: t('adm.resets.by') },
    { key: 'requested_at', label: t('adm.resets.at'), format: dateTime },
    { key: 'id', label: t('ui.actions'), render: (r) => h('div', {}, resetActions(ctx, r)) },
  ], resets, { caption: t('adm.resets.caption'), empty: t('adm.resets.empty') }));
  return section(t('adm.resets'), box);
}

async function createForm(ctx, municipal) {
  const fields = [
    { name: 'username', label: t('adm.username'), required: true, autocomplete: 'off' },
    { name: 'display_name', label: t('adm.name'), required: true, autocomplete: 'off' },
    { name: 'password', label: t('adm.password'), hint: t('adm.password_hint'), type: 'password', required: true, autocomplete: 'new-password' },
  ];
  if (municipal) {
    const providers = await api.getCached('/providers?limit=1000');
    fields.push(roleBoxes(['auditor']));
    fields.push({ name: 'provider_id', label: t('adm.provider'), type: 'select', options: [
      { value: '', label: t('adm.provider_none') }, ...providers.map((p) => ({ value: p.id, label: `${p.name} (${p.agb})` }))] });
  }
  fields.push({ name: 'provider_admin', label: t('adm.provider_admin'), type: 'checkbox' });
  return form(fields, t('adm.create'), async (v) => {
    const body = { username: v.username, display_name: v.display_name, password: v.password, provider_admin: v.provider_admin };
    if (!municipal || v.provider_id) {
      body.role = 'provider';
      if (v.provider_id) body.provider_id = Number(v.provider_id);
    } else {
      body.roles = tickedRoles(v);
      if (body.roles.length === 0) throw fieldError('INVALID_FIELD', 'roles');
    }
    await api.post('/users', body);
    announce(t('adm.created', { name: v.username }));
    ctx.rerender();
  });
}

async function selfManagedForm() {
  const providers = await api.getCached('/providers?limit=1000');
  return form([
    { name: 'provider', label: t('adm.provider'), type: 'select', required: true, options: providers.map((p) => ({ value: p.id, label: `${p.name} (${p.agb})` })) },
    { name: 'allowed', label: t('adm.self_managed.allowed'), type: 'checkbox' },
  ], t('adm.self_managed.save'), async (v) => {
    await api.put(`/providers/${v.provider}/user-management`, { allowed: v.allowed });
    announce(t('adm.self_managed.saved'));
  });
}

async function renderUsers(main, ctx, municipal) {
  const title = municipal ? 'adm.users.title' : 'adm.provider_users.title';
  page(main, t(title), h('p', {}, t(municipal ? 'adm.users.intro' : 'adm.provider_users.intro')),
    section(t('adm.list'), usersList(ctx, (u) => `/users/${u.id}`, { roleFilter: municipal })),
    resetsSection(ctx),
    section(t('adm.new'), await createForm(ctx, municipal)),
    municipal ? section(t('adm.self_managed'), h('p', {}, t('adm.self_managed.intro')), await selfManagedForm()) : null,
    municipal ? section(t('path.section'), await providerPathPicker(ctx)) : null);
}

export const renderAdminUsers = (main, ctx) => renderUsers(main, ctx, true);
export const renderProviderUsers = (main, ctx) => renderUsers(main, ctx, false);
