// Reading iWmo 3.2 declarations in the browser (DOMParser, by local names so that any prefix
// works): the prestaties of a WMO323 and the answer of a WMO325.

// iWmo Eenheid -> the server's unit names.
const UNITS = { '01': 'minutes', '04': 'hours', 14: 'days_24h', 16: 'day_parts', 82: 'pieces', 83: 'euros', 84: 'pieces' };

const kids = (el, name) => (el ? [...el.children].filter((c) => c.localName === name) : []);
const kid = (el, name) => kids(el, name)[0] || null;

function text(el, ...path) {
  let cur = el;
  for (const name of path) cur = kid(cur, name);
  return cur ? cur.textContent.trim() : '';
}

function codes(el) {
  return kids(kid(el, 'RetourCodes'), 'RetourCode').map((c) => c.textContent.trim());
}

// Cents as a signed string ("-1234" for a credit), as format.money wants.
function signed(amount, dc) {
  if (!/^\d+$/.test(amount)) return amount;
  return dc === 'C' && amount !== '0' ? `-${amount}` : amount;
}

function parse(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  return doc.documentElement;
}

function prestatie(el, bsn) {
  const credit = text(el, 'IngediendBedrag', 'DebetCredit') === 'C';
  const unitCode = text(el, 'Eenheid');
  return {
    bsn,
    reference: text(el, 'ProductReferentie', 'ReferentieNummer'),
    previousReference: text(el, 'ProductReferentie', 'VorigReferentieNummer'),
    allocation: text(el, 'ToewijzingNummer'),
    category: text(el, 'ProductCategorie'),
    product: text(el, 'ProductCode'),
    begin: text(el, 'ProductPeriode', 'Begindatum'),
    end: text(el, 'ProductPeriode', 'Einddatum'),
    volume: text(el, 'GeleverdVolume'),
    unit: UNITS[unitCode] || unitCode,
    tariff: text(el, 'ProductTarief'),
    amount: text(el, 'IngediendBedrag', 'Bedrag'),
    credit,
    codes: codes(el),
  };
}

function prestaties(container) {
  const out = [];
  for (const client of kids(kid(container, 'Clienten'), 'Client')) {
    const bsn = text(client, 'Bsn');
    for (const p of kids(kid(client, 'Prestaties'), 'Prestatie')) out.push(prestatie(p, bsn));
  }
  return out;
}

// {number, lines: the prestaties in file order} of a WMO323; null when it cannot be read.
export function parseWmo323(xml) {
  const root = parse(xml);
  if (!root || root.localName !== 'Bericht') return null;
  const declaration = kid(root, 'Declaratie');
  return { number: text(declaration, 'DeclaratieNummer'), lines: prestaties(declaration) };
}

// {headerCodes, number, submitted, awarded, declarationCodes, rejected: [prestatie + codes],
// whole: rejected as a whole}; null when it is not a WMO325.
export function parseWmo325(xml) {
  const root = parse(xml);
  if (!root || root.localName !== 'Bericht' || !kid(root, 'Header')) return null;
  const headerCodes = codes(kid(root, 'Header'));
  const answer = kid(root, 'DeclaratieAntwoord');
  const declarationCodes = codes(answer);
  const whole = !answer || headerCodes.some((c) => c !== '0200') || declarationCodes.some((c) => c !== '0200' && c !== '8001');
  return {
    headerCodes,
    declarationCodes,
    whole,
    number: text(answer, 'DeclaratieNummer'),
    submitted: signed(text(answer, 'TotaalIngediendBedrag', 'TotaalBedrag'), text(answer, 'TotaalIngediendBedrag', 'DebetCredit')),
    awarded: signed(text(answer, 'TotaalToegekendBedrag', 'TotaalBedrag'), text(answer, 'TotaalToegekendBedrag', 'DebetCredit')),
    rejected: answer ? prestaties(answer) : [],
  };
}
