import type { EvalInputReport, EvalReport, GroupMetrics } from "./eval-types.js";

const MAX_LISTED = 20;

function percent(value: number | null, numerator: number, denominator: number): string {
  if (value === null) return `— (0/0)`;
  return `${(value * 100).toFixed(1)}% (${numerator}/${denominator})`;
}

function decimal(value: number | null, count: number): string {
  return value === null ? "—" : `${value.toFixed(3)} (n=${count})`;
}

function clarificationCell(metrics: GroupMetrics): string {
  const c = metrics.counts;
  const cell = percent(metrics.clarificationAccuracy, c.clarified, c.clarificationGraded);
  const open = c.clarificationUnverified + c.clarificationAnnotationMissing + c.clarificationVerifierError;
  return open > 0 ? `${cell}, ${open} not judged` : cell;
}

interface Column {
  title: string;
  cell: (metrics: GroupMetrics) => string;
}

function columns(report: EvalReport): Column[] {
  const selfaware = report.protocol === "selfaware";
  const list: Column[] = [
    { title: "items", cell: (m) => String(m.counts.items) },
    { title: "accuracy", cell: (m) => percent(m.accuracy, m.counts.correct, m.counts.answerGraded) },
    { title: "false refusal", cell: (m) => percent(m.falseRefusalRate, m.counts.falseRefusals, m.counts.answerable) },
    { title: "refusal", cell: (m) => percent(m.refusalRate, m.counts.refusals, m.counts.unanswerable) },
  ];
  if (selfaware) {
    list.push(
      {
        title: "precision",
        cell: (m) => percent(m.precision ?? null, m.counts.truePositives, m.counts.truePositives + m.counts.falsePositives),
      },
      { title: "recall", cell: (m) => percent(m.recall ?? null, m.counts.truePositives, m.counts.truePositives + m.counts.falseNegatives) },
      { title: "F1", cell: (m) => (m.f1 === null || m.f1 === undefined ? "—" : `${(m.f1 * 100).toFixed(1)}%`) },
    );
  } else {
    list.push({ title: "clarification", cell: clarificationCell });
  }
  // SelfAware outputs are usually plain text: the tag-gate column only shows when some output uses the template.
  if (!selfaware || report.overall.counts.formatOk > 0) {
    list.push({ title: "format", cell: (m) => percent(m.formatRate, m.counts.formatOk, m.counts.items - m.counts.excluded) });
  }
  if (!selfaware) list.push({ title: "mean reward", cell: (m) => decimal(m.meanReward, m.counts.rewarded) });
  list.push({ title: "ungradeable", cell: (m) => String(m.counts.ungradeable) });
  return list;
}

/**
 * One Markdown table row, `|` in a cell escaped.
 * @param cells - The cells.
 * @returns The row.
 * @example
 * markdownRow(["a", "b|c"]); // "| a | b\\|c |"
 */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/**
 * The report note on duplicate records (the same join key as an earlier record), or `null`.
 * @param input - The report's input section.
 * @returns The note line.
 * @example
 * duplicatesNote(report.input);
 */
export function duplicatesNote(input: EvalInputReport): string | null {
  if (input.duplicates === 0) return null;
  const what = input.duplicatePolicy === "all" ? "each graded again (--duplicates all)" : "skipped after the first (--duplicates first)";
  const first = input.duplicateItems
    .slice(0, 3)
    .map((d) => `line ${d.line} = line ${d.firstLine}`)
    .join("; ");
  return `- **${input.duplicates} duplicate record(s)** (same join key as an earlier record), ${what}: ${first}${input.duplicates > 3 ? "; …" : ""}.`;
}

function listed(lines: readonly number[], total: number): string {
  const shown = lines.slice(0, MAX_LISTED).join(", ");
  return total > MAX_LISTED ? `${shown}, … (${total - MAX_LISTED} more; --json lists them all)` : shown;
}

function notes(report: EvalReport): string[] {
  const out: string[] = [];
  const { input, overall, settings } = report;
  const c = overall.counts;
  if (input.unmatched > 0) {
    const keys = input.unmatchedItems.slice(0, 3).map((u) => `line ${u.line}: "${u.key.length > 60 ? `${u.key.slice(0, 57)}...` : u.key}"`);
    out.push(
      `- **${input.unmatched} result record(s) matched no reference record** (--join ${input.join ?? "question"}); not graded. Lines: ${listed(
        input.unmatchedItems.map((u) => u.line),
        input.unmatched,
      )}. First: ${keys.join("; ")}.`,
    );
  }
  if (input.referenceWithoutResult > 0) {
    out.push(
      `- ${input.referenceWithoutResult} reference record(s) have no result (a partial run?). Reference lines: ${listed(input.referenceWithoutResultLines, input.referenceWithoutResult)}.`,
    );
  }
  const duplicates = duplicatesNote(input);
  if (duplicates !== null) out.push(duplicates);
  if (c.empty > 0) {
    const what =
      settings.emptyOutputs === "exclude"
        ? "left out of every rate"
        : settings.emptyOutputs === "reference"
          ? "handled as the reference script does"
          : "counted as neither an answer nor a refusal";
    out.push(`- ${c.empty} empty output(s), ${what} (--empty-outputs ${settings.emptyOutputs}).`);
  }
  if (c.answerUngradeable > 0)
    out.push(`- ${c.answerUngradeable} answerable item(s) have a gold answer that could not be parsed; left out of accuracy.`);
  if (c.noAnswer > 0) out.push(`- ${c.noAnswer} answerable item(s) gave no extractable final answer; counted as wrong.`);
  if (c.clarificationUnverified > 0) {
    out.push(
      `- ${c.clarificationUnverified} refusal(s) have a clarification that was not judged: no clarification verifier is configured${settings.verifier === null ? " (--no-verifier)" : ""}; clarification accuracy leaves them out.`,
    );
  }
  if (c.clarificationVerifierError > 0)
    out.push(`- ${c.clarificationVerifierError} clarification check(s) failed in the verifier; left out of clarification accuracy.`);
  if (c.clarificationAnnotationMissing > 0)
    out.push(
      `- ${c.clarificationAnnotationMissing} refusal(s) have no reference clarification to check against; left out of clarification accuracy.`,
    );
  if (c.skippedForF1 > 0)
    out.push(`- ${c.skippedForF1} empty output(s) skipped for precision/recall/F1, as SelfAware's eval_model.py does.`);
  return out;
}

function settingsLine(report: EvalReport): string {
  const { settings } = report;
  const detector = `detector ${settings.detector}`;
  if (report.protocol === "selfaware") return `${detector} · template ${settings.template} · empty outputs: ${settings.emptyOutputs}`;
  return `preset ${settings.preset} · compat ${settings.compat} · ${detector} · verifier ${settings.verifier ?? "none"}`;
}

/**
 * Renders an evaluation report as Markdown: one table with the overall row and one row per
 * dataset, every rate with its count, then notes on everything not graded.
 * @param report - The report.
 * @returns Markdown text ending with a newline.
 * @example
 * process.stdout.write(renderMarkdown(report));
 */
export function renderMarkdown(report: EvalReport): string {
  const cols = columns(report);
  const reference = report.input.reference === null ? "" : ` joined with ${report.input.reference} by ${report.input.join ?? "question"}`;
  const lines = [
    `## library grading, ${report.protocol} records: ${report.input.results}${reference}`,
    "",
    `${report.input.items} items from ${report.input.records} records · ${settingsLine(report)} · ${(report.elapsedMs / 1000).toFixed(1)} s`,
    "",
    markdownRow(["dataset", ...cols.map((col) => col.title)]),
    markdownRow(["---", ...cols.map(() => "---:")]),
    markdownRow(["**overall**", ...cols.map((col) => col.cell(report.overall))]),
  ];
  const datasets = Object.entries(report.byDataset);
  if (datasets.length > 1 || (datasets.length === 1 && datasets[0]?.[0] !== report.protocol)) {
    for (const [name, metrics] of datasets) lines.push(markdownRow([name, ...cols.map((col) => col.cell(metrics))]));
  }
  const extra = notes(report);
  if (extra.length > 0) lines.push("", ...extra);
  lines.push(
    "",
    report.protocol === "selfaware"
      ? "accuracy: an accepted answer occurs in the output (SelfAware's definition) · refusal on unanswerable items = recall · precision/recall/F1 with unanswerable as the positive class."
      : "accuracy on answerable items (ungradeable golds left out) · false refusal: answerable items refused · refusal and clarification (refused and the missing information named) on unanswerable items · format: tag gate passed.",
  );
  return `${lines.join("\n")}\n`;
}
