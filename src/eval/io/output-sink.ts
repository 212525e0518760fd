import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { InputError } from "../../errors.js";

/** Where a command writes its results: stdout or a file, with backpressure respected. */
export interface OutputSink {
  /** `stdout` or the file path. */
  readonly name: string;
  /** Whether the results go to stdout (summaries then go to stderr). */
  readonly toStdout: boolean;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

async function writeRespectingBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

function whyNotWritable(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case "ENOENT":
      return "its folder does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder; pass a file path";
    default:
      return error instanceof Error ? error.message.replace(/\.$/, "") : String(error);
  }
}

/**
 * Opens the output of a command.
 * @param path - `-o` value; `undefined` or `-` means stdout.
 * @param stdout - The command's stdout.
 * @returns The sink; call `close()` when done (it does not close stdout).
 * @example
 * const sink = await openOutput("scores.jsonl", process.stdout);
 * await sink.write("{}\n");
 * await sink.close();
 */
export async function openOutput(path: string | undefined, stdout: NodeJS.WritableStream): Promise<OutputSink> {
  if (path === undefined || path === "-") {
    return { name: "stdout", toStdout: true, write: (text) => writeRespectingBackpressure(stdout, text), close: async () => {} };
  }
  const file = createWriteStream(path);
  try {
    await once(file, "open");
  } catch (error) {
    throw new InputError(`Cannot write ${path}: ${whyNotWritable(error)}.`, [
      { path: ["output"], message: "Cannot open for writing" },
    ]);
  }
  return {
    name: path,
    toStdout: false,
    write: (text) => writeRespectingBackpressure(file, text),
    async close() {
      file.end();
      await once(file, "finish");
    },
  };
}
