import { RewardError } from "../errors.js";
import type { RewardResult, Sample } from "../types.js";
import { resolveRewardOptions } from "./reward-options.js";
import type { RewardOptions, ResolvedRewardOptions } from "./reward-options.js";
import { validateSamples } from "./sample-schema.js";
import { scoreValidatedSamples } from "./score-batch.js";

/** Options bound once; `release` is called by `dispose()` (e.g. to free model sessions). */
export interface RewarderOptions extends RewardOptions {
  /** Called once by `dispose()`. @default undefined */
  release?: () => Promise<void> | void;
}

/** A reward function with its options and verifier bound. */
export interface Rewarder {
  readonly options: Readonly<ResolvedRewardOptions>;
  score(sample: Sample): Promise<RewardResult>;
  scoreBatch(samples: readonly Sample[]): Promise<RewardResult[]>;
  dispose(): Promise<void>;
}

/**
 * Binds reward options (and a verifier) once, validating them up front.
 * @param options - Preset, weights, compat, template, verifier, release hook.
 * @returns A rewarder; call `dispose()` when done.
 * @example
 * const rewarder = createRewarder({ preset: "continuous", verifier });
 * const results = await rewarder.scoreBatch(samples);
 * await rewarder.dispose();
 */
export function createRewarder(options: RewarderOptions = {}): Rewarder {
  const { release, ...rest } = options;
  const resolved = Object.freeze(resolveRewardOptions(rest));
  let disposed = false;
  const scoreMany = async (samples: readonly Sample[]): Promise<RewardResult[]> => {
    if (disposed) throw new RewardError("disposed", "This rewarder was disposed; create a new one with createRewarder().");
    return scoreValidatedSamples(validateSamples(samples, resolved.compat), resolved);
  };
  return {
    options: resolved,
    scoreBatch: scoreMany,
    async score(sample) {
      const [result] = await scoreMany([sample]);
      if (result === undefined) throw new RewardError("internal", "scoreBatch returned no result for one sample; please report this.");
      return result;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await release?.();
    },
  };
}
