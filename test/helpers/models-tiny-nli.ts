/**
 * Builds a tiny sequence-classification model folder in the Hugging Face layout with predictable
 * logits: each "no" adds 2 to contradiction, "maybe" 2 to neutral, "yes" 2 to entailment, and every
 * token of the second segment (type id 1) adds 0.25 to neutral. Padding must not count, so wrong
 * masking, segment ids, truncation or label mapping all change the numbers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GraphBuilder } from "../../src/models/use-lite/graph-builder.js";
import { encodeOnnxModel } from "../../src/models/use-lite/onnx-proto.js";
import { wordPieceTokenizerJson, wordPieceVocab } from "./models-tiny-tokenizers.js";

/** Label order of the tiny model's logits (deliberately not the alphabetical one). */
export const TINY_LABELS = ["CONTRADICTION", "NEUTRAL", "ENTAILMENT"] as const;
/** Longest sequence the tiny model accepts, special tokens included: small, so truncation is exercised. */
export const TINY_MAX_LENGTH = 16;

/** The logits the tiny model must produce for one encoded row. */
export function expectedLogits(ids: readonly number[], typeIds: readonly number[]): [number, number, number] {
  const vocab = wordPieceVocab();
  const logits: [number, number, number] = [0, 0, 0];
  ids.forEach((id, t) => {
    if (id === vocab.no) logits[0] += 2;
    if (id === vocab.maybe) logits[1] += 2;
    if (id === vocab.yes) logits[2] += 2;
    if (typeIds[t] === 1) logits[1] += 0.25;
  });
  return logits;
}

function tinyOnnx(inputs: readonly string[]): Uint8Array {
  const vocab = wordPieceVocab();
  const size = Object.keys(vocab).length;
  const g = new GraphBuilder();
  const table = new Float32Array(size * 3);
  table[(vocab.no ?? 0) * 3 + 0] = 2;
  table[(vocab.maybe ?? 0) * 3 + 1] = 2;
  table[(vocab.yes ?? 0) * 3 + 2] = 2;
  const mask3 = g.op("Unsqueeze", [g.op("Cast", ["attention_mask"], [{ name: "to", kind: "int", value: 1 }]), g.int64s("axes", [2])]);
  let perToken = g.op("Gather", [g.constant("words", "float", [size, 3], table), "input_ids"]);
  if (inputs.includes("token_type_ids")) {
    const types = g.constant("types", "float", [2, 3], Float32Array.of(0, 0, 0, 0, 0.25, 0));
    perToken = g.op("Add", [perToken, g.op("Gather", [types, "token_type_ids"])]);
  }
  g.op("ReduceSum", [g.op("Mul", [perToken, mask3]), g.int64s("axis", [1])], [{ name: "keepdims", kind: "int", value: 0 }]);
  g.renameLastOutput("logits");
  return encodeOnnxModel({
    graphName: "tiny_nli",
    opset: 17,
    irVersion: 8,
    producer: "abstain-reward-tests",
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: inputs.map((name) => ({ name, dtype: "int64" as const, shape: ["batch", "sequence"] })),
    outputs: [{ name: "logits", dtype: "float", shape: ["batch", 3] }],
    metadata: {},
  });
}

/** Options of {@link writeTinyNli}. */
export interface TinyNliOptions {
  /** `id2label` to write; defaults to {@link TINY_LABELS}. */
  id2label?: Record<string, string>;
  /** Model inputs; drop `token_type_ids` to test models without it, add a stray one to test validation. */
  inputs?: readonly string[];
}

/**
 * Writes the tiny NLI model folder.
 * @param dir - Destination (created).
 * @param options - Label map and input names.
 * @returns `dir`.
 */
export function writeTinyNli(dir: string, options: TinyNliOptions = {}): string {
  const inputs = options.inputs ?? ["input_ids", "attention_mask", "token_type_ids"];
  const id2label = options.id2label ?? Object.fromEntries(TINY_LABELS.map((l, i) => [String(i), l]));
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(join(dir, "onnx", "model.onnx"), tinyOnnx(inputs));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(wordPieceTokenizerJson()));
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify({ model_max_length: TINY_MAX_LENGTH, pad_token: "[PAD]" }));
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      model_type: "bert",
      architectures: ["BertForSequenceClassification"],
      id2label,
      label2id: Object.fromEntries(Object.entries(id2label).map(([k, v]) => [v, Number(k)])),
      max_position_embeddings: 512,
    }),
  );
  return dir;
}
