import { InputError, ModelError } from "../errors.js";
import { cosine } from "../vector/vector-math.js";
import type { AbstentionResult, Embedder } from "../types.js";
import { similarityReason } from "./abstention-reason.js";
import { answerSegment } from "./answer-segment.js";
import { resolveDetectAbstentionOptions, resultFromScan } from "./detect-abstention.js";
import type { DetectAbstentionOptions } from "./detect-abstention.js";
import { scanAbstention } from "./scan-abstention.js";
import type { AbstentionScan } from "./scan-abstention.js";
import { SELFAWARE_REFERENCE_SENTENCES } from "./selfaware-references.js";

/** Options of {@link detectAbstentionAsync}. */
export interface DetectAbstentionAsyncOptions extends DetectAbstentionOptions {
  /**
   * Cosine between a window and a reference sentence at or above which the response is uncertain
   * (chosen on held-out data for the offline embedder; see docs/decisions.md).
   * @default 0.71
   */
  similarityThreshold?: number;
  /**
   * Words per sliding window (SelfAware uses 5).
   * @default 5
   */
  windowWords?: number;
  /**
   * At most this many windows per response, first sentences first (bounded model work).
   * @default 32
   */
  maxWindows?: number;
  /**
   * The reference uncertainty sentences.
   * @default SELFAWARE_REFERENCE_SENTENCES
   */
  references?: readonly string[];
}

interface Window {
  text: string;
  sentence: number;
}

/**
 * Sliding windows of `size` words over each sentence; a shorter sentence is one window.
 * @param scan - From {@link scanAbstention}.
 * @param size - Words per window.
 * @param max - At most this many windows, first sentences first.
 * @returns The windows with their sentence index.
 * @example
 * sentenceWindows(scanAbstention("No one knows.", PHRASE_FAMILIES, "fixed"), 5, 32)[0]?.text; // "No one knows."
 */
export function sentenceWindows(scan: AbstentionScan, size: number, max: number): Window[] {
  const windows: Window[] = [];
  scan.sentences.forEach((sentence, index) => {
    const words = sentence.text
      .replace(/\\boxed\{[^{}]{0,200}\}/g, " ")
      .split(/\s+/)
      .filter((word) => word !== "");
    if (words.length === 0) return;
    if (words.length <= size) {
      windows.push({ text: words.join(" "), sentence: index });
      return;
    }
    for (let i = 0; i + size <= words.length; i += 1) windows.push({ text: words.slice(i, i + size).join(" "), sentence: index });
  });
  return windows.slice(0, max);
}

/**
 * Detects abstention in a batch of completions: the lexical detector, plus the SelfAware method on
 * the embedder for the completions it does not flag (5-word windows of each answer sentence, max
 * cosine against reference uncertainty sentences, threshold). One `embed` call for the whole batch.
 * @param responses - The completions.
 * @param embedder - A sentence-embedding model (unit vectors).
 * @param options - Lexical options plus the similarity threshold, window size and references.
 * @returns One result per completion, in order.
 * @example
 * const [r] = await detectAbstentionAsync(["…</thinking><answer>Nobody can say for sure.</answer>"], await loadEmbedder());
 */
export async function detectAbstentionAsync(
  responses: readonly string[],
  embedder: Embedder,
  options: DetectAbstentionAsyncOptions = {},
): Promise<AbstentionResult[]> {
  const { similarityThreshold = 0.71, windowWords = 5, maxWindows = 32, references = SELFAWARE_REFERENCE_SENTENCES, ...lexical } = options;
  const resolved = resolveDetectAbstentionOptions(lexical);
  if (!(similarityThreshold > 0 && similarityThreshold <= 1) || !(windowWords >= 1) || !(maxWindows >= 1) || references.length === 0) {
    throw new InputError(
      "detectAbstentionAsync needs similarityThreshold in (0, 1], windowWords and maxWindows of at least 1, and one or more reference sentences.",
      [{ path: ["options"], message: "Out of range" }],
      "invalid_options",
    );
  }
  const scanned = responses.map((response) => {
    const segment = answerSegment(typeof response === "string" ? response : "", resolved.template, resolved.compat);
    const scan = scanAbstention(segment.text, resolved.families, resolved.compat);
    const result = resultFromScan(scan, segment.offset, resolved.threshold);
    // Only what the lexical detector leaves open goes to the model.
    const windows = result.abstained || result.hedged ? [] : sentenceWindows(scan, windowWords, maxWindows);
    return { segment, scan, result, windows };
  });
  const texts = [...new Set([...references, ...scanned.flatMap((entry) => entry.windows.map((window) => window.text))])];
  if (scanned.every((entry) => entry.windows.length === 0)) return scanned.map((entry) => entry.result);
  const vectors = await embedder.embed(texts);
  if (vectors.length !== texts.length)
    throw new ModelError(`The embedder "${embedder.id}" returned ${vectors.length} vectors for ${texts.length} texts.`);
  const byText = new Map(texts.map((text, index) => [text, vectors[index]]));
  const referenceVectors = references
    .map((reference) => byText.get(reference))
    .filter((vector): vector is Float32Array => vector !== undefined);
  return scanned.map(({ segment, scan, result, windows }) => {
    let best = 0;
    let bestSentence = -1;
    for (const window of windows) {
      const vector = byText.get(window.text);
      if (vector === undefined) continue;
      for (const reference of referenceVectors) {
        const similarity = cosine(vector, reference);
        if (similarity > best) {
          best = similarity;
          bestSentence = window.sentence;
        }
      }
    }
    const sentence = scan.sentences[bestSentence];
    if (best < similarityThreshold || sentence === undefined) return result;
    const hedged = scan.answers.length > 0;
    return {
      score: hedged ? 0 : 1,
      reason: similarityReason(hedged, best, similarityThreshold),
      abstained: !hedged,
      explicit: false,
      hedged,
      kind: "unknown",
      span: { start: sentence.start + segment.offset, end: sentence.end + segment.offset, text: sentence.text },
      confidence: hedged ? best * 0.5 : best,
    };
  });
}
