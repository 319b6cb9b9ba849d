import { headAction, rankEntries, unmergedOf, type MergeStrategy, type QueueAction, type QueueEntry, type QueuePlan, type QueuePosition, type QueueState } from "../merge-plan.js";
import { listNames, localIssue, shortSha } from "../queue-membership.js";

/**
 * The `github` strategy (issue #14 "merge.strategy: github"): GitHub's own merge queue tests and
 * lands the pull requests (merge groups on `gh-readonly-queue/<base>/pr-<n>-<sha>`); the app only
 * decides WHEN each one is handed over, so that the dependency graph GitHub does not know is kept:
 * a pull request is enqueued only once every unmerged dependency of it is already in GitHub's
 * queue (a queue is first in, first out, so the dependency is ahead of it) or has landed.
 */

/** One entry of GitHub's merge queue for the base branch (GraphQL `MergeQueueEntry`). */
export interface NativeQueueEntry {
  pr: number;
  /** GitHub's position, 1 = next to merge. */
  position: number;
  /** `MergeQueueEntryState`: AWAITING_CHECKS, LOCKED, MERGEABLE, QUEUED or UNMERGEABLE. */
  state: string;
  /** The pull request's current head (`PullRequest.headRefOid`). */
  headSha: string;
  /** Head commit of the entry's merge group; null while GitHub has not built it. */
  groupSha: string | null;
}

/** What a person reads about an entry in GitHub's merge queue (its status comment and check run). */
export function nativeReason(entry: NativeQueueEntry): string {
  const group = entry.groupSha ? ` on merge group ${shortSha(entry.groupSha)}` : "";
  switch (entry.state) {
    case "AWAITING_CHECKS":
      return `in GitHub's merge queue at position ${entry.position}: waiting for the required checks${group}`;
    case "MERGEABLE":
      return `in GitHub's merge queue at position ${entry.position}: checks passed${group}, merging once the entries ahead of it land`;
    case "UNMERGEABLE":
      return `in GitHub's merge queue at position ${entry.position}: GitHub reports it cannot be merged${group}`;
    case "LOCKED":
      return `in GitHub's merge queue at position ${entry.position}: being merged${group}`;
    default:
      return `in GitHub's merge queue at position ${entry.position}`;
  }
}

/** Why `e` cannot be handed to GitHub yet because of a dependency, or null when none holds it. */
function dependencyWait(unmerged: readonly string[], byIssue: ReadonlyMap<number, QueueEntry>, enqueued: ReadonlySet<number>): string | null {
  const notLanded: string[] = [];
  const notEnqueued: string[] = [];
  for (const ref of unmerged) {
    const n = localIssue(ref);
    const dep = n === null ? undefined : byIssue.get(n);
    if (!dep) notLanded.push(ref);
    else if (!enqueued.has(dep.pr)) notEnqueued.push(ref);
  }
  if (notLanded.length > 0) return `waits for ${listNames(notLanded, "")} to land`;
  if (notEnqueued.length > 0) return `waits for ${listNames(notEnqueued, "")} to enter GitHub's merge queue ahead of it`;
  return null;
}

/** The action for an entry free to go (no dependency holds it), or a wait reason. */
function readiness(e: QueueEntry, baseSha: string): { action: QueueAction } | { wait: string } {
  // GitHub tests the pull request on the latest base itself: being behind the base is no reason to wait.
  const action = headAction({ ...e, upToDate: true }, baseSha);
  switch (action.kind) {
    case "wait-checks":
      return { wait: `waiting for the required checks on ${shortSha(e.headSha)} before entering GitHub's merge queue` };
    case "merge":
      return { action: { kind: "enqueue", pr: e.pr, expectedHeadSha: e.headSha } };
    default:
      return { action };
  }
}

/**
 * Plans the `github` strategy: order = the members in GitHub's merge queue by GitHub's position
 * (each with {@link nativeReason}), then the rest in landing order (`landingOrder`: dependencies
 * first, then hotfix, WSJF, approval time). The action is for the first member not in GitHub's
 * queue whose unmerged dependencies are all in it: `enqueue` (guarded by its head sha) once its
 * required checks passed, `conflict` or `eject` as the serial strategy decides them. A member whose
 * dependency has not landed and is not in GitHub's queue waits with the reason. No merge queue on
 * the base branch (`native: null`): every member waits, saying so. Pure and total.
 */
function planGithub(state: QueueState): QueuePlan {
  const queued = new Set(state.entries.map((e) => e.issue));
  const byIssue = new Map(state.entries.map((e) => [e.issue, e]));
  const unmerged = new Map(state.entries.map((e) => [e.issue, unmergedOf(e, state, queued)]));
  if (state.native === null) {
    const why = "the base branch has no merge queue (`merge.strategy: github` needs a ruleset requiring a merge queue on it)";
    const order = state.entries.map((e, i): QueuePosition => ({ issue: e.issue, pr: e.pr, position: i + 1, waitingFor: why }));
    return { strategy: "github", order, action: { kind: "idle" } };
  }
  const native = [...(state.native ?? [])].sort((a, b) => a.position - b.position);
  const enqueued = new Set(native.map((n) => n.pr));
  let action: QueueAction = { kind: "idle" };
  const inNative: QueuePosition[] = [];
  const ahead = new Set<number>();
  for (const n of native) {
    const e = state.entries.find((x) => x.pr === n.pr);
    ahead.add(n.pr);
    if (!e) continue;
    inNative.push({ issue: e.issue, pr: e.pr, position: 0, waitingFor: nativeReason(n) });
    // A dependency not ahead of it in GitHub's queue (it left it) would let it land first.
    const missing = (unmerged.get(e.issue) ?? []).filter((ref) => {
      const dep = byIssue.get(localIssue(ref) ?? -1);
      return !dep || !ahead.has(dep.pr);
    });
    if (missing.length > 0 && action.kind === "idle") {
      const dependencies = missing.map(localIssue).filter((d): d is number => d !== null);
      action = { kind: "dequeue", pr: e.pr, dependencies, reason: `${listNames(missing, "")} left GitHub's merge queue ahead of it and has not landed` };
    }
  }
  const rest = state.entries.filter((e) => !enqueued.has(e.pr));
  const ranked = rankEntries(rest, unmerged);
  const waiting: QueuePosition[] = [];
  for (const issue of [...ranked.order, ...ranked.blocked, ...ranked.cycles.flat()]) {
    const e = byIssue.get(issue)!;
    let wait = dependencyWait(unmerged.get(issue) ?? [], byIssue, enqueued);
    if (wait === null) {
      const ready = readiness(e, state.baseSha);
      if ("wait" in ready) wait = ready.wait;
      else if (action.kind === "idle") action = ready.action;
      else wait = `next to enter GitHub's merge queue after #${action.pr}`;
    }
    waiting.push({ issue, pr: e.pr, position: 0, waitingFor: wait });
  }
  const order = [...inNative, ...waiting].map((p, i) => ({ ...p, position: i + 1 }));
  return { strategy: "github", order, action };
}

/** The `github` strategy (see {@link planGithub}). */
export const githubStrategy: MergeStrategy = { name: "github", plan: planGithub };
