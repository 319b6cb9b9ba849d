import type { ItemState } from "../domain/item-state.js";
import { queueCheckRun, type QueueStanding } from "../domain/queue/queue-check.js";
import type { RepoSession } from "./session.js";

/**
 * Shows a pull request's standing in the merge queue as the `orchestrator/queue` check run on its
 * head (issue #14 item 5), only when the position or reason the item records changes (`previous`
 * -> `next`, both from its status comment's `queue`), so a repeated evaluation writes nothing;
 * the port updates the check run of that name in place. Returns whether it wrote.
 */
export async function showQueueStanding(
  session: RepoSession,
  headSha: string,
  change: { previous: ItemState["queue"] | undefined; next: Pick<NonNullable<ItemState["queue"]>, "position" | "reason"> },
  standing: QueueStanding,
): Promise<boolean> {
  const { previous, next } = change;
  if (previous?.reason === next.reason && previous.position === next.position) return false;
  await session.port.upsertCheckRun(queueCheckRun(headSha, standing));
  return true;
}

/** Completes the `orchestrator/queue` check run of a landed pull request's head as a success. */
export async function showLanded(session: RepoSession, headSha: string, reason: string): Promise<void> {
  await session.port.upsertCheckRun(queueCheckRun(headSha, { kind: "landed", reason }));
}
