import { scoreAnswer } from "../../answer/score-answer.js";
import { loadEmbedder } from "../../models/embedder.js";
import type { Device } from "../../models/execution-providers.js";
import { loadRewarder } from "../../models/load-rewarder.js";
import type { CompatMode, Embedder, Preset, Template } from "../../types.js";
import { createEvalDependencies } from "../../eval/create-eval-dependencies.js";
import type { EvalDependencies } from "../../eval/evaluate-batch.js";
import type { DetectorKind, EvalProtocol } from "../../eval/eval-types.js";
import { createExactJudge } from "../../eval/judge/exact-judge.js";
import type { Judge } from "../../eval/judge/judge-types.js";
import { createLocalJudge } from "../../eval/judge/local-judge.js";
import type { PaperDependencies } from "../../eval/paper/evaluate-paper-batch.js";
import { SELFAWARE_EMBEDDING_THRESHOLD, SELFAWARE_PHRASES } from "../../eval/paper/grade-selfaware.js";
import type { SelfAwareSecondStep } from "../../eval/paper/grade-selfaware.js";
import type { StrictAnswerCheck } from "../../eval/paper/grade-sum-strict.js";
import type { PaperProtocol } from "../../eval/paper/paper-types.js";
import { cosine } from "../../vector/vector-math.js";
import { createHttpJudge } from "./http-judge.js";

/** What `eval` needs loaded: the rewarder (reward and clarification verifier) and the detector's model. */
export interface EvalRuntimeOptions {
  protocol: EvalProtocol;
  detector: DetectorKind;
  preset: Preset;
  compat: CompatMode;
  template: Template;
  /** Load the default clarification verifier (`--no-verifier` turns it off). */
  verifier: boolean;
  device: Device;
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
  const rewarder =
    options.protocol === "selfaware"
      ? null
      : await loadRewarder({
          preset: options.preset,
          compat,
          template,
          verifier: options.verifier ? "default" : "none",
          device: options.device,
        });
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

/** Which judge answers the paper scripts' LLM questions. */
export type JudgeSpec =
  | { kind: "local" }
  | { kind: "exact" }
  | {
      kind: "http";
      url: string;
      model: string;
      apiKey: string | null;
      /** `null`: no disk cache. */
      cacheDir: string | null;
      concurrency: number;
      maxRetries: number;
    };

/** What a paper-protocol run needs loaded. */
export interface PaperRuntimeOptions {
  protocol: PaperProtocol;
  judge: JudgeSpec;
  /** The offline judge loads the clarification verifier. */
  verifier: boolean;
  device: Device;
  /** Where the HTTP judge draws its progress bar. */
  progress?: NodeJS.WritableStream;
  /** selfaware with the offline judge: the window cosine threshold. @default SELFAWARE_EMBEDDING_THRESHOLD */
  similarityThreshold?: number;
}

/** The loaded paper runtime. */
export interface PaperRuntime {
  deps: PaperDependencies;
  dispose(): Promise<void>;
}

/**
 * Max cosine of each item's windows against SelfAware's reference sentences, on one embedder call.
 * @param embedder - The embedding model.
 * @returns The similarity function of the selfaware protocol.
 * @example
 * const scores = await windowSimilarity(embedder)([["the answer is not known"]]);
 */
export function windowSimilarity(embedder: Embedder): (windowsPerItem: readonly (readonly string[])[]) => Promise<number[]> {
  return async (windowsPerItem) => {
    const windows = windowsPerItem.flat();
    if (windows.length === 0) return windowsPerItem.map(() => 0);
    const vectors = await embedder.embed([...SELFAWARE_PHRASES, ...windows]);
    const references = vectors.slice(0, SELFAWARE_PHRASES.length);
    let at = SELFAWARE_PHRASES.length;
    return windowsPerItem.map((list) => {
      let best = 0;
      for (let i = 0; i < list.length; i += 1, at += 1) {
        const vector = vectors[at];
        if (vector === undefined) continue;
        for (const reference of references) best = Math.max(best, cosine(vector, reference));
      }
      return best;
    });
  };
}

/**
 * Loads what a paper protocol needs: the judge (the offline verifier only when the protocol asks
 * about clarifications and `verifier` is on; nothing for `exact`; an HTTP client for `http`) and,
 * for selfaware with the offline judge, the embedding model.
 * @param options - Protocol, judge, verifier, device.
 * @returns The runtime; call `dispose()` when done.
 * @example
 * const runtime = await loadPaperRuntime({ protocol: "sum-strict", judge: { kind: "exact" }, verifier: false, device: "auto" });
 */
export async function loadPaperRuntime(options: PaperRuntimeOptions): Promise<PaperRuntime> {
  const strictCheck: StrictAnswerCheck = (answer, gold) => scoreAnswer(answer, gold, { fuzzyThreshold: 1 });
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    await Promise.all(disposers.map((release) => release()));
  };
  try {
    let judge: Judge;
    if (options.judge.kind === "exact") {
      judge = createExactJudge();
    } else if (options.judge.kind === "http") {
      const spec = options.judge;
      judge = createHttpJudge({
        url: spec.url,
        model: spec.model,
        apiKey: spec.apiKey,
        cacheDir: spec.cacheDir,
        concurrency: spec.concurrency,
        maxRetries: spec.maxRetries,
        ...(options.progress === undefined ? {} : { progress: options.progress }),
      });
    } else {
      const wantsVerifier = options.verifier && options.protocol !== "selfaware";
      const rewarder = wantsVerifier ? await loadRewarder({ verifier: "default", device: options.device }) : null;
      if (rewarder !== null) disposers.push(() => rewarder.dispose());
      judge = createLocalJudge({ verifier: rewarder?.options.verifier ?? null });
    }
    let selfAwareStep: SelfAwareSecondStep = { kind: "exact" };
    if (options.protocol === "selfaware" && options.judge.kind === "local") {
      const embedder = await loadEmbedder({ device: options.device });
      disposers.push(() => embedder.dispose());
      selfAwareStep = {
        kind: "embedding",
        threshold: options.similarityThreshold ?? SELFAWARE_EMBEDDING_THRESHOLD,
        maxSimilarity: windowSimilarity(embedder),
      };
    }
    return { deps: { judge, strictCheck, selfAwareStep }, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
