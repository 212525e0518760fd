import { createClarificationVerifier } from "../clarification/create-verifier.js";
import { loadEmbedder } from "./embedder.js";
import { ModelRuntime } from "./model-runtime.js";
import { loadNli } from "./nli.js";
import type { Env } from "./model-paths.js";
import type { Device } from "./execution-providers.js";
import type { Rewarder } from "../reward/create-rewarder.js";
import { createRewarder } from "../reward/create-rewarder.js";
import type { RewardOptions } from "../reward/reward-options.js";
import type { Embedder, NliModel } from "../types.js";

/** Options of {@link loadRewarder}: reward options plus which models back the clarification verifier. */
export interface LoadRewarderOptions extends Omit<RewardOptions, "verifier"> {
  /**
   * `default`: the embedding model (offline USE-lite unless `embeddingModel` says otherwise, built on
   * first use) backs the clarification verifier; `none`: no verifier, clarifications are reported
   * `unverified`.
   * @default "default"
   */
  verifier?: "default" | "none";
  /** Embedding model folder or manifest id. @default "use-lite" (offline) */
  embeddingModel?: string;
  /** NLI model folder or manifest id; none by default (no NLI weights are available offline). */
  nliModel?: string;
  /** Execution device. @default "auto" */
  device?: Device;
  /**
   * Threads each ONNX Runtime session may use on the CPU (`intraOpNumThreads`). Several worker
   * processes on one node should split the cores between them instead of each taking all of them.
   * @default ONNX Runtime's choice (every physical core)
   */
  threads?: number;
  /** Receives progress and warning lines. @default writes to stderr */
  log?: (line: string) => void;
  /** Environment read for the model cache location (`ABSTAIN_REWARD_MODELS`). @default process.env */
  env?: Env;
}

/** A rewarder that owns model sessions, with a description of what it loaded. */
export interface LoadedRewarder extends Rewarder {
  describe(): { models: string[]; device: string; verifier: string | null };
}

/**
 * Loads the models and returns a rewarder whose clarification verifier runs on them.
 * @param options - Reward options and model choice.
 * @returns A rewarder; `dispose()` frees the model sessions.
 * @example
 * const rewarder = await loadRewarder({ preset: "continuous" });
 * const results = await rewarder.scoreBatch(samples);
 * await rewarder.dispose();
 */
export async function loadRewarder(options: LoadRewarderOptions = {}): Promise<LoadedRewarder> {
  const { verifier: verifierChoice = "default", embeddingModel, nliModel, device = "auto", threads, log, env, ...rewardOptions } = options;
  if (verifierChoice === "none") {
    const rewarder = createRewarder(rewardOptions);
    return { ...rewarder, describe: () => ({ models: [], device: "none", verifier: null }) };
  }
  // One runtime for both models: sessions share one device decision and one fallback warning line.
  const runtime = new ModelRuntime({
    device,
    ...(threads === undefined ? {} : { sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } }),
    ...(log === undefined ? {} : { warn: log }),
  });
  const modelOptions = { device, runtime, ...(log === undefined ? {} : { log }), ...(env === undefined ? {} : { env }) };
  const embedder: Embedder & { stats?: () => { provider: string } } = await loadEmbedder({
    ...modelOptions,
    ...(embeddingModel === undefined ? {} : { model: embeddingModel }),
  });
  let nli: NliModel | undefined;
  try {
    if (nliModel !== undefined) nli = await loadNli({ ...modelOptions, model: nliModel });
  } catch (error) {
    await embedder.dispose();
    await runtime.dispose();
    throw error;
  }
  const verifier = createClarificationVerifier(nli === undefined ? { embedder } : { embedder, nli });
  const rewarder = createRewarder({
    ...rewardOptions,
    verifier,
    release: async () => {
      await embedder.dispose();
      await nli?.dispose();
      await runtime.dispose();
    },
  });
  const models = [embedder.id, ...(nli === undefined ? [] : [nli.id])];
  return {
    ...rewarder,
    describe: () => ({ models, device: embedder.stats?.().provider ?? device, verifier: verifier.name }),
  };
}
