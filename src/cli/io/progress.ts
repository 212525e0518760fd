/** A progress line on a terminal; a no-op elsewhere so logs and pipes stay clean. */
export interface Progress {
  /**
   * Reports progress.
   * @param items - Items done so far.
   * @param fraction - Share of the input consumed, in [0, 1], when known.
   */
  update(items: number, fraction: number | null): void;
  /** Clears the line. */
  done(): void;
}

const WIDTH = 24;
const INTERVAL_MS = 100;

/** Whether a stream is a terminal (process.stderr in a shell; false for pipes and test streams). */
export function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * A progress bar on `stream`, drawn only when it is a terminal, redrawn at most ten times a second.
 * @param stream - Usually stderr.
 * @param label - Shown before the bar.
 * @param now - Clock in milliseconds (tests pass their own).
 * @returns The progress handle.
 * @example
 * const progress = createProgress(process.stderr, "eval");
 * progress.update(256, 0.1);
 * progress.done();
 */
export function createProgress(stream: NodeJS.WritableStream, label: string, now: () => number = Date.now): Progress {
  if (!isTerminal(stream)) return { update() {}, done() {} };
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update(items, fraction) {
      const time = now();
      if (time - last < INTERVAL_MS) return;
      last = time;
      const seconds = ((time - started) / 1000).toFixed(1);
      let bar = "";
      if (fraction !== null) {
        const filled = Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH);
        bar = ` [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}%`;
      }
      stream.write(`\r\u001b[K${label}${bar} ${items.toLocaleString("en-US")} items ${seconds}s`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
    },
  };
}
