// `abstain-reward/worker`: the JSON-lines worker, the HTTP server and their wire schemas.
export type { LineReader, LineReaderHandlers } from "../worker/line-reader.js";
export { LINE_HEAD_BYTES, createLineReader } from "../worker/line-reader.js";
export type { MicroBatcher, MicroBatcherOptions } from "../worker/micro-batcher.js";
export { DEFAULT_MICRO_BATCHER_OPTIONS, createMicroBatcher } from "../worker/micro-batcher.js";
export type { RequestHandler, RequestHandlerOptions } from "../worker/handle-request.js";
export { createRequestHandler, toWorkerError } from "../worker/handle-request.js";
export type { StdioWorkerOptions, StdioWorkerSummary } from "../worker/stdio-transport.js";
export { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_PENDING_REQUESTS, runStdioWorker } from "../worker/stdio-transport.js";
export type {
  RequestId,
  WorkerError,
  WorkerErrorCode,
  WorkerErrorResponse,
  WorkerReady,
  WorkerRequest,
  WorkerResponse,
  WorkerResultResponse,
  WorkerResultsResponse,
} from "../worker/protocol.js";
export {
  RequestEnvelopeSchema,
  RequestIdSchema,
  WORKER_ERROR_CODES,
  WorkerErrorResponseSchema,
  WorkerErrorSchema,
  WorkerIssueSchema,
  WorkerReadySchema,
  WorkerRequestSchema,
  WorkerResponseSchema,
  WorkerResultResponseSchema,
  WorkerResultsResponseSchema,
} from "../worker/protocol.js";
export { RewardComponentsSchema, RewardDetailsSchema, RewardResultSchema } from "../worker/reward-result-schema.js";
export { workerProtocolJsonSchema } from "../server/protocol-json-schema.js";
export type { RewardServerOptions } from "../server/create-reward-server.js";
export { DEFAULT_MAX_BODY_BYTES, createRewardServer } from "../server/create-reward-server.js";
export { getRewardResponse, responseFromQuery, samplesFromGetReward } from "../server/get-reward.js";
export type {
  GetRewardRequest,
  GetRewardResponse,
  HealthResponse,
  HttpErrorCode,
  HttpErrorResponse,
  RewardLabel,
} from "../server/http-protocol.js";
export {
  GetRewardRequestSchema,
  GetRewardResponseSchema,
  HTTP_ERROR_CODES,
  HealthResponseSchema,
  HttpErrorResponseSchema,
  RewardLabelSchema,
  ScoreRequestSchema,
  ScoreResponseSchema,
} from "../server/http-protocol.js";
