import type { EmptyOutputPolicy, EvalProtocol, GroupMetrics, ItemGrade, MetricCounts } from "./eval-types.js";

/**
 * Zeroed counts.
 * @returns A fresh counts object.
 * @example
 * emptyCounts().items; // 0
 */
export function emptyCounts(): MetricCounts {
  return {
    items: 0,
    answerable: 0,
    unanswerable: 0,
    empty: 0,
    excluded: 0,
    formatOk: 0,
    answerGraded: 0,
    correct: 0,
    answerUngradeable: 0,
    noAnswer: 0,
    falseRefusals: 0,
    refusals: 0,
    clarificationGraded: 0,
    clarified: 0,
    clarificationUnverified: 0,
    clarificationAnnotationMissing: 0,
    clarificationVerifierError: 0,
    ungradeable: 0,
    rewarded: 0,
    rewardSum: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    skippedForF1: 0,
  };
}

/** Counts the clarification of one unanswerable grade; returns whether it was ungradeable. */
function countClarification(counts: MetricCounts, grade: ItemGrade): boolean {
  switch (grade.clarification) {
    case "verified":
      counts.clarificationGraded += 1;
      counts.clarified += 1;
      return false;
    case "rejected":
    case "no-refusal":
      counts.clarificationGraded += 1;
      return false;
    case "unverified":
      counts.clarificationUnverified += 1;
      return true;
    case "annotation-missing":
      counts.clarificationAnnotationMissing += 1;
      return true;
    case "verifier-error":
      counts.clarificationVerifierError += 1;
      return true;
    case null:
      // The protocol has no clarification annotation (SelfAware): not applicable, not ungradeable.
      return false;
  }
}

/**
 * Adds one grade to a group's counts.
 * @param counts - The group's counts (mutated).
 * @param grade - The item's grade.
 * @param policy - What empty outputs count as.
 * @param protocol - The protocol (the `reference` policy differs for SelfAware).
 * @example
 * const counts = emptyCounts();
 * addGrade(counts, grade, "miss", "abstain-test");
 */
export function addGrade(counts: MetricCounts, grade: ItemGrade, policy: EmptyOutputPolicy, protocol: EvalProtocol): void {
  counts.items += 1;
  if (grade.empty) counts.empty += 1;
  if (grade.empty && policy === "exclude") {
    counts.excluded += 1;
    counts.ungradeable += 1;
    return;
  }
  if (grade.formatOk) counts.formatOk += 1;
  if (grade.reward !== null) {
    counts.rewarded += 1;
    counts.rewardSum += grade.reward;
  }
  let ungradeable = false;
  if (grade.answerable) {
    counts.answerable += 1;
    if (grade.refused) counts.falseRefusals += 1;
    if (grade.correct === null) {
      counts.answerUngradeable += 1;
      ungradeable = true;
    } else {
      counts.answerGraded += 1;
      if (grade.correct) counts.correct += 1;
    }
    if (grade.noAnswer) counts.noAnswer += 1;
  } else {
    counts.unanswerable += 1;
    if (grade.refused) counts.refusals += 1;
    ungradeable = countClarification(counts, grade);
  }
  if (grade.empty && policy === "reference" && protocol === "selfaware") {
    // eval_model.py `continue`s on an empty output before counting TP/FP/FN.
    counts.skippedForF1 += 1;
  } else if (!grade.answerable) {
    if (grade.refused) counts.truePositives += 1;
    else counts.falseNegatives += 1;
  } else if (grade.refused) {
    counts.falsePositives += 1;
  }
  if (ungradeable) counts.ungradeable += 1;
}

/**
 * A rate, or `null` when its denominator is 0 (never a made-up 0).
 * @param numerator - Count of hits.
 * @param denominator - Count of trials.
 * @returns `numerator / denominator` or `null`.
 * @example
 * rate(1, 4); // 0.25
 */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/**
 * Turns a group's counts into its metrics.
 * @param counts - The counts.
 * @param protocol - SelfAware adds precision, recall and F1 (unanswerable = positive).
 * @returns The metrics, with the counts attached.
 * @example
 * metricsFromCounts(counts, "abstain-test").accuracy;
 */
export function metricsFromCounts(counts: MetricCounts, protocol: EvalProtocol): GroupMetrics {
  const metrics: GroupMetrics = {
    accuracy: rate(counts.correct, counts.answerGraded),
    falseRefusalRate: rate(counts.falseRefusals, counts.answerable),
    refusalRate: rate(counts.refusals, counts.unanswerable),
    clarificationAccuracy: rate(counts.clarified, counts.clarificationGraded),
    formatRate: rate(counts.formatOk, counts.items - counts.excluded),
    meanReward: rate(counts.rewardSum, counts.rewarded),
    counts: { ...counts },
  };
  if (protocol === "selfaware") {
    const precision = rate(counts.truePositives, counts.truePositives + counts.falsePositives);
    const recall = rate(counts.truePositives, counts.truePositives + counts.falseNegatives);
    metrics.precision = precision;
    metrics.recall = recall;
    metrics.f1 =
      precision === null || recall === null ? null : precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return metrics;
}

/** Folds grades into overall and per-dataset counts, one grade at a time (bounded memory). */
export interface MetricsAccumulator {
  add(grade: ItemGrade): void;
  result(): { overall: GroupMetrics; byDataset: Record<string, GroupMetrics> };
}

/**
 * Creates an accumulator for one evaluation run.
 * @param protocol - The protocol.
 * @param policy - What empty outputs count as.
 * @returns The accumulator; datasets come out sorted by name.
 * @example
 * const acc = createMetricsAccumulator("abstain-test", "miss");
 * for (const grade of grades) acc.add(grade);
 * acc.result().overall.accuracy;
 */
export function createMetricsAccumulator(protocol: EvalProtocol, policy: EmptyOutputPolicy): MetricsAccumulator {
  const overall = emptyCounts();
  const byDataset = new Map<string, MetricCounts>();
  return {
    add(grade) {
      addGrade(overall, grade, policy, protocol);
      let group = byDataset.get(grade.dataset);
      if (group === undefined) {
        group = emptyCounts();
        byDataset.set(grade.dataset, group);
      }
      addGrade(group, grade, policy, protocol);
    },
    result() {
      const datasets: Record<string, GroupMetrics> = {};
      for (const name of [...byDataset.keys()].sort()) {
        const counts = byDataset.get(name);
        if (counts !== undefined) datasets[name] = metricsFromCounts(counts, protocol);
      }
      return { overall: metricsFromCounts(overall, protocol), byDataset: datasets };
    },
  };
}
