import { splitSentences } from "../text/sentences.js";
import type { TextSpan } from "../types.js";
import {
  CLAUSE_BREAK,
  COUNT_HEAD_END,
  MAX_SLOT_CHARS,
  REPLACE_SPLIT,
  SLOT_BOUNDARY,
  SLOT_TRIGGERS,
  WEAK_FALSE_TRIGGERS,
} from "./slot-patterns.js";
import type { SlotTrigger } from "./slot-patterns.js";
import { specificKeys } from "./tokens.js";

/** What a clarification declares missing (or false), as a phrase. */
export interface Slot {
  /** The slot phrase ("the speed of the car"). */
  text: string;
  kind: SlotTrigger["kind"];
  /** Which trigger found it. */
  trigger: string;
  /** The sentence it came from. */
  sentence: TextSpan;
  /** Whether the phrase itself names nothing specific ("key information"); then the sentence stands in. */
  generic: boolean;
  /**
   * For a generic slot, the phrase the trigger governed ("any numbers or context" of "The question
   * doesn't provide any numbers or context"), which the sentence standing in no longer shows.
   */
  governed?: string;
  /** The phrase is a proposition ("that the triangle is equilateral"), not a property ("which person of that name"). */
  proposition: boolean;
  /**
   * The trigger read a count head before the phrase: "does not specify the number of | books" declares
   * the count of books missing, though the phrase names only the books.
   */
  countHead?: boolean;
  /**
   * One of several quantities offered as alternatives ("the initial number of cards *or* how many
   * cards were added"): if one of them is stated, the clarification hedges.
   */
  alternative?: boolean;
  /**
   * The phrase was read past a head that only asks for more ("further specifics on | the apples and
   * the pears"): what is left names the things the detail is wanted about, nothing about them.
   */
  detailHead?: boolean;
  /**
   * A count written after a word the question never counts, nor the thing it is "for" ("the area
   * count for the triangle" of a question with numbers but no number of areas or triangles): the
   * count counts nothing of this question (see `countFirst`).
   */
  uncountedCount?: boolean;
}

/** The longest clarification read, in characters. */
export const MAX_CLARIFICATION_CHARS = 4_000;
const MAX_SENTENCE_CHARS = 600;
const MAX_SLOTS = 12;

const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let found = globalCache.get(pattern);
  if (found === undefined) {
    found = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`);
    globalCache.set(pattern, found);
  }
  return found;
}

/** Replaces the inside of (), [], {} and quotes with "x" so boundaries inside "(-90, 90)" are not seen; linear. */
function maskGroups(text: string): string {
  let depth = 0;
  let quoted = false;
  let out = "";
  for (const ch of text) {
    if (ch === "\u201c" || ch === "\u201d" || ch === '"') quoted = ch === "\u201d" ? false : ch === "\u201c" ? true : !quoted;
    else if (ch === "(" || ch === "[" || ch === "{") depth += 1;
    else if ((ch === ")" || ch === "]" || ch === "}") && depth > 0) depth -= 1;
    else if (depth > 0 || quoted) {
      out += "x".repeat(ch.length);
      continue;
    }
    out += ch;
  }
  return out;
}

/** A noun that only says something is missing ("key *information*", "the *data*"): the slot is what it introduces. */
const MISSING_HEAD =
  "(?:key |crucial |critical |needed |required |)(?:information|piece(?: of information)?|data|details?|values?|quantit(?:y|ies)|facts?|things?|elements?|parts?|links?)";
/** A list marker before a slot ("- The number of boys is not given", "2. the price …"). */
const LIST_MARKER = /^(?:[-*•]|\d{1,2}[.)])\s+/;
/**
 * "The missing *information is* the number of apples" (or "… *information is:* how many …"): the
 * trigger ("missing") read a noun that only says something is missing, and a copula; the slot is what follows.
 */
const MISSING_IS = new RegExp(`^${MISSING_HEAD} (?:is|are|would be|here is)(?:\\s*:\\s*|\\s+(?:that\\s+|:\\s*)?)`, "i");

/** "the key value—how many cookies Tom ate—": a head that only says something is missing, then the slot between dashes. */
const DASHED_HEAD =
  /^(?:the |a |an |)(?:key |critical |crucial |missing |needed |required |essential |)(?:value|piece of information|information|data|number|quantity|fact|detail)\s*[—–]\s*/i;

const LEADING_JOINER = /^(?:so|and|but|because|since|while|which|thus|hence|then|therefore)\s+/i;

/**
 * "Missing *information:* the exact number of groups", "the missing *information is:* how many …":
 * a head that only says something is missing, then a colon; the slot is what follows the colon.
 */
const HEAD_BEFORE_COLON = new RegExp(`^${MISSING_HEAD}(?: (?:is|are|would be|here is)|)\\s*$`, "i");

/** The text from `from` up to the first slot boundary (outside brackets and quotes), bounded. */
function phraseAfter(text: string, from: number): string {
  const rest = text.slice(from, from + MAX_SLOT_CHARS);
  const boundary = SLOT_BOUNDARY.exec(maskGroups(rest));
  if (boundary === null) return rest.trim();
  if (boundary[0] === ":" && HEAD_BEFORE_COLON.test(rest.slice(0, boundary.index))) {
    const after = rest.slice(boundary.index + 1);
    const next = SLOT_BOUNDARY.exec(maskGroups(after));
    return (next === null ? after : after.slice(0, next.index)).trim();
  }
  return rest.slice(0, boundary.index).trim();
}

/** The most words of a list item after the first ("Tom", "the pears") that {@link phraseBefore} reads as one. */
const MAX_LIST_ITEM_WORDS = 3;
/** "and" or "or" inside one stretch between commas ("pears or plums"): two list items. */
const LIST_OR = /\s(?:or|and)\s/i;

/**
 * The text from the last clause break before `to` up to `to`. A list that ends there ("the ages of
 * Sam, Tom and Jeremy are not given": short items joined by commas and a last "and" or "or") is one
 * subject, read back to the clause break before its first item.
 */
function phraseBefore(text: string, to: number): string {
  const head = text.slice(Math.max(0, to - MAX_SLOT_CHARS), to);
  const breaks = [...maskGroups(head).matchAll(CLAUSE_BREAK)].map((match) => ({
    at: match.index,
    end: match.index + match[0].length,
    joint: match[0].trim().toLowerCase(),
  }));
  let last = breaks.length - 1;
  const tail = head.slice(breaks[last]?.end ?? 0);
  // The list's last item is joined by "and" (a clause break of its own) or "or" ("pears or plums").
  if (breaks[last]?.joint === "and" || LIST_OR.test(tail)) {
    let comma = false;
    let k = last;
    for (; k >= 0; k -= 1) {
      const here = breaks[k];
      if (here === undefined || (here.joint !== "," && here.joint !== "and")) break;
      const item = head.slice(here.end, breaks[k + 1]?.at ?? head.length);
      if (item.split(LIST_OR).some((piece) => piece.trim().split(/\s+/).length > MAX_LIST_ITEM_WORDS)) break;
      if (here.joint === ",") comma = true;
    }
    if (comma) last = k;
  }
  const start = last >= 0 ? (breaks[last]?.end ?? 0) : 0;
  return head.slice(start).trim().replace(LEADING_JOINER, "");
}

function slotFrom(
  text: string,
  kind: Slot["kind"],
  trigger: string,
  sentence: TextSpan,
  sentenceText: string,
  triggerText: string,
): Slot | null {
  const proposition = /^(?:that|the fact that)\s/i.test(text.trim());
  const countHead = kind === "missing" && COUNT_HEAD_END.test(triggerText);
  const cleaned = text
    .trim()
    .replace(LIST_MARKER, "")
    .replace(MISSING_IS, "")
    .replace(DASHED_HEAD, "")
    .replace(/\s*[—–]\s*$/, "")
    .replace(/^(?:that|the fact that|whether|if)\s+/i, "")
    .trim();
  if (cleaned === "") return null;
  if (specificKeys(cleaned).length > 0) return { text: cleaned, kind, trigger, sentence, generic: false, proposition, countHead };
  // "omits key information, so…": the phrase names nothing; the rest of the sentence may.
  const context = sentenceText.replace(triggerText, " ").replace(/\s+/g, " ").trim();
  return { text: context, kind, trigger, sentence, generic: true, proposition: false, governed: cleaned };
}

/**
 * Where a slot offers a second quantity as an alternative to the first: "the initial number of
 * cards *or how many* cards were added". ("And" joins quantities that are all needed; "or" offers
 * guesses.)
 */
const OR_QUANTITY =
  /,?\s+(?:or|nor|and\/or)\s+(?=(?:the |its |their |his |her |)(?:exact |precise |specific |actual |initial |original |starting |total |)(?:number|amount|count|quantity|price|cost|value|size|age|rate|speed) of\b|how (?:many|much|long|far|fast|old)\b)/i;
/** The most alternatives one slot is split into (bounded work). */
const MAX_ALTERNATIVES = 4;

/**
 * A missing slot that offers quantities as alternatives, split into one slot per quantity, each
 * marked {@link Slot.alternative} ({@link OR_QUANTITY}).
 * @param slot - A slot.
 * @returns The slot, or its alternatives.
 */
function splitAlternatives(slot: Slot): Slot[] {
  if (slot.kind !== "missing" || slot.generic) return [slot];
  const parts: string[] = [];
  let rest = slot.text;
  while (parts.length < MAX_ALTERNATIVES - 1) {
    const match = OR_QUANTITY.exec(rest);
    if (match === null || match.index === 0) break;
    parts.push(rest.slice(0, match.index).trim());
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(rest.trim());
  const named = parts.filter((part) => specificKeys(part).length > 0);
  return named.length < 2 ? [slot] : named.map((text) => ({ ...slot, text, alternative: true }));
}

/**
 * A generic slot only stands in for its sentence when that sentence names nothing more specific; a
 * bare negation ("is not", "actually") only when the sentence declares nothing missing (there the
 * negation is about the information, not the world).
 */
function dropShadowed(slots: readonly Slot[]): Slot[] {
  const same = (a: Slot, b: Slot): boolean => a !== b && a.sentence.start === b.sentence.start;
  return slots.filter(
    (slot) =>
      (!slot.generic || !slots.some((other) => !other.generic && same(slot, other))) &&
      (!WEAK_FALSE_TRIGGERS.has(slot.trigger) || !slots.some((other) => same(slot, other) && other.kind === "missing")),
  );
}

/**
 * Extracts the declared-missing slots of a clarification: the phrases governed by "does not
 * specify …", "omits …", "replaces … with …", "without knowing …", "we would need …", "… is not
 * given", and declared-false premises ("the question assumes …", "factual error: …").
 * @param clarification - The clarification text (cut to a bounded length).
 * @returns The slots in text order; an empty list for restatements and generic refusals.
 * @example
 * extractSlots("The problem does not specify the speed of the car, so we cannot answer.")[0]?.text; // "the speed of the car"
 */
export function extractSlots(clarification: string): Slot[] {
  const text = clarification.length > MAX_CLARIFICATION_CHARS ? clarification.slice(0, MAX_CLARIFICATION_CHARS) : clarification;
  const slots: Slot[] = [];
  for (const sentence of splitSentences(text)) {
    const body = sentence.text.slice(0, MAX_SENTENCE_CHARS);
    for (const trigger of SLOT_TRIGGERS) {
      for (const match of body.matchAll(globalOf(trigger.pattern))) {
        if (match[0] === "") continue;
        const end = match.index + match[0].length;
        const found: (Slot | null)[] = [];
        if (trigger.direction === "before") {
          found.push(
            slotFrom(trigger.kind === "false" ? body : phraseBefore(body, match.index), trigger.kind, trigger.id, sentence, body, match[0]),
          );
        } else if (trigger.direction === "replace") {
          const rest = body.slice(end, end + MAX_SLOT_CHARS);
          const split = REPLACE_SPLIT.exec(rest);
          const first = split === null ? phraseAfter(body, end) : phraseAfter(rest.slice(0, split.index), 0);
          found.push(slotFrom(first, trigger.kind, trigger.id, sentence, body, match[0]));
          if (split !== null)
            found.push(slotFrom(phraseAfter(rest, split.index + split[0].length), trigger.kind, trigger.id, sentence, body, match[0]));
        } else {
          const after = phraseAfter(body, end);
          // "factual error." with nothing after it: the error is stated in the sentence itself.
          found.push(
            slotFrom(trigger.kind === "false" && after.length < 8 ? body : after, trigger.kind, trigger.id, sentence, body, match[0]),
          );
        }
        for (const slot of found.flatMap((each) => (each === null ? [] : splitAlternatives(each)))) {
          if (!slots.some((seen) => seen.text === slot.text && seen.kind === slot.kind)) slots.push(slot);
        }
        if (slots.length >= MAX_SLOTS) return dropShadowed(slots);
      }
    }
  }
  return dropShadowed(slots);
}
