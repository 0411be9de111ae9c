// Dutch notation for amounts and dates, in both languages (the figures are Dutch money and
// Dutch dates): 1.234,56 and 23-11-2026. Integer arithmetic only: amounts arrive as cents.

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// 123456 -> "1.234,56"; -5 -> "-0,05". Accepts numbers or numeric strings of whole cents.
export function amount(cents) {
  if (cents === null || cents === undefined || cents === '') return '';
  const text = String(cents);
  if (!/^-?\d+$/.test(text)) return text;
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(3, '0');
  const euros = groupThousands(digits.slice(0, -2).replace(/^0+(?=\d)/, ''));
  return `${negative ? '-' : ''}${euros},${digits.slice(-2)}`;
}

// "€ 1.234,56"
export function money(cents) {
  const a = amount(cents);
  return a === '' ? '' : `€ ${a}`;
}

// "2026-11-23" or "2026-11-23T10:15:00Z" -> "23-11-2026" (the calendar date as written).
export function date(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${m[3]}-${m[2]}-${m[1]}` : String(iso);
}

// Moments are shown on Dutch wall-clock time, whatever the browser's own zone.
const AMSTERDAM = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

// A moment the server gives in UTC ("2026-11-23 10:15:00.123456", "2026-11-23T10:15:00Z") on
// Amsterdam time: "23-11-2026 11:15" (CET), "23-06-2026 12:15" (CEST).
export function dateTime(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(String(iso));
  if (!m) return date(iso);
  const utc = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)));
  const part = Object.fromEntries(AMSTERDAM.formatToParts(utc).map((p) => [p.type, p.value]));
  return `${part.day}-${part.month}-${part.year} ${part.hour}:${part.minute}`;
}

// Whole numbers with Dutch grouping: 12345 -> "12.345".
export function integer(n) {
  if (n === null || n === undefined) return '';
  const text = String(n);
  if (!/^-?\d+$/.test(text)) return text;
  return text.startsWith('-') ? `-${groupThousands(text.slice(1))}` : groupThousands(text);
}

// A percentage with one decimal and a comma: 70.25 -> "70,3 %". Display only.
export function percent(value) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return `${n.toFixed(1).replace('.', ',')} %`;
}

// "1.234,56" / "1234,56" / "1234.56" / "1234" -> cents as an integer, or null when unreadable.
export function parseAmount(text) {
  const t = String(text).trim().replace(/^€\s*/, '');
  let m = /^(-?)(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (!m) m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const euros = m[2].replace(/\./g, '');
  const cents = (m[3] || '').padEnd(2, '0');
  const value = Number(euros) * 100 + Number(cents);
  return m[1] ? -value : value;
}

// A BSN shown masked: only the last three digits ("******789").
export function maskedBsn(bsn) {
  if (!bsn) return '';
  const s = String(bsn);
  return s.length <= 3 ? s : '*'.repeat(s.length - 3) + s.slice(-3);
}

// Today (or `days` later) as YYYY-MM-DD in the browser's calendar, for date fields.
export function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
