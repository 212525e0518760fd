import { distinctiveKeys, holdsMost, prepareQuestion } from "./prepared-question.js";
import type { PreparedClause, PreparedQuestion } from "./prepared-question.js";
import { stem } from "./tokens.js";

/** Words (stemmed) that ask for an amount of money: such a slot is stated by "$3", which counts no noun. */
export const MONEY_KEYS: ReadonlySet<string> = new Set(
  [
    "cost",
    "costs",
    "price",
    "prices",
    "pay",
    "paid",
    "spend",
    "spent",
    "earn",
    "earned",
    "earns",
    "charge",
    "charged",
    "dollars",
    "cents",
    "money",
    "worth",
    "fee",
  ].map(stem),
);

/**
 * Words that place a quantity at the start of a story ("how many he had *initially*", "at *first*"): the story's
 * first statement gives that state without saying so ("Tom had 9 cookies. He ate 5.").
 */
const FIRST_STATE_KEYS: ReadonlySet<string> = new Set(
  ["initially", "originally", "initial", "original", "first", "start", "starting", "begin", "beginning"].map(stem),
);
/** Words that place a quantity at the end of a story; any one of them in a clause says the others ("left", "remaining"). */
const LAST_STATE_KEYS: ReadonlySet<string> = new Set(["remain", "remaining", "left", "now", "end", "final", "finally"].map(stem));

/**
 * Whether the question states, with a number, the quantity a slot asks for ("how many marbles Ed
 * lost" against "He lost 21 of his marbles"). The slot is placed in the clause holding its
 * distinctive words (those the asked sentence does not repeat: "bought" in "how many apples Sara
 * bought" when the question asks "How many apples does Sara have left?"); a clause that blurs
 * its quantity ("Sara bought some apples", "less than 53 blocks", "4 to 6 boxes") or holds no
 * number does not state it (nor does any clause when another clause that matches the slot as well
 * blurs it), nor does a question that names one of the slot's words only where it
 * asks ("How many more kids … than on Friday?"), nor does a clause whose numbers count something
 * else ("8 bags of cans" states the bags, not how many cans a bag holds), compare ("4 more balloons
 * than Allan"), are money ("cost $3", unless the slot asks for money), are denied ("didn't have 7 members") or make a range, nor a
 * rate ("10 pins per day") unless the slot asks for that rate, nor a clause whose number the slot
 * cites ("how many of the 7 customers left a tip" asks for a part), so asking for it is no false
 * claim. Pure, bounded.
 * @param question - The question, as text or prepared once ({@link prepareQuestion}).
 * @param slotKeys - The slot's specific content keys (stemmed).
 * @param perUnit - For a rate ("how many cups are in one *bottle*"), the unit's key: the clause must
 *   name it too, since "60 cups of soda" gives cups, not cups per bottle.
 * @returns `true` when a statement clause gives the quantity as a plain number.
 * @example
 * statesQuantity("Sara bought some apples and ate 3 of them. How many apples does Sara have left?", ["apple", "sara", "bought"]); // false
 */
export function statesQuantity(question: string | PreparedQuestion, slotKeys: readonly string[], perUnit?: string): boolean {
  if (slotKeys.length < 2) return false;
  return givesQuantity(typeof question === "string" ? prepareQuestion(question) : question, slotKeys, perUnit);
}

/**
 * Whether the question gives, as a plain number, the count of a thing that a bare count slot names
 * alone ("how many alligators there are" against "a cage had 93 snakes and 97 alligators"). One
 * word cannot say which count of a thing is meant, so {@link statesQuantity} never reads one; a slot
 * that adds nothing to the thing asks for every count of it, and a question that counts the thing
 * plainly in every clause that names it (none blurs it: "at least 5 lives", "some cookies") gives
 * that count. Pure, bounded.
 * @param question - The question, as text or prepared once ({@link prepareQuestion}).
 * @param thing - The counted thing's key (stemmed).
 * @returns `true` when the question states the thing's count.
 * @example
 * statesBareCount("A cage had 93 snakes and 97 alligators. How many alligators were not hiding?", "alligator"); // true
 */
export function statesBareCount(question: string | PreparedQuestion, thing: string): boolean {
  if (thing === "" || /^\d/.test(thing)) return false;
  return givesQuantity(typeof question === "string" ? prepareQuestion(question) : question, [thing], undefined);
}

function givesQuantity(prepared: PreparedQuestion, slotKeys: readonly string[], perUnit: string | undefined): boolean {
  // A word the question only asks about ("… than on Friday?") is stated nowhere, so neither is the quantity.
  const probe = distinctiveKeys(prepared, slotKeys);
  if (probe === null) return false;
  // The slot's head noun: the first word that is not a number ("cans" of "how many cans are in each bag").
  const head = slotKeys.find((key) => !/^\d/.test(key)) ?? "";
  // The clauses that match the slot best, over every statement sentence that holds most of its words.
  let best: PreparedClause[] = [];
  let most = 0;
  const lastState = (keys: ReadonlySet<string>): boolean => {
    for (const key of LAST_STATE_KEYS) if (keys.has(key)) return true;
    return false;
  };
  // The story's first statement is its start; "left" says "remaining".
  const inState = (key: string, keys: ReadonlySet<string>, first: boolean): boolean =>
    (FIRST_STATE_KEYS.has(key) && first) || (LAST_STATE_KEYS.has(key) && lastState(keys));
  prepared.statements.forEach((sentence, index) => {
    const inSentence = (key: string): boolean => sentence.keys.has(key) || inState(key, sentence.keys, index === 0);
    if (slotKeys.filter(inSentence).length / slotKeys.length < 2 / 3) return;
    for (const clause of sentence.clauses) {
      // A list item shares its list's subject and verb: "5 emails in the afternoon" is what Jack received.
      const has = (key: string): boolean => clause.keys.has(key) || clause.lead.has(key) || inState(key, clause.keys, index === 0);
      // The distinctive words rank first; the others break ties between the items of a list ("in the afternoon").
      // Most of what sets the slot apart must be there: "how many cookies he obtained between having
      // them and eating them" is not "He ate 36 cookies".
      if (!holdsMost(probe, has)) continue;
      const hits = probe.filter(has).length * (slotKeys.length + 1) + slotKeys.filter(has).length;
      if (hits < most) continue;
      if (hits > most) best = [];
      most = hits;
      best.push(clause);
    }
  });
  // A claim is false only on plain evidence: when one of the best-matching clauses blurs its
  // quantity ("sold a total of 163 shirts" beside "sold more than 89 shirts during the game"), the
  // question may not state what the slot asks, so it is not read as stated.
  if (best.some((clause) => clause.blurred)) return false;
  // A slot about money ("how much each bar costs") is stated by an amount ("cost $3"), which counts no noun.
  const moneyWords = slotKeys.filter((key) => MONEY_KEYS.has(key));
  const asksMoney = moneyWords.length > 0;
  // A slot that cites a clause's number ("how many of the 7 customers left a tip") asks for something else.
  const cited = new Set(slotKeys.filter((key) => /^\d/.test(key)));
  // The number must count what the slot asks about: "8 bags of cans" does not state how many cans a bag holds;
  // a rate ("10 pins per day") states only a rate.
  return best.some(
    (clause) =>
      clause.numbered &&
      !clause.numbers.some((number) => cited.has(number)) &&
      (clause.countsUnread ||
        (asksMoney && clause.moneyed) ||
        // A count of the things ("20 string cheeses") is not their price ("how much each string cheese costs").
        (clause.counted.has(head) && moneyWords.every((key) => clause.keys.has(key))) ||
        (perUnit !== undefined && clause.rated.has(head))) &&
      (perUnit === undefined || clause.keys.has(perUnit)),
  );
}
