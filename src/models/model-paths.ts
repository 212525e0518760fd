import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../errors.js";

/** Environment variable that moves the model cache (air-gapped installs, CI caches). */
export const MODELS_ENV = "ABSTAIN_REWARD_MODELS";

/** The environment as this module reads it; passed in so tests never touch the real one. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Returns the root of the model cache: `$ABSTAIN_REWARD_MODELS`, else `~/.cache/abstain-reward/models`.
 * Outside the repository on purpose: built weights are 28 MB and must never be committed.
 * @param env - Environment to read (defaults to `process.env`).
 * @returns An absolute folder path (not created).
 * @example
 * modelsRoot({ ABSTAIN_REWARD_MODELS: "/data/models" }); // → "/data/models"
 */
export function modelsRoot(env: Env = process.env): string {
  const configured = env[MODELS_ENV];
  if (configured !== undefined && configured.trim() !== "") return resolve(configured);
  const cacheHome = env.XDG_CACHE_HOME;
  const base = cacheHome !== undefined && cacheHome.trim() !== "" ? cacheHome : join(homedir(), ".cache");
  return join(base, "abstain-reward", "models");
}

/**
 * Returns the cache folder of one model id (`Xenova/all-MiniLM-L6-v2` keeps its slash as a sub-folder).
 * @param id - A manifest id.
 * @param env - Environment to read.
 * @returns The folder where the model lives or will be written.
 * @example
 * modelCacheDir("use-lite"); // → "~/.cache/abstain-reward/models/use-lite"
 */
export function modelCacheDir(id: string, env: Env = process.env): string {
  if (!/^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/.test(id) || id.includes("..")) {
    throw new InputError(
      `Model id "${id}" is not a valid id; expected a name like "use-lite" or "owner/name". ` +
        "Pass a folder path instead if the model is stored elsewhere.",
    );
  }
  return join(modelsRoot(env), ...id.split("/"));
}

/**
 * Tells whether a path exists.
 * @param path - File or folder.
 * @returns `true` when `stat` succeeds.
 * @example
 * await pathExists("/tmp"); // → true
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a folder atomically: `fill` writes into a temporary sibling that is renamed into place,
 * so a killed build never leaves a half model where the loader would find it.
 * @param target - Final folder path.
 * @param fill - Writes the folder's contents into the temporary folder it is given.
 * @param replace - Replace an existing folder (otherwise an existing one wins a race).
 * @returns Resolves once the folder is in place.
 * @example
 * await writeFolderAtomically("/cache/use-lite", async (tmp) => writeFile(join(tmp, "x"), "1"));
 */
export async function writeFolderAtomically(target: string, fill: (tmpDir: string) => Promise<void>, replace = false): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.tmp-${randomBytes(6).toString("hex")}`);
  await mkdir(tmp);
  try {
    await fill(tmp);
    if (await pathExists(target)) {
      if (!replace) return;
      const old = `${tmp}-old`;
      await rename(target, old);
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
      return;
    }
    try {
      await rename(tmp, target);
    } catch (error) {
      // Another process finished the same build first; its complete folder is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
