import { MATH_CONTEXT_TAGS, REPHRASE_WORDS } from "./fact-rules.js";
import { isContent, stem, tokenize } from "./tokens.js";

/**
 * Key sets of a question (and any text) that the clarification plan compares slots and facts
 * against: content keys, numbered statements, math bigrams and the pairs a fact lost. Pure.
 */

/**
 * Every content key of a text (stemmed words, numbers, math symbols), stop words left out.
 * @param text - Any text, e.g. a question.
 * @returns The set of keys.
 * @example
 * allKeys("Ed had 21 marbles.").has("21"); // true
 */
export function allKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const token of tokenize(text)) if (isContent(token)) keys.add(stem(token.key));
  return keys;
}

/** Adjacent pairs of significant token keys ("- b", "b ^"), the unit of a lost-context check. */
export function bigrams(text: string): Set<string> {
  const tokens = tokenize(text).filter((token) => token.type !== "symbol" || /^[-+<>=≤≥^/√°π×·]$/.test(token.key));
  const pairs = new Set<string>();
  for (let i = 1; i < tokens.length; i += 1) pairs.add(`${tokens[i - 1]?.key} ${tokens[i]?.key}`);
  return pairs;
}

/** Content keys of the fact that sit in a pair the question no longer has. */
export function lostPairKeys(fact: string, questionPairs: ReadonlySet<string>): string[] {
  // Only the fact's own words: "(now …)" / "(originally …)" notes would pair across the seam.
  const seam = fact.search(/ \((?:now|originally) /);
  const tokens = tokenize(seam === -1 ? fact : fact.slice(0, seam)).filter(
    (token) => token.type !== "symbol" || /^[-+<>=≤≥^/√°π×·]$/.test(token.key),
  );
  const lost = new Set<string>();
  for (let i = 1; i < tokens.length; i += 1) {
    const left = tokens[i - 1];
    const right = tokens[i];
    if (left === undefined || right === undefined || questionPairs.has(`${left.key} ${right.key}`)) continue;
    // Only math pairs ("- b", "b ^"): reworded prose ("the radio was invented", "lost 21") loses pairs without losing facts.
    if (left.type === "word" || right.type === "word") continue;
    for (const token of [left, right]) if (isContent(token)) lost.add(stem(token.key));
  }
  return [...lost];
}

/** Stems of the words a rewrite changes without changing the problem. */
export const REPHRASE_KEYS: ReadonlySet<string> = new Set([...REPHRASE_WORDS].map(stem));
const TAG_KEYS: ReadonlySet<string> = new Set(MATH_CONTEXT_TAGS.flatMap((entry) => entry.tag.split(" ")).map(stem));

/** Keys of a fact's trailing context-tag note ("… (matrix entry; angle degrees)"), when it is one. */
export function tagKeys(fact: string): Set<string> {
  const open = fact.lastIndexOf(" (");
  if (open === -1 || !fact.endsWith(")")) return new Set();
  const keys = [...allKeys(fact.slice(open + 2, -1))];
  return keys.length > 0 && keys.every((key) => TAG_KEYS.has(key)) ? new Set(keys) : new Set();
}

/** Keys of a fact's "(now …)" note that its own words before the note do not hold: what the edit put in. */
export function insertedKeys(fact: string): string[] {
  const seam = fact.indexOf(" (now ");
  if (seam === -1) return [];
  const before = allKeys(fact.slice(0, seam));
  const close = fact.indexOf(")", seam + 6);
  return [...allKeys(fact.slice(seam + 6, close === -1 ? undefined : close))].filter((key) => !before.has(key));
}
