/**
 * Python's whitespace set (`str.isspace()`, which is also what Python's `re` module's `\s` matches
 * on `str`), as a regex character-class body. It differs from JavaScript's: U+001C–U+001F and
 * U+0085 are whitespace in Python, U+FEFF is not.
 */
export const PY_WHITESPACE_CLASS =
  "\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const PY_SPACE = new RegExp(`^[${PY_WHITESPACE_CLASS}]$`);

/**
 * The phrase of Abstain-R1's marker regex, `I\s+don'?t\s+know\.?` under Python's `re.IGNORECASE`,
 * as a regex source: Python's `\s`, and its case folds spelled out (`İ`/`ı` match `I`, the Kelvin
 * sign matches `k`). The box pattern around it differs by use (a whole answer, one box's content).
 */
export const REFERENCE_MARKER_PHRASE = `[Ii\\u0130\\u0131][${PY_WHITESPACE_CLASS}]+[dD][oO][nN]'?[tT][${PY_WHITESPACE_CLASS}]+[kK\\u212a][nN][oO][wW]\\.?`;

function isPySpace(char: string): boolean {
  return PY_SPACE.test(char);
}

/**
 * Python's `str.strip()`: removes Python whitespace from both ends.
 * @param text - Any string.
 * @returns The stripped string.
 * @example
 * pyStrip("\u001c x \ufeff"); // "x \ufeff" — U+001C is Python whitespace, U+FEFF is not
 */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text.charAt(start))) start += 1;
  while (end > start && isPySpace(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}
