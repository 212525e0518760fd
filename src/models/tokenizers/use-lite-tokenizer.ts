/**
 * The SentencePiece Viterbi of Universal Sentence Encoder lite, reproduced exactly — including two
 * quirks of the reference JS port that a Hugging Face Unigram model does not share (see
 * docs/decisions.md): a running best score of exactly 0 counts as "unset", and ties go to the
 * later (shorter) candidate. Without them ~2% of hostile inputs get different ids.
 */

/** Word-boundary marker prepended and substituted for ASCII spaces. */
const SEPARATOR = "\u2581";

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Vocabulary id when a piece ends here, else -1. */
  id: number;
  score: number;
}

function newNode(): TrieNode {
  return { children: new Map(), id: -1, score: 0 };
}

/**
 * Tokenizes text into USE-lite ids with the reference's exact behaviour.
 * @example
 * const tok = new UseLiteTokenizer(vocab);
 * tok.encode("Hello world"); // → [ids…]
 */
export class UseLiteTokenizer {
  private readonly root = newNode();
  /** UTF-16 length of each piece: the reference steps back by `piece.length`, not by code points. */
  private readonly pieceLength: Int32Array;

  /**
   * Builds the trie over the vocabulary, skipping reserved ids.
   * @param vocabulary - `[piece, score]` pairs; a `null` score counts as 0, as in the reference.
   * @param reservedCount - Ids below this are never produced by the Viterbi (0 = unknown).
   */
  constructor(vocabulary: readonly (readonly [string, number | null])[], reservedCount = 6) {
    this.pieceLength = Int32Array.from(vocabulary, ([piece]) => piece.length);
    for (let id = reservedCount; id < vocabulary.length; id++) {
      const entry = vocabulary[id];
      if (entry === undefined) continue;
      let node = this.root;
      for (const symbol of entry[0]) {
        let child = node.children.get(symbol);
        if (child === undefined) {
          child = newNode();
          node.children.set(symbol, child);
        }
        node = child;
      }
      node.id = id;
      node.score = entry[1] ?? 0;
    }
  }

  /**
   * Encodes one text (NFKC, `▁` prefix and space substitution, Viterbi, unknown runs merged).
   * @param text - Any string; the empty string gives no ids.
   * @returns Token ids without BOS/EOS and without truncation.
   * @example
   * tok.encode(""); // → []
   */
  encode(text: string): number[] {
    const normalized = text.normalize("NFKC");
    if (normalized.length === 0) return [];
    const symbols = Array.from(SEPARATOR + normalized.replace(/ /g, SEPARATOR));
    const n = symbols.length;
    // Candidates grouped by end position; filling starts in ascending order keeps each group in
    // the reference's iteration order (integer object keys ascend), which the tie rule depends on.
    const endStarts: number[][] = Array.from({ length: n + 1 }, () => []);
    const endIds: number[][] = Array.from({ length: n + 1 }, () => []);
    const endScores: number[][] = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      let node = this.root.children.get(symbols[start] ?? "");
      let found = false;
      for (let end = start + 1; node !== undefined; end++) {
        if (node.id >= 0) {
          endStarts[end]?.push(start);
          endIds[end]?.push(node.id);
          endScores[end]?.push(node.score);
          found = true;
        }
        if (end >= n) break;
        node = node.children.get(symbols[end] ?? "");
      }
      if (!found) {
        // Unknown id 0 with score 0, only where no piece starts at this symbol.
        endStarts[start + 1]?.push(start);
        endIds[start + 1]?.push(0);
        endScores[start + 1]?.push(0);
      }
    }
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let end = 1; end <= n; end++) {
      const starts = endStarts[end] ?? [];
      const ids = endIds[end] ?? [];
      const scores = endScores[end] ?? [];
      for (let j = 0; j < starts.length; j++) {
        const score = (scores[j] ?? 0) + (best[starts[j] ?? 0] ?? 0);
        // Quirks kept on purpose: 0 means "unset", and `>=` lets the later candidate win ties.
        if (best[end] === 0 || score >= (best[end] ?? 0)) {
          best[end] = score;
          words[end] = ids[j] ?? 0;
        }
      }
    }
    const reversed: number[] = [];
    for (let i = n; i > 0; i -= Math.max(1, this.pieceLength[words[i] ?? 0] ?? 1)) reversed.push(words[i] ?? 0);
    const merged: number[] = [];
    let previousUnknown = false;
    for (const id of reversed) {
      if (!(previousUnknown && id === 0)) merged.push(id);
      previousUnknown = id === 0;
    }
    return merged.reverse();
  }
}
