import type { ItemState } from "../domain/item-state.js";
import { planMergeQueue, type QueueAction, type QueuePlan, type QueuePosition } from "../domain/merge-plan.js";
import type { QueueStanding } from "../domain/queue/queue-check.js";
import { showLanded, showQueueStanding } from "./queue-check-run.js";
import { expectEcho } from "./own-echoes.js";
import { strategyFor } from "../domain/queue/strategies.js";
import { parseWorkItem } from "../domain/pm/refine-merge.js";
import { listNames, shortSha } from "../domain/queue-membership.js";
import { checkScope } from "../domain/scope.js";
import type { Effect } from "./effects.js";
import { closingRefs } from "../domain/pull-request-text.js";
import { lifecycle, loadItemFor, saveItem, type LoadedItem } from "./item-store.js";
import { readQueue, type QueueItem, type QueueSnapshot } from "./queue-state.js";
import type { RepoSession } from "./session.js";
import { ejectMarker } from "../domain/item/markers.js";
import type { BatchRun } from "../domain/queue/batch-run.js";
import { applyBatchStep, readBatch } from "./queue-batch.js";
import { conflict, recordLanding, recoverLandingOf, sendBack } from "./queue-landing.js";
import { dequeueNative, enqueueNative, inNativeQueue, withNativeQueue } from "./queue-github.js";

export { recoverLanding, recoverLandingOf } from "./queue-landing.js";

/**
 * The merge queue's handler (issue #6): reads the queue from GitHub, asks the pure planner for
 * ONE action for its head, applies it through the port, and evaluates again when that action
 * settled something (a merge, an eject, a conflict, a refused guarded write). Waiting actions
 * (update-branch, wait-checks) end the evaluation: the next event (synchronize, check completed)
 * starts the next one. Nothing is kept in memory between evaluations, so a restart, a missed
 * event (the periodic re-evaluation catches up) or a redelivered event all end in the same place.
 */


/** Evaluations per call at most: each settled head lets the next one start, within reason. */
const MAX_ROUNDS = 20;
/** Refused guarded writes (405/409/422) re-evaluated per call at most; then the next event retries. */
const MAX_REFUSALS = 3;

/**
 * Evaluates the repository's merge queue and drives its head one step (see the module comment).
 * Call it inside `inRepository` (one evaluation per repository at a time in this process); across
 * processes, the merge's `sha` guard keeps an untested head from landing. Errors from GitHub
 * (5xx, network) propagate so the event is retried by redelivery or the next trigger.
 */
export async function evaluateQueue(session: RepoSession): Promise<Effect[]> {
  const out: Effect[] = [];
  let refusals = 0;
  // The batch run a step of this evaluation settled (landed, ejected, left) but did not build yet.
  let carried: { run: BatchRun | null } | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const strategy = strategyFor(session.config.merge);
    let snapshot = await readQueue(session);
    if (strategy.name === "batch") snapshot = await withBatch(session, snapshot, carried);
    if (strategy.name === "github") snapshot = await withNativeQueue(session, snapshot);
    const plan = planMergeQueue(snapshot.state, strategy);
    await saveRepairs(session, snapshot);
    // Serial: a pull request merged by another writer (a replica handling the same `/approve`) is
    // recorded as landed here. The batch and github strategies record their own landings (the
    // batch or merge group that landed it) from the same read.
    if (strategy.name === "serial") for (const item of snapshot.landed) out.push(...(await recoverLandingOf(session, item)));
    await writePositions(session, snapshot, plan);
    let outcome: Outcome;
    if (plan.action.kind === "batch") {
      const applied = await applyBatchStep(session, snapshot, plan.action, out);
      outcome = applied.outcome;
      carried = applied.next === undefined ? null : { run: applied.next };
    } else outcome = await applyAction(session, snapshot, plan.action, out);
    session.log.debug({ action: plan.action, outcome, round }, "merge queue evaluated");
    if (outcome === "done") return out;
    // The serial queue's only member settled (landed, ejected, sent back): nothing else can move
    // in this evaluation, so the queue is not read again (request budget, issue #9: a landing
    // changes the base, the pull requests and the items, so the re-read would cost each listing).
    if (outcome === "again" && strategy.name === "serial" && snapshot.state.entries.length <= 1) return out;
    if (outcome === "refused" && ++refusals > MAX_REFUSALS) {
      session.log.warn({ action: plan.action }, "merge queue: GitHub kept refusing; waiting for the next event");
      return out;
    }
  }
  return out;
}

/**
 * A synchronize of a pull request whose item recorded the queue's intent to update it
 * (`updatedFrom`, written before calling update-branch). Sent by our own app from the approved
 * head (or the queue's previous update of it): the new head is the queue's update, so the
 * approval carries over (`updatedTo` = `after`). Sent by anyone else: the intent is dropped (the
 * push voids the approval; commands handle that), so the PR no longer holds the queue's head.
 * Returns what it recorded: `own` (with the intent's `awaitChecks`), `foreign`, or null (nothing
 * to record: no intent, or recorded before).
 */
export async function recordQueueUpdate(
  session: RepoSession,
  move: { prNumber: number; before: string; after: string; ours: boolean },
): Promise<{ kind: "own"; awaitChecks: boolean } | { kind: "foreign" } | null> {
  const issues = await session.port.listOpenIssues([session.config.labels.status.merging]);
  for (const issue of issues) {
    const item = await loadItemFor(session, issue);
    const { state } = item;
    if (state.pr?.number !== move.prNumber || !state.queue?.updatedFrom) continue;
    const fromApproved = !!state.approval && state.queue.updatedFrom === state.approval.headSha;
    const chained = move.before === state.queue.updatedFrom || move.before === state.queue.updatedTo;
    if (move.ours && fromApproved && chained) {
      if (state.queue.updatedTo === move.after) return null;
      await saveItem(session, item, { ...state, queue: { ...state.queue, updatedTo: move.after } });
      session.log.info({ issue: issue.number, pr: move.prNumber, from: move.before, to: move.after }, "merge queue update recorded");
      return { kind: "own", awaitChecks: state.queue.awaitChecks === true };
    }
    if (state.queue.updatedTo === move.after) return null;
    const { updatedFrom: _from, updatedTo: _to, updatedBase: _base, awaitChecks: _await, ...queue } = state.queue;
    await saveItem(session, item, { ...state, queue });
    session.log.info({ issue: issue.number, pr: move.prNumber, after: move.after }, "head moved by someone else during the queue's update");
    return { kind: "foreign" };
  }
  return null;
}

type Outcome = "done" | "again" | "refused";

/**
 * The snapshot with the batch in progress: `carried` (a run this evaluation settled) or the one
 * read back from the staging branch (see queue-batch.ts).
 */
async function withBatch(session: RepoSession, snapshot: QueueSnapshot, carried: { run: BatchRun | null } | null): Promise<QueueSnapshot> {
  const view = carried ? { run: carried.run, staging: null } : await readBatch(session, snapshot);
  return { ...snapshot, state: { ...snapshot.state, batch: view.run, staging: view.staging } };
}

function headReason(action: QueueAction, snapshot: QueueSnapshot): string {
  const base = `\`${snapshot.defaultBranch}\` at ${shortSha(snapshot.baseSha)}`;
  switch (action.kind) {
    case "update-branch":
      return `head of the merge queue: bringing the pull request up to date with ${base}`;
    case "wait-checks":
      return `head of the merge queue: waiting for the required checks on ${shortSha(action.headSha)} (tested with ${base})`;
    case "merge":
      return `head of the merge queue: merging ${shortSha(action.sha)}`;
    case "eject":
      return `ejected from the merge queue: ${action.reason}`;
    case "conflict":
      return `conflicts with ${base}`;
    case "batch":
      return action.step.kind === "idle" ? "in the merge queue" : action.step.reason;
    case "enqueue":
      return `handing the pull request to GitHub's merge queue (head ${shortSha(action.expectedHeadSha)})`;
    case "dequeue":
      return `taking it out of GitHub's merge queue: ${action.reason}`;
    default:
      return "in the merge queue";
  }
}

/** The item's status as the queue ranks it (the lifecycle decides: members approved, the head being landed merging). */
function statusFor(q: QueueItem, inFlight: boolean): ItemState["status"] {
  return lifecycle(q.item.state, { kind: "queue-ranked", member: q.entry !== null, inFlight }, q.pr.headSha).item.status;
}

/**
 * Writes each item's place and reason in the queue to its status comment, and the status that
 * goes with it; saveItem writes only what changed, so a repeated evaluation writes nothing.
 */
async function writePositions(session: RepoSession, snapshot: QueueSnapshot, plan: QueuePlan): Promise<void> {
  const head = plan.order[0];
  const positions = new Map(plan.order.map((p) => [p.issue, p]));
  for (const [issue, q] of snapshot.items) {
    // Members only: a batch run may still name a pull request that left the queue (ejected, head
    // moved); its own reason stands, and its check run is not touched.
    const place = q.entry ? positions.get(issue) : undefined;
    // A batch step is about every member it names (those without a wait reason), not only the first.
    const { action } = plan;
    const isHead = action.kind !== "idle" && (action.kind === "batch" || action.pr === q.pr.number) && place?.waitingFor === null;
    let reason: string;
    if (!place) reason = q.reason ?? "not in the merge queue";
    else if (place.waitingFor) reason = place.waitingFor;
    else if (isHead) reason = headReason(plan.action, snapshot);
    else reason = `in the merge queue behind #${head?.pr ?? "?"}`;
    // In flight: being landed (serial), being updated, or in GitHub's merge queue (github).
    const inFlight = snapshot.state.inFlight === q.pr.number || (isHead && action.kind === "update-branch") || inNativeQueue(snapshot, q.pr.number);
    const { position: _p, reason: _r, ...rest } = q.item.state.queue ?? {};
    const queue = { ...rest, ...(place ? { position: place.position } : {}), reason };
    const standing = standingOf(place, isHead, plan.action, reason);
    const previous = q.item.state.queue;
    const next: ItemState = { ...q.item.state, status: statusFor(q, inFlight && q.entry !== null), queue };
    // Staged first, so the check run's write sends it together with what the pass staged before
    // (a command's record): one item write instead of two (both are re-derived by any evaluation).
    q.item = await saveIfChanged(session, q.item, next);
    // A head the queue moves now (update-branch) is never seen again on the pull request: a run
    // shown on it before is updated, and none is created (issue #9 "A request budget").
    const moving = isHead && action.kind === "update-branch";
    if (standing) showQueueStanding(session, q.pr.headSha, { previous, next: queue }, standing, { ifShown: moving });
  }
}

/**
 * The pull request's standing for the `orchestrator/queue` check run; `null` outside the queue
 * (the status comment says why; the review's check runs speak for a pull request in review).
 */
function standingOf(place: QueuePosition | undefined, isHead: boolean, action: QueueAction, reason: string): QueueStanding | null {
  if (!place) return null;
  if (!isHead) return { kind: "waiting", position: place.position, reason };
  return action.kind === "eject" || action.kind === "conflict" ? { kind: "ejected", reason } : { kind: "head", reason };
}

/** Saves what the read corrected (see QueueSnapshot.repairs) before anything acts on it. */
async function saveRepairs(session: RepoSession, snapshot: QueueSnapshot): Promise<void> {
  for (const issue of snapshot.repairs) {
    const q = snapshot.items.get(issue);
    if (q) q.item = await saveItem(session, q.item, q.item.state);
  }
}

async function saveIfChanged(session: RepoSession, item: LoadedItem, next: ItemState): Promise<LoadedItem> {
  if (JSON.stringify(item.state) === JSON.stringify(next)) return item;
  return saveItem(session, item, next);
}

async function applyAction(session: RepoSession, snapshot: QueueSnapshot, action: QueueAction, out: Effect[]): Promise<Outcome> {
  if (action.kind === "idle" || action.kind === "wait-checks") return "done";
  if (action.kind === "batch") return "done"; // applied by applyBatchStep
  const q = [...snapshot.items.values()].find((i) => i.pr.number === action.pr);
  if (!q) return "done";
  switch (action.kind) {
    case "update-branch":
      return updateBranch(session, q, action.expectedHeadSha, snapshot.baseSha, out);
    case "merge":
      return merge(session, snapshot, q, action.sha, out);
    case "eject":
      return eject(session, snapshot, q, action, out);
    case "conflict":
      await conflict(session, snapshot, q, "GitHub reports the pull request cannot be merged cleanly", out);
      return "again";
    case "enqueue":
    case "dequeue": {
      const applied = action.kind === "enqueue" ? await enqueueNative(session, q, action) : await dequeueNative(session, q, action);
      out.push(...applied.effects);
      return applied.outcome;
    }
  }
}

/**
 * Update-branch guarded by the head sha. The intent is recorded first (`updatedFrom` = the
 * approved head; kept across repeated updates) so the synchronize it causes is recognised as the
 * queue's own (see {@link recordQueueUpdate}), with the base's tip `baseSha` it brings in
 * (`updatedBase`, so the updated head needs no comparison while the tip stays).
 */
async function updateBranch(session: RepoSession, q: QueueItem, expectedHeadSha: string, baseSha: string, out: Effect[]): Promise<Outcome> {
  const { state } = q.item;
  const approved = state.approval?.headSha ?? expectedHeadSha;
  const chained = state.queue?.updatedFrom === approved && state.queue.updatedTo === expectedHeadSha;
  const awaitChecks = q.checks.length > 0;
  const queue = chained
    ? { ...state.queue!, reason: state.queue?.reason ?? "", updatedBase: baseSha, awaitChecks }
    : { ...(state.queue ?? { reason: "" }), updatedFrom: approved, updatedTo: undefined, updatedBase: baseSha, awaitChecks };
  const status = lifecycle(state, { kind: "queue-updating" }, expectedHeadSha).item.status;
  // Commit point of an update: the intent (`updatedFrom`) recorded before update-branch, so the
  // synchronize it causes (or, lost, the commit graph) is recognised as the queue's own.
  q.item = await saveIfChanged(session, q.item, { ...state, status, queue });
  const result = await session.port.updateBranch(q.pr.number, expectedHeadSha);
  if (result.ok) {
    session.log.info({ pr: q.pr.number, from: expectedHeadSha }, "merge queue: update-branch requested");
    return "done";
  }
  const now = await session.port.getPullRequest(q.pr.number);
  if (now && now.headSha === expectedHeadSha && (now.mergeable === false || /conflict/i.test(result.message))) {
    await conflict(session, null, q, `bringing it up to date with the base branch failed: ${result.message}`, out);
    return "again";
  }
  session.log.warn({ pr: q.pr.number, status: result.status, message: result.message }, "merge queue: update-branch refused");
  return "refused";
}

/** The item's scope globs (its Scope section, else `scope.default`). */
function scopeOf(session: RepoSession, item: LoadedItem): string[] {
  const parsed = parseWorkItem({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, item.state, session.config);
  return parsed.scope.length > 0 ? parsed.scope : session.config.scope.default;
}

/**
 * Merge of the tested head: scope is checked on the final diff (a file out of scope takes the pull
 * request out of the queue; a gated path not covered by a `/approve` waits for one), then merged
 * with `sha` = the tested head and the configured method. 405/409 re-evaluate.
 * The final diff is the head's: when a review of this very head recorded its scope (review.ts
 * `recordVerdict`, the queue's own update of an approved head included), that judgement is the
 * check, and the files are not read again (issue #9 "A request budget").
 */
async function merge(session: RepoSession, snapshot: QueueSnapshot, q: QueueItem, sha: string, out: Effect[]): Promise<Outcome> {
  const { config, port } = session;
  const pr = q.item.state.pr!;
  const judged = pr.headSha === q.pr.headSha && q.item.state.reviews.some((r) => r.headSha === q.pr.headSha);
  const scope = judged
    ? { outOfScope: pr.outOfScope, gated: pr.gated }
    : checkScope(await port.listPullRequestFiles(q.pr.number), scopeOf(session, q.item), config.autonomy.gate, config.autonomy.max_deleted_files);
  const newGated = scope.gated.filter((p) => !pr.gated.includes(p));
  if (scope.outOfScope.length > 0 || (newGated.length > 0 && q.item.state.approval?.via !== "command")) {
    const outOfScope = [...new Set([...pr.outOfScope, ...scope.outOfScope])].sort();
    const gated = [...new Set([...pr.gated, ...scope.gated])].sort();
    const status = lifecycle(q.item.state, { kind: "queue-held-back" }, q.pr.headSha).item.status;
    q.item = await saveItem(session, q.item, { ...q.item.state, status, pr: { ...pr, outOfScope, gated } });
    session.log.warn({ pr: q.pr.number, outOfScope: scope.outOfScope, gated: newGated }, "merge queue: final diff failed the scope check");
    return "again";
  }
  // The lifecycle's guard: a merge only of the approved head, and only of the tested one.
  const ready = lifecycle(q.item.state, { kind: "merge-ready", sha }, q.pr.headSha);
  if (!ready.effects.some((e) => e.kind === "merge")) {
    session.log.error({ pr: q.pr.number, sha, status: q.item.state.status }, "merge queue: merge refused by the lifecycle (no valid approval on the tested head)");
    return "done";
  }
  const result = await port.mergeIfHeadIs(q.pr.number, sha, config.merge.method);
  if (!result.ok) {
    // Merged meanwhile by another writer (a replica handling the same `/approve`): the next round's
    // read finds the pull request merged and records the landing (QueueSnapshot.landed).
    session.log.warn({ pr: q.pr.number, sha, status: result.status, message: result.message }, "merge queue: merge refused; re-evaluating");
    return "refused";
  }
  // Commit point of a landing: the merge. Everything after it (done status, landed comment,
  // close, dependents) is bookkeeping that recoverLanding / the reconciler redo from the merged PR.
  out.push({ kind: "merged", pr: q.pr.number });
  expectEcho(session, `landed:${sha}`);
  await landed(session, snapshot, q, result.sha, out);
  return "again";
}

/**
 * After a merge: the item is done with the merge recorded, the issue closed with a landed
 * comment, dependents re-triaged and dispatched, finished epics closed.
 */
async function landed(session: RepoSession, snapshot: QueueSnapshot, q: QueueItem, mergeSha: string, out: Effect[]): Promise<void> {
  showLanded(session, q.pr.headSha, `landed in \`${snapshot.defaultBranch}\` as ${shortSha(mergeSha)}`, { mergedNow: true });
  q.item = await recordLanding(session, q.item, out, {
    pr: q.pr.number,
    mergeSha,
    base: snapshot.defaultBranch,
    detail: `after its required checks passed on ${q.pr.headSha}`,
    // Merged through the API into the default branch: GitHub applies the body's closing keywords
    // (only there: a pull request stacked on another branch closes nothing when merged).
    closedByMerge: q.pr.baseRef === snapshot.defaultBranch && closingRefs(q.pr.body).includes(q.item.issue.number),
  });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, sha: mergeSha }, "merge queue: landed");
}

/** A red required check on the updated head: ejected with a comment naming and linking it. */
async function eject(session: RepoSession, snapshot: QueueSnapshot, q: QueueItem, action: Extract<QueueAction, { kind: "eject" }>, out: Effect[]): Promise<Outcome> {
  const failed = action.failedChecks.map((name) => {
    const run = q.checks.filter((c) => c.name === name).sort((a, b) => b.id - a.id)[0];
    const url = run?.htmlUrl ?? run?.detailsUrl;
    return url ? `[\`${name}\`](${url})` : `\`${name}\``;
  });
  const what = failed.length === 0 ? "the required checks" : `${failed.length === 1 ? "check" : "checks"} ${listNames(failed, "")}`;
  const marker = ejectMarker(q.pr.headSha);
  const body = [
    marker,
    `**Ejected from the merge queue:** ${what} failed on ${q.pr.headSha}, this pull request brought up to date with \`${snapshot.defaultBranch}\` at ${snapshot.baseSha}.`,
    "",
    `The approval is withdrawn and #${q.item.issue.number} goes back to its worker with this failure as feedback; the rest of the queue goes on. A new \`/approve\` is needed once it is fixed.`,
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  const feedback = `The merge queue ejected pull request #${q.pr.number}: ${what} failed on ${shortSha(q.pr.headSha)} after it was brought up to date with \`${snapshot.defaultBranch}\` at ${shortSha(snapshot.baseSha)}. Fix the failure against the latest \`${snapshot.defaultBranch}\`.`;
  await sendBack(session, q, `ejected from the merge queue: ${action.reason}`, feedback, "ci-failure", out);
  return "again";
}

