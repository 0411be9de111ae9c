// Helpers shared by the finance screens: status badges, the provider names, dates for forms.
import * as api from '../api.js';
import { isoDay } from '../format.js';
import { t } from '../i18n.js';
import { badge, facts, h, progressBar } from '../ui.js';

export { facts, isoDay };

// Badge kinds per status word; the text always says the status (never colour alone).
const KINDS = {
  prepared: 'warn', approved: 'ok', cancelled: 'neutral',
  sent: 'warn', booked: 'ok', returned: 'bad',
  paid: 'ok', offset: 'neutral', left_out: 'bad',
  open: 'warn', in_run: 'neutral',
  difference: 'bad', unmatched: 'bad', resolved: 'ok', gap: 'bad', mismatch: 'bad',
};

// badge for a status of a group ('run', 'transfer', 'item', 'payable', 'entry').
export function statusBadge(group, status) {
  const key = `fin.status.${group}.${status}`;
  const text = t(key);
  return badge(text === key ? status : text, KINDS[status] || 'neutral');
}

// A left-out item's reason "provider_blocked: detail" in words, keeping the server's detail.
export function leftOutReason(reason) {
  if (!reason) return '';
  const [code, ...rest] = String(reason).split(':');
  const key = `fin.leftout.${code.trim()}`;
  const text = t(key);
  const detail = rest.join(':').trim();
  if (text === key) return reason;
  return detail ? `${text} — ${detail}` : text;
}

export function sourceText(type) {
  const key = `fin.source.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

// Providers by id (one call per screen).
export async function providerMap() {
  const list = await api.get('/providers?limit=1000');
  return new Map(list.map((p) => [p.id, p]));
}

export function providerName(map, id) {
  const p = map.get(id);
  return p ? `${p.name} (${p.agb})` : t('fin.provider_n', { id });
}


export function alertBox(...content) {
  return h('div', { class: 'form-error', role: 'alert', tabindex: '-1' }, ...content);
}

// ui.progressBar, kept out of sight until the first progress report (the .progress rule's
// display: flex outranks the hidden attribute, so the bar would show "0 %" before anything runs).
export function quietProgress(label) {
  const bar = progressBar(label);
  const el = h('div', {}, bar.el);
  el.style.display = 'none';
  return {
    el,
    update: (done, total) => {
      el.style.display = '';
      bar.update(done, total);
    },
    done: () => bar.done(),
  };
}
