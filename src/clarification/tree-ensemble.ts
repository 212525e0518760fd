/**
 * Inference for the clarification scorer's small gradient-boosted tree ensemble (the parameter
 * file `models/clarification-scorer.json`). Pure; each tree is a flat array of nodes.
 */

/** One node: a split (`feature`, `threshold`, children by index) or a leaf (`value`). */
export type TreeNode = { feature: number; threshold: number; left: number; right: number } | { value: number };

/** A boosted ensemble over a fixed feature order: `score = σ(base + Σ tree(x))`. */
export interface TreeEnsemble {
  features: readonly string[];
  base: number;
  trees: readonly (readonly TreeNode[])[];
}

/**
 * The raw margin of a feature vector (before the logistic link).
 * @param ensemble - The ensemble.
 * @param values - Feature values by name (missing names read as 0).
 * @returns `base + Σ leaf values`.
 * @example
 * ensembleMargin({ features: ["a"], base: 0, trees: [[{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: -1 }, { value: 1 }]] }, { a: 1 }); // 1
 */
export function ensembleMargin(ensemble: TreeEnsemble, values: Readonly<Record<string, number>>): number {
  const x = ensemble.features.map((name) => values[name] ?? 0);
  let margin = ensemble.base;
  for (const tree of ensemble.trees) {
    let at = 0;
    // Depth is bounded by the tree's size: a malformed file cannot loop.
    for (let guard = 0; guard <= tree.length; guard += 1) {
      const node = tree[at];
      if (node === undefined) break;
      if ("value" in node) {
        margin += node.value;
        break;
      }
      at = (x[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
    }
  }
  return margin;
}

/**
 * The ensemble's probability-like score.
 * @param ensemble - The ensemble.
 * @param values - Feature values by name.
 * @returns A score in (0, 1).
 * @example
 * ensembleScore({ features: [], base: 0, trees: [] }, {}); // 0.5
 */
export function ensembleScore(ensemble: TreeEnsemble, values: Readonly<Record<string, number>>): number {
  return 1 / (1 + Math.exp(-ensembleMargin(ensemble, values)));
}
