import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { HfTokenEncoder, longestFirst } from "../src/models/tokenizers/hf-tokenizer.js";
import { readTfjsWeights } from "../src/models/use-lite/tfjs-weights.js";
import { useLiteSideFiles } from "../src/models/use-lite/use-lite-files.js";
import { ordinarySentences, seededRandom } from "./helpers/models-corpus.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";
import { bpeTokenizerJson, TINY_WORDS, withPairTemplate, wordPieceTokenizerJson } from "./helpers/models-tiny-tokenizers.js";

const require = createRequire(import.meta.url);
const { Tokenizer: RustTokenizer } = require("tokenizers") as typeof import("tokenizers");

interface Oracle {
  single(text: string): Promise<number[][]>;
  pair(a: string, b: string): Promise<number[][]>;
}

/** Hugging Face's Rust tokenizer with longest-first truncation: the reference behaviour. */
function oracle(json: object, maxLength: number): Oracle {
  const rust = RustTokenizer.fromString(JSON.stringify(json));
  rust.setTruncation(maxLength, { strategy: "LongestFirst" as never });
  const ids = async (a: string, b?: string) => {
    const enc = await rust.encode(a, b ?? null);
    return [enc.getIds(), enc.getTypeIds()];
  };
  return { single: (t) => ids(t), pair: (a, b) => ids(a, b) };
}

function wordText(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => TINY_WORDS[Math.floor(rand() * TINY_WORDS.length)]).join(" ");
}

async function expectParity(json: object, maxLength: number, texts: readonly string[]): Promise<void> {
  const ours = new HfTokenEncoder(json, {}, maxLength);
  const ref = oracle(json, maxLength);
  for (const text of texts) {
    const row = ours.encode(text);
    expect([row.ids, row.typeIds], JSON.stringify(text)).toEqual(await ref.single(text));
  }
  for (let i = 0; i + 1 < texts.length; i += 2) {
    const a = texts[i] ?? "";
    const b = texts[i + 1] ?? "";
    const row = ours.encodePair(a, b);
    expect([row.ids, row.typeIds], JSON.stringify([a, b])).toEqual(await ref.pair(a, b));
  }
}

describe("longestFirst", () => {
  it.each([
    [3, 4, 10, 13, [3, 4]],
    [10, 2, 8, 11, [6, 2]],
    [2, 10, 8, 11, [2, 6]],
    [10, 10, 8, 11, [4, 4]],
    [10, 10, 7, 10, [3, 4]],
    [11, 10, 7, 10, [3, 4]],
    [9, 8, 7, 10, [4, 3]],
    [0, 20, 5, 8, [0, 5]],
  ])("splits %i + %i tokens into a budget of %i (limit %i) as %j", (a, b, budget, limit, expected) => {
    expect(longestFirst(a, b, budget, limit)).toEqual(expected);
  });

  it("matches the Rust tokenizer on every length pair up to 30 × 30 at two limits", async () => {
    for (const limit of [12, 16]) {
      const rust = RustTokenizer.fromString(JSON.stringify(wordPieceTokenizerJson()));
      rust.setTruncation(limit, { strategy: "LongestFirst" as never });
      for (let a = 0; a <= 30; a++) {
        for (let b = 0; b <= 30; b++) {
          const enc = await rust.encode(Array(a).fill("cat").join(" "), Array(b).fill("dog").join(" "));
          const types = enc.getTypeIds();
          const ids = enc.getIds();
          const keptA = ids.filter((id, i) => id !== 2 && id !== 3 && types[i] === 0).length;
          const keptB = ids.filter((id, i) => id !== 3 && types[i] === 1).length;
          expect(longestFirst(a, b, limit - 3, limit), `${a}+${b} at ${limit}`).toEqual([keptA, keptB]);
        }
      }
    }
  });
});

describe("HfTokenEncoder matches Hugging Face's Rust tokenizer (truncate texts first, then add special tokens)", () => {
  const rand = seededRandom(3);
  const tinyTexts = Array.from({ length: 120 }, () => wordText(rand, Math.floor(rand() * 20)));

  it("WordPiece / BERT: single texts and pairs, with longest-first truncation at 16 tokens", async () => {
    await expectParity(wordPieceTokenizerJson(), 16, tinyTexts);
  });

  it("WordPiece keeps the final [SEP] and the second text of a pair when the first is too long", () => {
    const enc = new HfTokenEncoder(wordPieceTokenizerJson(), {}, 8);
    const row = enc.encodePair("the cat sat on the mat the dog is red", "yes");
    expect(row.ids.at(-1)).toBe(3);
    expect(row.ids).toContain(4);
    expect(row.ids).toHaveLength(8);
  });

  it("byte-level BPE / RoBERTa: `<s> A </s></s> B </s>` pairs at 24 tokens", async () => {
    await expectParity(bpeTokenizerJson(), 24, [...ordinarySentences().slice(0, 40), "the cat sat on the mat", ""]);
  });

  it.skipIf(!weightPackageAvailable())("Unigram / SentencePiece (the USE vocabulary with a pair template) at 32 tokens", async () => {
    const unigram = JSON.parse(useLiteSideFiles(await readTfjsWeights())["tokenizer.json"] ?? "{}") as Record<string, unknown>;
    await expectParity(withPairTemplate(unigram), 32, ordinarySentences().slice(0, 60));
  });
});
