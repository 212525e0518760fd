import { checkString } from "./answer-input.js";
import type { MathExtraction } from "./extract-math.js";
import type { TextExtraction } from "./extract-text-answer.js";
import { resolveScoreAnswerOptions, type ResolvedScoreAnswerOptions, type ScoreAnswerOptions } from "./options.js";
import { readPrediction, type Prediction } from "./read-prediction.js";

/**
 * The final answer read from a response, parsed (Math-Verify's `parse` of the prediction): pass it
 * to `answersMatch` to grade it against any gold without reading the response again.
 */
export interface AnswerExtraction {
  readonly kind: "answer-extraction";
  /** The answer as written (the math answer when one parsed, else the short-text answer), or `null` when there is none. */
  readonly text: string | null;
  /** The math reading: the chosen candidate and its parse (`node: null` when it did not parse). */
  readonly math: MathExtraction | null;
  /** The short-text reading (box, anchor phrase, or the short response itself). */
  readonly shortText: TextExtraction | null;
  /** Why there is no final answer although the response has text (it is cut off), else `null`. */
  readonly truncated: string | null;
  /** The options it was read with. */
  readonly options: ResolvedScoreAnswerOptions;
}

/**
 * Wraps a prediction read from a response.
 * @param prediction - What was read.
 * @param options - The options it was read with.
 * @returns The frozen extraction.
 */
export function toExtraction(prediction: Prediction, options: ResolvedScoreAnswerOptions): AnswerExtraction {
  const math = prediction.math;
  const text = math?.node ? math.text : (prediction.text?.text ?? math?.text ?? null);
  return Object.freeze({ kind: "answer-extraction", text, math, shortText: prediction.text, truncated: prediction.truncated, options });
}

/**
 * Extracts the final answer of a response: the last `\boxed{…}` (with the boxes joined to it),
 * then anchors ("final answer is … I hope", "final answer … is", "answer:", "answer"), then the
 * right-most math span or plain number (per `matchTypes`), the first that parses — all before an
 * invented follow-up question, and anchors and bare values before a check of the answer; for
 * text answers the last box, the text after "the answer is", or the short response itself.
 * @param text - The response (or its answer segment); `<think>` blocks and `<answer>` tags are handled.
 * @param options - Answer options; `answerType` picks math, text or both (`auto`).
 * @returns The parsed extraction; its `text` is `null` when there is no answer. Give it to `answersMatch`.
 * @throws InputError when `text` is not a string or an option is invalid.
 * @example
 * const answer = extractAnswer("So the area is \\boxed{\\frac{1}{2}}.");
 * answer.text; // "\\frac{1}{2}"
 * answersMatch("0.5", answer).correct; // true
 */
export function extractAnswer(text: string, options?: ScoreAnswerOptions): AnswerExtraction {
  checkString(text, "response");
  const settings = resolveScoreAnswerOptions(options);
  const wants = { math: settings.answerType !== "text", text: settings.answerType !== "math" };
  return toExtraction(readPrediction(text, settings.matchTypes, wants), settings);
}
