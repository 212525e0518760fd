// Every TypeScript example in README.md, run as written against the built package: extracted from
// the README, type-checked by tsc under the strictest settings users run, executed with tsx, and
// its printed output compared with the README's `// → …` comments. If this fails, the README lies.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

/** The package under test: this checkout, or an installed copy (test/pack/pack-smoke.sh sets it). */
const PKG = process.env.ABSTAIN_REWARD_TEST_PACKAGE ?? ROOT;
const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");
const TSX = join(dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs");

/** The ```ts blocks of a Markdown text, in order. */
function tsBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] as string);
  return blocks;
}

/** The outputs a block promises, from its `// → …` comments, in order. */
function promisedOutputs(block: string): string[] {
  return block.split("\n").flatMap((line) => {
    const match = /\/\/ → (.+)$/.exec(line);
    return match ? [(match[1] as string).trim()] : [];
  });
}

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const blocks = tsBlocks(README);
const work = mkdtempSync(join(tmpdir(), "abstain-readme-"));
const project = join(work, "project");
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(project, "node_modules"), { recursive: true });
  symlinkSync(PKG, join(project, "node_modules", "abstain-reward"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme-examples", private: true, type: "module" }));
  blocks.forEach((block, index) => {
    writeFileSync(join(project, `example-${index + 1}.ts`), block);
  });
});

describe("README.md TypeScript examples, run as written", () => {
  it("the README has its examples, each promising some output", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(promisedOutputs(block).length).toBeGreaterThan(0);
  });

  it("every example type-checks (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)", () => {
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noEmit: true,
      target: "es2022",
      module: "node16",
      moduleResolution: "node16",
      types: ["node"],
      typeRoots: [join(ROOT, "node_modules", "@types")],
      skipLibCheck: true,
    };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["example-*.ts"] }));
    const run = spawnSync(process.execPath, [TSC, "-p", project], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it.each(blocks.map((block, index) => [index + 1, block] as const))(
    "example %i runs and prints what its comments promise",
    (index, block) => {
      const run = spawnSync(process.execPath, [TSX, `example-${index}.ts`], {
        cwd: project,
        encoding: "utf8",
        // A private model folder: the offline model is built there on first use, as on a fresh machine.
        env: { ...process.env, ABSTAIN_REWARD_MODELS: join(work, "models") },
      });
      expect(run.status, run.stderr).toBe(0);
      const printed = run.stdout.split("\n");
      // The promised lines appear in order (other lines may sit between them).
      let at = 0;
      for (const promised of promisedOutputs(block)) {
        const found = printed.indexOf(promised, at);
        expect(found, `README promises "${promised}"; the example printed:\n${run.stdout}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    },
  );
});
