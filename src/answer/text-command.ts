import { LATEX_COMMANDS } from "./latex-commands.js";
import type { Token } from "./math-token.js";
import { CONNECTOR_WORDS, PERCENT_WORDS, isUnitPhrase } from "./unit-words.js";

/** How the tokenizer reads the argument of a text command. */
export type TextMeaning = { kind: "unit" } | { kind: "number"; text: string } | { kind: "tokens"; tokens: Token[] };

const NUMERIC = /^\s{0,8}-?[\d.,]{1,64}\s{0,8}$/;

/**
 * What the argument of `\text{…}` (and `\mbox`, `\mathrm`, `\operatorname`…) means in an answer:
 * a unit to drop (`\text{ cm}`), a connector (`\text{ and }` separates answers), a percent word,
 * a number written as text, a function name, or a word kept as text (`\text{Evelyn}`).
 * @param content - The braced argument.
 * @param command - The command name, without backslash.
 * @param afterValue - Whether a value stands just before (then a one-letter unit like `m` is a unit).
 * @returns How the tokenizer should read it.
 */
export function classifyText(content: string, command: string, afterValue: boolean): TextMeaning {
  const trimmed = content.trim();
  const lower = trimmed.toLowerCase();
  if (trimmed === "") return { kind: "tokens", tokens: [] };
  if (CONNECTOR_WORDS.has(lower) || trimmed === ",") return { kind: "tokens", tokens: [{ t: "sep" }] };
  if (PERCENT_WORDS.has(lower)) return { kind: "tokens", tokens: [{ t: "op", op: "%" }] };
  if (NUMERIC.test(trimmed)) return { kind: "number", text: trimmed };
  const known = LATEX_COMMANDS.get(lower);
  if (known?.type === "fn") return { kind: "tokens", tokens: [{ t: "fn", name: known.name }] };
  if (/^[A-Za-z]$/.test(trimmed) && command !== "text" && command !== "textbf") {
    return { kind: "tokens", tokens: [{ t: "id", name: trimmed }] };
  }
  // Units only when they stand alone after a value (`15\text{ cm}`), never a one-letter answer (`\text{E}`).
  if ((trimmed.length > 1 || afterValue) && isUnitPhrase(trimmed)) return { kind: "unit" };
  return { kind: "tokens", tokens: [{ t: "text", text: trimmed }] };
}
