/**
 * Scaling out on one node: samples/s with 1, 2, … worker processes, through the pipe (N
 * `abstain-reward worker` processes, a batch cut into pieces of 256 that go to whichever worker is
 * free, two pieces in flight per worker — what the Python `RewardPool` does) and over HTTP
 * (`abstain-reward serve --workers N`, 2 keep-alive connections per worker), for an answerable mix
 * and an unanswerable mix (abstentions whose clarifications the embedding verifier checks). Prints a
 * table with the speed-up over one worker; with `--write` also writes bench/results/scaling.json,
 * bench/results/scaling.md and the "Scaling out" section of docs/performance.md.
 *
 *   npm run build && npx tsx bench/scaling.ts [--workers 1,2] [--rounds 3] [--threads auto|ort|N] [--write]
 *
 * `--threads auto` (the default) gives each of N workers its share of the cores (`--threads
 * cores/N`, what `serve --workers N` and `RewardPool` do); `ort` leaves ONNX Runtime's default
 * (every core per worker), to compare.
 *
 * Requests are encoded before the clock starts and answers are only checked (one result per sample,
 * no error), not parsed, so the bench's own process costs little CPU: on a machine with as many
 * cores as workers it still shares them, which caps the speed-up a little below N.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { writePerformanceSection } from "./lib/performance-doc.js";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = process.env.ABSTAIN_REWARD_BENCH_CLI ?? join(ROOT, "dist", "cli.js");
const DATA = resolve(ROOT, "..", "shared", "data", "abstain-test-sum.dev.jsonl");
const PIECE = 256;
const IN_FLIGHT = 2;
const TARGET_TWO_WORKERS = 1.7;
const MIXES = ["answerable", "unanswerable"] as const;
type Mix = (typeof MIXES)[number];
type Json = Record<string, unknown>;

const { values: flags } = parseArgs({
  options: {
    workers: { type: "string" },
    rounds: { type: "string" },
    threads: { type: "string" },
    "answerable-samples": { type: "string" },
    "unanswerable-samples": { type: "string" },
    write: { type: "boolean" },
  },
});
const COUNTS = (flags.workers ?? Array.from({ length: availableParallelism() }, (_unused, index) => index + 1).join(","))
  .split(",")
  .map(Number);
if (!COUNTS.every((count) => Number.isInteger(count) && count >= 1) || !COUNTS.includes(1)) {
  throw new Error(`--workers must be a comma-separated list of whole numbers including 1 (the baseline), got "${flags.workers ?? ""}".`);
}
const ROUNDS = Number(flags.rounds ?? 3);
const THREADS = flags.threads ?? "auto";
if (!(THREADS === "auto" || THREADS === "ort" || /^[1-9]\d*$/.test(THREADS)))
  throw new Error(`--threads must be auto, ort or a whole number ≥ 1, got "${THREADS}".`);
/** The worker flags that set model threads for N workers. */
function threadArgs(workers: number): string[] {
  if (THREADS === "ort") return [];
  return ["--threads", THREADS === "auto" ? String(Math.max(1, Math.floor(availableParallelism() / workers))) : THREADS];
}
const SAMPLES: Record<Mix, number> = {
  answerable: Number(flags["answerable-samples"] ?? 32_768),
  unanswerable: Number(flags["unanswerable-samples"] ?? 8_192),
};

// ---------------------------------------------------------------- samples

const rows: Json[] = existsSync(DATA)
  ? readFileSync(DATA, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Json)
  : [];
const SOURCE =
  rows.length >= 50
    ? "../shared/data/abstain-test-sum.dev.jsonl (gold answers and reference clarifications; responses made distinct)"
    : "generated";
const THINK = "Let me work through the problem step by step and check the result.\n</thinking>\n<answer>\n";

/** Distinct samples for one measurement (`tag` differs per run, so no run reuses another's cached embeddings). */
function samplesFor(mix: Mix, count: number, tag: string): Json[] {
  return Array.from({ length: count }, (_unused, index): Json => {
    const row = rows.length > 0 ? (rows[index % rows.length] ?? {}) : {};
    if (mix === "answerable") {
      const gold = rows.length > 0 ? String(row.ground_truth) : String(index % 1000);
      return {
        response: `Attempt ${tag}-${index}. ${THINK}The answer is \\boxed{${index % 2 === 0 ? gold : String(index % 97)}}.\n</answer>`,
        answerable: true,
        goldAnswer: gold,
      };
    }
    const clarification =
      rows.length > 0 ? String(row.clarification ?? "Information is missing.") : `The speed of train ${index % 500} is not given.`;
    const first = clarification.split(/(?<=\.)\s/)[0] ?? clarification;
    return {
      response: `Attempt ${tag}-${index}. ${THINK}\\boxed{I don't know.} ${first} (Case ${tag}-${index}.)\n</answer>`,
      answerable: false,
      referenceClarification: clarification,
      ...(rows.length > 0 ? { question: String(row.unanswerable_question ?? "") } : {}),
    };
  });
}

function pieces(samples: Json[]): Json[][] {
  return Array.from({ length: Math.ceil(samples.length / PIECE) }, (_unused, index) => samples.slice(index * PIECE, (index + 1) * PIECE));
}

/** An answer is checked, not parsed: one `{"reward":` per sample and no error. */
function check(text: string, expected: number): void {
  const count = text.split('{"reward":').length - 1;
  if (count !== expected || text.includes('"error":{'))
    throw new Error(`Expected ${expected} results, got ${count}: ${text.slice(0, 300)}`);
}

/**
 * CPU seconds (user + system) the processes have used so far, from /proc (Linux; `null` elsewhere).
 * Samples per CPU-second is what one core gives when a worker has it to itself: it moves less than
 * samples/s while other jobs load the machine (their contention still raises CPU time per sample).
 */
function cpuSeconds(pids: readonly number[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

// ---------------------------------------------------------------- the pipe: N worker processes

class PipeWorker {
  private readonly waiting = new Map<number, (line: string) => void>();
  private partial = "";
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static start(args: readonly string[]): Promise<PipeWorker> {
    const child = spawn(process.execPath, [CLI, "worker", ...args], { stdio: "pipe" });
    child.stderr.resume();
    const worker = new PipeWorker(child);
    return new Promise((resolveReady, rejectReady) => {
      child.once("exit", (code) => rejectReady(new Error(`A worker exited with ${String(code)} before it was ready.`)));
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        const lines = (worker.partial + chunk).split("\n");
        worker.partial = lines.pop() ?? "";
        for (const line of lines) {
          if (line.startsWith('{"ready":true')) {
            resolveReady(worker);
            continue;
          }
          const id = Number(/^\{"id":(\d+)/.exec(line)?.[1] ?? Number.NaN);
          worker.waiting.get(id)?.(line);
          worker.waiting.delete(id);
        }
      });
    });
  }

  send(id: number, line: string): Promise<string> {
    const answer = new Promise<string>((resolveLine) => this.waiting.set(id, resolveLine));
    this.child.stdin.write(line);
    return answer;
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await new Promise((resolveClose) => this.child.once("close", resolveClose));
  }
}

let nextId = 0;
/** Encoded pieces: request lines for the pipe, bodies for HTTP. */
function encodePipe(batch: Json[][]): { id: number; line: string; size: number }[] {
  return batch.map((samples) => {
    const id = nextId++;
    return { id, line: `${JSON.stringify({ id, samples })}\n`, size: samples.length };
  });
}

/** Hands pieces to whichever worker has a free slot (IN_FLIGHT per worker); resolves with the seconds taken. */
async function runPipe(workers: readonly PipeWorker[], encoded: { id: number; line: string; size: number }[]): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    workers.flatMap((worker) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < encoded.length) {
          const piece = encoded[next++];
          if (piece !== undefined) check(await worker.send(piece.id, piece.line), piece.size);
        }
      }),
    ),
  );
  return (performance.now() - start) / 1000;
}

// ---------------------------------------------------------------- HTTP: serve --workers N

interface HttpServer {
  /** The primary's and every worker's process id. */
  pids(): Promise<number[]>;
  post(body: string, size: number): Promise<void>;
  close(): Promise<void>;
}

function startServe(workers: number): Promise<HttpServer> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--workers", String(workers), ...threadArgs(workers)], {
    stdio: "pipe",
  });
  child.stderr.resume();
  const agent = new Agent({ keepAlive: true, maxSockets: workers * IN_FLIGHT });
  return new Promise((resolveReady, rejectReady) => {
    child.once("exit", (code) => rejectReady(new Error(`serve --workers ${workers} exited with ${String(code)} before listening.`)));
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (chunk: string) => {
      const { url } = JSON.parse(chunk.split("\n")[0] ?? "{}") as { url: string };
      resolveReady({
        pids() {
          return new Promise<number[]>((resolvePids, rejectPids) => {
            request(`${url}/health`, { agent }, (res) => {
              let data = "";
              res.setEncoding("utf8");
              res.on("data", (part: string) => (data += part));
              res.on("end", () => {
                const { workers: table } = JSON.parse(data) as { workers?: { pid: number }[] };
                resolvePids([child.pid ?? 0, ...(table ?? []).map((worker) => worker.pid)]);
              });
            })
              .on("error", rejectPids)
              .end();
          });
        },
        post(body, size) {
          return new Promise<void>((resolvePost, rejectPost) => {
            const req = request(
              `${url}/score`,
              { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
              (res) => {
                let data = "";
                res.setEncoding("utf8");
                res.on("data", (part: string) => (data += part));
                res.on("end", () => {
                  try {
                    check(data, size);
                    resolvePost();
                  } catch (error) {
                    rejectPost(error);
                  }
                });
              },
            );
            req.on("error", rejectPost);
            req.end(body);
          });
        },
        async close() {
          agent.destroy();
          child.removeAllListeners("exit");
          child.kill("SIGTERM");
          await new Promise((resolveClose) => child.once("close", resolveClose));
        },
      });
    });
  });
}

async function runHttp(server: HttpServer, workers: number, bodies: { body: string; size: number }[]): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers * IN_FLIGHT }, async () => {
      while (next < bodies.length) {
        const piece = bodies[next++];
        if (piece !== undefined) await server.post(piece.body, piece.size);
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

// ---------------------------------------------------------------- measurement and report

type Transport = "pipe" | "http";
interface Row {
  transport: Transport;
  mix: Mix;
  workers: number;
  samplesPerS: number;
  speedup: number;
  perWorker: number;
  /** Samples per CPU-second of the worker processes (null where /proc is missing). */
  samplesPerCpuS: number | null;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run \`npm run build\` first.`);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const loadAtStart = round(loadavg()[0] ?? 0);
  const most = Math.max(...COUNTS);
  log(`starting ${COUNTS.reduce((sum, count) => sum + count, 0)} worker process(es) and ${COUNTS.length} server(s) …`);
  // One set of pipe workers per count, each started with that count's share of the cores.
  const pipeSets = new Map<number, PipeWorker[]>();
  for (const count of COUNTS)
    pipeSets.set(count, await Promise.all(Array.from({ length: count }, () => PipeWorker.start(threadArgs(count)))));
  const servers = new Map<number, HttpServer>();
  for (const count of COUNTS) servers.set(count, await startServe(count));
  const best = new Map<string, number>();
  const bestPerCpu = new Map<string, number>();
  const serverPids = new Map<number, number[]>();
  for (const [count, server] of servers) serverPids.set(count, await server.pids());
  const key = (transport: Transport, mix: Mix, workers: number): string => `${transport}/${mix}/${workers}`;
  try {
    // Warm-up (the JIT, the caches of the reference clarifications): every worker of every
    // configuration scores about 8 pieces of each mix.
    for (const mix of MIXES) {
      const warm = pieces(samplesFor(mix, PIECE * most * 8, `warm-${mix}`));
      for (const workers of pipeSets.values()) await runPipe(workers, encodePipe(warm));
      for (const [count, server] of servers)
        await runHttp(
          server,
          count,
          warm.map((samples) => ({ body: JSON.stringify({ samples }), size: samples.length })),
        );
    }
    // Rounds alternate every configuration, so a burst of load elsewhere hits one run, not one configuration.
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const mix of MIXES) {
        for (const count of COUNTS) {
          const workers = pipeSets.get(count) ?? [];
          const pipeBatch = encodePipe(pieces(samplesFor(mix, SAMPLES[mix], `p${index}-${count}`)));
          const pipeCpu = cpuSeconds(workers.map((worker) => worker.pid));
          const pipeSeconds = await runPipe(workers, pipeBatch);
          const pipeCpuUsed = pipeCpu === null ? null : (cpuSeconds(workers.map((worker) => worker.pid)) ?? Number.NaN) - pipeCpu;
          const httpBatch = pieces(samplesFor(mix, SAMPLES[mix], `h${index}-${count}`)).map((samples) => ({
            body: JSON.stringify({ samples }),
            size: samples.length,
          }));
          const server = servers.get(count);
          const pids = serverPids.get(count) ?? [];
          if (server === undefined) continue;
          const httpCpu = cpuSeconds(pids);
          const httpSeconds = await runHttp(server, count, httpBatch);
          const httpCpuUsed = httpCpu === null ? null : (cpuSeconds(pids) ?? Number.NaN) - httpCpu;
          for (const [transport, seconds, cpu] of [
            ["pipe", pipeSeconds, pipeCpuUsed],
            ["http", httpSeconds, httpCpuUsed],
          ] as const) {
            const rate = SAMPLES[mix] / seconds;
            const at = key(transport, mix, count);
            best.set(at, Math.max(best.get(at) ?? 0, rate));
            if (cpu !== null && cpu > 0) bestPerCpu.set(at, Math.max(bestPerCpu.get(at) ?? 0, SAMPLES[mix] / cpu));
            log(
              `round ${index + 1}/${ROUNDS} ${transport} ${mix} ${count} worker(s): ${Math.round(rate).toLocaleString("en-US")} samples/s${cpu === null ? "" : `, ${cpu.toFixed(2)} CPU s`}`,
            );
          }
        }
      }
    }
  } finally {
    await Promise.all([
      ...[...pipeSets.values()].flat().map((worker) => worker.close()),
      ...[...servers.values()].map((server) => server.close()),
    ]);
  }
  const rows: Row[] = [];
  for (const transport of ["pipe", "http"] as const) {
    for (const mix of MIXES) {
      const base = best.get(key(transport, mix, 1)) ?? Number.NaN;
      for (const count of COUNTS) {
        const rate = best.get(key(transport, mix, count)) ?? Number.NaN;
        const perCpu = bestPerCpu.get(key(transport, mix, count));
        rows.push({
          transport,
          mix,
          workers: count,
          samplesPerS: Math.round(rate),
          speedup: round(rate / base),
          perWorker: Math.round(rate / count),
          samplesPerCpuS: perCpu === undefined ? null : Math.round(perCpu),
        });
      }
    }
  }
  const two = (transport: Transport): number | undefined =>
    rows.find((row) => row.transport === transport && row.mix === "answerable" && row.workers === 2)?.speedup;
  const results = {
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: availableParallelism(),
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: round(loadavg()[0] ?? 0),
    },
    samples: SOURCE,
    samplesPerMeasurement: SAMPLES,
    rounds: ROUNDS,
    threads: THREADS,
    target: { twoWorkersAnswerableSpeedup: TARGET_TWO_WORKERS, pipe: two("pipe") ?? null, http: two("http") ?? null },
    rows,
  };
  const section = markdown(results);
  process.stdout.write(`${section}\n`);
  if (flags.write === true) {
    mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(join(ROOT, "bench", "results", "scaling.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(ROOT, "bench", "results", "scaling.md"), `# Scaling benchmark\n\n${section}`);
    writePerformanceSection("## Scaling out", section);
    log('wrote bench/results/scaling.json, bench/results/scaling.md and the "Scaling out" section of docs/performance.md');
  }
}

type Results = {
  machine: { cpu: string; cores: number; node: string; loadAverageAtStart: number; loadAverageAtEnd: number };
  samples: string;
  samplesPerMeasurement: Record<Mix, number>;
  rounds: number;
  threads: string;
  target: { twoWorkersAnswerableSpeedup: number; pipe: number | null; http: number | null };
  rows: Row[];
};

function markdown(results: Results): string {
  const verdict = (value: number | null): string =>
    value === null ? "not measured" : `${value}× (${value >= results.target.twoWorkersAnswerableSpeedup ? "met" : "**not met**"})`;
  return [
    `Measured by \`npx tsx bench/scaling.ts\` (after \`npm run build\`) through the built CLI: the pipe row runs N`,
    `\`abstain-reward worker\` processes fed pieces of ${PIECE} samples, ${IN_FLIGHT} in flight per worker (the Python \`RewardPool\`'s split); the`,
    `HTTP row runs \`abstain-reward serve --workers N\` with ${IN_FLIGHT} keep-alive connections per worker. Machine: ${results.machine.cpu}, ${results.machine.cores} cores,`,
    `Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart} at start and ${results.machine.loadAverageAtEnd} at the end (a shared machine). Samples: ${results.samples};`,
    `${results.samplesPerMeasurement.answerable.toLocaleString("en-US")} answerable or ${results.samplesPerMeasurement.unanswerable.toLocaleString("en-US")} unanswerable (abstention + clarification checked by the embedding verifier) per measurement,`,
    `best of ${results.rounds} alternating rounds. Model threads per worker: ${results.threads === "auto" ? "the cores divided by the workers (the default of `serve --workers` and `RewardPool`)" : results.threads === "ort" ? "ONNX Runtime's default (every core)" : results.threads}.`,
    "The bench's own process shares the cores with the workers.",
    "",
    "| transport | mix | workers | samples/s | speed-up over 1 worker | samples/s per worker | samples per CPU-second |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...results.rows.map(
      (row) =>
        `| ${row.transport} | ${row.mix} | ${row.workers} | ${row.samplesPerS.toLocaleString("en-US")} | ${row.speedup}× | ${row.perWorker.toLocaleString("en-US")} | ${row.samplesPerCpuS?.toLocaleString("en-US") ?? "—"} |`,
    ),
    "",
    `Target: two workers ≥ ${results.target.twoWorkersAnswerableSpeedup}× one worker on the answerable mix — pipe ${verdict(results.target.pipe)}, HTTP ${verdict(results.target.http)}.`,
    "Samples per CPU-second counts the CPU time of the worker processes (and the HTTP primary) from /proc: it is what one core",
    "gives a worker that has it to itself, so a node of C free cores can expect about C times it; it moves less than samples/s",
    "when other jobs load the machine (their contention still raises the CPU time per sample). With one worker, ONNX Runtime",
    "already spreads the verifier's model passes over every core, so the unanswerable mix gains less from more workers.",
    "Raw numbers: `bench/results/scaling.json`.",
    "",
  ].join("\n");
}

await main();
