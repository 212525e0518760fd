/**
 * Deterministic text corpora for the model tests: varied "ordinary" sentences for embedding and
 * tokenizer parity, and a hostile random corpus aimed at the tokenizer's tie and unknown paths.
 */

const ORDINARY = [
  "The capital of France is Paris.",
  "What is the boiling point of water at sea level?",
  "I don't know the answer because the question does not say how many apples Tom had at the start.",
  "The problem is missing the length of the second side, so the area cannot be computed.",
  "Could you tell me which year the treaty was signed?",
  "She sells sea shells by the sea shore.",
  "A quick brown fox jumps over the lazy dog.",
  "To answer this, we would need the interest rate and the number of years.",
  "The question refers to 'the company' without naming which one.",
  "Please clarify whether the speed is in kilometres per hour or miles per hour.",
  "Photosynthesis converts light energy into chemical energy.",
  "Neural networks learn representations from data.",
  "It is impossible to determine the winner without the final scores.",
  "The train leaves at 5 pm and arrives two hours later.",
  "Which of the following is a prime number?",
  "Mount Everest is the highest mountain above sea level.",
  "He said he would come, but he never did.",
  "The patient's age was not provided in the record.",
  "Without knowing the mass of the object, the force cannot be found.",
  "Reinforcement learning optimises a reward signal.",
  "Hello world",
  "OK",
  "yes",
  "No.",
  "Why?",
  "The answer is 42.",
  "I'm not sure; the data are incomplete.",
  "Rome wasn't built in a day.",
  "Let x be the number of students who passed.",
  "This sentence has    several   spaces.",
  "Tabs\tand\nnewlines\nare kept by the tokenizer.",
  "Trailing space ",
  " leading space",
  "UPPER CASE TEXT IS ALSO TEXT",
  "mIxEd CaSe WoRdS",
  "e-mail: someone@example.com, url: https://example.org/path?q=1",
  "C++ and C# are programming languages; so is Rust.",
  "Smileys :) and :( and :-) appear in chats :30",
  "\"Quoted\" and 'single-quoted' words, plus (parentheses) and [brackets].",
  "The missing information is the population of the town in 1990.",
];

const MATH = [
  "\\frac{1}{2} + \\frac{1}{3} = \\frac{5}{6}",
  "\\sqrt{x^2 + y^2}",
  "\\boxed{I don't know}",
  "\\boxed{42}",
  "$\\int_0^1 x^2\\,dx = \\tfrac{1}{3}$",
  "\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}",
  "Solve for $x$: $2x + 3 = 7$.",
  "The set is \\{1, 2, 3\\} and the interval is (0, 1].",
  "\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1",
  "$\\pi r^2$ with $r = 3$ cm gives $9\\pi$ cm$^2$.",
  "f(x) = 3x^3 - 2x + 1, f'(x) = 9x^2 - 2",
  "\\dfrac{a}{b} \\cdot \\dfrac{c}{d}",
  "P(A \\cap B) = P(A)P(B)",
  "\\text{The answer is } 12\\%",
  "x \\geq 0 \\land y \\leq 5",
];

const NUMBERS = [
  "3.14159",
  "1,000,000",
  "2024-01-01",
  "12:30",
  "0001",
  "007",
  "1e-9",
  "+1 (555) 010-9999",
  "99.5%",
  "45°",
  "$1,234.56",
  "100000000000000000000",
  "1/2 3/4 5/6",
  "0.000001",
  "1st 2nd 3rd 4th",
  "v1.2.3",
  "IPv4 192.168.0.1",
  "24 hours, 60 minutes, 3600 seconds",
  "Room 101",
  "1234567890 0987654321",
];

const UNICODE = [
  "naïve café résumé",
  "Straße und Grüße",
  "日本語のテキストです。",
  "中文句子测试",
  "한국어 문장",
  "Русский текст",
  "النص العربي",
  "עברית",
  "ελληνικά",
  "हिन्दी वाक्य",
  "ไทย",
  "emoji 😀🎉👍",
  "flags 🇫🇷🇯🇵",
  "math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
  "ligature ﬁ ﬂ ﬀ",
  "fullwidth ＡＢＣ１２３",
  "combining é vs é",
  "superscript x² y³",
  "Roman Ⅻ and circled ①",
  "non-breaking\u00a0space",
  "zero\u200bwidth",
  "\ufffd replacement char",
  "em—dash and en–dash and … ellipsis",
  "“curly quotes” and ‘apostrophes’ — I don’t know",
  "½ ¼ ¾",
];

const SHORT = ["a", "I", ".", "?", "!", "-", "x", "42", "é", "😀", " ", "  ", "\t", "\n", "▁", ":", "://", "<s>", "</s>", "�"];

function longTexts(): string[] {
  const base = ORDINARY.slice(0, 20).join(" ");
  return [
    base,
    `${base} ${base}`,
    MATH.join(" "),
    UNICODE.join(" "),
    NUMBERS.join(" , "),
    "word ".repeat(200).trim(),
    "antidisestablishmentarianism ".repeat(40).trim(),
    Array.from({ length: 150 }, (_, i) => String(i)).join(" "),
  ];
}

/** A deterministic linear congruential generator, so corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function templated(count: number): string[] {
  const rand = seededRandom(7);
  const subjects = ["the train", "Alice", "the tank", "a farmer", "the company", "my neighbour", "the recipe", "the rectangle"];
  const verbs = ["travels", "buys", "fills", "sells", "needs", "loses", "uses", "covers"];
  const objects = ["apples", "litres of water", "kilometres", "shares", "eggs", "square metres", "dollars", "minutes"];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const n = Math.floor(rand() * 1000);
    return i % 3 === 0
      ? `If ${pick(subjects)} ${pick(verbs)} ${n} ${pick(objects)}, how many are left?`
      : i % 3 === 1
        ? `We cannot answer because ${pick(subjects)} never says how many ${pick(objects)} there were.`
        : `${pick(subjects)} ${pick(verbs)} ${n} ${pick(objects)} every ${1 + (n % 7)} days.`;
  });
}

/**
 * Returns ≥ 200 varied texts: ordinary, LaTeX, numbers, unicode, very short, long (> 128 tokens),
 * templated, and the empty string.
 * @returns The corpus, in a fixed order.
 */
export function parityCorpus(): string[] {
  return [...ORDINARY, ...MATH, ...NUMBERS, ...UNICODE, ...SHORT, ...longTexts(), ...templated(80), ""];
}

/** Ordinary sentences only (no hostile characters): the tokenizer must match the reference on all. */
export function ordinarySentences(): string[] {
  return [...ORDINARY, ...MATH, ...NUMBERS, ...UNICODE.slice(0, 12), ...templated(60)];
}

const HOSTILE_ALPHABET = Array.from(
  "abcdefghijklmnopqrstuvwxyzABC0000111222333456789 :;,.!?)(-_/\\$^{}[]▁\t\n'\"é日本😀𝔘ﬁ①\u0301\u200b\u00a0:):(<s>",
);

/**
 * Random strings over an alphabet rich in digits, colons, separators and unknown characters —
 * the inputs where Viterbi ties, zero scores and unknown runs decide the ids.
 * @param count - How many strings.
 * @param seed - RNG seed.
 * @returns The corpus.
 */
export function hostileCorpus(count: number, seed = 12345): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(rand() * 40);
    let text = "";
    for (let i = 0; i < length; i++) text += HOSTILE_ALPHABET[Math.floor(rand() * HOSTILE_ALPHABET.length)] ?? "";
    return text;
  });
}
