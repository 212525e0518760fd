import { stripMarkup } from "./text-normalize.js";

/** Multiple-choice letters recognized: A to J. */
const GOLD_LETTER = /^\(?([A-Ja-j])\)?[.):]?$/;
const GOLD_OPTION = /^(?:option|choice)\s{1,3}\(?([A-Ja-j])\)?[.):]?$/i;
// `A. Paris` names choice A; `A. J. Cook` is a person's initials.
const GOLD_LETTER_WITH_TEXT = /^\(([A-J])\)\s{0,3}\S|^([A-J])[.)]\s{1,3}(?![A-Z]\.)\S/;
const PRED_LEADING = /^\(?([A-J])\)?(?:[.):]|$)|^\(([A-J])\)/;
const PRED_OPTION = /\b(?:[Oo]ption|[Cc]hoice|[Aa]nswer)(?: is)?:?\s{0,3}\(?([A-J])\)?(?![A-Za-z])/;

function upper(letter: string | undefined): string | null {
  return letter === undefined ? null : letter.toUpperCase();
}

/**
 * The letter a gold answer names, when it is a multiple-choice letter (`B`, `(B)`, `B.`,
 * `option B`, `(B) Paris`).
 * @param gold - The gold answer.
 * @returns The upper-case letter, or `null`.
 */
export function goldChoiceLetter(gold: string): string | null {
  const text = stripMarkup(gold).trim();
  const m = GOLD_LETTER.exec(text) ?? GOLD_OPTION.exec(text);
  if (m !== null) return upper(m[1]);
  const withText = GOLD_LETTER_WITH_TEXT.exec(text);
  return withText === null ? null : upper(withText[1] ?? withText[2]);
}

/**
 * The letter a predicted answer picks: at its start (`(B)`, `B.`, `B`) or after "option"/"the
 * answer is". A bare leading capital followed by a word (`A car`) is not a choice.
 * @param pred - The extracted answer.
 * @returns The upper-case letter, or `null`.
 */
export function predictedChoiceLetter(pred: string): string | null {
  const text = stripMarkup(pred).trim().slice(0, 200);
  const leading = PRED_LEADING.exec(text);
  if (leading !== null) return upper(leading[1] ?? leading[2]);
  const option = PRED_OPTION.exec(text);
  return option === null ? null : upper(option[1]);
}
