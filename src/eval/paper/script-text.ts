import { countOf } from "../../text/count-of.js";

/**
 * The text rules the Abstain-R1 evaluation scripts apply before any judge is asked, written from
 * their documented behaviour (run/evaluate_abstain-wosum.py, run/evaluate_with_reference_sum.py,
 * run/evaluate_with_math_verify.py, run/evaluate_unanswerable.py of the Abstain-R1 code release).
 * Pure string functions: every regex is linear (no nested quantifiers) and inputs are cut to the
 * completion limit by the caller.
 */

const THINKING_OPEN = "<thinking>";
const THINKING_CLOSE = "</thinking>";
const ANSWER_OPEN = "<answer>";
const ANSWER_CLOSE = "</answer>";

/**
 * Prepends `<thinking>\n` unless the trimmed text already starts with `<thinking>` in any case,
 * as every Abstain-R1 script does before grading (the training prompt ends with that tag).
 * @param text - A model output.
 * @returns The output the scripts grade.
 * @example
 * addThinkingTagIfMissing("x</thinking>"); // "<thinking>\nx</thinking>"
 */
export function addThinkingTagIfMissing(text: string): string {
  if (text.trim().toLowerCase().startsWith(THINKING_OPEN)) return text;
  return `${THINKING_OPEN}\n${text}`;
}

/**
 * The scripts' format check: `<thinking>`, `</thinking>`, `<answer>`, `</answer>` each exactly once
 * (case-sensitive) and in that order. Unlike the training reward, whatever lies between the tags
 * does not matter.
 * @param text - The output after {@link addThinkingTagIfMissing}.
 * @returns `true` when the tags pass.
 * @example
 * hasRequiredTags("<thinking>a</thinking>b<answer>c</answer>"); // true
 */
export function hasRequiredTags(text: string): boolean {
  const tags = [THINKING_OPEN, THINKING_CLOSE, ANSWER_OPEN, ANSWER_CLOSE];
  if (tags.some((tag) => countOf(text, tag) !== 1)) return false;
  const positions = tags.map((tag) => text.indexOf(tag));
  return positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? -1));
}

/**
 * The content of the first `<answer>…</answer>` pair (tags matched in any case), trimmed, or
 * `null` when there is none.
 * @param text - An output.
 * @returns The answer text.
 * @example
 * extractAnswerTag("<answer> 4 </answer>"); // "4"
 */
export function extractAnswerTag(text: string): string | null {
  const open = /<answer>/i.exec(text);
  if (open === null) return null;
  const closePattern = /<\/answer>/gi;
  closePattern.lastIndex = open.index + ANSWER_OPEN.length;
  const close = closePattern.exec(text);
  if (close === null) return null;
  return text.slice(open.index + ANSWER_OPEN.length, close.index).trim();
}

/**
 * The scripts' "I don't know" string test: the phrase with a straight apostrophe, any case,
 * anywhere in the text (the boxed pattern they also list is a special case of it).
 * @param text - The graded text.
 * @returns `true` when the phrase occurs.
 * @example
 * saysIdk("well, i DON'T know"); // true
 */
export function saysIdk(text: string): boolean {
  return /I don't know/i.test(text);
}

// The strict script's marker: `\boxed{I don't know}`, apostrophe optional, one optional final
// period, any case, spaces inside the braces. Sequential quantifiers only.
const BOXED_IDK_SOURCE = String.raw`\\boxed\s*\{\s*I\s+don'?t\s+know\.?\s*\}`;

/**
 * Whether the text holds the boxed marker as the strict SUM script detects it.
 * @param text - An answer text.
 * @returns `true` for `\boxed{I don't know.}` and its spacing, case and apostrophe-less variants.
 * @example
 * hasBoxedIdk("\\boxed{i dont know}"); // true
 */
export function hasBoxedIdk(text: string): boolean {
  return new RegExp(BOXED_IDK_SOURCE, "i").test(text);
}

/**
 * The strict SUM script's clarification: the answer text with every boxed marker removed, trimmed.
 * @param text - An answer text.
 * @returns The clarification, or `null` when nothing is left.
 * @example
 * clarificationAfterMarker("\\boxed{I don't know.} The width is missing."); // "The width is missing."
 */
export function clarificationAfterMarker(text: string): string | null {
  const rest = text.replace(new RegExp(BOXED_IDK_SOURCE, "gi"), "").trim();
  return rest === "" ? null : rest;
}

/**
 * Replaces each `\boxed{…}` by its content up to the first `}` (spaces after `\boxed` and after `{`
 * skipped), left to right without overlap — the script's regex, in one linear pass (the regex
 * itself rescans to the end of the text from every unclosed `\boxed{`).
 */
function unboxFirstBrace(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let at = text.indexOf("\\boxed");
  while (at !== -1) {
    let i = at + "\\boxed".length;
    while (i < text.length && /\s/.test(text.charAt(i))) i += 1;
    if (text.charAt(i) === "{") {
      i += 1;
      while (i < text.length && /\s/.test(text.charAt(i))) i += 1;
      const close = text.indexOf("}", i);
      // No `}` after this box means none after any later one either.
      if (close === -1) break;
      parts.push(text.slice(from, at), text.slice(i, close));
      from = close + 1;
      at = text.indexOf("\\boxed", from);
    } else {
      at = text.indexOf("\\boxed", at + 1);
    }
  }
  parts.push(text.slice(from));
  return parts.join("");
}

/**
 * The permissive SUM script's answer normalization: each `\boxed{…}` replaced by its content up to
 * the first `}` (so nested braces are cut), `=`, `\` and `$` turned into spaces, whitespace
 * collapsed, trimmed, lower-cased.
 * @param text - An answer text or a gold answer.
 * @returns The normalized text.
 * @example
 * sumNormalize("So $x = \\boxed{ 42 }$"); // "so x 42"
 */
export function sumNormalize(text: string): string {
  return unboxFirstBrace(text)
    .replace(/[=\\$]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The permissive SUM script's string match: the normalized gold occurs in the normalized answer.
 * @param answer - The graded text.
 * @param gold - The gold answer.
 * @returns `false` when either side is empty.
 * @example
 * sumStringMatch("The answer is \\boxed{12} apples", "12"); // true
 */
export function sumStringMatch(answer: string, gold: string): boolean {
  if (answer === "" || gold === "") return false;
  const truth = sumNormalize(gold);
  return truth !== "" && sumNormalize(answer).includes(truth);
}
