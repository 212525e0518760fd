import { splitSentences } from "../text/sentences.js";
import { CONTEXT_CONTENT_TOKENS, CONTEXT_MAX_TOKENS, MATH_CONTEXT_TAGS, MISSING_SENTENCE_SPACE } from "./fact-rules.js";
import { plainText } from "./plain-text.js";
import { isContent, stem, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

/**
 * One side of a question pair for {@link deriveMissingFacts}, and how a fact is worded from it:
 * a window of context words around an edit, the edited span, and tags naming the math object.
 */

/** A question tokenized once, with its stemmed key set. */
export interface Side {
  text: string;
  tokens: Token[];
  keys: Set<string>;
}

/**
 * Tokenizes one question of a pair.
 * @param text - The question.
 * @returns Its side.
 * @example
 * side("Ed had 50 marbles.").keys.has("marble"); // true
 */
export function side(text: string): Side {
  const tokens = tokenize(text);
  return { text, tokens, keys: new Set(tokens.map((token) => stem(token.key))) };
}

/**
 * A window of context around `[from, to)` inside one sentence of `s` (a break that lost its space,
 * "bag.How", ends a sentence too), as plain text.
 */
export function windowText(s: Side, from: number, to: number): string {
  const sentences = splitSentences(s.text);
  const anchor = s.tokens[Math.min(from, s.tokens.length - 1)];
  const sentence = sentences.find((span) => anchor !== undefined && anchor.start >= span.start && anchor.start < span.end + 1);
  let lo = sentence?.start ?? 0;
  let hi = sentence?.end ?? s.text.length;
  // "… in each bag.How many bags …": a break that lost its space ends the sentence too.
  if (anchor !== undefined) {
    for (const glued of s.text.slice(lo, hi).matchAll(MISSING_SENTENCE_SPACE)) {
      const period = lo + glued.index + 1;
      if (period < anchor.start) lo = Math.max(lo, period + 1);
      else hi = Math.min(hi, period + 1);
    }
  }
  let left = from;
  let seen = 0;
  while (left > 0 && from - left < CONTEXT_MAX_TOKENS && seen < CONTEXT_CONTENT_TOKENS) {
    const token = s.tokens[left - 1];
    if (token === undefined || token.start < lo) break;
    left -= 1;
    if (isContent(token)) seen += 1;
  }
  let right = to;
  seen = 0;
  while (right < s.tokens.length && right - to < CONTEXT_MAX_TOKENS && seen < CONTEXT_CONTENT_TOKENS) {
    const token = s.tokens[right];
    if (token === undefined || token.end > hi) break;
    right += 1;
    if (isContent(token)) seen += 1;
  }
  const first = s.tokens[left];
  const last = s.tokens[Math.max(left, right - 1)];
  if (first === undefined || last === undefined) return "";
  return plainText(s.text.slice(first.start, last.end));
}

/** The plain text of `s.tokens[from, to)`. */
export function spanText(s: Side, from: number, to: number): string {
  const first = s.tokens[from];
  const last = s.tokens[to - 1];
  return first === undefined || last === undefined ? "" : plainText(s.text.slice(first.start, last.end));
}

/** Words naming the mathematical object an edit sits in ("matrix entry", "angle"), or "". */
export function contextTags(s: Side, from: number, to: number): string {
  const first = s.tokens[from];
  const last = s.tokens[Math.max(from, to - 1)];
  if (first === undefined || last === undefined) return "";
  const before = s.text.slice(Math.max(0, first.start - 600), first.start);
  const edited = s.text.slice(first.start, last.end + 2);
  const tags = MATH_CONTEXT_TAGS.filter((entry) => entry.test(before, edited))
    .map((entry) => entry.tag)
    .slice(0, 3);
  return tags.length === 0 ? "" : ` (${tags.join("; ")})`;
}
