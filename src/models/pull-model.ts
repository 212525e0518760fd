import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ModelError, RewardError } from "../errors.js";
import { requireManifestEntry, type ManifestEntry } from "./manifest.js";
import { modelCacheDir, pathExists, writeFolderAtomically, type Env } from "./model-paths.js";
import { buildUseLite } from "./use-lite/build-use-lite.js";
import { LOCK_FILE, type LockFile } from "./verify-models.js";

/** How long a pull waits for the hub to answer each request, in ms: offline, it fails in under 5 s. */
export const DEFAULT_PULL_TIMEOUT_MS = 4_000;

/** Options of {@link pullModel}. */
export interface PullOptions {
  /** Environment (cache location, `HF_ENDPOINT`). @default process.env */
  env?: Env;
  /** Longest wait for the hub to answer each request (headers, not the whole body), so an offline pull fails in under 5 s. @default DEFAULT_PULL_TIMEOUT_MS (4000) */
  timeoutMs?: number;
  /** Download again even when the folder exists. @default false */
  force?: boolean;
  /** Receives one line per step. @default ignores them */
  progress?: (line: string) => void;
  /** The fetch implementation (tests pass a fake). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** What a pull did. */
export interface PullResult {
  id: string;
  dir: string;
  /** `false` when the folder was already there. */
  downloaded: boolean;
  files: { path: string; sha256: string; verified: boolean }[];
}

async function fetchFile(url: string, options: Required<Pick<PullOptions, "timeoutMs" | "fetch">>): Promise<Uint8Array> {
  // Only the wait for headers is bounded by timeoutMs, so a slow but alive 90 MB download is not cut.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  let response: Response;
  try {
    response = await options.fetch(url, { signal: controller.signal, redirect: "follow" });
  } catch (cause) {
    const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    throw new RewardError(
      "network_unavailable",
      `Could not reach ${new URL(url).origin} (${reason}). Pulling needs access to the Hugging Face hub; on an offline ` +
        "machine copy the model folder into the cache instead (see docs/models.md), or use the offline default model use-lite.",
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    throw new RewardError(
      "not_found",
      `Downloading ${url} failed with HTTP ${response.status}; check the model id and that the file exists on the hub.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

function hubUrl(entry: ManifestEntry, path: string, env: Env): string {
  if (entry.source.type !== "huggingface") throw new ModelError(`Model ${entry.id} is not hosted on the hub.`);
  const endpoint = (env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/$/, "");
  return `${endpoint}/${entry.source.repo}/resolve/${encodeURIComponent(entry.source.revision)}/${path}`;
}

/**
 * Fetches a manifest model from the Hugging Face hub into the model cache, checks each file's
 * sha256 against the manifest (or, where the manifest has none, records it in a lock file so
 * `models verify` catches later changes), and writes the folder atomically. `use-lite` is built
 * locally instead. Offline it fails within `timeoutMs` with a `network_unavailable` error.
 * @param id - Manifest id.
 * @param options - Timeout, force, progress sink.
 * @returns Where the model is and what was verified.
 * @example
 * await pullModel("Xenova/nli-deberta-v3-xsmall", { progress: console.error });
 */
export async function pullModel(id: string, options: PullOptions = {}): Promise<PullResult> {
  const env = options.env ?? process.env;
  const entry = requireManifestEntry(id);
  const dir = modelCacheDir(id, env);
  if (entry.source.type === "convert") {
    const built = await buildUseLite({ outDir: dir, force: options.force === true, env });
    return {
      id,
      dir,
      downloaded: built.built,
      files: Object.entries(built.files).map(([path, sha256]) => ({ path, sha256, verified: true })),
    };
  }
  if (options.force !== true && (await pathExists(join(dir, "config.json")))) {
    return { id, dir, downloaded: false, files: [] };
  }
  const progress = options.progress ?? (() => undefined);
  const fetchOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_PULL_TIMEOUT_MS, fetch: options.fetch ?? globalThis.fetch };
  const files: PullResult["files"] = [];
  const contents = new Map<string, Uint8Array>();
  for (const file of entry.files) {
    progress(`downloading ${file.path} of ${id}…`);
    const bytes = await fetchFile(hubUrl(entry, file.path, env), fetchOptions);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (file.sha256 !== null && file.sha256 !== sha256) {
      throw new ModelError(
        `${file.path} of ${id} has sha256 ${sha256}, but the manifest expects ${file.sha256}; nothing was written. ` +
          "The hub copy changed or the download was corrupted; try again, or update models/manifest.json if the change is intended.",
      );
    }
    if (file.sha256 === null) {
      progress(
        `cannot verify ${file.path}: the manifest records no sha256 for it; recorded ${sha256} in ${LOCK_FILE} so \`models verify\` detects later changes.`,
      );
    }
    contents.set(file.path, bytes);
    files.push({ path: file.path, sha256, verified: file.sha256 !== null });
  }
  const lock: LockFile = { id, source: entry.source, files: Object.fromEntries(files.map((f) => [f.path, f.sha256])) };
  await writeFolderAtomically(
    dir,
    async (tmp) => {
      for (const [path, bytes] of contents) {
        await mkdir(dirname(join(tmp, path)), { recursive: true });
        await writeFile(join(tmp, path), bytes);
      }
      await writeFile(join(tmp, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
    },
    true,
  );
  return { id, dir, downloaded: true, files };
}
