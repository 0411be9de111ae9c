// A provider's bank accounts over time (GET /providers/{id}/bank-accounts), on the finance
// provider screen: the history with the account a run executed today pays, a form to propose a
// new account valid from a date, and, for a proposal of another finance user, approve (after a
// summary and confirmation) or reject with a reason (four eyes: the proposer sees no buttons).
import * as api from '../api.js';
import { date, dateTime } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, badge, confirmStep, errorBlock, form, h, load, section, table } from '../ui.js';

addStrings({
  nl: {
    'fin.acct.title': 'Bankrekening',
    'fin.acct.intro': 'Een betaalrun betaalt de rekening die op de uitvoeringsdatum geldt en is goedgekeurd. Een wijziging stelt een medewerker financiën voor; een andere medewerker keurt die goed of af (vier ogen).',
    'fin.acct.caption': 'Bankrekeningen van de aanbieder, nieuwste ingangsdatum eerst',
    'fin.acct.iban': 'IBAN',
    'fin.acct.holder': 'Tenaamstelling',
    'fin.acct.valid_from': 'Geldig vanaf',
    'fin.acct.status': 'Status',
    'fin.acct.proposed_by': 'Voorgesteld door',
    'fin.acct.decided_by': 'Besluit',
    'fin.acct.current': 'huidige rekening',
    'fin.acct.registration': 'bij registratie',
    'fin.acct.status_proposed': 'voorgesteld',
    'fin.acct.status_approved': 'goedgekeurd',
    'fin.acct.status_rejected': 'afgekeurd',
    'fin.acct.decided': '{by}, {at}',
    'fin.acct.propose_title': 'Nieuwe bankrekening voorstellen',
    'fin.acct.valid_from_hint': 'Vandaag of later. Runs met een uitvoeringsdatum vanaf deze dag betalen de nieuwe rekening zodra die is goedgekeurd.',
    'fin.acct.propose': 'Wijziging voorstellen',
    'fin.acct.proposed': 'De wijziging naar {iban} is voorgesteld; een andere medewerker financiën keurt die goed of af.',
    'fin.acct.mine': 'U hebt deze wijziging voorgesteld; een andere medewerker financiën beslist.',
    'fin.acct.approve': 'Goedkeuren',
    'fin.acct.approve_label': 'Wijziging naar {iban} goedkeuren',
    'fin.acct.approve_title': 'Bankrekening wijzigen naar {iban}?',
    'fin.acct.approve_summary': 'Vanaf {from} betalen runs {iban} ten name van {holder} in plaats van {old}. Klaargezette runs die daardoor de oude rekening zouden betalen, zijn daarna verouderd.',
    'fin.acct.approve_confirm': 'Ja, goedkeuren',
    'fin.acct.approved': 'De wijziging naar {iban} is goedgekeurd.',
    'fin.acct.reject': 'Afkeuren',
    'fin.acct.reject_reason': 'Reden van afkeuren',
    'fin.acct.rejected': 'De wijziging naar {iban} is afgekeurd.',
    'fin.acct.decide_title': 'Voorstel {iban} beslissen',
    'fin.acct.none_current': 'geen',
    'prov.acct.title': 'Uw bankrekening',
    'prov.acct.intro': 'De gemeente betaalt op de rekening die op de uitvoeringsdatum van de betaalrun geldt. Wijzigt uw rekening? Neem contact op met de afdeling financiën van de gemeente.',
    'prov.acct.caption': 'Uw bankrekeningen bij de gemeente, nieuwste ingangsdatum eerst',
  },
  en: {
    'fin.acct.title': 'Bank account',
    'fin.acct.intro': 'A payment run pays the approved account valid on its execution date. A finance user proposes a change; another finance user approves or rejects it (four eyes).',
    'fin.acct.caption': "The provider's bank accounts, newest start first",
    'fin.acct.iban': 'IBAN',
    'fin.acct.holder': 'Account holder',
    'fin.acct.valid_from': 'Valid from',
    'fin.acct.status': 'Status',
    'fin.acct.proposed_by': 'Proposed by',
    'fin.acct.decided_by': 'Decision',
    'fin.acct.current': 'current account',
    'fin.acct.registration': 'at registration',
    'fin.acct.status_proposed': 'proposed',
    'fin.acct.status_approved': 'approved',
    'fin.acct.status_rejected': 'rejected',
    'fin.acct.decided': '{by}, {at}',
    'fin.acct.propose_title': 'Propose a new bank account',
    'fin.acct.valid_from_hint': 'Today or later. Runs executed from this day pay the new account once it is approved.',
    'fin.acct.propose': 'Propose change',
    'fin.acct.proposed': 'The change to {iban} is proposed; another finance user approves or rejects it.',
    'fin.acct.mine': 'You proposed this change; another finance user decides.',
    'fin.acct.approve': 'Approve',
    'fin.acct.approve_label': 'Approve the change to {iban}',
    'fin.acct.approve_title': 'Change the bank account to {iban}?',
    'fin.acct.approve_summary': 'From {from} runs pay {iban} in the name of {holder} instead of {old}. Prepared runs that would pay the old account become stale.',
    'fin.acct.approve_confirm': 'Yes, approve',
    'fin.acct.approved': 'The change to {iban} is approved.',
    'fin.acct.reject': 'Reject',
    'fin.acct.reject_reason': 'Reason for rejecting',
    'fin.acct.rejected': 'The change to {iban} is rejected.',
    'fin.acct.decide_title': 'Decide proposal {iban}',
    'fin.acct.none_current': 'none',
    'prov.acct.title': 'Your bank account',
    'prov.acct.intro': "The municipality pays the account valid on the payment run's execution date. Has your account changed? Contact the municipality's finance department.",
    'prov.acct.caption': 'Your bank accounts with the municipality, newest start first',
  },
});

const statusKind = { approved: 'ok', proposed: 'warn', rejected: 'bad' };

function statusCell(a) {
  return [badge(t(`fin.acct.status_${a.status}`), statusKind[a.status] || 'neutral'),
    a.current ? [' ', badge(t('fin.acct.current'), 'ok')] : null];
}

function decisionCell(a) {
  if (!a.decided_by || a.decided_by === 'registration' || a.decided_by === 'migration:0039') return '';
  return [t('fin.acct.decided', { by: a.decided_by, at: dateTime(a.decided_at) }),
    a.decision_reason ? ` — ${a.decision_reason}` : ''];
}

function historyTable(rows) {
  return table([
    { key: 'iban', label: t('fin.acct.iban') },
    { key: 'holder_name', label: t('fin.acct.holder') },
    { key: 'valid_from', label: t('fin.acct.valid_from'), format: date },
    { key: 'status', label: t('fin.acct.status'), render: statusCell },
    { key: 'proposed_by', label: t('fin.acct.proposed_by'), render: (a) => (!a.id || a.proposed_by === 'registration' || a.proposed_by === 'migration:0039' ? t('fin.acct.registration') : a.proposed_by) },
    { key: 'decided_by', label: t('fin.acct.decided_by'), render: decisionCell },
  ], rows, { caption: t('fin.acct.caption') });
}

function proposeForm(provider, reload) {
  const today = new Date().toISOString().slice(0, 10);
  const el = form([
    { name: 'iban', label: t('fin.acct.iban'), required: true },
    { name: 'holder_name', label: t('fin.acct.holder'), required: true, value: provider.name },
    { name: 'valid_from', label: t('fin.acct.valid_from'), type: 'date', required: true, value: today, hint: t('fin.acct.valid_from_hint') },
  ], t('fin.acct.propose'), async (v) => {
    const row = await api.post(`/providers/${provider.id}/bank-accounts`, v);
    announce(t('fin.acct.proposed', { iban: row.iban }));
    await reload();
  });
  el.id = 'account-propose-form';
  return [h('h3', {}, t('fin.acct.propose_title')), el];
}

function decidePanel(proposal, current, ctx, reload) {
  const params = { iban: proposal.iban };
  if (proposal.proposed_by === ctx.user.name) return h('p', { id: 'account-mine' }, t('fin.acct.mine'));
  const feedback = h('div', { id: 'account-decide-feedback' });
  const approve = confirmStep({
    label: t('fin.acct.approve'),
    title: t('fin.acct.approve_title', params),
    summary: () => [h('p', {}, t('fin.acct.approve_summary', {
      ...params, from: date(proposal.valid_from), holder: proposal.holder_name, old: current ? current.iban : t('fin.acct.none_current'),
    }))],
    confirmLabel: t('fin.acct.approve_confirm'),
    act: async () => {
      await api.post(`/provider-bank-accounts/${proposal.id}/approve`, {});
      announce(t('fin.acct.approved', params));
      await reload();
    },
    onError: (error) => {
      if (!error || !error.code) throw error;
      feedback.replaceChildren(errorBlock(error));
    },
  });
  const reject = form([{ name: 'reason', label: t('fin.acct.reject_reason'), type: 'textarea', required: true }],
    t('fin.acct.reject'), async (v) => {
      await api.post(`/provider-bank-accounts/${proposal.id}/reject`, { reason: v.reason });
      announce(t('fin.acct.rejected', params));
      await reload();
    });
  reject.id = 'account-reject-form';
  return h('div', { id: 'account-decide' }, h('h3', {}, t('fin.acct.decide_title', params)), approve, feedback, reject);
}

// The bank-account section of the finance provider screen.
export function accountsSection(provider, ctx) {
  const box = h('div', { id: 'account-history' });
  const reload = () => load(box, () => api.get(`/providers/${provider.id}/bank-accounts`), (rows) => {
    const proposal = rows.find((a) => a.status === 'proposed');
    const current = rows.find((a) => a.current);
    const parts = [historyTable(rows)];
    if (ctx.user.role === 'finance') {
      parts.push(proposal ? decidePanel(proposal, current, ctx, reload) : proposeForm(provider, reload));
    }
    return parts;
  });
  reload();
  return section(t('fin.acct.title'), h('p', { class: 'hint' }, t('fin.acct.intro')), box);
}

// The provider's own view (read-only): the approved accounts, the current one marked.
export function providerAccountsSection(providerId) {
  const box = h('div', { id: 'provider-accounts' });
  load(box, () => api.get(`/providers/${providerId}/bank-accounts`), (rows) => table([
    { key: 'iban', label: t('fin.acct.iban') },
    { key: 'holder_name', label: t('fin.acct.holder') },
    { key: 'valid_from', label: t('fin.acct.valid_from'), format: date },
    { key: 'current', label: t('fin.acct.status'), render: (a) => (a.current ? badge(t('fin.acct.current'), 'ok') : '') },
  ], rows.filter((a) => a.status === 'approved'), { caption: t('prov.acct.caption') }));
  return section(t('prov.acct.title'), h('p', { class: 'hint' }, t('prov.acct.intro')), box);
}
