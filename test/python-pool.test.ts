// The Python RewardPool (docs/integrations/python/abstain_reward.py) against the real built worker:
// a batch split over 3 workers equals one worker's results, a worker SIGKILLed mid-batch is replaced,
// and clients survive pickling and multiprocessing fork and spawn (what Ray actors and data-loader
// workers do to them) without ever sharing a pipe. test/python/drive_pool.py does the work.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt } from "./worker-build.js";

const PYTHON = process.env.PYTHON ?? "python3";
const hasPython = spawnSync(PYTHON, ["--version"]).status === 0;
if (!hasPython) console.warn(`Skipping the Python pool tests: ${PYTHON} was not found (set PYTHON to its path).`);

interface Report {
  reward_set: number[];
  pool_equal: boolean;
  pool_ids_in_order: boolean;
  pool_pids: number;
  per_sample_threads_equal: boolean;
  killed: { equal: boolean; restarts: number; victim_replaced: boolean };
  pickle: {
    bytes: number;
    copy_pids_before_use: number[];
    client_copy_pid_before_use: number | null;
    copy_equal: boolean;
    client_copy_equal: boolean;
    copy_pids_disjoint: boolean;
  };
  fork: { error: string | null; pool_equal: boolean; client_equal: boolean; child_pids_disjoint: boolean; exitcodes: (number | null)[] };
  parent_after_fork: { pool_pids_unchanged: boolean; client_pid_unchanged: boolean; pool_equal: boolean; client_equal: boolean };
  spawn: { error: string | null; pool_equal: boolean; child_pids_disjoint: boolean; exitcode: number | null };
  default: { kind: string; workers: number; equal: boolean };
  bad_env: string;
  ray_like: { skipped?: string; error?: string | null; driver?: number[]; worker?: number[]; exitcode?: number | null };
  left_running: number[];
  seconds: number;
}

let report: Report | undefined;
let failure = "";

beforeAll(async () => {
  if (!hasPython) return;
  const cli = await ensureBuilt();
  await new Promise<void>((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };
    delete env.ABSTAIN_REWARD_WORKERS;
    const child = spawn(PYTHON, [join(ROOT, "test", "python", "drive_pool.py"), cli], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    // Generous for a loaded 2-core machine: about 15 worker starts in all (15 s when idle).
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        report = JSON.parse(stdout) as Report;
        console.log(`python pool driver: ${report.seconds} s`);
      } catch {
        failure = `drive_pool.py exited ${String(code)} without JSON.\nstdout:\n${stdout}\nstderr:\n${stderr.slice(-4000)}`;
      }
      resolve();
    });
  });
}, 600_000);

const got = (): Report => {
  if (report === undefined) throw new Error(failure || "The driver did not run.");
  return report;
};

describe.skipIf(!hasPython)("Python RewardPool", () => {
  it("a batch split across 3 workers returns exactly one worker's results, in sample order", () => {
    expect(got().reward_set).toEqual([0, 1, 1.3, 2]); // the batch is not uniform: order mistakes would show
    expect(got()).toMatchObject({ pool_equal: true, pool_ids_in_order: true, pool_pids: 3 });
  });

  it("a worker SIGKILLed mid-batch is restarted and every sample still gets its right result", () => {
    expect(got().killed).toEqual({ equal: true, restarts: 1, victim_replaced: true });
  });

  it("200 threads scoring one sample each at once get exactly their own results", () => {
    expect(got().per_sample_threads_equal).toBe(true);
  });

  it("pickles without its processes: the copy starts its own workers on first use", () => {
    const { pickle } = got();
    expect(pickle.copy_pids_before_use).toEqual([]);
    expect(pickle.client_copy_pid_before_use).toBeNull();
    expect(pickle.bytes).toBeLessThan(2_000);
    expect(pickle).toMatchObject({ copy_equal: true, client_copy_equal: true, copy_pids_disjoint: true });
  });

  it("multiprocessing fork: the child starts its own workers; the parent's keep serving the parent", () => {
    expect(got().fork).toEqual({ error: null, pool_equal: true, client_equal: true, child_pids_disjoint: true, exitcodes: [0, 0] });
    expect(got().parent_after_fork).toEqual({
      pool_pids_unchanged: true,
      client_pid_unchanged: true,
      pool_equal: true,
      client_equal: true,
    });
  });

  it("multiprocessing spawn: the pool travels pickled and scores in the child", () => {
    expect(got().spawn).toEqual({ error: null, pool_equal: true, child_pids_disjoint: true, exitcode: 0 });
  });

  it("ABSTAIN_REWARD_WORKERS=2 makes the default client a pool; a bad value is a sentence", () => {
    expect(got().default).toEqual({ kind: "RewardPool", workers: 2, equal: true });
    expect(got().bad_env).toBe("ABSTAIN_REWARD_WORKERS must be a whole number ≥ 1 or 'auto', got 'zero'.");
  });

  it("Ray-like: reward_func from a file loaded by path pickles by value (cloudpickle) after use and scores in a fresh interpreter", (context) => {
    const { ray_like: ray } = got();
    if (ray.skipped !== undefined) context.skip(`cloudpickle (what Ray pickles functions with) is not installed for ${PYTHON}`);
    expect(ray).toEqual({ error: null, driver: [2, 1], worker: [2, 1], exitcode: 0 });
  });

  it("close() leaves no worker process running", () => {
    expect(got().left_running).toEqual([]);
    expect(got().seconds).toBeLessThan(240);
  });
});
