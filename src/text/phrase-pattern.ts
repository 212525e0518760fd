/**
 * Phrase patterns for the abstention and clarification tables, written in a small shorthand:
 * a space means `\\s{1,3}`; `'` means any apostrophe; `{not}` after an auxiliary means ` not` or
 * `n't` (`does{not}` → "does not" | "doesn't"). Patterns use bounded repetition only and never
 * nest quantifiers, so matching stays linear.
 */

const APOSTROPHE = "[\u2019\u2018'`\u00b4\u02bc]";

/**
 * Joins the alternatives of a pattern, written one per line in the phrase tables, with `|` (no
 * group: the result reads exactly like the one-line pattern it replaces).
 * @param alternatives - Pattern alternatives in the {@link phrase} shorthand.
 * @returns The alternation.
 * @example
 * phrase(anyOf(["\\bnot given\\b", "\\bmissing\\b"])).test("it is missing"); // true
 */
export function anyOf(alternatives: readonly string[]): string {
  return alternatives.join("|");
}

/** Expands the shorthands above into a case-insensitive RegExp. */
export function phrase(source: string): RegExp {
  // Apostrophes first: the `{not}` expansion carries its own apostrophe class.
  const expanded = source
    .replace(/'/g, APOSTROPHE)
    .replace(/\{not\}/g, `(?:n${APOSTROPHE}t| not)`)
    .replace(/ /g, "\\s{1,3}");
  return new RegExp(expanded, "i");
}
