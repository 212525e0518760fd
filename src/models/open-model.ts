import { InputError, ModelError } from "../errors.js";
import { readModelFolder, type ModelFolder } from "./model-folder.js";
import type { Env } from "./model-paths.js";
import { ModelRuntime, type SessionHandle } from "./model-runtime.js";
import type { Device, SessionOptions } from "./execution-providers.js";
import { resolveModelDir } from "./resolve-model.js";
import { createTokenEncoder, type TokenEncoder } from "./tokenizers/token-encoder.js";

/** Options shared by {@link loadEmbedder} and `loadNli`. */
export interface LoadModelOptions {
  /** A model folder (Hugging Face layout) or a manifest id. @default "use-lite" for embeddings */
  model?: string;
  /** Where to run: `auto` tries CUDA and falls back to CPU with one warning line. @default "auto" */
  device?: Device;
  /** ONNX Runtime session options; yours win over the library's defaults. */
  sessionOptions?: SessionOptions;
  /** Most padded tokens (rows × longest row) per micro-batch, on top of the row limit. @default 4096 */
  maxBatchTokens?: number;
  /** Cap on tokens per text (or pair), below the model's own limit. */
  maxLength?: number;
  /** A specific file under `onnx/` (e.g. `model_quantized.onnx`). @default "model.onnx", then "model_quantized.onnx" */
  onnxFile?: string;
  /** Share sessions between loaders; a runtime passed in is not disposed by the model's `dispose()`. */
  runtime?: ModelRuntime;
  /** Environment for the model cache location. @default process.env */
  env?: Env;
  /** Receives progress and warning lines. @default writes each line to stderr */
  log?: (line: string) => void;
}

/** A model folder with its tokenizer and session, ready for batched passes. */
export interface OpenedModel {
  folder: ModelFolder;
  encoder: TokenEncoder;
  handle: SessionHandle;
  /** The fields of a batch job that do not change between calls. */
  batchContext: { handle: SessionHandle; modelPath: string; padId: number; maxBatchTokens: number };
  /** Releases what this model owns. */
  close(): Promise<void>;
}

/** Inputs this library knows how to produce. */
const KNOWN_INPUTS = new Set(["input_ids", "attention_mask", "token_type_ids"]);

/**
 * Resolves, reads and opens a model: folder checks, tokenizer, session, input-name validation.
 * @param options - Loader options.
 * @param defaultModel - Model used when `options.model` is absent.
 * @returns The opened model.
 * @example
 * const model = await openModel({ model: "/models/nli" });
 */
export async function openModel(options: LoadModelOptions, defaultModel?: string): Promise<OpenedModel> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBatchTokens = options.maxBatchTokens ?? 4096;
  if (!Number.isInteger(maxBatchTokens) || maxBatchTokens < 1) {
    throw new InputError(`maxBatchTokens must be a positive integer, got ${maxBatchTokens}; 4096 suits CPUs.`);
  }
  const resolved = await resolveModelDir(options.model ?? defaultModel, {
    progress: log,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const folder = await readModelFolder(resolved.dir, resolved.id, options.onnxFile);
  const encoder = createTokenEncoder(folder, options.maxLength);
  const owned = options.runtime === undefined;
  const runtime =
    options.runtime ??
    new ModelRuntime({
      ...(options.device === undefined ? {} : { device: options.device }),
      ...(options.sessionOptions === undefined ? {} : { sessionOptions: options.sessionOptions }),
      warn: (line) => log(`abstain-reward: ${line}`),
    });
  const handle = await runtime.session(folder.onnxPath);
  const unknown = handle.session.inputNames.filter((name) => !KNOWN_INPUTS.has(name));
  if (unknown.length > 0) {
    if (owned) await runtime.dispose();
    throw new ModelError(
      `The model ${folder.onnxPath} expects inputs ${unknown.map((n) => `"${n}"`).join(", ")} that this library cannot provide; ` +
        "supported inputs are input_ids, attention_mask and token_type_ids (the standard Hugging Face export).",
    );
  }
  return {
    folder,
    encoder,
    handle,
    batchContext: { handle, modelPath: folder.onnxPath, padId: encoder.padId, maxBatchTokens },
    close: async () => {
      if (owned) await runtime.dispose();
    },
  };
}
