import { anyOf, phrase } from "../text/phrase-pattern.js";
import { NOT_AFTER_ABBREVIATION } from "../text/sentences.js";

/**
 * Triggers of declared-missing (and declared-false) slots, kept as data. A trigger is matched in
 * one bounded sentence; the slot is the phrase it governs:
 * - `after`: the phrase after the trigger ("does not specify | the speed of the car");
 * - `before`: the phrase before it ("the speed of the car | is not given");
 * - `replace`: the phrase after it up to "with"/"by"/"to" is the slot, what follows is a second one.
 * Patterns use bounded repetition only.
 */
export interface SlotTrigger {
  readonly id: string;
  /** `missing`: the clarification says this is not given; `false`: it says this premise is untrue. */
  readonly kind: "missing" | "false";
  readonly direction: "after" | "before" | "replace";
  readonly pattern: RegExp;
}

/** Verbs that say an edit took something out ("the problem omits the speed"). */
const OMIT_VERBS = [
  "omits",
  "omitted",
  "omitting",
  "omit",
  "removes",
  "removed",
  "removing",
  "deletes",
  "deleted",
  "deleting",
  "drops",
  "dropped",
  "dropping",
  "leaves out",
  "leaving out",
  "left out",
  "eliminates",
  "eliminated",
  "eliminating",
  "excludes",
  "excluded",
  "loses",
  "truncates",
  "truncated",
  "obscures",
  "lacks",
  "lacking",
  "lack",
  "is missing",
  "are missing",
  "was missing",
];

/** Verbs that say an edit put one thing in place of another ("replaces X with Y"). */
const REPLACE_VERBS = [
  "replaces",
  "replaced",
  "replacing",
  "substitutes",
  "substituted",
  "substituting",
  "swaps",
  "swapped",
  "changes",
  "changed",
  "changing",
  "turns",
  "turned",
];

/** Words after which a verb form is a noun ("the changes", "these turns", "in turns"). */
const NOUN_DETERMINERS = ["the", "these", "those", "its", "their", "his", "her", "any", "some", "such", "no", "of", "in", "by"];

/** What may follow "without" before the slot ("without knowing", "without information about"); "" for "without the speed". */
const WITHOUT_OBJECTS = [
  "knowing",
  "specifying",
  "being told",
  "information (?:about|on)",
  "any information (?:about|on)",
  "details (?:about|on)",
  "a (?:given|specified|stated) ",
  "an explicit ",
  "the ",
  "",
];

/** "we need", "this requires", "you must know". */
const NEED_VERBS = ["need", "needs", "require", "requires", "must know"];

/**
 * What may follow the need verb before the slot ("to know", "information about"); nothing for "we
 * need the speed", but not another infinitive: "we need to find how many bags she had" states the
 * goal (what the question asks), not what is missing.
 */
const NEED_OBJECTS = [
  "to know ",
  "to be told ",
  "to be given ",
  "to be provided with ",
  "to (?:specify|clarify|have|learn) ",
  "information (?:about|on) ",
  "(?!to )",
];

/** What a clarification declares absent before naming the slot ("no information about", "no relationship between"). */
const ABSENT_THINGS = [
  "information",
  "data",
  "details",
  "mention",
  "indication",
  "numbers?",
  "values?",
  "relationship",
  "relation",
  "connection",
  "conversion",
  "link",
];

/** Prepositions that introduce the slot after an absent thing. */
const SLOT_PREPOSITIONS = ["about", "on", "regarding", "of", "as to", "for", "concerning", "between", "from"];

const TELL = `(?:${anyOf([
  "specify",
  "specifies",
  "state",
  "states",
  "mention",
  "mentions",
  "say",
  "says",
  "give",
  "gives",
  "provide",
  "provides",
  "include",
  "includes",
  "contain",
  "contains",
  "tell us",
  "tell me",
  "tell",
  "indicate",
  "define",
  "describe",
  "list",
  "reveal",
  "clarify",
  "establish",
  "explain",
  "identify",
  "discuss",
  "note",
  "offer",
])})`;
/** Heads of a count ("the number of", "the values of"), read past by {@link ABOUT} and marked by {@link COUNT_HEAD_END}. */
const COUNT_HEADS = "numbers?|values?";
/** The prepositions after a head of {@link ABOUT}. */
const ABOUT_PREPOSITION = "(?:about|on|regarding|for|of|as to)";
const ABOUT = `(?:(?:any |enough |sufficient |the |)(?:information|details|data|indication|${COUNT_HEADS}) ${ABOUT_PREPOSITION} |)`;

/**
 * A trigger text that ends on a count head of {@link ABOUT}: "… the number of ", "… the values of".
 * Anchored at the end; the trigger text is bounded.
 */
export const COUNT_HEAD_END = new RegExp(`\\b(?:${COUNT_HEADS})\\s{1,3}${ABOUT_PREPOSITION}\\s{0,3}$`, "i");

/**
 * The problem itself as a subject: "the problem does not make clear …" is about what the text gives,
 * never a correction of the world, whatever verb follows.
 */
const TEXT_SUBJECT = "(?:problem|question|text|statement|prompt|passage|description|scenario|story|wording)";

/** Negated predicates about information or answerability, not about the world ("is not given", "there is no way"). */
const NOT_CORRECTION = anyOf([
  "given",
  "provided",
  "specified",
  "stated",
  "mentioned",
  "known",
  "defined",
  "clear",
  "clearly",
  "explicitly",
  "possible",
  "enough",
  "sufficient",
  "answerable",
  "able",
  "sure",
  "certain",
  "determined",
  "determinable",
  "included",
  "indicated",
  "disclosed",
  "be",
  "have",
  "has",
  "specify",
  "state",
  "mention",
  "give",
  "provide",
  "include",
  "contain",
  "tell",
  "say",
  "indicate",
  "know",
  "way",
  "information",
  "data",
  "details",
  "mention",
  "indication",
  "answer",
  "definitive",
  "single",
  "reliable",
  "certainty",
  "context",
  "need",
  "required",
  "necessary",
  "any",
  "enough",
]);

export const SLOT_TRIGGERS: readonly SlotTrigger[] = [
  {
    id: "does-not-specify",
    kind: "missing",
    direction: "after",
    // "nor does it say …" denies as "does not" does.
    pattern: phrase(
      `\\b(?:(?:does|do|did){not}|nor (?:does|do|did) (?:it|they|the (?:problem|question|text))) (?:explicitly |clearly |actually |)${TELL} ${ABOUT}`,
    ),
  },
  {
    id: "fails-to-specify",
    kind: "missing",
    direction: "after",
    pattern: phrase(`\\b(?:fails?|failing|failed|neglects?|neglected) to ${TELL} ${ABOUT}`),
  },
  {
    id: "omits",
    kind: "missing",
    direction: "after",
    pattern: phrase(`\\b(?:${anyOf(OMIT_VERBS)}) (?:any mention of |the mention of |)`),
  },
  {
    id: "replaces",
    kind: "missing",
    direction: "replace",
    // After a determiner the word is a noun ("the changes (7 picked, 2 grew)", "in turns"), not an edit.
    pattern: phrase(`(?<!\\b(?:${anyOf(NOUN_DETERMINERS)}) )\\b(?:${anyOf(REPLACE_VERBS)}) `),
  },
  {
    id: "without",
    kind: "missing",
    direction: "after",
    pattern: phrase(`\\bwithout (?:${anyOf(WITHOUT_OBJECTS)})`),
  },
  {
    id: "need",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      // "we would need to know", "this requires information about"
      `\\b(?:we|i|you|one|it|they|this) (?:would |will |)(?:${anyOf(NEED_VERBS)}) (?:${anyOf(NEED_OBJECTS)})`,
    ),
  },
  {
    id: "not-told",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      "\\b(?:we|you|i|one|the reader|the solver) (?:are|am|is|were|was|have been|has been)(?: not|n't) (?:told|given|informed (?:of|about)|shown) ",
    ),
  },
  // "we don't know how many lives she got", "I do not know the price": what the solver says it cannot know is the slot
  // (not "I don't know." alone, the abstention marker, nor "I don't know the answer" or "… because …").
  {
    id: "do-not-know",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      "\\b(?:we|i|you|one) (?:still |)(?:do{not}|did{not}|cannot|can{not}) (?:yet |)know (?!(?:the answer|for sure|for certain|because|since|but|and|so|as|yet)\\b)",
    ),
  },
  // "no information (is) given about X", "no relationship given between X and Y": what is declared absent is the slot.
  {
    id: "no-information",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      // a quantifier, what is absent, an optional "(is) given", the preposition that introduces the slot
      `\\b(?:no|not any|not enough|insufficient) (?:${anyOf(ABSENT_THINGS)}) (?:(?:is |was |)(?:given|provided|stated|mentioned) |)(?:${anyOf(SLOT_PREPOSITIONS)}) `,
    ),
  },
  // "it is unclear what "-2 scoops" means", "it's not clear which dish": the wh-clause names the unknown.
  {
    id: "unclear-which",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      "\\b(?:it is|it's|it was|it remains) (?:unclear|not clear|ambiguous|unknown|not specified|not stated) (?:exactly |)(?=(?:what|which|whether|how|who|whom|where|when|if)\\b)",
    ),
  },
  // "the problem is unclear about how many apples Tom bought": what it is unclear about is the slot.
  {
    id: "unclear-about",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      "\\b(?:is|are|was|were|remains?) (?:unclear|not clear|ambiguous|vague|silent|incomplete) (?:about|on|regarding|concerning|as to|as regards|with respect to) ",
    ),
  },
  { id: "but-not", kind: "missing", direction: "after", pattern: phrase("\\b(?:but|and) not (?:the |its |their |his |her |)") },
  {
    id: "unspecified-adjective",
    kind: "missing",
    direction: "after",
    pattern: phrase("\\b(?:an? |the |)(?:unspecified|undefined|unknown|unstated|unnamed|arbitrary|ambiguous|vague|missing) "),
  },
  {
    id: "is-not-given",
    kind: "missing",
    direction: "before",
    pattern: phrase(
      anyOf([
        "\\b(?:is|are|was|were|remains?|has been|have been)(?: not|n't) (?:explicitly |clearly |)(?:given|provided|specified|stated|mentioned|known|defined|included|indicated|determined|disclosed)\\b",
        "\\b(?:is|are|was|were|remains?) (?:unknown|unspecified|undefined|unclear|missing|absent|ambiguous|lost|not clear|never (?:mentioned|given|defined|specified))\\b",
      ]),
    ),
  },
  {
    id: "leaves-unspecified",
    kind: "missing",
    direction: "after",
    pattern: phrase(
      "\\b(?:leaves|leaving|left|makes|making|renders|rendering) (?=[^.]{1,120}\\b(?:unspecified|undefined|unclear|ambiguous|unknown|indeterminate|open)\\b)",
    ),
  },
  // SUM's contradiction edits: the question now holds an impossible or conflicting condition; the slot is that condition.
  {
    id: "adds-condition",
    kind: "false",
    direction: "after",
    pattern: phrase(
      "\\b(?:adds|added|introduces|introduced|imposes|imposed|restricts|restricted) (?:an? |the |)(?:extra |additional |new |contradictory |conflicting |inconsistent |impossible |)",
    ),
  },
  {
    id: "assumes",
    kind: "false",
    direction: "after",
    pattern: phrase(
      "\\b(?:question|it|premise|this|prompt) (?:wrongly |incorrectly |falsely |)(?:assumes|presupposes|presumes|implies|suggests) (?:that |)",
    ),
  },
  {
    id: "factual-error",
    kind: "false",
    direction: "after",
    pattern: phrase(
      "\\b(?:factual|logical|conceptual|historical|biological|category|categorical) (?:errors?|mistakes?|inaccurac(?:y|ies)|inconsistenc(?:y|ies)|contradictions?|oversimplifications?|issue|problem)s?(?: in its premise| in the premise|)[:.,;]? (?:in that |because |as |)",
    ),
  },
  {
    id: "false-premise",
    kind: "false",
    direction: "after",
    pattern: phrase("\\b(?:false|incorrect|mistaken|flawed|faulty|invalid|wrong) (?:premise|assumption|presupposition)[:,]? (?:that |)"),
  },
  {
    id: "negated-fact",
    kind: "false",
    direction: "before",
    pattern: phrase(
      anyOf([
        "\\b(?:never|did{not}|does{not}) (?:actually |really |)(?:exist|existed|happen|happened|occur|occurred|take place|took place|win|won|play|played|appear|appeared|invent|invented|fought|fight|marry|married|star|starred|release|released|traded|trade)\\b",
        "\\bthere (?:is|was|were|are) no (?:such|record|evidence)\\b",
      ]),
    ),
  },
  // Premise corrections stated as facts ("X was never traded to Y", "the ship was not built in Z", "X is not Y but Z",
  // "there is no X"): the sentence is the slot. Not about information or answerability
  // ("is not given", "is not possible"): those predicates are excluded here and a `missing` slot in the same sentence wins.
  {
    id: "negation",
    kind: "false",
    direction: "before",
    pattern: phrase(
      `(?<!\\b${TEXT_SUBJECT} )\\b(?:is|was|are|were|did|does|do|has|have|had){not}(?! (?:${NOT_CORRECTION})\\b)|\\b(?:is|was|are|were|has|have|had) never\\b|\\bthere (?:is|was|are|were|has been|have been) no (?!(?:${NOT_CORRECTION})\\b)|\\bno (?:such |)[a-z]{1,30} (?:exists?|existed|occurred|took place|happened)\\b`,
    ),
  },
  {
    id: "correction",
    kind: "false",
    direction: "before",
    pattern: phrase(
      "\\b(?:actually|in fact|in reality|contrary to|(?:a |the |)(?:common |popular |)(?:misconception|myth|misunderstanding))\\b",
    ),
  },
  {
    id: "premise-that",
    kind: "false",
    direction: "after",
    pattern: phrase(
      "\\bthe (?:premise|assumption|presupposition|claim|idea|notion|implication) (?:that |)(?=[^.]{1,200}\\b(?:is|was|are|were) (?:incorrect|false|wrong|mistaken|untrue|inaccurate|not (?:true|correct|accurate))\\b)",
    ),
  },
];

/** Slot ids that only stand when no `missing` slot came from the same sentence ("…is not a standard term. Without knowing X…"). */
export const WEAK_FALSE_TRIGGERS: ReadonlySet<string> = new Set(["negation", "correction"]);

/** Words that start the clause after a declared-missing slot: a consequence, a reason, a contrast or a purpose. */
const SLOT_END_WORDS = [
  // Consequences: "... the price, so we cannot ...", "... leaving the total unknown".
  "so",
  "which",
  "making",
  "leaving",
  "thereby",
  // Reasons and inferences.
  "because",
  "since",
  "hence",
  "therefore",
  "thus",
  "meaning",
  "rendering",
  "preventing",
  "resulting",
  "causing",
  // Contrasts.
  "while",
  "whereas",
  "but",
  // Purposes: "... the speed to determine the time".
  "so that",
  "in order",
  "to (?:uniquely |)(?:determine|compute|calculate|find|solve|answer|get|know|obtain|identify)",
  // A second clause: "... the price and cannot ...", "... the price and the total ...".
  "and (?:cannot|can't|is|are|was|thus|so|therefore|the|this|it|makes|leaves|no)",
  // Need statements: "... the price needed to ...", "... the price is required".
  "(?:needed|required|necessary|essential) (?:to|for|in)",
  "is (?:needed|required|necessary|essential|crucial|key)",
  "are (?:needed|required|necessary)",
  "that (?:is|are) (?:needed|required|necessary|essential|crucial)",
];

/** Ends a slot: a clause boundary word, a strong punctuation mark, or a purpose clause. */
export const SLOT_BOUNDARY = new RegExp(
  anyOf(["[,;:!?](?=\\s|$)", `${NOT_AFTER_ABBREVIATION}\\.(?=\\s|$)`, `\\s(?:${anyOf(SLOT_END_WORDS)})\\b`, "\\s[–—-]\\s"]),
  "i",
);

/** Ends the first part of a `replace` slot ("replaces 4 | with | an unspecified constant a"). */
export const REPLACE_SPLIT = /\s(?:with|by|into|to)\s/i;

/** Clause breaks; the phrase before a `before` trigger starts after the last one (global: scan, keep the last). */
export const CLAUSE_BREAK = new RegExp(
  `[,;:]\\s|${NOT_AFTER_ABBREVIATION}\\.\\s|\\s(?:but|and|so|because|since|while|although|though|as|if|that|where|whereas|however|whether)\\s`,
  "gi",
);

/** The longest slot kept, in characters. */
export const MAX_SLOT_CHARS = 160;

/**
 * A head that says only that something is missing, and the preposition after it: "more details
 * regarding", "any information about", "the specifics of", "(know) more about". What follows is
 * the slot ("more details regarding the apples" asks about the apples). Anchored at the slot's
 * start; bounded repetition.
 */
export const VAGUE_HEAD =
  /^(?:(?:any|more|further|additional|specific|enough|sufficient|the|some|clear|exact|precise|key|necessary|relevant|complete|full|detailed|important|crucial|essential|explicit|concrete)\s+){0,3}(?:details?|information|info|data|specifics|context|facts?|clarification|particulars|more|anything(?: (?:further|more|else))?)\s+(?:about|on|regarding|of|for|concerning|related to|relating to|as to|as regards|with respect to)\s+/i;
