/**
 * Whether the character at `at` is preceded by a backslash.
 * @param text - The text.
 * @param at - An offset in it.
 * @returns `true` for `\$`, `\]`, ….
 * @example
 * escaped("\\$5", 1); // true
 */
export function escaped(text: string, at: number): boolean {
  return at > 0 && text[at - 1] === "\\";
}

/**
 * `indexOf` that remembers its last answer: the scan only moves right, so a closer searched for
 * again (10,000 unclosed `\[`) is found in O(1) instead of rescanning the rest of the text.
 * @example
 * const newline = new NextIndex(text, "\n", false);
 * newline.find(0); // offset of the first newline, or -1
 */
export class NextIndex {
  private from = -1;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly unescaped: boolean,
  ) {}

  find(from: number): number {
    if (this.from !== -1 && from >= this.from && (this.at === -1 || this.at >= from)) return this.at;
    let at = this.text.indexOf(this.needle, from);
    while (this.unescaped && at !== -1 && escaped(this.text, at)) at = this.text.indexOf(this.needle, at + 1);
    this.from = from;
    this.at = at;
    return at;
  }
}
