import { verificationLines } from "./verify.js";
import type { Status, Track } from "../config/schema.js";
import { describeSpend, itemSpend } from "./budget-check.js";
import { compareRefs, formatCycle } from "./dependency-graph.js";
import type { ItemState } from "./item-state.js";
import { encodeStateBlock, STATUS_MARKER } from "./item/markers.js";


/**
 * The one status comment of a work item (DESIGN.md, "GitHub is the database"): the hidden
 * {@link STATUS_MARKER}, a human-readable summary, and the machine-readable state block last.
 * Rendering is deterministic (no clock, lists sorted), so the app can compare the rendered text with
 * the existing comment and skip the write when nothing changed.
 */

/** A dependency as shown in the comment. */
export interface DependencyView {
  ref: string;
  state: "open" | "closed";
  /** The dependency's lifecycle status, when it is a work item the app knows. */
  status?: Status;
}

/** What the comment shows besides the state. Text from the issue is escaped before rendering. */
export interface StatusCommentView {
  title: string;
  track: Track;
  dependencies: readonly DependencyView[];
  acceptanceCriteria: readonly string[];
  /** One sentence; see {@link describeNextStep}. */
  nextStep: string;
  /** Child issues of a project (epic). */
  children?: readonly { number: number; state: "open" | "closed" }[];
  /** 1-based merge queue position, when queued. */
  queuePosition?: number | null;
  /** Markdown from triage naming dependency cycles (already safe: refs only). */
  cycleMessage?: string | null;
  /** The checks grace's line (domain/checks-grace.ts; our text only), while no check reported. */
  checksMissing?: string | null;
  /** The PM agent's refinement (src/domain/pm/refine-view.ts): lines already escaped. */
  refine?: readonly string[];
  /** An epic's plan section (domain/pm/plan-render.ts; agent text escaped there), when it has a plan. */
  plan?: readonly string[] | null;
}

/**
 * Escapes text that came from an issue: `<` and `>` become entities so no one can smuggle an HTML
 * comment (such as a fake state block) or markup into the status comment; newlines become spaces.
 */
export function escapeInline(text: string): string {
  return text.replace(/&(?=[#A-Za-z0-9]+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Markdown naming each dependency cycle (`#3 -> #4 -> #3`) and how to break it; null without
 * cycles. Refs only, so safe to render.
 */
export function describeCycles(cycles: readonly (readonly string[])[]): string | null {
  if (cycles.length === 0) return null;
  const named = cycles.map((c) => `\`${formatCycle(c)}\``);
  if (named.length === 1) {
    return `This item is in a dependency cycle: ${named[0]}. Remove one of these dependencies to break it.`;
  }
  return ["This item is in dependency cycles:", "", ...named.map((n) => `- ${n}`), "", "Remove one dependency of each cycle to break it."].join("\n");
}

/** A cell of the WSJF table: the value, or an em dash when missing. */
function cell(value: number | string | undefined): string {
  return value === undefined ? "—" : String(value);
}

/** Facts {@link describeNextStep} needs besides the state. */
export interface NextStepFacts {
  track: Track;
  openDependencies: readonly string[];
  openChildren?: readonly number[];
  inCycle?: boolean;
}

/**
 * The next step in one sentence, per status. Mentions commands by name (`/approve`, `/retry`).
 */
export function describeNextStep(state: ItemState, facts: NextStepFacts): string {
  const attempt = state.attempts.length;
  const pr = state.pr === undefined ? "the pull request" : `pull request #${state.pr.number}`;
  switch (state.status) {
    case "needs-info":
      // issue #13: a draft story from the PM agent waits for an answer or its acceptance.
      if (state.refine?.draft && !state.refine.accepted) return "Answer the PM agent's questions in a comment, or a trusted person accepts its draft story below with `/approve`; editing the issue (or adding labels) works too.";
      return "Add the missing information listed below by editing the issue (or adding labels); it is triaged again automatically.";
    case "needs-approval":
      return "A maintainer must comment `/approve` on this issue before coding agents may work on it.";
    case "waiting": {
      if (facts.inCycle === true) return "Break the dependency cycle below by removing one of its dependencies.";
      const open = [...facts.openDependencies].sort(compareRefs);
      if (open.length > 0) return `Waiting for ${open.join(", ")} to be closed.`;
      const children = [...(facts.openChildren ?? [])].sort((a, b) => a - b).map((n) => `#${n}`);
      if (children.length > 0) return `Waiting for the child issues ${children.join(", ")} to be closed.`;
      return "Waiting for dependencies to be closed.";
    }
    case "ready":
      if (facts.track === "project") return "All child issues are closed; close this epic once its goal is met.";
      return "Ready: a worker picks this item up when a slot is free (highest WSJF first).";
    case "in-progress":
      return `A worker is implementing this item (attempt ${attempt}).`;
    case "in-review":
      return `${pr[0]?.toUpperCase() ?? ""}${pr.slice(1)} is under review.`;
    case "approved":
      return `${pr[0]?.toUpperCase() ?? ""}${pr.slice(1)} is approved and waits for the merge queue.`;
    case "merging":
      return `The merge queue is testing ${pr} against the latest base before landing it.`;
    case "done":
      return state.merged === undefined ? "Done." : `Done: merged as ${state.merged.sha.slice(0, 7)} via #${state.merged.pr}.`;
    case "blocked":
      return `Blocked${state.blockedReason === undefined ? "" : `: ${escapeInline(state.blockedReason)}`}. A person is needed; comment \`/retry\` with guidance to try again.`;
  }
}

/**
 * Issue 12's lines of the status comment: why a ready item is not dispatched (a spend cap, the
 * circuit breaker), the dead letter with its last evidence, and the item's spend so far.
 */
function budgetLines(state: ItemState): string[] {
  const out: string[] = [];
  // A send-back (review, CI failure, conflict) is refused by the same gate while the item is in review.
  if ((state.status === "ready" || state.status === "in-review") && state.dispatchWait !== undefined) {
    const then = state.status === "ready" ? "The item stays ready and is dispatched once that changes." : "The next attempt starts on the next send-back or `/retry` once that changes.";
    out.push(`**Not dispatched:** ${escapeInline(state.dispatchWait.reason)}. ${then}`, "");
  }
  const letter = state.deadLetter;
  if (letter !== undefined) {
    const run = letter.evidence.url === undefined ? "" : ` ([run](${letter.evidence.url}))`;
    out.push(`**Dead letter (${letter.reason}):** ${escapeInline(letter.summary)}. Last evidence: attempt ${letter.evidence.attempt}: ${escapeInline(letter.evidence.detail)}${run}.`, "");
  }
  if (state.attempts.length > 0) out.push(`**Spend:** ${describeSpend(itemSpend(state.attempts))}`, "");
  return out;
}

/**
 * Renders the status comment: marker, title line, status/track/WSJF summary, WSJF table, next step,
 * the budget lines (dispatch wait, dead letter, spend), acceptance criteria as a checklist (checked once the item is done), dependencies with their
 * states, child issues, cycles, what is missing, queue position, then `encodeStateBlock(state)`.
 * Same input -> byte-identical output.
 */
export function renderStatusComment(state: ItemState, view: StatusCommentView): string {
  const w = state.wsjf;
  const out: string[] = [STATUS_MARKER];
  out.push(`### Work item #${state.issue}: ${escapeInline(view.title)}`, "");
  out.push(`**Status:** \`${state.status}\` · **Track:** ${view.track} · **WSJF:** ${cell(w.score)}`, "");
  out.push("| Business value | Time criticality | Risk reduction / opportunity enablement | Job size | WSJF |");
  out.push("| :-: | :-: | :-: | :-: | :-: |");
  out.push(`| ${cell(w.value)} | ${cell(w.urgency)} | ${cell(w.risk)} | ${cell(w.size)} | ${cell(w.score)} |`, "");
  out.push(`**Next step:** ${view.nextStep}`, "");
  if (view.checksMissing !== undefined && view.checksMissing !== null) out.push(view.checksMissing, "");
  out.push(...budgetLines(state));
  out.push(...verificationLines(state.verification));
  out.push(...(view.refine ?? []));
  if (state.approvalVoided !== undefined && state.itemApproval === undefined) {
    const v = state.approvalVoided;
    out.push(`**Approval voided:** @${escapeInline(v.by)} edited this item after it was approved (${escapeInline(v.change)}), so agents do not get the new text until a trusted person comments \`/approve\` again.`, "");
  }

  out.push("#### Acceptance criteria");
  const mark = state.status === "done" ? "x" : " ";
  if (view.acceptanceCriteria.length === 0) out.push("_None given yet._");
  for (const criterion of view.acceptanceCriteria) out.push(`- [${mark}] ${escapeInline(criterion)}`);
  out.push("");

  out.push("#### Dependencies");
  const deps = [...view.dependencies].sort((a, b) => compareRefs(a.ref, b.ref));
  if (deps.length === 0) out.push("_None._");
  for (const d of deps) out.push(`- ${escapeInline(d.ref)}: ${d.state}${d.status === undefined ? "" : ` (\`${d.status}\`)`}`);
  out.push("");

  const children = [...(view.children ?? [])].sort((a, b) => a.number - b.number);
  if (view.track === "project" || children.length > 0) {
    out.push("#### Child issues");
    if (children.length === 0) out.push("_None yet: add sub-issues to this epic._");
    for (const c of children) out.push(`- #${c.number}: ${c.state}`);
    out.push("");
  }

  if (view.plan) out.push(...view.plan, "");

  if (view.cycleMessage !== undefined && view.cycleMessage !== null) out.push("#### Dependency cycle", view.cycleMessage, "");

  if (state.missing.length > 0) {
    out.push("#### Missing");
    for (const m of state.missing) out.push(`- ${escapeInline(m)}`);
    out.push("");
  }

  if (view.queuePosition !== undefined && view.queuePosition !== null) {
    const reason = state.queue?.reason === undefined ? "" : ` (${escapeInline(state.queue.reason)})`;
    out.push(`**Merge queue:** position ${view.queuePosition}${reason}`, "");
  }

  out.push(encodeStateBlock(state));
  return out.join("\n");
}
