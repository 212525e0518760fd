import type { RequestHandler } from "./handle-request.js";
import { createLineReader } from "./line-reader.js";
import type { WorkerReady, WorkerResponse } from "./protocol.js";

/** Options of {@link runStdioWorker}. */
export interface StdioWorkerOptions {
  /** Request lines come from here (the process's stdin, or a PassThrough in tests). */
  input: NodeJS.ReadableStream;
  /** Protocol lines go here and nothing else does. */
  output: NodeJS.WritableStream;
  handler: RequestHandler;
  /** Written first, before any request is read. */
  ready: WorkerReady;
  /** Longest request line in bytes; longer lines get a `line_too_long` error. @default 33554432 (32 MiB) */
  maxLineBytes?: number;
  /** Input is paused while this many requests are unanswered (or while the output is congested). @default 8192 */
  maxPendingRequests?: number;
  /** Aborting stops reading; requests already read are answered, then the run resolves. */
  signal?: AbortSignal;
  /** Diagnostics (never protocol lines). @default no logging */
  log?: (message: string) => void;
}

/** What a worker run did. */
export interface StdioWorkerSummary {
  requests: number;
  errors: number;
  /** Why reading stopped. */
  stoppedBy: "eof" | "abort" | "input-error" | "output-error";
}

/** Defaults of {@link StdioWorkerOptions}. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_PENDING_REQUESTS = 8192;

function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

/**
 * Runs the JSON-lines worker protocol over two streams: writes the ready line, then one response
 * line per request line. Respects backpressure both ways (input is paused while too many requests
 * are pending or the output buffer is full). Resolves once the input has ended (or `signal` was
 * aborted) and every request read so far has been answered and handed to the output.
 * @param options - Streams, handler, ready line, limits.
 * @returns Counts and why the run stopped.
 * @example
 * const summary = await runStdioWorker({ input: process.stdin, output: process.stdout, handler, ready });
 */
export function runStdioWorker(options: StdioWorkerOptions): Promise<StdioWorkerSummary> {
  const { input, output, handler, log } = options;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxPending = options.maxPendingRequests ?? DEFAULT_MAX_PENDING_REQUESTS;
  const summary: StdioWorkerSummary = { requests: 0, errors: 0, stoppedBy: "eof" };
  let pending = 0;
  let reading = true;
  let outputOpen = true;
  let congested = false;
  let paused = false;

  return new Promise<StdioWorkerSummary>((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished || reading || pending > 0) return;
      finished = true;
      input.removeListener("data", onData);
      input.removeListener("end", onEnd);
      input.removeListener("error", onInputError);
      options.signal?.removeEventListener("abort", onAbort);
      output.removeListener("drain", onDrain);
      // onOutputError stays attached: a late EPIPE must not become an uncaught 'error' event.
      if (outputOpen && congested) output.once("drain", () => resolve(summary));
      else resolve(summary);
    };

    const updateFlow = (): void => {
      const shouldPause = reading && (pending >= maxPending || congested);
      if (shouldPause && !paused) input.pause();
      else if (!shouldPause && paused && reading) input.resume();
      paused = shouldPause;
    };

    const write = (message: WorkerResponse | WorkerReady): void => {
      if (!outputOpen) return;
      if (!output.write(`${JSON.stringify(message)}\n`)) congested = true;
    };

    const answer = (response: Promise<WorkerResponse>): void => {
      pending += 1;
      summary.requests += 1;
      updateFlow();
      void response.then((message) => {
        if ("error" in message) summary.errors += 1;
        write(message);
        pending -= 1;
        updateFlow();
        finish();
      });
    };

    const reader = createLineReader(maxLineBytes, {
      onLine(line) {
        const response = handler.handleLine(line);
        if (response !== null) answer(response);
      },
      onOversized(head, bytes) {
        answer(Promise.resolve(handler.oversizedLine(head, bytes, maxLineBytes)));
      },
    });

    const stopReading = (reason: StdioWorkerSummary["stoppedBy"]): void => {
      if (!reading) return;
      reading = false;
      summary.stoppedBy = reason;
      // EOF: a last line without newline is still a request. Abort: a partial line is dropped.
      if (reason === "eof") reader.end();
      else input.pause();
      finish();
    };

    function onData(chunk: string | Uint8Array): void {
      if (reading) reader.push(toBytes(chunk));
    }
    function onEnd(): void {
      stopReading("eof");
    }
    function onInputError(error: Error): void {
      log?.(`input error, stopping: ${error.message}`);
      stopReading("input-error");
    }
    function onAbort(): void {
      log?.(`stopping: finishing ${pending} pending request(s)`);
      stopReading("abort");
    }
    function onOutputError(error: Error): void {
      // The reader of our output went away (EPIPE): nothing more can be delivered.
      log?.(`output error, stopping: ${error.message}`);
      outputOpen = false;
      congested = false;
      stopReading("output-error");
      if (finished) resolve(summary); // was waiting for a drain that will never come
    }
    function onDrain(): void {
      congested = false;
      updateFlow();
    }

    output.on("error", onOutputError);
    output.on("drain", onDrain);
    write(options.ready);
    if (options.signal?.aborted === true) {
      reading = false;
      summary.stoppedBy = "abort";
      finish();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    input.on("error", onInputError);
    input.on("end", onEnd);
    input.on("data", onData);
    updateFlow();
  });
}
