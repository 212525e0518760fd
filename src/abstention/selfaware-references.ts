/**
 * The reference uncertainty sentences of the SelfAware method (Yin et al., 2023, "Do Large
 * Language Models Know What They Don't Know?"), kept as data: a response counts as uncertain when
 * some 5-word window of it is close enough to one of these.
 */
export const SELFAWARE_REFERENCE_SENTENCES: readonly string[] = [
  "The answer is unknown.",
  "The answer is uncertain.",
  "The answer is unclear.",
  "There is no scientific evidence.",
  "There is no definitive answer.",
  "There is no right answer.",
  "There is much debate.",
  "There is no known case.",
  "There is no concrete answer to this question.",
  "There is no public information available.",
  "It is impossible to know.",
  "It is impossible to answer.",
  "It is difficult to predict.",
  "It is not known.",
  "We do not know.",
  "I'm not sure.",
];
