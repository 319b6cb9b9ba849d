import { statusFromLabels } from "../domain/labels.js";
import type { QueueAction } from "../domain/merge-plan.js";
import { ejectMarker } from "../domain/item/markers.js";
import { QUEUE_STATUSES, shortSha } from "../domain/queue-membership.js";
import type { Effect } from "./effects.js";
import { lifecycle, loadItemFor, saveItem } from "./item-store.js";
import { publishQueueCheck, showLanded } from "./queue-check-run.js";
import { conflict, recordLanding, sendBack } from "./queue-landing.js";
import type { QueueItem, QueueSnapshot } from "./queue-state.js";
import type { EventActor, RepoEvent } from "./repo-event.js";
import type { RepoSession } from "./session.js";

/**
 * The `github` strategy's executor (issue #14 "merge.strategy: github"): GitHub's own merge queue
 * builds, tests and merges the merge groups; the pure planner (`githubStrategy`) decides when each
 * pull request is handed to it (dependency order), and this module
 * - reads GitHub's queue for the default branch into the planner's input (crash-only: nothing
 *   about the native queue is kept; every evaluation reads it back with one GraphQL query);
 * - hands a pull request over (`enqueuePullRequest`, guarded by its head sha);
 * - follows GitHub's events: `merge_group.checks_requested` / `destroyed` re-evaluate the queue
 *   (positions and reasons come from the queue itself), `destroyed` with reason `merged` records
 *   the landing, `pull_request.dequeued` ejects (CI failure), reports a conflict, or withdraws the
 *   approval (removed by a person), each with the reason on the item and the `orchestrator/queue`
 *   check run. A lost `dequeued` is harmless: the pull request is approved and out of GitHub's
 *   queue, so it is handed over again and GitHub's verdict arrives again.
 */

/** The snapshot with GitHub's merge queue for the default branch (`state.native`; null: no queue on it). */
export async function withNativeQueue(session: RepoSession, snapshot: QueueSnapshot): Promise<QueueSnapshot> {
  const native = await session.port.listMergeQueue(snapshot.defaultBranch);
  return { ...snapshot, state: { ...snapshot.state, native } };
}

/** Whether the snapshot's native queue holds pull request `pr`. */
export function inNativeQueue(snapshot: QueueSnapshot, pr: number): boolean {
  return (snapshot.state.native ?? []).some((n) => n.pr === pr);
}

/**
 * Hands `q`'s pull request to GitHub's merge queue, guarded twice: the lifecycle's (the approved
 * head is the head being queued) and GitHub's (`expectedHeadOid`: a head moved since is refused).
 * Returns "again" once queued (the next pull request, e.g. a dependent, may go in the same
 * evaluation), "done" when GitHub refused (the reason goes on the item and its check run; the next
 * event tries again).
 */
export async function enqueueNative(
  session: RepoSession,
  q: QueueItem,
  action: Extract<QueueAction, { kind: "enqueue" }>,
): Promise<{ outcome: "again" | "done"; effects: Effect[] }> {
  const ready = lifecycle(q.item.state, { kind: "merge-ready", sha: action.expectedHeadSha }, q.pr.headSha);
  if (!ready.effects.some((e) => e.kind === "merge")) {
    session.log.error({ pr: q.pr.number, sha: action.expectedHeadSha }, "merge queue: enqueue refused by the lifecycle (no valid approval on the head)");
    return { outcome: "done", effects: [] };
  }
  // GitHub removed it from its queue on this very head since the approval (its `dequeued` event
  // not handled yet, or lost): that verdict stands; the pull request is not handed back. Our own
  // removals (a dependency left the queue) do not count.
  const removal = await session.port.lastMergeQueueRemoval(q.pr.number);
  const removedByUs = removal?.by ? session.ours.actor({ login: removal.by, type: "Bot" }) : false;
  if (removal && !removedByUs && removal.headSha === action.expectedHeadSha && seconds(removal.at) >= seconds(q.item.state.approval?.at ?? "")) {
    const out: Effect[] = [];
    await applyRemoval(session, q, removal.reason, null, out);
    return { outcome: "again", effects: out };
  }
  const nodeId = q.pr.nodeId ?? (await session.port.getPullRequest(q.pr.number))?.nodeId;
  if (!nodeId) {
    session.log.error({ pr: q.pr.number }, "merge queue: GitHub gave no node id for the pull request; cannot enqueue it");
    return { outcome: "done", effects: [] };
  }
  const result = await session.port.enqueueInMergeQueue(nodeId, action.expectedHeadSha);
  const status = ready.item.status;
  if (result.ok) {
    const reason = `handed to GitHub's merge queue at position ${result.position} (head ${shortSha(action.expectedHeadSha)})`;
    q.item = await saveItem(session, q.item, { ...q.item.state, status, queue: { ...q.item.state.queue, position: result.position, reason } });
    session.log.info({ pr: q.pr.number, position: result.position, state: result.state }, "merge queue: handed to GitHub's merge queue");
    return { outcome: "again", effects: [] };
  }
  const reason = `GitHub's merge queue refused it: ${result.message}`;
  publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
  q.item = await saveItem(session, q.item, { ...q.item.state, queue: { ...q.item.state.queue, reason } });
  session.log.warn({ pr: q.pr.number, message: result.message }, "merge queue: GitHub refused the enqueue; waiting for the next event");
  return { outcome: "done", effects: [] };
}

/**
 * Takes a dependent out of GitHub's merge queue because a dependency is no longer ahead of it (it
 * left the queue; GitHub rebuilds the groups behind without it and would land the dependent
 * first). A dependency whose pull request merged meanwhile (its landing not recorded yet) is not a
 * reason: its landing is recorded instead. The dependent keeps its approval and goes back in once
 * the dependency is ahead of it again. Returns "again" (the next step is re-planned).
 */
export async function dequeueNative(session: RepoSession, q: QueueItem, action: Extract<QueueAction, { kind: "dequeue" }>): Promise<{ outcome: "again" | "done"; effects: Effect[] }> {
  const effects: Effect[] = [];
  let landed = false;
  for (const dependency of action.dependencies) {
    const issue = await session.port.getIssue(dependency);
    const item = issue && !issue.isPullRequest ? await loadItemFor(session, issue) : null;
    const pr = item?.state.pr ? await session.port.getPullRequest(item.state.pr.number) : null;
    if (item && pr) landed = (await recordNativeLanding(session, { item, pr, checks: [], entry: null, reason: null }, effects, null)) || landed;
  }
  if (landed) return { outcome: "again", effects };
  const nodeId = q.pr.nodeId ?? (await session.port.getPullRequest(q.pr.number))?.nodeId;
  if (!nodeId) return { outcome: "done", effects };
  const result = await session.port.dequeueFromMergeQueue(nodeId);
  const reason = result.ok
    ? `taken out of GitHub's merge queue: ${action.reason}; it goes back in behind it`
    : `could not take it out of GitHub's merge queue (${result.message}) although ${action.reason}`;
  q.item = await saveItem(session, q.item, { ...q.item.state, queue: { ...q.item.state.queue, reason } });
  session.log.warn({ pr: q.pr.number, dependencies: action.dependencies, ok: result.ok }, "merge queue: dependent taken out of GitHub's merge queue");
  return { outcome: result.ok ? "again" : "done", effects };
}

/** An ISO-8601 time in whole seconds since the epoch (GitHub's timeline times have no milliseconds); NaN -> 0. */
function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000) || 0;
}

/** The queue item whose recorded pull request is `pr` (open issues in a queue status), or null. */
async function queueItemOf(session: RepoSession, pr: number): Promise<QueueItem | null> {
  const issues = (await session.port.listOpenIssues()).filter((i) => {
    const status = statusFromLabels(i.labels, session.config);
    return status !== null && QUEUE_STATUSES.includes(status);
  });
  for (const issue of issues) {
    const item = await loadItemFor(session, issue);
    if (item.state.pr?.number !== pr) continue;
    const snapshot = await session.port.getPullRequest(pr);
    return snapshot ? { item, pr: snapshot, checks: [], entry: null, reason: null } : null;
  }
  return null;
}

type MergeGroupEvent = Extract<RepoEvent, { kind: "merge-group" }>;
type PullRequestEvent = Extract<RepoEvent, { kind: "pull-request" }>;

/**
 * A `merge_group` event under the `github` strategy: a group `destroyed` because it `merged`
 * records its pull request's landing (done, landed comment, issue closed, dependents released);
 * every group event re-evaluates the queue. Other strategies ignore merge groups.
 */
export async function recordMergeGroup(session: RepoSession, event: MergeGroupEvent): Promise<Effect[]> {
  if (session.config.merge.strategy !== "github") return [];
  const out: Effect[] = [{ kind: "evaluate-queue" }];
  if (event.action !== "destroyed" || event.reason !== "merged" || event.pr === null) return out;
  const q = await queueItemOf(session, event.pr);
  if (q) await recordNativeLanding(session, q, out, `merge group \`${event.headRef}\`, ${shortSha(event.headSha)}`);
  return out;
}

/**
 * Records the landing of `q` when its pull request merged (by GitHub's merge queue): the landed
 * check run, then the landing's bookkeeping (done, landed comment, issue closed, dependents).
 * Returns whether it had landed. `group` names the merge group for the comment, when known.
 */
async function recordNativeLanding(session: RepoSession, q: QueueItem, out: Effect[], group: string | null): Promise<boolean> {
  if (!q.pr.merged || !q.pr.mergeCommitSha || q.item.state.merged) return q.pr.merged;
  const mergeSha = q.pr.mergeCommitSha;
  showLanded(session, q.pr.headSha, `landed in \`${q.pr.baseRef}\` by GitHub's merge queue as ${shortSha(mergeSha)}`);
  await recordLanding(session, q.item, out, {
    pr: q.pr.number,
    mergeSha,
    base: q.pr.baseRef,
    detail: `tested and merged by GitHub's merge queue${group ? ` (${group})` : ""}`,
  });
  session.log.info({ pr: q.pr.number, group }, "merge queue: landed by GitHub's merge queue");
  return true;
}

/** GitHub's dequeue reasons that mean the merge group's checks failed. */
const CHECKS_FAILED = new Set(["CI_FAILURE", "CI_TIMEOUT"]);
/** GitHub's dequeue reasons that mean the pull request landed (nothing to do: the merged group records it). */
const LANDED = new Set(["MERGE", "ALREADY_MERGED"]);

/**
 * `pull_request.dequeued` under the `github` strategy: red checks on the merge group eject the
 * pull request (comment, failed `orchestrator/queue` check run, back to its worker with the
 * failure as feedback); a conflict goes back as a conflict; removed for any other reason (a person,
 * branch protection, the queue cleared) the approval is withdrawn with the reason, so the queue does
 * not hand it back against a person's decision (`/approve` queues it again).
 */
export async function recordDequeued(session: RepoSession, event: PullRequestEvent): Promise<Effect[]> {
  if (session.config.merge.strategy !== "github" || event.action !== "dequeued") return [];
  const why = event.reason ?? "UNKNOWN_REMOVAL_REASON";
  // Landed: the merged group records it. Taken out by us (a dependency left the queue): it goes
  // back in when the dependency is ahead of it again.
  if (LANDED.has(why) || session.ours.actor(event.sender)) return [{ kind: "evaluate-queue" }];
  const q = await queueItemOf(session, event.number);
  if (!q || !q.item.state.approval) return [{ kind: "evaluate-queue" }];
  const out: Effect[] = [];
  await applyRemoval(session, q, why, event.sender, out);
  return [...out, { kind: "evaluate-queue" }];
}

/**
 * What a removal from GitHub's merge queue means for the item (GitHub's `reason`): red checks on
 * the merge group eject it (comment, failed `orchestrator/queue` check run, back to its worker with
 * the failure as feedback); a conflict goes back as a conflict; any other reason (a person, branch
 * protection, the queue cleared) withdraws the approval with the reason, so the queue does not hand
 * it back against a person's decision (`/approve` queues it again). `sender`: who removed it, when known.
 */
async function applyRemoval(session: RepoSession, q: QueueItem, why: string, sender: EventActor | null, out: Effect[]): Promise<void> {
  const base = q.pr.baseRef;
  if (CHECKS_FAILED.has(why)) {
    const detail = `the required checks failed on its merge group (GitHub's reason: ${why})`;
    const marker = ejectMarker(q.pr.headSha);
    const body = [
      marker,
      `**Ejected from the merge queue:** GitHub's merge queue removed pull request #${q.pr.number} (head ${q.pr.headSha}): ${detail}.`,
      "",
      `The approval is withdrawn and #${q.item.issue.number} goes back to its worker with this failure as feedback; the rest of the queue goes on. A new \`/approve\` is needed once it is fixed.`,
    ].join("\n");
    await session.port.upsertComment(q.pr.number, marker, body);
    const reason = `ejected from the merge queue: ${detail}`;
    publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
    const feedback = `GitHub's merge queue ejected pull request #${q.pr.number}: ${detail}. Fix the failure against the latest \`${base}\`.`;
    await sendBack(session, q, reason, feedback, "ci-failure", out);
  } else if (why === "MERGE_CONFLICT") {
    await conflict(session, null, q, "GitHub's merge queue could not merge it onto the pull requests ahead of it", out);
  } else {
    const by = sender && !session.ours.actor(sender) ? ` by @${sender.login}` : "";
    const reason = `removed from GitHub's merge queue${by} (${why}); \`/approve\` again to queue it again`;
    const { approval: _withdrawn, ...state } = q.item.state;
    const status = lifecycle(q.item.state, { kind: "approval-withdrawn" }, q.pr.headSha).item.status;
    publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
    q.item = await saveItem(session, q.item, { ...state, status, queue: { reason } });
    session.log.info({ pr: q.pr.number, reason: why }, "merge queue: removed from GitHub's merge queue; approval withdrawn");
  }
}
