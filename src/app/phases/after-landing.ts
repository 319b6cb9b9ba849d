import type { Effect } from "../effects.js";
import { closeFinishedEpics } from "../epic.js";
import { retriageDependents } from "../intake.js";
import type { RepoSession } from "../session.js";
import { verifyLanded } from "../verify.js";

/**
 * The after-landing phase: for each item that landed, closed or reopened, once per pass, its
 * dependents are re-triaged (released or blocked again) and, for a landing, the epics it
 * finished are closed and its verification after landing is dispatched (`verify.on: merge`, issue
 * #13). Returns `schedule` (released dependents may be dispatched).
 */
export async function afterLandingPhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const byIssue = new Map<number, { epics: boolean; reopened: boolean }>();
  for (const e of inbox) {
    if (e.kind !== "dependents") continue;
    const seen = byIssue.get(e.issue);
    byIssue.set(e.issue, { epics: (seen?.epics ?? false) || e.epics, reopened: (seen?.reopened ?? false) || e.reopened === true });
  }
  for (const [issue, { epics, reopened }] of byIssue) {
    await retriageDependents(session, issue, { reopened });
    if (epics) await closeFinishedEpics(session, issue);
    if (epics) await verifyLanded(session, issue, "merge");
  }
  return byIssue.size > 0 ? [{ kind: "schedule" }] : [];
}
