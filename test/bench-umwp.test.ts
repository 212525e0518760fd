import { describe, expect, it } from "vitest";
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
