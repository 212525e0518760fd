import { splitSentences } from "../text/sentences.js";
import { diffKeys } from "./diff-tokens.js";
import type { Hunk } from "./diff-tokens.js";
import { contextTags, side, spanText, windowText } from "./fact-context.js";
import type { Side } from "./fact-context.js";
import {
  BLUR_CUE,
  MAX_FACTS,
  MISSING_SENTENCE_SPACE,
  NEGATION_WORDS,
  QUESTION_OPENER,
  REPHRASE_WORDS,
  SIGNIFICANT_SYMBOLS,
} from "./fact-rules.js";
import { plainText } from "./plain-text.js";
import { containsRun, isContent, stem } from "./tokens.js";
import type { Token } from "./tokens.js";

/** The kinds of edit that make a paired question unanswerable. */
export const FACT_KINDS = ["deleted", "blurred", "substituted", "changed-value", "undefined", "no-question"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** One missing fact with how it was found. */
export interface DerivedFact {
  kind: FactKind;
  /** The fact as a readable phrase with its context words. */
  text: string;
}

function significant(token: Token): boolean {
  return isContent(token) || SIGNIFICANT_SYMBOLS.has(token.key);
}

/**
 * Significant tokens of `tokens[from, to)` that the other side lost: keys that never occur there,
 * or, when every key still occurs somewhere, the whole run if it no longer occurs with either of
 * its neighbours ("a^2 - b^2" → "a^2 - ": `b` still occurs elsewhere, the term does not).
 */
function lostTokens(s: Side, from: number, to: number, other: Side): Token[] {
  const run = s.tokens.slice(from, to);
  const absent = run.filter((token) => significant(token) && !other.keys.has(stem(token.key)) && !REPHRASE_WORDS.has(token.key));
  if (absent.length > 0 || run.length === 0 || !run.some((token) => significant(token) && !REPHRASE_WORDS.has(token.key))) return absent;
  const keys = run.map((token) => token.key);
  const left = s.tokens[from - 1]?.key;
  const right = s.tokens[to]?.key;
  const withLeft = left === undefined ? keys : [left, ...keys];
  const withRight = right === undefined ? keys : [...keys, right];
  // A missing neighbour (the text's edge) is no evidence: "what is θ?" → "what is?" lost θ although θ occurs elsewhere.
  const otherKeys = other.tokens.map((token) => token.key);
  if ((left !== undefined && containsRun(otherKeys, withLeft)) || (right !== undefined && containsRun(otherKeys, withRight))) return [];
  return run.filter((token) => significant(token) && !REPHRASE_WORDS.has(token.key));
}

function keysOf(s: Side, from: number, to: number): string {
  return s.tokens
    .slice(from, to)
    .filter(significant)
    .map((token) => token.key)
    .join(" ");
}

function isQuestionSentence(text: string): boolean {
  return text.trimEnd().endsWith("?") || QUESTION_OPENER.test(text.trim());
}

/** Merges hunks separated by at most `gap` unchanged tokens: one edit often splits around a comma or "the". */
function mergeHunks(hunks: readonly Hunk[], gap: number): Hunk[] {
  const merged: Hunk[] = [];
  for (const hunk of hunks) {
    const last = merged[merged.length - 1];
    if (last !== undefined && hunk.aStart - last.aEnd <= gap && hunk.bStart - last.bEnd <= gap) {
      last.aEnd = hunk.aEnd;
      last.bEnd = hunk.bEnd;
    } else {
      merged.push({ ...hunk });
    }
  }
  return merged;
}

function classify(a: Side, b: Side, hunk: Hunk): DerivedFact | null {
  const fact = classifyEdit(a, b, hunk);
  if (fact === null) return null;
  const tags = hunk.aEnd > hunk.aStart ? contextTags(a, hunk.aStart, hunk.aEnd) : contextTags(b, hunk.bStart, hunk.bEnd);
  return tags === "" ? fact : { kind: fact.kind, text: `${fact.text}${tags}` };
}

function classifyEdit(a: Side, b: Side, hunk: Hunk): DerivedFact | null {
  const deleted = a.tokens.slice(hunk.aStart, hunk.aEnd);
  const inserted = b.tokens.slice(hunk.bStart, hunk.bEnd);
  const gone = lostTokens(a, hunk.aStart, hunk.aEnd, b);
  const added = lostTokens(b, hunk.bStart, hunk.bEnd, a);
  const insertedText = spanText(b, hunk.bStart, hunk.bEnd);
  const deletedText = spanText(a, hunk.aStart, hunk.aEnd);
  const blurred = inserted.length > 0 && BLUR_CUE.test(insertedText) && !BLUR_CUE.test(deletedText);
  if (blurred) {
    const around = windowText(b, hunk.bStart, hunk.bEnd);
    return { kind: "blurred", text: deleted.some(isContent) ? `${around} (originally ${deletedText})` : around };
  }
  if (gone.length === 0 && added.length === 0) return null;
  const numeric = (tokens: readonly Token[]): boolean =>
    tokens.length > 0 && tokens.every((token) => token.type === "number" || !isContent(token));
  if (gone.length > 0 && added.length > 0 && numeric(gone) && numeric(added)) {
    return { kind: "changed-value", text: `${windowText(b, hunk.bStart, hunk.bEnd)} (originally ${deletedText})` };
  }
  if (gone.length > 0 && added.length > 0) {
    const around = windowText(a, hunk.aStart, hunk.aEnd);
    // An insertion that is only formatting in plain text ("\\.") leaves no "(now …)" note worth reading.
    return { kind: "substituted", text: insertedText === "" ? around : `${around} (now ${insertedText})` };
  }
  if (gone.length > 0) {
    const around = windowText(a, hunk.aStart, hunk.aEnd);
    return inserted.length > 0 && insertedText !== ""
      ? { kind: "substituted", text: `${around} (now ${insertedText})` }
      : { kind: "deleted", text: around };
  }
  return { kind: "undefined", text: windowText(b, hunk.bStart, hunk.bEnd) };
}

/**
 * Derives the missing facts of an unanswerable question from its answerable twin (SUM-style
 * pairs): deleted conditions, blurred quantities ("less than 53 blocks"), substituted objects,
 * changed or impossible values, undefined new symbols, and a removed question. Each fact keeps
 * the words around the edit so it can be recognised in a paraphrase.
 * @param answerableQuestion - The original, answerable question.
 * @param unanswerableQuestion - The edited, unanswerable question.
 * @returns Facts as readable phrases, largest edits first (at most six).
 * @example
 * deriveMissingFacts("Ed had 50 marbles. He lost 21 of them. How many are left?", "Ed had 50 marbles. He lost some of them. How many are left?");
 * // ["He lost some of them (originally 21)"]
 */
export function deriveMissingFacts(answerableQuestion: string, unanswerableQuestion: string): string[] {
  return deriveMissingFactsDetailed(answerableQuestion, unanswerableQuestion).map((fact) => fact.text);
}

/**
 * {@link deriveMissingFacts} with the kind of each fact.
 * @param answerableQuestion - The original question.
 * @param unanswerableQuestion - The edited question.
 * @returns Facts with kinds.
 * @example
 * deriveMissingFactsDetailed("Find x if 2x = 4.", "If 2x = 4.")[0]?.kind; // "no-question"
 */
export function deriveMissingFactsDetailed(answerableQuestion: string, unanswerableQuestion: string): DerivedFact[] {
  const a = side(answerableQuestion);
  const b = side(unanswerableQuestion);
  const facts: DerivedFact[] = [];
  // "… each flower bed.How many seeds …?": a break that lost its space still ends a sentence.
  const sentencesOf = (text: string) => splitSentences(text.replace(MISSING_SENTENCE_SPACE, "$1. $2"));
  const asked = sentencesOf(answerableQuestion).filter((span) => isQuestionSentence(span.text));
  if (asked.length > 0 && !sentencesOf(unanswerableQuestion).some((span) => isQuestionSentence(span.text))) {
    facts.push({ kind: "no-question", text: `No question is asked; the original asks: ${plainText(asked[asked.length - 1]?.text ?? "")}` });
  }
  const hunks = mergeHunks(
    diffKeys(
      a.tokens.map((t) => t.key),
      b.tokens.map((t) => t.key),
    ),
    2,
  );
  const sized = hunks.map((hunk) => ({ hunk, size: hunk.aEnd - hunk.aStart + hunk.bEnd - hunk.bStart })).sort((x, y) => y.size - x.size);
  const signatures = new Set<string>();
  for (const { hunk } of sized) {
    const fact = classify(a, b, hunk);
    // The same edit repeated ("120" → "y" three times) is one fact.
    const signature = `${keysOf(a, hunk.aStart, hunk.aEnd)}→${keysOf(b, hunk.bStart, hunk.bEnd)}`;
    if (fact === null || fact.text === "" || signatures.has(signature) || facts.some((seen) => seen.text === fact.text)) continue;
    signatures.add(signature);
    facts.push(fact);
    if (facts.length >= MAX_FACTS) break;
  }
  if (facts.length === 0 && sized.length > 0 && plainText(answerableQuestion) !== plainText(unanswerableQuestion)) {
    // Nothing classified (every edit looked like a rewording): keep the largest edit anyway.
    const largest = sized[0]?.hunk;
    // A negation inserted or deleted ("had not 6 lives") changes what the clause says, though it is no content word.
    const meaningful = (tokens: readonly Token[]): boolean =>
      tokens.some(
        (token) => (significant(token) && !REPHRASE_WORDS.has(token.key)) || NEGATION_WORDS.has(token.key) || /n['’]t$/.test(token.key),
      );
    if (
      largest !== undefined &&
      (meaningful(a.tokens.slice(largest.aStart, largest.aEnd)) || meaningful(b.tokens.slice(largest.bStart, largest.bEnd)))
    ) {
      const text =
        largest.aEnd > largest.aStart ? windowText(a, largest.aStart, largest.aEnd) : windowText(b, largest.bStart, largest.bEnd);
      if (text !== "")
        facts.push({
          kind: largest.aEnd > largest.aStart ? "deleted" : "undefined",
          text: `${text}${contextTags(a, largest.aStart, largest.aEnd)}`,
        });
    }
  }
  return facts;
}
