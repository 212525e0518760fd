/**
 * Clarification verification on the dev data (docs/quality.md "## Clarification verification"):
 * the shipped verifier (createClarificationVerifier, offline embedder, no mock) against two
 * baselines on the same pairs — bag-of-words cosine and embedding (topic) cosine, clarification vs
 * question — on UMWP (split by story), SUM (item parity), qaqa and falseqa (row parity). Reports
 * the fit split (in-sample: the scorer was fitted there) and the held-out split separately.
 * `npx tsx bench/quality/clarification.ts [--write]`; without --write nothing tracked is written.
 */
import { createClarificationVerifier } from "../../src/clarification/create-verifier.js";
import { CLARIFICATION_SCORER } from "../../src/clarification/clarification-model.js";
import { loadEmbedder } from "../../src/models/index.js";
import { EASY_KINDS, loadBenchCases, SETS, REPORT_ONLY_KINDS } from "./lib/all-cases.js";
import type { BenchCase } from "./lib/all-cases.js";
import { groupBootstrap } from "./lib/bootstrap.js";
import type { Interval } from "./lib/bootstrap.js";
import { auc, pct, rate, writeResults } from "./lib/data.js";
import { computeFeatures } from "./lib/features.js";

export interface KindReport {
  kind: string;
  n: number;
  auc: { verifier: number; bow: number; topic: number };
  pass: number;
}
export interface SplitReport {
  set: string;
  split: string;
  positives: number;
  verified: number;
  aucEasy: { verifier: number; bow: number; topic: number };
  aucHard: { verifier: number; bow: number; topic: number };
  kinds: KindReport[];
  byCategory: Record<string, number>;
}

/** The row that joins both same-story kinds (every pair whose edits touch different words). */
export const SAME_STORY_ALL = "same-story, both kinds";

type Scores = { verifier: number[]; bow: number[]; topic: number[] };

function report(cases: readonly BenchCase[], scores: Scores, threshold: number, set: string, split: string): SplitReport {
  const idx = cases.map((c, i) => (c.set === set && c.split === split ? i : -1)).filter((i) => i >= 0);
  const pick = (filter: (c: BenchCase) => boolean, values: number[]): number[] =>
    idx.flatMap((i) => (filter(cases[i] as BenchCase) ? [values[i] ?? 0] : []));
  const three = (filter: (c: BenchCase) => boolean): KindReport["auc"] => ({
    verifier: auc(
      pick((c) => c.kind === "positive", scores.verifier),
      pick(filter, scores.verifier),
    ),
    bow: auc(
      pick((c) => c.kind === "positive", scores.bow),
      pick(filter, scores.bow),
    ),
    topic: auc(
      pick((c) => c.kind === "positive", scores.topic),
      pick(filter, scores.topic),
    ),
  });
  const kinds = [...new Set(idx.map((i) => (cases[i] as BenchCase).kind))].filter((k) => k !== "positive");
  const positives = pick((c) => c.kind === "positive", scores.verifier);
  const byCategory: Record<string, number> = {};
  for (const category of [...new Set(idx.map((i) => (cases[i] as BenchCase).category))]) {
    byCategory[category] = rate(pick((c) => c.kind === "positive" && c.category === category, scores.verifier).map((s) => s >= threshold));
  }
  return {
    set,
    split,
    positives: positives.length,
    verified: rate(positives.map((s) => s >= threshold)),
    aucEasy: three((c) => c.kind !== "positive" && EASY_KINDS.has(c.kind)),
    aucHard: three((c) => c.kind !== "positive" && !EASY_KINDS.has(c.kind) && !REPORT_ONLY_KINDS.has(c.kind)),
    kinds: [
      ...kinds.map((kind) => ({ kind, of: (c: BenchCase) => c.kind === kind })),
      // Every same-story pair whose edits touch different words, whether or not the other variant still says what this one lacks.
      ...(kinds.includes("same-story-blurred-too")
        ? [{ kind: SAME_STORY_ALL, of: (c: BenchCase) => c.kind === "same-story" || c.kind === "same-story-blurred-too" }]
        : []),
    ].map(({ kind, of }) => ({
      kind,
      n: pick(of, scores.verifier).length,
      auc: three(of),
      pass: rate(pick(of, scores.verifier).map((s) => s >= threshold)),
    })),
    byCategory,
  };
}

/**
 * 95% story-bootstrap intervals of the held-out UMWP target figures (see lib/bootstrap.ts): own
 * clarifications verified, and pass rate and AUC of the same-story and other-topic negatives. A
 * story's own clarifications and its negatives are drawn together.
 */
export function umwpIntervals(cases: readonly BenchCase[], scores: readonly number[], threshold: number): Record<string, Interval> {
  const rows = cases.flatMap((c, i) => (c.set === "umwp" && c.split === "test" ? [{ c, s: scores[i] ?? 0 }] : []));
  type Row = (typeof rows)[number];
  const story = (row: Row): number => row.c.group;
  const of = (kinds: readonly string[]): Row[] => rows.filter((row) => kinds.includes(row.c.kind));
  const passing = (xs: readonly Row[]): number => rate(xs.map((x) => x.s >= threshold));
  const aucAgainst =
    (kinds: readonly string[]) =>
    (xs: readonly Row[]): number =>
      auc(
        xs.filter((x) => x.c.kind === "positive").map((x) => x.s),
        xs.filter((x) => kinds.includes(x.c.kind)).map((x) => x.s),
      );
  const both = ["same-story", "same-story-blurred-too"];
  return {
    verified: groupBootstrap(of(["positive"]), story, passing),
    "same-story passing": groupBootstrap(of(["same-story"]), story, passing),
    "same-story AUC": groupBootstrap(of(["positive", "same-story"]), story, aucAgainst(["same-story"])),
    [`${SAME_STORY_ALL} passing`]: groupBootstrap(of(both), story, passing),
    [`${SAME_STORY_ALL} AUC`]: groupBootstrap(of(["positive", ...both]), story, aucAgainst(both)),
    "other-topic passing": groupBootstrap(of(["other-topic"]), story, passing),
    "other-topic AUC": groupBootstrap(of(["positive", "other-topic"]), story, aucAgainst(["other-topic"])),
  };
}

const f3 = (x: number): string => (Number.isNaN(x) ? "n/a" : x.toFixed(3));

function table(reports: readonly SplitReport[]): string {
  const lines = [
    "| set | split | negative kind | n | verifier AUC | bag-of-words AUC | topic-cosine AUC | verifier beats both | verifier pass rate |",
    "|---|---|---|---:|---:|---:|---:|---|---:|",
  ];
  for (const r of reports) {
    lines.push(`| ${r.set} | ${r.split} | **positives verified** | ${r.positives} | | | | | ${pct(r.verified)} |`);
    for (const k of r.kinds)
      lines.push(
        `| ${r.set} | ${r.split} | ${k.kind} | ${k.n} | ${f3(k.auc.verifier)} | ${f3(k.auc.bow)} | ${f3(k.auc.topic)} | ${k.auc.verifier > k.auc.bow && k.auc.verifier > k.auc.topic ? "yes" : "**no**"} | ${pct(k.pass)} |`,
      );
    lines.push(`| ${r.set} | ${r.split} | all easy | | ${f3(r.aucEasy.verifier)} | ${f3(r.aucEasy.bow)} | ${f3(r.aucEasy.topic)} | | |`);
    lines.push(`| ${r.set} | ${r.split} | all hard | | ${f3(r.aucHard.verifier)} | ${f3(r.aucHard.bow)} | ${f3(r.aucHard.topic)} | | |`);
  }
  return lines.join("\n");
}

export async function runClarification(write: boolean): Promise<Record<string, unknown> | null> {
  const embedder = await loadEmbedder({ device: "cpu" });
  try {
    const cases = await loadBenchCases(embedder);
    if (cases === null) return null;
    const verifier = createClarificationVerifier({ embedder });
    const started = performance.now();
    const results = await verifier.verify(cases.map((c) => ({ clarification: c.clarification, annotation: c.annotation })));
    const verifyMs = performance.now() - started;
    const baselines = await computeFeatures(cases, embedder);
    const scores: Scores = {
      verifier: results.map((r) => r.score),
      bow: baselines.map((b) => b.bow),
      topic: baselines.map((b) => b.topic),
    };
    const threshold = CLARIFICATION_SCORER.threshold;
    const reports: SplitReport[] = [];
    for (const split of ["test", "fit"]) for (const set of SETS) reports.push(report(cases, scores, threshold, set, split));
    const failedChecks: Record<string, Record<string, number>> = {};
    cases.forEach((c, i) => {
      if (c.split !== "test") return;
      const key = `${c.set}|${c.kind}`;
      const bucket = (failedChecks[key] ??= {});
      for (const check of results[i]?.checks?.failed ?? []) bucket[check] = (bucket[check] ?? 0) + 1;
    });
    const md = [
      `Scorer \`${CLARIFICATION_SCORER.id}\` version ${CLARIFICATION_SCORER.version} (models/clarification-scorer.json), threshold **${threshold}**, offline embedder \`${embedder.id}\`, no NLI. ${cases.length} verifier requests in one \`verify()\` call: ${verifyMs.toFixed(0)} ms (${(verifyMs / cases.length).toFixed(2)} ms per request, embedding included).`,
      "",
      "**Held-out rows** (never seen by the fit; UMWP stories by a hash of the story id, SUM odd items, qaqa/falseqa odd rows):",
      "",
      table(reports.filter((r) => r.split === "test")),
      "",
      "Own clarifications verified by UMWP category (held-out): " +
        Object.entries(reports.find((r) => r.set === "umwp" && r.split === "test")?.byCategory ?? {})
          .map(([k, v]) => `${k} ${pct(v)}`)
          .join(", ") +
        ".",
      "",
      "**Fit rows (in-sample: the scorer was fitted on them; its threshold was chosen on their out-of-fold scores, see docs/decisions.md):**",
      "",
      table(reports.filter((r) => r.split === "fit")),
    ].join("\n");
    const intervals = umwpIntervals(cases, scores.verifier, threshold);
    const json = {
      threshold,
      umwpIntervals: intervals,
      scorerVersion: CLARIFICATION_SCORER.version,
      requests: cases.length,
      verifyMs,
      reports,
      failedChecksOnTest: failedChecks,
      embedder: embedder.id,
    };
    if (write) writeResults("quality-clarification", json, md);
    return { ...json, markdown: md };
  } finally {
    await embedder.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runClarification(process.argv.includes("--write"));
  if (out !== null) console.log(out["markdown"]);
}
