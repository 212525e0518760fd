import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModelsCommand } from "../src/cli/models.js";
import { RewardError } from "../src/errors.js";
import { loadNli } from "../src/models/index.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";
import { writeTinyNli } from "./helpers/models-tiny-nli.js";

const root = mkdtempSync(join(tmpdir(), "abstain-cli-"));
const tiny = writeTinyNli(join(root, "tiny-source"));

/** Runs the command with captured streams. */
async function run(args: string[], env: Record<string, string>): Promise<{ out: string; err: string; error: unknown; ms: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const start = performance.now();
  let error: unknown;
  try {
    await runModelsCommand(args, { stdout, stderr, env });
  } catch (e) {
    error = e;
  }
  return { out, err, error, ms: performance.now() - start };
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

describe("abstain-reward models", () => {
  const env = { ABSTAIN_REWARD_MODELS: join(root, "cache") };
  let silent: TcpServer;
  let hub: Server;
  let silentPort = 0;
  let hubPort = 0;

  beforeAll(async () => {
    // Accepts connections and never answers: what a black-holed network looks like to fetch.
    silent = createTcpServer(() => undefined);
    silentPort = await listen(silent);
    // A stand-in hub serving the tiny NLI folder under the manifest's NLI id.
    hub = createHttpServer((req, res) => {
      const match = /^\/Xenova\/nli-deberta-v3-xsmall\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      try {
        const body = readFileSync(join(tiny, match?.[1] ?? "missing"));
        res.writeHead(200).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    hubPort = await listen(hub);
  });

  afterAll(() => {
    silent.close();
    hub.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("prints usage with --help and rejects unknown subcommands and flags with InputErrors", async () => {
    expect((await run(["--help"], env)).out).toMatch(/models <list\|build\|pull\|verify>/);
    expect((await run(["frobnicate"], env)).error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/expected list, build, pull or verify/),
    });
    expect((await run(["list", "--bogus"], env)).error).toMatchObject({ code: "invalid_input" });
    expect((await run(["pull"], env)).error).toMatchObject({ message: expect.stringMatching(/needs a model id/) });
  });

  it("lists the manifest models with role and install state", async () => {
    const { out } = await run(["list"], env);
    expect(out).toMatch(/use-lite \(default\)\n {2}role: embedding {3}license: Apache-2.0 {3}not installed/);
    expect(out).toMatch(/Xenova\/nli-deberta-v3-xsmall\n {2}role: nli/);
    const json = JSON.parse((await run(["list", "--json"], env)).out) as { id: string; installed: boolean }[];
    expect(json.map((m) => m.id)).toEqual(["use-lite", "Xenova/all-MiniLM-L6-v2", "Xenova/nli-deberta-v3-xsmall"]);
  });

  it.skipIf(!weightPackageAvailable())("builds use-lite, then verify reports it ok against the manifest sha256", async () => {
    const built = await run(["build"], env);
    expect(built.out).toMatch(/^Built use-lite in .*use-lite\n$/);
    expect((await run(["build"], env)).out).toMatch(/already up to date/);
    const verified = await run(["verify", "use-lite"], env);
    expect(verified.error).toBeUndefined();
    expect(verified.out).toMatch(/^use-lite: ok \(/);
  });

  it("pull fails within 5 s with one clear sentence when the hub does not answer (default timeout)", async () => {
    const { error, ms } = await run(["pull", "Xenova/all-MiniLM-L6-v2"], { ...env, HF_ENDPOINT: `http://127.0.0.1:${silentPort}` });
    expect(ms).toBeLessThan(5000);
    expect(error).toBeInstanceOf(RewardError);
    expect((error as RewardError).code).toBe("network_unavailable");
    expect((error as Error).message).toMatch(
      /^Could not reach http:\/\/127\.0\.0\.1:\d+ \(no answer within 4000 ms\)\. Pulling needs access to the Hugging Face hub;/,
    );
  }, 10_000);

  it("pull fails fast when the hub's host cannot be resolved or refuses the connection", async () => {
    for (const endpoint of ["http://hub.invalid", "http://127.0.0.1:1"]) {
      const { error, ms } = await run(["pull", "Xenova/all-MiniLM-L6-v2", "--timeout-ms", "3000"], { ...env, HF_ENDPOINT: endpoint });
      expect(ms).toBeLessThan(3500);
      expect((error as RewardError).code).toBe("network_unavailable");
    }
  });

  it("pull downloads, says it cannot verify files the manifest has no sha256 for, records them, and the model loads", async () => {
    const hubEnv = { ...env, HF_ENDPOINT: `http://127.0.0.1:${hubPort}` };
    const pulled = await run(["pull", "Xenova/nli-deberta-v3-xsmall"], hubEnv);
    expect(pulled.error).toBeUndefined();
    expect(pulled.err).toMatch(
      /cannot verify onnx\/model\.onnx: the manifest records no sha256 for it; recorded [0-9a-f]{64} in abstain-reward\.lock\.json/,
    );
    expect(pulled.out).toMatch(/^Pulled Xenova\/nli-deberta-v3-xsmall into /);
    const nli = await loadNli({ env: hubEnv, device: "cpu", log: () => undefined });
    const [scores] = await nli.classify([["yes", ""]]);
    await nli.dispose();
    expect(scores?.entailment).toBeGreaterThan(0.5);
    expect((await run(["verify", "Xenova/nli-deberta-v3-xsmall"], hubEnv)).out).toMatch(/nli-deberta-v3-xsmall: ok/);
  });

  it("verify fails loudly when a pulled file changed", async () => {
    writeFileSync(join(env.ABSTAIN_REWARD_MODELS, "Xenova", "nli-deberta-v3-xsmall", "config.json"), "{}");
    const { out, error } = await run(["verify"], env);
    expect(out).toMatch(/nli-deberta-v3-xsmall: mismatch[\s\S]*config\.json: mismatch/);
    expect((error as Error).message).toMatch(/^Xenova\/nli-deberta-v3-xsmall failed verification \(changed or missing files\)\. Rebuild/);
  });
});
