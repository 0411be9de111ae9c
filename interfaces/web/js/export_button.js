// "Exporteren (Excel)": downloads what a list shows as a CSV file for Dutch Excel
// (GET /api/v1/exports/...: every row with the list's filters, not just the page on screen),
// with progress, a short confirmation and the server's refusal in words.
import * as api from './api.js';
import { t } from './i18n.js';
import { errorBlock, h, progressBar } from './ui.js';
import './strings.js';

// The rows of a downloaded CSV: its lines after the header.
function dataRows(text) {
  return Math.max(0, text.split('\r\n').filter((line) => line !== '').length - 1);
}

// The button and its feedback; `path` is the export below /api/v1 (with its query), or a
// function giving it when clicked (for a list whose filters live in the address bar).
export function exportButton(path, filename) {
  const bar = progressBar(t('ui.export_progress'));
  bar.el.style.display = 'none'; // .progress {display:flex} beats [hidden]
  const feedback = h('div');
  const button = h('button', { type: 'button', class: 'export', title: t('ui.export_hint') }, t('ui.export'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    feedback.replaceChildren();
    try {
      const text = await api.download(typeof path === 'function' ? path() : path, filename, (done, total) => {
        bar.el.style.display = '';
        bar.update(done, total);
      });
      bar.done();
      feedback.replaceChildren(h('p', { class: 'hint', role: 'status' }, t('ui.export_done', { name: filename, rows: dataRows(text) })));
    } catch (error) {
      if (!error || !error.code) throw error;
      feedback.replaceChildren(errorBlock(error));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'export-bar' }, h('div', { class: 'actions' }, button), bar.el, feedback);
}
