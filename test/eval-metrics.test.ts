import { describe, expect, it } from "vitest";
import type { ItemGrade } from "../src/eval/eval-types.js";
import { createMetricsAccumulator, metricsFromCounts, emptyCounts, addGrade, rate } from "../src/eval/metrics.js";

function grade(overrides: Partial<ItemGrade>): ItemGrade {
  return {
    line: 1,
    id: null,
    dataset: "d",
    variant: null,
    answerable: true,
    empty: false,
    formatOk: true,
    reward: 1,
    reason: "answer-wrong",
    refused: false,
    correct: false,
    noAnswer: false,
    clarified: null,
    clarification: null,
    ...overrides,
  };
}

const A_CORRECT = grade({ reward: 2, reason: "answer-correct", correct: true });
const A_WRONG = grade({});
const A_FALSE_REFUSAL = grade({ reward: 0, reason: "answer-idk", refused: true });
const A_UNGRADEABLE = grade({ reward: null, reason: "gold-ungradeable", correct: null });
const A_NO_ANSWER = grade({ reward: 0, reason: "answer-missing", noAnswer: true });
const A_EMPTY = grade({ empty: true, formatOk: false, reward: 0, reason: "format-failed" });
const U = { answerable: false, correct: null } as const;
const U_CLARIFIED = grade({ ...U, reward: 2, reason: "abstained-clarified", refused: true, clarified: true, clarification: "verified" });
const U_REJECTED = grade({
  ...U,
  reward: 1.3,
  reason: "abstained-unclarified",
  refused: true,
  clarified: false,
  clarification: "rejected",
});
const U_UNVERIFIED = grade({ ...U, reward: 1.3, reason: "abstained-clarification-unverified", refused: true, clarification: "unverified" });
const U_GUESS = grade({ ...U, reward: 1, reason: "unanswerable-guess", clarified: false, clarification: "no-refusal" });
const U_EMPTY = grade({
  ...U,
  empty: true,
  formatOk: false,
  reward: 0,
  reason: "format-failed",
  clarified: false,
  clarification: "no-refusal",
});

describe("rate", () => {
  it.each([
    [1, 4, 0.25],
    [0, 3, 0],
    [0, 0, null],
    [5, 0, null],
  ])("rate(%d, %d) = %s", (n, d, expected) => {
    expect(rate(n, d)).toBe(expected);
  });
});

describe("abstain-test metrics, hand-computed", () => {
  const grades = [
    A_CORRECT,
    A_WRONG,
    A_FALSE_REFUSAL,
    A_UNGRADEABLE,
    A_NO_ANSWER,
    A_EMPTY,
    U_CLARIFIED,
    U_REJECTED,
    U_UNVERIFIED,
    U_GUESS,
    U_EMPTY,
  ];

  it("counts every rate with its denominator (empty outputs: miss)", () => {
    const acc = createMetricsAccumulator("abstain-test", "miss");
    for (const g of grades) acc.add(g);
    const { overall } = acc.result();
    // answerable: 6 items; A_UNGRADEABLE leaves accuracy → 1 correct of 5 graded.
    expect(overall.accuracy).toBeCloseTo(1 / 5, 12);
    expect(overall.counts).toMatchObject({ answerable: 6, answerGraded: 5, correct: 1, answerUngradeable: 1, noAnswer: 1 });
    expect(overall.falseRefusalRate).toBeCloseTo(1 / 6, 12);
    // unanswerable: 5 items, 3 refusals.
    expect(overall.refusalRate).toBeCloseTo(3 / 5, 12);
    // clarification: the unverified one is not judged → 1 clarified of 4 judged.
    expect(overall.clarificationAccuracy).toBeCloseTo(1 / 4, 12);
    expect(overall.counts).toMatchObject({
      unanswerable: 5,
      refusals: 3,
      clarificationGraded: 4,
      clarified: 1,
      clarificationUnverified: 1,
    });
    // format: 2 empties failed the gate.
    expect(overall.formatRate).toBeCloseTo(9 / 11, 12);
    // reward: the ungradeable one has none → (2+1+0+0+0+2+1.3+1.3+1+0) / 10.
    expect(overall.meanReward).toBeCloseTo(8.6 / 10, 12);
    expect(overall.counts).toMatchObject({ items: 11, empty: 2, excluded: 0, rewarded: 10, ungradeable: 2 });
    expect(overall.precision).toBeUndefined();
  });

  it("leaves empty outputs out of every rate under exclude, and counts them", () => {
    const acc = createMetricsAccumulator("abstain-test", "exclude");
    for (const g of grades) acc.add(g);
    const { overall } = acc.result();
    expect(overall.counts).toMatchObject({ items: 11, empty: 2, excluded: 2, answerable: 5, unanswerable: 4, ungradeable: 4 });
    expect(overall.accuracy).toBeCloseTo(1 / 4, 12);
    expect(overall.falseRefusalRate).toBeCloseTo(1 / 5, 12);
    expect(overall.refusalRate).toBeCloseTo(3 / 4, 12);
    expect(overall.clarificationAccuracy).toBeCloseTo(1 / 3, 12);
    expect(overall.formatRate).toBe(1);
    expect(overall.meanReward).toBeCloseTo(8.6 / 8, 12);
  });

  it("reports null, not 0, for a rate with nothing to count", () => {
    const acc = createMetricsAccumulator("abstain-test", "miss");
    acc.add(A_CORRECT);
    const { overall } = acc.result();
    expect(overall.refusalRate).toBeNull();
    expect(overall.clarificationAccuracy).toBeNull();
    expect(overall.accuracy).toBe(1);
  });

  it("splits by dataset, sorted by name, and the groups add up to the overall counts", () => {
    const acc = createMetricsAccumulator("abstain-test", "miss");
    acc.add({ ...A_CORRECT, dataset: "zeta" });
    acc.add({ ...A_WRONG, dataset: "alpha" });
    acc.add({ ...U_CLARIFIED, dataset: "alpha" });
    const { overall, byDataset } = acc.result();
    expect(Object.keys(byDataset)).toEqual(["alpha", "zeta"]);
    expect(byDataset.alpha?.accuracy).toBe(0);
    expect(byDataset.alpha?.refusalRate).toBe(1);
    expect(byDataset.zeta?.accuracy).toBe(1);
    expect(overall.counts.items).toBe((byDataset.alpha?.counts.items ?? 0) + (byDataset.zeta?.counts.items ?? 0));
  });

  it("counts verifier errors and missing annotations as not judged", () => {
    const counts = emptyCounts();
    addGrade(counts, grade({ ...U, refused: true, clarification: "verifier-error" }), "miss", "abstain-test");
    addGrade(counts, grade({ ...U, refused: true, clarification: "annotation-missing" }), "miss", "abstain-test");
    const metrics = metricsFromCounts(counts, "abstain-test");
    expect(metrics.clarificationAccuracy).toBeNull();
    expect(metrics.counts).toMatchObject({ clarificationVerifierError: 1, clarificationAnnotationMissing: 1, ungradeable: 2, refusals: 2 });
  });
});

describe("SelfAware precision / recall / F1 (unanswerable = positive)", () => {
  const S = (answerable: boolean, refused: boolean, correct: boolean | null, empty = false): ItemGrade =>
    grade({
      answerable,
      refused,
      correct: answerable ? correct : null,
      empty,
      reward: null,
      reason: null,
      clarification: null,
      formatOk: false,
    });
  // The bundled fixture's grades: 2 correct answerable, 1 refused answerable, 1 empty answerable,
  // 2 refused unanswerable, 1 answered unanswerable, 1 empty unanswerable.
  const grades = [
    S(true, false, true),
    S(true, false, true),
    S(true, true, false),
    S(true, false, false, true),
    S(false, true, null),
    S(false, false, null),
    S(false, false, null, true),
    S(false, true, null),
  ];

  it("miss (fixed): empty outputs are missed abstentions and wrong answers", () => {
    const acc = createMetricsAccumulator("selfaware", "miss");
    for (const g of grades) acc.add(g);
    const { overall } = acc.result();
    expect(overall.counts).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2, skippedForF1: 0 });
    expect(overall.precision).toBeCloseTo(2 / 3, 12);
    expect(overall.recall).toBeCloseTo(2 / 4, 12);
    expect(overall.f1).toBeCloseTo(4 / 7, 12);
    expect(overall.accuracy).toBeCloseTo(2 / 4, 12);
    expect(overall.meanReward).toBeNull();
    expect(overall.clarificationAccuracy).toBeNull();
    expect(overall.counts.ungradeable).toBe(0);
  });

  it("reference: eval_model.py skips empty outputs for F1 but keeps them in the accuracy denominator", () => {
    const acc = createMetricsAccumulator("selfaware", "reference");
    for (const g of grades) acc.add(g);
    const { overall } = acc.result();
    expect(overall.counts).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1, skippedForF1: 2 });
    expect(overall.precision).toBeCloseTo(2 / 3, 12);
    expect(overall.recall).toBeCloseTo(2 / 3, 12);
    expect(overall.f1).toBeCloseTo(2 / 3, 12);
    expect(overall.accuracy).toBeCloseTo(2 / 4, 12);
  });

  it("exclude: empty outputs leave every rate, accuracy included", () => {
    const acc = createMetricsAccumulator("selfaware", "exclude");
    for (const g of grades) acc.add(g);
    const { overall } = acc.result();
    expect(overall.f1).toBeCloseTo(2 / 3, 12);
    expect(overall.accuracy).toBeCloseTo(2 / 3, 12);
    expect(overall.counts).toMatchObject({ excluded: 2, ungradeable: 2 });
  });

  it("F1 is 0 when there are predictions but no hit, null when precision is undefined", () => {
    const none = createMetricsAccumulator("selfaware", "miss");
    none.add(S(true, true, false));
    none.add(S(false, false, null));
    expect(none.result().overall.f1).toBe(0);
    const undefinedPrecision = createMetricsAccumulator("selfaware", "miss");
    undefinedPrecision.add(S(false, false, null));
    expect(undefinedPrecision.result().overall.precision).toBeNull();
    expect(undefinedPrecision.result().overall.f1).toBeNull();
  });
});
