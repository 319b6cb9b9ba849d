import type { Effect } from "../effects.js";
import { closeFinishedEpics } from "../epic.js";
import { retriageDependents } from "../intake.js";
import { expectEcho } from "../own-echoes.js";
import type { RepoSession } from "../session.js";
import { verifyLanded } from "../verify.js";

/**
 * The after-landing phase: for each item that landed, closed or reopened, once per pass, its
 * dependents are re-triaged (released or blocked again) and, for a landing, the epics it
 * finished are closed and its verification after landing is dispatched (`verify.on: merge`, issue
 * #13). Returns `schedule` (released dependents may be dispatched).
 */
export async function afterLandingPhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const byIssue = new Map<number, { epics: boolean; reopened: boolean; closedByMerge: boolean }>();
  for (const e of inbox) {
    if (e.kind !== "dependents") continue;
    const seen = byIssue.get(e.issue);
    byIssue.set(e.issue, {
      epics: (seen?.epics ?? false) || e.epics,
      reopened: (seen?.reopened ?? false) || e.reopened === true,
      closedByMerge: (seen?.closedByMerge ?? false) || e.closedByMerge === true,
    });
  }
  for (const [issue, { epics, reopened, closedByMerge }] of byIssue) {
    const waiting = await retriageDependents(session, issue, { reopened });
    // GitHub closes a landed issue for its pull request's `Closes #N` in its own time, and that
    // close is what releases the items waiting on it. With none waiting it has nothing to do here:
    // its `issues.closed` is this pass's own echo (request budget, issue #9).
    if (closedByMerge && !reopened && waiting.length === 0) expectEcho(session, `closed:${issue}`);
    if (epics) await closeFinishedEpics(session, issue);
    if (epics) await verifyLanded(session, issue, "merge");
  }
  return byIssue.size > 0 ? [{ kind: "schedule" }] : [];
}
