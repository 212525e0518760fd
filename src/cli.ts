import { parseArgs } from "node:util";
import { RewardError } from "./errors.js";

const USAGE = `Usage: abstain-reward <command> [options]

Commands:
  help                 Show this message.
`;

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return;
  }
  parseArgs({ args: [...rest], allowPositionals: true, strict: false });
  throw new RewardError("invalid_input", `Unknown command "${command}". Run \`abstain-reward help\` for the list of commands.`);
}

function handleError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`abstain-reward: ${message}\n`);
  if (!(error instanceof RewardError) && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = error instanceof RewardError && error.code === "invalid_input" ? 2 : 1;
}

main(process.argv.slice(2)).catch(handleError);
