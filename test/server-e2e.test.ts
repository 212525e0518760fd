// The built CLI's HTTP server: `node dist/cli.js serve --port 0`.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRewardResponseSchema, HealthResponseSchema, ScoreResponseSchema } from "../src/server/http-protocol.js";
import { collect, ensureBuilt, spawnCli, startServer } from "./worker-build.js";

const PROMPT = "<|im_start|>user\nQuestion: 3 boxes of 4 apples?<|im_end|>\n<|im_start|>assistant\n<thinking>";
const RIGHT = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>";
const WRONG = "3 + 4 = 7.\n</thinking>\n<answer>\n\\boxed{7}\n</answer>";

let server: Awaited<ReturnType<typeof startServer>> | undefined;
const url = (): string => {
  if (server === undefined) throw new Error("The server did not start (see beforeAll).");
  return server.url;
};

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
}, 600_000);

afterAll(async () => {
  if (server !== undefined && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.out.exited;
  }
});

describe("abstain-reward serve (built CLI)", () => {
  it("listens on loopback and reports health", async () => {
    expect(url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = HealthResponseSchema.parse(await (await fetch(`${url()}/health`)).json());
    expect(health.ok).toBe(true);
  });

  it("speaks OpenRLHF's /get_reward", async () => {
    const response = await fetch(`${url()}/get_reward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: [`${PROMPT}${RIGHT}<|im_end|>`, `${PROMPT}${WRONG}<|im_end|>`],
        prompts: [PROMPT, PROMPT],
        labels: [JSON.stringify({ answerable: true, goldAnswer: "12" }), JSON.stringify({ answerable: true, goldAnswer: "12" })],
      }),
    });
    expect(response.status).toBe(200);
    expect(GetRewardResponseSchema.parse(await response.json())).toMatchObject({ rewards: [2, 1], scores: [1, 0.5] });
  });

  it("answers 100 concurrent clients with no lost or mixed-up responses", async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, async (_unused, index) => {
        const samples = Array.from({ length: (index % 7) + 1 }, (_none, position) => ({
          id: `c${index}-${position}`,
          response: `x\n</thinking>\n<answer>\n\\boxed{${(index + position) % 2 === 0 ? index : index + 1}}\n</answer>`,
          answerable: true,
          goldAnswer: String(index),
        }));
        const response = await fetch(`${url()}/score`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ samples }),
        });
        const { results } = ScoreResponseSchema.parse(await response.json());
        return { index, status: response.status, got: results.map((result) => `${result.id ?? "?"}=${result.reward}`) };
      }),
    );
    for (const { index, status, got } of replies) {
      expect(status).toBe(200);
      expect(got).toEqual(
        Array.from({ length: (index % 7) + 1 }, (_none, position) => `c${index}-${position}=${(index + position) % 2 === 0 ? 2 : 1}`),
      );
    }
  });

  it("rejects a body past --max-body-bytes with 413 and exits 0 on SIGTERM", async () => {
    const small = await startServer(["--max-body-bytes", "1000"]);
    const response = await fetch(`${small.url}/score`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ samples: [{ response: "x".repeat(5000), answerable: true, goldAnswer: "1" }] }),
    });
    expect(response.status).toBe(413);
    // Every 4xx reason reaches the server's stderr as one line (OpenRLHF's client shows only the status).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(small.out.stderr()).toMatch(
      /abstain-reward serve(\[\d+\])?: 413 POST \/score: The body of \d+ bytes exceeds the limit of 1000 bytes/,
    );
    small.child.kill("SIGTERM");
    expect(await small.out.exited).toBe(0);
    expect(small.out.stderr()).toContain("SIGTERM received, closing");
  });
});

describe("abstain-reward serve: bad ports are sentences, not stack traces", () => {
  async function run(args: readonly string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
    const child = spawnCli(["serve", ...args]);
    const out = collect(child);
    child.stdin.end();
    const code = await out.exited;
    return { code, stderr: out.stderr(), stdout: out.lines.join("\n") };
  }

  it.each([["99999"], ["65536"], ["-1"], ["abc"], ["80.5"]])("--port %s exits 2 before loading models", async (port) => {
    const { code, stderr, stdout } = await run([`--port=${port}`]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`--port must be an integer from 0 to 65535, got "${port}".`);
    expect(stderr).not.toContain("CUDA");
    expect(stderr).not.toMatch(/\n\s+at |RangeError/);
  });

  it("a port in use exits 2 (a usage error, like a missing input file) with a sentence that says what to do", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr, stdout } = await run(["--port", String(port)]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(
        `Port ${port} on 127.0.0.1 is already in use; stop the process that holds it or pick another port with --port (0 picks a free one).`,
      );
      expect(stderr).not.toMatch(/\n\s+at |EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
