// The pure entry must stay pure: no native code, no node:* modules reachable from "abstain-reward".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

const read = (name: string): string => readFileSync(`${ROOT}/dist/${name}`, "utf8");

describe("package entries (built dist/)", () => {
  it.each(["index.js", "index.cjs"])("%s imports neither onnxruntime-node nor node:* modules", (file) => {
    const code = read(file);
    expect(code).not.toMatch(/onnxruntime/);
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });

  it("the models subpath is where ONNX Runtime lives, and it loads under require too", () => {
    expect(read("models.js")).toMatch(/onnxruntime-node/);
    const require = createRequire(import.meta.url);
    const models = require(`${ROOT}/dist/models.cjs`) as Record<string, unknown>;
    expect(typeof models.loadEmbedder).toBe("function");
    expect(typeof models.loadRewarder).toBe("function");
  });

  it("package.json exports every built subpath with types", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./models", "./package.json", "./worker"]);
    for (const name of ["index", "models", "worker"]) {
      expect(read(`${name}.d.ts`).length).toBeGreaterThan(0);
    }
  });
});
