import { splitSentences } from "../abstention/sentences.js";
import type { ClarificationAnnotation } from "../types.js";
import { extractSlots, MAX_CLARIFICATION_CHARS } from "./extract-slots.js";
import type { Slot } from "./extract-slots.js";
import { bagOfWordsCosine, entityGrounding, slotHead, slotNearStatedNumber, stripQuestionCopies } from "./grounding.js";
import type { SlotHead } from "./grounding.js";
import { plainText } from "./plain-text.js";
import { allKeys, bigrams, insertedKeys, lostPairKeys, REPHRASE_KEYS, statementKeys, tagKeys } from "./question-keys.js";
import { statesQuantity } from "./stated-quantity.js";
import { GENERIC_SLOT_WORDS, PREMISE_PLACEHOLDERS } from "./stopwords.js";
import { specificKeys } from "./tokens.js";

/** Model signals for clarifications, from one batched pass; every field optional. */
export interface ClarificationSignals {
  /** Unit-length embeddings keyed by the exact text embedded (see {@link planClarification}). */
  embeddings?: ReadonlyMap<string, Float32Array>;
  /** Entailment probability keyed by {@link nliKey}(premise, hypothesis). */
  entailment?: ReadonlyMap<string, number>;
}

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

/** A declared slot prepared for matching. */
export interface PlannedSlot extends Slot {
  /** Plain text, as embedded. */
  plain: string;
  keys: string[];
  /** The slot claims missing what the question states (rule: its content is present, unchanged, in the question). */
  falseClaim: boolean;
  /** The slot asks for a quantity ("how many marbles Ed had"), so it names a missing number by its context. */
  quantity: boolean;
  /** Head noun and modifiers, for the in-context alignment with each fact. */
  head: SlotHead;
  /** The slot's words sit on a number the question states ("the number of books" beside "9 books"). */
  nearStated: boolean;
}

/** Everything the scorer needs from the texts, and the texts a model pass must cover. */
export interface ClarificationPlan {
  /** The clarification as read: copies of the question blanked, whitespace collapsed (the NLI premise). */
  text: string;
  slots: PlannedSlot[];
  facts: PlannedFact[];
  /** Clarification sentences (plain), for the topic signal. */
  sentences: string[];
  /** Every text to embed for this request (deduplicated). */
  texts: string[];
  /** NLI pairs `[premise, hypothesis]` for this request. */
  pairs: [string, string][];
  /** Content keys (stemmed) of the whole clarification: where a missing value may be named outside any slot. */
  clarificationKeys: string[];
  /** Share of the usable slots' keys that the question states and no fact lost (naming a stated condition). */
  statedShare: number;
  /** Share of the `missing` slots that sit on a number the question states. */
  nearStatedShare: number;
  /** Share of the clarification's content tokens that copy runs of the question (blanked before anything else is read). */
  copiedShare: number;
  /** Numbers the clarification names that the question, the facts and one step of arithmetic do not give. */
  foreignNumbers: string[];
  /** Names the clarification uses that the question never mentions. */
  foreignNames: string[];
  /** Bag-of-words cosine of the clarification as read (copies blanked) with the question. */
  questionOverlap: number;
}

/** Slots that ask for a property of something the question mentions are not restatements. */
const PROPERTY_OPENER = /^(?:which|what|how|whether|who|whom|when|where|why|the (?:exact|precise|actual|specific|total|original|initial|current|value|number|amount|price|cost|size|identity|name|length|rate|speed|age)|its |their |his |her )/i;
/** Slots that ask for a quantity of something. */
const QUANTITY_OPENER = /^(?:how (?:many|much|long|far|fast|old|often|big|large|tall|heavy|wide)|(?:the |its |their |his |her |)(?:exact |precise |specific |original |initial |starting |total |)(?:number|amount|value|price|cost|size|age|length|width|height|rate|speed|count|quantity|total|weight|distance|time|duration) of)\b/i;
const MAX_FACT_CHARS = 400;
/** Words kept of each embedded text. */
export const MAX_EMBED_WORDS = 24;

/** The first {@link MAX_EMBED_WORDS} words of a text. */
function firstWords(text: string): string {
  const words = text.split(" ");
  return words.length <= MAX_EMBED_WORDS ? text : words.slice(0, MAX_EMBED_WORDS).join(" ");
}
const MAX_FACTS = 12;

/**
 * The key of one NLI pair in {@link ClarificationSignals.entailment}.
 * @param premise - Premise text.
 * @param hypothesis - Hypothesis text.
 * @returns A map key.
 * @example
 * nliKey("a", "b"); // "a\u0000b"
 */
export function nliKey(premise: string, hypothesis: string): string {
  return `${premise}\u0000${hypothesis}`;
}

/**
 * The NLI hypothesis for one fact: the clarification should entail that it is not given.
 * @param fact - A fact's plain text.
 * @returns The hypothesis sentence.
 * @example
 * factHypothesis("the speed of the car"); // "The question does not give the speed of the car."
 */
export function factHypothesis(fact: string): string {
  return `The question does not give ${fact.replace(/[.?!]+$/, "")}.`;
}

/** The facts to match: annotated facts, else the slots (or sentences) of the reference clarification. */
function factTexts(annotation: ClarificationAnnotation): string[] {
  const facts = (annotation.missingFacts ?? []).filter((fact) => typeof fact === "string" && fact.trim() !== "");
  const reference = annotation.referenceClarification?.trim() ?? "";
  if (reference !== "") {
    const slots = extractSlots(reference).filter((slot) => !slot.generic).map((slot) => slot.text);
    facts.push(...(slots.length > 0 ? slots : splitSentences(reference).map((sentence) => sentence.text)));
  }
  return [...new Set(facts.map((fact) => plainText(fact.slice(0, MAX_FACT_CHARS))).filter((fact) => fact !== ""))].slice(0, MAX_FACTS);
}

/**
 * Prepares one clarification for scoring: its declared slots (with false-claim flags), the facts
 * with their core keys, and the texts and NLI pairs one batched model pass must cover. Pure.
 * @param clarification - The clarification text.
 * @param annotation - Missing facts and/or reference clarification, and the question.
 * @returns The plan.
 * @example
 * planClarification("The problem does not give the speed.", { missingFacts: ["the speed of the car"] }).slots[0]?.plain; // "the speed"
 */
export function planClarification(clarification: string, annotation: ClarificationAnnotation): ClarificationPlan {
  const question = annotation.question ?? "";
  // Runs copied from the question say nothing of the clarification's own: read what is left.
  const stripped = stripQuestionCopies(clarification.slice(0, MAX_CLARIFICATION_CHARS), question);
  const text = stripped.text.replace(/[ \t]{2,}/g, " ").trim();
  const questionKeys = question === "" ? new Set<string>() : allKeys(question);
  const stated = question === "" ? new Set<string>() : statementKeys(question);
  const questionBigrams = question === "" ? new Set<string>() : bigrams(question);
  const factList = factTexts(annotation);
  const facts: PlannedFact[] = factList.map((fact) => {
    const keys = specificKeys(fact);
    // Context tags ("(matrix entry)") and rewording verbs ("Enter" → "Determine") help the embedding but were not lost.
    const tags = tagKeys(fact);
    let core = keys.filter((key) => !questionKeys.has(key) && !tags.has(key) && !REPHRASE_KEYS.has(key));
    // Every word still occurs in the question ("a^2 - b^2" → "a^2 - "): the lost pairs say what went missing.
    if (core.length === 0 && questionBigrams.size > 0) core = lostPairKeys(fact, questionBigrams).filter((key) => keys.includes(key));
    const premise = keys.filter((key) => !PREMISE_PLACEHOLDERS.has(key));
    return { text: fact, embedText: firstWords(fact), keys, core: core.length > 0 ? core : keys, premise: premise.length > 0 ? premise : keys };
  });
  const coreKeys = new Set(facts.flatMap((fact) => (fact.core === fact.keys ? [] : fact.core)));
  // What an edit put in ("(now 𝒅)"): a slot naming it ("vector 𝒅 is not defined") names the edit, not a stated
  // condition; a proposition quoting it ("does not specify that … 𝒅 …") still is one.
  const inserted = new Set(facts.flatMap((fact) => insertedKeys(fact.text)));
  // A sentence that quotes the question ("I cannot answer: <question>") claims nothing of its own.
  const quoted = (sentence: string): boolean => {
    // "I cannot answer this question: <question>": the framing words name nothing.
    const keys = [...allKeys(sentence)].filter((key) => !GENERIC_SLOT_WORDS.has(key));
    return questionKeys.size > 0 && keys.length >= 5 && keys.filter((key) => questionKeys.has(key)).length / keys.length >= 0.9;
  };
  const slots: PlannedSlot[] = extractSlots(text).filter((slot) => !quoted(slot.sentence.text)).map((slot) => {
    const plain = firstWords(plainText(slot.text));
    const keys = specificKeys(plain);
    const quantity = slot.kind === "missing" && QUANTITY_OPENER.test(slot.text.trim());
    // "how many marbles Ed lost" when the question says "He lost 21 of his marbles": a stated quantity;
    // "how many apples Sara bought" when it says "Sara bought some apples": blurred, so not stated.
    const statedQuantity = quantity && question !== "" && statesQuantity(question, keys);
    // A proposition ("that <P>") is a false claim when the question says or presupposes P, asked or not.
    const reference = slot.proposition ? questionKeys : stated;
    const inQuestion = keys.filter((key) => reference.has(key)).length;
    const falseClaim = statedQuantity || (
      slot.kind === "missing" &&
      !slot.generic &&
      reference.size > 0 &&
      keys.length >= 2 &&
      inQuestion / keys.length >= 0.8 &&
      !keys.some((key) => coreKeys.has(key) || (!slot.proposition && inserted.has(key))) &&
      (slot.proposition || !PROPERTY_OPENER.test(slot.text.trim())));
    const nearStated = slot.kind === "missing" && question !== "" && slotNearStatedNumber(keys, question, factList);
    return { ...slot, plain, keys, falseClaim, quantity, head: slotHead(slot.text), nearStated };
  });
  const sentences = splitSentences(text).map((sentence) => firstWords(plainText(sentence.text))).filter((sentence) => sentence !== "");
  const usable = slots.filter((slot) => !slot.falseClaim);
  const texts = usable.length === 0 ? [] : [...new Set([...usable.map((slot) => slot.plain), ...facts.map((fact) => fact.embedText), ...sentences])];
  const pairs: [string, string][] = usable.length === 0 ? [] : facts.map((fact) => [text, factHypothesis(fact.text)]);
  const lost = new Set(facts.flatMap((fact) => fact.core));
  // A quantity slot ("how many marbles Ed had") names a lost number by stated context words: not a stated condition.
  // A premise correction ("X was never traded to Y") must name what the question states.
  const slotKeys = new Set(usable.filter((slot) => !slot.quantity && slot.kind === "missing").flatMap((slot) => slot.keys));
  const statedCount = [...slotKeys].filter((key) => questionKeys.has(key) && !lost.has(key)).length;
  const statedShare = slotKeys.size === 0 ? 0 : statedCount / slotKeys.size;
  const missing = slots.filter((slot) => slot.kind === "missing");
  const nearStatedShare = missing.length === 0 ? 0 : missing.filter((slot) => slot.nearStated).length / missing.length;
  const entities = question === "" ? { foreignNumbers: [], foreignNames: [] } : entityGrounding(text, question, factList);
  return {
    text, slots, facts, sentences, texts, pairs, clarificationKeys: [...allKeys(text)], statedShare, nearStatedShare,
    copiedShare: stripped.copiedShare, foreignNumbers: entities.foreignNumbers, foreignNames: entities.foreignNames,
    questionOverlap: question === "" ? 0 : bagOfWordsCosine(text, question),
  };
}
