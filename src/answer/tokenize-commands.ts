import { LATEX_COMMANDS, MATRIX_ENVIRONMENTS } from "./latex-commands.js";
import { MathSyntaxError, type Token } from "./math-token.js";
import { isLetter } from "./math-chars.js";
import { classifyText } from "./text-command.js";
import { TokenizerCore } from "./tokenizer-core.js";

/** The backslash commands of the tokenizer: `\frac`, `\text{…}`, `\sqrt[n]`, environments, escapes. */
export abstract class CommandTokenizer extends TokenizerCore {
  protected command(): void {
    const { src } = this;
    const next = src[this.i + 1];
    if (next === undefined) throw new MathSyntaxError("Dangling backslash.");
    let j = this.i + 1;
    while (j < src.length && isLetter(src.charCodeAt(j))) j += 1;
    let name = src.slice(this.i + 1, j);
    if (name === "") {
      j = this.i + 2;
      name = next;
      if (next === "\\") {
        // `\\frac` from doubly escaped text is `\frac`; otherwise `\\` ends a matrix row.
        let k = j;
        while (k < src.length && isLetter(src.charCodeAt(k))) k += 1;
        if (k > j && LATEX_COMMANDS.has(src.slice(j, k))) {
          this.i += 1;
          return;
        }
        this.i = j;
        this.push({ t: "rowsep" });
        return;
      }
      if (next === "{" || next === "}") {
        this.i = j;
        this.push(next === "{" ? { t: "open", ch: "\\{" } : { t: "close", ch: "\\}" });
        return;
      }
      if (next === "$" || next === "#" || next === "&") {
        this.i = j;
        return;
      }
    }
    let action = LATEX_COMMANDS.get(name);
    // `\quadx` is `\quad x` to a lenient reader: the longest known command that starts the run.
    for (let cut = name.length - 1; action === undefined && cut >= 2; cut -= 1) {
      const known = LATEX_COMMANDS.get(name.slice(0, cut));
      if (known !== undefined) {
        action = known;
        name = name.slice(0, cut);
        j = this.i + 1 + cut;
      }
    }
    if (action === undefined) throw new MathSyntaxError(`Unknown command \\${name}.`);
    const frame = this.top();
    this.i = j;
    switch (action.type) {
      case "skip":
        if ((name === "left" || name === "right") && src[this.i] === ".") this.i += 1;
        return;
      case "wrapper":
      case "ellipsis":
        return;
      case "degree":
        return;
      case "text": {
        const group = this.readGroup(this.i);
        this.i = group.end;
        this.consumedArg(frame);
        const last = this.tokens.length === 0 ? undefined : this.tokens[this.tokens.length - 1];
        const afterValue = last !== undefined && (last.t === "num" || last.t === "close" || last.t === "id");
        const classified = classifyText(group.content, name, afterValue);
        if (classified.kind === "unit") this.skipPower();
        else if (classified.kind === "number") for (const token of this.nested(classified.text)) this.push(token);
        else for (const token of classified.tokens) this.push(token);
        return;
      }
      case "frac":
      case "binom":
        this.consumedArg(frame);
        this.push({ t: action.type });
        this.args.push({ depth: this.depth, pending: 2 });
        return;
      case "sqrt":
        this.consumedArg(frame);
        this.sqrt();
        return;
      case "fn":
        this.consumedArg(frame);
        this.push({ t: "fn", name: action.name === "lg" ? "log10" : action.name });
        return;
      case "const":
        this.consumedArg(frame);
        this.push({ t: "const", name: action.name });
        return;
      case "symbol":
        this.consumedArg(frame);
        this.push({ t: "id", name: action.name });
        return;
      case "op":
        this.push({ t: "op", op: action.op });
        return;
      case "rel":
        this.push({ t: "rel", op: action.op });
        return;
      case "in":
        this.push({ t: "in" });
        return;
      case "cup":
        this.push({ t: "cup" });
        return;
      case "bigop":
        this.consumedArg(frame);
        this.push({ t: "bigop", name: action.name });
        return;
      case "begin":
      case "end":
        this.environment(action.type);
        return;
    }
  }

  protected sqrt(): void {
    const { src } = this;
    let j = this.i;
    while (src[j] === " ") j += 1;
    let index: Token[] | null = null;
    if (src[j] === "[") {
      const close = src.indexOf("]", j);
      if (close === -1) throw new MathSyntaxError("Unclosed root index.");
      index = this.nested(src.slice(j + 1, close));
      this.i = close + 1;
    }
    this.push({ t: "sqrt", index });
    this.args.push({ depth: this.depth, pending: 1 });
  }

  protected environment(kind: "begin" | "end"): void {
    const group = this.readGroup(this.i);
    this.i = group.end;
    const env = group.content.replace("*", "");
    if (!MATRIX_ENVIRONMENTS.has(env)) return;
    if (kind === "begin") {
      this.matrixDepth += 1;
      this.push({ t: "matbegin" });
      if (env === "array") this.i = this.readGroup(this.i).end;
    } else {
      this.matrixDepth -= 1;
      this.push({ t: "matend" });
    }
  }
}
