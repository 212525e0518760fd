import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRewardFixtures } from "../src/reward/check-fixtures.js";
import { createRewarder } from "../src/reward/create-rewarder.js";
import { clarificationAwareReward, scoreBatch } from "../src/reward/score-batch.js";
import { InputError } from "../src/errors.js";
import { bestTimeMs } from "./helpers/timing.js";
import type { RewardResult } from "../src/types.js";
import type { ClarificationRequest, ClarificationResult, ClarificationVerifier, CompatMode, Sample } from "../src/types.js";

const wrap = (answer: string, think = "Let me think."): string => `${think}\n</thinking>\n<answer>\n${answer}\n</answer>`;

/** A verifier double for the composer's contract: accepts clarifications that mention "speed". */
function keywordVerifier(calls: ClarificationRequest[][] = []): ClarificationVerifier {
  return {
    name: "keyword",
    async verify(requests) {
      calls.push([...requests]);
      return requests.map((request): ClarificationResult => {
        const verified = /speed/i.test(request.clarification);
        return { score: verified ? 0.9 : 0.1, verified, perFact: [], reason: verified ? "names the speed" : "does not" };
      });
    },
  };
}

const UNANSWERABLE = { answerable: false, missingFacts: ["the speed of the train"] } as const;

// Every row of the reward table (README), in both compat modes (default weights).
const TABLE: [string, Sample, number][] = [
  ["answerable correct", { response: wrap("\\boxed{12}"), answerable: true, goldAnswer: "12" }, 2.0],
  ["answerable wrong", { response: wrap("\\boxed{7}"), answerable: true, goldAnswer: "12" }, 1.0],
  ["answerable boxed IDK", { response: wrap("\\boxed{I don't know}"), answerable: true, goldAnswer: "12" }, 0.0],
  ["unanswerable IDK + verified clarification", { ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is not given.") }, 2.0],
  [
    "unanswerable IDK + rejected clarification",
    { ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nI need more information.") },
    1.3,
  ],
  ["unanswerable IDK, no clarification", { ...UNANSWERABLE, response: wrap("\\boxed{I don't know.}") }, 1.3],
  ["unanswerable boxed guess", { ...UNANSWERABLE, response: wrap("\\boxed{2}") }, 1.0],
  ["no box", { ...UNANSWERABLE, response: wrap("It cannot be determined.") }, 0.0],
  ["gate failure", { response: "<answer>\\boxed{12}</answer>", answerable: true, goldAnswer: "12" }, 0.0],
];

describe.each<CompatMode>(["fixed", "reference"])("reward table, compat %s", (compat) => {
  it.each(TABLE)("%s", async (_name, sample, expected) => {
    const result = await clarificationAwareReward(sample, { compat, verifier: keywordVerifier() });
    expect(result.reward).toBeCloseTo(expected, 10);
  });
});

describe("compat differences", () => {
  it.each<[string, string, number, number]>([
    ["curly apostrophe marker", "\\boxed{I don’t know}", 1.3, 1.0],
    ["escaped-apostrophe marker", "\\boxed{I don\\'t know}", 1.3, 1.0],
    ["apostrophe-less marker in \\text", "\\boxed{\\text{I dont know}}", 1.3, 1.0],
    ["\\text-wrapped marker", "\\boxed{\\text{I don't know.}}", 1.3, 1.0],
  ])("unanswerable %s: fixed %d, reference %d", async (_name, answer, fixed, reference) => {
    const sample = { ...UNANSWERABLE, response: wrap(answer) };
    expect((await clarificationAwareReward(sample)).reward).toBeCloseTo(fixed, 10);
    expect((await clarificationAwareReward(sample, { compat: "reference" })).reward).toBeCloseTo(reference, 10);
  });

  it("penalises a curly I don’t know on an answerable question only in fixed mode", async () => {
    const sample = { response: wrap("I don’t know"), answerable: true, goldAnswer: "12" };
    expect((await clarificationAwareReward(sample)).reward).toBe(-1);
    expect((await clarificationAwareReward(sample, { compat: "reference" })).reward).toBe(0);
  });

  it("fails loudly on a missing annotation in fixed mode and scores it without bonus in reference mode", async () => {
    const sample = { answerable: false, response: wrap("\\boxed{I don't know}\nThe speed is not given.") };
    await expect(clarificationAwareReward(sample)).rejects.toThrow(/missingFacts/);
    const reference = await clarificationAwareReward(sample, { compat: "reference", verifier: keywordVerifier() });
    expect(reference.reward).toBeCloseTo(1.3, 10);
    expect(reference.details.clarification?.status).toBe("annotation-missing");
  });

  it("reports a verifier failure as its own reason in fixed mode only", async () => {
    const broken: ClarificationVerifier = { name: "broken", verify: () => Promise.reject(new Error("CUDA out of memory")) };
    const sample = { ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is not given.") };
    const fixed = await clarificationAwareReward(sample, { verifier: broken });
    expect(fixed.reward).toBeCloseTo(1.3, 10);
    expect(fixed.reason).toBe("abstained-verifier-error");
    expect(fixed.details.clarification?.error).toMatch(/CUDA out of memory/);
    const reference = await clarificationAwareReward(sample, { verifier: broken, compat: "reference" });
    expect(reference.reason).toBe("abstained-unclarified");
  });

  it("reports a verifier that returns the wrong number of results as an error", async () => {
    const short: ClarificationVerifier = { name: "short", verify: async () => [] };
    const sample = { ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is not given.") };
    const result = await clarificationAwareReward(sample, { verifier: short });
    expect(result.reason).toBe("abstained-verifier-error");
    expect(result.details.clarification?.error).toMatch(/0 results for 1 requests/);
  });
});

describe("presets, weights, verifier wiring", () => {
  const sample = { ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is not given.") };

  it("continuous preset scales the bonus by the verifier's score", async () => {
    const result = await clarificationAwareReward(sample, { preset: "continuous", verifier: keywordVerifier() });
    expect(result.components.clarification).toBeCloseTo(0.7 * 0.9, 10);
    expect(result.reward).toBeCloseTo(1 + 0.3 + 0.63, 10);
  });

  it("without a verifier the clarification is reported unverified, not silently 0", async () => {
    const result = await clarificationAwareReward(sample);
    expect(result.reward).toBeCloseTo(1.3, 10);
    expect(result.reason).toBe("abstained-clarification-unverified");
    expect(result.details.clarification?.status).toBe("unverified");
  });

  it("applies custom weights", async () => {
    const result = await clarificationAwareReward(
      { response: wrap("\\boxed{12}"), answerable: true, goldAnswer: "12" },
      { weights: { format: 0.5, answer: 2 } },
    );
    expect(result.reward).toBeCloseTo(2.5, 10);
  });

  it.each([
    [{ weights: { format: Number.NaN } }, /finite number/],
    [{ preset: "binary" }, /expected one of abstain-r1, continuous/],
    [{ compat: "legacy" }, /expected one of fixed, reference/],
    [{ fuzzyThreshold: 2 }, /\[0, 1\]/],
  ])("rejects bad options %j", async (options, message) => {
    await expect(scoreBatch([], options as never)).rejects.toThrow(message);
  });

  it("makes one verifier call per batch, in input order, and echoes ids", async () => {
    const calls: ClarificationRequest[][] = [];
    const samples: Sample[] = [
      { id: "a", ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is unknown.") },
      { id: "b", response: wrap("\\boxed{12}"), answerable: true, goldAnswer: "12" },
      { id: "c", ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nNo idea at all.") },
    ];
    const results = await scoreBatch(samples, { verifier: keywordVerifier(calls) });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((request) => request.clarification)).toEqual(["The speed is unknown.", "No idea at all."]);
    expect(results.map((result) => [result.id, result.reward])).toEqual([
      ["a", 2],
      ["b", 2],
      ["c", 1.3],
    ]);
  });
});

describe("input validation", () => {
  it.each([
    [[{ response: 5, answerable: true, goldAnswer: "1" }], /sample 0\.response/],
    [[{ response: "x", answerable: "yes", goldAnswer: "1" }], /sample 0\.answerable/],
    [[{ response: "x", answerable: true }], /goldAnswer/],
    [[{ response: "x", answerable: true, goldAnswer: "1", extra: 1 }], /extra/],
    ["not an array", /must be an array/],
  ])("%j → InputError", async (samples, message) => {
    const promise = scoreBatch(samples as never);
    await expect(promise).rejects.toBeInstanceOf(InputError);
    await expect(scoreBatch(samples as never)).rejects.toThrow(message);
  });

  it("scores garbage completions 0 with a reason, never throws", async () => {
    const junk = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65_536));
    const [result] = await scoreBatch([{ response: junk, answerable: true, goldAnswer: "1" }]);
    expect(result?.reward).toBe(0);
    expect(result?.reason).toBe("format-failed");
  });

  // The 50 ms budget itself is measured by bench/pathological.ts; a test asserts a generous bound
  // (5x) so a loaded 2-core CI machine does not flake, which still catches a quadratic step.
  it("scores a 1 MB completion in bounded time (budget 50 ms, asserted 250 ms)", async () => {
    // Just under the 1,000,000-character limit: longer completions are cut to their last million characters.
    const response = wrap(`${"word ".repeat(199_980)}\\boxed{12}`);
    let result: RewardResult | undefined;
    const ms = await bestTimeMs(async () => {
      [result] = await scoreBatch([{ response, answerable: true, goldAnswer: "12" }]);
    });
    expect(ms).toBeLessThan(250);
    expect(result?.reward).toBe(2);
  });
});

describe("createRewarder and fixtures", () => {
  const fixtureText = readFileSync(new URL("../fixtures/reward-table.jsonl", import.meta.url), "utf8");

  it("passes every verifier-independent fixture and reports the rest skipped", async () => {
    const rewarder = createRewarder();
    const report = await checkRewardFixtures(fixtureText, (samples) => rewarder.scoreBatch(samples), { hasVerifier: false });
    expect(report.diff).toBe("");
    expect(report.skipped).toBeGreaterThan(0);
    expect(report.passed).toBeGreaterThan(10);
  });

  it("produces a readable diff on mismatch", async () => {
    const rewarder = createRewarder({ weights: { format: 0 } });
    const report = await checkRewardFixtures(fixtureText, (samples) => rewarder.scoreBatch(samples));
    expect(report.failed).toBeGreaterThan(0);
    expect(report.diff).toMatch(/line 1 \(answerable, correct boxed answer\): reward expected 2, got 1/);
  });

  it("refuses to score after dispose and calls the release hook once", async () => {
    let released = 0;
    const rewarder = createRewarder({ release: () => void (released += 1) });
    await rewarder.dispose();
    await rewarder.dispose();
    expect(released).toBe(1);
    await expect(rewarder.scoreBatch([])).rejects.toThrow(/disposed/);
  });
});

describe("limits", () => {
  it("says in the message when a sample was cut to the limit", async () => {
    // A long reasoning part: the cut keeps the end, where the answer segment is.
    const long = wrap("\\boxed{12}", "word ".repeat(220_000));
    const [cut, short] = await scoreBatch([
      { response: long, answerable: true, goldAnswer: "12" },
      { response: wrap("\\boxed{12}"), answerable: true, goldAnswer: "12" },
    ]);
    expect(cut?.reward).toBe(2);
    expect(cut?.message).toMatch(/cut to that limit/);
    expect(short?.message).not.toMatch(/cut/);
  });
});
