import { describe, expect, it } from "vitest";
import { detectAbstention } from "../src/abstention/detect-abstention.js";
import { splitSentences } from "../src/text/sentences.js";
import { extractClarification } from "../src/clarification/extract-clarification.js";

const LIMIT_MS = 50;

function timed(run: () => unknown): number {
  run(); // warm the JIT so the bound measures the algorithm, not compilation
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Every regex-driven extractor sees huge, nested and unbalanced inputs; each run must stay bounded.
const INPUTS: [name: string, text: string][] = [
  ["huge answer of one repeated phrase", `</thinking><answer>${"does not specify ".repeat(20_000)}</answer>`],
  ["huge single sentence without punctuation", `</thinking><answer>${"a ".repeat(300_000)}</answer>`],
  ["nested boxes", `</thinking><answer>${"\\boxed{".repeat(5_000)}I don't know${"}".repeat(5_000)}</answer>`],
  ["unbalanced braces", `</thinking><answer>\\boxed{${"{".repeat(50_000)}</answer>`],
  ["apostrophes and spaces", `</thinking><answer>${"I  '  ' don ' t ".repeat(20_000)}</answer>`],
  ["no tags at all", "without knowing ".repeat(40_000)],
  ["near-miss cue words", `</thinking><answer>${"not not not never no longer ".repeat(10_000)}</answer>`],
  ["only punctuation", `</thinking><answer>${".!?".repeat(100_000)}</answer>`],
];

describe("abstention scanners on pathological input", () => {
  it.each(INPUTS)("detectAbstention: %s", (_name, text) => {
    expect(timed(() => detectAbstention(text))).toBeLessThan(LIMIT_MS);
  });

  it.each(INPUTS)("extractClarification: %s", (_name, text) => {
    expect(timed(() => extractClarification(text))).toBeLessThan(LIMIT_MS);
  });

  it.each(INPUTS)("splitSentences on the bounded segment: %s", (_name, text) => {
    expect(timed(() => splitSentences(text.slice(0, 20_000)))).toBeLessThan(LIMIT_MS);
  });

  it("per-sentence phrase matching stays under 50 ms on a 20,000-character answer", () => {
    const answer = `</thinking><answer>${"The problem does not specify the price, so I cannot determine it. ".repeat(300)}</answer>`;
    expect(timed(() => detectAbstention(answer))).toBeLessThan(LIMIT_MS);
  });
});
