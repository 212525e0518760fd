import { z } from "zod";
import { SampleSchema } from "../reward/sample-schema.js";
import { WORKER_ERROR_CODES, WorkerIssueSchema } from "../worker/protocol.js";
import { RewardResultSchema } from "../worker/reward-result-schema.js";

/**
 * Body of `POST /score`.
 * @example
 * ScoreRequestSchema.parse({ samples: [{ response: "…", answerable: true, goldAnswer: "4" }] });
 */
export const ScoreRequestSchema = z.strictObject({ samples: z.array(SampleSchema) });
/** Reply of `POST /score`: one result per sample, in order. */
export const ScoreResponseSchema = z.strictObject({ results: z.array(RewardResultSchema) });

/** The sample fields an OpenRLHF label carries: everything but the response, which comes from `query`. */
export const RewardLabelSchema = SampleSchema.omit({ response: true });
export type RewardLabel = z.infer<typeof RewardLabelSchema>;

/**
 * Body of `POST /get_reward`, OpenRLHF's remote reward protocol: `query[i]` is prompt + response,
 * `prompts[i]` its prompt, `labels[i]` the sample fields as a JSON string (or object; keys whose
 * value is null are dropped first, as Hugging Face datasets add them). `metas`, which newer
 * OpenRLHF forks send, is accepted and ignored.
 */
export const GetRewardRequestSchema = z.strictObject({
  query: z.array(z.string()),
  prompts: z.array(z.string()),
  labels: z.array(z.union([z.string(), RewardLabelSchema])),
  metas: z.unknown().optional(),
});

/** What the server checks before reading each label on its own (so errors name the label). */
export const GetRewardEnvelopeSchema = GetRewardRequestSchema.extend({
  labels: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
});
export type GetRewardRequest = z.infer<typeof GetRewardEnvelopeSchema>;

/**
 * Reply of `POST /get_reward`: `rewards` (trained on), `scores` (the reward scaled to [0, 1] by the
 * format + answer weights, for OpenRLHF's dynamic filtering) and per-sample `extra_logs`.
 */
export const GetRewardResponseSchema = z.strictObject({
  rewards: z.array(z.number()),
  scores: z.array(z.number()),
  extra_logs: z.record(z.string(), z.array(z.number())),
});
export type GetRewardResponse = z.infer<typeof GetRewardResponseSchema>;

/** Error codes of the HTTP server: the worker's plus the HTTP-only ones. */
export const HTTP_ERROR_CODES = [
  ...WORKER_ERROR_CODES,
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "too_many_samples",
  "unsupported_media_type",
  "forbidden_host",
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Body of every non-2xx reply. */
export const HttpErrorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(HTTP_ERROR_CODES),
    message: z.string(),
    issues: z.array(WorkerIssueSchema).optional(),
  }),
});
export type HttpErrorResponse = z.infer<typeof HttpErrorResponseSchema>;

/** States of a worker process of `serve --workers N`, as `GET /health` reports them. */
export const WORKER_STATES = ["starting", "ready", "stopping"] as const;

/** One worker process of `serve --workers N` in `GET /health`. */
export const WorkerHealthSchema = z.strictObject({
  /** Its slot, 1…N; a restarted worker keeps the slot of the one it replaces. */
  id: z.number(),
  pid: z.number(),
  state: z.enum(WORKER_STATES),
  /** Requests it had not answered at its last report (every 0.5 s). */
  pending: z.number(),
  /** How many times this slot's worker was restarted after dying. */
  restarts: z.number(),
});
export type WorkerHealth = z.infer<typeof WorkerHealthSchema>;

/** Reply of `GET /health`. */
export const HealthResponseSchema = z.strictObject({
  ok: z.literal(true),
  version: z.string(),
  models: z.array(z.string()),
  device: z.string(),
  /** The clarification verifier in use, or null when clarifications are reported unverified. */
  verifier: z.string().nullable(),
  pending: z.number(),
  /** With `serve --workers N` (N > 1): the slot of the worker that answered. */
  worker: z.number().optional(),
  /** With `serve --workers N` (N > 1): every worker process, as the primary last saw it. */
  workers: z.array(WorkerHealthSchema).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
