import { splitSentences } from "../abstention/sentences.js";
import { MAX_CLARIFICATION_CHARS } from "./extract-slots.js";
import { QUESTION_OPENER } from "./fact-rules.js";
import { isContent, stem, tokenize } from "./tokens.js";

/**
 * Key sets of a question (and any text) that the clarification plan compares slots and facts
 * against: statement keys, numbered statements, math bigrams and the pairs a fact lost. Pure.
 */

/** Content keys of each statement sentence of the question that states a number. */
export function numberedStatements(question: string): Set<string>[] {
  const out: Set<string>[] = [];
  for (const sentence of splitSentences(question.slice(0, MAX_CLARIFICATION_CHARS * 5))) {
    const text = sentence.text.trim();
    if (text.endsWith("?") && QUESTION_OPENER.test(text)) continue;
    const tokens = tokenize(text);
    if (!tokens.some((token) => token.type === "number")) continue;
    out.push(new Set(tokens.filter(isContent).map((token) => stem(token.key))));
  }
  return out;
}

/** Content keys of the question's statements: asked sentences ("How many…?") state nothing. */
export function statementKeys(question: string): Set<string> {
  const keys = new Set<string>();
  for (const sentence of splitSentences(question.slice(0, MAX_CLARIFICATION_CHARS * 5))) {
    const text = sentence.text.trim();
    if (text.endsWith("?") && QUESTION_OPENER.test(text)) continue;
    for (const token of tokenize(text)) if (isContent(token)) keys.add(stem(token.key));
  }
  return keys;
}

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
  const tokens = tokenize(seam === -1 ? fact : fact.slice(0, seam)).filter((token) => token.type !== "symbol" || /^[-+<>=≤≥^/√°π×·]$/.test(token.key));
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

