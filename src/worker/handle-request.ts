import { InputError, RewardError, formatIssues } from "../errors.js";
import type { InputIssue } from "../errors.js";
import type { Rewarder } from "../reward/create-rewarder.js";
import { validateSamples } from "../reward/sample-schema.js";
import type { RewardResult } from "../types.js";
import { createMicroBatcher } from "./micro-batcher.js";
import type { MicroBatcherOptions } from "./micro-batcher.js";
import { RequestEnvelopeSchema, RequestIdSchema } from "./protocol.js";
import { isUnsafeIntegerId, rawIdText } from "./raw-id.js";
import type { RequestId, WorkerError, WorkerErrorResponse, WorkerResponse } from "./protocol.js";

/** Options of {@link createRequestHandler}. */
export interface RequestHandlerOptions extends MicroBatcherOptions {
  /** Where unexpected (internal) errors are reported, one line each. @default no logging */
  log?: (message: string) => void;
}

/** Turns protocol requests into responses; shared by the stdio worker and the HTTP server. */
export interface RequestHandler {
  /**
   * Handles one raw line. Parsing and validation happen before this returns, so lines handed over
   * in the same event-loop turn are scored as one batch. Blank lines are not requests: `null`.
   */
  handleLine(line: string): Promise<WorkerResponse> | null;
  /** Handles one parsed request value (anything; it is validated here). Never rejects. */
  handleRequest(request: unknown): Promise<WorkerResponse>;
  /** The error response for a line that exceeded the size limit, with its id when readable. */
  oversizedLine(head: string, bytes: number, maxLineBytes: number): WorkerErrorResponse;
  /** Validates and scores raw samples through the shared batcher; rejects with `InputError`. */
  scoreSamples(samples: unknown): Promise<RewardResult[]>;
  /** Requests queued or being scored. */
  readonly pending: number;
}

const MAX_ISSUES = 20;
// Only a leading `"id"` is trusted in a line that cannot be parsed whole; the Python client writes it first.
const LEADING_ID = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\\n]|\\.){0,300}"|-?\d{1,400})\s*[,}]/;

function preview(line: string): string {
  const text = line.length > 60 ? `${line.slice(0, 60)}…` : line;
  return JSON.stringify(text);
}

function idOf(value: unknown): RequestId | null {
  if (value === null || typeof value !== "object" || !("id" in value)) return null;
  const parsed = RequestIdSchema.safeParse(value.id);
  return parsed.success ? parsed.data : null;
}

function leadingId(head: string): RequestId | null {
  const match = LEADING_ID.exec(head);
  if (match?.[1] === undefined) return null;
  try {
    const id: unknown = JSON.parse(match[1]);
    return isUnsafeIntegerId(id) ? match[1] : idOf({ id });
  } catch {
    return null;
  }
}

/** The answer to a request whose integer id JSON.parse cannot hold: rejected, naming the id's original text. */
function unsafeIdResponse(text: string, parsed: unknown): WorkerErrorResponse {
  return errorResponse(text, {
    code: "invalid_request",
    message: `The id ${text} is an integer beyond ±${Number.MAX_SAFE_INTEGER}, which JSON readers in JavaScript cannot hold exactly (it reads as ${String(parsed)}), so it could not be echoed back; send ids as strings (e.g. "${text}") or integers within that range. This error carries the id's original text as a string.`,
  });
}

function wireIssues(issues: readonly InputIssue[]): WorkerError["issues"] {
  return issues.slice(0, MAX_ISSUES).map((issue) => ({ path: [...issue.path], message: issue.message }));
}

function errorResponse(id: RequestId | null, error: WorkerError): WorkerErrorResponse {
  return { id, error };
}

/**
 * Maps a thrown value to a protocol error: bad samples → `invalid_input` with issues, model
 * failures → `model_error`, anything else → `internal`.
 * @param error - What was thrown.
 * @returns The wire error.
 * @example
 * toWorkerError(new ModelError("No tokenizer.json.")).code; // "model_error"
 */
export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof InputError && error.code === "invalid_input") {
    return { code: "invalid_input", message: error.message, issues: wireIssues(error.issues) };
  }
  if (error instanceof RewardError && error.code === "model_error") return { code: "model_error", message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal", message: `The worker failed while scoring: ${message}` };
}

/**
 * Creates the transport-agnostic request handler over a rewarder. Each request is validated on its
 * own (a bad sample fails only its request); valid requests that arrive together share one
 * `scoreBatch` call.
 * @param rewarder - Scores samples; its `options.compat` decides which annotations are required.
 * @param options - Batch window, batch size cap, error log.
 * @returns The handler.
 * @example
 * const handler = createRequestHandler(await loadRewarder());
 * const response = await handler.handleLine('{"id":"a","sample":{"response":"…","answerable":true,"goldAnswer":"4"}}');
 */
export function createRequestHandler(
  rewarder: Pick<Rewarder, "scoreBatch" | "options">,
  options: RequestHandlerOptions = {},
): RequestHandler {
  const { log, ...batcherOptions } = options;
  const batcher = createMicroBatcher((samples) => rewarder.scoreBatch(samples), batcherOptions);

  const fail = (id: RequestId | null, error: unknown): WorkerErrorResponse => {
    const wire = toWorkerError(error);
    if (wire.code === "internal" && log !== undefined) {
      log(`internal error on request ${JSON.stringify(id)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    return errorResponse(id, wire);
  };

  const scoreSamples = (raw: unknown): Promise<RewardResult[]> => {
    try {
      return batcher.score(validateSamples(raw, rewarder.options.compat));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const handleRequest = (request: unknown): Promise<WorkerResponse> => {
    const envelope = RequestEnvelopeSchema.safeParse(request);
    if (!envelope.success) {
      const issues = envelope.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
      return Promise.resolve(
        errorResponse(idOf(request), {
          code: "invalid_request",
          message: `Invalid request: ${formatIssues(issues)}. Send {"id": "…", "sample": {…}} or {"id": "…", "samples": [{…}]}.`,
          issues: wireIssues(issues),
        }),
      );
    }
    const { id, sample, samples } = envelope.data;
    const single = samples === undefined;
    return scoreSamples(single ? [sample] : samples).then(
      (results): WorkerResponse => {
        const [first] = results;
        return single && first !== undefined ? { id, result: first } : { id, results };
      },
      (error: unknown) => fail(id, error),
    );
  };

  return {
    get pending() {
      return batcher.pending;
    },
    handleRequest,
    scoreSamples,
    handleLine(line) {
      if (line.trim() === "") return null;
      let request: unknown;
      try {
        request = JSON.parse(line);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return Promise.resolve(
          errorResponse(leadingId(line), {
            code: "invalid_json",
            message: `Line ${preview(line)} is not valid JSON (${reason}). Send one JSON object per line.`,
          }),
        );
      }
      if (request !== null && typeof request === "object" && "id" in request && isUnsafeIntegerId(request.id)) {
        return Promise.resolve(unsafeIdResponse(rawIdText(line) ?? String(request.id), request.id));
      }
      return handleRequest(request);
    },
    oversizedLine(head, bytes, maxLineBytes) {
      return errorResponse(leadingId(head), {
        code: "line_too_long",
        message: `A request line of ${bytes} bytes exceeds the limit of ${maxLineBytes} bytes and was skipped; split the samples over several requests or raise --max-line-bytes.`,
      });
    },
  };
}
