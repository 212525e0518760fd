/**
 * The judge of the paper protocols: the three questions the Abstain-R1 scripts ask an LLM, behind
 * one interface so the offline verifier, a deterministic rule and an OpenAI-compatible endpoint are
 * interchangeable. Pure types.
 */

/** The judges `eval` ships: the offline verifier, the deterministic rule, an HTTP endpoint. */
export const JUDGE_KINDS = ["local", "exact", "http"] as const;
export type JudgeKind = (typeof JUDGE_KINDS)[number];

/** The label of an answerable item, as the scripts' answer prompt defines it. */
export const ANSWER_LABELS = ["correct", "incorrect", "idk"] as const;
export type AnswerLabel = (typeof ANSWER_LABELS)[number];

/** Names one item in judge errors and cache entries ("results.jsonl line 7, answerable"). */
export interface JudgeItemRef {
  label: string;
}

/** "Is this answer correct, wrong, or a refusal?" */
export interface AnswerQuery extends JudgeItemRef {
  question: string | null;
  /** Accepted answers; the item is correct when it matches one. */
  gold: readonly string[];
  /** The text the script shows its judge (the answer segment, or the whole output when tags fail). */
  output: string;
}

/** "Does this output refuse, and is its stated reason the reference's missing information?" */
export interface RefusalQuery extends JudgeItemRef {
  question: string | null;
  referenceClarification: string;
  /** Annotated or derived missing facts (used by the offline verifier only). */
  missingFacts: readonly string[];
  output: string;
}

/** "Does this clarification (the marker already removed) match the reference?" */
export interface ClarificationQuery extends JudgeItemRef {
  question: string | null;
  referenceClarification: string;
  missingFacts: readonly string[];
  clarification: string;
}

/** The judge's verdict on an unanswerable output. */
export interface RefusalVerdict {
  refusal: boolean;
  /** `null` when the judge cannot measure clarifications (no verifier). */
  clarificationOk: boolean | null;
}

/**
 * A failed judgement of one item that the protocol counts (the strict script's `judge_error`);
 * transport failures and malformed replies throw instead, naming the item.
 */
export interface JudgeFailure {
  error: string;
}

/** A judge answers each question for a whole batch at once, one result per query, in order. */
export interface Judge {
  /** Shown in the report header: kind plus model or verifier name. */
  readonly name: string;
  readonly kind: JudgeKind;
  /** `false` when clarifications cannot be judged (the offline judge without a verifier). */
  readonly measuresClarification: boolean;
  judgeAnswers(queries: readonly AnswerQuery[]): Promise<(AnswerLabel | JudgeFailure)[]>;
  judgeRefusals(queries: readonly RefusalQuery[]): Promise<(RefusalVerdict | JudgeFailure)[]>;
  judgeClarifications(queries: readonly ClarificationQuery[]): Promise<(boolean | null | JudgeFailure)[]>;
}

/**
 * Whether a judge result is a failure.
 * @param value - A judge result.
 * @returns `true` for a {@link JudgeFailure}.
 * @example
 * isJudgeFailure({ error: "verifier crashed" }); // true
 */
export function isJudgeFailure(value: unknown): value is JudgeFailure {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}
