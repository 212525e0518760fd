import { answerRegion } from "./answer-input.js";
import { extractMath, type MathExtraction } from "./extract-math.js";
import { extractTextAnswer, type TextExtraction } from "./extract-text-answer.js";
import { answerBody } from "./final-statement.js";
import type { MatchType } from "./options.js";

/** What was read from a response: its math answer, its short-text answer, or why it has none. */
export interface Prediction {
  math: MathExtraction | null;
  text: TextExtraction | null;
  /** Why no final answer was read although the response has text (it is cut off), or `null`. */
  truncated: string | null;
}

/**
 * Reads the final answer of a response once: the answer region, without an invented follow-up;
 * boxes anywhere in it, anchors and bare values only up to a check of the answer.
 * @param response - The completion or its answer segment.
 * @param matchTypes - Where math answers may be found.
 * @param wants - Which readings to make (math, text).
 * @returns The prediction.
 */
export function readPrediction(response: string, matchTypes: readonly MatchType[], wants: { math: boolean; text: boolean }): Prediction {
  if (!wants.math && !wants.text) return { math: null, text: null, truncated: null };
  const region = answerRegion(response);
  const body = answerBody(region);
  if (body.truncated !== null) return { math: null, text: null, truncated: body.truncated };
  const kept = region.slice(0, body.end);
  return {
    math: wants.math ? extractMath(kept, matchTypes, body.statementEnd) : null,
    text: wants.text ? extractTextAnswer(kept, body.textStatementEnd) : null,
    truncated: null,
  };
}
