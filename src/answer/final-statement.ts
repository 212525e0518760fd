import { CHECK_OPENERS, CONCLUSION_OPENERS, FOLLOW_UP_LABELS } from "./anchor-phrases.js";

/**
 * Where the final answer of a free-form completion ends. Three shapes of real completions put
 * values after the answer that are not the answer: an invented follow-up (`Question 2: …`), a
 * check of the answer (`Check: 9 × 5 = 45`, `This makes sense because …`) and a question asked
 * after the answer. A truncated completion (an unclosed `\boxed{`, an unbalanced last line) has no
 * final answer at all. One linear pass over the (bounded) region; phrase tables, no regex.
 */

/** The body of a region in which the final answer is sought. */
export interface AnswerBody {
  /** End of everything that answers the question asked (before an invented follow-up). */
  end: number;
  /** End of the text for anchors and bare values (before a check of the answer or a new question); `end` when none. */
  statementEnd: number;
  /** The same for short-text answers, whose concluding sentence need not hold a value. */
  textStatementEnd: number;
  /** Why the completion has no final answer (it is cut off), or `null`. */
  truncated: string | null;
}

/** A sentence as offsets into its text. */
export interface Sentence {
  start: number;
  end: number;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** `.`, `!` or `?` followed by a space, tab or line break ends a sentence. */
function isStop(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code !== 46 && code !== 33 && code !== 63) return false;
  const next = text.charCodeAt(i + 1);
  return next === 32 || next === 10 || next === 9;
}

/**
 * Sentences up to `limit`, last first: split at line breaks and at `.`, `!`, `?` followed by
 * whitespace (a stop keeps its mark, a line break does not), blank ones skipped. Boundaries depend
 * only on a character and the next, so walking back finds the same sentences as a forward split,
 * and the walk stops as soon as the caller has its answer: only the tail of a long region is read.
 * @param text - The region.
 * @param limit - Where the last sentence ends at the latest (a line break is assumed there).
 * @returns The sentences, last first.
 * @example
 * [...sentencesFromEnd("It is 3. So 4.", 14)].map((s) => s.start); // [8, 0]
 */
export function* sentencesFromEnd(text: string, limit: number): Generator<Sentence> {
  let end = limit;
  for (let i = limit - 1; i >= -1; i -= 1) {
    const newline = i >= 0 && text.charCodeAt(i) === 10;
    if (i >= 0 && !newline && !isStop(text, i)) continue;
    const start = i + 1;
    let filled = false;
    for (let k = start; k < end && !filled; k += 1) filled = !isBlank(text.charCodeAt(k));
    if (filled) yield { start, end };
    end = newline ? i : i + 1;
  }
}

const LEAD_JUNK = new Set([..." \t\r\n*#>_-•"]);

/** The sentence's opening words, lower case, without list bullets, bold markers or `Step 3:`. */
function opening(text: string, sentence: Sentence): string {
  let i = sentence.start;
  while (i < sentence.end && LEAD_JUNK.has(text[i] as string)) i += 1;
  return text.slice(i, Math.min(sentence.end, i + 24)).toLowerCase();
}

/** Phrases by their first letter, so a sentence is tested only against the few that can match. */
type PhraseIndex = ReadonlyMap<string, readonly string[]>;

function indexPhrases(phrases: readonly string[]): PhraseIndex {
  const index = new Map<string, string[]>();
  for (const phrase of phrases) index.set(phrase[0] as string, [...(index.get(phrase[0] as string) ?? []), phrase]);
  return index;
}

const CONCLUSIONS = indexPhrases(CONCLUSION_OPENERS);
const CHECKS = indexPhrases(CHECK_OPENERS);

function opensWith(head: string, phrases: PhraseIndex): boolean {
  return (phrases.get(head[0] ?? "") ?? []).some((phrase) => {
    if (!head.startsWith(phrase)) return false;
    const next = head.charCodeAt(phrase.length);
    // A whole word: `so,` and `so ` open a conclusion, `some` does not.
    return Number.isNaN(next) || !((next >= 97 && next <= 122) || (next >= 48 && next <= 57));
  });
}

/** First letters of the follow-up labels. */
const LABEL_INITIALS = new Set(FOLLOW_UP_LABELS.map((label) => label.charCodeAt(0)));

/**
 * Whether a line can open with a follow-up label, judged by its first character: a line that
 * starts with an ASCII character no label starts with (most lines) is not cut and lower-cased.
 */
function mayOpenLabel(text: string, line: Sentence): boolean {
  let i = line.start;
  while (i < line.end && LEAD_JUNK.has(text[i] as string)) i += 1;
  if (i >= line.end) return false;
  const code = text.charCodeAt(i);
  if (code >= 128) return true;
  return LABEL_INITIALS.has(code >= 65 && code <= 90 ? code + 32 : code);
}

/** Offset of the first ASCII digit (`/\d/`), or -1. */
function firstDigitAt(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return i;
  }
  return -1;
}

function isFollowUpLabel(head: string): boolean {
  for (const label of FOLLOW_UP_LABELS) {
    if (!head.startsWith(label)) continue;
    let j = label.length;
    while (head[j] === " ") j += 1;
    while (j < head.length && head.charCodeAt(j) >= 48 && head.charCodeAt(j) <= 57) j += 1;
    while (head[j] === "*") j += 1;
    if (head[j] === ":" || head[j] === ")" || (head[j] === "." && j > label.length)) return true;
  }
  return false;
}

function hasDigit(text: string, sentence: Sentence): boolean {
  for (let i = sentence.start; i < sentence.end; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

function isQuestion(text: string, sentence: Sentence): boolean {
  let j = sentence.end - 1;
  while (j > sentence.start && isBlank(text.charCodeAt(j))) j -= 1;
  return text[j] === "?";
}

/** The last `\boxed{`/`\fbox{` never closed: a final answer cut off mid-box. */
function unclosedLastBox(text: string): boolean {
  const at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
  if (at === -1) return false;
  let j = at + (text.startsWith("\\boxed", at) ? 6 : 5);
  while (text[j] === " ") j += 1;
  if (text[j] !== "{") return false;
  let depth = 0;
  for (let k = j; k < text.length; k += 1) {
    const ch = text[k];
    if (ch === "\\") k += 1;
    else if (ch === "{") depth += 1;
    else if (ch === "}" && --depth === 0) return false;
  }
  return true;
}

const TRAILING_OPERATORS = new Set([..."+*/^=\\"]);

/** The last line ends inside a formula: more `{` than `}`, or a dangling operator (`x = `, `3 +`). */
function cutMidFormula(text: string): boolean {
  const trimmed = text.trimEnd();
  const lastLine = trimmed.slice(trimmed.lastIndexOf("\n") + 1);
  let depth = 0;
  for (let k = 0; k < lastLine.length; k += 1) {
    const ch = lastLine[k];
    if (ch === "\\") k += 1;
    else if (ch === "{") depth += 1;
    else if (ch === "}") depth -= 1;
  }
  const last = lastLine === "" ? undefined : lastLine[lastLine.length - 1];
  return depth > 0 || (last !== undefined && TRAILING_OPERATORS.has(last) && !lastLine.endsWith("\\\\"));
}

/**
 * Finds where the final answer of a region can be: before an invented follow-up, and (for
 * anchors and bare values) before a check or a question that follows the last sentence stating
 * a result with a value.
 * @param region - The bounded answer region.
 * @returns The body bounds and, for a cut-off completion, why it has no final answer.
 * @example
 * answerBody("So Paul can buy 3 toys. This makes sense because 3 × 5 = 15.").statementEnd; // 23
 */
export function answerBody(region: string): AnswerBody {
  let end = region.length;
  const firstDigit = firstDigitAt(region);
  // An invented follow-up: a labelled line after some value (`Question 2:` on its own line).
  if (firstDigit !== -1) {
    for (let at = region.indexOf("\n", firstDigit); at !== -1; at = region.indexOf("\n", at + 1)) {
      const line: Sentence = { start: at + 1, end: Math.min(region.length, at + 41) };
      if (mayOpenLabel(region, line) && isFollowUpLabel(opening(region, line))) {
        end = at + 1;
        break;
      }
    }
  }
  // Walk back from the end to the last concluding sentence, remembering the first check after it.
  let statementEnd = -1;
  let textStatementEnd = -1;
  let check = -1;
  for (const sentence of sentencesFromEnd(region, end)) {
    const head = opening(region, sentence);
    if (opensWith(head, CONCLUSIONS)) {
      if (textStatementEnd === -1) textStatementEnd = check === -1 ? end : check;
      if (hasDigit(region, sentence)) statementEnd = check === -1 ? end : check;
    }
    if (statementEnd !== -1) break;
    if (isQuestion(region, sentence) || opensWith(head, CHECKS)) check = sentence.start;
  }
  if (statementEnd === -1) statementEnd = end;
  if (textStatementEnd === -1) textStatementEnd = end;
  const kept = region.slice(0, end);
  let truncated: string | null = null;
  if (unclosedLastBox(kept)) truncated = "its last \\boxed{ is never closed, so the final answer is cut off";
  else if (cutMidFormula(kept)) truncated = "it ends in the middle of a formula, so the final answer is cut off";
  return { end, statementEnd, textStatementEnd, truncated };
}
