// Test doubles shared by the worker and server tests: a rewarder whose rewards are predictable
// without the answer checker or any model, so transport tests test transport only.
import { ModelError } from "../src/errors.js";
import type { Rewarder } from "../src/reward/create-rewarder.js";
import { resolveRewardOptions } from "../src/reward/reward-options.js";
import { validateSamples } from "../src/reward/sample-schema.js";
import type { RewardResult, Sample } from "../src/types.js";

/** Reward of the fake: 2 if the response boxes the (first) gold answer, 1 otherwise; 1.3 unanswerable. */
export function fakeReward(sample: Sample): number {
  if (!sample.answerable) return 1.3;
  const gold = Array.isArray(sample.goldAnswer) ? sample.goldAnswer[0] : sample.goldAnswer;
  return sample.response.includes(`\\boxed{${String(gold)}}`) ? 2 : 1;
}

export function fakeResult(sample: Sample): RewardResult {
  const reward = fakeReward(sample);
  const result: RewardResult = {
    reward,
    score: reward,
    components: { format: 1, answer: reward - 1, abstention: sample.answerable ? 0 : 0.3, clarification: 0 },
    reason: sample.answerable ? (reward === 2 ? "answer-correct" : "answer-wrong") : "abstained-clarification-unverified",
    message: "fake",
    gradeable: true,
    details: {
      template: "abstain-r1",
      gatePassed: true,
      gateError: null,
      answerSegment: sample.response,
      answer: null,
      abstention: null,
      clarification: null,
    },
  };
  if (sample.id !== undefined) result.id = sample.id;
  return result;
}

export interface FakeRewarder extends Pick<Rewarder, "scoreBatch" | "options"> {
  /** Sizes of the scoreBatch calls, in order. */
  calls: number[];
}

/**
 * A rewarder double: validates like the real one, scores with {@link fakeReward}, records batch
 * sizes; a batch containing a response with `POISON` throws a ModelError; `delayMs` slows each batch.
 */
export function fakeRewarder(delayMs = 0): FakeRewarder {
  const options = resolveRewardOptions();
  const calls: number[] = [];
  return {
    options,
    calls,
    async scoreBatch(samples) {
      calls.push(samples.length);
      const valid = validateSamples(samples, options.compat);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (valid.some((sample) => sample.response.includes("POISON"))) throw new ModelError("The model choked on POISON.");
      return valid.map(fakeResult);
    },
  };
}

export const ANSWERABLE = (id: string, gold: string, boxed: string): Sample => ({
  id,
  response: `x</thinking><answer>\\boxed{${boxed}}</answer>`,
  answerable: true,
  goldAnswer: gold,
});

export const UNANSWERABLE = (id: string): Sample => ({
  id,
  response: "x</thinking><answer>\\boxed{I don't know}</answer>",
  answerable: false,
  missingFacts: ["the speed"],
});
