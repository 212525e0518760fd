import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { answersMatch } from "../src/answer/answers-match.js";
import { extractAnswer } from "../src/answer/extract-answer.js";
import { findMathSpans } from "../src/answer/find-math-spans.js";
import { PlainValueScanner } from "../src/answer/find-plain-numbers.js";
import { parseMathAnswer } from "../src/answer/parse-answer.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import { answerBody } from "../src/answer/final-statement.js";
import { textHedge } from "../src/answer/text-hedge.js";
import { textTokens } from "../src/answer/text-normalize.js";

/** Generous: a linear scan of 1 MB takes milliseconds, catastrophic backtracking takes seconds; the 2 shared cores are often loaded. */
const BOUND_MS = 200;
const MB = 1_000_000;

/** Best of three wall-clock runs after a warm-up, so a busy shared machine does not fail the bound. */
function timeMs(run: () => unknown): number {
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function fill(unit: string, length = MB): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const realistic = "Let me compute $3 \\times 4 = 12$ and then add 7, so 12 + 7 = 19. ";

/** Inputs that would make a careless extractor slow: every scanner and regex of src/answer is fed its worst case. */
const INPUTS: [name: string, text: string][] = [
  ["1 MB realistic completion with the box at the end", `${fill(realistic)}\\boxed{19}`],
  ["1 MB of one letter", fill("x")],
  ["10,000 nested braces", `\\boxed{${"{".repeat(10_000)}1${"}".repeat(10_000)}}`],
  ["10,000 nested braces, unclosed", `\\boxed{${"{".repeat(10_000)}1`],
  ["unbalanced braces, 1 MB", fill("}{{}}}{{")],
  ["10,000 unclosed boxes", "\\boxed{".repeat(10_000)],
  ["10,000 adjacent boxes", "\\boxed{1}".repeat(10_000)],
  ["binary junk, 1 MB", fill("\u0000\u0001\u00ff\ufffd\u0007\ud800\u001b[31m")],
  ["1 MB of dollars", fill("$")],
  ["1 MB of dollar pairs on one line", fill("$1$ ")],
  ["10,000 unclosed display brackets", "\\[ x ".repeat(10_000)],
  ["10,000 unclosed inline parens", "\\( x ".repeat(10_000)],
  ["10,000 spaced square brackets", " [ 1 ".repeat(10_000)],
  ["10,000 bare fractions", "\\frac{1}{2} ".repeat(10_000)],
  ["digits and spaces, 1 MB", fill("1 ")],
  ["thousands groups, 1 MB", fill("1,000,")],
  ["expression characters, 1 MB", fill("1+(2-3)*4/5^6 ")],
  ["a million zeros", `0.${"0".repeat(MB)}1`],
  ["answer words, 1 MB", fill("answer: the answer is x = ")],
  ["final answer phrases, 1 MB", fill("final answer is final answer ")],
  ["percent words, 1 MB", fill("1 percent 2 pct 3 % ")],
  ["text commands, 1 MB", fill("\\text{a}\\textbf{b}\\mbox{")],
  ["approximations and equals", fill("x = 1 \\approx 2 = ", 4000)],
  ["10,000 plus-minus", `$${"1 \\pm ".repeat(10_000)}1$`],
  ["deep fractions", `$${"\\frac{1}{".repeat(3000)}2${"}".repeat(3000)}$`],
  ["deep parentheses", `$${"(".repeat(10_000)}1${")".repeat(10_000)}$`],
  ["long line without newline, quotes", fill('the answer is "unterminated ')],
  ["long whitespace run", `${" ".repeat(MB)}x`],
  ["thousands markers, 1 MB", fill("1{,}000{, }")],
  ["thin-space commas, 1 MB", fill("1,\\! 000 ")],
  ["choice words, 1 MB", fill("option (A) choice B answer is C ")],
  ["box joiners, 1 MB", fill("\\boxed{1} \\quad \\text{and} \\quad ")],
  ["unclosed text commands, 1 MB", fill("\\text{")],
  ["yes and no words, 1 MB", fill("yes no maybe either or not ")],
  ["list separators, 1 MB", fill("a, b; c/d or e and/or f\n")],
  ["sentences with check words, 1 MB", fill("Thus, x is 5. Check: 5 = 5. So 6? ")],
  ["follow-up labels, 1 MB", fill("1\nQuestion 2: Problem 3) Human: ")],
  ["minus signs, 1 MB", fill(" -a (-b [-1 ")],
  ["ratios and semicolons, 1 MB", fill("1:2;3:4,")],
  ["unknown commands with known prefixes, 1 MB", fill("quadxpixcdotp")],
  ["big operators, 1 MB", fill("\\sum_{k=0}^{n} \\prod_1^2 ")],
];

describe(`pathological inputs finish within ${BOUND_MS} ms`, () => {
  it.each(INPUTS)("scoreAnswer: %s", (_name, text) => {
    const ms = timeMs(() => scoreAnswer(text, ["19", "Parlophone Records"]));
    expect(ms).toBeLessThan(BOUND_MS);
    expect([0, 1]).toContain(scoreAnswer(text, "19").score);
  });

  it.each(INPUTS)("extractAnswer (text mode): %s", (_name, text) => {
    expect(timeMs(() => extractAnswer(text, { answerType: "text" }))).toBeLessThan(BOUND_MS);
  });

  it.each(INPUTS)("answersMatch with the input as prediction: %s", (_name, text) => {
    expect(timeMs(() => answersMatch("19", text))).toBeLessThan(BOUND_MS);
  });

  it.each(INPUTS)("as the gold answer: %s", (_name, text) => {
    expect(timeMs(() => scoreAnswer("\\boxed{19}", text))).toBeLessThan(BOUND_MS);
  });

  it.each(INPUTS.filter(([, text]) => text.length <= 20_000))("scanners and parser directly: %s", (_name, text) => {
    expect(timeMs(() => findMathSpans(text))).toBeLessThan(BOUND_MS);
    expect(timeMs(() => new PlainValueScanner(text).all())).toBeLessThan(BOUND_MS);
    expect(timeMs(() => parseMathAnswer(text.slice(0, 4000), "latex"))).toBeLessThan(BOUND_MS);
    expect(timeMs(() => textTokens(text))).toBeLessThan(BOUND_MS);
    expect(timeMs(() => textHedge("Paris", text))).toBeLessThan(BOUND_MS);
    expect(timeMs(() => answerBody(text))).toBeLessThan(BOUND_MS);
  });

  it("a non-string field throws InputError at once", () => {
    const ms = timeMs(() => {
      expect(() => scoreAnswer({ response: "x" } as unknown as string, "19")).toThrow(InputError);
    });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("the 1 MB completion still finds its final box", () => {
    expect(scoreAnswer(`${fill(realistic)}\\boxed{19}`, "19").score).toBe(1);
  });
});
