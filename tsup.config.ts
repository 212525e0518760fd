import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// One build for the library (ESM + CJS with types) and one for the CLI (ESM, shebang).
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      worker: "src/worker/index.ts",
      models: "src/models/index.ts",
    },
    // import.meta.url in the CJS build (the models entry resolves its weight package from it).
    shims: true,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    splitting: false,
    external: ["onnxruntime-node"],
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    define: { __VERSION__: JSON.stringify(version) },
    external: ["onnxruntime-node"],
  },
]);
