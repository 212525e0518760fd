import { defineConfig } from "tsup";

// One build for the library (ESM + CJS with types) and one for the CLI (ESM, shebang).
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
    },
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
    external: ["onnxruntime-node"],
  },
]);
