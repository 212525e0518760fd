import { describe, expect, it } from "vitest";
import { isIdkBox } from "../src/abstention/idk-marker.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import { clarificationAwareReward, scoreBatch } from "../src/reward/score-batch.js";
import type { ClarificationResult, ClarificationVerifier, CompatMode, Preset, Sample } from "../src/types.js";
import { bestTimeMs } from "./helpers/timing.js";

// Defects found by scoring the 1,600 real responses of abstain-cot-responses.dev.jsonl and by
// probing the reward rules in both compat modes.

const wrap = (answer: string): string => `Let me think.\n</thinking>\n<answer>\n${answer}\n</answer>`;
const UNANSWERABLE = { answerable: false, missingFacts: ["the speed of the train"] } as const;

// qaqa answerable rows 1220/1237/1258 of the dev file: the answer segment is the gold, verbatim.
const LONG_GOLD =
  "The term for the president (official title: President of the State Affairs Commission) in North Korea is usually five years, " +
  "and the president is selected through an election. However, the elections have a 100% turnout rate and unanimous vote goes " +
  "towards the candidate of the ruling party. There is no term limit for the president either, so North Korea in practice usually " +
  "gets a new president when the previous one dies. ";

describe("a long prose gold (301–500 chars) answered verbatim is correct", () => {
  it.each<[string, string, number]>([
    ["verbatim, one line", LONG_GOLD.trim(), 1],
    ["verbatim, reflowed over lines", LONG_GOLD.replace(/\. /g, ".\n"), 1],
    ["verbatim without the final period", LONG_GOLD.trim().replace(/\.$/, ""), 1],
    [
      "only its last sentence",
      "There is no term limit for the president either, so North Korea in practice usually gets a new president when the previous one dies.",
      0,
    ],
    ["a different long answer", LONG_GOLD.replace("five years", "seven years"), 0],
  ])("%s", (_name, answer, score) => {
    expect(scoreAnswer(`\n${answer}\n`, LONG_GOLD).score).toBe(score);
  });

  it("rewards it as answer-correct end to end", async () => {
    const result = await clarificationAwareReward({ response: wrap(LONG_GOLD), answerable: true, goldAnswer: LONG_GOLD });
    expect([result.reason, result.reward]).toEqual(["answer-correct", 1]);
  });
});

// The format rule: r_format = 1 iff `\boxed{` occurs in the answer segment; the listed compat fixes do not
// touch the format rule, so both modes must agree (a marker box always counts as a box).
describe.each<CompatMode>(["fixed", "reference"])("format rule, compat %s", (compat) => {
  it.each<[string, string, number]>([
    ["\\boxed{12}", "closed box", 1],
    ["\\boxed{12", "unclosed box still contains \\boxed{", 1],
    ["\\fbox{12}", "\\fbox is not \\boxed", 0],
    ["12", "no box", 0],
  ])("%s (%s) → format %d", async (answer, _why, format) => {
    const result = await clarificationAwareReward({ response: wrap(answer), answerable: true, goldAnswer: "12" }, { compat });
    expect(result.components.format).toBe(format);
  });
});

describe("fixed mode marker variants", () => {
  it.each<[string, boolean]>([
    ["\\text{I don't know}.", true],
    ["\\text{I don't know.}", true],
    ["I don't know.", true],
    ["\\text{I don't know why}.", false],
  ])("isIdkBox(%j) → %s", (content, expected) => {
    expect(isIdkBox(content, "fixed")).toBe(expected);
  });

  it("a pathological box content is rejected in bounded time", async () => {
    const content = `\\text{${"I don't know ".repeat(10)}${".".repeat(100_000)}}`;
    // Budget 50 ms; asserted with 5x headroom for a loaded CI machine.
    expect(await bestTimeMs(() => isIdkBox(content, "fixed"))).toBeLessThan(250);
    expect(await bestTimeMs(() => isIdkBox(`${"!".repeat(190)}x`, "fixed"))).toBeLessThan(250);
  });
});

function fakeVerifier(result: unknown): ClarificationVerifier {
  return { name: "fake", verify: async (requests) => requests.map(() => result as ClarificationResult) };
}

// A buggy custom verifier must never turn into a NaN reward or an exception out of scoreBatch.
describe("malformed verifier results are verifier errors", () => {
  it.each<[string, unknown, Preset]>([
    ["NaN score, continuous", { score: Number.NaN, verified: true, perFact: [], reason: "x" }, "continuous"],
    ["Infinity score, continuous", { score: Number.POSITIVE_INFINITY, verified: true, perFact: [], reason: "x" }, "continuous"],
    ["null result", null, "abstain-r1"],
    ["score missing", { verified: true }, "abstain-r1"],
  ])("%s", async (_name, bad, preset) => {
    const samples: Sample[] = [
      { id: "u", ...UNANSWERABLE, response: wrap("\\boxed{I don't know}\nThe speed is not given.") },
      { id: "a", response: wrap("\\boxed{12}"), answerable: true, goldAnswer: "12" },
    ];
    const [unanswerable, answerable] = await scoreBatch(samples, { preset, verifier: fakeVerifier(bad) });
    expect(unanswerable?.reason).toBe("abstained-verifier-error");
    expect(unanswerable?.reward).toBeCloseTo(1.3, 10);
    expect(answerable?.reward).toBe(2);
  });
});
