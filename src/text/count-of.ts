/**
 * Counts the non-overlapping occurrences of a substring, with `indexOf`: linear, no regex.
 * @param text - The text.
 * @param needle - A non-empty substring.
 * @returns How many times it occurs.
 * @example
 * countOf("<a><a>", "<a>"); // 2
 */
export function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
