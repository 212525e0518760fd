import { z } from "zod";
import { SampleSchema } from "../reward/sample-schema.js";
import { RewardResultSchema } from "./reward-result-schema.js";
import type { WeightKey } from "../reward/reward-options.js";

/** Error codes a worker or server response can carry; callers branch on these. */
export const WORKER_ERROR_CODES = ["invalid_json", "invalid_request", "invalid_input", "line_too_long", "model_error", "internal"] as const;
export type WorkerErrorCode = (typeof WORKER_ERROR_CODES)[number];

const ID_RULE = "must be a string of at most 256 characters or an integer (it is echoed back in the response)";
/** A request id: a string of at most 256 characters or an integer; echoed back verbatim. */
export const RequestIdSchema = z.union([z.string().max(256, { error: ID_RULE }), z.int()], { error: ID_RULE });
export type RequestId = z.infer<typeof RequestIdSchema>;

/**
 * One request line: `{"id", "sample"}` (answered with `result`) or `{"id", "samples"}` (answered
 * with `results`, in order). Unknown keys are rejected.
 * @example
 * WorkerRequestSchema.parse({ id: "r1", sample: { response: "…", answerable: true, goldAnswer: "4" } });
 */
export const WorkerRequestSchema = z.union([
  z.strictObject({ id: RequestIdSchema, sample: SampleSchema }),
  z.strictObject({ id: RequestIdSchema, samples: z.array(SampleSchema) }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

/**
 * The envelope the handler checks before validating samples one by one, so that a bad sample is
 * reported as `invalid_input` with its path rather than as a shapeless union failure.
 */
export const RequestEnvelopeSchema = z
  .strictObject({ id: RequestIdSchema, sample: z.unknown().optional(), samples: z.array(z.unknown()).optional() })
  .refine((request) => (request.sample === undefined) !== (request.samples === undefined), {
    message: "A request needs exactly one of `sample` (one object) or `samples` (an array)",
  });

/** The first line a worker writes, once its models are loaded. */
export const WorkerReadySchema = z.strictObject({
  ready: z.literal(true),
  version: z.string(),
  models: z.array(z.string()),
  device: z.string(),
  /** The smallest and largest reward the worker's weights can produce; clients check results against it. */
  rewardRange: z.tuple([z.number(), z.number()]).optional(),
});
export type WorkerReady = z.infer<typeof WorkerReadySchema>;

/**
 * The smallest and largest reward a weight table can produce: the format term (0 or its weight)
 * plus the answer weight times one of 0, 1, the IDK penalty, the abstention bonus alone or with the
 * full clarification bonus.
 * @param weights - Resolved reward weights.
 * @returns `[min, max]`.
 * @example
 * rewardRange({ format: 1, answer: 1, abstention: 0.3, clarification: 0.7, idkPenalty: -1 }); // [-1, 2]
 */
export function rewardRange(weights: Readonly<Record<WeightKey, number>>): [number, number] {
  const rewards: number[] = [0];
  for (const format of [0, weights.format]) {
    for (const answer of [0, 1, weights.idkPenalty, weights.abstention, weights.abstention + weights.clarification]) {
      rewards.push(format + weights.answer * answer);
    }
  }
  return [Math.min(...rewards), Math.max(...rewards)];
}

/** One issue of an `invalid_input` error: where (sample index, field) and what. */
export const WorkerIssueSchema = z.strictObject({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/** The error object of an error response. */
export const WorkerErrorSchema = z.strictObject({
  code: z.enum(WORKER_ERROR_CODES),
  message: z.string(),
  issues: z.array(WorkerIssueSchema).optional(),
});
export type WorkerError = z.infer<typeof WorkerErrorSchema>;

/** Answer to a `sample` request. */
export const WorkerResultResponseSchema = z.strictObject({ id: RequestIdSchema, result: RewardResultSchema });
/** Answer to a `samples` request. */
export const WorkerResultsResponseSchema = z.strictObject({ id: RequestIdSchema, results: z.array(RewardResultSchema) });
/** A failed request; `id` is `null` when the line had no readable id. */
export const WorkerErrorResponseSchema = z.strictObject({ id: RequestIdSchema.nullable(), error: WorkerErrorSchema });

/**
 * Any line a worker writes after the ready line.
 * @example
 * const response = WorkerResponseSchema.parse(JSON.parse(line));
 * if ("error" in response) console.error(response.error.code);
 */
export const WorkerResponseSchema = z.union([WorkerResultResponseSchema, WorkerResultsResponseSchema, WorkerErrorResponseSchema]);
export type WorkerResultResponse = z.infer<typeof WorkerResultResponseSchema>;
export type WorkerResultsResponse = z.infer<typeof WorkerResultsResponseSchema>;
export type WorkerErrorResponse = z.infer<typeof WorkerErrorResponseSchema>;
export type WorkerResponse = z.infer<typeof WorkerResponseSchema>;
