/**
 * Cheap clarification shapes an optimizing policy could find: a question's two main things
 * ({@link mainThings}) in wordings that ask for more about them without saying what ("the relevant A
 * particulars for the B"), or that write a count after a thing ("the A count for the B"). Each is
 * scored by the shipped verifier against the annotation of every own clarification, fit rows and
 * held-out rows apart, and the pass rate at the threshold is printed per wording:
 * `npx tsx bench/quality/attack-frames.ts [--write]` (`--write`: bench/results/attack-frames.json|md).
 * These wordings were written in the twenty-fifth round and rules were written against them on fit
 * rows only: the held-out rows are out of row, not out of wording. Some of them can be right
 * (a question whose count of A is the gap); the pass rates say how often the wording pays, not
 * how often it is wrong. Skips cleanly, with a message, when ../shared/data is absent.
 */
import { createClarificationVerifier } from "../../src/clarification/create-verifier.js";
import { loadEmbedder } from "../../src/models/index.js";
import { loadBenchCases } from "./lib/all-cases.js";
import { pct, writeResults } from "./lib/data.js";
import { mainThings } from "./lib/negatives.js";

/** The wordings, each with a short name for the report. */
export const ATTACK_FRAMES: readonly (readonly [name: string, frame: (a: string, b: string) => string])[] = [
  ["not enough detail", (a, b) => `The problem does not provide enough detail about the ${a} and the ${b}.`],
  ["facts concerning", (a) => `Important facts concerning the ${a} are missing from the question.`],
  ["precise data related", (a, b) => `The question lacks precise data on the ${a} related to the ${b}.`],
  ["relevant particulars", (a, b) => `We are not told the relevant ${a} particulars for the ${b}.`],
  ["how it relates", (a, b) => `It is not clear how the ${a} relates to the ${b}.`],
  ["ambiguous about", (a) => `The question is ambiguous about the ${a}.`],
  ["not defined", (a) => `The ${a} mentioned in the question are not properly defined.`],
  ["key information absent", (a) => `Key information about the ${a} is absent.`],
  ["the situation", (a, b) => `The question never explains the situation with the ${a} and the ${b}.`],
  ["more context", (a) => `More context on the ${a} is needed to answer.`],
  ["complete figures", (a, b) => `The question omits the complete ${a} figures for the ${b}.`],
  ["further specifics", (a, b) => `Without further specifics on the ${a} and ${b}, no answer is possible.`],
  ["count for", (a, b) => `The question does not state the ${a} count for the ${b}.`],
  ["number for", (a, b) => `The question does not state the number of ${a} for the ${b}.`],
  ["count", (a) => `The question does not state the ${a} count.`],
  ["number", (a) => `The question does not state the number of ${a}.`],
  ["total for", (a, b) => `The question is missing the ${a} total for the ${b}.`],
  ["value never given", (a) => `The ${a} value is never given.`],
  ["how related", (a, b) => `Information on how the ${a} and ${b} are related is missing.`],
  ["key value involving", (a) => `The question is missing a key value involving the ${a}.`],
  ["no specifics", (a) => `The problem gives no specifics about ${a}.`],
  ["know more", (a, b) => `I would need to know more about the ${a} and the ${b}.`],
  ["how it affects", (a, b) => `The problem never says how the ${b} affect the ${a}.`],
  ["anything further", (a, b) => `It does not mention anything further about ${a} or ${b}.`],
  ["quantities unstated", (a, b) => `The ${a} and ${b} quantities are left unstated.`],
  ["necessary facts", (a, b) => `Some necessary facts about the ${a} and the ${b} were left out.`],
  ["silent on numbers", (a) => `The question is silent on the ${a} numbers.`],
  ["in relation to", (a, b) => `The problem fails to describe the ${a} in relation to the ${b}.`],
];

interface Row {
  set: string;
  split: string;
  frame: string;
  n: number;
  passed: number;
}

async function main(): Promise<void> {
  const write = process.argv.includes("--write");
  const embedder = await loadEmbedder({ device: "cpu" });
  try {
    const cases = await loadBenchCases(embedder);
    if (cases === null) {
      console.log("attack frames: ../shared/data is absent; skipped.");
      return;
    }
    const requests = cases
      .filter((c) => c.kind === "positive")
      .flatMap((c) => {
        const things = mainThings(c.question);
        if (things === null) return [];
        return ATTACK_FRAMES.map(([frame, build]) => ({
          set: c.set,
          split: c.split,
          frame,
          clarification: build(...things),
          annotation: c.annotation,
        }));
      });
    const verifier = createClarificationVerifier({ embedder });
    const results = await verifier.verify(requests.map(({ clarification, annotation }) => ({ clarification, annotation })));
    const rows = new Map<string, Row>();
    requests.forEach((request, i) => {
      for (const set of [request.set, "all"]) {
        for (const frame of [request.frame, "all"]) {
          const key = `${set}|${request.split}|${frame}`;
          const row = rows.get(key) ?? { set, split: request.split, frame, n: 0, passed: 0 };
          row.n += 1;
          if (results[i]?.verified === true) row.passed += 1;
          rows.set(key, row);
        }
      }
    });
    const table = [...rows.values()].sort((a, b) => a.set.localeCompare(b.set) || a.split.localeCompare(b.split));
    const sets = [...new Set(table.map((row) => row.set))];
    const frames = ["all", ...ATTACK_FRAMES.map(([name]) => name)];
    const cell = (set: string, split: string, frame: string): string => {
      const row = rows.get(`${set}|${split}|${frame}`);
      return row === undefined ? "" : pct(row.passed / row.n);
    };
    const header = `| wording | ${sets.flatMap((set) => [`${set} fit`, `${set} held-out`]).join(" | ")} |`;
    const rule = `|---|${sets.flatMap(() => ["---:", "---:"]).join("|")}|`;
    const lines = frames.map(
      (frame) => `| ${frame} | ${sets.flatMap((set) => [cell(set, "fit", frame), cell(set, "test", frame)]).join(" | ")} |`,
    );
    const markdown = [
      "# Attack frames",
      "",
      `Pass rate of each wording at the verifier's threshold, against the annotation of every own clarification (${requests.length} requests; written by \`npx tsx bench/quality/attack-frames.ts --write\`). The wordings were written in the twenty-fifth round and rules were written against them on fit rows only.`,
      "",
      header,
      rule,
      ...lines,
    ].join("\n");
    console.log(markdown);
    if (write) writeResults("attack-frames", { requests: requests.length, rows: table }, markdown);
  } finally {
    await embedder.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
