/**
 * One command for every quality measurement: `npx tsx bench/quality/run.ts [--write]`. Prints the
 * "Abstention detection", "Clarification verification" and "Training step" sections; with
 * `--write` it also writes bench/results/quality-*.json|md and those sections of docs/quality.md
 * (other sections are left as they are). `--only=abstention,clarification,training-step` runs
 * (and writes) only the named parts. Every number written comes from this run. Skips cleanly,
 * with a message, when ../shared/data is absent.
 */
import { runAbstention } from "./abstention.js";
import { runClarification, SAME_STORY_ALL } from "./clarification.js";
import type { SplitReport } from "./clarification.js";
import type { Interval } from "./lib/bootstrap.js";
import { runTrainingStep } from "./training-step.js";
import { REPORT_ONLY_KINDS } from "./lib/all-cases.js";
import { pct, writeDocSection } from "./lib/data.js";

const write = process.argv.includes("--write");
const onlyArg = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const runs = (part: string): boolean => onlyArg === undefined || onlyArg.split(",").includes(part);
const met = (ok: boolean): string => (ok ? "met" : "**not met**");
const section = (heading: string, body: string): void => {
  if (write) writeDocSection(heading, body);
  else console.log(`## ${heading}\n\n${body}\n`);
};

interface Rates {
  unanswerable: number;
  answerable: number;
  falseAbstention: number;
}

const abstention = runs("abstention") ? await runAbstention(write) : null;
if (abstention !== null) {
  const lexical = abstention["lexical"] as { withMarkers: Rates; withoutMarkers: Rates };
  const sa = abstention["selfaware"] as { threshold: number; test: Rates };
  const targets = [
    `- With markers ≥ 98%: ${pct(lexical.withMarkers.unanswerable)} of unanswerable and ${pct(lexical.withMarkers.answerable)} of answerable responses classified right — ${met(lexical.withMarkers.unanswerable >= 0.98 && lexical.withMarkers.answerable >= 0.98)}.`,
    `- Without markers ≥ 90%: ${pct(lexical.withoutMarkers.unanswerable)} (lexical), ${pct(sa.test.unanswerable)} (lexical + SelfAware, held-out rows) — ${met(lexical.withoutMarkers.unanswerable >= 0.9)}.`,
    `- False abstention ≤ 2%: ${pct(lexical.withoutMarkers.falseAbstention)} lexical, ${pct(sa.test.falseAbstention)} with SelfAware — ${met(lexical.withoutMarkers.falseAbstention <= 0.02)}.`,
  ];
  section(
    "Abstention detection",
    `${String(abstention["markdown"])}\n\nTargets:\n\n${targets.join("\n")}\n\nThe boxed marker decides when present; the language decides the kind (\`unknown\`, \`false-premise\`, \`safety\`) and catches abstentions without a marker. A hedge (abstention language plus a boxed guess or "my best guess is") is reported as \`hedged\`, not as an abstention. The lexical numbers are in-sample: the phrase tables were written while reading this same file.`,
  );
}

/** One target line: value, target, by how much it is missed, and its story-bootstrap interval when there is one. */
function target(label: string, value: number, goal: number, atMost: boolean, percent: boolean, interval?: Interval): string {
  const ok = atMost ? value <= goal : value >= goal;
  const show = (v: number): string => (percent ? pct(v) : v.toFixed(3));
  const gap =
    ok || Number.isNaN(value)
      ? ""
      : ` (${atMost ? "over" : "short"} by ${percent ? `${(Math.abs(value - goal) * 100).toFixed(1)} points` : Math.abs(value - goal).toFixed(3)})`;
  const spread = interval === undefined ? "" : `; 95% story-bootstrap interval ${show(interval.low)}–${show(interval.high)}`;
  return `- ${label}: ${show(value)} (target ${atMost ? "≤" : "≥"} ${show(goal)}${spread}) — ${met(ok)}${gap}.`;
}

const clarification = runs("clarification") ? await runClarification(write) : null;
if (clarification !== null) {
  const reports = clarification["reports"] as SplitReport[];
  const held = (set: string): SplitReport | undefined => reports.find((r) => r.set === set && r.split === "test");
  const umwp = held("umwp");
  const kind = (r: SplitReport | undefined, name: string): SplitReport["kinds"][number] | undefined =>
    r?.kinds.find((k) => k.kind === name);
  const intervals = clarification["umwpIntervals"] as Record<string, Interval>;
  const lines: string[] = [];
  if (umwp !== undefined) {
    lines.push(
      target(
        "UMWP own vs same-story mismatch AUC",
        kind(umwp, "same-story")?.auc.verifier ?? Number.NaN,
        0.9,
        false,
        false,
        intervals["same-story AUC"],
      ),
    );
    lines.push(
      target(
        "UMWP own vs other same-topic problems AUC",
        kind(umwp, "other-topic")?.auc.verifier ?? Number.NaN,
        0.97,
        false,
        false,
        intervals["other-topic AUC"],
      ),
    );
    lines.push(target("UMWP own clarifications verified", umwp.verified, 0.85, false, true, intervals["verified"]));
    lines.push(
      target(
        "UMWP same-story mismatches passing",
        kind(umwp, "same-story")?.pass ?? Number.NaN,
        0.1,
        true,
        true,
        intervals["same-story passing"],
      ),
    );
    lines.push(
      target(
        "UMWP same-story, both kinds (incl. pairs that may be right for both) AUC",
        kind(umwp, SAME_STORY_ALL)?.auc.verifier ?? Number.NaN,
        0.9,
        false,
        false,
        intervals[`${SAME_STORY_ALL} AUC`],
      ),
    );
    lines.push(
      target(
        "UMWP same-story, both kinds, passing",
        kind(umwp, SAME_STORY_ALL)?.pass ?? Number.NaN,
        0.1,
        true,
        true,
        intervals[`${SAME_STORY_ALL} passing`],
      ),
    );
    lines.push(
      target(
        "UMWP other problems passing",
        kind(umwp, "other-topic")?.pass ?? Number.NaN,
        0.03,
        true,
        true,
        intervals["other-topic passing"],
      ),
    );
    lines.push(target("UMWP restatements passing", kind(umwp, "restatement")?.pass ?? Number.NaN, 0.02, true, true));
    lines.push(target("UMWP question copies passing", kind(umwp, "question-copy")?.pass ?? Number.NaN, 0.02, true, true));
    lines.push(
      target("UMWP generic refusals passing (held-out refusal texts)", kind(umwp, "generic")?.pass ?? Number.NaN, 0.02, true, true),
    );
    const hedge = kind(umwp, "hedge");
    if (hedge !== undefined)
      lines.push(
        `- UMWP hedges passing (the own clarification plus a stated quantity declared missing; no target, never fitted on): ${pct(hedge.pass)}, against ${pct(umwp.verified)} of own clarifications alone.`,
      );
    const ask = kind(umwp, "ask-restated");
    if (ask !== undefined)
      lines.push(
        `- UMWP asks restated as missing passing ("The problem doesn't specify how many cookies he had in the beginning." for "… How many cookies did he have in the beginning?"; the cheapest clarification of any question; no target of its own, never fitted on): ${pct(ask.pass)}.`,
      );
    const template = kind(umwp, "ask-template");
    if (template !== undefined)
      lines.push(
        `- UMWP asked-thing templates passing ("The problem does not give the initial number of cookies or how many cookies were added or removed.", built from the word after "how many" alone; what a policy earns by writing it for every question; no target, never fitted on): ${pct(template.pass)}, against ${pct(umwp.verified)} of own clarifications.`,
      );
    const bothWays = kind(umwp, "both-ways");
    if (bothWays !== undefined)
      lines.push(
        `- UMWP counts declared missing both ways passing ("The problem does not tell us how many cookies were gained or lost.", built from the word after "how many" alone; held-out frames differ from the fit rows' frames, one with a pair the verifier does not list; no target, never fitted on): ${pct(bothWays.pass)}, against ${pct(umwp.verified)} of own clarifications.`,
      );
    const vague = kind(umwp, "vague-frame");
    if (vague !== undefined)
      lines.push(
        `- UMWP vague frames passing (the question's two main things in a vague denial or request: "no evidence that the A has anything to do with the B", "which A it refers to"; held-out wordings differ from the fit rows'; no target, never fitted on): ${pct(vague.pass)}.`,
      );
    const frame = kind(umwp, "topic-frame");
    if (frame !== undefined)
      lines.push(
        `- UMWP topic frames passing (the question's two main things in a vague frame, "does not make clear what is going on with the X and the Y"; held-out frames differ from the fit rows' frames; no target, never fitted on): ${pct(frame.pass)}.`,
      );
  }
  for (const set of ["sum", "qaqa", "falseqa"]) {
    const r = held(set);
    if (r === undefined) continue;
    lines.push(target(`${set} held-out AUC, easy negatives`, r.aucEasy.verifier, 0.95, false, false));
    lines.push(target(`${set} held-out AUC, hard negatives`, r.aucHard.verifier, 0.95, false, false));
    lines.push(target(`${set} question copies passing`, kind(r, "hard-question-copy")?.pass ?? Number.NaN, 0.02, true, true));
    const vagueFrames = kind(r, "vague-frame");
    if (vagueFrames !== undefined)
      lines.push(`- ${set} vague frames passing (as for UMWP; no target, never fitted on): ${pct(vagueFrames.pass)}.`);
  }
  const losses = reports
    .filter((r) => r.split === "test")
    // Report-only kinds (attack shapes, pairs that may be right for both) are not the issue's negative kinds.
    .flatMap((r) =>
      r.kinds
        .filter((k) => !REPORT_ONLY_KINDS.has(k.kind) && !(k.auc.verifier > k.auc.bow && k.auc.verifier > k.auc.topic))
        .map((k) => `${r.set} ${k.kind}`),
    );
  lines.push(
    `- Verifier beats both baselines on every held-out negative kind — ${met(losses.length === 0)}${losses.length === 0 ? "" : ` (not on: ${losses.join(", ")})`}.`,
  );
  const notes = [
    'Cases (`bench/quality/lib/all-cases.ts`; the split of every row is a function of its id, fixed before any clarification was read): **UMWP** — positive: the problem\'s own clarification (`extractClarification` of its response), annotation `deriveMissingFacts(answerable, unanswerable)` and the question; *same-story*: the clarification of another problem of the same story (answerable questions sharing ≥ 40% of their content words, closed transitively) whose edit touches other words and which still says, as this problem\'s original did (numbers aside), what this problem\'s edit removed; *same-story-blurred-too*: such a clarification where the other problem lacks or blurs the same place (its clarification may be right here too), so it is neither a positive nor a labelled negative: reported, never fitted on, left out of the easy/hard aggregates; *same-story, both kinds* joins the two (every pair whose edits touch different words); *other-topic*: the clarifications of the two nearest problems of other stories by question cosine; *other-entity*: the own clarification with the question\'s names replaced by names from other stories; *stated-claim*: "The problem doesn\'t specify the number of <words after a stated number>"; *hedge*: the own clarification followed by that stated claim (an attack shape: reported, never fitted on, left out of the aggregates); *topic-frame*: the question\'s two most used content words in a vague frame ("the problem is unclear about what happened with the X and the Y"), three frames for the fit rows and three others for the held-out rows (an attack shape: reported, never fitted on, left out of the aggregates); *ask-restated*: the question\'s last "how many/much" ask in statement order after "The problem doesn\'t specify" (an attack shape: reported, never fitted on, left out of the aggregates); *ask-template*: "The problem does not give the initial number of X or how many X were added or removed." with X the word after the last "how many" (an attack shape: reported, never fitted on, left out of the aggregates); *both-ways*: the count of X declared missing both ways ("how many X were bought or sold", "before or after the change"), three frames for the fit rows and three others for the held-out rows, one of them with a pair ("put in or taken out") the verifier does not list (an attack shape: reported, never fitted on, left out of the aggregates); *vague-frame* (every set): the question\'s two main things in a vague denial or request ("There is no evidence that A has anything to do with B.", "The question assumes something about A that is not correct.", "… which A it refers to.", "… the specific A details needed about the B."), four wordings for the fit rows and four others for the held-out rows, both written with the verifier\'s vague-denial rules in view (an attack shape: reported, never fitted on, left out of the aggregates); *restatement*: "I cannot answer this question: <question>"; *question-copy*: the question inside one of three wrappers, and a near copy (every seventh word dropped) after a generic sentence; *generic*: fixed refusals. **SUM / qaqa / falseqa**: the cases of `lib/cases.ts` (reference or own clarifications; other items, generic refusals, restatement, question copy, false claim, other condition quoted/described, wrong premise).',
    "",
    "Baselines, on the same pairs: *bag-of-words* — cosine of stemmed content-word counts of the clarification and the question; *topic cosine* — embedding cosine (same embedder) of the clarification and the question.",
    "",
    "Intervals: the target lines of held-out UMWP figures give a 95% interval from 1,000 resamples of the held-out stories with replacement (every variant of a story, with its own clarification and its negatives, drawn together; 2.5th–97.5th percentiles; `bench/quality/lib/bootstrap.ts`). Variants of a story share their wording and succeed or fail together, so the interval says how far a figure moves with another draw of stories of this size, as the hidden half of UMWP is.",
    "",
    "In-sample caveats: the fit rows above are in-sample. The held-out split was read once after every rule round (docs/decisions.md counts the rounds), so the choice to keep each round was made knowing it: treat its figures as less clean than a first read. The generic refusals on fit rows (`GENERIC_REFUSALS`) share their content words with `GENERIC_SLOT_WORDS`, which was written while looking at such refusals; held-out rows use a second list (`HELD_OUT_REFUSALS`) never used in fitting, written after `GENERIC_SLOT_WORDS` existed, so it is not independent of it either. The slot-trigger tables and the fact derivation predate this split and were written while reading SUM, qaqa and falseqa rows of both parities (see docs/decisions.md), so SUM/qaqa/falseqa held-out numbers measure the fitted scorer out of sample, not those tables.",
  ];
  section(
    "Clarification verification",
    `${String(clarification["markdown"])}\n\nTargets (held-out rows):\n\n${lines.join("\n")}\n\n${notes.join("\n")}`,
  );
}

const step = runs("training-step") ? await runTrainingStep(write) : null;
if (step !== null) {
  const cold = (step["coldStep"] as { wallMs: number }).wallMs;
  const loads = (step["loadAverages1m"] as number[]).map((l) => l.toFixed(1)).join(", ");
  const notes = [
    `Target ≤ 1000 ms for the first (cold) step, median of the trials: ${cold.toFixed(0)} ms — ${met(cold <= 1000)}${cold <= 1000 ? "" : ` (over by ${(cold - 1000).toFixed(0)} ms)`}.`,
    "",
    `The two cores are shared with other processes while this runs (1-minute load averages after the trials: ${loads}), so the figure moves between runs. Most of the time is \`session.run\` of the embedder on the slots, facts and sentences of the unanswerable rollouts; restatements, generic refusals and false-claim-only clarifications embed nothing.`,
  ];
  section("Training step", `${String(step["markdown"])}\n\n${notes.join("\n")}`);
}
