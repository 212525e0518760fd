import { describe, expect, it } from "vitest";
import { chooseThreshold, meanRateError, nextVersion, OWN_VERIFIED_TARGET, SET_FLOOR } from "../bench/quality/fit-clarification.js";

/** `n` positives of `set` with scores spread evenly over (0.5, 1]: a threshold t in [0.5, 1] verifies 2(1 − t) of them. */
function positives(set: string, n: number): { cases: { set: string; kind: string }[]; scores: number[] } {
  const scores = Array.from({ length: n }, (_, i) => 0.5 + (0.5 * (i + 1)) / n);
  return { cases: scores.map(() => ({ set, kind: "positive" })), scores };
}

describe("chooseThreshold", () => {
  it("meanRateError is the standard error of a mean of per-set rates", () => {
    expect(meanRateError(0.85, [100])).toBeCloseTo(Math.sqrt((0.85 * 0.15) / 100), 12);
    expect(meanRateError(0.85, [334, 71, 50, 50])).toBeCloseTo(0.0213, 3);
    // More rows, a smaller margin; no sets, none.
    expect(meanRateError(0.85, [1000, 1000])).toBeLessThan(meanRateError(0.85, [100, 100]));
    expect(meanRateError(0.85, [])).toBe(0);
  });

  it("keeps own clarifications verified at the target plus one standard error, and picks the highest such threshold", () => {
    const { cases, scores } = positives("umwp", 200);
    const t = chooseThreshold(cases, [scores]);
    const verified = scores.filter((s) => s >= t).length / scores.length;
    const required = OWN_VERIFIED_TARGET + meanRateError(OWN_VERIFIED_TARGET, [200]);
    expect(verified).toBeGreaterThanOrEqual(required);
    // One grid step higher misses the margin, though it would still meet the bare target.
    const higher = scores.filter((s) => s >= t + 0.01 - 1e-9).length / scores.length;
    expect(higher).toBeLessThan(required);
    expect(higher).toBeGreaterThanOrEqual(OWN_VERIFIED_TARGET);
    expect(t).toBeCloseTo(0.56, 10);
  });

  it("averages each set's rate over several score lists, with the margin of one list", () => {
    const { cases, scores } = positives("umwp", 200);
    // The same rows scored three ways: the averaged curve lies between the lists' own thresholds.
    const lower = scores.map((s) => s - 0.02);
    const higher = scores.map((s) => Math.min(1, s + 0.02));
    const alone = [lower, scores, higher].map((list) => chooseThreshold(cases, [list]));
    const averaged = chooseThreshold(cases, [lower, scores, higher]);
    expect(alone[0]).toBeLessThan(alone[2] ?? 0);
    expect(averaged).toBeGreaterThanOrEqual(alone[0] ?? 1);
    expect(averaged).toBeLessThanOrEqual(alone[2] ?? 0);
    // Three copies of one list are one list: the margin does not shrink with repeats.
    expect(chooseThreshold(cases, [scores, scores, scores])).toBe(chooseThreshold(cases, [scores]));
  });

  it("no set may fall under the floor; when nothing qualifies, the lowest grid value", () => {
    const a = positives("a", 100);
    const weak = { cases: [{ set: "b", kind: "positive" }], scores: [0.1] };
    const t = chooseThreshold([...a.cases, ...weak.cases], [[...a.scores, ...weak.scores]]);
    expect(t).toBe(0.2);
    expect(SET_FLOOR).toBeLessThan(OWN_VERIFIED_TARGET);
  });
});

describe("nextVersion", () => {
  it("keeps the version when a rerun reproduces the file and moves it when anything else changes", () => {
    const onDisk = { id: "clarification-scorer", version: 27, threshold: 0.76, trees: [[{ leaf: 0.1 }]] };
    expect(nextVersion(onDisk, { ...onDisk, version: 0 })).toBe(27);
    expect(nextVersion(onDisk, { ...onDisk, version: 0, threshold: 0.75 })).toBe(28);
    expect(nextVersion(onDisk, { ...onDisk, version: 0, trees: [[{ leaf: 0.2 }]] })).toBe(28);
  });
});
