/**
 * Micro-batching with dynamic padding. Sorting by length before chunking is the main speed lever:
 * padding is most of the cost of a mixed-length batch (measured ~3.5× on USE-lite, see
 * docs/performance.md), and each micro-batch is padded only to its own longest row.
 */

/** One tokenized row: ids and, for pair models, segment ids. */
export interface EncodedRow {
  ids: readonly number[];
  typeIds?: readonly number[];
}

/** Dense, right-padded int64 tensors of one micro-batch. */
export interface PaddedBatch {
  rows: number;
  seqLen: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
}

/**
 * Groups row indices into micro-batches of similar length (stable sort, longest last), closing a
 * batch at `batchSize` rows or when its padded size would pass `maxTokens` (large padded batches
 * of long rows are slower per row on CPU: the attention matrices stop fitting in cache).
 * @param lengths - Token count of each row.
 * @param batchSize - Most rows per micro-batch.
 * @param maxTokens - Most padded tokens (rows × longest row) per micro-batch; a single row may exceed it.
 * @returns Lists of original row indices.
 * @example
 * planBatches([5, 1, 3], 2); // → [[1, 2], [0]]
 */
export function planBatches(lengths: readonly number[], batchSize: number, maxTokens = Number.POSITIVE_INFINITY): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0) || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    // Rows arrive shortest first, so the newcomer sets the padded length of the batch.
    const padded = (current.length + 1) * Math.max(1, lengths[index] ?? 0);
    if (current.length === batchSize || (current.length > 0 && padded > maxTokens)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Right-pads rows to the longest one (at least 1 column, so an all-empty batch stays a valid tensor).
 * @param rows - Encoded rows of one micro-batch.
 * @param padId - Id written into padding positions (masked out by the model).
 * @returns Flat int64 tensors in row-major order.
 * @example
 * padBatch([{ ids: [5, 6] }, { ids: [7] }], 0).attentionMask; // → [1n, 1n, 1n, 0n]
 */
export function padBatch(rows: readonly EncodedRow[], padId: number): PaddedBatch {
  const seqLen = Math.max(1, ...rows.map((r) => r.ids.length));
  const size = rows.length * seqLen;
  const inputIds = new BigInt64Array(size).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(size);
  const tokenTypeIds = new BigInt64Array(size);
  rows.forEach((row, r) => {
    const base = r * seqLen;
    for (let t = 0; t < row.ids.length; t++) {
      inputIds[base + t] = BigInt(row.ids[t] ?? padId);
      attentionMask[base + t] = 1n;
      tokenTypeIds[base + t] = BigInt(row.typeIds?.[t] ?? 0);
    }
  });
  return { rows: rows.length, seqLen, inputIds, attentionMask, tokenTypeIds };
}
