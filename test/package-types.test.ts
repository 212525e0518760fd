// TypeScript users resolve every subpath's types, whatever `moduleResolution` they use: `node10`
// (no `exports` support; served by `typesVersions`), `node16` for ESM and CJS, and `bundler`. Each
// case is a tiny consumer project type-checked by tsc against the built package.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

/** The package under test: this checkout, or an installed copy (test/pack/pack-smoke.sh sets it). */
const PKG = process.env.ABSTAIN_REWARD_TEST_PACKAGE ?? ROOT;
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "abstain-types-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Uses a value and a type from each entry, so a wrong or missing declaration file fails to compile.
const CONSUMER = `
import { scoreAnswer, ModelError, type RewardResult } from "abstain-reward";
import { loadRewarder, type LoadRewarderOptions } from "abstain-reward/models";
import { createLineReader, type WorkerRequest } from "abstain-reward/worker";
import { buildUseLite, type TokenEncoder } from "abstain-reward/build";

const score: number | null = scoreAnswer("\\\\boxed{2}", "2").score;
const options: LoadRewarderOptions = { preset: "abstain-r1" };
const load: (o: LoadRewarderOptions) => Promise<unknown> = loadRewarder;
const request: WorkerRequest | undefined = undefined;
const reader: unknown = createLineReader;
const result: RewardResult | undefined = undefined;
const build: (o: { outDir?: string }) => Promise<{ dir: string }> = buildUseLite;
const encoder: TokenEncoder | undefined = undefined;
export const all = [score, options, load, request, reader, result, ModelError, build, encoder];
`;

const CASES = [
  { name: "node10 + commonjs", module: "commonjs", moduleResolution: "node10", type: "commonjs" },
  { name: "node16 + CJS", module: "node16", moduleResolution: "node16", type: "commonjs" },
  { name: "node16 + ESM", module: "node16", moduleResolution: "node16", type: "module" },
  { name: "bundler", module: "esnext", moduleResolution: "bundler", type: "module" },
] as const;

function consumer(name: string, settings: (typeof CASES)[number]): string {
  const dir = join(work, name.replace(/\W+/g, "-"));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(PKG, join(dir, "node_modules", "abstain-reward"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: settings.type }));
  writeFileSync(join(dir, "index.ts"), CONSUMER);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "es2022",
    module: settings.module,
    moduleResolution: settings.moduleResolution,
    // node10 is deprecated in TypeScript 5.x and still what many projects run.
    ...(settings.moduleResolution === "node10" ? { ignoreDeprecations: "5.0" } : {}),
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules", "@types")],
    esModuleInterop: true,
    // Third-party declaration files are not ours to check; unresolved imports in index.ts still fail.
    skipLibCheck: true,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts"] }));
  return dir;
}

describe("types resolve for every subpath (built package)", () => {
  it.each(CASES)("$name", (settings) => {
    const dir = consumer(settings.name, settings);
    const run = spawnSync(process.execPath, [TSC, "-p", dir], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
