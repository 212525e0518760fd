import { distance } from "fastest-levenshtein";
import { HEDGE_WORDS, NEGATION_WORDS, NO_WORDS, YES_WORDS } from "./anchor-phrases.js";
import { goldChoiceLetter, predictedChoiceLetter } from "./choice-letter.js";
import { MINUS_TOKEN, textTokens } from "./text-normalize.js";

/** How two text answers matched. */
export type TextMethod = "exact" | "choice" | "yes-no" | "contains" | "fuzzy";

/** Result of {@link textMatch}. */
export interface TextMatch {
  method: TextMethod | null;
  /** For fuzzy matching: the similarity reached, for the reason sentence. */
  similarity: number;
}

/** Texts shorter than this are never fuzzy-matched (`yes`/`yet`, `cat`/`car`). */
const MIN_FUZZY_CHARS = 4;

function polarity(tokens: readonly string[]): "yes" | "no" | null {
  const [first] = tokens;
  if (first === undefined) return null;
  if (YES_WORDS.has(first)) return "yes";
  if (NO_WORDS.has(first)) return "no";
  return null;
}

function isNumberToken(word: string): boolean {
  return /^\p{N}/u.test(word);
}

/**
 * Gold tokens appear as a run inside a short prediction, and the prediction adds no negation,
 * no hedge and no number of its own (prose that repeats a number among others states nothing).
 */
function contains(gold: readonly string[], pred: readonly string[]): boolean {
  if (gold.length === 0 || pred.length > 2 * gold.length + 6) return false;
  if (pred.some((word) => (NEGATION_WORDS.has(word) || HEDGE_WORDS.has(word)) && !gold.includes(word))) return false;
  if (pred.some((word) => (isNumberToken(word) || word === MINUS_TOKEN) && !gold.includes(word))) return false;
  for (let i = 0; i + gold.length <= pred.length; i += 1) {
    if (gold.every((word, j) => pred[i + j] === word)) return true;
  }
  return false;
}

function digitsOf(text: string): string {
  let digits = "";
  for (const ch of text) if (ch >= "0" && ch <= "9") digits += ch;
  return digits;
}

/**
 * Compares two short text answers: multiple-choice letters, yes/no, normalized exact match, the
 * gold contained in a short prediction, then Levenshtein similarity at or above `threshold`
 * (numbers inside must agree exactly, so `1998 World Cup` never fuzzily equals `1999 World Cup`).
 * @param gold - One gold answer.
 * @param pred - The extracted prediction.
 * @param threshold - Fuzzy threshold in [0, 1]; 1 disables fuzzy matching.
 * @returns How they matched (`method: null` when they did not).
 */
export function textMatch(gold: string, pred: string, threshold: number): TextMatch {
  const none: TextMatch = { method: null, similarity: 0 };
  const goldLetter = goldChoiceLetter(gold);
  if (goldLetter !== null) {
    const predLetter = predictedChoiceLetter(pred);
    if (predLetter !== null) return predLetter === goldLetter ? { method: "choice", similarity: 1 } : none;
  }
  const g = textTokens(gold);
  const p = textTokens(pred);
  if (g.length === 0 || p.length === 0) return none;
  const goldPolarity = g.length === 1 ? polarity(g) : null;
  if (goldPolarity !== null) return polarity(p) === goldPolarity ? { method: "yes-no", similarity: 1 } : none;
  const a = g.join(" ");
  const b = p.join(" ");
  if (a === b) return { method: "exact", similarity: 1 };
  if (goldLetter === null && contains(g, p)) return { method: "contains", similarity: 1 };
  if (threshold >= 1 || Math.min(a.length, b.length) < MIN_FUZZY_CHARS || digitsOf(a) !== digitsOf(b)) return none;
  const similarity = 1 - distance(a, b) / Math.max(a.length, b.length);
  return similarity >= threshold ? { method: "fuzzy", similarity } : none;
}

/**
 * Whether a sentence ends by stating the gold answer (`… the person who was not willing is the
 * 30-year-old.`), not negated just before it.
 * @param gold - One gold answer.
 * @param sentence - The last sentence or line of a free-form response.
 * @returns Whether the sentence ends with the gold's words.
 */
export function endsWithGold(gold: string, sentence: string): boolean {
  const g = textTokens(gold);
  const s = textTokens(sentence);
  const offset = s.length - g.length;
  if (g.length === 0 || offset < 1 || !g.every((word, i) => s[offset + i] === word)) return false;
  const before = s[offset - 1] as string;
  return !NEGATION_WORDS.has(before) && !HEDGE_WORDS.has(before) && before !== MINUS_TOKEN;
}
