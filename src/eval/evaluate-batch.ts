import { answerSegment } from "../abstention/answer-segment.js";
import type {
  AbstentionResult,
  AnswerResult,
  ClarificationAnnotation,
  ClarificationRequest,
  ClarificationVerifier,
  CompatMode,
  RewardResult,
  Sample,
  Template,
} from "../types.js";
import type { ClarificationOutcome, EvalItem, EvalProtocol, ItemGrade } from "./eval-types.js";
import type { AnswerOutcome } from "./grade-item.js";
import { answerFromCheck, answerFromReward, gradeItem, isRefusal, outcomeOfStatus, selfAwareAnswerMatch } from "./grade-item.js";

/** What the evaluation runs on, injected so this module stays free of models and I/O. */
export interface EvalDependencies {
  /** The bound rewarder's batch scorer; not called for SelfAware (no reward annotations). */
  scoreBatch: (samples: readonly Sample[]) => Promise<RewardResult[]>;
  /** Abstention detection over whole responses (it finds the answer segment), one result per response, in order. */
  detect: (responses: readonly string[]) => Promise<AbstentionResult[]>;
  /** Answer check for responses whose tag gate failed (the reward then skipped it). */
  scoreAnswer: (text: string, gold: readonly string[]) => AnswerResult;
  /** The clarification of a refusal the reward did not judge, from the whole response ("" when none). */
  extractClarification: (response: string) => string;
  /** The rewarder's clarification verifier, or `null` (clarifications then count as unverified). */
  verifier: ClarificationVerifier | null;
}

/** Settings of one evaluation run. */
export interface EvalBatchOptions {
  protocol: EvalProtocol;
  template: Template;
  compat: CompatMode;
}

/**
 * The reward sample of an item.
 * @param item - An item.
 * @returns The `Sample` the rewarder scores.
 * @example
 * itemToSample(item).answerable;
 */
export function itemToSample(item: EvalItem): Sample {
  const sample: Sample = { response: item.response, answerable: item.answerable };
  if (item.id !== null) sample.id = item.id;
  if (item.question !== null) sample.question = item.question;
  if (item.answerable) sample.goldAnswer = item.gold;
  if (item.missingFacts.length > 0) sample.missingFacts = item.missingFacts;
  if (item.referenceClarification !== null) sample.referenceClarification = item.referenceClarification;
  return sample;
}

function annotationOf(item: EvalItem): ClarificationAnnotation | null {
  if (item.missingFacts.length === 0 && item.referenceClarification === null) return null;
  const annotation: ClarificationAnnotation = {};
  if (item.missingFacts.length > 0) annotation.missingFacts = item.missingFacts;
  if (item.referenceClarification !== null) annotation.referenceClarification = item.referenceClarification;
  if (item.question !== null) annotation.question = item.question;
  return annotation;
}

/** Verifies the pending clarifications in one call; a failure marks them all, never throws. */
async function verifyPending(
  pending: readonly { index: number; request: ClarificationRequest }[],
  verifier: ClarificationVerifier,
  outcomes: (ClarificationOutcome | null)[],
): Promise<void> {
  if (pending.length === 0) return;
  try {
    const results = await verifier.verify(pending.map((entry) => entry.request));
    pending.forEach((entry, at) => {
      const result = Array.isArray(results) && results.length === pending.length ? results[at] : undefined;
      outcomes[entry.index] = result === undefined ? "verifier-error" : result.verified ? "verified" : "rejected";
    });
  } catch {
    for (const entry of pending) outcomes[entry.index] = "verifier-error";
  }
}

/**
 * Grades a batch of items: one reward pass, one detector pass, one verifier pass for the
 * clarifications the reward did not already judge, then the pure assembly.
 * @param items - Items of one protocol.
 * @param deps - Rewarder, detector, answer checker, clarification extractor, verifier.
 * @param options - Protocol, template, compat mode.
 * @returns One grade per item, in order.
 * @example
 * const grades = await evaluateBatch(items, deps, { protocol: "abstain-test", template: "abstain-r1", compat: "fixed" });
 */
export async function evaluateBatch(items: readonly EvalItem[], deps: EvalDependencies, options: EvalBatchOptions): Promise<ItemGrade[]> {
  const withReward = options.protocol !== "selfaware";
  const rewards: (RewardResult | null)[] = withReward ? await deps.scoreBatch(items.map(itemToSample)) : items.map(() => null);
  // The answer segment when the tag gate passes, else the text after the last <answer>, </thinking>
  // or </think>: the reference scripts read the whole response then, but the reasoning's musings
  // ("I'm not sure…") must not count as the answer.
  const segments = items.map((item) => answerSegment(item.response, options.template, options.compat));
  const detected = await deps.detect(items.map((item) => item.response));

  const refused: boolean[] = [];
  const answers: (AnswerOutcome | null)[] = [];
  const outcomes: (ClarificationOutcome | null)[] = [];
  const pending: { index: number; request: ClarificationRequest }[] = [];
  items.forEach((item, index) => {
    const reward = rewards[index] ?? null;
    const abstention = detected[index];
    const explicit = reward !== null && (item.answerable ? reward.reason === "answer-idk" : reward.reason.startsWith("abstained-"));
    const didRefuse = explicit || (abstention !== undefined && isRefusal(abstention));
    refused.push(didRefuse);
    const text = segments[index]?.text ?? "";
    if (item.answerable) {
      outcomes.push(null);
      if (options.protocol === "selfaware") {
        answers.push({ correct: selfAwareAnswerMatch(item.response, item.gold), noAnswer: false });
      } else {
        const fromReward = reward !== null && reward.details.gatePassed ? answerFromReward(reward) : null;
        const answer = fromReward ?? (didRefuse ? { correct: false, noAnswer: false } : answerFromCheck(deps.scoreAnswer(text, item.gold)));
        // A matching final answer is an answer, whatever uncertainty the language shows: the
        // counts stay exclusive, as the reference judge's correct / incorrect / idk labels are.
        if (answer.correct === true) refused[index] = false;
        answers.push(answer);
      }
      return;
    }
    answers.push(null);
    if (!withReward) {
      outcomes.push(null);
    } else if (!didRefuse) {
      outcomes.push("no-refusal");
    } else if (reward?.details.clarification) {
      outcomes.push(outcomeOfStatus(reward.details.clarification.status));
    } else {
      const annotation = annotationOf(item);
      const clarification = deps.extractClarification(item.response).trim();
      if (annotation === null) outcomes.push("annotation-missing");
      else if (clarification === "") outcomes.push("rejected");
      else if (deps.verifier === null) outcomes.push("unverified");
      else {
        outcomes.push(null);
        pending.push({ index, request: { clarification, annotation } });
      }
    }
  });
  if (deps.verifier !== null) await verifyPending(pending, deps.verifier, outcomes);

  return items.map((item, index) =>
    gradeItem(item, {
      formatOk: rewards[index]?.details.gatePassed ?? segments[index]?.parsed ?? false,
      reward: rewards[index] ?? null,
      refused: refused[index] ?? false,
      answer: answers[index] ?? null,
      clarification: outcomes[index] ?? null,
    }),
  );
}
