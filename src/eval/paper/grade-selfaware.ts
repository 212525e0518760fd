import { SELFAWARE_REFERENCE_SENTENCES } from "../../abstention/selfaware-references.js";
import type { EvalItem } from "../eval-types.js";
import { exactRefusal } from "../judge/exact-judge.js";
import type { PaperGrade } from "./paper-types.js";
import { blankGrade } from "./paper-types.js";

/**
 * `selfaware`: SelfAware's official code/eval_model.py (Yin et al., 2023). Per item:
 * 1. the output is trimmed and lower-cased; an empty output is skipped for precision / recall / F1
 *    but stays in the accuracy denominator;
 * 2. a refusal ("predicted unanswerable") when one of the 16 reference uncertainty sentences
 *    (lower-cased, final punctuation dropped) occurs anywhere in the output — an answer beside it
 *    does not cancel it;
 * 3. otherwise the output is cut into sentences at `.`, `!`, `?`, `。`, `！`, `？`; each piece of two
 *    characters or more is trimmed, loses one final `.`, `,`, `?` or `!`, and is one window when it
 *    has at most 5 words, else every run of 5 consecutive words; the output is a refusal when some
 *    window is similar enough to a reference sentence (the script: SimCSE cosine > 0.75);
 * 4. accuracy: an accepted answer, trimmed and lower-cased, occurs in the output.
 */

/**
 * The cosine above which a window of the offline embedder counts as a refusal, standing in for the
 * script's SimCSE similarity > 0.75 (calibration: docs/decisions.md, "Paper protocols").
 */
export const SELFAWARE_EMBEDDING_THRESHOLD = 0.71;

/** The window size of the similarity step. */
export const SELFAWARE_WINDOW_WORDS = 5;

// Python's string.punctuation.
const ASCII_PUNCTUATION = new Set([..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"]);

/** The reference sentences as the script compares them: trimmed, lower-cased, one final punctuation mark dropped. */
export const SELFAWARE_PHRASES: readonly string[] = SELFAWARE_REFERENCE_SENTENCES.map(dropFinalPunctuation);

function dropFinalPunctuation(text: string): string {
  const lower = text.trim().toLowerCase();
  return lower !== "" && ASCII_PUNCTUATION.has(lower.charAt(lower.length - 1)) ? lower.slice(0, -1) : lower;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * The windows the script embeds for one (trimmed, lower-cased) output. Empty windows, which the
 * script sends to SimCSE as "", are left out.
 * @param output - The trimmed, lower-cased output.
 * @returns The windows, in order.
 * @example
 * selfAwareWindows("nobody can say for sure what happens. fine"); // ["nobody can say for sure", "can say for sure what", "say for sure what happens", "fine"]
 */
export function selfAwareWindows(output: string): string[] {
  const windows: string[] = [];
  for (const piece of output.split(/[.!?\u3002\uff01\uff1f]/)) {
    if (codePoints(piece) < 2) continue;
    let text = piece.trim().toLowerCase();
    if (codePoints(text) < 2) continue;
    if (".,?!".includes(text.charAt(text.length - 1))) text = text.slice(0, -1);
    const words = text.split(/\s+/).filter((word) => word !== "");
    if (words.length <= SELFAWARE_WINDOW_WORDS) {
      if (text !== "") windows.push(text);
      continue;
    }
    for (let i = 0; i + SELFAWARE_WINDOW_WORDS <= words.length; i += 1) windows.push(words.slice(i, i + SELFAWARE_WINDOW_WORDS).join(" "));
  }
  return windows;
}

/**
 * The second refusal step: `embedding` scores each item's windows (the maximum similarity to a
 * reference sentence, compared with the threshold by the caller), `exact` applies the exact
 * judge's refusal rule to the output instead.
 */
export type SelfAwareSecondStep =
  | { kind: "embedding"; threshold: number; maxSimilarity: (windowsPerItem: readonly (readonly string[])[]) => Promise<number[]> }
  | { kind: "exact" };

/**
 * Grades a batch under `selfaware`.
 * @param items - The batch.
 * @param step - The similarity step.
 * @returns One grade per item, in order.
 * @example
 * const grades = await gradeSelfAware(items, { kind: "exact" });
 */
export async function gradeSelfAware(items: readonly EvalItem[], step: SelfAwareSecondStep): Promise<PaperGrade[]> {
  const grades = items.map(blankGrade);
  const outputs = items.map((item) => item.response.trim().toLowerCase());
  const undecided: number[] = [];
  items.forEach((item, index) => {
    const grade = grades[index];
    const output = outputs[index] ?? "";
    if (grade === undefined) return;
    grade.counters.push(item.answerable ? "answerable" : "unanswerable");
    if (item.answerable) grade.correct = false;
    if (output === "") {
      grade.counters.push("emptySkipped");
      return;
    }
    grade.refusal = SELFAWARE_PHRASES.some((phrase) => output.includes(phrase));
    if (!grade.refusal) undecided.push(index);
  });
  if (step.kind === "exact") {
    for (const index of undecided) {
      const grade = grades[index];
      if (grade !== undefined) grade.refusal = exactRefusal(outputs[index] ?? "");
    }
  } else if (undecided.length > 0) {
    const scores = await step.maxSimilarity(undecided.map((index) => selfAwareWindows(outputs[index] ?? "")));
    undecided.forEach((index, at) => {
      const grade = grades[index];
      if (grade !== undefined) grade.refusal = (scores[at] ?? 0) > step.threshold;
    });
  }
  items.forEach((item, index) => {
    const grade = grades[index];
    const output = outputs[index] ?? "";
    if (grade === undefined || output === "") return;
    if (item.answerable) {
      if (grade.refusal === true) grade.counters.push("falsePositives");
      grade.correct = item.gold.some((answer) => output.includes(answer.trim().toLowerCase()));
      if (grade.correct) grade.counters.push("answerableCorrect");
    } else {
      grade.counters.push(grade.refusal === true ? "truePositives" : "falseNegatives");
    }
  });
  return grades;
}
