import { splitSentences } from "../text/sentences.js";
import { CLAUSE_SPLIT, QUANTITY_BLUR, QUESTION_OPENER } from "./fact-rules.js";
import { isContent, stem, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

/**
 * Everything the grounding checks read from a question, computed once. A training step scores
 * several rollouts (and each rollout several slots) against the same question; before this, every
 * check re-tokenized it, which was most of the verifier's planning time.
 */

/** A copied run must be at least this many consecutive tokens of the question. */
export const MIN_COPY_TOKENS = 6;
/** The longest question read, in characters (what {@link tokenize} reads too). */
export const MAX_QUESTION_CHARS = 20_000;
/** The most clauses read per sentence (bounded work). */
const MAX_CLAUSES = 24;

/** One clause of a statement sentence, for {@link PreparedQuestion.statements}. */
export interface PreparedClause {
  keys: ReadonlySet<string>;
  /** It holds a number token. */
  numbered: boolean;
  /** It blurs its quantity ("some", "less than 53", "4 to 6"). */
  blurred: boolean;
}

/** A question prepared for the grounding checks; build it with {@link prepareQuestion}. */
export interface PreparedQuestion {
  /** The question as read (cut to {@link MAX_QUESTION_CHARS}). */
  text: string;
  tokens: readonly Token[];
  /** Every content key (stemmed). */
  keys: ReadonlySet<string>;
  /** Content keys of the statement sentences (asked sentences state nothing). */
  stated: ReadonlySet<string>;
  /** Adjacent pairs of significant token keys. */
  bigrams: ReadonlySet<string>;
  /** Every run of {@link MIN_COPY_TOKENS} token keys, joined. */
  copyGrams: ReadonlySet<string>;
  /** Numeric values, in order. */
  numbers: readonly number[];
  /** Every token key (unstemmed), for name checks. */
  words: ReadonlySet<string>;
  /** Stemmed content-key counts and their Euclidean norm (the bag-of-words vector). */
  counts: ReadonlyMap<string, number>;
  norm: number;
  /** Keys of the asked sentences ("How many…?"). */
  asked: ReadonlySet<string>;
  /** Statement sentences: their keys and clauses. */
  statements: readonly { keys: ReadonlySet<string>; clauses: readonly PreparedClause[] }[];
}

const SIGNIFICANT_SYMBOL = /^[-+<>=≤≥^/√°π×·]$/;

/** Adjacent pairs of significant token keys ("- b", "b ^"). */
export function tokenBigrams(tokens: readonly Token[]): Set<string> {
  const kept = tokens.filter((token) => token.type !== "symbol" || SIGNIFICANT_SYMBOL.test(token.key));
  const pairs = new Set<string>();
  for (let i = 1; i < kept.length; i += 1) pairs.add(`${kept[i - 1]?.key} ${kept[i]?.key}`);
  return pairs;
}

/** Stemmed content-key counts of a token list. */
export function contentCounts(tokens: readonly Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (!isContent(token)) continue;
    const key = stem(token.key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Euclidean norm of a count vector. */
export function countNorm(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const value of counts.values()) sum += value * value;
  return Math.sqrt(sum);
}

function keysOf(tokens: readonly Token[]): Set<string> {
  const keys = new Set<string>();
  for (const token of tokens) if (isContent(token)) keys.add(stem(token.key));
  return keys;
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
 * Whether a sentence asks (ends with "?" and opens like a question or an instruction).
 * @param sentence - A trimmed sentence.
 * @returns `true` for an asked sentence.
 * @example
 * isAsked("How many apples are left?"); // true
 */
export function isAsked(sentence: string): boolean {
  return sentence.endsWith("?") && QUESTION_OPENER.test(sentence);
}

/**
 * Prepares a question for every grounding check, reading it once (bounded: the first
 * {@link MAX_QUESTION_CHARS} characters).
 * @param question - The question text ("" gives empty sets).
 * @returns The prepared question.
 * @example
 * prepareQuestion("Ed had 21 marbles. How many?").keys.has("marble"); // true
 */
export function prepareQuestion(question: string): PreparedQuestion {
  const text = question.length > MAX_QUESTION_CHARS ? question.slice(0, MAX_QUESTION_CHARS) : question;
  const tokens = text === "" ? [] : tokenize(text);
  const keyList = tokens.map((token) => token.key);
  const copyGrams = new Set<string>();
  for (let i = 0; i + MIN_COPY_TOKENS <= keyList.length; i += 1) copyGrams.add(keyList.slice(i, i + MIN_COPY_TOKENS).join("\u0001"));
  const stated = new Set<string>();
  const asked = new Set<string>();
  const statements: { keys: ReadonlySet<string>; clauses: PreparedClause[] }[] = [];
  for (const span of text === "" ? [] : splitSentences(text)) {
    const sentence = span.text.trim();
    const keys = keysOf(tokenize(sentence));
    if (isAsked(sentence)) {
      for (const key of keys) asked.add(key);
      continue;
    }
    for (const key of keys) stated.add(key);
    statements.push({
      keys,
      clauses: clauses(sentence).map((clause) => {
        const clauseTokens = tokenize(clause);
        return {
          keys: keysOf(clauseTokens),
          numbered: clauseTokens.some((token) => token.type === "number"),
          blurred: QUANTITY_BLUR.test(clause),
        };
      }),
    });
  }
  const counts = contentCounts(tokens);
  return {
    text,
    tokens,
    keys: keysOf(tokens),
    stated,
    bigrams: tokenBigrams(tokens),
    copyGrams,
    numbers: tokens
      .filter((token) => token.type === "number")
      .map((token) => Number(token.key))
      .filter(Number.isFinite),
    words: new Set(keyList),
    counts,
    norm: countNorm(counts),
    asked,
    statements,
  };
}
