import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { InputError } from "../../errors.js";

/** The longest JSONL line read (a line holds one response, capped far below this). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** One parsed record and where it came from. */
export interface SourceRecord {
  /** 1-based line (JSONL) or item number (JSON array). */
  line: number;
  value: unknown;
}

/** A file (or stdin) opened for reading records. */
export interface RecordSource {
  /** The name used in messages (`-` reads as "stdin"). */
  name: string;
  /** "line" for JSONL, "item" for a JSON array. */
  unit: "line" | "item";
  /** File size in bytes, when known (for the progress bar). */
  size: number | null;
  /** Bytes consumed so far. */
  bytesRead(): number;
  records(): AsyncGenerator<SourceRecord>;
}

/**
 * Splits a byte stream into lines in one pass, refusing lines over `maxBytes` characters.
 * @param stream - Chunks of UTF-8 text.
 * @param name - The source's name, for messages.
 * @param onBytes - Called with each chunk's byte length.
 * @param maxBytes - The longest line accepted.
 * @returns Lines with their 1-based numbers, trailing `\r` removed.
 * @example
 * for await (const { line, text } of splitLines(createReadStream("a.jsonl"), "a.jsonl")) console.log(line, text);
 */
export async function* splitLines(
  stream: AsyncIterable<Buffer | string>,
  name: string,
  onBytes: (bytes: number) => void = () => {},
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder("utf8");
  // The current line's pieces: searching and joining them once keeps a long line linear (a
  // growing string searched per chunk would be flattened again and again).
  let parts: string[] = [];
  let partsLength = 0;
  let line = 0;
  const tooLong = (number: number): InputError =>
    new InputError(`${name} line ${number}: the line is longer than ${maxBytes} characters; each line must hold one JSON record.`, [
      { path: [name, number], message: "Line too long" },
    ]);
  const finish = (last: string): { line: number; text: string } => {
    parts.push(last);
    const text = parts.join("");
    parts = [];
    partsLength = 0;
    line += 1;
    if (text.length > maxBytes) throw tooLong(line);
    return { line, text: text.endsWith("\r") ? text.slice(0, -1) : text };
  };
  for await (const chunk of stream) {
    onBytes(typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length);
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    let newline = text.indexOf("\n");
    while (newline !== -1) {
      yield finish(text.slice(0, newline));
      text = text.slice(newline + 1);
      newline = text.indexOf("\n");
    }
    if (text !== "") {
      parts.push(text);
      partsLength += text.length;
      if (partsLength > maxBytes) throw tooLong(line + 1);
    }
  }
  const rest = decoder.end();
  if (rest !== "" || partsLength > 0) yield finish(rest);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${where}: not valid JSON (${detail}); each line must be one JSON object.`, [
      { path: [where], message: "Invalid JSON" },
    ]);
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path} is not a file; pass a .jsonl file, a .json file, or - for stdin.`);
    return info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(error);
    throw new InputError(`Cannot read ${path}: ${why}.`, [{ path: [path], message: why }], "invalid_input");
  }
}

/** The records of a JSON document: an array, or an object with an `example` array (SelfAware's file). */
function jsonDocumentRecords(document: unknown, name: string): unknown[] {
  if (Array.isArray(document)) return document;
  if (document !== null && typeof document === "object") {
    const example = (document as Record<string, unknown>).example;
    if (Array.isArray(example)) return example;
  }
  throw new InputError(
    `${name}: a .json file must hold an array of records or an object with an "example" array (as selfaware.json does).`,
    [{ path: [name], message: "Expected an array of records" }],
  );
}

/**
 * Opens a records file: JSON Lines (one object per line, blank lines skipped), or a `.json`
 * document holding an array (or SelfAware's `{ "example": [...] }`). `-` reads JSON Lines from stdin.
 * @param path - The file path, or `-`.
 * @param stdin - The stream `-` reads.
 * @returns The source; nothing is read until `records()` is iterated.
 * @example
 * const source = await openRecords("results.jsonl", process.stdin);
 * for await (const { line, value } of source.records()) console.log(line, value);
 */
export async function openRecords(path: string, stdin: NodeJS.ReadableStream): Promise<RecordSource> {
  const name = path === "-" ? "stdin" : path;
  const size = path === "-" ? null : await fileSize(path);
  let consumed = 0;
  if (path !== "-" && path.toLowerCase().endsWith(".json")) {
    return {
      name,
      unit: "item",
      size,
      bytesRead: () => consumed,
      async *records() {
        const document = parseJson(await readFile(path, "utf8"), name);
        consumed = size ?? 0;
        const list = jsonDocumentRecords(document, name);
        for (let index = 0; index < list.length; index += 1) yield { line: index + 1, value: list[index] };
      },
    };
  }
  return {
    name,
    unit: "line",
    size,
    bytesRead: () => consumed,
    async *records() {
      const stream = path === "-" ? (stdin as AsyncIterable<Buffer | string>) : createReadStream(path);
      for await (const { line, text } of splitLines(stream, name, (bytes) => (consumed += bytes))) {
        if (text.trim() === "") continue;
        yield { line, value: parseJson(text, `${name} line ${line}`) };
      }
    },
  };
}
