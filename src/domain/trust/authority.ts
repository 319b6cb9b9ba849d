import type { OrchestratorConfig, Status } from "../../config/schema.js";
import type { ItemState } from "../item-state.js";
import { allStatusLabels, statusLabel } from "../labels.js";
import { approvalCovers, type ItemText } from "./approval-digest.js";
import { mayStackOn } from "../queue/stack.js";

/**
 * Labels are a view, not authority (issue #10): whether a worker may start on an item is decided
 * from the app's own state, re-triaged at the moment of acting, never from a `status/*` label
 * anyone with the triage role can set. A status label that disagrees with the state is put back.
 * Pure: the app gathers the facts (fresh triage, trust asked now) and applies the decisions.
 */

/** Why a dispatch happens (item-state's attempt reasons). */
export type DispatchReason = "initial" | "review" | "ci-failure" | "conflict" | "retry" | "rerun";

/** What {@link mayDispatch} decides from; every field read fresh at the moment of acting. */
export interface DispatchFacts {
  /** The item's state after a fresh triage; null when it has no status comment (never triaged). */
  state: ItemState | null;
  /** The issue's labels now (only `ignore` and `hold` are read: they are people's switches). */
  labels: readonly string[];
  /** The issue's title and body now. */
  text: ItemText;
  /** The author has write, maintain or admin permission or is an approver, asked now. */
  authorTrusted: boolean;
  reason: DispatchReason;
  /** `worker.stack_on_approved` (absent: off) lets one open dependency with an approved pull request pass. */
  config: Pick<OrchestratorConfig, "labels"> & { worker?: Pick<OrchestratorConfig["worker"], "stack_on_approved"> };
}

export type DispatchAuthority = { allowed: true } | { allowed: false; reason: string };

/** Statuses from which a new attempt may follow up on an earlier one (review, CI, conflict, retry). */
const FOLLOW_UP_STATUSES: readonly Status[] = ["ready", "in-review", "approved", "merging"];

/**
 * Whether a worker may be dispatched now, and if not why (for the log and the status comment).
 * In order: the item was triaged by the app; no `ignore` and no `hold` label; the author is trusted
 * now, or an item approval covers the current text (digest); it is not an epic; no dependency cycle,
 * no open dependency (but one whose pull request is approved, with `worker.stack_on_approved`), nothing missing (from the fresh triage in `state`); and the state's status
 * allows it: `ready` for a first attempt, ready or a review stage for a follow-up. Labels never
 * grant anything: a `status/ready` label on an item whose state says otherwise changes nothing.
 */
export function mayDispatch(facts: DispatchFacts): DispatchAuthority {
  const { state, labels, config } = facts;
  if (state === null) return deny("the item has not been triaged by the app");
  if (labels.includes(config.labels.ignore)) return deny(`the item carries \`${config.labels.ignore}\``);
  if (labels.includes(config.labels.hold)) return deny(`the item is on hold (\`${config.labels.hold}\`)`);
  if (!facts.authorTrusted && !approvalCovers(state.itemApproval, facts.text)) {
    return deny(state.itemApproval ? "the item's text changed after its approval" : "the author is not trusted and no one approved the item");
  }
  if (state.track === "project") return deny("the item is an epic: its child issues are dispatched, never the epic");
  if (state.cycles.length > 0) return deny("the item is on a dependency cycle");
  const open = state.dependencies.filter((d) => d.state === "open");
  if (open.length > 0 && !mayStackOn(open, config.worker?.stack_on_approved ?? false)) return deny(`the item waits for ${open.map((d) => d.ref).join(", ")}`);
  if (state.missing.length > 0) return deny("the item still misses required information");
  const allowed = facts.reason === "initial" ? state.status === "ready" : FOLLOW_UP_STATUSES.includes(state.status);
  if (!allowed) return deny(`the item's state is \`${state.status}\``);
  return { allowed: true };
}

function deny(reason: string): DispatchAuthority {
  return { allowed: false, reason };
}

/** Label changes that make the issue's status labels match the app's state (exactly one, or none). */
export interface LabelRepair {
  add: string[];
  remove: string[];
}

/**
 * The repair of an item's status labels: exactly the state's status label when the app has a state
 * for the item, no status label when it has none (the app never put one there). Empty when the
 * labels already agree.
 */
export function statusLabelRepair(labels: readonly string[], status: Status | null, config: OrchestratorConfig): LabelRepair {
  const want = status === null ? null : statusLabel(status, config);
  const remove = allStatusLabels(config).filter((name) => name !== want && labels.includes(name));
  const add = want !== null && !labels.includes(want) ? [want] : [];
  return { add, remove };
}

/**
 * Whether a person's (or another app's) status label change disagrees with the app's state: a
 * status label added that is not the state's, or the state's own label removed. Decided from the
 * event, not from the labels now (triage may already have put them back), so the note is written
 * whenever someone tried.
 */
export function labelChangeDisagrees(action: "labeled" | "unlabeled", label: string, status: Status | null, config: OrchestratorConfig): boolean {
  if (!allStatusLabels(config).includes(label)) return false;
  const want = status === null ? null : statusLabel(status, config);
  return action === "labeled" ? label !== want : label === want;
}

/** Whether `login` is this app's own bot (`<slug>[bot]`), compared case-insensitively. */
export function isAppLogin(login: string, appSlug: string | undefined): boolean {
  return appSlug !== undefined && login.toLowerCase() === `${appSlug}[bot]`.toLowerCase();
}

/**
 * The note on an item whose status label someone changed: who, what, and the state it was put
 * back to. One line of Markdown (the label name and login are escaped by code spans and `@`).
 */
export function labelRevertNote(input: { sender: string; label: string; action: "labeled" | "unlabeled"; status: Status | null }): string {
  const what = input.action === "labeled" ? `added \`${input.label}\`` : `removed \`${input.label}\``;
  const state = input.status === null ? "the item has no status yet" : `the item's state is \`${input.status}\``;
  return `@${input.sender} ${what}, but status labels are a view of the orchestrator's state, not a way to change it: ${state}, so the label was put back. Use the commands (\`/help\`) to steer the item.`;
}
