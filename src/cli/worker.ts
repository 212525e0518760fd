import type { CliIo } from "./cli-io.js";
import { modelLog } from "./model-log.js";
import { loadRewarder } from "../models/load-rewarder.js";
import { createRequestHandler } from "../worker/handle-request.js";
import { workerProtocolJsonSchema } from "../server/protocol-json-schema.js";
import { rewardRange } from "../worker/protocol.js";
import { integerFlag } from "./io/cli-args.js";
import { REWARD_FLAG_USAGE, parseRewardCommandFlags, rewardOptionsFromFlags } from "./reward-flags.js";
import { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_PENDING_REQUESTS, runStdioWorker } from "../worker/stdio-transport.js";

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

const USAGE = `Usage: abstain-reward worker [options]

JSON-lines reward worker for trainers. Reads one request per line on stdin:
  {"id": "r1", "sample": {"response": "…", "answerable": true, "goldAnswer": "12"}}
  {"id": "r2", "samples": [{…}, {…}]}
writes {"ready": true, "version", "models", "device"} first, then one response line per request
({"id", "result"} / {"id", "results"} / {"id", "error": {"code", "message"}}) on stdout; logs go to
stderr. Ends after stdin closes or on SIGTERM, once every request read has been answered.

Worker options:
  --max-line-bytes N               Longest request line (default ${DEFAULT_MAX_LINE_BYTES}).
  --max-pending N                  Stop reading while N requests are unanswered (default ${DEFAULT_MAX_PENDING_REQUESTS}).
  --json-schema                    Print the protocol's JSON Schema and exit.
  -h, --help                       Show this message.

${REWARD_FLAG_USAGE}
`;

/** Sends `console.log` and friends to stderr: in a worker, stdout carries protocol lines only. */
function guardConsole(io: CliIo): void {
  if (io.stdout !== process.stdout) return;
  const toStderr = (...parts: unknown[]): void => {
    io.stderr.write(`${parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ")}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/**
 * `abstain-reward worker`: loads the rewarder, writes the ready line and serves requests from
 * stdin until EOF or SIGTERM.
 * @param args - Flags after `worker`.
 * @param io - Streams (tests pass their own).
 * @returns When every request read has been answered.
 * @example
 * await runWorkerCommand(["--preset", "continuous"], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
 */
export async function runWorkerCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseRewardCommandFlags("worker", args, {
    "max-line-bytes": { type: "string" },
    "max-pending": { type: "string" },
    "json-schema": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout.write(USAGE);
    return;
  }
  if (values["json-schema"] === true) {
    io.stdout.write(`${JSON.stringify(workerProtocolJsonSchema(), null, 2)}\n`);
    return;
  }
  const { rewarder: rewarderOptions, batching } = rewardOptionsFromFlags(values);
  const maxLineBytes = integerFlag("max-line-bytes", values["max-line-bytes"], 1) ?? DEFAULT_MAX_LINE_BYTES;
  const maxPendingRequests = integerFlag("max-pending", values["max-pending"], 1) ?? DEFAULT_MAX_PENDING_REQUESTS;
  guardConsole(io);
  const log = (message: string): void => {
    io.stderr.write(`abstain-reward worker: ${message}\n`);
  };

  // Signals are handled from the start: one that arrives while the models load ends the worker
  // cleanly (exit 0, no ready line) once loading finishes, instead of killing it mid-build.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal} received`);
    stop.abort();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  let rewarder: Awaited<ReturnType<typeof loadRewarder>> | undefined;
  try {
    rewarder = await loadRewarder({ ...rewarderOptions, log: modelLog(io.stderr) });
    if (stop.signal.aborted) {
      log("stopped before ready: 0 request(s)");
      return;
    }
    const { models, device } = rewarder.describe();
    const handler = createRequestHandler(rewarder, { ...batching, log });
    const summary = await runStdioWorker({
      input: io.stdin,
      output: io.stdout,
      handler,
      ready: { ready: true, version: VERSION, models, device, rewardRange: rewardRange(rewarder.options.weights) },
      maxLineBytes,
      maxPendingRequests,
      signal: stop.signal,
      log,
    });
    log(`done (${summary.stoppedBy}): ${summary.requests} request(s), ${summary.errors} error response(s)`);
  } finally {
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGINT", onSignal);
    await rewarder?.dispose();
    // After SIGTERM stdin may still be open; let go of it so the process can end on its own.
    if (io.stdin === process.stdin) process.stdin.destroy();
  }
}
