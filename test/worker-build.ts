// Makes sure dist/cli.js is built from the current sources before an end-to-end test runs it.
// Used from beforeAll in the worker, server and python end-to-end tests. On a fresh clone where
// `npm run build` ran first it does nothing; when a source is newer than dist/cli.js it rebuilds
// once, under a lock, so test files running in parallel never build at the same time.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The CLI under test: dist/cli.js, or ABSTAIN_REWARD_TEST_CLI (e.g. an installed package's cli.js; then no build). */
export const CLI = process.env.ABSTAIN_REWARD_TEST_CLI ?? join(ROOT, "dist", "cli.js");
const LOCK = join(ROOT, "node_modules", ".cache", "abstain-reward-build.lock");
const STALE_LOCK_MS = 10 * 60_000;

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    return false;
  }
  const inputs = ["src", "tsup.config.ts", "package.json"].map((name) => newestSource(join(ROOT, name)));
  return built >= Math.max(...inputs);
}

async function withLock<T>(work: () => T): Promise<T> {
  mkdirSync(join(LOCK, ".."), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released between our attempts.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ with `npm run build` unless dist/cli.js is newer than every source.
 * @returns The path of dist/cli.js.
 */
export async function ensureBuilt(): Promise<string> {
  if (process.env.ABSTAIN_REWARD_TEST_CLI !== undefined || isFresh()) return CLI;
  await withLock(() => {
    if (isFresh()) return;
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8", shell: process.platform === "win32" });
    if (build.status !== 0) {
      throw new Error(`npm run build failed (exit ${String(build.status)}):\n${`${build.stdout}\n${build.stderr}`.slice(-4000)}`);
    }
  });
  return CLI;
}

/** Runs the built CLI with piped stdio. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
}

/** Collects a child's stdout as lines and stderr as text; `exited` resolves with the exit code. */
export function collect(child: ChildProcessWithoutNullStreams): {
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
  waitForLines(count: number, timeoutMs?: number): Promise<void>;
} {
  const lines: string[] = [];
  let partial = "";
  let stderr = "";
  const waiters: { count: number; resolve: () => void }[] = [];
  // The child may exit before it reads all we send (e.g. on a bad flag): that is not a test failure.
  child.stdin.on("error", () => undefined);
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    for (const waiter of waiters.filter((entry) => lines.length >= entry.count)) waiter.resolve();
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    lines,
    stderr: () => stderr,
    exited,
    waitForLines(count, timeoutMs = 30_000) {
      if (lines.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out waiting for ${count} lines (have ${lines.length}); stderr:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        void exited.then(() => {
          if (lines.length < count) {
            clearTimeout(timer);
            reject(new Error(`The process exited with ${lines.length} of ${count} lines; stderr:\n${stderr}`));
          }
        });
      });
    },
  };
}

/**
 * Starts `serve --port 0` and resolves with its URL once it prints its listening line.
 * @param args - Extra flags.
 * @returns The process, its output collector and base URL.
 */
export async function startServer(
  args: readonly string[] = [],
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; out: ReturnType<typeof collect> }> {
  const child = spawnCli(["serve", "--port", "0", ...args]);
  const out = collect(child);
  await out.waitForLines(1, 60_000);
  const { url } = JSON.parse(out.lines[0] ?? "{}") as { url: string };
  return { child, url, out };
}
