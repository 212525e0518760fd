import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadManifest, type ManifestEntry } from "./manifest.js";
import { modelCacheDir, pathExists, type Env } from "./model-paths.js";

/** Written beside pulled files: the sha256 seen at download time, for files the manifest cannot vouch for. */
export const LOCK_FILE = "abstain-reward.lock.json";

/** Contents of {@link LOCK_FILE}. */
export interface LockFile {
  id: string;
  source: ManifestEntry["source"];
  /** Relative path → sha256 (hex). */
  files: Record<string, string>;
}

/** Outcome of one file or model check. */
export const VERIFY_STATUSES = ["ok", "not-installed", "missing-file", "mismatch", "unverifiable"] as const;
/** Outcome of verifying a file or model. */
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** Result of verifying one model. */
export interface VerifyResult {
  id: string;
  dir: string;
  /** The worst status among the files (`not-installed` when the folder is absent). */
  status: VerifyStatus;
  files: { path: string; status: VerifyStatus; expected: string | null; actual: string | null }[];
}

async function readLock(dir: string): Promise<LockFile | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")) as LockFile;
  } catch {
    return undefined;
  }
}

const SEVERITY: readonly VerifyStatus[] = ["ok", "unverifiable", "not-installed", "missing-file", "mismatch"];

/**
 * Checks the installed models against the manifest's sha256 (or, for files the manifest has no
 * hash for, against the lock file written when they were pulled).
 * @param options - Environment for the cache location; `ids` to check only some models.
 * @returns One result per manifest model.
 * @example
 * const results = await verifyModels();
 * results.filter((r) => r.status === "mismatch");
 */
export async function verifyModels(options: { env?: Env; ids?: readonly string[] } = {}): Promise<VerifyResult[]> {
  const manifest = loadManifest();
  const entries = manifest.models.filter((m) => options.ids === undefined || options.ids.includes(m.id));
  const results: VerifyResult[] = [];
  for (const entry of entries) {
    const dir = modelCacheDir(entry.id, options.env);
    if (!(await pathExists(dir))) {
      results.push({ id: entry.id, dir, status: "not-installed", files: [] });
      continue;
    }
    const lock = await readLock(dir);
    const files: VerifyResult["files"] = [];
    for (const file of entry.files) {
      const expected = file.sha256 ?? lock?.files[file.path] ?? null;
      let actual: string | null = null;
      try {
        actual = createHash("sha256")
          .update(await readFile(join(dir, file.path)))
          .digest("hex");
      } catch {
        files.push({ path: file.path, status: "missing-file", expected, actual });
        continue;
      }
      const status: VerifyStatus = expected === null ? "unverifiable" : expected === actual ? "ok" : "mismatch";
      files.push({ path: file.path, status, expected, actual });
    }
    const status = files.reduce<VerifyStatus>(
      (worst, f) => (SEVERITY.indexOf(f.status) > SEVERITY.indexOf(worst) ? f.status : worst),
      "ok",
    );
    results.push({ id: entry.id, dir, status, files });
  }
  return results;
}
