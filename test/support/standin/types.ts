/**
 * Public types of the local GitHub stand-in (test support only, never product code).
 */
import type { FaultOptions } from "./faults.js";

/** Repository permission of a simulated person, as GitHub's collaborator `role_name`. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** How one `workflow_dispatch` of a workflow file runs (stands in for an Actions runner). */
export type WorkflowRunner = (run: {
  runId: number;
  inputs: Record<string, string>;
  ref: string;
  /** Fresh clone of the bare repo at `ref`; `origin` is the bare repo so `git push origin` works. */
  cloneDir: string;
  /** GITHUB_TOKEN (acts as github-actions[bot]), GITHUB_REPOSITORY, GITHUB_API_URL, ... */
  env: Record<string, string>;
  /** Aborted when the run is cancelled through the API. */
  signal: AbortSignal;
}) => Promise<{ exitCode: number }>;

export interface StandInOptions {
  owner: string;
  repo: string;
  /** Writes the initial files into an empty work tree; the stand-in commits them as the first commit on main. */
  seed: (workTree: string) => Promise<void>;
  app: {
    id: number;
    slug: string;
    installationId: number;
    webhookUrl?: string;
    webhookSecret: string;
    /** When given, app JWTs must be RS256-signed by the matching private key. */
    publicKeyPem?: string;
  };
  users: Array<{ login: string; permission: Permission; type?: "User" | "Bot" }>;
  /** "org/team-slug" -> member logins. */
  teams?: Record<string, string[]>;
  /** Workflow file name (e.g. "orchestrator-worker.yml") -> how a dispatch runs. */
  workflows?: Record<string, WorkflowRunner>;
  /** Simulated CI: shell command run (bash -c) in a checkout of each pushed commit. */
  ci?: {
    command: string;
    name?: string;
    /** Branches CI runs on (like a workflow's `on.push.branches`); all when unset. */
    branches?: RegExp;
  };
  /** Injected API faults (see faults.ts); none by default. */
  faults?: FaultOptions;
  /** The default branch requires GitHub's merge queue (simulated: merge-queue.ts, POST /api/graphql). */
  mergeQueue?: boolean;
}

/** One entry of the readable log of what happened. */
export interface TimelineEvent {
  seq: number;
  /** ISO timestamp (for reading only; never assert on it). */
  at: string;
  kind: "webhook" | "webhook-failed" | "write" | "push" | "ci" | "workflow" | "violation" | "fault";
  /** Login of whoever caused it (the sender of a webhook, the caller of a write). */
  actor?: string;
  /** One readable line, e.g. `issues.labeled #3 by alice (label: ready)`. */
  summary: string;
  event?: string;
  action?: string;
  deliveryId?: string;
  item?: number;
}

/** One webhook delivery (also kept for `redeliver`). */
export interface Delivery {
  id: string;
  event: string;
  action?: string;
  payload: Record<string, unknown>;
  /** HTTP status of the last attempt, or undefined if not yet sent / no URL / connection error. */
  status?: number;
  error?: string;
  redelivery: boolean;
}

export interface Actor {
  readonly login: string;
  openIssue(input: { title: string; body?: string; labels?: string[] }): Promise<number>;
  editIssue(issueNumber: number, input: { title?: string; body?: string }): Promise<void>;
  /** Returns the comment id. */
  comment(issueOrPr: number, body: string): Promise<number>;
  editComment(commentId: number, body: string): Promise<void>;
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
  removeLabel(issueNumber: number, label: string): Promise<void>;
  closeIssue(issueNumber: number, stateReason?: "completed" | "not_planned"): Promise<void>;
  reopenIssue(issueNumber: number): Promise<void>;
  review(pr: number, event: "APPROVE" | "REQUEST_CHANGES" | "COMMENT", body?: string): Promise<number>;
  addSubIssue(parent: number, child: number): Promise<void>;
  addBlockedBy(issueNumber: number, blockingIssue: number): Promise<void>;
  /** Commits `files` (path -> content) on top of `branch` (created from main if missing) and pushes it. Returns the new sha. */
  pushCommit(branch: string, files: Record<string, string>, message: string): Promise<string>;
  /** Opens a pull request from `head` into `base` (default main). Returns its number. */
  openPullRequest(input: { head: string; base?: string; title: string; body?: string }): Promise<number>;
  /** The token the actor uses (send it as `Authorization: token ...` to call the API as this person). */
  readonly token: string;
}

export interface RequestLog {
  /** Route template (e.g. "POST /repos/{owner}/{repo}/issues/{issue_number}/comments") -> count. */
  readonly byRoute: Map<string, number>;
  /** Issue / PR number -> count of requests about it. */
  readonly byItem: Map<number, number>;
  readonly total: number;
  /** Requests GitHub charges: all but conditional GETs answered 304. */
  readonly charged: number;
  /** Conditional GETs answered 304 (not charged by GitHub). */
  readonly notModified: number;
  /** Every counted request in order: who called what. */
  readonly entries: ReadonlyArray<{
    method: string;
    route: string;
    path: string;
    caller: string;
    status: number;
    item?: number;
    /** For `POST /graphql`: whether the document is a query (a read) or a mutation (a write). */
    operation?: "query" | "mutation";
  }>;
  reset(): void;
}
