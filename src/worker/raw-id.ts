/**
 * Request ids that JSON.parse cannot hold: integers beyond ±(2^53 − 1) lose digits when parsed
 * (9007199254740993 becomes 9007199254740992), so echoing the parsed value would answer a
 * different id. The worker rejects such requests and names the id by its original text.
 */

const NUMBER_TOKEN = /^-?(?:0|[1-9]\d{0,400})(?:\.\d{1,400})?(?:[eE][+-]?\d{1,400})?/;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** End (exclusive) of the JSON string that opens at `at` (a `"`). */
function stringEnd(line: string, at: number): number {
  let i = at + 1;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 92) i += 2;
    else if (code === 34) return i + 1;
    else i += 1;
  }
  return line.length;
}

/**
 * The original text of the top-level `"id"` number of a JSON object line, read in one linear pass.
 * @param line - A line that JSON.parse accepted as an object.
 * @returns The number's text, or `null` when the top-level `id` is not a number literal.
 * @example
 * rawIdText('{"id":9007199254740993,"sample":{}}'); // "9007199254740993"
 */
export function rawIdText(line: string): string | null {
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    if (code === 34) {
      const end = stringEnd(line, i);
      if (depth === 1 && expectKey && line.slice(i, end) === '"id"') {
        let j = end;
        while (j < line.length && (isSpace(line.charCodeAt(j)) || line.charCodeAt(j) === 58)) j += 1;
        return NUMBER_TOKEN.exec(line.slice(j, j + 1300))?.[0] ?? null;
      }
      expectKey = false;
      i = end - 1;
    } else if (code === 123 || code === 91) {
      depth += 1;
      expectKey = code === 123 && depth === 1;
    } else if (code === 125 || code === 93) {
      depth -= 1;
    } else if (code === 44) {
      expectKey = depth === 1;
    }
  }
  return null;
}

/**
 * Whether a parsed id is a number that JSON.parse may have changed: not an integer within
 * ±(2^53 − 1). Fractional ids are rejected by the protocol anyway; this names large integers.
 * @param id - The parsed `id` value.
 * @returns True for an unsafe integer (including `1e300`).
 * @example
 * isUnsafeIntegerId(2 ** 53); // true
 */
export function isUnsafeIntegerId(id: unknown): boolean {
  return typeof id === "number" && Number.isInteger(id) && !Number.isSafeInteger(id);
}
