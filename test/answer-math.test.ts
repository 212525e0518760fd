import { describe, expect, it } from "vitest";
import { answersMatch } from "../src/answer/answers-match.js";
import type { ScoreAnswerOptions } from "../src/answer/options.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import type { AnswerMethod } from "../src/types.js";

type Row = [feature: string, response: string, gold: string, score: 0 | 1, method: AnswerMethod | null, options?: ScoreAnswerOptions];

const think = "<thinking>\nLet me compute this carefully.\n</thinking>\n<answer>\n";

const MATH: Row[] = [
  ["integer", `${think}The total is \\boxed{42}.\n</answer>`, "42", 1, "exact"],
  ["integer, wrong", `${think}The total is \\boxed{41}.\n</answer>`, "42", 0, null],
  ["integer with leading zeros", "So the remainder is \\boxed{004}.", "4", 1, "exact"],
  ["large integer beyond 2^53 compares exactly", "\\boxed{12345678901234567891}", "12345678901234567890", 0, null],
  ["negative integer", "Therefore $x = \\boxed{-7}$.", "-7", 1, "exact"],
  ["decimal", "The probability is \\boxed{0.25}.", "0.25", 1, "exact"],
  ["decimal vs fraction, rounded to precision", "The probability is \\boxed{0.333333}.", "\\frac{1}{3}", 1, "numeric"],
  ["decimal too coarse for precision 6", "The probability is \\boxed{0.33}.", "\\frac{1}{3}", 0, null],
  ["decimal with precision 2", "The probability is \\boxed{0.33}.", "\\frac{1}{3}", 1, "numeric", { precision: 2 }],
  ["thousands separator, comma", "The final answer is $10,455$. I hope it is correct.", "10455", 1, "exact"],
  ["thousands separator, LaTeX {,}", "Therefore $\\boxed{14{,}916}$ is our answer.", "14916", 1, "exact"],
  ["thousands separator, \\! spacing", "The sum is $\\boxed{11,\\! 111,\\! 111,\\! 100}$", "11111111100", 1, "exact"],
  ["thousands separator, plain text", "Dr. Zaius has $10,200 + $255 = $10,455 in the end", "10455", 1, "exact"],
  ["comma with space is a list, not thousands", "is $\\boxed{32, 349}$", "32349", 0, null],
  ["decimal comma", "Le prix est de 2,74 euros", "2.74", 1, "exact", { matchTypes: ["expr"] }],
  ["fraction, plain", "Therefore, the probability that Alice wins is 2/3.", "\\frac{2}{3}", 1, "exact"],
  ["\\frac", "So $p = \\boxed{\\frac{3}{56}}$.", "3/56", 1, "exact"],
  ["\\dfrac", "The ratio is $\\boxed{\\dfrac{14}{3}}$.", "\\frac{14}{3}", 1, "exact"],
  ["\\tfrac with brace-less arguments", "The slope is $\\boxed{-\\tfrac12}$.", "-0.5", 1, "numeric"],
  ["\\frac with brace-less arguments", "Therefore $\\boxed{\\frac94\\pi}$.", "\\frac{9}{4}\\pi", 1, "exact"],
  ["\\sqrt simplified", "The distance is $\\sqrt{117} = \\boxed{3\\sqrt{13}}$.", "\\sqrt{117}", 1, "numeric"],
  ["\\sqrt without braces", "The answer is $\\boxed{\\sqrt 2+\\sqrt 5}$", "\\sqrt{2}+\\sqrt{5}", 1, "exact"],
  ["nth root", "Each side is $\\boxed{\\sqrt[3]{27}}$ cm.", "3", 1, "numeric"],
  ["\\pi", "The area is $\\boxed{4\\pi}$ square units.", "4\\pi", 1, "exact"],
  ["\\pi vs its decimal at precision 2", "The area is about $12.57$. I hope it is correct.", "4\\pi", 0, null],
  ["\\pi vs decimal, precision 2", "The final answer is $12.57$. I hope it is correct.", "4\\pi", 1, "numeric", { precision: 2 }],
  ["percent sign vs number", "The overall loss is $\\boxed{28\\%}$.", "28", 1, "numeric"],
  ["percent word", "The minimum error increases by 100 percent.", "100\\%", 1, "exact"],
  ["percent vs fraction of one", "The discount is \\boxed{25\\%}.", "0.25", 1, "numeric"],
  ["degrees", "Hence the angle is $\\boxed{90^\\circ}$.", "90", 1, "exact"],
  ["degrees with braces", "The angle $\\angle ABC = \\boxed{45^{\\circ}}$", "45", 1, "exact"],
  ["units in \\text", "The area of the triangle is $\\boxed{15\\text{ cm}^2}$.", "15", 1, "exact"],
  ["units in \\mbox", "so the area is $\\boxed{15\\mbox{ cm}^2}$.", "15\\mbox{ cm}^2", 1, "exact"],
  ["plain unit words", "The distance is $\\boxed{125\\textnormal{ miles}}$.", "125 miles", 1, "exact"],
  ["currency", "Rounded to the nearest cent, the investment is worth $\\boxed{\\$16,\\!386.20}$.", "16386.2", 1, "exact"],
  ["scientific notation, plain", "The speed of light is about 3e8 m/s, so the answer is 3e8", "300000000", 1, "numeric"],
  ["scientific notation, LaTeX", "So $N = \\boxed{6.02 \\times 10^{23}}$.", "6.02e23", 1, "exact"],
  ["set, any order", "The solutions are $\\boxed{\\{3, -1, 2\\}}$.", "\\{-1, 2, 3\\}", 1, "set"],
  ["set, wrong element", "The solutions are $\\boxed{\\{3, -1, 4\\}}$.", "\\{-1, 2, 3\\}", 0, null],
  ["list of roots vs set", "the integer roots are $\\boxed{-2,1}.$", "\\{1, -2\\}", 1, "set"],
  ["several boxed answers", "The integers are \\[ \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}. \\]", "1, -2", 1, "set"],
  ["several answers joined by and", "The roots are $x=2$ and $x=3$.", "2, 3", 1, "set"],
  ["\\pm expands to two answers", "By the quadratic formula, $x = \\boxed{1 \\pm \\sqrt{19}}$.", "1+\\sqrt{19}, 1-\\sqrt{19}", 1, "set"],
  ["tuple in order", "The polar coordinates are $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$.", "(3, \\frac{\\pi}{2})", 1, "tuple"],
  ["tuple, swapped", "So $(p, q) = \\boxed{(2, 1)}$.", "(1, 2)", 0, null],
  ["tuple with decimals", "The point is $(1, 4.5)$", "(1, \\frac{9}{2})", 1, "tuple"],
  ["closed interval", "Thus $k \\in \\boxed{[-4, 0]}$.", "[-4,0]", 1, "interval"],
  ["half-open interval, wrong bracket", "The final answer is $(0, 1)$. I hope it is correct.", "[0,1)", 0, null],
  ["union of intervals", "The domain is $\\boxed{(2,12) \\cup (12,102)}$", "(2, 12) \\cup (12, 102)", 1, "set"],
  ["interval vs inequality", "The solution set is $\\boxed{[-2, 7]}$.", "-2 \\le x \\le 7", 1, "interval"],
  ["x = 5 vs 5", "Solving gives $\\boxed{x = 5}$.", "5", 1, "exact"],
  ["5 vs assignment gold", "The answer is \\boxed{5}.", "k = 5", 1, "exact"],
  ["equation gold is not its right side", "The answer is \\boxed{1}.", "2x + z = 1", 0, null],
  ["chain of equalities keeps the last value", "$x = 5+5+1 = 7 = 11$", "x = 11", 1, "relation", { matchTypes: ["latex"] }],
  ["approximation keeps the exact value", "$x = 1/3 \\approx 0.33$", "1/3", 1, "exact", { matchTypes: ["latex"] }],
  ["equation, rearranged", "The line is $\\boxed{y=-\\frac{1}{2}x+\\frac{3}{4}}$.", "2x+4y-3=0", 1, "relation"],
  ["inequality, flipped", "Therefore $\\boxed{5 \\geq x}$.", "x \\leq 5", 1, "relation"],
  ["inequality, wrong direction", "Therefore $\\boxed{x < 5}$.", "x > 5", 0, null],
  ["symbolic: expanded polynomial", "Expanding, $\\boxed{x^2 + 2x + 1}$.", "(x+1)^2", 1, "symbolic"],
  ["symbolic: trig identity", "which simplifies to $\\boxed{\\sec^2(y)}$.", "\\tan^2(y)+1", 1, "symbolic"],
  ["symbolic: sum to product", "\\[\\sin (a + b) - \\sin (a - b) = \\boxed{2 \\sin b \\cos a}.\\]", "2\\cos a \\sin b", 1, "symbolic"],
  ["symbolic: different expression", "So the answer is $\\boxed{x+1}$.", "x+2n+1", 0, null],
  ["symbolic: fraction split", "$\\boxed{\\frac{x}{7}+\\frac{2}{7}}$", "\\frac{x+2}{7}", 1, "symbolic"],
  ["absolute value is not the identity", "$\\boxed{|x|}$", "x", 0, null],
  [
    "matrix",
    "The inverse is $\\boxed{\\begin{pmatrix} 0 & 3 \\\\ 0 & -1 \\end{pmatrix}}$.",
    "\\begin{bmatrix}0 & 3 \\\\ 0 & -1\\end{bmatrix}",
    1,
    "matrix",
  ],
  [
    "matrix arithmetic",
    "The sum is $\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} + \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}$",
    "\\begin{pmatrix}6 & 8 \\\\ 10 & 12\\end{pmatrix}",
    1,
    "matrix",
  ],
  ["base subscript", "for a quotient of $\\boxed{204_5}$.", "204_5", 1, "exact"],
  ["text in math", "Therefore, $\\boxed{\\text{Evelyn}}$ is our answer.", "\\text{Evelyn}", 1, "exact"],
  ["non-strict renames variables", "$\\boxed{t^2 + 1}$", "x^2 + 1", 1, "exact", { strict: false }],
  ["strict keeps variables apart", "$\\boxed{t^2 + 1}$", "x^2 + 1", 0, null],
];

describe("scoreAnswer on math answers", () => {
  it.each(MATH)("%s", (_feature, response, gold, score, method, options) => {
    const result = scoreAnswer(response, gold, options);
    expect(result.score, result.reason).toBe(score);
    expect(result.correct).toBe(score === 1);
    if (method !== null) expect(result.method, result.reason).toBe(method);
    else expect(result.method).toBe("none");
  });
});

describe("set and relation comparison switch", () => {
  const relation = "$-2 \\le x \\le 7$";
  const set = "$x \\in [-2,7]$";
  it.each([
    ["relation gold, set prediction, default", relation, set, {}, 1],
    ["set gold, relation prediction, default", set, relation, {}, 0],
    ["set gold, relation prediction, allowed", set, relation, { allowSetRelationComp: true }, 1],
  ] as const)("%s", (_name, gold, pred, options, score) => {
    expect(scoreAnswer(pred, gold, { matchTypes: ["latex"], ...options }).score).toBe(score);
  });
});

describe("answersMatch compares an extracted answer", () => {
  it.each([
    ["\\frac{1}{3}", "0.333333", true],
    ["1000", "1 000", true],
    ["1,22", "1.22", true],
    ["(1, 2)", "(2, 1)", false],
    ["x^2-1", "(x-1)(x+1)", true],
    ["\\{1, 2\\}", "2, 1", true],
  ] as const)("gold %j vs %j", (gold, predicted, correct) => {
    expect(answersMatch(gold, predicted).correct).toBe(correct);
  });
});
