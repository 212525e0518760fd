import { detectAbstention } from "../abstention/detect-abstention.js";
import { detectAbstentionAsync } from "../abstention/detect-abstention-async.js";
import { scoreAnswer } from "../answer/score-answer.js";
import { extractClarification } from "../clarification/extract-clarification.js";
import { RewardError } from "../errors.js";
import type { Rewarder } from "../reward/create-rewarder.js";
import type { CompatMode, Embedder, Template } from "../types.js";
import type { EvalDependencies } from "./evaluate-batch.js";

/**
 * Binds the evaluation's dependencies to a rewarder and (for the SelfAware detector) an embedder.
 * @param parts - The rewarder (`null` for SelfAware), the embedder (`null`: lexical detection),
 *   and the template and compat mode detection and extraction use.
 * @returns The dependencies {@link evaluateBatch} takes.
 * @example
 * const deps = createEvalDependencies({ rewarder: createRewarder(), embedder: null, template: "abstain-r1", compat: "fixed" });
 */
export function createEvalDependencies(parts: {
  rewarder: Rewarder | null;
  embedder: Embedder | null;
  template: Template;
  compat: CompatMode;
}): EvalDependencies {
  const { rewarder, embedder, template, compat } = parts;
  const fuzzyThreshold = rewarder?.options.fuzzyThreshold ?? 0.9;
  return {
    scoreBatch: async (samples) => {
      if (rewarder === null)
        throw new RewardError("internal", "The SelfAware protocol computes no reward; this is a bug, please report it.");
      return rewarder.scoreBatch(samples);
    },
    detect: async (responses) =>
      embedder === null
        ? responses.map((response) => detectAbstention(response, { template, compat }))
        : detectAbstentionAsync(responses, embedder, { template, compat }),
    scoreAnswer: (text, gold) => scoreAnswer(text, gold, { fuzzyThreshold }),
    extractClarification: (response) => extractClarification(response, { template, compat }).text,
    verifier: rewarder?.options.verifier ?? null,
  };
}
