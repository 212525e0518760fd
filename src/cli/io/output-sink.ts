import { chmodSync, createWriteStream, realpathSync, renameSync, statSync, unlinkSync } from "node:fs";
import { once } from "node:events";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../../errors.js";

/** Where a command writes its results: stdout or a file, with backpressure respected. */
export interface OutputSink {
  /** `stdout` or the file path. */
  readonly name: string;
  /** Whether the results go to stdout (summaries then go to stderr). */
  readonly toStdout: boolean;
  write(text: string): Promise<void>;
  /** Finishes the output: a file is renamed into place only now, whole. */
  close(): Promise<void>;
  /** Drops the output after a failure: the partial file is deleted and the target left as it was. */
  abort(): Promise<void>;
}

/** A file a command reads or writes, named by the flag that gave it (for messages). */
export interface NamedPath {
  /** E.g. `-o`, `--items`, `the input`. */
  flag: string;
  /** The path as given; `undefined`, `null` and `-` (stdin/stdout) are skipped. */
  path: string | null | undefined;
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
 * What makes two paths the same file: device and inode when it exists (so symlinks and hard links
 * match), else the real path of its folder plus its name (two outputs not yet written).
 */
function identity(path: string): string {
  try {
    const stat = statSync(path);
    return `inode:${stat.dev}:${stat.ino}`;
  } catch {
    try {
      return `path:${join(realpathSync(dirname(resolve(path))), basename(path))}`;
    } catch {
      return `path:${resolve(path)}`;
    }
  }
}

/**
 * Refuses outputs that are an input (or each other) before anything is read or written, so that
 * `score s.jsonl -o s.jsonl`, `eval r.jsonl --items r.jsonl` or `-o` onto a symlink of the
 * reference cannot destroy data.
 * @param outputs - The files a command will write.
 * @param inputs - The files it reads.
 * @throws InputError naming both flags and paths.
 * @example
 * assertOutputsAreNotInputs([{ flag: "-o", path: "s.jsonl" }], [{ flag: "the samples file", path: "s.jsonl" }]); // throws
 */
export function assertOutputsAreNotInputs(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const files = (list: readonly NamedPath[]): (NamedPath & { path: string; id: string })[] =>
    list.flatMap((entry) =>
      entry.path === undefined || entry.path === null || entry.path === "-"
        ? []
        : [{ ...entry, path: entry.path, id: identity(entry.path) }],
    );
  const written = files(outputs);
  const read = files(inputs);
  written.forEach((output, index) => {
    const input = read.find((candidate) => candidate.id === output.id);
    if (input !== undefined) {
      const same = input.path === output.path ? "" : ` (${output.path} is the same file as ${input.path})`;
      throw new InputError(
        `${output.flag} ${output.path} is ${input.flag} ${input.path}${same}; writing it would destroy the input before it is read. Write the output to another file.`,
        [{ path: ["output"], message: "The output is an input" }],
      );
    }
    const other = written.slice(0, index).find((candidate) => candidate.id === output.id);
    if (other !== undefined) {
      throw new InputError(
        `${output.flag} ${output.path} and ${other.flag} ${other.path} are the same file; give each output its own file.`,
        [{ path: ["output"], message: "Two outputs are one file" }],
      );
    }
  });
}

/** Only regular files (or paths not there yet) are written through a temporary file; `/dev/stdout` and pipes are written directly. */
function isRegularOrMissing(path: string): { regular: boolean; mode: number | null } {
  try {
    const stat = statSync(path);
    return { regular: stat.isFile(), mode: stat.isFile() ? stat.mode & 0o7777 : null };
  } catch {
    return { regular: true, mode: null };
  }
}

/**
 * Opens the output of a command. A file is written to `.NAME.partial-PID` beside it and renamed into
 * place by `close()`, so an interrupted or failed run never leaves a half-written NAME (only the
 * `.partial` file, whose name says what it is).
 * @param path - `-o` value; `undefined` or `-` means stdout.
 * @param stdout - The command's stdout.
 * @returns The sink; call `close()` when done, `abort()` on failure (neither closes stdout).
 * @example
 * const sink = await openOutput("scores.jsonl", process.stdout);
 * await sink.write("{}\n");
 * await sink.close();
 */
export async function openOutput(path: string | undefined, stdout: NodeJS.WritableStream): Promise<OutputSink> {
  if (path === undefined || path === "-") {
    return {
      name: "stdout",
      toStdout: true,
      write: (text) => writeRespectingBackpressure(stdout, text),
      close: async () => {},
      abort: async () => {},
    };
  }
  const { regular, mode } = isRegularOrMissing(path);
  const target = regular ? join(dirname(path), `.${basename(path)}.partial-${process.pid}`) : path;
  const file = createWriteStream(target);
  try {
    await once(file, "open");
  } catch (error) {
    throw new InputError(`Cannot write ${path}: ${whyNotWritable(error)}.`, [{ path: ["output"], message: "Cannot open for writing" }]);
  }
  let finished = false;
  const end = async (): Promise<void> => {
    if (file.writableFinished || file.destroyed) return;
    file.end();
    await once(file, "finish");
  };
  return {
    name: path,
    toStdout: false,
    write: (text) => writeRespectingBackpressure(file, text),
    async close() {
      if (finished) return;
      finished = true;
      await end();
      if (target === path) return;
      try {
        if (mode !== null) chmodSync(target, mode);
        renameSync(target, path);
      } catch (error) {
        throw new InputError(`Cannot write ${path}: ${whyNotWritable(error)}; the output is left in ${target}.`, [
          { path: ["output"], message: "Cannot rename into place" },
        ]);
      }
    },
    async abort() {
      if (finished) return;
      finished = true;
      await end().catch(() => undefined);
      if (target !== path) {
        try {
          unlinkSync(target);
        } catch {
          // Already gone: nothing to clean.
        }
      }
    },
  };
}
