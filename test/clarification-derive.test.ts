import { describe, expect, it } from "vitest";
import { deriveMissingFacts, deriveMissingFactsDetailed } from "../src/clarification/derive-missing-facts.js";
import type { FactKind } from "../src/clarification/derive-missing-facts.js";

// Real-looking SUM pairs (GSM8K- and MATH-style), with the kind of edit and words the fact must carry.
const PAIRS: [name: string, answerable: string, unanswerable: string, kind: FactKind, mustContain: string[]][] = [
  [
    "deleted quantity keeps its context",
    "Ed had 50 marbles. He lost 21 of his marbles at school. How many marbles does Ed have now?",
    "Ed had 50 marbles. He lost some of his marbles at school. How many marbles does Ed have now?",
    "blurred",
    ["lost some of his marbles", "21"],
  ],
  [
    "insertion that blurs a quantity",
    "Jack has 53 blocks. He gives 12 to his sister. How many blocks does he have left?",
    "Jack has less than 53 blocks. He gives 12 to his sister. How many blocks does he have left?",
    "blurred",
    ["less than 53 blocks"],
  ],
  [
    "range that blurs a value",
    "A box holds 5 apples. How many apples are in 3 boxes?",
    "A box holds 4 to 6 apples. How many apples are in 3 boxes?",
    "blurred",
    ["4 to 6 apples"],
  ],
  [
    "substituted object the text never mentions",
    "Tom buys 3 apples and 2 pears. How many apples does Tom buy?",
    "Tom buys 3 apples and 2 pears. How many oranges does Tom buy?",
    "substituted",
    ["apples", "oranges"],
  ],
  [
    "removed question sentence",
    "A train travels 120 km in 2 hours. What is its average speed?",
    "A train travels 120 km in 2 hours.",
    "no-question",
    ["No question is asked", "average speed"],
  ],
  [
    "impossible value",
    "Compute \\(\\arccos \\frac{1}{2}\\). Express your answer in radians.",
    "Compute \\(\\arccos 2\\). Express your answer in radians.",
    "deleted",
    ["arccos"],
  ],
  [
    "deleted interval restriction",
    "Find the integer n, -90 < n < 90, such that \\(\\tan n^\\circ = \\tan 1000^\\circ\\).",
    "Find the integer n such that \\(\\tan(n^\\circ) = \\tan 1000^\\circ\\).",
    "deleted",
    ["-90 < n < 90", "range bound"],
  ],
  [
    "number replaced by an undefined symbol",
    "Find the phase shift of the graph of y = 2 sin (2x + π/3).",
    "Find the phase shift of the graph of y = 2 sin (2x + c).",
    "substituted",
    ["π/3", "now c"],
  ],
  [
    "changed value",
    "Let x, y, z be real numbers such that cos x + cos y + cos z = 0. Find cos 2x.",
    "Let x, y, z be real numbers such that cos x + cos y + cos z = 1. Find cos 2x.",
    "changed-value",
    ["= 1", "originally 0"],
  ],
  [
    "the asked-for symbol deleted at the end, though it occurs earlier (LaTeX Greek is a variable)",
    "When $1 - i \\sqrt{3}$ is converted to the exponential form $re^{i \\theta}$, what is $\\theta$?",
    "When $1 - i \\sqrt{3}$ is converted to the exponential form $re^{i \\theta}$, what is?",
    "deleted",
    ["what is θ"],
  ],
  [
    "a math-italic vector replaced by an undefined one",
    "Find the determinant of the matrix whose column vectors are 𝒂 + 𝒃, 𝒃 + 𝒄, and 𝒄 + 𝒂.",
    "Find the determinant of the matrix whose column vectors are 𝒂 + 𝒃, 𝒃 + 𝒅, and 𝒄 + 𝒂.",
    "substituted",
    ["𝒃 + 𝒄", "now 𝒅"],
  ],
];

describe("deriveMissingFacts on SUM-style pairs", () => {
  it.each(PAIRS)("%s", (_name, answerable, unanswerable, kind, mustContain) => {
    const facts = deriveMissingFactsDetailed(answerable, unanswerable);
    expect(facts.map((fact) => fact.kind)).toContain(kind);
    const text = facts.map((fact) => fact.text).join(" | ");
    for (const needle of mustContain) expect(text).toContain(needle);
  });

  it("a fact is more than a bare number: it carries the words around the edit", () => {
    const [fact] = deriveMissingFacts("Ed lost 21 of his marbles.", "Ed lost some of his marbles.");
    expect(fact?.split(/\s+/).length).toBeGreaterThanOrEqual(4);
  });

  it("identical questions have no missing facts; rewording alone is not a fact", () => {
    expect(deriveMissingFacts("Find x if 2x = 4.", "Find x if 2x = 4.")).toEqual([]);
    expect(deriveMissingFacts("Find λ such that λ > 1.", "Determine λ such that λ > 1.")).toEqual([]);
  });

  it.each([
    ["If each player had 6 lives, how many lives in total?", "If each player had not 6 lives, how many lives in total?", "not 6 lives"],
    ["The team had 7 members. How many points?", "The team never had 7 members. How many points?", "never had 7 members"],
    ["She has 5 pens. How many pens?", "She doesn't have 5 pens. How many pens?", "doesn't have 5 pens"],
  ])("a negation inserted into a clause is a fact: %s", (answerable, unanswerable, clause) => {
    const facts = deriveMissingFacts(answerable, unanswerable);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.some((fact) => fact.includes(clause))).toBe(true);
  });

  it("a repeated edit is one fact", () => {
    const facts = deriveMissingFacts("tan(120° - x) = sin 120° / cos 120°", "tan(y° - x) = sin y° / cos y°");
    expect(facts.filter((fact) => fact.includes("now y")).length).toBe(1);
  });

  it("names the fraction part or function argument an edit sits in", () => {
    const [tan] = deriveMissingFacts(
      "Find \\(\\tan \\left( -\\frac{3\\pi}{4} \\right)\\).",
      "Find \\(\\tan \\left( -\\frac{3\\pi}{ } \\right)\\).",
    );
    expect(tan).toContain("fraction denominator");
    expect(tan).toContain("function argument angle");
    const [numerator] = deriveMissingFacts("Compute $\\frac{7}{12} + x$.", "Compute $\\frac{}{12} + x$.");
    expect(numerator).toContain("fraction numerator");
    expect(numerator).not.toContain("denominator");
    // Right after the function's name, without brackets.
    const [cot] = deriveMissingFacts("Simplify \\[\\tan x + 8 \\cot 8x.\\]", "Simplify \\[\\tan x + 8 \\cot.\\]");
    expect(cot).toContain("function argument angle");
    // Outside a fraction or a function, neither.
    const [plain] = deriveMissingFacts("Compute $7 + x$.", "Compute $ + x$.");
    expect(plain ?? "").not.toMatch(/fraction|argument/);
  });

  it("a sentence break that lost its space ('bag.How') ends the fact's window and the original ask", () => {
    const facts = deriveMissingFacts(
      "Frank put the pieces into bags with 9 pieces in each bag.How many bags would he have?",
      "Frank put the pieces into bags with 19 pieces in each bag.How many bags would he have?",
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]).toContain("19 pieces in each bag");
    expect(facts[0]).not.toMatch(/How many/);
    const lost = deriveMissingFacts(
      "They put the same number of seeds in each flower bed.How many seeds did they plant in each bed?",
      "They put the same number of seeds in each flower bed.",
    );
    expect(lost[0]).toBe("No question is asked; the original asks: How many seeds did they plant in each bed?");
  });

  it("is deterministic", () => {
    const [, a, u] = PAIRS[0] ?? ["", "", ""];
    expect(deriveMissingFacts(a, u)).toEqual(deriveMissingFacts(a, u));
  });
});
