import { findBoxes } from "../completion/find-boxes.js";
import type { BoxedSpan, CompatMode, TextSpan } from "../types.js";
import { COMMIT_CUES, NEGATION_BEFORE, VOID_RULES } from "./context-rules.js";
import { isIdkBox } from "./idk-marker.js";
import { PHRASE_FAMILIES } from "./phrases.js";
import type { PhraseFamily } from "./phrases.js";
import { splitSentences } from "../text/sentences.js";

/** The longest sentence the phrase patterns see; longer ones are cut (bounded regex work). */
export const MAX_SENTENCE_CHARS = 2_000;
/** How many characters before a match the negation check reads. */
const NEGATION_WINDOW = 24;

/** One abstention phrase found in a sentence, offsets relative to the scanned text. */
export interface PhraseHit {
  family: string;
  kind: PhraseFamily["kind"];
  weight: number;
  start: number;
  end: number;
  /** Index into {@link AbstentionScan.sentences}. */
  sentence: number;
}

/** Everything the lexical detector found in one answer segment. */
export interface AbstentionScan {
  markers: BoxedSpan[];
  /** Boxes that are not the marker: answers, possibly guesses. */
  answers: BoxedSpan[];
  sentences: TextSpan[];
  hits: PhraseHit[];
  /** Index of the first sentence, at or after the first hit, that commits to an answer; -1 if none. */
  commitSentence: number;
}

/** The global twin of a phrase pattern, for an exec loop (its `lastIndex` is reset before every use). */
function globalOf(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
}

/**
 * The built-in table's twins, built once with the table (a constant like every other pattern):
 * building them per call cost more than the matching (184 ms of a 1,280-sample training step).
 * A caller's own table gets its twins per call.
 */
const DEFAULT_GLOBALS: readonly RegExp[] = PHRASE_FAMILIES.map((entry) => globalOf(entry.pattern));

/** Blanks `[start, end)` with spaces so offsets survive. */
function blank(text: string, spans: readonly BoxedSpan[]): string {
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + " ".repeat(span.end - span.start) + out.slice(span.end);
  return out;
}

function voided(family: string, sentence: string, matchStart: number): boolean {
  if (NEGATION_BEFORE.test(sentence.slice(Math.max(0, matchStart - NEGATION_WINDOW), matchStart))) return true;
  return VOID_RULES.some((rule) => (rule.families.length === 0 || rule.families.includes(family)) && rule.pattern.test(sentence));
}

/**
 * Finds marker boxes, answer boxes and abstention phrases (minus voided ones) in an answer segment.
 * @param text - A bounded answer segment.
 * @param families - The phrase table.
 * @param compat - Marker strictness.
 * @returns The scan.
 * @example
 * scanAbstention("The problem does not specify the speed.", PHRASE_FAMILIES, "fixed").hits[0]?.family; // "not-specified"
 */
export function scanAbstention(text: string, families: readonly PhraseFamily[], compat: CompatMode): AbstentionScan {
  const boxes = findBoxes(text).filter((box) => box.command === "boxed" || box.command === "fbox");
  const markers = boxes.filter((box) => box.command === "boxed" && isIdkBox(box.content, compat));
  const answers = boxes.filter((box) => !markers.includes(box) && box.content.trim() !== "");
  const sentences = splitSentences(blank(text, markers));
  const hits: PhraseHit[] = [];
  const globals = families === PHRASE_FAMILIES ? DEFAULT_GLOBALS : families.map((entry) => globalOf(entry.pattern));
  sentences.forEach((sentence, index) => {
    const body = sentence.text.length > MAX_SENTENCE_CHARS ? sentence.text.slice(0, MAX_SENTENCE_CHARS) : sentence.text;
    families.forEach((entry, familyIndex) => {
      // An exec loop on this scan's global regex: `matchAll` clones the regex on every call, which on
      // thousands of one-token sentences (a degenerate `1\n` generation) cost more than the matching.
      const pattern = globals[familyIndex] as RegExp;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(body); match !== null; match = pattern.exec(body)) {
        if (match[0] === "") break;
        if (voided(entry.family, body, match.index)) continue;
        hits.push({
          family: entry.family,
          kind: entry.kind,
          weight: entry.weight,
          start: sentence.start + match.index,
          end: sentence.start + match.index + match[0].length,
          sentence: index,
        });
        break;
      }
    });
  });
  let commitSentence = -1;
  const first = hits.reduce((min, hit) => Math.min(min, hit.sentence), Number.POSITIVE_INFINITY);
  for (let i = Number.isFinite(first) ? first : sentences.length; i < sentences.length; i += 1) {
    const body = (sentences[i]?.text ?? "").slice(0, MAX_SENTENCE_CHARS);
    if (COMMIT_CUES.some((cue) => cue.test(body))) {
      commitSentence = i;
      break;
    }
  }
  return { markers, answers, sentences, hits, commitSentence };
}
