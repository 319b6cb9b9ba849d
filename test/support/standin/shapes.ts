/**
 * JSON shapes of GitHub objects, built from the stand-in's records. Field sets follow the
 * OpenAPI description's schemas (simple-user, issue, label, pull-request, check-run, workflow-run, ...).
 */
import type { StandInContext } from "./context.js";
import type {
  CheckRunRecord,
  CheckSuiteRecord,
  CommentRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  ReviewRecord,
  UserRecord,
  WorkflowRunRecord,
  AppRecord,
} from "./state.js";
import type { CommitInfo } from "./git-backend.js";

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString("base64").replace(/=+$/, "");
}

export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function userJson(ctx: StandInContext, u: UserRecord): Record<string, unknown> {
  // GitHub percent-encodes bot logins in URLs (".../users/github-actions%5Bbot%5D").
  const api = `${ctx.apiUrl}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === "Bot" ? "Bot" : "User", u.id),
    avatar_url: `${ctx.baseUrl}/avatars/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: u.type === "Bot" ? `${ctx.baseUrl}/apps/${u.login.replace(/\[bot\]$/, "")}` : `${ctx.baseUrl}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function userJsonByLogin(ctx: StandInContext, login: string): Record<string, unknown> {
  return userJson(ctx, ctx.user(login));
}

export function repoApi(ctx: StandInContext): string {
  return `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}`;
}

export function repoHtml(ctx: StandInContext): string {
  return `${ctx.baseUrl}/${ctx.owner}/${ctx.repo}`;
}

export const REPO_ID = 600_000_001;

export function repositoryJson(ctx: StandInContext): Record<string, unknown> {
  const api = repoApi(ctx);
  const openIssues = [...ctx.state.issues.values()].filter((i) => i.state === "open").length;
  return {
    id: REPO_ID,
    node_id: nodeId("Repository", REPO_ID),
    name: ctx.repo,
    full_name: `${ctx.owner}/${ctx.repo}`,
    private: false,
    owner: userJsonByLogin(ctx, ctx.owner),
    html_url: repoHtml(ctx),
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://127.0.0.1/${ctx.owner}/${ctx.repo}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${ctx.owner}/${ctx.repo}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `file://${ctx.git.bareRepo}`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: repoHtml(ctx),
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: "main",
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "public",
    pushed_at: ctx.state.pushedAt,
    created_at: "2024-01-01T00:00:00Z",
    // GitHub moves it with the repository's pushes and settings; the stand-in's settings never change.
    updated_at: ctx.state.pushedAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    delete_branch_on_merge: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** The repository owner as an organization (some webhook payloads require one). */
export function organizationJson(ctx: StandInContext): Record<string, unknown> {
  const u = ctx.user(ctx.owner);
  const api = `${ctx.apiUrl}/orgs/${ctx.owner}`;
  return {
    login: ctx.owner,
    id: u.id,
    node_id: nodeId("Organization", u.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${ctx.baseUrl}/avatars/u/${u.id}?v=4`,
    description: null,
  };
}

export function labelJson(ctx: StandInContext, l: LabelRecord): Record<string, unknown> {
  return {
    id: l.id,
    node_id: nodeId("Label", l.id),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

function authorAssociation(ctx: StandInContext, login: string): string {
  const u = ctx.user(login);
  if (login === ctx.owner) return "OWNER";
  if (u.type === "Bot") return "NONE";
  if (u.permission === "admin" || u.permission === "maintain") return "MEMBER";
  if (u.permission === "none") return "NONE";
  return "COLLABORATOR";
}

function reactionsSummary(url: string): Record<string, unknown> {
  return { url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function issueJson(ctx: StandInContext, i: IssueRecord): Record<string, unknown> {
  const api = `${repoApi(ctx)}/issues/${i.number}`;
  const html = `${repoHtml(ctx)}/${i.isPull ? "pull" : "issues"}/${i.number}`;
  const labels = i.labels.map((n) => ctx.state.label(n)).filter((l): l is LabelRecord => !!l);
  const subs = i.subIssues.map((n) => ctx.state.issues.get(n)).filter((s): s is IssueRecord => !!s);
  const completed = subs.filter((s) => s.state === "closed").length;
  const blocking = [...ctx.state.issues.values()].filter((o) => o.blockedBy.includes(i.number));
  const out: Record<string, unknown> = {
    url: api,
    repository_url: repoApi(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: i.id,
    node_id: nodeId("Issue", i.id),
    number: i.number,
    title: i.title,
    user: userJsonByLogin(ctx, i.user),
    labels: labels.map((l) => labelJson(ctx, l)),
    state: i.state,
    locked: false,
    assignee: i.assignees[0] ? userJsonByLogin(ctx, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => userJsonByLogin(ctx, a)),
    milestone: null,
    comments: ctx.state.commentsOf(i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: authorAssociation(ctx, i.user),
    active_lock_reason: null,
    body: i.body,
    closed_by: i.closedBy ? userJsonByLogin(ctx, i.closedBy) : null,
    reactions: reactionsSummary(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: i.stateReason,
    sub_issues_summary: {
      total: subs.length,
      completed,
      percent_completed: subs.length ? Math.floor((completed * 100) / subs.length) : 0,
    },
    issue_dependencies_summary: {
      blocked_by: i.blockedBy.filter((n) => ctx.state.issues.get(n)?.state === "open").length,
      total_blocked_by: i.blockedBy.length,
      blocking: blocking.filter((o) => o.state === "open").length,
      total_blocking: blocking.length,
    },
  };
  if (i.parent !== null) out.parent_issue_url = `${repoApi(ctx)}/issues/${i.parent}`;
  if (i.isPull) {
    const pr = ctx.state.pulls.get(i.number);
    out.pull_request = {
      url: `${repoApi(ctx)}/pulls/${i.number}`,
      html_url: `${repoHtml(ctx)}/pull/${i.number}`,
      diff_url: `${repoHtml(ctx)}/pull/${i.number}.diff`,
      patch_url: `${repoHtml(ctx)}/pull/${i.number}.patch`,
      merged_at: pr?.mergedAt ?? null,
    };
    out.draft = pr?.draft ?? false;
  }
  return out;
}

export function commentJson(ctx: StandInContext, c: CommentRecord): Record<string, unknown> {
  const api = `${repoApi(ctx)}/issues/comments/${c.id}`;
  const issue = ctx.state.issues.get(c.issueNumber);
  const user = ctx.user(c.user);
  return {
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    url: api,
    html_url: `${repoHtml(ctx)}/${issue?.isPull ? "pull" : "issues"}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApi(ctx)}/issues/${c.issueNumber}`,
    body: c.body,
    user: userJson(ctx, user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(ctx, c.user),
    performed_via_github_app: user.type === "Bot" ? appJsonFor(ctx, appOfBot(ctx, c.user)) : null,
    reactions: reactionsSummary(`${api}/reactions`),
  };
}

/** The app a bot login belongs to ("x[bot]" -> app x), or null for people. */
export function appOfBot(ctx: StandInContext, login: string): AppRecord | null {
  if (login === `${ctx.opts.app.slug}[bot]`) return mainApp(ctx);
  if (login === "github-actions[bot]") return ACTIONS_APP;
  if (login === "stand-in-ci[bot]") return CI_APP;
  return null;
}

export const ACTIONS_APP: AppRecord = { id: 15368, slug: "github-actions", name: "GitHub Actions" };
export const CI_APP: AppRecord = { id: 990001, slug: "stand-in-ci", name: "stand-in-ci" };

export function mainApp(ctx: StandInContext): AppRecord {
  return { id: ctx.opts.app.id, slug: ctx.opts.app.slug, name: ctx.opts.app.slug };
}

export const APP_PERMISSIONS = {
  actions: "write",
  checks: "write",
  contents: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
  statuses: "write",
  members: "read",
} as const;

export const APP_EVENTS = [
  "check_run",
  "check_suite",
  "issue_comment",
  "issues",
  "label",
  "pull_request",
  "pull_request_review",
  "push",
  "status",
  "workflow_run",
];

export function appJsonFor(ctx: StandInContext, app: AppRecord | null): Record<string, unknown> | null {
  if (!app) return null;
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("App", app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    owner: userJsonByLogin(ctx, ctx.owner),
    name: app.name,
    description: "",
    external_url: `${ctx.baseUrl}/apps/${app.slug}`,
    html_url: `${ctx.baseUrl}/apps/${app.slug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    installations_count: 1,
  };
}

export function installationJson(ctx: StandInContext): Record<string, unknown> {
  const owner = ctx.user(ctx.owner);
  const id = ctx.opts.app.installationId;
  return {
    id,
    // The description types `account` as allOf [simple-user, enterprise] (GitHub's anyOf, merged),
    // so the enterprise fields it requires are given too; clients read the user fields.
    account: { ...userJson(ctx, owner), name: owner.login, slug: owner.login, created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" },
    repository_selection: "selected",
    access_tokens_url: `${ctx.apiUrl}/app/installations/${id}/access_tokens`,
    repositories_url: `${ctx.apiUrl}/installation/repositories`,
    html_url: `${ctx.baseUrl}/settings/installations/${id}`,
    app_id: ctx.opts.app.id,
    app_slug: ctx.opts.app.slug,
    client_id: `Iv1.${ctx.opts.app.id.toString(16).padStart(16, "0")}`,
    target_id: owner.id,
    target_type: owner.type === "Bot" ? "User" : "User",
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function branchRefJson(ctx: StandInContext, ref: string, sha: string | null): Record<string, unknown> {
  return {
    label: `${ctx.owner}:${ref}`,
    ref,
    sha,
    user: userJsonByLogin(ctx, ctx.owner),
    repo: repositoryJson(ctx),
  };
}

export interface PullDetail {
  baseSha: string | null;
  mergeable: boolean | null;
  mergeableState: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** Full pull request; pass `detail` for the single-PR GET (mergeable etc.), omit for lists and webhooks. */
export function pullJson(
  ctx: StandInContext,
  pr: PullRecord,
  baseSha: string | null,
  detail?: PullDetail,
): Record<string, unknown> {
  const issue = ctx.state.issues.get(pr.number)!;
  const api = `${repoApi(ctx)}/pulls/${pr.number}`;
  const html = `${repoHtml(ctx)}/pull/${pr.number}`;
  const labels = issue.labels.map((n) => ctx.state.label(n)).filter((l): l is LabelRecord => !!l);
  return {
    url: api,
    id: pr.id,
    node_id: nodeId("PullRequest", pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoApi(ctx)}/issues/${pr.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${repoApi(ctx)}/issues/${pr.number}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${pr.headSha}`,
    number: pr.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJsonByLogin(ctx, issue.user),
    body: issue.body,
    labels: labels.map((l) => labelJson(ctx, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchRefJson(ctx, pr.headRef, pr.headSha),
    base: branchRefJson(ctx, pr.baseRef, baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: `${repoApi(ctx)}/issues/${pr.number}` },
      comments: { href: `${repoApi(ctx)}/issues/${pr.number}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(ctx)}/statuses/${pr.headSha}` },
    },
    author_association: authorAssociation(ctx, issue.user),
    auto_merge: null,
    draft: pr.draft,
    merged: pr.merged,
    mergeable: detail ? detail.mergeable : null,
    rebaseable: detail ? detail.mergeable : null,
    mergeable_state: detail ? detail.mergeableState : "unknown",
    merged_by: pr.mergedBy ? userJsonByLogin(ctx, pr.mergedBy) : null,
    comments: ctx.state.commentsOf(pr.number).length,
    review_comments: 0,
    maintainer_can_modify: pr.maintainerCanModify,
    commits: detail?.commits ?? 0,
    additions: detail?.additions ?? 0,
    deletions: detail?.deletions ?? 0,
    changed_files: detail?.changedFiles ?? 0,
  };
}

/** Minimal pull request reference as embedded in check runs / suites / workflow runs. */
export function pullRefJson(ctx: StandInContext, pr: PullRecord, baseSha: string | null): Record<string, unknown> {
  const repo = { id: REPO_ID, url: repoApi(ctx), name: ctx.repo };
  return {
    url: `${repoApi(ctx)}/pulls/${pr.number}`,
    id: pr.id,
    number: pr.number,
    head: { ref: pr.headRef, sha: pr.headSha, repo },
    base: { ref: pr.baseRef, sha: baseSha ?? "", repo },
  };
}

export function reviewJson(ctx: StandInContext, r: ReviewRecord): Record<string, unknown> {
  return {
    id: r.id,
    node_id: nodeId("PullRequestReview", r.id),
    user: userJsonByLogin(ctx, r.user),
    body: r.body,
    state: r.state,
    html_url: `${repoHtml(ctx)}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
    pull_request_url: `${repoApi(ctx)}/pulls/${r.pullNumber}`,
    author_association: authorAssociation(ctx, r.user),
    _links: {
      html: { href: `${repoHtml(ctx)}/pull/${r.pullNumber}#pullrequestreview-${r.id}` },
      pull_request: { href: `${repoApi(ctx)}/pulls/${r.pullNumber}` },
    },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
  };
}

export function checkSuiteJson(
  ctx: StandInContext,
  s: CheckSuiteRecord,
  pullRefs: Record<string, unknown>[],
  headCommit: CommitInfo | null,
): Record<string, unknown> {
  const runs = [...ctx.state.checkRuns.values()].filter((r) => r.suiteId === s.id);
  return {
    id: s.id,
    node_id: nodeId("CheckSuite", s.id),
    head_branch: s.headBranch,
    head_sha: s.headSha,
    status: s.status,
    conclusion: s.conclusion,
    url: `${repoApi(ctx)}/check-suites/${s.id}`,
    before: null,
    after: s.headSha,
    pull_requests: pullRefs,
    app: appJsonFor(ctx, s.app),
    repository: repositoryJson(ctx),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    head_commit: headCommit ? simpleCommitJson(headCommit) : null,
    latest_check_runs_count: runs.length,
    check_runs_url: `${repoApi(ctx)}/check-suites/${s.id}/check-runs`,
    rerequestable: true,
    runs_rerequestable: false,
  };
}

export function checkRunJson(ctx: StandInContext, r: CheckRunRecord, pullRefs: Record<string, unknown>[]): Record<string, unknown> {
  const suite = ctx.state.checkSuites.get(r.suiteId);
  return {
    id: r.id,
    head_sha: r.headSha,
    node_id: nodeId("CheckRun", r.id),
    external_id: r.externalId ?? "",
    url: `${repoApi(ctx)}/check-runs/${r.id}`,
    html_url: `${repoHtml(ctx)}/runs/${r.id}`,
    details_url: r.detailsUrl ?? `${repoHtml(ctx)}/runs/${r.id}`,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: { ...r.output, annotations_url: `${repoApi(ctx)}/check-runs/${r.id}/annotations` },
    name: r.name,
    check_suite: suite
      ? { id: suite.id, node_id: nodeId("CheckSuite", suite.id), head_branch: suite.headBranch, head_sha: suite.headSha, status: suite.status, conclusion: suite.conclusion, url: `${repoApi(ctx)}/check-suites/${suite.id}`, before: null, after: suite.headSha, pull_requests: pullRefs, app: appJsonFor(ctx, suite.app), created_at: suite.createdAt, updated_at: suite.updatedAt }
      : { id: r.suiteId },
    app: appJsonFor(ctx, r.app),
    pull_requests: pullRefs,
  };
}

export function simpleCommitJson(c: CommitInfo): Record<string, unknown> {
  return {
    id: c.sha,
    tree_id: c.tree,
    message: c.message,
    timestamp: c.committerDate,
    author: { name: c.authorName, email: c.authorEmail },
    committer: { name: c.committerName, email: c.committerEmail },
  };
}

export function workflowJson(ctx: StandInContext, file: string): Record<string, unknown> {
  const id = ctx.state.workflowId(file);
  return {
    id,
    node_id: nodeId("Workflow", id),
    name: file.replace(/\.ya?ml$/, ""),
    path: `.github/workflows/${file}`,
    state: "active",
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    url: `${repoApi(ctx)}/actions/workflows/${id}`,
    html_url: `${repoHtml(ctx)}/blob/main/.github/workflows/${file}`,
    badge_url: `${repoHtml(ctx)}/workflows/${file}/badge.svg`,
  };
}

export function workflowRunJson(ctx: StandInContext, r: WorkflowRunRecord, headCommit: CommitInfo | null): Record<string, unknown> {
  const api = `${repoApi(ctx)}/actions/runs/${r.id}`;
  const repo = repositoryJson(ctx);
  return {
    id: r.id,
    name: r.name,
    node_id: nodeId("WorkflowRun", r.id),
    check_suite_id: r.id + 1,
    check_suite_node_id: nodeId("CheckSuite", r.id + 1),
    head_branch: r.headBranch,
    head_sha: r.headSha,
    path: `.github/workflows/${r.workflowFile}`,
    run_number: r.runNumber,
    run_attempt: 1,
    event: r.event,
    display_title: r.name,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflowId,
    url: api,
    html_url: `${repoHtml(ctx)}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    actor: userJsonByLogin(ctx, r.actor),
    triggering_actor: userJsonByLogin(ctx, r.actor),
    run_started_at: r.runStartedAt ?? r.createdAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApi(ctx)}/check-suites/${r.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${repoApi(ctx)}/actions/workflows/${r.workflowId}`,
    head_commit: headCommit ? simpleCommitJson(headCommit) : null,
    repository: repo,
    head_repository: repo,
  };
}
