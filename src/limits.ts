/**
 * Input bounds shared by every scanner. Completions longer than this are cut before any regex
 * or scan runs, so no input can make the pure core slow; the cut is reported, never silent.
 */
export const MAX_RESPONSE_CHARS = 1_000_000;

/** How far back from the end of the answer segment regex-based extractors look. */
export const MAX_ANSWER_SEGMENT_CHARS = 20_000;

/** The longest `\boxed{…}` content kept; longer boxes are treated as garbage. */
export const MAX_BOX_CHARS = 10_000;
