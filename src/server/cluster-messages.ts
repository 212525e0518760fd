// The messages `serve --workers N` sends between its primary process and its worker processes over
// node:cluster's IPC channel. One file so that both sides agree on the shapes; every message carries
// a `kind` starting with "abstain-reward/" so that nothing else on the channel is mistaken for one.
import { availableParallelism } from "node:os";
import type { WorkerHealth } from "./http-protocol.js";

/** A worker has loaded its models and listens; what it loaded goes into the listening line. */
export interface ReadyMessage {
  kind: "abstain-reward/ready";
  url: string;
  version: string;
  models: string[];
  device: string;
  verifier: string | null;
}

/** A worker's pending request count, sent every {@link STATUS_INTERVAL_MS}. */
export interface StatusMessage {
  kind: "abstain-reward/status";
  pending: number;
}

/** A worker could not start (models missing, port taken); the primary reports it once and stops. */
export interface FatalMessage {
  kind: "abstain-reward/fatal";
  code: string;
  message: string;
}

/** The primary's table of every worker, sent to each worker so `GET /health` can report all of them. */
export interface WorkersMessage {
  kind: "abstain-reward/workers";
  workers: WorkerHealth[];
}

/** The primary asks a worker to drain its requests and exit. */
export interface StopMessage {
  kind: "abstain-reward/stop";
}

export type MemberMessage = ReadyMessage | StatusMessage | FatalMessage;
export type PrimaryMessage = WorkersMessage | StopMessage;

/** How often workers report their pending count and the primary sends its table. */
export const STATUS_INTERVAL_MS = 500;
/** Environment variable that tells a forked process which worker slot (1…N) it fills. */
export const WORKER_SLOT_ENV = "ABSTAIN_REWARD_SERVE_WORKER";
/** Upper bound of the default worker count: beyond it, one node is better served by several servers. */
export const MAX_DEFAULT_WORKERS = 8;

/**
 * The default of `serve --workers`: one worker per core, at most {@link MAX_DEFAULT_WORKERS}.
 * @param cores - Cores available to this process.
 * @returns The worker count.
 * @example
 * defaultWorkerCount(64); // 8
 */
export function defaultWorkerCount(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(cores, MAX_DEFAULT_WORKERS));
}

function hasKind(value: unknown): value is { kind: string } {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/**
 * Narrows an IPC message to one a worker sends.
 * @param value - What arrived on the channel.
 * @returns Whether it is a {@link MemberMessage}.
 * @example
 * if (isMemberMessage(message) && message.kind === "abstain-reward/ready") markReady();
 */
export function isMemberMessage(value: unknown): value is MemberMessage {
  return hasKind(value) && ["abstain-reward/ready", "abstain-reward/status", "abstain-reward/fatal"].includes(value.kind);
}

/**
 * Narrows an IPC message to one the primary sends.
 * @param value - What arrived on the channel.
 * @returns Whether it is a {@link PrimaryMessage}.
 * @example
 * process.on("message", (message) => { if (isPrimaryMessage(message)) handle(message); });
 */
export function isPrimaryMessage(value: unknown): value is PrimaryMessage {
  return hasKind(value) && (value.kind === "abstain-reward/workers" || value.kind === "abstain-reward/stop");
}
