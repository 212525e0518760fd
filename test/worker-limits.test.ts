// Edges of the worker protocol that a trainer's data can hit: ids JSON cannot hold, weights whose
// reward overflows, mistyped sample keys and flags (a "did you mean" everywhere, not only over HTTP).
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { parseFlags } from "../src/cli/io/cli-args.js";
import { scoreBatch } from "../src/reward/score-batch.js";
import { resolveRewardOptions } from "../src/reward/reward-options.js";
import { suggestName } from "../src/reward/did-you-mean.js";
import { validateSamples } from "../src/reward/sample-schema.js";
import { createRequestHandler } from "../src/worker/handle-request.js";
import { rawIdText } from "../src/worker/raw-id.js";
import { rewardRange } from "../src/worker/protocol.js";
import { parseRewardCommandFlags, rewardOptionsFromFlags } from "../src/cli/reward-flags.js";
import { ANSWERABLE, fakeRewarder } from "./worker-fixtures.js";

const GOOD = ANSWERABLE("s", "12", "12");
const sampleJson = JSON.stringify({ sample: GOOD }).slice(1, -1);

describe("integer ids beyond 2^53", () => {
  it.each([
    ["9007199254740993", `{"id":9007199254740993,${sampleJson}}`],
    ["-9007199254740993", `{ "id" : -9007199254740993 , ${sampleJson}}`],
    ["123456789012345678901234567890", `{${sampleJson},"id":123456789012345678901234567890}`],
    ["1e300", `{"id":1e300,${sampleJson}}`],
  ])("rejects id %s naming its original text, never answering id null or a rounded id", async (text, requestLine) => {
    const response = await createRequestHandler(fakeRewarder()).handleLine(requestLine);
    expect(response).toMatchObject({ id: text, error: { code: "invalid_request" } });
    expect(JSON.stringify(response)).toContain(`The id ${text} is an integer beyond`);
  });

  it("names a big id in a line that is not valid JSON", async () => {
    const response = await createRequestHandler(fakeRewarder()).handleLine('{"id":9007199254740993,"sample":{"resp');
    expect(response).toMatchObject({ id: "9007199254740993", error: { code: "invalid_json" } });
  });

  it("still echoes safe integer ids as numbers", async () => {
    const response = await createRequestHandler(fakeRewarder()).handleLine(`{"id":9007199254740991,${sampleJson}}`);
    expect(response).toMatchObject({ id: 9007199254740991, result: { reward: 2 } });
  });

  it.each([
    ['{"id":5}', "5"],
    ['{"x":{"id":1},"id":7}', "7"],
    ['{"s":"\\"id\\":3","id":-2.5e3}', "-2.5e3"],
    ['{"id":"7"}', null],
    ['{"ids":[1],"x":{"id":2}}', null],
  ])("rawIdText(%s) reads only the top-level id", (text, expected) => {
    expect(rawIdText(text)).toBe(expected);
  });
});

describe("weights whose reward is not finite", () => {
  it.each([[{ format: 1e308, answer: 1e308 }], [{ answer: 1e308, clarification: 1e308 }], [{ answer: 1e200, idkPenalty: -1e200 }]])(
    "rejects %j with a sentence",
    (weights) => {
      expect(() => resolveRewardOptions({ weights })).toThrow(/the largest reward .* is not a finite number/i);
    },
  );

  it("rejects --weights format=1e308,answer=1e308 at the flag", () => {
    const { rewarder } = rewardOptionsFromFlags({ weights: "format=1e308,answer=1e308" });
    expect(() => resolveRewardOptions({ weights: rewarder.weights ?? {} })).toThrow(InputError);
  });

  it("keeps large but finite weights", async () => {
    const [result] = await scoreBatch([{ response: "x</thinking><answer>\\boxed{4}</answer>", answerable: true, goldAnswer: "4" }], {
      weights: { format: 1e300, answer: 1e300 },
    });
    expect(Number.isFinite(result?.reward)).toBe(true);
  });
});

describe("did you mean", () => {
  it.each([
    ["gold_answer", "goldAnswer"],
    ["missing_facts", "missingFacts"],
    ["reference_clarification", "referenceClarification"],
    ["respons", "response"],
    ["Answerable", "answerable"],
    ["xyz", null],
  ])("suggestName(%s) → %s", (name, expected) => {
    expect(suggestName(name, ["id", "response", "answerable", "goldAnswer", "missingFacts", "referenceClarification", "question"])).toBe(
      expected,
    );
  });

  it("the JS API names the field a mistyped key meant", async () => {
    expect(() => validateSamples([{ ...GOOD, gold_answer: "12" }])).toThrow(
      /"gold_answer" is not a sample field \(did you mean "goldAnswer"\?\)/,
    );
    await expect(scoreBatch([{ ...GOOD, missing_facts: ["x"] } as never])).rejects.toThrow(/did you mean "missingFacts"/);
  });

  it("the worker does too, with the key in the issue path", async () => {
    const response = await createRequestHandler(fakeRewarder()).handleLine(
      JSON.stringify({ id: "a", sample: { ...GOOD, goldAnswr: "12" } }),
    );
    expect(response).toMatchObject({ id: "a", error: { code: "invalid_input", issues: [{ path: [0, "goldAnswr"] }] } });
    expect(JSON.stringify(response)).toContain('did you mean \\"goldAnswer\\"?');
  });

  it.each([
    [
      () => parseRewardCommandFlags("worker", ["--prest", "continuous"], {}),
      /Unknown option '--prest' \(did you mean "--preset"\?\)\. Run `abstain-reward worker --help`/,
    ],
    [
      () => parseRewardCommandFlags("serve", ["--max-body-byte", "1"], { "max-body-bytes": { type: "string" } }),
      /did you mean "--max-body-bytes"/,
    ],
    [() => parseFlags("score", ["--jsn"], { json: { type: "boolean" } }), /Unknown option '--jsn' \(did you mean "--json"\?\)/],
  ])("CLI flags get the closest known flag (%#)", (parse, message) => {
    expect(parse).toThrow(message);
  });
});

describe("rewardRange in the ready line", () => {
  it.each([
    [{ format: 1, answer: 1, abstention: 0.3, clarification: 0.7, idkPenalty: -1 }, [-1, 2]],
    [{ format: 0.5, answer: 2, abstention: 0.3, clarification: 0.7, idkPenalty: 0 }, [0, 2.5]],
    [{ format: -1, answer: 1, abstention: 0.3, clarification: 2, idkPenalty: -3 }, [-4, 2.3]],
  ])("%j → %j, and every reward the scorer can give lies inside", (weights, range) => {
    const [low, high] = rewardRange(weights);
    expect(low).toBeCloseTo(range[0] ?? Number.NaN, 10);
    expect(high).toBeCloseTo(range[1] ?? Number.NaN, 10);
  });

  it("bounds the real rewards of the reward table", async () => {
    const weights = resolveRewardOptions().weights;
    const [low, high] = rewardRange(weights);
    const wrap = (answer: string): string => `x</thinking><answer>${answer}</answer>`;
    const results = await scoreBatch([
      { response: wrap("\\boxed{4}"), answerable: true, goldAnswer: "4" },
      { response: wrap("\\boxed{I don't know}"), answerable: true, goldAnswer: "4" },
      { response: wrap("I don't know"), answerable: true, goldAnswer: "4" },
      { response: wrap("\\boxed{I don't know} The speed is missing."), answerable: false, missingFacts: ["the speed"] },
      { response: "garbage", answerable: true, goldAnswer: "4" },
    ]);
    for (const result of results) {
      expect(result.reward).toBeGreaterThanOrEqual(low);
      expect(result.reward).toBeLessThanOrEqual(high);
    }
    expect(Math.min(...results.map((result) => result.reward))).toBe(low);
  });
});

describe("a huge sample through the worker", () => {
  it("a 30 MB completion is cut at the entry: answered in well under the 5.6 s it took when scanned whole", async () => {
    const handler = createRequestHandler({ scoreBatch: (samples) => scoreBatch(samples), options: resolveRewardOptions() });
    const huge = JSON.stringify({
      id: "huge",
      sample: { response: `x</thinking><answer>${"\\boxed{1}".repeat(3_300_000)}</answer>`, answerable: true, goldAnswer: "1" },
    });
    const started = performance.now();
    const response = await handler.handleLine(huge);
    const ms = performance.now() - started;
    expect(response).toMatchObject({ id: "huge", result: { reward: 0, reason: "format-failed" } });
    expect(ms).toBeLessThan(2_000);
  }, 30_000);
});
