
import { parsePmRunTitle, parseReviewRunTitle } from "../../domain/run-title.js";
import { handleCommandComment, handlePullRequestPush, handleSubmittedReview } from "../commands.js";
import type { Effect } from "../effects.js";
import { handleWorkerReport, handleWorkflowRun } from "../monitor.js";
import { recordQueueUpdate } from "../queue.js";
import { recordDequeued, recordMergeGroup } from "../queue-github.js";
import { updateStackedDependents } from "../queue-stack.js";
import { reconcileItem } from "../reconcile.js";
import type { PullRequestRef, RepoEvent } from "../repo-event.js";
import { workerBranchState } from "../pr-link.js";
import { handleReviewerRunCompleted } from "../review.js";
import type { RepoSession } from "../session.js";
import { guardApprovedText, guardStatusLabel } from "../trust-guards.js";
import { handleDashboardEdit } from "../dashboard.js";
import { DASHBOARD_MARKER } from "../../domain/dashboard/render.js";
import { handleVerifyRunComment, handleVerifyRunCompleted, itemsOfDeployedCommit, verifyLanded } from "../verify.js";
import { PM_HANDOFF_TAG_TEXT, REPORT_TAG_TEXT, REVIEWER_VERDICT_TAG, VERIFY_RUN_TAG } from "../../domain/item/markers.js";
import { sameLogin } from "../../domain/item/ownership.js";
import { handlePmRunCompleted, refineItem } from "../pm-refine.js";
import { isAnswerText } from "../../domain/pm/refine.js";

/**
 * The record phase: writes what the event itself says (a worker report, a run, a command, a
 * push to an item's pull request) and names the follow-ups for the later phases. Events that
 * record nothing (checks, labels, pushes to the default branch) only name follow-ups. Never calls
 * another phase.
 */
export async function recordPhase(session: RepoSession, event: RepoEvent): Promise<Effect[]> {
  const touched = touchedItem(session, event);
  // The item a person touches is reconciled first (crash-only: a report or run whose event was
  // lost is applied, labels made to agree with the state block), so the event acts on its truth.
  const repaired = touched === null ? [] : await reconcileTouched(session, touched);
  return [...repaired, ...(await recordEvent(session, event))];
}

/** The work item a person's event is about (an issue event or a command on an issue), or null. */
function touchedItem(session: RepoSession, event: RepoEvent): number | null {
  // Label changes are left out: a person's label change is the event itself, for triage to judge.
  if (event.kind === "issue" && !event.isPullRequest && ["edited", "reopened"].includes(event.action) && !session.ours.isBot(event.sender)) return event.number;
  if (event.kind === "comment" && event.action === "created" && !event.onPullRequest && !session.ours.isBot(event.comment.user) && event.comment.body.includes("/")) return event.number;
  return null;
}

async function reconcileTouched(session: RepoSession, number: number): Promise<Effect[]> {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.state !== "open") return [];
  return reconcileItem(session, issue, () => session.port.listWorkflowRuns(session.config.worker.workflow));
}

async function recordEvent(session: RepoSession, event: RepoEvent): Promise<Effect[]> {
  const { ours } = session;
  switch (event.kind) {
    case "issue": {
      if (event.isPullRequest) return [];
      const out: Effect[] = [...(await guardIssueEvent(session, event))];
      // A person's edit of the dashboard issue: its ticked boxes act as commands (issue #15).
      if (isDashboardEdit(session, event)) {
        return [...out, ...(await handleDashboardEdit(session, { number: event.number, body: event.body, editor: event.sender, key: event.updatedAt }))];
      }
      // The approved status label or the hold label going on or off, written by a person or another
      // app: the queue sees it. This app's own writes of them come with their queue evaluation
      // (the command or transition that wrote them emits it), so they cost no second pass.
      const { labels } = session.config;
      const queueLabel = event.label === labels.hold || (event.action === "labeled" && event.label === labels.status.approved);
      if (queueLabel && !ours.actor(event.sender)) out.push({ kind: "evaluate-queue" });
      if (event.action === "closed") {
        // A merged pull request whose bookkeeping never ran (a crash right after the merge), then
        // the dependents the closed issue releases.
        return [...out, { kind: "recover-landing", issue: event.number }, { kind: "dependents", issue: event.number, epics: false }, { kind: "schedule" }];
      }
      // Bots (our own label and comment writes included) never drive triage: no loops.
      if (ours.isBot(event.sender) || !["opened", "edited", "labeled", "unlabeled", "reopened"].includes(event.action)) return out;
      out.push({ kind: "triage", issue: event.number });
      // A reopened dependency blocks its dependents again before any of them is dispatched.
      if (event.action === "reopened") out.push({ kind: "dependents", issue: event.number, epics: false, reopened: true });
      return [...out, { kind: "schedule" }];
    }
    case "relation":
      return ours.isBot(event.sender) ? [] : [{ kind: "triage", issue: event.number, openOnly: true }, { kind: "schedule" }];
    case "installation":
      return [{ kind: "triage-all" }, { kind: "schedule" }];
    case "comment":
      return recordComment(session, event);
    case "review-submitted": {
      if (event.action !== "submitted") return [];
      const out = ours.isBot(event.review.author) ? [] : await handleSubmittedReview(session, { ...event.review, prNumber: event.pr });
      return ours.actor(event.review.author) ? out : [...out, { kind: "evaluate-queue" }];
    }
    case "pull-request":
      return recordPullRequest(session, event);
    case "check": {
      if (event.action !== "completed") return [];
      // The default branch's own CI (after a merge or a push): no pull request's review and no
      // queue entry waits on it (a batch's checks run on its staging branch), so it needs no
      // evaluation; the payload's branch says so without a request.
      if (event.prs.length === 0 && event.headBranch !== null && event.headBranch === (await session.port.getDefaultBranch())) return [];
      const out: Effect[] = [];
      // Our own checks never trigger the review (it would review itself) nor the queue. Only a
      // suite's completion gets a pass (pipeline.ts `worthAPass`).
      if (!ours.checkSuite({ appSlug: event.appSlug })) out.push({ kind: "review-head", sha: event.headSha, prs: event.prs });
      if (!ours.actor(event.sender) && (await mayMoveQueue(session, event.prs))) out.push({ kind: "evaluate-queue" });
      return out;
    }
    case "push":
      return event.ref === `refs/heads/${event.defaultBranch}` && !ours.actor(event.sender) ? [{ kind: "evaluate-queue" }] : [];
    case "merge-group":
      return recordMergeGroup(session, event);
    case "deployment": {
      // `verify.on: deployment` (issue #13): the items this deployed commit landed are verified.
      if (event.state !== "success" || session.config.verify.command === undefined || session.config.verify.on !== "deployment") return [];
      for (const number of await itemsOfDeployedCommit(session, event.sha)) await verifyLanded(session, number, "deployment", event.sha);
      return [];
    }
    case "workflow-run": {
      const out = await handleWorkflowRun(session, event.run);
      // issue #13: a refine run that ended without a handoff is said on the item (never ignored).
      if (event.action === "completed") await handlePmRunCompleted(session, event.run);
      // A plan run that ended: its epic's plan is advanced; one that posted no handoff is said (never silent).
      const pmRun = event.action === "completed" ? parsePmRunTitle(event.run.displayTitle) : null;
      if (pmRun?.task === "plan") out.push({ kind: "plan", issue: pmRun.issue, runEnded: { revision: pmRun.revision, conclusion: event.run.conclusion, url: event.run.htmlUrl } });
      // A reviewer run that ended without a verdict comment fails the review (never ignored).
      if (event.action === "completed" && parseReviewRunTitle(event.run.displayTitle)) {
        const pr = await handleReviewerRunCompleted(session, event.run);
        if (pr !== null) out.push({ kind: "review", pr });
      }
      // A verify run that ended without its result being recorded (issue #13): recorded now.
      if (event.action === "completed") out.push(...(await handleVerifyRunCompleted(session, event.run)));
      return out;
    }
  }
}

/**
 * trust (#10): a status label changed by anyone but this app is put back (labels are a view, not
 * authority), and an edit of approved text is judged (an untrusted edit voids the approval). Both
 * run before the bot filter of triage: another app's label change is put back too.
 */
async function guardIssueEvent(session: RepoSession, event: Extract<RepoEvent, { kind: "issue" }>): Promise<Effect[]> {
  if (session.ours.actor(event.sender)) return [];
  if ((event.action === "labeled" || event.action === "unlabeled") && event.label !== null) {
    const reverted = await guardStatusLabel(session, { number: event.number, label: event.label, action: event.action, sender: event.sender }, session.ours.appSlug);
    return reverted ? [{ kind: "schedule" }] : [];
  }
  if (event.action === "edited" && event.changes) {
    const result = await guardApprovedText(session, { number: event.number, editor: event.sender, ...event.changes }, session.ours.appSlug);
    return result === "voided" ? [{ kind: "schedule" }] : [];
  }
  return [];
}

/** A person's edit of the app's dashboard issue (bot-authored, found by its marker). */
function isDashboardEdit(session: RepoSession, event: Extract<RepoEvent, { kind: "issue" }>): boolean {
  return event.action === "edited" && !session.ours.isBot(event.sender) && session.ours.isBot(event.author) && event.body.includes(DASHBOARD_MARKER);
}

async function recordComment(session: RepoSession, event: Extract<RepoEvent, { kind: "comment" }>): Promise<Effect[]> {
  if (event.action !== "created") return []; // edited comments are never re-run
  const { comment } = event;
  if (session.ours.isBot(comment.user)) {
    // A worker's report (the structured handoff worker -> app) links the pull request to its
    // item; the review then runs with the link known (checks may have finished before).
    if (!event.onPullRequest && comment.body.includes(REPORT_TAG_TEXT)) {
      const snapshot = { id: comment.id, body: comment.body, author: comment.user, createdAt: comment.created_at, updatedAt: comment.updated_at, htmlUrl: comment.html_url };
      return [...(await handleWorkerReport(session, event.number, snapshot)), { kind: "review-item", issue: event.number }];
    }
    // The verify run's result on a landed item (the structured handoff verify run -> app, issue #13).
    if (!event.onPullRequest && comment.body.includes(VERIFY_RUN_TAG)) {
      const snapshot = { id: comment.id, body: comment.body, author: comment.user, createdAt: comment.created_at, updatedAt: comment.updated_at, htmlUrl: comment.html_url };
      return handleVerifyRunComment(session, event.number, snapshot);
    }
    // A PM plan run's handoff (issue #13 item 3): the triage phase reads and validates it.
    if (!event.onPullRequest && comment.body.includes(`${PM_HANDOFF_TAG_TEXT}task=plan `)) return [{ kind: "plan", issue: event.number }];
    // The reviewer run's verdict comment on the pull request (the structured handoff reviewer -> app).
    if (event.onPullRequest && comment.body.includes(REVIEWER_VERDICT_TAG)) return [{ kind: "review", pr: event.number }];
    // A PM run's handoff (the structured handoff PM agent -> app, issue #13): the refine step reads
    // it (the item's triage inputs did not change, so it is not triaged again).
    if (!event.onPullRequest && comment.body.includes(`${PM_HANDOFF_TAG_TEXT}task=refine `) && session.config.pm.agent !== null) return refineItem(session, event.number);
    return [];
  }
  // issue #13: the author's answer to the PM agent's questions asks for the next revision (the
  // refine step decides; a comment with a command is no answer).
  const answer = session.config.pm.agent !== null && !event.onPullRequest && sameLogin(comment.user.login, event.issueAuthor.login) && isAnswerText(comment.body);
  if (answer) return refineItem(session, event.number);
  if (!comment.body.includes("/")) return [];
  return handleCommandComment(
    session,
    { id: comment.id, body: comment.body, author: comment.user, number: event.number, onPullRequest: event.onPullRequest },
  );
}

async function recordPullRequest(session: RepoSession, event: Extract<RepoEvent, { kind: "pull-request" }>): Promise<Effect[]> {
  const ours = session.ours.actor(event.sender);
  switch (event.action) {
    case "synchronize": {
      const move = { prNumber: event.number, before: event.before ?? "", after: event.after ?? event.headSha };
      // The queue's own update first (its intent is recorded), then the push's effect on the
      // approval (kept across the queue's update, voided by anyone else's commit).
      const update = await recordQueueUpdate(session, { ...move, ours });
      await handlePullRequestPush(session, { ...move, sender: event.sender });
      // `worker.stack_on_approved`: pull requests stacked on this one follow its new head.
      const stacked = await updateStackedDependents(session, move);
      // The queue's own update of a head whose CI ran: the CI runs on the new head too, and its
      // suite's completion reviews the head and lands it; now it would find the checks running
      // (issue #9 "A request budget": the update round's synchronize is one write).
      if (update?.kind === "own" && update.awaitChecks) return stacked;
      return [...stacked, { kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    }
    case "reopened":
      return ours ? [{ kind: "review", pr: event.number }] : [{ kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    case "labeled":
    case "unlabeled":
    case "closed":
      return ours ? [] : [{ kind: "evaluate-queue" }];
    case "enqueued":
      return ours ? [] : [{ kind: "evaluate-queue" }];
    case "dequeued":
      return recordDequeued(session, event);
    default:
      return [];
  }
}

/**
 * Whether a check's completion can move the merge queue. Only an approved head waits on its
 * checks, so a check on a worker's pull request whose item records no approval (its worker still
 * running, its review pending) or has landed already cannot: no evaluation (request budget, issue #9: a worker's CI
 * finishes before its report, and every evaluation lists the queue's statuses). The item's state
 * block alone decides (one conditional read, which the review phase reads again for free). Any
 * other check (a staging or merge-group branch, a person's pull request) can.
 */
async function mayMoveQueue(session: RepoSession, prs: readonly PullRequestRef[]): Promise<boolean> {
  if (prs.length === 0) return true;
  for (const pr of prs) {
    const state = await workerBranchState(session, pr.headRef);
    if (!state || (state.approval !== undefined && state.merged === undefined)) return true;
  }
  return false;
}
