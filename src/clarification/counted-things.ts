import { STOPWORDS } from "./stopwords.js";
import { isContent, stem } from "./tokens.js";
import type { Token } from "./tokens.js";

/** Words before a number or a thing that say how many ("some", "several", "lots of", "the number of"), as token keys. */
const AMOUNT_WORDS: ReadonlySet<string> = new Set([
  "some",
  "several",
  "many",
  "few",
  "lots",
  "dozens",
  "dozen",
  "couple",
  "number",
  "more",
  "fewer",
]);
/** Tokens a counted thing may stand after its number ("12 green apples"). */
const COUNT_REACH = 3;

/**
 * The content words a text counts: a number or an amount word stands at most {@link COUNT_REACH}
 * tokens before them, across adjectives and "of" only ("12 green apples", "some pears", "lots of cans",
 * "the number of pens", "how many pens"). Linear in the tokens.
 * @param tokens - The text's tokens.
 * @returns The counted things' keys (stemmed).
 * @example
 * countedKeys(tokenize("Ed has 12 green apples and a pear.")).has("apple"); // true
 */
export function countedKeys(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== "word" || !isContent(token) || AMOUNT_WORDS.has(token.key)) return;
    for (let back = 1; back <= COUNT_REACH && i - back >= 0; back += 1) {
      const before = tokens[i - back];
      if (before === undefined) break;
      if (before.type === "number" || AMOUNT_WORDS.has(before.key)) {
        out.add(stem(token.key));
        return;
      }
      // Adjectives ("12 green apples") and "of" ("lots of apples") may stand between; a verb or a function word ends the phrase.
      if (before.key !== "of" && (before.type !== "word" || STOPWORDS.has(before.key))) break;
    }
  });
  return out;
}
