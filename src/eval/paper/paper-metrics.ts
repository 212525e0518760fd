import type { PaperCounter, PaperCounts, PaperGrade, PaperProtocol } from "./paper-types.js";
import { emptyPaperCounts } from "./paper-types.js";

/**
 * The numbers each paper protocol prints, as data: every metric is a counter over a sum of
 * counters, with the script line it reproduces. As in the scripts, a rate over nothing is 0; a
 * metric the judge cannot measure (clarifications without a verifier) is `null`, "not measured".
 */

/** One printed number. */
export interface PaperMetricDefinition {
  key: string;
  /** The script's own wording of the line. */
  label: string;
  numerator: PaperCounter;
  denominator: readonly PaperCounter[];
  /** The judge question the number depends on, if any. */
  needs: "answer" | "refusal" | "clarification" | null;
}

const define = (
  key: string,
  label: string,
  numerator: PaperCounter,
  denominator: PaperCounter | readonly PaperCounter[],
  needs: PaperMetricDefinition["needs"] = null,
): PaperMetricDefinition => ({ key, label, numerator, denominator: typeof denominator === "string" ? [denominator] : denominator, needs });

const ANSWERABLE_FORMAT = define("answerableFormatRate", "answerable format_ok", "answerableFormatOk", "answerable");
const UNANSWERABLE_FORMAT = define("unanswerableFormatRate", "unanswerable format_ok", "unanswerableFormatOk", "unanswerable");
const SAID_IDK = define("falseRefusalRate", "answerable false-unanswerable (said IDK)", "answerableSaidIdk", "answerable");
const JUDGE_IDK = define("falseRefusalRateJudge", "answerable idk (judge)", "answerableJudgeIdk", "answerable", "answer");
const CRUDE_REFUSAL = define("refusalRate", "unanswerable has_box_idk (crude refusal)", "unanswerableSaidIdk", "unanswerable");
const JUDGE_REFUSAL = define("refusalRateJudge", "unanswerable refusal (judge)", "unanswerableJudgeRefusal", "unanswerable", "refusal");
const CLARIFICATION = define(
  "clarificationAccuracy",
  "unanswerable clarification_ok (judge)",
  "unanswerableJudgeClarification",
  "unanswerable",
  "clarification",
);

/** The metrics of each protocol, in the order its script prints them. */
export const PAPER_METRICS: Readonly<Record<PaperProtocol, readonly PaperMetricDefinition[]>> = {
  "abstain-test": [
    ANSWERABLE_FORMAT,
    SAID_IDK,
    define("accuracy", "answerable correct (judge)", "answerableJudgeCorrect", "answerable", "answer"),
    define("incorrectRate", "answerable incorrect (judge)", "answerableJudgeIncorrect", "answerable", "answer"),
    JUDGE_IDK,
    UNANSWERABLE_FORMAT,
    CRUDE_REFUSAL,
    JUDGE_REFUSAL,
    CLARIFICATION,
  ],
  "sum-permissive": [
    ANSWERABLE_FORMAT,
    define("accuracyString", "answerable correct (string match)", "answerableStringMatch", "answerable"),
    SAID_IDK,
    define("accuracyJudge", "answerable correct (judge, string-match misses only)", "answerableJudgeCorrect", "answerable", "answer"),
    JUDGE_IDK,
    define("accuracy", "answerable correct (string match + judge)", "answerableCorrect", "answerable", "answer"),
    UNANSWERABLE_FORMAT,
    CRUDE_REFUSAL,
    JUDGE_REFUSAL,
    CLARIFICATION,
  ],
  "sum-strict": [
    ANSWERABLE_FORMAT,
    define("falseRefusalRate", "answerable abstain", "answerableSaidIdk", "answerable"),
    define("accuracy", "answerable correct (answer check)", "answerableCorrect", "answerable"),
    define("parseErrorAnswerRate", "answerable parse_error_answer", "answerableParseErrorAnswer", "answerable"),
    define("parseErrorTruthRate", "answerable parse_error_truth", "answerableParseErrorTruth", "answerable"),
    define("verificationErrorRate", "answerable verification_error", "answerableVerificationError", "answerable"),
    UNANSWERABLE_FORMAT,
    define("refusalRate", "unanswerable has_boxed_idk", "unanswerableSaidIdk", "unanswerable"),
    define("hasClarificationRate", "unanswerable has_clarification", "unanswerableHasClarification", "unanswerable"),
    define(
      "clarificationAccuracy",
      "unanswerable clarification_ok (judge)",
      "unanswerableJudgeClarification",
      "unanswerable",
      "clarification",
    ),
    define("judgeErrorRate", "unanswerable judge_error", "unanswerableJudgeError", "unanswerable"),
  ],
  selfaware: [
    define("precision", "Precision", "truePositives", ["truePositives", "falsePositives"]),
    define("recall", "Recall", "truePositives", ["truePositives", "falseNegatives"]),
    define("f1", "F1", "truePositives", []),
    define("accuracy", "Acc", "answerableCorrect", "answerable"),
  ],
};

/** One computed number: `value` is `null` only when not measured; a rate over nothing is 0. */
export interface PaperMetricValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** The numbers of one group. */
export interface PaperGroupMetrics {
  metrics: Record<string, PaperMetricValue>;
  counts: PaperCounts;
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * Computes a protocol's metrics from its counts.
 * @param protocol - The protocol.
 * @param counts - The group's counts.
 * @param measuresClarification - Whether the judge could judge clarifications.
 * @returns Metrics keyed as in {@link PAPER_METRICS}, with the counts.
 * @example
 * paperMetricsFromCounts("selfaware", counts, true).metrics.f1?.value;
 */
export function paperMetricsFromCounts(protocol: PaperProtocol, counts: PaperCounts, measuresClarification: boolean): PaperGroupMetrics {
  const metrics: Record<string, PaperMetricValue> = {};
  for (const definition of PAPER_METRICS[protocol]) {
    const numerator = counts[definition.numerator];
    const denominator = definition.denominator.reduce((sum, counter) => sum + counts[counter], 0);
    const measured = definition.needs !== "clarification" || measuresClarification;
    metrics[definition.key] = { value: measured ? ratio(numerator, denominator) : null, numerator, denominator };
  }
  if (protocol === "selfaware") {
    const precision = metrics.precision?.value ?? 0;
    const recall = metrics.recall?.value ?? 0;
    metrics.f1 = { value: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, numerator: 0, denominator: 0 };
  }
  return { metrics, counts: { ...counts } };
}

/** Folds paper grades into overall and per-dataset counts. */
export interface PaperAccumulator {
  add(grade: PaperGrade): void;
  result(): { overall: PaperGroupMetrics; byDataset: Record<string, PaperGroupMetrics> };
}

/**
 * Creates the accumulator of one paper-protocol run.
 * @param protocol - The protocol.
 * @param measuresClarification - Whether the judge could judge clarifications.
 * @returns The accumulator; datasets come out sorted by name.
 * @example
 * const acc = createPaperAccumulator("sum-strict", true);
 * for (const grade of grades) acc.add(grade);
 * acc.result().overall.metrics.accuracy;
 */
export function createPaperAccumulator(protocol: PaperProtocol, measuresClarification: boolean): PaperAccumulator {
  const overall = emptyPaperCounts();
  const byDataset = new Map<string, PaperCounts>();
  return {
    add(grade) {
      let group = byDataset.get(grade.dataset);
      if (group === undefined) {
        group = emptyPaperCounts();
        byDataset.set(grade.dataset, group);
      }
      for (const counter of grade.counters) {
        overall[counter] += 1;
        group[counter] += 1;
      }
    },
    result() {
      const datasets: Record<string, PaperGroupMetrics> = {};
      for (const name of [...byDataset.keys()].sort()) {
        const counts = byDataset.get(name);
        if (counts !== undefined) datasets[name] = paperMetricsFromCounts(protocol, counts, measuresClarification);
      }
      return { overall: paperMetricsFromCounts(protocol, overall, measuresClarification), byDataset: datasets };
    },
  };
}
