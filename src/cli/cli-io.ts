// The streams every CLI command writes to. Its own file so that `cli.ts` (which loads the commands)
// and the commands (which take the streams) do not import each other.

/** Streams a command writes to; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
