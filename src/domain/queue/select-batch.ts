import type { Track } from "../../config/schema.js";
import { landingOrder } from "../order.js";
import type { BatchMember } from "./batch-run.js";
import { localIssue } from "../queue-membership.js";

/** What batch selection looks at for one queue member (a subset of `QueueEntry`). */
export interface BatchCandidate {
  issue: number;
  pr: number;
  headSha: string;
  track: Track | null | undefined;
  score: number | null | undefined;
  approvedAt: string;
  mergeable: boolean | null;
  conflict: boolean;
}

/**
 * Selects the next batch (issue #14 "merge.strategy: batch"): walks the queue members in landing
 * order (`landingOrder`: dependencies first, then hotfix, WSJF descending, approval time) and takes
 * a member when every unmerged dependency of it is already taken, until `batchSize` members. So the
 * batch is closed under dependencies, and each member's unmerged dependencies are ahead of it.
 * Left out: members with an unmerged dependency outside the queue (another repository, or an issue
 * without a queued pull request), members in or behind a dependency cycle, and known conflicts.
 * `unmerged`: per issue number, its unmerged dependencies as references (`#12`, `owner/repo#3`).
 * Returns `[]` for an empty queue; never throws.
 */
export function selectBatch(
  candidates: readonly BatchCandidate[],
  unmerged: Readonly<Record<number, readonly string[]>>,
  batchSize: number,
): BatchMember[] {
  const byIssue = new Map(candidates.map((c) => [c.issue, c]));
  const deps = new Map<number, number[] | null>();
  for (const c of candidates) {
    const local = (unmerged[c.issue] ?? []).map(localIssue);
    // A dependency that is not a queue member cannot land in this batch: the member waits.
    const inQueue = local.every((n): n is number => n !== null && byIssue.has(n));
    deps.set(c.issue, inQueue ? [...new Set(local as number[])] : null);
  }
  const order = landingOrder(
    candidates.map((c) => ({ id: c.issue, track: c.track, score: c.score, approvedAt: c.approvedAt, dependsOn: deps.get(c.issue) ?? [] })),
  ).order;
  const taken = new Set<number>();
  const batch: BatchMember[] = [];
  for (const issue of order) {
    if (batch.length >= Math.max(1, batchSize)) break;
    const c = byIssue.get(issue);
    const ds = deps.get(issue);
    if (!c || !ds || c.conflict || c.mergeable === false) continue;
    if (!ds.every((d) => taken.has(d))) continue;
    taken.add(issue);
    batch.push({ issue, pr: c.pr, headSha: c.headSha, dependsOn: ds });
  }
  return batch;
}
