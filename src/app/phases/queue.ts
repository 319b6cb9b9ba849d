import type { Effect } from "../effects.js";
import { evaluateQueue, recoverLanding } from "../queue.js";
import type { RepoSession } from "../session.js";

/**
 * The queue phase: first any landing to recover (an issue closed by a merge whose bookkeeping
 * never ran), then ONE evaluation of the merge queue when any follow-up asked for it. Returns the
 * landings' and send-backs' follow-ups (dependents, dispatches, scheduling).
 */
export async function queuePhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const out: Effect[] = [];
  for (const effect of inbox) if (effect.kind === "recover-landing") out.push(...(await recoverLanding(session, effect.issue)));
  if (inbox.some((e) => e.kind === "evaluate-queue")) out.push(...(await evaluateQueue(session)));
  return out;
}
