import { findBoxes } from "../completion/find-boxes.js";

/**
 * Math-Verify's extraction order (its `parse` with the default LaTeX and expression configs), as
 * the reference's answer check applies it to a whole answer segment. Kept apart from the
 * library's own extraction (`extractAnswer`), which deliberately departs from it (a check
 * sentence after the answer, an invented follow-up question): `compat: "reference"` must
 * reproduce the reference, quirks included.
 *
 * Priority groups, first group with a match wins; inside a group the match that ends right-most
 * wins (the longer one on a tie):
 * 1. the last `\boxed{…}`;
 * 2. "answer:" then, within 50 characters (or after the last `=` within 100), a number, an
 *    expression or a math span;
 * 3. the same after "answer" without the colon;
 * 4. any math span (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, a bare `\frac{n}{m}`), expression or number.
 * Not reproduced: the "final answer is … I hope" anchor and several spans joined by "and"/"or"
 * read as one set (docs/decisions.md).
 */

/** How much of a text's end the plain rules read (the expression pattern is not linear). */
const PLAIN_WINDOW = 1_000;
/** How far after "answer" the anchored rules look. */
const ANCHOR_REACH = 100;

const OPS = "+\\-*×/^()÷";
// Expression: digits, dots, spaces and operators with at least one operator, starting with a
// digit; it must be followed by punctuation, whitespace, `)`, `$` or the end.
const EXPR = `-?\\(?-?\\d[\\d.\\s${OPS}]*[${OPS}][\\d.\\s${OPS}]+\\)?(?=(?:\\*\\*)?(?:[.,:\\s)$]|$))`;
// Number: thousands separators (`,` or one space), decimal point or comma, a bare decimal part.
const NUMBER = "-?[1-9]\\d{0,2}(?:[ ,]\\d{3})+(?:\\.\\d+)?|-?\\d+[.,]\\d+|\\.\\d+|-?\\d+";
const PERCENT = "(\\s*(?:%|[Pp]ercent(?:age)?|[Pp]ct))?";
const PREFIX = "(?:^|[\\s=])(?:\\*\\*)?";
const PLAIN_EXPR = new RegExp(`${PREFIX}(${EXPR})`, "g");
const PLAIN_NUMBER = new RegExp(`${PREFIX}[$€£¥₹]?(${NUMBER})${PERCENT}`, "g");
// Math spans. Inline spans stay on one line; display spans may cross lines.
const SPANS: readonly RegExp[] = [
  /(?<!\\)\$\$((?:[^$]|\$(?!\$))+?)(?<!\\)\$\$/g,
  /(?<!\\)\\\[((?:[^\\]|\\(?!\]))+?)(?<!\\)\\\]/g,
  /(?<![\\\d])\$((?:\\\$|[^\n$])+?)(?<!\\)\$/g,
  /(?<!\\)\\\(((?:[^\\\n]|\\(?!\)))+?)(?<!\\)\\\)/g,
  /\s\[([^\n\][]+?)\]\s/g,
  /(-?\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\})/g,
];

interface Candidate {
  value: string;
  start: number;
  end: number;
}

function normalizeNumber(raw: string, percent: boolean): string {
  const thousands = /^-?[1-9]\d{0,2}(?:[ ,]\d{3})+(?:\.\d+)?$/.test(raw);
  const value = thousands ? raw.replace(/[ ,]/g, "") : raw.replace(",", ".");
  return percent ? `(${value})/100` : value;
}

function collect(pattern: RegExp, text: string, offset: number, read: (match: RegExpExecArray) => string, out: Candidate[]): void {
  const global = new RegExp(pattern.source, pattern.flags);
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    const body = match[1] ?? "";
    const start = match.index + match[0].indexOf(body);
    out.push({ value: read(match), start: start + offset, end: match.index + match[0].length + offset });
    // The next match may start inside this one's prefix character.
    global.lastIndex = match.index + Math.max(1, match[0].length - body.length);
  }
}

/** Every math span, expression and number of a text (offsets relative to `offset`). */
function plainCandidates(text: string, offset: number): Candidate[] {
  const found: Candidate[] = [];
  for (const span of SPANS) collect(span, text, offset, (match) => (match[1] ?? "").trim(), found);
  collect(PLAIN_EXPR, text, offset, (match) => (match[1] ?? "").trim(), found);
  collect(PLAIN_NUMBER, text, offset, (match) => normalizeNumber(match[1] ?? "", (match[2] ?? "") !== ""), found);
  return found;
}

function rightmost(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const one of candidates) {
    if (best === null || one.end > best.end || (one.end === best.end && one.start < best.start)) best = one;
  }
  return best;
}

/** The anchored candidate after one "answer": after the last `=` within reach, else the first within 50 characters. */
function anchoredAfter(text: string, from: number): Candidate | null {
  const reach = text.slice(from, from + ANCHOR_REACH + 40);
  const line = reach.split("\n", 1)[0] ?? "";
  const candidates = plainCandidates(reach, from);
  const afterEquals = line.lastIndexOf("=", ANCHOR_REACH);
  if (afterEquals !== -1) {
    const next = candidates.filter((one) => one.start - from > afterEquals).sort((a, b) => a.start - b.start || b.end - a.end)[0];
    if (next !== undefined && /^=\s*$/.test(reach.slice(afterEquals, next.start - from).replace(/\*\*/g, ""))) return next;
  }
  const near = candidates.filter((one) => one.start - from <= 51).sort((a, b) => a.start - b.start || b.end - a.end);
  return near[0] ?? null;
}

function anchoredCandidates(text: string, withColon: boolean): Candidate[] {
  const anchor = withColon ? /answer:/gi : /answer/gi;
  const found: Candidate[] = [];
  for (let match = anchor.exec(text); match !== null; match = anchor.exec(text)) {
    const candidate = anchoredAfter(text, match.index + match[0].length);
    if (candidate !== null) {
      found.push(candidate);
      anchor.lastIndex = Math.max(anchor.lastIndex, candidate.end);
    }
  }
  return found;
}

/**
 * The answer Math-Verify's default `parse` takes from a text, as a string for the library's
 * comparison; `null` when it finds none.
 * @param text - An answer segment (or a gold answer such as `\boxed{12}`).
 * @param skipBoxes - Start after the box rule, as Math-Verify does when the box's content does not
 *   parse.
 * @returns The extracted answer.
 * @example
 * referenceExtract("so the answer is 5 apples, and 7 were left over"); // "5" (after "answer")
 */
export function referenceExtract(text: string, skipBoxes = false): string | null {
  // Math-Verify's box pattern needs the brace right after `\boxed`; the last such box counts.
  if (!skipBoxes) {
    const boxes = findBoxes(text).filter((box) => text.startsWith("\\boxed{", box.start));
    const last = boxes[boxes.length - 1];
    if (last !== undefined) return last.content.trim();
  }
  const tail = text.length > PLAIN_WINDOW * 4 ? text.slice(-PLAIN_WINDOW * 4) : text;
  for (const withColon of [true, false]) {
    const best = rightmost(anchoredCandidates(tail, withColon));
    if (best !== null) return best.value;
  }
  const offset = Math.max(0, text.length - PLAIN_WINDOW);
  return rightmost(plainCandidates(text.slice(offset), offset))?.value ?? null;
}
