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
  // Two numbers (the usual boxed answer against a numeric gold): what the general steps come to for
  // them — no symbols to rename, no relation or collection, equal keys only for equal digits.
  if (goldIn.kind === "num" && predIn.kind === "num") {
    return goldIn.digits === predIn.digits ? "exact" : scalarsEqual(goldIn, predIn, settings.precision, settings.percent);
  }
  return mathEqualInGeneral(goldIn, predIn, settings);
}

/**
 * {@link mathEqual} without its shortcut for two numbers; exported so tests can show the shortcut
 * decides as the general steps do.
 * @param goldIn - Gold answer.
 * @param predIn - Predicted answer.
 * @param settings - As for {@link mathEqual}.
 * @returns How they matched, or `null`.
 */
export function mathEqualInGeneral(goldIn: MathNode, predIn: MathNode, settings: MathCompareSettings): MathMethod | null {
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

  if (nodeKey(gold) === nodeKey(pred)) return structureMethod(gold);
  if (canonicalKey(gold) === canonicalKey(pred)) {
    const method = structureMethod(gold);
    return method === "exact" ? "symbolic" : method;
  }
  const strict = settings.strict ? settings : { ...settings, strict: true };
  const equal = (a: MathNode, b: MathNode): boolean => mathEqual(a, b, strict) !== null;
  if (isRelation(gold) || isRelation(pred)) {
    return isRelation(gold) && isRelation(pred) && relationsEqual(gold, pred, equal) ? "relation" : null;
  }
  if (isCollection(gold) || isCollection(pred)) return collectionsEqual(gold, pred, equal);
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
