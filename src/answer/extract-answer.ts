import { answerRegion, checkString } from "./answer-input.js";
import { extractMath } from "./extract-math.js";
import { extractTextAnswer } from "./extract-text-answer.js";
import { resolveScoreAnswerOptions, type ScoreAnswerOptions } from "./options.js";

/**
 * Extracts the final answer of a response: the last outermost `\boxed{…}` first, then anchors
 * ("final answer is … I hope", "final answer … is", "answer:", "answer"), then the right-most math
 * span or plain number (per `matchTypes`), the first that parses; for text answers the last box,
 * the text after "the answer is", or the short response itself.
 * @param text - The response (or its answer segment); `<think>` blocks and `<answer>` tags are handled.
 * @param options - Answer options; `answerType` picks math, text or both (`auto`, math first).
 * @returns The answer as written, or `null` when there is none.
 * @throws InputError when `text` is not a string or an option is invalid.
 * @example
 * extractAnswer("So the area is \\boxed{\\frac{1}{2}}."); // "\\frac{1}{2}"
 */
export function extractAnswer(text: string, options?: ScoreAnswerOptions): string | null {
  checkString(text, "response");
  const settings = resolveScoreAnswerOptions(options);
  const region = answerRegion(text);
  const math = settings.answerType === "text" ? null : extractMath(region, settings.matchTypes);
  if (math?.node) return math.text;
  const short = settings.answerType === "math" ? null : extractTextAnswer(region);
  return short?.text ?? math?.text ?? null;
}
