import type { TextSpan } from "../types.js";

/**
 * Opposite directions of one change: a clarification that declares both missing ("how many cards
 * were added or removed", "how many there were before or after") names every change its count could
 * have had, so it fits whatever the question lost without reading it. Word forms of English verbs
 * and prepositions, not of any problem; "give" (also "the problem gives") and "left" (also "what is
 * left") read too often as something else to be declared, and so do "initially", "final" and "now"
 * ("each starting value gives a different final answer"; `told` is what the question may say
 * instead, read only there).
 */
export const OPPOSITE_CHANGES: readonly { name: string; one: RegExp; other: RegExp; told?: RegExp }[] = [
  { name: "added or removed", one: /\badd(?:s|ed|ing)?\b/i, other: /\bremov(?:e|es|ed|ing)\b/i },
  { name: "gained or lost", one: /\bgain(?:s|ed|ing)?\b/i, other: /\blos(?:e|es|t|ing)\b/i },
  { name: "won or lost", one: /\b(?:win|wins|won|winning)\b/i, other: /\blos(?:e|es|t|ing)\b/i },
  { name: "bought or sold", one: /\b(?:buy|buys|buying|bought)\b/i, other: /\b(?:sell|sells|selling|sold)\b/i },
  { name: "increased or decreased", one: /\bincreas(?:e|es|ed|ing)\b/i, other: /\bdecreas(?:e|es|ed|ing)\b/i },
  { name: "earned or spent", one: /\bearn(?:s|ed|ing)?\b/i, other: /\b(?:spend|spends|spending|spent)\b/i },
  // A question tells of leaving with "left" too ("25 left and 25 joined").
  {
    name: "joined or left",
    one: /\b(?:join(?:s|ed|ing)?|arriv(?:e|es|ed|ing))\b/i,
    other: /\bleav(?:e|es|ing)\b/i,
    told: /\b(?:leav(?:e|es|ing)|left)\b/i,
  },
  { name: "before or after", one: /\bbefore\b/i, other: /\bafter\b/i },
  {
    name: "at the start or at the end",
    one: /\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|at first)\b/i,
    other: /\b(?:end(?:s|ed|ing)?|finish(?:es|ed|ing)?)\b/i,
  },
];

/**
 * A purpose or what cannot be done ("To find how many were riding before the stop, …", "I cannot
 * calculate how many he has after some leave"): it tells of the ask, not of what is missing, up to
 * the next clause mark.
 */
const PURPOSE =
  /\b(?:to|can(?:not|'t|’t)?|could(?:n't|n’t|not)?|unable to|impossible to|able to)\s+(?:[a-z]+\s+){0,2}?(?:find|calculate|determine|compute|figure|work out|solve|answer|tell)\b[^,;:.!?]*/gi;

/**
 * A number with up to three words before it: a change told with its number ("after removing 9",
 * "added 7 action figures") retells a stated event.
 */
const STATED_EVENT = /\b(?:[A-Za-z]+[\s,]+){0,3}\d+(?:[.,]\d+)*/g;

/** The text with every span (UTF-16 offsets, as match indices are) replaced by spaces. */
function blank(text: string, spans: readonly { start: number; end: number }[]): string {
  const units = text.split("");
  for (const span of spans) for (let i = Math.max(0, span.start); i < Math.min(units.length, span.end); i += 1) units[i] = " ";
  return units.join("");
}

/** A match's span, in the offsets of the text it was run on. */
function spanOf(match: RegExpMatchArray): { start: number; end: number } {
  const start = match.index ?? 0;
  return { start, end: start + match[0].length };
}

/**
 * The opposite changes a clarification declares missing both ways, in the sentences that declare
 * something missing, when the question tells of at most one of the two. A change followed by a
 * number ("after removing 9 and adding 38") retells a stated event, one inside an example ("e.g.,
 * whether they increase or decrease") is the writer's illustration, and one in a purpose ("to find
 * how many were riding before the stop") tells of the ask: none is read. A question that states no
 * number is never hedged against. Linear in the text.
 * @param text - The clarification as read.
 * @param sentences - The sentences its missing slots came from (repeats are read once).
 * @param examples - Its example spans.
 * @param question - The question.
 * @returns The names of the pairs covered both ways ("added or removed"), in {@link OPPOSITE_CHANGES} order.
 * @example
 * coveredBothWays("It does not say how many cards were added or removed.", [{ start: 0, end: 52, text: "" }], [], "Nell had some cards. She gave 3 away. How many are left?"); // ["added or removed"]
 */
export function coveredBothWays(
  text: string,
  sentences: readonly TextSpan[],
  examples: readonly { start: number; end: number }[],
  question: string,
): string[] {
  // A question that states no number has nothing to read the gap against: listing the changes a count
  // could have had ("how many she started with, gained or lost") is then what it lacks.
  if (!/\d/.test(question)) return [];
  const seen = new Set<number>();
  const declared: string[] = [];
  for (const sentence of sentences) {
    if (seen.has(sentence.start)) continue;
    seen.add(sentence.start);
    const body = text.slice(sentence.start, sentence.end);
    const inside = examples.map((span) => ({ start: span.start - sentence.start, end: span.end - sentence.start }));
    declared.push(blank(body, [...inside, ...[...body.matchAll(PURPOSE)].map(spanOf), ...[...body.matchAll(STATED_EVENT)].map(spanOf)]));
  }
  const read = declared.join(" \n ");
  return OPPOSITE_CHANGES.filter(
    ({ one, other, told }) => one.test(read) && other.test(read) && !(one.test(question) && (told ?? other).test(question)),
  ).map(({ name }) => name);
}
