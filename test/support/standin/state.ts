/**
 * In-memory records of the stand-in: everything GitHub would keep except git data
 * (which lives in the real bare repository, see git-backend.ts).
 */

export interface UserRecord {
  login: string;
  id: number;
  type: "User" | "Bot";
  /** Repository role; bots of apps get "write" through their installation. */
  permission: "admin" | "maintain" | "write" | "triage" | "read" | "none";
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  /** Label names in the order they were added. */
  labels: string[];
  user: string;
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  isPull: boolean;
  parent: number | null;
  subIssues: number[];
  /** Numbers of the issues that block this one. */
  blockedBy: number[];
}

export interface PullRecord {
  number: number;
  id: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReactionRecord {
  id: number;
  commentId: number;
  content: string;
  user: string;
  createdAt: string;
}

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: string;
  body: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
  commitId: string;
  submittedAt: string;
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  detailsUrl: string | null;
  externalId: string | null;
  app: AppRecord;
  suiteId: number;
}

export interface CheckSuiteRecord {
  id: number;
  headSha: string;
  headBranch: string | null;
  app: AppRecord;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRunRecord {
  id: number;
  runNumber: number;
  workflowFile: string;
  workflowId: number;
  name: string;
  headBranch: string;
  headSha: string;
  event: "workflow_dispatch";
  status: "queued" | "in_progress" | "completed";
  conclusion: "success" | "failure" | "cancelled" | null;
  inputs: Record<string, string>;
  actor: string;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string | null;
  token: string;
  abort: AbortController;
}

/** Monotonic ids: GitHub ids are large and distinct per kind; distinct ranges make mix-ups visible. */
export class IdSource {
  private next = new Map<string, number>();
  constructor(private readonly bases: Record<string, number> = {}) {}
  take(kind: string): number {
    const current = this.next.get(kind) ?? this.bases[kind] ?? 1000;
    this.next.set(kind, current + 1);
    return current;
  }
}

export class StandInState {
  readonly ids = new IdSource({
    user: 5_000_001,
    // Per stand-in, as GitHub's node ids are never reused: a label id (and node id) remembered by
    // an app process from an earlier stand-in on the same port names nothing here.
    label: 7_000_001 + Math.floor(Math.random() * 1_000_000) * 100,
    issue: 2_000_000_001,
    pull: 1_500_000_001,
    comment: 3_000_000_001,
    reaction: 150_000_001,
    review: 2_500_000_001,
    checkRun: 30_000_000_001,
    checkSuite: 25_000_000_001,
    status: 35_000_000_001,
    workflowRun: 9_000_000_001,
    workflow: 120_000_001,
    runNumber: 1,
    number: 1,
  });
  /**
   * When a branch of the repository was last pushed to (GitHub's `repository.pushed_at`, which a
   * pull request's `head.repo` and `base.repo` carry, so it moves the pull request's ETag): set by
   * every branch update (core.ts `onPush`), never by the clock alone.
   */
  pushedAt = "2024-01-01T00:00:00Z";
  readonly users = new Map<string, UserRecord>();
  /** Keyed by lower-cased name, like GitHub's case-insensitive label names. */
  readonly labels = new Map<string, LabelRecord>();
  /** Issues and pull requests share one number space; pulls have `isPull` and a PullRecord. */
  readonly issues = new Map<number, IssueRecord>();
  readonly pulls = new Map<number, PullRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly reactions: ReactionRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  readonly checkRuns = new Map<number, CheckRunRecord>();
  readonly checkSuites = new Map<number, CheckSuiteRecord>();
  readonly statuses: StatusRecord[] = [];
  readonly workflowRuns = new Map<number, WorkflowRunRecord>();
  /** Workflow file name -> id, assigned on first sight. */
  readonly workflowIds = new Map<string, number>();
  /** "org/team" -> member logins. */
  readonly teams = new Map<string, Set<string>>();

  issueByNumber(n: number): IssueRecord | undefined {
    return this.issues.get(n);
  }

  /**
   * An open issue written straight into the records, without a request or a webhook (benchmarks
   * and tests that need many issues fast). `at`: its creation and update time (ISO 8601).
   */
  seedOpenIssue(fields: { title: string; body: string; labels: string[]; user: string; at: string }): IssueRecord {
    const number = this.ids.take("number");
    const issue: IssueRecord = {
      id: this.ids.take("issue"),
      number,
      title: fields.title,
      body: fields.body,
      state: "open",
      stateReason: null,
      labels: [...fields.labels],
      user: fields.user,
      assignees: [],
      createdAt: fields.at,
      updatedAt: fields.at,
      closedAt: null,
      closedBy: null,
      isPull: false,
      parent: null,
      subIssues: [],
      blockedBy: [],
    };
    this.issues.set(number, issue);
    return issue;
  }

  issueById(id: number): IssueRecord | undefined {
    for (const issue of this.issues.values()) if (issue.id === id) return issue;
    return undefined;
  }

  label(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase());
  }

  workflowId(file: string): number {
    let id = this.workflowIds.get(file);
    if (id === undefined) {
      id = this.ids.take("workflow");
      this.workflowIds.set(file, id);
    }
    return id;
  }

  commentsOf(issueNumber: number): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.issueNumber === issueNumber);
  }

  /** Open pulls whose head commit is `sha`. */
  openPullsWithHead(sha: string): PullRecord[] {
    return [...this.pulls.values()].filter((p) => p.headSha === sha && this.issues.get(p.number)?.state === "open");
  }
}
