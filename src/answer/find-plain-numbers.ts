import { isCurrency, isCurrencyCode, readPlainNumber } from "./number-format.js";

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
  if (at === 0) return true;
  const code = text.charCodeAt(at - 1);
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 61;
}

/** A digit, `-`, `(`, `.`, `*` (bold) or a currency sign: where a plain value may start. */
function startsValue(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 45 || code === 40 || code === 46 || code === 42 || isCurrencyCode(code);
}

function skipBold(text: string, at: number): number {
  return text.startsWith("**", at) ? at + 2 : at;
}

function suffixAt(text: string, at: number): boolean {
  const j = skipBold(text, at);
  const ch = text[j];
  return ch === undefined || ch === "." || ch === "," || ch === ":" || ch === ")" || ch === "$" || isSpace(ch);
}

/**
 * Scanned lookups before the index is built: a usual text has a few dozen values and never needs
 * it; a text of `1 1 1 …` builds it after this many and stays linear.
 */
const SCANS_BEFORE_INDEX = 32;

/**
 * Expression and number lookups over one text. An expression lookup reads its run of expression
 * characters (at most {@link MAX_EXPR_CHARS}) and the first operator in it; after
 * `scansBeforeIndex` such reads, the run ends and next operators of the whole text are indexed
 * once, so every later lookup is O(1) and a megabyte of `1 1 1 …` stays linear.
 */
export class PlainValueScanner {
  /** `runEnds[i]`: end of the run of expression characters starting at i (built on demand). */
  private runEnds: Int32Array | null = null;
  /** `nextOps[i]`: first operator at or after i (text length when none). */
  private nextOps: Int32Array | null = null;
  private scans = 0;

  /**
   * @param text - The text to look in.
   * @param scansBeforeIndex - Lookups read directly before the index is built (tests pass 0 or `Infinity` to compare the two).
   */
  constructor(
    private readonly text: string,
    private readonly scansBeforeIndex = SCANS_BEFORE_INDEX,
  ) {}

  private buildIndex(): { runEnds: Int32Array; nextOps: Int32Array } {
    const { text } = this;
    const n = text.length;
    const runEnds = new Int32Array(n + 1);
    const nextOps = new Int32Array(n + 1);
    runEnds[n] = n;
    nextOps[n] = n;
    for (let i = n - 1; i >= 0; i -= 1) {
      const code = text.charCodeAt(i);
      runEnds[i] = isExprChar(code) ? (runEnds[i + 1] as number) : i;
      nextOps[i] = isOperator(code) ? i : (nextOps[i + 1] as number);
    }
    this.runEnds = runEnds;
    this.nextOps = nextOps;
    return { runEnds, nextOps };
  }

  /** `-?\(?-?\d[chars]*[op][chars]+\)?` followed by a suffix; the longest such match. */
  private exprAt(from: number): PlainMatch | null {
    const { text } = this;
    let p = from;
    if (text[p] === "-") p += 1;
    if (text[p] === "(") p += 1;
    if (text[p] === "-") p += 1;
    if (!isDigit(text, p)) return null;
    // The run of expression characters from p, cut at MAX_EXPR_CHARS from the match start, and its first operator (-1: none).
    let runEnd = Math.min(text.length, from + MAX_EXPR_CHARS);
    let firstOp = -1;
    if (this.runEnds === null && this.scans < this.scansBeforeIndex) {
      this.scans += 1;
      const limit = runEnd;
      for (runEnd = p; runEnd < limit; runEnd += 1) {
        const code = text.charCodeAt(runEnd);
        if (!isExprChar(code)) break;
        if (firstOp === -1 && isOperator(code)) firstOp = runEnd;
      }
    } else {
      const index = this.runEnds !== null && this.nextOps !== null ? { runEnds: this.runEnds, nextOps: this.nextOps } : this.buildIndex();
      runEnd = Math.min(index.runEnds[p] as number, runEnd);
      const op = index.nextOps[p + 1] as number;
      if (op < runEnd) firstOp = op;
    }
    if (firstOp === -1) return null;
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
    // Where a value may start, found once for both kinds of match.
    const starts: number[] = [];
    for (let i = 0; i < text.length; i += 1) if (startsValue(text.charCodeAt(i)) && prefixAt(text, i)) starts.push(i);
    const found: PlainMatch[] = [];
    for (const matcher of [(i: number) => this.exprAt(i), (i: number) => this.numberAt(i)]) {
      let next = 0;
      for (const i of starts) {
        if (i < next) continue;
        const match = matcher(skipBold(text, i));
        if (match !== null) {
          found.push(match);
          next = Math.max(match.end, i + 1);
        }
      }
    }
    return found;
  }
}
