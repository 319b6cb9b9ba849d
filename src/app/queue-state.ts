import type { Status } from "../config/schema.js";
import { parseRef } from "../domain/dependency-graph.js";
import { statusFromLabels, statusLabel } from "../domain/labels.js";
import type { QueueEntry, QueueState } from "../domain/merge-plan.js";
import {
  evaluateRequiredChecks,
  queueEligibility,
  type CheckRunSummary,
  type QueueCandidate,
  QUEUE_STATUSES,
} from "../domain/queue-membership.js";
import type { CheckRunSnapshot, CommitStatusSnapshot, IssueSnapshot, PullRequestSnapshot } from "../github/port.js";
import { loadItemFor, type LoadedItem } from "./item-store.js";
import type { RepoSession } from "./session.js";

/**
 * Reads the merge queue's state from GitHub (issue #6 "Robustness": derived from GitHub on every
 * evaluation, never only kept in memory): the work items that may have a queued pull request,
 * their open pull requests, checks, approvals and dependencies. The pure planner decides from it.
 */

/** Statuses of items whose pull request may be in the queue (see `queueEligibility`). */

/** An item with an open pull request, member of the queue or not. */
export interface QueueItem {
  item: LoadedItem;
  pr: PullRequestSnapshot;
  /** Check runs and commit statuses on the head, ours left out. */
  checks: CheckRunSnapshot[];
  /** Set for members: the planner's view of the entry. */
  entry: QueueEntry | null;
  /** Why it is not a member (null for members). */
  reason: string | null;
}

/** What one evaluation sees. */
export interface QueueSnapshot {
  defaultBranch: string;
  baseSha: string;
  /** By issue number: every item in a queue status with an open pull request. */
  items: Map<number, QueueItem>;
  /** The planner's input (members only). */
  state: QueueState;
  /**
   * Items whose state the read found stale (the queue's own update seen in the commit graph but
   * not recorded): `items` already carries the corrected state; the evaluation saves these before
   * acting, so reading never writes.
   */
  repairs: number[];
  /**
   * Items whose recorded pull request GitHub says merged while they are not done (another replica
   * or a person merged it, and its bookkeeping is not written yet): the serial evaluation records
   * their landing (reconcile.ts rule 3), so this pass does not write them as still waiting.
   */
  landed: LoadedItem[];
}

/** Check runs plus commit statuses (as completed/pending runs) on `sha`, ours left out. */
export async function checksOn(session: RepoSession, sha: string): Promise<CheckRunSnapshot[]> {
  // Check runs and commit statuses in one GraphQL request (issue #9, request budget).
  const { runs, statuses } = await session.port.listChecks(sha);
  return othersChecks(session, sha, runs, statuses);
}

/** A head's check runs plus its commit statuses as completed or pending runs, ours left out. */
export function othersChecks(session: RepoSession, sha: string, runs: readonly CheckRunSnapshot[], statuses: readonly CommitStatusSnapshot[]): CheckRunSnapshot[] {
  const fromStatuses: CheckRunSnapshot[] = statuses.map((s) => ({
    id: 0,
    name: s.context,
    headSha: sha,
    status: s.state === "pending" ? "in_progress" : "completed",
    conclusion: s.state === "pending" ? null : s.state === "success" ? "success" : "failure",
    htmlUrl: s.targetUrl,
    detailsUrl: s.targetUrl,
    appSlug: null,
  }));
  return [...runs, ...fromStatuses].filter((c) => !session.ours.checkRun(c));
}

export function summaries(checks: readonly CheckRunSnapshot[]): CheckRunSummary[] {
  return checks.map((c) => ({ name: c.name, status: c.status, conclusion: c.conclusion, ...(c.id ? { id: c.id } : {}) }));
}

/**
 * Dependencies of `item` not merged yet. A same-repository dependency is merged when its issue
 * is closed or carries the done status (read now, cached per evaluation); another repository's
 * when triage last saw it closed.
 */
async function unmergedDependencies(
  session: RepoSession,
  item: LoadedItem,
  issueCache: Map<number, IssueSnapshot | null>,
): Promise<string[]> {
  const unmerged: string[] = [];
  for (const ref of item.state.dependsOn) {
    const parsed = parseRef(ref);
    if (!parsed) continue;
    if (parsed.repo !== null) {
      const known = item.state.dependencies.find((d) => d.ref === ref);
      if (known?.state !== "closed") unmerged.push(ref);
      continue;
    }
    if (!issueCache.has(parsed.number)) issueCache.set(parsed.number, await session.port.getIssue(parsed.number));
    const dep = issueCache.get(parsed.number);
    const done = dep !== null && dep !== undefined && (dep.state === "closed" || statusFromLabels(dep.labels, session.config) === "done");
    if (!done) unmerged.push(`#${parsed.number}`);
  }
  return unmerged;
}

/**
 * Whether the item's head moved after the queue asked to update it and no synchronize recorded
 * the result: status `merging`, the intent recorded (`updatedFrom` = the approved head, no
 * `updatedTo`) and the head no longer the approved one.
 */
function awaitingUpdate(status: Status, item: LoadedItem, headSha: string): boolean {
  const { approval, queue } = item.state;
  return status === "merging" && !!approval && queue?.updatedFrom === approval.headSha && !queue.updatedTo && headSha !== approval.headSha;
}

/**
 * Whether `head` is exactly an update of `from` with the base branch at `base` (what
 * update-branch makes: one merge commit of `from` and `base`): the head contains both, and its
 * only commit beyond them is one (compare: head ahead of `from` by the base's commits + 1). A push
 * of anything more (a person's commit on top) fails this.
 */
export async function isUpdateOf(session: RepoSession, from: string, head: string, base: string): Promise<boolean> {
  if (!base) return false;
  const { port } = session;
  const baseAhead = await port.compareCommits(from, base);
  const headFromFrom = await port.compareCommits(from, head);
  const headFromBase = await port.compareCommits(base, head);
  if (!baseAhead || !headFromFrom || !headFromBase) return false;
  return headFromFrom.behindBy === 0 && headFromBase.behindBy === 0 && headFromFrom.aheadBy === baseAhead.aheadBy + 1;
}

/**
 * Whether `head` contains the base branch's tip `baseSha`: known without a request when the head
 * is the queue's own update (`queue.updatedTo`) asked for while the tip was already `baseSha`
 * (`queue.updatedBase`); otherwise one comparison (conditional, so free when asked before).
 */
async function containsBase(session: RepoSession, item: LoadedItem, head: string, baseSha: string): Promise<boolean> {
  if (!baseSha) return false;
  const queue = item.state.queue;
  if (queue?.updatedTo === head && queue.updatedBase === baseSha) return true;
  const comparison = await session.port.compareCommits(baseSha, head);
  return comparison !== null && comparison.behindBy === 0;
}

function entryOf(
  item: LoadedItem,
  pr: PullRequestSnapshot,
  head: { upToDate: boolean; checks: QueueEntry["checks"]; failed: string[] },
): QueueEntry {
  const { state } = item;
  return {
    issue: item.issue.number,
    pr: pr.number,
    track: state.track,
    score: state.wsjf.score ?? null,
    approvedAt: state.approval?.at ?? "",
    dependsOn: state.dependsOn,
    headSha: pr.headSha,
    upToDate: head.upToDate,
    checks: head.checks,
    failedChecks: head.failed,
    // GitHub computes mergeability lazily: `null` until it did (the planner then waits).
    mergeable: pr.mergeable,
    conflict: pr.mergeableState === "dirty",
  };
}

/**
 * The open issues in a queue status, newest first (GitHub's default order), each once: one
 * label-filtered listing per status (request budget, issue #9: the cost follows the items in the
 * queue's statuses, never the number of open issues, and a listing whose items did not change is
 * answered 304). An issue is kept only if its labels name one queue status.
 */
async function queueIssues(session: RepoSession): Promise<IssueSnapshot[]> {
  const { port, config } = session;
  const byNumber = new Map<number, IssueSnapshot>();
  for (const status of QUEUE_STATUSES) for (const issue of await port.listOpenIssues([statusLabel(status, config)])) byNumber.set(issue.number, issue);
  return [...byNumber.values()]
    .filter((i) => {
      const status = statusFromLabels(i.labels, config);
      return status !== null && QUEUE_STATUSES.includes(status);
    })
    .sort((a, b) => b.number - a.number);
}

/**
 * The merge queue's view of one item and its pull request (`queueEligibility` rules on it): what
 * the queue reads for each of its items, and what the review judges an item's standing from when
 * it has the pull request and its checks in hand. `status` as the labels say (the queue's own
 * reading), else the state block's.
 */
export function queueCandidate(
  session: RepoSession,
  item: LoadedItem,
  pr: PullRequestSnapshot,
  checks: readonly CheckRunSnapshot[],
  defaultBranch: string,
  status: Status = item.state.status,
): QueueCandidate {
  const { state, issue } = item;
  const link = state.pr;
  const updated = state.queue?.updatedFrom && state.queue.updatedTo ? { fromSha: state.queue.updatedFrom, toSha: state.queue.updatedTo } : null;
  return {
    issue: issue.number,
    status,
    hold: issue.labels.includes(session.config.labels.hold),
    defaultBranch,
    pr: {
      number: pr.number,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      mergeable: pr.mergeable,
      gated: link?.gated ?? [],
      outOfScope: link?.outOfScope ?? [],
      open: pr.state === "open",
      draft: pr.draft,
    },
    approval: state.approval ?? null,
    checks: summaries(checks),
    issueAuthor: issue.author.login,
    queueUpdate: updated,
  };
}

/**
 * Reads the queue: open issues in a queue status whose item records an approval (no other can
 * be a member), each with the open pull request its state records (`state.pr.number`); membership per `queueEligibility` (approval on the current head or
 * across the queue's own update, hold, scope, gated paths, required checks with ours left out);
 * for members, whether the head contains the base tip (compare), the required-check verdict,
 * mergeability and unmerged dependencies. The entry being landed (status `merging`) is in flight.
 * Reads only: an update of the queue's whose synchronize was missed is corrected in the returned
 * items and listed in `repairs` for the caller to save (see `isUpdateOf`).
 */
export async function readQueue(session: RepoSession): Promise<QueueSnapshot> {
  const { port, config } = session;
  const defaultBranch = await port.getDefaultBranch();
  const baseSha = (await port.getBranchSha(defaultBranch)) ?? "";
  const issues = await queueIssues(session);
  const items = new Map<number, QueueItem>();
  const entries: QueueEntry[] = [];
  const unmerged: Record<number, string[]> = {};
  const issueCache = new Map<number, IssueSnapshot | null>();
  let inFlight: number | null = null;
  const repairs: number[] = [];
  const landed: LoadedItem[] = [];
  const mergedIntoBase = new Set<string>();
  for (const issue of issues) {
    let loaded = await loadItemFor(session, issue);
    const link = loaded.state.pr;
    if (!link) continue;
    // Without an approval an item is no member and is not being landed (approval is ruled on
    // first): the review says why it waits (review.ts `recordVerdict`), and a person's merge of
    // its pull request closes its issue, whose `closed` event recovers the landing (record.ts).
    // So its pull request is not read (request budget, issue #9: every queued pull request read
    // is charged whenever it changed, and items in review are many).
    if (!loaded.state.approval) continue;
    // Each item's own pull request, one conditional read each (request budget, issue #9: free
    // while it did not change, where a listing of the open pull requests is charged whenever any
    // of them changed; the single read also carries the mergeability the list lacks).
    const full = await port.getPullRequest(link.number);
    if (full?.merged && loaded.state.merged === undefined) landed.push(loaded);
    if (full?.merged && full.baseRef === defaultBranch) mergedIntoBase.add(`#${issue.number}`);
    if (!full || full.state !== "open") continue;
    const checks = await checksOn(session, full.headSha);
    const status = statusFromLabels(issue.labels, config) ?? loaded.state.status;
    const candidate = queueCandidate(session, loaded, full, checks, defaultBranch, status);
    if (awaitingUpdate(status, loaded, full.headSha)) {
      // The queue's own update moved the head and its synchronize was not handled (yet, or ever:
      // a restart). Recognised from the commit graph; anything else drops the queue's intent.
      const ours = await isUpdateOf(session, loaded.state.approval!.headSha, full.headSha, baseSha);
      const { updatedFrom: _from, updatedTo: _to, updatedBase: _base, awaitChecks: _await, ...rest } = loaded.state.queue!;
      const queue = ours ? { ...loaded.state.queue!, updatedTo: full.headSha } : rest;
      loaded = { ...loaded, state: { ...loaded.state, queue } };
      repairs.push(issue.number);
      if (ours) candidate.queueUpdate = { fromSha: loaded.state.approval!.headSha, toSha: full.headSha };
      session.log.info({ issue: issue.number, pr: full.number, head: full.headSha, ours }, "merge queue: update without a handled synchronize");
    }
    const item = loaded;
    const eligibility = queueEligibility(candidate, config);
    if (!eligibility.eligible) {
      items.set(issue.number, { item, pr: full, checks, entry: null, reason: eligibility.reason });
      continue;
    }
    const verdict = evaluateRequiredChecks(summaries(checks), config.merge.required_checks);
    const entry = entryOf(item, full, { upToDate: await containsBase(session, item, full.headSha, baseSha), checks: verdict.state, failed: verdict.failed });
    entries.push(entry);
    unmerged[issue.number] = await unmergedDependencies(session, item, issueCache);
    if (status === "merging") inFlight = full.number;
    items.set(issue.number, { item, pr: full, checks, entry, reason: null });
  }
  // A dependency whose recorded pull request GitHub merged into the base has landed, though its
  // item may not say so yet (GitHub's merge queue merged it moments ago; its record follows): a
  // dependent is never held back, or taken out of GitHub's queue, for it.
  for (const [issue, refs] of Object.entries(unmerged)) unmerged[Number(issue)] = refs.filter((ref) => !mergedIntoBase.has(ref));
  return { defaultBranch, baseSha, items, state: { baseSha, entries, unmergedDependencies: unmerged, inFlight }, repairs, landed };
}
