// The chain through the GGk (issue 16) on staff screens: an envelope's state as a badge with
// words (never colour alone), the chain cell of a message in the message history, and a
// provider's message path (GET/PUT /providers/{id}/exchange-path) with its choice for the
// administrator and the contract manager.
import * as api from '../api.js';
import { t, tOr } from '../i18n.js';
import { announce, badge, facts, field, form, h, load } from '../ui.js';
import './chain_strings.js';

export const CHAIN_STATES = ['queued', 'delivered', 'acknowledged', 'failed'];
const STATE_KINDS = { queued: 'warn', delivered: 'neutral', acknowledged: 'ok', failed: 'bad', received: 'ok' };

export const stateText = (state) => tOr(`chain.state.${state}`, state || '');

export function stateBadge(state) {
  return badge(stateText(state), STATE_KINDS[state] || 'neutral');
}

// A message of GET /message-log in the chain: out, the state of its envelope; in, "Ontvangen via
// GGk" or the state of the envelope that carries our retour; "Direct" when it did not use the
// chain. A failed one shows the chain's code and text next to the badge.
export function chainCell(m) {
  if (!m.chain_state) return h('span', { class: 'hint' }, t('chain.direct'));
  const retour = m.direction === 'in' && m.chain_state !== 'received';
  const text = retour ? t('chain.retour_state', { state: stateText(m.chain_state) }) : stateText(m.chain_state);
  return h('span', {}, badge(text, STATE_KINDS[m.chain_state] || 'neutral'),
    m.chain_fault ? [h('br'), h('span', { class: 'chain-fault' }, m.chain_fault)] : null);
}

// --- a provider's message path ------------------------------------------------------------------

const PATH_EDITORS = ['admin', 'contract_manager'];

function pathText(p) {
  const path = t(`path.${p.path}`);
  if (!p.setting) return t('path.from_default', { path });
  return t('path.from_setting', { path, default: t(`path.${p.default_path}`) });
}

function pathForm(ctx, p, provider, reload) {
  return form([{
    name: 'path', label: t('path.choice'), type: 'select', hint: t('path.choice_hint'), value: p.setting || 'default',
    options: ['direct', 'ggk', 'default'].map((v) => ({ value: v, label: t(`path.option.${v}`) })),
  }], t('path.save'), async (v) => {
    const saved = await api.put(`/providers/${p.provider_id}/exchange-path`, { path: v.path });
    announce(t('path.saved', { provider: provider ? provider.name : saved.agb, path: pathText(saved) }));
    reload();
  });
}

// "Berichtenverkeer: via GGk (standaardinstelling)" and, for the administrator and the contract
// manager, the choice of direct, the GGk or the default. `provider`: {id, name, agb}.
export function exchangePathPanel(ctx, provider) {
  const box = h('div', { class: 'exchange-path' });
  const reload = () => load(box, () => api.get(`/providers/${provider.id}/exchange-path`), (p) => [
    facts([[t('path.label'), h('span', { class: 'path-now' }, pathText(p))]]),
    PATH_EDITORS.includes(ctx.user.role) ? pathForm(ctx, p, provider, reload) : null,
  ]);
  reload();
  return box;
}

// A provider chosen from the list, then its path as above (screens without one provider).
export async function providerPathPicker(ctx) {
  const providers = await api.getCached('/providers?limit=1000');
  const panel = h('div', {});
  const picker = field({
    name: 'path_provider', label: t('path.pick'), type: 'select',
    options: [{ value: '', label: t('path.pick_choose') },
      ...providers.map((p) => ({ value: String(p.id), label: `${p.name} (${p.agb})` }))],
  });
  picker.querySelector('select').addEventListener('change', (e) => {
    const chosen = providers.find((p) => String(p.id) === e.target.value);
    panel.replaceChildren(...(chosen ? [exchangePathPanel(ctx, chosen)] : []));
  });
  return h('div', {}, h('p', {}, t('path.section_intro')), picker, panel);
}
