/**
 * The contract: every input and result type of the public API lives here.
 * `score: null` always means "ungradeable, skip this sample", never the same as 0.
 */

/**
 * What every scorer's result carries (the autoevals shape): a score, `null` when the input could not
 * be graded, and why. Each result type extends it with its own details.
 */
export interface ScoredResult<Score extends number | null = number | null, Reason extends string = string> {
  /** The score; `null` means "could not grade: skip this sample", never the same as 0. */
  score: Score;
  /** Why, as a sentence (the reward's is a closed code, its sentence in `message`). */
  reason: Reason;
}

/** Response templates understood by {@link parseResponse}. */
export const TEMPLATES = ["abstain-r1", "r1", "plain"] as const;
export type Template = (typeof TEMPLATES)[number];

/** Behaviour switch: `fixed` (default) repairs the reference's known defects; `reference` reproduces them. */
export const COMPAT_MODES = ["fixed", "reference"] as const;
export type CompatMode = (typeof COMPAT_MODES)[number];

/** Reward presets: binary clarification bonus (`abstain-r1`) or `0.3 + 0.7 * clarificationScore` (`continuous`). */
export const PRESETS = ["abstain-r1", "continuous"] as const;
export type Preset = (typeof PRESETS)[number];

/** One completion to score, with what is known about its question. */
export interface Sample {
  /** Caller's identifier, echoed back in the result. */
  id?: string;
  /** The completion text. */
  response: string;
  /** Whether the question can be answered from what it states. */
  answerable: boolean;
  /** Answerable questions: one or more accepted answers. */
  goldAnswer?: string | readonly string[];
  /** Unanswerable questions: the annotated missing facts. */
  missingFacts?: readonly string[];
  /** Unanswerable questions: a reference explanation of what is missing. */
  referenceClarification?: string;
  /** The question as the model saw it. */
  question?: string;
}

/** A `\boxed{…}` (or `\fbox{…}`) occurrence found by the balanced-brace scanner. */
export interface BoxedSpan {
  /** The text between the braces (or the single token after `\boxed `). */
  content: string;
  /** Offset of the backslash of the command. */
  start: number;
  /** Offset one past the closing brace. */
  end: number;
  command: "boxed" | "fbox";
}

/** The segments of a completion under one template. */
export interface ParsedResponse {
  template: Template;
  /** Whether the template's tag gate passed; when false the Abstain-R1 reward is 0. */
  ok: boolean;
  /** Why the gate failed, as a sentence; `null` when it passed. */
  error: string | null;
  /** The reasoning segment, if the template has one and it was found. */
  thinking: string | null;
  /** The answer segment: the text that answer checks and abstention detection read. */
  answer: string;
  /** Whether `"<thinking>\n"` was prepended because the response did not start with it. */
  prefixed: boolean;
}

export const ANSWER_METHODS = [
  "exact",
  "numeric",
  "symbolic",
  "set",
  "interval",
  "tuple",
  "choice",
  "yes-no",
  "alias",
  "fuzzy",
  "none",
  "relation",
  "matrix",
  "contains",
] as const;
/** How an answer was matched (or `none`). */
export type AnswerMethod = (typeof ANSWER_METHODS)[number];

/** Result of {@link scoreAnswer}: `score` 1 correct, 0 wrong, `null` ungradeable (the gold could not be parsed). */
export interface AnswerResult extends ScoredResult<0 | 1 | null> {
  correct: boolean;
  /** The final answer extracted from the response, or `null` if none was found. */
  extracted: string | null;
  method: AnswerMethod;
}

export const ABSTENTION_KINDS = ["none", "unknown", "false-premise", "safety"] as const;
/** What kind of abstention: missing information, a false premise, or a safety refusal. */
export type AbstentionKind = (typeof ABSTENTION_KINDS)[number];

/** A located piece of text inside the scanned string. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Result of `detectAbstention`: `score` 1 when the completion abstains, 0 when it does not (a hedge
 * is 0); every string gets a verdict, so never `null`.
 */
export interface AbstentionResult extends ScoredResult<0 | 1> {
  abstained: boolean;
  /** The explicit boxed marker (`\boxed{I don't know}` and its variants) is present. */
  explicit: boolean;
  /** Abstention language followed (or accompanied) by a boxed guess. */
  hedged: boolean;
  kind: AbstentionKind;
  span: TextSpan | null;
  /** How sure the detector is of the abstention language or marker it found, in [0, 1]. */
  confidence: number;
}

/** What is known about the missing information of an unanswerable question. */
export interface ClarificationAnnotation {
  missingFacts?: readonly string[];
  referenceClarification?: string;
  question?: string;
}

/** Per-fact outcome of a clarification check. */
export interface FactResult {
  fact: string;
  covered: boolean;
  /** In [0, 1]. */
  score: number;
}

export const GROUNDING_CHECKS = [
  "no-missing-fact",
  "copies-question",
  "declares-nothing-missing",
  "slot-stated-in-question",
  "slot-is-the-ask",
  "slot-on-stated-number",
  "foreign-entities",
  "foreign-context",
  "foreign-subject",
  "misreported-number",
  "foreign-bound",
  "foreign-slot-number",
  "covers-both-ways",
  "slot-not-aligned",
] as const;
/** A grounding check a clarification can fail (see `ClarificationChecks`). */
export type GroundingCheck = (typeof GROUNDING_CHECKS)[number];

/** Which grounding checks a clarification failed, with the evidence. */
export interface ClarificationChecks {
  failed: GroundingCheck[];
  /** Share of its content words copied from the question, in [0, 1]. */
  copiedShare: number;
  /** Numbers it names that the question and facts do not give. */
  foreignNumbers: string[];
  /** Names it uses that the question never mentions. */
  foreignNames: string[];
  /** Symbols it uses that a question written with symbols never uses ("k" for a question about x and y), and functions the question never applies ("csc"). */
  foreignSymbols: string[];
  /** Numbers it says the question states ("the problem says 2 more got on") that the question never writes. */
  misreportedNumbers: string[];
  /** Numbers of bounds it cites ("only that it's less than 6", "at least 3 points") that the question never writes. */
  foreignBounds: string[];
  /** Numbers written inside what it declares missing ("how many of the 7 customers left a tip") that the question never gives. */
  slotNumbers: string[];
  /** Share of the specific words of its "what is missing" sentences that neither the question nor the facts use, in [0, 1]. */
  foreignWordShare: number;
  /** Share of its quotations with a word or number the question does not contain, in [0, 1]. */
  foreignQuoteShare: number;
  /** Share of the words of a purpose it states ("To calculate …") that the question does not use, in [0, 1] (0 without one). */
  foreignGoalShare: number;
  /** Declared-missing phrases the question states. */
  statedSlots: string[];
  /** Declared-missing phrases that sit on a number the question gives. */
  nearStatedSlots: string[];
  /** Changes it declares missing both ways ("added or removed", "before or after") that the question tells of only one way. */
  bothWays: string[];
  /** Best in-context alignment of a declared-missing phrase with a missing fact, in [0, 1]. */
  alignment: number;
}

/** Result of `scoreClarification` and of a verifier: `score` in [0, 1]. */
export interface ClarificationResult extends ScoredResult<number> {
  verified: boolean;
  perFact: FactResult[];
  /** The grounding checks (set by the built-in verifier; custom verifiers may leave it out). */
  checks?: ClarificationChecks;
}

/** One clarification to verify, as gathered by the batch composer. */
export interface ClarificationRequest {
  clarification: string;
  annotation: ClarificationAnnotation;
}

/**
 * Judges clarifications. `verify` receives every clarification of a batch at once so that a
 * model-based verifier runs one batched model pass; it returns one result per request, in order.
 */
export interface ClarificationVerifier {
  readonly name: string;
  verify(requests: readonly ClarificationRequest[]): Promise<ClarificationResult[]>;
}

export const CLARIFICATION_STATUSES = [
  "verified",
  "rejected",
  "unverified",
  "annotation-missing",
  "verifier-error",
  "not-applicable",
] as const;
/** What happened to the clarification component. */
export type ClarificationStatus = (typeof CLARIFICATION_STATUSES)[number];

export const REWARD_REASONS = [
  "format-failed",
  "answer-correct",
  "answer-wrong",
  "answer-idk",
  "answer-missing",
  "gold-ungradeable",
  "abstained-clarified",
  "abstained-unclarified",
  "abstained-clarification-unverified",
  "abstained-annotation-missing",
  "abstained-verifier-error",
  "unanswerable-guess",
  "unanswerable-no-box",
] as const;
/** Why a sample got its reward; one closed vocabulary so callers can count them. */
export type RewardReason = (typeof REWARD_REASONS)[number];

/** The weighted parts of a reward (before weighting: `reward = format * wFormat + answer * wAnswer`). */
export interface RewardComponents {
  /** 1 if a box occurs in the answer segment, else 0. */
  format: number;
  /** The answer part: correctness (answerable) or abstention + clarification (unanswerable). */
  answer: number;
  /** The abstention bonus inside `answer` (unanswerable only). */
  abstention: number;
  /** The clarification bonus inside `answer` (unanswerable only). */
  clarification: number;
}

/** Everything the scorer looked at, for logs and debugging. */
export interface RewardDetails {
  template: Template;
  gatePassed: boolean;
  gateError: string | null;
  answerSegment: string;
  answer: AnswerResult | null;
  abstention: AbstentionResult | null;
  clarification: {
    status: ClarificationStatus;
    text: string;
    result: ClarificationResult | null;
    error: string | null;
  } | null;
}

/**
 * The reward of one sample. `reason` is the closed code (callers count them), `message` its sentence;
 * `score` is the reward when the sample was graded and `null` when it was not.
 */
export interface RewardResult extends ScoredResult<number | null, RewardReason> {
  id?: string;
  reward: number;
  components: RewardComponents;
  /** A sentence saying why, for humans. */
  message: string;
  /** `false` when the sample could not be graded (gold unparseable); the reward then holds only the format part and `score` is `null`. */
  gradeable: boolean;
  details: RewardDetails;
}

/** A sentence-embedding model: unit-length vectors, one per text, in order. */
export interface Embedder {
  /** Model id (folder name or manifest id). */
  readonly id: string;
  /** Vector width. */
  readonly dimension: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** NLI class probabilities of one premise/hypothesis pair. */
export interface NliScores {
  entailment: number;
  neutral: number;
  contradiction: number;
}

/** A natural-language-inference model. */
export interface NliModel {
  readonly id: string;
  classify(pairs: readonly (readonly [premise: string, hypothesis: string])[]): Promise<NliScores[]>;
  dispose(): Promise<void>;
}
