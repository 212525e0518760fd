import type { InferenceSession, Tensor } from "onnxruntime-node";
import { ModelError } from "../errors.js";
import type { PaddedBatch } from "./batching.js";
import { l2Normalize, meanPool, splitRows } from "../vector/vector-math.js";

/** Output names tried in order: sentence-transformers exports, then token-level hidden states. */
export const EMBEDDING_OUTPUT_NAMES = ["sentence_embedding", "last_hidden_state", "token_embeddings"] as const;

/**
 * Picks the output that holds embeddings.
 * @param outputNames - `session.outputNames`.
 * @returns The preferred name, else the first output.
 * @example
 * embeddingOutputName(["last_hidden_state", "pooler_output"]); // → "last_hidden_state"
 */
export function embeddingOutputName(outputNames: readonly string[]): string {
  return EMBEDDING_OUTPUT_NAMES.find((n) => outputNames.includes(n)) ?? outputNames[0] ?? "";
}

/**
 * Reads the embedding width from the session's output metadata, else `config.json` `hidden_size`.
 * @param session - The model's session.
 * @param config - Parsed `config.json`.
 * @param id - Model id for the error message.
 * @returns The vector width.
 * @example
 * embeddingWidth(session, folder.config, "use-lite"); // → 512
 */
export function embeddingWidth(session: InferenceSession, config: Readonly<Record<string, unknown>>, id: string): number {
  const name = embeddingOutputName(session.outputNames);
  const meta = session.outputMetadata.find((m) => m.name === name);
  const last = meta !== undefined && meta.isTensor ? meta.shape[meta.shape.length - 1] : undefined;
  if (typeof last === "number" && last > 0) return last;
  if (typeof config.hidden_size === "number") return config.hidden_size;
  throw new ModelError(`Cannot tell the embedding width of ${id}: neither the ONNX output nor config.json hidden_size gives it.`);
}

/**
 * Turns one micro-batch's output into unit vectors: `[batch, width]` is normalised as is,
 * `[batch, tokens, width]` is mean-pooled over the attention mask first.
 * @param output - The session output.
 * @param batch - The padded batch it came from (for the mask).
 * @param id - Model id for error messages.
 * @returns One unit-length vector per row.
 * @example
 * const vectors = vectorsFromOutput(output, batch, "use-lite");
 */
export function vectorsFromOutput(output: Tensor, batch: PaddedBatch, id: string): Float32Array[] {
  if (!(output.data instanceof Float32Array)) {
    throw new ModelError(`The embedding output of ${id} is ${output.type}; expected float32. Export the model in fp32.`);
  }
  const dims = output.dims;
  const width = dims[dims.length - 1] ?? 0;
  let rows: Float32Array[];
  if (dims.length === 3) rows = meanPool(output.data, batch.attentionMask, batch.rows, batch.seqLen, width);
  else if (dims.length === 2) rows = splitRows(output.data, batch.rows, width);
  else {
    throw new ModelError(
      `The embedding output of ${id} has shape [${dims.join(", ")}]; expected [batch, width] or [batch, tokens, width].`,
    );
  }
  return rows.map(l2Normalize);
}
