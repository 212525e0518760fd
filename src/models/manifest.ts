import { z } from "zod";
import { InputError, ModelError } from "../errors.js";
// Bundled at build time, so the published package needs no path arithmetic to find it.
import manifestJson from "../../models/manifest.json" with { type: "json" };

/** Roles a model can play. */
export const MODEL_ROLES = ["embedding", "nli"] as const;
/** A model's role: sentence embeddings or NLI. */
export type ModelRole = (typeof MODEL_ROLES)[number];

const fileSchema = z.strictObject({
  path: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});

const sourceSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("convert"), package: z.string(), version: z.string() }),
  z.strictObject({ type: z.literal("huggingface"), repo: z.string(), revision: z.string() }),
]);

/** Schema of one `models/manifest.json` entry; unknown keys fail loudly. */
export const manifestEntrySchema = z.strictObject({
  id: z.string().min(1),
  role: z.enum(MODEL_ROLES),
  default: z.boolean(),
  description: z.string(),
  source: sourceSchema,
  license: z.string(),
  files: z.array(fileSchema).min(1),
});

/** Schema of one fitted scorer parameter file beside the models (e.g. the clarification scorer). */
export const scorerEntrySchema = z.strictObject({
  id: z.string().min(1),
  version: z.number().int().positive(),
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  description: z.string(),
});

/** Schema of `models/manifest.json`. */
export const manifestSchema = z.strictObject({
  version: z.literal(1),
  models: z.array(manifestEntrySchema),
  scorers: z.array(scorerEntrySchema).optional(),
});

/** One model of the manifest. */
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
/** The parsed `models/manifest.json`. */
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Parses and validates a manifest (the bundled one by default).
 * @param value - Parsed JSON to validate.
 * @returns The manifest.
 * @example
 * loadManifest().models.map((m) => m.id); // → ["use-lite", "Xenova/all-MiniLM-L6-v2", …]
 */
export function loadManifest(value: unknown = manifestJson): Manifest {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ModelError(`models/manifest.json is invalid (${detail}). Restore it from the package.`);
  }
  return parsed.data;
}

/**
 * Finds a manifest entry by id.
 * @param id - Manifest id, e.g. `use-lite`.
 * @param manifest - Manifest to search.
 * @returns The entry, or `undefined` when the id is not listed.
 * @example
 * findManifestEntry("use-lite")?.role; // → "embedding"
 */
export function findManifestEntry(id: string, manifest: Manifest = loadManifest()): ManifestEntry | undefined {
  return manifest.models.find((m) => m.id === id);
}

/**
 * Like {@link findManifestEntry} but fails with the list of known ids.
 * @param id - Manifest id.
 * @param manifest - Manifest to search.
 * @returns The entry.
 * @example
 * requireManifestEntry("Xenova/nli-deberta-v3-xsmall").role; // → "nli"
 */
export function requireManifestEntry(id: string, manifest: Manifest = loadManifest()): ManifestEntry {
  const entry = findManifestEntry(id, manifest);
  if (entry === undefined) {
    throw new InputError(
      `Unknown model id "${id}"; the manifest lists ${manifest.models.map((m) => `"${m.id}"`).join(", ")}. ` +
        "Run `abstain-reward models list`, or pass a model folder path instead.",
    );
  }
  return entry;
}
