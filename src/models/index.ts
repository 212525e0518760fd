// `abstain-reward/models`: the only entry point that loads ONNX Runtime (native code). The pure
// entry `abstain-reward` never imports from here; the model build tools (USE-lite converter,
// tokenizers) are `abstain-reward/build` (src/entries/build.ts).
export type { EmbedderOptions, EmbedderStats } from "./embedder.js";
export { loadEmbedder, OnnxEmbedder } from "./embedder.js";
export type { NliOptions } from "./nli.js";
export { DEFAULT_NLI_MODEL, loadNli, OnnxNliModel } from "./nli.js";
export type { LoadModelOptions } from "./open-model.js";
export type { ModelRuntimeOptions, SessionHandle } from "./model-runtime.js";
export { ModelRuntime } from "./model-runtime.js";
export type { Device, OrtModule, SessionOptions } from "./execution-providers.js";
export { DEVICES, EXECUTION_PROVIDERS, loadOrt, resolveExecutionProviders } from "./execution-providers.js";
export type { TimingStats } from "./batch-runner.js";
export type { CacheStats } from "./lru-cache.js";
export { LruCache } from "./lru-cache.js";
export { cosine, l2Normalize, meanPool, softmax } from "../vector/vector-math.js";
export type { ModelFolder } from "./model-folder.js";
export { readModelFolder } from "./model-folder.js";
export type { Env } from "./model-paths.js";
export { MODELS_ENV, modelCacheDir, modelsRoot } from "./model-paths.js";
export type { Manifest, ManifestEntry, ModelRole } from "./manifest.js";
export { findManifestEntry, loadManifest, manifestSchema, MODEL_ROLES } from "./manifest.js";
export type { PullOptions, PullResult } from "./pull-model.js";
export { pullModel } from "./pull-model.js";
export type { VerifyResult } from "./verify-models.js";
export { verifyModels } from "./verify-models.js";
export type { LoadedRewarder, LoadRewarderOptions } from "./load-rewarder.js";
export { loadRewarder } from "./load-rewarder.js";
