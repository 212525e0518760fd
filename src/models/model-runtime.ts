import type { InferenceSession } from "onnxruntime-node";
import { ModelError } from "../errors.js";
import {
  CUDA_INSTALL_HINT,
  cudaProviderInstalled,
  loadOrt,
  nvidiaGpuPresent,
  resolveExecutionProviders,
  type Device,
  type OrtModule,
  type SessionOptions,
} from "./execution-providers.js";

/** Options of {@link ModelRuntime}. */
export interface ModelRuntimeOptions {
  /** Where to run. @default "auto" */
  device?: Device;
  /** ONNX Runtime session options; they win over the library's defaults (including `executionProviders`). */
  sessionOptions?: SessionOptions;
  /** Receives the one-line fallback warning. @default writes the line to stderr */
  warn?: (line: string) => void;
  /** An ONNX Runtime module to use instead of importing `onnxruntime-node` (custom builds, tests). */
  ort?: OrtModule;
  /**
   * Whether this machine has a GPU; `auto` warns about a CPU fallback only when it does.
   * @default detected ({@link nvidiaGpuPresent})
   */
  gpuPresent?: boolean;
}

/** A cached session and the provider it runs on. */
export interface SessionHandle {
  session: InferenceSession;
  ort: OrtModule;
  /** `cuda`, `cpu`, or `custom` when the caller chose the providers. */
  provider: string;
}

const DEFAULT_SESSION_OPTIONS: SessionOptions = Object.freeze({ graphOptimizationLevel: "all" });

/**
 * Owns ONNX Runtime sessions, one per model file, and the device decision. Created per loader (or
 * shared by passing it to several loaders); there is no process-wide session cache.
 * @example
 * const runtime = new ModelRuntime({ device: "cpu" });
 * const { session } = await runtime.session("/models/x/onnx/model.onnx");
 * await runtime.dispose();
 */
export class ModelRuntime {
  private readonly sessions = new Map<string, Promise<SessionHandle>>();
  private warned = false;

  /**
   * Creates an empty runtime; nothing native is loaded until the first session.
   * @param options - Device, session options, warning sink.
   */
  constructor(private readonly options: ModelRuntimeOptions = {}) {
    resolveExecutionProviders(options.device ?? "auto");
  }

  /**
   * Returns the session of a model file, creating it on first use.
   * @param modelPath - Path of the `.onnx` file.
   * @returns The cached session handle.
   * @example
   * const handle = await runtime.session(path);
   */
  session(modelPath: string): Promise<SessionHandle> {
    let pending = this.sessions.get(modelPath);
    if (pending === undefined) {
      pending = this.create(modelPath);
      this.sessions.set(modelPath, pending);
      // A failed load is not cached, so a fixed file can be retried.
      pending.catch(() => this.sessions.delete(modelPath));
    }
    return pending;
  }

  /**
   * Releases every session; the runtime can still be used afterwards (sessions are recreated).
   * @returns Resolves when all native sessions are released.
   * @example
   * await runtime.dispose();
   */
  async dispose(): Promise<void> {
    const pending = [...this.sessions.values()];
    this.sessions.clear();
    const settled = await Promise.allSettled(pending);
    await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.session.release() : undefined)));
  }

  private async create(modelPath: string): Promise<SessionHandle> {
    const ort = this.options.ort ?? (await loadOrt());
    const device = this.options.device ?? "auto";
    const user = this.options.sessionOptions ?? {};
    if (user.executionProviders !== undefined) {
      return { session: await this.open(ort, modelPath, { ...DEFAULT_SESSION_OPTIONS, ...user }), ort, provider: "custom" };
    }
    // Probing a provider library that is certainly absent only makes ORT print native error lines.
    const cudaPossible = this.options.ort !== undefined || cudaProviderInstalled();
    let cudaFailure = "";
    if (device !== "cpu") {
      try {
        if (!cudaPossible) throw new ProviderFailure("the CUDA provider library is not installed beside onnxruntime-node");
        const options = { ...DEFAULT_SESSION_OPTIONS, ...user, executionProviders: ["cuda"] };
        return { session: await this.open(ort, modelPath, options, true), ort, provider: "cuda" };
      } catch (error) {
        if (device === "cuda") {
          throw new ModelError(
            `device "cuda" was requested but the CUDA execution provider could not be loaded (${messageOf(error)}). ` +
              `Install the CUDA build of ONNX Runtime (${CUDA_INSTALL_HINT}) and a matching CUDA/cuDNN, or use device "auto" to fall back to CPU.`,
            { cause: error },
          );
        }
        if (error instanceof ModelError && !isProviderFailure(error)) throw error;
        cudaFailure = messageOf(error);
      }
    }
    // Without a GPU, CPU is simply the device: nothing to say. With one, say why it sits idle.
    if (device === "auto" && (this.options.gpuPresent ?? nvidiaGpuPresent())) {
      this.warnOnce(
        cudaPossible
          ? `This machine has an NVIDIA GPU, but ONNX Runtime's CUDA execution provider could not be loaded (${cudaFailure}); running models on the CPU execution provider. Check the CUDA 12 and cuDNN 9 libraries, or pass device "cpu" to silence this line.`
          : `This machine has an NVIDIA GPU, but onnxruntime-node's CUDA provider library is not installed; running models on the CPU execution provider. Install it with \`${CUDA_INSTALL_HINT}\`, or pass device "cpu" to silence this line.`,
      );
    }
    const options = { ...DEFAULT_SESSION_OPTIONS, ...user, executionProviders: ["cpu"] };
    return { session: await this.open(ort, modelPath, options), ort, provider: "cpu" };
  }

  private async open(ort: OrtModule, modelPath: string, options: SessionOptions, probing = false): Promise<InferenceSession> {
    try {
      return await ort.InferenceSession.create(modelPath, options);
    } catch (cause) {
      const text = messageOf(cause);
      if (probing && /provider|cuda|shared librar/i.test(text)) throw new ProviderFailure(text, { cause });
      throw new ModelError(
        `ONNX Runtime could not load ${modelPath}: ${text}. The file is missing, damaged or not an ONNX model; ` +
          "rebuild it with `abstain-reward models build` or fetch it again with `abstain-reward models pull <id>`.",
        { cause },
      );
    }
  }

  private warnOnce(line: string): void {
    if (this.warned) return;
    this.warned = true;
    (this.options.warn ?? ((l: string) => process.stderr.write(`abstain-reward: ${l}\n`)))(line);
  }
}

/** Marks a failure of the CUDA provider itself (as opposed to a broken model file). */
class ProviderFailure extends ModelError {}

function isProviderFailure(error: ModelError): boolean {
  return error instanceof ProviderFailure;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim().replace(/\.$/, "");
}
