import { MAX_RESPONSE_CHARS } from "../limits.js";
import { answerRegion } from "./answer-input.js";
import { goldChoiceLetter } from "./choice-letter.js";
import { extractMath, type MathExtraction } from "./extract-math.js";
import { finalBoxes } from "./final-boxes.js";
import type { MathNode } from "./math-ast.js";
import { children, isWord } from "./math-ast.js";
import { isCurrency, readPlainNumber } from "./number-format.js";
import type { MatchType, ResolvedScoreAnswerOptions } from "./options.js";
import { MAX_MATH_CHARS, parseMathAnswer } from "./parse-answer.js";

/** A gold answer ready to compare, or the reason it cannot be graded. */
export type GoldAnswer =
  /** `node: null`: the gold's answer did not parse; it is compared as a string (Math-Verify's fallback). */
  | { kind: "math"; node: MathNode | null; text: string; alsoText: boolean }
  | { kind: "text"; text: string }
  | { kind: "ungradeable"; text: string; reason: string };

/** Gold answers longer than this are solutions, read only through their boxed or delimited answer. */
export const MAX_TEXT_GOLD_CHARS = 500;

const MATH_MARKUP = /\$|\\\(|\\\[|\\boxed|\\fbox/;
const FORMULA_CHARS = /[+*/^=<>\\_|{}]/;
/** Letter runs that are math, not prose. */
const MATH_WORDS = new Set(["sin", "cos", "tan", "sec", "csc", "cot", "log", "ln", "exp", "sqrt", "pi", "inf", "infty", "and", "or"]);

/** Runs of two or more letters that are not LaTeX commands or math words: signs of prose (`NP`, `210 BC`). */
function proseWords(text: string): boolean {
  const withoutEnvironments =
    text.includes("\\begin") || text.includes("\\end") ? text.replace(/\\(?:begin|end)\{[^{}]{0,20}\}/g, " ") : text;
  for (const match of withoutEnvironments.matchAll(/\\?[A-Za-z]{2,40}/g)) {
    const word = match[0];
    if (!word.startsWith("\\") && !MATH_WORDS.has(word.toLowerCase())) return true;
  }
  return false;
}

/** Words of three letters or more, or any `\text{…}`: the gold is prose, not a formula. */
function textual(node: MathNode): boolean {
  if (node.kind === "text") return true;
  if (node.kind === "sym" && isWord(node.name) && node.name.length >= 3) return true;
  return children(node).some(textual);
}

/** `125 miles`, `$20 dollars`, `12 Angry Men`: a number followed by at most three words. */
function numberWithWords(text: string): MathNode | null {
  const start = isCurrency(text[0]) ? 1 : 0;
  const number = readPlainNumber(text, start);
  if (number === null || number.end === text.length || text[number.end] !== " ") return null;
  const words = text.slice(number.end).trim().split(/\s+/);
  if (words.length > 3 || !words.every((word) => /^[A-Za-z.]+$/.test(word))) return null;
  return parseMathAnswer(text.slice(start, number.end), "plain");
}

/**
 * A gold that is one box and nothing else (`\\boxed{40.0}`, the usual dataset form): its content is
 * what the extractor would pick, parsed directly, without scanning for other candidates.
 */
function wholeBox(text: string, matchTypes: readonly MatchType[]): MathExtraction | null {
  if (!text.startsWith("\\boxed") || !matchTypes.includes("latex")) return null;
  const boxes = finalBoxes(text);
  if (boxes === null || boxes.start !== 0 || boxes.end !== text.length || boxes.parts.length !== 1) return null;
  const content = (boxes.parts[0] as string).trim();
  const node = parseMathAnswer(content, "latex");
  return node === null ? null : { text: content, node, source: "boxed", mode: "latex" };
}

function ungradeable(text: string, reason: string): GoldAnswer {
  return { kind: "ungradeable", text, reason };
}

/**
 * Reads a gold answer leniently: a solution with `\boxed`/`$…$` through the extractor, a plain
 * formula or number as math, a number with a few words as math (with a text fallback), a
 * multiple-choice letter or other short phrase as text.
 * @param gold - One gold answer.
 * @param options - Resolved options (`answerType` forces math or text).
 * @returns The parsed gold.
 */
export function parseOneGold(gold: string, options: ResolvedScoreAnswerOptions): GoldAnswer {
  const text = gold.slice(0, MAX_RESPONSE_CHARS).trim();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return ungradeable(text, `The gold answer ${JSON.stringify(text.slice(0, 40))} has no letters or digits to compare.`);
  }
  if (options.answerType === "text") {
    return text.length <= MAX_TEXT_GOLD_CHARS
      ? { kind: "text", text }
      : ungradeable(
          text,
          `The gold answer is ${text.length} characters long; a short-text answer may have at most ${MAX_TEXT_GOLD_CHARS}.`,
        );
  }
  // A gold with words (`US$1,000,000`, `4 November 1987`) is also compared as text when math fails.
  // Looked for only when needed: a boxed formula without words (the usual gold) never needs it.
  let proseFound: boolean | undefined;
  const prose = (): boolean => {
    proseFound ??= options.answerType === "auto" && text.length <= MAX_TEXT_GOLD_CHARS && proseWords(text);
    return proseFound;
  };
  if (MATH_MARKUP.test(text)) {
    const extracted = wholeBox(text, options.matchTypes) ?? extractMath(answerRegion(text), options.matchTypes);
    // Letters inside a formula (`\frac{2ab}{…}`) are not prose: only words outside math make a text reading.
    if (extracted !== null) {
      const alsoText = extracted.node === null || (textual(extracted.node) && prose());
      return { kind: "math", node: extracted.node, text: extracted.text, alsoText };
    }
  }
  const plainProse = prose() && !FORMULA_CHARS.test(text);
  if (text.length <= MAX_MATH_CHARS && (options.answerType === "math" || goldChoiceLetter(text) === null)) {
    const leading = numberWithWords(text);
    if (leading !== null && plainProse) return { kind: "math", node: leading, text, alsoText: true };
    const node = plainProse ? null : parseMathAnswer(text, "plain");
    if (node !== null && !textual(node)) return { kind: "math", node, text, alsoText: prose() };
    if (leading !== null) return { kind: "math", node: leading, text, alsoText: options.answerType === "auto" };
  }
  if (options.answerType === "auto" && text.length <= MAX_TEXT_GOLD_CHARS) return { kind: "text", text };
  const extracted = extractMath(answerRegion(text), options.matchTypes);
  if (extracted?.node) return { kind: "math", node: extracted.node, text: extracted.text, alsoText: false };
  return ungradeable(
    text,
    options.answerType === "math"
      ? `The gold answer ${JSON.stringify(text.slice(0, 60))} is not a mathematical answer; pass answerType "auto" or "text" to grade it as text.`
      : `The gold answer is ${text.length} characters of prose without a boxed or delimited final answer, so there is nothing to compare against.`,
  );
}
