import { parseRef } from "../domain/dependency-graph.js";
import { statusFromLabels } from "../domain/labels.js";
import { QUEUE_STATUSES, shortSha } from "../domain/queue-membership.js";
import type { Effect } from "./effects.js";
import { loadItemFor } from "./item-store.js";
import { conflict } from "./queue-landing.js";
import type { RepoSession } from "./session.js";

/**
 * Stacked chains kept in step (issue #14, `worker.stack_on_approved`): when the lower pull request
 * of a stack changes (its head moved from `before` to `after`), every open pull request stacked on
 * it (an item depending on the lower item, whose head contains `before` but not `after`) is
 * updated from the new lower head: GitHub merges `after` into the dependent's branch (`POST
 * /merges`), so the dependent keeps containing exactly what lands below it. The new commit voids
 * the dependent's approval (a new tree needs a new review); a dependent that does not merge cleanly
 * goes back to its worker as a conflict (a new attempt resolves it).
 */

/** Items whose pull request may be stacked (reviewed or queued). */
function stackable(session: RepoSession, labels: readonly string[]): boolean {
  const status = statusFromLabels(labels, session.config);
  return status !== null && (status === "in-review" || QUEUE_STATUSES.includes(status));
}

/**
 * Updates the pull requests stacked on pull request `move.prNumber` (see the module comment).
 * Does nothing unless `worker.stack_on_approved` is on. Returns the follow-ups of send-backs.
 */
export async function updateStackedDependents(session: RepoSession, move: { prNumber: number; before: string; after: string }): Promise<Effect[]> {
  if (!session.config.worker.stack_on_approved || !move.before || move.before === move.after) return [];
  const { port } = session;
  const open = (await port.listOpenIssues()).filter((i) => stackable(session, i.labels));
  const items = await Promise.all(open.map((issue) => loadItemFor(session, issue)));
  const lower = items.find((i) => i.state.pr?.number === move.prNumber);
  if (!lower) return [];
  const out: Effect[] = [];
  for (const item of items) {
    const dependsOnLower = item.state.dependsOn.some((ref) => parseRef(ref)?.repo === null && parseRef(ref)?.number === lower.issue.number);
    if (!dependsOnLower || !item.state.pr) continue;
    const pr = await port.getPullRequest(item.state.pr.number);
    if (!pr || pr.state !== "open") continue;
    const sinceBefore = await port.compareCommits(move.before, pr.headSha);
    const sinceAfter = await port.compareCommits(move.after, pr.headSha);
    // Stacked on the old lower head, not on the new one yet.
    if (!sinceBefore || sinceBefore.behindBy !== 0 || !sinceAfter || sinceAfter.behindBy === 0) continue;
    const message = `Update from #${move.prNumber} at ${shortSha(move.after)} (stacked on it)`;
    const merged = await port.mergeIntoBranch(pr.headRef, move.after, message);
    if (merged.kind === "conflict") {
      const q = { item, pr, checks: [], entry: null, reason: null };
      await conflict(session, null, q, `the pull request it is stacked on, #${move.prNumber}, changed to ${shortSha(move.after)} and does not merge into it: ${merged.message}`, out);
      continue;
    }
    session.log.info({ pr: pr.number, lower: move.prNumber, from: move.before, to: move.after }, "stacked pull request updated from its new lower head");
  }
  return out;
}
