import { escapeInline } from "../status-comment.js";
import { pmQuestionsMarker } from "../item/markers.js";
import { refineSettled } from "./refine.js";
import type { RefineState } from "./refine-state.js";

/**
 * What a person sees of the refinement (issue #13 item 1): the status comment's lines (the draft
 * story, the agent's estimates with their reasons, a problem, the accepted story) and the one
 * comment asking the author the agent's questions. Text from the agent is escaped like issue text.
 * Pure and deterministic (no clock).
 */

/** The status comment's refine section (Markdown lines, ending with a blank line), or [] without one. */
export function refineStatusLines(refine: RefineState | undefined): string[] {
  if (!refine) return [];
  const out: string[] = [];
  if (refine.accepted) {
    const a = refine.accepted;
    out.push(`**Story:** revision ${a.revision} accepted by ${a.by === "pm.auto_accept" ? "`pm.auto_accept`" : `@${escapeInline(a.by)}`}; its criteria, estimates and scope fill what the issue leaves out (values a person set win).`, "");
    return out;
  }
  if (!refineSettled(refine)) {
    if (refine.held) out.push(`**PM agent:** revision ${refine.revision} waits: ${escapeInline(refine.held.reason)}. It runs once that is over.`, "");
    else out.push(`**PM agent:** refining this item (revision ${refine.revision} asked for).`, "");
  }
  if (refine.problem) {
    const retrying = refine.problem.revision < refine.revision && !refineSettled(refine) ? ` It is asked once more (revision ${refine.revision}).` : " Edit the issue or answer in a comment to try again.";
    out.push(`**PM agent:** the handoff of revision ${refine.problem.revision} was not usable: ${escapeInline(refine.problem.message)}.${retrying}`, "");
  }
  const draft = refine.draft;
  if (!draft) return out;
  const s = draft.story;
  out.push(`#### Draft story (PM agent, revision ${draft.revision})`);
  out.push(`**Problem:** ${escapeInline(s.problem)}`);
  if (s.story) out.push(`**Story:** ${escapeInline(s.story)}`);
  out.push("", "Acceptance criteria:");
  for (const c of s.acceptance_criteria) out.push(`- **Given** ${escapeInline(c.given)} **when** ${escapeInline(c.when)} **then** ${escapeInline(c.then)}`);
  out.push("", "| Estimate | Value | Reason |", "| --- | :-: | --- |");
  out.push(`| Business value | ${s.wsjf.value.estimate} | ${cell(s.wsjf.value.reason)} |`);
  out.push(`| Time criticality | ${s.wsjf.urgency.estimate} | ${cell(s.wsjf.urgency.reason)} |`);
  out.push(`| Risk reduction / opportunity enablement | ${s.wsjf.risk.estimate} | ${cell(s.wsjf.risk.reason)} |`);
  out.push(`| Job size | ${s.wsjf.size.estimate} | ${cell(s.wsjf.size.reason)} |`);
  out.push("", `Scope: ${s.scope.length > 0 ? s.scope.map((g) => `\`${g.replace(/`/g, "'")}\``).join(", ") : "_none proposed_"}`);
  if (s.questions.length > 0) out.push("", "Open questions (asked in a comment):", ...s.questions.map((q, i) => `${i + 1}. ${escapeInline(q)}`));
  out.push("", "A trusted person accepts this draft with `/approve`; an answer or an edit of the issue revises it. Values a person set (labels, form fields) win over the estimates.", "");
  return out;
}

function cell(text: string): string {
  return escapeInline(text).replace(/\|/g, "\\|");
}

/** The one comment asking `author` the PM agent's questions of `revision` (marker first). */
export function refineQuestionsComment(author: string, revision: number, questions: readonly string[]): string {
  return [
    pmQuestionsMarker(revision),
    `@${author}, the PM agent drafted a story for this item (see the status comment) and asks:`,
    "",
    ...questions.map((q, i) => `${i + 1}. ${escapeInline(q)}`),
    "",
    "Answer in a comment here (or edit the issue) and the story is revised. A trusted person accepts the draft with `/approve`.",
  ].join("\n");
}
