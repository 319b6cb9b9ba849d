import { decodeBatchBlock, ejectMarker, encodeBatchBlock } from "../domain/item/markers.js";
import type { QueueAction } from "../domain/merge-plan.js";
import { STAGING_BRANCH, STAGING_BUILD_BRANCH, type BatchRun } from "../domain/queue/batch-run.js";
import { stagingConflict, withLanded, type BatchStep, type StagingResult } from "../domain/queue/batch-step.js";
import { evaluateRequiredChecks, listNames, shortSha } from "../domain/queue-membership.js";
import type { Effect } from "./effects.js";
import { lifecycle } from "./item-store.js";
import { publishQueueCheck, showLanded } from "./queue-check-run.js";
import { conflict, recordLanding, sendBack } from "./queue-landing.js";
import { checksOn, summaries, type QueueItem, type QueueSnapshot } from "./queue-state.js";
import type { RepoSession } from "./session.js";

/**
 * The batch strategy's executor (issue #14 "merge.strategy: batch"): the pure planner
 * (`decideBatch`) decides every step; this reads its input back from GitHub and applies its steps.
 *
 * Where the batch lives (crash-only): the staging branch `orchestrator/staging` is the tree under
 * test, and its head commit's message ends with the batch block (the run that commit tests). So a
 * restarted app (or another replica) reads the batch in progress from the branch; members that
 * landed since are taken out (`withLanded`). A step that does not build (land, eject, leave) is
 * carried in memory to the next round of the same evaluation, and is re-derived from GitHub when
 * the process dies before it: the same inputs give the same step.
 *
 * Landing: the default branch is fast-forwarded to the staging head (`force: false`), never
 * re-merged pull request by pull request: the commit that lands IS the tested commit, so no tree
 * lands untested, and GitHub guards the write (a base moved by someone else refuses it and the batch
 * is tested again on the new base). GitHub marks each pull request merged when its head becomes
 * part of the base. `merge.method` applies to the serial strategy only: a batch lands the staging
 * merge commits (one per pull request), as bors does.
 */

/** The planner's view of the batch in progress: the run and its staging verdict. */
export interface BatchView {
  run: BatchRun | null;
  staging: StagingResult | null;
}

/** What applying one batch step asks of the evaluation loop; `next` set = carry that run to the next round. */
export interface BatchOutcome {
  outcome: "done" | "again" | "refused";
  next?: BatchRun | null;
}

const NONE: BatchView = { run: null, staging: null };

/**
 * Reads the batch in progress back from GitHub: the staging branch's head and its batch block
 * (none, or an invalid block: no batch, logged), members that landed since taken out, and the
 * required-check verdict on the staging head (`merge.required_checks`; ours left out).
 */
export async function readBatch(session: RepoSession, snapshot: QueueSnapshot): Promise<BatchView> {
  const { port } = session;
  const head = await port.getBranchSha(STAGING_BRANCH);
  if (!head) return NONE;
  const message = await port.getCommitMessage(head);
  const decoded = message === null ? { kind: "absent" as const } : decodeBatchBlock(message);
  if (decoded.kind !== "ok") {
    if (decoded.kind === "invalid") session.log.warn({ head, reason: decoded.reason }, "merge queue: the staging head's batch block is unreadable; starting a new batch");
    return NONE;
  }
  const recorded: BatchRun = { ...decoded.value, test: { ...decoded.value.test, stagingSha: head } };
  const landed = new Set<number>();
  for (const m of recorded.members) {
    if (snapshot.items.has(m.issue)) continue;
    const pr = await port.getPullRequest(m.pr);
    if (pr?.merged) landed.add(m.issue);
  }
  const run = landed.size > 0 ? withLanded(recorded, landed) : recorded;
  if (!run) return NONE;
  const verdict = evaluateRequiredChecks(summaries(await checksOn(session, head)), session.config.merge.required_checks);
  return { run, staging: { sha: head, checks: verdict.state, failedChecks: verdict.failed } };
}

/** Applies one batch step (see the module comment); never throws for a refusal GitHub answers. */
export async function applyBatchStep(
  session: RepoSession,
  snapshot: QueueSnapshot,
  action: Extract<QueueAction, { kind: "batch" }>,
  out: Effect[],
): Promise<BatchOutcome> {
  const { step, next } = action;
  switch (step.kind) {
    case "build-staging":
      return buildStaging(session, snapshot, step, next, out);
    case "land":
      return land(session, snapshot, step, next, out);
    case "eject":
      await ejectCulprit(session, snapshot, step, out);
      return { outcome: "again", next };
    case "leave":
      session.log.info({ batch: step.batch, members: step.members.map((m) => m.pr) }, "merge queue: pull requests left the batch");
      return { outcome: "again", next };
    case "wait-staging":
    case "idle":
      return { outcome: "done" };
  }
}

function member(snapshot: QueueSnapshot, issue: number): QueueItem | undefined {
  return snapshot.items.get(issue);
}

/**
 * Builds the staging tree on the build branch (base, then each member merged in order by GitHub),
 * then moves the staging branch to it in one push, so CI runs once, on the whole tree. The last
 * merge's message carries the batch block. A member that does not merge cleanly leaves with its
 * dependents and goes back to its worker as a conflict; the rest is built again.
 */
async function buildStaging(
  session: RepoSession,
  snapshot: QueueSnapshot,
  step: Extract<BatchStep, { kind: "build-staging" }>,
  next: BatchRun | null,
  out: Effect[],
): Promise<BatchOutcome> {
  const { port } = session;
  if (!next) return { outcome: "done" };
  const recorded: BatchRun = { ...next, test: { ...next.test, stagingSha: null, baseSha: step.baseSha } };
  await port.setBranch(STAGING_BUILD_BRANCH, step.baseSha);
  let head = step.baseSha;
  for (const [i, m] of step.members.entries()) {
    const last = i === step.members.length - 1;
    const title = `Batch #${step.batch}: merge #${m.pr} (${shortSha(m.headSha)})`;
    const message = last ? `${title}\n\n${step.reason}\n\n${encodeBatchBlock(recorded)}` : title;
    const merged = await port.mergeIntoBranch(STAGING_BUILD_BRANCH, m.headSha, message);
    if (merged.kind === "merged") head = merged.sha;
    if (merged.kind === "conflict") {
      const q = member(snapshot, m.issue);
      const { next: remaining, removed } = stagingConflict(next, m.issue);
      const earlier = step.members.slice(0, i).map((x) => `#${x.pr}`);
      const onto = earlier.length > 0 ? `\`${snapshot.defaultBranch}\` at ${shortSha(step.baseSha)} with ${listNames(earlier, "")} of batch #${step.batch}` : `\`${snapshot.defaultBranch}\` at ${shortSha(step.baseSha)}`;
      if (q) await conflict(session, snapshot, q, `merging it onto ${onto} for the merge queue's staging branch failed: ${merged.message}`, out);
      session.log.info({ batch: step.batch, pr: m.pr, removed }, "merge queue: a batch member conflicts; it leaves with its dependents");
      return { outcome: "again", next: remaining };
    }
    if (merged.kind === "noop" && last) {
      // The last head is already in the tree: nothing carries the block, so nothing is tested.
      session.log.warn({ batch: step.batch, pr: m.pr }, "merge queue: the batch's last pull request adds nothing to the base; waiting for the next event");
      return { outcome: "done" };
    }
  }
  await port.setBranch(STAGING_BRANCH, head);
  session.log.info({ batch: step.batch, staging: head, members: step.members.map((m) => m.pr), attempt: step.attempt }, "merge queue: staging built");
  return { outcome: "done" };
}

/**
 * Lands a green batch: the lifecycle's guard per member (approved, and the approved head is the
 * tested one), then the base fast-forwarded to the tested staging head; each member's landing
 * recorded (done, landed comment, issue closed, dependents released).
 */
async function land(
  session: RepoSession,
  snapshot: QueueSnapshot,
  step: Extract<BatchStep, { kind: "land" }>,
  next: BatchRun | null,
  out: Effect[],
): Promise<BatchOutcome> {
  const items = step.members.map((m) => member(snapshot, m.issue));
  for (const [i, q] of items.entries()) {
    const ready = q && lifecycle(q.item.state, { kind: "merge-ready", sha: step.members[i]!.headSha }, q.pr.headSha).effects.some((e) => e.kind === "merge");
    if (!ready) {
      session.log.error({ batch: step.batch, pr: step.members[i]!.pr }, "merge queue: batch landing refused by the lifecycle (no valid approval on the tested head)");
      return { outcome: "done" };
    }
  }
  const result = await session.port.fastForwardBranch(snapshot.defaultBranch, step.stagingSha);
  if (!result.ok) {
    session.log.warn({ batch: step.batch, staging: step.stagingSha, status: result.status, message: result.message }, "merge queue: fast-forward to the staging head refused; re-evaluating");
    return { outcome: "refused" };
  }
  const prs = step.members.map((m) => `#${m.pr}`);
  for (const q of items) {
    if (!q) continue;
    showLanded(session, q.pr.headSha, `landed in \`${snapshot.defaultBranch}\` at ${shortSha(step.stagingSha)} with batch #${step.batch}`);
    q.item = await recordLanding(session, q.item, out, {
      pr: q.pr.number,
      mergeSha: step.stagingSha,
      base: snapshot.defaultBranch,
      detail: `tested together with ${listNames(prs, "")} as batch #${step.batch} on staging ${step.stagingSha} (\`${snapshot.defaultBranch}\` fast-forwarded to it)`,
    });
  }
  session.log.info({ batch: step.batch, staging: step.stagingSha, members: step.members.map((m) => m.pr) }, "merge queue: batch landed");
  return { outcome: "again", next };
}

/**
 * The culprit of a red batch: a comment on its pull request naming the failed checks on staging,
 * the `orchestrator/queue` check run failed with the reason, and back to its worker with the
 * failure as feedback. Its dependents in the batch wait for it (the planner took them out).
 */
async function ejectCulprit(session: RepoSession, snapshot: QueueSnapshot, step: Extract<BatchStep, { kind: "eject" }>, out: Effect[]): Promise<void> {
  const q = member(snapshot, step.culprit.issue);
  if (!q) return;
  const checks = step.failedChecks.length > 0 ? `checks ${listNames(step.failedChecks)}` : "the required checks";
  const dependents = step.dependents.length > 0 ? ` ${listNames(step.dependents.map((d) => `#${d.pr}`), "")} depend on it and wait for it.` : "";
  const marker = ejectMarker(q.pr.headSha);
  const body = [
    marker,
    `**Ejected from the merge queue:** ${step.reason}.`,
    "",
    `Bisection of batch #${step.batch} found this pull request to be the culprit (${checks} failed with it on the staging branch \`${STAGING_BRANCH}\`).${dependents} The approval is withdrawn and #${q.item.issue.number} goes back to its worker; the rest of the batch goes on. A new \`/approve\` is needed once it is fixed.`,
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  const reason = `ejected from the merge queue: ${step.reason}`;
  publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
  const feedback = `The merge queue ejected pull request #${q.pr.number}: ${step.reason}. Fix the failure against the latest \`${snapshot.defaultBranch}\`.`;
  await sendBack(session, q, reason, feedback, "ci-failure", out);
}
