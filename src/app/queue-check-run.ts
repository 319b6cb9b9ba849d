import type { ItemState } from "../domain/item-state.js";
import { QUEUE_CHECK_NAME, queueCheckRun, type QueueStanding } from "../domain/queue/queue-check.js";
import type { RepoSession } from "./session.js";

/**
 * The `orchestrator/queue` check run on a pull request's head says where it stands in the merge
 * queue (issue #14 item 5). It is published at the END of the pass (`ItemWrites.atEnd`, keyed by
 * head), after the item write that records the same standing (in that write's request), so a pull request that is ranked,
 * merged and landed in one pass gets one check run write, the last word, instead of one per step
 * (issue #9 "A request budget"). The port updates the check run of that name in place.
 */
export function publishQueueCheck(session: RepoSession, headSha: string, standing: QueueStanding, options: { ifShown?: boolean } = {}): void {
  session.items.atEnd(`${QUEUE_CHECK_NAME} ${headSha}`, [{ kind: "checkRun", spec: { ...queueCheckRun(headSha, standing), ...(options.ifShown ? { ifShown: true } : {}) } }]);
}

/**
 * Shows a pull request's standing only when the position or reason the item records changes
 * (`previous` -> `next`, both from its status comment's `queue`), so a repeated evaluation writes
 * nothing. `ifShown`: only on a run already shown on that head (see CheckRunSpec.ifShown). Returns
 * whether it queued a write.
 */
export function showQueueStanding(
  session: RepoSession,
  headSha: string,
  change: { previous: ItemState["queue"] | undefined; next: Pick<NonNullable<ItemState["queue"]>, "position" | "reason"> },
  standing: QueueStanding,
  options: { ifShown?: boolean } = {},
): boolean {
  const { previous, next } = change;
  if (previous?.reason === next.reason && previous.position === next.position) return false;
  publishQueueCheck(session, headSha, standing, options);
  return true;
}

/**
 * Completes the `orchestrator/queue` check run of a landed pull request's head as a success.
 * `mergedNow`: this pass merged it. A head with no such run yet then gets none (it was ranked and
 * merged in this one pass: its standings on the way were never sent, see {@link publishQueueCheck});
 * the merge says it landed (issue #9, request budget). A landing found by a later pass (GitHub's
 * merge queue, a batch) always shows.
 */
export function showLanded(session: RepoSession, headSha: string, reason: string, options: { mergedNow?: boolean } = {}): void {
  publishQueueCheck(session, headSha, { kind: "landed", reason }, { ifShown: options.mergedNow === true });
}
