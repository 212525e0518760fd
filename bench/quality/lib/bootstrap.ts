/**
 * Story-level bootstrap intervals for the quality bench. Variants of one UMWP story share their
 * wording, so their rows succeed or fail together: an interval that resampled rows one by one
 * would be too narrow. Resampling whole groups (stories, or items where an item is its own group)
 * gives an interval that says how far a held-out figure can move with another draw of stories.
 */
import { rng } from "./data.js";

export interface Interval {
  /** 2.5th percentile of the statistic over the resamples. */
  low: number;
  /** 97.5th percentile. */
  high: number;
  /** Resamples whose statistic was defined (a resample may draw no negative for an AUC). */
  resamples: number;
}

/**
 * A 95% percentile interval of `statistic` over resamples of the rows' groups with replacement:
 * each resample draws as many groups as there are, and takes every row of each group drawn.
 * Deterministic for a seed.
 * @param rows - The rows (all the statistic needs: a positive and its negatives share a group).
 * @param groupOf - The group of a row.
 * @param statistic - Computed on each resample; NaN results are left out.
 * @param resamples - How many resamples (default 1000).
 * @param seed - The random seed (default 7).
 * @returns The interval; NaN bounds when no resample gave a value.
 * @example
 * groupBootstrap([1, 1, 0], (x) => x, (xs) => xs.reduce((a, b) => a + b, 0) / xs.length).high; // 1
 */
export function groupBootstrap<T>(
  rows: readonly T[],
  groupOf: (row: T) => number,
  statistic: (rows: readonly T[]) => number,
  resamples = 1000,
  seed = 7,
): Interval {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groupOf(row);
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [row]);
    else members.push(row);
  }
  const members = [...groups.values()];
  const random = rng(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples && members.length > 0; r += 1) {
    const drawn: T[] = [];
    for (let g = 0; g < members.length; g += 1) drawn.push(...(members[Math.floor(random() * members.length)] ?? []));
    const value = statistic(drawn);
    if (!Number.isNaN(value)) values.push(value);
  }
  values.sort((a, b) => a - b);
  const at = (q: number): number =>
    values.length === 0 ? Number.NaN : (values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN);
  return { low: at(0.025), high: at(0.975), resamples: values.length };
}
