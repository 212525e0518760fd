import { InputError, ModelError } from "../errors.js";
import type { NliModel, NliScores } from "../types.js";
import { emptyTiming, runInBatches, type TimingStats } from "./batch-runner.js";
import type { ModelFolder } from "./model-folder.js";
import { openModel, type LoadModelOptions, type OpenedModel } from "./open-model.js";
import { softmax } from "../vector/vector-math.js";

/** The NLI model used when `loadNli()` gets no `model` (fetch it with `abstain-reward models pull`). */
export const DEFAULT_NLI_MODEL = "Xenova/nli-deberta-v3-xsmall";

/** Options of {@link loadNli}. */
export interface NliOptions extends LoadModelOptions {
  /** Pairs per micro-batch. @default 16 */
  batchSize?: number;
}

/** Logit index of each NLI class; `neutral` also takes a two-class model's "not entailment". */
interface LabelIndex {
  entailment: number;
  neutral: number | undefined;
  contradiction: number | undefined;
  count: number;
}

/**
 * Maps `config.json` `id2label` to the three NLI classes, case-insensitively. A model without an
 * entailment label is rejected: guessing an index would silently score clarifications with the
 * wrong class.
 * @param folder - The model folder.
 * @returns Index of each class.
 * @example
 * labelIndexOf(folder); // → { entailment: 1, neutral: 2, contradiction: 0, count: 3 }
 */
export function labelIndexOf(folder: Pick<ModelFolder, "config" | "dir">): LabelIndex {
  const raw = folder.config.id2label;
  const entries = typeof raw === "object" && raw !== null ? Object.entries(raw as Record<string, unknown>) : [];
  const find = (test: (label: string) => boolean): number | undefined => {
    const hit = entries.find(([, label]) => typeof label === "string" && test(label.toLowerCase().replace(/[\s-]/g, "_")));
    return hit === undefined ? undefined : Number(hit[0]);
  };
  const entailment = find((l) => l.startsWith("entail"));
  if (entailment === undefined) {
    const seen = entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ") || "none";
    throw new ModelError(
      `config.json of ${folder.dir} has no entailment label in id2label (found ${seen}). ` +
        'An NLI model must name its classes, e.g. {"0": "contradiction", "1": "entailment", "2": "neutral"}; fix config.json or use another model.',
    );
  }
  return {
    entailment,
    neutral: find((l) => l === "neutral" || l.startsWith("not_entail") || l.startsWith("non_entail")),
    contradiction: find((l) => l.startsWith("contradict")),
    count: entries.length,
  };
}

/**
 * A natural-language-inference model on ONNX Runtime: premise/hypothesis pairs, longest-first
 * truncation, length-sorted micro-batches, labels from `id2label`, softmax probabilities.
 * @example
 * const nli = await loadNli({ model: "Xenova/nli-deberta-v3-xsmall" });
 * const [scores] = await nli.classify([["The box is red.", "The box has a colour."]]);
 */
export class OnnxNliModel implements NliModel {
  readonly id: string;
  private readonly labels: LabelIndex;
  private timing = emptyTiming();

  /**
   * Wraps an opened model; use {@link loadNli} instead of calling this directly.
   * @param model - The opened model.
   * @param batchSize - Pairs per micro-batch.
   */
  constructor(
    private readonly model: OpenedModel,
    private readonly batchSize: number,
  ) {
    this.id = model.folder.id;
    this.labels = labelIndexOf(model.folder);
  }

  /**
   * Classifies premise/hypothesis pairs in one batched pass.
   * @param pairs - `[premise, hypothesis]` pairs.
   * @returns Probabilities per pair, in order.
   * @example
   * const [p] = await nli.classify([["It rained.", "The ground is wet."]]); // p.entailment ∈ [0, 1]
   */
  async classify(pairs: readonly (readonly [premise: string, hypothesis: string])[]): Promise<NliScores[]> {
    if (!Array.isArray(pairs) || pairs.some((p) => !Array.isArray(p) || typeof p[0] !== "string" || typeof p[1] !== "string")) {
      throw new InputError("classify() takes an array of [premise, hypothesis] string pairs.");
    }
    const t0 = performance.now();
    const rows = pairs.map(([premise, hypothesis]) => this.model.encoder.encodePair(premise, hypothesis));
    this.timing.tokenizeMs += performance.now() - t0;
    const results: NliScores[] = pairs.map(() => ({ entailment: 0, neutral: 0, contradiction: 0 }));
    await runInBatches({
      ...this.model.batchContext,
      rows,
      batchSize: this.batchSize,
      outputName: "logits",
      timing: this.timing,
      collect: (output, _batch, rowIndices) => {
        const width = output.dims[output.dims.length - 1] ?? 0;
        if (output.dims.length !== 2 || width !== this.labels.count || !(output.data instanceof Float32Array)) {
          throw new ModelError(
            `The NLI model ${this.id} returned logits of shape [${output.dims.join(", ")}] (${output.type}); ` +
              `config.json id2label names ${this.labels.count} classes, so [batch, ${this.labels.count}] float32 was expected.`,
          );
        }
        const data = output.data;
        rowIndices.forEach((row, k) => {
          const probs = softmax(data.subarray(k * width, (k + 1) * width));
          const at = (i: number | undefined): number => (i === undefined ? 0 : (probs[i] ?? 0));
          results[row] = {
            entailment: at(this.labels.entailment),
            neutral: at(this.labels.neutral),
            contradiction: at(this.labels.contradiction),
          };
        });
      },
    });
    return results;
  }

  /**
   * Reports time spent per stage.
   * @returns A snapshot of the timing counters.
   * @example
   * nli.timingStats().runMs;
   */
  timingStats(): TimingStats {
    return { ...this.timing };
  }

  /**
   * Releases the session (unless the runtime was passed in by the caller).
   * @returns Resolves when released.
   * @example
   * await nli.dispose();
   */
  async dispose(): Promise<void> {
    await this.model.close();
  }
}

/**
 * Loads an NLI (sequence-classification) model from a folder or manifest id.
 * @param options - Model (default `Xenova/nli-deberta-v3-xsmall`, which must be pulled first), device, batch size.
 * @returns A ready {@link OnnxNliModel}.
 * @example
 * const nli = await loadNli({ model: "/models/nli-deberta-v3-xsmall", device: "cpu" });
 */
export async function loadNli(options: NliOptions = {}): Promise<OnnxNliModel> {
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}; 16 is a good default on CPU.`);
  }
  const model = await openModel(options, DEFAULT_NLI_MODEL);
  try {
    return new OnnxNliModel(model, batchSize);
  } catch (error) {
    await model.close();
    throw error;
  }
}
