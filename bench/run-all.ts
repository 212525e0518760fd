// Runs every benchmark in sequence (after a build, since the worker and eval benches drive the
// built CLI); each writes its own bench/results/*.json|md. Usage: npm run bench [-- name ...]
import { spawnSync } from "node:child_process";

const BENCHES = ["score-answer", "models", "worker", "eval", "quality/run"] as const;

function run(command: string, args: string[]): number {
  process.stderr.write(`\n== ${command} ${args.join(" ")}\n`);
  return spawnSync(command, args, { stdio: "inherit" }).status ?? 1;
}

const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark(s) ${unknown.join(", ")}; expected any of ${BENCHES.join(", ")}.\n`);
  process.exitCode = 2;
} else {
  const failed: string[] = [];
  if (run("npm", ["run", "build", "--silent"]) !== 0) failed.push("build");
  for (const name of selected.length > 0 ? selected : BENCHES) {
    if (failed.length === 0 && run(process.execPath, ["--import", "tsx", `bench/${name}.ts`]) !== 0) failed.push(name);
  }
  process.stderr.write(
    failed.length === 0 ? "\nAll benchmarks finished; results in bench/results/.\n" : `\nFailed: ${failed.join(", ")}\n`,
  );
  if (failed.length > 0) process.exitCode = 1;
}
