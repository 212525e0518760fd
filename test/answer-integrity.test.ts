import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerDataPresent, loadAgreementRows } from "../bench/answer-data.js";
import { InputError } from "../src/errors.js";
import { answersMatch } from "../src/answer/answers-match.js";
import { extractAnswer } from "../src/answer/extract-answer.js";
import { parseGold } from "../src/answer/parsed-gold.js";
import { scoreAnswer } from "../src/answer/score-answer.js";

type Row = [what: string, response: string, gold: string, score: 0 | 1, options?: Parameters<typeof scoreAnswer>[2]];

describe("no wrong accepts", () => {
  it.each<Row>([
    ["a product of letters keeps its sign", "\\boxed{-ab}", "ab", 0],
    ["a negated fraction of letters", "So the answer is $-\\frac{2ab}{a^2 + b^2}$.", "\\boxed{\\frac{2ab}{a^2 + b^2}}", 0],
    ["a negated sum", "\\boxed{-(2xy + 10x)}", "\\boxed{2xy + 10x}", 0],
    ["a negative amount with a unit", "\\boxed{-5 \\text{ dollars}}", "5 dollars", 0],
    ["integers compare exactly", "\\boxed{2^{40}+5}", "1099511627776", 0],
    ["the same integer written as a power", "\\boxed{2^{40}}", "1099511627776", 1],
    ["an overflow is not infinity", "\\boxed{10^{400}}", "\\infty", 0],
    ["two overflows are not equal", "\\boxed{2^{1030}}", "2^{1024}", 0],
    ["a float overflow equals nothing, itself written differently included", "\\boxed{e^{1000}}", "e^{1000} + 1", 0],
    ["division by zero has no value", "\\boxed{\\frac{1}{0}}", "\\infty", 0],
    ["large decimals round exactly", "\\boxed{1099511627776.4}", "1099511627776.3", 0],
    ["a number in prose that repeats it among others", "There are 12 eggs and she sells 9 of them.", "12 eggs", 0],
    [
      "a number of an invented follow-up is not the answer",
      "The answer is 42.\n\nQuestion: Tom has 3 apples and buys 4. How many?\nAnswer: 7",
      "7",
      0,
    ],
    [
      "the answer before an invented follow-up",
      "The answer is 42.\n\nQuestion 2: Tom has 3 apples and buys 4. How many?\nAnswer: 7",
      "42",
      1,
    ],
    ["a check after the answer", "So Paul can buy 3 toys. This makes sense because 3 toys would cost 3 × 5 = 15 dollars.", "3", 1],
    ["a check introduced by a label", "Thus, the magician earned $45.\n\nCheck: 9 decks × $5 = $45, and 14 − 5 = 9.", "45", 1],
    ["a question asked after the answer", "So, the total is 26 glasses. Does that fit all 7 days? Yes.", "26", 1],
    ["an unclosed final box is cut off", "The area is \\boxed{12", "12", 0],
    ["a formula cut off mid-way", "So the answer is $3\\frac{1}{", "3", 0],
    ["an unclosed answer tag still has an answer", "<answer>\nThe answer is \\boxed{7}.", "7", 1],
  ])("%s", (_what, response, gold, score, options) => {
    const result = scoreAnswer(response, gold, options);
    expect(result.score, result.reason).toBe(score);
    expect(result.reason).toMatch(/^[A-Z].*\.$/s);
  });
});

describe("text hedging: a list is not an answer unless the gold is one", () => {
  it.each<Row>([
    ["boxed list of cities", "\\boxed{Paris, London, Berlin, Rome}", "Paris", 0],
    ["unboxed list with a stray unclosed box", "Paris, London, Berlin, Rome \\boxed{", "Paris", 0],
    ["yes or no", "\\boxed{yes or no}", "yes", 0],
    ["yes/no", "The answer is yes/no.", "no", 0],
    ["either … or", "The answer is either Paris or Rome.", "Paris", 0],
    ["and/or", "\\boxed{Paris and/or Lyon}", "Paris", 0],
    ["slashes", "\\boxed{Paris/London}", "Paris", 0],
    ["semicolons", "\\boxed{Paris; London}", "Paris", 0],
    ["one per line", "<answer>\nParis\nLondon\nBerlin\n</answer>", "Berlin", 0],
    ["numbers with units", "\\boxed{12 miles, 15 miles, 20 miles}", "12 miles", 0],
    ["a list gold answered with the list", "\\boxed{B, E}", "B,E", 1],
    ["yes with a reason is one answer", "Yes, because the train leaves at noon.", "yes", 1],
    [
      "a sentence with commas is one answer",
      "Thus, based only on the given facts, the person who left is the 30-year-old.",
      "The 30-year-old",
      1,
    ],
    ["math answers hedged with or", "\\boxed{1 \\text{ or } 12}", "12", 0],
    ["math answers hedged with ±", "\\boxed{\\pm 3}", "3", 0],
    ["math answers hedged with several boxes", "\\boxed{3}, \\boxed{4}", "3", 0],
  ])("%s", (_what, response, gold, score) => {
    const result = scoreAnswer(response, gold);
    expect(result.score, result.reason).toBe(score);
  });

  it("the reason says what was seen", () => {
    const result = scoreAnswer("\\boxed{Paris, London, Berlin, Rome}", "Paris");
    expect(result.reason).toContain("4 candidates");
    expect(result.reason).toContain("commas");
  });
});

describe("percent semantics", () => {
  it.each<Row>([
    ["either: a percent equals its number", "\\boxed{25\\%}", "25", 1],
    ["either: a percent equals its fraction", "\\boxed{25\\%}", "0.25", 1],
    ["either: two percents compare as numbers", "\\boxed{25\\%}", "25\\%", 1],
    ["either: no percent on either side stays apart", "\\boxed{0.25}", "25", 0],
    ["fraction: a percent is its fraction", "\\boxed{25\\%}", "0.25", 1, { percent: "fraction" }],
    ["fraction: a percent is not its number", "\\boxed{25\\%}", "25", 0, { percent: "fraction" }],
  ])("%s", (_what, response, gold, score, options) => {
    expect(scoreAnswer(response, gold, options).score).toBe(score);
  });

  it("rejects an unknown mode with the allowed values", () => {
    expect(() => scoreAnswer("1", "1", { percent: "both" as never })).toThrow(/"either", "fraction"/);
  });
});

describe("parse once", () => {
  it("a parsed gold scores a GRPO group like the plain gold does", () => {
    const gold = parseGold("\\frac{1}{2}");
    const group = ["\\boxed{0.5}", "\\boxed{\\frac{2}{4}}", "\\boxed{1/3}", "no answer", "\\boxed{-\\frac12}"];
    expect(group.map((r) => scoreAnswer(r, gold))).toEqual(group.map((r) => scoreAnswer(r, "\\frac{1}{2}")));
    expect(group.map((r) => scoreAnswer(r, gold).score)).toEqual([1, 1, 0, 0, 0]);
  });

  it("an extraction is graded without the response", () => {
    const extraction = extractAnswer("<answer>So the area is \\boxed{\\frac{1}{2}}.</answer>");
    expect(extraction.text).toBe("\\frac{1}{2}");
    expect(answersMatch("0.5", extraction).correct).toBe(true);
    expect(answersMatch(["7", "0.5"], extraction).method).toBe("numeric");
  });

  it("options that changed the parse are refused with the fix", () => {
    const gold = parseGold("12", { matchTypes: ["latex"] });
    expect(() => scoreAnswer("12", gold, { matchTypes: ["expr"] })).toThrow(InputError);
    expect(() => scoreAnswer("12", gold, { matchTypes: ["expr"] })).toThrow(/parse it again with the same options/);
    expect(scoreAnswer("$12$", gold, { precision: 3 }).score).toBe(1);
  });
});

/** Near misses of a gold: the edits that turn a right answer into a wrong one. */
function mutate(gold: string, kind: number, at: number): string | null {
  const digits = [...gold.matchAll(/\d/g)].map((m) => m.index);
  switch (kind) {
    case 0: {
      if (digits.length === 0) return null;
      const i = digits[at % digits.length] as number;
      const d = Number(gold[i]);
      return `${gold.slice(0, i)}${(d + 1 + (at % 8)) % 10}${gold.slice(i + 1)}`;
    }
    case 1:
      return `-(${gold})`;
    case 2: {
      const m = /^\s*([([])([^()[\]]*,[^()[\]]*)([)\]])\s*$/.exec(gold);
      if (m === null) return null;
      const open = m[1] === "(" ? "[" : "(";
      return `${open}${m[2]}${m[3]}`;
    }
    default: {
      const parts = gold.split(",");
      if (parts.length < 2 || /\d,\d{3}/.test(gold) || /[{}()[\]]/.test(gold)) return null;
      const [removed] = parts.splice(at % parts.length, 1);
      // Dropping a repeated element leaves the same set (`75°, 75°` is {75°}): not a near miss.
      if (parts.some((part) => part.trim() === removed?.trim())) return null;
      return parts.join(",");
    }
  }
}

/** The value inside the gold's box, the form the corpus's golds take. */
function unbox(gold: string): string {
  const m = /^\\boxed\{(.*)\}$/s.exec(gold.trim());
  return m === null ? gold : (m[1] as string);
}

function zeroValued(gold: string): boolean {
  return /^[\s0.+-]*$/.test(gold);
}

describe.skipIf(!answerDataPresent())("property: a near miss of a corpus gold is never accepted (needs ../shared/data)", () => {
  const golds = answerDataPresent() ? [...new Set(loadAgreementRows().map((row) => unbox(row.gold)))] : ["1"];

  it(`changed digit, flipped sign, swapped bracket, missing element — over ${golds.length} golds`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...golds),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(1000),
        fc.constantFrom("boxed", "anchor", "tagged"),
        (gold, kind, at, shape) => {
          const miss = mutate(gold, kind, at);
          if (miss === null || miss === gold || zeroValued(gold)) return true;
          const response =
            shape === "boxed"
              ? `\\boxed{${miss}}`
              : shape === "anchor"
                ? `The final answer is $${miss}$.`
                : `<answer>\nSo the answer is \\boxed{${miss}}.\n</answer>`;
          const result = scoreAnswer(response, `\\boxed{${gold}}`);
          return result.score !== 1;
        },
      ),
      { seed: 20240611, numRuns: 3000 },
    );
  });
});
