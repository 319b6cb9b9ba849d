import type { CommitComparison } from "../port.js";
import type { PortContext } from "./types.js";
import { orNotFound } from "./types.js";

/** Repository-level reads: default branch, branch tips, commit comparison. */
export function repositoryOps({ octokit, repo }: PortContext) {
  let defaultBranch: string | undefined;
  return {
    async getDefaultBranch(): Promise<string> {
      // The default branch rarely changes; one read per port instance (one event) is enough.
      if (defaultBranch !== undefined) return defaultBranch;
      const { data } = await octokit.rest.repos.get({ ...repo });
      defaultBranch = data.default_branch;
      return defaultBranch;
    },
    async getBranchSha(branch: string): Promise<string | null> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
        return data.object.sha;
      }, null);
    },
    async compareCommits(base: string, head: string): Promise<CommitComparison | null> {
      return orNotFound(async () => {
        // One commit per page: only the counts are read, not the commit list or files.
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
        return { status: data.status, aheadBy: data.ahead_by, behindBy: data.behind_by };
      }, null);
    },
  };
}
