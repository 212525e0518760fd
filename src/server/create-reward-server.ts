import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { formatIssues } from "../errors.js";
import type { ResolvedRewardOptions } from "../reward/reward-options.js";
import type { RequestHandler } from "../worker/handle-request.js";
import { toWorkerError } from "../worker/handle-request.js";
import { getRewardInputError, getRewardResponse, samplesFromGetReward } from "./get-reward.js";
import { GetRewardEnvelopeSchema } from "./http-protocol.js";
import { hostAllowed, isClientAbort, isJson, oneLine } from "./request-guards.js";
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
  /**
   * Most samples one request may carry (`/score` samples, `/get_reward` queries); more get 413
   * `too_many_samples`. Sized so one full request scores well under a second.
   * @default 2048
   */
  maxRequestSamples?: number;
  /**
   * Host names (without port) accepted in the `Host` header besides the address the connection
   * came in on (and `localhost` on loopback); `"*"` accepts any. Guards against DNS rebinding.
   * @default []
   */
  allowedHosts?: readonly string[];
  /** A request whose headers and body have not all arrived after this long gets 408. @default 30000 */
  requestTimeoutMs?: number;
  /** A request whose headers have not all arrived after this long gets 408. @default 10000 */
  headersTimeoutMs?: number;
  /** Diagnostics: one line per 4xx reason, per aborted request, per internal error. @default no logging */
  log?: (message: string) => void;
}

/** Default of {@link RewardServerOptions.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Default of {@link RewardServerOptions.maxRequestSamples}. */
export const DEFAULT_MAX_REQUEST_SAMPLES = 2048;
/** Defaults of {@link RewardServerOptions.requestTimeoutMs} and {@link RewardServerOptions.headersTimeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

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

function tooMany(count: number, limit: number, what: string): HttpFailure {
  return failure(
    413,
    "too_many_samples",
    `The request has ${count} ${what}, more than the limit of ${limit} per request; send them over several requests or raise --max-request-samples.`,
  );
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(
      failure(
        413,
        "payload_too_large",
        `The body of ${declared} bytes exceeds the limit of ${limit} bytes; send fewer samples per request or raise --max-body-bytes.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.removeListener("data", onData);
        req.resume(); // discard the rest without buffering it
        reject(
          failure(
            413,
            "payload_too_large",
            `The body exceeds the limit of ${limit} bytes; send fewer samples per request or raise --max-body-bytes.`,
          ),
        );
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
  throw new HttpFailure(400, {
    error: { code: "invalid_request", message: `Invalid request body — ${formatIssues(issues.slice(0, 5))}. Expected ${example}.`, issues },
  });
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
  const maxRequestSamples = options.maxRequestSamples ?? DEFAULT_MAX_REQUEST_SAMPLES;
  const allowedHosts = options.allowedHosts ?? [];

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const methods = ROUTES[path];
    if (methods === undefined) throw failure(404, "not_found", `No route ${path}; use POST /get_reward, POST /score or GET /health.`);
    if (!methods.includes(req.method ?? "")) {
      throw new HttpFailure(405, {
        error: { code: "method_not_allowed", message: `${path} accepts ${methods.join(", ")}, not ${req.method ?? "?"}.` },
      });
    }
    if (!hostAllowed(req, allowedHosts)) {
      throw failure(
        403,
        "forbidden_host",
        `The Host header ${JSON.stringify(req.headers.host ?? "")} does not name this server; use the address it listens on, or start it with --allowed-hosts NAME to accept that name.`,
      );
    }
    if (path === "/health") {
      send(res, 200, { ok: true, ...options.describe(), pending: handler.pending } satisfies HealthResponse);
      return;
    }
    // A browser page can POST text/plain or form bodies to any address without a CORS preflight; JSON it cannot.
    if (!isJson(req)) {
      throw failure(
        415,
        "unsupported_media_type",
        `The body must be sent with Content-Type: application/json, not ${JSON.stringify(req.headers["content-type"] ?? "(none)")}.`,
      );
    }
    const body = parseJson(await readBody(req, maxBodyBytes));
    if (path === "/score") {
      const { samples } = parseWith(ScoreEnvelopeSchema, body, '{"samples": [{"response": "…", "answerable": true, "goldAnswer": "4"}]}');
      if (samples.length > maxRequestSamples) throw tooMany(samples.length, maxRequestSamples, "samples");
      send(res, 200, { results: await handler.scoreSamples(samples) });
      return;
    }
    const request = parseWith(GetRewardEnvelopeSchema, body, '{"query": [...], "prompts": [...], "labels": [...]}');
    if (request.query.length > maxRequestSamples) throw tooMany(request.query.length, maxRequestSamples, "queries");
    const results = await handler.scoreSamples(samplesFromGetReward(request)).catch((error: unknown) => {
      throw getRewardInputError(error);
    });
    send(res, 200, getRewardResponse(results, options.rewardOptions));
  };

  const what = (req: IncomingMessage): string => `${req.method ?? "?"} ${oneLine((req.url ?? "?").slice(0, 200))}`;

  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      // How often Node checks those timeouts (its default, 30 s, would let a slow body linger that long).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor((options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS) / 2))),
    },
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        if (res.headersSent || isClientAbort(req, error)) {
          // The client went away: one line, no stack; it is not the server's failure.
          if (isClientAbort(req, error)) log?.(`${what(req)}: the client closed the connection before the response was sent`);
          res.destroy();
          return;
        }
        if (error instanceof HttpFailure) {
          const headers: Record<string, string> = {};
          if (error.status === 405) headers.allow = (ROUTES[(req.url ?? "/").split("?")[0] ?? "/"] ?? []).join(", ");
          if (error.status === 413) headers.connection = "close";
          // Trainer clients (OpenRLHF's) show only "400 Bad Request"; the reason has to reach a log.
          log?.(`${error.status} ${what(req)}: ${oneLine(error.body.error.message)}`);
          send(res, error.status, error.body, headers);
          return;
        }
        const wire = toWorkerError(error);
        const status = wire.code === "invalid_input" ? 400 : 500;
        if (wire.code === "internal")
          log?.(`internal error on ${what(req)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        else log?.(`${status} ${what(req)}: ${oneLine(wire.message)}`);
        send(res, status, { error: wire });
      });
    },
  );
  return server;
}

/**
 * Stops a reward server: no new connections, idle keep-alive sockets closed now, requests in flight
 * answered, and after `graceMs` every remaining socket (a client trickling a body, a stalled
 * reader) destroyed, so shutdown always ends.
 * @param server - The server.
 * @param graceMs - How long requests in flight may take to finish.
 * @returns When the server has closed.
 * @example
 * process.once("SIGTERM", () => void closeRewardServer(server, 5_000));
 */
export async function closeRewardServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
    clearInterval(idle);
  }
}
