/**
 * A clarification that ends by repeating the question (`… is not given. A rectangle has a width
 * of 4 cm.`) says nothing more than the same clarification without that tail, so the tail must
 * not move its score: a policy would otherwise learn to pad every clarification with the question.
 * The verifier's own copy check blanks long copies anywhere; this one removes trailing segments
 * of any length whose words all come from the question.
 */

/** Words that frame a repetition ("to repeat the question:", "in other words") rather than add to it. */
const FRAMING = new Set([
  "to",
  "repeat",
  "repeating",
  "restate",
  "restated",
  "restating",
  "again",
  "the",
  "question",
  "problem",
  "asks",
  "asked",
  "in",
  "other",
  "words",
  "namely",
  "ie",
  "that",
  "is",
  "once",
  "more",
  "here",
  "it",
  "was",
  "a",
  "an",
  "and",
  "so",
]);

/** Lower-case word tokens (letters and digits); linear. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Removes trailing sentences or clauses of a clarification whose words all occur in the question
 * (framing words such as "to repeat the question" aside). The first segment is always kept, so a
 * clarification is never emptied.
 * @param clarification - The clarification text.
 * @param question - The question it clarifies.
 * @returns The clarification without its trailing restatement (unchanged when there is none).
 * @example
 * withoutTrailingRestatement("The length is not given. A rectangle has", "A rectangle has a width of 4 cm. What is its area?");
 * // "The length is not given."
 */
export function withoutTrailingRestatement(clarification: string, question: string): string {
  const vocabulary = new Set(words(question));
  if (vocabulary.size === 0) return clarification;
  // Segment ends: sentence and clause punctuation, line breaks.
  const boundaries: number[] = [];
  for (let i = 0; i < clarification.length; i += 1) {
    if (".!?;:\n".includes(clarification.charAt(i))) boundaries.push(i + 1);
  }
  let end = clarification.length;
  for (let b = boundaries.length - 1; b >= -1; b -= 1) {
    const start = b >= 0 ? (boundaries[b] ?? 0) : 0;
    if (start === 0) break;
    const segment = clarification.slice(start, end);
    const tokens = words(segment);
    const restates = tokens.every((token) => vocabulary.has(token) || FRAMING.has(token));
    if (!restates) break;
    end = start;
  }
  return end === clarification.length ? clarification : clarification.slice(0, end).trimEnd();
}
