import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError, ModelError } from "../errors.js";
import { pathExists } from "./model-paths.js";
import type { AbstainRewardModelConfig } from "./use-lite/use-lite-files.js";

/** ONNX files looked for under `onnx/`, in order of preference (transformers.js layout). */
export const ONNX_FILE_CANDIDATES = ["model.onnx", "model_quantized.onnx"] as const;

/** A model folder in the Hugging Face / transformers.js layout, read and checked. */
export interface ModelFolder {
  dir: string;
  /** Id shown in messages and on `Embedder.id` (manifest id or folder name). */
  id: string;
  config: Readonly<Record<string, unknown>>;
  /** This library's own block of `config.json`, present in models it converted. */
  abstainReward: AbstainRewardModelConfig | undefined;
  tokenizerJson: Readonly<Record<string, unknown>>;
  tokenizerConfig: Readonly<Record<string, unknown>>;
  onnxPath: string;
}

async function readJson(path: string, what: string, required: boolean): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    if (!required) return undefined;
    throw new ModelError(`${what} is missing: expected ${path}. ${FIX}`, { cause });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
    return value as Record<string, unknown>;
  } catch (cause) {
    throw new ModelError(`${what} at ${path} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}). ${FIX}`, {
      cause,
    });
  }
}

const FIX =
  "A model folder needs config.json, tokenizer.json and onnx/model.onnx (Hugging Face / transformers.js layout); " +
  "rebuild the offline model with `abstain-reward models build` or fetch one with `abstain-reward models pull <id>`.";

/**
 * Reads and validates a model folder: `config.json`, `tokenizer.json`, optional
 * `tokenizer_config.json`, and `onnx/model.onnx` (or `onnx/model_quantized.onnx`).
 * @param dir - The folder.
 * @param id - Display id; defaults to the folder name.
 * @param onnxFile - A specific file under `onnx/` to use instead of the default candidates.
 * @returns The parsed folder.
 * @example
 * const folder = await readModelFolder("/models/all-MiniLM-L6-v2");
 */
export async function readModelFolder(dir: string, id: string = basename(dir), onnxFile?: string): Promise<ModelFolder> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new ModelError(`No model folder at ${dir}. ${FIX}`);
  }
  const config = (await readJson(join(dir, "config.json"), "config.json", true)) ?? {};
  const tokenizerJson = (await readJson(join(dir, "tokenizer.json"), "tokenizer.json", true)) ?? {};
  const tokenizerConfig = (await readJson(join(dir, "tokenizer_config.json"), "tokenizer_config.json", false)) ?? {};
  const candidates = onnxFile === undefined ? ONNX_FILE_CANDIDATES : [onnxFile];
  let onnxPath: string | undefined;
  for (const name of candidates) {
    if (await pathExists(join(dir, "onnx", name))) {
      onnxPath = join(dir, "onnx", name);
      break;
    }
  }
  if (onnxPath === undefined) {
    throw new ModelError(`No ONNX weights in ${dir}: expected onnx/${candidates.join(" or onnx/")}. ${FIX}`);
  }
  const block = config.abstain_reward;
  const abstainReward = typeof block === "object" && block !== null ? (block as AbstainRewardModelConfig) : undefined;
  return { dir, id, config, abstainReward, tokenizerJson, tokenizerConfig, onnxPath };
}

/**
 * Picks the longest input the model accepts: the caller's limit, else the tokenizer's
 * `model_max_length` (ignoring the 1e30 "unset" sentinel), else `max_position_embeddings`, else 512.
 * @param folder - The model folder.
 * @param requested - A caller-supplied limit.
 * @returns The limit in tokens, special tokens included.
 * @example
 * maxLengthOf(folder); // → 128 for use-lite
 */
export function maxLengthOf(folder: ModelFolder, requested?: number): number {
  const limits = [folder.abstainReward?.max_length, folder.tokenizerConfig.model_max_length, folder.config.max_position_embeddings].filter(
    (v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0 && v < 1_000_000,
  );
  const modelLimit = limits[0] ?? 512;
  if (requested === undefined) return modelLimit;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new InputError(`maxLength must be a positive integer, got ${requested}; pass a whole number of tokens such as 256.`);
  }
  return Math.min(requested, modelLimit);
}
