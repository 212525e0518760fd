/**
 * Best wall time of `runs` calls, in ms. Time bounds assert on the best run so that they measure
 * the algorithm (linear vs. catastrophic), not a scheduler hiccup on a shared 2-core machine.
 */
export async function bestTimeMs(fn: () => unknown, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
