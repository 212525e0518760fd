/**
 * The scaling bench's control: one process that scores samples with the built library itself
 * (`createRewarder().scoreBatch`, piece by piece), with no worker protocol, no pipe and no JSON
 * answers. N of these running at once show what N processes of the scoring work alone gain on this
 * machine, the ceiling for N workers.
 *
 * Lines on stdin, answers on stdout:
 *   `{"pieces":[[sample, …], …]}` → loads the pieces (before any clock starts), answers `loaded`;
 *   `go`                          → parses and scores every loaded piece in order, answers `done`, then one line
 *                                   `{"rewards":[…]}` (the rewards in sample order, checked by the bench).
 * Started by bench/scaling.ts as `node --import tsx bench/lib/in-process-scorer.ts <dist/index.js>`.
 */
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import type { Sample } from "../../src/index.js";

const dist = process.argv[2];
if (dist === undefined) throw new Error("Pass the built library's index.js as the first argument (bench/scaling.ts does).");
// The built code, as the workers run it; typed from the source it is built from.
const library = (await import(pathToFileURL(dist).href)) as typeof import("../../src/index.js");
const rewarder = library.createRewarder();
// Kept as text and parsed piece by piece while timed, as a worker parses each request: holding every
// parsed sample at once would grow the heap (and the collector's work) past what a worker carries.
let pieces: string[] = [];

for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line === "go") {
    const rewards: (number | null)[] = [];
    for (const piece of pieces) for (const result of await rewarder.scoreBatch(JSON.parse(piece) as Sample[])) rewards.push(result.reward);
    process.stdout.write(`done\n${JSON.stringify({ rewards })}\n`);
  } else {
    pieces = (JSON.parse(line) as { pieces: unknown[][] }).pieces.map((piece) => JSON.stringify(piece));
    process.stdout.write("loaded\n");
  }
}
