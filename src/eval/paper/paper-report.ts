import type { EvalInputReport } from "../eval-types.js";
import type { JudgeKind } from "../judge/judge-types.js";
import type { PaperGroupMetrics } from "./paper-metrics.js";
import type { PaperProtocol } from "./paper-types.js";

/** Everything `eval --json` prints under a paper protocol. */
export interface PaperReport {
  grading: "paper";
  protocol: PaperProtocol;
  /** The script whose rules produced the numbers. */
  script: string;
  /** The judge that answered the script's LLM questions (and, for selfaware, its similarity step). */
  judge: {
    kind: JudgeKind;
    name: string;
    /** `false`: clarification accuracy is not measured (`null`), never a made-up 0. */
    measuresClarification: boolean;
    /** selfaware with the offline judge: the cosine threshold of the window step. */
    similarityThreshold: number | null;
  };
  overall: PaperGroupMetrics;
  byDataset: Record<string, PaperGroupMetrics>;
  input: EvalInputReport;
  elapsedMs: number;
}
