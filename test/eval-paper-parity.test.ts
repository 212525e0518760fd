import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadPaperRuntime } from "../src/cli/io/load-eval-runtime.js";
import { runPaperEvaluation } from "../src/cli/io/run-paper-evaluation.js";
import type { PaperGrade, PaperProtocol } from "../src/eval/paper/paper-types.js";
import { PAPER_PROTOCOLS } from "../src/eval/paper/paper-types.js";

/**
 * Parity with the paper's scripts: fixtures/eval-parity.expected.json holds, for each protocol,
 * the per-item grades and the totals worked out by hand from the scripts' rules with the `exact`
 * judge standing in for their LLM judge. A rule change in `eval` shows up here as a diff.
 */
interface ProtocolExpectation {
  results: string;
  reference: string | null;
  items: Record<string, Record<string, unknown>>;
  totals: Record<string, [number, number]>;
  unmatched?: number;
  f1?: string;
}
const EXPECTED = JSON.parse(readFileSync("fixtures/eval-parity.expected.json", "utf8")) as Record<PaperProtocol, ProtocolExpectation>;

async function run(protocol: PaperProtocol): Promise<{ report: Awaited<ReturnType<typeof runPaperEvaluation>>; grades: PaperGrade[] }> {
  const expected = EXPECTED[protocol];
  const grades: PaperGrade[] = [];
  const report = await runPaperEvaluation(
    {
      results: expected.results,
      reference: expected.reference,
      join: "question",
      protocol,
      judge: { kind: "exact" },
      verifier: false,
      device: "cpu",
      strict: true,
      batchSize: 7,
      duplicates: "error",
    },
    { stdin: new PassThrough(), stderr: new PassThrough() },
    { loadRuntime: loadPaperRuntime, onGrades: async (batch) => void grades.push(...batch) },
  );
  return { report, grades };
}

function keyOf(grade: PaperGrade): string {
  return grade.variant === null ? String(grade.line) : `${grade.line}:${grade.variant}`;
}

describe.each(PAPER_PROTOCOLS.map((protocol) => [protocol]))("%s: parity fixture, exact judge", (protocol) => {
  const expected = EXPECTED[protocol];

  it("every item gets the grade worked out from the script's rules", async () => {
    const { grades } = await run(protocol);
    expect(grades.map(keyOf).sort()).toEqual(Object.keys(expected.items).sort());
    for (const grade of grades) {
      const want = expected.items[keyOf(grade)] ?? {};
      const got: Record<string, unknown> = {};
      for (const field of Object.keys(want)) {
        if (field === "id" || field === "why") continue;
        got[field] = (grade as unknown as Record<string, unknown>)[field];
      }
      const { id: _id, why, ...fields } = want;
      expect({ item: keyOf(grade), why, ...got }).toEqual({ item: keyOf(grade), why, ...fields });
    }
  });

  it("the totals equal the hand-computed totals", async () => {
    const { report } = await run(protocol);
    const got = Object.fromEntries(
      Object.keys(expected.totals).map((key) => [key, [report.overall.metrics[key]?.numerator, report.overall.metrics[key]?.denominator]]),
    );
    expect(got).toEqual(expected.totals);
    for (const [key, [numerator, denominator]] of Object.entries(expected.totals)) {
      expect(report.overall.metrics[key]?.value).toBeCloseTo(denominator === 0 ? 0 : numerator / denominator, 12);
    }
    if (expected.f1 !== undefined) {
      const [n, d] = expected.f1.split("/").map(Number);
      expect(report.overall.metrics.f1?.value).toBeCloseTo((n ?? 0) / (d ?? 1), 12);
    }
    expect(report.input.unmatched).toBe(expected.unmatched ?? 0);
    expect(report.judge.kind).toBe("exact");
  });
});

describe("paper protocols: denominators", () => {
  it("sum-strict counts a record without reference in both totals; sum-permissive does not", async () => {
    const strict = (await run("sum-strict")).report;
    const permissive = (await run("sum-permissive")).report;
    expect(strict.overall.counts.answerable).toBe(13);
    expect(strict.overall.counts.unanswerable).toBe(13);
    expect(strict.overall.counts.missingReference).toBe(1);
    expect(permissive.overall.counts.answerable).toBe(12);
  });

  it("a rate over nothing is 0, as the scripts print it", async () => {
    const { report } = await run("selfaware");
    const group = report.byDataset.parity;
    expect(group?.metrics.accuracy?.denominator).toBe(7);
    expect(report.overall.metrics.precision?.value).toBeCloseTo(5 / 8, 12);
  });
});
