import { RewardError } from "../errors.js";
import type { RewardResult, Sample } from "../types.js";

/** Options of {@link createMicroBatcher}. */
export interface MicroBatcherOptions {
  /**
   * How long the first request of an idle batcher waits for others before the batch is scored, in
   * milliseconds. `0` batches what arrived in the same event-loop turn (same read from the pipe);
   * while a batch is being scored, new requests queue up and form the next batch regardless.
   * @default 0
   */
  windowMs?: number;
  /** A batch is scored as soon as this many samples are queued. @default 4096 */
  maxBatchSamples?: number;
  /**
   * A request with more samples is scored in slices of this many, one after another, each queued
   * behind whatever arrived meanwhile, so one huge request cannot hold every other request back.
   * @default 512
   */
  sliceSamples?: number;
}

/** Queues sample groups from many requests and scores them together, one batch at a time. */
export interface MicroBatcher {
  /** Scores one request's (already validated) samples as part of the next batch. */
  score(samples: readonly Sample[]): Promise<RewardResult[]>;
  /** Groups queued or being scored. */
  readonly pending: number;
}

interface Entry {
  samples: readonly Sample[];
  resolve(results: RewardResult[]): void;
  reject(error: unknown): void;
}

/** Resolved defaults of {@link MicroBatcherOptions}. */
export const DEFAULT_MICRO_BATCHER_OPTIONS: Readonly<Required<MicroBatcherOptions>> = Object.freeze({
  windowMs: 0,
  maxBatchSamples: 4096,
  sliceSamples: 512,
});

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new RewardError("invalid_options", `Option \`${name}\` must be a number ≥ ${min}, got ${String(value)}.`);
  }
  return value;
}

/**
 * Creates a micro-batcher over a batch scorer: requests that arrive close together share one
 * `scoreBatch` call (one model pass). If that call throws, each request of the batch is retried on
 * its own, so one poisoned request cannot fail its neighbours.
 * @param scoreBatch - Scores validated samples, one result per sample in order.
 * @param options - Batch window and size cap.
 * @returns The batcher.
 * @example
 * const batcher = createMicroBatcher((samples) => rewarder.scoreBatch(samples));
 * const [a, b] = await Promise.all([batcher.score([s1]), batcher.score([s2, s3])]); // one scoreBatch call
 */
export function createMicroBatcher(
  scoreBatch: (samples: readonly Sample[]) => Promise<RewardResult[]>,
  options: MicroBatcherOptions = {},
): MicroBatcher {
  const windowMs = checkCount("windowMs", options.windowMs ?? DEFAULT_MICRO_BATCHER_OPTIONS.windowMs, 0);
  const maxBatchSamples = checkCount("maxBatchSamples", options.maxBatchSamples ?? DEFAULT_MICRO_BATCHER_OPTIONS.maxBatchSamples, 1);
  const sliceSamples = Math.min(
    maxBatchSamples,
    checkCount("sliceSamples", options.sliceSamples ?? DEFAULT_MICRO_BATCHER_OPTIONS.sliceSamples, 1),
  );
  const queue: Entry[] = [];
  let queuedSamples = 0;
  let inFlight = 0;
  let running = false;
  let timer: { cancel(): void } | null = null;

  const scoreChecked = async (samples: readonly Sample[]): Promise<RewardResult[]> => {
    const results = await scoreBatch(samples);
    if (!Array.isArray(results) || results.length !== samples.length) {
      throw new RewardError(
        "internal",
        `scoreBatch returned ${Array.isArray(results) ? results.length : "no"} results for ${samples.length} samples; please report this.`,
      );
    }
    return results;
  };

  const takeBatch = (): Entry[] => {
    let taken = 0;
    let count = 0;
    for (const entry of queue) {
      if (taken > 0 && count + entry.samples.length > maxBatchSamples) break;
      taken += 1;
      count += entry.samples.length;
    }
    queuedSamples -= count;
    return queue.splice(0, taken);
  };

  const run = async (): Promise<void> => {
    timer = null;
    running = true;
    const batch = takeBatch();
    try {
      const all = batch.length === 1 ? (batch[0]?.samples ?? []) : batch.flatMap((entry) => entry.samples);
      const results = await scoreChecked(all);
      let offset = 0;
      for (const entry of batch) {
        entry.resolve(results.slice(offset, offset + entry.samples.length));
        offset += entry.samples.length;
      }
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      // Isolate the failure: score each request alone so only the culprit gets the error.
      else for (const entry of batch) await scoreChecked(entry.samples).then(entry.resolve, entry.reject);
    } finally {
      inFlight -= batch.length;
      running = false;
      if (queue.length > 0) schedule(0);
    }
  };

  const schedule = (delay: number): void => {
    if (running || timer !== null) return;
    if (delay > 0) {
      const handle = setTimeout(() => void run(), delay);
      timer = { cancel: () => clearTimeout(handle) };
    } else {
      const handle = setImmediate(() => void run());
      timer = { cancel: () => clearImmediate(handle) };
    }
  };

  const enqueue = (samples: readonly Sample[]): Promise<RewardResult[]> =>
    new Promise<RewardResult[]>((resolve, reject) => {
      queue.push({ samples, resolve, reject });
      queuedSamples += samples.length;
      inFlight += 1;
      if (queuedSamples >= maxBatchSamples && !running && timer !== null) {
        timer.cancel();
        timer = null;
        schedule(0);
      } else {
        schedule(windowMs);
      }
    });

  const scoreInSlices = async (samples: readonly Sample[]): Promise<RewardResult[]> => {
    const results: RewardResult[] = [];
    // The next slice is queued only when the previous one is done: requests that came in meanwhile go first.
    for (let start = 0; start < samples.length; start += sliceSamples) {
      results.push(...(await enqueue(samples.slice(start, start + sliceSamples))));
    }
    return results;
  };

  return {
    get pending() {
      return inFlight;
    },
    score(samples) {
      return samples.length > sliceSamples ? scoreInSlices(samples) : enqueue(samples);
    },
  };
}
