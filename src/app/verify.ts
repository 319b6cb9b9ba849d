import { GITHUB_COMMENT_LIMIT } from "../domain/bounds.js";
import { closingRefs } from "../domain/pull-request-text.js";
import type { ItemState } from "../domain/item-state.js";
import { decodeVerifyRunBlock, VERIFICATION_MARKER, verifyRunMarker } from "../domain/item/markers.js";
import { parseVerifyRunTitle } from "../domain/run-title.js";
import { parseIssue } from "../domain/parse-issue.js";
import { approvedTextFor } from "../domain/trust/approval-digest.js";
import { isWorkerIdentity, workerIdentities } from "../domain/trust/report-acceptance.js";
import { hotfixFeedback, judgeVerification, renderVerification, type VerificationRecord, type VerifyRunBlock } from "../domain/verify.js";
import type { CommentSnapshot } from "../github/port.js";
import type { Effect } from "./effects.js";
import { lifecycle, loadItem, saveItem, type LoadedItem } from "./item-store.js";
import type { RepoSession } from "./session.js";

/**
 * Verification after landing, the app's side (issue #13 item 4; rules in domain/verify.ts):
 * - {@link verifyLanded}: after a landing (after-landing phase, `verify.on: merge`) or a successful
 *   deployment of the landed commit (`verify.on: deployment`), dispatches the verify run once per
 *   commit (the dispatch key `verify-<sha>`, github/dispatch-key.ts);
 * - {@link handleVerifyRunComment}: the verify run's comment (from a worker identity) is judged,
 *   the evidence recorded (the verification comment by marker, `state.verification`, a line in the
 *   status comment) and a failure acted on: `reopen` reopens the item as a hotfix with the evidence
 *   as feedback for its next attempt; `revert` opens the revert pull request the run pushed.
 */

/**
 * Dispatches the verify run of `number` at its landed commit when `verify.command` is set and
 * `verify.on` is `on`, unless that commit was verified already. A refused dispatch is recorded as
 * an INVALID verification naming the problem (said on the issue, never silent).
 */
export async function verifyLanded(session: RepoSession, number: number, on: "merge" | "deployment", sha?: string): Promise<void> {
  const { config } = session;
  if (config.verify.command === undefined || config.verify.on !== on) return;
  const item = await loadItem(session, number);
  const landed = sha ?? item?.state.merged?.sha;
  if (!item || landed === undefined || item.state.verification?.sha === landed) return;
  const ref = await session.port.getDefaultBranch();
  const inputs = { issue: String(number), mode: "verify", sha: landed, agent: config.agent.name };
  const result = await session.port.dispatchWorkflow(config.worker.workflow, ref, inputs);
  if (result.ok) {
    session.log.info({ issue: number, sha: landed, duplicate: result.duplicate ?? false }, "verify run dispatched");
    return;
  }
  const reason = `the verify run could not be dispatched: GitHub answered ${result.status} (${result.message}); the worker workflow needs the inputs \`mode\` (with \`verify\`) and \`sha\` (see docs/verify.md)`;
  session.log.warn({ issue: number, sha: landed, status: result.status }, "verify dispatch refused");
  await record(session, item, { sha: landed, result: "INVALID", at: session.now(), criteria: [], reason });
}

/**
 * A verify run's comment on issue `number`: accepted only from a worker identity (trust #10), at
 * most the comment limit, with a valid block naming this issue. Returns the follow-ups (a reopened
 * item's dependents and the schedule).
 */
export async function handleVerifyRunComment(session: RepoSession, number: number, comment: CommentSnapshot): Promise<Effect[]> {
  const identities = workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
  if (!isWorkerIdentity(comment.author, identities) || comment.body.length > GITHUB_COMMENT_LIMIT) {
    session.log.warn({ issue: number, comment: comment.id, author: comment.author.login }, "verify run comment ignored: not from a worker identity, or over the limit");
    return [];
  }
  const decoded = decodeVerifyRunBlock(comment.body);
  if (decoded.kind === "absent") return [];
  const item = await loadItem(session, number);
  if (!item) return [];
  if (decoded.kind === "invalid") {
    const sha = item.state.merged?.sha ?? item.state.verification?.sha ?? "unknown";
    await record(session, item, { sha, result: "INVALID", at: session.now(), criteria: [], reason: decoded.reason });
    return [];
  }
  const block = decoded.value;
  if (block.issue !== number) {
    session.log.warn({ issue: number, comment: comment.id, named: block.issue }, "verify run comment ignored: it names another issue");
    return [];
  }
  // Redelivered, or the same run judged already: nothing new.
  if (item.state.verification?.sha === block.sha && item.state.verification.result !== "INVALID") return [];
  const judged = judgeVerification(block, criteriaOf(session, item));
  const base = { sha: block.sha, at: session.now(), ...(block.runUrl !== undefined ? { runUrl: block.runUrl } : {}), ...landingPr(item.state) };
  if (judged.kind === "INVALID") {
    await record(session, item, { ...base, result: "INVALID", criteria: [], reason: judged.reason });
    return [];
  }
  const verification: VerificationRecord = { ...base, result: judged.kind, criteria: judged.criteria };
  if (judged.kind === "PASSED") {
    await record(session, item, verification);
    return [];
  }
  return session.config.verify.on_failure === "revert" ? openRevert(session, item, verification, block) : reopenAsHotfix(session, item, verification);
}

/** The item's acceptance criteria from its approved text (what the worker and the review used). */
function criteriaOf(session: RepoSession, item: LoadedItem): string[] {
  const approved = approvedTextFor({ trusted: item.state.trusted, approval: item.state.itemApproval }, { title: item.issue.title, body: item.issue.body });
  const text = approved.ok ? approved.text : { title: item.issue.title, body: item.issue.body };
  return parseIssue({ ...text, labels: item.issue.labels }, session.config).acceptanceCriteria;
}

function landingPr(state: ItemState): { pr?: number } {
  const pr = state.merged?.pr ?? state.pr?.number;
  return pr !== undefined ? { pr } : {};
}

/**
 * Records the verification: the evidence comment (by marker), then `state` (default the item's)
 * with it, which puts its line in the status comment.
 */
async function record(session: RepoSession, item: LoadedItem, verification: VerificationRecord, state: ItemState = item.state, labels: { add?: string[]; remove?: string[] } = {}): Promise<LoadedItem> {
  await session.port.upsertComment(item.issue.number, VERIFICATION_MARKER, `${VERIFICATION_MARKER}\n${renderVerification(verification)}`);
  session.log.info({ issue: item.issue.number, sha: verification.sha, result: verification.result }, "verification recorded");
  return saveItem(session, item, { ...state, verification }, labels);
}

/**
 * `verify.on_failure: reopen`: the done item goes back to `ready` on the hotfix track (the track
 * label set, so triage keeps it), its pull request, merge, approval and queue cleared (a new
 * attempt opens a new pull request), the attempt budget restarted, and the failed criteria with
 * their evidence as feedback for the next attempt. Order: the issue is reopened first, then the
 * state block (the commit point) and labels; a redelivery finds `state.verification` for the
 * commit and does nothing more.
 */
async function reopenAsHotfix(session: RepoSession, item: LoadedItem, verification: VerificationRecord): Promise<Effect[]> {
  const transition = lifecycle(item.state, { kind: "verification-failed" });
  if (transition.ignored) {
    // Not done (already reopened by a person, or verified before its landing was recorded): the evidence only.
    await record(session, item, verification);
    return [];
  }
  const number = item.issue.number;
  if (item.issue.state !== "open") await session.port.reopenIssue(number);
  const tracks = session.config.labels.tracks;
  const { pr: _pr, merged: _merged, approval: _approval, queue: _queue, blockedReason: _blocked, deadLetter: _dead, ...rest } = item.state;
  await record(
    session,
    { ...item, issue: { ...item.issue, state: "open" } },
    { ...verification, action: { kind: "reopened" } },
    { ...rest, status: transition.item.status, track: "hotfix", feedback: hotfixFeedback(verification), attemptBudgetFrom: item.state.attempts.length },
    { add: [tracks.hotfix], remove: [tracks.standard, tracks.project] },
  );
  session.log.warn({ issue: number, sha: verification.sha }, "verification failed: reopened as a hotfix");
  return [{ kind: "dependents", issue: number, epics: false, reopened: true }, { kind: "schedule" }];
}

/**
 * `verify.on_failure: revert`: opens (or finds) the pull request of the revert branch the verify
 * run pushed, against the default branch; it goes through review and `/approve` like any change.
 * A run that could not push one has its problem recorded.
 */
async function openRevert(session: RepoSession, item: LoadedItem, verification: VerificationRecord, block: VerifyRunBlock): Promise<Effect[]> {
  if (block.revertBranch === undefined) {
    await record(session, item, { ...verification, action: { kind: "revert", problem: block.revertProblem ?? "the verify run pushed no revert branch" } });
    return [];
  }
  const base = await session.port.getDefaultBranch();
  const failed = verification.criteria.filter((c) => c.result === "FAILED").map((c) => `- ${c.criterion}: ${c.evidence}`);
  const landed = verification.pr !== undefined ? ` (pull request #${verification.pr})` : "";
  const pr = await session.port.openOrUpdatePullRequest({
    head: block.revertBranch,
    base,
    title: `Revert ${verification.sha.slice(0, 7)}: verification of #${item.issue.number} failed`,
    body: [`Reverts ${verification.sha}${landed}: its verification after landing failed (refs #${item.issue.number}).`, "", "Failed criteria:", ...failed].join("\n"),
  });
  await record(session, item, { ...verification, action: { kind: "revert", pr: pr.number } });
  return [];
}

/** The fields of a completed workflow run the verify run's completion check needs. */
interface VerifyRunFacts {
  path: string;
  displayTitle: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
}

/**
 * A verify run completed (completion guarantee, as for attempts and reviewer runs): its comment,
 * when the comment's own event was lost, is handled now; a run that posted none is recorded as an
 * INVALID verification naming the run (never silent). Nothing when the commit's result is recorded.
 */
export async function handleVerifyRunCompleted(session: RepoSession, run: VerifyRunFacts): Promise<Effect[]> {
  const ids = parseVerifyRunTitle(run.displayTitle);
  if (!ids || run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return [];
  const item = await loadItem(session, ids.issue);
  const recorded = item?.state.verification;
  if (!item || (recorded !== undefined && recorded.sha.startsWith(ids.sha))) return [];
  const sha = item.state.merged?.sha?.startsWith(ids.sha) ? item.state.merged.sha : ids.sha;
  const comment = await session.port.findComment(ids.issue, verifyRunMarker(sha));
  if (comment) return handleVerifyRunComment(session, ids.issue, comment);
  const reason = `the verify run ended ${run.conclusion ?? "without a conclusion"} without posting a result ([run](${run.htmlUrl}))`;
  session.log.warn({ issue: ids.issue, sha, conclusion: run.conclusion }, "verify run ended without a result");
  await record(session, item, { sha, result: "INVALID", at: session.now(), criteria: [], reason, runUrl: run.htmlUrl });
  return [];
}

/**
 * The work items a deployed commit landed (`verify.on: deployment`): the issues its commit message
 * closes (`Closes #N`) and the items of the pull request it names (`(#N)` of a squash merge,
 * `Merge pull request #N`) when that pull request was merged as this commit.
 */
export async function itemsOfDeployedCommit(session: RepoSession, sha: string): Promise<number[]> {
  const message = await session.port.getCommitMessage(sha);
  if (message === null) return [];
  const items = new Set(closingRefs(message));
  for (const match of message.matchAll(/\(#(\d+)\)|Merge pull request #(\d+)/g)) {
    const pr = await session.port.getPullRequest(Number(match[1] ?? match[2]));
    if (!pr?.merged || pr.mergeCommitSha !== sha) continue;
    for (const n of closingRefs(pr.body)) items.add(n);
  }
  return [...items];
}
