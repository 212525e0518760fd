// The primary's watch over node:cluster's connection hand-offs: a connection handed to a worker
// that died before acknowledging it is closed; acknowledged ones, and every other message, are left
// to node:cluster. Uses a stand-in for the forked worker's process (the end-to-end case, a real
// worker stopped and killed mid-hand-off, is in serve-cluster.test.ts).
import { EventEmitter } from "node:events";
import type { Worker } from "node:cluster";
import { describe, expect, it } from "vitest";
import { watchHandOffs } from "../src/server/cluster-hand-off.js";

class FakeChild extends EventEmitter {
  connected = true;
  readonly sent: unknown[] = [];
  send(message: unknown, _handle?: unknown): boolean {
    this.sent.push(message);
    return true;
  }
}

function handle(): { close(): void; closed: number } {
  const made = {
    closed: 0,
    close() {
      made.closed += 1;
    },
  };
  return made;
}

function setUp(): { child: FakeChild; closedCounts: number[] } {
  const child = new FakeChild();
  const closedCounts: number[] = [];
  watchHandOffs({ process: child } as unknown as Worker, (count) => closedCounts.push(count));
  return { child, closedCounts };
}

const newconn = (seq: number): unknown => ({ cmd: "NODE_CLUSTER", act: "newconn", key: "127.0.0.1:0:4", seq });
const ack = (seq: number): unknown => ({ cmd: "NODE_CLUSTER", ack: seq, accepted: true, seq: 100 + seq });

describe("watchHandOffs", () => {
  it("closes only the connections a dead worker never acknowledged, once its channel has ended", async () => {
    const { child, closedCounts } = setUp();
    const [first, second, third] = [handle(), handle(), handle()];
    child.send(newconn(1), first);
    child.send(newconn(2), second);
    child.send(newconn(3), third);
    child.send({ kind: "abstain-reward/workers", workers: [] }, undefined);
    expect(child.sent).toHaveLength(4); // every message still goes out
    child.emit("internalMessage", ack(1));
    child.emit("exit", null, "SIGKILL");
    // The channel is still being read: an acknowledgement that arrives now still counts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedCounts).toEqual([]);
    child.emit("internalMessage", ack(3));
    child.connected = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([first.closed, second.closed, third.closed]).toEqual([0, 1, 0]);
    expect(closedCounts).toEqual([1]);
  });

  it("closes nothing when every hand-off was acknowledged, and ignores other messages with handles", async () => {
    const { child, closedCounts } = setUp();
    const connection = handle();
    const server = handle();
    child.send({ cmd: "NODE_CLUSTER", ack: 1, errno: null, seq: 0 }, server); // a queryServer reply, not a hand-off
    child.send(newconn(5), connection);
    child.emit("internalMessage", ack(5));
    child.connected = false;
    child.emit("exit", 0, null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([connection.closed, server.closed]).toEqual([0, 0]);
    expect(closedCounts).toEqual([]);
  });
});
