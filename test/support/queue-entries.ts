import type { QueueEntry } from "../../src/domain/merge-plan.js";

/** Approval time `minute` minutes after 2025-01-01T00:00Z, as ISO-8601. */
export const approvedAtMinute = (minute: number): string => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

/** A merge-queue entry for issue N (pull request N + 100, head `headN`, up to date, checks pending). */
export function queueEntry(issue: number, over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    issue,
    pr: issue + 100,
    track: "standard",
    score: 5,
    approvedAt: approvedAtMinute(issue),
    dependsOn: [],
    headSha: `head${issue}`,
    upToDate: true,
    checks: "pending",
    mergeable: true,
    conflict: false,
    ...over,
  };
}
