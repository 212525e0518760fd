// Public, pure API. No native code and no node:* imports may be reachable from here.
export type {
  AbstentionKind,
  AbstentionResult,
  AnswerMethod,
  AnswerResult,
  BoxedSpan,
  ClarificationAnnotation,
  ClarificationChecks,
  ClarificationRequest,
  ClarificationResult,
  ClarificationStatus,
  ClarificationVerifier,
  CompatMode,
  Embedder,
  FactResult,
  GroundingCheck,
  NliModel,
  NliScores,
  ParsedResponse,
  Preset,
  RewardComponents,
  RewardDetails,
  RewardReason,
  RewardResult,
  Sample,
  ScoredResult,
  Template,
  TextSpan,
} from "./types.js";
export {
  ABSTENTION_KINDS,
  ANSWER_METHODS,
  CLARIFICATION_STATUSES,
  GROUNDING_CHECKS,
  COMPAT_MODES,
  PRESETS,
  REWARD_REASONS,
  TEMPLATES,
} from "./types.js";
export type { ErrorCode, InputIssue } from "./errors.js";
export { ERROR_CODES, InputError, ModelError, RewardError } from "./errors.js";
export type { ParseOptions } from "./completion/parse-response.js";
export { parseResponse } from "./completion/parse-response.js";
export { findBoxes, lastBox } from "./completion/find-boxes.js";
export { containsIdk, findIdkBoxes, isIdkBox } from "./abstention/idk-marker.js";
export type { AnswerType, MatchType, PercentMode, ResolvedScoreAnswerOptions, ScoreAnswerOptions } from "./answer/options.js";
export { ANSWER_TYPES, DEFAULT_SCORE_ANSWER_OPTIONS, MATCH_TYPES, PERCENT_MODES, resolveScoreAnswerOptions } from "./answer/options.js";
export { scoreAnswer } from "./answer/score-answer.js";
export type { AnswerExtraction } from "./answer/extract-answer.js";
export { extractAnswer } from "./answer/extract-answer.js";
export { answersMatch } from "./answer/answers-match.js";
export type { GoldAnswer, ParsedGold } from "./answer/parsed-gold.js";
export { isParsedGold, parseGold } from "./answer/parsed-gold.js";
export type { MathExtraction } from "./answer/extract-math.js";
export type { TextExtraction } from "./answer/extract-text-answer.js";
export type { MathNode, RelOp } from "./answer/math-ast.js";
export type { DetectAbstentionOptions } from "./abstention/detect-abstention.js";
export { detectAbstention } from "./abstention/detect-abstention.js";
export type { DetectAbstentionAsyncOptions } from "./abstention/detect-abstention-async.js";
export { detectAbstentionAsync } from "./abstention/detect-abstention-async.js";
export type { PhraseFamily } from "./abstention/phrases.js";
export { SELFAWARE_REFERENCE_SENTENCES } from "./abstention/selfaware-references.js";
export type { ClarificationSource, ExtractClarificationOptions, ExtractedClarification } from "./clarification/extract-clarification.js";
export { extractClarification } from "./clarification/extract-clarification.js";
export type { DerivedFact, FactKind } from "./clarification/derive-missing-facts.js";
export { deriveMissingFacts, deriveMissingFactsDetailed, FACT_KINDS } from "./clarification/derive-missing-facts.js";
export type { Slot } from "./clarification/extract-slots.js";
export { extractSlots } from "./clarification/extract-slots.js";
export type { ClarificationPlan, ClarificationSignals } from "./clarification/clarification-plan.js";
export { planClarification } from "./clarification/clarification-plan.js";
export type { ScoreClarificationOptions } from "./clarification/score-clarification.js";
export { scoreClarification } from "./clarification/score-clarification.js";
export type { ClarificationVerifierOptions } from "./clarification/create-verifier.js";
export { createClarificationVerifier } from "./clarification/create-verifier.js";
export type { RewardOptions, RewardWeights, ResolvedRewardOptions } from "./reward/reward-options.js";
export { DEFAULT_WEIGHTS, resolveRewardOptions } from "./reward/reward-options.js";
export { SampleSchema, validateSamples } from "./reward/sample-schema.js";
export { clarificationAwareReward, scoreBatch } from "./reward/score-batch.js";
export type { Rewarder, RewarderOptions } from "./reward/create-rewarder.js";
export { createRewarder } from "./reward/create-rewarder.js";
export type { FixtureCase, FixtureMismatch, FixtureReport } from "./reward/check-fixtures.js";
export { checkRewardFixtures, FixtureCaseSchema, parseFixtures } from "./reward/check-fixtures.js";
export type { NliCalibration } from "./clarification/clarification-model.js";
