import { readFileSync } from "node:fs";
import { z } from "zod";
import type { GitHubPort } from "../github/port.js";

/** The part of a runner's event payload the CLI reads: every repository event names the default branch. */
const RunnerEvent = z.object({ repository: z.object({ default_branch: z.string().min(1) }) });

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
    const parsed = RunnerEvent.safeParse(JSON.parse(readFileSync(eventPath, "utf8")));
    return parsed.success ? parsed.data.repository.default_branch : null;
  } catch {
    return null;
  }
}

/** `port` answering `getDefaultBranch` with `branch` (no request) when it is known. */
export function withDefaultBranch(port: GitHubPort, branch: string | null): GitHubPort {
  if (branch === null) return port;
  return { ...port, getDefaultBranch: async () => branch };
}
