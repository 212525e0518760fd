import { describe, expect, it } from "vitest";
import { withoutTrailingRestatement } from "../src/clarification/trailing-restatement.js";
import { bestTimeMs } from "./helpers/timing.js";

const QUESTION = "A rectangle has a width of 4 cm. What is its area?";

describe("withoutTrailingRestatement", () => {
  it.each<[string, string]>([
    ["The length of the rectangle is not given. A rectangle has", "The length of the rectangle is not given."],
    ["The length of the rectangle is not given.A rectangle has a width of 4 cm.", "The length of the rectangle is not given."],
    ["The length is missing. To repeat the question: What is its area?", "The length is missing."],
    ["The length is missing.\nIn other words: a rectangle has a width of 4 cm", "The length is missing."],
    ["The length is missing. The width alone does not fix the area.", "The length is missing. The width alone does not fix the area."],
    ["What is its area?", "What is its area?"],
    // Restating a given fact of the question adds nothing either.
    ["The length is missing; the width is 4 cm.", "The length is missing;"],
  ])("%j → %j", (clarification, expected) => {
    expect(withoutTrailingRestatement(clarification, QUESTION)).toBe(expected);
  });

  it("keeps a tail that names something the question does not (a number, a new word)", () => {
    expect(withoutTrailingRestatement("The length is missing. A rectangle has 7 sides", QUESTION)).toBe(
      "The length is missing. A rectangle has 7 sides",
    );
  });

  it("is linear on a long run of punctuation and question words", async () => {
    const long = `The length is missing.${" a rectangle has.".repeat(20_000)}`;
    expect(await bestTimeMs(() => withoutTrailingRestatement(long, QUESTION))).toBeLessThan(250);
  });
});
