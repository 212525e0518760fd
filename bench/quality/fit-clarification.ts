/**
 * Refits the clarification scorer on the FIT split only (UMWP fit stories, even SUM items, even
 * qaqa/falseqa rows; see lib/all-cases.ts) and prints the result:
 * `npx tsx bench/quality/fit-clarification.ts [--write] [--nli <model folder>]`.
 * `--write` rewrites models/clarification-scorer.json (version + 1 when the fit changed) and its sha256 in
 * models/manifest.json. `--nli` also fits the NLI calibration (the features plus entailment, its
 * own threshold) for that model. Held-out rows are never read here.
 *
 * Model: the average of BAGS gradient-boosted ensembles of depth-4 trees (lib/boost.ts,
 * baggedBoost), each fitted without one bag of stories or items, on the weighted logistic loss, every (set,
 * kind) group weighted equally within the negatives of its set, positives and negatives of a set
 * weighted equally, sets weighted equally; the copied share is applied on top (a copy of the
 * question can only lower a score). Threshold: the highest one at which own clarifications are
 * verified on >= 85% of the fit rows plus one standard error on average over the sets, no set
 * below 80% (see chooseThreshold), judged on OUT-OF-FOLD scores
 * (4 folds of the fit rows, a UMWP story or an item never split; see crossValidatedScores), each
 * set's rate averaged over 3 fold splits: the trees score the rows they were fitted on
 * optimistically, so a threshold chosen on those scores verifies fewer own clarifications on rows
 * it has not seen, and one split's noise moves the highest qualifying threshold.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEmbedder, loadNli } from "../../src/models/index.js";
import { planClarification, factHypothesis } from "../../src/clarification/clarification-plan.js";
import { CLARIFICATION_FEATURES } from "../../src/clarification/clarification-model.js";
import { ensembleScore } from "../../src/clarification/tree-ensemble.js";
import type { TreeEnsemble } from "../../src/clarification/tree-ensemble.js";
import { BAGS, baggedBoost } from "./lib/boost.js";
import { loadBenchCases, REPORT_ONLY_KINDS } from "./lib/all-cases.js";
import type { BenchCase } from "./lib/all-cases.js";
import { computeFeatures } from "./lib/features.js";
import { auc, fnv1a, REPO_ROOT } from "./lib/data.js";

/** Own clarifications must be verified on at least this share of the fit rows, averaged over the sets (the issue's own-verified target). */
export const OWN_VERIFIED_TARGET = 0.85;
/** No set's own clarifications may fall below this share at the threshold (see chooseThreshold). */
export const SET_FLOOR = 0.8;

/** Row weights: sets equal; within a set positives and negatives equal; negative kinds equal. */
export function weighRows(cases: readonly { set: string; kind: string }[]): number[] {
  const count = new Map<string, number>();
  const kinds = new Map<string, Set<string>>();
  for (const c of cases) {
    count.set(`${c.set}|${c.kind}`, (count.get(`${c.set}|${c.kind}`) ?? 0) + 1);
    if (c.kind !== "positive") kinds.set(c.set, (kinds.get(c.set) ?? new Set()).add(c.kind));
  }
  const sets = new Set(cases.map((c) => c.set)).size;
  return cases.map((c) => {
    const n = count.get(`${c.set}|${c.kind}`) ?? 1;
    const share = c.kind === "positive" ? 1 : 1 / (kinds.get(c.set)?.size ?? 1);
    return share / n / sets;
  });
}

/**
 * One standard error of a mean of per-set rates that each sit at `rate`, with the sets' sizes: how
 * far such a mean moves between samples of the same kind.
 * @param rate - The rate, in [0, 1].
 * @param sizes - The number of rows behind each set's rate.
 * @returns The standard error.
 * @example
 * meanRateError(0.85, [334, 71, 50, 50]); // ≈ 0.021
 */
export function meanRateError(rate: number, sizes: readonly number[]): number {
  if (sizes.length === 0) return 0;
  const variance = sizes.reduce((sum, n) => sum + (rate * (1 - rate)) / Math.max(1, n), 0);
  return Math.sqrt(variance) / sizes.length;
}

/**
 * The threshold: the HIGHEST one on a 0.01 grid in [0.2, 0.95] at which own clarifications are
 * verified on at least {@link OWN_VERIFIED_TARGET} plus one standard error ({@link meanRateError})
 * of the given rows on average over the sets, and on at least {@link SET_FLOOR} of every set. The
 * standard error is a margin: a threshold at which the fit rows only just reach the target misses it
 * on about half of the samples of new questions (sixth round). Missing the bonus on good behaviour is the defect the
 * issue opens with; among the thresholds that keep it, the highest passes the fewest negatives. The
 * negatives' pass rates at that threshold are reported, not constrained. The average, not the
 * weakest set: with 50 positives in the smallest set one row moves it 2 points, and the threshold
 * it chose swung between 0.46 and 0.67 across refits of equal quality (docs/decisions.md, fourth
 * round). When no threshold qualifies, the lowest grid value. The scores come as one list per fold
 * split (one list for one split), and each set's rate is their average (twenty-fourth round: with
 * one split the threshold moved between 0.71 and 0.76 across refits that changed a handful of rows).
 * @param cases - The fit rows (set and kind).
 * @param lists - Scores of those rows, one list per fold split.
 * @returns The threshold.
 */
export function chooseThreshold(cases: readonly { set: string; kind: string }[], lists: readonly (readonly number[])[]): number {
  // Several score lists (out-of-fold scores of several fold splits) are averaged rate by rate; the
  // margin stays that of one list, as they score the same rows.
  const positives = new Map<string, number[][]>();
  cases.forEach((c, i) => {
    if (c.kind !== "positive") return;
    const entry = positives.get(c.set) ?? lists.map(() => []);
    for (const [k, list] of lists.entries()) entry[k]?.push(list[i] ?? 0);
    positives.set(c.set, entry);
  });
  const sets = [...positives.values()];
  const required =
    OWN_VERIFIED_TARGET +
    meanRateError(
      OWN_VERIFIED_TARGET,
      sets.map((values) => values[0]?.length ?? 0),
    );
  for (let step = 95; step >= 20; step -= 1) {
    const t = step / 100;
    const rates = sets.map(
      (values) => values.reduce((sum, list) => sum + list.filter((s) => s >= t).length / Math.max(1, list.length), 0) / values.length,
    );
    const mean = rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, rates.length);
    if (mean >= required - 1e-9 && Math.min(...rates) >= SET_FLOOR - 1e-9) return t;
  }
  return 0.2;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Folds of the cross-validation inside the fit rows. */
export const FOLDS = 4;
/** Fold splits whose out-of-fold scores the threshold is chosen on (split 0 is the one reported). */
export const FOLD_SPLITS = 3;

/**
 * The fold of a group (a UMWP story or an item) in one fold split: FNV-1a of its id (and the split's
 * number past the first), so a story never straddles folds.
 */
export function foldOf(group: number, split = 0): number {
  return fnv1a(split === 0 ? `fold:${group}` : `fold:${split}:${group}`) % FOLDS;
}

interface FitRow {
  c: BenchCase;
  x: Record<string, number>;
  scale: number;
  w: number;
  /** Fitted on: not a clarification whose sentences stand in for slots (those are scored only). */
  fitted: boolean;
}

/**
 * Out-of-fold scores of the fit rows: each fold scored by trees fitted on the other folds (rows the
 * scorer gates to 0 stay 0). These are the scores the threshold is chosen on.
 */
export function crossValidatedScores(cases: readonly BenchCase[], rows: readonly (FitRow | null)[], split = 0): number[] {
  const scores = cases.map(() => 0);
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const train = rows.flatMap((row) =>
      row === null || !row.fitted || foldOf(row.c.group, split) === fold
        ? []
        : [
            {
              x: CLARIFICATION_FEATURES.map((name) => row.x[name] ?? 0),
              y: row.c.kind === "positive" ? 1 : 0,
              w: row.w,
              group: row.c.group,
            },
          ],
    );
    const ensemble = baggedBoost(train, CLARIFICATION_FEATURES);
    rows.forEach((row, i) => {
      if (row !== null && foldOf(row.c.group, split) === fold) scores[i] = ensembleScore(ensemble, row.x) * row.scale;
    });
  }
  return scores;
}

/**
 * Where own clarifications are lost and negatives pass, on out-of-fold scores at the threshold:
 * own clarifications verified per UMWP category, and per negative kind the pass rate. Printed by
 * the script (a console summary for whoever refits, not a documented figure).
 */
export function confusionSummary(
  cases: readonly BenchCase[],
  scores: readonly number[],
  threshold: number,
  gated: readonly boolean[],
): string[] {
  const lines: string[] = [];
  const groups = new Map<string, { n: number; pass: number; gated: number }>();
  cases.forEach((c, i) => {
    const key = c.kind === "positive" ? `${c.set} own (${c.category})` : `${c.set} ${c.kind}`;
    const entry = groups.get(key) ?? { n: 0, pass: 0, gated: 0 };
    entry.n += 1;
    if ((scores[i] ?? 0) >= threshold) entry.pass += 1;
    if (gated[i] === true) entry.gated += 1;
    groups.set(key, entry);
  });
  for (const [key, entry] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const share = ((100 * entry.pass) / entry.n).toFixed(1);
    lines.push(`${key.padEnd(48)} n ${String(entry.n).padStart(5)}  pass ${share.padStart(5)}%  no usable slot or fact ${entry.gated}`);
  }
  return lines;
}

export interface FitOutput {
  ensemble: TreeEnsemble;
  threshold: number;
  nli: { ensemble: TreeEnsemble; threshold: number; model: string } | null;
  rows: number;
  /** Per set and kind on the fit split (in-sample): AUC against the set's positives and pass rate at the threshold. */
  inSample: Record<string, { n: number; auc: number; pass: number }>;
  /** The same on out-of-fold scores of the fit rows, fold split 0 (the threshold is chosen on every split's). */
  outOfFold: Record<string, { n: number; auc: number; pass: number }>;
  /** Console lines: pass rates per UMWP category (own) and per negative kind, out of fold (split 0). */
  confusion: string[];
  /** The threshold each fold split alone would give (the shipped one averages their rates). */
  splitThresholds: number[];
}

function summarize(cases: readonly { set: string; kind: string }[], scores: readonly number[], threshold: number): FitOutput["inSample"] {
  const out: FitOutput["inSample"] = {};
  const sets = [...new Set(cases.map((c) => c.set))];
  for (const set of sets) {
    const pos = cases.flatMap((c, i) => (c.set === set && c.kind === "positive" ? [scores[i] ?? 0] : []));
    for (const kind of [...new Set(cases.filter((c) => c.set === set).map((c) => c.kind))]) {
      const values = cases.flatMap((c, i) => (c.set === set && c.kind === kind ? [scores[i] ?? 0] : []));
      out[`${set}|${kind}`] = {
        n: values.length,
        auc: round(auc(pos, values)),
        pass: round(values.filter((v) => v >= threshold).length / values.length),
      };
    }
  }
  return out;
}

export async function fitClarification(options: { nli?: string } = {}): Promise<FitOutput | null> {
  const embedder = await loadEmbedder({ device: "cpu" });
  try {
    const all = await loadBenchCases(embedder);
    if (all === null) return null;
    // Unlabelled kinds (a variant's clarification that may be right here too) are never fitted on.
    const cases: BenchCase[] = all.filter((c) => c.split === "fit" && !REPORT_ONLY_KINDS.has(c.kind));
    const features = await computeFeatures(cases, embedder);
    // Clarifications whose sentences stand in for slots are scored with these trees, never fitted on.
    const kept = cases.flatMap((c, i) => {
      const f = features[i];
      return f === undefined || f.x === null || f.sentenceSlots ? [] : [{ c, x: f.x, scale: f.scale }];
    });
    const weights = weighRows(kept.map(({ c }) => c));
    const samples = kept.map(({ c, x }, i) => ({
      x: CLARIFICATION_FEATURES.map((name) => x[name]),
      y: c.kind === "positive" ? 1 : 0,
      w: weights[i] ?? 0,
      group: c.group,
    }));
    const ensemble = baggedBoost(samples, CLARIFICATION_FEATURES);
    const scores = cases.map((_, i) => {
      const f = features[i];
      return f === undefined || f.x === null ? 0 : ensembleScore(ensemble, f.x) * f.scale;
    });
    // The threshold is chosen on out-of-fold scores (in-sample tree scores are optimistic).
    const allWeights = weighRows(cases);
    const rows = cases.map((c, i) => {
      const f = features[i];
      return f === undefined || f.x === null ? null : { c, x: f.x, scale: f.scale, w: allWeights[i] ?? 0, fitted: !f.sentenceSlots };
    });
    const splits = Array.from({ length: FOLD_SPLITS }, (_, split) => crossValidatedScores(cases, rows, split));
    const outOfFold = splits[0] ?? [];
    const threshold = chooseThreshold(cases, splits);
    const confusion = confusionSummary(
      cases,
      outOfFold,
      threshold,
      rows.map((row) => row === null),
    );
    let nli: FitOutput["nli"] = null;
    if (options.nli !== undefined) {
      // Entailment of "the question does not give <fact>" by the clarification as read, max over facts.
      const model = await loadNli({ model: options.nli, device: "cpu" });
      try {
        const pairs = kept.map(({ c }) => {
          const plan = planClarification(c.clarification, c.annotation);
          return plan.facts.map((fact) => [plan.text, factHypothesis(fact.text)] as [string, string]);
        });
        const flat = pairs.flat();
        const probabilities = flat.length === 0 ? [] : await model.classify(flat);
        let at = 0;
        const entail = pairs.map((list) => {
          const values = probabilities.slice(at, at + list.length).map((p) => p.entailment);
          at += list.length;
          return values.length === 0 ? 0 : Math.max(...values);
        });
        const names = [...CLARIFICATION_FEATURES, "entailment"];
        const nliEnsemble = baggedBoost(
          samples.map((s, i) => ({ ...s, x: [...s.x, entail[i] ?? 0] })),
          names,
        );
        const nliScores = kept.map(({ x, scale }, i) => ensembleScore(nliEnsemble, { ...x, entailment: entail[i] ?? 0 }) * scale);
        nli = {
          ensemble: nliEnsemble,
          threshold: chooseThreshold(
            kept.map(({ c }) => c),
            [nliScores],
          ),
          model: model.id,
        };
      } finally {
        await model.dispose();
      }
    }
    return {
      ensemble,
      threshold,
      nli,
      rows: samples.length,
      inSample: summarize(cases, scores, threshold),
      outOfFold: summarize(cases, outOfFold, threshold),
      confusion,
      splitThresholds: splits.map((list) => chooseThreshold(cases, [list])),
    };
  } finally {
    await embedder.dispose();
  }
}

const PARAMS = join(REPO_ROOT, "models/clarification-scorer.json");
const MANIFEST = join(REPO_ROOT, "models/manifest.json");

/**
 * The version a rewritten parameter file gets: the previous one when nothing but the version would
 * change (a rerun that reproduces the shipped fit), the next one otherwise.
 * @param previous - The parameter file on disk.
 * @param next - The new parameters, any version.
 * @returns The version to write.
 * @example
 * nextVersion({ version: 3, threshold: 0.7 }, { version: 0, threshold: 0.7 }); // 3
 */
export function nextVersion(previous: Record<string, unknown> & { version: number }, next: Record<string, unknown>): number {
  const { version, ...before } = previous;
  const { version: _ignored, ...after } = next;
  return JSON.stringify(before) === JSON.stringify(after) ? version : version + 1;
}

/**
 * Writes the parameter file and records its version and sha256 in the manifest. The version moves
 * only when the fit differs from the file on disk ({@link nextVersion}), so a rerun does not bump it.
 */
export function writeParams(fit: FitOutput): void {
  const previous = JSON.parse(readFileSync(PARAMS, "utf8")) as Record<string, unknown> & { version: number };
  const fitted = {
    id: "clarification-scorer",
    version: 0,
    model: `gradient-boosted-trees, the average of ${BAGS} ensembles fitted each without one bag of stories or items`,
    embedder: "use-lite",
    fit: `bench/quality/fit-clarification.ts on the fit split (${fit.rows} rows with a usable slot and a fact): UMWP fit stories, even SUM items, even qaqa and falseqa rows`,
    threshold: fit.threshold,
    features: fit.ensemble.features,
    base: fit.ensemble.base,
    nli: fit.nli,
    trees: fit.ensemble.trees,
  };
  const params = { ...fitted, version: nextVersion(previous, fitted) };
  const text = `${JSON.stringify(params)}\n`;
  writeFileSync(PARAMS, text);
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as {
    scorers?: { id: string; version: number; path: string; sha256: string; description: string }[];
  };
  const entry = {
    id: "clarification-scorer",
    version: params.version,
    path: "clarification-scorer.json",
    sha256: createHash("sha256").update(text).digest("hex"),
    description:
      "Gradient-boosted trees over the clarification verifier's grounding and embedding signals (use-lite), rebuilt by bench/quality/fit-clarification.ts --write.",
  };
  manifest.scorers = [...(manifest.scorers ?? []).filter((s) => s.id !== entry.id), entry];
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const nliAt = args.indexOf("--nli");
  const nli = nliAt === -1 ? undefined : args[nliAt + 1];
  const fit = await fitClarification(nli === undefined ? {} : { nli });
  if (fit !== null)
    console.log(
      JSON.stringify(
        {
          threshold: fit.threshold,
          splitThresholds: fit.splitThresholds,
          rows: fit.rows,
          trees: fit.ensemble.trees.length,
          nli: fit.nli === null ? null : { threshold: fit.nli.threshold },
          inSample: fit.inSample,
          outOfFold: fit.outOfFold,
        },
        null,
        2,
      ),
    );
  if (fit !== null) console.log(["Out-of-fold pass rates at the threshold:", ...fit.confusion].join("\n"));
  if (fit !== null && args.includes("--write")) {
    writeParams(fit);
    console.log(`wrote ${PARAMS} and its manifest entry`);
  }
}
