/**
 * The log sink `worker` and `serve` pass to model loading: one stderr line per message, each
 * starting with `abstain-reward:` (some loader lines carry the prefix already, the runtime's CUDA
 * fallback line does not), so a trainer's interleaved stderr says where every line came from.
 * @param stderr - Where the lines go.
 * @returns The `log` option for `loadRewarder`.
 * @example
 * await loadRewarder({ log: modelLog(process.stderr) });
 */
export function modelLog(stderr: NodeJS.WritableStream): (line: string) => void {
  return (line) => {
    stderr.write(line.startsWith("abstain-reward") ? `${line}\n` : `abstain-reward: ${line}\n`);
  };
}
