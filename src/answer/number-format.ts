/**
 * The plain-number grammar of Math-Verify's expression extractor, as a hand-written scanner (no
 * backtracking regex): thousands groups with `,` or space (`7,425,000`, `1 000`), a decimal point
 * or comma (`1000,99`, `2,74`), a bare fraction part (`.4`), and a trailing percent word.
 */

/** A plain number read from text. */
export interface PlainNumber {
  /** Offset one past the number (and its percent suffix). */
  end: number;
  /** Decimal digits with a `.` point and optional leading `-`, separators removed. */
  value: string;
  /** Power of ten of scientific notation (`1.5e-3` → "-3"), or `null`. */
  exponent: string | null;
  percent: boolean;
}

const PERCENT_SUFFIXES = ["%", "percentage", "percent", "pct"] as const;

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

function digitsEnd(text: string, from: number): number {
  let j = from;
  while (isDigit(text, j)) j += 1;
  return j;
}

/** `-?[1-9]\d{0,2}(?:[ ,]\d{3})+(\.\d+)?`, trying the longest lead group first like the regex. */
function thousands(text: string, start: number): { end: number; value: string } | null {
  const code = text.charCodeAt(start);
  if (!(code >= 49 && code <= 57)) return null;
  for (let lead = 3; lead >= 1; lead -= 1) {
    if (digitsEnd(text, start) - start < lead) continue;
    let p = start + lead;
    let value = text.slice(start, p);
    while ((text[p] === "," || text[p] === " ") && isDigit(text, p + 1) && isDigit(text, p + 2) && isDigit(text, p + 3)) {
      value += text.slice(p + 1, p + 4);
      p += 4;
    }
    if (value.length === lead) continue;
    if (text[p] === "." && isDigit(text, p + 1)) {
      const end = digitsEnd(text, p + 1);
      value += text.slice(p, end);
      p = end;
    }
    return { end: p, value };
  }
  return null;
}

function percentSuffix(text: string, from: number): number {
  let j = from;
  while (text[j] === " " || text[j] === "\t") j += 1;
  for (const suffix of PERCENT_SUFFIXES) {
    if (text.length >= j + suffix.length && text.slice(j, j + suffix.length).toLowerCase() === suffix) return j + suffix.length;
  }
  return -1;
}

/**
 * Reads a plain number at `start` (the caller checks that no digit precedes it).
 * @param text - Any text.
 * @param start - Offset of the sign, first digit or decimal point.
 * @returns The number, or `null` when none starts there.
 */
export function readPlainNumber(text: string, start: number): PlainNumber | null {
  const negative = text[start] === "-";
  const from = negative ? start + 1 : start;
  let end = -1;
  let value = "";
  const grouped = thousands(text, from);
  if (grouped !== null) {
    end = grouped.end;
    value = grouped.value;
  } else if (isDigit(text, from)) {
    end = digitsEnd(text, from);
    value = text.slice(from, end);
    if ((text[end] === "." || text[end] === ",") && isDigit(text, end + 1)) {
      const fracEnd = digitsEnd(text, end + 1);
      value += `.${text.slice(end + 1, fracEnd)}`;
      end = fracEnd;
    }
  } else if (!negative && text[from] === "." && isDigit(text, from + 1)) {
    end = digitsEnd(text, from + 1);
    value = `0${text.slice(from, end)}`;
  } else {
    return null;
  }
  let exponent: string | null = null;
  if (text[end] === "e" || text[end] === "E") {
    const sign = text[end + 1] === "-" || text[end + 1] === "+" ? 1 : 0;
    const digits = digitsEnd(text, end + 1 + sign);
    const code = text.charCodeAt(digits);
    const letterAfter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (digits > end + 1 + sign && !letterAfter) {
      exponent = text.slice(end + 1, digits).replace("+", "");
      end = digits;
    }
  }
  const percentEnd = percentSuffix(text, end);
  return { end: percentEnd === -1 ? end : percentEnd, value: negative ? `-${value}` : value, exponent, percent: percentEnd !== -1 };
}

/**
 * Whether a UTF-16 code unit is a currency sign: `$ € £ ¥ ₹ ₽ ₪ ₩`.
 * @param code - A code unit (`NaN` past the end of a text is none).
 * @returns `true` for a currency sign.
 */
export function isCurrencyCode(code: number): boolean {
  return (
    code === 36 ||
    code === 0x20ac ||
    code === 0xa3 ||
    code === 0xa5 ||
    code === 0x20b9 ||
    code === 0x20bd ||
    code === 0x20aa ||
    code === 0x20a9
  );
}

/** Whether a character is a currency sign (`$1,000.99`, `1,000.99€`). */
export function isCurrency(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && isCurrencyCode(ch.charCodeAt(0));
}

/**
 * Reads a whole string as one plain number (`1,22`, `$1,000.99`, `28 percent`), else `null`.
 * @param text - A short answer.
 * @returns The number when the string is nothing else.
 */
export function wholePlainNumber(text: string): PlainNumber | null {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === " " || isCurrency(text[start]))) start += 1;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "." || isCurrency(text[end - 1]))) end -= 1;
  const body = text.slice(start, end);
  const number = readPlainNumber(body, 0);
  return number !== null && number.end === body.length ? number : null;
}
