// One user (administrator, or a provider administrator for its own organisation): change the
// name and roles, deactivate or reactivate (with confirmation: every session ends at once) and
// request that the second factor is cleared (another administrator approves: four eyes).
import * as api from '../api.js';
import { dateTime } from '../format.js';
import { localizer, t } from '../i18n.js';
import { announce, confirmStep, errorLine, facts, form, h, link, page, section } from '../ui.js';
import { roleBoxes, roleNames, stateBadge, tickedRoles, totpText } from './adm_common.js';

const { fieldError } = localizer('adm');

function changeForm(ctx, u) {
  const fields = [{ name: 'display_name', label: t('adm.name'), required: true, value: u.display_name, autocomplete: 'off' }];
  if (!u.provider_id) fields.push(roleBoxes(u.roles));
  const el = form(fields, t('adm.save'), async (v) => {
    const body = { display_name: v.display_name };
    if (u.provider_id) body.provider_admin = v.provider_admin;
    else {
      body.roles = tickedRoles(v, u.roles[0]);
      if (body.roles.length === 0) throw fieldError('INVALID_FIELD', 'roles');
    }
    await api.put(`/users/${u.id}`, body);
    announce(t('adm.saved'));
    ctx.rerender();
  });
  if (u.provider_id) {
    const box = h('input', { type: 'checkbox', id: `padm-${u.id}`, name: 'provider_admin', checked: u.provider_admin });
    el.querySelector('.actions').before(h('div', { class: 'field checkbox', dataset: { field: 'provider_admin' } },
      box, h('label', { for: box.id }, t('adm.provider_admin')), h('p', { class: 'field-error', hidden: true })));
  }
  return el;
}

function step(what, name, act, label = t(`adm.${what}`)) {
  return confirmStep({
    label,
    title: t(`adm.${what}.title`, { name }),
    summary: () => [h('p', {}, t(`adm.${what}.summary`, { name }))],
    confirmLabel: t(`adm.${what}.confirm`),
    act,
    onError: (error) => announce(errorLine(error), 'error'),
  });
}

function accountSection(ctx, u) {
  const name = u.display_name;
  const toggle = u.active
    ? step('deactivate', name, async () => {
      await api.post(`/users/${u.id}/deactivate`);
      announce(t('adm.deactivated', { name }));
      ctx.rerender();
    })
    : step('reactivate', name, async () => {
      await api.post(`/users/${u.id}/reactivate`);
      announce(t('adm.reactivated', { name }));
      ctx.rerender();
    });
  return section(t('adm.account'), toggle);
}

function resetSection(ctx, u) {
  const name = u.display_name;
  const body = u.totp_enabled
    ? step('reset', name, async () => {
      await api.post(`/users/${u.id}/totp-reset`);
      announce(t('adm.reset.requested'));
      ctx.rerender();
    }, t('adm.reset.request'))
    : h('p', {}, t('adm.reset.none', { name }));
  return section(t('adm.reset'), h('p', {}, t('adm.reset.intro')), body);
}

export async function renderAdminUser(main, ctx) {
  const id = Number(ctx.params.id);
  const u = !Number.isSafeInteger(id) || id <= 0 ? null : await api.get(`/users/${id}`).catch((error) => {
    if (error && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!u) {
    page(main, t('ui.not_found'));
    return;
  }
  const back = ctx.user.role === 'provider' ? '/provider-users' : '/users';
  page(main, t('adm.user.title', { name: u.display_name }),
    h('p', {}, link(back, t('ui.back'))),
    facts([
      [t('adm.username'), u.username],
      [t('adm.roles'), roleNames(u.roles)],
      [t('adm.state'), stateBadge(u)],
      [t('adm.totp'), totpText(u)],
      [t('adm.last_login'), u.last_login_at ? dateTime(u.last_login_at) : t('adm.never')],
    ]),
    section(t('adm.change'), changeForm(ctx, u)),
    accountSection(ctx, u),
    resetSection(ctx, u));
}
