/** One edit region between two token sequences: `a[aStart, aEnd)` became `b[bStart, bEnd)`. */
export interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Above this many DP cells the middle is reported as one hunk (bounded memory and time). */
export const MAX_DIFF_CELLS = 4_000_000;

/**
 * Longest-common-subsequence diff of two key sequences, after trimming the common prefix and
 * suffix; O(n·m) in the trimmed middle, bounded by {@link MAX_DIFF_CELLS}.
 * @param a - Keys of the first sequence.
 * @param b - Keys of the second sequence.
 * @returns The edit hunks, in order.
 * @example
 * diffKeys(["x", "is", "5"], ["x", "is", "7"]); // [{ aStart: 2, aEnd: 3, bStart: 2, bEnd: 3 }]
 */
export function diffKeys(a: readonly string[], b: readonly string[]): Hunk[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_DIFF_CELLS) {
    return [{ aStart: prefix, aEnd: prefix + n, bStart: prefix, bEnd: prefix + m }];
  }
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        a[prefix + i] === b[prefix + j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  let i = 0;
  let j = 0;
  const close = (): void => {
    if (open !== null) hunks.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[prefix + i] === b[prefix + j]) {
      close();
      i += 1;
      j += 1;
      continue;
    }
    open ??= { aStart: prefix + i, aEnd: prefix + i, bStart: prefix + j, bEnd: prefix + j };
    const down = i < n ? (table[(i + 1) * width + j] ?? 0) : -1;
    const right = j < m ? (table[i * width + j + 1] ?? 0) : -1;
    if (j >= m || (i < n && down >= right)) {
      i += 1;
      open.aEnd = prefix + i;
    } else {
      j += 1;
      open.bEnd = prefix + j;
    }
  }
  close();
  return hunks;
}
