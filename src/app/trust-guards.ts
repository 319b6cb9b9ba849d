import { cancelRun } from "./effects.js";
import { approvalDigest, decideEdit, type ItemText } from "../domain/trust/approval-digest.js";
import { isAppLogin, labelChangeDisagrees, labelRevertNote, mayDispatch, statusLabelRepair, type DispatchReason } from "../domain/trust/authority.js";
import type { ItemState } from "../domain/item-state.js";
import { allStatusLabels } from "../domain/labels.js";
import type { Actor, IssueSnapshot } from "../github/port.js";
import { triageIssue } from "./intake.js";
import { lifecycle, loadItemFor, saveItem } from "./item-store.js";
import type { RepoSession } from "./session.js";
import { resolveTrust } from "./trust.js";

/**
 * The app side of issue #10 ("Trust that cannot be forged"): thin call sites that gather facts from
 * GitHub, ask the pure rules in src/domain/trust/ and apply the decision. Each is called from one
 * place (listed in docs/security.md) so it can move onto the event pipeline unchanged.
 */

/** Hidden marker of the one note on an item about status labels put back. */
export const LABEL_NOTE_MARKER = "<!-- orchestrator:status-label-reverted -->";

/**
 * Labels are a view, not authority: right before a worker is dispatched the item is triaged
 * afresh (trust asked now, dependencies, ignore, hold, approval digest) and {@link mayDispatch}
 * decides from the state. Returns the issue as it is after that triage when allowed, else null
 * (the reason is logged; the status comment already shows the item's real state).
 */
export async function authorizeDispatch(session: RepoSession, number: number, reason: DispatchReason): Promise<IssueSnapshot | null> {
  const before = await session.port.getIssue(number);
  if (!before || before.isPullRequest || before.state !== "open") return null;
  await triageIssue(session, before);
  const issue = await session.port.getIssue(number);
  if (!issue) return null;
  const item = await loadItemFor(session, issue);
  const decision = mayDispatch({
    state: item.statusComment ? item.state : null,
    labels: issue.labels,
    text: { title: issue.title, body: issue.body },
    // The triage just run asked GitHub for the author's permission: `trusted` is fresh.
    authorTrusted: item.state.trusted,
    reason,
    config: session.config,
  });
  if (decision.allowed) return issue;
  session.log.info({ issue: number, reason, refused: decision.reason }, "dispatch refused by the trust rules");
  return null;
}

/** A `status/*` label added or removed on an issue, and by whom. */
export interface StatusLabelChange {
  number: number;
  label: string;
  action: "labeled" | "unlabeled";
  sender: Actor;
}

/**
 * A status label changed by anyone but this app is put back to what the item's state says (no
 * status label when the app has no state for the item), with one note on the item (upserted by
 * marker: a second change edits the same note) naming who changed what and the item's state.
 * Changes that agree with the state (our own writes, or a person restoring it) do nothing; a change
 * that disagrees gets the note even when triage has already put the labels back.
 * Returns whether labels were put back.
 */
export async function guardStatusLabel(session: RepoSession, change: StatusLabelChange, appSlug?: string): Promise<boolean> {
  if (isAppLogin(change.sender.login, appSlug)) return false;
  if (!allStatusLabels(session.config).includes(change.label)) return false;
  const issue = await session.port.getIssue(change.number);
  if (!issue || issue.isPullRequest) return false;
  const item = await loadItemFor(session, issue);
  const status = item.statusComment ? item.state.status : null;
  if (!labelChangeDisagrees(change.action, change.label, status, session.config)) return false;
  const repair = statusLabelRepair(issue.labels, status, session.config);
  await session.port.applyLabels(issue.number, issue.labels, repair, session.catalog);
  const note = labelRevertNote({ sender: change.sender.login, label: change.label, action: change.action, status });
  await session.port.upsertComment(issue.number, LABEL_NOTE_MARKER, `${LABEL_NOTE_MARKER}\n${note}`);
  session.log.warn({ issue: issue.number, label: change.label, action: change.action, by: change.sender.login, status }, "status label put back");
  return true;
}

/** An edit of an issue's title or body, with the text before it when the webhook says. */
export interface ItemEdit {
  number: number;
  editor: Actor;
  /** `changes.title.from` / `changes.body.from` of the `issues.edited` payload. */
  titleFrom?: string;
  bodyFrom?: string;
}

/**
 * Approval binds the approved text: an edit of an item approved with `/approve` keeps the approval
 * when the text is the same, re-binds it when a trusted person edited, and otherwise voids it: the
 * approval is removed, the item goes back to `needs-approval` (triage does that once no approval
 * covers the text), a running attempt is marked cancelled and its run cancelled, and the status
 * comment says who edited and what changed. Returns what happened.
 */
export async function guardApprovedText(session: RepoSession, edit: ItemEdit, appSlug?: string): Promise<"none" | "kept" | "rebound" | "voided"> {
  if (isAppLogin(edit.editor.login, appSlug)) return "none";
  const issue = await session.port.getIssue(edit.number);
  if (!issue || issue.isPullRequest) return "none";
  const item = await loadItemFor(session, issue);
  const approval = item.state.itemApproval;
  if (!approval) return "none";
  const after: ItemText = { title: issue.title, body: issue.body };
  const before: ItemText | null = approval.snapshot ?? (edit.titleFrom !== undefined || edit.bodyFrom !== undefined ? { title: edit.titleFrom ?? issue.title, body: edit.bodyFrom ?? issue.body } : null);
  const editorTrusted = edit.editor.type !== "Bot" && (await resolveTrust(session, edit.editor.login)).trusted;
  const decision = decideEdit({ approval, after, before, editorTrusted });
  if (decision.kind === "unchanged") return "kept";
  if (decision.kind === "rebind") {
    const { snapshot: _old, ...rest } = approval;
    await saveItem(session, item, { ...item.state, itemApproval: { ...rest, digest: decision.digest, ...(decision.snapshot ? { snapshot: decision.snapshot } : {}) } });
    session.log.info({ issue: issue.number, by: edit.editor.login }, "approval re-bound to a trusted edit");
    return "rebound";
  }
  const now = session.now();
  const running = item.state.attempts.filter((a) => a.outcome === "dispatched");
  const { itemApproval: _voided, ...rest } = item.state;
  const next: ItemState = {
    ...rest,
    trusted: false,
    status: lifecycle(item.state, { kind: "approval-voided" }).item.status,
    approvalVoided: { by: edit.editor.login, at: now, change: `${decision.change} (approved text ${approval.digest?.slice(7, 19) ?? "unrecorded"}, now ${approvalDigest(after).slice(7, 19)})` },
    attempts: item.state.attempts.map((a) => (a.outcome === "dispatched" ? { ...a, outcome: "cancelled" as const, finishedAt: now, summary: "cancelled: the approval was voided by an edit" } : a)),
  };
  await saveItem(session, item, next);
  for (const attempt of running) await cancelRun(session, { issue: issue.number, attempt: attempt.n, ...(attempt.runId === undefined ? {} : { runId: attempt.runId }) });
  session.log.warn({ issue: issue.number, by: edit.editor.login, cancelled: running.map((a) => a.n) }, "approval voided by an untrusted edit");
  return "voided";
}
