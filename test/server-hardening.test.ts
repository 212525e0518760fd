// The HTTP server under hostile or careless clients: huge requests, trickled bodies, browser-style
// posts, foreign Host headers, aborts. Each case failed before the server was hardened.
import { connect } from "node:net";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeRewardServer, createRewardServer } from "../src/server/create-reward-server.js";
import type { RewardServerOptions } from "../src/server/create-reward-server.js";
import { createRequestHandler } from "../src/worker/handle-request.js";
import { ANSWERABLE, fakeRewarder } from "./worker-fixtures.js";

interface Running {
  server: Server;
  port: number;
  base: string;
  logs: string[];
}

const running: Server[] = [];

async function start(options: Partial<RewardServerOptions> = {}, delayMs = 0): Promise<Running> {
  const rewarder = fakeRewarder(delayMs);
  const logs: string[] = [];
  const server = createRewardServer({
    handler: createRequestHandler(rewarder),
    rewardOptions: rewarder.options,
    describe: () => ({ version: "test", models: [], device: "cpu", verifier: null }),
    log: (line) => logs.push(line),
    ...options,
  });
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, base: `http://127.0.0.1:${port}`, logs };
}

afterEach(async () => {
  for (const server of running.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Sends raw HTTP over a socket and returns the status line (or "closed" if the server hung up). */
function raw(port: number, text: string, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer within ${waitMs} ms`);
    }, waitMs);
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(data.split("\r\n")[0] || "closed");
    });
    socket.on("error", () => undefined);
  });
}

const samples = (count: number, prefix = "s"): unknown[] => Array.from({ length: count }, (_, i) => ANSWERABLE(`${prefix}${i}`, "1", "1"));
const json = { "content-type": "application/json" };

describe("request size", () => {
  it("answers 413 too_many_samples past --max-request-samples, on both routes", async () => {
    const { base, logs } = await start({ maxRequestSamples: 10 });
    const score = await fetch(`${base}/score`, { method: "POST", headers: json, body: JSON.stringify({ samples: samples(11) }) });
    expect(score.status).toBe(413);
    expect(await score.json()).toMatchObject({
      error: { code: "too_many_samples", message: expect.stringMatching(/11 samples, more than the limit of 10/) },
    });
    const queries = Array.from({ length: 11 }, () => "p r");
    const labels = Array.from({ length: 11 }, () => '{"answerable":true,"goldAnswer":"1"}');
    const getReward = await fetch(`${base}/get_reward`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ query: queries, prompts: queries.map(() => "p "), labels }),
    });
    expect(getReward.status).toBe(413);
    const ok = await fetch(`${base}/score`, { method: "POST", headers: json, body: JSON.stringify({ samples: samples(10) }) });
    expect(ok.status).toBe(200);
    expect(logs.filter((line) => line.startsWith("413 POST"))).toHaveLength(2);
  });

  it("scores a large request in slices, so a small request sent after it is answered first", async () => {
    const { base } = await start({ maxRequestSamples: 5_000 }, 40);
    const order: string[] = [];
    const big = fetch(`${base}/score`, { method: "POST", headers: json, body: JSON.stringify({ samples: samples(4_000, "big") }) }).then(
      async (response) => {
        order.push("big");
        return ((await response.json()) as { results: { id: string }[] }).results;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    const small = fetch(`${base}/score`, { method: "POST", headers: json, body: JSON.stringify({ samples: samples(1, "small") }) }).then(
      () => order.push("small"),
    );
    const [results] = await Promise.all([big, small]);
    expect(order).toEqual(["small", "big"]);
    expect(results.map((result) => result.id)).toEqual(samples(4_000, "big").map((sample) => (sample as { id: string }).id));
  }, 30_000);
});

describe("browser and DNS-rebinding guards", () => {
  it.each([
    ["text/plain", 415],
    ["application/x-www-form-urlencoded", 415],
    ["multipart/form-data; boundary=x", 415],
    [undefined, 415],
    ["application/json; charset=utf-8", 200],
  ])("POST with Content-Type %s → %d", async (type, status) => {
    const { base } = await start();
    const headers: Record<string, string> = type === undefined ? {} : { "content-type": type };
    const response = await fetch(`${base}/score`, {
      method: "POST",
      headers,
      body: new TextEncoder().encode(JSON.stringify({ samples: samples(1) })),
    });
    expect(response.status).toBe(status);
    if (status === 415) expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
  });

  it("serves an HTTP/1.0 request without a Host header (browsers always send one)", async () => {
    const { port } = await start();
    expect(await raw(port, "GET /health HTTP/1.0\r\n\r\n")).toBe("HTTP/1.1 200 OK");
  });

  it.each([
    ["evil.example", [], "HTTP/1.1 403 Forbidden"],
    ["127.0.0.1.evil.example:PORT", [], "HTTP/1.1 403 Forbidden"],
    ["[::1]:PORT", [], "HTTP/1.1 200 OK"],
    ["evil.example:PORT", [], "HTTP/1.1 403 Forbidden"],
    ["127.0.0.1:PORT", [], "HTTP/1.1 200 OK"],
    ["localhost:PORT", [], "HTTP/1.1 200 OK"],
    ["rm.cluster.local:PORT", ["rm.cluster.local"], "HTTP/1.1 200 OK"],
    ["anything.example", ["*"], "HTTP/1.1 200 OK"],
  ])("Host %s with allowedHosts %j → %s", async (host, allowedHosts, status) => {
    const { port } = await start({ allowedHosts });
    const line = await raw(port, `GET /health HTTP/1.1\r\nHost: ${host.replace("PORT", String(port))}\r\nConnection: close\r\n\r\n`);
    expect(line).toBe(status);
  });
});

describe("slow and vanishing clients", () => {
  it("closes a connection whose body trickles in past the request timeout", async () => {
    const { port } = await start({ requestTimeoutMs: 600, headersTimeoutMs: 600 });
    const started = Date.now();
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.write(`POST /score HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const trickle = setInterval(() => socket.write("{"), 200);
    await new Promise((resolve) => socket.on("close", resolve));
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it("shuts down within the grace period while a client trickles a body", async () => {
    const { server, port } = await start();
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.write(`POST /score HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const trickle = setInterval(() => socket.write(" "), 100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = Date.now();
    await closeRewardServer(server, 300);
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.listening).toBe(false);
  }, 20_000);

  it("answers a request in flight during shutdown", async () => {
    const { server, base } = await start({}, 200);
    const pending = fetch(`${base}/score`, { method: "POST", headers: json, body: JSON.stringify({ samples: samples(2) }) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = closeRewardServer(server, 5_000);
    expect((await pending).status).toBe(200);
    await closing;
  });

  it("logs a client abort as one line without a stack, never as an internal error", async () => {
    const { port, logs } = await start({}, 0);
    for (let i = 0; i < 20; i += 1) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(
            `POST /score HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"samples":[`,
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 20);
        });
        socket.on("error", () => undefined);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logs.length).toBeLessThanOrEqual(20);
    expect(logs.join("\n")).not.toMatch(/internal error|\n\s+at /);
  });

  it("writes every 4xx reason to the log as one line", async () => {
    const { base, logs } = await start();
    await fetch(`${base}/score`, { method: "POST", headers: json, body: "{nope" });
    await fetch(`${base}/score`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ samples: [{ response: "x", answerable: true, gold_answer: "1" }] }),
    });
    await fetch(`${base}/nowhere`);
    expect(logs).toEqual([
      expect.stringMatching(/^400 POST \/score: The body is not valid JSON/),
      expect.stringMatching(/^400 POST \/score: Invalid sample input .*did you mean "goldAnswer"/),
      expect.stringMatching(/^404 GET \/nowhere: No route/),
    ]);
    for (const line of logs) expect(line).not.toContain("\n");
  });
});
