/**
 * Scaling out on one node: samples/s with 1, 2, … worker processes, through the pipe (N
 * `abstain-reward worker` processes, a batch cut into pieces of 256 that go to whichever worker is
 * free, two pieces in flight per worker — what the Python `RewardPool` does) and over HTTP
 * (`abstain-reward serve --workers N`, 2 keep-alive connections per worker), for an answerable mix
 * and an unanswerable mix (abstentions whose clarifications the embedding verifier checks). Prints a
 * table with the speed-up over one worker; with `--write` also writes bench/results/scaling.json,
 * bench/results/scaling.md and the "Scaling out" section of docs/performance.md.
 *
 *   npm run build && npx tsx bench/scaling.ts [--workers 1,2] [--rounds 3] [--threads auto|ort|N]
 *       [--piece 256] [--in-flight 2] [--mixes answerable,unanswerable] [--write]
 *
 * `--threads auto` (the default) gives each of N workers its share of the cores (`--threads
 * cores/N`, what `serve --workers N` and `RewardPool` do); `ort` leaves ONNX Runtime's default
 * (every core per worker), to compare.
 *
 * The bench's own process (the driver) shares the cores with the workers, so while timed it only
 * writes request bytes encoded beforehand and counts answers (pipe: newline bytes; HTTP: body bytes up
 * to each response's content-length, over raw keep-alive connections). Answers are parsed and checked after the clock stopped: one result per sample,
 * no error, and the same reward per sample index as the first run of the mix (so a batch split over
 * N workers must return exactly one worker's rewards). The driver's CPU time over the timed window
 * (process.cpuUsage) is printed beside the workers' (from /proc).
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import type { Socket } from "node:net";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { writePerformanceSection } from "./lib/performance-doc.js";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = process.env.ABSTAIN_REWARD_BENCH_CLI ?? join(ROOT, "dist", "cli.js");
const DATA = resolve(ROOT, "..", "shared", "data", "abstain-test-sum.dev.jsonl");
const TARGET_TWO_WORKERS = 1.7;
const MIXES = ["answerable", "unanswerable"] as const;
type Mix = (typeof MIXES)[number];
type Json = Record<string, unknown>;
const NEWLINE = 0x0a;

const { values: flags } = parseArgs({
  options: {
    workers: { type: "string" },
    rounds: { type: "string" },
    threads: { type: "string" },
    "answerable-samples": { type: "string" },
    "unanswerable-samples": { type: "string" },
    piece: { type: "string" },
    "in-flight": { type: "string" },
    mixes: { type: "string" },
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
/** A whole number ≥ 1 from a flag, or its default. */
function whole(name: string, value: string | undefined, fallback: number): number {
  const parsed = Number(value ?? fallback);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${value ?? ""}".`);
  return parsed;
}
/** Samples per request (the Python pool's `chunk_size`). */
const PIECE = whole("piece", flags.piece, 256);
/** Requests in flight per worker (pipe) or keep-alive connections per worker (HTTP). */
const IN_FLIGHT = whole("in-flight", flags["in-flight"], 2);
const MIX_LIST = (flags.mixes ?? MIXES.join(",")).split(",") as Mix[];
if (MIX_LIST.length === 0 || !MIX_LIST.every((mix) => (MIXES as readonly string[]).includes(mix)))
  throw new Error(`--mixes must be a comma-separated list of ${MIXES.join(", ")}, got "${flags.mixes ?? ""}".`);
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

/** One piece, encoded once before the clock starts: its request line for the pipe and its body for HTTP. */
interface Piece {
  id: number;
  size: number;
  line: Buffer;
  body: Buffer;
}

let nextId = 0;
function encode(batch: Json[][]): Piece[] {
  return batch.map((samples) => {
    const id = nextId++;
    const body = JSON.stringify({ samples });
    return { id, size: samples.length, line: Buffer.from(`{"id":${id},${body.slice(1)}\n`), body: Buffer.from(body) };
  });
}

/** The rewards of one answer (`results` of a piece), after checking there is one per sample and no error. */
function rewardsOf(answer: unknown, size: number, what: string): number[] {
  const results = (answer as { results?: unknown }).results;
  if (!Array.isArray(results) || results.length !== size)
    throw new Error(`${what}: expected ${size} results, got ${JSON.stringify(answer).slice(0, 300)}`);
  return results.map((result) => {
    const reward = (result as { reward?: unknown }).reward;
    if (typeof reward !== "number") throw new Error(`${what}: a result without a numeric reward: ${JSON.stringify(result).slice(0, 300)}`);
    return reward;
  });
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

/** Ends a child's input (it exits when its stdin closes) and waits until it has closed. */
async function endInput(child: ChildProcessWithoutNullStreams): Promise<void> {
  child.stdin.end();
  if (child.exitCode === null) await new Promise((resolveClose) => child.once("close", resolveClose));
}

/** CPU seconds this (the bench's) process has used since `since`. */
function driverSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** What one timed run measured; the answers are checked after the clock stopped. */
interface Timed {
  seconds: number;
  driverCpu: number;
  rewards: number[];
}

// ---------------------------------------------------------------- the pipe: N worker processes

/**
 * One `abstain-reward worker` process. While timed, the bench only writes pre-built request lines
 * and counts newline bytes in what comes back (each newline ends one answer and frees a slot); the
 * raw bytes are kept and parsed after the clock stopped.
 */
class PipeWorker {
  private readonly slots: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private chunks: Buffer[] = [];
  private exited: Error | undefined;
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static start(args: readonly string[]): Promise<PipeWorker> {
    const child = spawn(process.execPath, [CLI, "worker", ...args], { stdio: "pipe" });
    child.stderr.resume();
    const worker = new PipeWorker(child);
    return new Promise((resolveReady, rejectReady) => {
      let head = "";
      let ready = false;
      child.once("exit", (code) => {
        worker.exited = new Error(`A worker exited with ${String(code)}${ready ? "" : " before it was ready"}.`);
        rejectReady(worker.exited);
        for (const slot of worker.slots.splice(0)) slot.reject(worker.exited);
      });
      child.stdout.on("data", (chunk: Buffer) => {
        if (!ready) {
          const end = chunk.indexOf(NEWLINE);
          head += chunk.subarray(0, end === -1 ? chunk.length : end).toString("utf8");
          if (end === -1) return;
          if (!head.startsWith('{"ready":true')) {
            rejectReady(new Error(`A worker's first line was not its ready line: ${head.slice(0, 300)}`));
            return;
          }
          ready = true;
          resolveReady(worker);
          chunk = chunk.subarray(end + 1);
        }
        worker.chunks.push(chunk);
        for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) worker.slots.shift()?.resolve();
      });
    });
  }

  /** Writes one request line; resolves when one more answer line has ended. */
  send(line: Buffer): Promise<void> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const answered = new Promise<void>((resolve, reject) => this.slots.push({ resolve, reject }));
    this.child.stdin.write(line);
    return answered;
  }

  /** The answer lines received since the last call, parsed (outside the timed window). */
  takeAnswers(): Map<number, unknown> {
    const text = Buffer.concat(this.chunks).toString("utf8");
    this.chunks = [];
    const answers = new Map<number, unknown>();
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const answer = JSON.parse(line) as { id?: unknown };
      answers.set(Number(answer.id), answer);
    }
    return answers;
  }

  close(): Promise<void> {
    return endInput(this.child);
  }
}

/** Hands pieces to whichever worker has a free slot (IN_FLIGHT per worker), then checks every answer. */
async function runPipe(workers: readonly PipeWorker[], batch: readonly Piece[]): Promise<Timed> {
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    workers.flatMap((worker) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < batch.length) {
          const piece = batch[next++];
          if (piece !== undefined) await worker.send(piece.line);
        }
      }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const driverCpu = driverSeconds(cpu);
  const answers = new Map<number, unknown>();
  for (const worker of workers) for (const [id, answer] of worker.takeAnswers()) answers.set(id, answer);
  if (answers.size !== batch.length) throw new Error(`Sent ${batch.length} pieces through the pipe, got ${answers.size} answers.`);
  const rewards = batch.flatMap((piece) => rewardsOf(answers.get(piece.id), piece.size, `pipe piece ${piece.id}`));
  return { seconds, driverCpu, rewards };
}

// ---------------------------------------------------------------- the control: scoring with no IPC

const SCORER = join(ROOT, "bench", "lib", "in-process-scorer.ts");
const DIST_INDEX = join(ROOT, "dist", "index.js");

/**
 * N processes that each score their share of the pieces with the library itself (no worker
 * protocol, no pipe traffic while timed): what N processes of the scoring work alone gain on this
 * machine, the ceiling for N workers. Each process loads its pieces before the clock starts.
 */
class InProcessSet {
  private constructor(private readonly children: { child: ChildProcessWithoutNullStreams; lines: string[]; waiting: (() => void)[] }[]) {}

  get pids(): number[] {
    return this.children.map(({ child }) => child.pid ?? 0);
  }

  static async start(count: number): Promise<InProcessSet> {
    const children = Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", SCORER, DIST_INDEX], { stdio: "pipe" });
      child.stderr.resume();
      const entry = { child, lines: [] as string[], waiting: [] as (() => void)[] };
      let partial = "";
      child.stdout.on("data", (chunk: Buffer) => {
        const parts = (partial + chunk.toString("utf8")).split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) {
          entry.lines.push(line);
          entry.waiting.shift()?.();
        }
      });
      child.once("exit", (code) => {
        if (code !== 0 && code !== null) process.stderr.write(`an in-process scorer exited with ${code}\n`);
      });
      return entry;
    });
    return new InProcessSet(children);
  }

  private static async line(entry: { lines: string[]; waiting: (() => void)[] }): Promise<string> {
    while (entry.lines.length === 0) await new Promise<void>((resolve) => entry.waiting.push(resolve));
    return entry.lines.shift() ?? "";
  }

  /** Loads a contiguous share of the pieces into each process, then times all of them scoring at once. */
  async run(batch: readonly Json[][]): Promise<Timed> {
    const share = Math.ceil(batch.length / this.children.length);
    const expect = async (entry: (typeof this.children)[number], wanted: string): Promise<void> => {
      const got = await InProcessSet.line(entry);
      if (got !== wanted) throw new Error(`An in-process scorer answered "${got.slice(0, 300)}" where "${wanted}" was expected.`);
    };
    await Promise.all(
      this.children.map((entry, index) => {
        entry.child.stdin.write(`${JSON.stringify({ pieces: batch.slice(index * share, (index + 1) * share) })}\n`);
        return expect(entry, "loaded");
      }),
    );
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      this.children.map((entry) => {
        entry.child.stdin.write("go\n");
        return expect(entry, "done");
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const driverCpu = driverSeconds(cpu);
    const rewards: number[] = [];
    for (const entry of this.children) {
      const answer = JSON.parse(await InProcessSet.line(entry)) as { rewards: unknown[] };
      for (const reward of answer.rewards) {
        if (typeof reward !== "number") throw new Error(`An in-process scorer returned a non-numeric reward: ${String(reward)}.`);
        rewards.push(reward);
      }
    }
    return { seconds, driverCpu, rewards };
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map(({ child }) => endInput(child)));
  }
}

// ---------------------------------------------------------------- HTTP: serve --workers N

/** Longest response head the bench reads (status line and headers). */
const MAX_HEAD_BYTES = 16_384;
const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * One keep-alive HTTP/1.1 connection to `serve`, one request at a time. The server does all of
 * HTTP; the bench writes a small request head and the pre-built body, finds the end of the
 * response head, reads its status and content-length, and counts body bytes (kept as they came).
 */
class Connection {
  private waiting: { into: Buffer[]; resolve: (status: number) => void; reject: (error: Error) => void } | undefined;
  private head: Buffer = Buffer.alloc(0);
  private status = 0;
  private bodyLeft: number | undefined;
  private closed: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("The server closed a keep-alive connection while the bench used it.")));
  }

  static open(port: number, host: string): Promise<Connection> {
    return new Promise((resolveOpen, rejectOpen) => {
      const socket = connect(port, host, () => resolveOpen(new Connection(socket, `${host}:${port}`)));
      socket.once("error", rejectOpen);
    });
  }

  /** POSTs a pre-built body to /score; resolves with the status once the whole body arrived (kept unparsed in `into`). */
  post(body: Buffer, into: Buffer[]): Promise<number> {
    if (this.closed !== undefined) return Promise.reject(this.closed);
    const answered = new Promise<number>((resolve, reject) => {
      this.waiting = { into, resolve, reject };
    });
    this.socket.cork();
    this.socket.write(
      `POST /score HTTP/1.1\r\nhost: ${this.host}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    this.socket.write(body);
    this.socket.uncork();
    return answered;
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.closed ??= error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  private onData(chunk: Buffer): void {
    const waiting = this.waiting;
    if (waiting === undefined) {
      this.fail(new Error(`The server sent ${chunk.length} bytes nobody asked for.`));
      return;
    }
    let body = chunk;
    if (this.bodyLeft === undefined) {
      const head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end === -1) {
        if (head.length > MAX_HEAD_BYTES) this.fail(new Error(`No end of the response head in its first ${head.length} bytes.`));
        else this.head = head;
        return;
      }
      const text = head.subarray(0, end).toString("latin1");
      const length = /\r\ncontent-length: *(\d{1,12})\r?$/im.exec(text)?.[1];
      if (length === undefined) {
        this.fail(new Error(`A response without content-length: ${text.slice(0, 300)}`));
        return;
      }
      this.status = Number(text.slice(9, 12));
      this.bodyLeft = Number(length);
      this.head = Buffer.alloc(0);
      body = head.subarray(end + HEAD_END.length);
    }
    if (body.length > 0) waiting.into.push(body);
    this.bodyLeft -= body.length;
    if (this.bodyLeft < 0) {
      this.fail(new Error("The server sent more body bytes than its content-length."));
      return;
    }
    if (this.bodyLeft === 0) {
      this.bodyLeft = undefined;
      this.waiting = undefined;
      waiting.resolve(this.status);
    }
  }
}

interface HttpServer {
  /** The primary's and every worker's process id. */
  pids(): Promise<number[]>;
  /** Opens `count` fresh keep-alive connections (before a timed run: the server closes idle ones after 5 s). */
  connections(count: number): Promise<Connection[]>;
  close(): Promise<void>;
}

function startServe(workers: number): Promise<HttpServer> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--workers", String(workers), ...threadArgs(workers)], {
    stdio: "pipe",
  });
  child.stderr.resume();
  let open: Connection[] = [];
  return new Promise((resolveReady, rejectReady) => {
    child.once("exit", (code) => rejectReady(new Error(`serve --workers ${workers} exited with ${String(code)} before listening.`)));
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (chunk: string) => {
      const { url } = JSON.parse(chunk.split("\n")[0] ?? "{}") as { url: string };
      const { hostname, port } = new URL(url);
      resolveReady({
        pids() {
          return new Promise<number[]>((resolvePids, rejectPids) => {
            request(`${url}/health`, { agent: false }, (res) => {
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
        async connections(count) {
          for (const connection of open) connection.close();
          open = await Promise.all(Array.from({ length: count }, () => Connection.open(Number(port), hostname)));
          return open;
        },
        async close() {
          for (const connection of open) connection.close();
          child.removeAllListeners("exit");
          child.kill("SIGTERM");
          await new Promise((resolveClose) => child.once("close", resolveClose));
        },
      });
    });
  });
}

/** IN_FLIGHT keep-alive connections per worker; bodies are pre-built, answers kept as bytes and checked after the clock stopped. */
async function runHttp(server: HttpServer, workers: number, batch: readonly Piece[]): Promise<Timed> {
  let next = 0;
  const answers: { status: number; parts: Buffer[] }[] = batch.map(() => ({ status: 0, parts: [] }));
  const connections = await server.connections(workers * IN_FLIGHT);
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < batch.length) {
        const index = next++;
        const piece = batch[index];
        const answer = answers[index];
        if (piece !== undefined && answer !== undefined) answer.status = await connection.post(piece.body, answer.parts);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const driverCpu = driverSeconds(cpu);
  const rewards = batch.flatMap((piece, index) => {
    const { status = 0, parts = [] } = answers[index] ?? {};
    const text = Buffer.concat(parts).toString("utf8");
    if (status !== 200) throw new Error(`POST /score answered ${status}: ${text.slice(0, 300)}`);
    return rewardsOf(JSON.parse(text), piece.size, `HTTP piece ${piece.id}`);
  });
  return { seconds, driverCpu, rewards };
}

// ---------------------------------------------------------------- measurement and report

type Transport = "pipe" | "http" | "in-process";
const TRANSPORTS: readonly Transport[] = ["in-process", "pipe", "http"];
interface Row {
  transport: Transport;
  mix: Mix;
  workers: number;
  samplesPerS: number;
  speedup: number;
  /** The median over rounds of this count's samples/s over one worker's in the same round (null for one worker or one round). */
  pairedSpeedup: number | null;
  perWorker: number;
  /** Samples per CPU-second of the worker processes (null where /proc is missing). */
  samplesPerCpuS: number | null;
  /** Cores the worker processes (and the HTTP primary) kept busy in the fastest round: their CPU seconds per wall second. */
  workerCores: number | null;
  /** Cores the bench's own process kept busy in the fastest round (process.cpuUsage over the timed window). */
  driverCores: number;
}

interface Measured {
  seconds: number;
  driverCpu: number;
  workerCpu: number | null;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/**
 * The median over rounds of `rates[r] / baseline[r]`: each round's N-worker run against the one-worker
 * run of the same round, seconds apart, so a slow or fast spell of the machine that spans a round
 * moves both. Null with fewer than two rounds.
 */
function pairedMedian(baseline: readonly number[], rates: readonly number[]): number | null {
  const ratios = rates
    .flatMap((rate, index) => (baseline[index] === undefined ? [] : [rate / (baseline[index] as number)]))
    .sort((a, b) => a - b);
  if (ratios.length < 2) return null;
  const middle = Math.floor(ratios.length / 2);
  return round(ratios.length % 2 === 1 ? (ratios[middle] as number) : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2);
}

/** Checks a run's rewards against the first run of the same mix (same sample index → same reward, whatever the worker count or transport). */
function compare(reference: Map<Mix, number[]>, mix: Mix, rewards: number[], what: string): number {
  const first = reference.get(mix);
  if (first === undefined) {
    reference.set(mix, rewards);
    return 0;
  }
  const differing = rewards.filter((reward, index) => reward !== first[index]).length;
  if (rewards.length !== first.length || (mix === "answerable" && differing > 0))
    throw new Error(
      `${what}: ${differing} of ${rewards.length} rewards differ from the first ${mix} run (the answers are out of order or wrong).`,
    );
  return differing;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run \`npm run build\` first.`);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const loadAtStart = round(loadavg()[0] ?? 0);
  const most = Math.max(...COUNTS);
  if (loadAtStart > availableParallelism() / 4)
    log(
      `load average ${loadAtStart} on ${availableParallelism()} cores: other jobs share the cores, so the speed-ups will be low and noisy`,
    );
  log(`starting ${COUNTS.reduce((sum, count) => sum + count, 0)} worker process(es) and ${COUNTS.length} server(s) …`);
  // One set of pipe workers per count, each started with that count's share of the cores.
  const pipeSets = new Map<number, PipeWorker[]>();
  for (const count of COUNTS)
    pipeSets.set(count, await Promise.all(Array.from({ length: count }, () => PipeWorker.start(threadArgs(count)))));
  const servers = new Map<number, HttpServer>();
  for (const count of COUNTS) servers.set(count, await startServe(count));
  // The no-IPC control runs on the answerable mix, the one the target is set on.
  const controls = new Map<number, InProcessSet>();
  if (MIX_LIST.includes("answerable")) for (const count of COUNTS) controls.set(count, await InProcessSet.start(count));
  const best = new Map<string, Measured>();
  const bestPerCpu = new Map<string, number>();
  /** Samples/s of every round, by configuration, for the speed-up paired within each round. */
  const perRound = new Map<string, number[]>();
  const serverPids = new Map<number, number[]>();
  for (const [count, server] of servers) serverPids.set(count, await server.pids());
  const key = (transport: Transport, mix: Mix, workers: number): string => `${transport}/${mix}/${workers}`;
  const reference = new Map<Mix, number[]>();
  let unanswerableDiffering = 0;
  let comparedRuns = 0;
  try {
    // Warm-up (the JIT, the caches of the reference clarifications): every worker of every
    // configuration scores about 8 pieces of each mix.
    for (const mix of MIX_LIST) {
      const warm = encode(pieces(samplesFor(mix, PIECE * most * 8, `warm-${mix}`)));
      for (const workers of pipeSets.values()) await runPipe(workers, warm);
      for (const [count, server] of servers) await runHttp(server, count, warm);
      if (mix === "answerable")
        for (const control of controls.values()) await control.run(pieces(samplesFor(mix, PIECE * most * 8, `warm-${mix}`)));
    }
    // Rounds alternate every configuration, so a burst of load elsewhere hits one run, not one configuration.
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const mix of MIX_LIST) {
        for (const count of COUNTS) {
          const server = servers.get(count);
          if (server === undefined) continue;
          for (const transport of TRANSPORTS) {
            const control = controls.get(count);
            if (transport === "in-process" && (mix !== "answerable" || control === undefined)) continue;
            // Encoded before the clock starts; a fresh tag per run so no run reuses another's cached embeddings.
            const split = pieces(samplesFor(mix, SAMPLES[mix], `${transport[0]}${index}-${count}`));
            const batch = encode(split);
            const pids =
              transport === "pipe"
                ? (pipeSets.get(count) ?? []).map((worker) => worker.pid)
                : transport === "http"
                  ? (serverPids.get(count) ?? [])
                  : (control?.pids ?? []);
            const cpuBefore = cpuSeconds(pids);
            const timed =
              transport === "pipe"
                ? await runPipe(pipeSets.get(count) ?? [], batch)
                : transport === "http"
                  ? await runHttp(server, count, batch)
                  : await (control as InProcessSet).run(split);
            const cpuAfter = cpuSeconds(pids);
            const workerCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
            const differing = compare(reference, mix, timed.rewards, `round ${index + 1} ${transport} ${mix} ${count} worker(s)`);
            if (mix === "unanswerable") {
              unanswerableDiffering = Math.max(unanswerableDiffering, differing);
              comparedRuns += 1;
            }
            const rate = SAMPLES[mix] / timed.seconds;
            const at = key(transport, mix, count);
            if (rate > SAMPLES[mix] / (best.get(at)?.seconds ?? Number.POSITIVE_INFINITY))
              best.set(at, { seconds: timed.seconds, driverCpu: timed.driverCpu, workerCpu });
            perRound.set(at, [...(perRound.get(at) ?? []), rate]);
            if (workerCpu !== null && workerCpu > 0) bestPerCpu.set(at, Math.max(bestPerCpu.get(at) ?? 0, SAMPLES[mix] / workerCpu));
            log(
              `round ${index + 1}/${ROUNDS} ${transport} ${mix} ${count} worker(s): ${Math.round(rate).toLocaleString("en-US")} samples/s, bench driver ${timed.driverCpu.toFixed(2)} CPU s${workerCpu === null ? "" : `, workers ${workerCpu.toFixed(2)} CPU s`} in ${timed.seconds.toFixed(2)} s (load ${round(loadavg()[0] ?? 0)})`,
            );
          }
        }
      }
    }
  } finally {
    await Promise.all([
      ...[...pipeSets.values()].flat().map((worker) => worker.close()),
      ...[...servers.values()].map((server) => server.close()),
      ...[...controls.values()].map((control) => control.close()),
    ]);
  }
  const rows: Row[] = [];
  for (const transport of TRANSPORTS) {
    for (const mix of MIX_LIST) {
      const base = best.get(key(transport, mix, 1));
      for (const count of COUNTS) {
        const measured = best.get(key(transport, mix, count));
        if (measured === undefined || base === undefined) continue;
        const rate = SAMPLES[mix] / measured.seconds;
        const perCpu = bestPerCpu.get(key(transport, mix, count));
        rows.push({
          transport,
          mix,
          workers: count,
          samplesPerS: Math.round(rate),
          speedup: round(base.seconds / measured.seconds),
          pairedSpeedup:
            count === 1 ? null : pairedMedian(perRound.get(key(transport, mix, 1)) ?? [], perRound.get(key(transport, mix, count)) ?? []),
          perWorker: Math.round(rate / count),
          samplesPerCpuS: perCpu === undefined ? null : Math.round(perCpu),
          workerCores: measured.workerCpu === null ? null : round(measured.workerCpu / measured.seconds),
          driverCores: round(measured.driverCpu / measured.seconds),
        });
      }
    }
  }
  const twoRow = (transport: Transport): Row | undefined =>
    rows.find((row) => row.transport === transport && row.mix === "answerable" && row.workers === 2);
  const two = (transport: Transport): number | null => twoRow(transport)?.speedup ?? null;
  const paired = (transport: Transport): number | null => twoRow(transport)?.pairedSpeedup ?? null;
  const results: Results = {
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: availableParallelism(),
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: round(loadavg()[0] ?? 0),
    },
    samples: SOURCE,
    samplesPerMeasurement: SAMPLES,
    piece: PIECE,
    inFlight: IN_FLIGHT,
    rounds: ROUNDS,
    threads: THREADS,
    checked: { unanswerableRuns: comparedRuns, mostUnanswerableRewardsDiffering: unanswerableDiffering },
    target: {
      twoWorkersAnswerableSpeedup: TARGET_TWO_WORKERS,
      pipe: two("pipe"),
      http: two("http"),
      inProcess: two("in-process"),
      pairedPipe: paired("pipe"),
      pairedHttp: paired("http"),
      pairedInProcess: paired("in-process"),
    },
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
  piece: number;
  inFlight: number;
  rounds: number;
  threads: string;
  checked: { unanswerableRuns: number; mostUnanswerableRewardsDiffering: number };
  target: {
    twoWorkersAnswerableSpeedup: number;
    pipe: number | null;
    http: number | null;
    inProcess: number | null;
    pairedPipe: number | null;
    pairedHttp: number | null;
    pairedInProcess: number | null;
  };
  rows: Row[];
};

/** How the unanswerable runs compared with the first one, for the text. */
function unanswerableCheck(results: Results): string {
  const { unanswerableRuns, mostUnanswerableRewardsDiffering: differing } = results.checked;
  if (unanswerableRuns === 0) return "";
  const of = results.samplesPerMeasurement.unanswerable.toLocaleString("en-US");
  return differing === 0
    ? `; unanswerable: identical in all ${unanswerableRuns} runs`
    : `; unanswerable: at most ${differing} of ${of} differ, as each run's responses carry their own case tag (so that no run reuses cached embeddings), which can move a clarification's similarity across the threshold`;
}

/**
 * Two workers' speed-up on the answerable mix split into two factors whose product it is (in the
 * fastest rounds): the CPU the two workers got together over the CPU one worker got, and their
 * samples per CPU-second over one worker's.
 */
function decomposition(results: Results, transport: Transport): string {
  const row = (workers: number): Row | undefined =>
    results.rows.find((each) => each.transport === transport && each.mix === "answerable" && each.workers === workers);
  const one = row(1);
  const two = row(2);
  if (one?.workerCores == null || two?.workerCores == null || one.workerCores === 0 || two.workerCores === 0) return "—";
  const cpu = two.workerCores / one.workerCores;
  const perCpu = two.samplesPerS / two.workerCores / (one.samplesPerS / one.workerCores);
  return `${cpu.toFixed(2)}× the CPU × ${Math.round(100 * perCpu)}% per CPU-second`;
}

/** What the no-IPC control says about the workers' speed-up, for the text. */
function ceiling(results: Results): string[] {
  const { inProcess, pairedInProcess } = results.target;
  if (inProcess === null) return [];
  return [
    "The control (the in-process rows): N processes that only parse and score their share of the same pieces with the library",
    "(`createRewarder().scoreBatch`), with no worker protocol, no pipe or socket and no JSON answers while timed. It shows what",
    `two processes of the scoring work alone gain on this machine in the same run: ${pairedInProcess === null ? "" : `${pairedInProcess}× (median of rounds), `}${inProcess}× (fastest rounds),`,
    `at ${decomposition(results, "in-process")}.`,
  ];
}

function markdown(results: Results): string {
  const verdict = (value: number | null): string =>
    value === null ? "not measured" : `${value}× (${value >= results.target.twoWorkersAnswerableSpeedup ? "met" : "**not met**"})`;
  const cores = (value: number | null): string => (value === null ? "—" : value.toFixed(2));
  const driver = results.rows.map((row) => row.driverCores);
  const mixes = [...new Set(results.rows.map((row) => row.mix))];
  const counts = (mix: Mix): string =>
    mix === "answerable"
      ? `${results.samplesPerMeasurement.answerable.toLocaleString("en-US")} answerable`
      : `${results.samplesPerMeasurement.unanswerable.toLocaleString("en-US")} unanswerable (abstention + clarification checked by the embedding verifier)`;
  return [
    `Measured by \`npx tsx bench/scaling.ts\` (after \`npm run build\`) through the built CLI: the pipe row runs N`,
    `\`abstain-reward worker\` processes fed pieces of ${results.piece} samples, ${results.inFlight} in flight per worker (the Python \`RewardPool\`'s split); the`,
    `HTTP row runs \`abstain-reward serve --workers N\` with ${results.inFlight} keep-alive connections per worker. Machine: ${results.machine.cpu}, ${results.machine.cores} cores,`,
    `Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart} at start and ${results.machine.loadAverageAtEnd} at the end (a shared machine). Samples: ${results.samples};`,
    `${mixes.map(counts).join(" or ")} per measurement,`,
    `best of ${results.rounds} alternating rounds. Model threads per worker: ${results.threads === "auto" ? "the cores divided by the workers (the default of `serve --workers` and `RewardPool`)" : results.threads === "ort" ? "ONNX Runtime's default (every core)" : results.threads}.`,
    "",
    "The bench's own process (the driver) shares the cores with the workers, so it does as little as it can while timed: every request",
    "line and body is encoded to bytes before the clock starts; while timed it writes those buffers and, on the pipe, counts the",
    "newline bytes that end answer lines (HTTP: reads each response's head for its content-length and counts body bytes); the answers are kept as bytes and parsed after the",
    "clock stopped, where every piece's results are checked (one per sample, no error) and every run's rewards are compared with",
    `the first run of its mix sample by sample (answerable: must be identical, else the bench fails${unanswerableCheck(results)}).`,
    `The driver's own CPU (process.cpuUsage over the timed window) was ${Math.min(...driver).toFixed(2)}–${Math.max(...driver).toFixed(2)} of a core; the workers' CPU comes from /proc.`,
    "",
    "| transport | mix | workers | samples/s | speed-up over 1 worker | speed-up, median of rounds | samples/s per worker | samples per CPU-second | worker CPU (cores) | driver CPU (cores) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.rows.map(
      (row) =>
        `| ${row.transport} | ${row.mix} | ${row.workers} | ${row.samplesPerS.toLocaleString("en-US")} | ${row.speedup}× | ${row.pairedSpeedup === null ? "—" : `${row.pairedSpeedup}×`} | ${row.perWorker.toLocaleString("en-US")} | ${row.samplesPerCpuS?.toLocaleString("en-US") ?? "—"} | ${cores(row.workerCores)} | ${cores(row.driverCores)} |`,
    ),
    "",
    `Target: two workers ≥ ${results.target.twoWorkersAnswerableSpeedup}× one worker on the answerable mix. Median of the rounds' paired speed-ups: pipe ${verdict(results.target.pairedPipe)}, HTTP ${verdict(results.target.pairedHttp)};`,
    `fastest round of each configuration against fastest: pipe ${verdict(results.target.pipe)}, HTTP ${verdict(results.target.http)}. The paired figure sets each round's two-worker run against`,
    "the one-worker run of the same round, seconds apart, so it moves less when this machine's speed swings between runs (docs/decisions.md records the spread between runs).",
    ...ceiling(results),
    "The speed-up is wall-clock samples/s over one worker's, nothing subtracted: the driver's and other jobs' CPU stay in it.",
    `Two workers' speed-up on the answerable mix is the CPU they got together over what one worker got, times their samples per CPU-second over one`,
    `worker's: pipe ${decomposition(results, "pipe")}, HTTP ${decomposition(results, "http")}. The second factor is what running two processes`,
    "costs per sample; the first is how much more CPU the machine gave two workers than one (the worker CPU column), which other jobs limit.",
    "Worker CPU is the worker processes' (and the HTTP primary's) CPU seconds per wall second, from /proc; driver CPU the bench's own.",
    "Samples per CPU-second divides the samples by the workers' CPU time: it is what one core gives a worker that has it to itself,",
    "so a node of C free cores can expect about C times it; it moves less than samples/s when other jobs load the machine",
    "(their contention still raises the CPU time per sample). With one worker, ONNX Runtime already spreads the verifier's",
    "model passes over every core, so the unanswerable mix gains less from more workers.",
    "Raw numbers: `bench/results/scaling.json`.",
    "",
  ].join("\n");
}

await main();
