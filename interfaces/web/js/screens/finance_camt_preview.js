// What a camt.053 file holds, read in the browser before it is imported, so the import can be
// confirmed: per statement its id, account, period and the number and sum of its debits and
// credits. Only a summary: the server validates and books the file itself.
import { date, integer, money } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { h } from '../ui.js';
import { facts } from './finance_common.js';

const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

const child = (el, name) => (el ? [...el.children].find((c) => c.localName === name) || null : null);
const path = (el, ...names) => names.reduce((e, n) => child(e, n), el);
const text = (el, ...names) => (path(el, ...names)?.textContent || '').trim();

// "1234.5" -> 123450 (cents), null when it is not an amount.
function cents(amount) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : null;
}

function statementSummary(stmt) {
  const entries = [...stmt.children].filter((c) => c.localName === 'Ntry');
  const sum = { DBIT: 0, CRDT: 0 };
  const count = { DBIT: 0, CRDT: 0 };
  for (const e of entries) {
    const side = text(e, 'CdtDbtInd');
    const amount = cents(text(e, 'Amt'));
    if (!(side in sum) || amount === null) continue;
    sum[side] += amount;
    count[side] += 1;
  }
  return {
    id: text(stmt, 'Id'), iban: text(stmt, 'Acct', 'Id', 'IBAN'),
    from: text(stmt, 'FrToDt', 'FrDtTm').slice(0, 10), to: text(stmt, 'FrToDt', 'ToDtTm').slice(0, 10),
    debits: `${integer(count.DBIT)} — ${money(sum.DBIT)}`, credits: `${integer(count.CRDT)} — ${money(sum.CRDT)}`,
  };
}

// The statements of the file, or null when it cannot be read here (too large, not XML).
async function readStatements(file) {
  if (file.size > MAX_PREVIEW_BYTES) return null;
  const doc = new DOMParser().parseFromString(await file.text(), 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  const stmts = [...doc.getElementsByTagNameNS('*', 'Stmt')];
  return stmts.length ? stmts.map(statementSummary) : null;
}

// {title, nodes, label} for ui.js form's `confirm`.
export async function statementConfirmation(file) {
  const statements = await readStatements(file);
  // One list of facts per statement: it fits the narrow form, where a table would not.
  const nodes = statements ? statements.map((st) => facts([
    [t('fin.camt.statement'), st.id],
    [t('fin.camt.account'), st.iban],
    [t('fin.camt.period'), st.from ? `${date(st.from)} – ${date(st.to)}` : ''],
    [t('fin.camt.debits'), st.debits],
    [t('fin.camt.credits'), st.credits],
  ])) : [h('p', {}, t('fin.camt.unread'))];
  nodes.push(h('p', {}, t('fin.camt.effect')));
  return { title: t('fin.camt.confirm_title', { name: file.name }), nodes, label: t('fin.camt.confirm') };
}

addStrings({
  nl: {
    'fin.camt.statement': 'Afschrift',
    'fin.camt.account': 'Rekening',
    'fin.camt.period': 'Periode',
    'fin.camt.debits': 'Af (aantal — bedrag)',
    'fin.camt.credits': 'Bij (aantal — bedrag)',
    'fin.camt.unread': 'Het bestand kon hier niet worden gelezen (te groot of geen XML); de server controleert het bij het inlezen.',
    'fin.camt.effect': 'Inlezen boekt elke regel: gekoppelde overboekingen worden betaald, storno\'s heropenen hun post, de rest gaat naar de werklijst.',
    'fin.camt.confirm_title': '{name} inlezen?',
    'fin.camt.confirm': 'Ja, inlezen',
  },
  en: {
    'fin.camt.statement': 'Statement',
    'fin.camt.account': 'Account',
    'fin.camt.period': 'Period',
    'fin.camt.debits': 'Debits (number — amount)',
    'fin.camt.credits': 'Credits (number — amount)',
    'fin.camt.unread': 'The file could not be read here (too large or not XML); the server checks it when importing.',
    'fin.camt.effect': 'Importing books every entry: matched transfers are paid, returns reopen their payable, the rest goes to the work list.',
    'fin.camt.confirm_title': 'Import {name}?',
    'fin.camt.confirm': 'Yes, import',
  },
});
