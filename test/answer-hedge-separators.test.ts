import { describe, expect, it } from "vitest";
import { scoreAnswer } from "../src/answer/score-answer.js";
import { textHedge } from "../src/answer/text-hedge.js";
import { bestTimeMs } from "./helpers/timing.js";

describe("text hedges through every separator", () => {
  it.each<[string, string]>([
    ["\\boxed{yes and no}", "yes"],
    ["\\boxed{yes, maybe}", "yes"],
    ["\\boxed{Paris? London?}", "Paris"],
    ["\\boxed{Paris \\\\ London}", "Paris"],
    ["\\boxed{\\text{Paris} \\lor \\text{London}}", "Paris"],
    ["\\boxed{Paris | London}", "Paris"],
    ["\\boxed{Paris vs London}", "Paris"],
    ["\\boxed{Paris & London}", "Paris"],
    ["\\boxed{Paris + London}", "Paris"],
    ["\\boxed{Paris and London}", "Paris"],
    ["\\boxed{The answer is one of Paris, London, Berlin}", "Paris"],
    ["The possible answers are Paris, London and Berlin.", "Paris"],
    ["\\boxed{Paris, the London}", "Paris"],
    ["\\boxed{Paris, the Big Apple}", "Paris"],
  ])("%s is not %s", (response, gold) => {
    const result = scoreAnswer(response, gold);
    expect(result.correct).toBe(false);
    expect(result.reason).toMatch(/candidates/);
  });

  it.each<[string, string]>([
    ["\\boxed{salt and pepper}", "salt and pepper"],
    ["\\boxed{Procter & Gamble}", "Procter & Gamble"],
    ["\\boxed{Yes}", "yes"],
    ["\\boxed{Paris}", "Paris"],
    ["\\boxed{Yes, because the train is faster}", "yes"],
    ["\\boxed{The capital of France is Paris, a city of lights}", "Paris"],
    ["\\boxed{Paris, the capital of France}", "Paris"],
  ])("%s is still %s", (response, gold) => {
    expect(scoreAnswer(response, gold).correct).toBe(true);
  });

  it("splits a pathological run of separators in bounded time", async () => {
    const pred = "a & ".repeat(50_000);
    expect(await bestTimeMs(() => textHedge("Paris", pred))).toBeLessThan(250);
    expect(await bestTimeMs(() => textHedge("Paris", "\\\\".repeat(50_000)))).toBeLessThan(250);
  });
});
