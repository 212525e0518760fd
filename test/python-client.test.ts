// The Python RewardClient (docs/integrations/python/abstain_reward.py) against a fake worker that
// misbehaves in each way a trainer run can meet: it must raise a typed error with a sentence, within
// a bounded time, and keep working afterwards. Prints the table's worst time.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

const PYTHON = process.env.PYTHON ?? "python3";
const hasPython = spawnSync(PYTHON, ["--version"]).status === 0;
if (!hasPython) console.warn(`Skipping the Python client tests: ${PYTHON} was not found (set PYTHON to its path).`);

interface Outcome {
  error: string | null;
  seconds?: number;
  restarts?: number;
  rewards?: number[];
  after?: number[] | string;
}

let table: Record<string, Outcome> = {};
let scratch = "";

beforeAll(async () => {
  if (!hasPython) return;
  scratch = mkdtempSync(join(tmpdir(), "abstain-reward-py-"));
  table = await new Promise<Record<string, Outcome>>((resolve, reject) => {
    const child = spawn(PYTHON, [join(ROOT, "test", "python", "drive_misbehaving.py"), scratch], {
      cwd: ROOT,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout) as Record<string, Outcome>);
      } catch {
        reject(new Error(`drive_misbehaving.py exited ${String(code)} without JSON.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }
      const worst = /misbehaving-worker table: worst .*/.exec(stderr)?.[0];
      if (worst !== undefined) console.log(worst);
    });
  });
}, 150_000);

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

// Timeout 1 s, one retry, start-up timeout 3 s. Bounds are generous (a loaded 2-core machine) but
// far below "forever": the point is that every wait ends.
const PROTOCOL_ERRORS: [string, RegExp][] = [
  ["too_few", /RewardProtocolError: .* with 1 result\(s\) for 2 sample\(s\); each sample must get exactly one/],
  ["too_many", /RewardProtocolError: .* with 3 result\(s\) for 2 sample\(s\)/],
  ["garbage", /RewardProtocolError: The reward worker wrote a line that is not a JSON object: b'Loading model/],
  ["nan", /RewardProtocolError: .* has reward nan; a reward must be a finite number within the worker's reward range \[0, 2\]/],
  ["inf", /RewardProtocolError: .* has reward inf; a reward must be a finite number/],
  ["out_of_range", /RewardProtocolError: .* has reward 5; a reward must be a finite number within the worker's reward range \[0, 2\]/],
  ["wrong_order", /RewardProtocolError: .* has id 's1', but sample 0 has id 's0'; results must come in sample order/],
  ["no_results", /RewardProtocolError: .* has no `results` list/],
  ["no_components", /RewardProtocolError: .* lacks finite components format, answer, abstention, clarification/],
  ["null_id_error", /RewardProtocolError: The reward worker answered a request it could not identify/],
];

describe.skipIf(!hasPython)("Python RewardClient against a misbehaving worker", () => {
  it("a well-behaved fake worker gets one reward per sample", () => {
    expect(table.ok).toMatchObject({ error: null, rewards: Array(10).fill(2), restarts: 0 });
  });

  it.each(PROTOCOL_ERRORS)("%s: raises RewardProtocolError with a sentence, at once, and the client recovers", (mode, message) => {
    const outcome = table[mode];
    expect(outcome?.error).toMatch(message);
    expect(outcome?.seconds).toBeLessThan(10);
    expect(outcome?.after).toEqual([2, 2]);
  });

  it.each([["silence"], ["stops_reading"]])(
    "%s: the timeout fires (even on a blocked write), the worker is killed and restarted, then a RewardWorkerError",
    (mode) => {
      const outcome = table[mode];
      expect(outcome?.error).toMatch(/^RewardWorkerError: Request r1 failed 2 times \(no answer within 1 s\); giving up/);
      expect(outcome?.seconds).toBeGreaterThanOrEqual(1.9);
      expect(outcome?.seconds).toBeLessThan(20);
      expect(outcome?.restarts).toBeGreaterThanOrEqual(1);
      expect(outcome?.after).toEqual([2, 2]);
    },
  );

  it("dies_mid_batch: restarted once, every sample answered exactly once", () => {
    expect(table.dies_mid_batch).toMatchObject({ error: null, rewards: Array(10).fill(2), restarts: 1 });
    expect(table.dies_mid_batch?.seconds).toBeLessThan(20);
  });

  it("never_ready: the start-up wait is bounded", () => {
    expect(table.never_ready?.error).toMatch(/did not become ready within 3 s/);
    expect(table.never_ready?.seconds).toBeLessThan(20);
  });

  it("exits_at_start: names the exit code and shows the drained stderr", () => {
    expect(table.exits_at_start?.error).toMatch(/did not become ready \(exit code 3\)[\s\S]*the model file is missing/);
  });

  it.each([
    ["missing_cli", /cli_path is '\/nonexistent\/abstain-reward\/dist\/cli\.js', which does not exist/],
    ["missing_cli_env", /ABSTAIN_REWARD_CLI is '\/nonexistent\/abstain-reward\/dist\/cli\.js', which does not exist/],
    ["no_node", /`node` was not found on PATH; the reward worker needs Node\.js ≥ 20\.19/],
  ])("%s: says what is missing before spawning anything", (mode, message) => {
    expect(table[mode]?.error).toMatch(message);
    expect(table[mode]?.error).not.toMatch(/Traceback|at Module/);
  });
});
