import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// The library's four entries. ESM is code-split, so `abstain-reward`, `/models`, `/worker` and `/build` share
// one copy of each module (one set of error classes, one `instanceof`). CJS stays one file per entry
// (esbuild cannot split CJS); the errors carry a `Symbol.for` brand so the CJS copies, and CJS vs
// ESM, still agree on `instanceof` (src/errors.ts).
const library: Options = {
  entry: {
    index: "src/index.ts",
    worker: "src/entries/worker.ts",
    models: "src/models/index.ts",
    build: "src/entries/build.ts",
  },
  // import.meta.url in the CJS build (the models entry resolves its weight package from it).
  shims: true,
  format: ["esm", "cjs"],
  splitting: true,
  dts: true,
  // No source maps: the tarball ships no src/, and dist/ is unminified, readable code already.
  sourcemap: false,
  clean: true,
  target: "node20",
  external: ["onnxruntime-node"],
};

// One build for the library (ESM + CJS with types) and one for the CLI (ESM, shebang).
export default defineConfig([
  library,
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    define: { __VERSION__: JSON.stringify(version) },
    external: ["onnxruntime-node"],
  },
]);
