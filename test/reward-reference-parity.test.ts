import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { ClarificationVerifier, Sample } from "../src/types.js";

/**
 * `compat: "reference"` against the reward that Abstain-R1's own `sum_reward.py` (run unmodified
 * with Math-Verify 0.8.0, its judge stubbed to always reject / always accept) gave each dev
 * response. The data lives in ../shared/data beside the repository, never in it.
 */
const DATA = resolve(import.meta.dirname, "../../shared/data");
const REWARDS = resolve(DATA, "reference-rewards.dev.jsonl");
const RESPONSES = resolve(DATA, "abstain-cot-responses.dev.jsonl");
const present = existsSync(REWARDS) && existsSync(RESPONSES);

interface ReferenceRow {
  line: number;
  groundTruth: string;
  extraInfo: { is_answerable: boolean; unanswerable_question?: string };
  rewardJudgeRejects: number;
  rewardJudgeAccepts: number;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

function stubJudge(accepts: boolean): ClarificationVerifier {
  return {
    name: accepts ? "accept-all" : "reject-all",
    verify: async (requests) => requests.map(() => ({ score: accepts ? 1 : 0, verified: accepts, perFact: [], reason: "stub judge" })),
  };
}

describe.skipIf(!present)(`compat "reference" reproduces sum_reward.py (needs ${REWARDS}; skipped when absent)`, () => {
  const rows = present ? readJsonl<ReferenceRow>(REWARDS) : [];
  const responses = present ? readJsonl<{ response: string }>(RESPONSES) : [];
  // The reference was called with ground_truth = "\boxed{<first reference answer>}" ("" when none)
  // and extra_info; the sample carries the same facts in the library's shape.
  const samples: Sample[] = rows.map((row) => {
    const response = responses[row.line]?.response ?? "";
    if (row.extraInfo.is_answerable) return { response, answerable: true, goldAnswer: row.groundTruth };
    const question = row.extraInfo.unanswerable_question;
    return question === undefined ? { response, answerable: false } : { response, answerable: false, question };
  });

  it.each([
    ["rejects", false],
    ["accepts", true],
  ] as const)("matches every row with the judge that always %s", async (_name, accepts) => {
    const results = await scoreBatch(samples, { compat: "reference", verifier: stubJudge(accepts) });
    const mismatches: string[] = [];
    results.forEach((result, index) => {
      const row = rows[index] as ReferenceRow;
      const expected = accepts ? row.rewardJudgeAccepts : row.rewardJudgeRejects;
      if (Math.abs(result.reward - expected) > 1e-9) {
        mismatches.push(`row ${row.line}: reference ${expected}, library ${result.reward} (${result.reason})`);
      }
    });
    const agreed = rows.length - mismatches.length;
    console.log(
      `reference parity, judge ${accepts ? "accepts" : "rejects"}: ${agreed}/${rows.length} = ${((100 * agreed) / rows.length).toFixed(2)}%`,
    );
    expect(rows.length).toBe(1600);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
