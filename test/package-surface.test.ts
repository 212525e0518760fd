import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The public surface of each entry, recorded: adding or removing an export is a decision, made by
 * editing this list in the same change (internals such as the phrase table, the fitted scorer's
 * parameters and the validated-sample entry point are not exported).
 */
const SURFACE: Record<string, readonly string[]> = {
  "abstain-reward": [
    "ABSTENTION_KINDS",
    "ANSWER_METHODS",
    "ANSWER_TYPES",
    "CLARIFICATION_STATUSES",
    "COMPAT_MODES",
    "DEFAULT_SCORE_ANSWER_OPTIONS",
    "DEFAULT_WEIGHTS",
    "ERROR_CODES",
    "FACT_KINDS",
    "FixtureCaseSchema",
    "GROUNDING_CHECKS",
    "InputError",
    "MATCH_TYPES",
    "ModelError",
    "PERCENT_MODES",
    "PRESETS",
    "REWARD_REASONS",
    "RewardError",
    "SELFAWARE_REFERENCE_SENTENCES",
    "SampleSchema",
    "TEMPLATES",
    "answersMatch",
    "checkRewardFixtures",
    "clarificationAwareReward",
    "containsIdk",
    "createClarificationVerifier",
    "createRewarder",
    "deriveMissingFacts",
    "deriveMissingFactsDetailed",
    "detectAbstention",
    "detectAbstentionAsync",
    "extractAnswer",
    "extractClarification",
    "extractSlots",
    "findBoxes",
    "findIdkBoxes",
    "isIdkBox",
    "isParsedGold",
    "lastBox",
    "parseFixtures",
    "parseGold",
    "parseResponse",
    "planClarification",
    "resolveRewardOptions",
    "resolveScoreAnswerOptions",
    "scoreAnswer",
    "scoreBatch",
    "scoreClarification",
    "validateSamples",
  ],
  "abstain-reward/models": [
    "DEFAULT_NLI_MODEL",
    "DEVICES",
    "EXECUTION_PROVIDERS",
    "LruCache",
    "MODELS_ENV",
    "MODEL_ROLES",
    "ModelRuntime",
    "OnnxEmbedder",
    "OnnxNliModel",
    "cosine",
    "findManifestEntry",
    "l2Normalize",
    "loadEmbedder",
    "loadManifest",
    "loadNli",
    "loadOrt",
    "loadRewarder",
    "manifestSchema",
    "meanPool",
    "modelCacheDir",
    "modelsRoot",
    "pullModel",
    "readModelFolder",
    "resolveExecutionProviders",
    "softmax",
    "verifyModels",
  ],
  "abstain-reward/build": [
    "USE_LITE_DIMENSION",
    "USE_LITE_ID",
    "USE_LITE_MAX_TOKENS",
    "UseLiteTokenizer",
    "buildUseLite",
    "createTokenEncoder",
  ],
  "abstain-reward/worker": [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_LINE_BYTES",
    "DEFAULT_MAX_PENDING_REQUESTS",
    "DEFAULT_MICRO_BATCHER_OPTIONS",
    "GetRewardRequestSchema",
    "GetRewardResponseSchema",
    "HTTP_ERROR_CODES",
    "HealthResponseSchema",
    "HttpErrorResponseSchema",
    "LINE_HEAD_BYTES",
    "RequestEnvelopeSchema",
    "RequestIdSchema",
    "RewardComponentsSchema",
    "RewardDetailsSchema",
    "RewardLabelSchema",
    "RewardResultSchema",
    "ScoreRequestSchema",
    "ScoreResponseSchema",
    "WORKER_ERROR_CODES",
    "WorkerErrorResponseSchema",
    "WorkerErrorSchema",
    "WorkerIssueSchema",
    "WorkerReadySchema",
    "WorkerRequestSchema",
    "WorkerResponseSchema",
    "WorkerResultResponseSchema",
    "WorkerResultsResponseSchema",
    "createLineReader",
    "createMicroBatcher",
    "createRequestHandler",
    "createRewardServer",
    "getRewardResponse",
    "responseFromQuery",
    "runStdioWorker",
    "samplesFromGetReward",
    "toWorkerError",
    "workerProtocolJsonSchema",
  ],
};

const ENTRIES: Record<string, () => Promise<Record<string, unknown>>> = {
  "abstain-reward": () => import("../src/index.js"),
  "abstain-reward/models": () => import("../src/models/index.js"),
  "abstain-reward/worker": () => import("../src/entries/worker.js"),
  "abstain-reward/build": () => import("../src/entries/build.js"),
};

describe("public surface", () => {
  it.each(Object.keys(SURFACE))("%s exports exactly the recorded names", async (entry) => {
    const load = ENTRIES[entry];
    if (load === undefined) throw new Error(`no loader for ${entry}`);
    const names = Object.keys(await load()).sort();
    expect(names).toEqual([...(SURFACE[entry] ?? [])].sort());
  });

  it("package.json exports (and typesVersions, for node10 resolution) exactly the recorded entries", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      name: string;
      exports: Record<string, unknown>;
      typesVersions: { "*": Record<string, string[]> };
    };
    const subpaths = Object.keys(pkg.exports).filter((key) => key !== "./package.json");
    expect(subpaths.map((key) => (key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`)).sort()).toEqual(Object.keys(SURFACE).sort());
    const typed = Object.keys(pkg.typesVersions["*"]).map((key) => `./${key}`);
    expect(typed.sort()).toEqual(subpaths.filter((key) => key !== ".").sort());
  });

  it("keeps internals out of the pure entry", async () => {
    const names = Object.keys(await import("../src/index.js"));
    for (const internal of ["PHRASE_FAMILIES", "scoreValidatedSamples", "CLARIFICATION_SCORER", "runPureChecks"]) {
      expect(names).not.toContain(internal);
    }
  });
});
