// Applications to open procedures: the list, and one application assessed requirement by
// requirement (met / not met with the reasoning) with the decision (admit creates one framework
// contract per lot; reject needs a reason).
import * as api from '../api.js';
import { dateTime, integer } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { announce, form, h, link, load, section, table } from '../ui.js';
import {
  actionLink, facts, fieldError, isManager, localizedCall, page, statusBadge, statusFilter,
} from './contract_manager_common.js';

const FILTERS = ['submitted', 'admitted', 'rejected', 'all'];

// The procedures the applications belong to, with their lots and requirements, by id.
async function proceduresOf(applications) {
  const ids = [...new Set(applications.map((a) => a.procedure_id))];
  const list = await Promise.all(ids.map((id) => api.get(`/procedures/${id}`)));
  return new Map(list.map((p) => [p.id, p]));
}

function lotNames(application, procedure) {
  const names = new Map((procedure?.lots || []).map((l) => [l.id, l.name]));
  return application.lots.map((id) => names.get(id) || `#${id}`).join(', ');
}

const assessed = (a) => a.answers.filter((x) => x.assessment !== 'pending').length;
const providerText = (a) => `${a.provider_name} (AGB ${a.provider_agb})`;

// --- the list ---------------------------------------------------------------------------------

function applicationsTable(ctx, list, procedures) {
  const manager = isManager(ctx);
  return table([
    { key: 'id', label: t('cm.app.number'), render: (r) => link(`/applications/${r.id}`, t('cm.app.n', { id: r.id })) },
    { key: 'provider_name', label: t('cm.app.provider'), render: providerText },
    { key: 'procedure_id', label: t('cm.app.procedure'), render: (r) => link(`/procedures/${r.procedure_id}`, procedures.get(r.procedure_id)?.name || `#${r.procedure_id}`) },
    { key: 'lots', label: t('cm.app.lots'), render: (r) => lotNames(r, procedures.get(r.procedure_id)) },
    { key: 'submitted_at', label: t('cm.app.submitted'), format: dateTime },
    { key: 'answers', label: t('cm.app.assessed'), render: (r) => t('cm.app.assessed_n', { n: integer(assessed(r)), of: integer(r.answers.length) }) },
    { key: 'status', label: t('ui.status'), render: (r) => statusBadge(r.status) },
    { key: 'action', label: t('ui.actions'), render: (r) => actionLink(`/applications/${r.id}`,
      t(manager && r.status === 'submitted' ? 'cm.app.assess' : 'cm.app.view'), t('cm.app.n', { id: r.id })) },
  ], list, { caption: t('cm.app.caption'), empty: t('cm.app.empty') });
}

export async function applicationsScreen(main, ctx) {
  const filter = FILTERS.includes(ctx.query.get('status')) ? ctx.query.get('status') : 'submitted';
  const procedure = ctx.query.get('procedure');
  const body = h('div', {});
  page(main, t('cm.app.title'), h('p', {}, t('cm.app.intro')),
    statusFilter(ctx, '/applications', FILTERS.map((f) => ({ value: f, label: t(`cm.app.filter.${f}`) })), filter),
    procedure ? h('p', {}, t('cm.app.only_procedure', { id: procedure }), ' ', link('/applications', t('cm.app.all_procedures'))) : null,
    body);
  await load(body, async () => {
    // The server filters and pages (X-Total-Count); the screen asks for one large page.
    const list = await api.get(`/applications${api.query({ status: filter === 'all' ? '' : filter,
      procedure: procedure || '', limit: 1000 })}`);
    return [list, await proceduresOf(list)];
  }, ([list, procedures]) => applicationsTable(ctx, list, procedures));
}

// --- one application ----------------------------------------------------------------------

function headSection(a, procedure) {
  return section(t('cm.app.details'), facts([
    [t('cm.app.provider'), providerText(a)],
    [t('cm.app.procedure'), link(`/procedures/${a.procedure_id}`, procedure.name)],
    [t('cm.app.lots'), lotNames(a, procedure)],
    [t('cm.app.submitted'), dateTime(a.submitted_at)],
    [t('ui.status'), statusBadge(a.status)],
    [t('cm.app.decided'), a.decided_at ? t('cm.app.decided_by', { at: dateTime(a.decided_at), by: a.decided_by || '' }) : ''],
    [t('cm.app.reason'), a.reason],
    [t('cm.app.contracts'), a.contracts.length ? h('span', {}, a.contracts.map((c, i) => [i ? ', ' : '', link(`/contracts/${c}`, t('cm.app.contract_n', { id: c }))])) : ''],
  ]));
}

function assessmentForm(ctx, a, answer) {
  const current = answer.assessment === 'pending' ? '' : String(answer.assessment === 'met');
  const el = form([
    { name: 'met', label: t('cm.app.verdict'), type: 'select', required: true, value: current, options: [
      { value: '', label: t('cm.app.choose') }, { value: 'true', label: t('cm.status.met') }, { value: 'false', label: t('cm.status.not_met') }] },
    { name: 'remark', label: t('cm.app.remark'), type: 'textarea', value: answer.remark, hint: t('cm.app.remark_hint') },
  ], t('cm.app.save_verdict'), async (v) => {
    if (v.met === '') throw fieldError('INVALID_DECISION', 'met');
    if (v.met === 'false' && !v.remark) throw fieldError('REASON_REQUIRED', 'remark');
    await localizedCall(() => api.post(`/applications/${a.id}/assessments`, { requirement_id: answer.requirement_id, met: v.met === 'true', remark: v.remark }));
    announce(t('cm.app.verdict_saved'));
    await ctx.rerender();
  });
  el.dataset.requirement = String(answer.requirement_id);
  return el;
}

function requirementSection(ctx, a, requirement, answer, n) {
  const open = a.status === 'submitted' && isManager(ctx);
  const text = h('div', {},
    h('p', {}, h('strong', {}, requirement ? requirement.text : `#${answer.requirement_id}`)),
    h('h3', {}, t('cm.app.answer')),
    h('blockquote', {}, answer.answer));
  const verdict = h('div', {},
    facts([[t('cm.app.current'), statusBadge(answer.assessment)], [t('cm.app.remark'), answer.remark]]),
    open ? assessmentForm(ctx, a, answer) : null);
  return section(t('cm.app.requirement_n', { n }), h('div', { class: 'grid' }, text, verdict));
}

function decisionSection(ctx, a) {
  const met = a.answers.filter((x) => x.assessment === 'met').length;
  const all = met === a.answers.length;
  const el = form([
    { name: 'decision', label: t('cm.app.decision'), type: 'select', required: true, value: all ? 'admit' : 'reject', options: [
      { value: 'admit', label: t('cm.app.admit') }, { value: 'reject', label: t('cm.app.reject') }] },
    { name: 'reason', label: t('cm.app.reason'), type: 'textarea', hint: t('cm.app.reason_hint') },
  ], t('cm.app.decide'), async (v) => {
    if (v.decision === 'reject' && !v.reason) throw fieldError('REASON_REQUIRED', 'reason');
    const r = await localizedCall(() => api.post(`/applications/${a.id}/decision`, { decision: v.decision, reason: v.reason }));
    announce(t(v.decision === 'admit' ? 'cm.app.admitted' : 'cm.app.rejected', { n: integer(r.contracts.length) }));
    await ctx.rerender();
  });
  el.id = 'cm-application-decision';
  return section(t('cm.app.decision'),
    h('p', {}, t('cm.app.met_n', { n: integer(met), of: integer(a.answers.length) }), ' ',
      all ? t('cm.app.can_admit') : t('cm.app.cannot_admit')), el);
}

export async function applicationScreen(main, ctx) {
  const a = await api.get(`/applications/${encodeURIComponent(ctx.params.id)}`);
  const procedure = await api.get(`/procedures/${a.procedure_id}`);
  const requirements = new Map(procedure.requirements.map((r) => [r.id, r]));
  page(main, t('cm.app.page_title', { id: a.id, provider: a.provider_name }),
    h('p', {}, link('/applications', t('cm.app.back'))),
    headSection(a, procedure),
    h('h2', {}, t('cm.app.requirements')),
    a.answers.map((x, i) => requirementSection(ctx, a, requirements.get(x.requirement_id), x, i + 1)),
    a.status === 'submitted' && isManager(ctx) ? decisionSection(ctx, a) : null);
}

addStrings({
  nl: {
    'cm.nav.applications': 'Aanmeldingen',
    'cm.app.title': 'Aanmeldingen van zorgaanbieders',
    'cm.app.intro': 'Beoordeel elke aanmelding eis voor eis. Toelaten kan als aan alle eisen is voldaan; dan ontstaat per perceel een raamcontract.',
    'cm.app.filter.submitted': 'Te beoordelen',
    'cm.app.filter.admitted': 'Toegelaten',
    'cm.app.filter.rejected': 'Afgewezen',
    'cm.app.filter.all': 'Alle',
    'cm.app.only_procedure': 'Alleen aanmeldingen bij procedure {id}.',
    'cm.app.all_procedures': 'Alle procedures tonen',
    'cm.app.caption': 'Aanmeldingen',
    'cm.app.empty': 'Geen aanmeldingen in deze selectie.',
    'cm.app.number': 'Aanmelding',
    'cm.app.n': 'Aanmelding {id}',
    'cm.app.provider': 'Zorgaanbieder',
    'cm.app.procedure': 'Procedure',
    'cm.app.lots': 'Percelen',
    'cm.app.submitted': 'Ingediend',
    'cm.app.assessed': 'Beoordeeld',
    'cm.app.assessed_n': '{n} van {of} eisen',
    'cm.app.assess': 'Beoordelen',
    'cm.app.view': 'Bekijken',
    'cm.app.page_title': 'Aanmelding {id} — {provider}',
    'cm.app.back': '← Alle aanmeldingen',
    'cm.app.details': 'Gegevens',
    'cm.app.decided': 'Besloten',
    'cm.app.decided_by': '{at} door {by}',
    'cm.app.reason': 'Reden',
    'cm.app.contracts': 'Contracten',
    'cm.app.contract_n': 'contract {id}',
    'cm.app.requirements': 'Eisen en antwoorden',
    'cm.app.requirement_n': 'Eis {n}',
    'cm.app.answer': 'Antwoord van de aanbieder',
    'cm.app.verdict': 'Oordeel',
    'cm.app.current': 'Huidig oordeel',
    'cm.app.choose': 'Kies…',
    'cm.app.remark': 'Toelichting',
    'cm.app.remark_hint': 'Verplicht als niet aan de eis is voldaan.',
    'cm.app.save_verdict': 'Oordeel opslaan',
    'cm.app.verdict_saved': 'Het oordeel is opgeslagen.',
    'cm.app.decision': 'Besluit',
    'cm.app.admit': 'Toelaten',
    'cm.app.reject': 'Afwijzen',
    'cm.app.reason_hint': 'Verplicht bij afwijzen.',
    'cm.app.decide': 'Besluit vastleggen',
    'cm.app.met_n': 'Aan {n} van {of} eisen voldaan.',
    'cm.app.can_admit': 'De aanbieder kan worden toegelaten.',
    'cm.app.cannot_admit': 'Toelaten kan pas als aan alle eisen is voldaan.',
    'cm.app.admitted': 'De aanbieder is toegelaten; {n} raamcontract(en) aangemaakt.',
    'cm.app.rejected': 'De aanmelding is afgewezen.',
  },
  en: {
    'cm.nav.applications': 'Applications',
    'cm.app.title': 'Applications of care providers',
    'cm.app.intro': 'Assess each application requirement by requirement. Admission needs every requirement met and creates one framework contract per lot.',
    'cm.app.filter.submitted': 'To assess',
    'cm.app.filter.admitted': 'Admitted',
    'cm.app.filter.rejected': 'Rejected',
    'cm.app.filter.all': 'All',
    'cm.app.only_procedure': 'Only applications to procedure {id}.',
    'cm.app.all_procedures': 'Show all procedures',
    'cm.app.caption': 'Applications',
    'cm.app.empty': 'No applications in this selection.',
    'cm.app.number': 'Application',
    'cm.app.n': 'Application {id}',
    'cm.app.provider': 'Care provider',
    'cm.app.procedure': 'Procedure',
    'cm.app.lots': 'Lots',
    'cm.app.submitted': 'Submitted',
    'cm.app.assessed': 'Assessed',
    'cm.app.assessed_n': '{n} of {of} requirements',
    'cm.app.assess': 'Assess',
    'cm.app.view': 'View',
    'cm.app.page_title': 'Application {id} — {provider}',
    'cm.app.back': '← All applications',
    'cm.app.details': 'Details',
    'cm.app.decided': 'Decided',
    'cm.app.decided_by': '{at} by {by}',
    'cm.app.reason': 'Reason',
    'cm.app.contracts': 'Contracts',
    'cm.app.contract_n': 'contract {id}',
    'cm.app.requirements': 'Requirements and answers',
    'cm.app.requirement_n': 'Requirement {n}',
    'cm.app.answer': "The provider's answer",
    'cm.app.verdict': 'Assessment',
    'cm.app.current': 'Current assessment',
    'cm.app.choose': 'Choose…',
    'cm.app.remark': 'Reasoning',
    'cm.app.remark_hint': 'Required when the requirement is not met.',
    'cm.app.save_verdict': 'Save assessment',
    'cm.app.verdict_saved': 'The assessment has been saved.',
    'cm.app.decision': 'Decision',
    'cm.app.admit': 'Admit',
    'cm.app.reject': 'Reject',
    'cm.app.reason_hint': 'Required to reject.',
    'cm.app.decide': 'Record decision',
    'cm.app.met_n': '{n} of {of} requirements met.',
    'cm.app.can_admit': 'The provider can be admitted.',
    'cm.app.cannot_admit': 'Admission needs every requirement met.',
    'cm.app.admitted': 'The provider has been admitted; {n} framework contract(s) created.',
    'cm.app.rejected': 'The application has been rejected.',
  },
});
