// The Python adapters (docs/integrations/python/abstain_reward.py) driven by python3, with calls
// shaped exactly as TRL, verl and OpenRLHF make them, against the built worker.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, ensureBuilt, startServer } from "./worker-build.js";

const PYTHON = process.env.PYTHON ?? "python3";
const hasPython = spawnSync(PYTHON, ["--version"]).status === 0;
if (!hasPython) console.warn(`Skipping the Python adapter tests: ${PYTHON} was not found (set PYTHON to its path).`);

interface Run {
  code: number | null;
  json: Record<string, unknown>;
  stderr: string;
}

function runDriver(script: string, args: readonly string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(ROOT, "test", "python", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ABSTAIN_REWARD_CLI: CLI, PYTHONDONTWRITEBYTECODE: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code, json: JSON.parse(stdout) as Record<string, unknown>, stderr });
      } catch {
        reject(new Error(`${script} exited ${String(code)} without JSON output.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
  });
}

let server: Awaited<ReturnType<typeof startServer>> | undefined;

beforeAll(async () => {
  if (!hasPython) return;
  await ensureBuilt();
  server = await startServer();
}, 600_000);

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.out.exited;
  }
});

describe.skipIf(!hasPython)("Python adapters", () => {
  it("TRL reward_funcs: standard and conversational formats, dataset columns as kwargs", async () => {
    const { code, json } = await runDriver("drive_trl.py");
    expect(code).toBe(0);
    expect(json.standard).toEqual([2, 1, 1.3, 0]);
    expect(json.conversational).toEqual([2, 1, 1.3]);
    // The annotation reached the worker, under the names our wire format uses.
    expect(json.samples).toContainEqual(
      expect.objectContaining({
        answerable: false,
        missingFacts: ["the speed of the train"],
        referenceClarification: "The speed is missing.",
      }),
    );
    expect(json.samples).toContainEqual(
      expect.objectContaining({ answerable: false, referenceClarification: "The speed of the train is not given." }),
    );
    expect(json.missing_annotation).toMatch(/^RewardInputError: An unanswerable sample has no clarification annotation/);
    expect(json.missing_flag).toMatch(/^RewardInputError: Cannot tell whether this sample is answerable/);
  });

  it("verl compute_score (naive manager) and compute_score_batch (batch manager)", async () => {
    const { code, json } = await runDriver("drive_verl.py");
    expect(code).toBe(0);
    expect(json.single).toEqual([2, 2, 1.3, 1, 1.3]);
    expect(json.batch).toEqual([2, 0, 1.3]);
    const samples = json.samples as Record<string, unknown>[];
    expect(samples[0]).toMatchObject({ goldAnswer: "12" }); // \boxed{12} unwrapped
    expect(samples[1]).toMatchObject({ goldAnswer: "12" }); // ground_truth wins over extra_info.answer
    expect(samples[3]).toMatchObject({ goldAnswer: ["12", "twelve"] });
    expect(samples[4]).toMatchObject({ answerable: false, referenceClarification: "The interval is missing.", question: "Find n." });
    expect(json.reference_layout).toMatch(/top-level parquet columns .* never reach it/);
  });

  it("OpenRLHF reward_func file and the /get_reward URL", async () => {
    const { code, json } = await runDriver("drive_openrlhf.py", [`${server?.url ?? ""}/get_reward`]);
    expect(code).toBe(0);
    expect(json.file).toEqual({
      rewards: [2, 1, 1.3],
      scores: [1, 0.5, 0.65],
      extra_logs: { format: [1, 1, 1], answer: [1, 0, 0.3], abstention: [0, 0, 0.3], clarification: [0, 0, 0] },
    });
    expect(json.with_metas).toEqual([2, 1, 1.3]);
    expect(json.plain_label).toMatch(/labels\[0\] is not a JSON object/);
    expect(json.http).toEqual(json.file);
  });

  it("restarts a worker killed mid-stream and loses nothing", async () => {
    const { code, json, stderr } = await runDriver("drive_restart.py", [CLI, "20000"]);
    expect(code, stderr).toBe(0);
    expect(json).toEqual({ ok: true, count: 20000, kills: 2, restarts: 2, first_pid_killed: true });
  });

  it("fails loudly: a worker that cannot start, one that hangs, a bad sample", async () => {
    const { code, json } = await runDriver("drive_failures.py", [CLI]);
    expect(code).toBe(0);
    expect(json.dead).toMatch(/did not become ready \(exit code 3\)[\s\S]*cannot load the model/);
    expect(json.hung).toMatch(/failed 2 times \(no answer within 0.3 s\); giving up/);
    expect(json.invalid).toMatch(/missingFacts/);
    expect(json.after_error).toEqual([2]);
    // The real worker announces the range the client checks every reward against.
    expect(json.reward_range).toEqual([-1, 2]);
  });
});
