// The rule's numbers on a line that a cap rule rejected (9321, 9322) or held for review:
// `cap_figures` of GET /declarations/{id}/lines. The server counts in the cap's counting unit
// (minutes for an hours cap); the provider reads them in the allocation's own unit, as its
// WMO301 said it: "Plafond 18 uur van 01-06-2026 t/m 07-06-2026; al geaccepteerd 16 uur,
// deze regel 4 uur: 2 uur te veel."
import { integer } from '../format.js';
import { t } from '../i18n.js';
import { h } from '../ui.js';
import { inclusivePeriod, unitText } from './provider_common.js';

// A count in the cap's own unit: minutes of an hours cap as "14 uur en 30 minuten".
function count(n, figures) {
  if (!(figures.cap_unit === 'hours' && figures.counting_unit === 'minutes')) {
    return `${integer(n)} ${unitText(figures.counting_unit)}`;
  }
  const hours = Math.floor(n / 60);
  const minutes = n % 60;
  const hoursText = `${integer(hours)} ${unitText('hours')}`;
  if (minutes === 0) return hoursText;
  const minutesText = `${integer(minutes)} ${unitText('minutes')}`;
  return hours === 0 ? minutesText : t('prov.cap.hours_minutes', { h: hoursText, m: minutesText });
}

// The sentence for one line's figures; '' when the line has none.
export function capFiguresText(figures) {
  if (!figures) return '';
  const over = figures.used_before + figures.claimed - figures.limit;
  const values = {
    limit: count(figures.limit, figures),
    before: count(figures.used_before, figures),
    claimed: count(figures.claimed, figures),
    over: count(Math.max(over, 0), figures),
    period: figures.window_start ? inclusivePeriod(figures.window_start, figures.window_end) : '',
  };
  return t(`prov.cap.${figures.scope}`, values);
}

// The figures as a note under the line's outcome, or null.
export function capFiguresNote(line) {
  const text = capFiguresText(line.cap_figures);
  return text ? h('p', { class: 'hint cap-figures' }, text) : null;
}
