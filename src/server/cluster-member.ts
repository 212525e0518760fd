// `serve --workers N`, the worker side: a worker process serves HTTP exactly as `serve` does alone,
// and additionally tells the primary when it listens, how many requests it holds, and why it could
// not start; it learns every worker's state (for `GET /health`) and when to drain and stop.
import cluster from "node:cluster";
import { RewardError } from "../errors.js";
import { STATUS_INTERVAL_MS, WORKER_SLOT_ENV, isPrimaryMessage } from "./cluster-messages.js";
import type { MemberMessage, PrimaryMessage, ReadyMessage } from "./cluster-messages.js";
import type { WorkerHealth } from "./http-protocol.js";

/** This process's part in `serve --workers N`. */
export interface ClusterMember {
  /** Its slot, 1…N. */
  readonly id: number;
  /** What `GET /health` adds: the answering slot and the primary's table of every worker. */
  health(): { worker: number; workers: WorkerHealth[] };
  /** Tells the primary this worker listens, and starts reporting `pending()` every 0.5 s. */
  ready(info: Omit<ReadyMessage, "kind">, pending: () => number): void;
  /** Resolves when the primary asks this worker to drain and exit. */
  readonly stopRequested: Promise<void>;
  /** Reports why this worker could not start; the primary prints it once. */
  fail(error: unknown): Promise<void>;
  /** Stops reporting and closes the channel to the primary, so the process can end. */
  leave(): void;
}

/**
 * Joins the `serve --workers N` cluster when this process was forked by its primary.
 * @param env - Environment to read the slot from.
 * @returns The membership, or `undefined` in a single-process `serve`.
 * @example
 * const member = joinCluster();
 * member?.ready({ url, version, models, device, verifier }, () => handler.pending);
 */
export function joinCluster(env: NodeJS.ProcessEnv = process.env): ClusterMember | undefined {
  const slot = Number(env[WORKER_SLOT_ENV] ?? Number.NaN);
  if (!cluster.isWorker || !Number.isInteger(slot) || process.send === undefined) return undefined;
  let workers: WorkerHealth[] = [];
  let timer: NodeJS.Timeout | undefined;
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const post = (message: MemberMessage): Promise<void> =>
    new Promise((resolve) => {
      if (process.connected && process.send !== undefined) process.send(message, undefined, {}, () => resolve());
      else resolve();
    });
  const onMessage = (message: unknown): void => {
    if (!isPrimaryMessage(message)) return;
    const known: PrimaryMessage = message;
    if (known.kind === "abstain-reward/workers") workers = known.workers;
    else requestStop();
  };
  // The primary going away (killed) is a stop request too: nothing would route connections here.
  const onDisconnect = (): void => requestStop();
  process.on("message", onMessage);
  process.on("disconnect", onDisconnect);
  return {
    id: slot,
    health: () => ({ worker: slot, workers }),
    ready(info, pending) {
      void post({ kind: "abstain-reward/ready", ...info });
      timer = setInterval(() => void post({ kind: "abstain-reward/status", pending: pending() }), STATUS_INTERVAL_MS);
      timer.unref();
    },
    stopRequested,
    fail(error) {
      const code = error instanceof RewardError ? error.code : "internal";
      const message = error instanceof Error ? error.message : String(error);
      return post({ kind: "abstain-reward/fatal", code, message });
    },
    leave() {
      clearInterval(timer);
      process.removeListener("message", onMessage);
      process.removeListener("disconnect", onDisconnect);
      if (process.connected) process.disconnect();
    },
  };
}
