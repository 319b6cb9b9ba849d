import type { Status, Track } from "../config/schema.js";
import { comparePriority, timeKey, type PriorityKey } from "./order.js";

/** A work item as the scheduler sees it. */
export interface DispatchCandidate {
  issue: number;
  status: Status;
  track: Track | null | undefined;
  /** WSJF score; `null` sorts last. */
  score: number | null | undefined;
  /** ISO-8601 creation time of the issue; older first on ties. */
  createdAt: string;
  /** The hold label is on. */
  hold: boolean;
  /** Attempts counted against the budget (from `attemptBudgetFrom` on). */
  attemptsUsed: number;
  /** `worker.max_attempts`. */
  maxAttempts: number;
}

export interface DispatchInput {
  items: readonly DispatchCandidate[];
  /** Items of this repository in progress now (dispatched, worker not reported yet). */
  inProgress: number;
  /** `worker.max_concurrent`. */
  maxConcurrent: number;
}

function dispatchable(item: DispatchCandidate): boolean {
  return item.status === "ready" && !item.hold && item.attemptsUsed < item.maxAttempts;
}

function keyOf(item: DispatchCandidate): PriorityKey<number> {
  return { track: item.track, score: item.score, at: timeKey(item.createdAt), id: item.issue };
}

/**
 * Which items to dispatch now (issue #4 "Scheduling and dispatch"): only `status/ready` items that
 * are not held and have attempts left (waiting, needs-info, needs-approval, blocked and every other
 * status never are); in the order hotfix first, WSJF descending, oldest first (`comparePriority`);
 * at most `maxConcurrent - inProgress` of them (none when at or over capacity).
 * Returns issue numbers in dispatch order. Pure: the caller records each attempt before dispatching.
 */
export function planDispatch(input: DispatchInput): number[] {
  const capacity = Math.max(0, Math.floor(input.maxConcurrent - input.inProgress));
  if (!(capacity > 0)) return [];
  // An issue listed twice is considered once (its first entry), so it is never dispatched twice.
  const firstByIssue = new Map<number, DispatchCandidate>();
  for (const item of input.items) if (!firstByIssue.has(item.issue)) firstByIssue.set(item.issue, item);
  return [...firstByIssue.values()]
    .filter(dispatchable)
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => comparePriority(a.key, b.key))
    .slice(0, capacity)
    .map(({ item }) => item.issue);
}
