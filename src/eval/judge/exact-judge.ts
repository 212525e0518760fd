import { isIdkBox } from "../../abstention/idk-marker.js";
import { findBoxes } from "../../completion/find-boxes.js";
import type { AnswerLabel, ClarificationQuery, Judge, RefusalVerdict } from "./judge-types.js";

/**
 * The deterministic `exact` judge: a fixed exact-match rule anyone can re-implement, so that the
 * paper's scripts with their LLM judge replaced by the same rule give the same numbers as `eval`.
 * Pure and linear in the output's length.
 */

/** Refusal phrases, searched in the lower-cased output. */
export const EXACT_REFUSAL_PHRASES: readonly string[] = [
  "i don't know",
  "i don\u2019t know",
  "cannot be determined",
  "cannot be answered",
  "not enough information",
  "does not specify",
  "does not state",
  "cannot answer",
];

/**
 * The exact judge's normalization: lower-case, whitespace runs collapsed to one space, trimmed,
 * then trailing periods and spaces stripped.
 * @param text - Any text.
 * @returns The normalized text.
 * @example
 * exactNormalize("  The   Width.. "); // "the width"
 */
export function exactNormalize(text: string): string {
  const collapsed = collapse(text);
  // A loop, not /[. ]+$/: that regex retries from every period or space and is quadratic.
  let end = collapsed.length;
  while (end > 0 && (collapsed.charAt(end - 1) === "." || collapsed.charAt(end - 1) === " ")) end -= 1;
  return collapsed.slice(0, end);
}

function collapse(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The contents of the `\boxed{…}` of a text that are not the "I don't know" marker (the project's
 * marker detector: any apostrophe, case, `\text{}` wrapper, final period), in order.
 * @param text - An output.
 * @returns The concrete box contents.
 * @example
 * concreteBoxes("\\boxed{I don't know} or \\boxed{5}"); // ["5"]
 */
export function concreteBoxes(text: string): string[] {
  return findBoxes(text)
    .filter((box) => box.command === "boxed" && !isIdkBox(box.content, "fixed"))
    .map((box) => box.content);
}

/**
 * Whether an output refuses under the exact rule: a marker box, or one of
 * {@link EXACT_REFUSAL_PHRASES} in the lower-cased output.
 * @param text - An output.
 * @returns `true` for a refusal.
 * @example
 * exactRefusal("The rate cannot be determined."); // true
 */
export function exactRefusal(text: string): boolean {
  const lower = text.toLowerCase();
  if (EXACT_REFUSAL_PHRASES.some((phrase) => lower.includes(phrase))) return true;
  return findBoxes(text).some((box) => box.command === "boxed" && isIdkBox(box.content, "fixed"));
}

const TAGS = /<\/?(?:thinking|answer|think)>/gi;

/**
 * The exact rule for an answerable item.
 * @param output - The text the script shows its judge.
 * @param gold - Accepted answers.
 * @returns `correct` when the last concrete box (or, with no box and no refusal, the text after the
 *   last "answer is", or the whole output without tags) equals a gold after normalization; `idk`
 *   for a refusal without a concrete box; `incorrect` otherwise.
 * @example
 * exactAnswerLabel("I don't know for sure, but \\boxed{42}", ["42"]); // "correct"
 */
export function exactAnswerLabel(output: string, gold: readonly string[]): AnswerLabel {
  const golds = gold.map(exactNormalize);
  const boxes = concreteBoxes(output);
  const last = boxes[boxes.length - 1];
  if (last !== undefined) return golds.includes(exactNormalize(last)) ? "correct" : "incorrect";
  if (exactRefusal(output)) return "idk";
  const plain = output.replace(TAGS, " ");
  const anchor = plain.toLowerCase().lastIndexOf("answer is");
  const candidate = anchor === -1 ? plain : plain.slice(anchor + "answer is".length);
  return golds.includes(exactNormalize(candidate)) ? "correct" : "incorrect";
}

/**
 * The exact rule for an unanswerable item.
 * @param output - The text the script shows its judge.
 * @param referenceClarification - The reference clarification.
 * @returns Not refused when a concrete box is present; else refused when a refusal is present, and
 *   the clarification acceptable when refused and the normalized reference occurs verbatim in the
 *   whitespace-collapsed, lower-cased output.
 * @example
 * exactRefusalVerdict("\\boxed{I don't know} The width is missing.", "The width is missing."); // { refusal: true, clarificationOk: true }
 */
export function exactRefusalVerdict(output: string, referenceClarification: string): RefusalVerdict {
  if (concreteBoxes(output).length > 0) return { refusal: false, clarificationOk: false };
  const refusal = exactRefusal(output);
  return { refusal, clarificationOk: refusal && containsReference(output, referenceClarification) };
}

/**
 * The exact rule for a clarification whose marker was already removed (the strict SUM script).
 * @param query - The clarification and its reference.
 * @returns `true` when the normalized reference occurs verbatim in the collapsed, lower-cased clarification.
 * @example
 * exactClarificationOk({ label: "x", question: null, referenceClarification: "Width missing.", missingFacts: [], clarification: "The WIDTH  missing" }); // true
 */
export function exactClarificationOk(query: ClarificationQuery): boolean {
  return containsReference(query.clarification, query.referenceClarification);
}

function containsReference(text: string, reference: string): boolean {
  const needle = exactNormalize(reference);
  return needle !== "" && collapse(text).includes(needle);
}

/**
 * The `exact` judge.
 * @returns A judge that needs no model and no network.
 * @example
 * const judge = createExactJudge();
 * await judge.judgeAnswers([{ label: "line 1", question: null, gold: ["4"], output: "\\boxed{4}" }]); // ["correct"]
 */
export function createExactJudge(): Judge {
  return {
    name: "exact (deterministic exact-match rule)",
    kind: "exact",
    measuresClarification: true,
    judgeAnswers: async (queries) => queries.map((query) => exactAnswerLabel(query.output, query.gold)),
    judgeRefusals: async (queries) => queries.map((query) => exactRefusalVerdict(query.output, query.referenceClarification)),
    judgeClarifications: async (queries) => queries.map(exactClarificationOk),
  };
}
