// Public, pure API. No native code and no node:* imports may be reachable from here.
export type {
  AbstentionKind,
  AbstentionResult,
  AnswerMethod,
  AnswerResult,
  BoxedSpan,
  ClarificationAnnotation,
  ClarificationRequest,
  ClarificationResult,
  ClarificationStatus,
  ClarificationVerifier,
  CompatMode,
  Embedder,
  FactResult,
  NliModel,
  NliScores,
  ParsedResponse,
  Preset,
  RewardComponents,
  RewardDetails,
  RewardReason,
  RewardResult,
  Sample,
  Template,
  TextSpan,
} from "./types.js";
export {
  ABSTENTION_KINDS,
  ANSWER_METHODS,
  CLARIFICATION_STATUSES,
  COMPAT_MODES,
  PRESETS,
  REWARD_REASONS,
  TEMPLATES,
} from "./types.js";
export type { ErrorCode, InputIssue } from "./errors.js";
export { ERROR_CODES, InputError, ModelError, RewardError } from "./errors.js";
export type { ParseOptions } from "./parse/parse-response.js";
export { parseResponse } from "./parse/parse-response.js";
export { findBoxes, lastBox } from "./parse/find-boxes.js";
export { containsIdk, findIdkBoxes, isIdkBox } from "./abstention/idk-marker.js";
