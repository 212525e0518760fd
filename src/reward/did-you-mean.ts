import { distance } from "fastest-levenshtein";

/**
 * The known name a mistyped one most likely meant: its camelCase spelling (`gold_answer` →
 * `goldAnswer`), a case-insensitive match, or the closest name within a small edit distance.
 * @param name - The unknown name (a sample key, a flag without its dashes).
 * @param known - The accepted names.
 * @returns The suggestion, or `null` when no known name is close.
 * @example
 * suggestName("gold_answer", ["goldAnswer", "missingFacts"]); // "goldAnswer"
 */
export function suggestName(name: string, known: readonly string[]): string | null {
  if (name === "" || name.length > 100) return null;
  const camel = name.replace(/[_-]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  const folded = (text: string): string => text.replace(/[_-]/g, "").toLowerCase();
  const exact = known.find((candidate) => candidate === camel) ?? known.find((candidate) => folded(candidate) === folded(name));
  if (exact !== undefined) return exact;
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const candidate of known) {
    const d = distance(folded(name), folded(candidate));
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * ` (did you mean "x"?)` for an unknown name, or `""` when nothing is close.
 * @param name - The unknown name.
 * @param known - The accepted names.
 * @param prefix - Written before the suggestion (e.g. `--` for flags).
 * @returns The hint, with a leading space.
 * @example
 * didYouMean("prest", ["preset"], "--"); // ' (did you mean "--preset"?)'
 */
export function didYouMean(name: string, known: readonly string[], prefix = ""): string {
  const suggestion = suggestName(name, known);
  return suggestion === null ? "" : ` (did you mean "${prefix}${suggestion}"?)`;
}
