import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRewardServer } from "../src/server/create-reward-server.js";
import { getRewardResponse, responseFromQuery } from "../src/server/get-reward.js";
import { GetRewardResponseSchema, HttpErrorResponseSchema } from "../src/server/http-protocol.js";
import { resolveRewardOptions } from "../src/reward/reward-options.js";
import { createRequestHandler } from "../src/worker/handle-request.js";
import { ANSWERABLE, UNANSWERABLE, fakeResult, fakeRewarder } from "./worker-fixtures.js";
import type { FakeRewarder } from "./worker-fixtures.js";

let server: Server;
let base: string;
let rewarder: FakeRewarder;

beforeAll(async () => {
  rewarder = fakeRewarder(2);
  server = createRewardServer({
    handler: createRequestHandler(rewarder),
    rewardOptions: rewarder.options,
    describe: () => ({ version: "test", models: ["m"], device: "cpu", verifier: null }),
    maxBodyBytes: 100_000,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const PROMPT = "Question: 3 boxes of 4 apples? Let's think step by step, <thinking>";
const label = (fields: Record<string, unknown>): string => JSON.stringify(fields);

describe("routes", () => {
  it("GET /health reports status, models and pending work", async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: "test", models: ["m"], device: "cpu", verifier: null, pending: 0 });
    const head = await fetch(`${base}/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("POST /score scores samples in order", async () => {
    const { status, json } = await post("/score", {
      samples: [ANSWERABLE("a", "12", "12"), UNANSWERABLE("b"), ANSWERABLE("c", "12", "1")],
    });
    expect(status).toBe(200);
    expect((json.results as { id: string; reward: number }[]).map((result) => [result.id, result.reward])).toEqual([
      ["a", 2],
      ["b", 1.3],
      ["c", 1],
    ]);
  });

  it.each<[string, string, unknown, number, string]>([
    ["bad JSON", "/score", "{nope", 400, "invalid_json"],
    ["no samples", "/score", { sample: {} }, 400, "invalid_request"],
    ["an extra key", "/score", { samples: [], x: 1 }, 400, "invalid_request"],
    ["a bad sample", "/score", { samples: [{ response: "x", answerable: true }] }, 400, "invalid_input"],
    ["an unannotated unanswerable sample", "/score", { samples: [{ response: "x", answerable: false }] }, 400, "invalid_input"],
    ["bad JSON", "/get_reward", "[", 400, "invalid_json"],
    ["missing labels", "/get_reward", { query: ["a"], prompts: ["a"] }, 400, "invalid_request"],
    ["a length mismatch", "/get_reward", { query: ["a", "b"], prompts: ["a"], labels: ["{}"] }, 400, "invalid_input"],
    ["a label that is not JSON", "/get_reward", { query: ["pr"], prompts: ["p"], labels: ["12"] }, 400, "invalid_input"],
    ["a label with unknown fields", "/get_reward", { query: ["pr"], prompts: ["p"], labels: ['{"answer":"12"}'] }, 400, "invalid_input"],
    [
      "a prompt missing from its query",
      "/get_reward",
      { query: ["xyz"], prompts: ["p"], labels: [label({ answerable: true, goldAnswer: "1" })] },
      400,
      "invalid_input",
    ],
  ])("%s on %s → %d %s", async (_name, path, body, status, code) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(HttpErrorResponseSchema.safeParse(response.json).success).toBe(true);
    expect((response.json.error as { code: string }).code).toBe(code);
  });

  it("answers unknown paths with 404 and wrong methods with 405 and Allow", async () => {
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    const wrong = await fetch(`${base}/score`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    const wrongHealth = await fetch(`${base}/health`, { method: "POST", body: "{}" });
    expect(wrongHealth.status).toBe(405);
  });

  it("rejects a body over the limit with 413, whether declared or streamed", async () => {
    const declared = await post("/score", { samples: [{ ...ANSWERABLE("a", "1", "1"), response: "x".repeat(200_000) }] });
    expect(declared.status).toBe(413);
    expect((declared.json.error as { code: string }).code).toBe("payload_too_large");
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/score`,
        { method: "POST", headers: { "transfer-encoding": "chunked", "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write('{"samples": ["');
      for (let index = 0; index < 30; index += 1) req.write("y".repeat(10_000));
      req.end('"]}');
    });
    expect(streamed).toBe(413);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

describe("POST /get_reward (OpenRLHF)", () => {
  it("cuts the response out of the query and scores it with the label's fields", async () => {
    const body = {
      query: [
        `${PROMPT}3*4=12</thinking><answer>\\boxed{12}</answer><|im_end|>`,
        `<|endoftext|><|endoftext|>${PROMPT}hmm</thinking><answer>\\boxed{7}</answer>`,
        `${PROMPT}?</thinking><answer>\\boxed{I don't know}</answer>`,
      ],
      prompts: [PROMPT, PROMPT, PROMPT],
      labels: [
        label({ answerable: true, goldAnswer: "12" }),
        { answerable: true, goldAnswer: ["12", "twelve"], missingFacts: null },
        label({ answerable: false, missingFacts: ["the speed"], goldAnswer: null }),
      ],
    };
    const { status, json } = await post("/get_reward", body);
    expect(status).toBe(200);
    const parsed = GetRewardResponseSchema.parse(json);
    expect(parsed.rewards).toEqual([2, 1, 1.3]);
    expect(parsed.scores).toEqual([1, 0.5, 0.65]);
    expect(parsed.extra_logs.abstention).toEqual([0, 0, 0.3]);
  });

  it.each<[string, unknown, string, (string | number)[]]>([
    [
      "an unanswerable label without annotation",
      label({ answerable: false }),
      "labels.0.missingFacts: An unanswerable sample needs `missingFacts` or `referenceClarification`",
      ["labels", 0, "missingFacts"],
    ],
    [
      "an answerable label without gold",
      { answerable: true },
      "labels.0.goldAnswer: An answerable sample needs `goldAnswer`",
      ["labels", 0, "goldAnswer"],
    ],
    [
      "a snake_case label key",
      label({ answerable: true, gold_answer: "12" }),
      'labels.0.gold_answer: "gold_answer" is not a label field (did you mean "goldAnswer"?); labels take the camelCase sample fields id, answerable, goldAnswer, missingFacts, referenceClarification, question',
      ["labels", 0, "gold_answer"],
    ],
  ])("names the label in the error: %s", async (_name, badLabel, message, path) => {
    const { status, json } = await post("/get_reward", {
      query: [`${PROMPT}x</thinking><answer>\\boxed{1}</answer>`, `${PROMPT}x`],
      prompts: [PROMPT, PROMPT],
      labels: [badLabel, label({ answerable: true, goldAnswer: "1" })],
    });
    expect(status).toBe(400);
    const error = HttpErrorResponseSchema.parse(json).error;
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(message);
    expect(error.message).not.toMatch(/\bsample 0\b/);
    expect(error.issues?.[0]?.path).toEqual(path);
  });

  it("accepts the metas key that newer OpenRLHF forks send", async () => {
    const { status } = await post("/get_reward", {
      query: [`${PROMPT}x`],
      prompts: [PROMPT],
      labels: [label({ answerable: true, goldAnswer: "1" })],
      metas: [{ step: 1 }],
    });
    expect(status).toBe(200);
  });

  it.each<[string, string, string | null]>([
    ["plain prefix", "P:abc", "abc"],
    ["padding before the prompt", "<pad>P:abc", "abc"],
    ["prompt absent", "xyz", null],
    ["empty prompt", "xyz", "xyz"],
  ])("responseFromQuery: %s", (name, query, expected) => {
    expect(responseFromQuery(query, name === "empty prompt" ? "" : "P:")).toBe(expected);
  });

  it("scales scores by the weights and clamps them to [0, 1]", () => {
    const results = [fakeResult(ANSWERABLE("a", "1", "1")), { ...fakeResult(ANSWERABLE("b", "1", "2")), reward: -1 }];
    expect(getRewardResponse(results, resolveRewardOptions()).scores).toEqual([1, 0]);
  });
});

describe("concurrency", () => {
  it("answers 100 concurrent clients on 127.0.0.1 with their own results, batching them", async () => {
    const callsBefore = rewarder.calls.length;
    const responses = await Promise.all(
      Array.from({ length: 100 }, async (_unused, index) => {
        const samples = Array.from({ length: (index % 5) + 1 }, (_none, position) =>
          ANSWERABLE(`c${index}-${position}`, String(index), String(position % 2 === 0 ? index : index + 1)),
        );
        const { status, json } = await post("/score", { samples });
        return { index, status, ids: (json.results as { id: string; reward: number }[]).map((result) => `${result.id}=${result.reward}`) };
      }),
    );
    for (const { index, status, ids } of responses) {
      expect(status).toBe(200);
      expect(ids).toEqual(
        Array.from({ length: (index % 5) + 1 }, (_none, position) => `c${index}-${position}=${position % 2 === 0 ? 2 : 1}`),
      );
    }
    expect(rewarder.calls.length - callsBefore).toBeLessThan(100);
  });
});
