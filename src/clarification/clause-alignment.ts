import { distance } from "fastest-levenshtein";
import type { SlotHead } from "./grounding.js";
import type { PreparedQuestion } from "./prepared-question.js";
import { tokenize } from "./tokens.js";

/**
 * Contrastive alignment: does a declared-missing slot point at the gap, or at a clause of the
 * question that is intact? A problem's own clarification names the quantity its edit removed; the
 * clarification of another variant of the same story names one this question still states ("how
 * many emails Jack received in the afternoon" when the question says "5 emails in the afternoon").
 * Both share the story's words, so only the words that tell the question's clauses apart count:
 * each key is weighted by how few statement clauses hold it.
 */

/** A statement clause that states a value intact. */
export interface IntactClause {
  text: string;
  keys: ReadonlySet<string>;
}

/** The question's clauses read once per annotation for {@link clauseContrast} and {@link statedClauseAlignment}. */
export interface ClauseContext {
  /**
   * Statement clauses that give a plain number no missing fact holds, blur nothing and hold no
   * word an edit lost: what a right clarification does not ask for.
   */
  intact: readonly IntactClause[];
  /** How specific a question key is: 1 / the number of statement clauses holding it (keys in none weigh 1). */
  weights: ReadonlyMap<string, number>;
}

/** The most intact clauses compared per slot (bounded work). */
const MAX_INTACT_CLAUSES = 32;

/**
 * Reads the question's statement clauses against its missing facts.
 * @param question - The prepared question.
 * @param factTexts - The missing facts' texts (their numbers are not stated values).
 * @param lostKeys - Keys the edits lost (a clause holding one is where the gap is).
 * @returns The intact clauses and the key weights.
 * @example
 * clauseContext(prepareQuestion("Jack got some emails in the morning and 5 emails in the afternoon."), [], new Set()).intact.length; // 1
 */
export function clauseContext(question: PreparedQuestion, factTexts: readonly string[], lostKeys: ReadonlySet<string>): ClauseContext {
  const factNumbers = new Set(
    factTexts.flatMap((fact) =>
      tokenize(fact)
        .filter((token) => token.type === "number")
        .map((token) => token.key),
    ),
  );
  const counts = new Map<string, number>();
  const intact: IntactClause[] = [];
  for (const sentence of question.statements) {
    for (const clause of sentence.clauses) {
      for (const key of clause.keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      const stated =
        clause.numbered &&
        !clause.blurred &&
        clause.numbers.some((number) => !factNumbers.has(number)) &&
        ![...clause.keys].some((key) => lostKeys.has(key));
      if (stated && intact.length < MAX_INTACT_CLAUSES) intact.push({ text: clause.text, keys: clause.keys });
    }
  }
  const weights = new Map<string, number>();
  for (const [key, count] of counts) weights.set(key, 1 / count);
  return { intact, weights };
}

function keyNear(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 5 && b.length >= 5 && !/\d/.test(a + b) && distance(a, b) <= 1;
}

function holds(keys: Iterable<string>, key: string): boolean {
  for (const other of keys) if (keyNear(other, key)) return true;
  return false;
}

/**
 * How well a slot lines up with a set of keys, its modifiers weighted by how specific they are
 * in the question: half for the head noun, half for the weighted share of the modifiers (a
 * quarter when the slot has none), as {@link slotAlignment} but with "afternoon" counting more
 * than "emails" when every clause is about emails.
 * @param head - The slot's head and modifiers.
 * @param keys - The keys of a fact or a clause.
 * @param weights - From {@link clauseContext}.
 * @returns Alignment in [0, 1].
 * @example
 * weightedAlignment({ head: "email", modifiers: ["afternoon"] }, ["email", "afternoon"], new Map()); // 1
 */
export function weightedAlignment(head: SlotHead, keys: Iterable<string>, weights: ReadonlyMap<string, number>): number {
  if (head.head === "") return 0;
  const list = [...keys];
  if (list.length === 0) return 0;
  const headScore = holds(list, head.head) ? 0.5 : 0;
  if (head.modifiers.length === 0) return headScore + 0.25;
  let total = 0;
  let matched = 0;
  for (const modifier of head.modifiers) {
    const weight = weights.get(modifier) ?? 1;
    total += weight;
    if (holds(list, modifier)) matched += weight;
  }
  return headScore + (total === 0 ? 0 : (0.5 * matched) / total);
}

/**
 * The best alignment of a slot with an intact clause of the question: how much the slot reads as
 * asking for a value the question states.
 * @param head - The slot's head and modifiers.
 * @param context - From {@link clauseContext}.
 * @returns Alignment in [0, 1] (0 without intact clauses).
 * @example
 * statedClauseAlignment({ head: "email", modifiers: ["afternoon"] }, { intact: [{ text: "", keys: new Set(["email", "afternoon"]) }], weights: new Map() }); // 1
 */
export function statedClauseAlignment(head: SlotHead, context: ClauseContext): number {
  let best = 0;
  for (const clause of context.intact) best = Math.max(best, weightedAlignment(head, clause.keys, context.weights));
  return best;
}

/**
 * Contrastive alignment of a slot: its weighted alignment with a missing fact (the edit's words in
 * context) minus its best alignment with an intact clause, mapped to [0, 1] (0.5: no preference).
 * A right clarification points at the gap; another variant's points at a clause that is intact.
 * @param head - The slot's head and modifiers.
 * @param factKeys - The fact's specific keys.
 * @param context - From {@link clauseContext}.
 * @returns `(1 + fact alignment − stated alignment) / 2`.
 * @example
 * clauseContrast({ head: "email", modifiers: ["morning"] }, ["email", "morning"], { intact: [{ text: "", keys: new Set(["email", "afternoon"]) }], weights: new Map() }); // 0.75
 */
export function clauseContrast(head: SlotHead, factKeys: readonly string[], context: ClauseContext): number {
  return (1 + weightedAlignment(head, factKeys, context.weights) - statedClauseAlignment(head, context)) / 2;
}
