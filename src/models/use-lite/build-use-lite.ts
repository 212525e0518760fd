import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ModelError } from "../../errors.js";
import { modelCacheDir, pathExists, writeFolderAtomically, type Env } from "../model-paths.js";
import { encodeOnnxModel } from "./onnx-proto.js";
import { readTfjsWeights } from "./tfjs-weights.js";
import { USE_LITE_CONVERTER_VERSION, useLiteSideFiles } from "./use-lite-files.js";
import { buildUseLiteGraph } from "./use-lite-graph.js";

/** Manifest id of the offline default embedding model. */
export const USE_LITE_ID = "use-lite";

/** Options of {@link buildUseLite}. */
export interface BuildUseLiteOptions {
  /** Destination folder. @default the cache folder of `use-lite` */
  outDir?: string;
  /** Folder with the TF.js `model.json`, shards and `vocab.json`. @default the installed weight package */
  weightsDir?: string;
  /** Rebuild even when a complete model is already there. @default false */
  force?: boolean;
  /** Environment used to find the cache. @default process.env */
  env?: Env;
}

/** What a build produced. */
export interface BuildUseLiteResult {
  dir: string;
  /** `false` when an up-to-date model was already in place. */
  built: boolean;
  /** Relative file path → sha256 (hex) of what was written. */
  files: Record<string, string>;
}

/**
 * Tells whether `dir` holds a complete model written by the current converter version.
 * @param dir - Model folder.
 * @returns `true` when `config.json` records this converter version and the ONNX file exists.
 * @example
 * if (!(await isUseLiteCurrent(dir))) await buildUseLite({ outDir: dir });
 */
export async function isUseLiteCurrent(dir: string): Promise<boolean> {
  try {
    const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8")) as {
      abstain_reward?: { converter_version?: number };
    };
    return config.abstain_reward?.converter_version === USE_LITE_CONVERTER_VERSION && (await pathExists(join(dir, "onnx", "model.onnx")));
  } catch {
    return false;
  }
}

/**
 * Converts the Universal Sentence Encoder lite TF.js weights into an ONNX model folder in the
 * Hugging Face layout (`onnx/model.onnx`, `tokenizer.json`, `tokenizer_config.json`, `config.json`),
 * deterministically (same package → same bytes) and atomically. Needs no network.
 * @param options - Destination, weight source, force.
 * @returns The folder and the sha256 of each file.
 * @example
 * const { dir } = await buildUseLite(); // ~/.cache/abstain-reward/models/use-lite
 */
export async function buildUseLite(options: BuildUseLiteOptions = {}): Promise<BuildUseLiteResult> {
  const dir = options.outDir ?? modelCacheDir(USE_LITE_ID, options.env);
  if (options.force !== true && (await isUseLiteCurrent(dir))) {
    return { dir, built: false, files: {} };
  }
  const data = await readTfjsWeights(options.weightsDir);
  const files: Record<string, Uint8Array | string> = {
    ...useLiteSideFiles(data),
    "onnx/model.onnx": encodeOnnxModel(buildUseLiteGraph(data)),
  };
  const hashes: Record<string, string> = {};
  try {
    await writeFolderAtomically(
      dir,
      async (tmp) => {
        await mkdir(join(tmp, "onnx"));
        for (const [name, content] of Object.entries(files)) {
          await writeFile(join(tmp, name), content);
          hashes[name] = createHash("sha256").update(content).digest("hex");
        }
      },
      options.force === true,
    );
  } catch (cause) {
    throw new ModelError(
      `Could not write the converted model to ${dir}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        "Check that the folder is writable, or set ABSTAIN_REWARD_MODELS to a writable folder.",
      { cause },
    );
  }
  return { dir, built: true, files: hashes };
}
