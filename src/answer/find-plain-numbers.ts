import { isCurrency, readPlainNumber } from "./number-format.js";

/**
 * Plain (non-LaTeX) answers, Math-Verify's `expr` extraction as a scanner: a number or a simple
 * expression (`2/3`, `(1/2) * (4/3)`) that starts after a space, `=` or the start of the text, so
 * `AZYUK2A` yields nothing while `$100`, `1,000.99€` and `100m²` yield their numbers. Runs of
 * expression characters and the next operator are precomputed once per text, so every lookup is
 * O(1) and a megabyte of `1 1 1 …` stays linear.
 */

/** A plain number or expression found in a text. */
export interface PlainMatch {
  /** Offset of the match including its leading space or `=`. */
  start: number;
  /** Offset one past the value. */
  end: number;
  /** The value text (number or expression). */
  text: string;
  /** Where the value itself starts. */
  valueStart: number;
}

/** Expressions longer than this are prose that happens to contain digits. */
const MAX_EXPR_CHARS = 200;

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** `+ - * × / ^ ( ) ÷`. */
function isOperator(code: number): boolean {
  return (
    code === 43 || code === 45 || code === 42 || code === 215 || code === 47 || code === 94 || code === 40 || code === 41 || code === 247
  );
}

/** Digits, `.`, whitespace and operators. */
function isExprChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46 || code === 32 || code === 9 || code === 10 || code === 13 || isOperator(code);
}

/** `(?:^|\s|=)` before the value. */
export function prefixAt(text: string, at: number): boolean {
  return at === 0 || isSpace(text[at - 1]) || text[at - 1] === "=";
}

function skipBold(text: string, at: number): number {
  return text.startsWith("**", at) ? at + 2 : at;
}

function suffixAt(text: string, at: number): boolean {
  const j = skipBold(text, at);
  const ch = text[j];
  return ch === undefined || ch === "." || ch === "," || ch === ":" || ch === ")" || ch === "$" || isSpace(ch);
}

/** Expression and number lookups over one text. */
export class PlainValueScanner {
  /** `runEnd[i]`: end of the run of expression characters starting at i. */
  private readonly runEnd: Int32Array;
  /** `nextOp[i]`: first operator at or after i (text length when none). */
  private readonly nextOp: Int32Array;

  constructor(private readonly text: string) {
    const n = text.length;
    this.runEnd = new Int32Array(n + 1);
    this.nextOp = new Int32Array(n + 1);
    this.runEnd[n] = n;
    this.nextOp[n] = n;
    for (let i = n - 1; i >= 0; i -= 1) {
      const code = text.charCodeAt(i);
      this.runEnd[i] = isExprChar(code) ? (this.runEnd[i + 1] as number) : i;
      this.nextOp[i] = isOperator(code) ? i : (this.nextOp[i + 1] as number);
    }
  }

  /** `-?\(?-?\d[chars]*[op][chars]+\)?` followed by a suffix; the longest such match. */
  private exprAt(from: number): PlainMatch | null {
    const { text } = this;
    let p = from;
    if (text[p] === "-") p += 1;
    if (text[p] === "(") p += 1;
    if (text[p] === "-") p += 1;
    if (!isDigit(text, p)) return null;
    const runEnd = Math.min(this.runEnd[p] as number, from + MAX_EXPR_CHARS);
    const firstOp = this.nextOp[p + 1] as number;
    if (firstOp >= runEnd) return null;
    for (let end = runEnd; end >= firstOp + 2; end -= 1) {
      if (end < runEnd && !(isSpace(text[end]) || text[end] === "." || text[end] === ")")) continue;
      if (!suffixAt(text, end)) continue;
      return { start: from, end, text: text.slice(from, end).trimEnd(), valueStart: from };
    }
    return null;
  }

  /** Optional currency sign, then a plain number. */
  private numberAt(from: number): PlainMatch | null {
    const at = isCurrency(this.text[from]) ? from + 1 : from;
    const number = readPlainNumber(this.text, at);
    if (number === null) return null;
    // `1:5`, `12:00`: a ratio (or a time) is one value, not the number before its colon.
    let end = number.end;
    while (this.text[end] === ":" && isDigit(this.text, end + 1) && end - at < MAX_EXPR_CHARS) {
      end += 1;
      while (isDigit(this.text, end)) end += 1;
    }
    return { start: from, end, text: this.text.slice(at, end), valueStart: at };
  }

  /**
   * An expression or number whose value starts at `at`, right after a prefix (space, `=`, or the
   * text start); the expression is tried first, as in Math-Verify.
   * @param at - Offset of the value.
   * @returns The match, or `null`.
   */
  at(at: number): PlainMatch | null {
    if (!prefixAt(this.text, at)) return null;
    const from = skipBold(this.text, at);
    return this.exprAt(from) ?? this.numberAt(from);
  }

  /**
   * Every unanchored expression and number, each kind left to right without overlaps.
   * @returns Expressions and numbers together.
   */
  all(): PlainMatch[] {
    const { text } = this;
    const found: PlainMatch[] = [];
    for (const matcher of [(i: number) => this.exprAt(i), (i: number) => this.numberAt(i)]) {
      let i = 0;
      while (i < text.length) {
        const ch = text[i] as string;
        const startsValue = isDigit(text, i) || ch === "-" || ch === "(" || ch === "." || ch === "*" || isCurrency(ch);
        const match = startsValue && prefixAt(text, i) ? matcher(skipBold(text, i)) : null;
        if (match === null) {
          i += 1;
        } else {
          found.push(match);
          i = Math.max(match.end, i + 1);
        }
      }
    }
    return found;
  }
}
