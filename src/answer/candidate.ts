import { MATH_ANCHOR_PRIORITY } from "./anchor-phrases.js";
import type { MathSpan } from "./find-math-spans.js";
import type { PlainMatch } from "./find-plain-numbers.js";
import type { MathMode } from "./parse-answer.js";

/** One place where the final answer may be, with Math-Verify's priority (lower first). */
export interface Candidate {
  priority: number;
  start: number;
  end: number;
  /** Answer texts: several when connected (`$1$ and $2$`, two boxes), read as one set. */
  parts: string[];
  mode: MathMode;
  source: "boxed" | "anchor" | "latex" | "expr";
  /** The value's own span, used to drop numbers from inside a formula that failed to parse. */
  valueStart: number;
  valueEnd: number;
}

const MAX_JOINED = 6;
/** The longest connector between joined spans (`, and`, with spaces). */
const MAX_CONNECTOR_CHARS = 12;
const CONNECTORS = new Set([",", "and", "or", ",and", ",or", ", and", ", or"]);

/** ASCII whitespace. */
export function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** Offset of the first non-space at or after `at`. */
export function skipSpaces(text: string, at: number): number {
  let j = at;
  while (isSpace(text[j])) j += 1;
  return j;
}

/** Every offset of `needle` in `haystack`. */
export function indicesOf(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Spans joined by `and` / `or` / `,` starting at span `k` (Math-Verify's `next1`…`next5` groups). */
export function joinedFrom(text: string, spans: readonly MathSpan[], k: number): { parts: string[]; end: number } {
  const first = spans[k] as MathSpan;
  const parts = [first.content];
  let end = first.end;
  for (let next = k + 1; next < spans.length && parts.length < MAX_JOINED; next += 1) {
    const span = spans[next] as MathSpan;
    if (span.start - end > MAX_CONNECTOR_CHARS || !CONNECTORS.has(text.slice(end, span.start).trim().toLowerCase())) break;
    parts.push(span.content);
    end = span.end;
  }
  return { parts, end };
}

/** A candidate from math span `k` (joined with the spans connected to it). */
export function latexCandidate(text: string, spans: readonly MathSpan[], k: number, priority: number, end?: number): Candidate {
  const joined = joinedFrom(text, spans, k);
  const span = spans[k] as MathSpan;
  const source = priority === MATH_ANCHOR_PRIORITY.unanchored ? "latex" : "anchor";
  return {
    priority,
    start: span.start,
    end: end ?? joined.end,
    parts: joined.parts,
    mode: "latex",
    source,
    valueStart: span.start,
    valueEnd: span.end,
  };
}

/** A candidate from a plain number or expression. */
export function exprCandidate(match: PlainMatch, priority: number, start = match.start, end = match.end): Candidate {
  const source = priority === MATH_ANCHOR_PRIORITY.unanchored ? "expr" : "anchor";
  return { priority, start, end, parts: [match.text], mode: "plain", source, valueStart: match.valueStart, valueEnd: match.end };
}

/** `I hope` right after the answer (`\.?\s?I hope`, allowing bold markers). */
export function iHopeEnd(text: string, at: number): number {
  let j = at;
  if (text.startsWith("**", j)) j += 2;
  if (text[j] === ".") j += 1;
  if (isSpace(text[j])) j += 1;
  return text.startsWith("I hope", j) ? j + 6 : -1;
}
