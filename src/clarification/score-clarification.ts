import { InputError } from "../errors.js";
import { CLARIFICATION_FEATURES, DEFAULT_CLARIFICATION_WEIGHTS, factFeatures, logisticScore, maxFeatures } from "./clarification-model.js";
import type { ClarificationWeights } from "./clarification-model.js";
import type { ClarificationAnnotation, ClarificationResult, FactResult } from "../types.js";
import { nliKey, factHypothesis, planClarification } from "./clarification-plan.js";
import type { ClarificationPlan, ClarificationSignals, PlannedFact, PlannedSlot } from "./clarification-plan.js";

/** Options of {@link scoreClarification}. */
export interface ScoreClarificationOptions {
  /**
   * Score at or above which a clarification is verified: Youden's J on the even SUM dev items with
   * the offline embedder and the fitted weights, reported on the odd ones (see docs/decisions.md).
   * @default 0.53
   */
  threshold?: number;
  /**
   * The logistic model combining the signals (fitted on the even SUM dev items; refit it for
   * another embedder or domain with bench/quality/fit-clarification.ts).
   * @default DEFAULT_CLARIFICATION_WEIGHTS
   */
  weights?: ClarificationWeights;
}

export type ResolvedScoreClarificationOptions = Required<ScoreClarificationOptions>;

export const DEFAULT_SCORE_CLARIFICATION_OPTIONS: ResolvedScoreClarificationOptions = Object.freeze({
  threshold: 0.53,
  weights: DEFAULT_CLARIFICATION_WEIGHTS,
});

/**
 * Applies defaults and validates {@link ScoreClarificationOptions}.
 * @param options - Partial options.
 * @returns Complete options.
 * @example
 * resolveScoreClarificationOptions({ threshold: 0.6 }).weights.bias; // -2.641
 */
export function resolveScoreClarificationOptions(options: ScoreClarificationOptions = {}): ResolvedScoreClarificationOptions {
  const resolved = { ...DEFAULT_SCORE_CLARIFICATION_OPTIONS, ...options };
  const { threshold, weights } = resolved;
  if (!(Number.isFinite(threshold) && threshold >= 0 && threshold <= 1)) {
    throw new InputError(`The clarification option threshold must be a number in [0, 1], got ${String(threshold)}.`, [{ path: ["threshold"], message: "Out of range" }], "invalid_options");
  }
  const bad = [weights?.bias, ...CLARIFICATION_FEATURES.map((name) => weights?.features?.[name])].some((value) => typeof value !== "number" || !Number.isFinite(value));
  if (bad) {
    throw new InputError(`The clarification option weights needs a finite bias and a finite weight for each of ${CLARIFICATION_FEATURES.join(", ")}.`, [{ path: ["weights"], message: "Invalid weights" }], "invalid_options");
  }
  return resolved;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function result(score: number, verified: boolean, perFact: FactResult[], reason: string): ClarificationResult {
  return { score: clamp01(score), verified, perFact, reason };
}

/**
 * Scores a prepared plan (the verifier plans every request first, embeds once, then calls this).
 * @param plan - From {@link planClarification}.
 * @param clarification - The clarification text (as planned).
 * @param signals - Embeddings and entailment.
 * @param options - Resolved options.
 * @returns The result.
 * @example
 * scoreClarificationPlan(planClarification(c, a), c, {}, resolveScoreClarificationOptions());
 */
export function scoreClarificationPlan(plan: ClarificationPlan, clarification: string, signals: ClarificationSignals, options: ResolvedScoreClarificationOptions): ClarificationResult {
  const none = plan.facts.map((fact) => ({ fact: fact.text, covered: false, score: 0 }));
  if (plan.facts.length === 0) return result(0, false, none, "The annotation names no missing fact to check against.");
  const usable: PlannedSlot[] = plan.slots.filter((slot) => !slot.falseClaim);
  if (plan.slots.length === 0) return result(0, false, none, "The clarification declares nothing missing (a restatement or a generic refusal).");
  if (usable.length === 0) return result(0, false, none, "The clarification only claims missing what the question states.");
  const vectors = plan.facts.map((fact) => factFeatures(plan, fact, usable, signals));
  // NLI, when configured, was not part of the fit: an entailed "the question does not give <fact>" stands on its own.
  const entail = (fact: PlannedFact): number => signals.entailment?.get(nliKey(clarification, factHypothesis(fact.text))) ?? 0;
  const perFact: FactResult[] = plan.facts.map((fact, index) => {
    const vector = vectors[index];
    const score = Math.max(vector === undefined ? 0 : logisticScore(vector, options.weights), entail(fact));
    return { fact: fact.text, covered: score >= options.threshold, score: clamp01(score) };
  });
  const nli = plan.facts.reduce((max, fact) => Math.max(max, entail(fact)), 0);
  const score = Math.max(logisticScore(maxFeatures(vectors), options.weights), nli);
  const verified = score >= options.threshold;
  const named = perFact.filter((fact) => fact.covered).length;
  const reason = verified
    ? `The clarification names ${named} of ${perFact.length} missing fact(s).`
    : `The declared-missing information does not match the missing facts (best ${score.toFixed(2)} < ${options.threshold}).`;
  return result(score, verified, perFact, reason);
}

/**
 * Scores a clarification against the annotated missing facts and/or a reference clarification,
 * from model signals computed elsewhere in one batched pass: what the clarification declares
 * missing (its slots) is matched to the facts lexically (numbers, entities, key words, fuzzy) and
 * by embedding similarity, plus NLI entailment when given; restatements, generic refusals and
 * slots the question itself states get no credit.
 * @param clarification - The clarification text.
 * @param annotation - `missingFacts` and/or `referenceClarification`, and ideally the `question`.
 * @param signals - Embeddings of the plan's texts and NLI entailment probabilities (both optional).
 * @param options - Threshold and similarity scaling.
 * @returns `{ score, verified, perFact, reason }`.
 * @example
 * scoreClarification("The problem does not say how fast the car goes.", { missingFacts: ["the car's speed of 60 km/h"] }, {}).verified;
 */
export function scoreClarification(
  clarification: string,
  annotation: ClarificationAnnotation,
  signals: ClarificationSignals = {},
  options: ScoreClarificationOptions = {},
): ClarificationResult {
  if (typeof clarification !== "string") {
    throw new InputError(`The clarification must be a string, got ${clarification === null ? "null" : typeof clarification}.`, [{ path: ["clarification"], message: "Expected string" }]);
  }
  const resolved = resolveScoreClarificationOptions(options);
  return scoreClarificationPlan(planClarification(clarification, annotation), clarification.slice(0, 4_000), signals, resolved);
}
