import { splitSentences } from "../text/sentences.js";
import type { ClarificationAnnotation } from "../types.js";
import { statedClauseAlignment } from "./clause-alignment.js";
import type { ClauseContext } from "./clause-alignment.js";
import { coveredBothWays } from "./both-ways.js";
import { extractSlots, MAX_CLARIFICATION_CHARS } from "./extract-slots.js";
import type { Slot } from "./extract-slots.js";
import {
  countsCosine,
  entityGrounding,
  exampleSpans,
  foreignGoalShare,
  foreignQuoteShare,
  slotForeignShare,
  foreignWordShare,
  countedThing,
  headForeign,
  rateThing,
  slotHead,
  slotNearStatedNumber,
  stripQuestionCopies,
} from "./grounding.js";
import type { SlotHead } from "./grounding.js";
import { plainText } from "./plain-text.js";
import { firstWords, prepareAnnotation } from "./prepare-annotation.js";
import type { PlannedFact, PreparedAnnotation } from "./prepare-annotation.js";
import { compactMath, contentCounts } from "./prepared-question.js";
import { allKeys } from "./question-keys.js";
import { MONEY_KEYS, statesBareCount, statesQuantity } from "./stated-quantity.js";
import { askSignature, inAskWords, QUANTITY_DETERMINER, QUANTITY_OPENER } from "./question-ask.js";
import { MAX_SLOT_CHARS, VAGUE_HEAD } from "./slot-patterns.js";
import { countedKeys } from "./counted-things.js";
import { GENERAL_WORDS, GENERIC_SLOT_WORDS, PREMISE_PLACEHOLDERS, REFUSAL_WORDS, STOPWORDS, WEAK_OBJECT_WORDS } from "./stopwords.js";
import { isContent, specificKeys, stem, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

export type { PlannedFact, PreparedAnnotation };
export { MAX_EMBED_WORDS, prepareAnnotation } from "./prepare-annotation.js";

/** Model signals for clarifications, from one batched pass; every field optional. */
export interface ClarificationSignals {
  /** Unit-length embeddings keyed by the exact text embedded (see {@link planClarification}). */
  embeddings?: ReadonlyMap<string, Float32Array>;
  /** Entailment probability keyed by {@link nliKey}(premise, hypothesis). */
  entailment?: ReadonlyMap<string, number>;
}

/** A declared slot prepared for matching. */
export interface PlannedSlot extends Slot {
  /** Plain text, as embedded. */
  plain: string;
  keys: string[];
  /**
   * The slot claims missing what the question states (rule: its content is present, unchanged, in
   * the question), or names the very unknown the question asks for ({@link restatesAsk}): either way
   * it names no missing premise, so it is never scored.
   */
  falseClaim: boolean;
  /**
   * Every word of the slot is a word of the asked sentence and none is one the edit lost or put in:
   * "how many cookies he had in the beginning" of "… How many cookies did he have in the beginning?"
   * is what the question asks, which a solver must compute, not what the question lacks.
   */
  restatesAsk: boolean;
  /** The slot asks for a quantity ("how many marbles Ed had"), so it names a missing number by its context. */
  quantity: boolean;
  /** What a quantity slot counts, read past its opener ({@link countedThing}: "sweater" of "how many sweaters were sold"); "" for none or another slot. */
  counted: string;
  /** The unit of a quantity slot that asks for a rate ({@link perUnit}: "bottle" of "how many cups are in one bottle"). */
  unit: string | undefined;
  /** Head noun and modifiers, for the in-context alignment with each fact. */
  head: SlotHead;
  /** The slot's words sit on a number the question states ("the number of books" beside "9 books"). */
  nearStated: boolean;
  /** Best weighted alignment of a `missing` slot with an intact clause of the question (0 for other kinds). */
  statedClause: number;
  /** A `missing` slot that declares the question itself missing ("what quantity needs to be calculated"). */
  asksQuestion: boolean;
  /**
   * A count slot whose count the question states plainly: a quantity slot that names a thing alone
   * ("how many alligators there are", "the number of dimes": no modifier, part, comparison or unit;
   * {@link statesBareCount}), or a slot whose trigger read past a count head ("does not specify the
   * number of | emails morning", {@link Slot.countHead}) whose words the question counts ({@link statesQuantity}).
   */
  countStated: boolean;
  /**
   * A `missing` slot that names only a thing the question states ("the emails" of "no information
   * about the emails" when the question says "received more than 6 emails"), or, when it states
   * nothing ("Why can boats fly?"), asks about, alone or in a frame of general words ("what happened
   * with the emails"): it names the thing, not what about it is missing ({@link namesBareThing};
   * proposition and generic slots are never bare, nor is a quantity slot, except a count of one such
   * thing, "how many guns there are", where neither the question nor its facts write a number, or
   * where no fact writes one the question lacks and none of them counts the thing, "the number of
   * Romeo for the Juliet" of "When did Romeo and Juliet divorce in act 6?", so no count was lost).
   * So is "what the Titanic is" (or means, or refers to; or "which Titanic is meant") when no fact
   * makes the thing's identity the gap (`IDENTITY_GAP`) and none is a lost question: the question
   * names its thing, and asking which one it is names nothing missing. So are the question's math
   * objects in a relational frame ({@link relatesBareObjects}) and a count after a word the
   * question never counts ({@link countsUncountedThings}).
   */
  bare: boolean;
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
  /** Symbols the clarification uses that a question written with symbols never uses (see entityGrounding). */
  foreignSymbols: string[];
  /** Numbers in what the clarification says the question states that the question never writes (see entityGrounding). */
  misreportedNumbers: string[];
  /** Numbers of bounds it cites ("less than 6") that the question and the facts never write (`foreignBounds` of grounding.ts). */
  foreignBounds: string[];
  /**
   * Foreign numbers (see `foreignNumbers`) written inside a slot declared missing ("how many of the
   * 7 customers left a tip" when the question has 5 and 3): what it says is missing is another
   * problem's quantity.
   */
  slotNumbers: string[];
  /** Bag-of-words cosine of the clarification as read (copies blanked) with the question. */
  questionOverlap: number;
  /** The question's clauses, shared with the annotation (for the contrastive alignment per fact). */
  clauses: ClauseContext;
  /** Share of the clarification's specific words that neither the question nor the facts use. */
  foreignWords: number;
  /** Share of its quoted phrases that quote words the question and the facts do not have. */
  foreignQuotes: number;
  /**
   * The least share, over the usable `missing` slots, of a slot's own specific words that neither the question
   * nor its facts use: what a slot declares missing is about this question's things ("how many
   * sweaters were sold" for a question about shirts and jerseys is not).
   */
  slotForeign: number;
  /**
   * 1 when every usable quantity slot ("how many sweaters …", read past its opener) and property
   * slot ("the color of the train") with a head noun names a thing the question and its facts
   * never mention (see {@link headForeign}).
   */
  headForeign: number;
  /** The question asks nothing and instructs nothing: a slot that declares the question missing names the gap. */
  questionGap: boolean;
  /** Share of the words of its stated purpose ("To calculate …") that the question never uses. */
  foreignGoal: number;
  /**
   * Opposite changes its missing slots' sentences declare both ways ("how many cards were added or
   * removed", "before or after") when the question tells of at most one ({@link coveredBothWays}):
   * a guess that fits any gap of the count, not a reading of this one.
   */
  bothWays: string[];
  /** It has slots, but none names anything, nor does its sentence ("does not give enough information"): it scores 0. */
  declaresNothing: boolean;
  /**
   * Every usable `missing` slot is a bare thing the question states ({@link PlannedSlot.bare}): "I need
   * more details regarding the apples and the pears" lists the question's things without saying what
   * about them is missing, which any question allows. It scores 0.
   */
  namesOnlyThings: boolean;
  /**
   * No phrase is declared missing in words the triggers read ("it only gives ranges: … so we don't
   * know the exact starting number"): its sentences that name something of the question or its facts
   * stand in as slots ({@link sentenceSlots}), so the score still ranks it by what it talks about. Such a
   * clarification keeps at most a quarter of its model score and is never verified.
   */
  sentenceSlots: boolean;
}

/**
 * Slots that ask for a property of something the question mentions are not restatements: a
 * question word, a measure ("the starting number …"), or a possessive ("its", "Amber's exact hours").
 */
const PROPERTY_OPENER =
  /^(?:(?:exactly|precisely|specifically|actually|either|both) )?(?:which|what|how|whether|who|whom|when|where|why|the (?:exact|precise|actual|specific|total|original|initial|starting|current|value|number|amount|price|cost|size|identity|name|length|rate|speed|age)|its |their |his |her |[a-z]{1,30}['’]s )/i;
/**
 * The foreign numbers that a declared-missing slot writes ("how many of the 7 customers left a tip"):
 * a slot quotes the question's numbers, so one the question never gives (nor one step of arithmetic
 * on them) names another problem's quantity.
 * @param slots - The usable declared-missing slots.
 * @param foreign - The clarification's foreign numbers (`entityGrounding`).
 * @param known - The question's numbers (one more or one less than one of them counts the rest).
 * @returns The foreign numbers the slots write, in order, without repeats.
 * @example
 * const text = "how many of the 7 customers left a tip";
 * slotNumbers([{ text, sentence: { text, start: 0, end: text.length } }], ["7"], [5, 3]); // ["7"]
 */
export function slotNumbers(
  slots: readonly Pick<Slot, "text" | "sentence">[],
  foreign: readonly string[],
  known: readonly number[],
): string[] {
  if (foreign.length === 0) return [];
  const wanted = new Set(foreign);
  // "the other 51 trees" of 52: all but one is how prose counts the rest, not another problem's number.
  const allButOne = (value: number): boolean => known.some((x) => Math.abs(x - value) === 1);
  const out: string[] = [];
  for (const slot of slots) {
    // A slot is a phrase; a clause standing in for one ("this, we cannot determine if the remaining
    // 65 inches …") carries the clarification's own working.
    if (slot.text.trim().split(/\s+/).length > MAX_NUMBERED_SLOT_WORDS) continue;
    // Numbers offered as alternatives or a range ("whether the month has 28, 30, 31") are its own
    // options; the sentence is read, as an alternative may stand alone in its slot ("the month has 28").
    const options = new Set([...slot.sentence.text.matchAll(NUMBER_LIST)].flatMap((match) => [match[1], match[2]]));
    for (const token of tokenize(slot.text))
      if (
        token.type === "number" &&
        wanted.has(token.key) &&
        !options.has(token.key) &&
        !allButOne(Number(token.key)) &&
        !out.includes(token.key)
      )
        out.push(token.key);
  }
  return out;
}

/** The longest slot whose numbers {@link slotNumbers} reads, in words. */
const MAX_NUMBERED_SLOT_WORDS = 12;
/** Two numbers joined as alternatives or a range: "28, 30", "5 or 6", "4 to 8", "4-8". */
const NUMBER_LIST = /(\d{1,12}(?:\.\d{1,12})?)(?=\s{0,2}(?:,|or|to|and|-|–)\s{0,2}\$?(\d{1,12}(?:\.\d{1,12})?))/g;

/**
 * Slots that declare the question itself missing: "what quantity needs to be calculated", "what you
 * want me to find", "a specific question", "what percentage we're being asked", "what the question is
 * asking". Anchored at the slot's start; bounded alternations.
 */
const QUESTION_SLOT =
  /^(?:(?:exactly|specifically|clearly|either) )?(?:what (?:(?:quantity|value|number|amount|result) )?(?:exactly |specifically )?(?:you want|they want|to (?:calculate|compute|find|determine|solve))|what (?:(?:specific |exact )?[a-z]+ )?(?:exactly |specifically )?(?:(?:needs? to be|should be|is to be|is being) (?:asked|calculated|computed|found|determined|solved|answered|requested|sought|figured)\b|(?:we|you|they)(?:'re|’re| are) (?:being )?ask(?:ed|ing)\b|I(?:'m|’m| am) (?:being )?asked\b)|(?:a|an|any|the) (?:specific |actual |explicit |complete |clear )?question\b|what (?:is|was) (?:being )?asked|what (?:the (?:question|problem)|it) (?:is )?ask(?:s|ing)\b)/i;

/**
 * The text a slot is read in for {@link QUESTION_SLOT}: its phrase, or for a generic slot (its sentence
 * stands in) the sentence from the phrase the trigger governed on. "The question doesn't provide any
 * numbers" declares numbers missing, not the question; "The question does not say what to calculate"
 * declares the asked quantity missing.
 */
function questionSlotText(slot: Slot): string {
  const governed = slot.governed?.trim() ?? "";
  if (governed === "") return slot.text.trim();
  const at = slot.sentence.text.indexOf(governed);
  return at === -1 ? governed : slot.sentence.text.slice(at);
}

/** Slots that ask for a property of something by name: "the color of the train", "its shape". */
const PROPERTY_OF = /^(?:the|its|their|his|her) [a-z]+ of\b/i;

/** A rate names a relation of two things ("cans per bag"), which naming both things does not state. */
const PER_UNIT = /\bper\s+\p{L}/iu;
/** A quantity opener that counts things ("how many", "the number of"). */
const HOW_MANY = new RegExp(
  `^(?:(?:exactly|precisely|specifically|actually|either|both) )?(?:how many|${QUANTITY_DETERMINER}number of)\\b`,
  "iu",
);
/** A quantity opener that counts or measures out a thing ("how many", "the number of", "how much"), not a property of it ("the value of x"). */
const COUNT_OPENER = new RegExp(
  `^(?:(?:exactly|precisely|specifically|actually) )?(?:how (?:many|much)|${QUANTITY_DETERMINER}(?:number|amount|count|quantity) of)\\b`,
  "iu",
);
/**
 * Words after a quantity opener that make a count more than the thing alone: a part ("how many *of*
 * those were jerseys"), a comparison ("how many *more*"), another one ("how many *other* pets"), or each
 * one ("how many *each* had"). They are stopwords, so a slot's keys do not show them.
 */
const NOT_BARE_COUNT = /\b(?:of|more|fewer|less|least|most|other|others|another|else|each|every|per|same|extra)\b/i;
/**
 * A rate: "how many cups are in one *bottle*", "how much he earns per *hour*", "how many downloads
 * in each of the three *months*" (the unit is group 1; "each of them" names none).
 */
const RATE_SLOT =
  /^(?:(?:exactly|precisely|specifically) )?how (?:many|much)\b[^.;]{0,80}?\b(?:(?:in|on|for|from) (?:one|each|a|an|every)|per)\s+(?:of (?:the|their|his|her|its|these|those) (?:[A-Za-z0-9]+ )?)?(?!of\b)([A-Za-z]+)/i;

/**
 * The unit of a rate slot, stemmed ("how many slices are in one *loaf* of bread" → "loaf"), or
 * `undefined` when the slot asks for no rate.
 * @param slot - The slot text.
 * @returns The unit's key.
 * @example
 * perUnit("how many cups are in one bottle"); // "bottle"
 */
export function perUnit(slot: string): string | undefined {
  const unit = RATE_SLOT.exec(slot.trim())?.[1];
  return unit === undefined ? undefined : stem(unit.toLowerCase());
}

/**
 * The sentences of a clarification that declares nothing in words the triggers read, as `missing`
 * slots: each sentence that names a specific word of the question or its facts and says something
 * of its own, two specific words or more that the question does not use, words of refusal and
 * negation not counted. A generic refusal ("I don't know the answer") names nothing; "I cannot
 * answer this question: <what is left of a copy>" adds nothing to the question.
 * @param text - The clarification as read (copies blanked).
 * @param known - Keys of the question and its facts.
 * @param questionKeys - Keys of the question.
 * @returns One slot per such sentence, cut to the longest slot read.
 * @example
 * sentenceSlots("It only gives ranges for the customers.", new Set(["customer"]), new Set(["customer"]))[0]?.trigger; // "sentence"
 */
export function sentenceSlots(text: string, known: ReadonlySet<string>, questionKeys: ReadonlySet<string>): Slot[] {
  return splitSentences(text.slice(0, MAX_CLARIFICATION_CHARS))
    .map((sentence) => ({ sentence, phrase: sentence.text.slice(0, MAX_SLOT_CHARS).trim() }))
    .filter(({ phrase }) => {
      const keys = specificKeys(phrase).filter((key) => !REFUSAL_WORDS.has(key) && !PREMISE_PLACEHOLDERS.has(key));
      return keys.some((key) => known.has(key)) && keys.filter((key) => !questionKeys.has(key)).length >= 2;
    })
    .map(({ sentence, phrase }) => ({
      text: phrase,
      kind: "missing" as const,
      trigger: "sentence",
      sentence,
      generic: false,
      proposition: false,
    }));
}

/**
 * A slot read past a head that only says something is missing ({@link VAGUE_HEAD}): "more details
 * regarding the apples" is a slot about "the apples", judged like one (a stated thing is a false
 * claim), not a new word ("regarding") that no question uses. A generic slot, or a head with
 * nothing after it, is kept as it is.
 * @param slot - An extracted slot.
 * @returns The slot, its text past the head.
 * @example
 * withoutVagueHead({ text: "more details regarding the apples", kind: "missing", trigger: "need", sentence: { start: 0, end: 0, text: "" }, generic: false, proposition: false }).text; // "the apples"
 */
export function withoutVagueHead(slot: Slot): Slot {
  if (slot.generic) return slot;
  const rest = slot.text.trim().replace(VAGUE_HEAD, "");
  return rest === "" || rest.length === slot.text.trim().length ? slot : { ...slot, text: rest, detailHead: true };
}

/**
 * A count written after what it counts ("the apple count for Adam", "the marble total"): an
 * optional determiner and insisting adjectives, one or two words, the count noun, and what follows.
 */
const COUNT_AFTER =
  /^(?:the |its |their |his |her |any |)(?:(?:exact|precise|specific|actual|definite|concrete) )*(\p{L}[\p{L}-]*(?: \p{L}[\p{L}-]*)?) (?:count|counts|number|numbers|total|totals|tally|quantity|quantities)(?=$|[\s,;.])(.*)$/iu;
/** Words before a count noun that are not what it counts ("the total number", "the starting count"). */
const NOT_COUNTED: ReadonlySet<string> = new Set([
  "exact",
  "precise",
  "specific",
  "actual",
  "definite",
  "concrete",
  "total",
  "overall",
  "final",
  "whole",
  "entire",
  "full",
  "complete",
  "same",
  "other",
  "initial",
  "starting",
  "original",
  "beginning",
  "remaining",
  "current",
  "new",
  "old",
  "first",
  "last",
  "previous",
  "next",
]);
/** What a count after a thing is for ("… count for the apples", "… total of the pears"): its object's word. */
const COUNT_OBJECT = /^\s+(?:for|of) (?:the |his |her |their |its |all |)(\p{L}[\p{L}-]*)(.*)$/iu;
/**
 * A slot whose count follows a thing, read as if the trigger had read past a count head: "the apple
 * count for the pears" is "the number of | apples for the pears" ({@link Slot.countHead}), a count
 * judged like any other (a stated count is a false claim), not two of the question's things beside
 * a word that says nothing; "the Adam count for the apples", where the question counts apples and
 * not Adams, is "the number of | apples for Adam". The counted word must be one the question counts
 * ("12 apples", "some pears"), so "the afternoon count" or "the initial number" stay as they are,
 * and so does a possessive ("Jackie's number"); a count after a word the question never counts,
 * nor its object, is marked {@link Slot.uncountedCount}.
 * @param slot - An extracted slot.
 * @param question - The prepared question.
 * @param counted - The things the question counts ({@link countedKeys}), when read once already.
 * @returns The slot, read past its count when it follows a counted thing.
 * @example
 * countFirst({ text: "the apple count for Adam", kind: "missing", trigger: "need", sentence: { start: 0, end: 0, text: "" }, generic: false, proposition: false }, prepareAnnotation({ question: "Adam has 10 apples.", missingFacts: [] }).question).text; // "apple for Adam"
 */
export function countFirst(
  slot: Slot,
  question: PreparedAnnotation["question"],
  counted: ReadonlySet<string> = countedKeys(question.tokens),
): Slot {
  // A slot the trigger read past a count head ("the number of | members total") is counted already.
  if (slot.kind !== "missing" || slot.generic || slot.countHead === true) return slot;
  const match = COUNT_AFTER.exec(slot.text.trim());
  if (match === null) return slot;
  const [, thing = "", rest = ""] = match;
  // "the initial number of apples" already counts first; "the number" is no thing's count.
  if (/^\s+of\b/i.test(rest)) return slot;
  const words = thing.toLowerCase().split(" ");
  if (words.some((word) => STOPWORDS.has(word) || GENERIC_SLOT_WORDS.has(word) || NOT_COUNTED.has(word))) return slot;
  const last = thing.split(" ").pop() ?? "";
  // A question that writes no number counts nothing: what the count follows is what it counts.
  if (question.numbers.length === 0 || counted.has(stem(last.toLowerCase()))) return { ...slot, text: `${thing}${rest}`, countHead: true };
  const object = COUNT_OBJECT.exec(rest);
  const other = object?.[1] ?? "";
  if (other !== "" && counted.has(stem(other.toLowerCase()))) {
    return { ...slot, text: `${other} for ${thing}${object?.[2] ?? ""}`, countHead: true };
  }
  // Neither word is one the question counts, though it counts things: the count counts nothing of it.
  return { ...slot, uncountedCount: true };
}

/**
 * Whether one key names a thing by a word: three letters or more, no digit, not a kind of math object
 * ({@link WEAK_OBJECT_WORDS}: "angle", "vector"), which many problems share.
 * @param key - A stemmed key.
 * @returns `true` for a word that names a thing.
 * @example
 * namesThing("email"); // true
 */
export function namesThing(key: string): boolean {
  return /^\p{L}{3,}$/u.test(key) && !WEAK_OBJECT_WORDS.has(key);
}

/** Whether a key names a thing the question talks of that the edit neither lost nor inserted (see {@link namesBareThing}). */
function talksOfThing(key: string, context: ThingContext): boolean {
  return namesThing(key) && talkedOfUnedited(key, context);
}

/** {@link talksOfThing}, math objects ({@link WEAK_OBJECT_WORDS}: "point", "matrix") included. */
function talksOfObject(key: string, context: ThingContext): boolean {
  return (namesThing(key) || WEAK_OBJECT_WORDS.has(key)) && talkedOfUnedited(key, context);
}

/** Whether the question talks of a key that the edit neither lost nor inserted. */
function talkedOfUnedited(key: string, context: ThingContext): boolean {
  return context.talkedOf.has(key) && !context.lost.has(key) && !context.inserted.has(key);
}

/** The count nouns of {@link COUNT_AFTER}, as keys. */
const COUNT_KEYS: ReadonlySet<string> = new Set(
  ["count", "counts", "total", "totals", "tally", "number", "numbers", "quantity", "quantities"].map(stem),
);

/**
 * Whether a count written after a word the question never counts ({@link Slot.uncountedCount}: "the
 * area count for the triangle", "the matrix total for the vectors") names one or two of the
 * question's things or objects and nothing else: the count counts nothing of the question, so the
 * slot only names its things.
 * @param keys - The slot's specific keys.
 * @param context - The question's things and the facts' keys.
 * @returns `true` when the slot names only the question's things beside the count.
 * @example
 * countsUncountedThings(["area", "count", "triangle"], { talkedOf: new Set(["area", "triangle"]), knownKeys: new Set(["area", "triangle"]), lost: new Set(), inserted: new Set() }); // true
 */
export function countsUncountedThings(keys: readonly string[], context: ThingContext): boolean {
  const named = keys.filter((key) => !COUNT_KEYS.has(key));
  return named.length >= 1 && named.length <= 2 && named.every((key) => talksOfObject(key, context));
}

/**
 * Words of a fact that make a thing's identity the gap: uniqueness, ambiguity, reference, meaning,
 * definition, existence ("there is a contextually unique X", "the term X is not defined", "X does
 * not exist"). A closed class, kept as data.
 */
const IDENTITY_GAP =
  /\b(?:unique|uniquely|ambiguous|ambiguity|unclear|vague|refers?|referred|referring|reference|means?|meant|meaning|defin\w*|which|identity|identif\w*|fictional|made-up|imaginary|unknown|exists?|existed|existence)\b/i;
/** A fact that is a question ("What percentage of the chips did Lyle have"): the question's lost ask, whose thing may be the gap. */
const LOST_QUESTION = /^\s*(?:how|what|which|who|whom|whose|when|where|why)\b|\?\s*$/i;
/**
 * An identity or meaning question about one thing: "what the Titanic is", "what canola means", "who
 * the star refers to", "which guns are meant", "which Titanic", "which Titanic it refers to".
 */
const IDENTITY_FRAME =
  /^(?:exactly |precisely )?(?:(?:what|who)\s+(?:the\s+|a\s+|an\s+)?["“']?[\p{L}\d'’-]+(?:\s+[\p{L}\d'’-]+)?["”']?\s+(?:is|are|was|were|means?|meant|refers?\s+to|stands?\s+for)|which\s+(?:of\s+the\s+|one\s+of\s+the\s+)?["“']?[\p{L}\d'’-]+(?:\s+[\p{L}\d'’-]+)?["”']?(?:\s+(?:is|are|was|were)\s+(?:meant|intended|referred\s+to)|\s+(?:it|this|that|the\s+question|the\s+problem|they)\s+(?:refers?\s+to|is\s+referring\s+to|means|is\s+about|is\s+asking\s+about))?)$/iu;
/** The verbs of {@link IDENTITY_FRAME}, as keys. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(
  ["mean", "means", "meant", "refer", "refers", "referred", "stand", "stands", "intended"].map(stem),
);

/**
 * Whether a slot asks only what or which one of the question's things is or means ("what the Titanic
 * is", "what canola means", "which guns are meant"), a thing it talks of that the edit neither lost
 * nor inserted.
 */
function asksIdentity(text: string, keys: readonly string[], context: ThingContext): boolean {
  if (!IDENTITY_FRAME.test(text.trim())) return false;
  const things = keys.filter((key) => talksOfThing(key, context));
  return things.length === 1 && keys.every((key) => things.includes(key) || IDENTITY_KEYS.has(key));
}

/** {@link GENERAL_WORDS} as slot keys read them. */
const GENERAL_KEYS: ReadonlySet<string> = new Set(GENERAL_WORDS.map(stem));
/** A wh-word that names a property by itself (a place, a time, a person, a reason, an identity), unlike "what" or "how". */
const ATTRIBUTE_WH = /^(?:(?:exactly|precisely|specifically) )?(?:which|who|whom|whose|when|where|why)\b/i;
/** Whether a text has a general word ({@link GENERAL_WORDS}: "part", "situation"), read as keys are. */
function hasGeneralWord(text: string): boolean {
  return tokenize(text).some((token) => token.type === "word" && GENERAL_KEYS.has(stem(token.key)));
}

/** A word that only says more is wanted ("the specific apples details needed about the pears"): beside two things, it names nothing of them. */
const DETAIL_WORD = /\b(?:details?|specifics|particulars|information|info|data|figures|facts)\b/i;

/** "how" before a bare noun phrase ("how the ban"): a manner question whose verb was cut off. */
const MANNER_FRAGMENT = /^how\s+(?:the|a|an|its|their|his|her)\s/i;
/** The most new words a slot may add to a thing and still be read as naming only the thing. */
const MAX_FRAME_WORDS = 2;

/** What {@link namesBareThing} reads a slot against, from the prepared annotation. */
export interface ThingContext {
  /** What the question talks of: what it states, or what it asks about when it states nothing. */
  talkedOf: ReadonlySet<string>;
  /** Every key of the question and its facts. */
  knownKeys: ReadonlySet<string>;
  /** The keys the edits lost ({@link PreparedAnnotation.coreKeys}). */
  lost: ReadonlySet<string>;
  /** The keys the edits inserted. */
  inserted: ReadonlySet<string>;
}

/**
 * Whether a `missing` slot names one thing the question talks of and nothing about it: the thing
 * alone ("the emails"), two things beside a general word ("the ban part or the gun part"), or one or
 * two in a frame of at most {@link MAX_FRAME_WORDS} general words ({@link GENERAL_WORDS}) that neither
 * the question nor its facts use: "what happened with the apps", "the emails situation", "the
 * relationship between the apps and the files", or beside a word that only asks for more ("the
 * specific apps details needed about the files", {@link DETAIL_WORD}); beside such a word, the
 * question's math objects ({@link WEAK_OBJECT_WORDS}: "more about the point and the plane") count as
 * things too, and so they do in a frame of general words ({@link relatesBareObjects}: "the point in
 * relation to the plane"). Such a slot fits any question about emails. Two things without a general word may be
 * a compound that names a property ("body symmetry") or an alternative asked about
 * ("multicellular or unicellular"). A
 * thing the edit lost or inserted is what is missing, so naming it is not bare; nor is a frame with any other word, which may name a property
 * in any domain ("the color of the train", "its habitat or environment"), a question whose wh-word
 * names a property ("where the pears came from", "when it happened") or a question about the thing
 * alone ("which tree").
 * @param text - The slot text.
 * @param keys - Its specific keys.
 * @param context - The question's things and the facts' keys.
 * @param detailHead - The slot was read past a head that only asks for more ({@link withoutVagueHead}):
 *   "further specifics on | the apples and the pears" names two things and nothing of them, like a detail word beside them.
 * @returns `true` when the slot names only a thing.
 * @example
 * namesBareThing("what happened with the apps", ["happen", "app"], { talkedOf: new Set(["app"]), knownKeys: new Set(["app"]), lost: new Set(), inserted: new Set() }); // true
 */
export function namesBareThing(text: string, keys: readonly string[], context: ThingContext, detailHead = false): boolean {
  const phrase = text.trim();
  // Things and math objects alike: beside general words or a word that only asks for more, an
  // object is named and nothing of it ("the point in relation to the plane").
  const objects = keys.filter((key) => talksOfObject(key, context));
  if (objects.length === 0 || objects.length > 2) return false;
  // "where the pears came from", "who sold the pears": the wh-word names the property asked for.
  if (objects.length < keys.length) return !ATTRIBUTE_WH.test(phrase) && relatesBareObjects(keys, context);
  // "the specific apples details needed about the pears", "further specifics on | the point and the
  // plane": a word that only asks for more, whatever opens it.
  if ((detailHead || DETAIL_WORD.test(phrase)) && !ATTRIBUTE_WH.test(phrase)) return true;
  // A math object alone ("the angle") may be the gap.
  if (!keys.every((key) => talksOfThing(key, context))) return false;
  // "which tree" asks which one; "how the ban", cut before its verb, asks nothing.
  const asksAboutIt = PROPERTY_OPENER.test(phrase) && !MANNER_FRAGMENT.test(phrase);
  // Two of the question's words alone may be a compound that names a property ("body symmetry") or an
  // alternative asked about ("multicellular or unicellular"); beside a general word they are two
  // things ("the ban part or the gun part").
  return !asksAboutIt && (keys.length === 1 || hasGeneralWord(phrase));
}

/**
 * Whether a `missing` slot relates math objects the question talks of and says nothing of them:
 * "the point in relation to the plane", "how the matrix relates to the vectors". A math object
 * alone ("the angle") may be the gap ({@link WEAK_OBJECT_WORDS} are not things to
 * {@link namesBareThing}), but one or two of them beside nothing but general words that neither
 * the question nor its facts use ("relation", "related", "situation") ask for no property of them.
 * @param keys - The slot's specific keys.
 * @param context - The question's things and the facts' keys.
 * @returns `true` when the slot only relates the question's objects.
 * @example
 * relatesBareObjects(["point", "relation", "plane"], { talkedOf: new Set(["point", "plane"]), knownKeys: new Set(["point", "plane"]), lost: new Set(), inserted: new Set() }); // true
 */
export function relatesBareObjects(keys: readonly string[], context: ThingContext): boolean {
  const objects = keys.filter((key) => talksOfObject(key, context));
  const frame = keys.filter((key) => !objects.includes(key));
  return (
    objects.length >= 1 &&
    objects.length <= 2 &&
    frame.length >= 1 &&
    frame.length <= MAX_FRAME_WORDS &&
    frame.every((key) => GENERAL_KEYS.has(key) && !context.knownKeys.has(key))
  );
}

/**
 * A vague denial: of a relation ("has anything (nothing) to do with", "is related (connected, linked,
 * relevant) to", "no link (connection, relation, association, correlation) between"), or of
 * "something about" a thing ("assumes something about the puppies that is not correct").
 */
const VAGUE_DENIAL =
  /\b(?:(?:anything|nothing)\s+to\s+do\s+with|(?:is|are|was|were|be|being)\s+(?:not\s+|in\s+no\s+way\s+)?(?:related|connected|linked|relevant|tied)\s+to|(?:no|any|a)\s+(?:link|connection|relation|relationship|association|correlation)\s+(?:between|with|to)|something\s+(?:about|regarding|concerning|with|in)|(?:some|an?|one)\s+(?:aspect|part|detail|element)s?\s+of)\b/i;
/** Words a vague denial is made of, besides the things it names, as keys. */
const VAGUE_DENIAL_KEYS: ReadonlySet<string> = new Set(
  [
    ...GENERAL_WORDS,
    ...`evidence proof anything nothing something relevant association associated correlation tied aspect detail details element
    correct incorrect true untrue false wrong right accurate inaccurate valid invalid mistaken assume assumes assumed assumption
    premise question problem`.split(/\s+/),
  ].map(stem),
);

/** Whether two keys stand side by side among the content tokens of a text (a name, a compound: "Todd Frazier", "first radio"). */
function sideBySide(tokens: readonly Token[], a: string, b: string): boolean {
  const keys = tokens.filter(isContent).map((token) => stem(token.key));
  return keys.some((key, i) => (key === a && keys[i + 1] === b) || (key === b && keys[i + 1] === a));
}

/**
 * Whether a premise correction only denies a vague relation between things the question talks of
 * ("There is no evidence that the emails have anything to do with Jack", "the apples are not
 * related to the store"), or "something about" one ("assumes something about the puppies that is not
 * correct"): it says nothing the question claims is false, and fits any question with two things.
 * In a question that writes numbers, or whose facts mark what an edit lost or inserted, the gap is
 * a quantity or the edit, so any such denial of the question's other things is this (one naming a
 * lost or inserted thing is not). Where the question writes no number and the facts are
 * premises ("Vaccines cause autism."), denying the relation of two things the question relates ("no
 * evidence that vaccines have anything to do with autism") is a correction; one thing alone, or two
 * the question writes side by side as one name or compound ("Todd" and "Frazier", "first" and
 * "radio"), is this.
 * @param text - The slot text.
 * @param keys - Its specific keys.
 * @param context - The question's things and the facts' keys.
 * @param questionTokens - The question's tokens.
 * @param numbered - The question or its facts write a number.
 * @returns `true` when the slot denies only a vague relation between the question's things.
 * @example
 * deniesVagueRelation("There is no evidence that emails have anything to do with Jack", ["evidence", "email", "jack"], { talkedOf: new Set(["email", "jack"]), knownKeys: new Set(["email", "jack"]), lost: new Set(), inserted: new Set() }, [], true); // true
 */
export function deniesVagueRelation(
  text: string,
  keys: readonly string[],
  context: ThingContext,
  questionTokens: readonly Token[],
  numbered: boolean,
): boolean {
  if (!VAGUE_DENIAL.test(text)) return false;
  const things = keys.filter((key) => talksOfThing(key, context));
  if (things.length === 0 || things.length > 2 || !keys.every((key) => things.includes(key) || VAGUE_DENIAL_KEYS.has(key))) return false;
  const edited = context.lost.size > 0 || context.inserted.size > 0;
  const [a, b] = things as [string, string | undefined];
  return numbered || edited || b === undefined || sideBySide(questionTokens, a, b);
}

/** A formula: an operator, a relation or a digit. */
const FORMULA_MARK = /[=<>^|+\-*/√π°·≤≥\d]/;
/** The shortest formula, compacted, read as quoted (shorter ones, like "x=1", are too common to tell). */
const MIN_FORMULA_CHARS = 4;

/**
 * Whether a slot is a formula the question shows: it writes an operator, a relation or a digit and,
 * compacted, occurs in the compacted question ("wz = 12-" in "Suppose that wz = 12-8i").
 * @param slot - The slot text.
 * @param compactQuestion - {@link compactMath} of the question.
 * @returns `true` when the question shows it.
 * @example
 * quotesFormula("wz = 12-", compactMath("Suppose that wz = 12-8i.")); // true
 */
export function quotesFormula(slot: string, compactQuestion: string): boolean {
  if (!FORMULA_MARK.test(slot)) return false;
  const compact = compactMath(slot);
  return compact.length >= MIN_FORMULA_CHARS && compactQuestion.includes(compact);
}

/** "how many she gained", "how much they paid": a count whose thing is left out (not "how long it takes", a duration). */
const ELLIPTICAL_QUANTITY =
  /^(?:(?:exactly|precisely|specifically|actually|either|both) )?how (?:many|much) (?:he|she|they|it|we|you|i)\b/i;
/**
 * Counts that leave their thing out ("how many *she* gained afterward", "how many he started
 * with") speak of the thing the clarification counted just before, and a generic slot that points
 * back ("without knowing *that exact number*") of what the last declared slot named: each takes that
 * slot's verdicts (a false claim, its alignment with a stated clause), so a repeated claim in other
 * words neither escapes the first one's verdict nor outvotes it.
 * @param slots - The planned slots, in order.
 * @returns The slots, elliptical ones resolved.
 * @example
 * inheritElliptical(planned).map((slot) => slot.falseClaim);
 */
export function inheritElliptical(slots: readonly PlannedSlot[]): PlannedSlot[] {
  // Slots come by trigger; "before" is their order in the text.
  const at = (slot: PlannedSlot): number => slot.sentence.start + Math.max(0, slot.sentence.text.indexOf(slot.text));
  const order = slots.map((slot, index) => ({ slot, index, at: at(slot) })).sort((a, b) => a.at - b.at || a.index - b.index);
  const out = [...slots];
  const inherit = (slot: PlannedSlot, from: PlannedSlot): PlannedSlot => ({
    ...slot,
    falseClaim: from.falseClaim,
    restatesAsk: from.restatesAsk,
    statedClause: from.statedClause,
  });
  let named: PlannedSlot | undefined;
  let declared: PlannedSlot | undefined;
  let allFalse = true;
  for (const { slot, index } of order) {
    if (slot.kind !== "missing") continue;
    // "Without knowing that exact number, …": a pointer back names what the slots before it named;
    // it claims missing what the question states only when every one of them does.
    if (slot.generic && ANAPHOR.test(slot.text.trim())) {
      if (declared !== undefined) out[index] = { ...inherit(slot, declared), falseClaim: allFalse };
      continue;
    }
    if (!slot.generic) {
      declared = slot;
      allFalse &&= slot.falseClaim;
    }
    if (!slot.quantity) continue;
    if (!ELLIPTICAL_QUANTITY.test(slot.text.trim())) {
      if (slot.counted !== "") named = slot;
    } else if (named !== undefined) {
      out[index] = inherit(slot, named);
    }
  }
  return out;
}

/**
 * A generic slot that points back ("that exact number", "this information", "these values", "that"):
 * it names what the last declared slot named.
 */
const ANAPHOR =
  /^(?:that|this|these|those)(?:\s+(?:exact|specific|precise|particular|missing|same|key|crucial))*(?:\s+(?:number|numbers|value|values|information|info|amount|amounts|quantity|quantities|count|counts|figure|figures|detail|details|data|fact|facts))?(?![\w'’-])/i;

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

/**
 * Prepares one clarification for scoring: its declared slots (with false-claim flags), the facts
 * with their core keys, and the texts and NLI pairs one batched model pass must cover. Pure.
 * @param clarification - The clarification text.
 * @param annotation - Missing facts and/or reference clarification, and the question.
 * @param prepared - {@link prepareAnnotation} of `annotation`, when a batch shares it.
 * @returns The plan.
 * @example
 * planClarification("The problem does not give the speed.", { missingFacts: ["the speed of the car"] }).slots[0]?.plain; // "the speed"
 */
export function planClarification(
  clarification: string,
  annotation: ClarificationAnnotation,
  prepared: PreparedAnnotation = prepareAnnotation(annotation),
): ClarificationPlan {
  const { question, facts, factList, coreKeys, inserted, grounding } = prepared;
  const hasQuestion = question.text !== "";
  // Runs copied from the question say nothing of the clarification's own: read what is left.
  const stripped = stripQuestionCopies(clarification.slice(0, MAX_CLARIFICATION_CHARS), question);
  const text = stripped.text.replace(/[ \t]{2,}/g, " ").trim();
  const questionKeys = question.keys;
  const stated = question.stated;
  // What the question talks of: what it states, or, when it states nothing ("Why can boats fly?"), what it asks about.
  const talkedOf = stated.size > 0 ? stated : questionKeys;
  const thingContext: ThingContext = { talkedOf, knownKeys: prepared.knownKeys, lost: coreKeys, inserted };
  // A sentence that quotes the question ("I cannot answer this question: <question>") claims nothing of its own.
  // Several slots come from one sentence: judge each sentence once.
  const quotedSentences = new Map<string, boolean>();
  const quoted = (sentence: string): boolean => {
    const known = quotedSentences.get(sentence);
    if (known !== undefined) return known;
    // "I cannot answer this question: <question>": the framing words name nothing.
    const keys = [...allKeys(sentence)].filter((key) => !GENERIC_SLOT_WORDS.has(key));
    const verdict = questionKeys.size > 0 && keys.length >= 5 && keys.filter((key) => questionKeys.has(key)).length / keys.length >= 0.9;
    quotedSentences.set(sentence, verdict);
    return verdict;
  };
  // No fact says that which thing is meant is the gap: none speaks of identity, reference or
  // existence ("there is a contextually *unique* star"), and none is a lost question ("What percentage
  // of the chips did Lyle have"). Then the question's own things are the ones it names.
  const identified = hasQuestion && factList.length > 0 && factList.every((fact) => !IDENTITY_GAP.test(fact) && !LOST_QUESTION.test(fact));
  const extracted = extractSlots(text);
  const fallback = extracted.length === 0;
  const ask = prepared.ask;
  const planned: PlannedSlot[] = (fallback ? sentenceSlots(text, prepared.knownKeys, question.keys) : extracted)
    .filter((slot) => !quoted(slot.sentence.text))
    .map(withoutVagueHead)
    .map((slot) => countFirst(slot, question, prepared.questionCounted))
    .map((slot) => {
      const plain = firstWords(plainText(slot.text));
      const keys = specificKeys(plain);
      const phrase = slot.text.trim();
      const quantity = slot.kind === "missing" && QUANTITY_OPENER.test(phrase);
      // What a quantity slot counts, past its opener ("marbles Ed had" of "how many marbles Ed had").
      const afterOpener = quantity ? phrase.replace(QUANTITY_OPENER, "") : "";
      const counted = quantity ? countedThing(afterOpener) : "";
      const unit = quantity ? perUnit(slot.text) : undefined;
      // "how many marbles Ed lost" when the question says "He lost 21 of his marbles": a stated quantity;
      // "how many apples Sara bought" when it says "Sara bought some apples": blurred, so not stated.
      // The counted thing leads ("Charlie's number of flutes" counts flutes); "actual" only insists
      // ("any actual numbers for the bottles"), it says which count as little as "exact" does.
      // A count of things is money only when the things are ("how many dollars"): "how many weeks Lewis
      // works to earn that total" counts weeks, and "$ 133" does not state them.
      const countsThings = HOW_MANY.test(phrase) && !MONEY_KEYS.has(counted);
      const countKeys = keys.filter((key) => key !== "actual" && !(countsThings && MONEY_KEYS.has(key)));
      const ordered = countKeys.includes(counted) ? [counted, ...countKeys.filter((key) => key !== counted)] : countKeys;
      const statedQuantity = quantity && hasQuestion && statesQuantity(question, ordered, unit);
      // A count of one thing and nothing about which count ("how many alligators there are").
      const countsThing =
        quantity &&
        hasQuestion &&
        unit === undefined &&
        keys.length === 1 &&
        COUNT_OPENER.test(phrase) &&
        !NOT_BARE_COUNT.test(afterOpener);
      // "how many alligators there are" when the question says "97 alligators": every count of the thing is stated.
      // "the number of | emails morning" when the question says "6 emails in the morning": a count the trigger read past.
      const countStated =
        (countsThing || slot.countHead === true) &&
        hasQuestion &&
        (keys.length === 1 ? statesBareCount(question, keys[0] ?? "") : statesQuantity(question, keys));
      // A proposition ("that <P>") is a false claim when the question says or presupposes P, asked or not.
      const reference = slot.proposition ? questionKeys : stated;
      const inQuestion = keys.filter((key) => reference.has(key)).length;
      const asksQuestion = slot.kind === "missing" && QUESTION_SLOT.test(questionSlotText(slot));
      // A rate ("how many cans are in each bag", "the price per kilogram") is stated only by a rate, which
      // statesQuantity reads; counts of its things ("8 bags of cans") stand beside its words without
      // stating it, and naming both things restates nothing.
      const rate = unit !== undefined || PER_UNIT.test(phrase);
      const falseClaim =
        statedQuantity ||
        // "omits wz = 12-" when the question shows "wz = 12-8i": a formula it quotes is not missing.
        (slot.kind === "missing" && quotesFormula(slot.text, question.compact)) ||
        // "No question is asked" of a question that asks one.
        (asksQuestion && question.asksSomething) ||
        // A quantity slot is judged by statesQuantity alone: its words are the question's by design.
        (slot.kind === "missing" &&
          !quantity &&
          !slot.generic &&
          reference.size > 0 &&
          keys.length >= 2 &&
          inQuestion / keys.length >= 0.8 &&
          !keys.some((key) => coreKeys.has(key) || (!slot.proposition && inserted.has(key))) &&
          (slot.proposition || (!PROPERTY_OPENER.test(phrase) && !rate)));
      // "how many cookies he had in the beginning" when the question asks "How many cookies did he have in
      // the beginning?": the same count of the same thing in the asked words is its own unknown, not a
      // missing premise, unless the edit touched those words (a fact's lost or inserted word among them:
      // "how many apples Hero has" where "Hero" was put in). A part of a compound ask is an input (askSignature).
      const restatesAsk =
        quantity &&
        counted !== "" &&
        !slot.generic &&
        keys.length >= 2 &&
        ask.unknowns.some((unknown) => unknown.counted === counted && unknown.signature === askSignature(phrase)) &&
        inAskWords(ask, phrase) &&
        !keys.some((key) => coreKeys.has(key) || inserted.has(key));
      const nearStated = slot.kind === "missing" && hasQuestion && !rate && slotNearStatedNumber(keys, grounding);
      // "no information about the emails" when the question talks of emails: a thing, not what about it is missing.
      const bare =
        (slot.kind === "missing" &&
          !quantity &&
          !slot.generic &&
          !slot.proposition &&
          !asksQuestion &&
          (namesBareThing(slot.text, keys, thingContext, slot.detailHead === true) ||
            (slot.uncountedCount === true && countsUncountedThings(keys, thingContext)))) ||
        // "how many guns there are" of "Why did the UK ban guns?", "the number of Michaels for Scott" of
        // "Where did Michael Scott go to college?": where neither the question nor its facts write a
        // number, no count was lost, and a count of one or two of its things alone names only them
        // ("how many of the bicycles were banned" counts a part, which is more than the things).
        (slot.kind === "missing" &&
          (quantity
            ? COUNT_OPENER.test(phrase) && !NOT_BARE_COUNT.test(afterOpener)
            : slot.countHead === true && !NOT_BARE_COUNT.test(phrase)) &&
          hasQuestion &&
          // Where they write numbers but no fact writes one the question lacks (the facts restate its
          // premises), a count ("how many", a count head) of things that none of them counts was not lost
          // either: "the number of Romeo for the Juliet" of "When did Romeo and Juliet divorce in act 6?".
          (grounding.writtenNumbers.size === 0 ||
            (!prepared.countLost &&
              (!quantity || (counted !== "" && HOW_MANY.test(phrase))) &&
              keys.every((key) => !prepared.counted.has(key)))) &&
          keys.length > 0 &&
          keys.length <= 2 &&
          keys.every((key) => talksOfThing(key, thingContext))) ||
        // "what the Titanic is" when no fact says which thing is meant is the gap: it names the thing.
        (slot.kind === "missing" && identified && asksIdentity(slot.text, keys, thingContext)) ||
        // "no evidence that the emails have anything to do with Jack": a vague relation denied, no claim.
        (slot.kind === "false" && deniesVagueRelation(slot.text, keys, thingContext, question.tokens, grounding.writtenNumbers.size > 0));
      const head = slotHead(slot.text);
      const statedClause = slot.kind === "missing" && hasQuestion ? statedClauseAlignment(head, prepared.clauses) : 0;
      return {
        ...slot,
        plain,
        keys,
        falseClaim: falseClaim || restatesAsk,
        restatesAsk,
        quantity,
        counted,
        unit,
        head,
        nearStated,
        statedClause,
        asksQuestion,
        countStated,
        bare,
      };
    });
  const slots = inheritElliptical(planned);
  const sentences = splitSentences(text)
    .map((sentence) => firstWords(plainText(sentence.text)))
    .filter((sentence) => sentence !== "");
  const usable = slots.filter((slot) => !slot.falseClaim);
  // What it declares missing (not what it corrects), read by several grounding checks below.
  const usableMissing = usable.filter((slot) => slot.kind === "missing");
  const texts =
    usable.length === 0 ? [] : [...new Set([...usable.map((slot) => slot.plain), ...facts.map((fact) => fact.embedText), ...sentences])];
  const pairs: [string, string][] = usable.length === 0 ? [] : facts.map((fact) => [text, factHypothesis(fact.text)]);
  const lost = new Set(facts.flatMap((fact) => fact.core));
  // A quantity slot ("how many marbles Ed had") names a lost number by stated context words: not a stated condition.
  // A premise correction ("X was never traded to Y") must name what the question states.
  const slotKeys = new Set(usable.filter((slot) => !slot.quantity && slot.kind === "missing").flatMap((slot) => slot.keys));
  const statedCount = [...slotKeys].filter((key) => questionKeys.has(key) && !lost.has(key)).length;
  const statedShare = slotKeys.size === 0 ? 0 : statedCount / slotKeys.size;
  const missing = slots.filter((slot) => slot.kind === "missing");
  const nearStatedShare = missing.length === 0 ? 0 : missing.filter((slot) => slot.nearStated).length / missing.length;
  // The clarification as read is tokenized once for its keys, its entities and its word overlap, and
  // its made-up examples found once for its numbers and its quotations.
  const tokens = tokenize(text);
  const examples = exampleSpans(text);
  const entities = hasQuestion
    ? entityGrounding(text, grounding, factList, tokens, examples)
    : { foreignNumbers: [], foreignNames: [], foreignSymbols: [], misreportedNumbers: [], foreignBounds: [] };
  const clarificationKeys = [...new Set(tokens.filter(isContent).map((token) => stem(token.key)))];
  return {
    text,
    slots,
    facts,
    sentences,
    texts,
    pairs,
    clarificationKeys,
    statedShare,
    nearStatedShare,
    copiedShare: stripped.copiedShare,
    foreignNumbers: entities.foreignNumbers,
    foreignNames: entities.foreignNames,
    foreignSymbols: entities.foreignSymbols,
    misreportedNumbers: entities.misreportedNumbers,
    foreignBounds: entities.foreignBounds,
    slotNumbers: slotNumbers(usableMissing, entities.foreignNumbers, grounding.operands),
    questionOverlap: hasQuestion ? countsCosine(contentCounts(tokens), question.counts) : 0,
    clauses: prepared.clauses,
    // Read in the sentences that say what is missing: a remark elsewhere ("Note: …") declares nothing.
    foreignWords: hasQuestion
      ? foreignWordShare(
          tokens,
          prepared.knownKeys,
          usable.map((slot) => slot.sentence),
        )
      : 0,
    foreignQuotes: hasQuestion ? foreignQuoteShare(text, prepared.knownKeys, prepared.quoteSources, examples) : 0,
    // Missing slots only: a premise correction may name what the question got wrong ("it was X, not Y").
    slotForeign: hasQuestion ? slotForeignShare(usableMissing, prepared.knownKeys) : 0,
    headForeign: hasQuestion
      ? headForeign(
          // The thing counted, past the opener: "how long *Will jogged*", "the number of *books*".
          usable.flatMap((slot) =>
            slot.quantity
              ? // A rate names its unit too: "how much fish each *camper* eats" is about campers when the question has none.
                [rateThing(slot.counted, slot.unit, prepared.subjectKeys)]
              : slot.kind === "missing" && PROPERTY_OF.test(slot.text.trim())
                ? [slot.head.head]
                : [],
          ),
          prepared.subjectKeys,
        )
      : 0,
    foreignGoal: hasQuestion ? foreignGoalShare(text, question.keys) : 0,
    bothWays: hasQuestion
      ? coveredBothWays(
          text,
          usableMissing.map((slot) => slot.sentence),
          examples,
          question.text,
        )
      : [],
    questionGap: question.asksNothing,
    // A generic slot stands in for its sentence. When no slot, nor its sentence, names anything ("The
    // problem does not give enough information."), the clarification declares nothing (unless it
    // says that no question is asked).
    declaresNothing: slots.length > 0 && slots.every((slot) => slot.generic && slot.keys.length === 0 && !slot.asksQuestion),
    sentenceSlots: fallback && slots.length > 0,
    namesOnlyThings:
      (usable.some((slot) => slot.kind === "missing") && usable.every((slot) => slot.kind !== "missing" || slot.bare)) ||
      // Premise corrections that only deny vague relations between the question's things, beside
      // nothing else declared missing or false, say nothing of this question either.
      (usable.some((slot) => slot.kind === "false" && slot.bare) &&
        usable.every((slot) => slot.bare || (slot.kind !== "missing" && slot.kind !== "false"))),
  };
}
