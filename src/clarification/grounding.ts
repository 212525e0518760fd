import { distance } from "fastest-levenshtein";
import { QUANTITY_BLUR } from "./fact-rules.js";
import { contentCounts, countNorm, distinctiveKeys, holdsMost, MIN_COPY_TOKENS, prepareQuestion } from "./prepared-question.js";
import type { PreparedQuestion } from "./prepared-question.js";
import { GENERIC_SLOT_WORDS, STOPWORDS, WEAK_OBJECT_WORDS } from "./stopwords.js";
import { containsRun, isContent, stem, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

/**
 * Grounding signals: whether a clarification talks about *this* question. Each is a pure function
 * of the clarification (or one slot of it), the question and the missing facts, bounded in work.
 * The question side is read once ({@link prepareQuestion}, {@link groundingContext}) and shared by
 * every clarification and slot scored against it.
 */

export { MIN_COPY_TOKENS };
/** Question numbers combined pairwise when checking for derived numbers (bounded work). */
const MAX_QUESTION_NUMBERS = 24;

/** The question and its missing facts, read once for every grounding check. */
export interface GroundingContext {
  question: PreparedQuestion;
  /** Numbers of the question and the facts. */
  knownNumbers: readonly number[];
  /** Token keys (unstemmed) of the question and the facts: a name in neither is foreign. */
  words: ReadonlySet<string>;
  /**
   * For each number the question states and no fact holds, the stemmed keys within three tokens of
   * it in its sentence: the words that number may quantify.
   */
  statedNumberWindows: readonly ReadonlySet<string>[];
  /** The question's and the facts' symbols (see {@link EntityGrounding.foreignSymbols}); empty when the question has none. */
  symbols: ReadonlySet<string>;
  /** The numbers the question and the facts write, as digits or words (see {@link writtenNumbers}). */
  writtenNumbers: ReadonlySet<number>;
  /**
   * The question's numbers as digits and as words ("three touchdowns worth 7 points" gives 3 and 7),
   * at most {@link MAX_QUESTION_NUMBERS}: one step of arithmetic on them is a clarification's own working.
   */
  operands: readonly number[];
  /** The named functions the question and the facts apply (see {@link functionNames}). */
  functions: ReadonlySet<string>;
}

/** The sentence each token sits in, by index, from the sentences' ends; linear in sentences and tokens. */
function sentenceIndex(ends: readonly number[], tokens: readonly Token[]): number[] {
  let at = 0;
  return tokens.map((token) => {
    while (at < ends.length - 1 && token.start >= (ends[at] ?? 0)) at += 1;
    return at;
  });
}

function asPrepared(question: string | PreparedQuestion): PreparedQuestion {
  return typeof question === "string" ? prepareQuestion(question) : question;
}

/**
 * Reads a question and its missing facts once for {@link entityGrounding} and {@link slotNearStatedNumber}.
 * @param question - The question, as text or prepared.
 * @param facts - The missing facts' texts.
 * @returns The shared context.
 * @example
 * groundingContext("He has 9 books.", []).statedNumberWindows[0]?.has("book"); // true
 */
export function groundingContext(question: string | PreparedQuestion, facts: readonly string[]): GroundingContext {
  const prepared = asPrepared(question);
  const factTokens = facts.map((fact) => tokenize(fact));
  const factNumberTokens = factTokens.flat().filter((token) => token.type === "number");
  const factNumbers = new Set(factNumberTokens.map((token) => token.key));
  const words = new Set<string>();
  // "Will's breakfast" names Will: a possessive is its name, whatever else the word means.
  for (const key of [...prepared.words, ...factTokens.flat().map((token) => token.key)]) {
    words.add(key);
    words.add(key.replace(/['’]s$/, ""));
  }
  const stems = prepared.tokens.map((token) => stem(token.key));
  // A number states a quantity of its own sentence: "Jerry had $18. He spent some on games" gives no amount spent.
  const sentence = sentenceIndex(prepared.sentenceEnds, prepared.tokens);
  const windows: Set<string>[] = [];
  prepared.tokens.forEach((token, i) => {
    if (token.type !== "number" || factNumbers.has(token.key)) return;
    const near = new Set<string>();
    for (let k = Math.max(0, i - 3); k <= Math.min(stems.length - 1, i + 3); k += 1)
      if (sentence[k] === sentence[i]) near.add(stems[k] ?? "");
    windows.push(near);
  });
  const questionSymbols = prepared.tokens.filter(isSymbolToken);
  const symbols = new Set(
    questionSymbols.length === 0
      ? []
      : [...questionSymbols, ...factTokens.flat().filter(isSymbolToken)].map((token) => symbolKey(token.key)),
  );
  const questionWritten = writtenNumbers(prepared.text);
  return {
    question: prepared,
    knownNumbers: [...prepared.numbers, ...factNumberTokens.map((token) => Number(token.key)).filter(Number.isFinite)],
    // "one" and "zero" add nothing to one step of arithmetic but a ±1 to every number.
    operands: [...new Set([...prepared.numbers, ...[...questionWritten].filter((value) => value > 1)])].slice(0, MAX_QUESTION_NUMBERS),
    words,
    statedNumberWindows: windows,
    symbols,
    writtenNumbers: new Set([...questionWritten, ...facts.flatMap((fact) => [...writtenNumbers(fact)])]),
    functions: functionNames([...prepared.tokens, ...factTokens.flat()]),
  };
}

/** Result of {@link stripQuestionCopies}. */
export interface StrippedCopies {
  /** The clarification with every copied run blanked out (offsets kept as spaces). */
  text: string;
  /** Share of the clarification's content tokens that sit inside copied runs, in [0, 1]. */
  copiedShare: number;
}

/**
 * Blanks every run of {@link MIN_COPY_TOKENS} or more consecutive tokens that also occurs, in the
 * same order, in the question. What is left is what the clarification says of its own; whatever
 * wrapper surrounds a copied question ("The information needed is missing: <question>") is then
 * judged alone, so appending a copy of the question can add nothing. Linear in the token counts.
 * @param clarification - The clarification text.
 * @param question - The question, as text or prepared ("" disables the check).
 * @returns The stripped text and the copied share.
 * @example
 * stripQuestionCopies("Missing: Ed had some marbles.", "Ed had some marbles. How many?").text.trim(); // "Missing:"
 */
export function stripQuestionCopies(clarification: string, question: string | PreparedQuestion): StrippedCopies {
  if (question === "" || (typeof question !== "string" && question.text === "")) return { text: clarification, copiedShare: 0 };
  const tokens = tokenize(clarification);
  const prepared = asPrepared(question);
  // A copy of the whole question is a copy however short ("Compute ?" is two tokens); never fewer than three.
  const minimum = Math.max(3, Math.min(MIN_COPY_TOKENS, prepared.tokens.length));
  if (tokens.length < minimum) return { text: clarification, copiedShare: 0 };
  const grams = prepared.copyGrams;
  const copied = new Uint8Array(tokens.length);
  for (let i = 0; i + MIN_COPY_TOKENS <= tokens.length; i += 1) {
    const gram = tokens
      .slice(i, i + MIN_COPY_TOKENS)
      .map((token) => token.key)
      .join("\u0001");
    if (grams.has(gram)) copied.fill(1, i, i + MIN_COPY_TOKENS);
  }
  markNearCopies(tokens, prepared, minimum, copied);
  keepQuotedBlurs(clarification, tokens, copied);
  keepCountedThings(tokens, prepared, copied);
  let content = 0;
  let copiedContent = 0;
  tokens.forEach((token, i) => {
    if (!isContent(token)) return;
    content += 1;
    if (copied[i] === 1) copiedContent += 1;
  });
  let text = "";
  let from = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (copied[i] !== 1) continue;
    // Blank from this token's start to the next uncopied token's start (punctuation inside the copy goes too).
    let j = i;
    while (j + 1 < tokens.length && copied[j + 1] === 1) j += 1;
    const end = (tokens[j] as Token).end;
    text += clarification.slice(from, token.start) + " ".repeat(end - token.start);
    from = end;
    i = j;
  }
  text += clarification.slice(from);
  return { text, copiedShare: content === 0 ? 0 : copiedContent / content };
}

/** The most tokens a quotation may hold and still point at the question's vague words (see {@link keepQuotedBlurs}). */
const MAX_POINTER_QUOTE_TOKENS = 12;
/** A quoted phrase: straight or curly double quotes around at most 80 characters on one line. */
const QUOTED = /["“]([^"”\n]{1,80})["”]/g;
/** The most quoted phrases read (bounded work). */
const MAX_QUOTES = 16;

/** Markers of a made-up example: what follows illustrates what would be needed, it does not report the question. */
const EXAMPLE_MARKER = /\b(?:e\.g\.|for example|for instance|something like|such as(?=\s{0,3}["“]))/gi;
/** The most examples read, and the farthest an example reaches without a closing bracket or quote (bounded work). */
const MAX_EXAMPLES = 8;
const MAX_EXAMPLE_CHARS = 160;
/** A further quoted alternative right after a quoted example: ` or "What percentage is Lyle's share?"`. */
const NEXT_QUOTED_EXAMPLE = /^\s{0,3}(?:,\s{0,3})?(?:(?:or|and)\s{1,3})?["“][^"”\n]{1,160}["”]/;

/**
 * The spans a clarification gives as examples ("we would need to know how many were eaten (e.g.,
 * "3 goldfish were eaten")", "for example, she lost 5 kilograms", 'such as "What is Ian's share?"';
 * "such as" only before a quotation, as elsewhere it lists what is missing): from the marker to the
 * end of the bracket it sits in, else to the end of a quotation that opens right after it and of the
 * quoted alternatives that follow it ('"…" or "…"'), else to the next clause end. Numbers and
 * quotations there are the writer's illustrations, not another problem's.
 * Linear in the text.
 * @param text - The clarification.
 * @returns The spans, in order.
 * @example
 * exampleSpans('It needs the count (e.g., "3 were eaten").'); // [{ start: 20, end: 40 }]
 */
export function exampleSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const match of text.matchAll(EXAMPLE_MARKER)) {
    if (spans.length >= MAX_EXAMPLES) break;
    const start = match.index;
    const after = start + match[0].length;
    const window = text.slice(after, after + MAX_EXAMPLE_CHARS);
    const open = text.lastIndexOf("(", start);
    const inBracket = open !== -1 && start - open <= 40 && !text.slice(open, start).includes(")");
    const close = inBracket ? window.indexOf(")") : -1;
    const quote = /^[\s,:]{0,3}["“]/.exec(window);
    const quoteEnd = quote === null ? -1 : window.slice(quote[0].length).search(/["”]/);
    let end: number;
    if (close !== -1) end = after + close;
    else if (quote !== null && quoteEnd !== -1) {
      end = after + quote[0].length + quoteEnd + 1;
      // Quoted alternatives that follow ('such as "…" or "…"') are examples of the same list.
      for (let more = 0; more < MAX_EXAMPLES; more += 1) {
        const next = NEXT_QUOTED_EXAMPLE.exec(text.slice(end, end + MAX_EXAMPLE_CHARS + 16));
        if (next === null) break;
        end += next[0].length;
      }
    } else {
      const stop = window.search(/[;)\n]|[.?!](?=\s|$)/);
      end = after + (stop === -1 ? window.length : stop);
    }
    spans.push({ start, end });
  }
  return spans;
}

const inSpans = (at: number, spans: readonly { start: number; end: number }[]): boolean =>
  spans.some((span) => at >= span.start && at < span.end);

/**
 * Un-marks short quotations of the question that hold a vague amount ('it only says "more than 89
 * shirts"'): quoting the words that blur a quantity points at what is missing; it is not a copy
 * that pads the clarification. Only quotes of at most {@link MAX_POINTER_QUOTE_TOKENS} tokens, so
 * a quoted question stays a copy; the quoted words still count as the question's for every other
 * signal. Linear in the clarification.
 */
function keepQuotedBlurs(clarification: string, tokens: readonly Token[], copied: Uint8Array): void {
  let read = 0;
  for (const match of clarification.matchAll(QUOTED)) {
    if ((read += 1) > MAX_QUOTES) break;
    const inner = match[1] ?? "";
    if (!QUANTITY_BLUR.test(inner)) continue;
    const start = match.index;
    const end = start + match[0].length;
    let first = -1;
    let last = -1;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i] as Token;
      if (token.start >= end) break;
      if (token.start >= start && token.end <= end) {
        if (first === -1) first = i;
        last = i;
      }
    }
    if (first !== -1 && last - first + 1 <= MAX_POINTER_QUOTE_TOKENS) copied.fill(0, first, last + 1);
  }
}

/** The most tokens a copied run right after "how many" may hold and still name the thing counted (see {@link keepCountedThings}). */
const MAX_COUNTED_COPY_TOKENS = 10;
/** The two token keys before such a run: a quantity opener the clarification wrote itself. */
const COUNT_OPENER = /^(?:how (?:many|much)|(?:number|amount) of)$/;

/**
 * Un-marks a short copied run that follows a quantity opener the clarification wrote itself ("how
 * many | more children got on the bus", "the number of | pages of reading homework"): it names, in
 * the question's words, the thing whose amount is missing, and every other signal then reads it
 * (a stated amount so named is a false claim). A run with a number, one of more than
 * {@link MAX_COUNTED_COPY_TOKENS} tokens, or one whose content words are all the question's ask
 * ("how many | children are on the bus now") stays a copy. Linear in the clarification.
 */
function keepCountedThings(tokens: readonly Token[], question: PreparedQuestion, copied: Uint8Array): void {
  for (let a = 2; a < tokens.length; a += 1) {
    if (copied[a] !== 1 || copied[a - 1] === 1) continue;
    let b = a;
    while (b + 1 < tokens.length && copied[b + 1] === 1) b += 1;
    const opener = COUNT_OPENER.test(`${(tokens[a - 2] as Token).key} ${(tokens[a - 1] as Token).key}`);
    const run = tokens.slice(a, b + 1);
    if (opener && run.length <= MAX_COUNTED_COPY_TOKENS && run.every((token) => token.type !== "number")) {
      // Numbers are out, so every content token here is a word: one the ask lacks names more than the ask.
      if (run.some((token) => isContent(token) && !question.asked.has(stem(token.key)))) copied.fill(0, a, b + 1);
    }
    a = b;
  }
}

/**
 * Marks runs that copy the question with a word dropped here and there ("Find the area the
 * triangle with vertices …"): from each uncopied token, the run follows the question in order,
 * skipping one question word (never a number) at a time (one skip, then one more per four tokens); a run of at least
 * `minimum` tokens is a copy. Each start tries at most {@link MAX_KEY_POSITIONS} question positions
 * and a found run is not restarted inside, so the work stays near-linear.
 */
function markNearCopies(tokens: readonly Token[], question: PreparedQuestion, minimum: number, copied: Uint8Array): void {
  const keys = question.tokens.map((token) => token.key);
  // Dropping a number is how a clarification names a stated quantity ("how many puppies he gave to
  // his friends"), so a near copy may drop words, never numbers.
  const droppable = question.tokens.map((token) => token.type !== "number");
  for (let i = 0; i + minimum <= tokens.length; i += 1) {
    if (copied[i] === 1) continue;
    let longest = 0;
    for (const start of question.positions.get((tokens[i] as Token).key) ?? []) {
      let j = i + 1;
      let at = start + 1;
      let skips = 0;
      while (j < tokens.length) {
        const key = (tokens[j] as Token).key;
        if (keys[at] === key) at += 1;
        else if (keys[at + 1] === key && droppable[at] === true && skips + 1 <= Math.max(1, Math.floor((j - i) / 4))) {
          at += 2;
          skips += 1;
        } else break;
        j += 1;
      }
      longest = Math.max(longest, j - i);
    }
    if (longest >= minimum) {
      copied.fill(1, i, i + longest);
      i += longest - 1;
    }
  }
}

/** Result of {@link entityGrounding}. */
export interface EntityGrounding {
  /** Numbers of the clarification that neither the question, the facts nor one step of arithmetic on the question's numbers give. */
  foreignNumbers: string[];
  /** Names (capitalized words used as names) of the clarification that the question never mentions. */
  foreignNames: string[];
  /**
   * Symbols (single letters, Greek letters) of the clarification that a question written with
   * symbols never uses, nor its facts: "k" or "matrix A" for a question about x and y. Letters are
   * not checked when the question uses no symbol (a clarification may introduce "x" for a word
   * problem's unknown). Named functions ("csc", "cosine") the question never applies are listed too.
   */
  foreignSymbols: string[];
  /**
   * Numbers in what the clarification says the question states ("the problem says 2 more children
   * got on", "it only tells us he has 5 hours") that neither the question nor its facts contain as
   * written: a report of this question quotes its numbers, so a different one reports another
   * problem (or misreads this one). Arithmetic is no excuse in a quotation ("the problem says …"),
   * only in what it says is known ("we know 64 rode", when 26 + 38 = 64) and in its working in
   * brackets ("how many remain (9)"), one step of it; 0, 1 and 2 count too.
   */
  misreportedNumbers: string[];
  /**
   * Numbers of the bounds and approximations the clarification cites ("less than 6", "at least 3",
   * "nearly 15") that neither the question nor its facts write: a bound is how a question words a
   * quantity it blurs, so one the question lacks is another problem's (see {@link foreignBounds}).
   */
  foreignBounds: string[];
  /** How many numbers and names were checked. */
  checked: number;
}

/**
 * Where a clarification reports what the question states: "the problem (only) says/states/tells us/
 * mentions/gives … (that)", "it says …", "we are (we're) told …", "according to the problem, …",
 * "(only that it's less than 6)" (an elliptical "it says only that"; "not only that" reports nothing),
 * and what it says is given ("… is given as …", "it's stated as …"). Group 1 is a quotation; group 2 is
 * what it says is known ("we only know …", "I know …"), which may also be its own inference from the
 * question. The report runs to the clause end (a period not inside a number, a semicolon, a line end),
 * at most 200 characters; what it puts in brackets may be its own working (see {@link misreportedNumbers}).
 */
const REPORTED_CLAUSE =
  /\b(?:(?:(?:the (?:problem|question)|it)\s(?:only |also |just |clearly |explicitly )?(?:states?|says?|tells? (?:us|me)|mentions?|gives?|provides?|specifies|notes?|indicates?|describes?|claims?)|(?:we|I)(?:'re| are| am|'m)? (?:only |also )?(?:told|given)|(?:is|are|was|were|['’]s) (?:given|stated|listed) as|according to the (?:problem|question),?|(?<!not )only that)\s((?:[^.;\n]|\.(?=\d)){1,200})|(?:we|I)\s(?:only |also |do |already )?know(?:\sthat)?\s((?:[^.;\n]|\.(?=\d)){1,200}))/gi;
/** The most reports read (bounded work). */
const MAX_REPORTS = 8;
/** An operator or an equals sign between numbers: arithmetic shown ("26 + 38 = 64", "3×4"). */
const SHOWN_ARITHMETIC = /\d\s{0,3}[-+×*/÷=−]\s{0,3}[\d(]/;
/** A bracketed aside of at most 80 characters: the clarification's own working inside a report. */
const BRACKETED = /\([^()]{0,80}\)/g;
const UNITS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(
    " ",
  );
const TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
const ORDINALS = "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(" ");
/** Words that write a number: units, tens, ordinals ("third" is 3, and 1 of "a third"), and "half", "twice", "dozen" and the like. */
const NUMBER_WORDS: ReadonlyMap<string, readonly number[]> = new Map<string, readonly number[]>([
  ...UNITS.map((word, value): [string, number[]] => [word, [value]]),
  ...TENS.flatMap((word, tens): [string, number[]][] => (word === "_" ? [] : [[word, [tens * 10]]])),
  ...ORDINALS.flatMap((word, value): [string, number[]][] => (word === "_" ? [] : [[word, [value, 1]]])),
  ["half", [2, 1]],
  ["quarter", [4, 1]],
  ["twice", [2]],
  ["double", [2]],
  ["triple", [3]],
  ["dozen", [12]],
  ["hundred", [100]],
  ["thousand", [1000]],
]);
/** A compound number word: "twenty-five", "forty two". */
const COMPOUND_NUMBER = /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b/gi;
/** Digits with thousands separators, read as one number: "1,200". */
const GROUPED_DIGITS = /(\d),(?=\d{3}(?!\d))/g;

/**
 * The numbers a text writes, as digits (thousands separators read: "1,200" is 1200) or as words
 * ("three", "twenty-five", "a third", "a dozen").
 * @param text - A question or a fact.
 * @returns The values.
 * @example
 * writtenNumbers("Twenty-five kids and 1,200 dollars, a third of them.").has(25); // true
 */
export function writtenNumbers(text: string): Set<number> {
  const values = new Set<number>();
  for (const token of tokenize(text.replace(GROUPED_DIGITS, "$1"))) {
    if (token.type === "number") values.add(Number(token.key));
    for (const value of NUMBER_WORDS.get(token.key) ?? []) values.add(value);
  }
  for (const match of text.matchAll(COMPOUND_NUMBER)) {
    values.add(TENS.indexOf((match[1] ?? "").toLowerCase()) * 10 + UNITS.indexOf((match[2] ?? "").toLowerCase()));
  }
  values.delete(Number.NaN);
  return values;
}

/**
 * The numbers of a clarification's reports of the question ({@link REPORTED_CLAUSE}) that the question and its facts
 * never write, as digits or as a number word (see {@link EntityGrounding.misreportedNumbers}).
 * @param clarification - The clarification.
 * @param context - The question's grounding context.
 * @returns The misreported numbers, in order, without repeats.
 * @example
 * misreportedNumbers("The problem says 2 more children got on.", groundingContext("At least 38 more children got on.", [])); // ["2"]
 */
export function misreportedNumbers(clarification: string, context: GroundingContext): string[] {
  const known = context.writtenNumbers;
  const out: string[] = [];
  let reports = 0;
  const base = context.operands;
  for (const match of clarification.matchAll(REPORTED_CLAUSE)) {
    if (reports >= MAX_REPORTS) break;
    reports += 1;
    // What it says is known may be inferred: one step of arithmetic on the question's numbers is its own.
    const inferred = match[1] === undefined;
    const report = (match[1] ?? match[2] ?? "").replace(GROUPED_DIGITS, "$1");
    // A number in brackets may be the clarification's own working ("how many remain (9)"), so it is
    // excused as an inference is; one that no step of arithmetic gives quotes another problem
    // ("it only gives the number of diet soda bottles (40)").
    // Arithmetic shown in brackets ("(26 + 38 = 64)", "(64 - 10 = 54)") is working whatever its steps.
    const bracketed = [...report.matchAll(BRACKETED)]
      .map((part) => part[0])
      .filter((part) => !SHOWN_ARITHMETIC.test(part))
      .join(" ");
    const quoted = report.replace(BRACKETED, " ");
    for (const [text, excused] of [
      [quoted, inferred],
      [bracketed, true],
    ] as const) {
      for (const token of tokenize(text)) {
        if (token.type !== "number") continue;
        const value = Number(token.key);
        if (!Number.isFinite(value) || known.has(value) || out.includes(token.key)) continue;
        if (!(excused && derivable(value, base))) out.push(token.key);
      }
    }
  }
  return out;
}

/**
 * A bound or an approximation with its number: "less than 6", "at least 3", "no more than 10",
 * "nearly 15", "up to $ 200" (group 1 is the number). "over", "under", "about" and "around" are left
 * out: in a clarification's own sentences they are as often prepositions ("spread over 3 days",
 * "around 5 pm") as bounds.
 */
const BOUND_NUMBER =
  /\b(?:(?:less|fewer|more|greater|smaller|larger|bigger|higher|lower) than|at (?:least|most)|approximately|roughly|nearly|almost|up to)\s{1,3}(?:\$\s{0,2})?(\d+(?:\.\d+)?)\b/gi;
/** The most bounds read (bounded work). */
const MAX_BOUNDS = 16;

/**
 * The numbers of the bounds and approximations a clarification cites ("only that it's less than 6",
 * "at least 3 points each") that the question and its facts never write, as digits or as a number
 * word. A clarification does not make up a bound: it quotes the one a question gives ("more than 33
 * pieces"), so a bound with a number this question never writes reads another problem, unless one
 * step of arithmetic on the question's numbers gives it ("so at least 5 came", of 7 and 2: its own
 * reasoning, as for a foreign number). (A premise correction may cite a bound of its
 * own, "he died more than 2200 years ago"; {@link groundingScale} reads these only when a clarification
 * declares things missing and corrects nothing.)
 * @param clarification - The clarification.
 * @param context - The question's grounding context.
 * @returns The numbers, in order, without repeats.
 * @example
 * foreignBounds("It only says fewer than 6 members came.", groundingContext("2 of 9 members did not come.", [])); // ["6"]
 */
export function foreignBounds(clarification: string, context: GroundingContext): string[] {
  const out: string[] = [];
  const base = context.operands;
  let read = 0;
  for (const match of clarification.replace(GROUPED_DIGITS, "$1").matchAll(BOUND_NUMBER)) {
    if (read >= MAX_BOUNDS) break;
    read += 1;
    const number = match[1] ?? "";
    const value = Number(number);
    if (!Number.isFinite(value) || context.writtenNumbers.has(value) || out.includes(number)) continue;
    if (!derivable(value, base)) out.push(number);
  }
  return out;
}

/** Letters that are not a problem's own symbols: the article "a", the pronoun "I", the constants π and e. */
const NOT_SYMBOLS: ReadonlySet<string> = new Set(["a", "i", "π", "e"]);

/** A symbol token: a single letter or a Greek letter, not one of {@link NOT_SYMBOLS}. */
function isSymbolToken(token: Token): boolean {
  return token.type === "variable" && !NOT_SYMBOLS.has(token.key);
}

/** A symbol's key with math-alphanumeric letters read as plain ones ("𝑣" is "v"). */
function symbolKey(key: string): string {
  return key.normalize("NFKC").toLowerCase();
}

/** Whether `value` is one of `numbers` or one sum, difference, product or quotient of two of them. */
function derivable(value: number, numbers: readonly number[]): boolean {
  const near = (x: number): boolean => Math.abs(x - value) <= 1e-9 * Math.max(1, Math.abs(value));
  for (let i = 0; i < numbers.length; i += 1) {
    const a = numbers[i] as number;
    if (near(a)) return true;
    for (let j = 0; j < numbers.length; j += 1) {
      if (i === j) continue;
      const b = numbers[j] as number;
      if (near(a + b) || near(a - b) || near(a * b) || (b !== 0 && near(a / b))) return true;
    }
  }
  return false;
}

/** What precedes a sentence's first word: a sentence end (a closing quote or bracket may follow it: `says "some." To`), a list marker, or nothing. */
const SENTENCE_START = /(?:^|[.!?:;\n(]["'\u201d\u2019)\]]{0,2}\s{0,3}|\d\.\s{1,3}|[-*•]\s{1,3})$/;

/**
 * Capitalized words that name days and months, not people or things of a story: a clarification may
 * infer "Tuesday" from "the next day" after "On Monday".
 */
const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  [
    "monday tuesday wednesday thursday friday saturday sunday",
    "january february march april may june july august september october november december",
  ]
    .join(" ")
    .split(" "),
);

/**
 * Capitalized words used as names: not sentence openers (unless also used mid-sentence or as a
 * possessive), not days or months, not function words ("It's" and "There's" are no possessives,
 * and a quoted question opens with a capital: '"How much?"'), not the writer ("I'll"), not words
 * in capitals for emphasis ("NOT GIVEN", "DON'T", "UNANSWERABLE"; a short acronym alone may name).
 */
export function nameTokens(text: string, tokenized: readonly Token[] = tokenize(text)): string[] {
  const tokens = tokenized.filter((token) => token.type === "word" || token.type === "variable");
  // "I", "I'll", "I'm" are the writer.
  const capitalized = (token: Token): boolean => /^\p{Lu}/u.test(text.charAt(token.start)) && !/^i(?:$|['’])/.test(token.key);
  const caps = (token: Token): boolean => {
    const word = text.slice(token.start, token.end);
    return /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
  };
  const opener = (token: Token): boolean => SENTENCE_START.test(text.slice(Math.max(0, token.start - 6), token.start));
  const midSentence = new Set(tokens.filter((token) => capitalized(token) && !opener(token)).map((token) => token.key));
  const names: string[] = [];
  tokens.forEach((token, at) => {
    if (!capitalized(token)) return;
    const key = token.key.replace(/['’]s$/, "");
    // A word in capitals for emphasis ("NOT GIVEN", "DON'T", "UNANSWERABLE") names nothing; a short
    // acronym standing alone ("NASA") may.
    if (caps(token)) {
      const beside = [tokens[at - 1], tokens[at + 1]].some((other) => other !== undefined && caps(other));
      if (beside || /['’]/.test(token.key) || key.length > 5 || GENERIC_SLOT_WORDS.has(key)) return;
    }
    // A function word names nothing, possessive-looking ("It's") or capitalized after a quotation mark; "Will" may be a person.
    if (STOPWORDS.has(key) && key !== "will") return;
    const possessive = /^['’]s\b/.test(text.slice(token.end, token.end + 3)) || /['’]s$/.test(token.key);
    if (opener(token) && !midSentence.has(token.key) && !possessive) return;
    if (key.length >= 2 && !CALENDAR_WORDS.has(key) && !names.includes(key)) names.push(key);
  });
  return names;
}

/**
 * Whether the people, objects and numbers a clarification talks about are the question's: numbers
 * must occur in the question or the facts or follow from two question numbers by one operation
 * (a clarification may quote a derived total); names must occur in the question or the facts, and so
 * must the symbols of a question written with symbols.
 * @param clarification - The clarification (copies of the question already stripped).
 * @param question - The question (text or prepared), or a {@link groundingContext} (then `facts` is not read).
 * @param facts - The missing facts' texts.
 * @param tokens - The clarification's tokens, when already computed.
 * @param examples - Its {@link exampleSpans}, when already computed.
 * @returns The foreign numbers, names and symbols, and how many numbers and names were checked.
 * @example
 * entityGrounding("We do not know how many marbles Steven had.", "Tom had some marbles. How many?", []).foreignNames; // ["steven"]
 */
export function entityGrounding(
  clarification: string,
  question: string | PreparedQuestion | GroundingContext,
  facts: readonly string[] = [],
  tokens: readonly Token[] = tokenize(clarification),
  examples: readonly { start: number; end: number }[] = exampleSpans(clarification),
): EntityGrounding {
  const context = typeof question !== "string" && "statedNumberWindows" in question ? question : groundingContext(question, facts);
  const known = context.knownNumbers;
  const base = context.operands;
  // A number given as an example ("e.g., 3 goldfish") illustrates; it is not another problem's.
  const numbers = [
    ...new Set(tokens.filter((token) => token.type === "number" && !inSpans(token.start, examples)).map((token) => token.key)),
  ];
  // 0, 1 and 2 are how prose counts ("one of them", "both"), not quantities of another problem.
  const foreignNumbers = numbers.filter((key) => {
    const value = Number(key);
    return (
      Number.isFinite(value) &&
      value > 2 &&
      !known.some((x) => x === value) &&
      !context.writtenNumbers.has(value) &&
      !derivable(value, base)
    );
  });
  const names = nameTokens(clarification, tokens);
  const foreignNames = names.filter((name) => !context.words.has(name) && !context.words.has(stem(name)));
  return {
    foreignNumbers,
    foreignNames,
    foreignSymbols: foreignSymbolKeys(clarification, tokens, context),
    misreportedNumbers: misreportedNumbers(clarification, context),
    foreignBounds: foreignBounds(clarification, context),
    checked: numbers.filter((key) => Number(key) > 2).length + names.length,
  };
}

/** A letter of an abbreviation ("i.e.", "e.g."): a period joins it to another letter. */
function inAbbreviation(text: string, token: Token): boolean {
  return /\p{L}\.$/u.test(text.slice(Math.max(0, token.start - 2), token.start)) || /^\.\p{L}/u.test(text.slice(token.end, token.end + 2));
}

/**
 * Named functions, by every name a clarification may give them: "csc", "cosecant". "tangent" and
 * "secant" are left out, as they also name lines.
 */
const FUNCTION_NAMES: ReadonlyMap<string, string> = new Map([
  ...["sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh"].map((name): [string, string] => [
    name,
    name,
  ]),
  ["sine", "sin"],
  ["cosine", "cos"],
  ["cotangent", "cot"],
  ["cosecant", "csc"],
  ["arcsine", "arcsin"],
  ["arccosine", "arccos"],
  ["arctangent", "arctan"],
  ["log", "log"],
  ["ln", "log"],
  ["logarithm", "log"],
  ["logarithms", "log"],
]);

/**
 * The named functions a text uses ("\csc", "cosine"), each by one name ("csc", "cos").
 * @param tokens - The text's tokens.
 * @returns The function names.
 * @example
 * functionNames(tokenize("the cosine of \\theta")); // Set { "cos" }
 */
export function functionNames(tokens: readonly Token[]): Set<string> {
  const names = new Set<string>();
  for (const token of tokens) {
    const name = token.type === "word" ? FUNCTION_NAMES.get(token.key) : undefined;
    if (name !== undefined) names.add(name);
  }
  return names;
}

function foreignSymbolKeys(text: string, tokens: readonly Token[], context: GroundingContext): string[] {
  // A function the question never applies ("csc" for a question about projections) is another problem's.
  const functions = [...functionNames(tokens)].filter((name) => !context.functions.has(name));
  // A question without symbols: a clarification may introduce its own ("let x be …").
  if (context.symbols.size === 0) return functions;
  const known = context.symbols;
  const used = new Set(tokens.filter((token) => isSymbolToken(token) && !inAbbreviation(text, token)).map((token) => symbolKey(token.key)));
  return [...[...used].filter((key) => !known.has(key)), ...functions];
}

/**
 * Whether a declared-missing slot describes a quantity the question states: at least two thirds
 * of the slot's specific words sit within three tokens of one number of the question, in that
 * number's sentence, that no missing fact holds ("the number of books" when the question says "he
 * has 9 books"; not "how many slices Mrs. Hilt sold" of "Mrs. Hilt has 6 pizzas. Each pizza has 6
 * slices.", where no one number stands beside both).
 * @param slotKeys - Specific keys of the slot (stemmed).
 * @param question - The question text, or a {@link groundingContext} (then `facts` is not read).
 * @param facts - The missing facts' texts (their numbers are not stated ones).
 * @returns `true` when the slot sits on a stated number.
 * @example
 * slotNearStatedNumber(["book"], "He has 9 books and some magazines.", ["some magazines"]); // true
 */
export function slotNearStatedNumber(
  slotKeys: readonly string[],
  question: string | GroundingContext,
  facts: readonly string[] = [],
): boolean {
  const keys = slotKeys.filter((key) => !/^\d/.test(key));
  if (keys.length === 0) return false;
  const context = typeof question === "string" ? groundingContext(question, facts) : question;
  // A word the question only asks about ("… than on Friday?") sits beside no stated number; what sets
  // the slot apart from the asked quantity must be there too ("how many sweet cookies he *started*
  // with" does not sit on "He ate 15 sweet cookies").
  const probe = distinctiveKeys(context.question, keys);
  if (probe === null) return false;
  return context.statedNumberWindows.some(
    (near) => keys.filter((key) => near.has(key)).length / keys.length >= 2 / 3 && holdsMost(probe, (key) => near.has(key)),
  );
}

/** Result of {@link slotHead}. */
export interface SlotHead {
  /** The head noun's key ("marble" of "how many marbles Ed had"), or "" when the slot names nothing specific. */
  head: string;
  /** The other specific keys: who, which, when ("ed", "had"). */
  modifiers: string[];
}

/** A word that says which thing is meant: a content word, not a number, not a generic slot word ("number", "amount", "exact"). */
function isSpecificWord(token: Token): boolean {
  return isContent(token) && token.type !== "number" && !GENERIC_SLOT_WORDS.has(token.key);
}

/**
 * The head noun and modifiers of a slot phrase: the first specific word names the thing
 * ("how many *marbles* Ed had", "the *price* of the shirt"); the remaining specific words say
 * which one. Generic words ("number", "amount", "exact") are skipped, so "the number of books"
 * has the head "book".
 * @param slot - The slot phrase.
 * @returns Head and modifiers (stemmed keys).
 * @example
 * slotHead("how many marbles Ed had at the start"); // { head: "marble", modifiers: ["ed", "start"] }
 */
export function slotHead(slot: string): SlotHead {
  const keys: string[] = [];
  for (const token of tokenize(slot)) {
    if (!isSpecificWord(token)) continue;
    const key = stem(token.key.replace(/'s$/, ""));
    if (!keys.includes(key)) keys.push(key);
  }
  return { head: keys[0] ?? "", modifiers: keys.slice(1) };
}

/** Pronouns that open a clause: "how much *she* earns" counts what she does, not a thing. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set("he she they it we you i".split(" "));

/**
 * The word that names the thing a quantity slot counts, read past its opener ("how many", "the
 * number of"): its first specific word ("how many *sweaters* were sold", "how much his *mom's*
 * strawberries weighed"). A slot that opens with a subject pronoun ("how much *she* earns", "how
 * long *it* takes") counts an action and names no thing.
 * @param rest - The slot past its opener.
 * @returns The stemmed key, or "" when the slot names no thing.
 * @example
 * countedThing("sweaters were sold"); // "sweater"
 */
export function countedThing(rest: string): string {
  let numberEnd = -2;
  for (const token of tokenize(rest)) {
    if (token.type === "number") numberEnd = token.end;
    if (token.type === "symbol") continue;
    // "how many 120-ounce buckets": a number joined to its unit measures the thing, it is not the thing.
    if (token.start === numberEnd + 1 && rest.charAt(numberEnd) === "-") continue;
    // The clause's subject comes after the thing counted: none named before it, none at all
    // ("how many pieces *he* started with": "pieces" says nothing of what, "started" is his doing).
    if (SUBJECT_PRONOUNS.has(token.key)) return "";
    if (isSpecificWord(token)) return stem(token.key);
  }
  return "";
}

function keyNear(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 5 && b.length >= 5 && !/\d/.test(a + b) && distance(a, b) <= 1;
}

/**
 * How well a declared-missing slot lines up with one missing fact, in context: half for the slot's
 * head noun occurring in the fact (its edited words or the context kept around them), half for the
 * share of its modifiers that do. A slot about the right object of the wrong person ("Jackie's
 * count" for a fact about Josh) keeps the head but loses the modifiers.
 * @param head - From {@link slotHead}.
 * @param factKeys - All specific keys of the fact (stemmed).
 * @returns Alignment in [0, 1].
 * @example
 * slotAlignment(slotHead("how many marbles Ed had"), ["ed", "had", "marble"]); // 1
 */
export function slotAlignment(head: SlotHead, factKeys: readonly string[]): number {
  if (head.head === "" || factKeys.length === 0) return 0;
  const has = (key: string): boolean => factKeys.some((fact) => keyNear(fact, key));
  const headScore = has(head.head) ? 0.5 : 0;
  const modifierScore = head.modifiers.length === 0 ? 0.25 : (0.5 * head.modifiers.filter(has).length) / head.modifiers.length;
  return headScore + modifierScore;
}

/**
 * The share of a clarification's own words (content words that say something specific: generic
 * slot words like "exact" or "information" and numbers left out) that neither the question nor
 * its missing facts use. The clarification of another problem talks about that problem's objects
 * ("sweaters" for a question about shirts and shoes); a right one reuses the question's words.
 * @param tokens - The clarification's tokens (copies of the question already blanked).
 * @param known - Stemmed content keys of the question and the facts.
 * @param within - Character spans to read (the sentences that declare something missing); all by default.
 * @returns The share in [0, 1] (0 when there are no such words).
 * @example
 * foreignWordShare(tokenize("how many sweaters were sold"), new Set(["shirt", "sold"])); // 0.5
 */
export function foreignWordShare(
  tokens: readonly Token[],
  known: ReadonlySet<string>,
  within: readonly { start: number; end: number }[] = [{ start: 0, end: Number.POSITIVE_INFINITY }],
): number {
  const keys = new Set<string>();
  for (const token of tokens) {
    if (!within.some((span) => token.start >= span.start && token.end <= span.end)) continue;
    if (!isSpecificWord(token)) continue;
    keys.add(stem(token.key));
  }
  if (keys.size === 0) return 0;
  let foreign = 0;
  for (const key of keys) if (!known.has(key)) foreign += 1;
  return foreign / keys.size;
}

/**
 * The least share, over the given slots, of a slot's specific keys that `known` lacks: the slot
 * that is most about this question's things speaks for the clarification (0 without slot keys).
 * @param slots - Slots with their specific keys (stemmed).
 * @param known - Stemmed content keys of the question and the facts.
 * @returns The share in [0, 1].
 * @example
 * slotForeignShare([{ keys: ["sweater", "sold"] }], new Set(["shirt", "sold"])); // 0.5
 */
export function slotForeignShare(slots: readonly { keys: readonly string[] }[], known: ReadonlySet<string>): number {
  let least = Number.POSITIVE_INFINITY;
  for (const slot of slots) {
    if (slot.keys.length === 0) continue;
    least = Math.min(least, slot.keys.filter((key) => !known.has(key)).length / slot.keys.length);
  }
  return Number.isFinite(least) ? least : 0;
}

/** Head words that name any thing or anyone, or a part of the notation (stemmed): they say which thing only with what follows. */
const GENERAL_HEADS: ReadonlySet<string> = new Set([
  ..."total type kind sort person people one each item object".split(" "),
  // Parts of the notation, beside the math objects of WEAK_OBJECT_WORDS.
  ..."argument denominator numerator coefficient".split(" "),
]);

/**
 * Whether every declared-missing slot that names its thing by a head noun ("how many *sweaters*
 * were sold", "the *color* of the train") names a thing neither the question nor its facts
 * mention: the slot then asks about another problem's object, however well its other words fit.
 * One slot whose head the question knows is enough to clear the clarification; a head that names
 * a part of the notation (see WEAK_OBJECT_WORDS: "the argument", "the denominator") or anything at
 * all ("the total", "each person") is not read.
 * @param heads - The head word of every slot to read ({@link countedThing} of a quantity slot,
 *   {@link slotHead} of a property slot; "" for none).
 * @param known - Stemmed content keys of the question and the facts.
 * @returns 1 when there is such a slot and every one has a foreign head, else 0.
 * @example
 * headForeign(["sweater"], new Set(["shirt", "sold"])); // 1
 */
export function headForeign(heads: readonly string[], known: ReadonlySet<string>): number {
  let headed = 0;
  for (const head of heads) {
    if (everyProblems(head)) continue;
    headed += 1;
    if (knownThing(head, known)) return 0;
  }
  return headed === 0 ? 0 : 1;
}

/**
 * A part of the notation ("the argument", "the denominator") or a word for any thing or anyone
 * ("the total", "each type", "either person"): every problem's, not another problem's.
 */
function everyProblems(key: string): boolean {
  return key === "" || WEAK_OBJECT_WORDS.has(key) || GENERAL_HEADS.has(key);
}

/** The question or its facts name the thing, or a word one edit away from it ("specifed"). */
function knownThing(key: string, known: ReadonlySet<string>): boolean {
  return known.has(key) || [...known].some((other) => keyNear(other, key));
}

/** Units of time, and the words "part" and "time": any problem's ("how many weeks are in a month"), never another problem's thing. */
const TIME_UNITS: ReadonlySet<string> = new Set(["second", "minute", "hour", "day", "week", "month", "year", "part", "time"].map(stem));

/**
 * The thing a rate slot is about when its unit belongs to another problem: "how much fish each
 * *camper* eats" for a question about fishermen counts per camper, so it names a camper, whatever it
 * counts. A unit the question or its facts mention, a unit of time, or no unit gives `counted`.
 * @param counted - What the slot counts ({@link countedThing}).
 * @param unit - The rate's unit (stemmed), if the slot is a rate.
 * @param known - Keys of the question and its facts.
 * @returns The key {@link headForeign} should judge.
 * @example
 * rateThing("fish", "camper", new Set(["fish", "fisherman"])); // "camper"
 */
export function rateThing(counted: string, unit: string | undefined, known: ReadonlySet<string>): string {
  if (unit === undefined || everyProblems(unit) || TIME_UNITS.has(unit)) return counted;
  return knownThing(unit, known) ? counted : unit;
}

/** Words that qualify a quantity ("*more than* 8 groups", "*at least* 3"): a quotation that adds or drops one says something else. */
const QUANTITY_QUALIFIERS: ReadonlySet<string> = new Set(
  "more less least most than fewer over under about around approximately exactly only some several few many".split(" "),
);

/** Qualifiers that stand for a number on their own ("ate *some* of them"). */
const VAGUE_AMOUNTS: ReadonlySet<string> = new Set("some several few many".split(" "));

/**
 * The words a quotation is compared by: numbers (thousands separators read), content words and
 * quantity qualifiers, stemmed, in order. "more than 8 groups" is ["more", "than", "8", "group"].
 * @param text - A question, a fact or a quoted phrase.
 * @returns The keys, in order.
 * @example
 * quoteKeys("at least 1,200 apples"); // ["least", "1200", "apple"]
 */
export function quoteKeys(text: string): string[] {
  return tokenize(text.replace(GROUPED_DIGITS, "$1"))
    .filter((token) => token.type === "number" || isContent(token) || QUANTITY_QUALIFIERS.has(token.key))
    .map((token) => (token.type === "number" ? token.key : stem(token.key)));
}

/**
 * The amounts a quotation states, each as a run of {@link quoteKeys}: numbers and quantity
 * qualifiers in a row, with the word after them ("more than 5 minutes" of "three times planning
 * time minus more than 5 minutes" is ["more", "than", "5", "minute"]).
 * A vague amount that ends the quotation ("Todd ate *some* of them") is a run of its own: the
 * question must use that word (a variant that says "ate 32 of them" is quoted from elsewhere).
 * @param keys - {@link quoteKeys} of the quotation.
 * @returns The runs (each with a number or qualifier, and at least two keys, or one vague amount at the end).
 * @example
 * amountRuns(quoteKeys("more than 8 groups")); // [["more", "than", "8", "group"]]
 * amountRuns(quoteKeys("Todd ate some of them")); // [["some"]]
 */
export function amountRuns(keys: readonly string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const key of keys) {
    if (/^\d/.test(key) || QUANTITY_QUALIFIERS.has(key)) {
      run.push(key);
      continue;
    }
    if (run.length > 0) runs.push([...run, key]);
    run = [];
  }
  if (run.length >= 2 || (run.length === 1 && VAGUE_AMOUNTS.has(run[0] ?? ""))) runs.push(run);
  return runs;
}

/**
 * Whether a clarification quotes words the question does not have: a quotation ("the phrase
 * 'had not 6 lives'", "it only says 'several'") must quote *this* question, so a quote with a
 * content word or number that neither the question nor its facts use quotes another problem, and
 * so does a quote of an amount the question or a fact does not state in those words ("more than 8
 * groups" when the question says "into 8 groups"; see {@link amountRuns}), and so does a vague
 * amount quoted alone that neither uses ("some" when the question says "several"). A quotation
 * given as an example (see {@link exampleSpans}) is not read.
 * @param text - The clarification (copies of the question already blanked).
 * @param known - Stemmed content keys of the question and the facts.
 * @param sources - {@link quoteKeys} of the question and of each fact (none: only words are checked).
 * @param examples - Its {@link exampleSpans}, when already computed.
 * @returns The share of quoted phrases with content that quote something else (0 without quotes).
 * @example
 * foreignQuoteShare('It only says "several apples".', new Set(["apple", "10"])); // 1
 */
export function foreignQuoteShare(
  text: string,
  known: ReadonlySet<string>,
  sources: readonly (readonly string[])[] = [],
  examples: readonly { start: number; end: number }[] = exampleSpans(text),
): number {
  let quotes = 0;
  let foreign = 0;
  for (const match of text.matchAll(QUOTED)) {
    if (quotes >= MAX_QUOTES) break;
    // A quotation given as an example ("e.g., \"she lost 5 kilograms\"") quotes no problem.
    if (inSpans(match.index, examples)) continue;
    const quoted = match[1] ?? "";
    const keys = tokenize(quoted)
      .filter(isContent)
      .map((token) => stem(token.key));
    if (keys.length === 0) {
      // A vague amount quoted alone ("it only says \"some\"") is the question's word for it, or a fact's.
      const amount = sources.length === 0 ? [] : quoteKeys(quoted);
      if (amount.length === 0) continue;
      quotes += 1;
      if (!sources.some((source) => containsRun(source, amount))) foreign += 1;
      continue;
    }
    quotes += 1;
    // The amounts it quotes must be the question's amounts, qualifiers and all.
    const runs = sources.length === 0 ? [] : amountRuns(quoteKeys(quoted));
    const misquoted = runs.some((run) => !sources.some((source) => containsRun(source, run)));
    if (misquoted || keys.some((key) => !known.has(key))) foreign += 1;
  }
  return quotes === 0 ? 0 : foreign / quotes;
}

/**
 * The purpose a clarification states ("To calculate <goal>", "cannot determine <goal>") or says the
 * question has ("the problem asks for <goal>"): the goal up to a comma or clause end.
 */
const GOAL_PHRASE =
  /\b(?:(?:to|cannot|can't|can not|unable to|impossible to)\s(?:find|calculate|determine|compute|answer|figure out|solve for|work out)|the (?:problem|question) (?:asks|is asking|wants)(?: us)?(?: for| about| to find| to calculate)?)\s([^.,;:\n]{1,120})/gi;
/** The most goal phrases read (bounded work). */
const MAX_GOALS = 8;
/** Words that name a goal by its arithmetic, not its thing ("to calculate the *total*", "the *difference*"): any problem's. */
const ARITHMETIC_GOAL_WORDS: ReadonlySet<string> = new Set(
  "total difference sum product quotient final overall combined altogether solution".split(" "),
);

/**
 * How far the purpose a clarification states is from what the question asks: for each goal phrase
 * ("To calculate how many more emails he got in the afternoon …"), the share of its specific
 * words (generic slot words and numbers left out) the question never uses; the largest share. The
 * clarification of another variant of the story often names that variant's target.
 * @param text - The clarification (copies of the question already blanked).
 * @param questionKeys - Stemmed content keys of the question.
 * @returns The share in [0, 1] (0 without a goal phrase).
 * @example
 * foreignGoalShare("To find how many pens he bought, I need the price.", new Set(["pen", "bought"])); // 0
 */
export function foreignGoalShare(text: string, questionKeys: ReadonlySet<string>): number {
  let worst = 0;
  let goals = 0;
  for (const match of text.matchAll(GOAL_PHRASE)) {
    if (goals >= MAX_GOALS) break;
    const keys = tokenize(match[1] ?? "")
      .filter((token) => isSpecificWord(token) && !ARITHMETIC_GOAL_WORDS.has(token.key))
      .map((token) => stem(token.key));
    if (keys.length === 0) continue;
    goals += 1;
    worst = Math.max(worst, keys.filter((key) => !questionKeys.has(key)).length / keys.length);
  }
  return worst;
}

/** Content keys of a text (stemmed), in order, repeats kept. */
export function contentKeyList(text: string): string[] {
  return tokenize(text)
    .filter(isContent)
    .map((token) => stem(token.key));
}

/**
 * Cosine of the content-word counts of two texts (stemmed, stop words out): how much of its
 * wording a clarification shares with the question. Also the bench's bag-of-words baseline.
 * @param a - One text.
 * @param b - The other.
 * @returns Cosine in [0, 1].
 * @example
 * bagOfWordsCosine("marbles Ed had", "Ed had some marbles."); // 1
 */
export function bagOfWordsCosine(a: string, b: string | PreparedQuestion): number {
  const y = typeof b === "string" ? contentCounts(tokenize(b)) : b.counts;
  return countsCosine(contentCounts(tokenize(a)), y);
}

/**
 * Cosine of two count vectors (see {@link bagOfWordsCosine}).
 * @param x - Counts of one text.
 * @param y - Counts of the other.
 * @returns Cosine in [0, 1].
 * @example
 * countsCosine(new Map([["a", 1]]), new Map([["a", 2]])); // 1
 */
export function countsCosine(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [k, v] of x) dot += v * (y.get(k) ?? 0);
  const d = countNorm(x) * countNorm(y);
  return d === 0 ? 0 : dot / d;
}
