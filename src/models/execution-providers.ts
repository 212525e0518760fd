import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { InferenceSession } from "onnxruntime-node";
import { InputError, ModelError } from "../errors.js";

/** The ONNX Runtime module as imported; injectable so callers can bring their own build. */
export type OrtModule = typeof import("onnxruntime-node");
/** ONNX Runtime session options, passed through; the caller's values win over ours. */
export type SessionOptions = InferenceSession.SessionOptions;

/** Accepted `device` values. */
export const DEVICES = ["auto", "cpu", "cuda"] as const;
/** Where models run. */
export type Device = (typeof DEVICES)[number];

/** Execution providers tried for each device, in order; `auto` falls back to CPU when CUDA fails. */
export const EXECUTION_PROVIDERS: Readonly<Record<Device, readonly string[]>> = Object.freeze({
  auto: Object.freeze(["cuda", "cpu"]),
  cpu: Object.freeze(["cpu"]),
  cuda: Object.freeze(["cuda"]),
});

/**
 * Maps a device name to its execution providers, rejecting unknown names with the allowed list.
 * @param device - `auto`, `cpu` or `cuda`.
 * @returns The providers to request, most preferred first.
 * @example
 * resolveExecutionProviders("auto"); // → ["cuda", "cpu"]
 */
export function resolveExecutionProviders(device: string): readonly string[] {
  const providers = (EXECUTION_PROVIDERS as Readonly<Record<string, readonly string[]>>)[device];
  if (providers === undefined) {
    throw new InputError(`device must be one of ${DEVICES.map((d) => `"${d}"`).join(", ")}; got "${device}".`, [
      { path: ["device"], message: `Expected one of ${DEVICES.join(", ")}` },
    ]);
  }
  return providers;
}

/**
 * Imports `onnxruntime-node` lazily (no import-time native loading) with telemetry off by default:
 * ORT 1.30 otherwise writes a device id and an event database under `~/.cache/Microsoft`. An
 * explicit `ORT_DISABLE_TELEMETRY` set by the user is left as it is.
 * @returns The ONNX Runtime module.
 * @example
 * const ort = await loadOrt();
 */
export async function loadOrt(): Promise<OrtModule> {
  // Native code reads the variable when its environment is created, so it is set before import.
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  try {
    return await import("onnxruntime-node");
  } catch (cause) {
    throw new ModelError(
      "Could not load onnxruntime-node, which runs the models. Install it with `npm i onnxruntime-node@1.30.0` " +
        "(air-gapped: set ONNXRUNTIME_NODE_INSTALL=skip while installing; the CPU binaries are inside the package).",
      { cause },
    );
  }
}

/**
 * Tells whether the CUDA provider library ships beside the ORT binding. When it does not, asking ORT
 * for CUDA only prints native error lines before failing, so `auto` skips straight to CPU.
 * @returns `false` when the CUDA provider library is certainly absent.
 * @example
 * if (!cudaProviderInstalled()) console.log("CPU only");
 */
export function cudaProviderInstalled(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve("onnxruntime-node/package.json"));
    const dir = join(root, "bin", "napi-v6", process.platform, process.arch);
    const file = process.platform === "win32" ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
    return existsSync(join(dir, file));
  } catch {
    // Unknown layout (a custom ORT build): let ORT itself decide.
    return true;
  }
}

/**
 * Tells whether this machine has an NVIDIA GPU (its driver is loaded), without loading anything
 * native: only then is a CPU fallback under `device: "auto"` worth a warning.
 * @returns `true` when the NVIDIA driver is present.
 * @example
 * if (nvidiaGpuPresent() && !cudaProviderInstalled()) console.log("the GPU sits idle");
 */
export function nvidiaGpuPresent(): boolean {
  if (process.platform === "linux") return existsSync("/proc/driver/nvidia/version") || existsSync("/dev/nvidiactl");
  if (process.platform === "win32") return existsSync(join(process.env.SystemRoot ?? "C:\\Windows", "System32", "nvidia-smi.exe"));
  return false;
}

/** The command that installs onnxruntime-node's CUDA provider library (it is not in the npm tarball). */
export const CUDA_INSTALL_HINT = "ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node";

/** Tensors this library can feed; the model's `inputNames` decide which are sent. */
export type FeedCandidates = Partial<Record<"input_ids" | "attention_mask" | "token_type_ids", InferenceSession.OnnxValueMapType[string]>>;

/**
 * Builds the feeds a session asks for from the tensors at hand, failing loudly on an input the
 * library cannot produce (some models take `token_type_ids`, some do not).
 * @param inputNames - `session.inputNames`.
 * @param candidates - Tensors available by name.
 * @param modelPath - For the error message.
 * @returns Feeds holding exactly the session's inputs.
 * @example
 * const feeds = buildFeeds(session.inputNames, { input_ids, attention_mask }, path);
 */
export function buildFeeds(
  inputNames: readonly string[],
  candidates: FeedCandidates,
  modelPath: string,
): InferenceSession.OnnxValueMapType {
  const feeds: Record<string, InferenceSession.OnnxValueMapType[string]> = {};
  for (const name of inputNames) {
    const tensor = (candidates as Record<string, InferenceSession.OnnxValueMapType[string] | undefined>)[name];
    if (tensor === undefined) {
      throw new ModelError(
        `The model ${modelPath} expects an input named "${name}", but this library can only provide ` +
          `${Object.keys(candidates).join(", ")}. Use a model exported with the standard Hugging Face input names.`,
      );
    }
    feeds[name] = tensor;
  }
  return feeds;
}
