import { STATUSES, type Status } from "../config/schema.js";
import { emptyItemState, itemStateSchema, type ItemState } from "../domain/item-state.js";
import { statusLabel } from "../domain/labels.js";
import { boundWithTrailingBlock } from "../domain/bounds.js";
import { boundItemState } from "../domain/state-bounds.js";
import { renderStatusComment } from "../domain/status-comment.js";
import { buildStatusView } from "../domain/status-view.js";
import type { CommentSnapshot, IssueSnapshot } from "../github/port.js";
import { isApprovalValid } from "../domain/apply-command.js";
import { transition, type LifecycleEvent, type LifecycleItem, type Transition } from "../domain/item/lifecycle.js";
import type { RepoSession } from "./session.js";
import { decodeStateBlock, STATE_BLOCK_OPENING, STATUS_MARKER } from "../domain/item/markers.js";

/**
 * A work item as stored in GitHub: the issue (labels carry the indexable state) and its status
 * comment (the rest, as a zod-validated state block). Loading never throws on a damaged block:
 * the item then starts from an empty state and `problem` says why (logged by the caller).
 */
export interface LoadedItem {
  issue: IssueSnapshot;
  state: ItemState;
  statusComment: CommentSnapshot | null;
  problem?: string;
}

/** Loads an item; null when the issue does not exist or is a pull request. */
export async function loadItem(session: RepoSession, number: number): Promise<LoadedItem | null> {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  return loadItemFor(session, issue);
}

/**
 * An item's state block alone, from its status comment (one conditional read of the issue's
 * comments, free while they did not change; no read of the issue): for a pass that only decides
 * whether there is anything to do. Null without a status comment or with a damaged block.
 */
export async function readState(session: RepoSession, number: number): Promise<ItemState | null> {
  const status = await session.port.findComment(number, STATUS_MARKER);
  const decoded = status ? decodeStateBlock(status.body) : null;
  return decoded?.kind === "ok" ? decoded.state : null;
}

/** Loads the state of an issue already fetched. */
export async function loadItemFor(session: RepoSession, issue: IssueSnapshot): Promise<LoadedItem> {
  const statusComment = await session.port.findComment(issue.number, STATUS_MARKER);
  if (!statusComment) return { issue, state: emptyItemState(issue.number), statusComment: null };
  const decoded = decodeStateBlock(statusComment.body);
  if (decoded.kind === "ok") return { issue, state: decoded.state, statusComment };
  const problem = decoded.kind === "invalid" ? decoded.reason : "status comment has no state block";
  session.log.warn({ issue: issue.number, problem }, "status comment state unreadable; starting from labels");
  return { issue, state: emptyItemState(issue.number), statusComment, problem };
}

/** Label changes that make `status` the one status label, given the issue's current labels. */
export function statusLabelChange(labels: readonly string[], status: Status, session: RepoSession): { add: string[]; remove: string[] } {
  const want = statusLabel(status, session.config);
  const remove = STATUSES.filter((s) => s !== status)
    .map((s) => statusLabel(s, session.config))
    .filter((name) => labels.includes(name));
  return { add: labels.includes(want) ? [] : [want], remove };
}

/**
 * Saves an item's next state: the status comment (re-rendered; edited only when the text
 * changed) and the labels (exactly one status label for `state.status`, plus `extra` changes),
 * staged in `session.items` and written before the pass's next other write or at its end
 * (item-writes.ts, where the lost-update check and the commit point are).
 * Idempotent: saving the same state twice writes nothing the second time.
 * Returns the item as saved (its `issue.labels` updated), for chaining further changes.
 */
export async function saveItem(
  session: RepoSession,
  item: LoadedItem,
  next: ItemState,
  extra: { add?: string[]; remove?: string[] } = {},
): Promise<LoadedItem> {
  // trust (#10): bounded history in the state block, and a status comment under GitHub's limit.
  const state = boundItemState(itemStateSchema.parse(next));
  const rendered = renderStatusComment(state, buildStatusView(item.issue, state, session.config));
  const body = boundWithTrailingBlock(rendered, rendered.lastIndexOf(STATE_BLOCK_OPENING), "see the issue for the full text");
  const labelsNow = item.issue.labels;
  const status = statusLabelChange(labelsNow, state.status, session);
  const add = [...status.add, ...(extra.add ?? [])];
  const remove = [...status.remove, ...(extra.remove ?? [])].filter((name) => !add.includes(name));
  const labels = [...labelsNow.filter((l) => !remove.includes(l)), ...add.filter((l) => !labelsNow.includes(l))];
  // Staged, not written: the pass sends it before its next other write, or at its end, as one
  // comment edit and one label change however many saves came before (item-writes.ts).
  session.items.stage({ issue: { ...item.issue, labels }, base: item.statusComment, labelsRead: labelsNow, body });
  // The comment as it will be (its id and node id kept: a later save of this item edits it in place).
  const statusComment: CommentSnapshot = item.statusComment
    ? { ...item.statusComment, body, updatedAt: session.now() }
    : { id: 0, body, author: { login: "", type: "Bot" }, createdAt: session.now(), updatedAt: session.now(), htmlUrl: "" };
  return { issue: { ...item.issue, labels }, state, statusComment };
}

/**
 * The lifecycle's view of an item: its status, its recorded pull request's head (`prHead`
 * overrides it with a head just read from GitHub) and the head its approval covers (the approved
 * head, or the queue's own update of it).
 */
export function lifecycleOf(state: ItemState, prHead?: string): LifecycleItem {
  const head = prHead ?? state.pr?.headSha ?? null;
  const { queue } = state;
  const updates = queue?.updatedFrom && queue.updatedTo ? [{ from: queue.updatedFrom, to: queue.updatedTo }] : [];
  const approvedHead = head !== null && isApprovalValid(state.approval, head, updates) ? head : null;
  return { status: state.status, prHead: head, approvedHead };
}

/** The lifecycle's transition of an item's state (domain/item/lifecycle.ts decides every status). */
export function lifecycle(state: ItemState, event: LifecycleEvent, prHead?: string): Transition {
  return transition(lifecycleOf(state, prHead), event);
}
