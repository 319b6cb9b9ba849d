import type { OrchestratorConfig, Track } from "../config/schema.js";
import { comparePriority, landingOrder, timeKey, type LandingOrder, type PriorityKey } from "./order.js";
import { listNames, localIssue, shortSha } from "./queue-membership.js";
import type { BatchRun } from "./queue/batch-run.js";
import type { BatchStep, StagingResult } from "./queue/batch-step.js";
import type { NativeQueueEntry } from "./queue/github-strategy.js";

/** The full landing order for many items; lives with the comparator in ./order.ts. */
export { landingOrder } from "./order.js";
export type { LandingItem } from "./order.js";

/**
 * Merge-queue planning (issue #6): a pure function from the queue's state, derived from GitHub on
 * every evaluation, to the queue's order and ONE next action for its head. The handler applies the
 * action and evaluates again on the next event, so a restart anywhere continues where it was.
 *
 * Planning is a {@link MergeStrategy}. {@link serialStrategy} lands one pull request at a time
 * (the "not rocket science" rule: the base only ever moves to a commit that was tested as it
 * lands). `batch` (./queue/batch-strategy.ts, issue #14) tests several heads merged together on a
 * staging branch and bisects on red; `strategyFor` (./queue/strategies.ts) picks one from config.
 */

/** Required-check verdict on an entry's current head (see `evaluateRequiredChecks`). */
export type CheckState = "pending" | "passed" | "failed";

/** One member of the queue (it passed `queueEligibility`). */
export interface QueueEntry {
  issue: number;
  pr: number;
  track: Track | null | undefined;
  /** WSJF score; `null` sorts last. */
  score: number | null | undefined;
  /** ISO-8601 time of the approval on which the entry is queued. */
  approvedAt: string;
  /** The item's dependencies as issue references: `#12` (this repository) or `owner/repo#12`. */
  dependsOn: readonly string[];
  headSha: string;
  /** The head contains the current base tip (compare: behind_by === 0). */
  upToDate: boolean;
  /** Required checks on `headSha`. */
  checks: CheckState;
  /** Names of the failed required checks, for the eject comment. */
  failedChecks?: readonly string[];
  /** GitHub's `mergeable`; `null` while GitHub is still computing it. */
  mergeable: boolean | null;
  /** The head conflicts with the base (an update-branch failed, or `mergeable_state` is dirty). */
  conflict: boolean;
}

/** Everything the planner looks at. */
export interface QueueState {
  /** Current tip of the default branch. */
  baseSha: string;
  entries: readonly QueueEntry[];
  /**
   * For each entry's issue number: its dependencies not merged yet (done), as references, derived
   * by the caller. A same-repository reference (`#12`) to another entry counts as unmerged even if
   * missing here (queue entries are unmerged by definition).
   */
  unmergedDependencies: Readonly<Record<number, readonly string[]>>;
  /** PR number the previous evaluation updated (landing in progress); it keeps the head. */
  inFlight?: number | null;
  /** `batch` strategy only: the batch in progress, as recorded after the previous step. */
  batch?: BatchRun | null;
  /** `batch` strategy only: the required-check verdict on the batch's staging head. */
  staging?: StagingResult | null;
  /**
   * `github` strategy only: GitHub's merge queue for the base branch as read now (entries in queue
   * order), or `null` when the branch has no merge queue.
   */
  native?: readonly NativeQueueEntry[] | null;
}

/** An entry's place in the queue; `waitingFor` is the reason it cannot land yet, if any. */
export interface QueuePosition {
  issue: number;
  pr: number;
  /** 1 = head of the queue. */
  position: number;
  waitingFor: string | null;
}

/** The one thing to do next, for the head of the queue. */
export type QueueAction =
  | { kind: "update-branch"; pr: number; expectedHeadSha: string }
  | { kind: "wait-checks"; pr: number; headSha: string }
  | { kind: "merge"; pr: number; sha: string }
  | { kind: "eject"; pr: number; reason: string; failedChecks: string[] }
  | { kind: "conflict"; pr: number }
  /** `batch` strategy: one batch step for the batch led by `pr`; record `next` once it applied. */
  | { kind: "batch"; pr: number; step: BatchStep; next: BatchRun | null }
  /** `github` strategy: hand `pr` to GitHub's merge queue, only while its head is `expectedHeadSha`. */
  | { kind: "enqueue"; pr: number; expectedHeadSha: string }
  /**
   * `github` strategy: take `pr` out of GitHub's merge queue because its unmerged `dependencies`
   * (issue numbers) are not ahead of it there any more (one left the queue): it would land without them.
   */
  | { kind: "dequeue"; pr: number; reason: string; dependencies: number[] }
  | { kind: "idle" };

export interface QueuePlan {
  strategy: string;
  order: QueuePosition[];
  action: QueueAction;
}

/** A way of planning the queue; all strategies take the same state. */
export interface MergeStrategy {
  readonly name: string;
  plan(state: QueueState): QueuePlan;
}

function entryKey(e: QueueEntry): PriorityKey<number> {
  return { track: e.track, score: e.score, at: timeKey(e.approvedAt), id: e.issue };
}

/**
 * An entry's unmerged dependencies as references: `state.unmergedDependencies` plus every
 * same-repository dependency that is itself queued (queue entries are unmerged by definition).
 */
export function unmergedOf(e: QueueEntry, state: QueueState, queued: ReadonlySet<number>): string[] {
  const refs = new Set(state.unmergedDependencies[e.issue] ?? []);
  for (const ref of e.dependsOn) {
    const n = localIssue(ref);
    if (n !== null && queued.has(n)) refs.add(`#${n}`);
  }
  return [...refs];
}

/**
 * The head's next action, the "not rocket science" rule: conflict -> report it; behind the base ->
 * update-branch guarded by the current head sha; required checks pending -> wait; failed on an
 * up-to-date head -> eject (the next entry goes in the NEXT evaluation; what landed stays);
 * passed -> merge guarded by `sha` = the tested head, so a moved head is never merged.
 */
export function headAction(e: QueueEntry, baseSha: string): QueueAction {
  if (e.conflict || e.mergeable === false) return { kind: "conflict", pr: e.pr };
  if (!e.upToDate) return { kind: "update-branch", pr: e.pr, expectedHeadSha: e.headSha };
  if (e.checks === "pending") return { kind: "wait-checks", pr: e.pr, headSha: e.headSha };
  if (e.checks === "passed") return { kind: "merge", pr: e.pr, sha: e.headSha };
  const failedChecks = [...(e.failedChecks ?? [])];
  const what =
    failedChecks.length === 0
      ? "required checks"
      : `${failedChecks.length === 1 ? "check" : "checks"} ${listNames(failedChecks)}`;
  const reason = `${what} failed on ${shortSha(e.headSha)}, tested against base ${shortSha(baseSha)}`;
  return { kind: "eject", pr: e.pr, reason, failedChecks };
}

function waitsFor(refs: readonly string[]): string {
  return `waits for ${listNames(refs, "")} to land`;
}

/**
 * `entries` in landing order (`landingOrder`: dependencies first, then hotfix, WSJF descending,
 * approval time), each depending on those of its unmerged dependencies (`unmerged`: issue ->
 * dependency references) that are among `entries`.
 */
export function rankEntries(entries: readonly QueueEntry[], unmerged: Map<number, string[]>): LandingOrder<number> {
  const ids = new Set(entries.map((e) => e.issue));
  return landingOrder(
    entries.map((e) => ({
      id: e.issue,
      track: e.track,
      score: e.score,
      approvedAt: e.approvedAt,
      dependsOn: (unmerged.get(e.issue) ?? []).map(localIssue).filter((n): n is number => n !== null && ids.has(n)),
    })),
  );
}

function orderWaiting(waiting: QueueEntry[], unmerged: Map<number, string[]>): QueuePosition[] {
  const byIssue = new Map(waiting.map((e) => [e.issue, e]));
  const result = rankEntries(waiting, unmerged);
  const pos = (issue: number, waitingFor: string): QueuePosition => ({
    issue,
    pr: byIssue.get(issue)?.pr ?? 0,
    position: 0,
    waitingFor,
  });
  const out = [...result.order, ...result.blocked].map((i) => pos(i, waitsFor(unmerged.get(i) ?? [])));
  for (const cycle of result.cycles) {
    const refs = cycle.map((i) => `#${i}`);
    for (const i of cycle) {
      const others = refs.filter((r) => r !== `#${i}`);
      const why = others.length === 0 ? "it depends on itself" : `it and ${listNames(others, "")} depend on each other`;
      out.push(pos(i, `cannot land: ${why}; break the dependency cycle`));
    }
  }
  return out;
}

function planSerial(state: QueueState): QueuePlan {
  const queued = new Set(state.entries.map((e) => e.issue));
  const unmerged = new Map(state.entries.map((e) => [e.issue, unmergedOf(e, state, queued)]));
  const free = state.entries.filter((e) => (unmerged.get(e.issue) ?? []).length === 0);
  const waiting = state.entries.filter((e) => (unmerged.get(e.issue) ?? []).length > 0);
  free.sort((a, b) => comparePriority(entryKey(a), entryKey(b)));
  const inFlight = free.findIndex((e) => e.pr === state.inFlight);
  if (inFlight > 0) free.unshift(...free.splice(inFlight, 1));
  const order = [
    ...free.map((e): QueuePosition => ({ issue: e.issue, pr: e.pr, position: 0, waitingFor: null })),
    ...orderWaiting(waiting, unmerged),
  ].map((p, i) => ({ ...p, position: i + 1 }));
  const head = free[0];
  const action: QueueAction = head ? headAction(head, state.baseSha) : { kind: "idle" };
  return { strategy: "serial", order, action };
}

/**
 * Serial strategy: order = entries with every dependency merged, by hotfix, WSJF descending,
 * approval time (`comparePriority`), the in-flight PR kept at the head so a running test is never
 * wasted; then entries waiting for an unmerged dependency (reason "waits for #12 to land"), in
 * landing order among themselves, however early they were approved; then entries in a dependency
 * cycle (reported, never landed). Only the head gets an action ({@link headAction}); no entry gets
 * one while it waits for a dependency.
 */
export const serialStrategy: MergeStrategy = { name: "serial", plan: planSerial };

/**
 * Plans the merge queue: `{ strategy, order: [{ issue, pr, position, waitingFor }], action }`.
 * Pure and total: an empty queue, or one whose entries all wait, gives `{ kind: "idle" }`.
 */
export function planMergeQueue(state: QueueState, strategy: MergeStrategy = serialStrategy): QueuePlan {
  return strategy.plan(state);
}
