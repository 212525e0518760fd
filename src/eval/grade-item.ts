import type { AbstentionResult, AnswerResult, ClarificationStatus, RewardResult } from "../types.js";
import type { ClarificationOutcome, EvalItem, ItemGrade } from "./eval-types.js";

/**
 * Whether a detector result is a refusal: an abstention that is not hedged by a boxed guess
 * (a hedge answers, so on an answerable item it is graded as an answer, not a false refusal).
 * @param abstention - The detector's result.
 * @returns `true` for a refusal.
 * @example
 * isRefusal({ score: 1, reason: "marker", abstained: true, hedged: false, explicit: true, kind: "unknown", span: null, confidence: 1 }); // true
 */
export function isRefusal(abstention: AbstentionResult): boolean {
  return abstention.abstained && !abstention.hedged;
}

/**
 * SelfAware's answerable accuracy (Yin et al. 2023, `eval_model.py`): some accepted answer,
 * stripped and lower-cased, occurs in the stripped, lower-cased output.
 * @param output - The model output.
 * @param answers - Accepted answers.
 * @returns `true` when one occurs.
 * @example
 * selfAwareAnswerMatch("It is Cane Corso.", ["cane corso"]); // true
 */
export function selfAwareAnswerMatch(output: string, answers: readonly string[]): boolean {
  const text = output.trim().toLowerCase();
  if (text === "") return false;
  return answers.some((answer) => {
    const needle = answer.trim().toLowerCase();
    return needle !== "" && text.includes(needle);
  });
}

/** Maps the reward's clarification status to the evaluation's outcome. */
export function outcomeOfStatus(status: ClarificationStatus): ClarificationOutcome {
  switch (status) {
    case "verified":
      return "verified";
    case "rejected":
    case "not-applicable":
      return "rejected";
    case "unverified":
      return "unverified";
    case "annotation-missing":
      return "annotation-missing";
    case "verifier-error":
      return "verifier-error";
  }
}

/** How the answer of an answerable item was graded. */
export interface AnswerOutcome {
  correct: boolean | null;
  noAnswer: boolean;
}

/**
 * Reads the answer outcome off a reward result whose tag gate passed.
 * @param reward - The reward result.
 * @returns The outcome, or `null` when the reward did not check the answer (gate failed).
 * @example
 * answerFromReward(result); // { correct: true, noAnswer: false }
 */
export function answerFromReward(reward: RewardResult): AnswerOutcome | null {
  switch (reward.reason) {
    case "answer-correct":
      return { correct: true, noAnswer: false };
    case "answer-wrong":
    case "answer-idk":
      return { correct: false, noAnswer: false };
    case "answer-missing":
      return { correct: false, noAnswer: true };
    case "gold-ungradeable":
      return { correct: null, noAnswer: false };
    default:
      return null;
  }
}

/**
 * Reads the answer outcome off a direct answer check.
 * @param result - `scoreAnswer`'s result.
 * @returns The outcome; an unparseable gold (`score: null`) is ungradeable.
 * @example
 * answerFromCheck({ correct: false, score: null, extracted: "4", method: "none", reason: "…" }); // { correct: null, noAnswer: false }
 */
export function answerFromCheck(result: AnswerResult): AnswerOutcome {
  if (result.score === null) return { correct: null, noAnswer: false };
  return { correct: result.score === 1, noAnswer: result.extracted === null };
}

/** Everything measured about one item, assembled into its grade by {@link gradeItem}. */
export interface GradeParts {
  formatOk: boolean;
  reward: RewardResult | null;
  refused: boolean;
  /** Answerable items only. */
  answer: AnswerOutcome | null;
  /** Unanswerable items of protocols with clarification annotations only. */
  clarification: ClarificationOutcome | null;
}

/**
 * Assembles the grade of one item.
 * @param item - The item.
 * @param parts - Its measurements.
 * @returns The grade the metrics count.
 * @example
 * gradeItem(item, { formatOk: true, reward, refused: false, answer: { correct: true, noAnswer: false }, clarification: null });
 */
export function gradeItem(item: EvalItem, parts: GradeParts): ItemGrade {
  const reward = parts.reward;
  return {
    line: item.line,
    id: item.id,
    dataset: item.dataset,
    variant: item.variant,
    answerable: item.answerable,
    empty: item.response.trim() === "",
    formatOk: parts.formatOk,
    reward: reward !== null && reward.gradeable ? reward.reward : null,
    reason: reward?.reason ?? null,
    refused: parts.refused,
    correct: item.answerable ? (parts.answer?.correct ?? null) : null,
    noAnswer: item.answerable ? (parts.answer?.noAnswer ?? false) : false,
    clarified: item.answerable || parts.clarification === null ? null : clarifiedOf(parts.clarification),
    clarification: item.answerable ? null : parts.clarification,
  };
}

function clarifiedOf(outcome: ClarificationOutcome): boolean | null {
  if (outcome === "verified") return true;
  if (outcome === "rejected" || outcome === "no-refusal") return false;
  return null;
}
