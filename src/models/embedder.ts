import { InputError } from "../errors.js";
import type { Embedder } from "../types.js";
import { emptyTiming, runInBatches, type TimingStats } from "./batch-runner.js";
import { embeddingOutputName, embeddingWidth, vectorsFromOutput } from "./embedding-output.js";
import { LruCache, type CacheStats } from "./lru-cache.js";
import { openModel, type LoadModelOptions, type OpenedModel } from "./open-model.js";

/** Options of {@link loadEmbedder}; every field is optional. */
export interface EmbedderOptions extends LoadModelOptions {
  /** Texts per micro-batch. @default 32 */
  batchSize?: number;
  /** Embeddings kept in the LRU cache, keyed by text; 0 disables it. @default 10000 */
  cacheSize?: number;
}

/** Counters of an {@link OnnxEmbedder}. */
export interface EmbedderStats {
  /** Lookups answered from the cache (or from a duplicate text in the same call) vs. computed. */
  cache: CacheStats;
  timing: TimingStats;
  /** Execution provider in use: `cpu`, `cuda` or `custom`. */
  provider: string;
}

/**
 * A sentence embedder on ONNX Runtime: unit-length vectors (mean pooling over the attention mask
 * for token-level outputs, then L2 norm), length-sorted micro-batches, an LRU cache by text.
 * @example
 * const embedder = await loadEmbedder();
 * const [a, b] = await embedder.embed(["The answer is 4.", "It is four."]);
 */
export class OnnxEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly cache: LruCache<string, Float32Array>;
  private timing = emptyTiming();
  private hits = 0;
  private misses = 0;

  /**
   * Wraps an opened model; use {@link loadEmbedder} instead of calling this directly.
   * @param model - The opened model.
   * @param batchSize - Texts per micro-batch.
   * @param cacheSize - LRU capacity.
   */
  constructor(
    private readonly model: OpenedModel,
    private readonly batchSize: number,
    cacheSize: number,
  ) {
    this.id = model.folder.id;
    this.cache = new LruCache(cacheSize);
    this.dimension = embeddingWidth(model.handle.session, model.folder.config, model.folder.id);
  }

  /**
   * Embeds texts, in order; repeated texts are computed once and served from the cache after.
   * @param texts - Any strings (the empty string is allowed).
   * @returns One unit-length `Float32Array` per text (each a fresh copy the caller may keep).
   * @example
   * const [v] = await embedder.embed(["hello"]); // v.length === embedder.dimension
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
      throw new InputError("embed() takes an array of strings; convert every item to a string first.");
    }
    const results: (Float32Array | undefined)[] = texts.map(() => undefined);
    const pending = new Map<string, number[]>();
    texts.forEach((text, i) => {
      const waiting = pending.get(text);
      if (waiting !== undefined) {
        waiting.push(i);
        this.hits++;
        return;
      }
      const cached = this.cache.get(text);
      if (cached !== undefined) {
        results[i] = cached;
        this.hits++;
      } else {
        pending.set(text, [i]);
        this.misses++;
      }
    });
    const unique = [...pending.keys()];
    if (unique.length > 0) {
      const t0 = performance.now();
      const rows = unique.map((text) => this.model.encoder.encode(text));
      this.timing.tokenizeMs += performance.now() - t0;
      await runInBatches({
        ...this.model.batchContext,
        rows,
        batchSize: this.batchSize,
        outputName: embeddingOutputName(this.model.handle.session.outputNames),
        timing: this.timing,
        collect: (output, batch, rowIndices) => {
          const vectors = vectorsFromOutput(output, batch, this.id);
          rowIndices.forEach((row, k) => {
            const text = unique[row] ?? "";
            const vector = vectors[k] ?? new Float32Array(this.dimension);
            this.cache.set(text, vector);
            for (const i of pending.get(text) ?? []) results[i] = vector;
          });
        },
      });
    }
    return results.map((v) => (v ?? new Float32Array(this.dimension)).slice());
  }

  /**
   * Reports cache counters, time spent per stage and the provider in use.
   * @returns A snapshot.
   * @example
   * embedder.stats().cache.hitRate;
   */
  stats(): EmbedderStats {
    const lookups = this.hits + this.misses;
    const lru = this.cache.stats();
    const cache = { ...lru, hits: this.hits, misses: this.misses, hitRate: lookups === 0 ? 0 : this.hits / lookups };
    return { cache, timing: { ...this.timing }, provider: this.model.handle.provider };
  }

  /**
   * Zeroes the counters (the cached vectors stay).
   * @returns Nothing.
   * @example
   * embedder.resetStats();
   */
  resetStats(): void {
    this.timing = emptyTiming();
    this.hits = 0;
    this.misses = 0;
  }

  /**
   * Releases the ONNX Runtime session (unless the runtime was passed in by the caller) and the cache.
   * @returns Resolves when released.
   * @example
   * await embedder.dispose();
   */
  async dispose(): Promise<void> {
    this.cache.clear();
    await this.model.close();
  }
}

/**
 * Loads a sentence-embedding model; with no `model` it uses the offline default `use-lite`,
 * building it from the npm weight package on first use (one progress line on stderr, no network).
 * @param options - Model (folder path or manifest id), device, batch size, cache size, session options.
 * @returns A ready {@link OnnxEmbedder}.
 * @example
 * const embedder = await loadEmbedder({ device: "cpu", batchSize: 64 });
 * const vectors = await embedder.embed(["a", "b"]);
 * await embedder.dispose();
 */
export async function loadEmbedder(options: EmbedderOptions = {}): Promise<OnnxEmbedder> {
  const batchSize = options.batchSize ?? 32;
  const cacheSize = options.cacheSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}; 32 is a good default on CPU.`);
  }
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new InputError(`cacheSize must be a non-negative integer (0 disables the cache), got ${cacheSize}.`);
  }
  return new OnnxEmbedder(await openModel(options), batchSize, cacheSize);
}
