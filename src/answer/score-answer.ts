import { MAX_RESPONSE_CHARS } from "../limits.js";
import type { AnswerResult } from "../types.js";
import { checkString } from "./answer-input.js";
import { gradeAnswer } from "./grade-answer.js";
import type { ScoreAnswerOptions } from "./options.js";
import { resolveGold, type ParsedGold } from "./parsed-gold.js";
import { readPrediction } from "./read-prediction.js";

/**
 * Scores a response against the gold answer(s): extracts the final answer, then compares it as
 * math (numbers, fractions, radicals, sets, intervals, relations, matrices, symbolic equivalence)
 * or as short text (normalized, aliases, yes/no, choice letters, fuzzy), as the gold calls for.
 * An ungradeable gold gives `score: null` with the reason; a garbage response gives 0.
 * @param response - The completion, or its answer segment.
 * @param gold - The accepted answer, several accepted answers, or a gold parsed once by `parseGold`.
 * @param options - Answer options (with a parsed gold: leave `answerType`/`matchTypes` out, or give the same).
 * @returns `{ correct, score, extracted, method, reason }`.
 * @throws InputError when an argument is not a string (or string list) or an option is invalid.
 * @example
 * scoreAnswer("The answer is $\\boxed{\\dfrac{1}{2}}$.", "0.5").score; // 1
 */
export function scoreAnswer(response: string, gold: string | readonly string[] | ParsedGold, options?: ScoreAnswerOptions): AnswerResult {
  checkString(response, "response");
  const { parsed, settings } = resolveGold(gold, options);
  const prediction = readPrediction(response, settings.matchTypes, parsed.needs);
  const result = gradeAnswer(parsed.golds, prediction, settings);
  if (response.length <= MAX_RESPONSE_CHARS) return result;
  const cut = ` Only the last ${MAX_RESPONSE_CHARS.toLocaleString("en-US")} of its ${response.length.toLocaleString("en-US")} characters were read.`;
  return { ...result, reason: `${result.reason}${cut}` };
}
