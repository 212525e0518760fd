// bench/gpu-check.sh on a machine that cannot run it (no NVIDIA GPU, or no CUDA provider library):
// it must stop at once with one sentence that says which is missing and how to fix it, not a stack
// trace or a CPU run passed off as a GPU one. On a machine with both, the check itself is the test.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cudaProviderInstalled, nvidiaGpuPresent } from "../src/models/execution-providers.js";
import { ROOT } from "./worker-build.js";

const gpu = nvidiaGpuPresent();
const provider = cudaProviderInstalled();
if (gpu && provider)
  console.warn("Skipping the gpu-check failure test: this machine has a GPU and the CUDA provider; run bench/gpu-check.sh itself.");

describe.skipIf(gpu && provider)("bench/gpu-check.sh without a usable GPU", () => {
  it("exits 1 within seconds with one sentence naming what is missing and the fix", () => {
    const started = Date.now();
    const run = spawnSync(join(ROOT, "bench", "gpu-check.sh"), [], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.split("\n").filter((line) => line.startsWith("gpu-check: ") && !line.startsWith("gpu-check: GPU: "));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      gpu
        ? /^gpu-check: this machine has an NVIDIA GPU, but onnxruntime-node's CUDA provider library .* install it with `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node`/
        : /^gpu-check: this machine has no NVIDIA GPU .*; run it on a machine with an NVIDIA GPU and its driver installed\.$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(60_000); // nothing is loaded before the check fails
  }, 120_000);
});
