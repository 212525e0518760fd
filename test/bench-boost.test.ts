import { describe, expect, it } from "vitest";
import { baggedBoost, bagOf, boost } from "../bench/quality/lib/boost.js";
import { fnv1a } from "../bench/quality/lib/data.js";
import { ensembleMargin } from "../src/clarification/tree-ensemble.js";

/** A small deterministic problem: y = 1 when a + noise > b, in 40 groups of 5 rows. */
function samples(): { x: number[]; y: number; w: number; group: number }[] {
  const out: { x: number[]; y: number; w: number; group: number }[] = [];
  for (let i = 0; i < 200; i += 1) {
    const a = ((i * 37) % 101) / 100;
    const b = ((i * 61) % 97) / 96;
    const noise = (((i * 13) % 7) - 3) / 20;
    out.push({ x: [a, b], y: a + noise > b ? 1 : 0, w: 1 / 200, group: Math.floor(i / 5) });
  }
  return out;
}

describe("baggedBoost", () => {
  const options = { trees: 10, depth: 2, rate: 0.3, lambda: 0.002, minWeight: 0.004, bins: 16 };

  it("is one ensemble whose margin is the mean of its members' margins, each fitted without one bag of groups", () => {
    const rows = samples();
    const merged = baggedBoost(rows, ["a", "b"], options, 3);
    const members = [0, 1, 2].map((bag) =>
      boost(
        rows.filter((row) => bagOf(row.group, 3) !== bag),
        ["a", "b"],
        options,
      ),
    );
    expect(merged.trees).toHaveLength(30);
    for (const probe of [
      { a: 0.1, b: 0.9 },
      { a: 0.8, b: 0.2 },
      { a: 0.5, b: 0.5 },
    ]) {
      const mean = members.reduce((sum, member) => sum + ensembleMargin(member, probe), 0) / 3;
      // Leaves and base are rounded when merged (1e-6 and 1e-5).
      expect(ensembleMargin(merged, probe)).toBeCloseTo(mean, 4);
    }
    expect(ensembleMargin(merged, { a: 0.9, b: 0.1 })).toBeGreaterThan(ensembleMargin(merged, { a: 0.1, b: 0.9 }));
  });

  it("one bag is a single ensemble on every sample; a group never straddles bags", () => {
    const rows = samples();
    expect(baggedBoost(rows, ["a", "b"], options, 1)).toEqual(boost(rows, ["a", "b"], options));
    for (const row of rows) expect(bagOf(row.group, 5)).toBe(fnv1a(`bag:${row.group}`) % 5);
  });
});

describe("fnv1a", () => {
  it("is the 32-bit FNV-1a hash", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });
});
