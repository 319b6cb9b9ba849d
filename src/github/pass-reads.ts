import type { GitHubPort } from "./port.js";

/**
 * Reads that one pass (one event, one session) makes at most once (issue #9, "A request budget":
 * a snapshot read once per event). Several phases of a pass read the same issue and status comment
 * (the record phase reconciles the item a comment touches, then the command handler loads it);
 * with this wrapper the second read costs no request.
 *
 * Rules, so that nothing acts on a stale read of its own making:
 * - a read is remembered with its arguments; any write through the port (every method not in
 *   {@link REMEMBERED} or {@link STABLE}) forgets every remembered read, since a write may change
 *   what any of them would answer;
 * - {@link STABLE} reads (a person's permission, the team membership, the default branch's name)
 *   cannot change through our writes and are kept for the whole pass;
 * - a head's checks in one GraphQL request (`listChecks`, never answered 304) are remembered like
 *   the item reads, until the pass's next write: the review and the merge queue of one pass judge
 *   the same head from the same read (a check finishing meanwhile sends its own event, which
 *   evaluates again);
 * - everything else (branch heads, pull requests and their mergeability, which GitHub computes
 *   after the fact, workflow runs) is always read fresh: the merge queue acts on those and they
 *   move without us.
 * The session lives for one pass, so the memory ends with it. Failures are not remembered.
 */
const REMEMBERED = new Set<keyof GitHubPort>(["getIssue", "getIssueWithComments", "listComments", "findComment", "listSubIssues", "listBlockedBy", "listChecks", "readWorkItems"]);
const STABLE = new Set<keyof GitHubPort>(["getPermission", "isTeamMember", "getDefaultBranch"]);
/** Reads that are never remembered (they move without us, or are rare). */
const FRESH = new Set<keyof GitHubPort>([
  "getBranchSha",
  "getPullRequest",
  "compareCommits",
  "listOpenIssues",
  "listClosedIssues",
  "listOpenPullRequests",
  "findOpenPullRequest",
  "listPullRequestFiles",
  "listReviews",
  "listWorkflowRuns",
  "listCheckRuns",
  "listCommitStatuses",
  "listWorkflowFiles",
  "getCommitMessage",
  "getComment",
  "listMergeQueue",
  "lastMergeQueueRemoval",
]);

/** Whether a port method only reads (every other method writes). */
export function isPortRead(method: keyof GitHubPort): boolean {
  return REMEMBERED.has(method) || STABLE.has(method) || FRESH.has(method);
}

/**
 * Wraps `port` for one pass (see the module comment). `known.defaultBranch`, when the event
 * carries it, answers `getDefaultBranch` without a request.
 */
export function passReads(port: GitHubPort, known: { defaultBranch?: string } = {}): GitHubPort {
  const remembered = new Map<string, Promise<unknown>>();
  const stable = new Map<string, Promise<unknown>>();
  if (known.defaultBranch !== undefined) stable.set("getDefaultBranch[]", Promise.resolve(known.defaultBranch));
  const wrapped: Record<string, unknown> = { ...port };
  for (const [name, value] of Object.entries(port)) {
    if (typeof value !== "function") continue;
    const method = name as keyof GitHubPort;
    const call = (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(port, args);
    if (FRESH.has(method)) continue;
    const memory = REMEMBERED.has(method) ? remembered : STABLE.has(method) ? stable : null;
    wrapped[name] = memory
      ? (...args: unknown[]) => {
          const key = `${name}${JSON.stringify(args)}`;
          const hit = memory.get(key);
          if (hit) return hit;
          const read = call(...args);
          memory.set(key, read);
          read.catch(() => memory.delete(key));
          return read;
        }
      : (...args: unknown[]) => {
          remembered.clear();
          return call(...args);
        };
  }
  return wrapped as unknown as GitHubPort;
}
