// The pure entry must stay pure: no native code and no Node built-ins reachable from "abstain-reward",
// following every chunk the code-split build imports (ESM) or requires (CJS).
import { existsSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

/** The package under test: this checkout, or an installed copy (test/pack/pack-smoke.sh sets it). */
const PKG = process.env.ABSTAIN_REWARD_TEST_PACKAGE ?? ROOT;

const DIST = join(PKG, "dist");

// Static import/export-from, side-effect imports, dynamic import() and require() with a literal.
const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*["']([^"'\n]{1,300})["']/g;

/** Every file reachable from `entry` through relative specifiers, and every bare specifier they use. */
function importGraph(entry: string): { files: string[]; bare: Set<string> } {
  const files: string[] = [];
  const bare = new Set<string>();
  const pending = [join(DIST, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.includes(file)) continue;
    files.push(file);
    for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const specifier = match[1] as string;
      if (specifier.startsWith(".")) {
        const target = join(dirname(file), specifier);
        expect(existsSync(target), `${file} refers to missing ${specifier}`).toBe(true);
        pending.push(target);
      } else bare.add(specifier);
    }
  }
  return { files, bare };
}

const isBuiltin = (specifier: string): boolean =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] as string);

describe("package entries (built dist/)", () => {
  it.each(["index.js", "index.cjs"])("%s reaches neither onnxruntime-node nor Node built-ins, through every chunk", (entry) => {
    const { files, bare } = importGraph(entry);
    expect(files.length).toBeGreaterThan(1); // code-split: the entry imports shared chunks
    expect([...bare].filter(isBuiltin)).toEqual([]);
    expect([...bare].filter((s) => s.includes("onnxruntime"))).toEqual([]);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/onnxruntime/);
  });

  it.each(["models.js", "models.cjs"])("%s is where ONNX Runtime and Node built-ins live", (entry) => {
    const { bare } = importGraph(entry);
    expect([...bare]).toContain("onnxruntime-node");
    expect([...bare].some(isBuiltin)).toBe(true);
  });

  it.each(["build.js", "build.cjs"])("%s (the model build tools) does not reach onnxruntime-node", (entry) => {
    const { files, bare } = importGraph(entry);
    expect([...bare].filter((s) => s.includes("onnxruntime"))).toEqual([]);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/onnxruntime/);
  });

  it("the models subpath loads under require too", () => {
    const require = createRequire(import.meta.url);
    const models = require(join(DIST, "models.cjs")) as Record<string, unknown>;
    expect(typeof models.loadEmbedder).toBe("function");
    expect(typeof models.loadRewarder).toBe("function");
  });

  it("package.json exports every built subpath with types, for both import and require", () => {
    const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")) as {
      exports: Record<string, string | { import: { types: string; default: string }; require: { types: string; default: string } }>;
      sideEffects: unknown;
    };
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./build", "./models", "./package.json", "./worker"]);
    expect(pkg.sideEffects).toBe(false);
    for (const [key, value] of Object.entries(pkg.exports)) {
      if (typeof value === "string") continue;
      for (const path of [value.import.types, value.import.default, value.require.types, value.require.default]) {
        expect(existsSync(join(PKG, path)), `${key}: ${path}`).toBe(true);
      }
    }
  });

  it("ships no source map comment pointing at a file the package does not ship", () => {
    const { files } = importGraph("index.js");
    for (const file of [...files, ...importGraph("index.cjs").files, join(DIST, "cli.js")]) {
      const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, "utf8"));
      if (match) expect(existsSync(join(dirname(file), match[1] as string)), `${file} → ${match[1]}`).toBe(true);
    }
  });
});
