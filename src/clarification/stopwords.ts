/**
 * Word lists, kept as data. STOPWORDS carry no content; GENERIC_SLOT_WORDS describe *that*
 * something is missing without saying *what* ("the specific value", "key information"), so a slot
 * made only of them names nothing.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor of to in on at by for with from into onto over under about as is are was were be been being
  am do does did doing have has had having it its it's this that these those there here their them they he she him her his
  hers we us our you your i me my mine which who whom whose what when where why how than then so such if whether not no
  can could would should will shall may might must also only just very more most less least some any each every all both
  either neither other another same own too again further once while during before after above below between through
  up down out there's let lets one ones now yet still even because since until unless though although however thus
  therefore hence whereas via per regarding concerning pertaining involving e.g i.e etc`.split(/\s+/),
);

export const GENERIC_SLOT_WORDS: ReadonlySet<string> = new Set(
  `information info detail details data context specifics specific exact exactly precise particular key essential necessary
  critical crucial important relevant required needed enough sufficient additional further more missing needed value values
  number numbers quantity quantities amount amounts condition conditions requirement requirements restriction restrictions
  constraint constraints parameter parameters term terms measurement measurements figure figures fact facts thing things
  piece pieces part parts question problem answer answers task modified original given certain unspecified unknown clear
  explicit explicitly necessary way something anything everything what which how many much whether originally
  uniquely unique determine determined determining determination solve solved solving compute computed computing
  calculate calculated calculating find found impossible possible answerable unanswerable unsolvable indeterminate
  undefined ambiguous defined result particulars detailed accurate`.split(/\s+/),
);

/**
 * Names of common mathematical objects ("the matrix entry", "the equation"): they say what kind of
 * thing is missing but occur in most problems of a topic, so alone they are weak evidence.
 */
export const WEAK_OBJECT_WORDS: ReadonlySet<string> = new Set(
  `matrix matrice entry entrie vector component coordinate point range bound interval restriction angle degree
  equation exponent power term function line plane triangle constant variable parameter expression sum product
  side circle curve graph root solution integer real complex ratio length distance area`.split(/\s+/),
);

/**
 * Indefinite placeholders and negation words of a premise annotation ("someone owns X", "there is
 * something called Y"): they stand for anything, so a premise correction need not name them.
 */
export const PREMISE_PLACEHOLDERS: ReadonlySet<string> = new Set(
  `someone somebody something somewhere sometime someth exist exists
  existed don't doesn't didn't isn't aren't wasn't weren't can't cannot won't never not no`.split(/\s+/),
);

/**
 * What a refusal is made of ("I don't know", "cannot tell", "not sure", "unclear"), stemmed: not
 * what it is about. A sentence that stands in for a slot must name something besides these.
 */
export const REFUSAL_WORDS: ReadonlySet<string> = new Set(
  `know knew cannot can't couldn't unable able tell sure say unclear refuse decline afraid sorry`.split(/\s+/),
);

/**
 * General nouns, event verbs and relational words: words that stand for any situation, happening,
 * part or relation without naming a property of it ("situation", "matter", "aspect", "what
 * happened", "what is going on", "how it changed", "part", "relationship"). A slot that adds only
 * such words to things of the question ("the apples situation", "what happened with the apples",
 * "the relationship between the apples and the pears") says nothing of what about them is missing.
 * A closed class, kept as data.
 */
export const GENERAL_WORDS: readonly string[] = `situation situations circumstance circumstances matter matters affair affairs
  business case cases issue issues story scenario aspect aspects stuff event events happening happenings deal setup
  background picture happen happens happened occur occurs occurred going goes go went part parts piece pieces side sides
  thing things relation relations relationship relationships connection connections link links related relate relates
  connected linked change changes changed`.split(/\s+/);
