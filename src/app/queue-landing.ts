import type { ItemState } from "../domain/item-state.js";
import { conflictMarker, LANDED_MARKER } from "../domain/item/markers.js";
import { shortSha } from "../domain/queue-membership.js";
import type { Effect } from "./effects.js";
import { lifecycle, loadItemFor, saveItem, type LoadedItem } from "./item-store.js";
import type { QueueItem, QueueSnapshot } from "./queue-state.js";
import type { RepoSession } from "./session.js";

/**
 * What every merge strategy does once a pull request's fate is settled (issues #6, #14): the
 * landing's bookkeeping (and its recovery after a crash), and the way back to the worker for a
 * pull request the queue ejects or that conflicts. Shared by the serial and the batch strategy.
 */

/**
 * The bookkeeping of a landing, shared by the queue and by recovery: the item `done` with the
 * merge recorded; the issue closed as completed by GitHub when `closedByMerge` (the merged pull
 * request's body closes it, and its close names the pull request), else by us with a landed
 * comment (upserted by marker) saying which pull request landed and how; dependents re-triaged
 * and dispatched, finished epics closed. Idempotent.
 */
export async function recordLanding(
  session: RepoSession,
  item: LoadedItem,
  out: Effect[],
  landing: { pr: number; mergeSha: string; base: string; detail: string; closedByMerge?: boolean },
): Promise<LoadedItem> {
  const { port } = session;
  const number = item.issue.number;
  const merged = { sha: landing.mergeSha, at: item.state.merged?.at ?? session.now(), pr: landing.pr };
  const queue = { reason: `landed in \`${landing.base}\` as ${shortSha(landing.mergeSha)}` };
  const status = lifecycle(item.state, { kind: "merged" }).item.status;
  const saved = await saveItem(session, item, { ...item.state, status, merged, queue });
  // A merge into the default branch of a pull request whose body closes the issue (`Closes #N`)
  // closes it on GitHub's side, and that close names the pull request: the status comment says
  // "Done: merged as <sha> via #<pr>", and no landed note or close of ours is needed (issue #9,
  // request budget). Otherwise (a batch, GitHub's merge queue, a recovery) the note says which
  // pull request landed it and how, and the app closes the issue.
  if (!landing.closedByMerge) {
    const body = [
      LANDED_MARKER,
      `Landed: pull request #${landing.pr} was merged into \`${landing.base}\` as ${landing.mergeSha} (${session.config.merge.method}), ${landing.detail}.`,
    ].join("\n");
    await port.upsertComment(number, LANDED_MARKER, body);
    await port.closeIssue(number, "completed");
  }
  out.push({ kind: "dependents", issue: number, epics: true, ...(landing.closedByMerge ? { closedByMerge: true as const } : {}) }, { kind: "schedule" });
  return saved;
}

/**
 * Recovery for a process that died between a merge and its bookkeeping: when an item's issue is
 * closed (GitHub closes it through `Closes #N` on merge) while its recorded pull request is merged
 * but the item is not done, the landing is recorded now. Returns the follow-ups of the landing
 * (dependents, scheduling), empty when there was nothing to recover.
 */
export async function recoverLanding(session: RepoSession, number: number): Promise<Effect[]> {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return [];
  return recoverLandingOf(session, await loadItemFor(session, issue));
}

/** {@link recoverLanding} for an item already loaded (the reconciler's sweep). */
export async function recoverLandingOf(session: RepoSession, item: LoadedItem): Promise<Effect[]> {
  const number = item.issue.number;
  const recorded = item.state.pr;
  if (!recorded || item.state.merged !== undefined || item.state.status === "done") return [];
  const pr = await session.port.getPullRequest(recorded.number);
  if (!pr?.merged || !pr.mergeCommitSha) return [];
  const out: Effect[] = [];
  await recordLanding(session, item, out, {
    pr: pr.number,
    mergeSha: pr.mergeCommitSha,
    base: pr.baseRef,
    detail: "recorded after the fact (the merge was not followed by its bookkeeping)",
  });
  session.log.warn({ issue: number, pr: pr.number }, "merge queue: recovered a landing");
  return out;
}

/** Appends `line` to the item's feedback unless it is there already (redelivery-safe). */
function withFeedback(state: ItemState, line: string): string[] {
  return state.feedback.includes(line) ? state.feedback : [...state.feedback, line];
}

/** Takes the item out of the queue and back to its worker: approval cleared, feedback added. */
export async function sendBack(session: RepoSession, q: QueueItem, reason: string, feedback: string, dispatch: "ci-failure" | "conflict", out: Effect[]): Promise<void> {
  const { approval: _cleared, ...state } = q.item.state;
  const queue = { reason };
  const status = lifecycle(q.item.state, { kind: "queue-sent-back" }, q.pr.headSha).item.status;
  q.item = await saveItem(session, q.item, { ...state, status, queue, feedback: withFeedback(state, feedback) });
  out.push({ kind: "dispatch", issue: q.item.issue.number, reason: dispatch });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, reason: dispatch }, "merge queue: sent back to the worker");
}

/** A conflict with the base: reported on the PR and the item, sent back as a conflict attempt. */
export async function conflict(session: RepoSession, snapshot: QueueSnapshot | null, q: QueueItem, detail: string, out: Effect[]): Promise<void> {
  const base = snapshot?.defaultBranch ?? (await session.port.getDefaultBranch());
  const marker = conflictMarker(q.pr.headSha);
  const body = [
    marker,
    `**Merge conflict:** pull request #${q.pr.number} (head ${q.pr.headSha}) conflicts with \`${base}\` (${detail}).`,
    "",
    `It leaves the merge queue and #${q.item.issue.number} goes back to its worker to resolve the conflict; a new \`/approve\` is needed afterwards.`,
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  await session.port.upsertComment(q.item.issue.number, marker, body);
  const feedback = `Pull request #${q.pr.number} conflicts with \`${base}\`: merge the latest \`${base}\` into the branch \`${q.pr.headRef}\` and resolve the conflicts, keeping both changes' intent.`;
  await sendBack(session, q, `conflicts with \`${base}\`; sent back to the worker`, feedback, "conflict", out);
}
