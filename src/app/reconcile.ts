import { attemptOverTime } from "../domain/budget-check.js";
import { replyMarker, reportMarker } from "../domain/item/markers.js";
import { limitCommands } from "../domain/trust/command-limit.js";
import { statusFromLabels, statusLabel } from "../domain/labels.js";
import { parseRunTitle, runTitle } from "../domain/run-title.js";
import { REVIEW_CHECK_NAME } from "../domain/verdict.js";
import { QUEUE_STATUSES } from "../domain/queue-membership.js";
import { refineSettled } from "../domain/pm/refine.js";
import type { IssueSnapshot, WorkflowRunSnapshot } from "../github/port.js";
import { handleCommandComment } from "./commands.js";
import type { Effect } from "./effects.js";
import { loadItem, loadItemFor, saveItem, type LoadedItem } from "./item-store.js";
import { failAttempt, handleWorkerReport, handleWorkflowRun } from "./monitor.js";
import { recoverLandingOf } from "./queue.js";
import type { RepoSession } from "./session.js";

/**
 * The reconciler (crash-only, issue #9 item 2): re-derives a work item from GitHub alone and
 * repairs what a lost webhook or a crash between two writes left behind. Every repair is an
 * idempotent "ensure", so running it twice, on two replicas, or on an item with nothing to repair
 * does no harm. It runs from the periodic sweep for every open item ({@link sweepRepository}).
 *
 * What it repairs, in order:
 * 1. labels that disagree with the state block: the STATE BLOCK WINS. It is the commit point of
 *    every item write (saveItem writes it before the labels), and it alone carries what justifies
 *    a status (the approval and its head, the attempts, the pull request); a label can be set by
 *    anyone and proves nothing. So a status label ahead of or behind the block is put back to the
 *    block's status, never the other way round.
 * 2. an item `in-progress` whose attempt is still recorded `dispatched`: the worker's report on the
 *    issue settles it (its comment event was lost); else the attempt's run, found by its run name
 *    (`orchestrator: #N attempt K`), is applied as its `workflow_run` event would have been; an
 *    attempt with no run at all, recorded longer than {@link DISPATCH_GRACE_MS} ago, was never
 *    dispatched (a crash between the commit point and the API call): it is dispatched once, after
 *    checking again that no run carries its name.
 *    A run still in progress past `budget.per_attempt_minutes` plus {@link OVERTIME_GRACE_MINUTES}
 *    is cancelled and its attempt recorded as failed (issue 12); the next follows the retry rules.
 * 3. a recorded pull request that merged while the item is not done: the landing is recorded; in
 *    the sweep also for a closed issue still labelled in review, approved or merging (GitHub closed
 *    it with the merge, and the landing's record and the `closed` event were lost to a crash).
 * 4. an item `in-review` with no verdict on its pull request's head, or whose head was said to
 *    have no checks (checks-grace.ts; a commit status arriving later sends no event we handle): reviewed;
 *    in the sweep also an item in review or approved whose recorded verdict was never published
 *    (no `orchestrator/review` check run on the head: a crash after the verdict's write).
 * 5. commands a person gave while the app was down (their webhooks are lost): a comment on the
 *    issue or its pull request that carries commands, was written after the item's status comment,
 *    and left no trace (not recorded in the state, not compacted, no reply) is handled now, as its
 *    `issue_comment` event would have been. Handling is idempotent by comment id, so a comment whose
 *    event is being handled at the same moment runs once.
 * 6. an item whose PM refine revision is still awaited (issue #13): triaged again, so its refine
 *    step reads the handoff whose event was lost, or asks for the run again (one run per revision).
 */

/** Minutes past `budget.per_attempt_minutes` before a running attempt is cancelled (runner start-up, the final report). */
export const OVERTIME_GRACE_MINUTES = 5;

/** How long after recording an attempt its run may still be missing (GitHub creates runs within seconds). */
export const DISPATCH_GRACE_MS = 120_000;

/**
 * Repairs one open item; returns the follow-ups (review, queue, schedule) for a pass.
 * `options.commands`: also rule 5 (commands that left no trace); the sweep asks for it, an event's
 * pass does not (its own command handler runs next, and the lists would cost requests per event).
 */
export async function reconcileItem(session: RepoSession, issue: IssueSnapshot, runs: () => Promise<WorkflowRunSnapshot[]>, options: { commands?: boolean } = {}): Promise<Effect[]> {
  if (issue.isPullRequest || issue.labels.includes(session.config.labels.ignore)) return [];
  let item = await loadItemFor(session, issue);
  // Not a work item yet (its triage was lost): triage it.
  if (!item.statusComment) return [{ kind: "triage", issue: issue.number }, { kind: "schedule" }];
  if (item.problem) return [];
  item = await labelsFromBlock(session, item);
  const out: Effect[] = [];
  const { state } = item;
  if (state.status === "in-progress") {
    const settled = await settleInProgress(session, item, runs);
    // A settled attempt may have recorded a pull request: it is reviewed in the same pass.
    if (settled.length > 0) out.push(...settled, { kind: "review-item", issue: issue.number });
  }
  if (state.pr && state.merged === undefined && state.status !== "done") out.push(...(await recoverLandingOf(session, item)));
  const unreviewed = state.status === "in-review" && !state.reviews.some((r) => r.headSha === state.pr?.headSha);
  // A head said to have no checks is looked at again: a commit status arriving sends no event we handle.
  const noticed = state.checksWait?.outcome === "noticed" && (state.status === "in-review" || state.status === "approved");
  if (state.pr && (unreviewed || noticed)) out.push({ kind: "review", pr: state.pr.number });
  else if (options.commands && state.pr && (await verdictUnpublished(session, item))) out.push({ kind: "review", pr: state.pr.number });
  if (options.commands) out.push(...(await unansweredCommands(session, item)));
  // Rule 6 (issue #13): a refine revision still awaited (its handoff's event or its dispatch was
  // lost): triage's refine step reads the handoff, or asks for the run again (once per revision).
  if (session.config.pm.agent !== null && state.status === "needs-info" && state.refine && !refineSettled(state.refine)) out.push({ kind: "triage", issue: issue.number });
  return out;
}

/** Rule 5: commands that left no trace, handled now (see above). */
async function unansweredCommands(session: RepoSession, item: LoadedItem): Promise<Effect[]> {
  const { state } = item;
  const since = item.statusComment ? Date.parse(item.statusComment.createdAt) : Number.POSITIVE_INFINITY;
  const handled = (id: number) => state.commands.some((c) => c.commentId === id) || (state.commandsCompacted !== undefined && id <= state.commandsCompacted.throughCommentId);
  const out: Effect[] = [];
  const places = [{ number: item.issue.number, onPullRequest: false }, ...(state.pr ? [{ number: state.pr.number, onPullRequest: true }] : [])];
  for (const place of places) {
    const comments = await session.port.listComments(place.number);
    const ourBodies = comments.filter((c) => session.ours.actor(c.author)).map((c) => c.body);
    const replied = (id: number) => ourBodies.some((body) => body.includes(replyMarker(id)));
    for (const comment of comments) {
      if (Date.parse(comment.createdAt) < since || handled(comment.id) || replied(comment.id)) continue;
      if (session.ours.actor(comment.author) || session.ours.isBot(comment.author)) continue;
      if (limitCommands(comment.body).kind === "none") continue;
      session.log.warn({ issue: item.issue.number, comment: comment.id, on: place.number }, "reconcile: a command that was never handled; handling it now");
      out.push(...(await handleCommandComment(session, { id: comment.id, body: comment.body, author: comment.author, number: place.number, onPullRequest: place.onPullRequest })));
    }
  }
  return out;
}

/**
 * Rule 4, second half (the sweep only): an item in review or approved whose verdict on its pull
 * request's head is recorded but whose `orchestrator/review` check run on that head is missing or
 * still pending: the process died between the verdict's write (the commit point) and its
 * publication (review.ts). One
 * listing of the head's check runs per such item, answered 304 while nothing changed.
 */
async function verdictUnpublished(session: RepoSession, item: LoadedItem): Promise<boolean> {
  const { state } = item;
  const head = state.pr?.headSha;
  if (!head || (state.status !== "in-review" && state.status !== "approved") || !state.reviews.some((r) => r.headSha === head)) return false;
  const runs = await session.port.listCheckRuns(head);
  // A review check run still pending (posted while the checks ran) is not the verdict's publication.
  return !runs.some((r) => r.name === REVIEW_CHECK_NAME && session.ours.checkRun(r) && r.status === "completed");
}

/** Rule 1: the status label is put back to the state block's status (the block wins, see above). */
async function labelsFromBlock(session: RepoSession, item: LoadedItem): Promise<LoadedItem> {
  const labelled = statusFromLabels(item.issue.labels, session.config);
  if (labelled === item.state.status) return item;
  session.log.warn({ issue: item.issue.number, label: labelled, block: item.state.status }, "reconcile: status label disagreed with the state block; the block wins");
  return saveItem(session, item, item.state);
}

/** Rule 2: a dispatched attempt settled from its report or its run, or dispatched once if it never was. */
async function settleInProgress(session: RepoSession, item: LoadedItem, runs: () => Promise<WorkflowRunSnapshot[]>): Promise<Effect[]> {
  const number = item.issue.number;
  const attempt = [...item.state.attempts].reverse().find((a) => a.outcome === "dispatched");
  if (!attempt) return [];
  const report = await session.port.findComment(number, reportMarker(attempt.n));
  if (report) {
    session.log.warn({ issue: number, attempt: attempt.n }, "reconcile: worker report found that was never handled");
    return handleWorkerReport(session, number, report);
  }
  const run = (await runs()).find((r) => {
    const ids = parseRunTitle(r.displayTitle);
    return ids?.issue === number && ids.attempt === attempt.n;
  });
  if (run) {
    if (run.status !== "completed" && attemptOverTime(Date.parse(attempt.dispatchedAt), Date.parse(session.now()), session.config.budget.per_attempt_minutes, OVERTIME_GRACE_MINUTES)) {
      // Issue 12: the attempt is recorded failed (the commit point), then its run cancelled; its
      // late report or completion no longer settles anything. The next attempt follows the normal
      // retry rules (failAttempt). A crash between the two leaves the run to the worker's own time budget.
      session.log.warn({ issue: number, attempt: attempt.n, run: run.id }, "reconcile: run past its time budget; cancelling it");
      const minutes = session.config.budget.per_attempt_minutes;
      const summary = `cancelled by the app: still running after ${minutes} minutes (budget.per_attempt_minutes) and ${OVERTIME_GRACE_MINUTES} minutes' grace`;
      const next = await failAttempt(session, item, attempt.n, summary, { runId: run.id, runUrl: run.htmlUrl }, "agent");
      return [{ kind: "cancel-run", issue: number, attempt: attempt.n, runId: run.id }, ...next];
    }
    // Still running within its time: nothing to repair (its id comes with its report or completion).
    if (run.status !== "completed") return [];
    session.log.warn({ issue: number, attempt: attempt.n, run: run.id, status: run.status }, "reconcile: applying the attempt's run");
    return handleWorkflowRun(session, { id: run.id, path: run.path, displayTitle: run.displayTitle, status: run.status, conclusion: run.conclusion, htmlUrl: run.htmlUrl });
  }
  const age = Date.parse(session.now()) - Date.parse(attempt.dispatchedAt);
  if (!(age > DISPATCH_GRACE_MS)) return [];
  // Commit point of the repair: none of its own; the dispatch is the write. Checked again just
  // before (a run created since the list was read means the attempt was dispatched after all).
  const fresh = await session.port.listWorkflowRuns(session.config.worker.workflow);
  if (fresh.some((r) => r.displayTitle === runTitle(number, attempt.n))) return [];
  const ref = await session.port.getDefaultBranch();
  const result = await session.port.dispatchWorkflow(session.config.worker.workflow, ref, { issue: String(number), attempt: String(attempt.n) });
  if (result.ok && result.duplicate) {
    // The attempt's dispatch key was claimed (the port's commit point) but its run never started:
    // a key is used once, so this attempt is given up and the next one recorded and dispatched.
    session.log.warn({ issue: number, attempt: attempt.n }, "reconcile: attempt claimed but its run never started; giving it up");
    const item = await loadItem(session, number);
    return item ? failAttempt(session, item, attempt.n, "the dispatch was claimed but its run never started (the app died before sending it)", null) : [];
  }
  session.log.warn({ issue: number, attempt: attempt.n, ok: result.ok }, "reconcile: attempt recorded but never dispatched; dispatched now");
  return [];
}

/**
 * The periodic sweep of one repository: every open issue reconciled ({@link reconcileItem}), then
 * the returned follow-ups and one merge queue evaluation run as one pass would (the caller runs
 * them: see `sweepPass` in pipeline.ts). Returns those follow-ups.
 */
export async function sweepItems(session: RepoSession): Promise<Effect[]> {
  const open = await session.port.listOpenIssues();
  let runs: WorkflowRunSnapshot[] | null = null;
  const lazyRuns = async (): Promise<WorkflowRunSnapshot[]> => (runs ??= await session.port.listWorkflowRuns(session.config.worker.workflow));
  const out: Effect[] = [];
  for (const issue of open) {
    try {
      out.push(...(await reconcileItem(session, issue, lazyRuns, { commands: true })));
      // An epic's plan (issue #13): a handoff or a run end whose webhook was lost is read now.
      if (session.config.pm.agent !== null && issue.labels.includes(session.config.labels.tracks.project)) out.push({ kind: "plan", issue: issue.number });
    } catch (error) {
      // One item's failure must not stop the sweep of the others; the next sweep retries it.
      session.log.warn({ issue: issue.number, err: error }, "reconcile: item failed");
    }
  }
  // Rule 3 for closed issues: GitHub closes an item's issue when its pull request merges (a
  // closing keyword), and a crash between the merge and the landing's record, with the `closed`
  // event lost while the app was down, leaves a closed issue still labelled with a status before
  // done (in review: a merge is recorded after it is sent; merging: the queue's update). Its
  // landing is recorded now (one conditional listing per status and sweep, free while none changed).
  for (const status of QUEUE_STATUSES) {
    for (const issue of await session.port.listClosedIssues([statusLabel(status, session.config)])) out.push({ kind: "recover-landing", issue: issue.number });
  }
  return [...out, { kind: "evaluate-queue" }, { kind: "schedule" }];
}
