import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const PERFORMANCE_DOC = join(resolve(import.meta.dirname, "..", ".."), "docs", "performance.md");

/**
 * Replaces one `## heading` section of docs/performance.md (up to the next `## `) with a
 * benchmark's text, or appends it when the section is not there yet. Only `--write` runs call it.
 * @param heading - The section's heading, with its `## `.
 * @param section - The section's body.
 */
export function writePerformanceSection(heading: string, section: string): void {
  const current = existsSync(PERFORMANCE_DOC) ? readFileSync(PERFORMANCE_DOC, "utf8") : "# Performance\n";
  const start = current.indexOf(`${heading}\n`);
  const block = `${heading}\n\n${section}`;
  if (start === -1) {
    writeFileSync(PERFORMANCE_DOC, `${current.trimEnd()}\n\n${block}`);
    return;
  }
  const next = current.indexOf("\n## ", start + heading.length);
  writeFileSync(PERFORMANCE_DOC, `${current.slice(0, start)}${block}${next === -1 ? "" : `\n${current.slice(next + 1)}`}`);
}
