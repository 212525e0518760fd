import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/quality/lib → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** Shared data beside the repository, never copied into it. */
export const DATA_DIR = resolve(REPO_ROOT, "../shared/data");
export const RESULTS_DIR = join(REPO_ROOT, "bench/results");
export const QUALITY_DOC = join(REPO_ROOT, "docs/quality.md");

/** Reads a JSON-lines data file, or returns null (with a message) when the data is absent. */
export function readJsonl<T>(name: string): T[] | null {
  const path = join(DATA_DIR, name);
  if (!existsSync(path)) {
    console.error(`skip: ${path} is absent (the shared data lives beside the repository, never inside it).`);
    return null;
  }
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** FNV-1a (32-bit) of a string: a split or bag that depends on nothing but an id. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Deterministic PRNG (mulberry32) so every run draws the same samples. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes bench/results/<name>.json and .md. */
export function writeResults(name: string, json: unknown, markdown: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${name}.md`), `${markdown.trim()}\n`);
}

/**
 * Replaces (or appends) one `## Heading` section of docs/quality.md, leaving every other section
 * (other engineers write theirs) untouched.
 */
export function writeDocSection(heading: string, body: string): void {
  mkdirSync(dirname(QUALITY_DOC), { recursive: true });
  const doc = existsSync(QUALITY_DOC)
    ? readFileSync(QUALITY_DOC, "utf8")
    : "# Quality\n\nMeasured on the shared dev data by `npx tsx bench/quality/run.ts`.\n";
  const lines = doc.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  const section = [`## ${heading}`, "", body.trim(), ""];
  if (start === -1) {
    writeFileSync(QUALITY_DOC, `${doc.trimEnd()}\n\n${section.join("\n")}`);
    return;
  }
  let end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  if (end === -1) end = lines.length;
  lines.splice(start, end - start, ...section);
  writeFileSync(QUALITY_DOC, `${lines.join("\n").trimEnd()}\n`);
}

/** ROC AUC by the rank-sum (Mann–Whitney) statistic; ties count half. */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

export function rate(values: readonly boolean[]): number {
  return values.length === 0 ? Number.NaN : values.filter(Boolean).length / values.length;
}

export function pct(value: number, digits = 1): string {
  return Number.isNaN(value) ? "n/a" : `${(value * 100).toFixed(digits)}%`;
}
