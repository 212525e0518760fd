import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InputError, ModelError } from "../src/errors.js";
import { buildUseLite } from "../src/entries/build.js";
import { loadEmbedder, loadNli, loadOrt, ModelRuntime, type OrtModule, type SessionOptions } from "../src/models/index.js";
import { cudaProviderInstalled, nvidiaGpuPresent } from "../src/models/execution-providers.js";
import { weightPackageAvailable } from "./helpers/models-reference.js";
import { writeTinyNli } from "./helpers/models-tiny-nli.js";

const root = mkdtempSync(join(tmpdir(), "abstain-fail-"));
const quiet = { device: "cpu" as const, log: () => undefined };

/** A copy of a model folder with one change, for the failure cases. */
function variant(source: string, name: string, change: (dir: string) => void): string {
  const dir = join(root, name);
  cpSync(source, dir, { recursive: true });
  change(dir);
  return dir;
}

/** ONNX Runtime whose CUDA provider "cannot load", as on a machine without the CUDA build. */
async function ortWithoutCuda(): Promise<OrtModule> {
  const real = await loadOrt();
  const create: typeof real.InferenceSession.create = (async (path: string, options?: { executionProviders?: readonly unknown[] }) => {
    if (options?.executionProviders?.includes("cuda") === true) {
      throw new Error("OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library");
    }
    return real.InferenceSession.create(path, (options ?? {}) as SessionOptions);
  }) as typeof real.InferenceSession.create;
  return { ...real, InferenceSession: { ...real.InferenceSession, create } } as OrtModule;
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("model loading fails loudly, with a sentence that says what to do", () => {
  const tiny = writeTinyNli(join(root, "tiny"));

  it("missing model folder", async () => {
    const attempt = loadEmbedder({ ...quiet, model: join(root, "does-not-exist") });
    await expect(attempt).rejects.toBeInstanceOf(ModelError);
    await expect(attempt).rejects.toThrow(
      /^No model folder at .*does-not-exist\. A model folder needs config\.json, tokenizer\.json and onnx\/model\.onnx/,
    );
  });

  it("corrupt model.onnx", async () => {
    const dir = variant(tiny, "corrupt", (d) => writeFileSync(join(d, "onnx", "model.onnx"), "this is not a protobuf"));
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(
      /ONNX Runtime could not load .*model\.onnx: .*damaged or not an ONNX model; rebuild it/,
    );
  });

  it("tokenizer.json missing", async () => {
    const dir = variant(tiny, "no-tokenizer", (d) => rmSync(join(d, "tokenizer.json")));
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(/^tokenizer\.json is missing: expected .*tokenizer\.json\./);
  });

  it("onnx/model.onnx missing", async () => {
    const dir = variant(tiny, "no-onnx", (d) => rmSync(join(d, "onnx"), { recursive: true }));
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(
      /No ONNX weights in .*expected onnx\/model\.onnx or onnx\/model_quantized\.onnx/,
    );
  });

  it("config.json that is not JSON", async () => {
    const dir = variant(tiny, "bad-config", (d) => writeFileSync(join(d, "config.json"), "{ nope"));
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(/config\.json at .* is not valid JSON/);
  });

  it("NLI config without an entailment label", async () => {
    const dir = writeTinyNli(join(root, "no-entail"), { id2label: { "0": "positive", "1": "negative" } });
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(
      /has no entailment label in id2label .*fix config\.json or use another model/,
    );
  });

  it("a model input the library cannot provide", async () => {
    const dir = writeTinyNli(join(root, "odd-input"), { inputs: ["input_ids", "attention_mask", "pixel_values"] });
    await expect(loadNli({ ...quiet, model: dir })).rejects.toThrow(/expects inputs "pixel_values" that this library cannot provide/);
  });

  it("a manifest model that was never pulled", async () => {
    const attempt = loadNli({ ...quiet, env: { ABSTAIN_REWARD_MODELS: join(root, "empty-cache") } });
    await expect(attempt).rejects.toThrow(
      /Model "Xenova\/nli-deberta-v3-xsmall" is not downloaded yet .*abstain-reward models pull Xenova\/nli-deberta-v3-xsmall/,
    );
  });

  it.each([["gpu"], ["CUDA"], [""]])("unknown device %j is an InputError listing the allowed values", async (device) => {
    await expect(loadNli({ ...quiet, model: tiny, device: device as never })).rejects.toThrow(InputError);
    expect(() => new ModelRuntime({ device: device as never })).toThrow(/device must be one of "auto", "cpu", "cuda"/);
  });

  it("bad batchSize / cacheSize are InputErrors", async () => {
    await expect(loadEmbedder({ ...quiet, batchSize: 0 })).rejects.toThrow(/batchSize must be a positive integer/);
    await expect(loadEmbedder({ ...quiet, cacheSize: -1 })).rejects.toThrow(/cacheSize must be a non-negative integer/);
  });
});

describe("device: CUDA that cannot load", () => {
  const tiny = writeTinyNli(join(root, "tiny-cuda"));

  it('"auto" on a machine with a GPU falls back to CPU with exactly one warning line naming the cause', async () => {
    const lines: string[] = [];
    const runtime = new ModelRuntime({ device: "auto", ort: await ortWithoutCuda(), warn: (l) => lines.push(l), gpuPresent: true });
    const first = await runtime.session(join(tiny, "onnx", "model.onnx"));
    await runtime.session(join(writeTinyNli(join(root, "tiny-cuda-2")), "onnx", "model.onnx"));
    await runtime.dispose();
    expect(first.provider).toBe("cpu");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^This machine has an NVIDIA GPU, but ONNX Runtime's CUDA execution provider could not be loaded \(.*Failed to load shared library\); running models on the CPU execution provider\./,
    );
  });

  it('"auto" on a machine without a GPU says nothing: CPU is simply the device', async () => {
    const lines: string[] = [];
    const runtime = new ModelRuntime({ device: "auto", ort: await ortWithoutCuda(), warn: (l) => lines.push(l), gpuPresent: false });
    expect((await runtime.session(join(tiny, "onnx", "model.onnx"))).provider).toBe("cpu");
    await runtime.dispose();
    expect(lines).toEqual([]);
  });

  it('"cuda" is a ModelError that says how to fix it', async () => {
    const runtime = new ModelRuntime({ device: "cuda", ort: await ortWithoutCuda() });
    await expect(runtime.session(join(tiny, "onnx", "model.onnx"))).rejects.toThrow(
      /^device "cuda" was requested but the CUDA execution provider could not be loaded \(.*Failed to load shared library\)\. Install the CUDA build/,
    );
  });

  it.skipIf(cudaProviderInstalled())("with this machine's real ONNX Runtime (no CUDA provider installed)", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const nli = await loadNli({ model: tiny, device: "auto" });
    const written = stderr.mock.calls.map((c) => String(c[0]));
    stderr.mockRestore();
    await nli.dispose();
    // The real cause, once, and only where a GPU would have been used.
    expect(written).toEqual(
      nvidiaGpuPresent()
        ? [
            expect.stringMatching(
              /^abstain-reward: This machine has an NVIDIA GPU, but onnxruntime-node's CUDA provider library is not installed; .*ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node/,
            ),
          ]
        : [],
    );
    await expect(loadNli({ model: tiny, device: "cuda", log: () => undefined })).rejects.toThrow(
      /device "cuda" was requested but the CUDA execution provider could not be loaded \(the CUDA provider library is not installed beside onnxruntime-node\)/,
    );
  });

  it("user session options win, including their own execution providers", async () => {
    const runtime = new ModelRuntime({ device: "cuda", sessionOptions: { executionProviders: ["cpu"], intraOpNumThreads: 1 } });
    const handle = await runtime.session(join(tiny, "onnx", "model.onnx"));
    await runtime.dispose();
    expect(handle.provider).toBe("custom");
  });
});

describe.skipIf(!weightPackageAvailable())("offline default model build", () => {
  let built: string;
  beforeAll(async () => {
    built = (await buildUseLite({ outDir: join(root, "use-lite") })).dir;
  });

  it("a corrupt converted model.onnx is reported, not silently used", async () => {
    const dir = variant(built, "use-lite-corrupt", (d) => writeFileSync(join(d, "onnx", "model.onnx"), new Uint8Array(64)));
    await expect(loadEmbedder({ ...quiet, model: dir })).rejects.toThrow(ModelError);
  });

  it("a tokenizer.json without the Unigram vocabulary is reported", async () => {
    const dir = variant(built, "use-lite-bad-tok", (d) =>
      writeFileSync(join(d, "tokenizer.json"), JSON.stringify({ model: { type: "BPE" } })),
    );
    await expect(loadEmbedder({ ...quiet, model: dir })).rejects.toThrow(/holds no Unigram vocabulary\. Rebuild the model/);
  });
});
