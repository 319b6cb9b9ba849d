
import { parsePmRunTitle, parseReviewRunTitle } from "../../domain/run-title.js";
import { handleCommandComment, handlePullRequestPush, handleSubmittedReview } from "../commands.js";
import type { Effect } from "../effects.js";
import { handleWorkerReport, handleWorkflowRun } from "../monitor.js";
import { recordQueueUpdate } from "../queue.js";
import { reconcileItem } from "../reconcile.js";
import type { RepoEvent } from "../repo-event.js";
import { handleReviewerRunCompleted } from "../review.js";
import type { RepoSession } from "../session.js";
import { guardApprovedText, guardStatusLabel } from "../trust-guards.js";
import { handleDashboardEdit } from "../dashboard.js";
import { DASHBOARD_MARKER } from "../../domain/dashboard/render.js";
import { PM_HANDOFF_TAG_TEXT, REPORT_TAG_TEXT, REVIEWER_VERDICT_TAG } from "../../domain/item/markers.js";

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
      // The approved status label (what `/approve` writes) or the hold label going on or off: the
      // queue sees it, whoever wrote it.
      const { labels } = session.config;
      if (event.label === labels.hold || (event.action === "labeled" && event.label === labels.status.approved)) out.push({ kind: "evaluate-queue" });
      if (event.action === "closed") {
        // A merged pull request whose bookkeeping never ran (a crash right after the merge), then
        // the dependents the closed issue releases.
        return [...out, { kind: "recover-landing", issue: event.number }, { kind: "dependents", issue: event.number, epics: false }, { kind: "schedule" }];
      }
      // Bots (our own label and comment writes included) never drive triage: no loops.
      if (ours.isBot(event.sender) || !["opened", "edited", "labeled", "unlabeled", "reopened"].includes(event.action)) return out;
      out.push({ kind: "triage", issue: event.number });
      // A reopened dependency blocks its dependents again before any of them is dispatched.
      if (event.action === "reopened") out.push({ kind: "dependents", issue: event.number, epics: false });
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
      const out: Effect[] = [];
      // Our own checks never trigger the review (it would review itself) nor the queue.
      const ownCheck = event.suite ? ours.checkSuite({ appSlug: event.appSlug }) : ours.checkRun({ name: event.name ?? "", appSlug: event.appSlug });
      if (!ownCheck) out.push({ kind: "review-head", sha: event.headSha, prs: event.prs });
      if (!ours.actor(event.sender)) out.push({ kind: "evaluate-queue" });
      return out;
    }
    case "push":
      return event.ref === `refs/heads/${event.defaultBranch}` && !ours.actor(event.sender) ? [{ kind: "evaluate-queue" }] : [];
    case "workflow-run": {
      const out = await handleWorkflowRun(session, event.run);
      // A plan run that ended: its epic's plan is advanced; one that posted no handoff is said (never silent).
      const pmRun = event.action === "completed" ? parsePmRunTitle(event.run.displayTitle) : null;
      if (pmRun?.task === "plan") out.push({ kind: "plan", issue: pmRun.issue, runEnded: { revision: pmRun.revision, conclusion: event.run.conclusion, url: event.run.htmlUrl } });
      // A reviewer run that ended without a verdict comment fails the review (never ignored).
      if (event.action === "completed" && parseReviewRunTitle(event.run.displayTitle)) {
        const pr = await handleReviewerRunCompleted(session, event.run);
        if (pr !== null) out.push({ kind: "review", pr });
      }
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
    // A PM plan run's handoff (issue #13 item 3): the triage phase reads and validates it.
    if (!event.onPullRequest && comment.body.includes(`${PM_HANDOFF_TAG_TEXT}task=plan `)) return [{ kind: "plan", issue: event.number }];
    // The reviewer run's verdict comment on the pull request (the structured handoff reviewer -> app).
    if (event.onPullRequest && comment.body.includes(REVIEWER_VERDICT_TAG)) return [{ kind: "review", pr: event.number }];
    return [];
  }
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
      await recordQueueUpdate(session, { ...move, ours });
      await handlePullRequestPush(session, { ...move, sender: event.sender });
      return [{ kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    }
    case "opened":
      return [{ kind: "review", pr: event.number }];
    case "reopened":
      return ours ? [{ kind: "review", pr: event.number }] : [{ kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    case "labeled":
    case "unlabeled":
    case "closed":
      return ours ? [] : [{ kind: "evaluate-queue" }];
    default:
      return [];
  }
}
