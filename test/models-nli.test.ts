import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelError } from "../src/errors.js";
import { loadNli, softmax, type OnnxNliModel } from "../src/models/index.js";
import { seededRandom } from "./helpers/models-corpus.js";
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
    const text = (): string => Array.from({ length: Math.floor(rand() * 14) }, () => TINY_WORDS[Math.floor(rand() * TINY_WORDS.length)]).join(" ");
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
    const noTypes = await loadNli({ model: writeTinyNli(join(root, "no-types"), { inputs: ["input_ids", "attention_mask"] }), device: "cpu" });
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
