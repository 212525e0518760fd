/** Where a newline-delimited stream was split, and what to do with each piece. */
export interface LineReaderHandlers {
  /** A complete line (without its `\n` or `\r\n`), decoded as UTF-8 (invalid bytes become U+FFFD). */
  onLine(line: string): void;
  /**
   * A line longer than the limit. It was never buffered whole: `head` holds its first bytes (up to
   * {@link LINE_HEAD_BYTES}) so the caller can still recover a request id; `bytes` is its full length.
   */
  onOversized(head: string, bytes: number): void;
}

/** A push-based splitter: feed it chunks, it calls back once per line. */
export interface LineReader {
  push(chunk: Uint8Array): void;
  /** Flushes a last line that had no trailing newline. */
  end(): void;
  /** Bytes currently held for an incomplete line (never more than the limit). */
  readonly buffered: number;
}

/** How many leading bytes of an oversized line are kept for its error report. */
export const LINE_HEAD_BYTES = 512;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function headOf(parts: readonly Uint8Array[]): Uint8Array {
  const head = new Uint8Array(LINE_HEAD_BYTES);
  let filled = 0;
  for (const part of parts) {
    if (filled === LINE_HEAD_BYTES) break;
    const take = Math.min(LINE_HEAD_BYTES - filled, part.length);
    head.set(part.subarray(0, take), filled);
    filled += take;
  }
  return head.slice(0, filled);
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Creates a line splitter with a hard cap on line size. An oversized line is reported once and
 * skipped up to the next newline, so memory stays bounded by `maxLineBytes` whatever the input.
 * Pure: no streams, no I/O; the transport feeds it.
 * @param maxLineBytes - Longest accepted line in bytes, newline excluded.
 * @param handlers - Line and oversized-line callbacks.
 * @returns The reader.
 * @example
 * const reader = createLineReader(1024, { onLine: console.log, onOversized: () => {} });
 * reader.push(new TextEncoder().encode('{"id":1}\n{"id"'));
 * reader.push(new TextEncoder().encode(':2}\n')); // logs both lines
 */
export function createLineReader(maxLineBytes: number, handlers: LineReaderHandlers): LineReader {
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}.`);
  }
  const decoder = new TextDecoder("utf-8");
  let parts: Uint8Array[] = [];
  let length = 0;
  // While skipping an oversized line: its head and how many bytes it has had so far.
  let skipping: { head: Uint8Array; bytes: number } | null = null;

  const emit = (bytes: Uint8Array): void => {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    handlers.onLine(decoder.decode(bytes.subarray(0, end)));
  };

  const finishSkipping = (extra: number): void => {
    if (skipping === null) return;
    const { head, bytes } = skipping;
    skipping = null;
    handlers.onOversized(decoder.decode(head), bytes + extra);
  };

  return {
    get buffered() {
      return length;
    },
    push(chunk) {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.indexOf(NEWLINE, start);
        const stop = newline === -1 ? chunk.length : newline;
        const piece = chunk.subarray(start, stop);
        if (skipping !== null) {
          if (skipping.head.length < LINE_HEAD_BYTES) skipping.head = headOf([skipping.head, piece]);
          if (newline === -1) skipping.bytes += piece.length;
          else finishSkipping(piece.length);
        } else if (length + piece.length > maxLineBytes) {
          // Keep only the head of the line for the error report, then drop bytes until a newline.
          skipping = { head: headOf([...parts, piece]), bytes: length + piece.length };
          parts = [];
          length = 0;
          if (newline !== -1) finishSkipping(0);
        } else if (newline === -1) {
          // Copy: the caller may reuse its chunk buffer after push returns.
          parts.push(piece.slice());
          length += piece.length;
        } else {
          const line = parts.length === 0 ? piece : concat([...parts, piece], length + piece.length);
          parts = [];
          length = 0;
          emit(line);
        }
        start = newline === -1 ? chunk.length : newline + 1;
      }
    },
    end() {
      if (skipping !== null) {
        finishSkipping(0);
        return;
      }
      if (length > 0) {
        const line = concat(parts, length);
        parts = [];
        length = 0;
        emit(line);
      }
    },
  };
}
