/**
 * A minimal protobuf writer for the subset of ONNX's `ModelProto` the converter emits. Writing the
 * dozen message types by hand (field numbers from onnx/onnx.proto3) avoids a protobuf dependency on
 * users' machines; the output is checked by loading it in ONNX Runtime in the tests.
 */

/** ONNX `TensorProto.DataType` values used here. */
export const ONNX_DTYPE = { float: 1, int32: 6, int64: 7, bool: 9 } as const;
/** Element types the writer supports. */
export type OnnxDtype = keyof typeof ONNX_DTYPE;

/** A constant tensor stored in the graph. */
export interface OnnxTensor {
  name: string;
  dtype: OnnxDtype;
  dims: readonly number[];
  data: Float32Array | Int32Array | BigInt64Array | Uint8Array;
}

/** A node attribute; numbers are written as INT when `kind` is `int`, FLOAT otherwise. */
export type OnnxAttribute =
  | { name: string; kind: "int"; value: number }
  | { name: string; kind: "float"; value: number }
  | { name: string; kind: "ints"; value: readonly number[] }
  | { name: string; kind: "string"; value: string };

/** One operator application. */
export interface OnnxNode {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: readonly OnnxAttribute[];
}

/** A graph input or output: element type and shape, where a string dim is symbolic. */
export interface OnnxValueInfo {
  name: string;
  dtype: OnnxDtype;
  shape: readonly (number | string)[];
}

/** Everything needed to serialise one model. */
export interface OnnxModel {
  graphName: string;
  opset: number;
  irVersion: number;
  producer: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
  metadata: Readonly<Record<string, string>>;
}

/** Accumulates protobuf fields; nested messages are encoded first and appended as bytes. */
class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];

  private varint(value: bigint | number): void {
    // Negative int64 values are written as ten-byte two's complement, as protobuf requires.
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    while (v >= 0x80n) {
      bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    bytes.push(Number(v));
    this.chunks.push(Uint8Array.from(bytes));
  }

  private tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    this.chunks.push(buf);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.byteLength);
    this.chunks.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const total = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

function tensorProto(tensor: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter();
  for (const dim of tensor.dims) w.int(1, dim);
  w.int(2, ONNX_DTYPE[tensor.dtype]).string(8, tensor.name);
  // raw_data is little-endian, which is what typed arrays hold on every platform Node supports.
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return w.bytes(9, raw);
}

function attributeProto(attr: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, attr.name);
  switch (attr.kind) {
    case "float":
      return w.float(2, attr.value).int(20, 1);
    case "int":
      return w.int(3, attr.value).int(20, 2);
    case "string":
      return w.string(4, attr.value).int(20, 3);
    case "ints":
      for (const v of attr.value) w.int(8, v);
      return w.int(20, 7);
  }
}

function nodeProto(node: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name).string(4, node.opType);
  for (const attr of node.attributes) w.message(5, attributeProto(attr));
  return w;
}

function valueInfoProto(info: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of info.shape) {
    const d = new ProtoWriter();
    if (typeof dim === "number") d.int(1, dim);
    else d.string(2, dim);
    shape.message(1, d);
  }
  const tensorType = new ProtoWriter().int(1, ONNX_DTYPE[info.dtype]).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, info.name).message(2, type);
}

/**
 * Serialises a model to the ONNX protobuf wire format.
 * @param model - Graph, initializers, opset and metadata.
 * @returns The bytes of `model.onnx`.
 * @example
 * const bytes = encodeOnnxModel({ graphName: "g", opset: 17, irVersion: 8, producer: "x", nodes, initializers: [], inputs, outputs, metadata: {} });
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const graph = new ProtoWriter();
  for (const node of model.nodes) graph.message(1, nodeProto(node));
  graph.string(2, model.graphName);
  for (const init of model.initializers) graph.message(5, tensorProto(init));
  for (const input of model.inputs) graph.message(11, valueInfoProto(input));
  for (const output of model.outputs) graph.message(12, valueInfoProto(output));

  const w = new ProtoWriter().int(1, model.irVersion).string(2, model.producer);
  w.message(7, graph);
  w.message(8, new ProtoWriter().string(1, "").int(2, model.opset));
  for (const [key, value] of Object.entries(model.metadata)) {
    w.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return w.finish();
}
