/**
 * One command for every quality measurement: `npx tsx bench/quality/run.ts`. Writes
 * bench/results/quality-*.json|md and the "Abstention detection", "Clarification verification"
 * and "Training step" sections of docs/quality.md (other sections are left as they are).
 * Skips cleanly, with a message, when ../shared/data is absent.
 */
import { runAbstention } from "./abstention.js";
import { runClarification } from "./clarification.js";
import { runTrainingStep } from "./training-step.js";
import { pct, writeDocSection } from "./lib/data.js";

const met = (ok: boolean): string => (ok ? "met" : "**not met**");

interface Rates { unanswerable: number; answerable: number; falseAbstention: number }
interface SetReport { aucEasy: number; aucHard: number; verifiedPositives: number; passRates: Record<string, number> }

const abstention = await runAbstention();
if (abstention !== null) {
  const lexical = abstention["lexical"] as { withMarkers: Rates; withoutMarkers: Rates };
  const sa = abstention["selfaware"] as { threshold: number; test: Rates };
  const targets = [
    `- With markers ≥ 98%: ${pct(lexical.withMarkers.unanswerable)} of unanswerable and ${pct(lexical.withMarkers.answerable)} of answerable responses classified right — ${met(lexical.withMarkers.unanswerable >= 0.98 && lexical.withMarkers.answerable >= 0.98)}.`,
    `- Without markers ≥ 90%: ${pct(lexical.withoutMarkers.unanswerable)} (lexical), ${pct(sa.test.unanswerable)} (lexical + SelfAware, held-out rows) — ${met(lexical.withoutMarkers.unanswerable >= 0.9)}.`,
    `- False abstention ≤ 2%: ${pct(lexical.withoutMarkers.falseAbstention)} lexical, ${pct(sa.test.falseAbstention)} with SelfAware — ${met(lexical.withoutMarkers.falseAbstention <= 0.02)}.`,
  ];
  writeDocSection("Abstention detection", `${String(abstention["markdown"])}\n\nTargets:\n\n${targets.join("\n")}\n\nThe boxed marker decides when present; the language decides the kind (\`unknown\`, \`false-premise\`, \`safety\`) and catches abstentions without a marker. A hedge (abstention language plus a boxed guess or "my best guess is") is reported as \`hedged\`, not as an abstention. The SelfAware variant adds little here because the lexical tables already cover these responses; it is the fallback for phrasings the tables miss.`);
}

const clarification = await runClarification();
if (clarification !== null) {
  const sets = clarification["sets"] as Record<string, SetReport>;
  const test = sets["SUM test (odd items)"] as SetReport;
  const all = sets["SUM all"] as SetReport;
  const qaqa = sets["qaqa test (odd rows)"] as SetReport;
  const falseqa = sets["falseqa test (odd rows)"] as SetReport;
  const gap = (value: number, target: number): string => (value >= target ? "" : ` (short by ${(target - value).toFixed(3)})`);
  const targets = [
    `- AUC ≥ 0.97 on easy negatives: SUM held-out ${test.aucEasy.toFixed(3)}${gap(test.aucEasy, 0.97)}, SUM all ${all.aucEasy.toFixed(3)}, qaqa held-out ${qaqa.aucEasy.toFixed(3)}, falseqa held-out ${falseqa.aucEasy.toFixed(3)} — ${met(test.aucEasy >= 0.97)}.`,
    `- AUC ≥ 0.95 on hard negatives: SUM held-out ${test.aucHard.toFixed(3)}${gap(test.aucHard, 0.95)}, SUM all ${all.aucHard.toFixed(3)}, qaqa held-out ${qaqa.aucHard.toFixed(3)}, falseqa held-out ${falseqa.aucHard.toFixed(3)} — ${met(test.aucHard >= 0.95)}.`,
    `- Generic refusals passing ≤ 2%: SUM held-out ${pct(test.passRates["easy-generic"] ?? Number.NaN)}, qaqa held-out ${pct(qaqa.passRates["easy-generic"] ?? Number.NaN)}, falseqa held-out ${pct(falseqa.passRates["easy-generic"] ?? Number.NaN)} — ${met([test, qaqa, falseqa].every((r) => (r.passRates["easy-generic"] ?? 1) <= 0.02))}.`,
    `- Restatements passing ≤ 5%: SUM held-out ${pct(test.passRates["hard-restatement"] ?? Number.NaN)}, qaqa held-out ${pct(qaqa.passRates["hard-restatement"] ?? Number.NaN)}, falseqa held-out ${pct(falseqa.passRates["hard-restatement"] ?? Number.NaN)} — ${met([test, qaqa, falseqa].every((r) => (r.passRates["hard-restatement"] ?? 1) <= 0.05))}.`,
    `- Positives verified (no target; SUM: the reference clarifications, qaqa/falseqa: the model's own): SUM held-out ${pct(test.verifiedPositives)}, qaqa held-out ${pct(qaqa.verifiedPositives)}, falseqa held-out ${pct(falseqa.verifiedPositives)}.`,
  ];
  const why = [
    "Negatives, built by `bench/quality/lib/negatives.ts`: *easy* — the reference clarifications of 5 other items drawn at random, and 8 fixed generic refusals; *hard* — a restatement (\"I cannot answer this question: <question>\"), a false claim (\"The problem does not specify that <a sentence of the question>\", preferring a sentence unchanged from the answerable version), and another condition of the same problem declared missing, once quoted (\"The modified question omits <an unchanged window of the question, preferring one with a number>…\") and once described in words (\"…does not specify the value of the <words around it>…\"). The quoted windows are cut mechanically and sometimes read oddly. For the false-premise rows of the responses file (`bench/quality/lib/cases.ts` `buildFalsePremise`) the positive is the model's own clarification (`extractClarification` of the response); the annotation is `metadata.QAQA_questionable_assumption` as the missing fact (qaqa) or the first `reference_answers` entry as `referenceClarification` (falseqa); even rows of the file (by row index) calibrate, odd rows are held out. Their negatives: the same easy kinds, the restatement, the false claim \"The question does not specify that <question>\", and a *wrong premise* — the right form naming another row's premise (\"This question contains a factual error: it wrongly assumes that <another row's assumption>, which is not true.\"; falseqa: another row's reference answer). There is no paired version to draw another condition from.",
    "",
    "How it works: the clarification's *declared-missing slots* (\"does not specify X\", \"omits X\", \"replaces X with Y\", \"X is not given\", \"adds a contradictory condition X\", \"the question assumes X\") and *premise corrections* (slots of kind `false`: \"X was never traded to Y\", \"X is not Y but Z\", \"there is no X\", \"actually, X\", \"contrary to …\", \"the premise that … is incorrect\", \"logical inconsistency: …\") are extracted; a `missing` slot the question itself states is a false claim, while a premise correction is matched to all the premise's words (it *should* name what the question states); a clarification with no slot (restatement) gets 0. Six signals per fact — best slot-to-fact cosine, best sentence-to-fact cosine, lexical match of a slot to the fact's *core* keys (what the question no longer contains: numbers, math symbols, variables, words, fuzzy), the share of those core keys named anywhere in the clarification, the share of slot keys that the question states and no fact lost, and the share of false-claim slots — are combined by a logistic model whose seven constants were fitted on the even SUM items only (`bench/quality/fit-clarification.ts`, `DEFAULT_CLARIFICATION_WEIGHTS`). Before this model (hand-set 0.7 × slot match + 0.3 × topic, threshold 0.21) the held-out SUM AUCs were 0.859 easy / 0.854 hard and qaqa 0.913 / 0.915.",
    "",
    "What was looked at, honestly: the second round of changes (a quantity the question blurs — \"Sara bought some apples\" — is no false claim; context tags and rewording verbs no longer count as lost content; `\\theta` and `𝒂` are variables; deletions at the end of the text are found) was chosen from even-split items only (their lowest-scoring positives and highest-scoring other-item negatives, printed with their derived facts) plus the eval-CLI misfire, judged on the even split (AUC 0.920 / 0.934 → 0.943 / 0.952), and the weights and threshold (0.48 → 0.53) were refitted there. The odd items and qaqa were only run once afterwards: held-out SUM AUC 0.893 / 0.912 → 0.892 / 0.913 (flat), other-item passes 14.4% → 10.1%, positives verified 64.8% → 60.6%, false-claim passes 11.3% → 12.7%; qaqa 0.931 / 0.965 → 0.929 / 0.965. The even-split gain did not carry over to held-out items.",
    "",
    "False-premise round (what was looked at, honestly): on the qaqa and falseqa rows the verifier rejected clear premise corrections. Looking only at the even rows (their rejected positives, printed with slots and features), three causes: (1) premise corrections stated as facts (\"The RMS Titanic was not built in Liverpool\", \"isn't simply made up of\", \"contains a logical inconsistency: …\") yielded no slot, so scored 0 — new `false` triggers `negation`, `correction`, `premise-that` and more nouns for `factual-error`; a bare negation is dropped when the same sentence declares something missing (\"is not given\" and other negated predicates about the information are excluded in the pattern); (2) a `false` slot was matched to the fact's *core* keys — the words the question does not contain, which for a false premise are noise (\"got\" of \"got traded\", \"someone\") — now it is matched to all the premise's keys minus annotation placeholders (\"someone\", \"contextually unique\", negation words); (3) the stated-share penalty counted premise corrections — now only `missing` slots. One SUM-side fix came with it: the restatement check (\"I cannot answer this question: <question>\") ignores generic words, so a question holding \"not\" does not turn its restatement into a premise correction. The weights and threshold were **not** refitted: a refit on the even SUM items with the new slots (the documented procedure) gave nearly the same constants and threshold 0.56 with even-split changes within noise, and a single threshold already serves both kinds on the even false-premise rows (qaqa 78% positives / 0.8% other-item passes), so the SUM operating point was kept. Before → after, held-out odd rows: qaqa AUC 0.921 / 0.930 → 0.927 / 0.943, positives 56.0% → 86.0%, wrong-premise passes 8.0% → 4.0%; falseqa 0.898 / 0.892 → 0.958 / 0.948, positives 38.0% → 78.0%; SUM odd 0.892 / 0.913 → 0.891 / 0.918, positives 60.6% → 60.6%, restatements 1.4% → 1.4%, false claims 12.7% → 9.9%, other condition (quoted) 16.9% → 18.5% (one item). Even rows: qaqa 0.937 / 0.948 → 0.990 / 0.989, positives 54% → 78%; falseqa 0.834 / 0.864 → 0.977 / 0.989, positives 32% → 84%. Still rejected on the even rows: ambiguity answers to \"there is a contextually unique X\" premises (\"there are multiple people named Michael Scott\") — a `which X` slot is matched to the lost words, not to the premise — and clarifications that only say the model lacks current knowledge (not counted as errors).",
    "",
    "Why the AUC targets are out of reach with the offline model, and what would close them:",
    "",
    "- SUM dev is 142 precalculus items; every reference clarification talks about a matrix entry, an angle, an interval or an equation, so clarifications of *other* items share the vocabulary of the right one and USE-lite gives cosines of 0.45–0.65 between unrelated math phrases (it has no notion of LaTeX). The plain topic cosine the issue mentions reaches only the AUC shown in the last column here, not 0.99: on this data the easy negatives are not easy.",
    "- 21 of the 142 reference clarifications are cut mid-sentence in the data (\"The modified question omits the\"), which caps positive recall.",
    "- The slot-to-fact match is lexical first; a clarification that *describes* the missing thing (\"the plane equation\") while the fact is a formula (\"x + y + z = 12\") matches only through the weak embedding.",
    "- What would close it: an NLI model (`nli` option; `Xenova/nli-deberta-v3-xsmall` where the hub is reachable) scoring \"the question does not give <fact>\" against the clarification, and a math-aware embedding model (all-MiniLM-L6-v2 or better) in place of USE-lite. Both plug into the same verifier; no NLI weights are reachable offline here, so those numbers are not measured.",
  ];
  writeDocSection("Clarification verification", `${String(clarification["markdown"])}\n\nTargets:\n\n${targets.join("\n")}\n\n${why.join("\n")}`);
}

const step = await runTrainingStep();
if (step !== null) {
  const cold = (step["coldStep"] as { wallMs: number }).wallMs;
  const notes = [
    `Target ≤ 1 s on the 2-core machine: ${cold.toFixed(0)} ms cold — ${met(cold <= 1000)}${cold <= 1000 ? "" : ` (over by ${(cold - 1000).toFixed(0)} ms)`}.`,
    "",
    `Where the time goes: most of it is \`session.run\` of USE-lite on the slots, facts and sentences of the unanswerable rollouts (restatements, generic refusals and false claims embed nothing: the plan skips them; facts are embedded once per prompt, not per rollout). The two cores are shared with other processes while this runs (load average in the table), so the numbers move between runs; on this machine, during this work, the median cold step ranged from about 0.8 s (load 7.4) to 2.3 s (load 9.5) between runs of this bench. ${cold <= 1000 ? "Headroom" : "What would close the gap"}: a GPU (\`device: "cuda"\`), an embedding cache that outlives the step (facts repeat across the epochs of a prompt; the warm step above shows the effect), and embedding only slots and facts (dropping the topic sentences) when time matters more than the last points of AUC.`,
  ];
  writeDocSection("Training step", `${String(step["markdown"])}\n\n${notes.join("\n")}`);
}
