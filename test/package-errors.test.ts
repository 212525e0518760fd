// One error identity across the package: a ModelError thrown by `abstain-reward/models` is an
// instance of the ModelError and RewardError that `abstain-reward` exports, whichever module format
// (ESM or CJS) each side was loaded in. Runs against the built dist/.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./worker-build.js";

/** The package under test: this checkout, or an installed copy (test/pack/pack-smoke.sh sets it). */
const PKG = process.env.ABSTAIN_REWARD_TEST_PACKAGE ?? ROOT;

interface ErrorsApi {
  RewardError: new (code: "internal", message: string) => Error & { code: string };
  InputError: new (message: string) => Error;
  ModelError: new (message: string) => Error;
  validateSamples: (samples: unknown) => unknown;
}
interface ModelsApi {
  loadEmbedder: (options: { model: string; device: "cpu"; log: () => void }) => Promise<unknown>;
}
interface BuildApi {
  buildUseLite: (options: { weightsDir: string; outDir: string; force: true }) => Promise<unknown>;
}

const require = createRequire(import.meta.url);
const dist = (file: string): string => join(PKG, "dist", file);
const entries: Record<"esm" | "cjs", { index: ErrorsApi; models: ModelsApi; build: BuildApi }> = {} as never;

beforeAll(async () => {
  entries.esm = {
    index: (await import(pathToFileURL(dist("index.js")).href)) as ErrorsApi,
    models: (await import(pathToFileURL(dist("models.js")).href)) as ModelsApi,
    build: (await import(pathToFileURL(dist("build.js")).href)) as BuildApi,
  };
  entries.cjs = {
    index: require(dist("index.cjs")) as ErrorsApi,
    models: require(dist("models.cjs")) as ModelsApi,
    build: require(dist("build.cjs")) as BuildApi,
  };
});

async function modelError(models: ModelsApi): Promise<unknown> {
  try {
    await models.loadEmbedder({ model: join(ROOT, "no-such-model-folder"), device: "cpu", log: () => undefined });
  } catch (error) {
    return error;
  }
  throw new Error("loadEmbedder accepted a folder that does not exist.");
}

/** The converter pointed at a folder without TF.js weights: a ModelError from the build entry. */
async function buildError(build: BuildApi): Promise<unknown> {
  try {
    await build.buildUseLite({ weightsDir: join(ROOT, "no-such-weights-folder"), outDir: join(ROOT, "no-such-model-folder"), force: true });
  } catch (error) {
    return error;
  }
  throw new Error("buildUseLite accepted a weights folder that does not exist.");
}

function inputError(index: ErrorsApi): unknown {
  try {
    index.validateSamples([{ response: 42, answerable: true }]);
  } catch (error) {
    return error;
  }
  throw new Error("validateSamples accepted a numeric response.");
}

const FORMATS = ["esm", "cjs"] as const;
const PAIRS = FORMATS.flatMap((thrower) => FORMATS.map((catcher) => [thrower, catcher] as const));

describe("errors across entries and module formats (built dist/)", () => {
  it.each(PAIRS)("a ModelError from %s models is a ModelError and RewardError of %s index", async (thrower, catcher) => {
    const error = await modelError(entries[thrower].models);
    const { ModelError, RewardError, InputError } = entries[catcher].index;
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toBeInstanceOf(RewardError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error).toMatchObject({ name: "ModelError", code: "model_error" });
  });

  it.each(PAIRS)("a ModelError from %s build is a ModelError and RewardError of %s index", async (thrower, catcher) => {
    const error = await buildError(entries[thrower].build);
    const { ModelError, RewardError, InputError } = entries[catcher].index;
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toBeInstanceOf(RewardError);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error).toMatchObject({ name: "ModelError", code: "model_error" });
    expect((error as Error).message).toMatch(/^Could not read model\.json of the TF\.js weights in .*; expected the dist folder of/);
  });

  it.each(PAIRS)("an InputError from %s index is an InputError of %s index, and not a ModelError", (thrower, catcher) => {
    const error = inputError(entries[thrower].index);
    const { ModelError, RewardError, InputError } = entries[catcher].index;
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(RewardError);
    expect(error).not.toBeInstanceOf(ModelError);
  });

  it.each(FORMATS)("the %s entries share one module: the thrown error's class is the exported class itself", async (format) => {
    const error = (await modelError(entries[format].models)) as object;
    expect(Object.getPrototypeOf(error).constructor).toBe(entries[format].index.ModelError);
    if (format === "esm") {
      // ESM is code-split (one copy of the errors module); each CJS entry is one file, held together by the brand.
      const fromBuild = (await buildError(entries[format].build)) as object;
      expect(Object.getPrototypeOf(fromBuild).constructor).toBe(entries[format].index.ModelError);
    }
  });

  it.each(FORMATS)("%s: plain errors and look-alikes without the brand are not RewardErrors", (format) => {
    const { RewardError, ModelError } = entries[format].index;
    expect(new Error("x")).not.toBeInstanceOf(RewardError);
    expect(Object.assign(new Error("x"), { name: "ModelError", code: "model_error" })).not.toBeInstanceOf(ModelError);
    expect(null).not.toBeInstanceOf(RewardError);
    expect("ModelError").not.toBeInstanceOf(ModelError);
  });

  it.each(FORMATS)("%s: a caller's own subclass keeps plain prototype instanceof", (format) => {
    const { RewardError } = entries[format].index;
    class AppError extends RewardError {}
    const own = new AppError("internal", "Something of the caller's own failed.");
    expect(own).toBeInstanceOf(AppError);
    expect(own).toBeInstanceOf(RewardError);
    expect(new RewardError("internal", "A library error.")).not.toBeInstanceOf(AppError);
  });

  it("the brand stays out of JSON and object keys", async () => {
    const error = (await modelError(entries.esm.models)) as object;
    expect(Object.keys(error).sort()).toEqual(["code", "name"]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: "model_error", name: "ModelError" });
    const brand = Object.getOwnPropertyDescriptor(error, Symbol.for("abstain-reward.error-kinds"));
    expect(brand).toMatchObject({ enumerable: false, value: ["RewardError", "ModelError"] });
  });
});
