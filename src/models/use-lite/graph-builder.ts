import type { OnnxAttribute, OnnxNode, OnnxTensor } from "./onnx-proto.js";

/**
 * Collects nodes and initializers with generated, unique value names so the architecture file can
 * read like the maths (`const h = g.op("Add", [a, b])`) instead of bookkeeping.
 * @example
 * const g = new GraphBuilder();
 * const w = g.constant("w", "float", [2, 2], new Float32Array(4));
 * const y = g.op("MatMul", ["x", w]);
 */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;

  /**
   * Adds a constant tensor and returns its value name.
   * @param name - Human-readable prefix; a suffix keeps it unique.
   * @param dtype - Element type.
   * @param dims - Shape.
   * @param data - Values in row-major order.
   * @returns The value name to use as a node input.
   * @example
   * const scale = g.constant("scale", "float", [], Float32Array.of(0.125));
   */
  constant(name: string, dtype: OnnxTensor["dtype"], dims: readonly number[], data: OnnxTensor["data"]): string {
    const unique = `${name}_${this.counter++}`;
    this.initializers.push({ name: unique, dtype, dims, data });
    return unique;
  }

  /**
   * Adds an int64 vector constant (shapes, axes, split sizes).
   * @param name - Prefix for the value name.
   * @param values - The integers.
   * @returns The value name.
   * @example
   * const axes = g.int64s("axes", [1]);
   */
  int64s(name: string, values: readonly number[]): string {
    return this.constant(
      name,
      "int64",
      [values.length],
      BigInt64Array.from(values, (v) => BigInt(v)),
    );
  }

  /**
   * Adds a float scalar constant.
   * @param name - Prefix for the value name.
   * @param value - The number (rounded to float32).
   * @returns The value name.
   * @example
   * const eps = g.scalar("eps", 1e-6);
   */
  scalar(name: string, value: number): string {
    return this.constant(name, "float", [], Float32Array.of(value));
  }

  /**
   * Adds one node with a single output and returns that output's name.
   * @param opType - ONNX operator.
   * @param inputs - Input value names (`""` for an omitted optional input).
   * @param attributes - Node attributes.
   * @returns The output value name.
   * @example
   * const y = g.op("Relu", [x]);
   */
  op(opType: string, inputs: readonly string[], attributes: readonly OnnxAttribute[] = []): string {
    const [output] = this.opMulti(opType, inputs, 1, attributes);
    return output ?? "";
  }

  /**
   * Adds one node with several outputs.
   * @param opType - ONNX operator.
   * @param inputs - Input value names.
   * @param outputCount - How many outputs the node has.
   * @param attributes - Node attributes.
   * @returns The output value names, in order.
   * @example
   * const [q, k, v] = g.opMulti("Split", [qkv, sizes], 3, [{ name: "axis", kind: "int", value: -1 }]);
   */
  opMulti(opType: string, inputs: readonly string[], outputCount: number, attributes: readonly OnnxAttribute[] = []): string[] {
    const id = this.counter++;
    const outputs = Array.from({ length: outputCount }, (_, i) => `${opType.toLowerCase()}_${id}_out${i}`);
    this.nodes.push({ opType, name: `${opType}_${id}`, inputs, outputs, attributes });
    return outputs;
  }

  /**
   * Renames the output of the last node, for graph outputs that need a fixed name.
   * @param name - The public output name.
   * @returns The new name.
   * @example
   * g.op("Div", [x, norm]); g.renameLastOutput("sentence_embedding");
   */
  renameLastOutput(name: string): string {
    const last = this.nodes.at(-1);
    if (last === undefined) throw new Error("renameLastOutput called on an empty graph.");
    this.nodes[this.nodes.length - 1] = { ...last, outputs: [name, ...last.outputs.slice(1)] };
    return name;
  }
}
