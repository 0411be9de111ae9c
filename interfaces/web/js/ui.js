// Small building blocks for screens. Elements are built with h(), never from HTML strings, so
// data from the server can never become markup (no XSS through a provider's name).
import { errorText, t } from './i18n.js';

// h('button', {type: 'submit', onclick: fn, class: 'primary'}, 'Opslaan', child, ...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// SVG elements (charts).
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  appendChildren(el, children);
  return el;
}

let idCounter = 0;
export const uid = (prefix = 'f') => `${prefix}-${++idCounter}`;

// The page's heading; focus moves to the main region on every screen change (screen readers).
export function page(main, title, ...content) {
  if (main.stale && main.stale()) return;
  main.replaceChildren(h('h1', {}, title), ...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} — zorgcontract`;
}

export function section(title, ...content) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...content);
}

// A column header; with `sortBy` a button that sorts by the column (aria-sort says how the
// table is sorted now: ascending, descending, or not by this column).
function headerCell(c, sort, onSort) {
  const attrs = { scope: 'col', class: c.align === 'right' ? 'num' : null };
  if (!c.sortBy || !onSort) return h('th', attrs, c.label);
  const active = sort && sort.key === c.sortBy;
  const state = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  const arrow = { ascending: ' ▲', descending: ' ▼', none: '' }[state];
  return h('th', { ...attrs, 'aria-sort': state },
    h('button', { type: 'button', class: 'sort', dataset: { sort: c.sortBy }, onclick: () => onSort(c.sortBy) },
      c.label, h('span', { 'aria-hidden': 'true' }, arrow)));
}

// columns: [{key, label, format?(value,row), render?(row) -> Node, align?, sortBy?}]. Each cell
// carries its column's label (data-label): on a small screen a row shows as a card of labelled
// values. With `onSort(key)`, the headers of columns with `sortBy` sort (`sort`: {key, descending}).
export function table(columns, rows, { caption, empty, rowClass, sort, onSort } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, empty || t('ui.empty'));
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => headerCell(c, sort, onSort)))),
      h('tbody', {}, rows.map((row) => h('tr', { class: rowClass ? rowClass(row) : null },
        columns.map((c) => h('td', { class: c.align === 'right' ? 'num' : null, 'data-label': typeof c.label === 'string' ? c.label : null },
          c.render ? c.render(row) : c.format ? c.format(row[c.key], row) : row[c.key] ?? '')))))));
}

// A labelled form field. spec: {name, label, type?, required?, options?: [{value,label}], value?,
// hint?, min?, max?, step?, accept?, autocomplete?}
export function field(spec) {
  const id = uid(spec.name);
  const hintId = spec.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id, name: spec.name, required: spec.required, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    autocomplete: spec.autocomplete,
  };
  let control;
  if (spec.type === 'select') {
    control = h('select', common, (spec.options || []).map((o) =>
      h('option', { value: o.value, selected: String(o.value) === String(spec.value ?? '') }, o.label)));
  } else if (spec.type === 'textarea') {
    control = h('textarea', { ...common, rows: spec.rows || 3 }, spec.value ?? '');
  } else {
    control = h('input', {
      ...common, type: spec.type || 'text', value: spec.value, min: spec.min, max: spec.max, step: spec.step,
      accept: spec.accept, inputmode: spec.inputmode, pattern: spec.pattern,
    });
  }
  if (spec.type === 'checkbox') {
    return h('div', { class: 'field checkbox', dataset: { field: spec.name } }, control,
      h('label', { for: id }, spec.label), hintId ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
      h('p', { class: 'field-error', id: errorId, hidden: true }));
  }
  return h('div', { class: 'field', dataset: { field: spec.name } },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hintId ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

// The values of a form's fields by name (checkboxes as booleans, files as File).
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.type === 'file') out[el.name] = el.files[0] || null;
    else out[el.name] = el.value.trim();
  }
  return out;
}

export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const l of form.querySelectorAll('.field-error-list')) l.remove();
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const general = form.querySelector('.form-error');
  if (general) general.remove();
}

// An error's text with its reason code and, when the server answered, the request id in small
// print ("Verzoek-id: …"), selectable so that the user can quote it to the operator.
export function errorContent(error) {
  const parts = [`${errorText(error)} (${error.code})`];
  if (error.requestId) {
    parts.push(' ', h('small', { class: 'request-id' }, `${t('ui.request_id')}: `, h('code', {}, error.requestId)));
  }
  return parts;
}

// Shows a server error next to the field it names (or at the top of the form), with the reason
// code (and its details as a list), and moves focus there.
export function showError(form, error, fieldAliases = {}) {
  clearErrors(form);
  const name = fieldAliases[error.field] || error.field;
  const box = name ? form.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
  if (box) {
    const p = box.querySelector('.field-error');
    p.replaceChildren(...errorContent(error).map((c) => (c instanceof Node ? c : document.createTextNode(c))));
    p.hidden = false;
    // error.details: the parts of the error, one per line (e.g. every problem of a file).
    if (Array.isArray(error.details) && error.details.length) {
      p.after(h('ul', { class: 'field-error-list', id: `${p.id || uid('err')}-list` }, error.details.map((d) => h('li', {}, d))));
    }
    const control = box.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    control.focus();
    return;
  }
  const p = h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }, errorContent(error));
  form.prepend(p);
  p.focus();
}

// A form that calls submit(values, form) and shows the error it throws next to its field.
// submit may return a promise; the button is disabled meanwhile. With `confirm(values)`, a
// submit first shows what will happen ({title, nodes, label, note} from confirm, or nothing to
// confirm when it returns null) and submit runs only when confirmed; confirm may throw a field
// error like submit.
export function form(fields, submitLabel, submit, { aliases = {}, extra = [], confirm = null } = {}) {
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const actions = h('div', { class: 'actions' }, button);
  const el = h('form', { novalidate: true }, fields.map((f) => (f instanceof Node ? f : field(f))), extra, actions);
  const fail = (error) => {
    if (error && error.code) showError(el, error, aliases);
    else throw error;
  };
  let pending = null;
  const box = confirm && confirmBox({
    confirmLabel: submitLabel,
    act: async () => {
      await submit(pending, el);
      actions.hidden = false;
    },
    onError: fail,
    onCancel: () => {
      actions.hidden = false;
      button.focus();
    },
  });
  if (box) el.append(box.el);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      const v = values(el);
      const c = confirm ? await confirm(v) : null;
      if (c) {
        pending = v;
        actions.hidden = true;
        box.open(c.title, c.nodes, c.label, c.note);
        return;
      }
      await submit(v, el);
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

// A message in the page's live region (read out by screen readers), e.g. after saving.
// Cleared when the user moves to another screen.
export function clearAnnouncement() {
  const status = document.getElementById('status');
  status.className = 'status';
  status.textContent = '';
}

export function announce(text, kind = 'ok') {
  const status = document.getElementById('status');
  status.className = `status ${kind}`;
  status.textContent = text;
}

// An error shown in place of a screen's content (e.g. 403 for a role).
// The same in one line of text (for the status line): "… (CODE) — Verzoek-id: …".
export function errorLine(error) {
  const id = error.requestId ? ` — ${t('ui.request_id')}: ${error.requestId}` : '';
  return `${errorText(error)} (${error.code})${id}`;
}

export function errorBlock(error) {
  return h('p', { class: 'form-error', role: 'alert' }, errorContent(error));
}

// A progress bar with a text, for uploads and downloads: update(done, total).
export function progressBar(label) {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': label });
  const text = h('span', { class: 'progress-text' }, '0 %');
  const el = h('div', { class: 'progress', hidden: true }, h('span', {}, label), ' ', bar, ' ', text);
  return {
    el,
    update(done, total) {
      el.hidden = false;
      if (total > 0) {
        const pct = Math.min(100, Math.floor((done * 100) / total));
        bar.value = pct;
        text.textContent = `${pct} %`;
      } else {
        bar.removeAttribute('value');
        text.textContent = `${Math.round(done / 1024)} KiB`;
      }
    },
    done() {
      bar.value = 100;
      text.textContent = '100 %';
    },
  };
}

// A status word as a badge with a text (not colour alone).
export function badge(text, kind = 'neutral') {
  return h('span', { class: `badge ${kind}` }, text);
}

// Renders the result of an async load into `container`, with a loading text and errors shown.
export async function load(container, loader, render) {
  container.replaceChildren(h('p', { class: 'loading' }, t('ui.loading')));
  try {
    const data = await loader();
    container.replaceChildren(...[render(data)].flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  } catch (error) {
    if (error && error.code) container.replaceChildren(errorBlock(error));
    else throw error;
  }
}

// A link inside the application (handled by the router, no reload).
export function link(href, text) {
  return h('a', { href, dataset: { route: '' } }, text);
}

// A definition list of [label, value] pairs (values may be nodes); empty pairs and values are
// left out.
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs
    .filter((p) => p && p[1] !== undefined && p[1] !== null && p[1] !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// The confirmation of an irreversible action: `open(title, nodes, label, note)` shows what will happen and
// focuses it; only the confirm button runs `act` (a refusal goes to `onError` and the box stays
// open for another try); cancel closes it and calls `onCancel`.
export function confirmBox({ confirmLabel, act, onError, onCancel = () => {} }) {
  const titleId = uid('confirm');
  const heading = h('h3', { id: titleId });
  const body = h('div');
  const yes = h('button', { type: 'button', class: 'primary' }, confirmLabel);
  const no = h('button', { type: 'button' }, t('ui.cancel'));
  const hint = h('p', { class: 'hint' });
  const el = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': titleId, tabindex: '-1', hidden: true },
    heading, body, hint, h('div', { class: 'actions' }, yes, no));
  no.addEventListener('click', () => {
    el.hidden = true;
    onCancel();
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await act();
      el.hidden = true;
    } catch (error) {
      onError(error);
    } finally {
      yes.disabled = false;
    }
  });
  // note: what the user should know before confirming (default: that it cannot be undone).
  const open = (title, nodes, label = confirmLabel, note = t('ui.irreversible')) => {
    heading.textContent = title;
    yes.textContent = label;
    hint.textContent = note || '';
    hint.hidden = !note;
    body.replaceChildren(...nodes);
    el.hidden = false;
    el.focus();
  };
  return { el, open };
}

// An irreversible action behind one button: `label` opens the confirmation with `title` and the
// summary built when opened (`summary()`).
export function confirmStep({ label, title, summary, confirmLabel, act, onError }) {
  const start = h('button', { type: 'button', class: 'primary' }, label);
  const box = confirmBox({ confirmLabel, act, onError, onCancel: () => { start.hidden = false; start.focus(); } });
  start.addEventListener('click', () => {
    start.hidden = true;
    box.open(title, summary());
  });
  return h('div', {}, start, box.el);
}
