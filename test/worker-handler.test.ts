import { describe, expect, it } from "vitest";
import { resolveRewardOptions } from "../src/reward/reward-options.js";
import { createRequestHandler, toWorkerError } from "../src/worker/handle-request.js";
import { createMicroBatcher } from "../src/worker/micro-batcher.js";
import { WorkerResponseSchema } from "../src/worker/protocol.js";
import type { WorkerResponse } from "../src/worker/protocol.js";
import { InputError, ModelError } from "../src/errors.js";
import { ANSWERABLE, UNANSWERABLE, fakeResult, fakeRewarder } from "./worker-fixtures.js";

const line = (value: unknown): string => JSON.stringify(value);
const GOOD = ANSWERABLE("s", "12", "12");

function summary(response: WorkerResponse): string {
  if ("error" in response) return `error:${response.error.code}`;
  if ("result" in response) return `result:${response.result.reward}`;
  return `results:${response.results.map((result) => result.reward).join(",")}`;
}

describe("handleLine", () => {
  it.each<[string, string, unknown, string]>([
    ["a single sample", line({ id: "a", sample: GOOD }), "a", "result:2"],
    ["a batch", line({ id: "b", samples: [GOOD, ANSWERABLE("t", "12", "7"), UNANSWERABLE("u")] }), "b", "results:2,1,1.3"],
    ["an empty batch", line({ id: "c", samples: [] }), "c", "results:"],
    ["an integer id", line({ id: 5, sample: GOOD }), 5, "result:2"],
    ["not JSON", "not json", null, "error:invalid_json"],
    ["truncated JSON with a leading id", '{"id":"d","sample":{"resp', "d", "error:invalid_json"],
    ["a JSON array", "[1,2]", null, "error:invalid_request"],
    ["a JSON string", '"hello"', null, "error:invalid_request"],
    ["no id", line({ sample: GOOD }), null, "error:invalid_request"],
    ["an object id", line({ id: {}, sample: GOOD }), null, "error:invalid_request"],
    ["an over-long id", line({ id: "x".repeat(300), sample: GOOD }), null, "error:invalid_request"],
    ["an unknown key", line({ id: "e", sample: GOOD, extra: 1 }), "e", "error:invalid_request"],
    ["both sample and samples", line({ id: "f", sample: GOOD, samples: [GOOD] }), "f", "error:invalid_request"],
    ["neither sample nor samples", line({ id: "g" }), "g", "error:invalid_request"],
    ["samples not an array", line({ id: "h", samples: GOOD }), "h", "error:invalid_request"],
    ["a sample of the wrong shape", line({ id: "i", sample: { response: 1, answerable: true } }), "i", "error:invalid_input"],
    ["a sample with an unknown field", line({ id: "j", sample: { ...GOOD, gold: "12" } }), "j", "error:invalid_input"],
    ["an answerable sample without gold", line({ id: "k", sample: { response: "x", answerable: true } }), "k", "error:invalid_input"],
    [
      "an unanswerable sample without annotation",
      line({ id: "l", sample: { response: "x", answerable: false } }),
      "l",
      "error:invalid_input",
    ],
    ["a null sample", line({ id: "m", sample: null }), "m", "error:invalid_input"],
  ])("%s", async (_name, text, id, expected) => {
    const handler = createRequestHandler(fakeRewarder());
    const response = await handler.handleLine(text);
    expect(response).not.toBeNull();
    if (response === null) return;
    expect(WorkerResponseSchema.safeParse(response).success).toBe(true);
    expect(response.id).toEqual(id);
    expect(summary(response)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ["no id", { sample: GOOD }],
    ["a null id", { id: null, sample: GOOD }],
    ["a fractional id", { id: 1.5, sample: GOOD }],
    ["an over-long id", { id: "x".repeat(300), sample: GOOD }],
  ])("says what an id must be when it has %s", async (_name, request) => {
    const response = await createRequestHandler(fakeRewarder()).handleLine(line(request));
    expect(response).toMatchObject({ id: null, error: { code: "invalid_request", issues: [{ path: ["id"] }] } });
    expect(JSON.stringify(response)).toContain("Invalid request: id: must be a string of at most 256 characters or an integer");
    expect(JSON.stringify(response)).not.toContain("Invalid input");
  });

  it("ignores blank lines", () => {
    const handler = createRequestHandler(fakeRewarder());
    expect(handler.handleLine("")).toBeNull();
    expect(handler.handleLine("  \t")).toBeNull();
  });

  it("names the field and the fix in invalid_input errors", async () => {
    const handler = createRequestHandler(fakeRewarder());
    const response = await handler.handleLine(line({ id: "x", samples: [GOOD, { response: "r", answerable: false }] }));
    expect(response).toMatchObject({ id: "x", error: { code: "invalid_input", issues: [{ path: [1, "missingFacts"] }] } });
    expect(JSON.stringify(response)).toContain("referenceClarification");
  });
});

describe("batching", () => {
  it("scores lines handed over in one turn with one scoreBatch call, validating each request alone", async () => {
    const rewarder = fakeRewarder();
    const handler = createRequestHandler(rewarder);
    const responses = await Promise.all(
      [
        line({ id: 1, sample: GOOD }),
        line({ id: 2, sample: { response: "x", answerable: true } }),
        "garbage",
        line({ id: 3, samples: [GOOD, UNANSWERABLE("u")] }),
        line({ id: 4, sample: ANSWERABLE("v", "3", "4") }),
      ].map((text) => handler.handleLine(text)),
    );
    expect(rewarder.calls).toEqual([4]);
    expect(responses.map((response) => (response === null ? "null" : `${String(response.id)}=${summary(response)}`))).toEqual([
      "1=result:2",
      "2=error:invalid_input",
      "null=error:invalid_json",
      "3=results:2,1.3",
      "4=result:1",
    ]);
  });

  it("retries each request alone when the shared batch fails, so only the culprit gets the error", async () => {
    const rewarder = fakeRewarder();
    const handler = createRequestHandler(rewarder);
    const poison = { ...GOOD, response: "POISON" };
    const responses = await Promise.all([
      handler.handleRequest({ id: "a", sample: GOOD }),
      handler.handleRequest({ id: "b", sample: poison }),
      handler.handleRequest({ id: "c", samples: [GOOD, GOOD] }),
    ]);
    expect(responses.map(summary)).toEqual(["result:2", "error:model_error", "results:2,2"]);
    expect(rewarder.calls).toEqual([4, 1, 1, 2]);
  });

  it("reports unexpected failures as internal and logs them", async () => {
    const logs: string[] = [];
    const handler = createRequestHandler(
      {
        options: resolveRewardOptions(),
        scoreBatch: () => Promise.reject(new TypeError("boom")),
      },
      { log: (message) => logs.push(message) },
    );
    const response = await handler.handleRequest({ id: "z", sample: GOOD });
    expect(response).toMatchObject({ id: "z", error: { code: "internal" } });
    expect(logs.join("\n")).toContain("boom");
  });

  it("reports a scorer that returns the wrong number of results as internal", async () => {
    const handler = createRequestHandler({ options: resolveRewardOptions(), scoreBatch: async () => [] });
    expect(summary(await handler.handleRequest({ id: 1, sample: GOOD }))).toBe("error:internal");
  });

  it("caps batch size, keeps order, and batches what queues while busy", async () => {
    const calls: number[] = [];
    const batcher = createMicroBatcher(
      async (samples) => {
        calls.push(samples.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return samples.map(fakeResult);
      },
      { maxBatchSamples: 3 },
    );
    const first = batcher.score([GOOD]);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3, 4, 5].map((index) => batcher.score([ANSWERABLE(String(index), "1", String(index))]));
    expect(batcher.pending).toBe(6);
    const results = await Promise.all([first, ...rest]);
    expect(calls).toEqual([1, 3, 2]);
    expect(results.map(([result]) => result?.reward)).toEqual([2, 2, 1, 1, 1, 1]);
    expect(batcher.pending).toBe(0);
  });

  it("waits for the window before scoring when windowMs > 0", async () => {
    const rewarder = fakeRewarder();
    const handler = createRequestHandler(rewarder, { windowMs: 30 });
    const first = handler.handleRequest({ id: 1, sample: GOOD });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = handler.handleRequest({ id: 2, sample: GOOD });
    await Promise.all([first, second]);
    expect(rewarder.calls).toEqual([2]);
  });

  it("rejects bad batcher options", () => {
    expect(() => createMicroBatcher(async () => [], { maxBatchSamples: 0 })).toThrow(/maxBatchSamples/);
    expect(() => createMicroBatcher(async () => [], { windowMs: -1 })).toThrow(/windowMs/);
  });
});

describe("oversizedLine and toWorkerError", () => {
  it.each<[string, unknown]>([
    ['{"id":"big","samples":[{"response":"', "big"],
    ['  { "id" : 42 , "sample"', 42],
    ['{"sample":{},"id":"late"', null],
    ["\u0000\u0001garbage", null],
  ])("recovers the id of %j", (head, id) => {
    const handler = createRequestHandler(fakeRewarder());
    const response = handler.oversizedLine(head, 2_000_000, 1_000_000);
    expect(response.id).toEqual(id);
    expect(response.error.code).toBe("line_too_long");
    expect(response.error.message).toContain("2000000 bytes");
  });

  it.each<[string, unknown, string]>([
    ["InputError", new InputError("bad", [{ path: [0, "response"], message: "Expected string" }]), "invalid_input"],
    ["ModelError", new ModelError("no model"), "model_error"],
    ["Error", new Error("x"), "internal"],
    ["a string", "x", "internal"],
  ])("maps %s", (_name, error, code) => {
    expect(toWorkerError(error).code).toBe(code);
  });
});
