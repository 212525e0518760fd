import type { CliIo } from "./cli/cli-io.js";
import { RewardError } from "./errors.js";

export type { CliIo } from "./cli/cli-io.js";

const USAGE = `Usage: abstain-reward <command> [options]

Commands:
  score <samples.jsonl>      Score samples; reward and components as JSONL.
  eval <results.jsonl>       Abstention benchmark numbers by the paper's rules (--protocol abstain-test|sum-permissive|sum-strict|selfaware).
  worker                     JSON-lines reward worker on stdin/stdout (for trainers).
  serve --port N             HTTP reward server (OpenRLHF /get_reward, /score, /health).
  models list|build|pull|verify
                             Manage the ONNX models.
  help                       Show this message.
  version                    Print the version.

Run \`abstain-reward <command> --help\` for a command's options.
`;

type Command = (args: string[], io: CliIo) => Promise<void>;

async function loadCommand(name: string): Promise<Command | null> {
  // Each command is imported only when used, so `help` and `version` never load ONNX Runtime.
  switch (name) {
    case "worker":
      return (await import("./cli/worker.js")).runWorkerCommand;
    case "serve":
      return (await import("./cli/serve.js")).runServeCommand;
    case "score":
      return (await import("./cli/score.js")).runScoreCommand;
    case "eval":
      return (await import("./cli/eval.js")).runEvalCommand;
    case "models":
      return (await import("./cli/models.js")).runModelsCommand;
    default:
      return null;
  }
}

async function main(argv: readonly string[], io: CliIo): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout.write(USAGE);
    return;
  }
  if (command === "version" || command === "--version") {
    io.stdout.write(`${VERSION}\n`);
    return;
  }
  const run = await loadCommand(command);
  if (run === null) {
    throw new RewardError("invalid_input", `Unknown command "${command}". Run \`abstain-reward help\` for the list of commands.`);
  }
  await run(rest, io);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

function handleError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`abstain-reward: ${message}\n`);
  if (!(error instanceof RewardError) && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = error instanceof RewardError && (error.code === "invalid_input" || error.code === "invalid_options") ? 2 : 1;
}

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).catch(handleError);
