import { distance } from "fastest-levenshtein";
import scorerJson from "../../models/clarification-scorer.json" with { type: "json" };
import { RewardError } from "../errors.js";
import { cosine } from "../vector/vector-math.js";
import type { ClarificationPlan, ClarificationSignals, PlannedFact, PlannedSlot } from "./clarification-plan.js";
import { clauseContrast } from "./clause-alignment.js";
import { slotAlignment } from "./grounding.js";
import { keyWeight, lexicalCoverage } from "./lexical-coverage.js";
import type { TreeNode, TreeEnsemble } from "./tree-ensemble.js";

/** The signals combined per fact (the copy share is applied on top, see {@link applyCopyShare}). */
export const CLARIFICATION_FEATURES = [
  "slotCosine",
  "topicCosine",
  "slotLexical",
  "coreNamed",
  "slotAlignment",
  "statedShare",
  "falseShare",
  "nearStatedShare",
  "foreignNumbers",
  "foreignNames",
  "questionOverlap",
  "clauseContrast",
  "statedClause",
  "foreignWords",
  "foreignQuotes",
  "foreignGoal",
  "slotForeign",
  "headForeign",
  "foreignSymbols",
  "misreported",
] as const;
export type ClarificationFeature = (typeof CLARIFICATION_FEATURES)[number];

/** The NLI calibration: an ensemble over the features plus `entailment`, with its own threshold, for one NLI model. */
export interface NliCalibration {
  ensemble: TreeEnsemble;
  threshold: number;
  /** The NLI model it was fitted for. */
  model: string;
}

/** The parameter file `models/clarification-scorer.json`, rebuilt by `bench/quality/fit-clarification.ts --write`. */
export interface ClarificationScorerParams {
  id: string;
  version: number;
  ensemble: TreeEnsemble;
  threshold: number;
  nli: NliCalibration | null;
}

/** Parses a scorer parameter file, failing with a sentence when it does not fit the feature list. */
export function readScorerParams(raw: unknown): ClarificationScorerParams {
  const value = raw as Partial<{
    id: string;
    version: number;
    features: string[];
    base: number;
    trees: TreeNode[][];
    threshold: number;
    nli: NliCalibration | null;
  }>;
  const features = value.features ?? [];
  const known = features.every((name) => (CLARIFICATION_FEATURES as readonly string[]).includes(name));
  if (typeof value.base !== "number" || !Array.isArray(value.trees) || typeof value.threshold !== "number" || !known) {
    throw new RewardError(
      "invalid_options",
      `The clarification scorer parameters need features (from ${CLARIFICATION_FEATURES.join(", ")}), base, trees and threshold; rebuild them with bench/quality/fit-clarification.ts --write.`,
    );
  }
  return Object.freeze({
    id: value.id ?? "clarification-scorer",
    version: value.version ?? 0,
    ensemble: Object.freeze({ features, base: value.base, trees: value.trees }),
    threshold: value.threshold,
    nli: value.nli ?? null,
  });
}

/** The shipped scorer (bundled at build time from `models/clarification-scorer.json`). */
export const CLARIFICATION_SCORER: ClarificationScorerParams = readScorerParams(scorerJson);

/**
 * The share of a clarification that may copy the question at no cost: a report of what the
 * question says ("the problem states that at least 38 more children got on") quotes its words.
 */
export const COPY_ALLOWANCE = 0.25;

/**
 * A copy of the question may only lower a score: every feature is read after the copies are
 * blanked, so copied words never add to it, and past {@link COPY_ALLOWANCE} the model's score falls
 * linearly with the copied share, to 0 for a whole copy.
 * @param score - The model's score.
 * @param copiedShare - From the plan.
 * @returns `score × min(1, (1 − copiedShare) / (1 − COPY_ALLOWANCE))`.
 * @example
 * applyCopyShare(0.9, 0.625); // 0.45
 */
export function applyCopyShare(score: number, copiedShare: number): number {
  const own = 1 - Math.min(1, Math.max(0, copiedShare));
  return score * Math.min(1, own / (1 - COPY_ALLOWANCE));
}

/** The most a clarification about another problem's people or things may score, as a share of its model score. */
export const FOREIGN_PEOPLE_SCALE = 0.5;
/**
 * The most a clarification whose sentences stand in for slots ({@link ClarificationPlan.sentenceSlots})
 * may score, as a share of its model score. The trees were fitted on declared slots only, and
 * a sentence about the question's things that declares nothing ("This is a problem about a waiter and
 * his customers") reads to them like a slot that names the fact, so the share is small: enough to
 * rank such a clarification above another problem's, little under the `continuous` preset.
 */
export const SENTENCE_SLOT_SCALE = 0.25;

/**
 * Whether a slot declares missing a count the question gives: "the number of green pears" of "17 green
 * pears" (a false claim on a stated number), also when the trigger read the count head and left the
 * thing alone ("does not specify the number of | pears", {@link PlannedSlot.countHead}), and a count
 * whose words the question counts plainly though not beside the number, or a bare count of a thing
 * ("how many pears there are"; {@link PlannedSlot.countStated}).
 * @param slot - A planned slot.
 * @returns `true` for a stated count declared missing.
 * @example
 * declaresStatedCount({ nearStated: true, falseClaim: false, countHead: true, countStated: false }); // true
 */
export function declaresStatedCount(slot: Pick<PlannedSlot, "nearStated" | "falseClaim" | "countHead" | "countStated">): boolean {
  return (slot.nearStated && (slot.falseClaim || slot.countHead === true)) || slot.countStated;
}

/**
 * What the grounding rules leave of a model score: copies of the question are read as nothing
 * ({@link applyCopyShare}), and a clarification about another problem keeps at most half. It is
 * about another problem when it only declares information missing while naming people the question
 * never mentions or quoting words it does not have (premise corrections, "it was actually directed
 * by X", may name and quote new things, and cite bounds of their own, so they are exempt) or bounds
 * the question never gives ("only that it's less than 6"), or when every thing or property it
 * declares missing by a head noun ("how many sweaters", "the color of the train") is one the
 * question and its facts never mention, or when it uses a symbol ("k", "matrix A") or a function
 * that the question never uses, or when it says the question states a number the question never
 * gives ("the problem says 2 more got on"). One that declares missing a count the question gives
 * beside its number ("the number of apps" of "17 apps") is wrong about this question and keeps at
 * most half too, whatever else it names, so that listing every quantity does not pay; so does one
 * that offers quantities as alternatives ("the initial number of cards or how many were added")
 * when one of them is stated or is the question's own ask, and so does one that declares a change
 * missing both ways ("how many were added or removed", "before or after") when the question tells
 * of one ({@link ClarificationPlan.bothWays}). A clarification whose slots all name nothing
 * ({@link ClarificationPlan.declaresNothing}) keeps nothing, and so does one that only names the
 * question's things ({@link ClarificationPlan.namesOnlyThings}); one that declares nothing in words
 * the triggers read, scored by its sentences ({@link ClarificationPlan.sentenceSlots}), keeps at most
 * a quarter, and nothing when it copies more of the question than {@link COPY_ALLOWANCE}.
 * @param plan - The clarification plan.
 * @returns A factor in [0, 1] to multiply the model score by.
 * @example
 * groundingScale({ copiedShare: 0, foreignNames: [], slots: [], headForeign: 0, foreignSymbols: [], misreportedNumbers: [], foreignBounds: [], slotNumbers: [], foreignQuotes: 0, declaresNothing: false, namesOnlyThings: false, sentenceSlots: false, bothWays: [] } as never); // 1
 */
export function groundingScale(
  plan: Pick<
    ClarificationPlan,
    | "copiedShare"
    | "foreignNames"
    | "slots"
    | "headForeign"
    | "foreignSymbols"
    | "misreportedNumbers"
    | "foreignBounds"
    | "slotNumbers"
    | "foreignQuotes"
    | "declaresNothing"
    | "namesOnlyThings"
    | "sentenceSlots"
    | "bothWays"
  >,
): number {
  // Slots that name nothing, in sentences that name nothing, declare nothing missing.
  if (plan.declaresNothing) return 0;
  // Naming only the question's things ("more details regarding the apples and the pears") says nothing of this question.
  if (plan.namesOnlyThings) return 0;
  // Declaring nothing while copying more of the question than a clarification may quote restates it.
  if (plan.sentenceSlots && plan.copiedShare > COPY_ALLOWANCE) return 0;
  const usable = plan.slots.filter((slot) => !slot.falseClaim);
  // A premise correction may name and quote what the question got wrong ("it is from 'Finding Nemo'").
  const onlyMissing = usable.length > 0 && usable.every((slot) => slot.kind === "missing");
  const otherPeople = onlyMissing && plan.foreignNames.length > 0;
  const otherQuote = onlyMissing && plan.foreignQuotes > 0;
  // A bound this question never gives ("only that it's less than 6") quotes another problem; a
  // premise correction may cite one of its own ("he died more than 2200 years ago").
  const otherBound = onlyMissing && plan.foreignBounds.length > 0;
  // So is a number the question never gives inside what it declares missing ("how many of the 7 customers").
  const otherCount = onlyMissing && plan.slotNumbers.length > 0;
  // Declaring missing a count the question gives beside its number ("the number of apps" of "17 apps") is
  // wrong about this question, whatever else the clarification names: listing every quantity must not pay.
  const claimsStatedNumber = plan.slots.some(declaresStatedCount);
  // Offering quantities as alternatives ("the initial number of cards or how many were added") when one
  // of them is stated, or is the question's own ask, is a guess that covers the gap, not a reading of it.
  // So is declaring a change missing both ways ("how many were added or removed", "before or after")
  // when the question tells of one: it fits any gap of the count.
  const hedged = plan.slots.some((slot) => slot.alternative === true && slot.falseClaim) || plan.bothWays.length > 0;
  const otherProblem =
    otherPeople ||
    otherQuote ||
    otherBound ||
    otherCount ||
    claimsStatedNumber ||
    hedged ||
    plan.headForeign === 1 ||
    plan.foreignSymbols.length > 0 ||
    plan.misreportedNumbers.length > 0;
  // Sentences that stand in for slots rank a clarification, at a small weight; they never declare a slot.
  const undeclared = plan.sentenceSlots ? SENTENCE_SLOT_SCALE : 1;
  return applyCopyShare((otherProblem ? FOREIGN_PEOPLE_SCALE : 1) * undeclared, plan.copiedShare);
}

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
 * The feature vector of one fact: slot and sentence cosines, lexical and in-context alignment of
 * the slots with the fact, and the plan-wide grounding signals (stated slots, false claims, slots
 * on stated numbers, foreign numbers and names, word overlap with the question).
 * @param plan - The clarification plan.
 * @param fact - One planned fact.
 * @param usable - The plan's slots that are not false claims.
 * @param signals - Embeddings (missing vectors count as cosine 0).
 * @returns Feature values keyed by name.
 * @example
 * factFeatures(plan, plan.facts[0], plan.slots, {}).coreNamed;
 */
export function factFeatures(
  plan: ClarificationPlan,
  fact: PlannedFact,
  usable: readonly PlannedSlot[],
  signals: ClarificationSignals,
): Record<ClarificationFeature, number> {
  let slotCosine = 0;
  let slotLexical = 0;
  let quantityNamed = 0;
  let aligned = 0;
  // No missing slot: no preference between the gap and a stated clause.
  let contrast = usable.some((slot) => slot.kind === "missing") ? 0 : 0.5;
  let stated = usable.some((slot) => slot.kind === "missing") ? 1 : 0;
  for (const slot of usable) {
    if (slot.kind === "missing") {
      contrast = Math.max(contrast, clauseContrast(slot.head, fact.keys, plan.clauses));
      // The slot that least reads as a stated value speaks for the clarification.
      stated = Math.min(stated, slot.statedClause);
    }
    // A premise correction names the premise the question states; a missing slot names what it lost.
    const lexical =
      slot.kind === "false" ? lexicalCoverage(slot.keys, { ...fact, core: fact.premise }) : lexicalCoverage(slot.keys, fact, slot.quantity);
    slotCosine = Math.max(slotCosine, similarity(signals.embeddings, slot.plain, fact.embedText));
    slotLexical = Math.max(slotLexical, lexical);
    aligned = Math.max(aligned, slotAlignment(slot.head, slot.kind === "false" ? fact.premise : fact.keys));
    if (slot.quantity) quantityNamed = Math.max(quantityNamed, lexical);
    // A question with no question: the slot that says so names the gap itself, whatever its words.
    if (slot.asksQuestion && plan.questionGap) {
      slotLexical = 1;
      aligned = 1;
    }
  }
  let topicCosine = 0;
  for (const sentence of plan.sentences) topicCosine = Math.max(topicCosine, similarity(signals.embeddings, sentence, fact.embedText));
  // Weighted like lexicalCoverage: "7" or "equation" named somewhere is weak evidence, common to many problems.
  const named = fact.core
    .filter((key) => plan.clarificationKeys.some((other) => near(other, key)))
    .reduce((sum, key) => sum + keyWeight(key), 0);
  // "how many marbles Ed had" names the lost "50" by its context, as lexicalCoverage credits it.
  const coreNamed = Math.max(quantityNamed, fact.core.length === 0 ? 0 : Math.min(1, named / Math.min(3, fact.core.length)));
  const falseShare = plan.slots.length === 0 ? 0 : 1 - usable.length / plan.slots.length;
  return {
    slotCosine,
    topicCosine,
    slotLexical,
    coreNamed,
    slotAlignment: aligned,
    statedShare: plan.statedShare,
    falseShare,
    nearStatedShare: plan.nearStatedShare,
    // Counts, not shares: naming more of the question's own entities must not dilute a foreign one.
    foreignNumbers: Math.min(1, plan.foreignNumbers.length / 2),
    foreignNames: Math.min(1, plan.foreignNames.length / 2),
    questionOverlap: plan.questionOverlap,
    clauseContrast: contrast,
    statedClause: stated,
    foreignWords: plan.foreignWords,
    foreignQuotes: plan.foreignQuotes,
    foreignGoal: plan.foreignGoal,
    slotForeign: plan.slotForeign,
    headForeign: plan.headForeign,
    foreignSymbols: Math.min(1, plan.foreignSymbols.length / 2),
    misreported: plan.misreportedNumbers.length > 0 ? 1 : 0,
  };
}

/**
 * The per-feature maximum over facts (the plan-wide signals are equal for every fact): the model
 * was fitted on this vector, so the clarification's score uses it.
 * @param vectors - One feature vector per fact.
 * @returns The elementwise maximum (all zeros for no facts).
 * @example
 * maxFeatures([]).coreNamed; // 0
 */
export function maxFeatures(vectors: readonly Record<ClarificationFeature, number>[]): Record<ClarificationFeature, number> {
  const out = Object.fromEntries(CLARIFICATION_FEATURES.map((name) => [name, 0])) as Record<ClarificationFeature, number>;
  for (const vector of vectors) for (const name of CLARIFICATION_FEATURES) out[name] = Math.max(out[name], vector[name]);
  return out;
}
