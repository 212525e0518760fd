import cluster from "node:cluster";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import type { AddressInfo } from "node:net";
import type { CliIo } from "./cli-io.js";
import { modelLog } from "./model-log.js";
import { InputError, RewardError } from "../errors.js";
import { loadRewarder } from "../models/load-rewarder.js";
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REQUEST_SAMPLES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  closeRewardServer,
  createRewardServer,
} from "../server/create-reward-server.js";
import { runServeCluster } from "../server/cluster.js";
import { joinCluster } from "../server/cluster-member.js";
import type { ClusterMember } from "../server/cluster-member.js";
import { MAX_DEFAULT_WORKERS, defaultWorkerCount } from "../server/cluster-messages.js";
import { createRequestHandler } from "../worker/handle-request.js";
import { integerFlag } from "./io/cli-args.js";
import { REWARD_FLAG_USAGE, parseRewardCommandFlags, rewardOptionsFromFlags } from "./reward-flags.js";

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";
const DEFAULT_PORT = 5000;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

const USAGE = `Usage: abstain-reward serve [--port N] [--host ADDR] [options]

HTTP reward server:
  POST /get_reward   OpenRLHF remote reward: {"query", "prompts", "labels"} → {"rewards", "scores", "extra_logs"}
                     (OpenRLHF: --remote_rm_url http://127.0.0.1:${DEFAULT_PORT}/get_reward --label_key label)
  POST /score        {"samples": [...]} → {"results": [...]}
  GET  /health       {"ok": true, "version", "models", "device", "verifier", "pending"}
                     (with --workers N > 1 also "worker": the slot that answered, "workers": every
                     worker's {"id", "pid", "state", "pending", "restarts"})
Prints one JSON line {"listening": true, "url", …} on stdout once it accepts requests. Ends on
SIGTERM or SIGINT after answering the requests in flight. POST bodies must be sent with
Content-Type: application/json. Every 4xx reason is also written to stderr as one line.

Server options:
  --workers N                      Worker processes sharing the port, each with its own models
                                   (default: one per core, at most ${MAX_DEFAULT_WORKERS}; here ${defaultWorkerCount()}). A worker
                                   that dies is restarted; 1 serves from this process alone.
  --port N                         TCP port (default ${DEFAULT_PORT}; 0 picks a free one).
  --host ADDR                      Interface to bind (default 127.0.0.1). There is no
                                   authentication: bind beyond loopback only on a trusted network.
  --max-body-bytes N               Largest request body; larger ones get 413 (default ${DEFAULT_MAX_BODY_BYTES}).
  --max-request-samples N          Most samples (or queries) per request; more get 413
                                   (default ${DEFAULT_MAX_REQUEST_SAMPLES}). Large requests are scored in slices of
                                   512 that let other requests in between.
  --allowed-hosts A,B              Host names accepted in the Host header besides the bound
                                   address (and localhost on loopback); "*" accepts any. Requests
                                   naming another host get 403 (DNS-rebinding guard).
  --request-timeout-ms N           A request not received whole within N ms gets 408 (default
                                   ${DEFAULT_REQUEST_TIMEOUT_MS}; headers within ${DEFAULT_HEADERS_TIMEOUT_MS}).
  --shutdown-grace-ms N            On SIGTERM/SIGINT, requests in flight get N ms to finish before
                                   every connection is closed (default ${DEFAULT_SHUTDOWN_GRACE_MS}).
  -h, --help                       Show this message.

${REWARD_FLAG_USAGE}
`;

function portFlag(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new InputError(
      `--port must be an integer from 0 to 65535, got "${value}".`,
      [{ path: ["port"], message: "Expected a TCP port" }],
      "invalid_options",
    );
  }
  return port;
}

/** Turns the errors `listen` reports for a taken or forbidden port into sentences. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === "EADDRINUSE") {
    return new RewardError(
      "invalid_options",
      `Port ${port} on ${host} is already in use; stop the process that holds it or pick another port with --port (0 picks a free one).`,
    );
  }
  if (code === "EACCES") {
    return new RewardError(
      "invalid_options",
      `Binding port ${port} on ${host} is not permitted (ports below 1024 need privileges); pick another port with --port.`,
    );
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new RewardError(
      "invalid_options",
      `Cannot bind to --host ${host}: no such address on this machine; use 127.0.0.1 (the default) or one of this machine's addresses.`,
    );
  }
  return error;
}

/**
 * `abstain-reward serve`: loads the rewarder and serves HTTP until SIGTERM or SIGINT.
 * @param args - Flags after `serve`.
 * @param io - Streams (tests pass their own).
 * @returns When the server has closed.
 * @example
 * await runServeCommand(["--port", "5000"], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
 */
export async function runServeCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseRewardCommandFlags("serve", args, {
    port: { type: "string" },
    host: { type: "string" },
    "max-body-bytes": { type: "string" },
    "max-request-samples": { type: "string" },
    "allowed-hosts": { type: "string" },
    "request-timeout-ms": { type: "string" },
    "shutdown-grace-ms": { type: "string" },
    workers: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout.write(USAGE);
    return;
  }
  const { rewarder: rewarderOptions, batching } = rewardOptionsFromFlags(values);
  const port = portFlag(values.port);
  const host = values.host ?? "127.0.0.1";
  const maxBodyBytes = integerFlag("max-body-bytes", values["max-body-bytes"], 1) ?? DEFAULT_MAX_BODY_BYTES;
  const maxRequestSamples = integerFlag("max-request-samples", values["max-request-samples"], 1) ?? DEFAULT_MAX_REQUEST_SAMPLES;
  const requestTimeoutMs = integerFlag("request-timeout-ms", values["request-timeout-ms"], 1) ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const graceMs = integerFlag("shutdown-grace-ms", values["shutdown-grace-ms"], 0) ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const allowedHosts = (values["allowed-hosts"] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const workers = integerFlag("workers", values.workers, 1) ?? defaultWorkerCount();
  const member = joinCluster();
  const log = (message: string): void => {
    io.stderr.write(`abstain-reward serve${member === undefined ? "" : `[${member.id}]`}: ${message}\n`);
  };
  if (workers > 1 && cluster.isPrimary) {
    const exec = process.argv[1];
    if (exec === undefined)
      throw new RewardError(
        "invalid_options",
        "serve --workers N needs to know the CLI script to start its workers from; run it as `abstain-reward serve` (or `node dist/cli.js serve`), or pass --workers 1.",
      );
    await runServeCluster({ workers, exec, args: ["serve", ...args], graceMs, stdout: io.stdout, log });
    return;
  }
  // Workers split the cores: N model sessions that each take every core spin against each other.
  const shared =
    member !== undefined && rewarderOptions.threads === undefined
      ? { ...rewarderOptions, threads: Math.max(1, Math.floor(availableParallelism() / workers)) }
      : rewarderOptions;
  const settings: ServeSettings = {
    rewarderOptions: shared,
    batching,
    port,
    host,
    maxBodyBytes,
    maxRequestSamples,
    requestTimeoutMs,
    graceMs,
    allowedHosts,
  };
  if (member === undefined) {
    await serveProcess(settings, io, log);
    return;
  }
  // A worker of `serve --workers N`: its failures go to the primary, which prints the first one once.
  try {
    await serveProcess(settings, io, log, member);
  } catch (error) {
    await member.fail(error);
  } finally {
    member.leave();
  }
}

interface ServeSettings {
  rewarderOptions: ReturnType<typeof rewardOptionsFromFlags>["rewarder"];
  batching: ReturnType<typeof rewardOptionsFromFlags>["batching"];
  port: number;
  host: string;
  maxBodyBytes: number;
  maxRequestSamples: number;
  requestTimeoutMs: number;
  graceMs: number;
  allowedHosts: string[];
}

/** One serving process: the whole server without --workers, one worker of it with. */
async function serveProcess(settings: ServeSettings, io: CliIo, log: (message: string) => void, member?: ClusterMember): Promise<void> {
  const { rewarderOptions, batching, port, host, maxBodyBytes, maxRequestSamples, requestTimeoutMs, graceMs, allowedHosts } = settings;
  const rewarder = await loadRewarder({ ...rewarderOptions, log: modelLog(io.stderr) });
  const { models, device, verifier } = rewarder.describe();
  const handler = createRequestHandler(rewarder, { ...batching, log });
  const server = createRewardServer({
    handler,
    rewardOptions: rewarder.options,
    describe: () => ({ version: VERSION, models, device, verifier, ...member?.health() }),
    maxBodyBytes,
    maxRequestSamples,
    allowedHosts,
    requestTimeoutMs,
    headersTimeoutMs: Math.min(DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs),
    log,
  });
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  try {
    server.listen(port, host);
    await once(server, "listening").catch((error: unknown) => {
      throw listenError(error, host, port);
    });
    const address = server.address() as AddressInfo;
    const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    if (!LOOPBACK.has(host) && (member?.id ?? 1) === 1)
      log(`warning: bound to ${host}, reachable from other machines, with no authentication`);
    if (member === undefined) {
      log(`listening on ${url} (POST /get_reward, POST /score, GET /health)`);
      io.stdout.write(`${JSON.stringify({ listening: true, url, version: VERSION, models, device, verifier })}\n`);
    } else {
      member.ready({ url, version: VERSION, models, device, verifier }, () => handler.pending);
    }
    const signal = await new Promise<NodeJS.Signals | "stop">((resolve) => {
      onSignal = resolve;
      process.once("SIGTERM", onSignal);
      process.once("SIGINT", onSignal);
      void member?.stopRequested.then(() => resolve("stop"));
    });
    // The primary logs its own stop; a worker logs only a signal sent to it alone.
    if (signal !== "stop") log(`${signal} received, closing (requests in flight get ${graceMs} ms)`);
    await closeRewardServer(server, graceMs);
  } finally {
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGINT", onSignal);
    if (server.listening) server.close();
    await rewarder.dispose();
  }
}
