// "Exporteren (Excel)" and "Werkmap (.xlsx)": download what a list shows as a CSV file for
// Dutch Excel or as an Excel workbook (GET /api/v1/exports/...[?format=xlsx]: every row with the
// list's filters, not just the page on screen), with progress, a short confirmation and the
// server's refusal in words.
import * as api from './api.js';
import { t } from './i18n.js';
import { errorBlock, h, progressBar } from './ui.js';
import './strings.js';

// The rows of a downloaded CSV: its lines after the header.
function dataRows(text) {
  return Math.max(0, text.split('\r\n').filter((line) => line !== '').length - 1);
}

// The path asking for format=xlsx (in place of a format=csv it has, else added), and the
// file's name ending in .xlsx.
function asWorkbook(path) {
  if (/[?&]format=csv(&|$)/.test(path)) return path.replace(/([?&])format=csv(?=&|$)/, '$1format=xlsx');
  return `${path}${path.includes('?') ? '&' : '?'}format=xlsx`;
}
const workbookName = (filename) => filename.replace(/\.csv$/, '') + '.xlsx';

// The buttons and their feedback: the CSV, and the same rows as an Excel workbook (.xlsx) with
// amounts and dates as numbers. `path` is the export below /api/v1 (with its query), or a
// function giving it when clicked (for a list whose filters live in the address bar).
export function exportButton(path, filename) {
  const bar = progressBar(t('ui.export_progress'));
  bar.el.style.display = 'none'; // .progress {display:flex} beats [hidden]
  const feedback = h('div');
  const csv = h('button', { type: 'button', class: 'export', title: t('ui.export_hint') }, t('ui.export'));
  const xlsx = h('button', { type: 'button', class: 'export', title: t('ui.export_xlsx_hint') }, t('ui.export_xlsx'));
  const start = async (workbook) => {
    csv.disabled = true;
    xlsx.disabled = true;
    feedback.replaceChildren();
    const at = typeof path === 'function' ? path() : path;
    const name = workbook ? workbookName(filename) : filename;
    try {
      const text = await api.download(workbook ? asWorkbook(at) : at, name, (done, total) => {
        bar.el.style.display = '';
        bar.update(done, total);
      });
      bar.done();
      const done = workbook ? t('ui.export_done_file', { name }) : t('ui.export_done', { name, rows: dataRows(text) });
      feedback.replaceChildren(h('p', { class: 'hint', role: 'status' }, done));
    } catch (error) {
      if (!error || !error.code) throw error;
      feedback.replaceChildren(errorBlock(error));
    } finally {
      csv.disabled = false;
      xlsx.disabled = false;
    }
  };
  csv.addEventListener('click', () => start(false));
  xlsx.addEventListener('click', () => start(true));
  return h('div', { class: 'export-bar' }, h('div', { class: 'actions' }, csv, xlsx), bar.el, feedback);
}
