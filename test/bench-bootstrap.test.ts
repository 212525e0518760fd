// The story-level bootstrap of the quality bench: groups move together, the interval holds the
// figure, and a seed gives the same interval every time.
import { describe, expect, it } from "vitest";
import { groupBootstrap } from "../bench/quality/lib/bootstrap.js";

const mean = (xs: readonly { v: number }[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, x) => a + x.v, 0) / xs.length);

describe("groupBootstrap", () => {
  it("draws whole groups: with one group of ten 1s and one group of a single 0, only three means can come out", () => {
    const rows = [...Array.from({ length: 10 }, () => ({ g: 1, v: 1 })), { g: 2, v: 0 }];
    const seen = new Set<number>();
    groupBootstrap(
      rows,
      (row) => row.g,
      (xs) => {
        const m = mean(xs);
        seen.add(Math.round(m * 1000) / 1000);
        return m;
      },
    );
    // Both draws of group 1 (mean 1), both of group 2 (0), or one of each (10/11).
    expect([...seen].sort()).toEqual([0, 0.909, 1]);
  });

  it("gives an interval that holds the figure, the same for the same seed, and wider when rows of a group agree", () => {
    // 20 groups of 10 rows; every row of a group has its group's value (a third of the groups 0).
    const rows = Array.from({ length: 200 }, (_, i) => ({ i, g: Math.floor(i / 10), v: Math.floor(i / 10) % 3 === 0 ? 0 : 1 }));
    const figure = mean(rows);
    const byGroup = groupBootstrap(rows, (row) => row.g, mean);
    expect(byGroup.low).toBeLessThanOrEqual(figure);
    expect(byGroup.high).toBeGreaterThanOrEqual(figure);
    expect(byGroup.resamples).toBe(1000);
    expect(groupBootstrap(rows, (row) => row.g, mean)).toEqual(byGroup);
    // Rows drawn one by one pretend to be 200 independent samples: a narrower, wrong interval.
    const byRow = groupBootstrap(rows, (row) => row.i, mean);
    expect(byGroup.high - byGroup.low).toBeGreaterThan(1.5 * (byRow.high - byRow.low));
  });

  it("leaves undefined statistics out and reports NaN bounds when none is defined", () => {
    const none = groupBootstrap(
      [{ g: 1, v: 1 }],
      (row) => row.g,
      () => Number.NaN,
    );
    expect(none.resamples).toBe(0);
    expect(Number.isNaN(none.low) && Number.isNaN(none.high)).toBe(true);
    expect(
      groupBootstrap(
        [],
        (row: { g: number }) => row.g,
        () => 1,
      ).resamples,
    ).toBe(0);
  });
});
