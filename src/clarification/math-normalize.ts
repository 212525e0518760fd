/**
 * LaTeX-to-plain tables, kept as data: questions mix `\pi`, `π` and `pi`; a diff and an embedding
 * should see one spelling. Only single commands are mapped; nothing here recurses.
 */
export const COMMAND_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  pi: "π", theta: "θ", alpha: "α", beta: "β", gamma: "γ", delta: "δ", lambda: "λ", omega: "ω", phi: "φ", mu: "μ",
  sigma: "σ", tau: "τ", epsilon: "ε", rho: "ρ", eta: "η", psi: "ψ", Delta: "Δ", Omega: "Ω",
  le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", cdot: "·", times: "×", circ: "°", infty: "∞", sqrt: "√",
  pm: "±", approx: "≈", to: "→", angle: "∠", deg: "°", div: "÷",
});

/** Commands that only format: dropped from token streams and from plain text. */
export const FORMAT_COMMANDS: ReadonlySet<string> = new Set([
  "left", "right", "mathbf", "mathrm", "mathbb", "mathcal", "text", "textbf", "textit", "operatorname", "displaystyle",
  "begin", "end", "frac", "dfrac", "tfrac", "quad", "qquad", "renewcommand", "arraystretch", "overline", "vec", "hat",
  "bar", "boldsymbol", "mbox", "big", "Big", "bigg", "limits", "nolimits", "dots", "ldots", "cdots", "hspace", "vspace",
]);

/** Superscript digits to their ASCII caret form. */
export const SUPERSCRIPTS: Readonly<Record<string, string>> = Object.freeze({
  "²": "^2", "³": "^3", "¹": "^1", "⁰": "^0", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7", "⁸": "^8", "⁹": "^9",
});
