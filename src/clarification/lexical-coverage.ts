import { distance } from "fastest-levenshtein";
import type { PlannedFact } from "./clarification-plan.js";
import { WEAK_OBJECT_WORDS } from "./stopwords.js";

/** Keys match exactly, or (words of 5+ letters) within a small edit distance: "specifed" ≈ "specified". */
function keyMatches(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || /\d/.test(a) || /\d/.test(b)) return false;
  return distance(a, b) <= (Math.max(a.length, b.length) >= 8 ? 2 : 1);
}

/**
 * One-digit numbers and names of common math objects are weak evidence: they turn up in many unrelated problems.
 * @param key - A stemmed key.
 * @returns 0.5 for weak keys, else 1.
 * @example
 * keyWeight("7"); // 0.5
 */
export function keyWeight(key: string): number {
  return /^\d$/.test(key) || WEAK_OBJECT_WORDS.has(key) ? 0.5 : 1;
}

/**
 * Weighted share of the fact's core keys (at most three needed) that the slot names. A slot that
 * asks for a quantity ("how many marbles Ed had") names a missing number by its context words, so
 * for it each missing number counts as named when the slot covers the fact's other words.
 * @param slotKeys - Specific keys of the slot.
 * @param fact - A planned fact.
 * @param quantity - Whether the slot asks for a quantity.
 * @returns Coverage in [0, 1].
 * @example
 * lexicalCoverage(["90"], { text: "-90 < n < 90", embedText: "-90 < n < 90", keys: ["90"], core: ["90"] }); // 1
 */
export function lexicalCoverage(slotKeys: readonly string[], fact: PlannedFact, quantity = false): number {
  if (fact.core.length === 0) return 0;
  const named = (key: string): boolean => slotKeys.some((slotKey) => keyMatches(slotKey, key));
  const context = fact.keys.filter((key) => !fact.core.includes(key) && !/^\d/.test(key));
  const byContext = quantity && context.length > 0 && context.filter(named).length / context.length >= 0.5;
  const matched = fact.core.filter((key) => named(key) || (byContext && /^\d/.test(key))).reduce((sum, key) => sum + keyWeight(key), 0);
  return Math.min(1, matched / Math.min(fact.core.length, 3));
}
