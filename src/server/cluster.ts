// `serve --workers N`, the primary process: forks N copies of the CLI that share one listening port
// (node:cluster hands each new connection to the next worker; cluster-hand-off.ts closes one a
// worker died before taking), keeps a table of them for
// `GET /health`, restarts a worker that dies, and on SIGTERM/SIGINT asks every worker to drain its
// requests before it ends. The primary loads no models and scores nothing.
import cluster from "node:cluster";
import type { Worker } from "node:cluster";
import { RewardError } from "../errors.js";
import type { ErrorCode } from "../errors.js";
import { ERROR_CODES } from "../errors.js";
import { watchHandOffs } from "./cluster-hand-off.js";
import { STATUS_INTERVAL_MS, WORKER_SLOT_ENV, isMemberMessage } from "./cluster-messages.js";
import type { MemberMessage, PrimaryMessage, ReadyMessage } from "./cluster-messages.js";
import type { WorkerHealth } from "./http-protocol.js";

/** Options of {@link runServeCluster}. */
export interface ServeClusterOptions {
  /** How many worker processes (≥ 2). */
  workers: number;
  /** The script every worker runs (the CLI's `dist/cli.js`). */
  exec: string;
  /** Its arguments (`serve` and the same flags), so each worker serves exactly as a single process would. */
  args: readonly string[];
  /** How long workers give requests in flight on shutdown (they are killed some seconds after). */
  graceMs: number;
  /** Receives the one listening line, once every worker listens. */
  stdout: NodeJS.WritableStream;
  /** Diagnostics: restarts, shutdown. */
  log: (line: string) => void;
  /** Consecutive deaths before listening after which a slot is given up and the server stops. @default 5 */
  maxStartFailures?: number;
}

interface Slot {
  id: number;
  worker: Worker | undefined;
  state: WorkerHealth["state"];
  pending: number;
  restarts: number;
  /** Deaths in a row before becoming ready (reset once a worker of this slot is ready). */
  failures: number;
  timer: NodeJS.Timeout | undefined;
}

const KILL_MARGIN_MS = 15_000;

function errorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : "internal";
}

/**
 * Runs the primary of `serve --workers N` until SIGTERM or SIGINT (then every worker drains and
 * exits) or until the workers cannot start (then it throws the first worker's error).
 * @param options - Worker count, what the workers run, shutdown grace, output streams.
 * @returns When every worker has exited after a signal.
 * @example
 * await runServeCluster({ workers: 4, exec: process.argv[1]!, args: ["serve", "--port", "5000"], graceMs: 5000, stdout: process.stdout, log: console.error });
 */
export async function runServeCluster(options: ServeClusterOptions): Promise<void> {
  const { workers, log } = options;
  const maxStartFailures = options.maxStartFailures ?? 5;
  cluster.setupPrimary({ exec: options.exec, args: [...options.args], silent: false });
  const slots: Slot[] = Array.from({ length: workers }, (_unused, index) => ({
    id: index + 1,
    worker: undefined,
    state: "starting",
    pending: 0,
    restarts: 0,
    failures: 0,
    timer: undefined,
  }));
  let listening: ReadyMessage | undefined;
  let stopping = false;
  let settle: { resolve: () => void } | undefined;
  const finished = new Promise<void>((resolve) => {
    settle = { resolve };
  });
  let failure: unknown;

  const table = (): WorkerHealth[] =>
    slots.map((slot) => ({
      id: slot.id,
      pid: slot.worker?.process.pid ?? 0,
      state: slot.state,
      pending: slot.pending,
      restarts: slot.restarts,
    }));
  const send = (worker: Worker | undefined, message: PrimaryMessage): void => {
    if (worker?.isConnected()) worker.send(message, () => undefined);
  };
  const broadcast = (): void => {
    const message: PrimaryMessage = { kind: "abstain-reward/workers", workers: table() };
    for (const slot of slots) send(slot.worker, message);
  };
  const alive = (): Slot[] => slots.filter((slot) => slot.worker !== undefined);

  let killTimer: NodeJS.Timeout | undefined;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log(why);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      if (slot.worker === undefined) continue;
      slot.state = "stopping";
      send(slot.worker, { kind: "abstain-reward/stop" });
    }
    killTimer = setTimeout(() => {
      for (const slot of alive()) {
        log(
          `worker ${slot.id} (pid ${slot.worker?.process.pid ?? "?"}) did not exit ${options.graceMs + KILL_MARGIN_MS} ms after the stop request; killing it`,
        );
        slot.worker?.process.kill("SIGKILL");
      }
    }, options.graceMs + KILL_MARGIN_MS);
    if (alive().length === 0) settle?.resolve();
  };
  const fail = (error: unknown): void => {
    failure ??= error;
    // The error itself is thrown (and printed) once every worker has exited.
    stop("stopping every worker");
  };

  const onMessage = (slot: Slot, worker: Worker, message: MemberMessage): void => {
    if (slot.worker !== worker) return;
    if (message.kind === "abstain-reward/status") {
      slot.pending = message.pending;
    } else if (message.kind === "abstain-reward/ready") {
      slot.state = stopping ? "stopping" : "ready";
      slot.failures = 0;
      if (listening === undefined && slots.every((each) => each.state === "ready")) {
        listening = message;
        const { kind: _kind, ...info } = message;
        options.stdout.write(`${JSON.stringify({ listening: true, ...info, workers })}\n`);
        log(`${workers} workers listening on ${message.url} (POST /get_reward, POST /score, GET /health)`);
      }
      broadcast();
    } else if (listening === undefined) {
      fail(new RewardError(errorCode(message.code), message.message));
    } else {
      log(`worker ${slot.id} could not start: ${message.message}`);
    }
  };

  const fork = (slot: Slot): void => {
    slot.timer = undefined;
    if (stopping) return;
    const worker = cluster.fork({ [WORKER_SLOT_ENV]: String(slot.id) });
    watchHandOffs(worker, (count) =>
      log(`worker ${slot.id} (pid ${worker.process.pid ?? "?"}) died while ${count} connection(s) were being handed to it; closed them`),
    );
    slot.worker = worker;
    slot.state = "starting";
    slot.pending = 0;
    worker.on("message", (message: unknown) => {
      if (isMemberMessage(message)) onMessage(slot, worker, message);
    });
    worker.on("error", () => undefined); // a send to a worker that just died; its exit is handled below
    worker.on("exit", (code, signal) => {
      if (slot.worker !== worker) return;
      const wasReady = slot.state === "ready";
      slot.worker = undefined;
      if (stopping) {
        if (alive().length === 0) settle?.resolve();
        return;
      }
      const how = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      if (listening === undefined) {
        fail(
          new RewardError(
            "internal",
            `Worker ${slot.id} (pid ${worker.process.pid ?? "?"}) ended with ${how} before it listened; its error is on stderr above.`,
          ),
        );
        return;
      }
      slot.failures = wasReady ? 0 : slot.failures + 1;
      if (slot.failures >= maxStartFailures) {
        fail(
          new RewardError(
            "internal",
            `Worker ${slot.id} died ${slot.failures} times in a row before it listened; the server stops instead of restarting it again. Its errors are on stderr above.`,
          ),
        );
        return;
      }
      slot.restarts += 1;
      slot.state = "starting";
      const delay = wasReady ? 0 : Math.min(5_000, 200 * 2 ** slot.failures);
      log(
        `worker ${slot.id} (pid ${worker.process.pid ?? "?"}) ended with ${how}; restarting it${delay > 0 ? ` in ${delay} ms` : ""} (restart ${slot.restarts})`,
      );
      slot.timer = setTimeout(() => fork(slot), delay);
      broadcast();
    });
  };

  const onSignal = (signal: NodeJS.Signals): void =>
    stop(`${signal} received, closing ${alive().length} worker(s) (requests in flight get ${options.graceMs} ms)`);
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  const ticker = setInterval(broadcast, STATUS_INTERVAL_MS);
  try {
    for (const slot of slots) fork(slot);
    await finished;
  } finally {
    clearInterval(ticker);
    clearTimeout(killTimer);
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGINT", onSignal);
  }
  if (failure !== undefined) throw failure;
}
