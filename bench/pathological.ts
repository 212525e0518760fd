/**
 * Strict numbers for the pathological-input table (test/pathological-corpus.ts): every entry point on
 * every degenerate input, median and best of N calls, against the 50 ms budget. The test of the same
 * table only checks generous bounds; this prints what a quiet machine does.
 *
 *   npx tsx bench/pathological.ts            # prints only
 *   npx tsx bench/pathological.ts --write    # also writes bench/results/pathological.{json,md}
 *   npx tsx bench/pathological.ts --runs 9   # calls per row (default 5)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { PATHOLOGICAL_CASES, timeCase } from "../test/pathological-corpus.js";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "bench", "results");
const write = process.argv.includes("--write");
const runsAt = process.argv.indexOf("--runs");
const runs = runsAt === -1 ? 5 : Math.max(1, Number(process.argv[runsAt + 1]));

interface Row {
  target: string;
  input: string;
  chars: number;
  medianMs: number;
  bestMs: number;
  budgetMs: number;
  withinBudget: boolean;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const rows: Row[] = [];
  for (const row of PATHOLOGICAL_CASES) {
    const text = row.build(1);
    const { best, median } = await timeCase(row.target, text, runs);
    rows.push({
      target: row.target,
      input: row.name,
      chars: text.length,
      medianMs: round(median),
      bestMs: round(best),
      budgetMs: row.budgetMs,
      withinBudget: median <= row.budgetMs,
    });
  }
  const loadAfter = loadavg()[0] ?? 0;
  const worst = rows.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  const over = rows.filter((row) => !row.withinBudget);
  const machine = `${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}, 1-minute load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`;
  const lines = [
    "| entry point | input | chars | median ms | best ms | budget ms |",
    "|---|---|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.target} | ${row.input.replace(/\|/g, "\\|")} | ${row.chars.toLocaleString("en-US")} | ${row.medianMs}${row.withinBudget ? "" : " ⚠"} | ${row.bestMs} | ${row.budgetMs} |`,
    ),
  ];
  const summary = `Worst median: ${worst.medianMs} ms (${worst.target}, ${worst.input}); ${over.length} of ${rows.length} rows over the ${rows[0]?.budgetMs ?? 50} ms budget.`;
  process.stdout.write(`Pathological inputs, ${runs} calls per row. ${machine}.\n\n${lines.join("\n")}\n\n${summary}\n`);
  if (!write) return;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "pathological.json"), `${JSON.stringify({ machine, runs, rows, worst, over: over.length }, null, 2)}\n`);
  writeFileSync(
    join(OUT, "pathological.md"),
    `# Pathological inputs\n\nWritten by \`npx tsx bench/pathological.ts --write\`: ${runs} calls per row after one warm-up. ${machine}.\n\n${lines.join("\n")}\n\n${summary}\n`,
  );
  process.stdout.write(`Wrote ${join("bench", "results", "pathological.json")} and pathological.md.\n`);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

await main();
