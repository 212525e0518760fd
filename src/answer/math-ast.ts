/**
 * The parsed form of a mathematical answer. Small and closed so the comparer can switch on `kind`;
 * numbers keep their source text so that integers beyond 2^53 still compare exactly.
 */

/** Relation operators after parsing (`\le` is `<=`, `\neq` is `!=`). */
export type RelOp = "=" | "<" | "<=" | ">" | ">=" | "!=";

/** A node of a parsed answer. */
export type MathNode =
  | { kind: "num"; value: number; digits: string; float: boolean }
  | { kind: "const"; name: "pi" | "e" | "inf" }
  | { kind: "sym"; name: string }
  | { kind: "text"; text: string }
  | { kind: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: MathNode; right: MathNode }
  | { kind: "neg"; arg: MathNode }
  | { kind: "pm"; left: MathNode | null; right: MathNode; minusFirst: boolean }
  | { kind: "pct"; arg: MathNode }
  | { kind: "fn"; name: string; args: MathNode[] }
  | { kind: "tuple"; items: MathNode[] }
  | { kind: "set"; items: MathNode[] }
  | { kind: "list"; items: MathNode[] }
  | { kind: "interval"; lo: MathNode; hi: MathNode; loOpen: boolean; hiOpen: boolean }
  | { kind: "union"; parts: MathNode[] }
  | { kind: "rel"; ops: RelOp[]; parts: MathNode[] }
  | { kind: "matrix"; rows: MathNode[][] };

/** The nodes compared element by element. */
export type Collection = Extract<MathNode, { kind: "tuple" | "set" | "list" | "interval" | "union" }>;

/** Collections compared element by element rather than evaluated. */
export function isCollection(node: MathNode): node is Collection {
  return node.kind === "tuple" || node.kind === "set" || node.kind === "list" || node.kind === "interval" || node.kind === "union";
}

/** A number literal, possibly negated or with a percent sign: the only nodes that float rounding applies to. */
export function numberAtom(node: MathNode): Extract<MathNode, { kind: "num" }> | null {
  if (node.kind === "num") return node;
  if (node.kind === "neg" || node.kind === "pct") return numberAtom(node.arg);
  return null;
}

/** The children of a node, in order. */
export function children(node: MathNode): MathNode[] {
  switch (node.kind) {
    case "bin":
      return [node.left, node.right];
    case "neg":
    case "pct":
      return [node.arg];
    case "pm":
      return node.left === null ? [node.right] : [node.left, node.right];
    case "fn":
      return node.args;
    case "tuple":
    case "set":
    case "list":
      return node.items;
    case "interval":
      return [node.lo, node.hi];
    case "union":
      return node.parts;
    case "rel":
      return node.parts;
    case "matrix":
      return node.rows.flat();
    default:
      return [];
  }
}

/** Names of the free variables (single letters of words count one by one), sorted. */
export function freeSymbols(node: MathNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === "sym") {
    if (isWord(node.name)) for (const letter of node.name) into.add(letter);
    else into.add(node.name);
  } else if (node.kind === "fn" && isUnknownFunction(node.name)) {
    into.add(`${node.name}()`);
  }
  for (const child of children(node)) freeSymbols(child, into);
  return into;
}

/** A run of several plain letters (`ab`, `Evelyn`), read as the product of its letters when evaluated. */
export function isWord(name: string): boolean {
  return name.length > 1 && /^[A-Za-z]+$/.test(name);
}

/** Functions the evaluator does not know (`f`, `g`, `h`): evaluated as fixed pseudo-random functions. */
export function isUnknownFunction(name: string): boolean {
  return name.length === 1;
}

function operands(node: MathNode, op: "+" | "*", into: MathNode[]): MathNode[] {
  if (node.kind === "bin" && node.op === op) {
    operands(node.left, op, into);
    operands(node.right, op, into);
  } else {
    into.push(node);
  }
  return into;
}

/**
 * Like {@link nodeKey}, with the operands of sums and (non-matrix) products sorted, so that
 * `F_k F_{n-k-1}` and `F_{n-k-1} F_k`, or `10t + 12` and `12 + 10t`, have one key even where the
 * expression has no value to compare (a `\sum`, an unknown function of a subscript).
 * @param node - A parsed answer.
 * @returns The key.
 */
export function canonicalKey(node: MathNode): string {
  if (node.kind === "bin" && (node.op === "+" || node.op === "*")) {
    const keys = operands(node, node.op, []).map(canonicalKey);
    // Matrix products do not commute.
    if (node.op === "*" && keys.some((key) => key.includes("["))) return `(${keys.join("*")})`;
    return `(${keys.sort().join(node.op)})`;
  }
  switch (node.kind) {
    case "bin":
      return `(${canonicalKey(node.left)}${node.op}${canonicalKey(node.right)})`;
    case "neg":
      return `(-${canonicalKey(node.arg)})`;
    case "fn":
      return `${node.name}(${node.args.map(canonicalKey).join(",")})`;
    case "rel":
      return node.parts.map((part, i) => (i === 0 ? canonicalKey(part) : `${node.ops[i - 1] ?? "="}${canonicalKey(part)}`)).join("");
    case "tuple":
      return `(${node.items.map(canonicalKey).join(",")})`;
    default:
      return nodeKey(node);
  }
}

/** A canonical string of the node, equal for structurally equal nodes (`1000` and `1000.0` included). */
export function nodeKey(node: MathNode): string {
  switch (node.kind) {
    case "num":
      return node.digits;
    case "const":
      return `#${node.name}`;
    case "sym":
      return node.name;
    case "text":
      return `"${node.text}"`;
    case "bin":
      return `(${nodeKey(node.left)}${node.op}${nodeKey(node.right)})`;
    case "neg":
      return `(-${nodeKey(node.arg)})`;
    case "pm":
      return `(${node.left === null ? "" : nodeKey(node.left)}${node.minusFirst ? "∓" : "±"}${nodeKey(node.right)})`;
    case "pct":
      return `${nodeKey(node.arg)}%`;
    case "fn":
      return `${node.name}(${node.args.map(nodeKey).join(",")})`;
    case "tuple":
      return `(${node.items.map(nodeKey).join(",")})`;
    case "set":
      return `{${node.items.map(nodeKey).join(",")}}`;
    case "list":
      return `<${node.items.map(nodeKey).join(",")}>`;
    case "interval":
      return `${node.loOpen ? "(" : "["}${nodeKey(node.lo)},${nodeKey(node.hi)}${node.hiOpen ? ")" : "]"}`;
    case "union":
      return node.parts.map(nodeKey).join("∪");
    case "rel":
      return node.parts.map((part, i) => (i === 0 ? nodeKey(part) : `${node.ops[i - 1] ?? "="}${nodeKey(part)}`)).join("");
    case "matrix":
      return `[${node.rows.map((row) => row.map(nodeKey).join("&")).join(";")}]`;
  }
}
