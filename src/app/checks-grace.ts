import { checksGraceStep, checksMissingComment, graceOutcome, triggersOnPullRequests, type ChecksWait } from "../domain/checks-grace.js";
import { CHECKS_MISSING_MARKER } from "../domain/item/markers.js";
import type { PullRequestSnapshot } from "../github/port.js";
import type { LoadedItem } from "./item-store.js";
import type { RepoSession } from "./session.js";

/**
 * The checks grace of a worker pull request's head, evaluated by its review (on events, and by the
 * periodic sweep, which reviews every item in review whose head has no verdict yet: "nothing
 * arrives" makes no event). Asks domain/checks-grace.ts; when the grace ran out, reads the
 * workflow files of the default branch (once per head: the outcome is recorded) and, when any runs
 * on pull requests, ensures the one notice on the pull request (by its marker) BEFORE the caller
 * saves the returned record (the commit point), so a crash in between only repeats an idempotent
 * write. Returns the item's next `checksWait` (undefined: none).
 *
 * @param checkCount check runs and commit statuses on the head, this app's own excluded.
 */
export async function nextChecksWait(session: RepoSession, item: LoadedItem, pr: PullRequestSnapshot, checkCount: number): Promise<ChecksWait | undefined> {
  const graceMinutes = session.config.review.checks_grace_minutes;
  const step = checksGraceStep({ headSha: pr.headSha, now: session.now(), graceMinutes, checkCount, wait: item.state.checksWait });
  if (step.kind === "keep") return item.state.checksWait;
  if (step.kind === "record") return step.wait;
  const workflows = (await session.port.listWorkflowFiles()).filter((f) => f.text !== null && triggersOnPullRequests(f.text)).map((f) => f.path);
  const outcome = graceOutcome(step.wait, workflows);
  if (outcome.outcome === "noticed") {
    await session.port.upsertComment(pr.number, CHECKS_MISSING_MARKER, checksMissingComment(CHECKS_MISSING_MARKER, { headSha: pr.headSha, graceMinutes, workflows }));
  }
  session.log[outcome.outcome === "noticed" ? "warn" : "info"]({ pr: pr.number, issue: item.issue.number, head: pr.headSha, workflows, outcome: outcome.outcome }, "no checks on the head within the grace");
  return outcome;
}
