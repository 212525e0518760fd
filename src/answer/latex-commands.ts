/**
 * What each LaTeX command means to the math tokenizer. Kept as data so adding a command is a
 * one-line change; any command not listed here makes the parse fail (as an unknown macro does in
 * a real LaTeX-to-math converter), which the callers turn into "unparseable", never into a guess.
 */

/** What the tokenizer does with a command. */
export type CommandAction =
  | { type: "skip" } // spacing and sizing: `\,`, `\left`, `\quad`, `\displaystyle`
  | { type: "wrapper" } // `\boxed{…}`, `\overline{…}`: keep the argument as a group
  | { type: "text" } // `\text{…}` and friends: units, words, connectors
  | { type: "frac" }
  | { type: "binom" }
  | { type: "sqrt" }
  | { type: "fn"; name: string }
  | { type: "const"; name: "pi" | "e" | "inf" }
  | { type: "symbol"; name: string }
  | { type: "op"; op: "*" | "/" | "pm" | "mp" | "%" }
  | { type: "rel"; op: "=" | "<" | "<=" | ">" | ">=" | "!=" | "approx" }
  | { type: "in" }
  | { type: "cup" }
  | { type: "bigop"; name: "sum" | "prod" }
  | { type: "degree" }
  | { type: "ellipsis" }
  | { type: "begin" }
  | { type: "end" };

const GREEK = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "varepsilon",
  "zeta",
  "eta",
  "theta",
  "vartheta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "rho",
  "varrho",
  "sigma",
  "varsigma",
  "tau",
  "upsilon",
  "phi",
  "varphi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Sigma",
  "Upsilon",
  "Phi",
  "Psi",
  "Omega",
];

const FUNCTIONS = [
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "arcsin",
  "arccos",
  "arctan",
  "sinh",
  "cosh",
  "tanh",
  "log",
  "ln",
  "lg",
  "exp",
];

const SKIPPED = [
  ",",
  ";",
  ":",
  "!",
  " ",
  "quad",
  "qquad",
  "left",
  "right",
  "bigl",
  "bigr",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "Bigl",
  "Bigr",
  "biggl",
  "biggr",
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "limits",
  "nolimits",
  "$",
  "middle",
  "mathstrut",
  "strut",
  "hfill",
  "noindent",
  "enspace",
  "thinspace",
  "negthinspace",
];

const WRAPPERS = [
  "boxed",
  "fbox",
  "overline",
  "underline",
  "vec",
  "hat",
  "bar",
  "tilde",
  "widehat",
  "widetilde",
  "mathbf",
  "bm",
  "boldsymbol",
  "mathit",
  "mathsf",
  "mathcal",
  "mathbb",
  "pmb",
  "color",
];

const TEXT = ["text", "textbf", "textit", "textrm", "textnormal", "textsf", "texttt", "mbox", "mathrm", "operatorname", "emph"];

function build(): Map<string, CommandAction> {
  const table = new Map<string, CommandAction>();
  for (const name of SKIPPED) table.set(name, { type: "skip" });
  for (const name of WRAPPERS) table.set(name, { type: "wrapper" });
  for (const name of TEXT) table.set(name, { type: "text" });
  for (const name of GREEK) table.set(name, { type: "symbol", name });
  for (const name of FUNCTIONS) table.set(name, { type: "fn", name });
  for (const name of ["frac", "dfrac", "tfrac", "cfrac", "nicefrac"]) table.set(name, { type: "frac" });
  for (const name of ["binom", "dbinom", "tbinom", "choose"]) table.set(name, { type: "binom" });
  table.set("sqrt", { type: "sqrt" });
  table.set("pi", { type: "const", name: "pi" });
  table.set("infty", { type: "const", name: "inf" });
  table.set("infinity", { type: "const", name: "inf" });
  for (const name of ["cdot", "times", "ast", "bullet"]) table.set(name, { type: "op", op: "*" });
  table.set("div", { type: "op", op: "/" });
  table.set("pm", { type: "op", op: "pm" });
  table.set("mp", { type: "op", op: "mp" });
  table.set("%", { type: "op", op: "%" });
  for (const name of ["le", "leq", "leqslant"]) table.set(name, { type: "rel", op: "<=" });
  for (const name of ["ge", "geq", "geqslant"]) table.set(name, { type: "rel", op: ">=" });
  for (const name of ["ne", "neq"]) table.set(name, { type: "rel", op: "!=" });
  table.set("lt", { type: "rel", op: "<" });
  table.set("gt", { type: "rel", op: ">" });
  for (const name of ["approx", "simeq", "thickapprox"]) table.set(name, { type: "rel", op: "approx" });
  table.set("in", { type: "in" });
  table.set("cup", { type: "cup" });
  table.set("sum", { type: "bigop", name: "sum" });
  table.set("prod", { type: "bigop", name: "prod" });
  for (const name of ["circ", "degree"]) table.set(name, { type: "degree" });
  for (const name of ["dots", "ldots", "cdots", "dotsc", "dotsb"]) table.set(name, { type: "ellipsis" });
  table.set("begin", { type: "begin" });
  table.set("end", { type: "end" });
  return table;
}

/** Command name (without the backslash) → meaning. */
export const LATEX_COMMANDS: ReadonlyMap<string, CommandAction> = build();

/** Environments read as matrices; every other environment is transparent. */
export const MATRIX_ENVIRONMENTS: ReadonlySet<string> = new Set([
  "matrix",
  "pmatrix",
  "bmatrix",
  "Bmatrix",
  "vmatrix",
  "Vmatrix",
  "smallmatrix",
  "array",
]);

/** Plain-text function names accepted without a backslash (`sin(x)`, `sqrt(2)`). */
export const PLAIN_FUNCTIONS: ReadonlySet<string> = new Set([...FUNCTIONS, "sqrt", "abs"]);
