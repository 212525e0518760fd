import { splitSentences } from "../text/sentences.js";
import type { ClarificationAnnotation } from "../types.js";
import { clauseContext } from "./clause-alignment.js";
import type { ClauseContext } from "./clause-alignment.js";
import { countedKeys } from "./counted-things.js";
import { extractSlots } from "./extract-slots.js";
import { groundingContext, quoteKeys, writtenNumbers } from "./grounding.js";
import type { GroundingContext } from "./grounding.js";
import { plainText } from "./plain-text.js";
import { prepareQuestion } from "./prepared-question.js";
import type { PreparedQuestion } from "./prepared-question.js";
import { prepareAsk } from "./question-ask.js";
import type { PreparedAsk } from "./question-ask.js";
import { insertedKeys, lostPairKeys, REPHRASE_KEYS, tagKeys } from "./question-keys.js";
import { PREMISE_PLACEHOLDERS } from "./stopwords.js";
import { isContent, specificKeys, stem, tokenize } from "./tokens.js";

/** A missing fact prepared for matching. */
export interface PlannedFact {
  /** Plain text, as reported. */
  text: string;
  /** The text embedded (the first words of `text`: cost grows with length, meaning mostly does not). */
  embedText: string;
  /** Specific content keys (stemmed). */
  keys: string[];
  /** Keys the question does not contain: what is really missing (all keys when none or no question). */
  core: string[];
  /**
   * The keys a premise correction ("X was never traded to Y") must name: all keys minus annotation
   * placeholders ("someone", "something"). A false premise is stated by the question, so
   * its lost `core` is noise ("got" of "got traded"); a `false`-kind slot is matched to these.
   */
  premise: string[];
}

/** An annotation read once: every clarification scored against it shares this. */
export interface PreparedAnnotation {
  question: PreparedQuestion;
  /** The facts' plain texts. */
  factList: string[];
  facts: PlannedFact[];
  /** Core keys of the facts whose core is narrower than their keys (what an edit really lost). */
  coreKeys: ReadonlySet<string>;
  /** What an edit put in ("(now 𝒅)"). */
  inserted: ReadonlySet<string>;
  grounding: GroundingContext;
  /** The question's intact clauses and key specificity, for the contrastive alignment. */
  clauses: ClauseContext;
  /** Stemmed content keys of the question and the facts: the words a clarification of this question may use. */
  knownKeys: ReadonlySet<string>;
  /** {@link quoteKeys} of the question and of each fact: what a quotation must be a run of. */
  quoteSources: readonly (readonly string[])[];
  /** `knownKeys`, plus what a currency sign in the question names ("money", "dollar"): the things a slot may be about. */
  subjectKeys: ReadonlySet<string>;
  /** What the question asks, read once for every clarification of it. */
  ask: PreparedAsk;
  /** The things the question counts ({@link countedKeys}: "12 apples", "some pears", "the number of pens"). */
  questionCounted: ReadonlySet<string>;
  /** `questionCounted` and the things a fact counts. */
  counted: ReadonlySet<string>;
  /**
   * A fact writes a number the question does not ("… 5 apples (now some)", "(originally 19)"): an
   * edit took a count out. False for facts that restate the question's premises ("Star Screen Awards
   * was held in 2022" of "When is Star Screen Awards 2022?").
   */
  countLost: boolean;
}

/** What a currency sign in the question names. */
const CURRENCY_WORDS = ["money", "dollar", "cent", "cash", "euro", "pound", "yen"];

const MAX_FACT_CHARS = 400;
const MAX_FACTS = 12;
/** Words kept of each embedded text. */
export const MAX_EMBED_WORDS = 24;

/**
 * The first {@link MAX_EMBED_WORDS} words of a text.
 * @param text - Plain text.
 * @returns At most that many space-separated words.
 * @example
 * firstWords("a b c"); // "a b c"
 */
export function firstWords(text: string): string {
  const words = text.split(" ");
  return words.length <= MAX_EMBED_WORDS ? text : words.slice(0, MAX_EMBED_WORDS).join(" ");
}

/** The facts to match: annotated facts, else the slots (or sentences) of the reference clarification. */
function factTexts(annotation: ClarificationAnnotation): string[] {
  const facts = (annotation.missingFacts ?? []).filter((fact) => typeof fact === "string" && fact.trim() !== "");
  const reference = annotation.referenceClarification?.trim() ?? "";
  if (reference !== "") {
    const slots = extractSlots(reference)
      .filter((slot) => !slot.generic)
      .map((slot) => slot.text);
    facts.push(...(slots.length > 0 ? slots : splitSentences(reference).map((sentence) => sentence.text)));
  }
  return [...new Set(facts.map((fact) => plainText(fact.slice(0, MAX_FACT_CHARS))).filter((fact) => fact !== ""))].slice(0, MAX_FACTS);
}

/**
 * Reads an annotation once (its question and missing facts) for every clarification scored
 * against it; {@link planClarification} takes the result so a batch with several rollouts of one
 * prompt reads each question once. Pure.
 * @param annotation - Missing facts and/or reference clarification, and the question.
 * @returns The prepared annotation.
 * @example
 * prepareAnnotation({ missingFacts: ["the speed of the car"], question: "How long does the trip take?" }).facts[0]?.core; // ["speed", "car"]
 */
export function prepareAnnotation(annotation: ClarificationAnnotation): PreparedAnnotation {
  const question = prepareQuestion(typeof annotation.question === "string" ? annotation.question : "");
  const factList = factTexts(annotation);
  const facts: PlannedFact[] = factList.map((fact) => {
    const keys = specificKeys(fact);
    // Context tags ("(matrix entry)") and rewording verbs ("Enter" → "Determine") help the embedding but were not lost.
    const tags = tagKeys(fact);
    let core = keys.filter((key) => !question.keys.has(key) && !tags.has(key) && !REPHRASE_KEYS.has(key));
    // Every word still occurs in the question ("a^2 - b^2" → "a^2 - "): the lost pairs say what went missing.
    if (core.length === 0 && question.bigrams.size > 0) core = lostPairKeys(fact, question.bigrams).filter((key) => keys.includes(key));
    const premise = keys.filter((key) => !PREMISE_PLACEHOLDERS.has(key));
    return {
      text: fact,
      embedText: firstWords(fact),
      keys,
      core: core.length > 0 ? core : keys,
      premise: premise.length > 0 ? premise : keys,
    };
  });
  const coreKeys = new Set(facts.flatMap((fact) => (fact.core === fact.keys ? [] : fact.core)));
  const questionNumbers = writtenNumbers(question.text);
  const questionCounted = countedKeys(question.tokens);
  const knownKeys = new Set([
    ...question.keys,
    ...factList.flatMap((fact) =>
      tokenize(fact)
        .filter(isContent)
        .map((token) => stem(token.key)),
    ),
  ]);
  return {
    question,
    factList,
    facts,
    coreKeys,
    inserted: new Set(facts.flatMap((fact) => insertedKeys(fact.text))),
    grounding: groundingContext(question, factList),
    clauses: clauseContext(question, factList, coreKeys),
    knownKeys,
    quoteSources: [question.text, ...factList].map(quoteKeys),
    // "$" says money: "how much money he paid" is the question's.
    subjectKeys: /[$€£¥]/.test(question.text) ? new Set([...knownKeys, ...CURRENCY_WORDS]) : knownKeys,
    ask: prepareAsk(question),
    questionCounted,
    counted: new Set([...questionCounted, ...factList.flatMap((fact) => [...countedKeys(tokenize(fact))])]),
    countLost: factList.some((fact) => [...writtenNumbers(fact)].some((value) => !questionNumbers.has(value))),
  };
}

/**
 * A key that identifies an annotation's content, for sharing one {@link prepareAnnotation} across
 * the requests of a batch.
 * @param annotation - The annotation.
 * @returns A string equal for equal question, facts and reference.
 * @example
 * annotationKey({ missingFacts: ["x"], question: "q" }) === annotationKey({ question: "q", missingFacts: ["x"] }); // true
 */
export function annotationKey(annotation: ClarificationAnnotation): string {
  return JSON.stringify([annotation.question ?? "", annotation.missingFacts ?? [], annotation.referenceClarification ?? ""]);
}
