import type {
  CommentSnapshot,
  GitHubPort,
  IssueSnapshot,
  PullRequestSnapshot,
  RepoRef,
} from "../../src/github/port.js";

/**
 * An in-memory {@link GitHubPort} for worker tests. Implements what the worker uses (issues,
 * comments by marker, pull requests by head branch, the default branch); every other method
 * throws a clear "not implemented" error. Every call is recorded in `calls`.
 */

export interface PortCall {
  method: string;
  args: unknown[];
}

export interface MemoryPortData {
  repo?: RepoRef;
  defaultBranch?: string;
  issues?: IssueSnapshot[];
  comments?: Record<number, CommentSnapshot[]>;
  pulls?: PullRequestSnapshot[];
}

export interface MemoryPort extends GitHubPort {
  readonly calls: PortCall[];
  readonly issues: Map<number, IssueSnapshot>;
  readonly comments: Map<number, CommentSnapshot[]>;
  readonly pulls: PullRequestSnapshot[];
  /** Plain data (for passing to a child process and back). */
  snapshot(): Required<MemoryPortData> & { calls: PortCall[] };
}

const BOT = { login: "orchestrator[bot]", type: "Bot" };
const TIME = "2026-01-01T00:00:00Z";

/** An issue snapshot with sensible defaults. */
export function makeIssue(number: number, title: string, body: string, extra: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    number,
    title,
    body,
    state: "open",
    stateReason: null,
    labels: [],
    author: { login: "alice", type: "User" },
    createdAt: TIME,
    htmlUrl: `https://github.com/acme/widgets/issues/${number}`,
    isPullRequest: false,
    ...extra,
  };
}

export function createMemoryPort(data: MemoryPortData = {}): MemoryPort {
  const repo = data.repo ?? { owner: "acme", repo: "widgets" };
  const defaultBranch = data.defaultBranch ?? "main";
  const issues = new Map((data.issues ?? []).map((i) => [i.number, i]));
  const comments = new Map<number, CommentSnapshot[]>(Object.entries(data.comments ?? {}).map(([k, v]) => [Number(k), v]));
  const pulls: PullRequestSnapshot[] = [...(data.pulls ?? [])];
  const calls: PortCall[] = [];
  let nextId = 1000;
  for (const list of comments.values()) for (const c of list) nextId = Math.max(nextId, c.id + 1);

  const record = (method: string, args: unknown[]): void => {
    calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  };
  const findBot = (number: number, marker: string): CommentSnapshot | null =>
    (comments.get(number) ?? []).find((c) => c.author.type === "Bot" && c.body.includes(marker)) ?? null;

  const implemented = {
    async getDefaultBranch() {
      record("getDefaultBranch", []);
      return defaultBranch;
    },
    async getIssue(number: number) {
      record("getIssue", [number]);
      return issues.get(number) ?? null;
    },
    async getIssueWithComments(number: number) {
      record("getIssueWithComments", [number]);
      const issue = issues.get(number);
      return issue ? { issue, comments: [...(comments.get(number) ?? [])] } : null;
    },
    async listComments(number: number) {
      record("listComments", [number]);
      return [...(comments.get(number) ?? [])];
    },
    async getComment(id: number) {
      record("getComment", [id]);
      for (const list of comments.values()) {
        const found = list.find((c) => c.id === id);
        if (found) return { ...found };
      }
      return null;
    },
    async findComment(number: number, marker: string) {
      record("findComment", [number, marker]);
      return findBot(number, marker);
    },
    async upsertComment(number: number, marker: string, body: string) {
      record("upsertComment", [number, marker, body]);
      if (!body.includes(marker)) throw new Error("upsertComment: body must contain the marker");
      const existing = findBot(number, marker);
      if (existing !== null) {
        if (existing.body === body) return { id: existing.id, created: false, updated: false };
        existing.body = body;
        existing.updatedAt = TIME;
        return { id: existing.id, created: false, updated: true };
      }
      const id = nextId++;
      const list = comments.get(number) ?? [];
      list.push({ id, body, author: BOT, createdAt: TIME, updatedAt: TIME, htmlUrl: `https://github.com/${repo.owner}/${repo.repo}/issues/${number}#issuecomment-${id}` });
      comments.set(number, list);
      return { id, created: true, updated: false };
    },
    async findOpenPullRequest(branch: string) {
      record("findOpenPullRequest", [branch]);
      return pulls.find((p) => p.state === "open" && p.headRef === branch) ?? null;
    },
    async getPullRequest(number: number) {
      record("getPullRequest", [number]);
      return pulls.find((p) => p.number === number) ?? null;
    },
    async openOrUpdatePullRequest(spec: { head: string; base: string; title: string; body: string }) {
      record("openOrUpdatePullRequest", [spec]);
      const open = pulls.find((p) => p.state === "open" && p.headRef === spec.head);
      if (open !== undefined) {
        open.title = spec.title;
        open.body = spec.body;
        return open;
      }
      const number = Math.max(100, ...[...issues.keys()], ...pulls.map((p) => p.number)) + 1;
      const pr: PullRequestSnapshot = {
        number,
        title: spec.title,
        body: spec.body,
        state: "open",
        merged: false,
        mergeCommitSha: null,
        draft: false,
        headRef: spec.head,
        headSha: "",
        baseRef: spec.base,
        baseSha: "",
        mergeable: null,
        mergeableState: "unknown",
        author: BOT,
        labels: [],
        htmlUrl: `https://github.com/${repo.owner}/${repo.repo}/pull/${number}`,
      };
      pulls.push(pr);
      return pr;
    },
  };

  const notImplemented = (name: string) => async (): Promise<never> => {
    record(name, []);
    throw new Error(`MemoryPort.${name} is not implemented (the worker should not need it)`);
  };
  const port: MemoryPort = {
    repo,
    calls,
    issues,
    comments,
    pulls,
    ...implemented,
    getBranchSha: notImplemented("getBranchSha"),
    compareCommits: notImplemented("compareCommits"),
    listOpenIssues: notImplemented("listOpenIssues"),
    listClosedIssues: notImplemented("listClosedIssues"),
    readWorkItems: notImplemented("readWorkItems"),
    listSubIssues: notImplemented("listSubIssues"),
    listBlockedBy: notImplemented("listBlockedBy"),
    addSubIssue: notImplemented("addSubIssue"),
    addBlockedBy: notImplemented("addBlockedBy"),
    closeIssue: notImplemented("closeIssue"),
    reopenIssue: notImplemented("reopenIssue"),
    createIssue: notImplemented("createIssue"),
    updateIssueBody: notImplemented("updateIssueBody"),
    ensureLabels: notImplemented("ensureLabels"),
    applyLabels: notImplemented("applyLabels"),
    editItem: notImplemented("editItem"),
    createItemComment: notImplemented("createItemComment"),
    addReaction: notImplemented("addReaction"),
    getPermission: notImplemented("getPermission"),
    isTeamMember: notImplemented("isTeamMember"),
    dispatchWorkflow: notImplemented("dispatchWorkflow"),
    listWorkflowRuns: notImplemented("listWorkflowRuns"),
    cancelWorkflowRun: notImplemented("cancelWorkflowRun"),
    listOpenPullRequests: notImplemented("listOpenPullRequests"),
    listPullRequestFiles: notImplemented("listPullRequestFiles"),
    listReviews: notImplemented("listReviews"),
    ensureReview: notImplemented("ensureReview"),
    publish: notImplemented("publish"),
    updateBranch: notImplemented("updateBranch"),
    mergeIfHeadIs: notImplemented("mergeIfHeadIs"),
    setBranch: notImplemented("setBranch"),
    mergeIntoBranch: notImplemented("mergeIntoBranch"),
    fastForwardBranch: notImplemented("fastForwardBranch"),
    getCommitMessage: notImplemented("getCommitMessage"),
    enqueueInMergeQueue: notImplemented("enqueueInMergeQueue"),
    listMergeQueue: notImplemented("listMergeQueue"),
    dequeueFromMergeQueue: notImplemented("dequeueFromMergeQueue"),
    lastMergeQueueRemoval: notImplemented("lastMergeQueueRemoval"),
    upsertCheckRun: notImplemented("upsertCheckRun"),
    listCheckRuns: notImplemented("listCheckRuns"),
    listCommitStatuses: notImplemented("listCommitStatuses"),
    listChecks: notImplemented("listChecks"),
    listWorkflowFiles: notImplemented("listWorkflowFiles"),
    snapshot() {
      return {
        repo,
        defaultBranch,
        issues: [...issues.values()],
        comments: Object.fromEntries(comments),
        pulls,
        calls,
      };
    },
  };
  return port;
}
