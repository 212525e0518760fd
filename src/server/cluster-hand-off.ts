// `serve --workers N`, the primary side of a connection hand-off. node:cluster's round-robin accepts
// each connection in the primary and passes it to a worker with a `newconn` message; the primary
// closes its own copy of the connection only when the worker answers that message. A worker that
// dies in between (killed, crashed) never answers, so node:cluster keeps that connection open in
// the primary for ever and its client waits for its own timeout. This watcher records every
// connection handed to one worker until the worker answers, and closes the unanswered ones once the
// worker has exited and its channel is closed: the client sees a closed connection at once (and
// retries), and the primary holds no leaked socket.
import type { Worker } from "node:cluster";

/** What node:cluster passes with a `newconn` message: the primary's handle of the connection. */
interface ClosableHandle {
  close(): void;
}

/** The primary's message that hands a connection over (node:cluster's internal shape). */
interface NewConnection {
  cmd: "NODE_CLUSTER";
  act: "newconn";
  seq: number;
}

/** The worker's answer to a message with `seq` (node:cluster's internal shape). */
interface Acknowledgement {
  cmd: "NODE_CLUSTER";
  ack: number;
}

/** How long after a worker's exit its channel may still deliver acknowledgements, at most. */
const CHANNEL_END_WAIT_MS = 5_000;
const CHANNEL_POLL_MS = 20;

function isNewConnection(value: unknown): value is NewConnection {
  if (typeof value !== "object" || value === null) return false;
  const message = value as Partial<Record<keyof NewConnection, unknown>>;
  return message.cmd === "NODE_CLUSTER" && message.act === "newconn" && typeof message.seq === "number";
}

function isAcknowledgement(value: unknown): value is Acknowledgement {
  if (typeof value !== "object" || value === null) return false;
  const message = value as Partial<Record<keyof Acknowledgement, unknown>>;
  return message.cmd === "NODE_CLUSTER" && typeof message.ack === "number";
}

function isClosable(value: unknown): value is ClosableHandle {
  return typeof value === "object" && value !== null && typeof (value as { close?: unknown }).close === "function";
}

/**
 * Watches the connections node:cluster hands to one worker, and closes those the worker never
 * acknowledged once it has exited and its channel has closed (so every acknowledgement it sent has
 * been read). Call it right after `cluster.fork()`, before the worker can listen.
 * @param worker - A worker just forked by the primary.
 * @param onClosed - Called with how many unanswered connections were closed (only when some were).
 * @example
 * const worker = cluster.fork();
 * watchHandOffs(worker, (count) => log(`closed ${count} connection(s) handed to a dead worker`));
 */
export function watchHandOffs(worker: Worker, onClosed: (count: number) => void): void {
  const child = worker.process;
  const unanswered = new Map<number, ClosableHandle>();
  const send = child.send.bind(child) as (...args: unknown[]) => boolean;
  const watched = (...args: unknown[]): boolean => {
    const [message, handle] = args;
    if (isNewConnection(message) && isClosable(handle)) unanswered.set(message.seq, handle);
    return send(...args);
  };
  child.send = watched as typeof child.send;
  const onInternal = (message: unknown): void => {
    if (isAcknowledgement(message)) unanswered.delete(message.ack);
  };
  child.on("internalMessage", onInternal);

  // An unanswered hand-off also holds back node's own 'disconnect' event (it waits for the handle's
  // delivery receipt, which a dead worker never sends), so the end of the channel is read from
  // `connected`, which turns false once the channel's end of stream has been read.
  const settle = (): void => {
    child.removeListener("internalMessage", onInternal);
    const count = unanswered.size;
    for (const handle of unanswered.values()) handle.close();
    unanswered.clear();
    if (count > 0) onClosed(count);
  };
  child.once("exit", () => {
    const deadline = Date.now() + CHANNEL_END_WAIT_MS;
    const poll = (): void => {
      if (child.connected && Date.now() < deadline) setTimeout(poll, CHANNEL_POLL_MS).unref();
      else settle();
    };
    poll();
  });
}
