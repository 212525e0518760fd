// The pathological-input corpus of the public entry points: degenerate generations (one token
// repeated), unbalanced LaTeX, huge boxes, inputs past the completion limit. Each row is an input
// builder, the call it feeds and its budget. test/pathological-budgets.test.ts checks the budgets with
// generous bounds and a growth ratio (a loaded 2-core CI machine must not flake); bench/pathological.ts
// prints the strict numbers.
import { detectAbstention } from "../src/abstention/detect-abstention.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import { extractClarification } from "../src/clarification/extract-clarification.js";
import { MAX_RESPONSE_CHARS } from "../src/limits.js";
import { findBoxes } from "../src/completion/find-boxes.js";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { Sample } from "../src/types.js";

/** The budget of one call of every public scorer, for any input up to the completion limit. */
export const BUDGET_MS = 50;

/** One row: `build(scale)` makes the input at a fraction of its full size (1 = full). */
export interface PathologicalCase {
  name: string;
  /** The entry point it feeds. */
  target: "detectAbstention" | "extractClarification" | "scoreAnswer" | "reward (answerable)" | "reward (unanswerable)" | "findBoxes";
  /** Characters of the full-size input. */
  build: (scale: number) => string;
  /** Budget of one call at full size, in ms. */
  budgetMs: number;
}

const repeat = (unit: string, chars: number, scale: number): string => unit.repeat(Math.max(1, Math.floor((chars * scale) / unit.length)));
const wrap = (answer: string): string => `Let me think.\n</thinking>\n<answer>\n${answer}\n</answer>`;
const K20 = 20_000;
const MB = MAX_RESPONSE_CHARS;

/** The inputs (the answer segment, or the whole completion for the reward rows). */
const INPUTS: { name: string; build: (scale: number) => string; chars: number }[] = [
  { name: "20k chars of 1\\n (degenerate short lines)", build: (s) => repeat("1\n", K20, s), chars: K20 },
  { name: "20k chars of unclosed $($ spans", build: (s) => repeat("$($", K20, s), chars: K20 },
  { name: "20k chars of $(1$ spans with numbers", build: (s) => repeat("$(1$", K20, s), chars: K20 },
  { name: "20k chars of I don't know. sentences", build: (s) => repeat("I don't know. ", K20, s), chars: K20 },
  { name: "20k chars of not not not", build: (s) => repeat("not ", K20, s), chars: K20 },
  { name: "20k chars of \\boxed{ unclosed", build: (s) => repeat("\\boxed{", K20, s), chars: K20 },
  {
    name: "20k chars of nested \\boxed{\\boxed{",
    build: (s) => `${repeat("\\boxed{", K20 / 2, s)}1${repeat("}", K20 / 14, s)}`,
    chars: K20,
  },
  { name: "20k chars of \\frac{ unclosed", build: (s) => repeat("\\frac{", K20, s), chars: K20 },
  { name: "20k chars of the answer is", build: (s) => repeat("the answer is ", K20, s), chars: K20 },
  { name: "1 MB of \\boxed{1}", build: (s) => repeat("\\boxed{1}", MB - 100, s), chars: MB },
  { name: "1 MB of one letter", build: (s) => repeat("x", MB - 100, s), chars: MB },
  { name: "1 MB of 1\\n", build: (s) => repeat("1\n", MB - 100, s), chars: MB },
  { name: "10 MB of \\boxed{1} (past the limit)", build: (s) => repeat("\\boxed{1}", 10 * MB, s), chars: 10 * MB },
];

const answerable = (response: string): Sample => ({ response, answerable: true, goldAnswer: "1" });
const unanswerable = (response: string): Sample => ({ response, answerable: false, missingFacts: ["the speed of the train"] });

/** Every input against every entry point. */
export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = INPUTS.flatMap((input) => [
  { name: input.name, target: "detectAbstention", build: input.build, budgetMs: BUDGET_MS },
  { name: input.name, target: "extractClarification", build: input.build, budgetMs: BUDGET_MS },
  { name: input.name, target: "scoreAnswer", build: input.build, budgetMs: BUDGET_MS },
  { name: input.name, target: "reward (answerable)", build: (s: number) => wrap(input.build(s)), budgetMs: BUDGET_MS },
  {
    name: input.name,
    target: "reward (unanswerable)",
    build: (s: number) => wrap(`\\boxed{I don't know} ${input.build(s)}`),
    budgetMs: BUDGET_MS,
  },
]);

/**
 * Runs one case's entry point once on a prepared input (the reward rows run the pure reward with
 * no verifier, which is what every sample pays before the batched model pass).
 * @param target - The entry point.
 * @param text - The input.
 * @returns A promise for the reward rows, else nothing.
 */
export function runCase(target: PathologicalCase["target"], text: string): Promise<unknown> | undefined {
  switch (target) {
    case "detectAbstention":
      detectAbstention(text);
      return undefined;
    case "extractClarification":
      extractClarification(text);
      return undefined;
    case "scoreAnswer":
      scoreAnswer(text, "1");
      return undefined;
    case "findBoxes":
      findBoxes(text);
      return undefined;
    case "reward (answerable)":
      return scoreBatch([answerable(text)]);
    case "reward (unanswerable)":
      return scoreBatch([unanswerable(text)]);
  }
}

/**
 * Times one case: the best and the median of `runs` calls after one warm-up.
 * @param target - The entry point.
 * @param text - The input.
 * @param runs - Timed calls.
 * @returns Milliseconds.
 */
export async function timeCase(target: PathologicalCase["target"], text: string, runs: number): Promise<{ best: number; median: number }> {
  await runCase(target, text);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await runCase(target, text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { best: times[0] ?? Number.NaN, median: times[Math.floor(times.length / 2)] ?? Number.NaN };
}
