// `abstain-reward/build`: the tools that make and inspect model folders — the USE-lite converter
// (TF.js weights → ONNX, no network), its exact SentencePiece tokenizer, and the token encoder a
// model folder's tokenizer files describe. Loading and running models is `abstain-reward/models`
// (which converts USE-lite on first use by itself); nothing here loads ONNX Runtime.
export type { BuildUseLiteOptions, BuildUseLiteResult } from "../models/use-lite/build-use-lite.js";
export { buildUseLite, USE_LITE_ID } from "../models/use-lite/build-use-lite.js";
export { USE_LITE_DIMENSION, USE_LITE_MAX_TOKENS } from "../models/use-lite/use-lite-graph.js";
export { UseLiteTokenizer } from "../models/tokenizers/use-lite-tokenizer.js";
export type { TokenEncoder } from "../models/tokenizers/token-encoder.js";
export { createTokenEncoder } from "../models/tokenizers/token-encoder.js";
