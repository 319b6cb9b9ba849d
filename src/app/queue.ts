import type { ItemState } from "../domain/item-state.js";
import { planMergeQueue, type QueueAction, type QueuePlan, type QueuePosition } from "../domain/merge-plan.js";
import type { QueueStanding } from "../domain/queue/queue-check.js";
import { showLanded, showQueueStanding } from "./queue-check-run.js";
import { strategyFor } from "../domain/queue/strategies.js";
import { parseIssue } from "../domain/parse-issue.js";
import { listNames, shortSha } from "../domain/queue-membership.js";
import { checkScope } from "../domain/scope.js";
import type { Effect } from "./effects.js";
import { lifecycle, loadItemFor, saveItem, type LoadedItem } from "./item-store.js";
import { readQueue, withHeadDetail, type QueueItem, type QueueSnapshot } from "./queue-state.js";
import type { RepoSession } from "./session.js";
import { LANDED_MARKER, ejectMarker, conflictMarker } from "../domain/item/markers.js";

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
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const strategy = strategyFor(session.config.merge);
    let snapshot = await readQueue(session);
    let plan = planMergeQueue(snapshot.state, strategy);
    const head = plan.action.kind === "idle" ? null : plan.action.pr;
    if (head !== null) {
      snapshot = await withHeadDetail(session, snapshot, head);
      plan = planMergeQueue(snapshot.state, strategy);
    }
    await saveRepairs(session, snapshot);
    await writePositions(session, snapshot, plan);
    const outcome = await applyAction(session, snapshot, plan.action, out);
    session.log.debug({ action: plan.action, outcome, round }, "merge queue evaluated");
    if (outcome === "done") return out;
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
 * Returns whether the item changed.
 */
export async function recordQueueUpdate(
  session: RepoSession,
  move: { prNumber: number; before: string; after: string; ours: boolean },
): Promise<boolean> {
  const issues = await session.port.listOpenIssues([session.config.labels.status.merging]);
  for (const issue of issues) {
    const item = await loadItemFor(session, issue);
    const { state } = item;
    if (state.pr?.number !== move.prNumber || !state.queue?.updatedFrom) continue;
    const fromApproved = !!state.approval && state.queue.updatedFrom === state.approval.headSha;
    const chained = move.before === state.queue.updatedFrom || move.before === state.queue.updatedTo;
    if (move.ours && fromApproved && chained) {
      if (state.queue.updatedTo === move.after) return false;
      await saveItem(session, item, { ...state, queue: { ...state.queue, updatedTo: move.after } });
      session.log.info({ issue: issue.number, pr: move.prNumber, from: move.before, to: move.after }, "merge queue update recorded");
      return true;
    }
    if (state.queue.updatedTo === move.after) return false;
    const { updatedFrom: _from, updatedTo: _to, ...queue } = state.queue;
    await saveItem(session, item, { ...state, queue });
    session.log.info({ issue: issue.number, pr: move.prNumber, after: move.after }, "head moved by someone else during the queue's update");
    return true;
  }
  return false;
}

type Outcome = "done" | "again" | "refused";

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
    const place = positions.get(issue);
    const isHead = head?.issue === issue && plan.action.kind !== "idle" && place?.waitingFor === null;
    let reason: string;
    if (!place) reason = q.reason ?? "not in the merge queue";
    else if (place.waitingFor) reason = place.waitingFor;
    else if (isHead) reason = headReason(plan.action, snapshot);
    else reason = `in the merge queue behind #${head?.pr ?? "?"}`;
    const inFlight = snapshot.state.inFlight === q.pr.number || (isHead && plan.action.kind === "update-branch");
    const { position: _p, reason: _r, ...rest } = q.item.state.queue ?? {};
    const queue = { ...rest, ...(place ? { position: place.position } : {}), reason };
    const standing = standingOf(place, isHead, plan.action, reason);
    if (standing) await showQueueStanding(session, q.pr.headSha, { previous: q.item.state.queue, next: queue }, standing);
    const next: ItemState = { ...q.item.state, status: statusFor(q, inFlight && q.entry !== null), queue };
    q.item = await saveIfChanged(session, q.item, next);
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
  if (action.kind === "batch") {
    // Only the batch strategy plans batch steps, and config does not offer it until the app
    // executes them (docs/merge-queue.md): nothing to apply here.
    session.log.warn({ step: action.step.kind }, "merge queue: batch steps are not executed by this version");
    return "done";
  }
  const q = [...snapshot.items.values()].find((i) => i.pr.number === action.pr);
  if (!q) return "done";
  switch (action.kind) {
    case "update-branch":
      return updateBranch(session, q, action.expectedHeadSha, out);
    case "merge":
      return merge(session, snapshot, q, action.sha, out);
    case "eject":
      return eject(session, snapshot, q, action, out);
    case "conflict":
      return conflict(session, snapshot, q, "GitHub reports the pull request cannot be merged cleanly", out);
  }
}

/**
 * Update-branch guarded by the head sha. The intent is recorded first (`updatedFrom` = the
 * approved head; kept across repeated updates) so the synchronize it causes is recognised as the
 * queue's own (see {@link recordQueueUpdate}).
 */
async function updateBranch(session: RepoSession, q: QueueItem, expectedHeadSha: string, out: Effect[]): Promise<Outcome> {
  const { state } = q.item;
  const approved = state.approval?.headSha ?? expectedHeadSha;
  const chained = state.queue?.updatedFrom === approved && state.queue.updatedTo === expectedHeadSha;
  const queue = chained
    ? { ...state.queue!, reason: state.queue?.reason ?? "" }
    : { ...(state.queue ?? { reason: "" }), updatedFrom: approved, updatedTo: undefined };
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
    return conflict(session, null, q, `bringing it up to date with the base branch failed: ${result.message}`, out);
  }
  session.log.warn({ pr: q.pr.number, status: result.status, message: result.message }, "merge queue: update-branch refused");
  return "refused";
}

/** The item's scope globs (its Scope section, else `scope.default`). */
function scopeOf(session: RepoSession, item: LoadedItem): string[] {
  const parsed = parseIssue({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, session.config);
  return parsed.scope.length > 0 ? parsed.scope : session.config.scope.default;
}

/**
 * Merge of the tested head: scope is checked again on the final diff (a file out of scope takes
 * the pull request out of the queue; a gated path not covered by a `/approve` waits for one), then
 * merged with `sha` = the tested head and the configured method. 405/409 re-evaluate.
 */
async function merge(session: RepoSession, snapshot: QueueSnapshot, q: QueueItem, sha: string, out: Effect[]): Promise<Outcome> {
  const { config, port } = session;
  const files = await port.listPullRequestFiles(q.pr.number);
  const scope = checkScope(files, scopeOf(session, q.item), config.autonomy.gate, config.autonomy.max_deleted_files);
  const pr = q.item.state.pr!;
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
    session.log.warn({ pr: q.pr.number, sha, status: result.status, message: result.message }, "merge queue: merge refused; re-evaluating");
    return "refused";
  }
  // Commit point of a landing: the merge. Everything after it (done status, landed comment,
  // close, dependents) is bookkeeping that recoverLanding / the reconciler redo from the merged PR.
  await landed(session, snapshot, q, result.sha, out);
  return "again";
}

/**
 * After a merge: the item is done with the merge recorded, the issue closed with a landed
 * comment, dependents re-triaged and dispatched, finished epics closed.
 */
async function landed(session: RepoSession, snapshot: QueueSnapshot, q: QueueItem, mergeSha: string, out: Effect[]): Promise<void> {
  await showLanded(session, q.pr.headSha, `landed in \`${snapshot.defaultBranch}\` as ${shortSha(mergeSha)}`);
  q.item = await recordLanding(session, q.item, out, {
    pr: q.pr.number,
    mergeSha,
    base: snapshot.defaultBranch,
    detail: `after its required checks passed on ${q.pr.headSha}`,
  });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, sha: mergeSha }, "merge queue: landed");
}

/**
 * The bookkeeping of a landing, shared by the queue and by recovery: the item `done` with the
 * merge recorded, the landed comment (upserted by marker), the issue closed as completed,
 * dependents re-triaged and dispatched, finished epics closed. Idempotent.
 */
async function recordLanding(
  session: RepoSession,
  item: LoadedItem,
  out: Effect[],
  landing: { pr: number; mergeSha: string; base: string; detail: string },
): Promise<LoadedItem> {
  const { port } = session;
  const number = item.issue.number;
  const merged = { sha: landing.mergeSha, at: item.state.merged?.at ?? session.now(), pr: landing.pr };
  const queue = { reason: `landed in \`${landing.base}\` as ${shortSha(landing.mergeSha)}` };
  const status = lifecycle(item.state, { kind: "merged" }).item.status;
  const saved = await saveItem(session, item, { ...item.state, status, merged, queue });
  const body = [
    LANDED_MARKER,
    `Landed: pull request #${landing.pr} was merged into \`${landing.base}\` as ${landing.mergeSha} (${session.config.merge.method}), ${landing.detail}.`,
  ].join("\n");
  await port.upsertComment(number, LANDED_MARKER, body);
  await port.closeIssue(number, "completed");
  out.push({ kind: "dependents", issue: number, epics: true }, { kind: "schedule" });
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
async function sendBack(session: RepoSession, q: QueueItem, reason: string, feedback: string, dispatch: "ci-failure" | "conflict", out: Effect[]): Promise<void> {
  const { approval: _cleared, ...state } = q.item.state;
  const queue = { reason };
  const status = lifecycle(q.item.state, { kind: "queue-sent-back" }, q.pr.headSha).item.status;
  q.item = await saveItem(session, q.item, { ...state, status, queue, feedback: withFeedback(state, feedback) });
  out.push({ kind: "dispatch", issue: q.item.issue.number, reason: dispatch });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, reason: dispatch }, "merge queue: sent back to the worker");
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

/** A conflict with the base: reported on the PR and the item, sent back as a conflict attempt. */
async function conflict(session: RepoSession, snapshot: QueueSnapshot | null, q: QueueItem, detail: string, out: Effect[]): Promise<Outcome> {
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
  return "again";
}
