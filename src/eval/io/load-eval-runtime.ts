import { loadEmbedder } from "../../models/embedder.js";
import { loadRewarder } from "../../runtime/load-rewarder.js";
import type { CompatMode, Embedder, Preset, Template } from "../../types.js";
import { createEvalDependencies } from "../create-eval-dependencies.js";
import type { EvalDependencies } from "../evaluate-batch.js";
import type { DetectorKind, EvalProtocol } from "../eval-types.js";

/** What `eval` needs loaded: the rewarder (reward and clarification verifier) and the detector's model. */
export interface EvalRuntimeOptions {
  protocol: EvalProtocol;
  detector: DetectorKind;
  preset: Preset;
  compat: CompatMode;
  template: Template;
  /** Load the default clarification verifier (`--no-verifier` turns it off). */
  verifier: boolean;
  device: "auto" | "cpu" | "cuda";
}

/** The loaded runtime. */
export interface EvalRuntime {
  deps: EvalDependencies;
  /** The verifier's name, or `null` when none is bound. */
  verifierName: string | null;
  dispose(): Promise<void>;
}

/**
 * Loads the models an evaluation needs. SelfAware has no reward annotations, so no rewarder is
 * loaded for it; the `selfaware` detector loads the embedding model.
 * @param options - Protocol, detector, reward options, device.
 * @returns The runtime; call `dispose()` when done.
 * @example
 * const runtime = await loadEvalRuntime({ protocol: "abstain-test", detector: "lexical", preset: "abstain-r1", compat: "fixed", template: "abstain-r1", verifier: true, device: "auto" });
 */
export async function loadEvalRuntime(options: EvalRuntimeOptions): Promise<EvalRuntime> {
  const { template, compat } = options;
  const rewarder = options.protocol === "selfaware"
    ? null
    : await loadRewarder({ preset: options.preset, compat, template, verifier: options.verifier ? "default" : "none", device: options.device });
  let embedder: Embedder | null = null;
  try {
    if (options.detector === "selfaware") embedder = await loadEmbedder({ device: options.device });
  } catch (error) {
    await rewarder?.dispose();
    throw error;
  }
  const deps = createEvalDependencies({ rewarder, embedder, template, compat });
  return {
    deps,
    verifierName: rewarder?.options.verifier?.name ?? null,
    async dispose() {
      await Promise.all([rewarder?.dispose(), embedder?.dispose()]);
    },
  };
}
