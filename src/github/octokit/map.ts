import type { Actor, CheckRunSnapshot, CommentSnapshot, IssueSnapshot, PullRequestSnapshot } from "../port.js";

/**
 * Mapping of GitHub REST response objects to the port's snapshots. Inputs are typed loosely
 * (the fields we read) so list and single-item endpoints share one mapper.
 */

interface RawUser {
  login: string;
  type?: string;
}

/** Maps a GitHub user (possibly null for deleted "ghost" users). */
export function toActor(user: RawUser | null | undefined): Actor {
  if (!user) return { login: "ghost", type: "User" };
  return { login: user.login, type: user.type ?? "User" };
}

type RawLabel = string | { name?: string };

/** Label names of an issue or pull request. */
export function labelNames(labels: RawLabel[] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((n) => n !== "");
}

export interface RawIssue {
  number: number;
  node_id?: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels?: RawLabel[];
  user: RawUser | null;
  created_at: string;
  html_url: string;
  pull_request?: unknown;
  sub_issues_summary?: { total: number } | null;
  issue_dependencies_summary?: { total_blocked_by: number } | null;
  comments?: number;
}

export function toIssue(raw: RawIssue): IssueSnapshot {
  const subs = raw.sub_issues_summary?.total;
  const blockers = raw.issue_dependencies_summary?.total_blocked_by;
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state === "closed" ? "closed" : "open",
    stateReason: raw.state_reason ?? null,
    labels: labelNames(raw.labels),
    author: toActor(raw.user),
    createdAt: raw.created_at,
    htmlUrl: raw.html_url,
    isPullRequest: raw.pull_request !== undefined && raw.pull_request !== null,
    ...(raw.node_id ? { nodeId: raw.node_id } : {}),
    ...(typeof subs === "number" && typeof blockers === "number" ? { relations: { subIssues: subs, blockedBy: blockers } } : {}),
    ...(typeof raw.comments === "number" ? { comments: raw.comments } : {}),
  };
}

export interface RawComment {
  id: number;
  node_id?: string;
  body?: string | null;
  user: RawUser | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export function toComment(raw: RawComment): CommentSnapshot {
  return {
    id: raw.id,
    body: raw.body ?? "",
    author: toActor(raw.user),
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    htmlUrl: raw.html_url,
    ...(raw.node_id ? { nodeId: raw.node_id } : {}),
  };
}

export interface RawPull {
  number: number;
  node_id?: string;
  title: string;
  body?: string | null;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  draft?: boolean | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  mergeable?: boolean | null;
  mergeable_state?: string;
  user: RawUser | null;
  labels?: RawLabel[];
  html_url: string;
}

export function toPullRequest(raw: RawPull): PullRequestSnapshot {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state === "closed" ? "closed" : "open",
    merged: raw.merged === true || (raw.merged_at !== undefined && raw.merged_at !== null),
    mergeCommitSha: raw.merge_commit_sha ?? null,
    draft: raw.draft === true,
    headRef: raw.head.ref,
    headSha: raw.head.sha,
    baseRef: raw.base.ref,
    baseSha: raw.base.sha,
    mergeable: raw.mergeable ?? null,
    mergeableState: raw.mergeable_state ?? "unknown",
    author: toActor(raw.user),
    labels: labelNames(raw.labels),
    htmlUrl: raw.html_url,
    ...(raw.node_id ? { nodeId: raw.node_id } : {}),
  };
}

export interface RawCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  html_url: string | null;
  details_url: string | null;
  app: { slug?: string } | null;
  node_id?: string;
}

export function toCheckRun(raw: RawCheckRun): CheckRunSnapshot {
  return {
    id: raw.id,
    name: raw.name,
    headSha: raw.head_sha,
    status: raw.status,
    conclusion: raw.conclusion,
    htmlUrl: raw.html_url,
    detailsUrl: raw.details_url,
    appSlug: raw.app?.slug ?? null,
    ...(raw.node_id ? { nodeId: raw.node_id } : {}),
  };
}
