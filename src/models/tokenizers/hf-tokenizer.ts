import { Tokenizer } from "@huggingface/tokenizers";
import type { EncodedRow } from "../batching.js";

/** What a post-processor returns (mirrors the package type, which is not exported). */
interface PostProcessedOutput {
  tokens: string[];
  tokens_pair?: string[];
  token_type_ids?: number[];
}

/** Marks placeholder tokens so special tokens added by the post-processor can be told apart. */
const MARK = "\u0000";

/**
 * Splits a length budget between two sequences exactly as the Hugging Face Rust tokenizer does with
 * `LongestFirst`: each text is first cut to the model limit, then the shorter one is kept whole when
 * the longer can absorb the cut, else both get half and the odd token goes to the longer (the second
 * on a tie). Verified exhaustively against `tokenizers` in test/models-hf-tokenizer.test.ts.
 * @param lengthA - Tokens of the first text.
 * @param lengthB - Tokens of the second text.
 * @param budget - Tokens left after special tokens.
 * @param limit - The model limit each text is first cut to (special tokens included).
 * @returns How many tokens of each text to keep.
 * @example
 * longestFirst(10, 2, 8, 11); // → [6, 2]
 */
export function longestFirst(lengthA: number, lengthB: number, budget: number, limit: number = Number.POSITIVE_INFINITY): [number, number] {
  const a = Math.min(lengthA, limit);
  const b = Math.min(lengthB, limit);
  if (a + b <= budget) return [a, b];
  const swap = a > b;
  const shorter = swap ? b : a;
  let keepShorter = shorter;
  let keepLonger = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
  if (keepShorter + keepLonger > budget) {
    keepShorter = Math.floor(budget / 2);
    keepLonger = keepShorter + (budget % 2);
  }
  return swap ? [Math.min(keepLonger, a), Math.min(keepShorter, b)] : [Math.min(keepShorter, a), Math.min(keepLonger, b)];
}

/**
 * Wraps `@huggingface/tokenizers` (pure JS, WordPiece/Unigram/BPE from `tokenizer.json`) with what it
 * lacks: truncation of the texts *before* special tokens are added (so `[SEP]` and the second
 * text of a pair survive), longest-first pair truncation, and segment ids.
 * @example
 * const enc = new HfTokenEncoder(tokenizerJson, tokenizerConfig, 512);
 * enc.encodePair("A man eats.", "Someone eats.").ids;
 */
export class HfTokenEncoder {
  private readonly tokenizer: Tokenizer;
  private readonly specialIds: Map<string, number>;
  private readonly specialsSingle: number;
  private readonly specialsPair: number;
  /** RoBERTa-style models have one segment type; the Rust tokenizer gives every token type 0. */
  private readonly oneSegment: boolean;

  /**
   * Loads the tokenizer.
   * @param tokenizerJson - Parsed `tokenizer.json`.
   * @param tokenizerConfig - Parsed `tokenizer_config.json` (or `{}`).
   * @param maxLength - Longest sequence the model accepts, special tokens included.
   */
  constructor(
    tokenizerJson: object,
    tokenizerConfig: object,
    readonly maxLength: number,
  ) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    const processor = (tokenizerJson as { post_processor?: { type?: unknown } | null }).post_processor;
    this.oneSegment = processor?.type === "RobertaProcessing";
    this.specialIds = this.tokenizer.get_vocab(true);
    this.specialsSingle = this.postProcess([], null).ids.length;
    this.specialsPair = this.postProcess([], []).ids.length;
  }

  /**
   * Encodes one text with special tokens, truncated to `maxLength`.
   * @param text - The text.
   * @returns Ids and segment ids.
   * @example
   * enc.encode("hello").ids; // → [101, 7592, 102]
   */
  encode(text: string): EncodedRow {
    const ids = this.rawIds(text);
    return this.postProcess(ids.slice(0, Math.max(0, this.maxLength - this.specialsSingle)), null);
  }

  /**
   * Encodes a premise/hypothesis pair with longest-first truncation.
   * @param first - First text (premise).
   * @param second - Second text (hypothesis).
   * @returns Ids and segment ids.
   * @example
   * enc.encodePair("It rains.", "It is wet.").typeIds;
   */
  encodePair(first: string, second: string): EncodedRow {
    const a = this.rawIds(first);
    const b = this.rawIds(second);
    const [keepA, keepB] = longestFirst(a.length, b.length, Math.max(0, this.maxLength - this.specialsPair), this.maxLength);
    return this.postProcess(a.slice(0, keepA), b.slice(0, keepB));
  }

  /**
   * Looks up a token's id (for the padding token).
   * @param token - Token string.
   * @returns Its id, or `undefined`.
   * @example
   * enc.tokenId("[PAD]"); // → 0
   */
  tokenId(token: string): number | undefined {
    return this.specialIds.get(token);
  }

  private rawIds(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** Runs the model's post-processor on placeholder tokens, then maps them back to ids. */
  private postProcess(a: readonly number[], b: readonly number[] | null): EncodedRow {
    const tokensA = a.map((_, i) => `${MARK}A${i}`);
    const tokensB = b === null ? null : b.map((_, i) => `${MARK}B${i}`);
    const processor = this.tokenizer.post_processor;
    const out: PostProcessedOutput =
      processor === null
        ? { tokens: tokensA, ...(tokensB === null ? {} : { tokens_pair: tokensB }) }
        : processor.post_process(tokensA, tokensB, true);
    const tokens = [...out.tokens, ...(out.tokens_pair ?? [])];
    // Segment ids as the Rust tokenizer gives them: the post-processor's when it reports them,
    // all 0 for RoBERTa-style single-segment models, else 0 for the first text and 1 for the second.
    const bySequence = [...out.tokens.map(() => 0), ...(out.tokens_pair ?? []).map(() => 1)];
    const typeIds = this.oneSegment ? tokens.map(() => 0) : (out.token_type_ids ?? bySequence);
    const ids = tokens.map((token) => {
      if (token.startsWith(`${MARK}A`)) return a[Number(token.slice(2))] ?? 0;
      if (token.startsWith(`${MARK}B`)) return b?.[Number(token.slice(2))] ?? 0;
      return this.specialIds.get(token) ?? 0;
    });
    return { ids, typeIds };
  }
}
