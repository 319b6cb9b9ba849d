/**
 * The GitHub App permissions the code needs, route by route: every REST route the app, the worker
 * or the Action calls (through src/github/octokit/*.ts, the config loader and the periodic
 * evaluation) with the repository or organization permission a GitHub App installation token needs
 * for it. app.yml's `default_permissions` must be exactly the union of this table and
 * {@link NON_ROUTE_PERMISSIONS}; test/github/permissions.test.ts finds the routes in the source and
 * fails when one is missing here, so a new route cannot ship without its permission.
 * Source: https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
 */

/** A permission of a GitHub App (app.yml `default_permissions` keys). */
export type AppPermission = "actions" | "checks" | "contents" | "deployments" | "issues" | "members" | "merge_queues" | "metadata" | "pull_requests" | "statuses" | "workflows";
export type Access = "read" | "write";

export interface RouteNeed {
  permission: AppPermission;
  access: Access;
}

/** `METHOD /path` as in GitHub's REST reference -> the permission an installation token needs. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, RouteNeed>> = {
  // Repository
  "GET /repos/{owner}/{repo}": { permission: "metadata", access: "read" },
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": { permission: "metadata", access: "read" },
  "GET /repos/{owner}/{repo}/contents/{path}": { permission: "contents", access: "read" },
  "GET /repos/{owner}/{repo}/git/ref/{ref}": { permission: "contents", access: "read" },
  "GET /repos/{owner}/{repo}/compare/{basehead}": { permission: "contents", access: "read" },
  "GET /repos/{owner}/{repo}/commits/{ref}/status": { permission: "statuses", access: "read" },
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": { permission: "members", access: "read" },
  // Issues, labels, comments, relations
  "GET /repos/{owner}/{repo}/issues": { permission: "issues", access: "read" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}": { permission: "issues", access: "read" },
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": { permission: "issues", access: "write" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": { permission: "issues", access: "read" },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": { permission: "issues", access: "write" },
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": { permission: "issues", access: "read" },
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": { permission: "issues", access: "write" },
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": { permission: "issues", access: "write" },
  "POST /repos/{owner}/{repo}/issues": { permission: "issues", access: "write" },
  "POST /repos/{owner}/{repo}/git/refs": { permission: "contents", access: "write" },
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": { permission: "contents", access: "write" },
  // The batch strategy's staging branch (force-moved) and the base's fast-forward to a tested head.
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": { permission: "contents", access: "write" },
  "POST /repos/{owner}/{repo}/merges": { permission: "contents", access: "write" },
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": { permission: "contents", access: "read" },
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": { permission: "issues", access: "write" },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": { permission: "issues", access: "write" },
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": { permission: "issues", access: "write" },
  "GET /repos/{owner}/{repo}/labels": { permission: "issues", access: "read" },
  "POST /repos/{owner}/{repo}/labels": { permission: "issues", access: "write" },
  "PATCH /repos/{owner}/{repo}/labels/{name}": { permission: "issues", access: "write" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues": { permission: "issues", access: "read" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by": { permission: "issues", access: "read" },
  // An epic's planned children (issue #13): sub-issue and blocked-by links.
  "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues": { permission: "issues", access: "write" },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by": { permission: "issues", access: "write" },
  // Pull requests
  "GET /repos/{owner}/{repo}/pulls": { permission: "pull_requests", access: "read" },
  "POST /repos/{owner}/{repo}/pulls": { permission: "pull_requests", access: "write" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": { permission: "pull_requests", access: "read" },
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": { permission: "pull_requests", access: "write" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": { permission: "pull_requests", access: "read" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": { permission: "pull_requests", access: "read" },
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": { permission: "pull_requests", access: "write" },
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch": { permission: "pull_requests", access: "write" },
  // A merge writes the base branch.
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": { permission: "contents", access: "write" },
  // Checks
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": { permission: "checks", access: "read" },
  "POST /repos/{owner}/{repo}/check-runs": { permission: "checks", access: "write" },
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": { permission: "checks", access: "write" },
  // Actions (the worker workflow)
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs": { permission: "actions", access: "read" },
  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches": { permission: "actions", access: "write" },
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel": { permission: "actions", access: "write" },
  // The server's periodic evaluation lists what it is installed on: the installation token itself
  // is the permission (and GET /app/installations uses the App's JWT, no installation permission).
  "GET /installation/repositories": { permission: "metadata", access: "read" },
  "GET /app/installations": { permission: "metadata", access: "read" },
  // The startup check authenticates as the App (JWT): no installation permission.
  "GET /app": { permission: "metadata", access: "read" },
};

/**
 * Permissions no single route shows but GitHub enforces, with the reason (the README's table).
 * - workflows: write: GitHub refuses an App's merge or branch update (update-branch) whose changes
 *   touch `.github/workflows/`, and gated workflow changes land after `/approve`.
 * - merge_queues: write: the `github` merge strategy hands pull requests to GitHub's merge queue
 *   (GraphQL `enqueuePullRequest`, no REST route), reads it (`Repository.mergeQueue`) and receives
 *   `merge_group` events.
 * - deployments: read: GitHub delivers `deployment_status` events only with it (verification
 *   after a deployment, `verify.on: deployment`, issue #13); no route of ours reads deployments.
 */
export const NON_ROUTE_PERMISSIONS: Readonly<Partial<Record<AppPermission, Access>>> = { workflows: "write", merge_queues: "write", deployments: "read" };

/** The permissions app.yml must ask for: the strongest access each permission is needed with. */
export function requiredPermissions(): Record<AppPermission, Access> {
  const out: Partial<Record<AppPermission, Access>> = { ...NON_ROUTE_PERMISSIONS };
  for (const { permission, access } of Object.values(ROUTE_PERMISSIONS)) {
    if (out[permission] !== "write") out[permission] = access;
  }
  return out as Record<AppPermission, Access>;
}
