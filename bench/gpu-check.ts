/**
 * GPU check: loads the embedding model with `device: "cuda"` and with `device: "cpu"`, checks that
 * both give the same vectors (cosine ≥ 0.9999 on every text), and prints texts/s on each for batch
 * sizes 32–1024. Run through `bench/gpu-check.sh` on a machine with an NVIDIA GPU after installing
 * onnxruntime-node's CUDA provider (docs/models.md, "Checking a GPU"):
 *
 *   bench/gpu-check.sh [--model use-lite] [--batches 32,64,128,256,512,1024] [--texts 8192] [--write]
 *
 * Without a GPU, or without the CUDA provider library, it stops at once with one sentence saying
 * which and how to fix it (exit code 1). `--write` writes bench/results/gpu-check.json and .md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadEmbedder } from "../src/models/embedder.js";
import type { OnnxEmbedder } from "../src/models/embedder.js";
import { ModelRuntime } from "../src/models/model-runtime.js";
import { CUDA_INSTALL_HINT, cudaProviderInstalled, nvidiaGpuPresent } from "../src/models/execution-providers.js";
import { cosine } from "../src/vector/vector-math.js";

const ROOT = resolve(import.meta.dirname, "..");
const DATA = resolve(ROOT, "..", "shared", "data", "abstain-test-sum.dev.jsonl");
const PARITY_MIN_COSINE = 0.9999;
const MAX_TOKENS_PER_TEXT = 128;

const { values: flags } = parseArgs({
  options: {
    model: { type: "string" },
    batches: { type: "string" },
    texts: { type: "string" },
    rounds: { type: "string" },
    write: { type: "boolean" },
  },
});
const BATCHES = (flags.batches ?? "32,64,128,256,512,1024").split(",").map(Number);
const TEXTS = Number(flags.texts ?? 8192);
const ROUNDS = Number(flags.rounds ?? 3);
const MODEL = flags.model ?? "use-lite";

class CheckFailure extends Error {}

/** Stops before loading anything when this machine cannot run the check, with the reason and the fix. */
function preflight(): void {
  if (!nvidiaGpuPresent()) {
    throw new CheckFailure(
      "gpu-check: this machine has no NVIDIA GPU (no NVIDIA driver: /proc/driver/nvidia/version is absent), so there is nothing to check; run it on a machine with an NVIDIA GPU and its driver installed.",
    );
  }
  if (!cudaProviderInstalled()) {
    throw new CheckFailure(
      `gpu-check: this machine has an NVIDIA GPU, but onnxruntime-node's CUDA provider library (libonnxruntime_providers_cuda.so) is not installed beside its binding; install it with \`${CUDA_INSTALL_HINT}\` (it downloads the Microsoft.ML.OnnxRuntime.Gpu.Linux package from nuget.org and needs CUDA 12 and cuDNN 9), then run this again.`,
    );
  }
}

/** Varied texts: questions and clarifications from the shared data when present, else generated sentences of varied length. */
function corpus(count: number): { texts: string[]; source: string } {
  const rows = existsSync(DATA)
    ? readFileSync(DATA, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
  const pool = rows.flatMap((row) =>
    [row.unanswerable_question, row.answerable_question, row.clarification].filter(
      (text): text is string => typeof text === "string" && text !== "",
    ),
  );
  if (pool.length >= 100) {
    return {
      texts: Array.from({ length: count }, (_unused, index) => `${pool[index % pool.length] ?? ""} (${index})`),
      source: "../shared/data/abstain-test-sum.dev.jsonl (questions and clarifications)",
    };
  }
  const words = "the train leaves the station at a speed that is not given so the arrival time cannot be found".split(" ");
  return {
    texts: Array.from(
      { length: count },
      (_unused, index) =>
        Array.from({ length: 4 + (index % 40) }, (_none, k) => words[(index + k * 7) % words.length]).join(" ") + ` (${index})`,
    ),
    source: "generated",
  };
}

async function embedder(runtime: ModelRuntime, device: "cpu" | "cuda", batchSize: number): Promise<OnnxEmbedder> {
  return loadEmbedder({
    model: MODEL,
    device,
    runtime,
    batchSize,
    cacheSize: 0,
    maxBatchTokens: batchSize * MAX_TOKENS_PER_TEXT,
    log: () => undefined,
  });
}

async function textsPerSecond(model: OnnxEmbedder, texts: readonly string[], batchSize: number): Promise<number> {
  await model.embed(texts.slice(0, batchSize * 2)); // warm-up: CUDA kernels and allocations for this shape
  let best = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    await model.embed(texts);
    best = Math.max(best, texts.length / ((performance.now() - start) / 1000));
  }
  return best;
}

async function main(): Promise<void> {
  preflight();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const { texts, source } = corpus(TEXTS);
  const cpuRuntime = new ModelRuntime({ device: "cpu", warn: log });
  const gpuRuntime = new ModelRuntime({ device: "cuda", warn: log });
  try {
    log(`loading ${MODEL} on cuda and cpu …`);
    const gpu = await embedder(gpuRuntime, "cuda", 256);
    const cpu = await embedder(cpuRuntime, "cpu", 256);
    if (gpu.stats().provider !== "cuda")
      throw new CheckFailure(`gpu-check: the model loaded on "${gpu.stats().provider}", not on CUDA; nothing was measured on the GPU.`);
    const sample = texts.slice(0, 1024);
    const [onGpu, onCpu] = [await gpu.embed(sample), await cpu.embed(sample)];
    const cosines = sample.map((_text, index) => cosine(onGpu[index] ?? new Float32Array(), onCpu[index] ?? new Float32Array()));
    const minCosine = Math.min(...cosines);
    const maxDiff = Math.max(
      ...sample.map((_text, index) =>
        Math.max(...Array.from(onGpu[index] ?? [], (value, k) => Math.abs(value - (onCpu[index]?.[k] ?? 0)))),
      ),
    );
    const parityOk = minCosine >= PARITY_MIN_COSINE;
    log(
      `parity on ${sample.length} texts: min cosine ${minCosine.toFixed(6)}, max |diff| ${maxDiff.toExponential(2)} (${parityOk ? "ok" : "FAILED"})`,
    );
    const rows: { batch: number; cpu: number; cuda: number; speedup: number }[] = [];
    for (const batch of BATCHES) {
      const [gpuModel, cpuModel] = [await embedder(gpuRuntime, "cuda", batch), await embedder(cpuRuntime, "cpu", batch)];
      const cuda = await textsPerSecond(gpuModel, texts, batch);
      const onCpuRate = await textsPerSecond(cpuModel, texts, batch);
      rows.push({ batch, cpu: Math.round(onCpuRate), cuda: Math.round(cuda), speedup: Number((cuda / onCpuRate).toFixed(1)) });
      log(
        `batch ${batch}: cuda ${Math.round(cuda).toLocaleString("en-US")} texts/s, cpu ${Math.round(onCpuRate).toLocaleString("en-US")} texts/s`,
      );
    }
    const results = {
      machine: {
        cpu: cpus()[0]?.model ?? "unknown",
        cores: cpus().length,
        node: process.version,
        loadAverageAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
      },
      model: MODEL,
      texts: { count: texts.length, source },
      parity: { texts: sample.length, minCosine, maxAbsDiff: maxDiff, threshold: PARITY_MIN_COSINE, ok: parityOk },
      rows,
    };
    const table = [
      `GPU check of \`${MODEL}\` (\`bench/gpu-check.sh\`): ${texts.length.toLocaleString("en-US")} texts (${source}), cache off, best of ${ROUNDS}.`,
      `CPU: ${results.machine.cpu}, ${results.machine.cores} cores. Parity CUDA vs CPU on ${sample.length} texts: min cosine ${minCosine.toFixed(6)} (threshold ${PARITY_MIN_COSINE}), max |diff| ${maxDiff.toExponential(2)} — ${parityOk ? "ok" : "FAILED"}.`,
      "",
      "| batch | CUDA texts/s | CPU texts/s | CUDA / CPU |",
      "|---:|---:|---:|---:|",
      ...rows.map((row) => `| ${row.batch} | ${row.cuda.toLocaleString("en-US")} | ${row.cpu.toLocaleString("en-US")} | ${row.speedup}× |`),
      "",
    ].join("\n");
    process.stdout.write(`${table}\n`);
    if (flags.write === true) {
      mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
      writeFileSync(join(ROOT, "bench", "results", "gpu-check.json"), `${JSON.stringify(results, null, 2)}\n`);
      writeFileSync(join(ROOT, "bench", "results", "gpu-check.md"), `# GPU check\n\n${table}`);
    }
    if (!parityOk)
      throw new CheckFailure(
        `gpu-check: CUDA and CPU vectors differ (min cosine ${minCosine.toFixed(6)} < ${PARITY_MIN_COSINE}); do not train on the GPU path until this is explained.`,
      );
  } finally {
    await gpuRuntime.dispose();
    await cpuRuntime.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof CheckFailure ? error.message : error instanceof Error ? `gpu-check: ${error.message}` : String(error)}\n`,
  );
  process.exitCode = 1;
});
