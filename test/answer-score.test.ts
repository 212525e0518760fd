import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { answersMatch } from "../src/answer/answers-match.js";
import { extractAnswer } from "../src/answer/extract-answer.js";
import { DEFAULT_SCORE_ANSWER_OPTIONS, resolveScoreAnswerOptions } from "../src/answer/options.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import * as api from "../src/index.js";

const RESPONSE = "<thinking>\n9 + 10 = 19\n</thinking>\n<answer>\nThe sum is \\boxed{19}.\n</answer>";

describe("ungradeable gold answers give score null with a reason", () => {
  it.each([
    ["empty string", ""],
    ["whitespace", "   \n\t"],
    ["punctuation only", "?!"],
    ["empty list", [] as string[]],
    ["list of empty strings", ["", " "]],
    ["long prose with no final answer", "Most car batteries last between two and six years. ".repeat(12)],
  ])("%s", (_name, gold) => {
    const result = scoreAnswer(RESPONSE, gold);
    expect(result.score).toBeNull();
    expect(result.correct).toBe(false);
    expect(result.method).toBe("none");
    expect(result.reason).toMatch(/^[A-Z].*\.$/);
  });

  it("forcing math on a text gold is ungradeable, not a silent 0", () => {
    const result = scoreAnswer(RESPONSE, "Parlophone Records", { answerType: "math" });
    expect(result.score).toBeNull();
    expect(result.reason).toContain('answerType "auto" or "text"');
  });

  it("a gradeable alias next to an empty one is still graded", () => {
    expect(scoreAnswer(RESPONSE, ["", "19"]).score).toBe(1);
  });
});

describe("garbage responses score 0 with a reason and never throw", () => {
  it.each([
    ["empty", ""],
    ["binary junk", "\u0000\u0001\u0002\u00ff\ufffd\ud800".repeat(50)],
    ["unclosed box", "The answer is \\boxed{19"],
    ["only an abstention", "<answer>\n\\boxed{I don't know.}\nThe question does not say how many.\n</answer>"],
    ["tags without content", "<thinking></thinking><answer></answer>"],
    ["wrong answer", "<answer>\\boxed{20}</answer>"],
  ])("%s", (_name, response) => {
    const result = scoreAnswer(response, "19");
    expect(result.score).toBe(0);
    expect(result.correct).toBe(false);
    expect(result.reason).toMatch(/^[A-Z].*\.$/);
  });
});

describe("non-string arguments throw InputError with a whole sentence", () => {
  it.each([
    ["response number", () => scoreAnswer(19 as unknown as string, "19")],
    ["response null", () => scoreAnswer(null as unknown as string, "19")],
    ["gold number", () => scoreAnswer(RESPONSE, 19 as unknown as string)],
    ["gold list with a number", () => scoreAnswer(RESPONSE, ["19", 20] as unknown as string[])],
    ["gold object", () => scoreAnswer(RESPONSE, { answer: "19" } as unknown as string)],
    ["extractAnswer on undefined", () => extractAnswer(undefined as unknown as string)],
    ["answersMatch prediction number", () => answersMatch("19", 19 as unknown as string)],
  ])("%s", (_name, call) => {
    expect(call).toThrow(InputError);
    try {
      call();
    } catch (error) {
      expect((error as InputError).code).toBe("invalid_input");
      expect((error as InputError).message).toMatch(/^The .* must be .*\.$/);
    }
  });
});

describe("options are validated by one resolver", () => {
  it("defaults are frozen and complete", () => {
    expect(Object.isFrozen(DEFAULT_SCORE_ANSWER_OPTIONS)).toBe(true);
    expect(resolveScoreAnswerOptions(undefined)).toBe(DEFAULT_SCORE_ANSWER_OPTIONS);
    expect(resolveScoreAnswerOptions({ precision: 2 }).precision).toBe(2);
  });

  it.each([
    ["fuzzyThreshold above 1", { fuzzyThreshold: 1.5 }],
    ["fuzzyThreshold negative", { fuzzyThreshold: -0.1 }],
    ["fuzzyThreshold NaN", { fuzzyThreshold: Number.NaN }],
    ["precision fractional", { precision: 2.5 }],
    ["precision too large", { precision: 40 }],
    ["matchTypes empty", { matchTypes: [] }],
    ["matchTypes unknown", { matchTypes: ["regex"] }],
    ["strict not boolean", { strict: "yes" }],
    ["answerType unknown", { answerType: "code" }],
    ["unknown key", { fuzzy: 0.8 }],
  ])("%s → InputError invalid_options", (_name, options) => {
    const call = (): unknown => scoreAnswer(RESPONSE, "19", options as never);
    expect(call).toThrow(InputError);
    try {
      call();
    } catch (error) {
      expect((error as InputError).code).toBe("invalid_options");
      expect((error as InputError).message).toMatch(/\.$/);
    }
  });
});

describe("result shape", () => {
  it("carries the extracted answer, method and reason", () => {
    const result = scoreAnswer(RESPONSE, "19");
    expect(result).toEqual({
      correct: true,
      score: 1,
      extracted: "19",
      method: "exact",
      reason: expect.stringContaining('"19"') as string,
    });
  });

  it("reports the extracted answer of a wrong response", () => {
    const result = scoreAnswer(RESPONSE, "20");
    expect(result.extracted).toBe("19");
    expect(result.reason).toBe('The answer "19" does not match the gold answer "20".');
  });

  it("is exported from the package entry", () => {
    expect(api.scoreAnswer).toBe(scoreAnswer);
    expect(api.extractAnswer).toBe(extractAnswer);
    expect(api.answersMatch).toBe(answersMatch);
    expect(api.DEFAULT_SCORE_ANSWER_OPTIONS).toBe(DEFAULT_SCORE_ANSWER_OPTIONS);
  });
});
