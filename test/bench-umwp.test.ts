import { describe, expect, it } from "vitest";
import { askRestated, askTemplate } from "../bench/quality/lib/negatives.js";
import { buildUmwp } from "../bench/quality/lib/umwp.js";

describe("buildUmwp stated-claim negatives", () => {
  it("take the claimed words from the stated number's own sentence", () => {
    const row = {
      id: 1,
      category: "Key information missing",
      answerableQuestion: "Tom had 40 cookies. He ate 5 of them. How many cookies does he have left?",
      unanswerableQuestion: "Tom had 40 cookies. He ate some of them. How many cookies does he have left?",
      response: "<thinking>He ate some.</thinking><answer>I don't know. The problem does not say how many cookies Tom ate.</answer>",
    };
    const claims = buildUmwp([row], [[]]).filter((c) => c.kind === "stated-claim");
    // "cookies ate" would cross into "He ate some of them": how many he ate is the missing fact, not a stated one.
    expect(claims.map((c) => c.clarification)).toEqual([
      "The problem doesn't specify the number of cookies, so the answer cannot be determined.",
    ]);
  });
});

describe("askRestated: the question's own ask declared missing, in statement order", () => {
  it.each([
    ["Tom ate some cookies. How many cookies did he have in the beginning?", "how many cookies he had in the beginning"],
    ["Edward had $ 13. How much money did Edward spend?", "how much money Edward spent"],
    ["Jack has 5 pens. How many pens does Jack have now?", "how many pens Jack has now"],
    ["Frank put candy in each bag. How many bags would he have?", "how many bags he would have"],
    ["How many apples are there on the tree?", "how many apples there are on the tree"],
    ["A cage had 9 snakes. How many alligators were not hiding?", "how many alligators were not hiding"],
  ])("%s", (question, slot) => {
    expect(askRestated(question)).toBe(`The problem doesn't specify ${slot}.`);
  });

  it("gives nothing where no sentence asks how many or how much", () => {
    expect(askRestated("What is the total cost?")).toBeNull();
    expect(askRestated("Tom had 5 apples.")).toBeNull();
  });
});

describe("askTemplate: a clarification built from the asked thing alone", () => {
  it("names the initial number and the change of the thing after the last 'how many'", () => {
    expect(askTemplate("Tom ate some cookies. How many cookies are left?")).toBe(
      "The problem does not give the initial number of cookies or how many cookies were added or removed.",
    );
    expect(askTemplate("Adam has 10 apples. How many more apples does Adam have than Jackie?")).toBe(
      "The problem does not give the initial number of apples or how many apples were added or removed.",
    );
    expect(askTemplate("How much money did he spend?")).toBeNull();
    expect(askTemplate("How many did he eat?")).toBeNull();
  });
});
