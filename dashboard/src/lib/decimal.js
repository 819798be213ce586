// Exact comparison of decimal strings as venues send them ("64012.10", "0.00050000").
// Prices and quantities stay strings end to end; Number() is used only for drawing.

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a plain decimal string into sign, integer digits and fraction digits (no leading/trailing zeros), or null. */
function parts(text) {
  if (typeof text !== 'string') return null;
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const int = m[2].replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = int === '' && frac === '';
  return { neg: m[1] === '-' && !zero, int, frac, zero };
}

/** True if `text` is a plain decimal number ("1", "-0.5", "12.", ".5"). */
export function isDecimal(text) {
  return parts(text) !== null;
}

/** True if `text` is a decimal equal to zero ("0", "0.000"). False for non-decimals. */
export function isZero(text) {
  const p = parts(text);
  return p !== null && p.zero;
}

/** Canonical form of a decimal string, equal for numerically equal inputs ("1.50" and "01.5" → "1.5"), or null. */
export function canonical(text) {
  const p = parts(text);
  if (p === null) return null;
  if (p.zero) return '0';
  return (p.neg ? '-' : '') + (p.int || '0') + (p.frac ? '.' + p.frac : '');
}

function compareMagnitude(a, b) {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, '0');
  const fb = b.frac.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * Compares two decimal strings numerically and exactly: negative, zero or positive.
 * Throws TypeError when either is not a plain decimal.
 */
export function compareDecimal(x, y) {
  const a = parts(x);
  const b = parts(y);
  if (a === null || b === null) throw new TypeError(`not a decimal: ${a === null ? x : y}`);
  if (a.zero && b.zero) return 0;
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const c = compareMagnitude(a, b);
  return a.neg ? -c : c;
}
