import { MAX_ANSWER_SEGMENT_CHARS } from "../limits.js";
import type { AnswerResult } from "../types.js";
import { checkString, goldList } from "./answer-input.js";
import { gradeAnswer } from "./grade-answer.js";
import { resolveScoreAnswerOptions, type ScoreAnswerOptions } from "./options.js";
import { parseMathAnswer } from "./parse-answer.js";
import { parseGold } from "./parse-gold.js";
import { stripMarkup } from "./text-normalize.js";

/**
 * Compares an already-extracted answer with the gold answer(s): the gold is parsed leniently
 * (solutions, plain numbers, formulas, text), the prediction strictly as one answer.
 * @param gold - The accepted answer, or several.
 * @param predicted - The extracted answer, e.g. from {@link extractAnswer}.
 * @param options - Answer options.
 * @returns The same result shape as {@link scoreAnswer}.
 * @throws InputError when an argument has the wrong type or an option is invalid.
 * @example
 * answersMatch("\\frac{1}{3}", "0.333333").correct; // true
 */
export function answersMatch(gold: string | readonly string[], predicted: string, options?: ScoreAnswerOptions): AnswerResult {
  const golds = goldList(gold);
  checkString(predicted, "predicted answer");
  const settings = resolveScoreAnswerOptions(options);
  // An extracted answer is short; a longer string is cut to the same bound as any answer region.
  const text = predicted.slice(-MAX_ANSWER_SEGMENT_CHARS).trim();
  const node = text === "" ? null : parseMathAnswer(text, "plain");
  const prediction = {
    math: text === "" ? null : { text, node, source: "expr" as const, mode: "plain" as const },
    text: text === "" ? null : { text: stripMarkup(text), source: "text" as const, alternatives: [], whole: null },
    truncated: null,
  };
  return gradeAnswer(golds.map((one) => parseGold(one, settings)), prediction, settings);
}
