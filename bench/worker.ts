/**
 * The worker pipe and the HTTP server, measured through the built CLI exactly as a trainer uses them:
 * answerable-only samples/s, and round-trip latency p50/p99 of single requests and of batches of 256
 * (mixed answerable / unanswerable, the unanswerable ones with clarifications for the verifier).
 * "Added" latency is the round trip minus the same scoring done in-process.
 *
 *   npm run build && npx tsx bench/worker.ts [--write]
 *   # prints the results; with --write also writes bench/results/worker.json, bench/results/worker.md
 *   # and the "Worker and HTTP" section of docs/performance.md
 *
 * Samples come from ../shared/data/abstain-test-sum.dev.jsonl when present (real gold answers and
 * reference clarifications), else are generated.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { writePerformanceSection } from "./lib/performance-doc.js";
import { loadRewarder } from "../src/models/load-rewarder.js";
import type { Sample } from "../src/types.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = process.env.ABSTAIN_REWARD_BENCH_CLI ?? join(ROOT, "dist", "cli.js");
const DATA = resolve(ROOT, "..", "shared", "data", "abstain-test-sum.dev.jsonl");
const TARGET_SAMPLES_PER_S = 20_000;
const TARGET_ADDED_P50_MS = 1;
const POOL = 16_384;
type Json = Record<string, unknown>;

// ---------------------------------------------------------------- samples

function corpus(): { answerable: Sample[]; unanswerable: Sample[]; source: string } {
  const rows = existsSync(DATA)
    ? readFileSync(DATA, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Json)
    : [];
  const think = "Let me work through the problem step by step and check the result.\n</thinking>\n<answer>\n";
  if (rows.length >= 50) {
    // POOL distinct responses (a GRPO batch has no two identical rollouts), cycling over the real rows.
    const answerable = Array.from({ length: POOL }, (_unused, index): Sample => {
      const row = rows[index % rows.length] ?? {};
      const gold = String(row.ground_truth);
      const boxed = index % 2 === 0 ? gold : String(index % 97);
      return { response: `Attempt ${index}. ${think}The answer is \\boxed{${boxed}}.\n</answer>`, answerable: true, goldAnswer: gold };
    });
    const unanswerable = Array.from({ length: POOL }, (_unused, index): Sample => {
      const row = rows[index % rows.length] ?? {};
      const clarification = String(row.clarification ?? "Information is missing.");
      const first = clarification.split(/(?<=\.)\s/)[0] ?? clarification;
      return {
        response: `Attempt ${index}. ${think}\\boxed{I don't know.} ${first} (Case ${index}.)\n</answer>`,
        answerable: false,
        referenceClarification: clarification,
        question: String(row.unanswerable_question ?? ""),
      };
    });
    return {
      answerable,
      unanswerable,
      source: "../shared/data/abstain-test-sum.dev.jsonl (gold answers and reference clarifications; responses made distinct)",
    };
  }
  const answerable = Array.from(
    { length: POOL },
    (_unused, index): Sample => ({
      response: `${think}\\boxed{${index % 3 === 0 ? index + 1 : index}}\n</answer>`,
      answerable: true,
      goldAnswer: String(index),
    }),
  );
  const unanswerable = Array.from(
    { length: POOL },
    (_unused, index): Sample => ({
      response: `${think}\\boxed{I don't know.} The speed of train ${index} is not given.\n</answer>`,
      answerable: false,
      missingFacts: [`the speed of train ${index}`],
    }),
  );
  return { answerable, unanswerable, source: "generated" };
}

const pick = <T>(pool: readonly T[], index: number): T => pool[index % pool.length] as T;

// ---------------------------------------------------------------- clients

interface PipeClient {
  send(body: Json): Promise<Json>;
  close(): Promise<void>;
}

function startWorker(): Promise<PipeClient> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, "worker"], { stdio: "pipe" });
  child.stderr.resume();
  const waiting = new Map<number, (value: Json) => void>();
  let nextId = 0;
  let partial = "";
  return new Promise((resolveReady, rejectReady) => {
    child.on("exit", (code) => rejectReady(new Error(`worker exited with ${String(code)} before ready`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const message = JSON.parse(line) as Json;
        if (message.ready === true) {
          resolveReady(client);
          continue;
        }
        const id = message.id as number;
        waiting.get(id)?.(message);
        waiting.delete(id);
      }
    });
    let draining: Promise<void> | null = null;
    const client: PipeClient = {
      send(body) {
        const id = nextId++;
        const answer = new Promise<Json>((resolve) => waiting.set(id, resolve));
        const write = (): void => {
          if (!child.stdin.write(`${JSON.stringify({ id, ...body })}\n`)) {
            draining ??= new Promise<void>((resolve) =>
              child.stdin.once("drain", () => {
                draining = null;
                resolve();
              }),
            );
          }
        };
        if (draining !== null) void draining.then(write);
        else write();
        return answer;
      },
      async close() {
        child.stdin.end();
        await new Promise((resolve) => child.once("close", resolve));
      },
    };
  });
}

interface HttpClient {
  post(path: string, body: unknown): Promise<Json>;
  close(): Promise<void>;
}

function startServer(): Promise<HttpClient> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0"], { stdio: "pipe" });
  child.stderr.resume();
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return new Promise((resolveReady) => {
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (chunk: string) => {
      const { url } = JSON.parse(chunk.split("\n")[0] ?? "{}") as { url: string };
      resolveReady({
        post(path, body) {
          const text = JSON.stringify(body);
          return new Promise<Json>((resolve, reject) => {
            const req = request(
              `${url}${path}`,
              { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) } },
              (res) => {
                let data = "";
                res.setEncoding("utf8");
                res.on("data", (part: string) => (data += part));
                res.on("end", () => resolve(JSON.parse(data) as Json));
              },
            );
            req.on("error", reject);
            req.end(text);
          });
        },
        async close() {
          agent.destroy();
          child.kill("SIGTERM");
          await new Promise((resolve) => child.once("close", resolve));
        },
      });
    });
  });
}

// ---------------------------------------------------------------- measurement

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Interleaved round trips: each iteration calls every variant once, so all see the same machine
 * load (the box is shared); "added" is the median of the per-iteration differences to the baseline.
 */
async function pairedLatencies<K extends string>(
  count: number,
  variants: Record<K, (index: number) => Promise<unknown>>,
  baseline: NoInfer<K>,
): Promise<Record<K, { p50: number; p99: number; addedP50: number }>> {
  const names = Object.keys(variants) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let index = -Math.min(50, count); index < count; index += 1) {
    for (const name of names) {
      const start = performance.now();
      await variants[name](Math.abs(index));
      if (index >= 0) times[name].push(performance.now() - start);
    }
  }
  const base = times[baseline];
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        p50: percentile(times[name], 50),
        p99: percentile(times[name], 99),
        addedP50: percentile(
          times[name].map((time, index) => time - (base[index] ?? 0)),
          50,
        ),
      },
    ]),
  ) as Record<K, { p50: number; p99: number; addedP50: number }>;
}

async function throughput(
  total: number,
  batch: number,
  concurrency: number,
  send: (samples: Sample[]) => Promise<unknown>,
  pool: readonly Sample[],
): Promise<number> {
  const batches = Array.from({ length: Math.ceil(total / batch) }, (_unused, index) =>
    Array.from({ length: batch }, (_none, k) => pick(pool, index * batch + k)),
  );
  await Promise.all(batches.slice(0, 4).map(send)); // warm-up
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const mine = batches[next++];
        if (mine !== undefined) await send(mine);
      }
    }),
  );
  return (batches.length * batch) / ((performance.now() - start) / 1000);
}

/** Best of `rounds` runs of each variant, alternating, so a burst of load elsewhere hits one run, not one variant. */
async function bestThroughput<K extends string>(rounds: number, variants: Record<K, () => Promise<number>>): Promise<Record<K, number>> {
  const best = Object.fromEntries(Object.keys(variants).map((name) => [name, 0])) as Record<K, number>;
  for (let round = 0; round < rounds; round += 1) {
    for (const name of Object.keys(variants) as K[]) best[name] = Math.max(best[name], await variants[name]());
  }
  return best;
}

const mixed = (answerable: readonly Sample[], unanswerable: readonly Sample[], index: number): Sample[] =>
  Array.from({ length: 256 }, (_unused, k) => (k % 2 === 0 ? pick(answerable, index * 128 + k) : pick(unanswerable, index * 128 + k)));

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run \`npm run build\` first.`);
  const { answerable, unanswerable, source } = corpus();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const rewarder = await loadRewarder({ log: () => undefined });
  const worker = await startWorker();
  const server = await startServer();
  const local = (samples: Sample[]): Promise<unknown> => rewarder.scoreBatch(samples);
  const pipe = (samples: Sample[]): Promise<unknown> => worker.send({ samples });
  const http = (samples: Sample[]): Promise<unknown> => server.post("/score", { samples });

  log("throughput, answerable samples in batches of 256 …");
  const batch256 = await bestThroughput(3, {
    inProcess: () => throughput(51_200, 256, 1, local, answerable),
    pipe: () => throughput(51_200, 256, 4, pipe, answerable),
    http: () => throughput(51_200, 256, 4, http, answerable),
  });
  log("throughput, answerable samples one per request …");
  const single = await bestThroughput(3, {
    pipe: () => throughput(20_000, 1, 512, ([sample]) => worker.send({ sample }), answerable),
    http: () => throughput(10_000, 1, 64, http, answerable),
  });
  log("latency, single requests …");
  const singleLatency = await pairedLatencies(
    2000,
    {
      inProcess: (index) => local([pick(answerable, index)]),
      pipe: (index) => worker.send({ sample: pick(answerable, index) }),
      http: (index) => http([pick(answerable, index)]),
    },
    "inProcess",
  );
  log("latency, mixed batches of 256 …");
  const batchLatency = await pairedLatencies(
    60,
    {
      inProcess: (index) => local(mixed(answerable, unanswerable, index)),
      pipe: (index) => pipe(mixed(answerable, unanswerable, index)),
      http: (index) => http(mixed(answerable, unanswerable, index)),
    },
    "inProcess",
  );
  await Promise.all([worker.close(), server.close(), rewarder.dispose()]);

  const ms = (value: { p50: number; p99: number }): { p50: number; p99: number } => ({ p50: round(value.p50), p99: round(value.p99) });
  const transport = (name: "pipe" | "http") => ({
    answerableSamplesPerS: { batch256: Math.round(batch256[name]), single: Math.round(single[name]) },
    roundTripMs: { single: ms(singleLatency[name]), batch256Mixed: ms(batchLatency[name]) },
    addedP50Ms: { single: round(singleLatency[name].addedP50), batch256Mixed: round(batchLatency[name].addedP50) },
  });
  const results = {
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), node: process.version, loadAverageAtStart: loadAtStart },
    samples: source,
    targets: { pipeAnswerableSamplesPerS: TARGET_SAMPLES_PER_S, addedP50Ms: TARGET_ADDED_P50_MS },
    inProcess: {
      answerableSamplesPerS: { batch256: Math.round(batch256.inProcess) },
      roundTripMs: { single: ms(singleLatency.inProcess), batch256Mixed: ms(batchLatency.inProcess) },
    },
    transports: { pipe: transport("pipe"), http: transport("http") },
    meets: {
      pipeThroughput: batch256.pipe >= TARGET_SAMPLES_PER_S,
      pipeAddedP50: singleLatency.pipe.addedP50 < TARGET_ADDED_P50_MS,
    },
  };
  const section = markdown(results);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (!process.argv.slice(2).includes("--write")) {
    process.stdout.write("Not written (pass --write to update bench/results/worker.* and docs/performance.md).\n");
    return;
  }
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results", "worker.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, "bench", "results", "worker.md"), `# Worker and HTTP benchmark\n\n${section}`);
  writePerformanceSection("## Worker and HTTP", section);
}

type Results = {
  machine: { cpu: string; cores: number; node: string; loadAverageAtStart: number };
  samples: string;
  inProcess: { answerableSamplesPerS: { batch256: number }; roundTripMs: Record<string, { p50: number; p99: number }> };
  transports: Record<
    string,
    {
      answerableSamplesPerS: { batch256: number; single: number };
      roundTripMs: Record<string, { p50: number; p99: number }>;
      addedP50Ms: Record<string, number>;
    }
  >;
  meets: { pipeThroughput: boolean; pipeAddedP50: boolean };
};

function markdown(results: Results): string {
  const row = (name: string): string => {
    const t = results.transports[name];
    if (t === undefined) return "";
    const rt = t.roundTripMs;
    return `| ${name} | ${t.answerableSamplesPerS.batch256.toLocaleString("en-US")} | ${t.answerableSamplesPerS.single.toLocaleString("en-US")} | ${rt.single?.p50} / ${rt.single?.p99} | ${t.addedP50Ms.single} | ${rt.batch256Mixed?.p50} / ${rt.batch256Mixed?.p99} | ${t.addedP50Ms.batch256Mixed} |`;
  };
  const base = results.inProcess.roundTripMs;
  return [
    `Measured by \`npx tsx bench/worker.ts\` (after \`npm run build\`) through the built CLI: \`abstain-reward worker\` over`,
    `stdin/stdout pipes and \`abstain-reward serve\` over HTTP on 127.0.0.1 (keep-alive), default options (offline`,
    `embedding verifier). Machine: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart} at start (a shared machine: rows move by tens of`,
    `percent between runs). Samples: ${results.samples}.`,
    "",
    "| transport | answerable samples/s, batches of 256 | answerable samples/s, single requests | single request p50 / p99 ms | added p50 ms | batch of 256 mixed p50 / p99 ms | added p50 ms |",
    "|---|---:|---:|---:|---:|---:|---:|",
    row("pipe"),
    row("http"),
    `| in-process \`scoreBatch\` (baseline) | ${results.inProcess.answerableSamplesPerS.batch256.toLocaleString("en-US")} | | ${base.single?.p50} / ${base.single?.p99} | | ${base.batch256Mixed?.p50} / ${base.batch256Mixed?.p99} | |`,
    "",
    `Targets: ≥ 20,000 answerable samples/s through the pipe (${results.meets.pipeThroughput ? "met" : "**not met**"}); p50 added latency < 1 ms per request (${results.meets.pipeAddedP50 ? "met" : "**not met**"}).`,
    "Latency runs send one request at a time and interleave in-process, pipe and HTTP calls so all three see the same load;",
    '"added" is the median of the per-call differences to the in-process call. Throughput runs keep many requests in flight',
    "(4 batches of 256; 512 single requests on the pipe, 64 on HTTP) and report the best of 3 alternating rounds. Batches of 256",
    "are half answerable, half unanswerable with a clarification the verifier checks. The pipe's throughput is bounded by the",
    "scorer itself (compare the in-process row); the transport adds microseconds. Raw numbers: `bench/results/worker.json`.",
    "",
  ].join("\n");
}

await main();
