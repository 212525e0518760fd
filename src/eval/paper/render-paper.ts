import { duplicatesNote, markdownRow } from "../render-markdown.js";
import type { PaperMetricValue } from "./paper-metrics.js";
import { PAPER_METRICS } from "./paper-metrics.js";
import type { PaperReport } from "./paper-report.js";

const MAX_DATASET_COLUMNS = 12;

function cell(metric: PaperMetricValue | undefined, key: string): string {
  if (metric === undefined) return "";
  if (metric.value === null) return "not measured";
  const percent = `${(metric.value * 100).toFixed(2)}%`;
  return key === "f1" ? percent : `${metric.numerator}/${metric.denominator} (${percent})`;
}

function notes(report: PaperReport): string[] {
  const out: string[] = [];
  const { input, overall, judge, protocol } = report;
  const c = overall.counts;
  if (!judge.measuresClarification) {
    out.push(
      "- Clarification accuracy is **not measured**: the offline judge has no clarification verifier (`--verifier none`); it is not 0%.",
    );
  }
  if (input.unmatched > 0) {
    const how =
      protocol === "sum-strict"
        ? "counted in both totals and graded as nothing, as the strict scripts do"
        : "not graded, as the script does (its `missing reference matches`)";
    out.push(
      `- ${input.unmatched} result record(s) matched no reference record: ${how}. Lines: ${input.unmatchedItems
        .slice(0, 20)
        .map((u) => u.line)
        .join(", ")}${input.unmatched > 20 ? ", …" : ""}.`,
    );
  }
  if (input.referenceWithoutResult > 0) out.push(`- ${input.referenceWithoutResult} reference record(s) have no result (a partial run?).`);
  const duplicates = duplicatesNote(input);
  if (duplicates !== null) out.push(duplicates);
  const failed = c.answerableJudgeFailed + c.unanswerableJudgeFailed;
  if (failed > 0)
    out.push(
      `- The judge could not grade ${failed} item(s); they stay in every denominator with no label, as the script counts a failed judge call.`,
    );
  if (c.emptySkipped > 0)
    out.push(
      `- ${c.emptySkipped} empty output(s) skipped for precision/recall/F1 and kept in the accuracy denominator, as eval_model.py does.`,
    );
  return out;
}

/**
 * Renders a paper-protocol report as Markdown: a header naming the protocol, the script it
 * reproduces and the judge, then one row per number the script prints, overall and per dataset.
 * @param report - The report.
 * @returns Markdown text ending with a newline.
 * @example
 * process.stdout.write(renderPaperMarkdown(report));
 */
export function renderPaperMarkdown(report: PaperReport): string {
  const datasets = Object.keys(report.byDataset);
  const shown = datasets.length > 1 ? datasets.slice(0, MAX_DATASET_COLUMNS) : [];
  const reference = report.input.reference === null ? "" : ` joined with ${report.input.reference} by ${report.input.join ?? "question"}`;
  const threshold = report.judge.similarityThreshold === null ? "" : ` (window cosine > ${report.judge.similarityThreshold})`;
  const lines = [
    `## ${report.protocol} (paper protocol): ${report.input.results}${reference}`,
    "",
    `Reproduces ${report.script} · judge: ${report.judge.name}${threshold} · ${report.input.items} items from ${report.input.records} records · ${(report.elapsedMs / 1000).toFixed(1)} s`,
    "",
    markdownRow(["metric", "overall", ...shown]),
    markdownRow(["---", "---:", ...shown.map(() => "---:")]),
  ];
  for (const definition of PAPER_METRICS[report.protocol]) {
    lines.push(
      markdownRow([
        `${definition.label} \`${definition.key}\``,
        cell(report.overall.metrics[definition.key], definition.key),
        ...shown.map((name) => cell(report.byDataset[name]?.metrics[definition.key], definition.key)),
      ]),
    );
  }
  if (datasets.length > shown.length && shown.length > 0) lines.push("", `(${datasets.length - shown.length} more datasets in --json.)`);
  const extra = notes(report);
  if (extra.length > 0) lines.push("", ...extra);
  lines.push("", "Rates over nothing are 0, as the script prints them. Definitions: docs/evaluation.md.");
  return `${lines.join("\n")}\n`;
}
