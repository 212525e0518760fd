/**
 * The vector maths of the model layer, pure and allocation-light: mean pooling over an attention
 * mask, L2 normalisation, softmax and cosine. Kept apart from ONNX Runtime so it is tested alone.
 */

/**
 * Averages token vectors over the positions whose mask is 1 (`sum ÷ max(count, 1)`, so an
 * all-padding row gives a zero vector instead of NaN).
 * @param hidden - Row-major `[batch, seq, width]` values.
 * @param mask - Row-major `[batch, seq]` attention mask (1 = real token).
 * @param batch - Batch size.
 * @param seq - Padded sequence length.
 * @param width - Vector width.
 * @returns One pooled vector per row.
 * @example
 * meanPool(Float32Array.of(1, 2, 3, 4), [1, 0], 1, 2, 2); // → [Float32Array [1, 2]]
 */
export function meanPool(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  width: number,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const acc = new Float64Array(width);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[b * seq + t] ?? 0) === 0) continue;
      count++;
      const base = (b * seq + t) * width;
      for (let d = 0; d < width; d++) acc[d] = (acc[d] ?? 0) + (hidden[base + d] ?? 0);
    }
    const pooled = new Float32Array(width);
    const divisor = Math.max(count, 1);
    for (let d = 0; d < width; d++) pooled[d] = (acc[d] ?? 0) / divisor;
    out.push(pooled);
  }
  return out;
}

/**
 * Scales a vector to unit length in place; a zero vector stays zero (norm floored at 1e-12).
 * @param vector - The vector to normalise.
 * @returns The same array, for chaining.
 * @example
 * l2Normalize(Float32Array.of(3, 4)); // → Float32Array [0.6, 0.8]
 */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  const norm = Math.max(Math.sqrt(sum), 1e-12);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

/**
 * Numerically stable softmax (the maximum is subtracted first).
 * @param logits - Raw scores.
 * @returns Probabilities summing to 1.
 * @example
 * softmax([0, 0]); // → [0.5, 0.5]
 */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? -Infinity);
  const exps = Array.from(logits, (x) => Math.exp(x - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/**
 * Cosine similarity; 0 when either vector is all zeros.
 * @param a - First vector.
 * @param b - Second vector of the same length.
 * @returns A value in [-1, 1].
 * @example
 * cosine(Float32Array.of(1, 0), Float32Array.of(0, 1)); // → 0
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`cosine() needs vectors of equal length, got ${a.length} and ${b.length}.`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/**
 * Splits a row-major `[rows, width]` buffer into one copied vector per row.
 * @param data - The flat values.
 * @param rows - Number of rows.
 * @param width - Row width.
 * @returns The rows, each an independent `Float32Array`.
 * @example
 * splitRows(Float32Array.of(1, 2, 3, 4), 2, 2); // → [[1, 2], [3, 4]]
 */
export function splitRows(data: Float32Array, rows: number, width: number): Float32Array[] {
  return Array.from({ length: rows }, (_, r) => data.slice(r * width, (r + 1) * width));
}
