import type { MathNode } from "./math-ast.js";
import { MathSyntaxError, THOUSANDS, canonicalDigits } from "./math-token.js";
import { expandPlusMinus } from "./expand-plus-minus.js";
import { wholePlainNumber } from "./number-format.js";
import { parseMath } from "./parse-math.js";

/** Longer answers are prose or garbage, not math; they are never tokenized. */
export const MAX_MATH_CHARS = 4000;

/** How a candidate was found: inside LaTeX (`$…$`, `\boxed`) or as plain text (`1,000.99`, `2/3`). */
export type MathMode = "latex" | "plain";

const BRACED_COMMA = /\s?\{\s?,\s?\}\s?/g;
const THIN_SPACE_COMMA = /,\\!\s{0,4}/g;

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

/**
 * `10,455` is ten thousand…, but `1,3` and `(100,200)` are two values: commas become thousands
 * separators only when every top-level comma sits between a 1–3 digit group and exactly 3 digits.
 */
function markTopLevelThousands(text: string): string {
  const commas: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "(" || ch === "[" || ch === "{") depth += 1;
    else if (ch === ")" || ch === "]" || ch === "}") depth -= 1;
    else if (ch === "," && depth === 0) commas.push(i);
  }
  if (commas.length === 0) return text;
  const thousandsLike = commas.every((at) => {
    let lead = at;
    while (lead > 0 && isDigit(text, lead - 1)) lead -= 1;
    const leadLength = at - lead;
    const chained = text[lead - 1] === ",";
    const validLead = chained ? leadLength === 3 : leadLength >= 1 && leadLength <= 3 && text[lead] !== "0" && text[lead - 1] !== ".";
    return validLead && isDigit(text, at + 1) && isDigit(text, at + 2) && isDigit(text, at + 3) && !isDigit(text, at + 4);
  });
  if (!thousandsLike) return text;
  let out = "";
  let last = 0;
  for (const at of commas) {
    out += `${text.slice(last, at)}${THOUSANDS}`;
    last = at + 1;
  }
  return out + text.slice(last);
}

/** `x = 1/3 \approx 0.33` keeps `x = 1/3`; a lone `x \approx 11` reads as `x = 11`. */
function dropApproximation(text: string): string {
  const at = text.search(/\\approx|\u2248/);
  if (at === -1) return text;
  const before = text.slice(0, at);
  return /(?<![<>!\\])=/.test(before) ? before : text;
}

/** `1 = \zzz = x = 0`: when the whole chain does not parse, its last side may (Math-Verify's fallback). */
function lastEquationSide(text: string): string | null {
  if (text.includes(",") || text.includes(";")) return null;
  const parts = text.split(/(?<![<>!\\])=/);
  return parts.length > 2 ? (parts[parts.length - 1] as string).trim() : null;
}

/** `12`, `40.0`, `.5`: digits with at most one point followed by a digit, nothing else. */
function isDecimalLiteral(text: string): boolean {
  let point = -1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46 && point === -1) point = i;
    else if (!(code >= 48 && code <= 57)) return false;
  }
  return text.length > 0 && point !== text.length - 1;
}

/**
 * The node the LaTeX parser makes of a decimal literal (one number token, no operator), built
 * directly: the most common boxed answer skips the tokenizer, the parser and the `\pm` expansion.
 * Tests check it against the parser on every literal of the answer corpora.
 */
function decimalNode(text: string): MathNode {
  return { kind: "num", value: Number(text), digits: canonicalDigits(text), float: text.includes(".") };
}

function tryParse(text: string): MathNode | null {
  try {
    return expandPlusMinus(parseMath(text));
  } catch (error) {
    if (error instanceof MathSyntaxError) return null;
    throw error;
  }
}

/**
 * Parses one candidate answer into math. Plain candidates that are a single number go through the
 * number grammar (`1,22` is 1.22, `1 000` is 1000); everything else through the LaTeX parser.
 * @param text - The candidate text.
 * @param mode - Where it was found.
 * @returns The parsed answer, or `null` when it is not math.
 */
export function parseMathAnswer(text: string, mode: MathMode): MathNode | null {
  if (text.length > MAX_MATH_CHARS) return null;
  if (mode === "plain") {
    const number = wholePlainNumber(text);
    if (number !== null) {
      const negative = number.value.startsWith("-");
      const digits = negative ? number.value.slice(1) : number.value;
      let node: MathNode = { kind: "num", value: Number(digits), digits: canonicalDigits(digits), float: digits.includes(".") };
      if (number.exponent !== null) {
        const power: MathNode = {
          kind: "num",
          value: Number(number.exponent.replace("-", "")),
          digits: canonicalDigits(number.exponent.replace("-", "")),
          float: false,
        };
        const exponent: MathNode = number.exponent.startsWith("-") ? { kind: "neg", arg: power } : power;
        node = {
          kind: "bin",
          op: "*",
          left: node,
          right: { kind: "bin", op: "^", left: { kind: "num", value: 10, digits: "10", float: false }, right: exponent },
        };
      }
      if (negative) node = { kind: "neg", arg: node };
      return number.percent ? { kind: "pct", arg: node } : node;
    }
  }
  if (mode === "latex" && isDecimalLiteral(text)) return decimalNode(text);
  // Both comma patterns need a comma: most answers have none and skip the two regex passes.
  const separated = text.includes(",") ? text.replace(BRACED_COMMA, THOUSANDS).replace(THIN_SPACE_COMMA, THOUSANDS) : text;
  const prepared = markTopLevelThousands(dropApproximation(separated));
  const parsed = tryParse(prepared);
  if (parsed !== null) return parsed;
  const last = lastEquationSide(prepared);
  return last === null || last === "" ? null : tryParse(last);
}
