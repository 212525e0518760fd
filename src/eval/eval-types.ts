/**
 * Types of the evaluation layer (`abstain-reward eval`): the protocols, one normalized item per
 * graded response, the per-item grade, and the report. Pure: no node:* here.
 */

/** Benchmarks `eval` understands, named after their data files. */
export const EVAL_PROTOCOLS = ["abstain-test", "sum", "selfaware"] as const;
export type EvalProtocol = (typeof EVAL_PROTOCOLS)[number];

/** How results are matched to a reference file. */
export const JOIN_KEYS = ["question", "id"] as const;
export type JoinKey = (typeof JOIN_KEYS)[number];

/**
 * What an empty output (only whitespace) counts as.
 * - `miss` (default): a response that answers nothing and abstains from nothing — wrong on answerable
 *   items, a missed abstention on unanswerable ones; every item stays in every denominator.
 * - `exclude`: left out of every rate, counted as ungradeable.
 * - `reference`: what the protocol's reference script does. For SelfAware (`eval_model.py`) that is
 *   skipping the item for precision/recall/F1 while keeping it in the accuracy denominator; for
 *   abstain-test and SUM it is the same as `miss`.
 */
export const EMPTY_OUTPUT_POLICIES = ["miss", "exclude", "reference"] as const;
export type EmptyOutputPolicy = (typeof EMPTY_OUTPUT_POLICIES)[number];

/** Which abstention detector decides refusals. */
export const DETECTORS = ["lexical", "selfaware"] as const;
export type DetectorKind = (typeof DETECTORS)[number];

/** One response to grade, normalized from any protocol's record. */
export interface EvalItem {
  /** 1-based line (JSONL) or 1-based item number (JSON array) of the results record. */
  line: number;
  /** The record's id when it has one (`id` or SelfAware `question_id`). */
  id: string | null;
  /** Group for the per-dataset table. */
  dataset: string;
  /** SUM: which variant of the pair this item is. */
  variant: "answerable" | "unanswerable" | null;
  answerable: boolean;
  response: string;
  question: string | null;
  /** Accepted answers (answerable items); empty when the record has none. */
  gold: readonly string[];
  /** Unanswerable items: the reference clarification. */
  referenceClarification: string | null;
  /** Unanswerable items: annotated or derived missing facts. */
  missingFacts: readonly string[];
  /**
   * The results record matched no reference record; only the strict SUM protocol grades such
   * items (its scripts count every line), all other modes list them and grade nothing.
   */
  missingReference?: true;
}

/** What happened to the clarification of one unanswerable item. */
export const CLARIFICATION_OUTCOMES = ["verified", "rejected", "no-refusal", "unverified", "annotation-missing", "verifier-error"] as const;
export type ClarificationOutcome = (typeof CLARIFICATION_OUTCOMES)[number];

/** The grade of one item: every fact the metrics count, nothing else. */
export interface ItemGrade {
  line: number;
  id: string | null;
  dataset: string;
  variant: EvalItem["variant"];
  answerable: boolean;
  /** The output was empty or only whitespace. */
  empty: boolean;
  /** The template's tag gate passed. */
  formatOk: boolean;
  /** The Abstain-R1 reward, `null` when the protocol has none or the sample was ungradeable. */
  reward: number | null;
  /** The reward's reason (see REWARD_REASONS), `null` when no reward was computed. */
  reason: string | null;
  /** The response abstained (unanswerable: a refusal; answerable: a false refusal). */
  refused: boolean;
  /** Answerable: the answer matched; `null` when it could not be graded (gold unparseable). */
  correct: boolean | null;
  /** Answerable: no final answer could be extracted from the response. */
  noAnswer: boolean;
  /** Unanswerable: refused and the clarification was verified; `null` when it could not be judged. */
  clarified: boolean | null;
  clarification: ClarificationOutcome | null;
}

/** Counts behind every rate of one group. */
export interface MetricCounts {
  /** Items in the group (excluded empty outputs included). */
  items: number;
  answerable: number;
  unanswerable: number;
  /** Empty outputs, whatever the policy did with them. */
  empty: number;
  /** Empty outputs left out of every rate (`--empty-outputs exclude`). */
  excluded: number;
  formatOk: number;
  /** Answerable items whose answer could be graded (denominator of accuracy). */
  answerGraded: number;
  correct: number;
  /** Answerable items whose gold answer could not be parsed. */
  answerUngradeable: number;
  /** Answerable items without an extractable final answer (counted as wrong). */
  noAnswer: number;
  falseRefusals: number;
  refusals: number;
  /** Unanswerable items whose clarification could be judged (denominator of clarification accuracy). */
  clarificationGraded: number;
  clarified: number;
  /** Refusals whose clarification could not be judged, by cause. */
  clarificationUnverified: number;
  clarificationAnnotationMissing: number;
  clarificationVerifierError: number;
  /** Items with at least one part that could not be graded. */
  ungradeable: number;
  /** Items with a reward (denominator of meanReward). */
  rewarded: number;
  rewardSum: number;
  /** SelfAware confusion counts, unanswerable = positive (present for every protocol). */
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Items the SelfAware reference script skips (empty outputs under `reference`). */
  skippedForF1: number;
}

/** The metrics of one group; every rate is in [0, 1] or `null` when its denominator is 0. */
export interface GroupMetrics {
  accuracy: number | null;
  falseRefusalRate: number | null;
  refusalRate: number | null;
  clarificationAccuracy: number | null;
  formatRate: number | null;
  meanReward: number | null;
  /** SelfAware only: unanswerable is the positive class. */
  precision?: number | null;
  recall?: number | null;
  f1?: number | null;
  counts: MetricCounts;
}

/** A results record that found no reference record. */
export interface UnmatchedItem {
  line: number;
  key: string;
}

/**
 * What `eval` does with two results records that share a join key (the same question, or the same
 * id with `--join id`):
 * - `error` (default): stop with a sentence giving the count and the first lines and keys;
 * - `first`: grade the first, skip the later ones, and list them in the report;
 * - `all`: grade every line (the behaviour before duplicates were checked, and the paper's
 *   scripts'), and list them in the report.
 */
export const DUPLICATE_POLICIES = ["error", "first", "all"] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

/** A results record whose join key an earlier record already had. */
export interface DuplicateRecord {
  line: number;
  firstLine: number;
  key: string;
}

/** What the input held: records, items, and everything not graded or graded twice. */
export interface EvalInputReport {
  results: string;
  reference: string | null;
  join: JoinKey | null;
  /** Records read from the results file. */
  records: number;
  /** Items graded (SUM: two per record). */
  items: number;
  /** Results records without a reference record: counted and listed, never dropped silently. */
  unmatched: number;
  unmatchedItems: UnmatchedItem[];
  /** Reference records no result matched (a partial run). */
  referenceWithoutResult: number;
  referenceWithoutResultLines: number[];
  /** Records whose join key an earlier record had: counted and listed. */
  duplicates: number;
  duplicateItems: DuplicateRecord[];
  duplicatePolicy: DuplicatePolicy;
}

/** Everything `eval --grading library --json` prints. */
export interface EvalReport {
  grading: "library";
  protocol: EvalProtocol;
  overall: GroupMetrics;
  byDataset: Record<string, GroupMetrics>;
  input: EvalInputReport;
  settings: {
    preset: string;
    compat: string;
    template: string;
    detector: DetectorKind;
    verifier: string | null;
    emptyOutputs: EmptyOutputPolicy;
  };
  elapsedMs: number;
}
