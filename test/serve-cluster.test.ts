// `serve --workers N`: one port shared by N worker processes (node:cluster), health that lists every
// worker, results identical to a single process, a killed worker restarted, and a shutdown that
// drains every worker. Runs the built CLI.
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HealthResponseSchema } from "../src/server/http-protocol.js";
import type { HealthResponse } from "../src/server/http-protocol.js";
import { collect, ensureBuilt, spawnCli, startServer } from "./worker-build.js";

type Started = Awaited<ReturnType<typeof startServer>>;
const RIGHT = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>";
const WRONG = "3 + 4 = 7.\n</thinking>\n<answer>\n\\boxed{7}\n</answer>";
const IDK = "The speed is not given.\n</thinking>\n<answer>\n\\boxed{I don't know.} The speed of the train is not given.\n</answer>";
const IDK_BARE = "Hmm.\n</thinking>\n<answer>\n\\boxed{I don't know.}\n</answer>";

/** A mixed batch whose rewards differ by sample (2, 1, 2 or 1.3, 1.3, 0), with ids to check the order. */
function batch(tag: string, size: number): Record<string, unknown>[] {
  return Array.from({ length: size }, (_unused, index) => {
    const id = `${tag}-${index}`;
    switch (index % 4) {
      case 0:
        return { id, response: RIGHT, answerable: true, goldAnswer: "12" };
      case 1:
        return { id, response: WRONG, answerable: true, goldAnswer: "12" };
      case 2:
        return { id, response: `${IDK} (${index})`, answerable: false, missingFacts: ["the speed of the train"] };
      default:
        return { id, response: index % 8 === 3 ? IDK_BARE : "no tags at all", answerable: false, missingFacts: ["the speed of the train"] };
    }
  });
}

/** POST or GET over a fresh connection (no keep-alive), so cluster hands each request to the next worker. */
function call(url: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${url}${path}`,
      {
        method: text === undefined ? "GET" : "POST",
        agent: false,
        timeout: timeoutMs,
        headers: text === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (part: string) => (data += part));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) as unknown }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(text);
  });
}

const health = async (url: string): Promise<HealthResponse> => HealthResponseSchema.parse((await call(url, "/health")).json);
async function score(url: string, samples: unknown[], timeoutMs?: number): Promise<unknown[]> {
  const { status, json } = await call(url, "/score", { samples }, timeoutMs);
  const results = (json as { results?: unknown }).results;
  if (status !== 200 || !Array.isArray(results)) throw new Error(`POST /score answered ${status}: ${JSON.stringify(json).slice(0, 300)}`);
  return results;
}
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until /health lists every worker as ready, and returns the table. */
function workersReady(url: string, timeoutMs: number): Promise<NonNullable<HealthResponse["workers"]>> {
  return until(
    "every worker ready",
    async () => {
      const workers = (await health(url)).workers;
      return workers?.every((worker) => worker.state === "ready") === true ? workers : undefined;
    },
    timeoutMs,
  );
}

async function stop(server: Started | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (server === undefined || server.child.exitCode !== null) return server?.child.exitCode ?? null;
  server.child.kill(signal);
  return server.out.exited;
}

let cluster: Started | undefined;
let single: Started | undefined;

beforeAll(async () => {
  await ensureBuilt();
  [cluster, single] = await Promise.all([startServer(["--workers", "2"]), startServer(["--workers", "1"])]);
}, 600_000);

afterAll(async () => {
  await Promise.all([stop(cluster), stop(single)]);
});

describe("serve --workers 2", () => {
  it("prints one listening line and lists both workers in /health; fresh connections reach both", async () => {
    const url = cluster?.url ?? "";
    expect(cluster?.out.lines).toHaveLength(1);
    expect(JSON.parse(cluster?.out.lines[0] ?? "{}")).toMatchObject({ listening: true, workers: 2 });
    const seen = new Set<number>();
    let last: HealthResponse | undefined;
    for (let index = 0; index < 8; index += 1) {
      last = await health(url);
      if (last.worker !== undefined) seen.add(last.worker);
    }
    expect([...seen].sort()).toEqual([1, 2]);
    const workers = await workersReady(url, 10_000);
    expect(workers.map((worker) => worker.id)).toEqual([1, 2]);
    expect(new Set(workers.map((worker) => worker.pid)).size).toBe(2);
    expect(workers.every((worker) => worker.pid !== cluster?.child.pid && isAlive(worker.pid))).toBe(true);
  });

  it("--workers 1 is the single process of before: no cluster fields in the listening line or /health", async () => {
    expect(Object.keys(JSON.parse(single?.out.lines[0] ?? "{}") as object)).not.toContain("workers");
    const one = await health(single?.url ?? "");
    expect(one.workers).toBeUndefined();
    expect(one.worker).toBeUndefined();
  });

  it("answers many concurrent requests with exactly the results of a single process, in order", async () => {
    const requests = Array.from({ length: 24 }, (_unused, index) => batch(`q${index}`, 8 + (index % 5) * 16));
    const [fromCluster, fromSingle] = await Promise.all([
      Promise.all(requests.map((samples) => score(cluster?.url ?? "", samples))),
      Promise.all(requests.map((samples) => score(single?.url ?? "", samples))),
    ]);
    expect(fromCluster).toEqual(fromSingle);
    const rewards = fromCluster.flat().map((result) => (result as { reward: number }).reward);
    expect(new Set(rewards)).toEqual(new Set([2, 1, 1.3, 0]));
    for (const [index, results] of fromCluster.entries()) {
      expect(results.map((result) => (result as { id: string }).id)).toEqual(requests[index]?.map((sample) => sample.id));
    }
  }, 120_000);

  // What a client sees: requests the killed worker held fail at once (connection reset; trainers
  // retry), the others are answered, and nothing is answered wrong or left waiting. A connection
  // that was being handed to the worker as it died is closed by the primary (next describe block).
  it("restarts a worker killed mid-batch; every answer given is right, and the server answers afterwards", async () => {
    const url = cluster?.url ?? "";
    const before = await health(url);
    const victim = before.workers?.find((worker) => worker.id === 1);
    expect(victim).toBeDefined();
    const expected = await score(single?.url ?? "", batch("k", 256));
    const inFlight = Array.from({ length: 16 }, () =>
      score(url, batch("k", 256), 15_000).then(
        (results) => ({ results }),
        (error: unknown) => ({ error: String(error) }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    process.kill(victim?.pid ?? 0, "SIGKILL");
    const outcomes = await Promise.all(inFlight);
    const answered = outcomes.filter((outcome): outcome is { results: unknown[] } => "results" in outcome);
    for (const outcome of answered) expect(outcome.results).toEqual(expected);
    expect(answered.length).toBeGreaterThan(0); // the surviving worker kept answering
    const timedOut = outcomes.filter((outcome) => "error" in outcome && outcome.error.includes("no answer within"));
    expect(timedOut).toEqual([]);
    const restarted = await until(
      "slot 1 restarted and ready",
      async () => {
        const table = (await health(url)).workers;
        const slot = table?.find((worker) => worker.id === 1);
        return slot !== undefined && slot.state === "ready" && slot.pid !== victim?.pid && slot.restarts === 1 ? slot : undefined;
      },
      60_000,
    );
    expect(isAlive(restarted.pid)).toBe(true);
    expect(cluster?.out.stderr()).toMatch(
      new RegExp(`worker 1 \\(pid ${victim?.pid ?? 0}\\) ended with signal SIGKILL; restarting it \\(restart 1\\)`),
    );
    const after = await Promise.all(Array.from({ length: 6 }, () => score(url, batch("k", 256))));
    for (const results of after) expect(results).toEqual(expected);
  }, 120_000);
});

/** Socket descriptors a process holds, from /proc (Linux); `undefined` where /proc is missing. */
function socketCount(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/fd`)) return undefined;
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:");
    } catch {
      return false; // closed while listing
    }
  }).length;
}

/**
 * The primary's socket count at rest: the fewest seen over a second of sampling, so a polling
 * connection the primary has not closed yet (a loaded machine closes them late) is not counted in.
 */
async function socketsAtRest(pid: number): Promise<number | undefined> {
  let fewest: number | undefined;
  for (let sample = 0; sample < 10; sample += 1) {
    const count = socketCount(pid);
    if (count === undefined) return undefined;
    fewest = fewest === undefined ? count : Math.min(fewest, count);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return fewest;
}

describe("serve --workers: a worker that dies while a connection is being handed to it", () => {
  // node:cluster's primary accepts each connection and hands it to a worker, closing its own copy
  // only when the worker answers. A stopped worker never answers: the connection handed to it waits
  // in the primary. Killing that worker must close it (the client sees a closed connection at once
  // and can retry) instead of leaving it open in the primary for ever.
  it("every request ends soon after the kill, the unanswered one with a closed connection, and the primary holds no leaked socket", async () => {
    const server = await startServer(["--workers", "2"]);
    try {
      const primary = server.child.pid ?? 0;
      const table = await workersReady(server.url, 30_000);
      const victim = table.find((worker) => worker.id === 1)?.pid ?? 0;
      const atRest = await socketsAtRest(primary);
      process.kill(victim, "SIGSTOP");
      // Fresh connections: the round-robin hands the first one it gives slot 1 over and waits for an
      // answer that never comes; the others go to slot 2.
      const requests = Array.from({ length: 6 }, () =>
        call(server.url, "/health", undefined, 60_000).then(
          (answer) => ({ status: answer.status, endedAt: Date.now() }),
          (error: unknown) => ({ error: String(error), endedAt: Date.now() }),
        ),
      );
      const settled: unknown[] = [];
      for (const each of requests) void each.then((outcome) => settled.push(outcome));
      await until("5 of 6 requests answered by the other worker", async () => (settled.length >= 5 ? true : undefined), 20_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toHaveLength(5); // one connection is held for the stopped worker
      const killedAt = Date.now();
      process.kill(victim, "SIGKILL");
      const outcomes = await Promise.all(requests);
      const failed = outcomes.filter((outcome): outcome is { error: string; endedAt: number } => "error" in outcome);
      expect(outcomes.filter((outcome) => "status" in outcome && outcome.status === 200)).toHaveLength(5);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error).not.toContain("no answer within");
      expect(failed[0]?.error).toMatch(/ECONNRESET|socket hang up/);
      expect((failed[0]?.endedAt ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThan(10_000);
      await until(
        "the primary's note about the closed connection",
        async () =>
          server.out.stderr().includes(`worker 1 (pid ${victim}) died while 1 connection(s) were being handed to it; closed them`)
            ? true
            : undefined,
        10_000,
      );
      await until(
        "slot 1 restarted and ready",
        async () => {
          const slot = (await health(server.url)).workers?.find((worker) => worker.id === 1);
          return slot?.state === "ready" && slot.pid !== victim ? slot : undefined;
        },
        60_000,
      );
      // The restarted worker's channel replaces the dead one's, so the primary is back to (at most) the
      // sockets it held at rest; a leaked connection would keep it above.
      if (atRest !== undefined)
        await until(
          `the primary back to at most its ${atRest} sockets at rest`,
          async () => ((socketCount(primary) ?? Number.POSITIVE_INFINITY) <= atRest ? true : undefined),
          // A leak never settles; a loaded 2-core machine took over 10 s to close the polling connections.
          30_000,
        );
      expect((await score(server.url, batch("after", 8))).map((result) => (result as { id: string }).id)).toEqual(
        batch("after", 8).map((sample) => sample.id),
      );
    } finally {
      await stop(server);
    }
  }, 180_000);
});

describe("serve --workers: shutdown and failures", () => {
  it.each([["SIGTERM"], ["SIGINT"]] as const)(
    "%s: a request in flight is answered, every worker exits, the primary exits 0",
    async (signal) => {
      const server = await startServer(["--workers", "2", "--shutdown-grace-ms", "20000"]);
      const table = await workersReady(server.url, 30_000);
      const big = batch("s", 2048);
      const answer = score(server.url, big);
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.child.kill(signal);
      const results = await answer;
      expect(results).toHaveLength(2048);
      expect(await server.out.exited).toBe(0);
      expect(server.out.stderr()).toContain(`${signal} received, closing 2 worker(s)`);
      expect(table.filter((worker) => isAlive(worker.pid))).toEqual([]);
    },
    120_000,
  );

  it("the primary SIGKILLed: its workers notice the closed channel, drain and exit (no orphans)", async () => {
    const server = await startServer(["--workers", "2"]);
    const table = await workersReady(server.url, 30_000);
    server.child.kill("SIGKILL");
    await server.out.exited;
    await until("every worker gone", async () => (table.some((worker) => isAlive(worker.pid)) ? undefined : true), 30_000);
  }, 90_000);

  it.each([["0"], ["abc"], ["1.5"]])("--workers %s exits 2 before starting anything", async (value) => {
    const child = spawnCli(["serve", "--port", "0", "--workers", value]);
    const out = collect(child);
    expect(await out.exited).toBe(2);
    expect(out.lines.join("")).toBe("");
    expect(out.stderr()).toContain(`--workers must be an integer ≥ 1, got "${value}"; write it as plain digits`);
  });

  it("a port in use: exit 2 and the sentence once, not once per worker", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawnCli(["serve", "--port", String(port), "--workers", "2"]);
      const out = collect(child);
      expect(await out.exited).toBe(2);
      expect(out.lines.join("")).toBe("");
      const sentence = `Port ${port} on 127.0.0.1 is already in use; stop the process that holds it or pick another port with --port (0 picks a free one).`;
      expect(out.stderr().split(sentence).length - 1).toBe(1);
      expect(out.stderr()).not.toMatch(/\n\s+at |EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  it("workers that cannot load their model: the first error once and a non-zero exit", async () => {
    const child = spawnCli(["serve", "--port", "0", "--workers", "2", "--embedding-model", "/nonexistent/model-folder"]);
    const out = collect(child);
    const code = await out.exited;
    expect(code).not.toBe(0);
    expect(out.lines.join("")).toBe("");
    const errors = out
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("abstain-reward: ") && line.includes("/nonexistent/model-folder"));
    expect(errors).toHaveLength(1);
  }, 60_000);
});
