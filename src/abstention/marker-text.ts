/**
 * The one normalization every abstention-marker check goes through (fixed mode). A policy under
 * optimization finds any spelling that one path accepts and another does not — `I don\'t know`,
 * `\text{I}\ \text{don't}`, a zero-width space, a Cyrillic `о` — so the bonus path (the marker box)
 * and the penalty path (the phrase anywhere in an answer) share this function: whatever spelling
 * earns the bonus also earns the penalty.
 */

// LaTeX commands that stand for an apostrophe.
const APOSTROPHE_COMMAND = /\\(?:textquoteright|textquoteleft|textquotesingle|rq|lq|prime|apostrophe)(?![A-Za-z])/g;

// Characters that render as, or are commonly typed for, an apostrophe.
const APOSTROPHES = /[\u2019\u2018\u201b\u0060\u00b4\u02bc\u02b9\u02bb\u02bd\u02c8\u2032\u2035\uff07]/g;

// Letters from other scripts that look like the Latin letters of the marker phrase (and a few
// more), mapped to them. NFKD already folds fullwidth and mathematical alphanumerics.
const CONFUSABLES: Readonly<Record<string, string>> = {
  "\u0430": "a",
  "\u0410": "a",
  "\u0435": "e",
  "\u0415": "e",
  "\u043e": "o",
  "\u041e": "o",
  "\u0440": "p",
  "\u0420": "p",
  "\u0441": "c",
  "\u0421": "c",
  "\u0443": "y",
  "\u0445": "x",
  "\u0456": "i",
  "\u0406": "i",
  "\u04cf": "i",
  "\u0458": "j",
  "\u043a": "k",
  "\u041a": "k",
  "\u0422": "t",
  "\u0442": "t",
  "\u041d": "h",
  "\u043d": "h",
  "\u0501": "d",
  "\u051d": "w",
  "\u0461": "w",
  "\u03bf": "o",
  "\u039f": "o",
  "\u03b9": "i",
  "\u0399": "i",
  "\u03ba": "k",
  "\u039a": "k",
  "\u03c4": "t",
  "\u03a4": "t",
  "\u039d": "n",
  "\u03bd": "v",
  "\u0131": "i",
  "\u0269": "i",
  "\u1d0f": "o",
  "\u0274": "n",
  "\u1d1b": "t",
  "\u1d0b": "k",
  "\u1d21": "w",
  "\u1d05": "d",
};

/**
 * Folds a text for marker matching: Unicode compatibility forms, diacritics, invisible format
 * characters, look-alike letters, apostrophe variants, LaTeX wrappers and escapes, `$`, markdown
 * emphasis. Case is kept (the phrase tests ignore it) and separator runs stay (the phrase tests skip them). Linear in the input length.
 * @param text - Any text (a box's content or a whole answer segment).
 * @returns The folded text.
 * @example
 * hasFoldedPhrase(foldMarkerText("\\text{I}\\ \\text{don\\'t}\\ know")); // true
 */
export function foldMarkerText(text: string): string {
  let out = text;
  // Most completions are plain ASCII: the Unicode steps are skipped for them (1 MB answers).
  if (/[^\x00-\x7f]/.test(out)) {
    out = out.normalize("NFKD").replace(/[\p{M}\p{Cf}]/gu, "");
    out = out.replace(/[\u0400-\u04ff\u0370-\u03ff\u0131\u0269\u1d00-\u1d2b\u0500-\u052f]/g, (ch) => CONFUSABLES[ch] ?? ch);
    out = out.replace(APOSTROPHES, "'");
  }
  if (out.includes("&")) out = out.replace(/&#0*39;|&apos;|&rsquo;|&#x0*27;/gi, "'");
  // `\command` → an apostrophe for the quote commands, else a space; `\'` → `'`; `\ `, `\,` … → a
  // space. One pass, no nested quantifiers.
  if (out.includes("\\")) {
    // Plain replacements (no callback): a 1 MB answer of 100,000 boxes folds in milliseconds.
    out = out
      .replace(APOSTROPHE_COMMAND, "'")
      .replace(/\\'/g, "'")
      .replace(/\\(?:[A-Za-z]{1,40}|[^A-Za-z])/g, " ");
  }
  // Separators (spaces, `~`, markdown emphasis, hyphens) are left in place: the phrase patterns
  // skip runs of them, which is cheaper than collapsing every run of a long text.
  return /[{}$]/.test(out) ? out.replace(/[{}$]/g, "") : out;
}

// After folding: "i don't know", "i dont know", "i don t know", "i do not know", "i-don't-know",
// "i **don't** know". Separator runs are bounded so a long run costs a bounded amount per "i".
const SEP = "[\\s~*_\\-\\u2010-\\u2015]";
const CORE = `i${SEP}{0,12}(?:do${SEP}{0,12}n${SEP}{0,12}'?${SEP}{0,12}t|do${SEP}{1,12}not)${SEP}{0,12}know`;
const PHRASE = new RegExp(`(?:^|[^a-z0-9])${CORE}(?![a-z0-9])`, "i");
const WHOLE = new RegExp(`^${SEP}*${CORE}$`, "i");

/**
 * Whether a folded text says "I don't know" somewhere.
 * @param folded - Output of {@link foldMarkerText}.
 * @returns `true` when the phrase occurs.
 * @example
 * hasFoldedPhrase(foldMarkerText("I don’t know.")); // true
 */
export function hasFoldedPhrase(folded: string): boolean {
  return PHRASE.test(folded);
}

/**
 * Whether a folded text is exactly the marker phrase, trailing `.`/`!` allowed.
 * @param folded - Output of {@link foldMarkerText}.
 * @returns `true` for the marker.
 * @example
 * isFoldedMarker(foldMarkerText("\\text{I don't know}.")); // true
 */
export function isFoldedMarker(folded: string): boolean {
  // A trailing-run regex would rescan the run from every start; a loop from the end is linear.
  let end = folded.length;
  while (end > 0 && /[\s.!~*_-]/.test(folded.charAt(end - 1))) end -= 1;
  return WHOLE.test(folded.slice(0, end));
}
