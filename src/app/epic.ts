import { statusFromLabels } from "../domain/labels.js";
import { shortSha } from "../domain/queue-membership.js";
import type { IssueSnapshot } from "../github/port.js";
import { lifecycle, loadItemFor, saveItem } from "./item-store.js";
import type { RepoSession } from "./session.js";
import { EPIC_SUMMARY_MARKER } from "../domain/item/markers.js";

/** One sub-issue of an epic, as the summary lists it. */
interface ChildLine {
  number: number;
  title: string;
  done: boolean;
  landed: { pr: number; sha: string } | null;
}

/**
 * The summary comment of a closing epic: what landed (each sub-issue with its pull request and
 * merge commit), then sub-issues closed without landing. Deterministic for a given input.
 */
export function renderEpicSummary(epic: number, children: readonly ChildLine[], baseBranch: string): string {
  const landed = children.filter((c) => c.landed);
  const other = children.filter((c) => !c.landed);
  const lines = [
    EPIC_SUMMARY_MARKER,
    `### Epic done: every sub-issue of #${epic} is closed`,
    "",
    `What landed in \`${baseBranch}\` (${landed.length} of ${children.length}):`,
    "",
    ...landed.map((c) => `- #${c.number} ${c.title}: pull request #${c.landed!.pr}, merged as ${c.landed!.sha}`),
  ];
  if (landed.length === 0) lines.push("- nothing");
  if (other.length > 0) {
    lines.push("", "Closed without landing through the merge queue:", "", ...other.map((c) => `- #${c.number} ${c.title}`));
  }
  lines.push("", "Closing this epic as completed.");
  return lines.join("\n");
}

/**
 * Closes the epics `child` belongs to once all their sub-issues are done (issue #6 "After a
 * merge": an epic whose children are all done closes with a summary of what landed). An epic is
 * an open issue on the project track with GitHub sub-issues; "done" means closed, with at least
 * one sub-issue landed (status done), so an epic whose work was all abandoned is left for a person.
 * Idempotent: the summary is upserted by marker, closing a closed issue is a no-op, and the
 * epic's state moves to `done` once. Returns the epics closed.
 */
export async function closeFinishedEpics(session: RepoSession, child: number): Promise<number[]> {
  const { port, config } = session;
  const epics = await port.listOpenIssues([config.labels.tracks.project]);
  const closed: number[] = [];
  for (const epic of epics) {
    if (epic.number === child) continue;
    const subs = await port.listSubIssues(epic.number);
    const own = `${port.repo.owner}/${port.repo.repo}`.toLowerCase();
    if (!subs.some((s) => s.number === child && s.repository.toLowerCase() === own)) continue;
    if (subs.some((s) => s.state !== "closed")) continue;
    const lines: ChildLine[] = [];
    for (const sub of subs) lines.push(await childLine(session, sub.number, sub.title, sub.repository.toLowerCase() === own));
    if (!lines.some((l) => l.done)) continue;
    await closeEpic(session, epic, lines);
    closed.push(epic.number);
  }
  return closed;
}

async function childLine(session: RepoSession, number: number, title: string, sameRepo: boolean): Promise<ChildLine> {
  if (!sameRepo) return { number, title, done: true, landed: null };
  const issue = await session.port.getIssue(number);
  if (!issue) return { number, title, done: false, landed: null };
  const item = await loadItemFor(session, issue);
  const merged = item.state.merged;
  return {
    number,
    title: issue.title,
    done: statusFromLabels(issue.labels, session.config) === "done" || merged !== undefined,
    landed: merged ? { pr: merged.pr, sha: shortSha(merged.sha) } : null,
  };
}

async function closeEpic(session: RepoSession, epic: IssueSnapshot, children: readonly ChildLine[]): Promise<void> {
  const { port } = session;
  const baseBranch = await port.getDefaultBranch();
  await port.upsertComment(epic.number, EPIC_SUMMARY_MARKER, renderEpicSummary(epic.number, children, baseBranch));
  const item = await loadItemFor(session, epic);
  // Done first, then closed: the closed event's re-triage keeps the status of a closed issue.
  await saveItem(session, item, { ...item.state, status: lifecycle(item.state, { kind: "epic-finished" }).item.status });
  await port.closeIssue(epic.number, "completed");
  session.log.info({ epic: epic.number, children: children.map((c) => c.number) }, "epic closed");
}
