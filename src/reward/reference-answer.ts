import { answersMatch } from "../answer/answers-match.js";
import { lastBox } from "../completion/find-boxes.js";
import { referenceExtract } from "./reference-extract.js";
import { pyStrip } from "./reference-rules.js";

/**
 * The reference's answer check, `math_verify_answer(answer_segment, ground_truth)`: Math-Verify's
 * `parse` on both sides, then `verify` on every pair. Math-Verify only knows mathematics, so:
 *
 * - a mathematical gold (a number, a formula) is compared as math with the answer that
 *   Math-Verify's extraction order takes (reward/reference-extract.ts);
 * - a prose gold that LaTeX parsing rejects (a sentence with a full stop, a non-ASCII dash)
 *   falls back, in Math-Verify, to the right-most plain number of `\boxed{gold}`, so the answer
 *   earns credit when its own extracted number equals that number;
 * - a prose gold that LaTeX parsing accepts ("The 28-year-old", "May 24, 1947") becomes a product
 *   of single-letter symbols that only the same prose, boxed, equals.
 *
 * The remaining differences (LaTeX parse failures this classification does not predict) are
 * listed in docs/decisions.md.
 */

// A gold is prose when it holds a word of two or more letters outside a LaTeX command.
function isProse(gold: string): boolean {
  return /(?:^|[^\\A-Za-z])[A-Za-z]{2,}/.test(gold.replace(/\\[A-Za-z]+/g, " "));
}

// LaTeX parsing of prose fails on a sentence-ending full stop, on characters outside printable
// ASCII, and on sentence punctuation LaTeX math has no meaning for.
function proseFailsLatex(gold: string): boolean {
  return /\.(?!\d)|[^\x20-\x7e]|[?!;:&@#]/.test(gold);
}

function unboxed(gold: string): string {
  const trimmed = pyStrip(gold);
  const box = lastBox(trimmed);
  return box !== null && box.start === 0 && box.end === trimmed.length ? box.content : trimmed;
}

function oneGoldMatches(answer: string, gold: string, fuzzyThreshold: number): boolean {
  const content = unboxed(gold);
  if (pyStrip(content) === "") return false;
  const options = { answerType: "math", fuzzyThreshold } as const;
  if (!isProse(content)) {
    const predicted = referenceExtract(answer);
    return predicted !== null && predicted !== "" && answersMatch(content, predicted, options).score === 1;
  }
  if (proseFailsLatex(content)) {
    // Math-Verify moves on to its other rules over `\\boxed{gold}` when the box does not parse.
    const goldValue = referenceExtract(`\\boxed{${content}}`, true);
    const predicted = referenceExtract(answer);
    return goldValue !== null && predicted !== null && predicted !== "" && answersMatch(goldValue, predicted, options).score === 1;
  }
  const box = lastBox(answer);
  return box !== null && box.content.replace(/\s+/g, "") === content.replace(/\s+/g, "");
}

/**
 * Whether the reference would give answer credit: Math-Verify semantics on the whole answer
 * segment, mathematics only.
 * @param answer - The stripped answer segment.
 * @param gold - The gold answer(s), plain or wrapped in `\boxed{}` as the reference's data has them.
 * @param fuzzyThreshold - Passed through to the math comparison (unused for numbers).
 * @returns `true` when any gold matches.
 * @example
 * referenceAnswerMatches("so it takes 3 hours", "3", 0.85); // true
 */
export function referenceAnswerMatches(answer: string, gold: string | readonly string[], fuzzyThreshold: number): boolean {
  if (answer === "") return false;
  const golds = typeof gold === "string" ? [gold] : gold;
  return golds.some((one) => one !== "" && oneGoldMatches(answer, one, fuzzyThreshold));
}
