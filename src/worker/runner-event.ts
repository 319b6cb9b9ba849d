import { readFileSync } from "node:fs";
import { defaultBranchOf } from "../github/payload.js";
import type { GitHubPort } from "../github/port.js";

/**
 * The repository's default branch as the workflow run's event payload gives it (the JSON file at
 * `GITHUB_EVENT_PATH`, which GitHub Actions writes for every run; a `workflow_dispatch` payload
 * carries `repository.default_branch`). Null when the variable is unset or the file is missing or
 * has no such field: the caller then asks GitHub (`GET /repos/{owner}/{repo}`, one request).
 * Request budget (issue #9): the worker's reads of a work item lose that request.
 */
export function defaultBranchOfRunnerEvent(eventPath: string | undefined): string | null {
  if (eventPath === undefined || eventPath === "") return null;
  try {
    return defaultBranchOf(JSON.parse(readFileSync(eventPath, "utf8")));
  } catch {
    return null;
  }
}

/** `port` answering `getDefaultBranch` with `branch` (no request) when it is known. */
export function withDefaultBranch(port: GitHubPort, branch: string | null): GitHubPort {
  if (branch === null) return port;
  return { ...port, getDefaultBranch: async () => branch };
}
