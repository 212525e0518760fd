/**
 * Clarification discrimination on real data (docs/quality.md "## Clarification verification"):
 * SUM pairs annotated by deriveMissingFacts, reference clarifications as positives, easy negatives
 * (other items' clarifications, generic refusals) and hard negatives (restatement, false claim,
 * another stated condition), plus the qaqa and falseqa false-premise rows (even rows calibrate, odd rows are held out). The threshold is chosen on the even
 * SUM items and reported on the odd ones. Real offline embedder, never a mock.
 */
import { cosine, loadEmbedder } from "../../src/models/index.js";
import { createClarificationVerifier } from "../../src/clarification/create-verifier.js";
import { plainText } from "../../src/clarification/plain-text.js";
import { auc, pct, rate, readJsonl, writeResults } from "./lib/data.js";
import { buildFalsePremise, buildSum, KINDS } from "./lib/cases.js";
import type { Case, Kind, ResponseRow, SumRow } from "./lib/cases.js";

/** Youden's J over positives vs negatives, every negative kind weighted equally. */
function chooseThreshold(cases: Case[], scores: number[]): number {
  const candidates = [...new Set(scores.map((s) => Math.round(s * 100) / 100))].sort((a, b) => a - b);
  let best = { j: -1, threshold: 0.5 };
  for (const t of candidates) {
    const pos = cases.flatMap((c, i) => (c.kind === "positive" ? [scores[i] ?? 0] : []));
    const tpr = rate(pos.map((s) => s >= t));
    const fprs = KINDS.filter((k) => k !== "positive").map((k) => rate(cases.flatMap((c, i) => (c.kind === k ? [(scores[i] ?? 0) >= t] : []))));
    const fpr = fprs.filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0) / fprs.filter((v) => !Number.isNaN(v)).length;
    if (tpr - fpr > best.j + 1e-9) best = { j: tpr - fpr, threshold: t };
  }
  return best.threshold;
}

interface SetReport { n: number; positives: number; aucEasy: number; aucHard: number; verifiedPositives: number; passRates: Record<string, number>; topicBaseline: { aucEasy: number; aucHard: number } }

function report(cases: Case[], scores: number[], topic: number[], threshold: number): SetReport {
  const of = (kinds: readonly Kind[], values: number[]): number[] => cases.flatMap((c, i) => (kinds.includes(c.kind) ? [values[i] ?? 0] : []));
  const easy = ["easy-other-item", "easy-generic"] as const;
  const hard = ["hard-restatement", "hard-false-claim", "hard-other-condition-quoted", "hard-other-condition-described", "hard-wrong-premise"] as const;
  const passRates: Record<string, number> = {};
  for (const kind of KINDS.filter((k) => k !== "positive")) passRates[kind] = rate(of([kind], scores).map((s) => s >= threshold));
  return {
    n: cases.length,
    positives: of(["positive"], scores).length,
    aucEasy: auc(of(["positive"], scores), of(easy, scores)),
    aucHard: auc(of(["positive"], scores), of(hard, scores)),
    verifiedPositives: rate(of(["positive"], scores).map((s) => s >= threshold)),
    passRates,
    topicBaseline: { aucEasy: auc(of(["positive"], topic), of(easy, topic)), aucHard: auc(of(["positive"], topic), of(hard, topic)) },
  };
}

function row(name: string, r: SetReport): string {
  const p = r.passRates;
  return `| ${name} | ${r.positives} | ${r.aucEasy.toFixed(3)} | ${r.aucHard.toFixed(3)} | ${pct(r.verifiedPositives)} | ${pct(p["easy-other-item"] ?? Number.NaN)} | ${pct(p["easy-generic"] ?? Number.NaN)} | ${pct(p["hard-restatement"] ?? Number.NaN)} | ${pct(p["hard-false-claim"] ?? Number.NaN)} | ${pct(p["hard-other-condition-quoted"] ?? Number.NaN)} | ${pct(p["hard-other-condition-described"] ?? Number.NaN)} | ${pct(p["hard-wrong-premise"] ?? Number.NaN)} | ${r.topicBaseline.aucEasy.toFixed(3)} / ${r.topicBaseline.aucHard.toFixed(3)} |`;
}

export async function runClarification(): Promise<Record<string, unknown> | null> {
  const sumRows = readJsonl<SumRow>("abstain-test-sum.dev.jsonl");
  const responseRows = readJsonl<ResponseRow>("abstain-cot-responses.dev.jsonl");
  if (sumRows === null || responseRows === null) return null;
  const cases = [...buildSum(sumRows), ...buildFalsePremise(responseRows, "qaqa"), ...buildFalsePremise(responseRows, "falseqa")];
  const embedder = await loadEmbedder({ device: "cpu" });
  try {
    const verifier = createClarificationVerifier({ embedder });
    const started = performance.now();
    const results = await verifier.verify(cases.map((c) => ({ clarification: c.clarification, annotation: c.annotation })));
    const verifyMs = performance.now() - started;
    const scores = results.map((r) => r.score);
    // Baseline the issue warns about: plain cosine between the clarification and the question.
    const topicTexts = [...new Set(cases.flatMap((c) => [plainText(c.clarification), plainText(c.topic)]))];
    const vectors = await embedder.embed(topicTexts);
    const byText = new Map(topicTexts.map((t, i) => [t, vectors[i]]));
    const topic = cases.map((c) => {
      const a = byText.get(plainText(c.clarification));
      const b = byText.get(plainText(c.topic));
      return a === undefined || b === undefined ? 0 : cosine(a, b);
    });
    const sumIdx = cases.map((c, i) => (c.set === "sum" ? i : -1)).filter((i) => i >= 0);
    const pick = (filter: (c: Case) => boolean): { cs: Case[]; sc: number[]; tp: number[] } => {
      const idx = cases.map((c, i) => (filter(c) ? i : -1)).filter((i) => i >= 0);
      return { cs: idx.map((i) => cases[i] as Case), sc: idx.map((i) => scores[i] ?? 0), tp: idx.map((i) => topic[i] ?? 0) };
    };
    const calibration = pick((c) => c.set === "sum" && c.split === "calibration");
    const threshold = chooseThreshold(calibration.cs, calibration.sc);
    const sets: Record<string, SetReport> = {};
    for (const [name, filter] of [
      ["SUM calibration (even items)", (c: Case) => c.set === "sum" && c.split === "calibration"],
      ["SUM test (odd items)", (c: Case) => c.set === "sum" && c.split === "test"],
      ["SUM all", (c: Case) => c.set === "sum"],
      ["qaqa calibration (even rows)", (c: Case) => c.set === "qaqa" && c.split === "calibration"],
      ["qaqa test (odd rows)", (c: Case) => c.set === "qaqa" && c.split === "test"],
      ["qaqa all", (c: Case) => c.set === "qaqa"],
      ["falseqa calibration (even rows)", (c: Case) => c.set === "falseqa" && c.split === "calibration"],
      ["falseqa test (odd rows)", (c: Case) => c.set === "falseqa" && c.split === "test"],
    ] as const) {
      const p = pick(filter);
      sets[name] = report(p.cs, p.sc, p.tp, threshold);
    }
    const examples = cases
      .map((c, i) => ({ c, r: results[i] }))
      .filter(({ c, r }) => c.set === "sum" && c.split === "test" && r !== undefined && (c.kind === "positive" ? r.score < threshold : r.score >= threshold))
      .slice(0, 12)
      .map(({ c, r }) => ({ kind: c.kind, item: c.item, score: r?.score, clarification: c.clarification.slice(0, 200), facts: c.annotation.missingFacts, reason: r?.reason }));
    // Operating points: what a stricter threshold trades on all SUM items.
    const sumAll = pick((c) => c.set === "sum");
    const operating = [threshold, 0.35, 0.5, 0.65].map((t) => ({ threshold: t, ...report(sumAll.cs, sumAll.sc, sumAll.tp, t) }));
    const opTable = ["| threshold | SUM positives verified | other item passes | false claim passes | other condition (quoted) passes |", "|---|---|---|---|---|", ...operating.map((o) => `| ${o.threshold} | ${pct(o.verifiedPositives)} | ${pct(o.passRates["easy-other-item"] ?? Number.NaN)} | ${pct(o.passRates["hard-false-claim"] ?? Number.NaN)} | ${pct(o.passRates["hard-other-condition-quoted"] ?? Number.NaN)} |`)].join("\n");
    const json = { operating: operating.map((o) => ({ threshold: o.threshold, verifiedPositives: o.verifiedPositives, passRates: o.passRates })), threshold, thresholdMethod: "Youden's J (TPR minus the mean pass rate over negative kinds) on the even SUM items; reported on the odd ones", requests: cases.length, verifyMs, msPerRequest: verifyMs / cases.length, sumItems: sumIdx.length, sets, errorsOnTest: examples, embedder: embedder.id };
    const header = "| set | positives | AUC easy | AUC hard | positives verified | other item passes | generic passes | restatement passes | false claim passes | other condition (quoted) passes | other condition (described) passes | wrong premise passes | topic-cosine baseline AUC easy / hard |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    const table = [header, ...Object.entries(sets).map(([name, r]) => row(name, r))].join("\n");
    const md = `Threshold **${threshold}** (chosen by Youden's J on the even SUM items; every negative kind weighted equally), offline embedder \`${embedder.id}\`, no NLI. ${cases.length} verifier requests in one \`verify()\` call: ${verifyMs.toFixed(0)} ms (${(verifyMs / cases.length).toFixed(2)} ms per request, embedding included).\n\n${table}\n\nOperating points on all SUM items (the AUCs do not depend on the threshold):\n\n${opTable}`;
    writeResults("quality-clarification", json, md);
    return { threshold, sets, verifyMs, markdown: md };
  } finally {
    await embedder.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runClarification();
  if (out !== null) console.log(out["markdown"]);
}
