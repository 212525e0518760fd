import { collectionsEqual } from "./compare-collections.js";
import { sampledEqual, scalarsEqual } from "./compare-numeric.js";
import { isAssignment, isEquation, isRelation, lastSide, relationToSet, relationsEqual, truncateAssignment } from "./compare-relations.js";
import type { MathNode } from "./math-ast.js";
import { canonicalKey, isCollection, nodeKey } from "./math-ast.js";
import type { PercentMode } from "./options.js";
import { renameSymbols } from "./rename-symbols.js";

/** How two math answers were found equal. */
export type MathMethod = "exact" | "numeric" | "symbolic" | "set" | "tuple" | "interval" | "relation" | "matrix";

/** Comparison settings taken from the resolved options. */
export interface MathCompareSettings {
  readonly precision: number;
  readonly strict: boolean;
  readonly allowSetRelationComp: boolean;
  readonly percent: PercentMode;
}

function isSetLike(node: MathNode): boolean {
  return (
    node.kind === "interval" ||
    node.kind === "union" ||
    node.kind === "set" ||
    node.kind === "list" ||
    (node.kind === "tuple" && node.items.length === 2)
  );
}

function hasMatrix(node: MathNode): boolean {
  if (node.kind === "matrix") return true;
  if (node.kind === "bin") return hasMatrix(node.left) || hasMatrix(node.right);
  return node.kind === "neg" && hasMatrix(node.arg);
}

function label(node: MathNode): string | null {
  if (node.kind === "text") return node.text;
  if (node.kind === "sym") return node.name;
  if (node.kind === "const" && node.name === "e") return "e";
  return null;
}

/** `\text{(C)}` = `C`, `\text{Evelyn}` = `Evelyn`: letters and digits only, case-insensitive. */
function labelsEqual(a: string, b: string): boolean {
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const x = squash(a);
  return x !== "" && x === squash(b);
}

/** Structurally equal answers report what they are: a tuple, a set, an interval, a matrix, a relation. */
function structureMethod(node: MathNode): MathMethod {
  switch (node.kind) {
    case "tuple":
      return "tuple";
    case "set":
    case "list":
    case "union":
      return "set";
    case "interval":
      return "interval";
    case "matrix":
      return "matrix";
    case "rel":
      return "relation";
    default:
      return "exact";
  }
}

/**
 * The keys of the nodes met in one comparison, each made once: the elements of two collections
 * are compared pairwise, and each comparison starts by comparing keys. Owned by one top-level
 * comparison, never shared.
 */
class NodeKeys {
  private readonly plainKeys = new Map<MathNode, string>();
  private readonly canonicalKeys = new Map<MathNode, string>();

  plain(node: MathNode): string {
    return NodeKeys.cached(this.plainKeys, nodeKey, node);
  }

  canonical(node: MathNode): string {
    return NodeKeys.cached(this.canonicalKeys, canonicalKey, node);
  }

  /** A number's key is its digits (no lookup); any other node's is computed once per comparison. */
  private static cached(keys: Map<MathNode, string>, compute: (node: MathNode) => string, node: MathNode): string {
    if (node.kind === "num") return node.digits;
    let key = keys.get(node);
    if (key === undefined) {
      key = compute(node);
      keys.set(node, key);
    }
    return key;
  }
}

/**
 * One comparison step. Two numbers (the usual boxed answer against a numeric gold) are decided
 * directly: the general steps come to the same for them (no symbols to rename, no relation or
 * collection, equal keys only for equal digits).
 */
function compare(gold: MathNode, pred: MathNode, settings: MathCompareSettings, keys: NodeKeys): MathMethod | null {
  if (gold.kind === "num" && pred.kind === "num") {
    return gold.digits === pred.digits ? "exact" : scalarsEqual(gold, pred, settings.precision, settings.percent);
  }
  return compareInGeneral(gold, pred, settings, keys);
}

/**
 * Whether two parsed math answers are equal, following Math-Verify's rules: assignments reduce to
 * their values (`x = 5` vs `5`), relations compare by orientation and proportional sides, a
 * relation in the gold compares with a set in the prediction, collections compare element-wise,
 * decimals after rounding, and expressions by value at the same sample points.
 * @param goldIn - Gold answer.
 * @param predIn - Predicted answer.
 * @param settings - Precision, strictness and the set–relation switch.
 * @returns How they matched, or `null`.
 */
export function mathEqual(goldIn: MathNode, predIn: MathNode, settings: MathCompareSettings): MathMethod | null {
  return compare(goldIn, predIn, settings, new NodeKeys());
}

/**
 * {@link mathEqual} without its shortcut for two numbers at the top; exported so tests can show the
 * shortcut decides as the general steps do.
 * @param goldIn - Gold answer.
 * @param predIn - Predicted answer.
 * @param settings - As for {@link mathEqual}.
 * @returns How they matched, or `null`.
 */
export function mathEqualInGeneral(goldIn: MathNode, predIn: MathNode, settings: MathCompareSettings): MathMethod | null {
  return compareInGeneral(goldIn, predIn, settings, new NodeKeys());
}

function compareInGeneral(goldIn: MathNode, predIn: MathNode, settings: MathCompareSettings, keys: NodeKeys): MathMethod | null {
  let gold = goldIn;
  let pred = settings.strict ? predIn : renameSymbols(predIn, goldIn);
  const goldIsEquation = isEquation(gold);
  const predIsEquation = isEquation(pred);
  const goldIsAssignment = isAssignment(gold);
  if (isAssignment(gold)) gold = truncateAssignment(gold);
  if (isAssignment(pred)) pred = truncateAssignment(pred);
  // Follow the gold's form: `1` vs `k = 1` compares 1 with 1, but `2x + z = 1` vs `1` does not.
  if (predIsEquation && !goldIsEquation && isRelation(pred)) pred = lastSide(pred);
  else if (goldIsAssignment && !predIsEquation && isRelation(gold)) gold = lastSide(gold);

  if (isRelation(gold) && isSetLike(pred)) {
    const set = relationToSet(gold);
    if (set !== null) gold = set;
  }
  if (settings.allowSetRelationComp && isRelation(pred) && isSetLike(gold)) {
    const set = relationToSet(pred);
    if (set !== null) pred = set;
  }

  if (keys.plain(gold) === keys.plain(pred)) return structureMethod(gold);
  if (keys.canonical(gold) === keys.canonical(pred)) {
    const method = structureMethod(gold);
    return method === "exact" ? "symbolic" : method;
  }
  const strict = settings.strict ? settings : { ...settings, strict: true };
  const equal = (a: MathNode, b: MathNode): boolean => compare(a, b, strict, keys) !== null;
  if (isRelation(gold) || isRelation(pred)) {
    return isRelation(gold) && isRelation(pred) && relationsEqual(gold, pred, equal) ? "relation" : null;
  }
  if (isCollection(gold) || isCollection(pred)) return collectionsEqual(gold, pred, equal, (node) => keys.canonical(node));
  const goldLabel = label(gold);
  const predLabel = label(pred);
  if ((gold.kind === "text" || pred.kind === "text") && goldLabel !== null && predLabel !== null) {
    return labelsEqual(goldLabel, predLabel) ? "exact" : null;
  }
  if (gold.kind === "text" || pred.kind === "text") return null;
  if (gold.kind === "matrix" && pred.kind === "matrix") {
    const sameShape = gold.rows.length === pred.rows.length && gold.rows.every((row, r) => row.length === pred.rows[r]?.length);
    if (sameShape && gold.rows.every((row, r) => row.every((cell, c) => equal(cell, pred.rows[r]?.[c] as MathNode)))) {
      return "matrix";
    }
  }
  if (hasMatrix(gold) || hasMatrix(pred)) return sampledEqual(gold, pred) ? "matrix" : null;
  if (goldLabel !== null && predLabel !== null && gold.kind === "sym" && pred.kind === "sym" && labelsEqual(goldLabel, predLabel)) {
    return "exact";
  }
  return scalarsEqual(gold, pred, settings.precision, settings.percent);
}
