import type { Effect } from "../effects.js";
import { loadItem } from "../item-store.js";
import { dispatchItem, scheduleDispatch } from "../scheduler.js";
import type { RepoSession } from "../session.js";

/** Statuses from which a `/retry` dispatches at once; others wait for triage and the scheduler. */
const RETRYABLE = new Set(["ready", "in-review", "approved"]);

/**
 * The schedule phase, last: the dispatches asked for by name (a send-back, a rerun, a `/retry`),
 * each once per pass, then free worker slots filled with ready items when anything asked for it.
 */
export async function schedulePhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const seen = new Set<number>();
  for (const effect of inbox) {
    if (effect.kind !== "dispatch" || seen.has(effect.issue)) continue;
    seen.add(effect.issue);
    const item = await loadItem(session, effect.issue);
    if (!item) continue;
    if (effect.when === "retryable" && !RETRYABLE.has(item.state.status)) {
      session.log.info({ issue: effect.issue, status: item.state.status }, "retry recorded; the scheduler dispatches when the item is ready");
      continue;
    }
    await dispatchItem(session, item.issue, effect.reason);
  }
  if (inbox.some((e) => e.kind === "schedule")) await scheduleDispatch(session);
  return [];
}
