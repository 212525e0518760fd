import { describe, expect, it } from "vitest";
import { pyStrip } from "../src/completion/py-strip.js";
import { referenceAnswerMatches } from "../src/reward/reference-answer.js";
import { referenceExtract } from "../src/reward/reference-extract.js";
import { hasReferenceMarker, referenceClarification, referenceSegments } from "../src/reward/reference-rules.js";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { ClarificationVerifier } from "../src/types.js";
import { bestTimeMs } from "./helpers/timing.js";

const acceptAll: ClarificationVerifier = {
  name: "accept-all",
  verify: async (requests) => requests.map(() => ({ score: 1, verified: true, perFact: [], reason: "stub" })),
};

describe("Python string semantics", () => {
  it.each([
    ["\u001c x \u001f", "x"],
    ["\ufeff x", "\ufeff x"],
    ["\u0085\u00a0\u3000x\u2028", "x"],
    ["", ""],
  ])("pyStrip(%j) → %j", (input, expected) => {
    expect(pyStrip(input)).toBe(expected);
  });
});

describe("prefix rule and tag gate", () => {
  it.each<[string, string, boolean, boolean]>([
    [
      "leading whitespace before <thinking> is stripped for the test, not prefixed",
      "  \n<thinking>a</thinking><answer>4</answer>",
      false,
      true,
    ],
    [
      "a leading U+FEFF is not Python whitespace, so a second <thinking> is prepended",
      "\ufeff<thinking>a</thinking><answer>4</answer>",
      true,
      false,
    ],
    ["no <thinking> at all is prepended", "a</thinking>\n<answer>4</answer>", true, true],
    ["an empty response is not prefixed", "", false, false],
    ["text between </thinking> and <answer> fails", "a</thinking>x<answer>4</answer>", true, false],
  ])("%s", (_why, response, prefixed, tagsOk) => {
    const segments = referenceSegments(response);
    expect(segments.prefixed).toBe(prefixed);
    expect(segments.tagsOk).toBe(tagsOk);
  });

  it("extracts the answer with a case-insensitive regex, so an upper-case tag in the reasoning opens it", () => {
    const segments = referenceSegments("I will write <ANSWER> later.</thinking><answer>\\boxed{4}</answer>");
    expect(segments.tagsOk).toBe(true);
    expect(segments.answer).toBe("later.</thinking><answer>\\boxed{4}");
  });
});

describe("marker regex", () => {
  it.each<[string, boolean]>([
    ["\\boxed{I don't know}", true],
    ["\\boxed{ i   DONT know. }", true],
    ["\\BOXED {I don't know}", true],
    ["\\boxed{\u0130 don't \u212anow}", true],
    ["\\boxed{I don’t know}", false],
    ["\\boxed{\\text{I don't know}}", false],
    ["\\boxed{I don\\'t know}", false],
    ["\\boxed{I\ufeffdon't know}", false],
    ["\\boxed{I\u001cdon't know}", true],
    ["\\boxed{I don't know..}", false],
  ])("hasReferenceMarker(%j) → %s", (answer, expected) => {
    expect(hasReferenceMarker(answer)).toBe(expected);
  });

  it("removes every marker to leave the clarification", () => {
    expect(referenceClarification("\\boxed{I don't know} The speed is missing. \\boxed{i dont know.}")).toBe("The speed is missing.");
  });
});

describe("answer check (Math-Verify semantics)", () => {
  it.each<[string, string, string, boolean]>([
    [
      "a number after a check sentence: the right-most number counts",
      "It is 125.\n\nVerification: 1.2% of 8000 is 96.",
      "\\boxed{125}",
      false,
    ],
    ["the right-most number", "so she has 18 left", "\\boxed{18}", true],
    ["a box wins over later numbers", "\\boxed{18} (checked with 3 + 4 = 7)", "\\boxed{18}", true],
    ["an expression ending right-most wins over its last number", "The answer: 65-75", "\\boxed{-10}", true],
    ["prose without a number never matches, even verbatim", "The grandfather", "\\boxed{The grandfather}", false],
    ["short prose that LaTeX reads as symbols never matches a number", "The 28-year-old", "\\boxed{The 28-year-old}", false],
    [
      "a sentence gold falls back to its right-most number",
      "Star Trek: Voyager first aired on January 16, 1995.",
      "\\boxed{Star Trek: Voyager first aired on January 16, 1995.}",
      true,
    ],
    ["an empty gold gives no credit", "12", "", false],
  ])("%s", (_why, answer, gold, expected) => {
    expect(referenceAnswerMatches(answer, gold, 0.9)).toBe(expected);
  });

  it.each([
    ["1 ".repeat(20_000)],
    ["1-".repeat(20_000)],
    ["answer ".repeat(5_000)],
    ["$".repeat(20_000)],
    ["\\[".repeat(10_000)],
    [`${"(".repeat(10_000)}1`],
  ])("extraction on a pathological 20k-character answer stays fast (%#)", async (answer) => {
    expect(await bestTimeMs(() => referenceExtract(answer))).toBeLessThan(250);
  });
});

describe("reference rewards", () => {
  const wrap = (answer: string): string => `reasoning</thinking>\n<answer>${answer}</answer>`;

  it("grades a text gold as Math-Verify does: only the same letters, boxed, match", async () => {
    const rewards = async (answer: string): Promise<number | undefined> =>
      (await scoreBatch([{ response: wrap(answer), answerable: true, goldAnswer: "Paris" }], { compat: "reference" }))[0]?.reward;
    expect(await rewards("\\boxed{Paris}")).toBe(2);
    expect(await rewards("\\boxed{paris}")).toBe(1);
    expect(await rewards("Paris")).toBe(0);
  });

  it("calls the judge for a clarification when the question is present, with no annotation", async () => {
    const [result] = await scoreBatch(
      [{ response: wrap("\\boxed{i dont know} The speed is not given."), answerable: false, question: "How long does the trip take?" }],
      { compat: "reference", verifier: acceptAll },
    );
    expect(result?.reward).toBeCloseTo(2, 10);
  });

  it("penalises only the exact case-sensitive phrase on an answerable question", async () => {
    const results = await scoreBatch(
      [
        { response: wrap("\\boxed{I don't know}"), answerable: true, goldAnswer: "12" },
        { response: wrap("\\boxed{i don't know}"), answerable: true, goldAnswer: "12" },
      ],
      { compat: "reference" },
    );
    expect(results.map((r) => r.reward)).toEqual([0, 1]);
  });
});
