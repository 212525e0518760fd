import { ANSWER_PREDICATES, ANSWER_STOPS, TEXT_ANCHORS } from "./anchor-phrases.js";
import { finalBoxes } from "./final-boxes.js";
import { MAX_TEXT_GOLD_CHARS } from "./parse-gold.js";
import { stripMarkup } from "./text-normalize.js";

/** A short text answer longer than this is an explanation, not an answer. */
export const MAX_TEXT_ANSWER_CHARS = 300;
/** How much text after an anchor phrase is the answer. */
const ANCHORED_CHARS = 200;

/** A short-text answer read from a response. */
export interface TextExtraction {
  /** The answer as read. */
  text: string;
  source: "boxed" | "anchor" | "text";
  /**
   * Without a box, other places a free-form answer may end on: the last line and the last
   * sentence. A gold answer that one of them states (or ends with) also counts.
   */
  alternatives: readonly string[];
  /**
   * Without a box, the whole cleaned region when it is longer than a short answer but no longer
   * than a text gold may be: a prose gold of 301–500 characters can only ever equal this.
   */
  whole: string | null;
}

const LEADING_JUNK = new Set([..." \t\r\n:\"'\u201c\u201d"]);
const TRAILING_JUNK = new Set([..." \t\r\n.\"'\u201c\u201d"]);
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "\u201c": "\u201d", "'": "'" };

/** Trims quotes, colons and a final period with index loops (a `[…]+$` regex is quadratic on long runs). */
function clean(text: string): string {
  const stripped = stripMarkup(text);
  let start = 0;
  let end = stripped.length;
  while (start < end && LEADING_JUNK.has(stripped[start] as string)) start += 1;
  while (end > start && TRAILING_JUNK.has(stripped[end - 1] as string)) end -= 1;
  return stripped.slice(start, end);
}

/** The answer after an anchor: a quoted phrase, or the clause up to the sentence end or a "because". */
function afterAnchor(rest: string): string {
  const lead = rest.trimStart();
  const close = QUOTES[lead[0] ?? ""];
  if (close !== undefined) {
    const end = lead.indexOf(close, 1);
    if (end > 1) return lead.slice(1, end);
  }
  let stop = rest.search(/\n|\.\s|\.$/);
  if (stop === -1) stop = rest.length;
  const lower = rest.toLowerCase();
  for (const word of ANSWER_STOPS) {
    const at = lower.indexOf(word);
    if (at > 0 && at < stop) stop = at;
  }
  return rest.slice(0, stop);
}

/** Anchors tried from the right; more would be prose that keeps saying "the answer is". */
const MAX_ANCHORS_TRIED = 20;

/** The answer after an anchor, unless the anchor only describes the answer (`the answer is correct`). */
function answerAt(region: string, end: number): string | null {
  const answer = clean(afterAnchor(region.slice(end, end + ANCHORED_CHARS)));
  if (answer === "") return null;
  const first = answer.toLowerCase().split(/[^a-z]/, 1)[0] ?? "";
  return ANSWER_PREDICATES.has(first) ? null : answer;
}

/** Text after the last anchor phrase that gives an answer. */
function anchored(region: string, lower: string): string | null {
  const found: { at: number; end: number }[] = [];
  for (const phrase of TEXT_ANCHORS) {
    for (
      let at = lower.lastIndexOf(phrase);
      at !== -1 && found.length < 4 * MAX_ANCHORS_TRIED;
      at = at === 0 ? -1 : lower.lastIndexOf(phrase, at - 1)
    ) {
      found.push({ at, end: at + phrase.length });
    }
  }
  found.sort((a, b) => b.at - a.at || b.end - a.end);
  for (const anchor of found.slice(0, MAX_ANCHORS_TRIED)) {
    const answer = answerAt(region, anchor.end);
    if (answer !== null) return answer;
  }
  return null;
}

function lastLine(region: string): string | null {
  let end = region.length;
  while (end > 0) {
    const start = region.lastIndexOf("\n", end - 1);
    const line = clean(region.slice(start + 1, end));
    if (line !== "") return line;
    if (start === -1) break;
    end = start;
  }
  return null;
}

/** The last sentence of the last line (after its last `. `), when short. */
function lastSentence(line: string | null): string | null {
  if (line === null) return null;
  const at = line.lastIndexOf(". ");
  const sentence = at === -1 ? null : clean(line.slice(at + 2));
  return sentence !== null && sentence !== "" && sentence.length <= MAX_TEXT_ANSWER_CHARS ? sentence : null;
}

/**
 * The final short-text answer of a response: the last box, else the text after the last anchor
 * phrase ("the answer is …"), else the whole region when short, else its last line.
 * @param full - The bounded answer region.
 * @param statementEnd - Where the statement of the answer ends (a check of it may follow); boxes are read in all of `full`.
 * @returns The answer, or `null` when the region has no usable text.
 */
export function extractTextAnswer(full: string, statementEnd = full.length): TextExtraction | null {
  const boxes = finalBoxes(full);
  if (boxes !== null) {
    const text = clean(boxes.parts.join(", "));
    if (text !== "") return { text, source: "boxed", alternatives: [], whole: null };
  }
  const region = full.slice(0, statementEnd);
  const line = lastLine(region);
  const shortLine = line !== null && line.length <= MAX_TEXT_ANSWER_CHARS ? line : null;
  const sentence = lastSentence(line);
  const alternatives = [shortLine, sentence].filter((item): item is string => item !== null);
  const whole = region.length <= 4 * MAX_TEXT_ANSWER_CHARS ? clean(region) : "";
  const long = whole.length > MAX_TEXT_ANSWER_CHARS && whole.length <= MAX_TEXT_GOLD_CHARS ? whole : null;
  const fromAnchor = anchored(region, region.toLowerCase());
  if (fromAnchor !== null) return { text: fromAnchor, source: "anchor", alternatives, whole: long };
  if (whole !== "" && whole.length <= MAX_TEXT_ANSWER_CHARS) return { text: whole, source: "text", alternatives, whole: null };
  const [first, ...rest] = alternatives;
  return first === undefined ? null : { text: first, source: "text", alternatives: rest, whole: long };
}
