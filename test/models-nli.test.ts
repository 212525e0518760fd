import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClarificationVerifier } from "../src/clarification/create-verifier.js";
import { UNCALIBRATED_NLI_WEIGHT } from "../src/clarification/score-clarification.js";
import { ModelError } from "../src/errors.js";
import { loadNli, softmax, type OnnxNliModel } from "../src/models/index.js";
import { loadRewarder } from "../src/models/load-rewarder.js";
import { seededRandom } from "./helpers/models-corpus.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";
import { expectedLogits, TINY_MAX_LENGTH, writeTinyNli } from "./helpers/models-tiny-nli.js";
import { TINY_WORDS, wordPieceTokenizerJson } from "./helpers/models-tiny-tokenizers.js";

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require("tokenizers") as typeof import("tokenizers");

describe("NLI path on a tiny sequence-classification model built in the test", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-nli-"));
  const dir = writeTinyNli(join(root, "tiny-nli"));
  let nli: OnnxNliModel;
  const rust = RustTokenizer.fromString(JSON.stringify(wordPieceTokenizerJson()));
  rust.setTruncation(TINY_MAX_LENGTH, { strategy: "LongestFirst" as never });

  /** Expected probabilities from the reference tokenizer's ids and the model's known weights. */
  async function expected(premise: string, hypothesis: string): Promise<{ entailment: number; neutral: number; contradiction: number }> {
    const enc = await rust.encode(premise, hypothesis);
    const [c, n, e] = softmax(expectedLogits(enc.getIds(), enc.getTypeIds()));
    return { entailment: e ?? 0, neutral: n ?? 0, contradiction: c ?? 0 };
  }

  beforeAll(async () => {
    nli = await loadNli({ model: dir, device: "cpu", batchSize: 4 });
  });

  afterAll(async () => {
    await nli.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ["the cat sat on the mat", "yes"],
    ["it rains", "no no"],
    ["maybe", "maybe the ground is wet"],
    ["", "yes"],
    ["yes yes yes", ""],
  ])("maps id2label (upper case, reordered) and softmax for %j ⊢ %j", async (premise, hypothesis) => {
    const [scores] = await nli.classify([[premise, hypothesis]]);
    const want = await expected(premise, hypothesis);
    expect(scores?.entailment).toBeCloseTo(want.entailment, 5);
    expect(scores?.neutral).toBeCloseTo(want.neutral, 5);
    expect(scores?.contradiction).toBeCloseTo(want.contradiction, 5);
    expect((scores?.entailment ?? 0) + (scores?.neutral ?? 0) + (scores?.contradiction ?? 0)).toBeCloseTo(1, 6);
  });

  it("truncates long pairs longest-first so the hypothesis survives (its 'yes' still counts)", async () => {
    const premise = "the cat sat on the mat the dog is red the cat is blue the dog sat";
    const [scores] = await nli.classify([[premise, "yes"]]);
    const want = await expected(premise, "yes");
    expect(scores?.entailment).toBeCloseTo(want.entailment, 5);
    expect(scores?.entailment).toBeGreaterThan(0.5);
  });

  it("gives the same numbers for 60 mixed-length pairs batched (sorted, padded) as one by one", async () => {
    const rand = seededRandom(11);
    const text = (): string =>
      Array.from({ length: Math.floor(rand() * 14) }, () => TINY_WORDS[Math.floor(rand() * TINY_WORDS.length)]).join(" ");
    const pairs = Array.from({ length: 60 }, () => [text(), text()] as const);
    const batched = await nli.classify(pairs);
    for (const [i, [premise, hypothesis]] of pairs.entries()) {
      const want = await expected(premise, hypothesis);
      expect(batched[i]?.entailment, `pair ${i}`).toBeCloseTo(want.entailment, 5);
      expect(batched[i]?.neutral, `pair ${i}`).toBeCloseTo(want.neutral, 5);
    }
    expect(nli.timingStats().batches).toBeGreaterThanOrEqual(15);
  });

  it("feeds only the inputs the model declares (a model without token_type_ids works)", async () => {
    const noTypes = await loadNli({
      model: writeTinyNli(join(root, "no-types"), { inputs: ["input_ids", "attention_mask"] }),
      device: "cpu",
    });
    const [scores] = await noTypes.classify([["yes", "no"]]);
    await noTypes.dispose();
    const [c, , e] = softmax([2, 0, 2]);
    expect(scores?.entailment).toBeCloseTo(e ?? 0, 5);
    expect(scores?.contradiction).toBeCloseTo(c ?? 0, 5);
  });

  it("accepts two-class entailment / not_entailment models (not_entailment reported as neutral)", async () => {
    const two = writeTinyNli(join(root, "three-named-two"), { id2label: { "0": "not_entailment", "1": "other", "2": "entailment" } });
    const model = await loadNli({ model: two, device: "cpu" });
    const [scores] = await model.classify([["yes", ""]]);
    await model.dispose();
    expect(scores?.entailment).toBeGreaterThan(0.7);
    expect(scores?.contradiction).toBe(0);
  });

  it("rejects a config without an entailment label, naming the labels it found", async () => {
    const bad = writeTinyNli(join(root, "no-entailment"), { id2label: { "0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2" } });
    const attempt = loadNli({ model: bad, device: "cpu" });
    await expect(attempt).rejects.toBeInstanceOf(ModelError);
    await expect(attempt).rejects.toThrow(/no entailment label in id2label \(found 0: "LABEL_0"/);
  });

  it("rejects malformed input with an InputError", async () => {
    await expect(nli.classify([["only one"]] as never)).rejects.toThrow(/\[premise, hypothesis\] string pairs/);
  });
});

describe("an uncalibrated NLI model in the clarification verifier (tiny model built in the test)", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-nli-verifier-"));
  const dir = writeTinyNli(join(root, "tiny-nli"));
  let nli: OnnxNliModel;
  // A deterministic embedder: every text the same unit vector, so only the NLI term differs between requests.
  const unit = Float32Array.of(1, 0, 0, 0);
  const embedder = {
    id: "unit",
    dimension: 4,
    embed: async (texts: readonly string[]) => texts.map(() => unit),
    dispose: async () => undefined,
  };
  const annotation = { missingFacts: ["how many marbles Ed had"], question: "Ed had some marbles. He lost 21 of them. How many are left?" };

  beforeAll(async () => {
    nli = await loadNli({ model: dir, device: "cpu" });
  });

  afterAll(async () => {
    await nli.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("verifies with the entailment blended at the default weight and says it is uncalibrated", async () => {
    const verifier = createClarificationVerifier({ embedder, nli });
    expect(verifier.name).toBe(`slots+unit+${nli.id}:uncalibrated`);
    // The tiny model: "yes" in the pair raises entailment, "no" lowers it; same slot and facts otherwise.
    const [yes, no] = await verifier.verify([
      { clarification: "yes yes yes. The problem does not say how many marbles Ed had.", annotation },
      { clarification: "no no no. The problem does not say how many marbles Ed had.", annotation },
    ]);
    const [plain] = await createClarificationVerifier({ embedder }).verify([
      { clarification: "yes yes yes. The problem does not say how many marbles Ed had.", annotation },
    ]);
    expect(yes?.reason).toMatch(/NLI uncalibrated: entailment 0\.\d\d blended at weight 0\.2/);
    expect(no?.reason).toMatch(/NLI uncalibrated/);
    expect(yes?.score ?? 0).toBeGreaterThan(no?.score ?? 1);
    // Bounded: the blend moves the embedding-only score by at most the weight.
    expect(Math.abs((yes?.score ?? 0) - (plain?.score ?? 0))).toBeLessThanOrEqual(UNCALIBRATED_NLI_WEIGHT + 1e-9);
    const entailment = Number(/entailment (\d\.\d\d)/.exec(yes?.reason ?? "")?.[1]);
    expect(yes?.score ?? 0).toBeCloseTo((1 - UNCALIBRATED_NLI_WEIGHT) * (plain?.score ?? 0) + UNCALIBRATED_NLI_WEIGHT * entailment, 2);
  });

  it("keeps the fitted path when a calibration is given", async () => {
    const nliCalibration = {
      ensemble: {
        features: ["entailment"],
        base: 0,
        trees: [[{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: -3 }, { value: 3 }]],
      },
      threshold: 0.7,
      model: nli.id,
    };
    const verifier = createClarificationVerifier({ embedder, nli, nliCalibration });
    expect(verifier.name).toBe(`slots+unit+${nli.id}`);
    const [result] = await verifier.verify([
      { clarification: "yes yes yes. The problem does not say how many marbles Ed had.", annotation },
    ]);
    expect(result?.reason).toMatch(/NLI calibrated for/);
  });

  it("rejects an nliWeight outside [0, 1] with a sentence", () => {
    expect(() => createClarificationVerifier({ embedder, nli, nliWeight: 2 })).toThrow(/nliWeight must be a number in \[0, 1\]/);
  });

  it.skipIf(!weightPackageAvailable())("loadRewarder({ nliModel }) loads and scores (uncalibrated)", async () => {
    const rewarder = await loadRewarder({
      nliModel: dir,
      device: "cpu",
      log: () => undefined,
      env: { ABSTAIN_REWARD_MODELS: join(root, "models") },
    });
    try {
      expect(rewarder.describe().verifier).toMatch(/:uncalibrated$/);
      const [result] = await rewarder.scoreBatch([
        {
          response:
            "<thinking>\nNot enough.\n</thinking>\n<answer>\n\\boxed{I don't know.}\nThe problem does not say how many marbles Ed had at the start.\n</answer>",
          answerable: false,
          missingFacts: ["Ed had 50 marbles"],
          question: annotation.question,
        },
      ]);
      expect(result?.details.clarification?.status).toMatch(/verified|rejected/);
      expect(result?.details.clarification?.result?.reason).toMatch(/NLI uncalibrated/);
    } finally {
      await rewarder.dispose();
    }
  });
});
