import { stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { ModelError } from "../errors.js";
import { findManifestEntry } from "./manifest.js";
import { modelCacheDir, type Env } from "./model-paths.js";
import { buildUseLite, isUseLiteCurrent, USE_LITE_ID } from "./use-lite/build-use-lite.js";

/** Options of {@link resolveModelDir}. */
export interface ResolveModelOptions {
  /** Environment for the cache location. @default process.env */
  env?: Env;
  /** Receives the one progress line of a first-use build. @default writes to stderr */
  progress?: (line: string) => void;
}

/** A resolved model: where it is and what to call it. */
export interface ResolvedModel {
  dir: string;
  id: string;
}

function looksLikePath(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("~") || spec.includes("\\");
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Turns a `model` option into a folder: a path is used as is; a manifest id maps to its cache
 * folder; `use-lite` (the default) is converted on first use with one progress line on stderr and
 * no network. A missing online model is an error that says how to pull it.
 * @param spec - Folder path or manifest id; `undefined` means the offline default `use-lite`.
 * @param options - Environment and progress sink.
 * @returns The folder and its display id.
 * @example
 * const { dir } = await resolveModelDir(undefined); // builds use-lite once, then reuses it
 */
export async function resolveModelDir(spec: string | undefined, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const id = spec ?? USE_LITE_ID;
  if (looksLikePath(id) || (await isDirectory(id))) {
    const dir = resolve(id.startsWith("~") ? id.replace(/^~/, process.env.HOME ?? "~") : id);
    return { dir, id: dir };
  }
  const dir = modelCacheDir(id, options.env);
  if (id === USE_LITE_ID) {
    if (!(await isUseLiteCurrent(dir))) {
      const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
      progress(`abstain-reward: building the offline embedding model "use-lite" into ${dir} (first use only, no network)…`);
      // Replace only a stale build; when the folder is simply missing, a concurrent build that lands
      // first wins, so no loader ever sees its folder swapped out from under it.
      const stale = await isDirectory(dir);
      await buildUseLite({ outDir: dir, force: stale, ...(options.env === undefined ? {} : { env: options.env }) });
    }
    return { dir, id };
  }
  if (await isDirectory(dir)) return { dir, id };
  const entry = findManifestEntry(id);
  if (entry === undefined) {
    throw new ModelError(
      `No model folder at ${dir} and "${id}" is not in the manifest. Pass a folder path in the Hugging Face layout, ` +
        "or one of the ids listed by `abstain-reward models list`.",
    );
  }
  throw new ModelError(
    `Model "${id}" is not downloaded yet (expected it in ${dir}). Run \`abstain-reward models pull ${id}\` where ` +
      "huggingface.co is reachable, or copy the model folder there (set ABSTAIN_REWARD_MODELS to change the location).",
  );
}
