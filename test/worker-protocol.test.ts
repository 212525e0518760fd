import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { GetRewardRequestSchema, ScoreRequestSchema } from "../src/server/http-protocol.js";
import type { RewardResult } from "../src/types.js";
import { createRequestHandler } from "../src/worker/handle-request.js";
import { workerProtocolJsonSchema } from "../src/server/protocol-json-schema.js";
import { WorkerReadySchema, WorkerRequestSchema } from "../src/worker/protocol.js";
import { RewardResultSchema } from "../src/worker/reward-result-schema.js";
import { ANSWERABLE, UNANSWERABLE, fakeResult, fakeRewarder } from "./worker-fixtures.js";

const SCHEMA_FILE = new URL("../docs/schemas/worker-protocol.schema.json", import.meta.url);

describe("published JSON Schema", () => {
  it("docs/schemas/worker-protocol.schema.json is up to date", () => {
    const generated = `${JSON.stringify(workerProtocolJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(SCHEMA_FILE, generated);
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    // Regenerate with: UPDATE_SCHEMAS=1 npx vitest run test/worker-protocol.test.ts
    // (or: node dist/cli.js worker --json-schema > docs/schemas/worker-protocol.schema.json)
    expect(committed).toBe(generated);
  });

  it("defines every message with no dangling reference", () => {
    const schema = workerProtocolJsonSchema();
    const text = JSON.stringify(schema);
    for (const [, name] of text.matchAll(/"#\/\$defs\/([A-Za-z]+)"/g)) {
      expect(Object.keys(schema.$defs)).toContain(name);
    }
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining([
        "Sample",
        "RewardResult",
        "WorkerRequest",
        "WorkerResponse",
        "WorkerReady",
        "GetRewardRequest",
        "GetRewardResponse",
      ]),
    );
  });
});

describe("zod schemas", () => {
  it("RewardResultSchema matches the RewardResult contract both ways", () => {
    type Wire = z.infer<typeof RewardResultSchema>;
    expectTypeOf<RewardResult>().toExtend<Wire>();
    // zod types an optional key as `id?: string | undefined`; everything else must match exactly.
    expectTypeOf<Omit<Wire, "id">>().toExtend<Omit<RewardResult, "id">>();
    expectTypeOf<NonNullable<Wire["id"]>>().toEqualTypeOf<NonNullable<RewardResult["id"]>>();
    expect(RewardResultSchema.safeParse(fakeResult(UNANSWERABLE("u"))).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a single sample", { id: "a", sample: ANSWERABLE("s", "1", "1") }],
    ["a batch", { id: 3, samples: [ANSWERABLE("s", "1", "1"), UNANSWERABLE("u")] }],
    ["an unknown key", { id: "a", sample: ANSWERABLE("s", "1", "1"), x: 1 }],
    ["both forms", { id: "a", sample: ANSWERABLE("s", "1", "1"), samples: [] }],
    ["no id", { sample: ANSWERABLE("s", "1", "1") }],
    ["a bad sample", { id: "a", sample: { response: 3 } }],
  ])("WorkerRequestSchema and the handler agree on %s", async (_name, request) => {
    const accepted = WorkerRequestSchema.safeParse(request).success;
    const response = await createRequestHandler(fakeRewarder()).handleRequest(request);
    expect("error" in response).toBe(!accepted);
  });

  it("accepts the documented HTTP bodies", () => {
    expect(ScoreRequestSchema.safeParse({ samples: [UNANSWERABLE("u")] }).success).toBe(true);
    expect(
      GetRewardRequestSchema.safeParse({
        query: ["p r"],
        prompts: ["p "],
        labels: ['{"answerable":true}', { answerable: false, missingFacts: ["x"] }],
        metas: [{}],
      }).success,
    ).toBe(true);
    expect(WorkerReadySchema.safeParse({ ready: true, version: "1", models: [], device: "cpu" }).success).toBe(true);
  });
});
