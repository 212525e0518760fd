import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cosine,
  EXECUTION_PROVIDERS,
  l2Normalize,
  loadManifest,
  LruCache,
  meanPool,
  modelCacheDir,
  modelsRoot,
  resolveExecutionProviders,
  softmax,
} from "../src/models/index.js";
import { padBatch, planBatches } from "../src/models/batching.js";
import { writeFolderAtomically } from "../src/models/model-paths.js";
import { splitRows } from "../src/vector/vector-math.js";

describe("vector maths", () => {
  it("mean-pools over the mask only, and an all-padding row gives zeros (not NaN)", () => {
    const hidden = Float32Array.of(1, 2, 3, 4, 100, 100, /* row 2 */ 9, 9, 9, 9, 9, 9);
    const [a, b] = meanPool(hidden, [1n, 1n, 0n, 0n, 0n, 0n], 2, 3, 2);
    expect(Array.from(a ?? [])).toEqual([2, 3]);
    expect(Array.from(b ?? [])).toEqual([0, 0]);
  });

  it.each([
    [
      [3, 4],
      [0.6, 0.8],
    ],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [-2, 0],
      [-1, 0],
    ],
  ])("l2Normalize(%j) = %j", (input, expected) => {
    const out = Array.from(l2Normalize(Float32Array.from(input)));
    out.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i] ?? 0, 6);
    });
  });

  it("softmax is stable for large logits and sums to 1", () => {
    const p = softmax([1000, 1000, -1000]);
    expect(p[0]).toBeCloseTo(0.5, 9);
    expect(p[2]).toBe(0);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("cosine handles orthogonal, identical and zero vectors, and rejects length mismatches", () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(() => cosine([1], [1, 2])).toThrow(/equal length/);
  });

  it("splitRows copies rows out of a flat buffer", () => {
    const rows = splitRows(Float32Array.of(1, 2, 3, 4), 2, 2);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("LRU cache", () => {
  it("evicts the least recently used entry and counts hits and misses", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, size: 2, capacity: 2 });
    expect(cache.stats().hitRate).toBeCloseTo(2 / 3, 9);
  });

  it("capacity 0 disables caching; negative capacity is rejected", () => {
    const cache = new LruCache<string, number>(0);
    cache.set("a", 1);
    expect(cache.get("a")).toBeUndefined();
    expect(() => new LruCache(-1)).toThrow(/non-negative integer/);
  });
});

describe("batching", () => {
  it("sorts by length (stable) before chunking", () => {
    expect(planBatches([5, 1, 3, 1], 2)).toEqual([
      [1, 3],
      [2, 0],
    ]);
    expect(() => planBatches([1], 0)).toThrow(/positive integer/);
  });

  it("closes a batch before its padded size passes the token budget (a lone long row still runs)", () => {
    expect(planBatches([10, 10, 10, 100, 100], 8, 200)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(planBatches([10, 10, 10, 100, 300], 8, 200)).toEqual([[0, 1, 2], [3], [4]]);
  });

  it("pads right to the longest row, with at least one column", () => {
    const batch = padBatch([{ ids: [5, 6], typeIds: [0, 1] }, { ids: [7] }], 9);
    expect(batch.seqLen).toBe(2);
    expect(Array.from(batch.inputIds)).toEqual([5n, 6n, 7n, 9n]);
    expect(Array.from(batch.attentionMask)).toEqual([1n, 1n, 1n, 0n]);
    expect(Array.from(batch.tokenTypeIds)).toEqual([0n, 1n, 0n, 0n]);
    expect(padBatch([{ ids: [] }], 0).seqLen).toBe(1);
  });
});

describe("execution providers", () => {
  it("has a frozen device table", () => {
    expect(Object.isFrozen(EXECUTION_PROVIDERS)).toBe(true);
    expect(resolveExecutionProviders("auto")).toEqual(["cuda", "cpu"]);
    expect(resolveExecutionProviders("cpu")).toEqual(["cpu"]);
    expect(() => resolveExecutionProviders("tpu")).toThrow(/device must be one of "auto", "cpu", "cuda"; got "tpu"/);
  });
});

describe("model cache location", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-paths-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("prefers $ABSTAIN_REWARD_MODELS, then $XDG_CACHE_HOME, then ~/.cache", () => {
    expect(modelsRoot({ ABSTAIN_REWARD_MODELS: "/data/m" })).toBe("/data/m");
    expect(modelsRoot({ XDG_CACHE_HOME: "/xdg" })).toBe("/xdg/abstain-reward/models");
    expect(modelsRoot({})).toMatch(/\.cache\/abstain-reward\/models$/);
    expect(modelCacheDir("Xenova/all-MiniLM-L6-v2", { ABSTAIN_REWARD_MODELS: "/m" })).toBe("/m/Xenova/all-MiniLM-L6-v2");
  });

  it.each([["../escape"], ["a/b/c"], [""], ["/abs"]])("rejects the id %j", (id) => {
    expect(() => modelCacheDir(id, {})).toThrow(/is not a valid id/);
  });

  it("writes folders atomically: a failed fill leaves nothing behind", async () => {
    const target = join(root, "model");
    await expect(
      writeFolderAtomically(target, async (tmp) => {
        await writeFile(join(tmp, "half"), "x");
        throw new Error("killed mid-build");
      }),
    ).rejects.toThrow("killed mid-build");
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    await writeFolderAtomically(target, async (tmp) => writeFile(join(tmp, "done"), "1"));
    expect(readdirSync(target)).toEqual(["done"]);
  });
});

describe("manifest", () => {
  it("lists the offline model and the two recommended online models with roles and licenses", () => {
    const manifest = loadManifest();
    const byId = Object.fromEntries(manifest.models.map((m) => [m.id, m]));
    expect(byId["use-lite"]?.role).toBe("embedding");
    expect(byId["use-lite"]?.default).toBe(true);
    expect(byId["Xenova/all-MiniLM-L6-v2"]?.role).toBe("embedding");
    expect(byId["Xenova/nli-deberta-v3-xsmall"]?.role).toBe("nli");
    for (const m of manifest.models) expect(m.files.map((f) => f.path)).toContain("onnx/model.onnx");
  });

  it("rejects unknown keys and bad hashes loudly", () => {
    const manifest = loadManifest();
    expect(() => loadManifest({ ...manifest, extra: 1 })).toThrow(/manifest\.json is invalid/);
    const broken = { ...manifest, models: [{ ...manifest.models[0], files: [{ path: "x", sha256: "nope" }] }] };
    expect(() => loadManifest(broken)).toThrow(/models\.0\.files\.0\.sha256/);
  });
});
