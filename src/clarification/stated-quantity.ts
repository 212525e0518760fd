import { splitSentences } from "../abstention/sentences.js";
import { MAX_CLARIFICATION_CHARS } from "./extract-slots.js";
import { CLAUSE_SPLIT, QUANTITY_BLUR, QUESTION_OPENER } from "./fact-rules.js";
import { isContent, stem, tokenize } from "./tokens.js";

/** The most clauses read per sentence (bounded work). */
const MAX_CLAUSES = 24;

function contentKeys(text: string): Set<string> {
  return new Set(tokenize(text).filter(isContent).map((token) => stem(token.key)));
}

function isAsked(sentence: string): boolean {
  return sentence.endsWith("?") && QUESTION_OPENER.test(sentence);
}

/** Splits a sentence at clause breaks (a linear scan of one bounded regex per clause). */
function clauses(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest !== "" && out.length < MAX_CLAUSES) {
    const cut = CLAUSE_SPLIT.exec(rest);
    if (cut === null) break;
    out.push(rest.slice(0, cut.index));
    rest = rest.slice(cut.index + cut[0].length);
  }
  out.push(rest);
  return out;
}

/**
 * Whether the question states, with a number, the quantity a slot asks for ("how many marbles Ed
 * lost" against "He lost 21 of his marbles"). The slot is placed in the clause holding its
 * distinctive words (those the asked sentence does not repeat: "bought" in "how many apples Sara
 * bought" when the question asks "How many apples does Sara have left?"); a clause that blurs
 * its quantity ("Sara bought some apples", "less than 53 blocks", "4 to 6 boxes") or holds no
 * number does not state it, so asking for it is no false claim. Pure, bounded.
 * @param question - The question text.
 * @param slotKeys - The slot's specific content keys (stemmed).
 * @returns `true` when a statement clause gives the quantity as a plain number.
 * @example
 * statesQuantity("Sara bought some apples and ate 3 of them. How many apples does Sara have left?", ["apple", "sara", "bought"]); // false
 */
export function statesQuantity(question: string, slotKeys: readonly string[]): boolean {
  if (slotKeys.length < 2) return false;
  const sentences = splitSentences(question.slice(0, MAX_CLARIFICATION_CHARS * 5)).map((span) => span.text.trim());
  const asked = new Set(sentences.filter(isAsked).flatMap((sentence) => [...contentKeys(sentence)]));
  const distinctive = slotKeys.filter((key) => !asked.has(key));
  const probe = distinctive.length > 0 ? distinctive : slotKeys;
  for (const sentence of sentences) {
    if (isAsked(sentence)) continue;
    const keys = contentKeys(sentence);
    if (slotKeys.filter((key) => keys.has(key)).length / slotKeys.length < 2 / 3) continue;
    let best: { text: string; hits: number } | null = null;
    for (const clause of clauses(sentence)) {
      const clauseKeys = contentKeys(clause);
      const hits = probe.filter((key) => clauseKeys.has(key)).length;
      if (hits > 0 && (best === null || hits > best.hits)) best = { text: clause, hits };
    }
    if (best === null) continue;
    const numbered = tokenize(best.text).some((token) => token.type === "number");
    if (numbered && !QUANTITY_BLUR.test(best.text)) return true;
  }
  return false;
}
