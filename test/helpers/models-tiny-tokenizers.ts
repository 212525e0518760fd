/**
 * Small but real `tokenizer.json` files built in code, one per model family (WordPiece/BERT,
 * byte-level BPE/RoBERTa, Unigram/SentencePiece), so tokenization is tested against Hugging Face's
 * Rust tokenizer without downloading anything.
 */

/** Words of the tiny WordPiece vocabulary; "yes"/"no"/"maybe" drive the tiny NLI model's logits. */
export const TINY_WORDS = [
  "yes",
  "no",
  "maybe",
  "the",
  "cat",
  "sat",
  "on",
  "mat",
  "a",
  "dog",
  "is",
  "red",
  "blue",
  "it",
  "rains",
  "wet",
  "ground",
  "##s",
  "##ing",
  ".",
  ",",
  "?",
  "!",
] as const;

/** `[PAD]`=0, `[UNK]`=1, `[CLS]`=2, `[SEP]`=3, then {@link TINY_WORDS}. */
export function wordPieceVocab(): Record<string, number> {
  const vocab: Record<string, number> = { "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3 };
  TINY_WORDS.forEach((w, i) => {
    vocab[w] = i + 4;
  });
  return vocab;
}

const special = (content: string, id: number) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/** A BERT-style tokenizer: lowercase normalizer, BERT pre-tokenizer, WordPiece, `[CLS] A [SEP] B [SEP]`. */
export function wordPieceTokenizerJson(): object {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [special("[PAD]", 0), special("[UNK]", 1), special("[CLS]", 2), special("[SEP]", 3)],
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: wordPieceVocab(),
    },
  };
}

/** GPT-2's byte → printable character table (byte-level BPE needs every byte in the vocabulary). */
function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return table;
}

/** A RoBERTa-style byte-level BPE with a handful of merges and `<s> A </s></s> B </s>` pairs. */
export function bpeTokenizerJson(): object {
  const vocab: Record<string, number> = { "<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3 };
  for (const ch of bytesToUnicode()) vocab[ch] ??= Object.keys(vocab).length;
  const merges = ["Ġ t", "h e", "Ġt he", "Ġ c", "a t", "Ġc at", "Ġ s", "Ġs at", "Ġ o", "Ġo n", "r e", "Ġ m", "Ġm at"];
  for (const merge of merges) vocab[merge.replace(" ", "")] ??= Object.keys(vocab).length;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [special("<s>", 0), special("<pad>", 1), special("</s>", 2), special("<unk>", 3)],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "RobertaProcessing", sep: ["</s>", 2], cls: ["<s>", 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}

/** Adds `<s> A </s> B </s>` post-processing to a Unigram tokenizer.json (ids 1 and 2 as in USE). */
export function withPairTemplate(unigramJson: Record<string, unknown>): object {
  return {
    ...unigramJson,
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "<s>", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "</s>", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "<s>", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "</s>", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "</s>", type_id: 1 } },
      ],
      special_tokens: {
        "<s>": { id: "<s>", ids: [1], tokens: ["<s>"] },
        "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] },
      },
    },
  };
}
