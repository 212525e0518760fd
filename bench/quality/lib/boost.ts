/**
 * Gradient boosting of small regression trees on the weighted logistic loss (second-order leaf
 * values), the fitter of the clarification scorer. Deterministic: no sampling.
 */
import type { TreeEnsemble, TreeNode } from "../../../src/clarification/tree-ensemble.js";
import { fnv1a } from "./data.js";

export interface BoostOptions {
  trees: number;
  depth: number;
  rate: number;
  lambda: number;
  minWeight: number;
  bins: number;
}
export const BOOST_DEFAULTS: BoostOptions = { trees: 80, depth: 4, rate: 0.15, lambda: 0.002, minWeight: 0.004, bins: 24 };

interface Sample {
  x: number[];
  y: number;
  w: number;
}

function candidates(samples: readonly Sample[], feature: number, bins: number): number[] {
  const values = [...new Set(samples.map((s) => s.x[feature] ?? 0))].sort((a, b) => a - b);
  if (values.length <= 1) return [];
  const cuts = new Set<number>();
  for (let b = 1; b < bins; b += 1) {
    const i = Math.floor((b * values.length) / bins);
    const lo = values[Math.max(0, i - 1)] ?? 0;
    const hi = values[i] ?? lo;
    if (hi > lo) cuts.add(Math.round(((lo + hi) / 2) * 1e6) / 1e6);
  }
  return [...cuts];
}

export function boost(samples: readonly Sample[], features: readonly string[], options: BoostOptions = BOOST_DEFAULTS): TreeEnsemble {
  const totalW = samples.reduce((s, x) => s + x.w, 0);
  const meanY = samples.reduce((s, x) => s + x.w * x.y, 0) / totalW;
  const base = Math.log(meanY / (1 - meanY));
  const margin = samples.map(() => base);
  const cuts = features.map((_, f) => candidates(samples, f, options.bins));
  const trees: TreeNode[][] = [];
  for (let t = 0; t < options.trees; t += 1) {
    const g = samples.map((s, i) => s.w * (1 / (1 + Math.exp(-(margin[i] ?? 0))) - s.y));
    const h = samples.map((s, i) => {
      const p = 1 / (1 + Math.exp(-(margin[i] ?? 0)));
      return s.w * p * (1 - p);
    });
    const nodes: TreeNode[] = [];
    const grow = (index: number[], depth: number): number => {
      const G = index.reduce((s, i) => s + (g[i] ?? 0), 0);
      const H = index.reduce((s, i) => s + (h[i] ?? 0), 0);
      const at = nodes.length;
      nodes.push({ value: Math.round(((-options.rate * G) / (H + options.lambda)) * 1e5) / 1e5 });
      if (depth >= options.depth) return at;
      let best = { gain: 1e-9, feature: -1, threshold: 0 };
      const parent = (G * G) / (H + options.lambda);
      features.forEach((_, f) => {
        for (const threshold of cuts[f] ?? []) {
          let gl = 0;
          let hl = 0;
          let wl = 0;
          let wr = 0;
          for (const i of index) {
            const s = samples[i] as Sample;
            if ((s.x[f] ?? 0) <= threshold) {
              gl += g[i] ?? 0;
              hl += h[i] ?? 0;
              wl += s.w;
            } else wr += s.w;
          }
          if (wl < options.minWeight || wr < options.minWeight) continue;
          const gr = G - gl;
          const hr = H - hl;
          const gain = (gl * gl) / (hl + options.lambda) + (gr * gr) / (hr + options.lambda) - parent;
          if (gain > best.gain) best = { gain, feature: f, threshold };
        }
      });
      if (best.feature === -1) return at;
      const left = index.filter((i) => ((samples[i] as Sample).x[best.feature] ?? 0) <= best.threshold);
      const right = index.filter((i) => ((samples[i] as Sample).x[best.feature] ?? 0) > best.threshold);
      const l = grow(left, depth + 1);
      const r = grow(right, depth + 1);
      nodes[at] = { feature: best.feature, threshold: best.threshold, left: l, right: r };
      return at;
    };
    grow(
      samples.map((_, i) => i),
      0,
    );
    trees.push(nodes);
    const tree = nodes;
    samples.forEach((s, i) => {
      let at = 0;
      for (;;) {
        const node = tree[at];
        if (node === undefined) break;
        if ("value" in node) {
          margin[i] = (margin[i] ?? 0) + node.value;
          break;
        }
        at = (s.x[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
      }
    });
  }
  return { features, base: Math.round(base * 1e5) / 1e5, trees };
}

/** A sample with the group (a UMWP story or an item) it belongs to, for {@link baggedBoost}. */
export interface GroupedSample extends Sample {
  group: number;
}

/** How many ensembles {@link baggedBoost} averages. */
export const BAGS = 5;

/** The bag a group is left out of: FNV-1a of its id under its own salt (independent of the folds). */
export function bagOf(group: number, bags: number = BAGS): number {
  return fnv1a(`bag:${group}`) % bags;
}

/**
 * The average of `bags` boosted ensembles, each fitted without one bag of groups (a story or an
 * item is never split): averaging lowers the variance of trees fitted on a few hundred positives.
 * The average of the margins is itself one ensemble: the mean base and every tree with its leaves
 * divided by `bags`, so the parameter file and the scorer stay as they are. Deterministic.
 * @param samples - Weighted samples with their groups.
 * @param features - Feature names, in the order of `x`.
 * @param options - Boosting options of each member.
 * @param bags - Members (1 gives a single ensemble on every sample).
 * @returns The merged ensemble.
 */
export function baggedBoost(
  samples: readonly GroupedSample[],
  features: readonly string[],
  options: BoostOptions = BOOST_DEFAULTS,
  bags: number = BAGS,
): TreeEnsemble {
  if (bags <= 1) return boost(samples, features, options);
  const members = Array.from({ length: bags }, (_, bag) =>
    boost(
      samples.filter((s) => bagOf(s.group, bags) !== bag),
      features,
      options,
    ),
  );
  const shrink = (node: TreeNode): TreeNode => ("value" in node ? { value: Math.round((node.value / bags) * 1e6) / 1e6 } : node);
  return {
    features,
    base: Math.round((members.reduce((sum, member) => sum + member.base, 0) / bags) * 1e5) / 1e5,
    trees: members.flatMap((member) => member.trees.map((tree) => tree.map(shrink))),
  };
}
