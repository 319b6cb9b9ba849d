import { replaceAttempt, type Attempt, type ItemState } from "../domain/item-state.js";
import { parseRunTitle } from "../domain/run-title.js";
import { type WorkerReport } from "../domain/worker-report.js";
import { GITHUB_COMMENT_LIMIT } from "../domain/bounds.js";
import { acceptWorkerReport, isWorkerIdentity, workerIdentities } from "../domain/trust/report-acceptance.js";
import type { Actor, CommentSnapshot } from "../github/port.js";
import type { Effect } from "./effects.js";
import { lifecycle, lifecycleOf, loadItem, readState, saveItem, type LoadedItem } from "./item-store.js";
import { attemptsUsed } from "./scheduler.js";
import { deadLetterOfState } from "../domain/dead-letter.js";
import { failureClass, type FailureClass } from "../domain/failure-class.js";
import { expectEcho } from "./own-echoes.js";
import type { RepoSession } from "./session.js";
import { decodeWorkerReport, reportMarker, RUN_FAILURE_MARKER } from "../domain/item/markers.js";

/** trust (#10): the identities whose report comments are accepted (`trust.worker_identities` + our bot). */
function identitiesOf(session: RepoSession): string[] {
  return workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
}

/**
 * A worker's report comment (the structured handoff worker -> app): validated with zod, matched
 * to its attempt, and applied once: `pr` moves the item to `in-review` and records the pull
 * request (gated paths and out-of-scope files with it); `blocked` moves it to `blocked` with the
 * blocker's summary. A report for an attempt already settled, or from a person, changes nothing;
 * an invalid report is logged and recorded as a failed attempt by the completion guarantee.
 * Afterwards the scheduler fills the freed slot.
 */
export async function handleWorkerReport(session: RepoSession, issueNumber: number, comment: CommentSnapshot): Promise<Effect[]> {
  const identities = identitiesOf(session);
  if (!isWorkerIdentity(comment.author, identities)) {
    session.log.warn({ issue: issueNumber, comment: comment.id, author: comment.author.login }, "worker report ignored: not from a worker identity");
    return [];
  }
  if (comment.body.length > GITHUB_COMMENT_LIMIT) {
    session.log.warn({ issue: issueNumber, comment: comment.id, length: comment.body.length }, "worker report ignored: over the comment limit");
    return [];
  }
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind === "absent") return [];
  if (decoded.kind === "invalid") {
    session.log.warn({ issue: issueNumber, comment: comment.id, reason: decoded.reason }, "invalid worker report");
    return [];
  }
  const report = decoded.report;
  const item = await loadItem(session, issueNumber);
  if (!item) return [];
  // trust (#10): only for the attempt in flight, and only once.
  const acceptance = acceptWorkerReport({ author: comment.author, identities, issue: issueNumber, report, state: item.state });
  if (!acceptance.accepted) {
    session.log.warn({ issue: issueNumber, comment: comment.id, attempt: report.attempt, reason: acceptance.reason }, "worker report ignored");
    return [];
  }
  const effects = await settleAttempt(session, item, applyReport(item.state, report, session.now(), deadLetterRules(session)));
  // The run's completion after its report has nothing left to settle.
  expectEcho(session, `run:${issueNumber}:${report.attempt}`);
  return effects;
}

/** The dead-letter rule's limits: `worker.max_attempts`, and the domain's default of infrastructure failures in a row. */
function deadLetterRules(session: RepoSession): DeadLetterRules {
  return { maxAttempts: session.config.worker.max_attempts };
}

/**
 * Saves an attempt settled by its report, then the follow-ups: the freed worker slot is filled,
 * and a pull request in review that may be a merge queue member (its new head approved, or the
 * item held a place) is placed by one evaluation. Any other is not a member: the review of its
 * head, which the report's pass runs, says why (review.ts), so no evaluation is needed (request
 * budget, issue #9: an evaluation reads every item of the queue).
 */
async function settleAttempt(session: RepoSession, item: LoadedItem, next: ItemState): Promise<Effect[]> {
  await saveItem(session, item, next, next.deadLetter ? { add: [session.config.labels.dead_letter] } : {});
  const member = next.status === "in-review" && (lifecycleOf(next).approvedHead !== null || next.queue?.position !== undefined);
  return [...(member ? [{ kind: "evaluate-queue" } as const] : []), { kind: "schedule" }];
}

/** Limits of the dead-letter rule (domain/dead-letter.ts). */
export interface DeadLetterRules {
  maxAttempts: number;
}

/**
 * The item's next state after a worker report. Pure. The attempt records the report's spend
 * (cost, tokens) and, for a blocker, whose failure it was (domain/failure-class.ts: the blocker's
 * kind, or a provider error in its text); a blocker that uses up the attempts or ends 3
 * infrastructure failures in a row puts the item on the dead-letter list.
 */
export function applyReport(state: ItemState, report: WorkerReport, now: string, rules: DeadLetterRules): ItemState {
  const failure = report.outcome === "pr" ? undefined : failureClass({ ...(report.blocker ? { blocker: report.blocker.kind, agentOutputTail: `${report.blocker.summary}\n${report.blocker.hypothesis}` } : {}) });
  const attempts = replaceAttempt(state.attempts, report.attempt, {
    outcome: report.outcome,
    finishedAt: now,
    ...(report.runId !== undefined ? { runId: report.runId } : {}),
    summary: report.blocker?.summary ?? `pull request #${report.pr?.number ?? "?"}`,
    ...(report.costUsd !== undefined ? { costUsd: report.costUsd } : {}),
    ...(report.tokens !== undefined ? { tokens: report.tokens } : {}),
    ...(failure !== undefined ? { failure } : {}),
  });
  if (report.outcome === "pr" && report.pr) {
    return {
      ...state,
      attempts,
      status: lifecycle(state, { kind: "reported-pr", head: report.pr.headSha }).item.status,
      blockedReason: undefined,
      pr: {
        number: report.pr.number,
        branch: report.pr.branch,
        headSha: report.pr.headSha,
        gated: report.gated,
        outOfScope: report.outOfScope,
      },
    };
  }
  const letter = deadLetterOfState({ attempts, attemptBudgetFrom: state.attemptBudgetFrom }, rules.maxAttempts);
  return {
    ...state,
    attempts,
    status: lifecycle(state, { kind: "reported-blocker" }).item.status,
    blockedReason: report.blocker?.summary ?? "the worker reported a blocker",
    ...(letter ? { deadLetter: { ...letter, at: now } } : {}),
  };
}

/** The fields of a workflow run event the completion guarantee needs. */
export interface RunFacts {
  id: number;
  path: string;
  displayTitle: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
}

/**
 * The completion guarantee (workers issue): every dispatch ends in a report. Any workflow run
 * event of the worker workflow records the run on its attempt (so `/cancel` can find it); a run
 * that completes while its attempt has no report is recorded as a failed attempt and the item is
 * re-dispatched, up to `worker.max_attempts`; then it is blocked with a report linking the runs.
 * A report already on the issue (its comment event late or lost) settles the attempt instead.
 */
export async function handleWorkflowRun(session: RepoSession, run: RunFacts): Promise<Effect[]> {
  if (!run.path.endsWith(`/${session.config.worker.workflow}`)) return [];
  const ids = parseRunTitle(run.displayTitle);
  if (!ids) return [];
  if (run.status !== "completed") return runStarted(session, run, ids);
  const item = await loadItem(session, ids.issue);
  if (!item) return [];
  const attempt = item.state.attempts.find((a) => a.n === ids.attempt);
  if (!attempt || attempt.outcome !== "dispatched") return [];
  // GitHub does not order deliveries, and one can fail: the worker's report may be on the issue
  // although its comment event is not handled yet (or never will be). It settles the attempt.
  const report = await reportOnIssue(session, ids.issue, attempt.n);
  if (report) {
    const withRun: ItemState = { ...item.state, attempts: replaceAttempt(item.state.attempts, attempt.n, { runId: run.id, runUrl: run.htmlUrl }) };
    return settleAttempt(session, item, applyReport(withRun, report, session.now(), deadLetterRules(session)));
  }
  session.log.warn({ issue: ids.issue, attempt: attempt.n, run: run.id, conclusion: run.conclusion }, "worker run ended without a report");
  return failAttempt(session, item, attempt.n, `the run ended ${run.conclusion ?? "without a conclusion"} without a worker report`, { runId: run.id, runUrl: run.htmlUrl });
}

/**
 * A run not completed yet (`requested`): recorded on its attempt unless it is already (the
 * dispatch's answer named it: scheduler.ts; issue #9 "A request budget": then the state block alone
 * decides, one conditional read, free while it did not change, and no item read or write). An
 * attempt cancelled before its run existed (trust #10: approval voided by an edit; `/cancel`
 * before GitHub created the run) has the run cancelled now.
 */
async function runStarted(session: RepoSession, run: RunFacts, ids: { issue: number; attempt: number }): Promise<Effect[]> {
  const recorded = (await readState(session, ids.issue))?.attempts.find((a) => a.n === ids.attempt);
  if (!recorded || (recorded.runId === run.id && recorded.outcome !== "cancelled")) return [];
  const item = await loadItem(session, ids.issue);
  const attempt = item?.state.attempts.find((a) => a.n === ids.attempt);
  if (!item || !attempt) return [];
  if (attempt.runId !== run.id || attempt.runUrl !== run.htmlUrl) {
    await saveItem(session, item, { ...item.state, attempts: replaceAttempt(item.state.attempts, ids.attempt, { runId: run.id, runUrl: run.htmlUrl }) });
  }
  return attempt.outcome === "cancelled" ? [{ kind: "cancel-run", issue: ids.issue, attempt: ids.attempt, runId: run.id }] : [];
}

/**
 * Records attempt `n` of the item as failed (with its run when one exists) and asks for the next
 * attempt: re-dispatched by the schedule phase within `worker.max_attempts`, else blocked with the
 * run-failures report. Used for a run that ended without a report and for an attempt whose dispatch
 * key was claimed but whose run never started (the reconciler gives it up: a key is used once).
 */
export async function failAttempt(
  session: RepoSession,
  item: LoadedItem,
  n: number,
  summary: string,
  run: { runId: number; runUrl: string } | null,
  failure: FailureClass = "infrastructure",
): Promise<Effect[]> {
  const attempts = replaceAttempt(item.state.attempts, n, { ...(run ?? {}), outcome: "failed", finishedAt: session.now(), summary, failure });
  const { config } = session;
  const held = item.issue.labels.includes(config.labels.hold);
  const exhausted = attemptsUsed({ ...item.state, attempts }) >= config.worker.max_attempts;
  const letter = held ? null : deadLetterOfState({ attempts, attemptBudgetFrom: item.state.attemptBudgetFrom }, config.worker.max_attempts);
  if (letter && !exhausted) {
    // Issue 12: runs dying of infrastructure failures again and again wait for a person on the
    // dead-letter list instead of burning the rest of the attempts.
    await saveItem(
      session,
      item,
      { ...item.state, attempts, status: lifecycle(item.state, { kind: "dispatch-failed" }).item.status, blockedReason: letter.summary, deadLetter: { ...letter, at: session.now() } },
      { add: [config.labels.dead_letter] },
    );
    return [{ kind: "schedule" }];
  }
  const failed: ItemState = {
    ...item.state,
    status: lifecycle(item.state, { kind: "run-failed" }).item.status,
    attempts,
    ...(letter ? { deadLetter: { ...letter, at: session.now() } } : {}),
  };
  await saveItem(session, item, failed, letter ? { add: [config.labels.dead_letter] } : {});
  // Only a spent attempt budget is this blocker report (the schedule phase then blocks the item
  // instead of dispatching); a held item simply waits for `/unhold`, and a refused dispatch is
  // explained on the item by dispatchItem.
  if (!held && exhausted) await postRunFailureReport(session, item.issue.number);
  return [{ kind: "dispatch", issue: item.issue.number, reason: "rerun" }, { kind: "schedule" }];
}

/** The worker's valid report of `attempt`, read from the issue (a bot's comment), or null. */
async function reportOnIssue(session: RepoSession, issue: number, attempt: number): Promise<WorkerReport | null> {
  const comment = await session.port.findComment(issue, reportMarker(attempt));
  // trust (#10): reports are accepted from the worker identities only, never from a person or another bot.
  if (!comment || !isWorkerIdentity(comment.author, identitiesOf(session))) return null;
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind !== "ok") return null;
  return decoded.report.issue === issue && decoded.report.attempt === attempt ? decoded.report : null;
}

/** Blocker report of the completion guarantee: the attempts and links to their runs. */
async function postRunFailureReport(session: RepoSession, issue: number): Promise<void> {
  const item = await loadItem(session, issue);
  if (!item) return;
  const lines = item.state.attempts.map(
    (a) => `- attempt ${a.n} (${a.reason}): ${a.outcome}${a.runUrl ? ` — [run](${a.runUrl})` : ""}${a.summary ? `: ${a.summary}` : ""}`,
  );
  const body = [
    RUN_FAILURE_MARKER,
    "### Blocker report: worker runs ended without a report",
    "",
    `Every attempt allowed by \`worker.max_attempts\` (${session.config.worker.max_attempts}) ended without a worker report, so this item is blocked:`,
    "",
    ...lines,
    "",
    "**Hypothesis:** the runner failed before the worker could report (workflow misconfigured, agent CLI or secrets missing, runner timeout).",
    "",
    "**Recommended intervention:** open the runs above, fix the workflow or its secrets, then comment `/retry` to grant a fresh attempt budget.",
  ].join("\n");
  await session.port.upsertComment(issue, RUN_FAILURE_MARKER, body);
}
