import type { Sample } from "./types.js";

/**
 * Input bounds shared by every scanner. Completions longer than this are cut once, where samples
 * enter the reward ({@link withinLimits}), before any regex or scan runs, so no input can make the
 * pure core slow. The public scorers that take raw text cut it again on their own.
 */
export const MAX_RESPONSE_CHARS = 1_000_000;

/** How far back from the end of the answer segment regex-based extractors look. */
export const MAX_ANSWER_SEGMENT_CHARS = 20_000;

function keepTail(text: string): string {
  return text.length > MAX_RESPONSE_CHARS ? text.slice(text.length - MAX_RESPONSE_CHARS) : text;
}

function cut(text: string): string {
  return text.length > MAX_RESPONSE_CHARS ? text.slice(0, MAX_RESPONSE_CHARS) : text;
}

function cutList(texts: readonly string[]): readonly string[] {
  return texts.some((text) => text.length > MAX_RESPONSE_CHARS) ? texts.map(cut) : texts;
}

/**
 * Cuts every text of a sample to {@link MAX_RESPONSE_CHARS}, once, where samples enter the reward.
 * The response keeps its last characters, where the answer segment and the final answer are (a
 * cut-off `<thinking>` is restored by the template's prefix rule, as for any response); the other
 * fields keep their first characters. Samples within the limit are returned as they are (no copy).
 * @param sample - A validated sample.
 * @returns The same sample, or a copy with its long texts cut.
 * @example
 * withinLimits({ response: "x".repeat(2_000_000), answerable: true, goldAnswer: "1" }).response.length; // 1_000_000
 */
export function withinLimits(sample: Sample): Sample {
  const { response, goldAnswer, missingFacts, referenceClarification, question } = sample;
  const long =
    response.length > MAX_RESPONSE_CHARS ||
    (typeof goldAnswer === "string"
      ? goldAnswer.length > MAX_RESPONSE_CHARS
      : goldAnswer?.some((gold) => gold.length > MAX_RESPONSE_CHARS) === true) ||
    missingFacts?.some((fact) => fact.length > MAX_RESPONSE_CHARS) === true ||
    (referenceClarification?.length ?? 0) > MAX_RESPONSE_CHARS ||
    (question?.length ?? 0) > MAX_RESPONSE_CHARS;
  if (!long) return sample;
  const bounded: Sample = { ...sample, response: keepTail(response) };
  if (goldAnswer !== undefined) bounded.goldAnswer = typeof goldAnswer === "string" ? cut(goldAnswer) : cutList(goldAnswer);
  if (missingFacts !== undefined) bounded.missingFacts = cutList(missingFacts);
  if (referenceClarification !== undefined) bounded.referenceClarification = cut(referenceClarification);
  if (question !== undefined) bounded.question = cut(question);
  return bounded;
}
