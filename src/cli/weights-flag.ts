import { InputError } from "../errors.js";
import { didYouMean } from "../reward/did-you-mean.js";
import type { RewardWeights, WeightKey } from "../reward/reward-options.js";
import { WEIGHT_KEYS } from "../reward/reward-options.js";

/**
 * Parses `--weights format=1,answer=0.5` into reward weights.
 * @param value - The flag's value.
 * @returns The weights named in it.
 * @example
 * parseWeightsFlag("format=0.5,clarification=1"); // { format: 0.5, clarification: 1 }
 */
export function parseWeightsFlag(value: string): RewardWeights {
  const weights: RewardWeights = {};
  for (const part of value.split(",")) {
    const [key = "", raw = "", ...rest] = part.split("=").map((piece) => piece.trim());
    const number = Number(raw);
    if (!(WEIGHT_KEYS as readonly string[]).includes(key) || raw === "" || rest.length > 0 || !Number.isFinite(number)) {
      throw new InputError(
        `--weights has "${part}"${(WEIGHT_KEYS as readonly string[]).includes(key) ? "" : didYouMean(key, WEIGHT_KEYS)}; expected comma-separated key=number pairs with keys ${WEIGHT_KEYS.join(", ")}, e.g. --weights format=1,answer=1.`,
        [{ path: ["weights"], message: "Invalid weight" }],
        "invalid_options",
      );
    }
    weights[key as WeightKey] = number;
  }
  return weights;
}
