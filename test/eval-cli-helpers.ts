import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The project root and the built CLI the end-to-end tests run. */
export const ROOT = resolve(import.meta.dirname, "..");
export const CLI = join(ROOT, "dist", "cli.js");

/**
 * Builds `dist/` when `dist/cli.js` is missing (run `npm run build` yourself after changing `src/`:
 * rebuilding here while another test file runs the CLI would pull `dist/` from under it). Test
 * files run in parallel forks, so the build runs under `flock` on one lock file.
 */
export function ensureCliBuilt(): void {
  if (existsSync(CLI)) return;
  execFileSync("flock", ["/tmp/abstain-reward-dist-build.lock", "sh", "-c", `[ -f "${CLI}" ] || npm run build --silent`], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 300_000,
  });
}

/** What a CLI run produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js …` with optional stdin, offline, telemetry off.
 * @param args - CLI arguments.
 * @param input - Text piped to stdin.
 * @returns Exit code and both streams.
 */
export function runCli(args: readonly string[], input?: string): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ORT_DISABLE_TELEMETRY: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
