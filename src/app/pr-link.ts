import { issueOfBranch } from "../domain/branch-name.js";
import { closingRefs } from "../domain/pull-request-text.js";
import { statusLabel } from "../domain/labels.js";
import type { PullRequestSnapshot } from "../github/port.js";
import { loadItem, loadItemFor, readState, type LoadedItem } from "./item-store.js";
import type { ItemState } from "../domain/item-state.js";
import type { RepoSession } from "./session.js";

/**
 * Which work item a pull request implements (issue #5: "a comment on a pull request applies to the
 * work item the pull request implements"; the review reviews the item's pull request).
 *
 * Three signals, strongest first:
 * 1. `state` — the item's state records this pull request (`state.pr.number`), written by the
 *    monitor from the worker's report. Only this link is trusted for `/approve` and for feeding
 *    review findings back to the worker.
 * 2. `body` — a closing keyword in the pull request body (`Closes #N`, GitHub's keywords), which
 *    the worker writes first in every body.
 * 3. `branch` — the worker's branch name `<worker.branch_prefix><N>-<slug>` (or `<prefix><N>`).
 * Signals 2 and 3 are text anyone opening a pull request can write, so they only locate a
 * candidate; callers decide what an unrecorded link may do.
 */
export interface PullRequestLink {
  item: LoadedItem;
  /** How the item was found (see the module comment). */
  via: "state" | "body" | "branch";
  /** The item's state records this pull request (`state.pr.number === pr.number`). */
  recorded: boolean;
  /** The head branch is the worker's branch for this item (`<prefix><N>-...`). */
  workerBranch: boolean;
}

/** GitHub's closing keywords (docs: "Linking a pull request to an issue"), same-repository refs only. */
/** Statuses an item has while a pull request of it may be open (scanned when text names none). */
const WITH_PR = ["in-progress", "in-review", "approved", "merging", "blocked"] as const;

/**
 * Finds the work item `pr` implements: first among the issues the body and branch name point to,
 * one whose state records this pull request; then any open item whose state records it (scan of
 * items in statuses that can have a pull request); else the first pointed-to issue that is a work
 * item (has a status comment), unrecorded. Null when none. Ignored issues are never linked.
 */
export async function findItemForPullRequest(session: RepoSession, pr: PullRequestSnapshot): Promise<PullRequestLink | null> {
  const prefix = session.config.worker.branch_prefix;
  const branchIssue = issueOfBranch(pr.headRef, prefix);
  const candidates: Array<{ number: number; via: "body" | "branch" }> = closingRefs(pr.body).map((number) => ({ number, via: "body" as const }));
  if (branchIssue !== null && !candidates.some((c) => c.number === branchIssue)) candidates.push({ number: branchIssue, via: "branch" });
  const link = (item: LoadedItem, via: PullRequestLink["via"]): PullRequestLink => ({
    item,
    via,
    recorded: item.state.pr?.number === pr.number,
    workerBranch: branchIssue === item.issue.number,
  });

  let fallback: PullRequestLink | null = null;
  for (const candidate of candidates) {
    const item = await loadItem(session, candidate.number);
    if (!item || !usable(session, item)) continue;
    if (item.state.pr?.number === pr.number) return link(item, "state");
    fallback ??= link(item, candidate.via);
  }
  // A pull request from an item's worker branch is that item's: only its worker's report can make
  // an item record it, so no other item's state is looked for (request budget, issue #9: no listing
  // of the open issues for a worker's pull request seen before its report).
  if (fallback?.workerBranch) return fallback;
  const labels = WITH_PR.map((s) => statusLabel(s, session.config));
  const open = await session.port.listOpenIssues();
  for (const issue of open) {
    if (candidates.some((c) => c.number === issue.number) || !issue.labels.some((l) => labels.includes(l))) continue;
    const item = await loadItemFor(session, issue);
    if (usable(session, item) && item.state.pr?.number === pr.number) return link(item, "state");
  }
  return fallback;
}

function usable(session: RepoSession, item: LoadedItem): boolean {
  return item.statusComment !== null && !item.issue.labels.includes(session.config.labels.ignore);
}

/**
 * The state of the item whose worker branch `headRef` is (`<worker.branch_prefix><N>-...`), read
 * from its status comment alone (item-store.ts `readState`: one conditional read, no issue read):
 * `undefined` when the branch is no worker's (nothing known), `null` when the item has no readable
 * state. For decisions a check's payload allows before any pull request is read.
 */
export async function workerBranchState(session: RepoSession, headRef: string | null): Promise<ItemState | null | undefined> {
  const issue = headRef === null ? null : issueOfBranch(headRef, session.config.worker.branch_prefix);
  return issue === null ? undefined : readState(session, issue);
}
