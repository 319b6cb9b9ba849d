import { isPortRead } from "./pass-reads.js";
import type { GitHubPort, IssueSnapshot, PullRequestSnapshot, WorkItemsRead } from "./port.js";

/**
 * Writes after which a pass's view of the work items still holds: they change no issue's labels,
 * state, title or body (a merge closes the issue its pull request names by keyword, but a landing
 * is recorded on that item in the same pass, which the pass's staged item shows; item-writes.ts).
 */
const KEEPS_VIEW = new Set<keyof GitHubPort>([
  "addReaction",
  "cancelWorkflowRun",
  "dequeueFromMergeQueue",
  "dispatchWorkflow",
  "enqueueInMergeQueue",
  "ensureLabels",
  "ensureReview",
  "fastForwardBranch",
  "mergeIfHeadIs",
  "mergeIntoBranch",
  "openOrUpdatePullRequest",
  "publish",
  "setBranch",
  "updateBranch",
  "upsertCheckRun",
]);

/**
 * Writes of {@link KEEPS_VIEW} that may change a pull request's fields (its head, base, state or
 * mergeability) or move a branch: after one, the view's pull requests and default branch head are
 * no longer answered (REST reads them).
 */
const MOVES_PULLS = new Set<keyof GitHubPort>([
  "dequeueFromMergeQueue",
  "enqueueInMergeQueue",
  "fastForwardBranch",
  "mergeIfHeadIs",
  "mergeIntoBranch",
  "openOrUpdatePullRequest",
  "setBranch",
  "updateBranch",
]);

/** The update time the view gives an issue this pass wrote: after any window start. */
const WRITTEN_NOW = "written by this pass";

/** Labels after adding `add` and removing `remove`, in the order GitHub keeps (existing first). */
function relabelled(labels: readonly string[], change: { add: readonly string[]; remove: readonly string[] }): string[] {
  return [...labels, ...change.add.filter((l) => !labels.includes(l))].filter((l) => !change.remove.includes(l));
}

/**
 * One pass's view of the work items, read in ONE request (issue #9 "A request budget": batched
 * reads, GraphQL for issue lists with labels, relations and the status comment), wrapped around
 * the pass's port:
 * - the pass's first `getIssue(n)` or `listOpenIssues([label])` of one of `labels` (the lifecycle's
 *   listed statuses) reads `readWorkItems`: issue n when asked, and every label's open issues with
 *   their first comments. Later `getIssue` of an issue read and `listOpenIssues([label])` of a label
 *   read are answered from it; the comments read are the port's own listing of their issues
 *   (comments.ts), so `findComment` of them costs nothing either. Before, the same pass read the
 *   issue, its comments, each listed status and each listed item's comments one request each;
 * - with `since` (the dispatch gate's window start, at the time the view is taken), the open
 *   issues updated since are read with it too, and `listOpenIssues([], { since: later })` is
 *   answered from it (those updated at or after `later`, and every issue the pass wrote);
 * - a label whose issues need more than one page, an issue not read, a filter with several labels
 *   or an earlier `since`: read from `port` as before;
 * - the pass's own item writes (`editItem`, `createItemComment`) are applied to the view (labels;
 *   a comment created makes the issue's comment count unknown; an issue the view does not hold
 *   drops it, as it may now belong to a listing), and writes that change no issue
 *   ({@link KEEPS_VIEW}) keep it; any other write (labels, state, body, relations of an issue)
 *   drops it, and the next read takes a new one.
 * - the view's thread is the issue a read names, else the event's (`options.thread`): a pull request
 *   comes with its pull request fields (and, with `options.compareWith`, its head compared with the
 *   default branch's), an issue with the open pull requests that close it; `getPullRequest` of
 *   those, `getBranchSha` of the default branch and that `compareCommits` are answered from the view
 *   until a write that may move a pull request or a branch ({@link MOVES_PULLS});
 * The view is a read at one moment, as a pass's REST reads were: what changes meanwhile arrives
 * as its own event, and the pass's writes keep their lost-update checks (item-writes.ts).
 * @param labels the single-label filters the view answers, e.g. `status/ready`, `track/project`.
 */
export function workItemReads(port: GitHubPort, labels: readonly string[], options: { since?: () => string; thread?: number; compareWith?: string } = {}): GitHubPort {
  /**
   * `recent`: the issues updated at or after `since` with their update times (an issue this pass
   * wrote: {@link WRITTEN_NOW}); null when not read or more than one page.
   */
  let view: Promise<{
    issues: Map<number, IssueSnapshot>;
    missing: Set<number>;
    complete: Set<string>;
    since: string | null;
    recent: Map<number, string> | null;
    /** The pull requests read with the thread; emptied by a write that may move one ({@link MOVES_PULLS}). */
    pulls: Map<number, PullRequestSnapshot>;
    /** The default branch's head as read; dropped by the same writes (a merge moves it). */
    branch: { name: string; sha: string } | null;
    /** The thread pull request's head compared with the default branch's; dropped with them. */
    comparison: WorkItemsRead["comparison"] | null;
  }> | null = null;

  function take(thread: number | undefined) {
    const since = options.since?.() ?? null;
    const request = { ...(thread !== undefined ? { thread } : {}), labels, ...(since !== null ? { updatedSince: since } : {}), ...(options.compareWith !== undefined ? { compareWith: options.compareWith } : {}) };
    const read = port.readWorkItems(request).then((r: WorkItemsRead) => {
      const issues = new Map<number, IssueSnapshot>();
      const missing = new Set<number>();
      const complete = new Set<string>();
      for (const [label, listed] of Object.entries(r.lists)) {
        if (listed === null) continue;
        complete.add(label);
        for (const issue of listed) issues.set(issue.number, issue);
      }
      let recent: Map<number, string> | null = null;
      if (r.updatedSince) {
        recent = new Map();
        for (const { issue, updatedAt } of r.updatedSince) {
          recent.set(issue.number, updatedAt);
          if (!issues.has(issue.number)) issues.set(issue.number, issue);
        }
      }
      // A pull request read by number is left to REST: its issue fields (node id, relation
      // counts) differ there, and no listing holds it.
      if (r.thread && !r.thread.isPullRequest) issues.set(r.thread.number, r.thread);
      else if (thread !== undefined && r.thread === null) missing.add(thread);
      const pulls = new Map((r.pulls ?? []).map((pr) => [pr.number, pr]));
      return { issues, missing, complete, since, recent, pulls, branch: r.defaultBranch ?? null, comparison: r.comparison ?? null };
    });
    view = read;
    // A failed read is not kept: the next read asks again (or falls back, see below).
    read.catch(() => {
      if (view === read) view = null;
    });
    return read;
  }

  /** The pass's view, taken now (with issue `thread`, else the event's) if there is none; null when it could not be read. */
  const current = (thread?: number) => (view ?? take(thread ?? options.thread)).catch(() => null);
  const copy = (issue: IssueSnapshot): IssueSnapshot => ({ ...issue, labels: [...issue.labels] });
  /** Open issues (not pull requests) as `listOpenIssues` answers them: newest first, copies. */
  const asListed = (issues: Iterable<IssueSnapshot>) =>
    [...issues]
      .filter((i) => i.state === "open" && !i.isPullRequest)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number)
      .map(copy);
  /**
   * The view's record of issue `number` after our write of it, to be relabelled, and marked updated
   * now; when the view does not hold it, the view is dropped (the issue may now belong to a
   * listing, and was updated within the gate's window).
   */
  const heldAfter = async (number: number) => {
    const held = view ? await view.catch(() => null) : null;
    const known = held?.issues.get(number);
    if (!known) view = null;
    else held!.recent?.set(number, WRITTEN_NOW);
    return known;
  };
  /** The view's open issues updated at or after `since` (not before its own `since`), or null to list them by REST. */
  const recentSince = async (since: string): Promise<IssueSnapshot[] | null> => {
    const held = await current();
    if (!held?.recent || held.since === null || Date.parse(since) < Date.parse(held.since)) return null;
    return asListed([...held.recent].filter(([, at]) => at === WRITTEN_NOW || Date.parse(at) >= Date.parse(since)).map(([number]) => held.issues.get(number)!));
  };
  /** A write of ours that failed may have landed in part: the view is dropped. */
  const written = <T>(write: Promise<T>): Promise<T> =>
    write.catch((error: unknown) => {
      view = null;
      throw error;
    });

  const wrapped: Record<string, unknown> = { ...port };
  for (const [name, value] of Object.entries(port)) {
    const method = name as keyof GitHubPort;
    if (typeof value !== "function" || isPortRead(method) || (KEEPS_VIEW.has(method) && !MOVES_PULLS.has(method))) continue;
    const keeps = KEEPS_VIEW.has(method);
    wrapped[name] = async (...args: unknown[]) => {
      if (!keeps) view = null;
      else {
        const held = await (view ?? Promise.resolve(null)).catch(() => null);
        held?.pulls.clear();
        if (held) {
          held.branch = null;
          held.comparison = null;
        }
      }
      return (value as (...a: unknown[]) => Promise<unknown>).apply(port, args);
    };
  }

  const reads: Partial<GitHubPort> = {
    // A pull request read with the view (the thread, or one closing the thread issue) is answered
    // from it until a write that may move it; the pass's first read of a pull request takes the
    // view with it as the thread. Others are read by REST, as always.
    async getPullRequest(number) {
      const held = await current(number);
      const known = held?.pulls.get(number);
      return known ? { ...known, labels: [...known.labels] } : port.getPullRequest(number);
    },
    // The event's pull request compared with the default branch, read with the view, until a
    // write that may move either: the comparison of those two heads.
    async compareCommits(base, head) {
      const held = await current();
      const known = held?.comparison;
      return known && known.base === base && known.head === head ? { ...known.result } : port.compareCommits(base, head);
    },
    // The default branch's head read with the view, until a write that may move it.
    async getBranchSha(branch) {
      const held = await current();
      return held?.branch?.name === branch ? held.branch.sha : port.getBranchSha(branch);
    },
    async getIssue(number) {
      const held = await current(number);
      if (held?.missing.has(number)) return null;
      const known = held?.issues.get(number);
      return known ? copy(known) : port.getIssue(number);
    },
    async listOpenIssues(filter, options) {
      if ((filter ?? []).length === 0 && options?.since !== undefined) return (await recentSince(options.since)) ?? port.listOpenIssues(filter, options);
      const label = filter?.length === 1 && options?.since === undefined ? filter[0]! : null;
      if (label === null || !labels.includes(label)) return port.listOpenIssues(filter, options);
      const held = await current();
      if (!held?.complete.has(label)) return port.listOpenIssues(filter, options);
      return asListed([...held.issues.values()].filter((i) => i.labels.includes(label)));
    },
    async editItem(issue, edit, catalog, then) {
      const done = await written(port.editItem(issue, edit, catalog, then));
      const known = await heldAfter(issue.number);
      if (known) known.labels = relabelled(issue.labels, edit);
      return done;
    },
    async createItemComment(issue, marker, body, change, catalog) {
      const done = await written(port.createItemComment(issue, marker, body, change, catalog));
      const known = await heldAfter(issue.number);
      if (known) {
        known.labels = relabelled(issue.labels, change);
        delete known.comments;
      }
      return done;
    },
  };
  return { ...wrapped, ...reads } as unknown as GitHubPort;
}
