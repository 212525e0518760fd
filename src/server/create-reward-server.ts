import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { formatIssues } from "../errors.js";
import type { ResolvedRewardOptions } from "../reward/reward-options.js";
import type { RequestHandler } from "../worker/handle-request.js";
import { toWorkerError } from "../worker/handle-request.js";
import { getRewardInputError, getRewardResponse, samplesFromGetReward } from "./get-reward.js";
import { GetRewardEnvelopeSchema } from "./http-protocol.js";
import type { HealthResponse, HttpErrorCode, HttpErrorResponse } from "./http-protocol.js";

/** Options of {@link createRewardServer}. */
export interface RewardServerOptions {
  /** The same handler the stdio worker uses; concurrent HTTP requests share its batches. */
  handler: RequestHandler;
  /** The rewarder's resolved options (weights scale OpenRLHF `scores`). */
  rewardOptions: Pick<ResolvedRewardOptions, "weights">;
  /** What `GET /health` reports besides `ok` and `pending`. */
  describe: () => Omit<HealthResponse, "ok" | "pending">;
  /** Largest accepted request body in bytes; larger ones get 413. @default 67108864 (64 MiB) */
  maxBodyBytes?: number;
  /** Diagnostics (internal errors). @default no logging */
  log?: (message: string) => void;
}

/** Default of {@link RewardServerOptions.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

const ScoreEnvelopeSchema = z.strictObject({ samples: z.array(z.unknown()) });
const ROUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "/health": ["GET", "HEAD"],
  "/score": ["POST"],
  "/get_reward": ["POST"],
});

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: HttpErrorResponse,
  ) {
    super(body.error.message);
  }
}

function failure(status: number, code: HttpErrorCode, message: string): HttpFailure {
  return new HttpFailure(status, { error: { code, message } });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(failure(413, "payload_too_large", `The body of ${declared} bytes exceeds the limit of ${limit} bytes; send fewer samples per request or raise --max-body-bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.removeListener("data", onData);
        req.resume(); // discard the rest without buffering it
        reject(failure(413, "payload_too_large", `The body exceeds the limit of ${limit} bytes; send fewer samples per request or raise --max-body-bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("error", reject);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw failure(400, "invalid_json", `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, example: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  throw new HttpFailure(400, { error: { code: "invalid_request", message: `Invalid request body — ${formatIssues(issues.slice(0, 5))}. Expected ${example}.`, issues } });
}

/**
 * Creates the HTTP reward server (not yet listening): `POST /get_reward` (OpenRLHF remote reward),
 * `POST /score` with `{samples}`, `GET /health`. Shares the worker's request handler, so
 * concurrent requests are batched together.
 * @param options - Handler, reward options, health info, body limit.
 * @returns A `node:http` server; call `listen(port, "127.0.0.1")`.
 * @example
 * const server = createRewardServer({ handler, rewardOptions: rewarder.options, describe: () => info });
 * server.listen(5000, "127.0.0.1");
 */
export function createRewardServer(options: RewardServerOptions): Server {
  const { handler, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const methods = ROUTES[path];
    if (methods === undefined) throw failure(404, "not_found", `No route ${path}; use POST /get_reward, POST /score or GET /health.`);
    if (!methods.includes(req.method ?? "")) {
      throw new HttpFailure(405, { error: { code: "method_not_allowed", message: `${path} accepts ${methods.join(", ")}, not ${req.method ?? "?"}.` } });
    }
    if (path === "/health") {
      send(res, 200, { ok: true, ...options.describe(), pending: handler.pending } satisfies HealthResponse);
      return;
    }
    const body = parseJson(await readBody(req, maxBodyBytes));
    if (path === "/score") {
      const { samples } = parseWith(ScoreEnvelopeSchema, body, '{"samples": [{"response": "…", "answerable": true, "goldAnswer": "4"}]}');
      send(res, 200, { results: await handler.scoreSamples(samples) });
      return;
    }
    const request = parseWith(GetRewardEnvelopeSchema, body, '{"query": [...], "prompts": [...], "labels": [...]}');
    const results = await handler.scoreSamples(samplesFromGetReward(request)).catch((error: unknown) => {
      throw getRewardInputError(error);
    });
    send(res, 200, getRewardResponse(results, options.rewardOptions));
  };

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpFailure) {
        const headers: Record<string, string> = {};
        if (error.status === 405) headers.allow = (ROUTES[(req.url ?? "/").split("?")[0] ?? "/"] ?? []).join(", ");
        if (error.status === 413) headers.connection = "close";
        send(res, error.status, error.body, headers);
        return;
      }
      const wire = toWorkerError(error);
      if (wire.code === "internal") log?.(`internal error on ${req.method ?? "?"} ${req.url ?? "?"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, wire.code === "invalid_input" ? 400 : 500, { error: wire });
    });
  });
}
