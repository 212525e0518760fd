import { RewardError } from "../errors.js";
import { MAX_RESPONSE_CHARS, withinLimits } from "../limits.js";
import type { RewardReason, RewardResult, Sample } from "../types.js";
import { runPureChecks } from "./pure-checks.js";
import type { PureChecks } from "./pure-checks.js";
import { resolveRewardOptions } from "./reward-options.js";
import type { RewardOptions, ResolvedRewardOptions } from "./reward-options.js";
import { validateSamples } from "./sample-schema.js";
import { verifyClarifications } from "./verify-clarifications.js";
import type { Verdict } from "./verify-clarifications.js";

const CUT_MESSAGE = `The sample was longer than ${MAX_RESPONSE_CHARS.toLocaleString("en-US")} characters in a field and was cut to that limit before scoring (the response keeps its end).`;

const REASON_MESSAGES: Record<RewardReason, string> = {
  "format-failed": "The response failed the tag gate, so the whole reward is 0.",
  "answer-correct": "The answer matches the gold answer.",
  "answer-wrong": "The answer does not match the gold answer.",
  "answer-idk": "The model said it does not know on an answerable question.",
  "answer-missing": "No final answer could be extracted from the answer segment.",
  "gold-ungradeable": "The gold answer could not be parsed, so the answer was not graded.",
  "abstained-clarified": "The model abstained explicitly and its clarification names the missing information.",
  "abstained-unclarified": "The model abstained explicitly but its clarification was not accepted.",
  "abstained-clarification-unverified": "The model abstained explicitly; no verifier was configured, so the clarification earned nothing.",
  "abstained-annotation-missing":
    "The model abstained explicitly; the sample has no missing-fact annotation to check the clarification against.",
  "abstained-verifier-error": "The model abstained explicitly; the clarification verifier failed, so the clarification earned nothing.",
  "unanswerable-guess": "The question is unanswerable but the model boxed an answer instead of abstaining.",
  "unanswerable-no-box": "The question is unanswerable and the model neither abstained explicitly nor boxed anything.",
};

function answerableResult(draft: PureChecks, options: ResolvedRewardOptions): { answer: number; reason: RewardReason; gradeable: boolean } {
  if (draft.idkAnswer) return { answer: options.weights.idkPenalty, reason: "answer-idk", gradeable: true };
  const checked = draft.answer;
  if (checked === null || checked.score === null) return { answer: 0, reason: "gold-ungradeable", gradeable: false };
  if (checked.score === 1) return { answer: 1, reason: "answer-correct", gradeable: true };
  return { answer: 0, reason: checked.extracted === null ? "answer-missing" : "answer-wrong", gradeable: true };
}

function unanswerableReason(verdict: Verdict, options: ResolvedRewardOptions): RewardReason {
  switch (verdict.status) {
    case "verified":
      return "abstained-clarified";
    case "rejected":
      return "abstained-unclarified";
    case "unverified":
      return "abstained-clarification-unverified";
    case "annotation-missing":
      return options.compat === "reference" ? "abstained-unclarified" : "abstained-annotation-missing";
    case "verifier-error":
      // The reference swallowed judge failures as a plain 0; fixed mode names them.
      return options.compat === "reference" ? "abstained-unclarified" : "abstained-verifier-error";
    case "not-applicable":
      return "abstained-unclarified";
  }
}

function finalize(draft: PureChecks, verdict: Verdict | null, options: ResolvedRewardOptions): RewardResult {
  const { weights } = options;
  const base = {
    template: draft.parsed.template,
    gatePassed: draft.parsed.ok,
    gateError: draft.parsed.error,
    answerSegment: draft.parsed.answer,
    answer: draft.answer,
    abstention: draft.abstention,
  };
  let answer = 0;
  let abstention = 0;
  let clarification = 0;
  let reason: RewardReason;
  let gradeable = true;
  let clarificationDetails: RewardResult["details"]["clarification"] = null;
  if (!draft.parsed.ok) {
    reason = "format-failed";
  } else if (draft.sample.answerable) {
    ({ answer, reason, gradeable } = answerableResult(draft, options));
  } else if (draft.clarification !== null && verdict !== null) {
    abstention = weights.abstention;
    if (verdict.status === "verified" || verdict.status === "rejected") {
      const score = options.preset === "continuous" ? verdict.result.score : verdict.status === "verified" ? 1 : 0;
      clarification = weights.clarification * Math.min(1, Math.max(0, score));
    }
    answer = abstention + clarification;
    reason = unanswerableReason(verdict, options);
    clarificationDetails = {
      status: verdict.status,
      text: draft.clarification.text,
      result: "result" in verdict ? verdict.result : null,
      error: "error" in verdict ? verdict.error : null,
    };
  } else {
    reason = draft.format === 1 ? "unanswerable-guess" : "unanswerable-no-box";
  }
  const format = draft.parsed.ok ? draft.format : 0;
  const reward = weights.format * format + weights.answer * answer;
  const result: RewardResult = {
    reward,
    score: gradeable ? reward : null,
    components: { format, answer, abstention, clarification },
    reason,
    message: REASON_MESSAGES[reason],
    gradeable,
    details: { ...base, clarification: clarificationDetails },
  };
  if (draft.sample.id !== undefined) result.id = draft.sample.id;
  return result;
}

/**
 * Scores a batch: validates every sample, runs the pure checks, then ONE verifier pass over all
 * clarifications of the batch, then assembles rewards in input order.
 * @param samples - Samples (validated here; bad ones throw one `InputError` naming each).
 * @param options - Preset, weights, compat, template, verifier.
 * @returns One result per sample, in order.
 * @example
 * const [r] = await scoreBatch([{ response: "…</thinking><answer>\\boxed{4}</answer>", answerable: true, goldAnswer: "4" }]);
 * r.reward; // 2
 */
export async function scoreBatch(samples: readonly Sample[], options: RewardOptions = {}): Promise<RewardResult[]> {
  const resolved = resolveRewardOptions(options);
  return scoreValidatedSamples(validateSamples(samples, resolved.compat), resolved);
}

/**
 * Scores samples that already passed {@link validateSamples} with resolved options.
 * @param samples - Validated samples.
 * @param options - Resolved options.
 * @returns One result per sample, in order.
 * @example
 * await scoreValidatedSamples(validateSamples(raw), resolveRewardOptions());
 */
export async function scoreValidatedSamples(samples: readonly Sample[], options: ResolvedRewardOptions): Promise<RewardResult[]> {
  const bounded = samples.map(withinLimits);
  const drafts = bounded.map((sample) => runPureChecks(sample, options));
  const verdicts = await verifyClarifications(drafts, options);
  return drafts.map((draft, index) => {
    const result = finalize(draft, verdicts.get(draft) ?? null, options);
    // A sample over the limits was cut before scoring: say so, so a trainer can see why.
    if (bounded[index] !== samples[index]) result.message = `${result.message} ${CUT_MESSAGE}`;
    return result;
  });
}

/**
 * The clarification-aware reward of one sample (a batch of one; prefer {@link scoreBatch} for many).
 * @param sample - The sample.
 * @param options - Preset, weights, compat, template, verifier.
 * @returns The reward with its components and reason.
 * @example
 * (await clarificationAwareReward({ response: "…<answer>\\boxed{I don't know}</answer>", answerable: false, missingFacts: ["the speed"] })).components.abstention; // 0.3
 */
export async function clarificationAwareReward(sample: Sample, options: RewardOptions = {}): Promise<RewardResult> {
  const [result] = await scoreBatch([sample], options);
  if (result === undefined) throw new RewardError("internal", "scoreBatch returned no result for one sample; please report this.");
  return result;
}
