/**
 * What a question asks for, read once per question: the quantity opener shared with the slot
 * reader, the things its asks count (with how they count them), and the words an ask restated in a
 * clarification may use. A clarification slot that is the ask ("how many cookies he had in the
 * beginning" of "How many cookies did he have in the beginning?") names the unknown to compute,
 * not what the question lacks.
 */
import { countedThing } from "./grounding.js";
import type { PreparedQuestion } from "./prepared-question.js";
import { STOPWORDS } from "./stopwords.js";
import { stem, tokenize } from "./tokens.js";

/** The determiner and modifier before a quantity noun ("the exact", "their total", or none). */
export const QUANTITY_DETERMINER =
  "(?:the |its |their |his |her |any |\\p{L}{1,30}['’]s |an? (?=(?:exact|precise|specific|actual|definite|concrete) )|)(?:exact |precise |specific |actual |definite |concrete |original |initial |starting |total |)";
/** Slots that ask for a quantity of something ("how many …", "exactly how many …", "the number of …"). */
export const QUANTITY_OPENER = new RegExp(
  `^(?:(?:exactly|precisely|specifically|actually|either|both) )?(?:how (?:many|much|long|far|fast|old|often|big|large|tall|heavy|wide)|${QUANTITY_DETERMINER}(?:number|amount|value|price|cost|size|age|length|width|height|rate|speed|count|quantity|total|weight|distance|time|duration) of|${QUANTITY_DETERMINER}(?:numbers|amounts|counts|quantities|values) (?:of|for))\\b`,
  "iu",
);

/**
 * What makes an ask compound, by kind: a comparison ("how many more … than"), a sum ("altogether",
 * "in total"), a share ("in each", "per"), or two things ("regular and diet soda"). A slot that names
 * one part of a compound ask names an input; one compound the same way restates the ask.
 */
const ASK_MARKERS: readonly (readonly [string, RegExp])[] = [
  ["than", /\b(?:more|less|fewer|than|difference|compared?)\b/i],
  ["total", /\b(?:altogether|in all|in total|total|combined|together|sum)\b/i],
  ["each", /\b(?:each|every|per|average)\b/i],
  ["and", /\b(?:and|or|both)\b/i],
];
/**
 * Words that carry no part of what an ask asks for: articles, prepositions, auxiliaries, pronouns,
 * wh-words, the nouns of a quantity opener ("the *number* of"). "have" stays: "how many tomatoes she
 * *had*" is not "how many tomatoes did she *use*"; so do "initial" and "total", which say which count.
 */
const ASK_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the of in on at to for from by with into onto over under about as and or than
  do does did will would can could shall should may might must is are was were be been being am
  he she they it we you i him her them his their its our your my me us there this that these those
  how many much what which who whom whose when where why
  number amount count quantity value exact exactly precise precisely specific specifically actual actually`.split(/\s+/),
);

/** The words of a phrase that say what is asked ({@link ASK_FUNCTION_WORDS} left out), stemmed. */
function askTokens(phrase: string): string[] {
  return tokenize(phrase)
    .filter((token) => token.type === "word" && !ASK_FUNCTION_WORDS.has(token.key))
    .map((token) => (token.key === "has" ? "have" : (START_WORDS.get(token.key) ?? stem(token.key))));
}

/**
 * Words that say "at the start" ("at first", "in the beginning", "initially", "originally"), read as
 * one word: "how many cookies he had at first" restates "How many cookies did he have in the
 * beginning?". Which count an ask means stays its own word otherwise ("left", "total").
 */
const START_WORDS: ReadonlyMap<string, string> = new Map(
  ["first", "beginning", "start", "initially", "initial", "originally", "original", "starting"].map((word) => [word, "initial"]),
);

/** An ask that names its people by pronoun ("How many cookies did *he* have?"). */
const ASK_PRONOUN = /\b(?:he|she|they|him|her|them|his|their)\b/i;
/** A negated count ("how many were *not* hiding") is another count than the plain one. */
const NEGATED = /\b(?:not|never|no)\b|n['’]t\b/i;

/** The kinds of compound a phrase is ({@link ASK_MARKERS}), with its polarity: one signature. */
export function askSignature(phrase: string): string {
  const kinds = ASK_MARKERS.filter(([, pattern]) => pattern.test(phrase)).map(([kind]) => kind);
  return `${NEGATED.test(phrase) ? "not " : ""}${kinds.join(" ")}`;
}

/**
 * The unknowns a question asks for as a count or amount of a thing ("How many cookies did he have
 * in the beginning?" → cookie), each with its signature (compound kinds and polarity: "How many
 * alligators were not hiding?" is negated, "How many more kids … than …" a comparison); asks that
 * name no thing ("how long will it take") give none.
 * @param askedParts - {@link PreparedQuestion.askedParts}.
 * @returns The asked things.
 * @example
 * askedUnknowns(["How many alligators were not hiding?"]); // [{ counted: "alligator", signature: "not " }]
 */
export function askedUnknowns(askedParts: readonly string[]): { counted: string; signature: string }[] {
  const unknowns: { counted: string; signature: string }[] = [];
  for (const part of askedParts) {
    const phrase = part.trim();
    if (!QUANTITY_OPENER.test(phrase)) continue;
    const counted = countedThing(phrase.replace(QUANTITY_OPENER, ""));
    if (counted !== "") unknowns.push({ counted, signature: askSignature(phrase) });
  }
  return unknowns;
}

/** What a question asks, prepared once ({@link prepareAsk}). */
export interface PreparedAsk {
  /** {@link askedUnknowns} of its asked parts. */
  unknowns: readonly { counted: string; signature: string }[];
  /** The words of its asked parts ({@link askTokens}). */
  words: ReadonlySet<string>;
  /** Its capitalized words (stemmed), which may stand for the ask's "he" or "she"; none when the ask names no one by pronoun. */
  names: ReadonlySet<string>;
}

/**
 * Reads what a question asks, once for every clarification of it.
 * @param question - The prepared question.
 * @returns The asked unknowns and the words an ask restated may use.
 * @example
 * prepareAsk(prepareQuestion("Tom ate some. How many cookies did he have?")).names.has("tom"); // true
 */
export function prepareAsk(question: PreparedQuestion): PreparedAsk {
  const names = new Set<string>();
  if (ASK_PRONOUN.test(question.askedParts.join(" ")))
    for (const token of question.tokens)
      if (token.type === "word" && !STOPWORDS.has(token.key) && /^\p{Lu}/u.test(question.text.charAt(token.start)))
        names.add(stem(token.key));
  return { unknowns: askedUnknowns(question.askedParts), words: new Set(question.askedParts.flatMap(askTokens)), names };
}

/**
 * Whether a phrase uses only the ask's words, and at most one name for its pronoun ("how many
 * cookies Tom had" of "How many cookies did he have?"; not "… Lena read on Monday").
 * @param ask - From {@link prepareAsk}.
 * @param phrase - A slot.
 * @returns `true` when nothing but the ask's words is used.
 */
export function inAskWords(ask: PreparedAsk, phrase: string): boolean {
  const extra = askTokens(phrase).filter((key) => !ask.words.has(key));
  return extra.length === 0 || (extra.length === 1 && ask.names.has(extra[0] ?? ""));
}
