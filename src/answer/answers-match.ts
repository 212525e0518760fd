import { MAX_ANSWER_SEGMENT_CHARS } from "../limits.js";
import type { AnswerResult } from "../types.js";
import { InputError } from "../errors.js";
import type { AnswerExtraction } from "./extract-answer.js";
import { gradeAnswer } from "./grade-answer.js";
import type { ScoreAnswerOptions } from "./options.js";
import { parseMathAnswer } from "./parse-answer.js";
import { checkSameParse, resolveGold, type ParsedGold } from "./parsed-gold.js";
import type { Prediction } from "./read-prediction.js";
import { stripMarkup } from "./text-normalize.js";

function isExtraction(value: unknown): value is AnswerExtraction {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "answer-extraction";
}

/** A bare answer string read strictly as one answer (no extraction). */
function fromString(predicted: string): Prediction {
  // An extracted answer is short; a longer string is cut to the same bound as any answer region.
  const text = predicted.slice(-MAX_ANSWER_SEGMENT_CHARS).trim();
  if (text === "") return { math: null, text: null, truncated: null };
  return {
    math: { text, node: parseMathAnswer(text, "plain"), source: "expr", mode: "plain" },
    text: { text: stripMarkup(text), source: "text", alternatives: [], whole: null },
    truncated: null,
  };
}

/**
 * Compares an answer with the gold answer(s): an {@link AnswerExtraction} from `extractAnswer` is
 * graded without re-reading (so the two steps agree with `scoreAnswer`); a plain string is read
 * strictly as one answer. The gold is parsed leniently, or given already parsed by `parseGold`.
 * @param gold - The accepted answer, several, or a `ParsedGold`.
 * @param predicted - An extraction from `extractAnswer`, or the answer text itself.
 * @param options - Answer options (leave `answerType`/`matchTypes` out, or give the ones used to parse).
 * @returns The same result shape as `scoreAnswer`.
 * @throws InputError when an argument has the wrong type or an option is invalid or differs from a parse.
 * @example
 * answersMatch("\\frac{1}{3}", "0.333333").correct; // true
 */
export function answersMatch(
  gold: string | readonly string[] | ParsedGold,
  predicted: string | AnswerExtraction,
  options?: ScoreAnswerOptions,
): AnswerResult {
  const { parsed, settings } = resolveGold(gold, options);
  let prediction: Prediction;
  if (isExtraction(predicted)) {
    checkSameParse("extraction", predicted.options, settings);
    // Only the readings this gold uses, so the result is the one `scoreAnswer` gives.
    prediction = {
      math: parsed.needs.math ? predicted.math : null,
      text: parsed.needs.text ? predicted.shortText : null,
      truncated: predicted.truncated,
    };
  } else if (typeof predicted === "string") {
    prediction = fromString(predicted);
  } else {
    throw new InputError(
      `The predicted answer must be a string or the result of extractAnswer, got ${predicted === null ? "null" : typeof predicted}.`,
      [{ path: ["predicted answer"], message: "Expected string or AnswerExtraction" }],
    );
  }
  return gradeAnswer(parsed.golds, prediction, settings);
}
