import type { Tensor } from "onnxruntime-node";
import { ModelError } from "../errors.js";
import { padBatch, planBatches, type EncodedRow, type PaddedBatch } from "./batching.js";
import type { SessionHandle } from "./model-runtime.js";
import { buildFeeds } from "./execution-providers.js";

/** Where the time of model passes went, in milliseconds (for benchmarks and tuning). */
export interface TimingStats {
  /** Tokenizing texts. */
  tokenizeMs: number;
  /** Building padded tensors. */
  padMs: number;
  /** Inside `session.run`. */
  runMs: number;
  /** Pooling, normalising, softmax, copying out. */
  postMs: number;
  batches: number;
  rows: number;
}

/**
 * Returns zeroed timing counters.
 * @returns A fresh {@link TimingStats}.
 * @example
 * const timing = emptyTiming();
 */
export function emptyTiming(): TimingStats {
  return { tokenizeMs: 0, padMs: 0, runMs: 0, postMs: 0, batches: 0, rows: 0 };
}

/** What {@link runInBatches} needs to know. */
export interface BatchJob {
  handle: SessionHandle;
  modelPath: string;
  rows: readonly EncodedRow[];
  batchSize: number;
  /** Most padded tokens per micro-batch. */
  maxBatchTokens: number;
  padId: number;
  /** Output to read; the first output when absent from the model. */
  outputName: string;
  timing: TimingStats;
  /** Receives each micro-batch's output with the original row index of each of its rows. */
  collect: (output: Tensor, batch: PaddedBatch, rowIndices: readonly number[]) => void;
}

/**
 * Runs rows through a session in length-sorted micro-batches with dynamic padding, feeding
 * exactly the inputs the model declares.
 * @param job - Session, rows, batch size and the output callback.
 * @returns Resolves when every row has been collected.
 * @example
 * await runInBatches({ handle, modelPath, rows, batchSize: 32, padId: 0, outputName: "logits", timing, collect });
 */
export async function runInBatches(job: BatchJob): Promise<void> {
  const { session, ort } = job.handle;
  const outputName = session.outputNames.includes(job.outputName) ? job.outputName : session.outputNames[0];
  if (outputName === undefined) throw new ModelError(`The model ${job.modelPath} declares no outputs; it cannot be used.`);
  for (const indices of planBatches(
    job.rows.map((r) => r.ids.length),
    job.batchSize,
    job.maxBatchTokens,
  )) {
    const t0 = performance.now();
    const batch = padBatch(
      indices.map((i) => job.rows[i] ?? { ids: [] }),
      job.padId,
    );
    const dims = [batch.rows, batch.seqLen];
    const feeds = buildFeeds(
      session.inputNames,
      {
        input_ids: new ort.Tensor("int64", batch.inputIds, dims),
        attention_mask: new ort.Tensor("int64", batch.attentionMask, dims),
        token_type_ids: new ort.Tensor("int64", batch.tokenTypeIds, dims),
      },
      job.modelPath,
    );
    const t1 = performance.now();
    let output: Tensor | undefined;
    try {
      const result = await session.run(feeds, [outputName]);
      output = result[outputName];
    } catch (cause) {
      throw new ModelError(
        `ONNX Runtime failed to run ${job.modelPath} on a batch of ${batch.rows} × ${batch.seqLen} tokens: ` +
          `${cause instanceof Error ? cause.message : String(cause)}. Check that the model matches its tokenizer.`,
        { cause },
      );
    }
    const t2 = performance.now();
    if (output === undefined) throw new ModelError(`The model ${job.modelPath} returned no "${outputName}" output.`);
    job.collect(output, batch, indices);
    output.dispose();
    const t3 = performance.now();
    job.timing.padMs += t1 - t0;
    job.timing.runMs += t2 - t1;
    job.timing.postMs += t3 - t2;
    job.timing.batches += 1;
    job.timing.rows += batch.rows;
  }
}
