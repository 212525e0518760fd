import { InputError } from "../errors.js";
import type { ClarificationVerifier, CompatMode, Preset, Template } from "../types.js";
import { COMPAT_MODES, PRESETS, TEMPLATES } from "../types.js";
import { didYouMean } from "./did-you-mean.js";

/** The numbers of the reward table. Defaults reproduce Abstain-R1's `sum_reward.py`. */
export interface RewardWeights {
  /** Weight of the format component. @default 1 */
  format?: number;
  /** Weight of the answer component. @default 1 */
  answer?: number;
  /** Bonus for the explicit `\boxed{I don't know}` on an unanswerable question. @default 0.3 */
  abstention?: number;
  /** Bonus for a verified clarification (scaled by its score under `continuous`). @default 0.7 */
  clarification?: number;
  /** Answer component when an answerable question gets "I don't know". @default -1 */
  idkPenalty?: number;
}

/** Options of `clarificationAwareReward`, `scoreBatch` and `createRewarder`. */
export interface RewardOptions {
  /**
   * `abstain-r1`: binary clarification bonus; `continuous`: `abstention + clarification * score`.
   * @default "abstain-r1"
   */
  preset?: Preset;
  /** Reward table numbers. @default { format: 1, answer: 1, abstention: 0.3, clarification: 0.7, idkPenalty: -1 } */
  weights?: RewardWeights;
  /**
   * `fixed` repairs the reference's defects (curly apostrophes and case in the IDK marker, missing
   * annotations reported as errors, verifier failures reported as such); `reference` reproduces them.
   * @default "fixed"
   */
  compat?: CompatMode;
  /** Completion layout. @default "abstain-r1" */
  template?: Template;
  /**
   * Judges clarifications of abstaining unanswerable samples. Without one the clarification
   * component is reported as `unverified` (bonus 0), never silently scored.
   * @default undefined
   */
  verifier?: ClarificationVerifier;
  /** Fuzzy text-match threshold passed to the answer checker, in [0, 1]. @default 0.9 */
  fuzzyThreshold?: number;
}

/** Options with every default applied. */
export interface ResolvedRewardOptions {
  preset: Preset;
  weights: Required<RewardWeights>;
  compat: CompatMode;
  template: Template;
  verifier: ClarificationVerifier | null;
  fuzzyThreshold: number;
}

/** The reference reward table. */
export const DEFAULT_WEIGHTS: Readonly<Required<RewardWeights>> = Object.freeze({
  format: 1,
  answer: 1,
  abstention: 0.3,
  clarification: 0.7,
  idkPenalty: -1,
});

/** A key of the reward table. */
export type WeightKey = keyof RewardWeights;

/** The reward table's keys, in the order of {@link DEFAULT_WEIGHTS} (the one place they are written). */
export const WEIGHT_KEYS: readonly WeightKey[] = Object.freeze(Object.keys(DEFAULT_WEIGHTS) as WeightKey[]);

/** Defaults of the options other than weights and verifier. */
export const DEFAULT_REWARD_OPTIONS: Readonly<Pick<ResolvedRewardOptions, "preset" | "compat" | "template" | "fuzzyThreshold">> =
  Object.freeze({
    preset: "abstain-r1",
    compat: "fixed",
    template: "abstain-r1",
    fuzzyThreshold: 0.9,
  });

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new InputError(
      `Option \`${name}\` is "${String(value)}"; expected one of ${allowed.join(", ")}.`,
      [{ path: [name], message: "Unknown value" }],
      "invalid_options",
    );
  }
  return value;
}

function resolveWeights(weights: RewardWeights | undefined): Required<RewardWeights> {
  if (weights !== undefined && (weights === null || typeof weights !== "object" || Array.isArray(weights))) {
    throw new InputError(
      `Option \`weights\` must be an object with any of the keys ${WEIGHT_KEYS.join(", ")}, e.g. { weights: { format: 1 } }; got ${Array.isArray(weights) ? "an array" : String(weights)}.`,
      [{ path: ["weights"], message: "Expected an object" }],
      "invalid_options",
    );
  }
  // An unknown key (a typo such as idk_penalty) would otherwise be ignored and its default used.
  for (const key of Object.keys(weights ?? {})) {
    if (!(WEIGHT_KEYS as readonly string[]).includes(key)) {
      throw new InputError(
        `Weight \`${key}\` is not a key of the reward table${didYouMean(key, WEIGHT_KEYS)}; the keys are ${WEIGHT_KEYS.join(", ")}.`,
        [{ path: ["weights", key], message: "Unknown weight" }],
        "invalid_options",
      );
    }
  }
  const resolved = { ...DEFAULT_WEIGHTS, ...(weights ?? {}) };
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InputError(
        `Weight \`${key}\` must be a finite number, got ${String(value)}; pass e.g. { weights: { ${key}: 1 } } or leave it out for the default.`,
        [{ path: ["weights", key], message: "Expected a finite number" }],
        "invalid_options",
      );
    }
  }
  // Each weight may be finite while a reward built from them is not (1e308 + 1e308 is Infinity, which
  // JSON writes as null): bound the largest reward magnitude any sample can reach.
  const { format, answer, abstention, clarification, idkPenalty } = resolved;
  const largest = Math.abs(format) + Math.abs(answer) * Math.max(1, Math.abs(abstention) + Math.abs(clarification), Math.abs(idkPenalty));
  if (!Number.isFinite(largest)) {
    throw new InputError(
      `The weights ${JSON.stringify(resolved)} make the largest reward ${largest}, which is not a finite number; use weights of ordinary size (the defaults are format 1, answer 1).`,
      [{ path: ["weights"], message: "The largest reward is not finite" }],
      "invalid_options",
    );
  }
  return resolved;
}

/**
 * Applies defaults to reward options and validates them.
 * @param options - Caller options.
 * @returns Options with every field set.
 * @example
 * resolveRewardOptions({ preset: "continuous" }).weights.abstention; // 0.3
 */
export function resolveRewardOptions(options: RewardOptions = {}): ResolvedRewardOptions {
  if (options === null || typeof options !== "object") {
    throw new InputError('Reward options must be an object such as { preset: "abstain-r1" }.', [], "invalid_options");
  }
  const fuzzyThreshold = options.fuzzyThreshold ?? DEFAULT_REWARD_OPTIONS.fuzzyThreshold;
  if (typeof fuzzyThreshold !== "number" || !(fuzzyThreshold >= 0 && fuzzyThreshold <= 1)) {
    throw new InputError(
      `Option \`fuzzyThreshold\` must be a number in [0, 1], got ${String(fuzzyThreshold)}.`,
      [{ path: ["fuzzyThreshold"], message: "Expected a number in [0, 1]" }],
      "invalid_options",
    );
  }
  const verifier = options.verifier ?? null;
  if (verifier !== null && typeof verifier.verify !== "function") {
    throw new InputError(
      "Option `verifier` must have a verify(requests) method returning one ClarificationResult per request.",
      [{ path: ["verifier"], message: "Expected a ClarificationVerifier" }],
      "invalid_options",
    );
  }
  return {
    preset: oneOf("preset", options.preset, PRESETS, DEFAULT_REWARD_OPTIONS.preset),
    weights: resolveWeights(options.weights),
    compat: oneOf("compat", options.compat, COMPAT_MODES, DEFAULT_REWARD_OPTIONS.compat),
    template: oneOf("template", options.template, TEMPLATES, DEFAULT_REWARD_OPTIONS.template),
    verifier,
    fuzzyThreshold,
  };
}
