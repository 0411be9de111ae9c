// Declaring: upload of a WMO323 message or a CSV of realised hours (each with a dry run), with
// a progress bar, and the answer per prestatie. A WMO325 lists only the rejected prestaties, so
// the accepted ones are read from the uploaded file itself (up to MAX_PARSE_BYTES).
import * as api from '../api.js';
import { maskedBsn, money } from '../format.js';
import { t, tOr } from '../i18n.js';
import { announce, form, h, link, page, progressBar, section, table } from '../ui.js';
import {
  codeList, codeMeaning, facts, inclusivePeriod, periodText, ROLES, statusBadge, unitText,
} from './provider_common.js';
import { parseWmo323, parseWmo325 } from './provider_xml.js';

const MAX_PARSE_BYTES = 5 * 1024 * 1024;

// The server's field names on the form's fields: whole-file errors go next to the file field.
const ALIASES = { '': 'file', csv: 'file', body: 'file', lines: 'file', period_start: 'month', period_end: 'month' };

// One problem of a refused CSV in the user's language: "Rij 3, begindatum: … (CSV_DATE)".
function csvProblemText(p) {
  const text = `${tOr(`error.${p.code}`, p.message)} (${p.code})`;
  if (!p.row) return text;
  const where = p.column ? t('prov.csv.at_cell', { row: p.row, column: tOr(`prov.csvcol.${p.column}`, p.column) })
    : t('prov.csv.at_row', { row: p.row });
  return `${where}: ${text}`;
}

// A whole-file error with our explanation in front of the server's detail (line, column); a
// refused CSV lists every problem the server found (it names at most 100 of them).
function explained(error) {
  const key = `prov.fileerr.${error.code}`;
  const ours = t(key);
  if (ours === key || !error.message) return error;
  const problems = error.body && Array.isArray(error.body.problems) ? error.body.problems : null;
  if (!problems || problems.length === 0) return new api.ApiError(error.status, error.code, `${ours}: ${error.message}`, error.field);
  const total = Math.max(problems.length, Number((/^(\d+) problem/.exec(error.message) || [])[1]) || 0);
  const listed = new api.ApiError(error.status, error.code, `${ours}: ${t('prov.csv.problems', { n: total })}`
    + (total > problems.length ? ` ${t('prov.csv.first', { n: problems.length })}` : ''), error.field);
  listed.details = problems.map(csvProblemText);
  return listed;
}

// "2026-10" -> {start: "2026-10-01", end: "2026-11-01"} (half-open), or null.
function monthPeriod(text) {
  const m = /^(\d{4})-(\d{2})$/.exec(text || '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { start: `${m[1]}-${m[2]}-01`, end: `${next}-01` };
}

// The declaration's id after a real WMO323 upload (the WMO325 does not carry it): the
// provider's newest declaration with this number, or null.
async function findDeclarationId(number) {
  const list = await api.get(`/declarations${api.query({ number, limit: 1 })}`);
  return list.length ? list[0].declaration_id : null;
}

// ---- the answer, from a WMO325 (+ the uploaded WMO323) or from the CSV's JSON ----

// full: every line accepted; none: not one; partial: some.
function outcomeOf(lines) {
  const accepted = lines.filter((l) => l.status === 'accepted').length;
  if (accepted === lines.length) return 'full';
  return accepted === 0 ? 'none' : 'partial';
}

// The outcome of a WMO325 when the uploaded file was too large to read here: the answer lists
// only the rejected prestaties, so whether anything was accepted follows from the amount awarded.
function outcomeOfRejectedOnly(a) {
  if (!a.rejected.length) return 'full';
  return Number(a.awarded) !== 0 ? 'partial' : 'none';
}

function fromWmo325(xml, uploaded, dryRun) {
  const a = parseWmo325(xml);
  if (!a) return null;
  const whole = a.whole;
  const rejectedByRef = new Map();
  for (const p of a.rejected) rejectedByRef.set(`${p.reference}|${p.credit}`, p);
  const lines = uploaded
    ? uploaded.lines.map((p) => {
      const r = rejectedByRef.get(`${p.reference}|${p.credit}`);
      if (r) return { ...p, status: 'rejected', codes: r.codes };
      return whole ? { ...p, status: 'rejected', codes: ['0233'] } : { ...p, status: 'accepted', codes: [] };
    })
    : a.rejected.map((p) => ({ ...p, status: 'rejected' }));
  let outcome = uploaded ? outcomeOf(lines) : outcomeOfRejectedOnly(a);
  if (whole) outcome = 'whole';
  return {
    kind: 'wmo323', number: a.number || (uploaded && uploaded.number) || '', dryRun, outcome, submitted: a.submitted, awarded: a.awarded, lines,
    total: uploaded ? uploaded.lines.length : null, headerCodes: a.headerCodes, declarationCodes: a.declarationCodes,
    partialList: !uploaded, wmo325: xml,
  };
}

function fromCsvAnswer(answer, rows, period) {
  const notAccepted = new Map(answer.not_accepted.map((n) => [n.reference, n]));
  const whole = answer.status === 'rejected';
  const lines = rows.map((r) => {
    const n = notAccepted.get(r.reference);
    if (n) return { ...r, status: n.status, codes: [n.code] };
    return whole ? { ...r, status: 'rejected', codes: ['0233'] } : { ...r, status: 'accepted', codes: [] };
  });
  let outcome = rows.length ? outcomeOf(lines) : (answer.not_accepted.length ? 'partial' : 'full');
  if (answer.status === 'awaiting_review') outcome = 'review';
  if (whole) outcome = 'whole';
  return {
    kind: 'csv', number: answer.number, dryRun: answer.dry_run, outcome, submitted: answer.submitted_cents,
    awarded: answer.awarded_cents, lines, total: answer.lines, declarationCodes: [answer.header_code].filter(Boolean),
    headerMessage: answer.header_message, declarationId: answer.declaration_id || null, answerDue: answer.answer_due, period,
  };
}

// "1-2-2026" -> "2026-02-01"; ISO dates as they are.
function isoDate(text) {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text;
}

// The fields of one CSV line: "a;b" quoted with "" for a quote, each trimmed.
function csvFields(line, sep) {
  const out = [''];
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      out[out.length - 1] += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) out.push('');
    else out[out.length - 1] += c;
  }
  return out.map((f) => f.trim());
}

// The CSV rows as the provider wrote them (the server adds product, tariff and amount), read as
// the server reads them: `,` or `;` (Dutch Excel), an optional header, d-m-yyyy dates.
function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim());
  if (!lines.length) return [];
  const count = (ch) => lines[0].split(ch).length;
  const sep = count(';') > count(',') ? ';' : ',';
  const rows = [];
  for (const [i, line] of lines.entries()) {
    const f = csvFields(line, sep);
    if (i === 0 && ['reference', 'referentie'].includes(f[0].toLowerCase())) continue;
    rows.push({ reference: f[0], allocation: f[1], bsn: f[2], begin: isoDate(f[3] || ''), endExclusive: isoDate(f[4] || ''), volume: f[5], unit: 'hours' });
  }
  return rows;
}

const OUTCOME_KIND = { full: 'ok', partial: 'warn', none: 'bad', whole: 'bad', review: 'warn' };

function outcomeBadge(outcome) {
  return h('span', { class: `badge ${OUTCOME_KIND[outcome]}` }, t(`prov.answer.${outcome}`));
}

function lineColumns() {
  return [
    { label: t('prov.col.reference'), key: 'reference' },
    { label: t('prov.col.bsn'), render: (l) => maskedBsn(l.bsn) },
    { label: t('prov.col.allocation'), render: (l) => (l.allocation ? link(`/provider/allocations/${l.allocation}`, l.allocation) : '') },
    { label: t('prov.col.product'), render: (l) => l.product || t('prov.by_server') },
    { label: t('prov.col.period'), render: (l) => (l.endExclusive ? periodText(l.begin, l.endExclusive) : inclusivePeriod(l.begin, l.end)) },
    { label: t('prov.col.volume'), align: 'right', render: (l) => `${l.volume} ${unitText(l.unit)}` },
    { label: t('prov.col.amount'), align: 'right', render: (l) => (l.amount === undefined ? '' : `${money(l.amount)}${l.credit ? ` ${t('prov.credit')}` : ''}`) },
    { label: t('prov.col.outcome'), render: (l) => statusBadge('prov.line.', l.status) },
    { label: t('prov.col.codes'), render: (l) => codeList(l.codes) },
  ];
}

function downloadLink(model) {
  const blob = new Blob([model.wmo325], { type: 'application/xml' });
  return h('a', { href: URL.createObjectURL(blob), download: `wmo325-${model.number}.xml`, class: 'button' }, t('prov.answer.download'));
}

function answerSection(model) {
  const accepted = model.lines.filter((l) => l.status === 'accepted').length;
  // A technical rejection (header 0001) has no declaration codes: show the header's.
  const shown = (model.declarationCodes || []).length ? model.declarationCodes : (model.headerCodes || []).filter((c) => c !== '0200');
  const declCode = shown.map((c) => `${c} — ${codeMeaning(c)}`).join('; ');
  const parts = [
    h('p', { class: model.dryRun ? 'notice' : '' }, model.dryRun ? t('prov.answer.dry_run') : t('prov.answer.real')),
    facts([
      [t('prov.answer.outcome'), outcomeBadge(model.outcome)],
      [t('prov.answer.submitted'), money(model.submitted)],
      [t('prov.answer.awarded'), money(model.awarded)],
      model.total !== null ? [t('prov.answer.lines'), t('prov.answer.lines_value', { accepted, total: model.total })] : null,
      [t('prov.answer.declaration_code'), declCode],
    ]),
  ];
  if (model.outcome === 'whole') {
    parts.push(h('p', { class: 'form-error', role: 'alert' }, declCode || model.headerMessage || t('prov.answer.whole')));
  }
  if (model.partialList) parts.push(h('p', {}, t('prov.answer.accepted_not_listed')));
  parts.push(h('h3', {}, t('prov.answer.per_line')), table(lineColumns(), model.lines));
  const actions = h('div', { class: 'actions' });
  if (model.wmo325) actions.append(downloadLink(model));
  if (model.declarationId) actions.append(link(`/provider/declarations/${model.declarationId}`, t('prov.answer.open_declaration', { number: model.number })));
  parts.push(actions);
  const el = section(t('prov.answer.title', { number: model.number }), ...parts);
  el.id = 'answer';
  return el;
}

function reviewSection(answer, number) {
  const el = section(t('prov.answer.title', { number }),
    facts([[t('prov.answer.outcome'), outcomeBadge('review')]]),
    h('p', {}, t('prov.answer.review_text', { date: answer.answer_due ? answer.answer_due.split('-').reverse().join('-') : '' })),
    answer.declaration_id ? h('p', {}, link(`/provider/declarations/${answer.declaration_id}`, t('prov.answer.open_declaration', { number }))) : null);
  el.id = 'answer';
  return el;
}

// ---- sending ----

async function sendWmo323(file, dryRun, progress) {
  const result = await api.upload(`/declarations/wmo323${dryRun ? '/dry-run' : ''}`, file, 'application/xml', progress.update);
  progress.done();
  if (result.status === 202) {
    const answer = JSON.parse(result.text);
    return reviewSection(answer, answer.number || '');
  }
  const uploaded = file.size <= MAX_PARSE_BYTES ? parseWmo323(await file.text()) : null;
  const model = fromWmo325(result.text, uploaded, dryRun);
  if (!model) return section(t('prov.answer.per_line'), h('p', { class: 'form-error' }, t('prov.answer.unreadable')));
  if (!dryRun && model.outcome !== 'whole') model.declarationId = await findDeclarationId(model.number).catch(() => null);
  return answerSection(model);
}

// The CSV's JSON answer; a declaration rejected as a whole comes back as 422 with the same
// answer in the error's body, shown like any other answer.
async function csvAnswer(path, file, progress) {
  try {
    return JSON.parse((await api.upload(path, file, 'text/csv', progress.update)).text);
  } catch (error) {
    if (error && error.status === 422 && error.body && error.body.status === 'rejected') return error.body;
    throw error;
  }
}

async function sendCsv(file, v, progress) {
  const period = monthPeriod(v.month);
  if (!period) throw new api.ApiError(400, 'INVALID_DATE', t('prov.upload.month_invalid'), 'month');
  const path = `/declarations/csv${api.query({ number: v.number, period_start: period.start, period_end: period.end, dry_run: v.dry_run ? 'true' : '' })}`;
  const answer = await csvAnswer(path, file, progress);
  progress.done();
  const rows = file.size <= MAX_PARSE_BYTES ? parseCsv(await file.text()) : [];
  return answerSection(fromCsvAnswer(answer, rows, period));
}

// ui.progressBar hides itself with [hidden], which .progress {display:flex} overrides: this
// one is shown only while there is something to show.
function progressShownWhenUsed(label) {
  const bar = progressBar(label);
  bar.el.style.display = 'none';
  return {
    el: bar.el,
    update(done, total) {
      bar.el.style.display = '';
      bar.update(done, total);
    },
    done: () => bar.done(),
    hide() {
      bar.el.style.display = 'none';
    },
  };
}

// A CSV file to download, as Dutch Excel opens and saves it (byte-order mark, semicolons).
function csvDownload(name, lines, label) {
  const blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  return h('a', { href: URL.createObjectURL(blob), download: name }, label);
}

// The template (the header line) and an example of two rows to start from.
function csvTemplates() {
  const header = t('prov.csv.template_header');
  return h('p', { id: 'csv-templates', class: 'hint' }, t('prov.csv.templates_intro'), ' ',
    csvDownload('declaratie-sjabloon.csv', [header], t('prov.csv.template')), ' · ',
    csvDownload('declaratie-voorbeeld.csv', [header, ...t('prov.csv.example_rows').split('|')], t('prov.csv.example')));
}

function uploadForm(answerBox) {
  const progress = progressShownWhenUsed(t('prov.upload.progress'));
  const fields = [
    { name: 'kind', label: t('prov.upload.kind'), type: 'select', value: 'wmo323', options: [
      { value: 'wmo323', label: t('prov.upload.kind_wmo323') }, { value: 'csv', label: t('prov.upload.kind_csv') }] },
    { name: 'file', label: t('prov.upload.file'), type: 'file', required: true, accept: '.xml,.csv,text/xml,application/xml,text/csv', hint: t('prov.upload.file_hint_wmo323') },
    { name: 'number', label: t('prov.upload.number'), required: true, hint: t('prov.upload.number_hint'), autocomplete: 'off' },
    { name: 'month', label: t('prov.upload.month'), type: 'month', required: true, hint: t('prov.upload.month_hint') },
    { name: 'dry_run', label: t('prov.upload.dry_run'), type: 'checkbox' },
  ];
  const el = form(fields, t('prov.upload.submit'), async (v) => {
    if (!v.file) throw new api.ApiError(400, 'MISSING_FIELD', t('prov.upload.choose_file'), 'file');
    answerBox.replaceChildren();
    progress.update(0, v.file.size);
    try {
      const result = v.kind === 'csv' ? await sendCsv(v.file, v, progress) : await sendWmo323(v.file, v.dry_run, progress);
      answerBox.replaceChildren(result);
      announce(t('prov.upload.sent'));
      const heading = result.querySelector('h2');
      heading.tabIndex = -1;
      heading.focus();
    } catch (error) {
      progress.hide();
      throw error && error.code ? explained(error) : error;
    }
  }, { aliases: ALIASES, extra: [progress.el] });
  el.id = 'upload-form';
  const kind = el.querySelector('select[name="kind"]');
  const showKind = () => {
    const csv = kind.value === 'csv';
    // style.display, not hidden: app.css gives .field display:flex, which beats [hidden].
    for (const name of ['number', 'month']) el.querySelector(`[data-field="${name}"]`).style.display = csv ? '' : 'none';
    el.querySelector('[data-field="file"] .hint').textContent = t(csv ? 'prov.upload.file_hint_csv' : 'prov.upload.file_hint_wmo323');
    templates.style.display = csv ? '' : 'none';
  };
  const templates = csvTemplates();
  el.querySelector('[data-field="file"]').after(templates);
  kind.addEventListener('change', showKind);
  showKind();
  return el;
}

async function renderUpload(main) {
  const answerBox = h('div', { 'aria-live': 'polite' });
  page(main, t('prov.upload.title'), h('p', {}, t('prov.upload.intro')), h('div', { class: 'card' }, uploadForm(answerBox)), answerBox);
}

export default [
  { path: '/provider/declare', nav: 'prov.nav.upload', roles: ROLES, render: renderUpload },
];
