import { describe, expect, it } from "vitest";
import { extractAnswer } from "../src/answer/extract-answer.js";
import type { ScoreAnswerOptions } from "../src/answer/options.js";

type Row = [feature: string, response: string, expected: string | null, options?: ScoreAnswerOptions];

const EXTRACT: Row[] = [
  // Boxes further apart than 70 characters, or apart with no separator between them, are separate steps.
  [
    "last outermost box",
    "First \\boxed{3} is what the first step gives us before we go on to check the second step: \\boxed{\\frac{1}{2}}.",
    "\\frac{1}{2}",
  ],
  [
    "boxes joined by a comma within 70 characters (latex2sympy's rule)",
    "First \\boxed{3}, then after checking: \\boxed{\\frac{1}{2}}.",
    "3 and \\frac{1}{2}",
  ],
  ["nested braces inside a box", "So $\\boxed{\\frac{\\sqrt{3}}{2}}$.", "\\frac{\\sqrt{3}}{2}"],
  ["nested box is not separate", "\\boxed{\\boxed{7}}", "\\boxed{7}"],
  ["\\fbox", "The result is \\fbox{12}.", "12"],
  ["adjacent boxes form one answer", "$\\boxed{1}\\boxed{2}$", "1 and 2"],
  ["boxes joined by \\text{and}", "\\[ \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}. \\]", "-2 and 1"],
  [
    "boxes separated by prose stay apart",
    "First $\\boxed{200}$ is the interest of the first half year; after six more months the second account pays $\\boxed{255}$",
    "255",
  ],
  ["final answer is ... I hope beats an earlier box", "\\boxed{4} Final Answer: The final answer is $5$. I hope it is correct.", "5"],
  ["box beats final answer is (no I hope)", "So \\boxed{16386.16} dollars. Final Answer: The final answer is 16386.17.", "16386.16"],
  ["final answer ... is", "Final Answer: The largest $n$ is 34.", "34"],
  ["answer: with a number", "Final Answer: Jane started growing Sphere 3 hours ago. I hope it is correct.", "3"],
  ["answer after the last equals", "Answer: the total is 5 + 6 = 11", "11"],
  ["right-most math span", "Let $x = 2$. Then $y = 3$, and the sum is $5$.", "5"],
  ["display math may span lines", "Answer \\[ \n 9 \n \\]", "9", { matchTypes: ["latex"] }],
  ["inline math may not span lines", "Answer $ \n 9 \n $", null, { matchTypes: ["latex"], answerType: "math" }],
  [
    "escaped dollar inside math",
    "Answer $ \\frac{1}{2} \\$ = \\frac{10}{9} $",
    "\\frac{1}{2} \\$ = \\frac{10}{9}",
    { matchTypes: ["latex"] },
  ],
  ["bare \\frac counts as math", "so the ratio is \\frac{3}{4} overall", "\\frac{3}{4}"],
  ["plain number, last one", "the number is not 10 which is 1,000.99€", "1,000.99", { matchTypes: ["expr"] }],
  ["plain expression", "Therefore, the probability that Alice wins the game is 2/3. <|im_start|>user", "2/3."],
  ["number glued to letters is not a number", "AZYUK2A", null, { matchTypes: ["expr"], answerType: "math" }],
  ["latex only ignores plain numbers", "The answer is 42", null, { matchTypes: ["latex"], answerType: "math" }],
  ["expr reads plain numbers", "The answer is 42", "42", { matchTypes: ["expr"] }],
  ["percent word kept with the number", "The error increases by 100 percent.", "100 percent"],
  ["think block is skipped", "<think>I guess \\boxed{3}</think>The answer is \\boxed{4}.", "4"],
  ["answer tags are used", "<thinking>\\boxed{3}</thinking>\n<answer>\nThe answer is \\boxed{4}.\n</answer>", "4"],
  ["text answer when there is no math", "<answer>\nParlophone Records\n</answer>", "Parlophone Records"],
  [
    "text answer after an anchor",
    "After reading the passage, the answer is Conrad of Montferrat.",
    "Conrad of Montferrat",
    { answerType: "text" },
  ],
  ["nothing to extract", "   ", null],
];

describe("extractAnswer", () => {
  it.each(EXTRACT)("%s", (_feature, response, expected, options) => {
    expect(extractAnswer(response, options).text).toBe(expected);
  });
});
