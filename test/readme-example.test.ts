// The README's API example, run for real on the offline model: if this fails, the README lies.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scoreAnswer } from "../src/index.js";
import { loadRewarder } from "../src/models/index.js";
import { checkRewardFixtures } from "../src/fixtures/check-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "abstain-readme-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("README examples", () => {
  it("scoreAnswer examples", () => {
    expect(scoreAnswer("so the answer is \\boxed{\\frac{1}{2}}", "0.5")).toMatchObject({ correct: true, score: 1, extracted: "\\frac{1}{2}" });
    expect(scoreAnswer("\\boxed{5}", "—").score).toBeNull();
  });

  it("loadRewarder scores the train example 2.0 and passes every fixture with the real verifier", async () => {
    const rewarder = await loadRewarder({ preset: "abstain-r1", device: "cpu", env: { ABSTAIN_REWARD_MODELS: root }, log: () => undefined });
    try {
      const [result] = await rewarder.scoreBatch([
        {
          id: "q1",
          response:
            "The speed is never given.</thinking>\n<answer>\\boxed{I don't know}\nThe problem does not state the speed of the train.</answer>",
          answerable: false,
          question: "A train leaves for a city 120 km away. How long does the trip take?",
          missingFacts: ["the speed of the train"],
        },
      ]);
      expect(result).toMatchObject({ id: "q1", reward: 2, reason: "abstained-clarified" });
      expect(result?.components).toEqual({ format: 1, answer: 1, abstention: 0.3, clarification: 0.7 });
      const fixtures = readFileSync(new URL("../fixtures/reward-table.jsonl", import.meta.url), "utf8");
      const first = await checkRewardFixtures(fixtures, (samples) => rewarder.scoreBatch(samples), { hasVerifier: true });
      expect(first.diff).toBe("");
      expect(first.skipped).toBe(0);
      // Deterministic across runs (the second pass is served from the embedding cache).
      const second = await checkRewardFixtures(fixtures, (samples) => rewarder.scoreBatch(samples), { hasVerifier: true });
      expect(second).toEqual(first);
    } finally {
      await rewarder.dispose();
    }
  });
});
