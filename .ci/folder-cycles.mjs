// Folder-level import cycles under src/. Reads `madge --json` (file → imports)
// on stdin, collapses each file to its top folder (src/models/x.ts → models; src/cli.ts → cli.ts),
// and prints every pair of folders that import each other, directly or through other folders.
// With --strict (as CI runs it) any cycle exits 1; without it the script only reports.
import { readFileSync } from "node:fs";

const graph = JSON.parse(readFileSync(0, "utf8"));
const folderOf = (file) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : file);
const edges = new Map();
for (const [file, imports] of Object.entries(graph)) {
  const from = folderOf(file);
  for (const target of imports) {
    const to = folderOf(target);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}
const reaches = (from, to) => {
  const seen = new Set([from]);
  const pending = [from];
  while (pending.length > 0) {
    for (const next of edges.get(pending.pop()) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) seen.add(next), pending.push(next);
    }
  }
  return false;
};
const folders = [...edges.keys()].sort();
const cycles = [];
for (const a of folders) for (const b of edges.get(a)) if (a < b && reaches(b, a)) cycles.push(`${a} ↔ ${b}`);
const direct = (a, b) => [...Object.entries(graph)].filter(([f, imports]) => folderOf(f) === a && imports.some((t) => folderOf(t) === b)).map(([f]) => f);
if (cycles.length === 0) console.log("No import cycle between folders of src/.");
else {
  console.log(`${cycles.length} folder pair(s) of src/ import each other:`);
  for (const cycle of cycles) {
    const [a, b] = cycle.split(" ↔ ");
    console.log(`  ${cycle}   (${a} → ${b}: ${direct(a, b).join(", ") || "through other folders"}; ${b} → ${a}: ${direct(b, a).join(", ") || "through other folders"})`);
  }
}
if (cycles.length > 0 && process.argv.includes("--strict")) process.exitCode = 1;
