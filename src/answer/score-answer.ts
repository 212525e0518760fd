import { MAX_RESPONSE_CHARS } from "../limits.js";
import type { AnswerResult } from "../types.js";
import { checkString, goldList } from "./answer-input.js";
import { gradeAnswer } from "./grade-answer.js";
import { readPrediction } from "./read-prediction.js";
import { resolveScoreAnswerOptions, type ScoreAnswerOptions } from "./options.js";
import { parseGold } from "./parse-gold.js";

/**
 * Scores a response against the gold answer(s): extracts the final answer, then compares it as
 * math (numbers, fractions, radicals, sets, intervals, relations, matrices, symbolic equivalence)
 * or as short text (normalized, aliases, yes/no, choice letters, fuzzy), as the gold calls for.
 * An ungradeable gold gives `score: null` with the reason; a garbage response gives 0.
 * @param response - The completion, or its answer segment.
 * @param gold - The accepted answer, or several accepted answers.
 * @param options - Answer options.
 * @returns `{ correct, score, extracted, method, reason }`.
 * @throws InputError when an argument is not a string (or string list) or an option is invalid.
 * @example
 * scoreAnswer("The answer is $\\boxed{\\dfrac{1}{2}}$.", "0.5").score; // 1
 */
export function scoreAnswer(response: string, gold: string | readonly string[], options?: ScoreAnswerOptions): AnswerResult {
  checkString(response, "response");
  const golds = goldList(gold);
  const settings = resolveScoreAnswerOptions(options);
  const parsed = golds.map((one) => parseGold(one, settings));
  const needsMath = parsed.some((one) => one.kind === "math");
  const needsText = parsed.some((one) => one.kind === "text" || (one.kind === "math" && one.alsoText));
  const prediction = readPrediction(response, settings.matchTypes, { math: needsMath, text: needsText });
  const result = gradeAnswer(parsed, prediction, settings);
  if (response.length <= MAX_RESPONSE_CHARS) return result;
  const cut = ` Only the last ${MAX_RESPONSE_CHARS.toLocaleString("en-US")} of its ${response.length.toLocaleString("en-US")} characters were read.`;
  return { ...result, reason: `${result.reason}${cut}` };
}
