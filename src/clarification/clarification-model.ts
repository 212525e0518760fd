import { distance } from "fastest-levenshtein";
import { cosine } from "../vector/vector-math.js";
import type { ClarificationPlan, ClarificationSignals, PlannedFact, PlannedSlot } from "./clarification-plan.js";
import { keyWeight, lexicalCoverage } from "./lexical-coverage.js";

/** The signals combined per fact, in the order of {@link ClarificationWeights.features}. */
export const CLARIFICATION_FEATURES = ["slotCosine", "topicCosine", "slotLexical", "coreNamed", "statedShare", "falseShare"] as const;
export type ClarificationFeature = (typeof CLARIFICATION_FEATURES)[number];

/** A logistic model over {@link CLARIFICATION_FEATURES}: `score = 1 / (1 + exp(-(bias + Σ wᵢ·xᵢ)))`. */
export interface ClarificationWeights {
  bias: number;
  features: Readonly<Record<ClarificationFeature, number>>;
}

/**
 * Fitted, not hand-tuned: logistic regression (batch gradient descent, 5,000 steps, L2 0.01) on
 * the EVEN items of abstain-test-sum.dev (71 items, minus those the scorer gates to 0 (no usable slot or no fact); positives = reference clarifications,
 * negatives = the six negative kinds of bench/quality, each kind weighted equally, positives and
 * negatives weighted equally) with the offline USE-lite embedder. Odd items and qaqa were never
 * seen by the fit. Signs are as expected: naming the lost content raises the score, naming what
 * the question states lowers it. Refit with bench/quality/fit-clarification.ts.
 */
export const DEFAULT_CLARIFICATION_WEIGHTS: ClarificationWeights = Object.freeze({
  bias: -2.641,
  features: Object.freeze({ slotCosine: 2.248, topicCosine: 1.265, slotLexical: 1.358, coreNamed: 1.525, statedShare: -1.16, falseShare: -0.719 }),
});

/** Keys match exactly, or (5+ letters, no digits) within one edit: "specifed" ≈ "specified". */
function near(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 5 && b.length >= 5 && !/\d/.test(a) && !/\d/.test(b) && distance(a, b) <= 1;
}

function similarity(embeddings: ReadonlyMap<string, Float32Array> | undefined, a: string, b: string): number {
  const x = embeddings?.get(a);
  const y = embeddings?.get(b);
  return x === undefined || y === undefined ? 0 : cosine(x, y);
}

/**
 * The feature vector of one fact: best slot cosine, best sentence cosine, best lexical slot match,
 * share of the fact's lost keys named anywhere in the clarification (or by a quantity slot's context), and the plan-wide shares of
 * stated slot keys and false-claim slots.
 * @param plan - The clarification plan.
 * @param fact - One planned fact.
 * @param usable - The plan's slots that are not false claims.
 * @param signals - Embeddings (missing vectors count as cosine 0).
 * @returns Feature values keyed by name.
 * @example
 * factFeatures(plan, plan.facts[0], plan.slots, {}).coreNamed;
 */
export function factFeatures(plan: ClarificationPlan, fact: PlannedFact, usable: readonly PlannedSlot[], signals: ClarificationSignals): Record<ClarificationFeature, number> {
  let slotCosine = 0;
  let slotLexical = 0;
  let quantityNamed = 0;
  for (const slot of usable) {
    // A premise correction names the premise the question states; a missing slot names what it lost.
    const lexical = slot.kind === "false" ? lexicalCoverage(slot.keys, { ...fact, core: fact.premise }) : lexicalCoverage(slot.keys, fact, slot.quantity);
    slotCosine = Math.max(slotCosine, similarity(signals.embeddings, slot.plain, fact.embedText));
    slotLexical = Math.max(slotLexical, lexical);
    if (slot.quantity) quantityNamed = Math.max(quantityNamed, lexical);
  }
  let topicCosine = 0;
  for (const sentence of plan.sentences) topicCosine = Math.max(topicCosine, similarity(signals.embeddings, sentence, fact.embedText));
  // Weighted like lexicalCoverage: "7" or "equation" named somewhere is weak evidence, common to many problems.
  const named = fact.core.filter((key) => plan.clarificationKeys.some((other) => near(other, key))).reduce((sum, key) => sum + keyWeight(key), 0);
  // "how many marbles Ed had" names the lost "50" by its context, as lexicalCoverage credits it.
  const coreNamed = Math.max(quantityNamed, fact.core.length === 0 ? 0 : Math.min(1, named / Math.min(3, fact.core.length)));
  const falseShare = plan.slots.length === 0 ? 0 : 1 - usable.length / plan.slots.length;
  return { slotCosine, topicCosine, slotLexical, coreNamed, statedShare: plan.statedShare, falseShare };
}

/**
 * Applies the logistic model to a feature vector.
 * @param features - From {@link factFeatures}.
 * @param weights - The model.
 * @returns A probability-like score in (0, 1).
 * @example
 * logisticScore({ slotCosine: 1, topicCosine: 1, slotLexical: 1, coreNamed: 1, statedShare: 0, falseShare: 0 }, DEFAULT_CLARIFICATION_WEIGHTS); // ≈ 0.97
 */
export function logisticScore(features: Readonly<Record<ClarificationFeature, number>>, weights: ClarificationWeights): number {
  let z = weights.bias;
  for (const name of CLARIFICATION_FEATURES) z += weights.features[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * The per-feature maximum over facts (the plan-wide shares are equal for every fact): the model
 * was fitted on this vector, so the clarification's score uses it.
 * @param vectors - One feature vector per fact.
 * @returns The elementwise maximum (all zeros for no facts).
 * @example
 * maxFeatures([]).coreNamed; // 0
 */
export function maxFeatures(vectors: readonly Record<ClarificationFeature, number>[]): Record<ClarificationFeature, number> {
  const out = { slotCosine: 0, topicCosine: 0, slotLexical: 0, coreNamed: 0, statedShare: 0, falseShare: 0 };
  for (const vector of vectors) for (const name of CLARIFICATION_FEATURES) out[name] = Math.max(out[name], vector[name]);
  return out;
}
