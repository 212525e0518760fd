import { splitSentences } from "../text/sentences.js";
import { CLAUSE_SPLIT, INSTRUCTION_ANYWHERE, MISSING_SENTENCE_SPACE, QUANTITY_BLUR, QUESTION_OPENER } from "./fact-rules.js";
import { plainText } from "./plain-text.js";
import { isContent, stem, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";

/**
 * Everything the grounding checks read from a question, computed once. A training step scores
 * several rollouts (and each rollout several slots) against the same question; before this, every
 * check re-tokenized it, which was most of the verifier's planning time.
 */

/** A copied run must be at least this many consecutive tokens of the question. */
export const MIN_COPY_TOKENS = 6;
/** Content keys the asked sentences must hold for the question to ask something. */
const MIN_ASKED_KEYS = 3;
/**
 * A last sentence (or its last clause after a comma: "When 1 - i√3 is converted, what is?") that is
 * an ask cut off after its opener and at most one word ("What was", "What percentage", "How much
 * ?"), or an instruction with nothing after it ("Compute ?"). "How old is he?" goes on, so it asks.
 */
const ASK_FRAGMENT =
  /^(?:(?:what|which|how (?:much|many))(?:\s+[\w'’-]+)?|compute|find|calculate|evaluate|determine|simplify|solve)\s*[?.]?$/i;
/** The longest question read, in characters (what {@link tokenize} reads too). */
export const MAX_QUESTION_CHARS = 20_000;
/** Positions kept per token key for near-copy matching (bounded work). */
export const MAX_KEY_POSITIONS = 8;
/** The most clauses read per sentence (bounded work). */
const MAX_CLAUSES = 24;

/** One clause of a statement sentence, for {@link PreparedQuestion.statements}. */
export interface PreparedClause {
  /** The clause as written. */
  text: string;
  keys: ReadonlySet<string>;
  /** Keys of its number tokens ("21"). */
  numbers: readonly string[];
  /** It holds a number token. */
  numbered: boolean;
  /** It blurs its quantity ("some", "less than 53", "4 to 6"). */
  blurred: boolean;
  /** Keys of the nouns its numbers count ("bag" of "8 bags of cans", "marble" of "21 of his marbles"). */
  counted: ReadonlySet<string>;
  /** One of its numbers counts nothing readable ("3 of them"): it may count anything. */
  countsUnread: boolean;
  /** Keys of the nouns its numbers count per some unit ("pin" of "10 pins per day"): a rate, not a total. */
  rated: ReadonlySet<string>;
  /** It writes an amount of money ("cost $3"): it states a price or a sum, not a count. */
  moneyed: boolean;
  /**
   * For a list item that opens with its number ("5 emails in the afternoon" after "Jack received
   * some emails in the morning"), the keys of what the items share: the words of the list's first
   * clause before its amount ("Jack received"). Empty for any other clause.
   */
  lead: ReadonlySet<string>;
}

/** A question prepared for the grounding checks; build it with {@link prepareQuestion}. */
export interface PreparedQuestion {
  /** The question as read (cut to {@link MAX_QUESTION_CHARS}). */
  text: string;
  tokens: readonly Token[];
  /** Every content key (stemmed). */
  keys: ReadonlySet<string>;
  /** Content keys of the statement sentences (asked sentences state nothing). */
  stated: ReadonlySet<string>;
  /** Adjacent pairs of significant token keys. */
  bigrams: ReadonlySet<string>;
  /** Every run of {@link MIN_COPY_TOKENS} token keys, joined. */
  copyGrams: ReadonlySet<string>;
  /** Where each token key occurs (the first {@link MAX_KEY_POSITIONS} positions), for near copies. */
  positions: ReadonlyMap<string, readonly number[]>;
  /** Numeric values, in order. */
  numbers: readonly number[];
  /** Every token key (unstemmed), for name checks. */
  words: ReadonlySet<string>;
  /** Stemmed content-key counts and their Euclidean norm (the bag-of-words vector). */
  counts: ReadonlyMap<string, number>;
  norm: number;
  /** Keys of the asked sentences ("How many…?"). */
  asked: ReadonlySet<string>;
  /** What each sentence asks ({@link askedSplit}), in order; sentences that ask nothing are left out. */
  askedParts: readonly string[];
  /** The asked sentences hold some content ({@link MIN_ASKED_KEYS} keys or more): the question asks something ("How much ?" does not). */
  asksSomething: boolean;
  /**
   * A question that asks nothing and instructs nothing (no asked content, no "?", no "…, calculate the
   * amount …"), or whose ask breaks off after its opener ("What was", "What percentage", "How much ?"):
   * the question itself is missing.
   */
  asksNothing: boolean;
  /** Where each sentence of {@link text} ends ({@link splitSentences} spans), in order. */
  sentenceEnds: readonly number[];
  /** Statement sentences: their keys and clauses. */
  statements: readonly { keys: ReadonlySet<string>; clauses: readonly PreparedClause[] }[];
  /** The question as plain text, lower case, without spaces or brackets (see {@link compactMath}). */
  compact: string;
}

/**
 * A text as plain text, lower case, without spaces, brackets or closing punctuation, so a formula
 * quoted from LaTeX reads the same as the LaTeX ("|v| = 4" and "\|\mathbf{v}\| = 4" are "|v|=4").
 * @param text - Any text.
 * @returns The compact form.
 * @example
 * compactMath("wz = 12-8i."); // "wz=12-8i"
 */
export function compactMath(text: string): string {
  return plainText(text)
    .toLowerCase()
    .replace(/[\s()[\]{}]+/g, "")
    .replace(/[.,;:!?]+$/, "");
}

const SIGNIFICANT_SYMBOL = /^[-+<>=≤≥^/√°π×·]$/;

/** Adjacent pairs of significant token keys ("- b", "b ^"). */
export function tokenBigrams(tokens: readonly Token[]): Set<string> {
  const kept = tokens.filter((token) => token.type !== "symbol" || SIGNIFICANT_SYMBOL.test(token.key));
  const pairs = new Set<string>();
  for (let i = 1; i < kept.length; i += 1) pairs.add(`${kept[i - 1]?.key} ${kept[i]?.key}`);
  return pairs;
}

/** Stemmed content-key counts of a token list. */
export function contentCounts(tokens: readonly Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (!isContent(token)) continue;
    const key = stem(token.key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Euclidean norm of a count vector. */
export function countNorm(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const value of counts.values()) sum += value * value;
  return Math.sqrt(sum);
}

function keysOf(tokens: readonly Token[]): Set<string> {
  const keys = new Set<string>();
  for (const token of tokens) if (isContent(token)) keys.add(stem(token.key));
  return keys;
}

/** Words between a number and the noun it counts ("21 of his marbles", "7 more bags"). */
const COUNT_LINKS: ReadonlySet<string> = new Set(
  "of his her their its the a an my our your those these more fewer less other extra additional".split(" "),
);
/** The most words read as the counted noun phrase ("9 sweet red apples"). */
const MAX_COUNTED_WORDS = 3;
/** Links after which a number compares ("4 more balloons than …") rather than counts. */
const COMPARATIVE_LINKS: ReadonlySet<string> = new Set(["more", "fewer", "less"]);
/** How far past the counted words "than" may close a comparison ("4 more red balloons than"). */
const MAX_THAN_GAP = 2;
/** How far past a comparative after the counted words "than" may close it ("2 hours more on learning English than"). */
const MAX_TRAILING_THAN_GAP = 5;
/** Words after a counted noun that make the number a rate ("10 pins per day", "20 cents each"). */
const RATE_LINKS: ReadonlySet<string> = new Set(["per", "each", "every"]);
/** Prepositions that may stand between the counted words and a rate link ("2 marbles *to* each boy"). */
const RATE_PREPOSITIONS: ReadonlySet<string> = new Set(["to", "for", "in", "on", "from", "with", "into"]);
/** Words that join the two ends of a range ("1357 to 2000"). */
const RANGE_LINKS: ReadonlySet<string> = new Set(["to", "or", "through"]);
/** A number written after a currency sign ("$ 133", "€5"): it counts money, whatever follows it. */
const MONEY_NUMBER = /[$€£¥]\s{0,2}(\d[\d,.]{0,20})/g;

/** Words that deny the number after them ("had not 6 lives", "didn't have 7 members"). */
const NEGATIONS: ReadonlySet<string> = new Set([
  "not",
  "never",
  "no",
  "didn't",
  "doesn't",
  "don't",
  "wasn't",
  "weren't",
  "isn't",
  "aren't",
]);
/** How many words may sit between a negation and the number it denies ("didn't have 7"). */
const MAX_NEGATION_GAP = 2;

/**
 * Whether the number at `i` compares instead of counting: "4 more balloons than Allan" and "3
 * times as many" give a difference or a ratio, not anyone's count.
 */
function comparesAt(tokens: readonly Token[], i: number, linksEnd: number, countedEnd: number): boolean {
  if (tokens[i + 1]?.key === "times" && tokens[i + 2]?.key === "as") return true;
  let comparative = false;
  for (let k = i + 1; k < linksEnd; k += 1) if (COMPARATIVE_LINKS.has(tokens[k]?.key ?? "")) comparative = true;
  if (comparative) return thanWithin(tokens, countedEnd, MAX_THAN_GAP);
  // "2 hours more on learning English than on learning Chinese": the comparative follows the counted words.
  return COMPARATIVE_LINKS.has(tokens[countedEnd]?.key ?? "") && thanWithin(tokens, countedEnd + 1, MAX_TRAILING_THAN_GAP);
}

/** Whether "than" is among the tokens from `from` to `from + gap`. */
function thanWithin(tokens: readonly Token[], from: number, gap: number): boolean {
  for (let k = from; k < tokens.length && k <= from + gap; k += 1) if (tokens[k]?.key === "than") return true;
  return false;
}

/**
 * Whether a clause denies one of its numbers ("a team didn't have 7 members") or gives a range
 * ("$ 1357 to $ 2000"): it then says what the quantity is not, or where it lies, so it states no
 * one quantity. Linear in the clause's tokens.
 * @param tokens - The clause's tokens.
 * @returns `true` when a negation stands at most {@link MAX_NEGATION_GAP} words before a number, or two numbers make a range.
 * @example
 * deniesNumber(tokenize("each player had not 6 lives")); // true
 */
export function deniesNumber(tokens: readonly Token[]): boolean {
  for (let i = 0; i + 2 < tokens.length; i += 1) {
    // "$ 1357 to $ 2000": a range of amounts gives no one amount (the sign keeps the text pattern from seeing it).
    if (tokens[i]?.type === "number" && RANGE_LINKS.has(tokens[i + 1]?.key ?? "") && tokens[i + 2]?.type === "number") return true;
  }
  let sinceNegation = Number.POSITIVE_INFINITY;
  for (const token of tokens) {
    if (token.type === "number" && sinceNegation <= MAX_NEGATION_GAP) return true;
    sinceNegation = NEGATIONS.has(token.key) ? 0 : sinceNegation + 1;
  }
  return false;
}

/**
 * The nouns a clause's numbers count: the words right after each number ("8 bags of cans" counts
 * bags, not cans; "21 of his marbles" counts marbles), and whether some number counts nothing
 * readable. A number that compares ("4 more balloons than Allan") or an amount of money ("$ 133")
 * counts no noun; one followed by "per", "each" or "every" counts a rate ("10 pins per day").
 * Linear in the clause's tokens.
 */
function countedNouns(
  tokens: readonly Token[],
  money: ReadonlySet<string>,
): { counted: Set<string>; countsUnread: boolean; rated: Set<string> } {
  const counted = new Set<string>();
  const rated = new Set<string>();
  let countsUnread = false;
  tokens.forEach((token, i) => {
    if (token.type !== "number" || money.has(token.key)) return;
    let j = i + 1;
    while (j < tokens.length && j - i <= 3 && COUNT_LINKS.has(tokens[j]?.key ?? "")) j += 1;
    const linksEnd = j;
    const found: string[] = [];
    for (; j < tokens.length && found.length < MAX_COUNTED_WORDS; j += 1) {
      const next = tokens[j] as Token;
      if (next.type !== "word" || !isContent(next)) break;
      found.push(stem(next.key));
    }
    if (comparesAt(tokens, i, linksEnd, j)) return;
    if (found.length === 0) countsUnread = true;
    // "10 pins per day", "2 marbles to each boy", "3 pages in every book": a rate.
    const rate =
      RATE_LINKS.has(tokens[j]?.key ?? "") || (RATE_PREPOSITIONS.has(tokens[j]?.key ?? "") && RATE_LINKS.has(tokens[j + 1]?.key ?? ""));
    const into = found.length > 0 && rate ? rated : counted;
    for (const key of found) into.add(key);
  });
  return { counted, countsUnread, rated };
}

/** Keys of the numbers a clause writes after a currency sign (bounded: one regex pass). */
function moneyNumbers(clause: string): Set<string> {
  const keys = new Set<string>();
  for (const match of clause.matchAll(MONEY_NUMBER)) {
    for (const token of tokenize(match[1] ?? "")) if (token.type === "number") keys.add(token.key);
  }
  return keys;
}

/** The lead of a clause that is no list item (shared: nothing writes to it). */
const NO_LEAD: ReadonlySet<string> = new Set();
/** A clause that opens with its amount: an item of a list ("5 emails in the afternoon", "$ 3 for a pen"). */
const LIST_ITEM = /^\s*(?:\$\s{0,2})?\d/;
/**
 * Words that open an amount the way a number does ("some emails", "several bottles", "lots of pens"):
 * the one-word heads of the vague determiners that `QUANTITY_BLUR` (fact-rules.ts) reads as phrases.
 */
const AMOUNT_WORDS: ReadonlySet<string> = new Set(["some", "several", "few", "many", "lots", "lot", "various", "numerous", "couple"]);

/** A number, or a word that stands for one ({@link AMOUNT_WORDS}): where a list's first clause turns from its subject and verb to its items. */
function isAmountToken(token: Token): boolean {
  return token.type === "number" || AMOUNT_WORDS.has(token.key);
}

/** Splits a sentence at clause breaks (a linear scan of one bounded regex per clause). */
function clauses(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest !== "" && out.length < MAX_CLAUSES) {
    const cut = CLAUSE_SPLIT.exec(rest);
    if (cut === null) break;
    out.push(rest.slice(0, cut.index));
    rest = rest.slice(cut.index + cut[0].length);
  }
  out.push(rest);
  return out;
}

/**
 * Whether a sentence asks (ends with "?" and opens like a question or an instruction).
 * @param sentence - A trimmed sentence.
 * @returns `true` for an asked sentence.
 * @example
 * isAsked("How many apples are left?"); // true
 */
export function isAsked(sentence: string): boolean {
  return sentence.endsWith("?") && QUESTION_OPENER.test(sentence);
}

/**
 * A clause break before "how", "what" or an instruction ("…, how many …", "…, find …"): global, for
 * the last one in a sentence. Not "who", "which", "where", "when": after a comma they open relative
 * clauses ("Tom, who has 4 apples, …").
 */
const ASKED_CLAUSE = /[,;:]\s{0,3}(?=(?:how|what|find|compute|calculate|determine|evaluate|solve|express|estimate)\b)/gi;

/** A condition after the ask ("…, if she uses 3 bags", "… given that he has 5"): global, for the last one. */
const TRAILING_CONDITION = /,?\s(?:if|given that|assuming|assuming that|provided that)\s/gi;

/**
 * Splits a sentence into what it states and what it asks. An asked sentence asks all of it but a
 * condition after the ask ("How many racks will she need if she uses three 8-cup bags?"), which it
 * states; a conditional question ("If he removes 30 comic books, how many toys are left?") states
 * its condition and asks from the last clause that opens like a question; any other sentence states
 * all of it.
 * @param sentence - A trimmed sentence.
 * @returns The stated part and the asked part ("" when none).
 * @example
 * askedSplit("If he removes 30 books, how many are left?"); // { statement: "If he removes 30 books", asked: "how many are left?" }
 */
export function askedSplit(sentence: string): { statement: string; asked: string } {
  if (isAsked(sentence)) {
    // "How many racks will she need if she uses three 8-cup bags of flour?": the condition is stated.
    const at = lastMatch(TRAILING_CONDITION, sentence)?.index ?? -1;
    if (at <= 0) return { statement: "", asked: sentence };
    const condition = sentence
      .slice(at)
      .replace(/^,?\s+/, "")
      .replace(/\?+\s*$/, "");
    return { statement: condition, asked: `${sentence.slice(0, at).trim()}?` };
  }
  if (!sentence.endsWith("?")) return { statement: sentence, asked: "" };
  const clause = lastMatch(ASKED_CLAUSE, sentence);
  const cut = clause?.index ?? -1;
  return clause === undefined || cut <= 0
    ? { statement: sentence, asked: "" }
    : { statement: sentence.slice(0, cut).trim(), asked: sentence.slice(cut + clause[0].length) };
}

/** The last match of a global pattern in `text` (one linear scan), or `undefined`. */
function lastMatch(pattern: RegExp, text: string): RegExpMatchArray | undefined {
  let last: RegExpMatchArray | undefined;
  for (const match of text.matchAll(pattern)) last = match;
  return last;
}

/**
 * The words of a slot that set it apart from what the question asks (those its asked sentences do
 * not use; all of them when every one is asked), or `null` when one of them the question only asks
 * about and states nowhere ("… than on Friday?"): such a slot matches no statement.
 * @param question - The prepared question.
 * @param keys - The slot's keys (stemmed).
 * @returns The distinctive keys, or `null`.
 * @example
 * distinctiveKeys(prepareQuestion("Sara bought some apples. How many apples does Sara have?"), ["apple", "sara", "bought"]); // ["bought"]
 */
export function distinctiveKeys(question: PreparedQuestion, keys: readonly string[]): string[] | null {
  if (keys.some((key) => question.asked.has(key) && !question.stated.has(key))) return null;
  const distinctive = keys.filter((key) => !question.asked.has(key));
  return distinctive.length > 0 ? distinctive : [...keys];
}

/** Whether more than half of `keys` pass `has` (none of none). */
export function holdsMost(keys: readonly string[], has: (key: string) => boolean): boolean {
  return keys.filter(has).length * 2 > keys.length;
}

/**
 * Prepares a question for every grounding check, reading it once (bounded: the first
 * {@link MAX_QUESTION_CHARS} characters).
 * @param question - The question text ("" gives empty sets).
 * @returns The prepared question.
 * @example
 * prepareQuestion("Ed had 21 marbles. How many?").keys.has("marble"); // true
 */
export function prepareQuestion(question: string): PreparedQuestion {
  const cut = question.length > MAX_QUESTION_CHARS ? question.slice(0, MAX_QUESTION_CHARS) : question;
  // "… on his shelf now.How many …": a sentence break that lost its space still ends a sentence,
  // so the asked sentence is not read as a statement.
  const text = cut.replace(MISSING_SENTENCE_SPACE, "$1. $2");
  const tokens = text === "" ? [] : tokenize(text);
  const keyList = tokens.map((token) => token.key);
  const copyGrams = new Set<string>();
  for (let i = 0; i + MIN_COPY_TOKENS <= keyList.length; i += 1) copyGrams.add(keyList.slice(i, i + MIN_COPY_TOKENS).join("\u0001"));
  const positions = new Map<string, number[]>();
  keyList.forEach((key, i) => {
    const list = positions.get(key);
    if (list === undefined) positions.set(key, [i]);
    else if (list.length < MAX_KEY_POSITIONS) list.push(i);
  });
  const stated = new Set<string>();
  const asked = new Set<string>();
  const askedParts: string[] = [];
  const statements: { keys: ReadonlySet<string>; clauses: PreparedClause[] }[] = [];
  const spans = text === "" ? [] : splitSentences(text);
  // The last sentence and its last clause after a break before an ask ("…, what is?").
  const lastSentence = spans.at(-1)?.text.trim() ?? "";
  const lastClause = lastSentence.slice((lastMatch(ASKED_CLAUSE, lastSentence)?.index ?? -1) + 1).trim();
  // "…, what is?": whatever the sentence sets up, its ask breaks off.
  const cutAsk = lastClause !== lastSentence && ASK_FRAGMENT.test(lastClause);
  for (const span of spans) {
    const parts = askedSplit(span.text.trim());
    if (parts.asked !== "") askedParts.push(parts.asked);
    for (const key of keysOf(tokenize(parts.asked))) asked.add(key);
    const sentence = parts.statement;
    if (sentence === "") continue;
    const keys = keysOf(tokenize(sentence));
    for (const key of keys) stated.add(key);
    // The subject and verb a list's items share ("Jack received" of "Jack received some emails in the
    // morning, 5 emails in the afternoon and 8 in the evening"): the last clause that does not open
    // with its amount sets them.
    let lead = NO_LEAD;
    // "between 20 and 30 students" is cut at "and": its second number ends a range, it opens no item.
    let afterNumber = false;
    statements.push({
      keys,
      clauses: clauses(sentence).map((clause) => {
        const clauseTokens = tokenize(clause);
        const numbers = clauseTokens.filter((token) => token.type === "number").map((token) => token.key);
        const money = moneyNumbers(clause);
        const item = LIST_ITEM.test(clause) && !afterNumber;
        afterNumber = clauseTokens.at(-1)?.type === "number";
        if (!item) lead = keysOf(clauseTokens.slice(0, Math.max(0, clauseTokens.findIndex(isAmountToken))));
        return {
          text: clause,
          keys: keysOf(clauseTokens),
          numbers,
          numbered: numbers.length > 0,
          blurred: QUANTITY_BLUR.test(clause) || deniesNumber(clauseTokens),
          ...countedNouns(clauseTokens, money),
          moneyed: money.size > 0,
          lead: item ? lead : NO_LEAD,
        };
      }),
    });
  }
  const counts = contentCounts(tokens);
  return {
    text,
    tokens,
    keys: keysOf(tokens),
    stated,
    bigrams: tokenBigrams(tokens),
    copyGrams,
    positions,
    numbers: tokens
      .filter((token) => token.type === "number")
      .map((token) => Number(token.key))
      .filter(Number.isFinite),
    words: new Set(keyList),
    counts,
    norm: countNorm(counts),
    asked,
    askedParts,
    asksSomething: asked.size >= MIN_ASKED_KEYS && !cutAsk,
    asksNothing:
      text !== "" &&
      ((asked.size < MIN_ASKED_KEYS && ((!text.includes("?") && !INSTRUCTION_ANYWHERE.test(text)) || ASK_FRAGMENT.test(lastSentence))) ||
        cutAsk),
    sentenceEnds: spans.map((span) => span.end),
    statements,
    compact: compactMath(text),
  };
}
