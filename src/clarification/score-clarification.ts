import { InputError } from "../errors.js";
import {
  CLARIFICATION_FEATURES,
  CLARIFICATION_SCORER,
  declaresStatedCount,
  factFeatures,
  groundingScale,
  maxFeatures,
  SENTENCE_SLOT_SCALE,
} from "./clarification-model.js";
import type { ClarificationFeature, NliCalibration } from "./clarification-model.js";
import { ensembleScore } from "./tree-ensemble.js";
import type { TreeEnsemble } from "./tree-ensemble.js";
import type { ClarificationAnnotation, ClarificationChecks, ClarificationResult, FactResult, GroundingCheck } from "../types.js";
import { nliKey, factHypothesis, planClarification } from "./clarification-plan.js";
import type { ClarificationPlan, ClarificationSignals, PlannedFact, PlannedSlot } from "./clarification-plan.js";

/** Options of {@link scoreClarification}. */
export interface ScoreClarificationOptions {
  /**
   * Score at or above which a clarification is verified (without NLI; an NLI calibration brings its own).
   * @default the threshold of models/clarification-scorer.json
   */
  threshold?: number;
  /**
   * The tree ensemble combining the signals (refit it for another embedder or domain with
   * `bench/quality/fit-clarification.ts`).
   * @default the ensemble of models/clarification-scorer.json
   */
  ensemble?: TreeEnsemble;
  /**
   * How entailment combines with the other signals, fitted for one NLI model (`fit-clarification.ts --nli`).
   * Used only when entailment signals are present; without it, entailment signals are an error.
   * @default the `nli` block of models/clarification-scorer.json (null: none shipped)
   */
  nliCalibration?: NliCalibration | null;
  /**
   * Without a calibration for the NLI model, its entailment joins as a bounded blend:
   * `score = (1 − nliWeight) · model score + nliWeight · entailment`, judged at `threshold`, and the
   * reason says the NLI is uncalibrated. Small, so an unmeasured model moves a score by at most
   * this much either way. Not used when `nliCalibration` is set.
   * @default 0.2
   */
  nliWeight?: number;
}

/** The default weight of an uncalibrated NLI model's entailment (see {@link ScoreClarificationOptions.nliWeight}). */
export const UNCALIBRATED_NLI_WEIGHT = 0.2;

export type ResolvedScoreClarificationOptions = Required<ScoreClarificationOptions>;

export const DEFAULT_SCORE_CLARIFICATION_OPTIONS: ResolvedScoreClarificationOptions = Object.freeze({
  threshold: CLARIFICATION_SCORER.threshold,
  ensemble: CLARIFICATION_SCORER.ensemble,
  nliCalibration: CLARIFICATION_SCORER.nli,
  nliWeight: UNCALIBRATED_NLI_WEIGHT,
});

function invalid(message: string, path: string): InputError {
  return new InputError(message, [{ path: [path], message: "Invalid value" }], "invalid_options");
}

function finite(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * Applies defaults and validates {@link ScoreClarificationOptions}.
 * @param options - Partial options.
 * @returns Complete options.
 * @example
 * resolveScoreClarificationOptions({ threshold: 0.6 }).threshold; // 0.6
 */
export function resolveScoreClarificationOptions(options: ScoreClarificationOptions = {}): ResolvedScoreClarificationOptions {
  const resolved = { ...DEFAULT_SCORE_CLARIFICATION_OPTIONS, ...options };
  const { threshold, ensemble, nliCalibration, nliWeight } = resolved;
  if (!(finite(nliWeight) && nliWeight >= 0 && nliWeight <= 1)) {
    throw invalid(
      `The clarification option nliWeight must be a number in [0, 1] (the share an uncalibrated NLI model's entailment takes of the score), got ${String(nliWeight)}.`,
      "nliWeight",
    );
  }
  if (!(finite(threshold) && threshold >= 0 && threshold <= 1)) {
    throw invalid(`The clarification option threshold must be a number in [0, 1], got ${String(threshold)}.`, "threshold");
  }
  const names: readonly string[] = CLARIFICATION_FEATURES;
  const validEnsemble = (value: TreeEnsemble | undefined, extra: readonly string[]): boolean =>
    value !== undefined &&
    finite(value.base) &&
    Array.isArray(value.trees) &&
    Array.isArray(value.features) &&
    value.features.every((name) => names.includes(name) || extra.includes(name));
  if (!validEnsemble(ensemble, [])) {
    throw invalid(
      `The clarification option ensemble needs a finite base, a trees array and features from ${CLARIFICATION_FEATURES.join(", ")}; rebuild it with bench/quality/fit-clarification.ts.`,
      "ensemble",
    );
  }
  if (
    nliCalibration !== null &&
    nliCalibration !== undefined &&
    !(validEnsemble(nliCalibration.ensemble, ["entailment"]) && finite(nliCalibration.threshold))
  ) {
    throw invalid(
      "The clarification option nliCalibration needs an ensemble (features may add entailment) and a finite threshold; fit one with bench/quality/fit-clarification.ts --nli <model folder>.",
      "nliCalibration",
    );
  }
  return resolved;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Where `foreign-context` is reported: nearly all of the specific words that say what is missing
 * belong to no part of this question, or a quotation is not from it. The scorer reads the shares
 * themselves (and the share of a stated purpose, `foreignGoalShare`, which is evidence only); this
 * cut-off only decides what `checks.failed` names. It was set so that the check rarely names a
 * problem's own clarification: above 0.9 on 3.0% of the 505 UMWP dev clarifications, above 0.5 on
 * 71% (in-sample: all of them were read to set it).
 */
const FOREIGN_WORDS_FAIL = 0.9;

/** Which grounding checks a plan fails, with the evidence (pure; reported in every result). */
function groundingChecks(plan: ClarificationPlan, features: Readonly<Record<ClarificationFeature, number>> | null): ClarificationChecks {
  const failed: GroundingCheck[] = [];
  if (plan.facts.length === 0) failed.push("no-missing-fact");
  if (plan.copiedShare >= 0.5) failed.push("copies-question");
  if (plan.slots.length === 0 || plan.declaresNothing || plan.sentenceSlots) failed.push("declares-nothing-missing");
  // Naming only things the question states ("the apples") is a stated slot too.
  // So is the count of a thing the question gives beside its number ("the number of | books" beside "9 books").
  const stated = plan.slots
    .filter((slot) => (slot.falseClaim && !slot.restatesAsk) || declaresStatedCount(slot) || (plan.namesOnlyThings && slot.bare))
    .map((slot) => slot.text);
  if (stated.length > 0) failed.push("slot-stated-in-question");
  const asked = plan.slots.filter((slot) => slot.restatesAsk).map((slot) => slot.text);
  if (asked.length > 0) failed.push("slot-is-the-ask");
  const nearStated = plan.slots.filter((slot) => slot.nearStated && !declaresStatedCount(slot)).map((slot) => slot.text);
  if (nearStated.length > 0) failed.push("slot-on-stated-number");
  if (plan.foreignNumbers.length > 0 || plan.foreignNames.length > 0 || plan.foreignSymbols.length > 0) failed.push("foreign-entities");
  if (plan.foreignWords > FOREIGN_WORDS_FAIL || plan.foreignQuotes > 0) failed.push("foreign-context");
  if (plan.headForeign === 1) failed.push("foreign-subject");
  if (plan.misreportedNumbers.length > 0) failed.push("misreported-number");
  if (plan.foreignBounds.length > 0) failed.push("foreign-bound");
  if (plan.slotNumbers.length > 0) failed.push("foreign-slot-number");
  if (plan.bothWays.length > 0) failed.push("covers-both-ways");
  const alignment = features?.slotAlignment ?? 0;
  if (plan.slots.length > stated.length && alignment < 0.5) failed.push("slot-not-aligned");
  return {
    failed,
    copiedShare: plan.copiedShare,
    foreignNumbers: plan.foreignNumbers,
    foreignNames: plan.foreignNames,
    foreignSymbols: plan.foreignSymbols,
    misreportedNumbers: plan.misreportedNumbers,
    foreignBounds: plan.foreignBounds,
    slotNumbers: plan.slotNumbers,
    foreignWordShare: plan.foreignWords,
    foreignQuoteShare: plan.foreignQuotes,
    foreignGoalShare: plan.foreignGoal,
    statedSlots: stated,
    nearStatedSlots: nearStated,
    bothWays: plan.bothWays,
    alignment,
  };
}

const CHECK_SENTENCES: Readonly<Record<GroundingCheck, string>> = {
  "no-missing-fact": "the annotation names no missing fact to check against",
  "copies-question": "most of it copies the question",
  "declares-nothing-missing": "it declares nothing missing (a restatement or a generic refusal)",
  "slot-stated-in-question": "it claims missing what the question states",
  "slot-is-the-ask": "what it declares missing is what the question asks for (the unknown to compute), not what it lacks",
  "slot-on-stated-number": "what it declares missing sits on a number the question gives",
  "foreign-entities": "it names numbers, names, symbols or functions the question never mentions",
  "foreign-context":
    "what it says is missing, or what it quotes, belongs to another problem (words or quotations this question does not have)",
  "foreign-subject": "what it declares missing is a thing or property this question never mentions (another problem's subject)",
  "misreported-number": "it says the question states a number the question never gives",
  "foreign-bound": "it cites a bound or an approximation with a number the question never gives",
  "foreign-slot-number": "what it declares missing writes a number the question never gives (another problem's quantity)",
  "covers-both-ways":
    "it declares a change missing both ways (added or removed, before or after) where the question tells of one, which fits any gap of the count",
  "slot-not-aligned": "what it declares missing does not line up with a missing fact",
};

function explain(checks: ClarificationChecks, extra: string): string {
  const parts = checks.failed.map((check) => {
    if (check === "foreign-entities")
      return `${CHECK_SENTENCES[check]} (${[...checks.foreignNumbers, ...checks.foreignNames, ...checks.foreignSymbols].slice(0, 4).join(", ")})`;
    if (check === "misreported-number") return `${CHECK_SENTENCES[check]} (${checks.misreportedNumbers.slice(0, 4).join(", ")})`;
    if (check === "foreign-bound") return `${CHECK_SENTENCES[check]} (${checks.foreignBounds.slice(0, 4).join(", ")})`;
    if (check === "foreign-slot-number") return `${CHECK_SENTENCES[check]} (${checks.slotNumbers.slice(0, 4).join(", ")})`;
    if (check === "covers-both-ways") return `${CHECK_SENTENCES[check]} (${checks.bothWays.join("; ")})`;
    return CHECK_SENTENCES[check];
  });
  return parts.length === 0 ? extra : `${extra} Grounding: ${parts.join("; ")}.`;
}

function result(score: number, verified: boolean, perFact: FactResult[], reason: string, checks: ClarificationChecks): ClarificationResult {
  return { score: clamp01(score), verified, perFact, reason, checks };
}

/**
 * Scores a prepared plan (the verifier plans every request first, embeds once, then calls this).
 * @param plan - From {@link planClarification}.
 * @param signals - Embeddings and entailment.
 * @param options - Resolved options.
 * @returns The result, with the grounding checks it failed in `checks`.
 * @example
 * scoreClarificationPlan(planClarification(c, a), {}, resolveScoreClarificationOptions());
 */
export function scoreClarificationPlan(
  plan: ClarificationPlan,
  signals: ClarificationSignals,
  options: ResolvedScoreClarificationOptions,
): ClarificationResult {
  const none = plan.facts.map((fact) => ({ fact: fact.text, covered: false, score: 0 }));
  const usable: PlannedSlot[] = plan.slots.filter((slot) => !slot.falseClaim);
  if (plan.facts.length === 0 || usable.length === 0) {
    const checks = groundingChecks(plan, null);
    const lead =
      plan.facts.length === 0
        ? "The annotation names no missing fact to check against."
        : plan.slots.length === 0
          ? "The clarification declares nothing missing (a restatement or a generic refusal)."
          : "The clarification only claims missing what the question states.";
    return result(
      0,
      false,
      none,
      explain({ ...checks, failed: checks.failed.filter((c) => c !== "no-missing-fact" && c !== "declares-nothing-missing") }, lead),
      checks,
    );
  }
  const vectors = plan.facts.map((fact) => factFeatures(plan, fact, usable, signals));
  const features = maxFeatures(vectors);
  const checks = groundingChecks(plan, features);
  const entailment = signals.entailment;
  const calibration = options.nliCalibration;
  const entail = (fact: PlannedFact): number => entailment?.get(nliKey(plan.text, factHypothesis(fact.text))) ?? 0;
  // Copies and another problem's people only lower a score, whichever way it is combined.
  const scale = groundingScale(plan);
  // Three ways to combine: no NLI; a fitted calibration (its own ensemble and threshold); an
  // uncalibrated model, blended in with a small fixed weight and judged at the embedding threshold.
  const scoreOf = (vector: Readonly<Record<ClarificationFeature, number>>, probability: number): number => {
    if (entailment === undefined) return ensembleScore(options.ensemble, vector) * scale;
    if (calibration !== null) return ensembleScore(calibration.ensemble, { ...vector, entailment: probability }) * scale;
    const blended = (1 - options.nliWeight) * ensembleScore(options.ensemble, vector) + options.nliWeight * clamp01(probability);
    return blended * scale;
  };
  const threshold = entailment === undefined || calibration === null ? options.threshold : calibration.threshold;
  // Sentences standing in for slots rank the clarification; they verify nothing, whatever the threshold.
  const declared = !plan.sentenceSlots;
  const perFact: FactResult[] = plan.facts.map((fact, index) => {
    const vector = vectors[index];
    const score = vector === undefined ? 0 : scoreOf(vector, entail(fact));
    return { fact: fact.text, covered: declared && score >= threshold, score: clamp01(score) };
  });
  const best = plan.facts.reduce((max, fact) => Math.max(max, entail(fact)), 0);
  const score = scoreOf(features, best);
  const verified = declared && score >= threshold;
  const named = perFact.filter((fact) => fact.covered).length;
  const nliNote =
    entailment === undefined
      ? ""
      : calibration === null
        ? ` NLI uncalibrated: entailment ${best.toFixed(2)} blended at weight ${options.nliWeight}.`
        : ` NLI calibrated for "${calibration.model}": entailment ${best.toFixed(2)}.`;
  const reason = verified
    ? `The clarification names ${named} of ${perFact.length} missing fact(s) (score ${score.toFixed(2)} ≥ ${threshold}).${nliNote}`
    : explain(
        checks,
        declared
          ? `The declared-missing information does not match the missing facts (score ${score.toFixed(2)} < ${threshold}).${nliNote}`
          : `The clarification declares nothing missing in words the scorer reads ("does not give …", "without knowing …"); its sentences were scored in their place, at ${SENTENCE_SLOT_SCALE} of their weight, and are never verified (score ${score.toFixed(2)}).${nliNote}`,
      );
  return result(score, verified, perFact, reason, checks);
}

/**
 * Scores a clarification against the annotated missing facts and/or a reference clarification,
 * from model signals computed elsewhere in one batched pass: what the clarification declares
 * missing (its slots) is matched to the facts lexically, in context and by embedding similarity,
 * and grounded in the question (its numbers and names are the question's, what it declares missing
 * is not stated there, copies of the question are read as nothing); NLI entailment joins through
 * its own calibration when one is set, else as a small fixed blend flagged "uncalibrated" in the
 * reason. `checks` says which grounding check failed.
 * @param clarification - The clarification text.
 * @param annotation - `missingFacts` and/or `referenceClarification`, and ideally the `question`.
 * @param signals - Embeddings of the plan's texts and NLI entailment probabilities (both optional).
 * @param options - Threshold, ensemble, NLI calibration, uncalibrated NLI weight.
 * @returns `{ score, verified, perFact, reason, checks }`.
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
    throw new InputError(`The clarification must be a string, got ${clarification === null ? "null" : typeof clarification}.`, [
      { path: ["clarification"], message: "Expected string" },
    ]);
  }
  const resolved = resolveScoreClarificationOptions(options);
  return scoreClarificationPlan(planClarification(clarification, annotation), signals, resolved);
}
