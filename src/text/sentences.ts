import type { TextSpan } from "../types.js";

// Abbreviations that end with a period but do not end a sentence.
const ABBREVIATION_LIST = ["e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "no", "fig", "approx", "cf", "u.s", "u.k"] as const;
const ABBREVIATIONS: ReadonlySet<string> = new Set(ABBREVIATION_LIST);

/**
 * A lookbehind (regex source) that fails right after an abbreviation ("Mrs", "e.g"), for patterns
 * that end a phrase at a period: "how many slices Mrs. Hilt sold" does not end at "Mrs.". Use it
 * with the `i` flag, just before the period.
 */
export const NOT_AFTER_ABBREVIATION = `(?<!\\b(?:${ABBREVIATION_LIST.map((a) => a.replace(".", "\\.")).join("|")}))`;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The word (letters and inner dots) that ends just before `end`, lower-cased. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && i > end - 12) {
    const ch = text.charCodeAt(i - 1);
    const letter = (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 46;
    if (!letter) break;
    i -= 1;
  }
  return text.slice(i, end).toLowerCase();
}

function pushTrimmed(spans: TextSpan[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s += 1;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e -= 1;
  if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
}

/**
 * Splits text into sentences in one linear pass: a sentence ends at `.`, `!`, `?` (or `:` before a
 * line break) followed by whitespace, or at a line break; decimals, `e.g.` and friends do not end one.
 * @param text - Any string (callers cut it to a bounded length first).
 * @returns The sentences as spans of `text`, whitespace trimmed, empty ones dropped.
 * @example
 * splitSentences("It is 3.5 m. I don't know.").map((s) => s.text); // ["It is 3.5 m.", "I don't know."]
 */
export function splitSentences(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      pushTrimmed(spans, text, start, i);
      start = i + 1;
      continue;
    }
    if (code !== 46 && code !== 33 && code !== 63) continue;
    const next = text.charCodeAt(i + 1);
    // `.\)` and `.$` close inline math at a sentence end.
    const closesMath = (next === 92 && text.charCodeAt(i + 2) === 41) || next === 36;
    if (!(Number.isNaN(next) || isSpace(next) || next === 34 || next === 8221 || next === 41 || closesMath)) continue;
    if (code === 46 && ABBREVIATIONS.has(wordBefore(text, i))) continue;
    // Keep a closing quote or parenthesis with the sentence it closes.
    let end = i + 1;
    while (end < text.length && end < i + 4 && /["\u201d)$\\]/.test(text.charAt(end))) end += 1;
    pushTrimmed(spans, text, start, end);
    start = end;
    i = end - 1;
  }
  pushTrimmed(spans, text, start, text.length);
  return spans;
}
