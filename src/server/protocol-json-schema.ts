import { z } from "zod";
import { SampleSchema } from "../reward/sample-schema.js";
import {
  GetRewardRequestSchema,
  GetRewardResponseSchema,
  HealthResponseSchema,
  HttpErrorResponseSchema,
  RewardLabelSchema,
  ScoreRequestSchema,
  ScoreResponseSchema,
} from "./http-protocol.js";
import {
  RequestIdSchema,
  WorkerErrorResponseSchema,
  WorkerReadySchema,
  WorkerRequestSchema,
  WorkerResponseSchema,
  WorkerResultResponseSchema,
  WorkerResultsResponseSchema,
} from "../worker/protocol.js";
import { RewardResultSchema } from "../worker/reward-result-schema.js";

const DEFINITIONS: readonly [string, z.ZodType, string][] = [
  ["Sample", SampleSchema, "One completion to score, with what is known about its question."],
  ["RewardResult", RewardResultSchema, "The reward of one sample, its components and why."],
  ["RequestId", RequestIdSchema, "A request id, echoed back verbatim."],
  ["WorkerRequest", WorkerRequestSchema, "One line on the worker's stdin."],
  ["WorkerReady", WorkerReadySchema, "The first line on the worker's stdout."],
  ["WorkerResultResponse", WorkerResultResponseSchema, "Answer to a `sample` request."],
  ["WorkerResultsResponse", WorkerResultsResponseSchema, "Answer to a `samples` request."],
  ["WorkerErrorResponse", WorkerErrorResponseSchema, "A failed request; id is null when the line had no readable id."],
  ["WorkerResponse", WorkerResponseSchema, "Any line on the worker's stdout after the ready line."],
  ["ScoreRequest", ScoreRequestSchema, "Body of POST /score."],
  ["ScoreResponse", ScoreResponseSchema, "Reply of POST /score."],
  ["RewardLabel", RewardLabelSchema, "An OpenRLHF label: the sample fields without the response."],
  ["GetRewardRequest", GetRewardRequestSchema, "Body of POST /get_reward (OpenRLHF remote reward)."],
  ["GetRewardResponse", GetRewardResponseSchema, "Reply of POST /get_reward."],
  ["HealthResponse", HealthResponseSchema, "Reply of GET /health."],
  ["HttpErrorResponse", HttpErrorResponseSchema, "Body of every non-2xx HTTP reply."],
];

/**
 * The worker and HTTP protocol as one JSON Schema (draft 2020-12) document, every message under
 * `$defs`. `docs/schemas/worker-protocol.schema.json` is this, pretty-printed; regenerate it with
 * `abstain-reward worker --json-schema > docs/schemas/worker-protocol.schema.json`.
 * @returns The schema document.
 * @example
 * const schema = workerProtocolJsonSchema();
 * Object.keys(schema.$defs); // ["Sample", "RewardResult", …]
 */
export function workerProtocolJsonSchema(): { $defs: Record<string, unknown> } & Record<string, unknown> {
  const registry = z.registry<{ id: string; description: string }>();
  for (const [id, schema, description] of DEFINITIONS) registry.add(schema, { id, description });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/$defs/${id}` });
  const defs: Record<string, unknown> = {};
  for (const [id] of DEFINITIONS) {
    const { $schema: _schema, $id: _id, ...definition } = schemas[id] as Record<string, unknown>;
    defs[id] = definition;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "abstain-reward worker and HTTP protocol",
    description:
      "Messages of `abstain-reward worker` (JSON lines: WorkerRequest on stdin; WorkerReady then WorkerResponse on stdout) and `abstain-reward serve` (POST /score, POST /get_reward, GET /health).",
    $defs: defs,
  };
}
