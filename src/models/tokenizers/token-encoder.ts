import { ModelError } from "../../errors.js";
import type { EncodedRow } from "../batching.js";
import { maxLengthOf, type ModelFolder } from "../model-folder.js";
import { USE_LITE_TOKENIZER_KIND } from "../use-lite/use-lite-files.js";
import { HfTokenEncoder } from "./hf-tokenizer.js";
import { UseLiteTokenizer } from "./use-lite-tokenizer.js";

/** Turns texts into model-ready ids, truncated to the model's limit. */
export interface TokenEncoder {
  /** Longest row produced, special tokens included. */
  readonly maxLength: number;
  /** Id written into padding positions. */
  readonly padId: number;
  /** Encodes one text. */
  encode(text: string): EncodedRow;
  /** Encodes a text pair (sequence-classification models). */
  encodePair(first: string, second: string): EncodedRow;
}

/** The exact USE-lite tokenizer behind the common interface; positions ≥ maxLength are dropped, as in TF.js. */
class UseLiteEncoder implements TokenEncoder {
  readonly padId = 0;
  constructor(
    private readonly tokenizer: UseLiteTokenizer,
    readonly maxLength: number,
  ) {}

  encode(text: string): EncodedRow {
    return { ids: this.tokenizer.encode(text).slice(0, this.maxLength) };
  }

  encodePair(): EncodedRow {
    throw new ModelError("USE-lite encodes single texts only; text pairs need a sequence-classification (NLI) model.");
  }
}

function unigramVocab(folder: ModelFolder): [string, number | null][] {
  const model = folder.tokenizerJson.model as { type?: unknown; vocab?: unknown } | undefined;
  if (model?.type !== "Unigram" || !Array.isArray(model.vocab)) {
    throw new ModelError(
      `config.json of ${folder.dir} asks for the ${USE_LITE_TOKENIZER_KIND} tokenizer, but tokenizer.json holds no Unigram vocabulary. ` +
        "Rebuild the model with `abstain-reward models build --force`.",
    );
  }
  return model.vocab as [string, number | null][];
}

function padIdOf(folder: ModelFolder, encoder: HfTokenEncoder): number {
  const padding = folder.tokenizerJson.padding as { pad_id?: unknown } | null | undefined;
  if (typeof padding?.pad_id === "number") return padding.pad_id;
  const padToken = folder.tokenizerConfig.pad_token;
  const name = typeof padToken === "string" ? padToken : (padToken as { content?: unknown } | undefined)?.content;
  if (typeof name === "string") return encoder.tokenId(name) ?? 0;
  // Padding positions are masked out, so any valid id works when the model names none.
  return 0;
}

/**
 * Creates the tokenizer a model folder asks for: the exact USE-lite Viterbi when `config.json`
 * says `use-lite-sentencepiece`, else `@huggingface/tokenizers` on `tokenizer.json`.
 * @param folder - The model folder.
 * @param maxLength - Optional cap below the model's own limit.
 * @returns The encoder.
 * @example
 * const encoder = createTokenEncoder(await readModelFolder(dir));
 */
export function createTokenEncoder(folder: ModelFolder, maxLength?: number): TokenEncoder {
  const limit = maxLengthOf(folder, maxLength);
  if (folder.abstainReward?.tokenizer === USE_LITE_TOKENIZER_KIND) {
    return new UseLiteEncoder(new UseLiteTokenizer(unigramVocab(folder), folder.abstainReward.reserved_ids ?? 6), limit);
  }
  let encoder: HfTokenEncoder;
  try {
    encoder = new HfTokenEncoder(folder.tokenizerJson, folder.tokenizerConfig, limit);
  } catch (cause) {
    throw new ModelError(
      `tokenizer.json of ${folder.dir} could not be loaded (${cause instanceof Error ? cause.message : String(cause)}). ` +
        "Expected a Hugging Face tokenizers file (WordPiece, Unigram or BPE); fetch the model again.",
      { cause },
    );
  }
  const padId = padIdOf(folder, encoder);
  return {
    maxLength: limit,
    padId,
    encode: (text) => encoder.encode(text),
    encodePair: (first, second) => encoder.encodePair(first, second),
  };
}
