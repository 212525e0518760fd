import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createRequestHandler } from "../src/worker/handle-request.js";
import type { RequestHandler } from "../src/worker/handle-request.js";
import { runStdioWorker } from "../src/worker/stdio-transport.js";
import type { StdioWorkerOptions } from "../src/worker/stdio-transport.js";
import { ANSWERABLE, UNANSWERABLE, fakeRewarder } from "./worker-fixtures.js";

const READY = { ready: true as const, version: "test", models: [], device: "cpu" };

function start(overrides: Partial<StdioWorkerOptions> & { handler?: RequestHandler } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  let buffered = "";
  output.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  const handler = overrides.handler ?? createRequestHandler(fakeRewarder());
  const done = runStdioWorker({ input, output, handler, ready: READY, ...overrides });
  return { input, output, lines, done };
}

const request = (id: string | number, sample = ANSWERABLE(String(id), "12", "12")): string => `${JSON.stringify({ id, sample })}\n`;

describe("runStdioWorker", () => {
  it("writes the ready line first, answers each request line once, and ends at EOF", async () => {
    const { input, lines, done } = start();
    input.write(request("a"));
    input.write(`${request("b").trimEnd()}\r\n`);
    input.write("oops\n\n");
    input.end(JSON.stringify({ id: "c", samples: [UNANSWERABLE("u")] })); // last line, no newline
    const summary = await done;
    expect(lines[0]).toEqual(READY);
    expect(lines.slice(1)).toHaveLength(4);
    expect(
      lines
        .slice(1)
        .map((line) => line.id)
        .sort(),
    ).toEqual(["a", "b", "c", null].sort());
    expect(summary).toEqual({ requests: 4, errors: 1, stoppedBy: "eof" });
  });

  it("answers an oversized line with line_too_long (id recovered) and keeps going", async () => {
    const { input, lines, done } = start({ maxLineBytes: 1000 });
    const big = JSON.stringify({ id: "big", sample: { ...ANSWERABLE("x", "1", "1"), response: "y".repeat(5000) } });
    input.write(`${big}\n`);
    input.end(request("after"));
    await done;
    expect(lines.slice(1)).toEqual([
      { id: "big", error: { code: "line_too_long", message: expect.stringContaining("exceeds the limit of 1000 bytes") } },
      expect.objectContaining({ id: "after", result: expect.objectContaining({ reward: 2 }) }),
    ]);
  });

  it("on abort stops reading, answers what was already read, and resolves", async () => {
    const stop = new AbortController();
    const { input, lines, done } = start({ signal: stop.signal, handler: createRequestHandler(fakeRewarder(20)) });
    input.write(request(1));
    input.write(request(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    input.write(request(3));
    const summary = await done;
    expect(summary.stoppedBy).toBe("abort");
    expect(lines.slice(1).map((line) => line.id)).toEqual([1, 2]);
  });

  it("resolves at once when aborted before it started reading", async () => {
    const stop = new AbortController();
    stop.abort();
    const { lines, done } = start({ signal: stop.signal });
    expect((await done).stoppedBy).toBe("abort");
    expect(lines).toEqual([READY]);
  });

  it("pauses input while the output is congested, then delivers everything", async () => {
    const input = new PassThrough();
    const received: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const output = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString("utf8"));
        void gate.then(() => callback());
      },
    });
    const done = runStdioWorker({ input, output, handler: createRequestHandler(fakeRewarder()), ready: READY });
    for (let index = 0; index < 200; index += 1) input.write(request(index));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(input.isPaused()).toBe(true);
    release();
    input.end();
    const summary = await done;
    expect(summary.requests).toBe(200);
    expect(received.join("").trim().split("\n")).toHaveLength(201);
  });

  it("pauses input while too many requests are pending", async () => {
    const handler = createRequestHandler(fakeRewarder(10));
    let peak = 0;
    const tracked: RequestHandler = {
      ...handler,
      get pending() {
        return handler.pending;
      },
      handleLine(text) {
        const response = handler.handleLine(text);
        peak = Math.max(peak, handler.pending);
        return response;
      },
    };
    const { input, lines, done } = start({ handler: tracked, maxPendingRequests: 5 });
    for (let index = 0; index < 60; index += 1) {
      input.write(request(index));
      await new Promise((resolve) => setImmediate(resolve));
    }
    input.end();
    await done;
    expect(lines).toHaveLength(61);
    expect(peak).toBeLessThanOrEqual(10);
  });

  it("stops when the output fails (the reader went away)", async () => {
    const { input, output, done } = start({ handler: createRequestHandler(fakeRewarder(5)) });
    input.write(request(1));
    output.destroy(new Error("EPIPE"));
    const summary = await done;
    expect(summary.stoppedBy).toBe("output-error");
    input.end();
  });

  it("answers 10,000 mixed lines exactly once each", async () => {
    const { input, lines, done } = start();
    const expected = new Map<string, number>();
    let bad = 0;
    let text = "";
    for (let index = 0; index < 10_000; index += 1) {
      if (index % 10 === 3) {
        text += `{"broken": ${index}\n`;
        bad += 1;
      } else {
        const correct = index % 2 === 0;
        expected.set(`r${index}`, correct ? 2 : 1);
        text += request(`r${index}`, ANSWERABLE(`s${index}`, "12", correct ? "12" : "13"));
      }
      if (text.length > 60_000) {
        input.write(text);
        text = "";
      }
    }
    input.end(text);
    await done;
    const answers = lines.slice(1);
    expect(answers).toHaveLength(10_000);
    const errors = answers.filter((line) => "error" in line);
    expect(errors).toHaveLength(bad);
    const seen = new Map<string, number>();
    for (const line of answers) {
      if ("result" in line) seen.set(String(line.id), (line.result as { reward: number }).reward);
    }
    expect(seen).toEqual(expected);
  });
});
