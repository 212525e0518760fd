/**
 * Finds LaTeX math spans in one left-to-right pass, with Math-Verify's rules: `$$…$$` and `\[…\]`
 * may span lines; `$…$` and `\(…\)` may not; a `$` after a digit or a backslash opens nothing
 * (`\$5`, `5$`); `\frac{3}{4}` written bare counts as math. Uses indexOf only, so it is linear.
 */

import { escaped, NextIndex } from "./next-index.js";

/** One math span (`$…$`, `\[…\]`, …) of a text. */
export interface MathSpan {
  /** Offset of the opening delimiter. */
  start: number;
  /** Offset one past the closing delimiter (and a percent sign right after it). */
  end: number;
  content: string;
  /** A percent sign or word follows the span (`$28$ %`). */
  percent: boolean;
}

const PERCENT_AFTER = /^\s{0,8}(?:\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct)/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `$…$` on one line; `\$` inside does not close it. */
function inlineDollarEnd(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j += 1) {
    const ch = text[j];
    if (ch === "\n") return -1;
    if (ch === "\\" && text[j + 1] === "$") {
      j += 1;
    } else if (ch === "$") {
      return j > open + 1 ? j : -1;
    }
  }
  return -1;
}

/** `-?\frac{n}{n}` with plain numbers, written without delimiters. */
function bareFractionEnd(text: string, at: number): number {
  let j = at + 5;
  for (let arg = 0; arg < 2; arg += 1) {
    if (text[j] !== "{") return -1;
    j += 1;
    if (text[j] === "-") j += 1;
    const digitsStart = j;
    while (isDigit(text.charCodeAt(j))) j += 1;
    if (j === digitsStart) return -1;
    if ((text[j] === "." || text[j] === ",") && isDigit(text.charCodeAt(j + 1))) {
      j += 1;
      while (isDigit(text.charCodeAt(j))) j += 1;
    }
    if (text[j] !== "}") return -1;
    j += 1;
  }
  return j;
}

function span(text: string, start: number, contentStart: number, contentEnd: number, closeLength: number): MathSpan {
  let end = contentEnd + closeLength;
  const percent = PERCENT_AFTER.exec(text.slice(end, end + 20));
  if (percent !== null) end += percent[0].length;
  return { start, end, content: text.slice(contentStart, contentEnd), percent: percent !== null };
}

/**
 * Lists the math spans of a text, left to right, never overlapping.
 * @param text - The (already bounded) text to scan.
 * @returns The spans in order.
 */
export function findMathSpans(text: string): MathSpan[] {
  const spans: MathSpan[] = [];
  const displayDollar = new NextIndex(text, "$$", true);
  const displayBracket = new NextIndex(text, "\\]", false);
  const inlineParen = new NextIndex(text, "\\)", false);
  const newline = new NextIndex(text, "\n", false);
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    let found: MathSpan | null = null;
    if (ch === "$" && !escaped(text, i)) {
      if (text[i + 1] === "$") {
        const close = displayDollar.find(i + 2);
        if (close > i + 2) found = span(text, i, i + 2, close, 2);
      }
      if (found === null && !isDigit(text.charCodeAt(i - 1))) {
        const close = inlineDollarEnd(text, i);
        if (close !== -1) found = span(text, i, i + 1, close, 1);
      }
    } else if (ch === "\\" && !escaped(text, i)) {
      const next = text[i + 1];
      if (next === "[") {
        const close = displayBracket.find(i + 2);
        if (close > i + 2) found = span(text, i, i + 2, close, 2);
      } else if (next === "(") {
        const close = inlineParen.find(i + 2);
        const line = newline.find(i + 2);
        if (close > i + 2 && (line === -1 || line > close)) found = span(text, i, i + 2, close, 2);
      } else if (text.startsWith("\\frac{", i)) {
        const end = bareFractionEnd(text, i);
        const start = text[i - 1] === "-" ? i - 1 : i;
        if (end !== -1) found = span(text, start, start, end, 0);
      }
    } else if (ch === "[" && i > 0 && /\s/.test(text[i - 1] as string)) {
      // ` [ … ] ` with spaces around: a plain-bracketed formula on one line.
      let j = i + 1;
      while (j < text.length && text[j] !== "]" && text[j] !== "[" && text[j] !== "\n") j += 1;
      if (text[j] === "]" && j > i + 1 && /\s/.test(text[j + 1] ?? "")) found = span(text, i, i + 1, j, 1);
    }
    if (found === null) {
      i += 1;
    } else {
      spans.push(found);
      i = Math.max(found.end, i + 1);
    }
  }
  return spans;
}
