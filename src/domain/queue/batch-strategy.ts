import { serialStrategy, unmergedOf, type MergeStrategy, type QueuePlan, type QueuePosition, type QueueState } from "../merge-plan.js";
import type { BatchMember } from "./batch-run.js";
import { decideBatch, type BatchOptions, type BatchStep } from "./batch-step.js";

/** Default batch size and flaky retries (`merge.batch_size` / `merge.flaky_retries` in docs/merge-queue.md). */
export const DEFAULT_BATCH_OPTIONS: BatchOptions = { batchSize: 8, flakyRetries: 1 };

function membersOf(step: BatchStep): BatchMember[] {
  switch (step.kind) {
    case "eject":
      return [step.culprit, ...step.dependents];
    case "idle":
      return [];
    default:
      return step.members;
  }
}

/**
 * Plans the queue with batches: the step from `decideBatch` becomes the action (`{ kind: "batch",
 * pr, step, next }`, `pr` = the batch's first pull request), and the order lists the batch's
 * members first (those the step is about with no wait reason; the rest of the batch "waits for
 * the first k of batch #n"), then every other entry as the serial strategy orders it, a free one
 * waiting for the batch to finish.
 */
function planBatch(state: QueueState, options: BatchOptions): QueuePlan {
  const queued = new Set(state.entries.map((e) => e.issue));
  const unmerged: Record<number, string[]> = {};
  for (const e of state.entries) unmerged[e.issue] = unmergedOf(e, state, queued);
  const run = state.batch ?? null;
  const decision = decideBatch({ baseSha: state.baseSha, candidates: state.entries, unmerged, run, staging: state.staging ?? null }, options);
  const { step } = decision;
  const active = membersOf(step);
  const members = run?.members ?? active;
  const batchId = step.kind === "idle" ? run?.id : step.batch;
  const inBatch = new Set(members.map((m) => m.issue));
  const activeIssues = new Set(active.map((m) => m.issue));
  const head: QueuePosition[] = members.map((m) => ({
    issue: m.issue,
    pr: m.pr,
    position: 0,
    waitingFor: activeIssues.has(m.issue) ? null : `in batch #${batchId}: waits for the first ${active.length} to be tested`,
  }));
  const rest = serialStrategy.plan({ ...state, entries: state.entries.filter((e) => !inBatch.has(e.issue)), inFlight: null }).order;
  const order = [
    ...head,
    // A free entry outside any batch was left out by selection: GitHub reports a conflict.
    ...rest.map((p) => ({ ...p, waitingFor: p.waitingFor ?? (batchId ? `waits for batch #${batchId} to finish` : "conflicts with the base branch") })),
  ].map((p, i) => ({ ...p, position: i + 1 }));
  const first = active[0] ?? members[0];
  const action = step.kind === "idle" || !first ? { kind: "idle" as const } : { kind: "batch" as const, pr: first.pr, step, next: decision.next };
  return { strategy: "batch", order, action };
}

/** The batch strategy (issue #14) with the given batch size and flaky retries. */
export function batchStrategy(options: BatchOptions = DEFAULT_BATCH_OPTIONS): MergeStrategy {
  return { name: "batch", plan: (state) => planBatch(state, options) };
}
